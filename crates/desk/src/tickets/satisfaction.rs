//! Satisfaction (CSAT): the user's answer, once their ticket is solved, to how the help was.

use crate::clock::now_stamp;
use crate::db::{BeginWrite, Db};
use crate::error::AppError;
use crate::limits::{self, RateLimit};
use crate::tickets::store::TicketRow;
use crate::tickets::{current_thread, stored};
use crate::with_pool;
use signpost_core::tickets::{Satisfaction, TicketStatus, TicketView};

/// Records the user's answer for a solved ticket (a new answer replaces an earlier one; counted against `limit`:
/// 429 past it) and answers with the thread. 409 while the ticket is not solved: the question is asked once it is.
pub async fn answer(
    db: &Db,
    row: &TicketRow,
    answer: &Satisfaction,
    limit: &(String, RateLimit),
) -> Result<TicketView, AppError> {
    answer.check()?;
    if stored::<TicketStatus>("status", &row.status)? != TicketStatus::Solved {
        return Err(AppError::Conflict(
            "the ticket is not solved yet: its satisfaction is asked once it is",
        ));
    }
    let comment = answer
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let sql = "INSERT INTO ticket_satisfaction (ticket_number, rating, comment, answered_at) \
               VALUES ($1, $2, $3, $4) ON CONFLICT (ticket_number) DO UPDATE SET \
               rating = excluded.rating, comment = excluded.comment, answered_at = excluded.answered_at";
    let (key, limit) = limit;
    // Counted in the write's own transaction, as replies are: a refused answer counts nothing.
    with_pool!(db, pool => {
        let mut tx = pool.begin_write().await?;
        if let Err(limited) = limits::count_in(&mut tx, key, *limit).await? {
            return Err(limited.into());
        }
        sqlx::query(sql)
            .bind(row.number).bind(i64::from(answer.rating)).bind(comment).bind(now_stamp())
            .execute(&mut *tx).await?;
        tx.commit().await?;
    });
    current_thread(db, row.number).await
}
