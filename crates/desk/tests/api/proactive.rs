//! Proactive nudges over real HTTP, on SQLite and on PostgreSQL: `POST /v1/notices?surface=…` picks a proactive
//! rule's nudge for the page (in the user's language, with its reason), within the caps (per day, counted by the
//! browser's memory or, for a verified user, by the desk; never a dismissed one; none while the user has an
//! open ticket with the rule's team) and its holdout (reported as the experiment `nudge:<rule>`, never in a
//! protected context nor for a browser asking not to be tracked); `POST /v1/agent/nudges` pushes a message for
//! one verified user, shown once.

use crate::experiments::exposed_counts;
use crate::helpers::{AGENT_TOKEN, IDENTITY_SECRET, TestDesk, field_names, ticket, wait_for};
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::experiments::report::{ExperimentReport, ExperimentsReport};
use signpost_core::feed::Timestamp;
use signpost_core::identity::{Identity, Role};
use signpost_core::notices::{Notices, Nudge};
use signpost_core::rules::ReasonSource;
use signpost_core::tickets::{Queue, TicketCreated};
use signpost_core::wire::{ErrorBody, ErrorCode};
use signpost_desk::identity::{IdentitySecret, mint};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

on_both_backends!(
    a_late_order_gets_the_late_delivery_nudge_in_the_users_language,
    a_browser_sees_two_a_day_and_never_one_it_dismissed,
    an_open_orders_ticket_the_browser_holds_silences_the_nudge,
    a_verified_users_open_ticket_silences_the_nudge_until_solved,
    the_desk_counts_a_verified_users_nudges_whatever_the_browser_remembers,
    a_pushed_message_is_shown_once_and_only_to_its_user,
    a_pushed_rule_speaks_with_the_facts_of_the_page,
    a_bad_push_is_refused_naming_its_fields,
    a_bad_notices_body_is_refused_in_json,
);

on_both_backends_with_k!(1;
    one_in_ten_is_held_out_and_both_groups_are_reported,
);

pub(crate) const LATE_TEXT_EN: &str = "Your order is 4 days late. See your options.";

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Today, as `NudgeMemory.day` counts it.
fn today() -> i64 {
    now().div_euclid(86_400)
}

/// The ISO date `days` days before today (UTC, the desk's clock for rules).
fn days_ago(days: i64) -> String {
    Timestamp::from_unix(now() - days * 86_400).as_str()[..10].to_owned()
}

/// A buyer's order, shipped, that was due 4 days ago.
fn late_order() -> Value {
    json!({"role": "buyer", "order": {"id": "A-1043", "status": "shipped", "promised_by": days_ago(4)}})
}

/// The body a page with `context` posts (no stored values).
fn page(context: Value) -> Value {
    json!({ "context": context })
}

/// The body of the late order's page, with `field` set to `value` (a stored value, the identity…).
fn late_page_with(field: &str, value: impl Into<Value>) -> Value {
    let mut body = page(late_order());
    body[field] = value.into();
    body
}

/// `POST /v1/notices?surface=…` with `body` as the loader sends it: `text/plain`, so no CORS preflight.
fn post_notices(desk: &TestDesk, surface: &str, body: &Value) -> reqwest::RequestBuilder {
    desk.client
        .post(desk.url(&format!("/v1/notices?surface={surface}")))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .body(body.to_string())
}

async fn read_notices(response: reqwest::Response) -> Notices {
    assert_eq!(response.status(), StatusCode::OK);
    let notices: Notices = response.json().await.unwrap();
    // A fresh desk's status page is quiet: only a nudge makes the loader load the widget.
    assert_eq!(notices.show, notices.nudge.is_some(), "{notices:?}");
    notices
}

/// The nudge the desk picks for a page on `surface` posting `body`, if any.
pub(crate) async fn nudge(desk: &TestDesk, surface: &str, body: &Value) -> Option<Nudge> {
    let response = post_notices(desk, surface, body).send().await.unwrap();
    read_notices(response).await.nudge
}

/// Whether the late-delivery nudge shows on an order page posting `body` (and no other nudge does).
async fn late_delivery_shown(desk: &TestDesk, body: &Value) -> bool {
    match nudge(desk, "order", body).await {
        Some(nudge) => {
            assert_eq!(nudge.id, "rule:late-delivery", "{nudge:?}");
            true
        }
        None => false,
    }
}

