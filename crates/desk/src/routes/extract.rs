//! Extractors the routes share: JSON bodies whose every rejection answers in the one error body, who made an
//! agent request ([`Agent`], [`Admin`]), and the client's address. A handler takes [`AppJson`] (or [`JsonBody`] when it needs the bytes too)
//! rather than axum's `Json`, so the same wrong body gets the same answer on every endpoint:
//!
//! - no `Content-Type: application/json` (or `…+json`): 415 `unsupported_media_type`;
//! - over the size limit: 413 `payload_too_large`;
//! - not JSON: 400 `bad_request`;
//! - JSON of the wrong shape: 422 `validation_failed`, naming the field (`required` for a missing one,
//!   `invalid_value` for a wrong type or an unknown choice).

use crate::address::{AddressKey, PeerAddr};
use crate::agents::{self, Actor};
use crate::digest::constant_time_eq;
use crate::error::AppError;
use crate::limits;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::error::Category;
use signpost_core::wire::{FieldError, Problem};
use std::net::IpAddr;

/// A JSON request body, parsed into `T`.
#[derive(Debug)]
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<AppJson<T>, AppError> {
        let body = JsonBody::from_request(request, state).await?;
        body.parse().map(AppJson)
    }
}

/// The body of a JSON request, read (declared as JSON, within the size limit) but not parsed yet: for handlers
/// that need the exact bytes too, such as a ticket's idempotency fingerprint.
#[derive(Debug)]
pub struct JsonBody(pub Bytes);

impl JsonBody {
    /// The body as `T`, refused as [`AppJson`] refuses it. Read as plain JSON first, so text that is not JSON
    /// is always a 400 and a body that is not an object always the same 422, whatever `T` is.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        serde_json::from_slice::<IgnoredAny>(&self.0).map_err(|err| not_json(&err))?;
        if self.0.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(AppError::Shape(FieldError {
                field: "body".into(),
                problem: Problem::InvalidValue,
                message: "must be a JSON object".into(),
            }));
        }
        let mut json = serde_json::Deserializer::from_slice(&self.0);
        serde_path_to_error::deserialize(&mut json).map_err(|err| {
            let path = err.path().to_string();
            let err = err.into_inner();
            match err.classify() {
                Category::Data => AppError::Shape(shape_problem(&path, &err)),
                _ => not_json(&err),
            }
        })
    }
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<JsonBody, AppError> {
        if !declares_json(request.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(unreadable)?;
        Ok(JsonBody(bytes))
    }
}

/// A JSON body that may also come as `text/plain`: what `navigator.sendBeacon` sends across origins, where it
/// cannot declare JSON. Refused as [`AppJson`] refuses a body otherwise.
#[derive(Debug)]
pub struct BeaconJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for BeaconJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<BeaconJson<T>, AppError> {
        let plain = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/plain"));
        if !plain && !declares_json(request.headers()) {
            return Err(AppError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(unreadable)?;
        JsonBody(bytes).parse().map(BeaconJson)
    }
}

/// `application/json`, or a JSON-based type such as `application/merge-patch+json`, with any parameters.
fn declares_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn unreadable(rejection: BytesRejection) -> AppError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest(rejection.body_text())
    }
}

fn not_json(err: &serde_json::Error) -> AppError {
    AppError::BadRequest(format!("the body is not valid JSON: {err}"))
}

/// The field a shape error is about, by its JSON path (`context.order_amount`; `body` for the whole), with the
/// parser's words (without their position) as the message.
fn shape_problem(path: &str, err: &serde_json::Error) -> FieldError {
    let text = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let message = text.strip_suffix(&position).unwrap_or(&text).to_owned();
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(name, _)| name.to_owned());
    let (field, problem, message) = match (path, missing) {
        (".", Some(name)) => (name, Problem::Required, message),
        (path, Some(name)) => (format!("{path}.{name}"), Problem::Required, message),
        (".", None) => ("body".to_owned(), Problem::InvalidValue, message),
        (path, None) => (path.to_owned(), Problem::InvalidValue, message),
    };
    FieldError {
        field,
        problem,
        message,
    }
}

/// The cookie that holds a console session's secret.
pub const SESSION_COOKIE: &str = "signpost_session";
/// The header every console write carries. A cross-site form cannot send a custom header (and a cross-site
/// script that tries needs a CORS preflight, which the desk never grants with cookies), so a write with the
/// session cookie and without this header came from another site: refused.
pub const CONSOLE_HEADER: &str = "x-signpost-console";

/// Who made an agent request. Add it as a handler argument to protect a route. In order:
///
/// - a bearer token: the desk's service token (`--agent-token`) or an agent's API token (`spt_…`);
/// - else the console's session cookie, with [`CONSOLE_HEADER`] on anything but a read;
///
/// 401 without either or with a wrong or ended one, 403 for a console write without the header, 429 for an
/// address that presented too many wrong tokens or passwords lately (counted in the database, so across
/// replicas; checked before anything is compared).
#[derive(Debug)]
pub struct Agent(pub Actor);

