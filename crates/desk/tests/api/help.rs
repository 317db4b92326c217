//! The help-center API over real HTTP, on SQLite and on PostgreSQL, with the sample help center.

use crate::helpers;
use crate::helpers::TestDesk;
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::help::{Article, SearchResponse, SiteConfig};
use signpost_core::suggest::SuggestionsResponse;
use signpost_core::wire::{ErrorBody, ErrorCode};
use signpost_desk::db::Db;

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
    spanish_queries_without_accents_find_accented_articles,
    arabic_queries_find_articles_however_the_article_and_hamza_are_written,
    japanese_queries_without_spaces_find_the_article,
    german_compound_parts_find_the_compound,
    french_and_portuguese_are_stemmed_and_folded,
    a_language_comes_first_then_english,
    synonyms_expand_queries_and_a_bad_file_is_refused_on_reload,
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
    let untranslated = search_in("vacation mode").await;
    let ids: Vec<&str> = untranslated.iter().map(|hit| hit.id.as_str()).collect();
    assert!(ids.contains(&"vacation-mode"), "{ids:?}");

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

/// `POST /v1/suggestions`, answered with 200.
async fn suggest(desk: &TestDesk, request: &Value) -> SuggestionsResponse {
    let response = desk
        .client
        .post(desk.url("/v1/suggestions"))
        .json(request)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

async fn suggestions_preview_what_the_widget_shows(desk: TestDesk) {
    // 2026-11-15T12:00:00Z; the order was due on the 12th.
    let request = json!({
        "context": {"surface": "order", "role": "buyer",
                    "order": {"id": "A-1043", "status": "shipped", "promised_by": "2026-11-12"}},
        "clock": {"now_unix_seconds": 1_794_744_000i64, "utc_offset_minutes": 60},
    });
    let body = suggest(&desk, &request).await;
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
    // The guided flow the same rule offers comes beside the list, with the rule's reason.
    let flows: Vec<&str> = body.flows.iter().map(|f| f.flow.id.as_str()).collect();
    assert_eq!(flows, ["where-is-my-order"]);
    assert_eq!(
        body.flows[0].reasons[0].rule_id.as_deref(),
        Some("late-delivery")
    );

    // In the user's language: the flow's title and the action's label as the content words them.
    let mut spanish = request.clone();
    spanish["context"]["locale"] = json!("es");
    let body = suggest(&desk, &spanish).await;
    assert_eq!(body.flows[0].flow.title, "¿Dónde está mi pedido?");
    let labels: Vec<Value> = body
        .suggestions
        .iter()
        .map(|s| serde_json::to_value(&s.item).unwrap()["label"].clone())
        .collect();
    assert!(
        labels.contains(&json!("Avisar de un pedido retrasado")),
        "{labels:?}"
    );

    let delivered = json!({
        "context": {"surface": "order", "role": "buyer",
                    "order": {"id": "A-1043", "status": "delivered", "delivered_at": "2026-10-26"}},
        "clock": {"now_unix_seconds": 1_794_744_000i64, "utc_offset_minutes": 60},
    });
    let body = suggest(&desk, &delivered).await;
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

    // Every first open fetches it: compressed for a browser that accepts brotli or gzip.
    let plain = desk
        .client
        .get(desk.url("/v1/site?locale=en"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .len();
    for encoding in ["br", "gzip"] {
        let response = desk
            .client
            .get(desk.url("/v1/site?locale=en"))
            .header(reqwest::header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()[reqwest::header::CONTENT_ENCODING],
            encoding
        );
        let compressed = response.bytes().await.unwrap().len();
        assert!(
            compressed * 3 < plain,
            "{encoding}: {compressed} of {plain} bytes"
        );
    }
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
    let copy = helpers::start(config).await;
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
        .bearer_auth(helpers::AGENT_TOKEN)
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

/// Searches `desk` in `locale`: (id, title) of each hit, best first.
async fn search_titles(desk: &TestDesk, query: &str, locale: &str) -> Vec<(String, String)> {
    let response = desk
        .client
        .get(desk.url("/v1/search"))
        .query(&[("q", query), ("locale", locale)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let found: SearchResponse = response.json().await.unwrap();
    found
        .results
        .into_iter()
        .map(|hit| (hit.id, hit.title))
        .collect()
}

/// A desk like `desk` serving a content folder of `files` (path, contents) instead of the sample one; the
/// folder lives as long as the returned guard.
async fn desk_with_content(
    desk: &TestDesk,
    files: &[(&str, &str)],
) -> (TestDesk, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = folder.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    let mut config = desk.config.clone();
    config.content = folder.path().to_owned();
    (helpers::start(config).await, folder)
}

async fn spanish_queries_without_accents_find_accented_articles(desk: TestDesk) {
    for query in [
        "proteccion al comprador ",
        "protección al comprador ",
        "PROTECCIÓN ",
    ] {
        let found = search_titles(&desk, query, "es").await;
        assert_eq!(
            found[0],
            (
                "buyer-protection".to_owned(),
                "Protección al Comprador de Marketly: qué cubre".to_owned()
            ),
            "{query}: {found:?}"
        );
    }
    // Typed without its accent, "devolución" finds the article that has it in its title; and the stemmer saw
    // the accents, so the plural finds it too.
    let singular = search_titles(&desk, "devolucion ", "es").await;
    assert_eq!(singular[0].0, "start-return", "{singular:?}");
    let plural = search_titles(&desk, "devoluciones ", "es").await;
    assert!(
        plural.iter().take(2).any(|(id, _)| id == "start-return"),
        "{plural:?}"
    );
}

async fn arabic_queries_find_articles_however_the_article_and_hamza_are_written(desk: TestDesk) {
    // With and without the definite article, with hamza under the alef or none, with diacritics.
    let mut firsts = vec![];
    for query in ["إلغاء الطلب ", "الغاء الطلب ", "الغاء طلب ", "إِلْغَاء الطَّلَب "]
    {
        let found = search_titles(&desk, query, "ar").await;
        firsts.push(found[0].clone());
    }
    assert!(
        firsts
            .iter()
            .all(|first| *first == ("cancel-order".to_owned(), "كيف ألغي طلبا؟".to_owned())),
        "{firsts:?}"
    );
    // Taa marbuta typed as haa.
    let found = search_titles(&desk, "البطاقه مرفوضه", "ar").await;
    assert_eq!(found[0].0, "payment-declined", "{found:?}");
    // The article alone, glued to a preposition, or left out.
    let plain = search_titles(&desk, "شحن ", "ar").await;
    assert_eq!(search_titles(&desk, "الشحن ", "ar").await[0], plain[0]);
    assert_eq!(search_titles(&desk, "بالشحن ", "ar").await[0], plain[0]);
}

const JAPANESE_CANCEL: &str = "---\nid: cancel-order\ntitle: \"注文をキャンセルするには\"\nlocale: ja\n---\n発送前の注文は、注文履歴からキャンセルできます。注文から1時間以内なら、出品者の承認なしですぐにキャンセルされます。\n";
const JAPANESE_LATE: &str = "---\nid: late-delivery\ntitle: \"商品が届かない\"\nlocale: ja\n---\nお届け予定日を過ぎても注文した商品が届かない場合は、まず配送状況を確認してください。\n";

async fn japanese_queries_without_spaces_find_the_article(desk: TestDesk) {
    let (desk, _folder) = desk_with_content(
        &desk,
        &[
            ("ja/cancel-order.md", JAPANESE_CANCEL),
            ("ja/late-delivery.md", JAPANESE_LATE),
        ],
    )
    .await;
    let found = search_titles(&desk, "注文キャンセルしたい", "ja").await;
    assert_eq!(found[0].0, "cancel-order", "{found:?}");
    let found = search_titles(&desk, "荷物が届かないです", "ja").await;
    assert_eq!(found[0].0, "late-delivery", "{found:?}");
    let hits: SearchResponse = desk
        .get_json("/v1/search?q=%E9%85%8D%E9%80%81%E7%8A%B6%E6%B3%81&locale=ja")
        .await;
    assert!(
        hits.results[0].snippet.contains("<mark>"),
        "{}",
        hits.results[0].snippet
    );
}

async fn german_compound_parts_find_the_compound(desk: TestDesk) {
    let (desk, _folder) = desk_with_content(
        &desk,
        &[
            (
                "de/refund.md",
                "---\nid: refund\ntitle: Rückerstattungsantrag stellen\nlocale: de\n---\nSo stellst du einen Rückerstattungsantrag für deine Bestellung.\n",
            ),
            (
                "de/payment.md",
                "---\nid: payment\ntitle: Probleme mit der Zahlung\nlocale: de\n---\nWenn die Zahlung fehlschlägt, prüfe deine Karte.\n",
            ),
        ],
    )
    .await;
    // A part of a compound finds the compound, though the articles never use the part alone.
    assert_eq!(search_titles(&desk, "antrag ", "de").await[0].0, "refund");
    // A compound typed whole finds the article that writes its parts apart.
    assert_eq!(
        search_titles(&desk, "Zahlungsproblem ", "de").await[0].0,
        "payment"
    );
}

async fn french_and_portuguese_are_stemmed_and_folded(desk: TestDesk) {
    let (desk, _folder) = desk_with_content(
        &desk,
        &[
            (
                "fr/track.md",
                "---\nid: track\ntitle: Suivre l'expédition de votre colis\nlocale: fr\n---\nLe numéro de suivi arrive par e-mail.\n",
            ),
            (
                "pt/refund.md",
                "---\nid: refund\ntitle: Não recebi meu reembolso\nlocale: pt-BR\n---\nOs reembolsos chegam em até 5 dias úteis.\n",
            ),
        ],
    )
    .await;
    assert_eq!(
        search_titles(&desk, "expeditions ", "fr").await[0].0,
        "track"
    );
    assert_eq!(
        search_titles(&desk, "numero suivi", "fr").await[0].0,
        "track"
    );
    assert_eq!(
        search_titles(&desk, "reembolsos nao recebidos", "pt-BR").await[0].0,
        "refund"
    );
}

async fn a_language_comes_first_then_english(desk: TestDesk) {
    let (desk, _folder) = desk_with_content(
        &desk,
        &[
            (
                "refund.md",
                "---\nid: refund\ntitle: Refunds\n---\nRefund refund refund: how refunds work.\n",
            ),
            (
                "refund-times.md",
                "---\nid: refund-times\ntitle: Refund times\n---\nRefunds take 5 days.\n",
            ),
            (
                "es/refund.md",
                "---\nid: refund\ntitle: Reembolsos\nlocale: es\n---\nCómo funciona el reembolso, también llamado refund.\n",
            ),
        ],
    )
    .await;
    let found = search_titles(&desk, "refund", "es").await;
    // The Spanish article first though the English ones match "refund" better, then the English article
    // not translated; the translated one never comes in English.
    assert_eq!(
        found,
        [
            ("refund".to_owned(), "Reembolsos".to_owned()),
            ("refund-times".to_owned(), "Refund times".to_owned())
        ]
    );
}

async fn synonyms_expand_queries_and_a_bad_file_is_refused_on_reload(desk: TestDesk) {
    let article =
        "---\nid: counterfeit\ntitle: Counterfeit items\n---\nReport items that are not genuine.\n";
    let good = "[en]\nfake = [\"counterfeit\"]\n\"back in stock\" = [\"not genuine\"]\n";
    let (desk, folder) = desk_with_content(
        &desk,
        &[("counterfeit.md", article), ("synonyms.toml", good)],
    )
    .await;
    assert_eq!(search(&desk, "fake").await.results[0].id, "counterfeit");
    // A phrase stands for a phrase.
    assert_eq!(
        search(&desk, "is it back in stock?").await.results[0].id,
        "counterfeit"
    );

    let reload = || async {
        let response = desk
            .client
            .post(desk.url("/v1/agent/content/reload"))
            .bearer_auth(helpers::AGENT_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    };
    // A broken file is refused whole: the articles are served, searched without synonyms.
    std::fs::write(
        folder.path().join("synonyms.toml"),
        "[en]\nfake = \"counterfeit\"\n",
    )
    .unwrap();
    reload().await;
    assert!(search(&desk, "fake").await.results.is_empty());
    assert_eq!(
        search(&desk, "counterfeit").await.results[0].id,
        "counterfeit"
    );
    // Fixed, it applies again on the next reload.
    std::fs::write(folder.path().join("synonyms.toml"), good).unwrap();
    reload().await;
    assert_eq!(search(&desk, "fake").await.results[0].id, "counterfeit");
}
