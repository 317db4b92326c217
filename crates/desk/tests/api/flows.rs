//! Guided flows over real HTTP, on SQLite and on PostgreSQL: the shipped flows listed in the user's language
//! and served as the widget runs them, a refused flow file (a broken step, an unknown contact topic) missing
//! while everything else serves, and the way a user took through a flow filed with their ticket: kept whole
//! for the agent, or refused with the field named and nothing stored.

use crate::helpers::{self, TestDesk, ticket};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::context::Context;
use signpost_core::flows::{FlowDocument, FlowPath, Reply, Situation, WalkState};
use signpost_core::help::SiteConfig;
use signpost_core::rules::{Clock, PlainFormatter};
use signpost_core::tickets::{TicketCreated, TicketView};
use signpost_core::wire::{ErrorBody, ErrorCode, Problem};
use signpost_desk::db::Db;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

on_both_backends!(
    the_shipped_flows_are_listed_in_the_users_language_and_served,
    a_refused_flow_file_is_missing_and_the_rest_serves,
    the_way_through_a_flow_is_kept_with_the_ticket,
    a_bad_flow_path_is_refused_by_field_and_nothing_is_stored,
);

/// The flows in `content/flows/`, by id, with their Spanish titles.
const SHIPPED_IN_SPANISH: [(&str, &str); 5] = [
    (
        "id-document-rejected",
        "Han rechazado mi documento de identidad",
    ),
    ("payment-failed", "Mi pago no se ha completado"),
    ("return-or-refund", "Devolución o reembolso"),
    ("where-is-my-order", "¿Dónde está mi pedido?"),
    ("where-is-my-payout", "¿Dónde está mi pago?"),
];

/// The repo's content folder.
fn repo_content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// `GET /v1/flows/{id}`.
async fn get_flow(desk: &TestDesk, id: &str) -> reqwest::Response {
    let url = desk.url(&format!("/v1/flows/{id}"));
    desk.client.get(url).send().await.unwrap()
}

/// The flows `/v1/site` lists in `locale`, as (id, version, title).
async fn listed(desk: &TestDesk, locale: &str) -> Vec<(String, u32, String)> {
    let site: SiteConfig = desk.get_json(&format!("/v1/site?locale={locale}")).await;
    site.flows
        .into_iter()
        .map(|flow| (flow.id, flow.version, flow.title))
        .collect()
}

/// Asserts a 404 in the one error shape.
async fn assert_not_found(response: reqwest::Response, what: &str) {
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "{what}");
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.code, ErrorCode::NotFound, "{what}");
}

async fn the_shipped_flows_are_listed_in_the_users_language_and_served(desk: TestDesk) {
    let spanish = listed(&desk, "es").await;
    let expected: Vec<(String, u32, String)> = SHIPPED_IN_SPANISH
        .iter()
        .map(|(id, title)| ((*id).to_owned(), 1, (*title).to_owned()))
        .collect();
    assert_eq!(spanish, expected);
    // A regional locale reads its language; a language a flow has no title in reads English.
    let mexican = listed(&desk, "es-MX").await;
    assert_eq!(mexican, expected);
    let french = listed(&desk, "fr").await;
    let order = french.iter().find(|(id, ..)| id == "where-is-my-order");
    assert_eq!(order.unwrap().2, "Where is my order?");

    let response = get_flow(&desk, "where-is-my-order").await;
    assert_eq!(response.status(), StatusCode::OK);
    let served: FlowDocument = response.json().await.unwrap();
    assert_eq!(served.id, "where-is-my-order");
    assert_eq!(served.file["version"], 1);
    assert_eq!(served.file["title"]["es"], "¿Dónde está mi pedido?");
    let steps = served.file["step"].as_array().unwrap();
    assert_eq!(steps[0]["id"], "start", "the first step is the start");
    assert!(steps.iter().any(|step| step["id"] == "ask-status"));
    // Every language in it, as the file has it: the widget picks the user's.
    let text =
        std::fs::read_to_string(repo_content().join("flows/where-is-my-order.toml")).unwrap();
    let file = FlowDocument::from_toml("where-is-my-order.toml", &text).unwrap();
    assert_eq!(served, file);
    let flow = served
        .parse()
        .expect("the widget can run what it is served");
    assert_eq!((flow.id(), flow.version()), ("where-is-my-order", 1));

    for unknown in ["no-such-flow", "rules", "WHERE-IS-MY-ORDER"] {
        assert_not_found(get_flow(&desk, unknown).await, unknown).await;
    }
}

