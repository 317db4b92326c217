//! The only module that talks HTTP: one typed call per desk endpoint, over the wire types in `signpost-core`,
//! and the status feed's `summary.json`, which may be any origin's.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use signpost_core::experiments::{AssignmentRequest, AssignmentResponse};
use signpost_core::flows::FlowDocument;
use signpost_core::help::{Article, Audience, FeedbackRequest, SearchResponse, SiteConfig};
use signpost_core::identity::{IDENTITY_HEADER, IdentityCheck, IdentityRequest, UserTicket};
use signpost_core::tickets::{NewMessage, Satisfaction, StreamTicket, TicketCreated, TicketView};
use signpost_core::wire::{ErrorBody, ErrorCode};

/// How long filing a ticket may take before it is saved for later instead.
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);

/// Why a call to the desk failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// No answer: offline, desk down, CORS, or cancelled.
    #[error("could not reach support: {0}")]
    Network(String),
    /// The desk answered with an error; `body` is its answer as sent, read by [`ClientError::body`] where it
    /// matters (its types are heavy, and most failures need only the status).
    #[error("support answered {status}: {}", body.as_deref().unwrap_or_default())]
    Status { status: u16, body: Option<String> },
    /// The desk answered with something we cannot read.
    #[error("unexpected answer from support: {0}")]
    Decode(String),
}

/// One language's interface messages, from the widget build's `messages-<tag>.json` at `url`.
pub async fn messages(url: &str) -> Result<Vec<String>, ClientError> {
    read(Request::get(url).send().await).await
}

/// A client for one desk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Api {
    desk: String,
}

