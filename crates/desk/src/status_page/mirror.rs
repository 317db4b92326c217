//! Mirroring another Statuspage (`--status-upstream`). The operator may give the status page's address
//! (`https://status.example.com`) or its `summary.json`; the desk derives `/api/v2/summary.json` from the
//! first. The upstream is read once before the desk starts: an answer that is not a Statuspage summary (a web
//! page, a redirect, a 404, `status.json`, a body over [`MAX_BODY_BYTES`]) stops the start with the reason,
//! while an upstream that does not answer yet only shows in `/healthz`. Then it is polled with `ETag` and
//! `If-Modified-Since`, backing off while it fails and keeping the last good state (the status hub does this,
//! with what this module reads); redirects are never followed.

use reqwest::header::{self, HeaderValue};
use reqwest::{StatusCode, Url};
use signpost_core::feed::{Feed, Summary};
use signpost_core::wire::{UpstreamHealth, UpstreamState};
use std::time::Duration;

/// How often a mirror polls its upstream while it answers, and the longest wait while it does not.
pub const POLL: Duration = Duration::from_secs(15);
pub const MAX_BACKOFF: Duration = Duration::from_secs(300);
const TIMEOUT: Duration = Duration::from_secs(10);

/// The largest upstream body read: large status pages' summaries are tens of kilobytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Why a poll gave no summary.
#[derive(Debug, thiserror::Error)]
pub enum PollError {
    /// No answer or a server error: it may come back.
    #[error("{0}")]
    Unreachable(String),
    /// An answer that is not a Statuspage summary: the URL is wrong.
    #[error("{0}")]
    NotASummary(String),
}

impl PollError {
    /// The state `/healthz` reports for it.
    pub fn state(&self) -> UpstreamState {
        match self {
            PollError::Unreachable(_) => UpstreamState::Unreachable,
            PollError::NotASummary(_) => UpstreamState::NotASummary,
        }
    }
}

/// What one poll brought.
pub enum Polled {
    /// The upstream's state has not changed since the last poll.
    NotModified,
    /// Its summary, with what to send to ask whether it changed.
    Summary {
        summary: Box<Summary>,
        etag: Option<String>,
        modified: Option<String>,
    },
}

/// The `summary.json` to poll for what the operator gave: a status page's address, or a `.json` URL as is.
pub fn summary_url(given: &str) -> anyhow::Result<Url> {
    let mut url = Url::parse(given.trim())
        .map_err(|err| anyhow::anyhow!("not a URL ({err}); give the status page's address"))?;
    if !matches!(url.scheme(), "http" | "https") {
        anyhow::bail!("not an http(s) URL; give the status page's address");
    }
    if !url.path().ends_with(".json") {
        let page = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{page}/api/v2/summary.json"));
    }
    Ok(url)
}

/// An upstream and the client that polls it.
#[derive(Clone, Debug)]
pub struct Upstream {
    url: Url,
    client: reqwest::Client,
}

impl Upstream {
    /// The upstream named by `given` (see [`summary_url`]).
    pub fn new(given: &str) -> anyhow::Result<Upstream> {
        let client = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Upstream {
            url: summary_url(given)?,
            client,
        })
    }

    /// The URL polled, as it may be shown (any key in it redacted).
    pub fn shown(&self) -> String {
        crate::redact::url(self.url.as_str())
    }

    /// The health before the first poll.
    pub fn unpolled(&self) -> UpstreamHealth {
        UpstreamHealth {
            url: self.shown(),
            state: UpstreamState::Unreachable,
            last_success: None,
            message: Some("not polled yet".to_owned()),
        }
    }

    /// One poll, conditional on `etag` and `modified` when given.
    pub async fn poll(
        &self,
        etag: Option<&str>,
        modified: Option<&str>,
    ) -> Result<Polled, PollError> {
        let mut request = self.client.get(self.url.clone());
        if let Some(tag) = etag {
            request = request.header(header::IF_NONE_MATCH, tag);
        }
        if let Some(since) = modified {
            request = request.header(header::IF_MODIFIED_SINCE, since);
        }
        let response = request
            .send()
            .await
            .map_err(|err| PollError::Unreachable(crate::redact::http_error(err)))?;
        let status = response.status();
        match status {
            StatusCode::NOT_MODIFIED => return Ok(Polled::NotModified),
            s if s.is_success() => {}
            s if s.is_redirection() => {
                let to = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|to| self.url.join(to).ok())
                    .map_or_else(
                        || "elsewhere".to_owned(),
                        |to| crate::redact::url(to.as_str()),
                    );
                return Err(PollError::NotASummary(format!(
                    "answered {s}, redirecting to {to}; redirects are not followed: give that URL"
                )));
            }
            s if s.is_server_error() => {
                return Err(PollError::Unreachable(format!("answered {s}")));
            }
            s => {
                return Err(PollError::NotASummary(format!(
                    "answered {s}: there is no Statuspage summary there"
                )));
            }
        }
        let header_text = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let (etag, modified) = (
            header_text(header::ETAG),
            header_text(header::LAST_MODIFIED),
        );
        let body = read_capped(response).await?;
        Ok(Polled::Summary {
            summary: Box::new(read_summary(&body)?),
            etag,
            modified,
        })
    }
}

