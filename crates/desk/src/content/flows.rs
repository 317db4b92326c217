//! The guided flows of a content folder (`flows/*.toml`): every file checked when the folder loads. A file
//! with a problem is refused, each problem logged with its file, step and field; the other flows, and the
//! rest of the folder, serve as usual.

use signpost_core::flows::FlowCatalog;
use signpost_core::rules::RuleSet;
use signpost_core::tickets::DEFAULT_TOPICS;
use std::path::Path;

/// The folder of flow files inside a content folder; optional.
const FLOWS_DIR: &str = "flows";

/// Reads and checks every `*.toml` file of `dir/flows`, and warns about rules suggesting a flow that did not
/// load (they suggest the rest as usual).
pub(super) fn load_flows(
    dir: &Path,
    known_article: &dyn Fn(&str) -> bool,
    rules: Option<&RuleSet>,
) -> FlowCatalog {
    let folder = dir.join(FLOWS_DIR);
    let mut files = vec![];
    match std::fs::read_dir(&folder) {
        Ok(entries) => {
            for path in entries.flatten().map(|entry| entry.path()) {
                if path.extension().is_none_or(|ext| ext != "toml") {
                    continue;
                }
                let name = path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match std::fs::read_to_string(&path) {
                    Ok(text) => files.push((name, text)),
                    Err(err) => {
                        tracing::warn!(path = %path.display(), reason = %err, "flow skipped")
                    }
                }
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => tracing::warn!(folder = %folder.display(), reason = %err, "flows skipped"),
    }
    files.sort();
    let known_topic = |id: &str| DEFAULT_TOPICS.iter().any(|(topic, _)| *topic == id);
    let (catalog, problems) = FlowCatalog::load(files, known_article, &known_topic);
    for problem in problems {
        tracing::warn!(folder = %folder.display(), %problem, "flow refused");
    }
    for unknown in rules
        .map(|rules| rules.unknown_flows(&|id| catalog.contains(id)))
        .unwrap_or_default()
    {
        tracing::warn!(%unknown, "a rule suggests a flow that is not served");
    }
    catalog
}
