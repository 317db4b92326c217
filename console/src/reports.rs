//! The Insights page's period, as whole UTC days (what the desk's reports count in), the funnel's cuts, and the
//! URL each report is read or downloaded from. Plain arithmetic, so it is unit-tested natively.

/// Longest period the desk reports on, both days included.
pub const MAX_DAYS: i64 = 366;
const DAY_MS: f64 = 86_400_000.0;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day since 1970-01-01, as (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = shifted_month + if shifted_month < 10 { 3 } else { -9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The day since 1970 of a `YYYY-MM-DD` date (what `<input type="date">` gives); none for anything else,
/// including dates that do not exist (`2026-02-30`).
pub fn day_of(date: &str) -> Option<i64> {
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| date[range].parse::<i64>().ok())
            .flatten()
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // A day past the month's end rolls into the next month: refuse it.
    (civil_from_days(days) == (year, month, day)).then_some(days)
}

/// `YYYY-MM-DD` of a day since 1970.
pub fn date_of(day: i64) -> String {
    let (year, month, day) = civil_from_days(day);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Today in UTC, as a day since 1970, from milliseconds since the epoch (`Date.now()`).
pub fn today(now_ms: f64) -> i64 {
    (now_ms / DAY_MS).floor() as i64
}

/// Why the days typed cannot make a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodProblem {
    /// A day is empty or not a date.
    Missing,
    /// The first day is after the last.
    Reversed,
    /// Longer than [`MAX_DAYS`].
    TooLong,
}

/// A report's period: whole UTC days, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First day, since 1970.
    pub from: i64,
    /// Last day, since 1970.
    pub to: i64,
}

impl Span {
    /// The `days` days ending with `today`, today included (the desk's default is the last 28).
    pub fn last(days: i64, today: i64) -> Span {
        Span {
            from: today - (days - 1),
            to: today,
        }
    }

    /// The calendar month before `today`'s (its sums the desk keeps for over a year).
    pub fn last_month(today: i64) -> Span {
        let (_, _, day) = civil_from_days(today);
        let to = today - day;
        let (_, _, days) = civil_from_days(to);
        Span {
            from: to - (days - 1),
            to,
        }
    }

    /// The period from two `YYYY-MM-DD` days, as the desk would accept it.
    pub fn parse(from: &str, to: &str) -> Result<Span, PeriodProblem> {
        let (Some(from), Some(to)) = (day_of(from.trim()), day_of(to.trim())) else {
            return Err(PeriodProblem::Missing);
        };
        if from > to {
            return Err(PeriodProblem::Reversed);
        }
        if to - from >= MAX_DAYS {
            return Err(PeriodProblem::TooLong);
        }
        Ok(Span { from, to })
    }

    /// The first day, `YYYY-MM-DD`.
    pub fn first_day(self) -> String {
        date_of(self.from)
    }

    /// The last day, `YYYY-MM-DD`.
    pub fn last_day(self) -> String {
        date_of(self.to)
    }
}

/// What the funnel's rows are cut by (the desk also takes a site's own dimensions; the console offers these).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cut {
    #[default]
    Audience,
    Surface,
    Language,
    Identified,
    Returning,
}

impl Cut {
    /// Every cut, in the picker's order.
    pub const ALL: [Cut; 5] = [
        Cut::Audience,
        Cut::Surface,
        Cut::Language,
        Cut::Identified,
        Cut::Returning,
    ];

    /// The wire name (`by=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Cut::Audience => "audience",
            Cut::Surface => "surface",
            Cut::Language => "language",
            Cut::Identified => "identified",
            Cut::Returning => "returning",
        }
    }

    /// The cut with this wire name.
    pub fn parse(name: &str) -> Option<Cut> {
        Cut::ALL.into_iter().find(|cut| cut.as_str() == name)
    }
}

/// One of the reports of `GET /v1/agent/insights/…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Report {
    /// The self-service funnel, cut by its cohorts.
    Funnel(Cut),
    Search,
    Articles,
    /// Guided flows, per version, step by step.
    Flows,
    Responses,
    Repeats,
    /// Triage's accuracy as agents' corrections tell it, and the drift of the ticket mix.
    Triage,
}

