//! Properties of the checker and the runner over generated flows: every generated valid flow loads; walking
//! it never panics and always ends; progress never passes its maximum; every end can be reached by some facts
//! and answers; Back goes back one shown step; and no JSON at all makes the checker panic.

use super::*;
use crate::context::Context;
use crate::rules::{Clock, PlainFormatter};
use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::{Map, json};

/// What a generated step is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Question,
    Branch,
    Answer,
    Resolved,
    Handoff,
}

/// A generated flow: each step's kind and the steps it leads to, always later ones (so no loops). A branch
/// step's last target is its default; the others are `branch[k]`, taken when `custom.b<i>` equals `k`.
#[derive(Clone, Debug)]
struct Shape {
    kinds: Vec<Kind>,
    targets: Vec<Vec<usize>>,
}

/// Room for more ways on from a step.
fn has_room(kind: Kind, targets: &[usize]) -> bool {
    match kind {
        Kind::Question => targets.len() < MAX_CHOICES,
        Kind::Branch => targets.len() < MAX_BRANCHES + 1,
        Kind::Answer => targets.is_empty(),
        Kind::Resolved | Kind::Handoff => false,
    }
}

/// Builds a flow from random numbers: a random tree from step 0 (so every step is reachable), ways on for
/// steps that need them, and some extra joins. At most 9 steps, so a first question can hold every child.
fn shape(kind_picks: Vec<u8>, picks: Vec<u32>) -> Shape {
    let n = kind_picks.len();
    let mut next = picks.into_iter().cycle();
    let mut pick = |below: usize| next.next().map_or(0, |value| value as usize % below.max(1));
    let kinds: Vec<Kind> = kind_picks
        .iter()
        .enumerate()
        .map(|(index, pick)| match (index, pick % 5) {
            (0, even) if even % 2 == 0 => Kind::Question,
            (0, _) => Kind::Branch,
            (last, odd) if last == n - 1 && odd % 2 == 1 => Kind::Handoff,
            (last, _) if last == n - 1 => Kind::Resolved,
            (_, 0) => Kind::Question,
            (_, 1) => Kind::Branch,
            (_, 2) => Kind::Answer,
            (_, 3) => Kind::Resolved,
            _ => Kind::Handoff,
        })
        .collect();
    let mut targets: Vec<Vec<usize>> = vec![Vec::new(); n];
    for child in 1..n {
        let parents: Vec<usize> = (0..child)
            .filter(|&parent| has_room(kinds[parent], &targets[parent]))
            .collect();
        // Step 0 is a question or branch with room for every other step.
        let parent = parents[pick(parents.len())];
        targets[parent].push(child);
    }
    for index in 0..n {
        let needed = match kinds[index] {
            Kind::Branch => 2,
            Kind::Question | Kind::Answer => 1,
            Kind::Resolved | Kind::Handoff => 0,
        };
        while targets[index].len() < needed {
            let later = index + 1 + pick(n - index - 1);
            targets[index].push(later);
        }
        if index + 1 < n && has_room(kinds[index], &targets[index]) && pick(2) == 0 {
            let later = index + 1 + pick(n - index - 1);
            targets[index].push(later);
        }
    }
    Shape { kinds, targets }
}

fn id(index: usize) -> String {
    format!("s{index}")
}

impl Shape {
    fn json(&self) -> Value {
        let steps: Vec<Value> = self
            .kinds
            .iter()
            .zip(&self.targets)
            .enumerate()
            .map(|(index, (kind, targets))| match kind {
                Kind::Question => json!({"id": id(index), "text": format!("Q{index}"),
                    "choice": targets.iter().enumerate().map(|(k, t)| json!({"label": format!("C{index}.{k}"), "next": id(*t)})).collect::<Vec<_>>()}),
                Kind::Branch => {
                    let (default, branches) = targets.split_last().expect("two targets");
                    json!({"id": id(index), "default": id(*default),
                        "branch": branches.iter().enumerate().map(|(k, t)| json!({"when": [{"fact": format!("custom.b{index}"), "equals": k}], "next": id(*t)})).collect::<Vec<_>>()})
                }
                Kind::Answer => json!({"id": id(index), "text": format!("A{index}"), "next": id(targets[0])}),
                Kind::Resolved => json!({"id": id(index), "end": "resolved"}),
                Kind::Handoff => json!({"id": id(index), "end": "handoff", "text": format!("H{index}")}),
            })
            .collect();
        json!({"version": 1, "title": "Generated", "topic": "other", "step": steps})
    }

