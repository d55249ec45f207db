//! Tokenization: the one place that decides where words begin and end.
//!
//! Tokens follow the conventions of the CoNLL-2003 data the entity model
//! learned from: punctuation stands alone; a possessive `'s`/`’s` and `n't`
//! are tokens of their own; hyphenated compounds (`cross-border`),
//! abbreviations with dots (`U.S.`, `Mr.`) and numbers (`1,000`, `3.5`) stay
//! whole. Tokens are spans into the original text.

use super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Contains at least one letter.
    Word,
    /// Digits, possibly with `,` `.` separators.
    Number,
    /// Anything else: punctuation, symbols.
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// Short words that take a dot of their own: titles, company forms, months.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "gov",
    "sen", "rep", "rev", "hon", "pres", "inc", "ltd", "corp", "co", "bros", "plc", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "dept", "univ", "assn",
    "approx", "est", "fig",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}' || c == '\u{2011}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Splits `text[span]` into tokens, appending them to `out`.
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = span.of(text);
    let bytes = s.as_bytes();
    let at = |i: usize| s[i..].chars().next();
    let mut i = 0;
    while i < s.len() {
        let c = at(i).unwrap();
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if !is_word_char(c) {
            let mut end = i + c.len_utf8();
            if c == '.' && s[i..].starts_with("...") {
                end = i + 3;
            }
            out.push(Token { span: Span::new(span.start + start, span.start + end), kind: TokenKind::Punct });
            i = end;
            continue;
        }
        // A word or number.
        let mut end = i;
        loop {
            while let Some(c) = at(end).filter(|&c| is_word_char(c)) {
                end += c.len_utf8();
            }
            let Some(next) = at(end) else { break };
            let after = at(end + next.len_utf8());
            let after_is_word = after.is_some_and(is_word_char);
            let word = &s[start..end];
            if is_hyphen(next) && after_is_word {
                end += next.len_utf8();
            } else if (next == ',' || next == '.')
                && word.as_bytes().last().is_some_and(u8::is_ascii_digit)
                && after.is_some_and(|c| c.is_ascii_digit())
            {
                end += 1;
            } else if next == '.' && after.is_some_and(char::is_alphabetic) && is_initials(word) {
                end += 1; // U.S -> continue to the next letter
            } else if is_apostrophe(next) && after_is_word {
                let rest = &s[end + next.len_utf8()..];
                let tail_len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
                let tail = &rest[..tail_len];
                if tail.eq_ignore_ascii_case("s") || tail.eq_ignore_ascii_case("t") && word.ends_with(['n', 'N']) {
                    break; // possessive 's, or n't: split below
                }
                end += next.len_utf8(); // O'Brien
            } else {
                break;
            }
        }
        let mut word_end = end;
        // n't: "don't" -> "do" + "n't"
        let contraction = at(end).filter(|&c| is_apostrophe(c)).and_then(|a| {
            let rest = &s[end + a.len_utf8()..];
            (rest.starts_with(['t', 'T'])
                && !rest[1..].starts_with(is_word_char)
                && s[..end].ends_with(['n', 'N'])
                && end - 1 > start)
                .then(|| end - 1)
        });
        if let Some(n_at) = contraction {
            word_end = n_at;
        }
        // Trailing dot of an abbreviation or of initials.
        let word = &s[start..word_end];
        if contraction.is_none() && bytes.get(word_end) == Some(&b'.') && takes_dot(word) {
            word_end += 1;
            end = word_end;
        }
        let kind = if word.chars().any(char::is_alphabetic) { TokenKind::Word } else { TokenKind::Number };
        out.push(Token { span: Span::new(span.start + start, span.start + word_end), kind });
        if let Some(n_at) = contraction {
            let apos = at(end).unwrap().len_utf8();
            let stop = end + apos + 1;
            out.push(Token { span: Span::new(span.start + n_at, span.start + stop), kind: TokenKind::Word });
            end = stop;
        } else if let Some(a) = at(end).filter(|&c| is_apostrophe(c)) {
            let rest = &s[end + a.len_utf8()..];
            if rest.starts_with(['s', 'S']) && !rest[1..].starts_with(is_word_char) {
                let stop = end + a.len_utf8() + 1;
                out.push(Token { span: Span::new(span.start + end, span.start + stop), kind: TokenKind::Word });
                end = stop;
            }
        }
        i = end;
    }
}

/// `U`, `U.S`, `J`: letters each followed by a dot so far.
fn is_initials(word: &str) -> bool {
    let mut chars = word.chars();
    loop {
        match (chars.next(), chars.next()) {
            (Some(c), None) => return c.is_alphabetic(),
            (Some(c), Some('.')) if c.is_alphabetic() => continue,
            _ => return false,
        }
    }
}

fn takes_dot(word: &str) -> bool {
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital
        || word.contains('.') && is_initials(word)
        || word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Tokens of `text[span]`.
///
/// ```
/// # use article_explorer::core::{token::tokenize, span::Span};
/// let text = "Kabul’s cross-border U.S. talks don't stop.";
/// let words: Vec<&str> = tokenize(text, Span::new(0, text.len())).iter().map(|t| t.span.of(text)).collect();
/// assert_eq!(words, ["Kabul", "’s", "cross-border", "U.S.", "talks", "do", "n't", "stop", "."]);
/// ```
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, span, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text, Span::new(0, text.len())).iter().map(|t| t.span.of(text)).collect()
    }

    #[test]
    fn splits_possessives_and_punctuation() {
        assert_eq!(
            words("Asif's view, (and) Pakistan’s."),
            ["Asif", "'s", "view", ",", "(", "and", ")", "Pakistan", "’s", "."]
        );
        assert_eq!(words("officials' plans"), ["officials", "'", "plans"]);
        assert_eq!(words("“misleading and malicious”"), ["“", "misleading", "and", "malicious", "”"]);
    }

    #[test]
    fn keeps_compounds_numbers_and_abbreviations_whole() {
        assert_eq!(words("anti-terror 1,000.5 people"), ["anti-terror", "1,000.5", "people"]);
        assert_eq!(
            words("Mr. O'Brien met J. K. Rowling in the U.S."),
            ["Mr.", "O'Brien", "met", "J.", "K.", "Rowling", "in", "the", "U.S."]
        );
        assert_eq!(words("It ends here. Next"), ["It", "ends", "here", ".", "Next"]);
        assert_eq!(words("saying—and wait..."), ["saying", "—", "and", "wait", "..."]);
    }

    #[test]
    fn spans_point_into_the_original_with_an_offset() {
        let text = "xx Café Ünal";
        let toks = tokenize(text, Span::new(3, text.len()));
        assert_eq!(toks.len(), 2);
        assert_eq!(toks[1].span.of(text), "Ünal");
        assert!(toks.iter().all(|t| t.kind == TokenKind::Word));
    }
}
