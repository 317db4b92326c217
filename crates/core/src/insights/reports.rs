//! The reports of `GET /v1/agent/insights/…`, as the console reads them. Every rate comes with its 95 % Wilson
//! interval, never bare; every count of people under the site's k is shown as "< k" (with enough others
//! withheld that none can be worked out from the rest).

use serde::{Deserialize, Serialize};

/// What a report may show of a count of people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    /// The count itself.
    Count(u64),
    /// Fewer than k people: "< k".
    Small,
    /// Hidden so that a small count cannot be worked out from the rest; at least k.
    Withheld,
    /// Hidden with a table too small to show anything of.
    Hidden,
}

impl Shown {
    /// A count of no one (what a report from before a count existed means).
    pub fn zero() -> Shown {
        Shown::Count(0)
    }

    /// The count, when shown.
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(count) => Some(count),
            Shown::Small | Shown::Withheld | Shown::Hidden => None,
        }
    }
}

/// A share with its 95 % Wilson interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rate {
    pub successes: u64,
    pub trials: u64,
    /// `successes / trials`, 0–1.
    pub rate: f64,
    /// The interval's bounds, 0–1.
    pub low: f64,
    pub high: f64,
}

/// The period a report covers: whole UTC days, both included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`.
    pub to: String,
}

/// `GET /v1/agent/insights/funnel`: how people who opened the widget fared, per cohort. Each person is in
/// exactly one outcome, so the outcomes add up to those who opened it; the kinds of resolution (resolved in a
/// guided flow, a helpful vote, assumed when no ticket followed within the window) are never added into one
/// number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelReport {
    pub period: Period,
    /// When the part of today and yesterday was added up, when it was read as added up for an earlier look:
    /// with many events (40,000 or more) the desk adds it up again every minute or so while someone looks.
    /// Absent: counted up to the moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_as_of: Option<String>,
    /// What the rows are cut by: `audience`, `surface`, `language`, `identified`, `returning` or a site
    /// dimension.
    pub by: String,
    /// k: counts of people under it are shown as "< k".
    pub min_users: u64,
    /// How long without a ticket after helping themselves counts as an assumed resolution.
    pub window_hours: u32,
    pub rows: Vec<FunnelRow>,
    /// Everyone, whatever their cohort.
    pub total: FunnelRow,
    /// Events from browsers with Global Privacy Control on: counted, never linked, so not in the funnel.
    pub unlinked_events: u64,
}

/// One cohort's funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelRow {
    /// The cohort's value (`buyer`, `checkout`, `es`, `yes`…; `unknown` when the page did not say).
    pub cohort: String,
    /// People who opened the widget.
    pub opened: Shown,
    /// Opened it, did nothing more.
    pub left: Shown,
    /// Filed a ticket without trying self-service.
    pub contacted_directly: Shown,
    /// Helped themselves and said an article helped; no ticket, no resolution in a guided flow.
    pub confirmed: Shown,
    /// Ended a guided flow resolved ("This solved it", or a resolved end); no ticket. Counted here rather than
    /// in `confirmed` when they also voted an article helpful.
    #[serde(default = "Shown::zero")]
    pub resolved_in_flow: Shown,
    /// Helped themselves, no vote, no resolution in a guided flow, no ticket within the window.
    pub assumed: Shown,
    /// Helped themselves less than the window ago, no ticket yet.
    pub pending: Shown,
    /// Helped themselves, then filed a ticket.
    pub escalated: Shown,
    /// Of those who opened it, the share who helped themselves (searched, read, followed a suggestion…).
    pub engaged_rate: Option<Rate>,
    /// Of those who helped themselves, the share who confirmed a resolution with a helpful vote.
    pub confirmed_rate: Option<Rate>,
    /// Of those who helped themselves, the share resolved in a guided flow; never added to the confirmed ones.
    #[serde(default)]
    pub resolved_in_flow_rate: Option<Rate>,
    /// Of those who helped themselves and whose window has passed, the share assumed resolved (no vote, no
    /// ticket); never added to the confirmed ones.
    pub assumed_rate: Option<Rate>,
    /// Of those who helped themselves, the share who then filed a ticket.
    pub escalated_rate: Option<Rate>,
}

/// `GET /v1/agent/insights/search`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchReport {
    pub period: Period,
    /// When the part of today and yesterday was added up, when it was read as added up for an earlier look:
    /// with many events (40,000 or more) the desk adds it up again every minute or so while someone looks.
    /// Absent: counted up to the moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_as_of: Option<String>,
    pub min_users: u64,
    /// Searches settled on (each typed query once it stopped changing).
    pub searches: u64,
    /// Of the searches, the share with no result.
    pub zero_result_rate: Option<Rate>,
    /// The queries with no result most people made, each made by at least k people.
    pub top_zero_result_queries: Vec<QueryCount>,
    /// People who searched.
    pub searchers: Shown,
    /// Of the people who searched, the share who filed a ticket after.
    pub search_then_ticket_rate: Option<Rate>,
}

/// A query and how many made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueryCount {
    /// The query as stored: lower-cased, with addresses and numbers replaced by `[email]`, `[number]`.
    pub query: String,
    pub searches: u64,
    pub people: u64,
}

/// `GET /v1/agent/insights/articles`: articles by readers, most read first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticlesReport {
    pub period: Period,
    /// When the part of today and yesterday was added up, when it was read as added up for an earlier look:
    /// with many events (40,000 or more) the desk adds it up again every minute or so while someone looks.
    /// Absent: counted up to the moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_as_of: Option<String>,
    pub min_users: u64,
    pub rows: Vec<ArticleRow>,
}

