//! Parsing: text as people write it into a [`Document`] of byte spans.
//!
//! Accepts CRLF or LF, a BOM, tabs, runs of blank lines, curly quotes and
//! Markdown-style `#` headings. The first non-empty line is the title. A
//! heading is a `#` line, a line underlined with `===`/`---`, or a short line
//! with no sentence-final punctuation standing between paragraphs. Text
//! before the first heading is the lede, a section whose heading is `None`.
//!
//! Nothing is copied: every part is a [`Span`] into the text given.

use super::span::Span;
use super::token::{tokenize_into, Token, TokenKind};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
}

/// A title, heading or paragraph: a run of text read as one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The text of the block, without `#` marks or surrounding white space.
    pub span: Span,
    /// The section it belongs to; `None` for the title.
    pub section: Option<usize>,
    pub sentences: Range<usize>,
}

/// The name of the lede, the section before the first heading.
pub const INTRODUCTION: &str = "Introduction";

/// A heading and the paragraphs under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading text; `None` for the lede.
    pub heading: Option<Span>,
    /// From the start of the heading line to the start of the next section
    /// (the first section starts at 0, the last ends at the end of the text),
    /// so the sections cover the text in order.
    pub span: Span,
    /// Indexes into [`Document::blocks`]: the heading block (if any), then paragraphs.
    pub blocks: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
    pub block: usize,
}

/// A parsed article. Spans refer to the text it was parsed from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The length in bytes of the text parsed.
    pub len: usize,
    pub title: Option<Span>,
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
}

impl Document {
    /// Paragraph blocks of a section, without its heading.
    pub fn paragraphs(&self, section: usize) -> impl Iterator<Item = &Block> {
        self.blocks[self.sections[section].blocks.clone()].iter().filter(|b| b.kind == BlockKind::Paragraph)
    }

    /// How many words (tokens with a letter or digit) the text has.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.kind != TokenKind::Punct).count()
    }

    /// What a reader calls section `s`: its heading, or "Introduction" for
    /// the lede (the text before the first heading).
    pub fn section_name<'t>(&self, s: usize, text: &'t str) -> &'t str {
        self.sections.get(s).and_then(|section| section.heading).map_or(INTRODUCTION, |h| h.of(text))
    }

    /// Where paragraph block `block` sits: its section, and its place among
    /// that section's paragraphs (counted from 0). `None` for the title.
    pub fn paragraph_position(&self, block: usize) -> Option<(usize, usize)> {
        let s = self.blocks.get(block)?.section?;
        let nth =
            self.blocks[self.sections[s].blocks.start..block].iter().filter(|b| b.kind == BlockKind::Paragraph).count();
        Some((s, nth))
    }

    /// The section whose span holds byte `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.span.end <= offset);
        (i < self.sections.len()).then_some(i)
    }
}

/// One line of the input, classified.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// The whole line without its line break.
    full: Span,
    /// The content: trimmed, `#` marks removed.
    text: Span,
    kind: LineKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// `# Heading`
    Hash,
    /// `===` or `---` alone: underlines the line above.
    Underline,
    Text,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while start < text.len() {
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let mut full = Span::new(start, end);
        if text[..end].ends_with('\r') {
            full.end -= 1;
        }
        out.push(classify(text, full));
        start = end + 1;
    }
    out
}

fn classify(text: &str, full: Span) -> Line {
    let body = full.trim(text);
    let s = body.of(text);
    if s.is_empty() {
        return Line { full, text: body, kind: LineKind::Blank };
    }
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && (s.len() == hashes || s.as_bytes()[hashes].is_ascii_whitespace()) {
        let inner = s[hashes..].trim_end_matches('#');
        let inner_span = Span::new(body.start + hashes, body.start + hashes + inner.len()).trim(text);
        return Line { full, text: inner_span, kind: LineKind::Hash };
    }
    if s.len() >= 3 && (s.bytes().all(|b| b == b'=') || s.bytes().all(|b| b == b'-')) {
        return Line { full, text: body, kind: LineKind::Underline };
    }
    Line { full, text: body, kind: LineKind::Text }
}

/// Whether a line ends a sentence: its last char, past closing quotes and
/// brackets, is sentence-final punctuation.
fn ends_like_prose(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '*', '_']);
    t.ends_with(['.', '!', '?', ':', ';', ',', '\u{2026}'])
}

