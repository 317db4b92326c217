//! Tests of flows in their JSON form, as the widget reads them: checking, walking, and the wire shapes. They
//! need no TOML, so they run without the `toml` feature.

use super::*;
use crate::context::Context;
use crate::rules::date::days_from_civil;
use crate::rules::{Clock, PlainFormatter};
use serde_json::{Map, json};

/// A small "where is my order?" flow: a branch on the facts, a question, answers, both ends.
fn order_flow() -> Value {
    json!({
        "version": 2,
        "topic": "order-not-arrived",
        "title": {"en": "Where is my order?", "es": "¿Dónde está mi pedido?"},
        "step": [
            {"id": "start", "branch": [
                {"when": [{"fact": "order.id", "exists": true},
                          {"fact": "order.promised_by", "days_since": {"gt": 0}}], "next": "late"},
             ], "default": "ask"},
            {"id": "ask", "text": {"en": "Has your order shipped?", "es": "¿Se ha enviado tu pedido?"},
             "choice": [
                {"label": {"en": "Yes", "es": "Sí"}, "next": "tracking"},
                {"label": {"en": "Not yet", "es": "Todavía no"}, "next": "person"},
                {"label": "It arrived, thanks", "next": "done"},
             ]},
            {"id": "late", "text": {"en": "Order {order.id} is {order.promised_by|days_since} days late.",
                                    "es": "El pedido {order.id} lleva {order.promised_by|days_since} días de retraso."},
             "article": "late-delivery", "next": "person"},
            {"id": "tracking", "text": "Check the tracking on your order.", "article": "track-order",
             "action": {"action": "page", "name": "track_package", "label": {"en": "Track package", "es": "Seguir el paquete"}},
             "next": "person"},
            {"id": "person", "end": "handoff", "text": "We'll pass your answers on."},
            {"id": "done", "end": "resolved", "text": "Glad it arrived!"},
        ],
    })
}

fn flow(file: Value) -> Flow {
    FlowDocument {
        id: "where-is-my-order".into(),
        file,
    }
    .parse()
    .unwrap_or_else(|problems| panic!("{problems:#?}"))
}

fn problems(file: Value) -> Vec<FlowProblem> {
    FlowDocument {
        id: "where-is-my-order".into(),
        file,
    }
    .parse()
    .expect_err("the flow should be refused")
}

/// Each problem as (step, field, code) for comparing.
fn found(file: Value) -> Vec<(Option<String>, Option<String>, FlowProblemCode)> {
    problems(file)
        .into_iter()
        .inspect(|problem| assert_eq!(problem.file, "where-is-my-order.toml"))
        .map(|problem| (problem.step, problem.field, problem.problem))
        .collect()
}

fn at(
    step: &str,
    field: &str,
    code: FlowProblemCode,
) -> (Option<String>, Option<String>, FlowProblemCode) {
    (Some(step.into()), Some(field.into()), code)
}

/// 2026-11-15 12:00 UTC.
fn clock() -> Clock {
    Clock {
        now_unix_seconds: days_from_civil(2026, 11, 15) * 86_400 + 12 * 3_600,
        utc_offset_minutes: 0,
    }
}

fn walk_with(flow: &Flow, context: Value, extra: Value, replies: &[Reply]) -> Walk {
    let (context, warnings) = Context::from_json(context.as_object().expect("an object"));
    assert!(warnings.is_empty(), "{warnings:?}");
    let extra = extra.as_object().cloned().unwrap_or_default();
    let situation = Situation {
        context: &context,
        extra_facts: &extra,
        clock: clock(),
    };
    flow.walk(&situation, replies, &PlainFormatter)
}

fn walk(flow: &Flow, context: Value, replies: &[Reply]) -> Walk {
    walk_with(flow, context, json!({}), replies)
}

fn current(walk: &Walk) -> &CurrentStep {
    match &walk.state {
        WalkState::At(step) => step,
        WalkState::Ended(outcome) => panic!("the walk ended: {outcome:?}"),
    }
}

