use super::query::{MAX_EXPANDED_WORDS, MAX_QUERY_WORDS};
use super::*;

/// (id, title, text, audience, locale)
type Doc = (
    &'static str,
    &'static str,
    &'static str,
    Audience,
    &'static str,
);

const DOCS: &[Doc] = &[
    (
        "refund-timeline",
        "How long refunds take",
        "Refunds reach your card in 3–5 business days.",
        Audience::Buyer,
        "en",
    ),
    (
        "request-refund",
        "Request a refund",
        "Ask the seller for a refund from the order page.",
        Audience::Buyer,
        "en",
    ),
    (
        "late-delivery",
        "My order is late",
        "Shipping can take longer; open a case after 3 days.",
        Audience::Buyer,
        "en",
    ),
    (
        "payout-hold",
        "Why is my payout on hold?",
        "New sellers' payouts are held for 7 days.",
        Audience::Seller,
        "en",
    ),
    (
        "bootloader",
        "Burn the bootloader",
        "Use a programmer to burn the bootloader <b>safely</b>.",
        Audience::All,
        "en",
    ),
    (
        "request-refund",
        "¿Cómo obtengo un reembolso?",
        "Pide el reembolso desde la página del pedido.",
        Audience::Buyer,
        "es",
    ),
];

fn index_of(docs: &[Doc], synonyms: &Synonyms) -> SearchIndex {
    SearchIndex::build(
        docs.iter()
            .map(|(id, title, text, audience, locale)| Indexed {
                id,
                title,
                summary: "",
                tags: &[],
                text,
                audience: *audience,
                locale,
            }),
        synonyms,
    )
    .unwrap()
}

fn index() -> SearchIndex {
    index_of(DOCS, &Synonyms::default())
}

fn search(
    index: &SearchIndex,
    query: &str,
    language: &str,
    audience: Option<Audience>,
) -> Vec<SearchHit> {
    let request = SearchRequest {
        query,
        language: Some(language),
        audience,
        limit: 10,
    };
    index.search(&request).unwrap()
}

fn ids(index: &SearchIndex, query: &str, audience: Option<Audience>) -> Vec<String> {
    search(index, query, "en", audience)
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

#[test]
fn stems_and_boosts_titles() {
    let found = ids(&index(), "refunds ", None);
    assert_eq!(
        found[..2],
        ["request-refund", "refund-timeline"].map(String::from)[..]
    );
}

#[test]
fn tolerates_typos_and_completes_the_last_word() {
    assert!(ids(&index(), "refnd ", None).contains(&"request-refund".to_owned()));
    assert_eq!(ids(&index(), "bootloder", None)[0], "bootloader");
    assert_eq!(ids(&index(), "pay", None)[0], "payout-hold");
    // A finished word is not completed: "pay " alone matches nothing indexed.
    assert!(ids(&index(), "pay ", None).is_empty());
}

#[test]
fn filters_by_audience() {
    assert!(ids(&index(), "payout", Some(Audience::Buyer)).is_empty());
    assert_eq!(
        ids(&index(), "payout", Some(Audience::Seller)),
        ["payout-hold"]
    );
}

#[test]
fn a_language_comes_first_then_the_english_articles_not_translated_into_it() {
    let found: Vec<(String, String)> = search(&index(), "reembolso refund", "es-MX", None)
        .into_iter()
        .map(|hit| (hit.id, hit.title))
        .collect();
    assert_eq!(
        found[0],
        (
            "request-refund".into(),
            "¿Cómo obtengo un reembolso?".into()
        )
    );
    // The English refund articles follow, except the one that is translated.
    assert_eq!(found[1].0, "refund-timeline");
    assert_eq!(
        found
            .iter()
            .filter(|(id, _)| id == "request-refund")
            .count(),
        1
    );
    // A language without articles searches English only.
    assert_eq!(
        search(&index(), "bootloader", "fr", None)[0].id,
        "bootloader"
    );
}

#[test]
fn snippets_mark_matches_and_escape_the_rest() {
    let hits = index()
        .search(&SearchRequest {
            query: "programmer",
            limit: 1,
            ..Default::default()
        })
        .unwrap();
    assert!(
        hits[0].snippet.contains("<mark>programmer</mark>"),
        "{}",
        hits[0].snippet
    );
    assert!(hits[0].snippet.contains("&lt;b&gt;"), "{}", hits[0].snippet);
}

#[test]
fn synonyms_expand_words_and_phrases() {
    let docs: &[Doc] = &[
        (
            "counterfeit",
            "Counterfeit items",
            "Report replicas.",
            Audience::All,
            "en",
        ),
        (
            "restock",
            "Sold out listings",
            "Listings sold out come back.",
            Audience::All,
            "en",
        ),
        ("other", "Fake news", "Unrelated.", Audience::All, "en"),
    ];
    let synonyms =
        Synonyms::parse("[en]\nfake = [\"counterfeit\"]\n\"back in stock\" = [\"sold out\"]\n")
            .unwrap();
    let index = index_of(docs, &synonyms);
    let found = ids(&index, "fake item ", None);
    assert!(found.contains(&"counterfeit".to_owned()), "{found:?}");
    assert!(
        found.contains(&"other".to_owned()),
        "the word as typed still counts: {found:?}"
    );
    assert_eq!(ids(&index, "when is it back in stock ", None)[0], "restock");
}

#[test]
fn long_queries_are_read_within_bounds() {
    // Every word a typo of an indexed word: each would be corrected if there were no bound.
    let typos = [
        "refnd",
        "reqest",
        "sellr",
        "paout",
        "shiping",
        "bootloder",
        "programer",
        "busness",
    ];
    let query: String = typos
        .iter()
        .cycle()
        .take(30)
        .map(|w| format!("{w} "))
        .collect();
    let english = &index().languages["en"];
    let terms = english.term_count(&query);
    assert!(terms > 0);
    // The first words are corrected (a few candidates each); the others stand for nothing.
    assert!(terms <= MAX_EXPANDED_WORDS * 3, "{terms} terms");
    let exact: String = ["refund"; 40].join(" ");
    assert!(english.term_count(&exact) <= MAX_QUERY_WORDS);
}
