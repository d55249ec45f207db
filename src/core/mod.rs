//! The explorer's core: plain Rust, no web dependency, compiled natively and
//! to wasm32 unchanged.
//!
//! Data flows once, in order: [`parse`] turns text into a [`parse::Document`]
//! of byte spans; [`entities`] finds mentions with the [`ner`] model and groups
//! them into entities; [`index`] folds and indexes each section; [`filter`]
//! answers which sections a [`filter::Filter`] keeps and what to highlight.
//! [`Analysis`] runs the whole chain over one text.

pub mod entities;
pub mod extract;
pub mod filter;
pub mod fold;
pub mod graph;
pub mod index;
pub mod ner;
pub mod parse;
pub mod quotes;
pub mod span;
pub mod token;

use std::sync::Arc;

/// One article, analysed: its text and everything the core derives from it.
///
/// The text is shared (`Arc<str>`), never copied; every other part refers to
/// it by byte span.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub text: Arc<str>,
    pub doc: parse::Document,
    pub entities: entities::Entities,
    /// Direct quotations and their speakers, in text order.
    pub quotes: Vec<quotes::Quote>,
    pub index: index::Index,
}

impl Analysis {
    /// Parses, extracts and indexes `text`.
    pub fn new(text: impl Into<Arc<str>>) -> Analysis {
        let mut analyzer = Analyzer::new(text);
        while !analyzer.step(usize::MAX) {}
        analyzer.finish()
    }

    /// The article's title: its first non-empty line, or "" for an empty text.
    pub fn title(&self) -> &str {
        self.doc.title.map_or("", |s| s.of(&self.text))
    }

    /// The text under a span.
    pub fn slice(&self, span: span::Span) -> &str {
        span.of(&self.text)
    }

    /// Keeps the sections, highlights and counts that `filter` selects.
    pub fn apply(&self, filter: &filter::Filter) -> filter::Outcome {
        filter::apply(&self.doc, &self.entities, &self.index, filter)
    }
}

/// [`Analysis::new`] a slice at a time, for a caller that must stay
/// responsive (the browser between slices): parsing is done at once (it is
/// fast), the entity model runs over `step`'s slices, and `finish` does the
/// document-level rest.
///
/// ```
/// # use article_explorer::core::Analyzer;
/// let mut a = Analyzer::new("Title\n\nOne. Two. Three.\n");
/// while !a.step(1) {
///     // yield to the event loop here
/// }
/// assert_eq!(a.finish().doc.sentences.len(), 4);
/// ```
#[derive(Debug)]
pub struct Analyzer {
    text: Arc<str>,
    doc: parse::Document,
    tagged: entities::Tagged,
}

impl Analyzer {
    pub fn new(text: impl Into<Arc<str>>) -> Analyzer {
        let text: Arc<str> = text.into();
        let doc = parse::parse(&text);
        Analyzer { text, doc, tagged: entities::Tagged::default() }
    }

    /// Runs the entity model over about `max_bytes` more of the text (whole
    /// sentences, at least one); returns whether all of it is done.
    pub fn step(&mut self, max_bytes: usize) -> bool {
        let sentences = &self.doc.sentences;
        let from = self.tagged.sentences_done;
        let mut count = 0;
        let mut bytes = 0usize;
        while from + count < sentences.len() && (count == 0 || bytes < max_bytes) {
            bytes = bytes.saturating_add(sentences[from + count].span.len());
            count += 1;
        }
        self.tagged.tag(&self.text, &self.doc, count)
    }

    /// The share of sentences tagged so far, `0.0..=1.0`.
    pub fn progress(&self) -> f32 {
        let total = self.doc.sentences.len();
        if total == 0 { 1.0 } else { self.tagged.sentences_done as f32 / total as f32 }
    }

    /// Resolves entities, finds quotes and builds the index.
    pub fn finish(self) -> Analysis {
        let Analyzer { text, doc, tagged } = self;
        let entities = tagged.resolve(&text, &doc);
        let quotes = quotes::find(&text, &doc, &entities);
        let index = index::Index::new(&text, &doc);
        Analysis { text, doc, entities, quotes, index }
    }
}
