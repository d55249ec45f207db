//! A kept article comes back on load: read from storage and handed to the
//! import panel's reader (which downloads the model, reads it a slice at a
//! time like any other, then offers it, and shows it if the address asks).
//!
//! The stored copy is in [`core::kept`]'s versioned form. One that is damaged
//! or from an older version is removed and one from a newer version left for
//! the page that wrote it; either way the reader is told in one sentence and
//! the page goes on without it.
//!
//! Two tabs: the device keeps one article, the last one kept in any tab (each
//! write replaces the whole record at once, so one tab never sees half of the
//! other's). A tab forgets or unticks only its own copy: it reads the record
//! back first and leaves another tab's article where it is.

use crate::app::browser;
use crate::core::kept;
use yew::prelude::*;

/// Where a kept article lives in `localStorage`.
pub const STORAGE_KEY: &str = "article-explorer:yours";

/// What the reader is told when the kept copy is not read.
pub const UNREADABLE: &str =
    "The article kept on this device was not read: it is damaged or from another version of this page.";

/// Hands the kept article's text, if there is one, to `read` once `now` is true; calls
/// `unreadable` instead when there is a stored copy that cannot be read. A prerendered
/// page passes `now` once it is taken over: a page's first read of `localStorage` waits
/// for the browser's storage (0.9-14 ms in a fresh Chromium profile on the project's test
/// machine), and what it may find, a reader's article, is analysed after a download anyway.
#[hook]
pub fn use_kept_article(read: &Callback<String>, unreadable: &Callback<()>, now: bool) {
    let (read, unreadable) = (read.clone(), unreadable.clone());
    // `now` turns true once at most, so this reads the store once.
    use_effect_with(now, move |&now| {
        if !now {
            return;
        }
        if let Some(stored) = browser::stored(STORAGE_KEY) {
            match kept::decode(&stored) {
                Ok(text) if text.trim().is_empty() => {}
                Ok(text) => read.emit(text.to_owned()),
                Err(why) => {
                    if why != kept::Unreadable::Newer {
                        browser::unstore(STORAGE_KEY);
                    }
                    unreadable.emit(());
                }
            }
        }
    });
}

/// Keeps `text` on this device, replacing whatever any tab kept.
pub fn keep(text: &str) -> Result<(), browser::Refused> {
    browser::store(STORAGE_KEY, &kept::encode(text))
}

/// Removes the kept copy if it is `text`'s: another tab may have kept
/// another article since, which stays.
pub fn unkeep(text: &str) {
    if browser::stored(STORAGE_KEY).is_some_and(|s| kept::decode(&s) == Ok(text)) {
        browser::unstore(STORAGE_KEY);
    }
}
