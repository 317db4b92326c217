//! Serves the built widget: `/widget/loader.js` (short cache, names the build) and the build's files under
//! `/widget/<version>/` (cached forever). Files are read and compressed once at start.

use anyhow::Context as _;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use signpost_core::embed::SiteEmbed;
use std::collections::HashMap;
use std::io::Write as _;
use std::sync::Arc;

/// The files of a widget build, in memory and precompressed.
#[derive(Debug)]
pub struct WidgetAssets {
    version: String,
    loader: Asset,
    files: HashMap<&'static str, Asset>,
}

/// The files the loader fetches, and their content types.
const FILES: [(&str, &str); 3] = [
    ("signpost.js", "text/javascript; charset=utf-8"),
    ("signpost_bg.wasm", "application/wasm"),
    ("widget.css", "text/css; charset=utf-8"),
];

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
    /// Reads a Trunk build from `dir`. Its version is a hash of the files, so every replica serving the same
    /// build agrees on it.
    pub fn load(dir: &std::path::Path, site: &SiteEmbed) -> anyhow::Result<WidgetAssets> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).with_context(|| {
                format!(
                    "reading the widget build at {} (build it with `trunk build --release`)",
                    path.display()
                )
            })
        };
        let mut hasher = Sha256::new();
        let mut contents = Vec::new();
        for (name, content_type) in FILES {
            let raw = read(name)?;
            hasher.update(&raw);
            contents.push((name, content_type, raw));
        }
        let version = crate::digest::hex(&hasher.finalize())[..12].to_owned();
        let loader = String::from_utf8(read("loader.js")?).context("loader.js is not UTF-8")?;
        for placeholder in [VERSION_PLACEHOLDER, SITE_PLACEHOLDER] {
            anyhow::ensure!(
                loader.contains(placeholder),
                "loader.js lacks {placeholder}"
            );
        }
        let loader = loader
            .replace(VERSION_PLACEHOLDER, &version)
            .replace(SITE_PLACEHOLDER, &serde_json::to_string(site)?);
        let mut files = HashMap::new();
        for (name, content_type, raw) in contents {
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
    match assets.files.get(file.as_str()) {
        Some(asset) if version == assets.version => {
            asset.respond(&headers, "public, max-age=31536000, immutable")
        }
        _ => crate::error::AppError::NotFound.into_response(),
    }
}