/// A stored memory (`signpost.nudges`), as the widget writes it.
fn memory(day: i64, shown: u32, dismissed: &[&str]) -> String {
    json!({"day": day, "shown": shown, "dismissed": dismissed}).to_string()
}

/// A stored ticket list (`signpost.tickets`) holding ticket `id` with `access_token`.
fn stored_tickets(id: &str, access_token: &str) -> String {
    json!([{"created": {"id": id, "access_token": access_token}, "subject": "Where is my parcel?"}])
        .to_string()
}

/// An identity token for buyer `user_id`, good for an hour.
fn buyer_token(user_id: &str) -> String {
    let secret = IdentitySecret::new(IDENTITY_SECRET).unwrap();
    let identity = Identity {
        user_id: user_id.into(),
        email: format!("{user_id}@example.com"),
        name: None,
        role: Role::Buyer,
    };
    mint(&secret, &identity, now(), 3_600)
}

/// The token of the first buyer `{prefix}-N` the holdout does not hold out of the late-delivery nudge, found
/// by asking, so that buyer has been shown one nudge today.
async fn shown_buyer(desk: &TestDesk, prefix: &str) -> String {
    for n in 0..40 {
        let token = buyer_token(&format!("{prefix}-{n}"));
        if late_delivery_shown(desk, &late_page_with("identity", token.clone())).await {
            return token;
        }
    }
    panic!("40 buyers in a row held out of a 10 % holdout");
}

/// Files a late-order ticket, with `identity_token` when given, and checks it went to the orders team.
async fn file_late_order_ticket(
    desk: &TestDesk,
    key: &str,
    identity_token: Option<&str>,
) -> TicketCreated {
    let mut body = ticket("My order was due four days ago and still has not arrived.");
    if identity_token.is_some() {
        body.as_object_mut().unwrap().remove("email");
    }
    let created = desk.file_ok(key, identity_token, &body).await;
    assert_eq!(created.queue, Queue::Orders, "{:?}", created.reasons);
    created
}

async fn a_late_order_gets_the_late_delivery_nudge_in_the_users_language(desk: TestDesk) {
    let late = page(late_order());
    let response = post_notices(&desk, "order", &late).send().await.unwrap();
    // Any page may ask, as it may read the status.
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let plain = read_notices(response).await;
    assert!(plain.show);
    let shown = plain.nudge.unwrap();
    assert_eq!(shown.id, "rule:late-delivery");
    assert_eq!(shown.text, LATE_TEXT_EN);
    assert_eq!(shown.reason.source, ReasonSource::Rule);
    assert_eq!(shown.reason.rule_id.as_deref(), Some("late-delivery"));
    assert!(shown.reason.text.contains("A-1043"), "{:?}", shown.reason);
    // Pages that declare JSON are served the same.
    let response = desk
        .client
        .post(desk.url("/v1/notices?surface=order"))
        .json(&late)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let json: Notices = response.json().await.unwrap();
    assert_eq!(json.nudge, Some(shown));

    let mut delivered = late_order();
    delivered["order"]["status"] = json!("delivered");
    delivered["order"]["delivered_at"] = json!(days_ago(1));
    assert_eq!(nudge(&desk, "order", &page(delivered)).await, None);
    let mut seller = late_order();
    seller["role"] = json!("seller");
    assert_eq!(nudge(&desk, "order", &page(seller)).await, None);
    assert_eq!(nudge(&desk, "checkout", &late).await, None);

    // The interface's locale speaks when the context names none; the context's wins.
    let spanish = nudge(&desk, "order", &late_page_with("locale", "es-ES"))
        .await
        .unwrap();
    assert_eq!(
        spanish.text,
        "Tu pedido lleva 4 días de retraso. Mira tus opciones."
    );
    let mut english = late_page_with("locale", "es-ES");
    english["context"]["locale"] = json!("en-GB");
    assert_eq!(
        nudge(&desk, "order", &english).await.unwrap().text,
        LATE_TEXT_EN
    );
}

async fn a_browser_sees_two_a_day_and_never_one_it_dismissed(desk: TestDesk) {
    let today = today();
    let remembered = |memory: String| late_page_with("nudges", memory);
    assert!(!late_delivery_shown(&desk, &remembered(memory(today, 2, &[]))).await);
    assert!(late_delivery_shown(&desk, &remembered(memory(today, 1, &[]))).await);
    assert!(late_delivery_shown(&desk, &remembered(memory(today - 1, 2, &[]))).await);
    let dismissed = memory(today - 1, 0, &["push:1", "rule:late-delivery"]);
    assert!(!late_delivery_shown(&desk, &remembered(dismissed)).await);
    // The desk reads what the browser stored leniently: garbage is no memory.
    assert!(late_delivery_shown(&desk, &remembered("{not json".into())).await);
    // Without a memory the desk cannot count an anonymous browser: each page view may show it.
    for _ in 0..3 {
        assert!(late_delivery_shown(&desk, &page(late_order())).await);
    }
}

