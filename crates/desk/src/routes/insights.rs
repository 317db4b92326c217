//! Insights routes: the widget's usage events in (`POST /v1/events`, public), and the reports out for agents
//! (`GET /v1/agent/insights/…`, JSON, or CSV with `format=csv`).

use crate::address::AddressKey;
use crate::clock::now_millis;
use crate::error::AppError;
use crate::identity;
use crate::insights::ingest::{self, Offered, Sender};
use crate::insights::period::{self, Freshness, MAX_DAYS, Scope};
use crate::insights::reports::{self, Cohort};
use crate::insights::{csv, flow_report, ticket_reports, triage_report};
use crate::routes::extract::{Agent, BeaconJson, ClientAddress};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use signpost_core::insights::events::EventBatch;
use signpost_core::insights::reports::{
    ArticlesReport, FlowsReport, FunnelReport, Period, RepeatsReport, ResponsesReport,
    SearchReport, TriageReport,
};
use signpost_core::wire::{ErrorBody, FieldError, Problem};
use std::sync::atomic::Ordering;

/// The insights routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/events", post(record_events))
        .route("/v1/agent/insights/events", get(event_counters))
        .route("/v1/agent/insights/funnel", get(funnel_report))
        .route("/v1/agent/insights/search", get(search_report))
        .route("/v1/agent/insights/articles", get(articles_report))
        .route("/v1/agent/insights/flows", get(flows_report))
        .route("/v1/agent/insights/responses", get(responses_report))
        .route("/v1/agent/insights/repeats", get(repeats_report))
        .route("/v1/agent/insights/triage", get(triage_accuracy_report))
}

/// These routes' part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    record_events,
    event_counters,
    funnel_report,
    search_report,
    articles_report,
    flows_report,
    responses_report,
    repeats_report,
    triage_accuracy_report
))]
pub struct Api;

/// What became of a batch.
#[derive(Serialize, utoipa::ToSchema)]
struct EventsAccepted {
    /// Events queued for writing.
    accepted: usize,
    /// Events dropped because the desk is at capacity (or the site turned insights off).
    dropped: usize,
}

#[utoipa::path(post, path = "/v1/events", tag = "insights",
    request_body(content = EventBatch, content_type = "text/plain",
        description = "An `EventBatch` as JSON, sent as `text/plain` (what `navigator.sendBeacon` can send \
                       across origins) or `application/json`."),
    responses(
        (status = 202, description = "Queued (or dropped and counted when the desk is at capacity); the \
                                      answer never waits for the database.", body = EventsAccepted),
        (status = 429, description = "`rate_limited`: too many batches from this address.", body = ErrorBody),
    ))]
async fn record_events(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    BeaconJson(mut batch): BeaconJson<EventBatch>,
) -> Result<(StatusCode, Json<EventsAccepted>), AppError> {
    state.limits.event_batches.hit(AddressKey::of(address))?;
    batch.check().map_err(AppError::Validation)?;
    let content = state.content.current();
    let settings = content.insights();
    if !settings.enabled {
        return Ok((
            StatusCode::ACCEPTED,
            Json(EventsAccepted {
                accepted: 0,
                dropped: batch.events.len(),
            }),
        ));
    }
    let verified = identity::believed(batch.identity.as_deref(), state.identity_secret.as_ref());
    let sender = Sender {
        user_key: verified
            .as_ref()
            .map(|v| state.token_key.user_key(&v.identity.user_id)),
        role: verified.map(|v| v.identity.role),
    };
    content.experiments().drop_false_exposures(&mut batch);
    let rows = ingest::rows(&batch, &sender, &settings.dimensions, now_millis());
    let count = rows.len();
    let (accepted, dropped) = match state.events.offer(rows) {
        Offered::Queued => (count, 0),
        Offered::Dropped => (0, count),
    };
    Ok((
        StatusCode::ACCEPTED,
        Json(EventsAccepted { accepted, dropped }),
    ))
}

/// This process's event counters since it started.
#[derive(Serialize, utoipa::ToSchema)]
struct EventCounters {
    accepted: u64,
    /// Dropped because the queue was full or the database refused them.
    dropped: u64,
    written: u64,
}

#[utoipa::path(get, path = "/v1/agent/insights/events", tag = "insights", security(("agent" = []), ("session" = [])),
    responses((status = 200, description = "Events accepted, dropped and written by this desk process since it started.",
               body = EventCounters)))]