impl Api {
    /// A client for the desk at `desk` (no trailing slash).
    pub fn new(desk: impl Into<String>) -> Self {
        Api { desk: desk.into() }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.desk)
    }

    /// `GET /v1/site`: rules and article catalog.
    pub async fn site(&self, locale: &str) -> Result<SiteConfig, ClientError> {
        let request = Request::get(&self.url("/v1/site")).query([("locale", locale)]);
        read(request.send().await).await
    }

    /// `POST /v1/experiments/assignment`: the experiments' variants this user gets on this page.
    pub async fn assignment(
        &self,
        request: &AssignmentRequest,
    ) -> Result<AssignmentResponse, ClientError> {
        let request = Request::post(&self.url("/v1/experiments/assignment"))
            .json(request)
            .map_err(|err| ClientError::Decode(err.to_string()))?;
        read(request.send().await).await
    }

    /// POSTs `body` to `path` and reads the answer as JSON, for a caller that reads it by hand (a derived
    /// reader weighs more).
    pub async fn post_json(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, ClientError> {
        let request = Request::post(&self.url(path))
            .json(body)
            .map_err(|err| ClientError::Decode(err.to_string()))?;
        read(request.send().await).await
    }

    /// `GET /v1/search`. Aborting `signal` cancels the request (a newer keystroke made it stale).
    pub async fn search(
        &self,
        query: &str,
        locale: &str,
        audience: Audience,
        signal: &web_sys::AbortSignal,
    ) -> Result<SearchResponse, ClientError> {
        let audience = match audience {
            Audience::Buyer => "buyer",
            Audience::Seller => "seller",
            Audience::All => "all",
        };
        let request = Request::get(&self.url("/v1/search"))
            .query([
                ("q", query),
                ("locale", locale),
                ("audience", audience),
                ("limit", "8"),
            ])
            .abort_signal(Some(signal));
        read(request.send().await).await
    }

    /// `GET /v1/articles/{id}`, as variant `variant` of the experiment on its text (0: the article's own).
    pub async fn article(
        &self,
        id: &str,
        locale: &str,
        variant: u32,
    ) -> Result<Article, ClientError> {
        let path = format!("/v1/articles/{}", js_sys::encode_uri_component(id));
        let mut request = Request::get(&self.url(&path)).query([("locale", locale)]);
        if variant > 0 {
            request = request.query([("variant", variant.to_string())]);
        }
        read(request.send().await).await
    }

    /// `GET /v1/flows/{id}`: the flow file, every language in it.
    pub async fn flow(&self, id: &str) -> Result<FlowDocument, ClientError> {
        let path = format!("/v1/flows/{}", js_sys::encode_uri_component(id));
        read(Request::get(&self.url(&path)).send().await).await
    }

    /// `POST /v1/articles/{id}/feedback`.
    pub async fn feedback(&self, id: &str, vote: &FeedbackRequest) -> Result<(), ClientError> {
        let path = format!("/v1/articles/{}/feedback", js_sys::encode_uri_component(id));
        let request = Request::post(&self.url(&path))
            .json(vote)
            .map_err(|err| ClientError::Decode(err.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|err| ClientError::Network(err.to_string()))?;
        check(response).await.map(drop)
    }
}

impl Api {
    /// `POST /v1/tickets` with `ticket`, a [`NewTicket`](signpost_core::tickets::NewTicket) as JSON (as the
    /// outbox keeps it); retrying with the same `idempotency_key` can never file a second ticket.
    /// With `identity` (a token the desk verified), the desk files it under the user's verified identity.
    pub async fn create_ticket(
        &self,
        ticket: &serde_json::Value,
        idempotency_key: &str,
        identity: Option<&str>,
    ) -> Result<TicketCreated, ClientError> {
        // A desk that takes the request and never answers must not leave the user waiting: give up (the ticket
        // goes to the outbox, and its idempotency key makes a late success harmless).
        let controller = web_sys::AbortController::new()
            .map_err(|_| ClientError::Network("no AbortController".into()))?;
        let abort = controller.clone();
        let timer =
            leptos::prelude::set_timeout_with_handle(move || abort.abort(), SEND_TIMEOUT).ok();
        let mut request = Request::post(&self.url("/v1/tickets"))
            .header("Idempotency-Key", idempotency_key)
            .abort_signal(Some(&controller.signal()));
        if let Some(token) = identity {
            request = request.header(IDENTITY_HEADER, token);
        }
        let request = request
            .json(ticket)
            .map_err(|err| ClientError::Decode(err.to_string()))?;
        let answer = read(request.send().await).await;
        if let Some(timer) = timer {
            timer.clear();
        }
        answer
    }
    /// `POST /v1/identity`: the desk's verdict on the page's identity token.
    pub async fn identify(&self, token: &str) -> Result<IdentityCheck, ClientError> {
        let body = IdentityRequest {
            token: token.to_owned(),
        };
        let request = Request::post(&self.url("/v1/identity"))
            .json(&body)
            .map_err(|err| ClientError::Decode(err.to_string()))?;
        read(request.send().await).await
    }

    /// `GET /v1/me/tickets`: the verified user's tickets, filed from any device.
    pub async fn my_tickets(&self, identity: &str) -> Result<Vec<UserTicket>, ClientError> {
        let request = Request::get(&self.url("/v1/me/tickets")).header(IDENTITY_HEADER, identity);
        read(request.send().await).await
    }

    /// `GET /v1/tickets/{id}` with the ticket's access token.
    pub async fn ticket(&self, id: &str, token: &str) -> Result<TicketView, ClientError> {
        let request =
            Request::get(&self.url(&format!("/v1/tickets/{}", js_sys::encode_uri_component(id))))
                .header("Authorization", &format!("Bearer {token}"));
        read(request.send().await).await
    }

    /// `POST /v1/tickets/{id}/messages`: the user's reply.
    pub async fn reply(
        &self,
        id: &str,
        token: &str,
        message: &NewMessage,
    ) -> Result<TicketView, ClientError> {
        let path = format!("/v1/tickets/{}/messages", js_sys::encode_uri_component(id));
        let request = Request::post(&self.url(&path))
            .header("Authorization", &format!("Bearer {token}"))
            .json(message)
            .map_err(|err| ClientError::Decode(err.to_string()))?;
        read(request.send().await).await
    }

    /// `POST /v1/tickets/{id}/satisfaction`: how the user rated the help on a solved ticket.
    pub async fn rate_help(
        &self,
        id: &str,
        token: &str,
        answer: &Satisfaction,
    ) -> Result<TicketView, ClientError> {
        let path = format!(
            "/v1/tickets/{}/satisfaction",
            js_sys::encode_uri_component(id)
        );
        let request = Request::post(&self.url(&path))
            .header("Authorization", &format!("Bearer {token}"))
            .json(answer)
            .map_err(|err| ClientError::Decode(err.to_string()))?;
        read(request.send().await).await
    }

    /// Where the thread's event stream is: `POST …/stream-ticket` with the access token in a header gives a
    /// one-time stream ticket, which goes in the URL instead (`EventSource` cannot send headers, and a URL lands
    /// in logs). The browser reconnects by itself with the last event's id, which the desk accepts instead.
    pub async fn ticket_stream_url(&self, id: &str, token: &str) -> Result<String, ClientError> {
        let id = js_sys::encode_uri_component(id);
        let request = Request::post(&self.url(&format!("/v1/tickets/{id}/stream-ticket")))
            .header("Authorization", &format!("Bearer {token}"));
        let granted: StreamTicket = read(request.send().await).await?;
        let ticket = js_sys::encode_uri_component(&granted.ticket);
        Ok(self.url(&format!("/v1/tickets/{id}/stream?ticket={ticket}")))
    }
}

/// `GET summary.json` of a Statuspage-compatible feed (the desk's own or any origin's), as text: the feed is
/// read tolerantly by `Summary::parse`. The browser revalidates it by ETag.
pub async fn status_summary(url: &str) -> Result<String, ClientError> {
    let request = Request::get(url).cache(web_sys::RequestCache::NoCache);
    let response = request
        .send()
        .await
        .map_err(|err| ClientError::Network(err.to_string()))?;
    check(response)
        .await?
        .text()
        .await
        .map_err(|err| ClientError::Decode(err.to_string()))
}

impl ClientError {
    /// The desk's error body: its code, message and the problem with each field, when it sent one.
    pub fn body(&self) -> Option<ErrorBody> {
        match self {
            ClientError::Status {
                body: Some(text), ..
            } => crate::json::from_str(text).ok(),
            _ => None,
        }
    }

    /// Whether trying again later could succeed: no answer, or the desk failing (5xx, 429).
    pub fn is_transient(&self) -> bool {
        match self {
            ClientError::Network(_) => true,
            ClientError::Status { status, .. } => {
                *status >= 500 || *status == 429 || *status == 408
            }
            ClientError::Decode(_) => false,
        }
    }

    /// How long the desk asked us to wait before trying again (the `retry_after_seconds` of a 429 or 503), in
    /// milliseconds.
    pub fn retry_after_ms(&self) -> Option<f64> {
        match self.body()?.code {
            ErrorCode::RateLimited {
                retry_after_seconds,
            }
            | ErrorCode::Unavailable {
                retry_after_seconds,
                ..
            } => Some(retry_after_seconds as f64 * 1_000.0),
            _ => None,
        }
    }
}

async fn read<T: DeserializeOwned>(
    sent: Result<Response, gloo_net::Error>,
) -> Result<T, ClientError> {
    let response = check(sent.map_err(|err| ClientError::Network(err.to_string()))?).await?;
    let text = response
        .text()
        .await
        .map_err(|err| ClientError::Network(err.to_string()))?;
    crate::json::from_str(&text).map_err(|err| ClientError::Decode(err.to_string()))
}

async fn check(response: Response) -> Result<Response, ClientError> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = response.text().await.ok();
    Err(ClientError::Status { status, body })
}
