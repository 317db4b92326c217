//! The narrow contexts the widget's parts share, made once per widget. [`App`](crate::App) provides each one on
//! its own, so a part reads only those it needs (as Leptos's todomvc provides only what a child needs); only
//! the root, the page's commands and the tests hold them all.

use crate::api::Api;
use crate::host::Host;
use crate::i18n::Language;
use crate::identity::VerifiedUser;
use crate::navigation::Navigation;
use crate::outbox::Outbox;
use crate::page_context::PageContext;
use crate::reading::ArticlesRead;
use crate::searches::SearchesMade;
use crate::site::Site;
use crate::status_feed::StatusFeed;
use crate::usage::Usage;
use leptos::prelude::*;
use signpost_core::embed::EmbedConfig;

/// Every context of one widget.
#[derive(Clone, Copy)]
pub struct Contexts {
    /// How the page embedded the widget.
    pub config: StoredValue<EmbedConfig>,
    /// The interface language.
    pub language: Language,
    /// What the page said about the user's situation.
    pub page: PageContext,
    /// The panel, its views and what the page asked them to show.
    pub navigation: Navigation,
    /// The rules, the article catalog and the suggestions.
    pub site: Site,
    /// The service status.
    pub feed: StatusFeed,
    /// Tickets waiting to be sent and those filed.
    pub outbox: Outbox,
    /// The user, once the desk has verified the page's token.
    pub user: VerifiedUser,
    /// Articles read here.
    pub read: ArticlesRead,
    /// Searches run here.
    pub searches: SearchesMade,
    /// The desk's API.
    pub api: StoredValue<Api>,
    /// The page's event listeners.
    pub host: Host,
    /// What the widget reports of its use.
    pub usage: Usage,
}

impl Contexts {
    /// Fresh contexts for a page: panel closed, no context beyond the embed config.
    pub fn new(config: EmbedConfig, host: Host) -> Self {
        let api = Api::new(config.desk.clone());
        let language = Language::new(config.locale.clone());
        let page = PageContext::new(config.surface, language);
        let feed = StatusFeed::new();
        let user = VerifiedUser::new();
        let site = Site::new(page, language, feed);
        let usage = Usage::new(&config.desk, config.storage, site, page, user);
        Contexts {
            language,
            page,
            navigation: Navigation::new(host, usage),
            site,
            feed,
            outbox: Outbox::new(api.clone(), user, host, usage),
            user,
            read: ArticlesRead::new(),
            searches: SearchesMade::new(),
            api: StoredValue::new(api),
            config: StoredValue::new(config),
            host,
            usage,
        }
    }

    /// Makes each context available to the views below, on its own.
    pub fn provide(&self) {
        provide_context(self.language);
        provide_context(self.page);
        provide_context(self.navigation);
        provide_context(self.site);
        provide_context(self.feed);
        provide_context(self.outbox);
        provide_context(self.user);
        provide_context(self.read);
        provide_context(self.searches);
        provide_context(self.api.get_value());
        provide_context(self.host);
        provide_context(self.usage);
    }

    /// Runs one page command (a name and its JSON arguments); a bad one is a console warning naming it.
    pub fn command(&self, name: &str, args: Vec<serde_json::Value>) {
        match crate::command::PageCommand::parse(name, args) {
            Ok(command) => command.apply(self),
            Err(err) => crate::host::warn(&err.to_string()),
        }
    }
}
