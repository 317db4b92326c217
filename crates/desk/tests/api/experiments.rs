//! Experiments (`content/experiments.toml`): the desk's assignment (sticky, split as configured, only in the
//! cohorts an experiment names, never in a protected context), the exposures it keeps (only its own
//! assignment's), and the report: a planted effect is found, an A/A test keeps its false-positive rate however
//! often it is read, a breached guardrail stops the experiment for everyone, and a changed definition is
//! audited. Simulated people get their variant from the desk, as the widget does, and report exposures and
//! outcomes as events.

use crate::helpers::{self, Backend, TestDesk, field_names, ticket, wait_for};
use crate::proactive::{LATE_TEXT_EN, late_page_from, nudge};
use futures_util::StreamExt as _;
use reqwest::StatusCode;
use serde_json::{Value, json};
use signpost_core::experiments::report::{
    Comparison, ExperimentReport, ExperimentsReport, Outcome, Verdict,
};
use signpost_core::experiments::{
    AssignmentResponse, ChangeKind, Metric, STATUS_FIRST_VARIANTS, Variation, Varied,
};
use signpost_core::insights::events::MAX_EVENTS;
use signpost_core::insights::reports::Shown;
use signpost_core::tickets::{Priority, TicketCreated, TriageReason};
use signpost_core::wire::ErrorBody;
use signpost_desk::db::Db;
use signpost_insights::{Experiment, Split};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

/// Runs one async test body, taking the backend, on SQLite and on PostgreSQL, as two tests on two threads (the
/// desk and the simulated people share them).
macro_rules! on_both_backends_by_backend {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use crate::helpers::Backend;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(Backend::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name(Backend::Postgres).await
            }
        }
    )*};
}

on_both_backends_by_backend!(
    assignment_is_sticky_split_and_respects_cohorts,
    protected_contexts_get_no_experiment,
    bad_requests_are_422_with_the_field,
    only_the_desks_own_assignment_counts_as_exposure,
    a_planted_effect_is_found,
    a_breached_guardrail_stops_it_for_everyone,
    unhappy_users_stop_it_on_satisfaction,
    a_changed_definition_is_audited,
    a_nudge_wording_splits_the_words_people_see,
    an_article_text_varies_where_the_article_is_opened,
    the_contact_views_status_step_is_assigned_and_exposed,
    a_rule_reason_gives_each_variant_its_wording,
    a_large_order_criterion_triages_each_variant_its_way,
);

/// Requests in flight at once while simulating people.
const CONCURRENT: usize = 32;

/// The experiment most tests run: buyers on order pages, the late-delivery article (variant 0, the rule's own)
/// against the missing-delivery guide (variant 1), 50/50.
const LATE_ORDER: &str = "late-order-article";

fn late_order_experiment() -> String {
    late_delivery_experiment(
        LATE_ORDER,
        [50, 50],
        2000,
        &["tickets", "repeat_contact"],
        ["late-delivery", "missing-delivery"],
    )
}

/// The repo's content folder.
fn repo_content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

