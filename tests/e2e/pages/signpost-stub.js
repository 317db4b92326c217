window.Signpost=window.Signpost||function(){(Signpost.q=Signpost.q||[]).push(arguments)};
Signpost('on', 'ready', function () { window.__ready = true; });
