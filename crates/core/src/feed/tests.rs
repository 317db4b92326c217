use super::*;
use crate::embed::Surface::{self, Checkout, Onboarding, Order};
use serde_json::{Value, json};

const DISCORD_SUMMARY: &str =
    include_str!("../../../../../shared/data/statuspage-examples/discord_summary.json");
const DISCORD_INCIDENTS: &str =
    include_str!("../../../../../shared/data/statuspage-examples/discord_incidents.json");

/// 2026-11-12T12:00:00Z.
const NOW: i64 = 1_794_484_800;
const HOUR: i64 = 3600;

fn at(unix: i64) -> String {
    Timestamp::from_unix(unix).as_str().to_owned()
}

fn component(id: &str, name: &str, status: &str) -> Value {
    json!({
        "id": id, "name": name, "status": status,
        "created_at": "2025-01-10T09:00:00.000Z", "updated_at": at(NOW - HOUR),
        "position": 1, "description": null, "showcase": true, "start_date": "2025-01-10",
        "group_id": null, "page_id": "mkt0page", "group": false, "only_show_if_degraded": false
    })
}

/// An incident or maintenance in the documented v2 shape, naming `components` (`(id, name)`).
fn incident(id: &str, status: &str, impact: &str, components: &[(&str, &str)]) -> Value {
    let components: Vec<Value> = components
        .iter()
        .map(|(id, name)| component(id, name, "operational"))
        .collect();
    json!({
        "id": id, "name": format!("Incident {id}"), "status": status, "impact": impact,
        "created_at": at(NOW - 2 * HOUR), "updated_at": at(NOW - HOUR),
        "monitoring_at": null, "resolved_at": null, "started_at": at(NOW - 2 * HOUR),
        "shortlink": format!("https://stspg.io/{id}"), "page_id": "mkt0page",
        "incident_updates": [{
            "id": format!("{id}-u1"), "status": status, "body": "We are looking into it.",
            "incident_id": id, "created_at": at(NOW - 2 * HOUR), "updated_at": at(NOW - 2 * HOUR),
            "display_at": at(NOW - 2 * HOUR), "affected_components": null,
            "deliver_notifications": true, "custom_tweet": null, "tweet_id": null
        }],
        "components": components
    })
}

/// A scheduled maintenance over `[from, until)` (Unix seconds).
fn maintenance(
    id: &str,
    status: &str,
    from: i64,
    until: i64,
    components: &[(&str, &str)],
) -> Value {
    let mut value = incident(id, status, "maintenance", components);
    value["scheduled_for"] = json!(at(from));
    value["scheduled_until"] = json!(at(until));
    value
}

fn summary(indicator: &str, components: Value, incidents: Value, maintenances: Value) -> Summary {
    Summary::from_value(&json!({
        "page": {"id": "mkt0page", "name": "Marketplace", "url": "https://status.example",
                 "time_zone": "Etc/UTC", "updated_at": at(NOW - HOUR)},
        "status": {"indicator": indicator, "description": "As the operator left it"},
        "components": components,
        "incidents": incidents,
        "scheduled_maintenances": maintenances
    }))
    .unwrap()
}

fn for_surface(summary: &Summary, surface: Surface) -> SurfaceStatus<'_> {
    surface_status(summary, &ComponentMap::default_marketplace(), surface, NOW)
}

fn ids(incidents: &[&Incident]) -> Vec<String> {
    incidents
        .iter()
        .map(|incident| incident.id.clone())
        .collect()
}

#[test]
fn the_discord_summary_parses() {
    let summary = Summary::parse(DISCORD_SUMMARY).unwrap();
    assert_eq!(summary.page.id, "srhpyqt94yxb");
    assert_eq!(summary.page.name, "Discord");
    assert_eq!(summary.page.time_zone.as_deref(), Some("America/Tijuana"));
    assert_eq!(summary.status.indicator, Impact::None);
    assert_eq!(summary.status.description, "All Systems Operational");
    let [korea] = summary.components.as_slice() else {
        panic!("one component expected");
    };
    assert_eq!(korea.name, "South Korea");
    assert_eq!(korea.status, ComponentStatus::Operational);
    assert_eq!(korea.group_id.as_deref(), Some("jk03xttfcz9b"));
    assert_eq!(korea.position, Some(9));
    assert_eq!(korea.description, None);
    assert!(!korea.group);
    assert!(summary.incidents.is_empty() && summary.scheduled_maintenances.is_empty());
}

