//! The desk over real HTTP, on SQLite and on PostgreSQL.

use crate::helpers;
use crate::helpers::{TestDesk, WASM};
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT_ENCODING, ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_ENCODING,
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_NONE_MATCH, ORIGIN,
};
use signpost_core::wire::{ErrorBody, ErrorCode, Health};

on_both_backends!(
    the_loader_carries_the_sites_embed_settings,
    health_reports_the_database_and_widget_build,
    a_restart_on_the_same_database_keeps_working,
    loader_names_the_build_and_is_cached_briefly,
    build_files_are_typed_compressed_and_immutable,
    errors_are_json_everywhere,
    api_answers_configured_origins_only,
    demo_pages_carry_the_strict_policy,
);

async fn health(desk: &TestDesk) -> Health {
    let response = desk.client.get(desk.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn health_reports_the_database_and_widget_build(desk: TestDesk) {
    let health = health(&desk).await;
    assert_eq!(health.status, "ok");
    let backend = desk
        .config
        .database
        .as_deref()
        .unwrap()
        .split(':')
        .next()
        .unwrap();
    assert_eq!(health.database, backend);
    assert_eq!(health.widget.len(), 12);
}

async fn a_restart_on_the_same_database_keeps_working(desk: TestDesk) {
    let first = health(&desk).await;
    // Migrations run again at start and must find nothing to do.
    let again = helpers::start(desk.config.clone()).await;
    assert_eq!(health(&again).await, first);
}

async fn loader_names_the_build_and_is_cached_briefly(desk: TestDesk) {
    let version = health(&desk).await.widget;
    let response = desk
        .client
        .get(desk.url("/widget/loader.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(response.headers()[CACHE_CONTROL], "public, max-age=300");
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let body = response.text().await.unwrap();
    assert_eq!(
        body,
        helpers::LOADER
            .replace("__SIGNPOST_VERSION__", &version)
            .replace("__SIGNPOST_SITE__", "{}"),
        "the sample content sets no embed settings"
    );
}

async fn the_loader_carries_the_sites_embed_settings(base: TestDesk) {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("a.md"), "---\ntitle: A\n---\nText").unwrap();
    let loader_with = |settings: &str| {
        std::fs::write(folder.path().join("embed.toml"), settings).unwrap();
        let mut config = base.config.clone();
        config.content = folder.path().to_owned();
        async move {
            let desk = helpers::start(config).await;
            let loader = desk
                .client
                .get(desk.url("/widget/loader.js"))
                .send()
                .await
                .unwrap();
            loader.text().await.unwrap()
        }
    };
    // Under the script tag's attribute names, which the loader lets override them; what only the desk reads
    // (nudges per day) stays out of the page.
    let themed = loader_with(
        "primary_color = \"#ffcc00\"\nposition = \"left\"\noffset_x = 32\ncolor_scheme = \"dark\"\n\
         hide_launcher = true\nnudges_per_day = 1\n",
    )
    .await;
    assert!(
        themed.contains(
            r##"site={"color":"#ffcc00","position":"left","offsetX":32,"scheme":"dark","hideLauncher":true}"##
        ),
        "{themed}"
    );
    // A broken file is logged and ignored: the widget keeps its defaults rather than the desk refusing to start.
    let broken = loader_with("primary_color = \"blue\"\n").await;
    assert!(broken.contains("site={}"), "{broken}");
}

async fn build_files_are_typed_compressed_and_immutable(desk: TestDesk) {
    let version = health(&desk).await.widget;
    let wasm = desk.url(&format!("/widget/{version}/signpost_bg.wasm"));
    let response = desk
        .client
        .get(&wasm)
        .header(ACCEPT_ENCODING, "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/wasm");
    assert_eq!(response.headers()[CONTENT_ENCODING], "br");
    assert_eq!(
        response.headers()[CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.headers()[ACCESS_CONTROL_ALLOW_ORIGIN], "*");
    let etag = response.headers()[ETAG].clone();
    let compressed = response.bytes().await.unwrap();
    let mut raw = Vec::new();
    brotli::BrotliDecompress(&mut compressed.as_ref(), &mut raw).unwrap();
    assert_eq!(raw, WASM);

    let css = desk.url(&format!("/widget/{version}/widget.css"));
    let response = desk
        .client
        .get(&css)
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(response.headers()[CONTENT_TYPE], "text/css; charset=utf-8");

    let revalidated = desk
        .client
        .get(&wasm)
        .header(IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);

    // Another build's files are not this build's: a stale URL must not get mismatched glue and wasm.
    let stale = desk
        .client
        .get(desk.url("/widget/000000000000/signpost_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::NOT_FOUND);
}

async fn errors_are_json_everywhere(desk: TestDesk) {
    for (method, path, status, code) in [
        (
            reqwest::Method::GET,
            "/no/such/thing",
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
        ),
        (
            reqwest::Method::POST,
            "/healthz",
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::MethodNotAllowed,
        ),
        (
            reqwest::Method::GET,
            "/demo/admin",
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
        ),
        (
            reqwest::Method::GET,
            "/demo/assets/..%2FCargo.toml",
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
        ),
    ] {
        let response = desk
            .client
            .request(method.clone(), desk.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{method} {path}");
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "application/json",
            "{method} {path}"
        );
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.code, code, "{method} {path}");
        assert!(!body.message.is_empty());
    }
}

async fn api_answers_configured_origins_only(desk: TestDesk) {
    let allowed = desk
        .client
        .get(desk.url("/healthz"))
        .header(ORIGIN, "https://shop.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        allowed.headers()[ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://shop.example"
    );
    let other = desk
        .client
        .get(desk.url("/healthz"))
        .header(ORIGIN, "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get(ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

async fn demo_pages_carry_the_strict_policy(desk: TestDesk) {
    for page in ["checkout", "order", "onboarding"] {
        let response = desk
            .client
            .get(desk.url(&format!("/demo/{page}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{page}");
        let policy = response.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{policy}"
        );
        assert!(policy.contains("style-src 'self'"), "{policy}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(r#"src="/widget/loader.js" data-surface=""#),
            "{page} embeds the widget"
        );
    }
}
