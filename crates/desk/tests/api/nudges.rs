//! Proactive nudges (issue 16) over real HTTP, on SQLite and on PostgreSQL: an update or the resolution of an
//! incident a ticket names is written once into the thread of each open ticket that names it, by the desk
//! itself, without answering the ticket; with two desks on one database, after a re-run, and from a mirrored feed.

use crate::helpers::{self, Backend, TestDesk, ticket, wait_for};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::tickets::{Author, TicketCreated, TicketStatus, TicketView};
use signpost_desk::db::Db;
use std::time::Duration;

on_both_backends!(
    an_incident_s_updates_reach_the_open_tickets_that_name_it,
    two_desks_post_each_update_once,
    an_incident_s_news_waits_for_its_earlier_news,
    a_mirror_tells_tickets_what_it_reads_upstream,
);

/// Generous: CI is a loaded 2-core machine.
const LIMIT: Duration = Duration::from_secs(20);

/// Opens incident `name` on `desk`'s own status page; its id.
async fn open_incident(desk: &TestDesk, name: &str) -> String {
    let body = json!({"name": name, "impact": "major", "components": ["Payments"]});
    let response = desk.agent_post("/v1/agent/incidents", &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let opened: Value = response.json().await.unwrap();
    opened["id"].as_str().unwrap().to_owned()
}

/// Posts an update (or with `path` `resolve`, the resolution) to incident `id`.
async fn post_update(desk: &TestDesk, id: &str, path: &str, body: Value) {
    let response = desk
        .agent_post(&format!("/v1/agent/incidents/{id}/{path}"), &body)
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
}

/// Files a ticket under idempotency `key`, its context naming `incidents` (id, name) as the widget showed them.
async fn file_naming(desk: &TestDesk, key: &str, incidents: &[(&str, &str)]) -> TicketCreated {
    let mut body = ticket("Card payment failed twice");
    body["context"]["active_incidents"] = incidents
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name, "impact": "major"}))
        .collect();
    desk.file_ok(key, None, &body).await
}