/// A flow that loads: a question, an answer with an article, a hand-off.
const SOUND_FLOW: &str = r#"
version = 2
topic = "order-not-arrived"
title.en = "Is my parcel lost?"
title.es = "¿Se ha perdido mi paquete?"

[[step]]
id = "ask"
text.en = "Has it shipped?"
text.es = "¿Se ha enviado?"

[[step.choice]]
label.en = "Yes"
label.es = "Sí"
next = "tracking"

[[step.choice]]
label.en = "Not yet"
label.es = "Todavía no"
next = "person"

[[step]]
id = "tracking"
text.en = "Check the tracking on your order."
article = "track-order"
next = "person"

[[step]]
id = "person"
end = "handoff"
"#;

/// A copy of the repo's content folder with [`SOUND_FLOW`] as `lost-parcel` and three files refused at load,
/// each [`SOUND_FLOW`] with one change: a choice leading to a step that does not exist (`lost-parcel-broken`),
/// a contact topic the desk does not know (`lost-parcel-topic`), and a hand-off to one (`lost-parcel-handoff`).
fn content_with_refused_flows() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&repo_content(), dir.path());
    let flows = dir.path().join("flows");
    let variants = [
        ("lost-parcel", SOUND_FLOW.to_owned()),
        (
            "lost-parcel-broken",
            SOUND_FLOW.replacen("next = \"tracking\"", "next = \"trackign\"", 1),
        ),
        (
            "lost-parcel-topic",
            SOUND_FLOW.replace("topic = \"order-not-arrived\"", "topic = \"world-peace\""),
        ),
        (
            "lost-parcel-handoff",
            SOUND_FLOW.replace(
                "end = \"handoff\"",
                "end = \"handoff\"\ntopic = \"world-peace\"",
            ),
        ),
    ];
    for (id, text) in variants {
        assert!(id == "lost-parcel" || text != SOUND_FLOW, "{id} is changed");
        std::fs::write(flows.join(format!("{id}.toml")), text).unwrap();
    }
    // The broken file is refused for its choice, not for a slip in the test.
    let text = std::fs::read_to_string(flows.join("lost-parcel-broken.toml")).unwrap();
    let problems = signpost_core::flows::parse_flow("lost-parcel-broken.toml", &text).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|problem| problem.step.as_deref() == Some("ask")
                && problem
                    .field
                    .as_deref()
                    .is_some_and(|f| f.contains("choice"))),
        "{problems:#?}"
    );
    dir
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

async fn a_refused_flow_file_is_missing_and_the_rest_serves(base: TestDesk) {
    let content = content_with_refused_flows();
    let mut config = base.config.clone();
    config.content = content.path().to_owned();
    let desk = helpers::start(config).await;

    for refused in [
        "lost-parcel-broken",
        "lost-parcel-topic",
        "lost-parcel-handoff",
    ] {
        assert_not_found(get_flow(&desk, refused).await, refused).await;
    }
    let sound = get_flow(&desk, "lost-parcel").await;
    assert_eq!(sound.status(), StatusCode::OK);
    let sound: FlowDocument = sound.json().await.unwrap();
    assert_eq!(sound.file["version"], 2);
    for (id, _) in SHIPPED_IN_SPANISH {
        assert_eq!(get_flow(&desk, id).await.status(), StatusCode::OK, "{id}");
    }

    let mut expected: Vec<(String, u32, String)> = SHIPPED_IN_SPANISH
        .iter()
        .map(|(id, title)| ((*id).to_owned(), 1, (*title).to_owned()))
        .collect();
    expected.push(("lost-parcel".into(), 2, "¿Se ha perdido mi paquete?".into()));
    expected.sort();
    assert_eq!(
        listed(&desk, "es").await,
        expected,
        "no refused flow listed"
    );

    // The rest of the folder serves as usual: articles, search and the rules.
    let article = desk
        .client
        .get(desk.url("/v1/articles/track-order"))
        .send()
        .await
        .unwrap();
    assert_eq!(article.status(), StatusCode::OK);
    let found: Value = desk.get_json("/v1/search?q=refund").await;
    assert!(!found["results"].as_array().unwrap().is_empty(), "{found}");
    let site: SiteConfig = desk.get_json("/v1/site?locale=es").await;
    assert!(
        site.rules["rule"]
            .as_array()
            .is_some_and(|rules| !rules.is_empty())
    );
}

