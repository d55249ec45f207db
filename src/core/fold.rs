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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the original byte offset of the char that produced
    /// folded byte `i`; one extra entry holds the end of the original part.
    origin: Vec<u32>,
}

impl Folded {
    /// Folds the parts of `text` under `spans`, in order, joining them with
    /// a newline so that no match runs from one part into the next.
    pub fn of_spans(text: &str, spans: impl IntoIterator<Item = Span>) -> Folded {
        let mut folded = Folded::default();
        let mut last_end = 0;
        for span in spans {
            if !folded.text.is_empty() {
                folded.text.push('\n');
                folded.origin.push(last_end as u32);
            }
            for (i, c) in span.of(text).char_indices() {
                let before = folded.text.len();
                push_folded(c, &mut folded.text);
                let at = (span.start + i) as u32;
                folded.origin.extend(std::iter::repeat_n(at, folded.text.len() - before));
            }
            last_end = span.end;
        }
        folded.origin.push(last_end as u32);
        folded
    }

    /// The original span that folded bytes `start..end` came from.
    pub fn original(&self, start: usize, end: usize) -> Span {
        let from = self.origin[start] as usize;
        // The end is where the char after the last matched folded byte starts;
        // within one original char that is the next different origin.
        let mut e = end;
        while e < self.origin.len() - 1 && self.origin[e] == self.origin[end - 1] {
            e += 1;
        }
        Span::new(from, self.origin[e] as usize)
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
    fn parts_do_not_run_together() {
        let text = "ab cd";
        let f = Folded::of_spans(text, [Span::new(0, 2), Span::new(3, 5)]);
        assert_eq!(f.text, "ab\ncd");
        assert!(!f.text.contains("abcd"));
    }
}
