//! Bring your own article: paste text, or open or drop a `.txt`/`.md` file.
//! The core reads it right here in the browser (nothing is uploaded), a slice
//! at a time ([`crate::app::slicing`]) so the page stays responsive and shows
//! "Reading… 40%" for a long article. It becomes the article
//! switcher's extra entry (`a=yours`) and, if the reader says so, is kept in
//! local storage until they forget it.

use crate::app::state::Action;
use crate::app::Article;
use yew::prelude::*;

/// Files larger than this are refused before they are read.
pub const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;
/// Where a kept article lives in `localStorage`.
pub const STORAGE_KEY: &str = "article-explorer:yours";

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub dispatch: Callback<Action>,
    /// The reader's article, if there is one.
    #[prop_or_default]
    pub user: Option<Article>,
    /// Whether it is kept on this device.
    #[prop_or_default]
    pub kept: bool,
}

/// Why a file is refused, in one sentence; `None` when it may be read.
pub fn refuse(name: &str, mime: &str, size: f64) -> Option<String> {
    if size > MAX_BYTES {
        return Some(format!("\u{201c}{name}\u{201d} is larger than 10 MB; choose a smaller text file."));
    }
    let lower = name.to_lowercase();
    let texty = [".txt", ".md", ".markdown", ".text"].iter().any(|x| lower.ends_with(x));
    if !texty && !mime.starts_with("text/") {
        return Some(format!("\u{201c}{name}\u{201d} is not a text file; open a .txt or .md file."));
    }
    None
}

/// The file's text, or why it is not UTF-8 text, in one sentence.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) if s.contains('\0') => Err(format!("\u{201c}{name}\u{201d} is not a text file; open a .txt or .md file.")),
        Ok(s) => Ok(s),
        Err(e) => Err(format!(
            "\u{201c}{name}\u{201d} is not UTF-8 text (the byte at offset {} is not valid); save it as UTF-8 and try again.",
            e.utf8_error().valid_up_to()
        )),
    }
}

#[function_component(Import)]
pub fn import(props: &ImportProps) -> Html {
    let ids = crate::app::mount::use_instance();
    let message = use_state(String::new);
    let keep = use_state(|| false);
    let keep_now = props.user.is_some() && props.kept || props.user.is_none() && *keep;
    let paste_ref = use_node_ref();
    // Counts reads: a read that another one overtook shows nothing when it ends.
    let generation = use_mut_ref(|| 0u32);

    // A kept article comes back on load (quietly, but a slice at a time too).
    {
        let dispatch = props.dispatch.clone();
        use_effect_with((), move |_| {
            if let Some(text) = browser::load() {
                yew::platform::spawn_local(async move {
                    let analysis = crate::app::slicing::analyse(text, |_| {}).await;
                    dispatch.emit(Action::RestoreKept(Article(std::rc::Rc::new(analysis))));
                });
            }
        });
    }

    // Reads text: "Reading… N%" while the core reads it a slice at a time, then show it.
    let read: Callback<String> = {
        let dispatch = props.dispatch.clone();
        let message = message.clone();
        let generation = generation.clone();
        Callback::from(move |text: String| {
            if text.trim().is_empty() {
                message.set("There is no text to read; paste or open an article first.".into());
                return;
            }
            let this = {
                let mut g = generation.borrow_mut();
                *g = g.wrapping_add(1);
                *g
            };
            message.set("Reading\u{2026}".into());
            let dispatch = dispatch.clone();
            let message = message.clone();
            let generation = generation.clone();
            yew::platform::spawn_local(async move {
                // Let the browser paint "Reading…" before the heavy work.
                yew::platform::time::sleep(std::time::Duration::from_millis(20)).await;
                let current = || *generation.borrow() == this;
                let on_progress = |percent: u32| {
                    // A short article is read before anyone could see a percentage.
                    if current() && percent < 100 && text.len() > crate::app::slicing::SLICE_BYTES {
                        message.set(crate::app::slicing::reading_message(percent));
                    }
                };
                let analysis = crate::app::slicing::analyse(text.clone(), on_progress).await;
                if !current() {
                    return;
                }
                let article = Article(std::rc::Rc::new(analysis));
                let title = article.title().trim().to_string();
                let mut note = format!(
                    "Showing your article \u{201c}{}\u{201d}.",
                    if title.is_empty() { "Untitled" } else { &title }
                );
                let kept = if keep_now {
                    match browser::store(&text) {
                        Ok(()) => {
                            note.push_str(" It is kept on this device.");
                            true
                        }
                        Err(()) => {
                            note.push_str(" It could not be kept: this device's storage is full or disabled.");
                            false
                        }
                    }
                } else {
                    browser::forget();
                    false
                };
                dispatch.emit(Action::LoadArticle { article, kept });
                message.set(note);
            });
        })
    };

    let on_paste_submit = {
        let read = read.clone();
        let paste_ref = paste_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            #[cfg(target_arch = "wasm32")]
            if let Some(area) = paste_ref.cast::<web_sys::HtmlTextAreaElement>() {
                read.emit(area.value());
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (&read, &paste_ref);
        })
    };

    let open_file: Callback<FileLike> = {
        let read = read.clone();
        let message = message.clone();
        Callback::from(move |file: FileLike| browser::read_file(file, read.clone(), message.clone()))
    };

    let onchange_file = {
        let open_file = open_file.clone();
        Callback::from(move |e: Event| {
            #[cfg(target_arch = "wasm32")]
            {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    open_file.emit(FileLike(file));
                }
                input.set_value("");
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (e, &open_file);
        })
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let open_file = open_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            #[cfg(target_arch = "wasm32")]
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                open_file.emit(FileLike(file));
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = &open_file;
        })
    };

    let onchange_keep = {
        let dispatch = props.dispatch.clone();
        let keep = keep.clone();
        let user = props.user.clone();
        let message = message.clone();
        Callback::from(move |e: Event| {
            #[cfg(target_arch = "wasm32")]
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            #[cfg(not(target_arch = "wasm32"))]
            let on = {
                let _ = e;
                !*keep
            };
            keep.set(on);
            if let Some(user) = &user {
                if !on {
                    browser::forget();
                    dispatch.emit(Action::SetKept(false));
                    message.set("Your article is no longer kept on this device.".into());
                } else if browser::store(&user.text).is_ok() {
                    dispatch.emit(Action::SetKept(true));
                    message.set("Your article is kept on this device.".into());
                } else {
                    message.set("Your article could not be kept: this device's storage is full or disabled.".into());
                }
            }
        })
    };
    let onforget = {
        let dispatch = props.dispatch.clone();
        let message = message.clone();
        let keep = keep.clone();
        Callback::from(move |_: MouseEvent| {
            browser::forget();
            keep.set(false);
            dispatch.emit(Action::Forget);
            message.set("Your article is forgotten.".into());
        })
    };

    html! {
        <details class="import tool" id={ids.id("import")}>
            <summary>{ "Your own article" }</summary>
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
                    <input type="checkbox" id={ids.id("keep")} class="keep" checked={keep_now} onchange={onchange_keep} />
                    <label for={ids.id("keep")}>{ "Keep on this device" }</label>
                </div>
                if props.user.is_some() {
                    <button type="button" id={ids.id("forget")} class="forget" onclick={onforget}>{ "Forget my article" }</button>
                }
                <p id={ids.id("import-status")} class="import-status" role="status" aria-live="polite">{ (*message).clone() }</p>
            </div>
        </details>
    }
}