/// The `[[protected]]` tables of the repo's `experiments.toml` (its experiments left out): every experiments file
/// the tests write keeps the site's protected contexts.
fn repo_protected() -> String {
    let text = std::fs::read_to_string(repo_content().join("experiments.toml")).unwrap();
    let mut kept = String::new();
    let mut keeping = false;
    for line in text.lines() {
        if line.starts_with("[[") {
            keeping = line.trim() == "[[protected]]";
        }
        if keeping {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    assert!(
        kept.contains("[[protected]]"),
        "the repo protects some contexts"
    );
    kept
}

/// A desk reporting counts down to one person, on a copy of the repo's content folder whose experiments are
/// `experiments` (each an `[[experiment]]` table), with the repo's protected contexts. The folder lives as long
/// as the returned guard.
async fn desk(backend: Backend, experiments: &[String]) -> (TestDesk, TempDir) {
    let content = content_with(&format!("{}{}", repo_protected(), experiments.concat()));
    let desk = helpers::spawn_with(backend, |config| {
        config.insights.report_min_users = 1;
        // Every simulated person sends from 127.0.0.1: far more batches than the default 600 a minute.
        config.insights.event_batches_per_address_per_minute = 1_000_000;
        // A report read costs about experiments × events: the A/A test's take seconds in a debug build, more on
        // a loaded machine, and must not meet the 30 s request timeout.
        config.request_timeout_seconds = 120;
        config.content = content.path().to_owned();
    })
    .await;
    (desk, content)
}

/// A copy of the repo's content folder whose `experiments.toml` is `experiments`.
fn content_with(experiments: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_folder(&repo_content(), dir.path());
    std::fs::write(dir.path().join("experiments.toml"), experiments).unwrap();
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

/// An `[[experiment]]` on the article the `late-delivery` rule suggests, for buyers on order pages, primary
/// metric `resolved`.
fn late_delivery_experiment(
    id: &str,
    split: [u32; 2],
    planned_units: usize,
    guardrails: &[&str],
    variants: [&str; 2],
) -> String {
    let guardrails: Vec<String> = guardrails
        .iter()
        .map(|metric| format!("{{ metric = \"{metric}\" }}"))
        .collect();
    format!(
        r#"
[[experiment]]
id = "{id}"
audience = "buyer"
surfaces = ["order"]
split = [{}, {}]
planned_units = {planned_units}
primary = "resolved"
guardrails = [{}]
change = {{ kind = "rule_article", rule = "late-delivery", variants = ["{}", "{}"] }}
"#,
        split[0],
        split[1],
        guardrails.join(", "),
        variants[0],
        variants[1],
    )
}

/// The context of a buyer's order page.
fn order_page() -> Value {
    json!({"surface": "order", "role": "buyer", "locale": "en"})
}

/// `POST /v1/experiments/assignment` for `unit` on a page with `context`.
async fn ask(desk: &TestDesk, unit: &str, context: &Value) -> reqwest::Response {
    desk.client
        .post(desk.url("/v1/experiments/assignment"))
        .json(&json!({"unit": unit, "context": context}))
        .send()
        .await
        .unwrap()
}

/// The variations the desk gives `unit` on a page with `context`.
async fn variations(desk: &TestDesk, unit: &str, context: &Value) -> Vec<Variation> {
    let response = ask(desk, unit, context).await;
    assert_eq!(response.status(), StatusCode::OK, "{unit}");
    response
        .json::<AssignmentResponse>()
        .await
        .unwrap()
        .variations
}

/// The variant the desk gives `unit` in `experiment` on a buyer's order page, if it is in it.
async fn variant_in(desk: &TestDesk, experiment: &str, unit: &str) -> Option<u32> {
    let all = variations(desk, unit, &order_page()).await;
    let found: Vec<u32> = all
        .iter()
        .filter(|v| v.experiment == experiment)
        .map(|v| v.variant)
        .collect();
    assert!(found.len() <= 1, "{unit} is in {experiment} once: {all:?}");
    found.first().copied()
}

fn install(id: &str) -> Value {
    json!({"kind": "install", "id": id})
}

/// A batch of `events` from `unit` on a buyer's order page.
fn batch(unit: Value, events: Value) -> Value {
    json!({
        "unit": unit,
        "page": {"surface": "order", "language": "en", "audience": "buyer"},
        "events": events,
    })
}

fn exposed(experiment: &str, variant: u32) -> Value {
    json!({"kind": "exposed", "item": experiment, "variant": variant})
}

fn helpful_vote() -> Value {
    json!({"kind": "article_voted", "item": "missing-delivery", "helpful": true})
}

/// Sends `batch` as `navigator.sendBeacon` does; the events the desk accepted of it.
async fn send(desk: &TestDesk, batch: &Value) -> u64 {
    let response = desk
        .client
        .post(desk.url("/v1/events"))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .body(batch.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED, "{batch}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["dropped"], 0, "the desk had no room: {body}");
    body["accepted"].as_u64().unwrap()
}

/// Waits until the desk has written `count` events.
async fn written(desk: &TestDesk, count: u64) {
    wait_for(
        "the events to be written",
        Duration::from_secs(60),
        async || {
            let counters: Value = desk.agent_get("/v1/agent/insights/events").await;
            counters["written"].as_u64() == Some(count)
        },
    )
    .await;
}

/// `GET /v1/agent/insights/experiments`.
/// The report of the file's experiments: the holdouts of the shipped rules' nudges, listed beside them, have
/// their own tests (`proactive.rs`).
async fn report(desk: &TestDesk) -> ExperimentsReport {
    let response = desk
        .client
        .get(desk.url("/v1/agent/insights/experiments"))
        .bearer_auth(helpers::AGENT_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut report: ExperimentsReport = response.json().await.unwrap();
    report.experiments.retain(|e| !e.id.starts_with("nudge:"));
    report
}

fn find<'a>(report: &'a ExperimentsReport, id: &str) -> &'a ExperimentReport {
    report
        .experiments
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("{id} is reported: {report:#?}"))
}

/// The people exposed to each variant, control first (the desks of these tests show every count).
pub fn exposed_counts(report: &ExperimentReport) -> Vec<u64> {
    report
        .variants
        .iter()
        .map(|v| match v.exposed {
            Shown::Count(count) => count,
            other => panic!("variant {} shows {other:?}", v.variant),
        })
        .collect()
}

fn audit_actions(report: &ExperimentReport) -> Vec<&str> {
    report.audit.iter().map(|a| a.action.as_str()).collect()
}

fn comparison(report: &ExperimentReport, variant: u32, metric: Metric) -> &Comparison {
    report
        .comparisons
        .iter()
        .find(|c| c.variant == variant && c.metric == metric)
        .unwrap_or_else(|| panic!("variant {variant} is compared on {metric:?}: {report:#?}"))
}

/// Waits until `experiment`'s audit log reads `actions` (the desk records definitions in the background).
async fn audit_reads(desk: &TestDesk, experiment: &str, actions: &[&str]) {
    wait_for(
        &format!("{experiment}'s audit log to read {actions:?}"),
        Duration::from_secs(30),
        async || audit_actions(find(&report(desk).await, experiment)) == actions,
    )
    .await;
}

/// Runs `work` on every item, [`CONCURRENT`] at a time; the results in the items' order.
async fn each<T, R, F: Future<Output = R>>(items: Vec<T>, work: impl FnMut(T) -> F) -> Vec<R> {
    futures_util::stream::iter(items)
        .map(work)
        .buffered(CONCURRENT)
        .collect()
        .await
}

/// SplitMix64: the same people every run for a seed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1_u64 << 53) as f64
    }
}

async fn assignment_is_sticky_split_and_respects_cohorts(backend: Backend) {
    let (desk, _content) = desk(backend, &[late_order_experiment()]).await;
    // Assignment is documented as a hash of the salt (the id) and the unit: what every replica computes.
    let documented = Experiment::new(LATE_ORDER, Split::new(vec![50, 50]).unwrap());
    let units: Vec<String> = (0..400).map(|i| format!("install-{i:04}")).collect();
    let answers = each(units.clone(), |unit| {
        let desk = &desk;
        async move {
            let first = variations(desk, &unit, &order_page()).await;
            // Another order page of the same buyer, later.
            let other_page = json!({"surface": "order", "role": "buyer", "locale": "en",
                                    "order": {"id": "A-1043", "status": "shipped"}});
            let again = variations(desk, &unit, &other_page).await;
            (unit, first, again)
        }
    })
    .await;
    let mut per_variant = [0_u64; 2];
    for (unit, first, again) in &answers {
        assert_eq!(first.len(), 1, "{unit} is in the one experiment: {first:?}");
        assert_eq!(first, again, "{unit} keeps its variant");
        let variation = &first[0];
        assert_eq!(variation.experiment, LATE_ORDER);
        let Varied::RuleArticle {
            rule,
            control,
            article: shown,
        } = &variation.change
        else {
            panic!("{unit}: a rule's article varies: {variation:?}")
        };
        assert_eq!(
            (rule.as_str(), control.as_str()),
            ("late-delivery", "late-delivery")
        );
        let article = match variation.variant {
            0 => "late-delivery",
            1 => "missing-delivery",
            other => panic!("{unit} got variant {other} of two"),
        };
        assert_eq!(shown.id, article, "{unit}");
        assert_eq!(
            variation.variant as usize,
            documented.variant(unit),
            "{unit} gets the documented hash's variant"
        );
        per_variant[variation.variant as usize] += 1;
    }
    // 400 fair coin flips: 200 each, within 4 σ (σ = √(400 · ¼) = 10).
    assert!(
        per_variant[1].abs_diff(200) <= 40,
        "a 50/50 split gave {per_variant:?}"
    );
    // Outside its cohorts nobody is in it: a seller, a checkout page, a page that names no role.
    let elsewhere = [
        json!({"surface": "order", "role": "seller", "locale": "en"}),
        json!({"surface": "checkout", "role": "buyer", "locale": "en"}),
        json!({"surface": "order", "locale": "en"}),
    ];
    for context in &elsewhere {
        for unit in &units[..40] {
            assert_eq!(
                variations(&desk, unit, context).await,
                [],
                "{unit} on {context}"
            );
        }
    }
}

