//! The interface in the user's language: the messages compiled from `locales/*.toml` (see `build.rs`),
//! the locale negotiation, the [`Language`] context every part reads its words through, and plurals by the
//! browser's `Intl.PluralRules`, so the widget ships no CLDR data.
//!
//! The release build compiles in English alone: each other language's messages are fetched from the build's
//! folder the first time a page needs them (the loader fetches the page's language beside the module), so a
//! page pays for the one language it shows.

use crate::api::ClientError;
use crate::intl::relative_time;
use js_sys::{Array, Intl, Reflect};
use leptos::prelude::*;
use signpost_core::message::fill;
use signpost_core::tickets::Queue;
use signpost_core::wire::{ErrorCode, Problem};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

thread_local! {
    /// Each locale's messages, once known: compiled in, or fetched and kept for the page's lifetime.
    static CATALOGS: RefCell<[Option<&'static [&'static str]>; TAGS.len()]> =
        RefCell::new(BUNDLED.map(|catalog| catalog.map(|messages| messages.as_slice())));
}

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

    /// Whether this locale's messages are here (compiled in or fetched).
    pub fn is_known(self) -> bool {
        CATALOGS.with_borrow(|catalogs| catalogs[self.0].is_some())
    }

    /// Keeps `messages` (fetched, in message order) as this locale's; false when they do not fit this build.
    pub fn learn(self, messages: Vec<String>) -> bool {
        if messages.len() != MESSAGE_COUNT {
            return false;
        }
        // Leaked on purpose: at most one catalog per language per page, each read for the page's lifetime.
        let messages: Vec<&'static str> = messages
            .into_iter()
            .map(|text| &*Box::leak(text.into_boxed_str()))
            .collect();
        let messages = Box::leak(messages.into_boxed_slice());
        CATALOGS.with_borrow_mut(|catalogs| catalogs[self.0] = Some(messages));
        true
    }

    /// The message's text, or its plural forms joined by FORM_SEPARATOR; English until this locale's
    /// messages are known.
    fn raw(self, msg: Msg) -> &'static str {
        let english = || BUNDLED[0].expect("English is compiled in")[msg as usize];
        CATALOGS
            .with_borrow(|catalogs| catalogs[self.0].map(|messages| messages[msg as usize]))
            .unwrap_or_else(english)
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        RIGHT_TO_LEFT[self.0]
    }

    /// The message as it stands (a plural message: its `other` form).
    pub fn text(self, msg: Msg) -> &'static str {
        let text = self.raw(msg);
        text.rsplit(FORM_SEPARATOR).next().unwrap_or(text)
    }

    /// The message with each `{name}` replaced by its value.
    pub fn format(self, msg: Msg, values: &[(&str, &str)]) -> String {
        fill(self.text(msg), values, self.is_rtl())
    }

    /// A plural message for `count`, with `{count}` written as the locale writes numbers.
    pub fn count(self, msg: Msg, count: usize) -> String {
        let locales = Array::of1(&JsValue::from_str(self.tag()));
        let options = js_sys::Object::new();
        let category = Intl::PluralRules::new(&locales, &options)
            .select(count as f64)
            .as_string()
            .unwrap_or_default();
        let forms: Vec<&str> = self.raw(msg).split(FORM_SEPARATOR).collect();
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
        fill(
            form,
            &[("count", &self.number(count as i64))],
            self.is_rtl(),
        )
    }

    /// A number as this locale writes it (with its digits and grouping).
    pub fn number(self, value: i64) -> String {
        let locales = Array::of1(&JsValue::from_str(self.tag()));
        Intl::NumberFormat::new(&locales, &js_sys::Object::new())
            .format()
            .call1(&JsValue::NULL, &JsValue::from_f64(value as f64))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| value.to_string())
    }
}

