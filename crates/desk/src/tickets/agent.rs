//! What agents do with tickets: read one with everything the user sent and the internal notes, write notes,
//! assign it, change its status or queue, correct its triage. The list is [`super::inbox`].

use super::inbox::Teammate;
use super::{TicketRow, current_thread, stored, stored_json, stored_reasons};
use super::{agent_store, store};
use crate::clock::now_stamp;
use crate::db::Db;
use crate::error::AppError;
use crate::identity::TicketIdentity;
use serde::{Deserialize, Serialize};
use signpost_core::check::{Check, Text};
use signpost_core::context::Role;
use signpost_core::identity::Identity;
use signpost_core::tickets::{
    self, Author, NewMessage, Priority, Queue, TicketContext, TicketStatus, TicketView,
    TriageReason,
};
use signpost_core::wire::Problem;

/// What an agent sees: the thread with the internal notes, who filed it and their earlier tickets, the context
/// they agreed to send, the triage and who works it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgentView {
    /// e.g. `SP-1042`.
    pub id: String,
    pub status: TicketStatus,
    pub topic: String,
    pub subject: String,
    pub queue: Queue,
    pub priority: Priority,
    /// RFC 3339 UTC, business hours counted.
    pub first_response_due: String,
    /// When an agent first replied; `null` while the target runs.
    pub first_response_at: Option<String>,
    pub created_at: String,
    /// Oldest first: the filed message, replies and internal notes.
    pub messages: Vec<AgentMessage>,
    pub email: Option<String>,
    /// Who the marketplace vouched for, or `null` for an anonymous ticket.
    pub identity: Option<TicketIdentity>,
    /// What the user agreed to send: the page and its facts, what the widget suggested and why, searches,
    /// articles read, incidents shown. What they withheld is absent.
    pub context: TicketContext,
    pub triage_reasons: Vec<TriageReason>,
    /// The triage model version that routed it, when one did.
    pub triage_model: Option<i64>,
    /// Triage was unsure of the queue: check it (a re-route clears it).
    pub needs_look: bool,
    pub masked_card_numbers: bool,
    /// The agent working it, if any.
    pub assignee: Option<Teammate>,
    /// The same user's other tickets (by verified id, else by email), newest first.
    pub earlier_tickets: Vec<EarlierTicket>,
}

/// A message as agents see it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgentMessage {
    pub author: Author,
    pub body: String,
    pub created_at: String,
    /// An internal note: agents only, never shown to the user.
    pub internal: bool,
    /// The agent who wrote it (none for the user, the service token, and replies from before named agents).
    pub agent: Option<Teammate>,
}

/// Another ticket of the same user.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EarlierTicket {
    pub id: String,
    pub subject: String,
    pub status: TicketStatus,
    pub created_at: String,
}

/// The ticket `row` as an agent sees it.
pub async fn view(db: &Db, row: &TicketRow) -> Result<AgentView, AppError> {
    let messages = agent_store::messages(db, row.number).await?;
    let messages: anyhow::Result<Vec<AgentMessage>> = messages
        .into_iter()
        .map(|message| {
            Ok(AgentMessage {
                author: stored("author", &message.author)?,
                body: message.body,
                created_at: message.created_at,
                internal: message.internal,
                agent: message
                    .agent_id
                    .zip(message.agent_name)
                    .map(|(id, name)| Teammate { id, name }),
            })
        })
        .collect();
    let earlier = agent_store::same_user(db, row, EARLIER_TICKETS_MAX).await?;
    let earlier_tickets: anyhow::Result<Vec<EarlierTicket>> = earlier
        .into_iter()
        .map(|other| {
            Ok(EarlierTicket {
                id: tickets::ticket_id(other.number),
                status: stored("status", &other.status)?,
                subject: other.subject,
                created_at: other.created_at,
            })
        })
        .collect();
    let assignee = match row.assignee_id {
        Some(id) => agent_store::teammate(db, id).await?,
        None => None,
    };
    Ok(AgentView {
        id: tickets::ticket_id(row.number),
        status: stored("status", &row.status)?,
        topic: row.topic.clone(),
        subject: row.subject.clone(),
        queue: stored("queue", &row.queue)?,
        priority: stored("priority", &row.priority)?,
        first_response_due: row.first_response_due.clone(),
        first_response_at: row.first_response_at.clone(),
        created_at: row.created_at.clone(),
        messages: messages?,
        email: row.email.clone(),
        identity: identity(row)?.map(|identity| TicketIdentity {
            identity,
            verified: true,
        }),
        context: stored_json("context", &row.context)?,
        triage_reasons: stored_reasons(&row.triage_reasons)?,
        triage_model: row.triage_model,
        needs_look: row.needs_look,
        masked_card_numbers: row.masked_card_numbers,
        assignee,
        earlier_tickets: earlier_tickets?,
    })
}

