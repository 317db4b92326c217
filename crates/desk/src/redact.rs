//! What of a URL or an HTTP error may be written to a log, an error message or the database: a webhook, mirror
//! or database URL can carry a key in its query (`?api_key=…`) or its userinfo (`https://key@host/`), so both
//! are replaced before any URL is shown.

/// `text` as a URL with its userinfo and query replaced: `https://***@hooks.example.com/in?redacted`.
pub fn url(text: &str) -> String {
    let Ok(mut url) = reqwest::Url::parse(text) else {
        return "(a URL that does not parse)".to_owned();
    };
    if !url.username().is_empty() || url.password().is_some() {
        let _ = url.set_password(None);
        let _ = url.set_username("***");
    }
    if url.query().is_some() {
        url.set_query(Some("redacted"));
    }
    url.set_fragment(None);
    url.to_string()
}

/// Why a request failed, with its causes and without the URL it went to.
pub fn http_error(err: reqwest::Error) -> String {
    let err = err.without_url();
    let mut text = err.to_string();
    let mut cause = std::error::Error::source(&err);
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_urls_never_show() {
        for (text, shown) in [
            (
                "https://hooks.example.com/in?api_key=SECRET&x=1",
                "https://hooks.example.com/in?redacted",
            ),
            (
                "https://SECRET@hooks.example.com/in",
                "https://***@hooks.example.com/in",
            ),
            (
                "https://user:SECRET@hooks.example.com/in#SECRET",
                "https://***@hooks.example.com/in",
            ),
            (
                "postgres://desk:SECRET@db:5432/signpost?sslpassword=SECRET",
                "postgres://***@db:5432/signpost?redacted",
            ),
            ("sqlite://data/signpost.db", "sqlite://data/signpost.db"),
            ("not a url SECRET", "(a URL that does not parse)"),
        ] {
            assert_eq!(url(text), shown, "{text}");
        }
    }

    #[tokio::test]
    async fn request_errors_keep_their_cause_and_lose_the_url() {
        // Port 1 refuses connections.
        let err = reqwest::Client::new()
            .get("http://127.0.0.1:1/hook?api_key=SECRET")
            .send()
            .await
            .unwrap_err();
        let text = http_error(err);
        assert!(
            !text.contains("SECRET") && !text.contains("127.0.0.1"),
            "{text}"
        );
        assert!(text.to_lowercase().contains("connect"), "{text}");
    }
}
