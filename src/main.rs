//! The browser app's entry point (built for wasm32 by trunk).
//!
//! Starts an explorer in the full-page `#app` (hydrating the prerendered
//! markup the build put there) and in every `[data-article-explorer]` element
//! of the page; see `src/app/mount.rs` and `docs/EMBED.md`.

use article_explorer::app::{browser, mount};

fn main() {
    browser::crash::install();
    mount::mount_all();
    let (search, hash) = browser::location_parts();
    browser::crash::panic_if_asked(&search);
    browser::crash::panic_if_asked(&hash);
}

/// Where the entity model is (`ner-<hash>.bin` beside the wasm, or a `blob:`
/// URL in the offline file) and its content hash: set by the boot script,
/// fetched only when a reader brings an article of their own.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = setModelUrl)]
pub fn set_model_url(url: String, hash: String) {
    article_explorer::app::model::set_source(url, &hash);
}

/// For host pages that add explorer elements after load:
/// `window.articleExplorer.mount()` (set by the boot script) mounts every
/// `[data-article-explorer]` element not mounted yet and returns how many started.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    mount::mount_all()
}
