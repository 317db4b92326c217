//! The reports as CSV (RFC 4180), for spreadsheets: one row per table row, a rate as its value and its
//! interval's bounds in three columns, a hidden count as the console shows it ("< 10", "withheld").

use signpost_core::insights::reports::{
    ArticlesReport, FlowsReport, FunnelReport, Rate, RepeatsReport, ResponsesReport, SearchReport,
    Shown, TriageReport,
};

/// A CSV document being written.
struct Csv(String);

impl Csv {
    fn new(header: &[&str]) -> Csv {
        let mut csv = Csv(String::new());
        csv.row(header.iter().map(|h| (*h).to_owned()));
        csv
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        let cells: Vec<String> = cells.into_iter().map(|cell| quoted(&cell)).collect();
        self.0.push_str(&cells.join(","));
        self.0.push_str("\r\n");
    }
}

/// A cell, quoted when it holds a comma, quote or line break; a leading `= + - @` is prefixed with `'` so that
/// a spreadsheet never runs a query someone typed as a formula.
fn quoted(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

fn shown(count: Shown, min_users: u64) -> String {
    match count {
        Shown::Count(n) => n.to_string(),
        Shown::Small => format!("< {min_users}"),
        Shown::Withheld => "withheld".into(),
        Shown::Hidden => "hidden".into(),
    }
}

/// Three cells: the rate and its interval, or three blanks.
fn rate(rate: Option<Rate>) -> [String; 3] {
    match rate {
        Some(r) => [r.rate, r.low, r.high].map(|x| format!("{x:.4}")),
        None => Default::default(),
    }
}

const RATE: [&str; 3] = ["", " low", " high"];

fn rate_header(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .flat_map(|name| RATE.iter().map(move |suffix| format!("{name}{suffix}")))
        .collect()
}

pub fn funnel(report: &FunnelReport) -> String {
    let mut header = vec![
        report.by.as_str(),
        "opened",
        "left",
        "contacted directly",
        "confirmed",
        "resolved in flow",
        "assumed",
        "pending",
        "escalated",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    header.extend(rate_header(&[
        "engaged rate",
        "confirmed rate",
        "resolved in flow rate",
        "assumed rate",
        "escalated rate",
    ]));
    let mut csv = Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    let k = report.min_users;
    for row in report.rows.iter().chain(std::iter::once(&report.total)) {
        let mut cells = vec![row.cohort.clone()];
        cells.extend(
            [
                row.opened,
                row.left,
                row.contacted_directly,
                row.confirmed,
                row.resolved_in_flow,
                row.assumed,
                row.pending,
                row.escalated,
            ]
            .map(|count| shown(count, k)),
        );
        for r in [
            row.engaged_rate,
            row.confirmed_rate,
            row.resolved_in_flow_rate,
            row.assumed_rate,
            row.escalated_rate,
        ] {
            cells.extend(rate(r));
        }
        csv.row(cells);
    }
    csv.0
}

pub fn search(report: &SearchReport) -> String {
    let mut csv = Csv::new(&["zero-result query", "searches", "people"]);
    for query in &report.top_zero_result_queries {
        csv.row([
            query.query.clone(),
            query.searches.to_string(),
            query.people.to_string(),
        ]);
    }
    csv.0
}

pub fn articles(report: &ArticlesReport) -> String {
    let mut header = vec!["article", "title", "views", "readers"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    header.extend(rate_header(&["helpful rate", "contact after rate"]));
    let mut csv = Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for row in &report.rows {
        let mut cells = vec![
            row.article.clone(),
            row.title.clone().unwrap_or_default(),
            row.views.to_string(),
            shown(row.readers, report.min_users),
        ];
        cells.extend(rate(row.helpful_rate));
        cells.extend(rate(row.contact_after_rate));
        csv.row(cells);
    }
    csv.0
}

/// One row per step of each flow version.
pub fn flows(report: &FlowsReport) -> String {
    let mut header = vec![
        "flow",
        "title",
        "version",
        "current",
        "step",
        "reached",
        "resolved",
        "handed off",
        "abandoned",
        "went on",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    header.extend(rate_header(&[
        "resolved rate",
        "handed off rate",
        "abandoned rate",
    ]));
    let mut csv = Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    let k = report.min_users;
    for version in &report.flows {
        for row in &version.steps {
            let mut cells = vec![
                version.flow.clone(),
                version.title.clone().unwrap_or_default(),
                version.version.to_string(),
                if version.current { "yes" } else { "no" }.to_owned(),
                row.step.clone(),
            ];
            cells.extend(
                [
                    row.reached,
                    row.resolved,
                    row.handed_off,
                    row.abandoned,
                    row.went_on,
                ]
                .map(|count| shown(count, k)),
            );
            for r in [row.resolved_rate, row.handed_off_rate, row.abandoned_rate] {
                cells.extend(rate(r));
            }
            csv.row(cells);
        }
    }
    csv.0
}

pub fn responses(report: &ResponsesReport) -> String {
    let mut header = vec!["queue", "priority", "tickets", "answered"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    header.extend(rate_header(&["within target rate"]));
    header.extend([
        "p50 minutes".to_owned(),
        "p90 minutes".to_owned(),
        "solved".to_owned(),
    ]);
    header.extend(rate_header(&["csat response rate", "satisfied rate"]));
    let mut csv = Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    let minutes = |m: Option<f64>| m.map(|m| format!("{m:.1}")).unwrap_or_default();
    for row in &report.rows {
        let mut cells = vec![
            row.queue.clone(),
            row.priority.clone(),
            row.tickets.to_string(),
            row.answered.to_string(),
        ];
        cells.extend(rate(row.within_target_rate));
        cells.extend([
            minutes(row.p50_minutes),
            minutes(row.p90_minutes),
            row.solved.to_string(),
        ]);
        cells.extend(rate(row.csat_response_rate));
        cells.extend(rate(row.satisfied_rate));
        csv.row(cells);
    }
    csv.0
}

pub fn repeats(report: &RepeatsReport) -> String {
    let mut header = vec!["queue", "topic", "tickets", "people"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    header.extend(rate_header(&[
        "repeat rate by tickets",
        "repeat rate by people",
    ]));
    let mut csv = Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for row in &report.rows {
        let mut cells = vec![
            row.queue.clone(),
            row.topic.clone(),
            row.tickets.to_string(),
            shown(row.people, report.min_users),
        ];
        cells.extend(rate(row.by_tickets));
        cells.extend(rate(row.by_people));
        csv.row(cells);
    }
    csv.0
}

/// The queue confusion matrix: one row per triaged queue, one column per queue agents left tickets in.
pub fn triage(report: &TriageReport) -> String {
    let labels = &report.queues.labels;
    let mut header = vec!["triaged / corrected".to_owned()];
    header.extend(labels.iter().cloned());
    let mut csv = Csv::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    for (label, row) in labels.iter().zip(&report.queues.counts) {
        let mut cells = vec![label.clone()];
        cells.extend(row.iter().map(u64::to_string));
        csv.row(cells);
    }
    csv.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(quoted("plain"), "plain");
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(quoted("-1"), "'-1");
    }
}