fn late_order(locale: &str) -> Value {
    json!({"locale": locale, "order": {"id": "A-1043", "status": "shipped", "promised_by": "2026-11-12"}})
}

// ── Walking ────────────────────────────────────────────────────────────────

#[test]
fn facts_decide_branches_before_the_first_step_is_shown() {
    let flow = flow(order_flow());
    let late = walk(&flow, late_order("en"), &[]);
    let step = current(&late);
    assert_eq!(
        (step.step.as_str(), step.number, step.of_up_to),
        ("late", 1, 1)
    );
    assert!(!step.can_go_back);
    assert_eq!(
        step.view,
        StepView::Answer {
            text: Some("Order A-1043 is 3 days late.".into()),
            article: Some("late-delivery".into()),
            action: None,
        }
    );
    // The branch is on the path, with the facts it tested as they read.
    let PathEvent::Branched { branch, facts } = &late.path[0].event else {
        panic!("{:?}", late.path)
    };
    assert_eq!(*branch, Some(0));
    let shown: Vec<(&str, &str)> = facts
        .iter()
        .map(|f| (f.path.as_str(), f.shown.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("order.id", "A-1043"),
            ("order.promised_by", "12 Nov 2026 (3 days ago)")
        ]
    );

    // Without an order, no branch holds: the default asks.
    let ask = walk(&flow, json!({}), &[]);
    assert_eq!(current(&ask).step, "ask");
    assert_eq!(current(&ask).of_up_to, 2, "ask, then tracking");
    assert!(
        matches!(&ask.path[0].event, PathEvent::Branched { branch: None, facts } if facts.is_empty())
    );
}

#[test]
fn replies_lead_on_and_back_drops_the_last_one() {
    let flow = flow(order_flow());
    let replies = [Reply::Choose { choice: 0 }];
    let tracking = walk(&flow, json!({"locale": "es-MX"}), &replies);
    let step = current(&tracking);
    assert_eq!(
        (step.step.as_str(), step.number, step.of_up_to),
        ("tracking", 2, 2)
    );
    assert!(step.can_go_back);
    let StepView::Answer { action, .. } = &step.view else {
        panic!("{step:?}")
    };
    assert_eq!(
        action,
        &Some(ShownAction {
            target: ActionTarget::Page {
                name: "track_package".into()
            },
            label: "Seguir el paquete".into(),
        })
    );
    // Back: keep one reply fewer.
    let back = tracking.back_to().expect("a step to go back to");
    let ask = walk(&flow, json!({"locale": "es-MX"}), &replies[..back]);
    assert_eq!(current(&ask).step, "ask");
    assert_eq!(ask.back_to(), None);
    assert_eq!(
        current(&ask).view,
        StepView::Question {
            text: Some("¿Se ha enviado tu pedido?".into()),
            choices: vec![
                "Sí".into(),
                "Todavía no".into(),
                "It arrived, thanks".into()
            ],
        }
    );
}

#[test]
fn a_hand_off_carries_every_answer_in_the_users_language_and_in_english() {
    let flow = flow(order_flow());
    let replies = [Reply::Choose { choice: 0 }, Reply::NotSolved];
    let walked = walk(&flow, json!({"locale": "es"}), &replies);
    assert_eq!(
        walked.state,
        WalkState::Ended(Outcome::HandedOff {
            step: "person".into(),
            topic: "order-not-arrived".into(),
            text: Some("We'll pass your answers on.".into()),
        })
    );
    assert_eq!(walked.replies_used, 2);
    let path = walked.flow_path();
    assert_eq!((path.flow.as_str(), path.version), ("where-is-my-order", 2));
    let events: Vec<(&str, &PathEvent)> = path
        .steps
        .iter()
        .map(|s| (s.step.as_str(), &s.event))
        .collect();
    assert_eq!(
        events[1..],
        [
            (
                "ask",
                &PathEvent::Answered {
                    question: Some("¿Se ha enviado tu pedido?".into()),
                    choice: 0,
                    answer: "Sí".into(),
                    question_en: Some("Has your order shipped?".into()),
                    answer_en: Some("Yes".into()),
                }
            ),
            (
                "tracking",
                &PathEvent::NotSolved {
                    article: Some("track-order".into())
                }
            ),
        ]
    );
    // In English there is nothing to repeat.
    let english = walk(&flow, json!({}), &replies);
    assert!(matches!(
        &english.path[1].event,
        PathEvent::Answered {
            question_en: None,
            answer_en: None,
            ..
        }
    ));
}

