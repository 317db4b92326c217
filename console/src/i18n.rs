//! Every word of the interface, in the seven languages the console speaks: a [`K`] per message and one
//! exhaustive table per language (the compiler refuses a missing translation). Numbers, durations and dates are
//! left to the browser's `Intl` (see `intl.rs`), so no plural or calendar data ships with the console.

use leptos::prelude::*;
use signpost_core::message;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
    De,
    PtBr,
    Ja,
    Ar,
}

impl Lang {
    /// Every language, in the picker's order.
    pub const ALL: [Lang; 7] = [
        Lang::En,
        Lang::Es,
        Lang::Fr,
        Lang::De,
        Lang::PtBr,
        Lang::Ja,
        Lang::Ar,
    ];

    /// The BCP 47 tag, e.g. `pt-BR`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::PtBr => "pt-BR",
            Lang::Ja => "ja",
            Lang::Ar => "ar",
        }
    }

    /// The language's name in itself, for the picker.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::PtBr => "Português (Brasil)",
            Lang::Ja => "日本語",
            Lang::Ar => "العربية",
        }
    }

    /// Whether it is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// The language for a BCP 47 tag: the exact one, else the same primary language (`pt-PT` gets `pt-BR`).
    pub fn find(tag: &str) -> Option<Lang> {
        let primary = |tag: &str| {
            tag.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(tag))
            .or_else(|| {
                Lang::ALL
                    .into_iter()
                    .find(|lang| primary(lang.tag()) == primary(tag))
            })
    }

    /// `?lang=xx` in the page's URL, else the browser's languages, else English.
    pub fn detect() -> Lang {
        let window = window();
        let asked = window
            .location()
            .search()
            .ok()
            .and_then(|search| {
                search
                    .trim_start_matches('?')
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("lang=").map(str::to_owned))
            })
            .and_then(|tag| Lang::find(&tag));
        asked
            .or_else(|| {
                window
                    .navigator()
                    .languages()
                    .iter()
                    .filter_map(|tag| tag.as_string())
                    .find_map(|tag| Lang::find(&tag))
            })
            .unwrap_or_default()
    }

    /// The message.
    pub fn t(self, key: K) -> &'static str {
        match self {
            Lang::En => en(key),
            Lang::Es => es(key),
            Lang::Fr => fr(key),
            Lang::De => de(key),
            Lang::PtBr => pt_br(key),
            Lang::Ja => ja(key),
            Lang::Ar => ar(key),
        }
    }

    /// The message with each `{name}` replaced by its value (isolated in Arabic: `message::fill`).
    pub fn f(self, key: K, values: &[(&str, &str)]) -> String {
        message::fill(self.t(key), values, self.is_rtl())
    }
}

/// The interface language, provided by the app.
#[derive(Clone, Copy)]
pub struct UiLang(pub RwSignal<Lang>);

/// The current interface language (tracked).
pub fn use_lang() -> Lang {
    expect_context::<UiLang>().0.get()
}

/// A message in the current language, re-rendered when the language changes.
pub fn tr(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = expect_context::<UiLang>().0;
    move || lang.get().t(key)
}

/// Every message of the interface. Placeholders in braces are filled by [`Lang::f`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    AppName,
    SkipToMain,
    Language,
    SignOut,
    Shortcuts,
    LiveOn,
    LivePolling,
    Loading,
    Close,
    Cancel,
    SignInTitle,
    Email,
    Password,
    SignIn,
    SigningIn,
    WrongCredentials,
    TooManyAttempts,
    SessionEnded,
    DeskUnreachable,
    PasswordSaved,
    SetPasswordTitle,
    NewPassword,
    ConfirmPassword,
    PasswordHint,
    PasswordsDiffer,
    SavePassword,
    Saving,
    LinkExpired,
    ProbRequired,
    ProbTooShort,
    ProbTooLong,
    ProbNotEmail,
    ProbInvalid,
    ErrorGeneric,
    Forbidden,
    TicketNotFound,
    InboxTitle,
    Views,
    ViewAll,
    OpenN,
    OverdueN,
    QPayments,
    QOrders,
    QDisputes,
    QSellers,
    QPayouts,
    QGeneral,
    Filters,
    Status,
    StatusOpen,
    StatusPending,
    StatusSolved,
    Priority,
    PUrgent,
    PHigh,
    PNormal,
    PLow,
    Assignee,
    Mine,
    Unassigned,
    Surface,
    SCheckout,
    SOrder,
    SOnboarding,
    SOther,
    Audience,
    Buyer,
    Seller,
    CustomerLanguage,
    Due,
    Any,
    DueWithinHour,
    Overdue,
    ClearFilters,
    Tickets,
    ColTicket,
    ColSubject,
    ColRequester,
    ColQueue,
    ColAssignee,
    ColDue,
    NoEmail,
    Left,
    OverdueBy,
    Answered,
    NeedsLook,
    LoadMore,
    EmptyList,
    NewTicketOne,
    NewTicketsMany,
    BackToInbox,
    Conversation,
    Customer,
    AgentNamed,
    InternalNote,
    Reply,
    Note,
    ReplyLabel,
    NoteLabel,
    Send,
    AddNote,
    Sending,
    SendHint,
    ReplySent,
    NoteAdded,
    ReplyingToo,
    SendAnyway,
    AlsoViewing,
    TypingReply,
    Saved,
    Actions,
    TakeIt,
    Reroute,
    RerouteTitle,
    Queue,
    Reason,
    RWrongTopic,
    RWrongUrgency,
    RNeedsSpecialist,
    ROther,
    Details,
    DetailsHint,
    OpenedOn,
    FirstReply,
    Topic,
    SeenTitle,
    SeenPage,
    SeenLanguage,
    SeenIdentity,
    Verified,
    NotVerified,
    Role,
    SeenOrder,
    OrderId,
    OrderStatus,
    PaymentStatus,
    Amount,
    SeenOnboarding,
    Step,
    Blockers,
    SeenSuggestions,
    WhyShown,
    SeenSearches,
    ResultsN,
    NoResults,
    SeenArticles,
    VoteUp,
    VoteDown,
    NoVote,
    SeenIncidents,
    Impact,
    SeenTriage,
    ModelVersion,
    RulesOnly,
    EarlierTickets,
    MaskedCards,
    SeenFlow,
    SeenFlowUnversioned,
    FlowAnswer,
    FlowInEnglish,
    FlowNotSolved,
    FlowNotSolvedAnswer,
    FlowBranched,
    FlowNoFacts,
    TopicOrderNotArrived,
    TopicRefund,
    TopicPaymentFailed,
    TopicDispute,
    TopicAccount,
    TopicSellerVerification,
    TopicPayouts,
    TopicListing,
    TopicOther,
    Quoted,
    WordSeparator,
    TrTopic,
    TrMessageWords,
    TrModelWords,
    TrAskedSellerPage,
    TrAskedBuyerPage,
    TrAskedPage,
    TrAskedSeller,
    TrAskedBuyer,
    TrAsked,
    TrAccountTakeover,
    TrPayoutDetailsChanged,
    TrRepeatedCharge,
    TrUnauthorisedCharge,
    TrThreat,
    TrProductSafety,
    TrLockedOut,
    TrLegalDeadline,
    TrReadsUrgent,
    TrPaymentFailed,
    TrPaymentFailedStatus,
    TrIncidentMajor,
    TrIncidentCritical,
    TrLargeOrder,
    TrPayoutsBlocked,
    TrPayoutAccountFailed,
    TrPayoutDelayed,
    TrChargeback,
    TrLegalThreat,
    TrFraudClaim,
    TrNothingAtStake,
    TrNothingUrgent,
    TrUnsure,
    TrUnknown,
    FactPageUrl,
    FactPageTitle,
    FactPlacedAt,
    FactPromisedBy,
    FactShippedAt,
    FactDeliveredAt,
    FactCurrency,
    FactOnboardingStep,
    FactOnboardingCompleted,
    FactActiveIncidents,
    ShortcutsTitle,
    Key,
    Action,
    ShortcutNext,
    ShortcutPrev,
    ShortcutOpen,
    ShortcutReply,
    ShortcutAssign,
    ShortcutBack,
    ShortcutHelp,
    ShortcutSend,
    StatusPageTitle,
    Sections,
    AdminsOnly,
    AdminsOnlyHint,
    OpenNowTitle,
    NothingOpen,
    KindIncident,
    KindMaintenance,
    Components,
    EveryPage,
    Window,
    WindowText,
    LatestUpdate,
    PostUpdate,
    Resolve,
    UpdateFormLabel,
    UpdateSubmit,
    ResolveSubmit,
    ResolveHint,
    UpdateMessageHint,
    WhatToPublish,
    OpenIncident,
    ScheduleMaintenance,
    Name,
    ImpactLabel,
    Message,
    MessageHint,
    Starts,
    Ends,
    TimeZoneHint,
    AffectedComponents,
    ComponentsHint,
    ShowsOn,
    ShowsNowhere,
    NoComponents,
    OpenIncidentSubmit,
    ScheduleSubmit,
    IncidentOpened,
    UpdatePosted,
    IncidentResolved,
    MaintenanceScheduled,
    ImpNone,
    ImpMinor,
    ImpMajor,
    ImpCritical,
    StInvestigating,
    StIdentified,
    StMonitoring,
    StResolved,
    StPostmortem,
    StScheduled,
    StInProgress,
    StVerifying,
    StCompleted,
    PreviewTitle,
    PreviewHint,
    PreviewNow,
    PreviewAfter,
    NoBanner,
    NoChange,
    Untitled,
    SevNone,
    SevCritical,
    SevMajor,
    SevMinor,
    SevMaintenance,
    SevScheduled,
    ProbTooMany,
    ProbDateTime,
    ProbNotAfter,
    ProbOneLine,
    ProbOneOf,
    InsightsTitle,
    InsightsIntro,
    Period,
    PeriodFrom,
    PeriodTo,
    Last7,
    Last28,
    LastMonth,
    PeriodMissing,
    PeriodReversed,
    PeriodTooLong,
    CutBy,
    CutIdentified,
    CutReturning,
    ReportsLoaded,
    ReportsPartial,
    LiveAsOf,
    NotLoaded,
    DownloadCsv,
    Percent,
    RateInterval,
    RateSpoken,
    NoFigure,
    Withheld,
    HiddenCount,
    CountsLegend,
    FunnelTitle,
    FunnelCaption,
    ColOpened,
    ColLeft,
    ColContacted,
    ColConfirmed,
    ColAssumed,
    ColPending,
    ColEscalated,
    ColEngagedRate,
    ColConfirmedRate,
    ColAssumedRate,
    ColEscalatedRate,
    ColResolvedInFlow,
    ColResolvedInFlowRate,
    FunnelHint,
    Everyone,
    NotGiven,
    Yes,
    No,
    ChartTitle,
    ChartSummary,
    ChartItemSeparator,
    UnlinkedOne,
    UnlinkedMany,
    SearchTitle,
    Searches,
    Searchers,
    ZeroResultRate,
    SearchThenTicket,
    ZeroQueriesCaption,
    ColQuery,
    ColPeople,
    NoZeroQueries,
    ArticlesTitle,
    ArticlesCaption,
    ColArticle,
    ColViews,
    ColReaders,
    ColHelpful,
    ColContactAfter,
    NoArticles,
    FlowsTitle,
    FlowsHint,
    FlowStepsCaption,
    FlowVersion,
    FlowCurrent,
    FlowEarlier,
    ColStep,
    ColReached,
    ColResolvedHere,
    ColHandedOffHere,
    ColAbandonedHere,
    ColWentOn,
    ColResolvedRate,
    ColHandedOffRate,
    ColAbandonedRate,
    NoFlows,
    ResponsesTitle,
    ResponsesCaption,
    ColWithinTarget,
    ColP50,
    ColP90,
    ColSolved,
    ColCsatResponse,
    ColSatisfied,
    NoTickets,
    RepeatsTitle,
    RepeatsCaption,
    ColByTickets,
    ColByPeople,
    TriageTitle,
    Rerouted,
    QueueAccuracy,
    PriorityAccuracy,
    TriageChartTitle,
    WeekOf,
    ColWeek,
    QueueConfusionCaption,
    PriorityConfusionCaption,
    TriagedCorrected,
    DriftTopics,
    DriftQueues,
    DriftStable,
    DriftModerate,
    DriftSignificant,
    DriftUnknown,
    ColLast7,
    ColBefore28,
    TriageHint,
    ExperimentsTitle,
    ExperimentsHint,
    NoExperiments,
    ExpRunning,
    ExpStopped,
    ExpRule,
    ExpRuleReason,
    ExpNudgeWording,
    ExpNudgeHoldout,
    ExpArticleText,
    ExpStatusFirst,
    ExpLargeOrder,
    ExpVerdict,
    VerdictVariantBetter,
    VerdictControlBetter,
    VerdictNoDifference,
    VerdictUntrustworthy,
    VerdictStoppedGuardrail,
    VerdictStopped,
    Control,
    VariantN,
    MetricResolved,
    MetricTickets,
    MetricRepeat,
    MetricResolvedIn,
    MetricTicketsIn,
    MetricRepeatIn,
    MetricUnsatisfied,
    MetricUnsatisfiedIn,
    MetricPrimary,
    MetricGuardrail,
    ExpVariantsCaption,
    ColVariant,
    ColPlannedShare,
    ColExposed,
    ExpComparisonsCaption,
    ColComparison,
    ColMetric,
    ColDifference,
    ColOutcome,
    VsControl,
    PointsRange,
    OutcomeBetter,
    OutcomeWorse,
    OutcomeNoDifference,
    SampleRatioOk,
    SampleRatioMismatch,
    ExpHistory,
    ExpNoHistory,
    AuditStarted,
    AuditChanged,
    AuditStopped,
    ExpLegend,
    DecimalMark,
}

fn en(key: K) -> &'static str {
    match key {
        K::AppName => "Signpost console",
        K::SkipToMain => "Skip to main content",
        K::Language => "Language",
        K::SignOut => "Sign out",
        K::Shortcuts => "Keyboard shortcuts",
        K::LiveOn => "Live updates on",
        K::LivePolling => "Live updates interrupted: checking every 10 s",
        K::Loading => "Loading…",
        K::Close => "Close",
        K::Cancel => "Cancel",
        K::SignInTitle => "Sign in to the support console",
        K::Email => "Email",
        K::Password => "Password",
        K::SignIn => "Sign in",
        K::SigningIn => "Signing in…",
        K::WrongCredentials => "Wrong email or password.",
        K::TooManyAttempts => "Too many attempts. Try again in {time}.",
        K::SessionEnded => "Your session ended. Sign in again.",
        K::DeskUnreachable => "The support desk did not answer ({detail}). Try again in a moment.",
        K::PasswordSaved => "Your password is saved. Sign in with it.",
        K::SetPasswordTitle => "Choose your password",
        K::NewPassword => "New password",
        K::ConfirmPassword => "Confirm the password",
        K::PasswordHint => "12 to 256 characters, not your email address.",
        K::PasswordsDiffer => "The two passwords are not the same.",
        K::SavePassword => "Save and sign in",
        K::Saving => "Saving…",
        K::LinkExpired => {
            "This link is unknown, already used or expired. Ask an admin for a new one."
        }
        K::ProbRequired => "Required.",
        K::ProbTooShort => "At least {n} characters.",
        K::ProbTooLong => "At most {n} characters.",
        K::ProbNotEmail => "Enter an email address such as name@example.com.",
        K::ProbInvalid => "This value is not accepted.",
        K::ErrorGeneric => "That did not work ({detail}). Try again.",
        K::Forbidden => "You are not allowed to do that.",
        K::TicketNotFound => "There is no ticket with this id.",
        K::InboxTitle => "Inbox",
        K::Views => "Views",
        K::ViewAll => "All open",
        K::OpenN => "{n} open",
        K::OverdueN => "{n} overdue",
        K::QPayments => "Payments",
        K::QOrders => "Orders",
        K::QDisputes => "Disputes",
        K::QSellers => "Sellers",
        K::QPayouts => "Payouts",
        K::QGeneral => "General",
        K::Filters => "Filters",
        K::Status => "Status",
        K::StatusOpen => "Open",
        K::StatusPending => "Pending",
        K::StatusSolved => "Solved",
        K::Priority => "Priority",
        K::PUrgent => "Urgent",
        K::PHigh => "High",
        K::PNormal => "Normal",
        K::PLow => "Low",
        K::Assignee => "Assignee",
        K::Mine => "Mine",
        K::Unassigned => "Unassigned",
        K::Surface => "Page",
        K::SCheckout => "Checkout",
        K::SOrder => "Order page",
        K::SOnboarding => "Seller onboarding",
        K::SOther => "Other page",
        K::Audience => "Audience",
        K::Buyer => "Buyer",
        K::Seller => "Seller",
        K::CustomerLanguage => "Customer language",
        K::Due => "First reply due",
        K::Any => "Any",
        K::DueWithinHour => "Due within 1 h",
        K::Overdue => "Overdue",
        K::ClearFilters => "Reset filters",
        K::Tickets => "Tickets",
        K::ColTicket => "Ticket",
        K::ColSubject => "Subject",
        K::ColRequester => "Requester",
        K::ColQueue => "Queue",
        K::ColAssignee => "Assignee",
        K::ColDue => "First reply",
        K::NoEmail => "No email",
        K::Left => "{time} left",
        K::OverdueBy => "Overdue by {time}",
        K::Answered => "Answered",
        K::NeedsLook => "Needs a look",
        K::LoadMore => "Load more",
        K::EmptyList => "No tickets match these filters.",
        K::NewTicketOne => "1 new ticket",
        K::NewTicketsMany => "New tickets: {n}",
        K::BackToInbox => "Back to the inbox",
        K::Conversation => "Conversation",
        K::Customer => "Customer",
        K::AgentNamed => "{name} (agent)",
        K::InternalNote => "Internal note — not shown to the customer",
        K::Reply => "Reply",
        K::Note => "Internal note",
        K::ReplyLabel => "Reply to the customer",
        K::NoteLabel => "Internal note, only agents see it",
        K::Send => "Send",
        K::AddNote => "Add note",
        K::Sending => "Sending…",
        K::SendHint => "Ctrl+Enter or ⌘+Enter sends.",
        K::ReplySent => "Reply sent.",
        K::NoteAdded => "Note added.",
        K::ReplyingToo => "{name} is replying too. Send anyway?",
        K::SendAnyway => "Send anyway",
        K::AlsoViewing => "{name} is also viewing",
        K::TypingReply => "{name} is typing a reply…",
        K::Saved => "Saved.",
        K::Actions => "Ticket actions",
        K::TakeIt => "Take it",
        K::Reroute => "Re-route",
        K::RerouteTitle => "Re-route this ticket",
        K::Queue => "Queue",
        K::Reason => "Reason",
        K::RWrongTopic => "Wrong topic",
        K::RWrongUrgency => "Wrong urgency",
        K::RNeedsSpecialist => "Needs a specialist",
        K::ROther => "Other",
        K::Details => "Details",
        K::DetailsHint => "Required when the reason is Other.",
        K::OpenedOn => "Opened {date}",
        K::FirstReply => "First reply",
        K::Topic => "Topic",
        K::SeenTitle => "What the user saw",
        K::SeenPage => "Page",
        K::SeenLanguage => "Language",
        K::SeenIdentity => "Identity",
        K::Verified => "Verified",
        K::NotVerified => "Not verified",
        K::Role => "Role",
        K::SeenOrder => "Order",
        K::OrderId => "Order id",
        K::OrderStatus => "Order status",
        K::PaymentStatus => "Payment status",
        K::Amount => "Amount",
        K::SeenOnboarding => "Onboarding",
        K::Step => "Step",
        K::Blockers => "Blockers",
        K::SeenSuggestions => "Suggestions shown",
        K::WhyShown => "Why am I seeing this?",
        K::SeenSearches => "Searches",
        K::ResultsN => "Results: {n}",
        K::NoResults => "No results",
        K::SeenArticles => "Articles read",
        K::VoteUp => "Voted helpful",
        K::VoteDown => "Voted not helpful",
        K::NoVote => "No vote",
        K::SeenIncidents => "Incident banners shown",
        K::Impact => "Impact: {impact}",
        K::SeenTriage => "Why it was routed here",
        K::ModelVersion => "Triage model version {v}",
        K::RulesOnly => "Routed by rules only",
        K::EarlierTickets => "Earlier tickets",
        K::MaskedCards => "Card numbers in this ticket were masked.",
        K::SeenFlow => "Guided flow: {flow} (v{version})",
        K::SeenFlowUnversioned => "Guided flow: {flow}",
        K::FlowAnswer => "Answer: {answer}",
        K::FlowInEnglish => "({text})",
        K::FlowNotSolved => "Read {article} and still needed help",
        K::FlowNotSolvedAnswer => "Read the answer and still needed help",
        K::FlowBranched => "Decided by the page’s facts",
        K::FlowNoFacts => "Decided by the page’s facts (none was set)",
        K::TopicOrderNotArrived => "My order hasn't arrived",
        K::TopicRefund => "Refunds and returns",
        K::TopicPaymentFailed => "A payment failed",
        K::TopicDispute => "A problem with a seller or buyer",
        K::TopicAccount => "My account",
        K::TopicSellerVerification => "Seller verification",
        K::TopicPayouts => "Payouts",
        K::TopicListing => "Listings",
        K::TopicOther => "Something else",
        K::Quoted => "“{text}”",
        K::WordSeparator => ", ",
        K::TrTopic => "{queue}: the customer picked the topic “{topic}”",
        K::TrMessageWords => "{queue}: the message mentions {words}",
        K::TrModelWords => {
            "{queue}: the triage model placed the message here with {confidence} confidence, mostly for {words}"
        }
        K::TrAskedSellerPage => {
            "{queue}: most questions like this from sellers on the same page ({page}) belong in this queue"
        }
        K::TrAskedBuyerPage => {
            "{queue}: most questions like this from buyers on the same page ({page}) belong in this queue"
        }
        K::TrAskedPage => {
            "{queue}: most questions like this from the same page ({page}) belong in this queue"
        }
        K::TrAskedSeller => "{queue}: most questions like this from sellers belong in this queue",
        K::TrAskedBuyer => "{queue}: most questions like this from buyers belong in this queue",
        K::TrAsked => "{queue}: most questions like this belong in this queue",
        K::TrAccountTakeover => "Someone else may be in the customer’s account: they wrote {words}",
        K::TrPayoutDetailsChanged => {
            "The seller’s payout details may have been changed by someone else: {words}"
        }
        K::TrRepeatedCharge => "The customer was charged more than once: {words}",
        K::TrUnauthorisedCharge => "A charge the customer did not make: {words}",
        K::TrThreat => "The customer mentions threats or harassment: {words}",
        K::TrProductSafety => "A product may be unsafe: {words}",
        K::TrLockedOut => "The customer cannot pay or get paid: {words}",
        K::TrLegalDeadline => "The customer mentions a legal deadline: {words}",
        K::TrReadsUrgent => {
            "No rule fired, but the urgency model read this as urgent with {confidence} confidence, mostly for {words}"
        }
        K::TrPaymentFailed => "The payment failed at checkout",
        K::TrPaymentFailedStatus => "The payment failed at checkout (payment status: {status})",
        K::TrIncidentMajor => "A major incident is open in the {queue} area",
        K::TrIncidentCritical => "A critical incident is open in the {queue} area",
        K::TrLargeOrder => "The order is {amount}: orders of {threshold} or more come first",
        K::TrPayoutsBlocked => "The seller’s payouts are blocked",
        K::TrPayoutAccountFailed => "The seller’s payout account was refused",
        K::TrPayoutDelayed => "The seller’s payouts are held up: they wrote {words}",
        K::TrChargeback => "The customer mentions a chargeback: {words}",
        K::TrLegalThreat => "The customer mentions legal steps: {words}",
        K::TrFraudClaim => "The customer mentions fraud: {words}",
        K::TrNothingAtStake => "Nothing urgent: a general question",
        K::TrNothingUrgent => "Nothing urgent found",
        K::TrUnsure => {
            "Triage was not sure which queue this is for: check it, and re-route if needed"
        }
        K::TrUnknown => {
            "A reason this version of the console cannot show: reload the page to read it"
        }
        K::FactPageUrl => "Page address",
        K::FactPageTitle => "Page title",
        K::FactPlacedAt => "Order placed",
        K::FactPromisedBy => "Delivery promised by",
        K::FactShippedAt => "Shipped",
        K::FactDeliveredAt => "Delivered",
        K::FactCurrency => "Currency",
        K::FactOnboardingStep => "Onboarding step",
        K::FactOnboardingCompleted => "Onboarding completed",
        K::FactActiveIncidents => "Active incidents",
        K::ShortcutsTitle => "Keyboard shortcuts",
        K::Key => "Key",
        K::Action => "Action",
        K::ShortcutNext => "Select the next ticket",
        K::ShortcutPrev => "Select the previous ticket",
        K::ShortcutOpen => "Open the selected ticket",
        K::ShortcutReply => "Go to the reply box",
        K::ShortcutAssign => "Assign the open ticket to me",
        K::ShortcutBack => "Back to the inbox, or close a dialog",
        K::ShortcutHelp => "Show this list",
        K::ShortcutSend => "Send, in the reply box",
        K::StatusPageTitle => "Status page",
        K::Sections => "Sections",
        K::AdminsOnly => "Only admins can manage the status page.",
        K::AdminsOnlyHint => "Ask an admin to open or update an incident.",
        K::OpenNowTitle => "Open incidents and maintenance",
        K::NothingOpen => "Nothing is open: no incident and no scheduled maintenance.",
        K::KindIncident => "Incident",
        K::KindMaintenance => "Maintenance",
        K::Components => "Components",
        K::EveryPage => "None named: it concerns every page",
        K::Window => "Window",
        K::WindowText => "{from} to {until}",
        K::LatestUpdate => "Latest update",
        K::PostUpdate => "Post an update",
        K::Resolve => "Resolve",
        K::UpdateFormLabel => "Update “{name}”",
        K::UpdateSubmit => "Post update",
        K::ResolveSubmit => "Resolve incident",
        K::ResolveHint => {
            "Optional when resolving: without one, the page says the incident has been resolved."
        }
        K::UpdateMessageHint => {
            "Shown in the widget's banner: the latest update replaces the one before."
        }
        K::WhatToPublish => "What to publish",
        K::OpenIncident => "Open an incident",
        K::ScheduleMaintenance => "Schedule maintenance",
        K::Name => "Name",
        K::ImpactLabel => "Impact",
        K::Message => "Message",
        K::MessageHint => {
            "Shown under the name in the widget's banner. Left empty, the name is used."
        }
        K::Starts => "Starts",
        K::Ends => "Ends",
        K::TimeZoneHint => "In your time zone ({zone}).",
        K::AffectedComponents => "Affected components",
        K::ComponentsHint => "None chosen: it concerns every page.",
        K::ShowsOn => "shows on: {pages}",
        K::ShowsNowhere => "shows on no page",
        K::NoComponents => "The status page has no components yet.",
        K::OpenIncidentSubmit => "Open incident",
        K::ScheduleSubmit => "Schedule",
        K::IncidentOpened => "Incident opened: {name}",
        K::UpdatePosted => "Update posted: {name}",
        K::IncidentResolved => "Incident resolved: {name}",
        K::MaintenanceScheduled => "Maintenance scheduled: {name}",
        K::ImpNone => "None",
        K::ImpMinor => "Minor",
        K::ImpMajor => "Major",
        K::ImpCritical => "Critical",
        K::StInvestigating => "Investigating",
        K::StIdentified => "Identified",
        K::StMonitoring => "Monitoring",
        K::StResolved => "Resolved",
        K::StPostmortem => "Postmortem",
        K::StScheduled => "Scheduled",
        K::StInProgress => "In progress",
        K::StVerifying => "Verifying",
        K::StCompleted => "Completed",
        K::PreviewTitle => "Banner preview",
        K::PreviewHint => {
            "The banner the widget shows on each demo page: now, and once what you are writing is published."
        }
        K::PreviewNow => "Now",
        K::PreviewAfter => "After publishing",
        K::NoBanner => "No banner.",
        K::NoChange => "No change.",
        K::Untitled => "(no name yet)",
        K::SevNone => "All systems operational",
        K::SevCritical => "Major outage",
        K::SevMajor => "Partial outage",
        K::SevMinor => "Service issue",
        K::SevMaintenance => "Maintenance",
        K::SevScheduled => "Scheduled maintenance",
        K::ProbTooMany => "At most {n}.",
        K::ProbDateTime => "Enter a date and time.",
        K::ProbNotAfter => "Must be later than the start.",
        K::ProbOneLine => "One line only.",
        K::ProbOneOf => "Choose one of the options.",
        K::InsightsTitle => "Insights",
        K::InsightsIntro => {
            "Whole days in UTC. Each rate is followed by its 95% confidence interval in brackets; “—” means there is nothing to measure it on."
        }
        K::Period => "Period",
        K::PeriodFrom => "From",
        K::PeriodTo => "To",
        K::Last7 => "Last 7 days",
        K::Last28 => "Last 28 days",
        K::LastMonth => "Last month",
        K::PeriodMissing => "Enter both days.",
        K::PeriodReversed => "The first day must not be after the last.",
        K::PeriodTooLong => "At most {n} days.",
        K::CutBy => "Cut by",
        K::CutIdentified => "Verified identity",
        K::CutReturning => "Returning visitor",
        K::ReportsLoaded => "Reports loaded for {from} to {to}.",
        K::ReportsPartial => "Some reports could not be loaded.",
        K::LiveAsOf => {
            "Today’s and yesterday’s figures were counted at {time} UTC: with this many events, the desk counts them again every minute or so while someone looks."
        }
        K::NotLoaded => "This report could not be loaded.",
        K::DownloadCsv => "Download CSV",
        K::Percent => "{n}%",
        K::RateInterval => "{rate} ({low}–{high})",
        K::RateSpoken => "{rate}, 95% confidence interval {low} to {high}",
        K::NoFigure => "no figure",
        K::Withheld => "withheld",
        K::HiddenCount => "hidden",
        K::CountsLegend => {
            "“< {k}”: fewer than {k} people. “{withheld}”: at least {k} people, hidden so that a small count cannot be worked out from the others. “{hidden}”: too few people in this period to show any count."
        }
        K::FunnelTitle => "Self-service funnel",
        K::FunnelCaption => "People who opened the widget and what followed, per cohort ({cut})",
        K::ColOpened => "Opened",
        K::ColLeft => "Left without doing more",
        K::ColContacted => "Contacted directly",
        K::ColConfirmed => "Confirmed (helpful vote)",
        K::ColAssumed => "Assumed (no ticket within {n}\u{a0}h)",
        K::ColPending => "Pending",
        K::ColEscalated => "Escalated (filed a ticket)",
        K::ColEngagedRate => "Engaged rate",
        K::ColConfirmedRate => "Confirmed rate",
        K::ColAssumedRate => "Assumed rate",
        K::ColEscalatedRate => "Escalated rate",
        K::ColResolvedInFlow => "Resolved in a guided flow",
        K::ColResolvedInFlowRate => "Resolved-in-flow rate",
        K::FunnelHint => {
            "Each person who opened the widget is counted in exactly one outcome. Resolved in a guided flow: ended a guided flow with “This solved it” and filed no ticket (counted there, not as confirmed, even if they also voted an article helpful). Pending: helped themselves less than {n}\u{a0}h ago, no ticket yet. Engaged rate: of those who opened the widget, the share who helped themselves (searched, read, followed a suggestion or a guided flow); the other rates are of those who helped themselves. Confirmed, guided-flow and assumed resolutions are never added together."
        }
        K::Everyone => "All people",
        K::NotGiven => "Not given",
        K::Yes => "Yes",
        K::No => "No",
        K::ChartTitle => "Engaged rate per cohort ({cut})",
        K::ChartSummary => "{title}, with 95% confidence intervals: {items}.",
        K::ChartItemSeparator => "; ",
        K::UnlinkedOne => {
            "{n} event from a browser with Global Privacy Control is counted, not linked."
        }
        K::UnlinkedMany => {
            "{n} events from browsers with Global Privacy Control are counted, not linked."
        }
        K::SearchTitle => "Search",
        K::Searches => "Searches",
        K::Searchers => "People who searched",
        K::ZeroResultRate => "Searches with no result",
        K::SearchThenTicket => "Searchers who then filed a ticket",
        K::ZeroQueriesCaption => "Top queries with no result",
        K::ColQuery => "Query",
        K::ColPeople => "People",
        K::NoZeroQueries => "No query without results was made by {k} or more people.",
        K::ArticlesTitle => "Articles",
        K::ArticlesCaption => "Articles by readers, most read first",
        K::ColArticle => "Article",
        K::ColViews => "Views",
        K::ColReaders => "Readers",
        K::ColHelpful => "Helpful votes",
        K::ColContactAfter => "Filed a ticket after reading",
        K::NoArticles => "No article was read in this period.",
        K::FlowsTitle => "Guided flows",
        K::FlowsHint => {
            "Each version of a flow is counted on its own: an edited flow starts a new series. Of the people who reached a step, each is counted once: resolved there, handed to a person there, abandoned there, or went on. The rates are of those who reached the step. Steps are never added up: one person reaches several."
        }
        K::FlowStepsCaption => {
            "Steps of “{title}”, version {version}, in the order people reached them"
        }
        K::FlowVersion => "v{n}",
        K::FlowCurrent => "Current version",
        K::FlowEarlier => "Earlier version",
        K::ColStep => "Step",
        K::ColReached => "Reached",
        K::ColResolvedHere => "Resolved here",
        K::ColHandedOffHere => "Handed to a person here",
        K::ColAbandonedHere => "Abandoned here",
        K::ColWentOn => "Went on",
        K::ColResolvedRate => "Resolved rate",
        K::ColHandedOffRate => "Handed-off rate",
        K::ColAbandonedRate => "Abandoned rate",
        K::NoFlows => "No guided flow was shown in this period.",
        K::ResponsesTitle => "First response",
        K::ResponsesCaption => {
            "First replies against their targets, per queue and priority (tickets filed in the period)"
        }
        K::ColWithinTarget => "Answered within target",
        K::ColP50 => "Median, minutes",
        K::ColP90 => "90th percentile, minutes",
        K::ColSolved => "Solved",
        K::ColCsatResponse => "Satisfaction answered",
        K::ColSatisfied => "Satisfied (4–5 of 5)",
        K::NoTickets => "No ticket was filed in this period.",
        K::RepeatsTitle => "Repeat contact (7 days)",
        K::RepeatsCaption => {
            "Tickets followed by another from the same person within 7 days, per queue and topic"
        }
        K::ColByTickets => "Rate by tickets",
        K::ColByPeople => "Rate by people",
        K::TriageTitle => "Triage accuracy",
        K::Rerouted => "Re-routed by an agent",
        K::QueueAccuracy => "Queue accuracy",
        K::PriorityAccuracy => "Priority accuracy",
        K::TriageChartTitle => "Queue accuracy per week",
        K::WeekOf => "Week of {date}",
        K::ColWeek => "Week",
        K::QueueConfusionCaption => {
            "Queues: where triage put tickets (rows) and where agents left them (columns)"
        }
        K::PriorityConfusionCaption => {
            "Priorities: what triage gave (rows) and what agents left (columns)"
        }
        K::TriagedCorrected => "Triaged as",
        K::DriftTopics => "Mix of topics",
        K::DriftQueues => "Mix of queues",
        K::DriftStable => {
            "Stable: the last 7 days look like the 28 days before (stability index {index})."
        }
        K::DriftModerate => {
            "Shifting: the last 7 days differ from the 28 days before (stability index {index})."
        }
        K::DriftSignificant => {
            "Shifted: the last 7 days differ clearly from the 28 days before (stability index {index}). Check triage on this week's tickets."
        }
        K::DriftUnknown => {
            "Too few tickets on one side to compare the last 7 days with the 28 days before."
        }
        K::ColLast7 => "Last 7 days",
        K::ColBefore28 => "28 days before",
        K::TriageHint => {
            "A ticket counts as rightly triaged when no agent re-routed it; accuracy is over the tickets filed in the period. The mix compares the period's last 7 days with the 28 days before them (population stability index: under 0.1 stable, 0.25 or more shifted)."
        }
        K::ExperimentsTitle => "Experiments",
        K::ExperimentsHint => {
            "Each experiment is counted over its whole run, not the period above. Its intervals are 95% confidence sequences: they stay valid however often you look, so a result may be read at any time."
        }
        K::NoExperiments => "No experiments are defined in the content folder (experiments.toml).",
        K::ExpRunning => "Running: new people are still assigned to its variants.",
        K::ExpStopped => "Stopped: everyone sees the rule’s own article.",
        K::ExpRule => "It varies the article the rule “{rule}” suggests.",
        K::ExpRuleReason => {
            "It varies the reason “Why am I seeing this?” gives for the rule “{rule}”."
        }
        K::ExpNudgeWording => "It varies the words of the nudge of the rule “{rule}”.",
        K::ExpNudgeHoldout => "It holds the nudge of the rule “{rule}” back from some people.",
        K::ExpArticleText => "It varies the text of the article “{article}”.",
        K::ExpStatusFirst => {
            "During an incident, it shows the status above the contact form or as a step before it."
        }
        K::ExpLargeOrder => {
            "It varies from which order amount a ticket about the order comes first (the triage settings' thresholds)."
        }
        K::ExpVerdict => "Verdict:",
        K::VerdictVariantBetter => "Variant {n} ({article}) is better on {metric}.",
        K::VerdictControlBetter => {
            "Control is better: the rule’s own article ({article}) beats every variant on {metric}."
        }
        K::VerdictNoDifference => "No difference yet: keep it running.",
        K::VerdictUntrustworthy => {
            "Untrustworthy: exposures do not match the planned split ({p}). Something assigns or counts people wrongly, so no result here can be trusted."
        }
        K::VerdictStoppedGuardrail => {
            "Stopped: variant {n} made {metric} worse. Everyone now sees the control."
        }
        K::VerdictStopped => "Stopped: by an operator, or removed from the content folder.",
        K::Control => "Control",
        K::VariantN => "Variant {n}",
        K::MetricResolved => "Self-service resolution",
        K::MetricTickets => "Filed a ticket",
        K::MetricRepeat => "Repeat contact (2+ tickets)",
        K::MetricResolvedIn => "self-service resolution",
        K::MetricTicketsIn => "the ticket rate",
        K::MetricRepeatIn => "the repeat-contact rate",
        K::MetricUnsatisfied => "Rated the help 1–3 of 5",
        K::MetricUnsatisfiedIn => "the share unhappy with the help",
        K::MetricPrimary => "{metric} (primary)",
        K::MetricGuardrail => "{metric} (guardrail)",
        K::ExpVariantsCaption => {
            "Variants: people exposed, and each metric’s rate among them with its 95% interval"
        }
        K::ColVariant => "Variant",
        K::ColPlannedShare => "Planned share",
        K::ColExposed => "People exposed",
        K::ExpComparisonsCaption => {
            "Each variant against the control: the difference in percentage points, as a 95% confidence sequence (valid at every look)"
        }
        K::ColComparison => "Comparison",
        K::ColMetric => "Metric",
        K::ColDifference => "Difference (percentage points)",
        K::ColOutcome => "Outcome",
        K::VsControl => "Variant {n} vs control",
        K::PointsRange => "{low} to {high} points",
        K::OutcomeBetter => "Better",
        K::OutcomeWorse => "Worse",
        K::OutcomeNoDifference => "No difference yet",
        K::SampleRatioOk => "Sample-ratio check: {p}. The exposures match the planned split.",
        K::SampleRatioMismatch => {
            "Sample-ratio check: {p}. The exposures do not match the planned split."
        }
        K::ExpHistory => "History",
        K::ExpNoHistory => "Nothing recorded yet.",
        K::AuditStarted => "Started",
        K::AuditChanged => "Definition changed",
        K::AuditStopped => "Stopped",
        K::ExpLegend => {
            "“< {k}”: too few people to show a count. A rate shows “—” while too few people have its outcome, or too few do not."
        }
        K::DecimalMark => ".",
    }
}

