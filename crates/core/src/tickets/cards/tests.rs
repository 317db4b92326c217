//! Card masking: the spellings people type, the numbers that must stay readable, and properties over generated
//! numbers in every separator style and digit script.

use super::*;
use proptest::prelude::*;

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
fn test_cards_are_masked_in_every_common_spelling() {
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

/// The spellings that slipped through before: every separator a person types.
#[test]
fn every_separator_a_person_types_is_masked() {
    for text in [
        "4111.1111.1111.1111",
        "4111  1111  1111  1111",
        "4111\u{a0}1111\u{a0}1111\u{a0}1111", // non-breaking spaces
        "4111\u{202f}1111\u{2009}1111 1111",  // narrow and thin spaces
        "4111\n1111\n1111\n1111",             // line breaks
        "4111\r\n1111\r\n1111\r\n1111",
        "4111/1111/1111/1111",
        "4111\u{2013}1111\u{2013}1111\u{2013}1111", // en dashes
        "4111\u{2014}1111\u{2014}1111\u{2014}1111", // em dashes
        "4111\u{2010}1111\u{2011}1111\u{2212}1111", // hyphen, non-breaking hyphen, minus
        "4111 - 1111 - 1111 - 1111",
        "4111. 1111. 1111. 1111",
        "4111\t1111\t1111\t1111",
        "4111\u{3000}1111\u{3000}1111\u{3000}1111", // ideographic spaces
    ] {
        assert_eq!(masked(text), "•••• •••• •••• 1111", "{text:?}");
    }
}

#[test]
fn every_digit_script_is_masked() {
    for (text, last4) in [
        ("４１１１ １１１１ １１１１ １１１１", "１１１１"), // full-width
        ("٤١١١ ١١١١ ١١١١ ١١١١", "١١١١"),                     // Arabic-Indic
        ("۴۱۱۱۱۱۱۱۱۱۱۱۱۱۱۱", "۱۱۱۱"),                        // Extended Arabic-Indic (Persian)
        ("४१११-११११-११११-११११", "११११"),                     // Devanagari
        ("๔๑๑๑ ๑๑๑๑ ๑๑๑๑ ๑๑๑๑", "๑๑๑๑"),                     // Thai
        ("4111 １１１１ ١١١١ 1111", "1111"),                 // mixed, as pasted from several places
        ("𝟒𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏𝟏", "𝟏𝟏𝟏𝟏"),                        // mathematical bold
    ] {
        assert_eq!(masked(text), format!("•••• •••• •••• {last4}"), "{text}");
    }
}

#[test]
fn digit_values_cover_every_script_table_entry() {
    for zero in DIGIT_ZEROS {
        for value in 0..10 {
            let c = char::from_u32(zero + value).unwrap();
            assert!(c.is_numeric(), "{c:?} is a digit");
            assert_eq!(digit_value(c), Some(value), "{c:?}");
        }
        let before = char::from_u32(zero - 1).unwrap();
        assert!(digit_value(before).is_none() || DIGIT_ZEROS.contains(&(zero - 10)));
    }
    for c in ['a', ' ', '٫', '½', '²', '①', '\u{0}', char::MAX] {
        assert_eq!(digit_value(c), None, "{c:?}");
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
    assert_eq!(
        masked("بطاقتي ٤١١١ ١١١١ ١١١١ ١١١١ شكرا"),
        "بطاقتي •••• •••• •••• ١١١١ شكرا"
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
    assert_eq!(
        masked("4111-1111-1111-1111 5555-5555-5555-4444"),
        "•••• •••• •••• 1111 •••• •••• •••• 4444"
    );
}

#[test]
fn a_card_next_to_a_date_an_expiry_or_a_code_is_masked() {
    assert_eq!(masked("4111 1111 1111 1111 123"), "•••• •••• •••• 1111 123");
    assert_eq!(
        masked("4111 1111 1111 1111 12/25"),
        "•••• •••• •••• 1111 12/25"
    );
    assert_eq!(
        masked("4111 1111 1111 1111 12/25 123"),
        "•••• •••• •••• 1111 12/25 123"
    );
    assert_eq!(
        masked("2026-03-06 4111 1111 1111 1111"),
        "2026-03-06 •••• •••• •••• 1111"
    );
    assert_eq!(
        masked("06.03.2026\n4111-1111-1111-1111"),
        "06.03.2026\n•••• •••• •••• 1111"
    );
}

#[test]
fn luhn_invalid_numbers_are_left_alone() {
    for text in [
        "4111 1111 1111 1112",
        "4111111111111112",
        "1234-5678-9012-3456",
        "5555 5555 5555 4445",
        "4111.1111.1111.1112",
        "４１１１ １１１１ １１１１ １１１２",
    ] {
        assert_eq!(masked(text), text);
    }
}

/// The boundary on the other side: numbers people write in tickets that are not cards stay readable.
#[test]
fn order_and_phone_numbers_are_left_alone() {
    for text in [
        "Order A-1043 placed 2026-03-06",
        "Order #100000123456789 hasn't arrived",
        "Order 1043-2291-7745-0012",
        "Call me on +49 30 1234 5678 or 0049 170 1234567",
        "+1 (555) 123-4567",
        // International numbers of 13+ digits, some Luhn-valid: a leading + marks them.
        "+86 138 0013 8003",
        "+4915112345678",
        // Tracking numbers in groups of four are one number: no part of them is taken for a card.
        "Tracking 9400 1000 0000 0000 0000 00",
        "Tracking 9400 1111 1111 1111 1111 00",
        "Amount 1 234 567,00 EUR",
        // Zero-padded ids: no card starts with 0.
        "Ref 0411111111111111",
        "Dates 2026-03-06/2026-03-09",
    ] {
        assert_eq!(masked(text), text);
    }
}

#[test]
fn numbers_of_other_lengths_are_left_alone() {
    // Luhn-valid, but 12 and 20 digits.
    assert!(luhn(&[4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 7]));
    assert_eq!(masked("411111111117"), "411111111117");
    assert_eq!(masked("41111111111111111115"), "41111111111111111115");
    // A card with a group of four after it is a card and its code, even when the twenty digits pass Luhn.
    assert_eq!(
        masked("4111 1111 1111 1111 1115"),
        "•••• •••• •••• 1111 1115"
    );
}

#[test]
fn four_separators_end_a_run() {
    assert_eq!(
        masked("4111    1111    1111    1111"),
        "4111    1111    1111    1111"
    );
    assert_eq!(masked("4111 -- 1111"), "4111 -- 1111");
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

#[test]
fn a_long_run_of_short_groups_is_quick() {
    let text = "1 ".repeat(50_000);
    let started = std::time::Instant::now();
    let _ = mask_card_numbers(&text);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

// ---------------------------------------------------------------------------------------------------------------
// Properties

/// The separators people put between groups, one style per number.
const SEPARATORS: [&str; 16] = [
    "", " ", "  ", "-", ".", "/", "\u{a0}", "\u{202f}", "\n", "\r\n", "\u{2013}", "\u{2014}",
    " - ", "\t", "\u{3000}", ". ",
];

/// Scripts a number may be written in, by their zero.
const SCRIPTS: [u32; 6] = [0x30, 0xFF10, 0x660, 0x6F0, 0x966, 0xE50];

/// `body` (digits 1–9 first, then any) completed with its Luhn check digit.
fn with_check_digit(body: &[u32]) -> Vec<u32> {
    (0..10)
        .map(|check| {
            let mut digits = body.to_vec();
            digits.push(check);
            digits
        })
        .find(|digits| luhn(digits))
        .expect("one of ten check digits fits")
}

/// `digits` in `script`, split into groups of `sizes` (cycled) joined by `separator`.
fn spell(digits: &[u32], script: u32, sizes: &[usize], separator: &str) -> String {
    let mut text = String::new();
    let mut in_group = 0;
    let mut size = sizes.iter().cycle();
    let mut limit = *size.next().unwrap();
    for (index, &digit) in digits.iter().enumerate() {
        if index > 0 && in_group == limit {
            text.push_str(separator);
            in_group = 0;
            limit = *size.next().unwrap();
        }
        text.push(char::from_u32(script + digit).unwrap());
        in_group += 1;
    }
    text
}

/// The digits of `text`, as values.
fn digits_of(text: &str) -> Vec<u32> {
    text.chars().filter_map(digit_value).collect()
}

fn card_digits() -> impl Strategy<Value = Vec<u32>> {
    (1u32..10, proptest::collection::vec(0u32..10, 11..=17)).prop_map(|(first, rest)| {
        let mut body = vec![first];
        body.extend(rest);
        with_check_digit(&body)
    })
}

fn grouping() -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        Just(vec![4]),
        Just(vec![4, 6, 5]),
        Just(vec![4, 4, 4, 4, 3]),
        Just(vec![19]),
        proptest::collection::vec(2usize..=6, 1..5),
    ]
}

/// Words around a number that neither touch it with a letter nor add digits.
fn words() -> impl Strategy<Value = String> {
    "[A-Za-zéü ,.!?]{0,30}".prop_map(|w| format!("{w} "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// A Luhn-valid number of 13–19 digits, in any grouping, separator style and digit script, anywhere in a
    /// sentence, is masked: its digits are gone but the last four, and the words around it are kept.
    #[test]
    fn cards_are_masked_in_any_spelling(
        digits in card_digits(),
        sizes in grouping(),
        separator in proptest::sample::select(&SEPARATORS[..]),
        script in proptest::sample::select(&SCRIPTS[..]),
        before in words(),
        after in words(),
    ) {
        let card = spell(&digits, script, &sizes, separator);
        let text = format!("{before}{card} {after}");
        let (out, masked) = mask_card_numbers(&text);
        prop_assert!(masked, "{text:?} → {out:?}");
        prop_assert_eq!(digits_of(&out), digits[digits.len() - 4..].to_vec(), "{:?} → {:?}", text, out);
        prop_assert!(out.starts_with(&before) && out.ends_with(&format!(" {after}")), "{text:?} → {out:?}");
    }

    /// Numbers that are not cards stay as written: too short, failing Luhn, starting with 0, after a `+`, or
    /// glued to a letter.
    #[test]
    fn other_numbers_are_kept(
        digits in proptest::collection::vec(0u32..10, 1..=25),
        sizes in grouping(),
        separator in proptest::sample::select(&SEPARATORS[..]),
        script in proptest::sample::select(&SCRIPTS[..]),
        marker in proptest::sample::select(&["", "+", "A", "Nr"][..]),
    ) {
        let spelled = spell(&digits, script, &sizes, separator);
        let text = format!("see {marker}{spelled} ok");
        // Fewer than 13 digits hold no card; a marked number is never one; one group of 13–19 is one number.
        let one_group = separator.is_empty() && digits.len() <= 19 && !is_card(&digits);
        prop_assume!(digits.len() < 13 || !marker.is_empty() || one_group);
        prop_assert_eq!(mask_card_numbers(&text), (text.clone(), false));
    }

    /// Masking is idempotent, never panics, and only ever replaces digits: the text without digits, bullets and
    /// spaces reads the same.
    #[test]
    fn masking_only_ever_hides_digits(text in "\\PC{0,200}|[0-9 .\\-/\n]{0,80}") {
        let (once, _) = mask_card_numbers(&text);
        prop_assert_eq!(mask_card_numbers(&once).0, once.clone());
        let skeleton = |t: &str| -> String {
            t.chars().filter(|&c| digit_value(c).is_none() && c != '•' && !c.is_whitespace()).collect()
        };
        // Separators inside a masked card are gone, so compare what is left outside them: letters survive.
        let letters = |t: &str| -> String { skeleton(t).chars().filter(|c| c.is_alphabetic()).collect() };
        prop_assert_eq!(letters(&once), letters(&text));
    }
}
