//! The inbox: views by queue with open counts, the filter bar, and the ticket list sorted by first-reply due
//! time, refreshed live, walked with j/k.

use crate::api::{self, ClientError};
use crate::components::glyph;
use crate::filters::{AUDIENCES, Assignee, Due, Filters, LANGUAGES, SURFACES, View, pick};
use crate::hooks::use_shortcuts;
use crate::i18n::{K, Lang, UiLang, tr, use_lang};
use crate::intl;
use crate::model::{InboxCounts, Listed};
use crate::route::{Route, go};
use crate::state::{Auth, Clock, InboxState, Live, error_text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_core::tickets::{Priority, Queue, TicketStatus};
use std::collections::HashSet;
use wasm_bindgen::JsCast;

const PAGE: usize = 50;
/// The most rows one request may ask for: a refresh asks for every row already shown, up to this.
const MAX_PAGE: usize = 200;

/// Words that depend on the interface language (an option's label).
type Words = Box<dyn Fn(Lang) -> String + Send + Sync>;
/// A view's (open, overdue) counts.
type CountOf = Box<dyn Fn(&InboxCounts) -> (u32, u32) + Send + Sync>;

/// A queue's name.
pub fn queue_label(queue: Queue) -> K {
    match queue {
        Queue::Payments => K::QPayments,
        Queue::Orders => K::QOrders,
        Queue::Disputes => K::QDisputes,
        Queue::Sellers => K::QSellers,
        Queue::Payouts => K::QPayouts,
        Queue::General => K::QGeneral,
    }
}

/// A priority's name.
pub fn priority_label(priority: Priority) -> K {
    match priority {
        Priority::Urgent => K::PUrgent,
        Priority::High => K::PHigh,
        Priority::Normal => K::PNormal,
        Priority::Low => K::PLow,
    }
}

/// A status's name.
pub fn status_label(status: TicketStatus) -> K {
    match status {
        TicketStatus::Open => K::StatusOpen,
        TicketStatus::Pending => K::StatusPending,
        TicketStatus::Solved => K::StatusSolved,
    }
}

/// A surface's name, by wire name.
pub fn surface_label(surface: &str) -> Option<K> {
    Some(match surface {
        "checkout" => K::SCheckout,
        "order" => K::SOrder,
        "onboarding" => K::SOnboarding,
        "other" => K::SOther,
        _ => return None,
    })
}

/// A priority as a badge: its word, with a colour that only repeats it.
#[component]
pub fn PriorityBadge(
    /// The priority.
    priority: Priority,
) -> impl IntoView {
    view! {
        <span class=format!("sp-badge sp-badge--{}", priority.as_str()) data-testid="priority">
            {tr(priority_label(priority))}
        </span>
    }
}

/// The time left to the first-reply target, ticking with the clock; overdue in red with a warning sign.
#[component]
pub fn DueText(
    /// RFC 3339 due time.
    due: String,
    /// Whether an agent already replied.
    answered: bool,
) -> impl IntoView {
    let now = expect_context::<Clock>().0;
    let state = Memo::new(move |_| intl::first_reply(use_lang(), now.get(), &due, answered));
    let overdue = move || state.with(|(_, overdue)| *overdue);
    view! {
        <span class="sp-due" class:sp-due--overdue=overdue data-testid="due">
            <span aria-hidden="true">{move || if overdue() { "⚠ " } else { "" }}</span>
            {move || state.with(|(text, _)| text.clone())}
        </span>
    }
}

/// The rows shown, with the paging cursor; a generation counter drops answers a newer request replaced.
#[derive(Clone, Copy)]
struct TicketList {
    rows: RwSignal<Vec<Listed>>,
    next: RwSignal<Option<String>>,
    error: RwSignal<Option<ClientError>>,
    loading: RwSignal<bool>,
    generation: StoredValue<u32>,
    /// Every id seen under the current filters, to tell new tickets from old ones on a live refresh.
    seen: StoredValue<HashSet<String>>,
    announcement: RwSignal<String>,
    /// Read in async tasks, which run outside the component tree's contexts.
    lang: RwSignal<Lang>,
}

impl TicketList {
    fn new() -> Self {
        TicketList {
            rows: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            error: RwSignal::new(None),
            loading: RwSignal::new(true),
            generation: StoredValue::new(0),
            seen: StoredValue::new(HashSet::new()),
            announcement: RwSignal::new(String::new()),
            lang: expect_context::<UiLang>().0,
        }
    }

    /// Fetches the first page again (as many rows as are shown). `live`: the filters did not change, so any
    /// unseen id is a new ticket to announce.
    fn reload(self, filters: Filters, live: bool, auth: Auth) {
        self.generation.update_value(|n| *n += 1);
        let generation = self.generation.get_value();
        let limit = self.rows.with_untracked(Vec::len).clamp(PAGE, MAX_PAGE);
        self.loading.set(true);
        spawn_local(async move {
            let page = auth.check(api::tickets(&filters, None, limit).await);
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            self.loading.set(false);
            match page {
                Ok(page) => {
                    let fresh = self.remember(&page.tickets, live);
                    if fresh > 0 {
                        let lang = self.lang.get_untracked();
                        self.announcement.set(if intl::is_one(lang, fresh) {
                            lang.t(K::NewTicketOne).to_owned()
                        } else {
                            lang.f(
                                K::NewTicketsMany,
                                &[("n", &intl::number(lang, fresh as f64))],
                            )
                        });
                    }
                    self.error.set(None);
                    self.rows.set(page.tickets);
                    self.next.set(page.next);
                }
                Err(err) => self.error.set(Some(err)),
            }
        });
    }

    /// Adds `rows` to the ids seen; how many were new, when `live` (else the seen set starts over).
    fn remember(self, rows: &[Listed], live: bool) -> usize {
        let mut fresh = 0;
        self.seen.update_value(|seen| {
            if !live {
                seen.clear();
            }
            for row in rows {
                if seen.insert(row.id.clone()) && live {
                    fresh += 1;
                }
            }
        });
        fresh
    }

    /// Appends the next page.
    fn more(self, filters: Filters, auth: Auth) {
        let Some(after) = self.next.get_untracked() else {
            return;
        };
        let generation = self.generation.get_value();
        self.loading.set(true);
        spawn_local(async move {
            let page = auth.check(api::tickets(&filters, Some(&after), PAGE).await);
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            self.loading.set(false);
            match page {
                Ok(page) => {
                    self.remember(&page.tickets, true);
                    self.rows.update(|rows| rows.extend(page.tickets));
                    self.next.set(page.next);
                }
                Err(err) => self.error.set(Some(err)),
            }
        });
    }
}

/// The inbox view.
#[component]
pub fn Inbox() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let live = expect_context::<Live>();
    let InboxState { filters, selected } = expect_context::<InboxState>();
    let list = TicketList::new();
    let counts = RwSignal::new(None::<InboxCounts>);
    let last_filters = StoredValue::new(None::<Filters>);
    Effect::new(move || {
        live.tick.track();
        let current = filters.get();
        let same = last_filters.with_value(|last| last.as_ref() == Some(&current));
        last_filters.set_value(Some(current.clone()));
        list.reload(current, same, auth);
        spawn_local(async move {
            if let Ok(fresh) = auth.check(api::inbox().await) {
                counts.set(Some(fresh));
            }
        });
    });
    use_shortcuts(move |key, event| {
        let step = match key {
            "j" => 1,
            "k" => -1,
            "Enter" => {
                let on_control = document()
                    .active_element()
                    .is_some_and(|element| matches!(element.tag_name().as_str(), "A" | "BUTTON"));
                if let (false, Some(id)) = (on_control, selected.get_untracked()) {
                    event.prevent_default();
                    go(&Route::Ticket(id));
                }
                return;
            }
            _ => return,
        };
        event.prevent_default();
        let ids: Vec<String> = list
            .rows
            .with_untracked(|rows| rows.iter().map(|row| row.id.clone()).collect());
        let at = selected
            .get_untracked()
            .and_then(|id| ids.iter().position(|other| *other == id));
        let to = match at {
            Some(at) => (at as i64 + step).clamp(0, ids.len() as i64 - 1) as usize,
            None => 0,
        };
        if let Some(id) = ids.get(to) {
            selected.set(Some(id.clone()));
            focus_row(id);
        }
    });
    view! {
        <div class="sp-body">
            <ViewNav counts/>
            <main id="main" tabindex="-1" class="sp-main">
                <h1>{tr(K::InboxTitle)}</h1>
                <FilterBar/>
                <p class="sp-sr-only" role="status" aria-live="polite" data-testid="announcer">
                    {move || list.announcement.get()}
                </p>
                <div role="alert" class="sp-alert" hidden=move || list.error.with(Option::is_none)>
                    {move || list.error.with(|err| err.as_ref().map(|err| error_text(use_lang(), err)))}
                </div>
                <TicketTable list/>
            </main>
        </div>
    }
}

