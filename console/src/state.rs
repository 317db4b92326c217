//! The small contexts the views share: who is signed in ([`Auth`]), the live update counter ([`Live`]), the
//! clock the due times tick by ([`Clock`]), the inbox's filters and selection ([`InboxState`]), and the words
//! for errors.

use crate::api::ClientError;
use crate::filters::Filters;
use crate::hooks::LiveMode;
use crate::i18n::{K, Lang};
use crate::intl;
use crate::model::{Account, Role};
use leptos::prelude::*;
use signpost_core::wire::Problem;
use std::time::Duration;

/// Why the sign-in form is shown, when it is not simply the first visit.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A call answered 401: signed out elsewhere, idle too long, or disabled.
    SessionEnded,
    /// The password was set; the automatic sign-in did not go through.
    PasswordSaved,
    /// The session check got no usable answer.
    Unreachable(String),
}

/// The signed-in agent.
#[derive(Clone, Copy)]
pub struct Auth {
    pub agent: RwSignal<Option<Account>>,
    pub notice: RwSignal<Option<Notice>>,
}

impl Default for Auth {
    fn default() -> Self {
        Auth {
            agent: RwSignal::new(None),
            notice: RwSignal::new(None),
        }
    }
}

impl Auth {
    /// Passes `result` on; a 401 signs the agent out first ("Your session ended").
    pub fn check<T>(self, result: Result<T, ClientError>) -> Result<T, ClientError> {
        if matches!(&result, Err(err) if err.status() == Some(401)) {
            self.notice.set(Some(Notice::SessionEnded));
            // Signing out unmounts the workspace: only once the caller's task is done with the signals it owns.
            let agent = self.agent;
            set_timeout(move || agent.set(None), Duration::ZERO);
        }
        result
    }

    /// Whether the signed-in agent is an admin (tracked): the status page is theirs.
    pub fn is_admin(self) -> bool {
        self.agent.with(|agent| {
            agent
                .as_ref()
                .is_some_and(|agent| agent.role == Role::Admin)
        })
    }

    /// The signed-in agent's id (untracked), for "take it".
    pub fn agent_id(self) -> Option<i64> {
        self.agent
            .with_untracked(|agent| agent.as_ref().map(|agent| agent.id))
    }
}

/// Counts the desk's change events (or polls): views refetch when it moves.
#[derive(Clone, Copy)]
pub struct Live {
    pub tick: RwSignal<u32>,
    pub mode: ReadSignal<LiveMode>,
}

/// The time the due times are measured against; moves every 30 s.
#[derive(Clone, Copy)]
pub struct Clock(pub RwSignal<f64>);

/// The inbox's filters and selected ticket, kept while a ticket is open so the way back lands where it left.
#[derive(Clone, Copy)]
pub struct InboxState {
    pub filters: RwSignal<Filters>,
    pub selected: RwSignal<Option<String>>,
}

/// The words for a field's problem.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    match problem {
        Problem::Required => lang.t(K::ProbRequired).to_owned(),
        Problem::TooShort { min } => {
            lang.f(K::ProbTooShort, &[("n", &intl::number(lang, *min as f64))])
        }
        Problem::TooLong { max } => {
            lang.f(K::ProbTooLong, &[("n", &intl::number(lang, *max as f64))])
        }
        Problem::NotAnEmail => lang.t(K::ProbNotEmail).to_owned(),
        Problem::TooMany { max } => {
            lang.f(K::ProbTooMany, &[("n", &intl::number(lang, *max as f64))])
        }
        Problem::OneLine => lang.t(K::ProbOneLine).to_owned(),
        Problem::OneOf { .. } => lang.t(K::ProbOneOf).to_owned(),
        Problem::NotADateTime => lang.t(K::ProbDateTime).to_owned(),
        Problem::NotAfter { .. } => lang.t(K::ProbNotAfter).to_owned(),
        _ => lang.t(K::ProbInvalid).to_owned(),
    }
}

/// Whether a 422's `problem_field` is about `field`: the field itself or an item of it (`components[2]`).
pub fn is_about(problem_field: &str, field: &str) -> bool {
    problem_field
        .strip_prefix(field)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
}

/// The words for `field`'s problems in a 422, if it has any.
pub fn field_error(lang: Lang, error: Option<&ClientError>, field: &str) -> Option<String> {
    let problems: Vec<String> = error?
        .fields()
        .iter()
        .filter(|problem| problem.field == field)
        .map(|problem| problem_text(lang, &problem.problem))
        .collect();
    (!problems.is_empty()).then(|| problems.join(" "))
}

/// The words for the problems of `field` and of its items (`components[0]`, …) in a 422, if it has any.
pub fn list_error(lang: Lang, error: Option<&ClientError>, field: &str) -> Option<String> {
    let mut problems: Vec<String> = error?
        .fields()
        .iter()
        .filter(|problem| is_about(&problem.field, field))
        .map(|problem| problem_text(lang, &problem.problem))
        .collect();
    problems.dedup();
    (!problems.is_empty()).then(|| problems.join(" "))
}

/// The words for a failed call that no field explains.
pub fn error_text(lang: Lang, error: &ClientError) -> String {
    match error.status() {
        Some(403) => lang.t(K::Forbidden).to_owned(),
        Some(429) => lang.f(K::TooManyAttempts, &[("time", &retry_time(lang, error))]),
        _ => lang.f(K::ErrorGeneric, &[("detail", &error.detail())]),
    }
}

/// How long a 429 asks to wait, in minutes ("5 minutes"), from `Retry-After`.
pub fn retry_time(lang: Lang, error: &ClientError) -> String {
    let seconds = match error {
        ClientError::Status {
            retry_after: Some(seconds),
            ..
        } => *seconds,
        _ => 60,
    };
    let minutes = seconds.div_ceil(60).max(1);
    intl::unit(lang, minutes as f64, "minute", false)
}
