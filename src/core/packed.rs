//! An analysis made elsewhere, in a compact form: how the build hands each
//! embedded article's entities and quotes to the browser, so a first visit
//! needs neither the entity model nor the time to run it.
//!
//! Only what the model decides is packed (entities, mentions, quotes); the
//! text, its structure and the search index are rebuilt from the text by the
//! same core, which is cheap and keeps the packed form small. Every span is a
//! byte range of the text, as everywhere in the core; the packed form names
//! the text it belongs to (length and hash) and is refused for any other, so
//! an analysis cannot drift from its article.
//!
//! Not JSON ([`extract`](super::extract) is the readable form for people and
//! other programs): integers are LEB128 varints, spans are deltas.
//!
//! ```
//! # use article_explorer::core::{packed, Analysis};
//! let text = "Visit\n\nJane Doe flew to Nairobi on Monday.\n";
//! let made = Analysis::new(text);
//! let bytes = packed::encode(&made);
//! let again = Analysis::from_packed(text, &bytes).unwrap();
//! assert_eq!(again.entities, made.entities);
//! assert!(Analysis::from_packed("Another text", &bytes).is_err());
//! ```

use super::entities::{Entities, Entity, EntityKind, Mention};
use super::ner::hash;
use super::parse::Document;
use super::quotes::Quote;
use super::span::Span;
use super::Analysis;
use std::fmt;

const MAGIC: &[u8; 4] = b"AEPA";
const VERSION: u8 = 1;

/// Why a packed analysis cannot be used, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// Not a packed analysis, or of another format version.
    Format,
    /// Made for another text (the article changed since it was analysed).
    OtherText,
    /// Cut short or inconsistent: what is wrong, in a few words.
    Damaged(&'static str),
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::Format => f.write_str("The stored analysis is not in a format this version can read."),
            PackError::OtherText => f.write_str("The stored analysis belongs to another version of the article."),
            PackError::Damaged(why) => write!(f, "The stored analysis is damaged ({why})."),
        }
    }
}

impl std::error::Error for PackError {}

/// What a packed analysis is tied to: the text's length and hash.
fn text_hash(text: &str) -> u64 {
    hash::fmix(hash::add_bytes(hash::SEED, text.as_bytes()))
}

fn kind_code(kind: EntityKind) -> u8 {
    kind.index() as u8
}

struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn usize(&mut self, v: usize) {
        self.uint(v as u64);
    }
    fn str(&mut self, s: &str) {
        self.usize(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn strs(&mut self, list: &[String]) {
        self.usize(list.len());
        list.iter().for_each(|s| self.str(s));
    }
    /// A span as the distance from `*at` (the previous span's start) and a length.
    fn span(&mut self, span: Span, at: &mut usize) {
        self.usize(span.start - *at);
        self.usize(span.len());
        *at = span.start;
    }
}

/// Packs what the model decided about `analysis`'s text.
///
/// # Panics
/// If mentions or quotes are not in text order (the core makes them so).
pub fn encode(analysis: &Analysis) -> Vec<u8> {
    let Analysis { text, entities, quotes, .. } = analysis;
    let mut w = Writer(MAGIC.to_vec());
    w.0.push(VERSION);
    w.usize(text.len());
    w.0.extend_from_slice(&text_hash(text).to_le_bytes());
    w.usize(entities.entities.len());
    for e in &entities.entities {
        w.0.push(kind_code(e.kind));
        w.str(&e.id);
        w.str(&e.name);
        w.strs(&e.aliases);
        w.strs(&e.roles);
        w.0.extend_from_slice(&e.salience.to_bits().to_le_bytes());
        w.usize(e.sections.len());
        e.sections.iter().for_each(|&s| w.usize(s));
    }
    w.usize(entities.mentions.len());
    let mut at = 0;
    for m in &entities.mentions {
        w.span(m.span, &mut at);
        w.0.push(kind_code(m.kind));
        w.usize(m.entity);
        w.usize(m.block);
    }
    w.usize(quotes.len());
    let mut at = 0;
    for q in quotes {
        w.span(q.span, &mut at);
        w.usize(q.speaker.map_or(0, |s| s + 1));
        w.usize(q.block);
    }
    w.0
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

const CUT: PackError = PackError::Damaged("cut short");

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, PackError> {
        let b = *self.bytes.get(self.at).ok_or(CUT)?;
        self.at += 1;
        Ok(b)
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], PackError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(CUT)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn uint(&mut self) -> Result<u64, PackError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(PackError::Damaged("a number is too long"))
    }
    fn usize(&mut self) -> Result<usize, PackError> {
        usize::try_from(self.uint()?).map_err(|_| PackError::Damaged("a number is too large"))
    }
    /// A count of items that each take at least one byte: never more than the bytes left.
    fn count(&mut self) -> Result<usize, PackError> {
        let n = self.usize()?;
        if n > self.bytes.len() - self.at {
            return Err(CUT);
        }
        Ok(n)
    }
    fn index(&mut self, len: usize, what: &'static str) -> Result<usize, PackError> {
        let i = self.usize()?;
        if i < len {
            Ok(i)
        } else {
            Err(PackError::Damaged(what))
        }
    }
    fn str(&mut self) -> Result<String, PackError> {
        let n = self.count()?;
        let s = std::str::from_utf8(self.take(n)?).map_err(|_| PackError::Damaged("a name is not UTF-8"))?;
        Ok(s.to_owned())
    }
    fn strs(&mut self) -> Result<Vec<String>, PackError> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn kind(&mut self) -> Result<EntityKind, PackError> {
        EntityKind::ALL.get(self.byte()? as usize).copied().ok_or(PackError::Damaged("an unknown kind"))
    }
    fn span(&mut self, at: &mut usize, text: &str) -> Result<Span, PackError> {
        let start = at.checked_add(self.usize()?).ok_or(PackError::Damaged("a span is out of the text"))?;
        let end = start.checked_add(self.usize()?).ok_or(PackError::Damaged("a span is out of the text"))?;
        if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(PackError::Damaged("a span is out of the text"));
        }
        *at = start;
        Ok(Span::new(start, end))
    }
}

