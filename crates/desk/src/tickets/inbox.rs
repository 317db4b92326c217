//! The agents' inbox: tickets filtered the ways a support team slices its work (queue, status, priority,
//! assignee, surface, audience, language, first-response target), soonest due first, and the counts beside each
//! view.

use super::{TicketRow, stored};
use crate::clock::{now_unix, stamp};
use crate::db::Db;
use crate::error::AppError;
use crate::with_pool;
use serde::{Deserialize, Serialize};
use signpost_core::check::Check;
use signpost_core::context::Role;
use signpost_core::embed::Surface;
use signpost_core::tickets::{self, Priority, Queue, TicketStatus};
use signpost_core::wire::Problem;

/// Whose tickets: `me`, `unassigned`, or an agent's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assignee {
    Me,
    Unassigned,
    Agent(i64),
}

impl<'de> Deserialize<'de> for Assignee {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Assignee, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.as_str() {
            "me" => Ok(Assignee::Me),
            "unassigned" => Ok(Assignee::Unassigned),
            id => id.parse().map(Assignee::Agent).map_err(|_| {
                serde::de::Error::custom("expected `me`, `unassigned` or an agent's id")
            }),
        }
    }
}

/// Tickets by their first-response target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Not answered yet and due within the hour.
    WithinHour,
    /// Not answered and past due.
    Overdue,
}

/// `GET /v1/agent/tickets`: filters (absent = any), `limit` (1–200, default 50) and `after` (the previous page's
/// `next`).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    pub queue: Option<Queue>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    /// `me`, `unassigned`, or an agent's id.
    #[param(value_type = Option<String>)]
    pub assignee: Option<Assignee>,
    pub surface: Option<Surface>,
    pub audience: Option<Role>,
    /// A primary language subtag, e.g. `es`.
    pub language: Option<String>,
    pub due: Option<Due>,
    pub after: Option<String>,
    pub limit: Option<i64>,
}

const LIST_PAGE: i64 = 50;
const LIST_PAGE_MAX: i64 = 200;
const HOUR: i64 = 3_600;

/// One page of the agents' list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage {
    pub tickets: Vec<Listed>,
    /// Pass as `after` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// An agent, as other agents see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct Teammate {
    pub id: i64,
    pub name: String,
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
    /// RFC 3339 UTC, business hours counted.
    pub first_response_due: String,
    /// When an agent first replied; `null` while the target runs.
    pub first_response_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Triage was unsure of the queue: check it.
    pub needs_look: bool,
    pub assignee: Option<Teammate>,
    pub surface: Option<String>,
    pub audience: Option<String>,
    pub language: Option<String>,
}

/// A ticket row with the facts only the list shows.
#[derive(Debug, sqlx::FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    ticket: TicketRow,
    assignee_name: Option<String>,
    surface: Option<String>,
    audience: Option<String>,
    language: Option<String>,
}

impl TryFrom<ListRow> for Listed {
    type Error = anyhow::Error;

    fn try_from(row: ListRow) -> anyhow::Result<Listed> {
        let ticket = row.ticket;
        Ok(Listed {
            id: tickets::ticket_id(ticket.number),
            status: stored("status", &ticket.status)?,
            queue: stored("queue", &ticket.queue)?,
            priority: stored("priority", &ticket.priority)?,
            assignee: ticket
                .assignee_id
                .zip(row.assignee_name)
                .map(|(id, name)| Teammate { id, name }),
            subject: ticket.subject,
            email: ticket.email,
            first_response_due: ticket.first_response_due,
            first_response_at: ticket.first_response_at,
            created_at: ticket.created_at,
            updated_at: ticket.updated_at,
            needs_look: ticket.needs_look,
            surface: row.surface,
            audience: row.audience,
            language: row.language,
        })
    }
}

/// Where a page starts: just after the ticket with this due time and number.
#[derive(Debug, PartialEq, Eq)]
struct Cursor {
    due: String,
    number: i64,
}

