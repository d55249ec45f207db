//! The browser app's entry point (built for wasm32 by trunk).
//!
//! Starts an explorer in the full-page `#app` (hydrating the prerendered
//! markup the build put there) and in every `[data-article-explorer]` element
//! of the page; see `src/app/mount.rs` and `docs/EMBED.md`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use article_explorer::app::crash;
    crash::install();
    article_explorer::app::mount::browser::mount_all();
    let location = web_sys::window().map(|w| w.location());
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    crash::panic_if_asked(&search);
    crash::panic_if_asked(&hash);
}

/// For host pages that add explorer elements after load:
/// `window.articleExplorer.mount()` (set by the boot script) mounts every
/// `[data-article-explorer]` element not mounted yet and returns how many started.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    article_explorer::app::mount::browser::mount_all()
}

/// Natively there is nothing to run: the app is for the browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
