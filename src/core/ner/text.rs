//! Token normalisation and word shapes, for the model's features.
//!
//! Not the tokenizer ([`token`](crate::core::token) splits text into tokens)
//! nor search folding ([`fold`](crate::core::fold)): this only makes a
//! token's characters look like the training data's.
//!
//! Modern text uses typographic characters that the CoNLL-2003 training
//! data (Reuters 1996, ASCII) never shows. Before any feature is computed a
//! token is normalised so that it looks like the training data:
//! curly/angled quotes become `"` or `'`, em dashes `--`, en dashes and
//! other hyphens `-`, an ellipsis `...`.

/// Appends the normalised form of one character to `out`.
#[inline]
pub fn push_norm(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' | '\u{02BC}' => out.push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => out.push('"'),
        '\u{2014}' | '\u{2015}' => out.push_str("--"),
        '\u{2013}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' => out.push('-'),
        '\u{2026}' => out.push_str("..."),
        '\u{00A0}' | '\u{202F}' => out.push(' '),
        _ => out.push(c),
    }
}

/// Normalised form of `word` (case kept) into `out` (cleared first).
pub fn normalise(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        if word.contains('`') {
            let s: String = out.replace('`', "'");
            *out = s;
        }
        return;
    }
    for c in word.chars() {
        push_norm(c, out);
    }
}

/// Lowercase of an already normalised word into `out` (cleared first).
/// If `digits` is true every ASCII digit becomes `0`.
pub fn lower(norm: &str, digits: bool, out: &mut String) {
    out.clear();
    if norm.is_ascii() {
        // byte by byte into the buffer's bytes (a loop that vectorises)
        let mut bytes = std::mem::take(out).into_bytes();
        bytes.extend(norm.bytes().map(|b| if digits && b.is_ascii_digit() { b'0' } else { b.to_ascii_lowercase() }));
        *out = String::from_utf8(bytes).expect("ASCII stays ASCII");
        return;
    }
    for c in norm.chars() {
        if digits && c.is_ascii_digit() {
            out.push('0');
        } else if c.is_uppercase() {
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else {
            out.push(c);
        }
    }
}

#[inline]
fn shape_char(c: char) -> char {
    if c.is_ascii_uppercase() {
        'X'
    } else if c.is_ascii_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_ascii() {
        c
    } else if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        '*'
    }
}

/// Word shapes of a normalised word: `collapsed` merges runs of the same
/// shape character ("Xx", "X.X.", "d,d"), `capped` keeps runs up to 4
/// ("Xxxx", "dddd"). Both strings are cleared first.
pub fn shapes(norm: &str, collapsed: &mut String, capped: &mut String) {
    collapsed.clear();
    capped.clear();
    let mut last = '\0';
    let mut run = 0usize;
    for c in norm.chars() {
        let s = shape_char(c);
        if s == last {
            run += 1;
        } else {
            run = 1;
            last = s;
            collapsed.push(s);
        }
        if run <= 4 {
            capped.push(s);
        }
    }
}

/// First character is an uppercase letter.
#[inline]
pub fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn normalises_typography() {
        let mut s = String::new();
        normalise("\u{2019}s", &mut s);
        assert_eq!(s, "'s");
        normalise("\u{201C}", &mut s);
        assert_eq!(s, "\"");
        normalise("\u{2014}", &mut s);
        assert_eq!(s, "--");
        let (mut a, mut b) = (String::new(), String::new());
        shapes("U.S.", &mut a, &mut b);
        assert_eq!(a, "X.X.");
        shapes("Washington", &mut a, &mut b);
        assert_eq!((a.as_str(), b.as_str()), ("Xx", "Xxxxx"));
        lower("Ü-1996", true, &mut s);
        assert_eq!(s, "ü-0000");
    }
}
