//! The widget's state and the commands that change it, apart from any view so tests can drive it.

use crate::api::{Api, ClientError};
use crate::components::Prefill;
use crate::host::{Host, warn};
use crate::i18n::{Locale, Msg, browser_languages};
use crate::intl::IntlFormatter;
use crate::outbox::{Filed, Pending};
use leptos::html;
use leptos::prelude::*;
use serde_json::{Map, Value, json};
use signpost_core::context::{Context, Page, merge_patch};
use signpost_core::embed::EmbedConfig;
use signpost_core::help::SiteConfig;
use signpost_core::identity::Identity;
use signpost_core::rules::{Clock, RuleSet, Suggestion};
use signpost_core::status::{ComponentMap, Summary};
use signpost_core::suggest::suggestions;
use signpost_core::tickets::ArticleRead;

/// What the panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Search, suggestions and the way to contact support.
    #[default]
    Home,
    /// One article, by id.
    Article(String),
    /// Every open incident and maintenance with its timeline.
    Status,
    /// The contact form, with a topic chosen for the user.
    Contact { topic: Option<String> },
    /// This browser's tickets.
    Requests,
    /// One ticket's conversation, by id.
    Thread(String),
}

/// A user the desk vouched for: the page's token (sent with their tickets) and who it names.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    pub token: String,
    pub identity: Identity,
}

/// Everything the widget knows, shared by its components as one `Copy` handle.
#[derive(Clone, Copy)]
pub struct WidgetState {
    /// How the page embedded the widget.
    pub config: StoredValue<EmbedConfig>,
    /// The locale the page asked for: `data-locale`, `setLocale`, the document's `lang` or the browser's.
    requested_locale: RwSignal<String>,
    /// The language of the interface: the best translated match for the requested locale.
    pub ui: Memo<Locale>,
    /// The tag dates, numbers and articles follow: the requested locale when the interface speaks its
    /// language (`es-MX` keeps Mexican formats), else the interface's own.
    locale: Memo<String>,
    /// Whether the panel is showing.
    pub open: RwSignal<bool>,
    /// The page's context as merged from every `setContext` call, before parsing.
    raw_context: RwSignal<Map<String, Value>>,
    /// The parsed context the widget acts on.
    pub context: Memo<Context>,
    /// What the panel shows.
    pub view: RwSignal<View>,
    /// Rules and article catalog from the desk, once loaded.
    pub site: RwSignal<Option<SiteConfig>>,
    /// The help items for the current context, best first.
    pub suggestions: Memo<Vec<Suggestion>>,
    /// The desk's API.
    pub api: StoredValue<Api>,
    /// The status feed's latest good state.
    pub status: RwSignal<Option<Summary>>,
    /// Articles the user opened here, with their votes: sent with a ticket if the user agrees.
    pub articles_read: RwSignal<Vec<ArticleRead>>,
    /// Tickets this browser filed (and, for a verified user, those filed elsewhere).
    pub filed: RwSignal<Vec<Filed>>,
    /// The user, once the desk has verified the page's `identify` token; anonymous until then.
    pub identity: RwSignal<Option<Verified>>,
    /// Tickets waiting to be sent.
    pub outbox: RwSignal<Vec<Pending>>,
    /// Whether a retry loop is running for the outbox.
    pub flushing: RwSignal<bool>,
    /// What the page filled into the contact form, until the form takes it.
    pub prefill: RwSignal<Option<Prefill>>,
    /// A search the page asked for (`Signpost('search', q)`), for the search box to run.
    pub requested_search: RwSignal<Option<String>>,
    host: Host,
    /// The launcher, which gets focus back when the panel closes from inside.
    pub launcher: NodeRef<html::Button>,
    /// The panel element.
    pub panel: NodeRef<html::Div>,
    /// The page element that had focus when the panel opened.
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
}

