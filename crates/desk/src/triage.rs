//! The triage model in the database. Versions only grow: `triage train` stores a new one (unless it scores clearly
//! worse than the current one on the same held-back examples), and every replica triages with the newest, so they
//! all decide a message the same way. A database with no model gets one trained from the content folder's seed
//! examples, once; a desk never retrains at start.
//!
//! Training reads the seed examples and every agent correction (the ticket as filed, with the queue the agent
//! chose, urgent when the agent made it urgent; a correction counts [`CORRECTION_WEIGHT`] times a seed example,
//! so a few of them move the model).

use crate::clock::now_stamp;
use crate::db::Db;
use crate::error::AppError;
use crate::with_pool;
use anyhow::Context as _;
use serde::Serialize;
use signpost_core::tickets::model::{Example, Model, hold_back};
use signpost_core::tickets::{Priority, Queue, TicketContext};
use std::sync::{Arc, RwLock};
use std::time::Instant;

/// How much more an agent's correction counts than a seed example.
pub const CORRECTION_WEIGHT: f32 = 3.0;

/// A model and its version.
pub type Versioned = (i64, Arc<Model>);

/// The newest model this process has read, by version. Nothing another replica needs: each reads the
/// database's newest version and reuses its copy only while it is still the newest.
#[derive(Clone, Debug, Default)]
pub struct TriageModels {
    loaded: Arc<RwLock<Option<Versioned>>>,
}

impl TriageModels {
    /// The newest model and its version; `None` when the database has none. An unreachable database is an
    /// outage (503), as for the ticket it triages.
    pub async fn current(&self, db: &Db) -> Result<Option<Versioned>, AppError> {
        let newest: Option<i64> = with_pool!(db, pool => sqlx::query_scalar("SELECT MAX(version) FROM triage_models")
            .fetch_one(pool)
            .await)?;
        let Some(newest) = newest else {
            return Ok(None);
        };
        if let Some((version, model)) = self.loaded.read().expect("not poisoned").as_ref()
            && *version == newest
        {
            return Ok(Some((newest, model.clone())));
        }
        let bytes: Vec<u8> = with_pool!(db, pool => sqlx::query_scalar("SELECT model FROM triage_models WHERE version = $1")
            .bind(newest)
            .fetch_one(pool)
            .await)?;
        let model = Model::from_bytes(&bytes)
            .with_context(|| format!("triage model {newest} in the database is unreadable"))?;
        let model = Arc::new(model);
        *self.loaded.write().expect("not poisoned") = Some((newest, model.clone()));
        Ok(Some((newest, model)))
    }
}

/// What a training run did.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Trained {
    /// The version triage uses from now on: the new one, or the previous one when it was kept.
    pub version: i64,
    /// Whether the new model was stored; `false` when it scored clearly worse than the current one.
    pub stored: bool,
    /// The new model's accuracy on the held-back examples, 0 to 1.
    pub accuracy: f32,
    /// The current model's accuracy on the same examples, when there was one.
    pub previous_accuracy: Option<f32>,
    /// The share of held-back examples whose urgency the new model reads right, 0 to 1.
    pub urgency_accuracy: Option<f32>,
    /// The same for the current model, when it reads urgency.
    pub previous_urgency_accuracy: Option<f32>,
    /// Examples trained on (seed and corrections), and held back to score.
    pub examples: usize,
    pub corrections: usize,
    pub held_back: usize,
    /// The stored model's size in bytes.
    pub bytes: usize,
    /// How long training took, in milliseconds.
    pub milliseconds: u64,
}

/// Trains and stores the first model when the database has none (a no-op otherwise, also when another replica
/// does it at the same moment).
pub async fn seed_if_missing(db: &Db, seed: &[Example]) -> anyhow::Result<()> {
    let count: i64 = with_pool!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM triage_models")
        .fetch_one(pool)
        .await)?;
    if count > 0 || seed.is_empty() {
        return Ok(());
    }
    let trained = train_and_store(db, seed, None, 1).await?;
    tracing::info!(
        examples = trained.examples,
        accuracy = trained.accuracy,
        ms = trained.milliseconds,
        "seed triage model trained"
    );
    Ok(())
}

/// Trains a model on the seed and every correction and stores it as the next version, unless it scores clearly
/// worse than the current one on the same held-back examples, at the queue or at urgency (see
/// [`Model::clearly_worse_than`]).
pub async fn train(db: &Db, models: &TriageModels, seed: &[Example]) -> Result<Trained, AppError> {
    let current = models.current(db).await?;
    let next = current.as_ref().map_or(1, |(version, _)| version + 1);
    Ok(train_and_store(db, seed, current, next).await?)
}