/// One article's reach.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ArticleRow {
    pub article: String,
    /// Its English title, when the help center still has it.
    pub title: Option<String>,
    /// Times it was opened.
    pub views: u64,
    /// People who read it.
    pub readers: Shown,
    /// Of the votes, the share "helpful".
    pub helpful_rate: Option<Rate>,
    /// Of its readers, the share who filed a ticket after reading it (in the period).
    pub contact_after_rate: Option<Rate>,
}

/// `GET /v1/agent/insights/flows`: how far people got in each guided flow and where it ended for them, per
/// version of the flow (an edited flow starts a new series), newest version first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowsReport {
    pub period: Period,
    /// When the part of today and yesterday was added up, when it was read as added up for an earlier look:
    /// with many events (40,000 or more) the desk adds it up again every minute or so while someone looks.
    /// Absent: counted up to the moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub live_as_of: Option<String>,
    pub min_users: u64,
    pub flows: Vec<FlowVersionRows>,
}

/// One version of a flow, step by step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowVersionRows {
    /// The flow's id (its file name without `.toml`).
    pub flow: String,
    /// The flow file's `version`.
    pub version: u32,
    /// Its English title, when the help center still has the flow.
    pub title: Option<String>,
    /// Whether this is the version the help center serves now.
    pub current: bool,
    /// The steps people were shown, in the order they reached them (on average, over the people who reached
    /// each). Branch steps are never shown, so never listed.
    pub steps: Vec<FlowStepRow>,
}

/// One step: who reached it and how it went on for them. Each person who reached it is in exactly one of
/// `resolved`, `handed_off`, `abandoned` (ended there: resolved if they ever were, else handed off, else
/// abandoned) and `went_on`, which add up to `reached`. Steps are never added up: a person reaches several.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowStepRow {
    /// The step's id in the flow file.
    pub step: String,
    /// People shown the step.
    pub reached: Shown,
    /// Of them, people whose flow ended resolved here.
    pub resolved: Shown,
    /// Of them, people handed to a person here.
    pub handed_off: Shown,
    /// Of them, people who left the flow here.
    pub abandoned: Shown,
    /// Of them, people whose flow did not end here: they went on to another step, or had not ended it.
    pub went_on: Shown,
    /// Each ending's share of those who reached the step, shown when both its counts are.
    pub resolved_rate: Option<Rate>,
    pub handed_off_rate: Option<Rate>,
    pub abandoned_rate: Option<Rate>,
}

/// `GET /v1/agent/insights/responses`: first replies against their targets, per queue and priority.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponsesReport {
    pub period: Period,
    pub rows: Vec<ResponseRow>,
}

/// One queue and priority's first replies (tickets filed in the period).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResponseRow {
    pub queue: String,
    pub priority: String,
    pub tickets: u64,
    /// Tickets answered so far.
    pub answered: u64,
    /// Of the tickets whose target has passed or that were answered, the share answered by the target (the
    /// target counts business hours where the site set them).
    pub within_target_rate: Option<Rate>,
    /// Minutes from filing to the first reply, over the answered tickets.
    pub p50_minutes: Option<f64>,
    pub p90_minutes: Option<f64>,
    /// Tickets solved so far: each thread asks its user how the help was (CSAT).
    #[serde(default)]
    pub solved: u64,
    /// The share of solved tickets whose user answered: read it before the satisfied rate.
    #[serde(default)]
    pub csat_response_rate: Option<Rate>,
    /// Of the answers, the share rating the help 4 or 5 out of 5.
    #[serde(default)]
    pub satisfied_rate: Option<Rate>,
}

/// `GET /v1/agent/insights/repeats`: people who came back within 7 days of a ticket, by issue type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepeatsReport {
    pub period: Period,
    pub min_users: u64,
    pub rows: Vec<RepeatRow>,
}

/// One queue and topic's repeat contact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RepeatRow {
    pub queue: String,
    pub topic: String,
    pub tickets: u64,
    /// Of the tickets, the share followed by another from the same person within 7 days.
    pub by_tickets: Option<Rate>,
    /// People who filed one.
    pub people: Shown,
    /// Of the people, the share who filed again within 7 days.
    pub by_people: Option<Rate>,
}

/// `GET /v1/agent/insights/triage`: how often agents corrected triage, where it went wrong, and whether this
/// week's tickets look like the last four weeks'.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TriageReport {
    pub period: Period,
    /// Of the tickets filed in the period, the share an agent re-routed (queue or priority).
    pub rerouted_rate: Option<Rate>,
    /// Triaged queue (rows) against the queue agents left it in (columns).
    pub queues: Confusion,
    /// The same for priorities.
    pub priorities: Confusion,
    /// Queue accuracy per week (weeks starting on Monday) in the period.
    pub weeks: Vec<WeekAccuracy>,
    /// The mix of topics and of queues in the period's last 7 days against the 28 days before.
    pub drift: Vec<Drift>,
}

/// A confusion matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Confusion {
    pub labels: Vec<String>,
    /// `counts[triaged][corrected]`, in the order of `labels`.
    pub counts: Vec<Vec<u64>>,
    /// The share on the diagonal.
    pub accuracy: Option<Rate>,
}

/// One week's triage accuracy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekAccuracy {
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub queue_accuracy: Option<Rate>,
}

/// How far a mix moved: the population stability index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Drift {
    /// `topic` or `queue`.
    pub of: String,
    /// The index; `None` when either side has no tickets.
    pub index: Option<f64>,
    /// `stable` (below 0.1), `moderate` (to 0.25) or `significant`: flagged when not stable.
    pub level: Option<String>,
    /// Tickets per category in the last 7 days.
    pub current: Vec<(String, u64)>,
    /// Tickets per category in the 28 days before.
    pub baseline: Vec<(String, u64)>,
}
