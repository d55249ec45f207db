//! One small component per part of the page (see `docs/DOM.md`).

mod empty;
mod entity_panel;
pub mod inline;
mod masthead;
mod outline;
mod reading;
mod search;

pub use empty::EmptyState;
pub use entity_panel::EntityPanel;
pub use masthead::Masthead;
pub use outline::Outline;
pub use reading::ReadingPane;
pub use search::SearchBox;

/// `1 section`, `2 sections`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
