//! The model as the browser fetches it: the weights (`model/ner.bin`) and the
//! gazetteers they were trained with, in one file, named by its content hash
//! (`ner-<hash>.bin`, written by the build), so a first visit downloads none
//! of it and a reader who brings an article downloads it once.
//!
//! Not the weight format itself ([`Model`]'s `model/ner.bin`, unchanged
//! inside) nor feature extraction: this file packs and checks.
//!
//! ## Format (version 1, integers little-endian)
//!
//! | size | field |
//! |---|---|
//! | 4 | magic `AENB` |
//! | 2 | format version (`1`) |
//! | 1 | number of gazetteer lists `n` (≤ 32) |
//! | n × (1 + len + 4 + len) | per list: name length (u8), name, contents length (u32), contents (UTF-8) |
//! | 4 | weight file length |
//! | … | the weight file (`model/ner.bin`) |
//! | 8 | [`content_hash`] of everything before it |
//!
//! ```
//! # use article_explorer::core::ner::{bundle, MODEL_BYTES, gazetteer::LISTS};
//! let file = bundle::encode(MODEL_BYTES, LISTS);
//! let model = bundle::decode(&file, Some(bundle::content_hash(&file))).unwrap();
//! assert!(model.bits() >= 10);
//! assert!(bundle::decode(&file[..file.len() - 1], None).is_err());
//! ```

use super::gazetteer::{Gazetteer, MAX_LISTS};
use super::{feature_fingerprint_for, hash, Model};
use std::fmt;
use std::sync::Arc;

const MAGIC: &[u8; 4] = b"AENB";
const VERSION: u16 = 1;

/// Why a bundle cannot be used, as one sentence for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Shorter than its own header says: a download cut short.
    Truncated,
    /// Not a model file at all (an error page, another file).
    NotAModel,
    /// A model file of another format version (an older or newer build).
    Version(u16),
    /// The bytes differ from what the page asked for (the name's hash or the trailing one).
    WrongHash,
    /// Well-formed, but its parts do not fit together.
    Invalid(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::Truncated => f.write_str("The entity model arrived incomplete."),
            BundleError::NotAModel => f.write_str("The file served as the entity model is not one."),
            BundleError::Version(v) => write!(f, "The entity model is format {v}, which this page cannot read."),
            BundleError::WrongHash => f.write_str("The entity model is not the one this page was built with."),
            BundleError::Invalid(why) => write!(f, "The entity model is damaged ({why})."),
        }
    }
}

impl std::error::Error for BundleError {}

/// The hash that names a bundle file and ends it: 64 bits over `bytes`.
pub fn content_hash(bytes: &[u8]) -> u64 {
    hash::fmix(hash::add_bytes(hash::SEED, bytes))
}

/// The file name the build gives a bundle: `ner-<16 hex digits>.bin`.
pub fn file_name(bundle: &[u8]) -> String {
    format!("ner-{:016x}.bin", content_hash(bundle))
}

/// Packs weights and gazetteer lists (name, contents) into one file.
///
/// # Panics
/// With more than 32 lists, a name over 255 bytes or a part over 4 GiB
/// (the build's own data; never the reader's).
pub fn encode<'a>(weights: &[u8], lists: impl IntoIterator<Item = &'a (&'a str, &'a str)>) -> Vec<u8> {
    let lists: Vec<_> = lists.into_iter().collect();
    assert!(lists.len() <= MAX_LISTS, "at most {MAX_LISTS} gazetteer lists");
    let mut out = Vec::with_capacity(weights.len() + 64 * 1024);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.push(lists.len() as u8);
    for (name, body) in lists {
        out.push(u8::try_from(name.len()).expect("list name under 256 bytes"));
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&u32::try_from(body.len()).expect("list under 4 GiB").to_le_bytes());
        out.extend_from_slice(body.as_bytes());
    }
    out.extend_from_slice(&u32::try_from(weights.len()).expect("weights under 4 GiB").to_le_bytes());
    out.extend_from_slice(weights);
    let h = content_hash(&out);
    out.extend_from_slice(&h.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BundleError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(BundleError::Truncated)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, BundleError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<usize, BundleError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
}

/// Reads a bundle into a model, checking it whole: the hash the page expects
/// (from the file's name) when given, the trailing hash, the format, and that
/// the weights were trained with these gazetteers.
pub fn decode(bytes: &[u8], expected: Option<u64>) -> Result<Model, BundleError> {
    read(bytes, Some(expected))
}

/// [`decode`] without the hash checks: for the fuzzer, to reach what lies
/// behind them. Never for bytes from a network.
#[doc(hidden)]
pub fn decode_unchecked(bytes: &[u8]) -> Result<Model, BundleError> {
    read(bytes, None)
}