#[test]
fn the_discord_incidents_parse_with_only_their_keys() {
    let feed = Feed::parse(DISCORD_INCIDENTS).unwrap();
    assert_eq!(
        (feed.status.is_none(), feed.components.is_none()),
        (true, true)
    );
    assert!(feed.scheduled_maintenances.is_none());
    let incidents = feed.incidents.as_deref().unwrap();
    let incident = &incidents[0];
    assert_eq!(incident.name, "Messaging issues");
    assert_eq!(incident.status, IncidentStatus::Resolved);
    assert_eq!(incident.impact, Impact::Minor);
    assert!(!incident.is_unresolved());
    // 13:37:37.388 at UTC−8 is 21:37:37 UTC.
    let resolved = incident.resolved_at.as_ref().unwrap();
    assert_eq!(resolved.as_str(), "2022-02-15T13:37:37.388-08:00");
    assert_eq!(resolved.unix_seconds(), Some(1_644_961_057));
    assert_eq!(
        incident.started_at.as_ref().unwrap().unix_seconds(),
        Some(1_644_959_657)
    );
    assert_eq!(incident.incident_updates.len(), 4);
    let latest = incident.latest_update().unwrap();
    assert_eq!(latest.id, "g93t2s4f10jh");
    assert_eq!(latest.status, IncidentStatus::Resolved);
    let api = &latest.affected_components[0];
    assert_eq!(
        (api.code.as_str(), api.name.as_str()),
        ("rhznvxg4v7yh", "API")
    );
    assert_eq!(api.new_status, ComponentStatus::Operational);
    assert_eq!(incident.components[0].name, "API");

    // Resolved, so no surface shows it, though its API component maps to all of them.
    let summary = feed.into_summary();
    for surface in Surface::ALL {
        let status = for_surface(&summary, surface);
        assert_eq!(status.severity, Severity::None);
        assert!(status.incidents.is_empty());
    }
}

#[test]
fn missing_keys_read_as_empty() {
    // A "compatible" feed with neither `incidents`, `scheduled_maintenances` nor `page`.
    let summary = Summary::parse(
        r#"{"status": {"indicator": "minor"}, "components": [{"id": "p", "name": "Payments", "status": "degraded_performance"}]}"#,
    )
    .unwrap();
    assert!(summary.incidents.is_empty() && summary.scheduled_maintenances.is_empty());
    assert_eq!(summary.page, Page::default());
    assert_eq!(summary.status.description, "");
    let payments = &summary.components[0];
    assert_eq!(payments.created_at, None);
    assert_eq!(payments.group_id, None);
    assert_eq!(for_surface(&summary, Checkout).severity, Severity::Minor);

    // `null` lists are present and empty; `null` objects are absent.
    let feed = Feed::parse(r#"{"page": null, "incidents": null}"#).unwrap();
    assert_eq!(feed.page, None);
    assert_eq!(feed.incidents, Some(Vec::new()));
    assert_eq!(feed.components, None);

    // An update without `affected_components`, an incident without updates or components.
    let feed = Feed::parse(
        r#"{"incidents": [{"id": "x", "incident_updates": [{"id": "u"}]}, {"id": "y"}]}"#,
    )
    .unwrap();
    let incidents = feed.incidents.unwrap();
    assert!(
        incidents[0].incident_updates[0]
            .affected_components
            .is_empty()
    );
    assert!(incidents[1].incident_updates.is_empty() && incidents[1].components.is_empty());
    assert_eq!(incidents[1].status, IncidentStatus::Unknown(String::new()));
}

#[test]
fn numeric_ids_become_text() {
    let summary = Summary::parse(
        r#"{
        "page": {"id": 17, "name": "Shop"},
        "components": [
            {"id": 100, "name": "Money", "status": "operational", "group": true, "components": [101]},
            {"id": 101, "name": "Card processing", "status": "partial_outage", "group_id": 100, "position": "3"}
        ],
        "incidents": [{"id": 9001, "status": "identified", "impact": "major",
            "incident_updates": [{"id": 1, "incident_id": 9001, "status": "identified",
                "affected_components": [{"code": 101, "name": "Card processing",
                    "old_status": "operational", "new_status": "partial_outage"}]}]}]
    }"#,
    )
    .unwrap();
    assert_eq!(summary.page.id, "17");
    let card = &summary.components[1];
    assert_eq!(card.id, "101");
    assert_eq!(card.group_id.as_deref(), Some("100"));
    assert_eq!(card.position, Some(3));
    assert_eq!(summary.components[0].children, ["101"]);
    let incident = &summary.incidents[0];
    assert_eq!(incident.id, "9001");
    assert_eq!(
        incident.incident_updates[0].incident_id.as_deref(),
        Some("9001")
    );
    assert_eq!(incident.latest_affected_components()[0].code, "101");

    // Mapping the group by its numeric id reaches the component through `group_id`.
    let map = ComponentMap::new().id("100", &[Checkout]);
    let checkout = surface_status(&summary, &map, Checkout, NOW);
    assert_eq!(checkout.severity, Severity::Major);
    assert_eq!(ids(&checkout.incidents), ["9001"]);
    assert_eq!(checkout.degraded_components[0].id, "101");
}

