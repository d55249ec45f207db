//! The browser tab's title follows the article: the full page only, as a
//! host page keeps its own title.

use crate::app::browser;
use yew::prelude::*;

#[hook]
pub fn use_tab_title(title: &str, page: bool) {
    use_effect_with((title.to_string(), page), |(title, page)| {
        if *page {
            browser::set_title(&if title.is_empty() {
                "Article explorer".to_string()
            } else {
                format!("{title} · Article explorer")
            });
        }
    });
}
