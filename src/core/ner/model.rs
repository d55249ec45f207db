//! The weight file format, loading, and decoding.
//!
//! Not feature extraction ([`features`]) nor training
//! ([`train`](super::train)): this file reads weights and scores sentences.
//!
//! ## `model/ner.bin` format (version 1, all integers little-endian)
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 4 | magic `AENR` |
//! | 4 | 2 | format version (`2`; version 1 had 9 IOB2 labels) |
//! | 6 | 1 | `bits`: the weight table has `2^bits` buckets |
//! | 7 | 1 | number of labels (`17`: O and BILOU × 4 classes) |
//! | 8 | 8 | feature fingerprint (`FEATURE_VERSION` mixed with the gazetteers' hash) |
//! | 16 | 4 | `scale` (f32): one weight unit in perceptron units (informational) |
//! | 20 | 4 | `nnz`: number of non-empty buckets |
//! | 24 | 2·(289+17+17) | transition weights i16: `trans[from][to]` row-major, then start, then end |
//! | … | 2^bits / 8 | bucket bitmap: bit `b % 8` of byte `b / 8` set if bucket `b` has a weight |
//! | … | 3 · nnz | per non-empty bucket (ascending) its label mask (bit l: label l has a non-zero weight), in three runs: bits 0–7 of every mask, then bits 8–15, then bit 16 |
//! | … | Σ popcount | the non-zero i8 weights, bucket by bucket, label by label |
//!
//! Loading expands the table into a dense `2^bits × 17` i8 array (one pass).

use super::features::{self, DocCounts, DocStats, Scratch, WordInfo, N_MODES, N_OFFSETS};
use super::gazetteer::Gazetteer;
use super::hash::FxHashMap;
use std::cell::RefCell;
use std::sync::Arc;

pub const MAGIC: &[u8; 4] = b"AENR";
pub const VERSION: u16 = 2;
pub const N_LABELS: usize = 17;
const NEG: i32 = i32::MIN / 4;
const MASK_BYTES: usize = N_LABELS.div_ceil(8);

/// BILOU labels. Index 0 = O; for class c (PER, ORG, LOC, MISC in order)
/// `1 + 4c` = B (first word of a name of two or more words), `2 + 4c` = I
/// (a middle word), `3 + 4c` = L (its last word), `4 + 4c` = U (a one-word
/// name). The model learns these; callers see IOB2 ([`to_iob`]).
const PART_B: usize = 0;
const PART_I: usize = 1;
const PART_L: usize = 2;
const PART_U: usize = 3;

#[inline]
fn part(label: usize) -> usize {
    (label - 1) % 4
}

#[inline]
fn class(label: usize) -> usize {
    (label - 1) / 4
}

/// May label `cur` follow `prev`? After B or I the name goes on (I or L of
/// the same class); otherwise a name may start (B, U) or not (O).
#[inline]
pub fn allowed(prev: usize, cur: usize) -> bool {
    if prev != 0 && matches!(part(prev), PART_B | PART_I) {
        cur != 0 && class(cur) == class(prev) && matches!(part(cur), PART_I | PART_L)
    } else {
        allowed_start(cur)
    }
}

#[inline]
pub fn allowed_start(cur: usize) -> bool {
    cur == 0 || matches!(part(cur), PART_B | PART_U)
}

#[inline]
pub fn allowed_end(cur: usize) -> bool {
    cur == 0 || matches!(part(cur), PART_L | PART_U)
}

/// The IOB2 index ([`Tag::index`](super::Tag::index)) of a BILOU label.
#[inline]
pub fn to_iob(label: u8) -> u8 {
    let l = label as usize;
    if l == 0 {
        return 0;
    }
    let c = class(l) as u8;
    if matches!(part(l), PART_B | PART_U) {
        1 + 2 * c
    } else {
        2 + 2 * c
    }
}

/// BILOU labels of an IOB2 sequence (conlleval's reading: an I after
/// another class or after O starts a name). For the trainer (native only).
#[cfg(not(target_arch = "wasm32"))]
pub fn from_iob(iob: &[u8]) -> Vec<u8> {
    let class_of = |x: u8| (x as usize - 1) / 2;
    let starts = |i: usize| -> bool {
        let x = iob[i];
        x % 2 == 1 || i == 0 || iob[i - 1] == 0 || class_of(iob[i - 1]) != class_of(x)
    };
    (0..iob.len())
        .map(|i| {
            let x = iob[i];
            if x == 0 {
                return 0;
            }
            let goes_on = i + 1 < iob.len() && iob[i + 1] != 0 && !starts(i + 1);
            let p = match (starts(i), goes_on) {
                (true, true) => PART_B,
                (false, true) => PART_I,
                (false, false) => PART_L,
                (true, false) => PART_U,
            };
            (1 + 4 * class_of(x) + p) as u8
        })
        .collect()
}

