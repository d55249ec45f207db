//! The reader's entry point (corpus mode): the explorer, for the articles a
//! library opens. The library's wasm holds no explorer; the boot script hands
//! it a loader of this one, which it calls when the first article is opened
//! (or when its page also has plain explorers, which `mountAll` starts).

use article_explorer::app::instance::Theme;
use article_explorer::app::state::{Handed, State};
use article_explorer::app::url::UrlMode;
use article_explorer::app::{browser, engine, mount, App, AppProps};
use article_explorer::core::Analysis;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::AttrValue;

fn main() {
    browser::crash::install();
}

/// Says where the reader's engine and the entity model are (as the explorer's `start`),
/// for the explorers this wasm starts.
#[wasm_bindgen]
pub fn start(worker: String, model: String, hash: String) {
    engine::set_source(worker, model, hash);
}

/// Starts plain explorers on a library's page (`[data-article-explorer]` not mounted yet).
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    mount::mount_all(mount::explorer, None)
}

/// Shows an article of a corpus in `host`: its text and packed analysis (checked against
/// each other), starting with the filter `query` (the library's search). Returns the
/// function that takes it off the page, or the sentence saying why it cannot be shown.
#[wasm_bindgen]
pub fn open(
    host: web_sys::Element,
    text: String,
    packed: Vec<u8>,
    query: String,
    prefix: String,
    theme: String,
    compact: bool,
) -> Result<JsValue, String> {
    let analysis = Analysis::from_packed(text, &packed)
        .map_err(|e| format!("The article's analysis does not fit its text: {e}."))?;
    let state = State::with_article(Rc::new(analysis), &query);
    let props = yew::props!(AppProps {
        query: AttrValue::from(query),
        prefix: AttrValue::from(prefix),
        url_mode: UrlMode::None,
        theme: Theme::parse(&theme),
        compact,
        seeds: &[] as &'static [_],
        handed: Some(Handed { key: 0, state: Rc::new(state) }),
    });
    let app = yew::Renderer::<App>::with_root_and_props(host, props).render();
    Ok(Closure::once_into_js(move || app.destroy()))
}
