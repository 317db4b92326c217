//! The HTTP answer for every [`AppError`]: its status and the JSON error body (a code with its facts, and a
//! message for developers), and the middleware that gives axum's own error responses (unknown paths, wrong
//! methods, unreadable query strings) the same body.

use crate::error::AppError;
use axum::Json;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use signpost_core::wire::{ErrorBody, ErrorCode, UnavailableReason};

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, fields) = match &self {
            AppError::NotFound => (StatusCode::NOT_FOUND, ErrorCode::NotFound, vec![]),
            AppError::Unauthorized | AppError::NotSignedIn(_) => {
                (StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, vec![])
            }
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
    // A compressed body (the API's answers are compressed inside this layer) is not readable text.
    let encoded = response.headers().contains_key(header::CONTENT_ENCODING);
    let (parts, body) = response.into_parts();
    let text = match encoded {
        true => Default::default(),
        false => axum::body::to_bytes(body, 16 * 1024)
            .await
            .unwrap_or_default(),
    };
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
        if ![
            header::CONTENT_TYPE,
            header::CONTENT_LENGTH,
            header::CONTENT_ENCODING,
        ]
        .contains(name)
        {
            rewritten.headers_mut().insert(name.clone(), value.clone());
        }
    }
    rewritten
}

/// How long a client should wait before retrying after `reason`: long enough for an operator to act on a full
/// or read-only disk, short for what passes by itself.
fn retry_after(reason: UnavailableReason) -> u64 {
    match reason {
        UnavailableReason::DatabaseReadOnly | UnavailableReason::DiskFull => 30,
        _ => 5,
    }
}
