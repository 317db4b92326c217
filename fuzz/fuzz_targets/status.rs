//! A Statuspage v2 response as the desk reads it from `--status-upstream` and the widget from `data-status-url`:
//! any text. Reading must never panic; a refusal says why; `Summary::parse` is `Feed::parse` with the missing
//! parts empty, and `serde_json` reads the same; what was read, written back as the desk serves it, reads back
//! the same; and any surface's status can be worked out from it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_core::embed::Surface;
use signpost_core::feed::{ComponentMap, Feed, Summary, surface_status};
use signpost_fuzz::{NOW, explained};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let feed = Feed::parse(text);
    let summary = Summary::parse(text);
    assert_eq!(summary, feed.clone().map(Feed::into_summary));
    assert_eq!(
        serde_json::from_str::<Summary>(text).is_ok(),
        summary.is_ok(),
        "serde_json and Summary::parse disagree"
    );
    let (feed, summary) = match (feed, summary) {
        (Ok(feed), Ok(summary)) => (feed, summary),
        (Err(error), _) | (_, Err(error)) => return explained(&error),
    };

    // What the desk serves as its own feed reads back as what it was made from.
    let written = serde_json::to_string(&feed).expect("a feed serialises");
    assert_eq!(Feed::parse(&written).as_ref(), Ok(&feed), "{written}");
    let written = serde_json::to_string(&summary).expect("a summary serialises");
    assert_eq!(Summary::parse(&written).as_ref(), Ok(&summary), "{written}");

    let mapping = ComponentMap::default_marketplace();
    for surface in Surface::ALL {
        let status = surface_status(&summary, &mapping, surface, NOW);
        assert_eq!(status.surface, surface);
        for incident in status
            .incidents
            .iter()
            .chain(&status.maintenances_in_progress)
        {
            assert!(
                incident.is_unresolved(),
                "a resolved item is shown: {incident:?}"
            );
        }
        for shown in [
            &status.incidents,
            &status.maintenances_in_progress,
            &status.upcoming_maintenances,
        ] {
            assert!(shown.len() <= summary.incidents.len() + summary.scheduled_maintenances.len());
        }
        for incident in &status.incidents {
            assert!(incident.impact.severity() <= status.severity);
        }
        for component in &status.degraded_components {
            assert!(component.status.severity() <= status.severity);
        }
    }
});
