//! The desk's one error type, and the middleware that gives every error response the same JSON body.

use axum::Json;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use signpost_core::wire::{ErrorBody, ErrorCode, FieldError, Problem};

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
    #[error("{0}")]
    BadRequest(String),
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
        AppError::Internal(err.into())
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
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, ErrorCode::BadRequest, vec![]),
            AppError::Validation(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ValidationFailed,
                fields.clone(),
            ),
            AppError::Internal(err) => {
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

/// A request body read as JSON: 400 when it is not JSON, 422 (on the field `body`) when it is JSON of the wrong
/// shape. Handlers take the body as `Bytes` and call this, rather than axum's `Json`, to answer in our words.
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_json::from_slice(body).map_err(|err| match err.classify() {
        serde_json::error::Category::Data => AppError::Validation(vec![FieldError {
            field: "body".into(),
            problem: Problem::InvalidValue,
            message: err.to_string(),
        }]),
        _ => AppError::BadRequest(format!("the body is not valid JSON: {err}")),
    })
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