/// 2026-11-15 12:00 UTC.
const NOW: Clock = Clock {
    now_unix_seconds: 1_794_744_000,
    utc_offset_minutes: 60,
};

/// The way a Spanish-speaking buyer with no order on the page, during a payments incident, takes through
/// `where-is-my-order` as the desk serves it, walked as the widget walks it: "it's shipped", the tracking
/// answer did not help, "something else", handed off.
async fn spanish_way_to_a_person(desk: &TestDesk) -> FlowPath {
    let served: FlowDocument = desk.get_json("/v1/flows/where-is-my-order").await;
    let flow = served.parse().unwrap();
    let page = json!({"surface": "order", "role": "buyer", "locale": "es-ES"});
    let (context, warnings) = Context::from_json(page.as_object().unwrap());
    assert!(warnings.is_empty(), "{warnings:?}");
    // A payments incident is open, not a shipping one: the flow tests it and goes on.
    let incidents = json!({"incidents.active": ["payments"]});
    let situation = Situation {
        context: &context,
        extra_facts: incidents.as_object().unwrap(),
        clock: NOW,
    };
    let replies = [
        Reply::Choose { choice: 1 },
        Reply::NotSolved,
        Reply::Choose { choice: 1 },
    ];
    let walk = flow.walk(&situation, &replies, &PlainFormatter);
    assert!(
        matches!(
            walk.state,
            WalkState::Ended(signpost_core::flows::Outcome::HandedOff { .. })
        ),
        "{walk:#?}"
    );
    walk.flow_path()
}

/// A ticket filed from a flow: Lena's, in Spanish, with `path`.
fn filed_from_flow(path: &Value) -> Value {
    let mut body = ticket("Sigue sin llegar y el seguimiento no se mueve.");
    body["subject"] = json!("¿Dónde está mi pedido?");
    body["context"]["locale"] = json!("es-ES");
    body["context"]["flow_path"] = path.clone();
    body
}

/// The context column of the one ticket stored, as JSON.
async fn stored_contexts(desk: &TestDesk) -> Vec<Value> {
    let db = Db::connect(desk.config.database.as_deref().unwrap())
        .await
        .unwrap();
    let sql = "SELECT context FROM tickets";
    let texts: Result<Vec<String>, _> =
        signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(sql).fetch_all(pool).await);
    db.close().await;
    texts
        .unwrap()
        .iter()
        .map(|text| serde_json::from_str(text).unwrap())
        .collect()
}

async fn the_way_through_a_flow_is_kept_with_the_ticket(desk: TestDesk) {
    let path = serde_json::to_value(spanish_way_to_a_person(&desk).await).unwrap();
    let events: Vec<&str> = path["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| step["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["branched", "branched", "answered", "not_solved", "answered"]
    );
    assert_eq!(path["steps"][0]["facts"][0]["path"], "incidents.active");
    let asked = &path["steps"][2];
    assert_eq!(asked["question"], "¿Qué indica tu pedido en «Tus pedidos»?");
    assert_eq!(asked["answer"], "Se ha enviado o está en camino");
    assert_eq!(
        asked["question_en"],
        "What does your order say in Your orders?"
    );
    assert_eq!(asked["answer_en"], "It's shipped or on its way");

    let body = filed_from_flow(&path);
    let created: TicketCreated = desk.file_ok("key-flow-000001", None, &body).await;

    // The agent sees every answer, in both languages, as sent.
    let seen: Value = desk
        .agent_get(&format!("/v1/agent/tickets/{}", created.id))
        .await;
    assert_eq!(seen["context"]["flow_path"], path);
    assert_eq!(seen["context"]["locale"], "es-ES");
    assert_eq!(stored_contexts(&desk).await[0]["flow_path"], path);

    // The user's own read is the thread (it carries no context), there as filed.
    let read = desk
        .read_ticket(&created.id, Some(&created.access_token))
        .await;
    assert_eq!(read.status(), StatusCode::OK);
    let thread: TicketView = read.json().await.unwrap();
    assert_eq!(thread.subject, "¿Dónde está mi pedido?");
    assert_eq!(
        thread.messages[0].body,
        "Sigue sin llegar y el seguimiento no se mueve."
    );

    // A retry of the same request gets the same ticket; the same key with other answers is a conflict.
    let again: TicketCreated = desk.file_ok("key-flow-000001", None, &body).await;
    assert_eq!(again, created);
    let mut other = path.clone();
    other["steps"][2]["answer"] = json!("Todavía no se ha enviado");
    let conflict = desk
        .file_ticket("key-flow-000001", None, &filed_from_flow(&other))
        .await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);
    assert_eq!(stored_contexts(&desk).await.len(), 1);
}

