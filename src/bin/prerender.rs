//! Renders the explorer natively with yew's server renderer, exactly as the
//! browser's first render will be (the default, unfiltered state of the first
//! article), in yew's hydratable form, and prints that HTML to stdout.
//! `scripts/postbuild.mjs` puts it inside `dist/index.html`'s `<div id="app">`,
//! so the page reads without JavaScript and the wasm hydrates it in place.
//!
//!     cargo run --features prerender --bin prerender > app.html

use article_explorer::app::{App, AppProps};
use std::io::Write;
use yew::LocalServerRenderer;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The props `mount.rs` hydrates `#app` with: all defaults (plain ids, URL in the query).
    let props = yew::props!(AppProps {});
    let html = LocalServerRenderer::<App>::with_props(props).hydratable(true).render().await;
    let mut out = std::io::stdout().lock();
    out.write_all(html.as_bytes()).expect("stdout");
    out.flush().expect("stdout");
}
