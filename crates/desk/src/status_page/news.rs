//! Incident news: the updates on incidents that open tickets are told of (issue 16), kept in `incident_news` as a
//! transactional outbox. The desk's own page writes each update there in the transaction that posts it
//! ([`record_posted`]); a mirror writes the updates it reads in the upstream's summary, and a resolution when an
//! incident it knew leaves the summary ([`record_mirrored`]): every replica of a mirror does so, and the unique
//! `(incident_id, update_id)` makes all but the first write no-ops. Any replica then takes news under a lease
//! ([`claim`]) and posts it to the tickets (`tickets::nudges`), which keep their own once-only key.

use crate::clock::{stamp, stamp_millis};
use crate::db::Db;
use crate::with_pool;
use signpost_core::feed::{Incident, IncidentUpdate, Summary};

/// How long a replica holds news it is posting before another may take it over.
const LEASE_MILLIS: i64 = 60_000;
/// The source of the desk's own status page's news.
const OWN_PAGE: &str = "page";
/// The update id of a mirrored incident's resolution, seen only as the incident leaving the summary (Statuspage
/// lists unresolved incidents alone there). One per incident: the same on every replica.
const LEFT_THE_SUMMARY: &str = "(resolved)";
/// What a resolution the upstream did not word says (the desk's own resolve says the same).
pub const RESOLVED_TEXT: &str = "This incident has been resolved.";
/// Statuses that end an incident (or a maintenance).
const FINAL: &str = "('resolved', 'postmortem', 'completed')";

/// One incident update to tell the tickets that name the incident.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct News {
    pub id: i64,
    pub incident_id: String,
    pub update_id: String,
    pub incident_name: String,
    /// The incident's status as of the update, e.g. `identified` (the feed's word).
    pub status: String,
    /// The update's text, as posted.
    pub body: String,
    /// When the update was posted: a ticket filed later was filed knowing it.
    pub posted_at: String,
}

/// News to write, before it has an id.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fresh {
    incident_id: String,
    update_id: String,
    incident_name: String,
    status: String,
    body: String,
    posted_at: String,
}

/// Writes the update `update_id` just posted on the desk's own incident `incident_id` as news, inside `tx`, the
/// transaction that posts it. Maintenance updates are not news.
pub async fn record_posted<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    incident_id: &str,
    update_id: &str,
    now: &str,
) -> Result<(), sqlx::Error>
where
    DB: sqlx::Database,
    for<'e> &'e mut DB::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> DB::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query(
        "INSERT INTO incident_news (source, incident_id, update_id, incident_name, status, body, posted_at, \
         created_at) SELECT $1, i.id, u.id, i.name, u.status, u.body, u.created_at, $4 \
         FROM status_incidents i JOIN status_updates u ON u.incident_id = i.id \
         WHERE i.id = $2 AND u.id = $3 AND i.kind = 'incident'",
    )
    .bind(OWN_PAGE.to_owned())
    .bind(incident_id.to_owned())
    .bind(update_id.to_owned())
    .bind(now.to_owned())
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// Writes what a mirror's `summary` (read from `source`, the upstream's redacted URL) holds as news: every update
/// of its incidents, and a resolution for each incident `source` had news of, none of it final, that the summary
/// no longer lists. How many were new (0 when another replica wrote them first).
#[tracing::instrument(level = "debug", skip(db, summary))]
pub async fn record_mirrored(
    db: &Db,
    source: &str,
    summary: &Summary,
    now: &str,
) -> Result<u64, sqlx::Error> {
    let mut fresh = mirrored(summary, now);
    let listed: Vec<&str> = summary.incidents.iter().map(|i| i.id.as_str()).collect();
    for (incident_id, incident_name) in open_known(db, source).await? {
        if !listed.contains(&incident_id.as_str()) {
            fresh.push(Fresh {
                incident_id,
                update_id: LEFT_THE_SUMMARY.to_owned(),
                incident_name,
                status: "resolved".to_owned(),
                body: RESOLVED_TEXT.to_owned(),
                posted_at: now.to_owned(),
            });
        }
    }
    let sql = "INSERT INTO incident_news (source, incident_id, update_id, incident_name, status, body, \
               posted_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
               ON CONFLICT (incident_id, update_id) DO NOTHING";
    let mut written = 0;
    with_pool!(db, pool => {
        for news in &fresh {
            written += sqlx::query(sql)
                .bind(source)
                .bind(&news.incident_id)
                .bind(&news.update_id)
                .bind(&news.incident_name)
                .bind(&news.status)
                .bind(&news.body)
                .bind(&news.posted_at)
                .bind(now)
                .execute(pool)
                .await?
                .rows_affected();
        }
    });
    Ok(written)
}

/// The incidents `source` has news of and no final news, with their names.
async fn open_known(db: &Db, source: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = format!(
        "SELECT incident_id, MAX(incident_name) FROM incident_news WHERE source = $1 GROUP BY incident_id \
         HAVING SUM(CASE WHEN status IN {FINAL} THEN 1 ELSE 0 END) = 0"
    );
    with_pool!(db, pool => sqlx::query_as(&sql).bind(source).fetch_all(pool).await)
}

/// Every update of the incidents (not maintenance) `summary` lists, oldest first; `now` stands in for an update's
/// unreadable time.
fn mirrored(summary: &Summary, now: &str) -> Vec<Fresh> {
    let mut fresh: Vec<Fresh> = summary
        .incidents
        .iter()
        .filter(|incident| !incident.is_maintenance() && !incident.id.is_empty())
        .flat_map(|incident| {
            incident
                .incident_updates
                .iter()
                .map(move |update| from_feed(incident, update, now))
        })
        .collect();
    fresh.sort_by(|a, b| a.posted_at.cmp(&b.posted_at));
    fresh
}