/// The thread as its filer reads it.
async fn thread(desk: &TestDesk, created: &TicketCreated) -> TicketView {
    let response = desk
        .read_ticket(&created.id, Some(&created.access_token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// Waits until `created`'s thread has `count` messages, and answers it.
async fn thread_of(desk: &TestDesk, created: &TicketCreated, count: usize) -> TicketView {
    let what = format!("{} with {count} messages", created.id);
    wait_for(&what, LIMIT, async || {
        thread(desk, created).await.messages.len() >= count
    })
    .await;
    let view = thread(desk, created).await;
    assert_eq!(view.messages.len(), count, "{view:?}");
    view
}

/// The ticket as agents see it.
async fn agent_view(desk: &TestDesk, created: &TicketCreated) -> Value {
    desk.agent_get(&format!("/v1/agent/tickets/{}", created.id))
        .await
}

async fn an_incident_s_updates_reach_the_open_tickets_that_name_it(desk: TestDesk) {
    let incident = open_incident(&desk, "Card payments failing").await;
    let other = open_incident(&desk, "Payouts delayed").await;
    let named = [(incident.as_str(), "Card payments failing")];
    // Filed in this order, so that by the time the last has a message the others have had their turn.
    let unrelated = file_naming(&desk, "nudge-unrelated-1", &[(&other, "Payouts delayed")]).await;
    let solved = file_naming(&desk, "nudge-solved-0001", &named).await;
    let answered = file_naming(&desk, "nudge-answered-01", &named).await;
    let open = file_naming(&desk, "nudge-open-000001", &named).await;
    desk.solve(&solved.id).await;
    let reply = json!({"body": "We are on it."});
    let response = desk
        .agent_post(&format!("/v1/agent/tickets/{}/reply", answered.id), &reply)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let answered_at = agent_view(&desk, &answered).await["first_response_at"].clone();
    assert!(answered_at.is_string());
    let mut stream = desk
        .open_stream(&desk.thread_stream(&open).await, None)
        .await;
    assert_eq!(stream.status, 200);

    let update = json!({"status": "identified", "message": "A card processor is timing out.\nFix underway."});
    post_update(&desk, &incident, "updates", update).await;
    let view = thread_of(&desk, &open, 2).await;
    let told = &view.messages[1];
    assert_eq!(told.author, Author::System);
    assert_eq!(
        told.body,
        "Card payments failing — Identified\nA card processor is timing out.\nFix underway."
    );
    // Like any message, it reaches the thread's stream.
    assert!(
        stream.wait_for(r#""author":"system""#, LIMIT).await,
        "{}",
        stream.text
    );
    // No answer: the ticket stays open, unanswered and unassigned.
    assert_eq!(view.status, TicketStatus::Open);
    let seen = agent_view(&desk, &open).await;
    assert_eq!(seen["status"], "open");
    assert_eq!(seen["first_response_at"], Value::Null);
    assert_eq!(seen["assignee"], Value::Null);
    assert_eq!(seen["messages"][1]["author"], "system");
    assert_eq!(seen["messages"][1]["agent"], Value::Null);
    assert_eq!(seen["messages"][1]["internal"], false);
    // Filed after the update, knowing it: told of the resolution only.
    let late = file_naming(&desk, "nudge-late-000001", &named).await;

    post_update(&desk, &incident, "resolve", json!({})).await;
    let view = thread_of(&desk, &open, 3).await;
    assert_eq!(view.messages[2].author, Author::System);
    assert_eq!(
        view.messages[2].body,
        "Card payments failing — Resolved\nThis incident has been resolved."
    );
    assert_eq!(view.status, TicketStatus::Open);
    assert_eq!(
        agent_view(&desk, &open).await["first_response_at"],
        Value::Null
    );

    // Waiting on the user, it is told too, and still waits on the user, answered when it was.
    let view = thread_of(&desk, &answered, 4).await;
    assert_eq!(view.status, TicketStatus::Pending);
    let authors: Vec<Author> = view.messages.iter().map(|m| m.author).collect();
    assert_eq!(
        authors,
        [Author::User, Author::Agent, Author::System, Author::System]
    );
    assert_eq!(
        agent_view(&desk, &answered).await["first_response_at"],
        answered_at
    );
    // Solved, or about another incident: nothing.
    let view = thread_of(&desk, &solved, 1).await;
    assert_eq!(view.status, TicketStatus::Solved);
    thread_of(&desk, &unrelated, 1).await;
    let view = thread_of(&desk, &late, 2).await;
    assert_eq!(
        view.messages[1].body,
        "Card payments failing — Resolved\nThis incident has been resolved."
    );
}

async fn two_desks_post_each_update_once(first: TestDesk) {
    let second = helpers::start(first.config.clone()).await;
    let incident = open_incident(&first, "Card payments failing").await;
    let named = [(incident.as_str(), "Card payments failing")];
    let on_first = file_naming(&first, "nudge-twice-00001", &named).await;
    let on_second = file_naming(&second, "nudge-twice-00002", &named).await;
    let update = json!({"status": "monitoring", "message": "A fix is out."});
    post_update(&second, &incident, "updates", update).await;
    post_update(&first, &incident, "resolve", json!({})).await;
    for created in [&on_first, &on_second] {
        thread_of(&first, created, 3).await;
    }

    let since = file_naming(&second, "nudge-twice-00003", &named).await;
    // A re-run, as after a crash before the news was marked done: both desks post it all again, and nothing
    // reaches a thread twice, nor a ticket filed after the updates.
    let db = Db::connect(&first.config.database_url()).await.unwrap();
    let rerun = "UPDATE incident_news SET done_at = NULL, lease_until = NULL";
    signpost_desk::with_pool!(&db, pool => sqlx::query(rerun).execute(pool).await.map(drop).unwrap());
    let pending = "SELECT COUNT(*) FROM incident_news WHERE done_at IS NULL";
    wait_for("the re-run", LIMIT, async || {
        let left: i64 =
            signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(pending).fetch_one(pool).await.unwrap());
        left == 0
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    for created in [&on_first, &on_second] {
        let view = thread_of(&second, created, 3).await;
        let bodies: Vec<&str> = view.messages[1..].iter().map(|m| m.body.as_str()).collect();
        assert_eq!(
            bodies,
            [
                "Card payments failing — Monitoring\nA fix is out.",
                "Card payments failing — Resolved\nThis incident has been resolved."
            ]
        );
    }
    thread_of(&first, &since, 1).await;
    let records = "SELECT COUNT(*) FROM incident_nudges";
    let records: i64 = signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(records).fetch_one(pool).await.unwrap());
    assert_eq!(records, 4, "two tickets, two updates each");
    db.close().await;
}

/// News of an incident whose earlier news another replica still holds waits for it (else "Resolved" could reach
/// a thread before "Monitoring"); another incident's news does not wait. The desk's poster takes news oldest
/// first, so once the later incident's news is done the waiting one was passed over, not merely not reached.
async fn an_incident_s_news_waits_for_its_earlier_news(desk: TestDesk) {
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let insert = "INSERT INTO incident_news (source, incident_id, update_id, incident_name, status, body, \
                  posted_at, created_at, lease_until) VALUES ('page', $1, $2, 'Card payments failing', \
                  'monitoring', 'A fix is out.', $3, $3, $4)";
    let now = signpost_desk::clock::now_stamp();
    let held_elsewhere = Some("2999-01-01T00:00:00.000Z");
    for (incident, update, lease) in [
        ("held", "first", held_elsewhere),
        ("held", "second", None),
        ("other", "first", None),
    ] {
        signpost_desk::with_pool!(&db, pool => sqlx::query(insert)
            .bind(incident).bind(update).bind(&now).bind(lease)
            .execute(pool).await.map(drop).unwrap());
    }
    let state = async |incident: &str, update: &str| -> (Option<String>, Option<String>) {
        let sql = "SELECT done_at, lease_until FROM incident_news WHERE incident_id = $1 AND update_id = $2";
        signpost_desk::with_pool!(&db, pool => sqlx::query_as(sql)
            .bind(incident).bind(update).fetch_one(pool).await.unwrap())
    };
    wait_for("the other incident's news", LIMIT, async || {
        state("other", "first").await.0.is_some()
    })
    .await;
    assert_eq!(state("held", "second").await, (None, None));

    let posted = "UPDATE incident_news SET done_at = $1, lease_until = NULL WHERE incident_id = 'held' \
                  AND update_id = 'first'";
    signpost_desk::with_pool!(&db, pool => sqlx::query(posted).bind(&now).execute(pool).await.map(drop).unwrap());
    wait_for("the held incident's later news", LIMIT, async || {
        state("held", "second").await.0.is_some()
    })
    .await;
    db.close().await;
}

/// A mirror's replicas (each started after a change upstream, so that its first read sees it) tell the tickets
/// filed on the mirror of the updates they read, and of the resolution they see as the incident leaving the
/// upstream's summary.
async fn a_mirror_tells_tickets_what_it_reads_upstream(upstream: TestDesk) {
    let incident = open_incident(&upstream, "Card payments failing").await;
    let dir = tempfile::tempdir().unwrap();
    let backend = match upstream.config.database_url().starts_with("sqlite") {
        true => Backend::Sqlite,
        false => Backend::Postgres,
    };
    let mut config = upstream.config.clone();
    config.database = Some(helpers::fresh_database(backend, dir.path()).await);
    config.status_upstream = Some(upstream.base.clone());
    let mirror = helpers::start(config.clone()).await;
    let named = [(incident.as_str(), "Card payments failing")];
    let created = file_naming(&mirror, "nudge-mirror-0001", &named).await;
    // The mirror read the incident's opening before the ticket was filed: not news to it.
    tokio::time::sleep(Duration::from_secs(2)).await;
    thread_of(&mirror, &created, 1).await;

    let update = json!({"status": "identified", "message": "Fix underway."});
    post_update(&upstream, &incident, "updates", update).await;
    let _replica = helpers::start(config.clone()).await;
    let view = thread_of(&mirror, &created, 2).await;
    assert_eq!(view.messages[1].author, Author::System);
    assert_eq!(
        view.messages[1].body,
        "Card payments failing — Identified\nFix underway."
    );

    post_update(&upstream, &incident, "resolve", json!({})).await;
    let _another = helpers::start(config).await;
    let view = thread_of(&mirror, &created, 3).await;
    assert_eq!(
        view.messages[2].body,
        "Card payments failing — Resolved\nThis incident has been resolved."
    );
    assert_eq!(view.status, TicketStatus::Open);
}
