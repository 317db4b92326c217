//! The console's built files (Trunk's `console/dist`), read once at start with the encodings its build wrote,
//! and served by `routes::console_files` under `/console/`. The page gets a Content-Security-Policy that allows
//! its own files and, by hash, the inline script Trunk writes to start the app: nothing else runs in the
//! agents' console.

use crate::digest::sha256_base64;
use crate::widget::{Asset, read_build};
use anyhow::Context as _;
use std::collections::BTreeMap;

/// The console's page and files, or none when the desk runs without a console build.
#[derive(Debug, Default)]
pub struct ConsoleFiles {
    page: Option<Asset>,
    policy: String,
    files: BTreeMap<String, Asset>,
}

/// For a build without its encodings (its Trunk hook writes them): quick enough at every start, and the console
/// is fetched by a few agents, not by every page view like the widget.
const BROTLI_QUALITY: i32 = 5;

/// The content type of a build file by its extension; anything else in the folder is not served.
fn content_type(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.')?.1 {
        "js" => Some("text/javascript; charset=utf-8"),
        "wasm" => Some("application/wasm"),
        "css" => Some("text/css; charset=utf-8"),
        "svg" => Some("image/svg+xml"),
        _ => None,
    }
}

impl ConsoleFiles {
    /// Reads the build in `dir`; a desk without one (`dir` absent) serves no console and says so in its log.
    pub fn load(dir: &std::path::Path) -> anyhow::Result<ConsoleFiles> {
        let index = dir.join("index.html");
        if !index.exists() {
            tracing::warn!(dir = %dir.display(), "no console build: /console/ answers 404 (build it with `trunk build --release` in console/)");
            return Ok(ConsoleFiles::default());
        }
        let unreadable = || format!("reading the console build at {}", dir.display());
        let page = std::fs::read_to_string(&index).with_context(unreadable)?;
        let files = read_build(dir, content_type, BROTLI_QUALITY, unreadable)?;
        Ok(ConsoleFiles {
            policy: policy(&page),
            page: Some(Asset::read(
                "text/html; charset=utf-8",
                &index,
                BROTLI_QUALITY,
            )?),
            files,
        })
    }

    /// The console's page, if there is a build.
    pub fn page(&self) -> Option<&Asset> {
        self.page.as_ref()
    }

    /// The Content-Security-Policy of the page.
    pub fn policy(&self) -> &str {
        &self.policy
    }

    /// The build's file `name`.
    pub fn file(&self, name: &str) -> Option<&Asset> {
        self.files.get(name)
    }
}

/// The page's policy: its own files, its inline scripts by hash, WebAssembly compiled, requests to this desk
/// only, never framed (no clickjacking of agents' actions), and no HTML written as text at all (Trusted Types
/// with no policy: what users send can never become markup in an agent's browser, whatever a view does).
fn policy(page: &str) -> String {
    let hashes: String = inline_scripts(page)
        .map(|script| format!(" 'sha256-{}'", sha256_base64(script.as_bytes())))
        .collect();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; \
         require-trusted-types-for 'script'; trusted-types 'none'"
    )
}

/// The text of each `<script>` in `page` that has no `src`.
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    page.split("<script").skip(1).filter_map(|rest| {
        let (attributes, rest) = rest.split_once('>')?;
        let (body, _) = rest.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_pages_own_inline_scripts_are_allowed() {
        let page = "<html><head><script type=\"module\">import init from '/console/app.js';init();</script>\
                    <script src=\"/console/other.js\"></script></head></html>";
        let scripts: Vec<&str> = inline_scripts(page).collect();
        assert_eq!(scripts, ["import init from '/console/app.js';init();"]);
        let policy = policy(page);
        let hash = sha256_base64(scripts[0].as_bytes());
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 1, "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("require-trusted-types-for 'script'; trusted-types 'none'"));
    }
}
