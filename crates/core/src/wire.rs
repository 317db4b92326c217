//! Shapes that travel between widget and desk and are not owned by one feature: the error body, and the codes
//! it carries.
//!
//! Errors travel as codes with their parameters (`{"field":"subject","problem":"too_long","max":150}`), so the
//! widget words them in the user's language with an exhaustive `match`; `message` is the same thing in English
//! for developers and logs, never for users.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The one error body every 4xx and 5xx response carries:
/// `{"code":"validation_failed","message":"…","fields":[…]}`, with the code's parameters beside it (e.g.
/// `"retry_after_seconds":3600`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// What went wrong, with its parameters.
    #[serde(flatten)]
    pub code: ErrorCode,
    /// A sentence for the developer reading it.
    pub message: String,
    /// One entry per bad field, when the request had fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// What went wrong with a request, as a stable code (`"code": "not_found"`), with parameters where the user
/// needs them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ErrorCode {
    /// 400: the request cannot be read (a body that is not JSON, a query parameter of the wrong kind).
    BadRequest,
    /// 401: a missing or wrong bearer token (the agent token, or a ticket's access token).
    Unauthorized,
    /// 401: an identity token that is missing where one is required, or not believed; `message` says why.
    InvalidIdentity,
    /// 403: the feature is turned off on this desk (the agent API, verified identity).
    Forbidden,
    /// 404: no such thing, or not yours to see.
    NotFound,
    /// 405: the path exists, the method does not.
    MethodNotAllowed,
    /// 409: an idempotency key reused for another request, or a write to a mirrored status page.
    Conflict,
    /// 413: the body is larger than the desk accepts.
    PayloadTooLarge,
    /// 415: a body that is not declared as JSON.
    UnsupportedMediaType,
    /// 422: the request was read, and `fields` lists what is wrong with it.
    ValidationFailed,
    /// 429: too many requests; try again after this long.
    RateLimited {
        /// Also sent as the `Retry-After` header.
        retry_after_seconds: u64,
    },
    /// 429: as many event streams are already open for this `scope` (one address, one ticket) as the desk
    /// allows, `max`. Close one, or poll instead.
    TooManyStreams { scope: StreamScope, max: u32 },
    /// 503: the desk cannot serve this now, for `reason`; try again after `retry_after_seconds` (also sent as
    /// `Retry-After`). Nothing this request asked for was done, unless the desk said so before.
    Unavailable {
        reason: UnavailableReason,
        retry_after_seconds: u64,
    },
    /// 500: our fault; the details are in the desk's log.
    Internal,
    /// A code this build does not know (a newer desk, or something between us and the desk). Never sent by the
    /// desk; read `message`.
    #[serde(other)]
    Unknown,
}

/// Whose event streams a [`ErrorCode::TooManyStreams`] counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum StreamScope {
    /// The client's network address.
    Address,
    /// One ticket's thread.
    Ticket,
    /// A scope this build does not know (a newer desk).
    #[serde(other)]
    Unknown,
}

/// Why the desk answered [`ErrorCode::Unavailable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum UnavailableReason {
    /// The desk serves as many event streams as it is configured for.
    AtCapacity,
    /// The request took longer than the desk allows one to take.
    TimedOut,
    /// The database does not answer (down, restarting, unreachable).
    DatabaseUnreachable,
    /// The database accepts no writes (a read-only file or replica).
    DatabaseReadOnly,
    /// The database's disk is full.
    DiskFull,
    /// A reason this build does not know (a newer desk).
    #[serde(other)]
    Unknown,
}

impl fmt::Display for UnavailableReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UnavailableReason::AtCapacity => "the desk serves as many event streams as it allows",
            UnavailableReason::TimedOut => "the request took longer than the desk allows",
            UnavailableReason::DatabaseUnreachable => "the database does not answer",
            UnavailableReason::DatabaseReadOnly => "the database accepts no writes",
            UnavailableReason::DiskFull => "the database's disk is full",
            UnavailableReason::Unknown => "unavailable",
        })
    }
}

