//! The desk's one error type with its one `IntoResponse` (axum is imported here for that alone, beside
//! `app.rs`, `state.rs` and the routes), and the middleware that gives axum's own error responses (unknown
//! paths, wrong methods, unreadable query strings) the same JSON body.

use crate::limits::Limited;
use crate::streams::StreamRefused;
use axum::Json;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use signpost_core::wire::{ErrorBody, ErrorCode, FieldError, StreamScope, UnavailableReason};

/// Everything a handler can fail with. Internal details are logged, never sent.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("missing or wrong bearer token")]
    Unauthorized,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    Conflict(&'static str),
    #[error("too many requests: try again in {retry_after_seconds} seconds")]
    TooManyRequests { retry_after_seconds: u64 },
    /// This address or ticket holds as many event streams as it may.
    #[error("too many event streams open for this {scope:?} (at most {max})")]
    TooManyStreams { scope: StreamScope, max: u32 },
    /// The desk cannot serve this now (its database is down, read-only or full; it is at capacity; the request
    /// took too long).
    #[error("unavailable: {0}")]
    Unavailable(UnavailableReason),
    /// The database cannot serve now (see `db::outage`): 503, and the error logged.
    #[error("the database cannot serve now: {0}")]
    Outage(sqlx::Error),
    #[error("{0}")]
    BadRequest(String),
    #[error("expected a JSON body: send Content-Type: application/json")]
    UnsupportedMediaType,
    #[error("the request body is larger than the desk accepts")]
    PayloadTooLarge,
    /// A JSON body of the wrong shape: the one field the parser stopped at.
    #[error("the body does not fit the request: {}: {}", .0.field, .0.message)]
    Shape(FieldError),
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    /// An identity token that is missing where one is required, or not believed; the message says why.
    #[error(transparent)]
    InvalidIdentity(#[from] crate::identity::IdentityError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match crate::db::outage(&err) {
            Some(_) => AppError::Outage(err),
            None => AppError::Internal(err.into()),
        }
    }
}

impl From<Limited> for AppError {
    fn from(limited: Limited) -> Self {
        AppError::TooManyRequests {
            retry_after_seconds: limited.retry_after_seconds,
        }
    }
}

impl From<StreamRefused> for AppError {
    fn from(refused: StreamRefused) -> Self {
        match refused {
            StreamRefused::Busy { scope, max } => AppError::TooManyStreams { scope, max },
            StreamRefused::Full(reason) => AppError::Unavailable(reason),
        }
    }
}

/// How long a client should wait before retrying after `reason`: long enough for an operator to act on a full
/// or read-only disk, short for what passes by itself.
fn retry_after(reason: UnavailableReason) -> u64 {
    match reason {
        UnavailableReason::DatabaseReadOnly | UnavailableReason::DiskFull => 30,
        _ => 5,
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(problems: Vec<FieldError>) -> Self {
        AppError::Validation(problems)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, fields) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::NotFound, vec![]),
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, vec![]),
            AppError::InvalidIdentity(_) => {
                (StatusCode::UNAUTHORIZED, ErrorCode::InvalidIdentity, vec![])
            }
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, ErrorCode::Forbidden, vec![]),
            AppError::Conflict(_) => (StatusCode::CONFLICT, ErrorCode::Conflict, vec![]),
            AppError::TooManyRequests {
                retry_after_seconds,
            } => {
                let mut response = error_response(
                    StatusCode::TOO_MANY_REQUESTS,
                    ErrorCode::RateLimited {
                        retry_after_seconds: *retry_after_seconds,
                    },
                    &self.to_string(),
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, (*retry_after_seconds).into());
                return response;
            }
            AppError::TooManyStreams { scope, max } => (
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::TooManyStreams {
                    scope: *scope,
                    max: *max,
                },
                vec![],
            ),
            AppError::Unavailable(reason) => return unavailable(*reason),
            AppError::Outage(err) => {
                let reason =
                    crate::db::outage(err).unwrap_or(UnavailableReason::DatabaseUnreachable);
                tracing::warn!(error = %err, %reason, "database unavailable: answered 503");
                return unavailable(reason);
            }
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest, vec![]),
            AppError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                vec![],
            ),
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                vec![],
            ),
            AppError::Shape(field) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                vec![field.clone()],
            ),
            AppError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                fields.clone(),
            ),
            AppError::Internal(err) => {
                // A database outage reached here through another error type is still an outage.
                if let Some(reason) = err
                    .chain()
                    .find_map(|cause| cause.downcast_ref::<sqlx::Error>())
                    .and_then(crate::db::outage)
                {
                    tracing::warn!(error = ?err, %reason, "database unavailable");
                    return unavailable(reason);
                }
                tracing::error!(error = ?err, "internal error");
                return error_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorCode::Internal,
                    "Something went wrong on our side.",
                );
            }
        };
        let body = ErrorBody {
            code,
            message: self.to_string(),
            fields,
        };
        (status, Json(body)).into_response()
    }
}

/// 503 for `reason`, with `Retry-After`.
fn unavailable(reason: UnavailableReason) -> Response {
    let retry_after_seconds = retry_after(reason);
    let mut response = error_response(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Unavailable {
            reason,
            retry_after_seconds,
        },
        &format!("unavailable: {reason}; try again in {retry_after_seconds} seconds"),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, retry_after_seconds.into());
    response
}

/// A JSON error response with no fields.
pub fn error_response(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let body = ErrorBody {
        code,
        message: message.to_owned(),
        fields: vec![],
    };
    (status, Json(body)).into_response()
}

/// Rewrites error responses that are not JSON yet (axum's rejections, 405s, tower-http's 413) into the
/// [`ErrorBody`] shape, keeping their status and message.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .unwrap_or_default();
    let message = match String::from_utf8_lossy(&text).trim() {
        "" => status.canonical_reason().unwrap_or("error").to_owned(),
        text => text.to_owned(),
    };
    let code = match status {
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        StatusCode::UNPROCESSABLE_ENTITY => ErrorCode::ValidationFailed,
        s if s.is_client_error() => ErrorCode::BadRequest,
        _ => ErrorCode::Internal,
    };
    let mut rewritten = error_response(status, code, &message);
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            rewritten.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rewritten
}