    fn flow(&self) -> Flow {
        FlowDocument {
            id: "generated".into(),
            file: self.json(),
        }
        .parse()
        .unwrap_or_else(|problems| panic!("{problems:#?}\n{:#}", self.json()))
    }

    /// The facts and replies that lead from the start to `end`, along the first way found.
    fn way_to(&self, end: usize) -> (Map<String, Value>, Vec<Reply>) {
        // The step each reachable step was first reached from.
        let mut from: Vec<Option<usize>> = vec![None; self.kinds.len()];
        let mut queue = std::collections::VecDeque::from([0]);
        while let Some(at) = queue.pop_front() {
            for &to in &self.targets[at] {
                if from[to].is_none() {
                    from[to] = Some(at);
                    queue.push_back(to);
                }
            }
        }
        let mut way = vec![end];
        while let Some(previous) = from[*way.last().expect("not empty")] {
            way.push(previous);
        }
        way.reverse();
        let (mut custom, mut replies) = (Map::new(), Vec::new());
        for pair in way.windows(2) {
            let (at, to) = (pair[0], pair[1]);
            let position = self.targets[at]
                .iter()
                .position(|&t| t == to)
                .expect("an edge");
            match self.kinds[at] {
                Kind::Question => replies.push(Reply::Choose { choice: position }),
                Kind::Answer => replies.push(Reply::NotSolved),
                // The default is the last target: no fact; a branch `k`: `custom.b<at> = k`.
                Kind::Branch if position + 1 < self.targets[at].len() => {
                    custom.insert(format!("b{at}"), json!(position));
                }
                _ => {}
            }
        }
        let mut facts = Map::new();
        facts.insert("custom".into(), Value::Object(custom));
        (facts, replies)
    }
}

fn arbitrary_shape() -> impl Strategy<Value = Shape> {
    (vec(any::<u8>(), 2..=9), vec(any::<u32>(), 1..64))
        .prop_map(|(kinds, picks)| shape(kinds, picks))
}

fn arbitrary_reply() -> impl Strategy<Value = Reply> {
    prop_oneof![
        6 => (0usize..10).prop_map(|choice| Reply::Choose { choice }),
        3 => Just(Reply::NotSolved),
        1 => Just(Reply::Solved),
        1 => Just(Reply::TalkToPerson),
        1 => Just(Reply::Leave),
    ]
}

/// `custom.b<i>` for each step: absent, or a number that may or may not pick a branch.
fn arbitrary_facts() -> impl Strategy<Value = Map<String, Value>> {
    vec(proptest::option::of(-1i64..4), 9).prop_map(|values| {
        let custom: Map<String, Value> = values
            .into_iter()
            .enumerate()
            .filter_map(|(index, value)| Some((format!("b{index}"), json!(value?))))
            .collect();
        Map::from_iter([("custom".to_owned(), Value::Object(custom))])
    })
}

fn walk(flow: &Flow, extra: &Map<String, Value>, replies: &[Reply]) -> Walk {
    let context = Context::default();
    let situation = Situation {
        context: &context,
        extra_facts: extra,
        clock: Clock {
            now_unix_seconds: 1_800_000_000,
            utc_offset_minutes: 0,
        },
    };
    flow.walk(&situation, replies, &PlainFormatter)
}

