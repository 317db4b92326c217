//! Nudges the marketplace's backend pushes for one verified user (`POST /v1/agent/nudges`): "order delayed by
//! the carrier", "your listing is affected by the new fee policy". Each is shown once, on the user's next page
//! view before it expires; taking it is one conditional update, so two replicas never show it twice.

use crate::db::Db;
use crate::with_pool;
use serde::{Deserialize, Serialize};
use signpost_core::check::{Check, Text};
use signpost_core::feed::Timestamp;
use signpost_core::identity::USER_ID_MAX_CHARS;
use signpost_core::rules::{RuleSet, is_language_subtag};
use signpost_core::wire::{FieldError, Problem};
use std::collections::BTreeMap;

/// Longest pushed message, in characters: it sits in a small bubble beside the launcher.
pub const MESSAGE_MAX_CHARS: usize = 200;
/// Furthest a pushed nudge may expire, in days.
pub const MAX_DAYS: i64 = 30;

/// `POST /v1/agent/nudges`.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushNudge {
    /// The marketplace's id for the user, as in their identity token's `sub`.
    pub user_id: String,
    /// A proactive rule whose message to show (rendered with the facts of the page it is shown on)…
    #[serde(default)]
    pub rule: Option<String>,
    /// …or the message itself: a string (English), or language → text with `en`.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub message: Option<serde_json::Value>,
    /// RFC 3339: after this it is not shown. At most 30 days ahead.
    pub expires_at: String,
}

/// The answer to a push.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Pushed {
    /// e.g. `push:12`, what the widget's dismissal names.
    pub id: String,
    /// RFC 3339 UTC.
    pub expires_at: String,
}

/// A checked push: what to store.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedPush {
    pub user_id: String,
    pub rule: Option<String>,
    /// Language → text, `en` included.
    pub message: Option<BTreeMap<String, String>>,
    pub expires_unix: i64,
}

/// Every problem with `push` at `now_unix`, each naming its field.
pub fn check(
    push: &PushNudge,
    rules: Option<&RuleSet>,
    now_unix: i64,
) -> Result<CheckedPush, Vec<FieldError>> {
    let mut check = Check::new();
    let user_id = check
        .text(
            "user_id",
            &push.user_id,
            Text::line(USER_ID_MAX_CHARS).required(),
        )
        .map(str::to_owned);
    let proactive =
        |id: &str| rules.is_some_and(|rules| rules.proactive_rules().iter().any(|p| p.rule == id));
    let (rule, message) = match (&push.rule, &push.message) {
        (Some(rule), None) => {
            let known = proactive(rule.trim());
            if !known {
                let choices = rules
                    .map(|r| r.proactive_rules().into_iter().map(|p| p.rule).collect())
                    .unwrap_or_default();
                check.add("rule", Problem::OneOf { choices });
            }
            (known.then(|| rule.trim().to_owned()), None)
        }
        (None, Some(message)) => (None, Some(messages(&mut check, message))),
        _ => {
            check.add("message", Problem::Required);
            (None, None)
        }
    };
    let expires = Timestamp::parse(push.expires_at.clone()).unix_seconds();
    match expires {
        None => check.add("expires_at", Problem::NotADateTime),
        Some(at) => {
            let after_now = check.expect(
                at > now_unix,
                "expires_at",
                Problem::NotAfter {
                    other: "now".into(),
                },
            );
            // Days ahead, a part day counting as one.
            if after_now {
                check.in_range("expires_at", (at - now_unix + 86_399) / 86_400, 1, MAX_DAYS);
            }
        }
    }
    check.finish()?;
    Ok(CheckedPush {
        user_id: user_id.unwrap_or_default(),
        rule,
        message: message.flatten(),
        expires_unix: expires.unwrap_or_default(),
    })
}

/// A message's texts by language: a string is English; a table needs `en`, lowercase language subtags, and
/// texts of one line within [`MESSAGE_MAX_CHARS`].
fn messages(check: &mut Check, message: &serde_json::Value) -> Option<BTreeMap<String, String>> {
    let is_table = matches!(message, serde_json::Value::Object(_));
    let texts: Vec<(String, &serde_json::Value)> = match message {
        serde_json::Value::Object(table) => table.iter().map(|(k, v)| (k.clone(), v)).collect(),
        text => vec![("en".to_owned(), text)],
    };
    let mut kept = BTreeMap::new();
    for (language, text) in texts {
        let field = if is_table {
            format!("message.{language}")
        } else {
            "message".to_owned()
        };
        if !is_language_subtag(&language) {
            check.add(field, Problem::InvalidValue);
            continue;
        }
        let Some(text) = text.as_str() else {
            check.add(field, Problem::InvalidValue);
            continue;
        };
        if let Some(text) = check.text(&field, text, Text::line(MESSAGE_MAX_CHARS).required()) {
            kept.insert(language, text.to_owned());
        }
    }
    if is_table {
        check.expect(kept.contains_key("en"), "message.en", Problem::Required);
    }
    Some(kept)
}

