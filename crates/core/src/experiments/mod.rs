//! Experiments on self-service content: which variant of a rule's article a user sees, decided by the desk.
//!
//! The site defines experiments in `content/experiments.toml` ([`ExperimentsFile`]). The widget asks the desk
//! `POST /v1/experiments/assignment` with its unit id and the page's context; the desk answers with a
//! [`Variation`] for each running experiment the user may be in (their cohort fits, the context is not a
//! protected one, the namespace gives them to it), and the widget swaps the rule's article for the variant's
//! ([`apply`]). Only when a variant is actually listed does the widget report an exposure (the
//! `exposed` event, [`exposures`]), which is what the desk counts. Until the answer arrives, items under an
//! experiment are held back rather than shown in the control's form and then swapped. One on a rule's reason
//! reaches the widget the same way: the widget renders the variant's words where the rule's reason shows ("Why
//! am I seeing this?") and reports the exposure when an explanation citing the rule opens
//! ([`reason_exposures`]). An experiment on an
//! article's text reaches the widget the same way ([`text_variation`]): the article view asks for the variant's
//! text and reports the exposure once it shows it; one on the contact view's status step ([`status_first`]) is
//! asked for by the contact view when an incident shows there. One on the large-order criterion ([`large_order`])
//! is asked for by the contact view too, and the desk applies it to the ticket the user files there, which then
//! carries the widget's unit. Experiments on a nudge (its holdout, its words) never reach the widget: the desk
//! applies them when it picks the nudge.

mod config;
pub mod report;

pub use config::{
    ChangeKind, ChangeSpec, ExperimentSpec, ExperimentsError, ExperimentsFile, GuardrailSpec,
    Metric, NUDGE_HOLDOUT_VARIANTS, NamespaceSpec, ProtectedContext, STATUS_FIRST_VARIANTS,
    nudge_holdout_id,
};

