//! Quotes: direct quotations and who said them.
//!
//! A quotation is text between matching quotation marks (“…”, "…", «…», „…“)
//! inside one paragraph. Its speaker is found, in order of trust, from:
//! - a cue after it: `“…,” Keller said`, `“…,” said Keller`, `“…,” the minister said`;
//! - a cue before it in the same sentence: `Keller said: “…”`,
//!   `Keller dismissed the claims as “…”`, `Keller’s assertion that “…”`,
//!   `according to Keller, “…”`;
//! - a pronoun cue (`he said`) or a role (`the defence minister`), which stands
//!   for the person last named, or the person who holds that role.
//!
//! A quote whose speaker cannot be told has `speaker: None`; nothing is guessed
//! from outside its paragraph.

use super::entities::{Entities, EntityKind};
use super::fold::fold;
use super::parse::{BlockKind, Document};
use super::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// Index into [`Entities::entities`] of the speaker, if known.
    #[serde(skip)]
    pub speaker: Option<usize>,
    /// The paragraph it stands in.
    #[serde(skip)]
    pub block: usize,
}

/// Verbs and nouns that introduce speech.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "argued",
    "argues",
    "insisted",
    "insists",
    "warned",
    "warns",
    "claimed",
    "claims",
    "declared",
    "declares",
    "dismissed",
    "dismisses",
    "described",
    "describes",
    "called",
    "calls",
    "noted",
    "notes",
    "explained",
    "explains",
    "asked",
    "asks",
    "replied",
    "replies",
    "wrote",
    "writes",
    "announced",
    "announces",
    "vowed",
    "vows",
    "reiterated",
    "reiterates",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "stressed",
    "stresses",
    "underscored",
    "underscores",
    "urged",
    "urges",
    "promised",
    "promises",
    "pledged",
    "pledges",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "denied",
    "denies",
    "labelled",
    "labeled",
    "branded",
    "termed",
    "assertion",
    "statement",
    "remarks",
    "remark",
    "words",
    "comments",
    "comment",
    "speech",
    "interview",
    "tweet",
    "post",
    "message",
    "according",
    "asserted",
    "asserts",
    "suggested",
    "suggests",
    "concluded",
    "continued",
    "recalled",
    "predicted",
    "pointed",
    "observed",
    "confirmed",
];

const PRONOUNS: &[&str] = &["he", "she", "they"];

/// American and British spellings that mean the same role word.
fn same_role_word(a: &str, b: &str) -> bool {
    let norm = |w: &str| w.replace("ence", "ense").replace("our", "or").replace("isation", "ization");
    a == b || norm(a) == norm(b)
}

fn is_open(c: char) -> bool {
    matches!(c, '\u{201c}' | '\u{ab}' | '\u{201e}')
}

fn closer_of(c: char) -> Option<char> {
    match c {
        '\u{201c}' => Some('\u{201d}'),
        '\u{ab}' => Some('\u{bb}'),
        '\u{201e}' => Some('\u{201c}'),
        '"' => Some('"'),
        _ => None,
    }
}

/// Quotation spans in `s` (offsets relative to `s`), marks excluded.
fn quotation_spans(s: &str) -> Vec<(usize, usize, usize, usize)> {
    // (open mark start, inner start, inner end, close mark end)
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !(is_open(c) || c == '"') {
            continue;
        }
        let close = closer_of(c).unwrap();
        let inner = i + c.len_utf8();
        // The matching closer; a straight quote closes at the next straight quote.
        if let Some(rel) = s[inner..].find(close) {
            let end = inner + rel;
            let words = s[inner..end].split_whitespace().count();
            if words >= 1 && !s[inner..end].trim().is_empty() {
                out.push((i, inner, end, end + close.len_utf8()));
            }
            while iter.peek().is_some_and(|&(j, _)| j < end + close.len_utf8()) {
                iter.next();
            }
        }
    }
    out
}

