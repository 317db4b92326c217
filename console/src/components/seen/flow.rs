//! "Guided flow": the way the user took through a flow before asking for a person, step by step in an
//! ordered list, so nobody asks them again. Their answers are shown as they read them, in their language, with
//! the English beside when it differs (the agent may not read the user's language); the facts that chose a way
//! are de-emphasised. The user's words sit in their own `<bdi>` marked with their language; all of it is text.

use crate::i18n::{K, Lang};
use crate::model::{ArticleRead, FlowEvent, FlowFact, FlowPath, FlowStep};
use leptos::prelude::*;

/// The part's heading: "Guided flow: where-is-my-order (v1)".
pub fn heading(lang: Lang, path: &FlowPath) -> String {
    match path.version {
        Some(version) => lang.f(
            K::SeenFlow,
            &[("flow", &path.flow), ("version", &version.to_string())],
        ),
        None => lang.f(K::SeenFlowUnversioned, &[("flow", &path.flow)]),
    }
}

/// The English of a text, to show beside it: when there is one, and it says something else.
pub fn english_beside<'a>(shown: Option<&str>, english: Option<&'a str>) -> Option<&'a str> {
    let english = english
        .map(str::trim)
        .filter(|english| !english.is_empty())?;
    (shown.map(str::trim) != Some(english)).then_some(english)
}

/// A message split around its `{name}` placeholder: the agent's words before and after, so the value (the
/// user's words) gets an element of its own. A message without it is all "before".
pub fn around(text: &'static str, name: &str) -> (&'static str, &'static str) {
    text.split_once(&format!("{{{name}}}"))
        .unwrap_or((text, ""))
}

/// An article as the user saw it: its title when they opened it (and the ticket says so), else its id.
pub fn article_name(article: &str, read: &[ArticleRead]) -> String {
    read.iter()
        .find(|opened| opened.id == article && !opened.title.trim().is_empty())
        .map_or_else(|| article.to_owned(), |opened| opened.title.clone())
}

/// The part: its heading and the steps, in order; `locale` is the user's language, for their words.
pub fn flow_part(
    lang: Lang,
    path: FlowPath,
    locale: Option<String>,
    read: &[ArticleRead],
) -> impl IntoView + use<> {
    let title = heading(lang, &path);
    let steps = path
        .steps
        .into_iter()
        .map(|step| flow_step(lang, step, locale.clone(), read))
        .collect_view();
    view! {
        <section class="sp-seen__part" data-testid="seen-flow">
            <h3 id="seen-flow-title">{title}</h3>
            <ol class="sp-seen__list sp-seen__flow" aria-labelledby="seen-flow-title">{steps}</ol>
        </section>
    }
}

/// One step of the way.
fn flow_step(
    lang: Lang,
    step: FlowStep,
    locale: Option<String>,
    read: &[ArticleRead],
) -> impl IntoView + use<> {
    let event = step.event();
    let id = step.step.clone();
    let wire_event = step.event.clone();
    let body = match event {
        FlowEvent::Answered => answered(lang, step, locale).into_any(),
        FlowEvent::NotSolved => match step.article.as_deref() {
            Some(article) => {
                let (before, after) = around(lang.t(K::FlowNotSolved), "article");
                let name = article_name(article, read);
                view! { <p>{before}<bdi>{name}</bdi>{after}</p> }.into_any()
            }
            None => view! { <p>{lang.t(K::FlowNotSolvedAnswer)}</p> }.into_any(),
        },
        FlowEvent::Branched => branched(lang, step.facts).into_any(),
        // A newer desk's event: its step, not dropped.
        FlowEvent::Other => view! { <p class="sp-muted"><code>{step.step}</code></p> }.into_any(),
    };
    let class = match event {
        FlowEvent::Branched => "sp-seen__flow-step sp-seen__flow-step--branched",
        _ => "sp-seen__flow-step",
    };
    view! {
        <li class=class data-testid="flow-step" data-event=wire_event data-step=id>{body}</li>
    }
}

