//! What the host page tells the widget about the user's situation (`Signpost('setContext', {...})`).
//!
//! Host pages are written by other teams, so parsing is lenient: a known key with the wrong type is dropped
//! with a [`ContextWarning`] naming it, and everything else is kept.

use crate::embed::Surface;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Everything known about the user's situation. Every fact is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    /// The page kind; defaults to the script tag's `data-surface`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surface: Option<Surface>,
    /// The page the user is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Page>,
    /// BCP 47 locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Whether the user buys or sells on this page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The order the page is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<Order>,
    /// Where a seller is in onboarding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onboarding: Option<Onboarding>,
    /// Free-form facts of the host's own.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub custom: Map<String, Value>,
}

/// The page the user is on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Full URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Document title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Which side of the marketplace the user is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    Buyer,
    Seller,
}

impl Role {
    /// The name used on the wire, in rules and in the page's context.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Buyer => "buyer",
            Role::Seller => "seller",
        }
    }

    /// A role from its name, if it is one.
    pub fn from_name(name: &str) -> Option<Role> {
        match name {
            "buyer" => Some(Role::Buyer),
            "seller" => Some(Role::Seller),
            _ => None,
        }
    }
}

/// Facts about one order. Dates are ISO 8601 strings as the host sent them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Order {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// e.g. `placed`, `shipped`, `delivered` (kept open: marketplaces name their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<String>,
    /// e.g. `pending`, `paid`, `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// ISO 4217 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

/// Where a seller is in onboarding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Onboarding {
    /// The current step, e.g. `identity_verification`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Steps already done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub completed: Vec<String>,
    /// What holds the seller up, e.g. `document_rejected`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blockers: Vec<String>,
}

/// A known key whose value had the wrong type; the value was ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextWarning {
    /// Dotted path, e.g. `order.amount`.
    pub field: String,
    /// What was expected.
    pub message: String,
}

impl std::fmt::Display for ContextWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "context field `{}` ignored: {}",
            self.field, self.message
        )
    }
}

/// Applies a `setContext` patch: each top-level key replaces the stored one, and `null` removes it.
pub fn merge_patch(stored: &mut Map<String, Value>, patch: Map<String, Value>) {
    for (key, value) in patch {
        if value.is_null() {
            stored.remove(&key);
        } else {
            stored.insert(key, value);
        }
    }
}

impl Context {
    /// Reads a context object leniently: bad known keys become warnings, unknown top-level keys go to `custom`.
    pub fn from_json(object: &Map<String, Value>) -> (Context, Vec<ContextWarning>) {
        let mut reader = Reader::default();
        let mut custom = Map::new();
        for (key, value) in object {
            if !KNOWN_KEYS.contains(&key.as_str()) {
                custom.insert(key.clone(), value.clone());
            }
        }
        if let Some(Value::Object(extra)) = object.get("custom") {
            custom.extend(extra.clone());
        } else if object.get("custom").is_some_and(|v| !v.is_null()) {
            reader.warn("custom", "expected an object");
        }
        let context = Context {
            surface: reader.field(object, "", "surface"),
            page: reader.object(object, "page", |r, o| Page {
                url: r.field(o, "page.", "url"),
                title: r.field(o, "page.", "title"),
            }),
            locale: reader.field(object, "", "locale"),
            role: reader.field(object, "", "role"),
            order: reader.object(object, "order", |r, o| Order {
                id: r.field(o, "order.", "id"),
                status: r.field(o, "order.", "status"),
                placed_at: r.field(o, "order.", "placed_at"),
                promised_by: r.field(o, "order.", "promised_by"),
                shipped_at: r.field(o, "order.", "shipped_at"),
                delivered_at: r.field(o, "order.", "delivered_at"),
                payment_status: r.field(o, "order.", "payment_status"),
                amount: r.field(o, "order.", "amount"),
                currency: r.field(o, "order.", "currency"),
            }),
            onboarding: reader.object(object, "onboarding", |r, o| Onboarding {
                step: r.field(o, "onboarding.", "step"),
                completed: r.field(o, "onboarding.", "completed").unwrap_or_default(),
                blockers: r.field(o, "onboarding.", "blockers").unwrap_or_default(),
            }),
            custom,
        };
        (context, reader.warnings)
    }
}

const KNOWN_KEYS: [&str; 7] = [
    "surface",
    "page",
    "locale",
    "role",
    "order",
    "onboarding",
    "custom",
];

#[derive(Default)]
struct Reader {
    warnings: Vec<ContextWarning>,
}

impl Reader {
    fn warn(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(ContextWarning {
            field: field.into(),
            message: message.into(),
        });
    }

