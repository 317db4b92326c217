//! The desk's sanitised markup (an article's body, a search result's highlights) built as elements, never
//! assigned as HTML: a host page that enforces Trusted Types (`require-trusted-types-for 'script'`) refuses every
//! HTML assignment, and building only the elements and attributes an article uses keeps anything else the markup
//! might hold inert here as well.

use std::borrow::Cow;

/// One piece of markup as the desk's sanitiser (html5ever's serialiser) writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text, its character references decoded.
    Text(Cow<'a, str>),
    /// A start tag: its name, lower case, and its attributes, their values decoded.
    Open(&'a str, Vec<(&'a str, Cow<'a, str>)>),
    /// An end tag's name.
    Close(&'a str),
}

/// The pieces of `markup`. Anything that is not a well-formed tag reads as text, and comments, which the
/// sanitiser removes, are skipped.
pub fn pieces(markup: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = markup;
    std::iter::from_fn(move || {
        while !rest.is_empty() {
            if rest.starts_with('<') {
                if let Some(after) = rest.strip_prefix("<!--") {
                    rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                    continue;
                }
                if let Some((piece, after)) = tag(rest) {
                    rest = after;
                    return Some(piece);
                }
            }
            let text_len = rest
                .bytes()
                .skip(1)
                .position(|byte| byte == b'<')
                .map_or(rest.len(), |at| at + 1);
            let (text, after) = rest.split_at(text_len);
            rest = after;
            return Some(Piece::Text(decode(text)));
        }
        None
    })
}

/// The tag at the start of `markup` and what follows it, if it starts with a well-formed one: a lower-case name,
/// as the sanitiser writes every tag, and attributes with quoted values or none.
fn tag(markup: &str) -> Option<(Piece<'_>, &str)> {
    let (closing, body) = match markup.strip_prefix("</") {
        Some(body) => (true, body),
        None => (false, &markup[1..]),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
        .unwrap_or(body.len());
    if !body.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let (name, mut rest) = body.split_at(name_len);
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
            let piece = if closing {
                Piece::Close(name)
            } else {
                Piece::Open(name, attributes)
            };
            return Some((piece, after));
        }
        let attr_len = rest.find(['=', ' ', '>', '/']).filter(|&len| len > 0)?;
        let attr = &rest[..attr_len];
        rest = &rest[attr_len..];
        let value = match rest.strip_prefix("=\"") {
            Some(quoted) => {
                let end = quoted.find('"')?;
                rest = &quoted[end + 1..];
                decode(&quoted[..end])
            }
            None => Cow::Borrowed(""),
        };
        attributes.push((attr, value));
    }
}

/// `text` with its character references (`&amp;`, `&#39;`) replaced by the characters they stand for; one it
/// does not know stays as written.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        decoded.push_str(&rest[..at]);
        rest = &rest[at..];
        let character = rest[1..]
            .find(';')
            .filter(|&end| end <= 5)
            .and_then(|end| Some((reference(&rest[1..=end])?, end + 2)));
        match character {
            Some((character, len)) => {
                decoded.push(character);
                rest = &rest[len..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

/// The character a reference's name (between `&` and `;`) stands for: those the desk's escaping writes (the
/// sanitiser's, and the search's with `&#39;`).
fn reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "#39" | "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => return None,
    })
}

/// The elements an article's body is built of (what Markdown makes, and the sanitiser lets through), sorted; any
/// other element is left out and its text kept.
const ELEMENTS: [&str; 54] = [
    "a",
    "abbr",
    "b",
    "bdi",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements that have no end tag.
fn is_void(name: &str) -> bool {
    matches!(name, "br" | "hr" | "img" | "wbr" | "col" | "input")
}

/// Whether attribute `name` with `value` is kept on an element: the ones an article's text needs, and links only
/// to the web, mail, phone or a path (never `javascript:` or `data:`).
fn keeps(name: &str, value: &str) -> bool {
    match name {
        "href" => {
            let scheme = value
                .find(':')
                .filter(|&at| !value[..at].contains(['/', '?', '#']));
            scheme.is_none_or(|at| {
                ["http", "https", "mailto", "tel"]
                    .iter()
                    .any(|allowed| value[..at].eq_ignore_ascii_case(allowed))
            })
        }
        "title" | "lang" | "dir" | "rel" | "target" | "hreflang" | "start" | "colspan"
        | "rowspan" | "headers" | "scope" | "cite" | "datetime" => true,
        _ => false,
    }
}

/// A search result's passage, which the desk escapes except for its `<mark>` highlights: each highlight with
/// the text before it, and the text after the last.
pub fn highlights(passage: &str) -> (Vec<(String, String)>, String) {
    // Split at `<` alone: every other one is escaped, and a search for a longer pattern costs the main module
    // about a kilobyte.
    let mut parts = passage.split('<');
    let mut before = decode(parts.next().unwrap_or_default()).into_owned();
    let mut marked = Vec::new();
    while let Some(part) = parts.next() {
        let mark = part.strip_prefix("mark>").unwrap_or(part);
        let after = parts.next().unwrap_or_default();
        let after = after.strip_prefix("/mark>").unwrap_or(after);
        let before = std::mem::replace(&mut before, decode(after).into_owned());
        marked.push((before, decode(mark).into_owned()));
    }
    (marked, before)
}

/// An element or a text of an article's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node<'a> {
    Text(Cow<'a, str>),
    /// Its name, the attributes kept ([`keeps`]) and its children.
    Element(&'a str, Vec<(&'a str, Cow<'a, str>)>, Vec<Node<'a>>),
}

/// An open element while [`tree`] reads: its name, its attributes if it is built (`None`: left out, its children
/// taking its place), and its children so far.
type Open<'a> = (&'a str, Option<Vec<(&'a str, Cow<'a, str>)>>, Vec<Node<'a>>);

/// The elements of [`ELEMENTS`] and the text of `markup`, as a tree; an end tag closes the elements opened since
/// its own start tag, and a stray one closes nothing.
pub fn tree(markup: &str) -> Vec<Node<'_>> {
    let mut open: Vec<Open> = vec![("", None, Vec::new())];
    for piece in pieces(markup) {
        match piece {
            Piece::Text(text) => push(&mut open, vec![Node::Text(text)]),
            Piece::Open(name, attributes) => {
                let built = ELEMENTS.binary_search(&name).is_ok().then(|| {
                    let kept = attributes.into_iter();
                    kept.filter(|(attribute, value)| keeps(attribute, value))
                        .collect()
                });
                match built {
                    Some(attributes) if is_void(name) => {
                        push(&mut open, vec![Node::Element(name, attributes, Vec::new())])
                    }
                    _ if is_void(name) => {}
                    built => open.push((name, built, Vec::new())),
                }
            }
            Piece::Close(name) => {
                if let Some(at) = open
                    .iter()
                    .skip(1)
                    .rposition(|(open_name, ..)| *open_name == name)
                {
                    close(&mut open, at + 1);
                }
            }
        }
    }
    close(&mut open, 1);
    open.pop()
        .map(|(.., children)| children)
        .unwrap_or_default()
}

/// Adds `nodes` to the children of the innermost open element.
fn push<'a>(open: &mut [Open<'a>], nodes: Vec<Node<'a>>) {
    if let Some((.., children)) = open.last_mut() {
        children.extend(nodes);
    }
}