/// A cursor is `{due}_{number}` of the last ticket on the page: opaque to clients, stable across replicas.
fn parse_cursor(text: &str) -> Option<Cursor> {
    let (due, number) = text.rsplit_once('_')?;
    let number = number.parse().ok()?;
    let looks_like_a_stamp = due.len() >= 20 && due.ends_with('Z') && !due.contains('_');
    looks_like_a_stamp.then(|| Cursor {
        due: due.to_owned(),
        number,
    })
}

/// The filters as the SQL binds them.
struct Filters<'a> {
    query: &'a ListQuery,
    assignee_id: Option<i64>,
    unassigned: bool,
    due_from: Option<String>,
    due_before: Option<String>,
}

impl<'a> Filters<'a> {
    fn new(query: &'a ListQuery, me: Option<i64>, now: i64) -> Filters<'a> {
        let (assignee_id, unassigned) = match query.assignee {
            None => (None, false),
            // The service token is no one: nothing is assigned to it.
            Some(Assignee::Me) => (Some(me.unwrap_or(-1)), false),
            Some(Assignee::Agent(id)) => (Some(id), false),
            Some(Assignee::Unassigned) => (None, true),
        };
        let (due_from, due_before) = match query.due {
            None => (None, None),
            Some(Due::WithinHour) => (Some(stamp(now)), Some(stamp(now + HOUR))),
            Some(Due::Overdue) => (None, Some(stamp(now))),
        };
        Filters {
            query,
            assignee_id,
            unassigned,
            due_from,
            due_before,
        }
    }
}

/// One page of tickets matching `query`, soonest due first, as the agent `me` (none for the service token)
/// asks for it.
pub async fn list(db: &Db, query: &ListQuery, me: Option<i64>) -> Result<ListPage, AppError> {
    let mut check = Check::new();
    let limit = query.limit.unwrap_or(LIST_PAGE);
    check.in_range("limit", limit, 1, LIST_PAGE_MAX);
    let after = query.after.as_deref().map(parse_cursor);
    check.expect(after != Some(None), "after", Problem::NotACursor);
    if let Some(language) = &query.language {
        let subtag = language.len() <= 8 && language.chars().all(|c| c.is_ascii_alphabetic());
        check.expect(subtag, "language", Problem::InvalidValue);
    }
    check.finish()?;
    let filters = Filters::new(query, me, now_unix());
    // One more than asked tells whether another page follows.
    let mut rows = select(db, &filters, after.flatten(), limit + 1).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = more
        .then(|| {
            let last = &rows.last()?.ticket;
            Some(format!("{}_{}", last.first_response_due, last.number))
        })
        .flatten();
    let tickets: anyhow::Result<Vec<Listed>> = rows.into_iter().map(Listed::try_from).collect();
    Ok(ListPage {
        tickets: tickets?,
        next,
    })
}

const LIST_SQL: &str = "SELECT t.number, t.request_hash, t.topic, t.subject, t.email, t.status, t.queue, \
    t.priority, t.first_response_due, t.triage_reasons, t.context, t.masked_card_numbers, t.triage_model, \
    t.needs_look, t.created_at, t.user_id, t.user_name, t.user_role, t.assignee_id, t.first_response_at, \
    t.updated_at, t.surface, t.audience, t.language, a.name AS assignee_name \
    FROM tickets t LEFT JOIN agents a ON a.id = t.assignee_id \
    WHERE ($1 IS NULL OR t.queue = $1) AND ($2 IS NULL OR t.status = $2) AND ($3 IS NULL OR t.priority = $3) \
    AND ($4 IS NULL OR t.assignee_id = $4) AND ($5 = FALSE OR t.assignee_id IS NULL) \
    AND ($6 IS NULL OR t.surface = $6) AND ($7 IS NULL OR t.audience = $7) AND ($8 IS NULL OR t.language = $8) \
    AND ($9 IS NULL OR (t.first_response_at IS NULL AND t.first_response_due >= $9)) \
    AND ($10 IS NULL OR (t.first_response_at IS NULL AND t.first_response_due < $10)) \
    AND (t.first_response_due > $11 OR (t.first_response_due = $11 AND t.number > $12)) \
    ORDER BY t.first_response_due, t.number LIMIT $13";

async fn select(
    db: &Db,
    filters: &Filters<'_>,
    after: Option<Cursor>,
    limit: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let query = filters.query;
    let after = after.unwrap_or(Cursor {
        due: String::new(),
        number: 0,
    });
    let language = query.language.as_deref().map(str::to_ascii_lowercase);
    with_pool!(db, pool => sqlx::query_as::<_, ListRow>(LIST_SQL)
        .bind(query.queue.map(Queue::as_str))
        .bind(query.status.map(TicketStatus::as_str))
        .bind(query.priority.map(Priority::as_str))
        .bind(filters.assignee_id)
        .bind(filters.unassigned)
        .bind(query.surface.map(Surface::as_str))
        .bind(query.audience.map(Role::as_str))
        .bind(language)
        .bind(filters.due_from.as_deref())
        .bind(filters.due_before.as_deref())
        .bind(&after.due)
        .bind(after.number)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// Every active agent, by name: whom a ticket can be assigned to.
pub async fn team(db: &Db) -> Result<Vec<Teammate>, AppError> {
    Ok(super::agent_store::team(db).await?)
}

/// Open tickets in one queue.
#[derive(Debug, Serialize, utoipa::ToSchema, sqlx::FromRow)]
pub struct QueueCount {
    pub queue: String,
    pub open: i64,
    /// Not answered and past the first-response target.
    pub overdue: i64,
}

/// `GET /v1/agent/inbox`: how many open tickets each view holds.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Counts {
    /// Every queue, in the order agents see them, with zeros.
    pub queues: Vec<QueueCount>,
    /// Open and assigned to the agent asking.
    pub mine: i64,
    pub unassigned: i64,
    pub overdue: i64,
    pub due_within_hour: i64,
}

/// The counts beside the inbox's views, for the agent `me`.
pub async fn counts(db: &Db, me: Option<i64>) -> Result<Counts, AppError> {
    let now = now_unix();
    let (now_stamp, hour) = (stamp(now), stamp(now + HOUR));
    let by_queue = "SELECT queue, COUNT(*) AS open, \
        SUM(CASE WHEN first_response_at IS NULL AND first_response_due < $1 THEN 1 ELSE 0 END) AS overdue \
        FROM tickets WHERE status = 'open' GROUP BY queue";
    let totals = "SELECT \
        COALESCE(SUM(CASE WHEN assignee_id = $1 THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN assignee_id IS NULL THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN first_response_at IS NULL AND first_response_due < $2 THEN 1 ELSE 0 END), 0), \
        COALESCE(SUM(CASE WHEN first_response_at IS NULL AND first_response_due >= $2 \
                          AND first_response_due < $3 THEN 1 ELSE 0 END), 0) \
        FROM tickets WHERE status = 'open'";
    let (counted, (mine, unassigned, overdue, due_within_hour)) = with_pool!(db, pool => {
        let counted = sqlx::query_as::<_, QueueCount>(by_queue).bind(&now_stamp).fetch_all(pool).await?;
        let totals = sqlx::query_as::<_, (i64, i64, i64, i64)>(totals)
            .bind(me.unwrap_or(-1)).bind(&now_stamp).bind(&hour).fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((counted, totals))
    })?;
    let queues = Queue::ALL
        .iter()
        .map(|queue| {
            let found = counted.iter().find(|count| count.queue == queue.as_str());
            QueueCount {
                queue: queue.as_str().to_owned(),
                open: found.map_or(0, |count| count.open),
                overdue: found.map_or(0, |count| count.overdue),
            }
        })
        .collect();
    Ok(Counts {
        queues,
        mine,
        unassigned,
        overdue,
        due_within_hour,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_a_page_writes() {
        let cursor = parse_cursor("2026-12-03T01:02:03.456Z_1042").unwrap();
        assert_eq!(
            cursor,
            Cursor {
                due: "2026-12-03T01:02:03.456Z".into(),
                number: 1042
            }
        );
        for bad in [
            "SP-1001",
            "1.1001",
            "2026-12-03T01:02:03.456Z_",
            "_1042",
            "x_y_1",
        ] {
            assert_eq!(parse_cursor(bad), None, "{bad}");
        }
    }
}