/// Stores a checked push for the user whose keyed id is `user_key`; its id.
pub async fn store(
    db: &Db,
    push: &CheckedPush,
    user_key: &str,
    now: &str,
) -> Result<i64, sqlx::Error> {
    let message = push
        .message
        .as_ref()
        .map(|m| serde_json::to_string(m).expect("a map of strings serialises"));
    let sql = "INSERT INTO pushed_nudges (user_key, rule, message, created_at, expires_at) \
               VALUES ($1, $2, $3, $4, $5) RETURNING id";
    with_pool!(db, pool => sqlx::query_scalar(sql)
        .bind(user_key)
        .bind(push.rule.as_deref())
        .bind(message.as_deref())
        .bind(now)
        .bind(crate::clock::stamp(push.expires_unix))
        .fetch_one(pool).await)
}

/// A pushed nudge waiting to be shown.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Waiting {
    pub id: i64,
    pub rule: Option<String>,
    pub message: Option<String>,
}

impl Waiting {
    /// The message in `locale`'s language, else English (a pushed rule's message comes from the rule).
    pub fn text(&self, locale: &str) -> Option<String> {
        let texts: BTreeMap<String, String> =
            serde_json::from_str(self.message.as_deref()?).ok()?;
        let language = locale.split(['-', '_']).next().unwrap_or_default();
        texts.get(language).or_else(|| texts.get("en")).cloned()
    }
}

/// The user's unexpired nudges not yet shown, oldest first (a few at most).
pub async fn waiting(db: &Db, user_key: &str, now: &str) -> Result<Vec<Waiting>, sqlx::Error> {
    let sql = "SELECT id, rule, message FROM pushed_nudges \
               WHERE user_key = $1 AND shown_at IS NULL AND expires_at > $2 ORDER BY id LIMIT 5";
    with_pool!(db, pool => sqlx::query_as(sql).bind(user_key).bind(now).fetch_all(pool).await)
}

/// Marks nudge `id` shown; whether this call did (another replica may have shown it a moment ago).
pub async fn take(db: &Db, id: i64, now: &str) -> Result<bool, sqlx::Error> {
    let sql = "UPDATE pushed_nudges SET shown_at = $1 WHERE id = $2 AND shown_at IS NULL";
    let taken = with_pool!(db, pool => sqlx::query(sql).bind(now).bind(id).execute(pool).await
        .map(|done| done.rows_affected()))?;
    Ok(taken == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NOW: i64 = 1_800_000_000;

    fn rules() -> RuleSet {
        RuleSet::from_json(&json!({ "rule": [
            { "id": "late", "reason": "Late.", "when": [{ "fact": "order.status", "equals": "shipped" }],
              "suggest": [{ "article": "a" }], "nudge": { "queue": "orders", "text": "Late." } },
        ]}))
        .unwrap()
    }

    fn fields(push: serde_json::Value) -> Vec<(String, Problem)> {
        let push: PushNudge = serde_json::from_value(push).unwrap();
        match check(&push, Some(&rules()), NOW) {
            Ok(_) => vec![],
            Err(errors) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
        }
    }

    #[test]
    fn a_message_or_a_proactive_rule_is_taken() {
        let expires = Timestamp::from_unix(NOW + 3_600).as_str().to_owned();
        assert!(
            fields(json!({ "user_id": "u1", "rule": "late", "expires_at": expires })).is_empty()
        );
        let push: PushNudge =
            serde_json::from_value(json!({ "user_id": "u1", "expires_at": expires,
            "message": { "en": "Your parcel is delayed.", "es": "Tu paquete va con retraso." } }))
            .unwrap();
        let checked = check(&push, Some(&rules()), NOW).unwrap();
        assert_eq!(checked.message.unwrap().len(), 2);
    }

    #[test]
    fn each_problem_names_its_field() {
        let soon = Timestamp::from_unix(NOW + 60).as_str().to_owned();
        let past = Timestamp::from_unix(NOW - 60).as_str().to_owned();
        let far = Timestamp::from_unix(NOW + 40 * 86_400).as_str().to_owned();
        assert_eq!(
            fields(json!({ "user_id": "u1", "rule": "nope", "expires_at": soon })),
            [(
                "rule".into(),
                Problem::OneOf {
                    choices: vec!["late".into()]
                }
            )]
        );
        assert_eq!(
            fields(json!({ "user_id": "", "message": "Hi", "expires_at": past }))
                .into_iter()
                .map(|(field, _)| field)
                .collect::<Vec<_>>(),
            ["user_id", "expires_at"]
        );
        assert_eq!(
            fields(json!({ "user_id": "u", "message": "Hi", "expires_at": far }))[0].0,
            "expires_at"
        );
        assert_eq!(
            fields(json!({ "user_id": "u", "message": { "es": "Hola" }, "expires_at": soon })),
            [("message.en".into(), Problem::Required)]
        );
        assert_eq!(
            fields(json!({ "user_id": "u", "expires_at": soon })),
            [("message".into(), Problem::Required)]
        );
        assert_eq!(
            fields(json!({ "user_id": "u", "message": "x".repeat(201), "expires_at": soon })),
            [("message".into(), Problem::TooLong { max: 200 })]
        );
    }
}