#[test]
fn every_way_out_has_its_outcome() {
    let flow = flow(order_flow());
    let ended = |context: Value, replies: &[Reply]| walk(&flow, context, replies).state;
    assert_eq!(
        ended(json!({}), &[Reply::Choose { choice: 2 }]),
        WalkState::Ended(Outcome::Resolved {
            step: "done".into(),
            text: Some("Glad it arrived!".into())
        })
    );
    assert_eq!(
        ended(late_order("en"), &[Reply::Solved]),
        WalkState::Ended(Outcome::Resolved {
            step: "late".into(),
            text: None
        })
    );
    assert_eq!(
        ended(json!({}), &[Reply::TalkToPerson]),
        WalkState::Ended(Outcome::HandedOff {
            step: "ask".into(),
            topic: "order-not-arrived".into(),
            text: None
        })
    );
    assert_eq!(
        ended(json!({}), &[Reply::Choose { choice: 0 }, Reply::Leave]),
        WalkState::Ended(Outcome::Abandoned {
            step: "tracking".into()
        })
    );
}

#[test]
fn replies_that_do_not_fit_are_left_unused() {
    let flow = flow(order_flow());
    // "Solved" at a question, a choice that does not exist: the walk stays at the question.
    for misfit in [Reply::Solved, Reply::NotSolved, Reply::Choose { choice: 3 }] {
        let walked = walk(&flow, json!({}), &[misfit, Reply::Choose { choice: 0 }]);
        assert_eq!(current(&walked).step, "ask", "{misfit:?}");
        assert_eq!(walked.replies_used, 0);
    }
    // Replies after the end are not used either.
    let walked = walk(
        &flow,
        json!({}),
        &[Reply::Choose { choice: 2 }, Reply::Leave],
    );
    assert_eq!(walked.replies_used, 1);
    assert!(matches!(
        walked.state,
        WalkState::Ended(Outcome::Resolved { .. })
    ));
}

#[test]
fn a_text_whose_fact_does_not_read_is_left_out_not_shown_with_a_hole() {
    let flow = flow(order_flow());
    // `order.promised_by` is a date in the past but `order.id` is a boolean: the branch holds (it exists),
    // the text cannot be written.
    let odd = json!({"order": {"id": true, "promised_by": "2026-11-12"}});
    let (context, _) = Context::from_json(odd.as_object().unwrap());
    let (situation_extra, replies) = (Map::new(), []);
    let walked = flow.walk(
        &Situation {
            context: &context,
            extra_facts: &situation_extra,
            clock: clock(),
        },
        &replies,
        &PlainFormatter,
    );
    // `Context` drops the wrong-typed id, so the branch does not hold and the default asks instead.
    assert_eq!(current(&walked).step, "ask");
    // Through extra facts the boolean id stays, the branch holds, and the text is left out.
    let walked = walk_with(&flow, json!({}), odd, &[]);
    assert_eq!(current(&walked).step, "late");
    assert!(matches!(
        &current(&walked).view,
        StepView::Answer {
            text: None,
            article: Some(_),
            ..
        }
    ));
}

