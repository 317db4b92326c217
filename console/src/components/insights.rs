//! The Insights page (every agent): a period of whole UTC days, then the seven reports of
//! `GET /v1/agent/insights/…` over it, each a section with its tables and a CSV download: the self-service
//! funnel (with its chart and cut, `funnel.rs`), search and articles (`tables.rs`), guided flows step by step
//! (`flows.rs`), first responses and repeat contact (`tables.rs`), triage's accuracy and drift (`triage.rs`);
//! then the experiments, each over its own lifetime (`experiments.rs`). Every rate is shown with its 95 %
//! interval; a count the desk holds back says so. Charts are drawn by `chart.rs`.

mod chart;
mod experiments;
mod flows;
mod format;
mod funnel;
mod tables;
mod triage;

use self::experiments::ExperimentsSection;
use self::flows::FlowsSection;
use self::format::{NO_FIGURE, rate_spoken, rate_text};
use self::funnel::FunnelSection;
use self::tables::{ArticlesSection, RepeatsSection, ResponsesSection, SearchSection};
use self::triage::TriageSection;
use super::sign_in::FieldMessage;
use crate::api::{self, ClientError};
use crate::i18n::{K, Lang, tr, use_lang};
use crate::reports::{Cut, MAX_DAYS, PeriodProblem, Report, Span, today};
use crate::state::{Auth, error_text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use signpost_core::experiments::report::ExperimentsReport;
use signpost_core::insights::reports::{
    ArticlesReport, FlowsReport, FunnelReport, Rate, RepeatsReport, ResponsesReport, SearchReport,
    TriageReport,
};
use std::future::Future;

/// One report: its answer for the period asked, whether a request is out, and why the last one failed. A
/// generation counter drops an answer that a newer request replaced.
struct Slot<T: Send + Sync + 'static> {
    report: RwSignal<Option<T>>,
    loading: RwSignal<bool>,
    error: RwSignal<Option<ClientError>>,
    generation: StoredValue<u32>,
}

// By hand: a derive would ask `T: Copy`, and the reports are not.
impl<T: Send + Sync + 'static> Clone for Slot<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Slot<T> {}