pub struct Model {
    id: u64,
    pub(crate) bits: u32,
    pub(crate) weights: Vec<[i8; N_LABELS]>,
    pub(crate) trans: [[i32; N_LABELS]; N_LABELS],
    pub(crate) start: [i32; N_LABELS],
    pub(crate) end: [i32; N_LABELS],
    pub(crate) fingerprint: u64,
    pub(crate) scale: f32,
    gaz: Arc<Gazetteer>,
}

fn next_id() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(1);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Model parameters in plain form (what the trainer produces).
pub struct Params {
    pub bits: u32,
    pub fingerprint: u64,
    pub scale: f32,
    pub trans: [[i32; N_LABELS]; N_LABELS],
    pub start: [i32; N_LABELS],
    pub end: [i32; N_LABELS],
    pub weights: Vec<[i8; N_LABELS]>,
}

impl Params {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.push(self.bits as u8);
        out.push(N_LABELS as u8);
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        let nnz = self.weights.iter().filter(|w| w.iter().any(|&x| x != 0)).count() as u32;
        out.extend_from_slice(&nnz.to_le_bytes());
        let clamp = |x: i32| x.clamp(i16::MIN as i32, i16::MAX as i32) as i16;
        for row in &self.trans {
            for &x in row {
                out.extend_from_slice(&clamp(x).to_le_bytes());
            }
        }
        for &x in self.start.iter().chain(self.end.iter()) {
            out.extend_from_slice(&clamp(x).to_le_bytes());
        }
        let mut bitmap = vec![0u8; self.weights.len().div_ceil(8)];
        let mut masks: Vec<u32> = Vec::new();
        let mut vals = Vec::new();
        for (b, w) in self.weights.iter().enumerate() {
            let mut m = 0u32;
            for (l, &x) in w.iter().enumerate() {
                if x != 0 {
                    m |= 1 << l;
                    vals.push(x as u8);
                }
            }
            if m != 0 {
                bitmap[b / 8] |= 1 << (b % 8);
                masks.push(m);
            }
        }
        out.extend_from_slice(&bitmap);
        // each mask byte in its own run: compresses better
        for k in 0..MASK_BYTES {
            out.extend(masks.iter().map(|m| (m >> (8 * k)) as u8));
        }
        out.extend_from_slice(&vals);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Params, String> {
        let mut r = Reader { b: bytes, p: 0 };
        if r.take(4)? != MAGIC {
            return Err("bad magic (not an article-explorer NER model)".into());
        }
        let v = r.u16()?;
        if v != VERSION {
            return Err(format!("unsupported model version {v}"));
        }
        let bits = r.take(1)?[0] as u32;
        if !(1..=28).contains(&bits) {
            return Err(format!("bad table size 2^{bits}"));
        }
        if r.take(1)?[0] as usize != N_LABELS {
            return Err("bad label count".into());
        }
        let fingerprint = r.u64()?;
        let scale = f32::from_bits(r.u32()?);
        let nnz = r.u32()? as usize;
        let mut trans = [[0i32; N_LABELS]; N_LABELS];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.u16()? as i16 as i32;
            }
        }
        let mut start = [0i32; N_LABELS];
        let mut end = [0i32; N_LABELS];
        for x in start.iter_mut().chain(end.iter_mut()) {
            *x = r.u16()? as i16 as i32;
        }
        let nb = 1usize << bits;
        let bitmap = r.take(nb.div_ceil(8))?;
        let masks = r.take(MASK_BYTES * nnz)?;
        let mut weights = vec![[0i8; N_LABELS]; nb];
        let mut k = 0usize;
        let mut vp = r.p;
        for (byte_i, &byte) in bitmap.iter().enumerate() {
            if byte == 0 {
                continue;
            }
            for bit in 0..8 {
                if byte & (1 << bit) == 0 {
                    continue;
                }
                let b = byte_i * 8 + bit;
                if k >= nnz || b >= nb {
                    return Err("corrupt bucket bitmap".into());
                }
                let m = (0..MASK_BYTES).fold(0u32, |m, j| m | (masks[j * nnz + k] as u32) << (8 * j));
                k += 1;
                for (l, w) in weights[b].iter_mut().enumerate() {
                    if m & (1 << l) != 0 {
                        let x = *bytes.get(vp).ok_or("truncated weights")?;
                        *w = x as i8;
                        vp += 1;
                    }
                }
            }
        }
        if k != nnz || vp != bytes.len() {
            return Err("corrupt model (sizes disagree)".into());
        }
        Ok(Params { bits, fingerprint, scale, trans, start, end, weights })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}
impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.p + n > self.b.len() {
            return Err("truncated model file".into());
        }
        let s = &self.b[self.p..self.p + n];
        self.p += n;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, String> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, String> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(a))
    }
    fn u64(&mut self) -> Result<u64, String> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
}

/// Per-thread cache of pre-summed word-feature scores, keyed by word type
/// and sentence mode. It never changes results, only speed.
struct Entry {
    info: WordInfo,
    /// score contribution to the position at relative offset slot-2 … i.e.
    /// `vec[slot]` is added to the position `j - (slot - 2)`.
    vec: [[i16; N_LABELS]; N_OFFSETS],
}

struct Cache {
    model_id: u64,
    /// case mode of the sentence last scored
    mode: u8,
    maps: [FxHashMap<Box<str>, u32>; N_MODES],
    entries: Vec<Entry>,
    scratch: Scratch,
    wf: Vec<(u64, u8)>,
    pf: Vec<u64>,
    buckets: Vec<u32>,
    ends: Vec<usize>,
    idx: Vec<u32>,
    keys: Vec<u64>,
    marks: Vec<u128>,
    scores: Vec<[i32; N_LABELS]>,
    deltas: Vec<[i32; N_LABELS]>,
}

const CACHE_LIMIT: usize = 1 << 15;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache {
        model_id: 0,
        mode: 0,
        maps: Default::default(),
        entries: Vec::new(),
        scratch: Scratch::default(),
        wf: Vec::new(),
        pf: Vec::new(),
        buckets: Vec::new(),
        ends: Vec::new(),
        idx: Vec::new(),
        keys: Vec::new(),
        marks: Vec::new(),
        scores: Vec::new(),
        deltas: Vec::new(),
    });
}

impl Model {
    pub fn from_params(p: Params, gaz: Arc<Gazetteer>) -> Model {
        Model {
            id: next_id(),
            bits: p.bits,
            weights: p.weights,
            trans: p.trans,
            start: p.start,
            end: p.end,
            fingerprint: p.fingerprint,
            scale: p.scale,
            gaz,
        }
    }

    pub fn from_bytes(bytes: &[u8], gaz: Arc<Gazetteer>) -> Result<Model, String> {
        Ok(Model::from_params(Params::decode(bytes)?, gaz))
    }

    /// The gazetteers this model's features look words up in.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
    pub fn scale(&self) -> f32 {
        self.scale
    }

    fn word_entry(&self, word: &str, mode: u8, c: &mut Cache) -> u32 {
        if let Some(&k) = c.maps[mode as usize].get(word) {
            return k;
        }
        let shift = 64 - self.bits;
        let info = features::word_features(word, mode, &self.gaz, &mut c.scratch, &mut c.wf);
        let mut vec = [[0i16; N_LABELS]; N_OFFSETS];
        for (slot, v) in vec.iter_mut().enumerate() {
            let mut acc = [0i32; N_LABELS];
            for &(h, m) in &c.wf {
                if m & (1 << slot) != 0 {
                    let w = &self.weights[features::bucket(h, slot, shift)];
                    for l in 0..N_LABELS {
                        acc[l] += w[l] as i32;
                    }
                }
            }
            for l in 0..N_LABELS {
                v[l] = acc[l].clamp(i16::MIN as i32, i16::MAX as i32) as i16;
            }
        }
        let k = c.entries.len() as u32;
        c.entries.push(Entry { info, vec });
        c.maps[mode as usize].insert(word.into(), k);
        k
    }

