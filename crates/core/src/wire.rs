//! Shapes that travel between widget and desk and are not owned by one feature.

use serde::{Deserialize, Serialize};

/// The one error body every 4xx and 5xx response carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `not_found`, `invalid_json`, `validation_failed`.
    pub code: String,
    /// A sentence for the developer reading it.
    pub message: String,
    /// One entry per bad field, when the request had fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

/// What is wrong with one field of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `context.order.amount`.
    pub field: String,
    /// What to fix, in plain words.
    pub message: String,
}

impl FieldError {
    /// What is wrong with `field`, in plain words.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// `GET /healthz`: the desk is up and its database answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always `ok` when the response is a 200.
    pub status: String,
    /// `sqlite` or `postgres`.
    pub database: String,
    /// The desk's version.
    pub version: String,
    /// The version of the widget build being served, which versions its asset URLs.
    pub widget: String,
}
