//! The flows of a content folder, for the desk: every file checked, a bad one refused with all its problems,
//! the others kept. Pure: the desk reads the files and passes their names and texts.

use super::{Flow, FlowDocument, FlowProblem, FlowSummary};

/// The flows that passed their checks, by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowCatalog {
    /// Sorted by id.
    flows: Vec<(FlowDocument, Flow)>,
}

impl FlowCatalog {
    /// Checks each `(file name, TOML text)` (pass every `*.toml` file of the folder): a file with any problem,
    /// an article `known_articles` or a contact topic `known_topics` does not know included, is left out, and
    /// its problems are returned with every other refused file's, in the order given.
    pub fn load(
        files: impl IntoIterator<Item = (String, String)>,
        known_articles: &dyn Fn(&str) -> bool,
        known_topics: &dyn Fn(&str) -> bool,
    ) -> (FlowCatalog, Vec<FlowProblem>) {
        let mut flows = Vec::new();
        let mut problems = Vec::new();
        for (name, text) in files {
            let checked = FlowDocument::from_toml(&name, &text).and_then(|document| {
                let flow = document.parse()?;
                let mut missing = flow.check_articles(known_articles);
                missing.extend(flow.check_topics(known_topics));
                if missing.is_empty() {
                    Ok((document, flow))
                } else {
                    Err(missing)
                }
            });
            match checked {
                Ok(flow) => flows.push(flow),
                Err(found) => problems.extend(found),
            }
        }
        flows.sort_by(|(a, _), (b, _)| a.id.cmp(&b.id));
        (FlowCatalog { flows }, problems)
    }

    /// Whether there is a flow with this id: what rules check their `{ flow = "…" }` against.
    pub fn contains(&self, id: &str) -> bool {
        self.position(id).is_some()
    }

    /// The checked flow with this id.
    pub fn get(&self, id: &str) -> Option<&Flow> {
        self.position(id).map(|index| &self.flows[index].1)
    }

    /// The flow file with this id as JSON, as the widget receives it.
    pub fn document(&self, id: &str) -> Option<&FlowDocument> {
        self.position(id).map(|index| &self.flows[index].0)
    }

    /// Every flow, by id, titled in the locale's language.
    pub fn summaries(&self, locale: Option<&str>) -> Vec<FlowSummary> {
        self.flows
            .iter()
            .map(|(_, flow)| flow.summary(locale))
            .collect()
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.flows
            .binary_search_by(|(document, _)| document.id.as_str().cmp(id))
            .ok()
    }
}
