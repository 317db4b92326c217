//! Proactive nudges: what the widget says first, beside the launcher, chosen by the desk in its answer to
//! `POST /v1/notices` so that a page loads the widget's module only when there is a nudge to show.
//!
//! A nudge is a message the marketplace pushed for the verified user ([`pushed`]), else the best proactive rule
//! that fires on the page. Within caps: one per page view (one answer per page view), a site-set number per
//! user and day (counted here for verified users, by the browser's [`NudgeMemory`] where the site lets the
//! widget store anything), never one the user dismissed, and no rule's nudge while the user has an open
//! ticket with the rule's team. Each proactive rule keeps a holdout (the experiments engine's `nudge:<rule>`):
//! the held-out users are exposed here, where the nudge would have shown, so the ticket rates of both groups
//! are measured, not assumed. Protected contexts hold nobody out.

pub mod pushed;

use crate::content::HelpCenter;
use crate::db::Db;
use crate::insights::ingest::{EventQueue, EventRow, ExposedOn, day_of};
use crate::tickets::access::{TokenKey, number_held};
use crate::with_pool;
use serde_json::{Map, Value};
use signpost_core::context::{Context, Role};
use signpost_core::embed::Surface;
use signpost_core::insights::events::ID_MAX_CHARS;
use signpost_core::notices::{NoticesRequest, Nudge, NudgeMemory};
use signpost_core::rules::{Clock, NudgeCandidate, PlainFormatter, Reason, ReasonSource};
use std::collections::HashSet;

/// Stored tickets of a browser looked at, at most: the newest are last.
const TICKETS_READ: usize = 20;

/// Who asks, as the desk believes it.
#[derive(Clone, Debug, Default)]
pub struct Visitor {
    /// A verified user's id and its keyed hash.
    pub user: Option<(String, String)>,
    pub role: Option<Role>,
    /// The browser sent Global Privacy Control (`Sec-GPC: 1`): its install id is not used to link anything.
    pub private: bool,
}

/// Where the nudge is chosen: the page, who is on it, and the site's settings.
pub struct Ask<'a> {
    pub surface: Surface,
    pub request: &'a NoticesRequest,
    pub visitor: &'a Visitor,
    pub help: &'a HelpCenter,
    /// `incidents.active`, as the widget's rules see it.
    pub extra_facts: &'a Map<String, Value>,
    pub per_day: u32,
    pub now_ms: i64,
}

/// The nudge for this page view, if any, counted as shown.
pub async fn choose(
    db: &Db,
    events: &EventQueue,
    token_key: &TokenKey,
    ask: &Ask<'_>,
) -> Result<Option<Nudge>, sqlx::Error> {
    let today = day_of(ask.now_ms);
    let memory: NudgeMemory = ask
        .request
        .nudges
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
        .unwrap_or_default();
    let user_key = ask.visitor.user.as_ref().map(|(_, key)| key.as_str());
    let shown_today = match user_key {
        Some(key) => shown_on(db, key, today).await?.max(memory.shown_on(today)),
        None => memory.shown_on(today),
    };
    if shown_today >= ask.per_day {
        return Ok(None);
    }
    let context = page_context(ask);
    let now = crate::clock::stamp_millis(ask.now_ms);
    let clock = Clock {
        now_unix_seconds: ask.now_ms.div_euclid(1_000),
        utc_offset_minutes: 0,
    };
    let mut chosen = None;
    if let Some(key) = user_key {
        for waiting in pushed::waiting(db, key, &now).await? {
            let id = format!("push:{}", waiting.id);
            let text = match &waiting.rule {
                Some(rule) => ask.help.rules().and_then(|rules| {
                    rules.nudge_text(rule, &context, ask.extra_facts, clock, &PlainFormatter)
                }),
                None => waiting.text(context.locale.as_deref().unwrap_or("en")),
            };
            let Some(text) = text.filter(|_| !memory.is_dismissed(&id)) else {
                continue;
            };
            if pushed::take(db, waiting.id, &now).await? {
                let reason = Reason {
                    source: ReasonSource::Pushed,
                    rule_id: waiting.rule.clone(),
                    text: String::new(),
                    facts: vec![],
                };
                chosen = Some(Nudge { id, text, reason });
                break;
            }
        }
    }
    if chosen.is_none() {
        chosen = from_rules(db, events, token_key, ask, &context, &memory, clock).await?;
    }
    if let (Some(key), Some(_)) = (user_key, &chosen) {
        count_shown(db, key, today).await?;
    }
    Ok(chosen)
}

