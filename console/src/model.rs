//! The console's wire types: what the agent API answers, read tolerantly (every optional part defaults, unknown
//! fields are ignored) so a newer desk, or a ticket whose user withheld parts of their context, still renders.
//! Queue, priority, status, triage reasons, the status feed and the error body come from `signpost-core`, which
//! the desk answers with.

use serde::{Deserialize, Serialize};
use signpost_core::feed::ComponentMap;
use signpost_core::tickets::{Priority, Queue, TicketStatus, TriageReason, read_reasons};

/// What an agent may do. An unknown role reads as the lesser one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Also manages the status page.
    Admin,
    /// Works tickets.
    #[default]
    #[serde(other)]
    Agent,
}

/// A signed-in agent's account (`{"agent": Account}`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub role: Role,
}

/// `{"agent": Account}`: what sign-in, the session check and set-password answer.
#[derive(Clone, Debug, Deserialize)]
pub struct SessionAnswer {
    pub agent: Account,
}

/// An agent as tickets name them, and one entry of `GET /v1/agent/team`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
pub struct AgentRef {
    pub id: i64,
    pub name: String,
}

/// One row of `GET /v1/agent/tickets`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
pub struct Listed {
    pub id: String,
    pub status: TicketStatus,
    pub queue: Queue,
    pub priority: Priority,
    pub subject: String,
    #[serde(default)]
    pub email: Option<String>,
    /// RFC 3339.
    pub first_response_due: String,
    /// RFC 3339; none until an agent replied.
    #[serde(default)]
    pub first_response_at: Option<String>,
    #[serde(default)]
    pub needs_look: bool,
    #[serde(default)]
    pub assignee: Option<AgentRef>,
}

/// A page of the ticket list; `next` is the cursor of the following page.
#[derive(Clone, Debug, Deserialize)]
pub struct TicketPage {
    pub tickets: Vec<Listed>,
    #[serde(default)]
    pub next: Option<String>,
}

/// Open tickets in one queue.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct QueueCount {
    pub queue: Queue,
    pub open: u32,
    #[serde(default)]
    pub overdue: u32,
}

/// `GET /v1/agent/inbox`: counts of open tickets for the navigation.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct InboxCounts {
    pub queues: Vec<QueueCount>,
    pub mine: u32,
    pub unassigned: u32,
    pub overdue: u32,
    pub due_within_hour: u32,
}

impl InboxCounts {
    /// The open count of `queue`, if the desk gave one.
    pub fn queue(&self, queue: Queue) -> Option<&QueueCount> {
        self.queues.iter().find(|count| count.queue == queue)
    }
}

/// Who wrote a message of the thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    User,
    Agent,
    /// The desk itself: the status page's update on an incident the ticket names (no answer to the ticket).
    System,
}

/// One message of the thread, as agents see it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AgentMessage {
    pub author: Author,
    pub body: String,
    pub created_at: String,
    /// An internal note: never shown to the user.
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub agent: Option<AgentRef>,
}

/// The user's identity as the host page vouched for it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Identity {
    pub user_id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub verified: bool,
}

/// One fact behind a suggestion, as its "Why am I seeing this?" showed it (`signpost-core`'s `ExplanationFact`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Explanation {
    /// The widget's label for the fact, made from its path: `Order status` for `order.status`.
    #[serde(default)]
    pub fact: String,
    /// Its value as the user read it, in their language: `shipped`, `12 Nov 2026 (3 days ago)`.
    #[serde(default)]
    pub detail: String,
}

/// A suggestion the widget showed the user.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Suggestion {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// The sentences of its "Why am I seeing this?", in the user's language.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// The facts those sentences cite, each once; empty from a widget that sent none.
    #[serde(default)]
    pub explanation: Vec<Explanation>,
}

/// A search the user ran in the widget.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Search {
    pub query: String,
    #[serde(default)]
    pub results: u32,
}

/// An article the user opened, with their vote.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ArticleRead {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// `up` or `down`.
    #[serde(default)]
    pub vote: Option<String>,
    /// The older spelling of the vote (`signpost-core`'s `ArticleRead`).
    #[serde(default)]
    pub helpful: Option<bool>,
}

impl ArticleRead {
    /// True for a thumbs up, false for a thumbs down, none without a vote.
    pub fn helpful(&self) -> Option<bool> {
        match self.vote.as_deref() {
            Some("up") => Some(true),
            Some("down") => Some(false),
            _ => self.helpful,
        }
    }
}

/// An incident banner the widget showed.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Incident {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub impact: Option<String>,
}

/// What the user agreed to send along; anything may be absent.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct TicketContext {
    pub surface: Option<String>,
    pub page_url: Option<String>,
    pub locale: Option<String>,
    pub order_id: Option<String>,
    pub order_status: Option<String>,
    pub payment_status: Option<String>,
    pub order_amount: Option<f64>,
    pub order_currency: Option<String>,
    pub onboarding_step: Option<String>,
    pub onboarding_blockers: Vec<String>,
    pub role: Option<String>,
    pub suggestions_shown: Vec<Suggestion>,
    pub searches: Vec<Search>,
    pub articles_read: Vec<ArticleRead>,
    pub active_incidents: Vec<Incident>,
    /// The way the user took through a guided flow before asking for a person.
    pub flow_path: Option<FlowPath>,
}

