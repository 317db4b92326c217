//! Where the console is, from the URL's hash: `#/` the inbox, `#/tickets/SP-12` a ticket, `#/insights` the
//! reports, `#/status` the status page (admins), `#set-password=TOKEN` the link `agents add` prints.

use crate::hooks::use_event_listener;
use leptos::ev;
use leptos::prelude::*;

/// A view of the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Inbox,
    Ticket(String),
    /// The reports on self-service, search, articles and replies (every agent).
    Insights,
    /// The status page's incidents and maintenance (admins).
    Status,
    SetPassword(String),
}

/// The current route, for the views that mark where the agent is (the header's links).
#[derive(Clone, Copy)]
pub struct CurrentRoute(pub RwSignal<Route>);

impl Route {
    /// The route for a location hash (with or without its `#`); anything unknown is the inbox.
    pub fn parse(hash: &str) -> Route {
        let hash = hash.trim_start_matches('#');
        if let Some(token) = hash.strip_prefix("set-password=") {
            return Route::SetPassword(decode(token));
        }
        let path = hash.trim_start_matches('/');
        match path {
            "status" => return Route::Status,
            "insights" => return Route::Insights,
            _ => {}
        }
        match path.strip_prefix("tickets/") {
            Some(id) if !id.is_empty() => Route::Ticket(decode(id)),
            _ => Route::Inbox,
        }
    }

    /// The hash that leads here.
    pub fn href(&self) -> String {
        match self {
            Route::Inbox => "#/".to_owned(),
            Route::Ticket(id) => format!("#/tickets/{}", js_sys::encode_uri_component(id)),
            Route::Insights => "#/insights".to_owned(),
            Route::Status => "#/status".to_owned(),
            Route::SetPassword(token) => {
                format!("#set-password={}", js_sys::encode_uri_component(token))
            }
        }
    }
}

fn decode(text: &str) -> String {
    js_sys::decode_uri_component(text)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| text.to_owned())
}

fn current() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

/// The current route, following the hash for as long as the current owner lives.
pub fn use_route() -> RwSignal<Route> {
    let route = RwSignal::new(current());
    use_event_listener(window(), ev::hashchange, move |_| route.set(current()));
    route
}

/// Goes to `route` (a new history entry).
pub fn go(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}

/// Goes to `route`, replacing the current history entry (so a spent set-password token leaves the history).
pub fn replace(route: &Route) {
    let _ = window().location().replace(&route.href());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip() {
        for route in [Route::Inbox, Route::Insights, Route::Status] {
            assert_eq!(Route::parse(&route.href()), route);
        }
        assert_eq!(Route::parse("#/insights"), Route::Insights);
        assert_eq!(Route::parse("/insights"), Route::Insights);
        assert_eq!(Route::parse("#/insight"), Route::Inbox);
    }
}
