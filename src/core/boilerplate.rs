//! Wire boilerplate: the parts of a news text that name its makers, not
//! what it is about. [`entities`](super::entities) drops the model's
//! mentions inside them and never spreads a name into them.
//!
//! - The agency of a dateline, `PARIS (Reuters) -` or `WASHINGTON, Dec. 3
//!   (AP) —`: the agency is who wrote the story, not an organisation in it
//!   (the city stays: a reader expects the place the story is filed from).
//!   "Reuters" named in the text itself ("told Reuters") is still a mention.
//! - Credits: `Reporting by X; Editing by Y`, `(Writing by X)`, `Photo:
//!   X/Getty Images`, `Copyright 2026 …`, and a short byline line `By Jane
//!   Doe`: the credited staff are not the article's people.
//!
//! The city of a dateline (`SAN FRANCISCO -`, `PARIS (Reuters) -`) is a
//! place whatever the model made of it ([`dateline_place`]).
//!
//! Also: month and weekday names and their abbreviations ("Dec", "Jan.",
//! "Mon"), which are never names on their own.
//!
//! The rules read the shape of the text (where a line starts, parentheses,
//! a dash after them), not lists of agencies or people.

use super::parse::{Block, BlockKind, Document};
use std::ops::Range;

/// Month and weekday names and their usual abbreviations, lowercase.
const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Whether `word` is a month or weekday name or abbreviation, in any case,
/// with or without a final dot: "December", "Dec", "Jan.", "MON".
pub fn is_date_word(word: &str) -> bool {
    let w = word.strip_suffix('.').unwrap_or(word);
    DATE_WORDS.iter().any(|d| d.eq_ignore_ascii_case(w))
}

/// Words that open a credit when "by" follows: "Reporting by", "Additional
/// reporting by", "Photographs by".
const CREDITED_WORK: &[&str] = &[
    "reporting",
    "additional",
    "writing",
    "editing",
    "compiled",
    "compiling",
    "written",
    "edited",
    "photos",
    "photographs",
    "photography",
    "pictures",
    "graphics",
    "illustration",
    "illustrations",
    "research",
    "translation",
    "production",
    "video",
];

/// Words that open a credit when ":" follows: "Photo: X/Getty Images".
const CREDIT_LABELS: &[&str] = &[
    "photo",
    "photos",
    "photograph",
    "picture",
    "pictures",
    "image",
    "images",
    "credit",
    "credits",
    "illustration",
    "graphic",
    "video",
    "source",
];

fn is_dash(tok: &str) -> bool {
    matches!(tok, "-" | "--" | "\u{2014}" | "\u{2013}")
}

fn is_capitalised(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_uppercase)
}

fn is_number(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn in_list(list: &[&str], tok: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(tok))
}

/// The token ranges of `doc` that are wire boilerplate (see the module
/// docs), in text order.
pub fn spans(text: &str, doc: &Document) -> Vec<Range<usize>> {
    let tok = |i: usize| doc.tokens[i].span.of(text);
    let mut out: Vec<Range<usize>> = Vec::new();
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        let sentences = &doc.sentences[block.sentences.clone()];
        let Some(Range { start, end }) = tokens_of(doc, block) else { continue };
        // A byline line: "By Jane Doe and John Roe", short, not a sentence.
        let words = block.span.of(text).split_whitespace().count();
        if tok(start) == "By"
            && words <= 12
            && (start + 1..end).any(|i| is_capitalised(tok(i)))
            && !block.span.of(text).trim_end().ends_with(['.', '!', '?'])
        {
            out.push(start..end);
            continue;
        }
        if let Some(agency) = dateline_agency(&tok, start..end) {
            out.push(agency);
        }
        for s in sentences {
            let mut i = s.tokens.start;
            while i < s.tokens.end {
                let after_paren = i > start && tok(i - 1) == "(";
                let opens = i == s.tokens.start || after_paren || matches!(tok(i - 1), ";" | "|");
                let credit_end = opens.then(|| credit_at(&tok, i, end, after_paren)).flatten();
                match credit_end {
                    Some(stop) => {
                        out.push(i - after_paren as usize..stop);
                        i = stop;
                    }
                    None => i += 1,
                }
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The token range of `doc` that is the city of its dateline: the first
/// paragraph (where a story's dateline stands) opening with one to four
/// ALL-CAPS words followed by a dash, or by a comma or an opening
/// parenthesis and then, within the paragraph's first twelve tokens, a dash
/// with only capitalised words, numbers and punctuation before it
/// (`SAN FRANCISCO -`, `PARIS (Reuters) -`, `WASHINGTON, Dec. 3 (AP) —`).
pub fn dateline_place(text: &str, doc: &Document) -> Option<Range<usize>> {
    let tok = |i: usize| doc.tokens[i].span.of(text);
    let first = doc.blocks.iter().find(|b| b.kind == BlockKind::Paragraph && !b.sentences.is_empty())?;
    place_before_dash(&tok, tokens_of(doc, first)?)
}

/// The tokens of `block`'s sentences (none if it has no sentence).
fn tokens_of(doc: &Document, block: &Block) -> Option<Range<usize>> {
    let sentences = &doc.sentences[block.sentences.clone()];
    Some(sentences.first()?.tokens.start..sentences.last()?.tokens.end)
}

/// A word of two letters or more, every letter a capital (`FRANCISCO`, `ST.`).
fn is_all_caps_word(tok: &str) -> bool {
    tok.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && tok.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '.' | '\''))
}

fn place_before_dash<'t>(tok: &impl Fn(usize) -> &'t str, block: Range<usize>) -> Option<Range<usize>> {
    let head = block.start..block.end.min(block.start + 12);
    let place_end = head.clone().find(|&i| !is_all_caps_word(tok(i)))?;
    if place_end == block.start || place_end - block.start > 4 {
        return None;
    }
    let dash = (place_end..head.end).find(|&i| is_dash(tok(i)))?;
    let between_ok = dash == place_end
        || (matches!(tok(place_end), "," | "(")
            && (place_end..dash).all(|i| {
                let t = tok(i);
                is_capitalised(t) || is_number(t) || matches!(t, "," | "." | "(" | ")" | "/" | "&")
            }));
    (between_ok && dash + 1 < block.end).then_some(block.start..place_end)
}

