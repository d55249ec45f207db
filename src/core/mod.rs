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
        let text: Arc<str> = text.into();
        let doc = parse::parse(&text);
        let entities = entities::extract(&text, &doc);
        let quotes = quotes::find(&text, &doc, &entities);
        let index = index::Index::new(&text, &doc, &entities);
        Analysis { text, doc, entities, quotes, index }
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
        filter::apply(&self.text, &self.doc, &self.entities, &self.index, filter)
    }
}
