//! Inline text of one block: plain text, entity mentions and search hits
//! interleaved, from spans the core computed (nothing is searched again).
//!
//! Mentions form the outer level; hits are cut at mention boundaries and
//! nested inside, so `<mark>` never straddles a mention and the markup stays
//! valid. Every byte of the block appears exactly once.

use super::escape_html;
use crate::core::entities::{possessive_len, Entities, Mention};
use crate::core::span::Span;

/// A run of text, highlighted as a search hit or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub span: Span,
    pub hit: bool,
}

/// A stretch of a block: plain text or one mention, split into runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Index into [`Entities::mentions`] when this is a mention.
    pub mention: Option<usize>,
    pub runs: Vec<Run>,
    /// A possessive right after a mention (`’s`, `'s`, or a lone `’` after
    /// an s): drawn after the name and before its kind label, outside the
    /// name's underline, so the label never splits "Kabul’s".
    pub tail: Vec<Run>,
}

/// Splits `span` into runs at the edges of `hits` (sorted, not overlapping).
fn runs(span: Span, hits: &[Span]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut at = span.start;
    for hit in hits.iter().filter(|h| h.overlaps(span)) {
        let start = hit.start.max(span.start);
        let end = hit.end.min(span.end);
        if start > at {
            out.push(Run { span: Span::new(at, start), hit: false });
        }
        if end > start.max(at) {
            out.push(Run { span: Span::new(start.max(at), end), hit: true });
        }
        at = at.max(end);
    }
    if at < span.end {
        out.push(Run { span: Span::new(at, span.end), hit: false });
    }
    out
}

/// Cuts `block` into segments. `mentions` are `(index, span)` pairs in text
/// order; ones that overlap an earlier one or leave the block are clipped or
/// skipped, never duplicated.
pub fn segments(text: &str, block: Span, mentions: &[(usize, Span)], hits: &[Span]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = block.start;
    for (k, &(index, span)) in mentions.iter().enumerate() {
        let start = span.start.max(at);
        let end = span.end.min(block.end);
        if start >= end {
            continue;
        }
        if start > at {
            out.push(Segment { mention: None, runs: runs(Span::new(at, start), hits), tail: Vec::new() });
        }
        // The possessive, unless the next mention starts inside it.
        let next_start = mentions.get(k + 1).map_or(block.end, |m| m.1.start).min(block.end);
        let p = possessive_len(&text[end..block.end]);
        let tail_end = if end + p <= next_start { end + p } else { end };
        let tail = if tail_end > end { runs(Span::new(end, tail_end), hits) } else { Vec::new() };
        out.push(Segment { mention: Some(index), runs: runs(Span::new(start, end), hits), tail });
        at = tail_end;
    }
    if at < block.end {
        out.push(Segment { mention: None, runs: runs(Span::new(at, block.end), hits), tail: Vec::new() });
    }
    out
}

/// What the renderer needs to know about mentions.
pub struct Highlight<'a> {
    pub text: &'a str,
    pub entities: &'a Entities,
    /// Whether a mention is drawn (its kind is not hidden).
    pub shown: &'a dyn Fn(&Mention) -> bool,
    /// Whether an entity (index) is chosen in the filter.
    pub chosen: &'a dyn Fn(usize) -> bool,
}

/// The runs as HTML: text, and hits in `<mark>`.
fn render_runs(text: &str, runs: &[Run], out: &mut String) {
    for r in runs {
        if r.hit {
            out.push_str("<mark>");
            escape_html(r.span.of(text), out);
            out.push_str("</mark>");
        } else {
            escape_html(r.span.of(text), out);
        }
    }
}

