//! Card number masking, so a number pasted into a ticket or a reply is never stored or shown to agents.
//!
//! A **run** is digits of any script (ASCII, full-width, Arabic-Indic, Devanagari…: every Unicode decimal digit)
//! in groups, where one to three separator characters a person types may stand between two groups: spaces of
//! any kind (double, non-breaking, thin, ideographic), tabs and line breaks, `.`, `/`, and hyphens and dashes
//! (`-`, en and em dashes, the minus sign, the full-width forms).
//!
//! The boundary between a card and other numbers:
//! - A card is 13–19 digits (ISO/IEC 7812) that pass the Luhn check and do not start with 0 (no card range
//!   does). Luhn alone rejects nine in ten random numbers.
//! - The card may be the whole run, or part of it when what is left over is not more of the same number: a
//!   group of at most 4 digits (a security code, an expiry year), anything that contains a `/` (an expiry such
//!   as `12/25`), or groups joined by another kind of separator than the card's own (the date in
//!   `2026-03-06 4111 1111 1111 1111`). So `9400 1000 0000 0000 0000 00`, one tracking number in groups of four,
//!   is never cut into a "card" and a rest.
//! - A run touching a letter (`DE89 3704…`, `A4111…`) is an identifier, and one after `+` a phone number: both
//!   are left alone, whatever their digits.

/// What a masked number starts with; its last four digits follow, as they were written.
const MASK: &str = "•••• •••• •••• ";

/// Card numbers have 13 to 19 digits (ISO/IEC 7812).
const CARD_DIGITS: std::ops::RangeInclusive<usize> = 13..=19;

/// The most separator characters between two groups of one run (`4111 - 1111`, `\r\n`).
const MAX_SEPARATOR_CHARS: usize = 3;

/// The longest single group that may follow a card in its own run without being part of it (a security code,
/// an expiry written `1225`).
const TRAILING_GROUP_MAX_DIGITS: usize = 4;

/// The zero of every run of ten Unicode decimal digits (general category Nd, Unicode 15), in order. Each
/// script's digits are ten consecutive code points from its zero.
const DIGIT_ZEROS: [u32; 68] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E950,
    0x1FBF0,
];

/// The value of a decimal digit of any script, e.g. `٣` (Arabic-Indic three) is 3.
pub fn digit_value(c: char) -> Option<u32> {
    let code = u32::from(c);
    let index = DIGIT_ZEROS.partition_point(|&zero| zero <= code);
    let zero = DIGIT_ZEROS.get(index.checked_sub(1)?)?;
    (code - zero < 10).then_some(code - zero)
}

/// How a separator looks, so the groups of one number can be told from a neighbour's: every kind of space
/// (and line breaks) reads as one space, every hyphen or dash as `-`; `None` for a character that is not one.
fn separator_kind(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => Some(' '),
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
            Some('-')
        }
        '.' | '\u{FF0E}' => Some('.'),
        '/' | '\u{FF0F}' => Some('/'),
        _ => None,
    }
}

/// One group of digits: where it is in the text and its digits' values.
struct Group {
    start: usize,
    end: usize,
    digits: Vec<u32>,
}

/// A run: its groups, and between each two the kind of separator (each character by its
/// [`separator_kind`], spaces collapsed: `" - "` stays `" - "`, `"\u{a0}\u{a0}"` is `" "`).
struct Run {
    groups: Vec<Group>,
    separators: Vec<String>,
}

/// `text` with every card number replaced by `•••• •••• •••• 1234` (its last four digits as written), and
/// whether any was.
pub fn mask_card_numbers(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some((offset, _)) = text[at..]
        .char_indices()
        .find(|&(_, c)| digit_value(c).is_some())
    {
        let run = run_from(text, at + offset);
        let (start, end) = (run.groups[0].start, run.groups[run.groups.len() - 1].end);
        if !is_identifier_or_phone(text, start, end) {
            for (from, to) in cards_in(&run) {
                let (card_start, card_end) = (run.groups[from].start, run.groups[to].end);
                out.push_str(&text[copied..card_start]);
                out.push_str(MASK);
                let digits: Vec<char> = text[card_start..card_end]
                    .chars()
                    .filter(|&c| digit_value(c).is_some())
                    .collect();
                out.extend(&digits[digits.len() - 4..]);
                copied = card_end;
            }
        }
        at = end;
    }
    let masked = copied > 0;
    out.push_str(&text[copied..]);
    (out, masked)
}

/// The run whose first digit is at byte `start`.
fn run_from(text: &str, start: usize) -> Run {
    let mut run = Run {
        groups: Vec::new(),
        separators: Vec::new(),
    };
    let mut from = start;
    loop {
        let mut group = Group {
            start: from,
            end: from,
            digits: Vec::new(),
        };
        for c in text[from..].chars() {
            let Some(value) = digit_value(c) else { break };
            group.digits.push(value);
            group.end += c.len_utf8();
        }
        let after = group.end;
        run.groups.push(group);
        // One to three separator characters and another digit continue the run.
        let (mut kind, mut count, mut next) = (String::new(), 0, None);
        for (offset, c) in text[after..].char_indices() {
            if digit_value(c).is_some() {
                next = Some(after + offset);
                break;
            }
            let Some(k) = separator_kind(c) else { break };
            count += 1;
            if count > MAX_SEPARATOR_CHARS {
                break;
            }
            if !(k == ' ' && kind.ends_with(' ')) {
                kind.push(k);
            }
        }
        match next {
            Some(next) => {
                run.separators.push(kind);
                from = next;
            }
            None => return run,
        }
    }
}