/// Whether a plain line reads as a heading on its own: short, starting with
/// a capital or digit, not ending as prose, not a list item or byline.
fn looks_like_heading(s: &str) -> bool {
    let words = s.split_whitespace().count();
    let first = s.chars().next().unwrap_or(' ');
    words <= 16
        && s.chars().count() <= 120
        && (first.is_uppercase() || first.is_ascii_digit() || first == '"' || first == '\u{201c}')
        && s.chars().any(char::is_alphabetic)
        && !ends_like_prose(s)
        && !s.starts_with("By ")
        && !s.starts_with(['-', '*', '\u{2022}'])
}

/// Whether a line is clearly a paragraph: long, or ends as prose.
fn is_prose(s: &str) -> bool {
    ends_like_prose(s) || s.split_whitespace().count() > 16
}

/// Parses `text` into a [`Document`].
///
/// ```
/// # use article_explorer::core::parse::parse;
/// let text = "My title\n\nFirst paragraph.\n\n## Background\n\nMore text here.\n";
/// let doc = parse(text);
/// assert_eq!(doc.title.unwrap().of(text), "My title");
/// assert_eq!(doc.sections.len(), 2);
/// assert_eq!(doc.sections[1].heading.unwrap().of(text), "Background");
/// ```
pub fn parse(text: &str) -> Document {
    let mut doc = structure(text);
    tokenize(text, &mut doc, 0, usize::MAX);
    doc
}

/// The title, sections and blocks of `text`, without sentences or tokens: the
/// quick part of [`parse`] (a line scan). [`tokenize`] then fills in the
/// blocks' sentences and tokens, in order and as many at a time as wanted, so
/// a long text can be read in slices.
pub fn structure(text: &str) -> Document {
    let lines = lines(text);
    let mut doc = Document { len: text.len(), ..Document::default() };
    let Some(title_at) = lines.iter().position(|l| l.kind != LineKind::Blank) else {
        return doc;
    };
    let mut first_body = title_at + 1;
    // A title underlined with === or ---.
    if lines.get(first_body).is_some_and(|l| l.kind == LineKind::Underline) {
        first_body += 1;
    }
    let body = &lines[first_body..];
    // Soft-wrapped text separates paragraphs with blank lines; then single
    // line breaks inside a block are wraps. Otherwise every line is a paragraph.
    // A text with one paragraph per line and the odd blank line (two pasted
    // together) is not wrapped: there a single break ends a sentence and the
    // next line starts anew, where a wrapped line mostly goes on in lower case.
    let non_blank: Vec<usize> = (0..body.len()).filter(|&i| body[i].kind != LineKind::Blank).collect();
    let blank_between = non_blank
        .windows(2)
        .any(|w| w[1] > w[0] + 1 && body[w[0]].kind == LineKind::Text && body[w[1]].kind == LineKind::Text);
    let (mut wraps, mut breaks) = (0usize, 0usize);
    for w in body.windows(2).filter(|w| w[0].kind == LineKind::Text && w[1].kind == LineKind::Text) {
        if w[1].text.of(text).chars().next().is_some_and(char::is_lowercase) {
            wraps += 1;
        } else if ends_like_prose(w[0].text.of(text)) {
            breaks += 1;
        }
    }
    let blank_separated = blank_between && wraps >= breaks;

    push_block(&mut doc, BlockKind::Title, lines[title_at].text);
    doc.title = Some(lines[title_at].text);

    // Walk the body, emitting headings and paragraphs.
    let mut section_start = 0usize; // byte where the current section starts
    let mut heading: Option<Span> = None;
    let mut section_blocks = doc.blocks.len();
    let mut para: Option<Span> = None; // paragraph being gathered (soft-wrap mode)

    let mut i = 0;
    while i < body.len() {
        let line = body[i];
        let next = body.get(i + 1);
        let heading_here = match line.kind {
            LineKind::Hash => true,
            LineKind::Text if next.is_some_and(|n| n.kind == LineKind::Underline) => true,
            LineKind::Text => {
                let prev_blank_or_start = i == 0 || body[i - 1].kind == LineKind::Blank || !blank_separated;
                let next_text = body[i + 1..].iter().find(|l| l.kind != LineKind::Blank);
                let next_blankish = !blank_separated || next.is_none_or(|n| n.kind == LineKind::Blank);
                looks_like_heading(line.text.of(text))
                    && prev_blank_or_start
                    && next_blankish
                    && next_text.is_some_and(|n| n.kind == LineKind::Text && is_prose(n.text.of(text)))
            }
            _ => false,
        };
        if heading_here {
            if let Some(p) = para.take() {
                push_block(&mut doc, BlockKind::Paragraph, p);
            }
            let starts_section = line.full.start;
            if doc.blocks.len() > section_blocks || heading.is_some() {
                close_section(&mut doc, heading, section_start, starts_section, section_blocks);
                section_start = starts_section;
            }
            section_blocks = doc.blocks.len();
            heading = Some(line.text);
            push_block(&mut doc, BlockKind::Heading, line.text);
            if next.is_some_and(|n| n.kind == LineKind::Underline) {
                i += 1;
            }
        } else if line.kind == LineKind::Text {
            if blank_separated {
                para = Some(match para {
                    Some(p) => Span::new(p.start, line.text.end),
                    None => line.text,
                });
            } else {
                push_block(&mut doc, BlockKind::Paragraph, line.text);
            }
        } else if let Some(p) = para.take() {
            push_block(&mut doc, BlockKind::Paragraph, p);
        }
        i += 1;
    }
    if let Some(p) = para.take() {
        push_block(&mut doc, BlockKind::Paragraph, p);
    }
    close_section(&mut doc, heading, section_start, text.len(), section_blocks);
    doc
}

