//! A small pull reader for the JSON the corpus's files are written in
//! (`core::shards`): objects, arrays, strings, unsigned integers, and any
//! other value skipped. The browser's library reads a manifest, lists and
//! shards with it; serde_json's generated readers for the same types cost
//! the library's wasm tens of kilobytes (BENCHMARKS.md), this a few.
//!
//! The caller walks the document: [`Reader::object`] calls back once per
//! key, [`Reader::array`] once per item, and each value is read by the
//! method for the type the caller expects. Errors say where (a byte offset)
//! and what was expected; a document that stops early is [`Error::CutShort`],
//! so a reader can tell a truncated download from a wrong file.

use std::fmt;

/// Objects and arrays nested deeper than this are refused (as serde_json does), so hostile
/// input cannot exhaust the stack; the corpus's files nest three levels.
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The document ends before its value does.
    CutShort,
    /// Something else than JSON of the expected shape, at a byte offset.
    Bad { at: usize, expected: &'static str },
    /// A well-formed value that does not fit (a missing field, a number too large).
    Wrong(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CutShort => f.write_str("it stops before its end"),
            Error::Bad { at, expected } => write!(f, "expected {expected} at byte {at}"),
            Error::Wrong(what) => f.write_str(what),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0, depth: 0 }
    }

    /// Reads a whole document: `value` reads the one value, then only whitespace may follow.
    pub fn document<T>(bytes: &'a [u8], value: impl FnOnce(&mut Reader<'a>) -> Result<T>) -> Result<T> {
        let mut r = Reader::new(bytes);
        let v = value(&mut r)?;
        r.space();
        match r.bytes.get(r.at) {
            None => Ok(v),
            Some(_) => Err(r.bad("the end of the document")),
        }
    }

    fn bad(&self, expected: &'static str) -> Error {
        if self.at >= self.bytes.len() {
            Error::CutShort
        } else {
            Error::Bad { at: self.at, expected }
        }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next significant byte, not taken.
    fn peek(&mut self) -> Option<u8> {
        self.space();
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, b: u8, expected: &'static str) -> Result<()> {
        if self.peek() == Some(b) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.bad(expected))
        }
    }

    /// Reads `[ item, … ]`, calling `item` for each.
    pub fn array(&mut self, mut item: impl FnMut(&mut Reader<'a>) -> Result<()>) -> Result<()> {
        self.nested(b'[', b']', "an array", |r| item(r))
    }

    /// Reads `{ "key": value, … }`, calling `field` with each key; `field` reads the value
    /// (or [`Reader::skip`]s it).
    pub fn object(&mut self, mut field: impl FnMut(&mut Reader<'a>, &str) -> Result<()>) -> Result<()> {
        self.nested(b'{', b'}', "an object", |r| {
            let key = r.string()?;
            r.eat(b':', "':'")?;
            field(r, &key)
        })
    }

    fn nested(
        &mut self,
        open: u8,
        close: u8,
        what: &'static str,
        mut member: impl FnMut(&mut Reader<'a>) -> Result<()>,
    ) -> Result<()> {
        self.eat(open, what)?;
        if self.depth == MAX_DEPTH {
            return Err(Error::Wrong(format!("it nests deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        if self.peek() == Some(close) {
            self.at += 1;
        } else {
            loop {
                member(self)?;
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b) if b == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return Err(self.bad(if close == b']' { "',' or ']'" } else { "',' or '}'" })),
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Reads an unsigned integer (no sign, fraction or exponent).
    pub fn uint(&mut self) -> Result<u64> {
        self.space();
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = self.bytes.get(self.at) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d - b'0')))
                .ok_or_else(|| Error::Wrong(format!("the number at byte {start} is too large")))?;
            self.at += 1;
        }
        let digits = self.at - start;
        if digits == 0 || (digits > 1 && self.bytes[start] == b'0') {
            self.at = start;
            return Err(self.bad("an unsigned integer"));
        }
        if let Some(b'.' | b'e' | b'E') = self.bytes.get(self.at) {
            return Err(Error::Bad { at: start, expected: "an unsigned integer" });
        }
        Ok(n)
    }

    /// Reads an unsigned integer that fits in `T`.
    pub fn int<T: TryFrom<u64>>(&mut self) -> Result<T> {
        let at = self.at;
        let n = self.uint()?;
        T::try_from(n).map_err(|_| Error::Wrong(format!("the number {n} near byte {at} is too large")))
    }

    /// Reads a string, escapes decoded.
    pub fn string(&mut self) -> Result<String> {
        self.eat(b'"', "a string")?;
        let mut out = Vec::new();
        loop {
            let start = self.at;
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            out.extend_from_slice(&self.bytes[start..self.at]);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    break;
                }
                Some(b'\\') => {
                    self.at += 1;
                    let c = self.escape()?;
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                _ => return Err(self.bad("a closing '\"'")),
            }
        }
        String::from_utf8(out).map_err(|_| Error::Wrong("a string in it is not UTF-8".into()))
    }

    /// Reads a string as [`Reader::string`] does, checking it the same way, without keeping it.
    fn skip_string(&mut self) -> Result<()> {
        self.eat(b'"', "a string")?;
        let start = self.at;
        loop {
            while let Some(&b) = self.bytes.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            match self.bytes.get(self.at) {
                Some(b'"') => break,
                Some(b'\\') => {
                    self.at += 1;
                    self.escape()?;
                }
                _ => return Err(self.bad("a closing '\"'")),
            }
        }
        let utf8 = std::str::from_utf8(&self.bytes[start..self.at]).is_ok();
        self.at += 1;
        // Escapes are ASCII and decode to whole chars: the bytes are UTF-8 when the string is.
        if utf8 {
            Ok(())
        } else {
            Err(Error::Wrong("a string in it is not UTF-8".into()))
        }
    }

    /// The char of an escape, after its backslash.
    fn escape(&mut self) -> Result<char> {
        let Some(&b) = self.bytes.get(self.at) else { return Err(Error::CutShort) };
        self.at += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                        return Err(self.bad("the second half of a surrogate pair"));
                    }
                    self.at += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(Error::Bad { at: self.at - 4, expected: "a low surrogate" });
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                char::from_u32(code).ok_or(Error::Bad { at: self.at - 4, expected: "a char" })?
            }
            _ => return Err(Error::Bad { at: self.at - 1, expected: "an escape" }),
        })
    }

    fn hex4(&mut self) -> Result<u32> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else { return Err(Error::CutShort) };
        let mut n = 0;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or(Error::Bad { at: self.at, expected: "four hex digits" })?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    /// Reads any value and gives its bytes, as they stand in the document, to be read later.
    pub fn raw(&mut self) -> Result<&'a [u8]> {
        self.space();
        let start = self.at;
        self.skip()?;
        Ok(&self.bytes[start..self.at])
    }

    /// Reads and drops any value (a field this reader does not know).
    pub fn skip(&mut self) -> Result<()> {
        match self.peek() {
            Some(b'{') => self.object(|r, _| r.skip()),
            Some(b'[') => self.array(|r| r.skip()),
            Some(b'"') => self.skip_string(),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.at;
                let number = |b: &u8| b.is_ascii_digit() || b"+-.eE".contains(b);
                while self.bytes.get(self.at).is_some_and(number) {
                    self.at += 1;
                }
                if self.at == self.bytes.len() {
                    return Err(Error::CutShort); // a number may go on in the bytes that did not arrive
                }
                match std::str::from_utf8(&self.bytes[start..self.at]).ok().and_then(|s| s.parse::<f64>().ok()) {
                    Some(_) => Ok(()),
                    None => Err(Error::Bad { at: start, expected: "a number" }),
                }
            }
            _ => {
                for word in [&b"true"[..], b"false", b"null"] {
                    let rest = &self.bytes[self.at..];
                    if rest.starts_with(word) {
                        self.at += word.len();
                        return Ok(());
                    }
                    if word.starts_with(rest) && !rest.is_empty() {
                        return Err(Error::CutShort);
                    }
                }
                Err(self.bad("a value"))
            }
        }
    }
}

