//! Folding: the one place that decides when two pieces of text "mean the
//! same" for search and name matching. It lowercases, strips accents from
//! Latin letters, turns curly quotes and apostrophes into straight ones, and
//! dashes into `-`.
//!
//! [`Folded`] keeps a map from every folded byte back to the original text,
//! so a hit found in folded text becomes a [`Span`] of the original.

use super::span::Span;

/// Latin letters U+0100..=U+017F without their marks, one letter each.
const LATIN_EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// What `c` folds to, pushed onto `out`.
fn push_folded(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\u{0}'..='\u{7f}' => out.push(c),
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{b4}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' => out.push(' '),
        '\u{300}'..='\u{36f}' | '\u{200b}'..='\u{200d}' | '\u{feff}' | '\u{ad}' => {} // marks, zero-width, BOM, soft hyphen
        '\u{c6}' | '\u{e6}' => out.push_str("ae"),
        '\u{df}' => out.push_str("ss"),
        '\u{de}' | '\u{fe}' => out.push_str("th"),
        '\u{c0}'..='\u{ff}' => {
            let lower = (c as u32 | 0x20) as u8; // Latin-1 capitals are 0x20 below their small letters
            out.push(match lower {
                0xe0..=0xe5 => 'a',
                0xe7 => 'c',
                0xe8..=0xeb => 'e',
                0xec..=0xef => 'i',
                0xf0 => 'd',
                0xf1 => 'n',
                0xf2..=0xf6 | 0xf8 => 'o',
                0xf9..=0xfc => 'u',
                0xfd | 0xff => 'y',
                _ => c, // × and ÷
            })
        }
        '\u{100}'..='\u{17f}' => out.push(LATIN_EXTENDED_A[c as usize - 0x100] as char),
        _ => out.extend(c.to_lowercase()),
    }
}

/// `s` folded, without a map back.
///
/// ```
/// # use article_explorer::core::fold::fold;
/// assert_eq!(fold("Kabul’s “Café” — Ünal"), "kabul's \"cafe\" - unal");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Folded text with a map from each of its bytes back to the original.
///
/// ASCII folds byte for byte, so the map only records anchors: where each
/// folded part begins, and every non-ASCII char (which may fold to more,
/// fewer or other bytes: `’` to `'`, `ß` to `ss`, a combining mark to
/// nothing). Between anchors the mapping is the identity. News text is
/// nearly all ASCII, so this costs a few bytes per curly quote instead of
/// four bytes per byte of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    anchors: Vec<Anchor>,
}

/// Folded bytes `folded..folded + folded_len` come from original bytes
/// `original..original + original_len`, as one unit; after them the
/// mapping is the identity until the next anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    folded: u32,
    original: u32,
    folded_len: u32,
    original_len: u32,
}

impl Folded {
    /// Folds the parts of `text` under `spans`, in order, joining them with
    /// a newline so that no match runs from one part into the next.
    pub fn of_spans(text: &str, spans: impl IntoIterator<Item = Span>) -> Folded {
        let mut folded = Folded::default();
        for span in spans {
            if !folded.text.is_empty() {
                folded.text.push('\n');
            }
            folded.anchor(span.start, 0, 0);
            for (i, c) in span.of(text).char_indices() {
                if c.is_ascii() {
                    folded.text.push(c.to_ascii_lowercase());
                } else {
                    let before = folded.text.len();
                    push_folded(c, &mut folded.text);
                    folded.anchors.push(Anchor {
                        folded: before as u32,
                        original: (span.start + i) as u32,
                        folded_len: (folded.text.len() - before) as u32,
                        original_len: c.len_utf8() as u32,
                    });
                }
            }
        }
        folded
    }

    fn anchor(&mut self, original: usize, folded_len: u32, original_len: u32) {
        let folded = self.text.len() as u32;
        self.anchors.push(Anchor { folded, original: original as u32, folded_len, original_len });
    }

    /// The original bytes of the char that folded byte `at` came from.
    fn locate(&self, at: usize) -> (usize, usize) {
        self.locate_after(self.anchors.partition_point(|a| a.folded as usize <= at), at)
    }

    /// [`Folded::locate`], given `i`, the number of anchors at or before `at`.
    fn locate_after(&self, i: usize, at: usize) -> (usize, usize) {
        let Some(a) = i.checked_sub(1).map(|i| self.anchors[i]) else { return (at, at + 1) };
        let rel = at - a.folded as usize;
        if rel < a.folded_len as usize {
            (a.original as usize, (a.original + a.original_len) as usize)
        } else {
            let o = (a.original + a.original_len) as usize + rel - a.folded_len as usize;
            (o, o + 1)
        }
    }