fn close_section(doc: &mut Document, heading: Option<Span>, start: usize, end: usize, first_block: usize) {
    doc.sections.push(Section { heading, span: Span::new(start, end), blocks: first_block..doc.blocks.len() });
}

/// Appends a block (its sentences come later: see [`tokenize`]).
fn push_block(doc: &mut Document, kind: BlockKind, span: Span) {
    // The title stands before every section; other blocks belong to the one being gathered.
    let section = (kind != BlockKind::Title).then_some(doc.sections.len());
    doc.blocks.push(Block { kind, span, section, sentences: 0..0 });
}

/// Tokenizes blocks `from..` of `doc` (whose earlier blocks are done) into
/// sentences and tokens, about `max_bytes` of text (whole blocks, at least
/// one); returns the next block to do (`doc.blocks.len()` when all are done).
pub fn tokenize(text: &str, doc: &mut Document, from: usize, max_bytes: usize) -> usize {
    let to = from + super::slice_len(doc.blocks[from.min(doc.blocks.len())..].iter().map(|b| b.span.len()), max_bytes);
    for block in from..to {
        let span = doc.blocks[block].span;
        let first_sentence = doc.sentences.len();
        let first_token = doc.tokens.len();
        tokenize_into(text, span, &mut doc.tokens);
        split_sentences(text, doc, first_token, block);
        doc.blocks[block].sentences = first_sentence..doc.sentences.len();
    }
    to
}

const CLOSERS: &[&str] = &["\"", "'", "\u{201d}", "\u{2019}", ")", "]"];

/// Whether token `k` of `tokens` (a block's) is a ranked-list number: one to
/// three digits at the start of a line, with a dot right after it (`1.`,
/// `12.`), as in `1. Name (Country) 2:03.45`.
fn is_list_number(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = tokens[k].span.of(text);
    let line_start = k == 0 || text[tokens[k - 1].span.end..tokens[k].span.start].contains('\n');
    line_start
        && (1..=3).contains(&t.len())
        && t.bytes().all(|b| b.is_ascii_digit())
        && tokens.get(k + 1).is_some_and(|d| d.span.start == tokens[k].span.end && d.span.of(text) == ".")
}

