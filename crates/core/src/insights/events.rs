//! `POST /v1/events`: what the widget reports of its use, in batches.
//!
//! Private by design: no cookies; the unit that links events is an install id (only where the site lets the
//! widget store anything, written at the user's first interaction), else an id for the page view, else nothing
//! (the browser's Global Privacy Control: counted, not linked). A verified user is keyed on the desk by a keyed
//! hash of their id, never the id itself; the identity token travels in the body because `navigator.sendBeacon`
//! cannot send headers.

use crate::check::{Check, Text};
use crate::context::Role;
use crate::embed::Surface;
use crate::insights::{DIMENSION_MAX_CHARS, MAX_DIMENSIONS};
use crate::wire::{FieldError, Problem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most events in one batch.
pub const MAX_EVENTS: usize = 50;
/// Longest unit id, item id or identity token, in characters.
pub const ID_MAX_CHARS: usize = 64;
/// Longest identity token.
pub const TOKEN_MAX_CHARS: usize = 4_096;
/// Longest search query kept, in characters (the search box's own limit).
pub const QUERY_MAX_CHARS: usize = 200;
/// Oldest event a batch may carry: a batch is sent within seconds, or when the page is hidden.
pub const MAX_AGE_MS: u64 = 24 * 60 * 60 * 1_000;

/// One batch of events from one page view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EventBatch {
    /// What links these events to others.
    pub unit: Unit,
    /// The install id was written on an earlier page view (a returning user).
    #[serde(default)]
    pub returning: bool,
    /// The site's identity token, when the page identified its user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// Facts of the page the events happened on.
    pub page: PageFacts,
    /// The events, oldest first.
    pub events: Vec<Event>,
}

/// What links a batch's events to others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Unit {
    /// A random id kept in the browser (only where the site allows storage, from the first interaction on).
    Install { id: String },
    /// A random id for this page view only.
    PageView { id: String },
    /// Nothing: the browser asks for no tracking (Global Privacy Control). The events are counted, not linked.
    Unlinked,
}

/// Facts of the page, as cohorts of the reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PageFacts {
    pub surface: Surface,
    /// The interface language's primary subtag (`pt` for pt-BR).
    pub language: String,
    /// Buyer or seller, as the page's context says (a verified role wins on the desk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<Role>,
    /// The context fields the site marked as dimensions, as text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dimensions: BTreeMap<String, String>,
}

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub kind: EventKind,
    /// How long before the batch was sent it happened, in milliseconds.
    #[serde(default)]
    pub age_ms: u64,
    /// The article, rule or ticket it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// A search's text (cleaned of addresses, phone, card and order numbers before it is stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// A search's result count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<u32>,
    /// A vote: whether the article helped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helpful: Option<bool>,
    /// An exposure's variant (`item`: the experiment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<u32>,
}

/// What the widget reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The panel opened.
    Opened,
    /// A suggestion was listed (`item`: the article).
    SuggestionShown,
    /// "Why am I seeing this?" was opened (`item`: the article).
    ExplanationOpened,
    /// A suggestion was followed (`item`: the article).
    SuggestionFollowed,
    /// A search settled (`query`, `results`).
    Searched,
    /// A search result was opened (`item`: the article).
    ResultOpened,
    /// An article was read (`item`).
    ArticleRead,
    /// An article got a vote (`item`, `helpful`).
    ArticleVoted,
    /// The status view was opened.
    StatusViewed,
    /// The contact form was opened.
    ContactStarted,
    /// A ticket was filed (`item`: its id).
    TicketFiled,
    /// An experiment's variant was listed (`item`: the experiment, `variant`).
    Exposed,
    /// The satisfaction question of a solved ticket was answered (`item`: the ticket).
    SurveyAnswered,
    /// A guided flow showed a step (`item`: [`FlowStepItem`]).
    FlowStep,
    /// A guided flow ended resolved: "This solved it", or a resolved end (`item`: the step it ended at).
    FlowResolved,
    /// A guided flow handed the user to a person (`item`: the step it ended at).
    FlowHandedOff,
    /// The user left a guided flow before its end (`item`: the step they left).
    FlowAbandoned,
}

