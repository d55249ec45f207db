//! Feature extraction, shared by training and inference.
//!
//! Not the weights or decoding (`model.rs`), nor the training
//! loop ([`train`](super::train)): this file only turns words into hashed features.
//!
//! Every feature is a 64-bit hash of (template, value); it is mapped to one
//! of `2^bits` buckets, each holding one weight per label. Features come in
//! two kinds:
//!
//! * **word features** depend only on one word (and the sentence's case
//!   mode): lowercased word, shapes, affixes, gazetteer membership. Each is
//!   emitted for a set of relative offsets (−2..=+2): the word at offset `o`
//!   of position `i` contributes to position `i`'s score. At inference their
//!   weights are pre-summed once per (word type, offset) and cached.
//! * **position features** combine several words (bigrams, shape trigrams,
//!   sentence-start, multi-word gazetteer matches, the shape classes of a
//!   word and its neighbours, the sentence's trigger classes: see
//!   [`cues`]) and are computed per position.
//!
//! No allocation per feature: values are hashed straight from reusable
//! scratch buffers.

use super::cues;
use super::gazetteer::{self, Gazetteer};
use super::hash;
use super::text;

/// Bump when the feature set changes (stored in the model header).
pub const FEATURE_VERSION: u64 = 4;

pub const N_OFFSETS: usize = 5;
/// Offset mask bits: bit `o + 2` for offset `o`.
const ALL: u8 = 0b11111;
const NEAR: u8 = 0b01110;
const CUR: u8 = 0b00100;

/// Sentence case modes (NORMAL, UPPER, TITLE, LOWER). Features about letter case are specific to a mode,
/// so Reuters ALL-CAPS headlines and modern Title Case headlines do not
/// confuse the weights learned on ordinary sentences.
pub const MODE_NORMAL: u8 = 0;
pub const MODE_UPPER: u8 = 1;
pub const MODE_TITLE: u8 = 2;
/// No capital letter at all (chat, captions, lowercased feeds): shapes say
/// nothing, so the model leans on words, affixes and gazetteers.
pub const MODE_LOWER: u8 = 3;
pub const N_MODES: usize = 4;

// template ids
const T_LOWER: u64 = 1;
const T_SHAPE: u64 = 2;
const T_SHAPEF: u64 = 3;
const T_WORD: u64 = 4;
const T_PRE: u64 = 10; // +len
const T_SUF: u64 = 20; // +len
const T_GAZ: u64 = 30;
const T_GAZCAP: u64 = 31;
const T_LEN: u64 = 32;
const T_BIAS: u64 = 40;
const T_BI_L: u64 = 41;
const T_BI_R: u64 = 42;
const T_LW_SH: u64 = 43;
const T_SH_LW: u64 = 44;
const T_SH3: u64 = 45;
const T_FIRST_SH: u64 = 46;
const T_FIRST_LW: u64 = 47;
const T_PHRASE: u64 = 48;
const T_PHRASECAP: u64 = 49;
const T_GAZPART: u64 = 50;
const T_DOC_LABEL: u64 = 51;
const T_DOC_MAJOR: u64 = 52;
const T_DOC_NEVER: u64 = 53;
const T_DOC_CASE: u64 = 54;
const T_KIND3: u64 = 55;
const T_TRIG: u64 = 58;

#[inline]
fn tm(t: u64, mode: u8) -> u64 {
    t * 8 + mode as u64
}

/// Sentence case mode: UPPER if no letter is lowercase (and there are at
/// least two letters), LOWER if no letter is uppercase (and there are at
/// least four letters), TITLE if every word of ≥ 4 letters after the first
/// is capitalised (at least 3 such words), else NORMAL.
pub fn sentence_mode<S: AsRef<str>>(words: &[S]) -> u8 {
    let mut letters = 0usize;
    let mut lower = 0usize;
    let mut upper = 0usize;
    let mut long_cap = 0usize;
    let mut long_low = 0usize;
    for (i, w) in words.iter().enumerate() {
        let w = w.as_ref();
        let mut n = 0usize;
        let mut alpha_only = true;
        for c in w.chars() {
            if c.is_alphabetic() {
                letters += 1;
                n += 1;
                if c.is_lowercase() {
                    lower += 1;
                } else if c.is_uppercase() {
                    upper += 1;
                }
            } else if c != '-' && c != '\'' && c != '\u{2019}' {
                alpha_only = false;
            }
        }
        if i > 0 && n >= 4 && alpha_only {
            if text::is_cap(w) {
                long_cap += 1;
            } else {
                long_low += 1;
            }
        }
    }
    if letters >= 2 && lower == 0 {
        MODE_UPPER
    } else if letters >= 4 && upper == 0 {
        MODE_LOWER
    } else if long_low == 0 && long_cap >= 3 {
        MODE_TITLE
    } else {
        MODE_NORMAL
    }
}

