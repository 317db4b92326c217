//! `GET /v1/agent/insights/experiments`: each experiment's exposures, metrics, decision and audit log.

use super::Metric;
use crate::insights::reports::{Rate, Shown};
use serde::{Deserialize, Serialize};

/// Every experiment the content folder defines, with its report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperimentsReport {
    /// k: counts of people under it are shown as "< k".
    pub min_users: u64,
    pub experiments: Vec<ExperimentReport>,
}

/// One experiment, as of now. Its intervals are confidence sequences: valid however often they are looked at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExperimentReport {
    pub id: String,
    pub description: String,
    /// Whether users are still assigned to its variants.
    pub running: bool,
    /// What varies: a rule's article, its nudge's words, whether its nudge shows, or an article's text.
    pub change: super::ChangeKind,
    /// The rule whose article or nudge varies, or the article whose text varies.
    pub subject: String,
    pub primary: Metric,
    pub guardrails: Vec<Metric>,
    pub variants: Vec<VariantReport>,
    /// Whether the exposures fit the split (χ²; p < 0.001 marks the result untrustworthy).
    pub sample_ratio: SampleRatio,
    /// Each variant against the control, on the primary metric and each guardrail.
    pub comparisons: Vec<Comparison>,
    pub verdict: Verdict,
    /// Started, changed, stopped: newest last.
    pub audit: Vec<AuditEntry>,
}

/// One variant's exposures and outcomes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VariantReport {
    /// 0 is the control.
    pub variant: u32,
    /// The article it lists; for a nudge holdout `holdout` or `nudge`.
    pub article: String,
    /// Its share of the split, 0–1.
    pub planned_share: f64,
    /// People exposed (under k: "< k").
    pub exposed: Shown,
    /// Each metric's rate among them, with its 95 % Wilson interval; absent while too few to show.
    pub metrics: Vec<MetricRate>,
}

/// A metric's rate in one variant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MetricRate {
    pub metric: Metric,
    pub rate: Option<Rate>,
}

/// The sample-ratio check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SampleRatio {
    pub p_value: f64,
    pub mismatch: bool,
}

/// A variant against the control on one metric: rate(variant) − rate(control), as a 95 % confidence sequence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub variant: u32,
    pub metric: Metric,
    pub guardrail: bool,
    pub low: f64,
    pub high: f64,
    pub outcome: Outcome,
}

/// What a comparison says today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The variant is surely better on this metric.
    Better,
    /// The variant is surely worse.
    Worse,
    /// Not known yet.
    NoDifferenceYet,
}

/// The experiment's decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Verdict {
    /// A variant is surely better on the primary metric, and no guardrail is breached.
    VariantBetter { variant: u32 },
    /// The control is surely better than every variant.
    ControlBetter,
    /// Keep running.
    NoDifferenceYet,
    /// The exposures do not fit the split: something assigns or counts wrongly, so nothing here is trusted.
    Untrustworthy,
    /// A guardrail was breached: everyone gets the control.
    StoppedGuardrail { variant: u32, metric: Metric },
    /// Stopped by an operator or removed from the content folder.
    Stopped,
}

/// One line of an experiment's audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// RFC 3339.
    pub at: String,
    /// `started`, `changed` or `stopped`.
    pub action: String,
    pub detail: String,
}
