//! The triage's urgency against the seed, which no judged set is: the urgency model's threshold
//! ([`model::URGENT`]) chosen by five-fold cross-validation (each fifth of the examples read by a model trained
//! on the other four; for every threshold, how many of the urgent examples no rule catches the model then finds,
//! recall, and how many of those it reads as urgent are, precision, before the rules' look-alike guard sets any
//! aside, which only raises precision; the same over every example with the rules' own calls added, which the
//! threshold is chosen on; and the average precision of the whole ranking, to compare two models);
//! with `--rules`, the examples whose urgency the rules get wrong, with the words each rule quoted, to read.
//!
//! `cargo run --release -p signpost-core --features toml --example triage_seed -- [--rules]`
//! (run from the repository root).

use signpost_core::tickets::model::{self, Example, Input, Model, read_examples};
use signpost_core::tickets::text::Text;
use signpost_core::tickets::{
    NewTicket, Priority, TicketContext, Triage, TriageSettings, TriageSetup, triage,
};

const FOLDS: usize = 5;

fn main() {
    let read =
        |path: &str| std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{path}: {err}"));
    let seed = read_examples(&read("content/triage/seed.jsonl")).expect("seed examples");
    let settings: TriageSettings =
        toml::from_str(&read("content/triage.toml")).expect("triage.toml");
    if std::env::args().any(|arg| arg == "--rules") {
        for example in &seed {
            let rules = rules_reading(example, &settings);
            if (rules.priority == Priority::Urgent) != example.urgent {
                let codes: Vec<String> = rules
                    .reasons
                    .iter()
                    .map(|reason| {
                        // The code and the user's words it quotes: enough to see which phrase misread.
                        let reason = serde_json::to_value(reason).expect("a reason");
                        format!(
                            "{}{}",
                            reason["code"],
                            reason.get("words").map_or(String::new(), |w| w.to_string())
                        )
                    })
                    .collect();
                let said = if example.urgent {
                    "missed"
                } else {
                    "made urgent"
                };
                println!(
                    "{said} {}: {}",
                    codes.join(","),
                    example.text.replace('\n', " | ")
                );
            }
        }
        return;
    }

    // (probability, urgent) of every example no rule makes urgent, each read by the model that never saw it;
    // and of those the rules make urgent, how many are.
    let mut readings = Vec::new();
    let (mut rules_urgent, mut rules_right) = (0usize, 0usize);
    for fold in 0..FOLDS {
        let train_on: Vec<Example> = seed
            .iter()
            .enumerate()
            .filter(|(at, _)| at % FOLDS != fold)
            .map(|(_, example)| example.clone())
            .collect();
        let model = Model::train(&train_on);
        for example in seed.iter().skip(fold).step_by(FOLDS) {
            if rules_reading(example, &settings).priority == Priority::Urgent {
                rules_urgent += 1;
                rules_right += usize::from(example.urgent);
                continue;
            }
            let text = Text::new(&example.text);
            let prediction = model.predict(Input {
                text: &text,
                topic: example.topic.as_deref(),
                role: example.role,
                surface: example.surface,
            });
            let probability = model
                .urgency(&prediction)
                .expect("a model that reads urgency");
            readings.push((probability, example.urgent));
        }
    }

    let urgent = readings.iter().filter(|(_, urgent)| *urgent).count();
    println!(
        "{} seed examples no rule makes urgent, {urgent} of them urgent; read in {FOLDS} folds",
        readings.len()
    );
    let seed_urgent = urgent + rules_right;
    println!(
        "the rules make {rules_urgent} urgent, {rules_right} of them rightly; with the rules, of all {seed_urgent} urgent"
    );
    println!(
        "threshold  recall              precision           with the rules: recall, precision"
    );
    let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
    for step in 6..=19 {
        let threshold = step as f32 / 20.0;
        let read_urgent = readings.iter().filter(|(p, _)| *p >= threshold).count();
        let right = readings
            .iter()
            .filter(|(p, urgent)| *p >= threshold && *urgent)
            .count();
        println!(
            "{threshold:.2}{}      {:5.1} % ({right}/{urgent})   {:5.1} % ({right}/{read_urgent})   {:5.1} %  {:5.1} %",
            if threshold == model::URGENT { "*" } else { " " },
            percent(right, urgent),
            percent(right, read_urgent),
            percent(right + rules_right, seed_urgent),
            percent(right + rules_right, read_urgent + rules_urgent),
        );
    }
    println!("* the threshold the desk uses");
    // Average precision: one figure for the whole ranking, to compare models whatever the threshold.
    let mut ranked = readings;
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut found, mut precision_sum) = (0usize, 0.0f64);
    for (at, (_, is_urgent)) in ranked.iter().enumerate() {
        if *is_urgent {
            found += 1;
            precision_sum += found as f64 / (at + 1) as f64;
        }
    }
    println!(
        "average precision {:.3}",
        precision_sum / urgent.max(1) as f64
    );
}

/// Triage without the model: what the rules make of the example.
fn rules_reading(example: &Example, settings: &TriageSettings) -> Triage {
    let (subject, message) = example.text.split_once('\n').unwrap_or(("", &example.text));
    let ticket = NewTicket {
        topic: example.topic.clone().unwrap_or_else(|| "other".into()),
        subject: subject.into(),
        message: message.into(),
        email: None,
        context: TicketContext {
            surface: example.surface,
            role: example.role,
            ..TicketContext::default()
        },
        experiment_unit: None,
    };
    let setup = TriageSetup {
        model: None,
        settings,
        open_incidents: &[],
    };
    triage(&ticket, &setup)
}