/// Per-word values needed by position features.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// hash of lowercased word with digits → 0
    pub lower: u64,
    /// hash of collapsed shape (mode specific)
    pub shape: u64,
    /// gazetteer token key
    pub gkey: u64,
    pub cap: bool,
    /// has a letter / has no uppercase letter (for [`Written::from_info`])
    pub alpha: bool,
    pub no_upper: bool,
    /// shape class for the name-structure features ([`cues::kind`])
    pub kind: u8,
    /// trigger classes of the word ([`cues::trigger`])
    pub trig: u8,
}

/// Reusable buffers.
#[derive(Default)]
pub struct Scratch {
    norm: String,
    low: String,
    lowd: String,
    shape: String,
    shapef: String,
}

/// Word features of `word` into `out` as (hash, offset mask). Returns the
/// values position features need.
pub fn word_features(word: &str, mode: u8, gaz: &Gazetteer, s: &mut Scratch, out: &mut Vec<(u64, u8)>) -> WordInfo {
    out.clear();
    text::normalise(word, &mut s.norm);
    text::lower(&s.norm, false, &mut s.low);
    text::lower(&s.norm, true, &mut s.lowd);
    text::shapes(&s.norm, &mut s.shape, &mut s.shapef);
    let cap = text::is_cap(&s.norm);
    let kind = cues::kind(&s.norm, &s.low, cap);
    let trig = cues::trigger(&s.low);
    let lower = hash::tagged(T_LOWER, s.lowd.as_bytes());
    let shape = hash::tagged(tm(T_SHAPE, mode), s.shape.as_bytes());
    let gkey = gazetteer::token_key(&s.low);
    out.push((lower, ALL));
    out.push((shape, ALL));
    out.push((hash::tagged(tm(T_SHAPEF, mode), s.shapef.as_bytes()), CUR));
    if mode == MODE_NORMAL {
        out.push((hash::tagged(T_WORD, s.norm.as_bytes()), CUR));
    }
    // affixes (on characters, of the lowercased form)
    let low = s.lowd.as_str();
    let nchar = low.chars().count();
    if nchar > 1 {
        let mut ends = low.char_indices().map(|(i, _)| i).skip(1);
        for k in 1..=4usize.min(nchar - 1) {
            let e = ends.next().unwrap_or(low.len());
            out.push((hash::tagged(T_PRE + k as u64, &low.as_bytes()[..e]), CUR));
        }
        let mut k = 0usize;
        for (i, _) in low.char_indices().rev() {
            k += 1;
            if k > 4 || k >= nchar {
                break;
            }
            out.push((hash::tagged(T_SUF + k as u64, &low.as_bytes()[i..]), CUR));
        }
    }
    out.push((hash::add(hash::add(hash::SEED, T_LEN), nchar.min(12) as u64), CUR));
    let (g, part) = gaz.membership(gkey);
    let mut rest = g;
    while rest != 0 {
        let l = rest.trailing_zeros() as u64;
        rest &= rest - 1;
        out.push((hash::add(hash::add(hash::SEED, T_GAZ), l), NEAR));
        out.push((hash::add(hash::add(hash::add(hash::SEED, tm(T_GAZCAP, mode)), l), cap as u64), CUR));
    }
    let mut rest = part & !g;
    while rest != 0 {
        let l = rest.trailing_zeros() as u64;
        rest &= rest - 1;
        out.push((hash::add(hash::add(hash::add(hash::SEED, tm(T_GAZPART, mode)), l), cap as u64), CUR));
    }
    let alpha = s.norm.chars().any(char::is_alphabetic);
    let no_upper = s.norm.chars().all(|c| !c.is_uppercase());
    WordInfo { lower, shape, gkey, cap, alpha, no_upper, kind, trig }
}

/// The trigger classes of every word of a sentence, together.
pub fn sentence_triggers(infos: impl IntoIterator<Item = WordInfo>) -> u8 {
    infos.into_iter().fold(0, |t, w| t | w.trig)
}

/// Pseudo-words standing for positions before the start / after the end.
pub const BOS: &str = "\u{1}<s>";
pub const EOS: &str = "\u{1}</s>";