#[test]
fn timestamps_without_a_zone_are_utc() {
    let unix = |text: &str| Timestamp::parse(text).unix_seconds();
    assert_eq!(unix("2026-11-12T12:00:00Z"), Some(NOW));
    assert_eq!(unix("2026-11-12T12:00:00"), Some(NOW));
    assert_eq!(unix("2026-11-12 12:00:00.123456"), Some(NOW));
    assert_eq!(unix("2026-11-12T12:00"), Some(NOW));
    assert_eq!(unix("2026-11-12"), Some(NOW - 12 * HOUR));
    assert_eq!(unix("2026-11-12T13:00:00+0100"), Some(NOW));
    assert_eq!(unix("2026-11-12T04:00:00.000-08:00"), Some(NOW));
    assert_eq!(unix("2026-11-12T12:00:00.5+00"), Some(NOW));
    for text in [
        "yesterday",
        "",
        "12/11/2026 12:00",
        "2026-11-12T12:00:00 UTC",
    ] {
        let timestamp = Timestamp::parse(text);
        assert_eq!(timestamp.unix_seconds(), None, "{text:?}");
        assert_eq!(timestamp.as_str(), text);
    }

    let feed = Feed::parse(
        r#"{"incidents": [{"id": "a", "created_at": "2026-11-12T12:00:00", "updated_at": 1794484800,
            "resolved_at": true}]}"#,
    )
    .unwrap();
    let incident = &feed.incidents.unwrap()[0];
    assert_eq!(
        incident.created_at.as_ref().unwrap().unix_seconds(),
        Some(NOW)
    );
    // A number is Unix seconds, written back as RFC 3339.
    let updated = incident.updated_at.as_ref().unwrap();
    assert_eq!(
        (updated.as_str(), updated.unix_seconds()),
        ("2026-11-12T12:00:00Z", Some(NOW))
    );
    assert_eq!(incident.resolved_at, None);
}

#[test]
fn timestamps_from_unix_read_back_as_the_same_instant() {
    // Every 7 919 301 s over ±300 years lands on all times of day, leap days and centuries.
    let mut unix = -9_500_000_000;
    while unix < 9_500_000_000 {
        let written = Timestamp::from_unix(unix);
        assert_eq!(Timestamp::parse(written.as_str()), written, "{unix}");
        unix += 7_919_301;
    }
    assert_eq!(Timestamp::from_unix(0).as_str(), "1970-01-01T00:00:00Z");
    assert_eq!(Timestamp::from_unix(-1).as_str(), "1969-12-31T23:59:59Z");
    assert_eq!(Timestamp::from_unix(NOW).as_str(), "2026-11-12T12:00:00Z");
}

