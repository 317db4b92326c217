//! Serves the built widget: `/widget/loader.js` (short cache, names the build) and the build's files under
//! `/widget/<version>/` (cached forever): the glue, the main wasm module, the CSS, and the split build's wasm
//! chunks with the script that fetches them. Files are read and compressed once at start.

use anyhow::Context as _;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use signpost_core::embed::SiteEmbed;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;

/// The files of a widget build, in memory and precompressed.
#[derive(Debug)]
pub struct WidgetAssets {
    version: String,
    loader: Asset,
    files: BTreeMap<String, Asset>,
}

/// The files the loader itself fetches: a build without them cannot start.
const REQUIRED: [&str; 3] = ["signpost.js", "signpost_bg.wasm", "widget.css"];

/// The loader, served apart from the versioned files.
const LOADER: &str = "loader.js";

/// The content type of a build file by its extension; other files in the folder (Trunk's index.html) are not
/// served.
fn content_type(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.')?.1 {
        "js" => Some("text/javascript; charset=utf-8"),
        "wasm" => Some("application/wasm"),
        "css" => Some("text/css; charset=utf-8"),
        _ => None,
    }
}

/// Stands in loader.js for the build's version, so the loader asks for this build's files.
const VERSION_PLACEHOLDER: &str = "__SIGNPOST_VERSION__";
/// Stands in loader.js for the site's embed settings (a JSON object).
const SITE_PLACEHOLDER: &str = "__SIGNPOST_SITE__";

#[derive(Debug)]
struct Asset {
    content_type: &'static str,
    etag: HeaderValue,
    raw: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

impl Asset {
    fn new(content_type: &'static str, raw: Vec<u8>) -> anyhow::Result<Asset> {
        let etag = crate::digest::etag(&raw);
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&raw)?;
        let mut brotli = Vec::new();
        brotli::BrotliCompress(
            &mut raw.as_slice(),
            &mut brotli,
            &brotli::enc::BrotliEncoderParams {
                quality: 11,
                ..Default::default()
            },
        )?;
        Ok(Asset {
            content_type,
            etag: HeaderValue::from_str(&etag)?,
            raw: raw.into(),
            gzip: gzip.finish()?.into(),
            brotli: brotli.into(),
        })
    }

    /// The response for a request with these headers: 304 when the client has it, else the best encoding.
    fn respond(&self, request: &HeaderMap, cache_control: &'static str) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        headers.insert(header::ETAG, self.etag.clone());
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        // Public files: any page may load the widget, including cross-origin module and wasm fetches.
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        if request.get(header::IF_NONE_MATCH) == Some(&self.etag) {
            return (StatusCode::NOT_MODIFIED, headers).into_response();
        }
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        let accepts = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        let accepts = |coding: &str| {
            accepts
                .split(',')
                .any(|item| item.trim().starts_with(coding))
        };
        let body = if accepts("br") {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            self.brotli.clone()
        } else if accepts("gzip") {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            self.gzip.clone()
        } else {
            self.raw.clone()
        };
        (headers, body).into_response()
    }
}

impl WidgetAssets {
    /// Reads a Trunk build from `dir`: every script, wasm module and stylesheet in it. Its version is a hash of
    /// all of them, so a page never mixes files of two builds, and every replica serving the same build agrees on
    /// it.
    pub fn load(dir: &std::path::Path, site: &SiteEmbed) -> anyhow::Result<WidgetAssets> {
        let unreadable = || {
            format!(
                "reading the widget build at {} (build it with `trunk build --release`)",
                dir.display()
            )
        };
        let mut contents = BTreeMap::new();
        for entry in std::fs::read_dir(dir).with_context(unreadable)? {
            let entry = entry.with_context(unreadable)?;
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let Some(content_type) = content_type(&name) else {
                continue;
            };
            if name == LOADER || !entry.file_type()?.is_file() {
                continue;
            }
            let raw = std::fs::read(entry.path())
                .with_context(|| format!("reading {}", entry.path().display()))?;
            contents.insert(name, (content_type, raw));
        }
        for name in REQUIRED {
            anyhow::ensure!(contents.contains_key(name), "{}: no {name}", unreadable());
        }
        let mut hasher = Sha256::new();
        for (name, (_, raw)) in &contents {
            hasher.update(name.as_bytes());
            hasher.update((raw.len() as u64).to_le_bytes());
            hasher.update(raw);
        }
        let version = crate::digest::hex(&hasher.finalize())[..12].to_owned();
        let loader = std::fs::read(dir.join(LOADER)).with_context(unreadable)?;
        let loader = String::from_utf8(loader).context("loader.js is not UTF-8")?;
        for placeholder in [VERSION_PLACEHOLDER, SITE_PLACEHOLDER] {
            anyhow::ensure!(
                loader.contains(placeholder),
                "loader.js lacks {placeholder}"
            );
        }
        let loader = loader
            .replace(VERSION_PLACEHOLDER, &version)
            .replace(SITE_PLACEHOLDER, &serde_json::to_string(site)?);
        let mut files = BTreeMap::new();
        for (name, (content_type, raw)) in contents {
            files.insert(name, Asset::new(content_type, raw)?);
        }
        Ok(WidgetAssets {
            version,
            loader: Asset::new("text/javascript; charset=utf-8", loader.into_bytes())?,
            files,
        })
    }

