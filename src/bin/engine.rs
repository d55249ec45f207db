//! The reader's engine: the core's whole analysis (tokenizing, the entity
//! model, resolution, quotes) in its own wasm, run in a Web Worker. The page
//! starts it only when a reader brings an article of their own, so a first
//! visit downloads neither this code nor the model, and reading a long
//! article never blocks the page.
//!
//! Messages are arrays, `[kind, …]`:
//!
//! | from the page | answer |
//! |---|---|
//! | (none: the engine announces itself) | `["ready"]` |
//! | `["model", url, hash]`: fetch and check the model bundle | `["model", null]`, or `["model", sentence]` |
//! | `["read", id, text]` | `["progress", id, percent]` for every tenth, then `["done", id, packed]` (a `Uint8Array`, [`core::packed`]) or `["failed", id, sentence]` |
//! | `["json", id, text, packed]`: the extraction as JSON (the export), no model needed | `["done", id, json]` or `["failed", id, sentence]` |
//!
//! The page rebuilds the analysis from the packed form and the text it
//! already has (`src/app/engine.rs`). Built by trunk as a worker
//! (`data-type="worker"` in index.html); natively it only says what it is.

use article_explorer::core::ner::{bundle, Model};
use article_explorer::core::{packed, Analysis, Analyzer};
use js_sys::{Array, Uint8Array};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// A model response larger than this is refused unread (the model is a few MB).
const MAX_MODEL_BYTES: u32 = 32 << 20;

/// Text the engine reads between two progress reports (and checks for the tenth).
const SLICE_BYTES: usize = 200_000;

thread_local! {
    static MODEL: RefCell<Option<Arc<Model>>> = const { RefCell::new(None) };
}

fn scope() -> Option<DedicatedWorkerGlobalScope> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    js_sys::global().dyn_into().ok()
}

fn post(parts: &[JsValue]) {
    if let Some(scope) = scope() {
        // Posting an array of strings, numbers and a Uint8Array cannot fail.
        let _ = scope.post_message(&parts.iter().collect::<Array>());
    }
}

/// Why the model could not be had, in one sentence.
async fn fetch_model(url: &str, hash: &str) -> Result<Model, String> {
    let scope = scope().ok_or("not in a worker")?;
    let failed = || "The entity model could not be downloaded: the connection failed or was blocked.".to_string();
    let response: web_sys::Response =
        JsFuture::from(scope.fetch_with_str(url)).await.and_then(|r| r.dyn_into()).map_err(|_| failed())?;
    match response.status() {
        200 => {}
        404 => return Err("The entity model is missing from this site (HTTP 404).".into()),
        code => return Err(format!("The entity model could not be downloaded (HTTP {code}).")),
    }
    let body = response.array_buffer().map_err(|_| failed())?;
    let body = Uint8Array::new(&JsFuture::from(body).await.map_err(|_| failed())?);
    // Checked before it is copied in: a worker's memory never shrinks again.
    if body.length() > MAX_MODEL_BYTES {
        return Err("The file served as the entity model is far larger than the model; it was not read.".into());
    }
    let bytes = body.to_vec();
    bundle::decode(&bytes, u64::from_str_radix(hash, 16).ok()).map_err(|e| e.to_string())
}

/// Reads `text`, reporting each tenth, and packs what the model decided.
fn read(id: &JsValue, text: String, model: Arc<Model>) -> Vec<u8> {
    let mut analyzer = Analyzer::new(text, model);
    let mut shown = None;
    loop {
        let percent = (analyzer.progress() * 10.0).floor() as u32 * 10;
        if shown != Some(percent) {
            shown = Some(percent);
            post(&[JsValue::from_str("progress"), id.clone(), JsValue::from(percent)]);
        }
        if analyzer.step(SLICE_BYTES) {
            break;
        }
    }
    packed::encode(&analyzer.finish())
}

fn on_message(data: JsValue) {
    let parts = Array::from(&data);
    let kind = parts.get(0).as_string().unwrap_or_default();
    match kind.as_str() {
        "model" => {
            let (url, hash) =
                (parts.get(1).as_string().unwrap_or_default(), parts.get(2).as_string().unwrap_or_default());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match fetch_model(&url, &hash).await {
                    Ok(model) => {
                        MODEL.with(|m| *m.borrow_mut() = Some(Arc::new(model)));
                        JsValue::NULL
                    }
                    Err(why) => JsValue::from_str(&why),
                };
                post(&[JsValue::from_str("model"), answer]);
            });
        }
        "read" => {
            let id = parts.get(1);
            let Some(model) = MODEL.with(|m| m.borrow().clone()) else {
                let why = "The entity model is not loaded yet; try again.";
                post(&[JsValue::from_str("failed"), id, JsValue::from_str(why)]);
                return;
            };
            let text = parts.get(2).as_string().unwrap_or_default();
            let packed = read(&id, text, model);
            post(&[JsValue::from_str("done"), id, Uint8Array::from(packed.as_slice()).into()]);
        }
        "json" => {
            let (id, text) = (parts.get(1), parts.get(2).as_string().unwrap_or_default());
            let (kind, body) = match Analysis::from_packed(text, &Uint8Array::new(&parts.get(3)).to_vec()) {
                Ok(analysis) => ("done", analysis.to_json()),
                Err(why) => ("failed", why.to_string()),
            };
            post(&[JsValue::from_str(kind), id, JsValue::from_str(&body)]);
        }
        _ => {}
    }
}

/// A benchmark hook (`bench/browser.mjs` loads this wasm in the page itself):
/// takes the model bundle's bytes, once, before [`analyse_for_benchmark`].
#[wasm_bindgen]
pub fn load_model_for_benchmark(bundle: &[u8]) -> Result<(), JsValue> {
    let model = bundle::decode(bundle, None).map_err(|e| JsValue::from_str(&e.to_string()))?;
    MODEL.with(|m| *m.borrow_mut() = Some(Arc::new(model)));
    Ok(())
}

/// The whole analysis the engine runs per article (parse, entity model,
/// resolution, quotes, index), for timing; returns the number of mentions.
#[wasm_bindgen]
pub fn analyse_for_benchmark(text: &str) -> Result<u32, JsValue> {
    let model =
        MODEL.with(|m| m.borrow().clone()).ok_or_else(|| JsValue::from_str("call load_model_for_benchmark first"))?;
    let analysis = article_explorer::core::Analysis::with_model(text, model);
    Ok(u32::try_from(analysis.entities.mentions.len()).unwrap_or(u32::MAX))
}

fn main() {
    let Some(scope) = scope() else {
        eprintln!("article-explorer-engine runs in a browser's Web Worker (see src/bin/engine.rs); natively, use article-explorer-cli");
        return;
    };
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(|e: MessageEvent| on_message(e.data()));
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    post(&[JsValue::from_str("ready")]);
}