/// One update of a mirrored incident as news.
fn from_feed(incident: &Incident, update: &IncidentUpdate, now: &str) -> Fresh {
    let status = match update.status.as_str() {
        "" => incident.status.as_str(),
        status => status,
    };
    // The time it was posted, not the one shown (which may be backdated).
    let posted_at = [&update.created_at, &update.display_at]
        .into_iter()
        .find_map(|time| time.as_ref()?.unix_seconds())
        .map_or_else(|| now.to_owned(), stamp);
    // Statuspage gives every update an id; a feed that does not is keyed by what the update says.
    let update_id = if update.id.is_empty() {
        let created = update.created_at.as_ref().map_or("", |time| time.as_str());
        let said = format!("{status}\0{created}\0{}", update.body);
        format!(
            "sha256:{}",
            &crate::digest::sha256_hex(said.as_bytes())[..16]
        )
    } else {
        update.id.clone()
    };
    Fresh {
        incident_id: incident.id.clone(),
        update_id,
        incident_name: incident.name.clone(),
        status: status.to_owned(),
        body: update.body.trim().to_owned(),
        posted_at,
    }
}

/// Takes the oldest news not yet posted at `now_millis` under a lease, so no other replica posts it meanwhile; an
/// expired lease (its holder died) frees it again. The lease is checked again on the row itself, so two replicas
/// racing for one row never both get it. An incident's news waits until its earlier news is posted: two replicas
/// posting "Monitoring" and "Resolved" at once could otherwise leave them in a thread in the wrong order.
#[tracing::instrument(level = "trace", skip(db))]
pub async fn claim(db: &Db, now_millis: i64) -> Result<Option<News>, sqlx::Error> {
    let now = stamp_millis(now_millis);
    let lease = stamp_millis(now_millis + LEASE_MILLIS);
    let free = "done_at IS NULL AND (lease_until IS NULL OR lease_until < $1)";
    let next = "NOT EXISTS (SELECT 1 FROM incident_news earlier WHERE earlier.incident_id = news.incident_id \
                AND earlier.id < news.id AND earlier.done_at IS NULL)";
    let sql = format!(
        "UPDATE incident_news SET lease_until = $2 WHERE id = (SELECT id FROM incident_news news \
         WHERE {free} AND {next} ORDER BY id LIMIT 1) AND {free} \
         RETURNING id, incident_id, update_id, incident_name, status, body, posted_at"
    );
    with_pool!(db, pool => sqlx::query_as::<_, News>(&sql).bind(&now).bind(&lease).fetch_optional(pool).await)
}

/// Holds news `id` for another lease from `now_millis` (between batches of a long post).
pub async fn extend(db: &Db, id: i64, now_millis: i64) -> Result<(), sqlx::Error> {
    let sql = "UPDATE incident_news SET lease_until = $2 WHERE id = $1";
    let lease = stamp_millis(now_millis + LEASE_MILLIS);
    with_pool!(db, pool => sqlx::query(sql).bind(id).bind(&lease).execute(pool).await.map(drop))
}

/// Records that every ticket has news `id`.
pub async fn done(db: &Db, id: i64, now: &str) -> Result<(), sqlx::Error> {
    let sql = "UPDATE incident_news SET done_at = $2, lease_until = NULL WHERE id = $1";
    with_pool!(db, pool => sqlx::query(sql).bind(id).bind(now).execute(pool).await.map(drop))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-03-06T18:00:00.000Z";

    #[test]
    fn a_summary_s_incident_updates_are_news_oldest_first() {
        let summary = Summary::parse(
            r#"{"page":{"id":"p","name":"P"},"status":{"indicator":"major"},"components":[],
            "incidents":[{"id":"x1","name":"Card payments failing","status":"identified","impact":"major",
              "incident_updates":[
                {"id":"u2","status":"identified","body":" Fix underway. ","created_at":"2026-03-06T17:40:00Z",
                 "display_at":"2026-03-06T17:00:00Z"},
                {"id":"u1","status":"investigating","body":"Looking.","created_at":"2026-03-06T17:20:00Z"},
                {"status":"","body":"No id, no time."}]},
              {"id":"m1","name":"Upgrade","status":"in_progress","impact":"maintenance",
               "incident_updates":[{"id":"mu","status":"in_progress","body":"Started."}]}],
            "scheduled_maintenances":[]}"#,
        )
        .unwrap();
        let news = mirrored(&summary, NOW);
        let said: Vec<(&str, &str, &str, &str)> = news
            .iter()
            .map(|n| {
                (
                    n.update_id.as_str(),
                    n.status.as_str(),
                    n.body.as_str(),
                    n.posted_at.as_str(),
                )
            })
            .collect();
        assert_eq!(
            said[0],
            (
                "u1",
                "investigating",
                "Looking.",
                "2026-03-06T17:20:00.000Z"
            )
        );
        // Posted at 17:40, whatever time it shows.
        assert_eq!(
            said[1],
            (
                "u2",
                "identified",
                "Fix underway.",
                "2026-03-06T17:40:00.000Z"
            )
        );
        // No id: keyed by what it says, the same on every replica; no status: the incident's.
        assert!(said[2].0.starts_with("sha256:"), "{:?}", said[2]);
        assert_eq!((said[2].1, said[2].3), ("identified", NOW));
        assert_eq!(mirrored(&summary, NOW)[2].update_id, said[2].0);
        assert_eq!(news.len(), 3, "maintenance is not news");
        assert!(
            news.iter()
                .all(|n| n.incident_name == "Card payments failing")
        );
    }
}
