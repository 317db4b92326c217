//! The only module that talks HTTP: one async function per desk endpoint the console uses. Same origin, so the
//! session cookie goes along by itself; every write carries the CSRF header the desk requires.

use crate::filters::Filters;
use crate::model::{
    Account, AgentRef, AgentView, InboxCounts, OpenIncident, Presence, Reroute,
    ScheduleMaintenance, SessionAnswer, SiteComponents, TicketPage, UpdateIncident,
};
use crate::reports::{Cut, Report, Span};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;
use signpost_core::experiments::report::ExperimentsReport;
use signpost_core::feed::{ComponentMap, Summary};
use signpost_core::insights::reports::{
    ArticlesReport, FlowsReport, FunnelReport, RepeatsReport, ResponsesReport, SearchReport,
    TriageReport,
};
use signpost_core::tickets::TicketStatus;
use signpost_core::wire::{ErrorBody, FieldError};

/// Proves to the desk that the console, not a cross-site form, sent a write.
const CONSOLE_HEADER: &str = "X-Signpost-Console";

/// Why a call to the desk failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// No answer: offline, or the desk is down.
    Network(String),
    /// The desk answered with an error status.
    Status {
        status: u16,
        body: Option<ErrorBody>,
        /// From `Retry-After`, on a 429.
        retry_after: Option<u64>,
    },
    /// An answer we cannot read.
    Decode(String),
}

impl ClientError {
    /// The HTTP status, when the desk answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The per-field problems of a 422.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ClientError::Status {
                body: Some(body), ..
            } => &body.fields,
            _ => &[],
        }
    }

    /// A short technical detail for an error line ("HTTP 404", the network error).
    pub fn detail(&self) -> String {
        match self {
            ClientError::Network(err) | ClientError::Decode(err) => err.clone(),
            ClientError::Status { status, .. } => format!("HTTP {status}"),
        }
    }
}

fn ticket_path(id: &str, tail: &str) -> String {
    format!(
        "/v1/agent/tickets/{}{tail}",
        js_sys::encode_uri_component(id)
    )
}

/// A write: the CSRF header set.
fn write(builder: RequestBuilder) -> RequestBuilder {
    builder.header(CONSOLE_HEADER, "1")
}

async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ClientError> {
    let request = request.map_err(|err| ClientError::Decode(err.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|err| ClientError::Network(err.to_string()))?;
    if response.ok() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.trim().parse().ok());
    Err(ClientError::Status {
        status: response.status(),
        // Not every error comes from the desk (a proxy's HTML page): then there is no body to read.
        body: response.json::<ErrorBody>().await.ok(),
        retry_after,
    })
}

async fn read<T: DeserializeOwned>(
    request: Result<Request, gloo_net::Error>,
) -> Result<T, ClientError> {
    send(request)
        .await?
        .json()
        .await
        .map_err(|err| ClientError::Decode(err.to_string()))
}

fn post(path: &str, body: &impl Serialize) -> Result<Request, gloo_net::Error> {
    write(Request::post(path)).json(body)
}

/// `GET /v1/console/session`: who is signed in.
pub async fn session() -> Result<Account, ClientError> {
    let answer: SessionAnswer = read(Request::get("/v1/console/session").build()).await?;
    Ok(answer.agent)
}

/// `POST /v1/console/session`: signs in.
pub async fn sign_in(email: &str, password: &str) -> Result<Account, ClientError> {
    let body = json!({ "email": email, "password": password });
    let answer: SessionAnswer = read(post("/v1/console/session", &body)).await?;
    Ok(answer.agent)
}

/// `DELETE /v1/console/session`: signs out.
pub async fn sign_out() -> Result<(), ClientError> {
    send(write(Request::delete("/v1/console/session")).build())
        .await
        .map(drop)
}

/// `POST /v1/console/password`: sets the password from a one-time link. Every session of the agent ends.
pub async fn set_password(token: &str, password: &str) -> Result<Account, ClientError> {
    let body = json!({ "token": token, "password": password });
    let answer: SessionAnswer = read(post("/v1/console/password", &body)).await?;
    Ok(answer.agent)
}

/// `GET /v1/agent/tickets`: one page of the list, `limit` rows after the cursor `after`.
pub async fn tickets(
    filters: &Filters,
    after: Option<&str>,
    limit: usize,
) -> Result<TicketPage, ClientError> {
    let mut query = filters.query();
    query.push(("limit", limit.to_string()));
    if let Some(after) = after {
        query.push(("after", after.to_owned()));
    }
    let request = Request::get("/v1/agent/tickets")
        .query(query.iter().map(|(key, value)| (*key, value.as_str())))
        .build();
    read(request).await
}

/// `GET /v1/agent/inbox`: open counts for the navigation.
pub async fn inbox() -> Result<InboxCounts, ClientError> {
    read(Request::get("/v1/agent/inbox").build()).await
}

/// `GET /v1/agent/team`: the agents a ticket can be assigned to.
pub async fn team() -> Result<Vec<AgentRef>, ClientError> {
    read(Request::get("/v1/agent/team").build()).await
}

/// `GET /v1/agent/tickets/{id}`.
pub async fn ticket(id: &str) -> Result<AgentView, ClientError> {
    read(Request::get(&ticket_path(id, "")).build()).await
}

