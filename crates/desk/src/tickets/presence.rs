//! Who has a ticket open in a console, and who is typing a reply: the collision warning. Kept in the database so
//! that agents served by different replicas see each other; a console reports every few seconds, and a viewer
//! who stops reporting is gone after [`VIEWING_SECONDS`].

use super::inbox::Teammate;
use crate::db::Db;
use crate::with_pool;
use serde::{Deserialize, Serialize};

/// How long a console's last report keeps its agent among the viewers.
pub const VIEWING_SECONDS: i64 = 30;

/// `POST /v1/agent/tickets/{id}/presence`: the console has the ticket open.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct Here {
    /// Whether the agent is typing a reply.
    #[serde(default)]
    pub typing: bool,
}

/// The other agents with the ticket open.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Viewers {
    pub viewers: Vec<Viewer>,
}

/// Another agent with the ticket open.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Viewer {
    pub agent: Teammate,
    pub typing: bool,
}

#[derive(sqlx::FromRow)]
struct ViewerRow {
    id: i64,
    name: String,
    typing: bool,
}

/// Records that `agent_id` (none for the service token, which is no one to see) has ticket `number` open at
/// `now` (seconds), and answers with the other agents who do.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn here(
    db: &Db,
    number: i64,
    agent_id: Option<i64>,
    here: &Here,
    now: i64,
) -> Result<Viewers, sqlx::Error> {
    let upsert = "INSERT INTO ticket_viewers (ticket_number, agent_id, typing, seen_at) VALUES ($1, $2, $3, $4) \
                  ON CONFLICT (ticket_number, agent_id) DO UPDATE SET typing = excluded.typing, seen_at = excluded.seen_at";
    let others = "SELECT a.id, a.name, v.typing FROM ticket_viewers v JOIN agents a ON a.id = v.agent_id \
                  WHERE v.ticket_number = $1 AND v.agent_id <> $2 AND v.seen_at > $3 AND a.disabled_at IS NULL \
                  ORDER BY a.name, a.id";
    // Viewers long gone are forgotten here, by the consoles that report, not by the pollers that read.
    let forget = "DELETE FROM ticket_viewers WHERE seen_at <= $1";
    let rows = with_pool!(db, pool => {
        if let Some(agent_id) = agent_id {
            sqlx::query(forget).bind(now - 10 * VIEWING_SECONDS).execute(pool).await?;
            sqlx::query(upsert).bind(number).bind(agent_id).bind(here.typing).bind(now).execute(pool).await?;
        }
        sqlx::query_as::<_, ViewerRow>(others)
            .bind(number).bind(agent_id.unwrap_or(-1)).bind(now - VIEWING_SECONDS)
            .fetch_all(pool).await
    })?;
    let viewers = rows
        .into_iter()
        .map(|row| Viewer {
            agent: Teammate {
                id: row.id,
                name: row.name,
            },
            typing: row.typing,
        })
        .collect();
    Ok(Viewers { viewers })
}

/// The console of `agent_id` closed ticket `number`.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn gone(db: &Db, number: i64, agent_id: i64) -> Result<(), sqlx::Error> {
    let sql = "DELETE FROM ticket_viewers WHERE ticket_number = $1 AND agent_id = $2";
    with_pool!(db, pool => sqlx::query(sql).bind(number).bind(agent_id).execute(pool).await.map(drop))
}

/// Who views what now, as one string that changes whenever someone opens or leaves a ticket or starts or stops
/// typing.
#[tracing::instrument(level = "trace", skip(db))]
pub async fn fingerprint(db: &Db, now: i64) -> Result<String, sqlx::Error> {
    let current = "SELECT ticket_number, agent_id, typing FROM ticket_viewers WHERE seen_at > $1 \
                   ORDER BY ticket_number, agent_id";
    let rows = with_pool!(db, pool => sqlx::query_as::<_, (i64, i64, bool)>(current)
        .bind(now - VIEWING_SECONDS).fetch_all(pool).await)?;
    Ok(rows
        .iter()
        .map(|(ticket, agent, typing)| format!("{ticket}:{agent}:{}", u8::from(*typing)))
        .collect::<Vec<_>>()
        .join(","))
}