impl Report {
    /// The report's name in its path (and in the page's test ids).
    pub fn name(self) -> &'static str {
        match self {
            Report::Funnel(_) => "funnel",
            Report::Search => "search",
            Report::Articles => "articles",
            Report::Flows => "flows",
            Report::Responses => "responses",
            Report::Repeats => "repeats",
            Report::Triage => "triage",
        }
    }

    /// The report's path.
    pub fn path(self) -> String {
        format!("/v1/agent/insights/{}", self.name())
    }

    /// The query that asks for the report over `span` (and by its cut, for the funnel).
    pub fn query(self, span: Span) -> Vec<(&'static str, String)> {
        let mut query = vec![("from", span.first_day()), ("to", span.last_day())];
        if let Report::Funnel(cut) = self {
            query.push(("by", cut.as_str().to_owned()));
        }
        query
    }

    /// Where the report is read as JSON (same origin: the session cookie goes along). Dates and cut names
    /// need no escaping.
    pub fn url(self, span: Span) -> String {
        let query: Vec<String> = self
            .query(span)
            .into_iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        format!("{}?{}", self.path(), query.join("&"))
    }

    /// Where the report is downloaded as CSV.
    pub fn csv_url(self, span: Span) -> String {
        self.url(span) + "&format=csv"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_days_round_trip() {
        assert_eq!(day_of("1970-01-01"), Some(0));
        assert_eq!(day_of("1969-12-31"), Some(-1));
        assert_eq!(day_of("2000-03-01"), Some(11_017));
        assert_eq!(day_of("2026-03-06"), Some(20_518));
        for day in [-1, 0, 59, 60, 11_016, 20_518, 2_932_896] {
            assert_eq!(day_of(&date_of(day)), Some(day), "{}", date_of(day));
        }
        assert_eq!(date_of(20_518), "2026-03-06");
    }

    #[test]
    fn only_real_dates_are_days() {
        assert_eq!(day_of("2024-02-29"), Some(19_782));
        for bad in [
            "2026-02-29",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-4-01",
            "2026/04/01",
            "+026-04-01",
            "2026-04-01T00:00",
            "",
        ] {
            assert_eq!(day_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn today_is_the_utc_day() {
        // 2026-03-06T23:59:59.999Z and the next midnight.
        assert_eq!(today(1_772_841_599_999.0), 20_518);
        assert_eq!(today(1_772_841_600_000.0), 20_519);
    }

    #[test]
    fn the_last_days_include_today() {
        let span = Span::last(28, 20_518);
        assert_eq!(
            (span.first_day(), span.last_day()),
            ("2026-02-07".into(), "2026-03-06".into())
        );
        assert_eq!(Span::last(7, 20_518).first_day(), "2026-02-28");
        assert_eq!(
            Span::last(1, 20_518),
            Span {
                from: 20_518,
                to: 20_518
            }
        );
    }

    #[test]
    fn last_month_is_the_whole_calendar_month_before() {
        let last_month = |today: &str| {
            let span = Span::last_month(day_of(today).unwrap());
            (span.first_day(), span.last_day())
        };
        let february = ("2026-02-01".to_owned(), "2026-02-28".to_owned());
        assert_eq!(last_month("2026-03-06"), february);
        assert_eq!(last_month("2026-03-01"), february);
        assert_eq!(last_month("2026-03-31"), february);
        assert_eq!(
            last_month("2024-03-15"),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(
            last_month("2026-01-02"),
            ("2025-12-01".into(), "2025-12-31".into())
        );
    }

    #[test]
    fn a_period_is_checked_as_the_desk_checks_it() {
        assert_eq!(
            Span::parse("2026-03-01", "2026-03-06"),
            Ok(Span {
                from: 20_513,
                to: 20_518
            })
        );
        assert_eq!(
            Span::parse("2026-03-06", "2026-03-06").map(|s| s.to - s.from),
            Ok(0)
        );
        assert_eq!(Span::parse("", "2026-03-06"), Err(PeriodProblem::Missing));
        assert_eq!(
            Span::parse("2026-03-07", "2026-03-06"),
            Err(PeriodProblem::Reversed)
        );
        assert!(Span::parse("2025-03-06", "2026-03-06").is_ok(), "366 days");
        assert_eq!(
            Span::parse("2025-03-05", "2026-03-06"),
            Err(PeriodProblem::TooLong)
        );
    }

    #[test]
    fn report_urls() {
        let span = Span::last(7, 20_518);
        assert_eq!(
            Report::Funnel(Cut::Surface).url(span),
            "/v1/agent/insights/funnel?from=2026-02-28&to=2026-03-06&by=surface"
        );
        assert_eq!(
            Report::Repeats.csv_url(span),
            "/v1/agent/insights/repeats?from=2026-02-28&to=2026-03-06&format=csv"
        );
        assert_eq!(
            Report::Triage.csv_url(span),
            "/v1/agent/insights/triage?from=2026-02-28&to=2026-03-06&format=csv"
        );
        assert_eq!(
            Report::Flows.csv_url(span),
            "/v1/agent/insights/flows?from=2026-02-28&to=2026-03-06&format=csv"
        );
        assert_eq!(
            Report::Search.query(span),
            [
                ("from", "2026-02-28".to_owned()),
                ("to", "2026-03-06".to_owned())
            ]
        );
        for cut in Cut::ALL {
            assert_eq!(Cut::parse(cut.as_str()), Some(cut));
        }
        assert_eq!(Cut::parse("plan"), None);
    }
}
