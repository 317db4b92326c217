//! The page's commands (`Signpost('open')`, `Signpost('setContext', {…})`, …) as a type: [`PageCommand::parse`]
//! checks the name and arguments the loader forwarded, with no browser in sight, and [`PageCommand::apply`]
//! carries a good command out. A bad one becomes a [`CommandError`] for the console, never a panic.

use crate::components::chunk::{self, ChunkFailed};
use crate::contexts::Contexts;
use crate::host::warn;
use crate::i18n::Locale;
use crate::navigation::{Prefill, View};
use leptos::prelude::GetValue;
use serde_json::{Map, Value};

/// One command from the page, with its arguments checked.
#[derive(Clone, Debug, PartialEq)]
pub enum PageCommand {
    Open,
    Close,
    Toggle,
    /// Merge this patch into the page's context.
    SetContext(Map<String, Value>),
    /// Open home and search for this.
    Search(String),
    /// Open this article.
    ShowArticle(String),
    ShowStatus,
    /// Verify this token (the page's JWT for its user) with the desk.
    Identify {
        token: String,
    },
    /// Speak this language, which the interface is translated into.
    SetLocale(Locale),
    /// Open the contact form with this topic, subject and message filled in.
    NewTicket {
        topic: Option<String>,
        subject: Option<String>,
        message: Option<String>,
    },
}

/// Why a command was not carried out: the console warning says which command and what it expects.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CommandError {
    #[error("unknown command `{0}`")]
    Unknown(String),
    #[error("{command} expects {expected}, got {got}")]
    BadArguments {
        command: &'static str,
        expected: &'static str,
        /// The first argument as JSON (`nothing` when there was none).
        got: String,
    },
    #[error("setLocale: `{0}` is not translated; the widget keeps its language")]
    NotTranslated(String),
}

impl PageCommand {
    /// The command `name` with the JSON arguments the page passed.
    pub fn parse(name: &str, args: Vec<Value>) -> Result<PageCommand, CommandError> {
        let first = args.into_iter().next();
        let bad = |command: &'static str, expected: &'static str| CommandError::BadArguments {
            command,
            expected,
            got: first
                .as_ref()
                .map_or_else(|| "nothing".to_owned(), Value::to_string),
        };
        let text =
            |value: &Option<Value>| value.as_ref().and_then(Value::as_str).map(str::to_owned);
        Ok(match name {
            "open" => PageCommand::Open,
            "close" => PageCommand::Close,
            "toggle" => PageCommand::Toggle,
            "showStatus" => PageCommand::ShowStatus,
            "setContext" => match first {
                Some(Value::Object(patch)) => PageCommand::SetContext(patch),
                _ => return Err(bad("setContext", "an object")),
            },
            "search" => match text(&first) {
                Some(query) => PageCommand::Search(query),
                None => return Err(bad("search", "the query as a string")),
            },
            "showArticle" => match text(&first) {
                Some(id) => PageCommand::ShowArticle(id),
                None => return Err(bad("showArticle", "an article id as a string")),
            },
            "identify" => match first
                .as_ref()
                .and_then(|a| a.get("token"))
                .and_then(Value::as_str)
                .map(str::trim)
            {
                Some(token) if !token.is_empty() => PageCommand::Identify {
                    token: token.to_owned(),
                },
                _ => {
                    return Err(bad(
                        "identify",
                        "{ token }, the JWT your backend minted for this user",
                    ));
                }
            },
            "setLocale" => match text(&first).as_deref().map(str::trim) {
                Some(tag) => match Locale::find(tag) {
                    Some(locale) => PageCommand::SetLocale(locale),
                    None => return Err(CommandError::NotTranslated(tag.to_owned())),
                },
                None => {
                    return Err(bad("setLocale", "a BCP 47 tag such as \"es\" or \"pt-BR\""));
                }
            },
            "newTicket" => match &first {
                None | Some(Value::Object(_)) => {
                    let field = |key: &str| text(&first.as_ref().and_then(|a| a.get(key)).cloned());
                    PageCommand::NewTicket {
                        topic: field("topic"),
                        subject: field("subject"),
                        message: field("message"),
                    }
                }
                Some(_) => return Err(bad("newTicket", "an object { topic, subject, message }")),
            },
            unknown => return Err(CommandError::Unknown(unknown.to_owned())),
        })
    }

