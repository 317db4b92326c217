//! Storage of what only agents see and do: the thread with internal notes and who wrote each message, the
//! user's other tickets, assignment, and the team. Written once for both backends (see `crate::db`).

use super::TicketRow;
use super::inbox::Teammate;
use crate::db::{BeginWrite, Db};
use crate::with_pool;

/// A stored message with what agents see of it.
#[derive(Debug, sqlx::FromRow)]
pub struct AgentMessageRow {
    pub author: String,
    pub body: String,
    pub created_at: String,
    pub internal: bool,
    pub agent_id: Option<i64>,
    pub agent_name: Option<String>,
}

/// Every message of ticket `number`, internal notes included, oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn messages(db: &Db, number: i64) -> Result<Vec<AgentMessageRow>, sqlx::Error> {
    let sql = "SELECT m.author, m.body, m.created_at, m.internal, m.agent_id, a.name AS agent_name \
               FROM ticket_messages m LEFT JOIN agents a ON a.id = m.agent_id \
               WHERE m.ticket_number = $1 ORDER BY m.id";
    with_pool!(db, pool => sqlx::query_as::<_, AgentMessageRow>(sql).bind(number).fetch_all(pool).await)
}

/// Another ticket of the same user, as listed beside one.
#[derive(Debug, sqlx::FromRow)]
pub struct OtherTicket {
    pub number: i64,
    pub subject: String,
    pub status: String,
    pub created_at: String,
}

/// Up to `limit` other tickets of the user who filed `row`, newest first: by verified id when it has one, else
/// by email address; none for a ticket with neither.
#[tracing::instrument(level = "debug", skip_all, fields(number = row.number))]
pub async fn same_user(
    db: &Db,
    row: &TicketRow,
    limit: i64,
) -> Result<Vec<OtherTicket>, sqlx::Error> {
    let (sql, key) = match (&row.user_id, &row.email) {
        (Some(user_id), _) => ("user_id", user_id),
        (None, Some(email)) => ("email", email),
        (None, None) => return Ok(vec![]),
    };
    let sql = format!(
        "SELECT number, subject, status, created_at FROM tickets \
         WHERE {sql} = $1 AND number <> $2 ORDER BY number DESC LIMIT $3"
    );
    with_pool!(db, pool => sqlx::query_as::<_, OtherTicket>(&sql)
        .bind(key).bind(row.number).bind(limit).fetch_all(pool).await)
}

/// The active agent `id`, if there is one.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn teammate(db: &Db, id: i64) -> Result<Option<Teammate>, sqlx::Error> {
    let sql = "SELECT id, name FROM agents WHERE id = $1 AND disabled_at IS NULL";
    with_pool!(db, pool => sqlx::query_as::<_, Teammate>(sql).bind(id).fetch_optional(pool).await)
}

/// Every active agent, by name.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn team(db: &Db) -> Result<Vec<Teammate>, sqlx::Error> {
    let sql = "SELECT id, name FROM agents WHERE disabled_at IS NULL ORDER BY name, id";
    with_pool!(db, pool => sqlx::query_as::<_, Teammate>(sql).fetch_all(pool).await)
}

/// Stores an internal note; the ticket counts as changed (so open consoles see it) but keeps its status.
#[tracing::instrument(level = "debug", skip(db, body))]
pub async fn add_note(
    db: &Db,
    number: i64,
    agent_id: Option<i64>,
    body: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO ticket_messages (ticket_number, author, agent_id, body, created_at, internal) \
             VALUES ($1, 'agent', $2, $3, $4, TRUE)",
        )
        .bind(number)
        .bind(agent_id)
        .bind(body)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE tickets SET updated_at = $2 WHERE number = $1")
            .bind(number)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })
}

/// Gives ticket `number` to agent `agent_id`, or to no one.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_assignee(
    db: &Db,
    number: i64,
    agent_id: Option<i64>,
    now: &str,
) -> Result<(), sqlx::Error> {
    let sql = "UPDATE tickets SET assignee_id = $2, updated_at = $3 WHERE number = $1";
    with_pool!(db, pool => sqlx::query(sql).bind(number).bind(agent_id).bind(now).execute(pool).await.map(drop))
}