fn es(key: K) -> &'static str {
    match key {
        K::AppName => "Consola de Signpost",
        K::SkipToMain => "Ir al contenido principal",
        K::Language => "Idioma",
        K::SignOut => "Cerrar sesión",
        K::Shortcuts => "Atajos de teclado",
        K::LiveOn => "Actualizaciones en directo activas",
        K::LivePolling => "Actualizaciones en directo interrumpidas: se comprueba cada 10 s",
        K::Loading => "Cargando…",
        K::Close => "Cerrar",
        K::Cancel => "Cancelar",
        K::SignInTitle => "Inicia sesión en la consola de soporte",
        K::Email => "Correo electrónico",
        K::Password => "Contraseña",
        K::SignIn => "Iniciar sesión",
        K::SigningIn => "Iniciando sesión…",
        K::WrongCredentials => "Correo o contraseña incorrectos.",
        K::TooManyAttempts => "Demasiados intentos. Vuelve a intentarlo en {time}.",
        K::SessionEnded => "Tu sesión ha terminado. Vuelve a iniciar sesión.",
        K::DeskUnreachable => {
            "El servicio de soporte no respondió ({detail}). Inténtalo de nuevo en un momento."
        }
        K::PasswordSaved => "Tu contraseña se ha guardado. Inicia sesión con ella.",
        K::SetPasswordTitle => "Elige tu contraseña",
        K::NewPassword => "Nueva contraseña",
        K::ConfirmPassword => "Confirma la contraseña",
        K::PasswordHint => "De 12 a 256 caracteres, distinta de tu correo electrónico.",
        K::PasswordsDiffer => "Las dos contraseñas no coinciden.",
        K::SavePassword => "Guardar e iniciar sesión",
        K::Saving => "Guardando…",
        K::LinkExpired => {
            "Este enlace no existe, ya se usó o ha caducado. Pide uno nuevo a un administrador."
        }
        K::ProbRequired => "Obligatorio.",
        K::ProbTooShort => "Al menos {n} caracteres.",
        K::ProbTooLong => "Como máximo {n} caracteres.",
        K::ProbNotEmail => "Escribe una dirección de correo como nombre@ejemplo.com.",
        K::ProbInvalid => "Este valor no se acepta.",
        K::ErrorGeneric => "No ha funcionado ({detail}). Inténtalo de nuevo.",
        K::Forbidden => "No tienes permiso para hacer esto.",
        K::TicketNotFound => "No hay ningún ticket con este identificador.",
        K::InboxTitle => "Bandeja de entrada",
        K::Views => "Vistas",
        K::ViewAll => "Todos los abiertos",
        K::OpenN => "{n} abiertos",
        K::OverdueN => "{n} vencidos",
        K::QPayments => "Pagos",
        K::QOrders => "Pedidos",
        K::QDisputes => "Disputas",
        K::QSellers => "Vendedores",
        K::QPayouts => "Liquidaciones",
        K::QGeneral => "General",
        K::Filters => "Filtros",
        K::Status => "Estado",
        K::StatusOpen => "Abierto",
        K::StatusPending => "Pendiente",
        K::StatusSolved => "Resuelto",
        K::Priority => "Prioridad",
        K::PUrgent => "Urgente",
        K::PHigh => "Alta",
        K::PNormal => "Normal",
        K::PLow => "Baja",
        K::Assignee => "Asignado a",
        K::Mine => "Míos",
        K::Unassigned => "Sin asignar",
        K::Surface => "Página",
        K::SCheckout => "Pago del pedido",
        K::SOrder => "Página del pedido",
        K::SOnboarding => "Alta de vendedor",
        K::SOther => "Otra página",
        K::Audience => "Público",
        K::Buyer => "Comprador",
        K::Seller => "Vendedor",
        K::CustomerLanguage => "Idioma del cliente",
        K::Due => "Primera respuesta",
        K::Any => "Cualquiera",
        K::DueWithinHour => "Vence en menos de 1 h",
        K::Overdue => "Vencidos",
        K::ClearFilters => "Restablecer filtros",
        K::Tickets => "Tickets",
        K::ColTicket => "Ticket",
        K::ColSubject => "Asunto",
        K::ColRequester => "Solicitante",
        K::ColQueue => "Cola",
        K::ColAssignee => "Asignado a",
        K::ColDue => "Primera respuesta",
        K::NoEmail => "Sin correo",
        K::Left => "Quedan {time}",
        K::OverdueBy => "Vencido hace {time}",
        K::Answered => "Respondido",
        K::NeedsLook => "Requiere revisión",
        K::LoadMore => "Cargar más",
        K::EmptyList => "Ningún ticket coincide con estos filtros.",
        K::NewTicketOne => "1 ticket nuevo",
        K::NewTicketsMany => "Tickets nuevos: {n}",
        K::BackToInbox => "Volver a la bandeja de entrada",
        K::Conversation => "Conversación",
        K::Customer => "Cliente",
        K::AgentNamed => "{name} (agente)",
        K::InternalNote => "Nota interna: el cliente no la ve",
        K::Reply => "Respuesta",
        K::Note => "Nota interna",
        K::ReplyLabel => "Respuesta al cliente",
        K::NoteLabel => "Nota interna, solo la ven los agentes",
        K::Send => "Enviar",
        K::AddNote => "Añadir nota",
        K::Sending => "Enviando…",
        K::SendHint => "Ctrl+Intro o ⌘+Intro para enviar.",
        K::ReplySent => "Respuesta enviada.",
        K::NoteAdded => "Nota añadida.",
        K::ReplyingToo => "{name} también está respondiendo. ¿Enviar de todos modos?",
        K::SendAnyway => "Enviar de todos modos",
        K::AlsoViewing => "{name} también está viendo este ticket",
        K::TypingReply => "{name} está escribiendo una respuesta…",
        K::Saved => "Guardado.",
        K::Actions => "Acciones del ticket",
        K::TakeIt => "Asignármelo",
        K::Reroute => "Redirigir",
        K::RerouteTitle => "Redirigir este ticket",
        K::Queue => "Cola",
        K::Reason => "Motivo",
        K::RWrongTopic => "Tema equivocado",
        K::RWrongUrgency => "Urgencia equivocada",
        K::RNeedsSpecialist => "Necesita un especialista",
        K::ROther => "Otro",
        K::Details => "Detalles",
        K::DetailsHint => "Obligatorio si el motivo es Otro.",
        K::OpenedOn => "Abierto el {date}",
        K::FirstReply => "Primera respuesta",
        K::Topic => "Tema",
        K::SeenTitle => "Lo que vio el usuario",
        K::SeenPage => "Página",
        K::SeenLanguage => "Idioma",
        K::SeenIdentity => "Identidad",
        K::Verified => "Verificada",
        K::NotVerified => "No verificada",
        K::Role => "Rol",
        K::SeenOrder => "Pedido",
        K::OrderId => "N.º de pedido",
        K::OrderStatus => "Estado del pedido",
        K::PaymentStatus => "Estado del pago",
        K::Amount => "Importe",
        K::SeenOnboarding => "Alta",
        K::Step => "Paso",
        K::Blockers => "Bloqueos",
        K::SeenSuggestions => "Sugerencias mostradas",
        K::WhyShown => "¿Por qué veo esto?",
        K::SeenSearches => "Búsquedas",
        K::ResultsN => "Resultados: {n}",
        K::NoResults => "Sin resultados",
        K::SeenArticles => "Artículos leídos",
        K::VoteUp => "Votó útil",
        K::VoteDown => "Votó no útil",
        K::NoVote => "Sin voto",
        K::SeenIncidents => "Avisos de incidencia mostrados",
        K::Impact => "Impacto: {impact}",
        K::SeenTriage => "Por qué llegó a esta cola",
        K::ModelVersion => "Versión del modelo de clasificación: {v}",
        K::RulesOnly => "Clasificado solo por reglas",
        K::EarlierTickets => "Tickets anteriores",
        K::MaskedCards => "Se ocultaron números de tarjeta en este ticket.",
        K::SeenFlow => "Flujo guiado: {flow} (v{version})",
        K::SeenFlowUnversioned => "Flujo guiado: {flow}",
        K::FlowAnswer => "Respuesta: {answer}",
        K::FlowInEnglish => "({text})",
        K::FlowNotSolved => "Leyó {article} y aún necesitaba ayuda",
        K::FlowNotSolvedAnswer => "Leyó la respuesta y aún necesitaba ayuda",
        K::FlowBranched => "Decidido por los datos de la página",
        K::FlowNoFacts => "Decidido por los datos de la página (no había ninguno)",
        K::TopicOrderNotArrived => "Mi pedido no ha llegado",
        K::TopicRefund => "Reembolsos y devoluciones",
        K::TopicPaymentFailed => "Un pago no se completó",
        K::TopicDispute => "Un problema con un vendedor o comprador",
        K::TopicAccount => "Mi cuenta",
        K::TopicSellerVerification => "Verificación de vendedores",
        K::TopicPayouts => "Pagos a vendedores",
        K::TopicListing => "Publicaciones",
        K::TopicOther => "Otro tema",
        K::Quoted => "«{text}»",
        K::WordSeparator => ", ",
        K::TrTopic => "{queue}: el cliente eligió el tema «{topic}»",
        K::TrMessageWords => "{queue}: el mensaje menciona {words}",
        K::TrModelWords => {
            "{queue}: el modelo de clasificación asignó el mensaje aquí con un {confidence} de confianza, sobre todo por {words}"
        }
        K::TrAskedSellerPage => {
            "{queue}: la mayoría de las consultas como esta que hacen los vendedores desde la misma página ({page}) corresponden a esta cola"
        }
        K::TrAskedBuyerPage => {
            "{queue}: la mayoría de las consultas como esta que hacen los compradores desde la misma página ({page}) corresponden a esta cola"
        }
        K::TrAskedPage => {
            "{queue}: la mayoría de las consultas como esta desde la misma página ({page}) corresponden a esta cola"
        }
        K::TrAskedSeller => {
            "{queue}: la mayoría de las consultas como esta que hacen los vendedores corresponden a esta cola"
        }
        K::TrAskedBuyer => {
            "{queue}: la mayoría de las consultas como esta que hacen los compradores corresponden a esta cola"
        }
        K::TrAsked => "{queue}: la mayoría de las consultas como esta corresponden a esta cola",
        K::TrAccountTakeover => {
            "Puede que otra persona haya entrado en la cuenta del cliente: escribió {words}"
        }
        K::TrPayoutDetailsChanged => {
            "Puede que otra persona haya cambiado los datos de cobro del vendedor: {words}"
        }
        K::TrRepeatedCharge => "Se le cobró al cliente más de una vez: {words}",
        K::TrUnauthorisedCharge => "Un cargo que el cliente no hizo: {words}",
        K::TrThreat => "El cliente menciona amenazas o acoso: {words}",
        K::TrProductSafety => "Un producto podría ser peligroso: {words}",
        K::TrLockedOut => "El cliente no puede pagar ni cobrar: {words}",
        K::TrLegalDeadline => "El cliente menciona un plazo legal: {words}",
        K::TrReadsUrgent => {
            "Ninguna regla saltó, pero el modelo de urgencia lo leyó como urgente con un {confidence} de confianza, sobre todo por {words}"
        }
        K::TrPaymentFailed => "El pago falló al finalizar la compra",
        K::TrPaymentFailedStatus => {
            "El pago falló al finalizar la compra (estado del pago: {status})"
        }
        K::TrIncidentMajor => "Hay una incidencia grave abierta en el área de {queue}",
        K::TrIncidentCritical => "Hay una incidencia crítica abierta en el área de {queue}",
        K::TrLargeOrder => "El pedido es de {amount}: los pedidos de {threshold} o más van primero",
        K::TrPayoutsBlocked => "Los cobros del vendedor están bloqueados",
        K::TrPayoutAccountFailed => "La cuenta de cobro del vendedor fue rechazada",
        K::TrPayoutDelayed => "Los cobros del vendedor están retenidos: escribió {words}",
        K::TrChargeback => "El cliente menciona un contracargo: {words}",
        K::TrLegalThreat => "El cliente menciona acciones legales: {words}",
        K::TrFraudClaim => "El cliente menciona un fraude: {words}",
        K::TrNothingAtStake => "Nada urgente: una consulta general",
        K::TrNothingUrgent => "No se encontró nada urgente",
        K::TrUnsure => {
            "La clasificación no estaba segura de la cola: revísala y redirígelo si hace falta"
        }
        K::TrUnknown => {
            "Un motivo que esta versión de la consola no puede mostrar: recarga la página para leerlo"
        }
        K::FactPageUrl => "Dirección de la página",
        K::FactPageTitle => "Título de la página",
        K::FactPlacedAt => "Pedido realizado",
        K::FactPromisedBy => "Entrega prometida para",
        K::FactShippedAt => "Enviado",
        K::FactDeliveredAt => "Entregado",
        K::FactCurrency => "Moneda",
        K::FactOnboardingStep => "Paso del alta",
        K::FactOnboardingCompleted => "Alta completada",
        K::FactActiveIncidents => "Incidencias activas",
        K::ShortcutsTitle => "Atajos de teclado",
        K::Key => "Tecla",
        K::Action => "Acción",
        K::ShortcutNext => "Seleccionar el ticket siguiente",
        K::ShortcutPrev => "Seleccionar el ticket anterior",
        K::ShortcutOpen => "Abrir el ticket seleccionado",
        K::ShortcutReply => "Ir al cuadro de respuesta",
        K::ShortcutAssign => "Asignarme el ticket abierto",
        K::ShortcutBack => "Volver a la bandeja o cerrar un diálogo",
        K::ShortcutHelp => "Mostrar esta lista",
        K::ShortcutSend => "Enviar, en el cuadro de respuesta",
        K::StatusPageTitle => "Página de estado",
        K::Sections => "Secciones",
        K::AdminsOnly => "Solo los administradores pueden gestionar la página de estado.",
        K::AdminsOnlyHint => "Pide a un administrador que abra o actualice un incidente.",
        K::OpenNowTitle => "Incidentes y mantenimientos abiertos",
        K::NothingOpen => "No hay nada abierto: ningún incidente ni mantenimiento programado.",
        K::KindIncident => "Incidente",
        K::KindMaintenance => "Mantenimiento",
        K::Components => "Componentes",
        K::EveryPage => "Ninguno: afecta a todas las páginas",
        K::Window => "Periodo",
        K::WindowText => "del {from} al {until}",
        K::LatestUpdate => "Última actualización",
        K::PostUpdate => "Publicar una actualización",
        K::Resolve => "Resolver",
        K::UpdateFormLabel => "Actualizar «{name}»",
        K::UpdateSubmit => "Publicar actualización",
        K::ResolveSubmit => "Resolver incidente",
        K::ResolveHint => {
            "Opcional al resolver: si lo dejas vacío, la página indica que el incidente se resolvió."
        }
        K::UpdateMessageHint => {
            "Se muestra en el aviso del widget: la última actualización sustituye a la anterior."
        }
        K::WhatToPublish => "Qué publicar",
        K::OpenIncident => "Abrir un incidente",
        K::ScheduleMaintenance => "Programar mantenimiento",
        K::Name => "Nombre",
        K::ImpactLabel => "Impacto",
        K::Message => "Mensaje",
        K::MessageHint => {
            "Se muestra bajo el nombre en el aviso del widget. Si lo dejas vacío, se usa el nombre."
        }
        K::Starts => "Empieza",
        K::Ends => "Termina",
        K::TimeZoneHint => "En tu zona horaria ({zone}).",
        K::AffectedComponents => "Componentes afectados",
        K::ComponentsHint => "Si no eliges ninguno, afecta a todas las páginas.",
        K::ShowsOn => "se muestra en: {pages}",
        K::ShowsNowhere => "no se muestra en ninguna página",
        K::NoComponents => "La página de estado aún no tiene componentes.",
        K::OpenIncidentSubmit => "Abrir incidente",
        K::ScheduleSubmit => "Programar",
        K::IncidentOpened => "Incidente abierto: {name}",
        K::UpdatePosted => "Actualización publicada: {name}",
        K::IncidentResolved => "Incidente resuelto: {name}",
        K::MaintenanceScheduled => "Mantenimiento programado: {name}",
        K::ImpNone => "Ninguno",
        K::ImpMinor => "Menor",
        K::ImpMajor => "Mayor",
        K::ImpCritical => "Crítico",
        K::StInvestigating => "Investigando",
        K::StIdentified => "Identificado",
        K::StMonitoring => "En observación",
        K::StResolved => "Resuelto",
        K::StPostmortem => "Análisis posterior",
        K::StScheduled => "Programado",
        K::StInProgress => "En curso",
        K::StVerifying => "Verificando",
        K::StCompleted => "Completado",
        K::PreviewTitle => "Vista previa del aviso",
        K::PreviewHint => {
            "El aviso que muestra el widget en cada página de demostración: ahora y cuando se publique lo que estás escribiendo."
        }
        K::PreviewNow => "Ahora",
        K::PreviewAfter => "Tras publicar",
        K::NoBanner => "Sin aviso.",
        K::NoChange => "Sin cambios.",
        K::Untitled => "(aún sin nombre)",
        K::SevNone => "Todos los sistemas funcionan con normalidad",
        K::SevCritical => "Interrupción grave",
        K::SevMajor => "Interrupción parcial",
        K::SevMinor => "Incidencia del servicio",
        K::SevMaintenance => "Mantenimiento",
        K::SevScheduled => "Mantenimiento programado",
        K::ProbTooMany => "Como máximo {n}.",
        K::ProbDateTime => "Indica una fecha y una hora.",
        K::ProbNotAfter => "Debe ser posterior al inicio.",
        K::ProbOneLine => "Solo una línea.",
        K::ProbOneOf => "Elige una de las opciones.",
        K::InsightsTitle => "Análisis",
        K::InsightsIntro => {
            "Días completos en UTC. Cada tasa va seguida de su intervalo de confianza del 95\u{a0}% entre paréntesis; «—» significa que no hay nada sobre lo que medirla."
        }
        K::Period => "Periodo",
        K::PeriodFrom => "Desde",
        K::PeriodTo => "Hasta",
        K::Last7 => "Últimos 7 días",
        K::Last28 => "Últimos 28 días",
        K::LastMonth => "Mes pasado",
        K::PeriodMissing => "Indica los dos días.",
        K::PeriodReversed => "El primer día no puede ser posterior al último.",
        K::PeriodTooLong => "Como máximo {n} días.",
        K::CutBy => "Desglosar por",
        K::CutIdentified => "Identidad verificada",
        K::CutReturning => "Visitante recurrente",
        K::ReportsLoaded => "Informes cargados del {from} al {to}.",
        K::ReportsPartial => "Algunos informes no se pudieron cargar.",
        K::LiveAsOf => {
            "Las cifras de hoy y de ayer se contaron a las {time} UTC: con tantos eventos, el servicio las vuelve a contar más o menos cada minuto mientras alguien las consulta."
        }
        K::NotLoaded => "No se pudo cargar este informe.",
        K::DownloadCsv => "Descargar CSV",
        K::Percent => "{n}\u{a0}%",
        K::RateInterval => "{rate} ({low}–{high})",
        K::RateSpoken => "{rate}, intervalo de confianza del 95\u{a0}%: de {low} a {high}",
        K::NoFigure => "sin dato",
        K::Withheld => "retenido",
        K::HiddenCount => "oculto",
        K::CountsLegend => {
            "«< {k}»: menos de {k} personas. «{withheld}»: al menos {k} personas, oculto para que no se pueda deducir un recuento pequeño a partir de los demás. «{hidden}»: demasiado pocas personas en este periodo para mostrar ningún recuento."
        }
        K::FunnelTitle => "Embudo de autoservicio",
        K::FunnelCaption => "Personas que abrieron el widget y lo que siguió, por cohorte ({cut})",
        K::ColOpened => "Abrieron",
        K::ColLeft => "Se fueron sin más",
        K::ColContacted => "Contactaron directamente",
        K::ColConfirmed => "Confirmado (voto útil)",
        K::ColAssumed => "Supuesto (sin ticket en {n}\u{a0}h)",
        K::ColPending => "Pendiente",
        K::ColEscalated => "Escalado (abrió un ticket)",
        K::ColEngagedRate => "Tasa de participación",
        K::ColConfirmedRate => "Tasa de confirmados",
        K::ColAssumedRate => "Tasa de supuestos",
        K::ColEscalatedRate => "Tasa de escalados",
        K::ColResolvedInFlow => "Resuelto en un flujo guiado",
        K::ColResolvedInFlowRate => "Tasa de resueltos en flujo",
        K::FunnelHint => {
            "Cada persona que abrió el widget cuenta en un solo resultado. Resuelto en un flujo guiado: terminó un flujo guiado con «Esto lo ha resuelto» y no abrió ningún ticket (cuenta ahí y no como confirmado, aunque también votara útil un artículo). Pendiente: se ayudó por su cuenta hace menos de {n}\u{a0}h y aún no abrió ningún ticket. Tasa de participación: de quienes abrieron el widget, la proporción que se ayudó por su cuenta (buscó, leyó, siguió una sugerencia o un flujo guiado); las demás tasas son sobre quienes se ayudaron por su cuenta. Las resoluciones confirmadas, las de flujos guiados y las supuestas nunca se suman."
        }
        K::Everyone => "Todas las personas",
        K::NotGiven => "Sin indicar",
        K::Yes => "Sí",
        K::No => "No",
        K::ChartTitle => "Tasa de participación por cohorte ({cut})",
        K::ChartSummary => "{title}, con intervalos de confianza del 95\u{a0}%: {items}.",
        K::ChartItemSeparator => "; ",
        K::UnlinkedOne => {
            "{n} evento de un navegador con Global Privacy Control se cuenta, pero no se vincula."
        }
        K::UnlinkedMany => {
            "{n} eventos de navegadores con Global Privacy Control se cuentan, pero no se vinculan."
        }
        K::SearchTitle => "Búsqueda",
        K::Searches => "Búsquedas",
        K::Searchers => "Personas que buscaron",
        K::ZeroResultRate => "Búsquedas sin resultados",
        K::SearchThenTicket => "Quienes buscaron y luego abrieron un ticket",
        K::ZeroQueriesCaption => "Principales búsquedas sin resultados",
        K::ColQuery => "Consulta",
        K::ColPeople => "Personas",
        K::NoZeroQueries => "Ninguna búsqueda sin resultados la hicieron {k} personas o más.",
        K::ArticlesTitle => "Artículos",
        K::ArticlesCaption => "Artículos por lectores, los más leídos primero",
        K::ColArticle => "Artículo",
        K::ColViews => "Vistas",
        K::ColReaders => "Lectores",
        K::ColHelpful => "Votos útiles",
        K::ColContactAfter => "Abrieron un ticket tras leerlo",
        K::NoArticles => "No se leyó ningún artículo en este periodo.",
        K::FlowsTitle => "Flujos guiados",
        K::FlowsHint => {
            "Cada versión de un flujo se cuenta por separado: un flujo editado empieza una serie nueva. De quienes llegaron a un paso, cada persona cuenta una sola vez: lo resolvió ahí, pasó a una persona ahí, lo abandonó ahí o siguió adelante. Las tasas son sobre quienes llegaron al paso. Los pasos nunca se suman: una persona llega a varios."
        }
        K::FlowStepsCaption => {
            "Pasos de «{title}», versión {version}, en el orden en que se alcanzaron"
        }
        K::FlowVersion => "v{n}",
        K::FlowCurrent => "Versión actual",
        K::FlowEarlier => "Versión anterior",
        K::ColStep => "Paso",
        K::ColReached => "Llegaron",
        K::ColResolvedHere => "Resuelto aquí",
        K::ColHandedOffHere => "Pasaron a una persona aquí",
        K::ColAbandonedHere => "Abandonaron aquí",
        K::ColWentOn => "Siguieron",
        K::ColResolvedRate => "Tasa de resueltos",
        K::ColHandedOffRate => "Tasa de traspaso a una persona",
        K::ColAbandonedRate => "Tasa de abandono",
        K::NoFlows => "No se mostró ningún flujo guiado en este periodo.",
        K::ResponsesTitle => "Primera respuesta",
        K::ResponsesCaption => {
            "Primeras respuestas frente a sus objetivos, por cola y prioridad (tickets abiertos en el periodo)"
        }
        K::ColWithinTarget => "Respondidos dentro del objetivo",
        K::ColP50 => "Mediana, minutos",
        K::ColP90 => "Percentil 90, minutos",
        K::ColSolved => "Resueltos",
        K::ColCsatResponse => "Satisfacción respondida",
        K::ColSatisfied => "Satisfechos (4–5 de 5)",
        K::NoTickets => "No se abrió ningún ticket en este periodo.",
        K::RepeatsTitle => "Contacto repetido (7 días)",
        K::RepeatsCaption => {
            "Tickets seguidos de otro de la misma persona en 7 días, por cola y tema"
        }
        K::ColByTickets => "Tasa por tickets",
        K::ColByPeople => "Tasa por personas",
        K::TriageTitle => "Precisión del triaje",
        K::Rerouted => "Redirigidos por un agente",
        K::QueueAccuracy => "Precisión de cola",
        K::PriorityAccuracy => "Precisión de prioridad",
        K::TriageChartTitle => "Precisión de cola por semana",
        K::WeekOf => "Semana del {date}",
        K::ColWeek => "Semana",
        K::QueueConfusionCaption => {
            "Colas: dónde puso el triaje los tickets (filas) y dónde los dejaron los agentes (columnas)"
        }
        K::PriorityConfusionCaption => {
            "Prioridades: la que dio el triaje (filas) y la que dejaron los agentes (columnas)"
        }
        K::TriagedCorrected => "Triaje",
        K::DriftTopics => "Mezcla de temas",
        K::DriftQueues => "Mezcla de colas",
        K::DriftStable => {
            "Estable: los últimos 7 días se parecen a los 28 anteriores (índice de estabilidad {index})."
        }
        K::DriftModerate => {
            "En cambio: los últimos 7 días difieren de los 28 anteriores (índice de estabilidad {index})."
        }
        K::DriftSignificant => {
            "Cambiado: los últimos 7 días difieren claramente de los 28 anteriores (índice de estabilidad {index}). Revise el triaje de los tickets de esta semana."
        }
        K::DriftUnknown => {
            "Hay muy pocos tickets en un lado para comparar los últimos 7 días con los 28 anteriores."
        }
        K::ColLast7 => "Últimos 7 días",
        K::ColBefore28 => "Los 28 días anteriores",
        K::TriageHint => {
            "Un ticket cuenta como bien clasificado si ningún agente lo redirigió; la precisión es sobre los tickets creados en el periodo. La mezcla compara los últimos 7 días del periodo con los 28 anteriores (índice de estabilidad de la población: menos de 0.1 estable, 0.25 o más cambiado)."
        }
        K::ExperimentsTitle => "Experimentos",
        K::ExperimentsHint => {
            "Cada experimento se cuenta durante toda su duración, no en el periodo de arriba. Sus intervalos son secuencias de confianza del 95\u{a0}%: siguen siendo válidos por muchas veces que se consulten, así que el resultado puede leerse en cualquier momento."
        }
        K::NoExperiments => {
            "No hay ningún experimento definido en la carpeta de contenido (experiments.toml)."
        }
        K::ExpRunning => "En curso: se siguen asignando personas nuevas a sus variantes.",
        K::ExpStopped => "Detenido: todo el mundo ve el artículo propio de la regla.",
        K::ExpRule => "Varía el artículo que sugiere la regla «{rule}».",
        K::ExpRuleReason => "Varía el motivo que da «¿Por qué veo esto?» para la regla «{rule}».",
        K::ExpNudgeWording => "Varía las palabras del aviso de la regla «{rule}».",
        K::ExpNudgeHoldout => "Oculta a algunas personas el aviso de la regla «{rule}».",
        K::ExpArticleText => "Varía el texto del artículo «{article}».",
        K::ExpStatusFirst => {
            "Durante una incidencia, muestra el estado encima del formulario de contacto o como un paso previo."
        }
        K::ExpLargeOrder => {
            "Varía a partir de qué importe del pedido un ticket sobre él pasa primero (los umbrales de la clasificación)."
        }
        K::ExpVerdict => "Veredicto:",
        K::VerdictVariantBetter => "La variante {n} ({article}) es mejor en {metric}.",
        K::VerdictControlBetter => {
            "El control es mejor: el artículo propio de la regla ({article}) supera a todas las variantes en {metric}."
        }
        K::VerdictNoDifference => "Aún no hay diferencia: manténgalo en marcha.",
        K::VerdictUntrustworthy => {
            "No fiable: las exposiciones no coinciden con el reparto previsto ({p}). Algo asigna o cuenta mal a las personas, así que ningún resultado de aquí es fiable."
        }
        K::VerdictStoppedGuardrail => {
            "Detenido: la variante {n} empeoró {metric}. Ahora todo el mundo ve el control."
        }
        K::VerdictStopped => "Detenido: por un operador, o retirado de la carpeta de contenido.",
        K::Control => "Control",
        K::VariantN => "Variante {n}",
        K::MetricResolved => "Resolución autónoma",
        K::MetricTickets => "Abrieron un ticket",
        K::MetricRepeat => "Contacto repetido (2+ tickets)",
        K::MetricResolvedIn => "la resolución autónoma",
        K::MetricTicketsIn => "la tasa de tickets",
        K::MetricRepeatIn => "la tasa de contacto repetido",
        K::MetricUnsatisfied => "Valoró la ayuda con 1–3 de 5",
        K::MetricUnsatisfiedIn => "la proporción descontenta con la ayuda",
        K::MetricPrimary => "{metric} (principal)",
        K::MetricGuardrail => "{metric} (salvaguarda)",
        K::ExpVariantsCaption => {
            "Variantes: personas expuestas y la tasa de cada métrica entre ellas, con su intervalo del 95\u{a0}%"
        }
        K::ColVariant => "Variante",
        K::ColPlannedShare => "Reparto previsto",
        K::ColExposed => "Personas expuestas",
        K::ExpComparisonsCaption => {
            "Cada variante frente al control: la diferencia en puntos porcentuales, como secuencia de confianza del 95\u{a0}% (válida en cada consulta)"
        }
        K::ColComparison => "Comparación",
        K::ColMetric => "Métrica",
        K::ColDifference => "Diferencia (puntos porcentuales)",
        K::ColOutcome => "Resultado",
        K::VsControl => "Variante {n} frente al control",
        K::PointsRange => "de {low} a {high} puntos",
        K::OutcomeBetter => "Mejor",
        K::OutcomeWorse => "Peor",
        K::OutcomeNoDifference => "Aún sin diferencia",
        K::SampleRatioOk => {
            "Comprobación de la proporción de muestra: {p}. Las exposiciones coinciden con el reparto previsto."
        }
        K::SampleRatioMismatch => {
            "Comprobación de la proporción de muestra: {p}. Las exposiciones no coinciden con el reparto previsto."
        }
        K::ExpHistory => "Historial",
        K::ExpNoHistory => "Aún no hay nada registrado.",
        K::AuditStarted => "Iniciado",
        K::AuditChanged => "Definición modificada",
        K::AuditStopped => "Detenido",
        K::ExpLegend => {
            "«< {k}»: demasiado pocas personas para mostrar un recuento. Una tasa muestra «—» mientras sean demasiado pocas las personas con su resultado, o sin él."
        }
        K::DecimalMark => ",",
    }
}

