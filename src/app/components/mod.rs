//! One small component per part of the page (see `docs/DOM.md`).

mod empty;
mod entity_panel;
pub mod export;
pub mod graph;
pub mod import;
pub mod inline;
mod masthead;
pub mod mention_map;
pub mod outline;
pub mod quotes;
mod reading;
mod search;

pub use empty::EmptyState;
pub use entity_panel::EntityPanel;
pub use export::Export;
pub use graph::EntityGraph;
pub use import::Import;
pub use masthead::Masthead;
pub use mention_map::MentionMap;
pub use outline::Outline;
pub use quotes::QuotesPanel;
pub use reading::ReadingPane;
pub use search::SearchBox;

/// `1 section`, `2 sections`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