    /// The original span that folded bytes `start..end` came from; a match
    /// that begins or ends inside a folded char covers all of that char.
    pub fn original(&self, start: usize, end: usize) -> Span {
        Span::new(self.locate(start).0, self.locate(end.max(start + 1) - 1).1)
    }

    /// Whether `term` (folded) occurs: what [`Folded::find_all`] would find at least once.
    pub fn contains(&self, term: &str) -> bool {
        match term.as_bytes() {
            &[b] if b.is_ascii() => self.text.contains(b as char),
            _ => self.text.contains(term),
        }
    }

    /// Every match of `term` (folded) as an original span, in order, appended to `out`.
    /// Matches come in increasing order, so the anchors are walked once, not searched
    /// for each match; a one-byte term is found byte by byte (`memchr`), not by the
    /// general substring search: the commonest query while typing, with the most hits.
    pub fn find_all(&self, term: &str, out: &mut Vec<Span>) {
        let mut i = 0;
        let mut map = |start: usize, end: usize| {
            while i < self.anchors.len() && self.anchors[i].folded as usize <= start {
                i += 1;
            }
            let last = end.max(start + 1) - 1;
            let mut j = i;
            while j < self.anchors.len() && self.anchors[j].folded as usize <= last {
                j += 1;
            }
            Span::new(self.locate_after(i, start).0, self.locate_after(j, last).1)
        };
        match term.as_bytes() {
            &[b] if b.is_ascii() => {
                out.extend(self.text.match_indices(b as char).map(|(at, _)| map(at, at + 1)));
            }
            _ => out.extend(self.text.match_indices(term).map(|(at, m)| map(at, at + m.len()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_quotes_and_dashes() {
        assert_eq!(fold("ÉCOLE Straße Łódź"), "ecole strasse lodz");
        assert_eq!(fold("‘it’s’ “so” — yes–no"), "'it's' \"so\" - yes-no");
        assert_eq!(fold("Ελλάδα"), "ελλάδα");
    }

    #[test]
    fn find_all_maps_every_match_like_original() {
        let text = "Straße, Größe; SS ß Café s — ſs\nstraße";
        let cut = text.find("SS").unwrap();
        let f = Folded::of_spans(text, [Span::new(0, cut), Span::new(cut, text.len())]);
        for term in ["s", "ss", "e", "caf", "strasse", "-", "x"] {
            let mut found = Vec::new();
            f.find_all(term, &mut found);
            let want: Vec<Span> = f.text.match_indices(term).map(|(at, m)| f.original(at, at + m.len())).collect();
            assert_eq!(found, want, "{term:?}");
            assert_eq!(f.contains(term), !want.is_empty(), "{term:?}");
        }
    }

    #[test]
    fn maps_folded_hits_back_to_original_bytes() {
        let text = "Title\nCafé “Größe” here";
        let part = Span::new(6, text.len());
        let f = Folded::of_spans(text, [Span::new(0, 5), part]);
        let at = f.text.find("grosse").unwrap();
        let span = f.original(at, at + "grosse".len());
        assert_eq!(span.of(text), "Größe");
        let at = f.text.find("cafe").unwrap();
        assert_eq!(f.original(at, at + 4).of(text), "Café");
        let at = f.text.find("\"").unwrap();
        assert_eq!(f.original(at, at + 1).of(text), "“");
    }

    #[test]
    fn every_match_maps_to_the_original_text_it_folds_from() {
        let text = "Ünal’s café — «Straße» e\u{301}x ДОМ dom \u{feff}end";
        let f = Folded::of_spans(text, [Span::new(0, text.len())]);
        for needle in ["unal's", "cafe", "-", "\"strasse\"", "ss", "ex", "дом", "dom", "end"] {
            for (at, m) in f.text.match_indices(needle) {
                let span = f.original(at, at + m.len());
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                assert_eq!(fold(span.of(text)), needle, "{needle}");
            }
        }
    }

    #[test]
    fn parts_do_not_run_together() {
        let text = "ab cd";
        let f = Folded::of_spans(text, [Span::new(0, 2), Span::new(3, 5)]);
        assert_eq!(f.text, "ab\ncd");
        assert!(!f.text.contains("abcd"));
    }
}
