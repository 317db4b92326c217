window.Signpost=window.Signpost||function(){(Signpost.q=Signpost.q||[]).push(arguments)};
