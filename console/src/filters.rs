//! The inbox's filters, the named views of the navigation (each a preset of filters), and the query string
//! they make for `GET /v1/agent/tickets`.

use signpost_core::tickets::{Priority, Queue, TicketStatus};

/// Whose tickets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Assignee {
    #[default]
    Anyone,
    Mine,
    Unassigned,
}

/// How close the first reply's target is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    WithinHour,
    Overdue,
}

/// The surfaces the widget reports, by wire name.
pub const SURFACES: [&str; 4] = ["checkout", "order", "onboarding", "other"];
/// The audiences, by wire name.
pub const AUDIENCES: [&str; 2] = ["buyer", "seller"];
/// The customer languages offered as filters (primary subtags).
pub const LANGUAGES: [&str; 7] = ["en", "es", "fr", "de", "pt", "ja", "ar"];

/// What the ticket list shows. `None` means any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filters {
    pub queue: Option<Queue>,
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub assignee: Assignee,
    pub surface: Option<&'static str>,
    pub audience: Option<&'static str>,
    pub language: Option<&'static str>,
    pub due: Option<Due>,
}

impl Default for Filters {
    /// Every open ticket: what an agent starts the day with.
    fn default() -> Self {
        Filters {
            queue: None,
            status: Some(TicketStatus::Open),
            priority: None,
            assignee: Assignee::Anyone,
            surface: None,
            audience: None,
            language: None,
            due: None,
        }
    }
}

impl Filters {
    /// The query parameters for `GET /v1/agent/tickets` (absent = any).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        let mut add = |key, value: Option<&str>| {
            if let Some(value) = value {
                query.push((key, value.to_owned()));
            }
        };
        add("queue", self.queue.map(Queue::as_str));
        add("status", self.status.map(TicketStatus::as_str));
        add("priority", self.priority.map(Priority::as_str));
        add(
            "assignee",
            match self.assignee {
                Assignee::Anyone => None,
                Assignee::Mine => Some("me"),
                Assignee::Unassigned => Some("unassigned"),
            },
        );
        add("surface", self.surface);
        add("audience", self.audience);
        add("language", self.language);
        add(
            "due",
            self.due.map(|due| match due {
                Due::WithinHour => "within_hour",
                Due::Overdue => "overdue",
            }),
        );
        query
    }
}

/// The views of the navigation: each is a preset of the filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    AllOpen,
    Queue(Queue),
    Mine,
    Unassigned,
    Overdue,
    DueWithinHour,
}

impl View {
    /// The filters this view sets.
    pub fn filters(self) -> Filters {
        let open = Filters::default();
        match self {
            View::AllOpen => open,
            View::Queue(queue) => Filters {
                queue: Some(queue),
                ..open
            },
            View::Mine => Filters {
                assignee: Assignee::Mine,
                ..open
            },
            View::Unassigned => Filters {
                assignee: Assignee::Unassigned,
                ..open
            },
            View::Overdue => Filters {
                due: Some(Due::Overdue),
                ..open
            },
            View::DueWithinHour => Filters {
                due: Some(Due::WithinHour),
                ..open
            },
        }
    }
}

/// The wire name among `choices` equal to `value`, so a `<select>`'s string maps back to a `&'static str`.
pub fn pick(choices: &[&'static str], value: &str) -> Option<&'static str> {
    choices.iter().copied().find(|choice| *choice == value)
}
