//! The browser app's entry point (built for wasm32 by trunk).
//!
//! `start` (called by the boot script) starts an explorer in the full-page
//! `#app` (hydrating the prerendered markup the build put there) and in every
//! `[data-article-explorer]` element of the page; see `src/app/mount.rs` and
//! `docs/EMBED.md`.

use article_explorer::app::browser::{self, next_task};
use article_explorer::app::mount;
use article_explorer::app::state::State;

fn main() {
    browser::crash::install();
}

/// Starts the page's explorers, once the boot script has said where the
/// reader's engine (its Web Worker script) and the entity model
/// (`ner-<hash>.bin`) are, with the model's content hash: both are loaded
/// only when a reader brings an article of their own, but a kept article
/// asks for them as soon as its explorer starts.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start(worker: String, model: String, hash: String) {
    article_explorer::app::engine::set_source(worker, model, hash);
    // The wasm was instantiated in this browser task; decoding the first seed and mounting
    // (with the hydration) get one each, so that no task holds the page's thread for all
    // three (total blocking time).
    yew::platform::spawn_local(async {
        next_task().await;
        // The page's first render shows the first seed (the address's state follows).
        if let Some(seed) = article_explorer::seeds::SEEDS.first() {
            State::prepare(seed);
        }
        next_task().await;
        mount::mount_all(mount::explorer, None);
        let (search, hash) = browser::location_parts();
        browser::crash::panic_if_asked(&search);
        browser::crash::panic_if_asked(&hash);
    });
}

/// For host pages that add explorer elements after load:
/// `window.articleExplorer.mount()` (set by the boot script) mounts every
/// `[data-article-explorer]` element not mounted yet and returns how many started.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    mount::mount_all(mount::explorer, None)
}
