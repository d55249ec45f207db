//! The browser tab's title follows the article: the full page only, as a
//! host page keeps its own title.

use crate::app::browser;
use yew::prelude::*;

#[hook]
pub fn use_tab_title(title: &str, page: bool) {
    use_effect_with((title.to_string(), page), |(title, page)| {
        if *page {
            browser::set_title(&tab_title(title));
        }
    });
}

/// The tab's title for an article's title ("" for none). The build writes it into the
/// prerendered page too, so that the tab is right before (and without) the wasm.
pub fn tab_title(title: &str) -> String {
    if title.is_empty() {
        "Article explorer".to_string()
    } else {
        format!("{title} · Article explorer")
    }
}
