//! The built widget, read once at start with the encodings the build wrote beside each file (compressed then
//! where it did not): `loader.js` (which names the build) and the build's files (the glue, the main wasm module,
//! the CSS, and the split build's wasm chunks with the script that fetches them), versioned together by a hash
//! of their contents. Served by `routes::widget`.

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

/// The content type of a versioned build file by its extension; other files in the folder (the loader, served
/// apart; Trunk's index.html, the build's size notes) are not served among them.
fn content_type(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.')?.1 {
        "js" if name != LOADER => Some("text/javascript; charset=utf-8"),
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
    /// The file at `path`, with the encodings the build wrote beside it (`<file>.br`, `<file>.gz`:
    /// scripts/build/precompress.mjs) when they hold exactly its bytes; else compressed now with brotli at
    /// `quality`.
    pub fn read(
        content_type: &'static str,
        path: &std::path::Path,
        quality: i32,
    ) -> anyhow::Result<Asset> {
        let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        match prebuilt_encodings(path, &raw) {
            Some((gzip, brotli)) => Ok(Asset {
                content_type,
                etag: crate::digest::etag(&raw),
                raw: raw.into(),
                gzip: gzip.into(),
                brotli: brotli.into(),
            }),
            None => Asset::compressed(content_type, raw, quality),
        }
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

/// Every file of the build in `dir` that `content_type` gives a type (nothing in its subfolders), read with
/// `Asset::read` at brotli `quality`; `unreadable` says which build could not be read.
pub fn read_build(
    dir: &std::path::Path,
    content_type: fn(&str) -> Option<&'static str>,
    quality: i32,
    unreadable: impl Fn() -> String,
) -> anyhow::Result<BTreeMap<String, Asset>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).with_context(&unreadable)? {
        let entry = entry.with_context(&unreadable)?;
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        let Some(content_type) = content_type(&name) else {
            continue;
        };
        if entry.file_type()?.is_file() {
            let asset = Asset::read(content_type, &entry.path(), quality)?;
            files.insert(name, asset);
        }
    }
    Ok(files)
}

/// The gzip and brotli encodings of `raw` written beside `path`, if both are there and decode to `raw` (a build
/// copied over an older one could leave another build's).
fn prebuilt_encodings(path: &std::path::Path, raw: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let beside = |extension: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{extension}"));
        std::fs::read(std::path::PathBuf::from(name)).ok()
    };
    let (gzip, brotli) = (beside("gz")?, beside("br")?);
    let mut gunzipped = Vec::with_capacity(raw.len());
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(gzip.as_slice()),
        &mut gunzipped,
    )
    .ok()?;
    let mut unbrotlied = Vec::with_capacity(raw.len());
    brotli::BrotliDecompress(&mut brotli.as_slice(), &mut unbrotlied).ok()?;
    if gunzipped == raw && unbrotlied == raw {
        Some((gzip, brotli))
    } else {
        tracing::warn!(file = %path.display(), "its .br or .gz is of another build: compressing it at start");
        None
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
        let files = read_build(dir, content_type, BROTLI_BEST, unreadable)?;
        for name in REQUIRED {
            anyhow::ensure!(files.contains_key(name), "{}: no {name}", unreadable());
        }
        let mut hasher = Sha256::new();
        for (name, asset) in &files {
            hasher.update(name.as_bytes());
            hasher.update((asset.raw.len() as u64).to_le_bytes());
            hasher.update(&asset.raw);
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
        Ok(WidgetAssets {
            version,
            loader: Asset::compressed(
                "text/javascript; charset=utf-8",
                loader.into_bytes(),
                BROTLI_BEST,
            )?,
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

    /// `raw` compressed as the build would, brotli at `quality`.
    fn encodings(raw: &[u8], quality: i32) -> (Vec<u8>, Vec<u8>) {
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gzip.write_all(raw).unwrap();
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut &raw[..], &mut brotli, &params).unwrap();
        (gzip.finish().unwrap(), brotli)
    }

    #[test]
    fn the_encodings_the_build_wrote_are_sent_as_they_are_unless_they_are_of_another_file() {
        let dir = split_build();
        let css: String = (0..200)
            .map(|n| format!(".sp-{n}{{margin:{n}px}}"))
            .collect();
        let css = css.as_bytes();
        std::fs::write(dir.path().join("widget.css"), css).unwrap();
        // Quality 1 and the fastest gzip: bytes the desk's own compression at start would not make.
        let (gzip, brotli) = encodings(css, 1);
        std::fs::write(dir.path().join("widget.css.gz"), &gzip).unwrap();
        std::fs::write(dir.path().join("widget.css.br"), &brotli).unwrap();
        let (old_gzip, old_brotli) = encodings(b"/* an older build */", 1);
        std::fs::write(dir.path().join("chunk_3.wasm.gz"), &old_gzip).unwrap();
        std::fs::write(dir.path().join("chunk_3.wasm.br"), &old_brotli).unwrap();
        let assets = load(&dir);
        let version = assets.version().to_owned();

        let written = assets.file(&version, "widget.css").unwrap();
        assert_eq!(written.encoded("br").1.as_ref(), brotli.as_slice());
        assert_eq!(written.encoded("gzip").1.as_ref(), gzip.as_slice());
        assert_eq!(written.encoded("").1.as_ref(), css);

        let stale = assets.file(&version, "chunk_3.wasm").unwrap();
        let mut raw = Vec::new();
        brotli::BrotliDecompress(&mut stale.encoded("br").1.as_ref(), &mut raw).unwrap();
        assert_eq!(
            raw, WASM,
            "the stale encoding is not sent: the chunk is compressed at start"
        );
        // The encodings are not files of the build themselves.
        assert!(assets.file(&version, "widget.css.br").is_none());
    }

    #[test]
    fn a_build_without_the_main_module_is_refused() {
        let dir = split_build();
        std::fs::remove_file(dir.path().join("signpost_bg.wasm")).unwrap();
        let error = WidgetAssets::load(dir.path(), &SiteEmbed::default()).unwrap_err();
        assert!(error.to_string().contains("signpost_bg.wasm"), "{error:#}");
    }
}