#[test]
fn numbers_beyond_year_9999_are_no_time_so_a_feed_reads_back_the_same() {
    // Found by the `status` fuzz target: 99999999999999 s was written as `3170843-11-07T09:46:39Z`, which
    // does not read back as a time.
    for json in [
        r#"{"page": {"updated_at": 99999999999999}}"#,
        r#"{"page": {"updated_at": -62167219201}}"#,
        r#"{"page": {"updated_at": 9223372036854775807}}"#,
    ] {
        let feed = Feed::parse(json).unwrap();
        assert_eq!(feed.page.as_ref().unwrap().updated_at, None, "{json}");
        let written = serde_json::to_string(&feed).unwrap();
        assert_eq!(Feed::parse(&written).unwrap(), feed, "{written}");
    }
    for (seconds, text) in [
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (-62_167_219_200, "0000-01-01T00:00:00Z"),
    ] {
        let feed = Feed::parse(&format!(r#"{{"page": {{"updated_at": {seconds}}}}}"#)).unwrap();
        let updated = feed.page.as_ref().unwrap().updated_at.clone().unwrap();
        assert_eq!(
            (updated.as_str(), updated.unix_seconds()),
            (text, Some(seconds))
        );
        let written = serde_json::to_string(&feed).unwrap();
        assert_eq!(Feed::parse(&written).unwrap(), feed, "{written}");
    }
}

#[test]
fn unknown_values_are_kept_and_do_not_fail() {
    let json = r#"{
        "status": {"indicator": "purple", "description": "Hmm"},
        "components": [{"id": "a", "name": "Payments", "status": "degraded", "brand_new_field": {"x": 1}},
                       {"id": "b", "name": "Orders", "status": "Major Outage"}],
        "incidents": [{"id": "i", "status": "paused", "impact": "catastrophic", "incident_updates": [],
                       "components": []},
                      {"id": "m", "status": "in-progress", "impact": "MAINTENANCE"}],
        "something_else": [1, 2, 3]
    }"#;
    let summary = Summary::parse(json).unwrap();
    assert_eq!(summary.status.indicator, Impact::Unknown("purple".into()));
    assert_eq!(
        summary.components[0].status,
        ComponentStatus::Unknown("degraded".into())
    );
    assert_eq!(summary.components[1].status, ComponentStatus::MajorOutage);
    assert_eq!(
        summary.incidents[0].status,
        IncidentStatus::Unknown("paused".into())
    );
    assert_eq!(
        summary.incidents[0].impact,
        Impact::Unknown("catastrophic".into())
    );
    assert_eq!(summary.incidents[1].status, IncidentStatus::InProgress);
    assert_eq!(summary.incidents[1].impact, Impact::Maintenance);
    assert!(summary.incidents[0].is_unresolved());

    // Unknown but present counts as minor: something is reported.
    assert_eq!(
        ComponentStatus::Unknown("degraded".into()).severity(),
        Severity::Minor
    );
    assert_eq!(
        ComponentStatus::Unknown(String::new()).severity(),
        Severity::None
    );
    assert_eq!(
        Impact::Unknown("catastrophic".into()).severity(),
        Severity::Minor
    );

    // Written back as they came.
    let written = serde_json::to_value(&summary).unwrap();
    assert_eq!(written["status"]["indicator"], "purple");
    assert_eq!(written["components"][0]["status"], "degraded");
    assert_eq!(written["incidents"][0]["impact"], "catastrophic");
    assert_eq!(written["incidents"][1]["status"], "in_progress");
}

#[test]
fn malformed_feeds_say_what_is_wrong() {
    let cases = [
        ("[]", "status feed must be a JSON object, found an array"),
        (
            "\"ok\"",
            "status feed must be a JSON object, found a string",
        ),
        ("null", "status feed must be a JSON object, found null"),
        (
            r#"{"data": []}"#,
            "status feed has none of the Statuspage v2 keys (page, status, components, incidents, scheduled_maintenances)",
        ),
        (
            r#"{"incidents": {"id": "a"}}"#,
            "status feed field `incidents` must be an array, found an object",
        ),
        (
            r#"{"scheduled_maintenances": 3}"#,
            "status feed field `scheduled_maintenances` must be an array, found a number",
        ),
        (
            r#"{"components": ["API"]}"#,
            "status feed field `components[0]` must be an object, found a string",
        ),
        (
            r#"{"page": "Discord"}"#,
            "status feed field `page` must be an object, found a string",
        ),
        (
            r#"{"status": ["ok"]}"#,
            "status feed field `status` must be an object, found an array",
        ),
        (
            r#"{"incidents": [{"id": "a"}, {"id": "b", "incident_updates": "none"}]}"#,
            "status feed field `incidents[1].incident_updates` must be an array, found a string",
        ),
        (
            r#"{"incidents": [{"incident_updates": [{"affected_components": [true]}]}]}"#,
            "status feed field `incidents[0].incident_updates[0].affected_components[0]` must be an object, found a boolean",
        ),
        (
            r#"{"scheduled_maintenances": [{"components": {"id": "a"}}]}"#,
            "status feed field `scheduled_maintenances[0].components` must be an array, found an object",
        ),
    ];
    for (json, message) in cases {
        assert_eq!(
            Summary::parse(json).unwrap_err().to_string(),
            message,
            "{json}"
        );
    }

    for json in [
        "",
        "<html><body>502 Bad Gateway</body></html>",
        r#"{"page": "#,
    ] {
        let error = Feed::parse(json).unwrap_err();
        assert!(matches!(error, FeedError::NotJson(_)), "{json:?}");
        assert!(
            error
                .to_string()
                .starts_with("status feed is not valid JSON: "),
            "{error}"
        );
    }
    assert_eq!(
        Summary::parse(r#"{"incidents": 1}"#).unwrap_err(),
        FeedError::WrongType {
            path: "incidents".into(),
            expected: "an array",
            found: "a number"
        }
    );

    // serde reads through the same reader.
    let error = serde_json::from_str::<Summary>(r#"{"components": [1]}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "status feed field `components[0]` must be an object, found a number"
    );
}

#[test]
fn incidents_set_the_severity_whatever_the_indicator_says() {
    // The page says "minor" while a major incident is open on payments.
    let mild = summary(
        "minor",
        json!([component("pay", "Payments", "operational")]),
        json!([incident(
            "inc1",
            "identified",
            "major",
            &[("pay", "Payments")]
        )]),
        json!([]),
    );
    assert_eq!(mild.status.indicator, Impact::Minor);
    assert_eq!(for_surface(&mild, Checkout).severity, Severity::Major);
    assert_eq!(for_surface(&mild, Order).severity, Severity::Major);
    assert_eq!(ids(&for_surface(&mild, Checkout).incidents), ["inc1"]);
    assert_eq!(for_surface(&mild, Onboarding).severity, Severity::None);
    assert!(for_surface(&mild, Onboarding).incidents.is_empty());

    // The page says "none" while a critical one is open.
    let calm = summary(
        "none",
        json!([]),
        json!([incident(
            "inc2",
            "investigating",
            "critical",
            &[("ord", "Order tracking")]
        )]),
        json!([]),
    );
    assert_eq!(calm.status.indicator, Impact::None);
    assert_eq!(for_surface(&calm, Order).severity, Severity::Critical);
    assert_eq!(for_surface(&calm, Checkout).severity, Severity::None);

    // And the reverse: a "major" indicator with nothing open is not an outage anywhere.
    let stale = summary("major", json!([]), json!([]), json!([]));
    for surface in Surface::ALL {
        assert_eq!(for_surface(&stale, surface).severity, Severity::None);
    }
}

#[test]
fn component_statuses_alone_degrade_a_surface() {
    let summary = summary(
        "none",
        json!([
            component("c1", "Card Payments", "partial_outage"),
            component("c2", "Seller verification", "degraded_performance"),
            component("c3", "Voice", "major_outage"),
            component("c4", "Search", "operational"),
            component("c5", "Shipping labels", "under_maintenance"),
        ]),
        json!([]),
        json!([]),
    );
    let checkout = for_surface(&summary, Checkout);
    assert_eq!(checkout.severity, Severity::Major);
    assert!(checkout.incidents.is_empty());
    let names: Vec<&str> = checkout
        .degraded_components
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Card Payments"]);

    let order = for_surface(&summary, Order);
    assert_eq!(order.severity, Severity::Major);
    assert_eq!(order.degraded_components.len(), 2);

    let onboarding = for_surface(&summary, Onboarding);
    assert_eq!(onboarding.severity, Severity::Minor);
    assert_eq!(
        onboarding.degraded_components[0].name,
        "Seller verification"
    );

    // `Voice` maps to nothing, so its major outage shows nowhere.
    assert_eq!(
        for_surface(&summary, Surface::Other).severity,
        Severity::None
    );

    // Under maintenance alone is `Maintenance`.
    let shipping = Summary {
        components: vec![summary.components[4].clone()],
        ..summary.clone()
    };
    assert_eq!(
        for_surface(&shipping, Order).severity,
        Severity::Maintenance
    );
}

#[test]
fn groups_pass_their_surfaces_to_their_components() {
    let mut group = component("g", "Payments", "major_outage");
    group["group"] = json!(true);
    group["components"] = json!(["s"]);
    let mut stripe = component("s", "Stripe", "major_outage");
    stripe["group_id"] = json!("g");
    let summary = summary(
        "major",
        json!([group, stripe]),
        // The incident's own copy of the component lacks `group_id`: the summary's entry supplies it.
        json!([incident(
            "inc",
            "identified",
            "critical",
            &[("s", "Stripe")]
        )]),
        json!([]),
    );
    let checkout = for_surface(&summary, Checkout);
    assert_eq!(checkout.severity, Severity::Critical);
    assert_eq!(ids(&checkout.incidents), ["inc"]);
    // The group is left out: its component is listed.
    let names: Vec<&str> = checkout
        .degraded_components
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Stripe"]);
    assert!(for_surface(&summary, Onboarding).incidents.is_empty());
}

#[test]
fn maintenances_in_progress_count_upcoming_ones_are_announced() {
    let payouts = [("po", "Payouts")];
    let summary = summary(
        "maintenance",
        json!([component("po", "Payouts", "operational")]),
        // A maintenance in the incidents list still counts as a maintenance.
        json!([maintenance(
            "listed",
            "in_progress",
            NOW - HOUR,
            NOW + HOUR,
            &payouts
        )]),
        json!([
            maintenance("running", "in_progress", NOW - HOUR, NOW + HOUR, &payouts),
            maintenance("lagging", "scheduled", NOW - HOUR, NOW + HOUR, &payouts),
            maintenance(
                "soon",
                "scheduled",
                NOW + 2 * HOUR,
                NOW + 3 * HOUR,
                &payouts
            ),
            maintenance(
                "at-24h",
                "scheduled",
                NOW + 24 * HOUR,
                NOW + 25 * HOUR,
                &payouts
            ),
            maintenance(
                "later",
                "scheduled",
                NOW + 30 * HOUR,
                NOW + 31 * HOUR,
                &payouts
            ),
            maintenance(
                "done",
                "completed",
                NOW - 3 * HOUR,
                NOW - 2 * HOUR,
                &payouts
            ),
            maintenance(
                "overdue",
                "scheduled",
                NOW - 3 * HOUR,
                NOW - 2 * HOUR,
                &payouts
            ),
        ]),
    );
    let onboarding = for_surface(&summary, Onboarding);
    assert_eq!(onboarding.severity, Severity::Maintenance);
    assert!(onboarding.incidents.is_empty());
    assert_eq!(
        ids(&onboarding.maintenances_in_progress),
        ["listed", "running", "lagging"]
    );
    assert_eq!(ids(&onboarding.upcoming_maintenances), ["soon", "at-24h"]);

    // Payouts concern onboarding only.
    let checkout = for_surface(&summary, Checkout);
    assert_eq!(checkout.severity, Severity::None);
    assert!(
        checkout.maintenances_in_progress.is_empty() && checkout.upcoming_maintenances.is_empty()
    );

    // An upcoming maintenance alone does not raise the severity.
    let upcoming_only = Summary {
        incidents: vec![],
        scheduled_maintenances: vec![summary.scheduled_maintenances[2].clone()],
        ..summary.clone()
    };
    let onboarding = for_surface(&upcoming_only, Onboarding);
    assert_eq!(onboarding.severity, Severity::None);
    assert_eq!(ids(&onboarding.upcoming_maintenances), ["soon"]);

    // An outage during maintenance outranks the maintenance.
    let mut both = summary.clone();
    both.incidents =
        vec![Incident::deserialize(incident("slow", "monitoring", "minor", &payouts)).unwrap()];
    assert_eq!(for_surface(&both, Onboarding).severity, Severity::Minor);
    assert!(Severity::Maintenance < Severity::Minor && Severity::None < Severity::Maintenance);
}

#[test]
fn an_incident_without_components_concerns_every_surface() {
    let summary = summary(
        "minor",
        json!([]),
        json!([
            incident("everywhere", "investigating", "minor", &[]),
            incident("voice", "investigating", "critical", &[("v", "Voice")]),
        ]),
        json!([]),
    );
    for surface in Surface::ALL {
        let status = for_surface(&summary, surface);
        assert_eq!(ids(&status.incidents), ["everywhere"], "{surface}");
        assert_eq!(status.severity, Severity::Minor);
    }
}

#[test]
fn the_latest_update_that_names_components_maps_the_incident() {
    let mut value = incident("inc", "monitoring", "major", &[]);
    value["incident_updates"] = json!([
        {"id": "new", "status": "monitoring", "display_at": at(NOW - HOUR), "affected_components": null},
        {"id": "old", "status": "identified", "display_at": at(NOW - 2 * HOUR),
         "affected_components": [{"code": "x", "name": "Checkout", "old_status": "operational",
                                  "new_status": "partial_outage"}]},
        {"id": "oldest", "status": "investigating", "display_at": at(NOW - 3 * HOUR),
         "affected_components": [{"code": "y", "name": "Seller onboarding", "old_status": "operational",
                                  "new_status": "degraded_performance"}]},
    ]);
    let summary = summary("minor", json!([]), json!([value]), json!([]));
    let incident = &summary.incidents[0];
    assert_eq!(incident.latest_update().unwrap().id, "new");
    assert_eq!(incident.latest_affected_components()[0].name, "Checkout");
    assert_eq!(ids(&for_surface(&summary, Checkout).incidents), ["inc"]);
    assert_eq!(for_surface(&summary, Checkout).severity, Severity::Major);
    assert!(for_surface(&summary, Onboarding).incidents.is_empty());
}

#[test]
fn the_latest_update_goes_by_time_then_by_feed_order() {
    let updates =
        |json: Value| Incident::deserialize(json!({"id": "i", "incident_updates": json})).unwrap();
    // Listed oldest first; `display_at` wins over `created_at`, which is used when it is missing.
    let incident = updates(json!([
        {"id": "a", "created_at": "2026-11-12T09:00:00Z"},
        {"id": "b", "created_at": "2026-11-12T08:00:00Z", "display_at": "2026-11-12T11:00:00+01:00"},
        {"id": "c", "created_at": "2026-11-12T09:30:00Z"},
    ]));
    // `b` was created first but is shown at 10:00 UTC, after `c` (09:30).
    assert_eq!(incident.latest_update().unwrap().id, "b");
    // Without readable times, the first listed (Statuspage lists newest first).
    let incident = updates(json!([{"id": "first"}, {"id": "second", "created_at": "soon"}]));
    assert_eq!(incident.latest_update().unwrap().id, "first");
    assert_eq!(updates(json!([])).latest_update(), None);
}

#[test]
fn resolution_follows_the_status() {
    let incident = |status: &str, resolved_at: Value| {
        Incident::deserialize(json!({"id": "i", "status": status, "resolved_at": resolved_at}))
            .unwrap()
    };
    for status in [
        "investigating",
        "identified",
        "monitoring",
        "scheduled",
        "in_progress",
        "verifying",
    ] {
        assert!(incident(status, Value::Null).is_unresolved(), "{status}");
    }
    for status in ["resolved", "postmortem", "completed"] {
        assert!(!incident(status, Value::Null).is_unresolved(), "{status}");
    }
    assert!(incident("paused", Value::Null).is_unresolved());
    assert!(!incident("closed", json!(at(NOW))).is_unresolved());
}

#[test]
fn open_incidents_are_listed_worst_first() {
    let summary = summary(
        "major",
        json!([]),
        json!([
            incident("minor", "investigating", "minor", &[]),
            incident("critical", "investigating", "critical", &[]),
            incident("none", "investigating", "none", &[]),
            incident("gone", "resolved", "critical", &[]),
        ]),
        json!([]),
    );
    let status = for_surface(&summary, Checkout);
    assert_eq!(ids(&status.incidents), ["critical", "minor", "none"]);
    assert_eq!(status.severity, Severity::Critical);
}

#[test]
fn the_marketplace_map_matches_words() {
    let map = ComponentMap::default_marketplace();
    let surfaces = |name: &str| map.surfaces("", name);
    assert_eq!(surfaces("Payments"), [Checkout, Order]);
    assert_eq!(surfaces("card-payment processing"), [Checkout, Order]);
    assert_eq!(surfaces("Deliveries"), [Order]);
    assert_eq!(surfaces("ORDER TRACKING"), [Order]);
    assert_eq!(surfaces("Seller payouts"), [Onboarding]);
    assert_eq!(surfaces("Identity Verification"), [Onboarding]);
    assert_eq!(surfaces("Public API"), Surface::ALL);
    assert_eq!(surfaces("Mobile apps"), Surface::ALL);
    assert_eq!(surfaces("Website"), Surface::ALL);
    for unrelated in [
        "Webhooks",
        "Rapid search",
        "Prepayments",
        "Approvals",
        "Voice",
        "",
    ] {
        assert!(surfaces(unrelated).is_empty(), "{unrelated}");
    }

    let own = ComponentMap::new()
        .name("Card Processing", &[Checkout])
        .id("abc123", &[Order]);
    assert_eq!(own.surfaces("zzz", " card processing "), [Checkout]);
    assert_eq!(own.surfaces("abc123", "Whatever"), [Order]);
    assert!(own.surfaces("ABC123", "Card processing v2").is_empty());

    // The map is configuration: it round-trips through JSON.
    let json = serde_json::to_value(&own).unwrap();
    assert_eq!(
        json,
        json!({"rules": [
            {"component": {"name": "Card Processing"}, "surfaces": ["checkout"]},
            {"component": {"id": "abc123"}, "surfaces": ["order"]},
        ]})
    );
    assert_eq!(serde_json::from_value::<ComponentMap>(json).unwrap(), own);
}

#[test]
fn a_summary_written_out_reads_back_the_same() {
    let mut group = component("g", "Payments", "partial_outage");
    group["group"] = json!(true);
    group["components"] = json!(["s"]);
    let mut stripe = component("s", "Stripe", "partial_outage");
    stripe["group_id"] = json!("g");
    let mut open = incident("inc", "identified", "major", &[("s", "Stripe")]);
    open["incident_updates"][0]["affected_components"] = json!([
        {"code": "s", "name": "Stripe", "old_status": "operational", "new_status": "partial_outage"}
    ]);
    open["created_at"] = json!("2026-11-12T09:00:00");
    let original = summary(
        "major",
        json!([group, stripe]),
        json!([open]),
        json!([maintenance(
            "m",
            "scheduled",
            NOW + HOUR,
            NOW + 2 * HOUR,
            &[("po", "Payouts")]
        )]),
    );

    let written = serde_json::to_string(&original).unwrap();
    assert_eq!(Summary::parse(&written).unwrap(), original);

    // The standard v2 names, with nulls where v2 has them.
    let value: Value = serde_json::from_str(&written).unwrap();
    let keys = |value: &Value| {
        let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(
        keys(&value),
        [
            "components",
            "incidents",
            "page",
            "scheduled_maintenances",
            "status"
        ]
    );
    assert_eq!(
        value["status"],
        json!({"indicator": "major", "description": "As the operator left it"})
    );
    assert_eq!(value["components"][0]["components"], json!(["s"]));
    assert_eq!(value["components"][1]["group_id"], "g");
    let written_incident = &value["incidents"][0];
    assert_eq!(written_incident["resolved_at"], Value::Null);
    assert_eq!(written_incident["created_at"], "2026-11-12T09:00:00");
    assert!(written_incident.get("scheduled_for").is_none());
    assert_eq!(
        written_incident["incident_updates"][0]["affected_components"][0]["new_status"],
        "partial_outage"
    );
    assert_eq!(
        value["scheduled_maintenances"][0]["scheduled_for"],
        at(NOW + HOUR)
    );

    // The real payloads too; a feed keeps its endpoint's keys.
    let discord = Summary::parse(DISCORD_SUMMARY).unwrap();
    assert_eq!(
        Summary::parse(&serde_json::to_string(&discord).unwrap()).unwrap(),
        discord
    );
    let incidents = Feed::parse(DISCORD_INCIDENTS).unwrap();
    let written: Value = serde_json::to_value(&incidents).unwrap();
    assert_eq!(keys(&written), ["incidents", "page"]);
    assert_eq!(Feed::from_value(&written).unwrap(), incidents);
    assert_eq!(serde_json::from_value::<Feed>(written).unwrap(), incidents);
}