async fn an_open_orders_ticket_the_browser_holds_silences_the_nudge(desk: TestDesk) {
    let created = file_late_order_ticket(&desk, "proactive-anon-0001", None).await;
    let held = stored_tickets(&created.id, &created.access_token);
    assert!(!late_delivery_shown(&desk, &late_page_with("tickets", held)).await);
    // Naming someone else's ticket proves nothing.
    let forged = stored_tickets(&created.id, "forged-access-token");
    assert!(late_delivery_shown(&desk, &late_page_with("tickets", forged)).await);
}

async fn a_verified_users_open_ticket_silences_the_nudge_until_solved(desk: TestDesk) {
    let token = shown_buyer(&desk, "buyer-ticket").await;
    let created = file_late_order_ticket(&desk, "proactive-user-0001", Some(&token)).await;
    // No stored tickets: the desk knows the user's own.
    let on_this_page = late_page_with("identity", token.clone());
    assert!(!late_delivery_shown(&desk, &on_this_page).await);

    desk.solve(&created.id).await;
    assert!(late_delivery_shown(&desk, &on_this_page).await);
}

async fn the_desk_counts_a_verified_users_nudges_whatever_the_browser_remembers(desk: TestDesk) {
    let token = shown_buyer(&desk, "buyer-cap").await;
    let fresh_browser = late_page_with("identity", token.clone());
    assert!(late_delivery_shown(&desk, &fresh_browser).await);
    assert!(!late_delivery_shown(&desk, &fresh_browser).await);
    let mut forgetful = fresh_browser.clone();
    forgetful["nudges"] = json!(memory(today() - 1, 2, &[]));
    assert!(!late_delivery_shown(&desk, &forgetful).await);
    // Counted per user: another buyer still gets theirs.
    shown_buyer(&desk, "buyer-other").await;
}

/// `POST /v1/agent/nudges` with `body`, with the agent token.
async fn push(desk: &TestDesk, body: &Value) -> reqwest::Response {
    desk.agent_post("/v1/agent/nudges", body).await
}