/// `CITY[, Region][, Dec. 3] (AGENCY) -` at the start of `block`: the tokens
/// from `(` to `)`.
fn dateline_agency<'t>(tok: &impl Fn(usize) -> &'t str, block: Range<usize>) -> Option<Range<usize>> {
    let head = block.start..block.end.min(block.start + 12);
    let open = head.clone().find(|&i| tok(i) == "(")?;
    let close = (open + 1..head.end).find(|&i| tok(i) == ")")?;
    let place_ok = open > block.start
        && is_capitalised(tok(block.start))
        && (block.start..open).all(|i| {
            let t = tok(i);
            is_capitalised(t) || is_number(t) || matches!(t, "," | "." | "/")
        });
    let agency_ok = (2..=4).contains(&(close - open))
        && (open + 1..close).all(|i| is_capitalised(tok(i)) || matches!(tok(i), "&" | "-" | "/" | "."));
    let dash_after = close + 1 < block.end && is_dash(tok(close + 1));
    (place_ok && agency_ok && dash_after).then_some(open..close + 1)
}

/// A credit starting at token `i` ("Reporting by …", "Photo: …"): where it
/// ends, at the closing parenthesis when it opened one, else at `block_end`.
fn credit_at<'t>(tok: &impl Fn(usize) -> &'t str, i: usize, block_end: usize, in_paren: bool) -> Option<usize> {
    let t = tok(i);
    if !is_capitalised(t) {
        return None;
    }
    let next = |k: usize| (i + k < block_end).then(|| tok(i + k));
    let by_follows = next(1).is_some_and(|n| n.eq_ignore_ascii_case("by"))
        || (t.eq_ignore_ascii_case("additional") && next(2).is_some_and(|n| n.eq_ignore_ascii_case("by")));
    let opens = (in_list(CREDITED_WORK, t) && by_follows)
        || (in_list(CREDIT_LABELS, t) && next(1) == Some(":"))
        || t == "\u{a9}"
        || (t.eq_ignore_ascii_case("copyright") && next(1).is_some_and(|n| is_number(n) || n == "\u{a9}"));
    if !opens {
        return None;
    }
    if in_paren {
        let close = (i..block_end).find(|&k| tok(k) == ")").unwrap_or(block_end);
        return Some((close + 1).min(block_end));
    }
    Some(block_end)
}