async fn protected_contexts_get_no_experiment(backend: Backend) {
    let (desk, _content) = desk(backend, &[late_order_experiment()]).await;
    let protected = [
        json!({"surface": "order", "role": "buyer", "locale": "en", "order": {"payment_status": "failed"}}),
        json!({"surface": "order", "role": "buyer", "locale": "en", "custom": {"account_status": "suspended"}}),
        json!({"surface": "order", "role": "buyer", "locale": "en", "custom": {"concern": "safety"}}),
    ];
    for unit in (0..30).map(|i| format!("protected-{i}")) {
        // The same person is in the experiment on an ordinary order page...
        assert_eq!(variations(&desk, &unit, &order_page()).await.len(), 1);
        // ...and in none where the context is protected.
        for context in &protected {
            assert_eq!(
                variations(&desk, &unit, context).await,
                [],
                "{unit} on {context}"
            );
        }
    }

    // An experiment on a rule that fires only when the payment failed (protected) is refused; a sound one in the
    // same file runs. The refused one names no cohort: if it ran, everyone would be in it.
    let refused = r#"
[[experiment]]
id = "failed-payment-article"
split = [50, 50]
planned_units = 1000
primary = "resolved"
change = { kind = "rule_article", rule = "payment-failed", variants = ["payment-declined", "3d-secure"] }
"#;
    let sound = late_delivery_experiment(
        "sound",
        [50, 50],
        1000,
        &["tickets"],
        ["late-delivery", "missing-delivery"],
    );
    let (desk, _content) = self::desk(backend, &[refused.to_owned(), sound]).await;
    let reported: Vec<String> = report(&desk)
        .await
        .experiments
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(reported, ["sound"]);
    let checkout = json!({"surface": "checkout", "role": "buyer", "locale": "en",
                          "order": {"payment_status": "pending"}});
    let failed = json!({"surface": "checkout", "role": "buyer", "locale": "en",
                        "order": {"payment_status": "failed"}});
    for unit in (0..30).map(|i| format!("checkout-{i}")) {
        assert_eq!(variations(&desk, &unit, &checkout).await, [], "{unit}");
        assert_eq!(variations(&desk, &unit, &failed).await, [], "{unit}");
        let on_order_page: Vec<String> = variations(&desk, &unit, &order_page())
            .await
            .into_iter()
            .map(|v| v.experiment)
            .collect();
        assert_eq!(on_order_page, ["sound"], "{unit}");
    }
}

async fn bad_requests_are_422_with_the_field(backend: Backend) {
    let (desk, _content) = desk(backend, &[late_order_experiment()]).await;
    for unit in [String::new(), "   ".into(), "u".repeat(65)] {
        let response = ask(&desk, &unit, &order_page()).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{unit:?}"
        );
        assert_eq!(field_names(response).await, ["unit"], "{unit:?}");
    }
    // 64 characters is the most a unit id may have.
    assert_eq!(
        variations(&desk, &"u".repeat(64), &order_page())
            .await
            .len(),
        1
    );
    let url = desk.url("/v1/experiments/assignment");
    let not_json = desk
        .client
        .post(&url)
        .header("Content-Type", "application/json")
        .body("{unit: nope")
        .send()
        .await
        .unwrap();
    assert!(not_json.status().is_client_error(), "{}", not_json.status());
    let error: ErrorBody = not_json.json().await.unwrap();
    assert!(!error.message.is_empty());
    // No context: refused with the JSON error too, not assigned anyway.
    let no_context = desk
        .client
        .post(&url)
        .json(&json!({"unit": "u-1"}))
        .send()
        .await
        .unwrap();
    assert!(
        no_context.status().is_client_error(),
        "{}",
        no_context.status()
    );
    let _: ErrorBody = no_context.json().await.unwrap();
}

async fn only_the_desks_own_assignment_counts_as_exposure(backend: Backend) {
    let (desk, _content) = desk(backend, &[late_order_experiment()]).await;
    let mut honest = [0_u64; 2];
    let mut accepted = 0;
    for i in 0..20 {
        // An honest install reports the variant it got; a tampered (or stale) one claims the other.
        for (unit, lies) in [(format!("honest-{i}"), false), (format!("liar-{i}"), true)] {
            let variant = variant_in(&desk, LATE_ORDER, &unit).await.unwrap();
            let claimed = if lies { 1 - variant } else { variant };
            let events = json!([{"kind": "opened"}, exposed(LATE_ORDER, claimed)]);
            accepted += send(&desk, &batch(install(&unit), events)).await;
            if !lies {
                honest[variant as usize] += 1;
            }
        }
        // A page view's id is a unit too.
        let view = format!("view-{i}");
        let variant = variant_in(&desk, LATE_ORDER, &view).await.unwrap();
        let unit = json!({"kind": "page_view", "id": view});
        accepted += send(&desk, &batch(unit, json!([exposed(LATE_ORDER, variant)]))).await;
        honest[variant as usize] += 1;
    }
    // The same person exposed again counts once; a variant the experiment lacks, an experiment the desk does not
    // run and a batch that cannot be linked count for nothing.
    let variant = variant_in(&desk, LATE_ORDER, "honest-0").await.unwrap();
    let again = json!([exposed(LATE_ORDER, variant)]);
    accepted += send(&desk, &batch(install("honest-0"), again)).await;
    let stray = json!([exposed(LATE_ORDER, 7), exposed("no-such-experiment", 0)]);
    accepted += send(&desk, &batch(install("stray"), stray)).await;
    let unlinked = json!({"kind": "unlinked"});
    let events = json!([exposed(LATE_ORDER, 0), exposed(LATE_ORDER, 1)]);
    accepted += send(&desk, &batch(unlinked, events)).await;
    written(&desk, accepted).await;

    let report = report(&desk).await;
    let experiment = find(&report, LATE_ORDER);
    assert_eq!(
        exposed_counts(experiment),
        honest,
        "only the honest exposures count: {experiment:#?}"
    );
    assert_eq!(honest.iter().sum::<u64>(), 40);
    // Nor are the others stored where the report cannot see them (a variant it lacks, another experiment).
    let db = Db::connect(&desk.config.database_url()).await.unwrap();
    let stored: Vec<(String, i64)> = signpost_desk::with_pool!(&db, pool =>
        sqlx::query_as("SELECT experiment, CAST(variant AS BIGINT) FROM experiment_exposures")
            .fetch_all(pool).await)
    .unwrap();
    let mut stored_honest = [0_u64; 2];
    for (experiment, variant) in &stored {
        assert_eq!(experiment, LATE_ORDER, "{stored:?}");
        assert!(*variant == 0 || *variant == 1, "{stored:?}");
        stored_honest[*variant as usize] += 1;
    }
    assert_eq!(stored_honest, honest, "{stored:?}");
}

