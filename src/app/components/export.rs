//! Export: the current filtered view as Markdown (copy or download), and the
//! full extraction as JSON, the same as the `extract` command prints.

use crate::app::markdown::markdown;
use crate::app::Article;
use crate::core::filter::{Filter, Outcome};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub article: Article,
    pub filter: Filter,
    pub outcome: Rc<Outcome>,
}

/// A file name from the title: `pakistan-vows-continued-anti-terror.md`.
pub fn file_name(title: &str, ext: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.chars().count() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    format!("{}.{ext}", if slug.is_empty() { "article" } else { slug })
}

/// The extraction as pretty JSON, as `article-explorer-cli extract` prints it.
pub fn json(a: &crate::core::Analysis) -> String {
    serde_json::to_string_pretty(&a.extraction()).unwrap_or_else(|_| "{}".into()) + "\n"
}

#[function_component(Export)]
pub fn export(props: &ExportProps) -> Html {
    let ids = crate::app::mount::use_instance();
    let message = use_state(String::new);
    let md = {
        let article = props.article.clone();
        let filter = props.filter.clone();
        let outcome = props.outcome.clone();
        move || markdown(&article, &filter, &outcome)
    };
    let title = props.article.title().to_string();
    let on_copy = {
        let md = md.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| browser::copy(md(), message.clone()))
    };
    let on_md = {
        let message = message.clone();
        let name = file_name(&title, "md");
        Callback::from(move |_: MouseEvent| {
            browser::download(&md(), &name, "text/markdown;charset=utf-8");
            message.set(format!("Downloaded {name}."));
        })
    };
    let on_json = {
        let message = message.clone();
        let article = props.article.clone();
        let name = file_name(&title, "json");
        Callback::from(move |_: MouseEvent| {
            browser::download(&json(&article), &name, "application/json");
            message.set(format!("Downloaded {name}."));
        })
    };
    html! {
        <details class="export tool" id={ids.id("export")}>
            <summary>{ "Export" }</summary>
            <div class="tool-body">
                <p class="tool-note">{ "Markdown: the sections shown now, with the filter on top. JSON: everything found in the article." }</p>
                <div class="tool-buttons">
                    <button type="button" id={ids.id("copy-md")} onclick={on_copy}>{ "Copy as Markdown" }</button>
                    <button type="button" id={ids.id("download-md")} onclick={on_md}>{ "Download Markdown" }</button>
                    <button type="button" id={ids.id("download-json")} onclick={on_json}>{ "Download JSON" }</button>
                </div>
                <p id={ids.id("export-status")} class="export-status" role="status" aria-live="polite">{ (*message).clone() }</p>
            </div>
        </details>
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};
    use yew::UseStateHandle;

    /// Copies with the Clipboard API; says so when the browser refuses.
    pub fn copy(text: String, message: UseStateHandle<String>) {
        const DENIED: &str = "The browser did not allow copying; use Download Markdown instead.";
        let Some(window) = web_sys::window() else { return };
        let navigator = window.navigator();
        let has = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
            .is_ok_and(|c| !c.is_undefined() && !c.is_null());
        if !has {
            message.set(DENIED.into());
            return;
        }
        let promise = navigator.clipboard().write_text(&text);
        yew::platform::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => message.set("Copied the Markdown of this view.".into()),
                Err(_) => message.set(DENIED.into()),
            }
        });
    }

    /// Saves `text` as a file through a Blob URL and `<a download>`.
    pub fn download(text: &str, name: &str, mime: &str) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
        if let Some(a) = document.create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(std::time::Duration::from_secs(5)).await;
            let _ = web_sys::Url::revoke_object_url(&url);
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use yew::UseStateHandle;

    pub fn copy(_: String, _: UseStateHandle<String>) {}
    pub fn download(_: &str, _: &str, _: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_titles() {
        assert_eq!(file_name("Pakistan vows: continued ops!", "md"), "pakistan-vows-continued-ops.md");
        assert_eq!(file_name("", "json"), "article.json");
        assert_eq!(file_name("<script>", "md"), "script.md");
    }

    #[test]
    fn json_is_the_extract_shape() {
        let a = crate::core::Analysis::new(crate::seeds::SEEDS[0].text);
        let v: serde_json::Value = serde_json::from_str(&json(&a)).unwrap();
        for key in ["title", "sections", "entities", "mentions", "quotes"] {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert_eq!(v["sections"].as_array().unwrap().len(), 7);
    }
}