async fn event_counters(State(state): State<AppState>, Agent(_): Agent) -> Json<EventCounters> {
    let counters = state.events.counters();
    Json(EventCounters {
        accepted: counters.accepted.load(Ordering::Relaxed),
        dropped: counters.dropped.load(Ordering::Relaxed),
        written: counters.written.load(Ordering::Relaxed),
    })
}

/// A report's period and format.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReportParams {
    /// First day, `YYYY-MM-DD` (UTC; default: 27 days before `to`).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC; default: today). At most 366 days after `from`.
    to: Option<String>,
    /// `json` (default) or `csv`.
    format: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct CohortParam {
    /// What the rows are cut by: `audience` (default), `surface`, `language`, `identified`, `returning`, or
    /// one of the site's dimensions (`content/insights.toml`).
    by: Option<String>,
}

impl ReportParams {
    fn scope(&self, state: &AppState) -> Result<Scope, AppError> {
        let today = ingest::day_of(now_millis());
        let day = |field: &str, value: &Option<String>, default: i64| match value {
            None => Ok(default),
            Some(date) => {
                period::day_of_date(date).ok_or_else(|| problem(field, Problem::InvalidValue))
            }
        };
        let to_day = day("to", &self.to, today)?;
        let from_day = day("from", &self.from, to_day - 27)?;
        if from_day > to_day || to_day - from_day >= MAX_DAYS {
            return Err(problem(
                "from",
                Problem::OutOfRange {
                    min: to_day - MAX_DAYS + 1,
                    max: to_day,
                },
            ));
        }
        Ok(Scope {
            from_day,
            to_day,
            min_users: state.reports.min_users,
            freshness: Freshness::Look {
                every_ms: state.reports.live_every_ms,
            },
        })
    }

    fn csv(&self) -> Result<bool, AppError> {
        match self.format.as_deref() {
            None | Some("json") => Ok(false),
            Some("csv") => Ok(true),
            Some(_) => Err(problem(
                "format",
                Problem::OneOf {
                    choices: vec!["json".into(), "csv".into()],
                },
            )),
        }
    }
}

fn problem(field: &str, problem: Problem) -> AppError {
    AppError::Validation(vec![FieldError::new(field, problem)])
}

/// The report as JSON, or as a CSV download named after it and its period.
fn answer<T: Serialize>(
    report: &T,
    name: &str,
    period: &Period,
    as_csv: bool,
    csv: impl Fn(&T) -> String,
) -> Response {
    if as_csv {
        let file = format!(
            "attachment; filename=\"signpost-{name}-{}-{}.csv\"",
            period.from, period.to
        );
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/csv; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&file).unwrap_or(HeaderValue::from_static("attachment")),
                ),
            ],
            csv(report),
        )
            .into_response()
    } else {
        Json(report).into_response()
    }
}

#[utoipa::path(get, path = "/v1/agent/insights/funnel", tag = "insights", security(("agent" = []), ("session" = [])),
    params(ReportParams, CohortParam),
    responses(
        (status = 200, description = "The self-service funnel per cohort (JSON, or CSV with `format=csv`).", body = FunnelReport),
        (status = 422, description = "`validation_failed`: a bad date, period, cohort or format.", body = ErrorBody),
    ))]
async fn funnel_report(
    State(state): State<AppState>,
    Agent(_): Agent,
    Query(params): Query<ReportParams>,
    Query(cohort): Query<CohortParam>,
) -> Result<Response, AppError> {
    let scope = params.scope(&state)?;
    let as_csv = params.csv()?;
    let content = state.content.current();
    let by = cohort.by.as_deref().unwrap_or("audience");
    let by = Cohort::parse(by, &content.insights().dimensions).ok_or_else(|| {
        let mut choices: Vec<String> =
            ["audience", "surface", "language", "identified", "returning"]
                .map(str::to_owned)
                .to_vec();
        choices.extend(content.insights().dimensions.iter().cloned());
        problem("by", Problem::OneOf { choices })
    })?;
    let report = reports::funnel(
        &state.report_db,
        &scope,
        &by,
        state.reports.assumed_resolution_hours,
    )
    .await?;
    Ok(answer(
        &report,
        "funnel",
        &report.period,
        as_csv,
        csv::funnel,
    ))
}

#[utoipa::path(get, path = "/v1/agent/insights/search", tag = "insights", security(("agent" = []), ("session" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "Searches, those without results, and what searchers did next.", body = SearchReport),
        (status = 422, description = "`validation_failed`: a bad date, period or format.", body = ErrorBody),
    ))]
