//! Compiles the interface strings in `locales/*.toml` into the widget, checked against English: a locale that
//! lacks a key, adds one, or loses a placeholder fails the build instead of showing a blank to a user. For the
//! split build (feature `split`), English alone is compiled in and every other language's messages are written
//! as `messages-<tag>.json` for the widget to fetch when a user needs them (scripts/build/split.mjs copies them
//! into the build); the linker is also asked to keep the relocations the wasm splitter reads.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// Plural forms in the order the widget looks them up (Intl.PluralRules categories).
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
/// Separates the plural forms of one message in the generated table.
const FORM_SEPARATOR: char = '\u{1f}';
/// Languages written right to left.
const RTL_LANGUAGES: [&str; 4] = ["ar", "fa", "he", "ur"];

fn main() {
    keep_relocations_for_the_splitter();
    write_help_icon();
    let dir = Path::new("locales");
    println!("cargo::rerun-if-changed=locales");
    let mut tags: Vec<String> = std::fs::read_dir(dir)
        .expect("the locales folder")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".toml").map(str::to_owned)
        })
        .collect();
    // English first: it is the fallback, at index 0.
    tags.sort_by_key(|tag| (tag != "en", tag.clone()));
    assert_eq!(
        tags.first().map(String::as_str),
        Some("en"),
        "locales/en.toml is required"
    );

    let english = read(dir, "en");
    let keys: Vec<&String> = english.keys().collect();
    // Per locale, per message: the text, or its plural forms joined by FORM_SEPARATOR.
    let mut catalogs: Vec<Vec<String>> = vec![];
    for tag in &tags {
        let catalog = read(dir, tag);
        let mut problems = vec![];
        for key in catalog.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!("`{key}` is not an English key"));
        }
        let mut catalog_texts = vec![];
        for key in &keys {
            let Some(value) = catalog.get(*key) else {
                problems.push(format!("`{key}` is missing"));
                continue;
            };
            let reference = forms(&english[*key]).unwrap();
            match forms(value) {
                Ok(own) => {
                    if (reference.len() > 1) != (own.len() > 1) {
                        problems.push(format!(
                            "`{key}` must be {}",
                            if reference.len() > 1 {
                                "a plural table"
                            } else {
                                "a string"
                            }
                        ));
                    }
                    // A plural form may leave the number out ("No articles", Arabic's "one"); `other` and plain
                    // strings must keep every placeholder.
                    let wanted = placeholders(&reference.join(" "));
                    for (i, form) in own.iter().enumerate().filter(|(_, f)| !f.is_empty()) {
                        let used = placeholders(form);
                        let may_omit = own.len() > 1 && i + 1 < own.len();
                        if !used.is_subset(&wanted) || (!may_omit && used != wanted) {
                            problems.push(format!(
                                "`{key}` must use the placeholders {wanted:?}: {form:?}"
                            ));
                        }
                    }
                    catalog_texts.push(own.join(&FORM_SEPARATOR.to_string()));
                }
                Err(problem) => problems.push(format!("`{key}`: {problem}")),
            }
        }
        catalogs.push(catalog_texts);
        assert!(
            problems.is_empty(),
            "locales/{tag}.toml:\n  {}",
            problems.join("\n  ")
        );
    }

    let mut code = String::new();
    let _ = writeln!(
        code,
        "/// Every interface message, named after its key in `locales/en.toml`."
    );
    let _ = writeln!(
        code,
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Msg {{"
    );
    for key in &keys {
        let _ = writeln!(code, "    {},", camel(key));
    }
    let _ = writeln!(code, "}}\n");
    let _ = writeln!(
        code,
        "/// The locales the interface is translated into, English first."
    );
    let _ = writeln!(code, "const TAGS: [&str; {}] = {:?};", tags.len(), tags);
    let rtl: Vec<bool> = tags
        .iter()
        .map(|t| RTL_LANGUAGES.contains(&language(t)))
        .collect();
    let _ = writeln!(
        code,
        "const RIGHT_TO_LEFT: [bool; {}] = {:?};",
        tags.len(),
        rtl
    );
    let _ = writeln!(code, "const FORM_SEPARATOR: char = {FORM_SEPARATOR:?};");
    let _ = writeln!(code, "const PLURAL_FORMS: [&str; 6] = {PLURAL_FORMS:?};");
    let _ = writeln!(code, "const MESSAGE_COUNT: usize = {};", keys.len());
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let _ = writeln!(
        code,
        "/// Per locale compiled in, per message: the text, or its plural forms joined by FORM_SEPARATOR."
    );
    let _ = writeln!(
        code,
        "static BUNDLED: [Option<&[&str; MESSAGE_COUNT]>; {}] = [",
        tags.len()
    );
    for (i, catalog) in catalogs.iter().enumerate() {
        if i == 0 || !split {
            let _ = writeln!(code, "    Some(&{catalog:?}),");
        } else {
            let _ = writeln!(code, "    None,");
        }
    }
    let _ = writeln!(code, "];");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("messages.rs");
    std::fs::write(&out, code).unwrap();
    if split {
        write_fetched_catalogs(&out, &tags, &catalogs);
    }
}

/// Writes the drawing of the help icon (`style/icons/help.svg`, which the loader's placeholder launcher draws
/// too) for the widget's launcher, which builds the icon from it: the file itself in the module would read like
/// a view written as HTML to the build's check for those (scripts/build/html-views.mjs).
fn write_help_icon() {
    let file = "style/icons/help.svg";
    println!("cargo::rerun-if-changed={file}");
    let svg = std::fs::read_to_string(file).expect("the help icon");
    let path = svg
        .split(" d=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the help icon is one path");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("help_icon.rs");
    std::fs::write(out, format!("const HELP_ICON_PATH: &str = {path:?};\n")).unwrap();
}

/// Writes each language but English as `messages-<tag>.json` (a JSON array in message order) into the folder
/// beside the linked module (`target/wasm32-unknown-unknown/<profile>/messages/`), where the build's post-build
/// step, which has no way to learn `OUT_DIR`, finds them next to the wasm it splits.
fn write_fetched_catalogs(out: &Path, tags: &[String], catalogs: &[Vec<String>]) {
    let profile_dir = out
        .ancestors()
        .nth(4)
        .expect("OUT_DIR is <target>/<triple>/<profile>/build/<crate>/out");
    let dir = profile_dir.join("messages");
    std::fs::create_dir_all(&dir).unwrap();
    for (tag, catalog) in tags.iter().zip(catalogs).skip(1) {
        let items: Vec<String> = catalog.iter().map(|text| json_string(text)).collect();
        let json = format!("[{}]", items.join(","));
        std::fs::write(dir.join(format!("messages-{tag}.json")), json).unwrap();
    }
}

/// `text` as a JSON string.
fn json_string(text: &str) -> String {
    let mut json = String::from('"');
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(json, "\\u{:04x}", c as u32);
            }
            c => json.push(c),
        }
    }
    json.push('"');
    json
}

