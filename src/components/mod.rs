//! One component per thing the user sees.

mod article;
mod back;
mod contact;
mod launcher;
mod panel;
mod requests;
mod search;
mod status;
mod suggestions;

pub use article::ArticleView;
pub use back::BackButton;
pub use contact::{ContactForm, Prefill};
pub use launcher::Launcher;
pub use panel::Panel;
pub use requests::{RequestList, Thread};
pub use search::Search;
pub use status::{StatusBanner, StatusView, headline, severity_words};
pub use suggestions::SuggestionList;
