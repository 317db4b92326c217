//! Filling a translated message's `{name}` placeholders, as the widget and the console both do.

/// `template` with each `{name}` replaced by its value. In a right-to-left language each value with letters (a
/// Latin one, or any beyond ASCII) is isolated (U+2068 … U+2069) unless it holds isolated parts already, so that
/// a Latin word or a list of them keeps its place in the sentence: a customer's quoted words «cobraron»، «dos
/// veces» otherwise ran together left to right, their quotation marks swapped. Numbers keep their place unaided.
/// Not `char::is_alphabetic`: its tables would cost the widget 1.2 KB.
pub fn fill(template: &str, values: &[(&str, &str)], right_to_left: bool) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            let isolate = right_to_left
                && value
                    .chars()
                    .any(|c| c.is_ascii_alphabetic() || !c.is_ascii())
                && !value.contains(['\u{2066}', '\u{2067}', '\u{2068}']);
            let value = if isolate {
                format!("\u{2068}{value}\u{2069}")
            } else {
                (*value).to_owned()
            };
            text.replace(&format!("{{{name}}}"), &value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_a_right_to_left_sentence_are_isolated_once() {
        let quoted = fill("«{text}»", &[("text", "cobraron")], true);
        assert_eq!(quoted, "«\u{2068}cobraron\u{2069}»");
        let listed = fill(
            "{words}",
            &[("words", &format!("{quoted}، {quoted}"))],
            true,
        );
        assert_eq!(
            listed,
            format!("{quoted}، {quoted}"),
            "a list of isolated words is not isolated again"
        );
        assert_eq!(
            fill("“{text}”", &[("text", "cobraron")], false),
            "“cobraron”"
        );
        let numbers = fill("{n} / {m}", &[("n", "1"), ("m", "2")], true);
        assert_eq!(numbers, "1 / 2", "numbers stay as they are");
    }
}
