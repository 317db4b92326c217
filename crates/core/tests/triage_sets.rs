//! The triage example sets keep their promises: the evaluation sets are the ones frozen before tuning (their
//! SHA-256 is recorded beside them), no evaluation message is a near copy of a training message (a model that
//! had seen it would score what it memorised), and the seed covers every queue in every language.

use sha2::{Digest, Sha256};
use signpost_core::tickets::Queue;
use signpost_core::tickets::model::read_examples;
use signpost_core::tickets::text::fold;
use std::collections::{BTreeSet, HashSet};

/// A judged evaluation set under `tests/triage/`: its name, its messages, and the SHA-256 it was frozen with.
macro_rules! judged {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../../tests/triage/", $name, ".jsonl")),
            include_str!(concat!("../../../tests/triage/", $name, ".sha256")),
        )
    };
}

/// Every evaluation set, each checked the same way.
const EVALUATION_SETS: [(&str, &str, &str); 10] = [
    judged!("eval"),
    judged!("holdout"),
    judged!("probe"),
    judged!("probe2"),
    judged!("probe3"),
    judged!("probe4"),
    judged!("probe5"),
    judged!("probe6"),
    judged!("probe7"),
    judged!("probe8"),
];
const SEED: &str = include_str!("../../../content/triage/seed.jsonl");

/// Two messages sharing this much of their character trigrams are one message reworded.
const NEAR_COPY: f64 = 0.6;

#[test]
fn the_evaluation_sets_are_the_frozen_ones() {
    for (name, set, frozen) in EVALUATION_SETS {
        let digest = Sha256::digest(set.as_bytes());
        let hex: String = digest.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(
            hex,
            frozen.trim(),
            "tests/triage/{name}.jsonl changed after it was frozen"
        );
    }
}

fn lines(text: &str) -> impl Iterator<Item = serde_json::Value> + '_ {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
}

fn message(value: &serde_json::Value) -> String {
    format!(
        "{} {}",
        value["subject"].as_str().unwrap_or(""),
        value["message"].as_str().unwrap_or("")
    )
}

fn trigrams(text: &str) -> HashSet<String> {
    let folded = fold(text);
    let chars: Vec<char> = folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    chars.windows(3).map(|gram| gram.iter().collect()).collect()
}

#[test]
fn no_evaluation_message_is_a_near_copy_of_a_training_message() {
    let training: Vec<(String, HashSet<String>)> = lines(SEED)
        .map(|value| {
            let text = message(&value);
            let grams = trigrams(&text);
            (text, grams)
        })
        .collect();
    for value in EVALUATION_SETS.iter().flat_map(|(_, set, _)| lines(set)) {
        let text = message(&value);
        let grams = trigrams(&text);
        for (seen, seen_grams) in &training {
            let shared = grams.intersection(seen_grams).count() as f64;
            let all = grams.union(seen_grams).count().max(1) as f64;
            assert!(
                shared / all < NEAR_COPY,
                "evaluation message\n  {text}\nnearly copies training message\n  {seen}\n({:.2} of trigrams shared)",
                shared / all
            );
        }
    }
}

#[test]
fn the_seed_covers_every_queue_in_every_language() {
    let examples = read_examples(SEED).expect("the seed reads");
    assert!(examples.len() >= 500, "{}", examples.len());
    let covered: BTreeSet<(String, String)> = lines(SEED)
        .map(|value| {
            let field = |name: &str| value[name].as_str().unwrap_or_default().to_owned();
            (field("lang"), field("queue"))
        })
        .collect();
    for language in ["en", "es", "fr", "de", "pt-BR", "ar", "ja"] {
        for queue in Queue::ALL {
            let wanted = (language.to_owned(), queue.as_str().to_owned());
            assert!(
                covered.contains(&wanted),
                "no {queue} example in {language}"
            );
        }
    }
}
