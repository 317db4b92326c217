//! A guided flow, one step at a time (chunk `flow`): the question or the answer, "Step 2 of up to 4", the way
//! back, and "Talk to a person" on every step. The flow runs here, on the file the desk serves and the page's
//! facts: only the user's replies are kept, and each one walks the flow again from its start.

use crate::api::Api;
use crate::components::{BackButton, Chunk, chunk};
use crate::handoff::{self, Handoff};
use crate::host::Host;
use crate::i18n::{Language, Msg, t};
use crate::intl::IntlFormatter;
use crate::navigation::{Navigation, View};
use crate::page_context::PageContext;
use crate::site::{Site, clock};
use crate::usage::Usage;
use leptos::html;
use leptos::prelude::*;
use signpost_core::flows::{
    ActionTarget, CurrentStep, Flow, Outcome, Reply, Situation, StepView, Walk, WalkState,
};
use signpost_core::insights::events::{EventKind, FlowStepItem};

/// The flow `id`, from its first step.
#[component]
pub fn FlowView(
    /// The flow's id.
    id: String,
) -> impl IntoView {
    let (language, navigation) = (expect_context::<Language>(), expect_context::<Navigation>());
    let (site, page, usage) = (
        expect_context::<Site>(),
        expect_context::<PageContext>(),
        expect_context::<Usage>(),
    );
    let loaded = RwSignal::new(None::<Option<Flow>>);
    {
        let (api, id) = (expect_context::<Api>(), id.clone());
        leptos::task::spawn_local(async move {
            let flow = match api.flow(&id).await {
                Ok(document) => document.parse().ok(),
                Err(_) => None,
            };
            let _ = loaded.try_set(Some(flow));
        });
    }
    let replies = RwSignal::new(Vec::<Reply>::new());
    // Texts in the widget's language, which the user may have chosen over the page's.
    let walk = Memo::new(move |_| {
        loaded.with(|flow| {
            let flow = flow.as_ref()?.as_ref()?;
            let mut context = page.with(Clone::clone);
            context.locale = Some(language.locale());
            let extra_facts = site.extra_facts();
            let situation = Situation {
                context: &context,
                extra_facts: &extra_facts,
                clock: clock(),
            };
            let formatter = IntlFormatter::new(language.ui(), &language.locale());
            Some(replies.with(|replies| flow.walk(&situation, replies, &formatter)))
        })
    });
    let title = move || {
        loaded.with(|flow| {
            flow.as_ref()
                .and_then(Option::as_ref)
                .map(|flow| flow.title(Some(&language.locale())).to_owned())
        })
    };

    // Each step reached and each ending, counted per flow version for the insights report.
    Effect::new(move || {
        walk.with(|walk| {
            if let Some(walk) = walk {
                record_progress(usage, walk);
            }
        })
    });

    // Leaving mid-way (Back to help, or another view) is an ending too.
    on_cleanup(move || {
        let left = walk.try_with_untracked(|walk| match walk {
            Some(
                walk @ Walk {
                    state: WalkState::At(step),
                    ..
                },
            ) => Some(step_item(walk, &step.step)),
            _ => None,
        });
        if let Some(item) = left.flatten() {
            usage.record(EventKind::FlowAbandoned, Some(&item));
        }
    });

    // Opens the contact form with the way taken, once the walk has handed off.
    let hand_off = move || {
        let handed_off = walk.with_untracked(|walk| {
            let walk = walk.as_ref()?;
            match &walk.state {
                WalkState::Ended(Outcome::HandedOff { topic, text, .. }) => {
                    Some((topic.clone(), walk.flow_path(), text.clone()))
                }
                _ => None,
            }
        });
        if let Some((topic, path, note)) = handed_off {
            let title = title().unwrap_or_default();
            handoff::keep(Handoff { path, title, note });
            navigation.go(View::Contact { topic: Some(topic) });
        }
    };
    // Once the user has moved on or back, each new step takes focus so a screen reader reads it out.
    let moved = StoredValue::new(false);
    let reply = move |reply: Reply| {
        moved.set_value(true);
        replies.update(|replies| replies.push(reply));
        hand_off();
    };
    let back = move || {
        let keep = walk.with_untracked(|walk| walk.as_ref().and_then(Walk::back_to));
        if let Some(keep) = keep {
            moved.set_value(true);
            replies.update(|replies| replies.truncate(keep));
        }
    };

    let heading = NodeRef::<html::H3>::new();
    crate::components::focus_when_shown(heading);
    view! {
        <div class="sp-flow">
            <BackButton to=View::Home/>
            {move || match loaded.get() {
                None => view! { <p class="sp-article__loading" role="status">{t(Msg::FlowLoading)}</p> }.into_any(),
                Some(None) => view! { <p class="sp-article__error" role="alert">{t(Msg::FlowFailed)}</p> }.into_any(),
                Some(Some(_)) => view! {
                    <h3 class="sp-article__title" tabindex="-1" node_ref=heading>{title}</h3>
                    {move || walk.get().map(|walk| match walk.state {
                        WalkState::At(step) => view! { <StepShown step reply back focus=moved.get_value()/> }.into_any(),
                        WalkState::Ended(outcome) => view! { <Ended outcome hand_off/> }.into_any(),
                    })}
                }.into_any(),
            }}
        </div>
    }
}

