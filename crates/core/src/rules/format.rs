//! How dates, numbers and amounts read in reason text.
//!
//! A trait, so the widget can format (and word relative days, yes/no and the known values of facts) with the
//! browser's `Intl` and its own catalog for the user's locale, while the desk and the tests use
//! [`PlainFormatter`].

/// Turns values into the text a user reads.
pub trait Formatter {
    /// A calendar date (month 1–12), e.g. "12 Nov 2026".
    fn date(&self, year: i32, month: u32, day: u32) -> String;
    /// A plain number, e.g. "3" or "1,250.5".
    fn number(&self, value: f64) -> String;
    /// A sum of money in an ISO 4217 currency, e.g. "129.50 EUR".
    fn amount(&self, value: f64, currency: &str) -> String;
    /// How a day relates to today, `days` after it (negative: before), e.g. "3 days ago", "tomorrow".
    fn days_from_today(&self, days: i64) -> String;
    /// A true or false fact, e.g. "yes".
    fn yes_no(&self, value: bool) -> String;
    /// A known value of fact `path` in the user's words (order status `shipped`: "enviado"), if it has any.
    fn term(&self, path: &str, value: &str) -> Option<String>;
}

/// English formatting without locale data: "12 Nov 2026", "1,250.5", "129.50 EUR".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlainFormatter;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Formatter for PlainFormatter {
    fn date(&self, year: i32, month: u32, day: u32) -> String {
        let index = month.checked_sub(1).map(|m| m as usize);
        match index.and_then(|m| MONTHS.get(m)) {
            Some(name) => format!("{day} {name} {year}"),
            None => format!("{year}-{month:02}-{day:02}"),
        }
    }

    fn number(&self, value: f64) -> String {
        // At most two decimals, without trailing zeros: counts read "3", not "3.00".
        let fixed = format!("{value:.2}");
        let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
        if trimmed == "-0" {
            return "0".to_owned();
        }
        group_thousands(trimmed)
    }

    fn amount(&self, value: f64, currency: &str) -> String {
        format!("{} {currency}", group_thousands(&format!("{value:.2}")))
    }

    fn days_from_today(&self, days: i64) -> String {
        match days {
            0 => "today".to_owned(),
            -1 => "yesterday".to_owned(),
            1 => "tomorrow".to_owned(),
            ago if ago < 0 => format!("{} days ago", self.number(-ago as f64)),
            ahead => format!("in {} days", self.number(ahead as f64)),
        }
    }

    fn yes_no(&self, value: bool) -> String {
        if value { "yes" } else { "no" }.to_owned()
    }

    /// None: values read as the page sent them.
    fn term(&self, _path: &str, _value: &str) -> Option<String> {
        None
    }
}

/// Puts a comma between each group of three integer digits of a formatted number.
fn group_thousands(number: &str) -> String {
    let (sign, unsigned) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (integer, fraction) = match unsigned.find('.') {
        Some(dot) => unsigned.split_at(dot),
        None => (unsigned, ""),
    };
    let mut grouped = String::with_capacity(number.len() + integer.len() / 3);
    grouped.push_str(sign);
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped.push_str(fraction);
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_day_month_year() {
        assert_eq!(PlainFormatter.date(2026, 11, 12), "12 Nov 2026");
        assert_eq!(PlainFormatter.date(2027, 1, 3), "3 Jan 2027");
        assert_eq!(PlainFormatter.date(2027, 13, 3), "2027-13-03");
    }

    #[test]
    fn numbers_drop_needless_decimals_and_group_thousands() {
        assert_eq!(PlainFormatter.number(3.0), "3");
        assert_eq!(PlainFormatter.number(129.5), "129.5");
        assert_eq!(PlainFormatter.number(1234.567), "1,234.57");
        assert_eq!(PlainFormatter.number(-1_000_000.0), "-1,000,000");
        assert_eq!(PlainFormatter.number(-0.001), "0");
    }

    #[test]
    fn days_read_relative_to_today() {
        assert_eq!(PlainFormatter.days_from_today(0), "today");
        assert_eq!(PlainFormatter.days_from_today(-1), "yesterday");
        assert_eq!(PlainFormatter.days_from_today(1), "tomorrow");
        assert_eq!(PlainFormatter.days_from_today(-3), "3 days ago");
        assert_eq!(PlainFormatter.days_from_today(1200), "in 1,200 days");
    }

    #[test]
    fn amounts_keep_two_decimals_and_the_currency() {
        assert_eq!(PlainFormatter.amount(129.5, "EUR"), "129.50 EUR");
        assert_eq!(PlainFormatter.amount(1500.0, "USD"), "1,500.00 USD");
        assert_eq!(PlainFormatter.amount(-12.0, "GBP"), "-12.00 GBP");
    }
}
