//! Card number masking, so a number pasted into a ticket is never stored or shown to agents.
//!
//! A candidate is a run of digits where single spaces or dashes may separate groups (`4111 1111 1111 1111`,
//! `4111-1111-1111-1111`, `4111111111111111`). It is masked when it has 13–19 digits and passes the Luhn
//! check. Luhn rejects nine in ten random numbers, which keeps order and phone numbers readable.

/// What a masked number starts with; the last four digits follow.
const MASK: &str = "•••• •••• •••• ";

/// Card numbers have 13 to 19 digits (ISO/IEC 7812).
const CARD_DIGITS: std::ops::RangeInclusive<usize> = 13..=19;

/// Longest trailing group dropped to find a card: an expiry (`12/25` reads as `12`) or a security code
/// typed right after the number.
const TRAILING_MAX_DIGITS: usize = 4;

/// `text` with every card number replaced by `•••• •••• •••• 1234` (its last four digits), and whether any was.
///
/// In a longer run, a card followed by a short group (`4111 1111 1111 1111 123`) is still found, and so is a
/// group of 13–19 digits of its own (`4111111111111111 5500000000000004`). Numbers glued to letters
/// (`DE89 3704…`, `A4111…`) are identifiers and are left alone.
pub fn mask_card_numbers(text: &str) -> (String, bool) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut masked = false;
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let groups = groups_from(bytes, at);
        let end = groups.last().map_or(at, |&(_, end)| end);
        if !glued_to_letters(text, at, end) {
            for (from, to) in cards_in(bytes, &groups) {
                out.push_str(&text[copied..from]);
                out.push_str(MASK);
                let digits = digits(bytes, from, to);
                out.extend(&digits[digits.len() - 4..]);
                copied = to;
                masked = true;
            }
        }
        at = end;
    }
    out.push_str(&text[copied..]);
    (out, masked)
}

/// The digit groups `(start, end)` of the run starting at `start`: digits, then while a single space or dash
/// is followed by a digit, another group.
fn groups_from(bytes: &[u8], start: usize) -> Vec<(usize, usize)> {
    let mut groups = Vec::new();
    let mut from = start;
    loop {
        let mut to = from;
        while to < bytes.len() && bytes[to].is_ascii_digit() {
            to += 1;
        }
        groups.push((from, to));
        let separated = matches!(bytes.get(to), Some(b' ' | b'-'))
            && bytes.get(to + 1).is_some_and(u8::is_ascii_digit);
        if !separated {
            return groups;
        }
        from = to + 1;
    }
}

/// The byte ranges of the cards in one run (see [`mask_card_numbers`]).
fn cards_in(bytes: &[u8], groups: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let run = (groups[0].0, groups[groups.len() - 1].1);
    if is_card(bytes, run.0, run.1) {
        return vec![run];
    }
    if let [.., before, (last_from, last_to)] = groups
        && last_to - last_from <= TRAILING_MAX_DIGITS
        && is_card(bytes, run.0, before.1)
    {
        return vec![(run.0, before.1)];
    }
    if groups.len() == 1 {
        return Vec::new();
    }
    groups
        .iter()
        .copied()
        .filter(|&(from, to)| is_card(bytes, from, to))
        .collect()
}

/// Whether `bytes[from..to]` holds 13–19 digits that pass the Luhn check.
fn is_card(bytes: &[u8], from: usize, to: usize) -> bool {
    let digits = digits(bytes, from, to);
    CARD_DIGITS.contains(&digits.len()) && luhn(&digits)
}

