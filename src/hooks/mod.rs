//! Reusable reactive helpers, shaped like leptos-use's: a `use_x` function that ties a browser resource to the
//! current owner, so it is released when the component (or the widget) goes away.

mod event_listener;
mod stream_or_poll;

pub use event_listener::use_event_listener;
pub use stream_or_poll::{EventStream, Polling, use_stream_or_poll};