/// Splits the tokens from `first_token` on into sentences of block `block`.
/// A ranked-list line stays whole: its number's dot ends nothing, and a
/// numbered line inside a block starts a sentence.
fn split_sentences(text: &str, doc: &mut Document, first_token: usize, block: usize) {
    let count = doc.tokens.len() - first_token;
    let mut start = 0;
    let mut i = 0;
    while i < count {
        let t = doc.tokens[first_token + i].span.of(text);
        let tokens = &doc.tokens[first_token..];
        if is_list_number(text, tokens, i) {
            if i > start {
                push_sentence(doc, first_token + start, first_token + i, block);
                start = i;
            }
            i += 2;
            continue;
        }
        if matches!(t, "." | "!" | "?" | "..." | "\u{2026}") {
            let mut end = i + 1;
            while end < count && CLOSERS.contains(&doc.tokens[first_token + end].span.of(text)) {
                end += 1;
            }
            let next_starts = doc.tokens[first_token..].get(end).is_none_or(|n| {
                let c = n.span.of(text).chars().next().unwrap_or(' ');
                c.is_uppercase() || c.is_ascii_digit() || "\"\u{201c}\u{2018}'(".contains(c)
            });
            if next_starts {
                push_sentence(doc, first_token + start, first_token + end, block);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < count {
        push_sentence(doc, first_token + start, first_token + count, block);
    }
}

fn push_sentence(doc: &mut Document, from: usize, to: usize, block: usize) {
    let span = Span::new(doc.tokens[from].span.start, doc.tokens[to - 1].span.end);
    doc.sentences.push(Sentence { span, tokens: from..to, block });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings<'t>(text: &'t str, doc: &Document) -> Vec<Option<&'t str>> {
        doc.sections.iter().map(|s| s.heading.map(|h| h.of(text))).collect()
    }

    fn paragraphs<'t>(text: &'t str, doc: &Document) -> Vec<&'t str> {
        doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).map(|b| b.span.of(text)).collect()
    }

    #[test]
    fn sections_are_named_by_heading_or_introduction_and_paragraphs_are_placed() {
        let text = "Title\n\nLede one.\n\nLede two.\n\n## Money\n\nCosts rose.\n";
        let doc = parse(text);
        assert_eq!(doc.section_name(0, text), "Introduction");
        assert_eq!(doc.section_name(1, text), "Money");
        assert_eq!(doc.section_name(9, text), "Introduction", "a section that is not there");
        let places: Vec<_> = (0..doc.blocks.len()).map(|b| doc.paragraph_position(b)).collect();
        // Title, two lede paragraphs, the heading (placed before its first paragraph), one paragraph.
        assert_eq!(places, [None, Some((0, 0)), Some((0, 1)), Some((1, 0)), Some((1, 0))]);
    }

    #[test]
    fn empty_and_blank_texts_give_empty_documents() {
        for text in ["", "\n\n\n", "\u{feff}", "  \t \r\n"] {
            let doc = parse(text);
            assert_eq!(doc.title, None);
            assert!(doc.sections.is_empty());
        }
    }

    #[test]
    fn title_only() {
        let doc = parse("\u{feff}Just a title\r\n");
        assert_eq!(doc.title.unwrap().of("\u{feff}Just a title\r\n"), "Just a title");
        assert_eq!(doc.sections.len(), 1);
        assert!(doc.paragraphs(0).next().is_none());
    }

    #[test]
    fn crlf_bom_and_tabs_are_not_part_of_spans() {
        let text = "\u{feff}Title here\r\n\r\n\tFirst para one.\r\n\r\n# Next part\r\n\r\nSecond para.\r\n";
        let doc = parse(text);
        assert_eq!(doc.title.unwrap().of(text), "Title here");
        assert_eq!(paragraphs(text, &doc), ["First para one.", "Second para."]);
        assert_eq!(headings(text, &doc), [None, Some("Next part")]);
    }

    #[test]
    fn markdown_and_setext_headings() {
        let text = "# The Title\n\nLede text.\n\n## One ##\n\nBody one.\n\nTwo\n---\n\nBody two.\n";
        let doc = parse(text);
        assert_eq!(doc.title.unwrap().of(text), "The Title");
        assert_eq!(headings(text, &doc), [None, Some("One"), Some("Two")]);
    }

    #[test]
    fn a_line_per_paragraph_keeps_its_headings_despite_an_odd_blank_line() {
        // Two copies of a one-paragraph-per-line article, pasted with a blank line between them.
        let one = "Context: the border\nOfficials met on Monday to discuss the crossing.\nThey agreed on new rules.\n";
        let text = format!("Title\nA first paragraph of the lede ends here.\n{one}\n{one}");
        let doc = parse(&text);
        assert_eq!(headings(&text, &doc), [None, Some("Context: the border"), Some("Context: the border")]);
        assert_eq!(paragraphs(&text, &doc).len(), 5, "{:?}", paragraphs(&text, &doc));
    }

    #[test]
    fn soft_wrapped_paragraphs_join_and_blank_runs_collapse() {
        let text = "Title\n\nThis paragraph is wrapped\nover two lines.\n\n\n\n\nAnother one.\n";
        let doc = parse(text);
        assert_eq!(paragraphs(text, &doc), ["This paragraph is wrapped\nover two lines.", "Another one."]);
        assert_eq!(doc.sections.len(), 1);
    }

    #[test]
    fn plain_short_lines_between_paragraphs_are_headings() {
        let text = "Storm hits coast\nHeavy rain fell on Monday across the region, officials said.\nWhat comes next\nForecasters expect more rain this week.\nBy the numbers, it was wet\n";
        let doc = parse(text);
        assert_eq!(headings(text, &doc), [None, Some("What comes next")]);
        // A last short line with no paragraph after it is not a heading.
        assert_eq!(paragraphs(text, &doc).last(), Some(&"By the numbers, it was wet"));
    }

    #[test]
    fn bylines_and_list_items_are_not_headings() {
        let text = "Title\n\nBy Jane Doe\n\nThe story begins here, as stories do.\n\n- a list item\n\nMore prose follows here.\n";
        let doc = parse(text);
        assert_eq!(doc.sections.len(), 1);
    }

    #[test]
    fn sections_cover_the_text_in_order() {
        let text = "T\n\nA para.\n\n# H1\n\nB para.\n\n# H2\n\nC para.\n";
        let doc = parse(text);
        assert_eq!(doc.sections.first().unwrap().span.start, 0);
        assert_eq!(doc.sections.last().unwrap().span.end, text.len());
        for w in doc.sections.windows(2) {
            assert_eq!(w[0].span.end, w[1].span.start);
        }
        assert_eq!(doc.section_at(text.find("C para").unwrap()), Some(2));
    }

    #[test]
    fn sentences_split_on_final_punctuation_not_abbreviations() {
        let text = "T\n\nMr. Smith went to Washington. He said “No.” Then he left! Was it 3.5 p.m.? Yes.\n";
        let doc = parse(text);
        let sents: Vec<&str> = doc.sentences.iter().skip(1).map(|s| s.span.of(text)).collect();
        assert_eq!(
            sents,
            ["Mr. Smith went to Washington.", "He said “No.”", "Then he left!", "Was it 3.5 p.m.?", "Yes."]
        );
    }

    /// The sentences of `text` after its title.
    fn sentences(text: &str) -> Vec<&str> {
        parse(text).sentences.iter().skip(1).map(|s| s.span.of(text)).collect()
    }

    #[test]
    fn a_ranked_list_line_is_one_sentence() {
        let text = "T\n\n1. Ann Lee (Kenya) 2:03.45\n2. Bo Ek (Sweden) 2:04.10\n3. Red Lions 45 points\n";
        assert_eq!(
            sentences(text),
            ["1. Ann Lee (Kenya) 2:03.45", "2. Bo Ek (Sweden) 2:04.10", "3. Red Lions 45 points"]
        );
        // Wrapped into one paragraph, each numbered line still starts a sentence.
        let text = "T\n\nResults:\n1. Ann Lee (Kenya) 2:03.45\n2. Bo Ek (Sweden) 2:04.10\n\nThe end came. Next.\n";
        let want = ["Results:", "1. Ann Lee (Kenya) 2:03.45", "2. Bo Ek (Sweden) 2:04.10", "The end came.", "Next."];
        assert_eq!(sentences(text), want);
    }

    #[test]
    fn a_number_ending_a_sentence_still_ends_it() {
        // A wrapped paragraph (the blank line before "More." says so) with a year after a break.
        let text = "T\n\nThe score was 3. Then Kenya won in\n1996. Ann Lee left at 12. Bo stayed.\n\nMore.\n";
        let want = ["The score was 3.", "Then Kenya won in\n1996.", "Ann Lee left at 12.", "Bo stayed.", "More."];
        assert_eq!(sentences(text), want);
    }

    #[test]
    fn headings_with_no_lede_start_at_zero() {
        let text = "Title\n\n## First\n\nText.\n";
        let doc = parse(text);
        assert_eq!(headings(text, &doc), [Some("First")]);
        assert_eq!(doc.sections[0].span.start, 0);
    }
}