async fn train_and_store(
    db: &Db,
    seed: &[Example],
    current: Option<Versioned>,
    version: i64,
) -> anyhow::Result<Trained> {
    let corrections = corrections(db).await?;
    let examples: Vec<Example> = seed
        .iter()
        .cloned()
        .chain(corrections.iter().cloned())
        .collect();
    let count = examples.len();
    let started = Instant::now();
    let (train_on, held) = hold_back(examples);
    let model = Model::train(&train_on);
    let milliseconds = started.elapsed().as_millis() as u64;
    let accuracy = model.accuracy(&held);
    let urgency_accuracy = model.urgency_accuracy(&held);
    let previous = current.as_ref().map(|(_, model)| model);
    let previous_accuracy = previous.map(|model| model.accuracy(&held));
    let previous_urgency_accuracy = previous.and_then(|model| model.urgency_accuracy(&held));
    let bytes = model.to_bytes();
    let mut trained = Trained {
        version,
        stored: true,
        accuracy,
        previous_accuracy,
        urgency_accuracy,
        previous_urgency_accuracy,
        examples: count,
        corrections: corrections.len(),
        held_back: held.len(),
        bytes: bytes.len(),
        milliseconds,
    };
    let worse = previous.is_some_and(|previous| model.clearly_worse_than(previous, &held));
    if let Some((version, _)) = current.filter(|_| worse) {
        trained.version = version;
        trained.stored = false;
        return Ok(trained);
    }
    // Another replica storing the same version at the same moment wins; this one's is dropped (same examples,
    // same model).
    let as_i64 = |n: usize| n as i64;
    with_pool!(db, pool => sqlx::query(
        "INSERT INTO triage_models (version, model, examples, corrections, held_back, accuracy, trained_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (version) DO NOTHING",
    )
    .bind(version)
    .bind(&bytes)
    .bind(as_i64(trained.examples))
    .bind(as_i64(trained.corrections))
    .bind(as_i64(trained.held_back))
    .bind(f64::from(accuracy))
    .bind(now_stamp())
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(trained)
}

/// One stored model version.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ModelVersion {
    pub version: i64,
    pub examples: i64,
    pub corrections: i64,
    pub held_back: i64,
    pub accuracy: f64,
    pub trained_at: String,
}

/// Every stored version, newest first.
pub async fn versions(db: &Db) -> anyhow::Result<Vec<ModelVersion>> {
    Ok(with_pool!(db, pool => sqlx::query_as(
        "SELECT version, examples, corrections, held_back, accuracy, trained_at FROM triage_models \
         ORDER BY version DESC",
    )
    .fetch_all(pool)
    .await)?)
}

/// Every corrected ticket as an example: its subject, first message, topic and page, with the queue of the
/// agent's latest correction.
async fn corrections(db: &Db) -> anyhow::Result<Vec<Example>> {
    #[derive(sqlx::FromRow)]
    struct Corrected {
        topic: String,
        subject: String,
        body: String,
        context: String,
        to_queue: String,
        to_priority: String,
    }
    let rows: Vec<Corrected> = with_pool!(db, pool => sqlx::query_as(
        "SELECT t.topic, t.subject, m.body, t.context, c.to_queue, c.to_priority \
         FROM triage_corrections c \
         JOIN tickets t ON t.number = c.ticket_number \
         JOIN ticket_messages m ON m.id = \
              (SELECT MIN(id) FROM ticket_messages WHERE ticket_number = t.number) \
         WHERE c.id = (SELECT MAX(id) FROM triage_corrections WHERE ticket_number = c.ticket_number) \
         ORDER BY c.id",
    )
    .fetch_all(pool)
    .await)?;
    rows.into_iter()
        .map(|row| {
            let context: TicketContext =
                serde_json::from_str(&row.context).context("unreadable context in the database")?;
            let queue: Queue = serde_json::from_value(serde_json::Value::String(row.to_queue))
                .context("unknown queue in triage_corrections")?;
            Ok(Example {
                text: format!("{}\n{}", row.subject, row.body),
                topic: Some(row.topic).filter(|topic| !topic.is_empty()),
                role: context.role,
                surface: context.surface,
                queue,
                urgent: row.to_priority == Priority::Urgent.as_str(),
                weight: CORRECTION_WEIGHT,
            })
        })
        .collect()
}
