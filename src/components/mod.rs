//! One component per thing the user sees.

mod article;
mod launcher;
mod panel;
mod search;
mod suggestions;

pub use article::ArticleView;
pub use launcher::Launcher;
pub use panel::Panel;
pub use search::Search;
pub use suggestions::SuggestionList;
