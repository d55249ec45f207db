//! The browser app's entry point (built for wasm32 by trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    use article_explorer::app::{App, AppProps};
    console_error_panic_hook::set_once();
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    let props = AppProps { query: query.into(), seeds: article_explorer::seeds::SEEDS };
    match root {
        Some(root) => yew::Renderer::<App>::with_root_and_props(root, props).render(),
        None => yew::Renderer::<App>::with_props(props).render(),
    };
}

/// Natively there is nothing to run: the app is for the browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
