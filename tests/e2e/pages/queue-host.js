// The host page's own script: the usual queue stub, then calls made before the loader has arrived.
window.Signpost = window.Signpost || function () { (Signpost.q = Signpost.q || []).push(arguments); };
window.__events = [];
Signpost('open');
Signpost('on', 'open', function () { window.__opened = true; window.__events.push('open'); });
Signpost('on', 'ready', function () { window.__ready = true; window.__events.push('ready'); });
Signpost('on', 'close', function () { window.__events.push('close'); });