/// A question and the user's answer, each with its English beside when it differs.
fn answered(lang: Lang, step: FlowStep, locale: Option<String>) -> impl IntoView {
    let question_en = english_beside(step.question.as_deref(), step.question_en.as_deref())
        .map(|english| in_english(lang, english.to_owned()));
    let question = match step.question.filter(|question| !question.trim().is_empty()) {
        Some(question) => {
            view! { <bdi lang=locale.clone()>{question}</bdi>{question_en} }.into_any()
        }
        // Sent without the question: the step's id says where it was.
        None => view! { <code>{step.step}</code>{question_en} }.into_any(),
    };
    let answer_en = english_beside(step.answer.as_deref(), step.answer_en.as_deref())
        .map(|english| in_english(lang, english.to_owned()));
    let (before, after) = around(lang.t(K::FlowAnswer), "answer");
    let answer = step.answer.unwrap_or_default();
    view! {
        <p class="sp-seen__title">{question}</p>
        <p>
            {before}<bdi lang=locale class="sp-seen__answer" data-testid="flow-answer">{answer}</bdi>{after}
            {answer_en}
        </p>
    }
}

/// The English of the user's words, after them: " (It's shipped or on its way)". The brackets go inside the
/// isolate, so that in a right-to-left console they stay around the English however the line wraps.
fn in_english(lang: Lang, english: String) -> impl IntoView {
    let (before, after) = around(lang.t(K::FlowInEnglish), "text");
    view! {
        " "<bdi class="sp-muted" lang="en" data-testid="flow-english">{before}{english}{after}</bdi>
    }
}

