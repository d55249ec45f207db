//! One small component per part of the page (see `docs/DOM.md`), each a
//! function of its props; the pure layouts they draw sit beside them
//! ([`inline`], [`marks`]).

mod empty;
mod entity_panel;
pub mod export;
pub mod graph;
pub mod import;
pub mod inline;
pub mod library;
pub mod marks;
mod masthead;
mod mention_map;
pub mod outline;
mod quotes;
mod reading;
mod search;

pub use empty::EmptyState;
pub use entity_panel::EntityPanel;
pub use export::Export;
pub use graph::EntityGraph;
pub use import::Import;
pub use library::Library;
pub use masthead::Masthead;
pub use mention_map::MentionMap;
pub use outline::Outline;
pub use quotes::QuotesPanel;
pub use reading::ReadingPane;
pub use search::SearchBox;

use crate::core::entities::EntityKind;

/// `value` with `places` decimals (at most 3), written with integer arithmetic:
/// SVG coordinates and percentages without the float printer in the wasm.
pub fn decimal(value: f32, places: u32) -> String {
    let scale = 10u32.pow(places.min(3));
    let scaled = (value.abs() * scale as f32).round() as u64;
    let sign = if value < 0.0 && scaled != 0 { "-" } else { "" };
    let (whole, frac) = (scaled / u64::from(scale), scaled % u64::from(scale));
    match places.min(3) {
        0 => format!("{sign}{whole}"),
        p => format!("{sign}{whole}.{frac:0width$}", width = p as usize),
    }
}

/// `text` as HTML text or a double-quoted attribute value, for markup the
/// browser parses in one go (the two sinks `tests/no_raw_html.rs` allows).
pub fn escape_html(text: &str, out: &mut String) {
    let mut from = 0;
    for (at, c) in text.char_indices() {
        let escaped = match c {
            '&' => "&amp;",
            '"' => "&quot;",
            '<' => "&lt;",
            '>' => "&gt;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(escaped);
        from = at + 1;
    }
    out.push_str(&text[from..]);
}

/// `1 section`, `2 sections`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The shape of a kind's marks (the mention map) and nodes (the graph), centred on
/// 0,0, about 10 units wide: each kind its own, so colour is never the only cue.
pub fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "M0,-5A5,5 0 1,1 0,5A5,5 0 1,1 0,-5Z",
        EntityKind::Organization => "M-4.5,-4.5H4.5V4.5H-4.5Z",
        EntityKind::Place => "M0,-6L6,0L0,6L-6,0Z",
        EntityKind::Group => "M0,-5.5L5.5,4.5H-5.5Z",
        EntityKind::Other => "M-6,-2.5H6V2.5H-6Z",
    }
}

#[cfg(test)]
mod tests {
    use super::decimal;

    #[test]
    fn decimals_are_written_like_the_float_printer_would_round_them() {
        assert_eq!(decimal(4.166_666, 2), "4.17");
        assert_eq!(decimal(50.0, 2), "50.00");
        assert_eq!(decimal(-11.0, 1), "-11.0");
        assert_eq!(decimal(-0.01, 1), "0.0");
        assert_eq!(decimal(216.15, 1), "216.2");
        assert_eq!(decimal(7.0, 0), "7");
    }
}
