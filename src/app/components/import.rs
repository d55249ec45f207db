//! Bring your own article: paste text, or open or drop a `.txt`/`.md` file.
//! The core reads it right here in the browser (nothing is uploaded), a slice
//! at a time ([`crate::app::slicing`]) so the page stays responsive and shows
//! "Reading… 40%" for a long article. It becomes the article
//! switcher's extra entry (`a=yours`) and, if the reader says so, is kept in
//! local storage until they forget it (and read again on the next visit).
//!
//! The entity model is downloaded first, once, by the engine ([`crate::app::engine`]): opening
//! this panel starts the download; while it lasts the status says so, and if
//! it fails the status says why in one sentence, the text waits (nothing is
//! lost) and a button tries again.

use crate::app::browser::{self, File};
use crate::app::hooks::{keep_article, unkeep_article, use_kept_article, UNREADABLE};
use crate::app::instance::use_instance;
use crate::app::state::{Action, Article};
use crate::app::{engine, slicing};
use crate::core::import::{decode, refuse};
use std::rc::Rc;
use std::sync::Arc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub dispatch: Callback<Action>,
    /// The reader's article, if there is one.
    #[prop_or_default]
    pub yours: Option<Article>,
    /// "Keep on this device": whether it is (or, before there is one, will be) kept.
    #[prop_or_default]
    pub keep: bool,
    /// Whether the page is taken over (see `AppProps::deferred`): the kept article, if
    /// any, is read from storage then, not on the start's path.
    #[prop_or(true)]
    pub drawn: bool,
}

/// What the reader is told when storage refuses.
const NOT_KEPT: &str = "this device's storage is full or disabled.";

/// Where a text to read comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Pasted, opened or dropped just now.
    Brought,
    /// Kept on this device from an earlier visit.
    Kept,
}

/// The status while the model downloads.
pub const LOADING_MODEL: &str = "Downloading the entity model\u{2026}";

/// The status when the model could not be had: why, then that the text waits.
pub fn model_failed(why: &str) -> String {
    format!("{why} Your text is kept here; try again.")
}

/// Starts the engine and its model download, if they are not ready yet (a
/// reader who opens the panel is about to need them).
fn prefetch() {
    if !engine::is_ready() {
        yew::platform::spawn_local(async {
            // A failure is reported when a text needs the model.
            let _ = engine::load_model().await;
        });
    }
}