impl<T: Send + Sync + 'static> Slot<T> {
    /// Loading: every report is asked for as the page opens.
    fn new() -> Self {
        Slot {
            report: RwSignal::new(None),
            loading: RwSignal::new(true),
            error: RwSignal::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// What `of` reads of the answer, once there is one (tracked).
    fn read<R>(self, of: impl FnOnce(&T) -> Option<R>) -> Option<R> {
        self.report.with(|report| report.as_ref().and_then(of))
    }

    /// Asks again. The last answer goes at once: it was for another period or cut, and must not be read as
    /// this one's.
    fn load(self, auth: Auth, request: impl Future<Output = Result<T, ClientError>> + 'static) {
        self.generation.update_value(|n| *n += 1);
        let generation = self.generation.get_value();
        self.report.set(None);
        self.error.set(None);
        self.loading.set(true);
        spawn_local(async move {
            let answer = auth.check(request.await);
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match answer {
                Ok(report) => self.report.set(Some(report)),
                Err(err) => self.error.set(Some(err)),
            }
            self.loading.set(false);
        });
    }
}

/// The page's state, shared by its sections.
#[derive(Clone, Copy)]
struct Insights {
    /// The period the reports are for: the last one typed that the desk would accept.
    span: Memo<Span>,
    /// What the funnel's rows are cut by.
    cut: RwSignal<Cut>,
    funnel: Slot<FunnelReport>,
    search: Slot<SearchReport>,
    articles: Slot<ArticlesReport>,
    flows: Slot<FlowsReport>,
    responses: Slot<ResponsesReport>,
    repeats: Slot<RepeatsReport>,
    triage: Slot<TriageReport>,
    /// Not over the period: asked for once, as the page opens.
    experiments: Slot<ExperimentsReport>,
}

impl Insights {
    /// Whether any report is still coming (tracked).
    fn busy(self) -> bool {
        self.funnel.loading.get()
            || self.search.loading.get()
            || self.articles.loading.get()
            || self.flows.loading.get()
            || self.responses.loading.get()
            || self.repeats.loading.get()
            || self.triage.loading.get()
            || self.experiments.loading.get()
    }

    /// When the earliest live part of the event reports shown was counted, if any was read as counted before
    /// (tracked): `HH:MM`, UTC like the reports' days.
    fn live_as_of(self) -> Option<String> {
        let times = [
            self.funnel.read(|r| r.live_as_of.clone()),
            self.search.read(|r| r.live_as_of.clone()),
            self.articles.read(|r| r.live_as_of.clone()),
            self.flows.read(|r| r.live_as_of.clone()),
        ];
        let earliest = times.into_iter().flatten().min()?;
        earliest.get(11..16).map(str::to_owned)
    }

    /// The first failure, in the page's order (tracked).
    fn first_error(self) -> Option<ClientError> {
        self.funnel
            .error
            .get()
            .or_else(|| self.search.error.get())
            .or_else(|| self.articles.error.get())
            .or_else(|| self.flows.error.get())
            .or_else(|| self.responses.error.get())
            .or_else(|| self.repeats.error.get())
            .or_else(|| self.triage.error.get())
            .or_else(|| self.experiments.error.get())
    }
}

/// The words for what is wrong with the days typed.
fn problem_text(lang: Lang, problem: PeriodProblem) -> String {
    match problem {
        PeriodProblem::Missing => lang.t(K::PeriodMissing).to_owned(),
        PeriodProblem::Reversed => lang.t(K::PeriodReversed).to_owned(),
        PeriodProblem::TooLong => lang.f(K::PeriodTooLong, &[("n", &MAX_DAYS.to_string())]),
    }
}

/// The Insights page.
#[component]
pub fn InsightsPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    // The desk's own default: the last 28 days, today included.
    let initial = Span::last(28, today(js_sys::Date::now()));
    let from = RwSignal::new(initial.first_day());
    let to = RwSignal::new(initial.last_day());
    let typed = Memo::new(move |_| Span::parse(&from.get(), &to.get()));
    // While the days typed make no period, the reports stay on the last one that did.
    let span =
        Memo::new(move |last: Option<&Span>| typed.get().ok().or(last.copied()).unwrap_or(initial));
    let state = Insights {
        span,
        cut: RwSignal::new(Cut::default()),
        funnel: Slot::new(),
        search: Slot::new(),
        articles: Slot::new(),
        flows: Slot::new(),
        responses: Slot::new(),
        repeats: Slot::new(),
        triage: Slot::new(),
        experiments: Slot::new(),
    };
    provide_context(state);
    // Each experiment runs over its own lifetime: a new period does not ask again.
    state.experiments.load(auth, api::experiments_report());
    Effect::new(move || {
        let span = span.get();
        state.search.load(auth, api::search_report(span));
        state.articles.load(auth, api::articles_report(span));
        state.flows.load(auth, api::flows_report(span));
        state.responses.load(auth, api::responses_report(span));
        state.repeats.load(auth, api::repeats_report(span));
        state.triage.load(auth, api::triage_report(span));
    });
    // Apart, so a new cut asks for the funnel alone.
    Effect::new(move || {
        let (span, cut) = (span.get(), state.cut.get());
        state.funnel.load(auth, api::funnel_report(span, cut));
    });
    // One polite line: "Loading…", then what came, which a screen reader hears when it changes.
    let status = move || {
        let lang = use_lang();
        if state.busy() {
            lang.t(K::Loading).to_owned()
        } else if state.first_error().is_some() {
            lang.t(K::ReportsPartial).to_owned()
        } else {
            let span = span.get();
            lang.f(
                K::ReportsLoaded,
                &[("from", &span.first_day()), ("to", &span.last_day())],
            )
        }
    };
    let error = move || state.first_error().map(|err| error_text(use_lang(), &err));
    let live = move || {
        let time = state.live_as_of()?;
        Some(use_lang().f(K::LiveAsOf, &[("time", &time)]))
    };
    view! {
        <main id="main" tabindex="-1" class="sp-main sp-insights" data-testid="insights-page">
            <h1>{tr(K::InsightsTitle)}</h1>
            <p class="sp-hint">{tr(K::InsightsIntro)}</p>
            <PeriodPicker from to typed/>
            <p class="sp-insights__status" role="status" data-testid="insights-status">{status}</p>
            <p class="sp-hint" data-testid="insights-live" hidden=move || live().is_none()>{live}</p>
            <div role="alert" class="sp-alert" data-testid="insights-error" hidden=move || error().is_none()>
                {error}
            </div>
            <FunnelSection/>
            <SearchSection/>
            <ArticlesSection/>
            <FlowsSection/>
            <ResponsesSection/>
            <RepeatsSection/>
            <TriageSection/>
            <ExperimentsSection/>
        </main>
    }
}

