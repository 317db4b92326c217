//! The built widget, read and compressed once at start: `loader.js` (which names the build) and the build's
//! files (the glue, the main wasm module, the CSS, and the split build's wasm chunks with the script that fetches
//! them), versioned together by a hash of their contents. Served by `routes::widget`.

use anyhow::Context as _;
use bytes::Bytes;
use sha2::{Digest, Sha256};
use signpost_core::embed::SiteEmbed;
use std::collections::BTreeMap;
use std::io::Write as _;

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

/// The content type of a build file by its extension; other files in the folder (Trunk's index.html, the build's
/// size notes) are not served.
fn content_type(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.')?.1 {
        "js" => Some("text/javascript; charset=utf-8"),
        "wasm" => Some("application/wasm"),
        "css" => Some("text/css; charset=utf-8"),
        // A language's interface messages; the build's other JSON (its size notes) stays private.
        "json" if name.starts_with("messages-") => Some("application/json"),
        _ => None,
    }
}

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

/// Brotli at its best: the widget ships to every page view.
const BROTLI_BEST: i32 = 11;

impl Asset {
    fn new(content_type: &'static str, raw: Vec<u8>) -> anyhow::Result<Asset> {
        Asset::compressed(content_type, raw, BROTLI_BEST)
    }

    /// `raw`, compressed at start with brotli at `quality` (0–11) and gzip at its best.
    pub fn compressed(
        content_type: &'static str,
        raw: Vec<u8>,
        quality: i32,
    ) -> anyhow::Result<Asset> {
        let etag = crate::digest::etag(&raw);
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&raw)?;
        let mut brotli = Vec::new();
        brotli::BrotliCompress(
            &mut raw.as_slice(),
            &mut brotli,
            &brotli::enc::BrotliEncoderParams {
                quality,
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

    /// `loader.js`, naming this build.
    pub fn loader(&self) -> &Asset {
        &self.loader
    }

    /// The build's file `name`, if `version` is this build's.
    pub fn file(&self, version: &str, name: &str) -> Option<&Asset> {
        self.files.get(name).filter(|_| version == self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WASM: &[u8] = b"\0asm\x01\0\0\0";

    /// A split build: the loader's files, the chunk loader and two chunks, plus files that are not the widget's.
    fn split_build() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in [
            ("signpost_bg.wasm", WASM),
            (
                "loader.js",
                b"var v='__SIGNPOST_VERSION__',s=__SIGNPOST_SITE__;",
            ),
            ("signpost.js", b"import './__wasm_split.js';"),
            ("__wasm_split.js", b"export const x = 1;"),
            ("split_article.wasm", WASM),
            ("chunk_3.wasm", WASM),
            ("widget.css", b".sp-panel{display:flex}"),
            ("index.html", b"<!doctype html>"),
            ("split-points.json", b"{}"),
        ] {
            std::fs::write(dir.path().join(name), body).unwrap();
        }
        dir
    }

    fn load(dir: &tempfile::TempDir) -> WidgetAssets {
        WidgetAssets::load(dir.path(), &SiteEmbed::default()).unwrap()
    }

    #[test]
    fn every_chunk_is_part_of_the_build_typed_and_compressed() {
        let assets = load(&split_build());
        let version = assets.version().to_owned();
        for (name, content_type, body) in [
            ("split_article.wasm", "application/wasm", WASM),
            ("chunk_3.wasm", "application/wasm", WASM),
            (
                "__wasm_split.js",
                "text/javascript; charset=utf-8",
                b"export const x = 1;".as_slice(),
            ),
        ] {
            let asset = assets.file(&version, name).expect(name);
            assert_eq!(asset.content_type, content_type, "{name}");
            let (encoding, compressed) = asset.encoded("gzip, br");
            assert_eq!(encoding, Some("br"), "{name}");
            let mut raw = Vec::new();
            brotli::BrotliDecompress(&mut compressed.as_ref(), &mut raw).unwrap();
            assert_eq!(raw, body, "{name}");
        }
        // Trunk's page and the build's notes are not the widget's; the loader lives at its own address.
        for name in ["index.html", "split-points.json", "loader.js"] {
            assert!(assets.file(&version, name).is_none(), "{name}");
        }
        assert!(assets.file("000000000000", "split_article.wasm").is_none());
    }

    #[test]
    fn a_changed_chunk_is_a_new_version() {
        let dir = split_build();
        let before = load(&dir);
        std::fs::write(dir.path().join("chunk_3.wasm"), b"\0asm\x01\0\0\0\0").unwrap();
        assert_ne!(before.version(), load(&dir).version());
    }

    #[test]
    fn a_build_without_the_main_module_is_refused() {
        let dir = split_build();
        std::fs::remove_file(dir.path().join("signpost_bg.wasm")).unwrap();
        let error = WidgetAssets::load(dir.path(), &SiteEmbed::default()).unwrap_err();
        assert!(error.to_string().contains("signpost_bg.wasm"), "{error:#}");
    }
}