/// Pushes `body`, expecting a 201; the pushed nudge's id.
async fn pushed(desk: &TestDesk, body: &Value) -> String {
    let response = push(desk, body).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{body}");
    let answer: Value = response.json().await.unwrap();
    let expires = Timestamp::parse(answer["expires_at"].as_str().unwrap().to_owned());
    assert_eq!(
        expires.unix_seconds(),
        Timestamp::parse(body["expires_at"].as_str().unwrap().to_owned()).unix_seconds()
    );
    let id = answer["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("push:"), "{answer}");
    id
}

fn in_an_hour() -> String {
    Timestamp::from_unix(now() + 3_600).as_str().to_owned()
}

async fn a_pushed_message_is_shown_once_and_only_to_its_user(desk: TestDesk) {
    let body = json!({
        "user_id": "u-pushed",
        "message": {"en": "Your parcel is delayed by the carrier.", "es": "El transportista retrasa tu paquete."},
        "expires_at": in_an_hour(),
    });
    let id = pushed(&desk, &body).await;
    // No rule fires on a page that says nothing of itself: what shows is the push alone.
    let plain_page = |token: String| json!({"identity": token, "locale": "es"});
    let other = plain_page(buyer_token("u-someone-else"));
    assert_eq!(nudge(&desk, "other", &other).await, None);
    assert_eq!(nudge(&desk, "other", &page(json!({}))).await, None);

    let mine = plain_page(buyer_token("u-pushed"));
    let shown = nudge(&desk, "other", &mine).await.unwrap();
    assert_eq!(shown.id, id);
    assert_eq!(shown.text, "El transportista retrasa tu paquete.");
    assert_eq!(shown.reason.source, ReasonSource::Pushed);
    assert_eq!(shown.reason.rule_id, None);
    assert_eq!(nudge(&desk, "other", &mine).await, None);
    assert_eq!(nudge(&desk, "other", &other).await, None);
}

async fn a_pushed_rule_speaks_with_the_facts_of_the_page(desk: TestDesk) {
    let body = json!({"user_id": "u-rule", "rule": "late-delivery", "expires_at": in_an_hour()});
    let id = pushed(&desk, &body).await;
    // Delivered, so the rule does not fire: the push still says what the rule would, with this page's dates.
    let mut delivered = late_order();
    delivered["order"]["status"] = json!("delivered");
    delivered["order"]["delivered_at"] = json!(days_ago(1));
    let mut body = page(delivered);
    body["identity"] = json!(buyer_token("u-rule"));
    let shown = nudge(&desk, "order", &body).await.unwrap();
    assert_eq!(shown.id, id);
    assert_eq!(shown.text, LATE_TEXT_EN);
    assert_eq!(shown.reason.source, ReasonSource::Pushed);
    assert_eq!(shown.reason.rule_id.as_deref(), Some("late-delivery"));
    assert_eq!(nudge(&desk, "order", &body).await, None);
}

async fn a_bad_push_is_refused_naming_its_fields(desk: TestDesk) {
    let soon = in_an_hour();
    let day = 86_400;
    let cases = [
        (
            json!({"user_id": "", "message": "Hi", "expires_at": soon}),
            vec!["user_id"],
        ),
        (
            json!({"user_id": "u", "rule": "no-such-rule", "expires_at": soon}),
            vec!["rule"],
        ),
        // A rule that is not proactive has no message to push.
        (
            json!({"user_id": "u", "rule": "high-value-order", "expires_at": soon}),
            vec!["rule"],
        ),
        (json!({"user_id": "u", "expires_at": soon}), vec!["message"]),
        (
            json!({"user_id": "u", "rule": "late-delivery", "message": "Hi", "expires_at": soon}),
            vec!["message"],
        ),
        (
            json!({"user_id": "u", "message": {"es": "Hola"}, "expires_at": soon}),
            vec!["message.en"],
        ),
        (
            json!({"user_id": "u", "message": "Hi",
                   "expires_at": Timestamp::from_unix(now() - 60).as_str()}),
            vec!["expires_at"],
        ),
        (
            json!({"user_id": "u", "message": "Hi", "expires_at": "next tuesday"}),
            vec!["expires_at"],
        ),
        (
            json!({"user_id": "u", "message": "Hi",
                   "expires_at": Timestamp::from_unix(now() + 31 * day).as_str()}),
            vec!["expires_at"],
        ),
    ];
    for (body, expected) in cases {
        let response = push(&desk, &body).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
        assert_eq!(field_names(response).await, expected, "{body}");
    }
    let within_a_month = Timestamp::from_unix(now() + 29 * day);
    let body = json!({"user_id": "u", "message": "Hi", "expires_at": within_a_month.as_str()});
    pushed(&desk, &body).await;

    let good = json!({"user_id": "u", "message": "Hi", "expires_at": soon});
    let response = desk
        .client
        .post(desk.url("/v1/agent/nudges"))
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = desk
        .client
        .post(desk.url("/v1/agent/nudges"))
        .bearer_auth(format!("{AGENT_TOKEN}-wrong"))
        .json(&good)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

/// Asserts `response` is a JSON error with `status` and `code`; the fields it names.
async fn refused(response: reqwest::Response, status: StatusCode, code: ErrorCode) -> Vec<String> {
    assert_eq!(response.status(), status);
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let error: ErrorBody = response.json().await.unwrap();
    assert_eq!(error.code, code, "{}", error.message);
    error.fields.into_iter().map(|f| f.field).collect()
}

async fn a_bad_notices_body_is_refused_in_json(desk: TestDesk) {
    let send = |content_type: &'static str, body: String| {
        desk.client
            .post(desk.url("/v1/notices?surface=order"))
            .header("Content-Type", content_type)
            .body(body)
            .send()
    };
    let not_json = send("text/plain", "context=A-1043".into()).await.unwrap();
    refused(not_json, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;
    let late = page(late_order());
    for surface in ["kitchen", ""] {
        let response = post_notices(&desk, surface, &late).send().await.unwrap();
        refused(response, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;
    }
    let response = desk
        .client
        .post(desk.url("/v1/notices"))
        .header("Content-Type", "text/plain")
        .body(late.to_string())
        .send()
        .await
        .unwrap();
    refused(response, StatusCode::BAD_REQUEST, ErrorCode::BadRequest).await;
    // A field the loader never sends is a mistake worth hearing of, not something to ignore.
    let mut stray = late.clone();
    stray["surface"] = json!("order");
    let response = post_notices(&desk, "order", &stray).send().await.unwrap();
    let fields = refused(
        response,
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ValidationFailed,
    )
    .await;
    assert_eq!(fields, ["surface"]);
    let form = send("application/x-www-form-urlencoded", "{}".into())
        .await
        .unwrap();
    refused(
        form,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::UnsupportedMediaType,
    )
    .await;
    // Over the 32 KB a stored value may be, yet within the desk's 64 KB body limit: the route's own check.
    let long = stored_tickets("SP-1001", &"x".repeat(33 * 1024));
    let too_long = post_notices(&desk, "order", &late_page_with("tickets", long))
        .send()
        .await
        .unwrap();
    refused(
        too_long,
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PayloadTooLarge,
    )
    .await;
}

/// The report of the late-delivery nudge's holdout.
async fn holdout_report(desk: &TestDesk) -> ExperimentReport {
    let report: ExperimentsReport = desk.agent_get("/v1/agent/insights/experiments").await;
    report
        .experiments
        .into_iter()
        .find(|e| e.id == "nudge:late-delivery")
        .expect("the holdout of every proactive rule is reported")
}

/// The request of the late order's page from the browser with install id `install`, stored as the widget does
/// (JSON-encoded), on a page whose context is changed by `change`.
pub(crate) fn late_page_from(install: &str, change: impl FnOnce(&mut Value)) -> Value {
    let mut body = late_page_with("install", json!(install).to_string());
    change(&mut body["context"]);
    body
}

/// Whether the late-delivery nudge shows on an order page posting `body` from a browser sending Global Privacy
/// Control.
async fn late_delivery_shown_untracked(desk: &TestDesk, body: &Value) -> bool {
    let request = post_notices(desk, "order", body).header("Sec-GPC", "1");
    let nudge = read_notices(request.send().await.unwrap()).await.nudge;
    nudge.is_some_and(|nudge| nudge.id == "rule:late-delivery")
}

async fn one_in_ten_is_held_out_and_both_groups_are_reported(desk: TestDesk) {
    let failed_payment = |context: &mut Value| context["order"]["payment_status"] = json!("failed");
    // First, so that by the time the 200 exposures below are written these would have been too.
    for n in 0..50 {
        let body = late_page_from(&format!("protected-{n}"), failed_payment);
        assert!(late_delivery_shown(&desk, &body).await, "protected-{n}");
        let body = late_page_from(&format!("untracked-{n}"), |_| {});
        assert!(
            late_delivery_shown_untracked(&desk, &body).await,
            "untracked-{n}"
        );
    }

    let mut held_out = vec![];
    for n in 0..200 {
        let install = format!("install-{n}");
        if !late_delivery_shown(&desk, &late_page_from(&install, |_| {})).await {
            held_out.push(install);
        }
    }
    // 10 % of 200 is 20 ± 4.2: [8, 40] is wide of any fair draw.
    assert!(
        (8..=40).contains(&held_out.len()),
        "{} of 200 held out",
        held_out.len()
    );
    // The assignment is sticky: held out on every page view.
    for install in &held_out {
        assert!(!late_delivery_shown(&desk, &late_page_from(install, |_| {})).await);
    }
    // A protected context holds nobody out, not even those held out elsewhere; nor is a browser asking not to
    // be tracked assigned by its install id.
    for install in &held_out {
        assert!(late_delivery_shown(&desk, &late_page_from(install, failed_payment)).await);
        assert!(late_delivery_shown_untracked(&desk, &late_page_from(install, |_| {})).await);
    }

    wait_for(
        "the holdout's exposures to be written",
        Duration::from_secs(60),
        async || {
            exposed_counts(&holdout_report(&desk).await)
                .iter()
                .sum::<u64>()
                >= 200
        },
    )
    .await;
    let report = holdout_report(&desk).await;
    let names: Vec<&str> = report.variants.iter().map(|v| v.article.as_str()).collect();
    assert_eq!(names, ["holdout", "nudge"]);
    assert_eq!(report.subject, "late-delivery");
    assert!(report.running);
    let held = held_out.len() as u64;
    assert_eq!(
        exposed_counts(&report),
        [held, 200 - held],
        "the protected pages and the untracked browsers exposed nobody"
    );
}
