//! When the app panics: the panic text goes to the console (`console.error`)
//! and the page shows what happened,
//! with a button to reload, instead of going blank or freezing half-drawn.
//!
//! The notice is built with plain DOM calls, not yew: after a panic yew's
//! state can no longer be trusted. It carries no inline style or script, so
//! it works under the app's strict Content-Security-Policy.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The words a reader sees above the technical detail.
pub const NOTICE: &str = "Something went wrong and the explorer stopped. Your article and filters are in the address bar; reloading usually helps.";

/// Installs the panic hook. Call once, before rendering: yew replaces any
/// hook not set through `yew::set_custom_panic_hook` when it renders.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let detail = info.to_string();
        web_sys::console::error_1(&detail.as_str().into());
        show(&detail);
    }));
}

/// Shows the crash notice at the top of every explorer on the page (they
/// share one wasm module, so a panic stops them all), or of the page when
/// none has mounted yet. Once.
pub fn show(detail: &str) {
    let Some(document) = super::window().and_then(|w| w.document()) else { return };
    if document.query_selector(".ae-crash").ok().flatten().is_some() {
        return;
    }
    let mut roots = Vec::new();
    if let Ok(list) = document.query_selector_all(".ae-app") {
        for i in 0..list.length() {
            roots.extend(list.item(i));
        }
    }
    if roots.is_empty() {
        roots.extend(document.body().map(web_sys::Node::from));
    }
    for (n, root) in roots.iter().enumerate() {
        if let Some(notice) = notice(&document, detail) {
            let _ = root.insert_before(&notice, root.first_child().as_ref());
            if n == 0 {
                if let Ok(Some(button)) = notice.query_selector("button") {
                    let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        }
    }
}

/// One notice: what happened, a reload button and the panic text.
fn notice(document: &web_sys::Document, detail: &str) -> Option<web_sys::Element> {
    let make = |tag: &str| document.create_element(tag).ok();
    let (notice, text, button, details, summary, pre) =
        (make("div")?, make("p")?, make("button")?, make("details")?, make("summary")?, make("pre")?);
    notice.set_class_name("ae-crash");
    let _ = notice.set_attribute("role", "alert");
    text.set_text_content(Some(NOTICE));
    button.set_text_content(Some("Reload the explorer"));
    let _ = button.set_attribute("type", "button");
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = super::window() {
            let _ = w.location().reload();
        }
    });
    let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
    reload.forget(); // lives as long as the page
    summary.set_text_content(Some("Technical detail"));
    pre.set_text_content(Some(detail));
    let _ = details.append_child(&summary);
    let _ = details.append_child(&pre);
    for child in [&text, &button, &details] {
        let _ = notice.append_child(child);
    }
    Some(notice)
}

/// For the browser tests: `?debug=panic` (or `#debug=panic`) in the address
/// makes the app panic on purpose once it has started, so the crash path is
/// exercised for real. It harms nothing but the reader's own page.
pub fn panic_if_asked(query: &str) {
    if crate::core::filter::query_pairs(query).any(|(k, v)| k == "debug" && v == "panic") {
        panic!("deliberate panic requested with debug=panic");
    }
}
