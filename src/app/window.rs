//! Which part of a long article the reading pane draws: a window of its
//! visible sections' blocks, `start..end`, a page at a time, so the DOM stays
//! small however long the article is. The app's first render draws an opening
//! page ([`OPENING_BLOCKS`] paragraphs or [`OPENING_BYTES`] of text, whichever
//! comes first: what the prerendered page shows without JavaScript); whenever
//! the filter (or the article) changes, the window starts again from the top
//! with a short page ([`FIRST_BLOCKS`] / [`FIRST_BYTES`]), so a keystroke
//! redraws little; it grows by a page ([`PAGE_BLOCKS`] / [`PAGE_BYTES`]) when
//! one of its ends comes near the view (or on "Show more"), in tasks of their
//! own. When the outline, the mention map or a quote asks for a block outside
//! it, the window grows to it if it is near (within [`NEAR_PAGES`] pages),
//! else it moves there: it starts at the target and grows upwards as the
//! reader scrolls up. It never holds more than [`MAX_PAGES`] pages: growing
//! at one end drops pages at the other. A short article, the seeds among
//! them, fits in the opening page and is drawn whole.
//!
//! Pure: [`Window`] is a plain value the app's state holds and resets when
//! the article or the filter changes (see `state.rs`); tested natively.

use crate::core::filter::Outcome;
use crate::core::parse::{BlockKind, Document};
use crate::core::Analysis;

/// Paragraphs per page.
pub const PAGE_BLOCKS: usize = 30;
/// Bytes of paragraph text per page.
pub const PAGE_BYTES: usize = 30_000;
/// Paragraphs (and bytes) of the opening page: the app's first render.
pub const OPENING_BLOCKS: usize = 60;
pub const OPENING_BYTES: usize = 60_000;
/// Paragraphs (and bytes) of the first page after the filter or the article changed.
pub const FIRST_BLOCKS: usize = 8;
pub const FIRST_BYTES: usize = 8_000;
/// A target at most this many pages beyond the window extends it; farther, the window moves.
pub const NEAR_PAGES: usize = 6;
/// The most pages drawn at once: growing past this drops pages from the other end.
pub const MAX_PAGES: usize = 12;

/// The end (an exclusive index into `doc.blocks`) of a page of the visible
/// sections' blocks starting at block `from`: `doc.blocks.len()` when the rest fits.
pub fn page_end(doc: &Document, outcome: &Outcome, from: usize) -> usize {
    sized_page_end(doc, outcome, from, PAGE_BLOCKS, PAGE_BYTES)
}

/// [`page_end`] for a page of at most `most` paragraphs or `most_bytes` of text.
fn sized_page_end(doc: &Document, outcome: &Outcome, from: usize, most: usize, most_bytes: usize) -> usize {
    let (mut paragraphs, mut bytes) = (0usize, 0usize);
    for (s, section) in doc.sections.iter().enumerate() {
        if section.blocks.end <= from || !outcome.shows(s) {
            continue;
        }
        for b in section.blocks.start.max(from)..section.blocks.end {
            let block = &doc.blocks[b];
            if block.kind == BlockKind::Paragraph {
                paragraphs += 1;
                bytes += block.span.len();
            }
            if paragraphs >= most || bytes >= most_bytes {
                return b + 1;
            }
        }
    }
    doc.blocks.len()
}

/// The start of a page of the visible sections' blocks ending before block
/// `to`: 0 when everything before fits.
pub fn page_start(doc: &Document, outcome: &Outcome, to: usize) -> usize {
    let (mut paragraphs, mut bytes) = (0usize, 0usize);
    for (s, section) in doc.sections.iter().enumerate().rev() {
        if section.blocks.start >= to || !outcome.shows(s) {
            continue;
        }
        for b in (section.blocks.start..section.blocks.end.min(to)).rev() {
            let block = &doc.blocks[b];
            if block.kind == BlockKind::Paragraph {
                paragraphs += 1;
                bytes += block.span.len();
            }
            if paragraphs >= PAGE_BLOCKS || bytes >= PAGE_BYTES {
                // Keep a section's heading with its first paragraph.
                let heading = b > section.blocks.start && doc.blocks[b - 1].kind == BlockKind::Heading;
                return if heading { b - 1 } else { b };
            }
        }
    }
    0
}