/// The cards in `run`, as inclusive group ranges, left to right and not overlapping: at each group, the
/// longest card starting there.
fn cards_in(run: &Run) -> Vec<(usize, usize)> {
    let sides = Sides::of(&run.separators);
    let mut cards = Vec::new();
    let mut from = 0;
    while from < run.groups.len() {
        let mut longest = None;
        let mut digits: Vec<u32> = Vec::new();
        for to in from..run.groups.len() {
            digits.extend(&run.groups[to].digits);
            if digits.len() > *CARD_DIGITS.end() {
                break;
            }
            if is_card(&digits) && sides.stands_apart(run, from, to) {
                longest = Some(to);
            }
        }
        match longest {
            Some(to) => {
                cards.push((from, to));
                from = to + 1;
            }
            None => from += 1,
        }
    }
    cards
}

/// 13–19 digits, not starting with 0, that pass the Luhn check.
fn is_card(digits: &[u32]) -> bool {
    CARD_DIGITS.contains(&digits.len()) && digits[0] != 0 && luhn(digits)
}

/// For each position in a run's separators, what lies before and after it, computed once so that checking
/// every candidate stays linear in the run's length.
struct Sides<'a> {
    separators: &'a [String],
    /// `uniform_before[i]`: the one kind of all separators before `i` (`None` when they differ or there are none).
    uniform_before: Vec<Option<&'a str>>,
    /// `uniform_from[i]`: the one kind of all separators from `i` on.
    uniform_from: Vec<Option<&'a str>>,
    /// `slash_from[i]`: whether a separator from `i` on has a `/` (an expiry date).
    slash_from: Vec<bool>,
}

impl<'a> Sides<'a> {
    fn of(separators: &'a [String]) -> Sides<'a> {
        let n = separators.len();
        let uniform = |acc: Option<Option<&'a str>>, s: &'a String| match acc {
            None => Some(Some(s.as_str())),
            Some(Some(kind)) if kind == s => Some(Some(kind)),
            Some(_) => Some(None),
        };
        let mut uniform_before = vec![None; n + 1];
        let mut acc = None;
        for i in 0..n {
            acc = uniform(acc, &separators[i]);
            uniform_before[i + 1] = acc.flatten();
        }
        let mut uniform_from = vec![None; n + 1];
        let mut slash_from = vec![false; n + 1];
        let mut acc = None;
        for i in (0..n).rev() {
            acc = uniform(acc, &separators[i]);
            uniform_from[i] = acc.flatten();
            slash_from[i] = slash_from[i + 1] || separators[i].contains('/');
        }
        Sides {
            separators,
            uniform_before,
            uniform_from,
            slash_from,
        }
    }

    /// Whether groups `from..=to` are one number of their own in the run, not a piece of a longer one: what
    /// lies on each side of them is not grouped the way they are (see the module's documentation).
    fn stands_apart(&self, run: &Run, from: usize, to: usize) -> bool {
        let inner = &self.separators[from..to];
        // The one kind of separator inside the card; a card of one group has none.
        let own = match inner.first() {
            None => None,
            Some(first) if inner.iter().all(|s| s == first) => Some(first.as_str()),
            Some(_) => return false,
        };
        let before = from == 0 || {
            let rest = (from > 1).then(|| self.uniform_before[from - 1]);
            apart(own, &self.separators[from - 1], rest)
        };
        let after = to + 1 == run.groups.len() || {
            let rest = (to + 1 < self.separators.len()).then(|| self.uniform_from[to + 1]);
            let one_short_group =
                rest.is_none() && run.groups[to + 1].digits.len() <= TRAILING_GROUP_MAX_DIGITS;
            one_short_group || self.slash_from[to + 1] || apart(own, &self.separators[to], rest)
        };
        before && after
    }
}

/// Whether the groups on one side of a card are something else: joined to it by `cut`, and among themselves
/// by separators of the one kind `rest` (`Some(None)` when of several kinds, `None` when it is one group). A card
/// of one group stands apart from anything; a grouped card from neighbours joined another way than it is.
fn apart(own: Option<&str>, cut: &str, rest: Option<Option<&str>>) -> bool {
    match own {
        None => true,
        Some(own) => cut != own || rest.is_some_and(|kind| kind != Some(own)),
    }
}

/// The Luhn check: from the right, every second digit doubled (less 9 when over 9), the sum a multiple of 10.
fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(index, &value)| match (index % 2 == 1, value * 2) {
            (false, _) => value,
            (true, doubled) if doubled > 9 => doubled - 9,
            (true, doubled) => doubled,
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether the run `text[start..end]` touches a letter on either side (an identifier such as an IBAN), or
/// follows a `+` (a phone number in international form).
fn is_identifier_or_phone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before == Some('+')
        || [before, after]
            .into_iter()
            .flatten()
            .any(char::is_alphabetic)
}

#[cfg(test)]
mod tests;