/// Any JSON, nested a few levels, biased towards the keys and values flow files use.
fn arbitrary_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("version".to_owned()),
        Just("title".to_owned()),
        Just("topic".to_owned()),
        Just("step".to_owned()),
        Just("id".to_owned()),
        Just("text".to_owned()),
        Just("choice".to_owned()),
        Just("branch".to_owned()),
        Just("default".to_owned()),
        Just("next".to_owned()),
        Just("end".to_owned()),
        Just("when".to_owned()),
        Just("label".to_owned()),
        Just("en".to_owned()),
        Just("fact".to_owned()),
        Just("action".to_owned()),
        "[a-z]{1,3}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just("s0".to_owned()),
            Just("s1".to_owned()),
            Just("resolved".to_owned()),
            Just("handoff".to_owned()),
            Just("{order.id}".to_owned()),
            ".{0,6}"
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((key.clone(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn walks_never_panic_end_and_keep_progress_within_its_maximum(
        shape in arbitrary_shape(),
        facts in arbitrary_facts(),
        replies in vec(arbitrary_reply(), 0..24),
    ) {
        let flow = shape.flow();
        let walked = walk(&flow, &facts, &replies);
        prop_assert!(walked.replies_used <= replies.len());
        prop_assert!(walked.path.len() <= shape.kinds.len());
        if let WalkState::At(step) = &walked.state {
            // Each used reply moves on exactly one shown step.
            prop_assert_eq!(step.number, walked.replies_used + 1);
            prop_assert!(1 <= step.number && step.number <= step.of_up_to);
            prop_assert!(step.of_up_to <= flow.longest_path());
            prop_assert_eq!(step.can_go_back, walked.replies_used > 0);
            // Back returns to the step before, one fewer.
            if let Some(keep) = walked.back_to() {
                match walk(&flow, &facts, &replies[..keep]).state {
                    WalkState::At(before) => prop_assert_eq!(before.number, step.number - 1),
                    WalkState::Ended(outcome) => prop_assert!(false, "back ended the walk: {:?}", outcome),
                }
            }
        }
    }

    #[test]
    fn every_end_of_a_valid_flow_is_reached_by_some_facts_and_answers(shape in arbitrary_shape()) {
        let flow = shape.flow();
        for (end, kind) in shape.kinds.iter().enumerate() {
            if !matches!(kind, Kind::Resolved | Kind::Handoff) {
                continue;
            }
            let (facts, replies) = shape.way_to(end);
            let walked = walk(&flow, &facts, &replies);
            prop_assert_eq!(walked.replies_used, replies.len());
            let reached = match &walked.state {
                WalkState::Ended(Outcome::Resolved { step, .. } | Outcome::HandedOff { step, .. }) => step.clone(),
                other => return Err(TestCaseError::fail(format!("did not end: {other:?}"))),
            };
            prop_assert_eq!(reached, id(end));
        }
    }

    #[test]
    fn no_json_makes_the_checker_panic_and_a_refusal_says_why(file in arbitrary_json()) {
        let document = FlowDocument { id: "fuzzed".into(), file };
        match document.parse() {
            Ok(flow) => prop_assert!(flow.longest_path() <= MAX_STEPS),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    #[test]
    fn breaking_a_valid_flow_is_refused_and_never_panics(
        shape in arbitrary_shape(),
        step in 0usize..9,
        key in prop_oneof![Just("next"), Just("default"), Just("id"), Just("text"), Just("choice"), Just("branch"), Just("end")],
        value in arbitrary_json(),
    ) {
        let mut file = shape.json();
        let steps = file["step"].as_array_mut().expect("steps");
        let step = step % steps.len();
        let table = steps[step].as_object_mut().expect("steps are tables");
        let before = table.get(key).cloned();
        table.insert(key.to_owned(), value.clone());
        let changed = before.as_ref() != Some(&value);
        let result = FlowDocument { id: "broken".into(), file }.parse();
        if let Err(problems) = &result {
            prop_assert!(!problems.is_empty());
        }
        // A new `id`, `next` or `default` on a step that had one always breaks a reference or adds a key.
        if changed && before.is_some() && ["id", "next", "default"].contains(&key) && !value.is_string() {
            prop_assert!(result.is_err());
        }
    }
}