/// The best proactive rule's nudge that no cap silences, unless its holdout holds this user out.
async fn from_rules(
    db: &Db,
    events: &EventQueue,
    token_key: &TokenKey,
    ask: &Ask<'_>,
    context: &Context,
    memory: &NudgeMemory,
    clock: Clock,
) -> Result<Option<Nudge>, sqlx::Error> {
    let Some(rules) = ask.help.rules() else {
        return Ok(None);
    };
    let candidates: Vec<NudgeCandidate> = rules
        .nudges(context, ask.extra_facts, clock, &PlainFormatter)
        .into_iter()
        .filter(|c| !memory.is_dismissed(&format!("rule:{}", c.rule)))
        .collect();
    if candidates.is_empty() {
        return Ok(None);
    }
    let held = held_tickets(token_key, ask.request.tickets.as_deref());
    let user_id = ask.visitor.user.as_ref().map(|(id, _)| id.as_str());
    let busy = open_queues(db, user_id, &held).await?;
    let Some(best) = candidates
        .into_iter()
        .find(|c| !busy.contains(c.queue.as_str()))
    else {
        return Ok(None);
    };
    let mut text = best.text;
    if let Some(unit) = unit(ask).filter(|_| ask.help.insights().enabled) {
        let stopped = crate::experiments::state::stopped(db).await?;
        let experiments = ask.help.experiments();
        if let Some((holdout, variant)) =
            experiments.nudge_variant(&best.rule, &unit, context, &stopped, clock)
        {
            if !stopped.contains(&holdout) {
                events.offer(vec![exposure(ask, context, unit.clone(), holdout, variant)]);
            }
            if variant == 0 {
                tracing::debug!(rule = %best.rule, "nudge held out");
                return Ok(None);
            }
        }
        if let Some((spec, variant)) =
            experiments.nudge_wording(&best.rule, &unit, context, &stopped, clock)
        {
            // Words that cite a fact this page lacks leave the rule's own, and nobody exposed to them.
            let words = match spec.wording(variant) {
                None => Some(text.clone()),
                Some(wording) => rules.render_nudge_wording(
                    &best.rule,
                    wording,
                    context,
                    ask.extra_facts,
                    clock,
                    &PlainFormatter,
                ),
            };
            if let Some(words) = words {
                events.offer(vec![exposure(ask, context, unit, spec.id.clone(), variant)]);
                text = words;
            }
        }
    }
    Ok(Some(Nudge {
        id: format!("rule:{}", best.rule),
        text,
        reason: best.reason,
    }))
}

/// The page's context as the rules read it: the surface the loader named, the verified role over the page's,
/// the loader's locale when the context has none.
fn page_context(ask: &Ask<'_>) -> Context {
    let (mut context, _) = ask
        .request
        .context
        .as_ref()
        .map(Context::from_json)
        .unwrap_or_default();
    context.surface = context.surface.or(Some(ask.surface));
    context.role = ask.visitor.role.or(context.role);
    context.locale = context.locale.or_else(|| ask.request.locale.clone());
    context
}

/// Whom the holdout assigns: the verified user, else the browser's install id. A browser with neither is
/// never held out (each page view would be a new draw).
fn unit(ask: &Ask<'_>) -> Option<String> {
    if let Some((_, key)) = &ask.visitor.user {
        return Some(format!("u:{key}"));
    }
    if ask.visitor.private {
        return None;
    }
    let install: String = serde_json::from_str(ask.request.install.as_deref()?).ok()?;
    let install = install.trim();
    (!install.is_empty() && install.chars().count() <= ID_MAX_CHARS).then(|| format!("i:{install}"))
}

