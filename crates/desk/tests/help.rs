//! The help-center API over real HTTP, on SQLite and on PostgreSQL, with the sample help center.

mod support;

use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::help::{Article, SearchResponse, SiteConfig};
use signpost_core::suggest::SuggestionsResponse;
use signpost_core::wire::{ErrorBody, ErrorCode};
use signpost_desk::db::Db;
use support::TestDesk;

on_both_backends!(
    search_forgives_typos_and_highlights_matches,
    search_rejects_bad_parameters_by_field,
    articles_come_sanitised_and_unknown_ids_are_404,
    votes_are_stored,
    bad_votes_are_refused_with_the_field_named,
    suggestions_preview_what_the_widget_shows,
    site_config_carries_rules_and_their_articles,
    reload_needs_the_agent_token_and_picks_up_new_articles,
    search_in_a_language_adds_the_untranslated_english_articles,
);

async fn search(desk: &TestDesk, query: &str) -> SearchResponse {
    let response = desk
        .client
        .get(desk.url("/v1/search"))
        .query(&[("q", query)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn search_in_a_language_adds_the_untranslated_english_articles(desk: TestDesk) {
    let search_in = |query: &'static str| {
        let desk = &desk;
        async move {
            let response = desk
                .client
                .get(desk.url("/v1/search"))
                .query(&[("q", query), ("locale", "es-MX")])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            response.json::<SearchResponse>().await.unwrap().results
        }
    };
    let translated = search_in("reembolso").await;
    assert_eq!(translated[0].id, "request-refund", "{translated:?}");
    assert_eq!(translated[0].title, "¿Cómo obtengo un reembolso?");

    // Not translated into Spanish: still found, in English.
    let untranslated = search_in("cancel order").await;
    let ids: Vec<&str> = untranslated.iter().map(|hit| hit.id.as_str()).collect();
    assert!(ids.contains(&"cancel-order"), "{ids:?}");

    // An article translated into Spanish never also comes back in English.
    let both = search_in("refund reembolso").await;
    let mut ids: Vec<&str> = both.iter().map(|hit| hit.id.as_str()).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "each article once: {both:?}");
    let refund = both.iter().find(|hit| hit.id == "request-refund").unwrap();
    assert_eq!(refund.title, "¿Cómo obtengo un reembolso?");
}

async fn search_forgives_typos_and_highlights_matches(desk: TestDesk) {
    let found = search(&desk, "refnd").await;
    let ids: Vec<&str> = found
        .results
        .iter()
        .map(|hit| hit.id.as_str())
        .take(3)
        .collect();
    assert!(
        ids.contains(&"refund-timeline") && ids.contains(&"request-refund"),
        "{ids:?}"
    );
    assert!(
        found.results[0].snippet.contains("<mark>"),
        "{}",
        found.results[0].snippet
    );
    // Best first.
    assert!(
        found
            .results
            .windows(2)
            .all(|pair| pair[0].score >= pair[1].score)
    );

    let sellers = desk
        .client
        .get(desk.url("/v1/search?q=payout&audience=buyer"))
        .send()
        .await
        .unwrap();
    let sellers: SearchResponse = sellers.json().await.unwrap();
    assert!(
        sellers.results.iter().all(|hit| hit.id != "payout-hold"),
        "seller articles are not for buyers"
    );
    assert!(search(&desk, "").await.results.is_empty());
}

async fn search_rejects_bad_parameters_by_field(desk: TestDesk) {
    let long = "a".repeat(201);
    for (query, field) in [
        (vec![("q", long.as_str())], "q"),
        (vec![("q", "refund"), ("limit", "0")], "limit"),
    ] {
        let response = desk
            .client
            .get(desk.url("/v1/search"))
            .query(&query)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.fields[0].field, field);
    }
    let response = desk
        .client
        .get(desk.url("/v1/search?q=x&audience=robots"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::BadRequest
    );
}

async fn articles_come_sanitised_and_unknown_ids_are_404(desk: TestDesk) {
    let response = desk
        .client
        .get(desk.url("/v1/articles/return-window"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let article: Article = response.json().await.unwrap();
    assert_eq!(article.summary.id, "return-window");
    assert!(article.html.contains("<h2>"), "rendered Markdown");
    assert!(article.html.contains(r#"target="_blank""#) || !article.html.contains("<a "));
    assert_eq!(article.requested_locale, None);

    let missing = desk
        .client
        .get(desk.url("/v1/articles/no-such-article"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        missing.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::NotFound
    );
}

async fn feedback_count(desk: &TestDesk, article: &str) -> i64 {
    let db = Db::connect(desk.config.database.as_deref().unwrap())
        .await
        .unwrap();
    let sql = "SELECT COUNT(*) FROM article_feedback WHERE article_id = $1";
    let count = signpost_desk::with_pool!(&db, pool => sqlx::query_scalar(sql).bind(article).fetch_one(pool).await);
    db.close().await;
    count.unwrap()
}

async fn votes_are_stored(desk: TestDesk) {
    let vote = json!({"helpful": true, "surface": "order", "session_id": "tab-1234abcd"});
    for _ in 0..2 {
        let response = desk
            .client
            .post(desk.url("/v1/articles/late-delivery/feedback"))
            .json(&vote)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
    assert_eq!(feedback_count(&desk, "late-delivery").await, 2);
    assert_eq!(feedback_count(&desk, "return-window").await, 0);
}

async fn bad_votes_are_refused_with_the_field_named(desk: TestDesk) {
    let url = desk.url("/v1/articles/late-delivery/feedback");
    let short_session = json!({"helpful": true, "surface": "order", "session_id": "x"});
    let response = desk
        .client
        .post(&url)
        .json(&short_session)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        response.json::<ErrorBody>().await.unwrap().fields[0].field,
        "session_id"
    );

    let wrong_type = json!({"helpful": "very", "surface": "order", "session_id": "tab-1234abcd"});
    let response = desk
        .client
        .post(&url)
        .json(&wrong_type)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .json::<ErrorBody>()
            .await
            .unwrap()
            .message
            .contains("helpful")
    );

    let not_json = desk
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::BAD_REQUEST);

    let huge = desk
        .client
        .post(&url)
        .header("content-type", "application/json")
        .body(vec![b' '; 70 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        huge.json::<ErrorBody>().await.unwrap().code,
        ErrorCode::PayloadTooLarge
    );

    let unknown = desk
        .client
        .post(desk.url("/v1/articles/nope/feedback"))
        .json(&json!({"helpful": true, "surface": "order", "session_id": "tab-1234abcd"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        feedback_count(&desk, "late-delivery").await,
        0,
        "nothing bad was stored"
    );
}

async fn suggestions_preview_what_the_widget_shows(desk: TestDesk) {
    // 2026-11-15T12:00:00Z; the order was due on the 12th.
    let request = json!({
        "context": {"surface": "order", "role": "buyer",
                    "order": {"id": "A-1043", "status": "shipped", "promised_by": "2026-11-12"}},
        "clock": {"now_unix_seconds": 1_794_744_000i64, "utc_offset_minutes": 60},
    });
    let response = desk
        .client
        .post(desk.url("/v1/suggestions"))
        .json(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: SuggestionsResponse = response.json().await.unwrap();
    let first = &body.suggestions[0];
    let item = serde_json::to_value(&first.item).unwrap();
    assert_eq!(item["id"], "late-delivery");
    let reason = &first.reasons[0];
    assert_eq!(reason.rule_id.as_deref(), Some("late-delivery"));
    assert!(
        reason.text.contains("A-1043") && reason.text.contains("3 days ago"),
        "{}",
        reason.text
    );
    assert!(
        reason
            .facts
            .iter()
            .any(|fact| fact.path == "order.promised_by" && fact.value == "2026-11-12")
    );

    let delivered = json!({
        "context": {"surface": "order", "role": "buyer",
                    "order": {"id": "A-1043", "status": "delivered", "delivered_at": "2026-10-26"}},
        "clock": {"now_unix_seconds": 1_794_744_000i64, "utc_offset_minutes": 60},
    });
    let body: SuggestionsResponse = desk
        .client
        .post(desk.url("/v1/suggestions"))
        .json(&delivered)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first: Value = serde_json::to_value(&body.suggestions[0].item).unwrap();
    assert_eq!(first["id"], "return-window");
}

async fn site_config_carries_rules_and_their_articles(desk: TestDesk) {
    let site: SiteConfig = desk.get_json("/v1/site?locale=en").await;
    assert!(
        site.rules["rule"]
            .as_array()
            .is_some_and(|rules| !rules.is_empty())
    );
    let ids: Vec<&str> = site.articles.iter().map(|a| a.id.as_str()).collect();
    for id in ["late-delivery", "return-window", "document-rejected"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    // content/status-components.toml: payments concern checkout and order pages, not onboarding.
    use signpost_core::embed::Surface;
    let map = &site.status_components;
    assert!(
        map.maps("any-id", "Payments", Surface::Checkout)
            && map.maps("any-id", "payments", Surface::Order)
    );
    assert!(!map.maps("any-id", "Payments", Surface::Onboarding));
    assert!(map.maps("any-id", "Payouts", Surface::Onboarding));
}

async fn reload_needs_the_agent_token_and_picks_up_new_articles(desk: TestDesk) {
    let url = desk.url("/v1/agent/content/reload");
    let anonymous = desk.client.post(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let wrong = desk
        .client
        .post(&url)
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    // The test desk serves the repo's content folder; add an article to a copy and point a new desk at it.
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("first.md"),
        "---\ntitle: First\n---\nAbout zeppelins.",
    )
    .unwrap();
    let mut config = desk.config.clone();
    config.content = folder.path().to_owned();
    let copy = support::start(config, tempfile::tempdir().unwrap()).await;
    assert!(search(&copy, "walrus").await.results.is_empty());

    std::fs::write(
        folder.path().join("second.md"),
        "---\ntitle: Second\n---\nAbout walruses.",
    )
    .unwrap();
    std::fs::write(folder.path().join("broken.md"), "no front matter").unwrap();
    let reloaded = copy
        .client
        .post(copy.url("/v1/agent/content/reload"))
        .bearer_auth(support::AGENT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(reloaded.status(), StatusCode::OK);
    assert_eq!(
        reloaded.json::<Value>().await.unwrap()["articles"],
        2,
        "the broken file is skipped, the rest served"
    );
    assert_eq!(search(&copy, "walrus").await.results[0].id, "second");
}
