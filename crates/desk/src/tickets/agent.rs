//! What agents do with tickets: page through the queue, read a ticket with everything the user sent, change
//! its status or queue, correct its triage.

use super::store::{self, ListCursor};
use super::{TicketRow, current_thread, stored, stored_json, stored_reasons, thread};
use crate::clock::now_stamp;
use crate::db::Db;
use crate::error::AppError;
use crate::identity::{TicketIdentity, parse_role};
use serde::{Deserialize, Serialize};
use signpost_core::check::{Check, Text};
use signpost_core::identity::Identity;
use signpost_core::tickets::{
    self, Priority, Queue, TicketContext, TicketStatus, TicketView, TriageReason,
};
use signpost_core::wire::Problem;

/// The agents' list: `?queue=&status=&priority=` filter, `limit` (1–200, default 50) and `after` (the
/// previous page's `next`) page.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    pub queue: Option<Queue>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub after: Option<String>,
    pub limit: Option<i64>,
}

const LIST_PAGE: i64 = 50;
const LIST_PAGE_MAX: i64 = 200;

/// One page of the agents' list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage {
    pub tickets: Vec<Listed>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// One line of the agents' list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Listed {
    pub id: String,
    pub status: TicketStatus,
    pub queue: Queue,
    pub priority: Priority,
    pub subject: String,
    pub email: Option<String>,
    pub first_response_due: String,
    pub created_at: String,
    /// Triage was unsure of the queue: check it.
    pub needs_look: bool,
}

impl TryFrom<TicketRow> for Listed {
    type Error = anyhow::Error;

    fn try_from(row: TicketRow) -> anyhow::Result<Listed> {
        Ok(Listed {
            id: tickets::ticket_id(row.number),
            status: stored("status", &row.status)?,
            queue: stored("queue", &row.queue)?,
            priority: stored("priority", &row.priority)?,
            subject: row.subject,
            email: row.email,
            first_response_due: row.first_response_due,
            created_at: row.created_at,
            needs_look: row.needs_look,
        })
    }
}

/// A cursor is `{rank}.{number}` of the last ticket on the page: opaque to clients, stable across replicas.
fn parse_cursor(text: &str) -> Option<ListCursor> {
    let (rank, number) = text.split_once('.')?;
    Some(ListCursor {
        rank: rank.parse().ok()?,
        number: number.parse().ok()?,
    })
}

/// One page of tickets matching `query`, most urgent and oldest first.
pub async fn list(db: &Db, query: &ListQuery) -> Result<ListPage, AppError> {
    let mut check = Check::new();
    let limit = query.limit.unwrap_or(LIST_PAGE);
    check.in_range("limit", limit, 1, LIST_PAGE_MAX);
    let after = query.after.as_deref().map(parse_cursor);
    check.expect(after != Some(None), "after", Problem::NotACursor);
    check.finish()?;
    // One more than asked tells whether another page follows.
    let mut rows = store::list(
        db,
        query.queue,
        query.status,
        query.priority,
        after.flatten(),
        limit + 1,
    )
    .await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = more
        .then(|| {
            rows.last()
                .map(|last| format!("{}.{}", last.rank, last.ticket.number))
        })
        .flatten();
    let tickets: anyhow::Result<Vec<Listed>> = rows
        .into_iter()
        .map(|ranked| Listed::try_from(ranked.ticket))
        .collect();
    Ok(ListPage {
        tickets: tickets?,
        next,
    })
}

/// What an agent sees: the thread, plus who filed it, the context they agreed to send and the triage.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgentView {
    #[serde(flatten)]
    pub ticket: TicketView,
    pub email: Option<String>,
    /// Who the marketplace vouched for, or `null` for an anonymous ticket.
    pub identity: Option<TicketIdentity>,
    pub context: TicketContext,
    pub triage_reasons: Vec<TriageReason>,
    /// The triage model version that routed it, when one did.
    pub triage_model: Option<i64>,
    /// Triage was unsure of the queue: check it (a re-route clears it).
    pub needs_look: bool,
    pub masked_card_numbers: bool,
}

/// The ticket `row` as an agent sees it.
pub async fn view(db: &Db, row: &TicketRow) -> Result<AgentView, AppError> {
    Ok(AgentView {
        ticket: thread(db, row).await?,
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
    })
}

/// The verified identity the ticket was filed with, if any (its email is the ticket's).
fn identity(row: &TicketRow) -> anyhow::Result<Option<Identity>> {
    let (Some(user_id), Some(role)) = (&row.user_id, &row.user_role) else {
        return Ok(None);
    };
    let role = parse_role(role)
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
    /// Why triage was wrong, for whoever reads the corrections (one line, up to 500 characters).
    pub reason: String,
}

/// Most characters of a re-route's reason.
const REROUTE_REASON_MAX_CHARS: usize = 500;

/// Moves the ticket to the queue and priority an agent chose, records the correction with the decision and
/// reasons triage had given, and answers with the thread.
pub async fn reroute(db: &Db, row: &TicketRow, reroute: &Reroute) -> Result<TicketView, AppError> {
    let mut check = Check::new();
    let reason = check.text(
        "reason",
        &reroute.reason,
        Text::line(REROUTE_REASON_MAX_CHARS).required(),
    );
    check.finish()?;
    let correction = store::Correction {
        number: row.number,
        from_queue: &row.queue,
        from_priority: &row.priority,
        to: (reroute.queue, reroute.priority),
        reason: reason.unwrap_or_default(),
        triage_reasons: &row.triage_reasons,
        model_version: row.triage_model,
    };
    store::reroute(db, &correction, &now_stamp()).await?;
    current_thread(db, row.number).await
}