impl FromRequestParts<AppState> for Agent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Agent, AppError> {
        let ClientAddress(address) = ClientAddress::from_request_parts(parts, state).await?;
        let failures = failures_key(address);
        let limit = state.limits.agent_failures;
        limits::check(&state.db, &failures, limit).await??;
        if let Some(presented) = bearer(&parts.headers) {
            if let Some(service) = &state.agent_token
                && constant_time_eq(presented.as_bytes(), service.expose().as_bytes())
            {
                return Ok(Agent(Actor::Service));
            }
            if let Some(account) = agents::tokens::agent(&state.db, presented).await? {
                return Ok(Agent(Actor::Agent(account)));
            }
            limits::count(&state.db, &failures, limit).await?;
            tracing::warn!(%address, "wrong agent token");
            return Err(AppError::Unauthorized);
        }
        let Some(session) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(AppError::NotSignedIn(
                "sign in to the console, or send an agent token",
            ));
        };
        let account = agents::sessions::agent(&state.db, session, state.console.sessions)
            .await?
            .ok_or(AppError::NotSignedIn(
                "your session has ended: sign in again",
            ))?;
        if !parts.method.is_safe() {
            console_write(&parts.headers)?;
        }
        Ok(Agent(Actor::Agent(account)))
    }
}

/// An [`Agent`] with an admin's rights (an admin, or the service token): 403 for other agents.
#[derive(Debug)]
pub struct Admin(pub Actor);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Admin, AppError> {
        let Agent(actor) = Agent::from_request_parts(parts, state).await?;
        if actor.is_admin() {
            Ok(Admin(actor))
        } else {
            Err(AppError::Forbidden("only an admin may do this"))
        }
    }
}

/// What wrong tokens and wrong passwords from `address` are counted under.
pub fn failures_key(address: IpAddr) -> String {
    limits::key("agent-failures/address", AddressKey::of(address))
}

/// 403 unless the request carries [`CONSOLE_HEADER`]: a write sent by the console itself.
pub fn console_write(headers: &HeaderMap) -> Result<(), AppError> {
    if headers.contains_key(CONSOLE_HEADER) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "refused: a console write must carry the X-Signpost-Console header (cross-site requests cannot)",
        ))
    }
}

/// The value of cookie `name`, if the request sent it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// The client's address: the peer's, or behind a `--trusted-proxy` the one the proxy forwarded.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientAddress, AppError> {
        let PeerAddr(peer) = parts
            .extensions
            .get::<PeerAddr>()
            .copied()
            .ok_or_else(|| anyhow::anyhow!("no peer address: serve through Application"))?;
        let values = |name| -> Vec<&str> {
            parts
                .headers
                .get_all(name)
                .iter()
                .filter_map(|value| value.to_str().ok())
                .collect()
        };
        let address = state.trusted_proxies.client(
            peer.ip(),
            &values("x-forwarded-for"),
            &values("forwarded"),
        );
        Ok(ClientAddress(address))
    }
}

/// The token of an `Authorization: Bearer …` header.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use signpost_core::tickets::NewTicket;

    fn parsed<T: DeserializeOwned>(body: &str) -> Result<T, AppError> {
        JsonBody(Bytes::from(body.to_owned())).parse()
    }

    fn shape(body: &str) -> FieldError {
        match parsed::<NewTicket>(body) {
            Err(AppError::Shape(problem)) => problem,
            other => panic!("{body}: {other:?}"),
        }
    }

    #[test]
    fn shape_problems_name_the_field() {
        let missing = shape(r#"{"topic": "refund", "message": "m"}"#);
        assert_eq!(
            (missing.field.as_str(), &missing.problem),
            ("subject", &Problem::Required)
        );
        let wrong = shape(
            r#"{"topic": "refund", "subject": "s", "message": "m", "context": {"order_amount": "lots"}}"#,
        );
        assert_eq!(
            (wrong.field.as_str(), &wrong.problem),
            ("context.order_amount", &Problem::InvalidValue)
        );
        assert_eq!(
            wrong.message,
            r#"invalid type: string "lots", expected f64"#
        );
        let nested = shape(
            r#"{"topic": "r", "subject": "s", "message": "m", "context": {"articles_read": [{"id": "a"}]}}"#,
        );
        assert_eq!(nested.field, "context.articles_read[0].title");
        let whole = shape("[1, 2]");
        assert_eq!(
            (whole.field.as_str(), &whole.problem, whole.message.as_str()),
            ("body", &Problem::InvalidValue, "must be a JSON object")
        );
    }

    #[test]
    fn text_that_is_not_json_is_a_bad_request() {
        for body in ["{\"topic\": ", "", "{} trailing", "nope"] {
            assert!(
                matches!(
                    parsed::<serde_json::Value>(body),
                    Err(AppError::BadRequest(_))
                ),
                "{body:?}"
            );
        }
    }

    #[test]
    fn json_content_types() {
        let declared = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            declares_json(&headers)
        };
        assert!(declared("application/json"));
        assert!(declared("Application/JSON; charset=utf-8"));
        assert!(declared("application/merge-patch+json"));
        assert!(!declared("text/plain"));
        assert!(!declared("application/jsonx"));
        assert!(!declares_json(&HeaderMap::new()));
    }
}
