//! The library's entry point (corpus mode, see `scripts/site.sh`): the same
//! explorer, plus the library that searches a corpus of static files and
//! opens its articles. The boot script loads this wasm instead of the
//! explorer's when the page has a `[data-corpus]` element, so a page that
//! shows one article never downloads the library's code.

use article_explorer::app::components::library;
use article_explorer::app::{browser, engine, mount};

fn main() {
    browser::crash::install();
}

/// Starts the page's libraries and explorers (the boot script passes the
/// reader's engine and model, as for the explorer).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start(worker: String, model: String, hash: String) {
    engine::set_source(worker, model, hash);
    mount::mount_all(Some(library::start));
}

/// `window.articleExplorer.mount()`: mounts elements added after load.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    mount::mount_all(Some(library::start))
}
