//! The Insights page's other reports, a section and a table each: search (with the queries that found
//! nothing), articles, first responses against their targets, and repeat contact within 7 days.

use super::super::inbox::{priority_label, queue_label};
use super::super::seen::triage::topic_label;
use super::format::{minutes_text, shown_text};
use super::{Insights, SectionHead, no_figure, rate_view, slot_view};
use crate::i18n::{K, Lang};
use crate::reports::Report;
use leptos::prelude::*;
use signpost_core::insights::reports::{
    ArticlesReport, RepeatsReport, ResponsesReport, SearchReport,
};
use signpost_core::tickets::{Priority, Queue};

/// A queue's name, by wire name; one this console does not know as it came.
pub(super) fn queue_words(lang: Lang, queue: &str) -> String {
    Queue::ALL
        .into_iter()
        .find(|known| known.as_str() == queue)
        .map_or_else(
            || queue.to_owned(),
            |known| lang.t(queue_label(known)).to_owned(),
        )
}

/// A priority's name, by wire name.
pub(super) fn priority_words(lang: Lang, priority: &str) -> String {
    Priority::ALL
        .into_iter()
        .find(|known| known.as_str() == priority)
        .map_or_else(
            || priority.to_owned(),
            |known| lang.t(priority_label(known)).to_owned(),
        )
}

/// A table's column headers: `words` columns of names (the first naming the rows), then figures.
fn head(lang: Lang, columns: &[K], words: usize) -> impl IntoView + use<> {
    let cells = columns
        .iter()
        .enumerate()
        .map(|(index, key)| {
            let class = if index < words { "" } else { "sp-num" };
            view! { <th scope="col" class=class>{lang.t(*key)}</th> }
        })
        .collect_view();
    view! { <thead><tr>{cells}</tr></thead> }
}

/// A figure cell holding the figure alone.
fn number(value: u64, testid: &'static str) -> impl IntoView + use<> {
    view! { <td class="sp-num" data-testid=testid>{value.to_string()}</td> }
}

/// The search section.
#[component]
pub fn SearchSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-search-title" data-testid="insights-search">
            <SectionHead title=K::SearchTitle report=Report::Search/>
            {slot_view(state.search, |lang, report| search(lang, &report))}
        </section>
    }
}