/// The period: the first and last day, the usual choices, and what is wrong with the days typed.
#[component]
fn PeriodPicker(
    /// The first day typed (`YYYY-MM-DD`).
    from: RwSignal<String>,
    /// The last day typed.
    to: RwSignal<String>,
    /// The period the days make, or why they make none.
    typed: Memo<Result<Span, PeriodProblem>>,
) -> impl IntoView {
    let problem = Signal::derive(move || {
        typed
            .get()
            .err()
            .map(|problem| problem_text(use_lang(), problem))
    });
    let invalid = move || problem.with(Option::is_some).then_some("true");
    let quick = move |period: fn(i64) -> Span, label: K, testid: &'static str| {
        let span_now = move || period(today(js_sys::Date::now()));
        let pick = move |_| {
            let span = span_now();
            from.set(span.first_day());
            to.set(span.last_day());
        };
        let pressed = move || (typed.get() == Ok(span_now())).to_string();
        view! {
            <button type="button" class="sp-toggle" data-testid=testid aria-pressed=pressed on:click=pick>
                {tr(label)}
            </button>
        }
    };
    view! {
        <fieldset class="sp-insights__period" data-testid="insights-period">
            <legend>{tr(K::Period)}</legend>
            <div class="sp-filter">
                <label for="insights-from">{tr(K::PeriodFrom)}</label>
                <input id="insights-from" type="date" data-testid="insights-from"
                    aria-invalid=invalid aria-describedby="insights-period-error"
                    prop:value=from on:change=move |ev| from.set(event_target_value(&ev))/>
            </div>
            <div class="sp-filter">
                <label for="insights-to">{tr(K::PeriodTo)}</label>
                <input id="insights-to" type="date" data-testid="insights-to"
                    aria-invalid=invalid aria-describedby="insights-period-error"
                    prop:value=to on:change=move |ev| to.set(event_target_value(&ev))/>
            </div>
            <div class="sp-insights__quick">
                {quick(|today| Span::last(7, today), K::Last7, "insights-last-7")}
                {quick(|today| Span::last(28, today), K::Last28, "insights-last-28")}
                {quick(Span::last_month, K::LastMonth, "insights-last-month")}
            </div>
            <FieldMessage id="insights-period-error" message=problem/>
        </fieldset>
    }
}

/// A section's heading, anything beside it (the funnel's cut), and the link that downloads its report as CSV
/// for the page's period (same origin: the session cookie goes along).
#[component]
fn SectionHead(
    /// The heading; its id is `insights-<report>-title`, which the section is labelled by.
    title: K,
    /// The report the link downloads.
    #[prop(into)]
    report: Signal<Report>,
    /// Controls beside the heading.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let span = expect_context::<Insights>().span;
    let name = report.get_untracked().name();
    let href = move || report.get().csv_url(span.get());
    view! {
        <div class="sp-insights__head">
            <h2 id=format!("insights-{name}-title")>{tr(title)}</h2>
            {children.map(|children| children())}
            <a class="sp-button sp-insights__csv" href=href download data-testid=format!("{name}-csv")>
                {tr(K::DownloadCsv)}
                // Every section has one: say which file.
                <span class="sp-sr-only">" — "{tr(title)}</span>
            </a>
        </div>
    }
}

/// What a section shows of its report: "Loading…", that it could not be loaded (the page's alert says why),
/// or `content` once it came, redrawn in the interface language.
fn slot_view<T, V>(
    slot: Slot<T>,
    content: impl Fn(Lang, T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        let lang = use_lang();
        if slot.loading.get() {
            return view! { <p class="sp-muted">{lang.t(K::Loading)}</p> }.into_any();
        }
        match slot.report.get() {
            Some(report) => content(lang, report).into_any(),
            None => view! { <p class="sp-muted">{lang.t(K::NotLoaded)}</p> }.into_any(),
        }
    }
}

/// "—" for a figure there is none of, said as words.
fn no_figure(lang: Lang) -> AnyView {
    view! {
        <span aria-hidden="true">{NO_FIGURE}</span>
        <span class="sp-sr-only">{lang.t(K::NoFigure)}</span>
    }
    .into_any()
}

/// A rate with its interval ("83% (44–97%)"), or "—"; a screen reader hears it in words.
fn rate_view(lang: Lang, rate: Option<&Rate>) -> AnyView {
    let Some(rate) = rate else {
        return no_figure(lang);
    };
    view! {
        <span aria-hidden="true">{rate_text(lang, rate)}</span>
        <span class="sp-sr-only">{rate_spoken(lang, rate)}</span>
    }
    .into_any()
}