impl WidgetState {
    /// Fresh state for a page: panel closed, no context beyond the embed config.
    pub fn new(config: EmbedConfig, host: Host) -> Self {
        let surface = config.surface;
        let requested_locale = RwSignal::new(config.locale.clone());
        let ui = Memo::new(move |_| {
            let browser = browser_languages();
            requested_locale.with(|tag| {
                Locale::negotiate(
                    std::iter::once(tag.as_str()).chain(browser.iter().map(String::as_str)),
                )
            })
        });
        let locale = Memo::new(move |_| {
            let ui = ui.get();
            requested_locale.with(|tag| ui.formatting_tag(tag))
        });
        let raw_context = RwSignal::new(Map::new());
        let context = Memo::new(move |_| {
            let (mut context, warnings) = raw_context.with(Context::from_json);
            for warning in warnings {
                warn(&warning.to_string());
            }
            context.surface.get_or_insert(surface);
            // The interface's language, whatever the page said: reasons read in the language around them.
            context.locale = Some(locale.get());
            context.page.get_or_insert_with(current_page);
            context
        });
        let site = RwSignal::new(None::<SiteConfig>);
        let status = RwSignal::new(None::<Summary>);
        let rules = Memo::new(move |_| {
            site.with(|site| {
                let rules = site.as_ref().map(|s| &s.rules).filter(|r| !r.is_null())?;
                RuleSet::from_json(rules)
                    .map_err(|err| warn(&format!("the desk's rules are unusable: {err}")))
                    .ok()
            })
        });
        let suggestions = Memo::new(move |_| {
            let formatter = IntlFormatter::new(&locale.get());
            site.with(|site| {
                let Some(site) = site else { return vec![] };
                context.with(|context| {
                    rules.with(|rules| {
                        let facts =
                            status.with(|s| s.as_ref().map(incident_facts).unwrap_or_default());
                        suggestions(
                            rules.as_ref(),
                            &site.articles,
                            context,
                            &facts,
                            clock(),
                            &formatter,
                        )
                    })
                })
            })
        });
        WidgetState {
            api: StoredValue::new(Api::new(config.desk.clone())),
            config: StoredValue::new(config),
            requested_locale,
            ui,
            locale,
            open: RwSignal::new(false),
            raw_context,
            context,
            view: RwSignal::new(View::Home),
            site,
            suggestions,
            status,
            articles_read: RwSignal::new(vec![]),
            filed: RwSignal::new(crate::outbox::load_filed()),
            identity: RwSignal::new(None),
            outbox: RwSignal::new(crate::outbox::load_pending()),
            flushing: RwSignal::new(false),
            requested_search: RwSignal::new(None),
            prefill: RwSignal::new(None),
            host,
            launcher: NodeRef::new(),
            panel: NodeRef::new(),
            opener: StoredValue::new_local(None),
        }
    }

    /// Shows or hides the panel, telling the page's `open` / `close` listeners when it changes.
    ///
    /// Closing hands focus back to the launcher only when focus was in the panel, so an API `close` never
    /// steals it from the page.
    pub fn set_open(&self, open: bool) {
        if self.open.get_untracked() == open {
            return;
        }
        let focus_was_inside = self
            .panel
            .get_untracked()
            .is_some_and(|panel| focused_within(&panel).is_some());
        if open {
            // The page's own button, when it opened us: focus goes back there if there is no launcher.
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                .filter(|e| e.local_name() != "signpost-widget");
            self.opener.set_value(active);
        }
        self.open.set(open);
        if !open && focus_was_inside {
            let launcher = self.launcher.get_untracked().filter(|l| !l.hidden());
            match (launcher, self.opener.get_value()) {
                (Some(launcher), _) => {
                    let _ = launcher.focus();
                }
                (None, Some(opener)) => {
                    let _ = opener.focus();
                }
                (None, None) => {}
            }
        }
        self.host
            .emit(if open { "open" } else { "close" }, &Value::Null);
    }

    /// Tells the page's listeners about something the user did or saw.
    pub fn emit(&self, event: &str, detail: Value) {
        self.host.emit(event, &detail);
    }

    /// Which status components concern which surfaces: the site's map once loaded, else the defaults.
    pub fn status_components(&self) -> ComponentMap {
        self.site
            .with(|site| site.as_ref().map(|s| s.status_components.clone()))
            .unwrap_or_else(ComponentMap::default_marketplace)
    }

    /// Remembers that the user read an article (and, once they vote, whether it helped).
    pub fn record_read(&self, id: &str, title: &str, helpful: Option<bool>) {
        self.articles_read
            .update(|read| match read.iter_mut().find(|a| a.id == id) {
                Some(known) => known.helpful = helpful.or(known.helpful),
                None => read.push(ArticleRead {
                    id: id.to_owned(),
                    title: title.to_owned(),
                    helpful,
                }),
            });
    }

    /// The BCP 47 tag for formatting and for content (see [`WidgetState::ui`] for the interface's).
    pub fn locale(&self) -> String {
        self.locale.get()
    }

