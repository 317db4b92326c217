//! Proactive rules: a rule with a `[rule.nudge]` table also speaks first, in a short message beside the
//! launcher, when it fires on the page. The desk picks the nudge (in `/v1/notices`, before the widget loads),
//! so the checks here run there.
//!
//! ```toml
//! [rule.nudge]
//! queue = "orders"   # no nudge while the user has an open ticket with this team
//! holdout = 10       # percent of users who never see it, to measure its effect (1–50, default 10)
//! text.en = "Your order is {order.promised_by|days_since} days late. See your options."
//! text.es = "Tu pedido lleva {order.promised_by|days_since} días de retraso. Mira tus opciones."
//! ```

use super::date::LocalCalendar;
use super::facts::Facts;
use super::localized::{self, Localized};
use super::parse::{self, check_keys};
use super::template::Template;
use super::{Clock, Formatter, Reason, RuleSet};
use crate::context::Context;
use crate::tickets::Queue;
use serde_json::{Map, Value};

/// The holdout share when a rule names none, in percent.
pub const DEFAULT_HOLDOUT_PERCENT: u32 = 10;
/// The largest holdout a rule may keep, in percent: past it the nudge is mostly not shown.
pub const MAX_HOLDOUT_PERCENT: u32 = 50;

/// A rule's `[rule.nudge]`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct NudgeSpec {
    pub text: Localized<Template>,
    pub queue: Queue,
    pub holdout_percent: u32,
}

/// A proactive rule that fires on the page: its message, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct NudgeCandidate {
    pub rule: String,
    /// The message in the user's language.
    pub text: String,
    pub reason: Reason,
    /// The team whose open ticket silences it.
    pub queue: Queue,
    pub holdout_percent: u32,
}

/// A proactive rule as the desk's experiments see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProactiveRule {
    pub rule: String,
    pub holdout_percent: u32,
}

impl NudgeSpec {
    /// Reads `[rule.nudge]`: `text` (localized, every translation with the English placeholders), `queue`,
    /// and an optional `holdout`.
    pub(crate) fn parse(value: &Value) -> Result<NudgeSpec, String> {
        let Value::Object(table) = value else {
            return Err("`nudge` must be a table (`[rule.nudge]`)".into());
        };
        check_keys(table, &["text", "queue", "holdout"]).map_err(|p| format!("nudge: {p}"))?;
        let text = localized::parse(table, "text", Template::parse)
            .map_err(|problem| format!("nudge: {problem}"))?;
        for (language, translation) in text.translations() {
            if let Some(difference) = text.en.placeholder_difference(translation) {
                return Err(format!(
                    "nudge: `text.{language}` must use the same placeholders as `text.en`: {difference}"
                ));
            }
        }
        // Matched by name, not through serde: the widget parses rules too, and nothing else there needs
        // `serde_json::from_value`.
        let named = table.get("queue").and_then(Value::as_str);
        let queue = Queue::ALL
            .into_iter()
            .find(|queue| Some(queue.as_str()) == named)
            .ok_or_else(|| {
                let names: Vec<&str> = Queue::ALL.iter().map(|q| q.as_str()).collect();
                format!("nudge: `queue` must be one of {}", names.join(", "))
            })?;
        let holdout_percent = match table.get("holdout") {
            None => DEFAULT_HOLDOUT_PERCENT,
            Some(value) => value
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| (1..=MAX_HOLDOUT_PERCENT).contains(n))
                .ok_or_else(|| {
                    format!(
                        "nudge: `holdout` must be a whole percent from 1 to {MAX_HOLDOUT_PERCENT}"
                    )
                })?,
        };
        Ok(NudgeSpec {
            text,
            queue,
            holdout_percent,
        })
    }
}

impl RuleSet {
    /// `wording` read as another text for proactive rule `id`'s nudge (what a wording experiment shows in
    /// its place).
    fn nudge_wording(&self, id: &str, wording: &Value) -> Result<Localized<Template>, String> {
        let rule = self
            .rule(id)
            .ok_or_else(|| format!("unknown rule `{id}`"))?;
        let own = rule
            .nudge
            .as_ref()
            .ok_or_else(|| format!("rule `{id}` has no `[rule.nudge]`"))?;
        parse::rewording("text", &own.text.en, wording)
    }

    /// Why `wording` cannot stand in for proactive rule `id`'s nudge text, if it cannot.
    pub fn nudge_wording_problem(&self, id: &str, wording: &Value) -> Option<String> {
        self.nudge_wording(id, wording).err()
    }

    /// `wording` in place of proactive rule `id`'s nudge text on this page, in the user's language. `None`
    /// when it is not a wording of that rule or cites a fact the page lacks.
    pub fn render_nudge_wording(
        &self,
        id: &str,
        wording: &Value,
        context: &Context,
        extra_facts: &Map<String, Value>,
        clock: Clock,
        fmt: &dyn Formatter,
    ) -> Option<String> {
        let text = self.nudge_wording(id, wording).ok()?;
        let facts = Facts::new(context, extra_facts);
        text.get(context.locale.as_deref())
            .render(&facts, &LocalCalendar::new(clock), fmt)
    }

    /// Every proactive rule, in file order.
    pub fn proactive_rules(&self) -> Vec<ProactiveRule> {
        self.rules
            .iter()
            .filter_map(|rule| {
                Some(ProactiveRule {
                    rule: rule.id.clone(),
                    holdout_percent: rule.nudge.as_ref()?.holdout_percent,
                })
            })
            .collect()
    }