/// Moves focus to the link of the row for `id`, so the selection is where the keyboard is.
fn focus_row(id: &str) {
    let selector = format!("[data-ticket-id=\"{}\"] a", id.replace(['"', '\\'], ""));
    if let Some(link) = document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = link.focus();
    }
}

/// The views: every open ticket, each queue, mine, unassigned, overdue, due within an hour; with counts.
#[component]
fn ViewNav(
    /// The open counts, once fetched.
    counts: RwSignal<Option<InboxCounts>>,
) -> impl IntoView {
    let filters = expect_context::<InboxState>().filters;
    let item = move |view: View, label: K, count: CountOf| {
        let count = move || counts.with(|counts| counts.as_ref().map(&count));
        let testid = match view {
            View::Queue(queue) => format!("view-{}", queue.as_str()),
            View::AllOpen => "view-all".to_owned(),
            View::Mine => "view-mine".to_owned(),
            View::Unassigned => "view-unassigned".to_owned(),
            View::Overdue => "view-overdue".to_owned(),
            View::DueWithinHour => "view-due-hour".to_owned(),
        };
        view! {
            <li>
                <button type="button" class="sp-nav__item" data-testid=testid
                    aria-current=move || (filters.get() == view.filters()).then_some("true")
                    on:click=move |_| filters.set(view.filters())>
                    <span class="sp-nav__label">{tr(label)}</span>
                    {move || count().map(|(open, overdue)| {
                        let lang = use_lang();
                        view! {
                            <span class="sp-nav__count" data-testid="count">
                                <span aria-hidden="true">{intl::number(lang, open as f64)}</span>
                                <span class="sp-sr-only">{lang.f(K::OpenN, &[("n", &open.to_string())])}</span>
                            </span>
                            {(overdue > 0).then(|| view! {
                                <span class="sp-nav__overdue">
                                    {glyph("⚠ ")}
                                    {lang.f(K::OverdueN, &[("n", &intl::number(lang, overdue as f64))])}
                                </span>
                            })}
                        }
                    })}
                </button>
            </li>
        }
    };
    view! {
        <nav class="sp-nav" aria-label=tr(K::Views) data-testid="views">
            <ul>
                {item(View::AllOpen, K::ViewAll, Box::new(|c| (c.queues.iter().map(|q| q.open).sum(), c.overdue)))}
                {item(View::Mine, K::Mine, Box::new(|c| (c.mine, 0)))}
                {item(View::Unassigned, K::Unassigned, Box::new(|c| (c.unassigned, 0)))}
                {item(View::Overdue, K::Overdue, Box::new(|c| (c.overdue, 0)))}
                {item(View::DueWithinHour, K::DueWithinHour, Box::new(|c| (c.due_within_hour, 0)))}
            </ul>
            <ul>
                {Queue::ALL.map(|queue| item(
                    View::Queue(queue),
                    queue_label(queue),
                    Box::new(move |c| c.queue(queue).map_or((0, 0), |q| (q.open, q.overdue))),
                ))}
            </ul>
        </nav>
    }
}