/// A browser `File` (nothing natively).
#[derive(Clone, PartialEq)]
pub struct FileLike(#[cfg(target_arch = "wasm32")] pub web_sys::File);

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{decode, refuse, FileLike, STORAGE_KEY};
    use wasm_bindgen::JsCast;
    use yew::{Callback, UseStateHandle};

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window().and_then(|w| w.local_storage().ok().flatten())
    }

    pub fn load() -> Option<String> {
        storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).filter(|t| !t.trim().is_empty())
    }

    pub fn store(text: &str) -> Result<(), ()> {
        storage().ok_or(())?.set_item(STORAGE_KEY, text).map_err(|_| ())
    }

    pub fn forget() {
        if let Some(s) = storage() {
            let _ = s.remove_item(STORAGE_KEY);
        }
    }

    /// Checks size and type first, then reads the bytes and decodes them strictly.
    pub fn read_file(file: FileLike, read: Callback<String>, message: UseStateHandle<String>) {
        let file = file.0;
        let name = file.name();
        if let Some(why) = refuse(&name, &file.type_(), file.size()) {
            message.set(why);
            return;
        }
        message.set("Reading\u{2026}".into());
        yew::platform::spawn_local(async move {
            let buffer = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(b) => b,
                Err(_) => {
                    message.set(format!("\u{201c}{name}\u{201d} could not be read."));
                    return;
                }
            };
            let Ok(buffer) = buffer.dyn_into::<js_sys::ArrayBuffer>() else { return };
            match decode(&name, js_sys::Uint8Array::new(&buffer).to_vec()) {
                Ok(text) => read.emit(text),
                Err(why) => message.set(why),
            }
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use super::FileLike;
    use yew::{Callback, UseStateHandle};

    pub fn load() -> Option<String> {
        None
    }
    pub fn store(_: &str) -> Result<(), ()> {
        Err(())
    }
    pub fn forget() {}
    pub fn read_file(_: FileLike, _: Callback<String>, _: UseStateHandle<String>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_big_or_non_text_files() {
        assert!(refuse("a.txt", "text/plain", 11.0 * 1024.0 * 1024.0).unwrap().contains("larger than 10 MB"));
        assert!(refuse("a.png", "image/png", 10.0).unwrap().contains("not a text file"));
        assert_eq!(refuse("notes.MD", "", 10.0), None);
        assert_eq!(refuse("notes", "text/plain", 10.0), None);
    }

    #[test]
    fn decodes_strict_utf8_and_names_the_bad_byte() {
        assert_eq!(decode("a.txt", "Título\nTexto.".as_bytes().to_vec()), Ok("Título\nTexto.".to_string()));
        let err = decode("a.txt", vec![b'A', b'b', 0xff, b'c']).unwrap_err();
        assert!(err.contains("not UTF-8") && err.contains("offset 2"), "{err}");
        assert!(decode("a.txt", vec![b'a', 0, b'b']).unwrap_err().contains("not a text file"));
    }
}