/// What is wrong with one field of a request: `{"field":"subject","problem":"too_long","max":150,"message":"…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Dotted path of the field, e.g. `context.order.amount` or `context.articles_read[2].title`; a header by
    /// its name (`Idempotency-Key`), the whole body as `body`.
    pub field: String,
    /// What is wrong, with its parameters.
    #[serde(flatten)]
    pub problem: Problem,
    /// The problem in English, for developers.
    pub message: String,
}

impl FieldError {
    /// `problem` with `field`, worded for developers by the problem itself.
    pub fn new(field: impl Into<String>, problem: Problem) -> FieldError {
        FieldError {
            field: field.into(),
            message: problem.to_string(),
            problem,
        }
    }
}

/// Every problem a field can have, by code (`"problem": "too_long"`), with what the user needs to fix it.
/// Lengths are counted in characters (Unicode scalar values) of the trimmed text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Problem {
    /// Empty, blank or missing.
    Required,
    /// Shorter than `min` characters.
    TooShort { min: usize },
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// A list of more than `max` items.
    TooMany { max: usize },
    /// A line break in a field of one line.
    OneLine,
    /// A control character (other than tab, and line breaks where lines are allowed); `code_point` is the first
    /// one found, e.g. 27 for ESC.
    ControlCharacters { code_point: u32 },
    /// Not shaped like `name@example.com`.
    NotAnEmail,
    /// Not a finite number.
    NotANumber,
    /// Not one of `choices`.
    OneOf { choices: Vec<String> },
    /// A whole number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
    /// Not an RFC 3339 / ISO 8601 date and time, e.g. `2026-12-01T02:00:00Z`.
    NotADateTime,
    /// A moment that must come after the one in the field `other`.
    NotAfter { other: String },
    /// Characters other than `A–Z a–z 0–9 - _`.
    NotUrlSafe,
    /// A paging cursor that the list did not give out.
    NotACursor,
    /// A value of the wrong type or form for the request's shape (a string where a number goes, an unknown
    /// enum value); `message` has the parser's words.
    InvalidValue,
    /// A problem this build does not know (a newer desk). Never sent by the desk; read `message`.
    #[serde(other)]
    Unknown,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => f.write_str("required"),
            Problem::TooShort { min } => write!(f, "at least {min} characters"),
            Problem::TooLong { max } => write!(f, "at most {max} characters"),
            Problem::TooMany { max } => write!(f, "at most {max} items"),
            Problem::OneLine => f.write_str("must be a single line"),
            Problem::ControlCharacters { code_point: 0 } => {
                f.write_str("contains a NUL character (U+0000); remove it")
            }
            Problem::ControlCharacters { code_point } => {
                write!(
                    f,
                    "contains a control character (U+{code_point:04X}); remove it"
                )
            }
            Problem::NotAnEmail => {
                f.write_str("doesn't look like an email address (name@example.com)")
            }
            Problem::NotANumber => f.write_str("must be a number"),
            Problem::OneOf { choices } => write!(f, "one of: {}", choices.join(", ")),
            Problem::OutOfRange { min, max } => write!(f, "must be from {min} to {max}"),
            Problem::NotADateTime => {
                f.write_str("must be an ISO 8601 date-time, e.g. 2026-12-01T02:00:00Z")
            }
            Problem::NotAfter { other } => write!(f, "must be after {other}"),
            Problem::NotUrlSafe => f.write_str("only A–Z, a–z, 0–9, - and _"),
            Problem::NotACursor => f.write_str("is not a cursor this list gave out"),
            Problem::InvalidValue => f.write_str("has the wrong type or form"),
            Problem::Unknown => f.write_str("is not accepted"),
        }
    }
}

/// `GET /healthz`: the desk is up and its database answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `ok` when the response is a 200.
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    /// The desk's version.
    pub version: String,
    /// The version of the widget build being served, which versions its asset URLs.
    pub widget: String,
    /// With `--status-upstream`: how mirroring it goes (absent when the desk keeps its own status page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_upstream: Option<UpstreamHealth>,
}

