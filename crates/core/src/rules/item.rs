//! Reading a [`SuggestedItem`]: both kinds' fields side by side in one plain struct, then the kind's own.
//! Deriving the read of the internally tagged enum instead would buffer each object first, and that code is
//! about a tenth of what the desk's suggestions cost the widget's main module.

use super::{Action, ActionKind, SuggestedItem};
use crate::embed::Surface;
use crate::help::{ArticleSummary, Audience};
use serde::Deserialize;

/// Which kind of item: the wire's `kind`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Article,
    Action,
}

/// Every field either kind may have.
#[derive(Deserialize)]
pub(super) struct Fields {
    kind: Kind,
    id: Option<String>,
    title: Option<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    audience: Audience,
    #[serde(default)]
    surfaces: Vec<Surface>,
    locale: Option<String>,
    updated: Option<String>,
    action: Option<ActionKind>,
    label: Option<String>,
    topic: Option<String>,
    step: Option<String>,
}

impl TryFrom<Fields> for SuggestedItem {
    type Error = &'static str;

    fn try_from(fields: Fields) -> Result<Self, Self::Error> {
        Ok(match fields.kind {
            Kind::Article => SuggestedItem::Article(ArticleSummary {
                id: fields.id.ok_or("an article needs an `id`")?,
                title: fields.title.ok_or("an article needs a `title`")?,
                summary: fields.summary,
                audience: fields.audience,
                surfaces: fields.surfaces,
                locale: fields.locale.ok_or("an article needs a `locale`")?,
                updated: fields.updated,
            }),
            Kind::Action => SuggestedItem::Action(Action {
                kind: fields.action.ok_or("an action needs its `action`")?,
                label: fields.label.ok_or("an action needs a `label`")?,
                topic: fields.topic,
                step: fields.step,
            }),
        })
    }
}