async fn a_bad_flow_path_is_refused_by_field_and_nothing_is_stored(desk: TestDesk) {
    let path = serde_json::to_value(spanish_way_to_a_person(&desk).await).unwrap();
    let answered = path["steps"][2].clone();
    let changed = |change: &dyn Fn(&mut Value)| {
        let mut path = path.clone();
        change(&mut path);
        path
    };
    let cases: Vec<(&str, Value, &str, Problem)> = vec![
        (
            "41 steps",
            changed(&|path| path["steps"] = Value::Array(vec![answered.clone(); 41])),
            "context.flow_path.steps",
            Problem::TooMany { max: 40 },
        ),
        (
            "an empty answer",
            changed(&|path| path["steps"][2]["answer"] = json!("  ")),
            "context.flow_path.steps[2].answer",
            Problem::Required,
        ),
        (
            "an answer longer than a label",
            changed(&|path| path["steps"][2]["answer_en"] = json!("a".repeat(101))),
            "context.flow_path.steps[2].answer_en",
            Problem::TooLong { max: 100 },
        ),
        (
            "no flow id",
            changed(&|path| path["flow"] = json!("")),
            "context.flow_path.flow",
            Problem::Required,
        ),
        (
            "version 0",
            changed(&|path| path["version"] = json!(0)),
            "context.flow_path.version",
            Problem::OutOfRange {
                min: 1,
                max: i64::from(u32::MAX),
            },
        ),
        (
            "a fact without a path",
            changed(&|path| path["steps"][0]["facts"][0]["path"] = json!("")),
            "context.flow_path.steps[0].facts[0].path",
            Problem::Required,
        ),
        (
            "a line break in a step id",
            changed(&|path| path["steps"][3]["step"] = json!("tracking\nworry")),
            "context.flow_path.steps[3].step",
            Problem::OneLine,
        ),
    ];
    for (n, (what, bad, field, problem)) in cases.into_iter().enumerate() {
        let key = format!("key-bad-flow-{n:03}");
        let response = desk.file_ticket(&key, None, &filed_from_flow(&bad)).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}"
        );
        let error: ErrorBody = response.json().await.unwrap();
        let fields: Vec<(&str, &Problem)> = error
            .fields
            .iter()
            .map(|f| (f.field.as_str(), &f.problem))
            .collect();
        assert_eq!(fields, [(field, &problem)], "{what}");
    }

    // Not a flow path at all: refused when read, in the one error shape.
    for (n, bad) in [
        changed(&|path| path["steps"][3]["event"] = json!("skipped")),
        changed(&|path| path["version"] = json!("one")),
        json!("where-is-my-order"),
    ]
    .into_iter()
    .enumerate()
    {
        let key = format!("key-bad-shape-{n:03}");
        let response = desk.file_ticket(&key, None, &filed_from_flow(&bad)).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let error: ErrorBody = response.json().await.unwrap();
        assert!(
            error.message.contains("flow_path"),
            "{bad}: {}",
            error.message
        );
    }

    assert!(stored_contexts(&desk).await.is_empty(), "nothing stored");
    let list: Value = desk.agent_get("/v1/agent/tickets").await;
    assert!(list["tickets"].as_array().unwrap().is_empty());
}
