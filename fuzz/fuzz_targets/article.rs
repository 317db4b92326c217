//! An article file of a content folder (or a Zendesk export), as the desk imports it: any text. Importing must
//! never panic; a refusal says why; an article that is imported has an id the desk can route to, a title, a
//! locale, and HTML a reader's browser can show safely: no script, no embedded frame, no event handler, no
//! image or other fetched resource, and links only to web, mail and phone addresses.

#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_desk::content::markdown::parse;
use signpost_fuzz::explained;

/// Attribute values that may hold an address, and the schemes a link may use.
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "srcset", "action", "poster", "cite"];
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];
/// Elements that run code, embed another page or fetch something.
const BANNED_ELEMENTS: [&str; 12] = [
    "<script", "<style", "<iframe", "<frame", "<object", "<embed", "<img", "<picture", "<video",
    "<audio", "<svg", "<math",
];

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let article = match parse(source, "from-file-name") {
        Ok(article) => article,
        Err(problem) => return explained(&problem),
    };
    let id = &article.summary.id;
    assert!(
        !id.is_empty() && id.len() <= 128 && !id.contains(['/', '?', '#']),
        "{id:?}"
    );
    let title = &article.summary.title;
    assert!(!title.is_empty() && title.trim() == title, "{title:?}");
    assert!(!article.summary.locale.is_empty());
    if let Some(updated) = &article.summary.updated {
        assert!(updated.len() <= 10, "{updated:?}");
    }

    let html = article.html.to_ascii_lowercase();
    for banned in BANNED_ELEMENTS {
        assert!(!html.contains(banned), "{banned} in {html}");
    }
    for (tag, attributes) in tags(&html) {
        for (name, value) in attributes {
            assert!(
                !name.starts_with("on") && name != "style",
                "{name} on <{tag}>"
            );
            if URL_ATTRIBUTES.contains(&name)
                && let Some(scheme) = scheme(value)
            {
                assert!(
                    SCHEMES.contains(&scheme.as_str()),
                    "{name}={value:?} on <{tag}>"
                );
            }
        }
    }
});

/// The scheme of a URL as a browser reads it (tabs and line breaks removed, leading spaces and controls
/// trimmed); `None` for a relative URL, whose text before any `:` is not a scheme (`h%7btps://…` is a path).
fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = url.trim_start_matches(|c: char| c <= ' ').split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// Each tag of serialised HTML (where every `<` opens a tag and values are in double quotes) with its
/// attributes as `(name, value)`.
fn tags(html: &str) -> Vec<(&str, Vec<(&str, &str)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
                break;
            }
            let end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len())
                .max(1);
            let attribute = &rest[..end];
            rest = &rest[end..];
            let value = match rest.strip_prefix("=\"") {
                Some(quoted) => {
                    let close = quoted.find('"').unwrap_or(quoted.len());
                    rest = quoted.get(close + 1..).unwrap_or("");
                    &quoted[..close]
                }
                None => "",
            };
            attributes.push((attribute, value));
        }
        found.push((name, attributes));
    }
    found
}