/// Position features of position `i` into `out` (appended), given the word
/// infos of positions `i - 1`, `i` and `i + 1` (out of range: BOS / EOS info).
pub fn position_features(
    i: usize,
    mode: u8,
    [p, c, nx]: [WordInfo; 3],
    phrase: u128,
    triggers: u8,
    out: &mut Vec<u64>,
) {
    let h0 = hash::SEED;
    out.push(hash::add(hash::add(h0, T_BIAS), mode as u64));
    out.push(hash::add(hash::add(hash::add(h0, T_BI_L), p.lower), c.lower));
    out.push(hash::add(hash::add(hash::add(h0, T_BI_R), c.lower), nx.lower));
    out.push(hash::add(hash::add(hash::add(h0, T_LW_SH), p.lower), c.shape));
    out.push(hash::add(hash::add(hash::add(h0, T_SH_LW), c.shape), nx.lower));
    out.push(hash::add(hash::add(hash::add(hash::add(h0, T_SH3), p.shape), c.shape), nx.shape));
    if i == 0 {
        out.push(hash::add(hash::add(h0, T_FIRST_SH), c.shape));
        out.push(hash::add(hash::add(h0, T_FIRST_LW), c.lower));
    }
    // name structure: the shape classes of the word and its neighbours
    // (particles, attached articles, generic head words; `cues::kind`)
    let k = |w: &WordInfo| w.kind as u64;
    out.push(hash::add(hash::add(hash::add(hash::add(hash::add(h0, T_KIND3), k(&p)), k(&c)), k(&nx)), mode as u64));
    // what the sentence is about (its trigger classes, `cues::trigger`) × the word's class
    if triggers != 0 {
        out.push(hash::add(
            hash::add(hash::add(hash::add(h0, T_TRIG), 16 + triggers as u64), c.kind as u64),
            mode as u64,
        ));
    }
    let mut rest = phrase;
    while rest != 0 {
        let b = rest.trailing_zeros() as u64;
        rest &= rest - 1;
        out.push(hash::add(hash::add(h0, T_PHRASE), b));
        out.push(hash::add(hash::add(hash::add(hash::add(h0, T_PHRASECAP), b), c.cap as u64), mode as u64));
    }
}

/// How one occurrence of a word is written, for the document-level features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// Capitalised, not first in its sentence, in a normally cased sentence:
    /// evidence that the word is a name wherever it is written in capitals.
    CapMid,
    /// All lowercase in a normally cased sentence: evidence it is a common word.
    Lower,
    /// Anything else (first word, headline, all-caps or all-lowercase text).
    Other,
}

impl Written {
    /// [`Written::of`] from a word's cached [`WordInfo`] (same answer).
    pub fn from_info(w: &WordInfo, mode: u8, first: bool) -> Written {
        if mode != MODE_NORMAL || !w.alpha {
            Written::Other
        } else if w.cap {
            if first {
                Written::Other
            } else {
                Written::CapMid
            }
        } else if w.no_upper {
            Written::Lower
        } else {
            Written::Other
        }
    }

    pub fn of(word: &str, mode: u8, first: bool) -> Written {
        if mode != MODE_NORMAL || !word.chars().any(char::is_alphabetic) {
            Written::Other
        } else if text::is_cap(word) {
            if first {
                Written::Other
            } else {
                Written::CapMid
            }
        } else if word.chars().all(|c| !c.is_uppercase()) {
            Written::Lower
        } else {
            Written::Other
        }
    }
}

/// What the rest of a document says about one word (same lowercased form):
/// how the first pass labelled its other occurrences (IOB2 index 0..=8) and
/// how they are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocCounts {
    pub labels: [u16; 9],
    pub cap_mid: u16,
    pub lower: u16,
}

impl DocCounts {
    fn add(&mut self, label: u8, written: Written, sign: i32) {
        let bump = |x: &mut u16| *x = (*x as i32 + sign).max(0) as u16;
        bump(&mut self.labels[label.min(8) as usize]);
        match written {
            Written::CapMid => bump(&mut self.cap_mid),
            Written::Lower => bump(&mut self.lower),
            Written::Other => {}
        }
    }
}

/// Per-document statistics of the first pass, keyed by gazetteer token key.
#[derive(Default)]
pub struct DocStats {
    map: hash::FxHashMap<u64, DocCounts>,
}

impl DocStats {
    pub fn add(&mut self, key: u64, label: u8, written: Written) {
        self.map.entry(key).or_default().add(label, written, 1);
    }
    /// The counts of every *other* occurrence (this one's own label and
    /// writing taken out).
    pub fn others(&self, key: u64, label: u8, written: Written) -> DocCounts {
        let mut d = self.map.get(&key).copied().unwrap_or_default();
        d.add(label, written, -1);
        d
    }
}