#[test]
fn progress_counts_the_longest_way_on_with_the_facts_as_they_are() {
    let mut file = order_flow();
    // Make "Yes" lead through two answers, so the longest way from `ask` is three steps.
    file["step"][3]["next"] = json!("wait");
    file["step"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "wait", "text": "Parcels often catch up.", "next": "person"}));
    let flow = flow(file);
    assert_eq!(flow.longest_path(), 3);
    let ask = walk(&flow, json!({}), &[]);
    assert_eq!((current(&ask).number, current(&ask).of_up_to), (1, 3));
    let tracking = walk(&flow, json!({}), &[Reply::Choose { choice: 0 }]);
    assert_eq!(
        (current(&tracking).number, current(&tracking).of_up_to),
        (2, 3)
    );
    // With a late order the branch skips the question: only the answer is left.
    let late = walk(&flow, late_order("en"), &[]);
    assert_eq!((current(&late).number, current(&late).of_up_to), (1, 1));
}

#[test]
fn a_flow_knows_its_articles_topics_and_summary() {
    let mut file = order_flow();
    file["step"][4]["topic"] = json!("dispute");
    let flow = flow(file);
    assert_eq!(
        flow.article_ids().into_iter().collect::<Vec<_>>(),
        ["late-delivery", "track-order"]
    );
    assert_eq!(
        flow.topics().into_iter().collect::<Vec<_>>(),
        ["dispute", "order-not-arrived"]
    );
    assert_eq!(
        flow.summary(Some("es-ES")),
        FlowSummary {
            id: "where-is-my-order".into(),
            version: 2,
            title: "¿Dónde está mi pedido?".into()
        }
    );
    assert_eq!(flow.title(Some("ja")), "Where is my order?");
    let missing = flow.check_articles(&|id| id != "track-order");
    assert_eq!(missing.len(), 1);
    assert_eq!(
        (
            missing[0].step.as_deref(),
            missing[0].field.as_deref(),
            &missing[0].problem
        ),
        (
            Some("tracking"),
            Some("step[3].article"),
            &FlowProblemCode::UnknownArticle {
                article: "track-order".into()
            }
        )
    );
    // The hand-off step's own topic wins over the flow's.
    let walked = walk(&flow, json!({}), &[Reply::Choose { choice: 1 }]);
    assert!(
        matches!(walked.state, WalkState::Ended(Outcome::HandedOff { ref topic, .. }) if topic == "dispute")
    );
}

// ── Checking ───────────────────────────────────────────────────────────────

#[test]
fn the_graph_problems_name_the_step_and_the_field() {
    let mut file = order_flow();
    // A choice leading nowhere, a branch without a default, an answer without `next`.
    file["step"][1]["choice"][1]["next"] = json!("persn");
    file["step"][0].as_object_mut().unwrap().remove("default");
    file["step"][2].as_object_mut().unwrap().remove("next");
    // Which steps are unreachable is not said while some ways on do not read: it would be a guess.
    assert_eq!(
        found(file),
        [
            at("start", "step[0].default", FlowProblemCode::NoDefault),
            at(
                "ask",
                "step[1].choice[1].next",
                FlowProblemCode::UnknownStep {
                    target: "persn".into()
                }
            ),
            at("late", "step[2]", FlowProblemCode::DeadEnd),
        ]
    );
    let mut orphan = order_flow();
    let steps = orphan["step"].as_array_mut().unwrap();
    steps.push(json!({"id": "orphan", "end": "resolved"}));
    steps.push(json!({"id": "orphans-child", "text": "t", "next": "person"}));
    assert_eq!(
        found(orphan),
        [
            at("orphan", "step[6]", FlowProblemCode::Unreachable),
            at("orphans-child", "step[7]", FlowProblemCode::Unreachable),
        ]
    );
}

#[test]
fn loops_are_refused_with_the_loop_named() {
    let mut file = order_flow();
    file["step"][3]["next"] = json!("ask");
    assert_eq!(
        found(file),
        [at(
            "tracking",
            "step[3].next",
            FlowProblemCode::Cycle {
                steps: vec!["ask".into(), "tracking".into()]
            }
        )]
    );
    let mut itself = order_flow();
    itself["step"][2]["next"] = json!("late");
    assert_eq!(
        found(itself),
        [at(
            "late",
            "step[2].next",
            FlowProblemCode::Cycle {
                steps: vec!["late".into()]
            }
        )]
    );
}

