//! One article file: YAML front matter, Markdown rendered to sanitised HTML, and plain text for search.
//!
//! Articles carry no images. An image on another server would be fetched by every reader's browser the moment
//! the article opens, telling that server who reads what, when and from where: a tracking pixel. Proxying them
//! through the desk would hide the reader but make the desk fetch any URL an article names, and serve what it
//! got. So a Markdown image with an `http(s)` address becomes a link to it (its alt text, or its file name, as
//! the link's words): the reader may still open it, by choice. An image with a relative path (one the content
//! folder does not serve) becomes its alt text. `<img>` in embedded HTML is removed by the sanitiser.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use signpost_core::embed::Surface;
use signpost_core::help::{ArticleSummary, Audience};
use std::sync::LazyLock;

/// An article ready to serve and index.
#[derive(Clone, Debug)]
pub struct ParsedArticle {
    pub summary: ArticleSummary,
    pub tags: Vec<String>,
    /// Sanitised: safe to send to the widget as HTML.
    pub html: String,
    /// The body as words, for search and snippets.
    pub text: String,
}

/// The front matter keys we read; anything else (Zendesk exports carry more) is ignored.
#[derive(Deserialize)]
struct FrontMatter {
    title: String,
    /// A string or a number (Zendesk ids are numbers).
    id: Option<serde_norway::Value>,
    #[serde(default)]
    audience: Audience,
    #[serde(default)]
    surfaces: Vec<Surface>,
    #[serde(default)]
    tags: Vec<String>,
    locale: Option<String>,
    summary: Option<String>,
    /// A date or a date-time; only the date is kept.
    updated: Option<serde_norway::Value>,
}

/// Parses `source`; `fallback_id` (from the file name) is used when the front matter has no `id`.
pub fn parse(source: &str, fallback_id: &str) -> Result<ParsedArticle, String> {
    let (front, body) =
        split_front_matter(source).ok_or("no front matter: the file must start with `---`")?;
    let front: FrontMatter =
        serde_norway::from_str(front).map_err(|err| format!("front matter: {err}"))?;
    let id = match front.id {
        Some(serde_norway::Value::String(id)) => id,
        Some(serde_norway::Value::Number(id)) => id.to_string(),
        None => fallback_id.to_owned(),
        Some(other) => {
            return Err(format!(
                "front matter: `id` must be a string or number, not {other:?}"
            ));
        }
    };
    if id.is_empty() || id.len() > 128 || id.contains(['/', '?', '#']) {
        return Err(format!(
            "`id` {id:?} must be 1–128 characters without / ? #"
        ));
    }
    if front.title.trim().is_empty() {
        return Err("`title` is empty".into());
    }
    let updated = front.updated.and_then(|value| match value {
        serde_norway::Value::String(text) => text.get(..10).map(str::to_owned),
        _ => None,
    });
    let (html, text) = render(body);
    let summary = front.summary.unwrap_or_default();
    Ok(ParsedArticle {
        summary: ArticleSummary {
            id,
            title: front.title.trim().to_owned(),
            summary,
            audience: front.audience,
            surfaces: front.surfaces,
            locale: front.locale.unwrap_or_else(|| "en".to_owned()),
            updated,
        },
        tags: front.tags,
        html,
        text,
    })
}

fn split_front_matter(source: &str) -> Option<(&str, &str)> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let rest = source.strip_prefix("---")?.trim_start_matches([' ', '\t']);
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(Some("noopener noreferrer"))
        .set_tag_attribute_value("a", "target", "_blank")
        .url_schemes(["http", "https", "mailto", "tel"].into())
        // No image is ever fetched by a reader's browser (see the module's documentation).
        .rm_tags(["img"]);
    builder
});

/// Markdown (with any embedded HTML) to sanitised HTML, and its text.
fn render(markdown: &str) -> (String, String) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        without_images(Parser::new_ext(markdown, options)),
    );
    let html = SANITIZER.clean(&html).to_string();
    let text = text_of(&html);
    (html, text)
}

/// `events` with each image replaced: a remote one by a link to it (its words alone inside another link), a
/// local one by its alt text.
fn without_images<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut image: Option<(CowStr<'a>, Vec<Event<'a>>)> = None;
    let mut links = 0usize;
    events.flat_map(move |event| match (&mut image, event) {
        (None, Event::Start(Tag::Image { dest_url, .. })) => {
            image = Some((dest_url, Vec::new()));
            Vec::new()
        }
        (Some(_), Event::End(TagEnd::Image)) => match image.take() {
            Some((url, alt)) => replace_image(url, alt, links > 0),
            None => Vec::new(),
        },
        (Some((_, alt)), event) => {
            alt.push(event);
            Vec::new()
        }
        (None, event) => {
            match &event {
                Event::Start(Tag::Link { .. }) => links += 1,
                Event::End(TagEnd::Link) => links = links.saturating_sub(1),
                _ => {}
            }
            vec![event]
        }
    })
}