/// Closes the open elements from the `from`th on, innermost first.
fn close(open: &mut Vec<Open<'_>>, from: usize) {
    while open.len() > from {
        let Some((name, built, children)) = open.pop() else {
            return;
        };
        let nodes = match built {
            Some(attributes) => vec![Node::Element(name, attributes, children)],
            None => children,
        };
        push(open, nodes);
    }
}

/// Appends the elements and text of `markup` ([`tree`]) to `parent`.
pub fn build(parent: &web_sys::Element, markup: &str) {
    let document = parent.owner_document().expect("an element has a document");
    append(&document, parent, tree(markup));
}

fn append(document: &web_sys::Document, parent: &web_sys::Element, nodes: Vec<Node<'_>>) {
    for node in nodes {
        match node {
            Node::Text(text) => {
                let _ = parent.append_with_str_1(&text);
            }
            Node::Element(name, attributes, children) => {
                let Ok(element) = document.create_element(name) else {
                    continue;
                };
                for (attribute, value) in attributes {
                    let _ = element.set_attribute(attribute, &value);
                }
                append(document, &element, children);
                let _ = parent.append_with_node_1(&element);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn text(text: &str) -> Piece<'_> {
        Piece::Text(Cow::Borrowed(text))
    }

    #[test]
    fn tags_text_and_references_come_apart_as_the_sanitiser_writes_them() {
        let markup = "<p>Refunds &amp; returns: <a href=\"https://example.com/?a=1&amp;b=2\" rel=\"noopener noreferrer\">see</a><br>it&#39;s &lt;easy&gt;</p>";
        let got: Vec<Piece> = pieces(markup).collect();
        assert_eq!(
            got,
            [
                Piece::Open("p", vec![]),
                Piece::Text(Cow::Owned("Refunds & returns: ".into())),
                Piece::Open(
                    "a",
                    vec![
                        ("href", Cow::Owned("https://example.com/?a=1&b=2".into())),
                        ("rel", Cow::Borrowed("noopener noreferrer")),
                    ]
                ),
                text("see"),
                Piece::Close("a"),
                Piece::Open("br", vec![]),
                Piece::Text(Cow::Owned("it's <easy>".into())),
                Piece::Close("p"),
            ]
        );
    }

    #[test]
    fn what_is_not_a_well_formed_tag_reads_as_text() {
        let got: Vec<Piece> = pieces("a < b <3 <!-- note --><P>x</P> <a href=\"open").collect();
        assert_eq!(
            got,
            [
                text("a "),
                text("< b "),
                text("<3 "),
                text("<P>x"),
                text("</P> "),
                text("<a href=\"open"),
            ]
        );
    }

    #[test]
    fn references_decode_and_unknown_ones_stay_as_written() {
        assert_eq!(decode("&lt;&#39;&quot;&nbsp;&gt;"), "<'\"\u{a0}>");
        assert_eq!(decode("AT&T &bogus; &#x2F; &"), "AT&T &bogus; &#x2F; &");
    }

    #[test]
    fn only_links_to_the_web_mail_phone_or_a_path_are_kept() {
        for kept in [
            "https://a.example/x",
            "HTTP://a.example",
            "mailto:help@a.example",
            "tel:+15550100",
            "/articles/refunds",
            "refunds?at=10:30",
            "#top",
        ] {
            assert!(keeps("href", kept), "{kept}");
        }
        for dropped in [
            "javascript:alert(1)",
            "JavaScript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!keeps("href", dropped), "{dropped}");
        }
        assert!(!keeps("onclick", "x") && !keeps("style", "x") && !keeps("src", "x"));
    }

    /// `nodes` written back as markup, to compare trees at a glance.
    fn written(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|node| match node {
                Node::Text(text) => text.to_string(),
                Node::Element(name, attributes, children) => {
                    let attributes: String = attributes
                        .iter()
                        .map(|(attribute, value)| format!(" {attribute}=\"{value}\""))
                        .collect();
                    let end = if is_void(name) {
                        String::new()
                    } else {
                        format!("</{name}>")
                    };
                    format!("<{name}{attributes}>{}{end}", written(children))
                }
            })
            .collect()
    }

    #[test]
    fn only_known_elements_and_attributes_are_built() {
        let nodes = tree(
            "<h2 title=\"t\" onclick=\"x()\">Steps</h2><ol start=\"2\"><li><strong>Open</strong> \
             <script>alert(1)</script><a href=\"javascript:alert(1)\">this</a><br></li></ol>\
             <iframe src=\"https://evil.example\">framed</iframe><img src=\"x\"><p>end</p>",
        );
        assert_eq!(
            written(&nodes),
            "<h2 title=\"t\">Steps</h2><ol start=\"2\"><li><strong>Open</strong> alert(1)\
             <a>this</a><br></li></ol>framed<p>end</p>"
        );
    }

    #[test]
    fn a_stray_end_tag_closes_nothing_and_an_unclosed_element_ends_with_the_markup() {
        let nodes = tree("<p>one</em> two<ul><li>three</p>four<div>five");
        assert_eq!(
            written(&nodes),
            "<p>one two<ul><li>three</li></ul></p>four<div>five</div>"
        );
    }

    #[test]
    fn highlights_come_with_the_text_before_them() {
        assert_eq!(
            highlights("Ask for a <mark>refund</mark> &amp; <mark>return</mark> it&#39;s"),
            (
                vec![
                    ("Ask for a ".to_owned(), "refund".to_owned()),
                    (" & ".to_owned(), "return".to_owned()),
                ],
                " it's".to_owned()
            )
        );
        assert_eq!(
            highlights("no match &lt;b&gt;"),
            (vec![], "no match <b>".to_owned())
        );
    }
}
