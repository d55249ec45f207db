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
    with_article((seeds.len() >= 2).then_some(slug), filter)
}

/// `?a=<article>&<filter>`, without `a=` when `article` is `None`; "" when
/// there is nothing to say.
pub fn with_article(article: Option<&str>, filter: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(slug) = article {
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

    /// Whether the page was opened from disk (`file://`): history refuses a changed query there.
    pub fn is_file() -> bool {
        web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "file:")
    }

    /// The state in the URL for `mode`, as a query (`?q=…`) or "": `location.search`, or
    /// `location.hash` read as a query (`#q=asif` → `?q=asif`), or nothing.
    pub fn current_in(mode: crate::app::mount::UrlMode) -> String {
        use crate::app::mount::UrlMode;
        match mode {
            UrlMode::Query => current_query(),
            UrlMode::None => String::new(),
            UrlMode::Fragment => {
                let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                let rest = hash.trim_start_matches('#');
                // A plain anchor (`#section-3`) is not a state.
                if rest.is_empty() || !rest.contains('=') {
                    String::new()
                } else {
                    format!("?{rest}")
                }
            }
        }
    }

    thread_local! {
        /// URL writes not yet made: (where, query, push).
        static PENDING: std::cell::RefCell<Vec<(crate::app::mount::UrlMode, String, bool)>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Like [`record_in`], but in a task of its own after this one: `history`'s calls take
    /// milliseconds, which a keystroke's render should not wait for. Writes keep their
    /// order; a replace right after a replace (typing) is made once, with the later query.
    pub fn record_soon(mode: crate::app::mount::UrlMode, query: String, push: bool) {
        PENDING.with(|pending| {
            let mut pending = pending.borrow_mut();
            let idle = pending.is_empty();
            if let Some(last) = pending.last_mut().filter(|last| !push && !last.2 && last.0 == mode) {
                last.1 = query;
                return;
            }
            pending.push((mode, query, push));
            if idle {
                yew::platform::spawn_local(async {
                    yew::platform::time::sleep(std::time::Duration::from_millis(0)).await;
                    for (mode, query, push) in PENDING.with(|p| p.take()) {
                        record_in(mode, &query, push);
                    }
                });
            }
        });
    }

    /// Records `query` (from [`super::to_query`]) for `mode`: like [`record`], or in the
    /// fragment (`#q=…`; no fragment at all for the default state), or not at all.
    pub fn record_in(mode: crate::app::mount::UrlMode, query: &str, push: bool) {
        use crate::app::mount::UrlMode;
        match mode {
            UrlMode::Query => record(query, push),
            UrlMode::None => {}
            UrlMode::Fragment => {
                let Some(window) = web_sys::window() else { return };
                if current_in(mode) == query {
                    return;
                }
                let location = window.location();
                let fragment = query.trim_start_matches('?');
                let base =
                    format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
                let url = if fragment.is_empty() { base } else { format!("{base}#{fragment}") };
                let done = window.history().is_ok_and(|history| {
                    if push {
                        history.push_state_with_url(&JsValue::NULL, "", Some(&url)).is_ok()
                    } else {
                        history.replace_state_with_url(&JsValue::NULL, "", Some(&url)).is_ok()
                    }
                });
                if !done {
                    let _ = if push { location.set_hash(fragment) } else { location.replace(&url) };
                }
            }
        }
    }
}