async fn search_report(
    State(state): State<AppState>,
    Agent(_): Agent,
    Query(params): Query<ReportParams>,
) -> Result<Response, AppError> {
    let scope = params.scope(&state)?;
    let as_csv = params.csv()?;
    let report = reports::search(&state.report_db, &scope).await?;
    Ok(answer(
        &report,
        "search",
        &report.period,
        as_csv,
        csv::search,
    ))
}

#[utoipa::path(get, path = "/v1/agent/insights/articles", tag = "insights", security(("agent" = []), ("session" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "Articles by readers: views, helpful votes, tickets after reading.", body = ArticlesReport),
        (status = 422, description = "`validation_failed`: a bad date, period or format.", body = ErrorBody),
    ))]
async fn articles_report(
    State(state): State<AppState>,
    Agent(_): Agent,
    Query(params): Query<ReportParams>,
) -> Result<Response, AppError> {
    let scope = params.scope(&state)?;
    let as_csv = params.csv()?;
    let content = state.content.current();
    let report = reports::articles(&state.report_db, &scope, |id| {
        content.summary(id, "en").map(|summary| summary.title)
    })
    .await?;
    Ok(answer(
        &report,
        "articles",
        &report.period,
        as_csv,
        csv::articles,
    ))
}

#[utoipa::path(get, path = "/v1/agent/insights/flows", tag = "insights", security(("agent" = []), ("session" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "Guided flows per version, step by step: people who reached each step and \
                                      how many ended there resolved, handed off or abandoned.", body = FlowsReport),
        (status = 422, description = "`validation_failed`: a bad date, period or format.", body = ErrorBody),
    ))]
async fn flows_report(
    State(state): State<AppState>,
    Agent(_): Agent,
    Query(params): Query<ReportParams>,
) -> Result<Response, AppError> {
    let scope = params.scope(&state)?;
    let as_csv = params.csv()?;
    let content = state.content.current();
    let report = flow_report::flows(&state.report_db, &scope, |id| {
        content.flow_summary(id, "en")
    })
    .await?;
    Ok(answer(&report, "flows", &report.period, as_csv, csv::flows))
}

#[utoipa::path(get, path = "/v1/agent/insights/responses", tag = "insights", security(("agent" = []), ("session" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "First replies against their targets, per queue and priority.", body = ResponsesReport),
        (status = 422, description = "`validation_failed`: a bad date, period or format.", body = ErrorBody),
    ))]
async fn responses_report(
    State(state): State<AppState>,
    Agent(_): Agent,
    Query(params): Query<ReportParams>,
) -> Result<Response, AppError> {
    let scope = params.scope(&state)?;
    let as_csv = params.csv()?;
    let report = ticket_reports::responses(&state.report_db.reads, &scope).await?;
    Ok(answer(
        &report,
        "responses",
        &report.period,
        as_csv,
        csv::responses,
    ))
}

#[utoipa::path(get, path = "/v1/agent/insights/repeats", tag = "insights", security(("agent" = []), ("session" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "Repeat contact within 7 days, per queue and topic.", body = RepeatsReport),
        (status = 422, description = "`validation_failed`: a bad date, period or format.", body = ErrorBody),
    ))]
async fn repeats_report(
    State(state): State<AppState>,
    Agent(_): Agent,
    Query(params): Query<ReportParams>,
) -> Result<Response, AppError> {
    let scope = params.scope(&state)?;
    let as_csv = params.csv()?;
    let report = ticket_reports::repeats(&state.report_db.reads, &scope).await?;
    Ok(answer(
        &report,
        "repeats",
        &report.period,
        as_csv,
        csv::repeats,
    ))
}

#[utoipa::path(get, path = "/v1/agent/insights/triage", tag = "insights", security(("agent" = []), ("session" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "Re-route rate, confusion matrices, accuracy per week and drift of the ticket mix.", body = TriageReport),
        (status = 422, description = "`validation_failed`: a bad date, period or format.", body = ErrorBody),
    ))]
async fn triage_accuracy_report(
    State(state): State<AppState>,
    Agent(_): Agent,
    Query(params): Query<ReportParams>,
) -> Result<Response, AppError> {
    let scope = params.scope(&state)?;
    let as_csv = params.csv()?;
    let report = triage_report::triage(&state.report_db.reads, &scope).await?;
    Ok(answer(
        &report,
        "triage",
        &report.period,
        as_csv,
        csv::triage,
    ))
}
