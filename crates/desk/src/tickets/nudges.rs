//! Proactive nudges (issue 16): each incident update in the status page's news (`status_page::news`) is written
//! into the thread of every open ticket whose context names the incident, once, by the desk itself (author
//! `system`, shown as "Service status"). Such a message is no answer: it sets no first response and changes
//! neither the status nor the assignee. It moves the ticket's `updated_at`, so the thread streams and the
//! consoles' inbox hear of it like any message; the site's webhook does not (it hears what people write).
//!
//! Once only, across replicas and restarts: each replica's poster takes news under a lease, and each ticket gets
//! the update in one transaction with its row in `incident_nudges`, keyed by (ticket, incident, update). A second
//! poster (the lease ran out, or the process died before the news was marked done) finds the key taken and
//! posts nothing; a ticket solved meanwhile gets nothing.

use crate::clock::{now_millis, now_stamp};
use crate::db::{BeginWrite, Db};
use crate::status_page::news::{self, News};
use crate::with_pool;
use signpost_core::tickets::MESSAGE_MAX_CHARS;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How often a poster looks for news written by other replicas.
const IDLE: Duration = Duration::from_secs(2);
/// Tickets read at once; the lease is renewed after each batch.
const BATCH: i64 = 200;

/// Posts incident news to tickets for as long as the desk runs; `wake` rings when this process wrote some.
pub async fn post_forever(db: Db, wake: Arc<Notify>) {
    loop {
        match news::claim(&db, now_millis()).await {
            Ok(Some(news)) => match post(&db, &news).await {
                Ok(told) => {
                    tracing::info!(incident = %news.incident_id, update = %news.update_id, told, "incident update posted to its tickets");
                }
                // The lease runs out and a poster (this one or another replica's) takes it again.
                Err(err) => {
                    tracing::warn!(incident = %news.incident_id, update = %news.update_id, error = %err, "cannot post an incident update to its tickets; retrying");
                    tokio::time::sleep(IDLE).await;
                }
            },
            Ok(None) => {
                tokio::select! {
                    () = tokio::time::sleep(IDLE) => {},
                    () = wake.notified() => {},
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, "incident news unreadable");
                tokio::time::sleep(IDLE).await;
            }
        }
    }
}

/// Posts `news` to every open ticket that names its incident and was filed before the update was posted (a later
/// one was filed knowing it), then marks it done. How many tickets got it from this call.
pub async fn post(db: &Db, news: &News) -> Result<u64, sqlx::Error> {
    let body = body(news);
    let (mut after, mut told) = (0_i64, 0_u64);
    loop {
        let tickets = told_of(db, news, after).await?;
        for &number in &tickets {
            told += u64::from(tell(db, number, news, &body, &now_stamp()).await?);
        }
        match tickets.last() {
            Some(&last) if tickets.len() as i64 == BATCH => after = last,
            _ => break,
        }
        news::extend(db, news.id, now_millis()).await?;
    }
    news::done(db, news.id, &now_stamp()).await?;
    Ok(told)
}

/// Up to [`BATCH`] open tickets numbered after `after` that are to be told of `news`.
async fn told_of(db: &Db, news: &News, after: i64) -> Result<Vec<i64>, sqlx::Error> {
    let sql = "SELECT t.number FROM ticket_incidents i JOIN tickets t ON t.number = i.ticket_number \
               WHERE i.incident_id = $1 AND t.status <> 'solved' AND t.created_at < $2 AND t.number > $3 \
               ORDER BY t.number LIMIT $4";
    with_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(&news.incident_id)
        .bind(&news.posted_at)
        .bind(after)
        .bind(BATCH)
        .fetch_all(pool)
        .await)
}

/// Writes `body` into ticket `number`'s thread as the desk's, with the record that it was told of `news`, in one
/// transaction; false (nothing written) when it already was, or is solved by now.
async fn tell(
    db: &Db,
    number: i64,
    news: &News,
    body: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        // First, so the ticket's row is held until commit: an agent solving it meanwhile goes first or after.
        let open = sqlx::query("UPDATE tickets SET updated_at = $2 WHERE number = $1 AND status <> 'solved'")
            .bind(number)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected() == 1;
        if !open {
            tx.rollback().await?;
            return Ok(false);
        }
        let message: i64 = sqlx::query_scalar(
            "INSERT INTO ticket_messages (ticket_number, author, body, created_at) VALUES ($1, 'system', $2, $3) \
             RETURNING id",
        )
        .bind(number)
        .bind(body)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let recorded = sqlx::query(
            "INSERT INTO incident_nudges (ticket_number, incident_id, update_id, message_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (ticket_number, incident_id, update_id) DO NOTHING",
        )
        .bind(number)
        .bind(&news.incident_id)
        .bind(&news.update_id)
        .bind(message)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected() == 1;
        if recorded {
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(recorded)
    })
}

/// The message: the incident's name and status on the first line, the update's text below (plain text, cut to
/// the length of a message).
pub fn body(news: &News) -> String {
    let head = format!(
        "{} — {}",
        news.incident_name.trim(),
        status_words(&news.status)
    );
    let text = news.body.trim();
    let whole = if text.is_empty() {
        head
    } else {
        format!("{head}\n{text}")
    };
    if whole.chars().count() <= MESSAGE_MAX_CHARS {
        return whole;
    }
    let mut cut: String = whole.chars().take(MESSAGE_MAX_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// A feed status as a word: `in_progress` reads "In progress"; one this desk does not know, as it came.
fn status_words(status: &str) -> String {
    let known = match status {
        "investigating" => "Investigating",
        "identified" => "Identified",
        "monitoring" => "Monitoring",
        "resolved" => "Resolved",
        "postmortem" => "Postmortem",
        "scheduled" => "Scheduled",
        "in_progress" => "In progress",
        "verifying" => "Verifying",
        "completed" => "Completed",
        "" => "Update",
        other => return other.replace('_', " "),
    };
    known.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn news(status: &str, body: &str) -> News {
        News {
            id: 1,
            incident_id: "inc_1".into(),
            update_id: "upd_1".into(),
            incident_name: " Card payments failing ".into(),
            status: status.into(),
            body: body.into(),
            posted_at: "2026-03-06T18:00:00.000Z".into(),
        }
    }

    #[test]
    fn the_message_names_the_incident_its_status_and_the_update() {
        assert_eq!(
            body(&news(
                "identified",
                " A card processor is timing out.\nFix underway. "
            )),
            "Card payments failing — Identified\nA card processor is timing out.\nFix underway."
        );
        assert_eq!(
            body(&news("in_progress", "")),
            "Card payments failing — In progress"
        );
        assert_eq!(
            body(&news("degraded_a_bit", "x")),
            "Card payments failing — degraded a bit\nx"
        );
        assert_eq!(body(&news("", "x")), "Card payments failing — Update\nx");
    }

    #[test]
    fn a_long_update_is_cut_to_a_message() {
        let long = body(&news("resolved", &"é".repeat(2 * MESSAGE_MAX_CHARS)));
        assert_eq!(long.chars().count(), MESSAGE_MAX_CHARS);
        assert!(long.ends_with('…'));
    }
}