#[test]
fn a_text_may_only_cite_facts_every_way_there_guarantees() {
    let mut file = order_flow();
    // `tracking` is reached from the question, past the branch's default: `order.id` is not certain there.
    file["step"][3]["text"] = json!("Check the tracking of {order.id}.");
    // `exists = false` guarantees nothing either.
    file["step"][0]["branch"][0]["when"][0] = json!({"fact": "order.id", "exists": false});
    assert_eq!(
        found(file),
        [
            at(
                "late",
                "step[2].text",
                FlowProblemCode::UnguardedFact {
                    fact: "order.id".into()
                }
            ),
            at(
                "tracking",
                "step[3].text",
                FlowProblemCode::UnguardedFact {
                    fact: "order.id".into()
                }
            ),
        ]
    );
}

#[test]
fn translations_are_checked_like_the_rules_and_against_the_widgets_languages() {
    let mut file = order_flow();
    file["step"][2]["text"]["es"] = json!("El pedido {order.id} va con retraso.");
    file["step"][1]["text"]["it"] = json!("La spedizione è partita?");
    file["step"][1]["choice"][0]["label"]["pt-BR"] = json!("Sim");
    file["title"] = json!({"es": "¿Dónde está mi pedido?"});
    file["step"][3]["text"] = json!({"en": "Check {order.number}."});
    assert_eq!(
        found(file),
        [
            (None, Some("title".into()), FlowProblemCode::MissingEnglish),
            at(
                "ask",
                "step[1].text.it",
                FlowProblemCode::UnknownLanguage {
                    language: "it".into()
                }
            ),
            at(
                "ask",
                "step[1].choice[0].label.pt-BR",
                FlowProblemCode::NotALanguage {
                    language: "pt-BR".into()
                }
            ),
            at(
                "late",
                "step[2].text.es",
                FlowProblemCode::PlaceholdersDiffer {
                    language: "es".into(),
                    missing: vec!["{order.promised_by|days_since}".into()],
                    extra: vec![],
                }
            ),
            at(
                "tracking",
                "step[3].text.en",
                FlowProblemCode::UnknownFact {
                    fact: "order.number".into()
                }
            ),
        ]
    );
}

#[test]
fn conditions_are_the_rules_engines_with_typed_problems() {
    let with_when = |when: Value| {
        let mut file = order_flow();
        file["step"][0]["branch"][0]["when"] = when;
        found(file)
    };
    let problem = |when: Value| {
        let problems = with_when(when);
        assert_eq!(problems.len(), 1, "{problems:?}");
        (problems[0].1.clone().unwrap(), problems[0].2.clone())
    };
    assert_eq!(
        problem(json!([{"fact": "order.promise_by", "exists": true}])),
        (
            "step[0].branch[0].when[0].fact".into(),
            FlowProblemCode::UnknownFact {
                fact: "order.promise_by".into()
            }
        )
    );
    assert_eq!(
        problem(json!([{"fact": "order.amount", "between": [1, 2]}])),
        (
            "step[0].branch[0].when[0].between".into(),
            FlowProblemCode::UnknownOperator {
                operator: "between".into()
            }
        )
    );
    assert_eq!(
        problem(json!([{"fact": "order.amount", "gt": "500"}])),
        (
            "step[0].branch[0].when[0].gt".into(),
            FlowProblemCode::WrongOperand {
                operator: "gt".into(),
                expected: Expected::Number
            }
        )
    );
    assert_eq!(
        problem(json!([{"fact": "order.promised_by", "days_since": {"over": 1}}])),
        (
            "step[0].branch[0].when[0].days_since".into(),
            FlowProblemCode::UnknownComparison {
                comparison: "over".into()
            }
        )
    );
    assert_eq!(
        problem(json!([{"fact": "surface", "equals": "cart"}])),
        (
            "step[0].branch[0].when[0]".into(),
            FlowProblemCode::OneOf {
                choices: ["checkout", "order", "onboarding", "other"]
                    .map(String::from)
                    .to_vec()
            }
        )
    );
    assert_eq!(
        problem(json!([{"fact": "order.status"}])),
        (
            "step[0].branch[0].when[0]".into(),
            FlowProblemCode::NoOperator
        )
    );
    assert_eq!(
        problem(json!([])),
        (
            "step[0].branch[0].when".into(),
            FlowProblemCode::WrongType {
                expected: Expected::NonEmptyList
            }
        )
    );
}

