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
//! Pure apart from [`Focus::apply`]: tested natively.

use super::mount::Instance;
use super::Article;
use crate::core::filter::Outcome;
use crate::core::parse::{BlockKind, Document};
use std::rc::{Rc, Weak};
use yew::Reducible;

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

fn visible(outcome: &Outcome, s: usize) -> bool {
    outcome.sections.get(s).is_some_and(|o| o.visible)
}

/// The end (an exclusive index into `doc.blocks`) of a page of the visible
/// sections' blocks starting at block `from`: `doc.blocks.len()` when the rest fits.
pub fn page_end(doc: &Document, outcome: &Outcome, from: usize) -> usize {
    sized_page_end(doc, outcome, from, PAGE_BLOCKS, PAGE_BYTES)
}

/// [`page_end`] for a page of at most `most` paragraphs or `most_bytes` of text.
fn sized_page_end(doc: &Document, outcome: &Outcome, from: usize, most: usize, most_bytes: usize) -> usize {
    let (mut paragraphs, mut bytes) = (0usize, 0usize);
    for (s, section) in doc.sections.iter().enumerate() {
        if section.blocks.end <= from || !visible(outcome, s) {
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
        if section.blocks.start >= to || !visible(outcome, s) {
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
        .filter(|(s, section)| section.blocks.end > from && section.blocks.start < to && visible(outcome, *s))
        .map(|(_, section)| {
            let range = section.blocks.start.max(from)..section.blocks.end.min(to);
            doc.blocks[range].iter().filter(|b| b.kind == BlockKind::Paragraph).count()
        })
        .sum()
}

/// Whether a visible block lies at or after `end` (so the pane has more to draw below).
pub fn has_more(doc: &Document, outcome: &Outcome, end: usize) -> bool {
    doc.sections.iter().enumerate().any(|(s, section)| section.blocks.end > end && visible(outcome, s))
}

/// Whether a visible block lies before `start` (so the pane has more to draw above).
pub fn has_before(doc: &Document, outcome: &Outcome, start: usize) -> bool {
    doc.sections.iter().enumerate().any(|(s, section)| section.blocks.start < start && visible(outcome, s))
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

    /// Scrolls to and focuses it (`instant`ly: see [`super::scroll_to_id`]). Browser only.
    pub fn apply(self, article: &Article, ids: &Instance, instant: bool) {
        match self {
            Focus::Section(s) => {
                let id = ids.section(s);
                if instant {
                    super::scroll_to_id(&id, true);
                    super::focus_id(&id);
                } else {
                    super::focus_id(&id);
                    super::scroll_to_id(&id, false);
                }
            }
            Focus::Block(b) => super::components::mention_map::jump_to_block(article, b, ids, instant),
        }
    }
}

/// The reading pane's window: how far it draws for one filter outcome, and
/// what to focus after the next render (`seq` counts the requests).
#[derive(Debug, Clone, Default)]
pub struct Window {
    /// The outcome `start..end` was computed for; another outcome starts from the top.
    outcome: Option<Rc<Outcome>>,
    /// The outcome of the app's first render, which gets the opening page (weak: it keeps
    /// the address, so no later outcome is taken for it, and not the contents).
    opening: Weak<Outcome>,
    start: usize,
    end: usize,
    pub focus: Option<Focus>,
    pub seq: u32,
}

impl PartialEq for Window {
    fn eq(&self, other: &Self) -> bool {
        self.start == other.start
            && self.end == other.end
            && self.focus == other.focus
            && self.seq == other.seq
            && match (&self.outcome, &other.outcome) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Window {
    /// The window of the app's first render, whose outcome is `outcome`.
    pub fn opening(outcome: &Rc<Outcome>) -> Window {
        Window { opening: Rc::downgrade(outcome), ..Window::default() }
    }

    /// The drawn blocks, `start..end`, for this outcome.
    pub fn range(&self, doc: &Document, outcome: &Rc<Outcome>) -> (usize, usize) {
        match &self.outcome {
            Some(o) if Rc::ptr_eq(o, outcome) => (self.start, self.end),
            _ if std::ptr::eq(Rc::as_ptr(outcome), self.opening.as_ptr()) => {
                (0, sized_page_end(doc, outcome, 0, OPENING_BLOCKS, OPENING_BYTES))
            }
            _ => {
                // A short page, or up to the first search hit when that is a little further
                // (a long section's only match must not wait for the reader to scroll).
                let short = sized_page_end(doc, outcome, 0, FIRST_BLOCKS, FIRST_BYTES);
                match first_hit(doc, outcome) {
                    Some(b) if b >= short && paragraphs_between(doc, outcome, 0, b) < OPENING_BLOCKS => (0, b + 1),
                    _ => (0, short),
                }
            }
        }
    }
}

/// The block holding the first search hit of the first section `outcome` shows.
pub fn first_hit(doc: &Document, outcome: &Outcome) -> Option<usize> {
    let section = outcome.sections.iter().find(|o| o.visible)?;
    let hit = section.hits.first()?;
    Some(doc.blocks.partition_point(|b| b.span.end <= hit.start))
}

pub enum WindowAction {
    /// One more page below.
    More(Article, Rc<Outcome>),
    /// One more page above.
    Earlier(Article, Rc<Outcome>),
    /// Up to what `Focus` names (and a page past it), then focus it.
    Reveal(Article, Rc<Outcome>, Focus),
}

impl Reducible for Window {
    type Action = WindowAction;

    fn reduce(self: Rc<Self>, action: WindowAction) -> Rc<Self> {
        match action {
            WindowAction::More(article, outcome) => {
                let (start, end) = self.range(&article.doc, &outcome);
                let end = page_end(&article.doc, &outcome, end).max(end);
                let (start, end) = bounded(&article.doc, &outcome, (start, end), true);
                Rc::new(Window { outcome: Some(outcome), start, end, focus: None, ..(*self).clone() })
            }
            WindowAction::Earlier(article, outcome) => {
                let (start, end) = self.range(&article.doc, &outcome);
                let start = page_start(&article.doc, &outcome, start).min(start);
                let (start, end) = bounded(&article.doc, &outcome, (start, end), false);
                Rc::new(Window { outcome: Some(outcome), start, end, focus: None, ..(*self).clone() })
            }
            WindowAction::Reveal(article, outcome, focus) => {
                let doc = &article.doc;
                let range = self.range(doc, &outcome);
                let (start, end) = reach(doc, &outcome, range, focus.block(doc), focus.from(doc));
                Rc::new(Window {
                    outcome: Some(outcome),
                    start,
                    end,
                    focus: Some(focus),
                    seq: self.seq.wrapping_add(1),
                    ..(*self).clone()
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::filter::Filter;
    use crate::core::Analysis;

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
        let a = Article(Rc::new(Analysis::new(long(400))));
        let o = Rc::new(a.apply(&Filter::default()));
        let doc = &a.doc;
        // The app's first render: the opening page.
        let w = Rc::new(Window::opening(&o));
        let (start, first) = w.range(doc, &o);
        assert_eq!(start, 0);
        assert_eq!(paragraphs_between(doc, &o, 0, first), OPENING_BLOCKS);
        assert!(has_more(doc, &o, first) && !has_before(doc, &o, 0));
        let w = w.reduce(WindowAction::More(a.clone(), o.clone()));
        let (_, second) = w.range(doc, &o);
        assert_eq!(paragraphs_between(doc, &o, 0, second), OPENING_BLOCKS + PAGE_BLOCKS);
        assert_eq!(w.focus, None);
        // A section a little further: the window grows to it.
        let near = doc.blocks[second..].iter().position(|b| b.kind == BlockKind::Heading).unwrap() + second;
        let s = doc.blocks[near].section.unwrap();
        let w = w.reduce(WindowAction::Reveal(a.clone(), o.clone(), Focus::Section(s)));
        let (start, end) = w.range(doc, &o);
        assert_eq!(start, 0);
        assert!(end > near);
        assert_eq!((w.focus, w.seq), (Some(Focus::Section(s)), 1));
        // The last section, far away: the window moves there and can grow upwards.
        let last = doc.sections.len() - 1;
        let w = w.reduce(WindowAction::Reveal(a.clone(), o.clone(), Focus::Section(last)));
        let (start, end) = w.range(doc, &o);
        assert_eq!((start, end), (doc.sections[last].blocks.start, doc.blocks.len()));
        assert!(!has_more(doc, &o, end) && has_before(doc, &o, start));
        let w = w.reduce(WindowAction::Earlier(a.clone(), o.clone()));
        let (above, _) = w.range(doc, &o);
        assert_eq!(paragraphs_between(doc, &o, above, start), PAGE_BLOCKS);
        assert_eq!(doc.blocks[above].kind, BlockKind::Heading, "a heading stays with its paragraph");
        // Growing on and on keeps at most MAX_PAGES pages, dropping from the other end.
        let mut down = Rc::new(Window::default());
        for _ in 0..MAX_PAGES + 3 {
            down = down.reduce(WindowAction::More(a.clone(), o.clone()));
        }
        let (s0, e0) = down.range(doc, &o);
        assert!(s0 > 0 && has_before(doc, &o, s0));
        assert_eq!(paragraphs_between(doc, &o, s0, e0), MAX_PAGES * PAGE_BLOCKS);
        let up = down.reduce(WindowAction::Earlier(a.clone(), o.clone()));
        let (s1, e1) = up.range(doc, &o);
        assert!(s1 < s0 && e1 < e0);
        assert!(paragraphs_between(doc, &o, s1, e1) <= MAX_PAGES * PAGE_BLOCKS);
        // A new filter outcome starts from the top again; a search for the last word keeps one section.
        let f = Filter { query: "zanzibar".into(), ..Filter::default() };
        let o2 = Rc::new(a.apply(&f));
        assert_eq!(o2.visible, 1);
        assert_eq!(w.range(doc, &o2), (0, doc.blocks.len()));
        // A word deep in a long first section: the first page reaches it.
        let mut deep = String::from("Deep\n\n");
        for p in 0..40 {
            deep.push_str(&format!("Paragraph {p} about the harbour.\n\n"));
        }
        deep.push_str("The zanzibarite was found here.\n\nAnd one more paragraph.\n");
        let d = Analysis::new(deep);
        let od = Rc::new(d.apply(&Filter { query: "zanzibarite".into(), ..Filter::default() }));
        let hit = first_hit(&d.doc, &od).unwrap();
        assert!(d.doc.blocks[hit].span.of(&d.text).contains("zanzibarite"));
        assert_eq!(Window::default().range(&d.doc, &od), (0, hit + 1));
        assert!(!has_before(doc, &o2, doc.sections[last].blocks.start));
        // Cleared again (a new outcome, the same sections): a short first page.
        let o3 = Rc::new(a.apply(&Filter::default()));
        let (_, short) = w.range(doc, &o3);
        assert_eq!(paragraphs_between(doc, &o3, 0, short), FIRST_BLOCKS);
        let w = w.reduce(WindowAction::More(a.clone(), o3.clone()));
        assert_eq!(paragraphs_between(doc, &o3, 0, w.range(doc, &o3).1), FIRST_BLOCKS + PAGE_BLOCKS);
    }
}