/// Document-level position features of a word whose other occurrences give
/// `d` (second pass only).
pub fn doc_features(d: &DocCounts, cap: bool, mode: u8, first: bool, out: &mut Vec<u64>) {
    let h0 = hash::SEED;
    let bucket = |x: u16| x.min(3) as u64;
    let mut class = [0u32; 4];
    for l in 1..9 {
        if d.labels[l] > 0 {
            out.push(hash::add(
                hash::add(hash::add(hash::add(h0, T_DOC_LABEL), l as u64), bucket(d.labels[l])),
                cap as u64,
            ));
            class[(l - 1) / 2] += d.labels[l] as u32;
        }
    }
    let named: u32 = class.iter().sum();
    if named > 0 {
        let best = (0..4).max_by_key(|&c| (class[c], 4 - c)).unwrap_or(0);
        let all = class[best] == named && d.labels[0] == 0;
        out.push(hash::add(hash::add(hash::add(hash::add(h0, T_DOC_MAJOR), best as u64), all as u64), cap as u64));
    } else if d.labels[0] > 0 && cap {
        out.push(hash::add(hash::add(h0, T_DOC_NEVER), bucket(d.labels[0])));
    }
    if (d.cap_mid > 0 || d.lower > 0) && (mode != MODE_NORMAL || first) {
        let w = (d.cap_mid > 0) as u64 | ((d.lower > 0) as u64) << 1;
        out.push(hash::add(hash::add(hash::add(hash::add(h0, T_DOC_CASE), mode as u64), first as u64), w));
    }
}

/// Document key of a word (its gazetteer token key), how it is written, and
/// whether it is capitalised.
pub fn doc_key(word: &str, mode: u8, first: bool, s: &mut Scratch) -> (u64, Written, bool) {
    text::normalise(word, &mut s.norm);
    text::lower(&s.norm, false, &mut s.low);
    (gazetteer::token_key(&s.low), Written::of(&s.norm, mode, first), text::is_cap(&s.norm))
}

/// Bucket of a word feature seen at offset slot `slot` (0..5, offset+2).
#[inline(always)]
pub fn bucket(h: u64, slot: usize, shift: u32) -> usize {
    const SALT: [u64; N_OFFSETS] =
        [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344, 0, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89];
    (hash::fmix(h ^ SALT[slot]) >> shift) as usize
}

/// Every feature bucket of every position of a sentence (training path and
/// reference implementation for the cached inference path).
///
/// `doc`: the second pass's document-level counts of each word, if any.
pub fn sentence_buckets(
    words: &[&str],
    gaz: &Gazetteer,
    bits: u32,
    doc: Option<&[DocCounts]>,
    s: &mut Scratch,
) -> Vec<Vec<u32>> {
    let shift = 64 - bits;
    let n = words.len();
    let mode = sentence_mode(words);
    let mut wf: Vec<(u64, u8)> = Vec::new();
    let mut infos = Vec::with_capacity(n);
    let mut out: Vec<Vec<u32>> = vec![Vec::new(); n];
    let emit = |j: isize, feats: &[(u64, u8)], out: &mut Vec<Vec<u32>>| {
        for slot in 0..N_OFFSETS {
            let i = j - (slot as isize - 2);
            if i < 0 || i >= n as isize {
                continue;
            }
            for &(h, m) in feats {
                if m & (1 << slot) != 0 {
                    out[i as usize].push(bucket(h, slot, shift) as u32);
                }
            }
        }
    };
    let bos = word_features(BOS, mode, gaz, s, &mut wf);
    for j in [-2isize, -1] {
        emit(j, &wf, &mut out);
    }
    let eos = word_features(EOS, mode, gaz, s, &mut wf);
    for j in [n as isize, n as isize + 1] {
        emit(j, &wf, &mut out);
    }
    for (j, w) in words.iter().enumerate() {
        let inf = word_features(w, mode, gaz, s, &mut wf);
        emit(j as isize, &wf, &mut out);
        infos.push(inf);
    }
    let keys: Vec<u64> = infos.iter().map(|x| x.gkey).collect();
    let mut marks = Vec::new();
    gaz.phrase_marks(&keys, &mut marks);
    let get = |j: isize| -> WordInfo {
        if j < 0 {
            bos
        } else if j >= n as isize {
            eos
        } else {
            infos[j as usize]
        }
    };
    let triggers = sentence_triggers(infos.iter().copied());
    let mut pf = Vec::new();
    for i in 0..n {
        pf.clear();
        position_features(i, mode, [-1, 0, 1].map(|o| get(i as isize + o)), marks[i], triggers, &mut pf);
        if let Some(d) = doc {
            doc_features(&d[i], infos[i].cap, mode, i == 0, &mut pf);
        }
        for &h in &pf {
            out[i].push(bucket(h, 2, shift) as u32);
        }
    }
    out
}