    /// Emission scores of every position (used by `tag`; public for tests).
    #[doc(hidden)]
    pub fn emissions(&self, words: &[&str]) -> Vec<[i32; N_LABELS]> {
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            self.fill_scores(words, None, &mut c);
            c.scores.clone()
        })
    }

    fn fill_scores(&self, words: &[&str], doc: Option<&[DocCounts]>, c: &mut Cache) {
        if c.model_id != self.id {
            for m in c.maps.iter_mut() {
                m.clear();
            }
            c.entries.clear();
            c.model_id = self.id;
        }
        let n = words.len();
        // Evict only between calls: indices handed out below must stay valid
        // for the whole sentence (a huge sentence may exceed the limit once).
        if c.entries.len() + n + 2 > CACHE_LIMIT {
            for m in c.maps.iter_mut() {
                m.clear();
            }
            c.entries.clear();
        }
        let mode = features::sentence_mode(words);
        c.mode = mode;
        let bos = self.word_entry(features::BOS, mode, c);
        let eos = self.word_entry(features::EOS, mode, c);
        let mut idx = std::mem::take(&mut c.idx);
        idx.clear();
        for w in words {
            let k = self.word_entry(w, mode, c);
            idx.push(k);
        }
        c.scores.clear();
        c.scores.resize(n, [0; N_LABELS]);
        let ni = n as isize;
        for j in -2..ni + 2 {
            let e = if j < 0 {
                bos
            } else if j >= ni {
                eos
            } else {
                idx[j as usize]
            };
            let e = &c.entries[e as usize];
            for slot in 0..N_OFFSETS {
                let i = j - (slot as isize - 2);
                if i < 0 || i >= ni {
                    continue;
                }
                add_weights(&mut c.scores[i as usize], &e.vec[slot]);
            }
        }
        c.keys.clear();
        for &k in &idx {
            c.keys.push(c.entries[k as usize].info.gkey);
        }
        let mut marks = std::mem::take(&mut c.marks);
        self.gaz.phrase_marks(&c.keys, &mut marks);
        let shift = 64 - self.bits;
        let mut pf = std::mem::take(&mut c.pf);
        {
            let entries = &c.entries;
            let (bi, ei) = (entries[bos as usize].info, entries[eos as usize].info);
            let get = |j: isize| -> WordInfo {
                if j < 0 {
                    bi
                } else if j >= ni {
                    ei
                } else {
                    entries[idx[j as usize] as usize].info
                }
            };
            // Every bucket of the sentence first, then their weights: the
            // table is larger than the caches, and loads that do not wait on
            // hashing between them overlap.
            let buckets = &mut c.buckets;
            buckets.clear();
            let ends = &mut c.ends;
            ends.clear();
            let triggers = features::sentence_triggers(idx.iter().map(|&k| entries[k as usize].info));
            for (i, &mark) in marks[..n].iter().enumerate() {
                pf.clear();
                let around = [-1, 0, 1].map(|o| get(i as isize + o));
                features::position_features(i, mode, around, mark, triggers, &mut pf);
                if let Some(d) = doc {
                    features::doc_features(&d[i], get(i as isize).cap, mode, i == 0, &mut pf);
                }
                buckets.extend(pf.iter().map(|&h| features::bucket(h, 2, shift) as u32));
                ends.push(buckets.len());
            }
            let mut from = 0;
            for (s, &to) in c.scores.iter_mut().zip(ends.iter()) {
                for &b in &buckets[from..to] {
                    add_weights(s, &self.weights[b as usize]);
                }
                from = to;
            }
        }
        c.pf = pf;
        c.marks = marks;
        c.idx = idx;
    }

    /// [`tag_indices`](Self::tag_indices), and for each word how much its
    /// label's emission score exceeds O's (0 where the label is O): how sure
    /// the model is that the word is part of a name.
    pub fn tag_indices_with_margins(&self, words: &[&str]) -> (Vec<u8>, Vec<i32>) {
        let FirstPass { labels, margins, .. } = self.first_pass(words);
        (labels, margins)
    }

    /// The first pass over one sentence: its labels, margins, and the
    /// emission scores the [`second_pass`](Self::second_pass) adds to.
    pub fn first_pass(&self, words: &[&str]) -> FirstPass {
        if words.is_empty() {
            return FirstPass::default();
        }
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            self.fill_scores(words, None, &mut c);
            let c = &mut *c;
            let entries = &c.entries;
            let doc = c
                .idx
                .iter()
                .enumerate()
                .map(|(i, &k)| {
                    let w = &entries[k as usize].info;
                    (w.gkey, features::Written::from_info(w, c.mode, i == 0), w.cap)
                })
                .collect();
            let mut out = FirstPass { scores: c.scores.clone(), mode: c.mode, doc, ..FirstPass::default() };
            out.decode(self, &mut c.deltas);
            out
        })
    }

    /// The document-level second pass: given every sentence of a document
    /// and its [`first_pass`](Self::first_pass), decodes again each sentence
    /// where the rest of the document says something about one of its words
    /// (how the first pass labelled the word's other occurrences, how they
    /// are written): the first pass's scores plus the weights of those
    /// document features, so nothing else is computed twice.
    pub fn second_pass<S: AsRef<[W]>, W: AsRef<str>>(&self, sentences: &[S], first: &mut [FirstPass]) {
        let mut stats = DocStats::default();
        for (s, fp) in sentences.iter().zip(first.iter()) {
            debug_assert_eq!(s.as_ref().len(), fp.doc.len());
            for (&(key, written, _), &l) in fp.doc.iter().zip(&fp.labels) {
                stats.add(key, l, written);
            }
        }
        let shift = 64 - self.bits;
        let mut feats: Vec<u64> = Vec::new();
        let mut deltas = Vec::new();
        for fp in first.iter_mut() {
            let mut changed = false;
            for (i, &(key, written, cap)) in fp.doc.iter().enumerate() {
                feats.clear();
                let d = stats.others(key, fp.labels[i], written);
                features::doc_features(&d, cap, fp.mode, i == 0, &mut feats);
                for &h in &feats {
                    add_weights(&mut fp.scores[i], &self.weights[features::bucket(h, 2, shift)]);
                    changed = true;
                }
            }
            if changed {
                fp.decode(self, &mut deltas);
            }
        }
    }

    /// IOB2 labels and margins of every sentence of a document: the first
    /// pass sentence by sentence, then [`second_pass`](Self::second_pass).
    pub fn tag_document<S: AsRef<[W]>, W: AsRef<str>>(&self, sentences: &[S]) -> Vec<(Vec<u8>, Vec<i32>)> {
        let mut first: Vec<FirstPass> = sentences
            .iter()
            .map(|s| {
                let w: Vec<&str> = s.as_ref().iter().map(|w| w.as_ref()).collect();
                self.first_pass(&w)
            })
            .collect();
        self.second_pass(sentences, &mut first);
        first.into_iter().map(|fp| (fp.labels, fp.margins)).collect()
    }

    /// IOB2 label indices ([`Tag::index`](super::Tag::index)) for one
    /// sentence (constrained Viterbi over BILOU labels).
    pub fn tag_indices(&self, words: &[&str]) -> Vec<u8> {
        if words.is_empty() {
            return Vec::new();
        }
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            self.fill_scores(words, None, &mut c);
            let c = &mut *c;
            let labels = viterbi(&c.scores, &self.trans, &self.start, &self.end, &mut c.deltas);
            labels.into_iter().map(to_iob).collect()
        })
    }
}

