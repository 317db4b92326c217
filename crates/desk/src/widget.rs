//! The built widget, read and compressed once at start: `loader.js` (which names the build) and the build's
//! files, versioned by a hash of their contents. Served by `routes::widget`.

use anyhow::Context as _;
use bytes::Bytes;
use sha2::{Digest, Sha256};
use signpost_core::embed::SiteEmbed;
use std::collections::HashMap;
use std::io::Write as _;

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

/// One file of the build, in each encoding the desk serves.
#[derive(Debug)]
pub struct Asset {
    pub content_type: &'static str,
    /// A strong ETag of the raw bytes, quoted.
    pub etag: String,
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
            etag,
            raw: raw.into(),
            gzip: gzip.finish()?.into(),
            brotli: brotli.into(),
        })
    }

    /// The best encoding the client accepts (its `Accept-Encoding`): the `Content-Encoding` to send, if any,
    /// and the bytes.
    pub fn encoded(&self, accept_encoding: &str) -> (Option<&'static str>, Bytes) {
        let accepts = |coding: &str| {
            accept_encoding
                .split(',')
                .any(|item| item.trim().starts_with(coding))
        };
        if accepts("br") {
            (Some("br"), self.brotli.clone())
        } else if accepts("gzip") {
            (Some("gzip"), self.gzip.clone())
        } else {
            (None, self.raw.clone())
        }
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

    /// `loader.js`, naming this build.
    pub fn loader(&self) -> &Asset {
        &self.loader
    }

    /// The build's file `name`, if `version` is this build's.
    pub fn file(&self, version: &str, name: &str) -> Option<&Asset> {
        self.files.get(name).filter(|_| version == self.version)
    }
}