/// The facts that chose the way on, each as the page had it.
fn branched(lang: Lang, facts: Vec<FlowFact>) -> impl IntoView {
    if facts.is_empty() {
        return view! { <p>{lang.t(K::FlowNoFacts)}</p> }.into_any();
    }
    view! {
        <p>{lang.t(K::FlowBranched)}</p>
        <dl class="sp-facts sp-seen__explanation">
            {facts.into_iter().map(|fact| {
                let shown = if fact.shown.trim().is_empty() { "—".to_owned() } else { fact.shown };
                view! { <div><dt><code>{fact.path}</code></dt><dd><bdi>{shown}</bdi></dd></div> }
            }).collect_view()}
        </dl>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AgentView, TicketContext};
    use serde_json::json;
    use signpost_core::flows::{PathEvent, PathStep};
    use signpost_core::rules::FactUsed;

    /// A way through `where-is-my-order` as the widget files it (core's types, on the wire as the desk
    /// answers).
    fn wire_path() -> serde_json::Value {
        let path = signpost_core::flows::FlowPath {
            flow: "where-is-my-order".into(),
            version: 1,
            steps: vec![
                PathStep {
                    step: "start".into(),
                    event: PathEvent::Branched {
                        branch: None,
                        facts: vec![FactUsed {
                            path: "incidents.active".into(),
                            value: json!(["payments"]),
                            shown: "payments".into(),
                        }],
                    },
                },
                PathStep {
                    step: "ask-status".into(),
                    event: PathEvent::Answered {
                        question: Some("¿Qué indica tu pedido en «Tus pedidos»?".into()),
                        choice: 1,
                        answer: "Se ha enviado o está en camino".into(),
                        question_en: Some("What does your order say in Your orders?".into()),
                        answer_en: Some("It's shipped or on its way".into()),
                    },
                },
                PathStep {
                    step: "tracking".into(),
                    event: PathEvent::NotSolved {
                        article: Some("track-order".into()),
                    },
                },
            ],
        };
        serde_json::to_value(path).unwrap()
    }

    #[test]
    fn the_path_reads_as_the_desk_sends_it() {
        let mut wire = wire_path();
        wire["steps"]
            .as_array_mut()
            .unwrap()
            .push(json!({"step": "later", "event": "skipped_ahead", "why": "a newer desk"}));
        let context: TicketContext =
            serde_json::from_value(json!({"locale": "es-ES", "flow_path": wire})).unwrap();
        let path = context.flow_path.unwrap();
        assert_eq!(
            (path.flow.as_str(), path.version),
            ("where-is-my-order", Some(1))
        );
        let events: Vec<FlowEvent> = path.steps.iter().map(FlowStep::event).collect();
        assert_eq!(
            events,
            [
                FlowEvent::Branched,
                FlowEvent::Answered,
                FlowEvent::NotSolved,
                FlowEvent::Other
            ]
        );
        assert_eq!(
            path.steps[0].facts,
            [FlowFact {
                path: "incidents.active".into(),
                shown: "payments".into()
            }]
        );
        let asked = &path.steps[1];
        assert_eq!(
            asked.answer.as_deref(),
            Some("Se ha enviado o está en camino")
        );
        assert_eq!(
            asked.answer_en.as_deref(),
            Some("It's shipped or on its way")
        );
        assert_eq!(path.steps[2].article.as_deref(), Some("track-order"));

        // A ticket filed without a flow, and a path missing its parts, still read.
        let view = json!({
            "id": "SP-1042", "status": "open", "subject": "Late", "queue": "orders", "priority": "normal",
            "first_response_due": "2026-11-15T12:00:00Z", "context": {"locale": "es-ES"},
        });
        let view: AgentView = serde_json::from_value(view).unwrap();
        assert_eq!(view.context.flow_path, None);
        let bare: TicketContext = serde_json::from_value(json!({"flow_path": {}})).unwrap();
        assert_eq!(bare.flow_path, Some(FlowPath::default()));
    }

    #[test]
    fn the_heading_names_the_flow_and_its_version() {
        let path = FlowPath {
            flow: "where-is-my-order".into(),
            version: Some(1),
            steps: vec![],
        };
        assert_eq!(
            heading(Lang::En, &path),
            "Guided flow: where-is-my-order (v1)"
        );
        assert_eq!(
            heading(Lang::Ja, &path),
            "ガイドフロー：where-is-my-order（v1）"
        );
        let unversioned = FlowPath {
            version: None,
            ..path
        };
        assert_eq!(
            heading(Lang::Fr, &unversioned),
            "Parcours guidé : where-is-my-order"
        );
    }

    #[test]
    fn english_is_beside_only_when_it_says_something_else() {
        let beside = |shown, english| english_beside(shown, english);
        assert_eq!(
            beside(Some("Otra cosa"), Some("Something else")),
            Some("Something else")
        );
        assert_eq!(beside(None, Some("Something else")), Some("Something else"));
        assert_eq!(
            beside(Some("Something else"), Some(" Something else ")),
            None
        );
        assert_eq!(beside(Some("Otra cosa"), Some("  ")), None);
        assert_eq!(beside(Some("Otra cosa"), None), None);
    }

    #[test]
    fn an_article_is_named_as_the_user_saw_it() {
        let read = vec![ArticleRead {
            id: "track-order".into(),
            title: "Seguir tu pedido".into(),
            vote: None,
            helpful: None,
        }];
        assert_eq!(article_name("track-order", &read), "Seguir tu pedido");
        assert_eq!(article_name("late-delivery", &read), "late-delivery");
    }

    #[test]
    fn every_language_words_every_step() {
        let placeholders = [
            (K::SeenFlow, &["flow", "version"][..]),
            (K::SeenFlowUnversioned, &["flow"][..]),
            (K::FlowAnswer, &["answer"][..]),
            (K::FlowInEnglish, &["text"][..]),
            (K::FlowNotSolved, &["article"][..]),
            (K::FlowNotSolvedAnswer, &[][..]),
            (K::FlowBranched, &[][..]),
            (K::FlowNoFacts, &[][..]),
        ];
        for lang in Lang::ALL {
            let tag = lang.tag();
            for (key, names) in placeholders {
                let text = lang.t(key);
                let values: Vec<(&str, &str)> = names.iter().map(|name| (*name, "X")).collect();
                let filled = lang.f(key, &values);
                assert!(
                    !filled.contains('{') && !filled.contains('}'),
                    "{tag}: {key:?} has another placeholder: {text}"
                );
                assert_eq!(
                    filled.matches('X').count(),
                    names.len(),
                    "{tag}: {key:?} must use each of {names:?} once: {text}"
                );
                if let [name] = names {
                    let (before, after) = around(text, name);
                    // Isolated in a right-to-left language (`Lang::f`).
                    let x = if lang.is_rtl() {
                        "\u{2068}X\u{2069}"
                    } else {
                        "X"
                    };
                    assert_eq!(format!("{before}{x}{after}"), filled, "{tag}: {key:?}");
                }
                if lang != Lang::En && !matches!(key, K::FlowInEnglish) {
                    assert_ne!(text, Lang::En.t(key), "{tag}: {key:?} is the English");
                }
            }
        }
    }
}