/// Whether token range `r` overlaps one of `spans` (apart, in order, as
/// [`spans`] gives them).
pub fn overlaps(spans: &[Range<usize>], r: &Range<usize>) -> bool {
    let k = spans.partition_point(|s| s.start < r.end);
    k > 0 && spans[k - 1].end > r.start
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The boilerplate of `text` as text.
    fn found(text: &str) -> Vec<String> {
        let doc = crate::core::parse::parse(text);
        spans(text, &doc)
            .into_iter()
            .map(|r| text[doc.tokens[r.start].span.start..doc.tokens[r.end - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn month_and_weekday_names_and_abbreviations_are_date_words() {
        for w in ["December", "Dec", "Jan.", "SEPT", "Mon", "thursday", "May"] {
            assert!(is_date_word(w), "{w}");
        }
        for w in ["Decker", "Monet", "Paris", "Ma", ""] {
            assert!(!is_date_word(w), "{w}");
        }
    }

    #[test]
    fn a_datelines_agency_is_boilerplate_and_its_city_is_not() {
        assert_eq!(found("T\n\nPARIS (Reuters) - France said no.\n"), ["(Reuters)"]);
        assert_eq!(found("T\n\nWASHINGTON, Dec. 3 (AP) \u{2014} The vote failed.\n"), ["(AP)"]);
        assert_eq!(
            found("T\n\nNEW YORK, Jan 5 (Thomson Reuters Foundation) -- It rained.\n"),
            ["(Thomson Reuters Foundation)"]
        );
    }

    #[test]
    fn a_datelines_city_is_found_with_or_without_an_agency() {
        let places = |text: &str| {
            let doc = crate::core::parse::parse(text);
            dateline_place(text, &doc)
                .into_iter()
                .map(|r| text[doc.tokens[r.start].span.start..doc.tokens[r.end - 1].span.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(places("T\n\nSAN FRANCISCO - Shares of Nvidia rose.\n"), ["SAN FRANCISCO"]);
        assert_eq!(places("T\n\nPARIS (Reuters) - France said no.\n"), ["PARIS"]);
        assert_eq!(places("T\n\nWASHINGTON, Dec. 3 (AP) \u{2014} The vote failed.\n"), ["WASHINGTON"]);
        for text in [
            "T\n\nUPDATE 1 - Shares rose.\n",                    // a wire slug with its number
            "T\n\nParis - the city of light - is calm.\n",       // not in capitals
            "T\n\nLONDON 1996-08-30\n\nIt rained.\n",            // CoNLL's datelines have no dash
            "T\n\nTHE VERY LONG SHOUTED HEADLINE WORDS - no.\n", // more than four words
            "T\n\nSAN FRANCISCO -\n",                            // nothing after the dash
            "T\n\nIt rained.\n\nSAN FRANCISCO - Shares rose.\n", // not the first paragraph
        ] {
            assert!(places(text).is_empty(), "{text:?}: {:?}", places(text));
        }
    }

    #[test]
    fn prose_with_parentheses_or_credit_words_is_not_boilerplate() {
        for text in [
            // Parentheses that are no dateline.
            "T\n\nThe Syrian Democratic Forces (SDF) advanced.\n",
            "T\n\nHe said (Reuters) - no.\n",
            "T\n\nParis (France) is big.\n",
            "T\n\nAt Headingley (Leeds): Yorkshire 290.\n",
            // Credit words in prose.
            "T\n\nThe reporting by Jane Doe won a prize.\n",
            "T\n\nBy Friday the vote had failed.\n",
            "T\n\nHe showed a photo: it was blurred.\n",
        ] {
            assert!(found(text).is_empty(), "{text:?}: {:?}", found(text));
        }
    }

    #[test]
    fn credits_and_bylines_are_boilerplate_to_their_end() {
        assert_eq!(
            found("T\n\nIt ended.\n\nReporting by Jane Doe in Kabul; Editing by John Roe\n"),
            ["Reporting by Jane Doe in Kabul; Editing by John Roe"]
        );
        assert_eq!(
            found("T\n\nIt ended. (Writing by Ann Lee; editing by Bo Ek)\n"),
            ["(Writing by Ann Lee; editing by Bo Ek)"]
        );
        assert_eq!(found("T\n\nCrowds in Rome. Photo: Ann Lee/Getty Images\n"), ["Photo: Ann Lee/Getty Images"]);
        assert_eq!(found("T\n\nBy Jane Doe and John Roe\n\nThe vote failed.\n"), ["By Jane Doe and John Roe"]);
        assert_eq!(found("T\n\nIt ended.\n\nCopyright 2026 Example News\n"), ["Copyright 2026 Example News"]);
    }

    #[test]
    fn overlap_is_any_shared_token() {
        let spans = [2..4, 10..12];
        assert!(overlaps(&spans, &(3..5)) && overlaps(&spans, &(0..3)) && overlaps(&spans, &(11..20)));
        assert!(!overlaps(&spans, &(4..10)) && !overlaps(&spans, &(0..2)) && !overlaps(&spans, &(12..13)));
    }
}