fn fr(key: K) -> &'static str {
    match key {
        K::AppName => "Console Signpost",
        K::SkipToMain => "Aller au contenu principal",
        K::Language => "Langue",
        K::SignOut => "Se déconnecter",
        K::Shortcuts => "Raccourcis clavier",
        K::LiveOn => "Mises à jour en direct actives",
        K::LivePolling => "Mises à jour en direct interrompues : vérification toutes les 10 s",
        K::Loading => "Chargement…",
        K::Close => "Fermer",
        K::Cancel => "Annuler",
        K::SignInTitle => "Connexion à la console du support",
        K::Email => "E-mail",
        K::Password => "Mot de passe",
        K::SignIn => "Se connecter",
        K::SigningIn => "Connexion…",
        K::WrongCredentials => "E-mail ou mot de passe incorrect.",
        K::TooManyAttempts => "Trop de tentatives. Réessayez dans {time}.",
        K::SessionEnded => "Votre session a pris fin. Reconnectez-vous.",
        K::DeskUnreachable => {
            "Le service de support n’a pas répondu ({detail}). Réessayez dans un instant."
        }
        K::PasswordSaved => "Votre mot de passe est enregistré. Connectez-vous avec.",
        K::SetPasswordTitle => "Choisissez votre mot de passe",
        K::NewPassword => "Nouveau mot de passe",
        K::ConfirmPassword => "Confirmez le mot de passe",
        K::PasswordHint => "De 12 à 256 caractères, différent de votre adresse e-mail.",
        K::PasswordsDiffer => "Les deux mots de passe ne sont pas identiques.",
        K::SavePassword => "Enregistrer et se connecter",
        K::Saving => "Enregistrement…",
        K::LinkExpired => {
            "Ce lien est inconnu, déjà utilisé ou expiré. Demandez-en un nouveau à un administrateur."
        }
        K::ProbRequired => "Obligatoire.",
        K::ProbTooShort => "Au moins {n} caractères.",
        K::ProbTooLong => "Au plus {n} caractères.",
        K::ProbNotEmail => "Saisissez une adresse e-mail comme nom@exemple.com.",
        K::ProbInvalid => "Cette valeur n’est pas acceptée.",
        K::ErrorGeneric => "Cela n’a pas fonctionné ({detail}). Réessayez.",
        K::Forbidden => "Vous n’êtes pas autorisé à faire cela.",
        K::TicketNotFound => "Aucun ticket ne porte cet identifiant.",
        K::InboxTitle => "Boîte de réception",
        K::Views => "Vues",
        K::ViewAll => "Tous les ouverts",
        K::OpenN => "{n} ouverts",
        K::OverdueN => "{n} en retard",
        K::QPayments => "Paiements",
        K::QOrders => "Commandes",
        K::QDisputes => "Litiges",
        K::QSellers => "Vendeurs",
        K::QPayouts => "Versements",
        K::QGeneral => "Général",
        K::Filters => "Filtres",
        K::Status => "Statut",
        K::StatusOpen => "Ouvert",
        K::StatusPending => "En attente",
        K::StatusSolved => "Résolu",
        K::Priority => "Priorité",
        K::PUrgent => "Urgente",
        K::PHigh => "Haute",
        K::PNormal => "Normale",
        K::PLow => "Basse",
        K::Assignee => "Attribué à",
        K::Mine => "Les miens",
        K::Unassigned => "Non attribués",
        K::Surface => "Page",
        K::SCheckout => "Paiement de la commande",
        K::SOrder => "Page de commande",
        K::SOnboarding => "Inscription vendeur",
        K::SOther => "Autre page",
        K::Audience => "Public",
        K::Buyer => "Acheteur",
        K::Seller => "Vendeur",
        K::CustomerLanguage => "Langue du client",
        K::Due => "Première réponse",
        K::Any => "Tous",
        K::DueWithinHour => "Échéance dans moins d’1 h",
        K::Overdue => "En retard",
        K::ClearFilters => "Réinitialiser les filtres",
        K::Tickets => "Tickets",
        K::ColTicket => "Ticket",
        K::ColSubject => "Objet",
        K::ColRequester => "Demandeur",
        K::ColQueue => "File",
        K::ColAssignee => "Attribué à",
        K::ColDue => "Première réponse",
        K::NoEmail => "Pas d’e-mail",
        K::Left => "Encore {time}",
        K::OverdueBy => "En retard de {time}",
        K::Answered => "Répondu",
        K::NeedsLook => "À vérifier",
        K::LoadMore => "Afficher plus",
        K::EmptyList => "Aucun ticket ne correspond à ces filtres.",
        K::NewTicketOne => "1 nouveau ticket",
        K::NewTicketsMany => "Nouveaux tickets : {n}",
        K::BackToInbox => "Retour à la boîte de réception",
        K::Conversation => "Conversation",
        K::Customer => "Client",
        K::AgentNamed => "{name} (agent)",
        K::InternalNote => "Note interne — non visible par le client",
        K::Reply => "Réponse",
        K::Note => "Note interne",
        K::ReplyLabel => "Réponse au client",
        K::NoteLabel => "Note interne, visible des seuls agents",
        K::Send => "Envoyer",
        K::AddNote => "Ajouter la note",
        K::Sending => "Envoi…",
        K::SendHint => "Ctrl+Entrée ou ⌘+Entrée pour envoyer.",
        K::ReplySent => "Réponse envoyée.",
        K::NoteAdded => "Note ajoutée.",
        K::ReplyingToo => "{name} répond aussi. Envoyer quand même ?",
        K::SendAnyway => "Envoyer quand même",
        K::AlsoViewing => "{name} consulte aussi ce ticket",
        K::TypingReply => "{name} rédige une réponse…",
        K::Saved => "Enregistré.",
        K::Actions => "Actions sur le ticket",
        K::TakeIt => "Je le prends",
        K::Reroute => "Réorienter",
        K::RerouteTitle => "Réorienter ce ticket",
        K::Queue => "File",
        K::Reason => "Motif",
        K::RWrongTopic => "Mauvais sujet",
        K::RWrongUrgency => "Mauvaise urgence",
        K::RNeedsSpecialist => "Nécessite un spécialiste",
        K::ROther => "Autre",
        K::Details => "Précisions",
        K::DetailsHint => "Obligatoire si le motif est Autre.",
        K::OpenedOn => "Ouvert le {date}",
        K::FirstReply => "Première réponse",
        K::Topic => "Sujet",
        K::SeenTitle => "Ce que l’utilisateur a vu",
        K::SeenPage => "Page",
        K::SeenLanguage => "Langue",
        K::SeenIdentity => "Identité",
        K::Verified => "Vérifiée",
        K::NotVerified => "Non vérifiée",
        K::Role => "Rôle",
        K::SeenOrder => "Commande",
        K::OrderId => "N° de commande",
        K::OrderStatus => "Statut de la commande",
        K::PaymentStatus => "Statut du paiement",
        K::Amount => "Montant",
        K::SeenOnboarding => "Inscription",
        K::Step => "Étape",
        K::Blockers => "Blocages",
        K::SeenSuggestions => "Suggestions affichées",
        K::WhyShown => "Pourquoi je vois ceci ?",
        K::SeenSearches => "Recherches",
        K::ResultsN => "Résultats : {n}",
        K::NoResults => "Aucun résultat",
        K::SeenArticles => "Articles lus",
        K::VoteUp => "Jugé utile",
        K::VoteDown => "Jugé inutile",
        K::NoVote => "Pas de vote",
        K::SeenIncidents => "Bannières d’incident affichées",
        K::Impact => "Impact : {impact}",
        K::SeenTriage => "Pourquoi il est arrivé ici",
        K::ModelVersion => "Version du modèle de tri : {v}",
        K::RulesOnly => "Trié par les seules règles",
        K::EarlierTickets => "Tickets précédents",
        K::MaskedCards => "Des numéros de carte ont été masqués dans ce ticket.",
        K::SeenFlow => "Parcours guidé : {flow} (v{version})",
        K::SeenFlowUnversioned => "Parcours guidé : {flow}",
        K::FlowAnswer => "Réponse : {answer}",
        K::FlowInEnglish => "({text})",
        K::FlowNotSolved => "A lu {article} et avait encore besoin d’aide",
        K::FlowNotSolvedAnswer => "A lu la réponse et avait encore besoin d’aide",
        K::FlowBranched => "Décidé par les données de la page",
        K::FlowNoFacts => "Décidé par les données de la page (aucune n’était renseignée)",
        K::TopicOrderNotArrived => "Ma commande n’est pas arrivée",
        K::TopicRefund => "Remboursements et retours",
        K::TopicPaymentFailed => "Un paiement a échoué",
        K::TopicDispute => "Un problème avec un vendeur ou un acheteur",
        K::TopicAccount => "Mon compte",
        K::TopicSellerVerification => "Vérification du vendeur",
        K::TopicPayouts => "Versements",
        K::TopicListing => "Annonces",
        K::TopicOther => "Autre sujet",
        K::Quoted => "« {text} »",
        K::WordSeparator => ", ",
        K::TrTopic => "{queue} : le client a choisi le sujet « {topic} »",
        K::TrMessageWords => "{queue} : le message mentionne {words}",
        K::TrModelWords => {
            "{queue} : le modèle de tri a placé le message ici avec {confidence} de confiance, surtout pour {words}"
        }
        K::TrAskedSellerPage => {
            "{queue} : la plupart des questions de ce type posées par des vendeurs sur la même page ({page}) relèvent de cette file"
        }
        K::TrAskedBuyerPage => {
            "{queue} : la plupart des questions de ce type posées par des acheteurs sur la même page ({page}) relèvent de cette file"
        }
        K::TrAskedPage => {
            "{queue} : la plupart des questions de ce type posées sur la même page ({page}) relèvent de cette file"
        }
        K::TrAskedSeller => {
            "{queue} : la plupart des questions de ce type posées par des vendeurs relèvent de cette file"
        }
        K::TrAskedBuyer => {
            "{queue} : la plupart des questions de ce type posées par des acheteurs relèvent de cette file"
        }
        K::TrAsked => "{queue} : la plupart des questions de ce type relèvent de cette file",
        K::TrAccountTakeover => {
            "Quelqu’un d’autre a peut-être accès au compte du client : il a écrit {words}"
        }
        K::TrPayoutDetailsChanged => {
            "Les coordonnées de versement du vendeur ont peut-être été modifiées par quelqu’un d’autre : {words}"
        }
        K::TrRepeatedCharge => "Le client a été débité plus d’une fois : {words}",
        K::TrUnauthorisedCharge => "Un prélèvement que le client n’a pas effectué : {words}",
        K::TrThreat => "Le client parle de menaces ou de harcèlement : {words}",
        K::TrProductSafety => "Un produit est peut-être dangereux : {words}",
        K::TrLockedOut => "Le client ne peut ni payer ni recevoir ses versements : {words}",
        K::TrLegalDeadline => "Le client parle d’une échéance juridique : {words}",
        K::TrReadsUrgent => {
            "Aucune règle ne s’est déclenchée, mais le modèle d’urgence l’a lu comme urgent avec {confidence} de confiance, surtout pour {words}"
        }
        K::TrPaymentFailed => "Le paiement a échoué lors du règlement",
        K::TrPaymentFailedStatus => {
            "Le paiement a échoué lors du règlement (statut du paiement : {status})"
        }
        K::TrIncidentMajor => "Un incident majeur est en cours dans le périmètre {queue}",
        K::TrIncidentCritical => "Un incident critique est en cours dans le périmètre {queue}",
        K::TrLargeOrder => {
            "La commande s’élève à {amount} : les commandes de {threshold} ou plus passent en premier"
        }
        K::TrPayoutsBlocked => "Les versements du vendeur sont bloqués",
        K::TrPayoutAccountFailed => "Le compte de versement du vendeur a été refusé",
        K::TrPayoutDelayed => "Les versements du vendeur sont retenus : il a écrit {words}",
        K::TrChargeback => "Le client parle d’une rétrofacturation : {words}",
        K::TrLegalThreat => "Le client parle de démarches juridiques : {words}",
        K::TrFraudClaim => "Le client parle de fraude : {words}",
        K::TrNothingAtStake => "Rien d’urgent : une question générale",
        K::TrNothingUrgent => "Rien d’urgent détecté",
        K::TrUnsure => {
            "Le tri n’était pas sûr de la file : vérifiez-la et réorientez le ticket si besoin"
        }
        K::TrUnknown => {
            "Un motif que cette version de la console ne sait pas afficher : rechargez la page pour le lire"
        }
        K::FactPageUrl => "Adresse de la page",
        K::FactPageTitle => "Titre de la page",
        K::FactPlacedAt => "Commande passée le",
        K::FactPromisedBy => "Livraison promise pour le",
        K::FactShippedAt => "Expédiée le",
        K::FactDeliveredAt => "Livrée le",
        K::FactCurrency => "Devise",
        K::FactOnboardingStep => "Étape de l’inscription",
        K::FactOnboardingCompleted => "Inscription terminée",
        K::FactActiveIncidents => "Incidents en cours",
        K::ShortcutsTitle => "Raccourcis clavier",
        K::Key => "Touche",
        K::Action => "Action",
        K::ShortcutNext => "Sélectionner le ticket suivant",
        K::ShortcutPrev => "Sélectionner le ticket précédent",
        K::ShortcutOpen => "Ouvrir le ticket sélectionné",
        K::ShortcutReply => "Aller à la zone de réponse",
        K::ShortcutAssign => "M’attribuer le ticket ouvert",
        K::ShortcutBack => "Retour à la boîte de réception, ou fermer une boîte de dialogue",
        K::ShortcutHelp => "Afficher cette liste",
        K::ShortcutSend => "Envoyer, dans la zone de réponse",
        K::StatusPageTitle => "Page d’état",
        K::Sections => "Sections",
        K::AdminsOnly => "Seuls les administrateurs peuvent gérer la page d’état.",
        K::AdminsOnlyHint => {
            "Demandez à un administrateur d’ouvrir ou de mettre à jour un incident."
        }
        K::OpenNowTitle => "Incidents et maintenances en cours",
        K::NothingOpen => "Rien en cours : aucun incident ni maintenance planifiée.",
        K::KindIncident => "Incident",
        K::KindMaintenance => "Maintenance",
        K::Components => "Composants",
        K::EveryPage => "Aucun : concerne toutes les pages",
        K::Window => "Créneau",
        K::WindowText => "du {from} au {until}",
        K::LatestUpdate => "Dernière mise à jour",
        K::PostUpdate => "Publier une mise à jour",
        K::Resolve => "Résoudre",
        K::UpdateFormLabel => "Mettre à jour « {name} »",
        K::UpdateSubmit => "Publier la mise à jour",
        K::ResolveSubmit => "Résoudre l’incident",
        K::ResolveHint => {
            "Facultatif pour résoudre : sans message, la page indique que l’incident est résolu."
        }
        K::UpdateMessageHint => {
            "Affiché dans la bannière du widget : la dernière mise à jour remplace la précédente."
        }
        K::WhatToPublish => "Que publier",
        K::OpenIncident => "Ouvrir un incident",
        K::ScheduleMaintenance => "Planifier une maintenance",
        K::Name => "Nom",
        K::ImpactLabel => "Impact",
        K::Message => "Message",
        K::MessageHint => {
            "Affiché sous le nom dans la bannière du widget. Laissé vide, le nom est repris."
        }
        K::Starts => "Début",
        K::Ends => "Fin",
        K::TimeZoneHint => "Dans votre fuseau horaire ({zone}).",
        K::AffectedComponents => "Composants concernés",
        K::ComponentsHint => "Si aucun n’est choisi, toutes les pages sont concernées.",
        K::ShowsOn => "affiché sur : {pages}",
        K::ShowsNowhere => "affiché sur aucune page",
        K::NoComponents => "La page d’état n’a pas encore de composants.",
        K::OpenIncidentSubmit => "Ouvrir l’incident",
        K::ScheduleSubmit => "Planifier",
        K::IncidentOpened => "Incident ouvert : {name}",
        K::UpdatePosted => "Mise à jour publiée : {name}",
        K::IncidentResolved => "Incident résolu : {name}",
        K::MaintenanceScheduled => "Maintenance planifiée : {name}",
        K::ImpNone => "Aucun",
        K::ImpMinor => "Mineur",
        K::ImpMajor => "Majeur",
        K::ImpCritical => "Critique",
        K::StInvestigating => "Analyse en cours",
        K::StIdentified => "Identifié",
        K::StMonitoring => "Sous surveillance",
        K::StResolved => "Résolu",
        K::StPostmortem => "Post-mortem",
        K::StScheduled => "Planifiée",
        K::StInProgress => "En cours",
        K::StVerifying => "Vérification",
        K::StCompleted => "Terminée",
        K::PreviewTitle => "Aperçu de la bannière",
        K::PreviewHint => {
            "La bannière que le widget affiche sur chaque page de démonstration : maintenant, et une fois votre saisie publiée."
        }
        K::PreviewNow => "Maintenant",
        K::PreviewAfter => "Après publication",
        K::NoBanner => "Aucune bannière.",
        K::NoChange => "Aucun changement.",
        K::Untitled => "(pas encore de nom)",
        K::SevNone => "Tous les systèmes sont opérationnels",
        K::SevCritical => "Panne majeure",
        K::SevMajor => "Panne partielle",
        K::SevMinor => "Perturbation du service",
        K::SevMaintenance => "Maintenance",
        K::SevScheduled => "Maintenance planifiée",
        K::ProbTooMany => "{n} au maximum.",
        K::ProbDateTime => "Indiquez une date et une heure.",
        K::ProbNotAfter => "Doit être après le début.",
        K::ProbOneLine => "Une seule ligne.",
        K::ProbOneOf => "Choisissez l’une des options.",
        K::InsightsTitle => "Analyses",
        K::InsightsIntro => {
            "Journées entières en UTC. Chaque taux est suivi de son intervalle de confiance à 95\u{a0}% entre parenthèses ; «\u{a0}—\u{a0}» signifie qu’il n’y a rien sur quoi le mesurer."
        }
        K::Period => "Période",
        K::PeriodFrom => "Du",
        K::PeriodTo => "Au",
        K::Last7 => "7 derniers jours",
        K::Last28 => "28 derniers jours",
        K::LastMonth => "Mois dernier",
        K::PeriodMissing => "Indiquez les deux jours.",
        K::PeriodReversed => "Le premier jour ne peut pas être après le dernier.",
        K::PeriodTooLong => "{n} jours au maximum.",
        K::CutBy => "Répartir par",
        K::CutIdentified => "Identité vérifiée",
        K::CutReturning => "Visiteur récurrent",
        K::ReportsLoaded => "Rapports chargés du {from} au {to}.",
        K::ReportsPartial => "Certains rapports n’ont pas pu être chargés.",
        K::LiveAsOf => {
            "Les chiffres d’aujourd’hui et d’hier ont été comptés à {time} UTC : avec autant d’événements, le service les recompte environ chaque minute tant que quelqu’un les consulte."
        }
        K::NotLoaded => "Ce rapport n’a pas pu être chargé.",
        K::DownloadCsv => "Télécharger le CSV",
        K::Percent => "{n}\u{a0}%",
        K::RateInterval => "{rate} ({low}–{high})",
        K::RateSpoken => "{rate}, intervalle de confiance à 95\u{a0}%\u{a0}: de {low} à {high}",
        K::NoFigure => "aucune valeur",
        K::Withheld => "retenu",
        K::HiddenCount => "masqué",
        K::CountsLegend => {
            "«\u{a0}< {k}\u{a0}»\u{a0}: moins de {k} personnes. «\u{a0}{withheld}\u{a0}»\u{a0}: au moins {k} personnes, valeur masquée pour qu’un petit effectif ne puisse pas être déduit des autres. «\u{a0}{hidden}\u{a0}»\u{a0}: trop peu de personnes sur cette période pour afficher un effectif."
        }
        K::FunnelTitle => "Entonnoir du libre-service",
        K::FunnelCaption => "Personnes ayant ouvert le widget et la suite, par cohorte ({cut})",
        K::ColOpened => "Ont ouvert",
        K::ColLeft => "Partis sans rien faire",
        K::ColContacted => "Contact direct",
        K::ColConfirmed => "Confirmé (vote utile)",
        K::ColAssumed => "Présumé (aucun ticket sous {n}\u{a0}h)",
        K::ColPending => "En attente",
        K::ColEscalated => "Escaladé (ticket ouvert)",
        K::ColEngagedRate => "Taux d’engagement",
        K::ColConfirmedRate => "Taux de confirmés",
        K::ColAssumedRate => "Taux de présumés",
        K::ColEscalatedRate => "Taux d’escalade",
        K::ColResolvedInFlow => "Résolu dans un parcours guidé",
        K::ColResolvedInFlowRate => "Taux de résolus en parcours",
        K::FunnelHint => {
            "Chaque personne ayant ouvert le widget compte dans un seul résultat. Résolu dans un parcours guidé\u{a0}: a terminé un parcours guidé par «\u{a0}C’est résolu\u{a0}» sans ouvrir de ticket (compté là et non comme confirmé, même s’il a aussi voté un article utile). En attente\u{a0}: s’est aidée elle-même il y a moins de {n}\u{a0}h, sans ticket pour l’instant. Taux d’engagement\u{a0}: parmi les personnes ayant ouvert le widget, la part qui s’est aidée elle-même (recherche, lecture, suggestion ou parcours guidé suivi)\u{a0}; les autres taux portent sur les personnes qui se sont aidées elles-mêmes. Les résolutions confirmées, en parcours guidé et présumées ne sont jamais additionnées."
        }
        K::Everyone => "Tout le monde",
        K::NotGiven => "Non indiqué",
        K::Yes => "Oui",
        K::No => "Non",
        K::ChartTitle => "Taux d’engagement par cohorte ({cut})",
        K::ChartSummary => "{title}, avec intervalles de confiance à 95\u{a0}%\u{a0}: {items}.",
        K::ChartItemSeparator => "\u{a0}; ",
        K::UnlinkedOne => {
            "{n} événement d’un navigateur avec Global Privacy Control est compté, mais pas relié."
        }
        K::UnlinkedMany => {
            "{n} événements de navigateurs avec Global Privacy Control sont comptés, mais pas reliés."
        }
        K::SearchTitle => "Recherche",
        K::Searches => "Recherches",
        K::Searchers => "Personnes ayant cherché",
        K::ZeroResultRate => "Recherches sans résultat",
        K::SearchThenTicket => "Personnes ayant cherché puis ouvert un ticket",
        K::ZeroQueriesCaption => "Principales recherches sans résultat",
        K::ColQuery => "Requête",
        K::ColPeople => "Personnes",
        K::NoZeroQueries => {
            "Aucune recherche sans résultat n’a été faite par {k} personnes ou plus."
        }
        K::ArticlesTitle => "Articles",
        K::ArticlesCaption => "Articles par lecteurs, les plus lus d’abord",
        K::ColArticle => "Article",
        K::ColViews => "Vues",
        K::ColReaders => "Lecteurs",
        K::ColHelpful => "Votes utiles",
        K::ColContactAfter => "Ticket ouvert après lecture",
        K::NoArticles => "Aucun article n’a été lu sur cette période.",
        K::FlowsTitle => "Parcours guidés",
        K::FlowsHint => {
            "Chaque version d’un parcours est comptée à part\u{a0}: un parcours modifié commence une nouvelle série. Parmi les personnes arrivées à une étape, chacune compte une seule fois\u{a0}: résolu là, transmis à une personne là, abandonné là, ou a continué. Les taux portent sur les personnes arrivées à l’étape. Les étapes ne sont jamais additionnées\u{a0}: une même personne en atteint plusieurs."
        }
        K::FlowStepsCaption => {
            "Étapes de «\u{a0}{title}\u{a0}», version {version}, dans l’ordre où elles ont été atteintes"
        }
        K::FlowVersion => "v{n}",
        K::FlowCurrent => "Version actuelle",
        K::FlowEarlier => "Version antérieure",
        K::ColStep => "Étape",
        K::ColReached => "Arrivés",
        K::ColResolvedHere => "Résolu ici",
        K::ColHandedOffHere => "Transmis à une personne ici",
        K::ColAbandonedHere => "Abandonné ici",
        K::ColWentOn => "Ont continué",
        K::ColResolvedRate => "Taux de résolution",
        K::ColHandedOffRate => "Taux de transmission",
        K::ColAbandonedRate => "Taux d’abandon",
        K::NoFlows => "Aucun parcours guidé n’a été affiché sur cette période.",
        K::ResponsesTitle => "Première réponse",
        K::ResponsesCaption => {
            "Premières réponses par rapport à leurs objectifs, par file et priorité (tickets ouverts sur la période)"
        }
        K::ColWithinTarget => "Répondus dans l’objectif",
        K::ColP50 => "Médiane, minutes",
        K::ColP90 => "90e centile, minutes",
        K::ColSolved => "Résolus",
        K::ColCsatResponse => "Satisfaction : réponses",
        K::ColSatisfied => "Satisfaits (4–5 sur 5)",
        K::NoTickets => "Aucun ticket n’a été ouvert sur cette période.",
        K::RepeatsTitle => "Recontact (7 jours)",
        K::RepeatsCaption => {
            "Tickets suivis d’un autre de la même personne sous 7 jours, par file et sujet"
        }
        K::ColByTickets => "Taux par ticket",
        K::ColByPeople => "Taux par personne",
        K::TriageTitle => "Précision du tri",
        K::Rerouted => "Réorientés par un agent",
        K::QueueAccuracy => "Précision de la file",
        K::PriorityAccuracy => "Précision de la priorité",
        K::TriageChartTitle => "Précision de la file par semaine",
        K::WeekOf => "Semaine du {date}",
        K::ColWeek => "Semaine",
        K::QueueConfusionCaption => {
            "Files : où le tri a placé les tickets (lignes) et où les agents les ont laissés (colonnes)"
        }
        K::PriorityConfusionCaption => {
            "Priorités : celle donnée par le tri (lignes) et celle laissée par les agents (colonnes)"
        }
        K::TriagedCorrected => "Tri",
        K::DriftTopics => "Répartition des sujets",
        K::DriftQueues => "Répartition des files",
        K::DriftStable => {
            "Stable : les 7 derniers jours ressemblent aux 28 jours d’avant (indice de stabilité {index})."
        }
        K::DriftModerate => {
            "En mouvement : les 7 derniers jours diffèrent des 28 jours d’avant (indice de stabilité {index})."
        }
        K::DriftSignificant => {
            "Changé : les 7 derniers jours diffèrent nettement des 28 jours d’avant (indice de stabilité {index}). Vérifiez le tri des tickets de cette semaine."
        }
        K::DriftUnknown => {
            "Trop peu de tickets d’un côté pour comparer les 7 derniers jours aux 28 jours d’avant."
        }
        K::ColLast7 => "7 derniers jours",
        K::ColBefore28 => "Les 28 jours d’avant",
        K::TriageHint => {
            "Un ticket compte comme bien trié si aucun agent ne l’a réorienté ; la précision porte sur les tickets créés pendant la période. La répartition compare les 7 derniers jours de la période aux 28 jours d’avant (indice de stabilité de la population : sous 0.1 stable, à partir de 0.25 changé)."
        }
        K::ExperimentsTitle => "Expériences",
        K::ExperimentsHint => {
            "Chaque expérience est comptée sur toute sa durée, pas sur la période ci-dessus. Ses intervalles sont des séquences de confiance à 95\u{a0}%\u{a0}: ils restent valides quel que soit le nombre de consultations, on peut donc lire un résultat à tout moment."
        }
        K::NoExperiments => {
            "Aucune expérience n’est définie dans le dossier de contenu (experiments.toml)."
        }
        K::ExpRunning => {
            "En cours\u{a0}: de nouvelles personnes sont encore affectées à ses variantes."
        }
        K::ExpStopped => "Arrêtée\u{a0}: tout le monde voit l’article propre à la règle.",
        K::ExpRule => "Elle fait varier l’article que suggère la règle «\u{a0}{rule}\u{a0}».",
        K::ExpRuleReason => {
            "Elle fait varier la raison que donne «\u{a0}Pourquoi cette suggestion\u{202f}?\u{a0}» pour la règle «\u{a0}{rule}\u{a0}»."
        }
        K::ExpNudgeWording => {
            "Elle fait varier les mots de l’invitation de la règle «\u{a0}{rule}\u{a0}»."
        }
        K::ExpNudgeHoldout => {
            "Elle cache à certaines personnes l’invitation de la règle «\u{a0}{rule}\u{a0}»."
        }
        K::ExpArticleText => "Elle fait varier le texte de l’article «\u{a0}{article}\u{a0}».",
        K::ExpStatusFirst => {
            "Pendant un incident, elle affiche l’état au-dessus du formulaire de contact ou comme une étape avant lui."
        }
        K::ExpLargeOrder => {
            "Elle fait varier le montant de commande à partir duquel un ticket sur la commande passe en premier (les seuils du tri)."
        }
        K::ExpVerdict => "Verdict\u{a0}:",
        K::VerdictVariantBetter => "La variante {n} ({article}) est meilleure pour {metric}.",
        K::VerdictControlBetter => {
            "Le contrôle est meilleur\u{a0}: l’article propre à la règle ({article}) l’emporte sur toutes les variantes pour {metric}."
        }
        K::VerdictNoDifference => "Pas encore de différence\u{a0}: laissez-la tourner.",
        K::VerdictUntrustworthy => {
            "Peu fiable\u{a0}: les expositions ne correspondent pas à la répartition prévue ({p}). Quelque chose affecte ou compte mal les personnes\u{a0}; aucun résultat ici n’est donc fiable."
        }
        K::VerdictStoppedGuardrail => {
            "Arrêtée\u{a0}: la variante {n} a dégradé {metric}. Tout le monde voit désormais le contrôle."
        }
        K::VerdictStopped => "Arrêtée\u{a0}: par un opérateur, ou retirée du dossier de contenu.",
        K::Control => "Contrôle",
        K::VariantN => "Variante {n}",
        K::MetricResolved => "Résolution en libre-service",
        K::MetricTickets => "Ticket ouvert",
        K::MetricRepeat => "Contact répété (2 tickets ou plus)",
        K::MetricResolvedIn => "la résolution en libre-service",
        K::MetricTicketsIn => "le taux de tickets",
        K::MetricRepeatIn => "le taux de contact répété",
        K::MetricUnsatisfied => "A noté l’aide 1 à 3 sur 5",
        K::MetricUnsatisfiedIn => "la part mécontente de l’aide",
        K::MetricPrimary => "{metric} (principale)",
        K::MetricGuardrail => "{metric} (garde-fou)",
        K::ExpVariantsCaption => {
            "Variantes\u{a0}: personnes exposées et taux de chaque métrique parmi elles, avec son intervalle à 95\u{a0}%"
        }
        K::ColVariant => "Variante",
        K::ColPlannedShare => "Part prévue",
        K::ColExposed => "Personnes exposées",
        K::ExpComparisonsCaption => {
            "Chaque variante face au contrôle\u{a0}: l’écart en points de pourcentage, en séquence de confiance à 95\u{a0}% (valide à chaque consultation)"
        }
        K::ColComparison => "Comparaison",
        K::ColMetric => "Métrique",
        K::ColDifference => "Écart (points de pourcentage)",
        K::ColOutcome => "Résultat",
        K::VsControl => "Variante {n} face au contrôle",
        K::PointsRange => "de {low} à {high}\u{a0}points",
        K::OutcomeBetter => "Meilleure",
        K::OutcomeWorse => "Moins bonne",
        K::OutcomeNoDifference => "Pas encore de différence",
        K::SampleRatioOk => {
            "Contrôle du ratio d’échantillonnage\u{a0}: {p}. Les expositions correspondent à la répartition prévue."
        }
        K::SampleRatioMismatch => {
            "Contrôle du ratio d’échantillonnage\u{a0}: {p}. Les expositions ne correspondent pas à la répartition prévue."
        }
        K::ExpHistory => "Historique",
        K::ExpNoHistory => "Rien n’est encore enregistré.",
        K::AuditStarted => "Démarrée",
        K::AuditChanged => "Définition modifiée",
        K::AuditStopped => "Arrêtée",
        K::ExpLegend => {
            "«\u{a0}< {k}\u{a0}»\u{a0}: trop peu de personnes pour afficher un effectif. Un taux affiche «\u{a0}—\u{a0}» tant que trop peu de personnes ont son résultat, ou ne l’ont pas."
        }
        K::DecimalMark => ",",
    }
}