impl EventKind {
    /// Every kind, as stored.
    pub const ALL: [EventKind; 17] = [
        EventKind::Opened,
        EventKind::SuggestionShown,
        EventKind::ExplanationOpened,
        EventKind::SuggestionFollowed,
        EventKind::Searched,
        EventKind::ResultOpened,
        EventKind::ArticleRead,
        EventKind::ArticleVoted,
        EventKind::StatusViewed,
        EventKind::ContactStarted,
        EventKind::TicketFiled,
        EventKind::Exposed,
        EventKind::SurveyAnswered,
        EventKind::FlowStep,
        EventKind::FlowResolved,
        EventKind::FlowHandedOff,
        EventKind::FlowAbandoned,
    ];

    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Opened => "opened",
            EventKind::SuggestionShown => "suggestion_shown",
            EventKind::ExplanationOpened => "explanation_opened",
            EventKind::SuggestionFollowed => "suggestion_followed",
            EventKind::Searched => "searched",
            EventKind::ResultOpened => "result_opened",
            EventKind::ArticleRead => "article_read",
            EventKind::ArticleVoted => "article_voted",
            EventKind::StatusViewed => "status_viewed",
            EventKind::ContactStarted => "contact_started",
            EventKind::TicketFiled => "ticket_filed",
            EventKind::Exposed => "exposed",
            EventKind::SurveyAnswered => "survey_answered",
            EventKind::FlowStep => "flow_step",
            EventKind::FlowResolved => "flow_resolved",
            EventKind::FlowHandedOff => "flow_handed_off",
            EventKind::FlowAbandoned => "flow_abandoned",
        }
    }

    /// Whether it is the user helping themselves (the funnel's "engaged").
    pub fn is_engagement(self) -> bool {
        matches!(
            self,
            EventKind::ExplanationOpened
                | EventKind::SuggestionFollowed
                | EventKind::Searched
                | EventKind::ResultOpened
                | EventKind::ArticleRead
                | EventKind::ArticleVoted
                | EventKind::StatusViewed
                | EventKind::FlowStep
        )
    }

    /// Whether it counts a guided flow's step, whose `item` is a [`FlowStepItem`].
    pub fn is_flow(self) -> bool {
        matches!(
            self,
            EventKind::FlowStep
                | EventKind::FlowResolved
                | EventKind::FlowHandedOff
                | EventKind::FlowAbandoned
        )
    }
}

/// A step of one version of a guided flow, as flow events name it in `item`: `where-is-my-order@3/late-case`.
/// Counts are kept per version, so an edited flow starts a new series.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FlowStepItem {
    pub flow: String,
    pub version: u32,
    pub step: String,
}

impl FlowStepItem {
    /// Longest item: two ids and a version.
    pub const MAX_CHARS: usize = 2 * ID_MAX_CHARS + 12;

    /// Reads `flow@version/step`.
    pub fn parse(item: &str) -> Option<FlowStepItem> {
        let (flow, rest) = item.split_once('@')?;
        let (version, step) = rest.split_once('/')?;
        let id = |id: &str| {
            !id.is_empty()
                && id.len() <= ID_MAX_CHARS
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        };
        (id(flow) && id(step)).then_some(())?;
        Some(FlowStepItem {
            flow: flow.to_owned(),
            version: version.parse().ok().filter(|v| *v >= 1)?,
            step: step.to_owned(),
        })
    }
}

impl std::fmt::Display for FlowStepItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}/{}", self.flow, self.version, self.step)
    }
}

impl EventBatch {
    /// Every problem with the batch, by field.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut check = Check::new();
        match &self.unit {
            Unit::Install { id } | Unit::PageView { id } => {
                check.text("unit.id", id, Text::line(ID_MAX_CHARS).required());
            }
            Unit::Unlinked => {}
        }
        check.optional_text(
            "identity",
            self.identity.as_deref(),
            Text::line(TOKEN_MAX_CHARS),
        );
        check.text(
            "page.language",
            &self.page.language,
            Text::line(16).required(),
        );
        check.expect(
            self.page.dimensions.len() <= MAX_DIMENSIONS,
            "page.dimensions",
            Problem::TooMany {
                max: MAX_DIMENSIONS,
            },
        );
        for (name, value) in &self.page.dimensions {
            let field = format!("page.dimensions.{name}");
            check.text(&field, name, Text::line(DIMENSION_MAX_CHARS).required());
            check.text(&field, value, Text::line(DIMENSION_MAX_CHARS));
        }
        check.expect(!self.events.is_empty(), "events", Problem::Required);
        check.list("events", &self.events, MAX_EVENTS, |check, field, event| {
            event.check(check, field);
        });
        check.finish()
    }
}

