//! Every endpoint that reads a JSON body refuses a bad one the same way: the same status and the same error
//! body, whichever endpoint it was sent to.

use crate::helpers::{AGENT_TOKEN, TestDesk, ticket};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use serde_json::json;
use signpost_core::wire::{ErrorBody, ErrorCode, FieldError, Problem};

on_both_backends!(
    every_json_endpoint_refuses_a_bad_body_alike,
    a_wrong_field_is_named_alike_on_both_reply_endpoints,
);

/// A JSON endpoint and the credentials it needs before it reads the body.
struct Endpoint {
    path: String,
    bearer: Option<String>,
    idempotency: bool,
}

/// Every endpoint with a JSON body, for the ticket `id` whose access token is `token`.
fn endpoints(id: &str, token: &str) -> Vec<Endpoint> {
    let widget = |path: &str, bearer: Option<&str>| Endpoint {
        path: path.to_owned(),
        bearer: bearer.map(str::to_owned),
        idempotency: false,
    };
    let agent = |path: &str| widget(path, Some(AGENT_TOKEN));
    vec![
        Endpoint {
            idempotency: true,
            ..widget("/v1/tickets", None)
        },
        widget(&format!("/v1/tickets/{id}/messages"), Some(token)),
        widget("/v1/identity", None),
        widget("/v1/articles/late-delivery/feedback", None),
        widget("/v1/suggestions", None),
        agent(&format!("/v1/agent/tickets/{id}/reply")),
        agent(&format!("/v1/agent/tickets/{id}/status")),
        agent(&format!("/v1/agent/tickets/{id}/assign")),
        agent("/v1/agent/incidents"),
        agent("/v1/agent/incidents/inc_0000/updates"),
        agent("/v1/agent/incidents/inc_0000/resolve"),
        agent("/v1/agent/maintenances"),
    ]
}

/// `body` sent to `endpoint` as `content_type`: the status and error body it answered.
async fn answer(
    desk: &TestDesk,
    endpoint: &Endpoint,
    attempt: usize,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, ErrorBody) {
    let mut request = desk
        .client
        .post(desk.url(&endpoint.path))
        .header(CONTENT_TYPE, content_type)
        .body(body);
    if let Some(token) = &endpoint.bearer {
        request = request.bearer_auth(token);
    }
    if endpoint.idempotency {
        request = request.header("Idempotency-Key", format!("key-json-{attempt:05}"));
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "application/json",
        "{}",
        endpoint.path
    );
    (status, response.json().await.unwrap())
}

async fn every_json_endpoint_refuses_a_bad_body_alike(desk: TestDesk) {
    let created = desk.file_ok("key-json-setup", None, &ticket("Hi")).await;
    let endpoints = endpoints(&created.id, &created.access_token);
    let bad_bodies: [(&str, &str, Vec<u8>, StatusCode, ErrorCode); 4] = [
        (
            "not JSON",
            "application/json",
            b"{\"topic\": ".to_vec(),
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
        ),
        (
            "not declared as JSON",
            "text/plain",
            b"{}".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
        ),
        (
            "over 64 KiB",
            "application/json",
            vec![b' '; 65 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
        ),
        (
            "not an object",
            "application/json; charset=utf-8",
            b"[1, 2]".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
        ),
    ];
    let mut attempt = 0;
    for (what, content_type, body, status, code) in bad_bodies {
        let mut answers = Vec::new();
        for endpoint in &endpoints {
            attempt += 1;
            let answered = answer(&desk, endpoint, attempt, content_type, body.clone()).await;
            assert_eq!(
                (answered.0, &answered.1.code),
                (status, &code),
                "{what} to {}: {:?}",
                endpoint.path,
                answered.1
            );
            answers.push((endpoint.path.as_str(), answered));
        }
        let (first_path, first) = &answers[0];
        for (path, answered) in &answers[1..] {
            assert_eq!(answered, first, "{what}: {path} differs from {first_path}");
        }
    }
    let (_, not_an_object) = answer(
        &desk,
        &endpoints[1],
        0,
        "application/json",
        b"[1, 2]".to_vec(),
    )
    .await;
    assert_eq!(
        not_an_object.fields,
        [FieldError {
            field: "body".into(),
            problem: Problem::InvalidValue,
            message: "must be a JSON object".into(),
        }]
    );
    let stored: serde_json::Value = desk.agent_get("/v1/agent/tickets").await;
    assert_eq!(
        stored["tickets"].as_array().map(Vec::len),
        Some(1),
        "nothing was filed but the setup ticket"
    );
}

async fn a_wrong_field_is_named_alike_on_both_reply_endpoints(desk: TestDesk) {
    let created = desk.file_ok("key-json-reply", None, &ticket("Hi")).await;
    let endpoints = endpoints(&created.id, &created.access_token);
    let body = serde_json::to_vec(&json!({"body": 5})).unwrap();
    let user = answer(&desk, &endpoints[1], 0, "application/json", body.clone()).await;
    let agent = answer(&desk, &endpoints[5], 0, "application/json", body).await;
    assert_eq!(user, agent);
    assert_eq!(user.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        (user.1.fields[0].field.as_str(), &user.1.fields[0].problem),
        ("body", &Problem::InvalidValue)
    );
    let missing = answer(&desk, &endpoints[1], 0, "application/json", b"{}".to_vec()).await;
    assert_eq!(
        (
            missing.1.fields[0].field.as_str(),
            &missing.1.fields[0].problem
        ),
        ("body", &Problem::Required)
    );
}