fn de(key: K) -> &'static str {
    match key {
        K::AppName => "Signpost-Konsole",
        K::SkipToMain => "Zum Hauptinhalt springen",
        K::Language => "Sprache",
        K::SignOut => "Abmelden",
        K::Shortcuts => "Tastenkürzel",
        K::LiveOn => "Live-Aktualisierung aktiv",
        K::LivePolling => "Live-Aktualisierung unterbrochen: Abfrage alle 10 s",
        K::Loading => "Wird geladen…",
        K::Close => "Schließen",
        K::Cancel => "Abbrechen",
        K::SignInTitle => "Bei der Support-Konsole anmelden",
        K::Email => "E-Mail",
        K::Password => "Passwort",
        K::SignIn => "Anmelden",
        K::SigningIn => "Anmeldung läuft…",
        K::WrongCredentials => "E-Mail oder Passwort ist falsch.",
        K::TooManyAttempts => "Zu viele Versuche. Versuchen Sie es in {time} erneut.",
        K::SessionEnded => "Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.",
        K::DeskUnreachable => {
            "Der Support-Dienst hat nicht geantwortet ({detail}). Versuchen Sie es gleich noch einmal."
        }
        K::PasswordSaved => "Ihr Passwort ist gespeichert. Melden Sie sich damit an.",
        K::SetPasswordTitle => "Wählen Sie Ihr Passwort",
        K::NewPassword => "Neues Passwort",
        K::ConfirmPassword => "Passwort bestätigen",
        K::PasswordHint => "12 bis 256 Zeichen, nicht Ihre E-Mail-Adresse.",
        K::PasswordsDiffer => "Die beiden Passwörter stimmen nicht überein.",
        K::SavePassword => "Speichern und anmelden",
        K::Saving => "Wird gespeichert…",
        K::LinkExpired => {
            "Dieser Link ist unbekannt, schon benutzt oder abgelaufen. Bitten Sie einen Admin um einen neuen."
        }
        K::ProbRequired => "Pflichtfeld.",
        K::ProbTooShort => "Mindestens {n} Zeichen.",
        K::ProbTooLong => "Höchstens {n} Zeichen.",
        K::ProbNotEmail => "Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.",
        K::ProbInvalid => "Dieser Wert wird nicht akzeptiert.",
        K::ErrorGeneric => "Das hat nicht geklappt ({detail}). Bitte erneut versuchen.",
        K::Forbidden => "Dazu sind Sie nicht berechtigt.",
        K::TicketNotFound => "Es gibt kein Ticket mit dieser Nummer.",
        K::InboxTitle => "Posteingang",
        K::Views => "Ansichten",
        K::ViewAll => "Alle offenen",
        K::OpenN => "{n} offen",
        K::OverdueN => "{n} überfällig",
        K::QPayments => "Zahlungen",
        K::QOrders => "Bestellungen",
        K::QDisputes => "Streitfälle",
        K::QSellers => "Verkäufer",
        K::QPayouts => "Auszahlungen",
        K::QGeneral => "Allgemein",
        K::Filters => "Filter",
        K::Status => "Status",
        K::StatusOpen => "Offen",
        K::StatusPending => "Wartend",
        K::StatusSolved => "Gelöst",
        K::Priority => "Priorität",
        K::PUrgent => "Dringend",
        K::PHigh => "Hoch",
        K::PNormal => "Normal",
        K::PLow => "Niedrig",
        K::Assignee => "Zugewiesen an",
        K::Mine => "Meine",
        K::Unassigned => "Nicht zugewiesen",
        K::Surface => "Seite",
        K::SCheckout => "Kasse",
        K::SOrder => "Bestellseite",
        K::SOnboarding => "Verkäufer-Onboarding",
        K::SOther => "Andere Seite",
        K::Audience => "Zielgruppe",
        K::Buyer => "Käufer",
        K::Seller => "Verkäufer",
        K::CustomerLanguage => "Sprache des Kunden",
        K::Due => "Erste Antwort fällig",
        K::Any => "Alle",
        K::DueWithinHour => "Fällig innerhalb 1 h",
        K::Overdue => "Überfällig",
        K::ClearFilters => "Filter zurücksetzen",
        K::Tickets => "Tickets",
        K::ColTicket => "Ticket",
        K::ColSubject => "Betreff",
        K::ColRequester => "Anfragende Person",
        K::ColQueue => "Warteschlange",
        K::ColAssignee => "Zugewiesen an",
        K::ColDue => "Erste Antwort",
        K::NoEmail => "Keine E-Mail",
        K::Left => "Noch {time}",
        K::OverdueBy => "Seit {time} überfällig",
        K::Answered => "Beantwortet",
        K::NeedsLook => "Bitte prüfen",
        K::LoadMore => "Mehr laden",
        K::EmptyList => "Keine Tickets passen zu diesen Filtern.",
        K::NewTicketOne => "1 neues Ticket",
        K::NewTicketsMany => "Neue Tickets: {n}",
        K::BackToInbox => "Zurück zum Posteingang",
        K::Conversation => "Verlauf",
        K::Customer => "Kunde",
        K::AgentNamed => "{name} (Agent)",
        K::InternalNote => "Interne Notiz – für den Kunden nicht sichtbar",
        K::Reply => "Antwort",
        K::Note => "Interne Notiz",
        K::ReplyLabel => "Antwort an den Kunden",
        K::NoteLabel => "Interne Notiz, nur für Agents sichtbar",
        K::Send => "Senden",
        K::AddNote => "Notiz hinzufügen",
        K::Sending => "Wird gesendet…",
        K::SendHint => "Strg+Eingabe oder ⌘+Eingabe sendet.",
        K::ReplySent => "Antwort gesendet.",
        K::NoteAdded => "Notiz hinzugefügt.",
        K::ReplyingToo => "{name} antwortet ebenfalls. Trotzdem senden?",
        K::SendAnyway => "Trotzdem senden",
        K::AlsoViewing => "{name} sieht sich dieses Ticket ebenfalls an",
        K::TypingReply => "{name} schreibt eine Antwort…",
        K::Saved => "Gespeichert.",
        K::Actions => "Ticket-Aktionen",
        K::TakeIt => "Übernehmen",
        K::Reroute => "Umleiten",
        K::RerouteTitle => "Dieses Ticket umleiten",
        K::Queue => "Warteschlange",
        K::Reason => "Grund",
        K::RWrongTopic => "Falsches Thema",
        K::RWrongUrgency => "Falsche Dringlichkeit",
        K::RNeedsSpecialist => "Braucht Fachleute",
        K::ROther => "Sonstiges",
        K::Details => "Erläuterung",
        K::DetailsHint => "Pflicht, wenn der Grund „Sonstiges“ ist.",
        K::OpenedOn => "Eröffnet am {date}",
        K::FirstReply => "Erste Antwort",
        K::Topic => "Thema",
        K::SeenTitle => "Was die Person gesehen hat",
        K::SeenPage => "Seite",
        K::SeenLanguage => "Sprache",
        K::SeenIdentity => "Identität",
        K::Verified => "Verifiziert",
        K::NotVerified => "Nicht verifiziert",
        K::Role => "Rolle",
        K::SeenOrder => "Bestellung",
        K::OrderId => "Bestellnummer",
        K::OrderStatus => "Bestellstatus",
        K::PaymentStatus => "Zahlungsstatus",
        K::Amount => "Betrag",
        K::SeenOnboarding => "Onboarding",
        K::Step => "Schritt",
        K::Blockers => "Hindernisse",
        K::SeenSuggestions => "Angezeigte Vorschläge",
        K::WhyShown => "Warum sehe ich das?",
        K::SeenSearches => "Suchen",
        K::ResultsN => "Treffer: {n}",
        K::NoResults => "Keine Treffer",
        K::SeenArticles => "Gelesene Artikel",
        K::VoteUp => "Als hilfreich bewertet",
        K::VoteDown => "Als nicht hilfreich bewertet",
        K::NoVote => "Keine Bewertung",
        K::SeenIncidents => "Angezeigte Störungshinweise",
        K::Impact => "Auswirkung: {impact}",
        K::SeenTriage => "Warum es hier gelandet ist",
        K::ModelVersion => "Version des Triage-Modells: {v}",
        K::RulesOnly => "Nur nach Regeln zugeordnet",
        K::EarlierTickets => "Frühere Tickets",
        K::MaskedCards => "Kartennummern in diesem Ticket wurden maskiert.",
        K::SeenFlow => "Geführter Ablauf: {flow} (v{version})",
        K::SeenFlowUnversioned => "Geführter Ablauf: {flow}",
        K::FlowAnswer => "Antwort: {answer}",
        K::FlowInEnglish => "({text})",
        K::FlowNotSolved => "Hat {article} gelesen und brauchte trotzdem Hilfe",
        K::FlowNotSolvedAnswer => "Hat die Antwort gelesen und brauchte trotzdem Hilfe",
        K::FlowBranched => "Von den Daten der Seite entschieden",
        K::FlowNoFacts => "Von den Daten der Seite entschieden (keine davon gesetzt)",
        K::TopicOrderNotArrived => "Meine Bestellung ist nicht angekommen",
        K::TopicRefund => "Erstattungen und Rücksendungen",
        K::TopicPaymentFailed => "Eine Zahlung ist fehlgeschlagen",
        K::TopicDispute => "Problem mit Verkäufer oder Käufer",
        K::TopicAccount => "Mein Konto",
        K::TopicSellerVerification => "Verkäuferverifizierung",
        K::TopicPayouts => "Auszahlungen",
        K::TopicListing => "Angebote",
        K::TopicOther => "Etwas anderes",
        K::Quoted => "„{text}“",
        K::WordSeparator => ", ",
        K::TrTopic => "{queue}: Der Kunde hat das Thema „{topic}“ gewählt",
        K::TrMessageWords => "{queue}: Die Nachricht erwähnt {words}",
        K::TrModelWords => {
            "{queue}: Das Triage-Modell hat die Nachricht mit {confidence} Konfidenz hier eingeordnet, vor allem wegen {words}"
        }
        K::TrAskedSellerPage => {
            "{queue}: Die meisten solchen Fragen von Verkäufern auf derselben Seite ({page}) gehören in diese Warteschlange"
        }
        K::TrAskedBuyerPage => {
            "{queue}: Die meisten solchen Fragen von Käufern auf derselben Seite ({page}) gehören in diese Warteschlange"
        }
        K::TrAskedPage => {
            "{queue}: Die meisten solchen Fragen von derselben Seite ({page}) gehören in diese Warteschlange"
        }
        K::TrAskedSeller => {
            "{queue}: Die meisten solchen Fragen von Verkäufern gehören in diese Warteschlange"
        }
        K::TrAskedBuyer => {
            "{queue}: Die meisten solchen Fragen von Käufern gehören in diese Warteschlange"
        }
        K::TrAsked => "{queue}: Die meisten solchen Fragen gehören in diese Warteschlange",
        K::TrAccountTakeover => {
            "Möglicherweise hat jemand anderes Zugriff auf das Konto des Kunden: Er schrieb {words}"
        }
        K::TrPayoutDetailsChanged => {
            "Die Auszahlungsdaten des Verkäufers wurden möglicherweise von jemand anderem geändert: {words}"
        }
        K::TrRepeatedCharge => "Der Kunde wurde mehrfach belastet: {words}",
        K::TrUnauthorisedCharge => "Eine Belastung, die der Kunde nicht veranlasst hat: {words}",
        K::TrThreat => "Der Kunde erwähnt Drohungen oder Belästigung: {words}",
        K::TrProductSafety => "Ein Produkt ist möglicherweise gefährlich: {words}",
        K::TrLockedOut => "Der Kunde kann weder bezahlen noch Auszahlungen erhalten: {words}",
        K::TrLegalDeadline => "Der Kunde erwähnt eine rechtliche Frist: {words}",
        K::TrReadsUrgent => {
            "Keine Regel hat angeschlagen, aber das Dringlichkeitsmodell hat die Nachricht mit {confidence} Konfidenz als dringend gelesen, vor allem wegen {words}"
        }
        K::TrPaymentFailed => "Die Zahlung an der Kasse ist fehlgeschlagen",
        K::TrPaymentFailedStatus => {
            "Die Zahlung an der Kasse ist fehlgeschlagen (Zahlungsstatus: {status})"
        }
        K::TrIncidentMajor => "Eine größere Störung betrifft den Bereich {queue}",
        K::TrIncidentCritical => "Eine kritische Störung betrifft den Bereich {queue}",
        K::TrLargeOrder => {
            "Die Bestellung beträgt {amount}: Bestellungen ab {threshold} werden vorgezogen"
        }
        K::TrPayoutsBlocked => "Die Auszahlungen des Verkäufers sind gesperrt",
        K::TrPayoutAccountFailed => "Das Auszahlungskonto des Verkäufers wurde abgelehnt",
        K::TrPayoutDelayed => {
            "Die Auszahlungen des Verkäufers werden zurückgehalten: Er schrieb {words}"
        }
        K::TrChargeback => "Der Kunde erwähnt eine Rückbuchung: {words}",
        K::TrLegalThreat => "Der Kunde erwähnt rechtliche Schritte: {words}",
        K::TrFraudClaim => "Der Kunde erwähnt Betrug: {words}",
        K::TrNothingAtStake => "Nichts Dringendes: eine allgemeine Frage",
        K::TrNothingUrgent => "Nichts Dringendes gefunden",
        K::TrUnsure => {
            "Die Triage war sich bei der Warteschlange nicht sicher: Bitte prüfen und bei Bedarf umleiten"
        }
        K::TrUnknown => {
            "Ein Grund, den diese Version der Konsole nicht anzeigen kann: Laden Sie die Seite neu, um ihn zu lesen"
        }
        K::FactPageUrl => "Seitenadresse",
        K::FactPageTitle => "Seitentitel",
        K::FactPlacedAt => "Bestellt am",
        K::FactPromisedBy => "Lieferung zugesagt bis",
        K::FactShippedAt => "Versandt am",
        K::FactDeliveredAt => "Zugestellt am",
        K::FactCurrency => "Währung",
        K::FactOnboardingStep => "Onboarding-Schritt",
        K::FactOnboardingCompleted => "Onboarding abgeschlossen",
        K::FactActiveIncidents => "Aktive Störungen",
        K::ShortcutsTitle => "Tastenkürzel",
        K::Key => "Taste",
        K::Action => "Aktion",
        K::ShortcutNext => "Nächstes Ticket auswählen",
        K::ShortcutPrev => "Vorheriges Ticket auswählen",
        K::ShortcutOpen => "Ausgewähltes Ticket öffnen",
        K::ShortcutReply => "Zum Antwortfeld springen",
        K::ShortcutAssign => "Offenes Ticket mir zuweisen",
        K::ShortcutBack => "Zurück zum Posteingang oder Dialog schließen",
        K::ShortcutHelp => "Diese Liste anzeigen",
        K::ShortcutSend => "Senden, im Antwortfeld",
        K::StatusPageTitle => "Statusseite",
        K::Sections => "Bereiche",
        K::AdminsOnly => "Nur Admins können die Statusseite verwalten.",
        K::AdminsOnlyHint => {
            "Bitten Sie einen Admin, einen Vorfall zu eröffnen oder zu aktualisieren."
        }
        K::OpenNowTitle => "Offene Vorfälle und Wartungen",
        K::NothingOpen => "Nichts offen: kein Vorfall und keine geplante Wartung.",
        K::KindIncident => "Vorfall",
        K::KindMaintenance => "Wartung",
        K::Components => "Komponenten",
        K::EveryPage => "Keine genannt: betrifft alle Seiten",
        K::Window => "Zeitraum",
        K::WindowText => "{from} bis {until}",
        K::LatestUpdate => "Letztes Update",
        K::PostUpdate => "Update veröffentlichen",
        K::Resolve => "Als behoben markieren",
        K::UpdateFormLabel => "„{name}“ aktualisieren",
        K::UpdateSubmit => "Update veröffentlichen",
        K::ResolveSubmit => "Vorfall als behoben markieren",
        K::ResolveHint => {
            "Beim Beheben optional: ohne Nachricht meldet die Seite, dass der Vorfall behoben ist."
        }
        K::UpdateMessageHint => {
            "Erscheint im Banner des Widgets: das neueste Update ersetzt das vorige."
        }
        K::WhatToPublish => "Was veröffentlichen",
        K::OpenIncident => "Vorfall eröffnen",
        K::ScheduleMaintenance => "Wartung planen",
        K::Name => "Name",
        K::ImpactLabel => "Auswirkung",
        K::Message => "Nachricht",
        K::MessageHint => {
            "Erscheint im Banner des Widgets unter dem Namen. Leer gelassen, wird der Name verwendet."
        }
        K::Starts => "Beginn",
        K::Ends => "Ende",
        K::TimeZoneHint => "In Ihrer Zeitzone ({zone}).",
        K::AffectedComponents => "Betroffene Komponenten",
        K::ComponentsHint => "Keine gewählt: betrifft alle Seiten.",
        K::ShowsOn => "erscheint auf: {pages}",
        K::ShowsNowhere => "erscheint auf keiner Seite",
        K::NoComponents => "Die Statusseite hat noch keine Komponenten.",
        K::OpenIncidentSubmit => "Vorfall eröffnen",
        K::ScheduleSubmit => "Planen",
        K::IncidentOpened => "Vorfall eröffnet: {name}",
        K::UpdatePosted => "Update veröffentlicht: {name}",
        K::IncidentResolved => "Vorfall behoben: {name}",
        K::MaintenanceScheduled => "Wartung geplant: {name}",
        K::ImpNone => "Keine",
        K::ImpMinor => "Gering",
        K::ImpMajor => "Erheblich",
        K::ImpCritical => "Kritisch",
        K::StInvestigating => "Wird untersucht",
        K::StIdentified => "Ursache gefunden",
        K::StMonitoring => "Wird beobachtet",
        K::StResolved => "Behoben",
        K::StPostmortem => "Nachbetrachtung",
        K::StScheduled => "Geplant",
        K::StInProgress => "Läuft",
        K::StVerifying => "Wird überprüft",
        K::StCompleted => "Abgeschlossen",
        K::PreviewTitle => "Bannervorschau",
        K::PreviewHint => {
            "Das Banner, das das Widget auf jeder Demoseite zeigt: jetzt und sobald Ihre Eingabe veröffentlicht ist."
        }
        K::PreviewNow => "Jetzt",
        K::PreviewAfter => "Nach dem Veröffentlichen",
        K::NoBanner => "Kein Banner.",
        K::NoChange => "Keine Änderung.",
        K::Untitled => "(noch ohne Namen)",
        K::SevNone => "Alle Systeme betriebsbereit",
        K::SevCritical => "Schwerer Ausfall",
        K::SevMajor => "Teilausfall",
        K::SevMinor => "Störung",
        K::SevMaintenance => "Wartung",
        K::SevScheduled => "Geplante Wartung",
        K::ProbTooMany => "Höchstens {n}.",
        K::ProbDateTime => "Geben Sie Datum und Uhrzeit ein.",
        K::ProbNotAfter => "Muss nach dem Beginn liegen.",
        K::ProbOneLine => "Nur eine Zeile.",
        K::ProbOneOf => "Wählen Sie eine der Optionen.",
        K::InsightsTitle => "Auswertungen",
        K::InsightsIntro => {
            "Ganze Tage in UTC. Auf jede Quote folgt in Klammern ihr 95-%-Konfidenzintervall; „—“ heißt, dass es nichts gibt, woran sie sich messen ließe."
        }
        K::Period => "Zeitraum",
        K::PeriodFrom => "Von",
        K::PeriodTo => "Bis",
        K::Last7 => "Letzte 7 Tage",
        K::Last28 => "Letzte 28 Tage",
        K::LastMonth => "Letzter Monat",
        K::PeriodMissing => "Geben Sie beide Tage an.",
        K::PeriodReversed => "Der erste Tag darf nicht nach dem letzten liegen.",
        K::PeriodTooLong => "Höchstens {n} Tage.",
        K::CutBy => "Aufschlüsseln nach",
        K::CutIdentified => "Verifizierte Identität",
        K::CutReturning => "Wiederkehrender Besuch",
        K::ReportsLoaded => "Berichte für {from} bis {to} geladen.",
        K::ReportsPartial => "Einige Berichte konnten nicht geladen werden.",
        K::LiveAsOf => {
            "Die Zahlen von heute und gestern wurden um {time} UTC gezählt: Bei so vielen Ereignissen zählt der Dienst sie etwa jede Minute neu, solange jemand sie ansieht."
        }
        K::NotLoaded => "Dieser Bericht konnte nicht geladen werden.",
        K::DownloadCsv => "CSV herunterladen",
        K::Percent => "{n}\u{a0}%",
        K::RateInterval => "{rate} ({low}–{high})",
        K::RateSpoken => "{rate}, 95-%-Konfidenzintervall von {low} bis {high}",
        K::NoFigure => "kein Wert",
        K::Withheld => "zurückgehalten",
        K::HiddenCount => "ausgeblendet",
        K::CountsLegend => {
            "„< {k}“: weniger als {k} Personen. „{withheld}“: mindestens {k} Personen, ausgeblendet, damit sich eine kleine Zahl nicht aus den anderen errechnen lässt. „{hidden}“: zu wenige Personen in diesem Zeitraum, um überhaupt eine Zahl zu zeigen."
        }
        K::FunnelTitle => "Self-Service-Trichter",
        K::FunnelCaption => {
            "Personen, die das Widget geöffnet haben, und was folgte, je Kohorte ({cut})"
        }
        K::ColOpened => "Geöffnet",
        K::ColLeft => "Ohne Weiteres gegangen",
        K::ColContacted => "Direkt Kontakt aufgenommen",
        K::ColConfirmed => "Bestätigt (als hilfreich bewertet)",
        K::ColAssumed => "Angenommen (kein Ticket binnen {n}\u{a0}Std.)",
        K::ColPending => "Ausstehend",
        K::ColEscalated => "Eskaliert (Ticket eingereicht)",
        K::ColEngagedRate => "Beteiligungsquote",
        K::ColConfirmedRate => "Bestätigungsquote",
        K::ColAssumedRate => "Quote der angenommenen",
        K::ColEscalatedRate => "Eskalationsquote",
        K::ColResolvedInFlow => "In einem geführten Ablauf gelöst",
        K::ColResolvedInFlowRate => "Quote der im Ablauf gelösten",
        K::FunnelHint => {
            "Jede Person, die das Widget geöffnet hat, zählt in genau einem Ergebnis. In einem geführten Ablauf gelöst: hat einen geführten Ablauf mit „Das hat geholfen“ beendet und kein Ticket eingereicht (zählt dort, nicht als bestätigt, auch wenn zusätzlich ein Artikel als hilfreich bewertet wurde). Ausstehend: hat sich vor weniger als {n}\u{a0}Std. selbst geholfen, noch ohne Ticket. Beteiligungsquote: Anteil derer, die sich selbst geholfen haben (gesucht, gelesen, einem Vorschlag oder geführten Ablauf gefolgt), an allen, die das Widget geöffnet haben; die übrigen Quoten beziehen sich auf die, die sich selbst geholfen haben. Bestätigte, im Ablauf gelöste und angenommene Lösungen werden nie zusammengezählt."
        }
        K::Everyone => "Alle Personen",
        K::NotGiven => "Nicht angegeben",
        K::Yes => "Ja",
        K::No => "Nein",
        K::ChartTitle => "Beteiligungsquote je Kohorte ({cut})",
        K::ChartSummary => "{title}, mit 95-%-Konfidenzintervallen: {items}.",
        K::ChartItemSeparator => "; ",
        K::UnlinkedOne => {
            "{n} Ereignis aus einem Browser mit Global Privacy Control wird gezählt, aber nicht verknüpft."
        }
        K::UnlinkedMany => {
            "{n} Ereignisse aus Browsern mit Global Privacy Control werden gezählt, aber nicht verknüpft."
        }
        K::SearchTitle => "Suche",
        K::Searches => "Suchen",
        K::Searchers => "Personen, die gesucht haben",
        K::ZeroResultRate => "Suchen ohne Ergebnis",
        K::SearchThenTicket => "Suchende, die danach ein Ticket eingereicht haben",
        K::ZeroQueriesCaption => "Häufigste Suchen ohne Ergebnis",
        K::ColQuery => "Suchbegriff",
        K::ColPeople => "Personen",
        K::NoZeroQueries => "Keine Suche ohne Ergebnis kam von {k} oder mehr Personen.",
        K::ArticlesTitle => "Artikel",
        K::ArticlesCaption => "Artikel nach Lesern, meistgelesene zuerst",
        K::ColArticle => "Artikel",
        K::ColViews => "Aufrufe",
        K::ColReaders => "Leser",
        K::ColHelpful => "Als hilfreich bewertet",
        K::ColContactAfter => "Ticket nach dem Lesen eingereicht",
        K::NoArticles => "In diesem Zeitraum wurde kein Artikel gelesen.",
        K::FlowsTitle => "Geführte Abläufe",
        K::FlowsHint => {
            "Jede Version eines Ablaufs wird für sich gezählt: Ein geänderter Ablauf beginnt eine neue Reihe. Von den Personen, die einen Schritt erreicht haben, zählt jede genau einmal: dort gelöst, dort an eine Person übergeben, dort abgebrochen oder weitergegangen. Die Quoten beziehen sich auf die, die den Schritt erreicht haben. Schritte werden nie zusammengezählt: Eine Person erreicht mehrere."
        }
        K::FlowStepsCaption => {
            "Schritte von „{title}“, Version {version}, in der Reihenfolge, in der sie erreicht wurden"
        }
        K::FlowVersion => "v{n}",
        K::FlowCurrent => "Aktuelle Version",
        K::FlowEarlier => "Frühere Version",
        K::ColStep => "Schritt",
        K::ColReached => "Erreicht",
        K::ColResolvedHere => "Hier gelöst",
        K::ColHandedOffHere => "Hier an eine Person übergeben",
        K::ColAbandonedHere => "Hier abgebrochen",
        K::ColWentOn => "Weitergegangen",
        K::ColResolvedRate => "Lösungsquote",
        K::ColHandedOffRate => "Übergabequote",
        K::ColAbandonedRate => "Abbruchquote",
        K::NoFlows => "In diesem Zeitraum wurde kein geführter Ablauf angezeigt.",
        K::ResponsesTitle => "Erste Antwort",
        K::ResponsesCaption => {
            "Erste Antworten gemessen an ihren Zielen, je Warteschlange und Priorität (im Zeitraum eingereichte Tickets)"
        }
        K::ColWithinTarget => "Innerhalb des Ziels beantwortet",
        K::ColP50 => "Median, Minuten",
        K::ColP90 => "90. Perzentil, Minuten",
        K::ColSolved => "Gelöst",
        K::ColCsatResponse => "Zufriedenheit beantwortet",
        K::ColSatisfied => "Zufrieden (4–5 von 5)",
        K::NoTickets => "In diesem Zeitraum wurde kein Ticket eingereicht.",
        K::RepeatsTitle => "Erneuter Kontakt (7 Tage)",
        K::RepeatsCaption => {
            "Tickets, auf die binnen 7 Tagen ein weiteres derselben Person folgte, je Warteschlange und Thema"
        }
        K::ColByTickets => "Quote nach Tickets",
        K::ColByPeople => "Quote nach Personen",
        K::TriageTitle => "Genauigkeit der Triage",
        K::Rerouted => "Von Agenten umgeleitet",
        K::QueueAccuracy => "Genauigkeit der Warteschlange",
        K::PriorityAccuracy => "Genauigkeit der Priorität",
        K::TriageChartTitle => "Genauigkeit der Warteschlange pro Woche",
        K::WeekOf => "Woche ab {date}",
        K::ColWeek => "Woche",
        K::QueueConfusionCaption => {
            "Warteschlangen: wohin die Triage Tickets legte (Zeilen) und wo Agenten sie ließen (Spalten)"
        }
        K::PriorityConfusionCaption => {
            "Prioritäten: was die Triage vergab (Zeilen) und was Agenten ließen (Spalten)"
        }
        K::TriagedCorrected => "Triage",
        K::DriftTopics => "Verteilung der Themen",
        K::DriftQueues => "Verteilung der Warteschlangen",
        K::DriftStable => {
            "Stabil: Die letzten 7 Tage ähneln den 28 Tagen davor (Stabilitätsindex {index})."
        }
        K::DriftModerate => {
            "In Bewegung: Die letzten 7 Tage weichen von den 28 Tagen davor ab (Stabilitätsindex {index})."
        }
        K::DriftSignificant => {
            "Verschoben: Die letzten 7 Tage weichen deutlich von den 28 Tagen davor ab (Stabilitätsindex {index}). Prüfen Sie die Triage der Tickets dieser Woche."
        }
        K::DriftUnknown => {
            "Zu wenige Tickets auf einer Seite, um die letzten 7 Tage mit den 28 Tagen davor zu vergleichen."
        }
        K::ColLast7 => "Letzte 7 Tage",
        K::ColBefore28 => "28 Tage davor",
        K::TriageHint => {
            "Ein Ticket gilt als richtig eingeordnet, wenn kein Agent es umgeleitet hat; die Genauigkeit bezieht sich auf die im Zeitraum erstellten Tickets. Die Verteilung vergleicht die letzten 7 Tage des Zeitraums mit den 28 Tagen davor (Populationsstabilitätsindex: unter 0.1 stabil, ab 0.25 verschoben)."
        }
        K::ExperimentsTitle => "Experimente",
        K::ExperimentsHint => {
            "Jedes Experiment wird über seine ganze Laufzeit gezählt, nicht über den Zeitraum oben. Seine Intervalle sind 95-%-Konfidenzsequenzen: Sie bleiben gültig, wie oft man auch hinsieht, ein Ergebnis darf also jederzeit abgelesen werden."
        }
        K::NoExperiments => "Im Inhaltsordner sind keine Experimente definiert (experiments.toml).",
        K::ExpRunning => "Läuft: Neue Personen werden weiterhin seinen Varianten zugeteilt.",
        K::ExpStopped => "Gestoppt: Alle sehen den eigenen Artikel der Regel.",
        K::ExpRule => "Es variiert den Artikel, den die Regel „{rule}“ vorschlägt.",
        K::ExpRuleReason => {
            "Es variiert die Begründung, die „Warum sehe ich das?“ für die Regel „{rule}“ gibt."
        }
        K::ExpNudgeWording => "Es variiert die Worte des Hinweises der Regel „{rule}“.",
        K::ExpNudgeHoldout => "Es hält den Hinweis der Regel „{rule}“ vor einigen Personen zurück.",
        K::ExpArticleText => "Es variiert den Text des Artikels „{article}“.",
        K::ExpStatusFirst => {
            "Bei einer Störung zeigt es den Status über dem Kontaktformular oder als Schritt davor."
        }
        K::ExpLargeOrder => {
            "Es variiert, ab welchem Bestellbetrag ein Ticket zur Bestellung zuerst bearbeitet wird (die Schwellen der Triage)."
        }
        K::ExpVerdict => "Urteil:",
        K::VerdictVariantBetter => "Variante {n} ({article}) ist besser bei {metric}.",
        K::VerdictControlBetter => {
            "Die Kontrolle ist besser: Der eigene Artikel der Regel ({article}) schlägt jede Variante bei {metric}."
        }
        K::VerdictNoDifference => "Noch kein Unterschied: weiterlaufen lassen.",
        K::VerdictUntrustworthy => {
            "Nicht vertrauenswürdig: Die Expositionen passen nicht zur geplanten Aufteilung ({p}). Etwas teilt Personen falsch zu oder zählt sie falsch, daher ist hier kein Ergebnis verlässlich."
        }
        K::VerdictStoppedGuardrail => {
            "Gestoppt: Variante {n} schnitt bei {metric} schlechter ab. Alle sehen jetzt die Kontrolle."
        }
        K::VerdictStopped => {
            "Gestoppt: von Hand oder weil es aus dem Inhaltsordner entfernt wurde."
        }
        K::Control => "Kontrolle",
        K::VariantN => "Variante {n}",
        K::MetricResolved => "Lösung per Selbsthilfe",
        K::MetricTickets => "Ticket eingereicht",
        K::MetricRepeat => "Wiederholter Kontakt (2+ Tickets)",
        K::MetricResolvedIn => "der Lösung per Selbsthilfe",
        K::MetricTicketsIn => "der Ticketquote",
        K::MetricRepeatIn => "der Quote wiederholter Kontakte",
        K::MetricUnsatisfied => "Hilfe mit 1–3 von 5 bewertet",
        K::MetricUnsatisfiedIn => "dem Anteil der mit der Hilfe Unzufriedenen",
        K::MetricPrimary => "{metric} (primär)",
        K::MetricGuardrail => "{metric} (Leitplanke)",
        K::ExpVariantsCaption => {
            "Varianten: exponierte Personen und die Quote jeder Metrik unter ihnen, mit 95-%-Intervall"
        }
        K::ColVariant => "Variante",
        K::ColPlannedShare => "Geplanter Anteil",
        K::ColExposed => "Exponierte Personen",
        K::ExpComparisonsCaption => {
            "Jede Variante gegen die Kontrolle: der Unterschied in Prozentpunkten als 95-%-Konfidenzsequenz (bei jedem Hinsehen gültig)"
        }
        K::ColComparison => "Vergleich",
        K::ColMetric => "Metrik",
        K::ColDifference => "Unterschied (Prozentpunkte)",
        K::ColOutcome => "Ergebnis",
        K::VsControl => "Variante {n} gegen Kontrolle",
        K::PointsRange => "{low} bis {high} Punkte",
        K::OutcomeBetter => "Besser",
        K::OutcomeWorse => "Schlechter",
        K::OutcomeNoDifference => "Noch kein Unterschied",
        K::SampleRatioOk => {
            "Prüfung des Stichprobenverhältnisses: {p}. Die Expositionen passen zur geplanten Aufteilung."
        }
        K::SampleRatioMismatch => {
            "Prüfung des Stichprobenverhältnisses: {p}. Die Expositionen passen nicht zur geplanten Aufteilung."
        }
        K::ExpHistory => "Verlauf",
        K::ExpNoHistory => "Noch nichts aufgezeichnet.",
        K::AuditStarted => "Gestartet",
        K::AuditChanged => "Definition geändert",
        K::AuditStopped => "Gestoppt",
        K::ExpLegend => {
            "„< {k}“: zu wenige Personen, um eine Zahl zu zeigen. Eine Quote zeigt „—“, solange zu wenige Personen ihr Ergebnis haben oder zu wenige es nicht haben."
        }
        K::DecimalMark => ",",
    }
}

