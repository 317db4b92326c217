//! The widget's state and the commands that change it, apart from any view so tests can drive it.

use crate::api::Api;
use crate::components::Prefill;
use crate::host::{Host, warn};
use crate::intl::IntlFormatter;
use crate::outbox::{Filed, Pending};
use leptos::html;
use leptos::prelude::*;
use serde_json::{Map, Value, json};
use signpost_core::context::{Context, Page, merge_patch};
use signpost_core::embed::EmbedConfig;
use signpost_core::help::SiteConfig;
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

/// Everything the widget knows, shared by its components as one `Copy` handle.
#[derive(Clone, Copy)]
pub struct WidgetState {
    /// How the page embedded the widget.
    pub config: StoredValue<EmbedConfig>,
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
    /// Tickets this browser filed.
    pub filed: RwSignal<Vec<Filed>>,
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
}

impl WidgetState {
    /// Fresh state for a page: panel closed, no context beyond the embed config.
    pub fn new(config: EmbedConfig, host: Host) -> Self {
        let surface = config.surface;
        let locale = config.locale.clone();
        let raw_context = RwSignal::new(Map::new());
        let context = Memo::new(move |_| {
            let (mut context, warnings) = raw_context.with(Context::from_json);
            for warning in warnings {
                warn(&warning.to_string());
            }
            context.surface.get_or_insert(surface);
            context.locale.get_or_insert_with(|| locale.clone());
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
        let locale = config.locale.clone();
        let suggestions = Memo::new(move |_| {
            let formatter = IntlFormatter::new(&locale);
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
            open: RwSignal::new(false),
            raw_context,
            context,
            view: RwSignal::new(View::Home),
            site,
            suggestions,
            status,
            articles_read: RwSignal::new(vec![]),
            filed: RwSignal::new(crate::outbox::load_filed()),
            outbox: RwSignal::new(crate::outbox::load_pending()),
            flushing: RwSignal::new(false),
            requested_search: RwSignal::new(None),
            prefill: RwSignal::new(None),
            host,
            launcher: NodeRef::new(),
            panel: NodeRef::new(),
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
            .is_some_and(|panel| focus_is_inside(&panel));
        self.open.set(open);
        if !open
            && focus_was_inside
            && let Some(launcher) = self.launcher.get_untracked()
        {
            let _ = launcher.focus();
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

    /// The locale the widget speaks.
    pub fn locale(&self) -> String {
        self.config.with_value(|config| config.locale.clone())
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

    /// Opens the panel on `view`.
    fn show(&self, view: View) {
        self.view.set(view);
        self.set_open(true);
    }
}

/// Whether keyboard focus is on `element` or inside it, looking through the shadow root it lives in.
fn focus_is_inside(element: &web_sys::HtmlElement) -> bool {
    let root = element.get_root_node();
    let active = js_sys::Reflect::get(&root, &"activeElement".into())
        .ok()
        .and_then(|value| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(value).ok());
    active.is_some_and(|node| element.contains(Some(&node)))
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
