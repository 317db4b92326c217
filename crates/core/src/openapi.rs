//! Schemas for the wire types whose JSON is written by hand or whose module derives none (behind the `openapi`
//! feature, for the desk's `/openapi.json`; the widget leaves them out).

use crate::feed::Timestamp;
use crate::rules::{Clock, FlowSuggestion, Suggestion};
use crate::tickets::TriageReason;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::{PartialSchema, ToSchema};

/// A string.
pub(crate) fn text() -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).into()
}

/// An object with these required properties (any others may follow).
fn object_with(required: &[(&str, RefOr<Schema>)]) -> RefOr<Schema> {
    required
        .iter()
        .fold(ObjectBuilder::new(), |object, (name, schema)| {
            object.property(*name, schema.clone()).required(*name)
        })
        .into()
}

fn integer() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .into()
}

/// Written as the feed wrote it; the desk writes RFC 3339.
impl PartialSchema for Timestamp {
    fn schema() -> RefOr<Schema> {
        text()
    }
}
impl ToSchema for Timestamp {}

/// A triage reason: its `code` with the code's parameters beside it.
impl PartialSchema for TriageReason {
    fn schema() -> RefOr<Schema> {
        object_with(&[("code", text())])
    }
}
impl ToSchema for TriageReason {}

impl PartialSchema for Clock {
    fn schema() -> RefOr<Schema> {
        object_with(&[
            ("now_unix_seconds", integer()),
            ("utc_offset_minutes", integer()),
        ])
    }
}
impl ToSchema for Clock {}

/// What a rule chose (`item` for a suggestion, `flow` for a guided flow), why, and the rule's priority.
fn chosen(what: &str) -> RefOr<Schema> {
    let any_object = || -> RefOr<Schema> { ObjectBuilder::new().schema_type(Type::Object).into() };
    let reasons = utoipa::openapi::schema::ArrayBuilder::new().items(any_object());
    ObjectBuilder::new()
        .property(what, any_object())
        .required(what)
        .property("reasons", reasons)
        .required("reasons")
        .property("priority", integer())
        .required("priority")
        .into()
}

/// A suggestion: the item it opens, why, and the priority of the rule that chose it.
impl PartialSchema for Suggestion {
    fn schema() -> RefOr<Schema> {
        chosen("item")
    }
}
impl ToSchema for Suggestion {}

/// A guided flow a rule offers: the flow's id, version and title, why, and the rule's priority.
impl PartialSchema for FlowSuggestion {
    fn schema() -> RefOr<Schema> {
        chosen("flow")
    }
}
impl ToSchema for FlowSuggestion {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_schemas_name_their_required_fields() {
        let json = serde_json::to_value(TriageReason::schema()).unwrap();
        assert_eq!(json["required"], serde_json::json!(["code"]));
    }
}
