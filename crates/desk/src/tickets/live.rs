//! The consoles' live inbox: one poller per process asks the database once a second, while any console listens,
//! whether any ticket or anyone's presence changed, and tells every listening console. Any replica's write lands
//! in the shared database, so every replica's consoles hear of it.

use super::presence;
use crate::clock::{now_unix, stamp};
use crate::db::Db;
use crate::with_pool;
use std::time::Duration;
use tokio::sync::watch;

/// How often the poller asks, while a console listens.
const POLL: Duration = Duration::from_secs(1);
/// Changes are looked for among tickets updated this recently, so that a replica whose clock runs behind the
/// others' still has its writes noticed.
const CLOCK_SKEW_SECONDS: i64 = 300;

/// Tells the listening consoles when the inbox changed.
#[derive(Clone, Debug)]
pub struct InboxWatcher {
    version: watch::Sender<String>,
}

impl InboxWatcher {
    /// Starts the poller on `db`.
    pub fn start(db: Db) -> InboxWatcher {
        let watcher = InboxWatcher {
            version: watch::channel(String::new()).0,
        };
        tokio::spawn(watcher.clone().poll(db));
        watcher
    }

    /// A receiver that changes with the inbox.
    pub fn listen(&self) -> watch::Receiver<String> {
        self.version.subscribe()
    }

    async fn poll(self, db: Db) {
        let mut failing = false;
        loop {
            tokio::time::sleep(POLL).await;
            if self.version.receiver_count() == 0 {
                continue;
            }
            match fingerprint(&db).await {
                Ok(now) => {
                    if failing {
                        tracing::info!("console streams: the database answers again");
                        failing = false;
                    }
                    self.version.send_if_modified(|version| {
                        let changed = *version != now;
                        *version = now;
                        changed
                    });
                }
                Err(err) if !failing => {
                    tracing::warn!(error = %err, "console streams: cannot read the database; retrying");
                    failing = true;
                }
                Err(_) => {}
            }
        }
    }
}

/// A string that changes whenever a ticket is filed or changed, or an agent opens, leaves or types in one.
async fn fingerprint(db: &Db) -> Result<String, sqlx::Error> {
    let now = now_unix();
    let recent = "SELECT number, updated_at FROM tickets WHERE updated_at > $1 ORDER BY number";
    let newest = "SELECT COALESCE(MAX(updated_at), '') FROM tickets";
    let (recent, newest) = with_pool!(db, pool => {
        let recent = sqlx::query_as::<_, (i64, String)>(recent)
            .bind(stamp(now - CLOCK_SKEW_SECONDS)).fetch_all(pool).await?;
        let newest: String = sqlx::query_scalar(newest).fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((recent, newest))
    })?;
    let tickets: Vec<String> = recent
        .iter()
        .map(|(number, updated)| format!("{number}@{updated}"))
        .collect();
    let viewers = presence::fingerprint(db, now).await?;
    let text = format!("{newest}|{}|{viewers}", tickets.join(","));
    Ok(crate::digest::sha256_hex(text.as_bytes()))
}