/// The exposure of `unit` to `variant` of `experiment` (a nudge's holdout or words) on the asking page.
fn exposure(
    ask: &Ask<'_>,
    context: &Context,
    unit: String,
    experiment: String,
    variant: u32,
) -> EventRow {
    let on = ExposedOn {
        role: context.role,
        surface: ask.surface,
        locale: context.locale.as_deref(),
        identified: ask.visitor.user.is_some(),
    };
    EventRow::exposure(unit, experiment, variant, on, ask.now_ms)
}

/// The ticket numbers the browser's stored tickets (`signpost.tickets`, as stored) hold the access tokens of.
fn held_tickets(token_key: &TokenKey, stored: Option<&str>) -> Vec<i64> {
    let Some(list) = stored.and_then(|text| serde_json::from_str::<Vec<Value>>(text).ok()) else {
        return vec![];
    };
    list.iter()
        .rev()
        .take(TICKETS_READ)
        .filter_map(|ticket| {
            let created = ticket.get("created")?;
            let id = created.get("id")?.as_str()?;
            let token = created.get("access_token")?.as_str()?;
            number_held(token_key, id, Some(token)).ok()
        })
        .collect()
}

/// The queues of the tickets still open (or waiting for the user) that the verified user filed or the browser
/// holds.
async fn open_queues(
    db: &Db,
    user_id: Option<&str>,
    held: &[i64],
) -> Result<HashSet<String>, sqlx::Error> {
    if user_id.is_none() && held.is_empty() {
        return Ok(HashSet::new());
    }
    let queues: Vec<String> = with_pool!(db, pool => {
        let mut query = sqlx::QueryBuilder::new(
            "SELECT DISTINCT queue FROM tickets WHERE status <> 'solved' AND (user_id = ",
        );
        query.push_bind(user_id.unwrap_or_default());
        if !held.is_empty() {
            query.push(" OR number IN (");
            let mut numbers = query.separated(", ");
            for number in held {
                numbers.push_bind(*number);
            }
            query.push(")");
        }
        query.push(")");
        query.build_query_scalar().fetch_all(pool).await
    })?;
    Ok(queues.into_iter().collect())
}

/// Nudges shown to the verified user on `day`.
async fn shown_on(db: &Db, user_key: &str, day: i64) -> Result<u32, sqlx::Error> {
    let sql = "SELECT shown FROM nudge_days WHERE user_key = $1 AND day = $2";
    let shown: Option<i64> = with_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(user_key).bind(day).fetch_optional(pool).await)?;
    Ok(u32::try_from(shown.unwrap_or(0)).unwrap_or(u32::MAX))
}

/// Counts one more nudge shown to the verified user on `day`, and forgets days past.
async fn count_shown(db: &Db, user_key: &str, day: i64) -> Result<(), sqlx::Error> {
    let sql = "INSERT INTO nudge_days (user_key, day, shown) VALUES ($1, $2, 1) \
               ON CONFLICT (user_key, day) DO UPDATE SET shown = nudge_days.shown + 1";
    with_pool!(db, pool => sqlx::query(sql).bind(user_key).bind(day).execute(pool).await.map(drop))?;
    let old = "DELETE FROM nudge_days WHERE user_key = $1 AND day < $2";
    with_pool!(db, pool => sqlx::query(old).bind(user_key).bind(day).execute(pool).await.map(drop))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key() -> TokenKey {
        TokenKey::new("k".repeat(32)).unwrap()
    }

    #[test]
    fn only_tickets_whose_token_is_right_are_held() {
        let key = key();
        let stored = json!([
            { "created": { "id": "SP-1001", "access_token": key.access_token(1001) } },
            { "created": { "id": "SP-1002", "access_token": "forged" } },
            { "subject": "no created" },
        ]);
        assert_eq!(held_tickets(&key, Some(&stored.to_string())), [1001]);
        assert!(held_tickets(&key, Some("not json")).is_empty());
    }
}