/// The step the user is at, and the ways on from it.
#[component]
fn StepShown(
    step: CurrentStep,
    /// Takes the user's reply.
    reply: impl Fn(Reply) + Copy + Send + Sync + 'static,
    /// Goes back one step.
    back: impl Fn() + Copy + Send + Sync + 'static,
    /// Whether the step takes focus as it shows.
    focus: bool,
) -> impl IntoView {
    let (language, navigation, host) = (
        expect_context::<Language>(),
        expect_context::<Navigation>(),
        expect_context::<Host>(),
    );
    let progress = language.ui().format(
        Msg::FlowProgress,
        &[
            ("number", &step.number.to_string()),
            ("total", &step.of_up_to.to_string()),
        ],
    );
    let text_ref = NodeRef::<html::Div>::new();
    if focus {
        crate::components::focus_when_shown(text_ref);
    }
    let body = match step.view {
        StepView::Question { text, choices } => view! {
            <div class="sp-flow__step" tabindex="-1" node_ref=text_ref role="group" aria-labelledby="sp-flow-question">
                <p id="sp-flow-question" class="sp-flow__text" dir="auto">{text}</p>
                <ul class="sp-flow__choices">
                    {choices.into_iter().enumerate().map(|(choice, label)| view! {
                        <li>
                            <button type="button" class="sp-button sp-flow__choice" dir="auto" on:click=move |_| reply(Reply::Choose { choice })>
                                {label}
                            </button>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any(),
        StepView::Answer { text, article, action } => {
            let action = action.map(|action| {
                let label = action.label.clone();
                let follow = move |_| match &action.target {
                    ActionTarget::Status => navigation.go(View::Status),
                    // The host page owns its onboarding flow and its buttons: it listens and acts.
                    ActionTarget::OnboardingStep { step } => host.emit(
                        "suggestion:clicked",
                        &serde_json::json!({ "action": "onboarding_step", "step": step, "source": "flow" }),
                    ),
                    ActionTarget::Page { name } => {
                        host.emit("flow:action", &serde_json::json!({ "name": name }))
                    }
                };
                view! { <button type="button" class="sp-button" dir="auto" on:click=follow>{label}</button> }
            });
            view! {
                <div class="sp-flow__step" tabindex="-1" node_ref=text_ref>
                    {text.map(|text| view! { <p class="sp-flow__text" dir="auto">{text}</p> })}
                    {action}
                    {article.map(|id| view! {
                        <div class="sp-flow__article">
                            <Chunk load=chunk::article_in_flow show=move |article| article(id.clone())/>
                        </div>
                    })}
                    <div class="sp-flow__answer">
                        <button type="button" class="sp-button sp-button--primary" on:click=move |_| reply(Reply::Solved)>
                            {t(Msg::FlowSolved)}
                        </button>
                        <button type="button" class="sp-button" on:click=move |_| reply(Reply::NotSolved)>
                            {t(Msg::FlowNotSolved)}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <p class="sp-flow__progress" aria-live="polite">{progress}</p>
        {body}
        <div class="sp-flow__ways">
            {step.can_go_back.then(|| view! {
                <button type="button" class="sp-link-button" on:click=move |_| back()>{t(Msg::FlowPrevious)}</button>
            })}
            <button type="button" class="sp-link-button" on:click=move |_| reply(Reply::TalkToPerson)>
                {t(Msg::FlowTalkToPerson)}
            </button>
        </div>
    }
}

/// How the flow ended: resolved, or handed to a person on the facts alone (a reply that hands off goes
/// straight to the contact form).
#[component]
fn Ended(
    outcome: Outcome,
    /// Opens the contact form with the way taken.
    hand_off: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    match outcome {
        Outcome::Resolved { text, .. } => view! {
            <div class="sp-flow__end" role="status">
                <p class="sp-flow__text" dir="auto">{text.unwrap_or_else(|| t(Msg::FlowResolved)().to_owned())}</p>
                <button type="button" class="sp-button" on:click=move |_| navigation.go(View::Home)>{t(Msg::Back)}</button>
            </div>
        }
        .into_any(),
        Outcome::HandedOff { text, .. } => {
            view! {
                <div class="sp-flow__end">
                    {text.map(|text| view! { <p class="sp-flow__text" dir="auto">{text}</p> })}
                    <button type="button" class="sp-button sp-button--primary" on:click=move |_| hand_off()>{t(Msg::FlowWriteToUs)}</button>
                </div>
            }
            .into_any()
        }
        Outcome::Abandoned { .. } => ().into_any(),
    }
}

/// Counts the step the walk is at, or how it ended, once per walk state.
fn record_progress(usage: Usage, walk: &Walk) {
    let (kind, step) = match &walk.state {
        WalkState::At(step) => (EventKind::FlowStep, &step.step),
        WalkState::Ended(Outcome::Resolved { step, .. }) => (EventKind::FlowResolved, step),
        WalkState::Ended(Outcome::HandedOff { step, .. }) => (EventKind::FlowHandedOff, step),
        WalkState::Ended(Outcome::Abandoned { step }) => (EventKind::FlowAbandoned, step),
    };
    usage.record(kind, Some(&step_item(walk, step)));
}

/// The step as flow events name it: `flow@version/step`, so an edited flow counts apart.
fn step_item(walk: &Walk, step: &str) -> String {
    FlowStepItem {
        flow: walk.flow.clone(),
        version: walk.version,
        step: step.to_owned(),
    }
    .to_string()
}
