//! How a reader's article is stored when they tick "Keep on this device": one
//! header line naming the format, its version, the text's length in bytes and
//! its hash, then the text itself.
//!
//! ```text
//! article-explorer kept v2 <bytes> <hash>\n<text>
//! ```
//!
//! Reading it back checks all of it, so a stored copy that was cut, edited or
//! written by another version of the page is recognised as such and never
//! shown as if it were the reader's article. Version 1 (before this module)
//! stored the bare text, so anything without the header counts as older.

use super::ner::hash;

/// The version [`encode`] writes and [`decode`] reads.
pub const VERSION: u32 = 2;

const TAG: &str = "article-explorer kept v";

/// Why a stored copy is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// Written by an earlier version of the page (or not by this page at all).
    Older,
    /// Written by a later version of the page: a newer tab may still read it.
    Newer,
    /// The header is ours but the text does not match it (cut or altered).
    Damaged,
}

/// The hash the header carries: the same function the packed analyses use.
fn text_hash(text: &str) -> u64 {
    hash::fmix(hash::add_bytes(hash::SEED, text.as_bytes()))
}

/// The stored form of `text`.
pub fn encode(text: &str) -> String {
    format!("{TAG}{VERSION} {} {}\n{text}", text.len(), text_hash(text))
}

/// The text of a stored copy, or why it cannot be read. Only what [`encode`]
/// writes is read: exactly `encode(text)` gives `Ok(text)`.
pub fn decode(stored: &str) -> Result<&str, Unreadable> {
    let rest = stored.strip_prefix(TAG).ok_or(Unreadable::Older)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let version: u32 = rest[..digits].parse().map_err(|_| Unreadable::Damaged)?;
    if version != VERSION {
        return Err(if version < VERSION { Unreadable::Older } else { Unreadable::Newer });
    }
    let (header, text) = rest.split_once('\n').ok_or(Unreadable::Damaged)?;
    if header != format!("{VERSION} {} {}", text.len(), text_hash(text)) {
        return Err(Unreadable::Damaged);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_text() {
        for text in ["", "Title\n\nBody.", "línea\nnul \0 and \n\n newlines\r\n", "article-explorer kept v2 0 0\n"] {
            assert_eq!(decode(&encode(text)), Ok(text));
        }
    }

    #[test]
    fn bare_text_from_before_versions_is_older() {
        assert_eq!(decode("Harbour reopens\n\nMayor Anna Lund said…"), Err(Unreadable::Older));
        assert_eq!(decode(""), Err(Unreadable::Older));
        assert_eq!(decode("article-explorer kept v1 3 0\nabc"), Err(Unreadable::Older));
    }

    #[test]
    fn a_later_version_is_newer() {
        assert_eq!(decode("article-explorer kept v3 whatever\n"), Err(Unreadable::Newer));
    }

    #[test]
    fn every_cut_and_every_changed_byte_is_damaged() {
        let stored = encode("Title\n\nAnna Lund spoke in Bergen.");
        for cut in TAG.len() + 1..stored.len() {
            if stored.is_char_boundary(cut) {
                assert!(decode(&stored[..cut]).is_err(), "cut at {cut}");
            }
        }
        let header = stored.find('\n').unwrap();
        for at in header + 1..stored.len() {
            let mut bytes = stored.clone().into_bytes();
            bytes[at] ^= 0x01;
            let changed = String::from_utf8(bytes).unwrap();
            assert_eq!(decode(&changed), Err(Unreadable::Damaged), "byte {at} changed");
        }
        assert_eq!(decode(&stored.replacen("v2 ", "v02 ", 1)), Err(Unreadable::Damaged));
        assert_eq!(decode(&stored.replacen("v2 ", "v2  ", 1)), Err(Unreadable::Damaged));
        assert_eq!(decode(&format!("{stored} extra")), Err(Unreadable::Damaged));
    }
}
