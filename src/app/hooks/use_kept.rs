//! A kept article comes back on load: read from storage and handed to the
//! import panel's reader (which downloads the model, reads it a slice at a
//! time like any other, then offers it, and shows it if the address asks).

use crate::app::browser;
use yew::prelude::*;

/// Where a kept article lives in `localStorage`.
pub const STORAGE_KEY: &str = "article-explorer:yours";

/// Hands the kept article's text, if there is one, to `read`, once.
#[hook]
pub fn use_kept_article(read: &Callback<String>) {
    let read = read.clone();
    use_effect_with((), move |_| {
        if let Some(text) = browser::stored(STORAGE_KEY).filter(|t| !t.trim().is_empty()) {
            read.emit(text);
        }
    });
}
