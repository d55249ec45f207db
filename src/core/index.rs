//! The index: built once per article, read by every filter.
//!
//! Each section's heading and paragraphs are folded (see [`fold`](super::fold))
//! into one searchable string that maps back to the original bytes, so a
//! search hit becomes a highlight span in the original text. Entity postings
//! (which sections mention an entity) live on [`Entity::sections`].
//!
//! [`Entity::sections`]: super::entities::Entity::sections

use super::fold::Folded;
use super::parse::Document;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// One per section, in order: heading and paragraphs, folded.
    pub sections: Vec<Folded>,
}

impl Index {
    pub fn new(text: &str, doc: &Document) -> Index {
        let mut index = Index::default();
        index.extend(text, doc, usize::MAX);
        index
    }

    /// Folds the next sections, about `max_bytes` of text (at least one);
    /// returns whether every section of `doc` is in the index.
    pub fn extend(&mut self, text: &str, doc: &Document, max_bytes: usize) -> bool {
        let rest = &doc.sections[self.sections.len().min(doc.sections.len())..];
        let count = super::slice_len(rest.iter().map(|s| s.span.len()), max_bytes);
        for s in &rest[..count] {
            self.sections.push(Folded::of_spans(text, doc.blocks[s.blocks.clone()].iter().map(|b| b.span)));
        }
        self.sections.len() >= doc.sections.len()
    }
}