/// How a mirrored status page's upstream answers (`GET /healthz`). While it fails, the desk serves the last
/// good state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpstreamHealth {
    /// The `summary.json` polled, with any key in it redacted.
    pub url: String,
    /// How the last poll went.
    pub state: UpstreamState,
    /// RFC 3339 UTC: the last time it gave a summary, if it has.
    pub last_success: Option<String>,
    /// What went wrong, in English for the operator; absent while it works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// How the last poll of a status upstream went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum UpstreamState {
    /// It answered with a Statuspage summary (or "not modified").
    Ok,
    /// No answer, or a server error: it may come back.
    Unreachable,
    /// It answered with something that is not a Statuspage summary (a web page, a redirect, a 404, another v2
    /// document, or a body over the size limit).
    NotASummary,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn wire(error: &FieldError) -> Value {
        serde_json::to_value(error).unwrap()
    }

    #[test]
    fn a_field_problem_is_flat_with_its_parameters() {
        let error = FieldError::new("subject", Problem::TooLong { max: 150 });
        assert_eq!(
            wire(&error),
            json!({"field": "subject", "problem": "too_long", "max": 150,
                   "message": "at most 150 characters"})
        );
        let back: FieldError = serde_json::from_value(wire(&error)).unwrap();
        assert_eq!(back, error);
    }

    /// One example of every problem: its code and parameters on the wire, and the round trip back.
    #[test]
    fn every_problem_has_its_code_and_parameters() {
        let every = [
            (Problem::Required, json!({"problem": "required"})),
            (
                Problem::TooShort { min: 8 },
                json!({"problem": "too_short", "min": 8}),
            ),
            (
                Problem::TooLong { max: 5000 },
                json!({"problem": "too_long", "max": 5000}),
            ),
            (
                Problem::TooMany { max: 20 },
                json!({"problem": "too_many", "max": 20}),
            ),
            (Problem::OneLine, json!({"problem": "one_line"})),
            (
                Problem::ControlCharacters { code_point: 0x1b },
                json!({"problem": "control_characters", "code_point": 27}),
            ),
            (Problem::NotAnEmail, json!({"problem": "not_an_email"})),
            (Problem::NotANumber, json!({"problem": "not_a_number"})),
            (
                Problem::OneOf {
                    choices: vec!["pending".into(), "dead".into()],
                },
                json!({"problem": "one_of", "choices": ["pending", "dead"]}),
            ),
            (
                Problem::OutOfRange { min: 1, max: 200 },
                json!({"problem": "out_of_range", "min": 1, "max": 200}),
            ),
            (Problem::NotADateTime, json!({"problem": "not_a_date_time"})),
            (
                Problem::NotAfter {
                    other: "scheduled_for".into(),
                },
                json!({"problem": "not_after", "other": "scheduled_for"}),
            ),
            (Problem::NotUrlSafe, json!({"problem": "not_url_safe"})),
            (Problem::NotACursor, json!({"problem": "not_a_cursor"})),
            (Problem::InvalidValue, json!({"problem": "invalid_value"})),
            (Problem::Unknown, json!({"problem": "unknown"})),
        ];
        for (problem, expected) in every {
            let error = FieldError::new("f", problem.clone());
            let mut value = wire(&error);
            let object = value.as_object_mut().unwrap();
            assert_eq!(object.remove("field"), Some(json!("f")));
            assert_eq!(
                object.remove("message"),
                Some(json!(problem.to_string())),
                "{problem:?}"
            );
            assert_eq!(value, expected, "{problem:?}");
            assert_eq!(
                serde_json::from_value::<FieldError>(wire(&error)).unwrap(),
                error
            );
        }
    }

    #[test]
    fn developer_messages_keep_their_words() {
        let message = |problem: Problem| problem.to_string();
        assert_eq!(
            message(Problem::ControlCharacters { code_point: 0 }),
            "contains a NUL character (U+0000); remove it"
        );
        assert_eq!(
            message(Problem::ControlCharacters { code_point: 0x85 }),
            "contains a control character (U+0085); remove it"
        );
        assert_eq!(
            message(Problem::OneOf {
                choices: vec!["a".into(), "b".into()]
            }),
            "one of: a, b"
        );
    }

    #[test]
    fn the_error_body_carries_its_code_beside_the_message() {
        let body = ErrorBody {
            code: ErrorCode::ValidationFailed,
            message: "the request has invalid fields".into(),
            fields: vec![FieldError::new("email", Problem::NotAnEmail)],
        };
        let value = serde_json::to_value(&body).unwrap();
        assert_eq!(
            value,
            json!({"code": "validation_failed", "message": "the request has invalid fields",
                   "fields": [{"field": "email", "problem": "not_an_email",
                               "message": "doesn't look like an email address (name@example.com)"}]})
        );
        assert_eq!(serde_json::from_value::<ErrorBody>(value).unwrap(), body);

        let limited = ErrorBody {
            code: ErrorCode::RateLimited {
                retry_after_seconds: 3600,
            },
            message: "too many requests".into(),
            fields: vec![],
        };
        let value = serde_json::to_value(&limited).unwrap();
        assert_eq!(
            value,
            json!({"code": "rate_limited", "retry_after_seconds": 3600, "message": "too many requests"})
        );
        assert_eq!(serde_json::from_value::<ErrorBody>(value).unwrap(), limited);
    }

    #[test]
    fn capacity_and_outage_codes_carry_their_parameters() {
        let cases = [
            (
                ErrorCode::TooManyStreams {
                    scope: StreamScope::Ticket,
                    max: 10,
                },
                json!({"code": "too_many_streams", "scope": "ticket", "max": 10, "message": "m"}),
            ),
            (
                ErrorCode::Unavailable {
                    reason: UnavailableReason::DatabaseReadOnly,
                    retry_after_seconds: 5,
                },
                json!({"code": "unavailable", "reason": "database_read_only",
                       "retry_after_seconds": 5, "message": "m"}),
            ),
        ];
        for (code, expected) in cases {
            let body = ErrorBody {
                code,
                message: "m".into(),
                fields: vec![],
            };
            assert_eq!(serde_json::to_value(&body).unwrap(), expected);
            assert_eq!(serde_json::from_value::<ErrorBody>(expected).unwrap(), body);
        }
        // A reason from a newer desk still reads as the code it belongs to.
        let newer: ErrorBody = serde_json::from_value(json!({
            "code": "unavailable", "reason": "solar_flare", "retry_after_seconds": 1, "message": "m"
        }))
        .unwrap();
        assert_eq!(
            newer.code,
            ErrorCode::Unavailable {
                reason: UnavailableReason::Unknown,
                retry_after_seconds: 1
            }
        );
    }

    #[test]
    fn every_plain_code_is_snake_case_on_the_wire() {
        for (code, text) in [
            (ErrorCode::BadRequest, "bad_request"),
            (ErrorCode::Unauthorized, "unauthorized"),
            (ErrorCode::InvalidIdentity, "invalid_identity"),
            (ErrorCode::Forbidden, "forbidden"),
            (ErrorCode::NotFound, "not_found"),
            (ErrorCode::MethodNotAllowed, "method_not_allowed"),
            (ErrorCode::Conflict, "conflict"),
            (ErrorCode::PayloadTooLarge, "payload_too_large"),
            (ErrorCode::UnsupportedMediaType, "unsupported_media_type"),
            (ErrorCode::ValidationFailed, "validation_failed"),
            (ErrorCode::Internal, "internal"),
        ] {
            let body = ErrorBody {
                code: code.clone(),
                message: "m".into(),
                fields: vec![],
            };
            assert_eq!(
                serde_json::to_value(&body).unwrap(),
                json!({"code": text, "message": "m"})
            );
            let back: ErrorBody =
                serde_json::from_value(json!({"code": text, "message": "m"})).unwrap();
            assert_eq!(back.code, code);
        }
    }

    #[test]
    fn codes_from_a_newer_desk_or_a_proxy_still_read() {
        // A proxy's 503, or a code added after this build: the body still reads, and says it is not known.
        let body: ErrorBody = serde_json::from_value(json!({
            "code": "down_for_lunch", "message": "down for maintenance",
            "fields": [{"field": "x", "problem": "too_purple", "hue": 3, "message": "too purple"}]
        }))
        .unwrap();
        assert_eq!(body.code, ErrorCode::Unknown);
        assert_eq!(body.message, "down for maintenance");
        assert_eq!(body.fields[0].problem, Problem::Unknown);
        assert_eq!(body.fields[0].message, "too purple");
    }
}