fn language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// The browser's preferred languages, best first.
fn browser_languages() -> Vec<String> {
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

/// The interface's language and the locale dates, numbers and content follow, as one context.
#[derive(Clone, Copy)]
pub struct Language {
    /// The locale the page asked for: `data-locale`, `setLocale`, the document's `lang` or the browser's.
    requested: RwSignal<String>,
    /// The best translated match for the requested locale.
    wanted: Memo<Locale>,
    /// Counts the catalogs fetched, so the interface switches when one arrives.
    learned: RwSignal<u32>,
    /// The language of the interface: `wanted` once its messages are here; until then the language shown
    /// before (English at first).
    ui: Memo<Locale>,
    /// The tag dates, numbers and articles follow: the requested locale when the interface speaks its
    /// language (`es-MX` keeps Mexican formats), else the interface's own.
    formatting: Memo<String>,
}

impl Language {
    /// The language for a page that asked for `requested` (the browser's preferences fill in after it).
    pub fn new(requested: String) -> Self {
        let requested = RwSignal::new(requested);
        let wanted = Memo::new(move |_| {
            let browser = browser_languages();
            requested.with(|tag| {
                Locale::negotiate(
                    std::iter::once(tag.as_str()).chain(browser.iter().map(String::as_str)),
                )
            })
        });
        let learned = RwSignal::new(0_u32);
        let ui = Memo::new(move |shown: Option<&Locale>| {
            learned.track();
            let wanted = wanted.get();
            if wanted.is_known() {
                wanted
            } else {
                shown.copied().unwrap_or_default()
            }
        });
        let formatting = Memo::new(move |_| {
            let ui = ui.get();
            requested.with(|tag| ui.formatting_tag(tag))
        });
        Language {
            requested,
            wanted,
            learned,
            ui,
            formatting,
        }
    }

    /// From now on, fetches the messages of each language the page asks for that are not here yet from
    /// `assets`, the build's folder (an effect: call it once the widget is mounted).
    pub fn fetch_messages(self, assets: Option<String>) {
        let (wanted, learned) = (self.wanted, self.learned);
        Effect::new(move || {
            let wanted = wanted.get();
            let Some(assets) = assets.clone().filter(|_| !wanted.is_known()) else {
                return;
            };
            leptos::task::spawn_local(async move {
                let url = format!("{assets}messages-{}.json", wanted.tag());
                // On failure the interface stays in the language it shows; asking for another language later
                // tries again.
                match crate::api::messages(&url)
                    .await
                    .map(|messages| wanted.learn(messages))
                {
                    Ok(true) => learned.update(|n| *n += 1),
                    Ok(false) => crate::host::warn(&format!("{url} does not fit this build")),
                    Err(err) => crate::host::warn(&format!("{url}: {err}")),
                }
            });
        });
    }

    /// The interface's locale; a view that calls this follows `setLocale`.
    pub fn ui(&self) -> Locale {
        self.ui.get()
    }

    /// The interface's locale now, for an event handler.
    pub fn ui_untracked(&self) -> Locale {
        self.ui.get_untracked()
    }

    /// An interface message in the current language.
    pub fn text(&self, msg: Msg) -> &'static str {
        self.ui().text(msg)
    }

    /// The BCP 47 tag for formatting and for content (see [`Language::ui`] for the interface's).
    pub fn locale(&self) -> String {
        self.formatting.get()
    }

    /// Switches to `tag`, which must be one [`Locale::find`] knows.
    pub fn request(&self, tag: String) {
        self.requested.set(tag);
    }
}

/// A message in the widget's current language, for a view: it follows `setLocale`.
pub fn t(msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let language = expect_context::<Language>();
    move || language.text(msg)
}

/// What is wrong with a form field, in the user's language: every problem the desk (or the form's own check)
/// can name, with its parameters written as the user's locale writes numbers.
pub fn field_problem(ui: Locale, problem: &Problem) -> String {
    let number = |n: i64| ui.number(n);
    match problem {
        Problem::Required => ui.text(Msg::FieldRequired).to_owned(),
        Problem::TooShort { min } => {
            ui.format(Msg::FieldTooShort, &[("min", &number(*min as i64))])
        }
        Problem::TooLong { max } => ui.format(Msg::FieldTooLong, &[("max", &number(*max as i64))]),
        Problem::TooMany { max } => ui.format(Msg::FieldTooMany, &[("max", &number(*max as i64))]),
        Problem::OneLine => ui.text(Msg::FieldOneLine).to_owned(),
        Problem::ControlCharacters { .. } => ui.text(Msg::FieldControlCharacter).to_owned(),
        Problem::NotAnEmail => ui.text(Msg::FieldEmail).to_owned(),
        Problem::NotANumber => ui.text(Msg::FieldNotANumber).to_owned(),
        Problem::OneOf { choices } => {
            ui.format(Msg::FieldOneOf, &[("choices", &choices.join(", "))])
        }
        Problem::OutOfRange { min, max } => ui.format(
            Msg::FieldOutOfRange,
            &[("min", &number(*min)), ("max", &number(*max))],
        ),
        Problem::NotADateTime => ui.text(Msg::FieldNotADateTime).to_owned(),
        Problem::NotAfter { .. } => ui.text(Msg::FieldNotAfter).to_owned(),
        Problem::NotUrlSafe => ui.text(Msg::FieldNotUrlSafe).to_owned(),
        Problem::NotACursor => ui.text(Msg::FieldNotACursor).to_owned(),
        // A value of the wrong shape, or a problem a newer desk names: nothing the user can do but change it.
        Problem::InvalidValue | Problem::Unknown => ui.text(Msg::FieldNotAccepted).to_owned(),
    }
}

