//! A benchmark hook: the whole analysis the app runs per article, callable from
//! the page (`bench/browser.mjs` times it against compromise in Chromium).

use super::model;
use wasm_bindgen::prelude::*;

/// Downloads the entity model as a reader's first article would (once), so
/// that `analyse_for_benchmark` times the analysis alone.
#[wasm_bindgen]
pub async fn load_model_for_benchmark() -> Result<(), JsValue> {
    model::load().await.map(drop).map_err(|why| JsValue::from_str(&why))
}

/// Analyses `text` (parse, entity model, resolution, quotes, index) and returns
/// the number of mentions found. Exported to JavaScript as `analyse_for_benchmark`;
/// call `load_model_for_benchmark` first.
#[wasm_bindgen]
pub fn analyse_for_benchmark(text: &str) -> Result<u32, JsValue> {
    let model = model::loaded().ok_or_else(|| JsValue::from_str("call load_model_for_benchmark first"))?;
    let analysis = crate::core::Analysis::with_model(text, model);
    Ok(u32::try_from(analysis.entities.mentions.len()).unwrap_or(u32::MAX))
}