/// The way the user took through a guided flow (`signpost-core`'s `FlowPath`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FlowPath {
    /// The flow's id, e.g. `where-is-my-order`.
    pub flow: String,
    /// The flow file's version; none from a desk that sent none.
    pub version: Option<u32>,
    /// Every decision, in order.
    pub steps: Vec<FlowStep>,
}

/// One decision on the way through a flow (`signpost-core`'s `PathStep`), read flat: each event's fields
/// default, so an event this console does not know still reads (as [`FlowEvent::Other`]).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FlowStep {
    /// The step's id.
    pub step: String,
    /// `branched`, `answered` or `not_solved`.
    pub event: String,
    /// `branched`: the facts the branch tested, as the user's page had them.
    pub facts: Vec<FlowFact>,
    /// `answered`: the question, in the user's language.
    pub question: Option<String>,
    /// `answered`: the choice the user picked, in their language.
    pub answer: Option<String>,
    /// `answered`: the question in English, when the user read another language.
    pub question_en: Option<String>,
    /// `answered`: the choice in English, when the user read another language.
    pub answer_en: Option<String>,
    /// `not_solved`: the article of the answer the user read.
    pub article: Option<String>,
}

/// A fact a flow's branch tested.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FlowFact {
    /// Dotted path, e.g. `order.status`.
    pub path: String,
    /// The value as the user would read it, e.g. `12 Nov 2026 (3 days ago)`; empty when it had none.
    pub shown: String,
}

/// What was decided at a step of a flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowEvent {
    /// The page's facts chose the way on.
    Branched,
    /// The user answered a question.
    Answered,
    /// The user read an answer and still needed help.
    NotSolved,
    /// An event from a newer desk.
    Other,
}

impl FlowStep {
    /// What was decided here.
    pub fn event(&self) -> FlowEvent {
        match self.event.as_str() {
            "branched" => FlowEvent::Branched,
            "answered" => FlowEvent::Answered,
            "not_solved" => FlowEvent::NotSolved,
            _ => FlowEvent::Other,
        }
    }
}

/// A ticket the user filed before.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct EarlierTicket {
    pub id: String,
    #[serde(default)]
    pub subject: String,
    pub status: TicketStatus,
    #[serde(default)]
    pub created_at: String,
}

/// `GET /v1/agent/tickets/{id}`: a ticket as agents see it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AgentView {
    pub id: String,
    pub status: TicketStatus,
    #[serde(default)]
    pub topic: String,
    pub subject: String,
    pub queue: Queue,
    pub priority: Priority,
    pub first_response_due: String,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub messages: Vec<AgentMessage>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub identity: Option<Identity>,
    #[serde(default)]
    pub context: TicketContext,
    /// Why triage chose the queue and priority, as codes (an earlier desk's sentences read as `Recorded`, a
    /// newer desk's codes as `Unknown`).
    #[serde(default, deserialize_with = "read_reasons")]
    pub triage_reasons: Vec<TriageReason>,
    #[serde(default)]
    pub triage_model: Option<serde_json::Value>,
    #[serde(default)]
    pub masked_card_numbers: bool,
    #[serde(default)]
    pub assignee: Option<AgentRef>,
    #[serde(default)]
    pub earlier_tickets: Vec<EarlierTicket>,
}

/// Another agent with the ticket open.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Viewer {
    pub agent: AgentRef,
    #[serde(default)]
    pub typing: bool,
}

/// `POST …/presence`: who else has the ticket open.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Presence {
    pub viewers: Vec<Viewer>,
}

/// Why a ticket is re-routed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RerouteReason {
    WrongTopic,
    WrongUrgency,
    NeedsSpecialist,
    Other,
}

impl RerouteReason {
    pub const ALL: [RerouteReason; 4] = [
        RerouteReason::WrongTopic,
        RerouteReason::WrongUrgency,
        RerouteReason::NeedsSpecialist,
        RerouteReason::Other,
    ];

    /// The wire name, e.g. `wrong_topic`.
    pub fn as_str(self) -> &'static str {
        match self {
            RerouteReason::WrongTopic => "wrong_topic",
            RerouteReason::WrongUrgency => "wrong_urgency",
            RerouteReason::NeedsSpecialist => "needs_specialist",
            RerouteReason::Other => "other",
        }
    }
}

/// `POST …/reroute`.
#[derive(Clone, Debug, Serialize)]
pub struct Reroute {
    pub queue: Queue,
    pub priority: Priority,
    pub reason_code: RerouteReason,
    pub reason: String,
}

/// The part of `GET /v1/site` the status page needs: which status components concern which surfaces (the
/// marketplace defaults when the site has none, as the widget does).
#[derive(Clone, Debug, Deserialize)]
pub struct SiteComponents {
    #[serde(default = "ComponentMap::default_marketplace")]
    pub status_components: ComponentMap,
}

/// `POST /v1/agent/incidents`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OpenIncident {
    pub name: String,
    pub impact: String,
    pub status: String,
    pub components: Vec<String>,
    /// None: the desk uses the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `POST /v1/agent/incidents/{id}/updates` and `…/resolve` (which needs no status).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UpdateIncident {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// None on a resolve: the desk says the incident has been resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// `POST /v1/agent/maintenances`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScheduleMaintenance {
    pub name: String,
    pub components: Vec<String>,
    /// RFC 3339, as typed (the desk says when it is not a date and time).
    pub scheduled_for: String,
    pub scheduled_until: String,
    /// None: the desk uses the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}