    /// An interface message in the current language.
    pub fn text(&self, msg: Msg) -> &'static str {
        self.ui.get().text(msg)
    }

    /// Runs one command of the JS API that the loader forwarded.
    pub fn command(&self, name: &str, args: Vec<Value>) {
        match name {
            "open" => self.set_open(true),
            "close" => self.set_open(false),
            "toggle" => self.set_open(!self.open.get_untracked()),
            "setContext" => match args.into_iter().next() {
                Some(Value::Object(patch)) => {
                    self.raw_context.update(|stored| merge_patch(stored, patch))
                }
                other => warn(&format!(
                    "setContext expects an object, got {}",
                    json!(other)
                )),
            },
            "search" => match args.first().and_then(Value::as_str) {
                Some(query) => {
                    self.show(View::Home);
                    self.requested_search.set(Some(query.to_owned()));
                }
                None => warn("search expects the query as a string"),
            },
            "showArticle" => match args.first().and_then(Value::as_str) {
                Some(id) => self.show(View::Article(id.to_owned())),
                None => warn("showArticle expects an article id as a string"),
            },
            "showStatus" => self.show(View::Status),
            "identify" => match args
                .first()
                .and_then(|a| a.get("token"))
                .and_then(Value::as_str)
            {
                Some(token) if !token.trim().is_empty() => self.identify(token.trim().to_owned()),
                _ => warn("identify expects { token }: the JWT your backend minted for this user"),
            },
            "setLocale" => match args.first().and_then(Value::as_str).map(str::trim) {
                Some(tag) if Locale::find(tag).is_some() => {
                    self.requested_locale.set(tag.to_owned())
                }
                Some(tag) => warn(&format!(
                    "setLocale: `{tag}` is not translated; keeping {}",
                    self.ui.get_untracked().tag()
                )),
                None => warn("setLocale expects a BCP 47 tag such as \"es\" or \"pt-BR\""),
            },
            "newTicket" => {
                let text = |key: &str| {
                    args.first()
                        .and_then(|a| a.get(key))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                };
                if args.first().is_some_and(|a| !a.is_object()) {
                    return warn("newTicket expects an object { topic, subject, message }");
                }
                self.prefill.set(Some(Prefill {
                    subject: text("subject"),
                    message: text("message"),
                }));
                self.show(View::Contact {
                    topic: text("topic"),
                });
            }
            unknown => warn(&format!("unknown command `{unknown}`")),
        }
    }

    /// Asks the desk to verify `token`; only a verified identity is ever used. A refused one leaves the user
    /// anonymous, and says why in the console for the page's developers.
    fn identify(&self, token: String) {
        let state = *self;
        let api = self.api.get_value();
        leptos::task::spawn_local(async move {
            match api.identify(&token).await {
                Ok(check) => {
                    state.identity.set(Some(Verified {
                        token: token.clone(),
                        identity: check.identity,
                    }));
                    if let Ok(tickets) = api.my_tickets(&token).await {
                        crate::outbox::add_from_desk(state, tickets);
                    }
                }
                Err(err) => {
                    state.identity.set(None);
                    let reason = match &err {
                        ClientError::Status {
                            body: Some(body), ..
                        } => body.message.clone(),
                        other => other.to_string(),
                    };
                    warn(&format!(
                        "identify: the desk did not accept the token ({reason}); the user stays anonymous"
                    ));
                }
            }
        });
    }

    /// Opens the panel on `view`.
    fn show(&self, view: View) {
        self.view.set(view);
        self.set_open(true);
    }
}

/// The element with keyboard focus if it is `element` or inside it, looking through the shadow root it lives in.
pub fn focused_within(element: &web_sys::HtmlElement) -> Option<web_sys::Element> {
    let root = element.get_root_node();
    js_sys::Reflect::get(&root, &"activeElement".into())
        .ok()
        .and_then(|value| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(value).ok())
        .filter(|active| element.contains(Some(active)))
}

/// Now, as the user's calendar sees it.
fn clock() -> Clock {
    Clock {
        now_unix_seconds: (js_sys::Date::now() / 1000.0) as i64,
        utc_offset_minutes: -(js_sys::Date::new_0().get_timezone_offset() as i32),
    }
}

/// The host page's address and title, for when the page does not say.
fn current_page() -> Page {
    let document = web_sys::window().and_then(|w| w.document());
    Page {
        url: document.as_ref().and_then(|d| d.url().ok()),
        title: document.map(|d| d.title()).filter(|t| !t.is_empty()),
    }
}

/// What the rules may know about open incidents: `incidents.active` lists their ids and the lowercased names
/// of the components they affect (a rule can ask whether it `contains = "payments"`).
fn incident_facts(summary: &Summary) -> Map<String, Value> {
    let mut active: Vec<Value> = vec![];
    for incident in summary.incidents.iter().filter(|i| i.is_unresolved()) {
        active.push(Value::from(incident.id.clone()));
        active.extend(
            incident
                .components
                .iter()
                .map(|c| Value::from(c.name.to_lowercase())),
        );
    }
    let mut facts = Map::new();
    facts.insert("incidents".into(), json!({ "active": active }));
    facts
}