/// Most of the user's other tickets an agent sees beside one.
const EARLIER_TICKETS_MAX: i64 = 10;

/// Adds an internal note by agent `agent_id` (card numbers masked, as in replies); the user never sees it and
/// the ticket's status stays.
pub async fn add_note(
    db: &Db,
    row: &TicketRow,
    agent_id: Option<i64>,
    note: &NewMessage,
) -> Result<AgentView, AppError> {
    let problems = tickets::validate_message(note);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let body = tickets::mask_card_numbers(note.body.trim()).0;
    agent_store::add_note(db, row.number, agent_id, &body, &now_stamp()).await?;
    current_view(db, row.number).await
}

/// `POST /v1/agent/tickets/{id}/assignee`: who works the ticket (`null`: no one).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct NewAssignee {
    pub agent_id: Option<i64>,
}

/// Gives the ticket to an active agent, or to no one; 422 for an agent who does not exist or is disabled.
pub async fn set_assignee(
    db: &Db,
    row: &TicketRow,
    assignee: &NewAssignee,
) -> Result<AgentView, AppError> {
    if let Some(id) = assignee.agent_id {
        let mut check = Check::new();
        let active = agent_store::teammate(db, id).await?.is_some();
        check.expect(active, "agent_id", Problem::InvalidValue);
        check.finish()?;
    }
    agent_store::set_assignee(db, row.number, assignee.agent_id, &now_stamp()).await?;
    current_view(db, row.number).await
}

/// Ticket `number` as an agent sees it now.
pub async fn current_view(db: &Db, number: i64) -> Result<AgentView, AppError> {
    view(db, &super::current_row(db, number).await?).await
}

/// The verified identity the ticket was filed with, if any (its email is the ticket's).
fn identity(row: &TicketRow) -> anyhow::Result<Option<Identity>> {
    let (Some(user_id), Some(role)) = (&row.user_id, &row.user_role) else {
        return Ok(None);
    };
    let role = Role::from_name(role)
        .ok_or_else(|| anyhow::anyhow!("unknown user_role `{role}` in the database"))?;
    Ok(Some(Identity {
        user_id: user_id.clone(),
        email: row.email.clone().unwrap_or_default(),
        name: row.user_name.clone(),
        role,
    }))
}

/// `POST /v1/agent/tickets/{id}/status`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct StatusChange {
    pub status: TicketStatus,
}

/// `POST /v1/agent/tickets/{id}/assign`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Assignment {
    pub queue: Queue,
}

/// Sets the ticket's status and answers with its thread.
pub async fn set_status(
    db: &Db,
    row: &TicketRow,
    change: &StatusChange,
) -> Result<TicketView, AppError> {
    store::set_status(db, row.number, change.status, &now_stamp()).await?;
    current_thread(db, row.number).await
}

/// Moves the ticket to another queue and answers with its thread.
pub async fn assign(
    db: &Db,
    row: &TicketRow,
    assignment: &Assignment,
) -> Result<TicketView, AppError> {
    store::set_queue(db, row.number, assignment.queue, &now_stamp()).await?;
    current_thread(db, row.number).await
}

/// `POST /v1/agent/tickets/{id}/reroute`: an agent's correction of triage, which the next training learns from.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct Reroute {
    pub queue: Queue,
    pub priority: Priority,
    /// Why, from the console's short list; `other` (the default) needs `reason`.
    #[serde(default)]
    pub reason_code: RerouteReason,
    /// Why triage was wrong, in the agent's words (one line, up to 500 characters); required for `other`.
    #[serde(default)]
    pub reason: String,
}

/// Why an agent re-routed a ticket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RerouteReason {
    WrongTopic,
    WrongUrgency,
    NeedsSpecialist,
    #[default]
    Other,
}

impl RerouteReason {
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

/// Most characters of a re-route's reason.
const REROUTE_REASON_MAX_CHARS: usize = 500;

/// Moves the ticket to the queue and priority an agent chose, records the correction with the decision and
/// reasons triage had given, and answers with the thread.
pub async fn reroute(db: &Db, row: &TicketRow, reroute: &Reroute) -> Result<TicketView, AppError> {
    let mut check = Check::new();
    let text = Text::line(REROUTE_REASON_MAX_CHARS);
    let text = if reroute.reason_code == RerouteReason::Other {
        text.required()
    } else {
        text
    };
    let reason = check.text("reason", &reroute.reason, text);
    check.finish()?;
    let correction = store::Correction {
        number: row.number,
        from_queue: &row.queue,
        from_priority: &row.priority,
        to: (reroute.queue, reroute.priority),
        reason_code: reroute.reason_code.as_str(),
        reason: reason.unwrap_or_default(),
        triage_reasons: &row.triage_reasons,
        model_version: row.triage_model,
    };
    store::reroute(db, &correction, &now_stamp()).await?;
    current_thread(db, row.number).await
}