#[test]
fn shape_problems_are_all_reported_at_once() {
    let mut file = order_flow();
    file["version"] = json!(0);
    file["colour"] = json!("blue");
    file["topic"] = json!("Order Not Arrived");
    file["step"][1]["next"] = json!("late");
    file["step"][1]["choice"][0]["lable"] = json!("Yes");
    file["step"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "done", "end": "resolved"}));
    file["step"][3]["action"]["action"] = json!("navigate");
    file["step"][4]["end"] = json!("closed");
    file["step"][5]["text"] = json!("x".repeat(MAX_TEXT_CHARS + 1));
    let problems = found(file);
    let codes: Vec<(Option<&str>, &str, &FlowProblemCode)> = problems
        .iter()
        .map(|(step, field, code)| (step.as_deref(), field.as_deref().unwrap_or(""), code))
        .collect();
    assert_eq!(
        codes,
        [
            (None, "colour", &FlowProblemCode::UnknownKey),
            (
                None,
                "version",
                &FlowProblemCode::WrongType {
                    expected: Expected::PositiveInteger
                }
            ),
            (None, "topic", &FlowProblemCode::InvalidId),
            (Some("done"), "step[6].id", &FlowProblemCode::DuplicateId),
            (
                Some("ask"),
                "step[1].next",
                &FlowProblemCode::KeyNotForStep {
                    kind: StepKindName::Question
                }
            ),
            (
                Some("ask"),
                "step[1].choice[0].lable",
                &FlowProblemCode::UnknownKey
            ),
            (
                Some("tracking"),
                "step[3].action.action",
                &FlowProblemCode::OneOf {
                    choices: ["status", "onboarding_step", "page"]
                        .map(String::from)
                        .to_vec()
                }
            ),
            (
                Some("person"),
                "step[4].end",
                &FlowProblemCode::OneOf {
                    choices: vec!["resolved".into(), "handoff".into()]
                }
            ),
            (
                Some("done"),
                "step[5].text",
                &FlowProblemCode::TooLong {
                    max: MAX_TEXT_CHARS
                }
            ),
        ]
    );
}

#[test]
fn the_file_itself_must_be_a_table_with_steps() {
    let refused = |file: Value| {
        problems(file)
            .into_iter()
            .map(|problem| (problem.field, problem.problem))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        refused(json!([])),
        [(
            None,
            FlowProblemCode::WrongType {
                expected: Expected::Table
            }
        )]
    );
    assert_eq!(
        refused(json!({})),
        [
            (Some("version".into()), FlowProblemCode::Missing),
            (Some("title".into()), FlowProblemCode::Missing),
            (Some("topic".into()), FlowProblemCode::Missing),
            (Some("step".into()), FlowProblemCode::Missing),
        ]
    );
    let mut empty = order_flow();
    empty["step"] = json!([]);
    assert_eq!(
        refused(empty),
        [(Some("step".into()), FlowProblemCode::TooFew { min: 1 })]
    );
    let mut many = order_flow();
    let steps = many["step"].as_array_mut().unwrap();
    while steps.len() <= MAX_STEPS {
        steps.push(json!({"id": format!("extra-{}", steps.len()), "end": "resolved"}));
    }
    assert!(refused(many).contains(&(
        Some("step".into()),
        FlowProblemCode::TooMany { max: MAX_STEPS }
    )));
    let bad_id = FlowDocument {
        id: "Where Is My Order".into(),
        file: order_flow(),
    };
    let problems = bad_id.parse().expect_err("a bad id");
    assert_eq!(problems[0].problem, FlowProblemCode::FileName);
}