#[function_component(Import)]
pub fn import(props: &ImportProps) -> Html {
    let ids = use_instance();
    let message = use_state(String::new);
    let paste_ref = use_node_ref();
    // Counts reads: a read that another one overtook shows nothing when it ends.
    let generation = use_mut_ref(|| 0u32);
    // A text waiting after the model or the engine failed, for "Try again".
    let waiting = use_state(|| None::<(Arc<str>, Origin)>);
    // The kept copy could not be read on load: a sentence above the tools.
    let unreadable = use_state(|| false);
    // This tab's article before the next one replaces it.
    let previous = props.yours.as_ref().map(|y| y.text.clone());

    // Reads text: the model first (once), then "Reading… N%" while the engine
    // reads it, then shows it.
    let read: Callback<(Arc<str>, Origin)> = {
        let (dispatch, message, generation, keep) = (props.dispatch.clone(), message.clone(), generation, props.keep);
        let waiting = waiting.clone();
        Callback::from(move |(text, origin): (Arc<str>, Origin)| {
            let previous = previous.clone();
            if text.trim().is_empty() {
                message.set("There is no text to read; paste or open an article first.".into());
                return;
            }
            let this = {
                let mut g = generation.borrow_mut();
                *g = g.wrapping_add(1);
                *g
            };
            waiting.set(None);
            let loading = !engine::is_ready();
            message.set(if loading { LOADING_MODEL } else { "Reading\u{2026}" }.into());
            let (dispatch, message, generation, waiting) =
                (dispatch.clone(), message.clone(), generation.clone(), waiting.clone());
            yew::platform::spawn_local(async move {
                let current = || *generation.borrow() == this;
                // The sentence, and the text kept for "Try again".
                let failed = |why: String| {
                    if current() {
                        message.set(model_failed(&why));
                        waiting.set(Some((text.clone(), origin)));
                    }
                };
                if let Err(why) = engine::load_model().await {
                    return failed(why);
                }
                if !current() {
                    return;
                }
                if loading {
                    message.set("Reading\u{2026}".into());
                }
                let on_progress = {
                    let (message, generation) = (message.clone(), generation.clone());
                    // A short article is read before anyone could see a percentage.
                    let long = text.len() > slicing::SLICE_BYTES;
                    Callback::from(move |percent: u32| {
                        if *generation.borrow() == this && percent < 100 && long {
                            message.set(slicing::reading_message(percent));
                        }
                    })
                };
                let analysis = match slicing::analyse(text.clone(), on_progress).await {
                    Ok(analysis) => analysis,
                    Err(why) => return failed(why),
                };
                if !current() {
                    return;
                }
                if origin == Origin::Kept {
                    dispatch.emit(Action::RestoreKept(Rc::new(analysis)));
                    message.set(String::new());
                    return;
                }
                let mut note = format!("Showing your article \u{201c}{}\u{201d}.", analysis.display_title());
                let kept = keep && keep_article(&text).is_ok();
                if kept {
                    note.push_str(" It is kept on this device.");
                } else if keep {
                    note.push_str(&format!(" It could not be kept: {NOT_KEPT}"));
                } else if let Some(previous) = previous {
                    unkeep_article(&previous);
                }
                dispatch.emit(Action::LoadArticle { analysis: Rc::new(analysis), kept });
                message.set(note);
            });
        })
    };

    let on_paste_submit = {
        let (read, paste_ref) = (read.clone(), paste_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(text) = browser::text_of(&paste_ref) {
                read.emit((text.into(), Origin::Brought));
            }
        })
    };
    // Checks size and type first, then reads the bytes and decodes them strictly.
    let open_file: Callback<File> = {
        let (read, message) = (read.clone(), message.clone());
        Callback::from(move |file: File| {
            let name = file.name();
            if let Some(why) = refuse(&name, &file.mime(), file.size()) {
                message.set(why);
                return;
            }
            message.set("Reading\u{2026}".into());
            let (read, message) = (read.clone(), message.clone());
            yew::platform::spawn_local(async move {
                match file.bytes().await {
                    Err(browser::Refused) => message.set(format!("\u{201c}{name}\u{201d} could not be read.")),
                    Ok(bytes) => match decode(&name, bytes) {
                        Ok(text) => read.emit((text.into(), Origin::Brought)),
                        Err(why) => message.set(why),
                    },
                }
            });
        })
    };
    let onchange_file = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = browser::chosen_file(&e) {
                open_file.emit(file);
            }
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        if let Some(file) = browser::dropped_file(&e) {
            open_file.emit(file);
        }
    });

    let onchange_keep = {
        let (dispatch, yours, message) = (props.dispatch.clone(), props.yours.clone(), message.clone());
        Callback::from(move |e: Event| {
            let on = browser::checked(&e);
            let Some(yours) = &yours else {
                // No article yet: the choice applies to the next one.
                dispatch.emit(Action::SetKeep(on));
                return;
            };
            if !on {
                unkeep_article(&yours.text);
                dispatch.emit(Action::SetKeep(false));
                message.set("Your article is no longer kept on this device.".into());
            } else if keep_article(&yours.text).is_ok() {
                dispatch.emit(Action::SetKeep(true));
                message.set("Your article is kept on this device.".into());
            } else {
                dispatch.emit(Action::SetKeep(false));
                message.set(format!("Your article could not be kept: {NOT_KEPT}"));
            }
        })
    };
    let on_retry = {
        let (read, waiting) = (read.clone(), waiting.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(pending) = (*waiting).clone() {
                read.emit(pending);
            }
        })
    };
    let ontoggle = Callback::from(|e: Event| {
        if browser::is_open(&e) {
            prefetch();
        }
    });
    use_kept_article(
        &read.reform(|text: String| (Arc::from(text), Origin::Kept)),
        &{
            let unreadable = unreadable.clone();
            Callback::from(move |()| unreadable.set(true))
        },
        props.drawn,
    );

    let onforget = {
        let (dispatch, message, yours) = (props.dispatch.clone(), message.clone(), props.yours.clone());
        let paste_ref = paste_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(yours) = &yours {
                unkeep_article(&yours.text);
            }
            // Forgotten means gone from the page too, not left in the paste box.
            browser::clear_text(&paste_ref);
            dispatch.emit(Action::Forget);
            message.set("Your article is forgotten.".into());
        })
    };

    html! {
        <>
        if *unreadable {
            <p class="tool-note kept-notice" role="status">{ UNREADABLE }</p>
        }
        <details class="import tool" id={ids.id("import")} {ontoggle}>
            <summary>
                { "Your own article" }
                // A kept article that could not be read on load: the reason is inside.
                if waiting.as_ref().is_some_and(|(_, origin)| *origin == Origin::Kept) {
                    { " (not read yet)" }
                }
            </summary>
            <div class="tool-body dropzone" {ondragover} {ondrop}>
                <p class="tool-note">{ "Read any article here: it stays in this browser, nothing is uploaded." }</p>
                <form class="paste-form" onsubmit={on_paste_submit}>
                    <label for={ids.id("paste")}>{ "Paste an article (first line is the title)" }</label>
                    <textarea id={ids.id("paste")} class="paste" ref={paste_ref} rows="6" spellcheck="false" />
                    <button type="submit" id={ids.id("paste-submit")} class="paste-submit">{ "Read pasted text" }</button>
                </form>
                <div class="field file-field">
                    <label for={ids.id("file")}>{ "Or open a .txt or .md file (or drop one here)" }</label>
                    <input type="file" id={ids.id("file")} class="file-input" accept=".txt,.md,.markdown,text/plain,text/markdown" onchange={onchange_file} />
                </div>
                <div class="keep-row">
                    <input type="checkbox" id={ids.id("keep")} class="keep" checked={props.keep} onchange={onchange_keep} />
                    <label for={ids.id("keep")}>{ "Keep on this device" }</label>
                </div>
                if props.yours.is_some() {
                    <button type="button" id={ids.id("forget")} class="forget" onclick={onforget}>{ "Forget my article" }</button>
                }
                <p id={ids.id("import-status")} class="import-status" role="status" aria-live="polite">{ (*message).clone() }</p>
                if waiting.is_some() {
                    <button type="button" id={ids.id("retry")} class="retry" onclick={on_retry}>{ "Try again" }</button>
                }
            </div>
        </details>
        </>
    }
}