/// A field that must be present: its value, or an error naming it.
pub fn required<T>(value: Option<T>, name: &str) -> Result<T> {
    value.ok_or_else(|| Error::Wrong(format!("the field \"{name}\" is missing")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(json: &str) -> Result<Vec<(String, u64)>> {
        Reader::document(json.as_bytes(), |r| {
            let mut out = Vec::new();
            r.object(|r, key| {
                let key = key.to_string();
                out.push((key, r.uint()?));
                Ok(())
            })?;
            Ok(out)
        })
    }

    #[test]
    fn reads_what_serde_json_writes() {
        let value = serde_json::json!({"a\"\\/\u{1}é😀\n": [1, {"x": [true, false, null, -1.5e3, "s"]}], "n": 18446744073709551615u64});
        let text = serde_json::to_string(&value).unwrap();
        let mut seen = Vec::new();
        Reader::document(text.as_bytes(), |r| {
            r.object(|r, key| {
                seen.push(key.to_string());
                if key == "n" {
                    assert_eq!(r.uint()?, u64::MAX);
                    Ok(())
                } else {
                    r.skip()
                }
            })
        })
        .unwrap();
        assert_eq!(seen, ["a\"\\/\u{1}é😀\n", "n"]);
        let escaped = r#""\u00e9\ud83d\ude00\t""#;
        assert_eq!(Reader::document(escaped.as_bytes(), |r| r.string()).unwrap(), "é😀\t");
    }

    #[test]
    fn a_cut_short_document_says_so() {
        let whole = r#"{"a": 1, "bb": 22, "s": "text", "t": true}"#;
        for end in 0..whole.len() {
            let got = Reader::document(&whole.as_bytes()[..end], |r| r.object(|r, _| r.skip()));
            assert_eq!(got, Err(Error::CutShort), "{:?}", &whole[..end]);
        }
        assert!(Reader::document(whole.as_bytes(), |r| r.object(|r, _| r.skip())).is_ok());
    }

    #[test]
    fn wrong_shapes_are_errors_not_panics() {
        for bad in [
            "{\"a\": 1,}",
            "{\"a\" 1}",
            "{\"a\": -1}",
            "{\"a\": 1.5}",
            "{\"a\": 01}",
            "{\"a\": 99999999999999999999}",
            "{\"a\": \"1\"}",
            "[1]",
            "{\"a\": 1} x",
            "{'a': 1}",
            "{\"\\x\": 1}",
            "{\"\\ud800x\": 1}",
            "{\"\u{1}\": 1}",
        ] {
            let got = pairs(bad);
            assert!(matches!(got, Err(Error::Bad { .. } | Error::Wrong(_))), "{bad}: {got:?}");
        }
        assert_eq!(pairs(" { \"a\" : 1 , \"b\":2 } ").unwrap(), [("a".into(), 1), ("b".into(), 2)]);
        let not_utf8 = b"\"\xff\"";
        assert!(matches!(Reader::document(not_utf8, |r| r.string()), Err(Error::Wrong(_))));
        // Skipping a string checks it as reading it does.
        for bad in [&b"\"\xff\""[..], b"\"\\x\"", b"\"\\ud800x\"", b"\"\x01\""] {
            let (read, skipped) = (Reader::document(bad, |r| r.string()), Reader::document(bad, |r| r.skip()));
            assert!(read.is_err() && skipped.is_err(), "{bad:?}: {read:?} {skipped:?}");
        }
    }

    #[test]
    fn raw_gives_a_value_as_written() {
        let got = Reader::document(br#"[ 7 , ["a\"b", 1] ]"#, |r| {
            let mut raw = Vec::new();
            r.array(|r| r.raw().map(|b| raw.push(b.to_vec())))?;
            Ok(raw)
        });
        assert_eq!(got.unwrap(), [b"7".to_vec(), br#"["a\"b", 1]"#.to_vec()]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let got = Reader::document(deep.as_bytes(), |r| r.skip());
        assert!(matches!(got, Err(Error::Wrong(ref w)) if w.contains("deeper")), "{got:?}");
        let fine = "[".repeat(100) + &"]".repeat(100);
        assert!(Reader::document(fine.as_bytes(), |r| r.skip()).is_ok());
    }

    #[test]
    fn int_checks_its_range() {
        assert_eq!(Reader::document(b"4294967295", |r| r.int::<u32>()), Ok(u32::MAX));
        assert!(matches!(Reader::document(b"4294967296", |r| r.int::<u32>()), Err(Error::Wrong(_))));
    }
}