use crate::context::Context;
use crate::help::ArticleSummary;
use crate::rules::{Reason, ReasonSource, RuleSet, SuggestedItem, Suggestion};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST /v1/experiments/assignment`: who asks, and about which page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignmentRequest {
    /// The widget's unit id: its install id, else its page view's id (see `insights::events::Unit`).
    pub unit: String,
    /// The page's context, as the widget has it.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub context: Context,
}

/// The answer: the variations the user is in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentResponse {
    pub variations: Vec<Variation>,
}

/// One experiment's variant for this user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Variation {
    pub experiment: String,
    /// The variant's index in the experiment's split; 0 is the control.
    pub variant: u32,
    /// What the variant changes.
    pub change: Varied,
}

/// What a [`Variation`] changes for the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Varied {
    /// In the suggestions of `rule`, its article `control` reads `article` (the control's own for variant 0),
    /// in the user's language.
    RuleArticle {
        rule: String,
        control: String,
        article: ArticleSummary,
    },
    /// Rule `rule` gives `reason` as its reason (written as the rule's `reason` is; `None` for the control,
    /// which reads the rule's own).
    RuleReason {
        rule: String,
        #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
        reason: Option<Value>,
    },
    /// Article `control` reads the variant's text wherever it is opened; `article` is how the variant titles it.
    ArticleText {
        control: String,
        article: ArticleSummary,
    },
    /// During an incident on the page, the contact view shows the status above the form (variant 0) or as a
    /// step before it, the form one button away (variant 1).
    StatusFirst,
    /// The desk raises a ticket about a large order from the variant's share of the site's thresholds: the
    /// widget shows nothing different, and sends its unit with a ticket filed on this page so the desk can.
    LargeOrder,
}

/// Where the widget stands with the desk's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Assignment<'a> {
    /// Not answered yet: items under an experiment are held back.
    Pending,
    /// Answered (an empty list after a failure: everyone gets the control).
    Known(&'a [Variation]),
}

/// The suggestions with each variation of a rule's article applied: a suggestion of `control` chosen by the
/// variation's rule lists the variant's article instead. While the assignment is pending, every suggestion of
/// a rule under experiment is left out. `varied` names the rules under a running experiment (from
/// `GET /v1/site`).
pub fn apply(suggestions: &mut Vec<Suggestion>, varied: &[String], assignment: Assignment) {
    let under_experiment = |suggestion: &Suggestion| {
        suggestion
            .reasons
            .iter()
            .filter(|reason| reason.source == ReasonSource::Rule)
            .filter_map(|reason| reason.rule_id.as_deref())
            .find(|rule| varied.iter().any(|varied| varied == rule))
            .map(str::to_owned)
    };
    match assignment {
        Assignment::Pending => suggestions.retain(|s| under_experiment(s).is_none()),
        Assignment::Known(variations) => {
            let listed: Vec<String> = suggestions.iter().filter_map(article_id).collect();
            for suggestion in suggestions.iter_mut() {
                let (Some(rule), Some(article)) =
                    (under_experiment(suggestion), article_id(suggestion))
                else {
                    continue;
                };
                let variant = variations.iter().find_map(|v| match &v.change {
                    Varied::RuleArticle {
                        rule: varied,
                        control,
                        article: variant,
                    } if *varied == rule && *control == article => Some(variant),
                    _ => None,
                });
                // A variant already listed for another reason would appear twice: keep the control then.
                if let Some(variant) = variant.filter(|v| !listed.contains(&v.id)) {
                    suggestion.item = SuggestedItem::Article(variant.clone());
                }
            }
        }
    }
}

/// The variations whose article the list shows where their rule put it: the exposures to report.
pub fn exposures<'a>(
    suggestions: &[Suggestion],
    variations: &'a [Variation],
) -> Vec<&'a Variation> {
    variations
        .iter()
        .filter(|variation| {
            let Varied::RuleArticle { rule, article, .. } = &variation.change else {
                return false;
            };
            suggestions.iter().any(|suggestion| {
                article_id(suggestion).as_deref() == Some(article.id.as_str())
                    && suggestion
                        .reasons
                        .iter()
                        .any(|reason| reason.rule_id.as_deref() == Some(rule.as_str()))
            })
        })
        .collect()
}

/// Gives each rule under a reason variation the variant's reason (the control keeps its own).
pub fn reword(rules: &mut RuleSet, variations: &[Variation]) {
    for variation in variations {
        if let Varied::RuleReason {
            rule,
            reason: Some(reason),
        } = &variation.change
        {
            rules.reword(rule, reason);
        }
    }
}

/// The variations of a rule's reason that `reasons` (one explanation) show: the exposures to report when the
/// explanation opens.
pub fn reason_exposures<'a>(
    reasons: &'a [Reason],
    variations: &'a [Variation],
) -> impl Iterator<Item = &'a Variation> {
    variations.iter().filter(|variation| {
        let Varied::RuleReason { rule, .. } = &variation.change else {
            return false;
        };
        reasons.iter().any(|reason| {
            reason.source == ReasonSource::Rule && reason.rule_id.as_deref() == Some(rule)
        })
    })
}

/// The variation of article `id`'s text the user is in, if any.
pub fn text_variation<'a>(variations: &'a [Variation], id: &str) -> Option<&'a Variation> {
    variations.iter().find(
        |variation| matches!(&variation.change, Varied::ArticleText { control, .. } if control == id),
    )
}

/// The variation of the contact view's status step the user is in, if any.
pub fn status_first(variations: &[Variation]) -> Option<&Variation> {
    variations
        .iter()
        .find(|variation| variation.change == Varied::StatusFirst)
}

/// Whether the user is in an experiment on the large-order criterion on this page.
pub fn large_order(variations: &[Variation]) -> bool {
    variations
        .iter()
        .any(|variation| variation.change == Varied::LargeOrder)
}

fn article_id(suggestion: &Suggestion) -> Option<String> {
    match &suggestion.item {
        SuggestedItem::Article(article) => Some(article.id.clone()),
        SuggestedItem::Action(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::help::Audience;
    use crate::rules::Action;

    fn summary(id: &str) -> ArticleSummary {
        ArticleSummary {
            id: id.into(),
            title: format!("Title of {id}"),
            summary: String::new(),
            audience: Audience::default(),
            surfaces: vec![],
            locale: "en".into(),
            updated: None,
        }
    }

    fn suggested(id: &str, rule: &str) -> Suggestion {
        Suggestion {
            item: SuggestedItem::Article(summary(id)),
            reasons: vec![Reason {
                source: ReasonSource::Rule,
                rule_id: Some(rule.into()),
                text: String::new(),
                facts: vec![],
            }],
            priority: 10,
        }
    }

    fn variation(variant: u32, article: &str) -> Variation {
        Variation {
            experiment: "late-article".into(),
            variant,
            change: Varied::RuleArticle {
                rule: "late-delivery".into(),
                control: "late-delivery".into(),
                article: summary(article),
            },
        }
    }

    fn ids(list: &[Suggestion]) -> Vec<String> {
        list.iter().filter_map(article_id).collect()
    }

    #[test]
    fn a_variant_replaces_the_rules_article_and_counts_as_exposed() {
        let mut list = vec![
            suggested("late-delivery", "late-delivery"),
            suggested("returns", "other"),
        ];
        let variations = [variation(1, "where-is-my-order")];
        apply(
            &mut list,
            &["late-delivery".into()],
            Assignment::Known(&variations),
        );
        assert_eq!(ids(&list), ["where-is-my-order", "returns"]);
        assert_eq!(exposures(&list, &variations), [&variations[0]]);
    }

    #[test]
    fn the_control_is_exposed_too_and_nothing_changes() {
        let mut list = vec![suggested("late-delivery", "late-delivery")];
        let variations = [variation(0, "late-delivery")];
        apply(
            &mut list,
            &["late-delivery".into()],
            Assignment::Known(&variations),
        );
        assert_eq!(ids(&list), ["late-delivery"]);
        assert_eq!(exposures(&list, &variations).len(), 1);
    }

    #[test]
    fn a_text_variation_leaves_the_list_alone_and_is_found_by_its_article() {
        let mut list = vec![suggested("late-delivery", "late-delivery")];
        let text = Variation {
            experiment: "late-text".into(),
            variant: 1,
            change: Varied::ArticleText {
                control: "late-delivery".into(),
                article: summary("late-delivery"),
            },
        };
        let variations = [text.clone(), variation(0, "late-delivery")];
        apply(
            &mut list,
            &["late-delivery".into()],
            Assignment::Known(&variations),
        );
        assert_eq!(ids(&list), ["late-delivery"]);
        assert_eq!(
            exposures(&list, &variations),
            [&variations[1]],
            "the text is exposed when read, not listed"
        );
        assert_eq!(text_variation(&variations, "late-delivery"), Some(&text));
        assert_eq!(status_first(&variations), None);
        assert_eq!(text_variation(&variations, "returns"), None);
    }

    #[test]
    fn pending_holds_back_only_the_items_under_an_experiment() {
        let mut list = vec![
            suggested("late-delivery", "late-delivery"),
            suggested("returns", "other"),
        ];
        let mut report = suggested("returns", "late-delivery");
        report.item = SuggestedItem::Action(Action {
            kind: crate::rules::ActionKind::Contact,
            label: "Report a late order".into(),
            topic: None,
            step: None,
        });
        list.push(report);
        apply(&mut list, &["late-delivery".into()], Assignment::Pending);
        assert_eq!(ids(&list), ["returns"]);
        assert_eq!(list.len(), 1, "the rule's action waits too");
    }

    #[test]
    fn a_reason_variation_is_exposed_by_an_explanation_citing_its_rule() {
        let variations = [
            variation(1, "where-is-my-order"),
            Variation {
                experiment: "late-reason".into(),
                variant: 1,
                change: Varied::RuleReason {
                    rule: "late-delivery".into(),
                    reason: Some(serde_json::json!("{order.id} should have arrived.")),
                },
            },
        ];
        let late = suggested("late-delivery", "late-delivery").reasons;
        let exposed: Vec<&str> = reason_exposures(&late, &variations)
            .map(|v| v.experiment.as_str())
            .collect();
        assert_eq!(
            exposed,
            ["late-reason"],
            "the article's variation is exposed by the list"
        );
        let other = suggested("returns", "other").reasons;
        assert_eq!(reason_exposures(&other, &variations).count(), 0);
        let mut list = vec![suggested("late-delivery", "late-delivery")];
        apply(
            &mut list,
            &["late-delivery".into()],
            Assignment::Known(&variations[1..]),
        );
        assert_eq!(
            ids(&list),
            ["late-delivery"],
            "a reason leaves the article alone"
        );
        assert!(
            exposures(&list, &variations[1..]).is_empty(),
            "nor is it exposed by the list"
        );
    }

    #[test]
    fn no_variation_means_the_control_and_no_exposure() {
        let mut list = vec![suggested("late-delivery", "late-delivery")];
        apply(&mut list, &["late-delivery".into()], Assignment::Known(&[]));
        assert_eq!(ids(&list), ["late-delivery"]);
        let variations = [variation(1, "where-is-my-order")];
        assert!(exposures(&list, &variations).is_empty());
    }

    #[test]
    fn a_variant_already_listed_keeps_the_control_and_is_not_exposed() {
        let mut list = vec![
            suggested("late-delivery", "late-delivery"),
            suggested("where-is-my-order", "other"),
        ];
        let variations = [variation(1, "where-is-my-order")];
        apply(
            &mut list,
            &["late-delivery".into()],
            Assignment::Known(&variations),
        );
        assert_eq!(ids(&list), ["late-delivery", "where-is-my-order"]);
        assert!(exposures(&list, &variations).is_empty());
    }
}