/// Unpacks what [`encode`] packed for `text`, checking it against the text and
/// its parsed `doc`: every span inside the text on character boundaries, every
/// index pointing at something that exists.
pub fn decode(text: &str, doc: &Document, bytes: &[u8]) -> Result<(Entities, Vec<Quote>), PackError> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(MAGIC.len()).ok() != Some(&MAGIC[..]) || r.byte().ok() != Some(VERSION) {
        return Err(PackError::Format);
    }
    let len = r.usize()?;
    let hash = u64::from_le_bytes(r.take(8)?.try_into().expect("eight bytes"));
    if len != text.len() || hash != text_hash(text) {
        return Err(PackError::OtherText);
    }
    let sections = doc.sections.len();
    let mut list = Vec::new();
    for _ in 0..r.count()? {
        let kind = r.kind()?;
        let (id, name, aliases, roles) = (r.str()?, r.str()?, r.strs()?, r.strs()?);
        let salience = f32::from_bits(u32::from_le_bytes(r.take(4)?.try_into().expect("four bytes")));
        let in_sections =
            (0..r.count()?).map(|_| r.index(sections, "a section that is not there")).collect::<Result<_, _>>()?;
        list.push(Entity { id, name, kind, aliases, roles, salience, sections: in_sections, mentions: Vec::new() });
    }
    let mut mentions = Vec::new();
    let mut at = 0;
    for i in 0..r.count()? {
        let span = r.span(&mut at, text)?;
        let kind = r.kind()?;
        let entity = r.index(list.len(), "a mention of an entity that is not there")?;
        let block = r.index(doc.blocks.len(), "a paragraph that is not there")?;
        list[entity].mentions.push(i);
        mentions.push(Mention { span, kind, entity, block });
    }
    let mut quotes = Vec::new();
    let mut at = 0;
    for _ in 0..r.count()? {
        let span = r.span(&mut at, text)?;
        let speaker = match r.usize()? {
            0 => None,
            s => Some(s - 1).filter(|&s| s < list.len()).map(Some).ok_or(PackError::Damaged("an unknown speaker"))?,
        };
        let block = r.index(doc.blocks.len(), "a paragraph that is not there")?;
        quotes.push(Quote { span, speaker, block });
    }
    if r.at != bytes.len() {
        return Err(PackError::Damaged("bytes left over"));
    }
    Ok((Entities { entities: list, mentions }, quotes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Vec<String> {
        let mut out: Vec<String> = crate::seeds::SEEDS.iter().map(|s| s.text.to_owned()).collect();
        out.push(String::new());
        out.push("Café “Zürich” report\n\n“We will win,” said Angela Merkel in Berlin’s parliament. The BBC said so.\n\n## Next\n\nMs Merkel left for Paris.\n".into());
        out
    }

    #[test]
    fn round_trips_every_part_the_model_decides() {
        for text in texts() {
            let made = Analysis::new(text.as_str());
            let bytes = encode(&made);
            let again = Analysis::from_packed(text.as_str(), &bytes).unwrap();
            assert_eq!(again.entities, made.entities);
            assert_eq!(again.quotes, made.quotes);
            assert_eq!(again.doc, made.doc);
            assert_eq!(again.index, made.index);
        }
    }

    #[test]
    fn refuses_another_text_and_every_cut() {
        let text = &texts()[1];
        let bytes = encode(&Analysis::new(text.as_str()));
        let other = format!("{text} ");
        assert_eq!(Analysis::from_packed(other.as_str(), &bytes).unwrap_err(), PackError::OtherText);
        for cut in 0..bytes.len() {
            assert!(Analysis::from_packed(text.as_str(), &bytes[..cut]).is_err(), "cut at {cut} accepted");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Analysis::from_packed(text.as_str(), &longer).is_err());
        assert_eq!(Analysis::from_packed(text.as_str(), b"{\"json\":1}").unwrap_err(), PackError::Format);
    }

    #[test]
    fn any_bytes_after_the_header_give_an_error_or_a_consistent_analysis() {
        let text = &texts()[1];
        let good = encode(&Analysis::new(text.as_str()));
        // Magic, version, the text's length (a varint of one or two bytes here) and hash.
        assert!(text.len() < 16_384);
        let header = 4 + 1 + 1 + usize::from(text.len() >= 128) + 8;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let mut bytes = good.clone();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = header + (seed as usize) % (bytes.len() - header);
                bytes[at] = (seed >> 32) as u8;
            }
            if let Ok(a) = Analysis::from_packed(text.as_str(), &bytes) {
                for m in &a.entities.mentions {
                    assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start));
                    assert!(m.entity < a.entities.entities.len() && m.block < a.doc.blocks.len());
                }
            }
        }
    }
}