/// One sentence after the first pass ([`Model::first_pass`]): IOB2 labels,
/// each word's margin of its label over O, and the emission scores.
#[derive(Debug, Clone, Default)]
pub struct FirstPass {
    pub labels: Vec<u8>,
    pub margins: Vec<i32>,
    /// Each word's margin of its label over the same part of a name of the
    /// best other class (0 where the label is O): how sure the model is of
    /// the kind, once it is sure of the name.
    pub kind_margins: Vec<i32>,
    scores: Vec<[i32; N_LABELS]>,
    /// the sentence's case mode, and each word's document key, writing and
    /// capitalisation: what the second pass reads (computed once, here)
    mode: u8,
    doc: Vec<(u64, features::Written, bool)>,
}

impl FirstPass {
    /// Labels and margins from the scores (constrained Viterbi).
    fn decode(&mut self, m: &Model, deltas: &mut Vec<[i32; N_LABELS]>) {
        let labels = viterbi(&self.scores, &m.trans, &m.start, &m.end, deltas);
        self.margins = labels.iter().zip(&self.scores).map(|(&l, s)| s[l as usize] - s[0]).collect();
        self.kind_margins = labels.iter().zip(&self.scores).map(|(&l, s)| kind_margin(l as usize, s)).collect();
        self.labels = labels.into_iter().map(to_iob).collect();
    }
}

/// How much label `l`'s emission score `s[l]` exceeds the same part (B, I,
/// L or U) of every other class: 0 for O.
fn kind_margin(l: usize, s: &[i32; N_LABELS]) -> i32 {
    if l == 0 {
        return 0;
    }
    let best_other = (0..4).filter(|&c| c != class(l)).map(|c| s[1 + 4 * c + part(l)]).max();
    best_other.map_or(0, |b| s[l] - b)
}

