//! Whether each experiment still runs, and its audit log, in the database so every replica agrees: a
//! guardrail breach seen by one stops the experiment for all.

use crate::clock::now_stamp;
use crate::db::Db;
use crate::digest::sha256_hex;
use crate::experiments::Experiments;
use crate::with_pool;
use signpost_core::experiments::ExperimentSpec;
use signpost_core::experiments::report::AuditEntry;
use std::collections::HashSet;

/// Records each experiment of the content folder: `started` the first time the desk sees it, `changed` when its
/// definition differs from the one recorded (its results then mix both). Safe to run on every replica at once.
pub async fn record_definitions(db: &Db, experiments: &Experiments) -> Result<(), sqlx::Error> {
    for spec in experiments.specs() {
        let digest = definition_digest(spec);
        let now = now_stamp();
        let started = with_pool!(db, pool => sqlx::query(
            "INSERT INTO experiment_states (experiment, config, running, changed_at) VALUES ($1, $2, TRUE, $3) \
             ON CONFLICT (experiment) DO NOTHING")
            .bind(&spec.id).bind(&digest).bind(&now).execute(pool).await.map(|done| done.rows_affected()))?
            == 1;
        if started {
            let detail = format!("started with split {:?}", spec.split);
            audit(db, &spec.id, "started", &detail).await?;
            continue;
        }
        let changed = with_pool!(db, pool => sqlx::query(
            "UPDATE experiment_states SET config = $2, changed_at = $3 WHERE experiment = $1 AND config <> $2")
            .bind(&spec.id).bind(&digest).bind(&now).execute(pool).await.map(|done| done.rows_affected()))?
            == 1;
        if changed {
            let detail = "definition changed: results from before and after are counted together";
            audit(db, &spec.id, "changed", detail).await?;
        }
    }
    Ok(())
}

/// The experiments that no longer run.
pub async fn stopped(db: &Db) -> Result<HashSet<String>, sqlx::Error> {
    let ids: Vec<String> = with_pool!(db, pool => sqlx::query_scalar(
        "SELECT experiment FROM experiment_states WHERE NOT running")
        .fetch_all(pool).await)?;
    Ok(ids.into_iter().collect())
}

/// Stops `spec` for everyone, once: `false` when it was already stopped. Recorded even if its definition was
/// not yet (a stop must never be lost).
pub async fn stop(db: &Db, spec: &ExperimentSpec, why: &str) -> Result<bool, sqlx::Error> {
    let experiment = spec.id.as_str();
    let stopped = with_pool!(db, pool => sqlx::query(
        "INSERT INTO experiment_states (experiment, config, running, changed_at) VALUES ($1, $2, FALSE, $3) \
         ON CONFLICT (experiment) DO UPDATE SET running = FALSE, changed_at = excluded.changed_at \
         WHERE experiment_states.running")
        .bind(experiment).bind(definition_digest(spec)).bind(now_stamp())
        .execute(pool).await.map(|done| done.rows_affected()))?
        == 1;
    if stopped {
        tracing::warn!(%experiment, reason = %why, "experiment stopped");
        audit(db, experiment, "stopped", why).await?;
    }
    Ok(stopped)
}

/// The audit log of `experiment`, oldest first.
pub async fn audit_log(db: &Db, experiment: &str) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = with_pool!(db, pool => sqlx::query_as(
        "SELECT at, action, detail FROM experiment_audit WHERE experiment = $1 ORDER BY id")
        .bind(experiment).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(at, action, detail)| AuditEntry { at, action, detail })
        .collect())
}

async fn audit(db: &Db, experiment: &str, action: &str, detail: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO experiment_audit (at, experiment, action, detail) VALUES ($1, $2, $3, $4)")
        .bind(now_stamp()).bind(experiment).bind(action).bind(detail).execute(pool).await.map(drop))?;
    Ok(())
}

/// A digest of what decides the experiment's assignment and judgement (its description does not).
fn definition_digest(spec: &ExperimentSpec) -> String {
    let decisive = ExperimentSpec {
        description: String::new(),
        ..spec.clone()
    };
    let json = serde_json::to_vec(&decisive).expect("a definition serialises");
    sha256_hex(&json)
}