/// What an image at `url` with the `alt` text's events turns into.
fn replace_image<'a>(url: CowStr<'a>, mut alt: Vec<Event<'a>>, in_link: bool) -> Vec<Event<'a>> {
    let remote = url.starts_with("https://") || url.starts_with("http://");
    if !remote || in_link {
        return alt;
    }
    if alt.is_empty() {
        let name = url
            .rsplit('/')
            .find(|part| !part.is_empty())
            .unwrap_or("image");
        alt.push(Event::Text(CowStr::from(name.to_owned())));
    }
    let link = Tag::Link {
        link_type: LinkType::Inline,
        dest_url: url,
        title: CowStr::Borrowed(""),
        id: CowStr::Borrowed(""),
    };
    let mut events = vec![Event::Start(link)];
    events.extend(alt);
    events.push(Event::End(TagEnd::Link));
    events
}

/// The words a reader sees in sanitised HTML (so nothing the sanitiser removed, like script source, is
/// searchable), with block ends as line breaks.
fn text_of(html: &str) -> String {
    const BLOCKS: [&str; 16] = [
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "div", "pre", "ul",
        "ol",
    ];
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        let name = tag
            .trim_start_matches(['<', '/'])
            .split([' ', '>', '/'])
            .next()
            .unwrap_or_default();
        if BLOCKS.contains(&name.to_ascii_lowercase().as_str()) {
            text.push('\n');
        }
        rest = &rest[end..];
    }
    text.push_str(rest);
    decode_entities(&text)
}

/// The entities the sanitiser writes.
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_and_renders_the_body() {
        let article = parse(
            "---\nid: late-delivery\ntitle: \"My order is late\"\naudience: buyer\nsurfaces: [order]\n\
             tags: [late]\nsummary: What to do.\nupdated: 2026-10-14\n---\n\n## Steps\n\n1. **Wait** a day.\n",
            "file",
        )
        .unwrap();
        assert_eq!(article.summary.id, "late-delivery");
        assert_eq!(article.summary.audience, Audience::Buyer);
        assert_eq!(article.summary.surfaces, [Surface::Order]);
        assert_eq!(article.summary.updated.as_deref(), Some("2026-10-14"));
        assert!(article.html.contains("<h2>Steps</h2>"), "{}", article.html);
        assert!(article.html.contains("<strong>Wait</strong>"));
        assert!(article.text.contains("Wait a day."), "{}", article.text);
    }

    #[test]
    fn zendesk_numeric_ids_and_missing_ids() {
        let numbered = parse("---\ntitle: \"T\"\nid: 360016120399\n---\nBody", "x").unwrap();
        assert_eq!(numbered.summary.id, "360016120399");
        let unnamed = parse("---\ntitle: T\n---\nBody", "from-file-name").unwrap();
        assert_eq!(unnamed.summary.id, "from-file-name");
    }

    #[test]
    fn hostile_markup_is_inert() {
        let article = parse(
            "---\ntitle: T\n---\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n\
             [click](javascript:alert(3)) <a href=\"https://example.com\" onclick=\"alert(4)\">ok</a>\n\n\
             <iframe src=\"https://evil.example\"></iframe><p style=\"color:red\">styled</p>",
            "x",
        )
        .unwrap();
        let html = article.html.to_lowercase();
        for banned in [
            "<script",
            "onerror",
            "javascript:",
            "onclick",
            "<iframe",
            "style=",
        ] {
            assert!(!html.contains(banned), "{banned} survived in {html}");
        }
        assert!(
            html.contains(
                r#"<a href="https://example.com" target="_blank" rel="noopener noreferrer">ok</a>"#
            ),
            "{html}"
        );
        assert!(
            !article.text.contains("alert(1)"),
            "script source is not searchable: {}",
            article.text
        );
    }

    #[test]
    fn no_image_is_fetched_by_a_reader() {
        let article = parse(
            "---\ntitle: T\n---\nSee ![the **order** page](https://cdn.example/pixel.gif?u=1) and \
             ![](https://cdn.example/shots/step-2.png) and ![Local shot](img/step.png).\n\n\
             <img src=\"https://tracker.example/p.gif\"> <picture><img srcset=\"https://t.example/a.png 1x\"></picture>\n\n\
             <p>![not an image]</p>",
            "x",
        )
        .unwrap();
        let html = &article.html;
        for fetched in ["<img", "tracker.example", "t.example", "src="] {
            assert!(!html.contains(fetched), "{fetched} in {html}");
        }
        assert!(
            html.contains(r#"<a href="https://cdn.example/pixel.gif?u=1" target="_blank" rel="noopener noreferrer">the <strong>order</strong> page</a>"#),
            "{html}"
        );
        assert!(html.contains(">step-2.png</a>"), "{html}");
        assert!(html.contains(" and Local shot."), "{html}");
        assert!(article.text.contains("the order page"), "{}", article.text);
        let linked = parse(
            "---\ntitle: T\n---\n[![Open the guide](https://cdn.example/g.png)](https://help.example/guide)",
            "x",
        )
        .unwrap();
        assert!(
            linked.html.contains(r#"<a href="https://help.example/guide" target="_blank" rel="noopener noreferrer">Open the guide</a>"#),
            "{}",
            linked.html
        );
    }

    #[test]
    fn broken_files_say_why() {
        assert!(
            parse("no front matter", "x")
                .unwrap_err()
                .contains("front matter")
        );
        assert!(
            parse("---\ntitle: [unclosed\n---\n", "x")
                .unwrap_err()
                .starts_with("front matter:")
        );
        assert!(
            parse("---\nid: a\n---\n", "x")
                .unwrap_err()
                .contains("title")
        );
    }
}
