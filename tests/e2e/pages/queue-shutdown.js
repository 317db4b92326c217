// The queue stub, then a shutdown queued before the loader has arrived (say the user opted out of support chat).
window.Signpost = window.Signpost || function () { (Signpost.q = Signpost.q || []).push(arguments); };
Signpost('shutdown');
