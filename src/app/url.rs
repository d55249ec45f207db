//! The app's state in the URL query: `?a=<slug>&q=…&e=…&any=1&hide=…`.
//! `Filter::to_query` writes everything but `a`; `a` is written only when
//! there are two or more articles to choose from.

use crate::core::filter::{encode, query_pairs, Filter};
use crate::seeds::Seed;

/// The article slug (if any) and the filter a URL query names.
pub fn parse(query: &str) -> (Option<String>, Filter) {
    let slug = query_pairs(query).find(|(k, _)| k == "a").map(|(_, v)| v).filter(|v| !v.is_empty());
    (slug, Filter::from_query(query))
}

/// The URL query (with a leading `?`) for an article and filter, or "" when
/// there is nothing to say.
pub fn to_query(seeds: &[Seed], slug: &str, filter: &Filter) -> String {
    let mut parts = Vec::new();
    if seeds.len() >= 2 {
        parts.push(format!("a={}", encode(slug)));
    }
    let f = filter.to_query();
    if !f.is_empty() {
        parts.push(f);
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The browser side: read and write `location.search` through `history`.
#[cfg(target_arch = "wasm32")]
pub mod browser {
    use wasm_bindgen::JsValue;

    /// `location.search`, e.g. `?q=asif` (or "").
    pub fn current_query() -> String {
        web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
    }

    /// Records `query` (from [`super::to_query`]) in history, pushing a new
    /// entry or replacing the current one; does nothing if it is already there.
    pub fn record(query: &str, push: bool) {
        let Some(window) = web_sys::window() else { return };
        let location = window.location();
        if location.search().unwrap_or_default() == query {
            return;
        }
        let path = location.pathname().unwrap_or_else(|_| "/".into());
        let url = format!("{path}{query}");
        let Ok(history) = window.history() else { return };
        let _ = if push {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}
