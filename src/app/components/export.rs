//! Export: the current filtered view as Markdown (copy or download), and the
//! full extraction as JSON, the same as the `extract` command prints (written
//! by the reader's engine, [`crate::app::engine::json`], loaded on that click).

use crate::app::instance::use_instance;
use crate::app::markdown::markdown;
use crate::app::state::{Article, View};
use crate::app::{browser, engine};
use crate::core::filter::Filter;
use yew::prelude::*;

/// What a reader is told when the browser will not copy.
const COPY_DENIED: &str = "The browser did not allow copying; use Download Markdown instead.";

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub article: Article,
    pub filter: Filter,
    pub view: View,
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

#[function_component(Export)]
pub fn export(props: &ExportProps) -> Html {
    let ids = use_instance();
    let message = use_state(String::new);
    let md = {
        let article = props.article.clone();
        let filter = props.filter.clone();
        let view = props.view.clone();
        move || markdown(&article, &filter, &view)
    };
    // File names are made when a button is pressed, not at every render.
    let name_for = |ext: &'static str| {
        let article = props.article.clone();
        move || file_name(article.title(), ext)
    };
    let on_copy = {
        let md = md.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let (text, message) = (md(), message.clone());
            yew::platform::spawn_local(async move {
                message.set(match browser::copy(&text).await {
                    Ok(()) => "Copied the Markdown of this view.".into(),
                    Err(browser::Refused) => COPY_DENIED.into(),
                });
            });
        })
    };
    let on_md = {
        let message = message.clone();
        let name = name_for("md");
        Callback::from(move |_: MouseEvent| {
            let name = name();
            browser::download(&md(), &name, "text/markdown;charset=utf-8");
            message.set(format!("Downloaded {name}."));
        })
    };
    let on_json = {
        let message = message.clone();
        let article = props.article.clone();
        let name = name_for("json");
        Callback::from(move |_: MouseEvent| {
            message.set("Preparing the JSON\u{2026}".into());
            let (message, article, name) = (message.clone(), article.clone(), name());
            // The reader's engine writes it (the JSON writer is not part of a first visit).
            yew::platform::spawn_local(async move {
                match engine::json(&article).await {
                    Ok(json) => {
                        browser::download(&(json + "\n"), &name, "application/json");
                        message.set(format!("Downloaded {name}."));
                    }
                    Err(why) => message.set(format!("The JSON could not be made. {why}")),
                }
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_titles() {
        assert_eq!(file_name("Pakistan vows: continued ops!", "md"), "pakistan-vows-continued-ops.md");
        assert_eq!(file_name("", "json"), "article.json");
        assert_eq!(file_name("<script>", "md"), "script.md");
    }
}
