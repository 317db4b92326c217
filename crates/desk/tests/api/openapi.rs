//! `GET /openapi.json`: served, valid JSON, and naming every route the desk's router has, with its methods, so a
//! route added without documentation fails here.

use crate::helpers::{self, Backend};
use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use serde_json::Value;
use signpost_desk::app::Application;
use std::collections::BTreeSet;

/// Served by the desk but not part of its API: the widget's and the console's files, the demo pages and the document itself.
fn undocumented(path: &str) -> bool {
    path == "/"
        || path == "/openapi.json"
        || path.starts_with("/widget/")
        || path.starts_with("/demo/")
        || path == "/console"
        || path.starts_with("/console/")
}

#[tokio::test]
async fn the_document_names_every_route() {
    let desk = helpers::spawn(Backend::Sqlite).await;
    let response = desk
        .client
        .get(desk.url("/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    let doc: Value = serde_json::from_str(&response.text().await.unwrap()).expect("valid JSON");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "ErrorBody",
        "ErrorCode",
        "NewTicket",
        "TicketView",
        "Summary",
    ] {
        assert!(schemas.contains_key(schema), "no schema {schema}");
    }
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();

    let app = Application::build(desk.config.clone()).await.unwrap();
    let routed: BTreeSet<(String, String)> = routes(&format!("{:?}", app.router()))
        .into_iter()
        .filter(|(_, path)| !undocumented(path))
        .collect();
    // The router's `Debug` is axum's: if it stops listing routes, this fails instead of passing on nothing.
    for known in [
        ("POST", "/v1/tickets"),
        ("GET", "/v1/agent/tickets/{id}"),
        ("GET", "/api/v2/summary.json"),
    ] {
        assert!(
            routed.contains(&(known.0.to_owned(), known.1.to_owned())),
            "the router's routes were not read: {known:?} missing from {routed:?}"
        );
    }
    let missing: Vec<_> = routed.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "routes missing from /openapi.json: {missing:?}"
    );
    let extra: Vec<_> = documented.difference(&routed).collect();
    assert!(
        extra.is_empty(),
        "/openapi.json names routes the desk does not have: {extra:?}"
    );
    let mut operation_ids = BTreeSet::new();
    for (method, path) in &documented {
        let operation = &doc["paths"][path][method.to_lowercase()];
        let id = operation["operationId"].as_str().unwrap();
        assert!(operation_ids.insert(id), "operationId {id} is not unique");
        let responses = operation["responses"].as_object().unwrap();
        assert!(responses.contains_key("503"), "{method} {path}: no 503");
        if path.starts_with("/v1/agent/") {
            for status in ["401", "403", "429"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {path}: no {status}"
                );
            }
        }
        if operation.get("requestBody").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {path}: no {status}"
                );
            }
        }
    }
}

/// `(method, path)` of every route in an axum router's `Debug`: the paths by route id
/// (`node: Node { paths: {RouteId(3): "/healthz", …} }`), the methods from each route's `Allow` header
/// (`RouteId(3): MethodRouter(MethodRouter { …, allow_header: Bytes(b"GET,HEAD") })`). `HEAD` goes with `GET`.
pub fn routes(debug: &str) -> Vec<(String, String)> {
    let paths_start = debug
        .find("node: Node { paths: {")
        .expect("the router lists its paths");
    let paths = &debug[paths_start..];
    // The map ends after its last path's closing quote: `…"} }`.
    let paths = &paths[..paths.find("\"} }").unwrap() + 1];
    let methods_of = |id: &str| -> Vec<String> {
        let route = &debug[debug.find(&format!("{id}: MethodRouter(")).unwrap()..];
        let allow = &route[route.find("allow_header: ").unwrap() + "allow_header: ".len()..];
        let list = allow
            .strip_prefix("Bytes(b\"")
            .expect("a route with methods");
        list[..list.find('"').unwrap()]
            .split(',')
            .filter(|method| *method != "HEAD")
            .map(str::to_owned)
            .collect()
    };
    paths
        .split("RouteId(")
        .skip(1)
        .flat_map(|entry| {
            let (number, rest) = entry.split_once(')').unwrap();
            let path = rest.split('"').nth(1).unwrap().to_owned();
            methods_of(&format!("RouteId({number})"))
                .into_iter()
                .map(move |method| (method, path.clone()))
        })
        .collect()
}
