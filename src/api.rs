//! The only module that talks HTTP: one typed call per desk endpoint, over the wire types in `signpost-core`.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use signpost_core::help::{Article, Audience, FeedbackRequest, SearchResponse, SiteConfig};
use signpost_core::wire::ErrorBody;

/// Why a call to the desk failed.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// No answer: offline, desk down, CORS, or cancelled.
    #[error("could not reach support: {0}")]
    Network(String),
    /// The desk answered with an error.
    #[error("support answered {status}: {}", body.as_ref().map_or("", |b| b.message.as_str()))]
    Status {
        status: u16,
        body: Option<ErrorBody>,
    },
    /// The desk answered with something we cannot read.
    #[error("unexpected answer from support: {0}")]
    Decode(String),
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

    /// `GET /v1/articles/{id}`.
    pub async fn article(&self, id: &str, locale: &str) -> Result<Article, ClientError> {
        let path = format!("/v1/articles/{}", js_sys::encode_uri_component(id));
        let request = Request::get(&self.url(&path)).query([("locale", locale)]);
        read(request.send().await).await
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

async fn read<T: DeserializeOwned>(
    sent: Result<Response, gloo_net::Error>,
) -> Result<T, ClientError> {
    let response = check(sent.map_err(|err| ClientError::Network(err.to_string()))?).await?;
    response
        .json()
        .await
        .map_err(|err| ClientError::Decode(err.to_string()))
}

async fn check(response: Response) -> Result<Response, ClientError> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = response.json::<ErrorBody>().await.ok();
    Err(ClientError::Status { status, body })
}
