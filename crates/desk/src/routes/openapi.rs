//! `GET /openapi.json`: the OpenAPI 3.1 document of the desk's API, built from the routes' own annotations and
//! the wire types' derived schemas. The errors every route of a kind can answer (an unreadable body, the agent
//! token, an outage) are added here, by rule, so each route lists only its own.

use crate::routes::{
    console, experiments, health, help, identity, inbox, insights, nudges, status_page, tickets,
    triage, webhooks,
};
use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use std::collections::BTreeMap;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

/// `/openapi.json`, built once.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    let json = Bytes::from(document().to_json().expect("the document serialises"));
    Router::new().route(
        "/openapi.json",
        get(move || async move {
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/json"),
                    ),
                    (
                        header::ACCESS_CONTROL_ALLOW_ORIGIN,
                        HeaderValue::from_static("*"),
                    ),
                ],
                json,
            )
                .into_response()
        }),
    )
}

/// Each routes file's part of the document.
fn parts() -> [utoipa::openapi::OpenApi; 12] {
    [
        health::Api::openapi(),
        help::Api::openapi(),
        console::Api::openapi(),
        tickets::Api::openapi(),
        inbox::Api::openapi(),
        triage::Api::openapi(),
        identity::Api::openapi(),
        webhooks::Api::openapi(),
        status_page::Api::openapi(),
        insights::Api::openapi(),
        experiments::Api::openapi(),
        nudges::Api::openapi(),
    ]
}

/// The desk's API: every route but the widget's files and the demo pages.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = Doc::openapi();
    for part in parts() {
        doc.merge(part);
    }
    let components = doc.components.get_or_insert_default();
    components.add_security_scheme(
        AGENT,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "The desk's service token (`--agent-token`), or an agent's own token (`spt_…`, from \
                     `signpost-desk agents token`).",
                ))
                .build(),
        ),
    );
    components.add_security_scheme(
        SESSION,
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
            "signpost_session",
            "A console session (`POST /v1/console/session`). Every write with it must also carry the \
             `X-Signpost-Console` header.",
        ))),
    );
    components.add_security_scheme(
        "ticket_token",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some("The access token `POST /v1/tickets` answered with."))
                .build(),
        ),
    );
    components.add_security_scheme(
        "identity",
        SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
            "X-Signpost-Identity",
            "The site's signed identity token for its signed-in user.",
        ))),
    );
    for (path, event, data) in STREAMS {
        let stream = doc
            .paths
            .paths
            .get_mut(path)
            .and_then(|item| item.get.as_mut());
        let ok = stream.and_then(|operation| operation.responses.responses.get_mut("200"));
        if let Some(RefOr::T(ok)) = ok
            && let Some(content) = ok.content.get_mut(EVENT_STREAM)
        {
            content.schema = Some(stream_event(event, data));
        }
    }
    for (path, item) in doc.paths.paths.iter_mut() {
        let operations = [&mut item.get, &mut item.post, &mut item.delete];
        for operation in operations.into_iter().flatten() {
            shared_errors(path, operation);
        }
    }
    doc
}

#[derive(OpenApi)]
#[openapi(info(
    title = "Signpost desk",
    description = "The desk's API: the widget's help center, tickets and status, and the agent API. Every error \
                   answers with the one JSON body `ErrorBody`, whose `code` says what went wrong."
))]
struct Doc;

const AGENT: &str = "agent_token";
const SESSION: &str = "session";

const EVENT_STREAM: &str = "text/event-stream";

/// The event streams: their path, the name of their events, and the schema each event's `data` (JSON) has.
const STREAMS: [(&str, &str, &str); 2] = [
    ("/v1/status/stream", "summary", "Summary"),
    ("/v1/tickets/{id}/stream", "ticket", "TicketView"),
];

/// One server-sent event as its fields: `event` named `event`, `data` the JSON of a `data` (a schema's name), and
/// an `id` where the stream gives one.
fn stream_event(event: &str, data: &str) -> RefOr<Schema> {
    let text = || ObjectBuilder::new().schema_type(Type::String);
    ObjectBuilder::new()
        .property("event", text().enum_values(Some([event])))
        .required("event")
        .property(
            "data",
            text()
                .content_media_type("application/json")
                .description(Some(format!("A `{data}`, as JSON."))),
        )
        .required("data")
        .property("id", text())
        .into()
}

/// Adds the errors `operation` (at `path`) answers because of what it takes, unless it names them itself.
fn shared_errors(path: &str, operation: &mut Operation) {
    let mut shared: BTreeMap<&str, &str> = BTreeMap::new();
    if operation.request_body.is_some() {
        shared.insert("400", "`bad_request`: the body is not JSON.");
        shared.insert("413", "`payload_too_large`: the body is over 64 KiB.");
        shared.insert(
            "415",
            "`unsupported_media_type`: the body is not declared as JSON.",
        );
        shared.insert(
            "422",
            "`validation_failed`: `fields` names each field that is missing, of the wrong type or out of bounds.",
        );
    }
    let takes_query = operation
        .parameters
        .iter()
        .flatten()
        .any(|parameter| parameter.parameter_in == ParameterIn::Query);
    if takes_query {
        shared.insert("400", "`bad_request`: a query parameter of the wrong type.");
    }
    if path.starts_with("/v1/agent/") {
        shared.insert(
            "401",
            "`unauthorized`: no agent token or console session, a wrong token, or an ended session.",
        );
        shared.insert(
            "403",
            "`forbidden`: a console write without `X-Signpost-Console`, or an admin's action by an agent.",
        );
        shared.insert(
            "429",
            "`rate_limited`: too many wrong agent tokens or passwords from this address lately.",
        );
        operation.security = Some(vec![
            SecurityRequirement::new(AGENT, Vec::<String>::new()),
            SecurityRequirement::new(SESSION, Vec::<String>::new()),
        ]);
    }
    shared.insert(
        "503",
        "`unavailable`: the database cannot serve now, or the request took too long; retry after `Retry-After`.",
    );
    for (status, description) in shared {
        operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| error_response(description));
    }
}

fn error_response(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Merging keeps one schema per name, silently: two types both called `Role` would describe each other's
    /// values wrongly (the buyer/seller role was once documented as the agents' agent/admin).
    #[test]
    fn no_two_schemas_share_a_name() {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for part in parts() {
            let Some(components) = part.components else {
                continue;
            };
            for (name, schema) in components.schemas {
                let json = serde_json::to_string(&schema).unwrap();
                if let Some(earlier) = seen.insert(name.clone(), json.clone()) {
                    assert_eq!(earlier, json, "two different schemas are named {name}");
                }
            }
        }
    }
}
