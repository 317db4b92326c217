//! The widget's own corner of `localStorage` (keys start with `signpost.`). Nothing is written before the user
//! acts (opens the widget, types in the contact form, files a ticket), nothing at all when the site's storage
//! policy is `none`, and `shutdown` clears it all.

use serde::Serialize;
use serde::de::DeserializeOwned;
use signpost_core::embed::StoragePolicy;
use std::cell::Cell;

const PREFIX: &str = "signpost.";

thread_local! {
    // Like localStorage itself, one setting for the page: the loader starts one widget per page.
    static POLICY: Cell<StoragePolicy> = const { Cell::new(StoragePolicy::AfterInteraction) };
}

/// Applies the site's storage policy to every later call.
pub fn set_policy(policy: StoragePolicy) {
    POLICY.set(policy);
}

fn storage() -> Option<web_sys::Storage> {
    if POLICY.get() == StoragePolicy::None {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text stored under `key`, if any.
fn text(key: &str) -> Option<String> {
    storage()?
        .get_item(&format!("{PREFIX}{key}"))
        .ok()
        .flatten()
}

/// The value stored under `key`, if any and readable.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::from_str(&text(key)?).ok()
}

/// Whether anything is stored under `key`, without reading it.
pub fn has(key: &str) -> bool {
    text(key).is_some()
}

/// Stores `value` under `key`; storage may be full or off, and the widget works on without it.
pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(&format!("{PREFIX}{key}"), &text);
    }
}

/// Removes `key`.
pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{PREFIX}{key}"));
    }
}