async fn a_planted_effect_is_found(backend: Backend) {
    const PEOPLE: usize = 3000;
    // Resolution rates of the control and the variant.
    const RATES: [f64; 2] = [0.20, 0.35];
    let experiment = late_delivery_experiment(
        "planted",
        [50, 50],
        4000,
        &["tickets"],
        ["late-delivery", "missing-delivery"],
    );
    let (desk, _content) = desk(backend, &[experiment]).await;
    let mut rng = SplitMix(0x0005_EED0_0000_0005);
    let people: Vec<(String, f64)> = (0..PEOPLE)
        .map(|i| (format!("person-{i:05}"), rng.uniform()))
        .collect();
    let lived = each(people, |(unit, draw)| {
        let desk = &desk;
        async move {
            let variant = variant_in(desk, "planted", &unit)
                .await
                .expect("every buyer on an order page is in it");
            let resolved = draw < RATES[variant as usize];
            let mut events = vec![exposed("planted", variant)];
            if resolved {
                events.push(helpful_vote());
            }
            let accepted = send(desk, &batch(install(&unit), json!(events))).await;
            (variant as usize, resolved, accepted)
        }
    })
    .await;
    written(&desk, lived.iter().map(|(_, _, accepted)| accepted).sum()).await;
    let (mut exposed, mut resolved) = ([0_u64; 2], [0_u64; 2]);
    for &(variant, was_resolved, _) in &lived {
        exposed[variant] += 1;
        resolved[variant] += u64::from(was_resolved);
    }

    let report = report(&desk).await;
    let planted = find(&report, "planted");
    assert_eq!(exposed_counts(planted), exposed, "{planted:#?}");
    for (variant, reported) in planted.variants.iter().enumerate() {
        let rate = reported
            .metrics
            .iter()
            .find(|m| m.metric == Metric::Resolved)
            .and_then(|m| m.rate)
            .unwrap_or_else(|| panic!("variant {variant}'s resolution rate: {planted:#?}"));
        assert_eq!(
            (rate.successes, rate.trials),
            (resolved[variant], exposed[variant]),
            "variant {variant}"
        );
    }
    assert_eq!(
        planted.verdict,
        Verdict::VariantBetter { variant: 1 },
        "{planted:#?}"
    );
    let primary = comparison(planted, 1, Metric::Resolved);
    assert!(!primary.guardrail);
    assert_eq!(primary.outcome, Outcome::Better);
    assert!(
        0.0 < primary.low && primary.low < 0.15 && 0.15 < primary.high,
        "the interval lies above 0 and holds the planted +0.15: {primary:?}"
    );
    assert!(!planted.sample_ratio.mismatch, "{:?}", planted.sample_ratio);
    assert!(planted.running);
}

async fn a_breached_guardrail_stops_it_for_everyone(backend: Backend) {
    const PEOPLE: usize = 400;
    // Ticket rates of the control and the variant.
    const TICKETS: [f64; 2] = [0.10, 0.45];
    let experiment = late_delivery_experiment(
        "risky",
        [50, 50],
        PEOPLE,
        &["tickets"],
        ["late-delivery", "missing-delivery"],
    );
    let (desk, _content) = desk(backend, &[experiment]).await;
    audit_reads(&desk, "risky", &["started"]).await;
    let mut rng = SplitMix(0x0000_0000_7E57_0007);
    let people: Vec<(String, f64)> = (0..PEOPLE)
        .map(|i| (format!("risky-{i:04}"), rng.uniform()))
        .collect();
    let accepted = each(people.clone(), |(unit, draw)| {
        let desk = &desk;
        async move {
            let variant = variant_in(desk, "risky", &unit)
                .await
                .expect("running: every buyer on an order page is in it");
            let mut accepted = send(
                desk,
                &batch(install(&unit), json!([exposed("risky", variant)])),
            )
            .await;
            if draw < TICKETS[variant as usize] {
                // Later, on another page view of the same install, the person gives up and writes in.
                let events =
                    json!([{"kind": "contact_started"}, {"kind": "ticket_filed", "item": "SP-1"}]);
                accepted += send(desk, &batch(install(&unit), events)).await;
            }
            accepted
        }
    })
    .await;
    written(&desk, accepted.iter().sum()).await;

    let read = report(&desk).await;
    let risky = find(&read, "risky");
    assert_eq!(
        risky.verdict,
        Verdict::StoppedGuardrail {
            variant: 1,
            metric: Metric::Tickets
        },
        "{risky:#?}"
    );
    assert_eq!(
        comparison(risky, 1, Metric::Tickets).outcome,
        Outcome::Worse
    );
    assert!(!risky.running);
    assert_eq!(audit_actions(risky), ["started", "stopped"], "{risky:#?}");
    // Stopped for everyone: those who were in it and newcomers alike get the control (no variation).
    let newcomers = (0..50).map(|i| format!("newcomer-{i}"));
    for unit in people
        .iter()
        .map(|(unit, _)| unit.clone())
        .take(100)
        .chain(newcomers)
    {
        assert_eq!(variations(&desk, &unit, &order_page()).await, [], "{unit}");
    }
    // Reading it again stops nothing twice, and it stays stopped.
    let again = report(&desk).await;
    let risky = find(&again, "risky");
    assert!(!risky.running);
    assert_eq!(audit_actions(risky), ["started", "stopped"]);
}