/// Why a call to the desk failed, in the user's language (it completes "Your request could not be sent: …").
pub fn client_error(ui: Locale, error: &ClientError) -> String {
    match error {
        ClientError::Network(_) => ui.text(Msg::ErrorNetwork).to_owned(),
        ClientError::Status { status, .. } => match error.body() {
            Some(body) => error_code(ui, &body.code, *status),
            None => ui.format(Msg::ErrorServer, &[("status", &status.to_string())]),
        },
        ClientError::Decode(_) => ui.text(Msg::ErrorUnexpected).to_owned(),
    }
}

/// The desk's error code in the user's language; `status` is the HTTP status it came with.
fn error_code(ui: Locale, code: &ErrorCode, status: u16) -> String {
    let msg = match code {
        ErrorCode::BadRequest => Msg::ErrorBadRequest,
        ErrorCode::Unauthorized => Msg::ErrorUnauthorized,
        ErrorCode::InvalidIdentity => Msg::ErrorInvalidIdentity,
        ErrorCode::Forbidden => Msg::ErrorForbidden,
        ErrorCode::NotFound => Msg::ErrorNotFound,
        ErrorCode::MethodNotAllowed
        | ErrorCode::UnsupportedMediaType
        | ErrorCode::ValidationFailed => Msg::ErrorNotAccepted,
        ErrorCode::Conflict => Msg::ErrorConflict,
        ErrorCode::PayloadTooLarge => Msg::ErrorTooLarge,
        ErrorCode::TooManyStreams { .. } => Msg::ErrorTooManyStreams,
        ErrorCode::RateLimited {
            retry_after_seconds,
        } => {
            let when = relative_time(ui.tag(), *retry_after_seconds as i64);
            return ui.format(Msg::ErrorRateLimited, &[("when", &when)]);
        }
        // Whatever the reason (capacity, a database outage), the user can only wait as long as the desk asks.
        ErrorCode::Unavailable {
            retry_after_seconds,
            ..
        } => {
            let when = relative_time(ui.tag(), *retry_after_seconds as i64);
            return ui.format(Msg::ErrorUnavailable, &[("when", &when)]);
        }
        // The desk's own failure, or a code from something between us and the desk (a proxy's 502).
        ErrorCode::Internal | ErrorCode::Unknown => {
            return ui.format(Msg::ErrorServer, &[("status", &status.to_string())]);
        }
    };
    ui.text(msg).to_owned()
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

/// Every problem and error code the desk can send reads in every language. The exhaustive matches above make a
/// new code fail to compile until it has words, and `build.rs` fails a language that lacks a key; these tests
/// fail when a language only copied the English, or a sentence keeps a placeholder unfilled.
#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use signpost_core::wire::{ErrorBody, StreamScope, UnavailableReason};
    use wasm_bindgen_test::wasm_bindgen_test;

    /// One of each problem, with parameters. `variant` makes a new problem fail to compile until it is listed.
    fn every_problem() -> Vec<Problem> {
        let every = vec![
            Problem::Required,
            Problem::TooShort { min: 8 },
            Problem::TooLong { max: 150 },
            Problem::TooMany { max: 20 },
            Problem::OneLine,
            Problem::ControlCharacters { code_point: 27 },
            Problem::NotAnEmail,
            Problem::NotANumber,
            Problem::OneOf {
                choices: vec!["refund".into(), "other".into()],
            },
            Problem::OutOfRange { min: 1, max: 200 },
            Problem::NotADateTime,
            Problem::NotAfter {
                other: "scheduled_for".into(),
            },
            Problem::NotUrlSafe,
            Problem::NotACursor,
            Problem::InvalidValue,
            Problem::Unknown,
        ];
        let variant = |problem: &Problem| match problem {
            Problem::Required => 0,
            Problem::TooShort { .. } => 1,
            Problem::TooLong { .. } => 2,
            Problem::TooMany { .. } => 3,
            Problem::OneLine => 4,
            Problem::ControlCharacters { .. } => 5,
            Problem::NotAnEmail => 6,
            Problem::NotANumber => 7,
            Problem::OneOf { .. } => 8,
            Problem::OutOfRange { .. } => 9,
            Problem::NotADateTime => 10,
            Problem::NotAfter { .. } => 11,
            Problem::NotUrlSafe => 12,
            Problem::NotACursor => 13,
            Problem::InvalidValue => 14,
            Problem::Unknown => 15,
        };
        let listed: Vec<usize> = every.iter().map(variant).collect();
        assert_eq!(
            listed,
            (0..16).collect::<Vec<_>>(),
            "one example of each problem"
        );
        every
    }

    /// One of each error code. `variant` makes a new code fail to compile until it is listed.
    fn every_code() -> Vec<ErrorCode> {
        let every = vec![
            ErrorCode::BadRequest,
            ErrorCode::Unauthorized,
            ErrorCode::InvalidIdentity,
            ErrorCode::Forbidden,
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::Conflict,
            ErrorCode::PayloadTooLarge,
            ErrorCode::UnsupportedMediaType,
            ErrorCode::ValidationFailed,
            ErrorCode::RateLimited {
                retry_after_seconds: 300,
            },
            ErrorCode::TooManyStreams {
                scope: StreamScope::Ticket,
                max: 10,
            },
            ErrorCode::Unavailable {
                reason: UnavailableReason::DatabaseUnreachable,
                retry_after_seconds: 5,
            },
            ErrorCode::Internal,
            ErrorCode::Unknown,
        ];
        let variant = |code: &ErrorCode| match code {
            ErrorCode::BadRequest => 0,
            ErrorCode::Unauthorized => 1,
            ErrorCode::InvalidIdentity => 2,
            ErrorCode::Forbidden => 3,
            ErrorCode::NotFound => 4,
            ErrorCode::MethodNotAllowed => 5,
            ErrorCode::Conflict => 6,
            ErrorCode::PayloadTooLarge => 7,
            ErrorCode::UnsupportedMediaType => 8,
            ErrorCode::ValidationFailed => 9,
            ErrorCode::RateLimited { .. } => 10,
            ErrorCode::TooManyStreams { .. } => 11,
            ErrorCode::Unavailable { .. } => 12,
            ErrorCode::Internal => 13,
            ErrorCode::Unknown => 14,
        };
        let listed: Vec<usize> = every.iter().map(variant).collect();
        assert_eq!(
            listed,
            (0..15).collect::<Vec<_>>(),
            "one example of each code"
        );
        every
    }

    fn every_locale() -> impl Iterator<Item = Locale> {
        (0..TAGS.len()).map(Locale)
    }

    /// `text` is a finished sentence in `locale`: not blank, no `{placeholder}` left, and (beyond English) not
    /// the English words.
    fn assert_worded(locale: Locale, text: &str, english: &str, what: &str) {
        let tag = locale.tag();
        assert!(!text.trim().is_empty(), "{tag}: {what} has no words");
        assert!(
            !text.contains(['{', '}']),
            "{tag}: {what} keeps a placeholder: {text}"
        );
        if tag != "en" {
            assert_ne!(text, english, "{tag}: {what} is still in English");
        }
    }

    #[wasm_bindgen_test]
    fn every_problem_is_worded_in_every_language() {
        assert_eq!(TAGS.len(), 7, "en, es, fr, de, pt-BR, ar, ja");
        for problem in every_problem() {
            let english = field_problem(Locale::default(), &problem);
            for locale in every_locale() {
                let text = field_problem(locale, &problem);
                assert_worded(locale, &text, &english, &format!("{problem:?}"));
            }
        }
    }

    #[wasm_bindgen_test]
    fn every_error_code_is_worded_in_every_language() {
        for code in every_code() {
            let error = ClientError::Status {
                status: 429,
                body: serde_json::to_string(&ErrorBody {
                    code: code.clone(),
                    message: "in English, for developers".into(),
                    fields: vec![],
                })
                .ok(),
            };
            let english = client_error(Locale::default(), &error);
            assert!(
                !english.contains("in English"),
                "{code:?} shows the desk's message"
            );
            for locale in every_locale() {
                let text = client_error(locale, &error);
                assert_worded(locale, &text, &english, &format!("{code:?}"));
            }
        }
    }

    #[wasm_bindgen_test]
    fn parameters_are_written_as_the_locale_writes_numbers() {
        let ar = Locale::find("ar").unwrap_or_default();
        let too_long = field_problem(ar, &Problem::TooLong { max: 150 });
        assert!(too_long.contains(&ar.number(150)), "{too_long}");
        let en = Locale::default();
        assert_eq!(
            field_problem(en, &Problem::OutOfRange { min: 1, max: 1200 }),
            "Please enter a whole number from 1 to 1,200."
        );
        let limited = ClientError::Status {
            status: 429,
            body: serde_json::to_string(&ErrorBody {
                code: ErrorCode::RateLimited {
                    retry_after_seconds: 300,
                },
                message: String::new(),
                fields: vec![],
            })
            .ok(),
        };
        assert_eq!(
            client_error(en, &limited),
            "too many requests. Please try again in 5 minutes."
        );
    }
}
