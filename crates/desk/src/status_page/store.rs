//! The status page's storage: components, incidents, maintenance and their updates. Every write bumps the
//! revision in the same transaction, which is how other desk processes learn that something changed.

use super::news;
use crate::db::{BeginWrite, Db};
use crate::with_pool;

/// One stored component.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ComponentRow {
    pub id: String,
    pub name: String,
    pub position: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// One stored incident or maintenance.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct IncidentRow {
    pub id: String,
    /// `incident` or `maintenance`.
    pub kind: String,
    pub name: String,
    pub status: String,
    pub impact: String,
    pub created_at: String,
    pub updated_at: String,
    pub resolved_at: Option<String>,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
}

/// One stored update of an incident.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct UpdateRow {
    pub id: String,
    pub incident_id: String,
    pub status: String,
    pub body: String,
    pub created_at: String,
}

/// Everything on the status page, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusRows {
    pub revision: i64,
    pub components: Vec<ComponentRow>,
    pub incidents: Vec<IncidentRow>,
    /// `(incident id, component id)`.
    pub links: Vec<(String, String)>,
    pub updates: Vec<UpdateRow>,
}

/// A new incident or maintenance, as the agent API receives it (already validated).
#[derive(Clone, Debug)]
pub struct NewIncident<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub status: &'a str,
    pub impact: &'a str,
    pub components: &'a [String],
    pub message: &'a str,
    pub scheduled_for: Option<&'a str>,
    pub scheduled_until: Option<&'a str>,
}

/// A change to an existing incident.
#[derive(Clone, Debug)]
pub struct NewUpdate<'a> {
    pub status: &'a str,
    pub message: &'a str,
    /// A new impact, when the incident got better or worse.
    pub impact: Option<&'a str>,
}

/// Reads the whole status page in one transaction, so it is consistent.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn load(db: &Db) -> Result<StatusRows, sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        let revision: i64 = sqlx::query_scalar("SELECT revision FROM status_revision WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let components = sqlx::query_as::<_, ComponentRow>(
            "SELECT id, name, position, created_at, updated_at FROM status_components ORDER BY position, name",
        )
        .fetch_all(&mut *tx)
        .await?;
        let incidents = sqlx::query_as::<_, IncidentRow>(
            "SELECT id, kind, name, status, impact, created_at, updated_at, resolved_at, scheduled_for, \
             scheduled_until FROM status_incidents ORDER BY created_at DESC, id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let links = sqlx::query_as::<_, (String, String)>(
            "SELECT incident_id, component_id FROM status_incident_components ORDER BY incident_id, component_id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let updates = sqlx::query_as::<_, UpdateRow>(
            "SELECT id, incident_id, status, body, created_at FROM status_updates ORDER BY created_at DESC, id",
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(StatusRows { revision, components, incidents, links, updates })
    })
}

/// The revision counter alone: cheap to poll.
#[tracing::instrument(level = "trace", skip(db))]
pub async fn revision(db: &Db) -> Result<i64, sqlx::Error> {
    with_pool!(db, pool => sqlx::query_scalar("SELECT revision FROM status_revision WHERE id = 1")
        .fetch_one(pool)
        .await)
}

/// Makes sure the named components exist (created in the order given, after existing ones).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ensure_components(db: &Db, names: &[String], now: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        for name in names {
            sqlx::query(
                "INSERT INTO status_components (id, name, position, created_at, updated_at) \
                 SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3, $3 FROM status_components WHERE TRUE \
                 ON CONFLICT (name) DO NOTHING",
            )
            .bind(new_id("cmp"))
            .bind(name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        bump(&mut tx).await?;
        tx.commit().await
    })
}

/// Stores a new incident or maintenance with its first update; returns its id.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn open(db: &Db, incident: &NewIncident<'_>, now: &str) -> Result<String, sqlx::Error> {
    ensure_components(db, incident.components, now).await?;
    let id = new_id(if incident.kind == "maintenance" {
        "mnt"
    } else {
        "inc"
    });
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        sqlx::query(
            "INSERT INTO status_incidents (id, kind, name, status, impact, created_at, updated_at, \
             scheduled_for, scheduled_until) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8)",
        )
        .bind(&id)
        .bind(incident.kind)
        .bind(incident.name)
        .bind(incident.status)
        .bind(incident.impact)
        .bind(now)
        .bind(incident.scheduled_for)
        .bind(incident.scheduled_until)
        .execute(&mut *tx)
        .await?;
        for name in incident.components {
            sqlx::query(
                "INSERT INTO status_incident_components (incident_id, component_id) \
                 SELECT $1, id FROM status_components WHERE name = $2",
            )
            .bind(&id)
            .bind(name)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("INSERT INTO status_updates (id, incident_id, status, body, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(new_id("upd"))
            .bind(&id)
            .bind(incident.status)
            .bind(incident.message)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        bump(&mut tx).await?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Adds an update; `resolved_at` is set when the status is final. In the same transaction the update becomes news
/// for the tickets that name the incident ([`news`]). `Ok(false)` when there is no such incident.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn update(
    db: &Db,
    id: &str,
    change: &NewUpdate<'_>,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let finished = matches!(change.status, "resolved" | "postmortem" | "completed");
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        let updated = sqlx::query(
            "UPDATE status_incidents SET status = $2, impact = COALESCE($3, impact), updated_at = $4, \
             resolved_at = CASE WHEN $5 THEN COALESCE(resolved_at, $4) ELSE NULL END WHERE id = $1",
        )
        .bind(id)
        .bind(change.status)
        .bind(change.impact)
        .bind(now)
        .bind(finished)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            return Ok(false);
        }
        let update_id = new_id("upd");
        sqlx::query("INSERT INTO status_updates (id, incident_id, status, body, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&update_id)
            .bind(id)
            .bind(change.status)
            .bind(change.message)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        news::record_posted(&mut tx, id, &update_id, now).await?;
        bump(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    })
}

async fn bump<'c, DB>(tx: &mut sqlx::Transaction<'c, DB>) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'e> &'e mut <DB as sqlx::Database>::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
{
    sqlx::query("UPDATE status_revision SET revision = revision + 1 WHERE id = 1")
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// A unique id with a readable prefix, e.g. `inc_4f1c9a0b2d7e`.
fn new_id(prefix: &str) -> String {
    let uuid = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}_{}", &uuid[..16])
}