// ── Wire shapes ────────────────────────────────────────────────────────────

#[test]
fn a_problem_travels_as_a_code_with_its_parameters() {
    let mut file = order_flow();
    file["step"][1]["choice"][1]["next"] = json!("persn");
    let problem = &problems(file)[0];
    let wire = serde_json::to_value(problem).unwrap();
    assert_eq!(
        wire,
        json!({"file": "where-is-my-order.toml", "step": "ask", "field": "step[1].choice[1].next",
               "problem": "unknown_step", "target": "persn"})
    );
    assert_eq!(
        serde_json::from_value::<FlowProblem>(wire).unwrap(),
        *problem
    );
    assert_eq!(
        problem.to_string(),
        "where-is-my-order.toml: step `ask` (step[1].choice[1].next): leads to unknown step `persn`"
    );
    // A code from a newer desk still reads, as one this build cannot word.
    let newer: FlowProblem =
        serde_json::from_value(json!({"file": "x.toml", "problem": "too_clever", "level": 3}))
            .unwrap();
    assert_eq!(newer.problem, FlowProblemCode::Unknown);
}

#[test]
fn a_walk_travels_as_json() {
    let flow = flow(order_flow());
    let at_step = walk(&flow, late_order("en"), &[]);
    let wire = serde_json::to_value(&at_step).unwrap();
    assert_eq!(wire["state"]["state"], json!("at"));
    assert_eq!(wire["state"]["kind"], json!("answer"));
    assert_eq!(wire["state"]["of_up_to"], json!(1));
    assert_eq!(wire["path"][0]["event"], json!("branched"));
    assert_eq!(serde_json::from_value::<Walk>(wire).unwrap(), at_step);

    let handed_off = walk(&flow, json!({}), &[Reply::Choose { choice: 1 }]);
    let wire = serde_json::to_value(&handed_off).unwrap();
    assert_eq!(
        wire["state"],
        json!({"state": "ended", "outcome": "handed_off", "step": "person", "topic": "order-not-arrived",
               "text": "We'll pass your answers on."})
    );
    assert_eq!(serde_json::from_value::<Walk>(wire).unwrap(), handed_off);
    let replies = json!([{"reply": "choose", "choice": 1}, {"reply": "talk_to_person"}]);
    assert_eq!(
        serde_json::from_value::<Vec<Reply>>(replies).unwrap(),
        [Reply::Choose { choice: 1 }, Reply::TalkToPerson]
    );
}

#[test]
fn a_flow_path_sent_with_a_ticket_is_checked_for_size_and_shape() {
    let flow = flow(order_flow());
    let path = walk(&flow, late_order("es"), &[Reply::NotSolved]).flow_path();
    let mut check = crate::check::Check::new();
    path.check("context.flow_path", &mut check);
    assert!(check.is_empty(), "{:?}", check.into_problems());

    let mut bad = path.clone();
    bad.version = 0;
    bad.steps[0].step = "x".repeat(MAX_ID_CHARS + 1);
    bad.steps.push(PathStep {
        step: "ask".into(),
        event: PathEvent::Answered {
            question: None,
            choice: 0,
            answer: "  ".into(),
            question_en: None,
            answer_en: None,
        },
    });
    let mut check = crate::check::Check::new();
    bad.check("context.flow_path", &mut check);
    let fields: Vec<(String, crate::wire::Problem)> = check
        .into_problems()
        .into_iter()
        .map(|error| (error.field, error.problem))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "context.flow_path.version".into(),
                crate::wire::Problem::OutOfRange {
                    min: 1,
                    max: i64::from(u32::MAX)
                }
            ),
            (
                "context.flow_path.steps[0].step".into(),
                crate::wire::Problem::TooLong { max: MAX_ID_CHARS }
            ),
            (
                "context.flow_path.steps[2].answer".into(),
                crate::wire::Problem::Required
            ),
        ]
    );
}
