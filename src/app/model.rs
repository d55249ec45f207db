//! The entity model in the browser: not in the wasm, fetched once, and only
//! when a reader brings an article of their own (the seeds come analysed by
//! the build). The boot script names the file (`setModelUrl`, with the
//! content hash in its name); [`load`] fetches and checks it, and keeps it
//! for the rest of the page's life.
//!
//! Not here: what the reader sees while it loads or when it fails (the
//! import component says it), nor the file format ([`bundle`]).

use super::browser::{self, Fetched};
use crate::core::ner::{bundle, Model};
use std::cell::RefCell;
use std::sync::Arc;

#[derive(Default)]
struct Slot {
    /// Where the model is and the hash its bytes must have.
    source: Option<(String, Option<u64>)>,
    model: Option<Arc<Model>>,
}

thread_local! {
    static SLOT: RefCell<Slot> = RefCell::new(Slot::default());
}

/// Where the model is (an address relative to the page, or a `blob:` URL) and
/// the hash its bytes must have (16 hex digits; "" to trust the file's own).
pub fn set_source(url: String, hash_hex: &str) {
    let hash = u64::from_str_radix(hash_hex, 16).ok();
    SLOT.with(|s| s.borrow_mut().source = Some((url, hash)));
}

/// The model, if it is here already (no download to wait for).
pub fn loaded() -> Option<Arc<Model>> {
    SLOT.with(|s| s.borrow().model.clone())
}

/// Why the model is not here, in one sentence for the reader.
fn fetch_failure(e: Fetched) -> String {
    match e {
        Fetched::NoResponse => "The entity model could not be downloaded: the connection failed or was blocked.".into(),
        Fetched::Status(404) => "The entity model is missing from this site (HTTP 404).".into(),
        Fetched::Status(code) => format!("The entity model could not be downloaded (HTTP {code})."),
    }
}

/// The model: at once if it is here, else downloaded and checked. Two calls
/// during one download each fetch (the browser's cache answers the second).
pub async fn load() -> Result<Arc<Model>, String> {
    if let Some(model) = loaded() {
        return Ok(model);
    }
    let Some((url, hash)) = SLOT.with(|s| s.borrow().source.clone()) else {
        return Err("This page was built without the entity model, so it cannot read an article of your own.".into());
    };
    let bytes = browser::fetch_bytes(&url).await.map_err(fetch_failure)?;
    let model = Arc::new(bundle::decode(&bytes, hash).map_err(|e| e.to_string())?);
    SLOT.with(|s| s.borrow_mut().model = Some(model.clone()));
    Ok(model)
}
