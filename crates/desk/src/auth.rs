//! Who may call the agent API: holders of the configured bearer token.

use crate::app::AppState;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

/// Proof that the request carried the agent token. Add it as a handler argument to protect a route.
#[derive(Debug)]
pub struct Agent;

impl FromRequestParts<AppState> for Agent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Agent, AppError> {
        let Some(expected) = state.agent_token.as_deref() else {
            return Err(AppError::Forbidden(
                "the agent API is off: start the desk with --agent-token",
            ));
        };
        let presented = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .unwrap_or_default();
        if constant_time_eq(presented.as_bytes(), expected.as_bytes()) {
            Ok(Agent)
        } else {
            Err(AppError::Unauthorized)
        }
    }
}

/// Compares without returning early, so response times do not reveal how much of a guess was right.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}
