//! The desk's one error type, for its logic and its routes alike; `routes/error.rs` turns it into the HTTP
//! answer.

use crate::limits::Limited;
use crate::streams::StreamRefused;
use signpost_core::wire::{FieldError, StreamScope, UnavailableReason};

/// Everything a handler can fail with. Internal details are logged, never sent.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("missing or wrong bearer token")]
    Unauthorized,
    /// A console request without a live session, or a sign-in with a wrong email or password; says which.
    #[error("{0}")]
    NotSignedIn(&'static str),
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

impl From<Vec<FieldError>> for AppError {
    fn from(problems: Vec<FieldError>) -> Self {
        AppError::Validation(problems)
    }
}