fn pt_br(key: K) -> &'static str {
    match key {
        K::AppName => "Console do Signpost",
        K::SkipToMain => "Pular para o conteúdo principal",
        K::Language => "Idioma",
        K::SignOut => "Sair",
        K::Shortcuts => "Atalhos de teclado",
        K::LiveOn => "Atualizações ao vivo ativas",
        K::LivePolling => "Atualizações ao vivo interrompidas: verificando a cada 10 s",
        K::Loading => "Carregando…",
        K::Close => "Fechar",
        K::Cancel => "Cancelar",
        K::SignInTitle => "Entre no console de suporte",
        K::Email => "E-mail",
        K::Password => "Senha",
        K::SignIn => "Entrar",
        K::SigningIn => "Entrando…",
        K::WrongCredentials => "E-mail ou senha incorretos.",
        K::TooManyAttempts => "Tentativas demais. Tente de novo em {time}.",
        K::SessionEnded => "Sua sessão terminou. Entre novamente.",
        K::DeskUnreachable => {
            "O serviço de suporte não respondeu ({detail}). Tente de novo em instantes."
        }
        K::PasswordSaved => "Sua senha foi salva. Entre com ela.",
        K::SetPasswordTitle => "Escolha sua senha",
        K::NewPassword => "Nova senha",
        K::ConfirmPassword => "Confirme a senha",
        K::PasswordHint => "De 12 a 256 caracteres, diferente do seu e-mail.",
        K::PasswordsDiffer => "As duas senhas não são iguais.",
        K::SavePassword => "Salvar e entrar",
        K::Saving => "Salvando…",
        K::LinkExpired => {
            "Este link é desconhecido, já foi usado ou expirou. Peça um novo a um administrador."
        }
        K::ProbRequired => "Obrigatório.",
        K::ProbTooShort => "Pelo menos {n} caracteres.",
        K::ProbTooLong => "No máximo {n} caracteres.",
        K::ProbNotEmail => "Digite um e-mail como nome@exemplo.com.",
        K::ProbInvalid => "Este valor não é aceito.",
        K::ErrorGeneric => "Não funcionou ({detail}). Tente de novo.",
        K::Forbidden => "Você não tem permissão para fazer isso.",
        K::TicketNotFound => "Não existe ticket com este identificador.",
        K::InboxTitle => "Caixa de entrada",
        K::Views => "Visualizações",
        K::ViewAll => "Todos os abertos",
        K::OpenN => "{n} abertos",
        K::OverdueN => "{n} atrasados",
        K::QPayments => "Pagamentos",
        K::QOrders => "Pedidos",
        K::QDisputes => "Disputas",
        K::QSellers => "Vendedores",
        K::QPayouts => "Repasses",
        K::QGeneral => "Geral",
        K::Filters => "Filtros",
        K::Status => "Status",
        K::StatusOpen => "Aberto",
        K::StatusPending => "Pendente",
        K::StatusSolved => "Resolvido",
        K::Priority => "Prioridade",
        K::PUrgent => "Urgente",
        K::PHigh => "Alta",
        K::PNormal => "Normal",
        K::PLow => "Baixa",
        K::Assignee => "Responsável",
        K::Mine => "Meus",
        K::Unassigned => "Sem responsável",
        K::Surface => "Página",
        K::SCheckout => "Finalização da compra",
        K::SOrder => "Página do pedido",
        K::SOnboarding => "Cadastro de vendedor",
        K::SOther => "Outra página",
        K::Audience => "Público",
        K::Buyer => "Comprador",
        K::Seller => "Vendedor",
        K::CustomerLanguage => "Idioma do cliente",
        K::Due => "Primeira resposta",
        K::Any => "Qualquer",
        K::DueWithinHour => "Vence em até 1 h",
        K::Overdue => "Atrasados",
        K::ClearFilters => "Redefinir filtros",
        K::Tickets => "Tickets",
        K::ColTicket => "Ticket",
        K::ColSubject => "Assunto",
        K::ColRequester => "Solicitante",
        K::ColQueue => "Fila",
        K::ColAssignee => "Responsável",
        K::ColDue => "Primeira resposta",
        K::NoEmail => "Sem e-mail",
        K::Left => "Faltam {time}",
        K::OverdueBy => "Atrasado há {time}",
        K::Answered => "Respondido",
        K::NeedsLook => "Precisa de revisão",
        K::LoadMore => "Carregar mais",
        K::EmptyList => "Nenhum ticket corresponde a estes filtros.",
        K::NewTicketOne => "1 ticket novo",
        K::NewTicketsMany => "Tickets novos: {n}",
        K::BackToInbox => "Voltar para a caixa de entrada",
        K::Conversation => "Conversa",
        K::Customer => "Cliente",
        K::AgentNamed => "{name} (agente)",
        K::InternalNote => "Nota interna — o cliente não vê",
        K::Reply => "Resposta",
        K::Note => "Nota interna",
        K::ReplyLabel => "Resposta ao cliente",
        K::NoteLabel => "Nota interna, só os agentes veem",
        K::Send => "Enviar",
        K::AddNote => "Adicionar nota",
        K::Sending => "Enviando…",
        K::SendHint => "Ctrl+Enter ou ⌘+Enter envia.",
        K::ReplySent => "Resposta enviada.",
        K::NoteAdded => "Nota adicionada.",
        K::ReplyingToo => "{name} também está respondendo. Enviar mesmo assim?",
        K::SendAnyway => "Enviar mesmo assim",
        K::AlsoViewing => "{name} também está vendo este ticket",
        K::TypingReply => "{name} está digitando uma resposta…",
        K::Saved => "Salvo.",
        K::Actions => "Ações do ticket",
        K::TakeIt => "Assumir",
        K::Reroute => "Redirecionar",
        K::RerouteTitle => "Redirecionar este ticket",
        K::Queue => "Fila",
        K::Reason => "Motivo",
        K::RWrongTopic => "Assunto errado",
        K::RWrongUrgency => "Urgência errada",
        K::RNeedsSpecialist => "Precisa de um especialista",
        K::ROther => "Outro",
        K::Details => "Detalhes",
        K::DetailsHint => "Obrigatório quando o motivo é Outro.",
        K::OpenedOn => "Aberto em {date}",
        K::FirstReply => "Primeira resposta",
        K::Topic => "Assunto do formulário",
        K::SeenTitle => "O que o usuário viu",
        K::SeenPage => "Página",
        K::SeenLanguage => "Idioma",
        K::SeenIdentity => "Identidade",
        K::Verified => "Verificada",
        K::NotVerified => "Não verificada",
        K::Role => "Papel",
        K::SeenOrder => "Pedido",
        K::OrderId => "Nº do pedido",
        K::OrderStatus => "Status do pedido",
        K::PaymentStatus => "Status do pagamento",
        K::Amount => "Valor",
        K::SeenOnboarding => "Cadastro",
        K::Step => "Etapa",
        K::Blockers => "Bloqueios",
        K::SeenSuggestions => "Sugestões exibidas",
        K::WhyShown => "Por que estou vendo isto?",
        K::SeenSearches => "Buscas",
        K::ResultsN => "Resultados: {n}",
        K::NoResults => "Nenhum resultado",
        K::SeenArticles => "Artigos lidos",
        K::VoteUp => "Votou útil",
        K::VoteDown => "Votou não útil",
        K::NoVote => "Sem voto",
        K::SeenIncidents => "Avisos de incidente exibidos",
        K::Impact => "Impacto: {impact}",
        K::SeenTriage => "Por que veio para esta fila",
        K::ModelVersion => "Versão do modelo de triagem: {v}",
        K::RulesOnly => "Triado só por regras",
        K::EarlierTickets => "Tickets anteriores",
        K::MaskedCards => "Números de cartão neste ticket foram ocultados.",
        K::SeenFlow => "Fluxo guiado: {flow} (v{version})",
        K::SeenFlowUnversioned => "Fluxo guiado: {flow}",
        K::FlowAnswer => "Resposta: {answer}",
        K::FlowInEnglish => "({text})",
        K::FlowNotSolved => "Leu {article} e ainda precisou de ajuda",
        K::FlowNotSolvedAnswer => "Leu a resposta e ainda precisou de ajuda",
        K::FlowBranched => "Decidido pelos dados da página",
        K::FlowNoFacts => "Decidido pelos dados da página (nenhum estava definido)",
        K::TopicOrderNotArrived => "Meu pedido não chegou",
        K::TopicRefund => "Reembolsos e devoluções",
        K::TopicPaymentFailed => "Um pagamento não foi aprovado",
        K::TopicDispute => "Problema com um vendedor ou comprador",
        K::TopicAccount => "Minha conta",
        K::TopicSellerVerification => "Verificação de vendedor",
        K::TopicPayouts => "Repasses",
        K::TopicListing => "Anúncios",
        K::TopicOther => "Outro assunto",
        K::Quoted => "“{text}”",
        K::WordSeparator => ", ",
        K::TrTopic => "{queue}: o cliente escolheu o assunto “{topic}”",
        K::TrMessageWords => "{queue}: a mensagem menciona {words}",
        K::TrModelWords => {
            "{queue}: o modelo de triagem colocou a mensagem aqui com {confidence} de confiança, principalmente por {words}"
        }
        K::TrAskedSellerPage => {
            "{queue}: a maioria das dúvidas como esta feitas por vendedores na mesma página ({page}) fica nesta fila"
        }
        K::TrAskedBuyerPage => {
            "{queue}: a maioria das dúvidas como esta feitas por compradores na mesma página ({page}) fica nesta fila"
        }
        K::TrAskedPage => {
            "{queue}: a maioria das dúvidas como esta feitas na mesma página ({page}) fica nesta fila"
        }
        K::TrAskedSeller => {
            "{queue}: a maioria das dúvidas como esta feitas por vendedores fica nesta fila"
        }
        K::TrAskedBuyer => {
            "{queue}: a maioria das dúvidas como esta feitas por compradores fica nesta fila"
        }
        K::TrAsked => "{queue}: a maioria das dúvidas como esta fica nesta fila",
        K::TrAccountTakeover => {
            "Outra pessoa pode estar usando a conta do cliente: ele escreveu {words}"
        }
        K::TrPayoutDetailsChanged => {
            "Os dados de repasse do vendedor podem ter sido alterados por outra pessoa: {words}"
        }
        K::TrRepeatedCharge => "O cliente recebeu mais de uma cobrança: {words}",
        K::TrUnauthorisedCharge => "Uma cobrança que o cliente não fez: {words}",
        K::TrThreat => "O cliente menciona ameaças ou assédio: {words}",
        K::TrProductSafety => "Um produto pode ser perigoso: {words}",
        K::TrLockedOut => "O cliente não consegue pagar nem receber: {words}",
        K::TrLegalDeadline => "O cliente menciona um prazo legal: {words}",
        K::TrReadsUrgent => {
            "Nenhuma regra disparou, mas o modelo de urgência leu a mensagem como urgente com {confidence} de confiança, principalmente por {words}"
        }
        K::TrPaymentFailed => "O pagamento falhou no checkout",
        K::TrPaymentFailedStatus => {
            "O pagamento falhou no checkout (status do pagamento: {status})"
        }
        K::TrIncidentMajor => "Há um incidente grave em aberto na área de {queue}",
        K::TrIncidentCritical => "Há um incidente crítico em aberto na área de {queue}",
        K::TrLargeOrder => "O pedido é de {amount}: pedidos de {threshold} ou mais vêm primeiro",
        K::TrPayoutsBlocked => "Os repasses do vendedor estão bloqueados",
        K::TrPayoutAccountFailed => "A conta de repasse do vendedor foi recusada",
        K::TrPayoutDelayed => "Os repasses do vendedor estão retidos: ele escreveu {words}",
        K::TrChargeback => "O cliente menciona um chargeback: {words}",
        K::TrLegalThreat => "O cliente menciona medidas legais: {words}",
        K::TrFraudClaim => "O cliente menciona fraude: {words}",
        K::TrNothingAtStake => "Nada urgente: uma dúvida geral",
        K::TrNothingUrgent => "Nada urgente encontrado",
        K::TrUnsure => "A triagem não tinha certeza da fila: confira e redirecione se precisar",
        K::TrUnknown => {
            "Um motivo que esta versão do console não consegue mostrar: recarregue a página para lê-lo"
        }
        K::FactPageUrl => "Endereço da página",
        K::FactPageTitle => "Título da página",
        K::FactPlacedAt => "Pedido feito em",
        K::FactPromisedBy => "Entrega prometida até",
        K::FactShippedAt => "Enviado em",
        K::FactDeliveredAt => "Entregue em",
        K::FactCurrency => "Moeda",
        K::FactOnboardingStep => "Etapa do cadastro",
        K::FactOnboardingCompleted => "Cadastro concluído",
        K::FactActiveIncidents => "Incidentes ativos",
        K::ShortcutsTitle => "Atalhos de teclado",
        K::Key => "Tecla",
        K::Action => "Ação",
        K::ShortcutNext => "Selecionar o próximo ticket",
        K::ShortcutPrev => "Selecionar o ticket anterior",
        K::ShortcutOpen => "Abrir o ticket selecionado",
        K::ShortcutReply => "Ir para a caixa de resposta",
        K::ShortcutAssign => "Atribuir a mim o ticket aberto",
        K::ShortcutBack => "Voltar para a caixa de entrada ou fechar uma caixa de diálogo",
        K::ShortcutHelp => "Mostrar esta lista",
        K::ShortcutSend => "Enviar, na caixa de resposta",
        K::StatusPageTitle => "Página de status",
        K::Sections => "Seções",
        K::AdminsOnly => "Somente administradores podem gerenciar a página de status.",
        K::AdminsOnlyHint => "Peça a um administrador para abrir ou atualizar um incidente.",
        K::OpenNowTitle => "Incidentes e manutenções em aberto",
        K::NothingOpen => "Nada em aberto: nenhum incidente nem manutenção programada.",
        K::KindIncident => "Incidente",
        K::KindMaintenance => "Manutenção",
        K::Components => "Componentes",
        K::EveryPage => "Nenhum: afeta todas as páginas",
        K::Window => "Janela",
        K::WindowText => "de {from} até {until}",
        K::LatestUpdate => "Última atualização",
        K::PostUpdate => "Publicar uma atualização",
        K::Resolve => "Resolver",
        K::UpdateFormLabel => "Atualizar “{name}”",
        K::UpdateSubmit => "Publicar atualização",
        K::ResolveSubmit => "Resolver incidente",
        K::ResolveHint => {
            "Opcional ao resolver: sem mensagem, a página informa que o incidente foi resolvido."
        }
        K::UpdateMessageHint => {
            "Aparece no aviso do widget: a atualização mais recente substitui a anterior."
        }
        K::WhatToPublish => "O que publicar",
        K::OpenIncident => "Abrir um incidente",
        K::ScheduleMaintenance => "Programar manutenção",
        K::Name => "Nome",
        K::ImpactLabel => "Impacto",
        K::Message => "Mensagem",
        K::MessageHint => {
            "Aparece abaixo do nome no aviso do widget. Se ficar vazio, o nome é usado."
        }
        K::Starts => "Início",
        K::Ends => "Término",
        K::TimeZoneHint => "No seu fuso horário ({zone}).",
        K::AffectedComponents => "Componentes afetados",
        K::ComponentsHint => "Se nenhum for escolhido, afeta todas as páginas.",
        K::ShowsOn => "aparece em: {pages}",
        K::ShowsNowhere => "não aparece em nenhuma página",
        K::NoComponents => "A página de status ainda não tem componentes.",
        K::OpenIncidentSubmit => "Abrir incidente",
        K::ScheduleSubmit => "Programar",
        K::IncidentOpened => "Incidente aberto: {name}",
        K::UpdatePosted => "Atualização publicada: {name}",
        K::IncidentResolved => "Incidente resolvido: {name}",
        K::MaintenanceScheduled => "Manutenção programada: {name}",
        K::ImpNone => "Nenhum",
        K::ImpMinor => "Baixo",
        K::ImpMajor => "Alto",
        K::ImpCritical => "Crítico",
        K::StInvestigating => "Investigando",
        K::StIdentified => "Identificado",
        K::StMonitoring => "Monitorando",
        K::StResolved => "Resolvido",
        K::StPostmortem => "Análise pós-incidente",
        K::StScheduled => "Programada",
        K::StInProgress => "Em andamento",
        K::StVerifying => "Verificando",
        K::StCompleted => "Concluída",
        K::PreviewTitle => "Prévia do aviso",
        K::PreviewHint => {
            "O aviso que o widget mostra em cada página de demonstração: agora e depois que o que você está escrevendo for publicado."
        }
        K::PreviewNow => "Agora",
        K::PreviewAfter => "Depois de publicar",
        K::NoBanner => "Nenhum aviso.",
        K::NoChange => "Sem mudança.",
        K::Untitled => "(ainda sem nome)",
        K::SevNone => "Todos os sistemas operando normalmente",
        K::SevCritical => "Interrupção grave",
        K::SevMajor => "Interrupção parcial",
        K::SevMinor => "Instabilidade no serviço",
        K::SevMaintenance => "Manutenção",
        K::SevScheduled => "Manutenção programada",
        K::ProbTooMany => "No máximo {n}.",
        K::ProbDateTime => "Informe uma data e um horário.",
        K::ProbNotAfter => "Deve ser depois do início.",
        K::ProbOneLine => "Apenas uma linha.",
        K::ProbOneOf => "Escolha uma das opções.",
        K::InsightsTitle => "Análises",
        K::InsightsIntro => {
            "Dias inteiros em UTC. Cada taxa vem seguida do seu intervalo de confiança de 95% entre parênteses; “—” significa que não há sobre o que medi-la."
        }
        K::Period => "Período",
        K::PeriodFrom => "De",
        K::PeriodTo => "Até",
        K::Last7 => "Últimos 7 dias",
        K::Last28 => "Últimos 28 dias",
        K::LastMonth => "Mês passado",
        K::PeriodMissing => "Informe os dois dias.",
        K::PeriodReversed => "O primeiro dia não pode ser depois do último.",
        K::PeriodTooLong => "No máximo {n} dias.",
        K::CutBy => "Detalhar por",
        K::CutIdentified => "Identidade verificada",
        K::CutReturning => "Visitante recorrente",
        K::ReportsLoaded => "Relatórios carregados de {from} a {to}.",
        K::ReportsPartial => "Alguns relatórios não puderam ser carregados.",
        K::LiveAsOf => {
            "Os números de hoje e de ontem foram contados às {time} UTC: com tantos eventos, o serviço volta a contá-los mais ou menos a cada minuto enquanto alguém os consulta."
        }
        K::NotLoaded => "Não foi possível carregar este relatório.",
        K::DownloadCsv => "Baixar CSV",
        K::Percent => "{n}%",
        K::RateInterval => "{rate} ({low}–{high})",
        K::RateSpoken => "{rate}, intervalo de confiança de 95%: de {low} a {high}",
        K::NoFigure => "sem dado",
        K::Withheld => "retido",
        K::HiddenCount => "oculto",
        K::CountsLegend => {
            "“< {k}”: menos de {k} pessoas. “{withheld}”: pelo menos {k} pessoas, ocultado para que uma contagem pequena não possa ser deduzida das demais. “{hidden}”: pessoas de menos neste período para mostrar qualquer contagem."
        }
        K::FunnelTitle => "Funil de autoatendimento",
        K::FunnelCaption => {
            "Pessoas que abriram o widget e o que aconteceu depois, por coorte ({cut})"
        }
        K::ColOpened => "Abriram",
        K::ColLeft => "Saíram sem fazer mais nada",
        K::ColContacted => "Contataram diretamente",
        K::ColConfirmed => "Confirmado (voto útil)",
        K::ColAssumed => "Presumido (sem ticket em {n}\u{a0}h)",
        K::ColPending => "Pendente",
        K::ColEscalated => "Escalado (abriu um ticket)",
        K::ColEngagedRate => "Taxa de engajamento",
        K::ColConfirmedRate => "Taxa de confirmados",
        K::ColAssumedRate => "Taxa de presumidos",
        K::ColEscalatedRate => "Taxa de escalonamento",
        K::ColResolvedInFlow => "Resolvido em um fluxo guiado",
        K::ColResolvedInFlowRate => "Taxa de resolvidos no fluxo",
        K::FunnelHint => {
            "Cada pessoa que abriu o widget conta em exatamente um resultado. Resolvido em um fluxo guiado: terminou um fluxo guiado com “Isso resolveu” e não abriu ticket (conta ali, não como confirmado, mesmo que também tenha votado um artigo como útil). Pendente: resolveu por conta própria há menos de {n}\u{a0}h e ainda não abriu ticket. Taxa de engajamento: entre quem abriu o widget, a parcela que se ajudou sozinha (pesquisou, leu, seguiu uma sugestão ou um fluxo guiado); as demais taxas são sobre quem se ajudou sozinho. Resoluções confirmadas, em fluxo guiado e presumidas nunca são somadas."
        }
        K::Everyone => "Todas as pessoas",
        K::NotGiven => "Não informado",
        K::Yes => "Sim",
        K::No => "Não",
        K::ChartTitle => "Taxa de engajamento por coorte ({cut})",
        K::ChartSummary => "{title}, com intervalos de confiança de 95%: {items}.",
        K::ChartItemSeparator => "; ",
        K::UnlinkedOne => {
            "{n} evento de um navegador com Global Privacy Control é contado, mas não vinculado."
        }
        K::UnlinkedMany => {
            "{n} eventos de navegadores com Global Privacy Control são contados, mas não vinculados."
        }
        K::SearchTitle => "Pesquisa",
        K::Searches => "Pesquisas",
        K::Searchers => "Pessoas que pesquisaram",
        K::ZeroResultRate => "Pesquisas sem resultado",
        K::SearchThenTicket => "Quem pesquisou e depois abriu um ticket",
        K::ZeroQueriesCaption => "Principais pesquisas sem resultado",
        K::ColQuery => "Consulta",
        K::ColPeople => "Pessoas",
        K::NoZeroQueries => "Nenhuma pesquisa sem resultado foi feita por {k} pessoas ou mais.",
        K::ArticlesTitle => "Artigos",
        K::ArticlesCaption => "Artigos por leitores, os mais lidos primeiro",
        K::ColArticle => "Artigo",
        K::ColViews => "Visualizações",
        K::ColReaders => "Leitores",
        K::ColHelpful => "Votos úteis",
        K::ColContactAfter => "Abriram um ticket após ler",
        K::NoArticles => "Nenhum artigo foi lido neste período.",
        K::FlowsTitle => "Fluxos guiados",
        K::FlowsHint => {
            "Cada versão de um fluxo é contada à parte: um fluxo editado começa uma nova série. Entre quem chegou a uma etapa, cada pessoa conta uma única vez: resolveu ali, foi encaminhada a uma pessoa ali, desistiu ali ou seguiu adiante. As taxas são sobre quem chegou à etapa. As etapas nunca são somadas: uma mesma pessoa chega a várias."
        }
        K::FlowStepsCaption => {
            "Etapas de “{title}”, versão {version}, na ordem em que foram alcançadas"
        }
        K::FlowVersion => "v{n}",
        K::FlowCurrent => "Versão atual",
        K::FlowEarlier => "Versão anterior",
        K::ColStep => "Etapa",
        K::ColReached => "Chegaram",
        K::ColResolvedHere => "Resolvido aqui",
        K::ColHandedOffHere => "Encaminhados a uma pessoa aqui",
        K::ColAbandonedHere => "Desistiram aqui",
        K::ColWentOn => "Seguiram adiante",
        K::ColResolvedRate => "Taxa de resolução",
        K::ColHandedOffRate => "Taxa de encaminhamento",
        K::ColAbandonedRate => "Taxa de desistência",
        K::NoFlows => "Nenhum fluxo guiado foi exibido neste período.",
        K::ResponsesTitle => "Primeira resposta",
        K::ResponsesCaption => {
            "Primeiras respostas em relação às metas, por fila e prioridade (tickets abertos no período)"
        }
        K::ColWithinTarget => "Respondidos dentro da meta",
        K::ColP50 => "Mediana, minutos",
        K::ColP90 => "Percentil 90, minutos",
        K::ColSolved => "Resolvidos",
        K::ColCsatResponse => "Satisfação respondida",
        K::ColSatisfied => "Satisfeitos (4–5 de 5)",
        K::NoTickets => "Nenhum ticket foi aberto neste período.",
        K::RepeatsTitle => "Contato repetido (7 dias)",
        K::RepeatsCaption => {
            "Tickets seguidos de outro da mesma pessoa em até 7 dias, por fila e assunto"
        }
        K::ColByTickets => "Taxa por tickets",
        K::ColByPeople => "Taxa por pessoas",
        K::TriageTitle => "Precisão da triagem",
        K::Rerouted => "Redirecionados por um agente",
        K::QueueAccuracy => "Precisão da fila",
        K::PriorityAccuracy => "Precisão da prioridade",
        K::TriageChartTitle => "Precisão da fila por semana",
        K::WeekOf => "Semana de {date}",
        K::ColWeek => "Semana",
        K::QueueConfusionCaption => {
            "Filas: onde a triagem colocou os tickets (linhas) e onde os agentes os deixaram (colunas)"
        }
        K::PriorityConfusionCaption => {
            "Prioridades: a que a triagem deu (linhas) e a que os agentes deixaram (colunas)"
        }
        K::TriagedCorrected => "Triagem",
        K::DriftTopics => "Distribuição de assuntos",
        K::DriftQueues => "Distribuição de filas",
        K::DriftStable => {
            "Estável: os últimos 7 dias se parecem com os 28 anteriores (índice de estabilidade {index})."
        }
        K::DriftModerate => {
            "Mudando: os últimos 7 dias diferem dos 28 anteriores (índice de estabilidade {index})."
        }
        K::DriftSignificant => {
            "Mudou: os últimos 7 dias diferem claramente dos 28 anteriores (índice de estabilidade {index}). Revise a triagem dos tickets desta semana."
        }
        K::DriftUnknown => {
            "Poucos tickets de um dos lados para comparar os últimos 7 dias com os 28 anteriores."
        }
        K::ColLast7 => "Últimos 7 dias",
        K::ColBefore28 => "Os 28 dias anteriores",
        K::TriageHint => {
            "Um ticket conta como bem triado quando nenhum agente o redirecionou; a precisão é sobre os tickets criados no período. A distribuição compara os últimos 7 dias do período com os 28 anteriores (índice de estabilidade da população: abaixo de 0.1 estável, a partir de 0.25 mudou)."
        }
        K::ExperimentsTitle => "Experimentos",
        K::ExperimentsHint => {
            "Cada experimento é contado ao longo de toda a sua duração, não no período acima. Seus intervalos são sequências de confiança de 95%: continuam válidos não importa quantas vezes você olhe, então o resultado pode ser lido a qualquer momento."
        }
        K::NoExperiments => {
            "Nenhum experimento está definido na pasta de conteúdo (experiments.toml)."
        }
        K::ExpRunning => "Em andamento: novas pessoas ainda são atribuídas às suas variantes.",
        K::ExpStopped => "Parado: todos veem o artigo da própria regra.",
        K::ExpRule => "Varia o artigo que a regra “{rule}” sugere.",
        K::ExpRuleReason => {
            "Varia o motivo que “Por que estou vendo isto?” dá para a regra “{rule}”."
        }
        K::ExpNudgeWording => "Varia as palavras do aviso da regra “{rule}”.",
        K::ExpNudgeHoldout => "Oculta de algumas pessoas o aviso da regra “{rule}”.",
        K::ExpArticleText => "Varia o texto do artigo “{article}”.",
        K::ExpStatusFirst => {
            "Durante um incidente, mostra o status acima do formulário de contato ou como uma etapa antes dele."
        }
        K::ExpLargeOrder => {
            "Varia a partir de qual valor do pedido um ticket sobre ele passa à frente (os limites da triagem)."
        }
        K::ExpVerdict => "Veredito:",
        K::VerdictVariantBetter => "A variante {n} ({article}) é melhor em {metric}.",
        K::VerdictControlBetter => {
            "O controle é melhor: o artigo da própria regra ({article}) supera todas as variantes em {metric}."
        }
        K::VerdictNoDifference => "Ainda sem diferença: mantenha-o em andamento.",
        K::VerdictUntrustworthy => {
            "Não confiável: as exposições não correspondem à divisão planejada ({p}). Algo atribui ou conta pessoas de forma errada, então nenhum resultado aqui é confiável."
        }
        K::VerdictStoppedGuardrail => {
            "Parado: a variante {n} saiu pior em {metric}. Agora todos veem o controle."
        }
        K::VerdictStopped => "Parado: por um operador, ou removido da pasta de conteúdo.",
        K::Control => "Controle",
        K::VariantN => "Variante {n}",
        K::MetricResolved => "Resolução por autoatendimento",
        K::MetricTickets => "Abriram um ticket",
        K::MetricRepeat => "Contato repetido (2+ tickets)",
        K::MetricResolvedIn => "resolução por autoatendimento",
        K::MetricTicketsIn => "taxa de tickets",
        K::MetricRepeatIn => "taxa de contato repetido",
        K::MetricUnsatisfied => "Avaliou a ajuda com 1–3 de 5",
        K::MetricUnsatisfiedIn => "proporção insatisfeita com a ajuda",
        K::MetricPrimary => "{metric} (principal)",
        K::MetricGuardrail => "{metric} (salvaguarda)",
        K::ExpVariantsCaption => {
            "Variantes: pessoas expostas e a taxa de cada métrica entre elas, com seu intervalo de 95%"
        }
        K::ColVariant => "Variante",
        K::ColPlannedShare => "Parcela planejada",
        K::ColExposed => "Pessoas expostas",
        K::ExpComparisonsCaption => {
            "Cada variante contra o controle: a diferença em pontos percentuais, como sequência de confiança de 95% (válida a cada consulta)"
        }
        K::ColComparison => "Comparação",
        K::ColMetric => "Métrica",
        K::ColDifference => "Diferença (pontos percentuais)",
        K::ColOutcome => "Resultado",
        K::VsControl => "Variante {n} vs. controle",
        K::PointsRange => "de {low} a {high} pontos",
        K::OutcomeBetter => "Melhor",
        K::OutcomeWorse => "Pior",
        K::OutcomeNoDifference => "Ainda sem diferença",
        K::SampleRatioOk => {
            "Verificação da proporção amostral: {p}. As exposições correspondem à divisão planejada."
        }
        K::SampleRatioMismatch => {
            "Verificação da proporção amostral: {p}. As exposições não correspondem à divisão planejada."
        }
        K::ExpHistory => "Histórico",
        K::ExpNoHistory => "Nada registrado ainda.",
        K::AuditStarted => "Iniciado",
        K::AuditChanged => "Definição alterada",
        K::AuditStopped => "Parado",
        K::ExpLegend => {
            "“< {k}”: pessoas de menos para mostrar uma contagem. Uma taxa mostra “—” enquanto houver poucas pessoas com o seu resultado, ou sem ele."
        }
        K::DecimalMark => ",",
    }
}