/// One labelled `<select>` of the filter bar: `options` are (wire value, label); the empty value means any.
#[component]
fn FilterSelect(
    /// The label.
    label: K,
    /// The control's id and test id.
    id: &'static str,
    /// Each option's value and words.
    options: Vec<(&'static str, Words)>,
    /// The value shown ("" for any).
    value: Signal<&'static str>,
    /// Called with the picked value.
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="sp-filter">
            <label for=id>{tr(label)}</label>
            <select id=id data-testid=id on:change=move |ev| on_pick.run(event_target_value(&ev))>
                <option value="" prop:selected=move || value.get().is_empty()>{tr(K::Any)}</option>
                {options.into_iter().map(|(option, words)| view! {
                    <option value=option prop:selected=move || value.get() == option>
                        {move || words(use_lang())}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Options labelled by a key each.
fn keyed<T: Copy + Send + Sync + 'static>(
    items: impl IntoIterator<Item = T>,
    value: fn(T) -> &'static str,
    label: fn(T) -> K,
) -> Vec<(&'static str, Words)> {
    items
        .into_iter()
        .map(|item| {
            let words: Words = Box::new(move |lang: Lang| lang.t(label(item)).to_owned());
            (value(item), words)
        })
        .collect()
}

/// The filter bar: status, priority, assignee, page, audience, language, due.
#[component]
fn FilterBar() -> impl IntoView {
    let filters = expect_context::<InboxState>().filters;
    let read = move |get: fn(&Filters) -> &'static str| Signal::derive(move || filters.with(get));
    let set = move |apply: fn(&mut Filters, &str)| {
        Callback::new(move |value: String| filters.update(|f| apply(f, &value)))
    };
    let languages = LANGUAGES
        .iter()
        .map(|tag| {
            let name = Lang::find(tag).map_or(*tag, Lang::name);
            let words: Words = Box::new(move |_| name.to_owned());
            (*tag, words)
        })
        .collect();
    view! {
        <div class="sp-filters" role="group" aria-label=tr(K::Filters) data-testid="filters">
            <FilterSelect label=K::Status id="filter-status"
                options=keyed(
                    [TicketStatus::Open, TicketStatus::Pending, TicketStatus::Solved],
                    TicketStatus::as_str,
                    status_label,
                )
                value=read(|f| f.status.map_or("", TicketStatus::as_str))
                on_pick=set(|f, v| f.status = [TicketStatus::Open, TicketStatus::Pending, TicketStatus::Solved]
                    .into_iter().find(|s| s.as_str() == v))/>
            <FilterSelect label=K::Priority id="filter-priority"
                options=keyed(Priority::ALL, Priority::as_str, priority_label)
                value=read(|f| f.priority.map_or("", Priority::as_str))
                on_pick=set(|f, v| f.priority = Priority::ALL.into_iter().find(|p| p.as_str() == v))/>
            <FilterSelect label=K::Assignee id="filter-assignee"
                options=keyed(
                    [Assignee::Mine, Assignee::Unassigned],
                    |a| if a == Assignee::Mine { "me" } else { "unassigned" },
                    |a| if a == Assignee::Mine { K::Mine } else { K::Unassigned },
                )
                value=read(|f| match f.assignee {
                    Assignee::Anyone => "",
                    Assignee::Mine => "me",
                    Assignee::Unassigned => "unassigned",
                })
                on_pick=set(|f, v| f.assignee = match v {
                    "me" => Assignee::Mine,
                    "unassigned" => Assignee::Unassigned,
                    _ => Assignee::Anyone,
                })/>
            <FilterSelect label=K::Surface id="filter-surface"
                options=keyed(SURFACES, |s| s, |s| surface_label(s).unwrap_or(K::SOther))
                value=read(|f| f.surface.unwrap_or(""))
                on_pick=set(|f, v| f.surface = pick(&SURFACES, v))/>
            <FilterSelect label=K::Audience id="filter-audience"
                options=keyed(AUDIENCES, |a| a, |a| if a == "buyer" { K::Buyer } else { K::Seller })
                value=read(|f| f.audience.unwrap_or(""))
                on_pick=set(|f, v| f.audience = pick(&AUDIENCES, v))/>
            <FilterSelect label=K::CustomerLanguage id="filter-language"
                options=languages
                value=read(|f| f.language.unwrap_or(""))
                on_pick=set(|f, v| f.language = pick(&LANGUAGES, v))/>
            <FilterSelect label=K::Due id="filter-due"
                options=keyed(
                    [Due::WithinHour, Due::Overdue],
                    |d| if d == Due::Overdue { "overdue" } else { "within_hour" },
                    |d| if d == Due::Overdue { K::Overdue } else { K::DueWithinHour },
                )
                value=read(|f| match f.due {
                    None => "",
                    Some(Due::Overdue) => "overdue",
                    Some(Due::WithinHour) => "within_hour",
                })
                on_pick=set(|f, v| f.due = match v {
                    "overdue" => Some(Due::Overdue),
                    "within_hour" => Some(Due::WithinHour),
                    _ => None,
                })/>
            <button type="button" class="sp-button sp-button--quiet" data-testid="filters-reset"
                on:click=move |_| filters.set(Filters::default())>
                {tr(K::ClearFilters)}
            </button>
        </div>
    }
}

/// The ticket rows, with "Load more".
#[component]
fn TicketTable(list: TicketList) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let InboxState { filters, selected } = expect_context::<InboxState>();
    view! {
        <table class="sp-table" data-testid="ticket-list">
            <caption class="sp-sr-only">{tr(K::Tickets)}</caption>
            <thead>
                <tr>
                    <th scope="col">{tr(K::ColTicket)}</th>
                    <th scope="col">{tr(K::ColSubject)}</th>
                    <th scope="col">{tr(K::ColRequester)}</th>
                    <th scope="col">{tr(K::ColQueue)}</th>
                    <th scope="col">{tr(K::Priority)}</th>
                    <th scope="col">{tr(K::ColAssignee)}</th>
                    <th scope="col">{tr(K::ColDue)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || list.rows.get() key=|row| row.clone() let:row>
                    {
                        let id = row.id.clone();
                        let is_selected = {
                            let id = id.clone();
                            move || selected.with(|selected| selected.as_deref() == Some(id.as_str()))
                        };
                        let focus_id = id.clone();
                        let href = Route::Ticket(id.clone()).href();
                        view! {
                            <tr data-testid="ticket-row" data-ticket-id=id.clone()
                                class:sp-table__row--selected=is_selected.clone()
                                aria-current=move || is_selected().then_some("true")>
                                <td class="sp-table__id">{id.clone()}</td>
                                <td>
                                    <a href=href class="sp-table__subject" dir="auto"
                                        on:focus=move |_| selected.set(Some(focus_id.clone()))>
                                        {row.subject.clone()}
                                    </a>
                                    {row.needs_look.then(|| view! {
                                        <span class="sp-badge sp-badge--look">{tr(K::NeedsLook)}</span>
                                    })}
                                </td>
                                <td>{match row.email.clone() {
                                    Some(email) => view! { <span>{email}</span> }.into_any(),
                                    None => view! { <span class="sp-muted">{tr(K::NoEmail)}</span> }.into_any(),
                                }}</td>
                                <td>{tr(queue_label(row.queue))}</td>
                                <td><PriorityBadge priority=row.priority/></td>
                                <td>{match row.assignee.clone() {
                                    Some(agent) => view! { <span>{agent.name}</span> }.into_any(),
                                    None => view! { <span class="sp-muted">{tr(K::Unassigned)}</span> }.into_any(),
                                }}</td>
                                <td><DueText due=row.first_response_due.clone()
                                    answered=row.first_response_at.is_some()/></td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
        <p class="sp-muted" data-testid="empty"
            hidden=move || list.loading.get() || list.rows.with(|rows| !rows.is_empty())>
            {tr(K::EmptyList)}
        </p>
        <p role="status" class="sp-muted">
            {move || list.loading.get().then(tr(K::Loading))}
        </p>
        <Show when=move || list.next.with(Option::is_some)>
            <button type="button" class="sp-button" data-testid="load-more" disabled=list.loading
                on:click=move |_| list.more(filters.get_untracked(), auth)>
                {tr(K::LoadMore)}
            </button>
        </Show>
    }
}
