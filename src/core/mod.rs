//! The explorer's core: plain Rust, no web dependency, compiled natively and
//! to wasm32 unchanged.
//!
//! Data flows once, in order: [`parse`] turns text into a [`parse::Document`]
//! of byte spans; [`entities`] finds mentions with the [`ner`] model and groups
//! them into entities; [`index`] folds and indexes each section; [`filter`]
//! answers which sections a [`filter::Filter`] keeps and what to highlight.
//! [`Analysis`] runs the whole chain over one text.

pub mod boilerplate;
pub mod entities;
pub mod extract;
pub mod filter;
pub mod fold;
pub mod graph;
pub mod import;
pub mod index;
pub mod json;
pub mod kept;
pub mod ner;
pub mod order;
pub mod packed;
pub mod parse;
pub mod quotes;
pub mod shards;
pub mod span;
pub mod token;

use ner::Model;
use std::sync::Arc;

/// How many of `lengths` (in bytes, in order) make a slice of about
/// `max_bytes`: at least one (when there is one), then more while the slice
/// is shorter: how [`Analyzer`]'s tokenizing, tagging and indexing cut their slices.
pub(crate) fn slice_len(lengths: impl IntoIterator<Item = usize>, max_bytes: usize) -> usize {
    let mut bytes = 0usize;
    lengths
        .into_iter()
        .take_while(|&len| {
            let more = bytes == 0 || bytes < max_bytes;
            bytes = bytes.saturating_add(len.max(1));
            more
        })
        .count()
}

/// What an article with no title is called.
pub const UNTITLED: &str = "Untitled article";

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
    /// Parses, extracts (with the embedded model) and indexes `text`.
    /// Native builds only: the browser has no embedded model (see [`Analysis::with_model`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn new(text: impl Into<Arc<str>>) -> Analysis {
        Analysis::with_model(text, ner::model())
    }

    /// Parses, extracts with `model` and indexes `text`.
    pub fn with_model(text: impl Into<Arc<str>>, model: Arc<Model>) -> Analysis {
        Analyzer::new(text, model).finish()
    }

    /// The analysis of `text` whose entities and quotes were found elsewhere
    /// (by the build, with the same core) and packed by [`packed::encode`]:
    /// the text is parsed and indexed here, the packed part checked against it.
    pub fn from_packed(text: impl Into<Arc<str>>, packed: &[u8]) -> Result<Analysis, packed::PackError> {
        let text: Arc<str> = text.into();
        let mut doc = parse::structure(&text);
        let mut next = 0;
        while next < doc.blocks.len() {
            next = parse::tokenize(&text, &mut doc, next, usize::MAX);
        }
        let (entities, quotes) = packed::decode(&text, &doc, packed)?;
        let index = index::Index::new(&text, &doc);
        Ok(Analysis { text, doc, entities, quotes, index })
    }

    /// The article's title: its first non-empty line, or "" for an empty text.
    pub fn title(&self) -> &str {
        self.doc.title.map_or("", |s| s.of(&self.text))
    }

    /// The title a reader sees: [`Analysis::title`], or "Untitled article"
    /// for a text with none.
    pub fn display_title(&self) -> &str {
        match self.title().trim() {
            "" => UNTITLED,
            title => title,
        }
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
/// responsive (the browser between slices): [`Analyzer::new`] only finds the
/// blocks (a line scan); each [`Analyzer::step`] then does about `max_bytes`
/// of work: tokenizing the next blocks, running the entity model over the
/// next sentences, resolving entities (cleaning a slice of mentions, or one
/// document-wide pass), then folding the next sections into the index;
/// `finish` finds the quotes.
///
/// ```
/// # use article_explorer::core::{ner, Analyzer};
/// let mut a = Analyzer::new("Title\n\nOne. Two. Three.\n", ner::model());
/// while !a.step(1) {
///     // yield to the event loop here
/// }
/// assert_eq!(a.finish().doc.sentences.len(), 4);
/// ```
#[derive(Debug)]
pub struct Analyzer {
    text: Arc<str>,
    model: Arc<Model>,
    doc: parse::Document,
    /// The next block to tokenize.
    next_block: usize,
    stage: Stage,
}

#[derive(Debug)]
enum Stage {
    Tagging(entities::Tagged),
    Resolving(entities::Resolving),
    Indexing(entities::Entities, index::Index),
}

/// How much of [`Analyzer::progress`] each part is worth: tokenizing, tagging, resolving, indexing.
const SHARES: [f32; 4] = [0.1, 0.7, 0.15, 0.05];

impl Analyzer {
    pub fn new(text: impl Into<Arc<str>>, model: Arc<Model>) -> Analyzer {
        let text: Arc<str> = text.into();
        let doc = parse::structure(&text);
        Analyzer { text, model, doc, next_block: 0, stage: Stage::Tagging(entities::Tagged::default()) }
    }

    /// Does about `max_bytes` more of the work (at least one block, sentence
    /// or pass); returns whether everything before [`Analyzer::finish`] is done.
    pub fn step(&mut self, max_bytes: usize) -> bool {
        let Analyzer { text, model, doc, next_block, stage } = self;
        if *next_block < doc.blocks.len() {
            *next_block = parse::tokenize(text, doc, *next_block, max_bytes);
            return false;
        }
        match stage {
            Stage::Tagging(tagged) => {
                let count = slice_len(doc.sentences[tagged.sentences_done..].iter().map(|s| s.span.len()), max_bytes);
                if tagged.tag(text, doc, count, model) {
                    *stage = Stage::Resolving(std::mem::take(tagged).resolving());
                }
                false
            }
            Stage::Resolving(resolving) => {
                // Cleaning a mention costs about what tagging 16 bytes does.
                if let Some(entities) = resolving.step(text, doc, max_bytes / 16) {
                    *stage = Stage::Indexing(entities, index::Index::default());
                }
                false
            }
            // Folding is cheaper than tagging: four times the bytes per slice.
            Stage::Indexing(_, index) => index.extend(text, doc, max_bytes.saturating_mul(4)),
        }
    }

    /// The share of the work done so far, `0.0..=1.0`.
    pub fn progress(&self) -> f32 {
        let blocks = self.doc.blocks.len().max(1) as f32;
        let tokenized = SHARES[0] * (self.next_block as f32 / blocks).min(1.0);
        let sentences = self.doc.sentences.len().max(1) as f32;
        tokenized
            + match &self.stage {
                Stage::Tagging(t) => SHARES[1] * t.sentences_done as f32 / sentences,
                Stage::Resolving(r) => SHARES[1] + SHARES[2] * r.progress(),
                Stage::Indexing(_, index) => {
                    let sections = self.doc.sections.len().max(1) as f32;
                    SHARES[1] + SHARES[2] + SHARES[3] * (index.sections.len() as f32 / sections).min(1.0)
                }
            }
    }

    /// Does what is left of the steps and finds the quotes.
    pub fn finish(mut self) -> Analysis {
        while !self.step(usize::MAX) {}
        let Analyzer { text, doc, stage, .. } = self;
        let Stage::Indexing(entities, index) = stage else { unreachable!("the steps end indexing, complete") };
        let quotes = quotes::find(&text, &doc, &entities);
        Analysis { text, doc, entities, quotes, index }
    }
}