/// Satisfaction as a guardrail: people of the variant who write in rate the help they got far lower, and the
/// experiment stops on it (tickets, not a guardrail here, are filed alike in both).
async fn unhappy_users_stop_it_on_satisfaction(backend: Backend) {
    const PEOPLE: usize = 300;
    // Of each variant's people, the share rating the help 1 to 3 of 5 (everyone writes in and rates).
    const UNHAPPY: [f64; 2] = [0.05, 0.45];
    let experiment = late_delivery_experiment(
        "unloved",
        [50, 50],
        PEOPLE,
        &["unsatisfied"],
        ["late-delivery", "missing-delivery"],
    );
    let (desk, _content) = desk(backend, &[experiment]).await;
    let mut rng = SplitMix(0x0000_0000_C5A7_0001);
    let people: Vec<(usize, f64)> = (0..PEOPLE).map(|i| (i, rng.uniform())).collect();
    let accepted = each(people, |(i, draw)| {
        let desk = &desk;
        async move {
            let unit = format!("unloved-{i:04}");
            let variant = variant_in(desk, "unloved", &unit)
                .await
                .expect("running: every buyer on an order page is in it");
            let mut accepted = send(
                desk,
                &batch(install(&unit), json!([exposed("unloved", variant)])),
            )
            .await;
            let created = desk
                .file_ok(&format!("key-{unit}"), None, &ticket("My parcel is late."))
                .await;
            desk.solve(&created.id).await;
            let rating = if draw < UNHAPPY[variant as usize] {
                2
            } else {
                5
            };
            let rated = desk
                .client
                .post(desk.url(&format!("/v1/tickets/{}/satisfaction", created.id)))
                .bearer_auth(&created.access_token)
                .json(&json!({ "rating": rating }))
                .send()
                .await
                .unwrap();
            assert_eq!(rated.status(), StatusCode::OK);
            let events = json!([
                {"kind": "ticket_filed", "item": created.id},
                {"kind": "survey_answered", "item": created.id},
            ]);
            accepted += send(desk, &batch(install(&unit), events)).await;
            accepted
        }
    })
    .await;
    written(&desk, accepted.iter().sum()).await;

    let read = report(&desk).await;
    let unloved = find(&read, "unloved");
    assert_eq!(
        unloved.verdict,
        Verdict::StoppedGuardrail {
            variant: 1,
            metric: Metric::Unsatisfied
        },
        "{unloved:#?}"
    );
    assert!(!unloved.running);
    let unhappy = |variant: usize| {
        let rate = unloved.variants[variant]
            .metrics
            .iter()
            .find(|r| r.metric == Metric::Unsatisfied)
            .and_then(|r| r.rate)
            .expect("a rate per variant");
        rate.rate
    };
    assert!(unhappy(0) < 0.15 && unhappy(1) > 0.3, "{unloved:#?}");
    assert_eq!(
        audit_actions(unloved),
        ["started", "stopped"],
        "{unloved:#?}"
    );
}