/// Finds the quotations of `doc` and their speakers.
pub fn find(text: &str, doc: &Document, entities: &Entities) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let is_person = |e: usize| entities.entities[e].kind == EntityKind::Person;
    // The person last named before a byte offset, across the article so far.
    let last_person_before = |at: usize| {
        let i = entities.mentions.partition_point(|m| m.span.start < at);
        entities.mentions[..i].iter().rev().find(|m| is_person(m.entity)).map(|m| m.entity)
    };
    // A role phrase ("the defence minister") that names one person's role.
    let person_by_role = |words: &[String]| -> Option<usize> {
        let holders: Vec<usize> = (0..entities.entities.len())
            .filter(|&e| is_person(e))
            .filter(|&e| {
                entities.entities[e].roles.iter().any(|r| {
                    let rw: Vec<String> = r.split_whitespace().map(fold).collect();
                    rw.len() <= words.len()
                        && rw.iter().zip(&words[words.len() - rw.len()..]).all(|(a, b)| same_role_word(a, b))
                })
            })
            .collect();
        (holders.len() == 1).then(|| holders[0])
    };

    for (b, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let s = block.span.of(text);
        let tokens = &doc.tokens[doc.sentences[block.sentences.clone()].first().map_or(0, |x| x.tokens.start)
            ..doc.sentences[block.sentences.clone()].last().map_or(0, |x| x.tokens.end)];
        let words_between = |from: usize, to: usize| -> Vec<String> {
            tokens.iter().filter(|t| t.span.start >= from && t.span.end <= to).map(|t| fold(t.span.of(text))).collect()
        };
        let mentions_in = |from: usize, to: usize| {
            let lo = entities.mentions.partition_point(|m| m.span.start < from);
            entities.mentions[lo..].iter().take_while(move |m| m.span.end <= to)
        };
        for (open, inner, end, close) in quotation_spans(s) {
            let (open, inner, end, close) =
                (block.span.start + open, block.span.start + inner, block.span.start + end, block.span.start + close);
            let sentence_of = |at: usize| {
                doc.sentences[block.sentences.clone()]
                    .iter()
                    .find(|x| x.span.start <= at && at < x.span.end.max(x.span.start + 1))
            };
            let sent_start = sentence_of(open).map_or(block.span.start, |x| x.span.start);
            // The clause after the quote: to the end of its sentence.
            let after_end = sentence_of(close.min(block.span.end.saturating_sub(1)))
                .map_or(block.span.end, |x| x.span.end)
                .max(close);
            let after_end = after_end.min(block.span.end);
            let mut speaker = None;

            // 1. A cue right after: up to the first speech word, at most 6 words on.
            let after = words_between(close, after_end);
            if let Some(v) = after.iter().take(7).position(|w| SPEECH.contains(&w.as_str())) {
                // A person named within the cue: before the verb, or just after it.
                speaker = mentions_in(close, after_end)
                    .find(|m| is_person(m.entity))
                    .filter(|m| words_between(close, m.span.start).len() <= v + 3)
                    .map(|m| m.entity);
                let named = |ws: &[String]| -> Vec<String> {
                    ws.iter().filter(|w| w.chars().any(char::is_alphanumeric)).cloned().collect()
                };
                // Otherwise a pronoun or a role: "he said", "said the minister".
                for phrase in [named(&after[..v]), named(&after[v + 1..after.len().min(v + 5)])] {
                    if speaker.is_some() {
                        break;
                    }
                    if phrase.len() == 1 && PRONOUNS.contains(&phrase[0].as_str()) {
                        speaker = last_person_before(open);
                    } else if phrase.first().is_some_and(|w| w == "the") {
                        speaker = person_by_role(&phrase[1..]);
                    }
                }
            }
            // 2. A cue before it in the same sentence: the last person named
            //    before the quote, with a speech word between them.
            if speaker.is_none() {
                let before_mentions: Vec<_> = mentions_in(sent_start, open).filter(|m| is_person(m.entity)).collect();
                if let Some(m) = before_mentions.last() {
                    let between = words_between(m.span.end, open);
                    if between.iter().any(|w| SPEECH.contains(&w.as_str())) || between.last().is_some_and(|w| w == ":")
                    {
                        speaker = Some(m.entity);
                    }
                } else {
                    let before = words_between(sent_start, open);
                    if let Some(v) = before.iter().position(|w| SPEECH.contains(&w.as_str())) {
                        let subject = &before[..v];
                        if subject.last().is_some_and(|w| PRONOUNS.contains(&w.as_str())) {
                            speaker = last_person_before(open);
                        } else if let Some(the) = subject.iter().rposition(|w| w == "the") {
                            speaker = person_by_role(&subject[the + 1..]);
                        }
                    }
                }
            }
            quotes.push(Quote { span: Span::new(inner, end), speaker, block: b });
        }
    }
    quotes
}

#[cfg(test)]
mod tests {
    use crate::core::Analysis;

    fn speakers(text: &str) -> Vec<(String, Option<String>)> {
        let a = Analysis::new(text);
        a.quotes
            .iter()
            .map(|q| (a.slice(q.span).to_string(), q.speaker.map(|e| a.entities.entities[e].name.clone())))
            .collect()
    }

    #[test]
    fn cue_after_the_quote() {
        let got = speakers("Title\n\nThe mayor spoke. “We will rebuild,” Maria Keller said on Monday.\n");
        assert_eq!(got, [("We will rebuild,".into(), Some("Maria Keller".into()))]);
        let got = speakers("Title\n\nThe council met. \"It is over,\" said John Smith, who chairs it.\n");
        assert_eq!(got, [("It is over,".into(), Some("John Smith".into()))]);
    }

    #[test]
    fn cue_before_the_quote_and_pronouns() {
        let text = "Title\n\nPrime Minister Ana Lopes arrived in Madrid. She said: “Spain stands ready.” Later she added that aid was “on its way”.\n";
        let got = speakers(text);
        assert_eq!(got[0], ("Spain stands ready.".into(), Some("Ana Lopes".into())));
        assert_eq!(got[1], ("on its way".into(), Some("Ana Lopes".into())));
    }

    #[test]
    fn a_role_stands_for_the_person_who_holds_it() {
        let text =
            "Title\n\nDefence Minister Tom Berg visited Oslo.\n\nThe plan is “final”, the defense minister said.\n";
        let got = speakers(text);
        assert_eq!(got, [("final".into(), Some("Tom Berg".into()))]);
    }

    #[test]
    fn unattributed_quotes_have_no_speaker() {
        let got = speakers("Title\n\nThe so-called “peace plan” was never published.\n");
        assert_eq!(got, [("peace plan".into(), None)]);
    }
}