/// `start..end` cut to at most [`MAX_PAGES`] pages, keeping the end (`keep_end`) or the start.
pub fn bounded(doc: &Document, outcome: &Outcome, (start, end): (usize, usize), keep_end: bool) -> (usize, usize) {
    if paragraphs_between(doc, outcome, start, end) <= MAX_PAGES * PAGE_BLOCKS {
        return (start, end);
    }
    if keep_end {
        let from = (0..MAX_PAGES).fold(end, |to, _| page_start(doc, outcome, to));
        (from.max(start), end)
    } else {
        let to = (0..MAX_PAGES).fold(start, |from, _| page_end(doc, outcome, from));
        (start, to.min(end))
    }
}

/// The visible paragraphs among blocks `from..to`.
fn paragraphs_between(doc: &Document, outcome: &Outcome, from: usize, to: usize) -> usize {
    doc.sections
        .iter()
        .enumerate()
        .filter(|(s, section)| section.blocks.end > from && section.blocks.start < to && outcome.shows(*s))
        .map(|(_, section)| {
            let range = section.blocks.start.max(from)..section.blocks.end.min(to);
            doc.blocks[range].iter().filter(|b| b.kind == BlockKind::Paragraph).count()
        })
        .sum()
}

/// Whether a visible block lies at or after `end` (so the pane has more to draw below).
pub fn has_more(doc: &Document, outcome: &Outcome, end: usize) -> bool {
    doc.sections.iter().enumerate().any(|(s, section)| section.blocks.end > end && outcome.shows(s))
}

/// Whether a visible block lies before `start` (so the pane has more to draw above).
pub fn has_before(doc: &Document, outcome: &Outcome, start: usize) -> bool {
    doc.sections.iter().enumerate().any(|(s, section)| section.blocks.start < start && outcome.shows(s))
}

/// The window that shows block `target`, from the window `start..end`.
pub fn reach(
    doc: &Document,
    outcome: &Outcome,
    (start, end): (usize, usize),
    target: usize,
    from: usize,
) -> (usize, usize) {
    let near = NEAR_PAGES * PAGE_BLOCKS;
    if (start..end).contains(&target) {
        (start, end)
    } else if target >= end && paragraphs_between(doc, outcome, end, target) <= near {
        bounded(doc, outcome, (start, page_end(doc, outcome, target).max(end)), true)
    } else if target < start && paragraphs_between(doc, outcome, target, start) <= near {
        bounded(doc, outcome, (from.min(target), end), false)
    } else {
        (from, page_end(doc, outcome, from))
    }
}

/// What to focus once it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// `#section-N`, scrolled to the top (the outline).
    Section(usize),
    /// A paragraph, by block index (the mention map, the quotes).
    Block(usize),
}

impl Focus {
    /// The first block the window must reach.
    pub fn block(self, doc: &Document) -> usize {
        match self {
            Focus::Section(s) => doc.sections.get(s).map_or(0, |s| s.blocks.start),
            Focus::Block(b) => b,
        }
    }

    /// Where a window moved to it starts: its section's start, unless that is
    /// more than a page of paragraphs before it.
    pub fn from(self, doc: &Document) -> usize {
        let b = self.block(doc);
        match doc.blocks.get(b).and_then(|block| block.section) {
            Some(s) => {
                let first = doc.sections[s].blocks.start;
                let before = doc.blocks[first..b].iter().filter(|x| x.kind == BlockKind::Paragraph).count();
                if before <= PAGE_BLOCKS {
                    first
                } else {
                    b
                }
            }
            None => b,
        }
    }
}

/// A focus the reading pane owes the reader after its next render: what, and
/// whether to jump there `instant`ly (the window moved to draw it, so the
/// page must not glide through what it just drew) or as the page scrolls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    pub focus: Focus,
    pub instant: bool,
}

