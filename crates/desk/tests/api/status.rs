//! The status page over real HTTP, on SQLite and on PostgreSQL: the v2 feed, the agent API and the stream,
//! including two desk processes sharing one database.

use crate::helpers;
use crate::helpers::{TestDesk, field_names};
use reqwest::StatusCode;
use reqwest::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, ETAG, IF_NONE_MATCH};
use serde_json::{Value, json};
use signpost_core::feed::{ComponentStatus, Impact, IncidentStatus, Summary};
use signpost_core::wire::{ErrorBody, Health, UpstreamState};
use std::time::{Duration, Instant};

on_both_backends!(
    the_feed_is_public_cacheable_v2,
    incidents_open_update_and_resolve,
    agent_requests_are_checked,
    maintenance_follows_its_window,
    a_second_desk_streams_what_the_first_was_told,
    the_operator_cli_drives_the_status_page,
    a_mirror_serves_its_upstream_and_refuses_writes,
    notices_tell_a_page_whether_to_load_the_widget,
);

async fn a_mirror_serves_its_upstream_and_refuses_writes(upstream: TestDesk) {
    open(&upstream, "Payouts delayed", "minor", &["Payouts"]).await;
    let mut config = upstream.config.clone();
    // The status page's address will do: the desk reads its /api/v2/summary.json.
    config.status_upstream = Some(format!("{}/", upstream.base));
    let mirror = helpers::start(config).await;
    let health: Health = mirror.get_json("/healthz").await;
    let mirrored = health
        .status_upstream
        .expect("a mirror reports its upstream");
    assert_eq!(mirrored.url, upstream.url("/api/v2/summary.json"));
    assert_eq!(
        (mirrored.state, mirrored.message),
        (UpstreamState::Ok, None)
    );
    assert!(mirrored.last_success.is_some());
    let deadline = Instant::now() + Duration::from_secs(5);
    while summary(&mirror).await.incidents.is_empty() {
        assert!(
            Instant::now() < deadline,
            "the mirror never showed the upstream's incident"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(summary(&mirror).await.incidents[0].name, "Payouts delayed");
    let refused = mirror
        .agent_post(
            "/v1/agent/incidents",
            &json!({"name": "x", "impact": "minor"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
}

/// A site that is not a status page: a redirect, an answer too large, a web page, a server error.
async fn odd_upstream() -> String {
    use axum::http::header::LOCATION;
    let app = axum::Router::new()
        .route(
            "/moved/api/v2/summary.json",
            axum::routing::get(|| async {
                (
                    StatusCode::FOUND,
                    [(
                        LOCATION,
                        "https://status.example.com/api/v2/summary.json?api_key=K",
                    )],
                )
            }),
        )
        .route(
            "/huge/api/v2/summary.json",
            axum::routing::get(|| async {
                format!("{{\"page\":{{\"name\":\"{}\"}}}}", "x".repeat(2 << 20))
            }),
        )
        .route(
            "/page/api/v2/summary.json",
            axum::routing::get(|| async { "<!doctype html><title>Status</title>" }),
        )
        .route(
            "/health.json",
            axum::routing::get(|| async { r#"{"status":"ok","database":"sqlite"}"# }),
        )
        .route(
            "/down/api/v2/summary.json",
            axum::routing::get(|| async { StatusCode::SERVICE_UNAVAILABLE }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base
}

/// Anything that is not a Statuspage summary stops the start, saying why; an upstream that does not answer yet
/// does not, and shows in `/healthz`.
#[tokio::test]
async fn a_mirror_refuses_what_is_not_a_summary() {
    let upstream = helpers::spawn(helpers::Backend::Sqlite).await;
    let odd = odd_upstream().await;
    let start = |url: String| {
        let mut config = upstream.config.clone();
        config.status_upstream = Some(url);
        async move {
            signpost_desk::app::Application::build(config)
                .await
                .map(drop)
        }
    };
    for (url, says) in [
        (
            format!("{odd}/health.json"),
            "not a Statuspage summary: status feed field `status` must be an object",
        ),
        (
            upstream.url("/api/v2/status.json"),
            "without components, incidents: not a summary",
        ),
        (
            upstream.url("/demo/checkout"),
            "checkout/api/v2/summary.json: answered 404 Not Found",
        ),
        (
            format!("{odd}/page"),
            "not a Statuspage summary: status feed is not valid JSON",
        ),
        (
            upstream.url("/nothing/here.json"),
            "answered 404 Not Found: there is no Statuspage summary there",
        ),
        (
            format!("{odd}/moved"),
            "answered 302 Found, redirecting to https://status.example.com/api/v2/summary.json?redacted; redirects are not followed",
        ),
        (format!("{odd}/huge/"), "the answer is larger than 1024 KiB"),
        (
            "status.example.com".to_owned(),
            "--status-upstream: not a URL",
        ),
    ] {
        let error = start(url.clone()).await.expect_err(&url).to_string();
        assert!(error.starts_with("--status-upstream"), "{url}: {error}");
        assert!(error.contains(says), "{url}: {error}");
    }
    for url in [format!("{odd}/down"), "http://127.0.0.1:1".to_owned()] {
        let mut config = upstream.config.clone();
        config.status_upstream = Some(url.clone());
        let mirror = helpers::start(config).await;
        let health: Health = mirror.get_json("/healthz").await;
        assert_eq!(health.status, "ok", "the last good state is still served");
        let mirrored = health.status_upstream.unwrap();
        assert_eq!(mirrored.state, UpstreamState::Unreachable, "{url}");
        assert!(mirrored.message.is_some() && mirrored.last_success.is_none());
    }
}

/// Runs `signpost-desk ARGS` as an operator would, against `desk`.
async fn cli(desk: &TestDesk, args: &[&str]) -> std::process::Output {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_signpost-desk"));
    command
        .args(args)
        .env("SIGNPOST_DESK", &desk.base)
        .env("SIGNPOST_AGENT_TOKEN", helpers::AGENT_TOKEN);
    command.output().await.unwrap()
}

async fn the_operator_cli_drives_the_status_page(desk: TestDesk) {
    let opened = cli(
        &desk,
        &[
            "incident",
            "open",
            "--component",
            "Payments",
            "--impact",
            "major",
            "Card payments failing",
        ],
    )
    .await;
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let id = String::from_utf8(opened.stdout).unwrap().trim().to_owned();
    assert_eq!(summary(&desk).await.incidents[0].id, id);

    let updated = cli(
        &desk,
        &[
            "incident",
            "update",
            &id,
            "Fix deployed",
            "--status",
            "monitoring",
        ],
    )
    .await;
    assert!(updated.status.success());
    assert_eq!(
        summary(&desk).await.incidents[0].status,
        IncidentStatus::Monitoring
    );

    let refused = cli(
        &desk,
        &["incident", "open", "--impact", "apocalyptic", "Everything"],
    )
    .await;
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("impact: one of: none, minor, major, critical")
    );

    let resolved = cli(&desk, &["incident", "resolve", &id]).await;
    assert!(resolved.status.success());
    assert!(summary(&desk).await.incidents.is_empty());
}

async fn summary(desk: &TestDesk) -> Summary {
    let text = desk
        .client
        .get(desk.url("/api/v2/summary.json"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    Summary::parse(&text).unwrap()
}

async fn open(desk: &TestDesk, name: &str, impact: &str, components: &[&str]) -> String {
    let response = desk
        .agent_post(
            "/v1/agent/incidents",
            &json!({"name": name, "impact": impact, "components": components}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn the_feed_is_public_cacheable_v2(desk: TestDesk) {
    let response = desk
        .client
        .get(desk.url("/api/v2/summary.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(
        response.headers()[CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("max-age")
    );
    let etag = response.headers()[ETAG].clone();
    let calm = Summary::parse(&response.text().await.unwrap()).unwrap();
    assert_eq!(calm.status.indicator, Impact::None);
    assert_eq!(calm.status.description, "All Systems Operational");
    assert!(calm.incidents.is_empty());

    let again = desk
        .client
        .get(desk.url("/api/v2/summary.json"))
        .header(IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    for path in [
        "status.json",
        "components.json",
        "incidents.json",
        "incidents/unresolved.json",
        "scheduled-maintenances.json",
        "scheduled-maintenances/upcoming.json",
        "scheduled-maintenances/active.json",
    ] {
        let response = desk
            .client
            .get(desk.url(&format!("/api/v2/{path}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let feed = signpost_core::feed::Feed::parse(&response.text().await.unwrap()).unwrap();
        assert_eq!(feed.page.unwrap().name, "Marketly", "{path}");
    }
}

async fn incidents_open_update_and_resolve(desk: TestDesk) {
    let id = open(&desk, "Card payments failing", "major", &["Payments"]).await;
    let live = summary(&desk).await;
    assert_eq!(live.status.indicator, Impact::Major);
    let incident = &live.incidents[0];
    assert_eq!(
        (incident.id.as_str(), incident.name.as_str()),
        (id.as_str(), "Card payments failing")
    );
    assert_eq!(incident.status, IncidentStatus::Investigating);
    let payments = live
        .components
        .iter()
        .find(|c| c.name == "Payments")
        .unwrap();
    assert_eq!(payments.status, ComponentStatus::PartialOutage);
    assert_eq!(incident.components[0].name, "Payments");

    let response = desk.agent_post(&format!("/v1/agent/incidents/{id}/updates"), &json!({"status": "identified", "message": "A card processor is timing out. <b>Fix</b> underway."})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let live = summary(&desk).await;
    let latest = live.incidents[0].latest_update().unwrap();
    assert_eq!(
        latest.body, "A card processor is timing out. <b>Fix</b> underway.",
        "stored as text, as typed"
    );
    assert_eq!(live.incidents[0].status, IncidentStatus::Identified);

    let response = desk
        .agent_post(
            &format!("/v1/agent/incidents/{id}/resolve"),
            &json!({"message": "Payments work again."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let calm = summary(&desk).await;
    assert!(calm.incidents.is_empty());
    assert_eq!(calm.status.indicator, Impact::None);
    assert!(
        calm.components
            .iter()
            .all(|c| c.status == ComponentStatus::Operational)
    );
    let history: Value = desk.get_json("/api/v2/incidents.json").await;
    assert_eq!(history["incidents"][0]["status"], "resolved");
    assert_eq!(
        history["incidents"][0]["incident_updates"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

async fn notices(desk: &TestDesk, surface: &str) -> Value {
    let response = desk
        .client
        .get(desk.url(&format!("/v1/notices?surface={surface}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // Asked by every page view of every embedding site: public and cacheable like the feed.
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    assert!(response.headers().contains_key(ETAG));
    response.json().await.unwrap()
}

async fn notices_tell_a_page_whether_to_load_the_widget(desk: TestDesk) {
    let quiet = json!({"show": false, "status": null});
    assert_eq!(notices(&desk, "checkout").await, quiet);

    // Payments concern checkout and order pages (content/status-components.toml), not onboarding.
    let id = open(&desk, "Card payments failing", "major", &["Payments"]).await;
    let checkout = notices(&desk, "checkout").await;
    assert_eq!(checkout["show"], true);
    assert_eq!(
        checkout["status"],
        json!({"id": id, "name": "Card payments failing", "severity": "major"})
    );
    assert_eq!(notices(&desk, "order").await["show"], true);
    assert_eq!(notices(&desk, "onboarding").await, quiet);

    for query in ["", "?surface=", "?surface=basket"] {
        let response = desk
            .client
            .get(desk.url(&format!("/v1/notices{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let body: ErrorBody = response.json().await.unwrap();
        assert!(
            body.message.contains("surface"),
            "{query}: {}",
            body.message
        );
    }

    let response = desk
        .agent_post(
            &format!("/v1/agent/incidents/{id}/resolve"),
            &json!({"message": "Payments work again."}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(notices(&desk, "checkout").await, quiet);
}

async fn agent_requests_are_checked(desk: TestDesk) {
    let anonymous = desk
        .client
        .post(desk.url("/v1/agent/incidents"))
        .json(&json!({"name": "x", "impact": "minor"}))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let response = desk
        .agent_post(
            "/v1/agent/incidents",
            &json!({"name": " ", "impact": "huge", "components": ["x".repeat(101)]}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_names(response).await,
        ["name", "impact", "components[0]"]
    );

    let missing = desk
        .agent_post(
            "/v1/agent/incidents/inc_nope/updates",
            &json!({"status": "monitoring", "message": "m"}),
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(
        summary(&desk).await.incidents.is_empty(),
        "nothing half-stored"
    );
}

async fn maintenance_follows_its_window(desk: TestDesk) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let at = |offset: i64| {
        signpost_core::feed::Timestamp::from_unix(now + offset)
            .as_str()
            .to_owned()
    };
    let running = json!({"name": "Payout provider upgrade", "components": ["Payouts"],
                         "scheduled_for": at(-600), "scheduled_until": at(3_600)});
    assert_eq!(
        desk.agent_post("/v1/agent/maintenances", &running)
            .await
            .status(),
        StatusCode::CREATED
    );
    let later = json!({"name": "Database upgrade", "components": ["Checkout"],
                       "scheduled_for": at(6 * 3_600), "scheduled_until": at(7 * 3_600)});
    assert_eq!(
        desk.agent_post("/v1/agent/maintenances", &later)
            .await
            .status(),
        StatusCode::CREATED
    );
    let backwards = json!({"name": "x", "scheduled_for": at(100), "scheduled_until": at(50)});
    let response = desk.agent_post("/v1/agent/maintenances", &backwards).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json::<ErrorBody>().await.unwrap().fields[0].field,
        "scheduled_until"
    );

    let live = summary(&desk).await;
    assert_eq!(live.status.indicator, Impact::Maintenance);
    let payouts = live
        .components
        .iter()
        .find(|c| c.name == "Payouts")
        .unwrap();
    assert_eq!(payouts.status, ComponentStatus::UnderMaintenance);
    let checkout = live
        .components
        .iter()
        .find(|c| c.name == "Checkout")
        .unwrap();
    assert_eq!(
        checkout.status,
        ComponentStatus::Operational,
        "not started yet"
    );
    let active: Value = desk
        .get_json("/api/v2/scheduled-maintenances/active.json")
        .await;
    assert_eq!(
        active["scheduled_maintenances"][0]["name"],
        "Payout provider upgrade"
    );
    let upcoming: Value = desk
        .get_json("/api/v2/scheduled-maintenances/upcoming.json")
        .await;
    assert_eq!(
        upcoming["scheduled_maintenances"][0]["name"],
        "Database upgrade"
    );
}

/// Reads Server-Sent Events until one satisfies `done`, or fails after `limit`.
async fn wait_for_event(
    response: &mut reqwest::Response,
    limit: Duration,
    done: impl Fn(&Summary) -> bool,
) {
    let deadline = Instant::now() + limit;
    let mut buffer = String::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = tokio::time::timeout(left, response.chunk())
            .await
            .expect("an event in time")
            .unwrap()
            .unwrap();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if let Some(data) = event.lines().find_map(|line| line.strip_prefix("data:"))
                && let Ok(summary) = Summary::parse(data.trim())
                && done(&summary)
            {
                return;
            }
        }
    }
}

async fn a_second_desk_streams_what_the_first_was_told(first: TestDesk) {
    // Another process on the same database: nothing but the database connects them.
    let second = helpers::start(first.config.clone()).await;
    let mut stream = second
        .client
        .get(second.url("/v1/status/stream"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    wait_for_event(&mut stream, Duration::from_secs(2), |s| {
        s.incidents.is_empty()
    })
    .await;

    let opened = Instant::now();
    open(&first, "Checkout is slow", "minor", &["Checkout"]).await;
    wait_for_event(&mut stream, Duration::from_secs(1), |s| {
        s.incidents.iter().any(|i| i.name == "Checkout is slow")
    })
    .await;
    assert!(
        opened.elapsed() < Duration::from_secs(1),
        "took {:?}",
        opened.elapsed()
    );
}