async fn a_changed_definition_is_audited(backend: Backend) {
    let tuned = |split| {
        late_delivery_experiment(
            "tuned",
            split,
            1000,
            &["tickets"],
            ["late-delivery", "missing-delivery"],
        )
    };
    let (first, _first_content) = desk(backend, &[tuned([50, 50])]).await;
    audit_reads(&first, "tuned", &["started"]).await;
    // A new deploy on the same database: the split changed.
    let second_content = content_with(&format!("{}{}", repo_protected(), tuned([60, 40])));
    let mut config = first.config.clone();
    config.content = second_content.path().to_owned();
    let second = helpers::start(config).await;
    wait_for(
        "the change to be audited",
        Duration::from_secs(30),
        async || audit_actions(find(&report(&second).await, "tuned")).len() >= 2,
    )
    .await;
    let read = report(&second).await;
    let tuned = find(&read, "tuned");
    // (Prefix: the first desk, still running the old definition, may record its own change back.)
    assert_eq!(
        audit_actions(tuned)[..2],
        ["started", "changed"],
        "{tuned:#?}"
    );
    assert_eq!(tuned.variants[0].planned_share, 0.6);
    // The audit log is the database's: the first desk reads the same.
    let seen_by_first = report(&first).await;
    assert_eq!(find(&seen_by_first, "tuned").audit[..2], tuned.audit[..2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_a_a_test_keeps_its_false_positive_rate() {
    // Sized for a debug build: a report read costs about experiments × events (each person's exposures are
    // events too): 40 experiments of 400 people, each person in all of them, read five times take 20–35 s.
    const EXPERIMENTS: usize = 40;
    const PEOPLE: usize = 400;
    /// The reports read along the way, each after another fifth of the people: daily peeking.
    const LOOKS: usize = 5;
    const ALPHA: f64 = 0.05;
    // Both variants list the same article: whatever the report finds is a false positive.
    let file: Vec<String> = (0..EXPERIMENTS)
        .map(|i| {
            late_delivery_experiment(
                &format!("aa-{i:02}"),
                [50, 50],
                PEOPLE,
                &[],
                ["late-delivery", "late-delivery"],
            )
        })
        .collect();
    let (desk, _content) = desk(Backend::Sqlite, &file).await;
    let mut rng = SplitMix(0x0000_0000_00AA_0042);
    let mut declared = BTreeSet::new();
    let mut accepted = 0;
    let mut last = None;
    for look in 0..LOOKS {
        let people: Vec<(String, bool)> = (0..PEOPLE / LOOKS)
            .map(|i| (format!("aa-{look}-{i:04}"), rng.uniform() < 0.3))
            .collect();
        let sent = each(people, |(unit, resolved)| {
            let desk = &desk;
            async move {
                let variations = variations(desk, &unit, &order_page()).await;
                assert_eq!(variations.len(), EXPERIMENTS, "{unit} is in all of them");
                let mut events: Vec<Value> = variations
                    .iter()
                    .map(|v| exposed(&v.experiment, v.variant))
                    .collect();
                if resolved {
                    events.push(helpful_vote());
                }
                let mut accepted = 0;
                for events in events.chunks(MAX_EVENTS) {
                    accepted += send(desk, &batch(install(&unit), json!(events))).await;
                }
                accepted
            }
        })
        .await;
        accepted += sent.iter().sum::<u64>();
        written(&desk, accepted).await;
        let read = report(&desk).await;
        assert_eq!(read.experiments.len(), EXPERIMENTS);
        for experiment in &read.experiments {
            let exposed: u64 = exposed_counts(experiment).iter().sum();
            assert_eq!(
                exposed as usize,
                (look + 1) * PEOPLE / LOOKS,
                "{}",
                experiment.id
            );
            let verdict_differs = matches!(
                experiment.verdict,
                Verdict::VariantBetter { .. }
                    | Verdict::ControlBetter
                    | Verdict::StoppedGuardrail { .. }
            );
            let interval_differs = experiment
                .comparisons
                .iter()
                .any(|c| c.outcome != Outcome::NoDifferenceYet);
            if verdict_differs || interval_differs {
                declared.insert(experiment.id.clone());
            }
        }
        last = Some(read);
    }
    // The intervals are real ones, not the [−1, 1] that never declares anything: at 400 people, about ±0.14.
    for experiment in &last.unwrap().experiments {
        let primary = comparison(experiment, 1, Metric::Resolved);
        assert!(
            primary.high - primary.low < 0.4,
            "{}: {primary:?}",
            experiment.id
        );
    }
    // Each experiment declares a difference at some look with probability at most α: the count is at most a
    // binomial(40, α)'s mean plus 3 σ (6).
    let n = EXPERIMENTS as f64;
    let bound = (n * ALPHA + 3.0 * (n * ALPHA * (1.0 - ALPHA)).sqrt()).floor() as usize;
    assert!(
        declared.len() <= bound,
        "{} of {EXPERIMENTS} A/A experiments declared a difference (at most {bound}): {declared:?}",
        declared.len()
    );
}

/// A wording experiment on the late-delivery nudge: the rule's own words against shorter ones, in English and
/// Spanish, for buyers on order pages.
const LATE_WORDS: &str = r#"
[[experiment]]
id = "late-nudge-words"
audience = "buyer"
surfaces = ["order"]
split = [50, 50]
planned_units = 400
primary = "tickets"
change = { kind = "nudge_wording", rule = "late-delivery", wordings = [
  { en = "{order.promised_by|days_since} days late? We can help.", es = "¿{order.promised_by|days_since} días de retraso? Te ayudamos." },
] }
"#;

/// The late-delivery nudge's words for the browser with install id `install` on a late order's page in
/// `locale`, if it is shown one.
async fn late_nudge_words(desk: &TestDesk, install: &str, locale: &str) -> Option<String> {
    let page = late_page_from(install, |context| context["locale"] = json!(locale));
    nudge(desk, "order", &page).await.map(|nudge| nudge.text)
}

async fn a_nudge_wording_splits_the_words_people_see(backend: Backend) {
    let (desk, _content) = desk(backend, &[LATE_WORDS.to_owned()]).await;
    let own = LATE_TEXT_EN;
    let other = "4 days late? We can help.";
    let installs: Vec<String> = (0..200).map(|n| format!("words-{n}")).collect();
    let seen = each(installs.clone(), |install| {
        let desk = &desk;
        async move { late_nudge_words(desk, &install, "en").await }
    })
    .await;
    let count = |words: &str| seen.iter().filter(|s| s.as_deref() == Some(words)).count() as u64;
    let (own_count, other_count) = (count(own), count(other));
    let held_out = seen.iter().filter(|s| s.is_none()).count() as u64;
    assert_eq!(
        own_count + other_count + held_out,
        200,
        "the own words, the other words, or held out of the nudge: {seen:?}"
    );
    // Of about 180 shown, half each: 90 ± 6.7; [50, 130] is wide of any fair draw.
    for shown in [own_count, other_count] {
        assert!((50..=130).contains(&shown), "{own_count} / {other_count}");
    }
    // Sticky, and in the user's language.
    for (install, words) in installs.iter().zip(&seen).take(40) {
        assert_eq!(
            &late_nudge_words(&desk, install, "en").await,
            words,
            "{install}"
        );
        let spanish = late_nudge_words(&desk, install, "es").await;
        match words.as_deref() {
            Some(w) if w == other => {
                assert_eq!(spanish.as_deref(), Some("¿4 días de retraso? Te ayudamos."))
            }
            Some(_) => assert_eq!(
                spanish.as_deref(),
                Some("Tu pedido lleva 4 días de retraso. Mira tus opciones.")
            ),
            None => assert_eq!(spanish, None),
        }
    }

    wait_for(
        "the nudge's exposures to be written",
        Duration::from_secs(60),
        async || {
            exposed_counts(find(&report(&desk).await, "late-nudge-words"))
                .iter()
                .sum::<u64>()
                >= own_count + other_count
        },
    )
    .await;
    let report = report(&desk).await;
    let words = find(&report, "late-nudge-words");
    assert_eq!(words.subject, "late-delivery");
    assert_eq!(
        exposed_counts(words),
        [own_count, other_count],
        "exposed: those shown each wording, once each"
    );
    let names: Vec<&str> = words.variants.iter().map(|v| v.article.as_str()).collect();
    assert_eq!(
        names,
        [
            "own words",
            "{order.promised_by|days_since} days late? We can help."
        ]
    );
}

/// An experiment on the late-delivery article's text, for buyers on order pages, and one on the
/// missing-delivery article whose text is in English only (the article is in Spanish and Arabic too).
const LATE_TEXT: &str = r#"
[[experiment]]
id = "late-text"
audience = "buyer"
surfaces = ["order"]
split = [50, 50]
planned_units = 400
primary = "resolved"
change = { kind = "article_text", article = "late-delivery", texts = ["late-delivery-steps"] }

[[experiment]]
id = "untranslated-text"
split = [50, 50]
planned_units = 400
primary = "resolved"
change = { kind = "article_text", article = "missing-delivery", texts = ["missing-delivery-short"] }
"#;

/// A text of `variants/` (`language/` below it unless English), titled `title`.
fn write_text(content: &Path, language: &str, id: &str, title: &str) {
    let folder = match language {
        "en" => content.join("variants"),
        other => content.join("variants").join(other),
    };
    std::fs::create_dir_all(&folder).unwrap();
    let text = format!(
        "---\nid: {id}\ntitle: \"{title}\"\nlocale: {language}\n---\n\n1. {title}: step one.\n"
    );
    std::fs::write(folder.join(format!("{id}.md")), text).unwrap();
}

/// Sends each unit's exposure to `experiment`'s variant as its widget would, and waits until the report
/// counts them all.
async fn expose(
    desk: &TestDesk,
    experiment: &str,
    exposures: impl Iterator<Item = (&String, u32)>,
) {
    let mut count = 0;
    for (unit, variant) in exposures {
        send(
            desk,
            &batch(install(unit), json!([exposed(experiment, variant)])),
        )
        .await;
        count += 1;
    }
    wait_for(
        "the exposures to be written",
        Duration::from_secs(60),
        async || {
            exposed_counts(find(&report(desk).await, experiment))
                .iter()
                .sum::<u64>()
                == count
        },
    )
    .await;
}

/// `GET /v1/articles/{id}` with `query`: the status and the body.
async fn article(desk: &TestDesk, id: &str, query: &str) -> (StatusCode, Value) {
    let response = desk
        .client
        .get(desk.url(&format!("/v1/articles/{id}?{query}")))
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

async fn an_article_text_varies_where_the_article_is_opened(backend: Backend) {
    let content = content_with(&format!("{}{LATE_TEXT}", repo_protected()));
    for (language, title) in [
        ("en", "Late order? Three steps"),
        ("es", "¿Pedido retrasado? Tres pasos"),
        ("ar", "طلب متأخر؟ ثلاث خطوات"),
    ] {
        write_text(content.path(), language, "late-delivery-steps", title);
    }
    write_text(
        content.path(),
        "en",
        "missing-delivery-short",
        "Missing? Short",
    );
    let desk = helpers::spawn_with(backend, |config| {
        config.insights.report_min_users = 1;
        config.insights.event_batches_per_address_per_minute = 1_000_000;
        config.content = content.path().to_owned();
    })
    .await;

    // The article names its experiment; the text missing a language runs none.
    let (status, own) = article(&desk, "late-delivery", "locale=en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(own["experiment"], "late-text");
    let own_title = own["title"].as_str().unwrap().to_owned();
    assert_eq!(
        article(&desk, "missing-delivery", "").await.1["experiment"],
        Value::Null
    );
    let (status, text) = article(&desk, "late-delivery", "locale=es&variant=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (&text["id"], &text["title"], &text["locale"]),
        (
            &json!("late-delivery"),
            &json!("¿Pedido retrasado? Tres pasos"),
            &json!("es")
        ),
        "the variant's text under the article's id, in the reader's language"
    );
    assert!(
        text["html"].as_str().unwrap().contains("step one"),
        "{text}"
    );
    assert_eq!(
        article(&desk, "late-delivery", "variant=7").await.1["title"],
        own_title,
        "a variant the experiment does not have reads the article's own"
    );
    let refused = desk
        .client
        .get(desk.url("/v1/articles/late-delivery?variant=-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_names(refused).await, ["variant"]);

    // Each buyer on an order page is in one variant, sticky, titled as its text; nobody on a protected page.
    let units: Vec<String> = (0..200).map(|n| format!("text-{n}")).collect();
    let answers = each(units.clone(), |unit| {
        let desk = &desk;
        async move { variations(desk, &unit, &order_page()).await }
    })
    .await;
    let mut per_variant = [0_u64; 2];
    for (unit, found) in units.iter().zip(&answers) {
        let [variation] = found.as_slice() else {
            panic!("{unit} is in the one experiment for buyers: {found:?}")
        };
        let Varied::ArticleText { control, article } = &variation.change else {
            panic!("{unit}: an article's text varies: {variation:?}")
        };
        assert_eq!(control, "late-delivery");
        let title =
            ["Late order? Three steps", own_title.as_str()][usize::from(variation.variant == 0)];
        assert_eq!(article.title, title, "{unit}");
        per_variant[variation.variant as usize] += 1;
    }
    assert!(
        per_variant[1].abs_diff(100) <= 30,
        "a 50/50 split gave {per_variant:?}"
    );
    let failed =
        json!({"surface": "order", "role": "buyer", "order": {"payment_status": "failed"}});
    assert_eq!(variations(&desk, &units[0], &failed).await, []);

    // The readers' exposures are what the report counts.
    let readers = units
        .iter()
        .zip(&answers)
        .map(|(unit, found)| (unit, found[0].variant));
    expose(&desk, "late-text", readers).await;
    let report = report(&desk).await;
    let late = find(&report, "late-text");
    assert_eq!(exposed_counts(late), per_variant);
    assert_eq!(
        (late.change, late.subject.as_str()),
        (ChangeKind::ArticleText, "late-delivery")
    );
    let names: Vec<&str> = late.variants.iter().map(|v| v.article.as_str()).collect();
    assert_eq!(names, ["own text", "late-delivery-steps"]);
    assert!(
        !report
            .experiments
            .iter()
            .any(|e| e.id == "untranslated-text"),
        "a text missing one of its article's languages runs no experiment"
    );
}

/// An experiment on the contact view's status during an incident, for sellers.
const STATUS_FIRST: &str = r#"
[[experiment]]
id = "status-first"
audience = "seller"
split = [50, 50]
planned_units = 400
primary = "tickets"
guardrails = [{ metric = "unsatisfied" }]
change = { kind = "status_first" }
"#;

async fn the_contact_views_status_step_is_assigned_and_exposed(backend: Backend) {
    let (desk, _content) = desk(backend, &[STATUS_FIRST.to_owned()]).await;
    let site: Value = desk.get_json("/v1/site").await;
    assert_eq!(
        site["experiment_status_first"], true,
        "the widget learns to ask"
    );
    let seller = json!({"surface": "onboarding", "role": "seller", "locale": "en"});
    let units = split_in_halves(&desk, "status-first", &seller, |_| Varied::StatusFirst).await;
    assert_eq!(
        variations(&desk, &units[0].0, &order_page()).await,
        [],
        "buyers are not in it"
    );
    // Those who met the choice (the contact view during an incident) are what the report counts.
    let status = counts_exposures(&desk, "status-first", &units).await;
    assert_eq!(status.change, ChangeKind::StatusFirst);
    let names: Vec<&str> = status.variants.iter().map(|v| v.article.as_str()).collect();
    assert_eq!(names, STATUS_FIRST_VARIANTS);
}

/// 200 people's variants on a page with `context`: each is in `experiment` alone, with the change
/// `change(variant)`, and the split is 50/50 (within 30). Each person's unit and variant.
async fn split_in_halves(
    desk: &TestDesk,
    experiment: &str,
    context: &Value,
    change: impl Fn(u32) -> Varied,
) -> Vec<(String, u32)> {
    let units: Vec<String> = (0..200).map(|n| format!("{experiment}-{n}")).collect();
    let answers = each(units.clone(), |unit| async move {
        variations(desk, &unit, context).await
    })
    .await;
    let mut per_variant = [0_u64; 2];
    let mut assigned = vec![];
    for (unit, found) in units.into_iter().zip(answers) {
        let [variation] = found.as_slice() else {
            panic!("{unit} is in the one experiment that runs: {found:?}")
        };
        assert_eq!(
            (variation.experiment.as_str(), &variation.change),
            (experiment, &change(variation.variant)),
            "{unit}"
        );
        per_variant[variation.variant as usize] += 1;
        assigned.push((unit, variation.variant));
    }
    assert!(
        per_variant[1].abs_diff(100) <= 30,
        "a 50/50 split gave {per_variant:?}"
    );
    assigned
}

/// Reports the first 120 of `assigned` as exposed to `experiment`, as their widgets would once they met the
/// variant, and checks the report counts exactly them per variant: the experiment's report.
async fn counts_exposures(
    desk: &TestDesk,
    experiment: &str,
    assigned: &[(String, u32)],
) -> ExperimentReport {
    let met = &assigned[..120];
    expose(
        desk,
        experiment,
        met.iter().map(|(unit, variant)| (unit, *variant)),
    )
    .await;
    let mut expected = [0_u64; 2];
    for (_, variant) in met {
        expected[*variant as usize] += 1;
    }
    let report = report(desk).await;
    let found = find(&report, experiment).clone();
    assert_eq!(exposed_counts(&found), expected);
    found
}

/// The late-delivery rule's reason in other words (the rule's placeholders, English and Spanish), and an
/// experiment whose wording drops a placeholder, which the desk refuses to run.
const LATE_REASON: &str = r#"
[[experiment]]
id = "late-reason"
audience = "buyer"
split = [50, 50]
planned_units = 2000
primary = "resolved"
change = { kind = "rule_reason", rule = "late-delivery", reasons = [
  { en = "{order.id} was due {order.promised_by|days_since} days ago, on {order.promised_by|date}.", es = "{order.id} debía llegar hace {order.promised_by|days_since} días, el {order.promised_by|date}." },
] }

[[experiment]]
id = "vague-reason"
split = [50, 50]
planned_units = 2000
primary = "resolved"
change = { kind = "rule_reason", rule = "late-delivery-case", reasons = ["Something went wrong."] }
"#;

async fn a_rule_reason_gives_each_variant_its_wording(backend: Backend) {
    let (desk, _content) = desk(backend, &[LATE_REASON.to_owned()]).await;
    let site: Value = desk.get_json("/v1/site").await;
    assert_eq!(
        site["experiment_rules"],
        json!(["late-delivery"]),
        "the widget waits for the variant of the rule's items, and only of that rule's"
    );
    let wording = json!({
        "en": "{order.id} was due {order.promised_by|days_since} days ago, on {order.promised_by|date}.",
        "es": "{order.id} debía llegar hace {order.promised_by|days_since} días, el {order.promised_by|date}.",
    });
    // The control keeps the rule's own reason; the variant gets the wording in every language.
    let units = split_in_halves(&desk, "late-reason", &order_page(), |variant| {
        Varied::RuleReason {
            rule: "late-delivery".into(),
            reason: (variant == 1).then(|| wording.clone()),
        }
    })
    .await;
    // Those who opened an explanation citing the rule are what the report counts.
    let reason = counts_exposures(&desk, "late-reason", &units).await;
    assert_eq!(reason.change, ChangeKind::RuleReason);
    let names: Vec<&str> = reason.variants.iter().map(|v| v.article.as_str()).collect();
    assert_eq!(names, ["own words", wording["en"].as_str().unwrap()]);
    assert!(
        report(&desk)
            .await
            .experiments
            .iter()
            .all(|e| e.id != "vague-reason"),
        "a wording without the rule's placeholders does not run"
    );
}

/// An escalation criterion: tickets about an order come first from half the site's large-order thresholds
/// (`triage.toml`: 500 EUR) in variant 1, from the thresholds themselves in the control.
const LARGE_ORDER: &str = r#"
[[experiment]]
id = "large-orders-first"
audience = "buyer"
split = [50, 50]
planned_units = 2000
primary = "unsatisfied"
guardrails = [{ metric = "repeat_contact" }]
change = { kind = "large_order", percents = [50] }
"#;

/// A buyer's ticket about an order of `amount` EUR whose payment is `payment`, carrying the widget's install
/// `unit` as a ticket filed under the experiment does.
fn order_ticket(amount: f64, payment: &str, unit: Option<&str>) -> Value {
    let mut body = ticket("My parcel has not arrived and the tracking has not moved for a week.");
    body["context"]["role"] = json!("buyer");
    body["context"]["order_amount"] = json!(amount);
    body["context"]["order_currency"] = json!("EUR");
    body["context"]["payment_status"] = json!(payment);
    if let Some(unit) = unit {
        body["experiment_unit"] = install(unit);
    }
    body
}

fn raised_as_large(created: &TicketCreated) -> bool {
    created
        .reasons
        .iter()
        .any(|reason| matches!(reason, TriageReason::LargeOrder { .. }))
}

async fn a_large_order_criterion_triages_each_variant_its_way(backend: Backend) {
    let (desk, _content) = desk(backend, &[LARGE_ORDER.to_owned()]).await;
    let site: Value = desk.get_json("/v1/site").await;
    assert_eq!(
        site["experiment_large_order"], true,
        "the widget learns to ask"
    );
    let units: Vec<String> = (0..60).map(|n| format!("large-{n}")).collect();
    let assigned = each(units.clone(), |unit| {
        let desk = &desk;
        async move {
            let found = variations(desk, &unit, &order_page()).await;
            let [variation] = found.as_slice() else {
                panic!("{unit} is in the one experiment: {found:?}")
            };
            assert_eq!(variation.change, Varied::LargeOrder);
            variation.variant
        }
    })
    .await;
    assert!(
        assigned.contains(&0) && assigned.contains(&1),
        "{assigned:?}"
    );

    // 300 EUR is large at half the threshold only: variant 1 puts it first, the control does not.
    let mut expected = [0_u64; 2];
    for (n, (unit, variant)) in units.iter().zip(&assigned).enumerate() {
        let body = order_ticket(300.0, "paid", Some(unit));
        let created = desk
            .file_ok(&format!("large-order-{n:04}"), None, &body)
            .await;
        assert_eq!(
            raised_as_large(&created),
            *variant == 1,
            "{unit} in variant {variant}: {created:?}"
        );
        if *variant == 1 {
            assert_eq!(created.priority, Priority::High, "{unit}");
        }
        expected[*variant as usize] += 1;
    }
    // 900 EUR is large in every variant; 100 EUR in none, and its filer is not exposed.
    let above = order_ticket(900.0, "paid", Some(&units[0]));
    assert!(raised_as_large(
        &desk.file_ok("large-order-above", None, &above).await
    ));
    let small = order_ticket(100.0, "paid", Some("large-small"));
    assert!(!raised_as_large(
        &desk.file_ok("large-order-small", None, &small).await
    ));
    // A failed payment is a protected context: even a unit of variant 1 gets the control.
    let in_variant = units
        .iter()
        .zip(&assigned)
        .find(|(_, v)| **v == 1)
        .unwrap()
        .0;
    let protected = order_ticket(300.0, "failed", Some(in_variant.as_str()));
    let created = desk
        .file_ok("large-order-protected", None, &protected)
        .await;
    assert!(!raised_as_large(&created), "{created:?}");
    let unitless = order_ticket(300.0, "paid", None);
    assert!(!raised_as_large(
        &desk.file_ok("large-order-unitless", None, &unitless).await
    ));

    // The report counts the people whose ticket the variants could triage apart, each once.
    wait_for(
        "the exposures to be counted",
        Duration::from_secs(60),
        async || exposed_counts(find(&report(&desk).await, "large-orders-first")) == expected,
    )
    .await;
    let report = report(&desk).await;
    let large = find(&report, "large-orders-first");
    assert_eq!(large.change, ChangeKind::LargeOrder);
    let names: Vec<&str> = large.variants.iter().map(|v| v.article.as_str()).collect();
    assert_eq!(names, ["100 %", "50 %"]);
}