/// The reading pane's window over one filter outcome: the drawn blocks
/// `start..end`, and what to focus after the next render (`seq` counts the
/// requests, so the same target asked twice is focused twice).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub start: usize,
    pub end: usize,
    pub pending: Option<Pending>,
    pub seq: u32,
}

impl Window {
    /// The window of the app's first render: the opening page, what the
    /// prerendered page shows.
    pub fn opening(doc: &Document, outcome: &Outcome) -> Window {
        Window { end: sized_page_end(doc, outcome, 0, OPENING_BLOCKS, OPENING_BYTES), ..Window::default() }
    }

    /// The window after the filter or the article changed: a short page, or
    /// up to the first search hit when that is a little further (a long
    /// section's only match must not wait for the reader to scroll).
    pub fn first(a: &Analysis, outcome: &Outcome) -> Window {
        let doc = &a.doc;
        let short = sized_page_end(doc, outcome, 0, FIRST_BLOCKS, FIRST_BYTES);
        let end = match first_hit(a, outcome) {
            Some(b) if b >= short && paragraphs_between(doc, outcome, 0, b) < OPENING_BLOCKS => b + 1,
            _ => short,
        };
        Window { end, ..Window::default() }
    }

    /// The drawn blocks.
    pub fn range(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    /// One more page below.
    pub fn more(self, doc: &Document, outcome: &Outcome) -> Window {
        let end = page_end(doc, outcome, self.end).max(self.end);
        let (start, end) = bounded(doc, outcome, (self.start, end), true);
        Window { start, end, pending: None, ..self }
    }

    /// One more page above.
    pub fn earlier(self, doc: &Document, outcome: &Outcome) -> Window {
        let start = page_start(doc, outcome, self.start).min(self.start);
        let (start, end) = bounded(doc, outcome, (start, self.end), false);
        Window { start, end, pending: None, ..self }
    }

    /// Up to what `focus` names (and a page past it), then focus it.
    pub fn reveal(self, doc: &Document, outcome: &Outcome, focus: Focus) -> Window {
        let target = focus.block(doc);
        let drawn = (self.start..self.end).contains(&target);
        let (start, end) = reach(doc, outcome, self.range(), target, focus.from(doc));
        Window { start, end, pending: Some(Pending { focus, instant: !drawn }), seq: self.seq.wrapping_add(1) }
    }
}

/// The block holding the first search hit of the first section `outcome` (of `a`) shows.
pub fn first_hit(a: &Analysis, outcome: &Outcome) -> Option<usize> {
    let section = outcome.sections.iter().position(|o| o.visible)?;
    let hit = outcome.hits(&a.index, section).first()?;
    Some(a.doc.blocks.partition_point(|b| b.span.end <= hit.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::filter::Filter;

    fn long(sections: usize) -> String {
        let mut t = String::from("A long story\n\n");
        for n in 1..=sections {
            t.push_str(&format!("## Part {n}\n\n"));
            for p in 0..3 {
                t.push_str(&format!("Paragraph {p} of part {n} says little about Anna Lund in Bergen.\n\n"));
            }
        }
        t.push_str("## Last\n\nOnly here is the word zanzibar.\n");
        t
    }

    #[test]
    fn a_short_article_fits_in_one_page() {
        let a = Analysis::new(crate::seeds::SEEDS[0].text);
        let o = a.apply(&Filter::default());
        assert_eq!(page_end(&a.doc, &o, 0), a.doc.blocks.len());
        assert!(!has_more(&a.doc, &o, a.doc.blocks.len()));
    }

    #[test]
    fn pages_grow_and_reach_a_section() {
        let a = Analysis::new(long(400));
        let o = a.apply(&Filter::default());
        let doc = &a.doc;
        // The app's first render: the opening page.
        let w = Window::opening(doc, &o);
        let (start, first) = w.range();
        assert_eq!(start, 0);
        assert_eq!(paragraphs_between(doc, &o, 0, first), OPENING_BLOCKS);
        assert!(has_more(doc, &o, first) && !has_before(doc, &o, 0));
        let w = w.more(doc, &o);
        let (_, second) = w.range();
        assert_eq!(paragraphs_between(doc, &o, 0, second), OPENING_BLOCKS + PAGE_BLOCKS);
        assert_eq!(w.pending, None);
        // A drawn section: focused where it is, no jump.
        let w = w.reveal(doc, &o, Focus::Section(1));
        assert_eq!(
            (w.range(), w.pending, w.seq),
            ((0, second), Some(Pending { focus: Focus::Section(1), instant: false }), 1)
        );
        // A section a little further: the window grows to it.
        let near = doc.blocks[second..].iter().position(|b| b.kind == BlockKind::Heading).unwrap() + second;
        let s = doc.blocks[near].section.unwrap();
        let w = w.reveal(doc, &o, Focus::Section(s));
        let (start, end) = w.range();
        assert_eq!(start, 0);
        assert!(end > near);
        assert_eq!((w.pending, w.seq), (Some(Pending { focus: Focus::Section(s), instant: true }), 2));
        // The last section, far away: the window moves there and can grow upwards.
        let last = doc.sections.len() - 1;
        let w = w.reveal(doc, &o, Focus::Section(last));
        let (start, end) = w.range();
        assert_eq!((start, end), (doc.sections[last].blocks.start, doc.blocks.len()));
        assert!(!has_more(doc, &o, end) && has_before(doc, &o, start));
        let w = w.earlier(doc, &o);
        let (above, _) = w.range();
        assert_eq!(paragraphs_between(doc, &o, above, start), PAGE_BLOCKS);
        assert_eq!(doc.blocks[above].kind, BlockKind::Heading, "a heading stays with its paragraph");
        assert_eq!(w.pending, None, "growing owes no focus");
        // Growing on and on keeps at most MAX_PAGES pages, dropping from the other end.
        let mut down = Window::default();
        for _ in 0..MAX_PAGES + 3 {
            down = down.more(doc, &o);
        }
        let (s0, e0) = down.range();
        assert!(s0 > 0 && has_before(doc, &o, s0));
        assert_eq!(paragraphs_between(doc, &o, s0, e0), MAX_PAGES * PAGE_BLOCKS);
        let (s1, e1) = down.earlier(doc, &o).range();
        assert!(s1 < s0 && e1 < e0);
        assert!(paragraphs_between(doc, &o, s1, e1) <= MAX_PAGES * PAGE_BLOCKS);
        // A new filter starts from the top again; a search for the last word keeps one section.
        let o2 = a.apply(&Filter { query: "zanzibar".into(), ..Filter::default() });
        assert_eq!(o2.visible, 1);
        assert_eq!(Window::first(&a, &o2).range(), (0, doc.blocks.len()));
        assert!(!has_before(doc, &o2, doc.sections[last].blocks.start));
        // A word deep in a long first section: the first page reaches it.
        let mut deep = String::from("Deep\n\n");
        for p in 0..40 {
            deep.push_str(&format!("Paragraph {p} about the harbour.\n\n"));
        }
        deep.push_str("The zanzibarite was found here.\n\nAnd one more paragraph.\n");
        let d = Analysis::new(deep);
        let od = d.apply(&Filter { query: "zanzibarite".into(), ..Filter::default() });
        let hit = first_hit(&d, &od).unwrap();
        assert!(d.doc.blocks[hit].span.of(&d.text).contains("zanzibarite"));
        assert_eq!(Window::first(&d, &od).range(), (0, hit + 1));
        // Cleared again: a short first page, then pages of the usual size.
        let w = Window::first(&a, &o);
        assert_eq!(paragraphs_between(doc, &o, 0, w.end), FIRST_BLOCKS);
        assert_eq!(paragraphs_between(doc, &o, 0, w.more(doc, &o).end), FIRST_BLOCKS + PAGE_BLOCKS);
    }
}