/// Adds one feature's weights (`i8` buckets or `i16` embedding rows) to a token's label scores.
#[inline]
fn add_weights<W: Copy + Into<i32>>(scores: &mut [i32; N_LABELS], weights: &[W; N_LABELS]) {
    for (s, &w) in scores.iter_mut().zip(weights) {
        *s += w.into();
    }
}

/// Labels that may follow O, L or U (and start a sentence): O, B-*, U-*.
const OPEN: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// Their predecessors, ascending: O, L-*, U-* (a name has ended or there was none).
const OPEN_PREDS: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// Constrained Viterbi (valid BILOU only). Ties go to the lower label index.
///
/// Written for BILOU's two kinds of label: O, B and U follow O, L or U
/// (nine predecessors each); I and L follow the B or I of their class (two).
/// That is the 97 allowed pairs of [`allowed`], walked without a table or a
/// branch on unreachable states (from the second word on every label is
/// reachable; at the first, the unreachable ones score far below any path).
///
/// The forward pass keeps only each position's best scores (in `deltas`,
/// scratch reused between calls): the walk back finds each word's
/// predecessor as the first, in ascending order, whose path gives that
/// score, which is the one a strict `>` over ascending labels would keep.
pub fn viterbi(
    scores: &[[i32; N_LABELS]],
    trans: &[[i32; N_LABELS]; N_LABELS],
    start: &[i32; N_LABELS],
    end: &[i32; N_LABELS],
    deltas: &mut Vec<[i32; N_LABELS]>,
) -> Vec<u8> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    // transitions into the open labels, a row per predecessor: into O, and
    // into the eight B and U (a loop over eight lanes vectorises)
    let mut into_o = [0i32; OPEN_PREDS.len()];
    let mut into_bu = [[0i32; 8]; OPEN_PREDS.len()];
    for ((o, row), &p) in into_o.iter_mut().zip(&mut into_bu).zip(&OPEN_PREDS) {
        *o = trans[p][0];
        for (t, &y) in row.iter_mut().zip(&OPEN[1..]) {
            *t = trans[p][y];
        }
    }
    let mut delta = [NEG; N_LABELS];
    for y in 0..N_LABELS {
        if allowed_start(y) {
            delta[y] = start[y] + scores[0][y];
        }
    }
    deltas.clear();
    deltas.push(delta);
    for sc in &scores[1..] {
        let mut nd = [NEG; N_LABELS];
        let d = delta[OPEN_PREDS[0]];
        let mut best_o = d + into_o[0];
        let mut best = into_bu[0].map(|t| d + t);
        for ((&p, &o), row) in OPEN_PREDS.iter().zip(&into_o).zip(&into_bu).skip(1) {
            let d = delta[p];
            best_o = best_o.max(d + o);
            for (b, &t) in best.iter_mut().zip(row) {
                *b = (*b).max(d + t);
            }
        }
        nd[0] = best_o + sc[0];
        for (&y, &b) in OPEN[1..].iter().zip(&best) {
            nd[y] = b + sc[y];
        }
        for c in 0..4 {
            let (b, inside) = (1 + 4 * c, 2 + 4 * c);
            for y in [inside, inside + 1] {
                nd[y] = (delta[b] + trans[b][y]).max(delta[inside] + trans[inside][y]) + sc[y];
            }
        }
        delta = nd;
        deltas.push(delta);
    }
    let mut best = NEG;
    let mut arg = 0usize;
    for y in 0..N_LABELS {
        if delta[y] == NEG || !allowed_end(y) {
            continue;
        }
        let v = delta[y] + end[y];
        if v > best {
            best = v;
            arg = y;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = arg as u8;
    for i in (1..n).rev() {
        let y = out[i] as usize;
        let (prev, target) = (&deltas[i - 1], deltas[i][y] - scores[i][y]);
        let from = |p: usize| prev[p] + trans[p][y];
        let p = if y != 0 && matches!(part(y), PART_I | PART_L) {
            let b = 1 + 4 * class(y);
            if from(b) == target {
                b
            } else {
                b + 1
            }
        } else {
            OPEN_PREDS.into_iter().find(|&p| from(p) == target).unwrap_or(0)
        };
        out[i - 1] = p as u8;
        debug_assert!(allowed(p, y));
    }
    out
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("bits", &self.bits)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}