/// `POST …/reply` (to the user) or `POST …/notes` (an internal note).
pub async fn add_message(id: &str, body: &str, internal: bool) -> Result<(), ClientError> {
    let tail = if internal { "/notes" } else { "/reply" };
    send(post(&ticket_path(id, tail), &json!({ "body": body })))
        .await
        .map(drop)
}

/// `POST …/status`.
pub async fn set_status(id: &str, status: TicketStatus) -> Result<(), ClientError> {
    let body = json!({ "status": status });
    send(post(&ticket_path(id, "/status"), &body))
        .await
        .map(drop)
}

/// `POST …/assignee`; `None` unassigns.
pub async fn assign(id: &str, agent_id: Option<i64>) -> Result<(), ClientError> {
    let body = json!({ "agent_id": agent_id });
    send(post(&ticket_path(id, "/assignee"), &body))
        .await
        .map(drop)
}

/// `POST …/reroute`.
pub async fn reroute(id: &str, reroute: &Reroute) -> Result<(), ClientError> {
    send(post(&ticket_path(id, "/reroute"), reroute))
        .await
        .map(drop)
}

/// `POST …/presence`: this agent has the ticket open (and is typing a reply, or not); answers who else has.
pub async fn presence(id: &str, typing: bool) -> Result<Presence, ClientError> {
    read(post(
        &ticket_path(id, "/presence"),
        &json!({ "typing": typing }),
    ))
    .await
}

/// `DELETE …/presence`: this agent left the ticket.
pub async fn leave(id: &str) -> Result<(), ClientError> {
    send(write(Request::delete(&ticket_path(id, "/presence"))).build())
        .await
        .map(drop)
}

/// `GET /api/v2/summary.json`: the status page now. Revalidated: the feed is cacheable for a few seconds, and
/// the page must show a write the moment it is made.
pub async fn status_summary() -> Result<Summary, ClientError> {
    let request = Request::get("/api/v2/summary.json")
        .cache(web_sys::RequestCache::NoCache)
        .build();
    let text = send(request)
        .await?
        .text()
        .await
        .map_err(|err| ClientError::Decode(err.to_string()))?;
    Summary::parse(&text).map_err(|err| ClientError::Decode(err.to_string()))
}

/// `GET /v1/site`, for which status components concern which surfaces.
pub async fn status_components() -> Result<ComponentMap, ClientError> {
    let site: SiteComponents = read(Request::get("/v1/site").build()).await?;
    Ok(site.status_components)
}

fn incident_path(id: &str, tail: &str) -> String {
    format!(
        "/v1/agent/incidents/{}{tail}",
        js_sys::encode_uri_component(id)
    )
}

/// `POST /v1/agent/incidents` (admins).
pub async fn open_incident(incident: &OpenIncident) -> Result<(), ClientError> {
    send(post("/v1/agent/incidents", incident)).await.map(drop)
}

/// `POST /v1/agent/incidents/{id}/updates` (admins).
pub async fn update_incident(id: &str, update: &UpdateIncident) -> Result<(), ClientError> {
    send(post(&incident_path(id, "/updates"), update))
        .await
        .map(drop)
}

/// `POST /v1/agent/incidents/{id}/resolve` (admins).
pub async fn resolve_incident(id: &str, update: &UpdateIncident) -> Result<(), ClientError> {
    send(post(&incident_path(id, "/resolve"), update))
        .await
        .map(drop)
}

/// `POST /v1/agent/maintenances` (admins).
pub async fn schedule_maintenance(maintenance: &ScheduleMaintenance) -> Result<(), ClientError> {
    send(post("/v1/agent/maintenances", maintenance))
        .await
        .map(drop)
}

/// `GET /v1/agent/insights/…`: one report over `span`.
async fn report<T: DeserializeOwned>(report: Report, span: Span) -> Result<T, ClientError> {
    let query = report.query(span);
    let request = Request::get(&report.path())
        .query(query.iter().map(|(key, value)| (*key, value.as_str())))
        .build();
    read(request).await
}

/// `GET /v1/agent/insights/funnel`: the self-service funnel over `span`, cut by `cut`.
pub async fn funnel_report(span: Span, cut: Cut) -> Result<FunnelReport, ClientError> {
    report(Report::Funnel(cut), span).await
}

/// `GET /v1/agent/insights/search`.
pub async fn search_report(span: Span) -> Result<SearchReport, ClientError> {
    report(Report::Search, span).await
}

/// `GET /v1/agent/insights/articles`.
pub async fn articles_report(span: Span) -> Result<ArticlesReport, ClientError> {
    report(Report::Articles, span).await
}

/// `GET /v1/agent/insights/flows`: each guided flow's versions, step by step.
pub async fn flows_report(span: Span) -> Result<FlowsReport, ClientError> {
    report(Report::Flows, span).await
}

/// `GET /v1/agent/insights/responses`.
pub async fn responses_report(span: Span) -> Result<ResponsesReport, ClientError> {
    report(Report::Responses, span).await
}

/// `GET /v1/agent/insights/repeats`.
pub async fn repeats_report(span: Span) -> Result<RepeatsReport, ClientError> {
    report(Report::Repeats, span).await
}

/// `GET /v1/agent/insights/triage`.
pub async fn triage_report(span: Span) -> Result<TriageReport, ClientError> {
    report(Report::Triage, span).await
}

/// `GET /v1/agent/insights/experiments`: every experiment of the content folder, each over its own lifetime (no
/// period).
pub async fn experiments_report() -> Result<ExperimentsReport, ClientError> {
    read(Request::get("/v1/agent/insights/experiments").build()).await
}