    /// The proactive rules that fire on this page, best first (priority, then file order), each with its
    /// message rendered in the user's language. A rule whose message cites a fact the page lacks is skipped.
    pub fn nudges(
        &self,
        context: &Context,
        extra_facts: &Map<String, Value>,
        clock: Clock,
        fmt: &dyn Formatter,
    ) -> Vec<NudgeCandidate> {
        let facts = Facts::new(context, extra_facts);
        let calendar = LocalCalendar::new(clock);
        let locale = context.locale.as_deref();
        self.fired(&facts, &calendar, fmt, locale)
            .into_iter()
            .filter_map(|(rule, reason)| {
                let nudge = rule.nudge.as_ref()?;
                Some(NudgeCandidate {
                    rule: rule.id.clone(),
                    text: nudge.text.get(locale).render(&facts, &calendar, fmt)?,
                    reason,
                    queue: nudge.queue,
                    holdout_percent: nudge.holdout_percent,
                })
            })
            .collect()
    }

    /// The message of proactive rule `id` on this page whether or not its conditions hold: what a nudge the
    /// marketplace pushed for the user says. `None` for an unknown or non-proactive rule, or when the message
    /// cites a fact the page lacks.
    pub fn nudge_text(
        &self,
        id: &str,
        context: &Context,
        extra_facts: &Map<String, Value>,
        clock: Clock,
        fmt: &dyn Formatter,
    ) -> Option<String> {
        let nudge = self.rule(id)?.nudge.as_ref()?;
        let facts = Facts::new(context, extra_facts);
        nudge
            .text
            .get(context.locale.as_deref())
            .render(&facts, &LocalCalendar::new(clock), fmt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::PlainFormatter;
    use serde_json::json;

    fn rules(nudge: Value) -> Result<RuleSet, String> {
        RuleSet::from_json(&json!({ "rule": [
            { "id": "late", "priority": 90, "reason": "Order {order.id} is late.",
              "when": [{ "fact": "order.status", "equals": "shipped" }],
              "suggest": [{ "article": "late-delivery" }], "nudge": nudge },
            { "id": "quiet", "priority": 99, "reason": "Quiet.",
              "when": [{ "fact": "order.status", "equals": "shipped" }],
              "suggest": [{ "article": "other" }] },
        ]}))
        .map_err(|err| err.to_string())
    }

    fn context(value: Value) -> Context {
        serde_json::from_value(value).unwrap()
    }

    const CLOCK: Clock = Clock {
        now_unix_seconds: 0,
        utc_offset_minutes: 0,
    };

    #[test]
    fn a_proactive_rule_that_fires_gives_its_message_in_the_users_language() {
        let set = rules(json!({ "queue": "orders",
            "text": { "en": "Order {order.id} is late.", "es": "El pedido {order.id} llega tarde." } }))
        .unwrap();
        let page =
            context(json!({ "locale": "es-MX", "order": { "id": "A-1", "status": "shipped" } }));
        let found = set.nudges(&page, &Map::new(), CLOCK, &PlainFormatter);
        assert_eq!(found.len(), 1, "only the rule with a nudge speaks first");
        assert_eq!(found[0].text, "El pedido A-1 llega tarde.");
        assert_eq!(
            (found[0].queue, found[0].holdout_percent),
            (Queue::Orders, 10)
        );
        assert_eq!(found[0].reason.rule_id.as_deref(), Some("late"));
        let elsewhere = context(json!({ "order": { "id": "A-1", "status": "delivered" } }));
        assert!(
            set.nudges(&elsewhere, &Map::new(), CLOCK, &PlainFormatter)
                .is_empty()
        );
    }

    #[test]
    fn a_message_citing_a_missing_fact_is_not_shown_and_a_pushed_one_renders_anyway() {
        let set = rules(json!({ "queue": "orders", "text": "Order {order.id} is late." })).unwrap();
        let no_id = context(json!({ "order": { "status": "shipped" } }));
        assert!(
            set.nudges(&no_id, &Map::new(), CLOCK, &PlainFormatter)
                .is_empty()
        );
        let delivered = context(json!({ "order": { "id": "A-9", "status": "delivered" } }));
        assert_eq!(
            set.nudge_text("late", &delivered, &Map::new(), CLOCK, &PlainFormatter)
                .as_deref(),
            Some("Order A-9 is late.")
        );
        assert_eq!(
            set.nudge_text("quiet", &delivered, &Map::new(), CLOCK, &PlainFormatter),
            None
        );
    }

    #[test]
    fn a_broken_nudge_refuses_the_file_naming_the_rule() {
        let bad = [
            (
                json!({ "text": "Late." }),
                "nudge: `queue` must be one of payments",
            ),
            (
                json!({ "queue": "orders", "text": { "en": "{order.id}", "es": "Tarde." } }),
                "`text.es` must use the same placeholders",
            ),
            (
                json!({ "queue": "orders", "text": "Late.", "holdout": 0 }),
                "`holdout` must be a whole percent from 1 to 50",
            ),
            (
                json!({ "queue": "orders", "text": "Late.", "when": [] }),
                "unknown key `when`",
            ),
        ];
        for (nudge, expected) in bad {
            let error = rules(nudge).unwrap_err();
            assert!(
                error.starts_with("rule late: ") && error.contains(expected),
                "{error}"
            );
        }
    }
}