    /// The build's version, as it appears in asset URLs.
    pub fn version(&self) -> &str {
        &self.version
    }
}

/// `/widget/…` routes.
pub fn router(assets: Arc<WidgetAssets>) -> Router {
    Router::new()
        .route("/widget/loader.js", get(loader))
        .route("/widget/{version}/{file}", get(file))
        .with_state(assets)
}

async fn loader(State(assets): State<Arc<WidgetAssets>>, headers: HeaderMap) -> Response {
    // Short-lived: a new build reaches every page within five minutes.
    assets.loader.respond(&headers, "public, max-age=300")
}

async fn file(
    State(assets): State<Arc<WidgetAssets>>,
    Path((version, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match assets.files.get(&file) {
        Some(asset) if version == assets.version => {
            asset.respond(&headers, "public, max-age=31536000, immutable")
        }
        _ => crate::error::AppError::NotFound.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER_JS: &str = "var v='__SIGNPOST_VERSION__',s=__SIGNPOST_SITE__;";
    const WASM: &[u8] = b"\0asm\x01\0\0\0";

    /// A split build: the loader's files, the chunk loader and two chunks, plus Trunk's index.html.
    fn split_build() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in [
            ("loader.js", LOADER_JS.as_bytes()),
            ("signpost.js", b"import './__wasm_split.js';".as_slice()),
            ("__wasm_split.js", b"export const x = 1;"),
            ("signpost_bg.wasm", WASM),
            ("split_article.wasm", WASM),
            ("chunk_3.wasm", WASM),
            ("widget.css", b".sp-panel{display:flex}"),
            ("index.html", b"<!doctype html>"),
        ] {
            std::fs::write(dir.path().join(name), body).unwrap();
        }
        dir
    }

    async fn get(assets: &Arc<WidgetAssets>, version: &str, file: &str) -> Response {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br"),
        );
        super::file(
            State(assets.clone()),
            Path((version.to_owned(), file.to_owned())),
            headers,
        )
        .await
    }

    #[tokio::test]
    async fn every_chunk_is_served_with_the_build_compressed_and_immutable() {
        let dir = split_build();
        let assets = Arc::new(WidgetAssets::load(dir.path(), &SiteEmbed::default()).unwrap());
        let version = assets.version().to_owned();
        for (file, content_type) in [
            ("split_article.wasm", "application/wasm"),
            ("chunk_3.wasm", "application/wasm"),
            ("__wasm_split.js", "text/javascript; charset=utf-8"),
        ] {
            let response = get(&assets, &version, file).await;
            assert_eq!(response.status(), StatusCode::OK, "{file}");
            let headers = response.headers();
            assert_eq!(headers[header::CONTENT_TYPE], content_type, "{file}");
            assert_eq!(headers[header::CONTENT_ENCODING], "br", "{file}");
            assert_eq!(
                headers[header::CACHE_CONTROL],
                "public, max-age=31536000, immutable"
            );
            assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        }
        // Trunk's page is not part of the widget, and the loader lives at its own short-cached address.
        for file in ["index.html", "loader.js"] {
            let response = get(&assets, &version, file).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{file}");
        }
        let stale = get(&assets, "000000000000", "split_article.wasm").await;
        assert_eq!(stale.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn a_changed_chunk_is_a_new_version() {
        let dir = split_build();
        let before = WidgetAssets::load(dir.path(), &SiteEmbed::default()).unwrap();
        std::fs::write(dir.path().join("chunk_3.wasm"), b"\0asm\x01\0\0\0\0").unwrap();
        let after = WidgetAssets::load(dir.path(), &SiteEmbed::default()).unwrap();
        assert_ne!(before.version(), after.version());
    }

    #[test]
    fn a_build_without_the_main_module_is_refused() {
        let dir = split_build();
        std::fs::remove_file(dir.path().join("signpost_bg.wasm")).unwrap();
        let error = WidgetAssets::load(dir.path(), &SiteEmbed::default()).unwrap_err();
        assert!(error.to_string().contains("signpost_bg.wasm"), "{error:#}");
    }
}