/// `hashes`: `None` skips both hash checks; `Some(expected)` checks the trailing
/// hash and, when given, the one the page expects.
fn read(bytes: &[u8], hashes: Option<Option<u64>>) -> Result<Model, BundleError> {
    if bytes.len() < MAGIC.len() + 2 || &bytes[..MAGIC.len()] != MAGIC {
        return Err(if MAGIC.starts_with(bytes) { BundleError::Truncated } else { BundleError::NotAModel });
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != VERSION {
        return Err(BundleError::Version(version));
    }
    let body_len = bytes.len().checked_sub(8).ok_or(BundleError::Truncated)?;
    let mut r = Reader { bytes: &bytes[..body_len], at: 6 };
    let n = r.u8()? as usize;
    if n > MAX_LISTS {
        return Err(BundleError::Invalid(format!("{n} word lists")));
    }
    let mut lists = Vec::with_capacity(n);
    for _ in 0..n {
        let name_len = r.u8()? as usize;
        let name = r.take(name_len)?;
        let len = r.u32()?;
        lists.push((name, r.take(len)?));
    }
    let weights_len = r.u32()?;
    let weights = r.take(weights_len)?;
    if r.at != body_len {
        // The trailing hash sits elsewhere than the parts say: cut short or padded.
        return Err(if r.at < body_len { BundleError::WrongHash } else { BundleError::Truncated });
    }
    if let Some(expected) = hashes {
        let stored = u64::from_le_bytes(bytes[body_len..].try_into().expect("eight bytes"));
        if stored != content_hash(&bytes[..body_len]) || expected.is_some_and(|e| e != content_hash(bytes)) {
            return Err(BundleError::WrongHash);
        }
    }
    // Text only now: altered bytes are a wrong hash first, whatever they broke.
    let utf8 = |b| std::str::from_utf8(b).map_err(|_| BundleError::Invalid("a word list is not UTF-8".into()));
    let lists = lists.into_iter().map(|(name, body)| Ok((utf8(name)?, utf8(body)?))).collect::<Result<Vec<_>, _>>()?;
    let gaz = Gazetteer::from_lists(lists);
    let model = Model::from_bytes(weights, Arc::new(gaz)).map_err(BundleError::Invalid)?;
    if model.fingerprint() != feature_fingerprint_for(model.gazetteer()) {
        return Err(BundleError::Invalid("its weights were trained with other features or word lists".into()));
    }
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::super::{gazetteer::LISTS, MODEL_BYTES};
    use super::*;

    fn bundle() -> Vec<u8> {
        encode(MODEL_BYTES, LISTS)
    }

    #[test]
    fn round_trip_tags_like_the_embedded_model() {
        let file = bundle();
        let model = decode(&file, Some(content_hash(&file))).unwrap();
        let words = ["Defense", "Minister", "Jane", "Doe", "visited", "Nairobi", "."];
        assert_eq!(model.tag(&words), super::super::model().tag(&words));
        assert!(file_name(&file).starts_with("ner-") && file_name(&file).ends_with(".bin"));
    }

    #[test]
    fn every_truncation_is_refused() {
        let file = bundle();
        // Every cut inside the header and lists, and a sample through the weights.
        let cuts = (0..4096).chain((4096..file.len()).step_by(997));
        for cut in cuts {
            assert!(decode(&file[..cut], None).is_err(), "cut at {cut} accepted");
        }
    }

    #[test]
    fn wrong_bytes_give_the_right_sentence() {
        let file = bundle();
        assert_eq!(decode(b"<!doctype html><p>Not found", None).unwrap_err(), BundleError::NotAModel);
        assert_eq!(decode(b"", None).unwrap_err(), BundleError::Truncated);
        assert_eq!(decode(&file[..file.len() - 3], None).unwrap_err(), BundleError::Truncated);
        let mut flipped = file.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 1;
        assert_eq!(decode(&flipped, None).unwrap_err(), BundleError::WrongHash);
        assert_eq!(decode(&file, Some(content_hash(&file) ^ 1)).unwrap_err(), BundleError::WrongHash);
        let mut newer = file.clone();
        newer[4] = 9;
        assert_eq!(decode(&newer, None).unwrap_err(), BundleError::Version(9));
        for e in [BundleError::Truncated, BundleError::NotAModel, BundleError::Version(2), BundleError::WrongHash] {
            let s = e.to_string();
            assert!(s.ends_with('.') && s.starts_with("The entity model") || s.starts_with("The file"), "{s}");
        }
    }

    #[test]
    fn lists_other_than_the_weights_were_trained_with_are_refused() {
        let mut lists = LISTS.to_vec();
        lists[0].1 = "Atlantis\n";
        let file = encode(MODEL_BYTES, &lists);
        assert!(matches!(decode(&file, None), Err(BundleError::Invalid(_))));
    }
}
