//! Reading a long article without freezing the page: the engine (its own
//! wasm in a Web Worker, [`super::engine`]) finds the entities and quotes off
//! the page's thread, reporting each tenth; the page then rebuilds the
//! analysis from the text and the engine's packed answer a slice at a time
//! (structure, tokens, the search index), yielding to the browser between
//! slices so it can paint, scroll and answer input.

use super::browser::{mark, measure, next_task};
use super::engine;
use crate::core::{index::Index, packed, parse, Analysis};
use std::sync::Arc;
use yew::Callback;

/// Bytes of text a slice covers (tokenized or indexed) between two yields to the browser.
pub const SLICE_BYTES: usize = 200_000;

/// The status line while reading: `Reading… 40%`.
pub fn reading_message(percent: u32) -> String {
    format!("Reading\u{2026} {percent}%")
}

/// Analyses `text`: the engine reads it (`on_progress` gets each tenth, once),
/// then [`unpack`] rebuilds the analysis here. Why it could not, in one sentence.
pub async fn analyse(text: Arc<str>, on_progress: Callback<u32>) -> Result<Analysis, String> {
    mark("article-explorer:analyse-start");
    let packed = engine::read(&text, on_progress).await?;
    mark("article-explorer:finish-start");
    let analysis = unpack(text, &packed).await.map_err(|e| e.to_string())?;
    mark("article-explorer:finish-end");
    measure("article-explorer:finish", "article-explorer:finish-start", "article-explorer:finish-end");
    measure("article-explorer:analyse", "article-explorer:analyse-start", "article-explorer:finish-end");
    // Drawing the article is the next task, not part of this one.
    next_task().await;
    Ok(analysis)
}

/// [`Analysis::from_packed`] a slice at a time: the text's structure (a line
/// scan), its tokens and sentences, the packed entities and quotes checked
/// against them, then the search index.
pub async fn unpack(text: Arc<str>, packed: &[u8]) -> Result<Analysis, packed::PackError> {
    let mut doc = parse::structure(&text);
    let mut next = 0;
    while next < doc.blocks.len() {
        next_task().await;
        next = parse::tokenize(&text, &mut doc, next, SLICE_BYTES);
    }
    let (entities, quotes) = packed::decode(&text, &doc, packed)?;
    let mut index = Index::default();
    loop {
        next_task().await;
        // Folding is cheaper than tokenizing: four times the bytes per slice.
        if index.extend(&text, &doc, SLICE_BYTES * 4) {
            break;
        }
    }
    Ok(Analysis { text, doc, entities, quotes, index })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn unpacking_in_slices_matches_the_one_go_analysis() {
        let mut text = String::from("Slices\n\n");
        for n in 0..12_000 {
            text.push_str(&format!("Anna Lund met Erik Berg in Bergen on day {n}. "));
            if n % 700 == 0 {
                text.push_str("\n\n## More\n\n");
            }
        }
        let whole = Analysis::new(text.as_str());
        let sliced = unpack(Arc::from(text.as_str()), &packed::encode(&whole)).await.unwrap();
        assert_eq!(sliced.doc, whole.doc);
        assert_eq!(sliced.entities, whole.entities);
        assert_eq!(sliced.quotes, whole.quotes);
        assert_eq!(sliced.index, whole.index);
        let other = unpack(Arc::from("Another text"), &packed::encode(&whole)).await;
        assert_eq!(other.unwrap_err(), packed::PackError::OtherText);
    }
}