/// The body, refused once it passes [`MAX_BODY_BYTES`] (read no further).
async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, PollError> {
    let too_large = || {
        PollError::NotASummary(format!(
            "the answer is larger than {} KiB; a Statuspage summary is far smaller",
            MAX_BODY_BYTES / 1024
        ))
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|err| PollError::Unreachable(crate::redact::http_error(err)))?
    {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A Statuspage `summary.json`: a v2 feed with the page, its status, its components and its incidents.
pub fn read_summary(body: &[u8]) -> Result<Summary, PollError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| PollError::NotASummary("the answer is not UTF-8 text".to_owned()))?;
    let feed = Feed::parse(text)
        .map_err(|err| PollError::NotASummary(format!("not a Statuspage summary: {err}")))?;
    let missing: Vec<&str> = [
        ("page", feed.page.is_none()),
        ("status", feed.status.is_none()),
        ("components", feed.components.is_none()),
        ("incidents", feed.incidents.is_none()),
    ]
    .into_iter()
    .filter_map(|(key, absent)| absent.then_some(key))
    .collect();
    if !missing.is_empty() {
        return Err(PollError::NotASummary(format!(
            "a Statuspage v2 document without {}: not a summary (give the status page's address or its \
             /api/v2/summary.json)",
            missing.join(", ")
        )));
    }
    Ok(feed.into_summary())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_address_means_its_summary() {
        for (given, polled) in [
            (
                "https://status.example.com",
                "https://status.example.com/api/v2/summary.json",
            ),
            (
                "https://status.example.com/",
                "https://status.example.com/api/v2/summary.json",
            ),
            (
                "https://example.com/status/",
                "https://example.com/status/api/v2/summary.json",
            ),
            (
                "https://status.example.com/api/v2/summary.json",
                "https://status.example.com/api/v2/summary.json",
            ),
            (
                "https://status.example.com/?api_key=k",
                "https://status.example.com/api/v2/summary.json?api_key=k",
            ),
        ] {
            assert_eq!(summary_url(given).unwrap().as_str(), polled, "{given}");
        }
        for wrong in ["status.example.com", "ftp://status.example.com", ""] {
            assert!(summary_url(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn only_a_summary_is_a_summary() {
        let summary = br#"{"page":{"id":"p","name":"P"},"status":{"indicator":"none"},"components":[],"incidents":[],"scheduled_maintenances":[]}"#;
        assert!(read_summary(summary).is_ok());
        for (body, says) in [
            (
                &b"<!doctype html><title>Status</title>"[..],
                "not a Statuspage summary",
            ),
            (
                br#"{"page":{"id":"p"},"status":{"indicator":"none"}}"#,
                "without components, incidents",
            ),
            (
                br#"{"status":"ok","database":"sqlite"}"#,
                "field `status` must be an object",
            ),
            (br#"{"incidents":[]}"#, "without page, status, components"),
            (br#"{"hello":"world"}"#, "not a Statuspage summary"),
            (b"\xff\xfe", "not UTF-8"),
        ] {
            let err = read_summary(body).unwrap_err();
            assert!(matches!(err, PollError::NotASummary(_)));
            assert!(err.to_string().contains(says), "{err}");
        }
    }
}
