//! Reading a long article without freezing the page: the analysis runs a
//! slice at a time ([`Analyzer::step`]: tokenizing, the entity model, then
//! resolving entities), yielding to the browser between slices so it can
//! paint, scroll and answer input.

use super::browser::{mark, measure};
use crate::core::ner::Model;
use crate::core::{Analysis, Analyzer};
use std::sync::Arc;
use std::time::Duration;

/// Bytes of text a slice covers (tokenized, or read by the entity model) between two yields to the browser.
pub const SLICE_BYTES: usize = 200_000;

/// The status line while reading: `Reading… 40%`.
pub fn reading_message(percent: u32) -> String {
    format!("Reading\u{2026} {percent}%")
}

/// Analyses `text` a slice at a time. `on_progress` gets the share done in
/// whole tens of percent (0, 10, … 100), each value once, so a live region
/// is not flooded.
pub async fn analyse(text: String, model: Arc<Model>, on_progress: impl Fn(u32)) -> Analysis {
    mark("article-explorer:analyse-start");
    let mut analyzer = Analyzer::new(text, model);
    let mut shown = None;
    loop {
        let percent = (analyzer.progress() * 10.0).floor() as u32 * 10;
        if shown != Some(percent) {
            shown = Some(percent);
            on_progress(percent);
        }
        // Let the browser breathe before every slice (and after parsing).
        yew::platform::time::sleep(Duration::from_millis(0)).await;
        if analyzer.step(SLICE_BYTES) {
            break;
        }
    }
    if shown != Some(100) {
        on_progress(100);
        yew::platform::time::sleep(Duration::from_millis(0)).await;
    }
    mark("article-explorer:finish-start");
    let analysis = analyzer.finish();
    mark("article-explorer:finish-end");
    measure("article-explorer:finish", "article-explorer:finish-start", "article-explorer:finish-end");
    measure("article-explorer:analyse", "article-explorer:analyse-start", "article-explorer:finish-end");
    // Drawing the article is the next task, not part of this one.
    yew::platform::time::sleep(Duration::from_millis(0)).await;
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[tokio::test]
    async fn reports_each_tenth_once_and_matches_the_one_go_analysis() {
        let mut text = String::from("Slices\n\n");
        for n in 0..12_000 {
            text.push_str(&format!("Anna Lund met Erik Berg in Bergen on day {n}. "));
        }
        let seen = RefCell::new(Vec::new());
        let sliced = analyse(text.clone(), crate::core::ner::model(), |p| seen.borrow_mut().push(p)).await;
        let whole = Analysis::new(text);
        assert_eq!(sliced.entities.mentions.len(), whole.entities.mentions.len());
        assert_eq!(sliced.doc.sections.len(), whole.doc.sections.len());
        let seen = seen.into_inner();
        assert_eq!(seen.first(), Some(&0));
        assert_eq!(seen.last(), Some(&100));
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
        assert!(seen.len() > 2, "{seen:?}");
    }
}