/// `wasm_split_cli` (run by scripts/build-widget.mjs after Trunk) finds what each split point needs from the
/// linker's relocations, which wasm-ld drops unless told otherwise. Only the widget's own link gets the flag, so
/// no dependency is rebuilt for it.
fn keep_relocations_for_the_splitter() {
    let split = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if split && wasm {
        println!("cargo::rustc-link-arg-cdylib=--emit-relocs");
    }
}

fn read(dir: &Path, tag: &str) -> toml::Table {
    let path = dir.join(format!("{tag}.toml"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    text.parse()
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A message's forms: one for a string; six (missing ones empty) for a plural table.
fn forms(value: &toml::Value) -> Result<Vec<String>, String> {
    match value {
        toml::Value::String(text) => Ok(vec![text.clone()]),
        toml::Value::Table(table) => {
            if let Some(unknown) = table.keys().find(|k| !PLURAL_FORMS.contains(&k.as_str())) {
                return Err(format!(
                    "`{unknown}` is not a plural form ({PLURAL_FORMS:?})"
                ));
            }
            if !table.contains_key("other") {
                return Err("a plural needs its `other` form".into());
            }
            PLURAL_FORMS
                .iter()
                .map(|form| match table.get(*form) {
                    None => Ok(String::new()),
                    Some(toml::Value::String(text)) => Ok(text.clone()),
                    Some(_) => Err(format!("the `{form}` form must be a string")),
                })
                .collect()
        }
        _ => Err("must be a string or a plural table".into()),
    }
}

/// The `{name}` placeholders in `text`.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

fn language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

fn camel(key: &str) -> String {
    key.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}