    fn field<T: FieldValue>(
        &mut self,
        object: &Map<String, Value>,
        prefix: &str,
        key: &str,
    ) -> Option<T> {
        let value = object.get(key).filter(|v| !v.is_null())?;
        match T::read(value) {
            Some(read) => Some(read),
            None => {
                self.warn(
                    format!("{prefix}{key}"),
                    format!("expected {}", T::EXPECTED),
                );
                None
            }
        }
    }

    fn object<T>(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        read: impl FnOnce(&mut Self, &Map<String, Value>) -> T,
    ) -> Option<T> {
        match object.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Object(inner)) => Some(read(self, inner)),
            Some(_) => {
                self.warn(key, "expected an object");
                None
            }
        }
    }
}

/// A kind of value a context field holds: how it reads from JSON, and the phrase a warning uses for it. Read by
/// hand rather than with serde, whose error messages would bring Rust's float printing into the widget's main
/// module, which reads the page's context.
trait FieldValue: Sized {
    const EXPECTED: &'static str;
    fn read(value: &Value) -> Option<Self>;
}

impl FieldValue for String {
    const EXPECTED: &'static str = "a string";
    fn read(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}
impl FieldValue for f64 {
    const EXPECTED: &'static str = "a number";
    fn read(value: &Value) -> Option<Self> {
        value.as_f64()
    }
}
impl FieldValue for Vec<String> {
    const EXPECTED: &'static str = "an array of strings";
    fn read(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(String::read).collect()
    }
}
impl FieldValue for Surface {
    const EXPECTED: &'static str = "one of checkout, order, onboarding, other";
    fn read(value: &Value) -> Option<Self> {
        value.as_str()?.parse().ok()
    }
}
impl FieldValue for Role {
    const EXPECTED: &'static str = "`buyer` or `seller`";
    fn read(value: &Value) -> Option<Self> {
        Role::from_name(value.as_str()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: Value) -> (Context, Vec<ContextWarning>) {
        Context::from_json(value.as_object().unwrap())
    }

    #[test]
    fn reads_every_known_fact() {
        let (context, warnings) = parse(json!({
            "surface": "order",
            "page": {"url": "https://shop.example/orders/A-1043", "title": "Order A-1043"},
            "locale": "de-DE",
            "role": "buyer",
            "order": {"id": "A-1043", "status": "shipped", "promised_by": "2026-11-12",
                      "payment_status": "paid", "amount": 129.5, "currency": "EUR"},
            "onboarding": {"step": "identity_verification", "completed": ["account"],
                           "blockers": ["document_rejected"]},
            "custom": {"plan": "pro"},
        }));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(context.surface, Some(Surface::Order));
        assert_eq!(context.role, Some(Role::Buyer));
        let order = context.order.unwrap();
        assert_eq!(order.id.as_deref(), Some("A-1043"));
        assert_eq!(order.amount, Some(129.5));
        let onboarding = context.onboarding.unwrap();
        assert_eq!(onboarding.blockers, ["document_rejected"]);
        assert_eq!(context.custom["plan"], "pro");
    }

    #[test]
    fn a_wrong_type_is_dropped_with_a_warning_naming_the_field() {
        let (context, warnings) = parse(json!({
            "role": "admin",
            "order": {"id": "A-1", "amount": "lots"},
            "onboarding": "identity",
        }));
        let fields: Vec<_> = warnings.iter().map(|w| w.field.as_str()).collect();
        assert_eq!(fields, ["role", "order.amount", "onboarding"]);
        assert_eq!(
            warnings[1].to_string(),
            "context field `order.amount` ignored: expected a number"
        );
        // The rest of the context survives.
        assert_eq!(context.order.unwrap().id.as_deref(), Some("A-1"));
        assert_eq!(context.role, None);
    }

    #[test]
    fn unknown_top_level_keys_are_kept_as_custom_facts() {
        let (context, warnings) = parse(json!({"plan": "pro", "custom": {"cohort": 3}}));
        assert!(warnings.is_empty());
        assert_eq!(context.custom["plan"], "pro");
        assert_eq!(context.custom["cohort"], 3);
    }

    #[test]
    fn a_patch_replaces_keys_and_null_removes_them() {
        let mut stored = json!({"role": "buyer", "order": {"id": "A-1"}})
            .as_object()
            .unwrap()
            .clone();
        let patch = json!({"order": null, "onboarding": {"step": "account"}});
        merge_patch(&mut stored, patch.as_object().unwrap().clone());
        assert_eq!(
            Value::Object(stored),
            json!({"role": "buyer", "onboarding": {"step": "account"}})
        );
    }
}