/// The digits in `bytes[from..to]`, separators left out.
fn digits(bytes: &[u8], from: usize, to: usize) -> Vec<char> {
    bytes[from..to]
        .iter()
        .filter(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect()
}

/// The Luhn check: from the right, every second digit doubled (less 9 when over 9), the sum a multiple of 10.
fn luhn(digits: &[char]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(index, digit)| {
            let value = digit.to_digit(10).unwrap_or(0);
            match (index % 2 == 1, value * 2) {
                (false, _) => value,
                (true, doubled) if doubled > 9 => doubled - 9,
                (true, doubled) => doubled,
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Whether a letter touches the run `text[start..end]` on either side.
fn glued_to_letters(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    [before, after]
        .into_iter()
        .flatten()
        .any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        let (out, any) = mask_card_numbers(text);
        assert_eq!(
            any,
            out != text,
            "the flag says whether anything changed: {text}"
        );
        out
    }

    #[test]
    fn test_cards_are_masked_in_every_spelling() {
        for (text, last4) in [
            ("4111111111111111", "1111"),        // Visa
            ("4111 1111 1111 1111", "1111"),     // Visa, spaced
            ("4111-1111-1111-1111", "1111"),     // Visa, dashed
            ("4012888888881881", "1881"),        // Visa
            ("4222222222222", "2222"),           // Visa, 13 digits
            ("5555 5555 5555 4444", "4444"),     // Mastercard
            ("5105-1051-0510-5100", "5100"),     // Mastercard
            ("2223 0031 2200 3222", "3222"),     // Mastercard 2-series
            ("378282246310005", "0005"),         // Amex
            ("3782 822463 10005", "0005"),       // Amex, as printed
            ("3714-496353-98431", "8431"),       // Amex, dashed
            ("6011 1111 1111 1117", "1117"),     // Discover
            ("3530111333300000", "0000"),        // JCB
            ("6011 0009 9013 9424 009", "4009"), // 19 digits
        ] {
            assert_eq!(masked(text), format!("•••• •••• •••• {last4}"), "{text}");
        }
    }

    #[test]
    fn cards_inside_sentences_keep_the_sentence() {
        assert_eq!(
            masked("My card 4111 1111 1111 1111 was charged twice."),
            "My card •••• •••• •••• 1111 was charged twice."
        );
        assert_eq!(masked("(5555-5555-5555-4444)"), "(•••• •••• •••• 4444)");
        assert_eq!(
            masked("Karte: 4111111111111111, danke"),
            "Karte: •••• •••• •••• 1111, danke"
        );
    }

    #[test]
    fn several_cards_in_one_text_are_all_masked() {
        assert_eq!(
            masked("Tried 4111 1111 1111 1111, then 5555-5555-5555-4444 and 378282246310005."),
            "Tried •••• •••• •••• 1111, then •••• •••• •••• 4444 and •••• •••• •••• 0005."
        );
        assert_eq!(
            masked("4111111111111111 5555555555554444"),
            "•••• •••• •••• 1111 •••• •••• •••• 4444"
        );
        assert_eq!(
            masked("line one 4111111111111111\nline two 5105105105105100"),
            "line one •••• •••• •••• 1111\nline two •••• •••• •••• 5100"
        );
    }

    #[test]
    fn a_card_followed_by_its_expiry_or_code_is_masked() {
        assert_eq!(masked("4111 1111 1111 1111 123"), "•••• •••• •••• 1111 123");
        assert_eq!(
            masked("4111 1111 1111 1111 12/25"),
            "•••• •••• •••• 1111 12/25"
        );
    }

    #[test]
    fn luhn_invalid_numbers_are_left_alone() {
        for text in [
            "4111 1111 1111 1112",
            "4111111111111112",
            "1234-5678-9012-3456",
            "5555 5555 5555 4445",
        ] {
            assert_eq!(masked(text), text);
        }
    }

    #[test]
    fn order_and_phone_numbers_are_left_alone() {
        for text in [
            "Order A-1043 placed 2026-03-06",
            "Order #100000123456789 hasn't arrived",
            "Order 1043-2291-7745-0012",
            "Call me on +49 30 1234 5678 or 0049 170 1234567",
            "+1 (555) 123-4567",
            "Tracking 9400 1000 0000 0000 0000 00",
            "Amount 1 234 567,00 EUR",
        ] {
            assert_eq!(masked(text), text);
        }
    }

    #[test]
    fn numbers_of_other_lengths_are_left_alone() {
        // Luhn-valid, but 12 and 20 digits.
        assert!(luhn(&digits(b"411111111117", 0, 12)));
        assert_eq!(masked("411111111117"), "411111111117");
        assert!(luhn(&digits(b"41111111111111111115", 0, 20)));
        assert_eq!(masked("41111111111111111115"), "41111111111111111115");
    }

    #[test]
    fn only_single_separators_join_groups() {
        // Two spaces or a dot end the run, so no group reaches 13 digits.
        assert_eq!(masked("4111  1111  1111  1111"), "4111  1111  1111  1111");
        assert_eq!(masked("4111.1111.1111.1111"), "4111.1111.1111.1111");
        assert_eq!(masked("4111 -1111-1111-1111"), "4111 -1111-1111-1111");
    }

    #[test]
    fn numbers_glued_to_letters_are_identifiers() {
        assert_eq!(
            masked("IBAN DE89 3704 0044 0532 0130 00"),
            "IBAN DE89 3704 0044 0532 0130 00"
        );
        assert_eq!(masked("ref A4111111111111111"), "ref A4111111111111111");
        assert_eq!(masked("SP-4111111111111111"), "SP-•••• •••• •••• 1111");
    }

    #[test]
    fn text_without_numbers_is_unchanged() {
        assert_eq!(mask_card_numbers(""), (String::new(), false));
        assert_eq!(
            mask_card_numbers("Grüße – no card here"),
            ("Grüße – no card here".into(), false)
        );
    }
}
