//! What of a search's text is stored: lower-cased, with whatever could identify someone replaced. Emails become
//! `[email]`; a run of digits, spaces and `+ - ( ) . /` holding 7 or more digits (a phone or card number)
//! becomes `[number]`; any other word with 4 or more digits (an order id such as `A-10023`, a postcode)
//! becomes `[id]`. Reports list queries by their cleaned text, so "where is order 10023" and "where is order
//! 10077" count as one.

/// Fewest digits in a run that reads as a phone or card number.
const NUMBER_DIGITS: usize = 7;
/// Fewest digits in a word that reads as an id.
const ID_DIGITS: usize = 4;

/// The query as stored.
pub fn clean_query(query: &str) -> String {
    let lowered = query.trim().to_lowercase();
    let without_numbers = replace_long_numbers(&lowered);
    let words: Vec<&str> = without_numbers
        .split_whitespace()
        .map(|word| {
            if word.contains('@') && word.contains('.') {
                "[email]"
            } else if word.chars().filter(char::is_ascii_digit).count() >= ID_DIGITS {
                "[id]"
            } else {
                word
            }
        })
        .collect();
    let mut cleaned: Vec<&str> = Vec::with_capacity(words.len());
    for word in words {
        // "[id] [id]" says no more than one.
        if word.starts_with('[') && cleaned.last() == Some(&word) {
            continue;
        }
        cleaned.push(word);
    }
    cleaned.join(" ")
}

/// Replaces each run of number-like characters holding at least [`NUMBER_DIGITS`] digits with `[number]`.
fn replace_long_numbers(text: &str) -> String {
    let numberish = |c: char| c.is_ascii_digit() || " +-()./".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().filter(char::is_ascii_digit).count() >= NUMBER_DIGITS {
            // Keep the spaces around the number so the words beside it stay apart.
            if run.starts_with(' ') {
                out.push(' ');
            }
            out.push_str("[number]");
            if run.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if numberish(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifying_text_is_replaced() {
        for (query, cleaned) in [
            ("Refund for lena.berg@example.com", "refund for [email]"),
            (
                "call me +1 (555) 123-4567 please",
                "call me [number] please",
            ),
            (
                "card 4111 1111 1111 1111 declined",
                "card [number] declined",
            ),
            ("where is order A-10023", "where is order [id]"),
            ("order #10023 and #10024", "order [id] and [id]"),
            ("sent to 10115 berlin", "sent to [id] berlin"),
        ] {
            assert_eq!(clean_query(query), cleaned, "{query}");
        }
    }

    #[test]
    fn ordinary_searches_are_kept() {
        for query in [
            "Refund",
            "  late   order ",
            "2 items missing",
            "iva 21%",
            "أين طلبي",
        ] {
            let cleaned = clean_query(query);
            assert!(!cleaned.contains('['), "{query} became {cleaned}");
        }
        assert_eq!(clean_query("  Late   ORDER "), "late order");
    }

    #[test]
    fn repeated_marks_say_it_once() {
        assert_eq!(clean_query("A-10023 B-10024 late"), "[id] late");
    }
}