/// Searches, searchers, the two rates, and the queries that found nothing.
fn search(lang: Lang, report: &SearchReport) -> impl IntoView + use<> {
    let k = report.min_users;
    let queries = &report.top_zero_result_queries;
    let table = (!queries.is_empty()).then(|| {
        let rows = queries
            .iter()
            .enumerate()
            .map(|(index, query)| {
                view! {
                    <tr data-testid=format!("zero-query-{index}")>
                        // What people typed, in whatever script: isolated from the page's direction.
                        <th scope="row" data-testid="query"><bdi>{query.query.clone()}</bdi></th>
                        {number(query.searches, "searches")}
                        {number(query.people, "people")}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="sp-table sp-insights__table" data-testid="zero-queries">
                <caption>{lang.t(K::ZeroQueriesCaption)}</caption>
                {head(lang, &[K::ColQuery, K::Searches, K::ColPeople], 1)}
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <dl class="sp-insights__figures">
            <div>
                <dt>{lang.t(K::Searches)}</dt>
                <dd class="sp-insights__figure" data-testid="search-searches">{report.searches.to_string()}</dd>
            </div>
            <div>
                <dt>{lang.t(K::Searchers)}</dt>
                <dd class="sp-insights__figure" data-testid="search-searchers">
                    {shown_text(lang, report.searchers, k)}
                </dd>
            </div>
            <div>
                <dt>{lang.t(K::ZeroResultRate)}</dt>
                <dd class="sp-insights__figure" data-testid="search-zero-rate">
                    {rate_view(lang, report.zero_result_rate.as_ref())}
                </dd>
            </div>
            <div>
                <dt>{lang.t(K::SearchThenTicket)}</dt>
                <dd class="sp-insights__figure" data-testid="search-then-ticket">
                    {rate_view(lang, report.search_then_ticket_rate.as_ref())}
                </dd>
            </div>
        </dl>
        {match table {
            Some(table) => table.into_any(),
            None => view! {
                <p class="sp-muted" data-testid="zero-queries-empty">
                    {lang.f(K::NoZeroQueries, &[("k", &k.to_string())])}
                </p>
            }.into_any(),
        }}
    }
}

/// The articles section.
#[component]
pub fn ArticlesSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-articles-title" data-testid="insights-articles">
            <SectionHead title=K::ArticlesTitle report=Report::Articles/>
            {slot_view(state.articles, |lang, report| articles(lang, &report))}
        </section>
    }
}

/// One row per article, most read first.
fn articles(lang: Lang, report: &ArticlesReport) -> impl IntoView + use<> {
    if report.rows.is_empty() {
        return view! { <p class="sp-muted" data-testid="articles-empty">{lang.t(K::NoArticles)}</p> }
            .into_any();
    }
    let k = report.min_users;
    let rows = report
        .rows
        .iter()
        .map(|row| {
            // An article the help center no longer has keeps its id.
            let name = row.title.clone().unwrap_or_else(|| row.article.clone());
            view! {
                <tr data-testid=format!("article-row-{}", row.article)>
                    <th scope="row" data-testid="article">{name}</th>
                    {number(row.views, "views")}
                    <td class="sp-num" data-testid="readers">{shown_text(lang, row.readers, k)}</td>
                    <td class="sp-num" data-testid="helpful-rate">
                        {rate_view(lang, row.helpful_rate.as_ref())}
                    </td>
                    <td class="sp-num" data-testid="contact-after-rate">
                        {rate_view(lang, row.contact_after_rate.as_ref())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="sp-table sp-insights__table" data-testid="articles-table">
            <caption>{lang.t(K::ArticlesCaption)}</caption>
            {head(lang, &[K::ColArticle, K::ColViews, K::ColReaders, K::ColHelpful, K::ColContactAfter], 1)}
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The first-response section.
#[component]
pub fn ResponsesSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-responses-title"
            data-testid="insights-responses">
            <SectionHead title=K::ResponsesTitle report=Report::Responses/>
            {slot_view(state.responses, |lang, report| responses(lang, &report))}
        </section>
    }
}

/// One row per queue and priority.
fn responses(lang: Lang, report: &ResponsesReport) -> impl IntoView + use<> {
    if report.rows.is_empty() {
        return view! { <p class="sp-muted" data-testid="responses-empty">{lang.t(K::NoTickets)}</p> }
            .into_any();
    }
    let minutes = |minutes: Option<f64>, testid: &'static str| {
        view! {
            <td class="sp-num" data-testid=testid>
                {minutes.map_or_else(|| no_figure(lang), |minutes| minutes_text(minutes).into_any())}
            </td>
        }
    };
    let rows = report
        .rows
        .iter()
        .map(|row| {
            view! {
                <tr data-testid=format!("response-row-{}-{}", row.queue, row.priority)>
                    <th scope="row">{queue_words(lang, &row.queue)}</th>
                    <td>{priority_words(lang, &row.priority)}</td>
                    {number(row.tickets, "tickets")}
                    {number(row.answered, "answered")}
                    <td class="sp-num" data-testid="within-target-rate">
                        {rate_view(lang, row.within_target_rate.as_ref())}
                    </td>
                    {minutes(row.p50_minutes, "p50")}
                    {minutes(row.p90_minutes, "p90")}
                    {number(row.solved, "solved")}
                    <td class="sp-num" data-testid="csat-response-rate">
                        {rate_view(lang, row.csat_response_rate.as_ref())}
                    </td>
                    <td class="sp-num" data-testid="satisfied-rate">
                        {rate_view(lang, row.satisfied_rate.as_ref())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        K::ColQueue,
        K::Priority,
        K::Tickets,
        K::Answered,
        K::ColWithinTarget,
        K::ColP50,
        K::ColP90,
        K::ColSolved,
        K::ColCsatResponse,
        K::ColSatisfied,
    ];
    view! {
        <table class="sp-table sp-insights__table" data-testid="responses-table">
            <caption>{lang.t(K::ResponsesCaption)}</caption>
            {head(lang, &columns, 2)}
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The repeat-contact section.
#[component]
pub fn RepeatsSection() -> impl IntoView {
    let state = expect_context::<Insights>();
    view! {
        <section class="sp-insights__section" aria-labelledby="insights-repeats-title" data-testid="insights-repeats">
            <SectionHead title=K::RepeatsTitle report=Report::Repeats/>
            {slot_view(state.repeats, |lang, report| repeats(lang, &report))}
        </section>
    }
}

/// One row per queue and topic.
fn repeats(lang: Lang, report: &RepeatsReport) -> impl IntoView + use<> {
    if report.rows.is_empty() {
        return view! { <p class="sp-muted" data-testid="repeats-empty">{lang.t(K::NoTickets)}</p> }
            .into_any();
    }
    let k = report.min_users;
    let rows = report
        .rows
        .iter()
        .map(|row| {
            view! {
                <tr data-testid=format!("repeat-row-{}-{}", row.queue, row.topic)>
                    <th scope="row">{queue_words(lang, &row.queue)}</th>
                    <td>{topic_label(lang, &row.topic)}</td>
                    {number(row.tickets, "tickets")}
                    <td class="sp-num" data-testid="by-tickets-rate">
                        {rate_view(lang, row.by_tickets.as_ref())}
                    </td>
                    <td class="sp-num" data-testid="people">{shown_text(lang, row.people, k)}</td>
                    <td class="sp-num" data-testid="by-people-rate">
                        {rate_view(lang, row.by_people.as_ref())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let columns = [
        K::ColQueue,
        K::Topic,
        K::Tickets,
        K::ColByTickets,
        K::ColPeople,
        K::ColByPeople,
    ];
    view! {
        <table class="sp-table sp-insights__table" data-testid="repeats-table">
            <caption>{lang.t(K::RepeatsCaption)}</caption>
            {head(lang, &columns, 2)}
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
