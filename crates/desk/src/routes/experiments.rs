//! Experiment routes: the widget asks which variants its user gets (`POST /v1/experiments/assignment`,
//! public), agents read each experiment's report (`GET /v1/agent/insights/experiments`).

use crate::clock::now_unix;
use crate::error::AppError;
use crate::experiments::{report, state};
use crate::routes::extract::{Agent, AppJson};
use crate::state::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use signpost_core::check::{Check, Text};
use signpost_core::experiments::report::ExperimentsReport;
use signpost_core::experiments::{
    AssignmentRequest, AssignmentResponse, ChangeSpec, Variation, Varied,
};
use signpost_core::insights::events::ID_MAX_CHARS;
use signpost_core::rules::Clock;
use signpost_core::wire::ErrorBody;

/// The experiment routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/experiments/assignment", post(assignment))
        .route("/v1/agent/insights/experiments", get(experiments_report))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(assignment, experiments_report))]
pub struct Api;

#[utoipa::path(post, path = "/v1/experiments/assignment", tag = "experiments",
    request_body = AssignmentRequest,
    responses(
        (status = 200, description = "The variants this user gets on this page: none in a protected context, \
                                      outside an experiment's cohorts, or once it has stopped.",
         body = AssignmentResponse),
        (status = 422, description = "`unit` is empty or longer than 64 characters.", body = ErrorBody),
    ))]
async fn assignment(
    State(state): State<AppState>,
    AppJson(request): AppJson<AssignmentRequest>,
) -> Result<Json<AssignmentResponse>, AppError> {
    let mut check = Check::new();
    let unit = check.text("unit", &request.unit, Text::line(ID_MAX_CHARS).required());
    check.finish()?;
    let unit = unit.unwrap_or_default().trim();
    let content = state.content.current();
    let experiments = content.experiments();
    if experiments.specs().is_empty() {
        return Ok(Json(AssignmentResponse::default()));
    }
    let stopped = state::stopped(&state.db).await?;
    let clock = Clock {
        now_unix_seconds: now_unix(),
        utc_offset_minutes: 0,
    };
    let locale = request.context.locale.as_deref().unwrap_or("en");
    let variations = experiments
        .assign(unit, &request.context, &stopped, clock)
        .into_iter()
        .filter_map(|(spec, variant)| {
            let change = match &spec.change {
                ChangeSpec::RuleArticle { rule, variants } => Varied::RuleArticle {
                    rule: rule.clone(),
                    control: variants.first()?.clone(),
                    article: content.summary(variants.get(variant as usize)?, locale)?,
                },
                ChangeSpec::RuleReason { rule, .. } => Varied::RuleReason {
                    rule: rule.clone(),
                    reason: spec.wording(variant).cloned(),
                },
                ChangeSpec::ArticleText { article, .. } => Varied::ArticleText {
                    control: article.clone(),
                    article: content
                        .article_variant(article, locale, variant, &stopped)?
                        .summary,
                },
                ChangeSpec::StatusFirst => Varied::StatusFirst,
                ChangeSpec::LargeOrder { .. } => Varied::LargeOrder,
                ChangeSpec::NudgeWording { .. } | ChangeSpec::NudgeHoldout { .. } => return None,
            };
            Some(Variation {
                experiment: spec.id.clone(),
                variant,
                change,
            })
        })
        .collect();
    Ok(Json(AssignmentResponse { variations }))
}

#[utoipa::path(get, path = "/v1/agent/insights/experiments", tag = "insights", security(("agent" = []), ("session" = [])),
    responses((status = 200, description = "Every experiment of the content folder: exposures per variant, each \
                                           metric with its interval, every variant against the control (a \
                                           confidence sequence, valid however often it is read), the \
                                           sample-ratio check, the verdict and the audit log. Reading it also \
                                           stops an experiment whose guardrail is breached.",
               body = ExperimentsReport)))]
async fn experiments_report(
    State(state): State<AppState>,
    Agent(_): Agent,
) -> Result<Json<ExperimentsReport>, AppError> {
    let content = state.content.current();
    let experiments = report::reports(
        &state.report_db,
        content.experiments(),
        state.reports.min_users,
    )
    .await?;
    Ok(Json(ExperimentsReport {
        min_users: state.reports.min_users,
        experiments,
    }))
}