fn ja(key: K) -> &'static str {
    match key {
        K::AppName => "Signpost コンソール",
        K::SkipToMain => "メインコンテンツへ移動",
        K::Language => "言語",
        K::SignOut => "サインアウト",
        K::Shortcuts => "キーボードショートカット",
        K::LiveOn => "リアルタイム更新中",
        K::LivePolling => "リアルタイム更新が中断されました：10 秒ごとに確認しています",
        K::Loading => "読み込み中…",
        K::Close => "閉じる",
        K::Cancel => "キャンセル",
        K::SignInTitle => "サポートコンソールにサインイン",
        K::Email => "メールアドレス",
        K::Password => "パスワード",
        K::SignIn => "サインイン",
        K::SigningIn => "サインインしています…",
        K::WrongCredentials => "メールアドレスまたはパスワードが正しくありません。",
        K::TooManyAttempts => "試行回数が多すぎます。{time}後にもう一度お試しください。",
        K::SessionEnded => "セッションが終了しました。もう一度サインインしてください。",
        K::DeskUnreachable => {
            "サポートデスクから応答がありません（{detail}）。しばらくしてからもう一度お試しください。"
        }
        K::PasswordSaved => "パスワードを保存しました。そのパスワードでサインインしてください。",
        K::SetPasswordTitle => "パスワードを設定",
        K::NewPassword => "新しいパスワード",
        K::ConfirmPassword => "パスワードの確認",
        K::PasswordHint => "12～256 文字。メールアドレスは使えません。",
        K::PasswordsDiffer => "2 つのパスワードが一致しません。",
        K::SavePassword => "保存してサインイン",
        K::Saving => "保存しています…",
        K::LinkExpired => {
            "このリンクは無効、使用済み、または期限切れです。管理者に新しいリンクを依頼してください。"
        }
        K::ProbRequired => "必須項目です。",
        K::ProbTooShort => "{n} 文字以上で入力してください。",
        K::ProbTooLong => "{n} 文字以内で入力してください。",
        K::ProbNotEmail => "name@example.com のような形式でメールアドレスを入力してください。",
        K::ProbInvalid => "この値は使用できません。",
        K::ErrorGeneric => "処理できませんでした（{detail}）。もう一度お試しください。",
        K::Forbidden => "この操作を行う権限がありません。",
        K::TicketNotFound => "この ID のチケットはありません。",
        K::InboxTitle => "受信箱",
        K::Views => "ビュー",
        K::ViewAll => "未対応のすべて",
        K::OpenN => "未対応 {n} 件",
        K::OverdueN => "期限超過 {n} 件",
        K::QPayments => "決済",
        K::QOrders => "注文",
        K::QDisputes => "紛争",
        K::QSellers => "出品者",
        K::QPayouts => "売上金の支払い",
        K::QGeneral => "一般",
        K::Filters => "絞り込み",
        K::Status => "ステータス",
        K::StatusOpen => "未対応",
        K::StatusPending => "保留中",
        K::StatusSolved => "解決済み",
        K::Priority => "優先度",
        K::PUrgent => "緊急",
        K::PHigh => "高",
        K::PNormal => "通常",
        K::PLow => "低",
        K::Assignee => "担当者",
        K::Mine => "自分の担当",
        K::Unassigned => "未割り当て",
        K::Surface => "ページ",
        K::SCheckout => "購入手続き",
        K::SOrder => "注文ページ",
        K::SOnboarding => "出品者登録",
        K::SOther => "その他のページ",
        K::Audience => "ユーザー種別",
        K::Buyer => "購入者",
        K::Seller => "出品者",
        K::CustomerLanguage => "顧客の言語",
        K::Due => "初回返信の期限",
        K::Any => "すべて",
        K::DueWithinHour => "1 時間以内に期限",
        K::Overdue => "期限超過",
        K::ClearFilters => "絞り込みをリセット",
        K::Tickets => "チケット",
        K::ColTicket => "チケット",
        K::ColSubject => "件名",
        K::ColRequester => "依頼者",
        K::ColQueue => "キュー",
        K::ColAssignee => "担当者",
        K::ColDue => "初回返信",
        K::NoEmail => "メールなし",
        K::Left => "残り {time}",
        K::OverdueBy => "{time}超過",
        K::Answered => "返信済み",
        K::NeedsLook => "要確認",
        K::LoadMore => "さらに読み込む",
        K::EmptyList => "この条件に一致するチケットはありません。",
        K::NewTicketOne => "新しいチケットが 1 件あります",
        K::NewTicketsMany => "新しいチケット：{n} 件",
        K::BackToInbox => "受信箱に戻る",
        K::Conversation => "やり取り",
        K::Customer => "顧客",
        K::AgentNamed => "{name}（エージェント）",
        K::InternalNote => "社内メモ — 顧客には表示されません",
        K::Reply => "返信",
        K::Note => "社内メモ",
        K::ReplyLabel => "顧客への返信",
        K::NoteLabel => "社内メモ（エージェントのみ閲覧可）",
        K::Send => "送信",
        K::AddNote => "メモを追加",
        K::Sending => "送信しています…",
        K::SendHint => "Ctrl+Enter または ⌘+Enter で送信します。",
        K::ReplySent => "返信を送信しました。",
        K::NoteAdded => "メモを追加しました。",
        K::ReplyingToo => "{name} さんも返信を書いています。このまま送信しますか？",
        K::SendAnyway => "このまま送信",
        K::AlsoViewing => "{name} さんもこのチケットを表示しています",
        K::TypingReply => "{name} さんが返信を入力しています…",
        K::Saved => "保存しました。",
        K::Actions => "チケットの操作",
        K::TakeIt => "自分が担当する",
        K::Reroute => "振り分け直す",
        K::RerouteTitle => "このチケットを振り分け直す",
        K::Queue => "キュー",
        K::Reason => "理由",
        K::RWrongTopic => "トピックの誤り",
        K::RWrongUrgency => "緊急度の誤り",
        K::RNeedsSpecialist => "専門担当者が必要",
        K::ROther => "その他",
        K::Details => "詳細",
        K::DetailsHint => "理由が「その他」の場合は必須です。",
        K::OpenedOn => "作成日時：{date}",
        K::FirstReply => "初回返信",
        K::Topic => "トピック",
        K::SeenTitle => "ユーザーが見ていたもの",
        K::SeenPage => "ページ",
        K::SeenLanguage => "言語",
        K::SeenIdentity => "本人確認",
        K::Verified => "確認済み",
        K::NotVerified => "未確認",
        K::Role => "種別",
        K::SeenOrder => "注文",
        K::OrderId => "注文番号",
        K::OrderStatus => "注文ステータス",
        K::PaymentStatus => "支払いステータス",
        K::Amount => "金額",
        K::SeenOnboarding => "登録手続き",
        K::Step => "ステップ",
        K::Blockers => "進行を妨げている問題",
        K::SeenSuggestions => "表示された提案",
        K::WhyShown => "この提案が表示された理由",
        K::SeenSearches => "検索",
        K::ResultsN => "結果：{n} 件",
        K::NoResults => "結果なし",
        K::SeenArticles => "読んだ記事",
        K::VoteUp => "役に立ったと評価",
        K::VoteDown => "役に立たなかったと評価",
        K::NoVote => "評価なし",
        K::SeenIncidents => "表示された障害のお知らせ",
        K::Impact => "影響：{impact}",
        K::SeenTriage => "このキューに振り分けられた理由",
        K::ModelVersion => "振り分けモデルのバージョン：{v}",
        K::RulesOnly => "ルールのみで振り分け",
        K::EarlierTickets => "過去のチケット",
        K::MaskedCards => "このチケット内のカード番号はマスクされています。",
        K::SeenFlow => "ガイドフロー：{flow}（v{version}）",
        K::SeenFlowUnversioned => "ガイドフロー：{flow}",
        K::FlowAnswer => "回答：{answer}",
        K::FlowInEnglish => "（{text}）",
        K::FlowNotSolved => "{article}を読んでも解決しなかった",
        K::FlowNotSolvedAnswer => "回答を読んでも解決しなかった",
        K::FlowBranched => "ページの情報で分岐",
        K::FlowNoFacts => "ページの情報で分岐（該当する情報なし）",
        K::TopicOrderNotArrived => "注文した商品が届かない",
        K::TopicRefund => "返金・返品",
        K::TopicPaymentFailed => "支払いができなかった",
        K::TopicDispute => "出品者・購入者とのトラブル",
        K::TopicAccount => "アカウントについて",
        K::TopicSellerVerification => "出品者の本人確認",
        K::TopicPayouts => "売上金の振込",
        K::TopicListing => "出品",
        K::TopicOther => "その他",
        K::Quoted => "「{text}」",
        K::WordSeparator => "、",
        K::TrTopic => "{queue}：顧客がトピック「{topic}」を選択しました",
        K::TrMessageWords => "{queue}：メッセージに{words}とあります",
        K::TrModelWords => {
            "{queue}：振り分けモデルが確信度{confidence}でこのキューと判定しました（主な根拠：{words}）"
        }
        K::TrAskedSellerPage => {
            "{queue}：同じページ（{page}）の出品者からの同様の質問は、主にこのキューの担当です"
        }
        K::TrAskedBuyerPage => {
            "{queue}：同じページ（{page}）の購入者からの同様の質問は、主にこのキューの担当です"
        }
        K::TrAskedPage => {
            "{queue}：同じページ（{page}）からの同様の質問は、主にこのキューの担当です"
        }
        K::TrAskedSeller => "{queue}：出品者からの同様の質問は、主にこのキューの担当です",
        K::TrAskedBuyer => "{queue}：購入者からの同様の質問は、主にこのキューの担当です",
        K::TrAsked => "{queue}：同様の質問は、主にこのキューの担当です",
        K::TrAccountTakeover => {
            "第三者が顧客のアカウントにアクセスしている可能性があります：{words}と書かれています"
        }
        K::TrPayoutDetailsChanged => {
            "出品者の振込先情報が第三者に変更された可能性があります：{words}"
        }
        K::TrRepeatedCharge => "顧客に複数回の請求があります：{words}",
        K::TrUnauthorisedCharge => "顧客に身に覚えのない請求があります：{words}",
        K::TrThreat => "顧客が脅迫や嫌がらせについて書いています：{words}",
        K::TrProductSafety => "商品が安全でない可能性があります：{words}",
        K::TrLockedOut => "顧客が支払いも売上の受け取りもできない状態です：{words}",
        K::TrLegalDeadline => "顧客が法的な期限について書いています：{words}",
        K::TrReadsUrgent => {
            "ルールには該当しませんが、緊急度モデルが信頼度{confidence}で緊急と判断しました。主な語：{words}"
        }
        K::TrPaymentFailed => "購入手続きで決済に失敗しました",
        K::TrPaymentFailedStatus => "購入手続きで決済に失敗しました（支払いステータス：{status}）",
        K::TrIncidentMajor => "{queue}の領域で重大な障害が発生しています",
        K::TrIncidentCritical => "{queue}の領域で深刻な障害が発生しています",
        K::TrLargeOrder => "注文金額は{amount}です：{threshold}以上の注文を優先しています",
        K::TrPayoutsBlocked => "出品者の売上の振込が停止されています",
        K::TrPayoutAccountFailed => "出品者の振込先口座が承認されませんでした",
        K::TrPayoutDelayed => "出品者の振込が保留されています：{words}と書かれています",
        K::TrChargeback => "顧客がチャージバックについて書いています：{words}",
        K::TrLegalThreat => "顧客が法的措置について書いています：{words}",
        K::TrFraudClaim => "顧客が詐欺について書いています：{words}",
        K::TrNothingAtStake => "緊急ではありません：一般的な質問です",
        K::TrNothingUrgent => "緊急の内容は見つかりませんでした",
        K::TrUnsure => {
            "振り分けでキューを特定できませんでした：確認し、必要なら振り分け直してください"
        }
        K::TrUnknown => {
            "このバージョンのコンソールでは表示できない理由があります：ページを再読み込みしてください"
        }
        K::FactPageUrl => "ページのアドレス",
        K::FactPageTitle => "ページのタイトル",
        K::FactPlacedAt => "注文日",
        K::FactPromisedBy => "お届け予定日",
        K::FactShippedAt => "発送日",
        K::FactDeliveredAt => "配達日",
        K::FactCurrency => "通貨",
        K::FactOnboardingStep => "登録ステップ",
        K::FactOnboardingCompleted => "登録完了",
        K::FactActiveIncidents => "発生中の障害",
        K::ShortcutsTitle => "キーボードショートカット",
        K::Key => "キー",
        K::Action => "操作",
        K::ShortcutNext => "次のチケットを選択",
        K::ShortcutPrev => "前のチケットを選択",
        K::ShortcutOpen => "選択したチケットを開く",
        K::ShortcutReply => "返信欄へ移動",
        K::ShortcutAssign => "開いているチケットを自分に割り当て",
        K::ShortcutBack => "受信箱に戻る、またはダイアログを閉じる",
        K::ShortcutHelp => "この一覧を表示",
        K::ShortcutSend => "送信（返信欄で）",
        K::StatusPageTitle => "ステータスページ",
        K::Sections => "セクション",
        K::AdminsOnly => "ステータスページを管理できるのは管理者だけです。",
        K::AdminsOnlyHint => "インシデントの作成や更新は管理者に依頼してください。",
        K::OpenNowTitle => "対応中のインシデントとメンテナンス",
        K::NothingOpen => "対応中のインシデントや予定されたメンテナンスはありません。",
        K::KindIncident => "インシデント",
        K::KindMaintenance => "メンテナンス",
        K::Components => "コンポーネント",
        K::EveryPage => "指定なし：すべてのページが対象",
        K::Window => "期間",
        K::WindowText => "{from}～{until}",
        K::LatestUpdate => "最新の更新",
        K::PostUpdate => "更新を投稿",
        K::Resolve => "解決済みにする",
        K::UpdateFormLabel => "「{name}」を更新",
        K::UpdateSubmit => "更新を投稿",
        K::ResolveSubmit => "インシデントを解決済みにする",
        K::ResolveHint => "解決時は任意：空欄の場合、インシデントが解決したと表示されます。",
        K::UpdateMessageHint => {
            "ウィジェットのバナーに表示されます。最新の更新が前の内容に置き換わります。"
        }
        K::WhatToPublish => "公開する内容",
        K::OpenIncident => "インシデントを作成",
        K::ScheduleMaintenance => "メンテナンスを予定",
        K::Name => "名前",
        K::ImpactLabel => "影響",
        K::Message => "メッセージ",
        K::MessageHint => {
            "ウィジェットのバナーで名前の下に表示されます。空欄の場合は名前が使われます。"
        }
        K::Starts => "開始",
        K::Ends => "終了",
        K::TimeZoneHint => "お使いのタイムゾーン（{zone}）の時刻です。",
        K::AffectedComponents => "影響を受けるコンポーネント",
        K::ComponentsHint => "選択しない場合は、すべてのページが対象になります。",
        K::ShowsOn => "表示先：{pages}",
        K::ShowsNowhere => "どのページにも表示されません",
        K::NoComponents => "ステータスページにはまだコンポーネントがありません。",
        K::OpenIncidentSubmit => "インシデントを作成",
        K::ScheduleSubmit => "予定する",
        K::IncidentOpened => "インシデントを作成しました：{name}",
        K::UpdatePosted => "更新を投稿しました：{name}",
        K::IncidentResolved => "インシデントを解決しました：{name}",
        K::MaintenanceScheduled => "メンテナンスを予定しました：{name}",
        K::ImpNone => "なし",
        K::ImpMinor => "軽微",
        K::ImpMajor => "重大",
        K::ImpCritical => "致命的",
        K::StInvestigating => "調査中",
        K::StIdentified => "原因特定",
        K::StMonitoring => "経過観察中",
        K::StResolved => "解決済み",
        K::StPostmortem => "事後分析",
        K::StScheduled => "予定",
        K::StInProgress => "実施中",
        K::StVerifying => "確認中",
        K::StCompleted => "完了",
        K::PreviewTitle => "バナーのプレビュー",
        K::PreviewHint => {
            "各デモページでウィジェットが表示するバナー（現在と、入力中の内容を公開した後）。"
        }
        K::PreviewNow => "現在",
        K::PreviewAfter => "公開後",
        K::NoBanner => "バナーなし。",
        K::NoChange => "変更なし。",
        K::Untitled => "（名前未入力）",
        K::SevNone => "すべてのシステムが正常に稼働中",
        K::SevCritical => "大規模な障害",
        K::SevMajor => "一部の障害",
        K::SevMinor => "サービスの不具合",
        K::SevMaintenance => "メンテナンス",
        K::SevScheduled => "計画メンテナンス",
        K::ProbTooMany => "最大{n}個までです。",
        K::ProbDateTime => "日付と時刻を入力してください。",
        K::ProbNotAfter => "開始より後にしてください。",
        K::ProbOneLine => "1行で入力してください。",
        K::ProbOneOf => "選択肢から選んでください。",
        K::InsightsTitle => "インサイト",
        K::InsightsIntro => {
            "期間は UTC の日単位です。各割合の後ろの括弧内は 95% 信頼区間です。「—」は算出の対象がないことを表します。"
        }
        K::Period => "期間",
        K::PeriodFrom => "開始日",
        K::PeriodTo => "終了日",
        K::Last7 => "過去 7 日間",
        K::Last28 => "過去 28 日間",
        K::LastMonth => "先月",
        K::PeriodMissing => "開始日と終了日の両方を入力してください。",
        K::PeriodReversed => "開始日は終了日より後にできません。",
        K::PeriodTooLong => "最長 {n} 日です。",
        K::CutBy => "切り口",
        K::CutIdentified => "本人確認済み",
        K::CutReturning => "再訪問者",
        K::ReportsLoaded => "{from} から {to} までのレポートを読み込みました。",
        K::ReportsPartial => "一部のレポートを読み込めませんでした。",
        K::LiveAsOf => {
            "今日と昨日の数値は {time} UTC に集計されたものです。イベントが多いため、誰かが見ている間はおよそ 1 分ごとに集計し直します。"
        }
        K::NotLoaded => "このレポートを読み込めませんでした。",
        K::DownloadCsv => "CSV をダウンロード",
        K::Percent => "{n}%",
        K::RateInterval => "{rate}（{low}–{high}）",
        K::RateSpoken => "{rate}、95% 信頼区間 {low}～{high}",
        K::NoFigure => "値なし",
        K::Withheld => "秘匿",
        K::HiddenCount => "非表示",
        K::CountsLegend => {
            "「< {k}」：{k} 人未満。「{withheld}」：{k} 人以上ですが、少ない人数が他の値から割り出されないよう伏せています。「{hidden}」：この期間は人数が少なすぎて、どの人数も表示できません。"
        }
        K::FunnelTitle => "セルフサービスのファネル",
        K::FunnelCaption => "ウィジェットを開いた人とその後の結果（コホート別：{cut}）",
        K::ColOpened => "開いた",
        K::ColLeft => "何もせず離脱",
        K::ColContacted => "直接問い合わせ",
        K::ColConfirmed => "確認済み（役に立った票）",
        K::ColAssumed => "推定（{n} 時間以内にチケットなし）",
        K::ColPending => "保留中",
        K::ColEscalated => "エスカレーション（チケット送信）",
        K::ColEngagedRate => "エンゲージ率",
        K::ColConfirmedRate => "確認率",
        K::ColAssumedRate => "推定率",
        K::ColEscalatedRate => "エスカレーション率",
        K::ColResolvedInFlow => "ガイドフローで解決",
        K::ColResolvedInFlowRate => "フロー内解決率",
        K::FunnelHint => {
            "ウィジェットを開いた人は、それぞれ 1 つの結果にだけ数えられます。ガイドフローで解決：ガイドフローを「解決しました」で終え、チケットを送信しなかった人（記事に役に立った票を入れていても、確認済みではなくこちらに数えます）。保留中：{n} 時間以内に自己解決を試み、まだチケットがない人。エンゲージ率：ウィジェットを開いた人のうち、自分で解決を試みた（検索した、記事を読んだ、提案やガイドフローをたどった）人の割合。その他の割合は自己解決を試みた人に対するものです。確認済み、ガイドフローでの解決、推定の解決は合算しません。"
        }
        K::Everyone => "全体",
        K::NotGiven => "不明",
        K::Yes => "はい",
        K::No => "いいえ",
        K::ChartTitle => "コホート別エンゲージ率（{cut}）",
        K::ChartSummary => "{title}（95% 信頼区間付き）：{items}。",
        K::ChartItemSeparator => "／",
        K::UnlinkedOne => {
            "Global Privacy Control が有効なブラウザからのイベント {n} 件は、集計されますが紐付けられません。"
        }
        K::UnlinkedMany => {
            "Global Privacy Control が有効なブラウザからのイベント {n} 件は、集計されますが紐付けられません。"
        }
        K::SearchTitle => "検索",
        K::Searches => "検索数",
        K::Searchers => "検索した人",
        K::ZeroResultRate => "結果ゼロの検索",
        K::SearchThenTicket => "検索後にチケットを送信した人",
        K::ZeroQueriesCaption => "結果ゼロの主な検索語",
        K::ColQuery => "検索語",
        K::ColPeople => "人数",
        K::NoZeroQueries => "{k} 人以上が行った結果ゼロの検索はありません。",
        K::ArticlesTitle => "記事",
        K::ArticlesCaption => "読者数順の記事（多い順）",
        K::ColArticle => "記事",
        K::ColViews => "表示回数",
        K::ColReaders => "読者数",
        K::ColHelpful => "役に立った票",
        K::ColContactAfter => "閲覧後にチケット送信",
        K::NoArticles => "この期間に読まれた記事はありません。",
        K::FlowsTitle => "ガイドフロー",
        K::FlowsHint => {
            "フローはバージョンごとに別々に数えます（編集したフローは新しい系列になります）。ステップに到達した人は「ここで解決」「ここで担当者へ引き継ぎ」「ここで離脱」「次へ進んだ」のいずれか 1 つにだけ数えられます。割合はそのステップに到達した人に対するものです。1 人が複数のステップに到達するため、ステップ同士は合算しません。"
        }
        K::FlowStepsCaption => "「{title}」バージョン {version} のステップ（到達した順）",
        K::FlowVersion => "v{n}",
        K::FlowCurrent => "現行バージョン",
        K::FlowEarlier => "以前のバージョン",
        K::ColStep => "ステップ",
        K::ColReached => "到達",
        K::ColResolvedHere => "ここで解決",
        K::ColHandedOffHere => "ここで担当者へ引き継ぎ",
        K::ColAbandonedHere => "ここで離脱",
        K::ColWentOn => "次へ進んだ",
        K::ColResolvedRate => "解決率",
        K::ColHandedOffRate => "引き継ぎ率",
        K::ColAbandonedRate => "離脱率",
        K::NoFlows => "この期間に表示されたガイドフローはありません。",
        K::ResponsesTitle => "初回応答",
        K::ResponsesCaption => {
            "キュー・優先度ごとの目標に対する初回応答（期間内に送信されたチケット）"
        }
        K::ColWithinTarget => "目標内に応答",
        K::ColP50 => "中央値（分）",
        K::ColP90 => "90 パーセンタイル（分）",
        K::ColSolved => "解決済み",
        K::ColCsatResponse => "満足度の回答率",
        K::ColSatisfied => "満足（5段階中4〜5）",
        K::NoTickets => "この期間に送信されたチケットはありません。",
        K::RepeatsTitle => "再問い合わせ（7 日間）",
        K::RepeatsCaption => {
            "同じ人から 7 日以内に次のチケットが届いたチケット（キュー・トピック別）"
        }
        K::ColByTickets => "チケット単位の割合",
        K::ColByPeople => "人単位の割合",
        K::TriageTitle => "振り分けの精度",
        K::Rerouted => "担当者が振り分け直した割合",
        K::QueueAccuracy => "キューの精度",
        K::PriorityAccuracy => "優先度の精度",
        K::TriageChartTitle => "週ごとのキューの精度",
        K::WeekOf => "{date} からの週",
        K::ColWeek => "週",
        K::QueueConfusionCaption => {
            "キュー：振り分けが入れた先（行）と担当者が最終的に置いた先（列）"
        }
        K::PriorityConfusionCaption => {
            "優先度：振り分けが付けたもの（行）と担当者が最終的に付けたもの（列）"
        }
        K::TriagedCorrected => "振り分け",
        K::DriftTopics => "トピックの構成",
        K::DriftQueues => "キューの構成",
        K::DriftStable => "安定：直近 7 日間はその前の 28 日間と同様です（安定性指数 {index}）。",
        K::DriftModerate => {
            "変化中：直近 7 日間はその前の 28 日間と異なります（安定性指数 {index}）。"
        }
        K::DriftSignificant => {
            "変化あり：直近 7 日間はその前の 28 日間と明らかに異なります（安定性指数 {index}）。今週のチケットの振り分けを確認してください。"
        }
        K::DriftUnknown => {
            "どちらかの期間のチケットが少なすぎて、直近 7 日間とその前の 28 日間を比較できません。"
        }
        K::ColLast7 => "直近 7 日間",
        K::ColBefore28 => "その前の 28 日間",
        K::TriageHint => {
            "担当者が振り分け直さなかったチケットを正しく振り分けられたものと数えます。精度は期間内に作成されたチケットが対象です。構成は期間の直近 7 日間とその前の 28 日間を比較します（母集団安定性指数：0.1 未満は安定、0.25 以上は変化あり）。"
        }
        K::ExperimentsTitle => "実験",
        K::ExperimentsHint => {
            "各実験は上の期間ではなく、実施期間全体で集計します。区間は 95% 信頼系列で、何度確認しても有効なため、結果はいつ読んでもかまいません。"
        }
        K::NoExperiments => "コンテンツフォルダーに実験が定義されていません（experiments.toml）。",
        K::ExpRunning => "実施中：新しい人は引き続き各バリアントに割り当てられます。",
        K::ExpStopped => "停止：全員にルール本来の記事が表示されます。",
        K::ExpRule => "ルール「{rule}」が提案する記事を変えています。",
        K::ExpRuleReason => {
            "ルール「{rule}」について「このおすすめが表示される理由」が示す理由を変えています。"
        }
        K::ExpNudgeWording => "ルール「{rule}」の案内の文言を変えています。",
        K::ExpNudgeHoldout => "ルール「{rule}」の案内を一部の人に表示していません。",
        K::ExpArticleText => "記事「{article}」の本文を変えています。",
        K::ExpStatusFirst => {
            "障害の発生中、状況をお問い合わせフォームの上に表示するか、フォームの前の手順として表示します。"
        }
        K::ExpLargeOrder => {
            "注文に関するチケットを優先する注文金額（トリアージのしきい値）を変えます。"
        }
        K::ExpVerdict => "判定：",
        K::VerdictVariantBetter => "バリアント {n}（{article}）のほうが{metric}で優れています。",
        K::VerdictControlBetter => {
            "コントロールのほうが優れています：ルール本来の記事（{article}）が{metric}ですべてのバリアントを上回っています。"
        }
        K::VerdictNoDifference => "まだ差はありません：実験を続けてください。",
        K::VerdictUntrustworthy => {
            "信頼できません：露出数が計画した配分と一致しません（{p}）。割り当てか集計に誤りがあるため、ここの結果はどれも信頼できません。"
        }
        K::VerdictStoppedGuardrail => {
            "停止：バリアント {n} で{metric}が悪化しました。現在は全員にコントロールが表示されます。"
        }
        K::VerdictStopped => {
            "停止：運用担当者が停止したか、コンテンツフォルダーから削除されました。"
        }
        K::Control => "コントロール",
        K::VariantN => "バリアント {n}",
        K::MetricResolved => "セルフサービスでの解決",
        K::MetricTickets => "チケット送信",
        K::MetricRepeat => "再問い合わせ（チケット 2 件以上）",
        K::MetricResolvedIn => "セルフサービスでの解決率",
        K::MetricTicketsIn => "チケット送信率",
        K::MetricRepeatIn => "再問い合わせ率",
        K::MetricUnsatisfied => "サポートを 5 段階中 1〜3 と評価",
        K::MetricUnsatisfiedIn => "サポートに不満な人の割合",
        K::MetricPrimary => "{metric}（主指標）",
        K::MetricGuardrail => "{metric}（ガードレール）",
        K::ExpVariantsCaption => {
            "バリアント：露出した人数と、その中での各指標の割合（95% 区間付き）"
        }
        K::ColVariant => "バリアント",
        K::ColPlannedShare => "計画配分",
        K::ColExposed => "露出した人数",
        K::ExpComparisonsCaption => {
            "各バリアントとコントロールの比較：差（パーセントポイント）の 95% 信頼系列（いつ確認しても有効）"
        }
        K::ColComparison => "比較",
        K::ColMetric => "指標",
        K::ColDifference => "差（パーセントポイント）",
        K::ColOutcome => "結果",
        K::VsControl => "バリアント {n} 対 コントロール",
        K::PointsRange => "{low}～{high} ポイント",
        K::OutcomeBetter => "優れている",
        K::OutcomeWorse => "劣っている",
        K::OutcomeNoDifference => "まだ差なし",
        K::SampleRatioOk => "サンプル比率チェック：{p}。露出数は計画した配分と一致しています。",
        K::SampleRatioMismatch => "サンプル比率チェック：{p}。露出数が計画した配分と一致しません。",
        K::ExpHistory => "履歴",
        K::ExpNoHistory => "まだ記録はありません。",
        K::AuditStarted => "開始",
        K::AuditChanged => "定義を変更",
        K::AuditStopped => "停止",
        K::ExpLegend => {
            "「< {k}」：人数が少なすぎて表示できません。結果に該当する人、または該当しない人が少なすぎる間は、割合は「—」と表示されます。"
        }
        K::DecimalMark => ".",
    }
}