impl Event {
    fn check(&self, check: &mut Check, field: &str) {
        let item_max = if self.kind.is_flow() {
            FlowStepItem::MAX_CHARS
        } else {
            ID_MAX_CHARS
        };
        check.optional_text(
            &format!("{field}.item"),
            self.item.as_deref(),
            Text::line(item_max),
        );
        check.optional_text(
            &format!("{field}.query"),
            self.query.as_deref(),
            Text::line(QUERY_MAX_CHARS),
        );
        check.expect(
            self.age_ms <= MAX_AGE_MS,
            &format!("{field}.age_ms"),
            Problem::OutOfRange {
                min: 0,
                max: MAX_AGE_MS as i64,
            },
        );
        let needs = |present: bool, name: &str, check: &mut Check| {
            check.expect(present, &format!("{field}.{name}"), Problem::Required);
        };
        match self.kind {
            EventKind::Searched => {
                needs(self.query.is_some(), "query", check);
                needs(self.results.is_some(), "results", check);
            }
            EventKind::ArticleVoted => {
                needs(self.item.is_some(), "item", check);
                needs(self.helpful.is_some(), "helpful", check);
            }
            EventKind::Exposed => {
                needs(self.item.is_some(), "item", check);
                needs(self.variant.is_some(), "variant", check);
            }
            EventKind::SuggestionShown
            | EventKind::ExplanationOpened
            | EventKind::SuggestionFollowed
            | EventKind::ResultOpened
            | EventKind::ArticleRead
            | EventKind::SurveyAnswered => needs(self.item.is_some(), "item", check),
            EventKind::FlowStep
            | EventKind::FlowResolved
            | EventKind::FlowHandedOff
            | EventKind::FlowAbandoned => {
                check.expect(
                    self.item.as_deref().and_then(FlowStepItem::parse).is_some(),
                    &format!("{field}.item"),
                    Problem::InvalidValue,
                );
            }
            EventKind::Opened
            | EventKind::StatusViewed
            | EventKind::ContactStarted
            | EventKind::TicketFiled => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn batch(events: serde_json::Value) -> EventBatch {
        serde_json::from_value(json!({
            "unit": {"kind": "page_view", "id": "p-1"},
            "page": {"surface": "order", "language": "en", "audience": "buyer"},
            "events": events,
        }))
        .unwrap()
    }

    #[test]
    fn a_good_batch_passes() {
        let batch = batch(json!([
            {"kind": "opened"},
            {"kind": "searched", "query": "refund", "results": 0, "age_ms": 1200},
            {"kind": "article_voted", "item": "refunds", "helpful": true},
        ]));
        assert_eq!(batch.check(), Ok(()));
    }

    #[test]
    fn each_problem_is_named_by_its_field() {
        let mut bad = batch(json!([
            {"kind": "searched", "query": "refund"},
            {"kind": "article_read"},
            {"kind": "opened", "age_ms": MAX_AGE_MS + 1},
        ]));
        bad.unit = Unit::Install { id: "x".repeat(65) };
        let fields: Vec<String> = bad
            .check()
            .unwrap_err()
            .into_iter()
            .map(|problem| problem.field)
            .collect();
        assert_eq!(
            fields,
            [
                "unit.id",
                "events[0].results",
                "events[1].item",
                "events[2].age_ms"
            ]
        );
    }

    #[test]
    fn flow_events_name_a_step_of_a_flow_version() {
        let good = batch(json!([
            {"kind": "flow_step", "item": "where-is-my-order@3/late-case"},
            {"kind": "flow_resolved", "item": "where-is-my-order@3/found-it"},
        ]));
        assert_eq!(good.check(), Ok(()));
        let item = FlowStepItem::parse("where-is-my-order@3/late-case").unwrap();
        assert_eq!(
            (item.flow.as_str(), item.version, item.step.as_str()),
            ("where-is-my-order", 3, "late-case")
        );
        assert_eq!(item.to_string(), "where-is-my-order@3/late-case");
        for bad in [
            "where-is-my-order",
            "flow@0/step",
            "flow@x/step",
            "Flow@1/step",
            "flow@1/",
            "@1/step",
        ] {
            let batch = batch(json!([{"kind": "flow_abandoned", "item": bad}]));
            assert!(batch.check().is_err(), "{bad}");
        }
    }

    #[test]
    fn an_empty_or_oversized_batch_is_refused() {
        assert!(batch(json!([])).check().is_err());
        let many: Vec<_> = (0..=MAX_EVENTS)
            .map(|_| json!({"kind": "opened"}))
            .collect();
        assert!(batch(json!(many)).check().is_err());
    }

    #[test]
    fn unknown_kinds_and_fields_do_not_parse() {
        let unknown = json!({"unit": {"kind": "unlinked"}, "page": {"surface": "order", "language": "en"},
                             "events": [{"kind": "clicked"}]});
        assert!(serde_json::from_value::<EventBatch>(unknown).is_err());
        let extra = json!({"unit": {"kind": "unlinked"}, "page": {"surface": "order", "language": "en"},
                           "events": [{"kind": "opened", "email": "a@b.c"}]});
        assert!(serde_json::from_value::<EventBatch>(extra).is_err());
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in EventKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
        }
    }
}
