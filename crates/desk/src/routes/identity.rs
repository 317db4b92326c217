//! `POST /v1/identity`, and the extractors that read the `X-Signpost-Identity` header for other routes.

use crate::error::AppError;
use crate::identity::{IdentityError, Verified, believed, verify};
use crate::routes::extract::AppJson;
use crate::state::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use signpost_core::check::{Check, Text};
use signpost_core::identity::{IDENTITY_HEADER, IdentityCheck, IdentityRequest};
use signpost_core::wire::ErrorBody;
use std::convert::Infallible;

/// What the desk says when identity is not configured.
const IDENTITY_OFF: &str = "verified identity is off: start the desk with --identity-secret";

/// `POST /v1/identity`.
pub fn router() -> Router<AppState> {
    Router::new().route("/v1/identity", post(check))
}

/// This route's part of `/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(paths(check))]
pub struct Api;

/// `POST /v1/identity {"token": "…"}`: 200 with who the token names and until when, else 401 saying why.
#[utoipa::path(post, path = "/v1/identity", operation_id = "check_identity", tag = "identity", request_body = IdentityRequest,
    responses(
        (status = 200, description = "Who the token names, and until when.", body = IdentityCheck),
        (status = 401, description = "`invalid_identity`: the token is not believed; `message` says why.", body = ErrorBody),
        (status = 403, description = "`forbidden`: verified identity is off on this desk.", body = ErrorBody),
    ))]
async fn check(
    State(state): State<AppState>,
    AppJson(request): AppJson<IdentityRequest>,
) -> Result<impl IntoResponse, AppError> {
    let Some(secret) = &state.identity_secret else {
        return Err(AppError::Forbidden(IDENTITY_OFF));
    };
    let mut check = Check::new();
    // A long or malformed token is the verifier's to name (401 saying why); here only a blank one is refused.
    let token = check.text("token", &request.token, Text::line(usize::MAX).required());
    check.finish()?;
    let verified = verify(token.unwrap_or_default(), secret)?;
    Ok((
        [(header::CACHE_CONTROL, "no-store")],
        Json(verified.check()),
    ))
}

/// The identity token a request carries, if any (an unreadable header value counts as a malformed token).
fn presented(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(IDENTITY_HEADER)
        .map(|value| value.to_str().unwrap_or("?").trim())
}

/// Add a [`Verified`] argument to a handler to require an identity: 401 (`invalid_identity`, saying why)
/// without a good token, 403 when the desk has no secret.
impl FromRequestParts<AppState> for Verified {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Verified, AppError> {
        let Some(secret) = &state.identity_secret else {
            return Err(AppError::Forbidden(IDENTITY_OFF));
        };
        let token = presented(&parts.headers).ok_or(IdentityError::Missing)?;
        Ok(verify(token, secret)?)
    }
}

/// The request's identity for endpoints that also work anonymously: `None` without a good token (a bad one is
/// logged, not refused).
#[derive(Debug)]
pub struct MaybeVerified(pub Option<Verified>);

impl FromRequestParts<AppState> for MaybeVerified {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<MaybeVerified, Infallible> {
        Ok(MaybeVerified(believed(
            presented(&parts.headers),
            state.identity_secret.as_ref(),
        )))
    }
}
