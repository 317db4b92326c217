//! The interface in the user's language: the messages compiled from `locales/*.toml` (see `build.rs`),
//! the locale negotiation, and plurals by the browser's `Intl.PluralRules`, so the widget ships no CLDR data.

use crate::api::ClientError;
use crate::state::WidgetState;
use js_sys::{Array, Intl, Reflect};
use leptos::prelude::*;
use signpost_core::tickets::Queue;
use signpost_core::wire::{FieldError, Problem};
use wasm_bindgen::JsValue;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// One of the locales the interface is translated into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locale(usize);

impl Locale {
    /// Every locale the interface is translated into, English first.
    pub fn all() -> impl Iterator<Item = Locale> {
        (0..TAGS.len()).map(Locale)
    }

    /// The translation for `tag`: the exact locale, else the same language (`pt-PT` gets `pt-BR`, `es-MX`
    /// gets `es`).
    pub fn find(tag: &str) -> Option<Locale> {
        let tag = tag.trim();
        TAGS.iter()
            .position(|t| t.eq_ignore_ascii_case(tag))
            .or_else(|| {
                TAGS.iter()
                    .position(|t| language(t).eq_ignore_ascii_case(language(tag)))
            })
            .map(Locale)
    }

    /// The first of `wanted` (BCP 47 tags, best first) that the interface speaks; English when none is.
    pub fn negotiate<'a>(wanted: impl IntoIterator<Item = &'a str>) -> Locale {
        wanted
            .into_iter()
            .find_map(Locale::find)
            .unwrap_or_default()
    }

    /// The BCP 47 tag, e.g. `pt-BR`.
    pub fn tag(self) -> &'static str {
        TAGS[self.0]
    }

    /// The tag for dates, numbers and content: the requested one when this interface speaks its language
    /// (`es-MX` keeps Mexican formats), else this interface's own.
    pub fn formatting_tag(self, requested: &str) -> String {
        if language(requested).eq_ignore_ascii_case(language(self.tag())) {
            requested.to_owned()
        } else {
            self.tag().to_owned()
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        RIGHT_TO_LEFT[self.0]
    }

    /// The message as it stands (a plural message: its `other` form).
    pub fn text(self, msg: Msg) -> &'static str {
        let text = TEXT[self.0][msg as usize];
        text.rsplit(FORM_SEPARATOR).next().unwrap_or(text)
    }

    /// The message with each `{name}` replaced by its value.
    pub fn format(self, msg: Msg, values: &[(&str, &str)]) -> String {
        fill(self.text(msg), values)
    }

    /// A plural message for `count`, with `{count}` written as the locale writes numbers.
    pub fn count(self, msg: Msg, count: usize) -> String {
        let locales = Array::of1(&JsValue::from_str(self.tag()));
        let options = js_sys::Object::new();
        let category = Intl::PluralRules::new(&locales, &options)
            .select(count as f64)
            .as_string()
            .unwrap_or_default();
        let forms: Vec<&str> = TEXT[self.0][msg as usize].split(FORM_SEPARATOR).collect();
        // `zero` is used for 0 even where the language's rules have no such category (English "No articles").
        let wanted = if count == 0 && !forms[0].is_empty() {
            "zero"
        } else {
            category.as_str()
        };
        let form = PLURAL_FORMS
            .iter()
            .position(|f| *f == wanted)
            .and_then(|i| forms.get(i))
            .filter(|f| !f.is_empty())
            .or(forms.last())
            .copied()
            .unwrap_or_default();
        let number = Intl::NumberFormat::new(&locales, &options)
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(count as f64))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| count.to_string());
        fill(form, &[("count", &number)])
    }
}

fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

fn language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// The browser's preferred languages, best first.
pub fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return vec![];
    };
    Reflect::get(&window, &"navigator".into())
        .and_then(|navigator| Reflect::get(&navigator, &"languages".into()))
        .ok()
        .map(|list| {
            Array::from(&list)
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A message in the widget's current language, for a view: it follows `setLocale`.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let ui = expect_context::<WidgetState>().ui;
    move || ui.get().text(msg)
}

/// What is wrong with a form field, in the user's language. Problems a form cannot produce (the desk's checks
/// of fields the user never typed) keep the desk's words.
pub fn field_problem(ui: Locale, problem: &FieldError) -> String {
    match &problem.problem {
        Problem::Required => ui.text(Msg::FieldRequired).to_owned(),
        Problem::NotAnEmail => ui.text(Msg::FieldEmail).to_owned(),
        Problem::OneLine => ui.text(Msg::FieldOneLine).to_owned(),
        Problem::TooLong { max } => ui.format(Msg::FieldTooLong, &[("max", &max.to_string())]),
        Problem::ControlCharacters { .. } => ui.text(Msg::FieldControlCharacter).to_owned(),
        _ => problem.message.clone(),
    }
}

/// Why a call to the desk failed, in the user's language.
pub fn client_error(ui: Locale, error: &ClientError) -> String {
    match error {
        ClientError::Network(_) => ui.text(Msg::ErrorNetwork).to_owned(),
        ClientError::Status {
            status,
            body: Some(body),
        } if *status < 500 => body.message.clone(),
        ClientError::Status { status, .. } => {
            ui.format(Msg::ErrorServer, &[("status", &status.to_string())])
        }
        ClientError::Decode(_) => ui.text(Msg::ErrorUnexpected).to_owned(),
    }
}

/// The team's name as the user reads it.
pub fn queue_name(queue: Queue) -> Msg {
    match queue {
        Queue::Payments => Msg::QueuePayments,
        Queue::Orders => Msg::QueueOrders,
        Queue::Disputes => Msg::QueueDisputes,
        Queue::Sellers => Msg::QueueSellers,
        Queue::Payouts => Msg::QueuePayouts,
        Queue::General => Msg::QueueGeneral,
    }
}

/// A default topic's label in the user's language; a site's own topic keeps its id.
pub fn topic_label(ui: Locale, topic: &str) -> String {
    let msg = match topic {
        "order-not-arrived" => Msg::TopicOrderNotArrived,
        "refund" => Msg::TopicRefund,
        "payment-failed" => Msg::TopicPaymentFailed,
        "dispute" => Msg::TopicDispute,
        "account" => Msg::TopicAccount,
        "seller-verification" => Msg::TopicSellerVerification,
        "payouts" => Msg::TopicPayouts,
        "listing" => Msg::TopicListing,
        "other" | "" => Msg::TopicOther,
        custom => return custom.to_owned(),
    };
    ui.text(msg).to_owned()
}
