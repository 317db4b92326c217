//! Ticket threads followed over event streams, served by one poller per process: however many streams follow
//! however many tickets, the process asks the database twice a second when the followed tickets last changed
//! (one query per 500 tickets), and loads a thread only when it changed, once for all its streams. Any
//! replica's write moves `updated_at` in the shared database, so every replica's streams see it.

use crate::db::Db;
use futures_util::StreamExt as _;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// How often the poller asks the database.
const POLL: Duration = Duration::from_millis(500);
/// Tickets per query (placeholders are limited on both backends).
const CHUNK: usize = 500;
/// Threads loaded at once after a change (a reply to many tickets at once).
const LOADS_AT_ONCE: usize = 8;

/// The threads this process's streams follow, and the poller that keeps them current.
#[derive(Clone, Debug)]
pub struct ThreadWatcher {
    watched: Arc<Mutex<HashMap<i64, Watched>>>,
    /// Wakes the poller when a ticket is followed for the first time, so its first event comes at once.
    wake: Arc<Notify>,
}

#[derive(Debug)]
struct Watched {
    /// `updated_at` of the thread last loaded; `None` until it is.
    version: Option<String>,
    /// The thread as JSON, for every stream that follows it.
    thread: watch::Sender<Option<Arc<str>>>,
    followers: usize,
}

impl ThreadWatcher {
    /// Starts the poller on `db`.
    pub fn start(db: Db) -> ThreadWatcher {
        let watcher = ThreadWatcher {
            watched: Arc::default(),
            wake: Arc::default(),
        };
        tokio::spawn(watcher.clone().poll(db));
        watcher
    }

    /// Follows ticket `number`: its thread now (as soon as it is loaded), then after each change.
    pub fn follow(&self, number: i64) -> Following {
        let mut watched = self.lock();
        let entry = watched.entry(number).or_insert_with(|| {
            self.wake.notify_one();
            Watched {
                version: None,
                thread: watch::channel(None).0,
                followers: 0,
            }
        });
        entry.followers += 1;
        let mut thread = entry.thread.subscribe();
        // A thread already loaded for another stream is this one's first event too.
        thread.mark_changed();
        Following {
            number,
            thread,
            watcher: self.clone(),
        }
    }

    /// Tickets followed now.
    pub fn followed(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, Watched>> {
        self.watched.lock().unwrap_or_else(|p| p.into_inner())
    }

    async fn poll(self, db: Db) {
        let mut failing = false;
        loop {
            tokio::select! {
                () = tokio::time::sleep(POLL) => {},
                () = self.wake.notified() => {},
            }
            match self.refresh(&db).await {
                Ok(()) if failing => {
                    tracing::info!("ticket streams: the database answers again");
                    failing = false;
                }
                Ok(()) => {}
                Err(err) if !failing => {
                    tracing::warn!(error = %err, "ticket streams: cannot read the database; retrying");
                    failing = true;
                }
                Err(_) => {}
            }
        }
    }

    /// Loads every followed thread that changed since it was last loaded, and hands it to its streams.
    async fn refresh(&self, db: &Db) -> Result<(), crate::error::AppError> {
        let followed: Vec<(i64, Option<String>)> = self
            .lock()
            .iter()
            .map(|(number, watched)| (*number, watched.version.clone()))
            .collect();
        let mut changed = Vec::new();
        for chunk in followed.chunks(CHUNK) {
            let numbers: Vec<i64> = chunk.iter().map(|(number, _)| *number).collect();
            let known: HashMap<i64, Option<String>> = chunk.iter().cloned().collect();
            for (number, version) in super::store::updated_at(db, &numbers).await? {
                if known.get(&number) != Some(&Some(version.clone())) {
                    changed.push((number, version));
                }
            }
        }
        let mut loads = futures_util::stream::iter(changed)
            .map(|(number, version)| async move {
                let thread = super::current_thread(db, number).await;
                (number, version, thread)
            })
            .buffer_unordered(LOADS_AT_ONCE);
        while let Some((number, version, thread)) = loads.next().await {
            let json: Arc<str> = serde_json::to_string(&thread?)
                .map_err(anyhow::Error::from)?
                .into();
            let mut watched = self.lock();
            if let Some(entry) = watched.get_mut(&number) {
                entry.version = Some(version);
                // Sent only when the thread reads differently: a change that shows nothing new sends nothing.
                entry.thread.send_if_modified(|current| {
                    let modified = current.as_deref() != Some(&*json);
                    if modified {
                        *current = Some(json);
                    }
                    modified
                });
            }
        }
        Ok(())
    }
}

/// One stream's hold on a followed thread; dropping it stops following (the last one forgets the ticket).
#[derive(Debug)]
pub struct Following {
    number: i64,
    thread: watch::Receiver<Option<Arc<str>>>,
    watcher: ThreadWatcher,
}

impl Following {
    /// The thread as JSON: at once if it is loaded and not yet seen by this stream, else at its next change.
    pub async fn next(&mut self) -> Option<Arc<str>> {
        loop {
            self.thread.changed().await.ok()?;
            if let Some(thread) = self.thread.borrow_and_update().clone() {
                return Some(thread);
            }
        }
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        let mut watched = self.watcher.lock();
        if let Some(entry) = watched.get_mut(&self.number) {
            entry.followers -= 1;
            if entry.followers == 0 {
                watched.remove(&self.number);
            }
        }
    }
}
