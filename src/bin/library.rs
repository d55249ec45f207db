//! The library's entry point (corpus mode, see `scripts/site.sh`): the library
//! that searches a corpus of static files and opens its articles. The boot
//! script loads this wasm instead of the explorer's when the page has a
//! `[data-corpus]` element, so a page that shows one article never downloads
//! the library's code; and the library holds no explorer: the articles it opens
//! are shown by the reader's wasm (`src/bin/reader.rs`), loaded when the first
//! is opened.

use article_explorer::app::components::library;
use article_explorer::app::{browser, mount};

fn main() {
    browser::crash::install();
}

/// Starts the page's libraries, given the boot script's loader of the reader's wasm (the
/// explorer for the articles the library opens, and for plain explorers on the page).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start(reader: js_sys::Function) {
    browser::set_reader(reader);
    mount_all();
}

/// `window.articleExplorer.mount()`: mounts elements added after load.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    mount::mount_all(library::start_explorer, Some(library::start))
}