/// The inline content of block `index` (its span `span`), with hits `hits`, as HTML: one
/// string the browser parses in one go (a paragraph of a long article with a hit in every
/// other word would otherwise be hundreds of nodes made one at a time from wasm, and
/// hydration adopts it without walking it). Mentions draw no handlers of their own.
pub fn render_block(h: &Highlight<'_>, index: usize, span: Span, hits: &[Span]) -> String {
    let mentions: Vec<(usize, Span)> = h
        .entities
        .in_block(index)
        .map(|i| (i, &h.entities.mentions[i]))
        .filter(|(_, m)| (h.shown)(m))
        .map(|(i, m)| (i, m.span))
        .collect();
    let hits: Vec<Span> = hits.iter().copied().filter(|s| s.overlaps(span)).collect();
    let mut out = String::with_capacity(span.len() + 64 * mentions.len() + 13 * hits.len());
    for seg in segments(h.text, span, &mentions, &hits) {
        let Some(i) = seg.mention else {
            render_runs(h.text, &seg.runs, &mut out);
            continue;
        };
        let m = &h.entities.mentions[i];
        let kind = m.kind.as_str();
        out.push_str("<span class=\"mention kind-");
        out.push_str(kind);
        if (h.chosen)(m.entity) {
            out.push_str(" chosen");
        }
        if !seg.tail.is_empty() {
            out.push_str(" possessive");
        }
        out.push_str("\" data-entity=\"");
        escape_html(&h.entities.entities[m.entity].id, &mut out);
        out.push_str("\"><span class=\"name\">");
        render_runs(h.text, &seg.runs, &mut out);
        out.push_str("</span>");
        render_runs(h.text, &seg.tail, &mut out);
        out.push_str("<span class=\"kind-label\">");
        out.push_str(kind);
        out.push_str("</span></span>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(segs: &[Segment]) -> Vec<(Span, bool, bool)> {
        segs.iter()
            .flat_map(|s| s.runs.iter().chain(&s.tail).map(move |r| (r.span, r.hit, s.mention.is_some())))
            .collect()
    }

    /// The runs cover the block exactly once, in order.
    fn covers(block: Span, segs: &[Segment]) {
        let mut at = block.start;
        for (span, _, _) in text_of(segs) {
            assert_eq!(span.start, at);
            assert!(span.end > span.start);
            at = span.end;
        }
        assert_eq!(at, block.end);
    }

    proptest::proptest! {
        /// Any text comes out with no character that could open a tag or close an
        /// attribute, and reads back as itself.
        #[test]
        fn escaped_text_is_text(text in "[<>&\"'a-z ;#]{0,40}|\\PC{0,40}") {
            let mut out = String::new();
            super::super::escape_html(&text, &mut out);
            proptest::prop_assert!(!out.contains(['<', '>', '"']));
            let back = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }

    #[test]
    fn markup_in_the_text_is_drawn_as_text() {
        let text = "<img src=x onerror=alert(1)> & \"quoted\" <mark>";
        let entities = Entities::default();
        let h = Highlight { text, entities: &entities, shown: &|_| true, chosen: &|_| false };
        let span = Span::new(0, text.len());
        let html = render_block(&h, 0, span, &[Span::new(0, 4)]);
        assert_eq!(html, "<mark>&lt;img</mark> src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &lt;mark&gt;");
    }

    #[test]
    fn plain_block_is_one_run() {
        let segs = segments("0123456789", Span::new(0, 10), &[], &[]);
        assert_eq!(
            segs,
            vec![Segment { mention: None, runs: vec![Run { span: Span::new(0, 10), hit: false }], tail: vec![] }]
        );
    }

    #[test]
    fn hit_across_a_mention_edge_is_split() {
        // "Khawaja Asif said" with mention 0..12 and hit 8..17 ("Asif said").
        let block = Span::new(0, 17);
        let segs = segments("Khawaja Asif said", block, &[(0, Span::new(0, 12))], &[Span::new(8, 17)]);
        covers(block, &segs);
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].mention, Some(0));
        assert_eq!(
            segs[0].runs,
            vec![Run { span: Span::new(0, 8), hit: false }, Run { span: Span::new(8, 12), hit: true }]
        );
        assert_eq!(segs[1].runs, vec![Run { span: Span::new(12, 17), hit: true }]);
    }

    #[test]
    fn hit_inside_mention_and_mention_inside_hit() {
        let block = Span::new(0, 30);
        let text = "x".repeat(30);
        let segs = segments(
            &text,
            block,
            &[(0, Span::new(5, 10)), (1, Span::new(20, 25))],
            &[Span::new(6, 8), Span::new(18, 27)],
        );
        covers(block, &segs);
        let hits: Vec<Span> = text_of(&segs).into_iter().filter(|r| r.1).map(|r| r.0).collect();
        assert_eq!(hits, [Span::new(6, 8), Span::new(18, 20), Span::new(20, 25), Span::new(25, 27)]);
    }

    #[test]
    fn overlapping_or_outside_mentions_never_duplicate_text() {
        let block = Span::new(10, 40);
        let text = "x".repeat(60);
        let segs = segments(
            &text,
            block,
            &[(0, Span::new(5, 15)), (1, Span::new(12, 20)), (2, Span::new(35, 50))],
            &[Span::new(0, 100)],
        );
        covers(block, &segs);
        assert!(text_of(&segs).iter().all(|r| r.1));
    }

    #[test]
    fn a_possessive_stays_with_its_name_before_the_label() {
        let text = "Kabul\u{2019}s claims and Asif's view, the Joneses\u{2019} home";
        let kabul = Span::new(0, 5);
        let asif_at = text.find("Asif").unwrap();
        let joneses_at = text.find("Joneses").unwrap();
        let mentions = [(0, kabul), (1, Span::new(asif_at, asif_at + 4)), (2, Span::new(joneses_at, joneses_at + 7))];
        let block = Span::new(0, text.len());
        let segs = segments(text, block, &mentions, &[]);
        covers(block, &segs);
        let tails: Vec<&str> = segs
            .iter()
            .filter(|s| s.mention.is_some())
            .map(|s| s.tail.first().map_or("", |r| r.span.of(text)))
            .collect();
        assert_eq!(tails, ["\u{2019}s", "'s", "\u{2019}"]);
    }
}
