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
        let sections = doc
            .sections
            .iter()
            .map(|s| Folded::of_spans(text, doc.blocks[s.blocks.clone()].iter().map(|b| b.span)))
            .collect();
        Index { sections }
    }
}