    /// Carries the command out on the widget.
    pub fn apply(self, widget: &Contexts) {
        let navigation = widget.navigation;
        match self {
            PageCommand::Open => navigation.set_open(true),
            PageCommand::Close => navigation.set_open(false),
            PageCommand::Toggle => navigation.toggle(),
            PageCommand::SetContext(patch) => widget.page.merge(patch),
            PageCommand::Search(query) => navigation.search(query),
            PageCommand::ShowArticle(id) => navigation.show(View::Article(id)),
            PageCommand::ShowStatus => navigation.show(View::Status),
            PageCommand::Identify { token } => {
                let (user, api, outbox) = (widget.user, widget.api.get_value(), widget.outbox);
                leptos::task::spawn_local(async move {
                    match chunk::identity().await {
                        Ok(identify) => identify(user, token, api, outbox),
                        // Nothing on screen depends on it yet: the page may call `identify` again.
                        Err(ChunkFailed) => warn(
                            "identify: its part of the widget could not be fetched; the user stays anonymous",
                        ),
                    }
                });
            }
            PageCommand::SetLocale(locale) => widget.language.request(locale.tag().to_owned()),
            PageCommand::NewTicket {
                topic,
                subject,
                message,
            } => navigation.new_ticket(topic, Prefill { subject, message }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    // Plain tests natively (`cargo test -p signpost --lib`); under `--target wasm32-unknown-unknown` the same
    // tests run through wasm-bindgen-test, which is how the widget's test step runs them.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn parse(name: &str, args: Value) -> Result<PageCommand, CommandError> {
        let Value::Array(args) = args else {
            panic!("arguments are a JSON array")
        };
        PageCommand::parse(name, args)
    }

    #[test]
    fn commands_without_arguments_ignore_any_they_get() {
        assert_eq!(parse("open", json!([])), Ok(PageCommand::Open));
        assert_eq!(parse("close", json!([1])), Ok(PageCommand::Close));
        assert_eq!(parse("toggle", json!([])), Ok(PageCommand::Toggle));
        assert_eq!(parse("showStatus", json!([])), Ok(PageCommand::ShowStatus));
    }

    #[test]
    fn set_context_takes_an_object_and_nothing_else() {
        let patch = json!({"role": "buyer", "order": null});
        let Value::Object(expected) = patch.clone() else {
            unreachable!()
        };
        assert_eq!(
            parse("setContext", json!([patch])),
            Ok(PageCommand::SetContext(expected))
        );
        for wrong in [json!([]), json!(["buyer"]), json!([[1]]), json!([null])] {
            let err = parse("setContext", wrong.clone()).unwrap_err();
            assert!(
                err.to_string().starts_with("setContext expects an object"),
                "{wrong}: {err}"
            );
        }
    }

    #[test]
    fn search_and_show_article_take_a_string() {
        assert_eq!(
            parse("search", json!(["refund", "extra"])),
            Ok(PageCommand::Search("refund".into()))
        );
        assert_eq!(
            parse("showArticle", json!(["payment-declined"])),
            Ok(PageCommand::ShowArticle("payment-declined".into()))
        );
        assert_eq!(
            parse("showArticle", json!([42])),
            Err(CommandError::BadArguments {
                command: "showArticle",
                expected: "an article id as a string",
                got: "42".into(),
            })
        );
        assert_eq!(
            parse("search", json!([])).unwrap_err().to_string(),
            "search expects the query as a string, got nothing"
        );
    }

    #[test]
    fn identify_takes_a_non_blank_token_trimmed() {
        assert_eq!(
            parse("identify", json!([{"token": " eyJ.x.y "}])),
            Ok(PageCommand::Identify {
                token: "eyJ.x.y".into()
            })
        );
        for wrong in [
            json!([]),
            json!(["eyJ.x.y"]),
            json!([{"token": "  "}]),
            json!([{"token": 7}]),
            json!([{"jwt": "eyJ.x.y"}]),
        ] {
            let err = parse("identify", wrong.clone()).unwrap_err();
            assert!(
                err.to_string().starts_with("identify expects { token }"),
                "{wrong}: {err}"
            );
        }
    }

    #[test]
    fn set_locale_finds_the_translation_or_names_the_tag() {
        assert_eq!(
            parse("setLocale", json!(["ar-EG"])),
            Ok(PageCommand::SetLocale(Locale::find("ar").unwrap()))
        );
        assert_eq!(
            parse("setLocale", json!([" pt-PT "])),
            Ok(PageCommand::SetLocale(Locale::find("pt-BR").unwrap()))
        );
        let err = parse("setLocale", json!(["xx-YY"])).unwrap_err();
        assert_eq!(err, CommandError::NotTranslated("xx-YY".into()));
        assert!(
            err.to_string()
                .starts_with("setLocale: `xx-YY` is not translated")
        );
        assert!(
            parse("setLocale", json!([{"locale": "es"}]))
                .unwrap_err()
                .to_string()
                .starts_with("setLocale expects a BCP 47 tag")
        );
    }

    #[test]
    fn new_ticket_takes_an_object_whose_string_fields_it_keeps() {
        assert_eq!(
            parse(
                "newTicket",
                json!([{"topic": "refund", "subject": "Refund for A-1", "message": 5}])
            ),
            Ok(PageCommand::NewTicket {
                topic: Some("refund".into()),
                subject: Some("Refund for A-1".into()),
                message: None,
            })
        );
        assert_eq!(
            parse("newTicket", json!([])),
            Ok(PageCommand::NewTicket {
                topic: None,
                subject: None,
                message: None,
            })
        );
        assert!(
            parse("newTicket", json!(["refund"]))
                .unwrap_err()
                .to_string()
                .starts_with("newTicket expects an object")
        );
    }

    #[test]
    fn an_unknown_command_is_named() {
        let err = parse("frobnicate", json!([{"x": 1}])).unwrap_err();
        assert_eq!(err.to_string(), "unknown command `frobnicate`");
    }
}