fn ar(key: K) -> &'static str {
    match key {
        K::AppName => "وحدة تحكم Signpost",
        K::SkipToMain => "الانتقال إلى المحتوى الرئيسي",
        K::Language => "اللغة",
        K::SignOut => "تسجيل الخروج",
        K::Shortcuts => "اختصارات لوحة المفاتيح",
        K::LiveOn => "التحديثات المباشرة مفعّلة",
        K::LivePolling => "انقطعت التحديثات المباشرة: يجري التحقق كل 10 ثوانٍ",
        K::Loading => "جارٍ التحميل…",
        K::Close => "إغلاق",
        K::Cancel => "إلغاء",
        K::SignInTitle => "تسجيل الدخول إلى وحدة تحكم الدعم",
        K::Email => "البريد الإلكتروني",
        K::Password => "كلمة المرور",
        K::SignIn => "تسجيل الدخول",
        K::SigningIn => "جارٍ تسجيل الدخول…",
        K::WrongCredentials => "البريد الإلكتروني أو كلمة المرور غير صحيحة.",
        K::TooManyAttempts => "محاولات كثيرة جدًا. أعد المحاولة بعد {time}.",
        K::SessionEnded => "انتهت جلستك. سجّل الدخول مرة أخرى.",
        K::DeskUnreachable => "لم تستجب خدمة الدعم ({detail}). أعد المحاولة بعد قليل.",
        K::PasswordSaved => "حُفظت كلمة المرور. سجّل الدخول بها.",
        K::SetPasswordTitle => "اختر كلمة المرور",
        K::NewPassword => "كلمة المرور الجديدة",
        K::ConfirmPassword => "تأكيد كلمة المرور",
        K::PasswordHint => "من 12 إلى 256 حرفًا، ولا تكون عنوان بريدك الإلكتروني.",
        K::PasswordsDiffer => "كلمتا المرور غير متطابقتين.",
        K::SavePassword => "حفظ وتسجيل الدخول",
        K::Saving => "جارٍ الحفظ…",
        K::LinkExpired => {
            "هذا الرابط غير معروف أو مستخدم أو منتهي الصلاحية. اطلب رابطًا جديدًا من المسؤول."
        }
        K::ProbRequired => "حقل مطلوب.",
        K::ProbTooShort => "{n} حرفًا على الأقل.",
        K::ProbTooLong => "{n} حرفًا على الأكثر.",
        K::ProbNotEmail => "أدخل عنوان بريد إلكتروني مثل name@example.com.",
        K::ProbInvalid => "هذه القيمة غير مقبولة.",
        K::ErrorGeneric => "لم تنجح العملية ({detail}). أعد المحاولة.",
        K::Forbidden => "ليس لديك إذن بهذا الإجراء.",
        K::TicketNotFound => "لا توجد تذكرة بهذا المعرّف.",
        K::InboxTitle => "صندوق الوارد",
        K::Views => "طرق العرض",
        K::ViewAll => "كل التذاكر المفتوحة",
        K::OpenN => "المفتوحة: {n}",
        K::OverdueN => "المتأخرة: {n}",
        K::QPayments => "المدفوعات",
        K::QOrders => "الطلبات",
        K::QDisputes => "النزاعات",
        K::QSellers => "البائعون",
        K::QPayouts => "تحويلات الأرباح",
        K::QGeneral => "عام",
        K::Filters => "عوامل التصفية",
        K::Status => "الحالة",
        K::StatusOpen => "مفتوحة",
        K::StatusPending => "معلّقة",
        K::StatusSolved => "محلولة",
        K::Priority => "الأولوية",
        K::PUrgent => "عاجلة",
        K::PHigh => "عالية",
        K::PNormal => "عادية",
        K::PLow => "منخفضة",
        K::Assignee => "المسؤول",
        K::Mine => "تذاكري",
        K::Unassigned => "غير مُسندة",
        K::Surface => "الصفحة",
        K::SCheckout => "إتمام الشراء",
        K::SOrder => "صفحة الطلب",
        K::SOnboarding => "تسجيل البائع",
        K::SOther => "صفحة أخرى",
        K::Audience => "نوع المستخدم",
        K::Buyer => "مشترٍ",
        K::Seller => "بائع",
        K::CustomerLanguage => "لغة العميل",
        K::Due => "موعد الرد الأول",
        K::Any => "الكل",
        K::DueWithinHour => "يحين خلال ساعة",
        K::Overdue => "متأخرة",
        K::ClearFilters => "إعادة ضبط عوامل التصفية",
        K::Tickets => "التذاكر",
        K::ColTicket => "التذكرة",
        K::ColSubject => "الموضوع",
        K::ColRequester => "مقدّم الطلب",
        K::ColQueue => "قائمة الانتظار",
        K::ColAssignee => "المسؤول",
        K::ColDue => "الرد الأول",
        K::NoEmail => "لا يوجد بريد إلكتروني",
        K::Left => "متبقٍ {time}",
        K::OverdueBy => "متأخرة بمقدار {time}",
        K::Answered => "تم الرد",
        K::NeedsLook => "تحتاج إلى مراجعة",
        K::LoadMore => "تحميل المزيد",
        K::EmptyList => "لا توجد تذاكر تطابق عوامل التصفية هذه.",
        K::NewTicketOne => "تذكرة جديدة واحدة",
        K::NewTicketsMany => "تذاكر جديدة: {n}",
        K::BackToInbox => "العودة إلى صندوق الوارد",
        K::Conversation => "المحادثة",
        K::Customer => "العميل",
        K::AgentNamed => "{name} (وكيل دعم)",
        K::InternalNote => "ملاحظة داخلية — لا يراها العميل",
        K::Reply => "رد",
        K::Note => "ملاحظة داخلية",
        K::ReplyLabel => "الرد على العميل",
        K::NoteLabel => "ملاحظة داخلية، يراها الوكلاء فقط",
        K::Send => "إرسال",
        K::AddNote => "إضافة الملاحظة",
        K::Sending => "جارٍ الإرسال…",
        K::SendHint => "اضغط Ctrl+Enter أو ⌘+Enter للإرسال.",
        K::ReplySent => "أُرسل الرد.",
        K::NoteAdded => "أُضيفت الملاحظة.",
        K::ReplyingToo => "{name} يكتب ردًا أيضًا. هل تريد الإرسال على أي حال؟",
        K::SendAnyway => "الإرسال على أي حال",
        K::AlsoViewing => "{name} يطّلع على هذه التذكرة أيضًا",
        K::TypingReply => "{name} يكتب ردًا…",
        K::Saved => "تم الحفظ.",
        K::Actions => "إجراءات التذكرة",
        K::TakeIt => "تولَّ التذكرة",
        K::Reroute => "إعادة التوجيه",
        K::RerouteTitle => "إعادة توجيه هذه التذكرة",
        K::Queue => "قائمة الانتظار",
        K::Reason => "السبب",
        K::RWrongTopic => "موضوع خاطئ",
        K::RWrongUrgency => "درجة استعجال خاطئة",
        K::RNeedsSpecialist => "تحتاج إلى مختص",
        K::ROther => "سبب آخر",
        K::Details => "التفاصيل",
        K::DetailsHint => "مطلوبة عندما يكون السبب «سبب آخر».",
        K::OpenedOn => "فُتحت في {date}",
        K::FirstReply => "الرد الأول",
        K::Topic => "الموضوع المختار",
        K::SeenTitle => "ما رآه المستخدم",
        K::SeenPage => "الصفحة",
        K::SeenLanguage => "اللغة",
        K::SeenIdentity => "الهوية",
        K::Verified => "موثّقة",
        K::NotVerified => "غير موثّقة",
        K::Role => "الدور",
        K::SeenOrder => "الطلب",
        K::OrderId => "رقم الطلب",
        K::OrderStatus => "حالة الطلب",
        K::PaymentStatus => "حالة الدفع",
        K::Amount => "المبلغ",
        K::SeenOnboarding => "التسجيل",
        K::Step => "الخطوة",
        K::Blockers => "العوائق",
        K::SeenSuggestions => "الاقتراحات المعروضة",
        K::WhyShown => "لماذا أرى هذا؟",
        K::SeenSearches => "عمليات البحث",
        K::ResultsN => "النتائج: {n}",
        K::NoResults => "لا توجد نتائج",
        K::SeenArticles => "المقالات المقروءة",
        K::VoteUp => "قيّمها مفيدة",
        K::VoteDown => "قيّمها غير مفيدة",
        K::NoVote => "بلا تقييم",
        K::SeenIncidents => "تنبيهات الأعطال المعروضة",
        K::Impact => "التأثير: {impact}",
        K::SeenTriage => "سبب توجيهها إلى هنا",
        K::ModelVersion => "إصدار نموذج الفرز: {v}",
        K::RulesOnly => "وُجّهت بالقواعد فقط",
        K::EarlierTickets => "تذاكر سابقة",
        K::MaskedCards => "أُخفيت أرقام البطاقات في هذه التذكرة.",
        K::SeenFlow => "المسار الموجَّه: {flow} (الإصدار {version})",
        K::SeenFlowUnversioned => "المسار الموجَّه: {flow}",
        K::FlowAnswer => "الإجابة: {answer}",
        K::FlowInEnglish => "({text})",
        K::FlowNotSolved => "قرأ {article} وما زال بحاجة إلى المساعدة",
        K::FlowNotSolvedAnswer => "قرأ الإجابة وما زال بحاجة إلى المساعدة",
        K::FlowBranched => "حدّدته بيانات الصفحة",
        K::FlowNoFacts => "حدّدته بيانات الصفحة (لم يكن أيٌّ منها متوفرًا)",
        K::TopicOrderNotArrived => "لم يصل طلبي",
        K::TopicRefund => "الاسترداد والإرجاع",
        K::TopicPaymentFailed => "تعذّر إتمام عملية دفع",
        K::TopicDispute => "مشكلة مع بائع أو مشترٍ",
        K::TopicAccount => "حسابي",
        K::TopicSellerVerification => "التحقق من البائع",
        K::TopicPayouts => "تحويل المستحقات",
        K::TopicListing => "المنتجات المعروضة",
        K::TopicOther => "موضوع آخر",
        K::Quoted => "«{text}»",
        K::WordSeparator => "، ",
        K::TrTopic => "{queue}: اختار العميل الموضوع «{topic}»",
        K::TrMessageWords => "{queue}: الرسالة تذكر {words}",
        K::TrModelWords => {
            "{queue}: وضع نموذج الفرز الرسالة هنا بثقة {confidence}، بسبب {words} أساسًا"
        }
        K::TrAskedSellerPage => {
            "{queue}: معظم الأسئلة المشابهة من البائعين في الصفحة نفسها ({page}) تخص قائمة الانتظار هذه"
        }
        K::TrAskedBuyerPage => {
            "{queue}: معظم الأسئلة المشابهة من المشترين في الصفحة نفسها ({page}) تخص قائمة الانتظار هذه"
        }
        K::TrAskedPage => {
            "{queue}: معظم الأسئلة المشابهة من الصفحة نفسها ({page}) تخص قائمة الانتظار هذه"
        }
        K::TrAskedSeller => "{queue}: معظم الأسئلة المشابهة من البائعين تخص قائمة الانتظار هذه",
        K::TrAskedBuyer => "{queue}: معظم الأسئلة المشابهة من المشترين تخص قائمة الانتظار هذه",
        K::TrAsked => "{queue}: معظم الأسئلة المشابهة تخص قائمة الانتظار هذه",
        K::TrAccountTakeover => "ربما دخل شخص آخر إلى حساب العميل: كتب {words}",
        K::TrPayoutDetailsChanged => "ربما غيّر شخص آخر بيانات تحويلات البائع: {words}",
        K::TrRepeatedCharge => "خُصم المبلغ من العميل أكثر من مرة: {words}",
        K::TrUnauthorisedCharge => "عملية خصم لم يقم بها العميل: {words}",
        K::TrThreat => "يذكر العميل تهديدات أو مضايقات: {words}",
        K::TrProductSafety => "قد يكون أحد المنتجات غير آمن: {words}",
        K::TrLockedOut => "لا يستطيع العميل الدفع أو استلام تحويلاته: {words}",
        K::TrLegalDeadline => "يذكر العميل موعدًا قانونيًا نهائيًا: {words}",
        K::TrReadsUrgent => {
            "لم تنطبق أي قاعدة، لكن نموذج الأولوية قرأ الرسالة كعاجلة بثقة {confidence}، خاصة بسبب {words}"
        }
        K::TrPaymentFailed => "فشل الدفع عند إتمام الشراء",
        K::TrPaymentFailedStatus => "فشل الدفع عند إتمام الشراء (حالة الدفع: {status})",
        K::TrIncidentMajor => "عطل كبير مفتوح يؤثر على مجال {queue}",
        K::TrIncidentCritical => "عطل حرج مفتوح يؤثر على مجال {queue}",
        K::TrLargeOrder => "قيمة الطلب {amount}: الطلبات بقيمة {threshold} أو أكثر لها الأولوية",
        K::TrPayoutsBlocked => "تحويلات البائع موقوفة",
        K::TrPayoutAccountFailed => "تم رفض حساب التحويل الخاص بالبائع",
        K::TrPayoutDelayed => "تحويلات البائع معلّقة: كتب {words}",
        K::TrChargeback => "يذكر العميل استرداد مبلغ عبر البنك: {words}",
        K::TrLegalThreat => "يذكر العميل إجراءات قانونية: {words}",
        K::TrFraudClaim => "يذكر العميل احتيالًا: {words}",
        K::TrNothingAtStake => "لا شيء عاجل: سؤال عام",
        K::TrNothingUrgent => "لم يُعثر على شيء عاجل",
        K::TrUnsure => {
            "لم يكن الفرز متأكدًا من قائمة الانتظار: تحقّق منها وأعد توجيه التذكرة عند الحاجة"
        }
        K::TrUnknown => "سبب لا يستطيع هذا الإصدار من وحدة التحكم عرضه: أعد تحميل الصفحة لقراءته",
        K::FactPageUrl => "رابط الصفحة",
        K::FactPageTitle => "عنوان الصفحة",
        K::FactPlacedAt => "تاريخ الطلب",
        K::FactPromisedBy => "موعد التسليم الموعود",
        K::FactShippedAt => "تاريخ الشحن",
        K::FactDeliveredAt => "تاريخ التسليم",
        K::FactCurrency => "العملة",
        K::FactOnboardingStep => "خطوة التسجيل",
        K::FactOnboardingCompleted => "اكتمل التسجيل",
        K::FactActiveIncidents => "الأعطال النشطة",
        K::ShortcutsTitle => "اختصارات لوحة المفاتيح",
        K::Key => "المفتاح",
        K::Action => "الإجراء",
        K::ShortcutNext => "تحديد التذكرة التالية",
        K::ShortcutPrev => "تحديد التذكرة السابقة",
        K::ShortcutOpen => "فتح التذكرة المحددة",
        K::ShortcutReply => "الانتقال إلى مربع الرد",
        K::ShortcutAssign => "إسناد التذكرة المفتوحة إليّ",
        K::ShortcutBack => "العودة إلى صندوق الوارد أو إغلاق مربع حوار",
        K::ShortcutHelp => "عرض هذه القائمة",
        K::ShortcutSend => "الإرسال، من مربع الرد",
        K::StatusPageTitle => "صفحة الحالة",
        K::Sections => "الأقسام",
        K::AdminsOnly => "يمكن للمسؤولين فقط إدارة صفحة الحالة.",
        K::AdminsOnlyHint => "اطلب من أحد المسؤولين فتح حادثة أو تحديثها.",
        K::OpenNowTitle => "الحوادث وأعمال الصيانة المفتوحة",
        K::NothingOpen => "لا شيء مفتوح: لا حوادث ولا صيانة مجدولة.",
        K::KindIncident => "حادثة",
        K::KindMaintenance => "صيانة",
        K::Components => "المكونات",
        K::EveryPage => "لا شيء محدد: يخص كل الصفحات",
        K::Window => "الفترة",
        K::WindowText => "من {from} إلى {until}",
        K::LatestUpdate => "آخر تحديث",
        K::PostUpdate => "نشر تحديث",
        K::Resolve => "وضع علامة كمحلولة",
        K::UpdateFormLabel => "تحديث «{name}»",
        K::UpdateSubmit => "نشر التحديث",
        K::ResolveSubmit => "حل الحادثة",
        K::ResolveHint => "اختيارية عند الحل: بدون رسالة، تذكر الصفحة أن الحادثة قد حُلّت.",
        K::UpdateMessageHint => "تظهر في شريط الأداة: يحل أحدث تحديث محل السابق.",
        K::WhatToPublish => "ما الذي تريد نشره",
        K::OpenIncident => "فتح حادثة",
        K::ScheduleMaintenance => "جدولة صيانة",
        K::Name => "الاسم",
        K::ImpactLabel => "التأثير",
        K::Message => "الرسالة",
        K::MessageHint => "تظهر تحت الاسم في شريط الأداة. إن تُركت فارغة، يُستخدم الاسم.",
        K::Starts => "البداية",
        K::Ends => "النهاية",
        K::TimeZoneHint => "بتوقيت منطقتك الزمنية ({zone}).",
        K::AffectedComponents => "المكونات المتأثرة",
        K::ComponentsHint => "إن لم تختر شيئًا، فهي تخص كل الصفحات.",
        K::ShowsOn => "يظهر في: {pages}",
        K::ShowsNowhere => "لا يظهر في أي صفحة",
        K::NoComponents => "لا تحتوي صفحة الحالة على مكونات بعد.",
        K::OpenIncidentSubmit => "فتح الحادثة",
        K::ScheduleSubmit => "جدولة",
        K::IncidentOpened => "تم فتح الحادثة: {name}",
        K::UpdatePosted => "تم نشر التحديث: {name}",
        K::IncidentResolved => "تم حل الحادثة: {name}",
        K::MaintenanceScheduled => "تمت جدولة الصيانة: {name}",
        K::ImpNone => "لا شيء",
        K::ImpMinor => "طفيف",
        K::ImpMajor => "كبير",
        K::ImpCritical => "حرج",
        K::StInvestigating => "قيد التحقيق",
        K::StIdentified => "تم تحديد السبب",
        K::StMonitoring => "قيد المراقبة",
        K::StResolved => "تم الحل",
        K::StPostmortem => "تحليل ما بعد الحادثة",
        K::StScheduled => "مجدولة",
        K::StInProgress => "جارية",
        K::StVerifying => "قيد التحقق",
        K::StCompleted => "مكتملة",
        K::PreviewTitle => "معاينة الشريط",
        K::PreviewHint => "الشريط الذي تعرضه الأداة في كل صفحة تجريبية: الآن، وبعد نشر ما تكتبه.",
        K::PreviewNow => "الآن",
        K::PreviewAfter => "بعد النشر",
        K::NoBanner => "لا يوجد شريط.",
        K::NoChange => "لا تغيير.",
        K::Untitled => "(بلا اسم بعد)",
        K::SevNone => "جميع الأنظمة تعمل بشكل طبيعي",
        K::SevCritical => "انقطاع كبير",
        K::SevMajor => "انقطاع جزئي",
        K::SevMinor => "عطل في الخدمة",
        K::SevMaintenance => "صيانة",
        K::SevScheduled => "صيانة مجدولة",
        K::ProbTooMany => "{n} كحد أقصى.",
        K::ProbDateTime => "أدخل تاريخًا ووقتًا.",
        K::ProbNotAfter => "يجب أن يكون بعد البداية.",
        K::ProbOneLine => "سطر واحد فقط.",
        K::ProbOneOf => "اختر أحد الخيارات.",
        K::InsightsTitle => "التحليلات",
        K::InsightsIntro => {
            "أيام كاملة بتوقيت UTC. تتبع كلَّ نسبة فترةُ الثقة 95% الخاصة بها بين قوسين؛ وتعني «—» أنه لا يوجد ما تُقاس عليه."
        }
        K::Period => "الفترة",
        K::PeriodFrom => "من",
        K::PeriodTo => "إلى",
        K::Last7 => "آخر 7 أيام",
        K::Last28 => "آخر 28 يومًا",
        K::LastMonth => "الشهر الماضي",
        K::PeriodMissing => "أدخل اليومين كليهما.",
        K::PeriodReversed => "لا يمكن أن يكون اليوم الأول بعد اليوم الأخير.",
        K::PeriodTooLong => "الحد الأقصى {n} يومًا.",
        K::CutBy => "التقسيم حسب",
        K::CutIdentified => "هوية موثّقة",
        K::CutReturning => "زائر عائد",
        K::ReportsLoaded => "تم تحميل التقارير من {from} إلى {to}.",
        K::ReportsPartial => "تعذّر تحميل بعض التقارير.",
        K::LiveAsOf => {
            "أُحصيت أرقام اليوم والأمس عند الساعة {time} بالتوقيت العالمي: مع هذا العدد من الأحداث، يعيد النظام إحصاءها كل دقيقة تقريبًا ما دام أحد يطّلع عليها."
        }
        K::NotLoaded => "تعذّر تحميل هذا التقرير.",
        K::DownloadCsv => "تنزيل CSV",
        K::Percent => "{n}%",
        K::RateInterval => "{rate} ({low}–{high})",
        K::RateSpoken => "{rate}، فترة الثقة 95%: من {low} إلى {high}",
        K::NoFigure => "لا توجد قيمة",
        K::Withheld => "محجوب",
        K::HiddenCount => "مخفي",
        K::CountsLegend => {
            "«< {k}»: عدد الأشخاص أقل من {k}. «{withheld}»: عدد لا يقل عن {k}، أُخفي حتى لا يُستنتج عدد صغير من الأعداد الأخرى. «{hidden}»: عدد الأشخاص في هذه الفترة أقل من أن يُعرض أي عدد."
        }
        K::FunnelTitle => "مسار الخدمة الذاتية",
        K::FunnelCaption => "الأشخاص الذين فتحوا الأداة وما تلا ذلك، حسب الفئة ({cut})",
        K::ColOpened => "فتحوا",
        K::ColLeft => "غادروا دون أي إجراء",
        K::ColContacted => "تواصلوا مباشرة",
        K::ColConfirmed => "مؤكَّد (تصويت «مفيد»)",
        K::ColAssumed => "مُفترَض (دون تذكرة خلال {n} ساعة)",
        K::ColPending => "قيد الانتظار",
        K::ColEscalated => "مُصعَّد (قدّموا تذكرة)",
        K::ColEngagedRate => "نسبة التفاعل",
        K::ColConfirmedRate => "نسبة المؤكَّد",
        K::ColAssumedRate => "نسبة المُفترَض",
        K::ColEscalatedRate => "نسبة التصعيد",
        K::ColResolvedInFlow => "حُلَّت في مسار موجَّه",
        K::ColResolvedInFlowRate => "نسبة الحل في المسار",
        K::FunnelHint => {
            "يُحتسب كل شخص فتح الأداة في نتيجة واحدة فقط. حُلَّت في مسار موجَّه: أنهى مسارًا موجَّهًا بـ«تم حل المشكلة» ولم يقدّم تذكرة (يُحتسب هناك لا في المؤكَّد، حتى لو صوّت أيضًا بأن مقالة مفيدة). قيد الانتظار: ساعد نفسه قبل أقل من {n} ساعة ولم يقدّم تذكرة بعد. نسبة التفاعل: من بين من فتحوا الأداة، حصة من ساعدوا أنفسهم (بحثوا أو قرأوا أو اتبعوا اقتراحًا أو مسارًا موجَّهًا)؛ أما النسب الأخرى فهي من بين من ساعدوا أنفسهم. لا تُجمع الحلول المؤكَّدة والحلول في المسارات الموجَّهة والمُفترَضة أبدًا."
        }
        K::Everyone => "جميع الأشخاص",
        K::NotGiven => "غير محدد",
        K::Yes => "نعم",
        K::No => "لا",
        K::ChartTitle => "نسبة التفاعل حسب الفئة ({cut})",
        K::ChartSummary => "{title}، مع فترات الثقة 95%: {items}.",
        K::ChartItemSeparator => "؛ ",
        K::UnlinkedOne => {
            "أحداث من متصفحات مفعَّل فيها Global Privacy Control: {n}، تُحتسب دون ربطها."
        }
        K::UnlinkedMany => {
            "أحداث من متصفحات مفعَّل فيها Global Privacy Control: {n}، تُحتسب دون ربطها."
        }
        K::SearchTitle => "البحث",
        K::Searches => "عمليات البحث",
        K::Searchers => "الأشخاص الذين بحثوا",
        K::ZeroResultRate => "عمليات بحث بلا نتائج",
        K::SearchThenTicket => "من بحثوا ثم قدّموا تذكرة",
        K::ZeroQueriesCaption => "أكثر عمليات البحث بلا نتائج",
        K::ColQuery => "عبارة البحث",
        K::ColPeople => "الأشخاص",
        K::NoZeroQueries => "لا توجد عملية بحث بلا نتائج أجراها عدد لا يقل عن {k} من الأشخاص.",
        K::ArticlesTitle => "المقالات",
        K::ArticlesCaption => "المقالات حسب القرّاء، الأكثر قراءةً أولًا",
        K::ColArticle => "المقالة",
        K::ColViews => "المشاهدات",
        K::ColReaders => "القرّاء",
        K::ColHelpful => "تصويتات «مفيد»",
        K::ColContactAfter => "قدّموا تذكرة بعد القراءة",
        K::NoArticles => "لم تُقرأ أي مقالة في هذه الفترة.",
        K::FlowsTitle => "المسارات الموجَّهة",
        K::FlowsHint => {
            "يُحتسب كل إصدار من المسار على حدة: المسار المعدَّل يبدأ سلسلة جديدة. من بين من وصلوا إلى خطوة، يُحتسب كل شخص مرة واحدة فقط: حُلَّت مشكلته فيها، أو أُحيل إلى شخص فيها، أو ترك المسار فيها، أو تابع. النسب من بين من وصلوا إلى الخطوة. لا تُجمع الخطوات أبدًا: يصل الشخص الواحد إلى عدة خطوات."
        }
        K::FlowStepsCaption => "خطوات «{title}»، الإصدار {version}، بترتيب الوصول إليها",
        K::FlowVersion => "الإصدار {n}",
        K::FlowCurrent => "الإصدار الحالي",
        K::FlowEarlier => "إصدار سابق",
        K::ColStep => "الخطوة",
        K::ColReached => "وصلوا",
        K::ColResolvedHere => "حُلَّت هنا",
        K::ColHandedOffHere => "أُحيلوا إلى شخص هنا",
        K::ColAbandonedHere => "تركوا المسار هنا",
        K::ColWentOn => "تابعوا",
        K::ColResolvedRate => "نسبة الحل",
        K::ColHandedOffRate => "نسبة الإحالة إلى شخص",
        K::ColAbandonedRate => "نسبة الترك",
        K::NoFlows => "لم يُعرض أي مسار موجَّه في هذه الفترة.",
        K::ResponsesTitle => "الرد الأول",
        K::ResponsesCaption => {
            "الردود الأولى مقارنةً بأهدافها، حسب قائمة الانتظار والأولوية (التذاكر المقدَّمة في الفترة)"
        }
        K::ColWithinTarget => "تم الرد ضمن الهدف",
        K::ColP50 => "الوسيط (بالدقائق)",
        K::ColP90 => "المئين التسعون (بالدقائق)",
        K::ColSolved => "المحلولة",
        K::ColCsatResponse => "نسبة الرد على سؤال الرضا",
        K::ColSatisfied => "راضون (4–5 من 5)",
        K::NoTickets => "لم تُقدَّم أي تذكرة في هذه الفترة.",
        K::RepeatsTitle => "التواصل المتكرر (7 أيام)",
        K::RepeatsCaption => {
            "التذاكر التي تلتها تذكرة أخرى من الشخص نفسه خلال 7 أيام، حسب قائمة الانتظار والموضوع"
        }
        K::ColByTickets => "النسبة حسب التذاكر",
        K::ColByPeople => "النسبة حسب الأشخاص",
        K::TriageTitle => "دقة الفرز",
        K::Rerouted => "أعاد وكيل توجيهها",
        K::QueueAccuracy => "دقة قائمة الانتظار",
        K::PriorityAccuracy => "دقة الأولوية",
        K::TriageChartTitle => "دقة قائمة الانتظار لكل أسبوع",
        K::WeekOf => "أسبوع {date}",
        K::ColWeek => "الأسبوع",
        K::QueueConfusionCaption => {
            "قوائم الانتظار: حيث وضع الفرز التذاكر (الصفوف) وحيث تركها الوكلاء (الأعمدة)"
        }
        K::PriorityConfusionCaption => "الأولويات: ما أعطاه الفرز (الصفوف) وما تركه الوكلاء (الأعمدة)",
        K::TriagedCorrected => "الفرز",
        K::DriftTopics => "توزيع المواضيع",
        K::DriftQueues => "توزيع قوائم الانتظار",
        K::DriftStable => "مستقر: آخر 7 أيام تشبه الـ 28 يومًا التي قبلها (مؤشر الاستقرار {index}).",
        K::DriftModerate => {
            "يتغيّر: آخر 7 أيام تختلف عن الـ 28 يومًا التي قبلها (مؤشر الاستقرار {index})."
        }
        K::DriftSignificant => {
            "تغيّر: آخر 7 أيام تختلف بوضوح عن الـ 28 يومًا التي قبلها (مؤشر الاستقرار {index}). راجع فرز تذاكر هذا الأسبوع."
        }
        K::DriftUnknown => {
            "التذاكر في أحد الجانبين قليلة جدًا لمقارنة آخر 7 أيام بالـ 28 يومًا التي قبلها."
        }
        K::ColLast7 => "آخر 7 أيام",
        K::ColBefore28 => "الـ 28 يومًا السابقة",
        K::TriageHint => {
            "تُعد التذكرة مفرزة بشكل صحيح إذا لم يُعد أي وكيل توجيهها؛ والدقة على التذاكر المنشأة في الفترة. ويقارن التوزيع آخر 7 أيام من الفترة بالـ 28 يومًا التي قبلها (مؤشر استقرار المجتمع: أقل من 0.1 مستقر، و0.25 فأكثر تغيّر)."
        }
        K::ExperimentsTitle => "التجارب",
        K::ExperimentsHint => {
            "تُحتسب كل تجربة على مدى مدتها كاملة، لا على الفترة أعلاه. فتراتها متتاليات ثقة 95%: تبقى صالحة مهما تكرر الاطلاع عليها، لذا يمكن قراءة النتيجة في أي وقت."
        }
        K::NoExperiments => "لا توجد تجارب معرَّفة في مجلد المحتوى (experiments.toml).",
        K::ExpRunning => "قيد التشغيل: لا يزال الأشخاص الجدد يُوزَّعون على متغيراتها.",
        K::ExpStopped => "متوقفة: يرى الجميع مقالة القاعدة الأصلية.",
        K::ExpRule => "تغيّر المقالة التي تقترحها القاعدة «{rule}».",
        K::ExpRuleReason => "تغيّر السبب الذي يقدّمه «لماذا أرى هذا الاقتراح؟» للقاعدة «{rule}».",
        K::ExpNudgeWording => "تغيّر كلمات تنبيه القاعدة «{rule}».",
        K::ExpNudgeHoldout => "تحجب تنبيه القاعدة «{rule}» عن بعض الأشخاص.",
        K::ExpArticleText => "تغيّر نص المقالة «{article}».",
        K::ExpStatusFirst => "أثناء حادث، تعرض الحالة فوق نموذج التواصل أو كخطوة قبله.",
        K::ExpLargeOrder => {
            "تغيّر مبلغ الطلب الذي تتقدّم ابتداءً منه تذكرة الطلب على غيرها (حدود الفرز)."
        }
        K::ExpVerdict => "الحكم:",
        K::VerdictVariantBetter => "المتغير {n} ({article}) أفضل في {metric}.",
        K::VerdictControlBetter => {
            "المجموعة الضابطة أفضل: مقالة القاعدة الأصلية ({article}) تتفوق على كل المتغيرات في {metric}."
        }
        K::VerdictNoDifference => "لا فرق بعد: واصل تشغيلها.",
        K::VerdictUntrustworthy => {
            "غير موثوقة: لا تطابق مرات العرض التوزيعَ المخطط ({p}). ثمة خطأ في توزيع الأشخاص أو عدّهم، لذا لا يمكن الوثوق بأي نتيجة هنا."
        }
        K::VerdictStoppedGuardrail => {
            "متوقفة: جاءت نتيجة المتغير {n} أسوأ في {metric}. يرى الجميع الآن المجموعة الضابطة."
        }
        K::VerdictStopped => "متوقفة: أوقفها أحد المشغّلين، أو أُزيلت من مجلد المحتوى.",
        K::Control => "المجموعة الضابطة",
        K::VariantN => "المتغير {n}",
        K::MetricResolved => "الحل بالخدمة الذاتية",
        K::MetricTickets => "قدّموا تذكرة",
        K::MetricRepeat => "التواصل المتكرر (تذكرتان أو أكثر)",
        K::MetricResolvedIn => "الحل بالخدمة الذاتية",
        K::MetricTicketsIn => "نسبة التذاكر",
        K::MetricRepeatIn => "نسبة التواصل المتكرر",
        K::MetricUnsatisfied => "قيّم المساعدة من 1 إلى 3 من 5",
        K::MetricUnsatisfiedIn => "نسبة غير الراضين عن المساعدة",
        K::MetricPrimary => "{metric} (المقياس الأساسي)",
        K::MetricGuardrail => "{metric} (مقياس حماية)",
        K::ExpVariantsCaption => {
            "المتغيرات: الأشخاص الذين عُرضت عليهم، ونسبة كل مقياس بينهم مع فترة الثقة 95%"
        }
        K::ColVariant => "المتغير",
        K::ColPlannedShare => "الحصة المخططة",
        K::ColExposed => "الأشخاص المعروضة عليهم",
        K::ExpComparisonsCaption => {
            "كل متغير مقارنةً بالمجموعة الضابطة: الفرق بالنقاط المئوية، كمتتالية ثقة 95% (صالحة عند كل اطلاع)"
        }
        K::ColComparison => "المقارنة",
        K::ColMetric => "المقياس",
        K::ColDifference => "الفرق (نقاط مئوية)",
        K::ColOutcome => "النتيجة",
        K::VsControl => "المتغير {n} مقابل المجموعة الضابطة",
        K::PointsRange => "من {low} إلى {high} نقطة",
        K::OutcomeBetter => "أفضل",
        K::OutcomeWorse => "أسوأ",
        K::OutcomeNoDifference => "لا فرق بعد",
        K::SampleRatioOk => "فحص نسبة العينة: {p}. مرات العرض تطابق التوزيع المخطط.",
        K::SampleRatioMismatch => "فحص نسبة العينة: {p}. مرات العرض لا تطابق التوزيع المخطط.",
        K::ExpHistory => "السجل",
        K::ExpNoHistory => "لم يُسجَّل شيء بعد.",
        K::AuditStarted => "بدأت",
        K::AuditChanged => "تغيّر التعريف",
        K::AuditStopped => "توقفت",
        K::ExpLegend => {
            "«< {k}»: عدد الأشخاص أقل من أن يُعرض. تظهر النسبة «—» ما دام عدد من لديهم نتيجتها، أو من ليست لديهم، قليلًا جدًا."
        }
        K::DecimalMark => ".",
    }
}
