//! Rate limits, in fixed windows (so many per clock hour, per minute).
//!
//! What is written (tickets, replies, votes) and wrong agent tokens are counted in the database, in
//! `rate_counts`, so every replica applies the same limit: a request adds one to its key with an upsert in the
//! transaction of the write it guards ([`count_in`]), and the database hands concurrent requests distinct
//! counts, so a burst can never slip more than the limit through. Refused requests are rolled back and do not
//! count. Searches are counted in the process ([`LocalLimit`]): the limit protects this process's own CPU, and a
//! search writes nothing another replica would see.

use crate::address::AddressKey;
use crate::clock::now_unix;
use crate::db::{BeginWrite, Db};
use crate::with_pool;
use std::collections::HashMap;
use std::sync::Mutex;

/// At most `max` events per key in each window of `window_seconds`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub max: i64,
    pub window_seconds: i64,
}

impl RateLimit {
    pub const fn per_hour(max: i64) -> RateLimit {
        RateLimit {
            max,
            window_seconds: 3_600,
        }
    }

    /// The window `now` falls in: its start, and the seconds until it ends (at least 1).
    fn window(&self, now: i64) -> (i64, u64) {
        let start = now - now.rem_euclid(self.window_seconds);
        (start, (start + self.window_seconds - now).max(1) as u64)
    }
}

/// A request refused by a limit: try again in this many seconds (when its window ends).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limited {
    pub retry_after_seconds: u64,
}

/// One limited thing for one subject: `tickets/address/192.0.2.1`.
pub fn key(what: &str, subject: impl std::fmt::Display) -> String {
    format!("{what}/{subject}")
}

/// Adds one to `key` in `limit`'s current window inside `tx`, the transaction of the write it guards. `Ok(Err)`
/// when that is more than the limit: roll `tx` back (which also takes the one back).
pub async fn count_in<DB>(
    tx: &mut sqlx::Transaction<'_, DB>,
    key: &str,
    limit: RateLimit,
) -> Result<Result<(), Limited>, sqlx::Error>
where
    DB: sqlx::Database,
    for<'e> &'e mut DB::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> DB::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'q> String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Decode<'q, DB> + sqlx::Type<DB>,
    (i64,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let (start, retry_after_seconds) = limit.window(now_unix());
    let count: i64 = sqlx::query_scalar(
        "INSERT INTO rate_counts (key, window_start, count) VALUES ($1, $2, 1) \
         ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counts.count + 1 RETURNING count",
    )
    .bind(key.to_owned())
    .bind(start)
    .fetch_one(&mut **tx)
    .await?;
    Ok(if count > limit.max {
        Err(Limited {
            retry_after_seconds,
        })
    } else {
        Ok(())
    })
}

/// Adds one to `key` now, in a transaction of its own (for what writes nothing else, such as a wrong agent
/// token).
pub async fn count(db: &Db, key: &str, limit: RateLimit) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        count_in(&mut tx, key, limit).await?.ok();
        tx.commit().await
    })
}

/// `Err` when `key` has already reached `limit` in the current window (a check that adds nothing).
pub async fn check(
    db: &Db,
    key: &str,
    limit: RateLimit,
) -> Result<Result<(), Limited>, sqlx::Error> {
    let (start, retry_after_seconds) = limit.window(now_unix());
    let sql = "SELECT count FROM rate_counts WHERE key = $1 AND window_start = $2";
    let count: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(sql).bind(key).bind(start).fetch_optional(pool).await)?;
    Ok(if count.unwrap_or(0) >= limit.max {
        Err(Limited {
            retry_after_seconds,
        })
    } else {
        Ok(())
    })
}

/// Deletes the counts of windows that ended more than a day ago (no limit's window is longer).
pub async fn forget_old(db: &Db) -> Result<u64, sqlx::Error> {
    let sql = "DELETE FROM rate_counts WHERE window_start < $1";
    with_pool!(db, pool => sqlx::query(sql).bind(now_unix() - 86_400).execute(pool).await.map(|done| done.rows_affected()))
}

/// Forgets old counts every ten minutes, on every replica (the delete is the same whoever runs it).
pub async fn forget_old_forever(db: Db) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        every.tick().await;
        if let Err(err) = forget_old(&db).await {
            tracing::warn!(error = %err, "cannot delete old rate counts");
        }
    }
}

/// A limit counted in this process, per address: for requests that write nothing, where the limit protects the
/// process itself.
#[derive(Debug)]
pub struct LocalLimit {
    limit: RateLimit,
    counts: Mutex<Window>,
}

#[derive(Debug, Default)]
struct Window {
    start: i64,
    counts: HashMap<AddressKey, i64>,
}

impl LocalLimit {
    pub fn new(limit: RateLimit) -> LocalLimit {
        LocalLimit {
            limit,
            counts: Mutex::default(),
        }
    }

    /// Counts one request from `address`; `Err` past the limit.
    pub fn hit(&self, address: AddressKey) -> Result<(), Limited> {
        self.hit_at(address, now_unix())
    }

    fn hit_at(&self, address: AddressKey, now: i64) -> Result<(), Limited> {
        let (start, retry_after_seconds) = self.limit.window(now);
        let mut window = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        // A new window forgets the last one's counts, so memory holds one window's addresses at most.
        if window.start != start {
            *window = Window {
                start,
                counts: HashMap::new(),
            };
        }
        let count = window.counts.entry(address).or_default();
        if *count >= self.limit.max {
            return Err(Limited {
                retry_after_seconds,
            });
        }
        *count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_fixed_and_say_when_they_end() {
        let limit = RateLimit::per_hour(10);
        assert_eq!(limit.window(7_200), (7_200, 3_600));
        assert_eq!(limit.window(7_201), (7_200, 3_599));
        assert_eq!(limit.window(10_799), (7_200, 1));
    }

    #[test]
    fn a_local_limit_counts_per_address_and_window() {
        let limit = LocalLimit::new(RateLimit {
            max: 2,
            window_seconds: 60,
        });
        let a = AddressKey::of("192.0.2.1".parse().unwrap());
        let b = AddressKey::of("192.0.2.2".parse().unwrap());
        assert_eq!(limit.hit_at(a, 600), Ok(()));
        assert_eq!(limit.hit_at(a, 610), Ok(()));
        assert_eq!(
            limit.hit_at(a, 615),
            Err(Limited {
                retry_after_seconds: 45
            })
        );
        assert_eq!(limit.hit_at(b, 615), Ok(()));
        assert_eq!(limit.hit_at(a, 660), Ok(()), "a new window");
        assert_eq!(limit.counts.lock().unwrap().counts.len(), 1);
    }
}
