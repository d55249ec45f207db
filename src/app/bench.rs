//! A benchmark hook: the whole analysis the app runs per article, callable from
//! the page (`bench/browser.mjs` times it against compromise in Chromium).

/// Analyses `text` (parse, entity model, resolution, quotes, index) and returns
/// the number of mentions found. Exported to JavaScript as `analyse_for_benchmark`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn analyse_for_benchmark(text: &str) -> u32 {
    let analysis = crate::core::Analysis::new(text);
    u32::try_from(analysis.entities.mentions.len()).unwrap_or(u32::MAX)
}
