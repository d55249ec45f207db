//! Training and evaluation (used by `src/bin/train.rs`; no file access here).
//!
//! Not part of the app: tagging at run time is `model.rs`'s;
//! this only produces and measures the weights it loads.
//!
//! Averaged structured perceptron (Collins 2002) over 17 BILOU labels with
//! constrained first-order Viterbi. Weights are integers during training and
//! averaged with the `w − u/c` trick, so training is exactly reproducible.
//! Everything random (epoch shuffles, case augmentation, feature dropout)
//! comes from a seeded SplitMix64.

use super::features::{self, DocCounts, DocStats, Scratch};
use super::model::{self, Params, N_LABELS};
use super::{gazetteer, Model, Tag};

#[derive(Clone, Debug)]
pub struct Sentence {
    pub words: Vec<String>,
    pub labels: Vec<u8>,
    /// Which document (counted from 0 at each `-DOCSTART-` line) it is in.
    pub doc: usize,
}

/// Parses CoNLL-2003 text (`TOKEN POS [CHUNK] TAG` lines, blank line between
/// sentences, `-DOCSTART-` lines ignored).
pub fn parse_conll(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut doc = 0;
    let mut seen_start = false;
    let mut cur = Sentence { words: Vec::new(), labels: Vec::new(), doc };
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::replace(&mut cur, Sentence { words: Vec::new(), labels: Vec::new(), doc }));
            }
            continue;
        }
        let mut parts = line.split(' ');
        let tok = parts.next().unwrap_or("");
        if tok == "-DOCSTART-" {
            if seen_start {
                doc += 1;
            }
            seen_start = true;
            cur.doc = doc;
            continue;
        }
        let tag = parts.next_back().ok_or_else(|| format!("line {}: no tag", ln + 1))?;
        let t = Tag::parse(tag).ok_or_else(|| format!("line {}: bad tag {tag:?}", ln + 1))?;
        cur.words.push(tok.to_string());
        cur.labels.push(t.index());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    if !seen_start {
        number_stories(&mut out);
    }
    Ok(out)
}

/// Numbers the documents of data without `-DOCSTART-` markers: each Reuters
/// story opens with a headline and then a dateline sentence ending in an
/// ISO date (`LONDON 1996-08-30`), so a story starts one sentence before
/// each such dateline.
fn number_stories(data: &mut [Sentence]) {
    let is_dateline = |s: &Sentence| {
        let last = s.words.last().map_or("", String::as_str).as_bytes();
        s.words.len() <= 8
            && last.len() == 10
            && last.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
    };
    let mut doc = 0;
    for i in 0..data.len() {
        if i > 0 && data.get(i + 1).is_some_and(is_dateline) && !is_dateline(&data[i]) {
            doc += 1;
        }
        data[i].doc = doc;
    }
}

/// SplitMix64.
pub struct Rng(pub u64);
impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1) with 24-bit resolution (exact, platform independent).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 40) as f64 / (1u64 << 24) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub bits: u32,
    pub epochs: usize,
    pub seed: u64,
    /// probability of showing a sentence in ALL CAPS
    pub p_upper: f64,
    /// probability of showing a sentence in Title Case
    pub p_title: f64,
    /// probability of showing a sentence all in lowercase
    pub p_lower: f64,
    /// probability of dropping each feature occurrence in an update
    pub dropout: f64,
    /// quantisation: weights with |w| < `prune` (perceptron units) are zeroed
    pub prune: f64,
    /// quantisation: one i8 unit = `scale` perceptron units
    pub scale: f64,
    /// loss-augmented decoding: added to every wrong label's score in training
    pub margin: i32,
    /// train the document-level second pass's features (see [`jackknife`])
    pub doc_pass: bool,
    /// probability of showing a sentence without its document-level features,
    /// so that the same weights also serve the first pass
    pub doc_drop: f64,
    /// folds of the jackknife that gives the second pass its training labels
    pub folds: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            bits: 18,
            epochs: 12,
            seed: 20030,
            p_upper: 0.15,
            p_title: 0.2,
            p_lower: 0.2,
            dropout: 0.1,
            prune: 1.0,
            scale: 0.3,
            margin: 0,
            doc_pass: true,
            doc_drop: 0.3,
            folds: 4,
        }
    }
}

const SMALL_WORDS: &[&str] =
    &["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and", "or", "but", "as", "with", "from"];

/// Re-cases a sentence: mode 1 = ALL CAPS, 2 = Title Case (small words kept
/// lowercase when `keep_small`), 3 = all lowercase.
pub fn recase(words: &[String], mode: u8, keep_small: bool) -> Vec<String> {
    words
        .iter()
        .map(|w| match mode {
            1 => w.to_uppercase(),
            2 => {
                if keep_small && SMALL_WORDS.contains(&w.as_str()) {
                    return w.clone();
                }
                let mut cs = w.chars();
                match cs.next() {
                    Some(c) => c.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            }
            3 => w.to_lowercase(),
            _ => w.clone(),
        })
        .collect()
}

pub struct Trainer {
    pub cfg: Config,
    w: Vec<i32>,
    u: Vec<i64>,
    tw: [[i32; N_LABELS]; N_LABELS],
    tu: [[i64; N_LABELS]; N_LABELS],
    sw: [i32; N_LABELS],
    su: [i64; N_LABELS],
    ew: [i32; N_LABELS],
    eu: [i64; N_LABELS],
    c: i64,
    rng: Rng,
    scratch: Scratch,
}

impl Trainer {
    pub fn new(cfg: Config) -> Trainer {
        let n = (1usize << cfg.bits) * N_LABELS;
        let seed = cfg.seed;
        Trainer {
            cfg,
            w: vec![0; n],
            u: vec![0; n],
            tw: [[0; N_LABELS]; N_LABELS],
            tu: [[0; N_LABELS]; N_LABELS],
            sw: [0; N_LABELS],
            su: [0; N_LABELS],
            ew: [0; N_LABELS],
            eu: [0; N_LABELS],
            c: 1,
            rng: Rng(seed),
            scratch: Scratch::default(),
        }
    }

    /// One epoch over `data` in a seeded shuffled order. Returns the number of
    /// sentences with a mistake.
    ///
    /// `docs`: each sentence's document-level counts per word (the second
    /// pass's features; see [`doc_counts`]), shown with p = 1 − `doc_drop`.
    pub fn epoch(&mut self, data: &[Sentence], docs: Option<&[Vec<DocCounts>]>) -> usize {
        let mut order: Vec<usize> = (0..data.len()).collect();
        for i in (1..order.len()).rev() {
            let j = self.rng.below(i + 1);
            order.swap(i, j);
        }
        let gaz = super::gazetteer();
        let mut mistakes = 0;
        let mut deltas = Vec::new();
        let mut scores: Vec<[i32; N_LABELS]> = Vec::new();
        for &k in &order {
            let s = &data[k];
            let r = self.rng.unit();
            let words: Vec<String> = if r < self.cfg.p_upper {
                recase(&s.words, 1, false)
            } else if r < self.cfg.p_upper + self.cfg.p_title {
                let keep = self.rng.unit() < 0.5;
                recase(&s.words, 2, keep)
            } else if r < self.cfg.p_upper + self.cfg.p_title + self.cfg.p_lower {
                recase(&s.words, 3, false)
            } else {
                s.words.clone()
            };
            let refs: Vec<&str> = words.iter().map(|x| x.as_str()).collect();
            let gold = model::from_iob(&s.labels);
            let doc = match docs {
                Some(d) if self.rng.unit() >= self.cfg.doc_drop => Some(d[k].as_slice()),
                _ => None,
            };
            let mut feats = features::sentence_buckets(&refs, gaz, self.cfg.bits, doc, &mut self.scratch);
            if self.cfg.dropout > 0.0 {
                for f in feats.iter_mut() {
                    let d = self.cfg.dropout;
                    let rng = &mut self.rng;
                    f.retain(|_| rng.unit() >= d);
                }
            }
            scores.clear();
            for f in &feats {
                let mut acc = [0i32; N_LABELS];
                for &b in f {
                    let w = &self.w[b as usize * N_LABELS..b as usize * N_LABELS + N_LABELS];
                    for l in 0..N_LABELS {
                        acc[l] += w[l];
                    }
                }
                scores.push(acc);
            }
            if self.cfg.margin != 0 {
                for (i, sc) in scores.iter_mut().enumerate() {
                    for (l, x) in sc.iter_mut().enumerate() {
                        if l != gold[i] as usize {
                            *x += self.cfg.margin;
                        }
                    }
                }
            }
            let pred = model::viterbi(&scores, &self.tw, &self.sw, &self.ew, &mut deltas);
            if pred != gold {
                mistakes += 1;
                let c = self.c;
                for (i, f) in feats.iter().enumerate() {
                    let (g, p) = (gold[i] as usize, pred[i] as usize);
                    if g == p {
                        continue;
                    }
                    for &b in f {
                        let base = b as usize * N_LABELS;
                        self.w[base + g] += 1;
                        self.u[base + g] += c;
                        self.w[base + p] -= 1;
                        self.u[base + p] -= c;
                    }
                }
                let n = gold.len();
                let (g0, p0) = (gold[0] as usize, pred[0] as usize);
                self.sw[g0] += 1;
                self.su[g0] += c;
                self.sw[p0] -= 1;
                self.su[p0] -= c;
                let (gn, pn) = (gold[n - 1] as usize, pred[n - 1] as usize);
                self.ew[gn] += 1;
                self.eu[gn] += c;
                self.ew[pn] -= 1;
                self.eu[pn] -= c;
                for i in 1..n {
                    let (a, b) = (gold[i - 1] as usize, gold[i] as usize);
                    self.tw[a][b] += 1;
                    self.tu[a][b] += c;
                    let (a, b) = (pred[i - 1] as usize, pred[i] as usize);
                    self.tw[a][b] -= 1;
                    self.tu[a][b] -= c;
                }
            }
            self.c += 1;
        }
        mistakes
    }

    fn avg(&self, w: i32, u: i64) -> f64 {
        w as f64 - u as f64 / self.c as f64
    }

    /// Averaged, pruned and i8-quantised parameters.
    pub fn params(&self, prune: f64, scale: f64) -> Params {
        let nb = 1usize << self.cfg.bits;
        let mut weights = vec![[0i8; N_LABELS]; nb];
        for (b, row) in weights.iter_mut().enumerate() {
            for (l, w) in row.iter_mut().enumerate() {
                let k = b * N_LABELS + l;
                let a = self.avg(self.w[k], self.u[k]);
                if a.abs() < prune {
                    continue;
                }
                *w = (a / scale).round().clamp(-127.0, 127.0) as i8;
            }
        }
        let q = |x: f64| (x / scale).round() as i32;
        let mut trans = [[0i32; N_LABELS]; N_LABELS];
        let mut start = [0i32; N_LABELS];
        let mut end = [0i32; N_LABELS];
        for a in 0..N_LABELS {
            for (b, t) in trans[a].iter_mut().enumerate() {
                *t = q(self.avg(self.tw[a][b], self.tu[a][b]));
            }
            start[a] = q(self.avg(self.sw[a], self.su[a]));
            end[a] = q(self.avg(self.ew[a], self.eu[a]));
        }
        Params {
            bits: self.cfg.bits,
            fingerprint: super::feature_fingerprint(),
            scale: scale as f32,
            trans,
            start,
            end,
            weights,
        }
    }

    /// Distribution summary of the averaged weights: (count non-zero,
    /// quantiles of |w| at 50/90/99/99.9 %, max).
    pub fn weight_stats(&self) -> (usize, [f64; 5]) {
        let mut v: Vec<f64> =
            self.w.iter().zip(&self.u).map(|(&w, &u)| self.avg(w, u).abs()).filter(|&x| x > 0.0).collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let q = |p: f64| if v.is_empty() { 0.0 } else { v[((v.len() - 1) as f64 * p) as usize] };
        (v.len(), [q(0.5), q(0.9), q(0.99), q(0.999), q(1.0)])
    }
}

/// Entity spans (start, end exclusive, class index) like conlleval: a chunk
/// starts at B-X, or at I-X not preceded by B-X/I-X.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, u8)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let (is_b, is_i, c) = if l == 0 { (false, false, 0) } else { (l % 2 == 1, l % 2 == 0, (l - 1) / 2) };
        let cont = matches!(cur, Some((_, cc)) if is_i && cc == c);
        if !cont {
            if let Some((s, cc)) = cur.take() {
                out.push((s, i, cc));
            }
            if is_b || is_i {
                cur = Some((i, c));
            }
        }
    }
    if let Some((s, cc)) = cur {
        out.push((s, labels.len(), cc));
    }
    out
}

/// Counts per class: (true positives, predicted, gold).
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub per_class: [(usize, usize, usize); 4],
}

impl Scores {
    pub fn add(&mut self, gold: &[u8], pred: &[u8]) {
        let g = spans(gold);
        let p = spans(pred);
        for s in &g {
            self.per_class[s.2 as usize].2 += 1;
        }
        for s in &p {
            self.per_class[s.2 as usize].1 += 1;
            if g.contains(s) {
                self.per_class[s.2 as usize].0 += 1;
            }
        }
    }
    fn prf(tp: usize, np: usize, ng: usize) -> (f64, f64, f64) {
        let p = if np == 0 { 0.0 } else { tp as f64 / np as f64 };
        let r = if ng == 0 { 0.0 } else { tp as f64 / ng as f64 };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }
    /// (P, R, F1) micro-averaged over the given class indices.
    pub fn micro(&self, classes: &[usize]) -> (f64, f64, f64) {
        let (mut tp, mut np, mut ng) = (0, 0, 0);
        for &c in classes {
            let x = self.per_class[c];
            tp += x.0;
            np += x.1;
            ng += x.2;
        }
        Self::prf(tp, np, ng)
    }
    /// PER+ORG+LOC micro F1.
    pub fn pol_f1(&self) -> f64 {
        self.micro(&[0, 1, 2]).2
    }
    pub fn table(&self) -> String {
        let mut s = format!("{:<14} {:>7} {:>7} {:>7} {:>6} {:>6}\n", "type", "P", "R", "F1", "gold", "pred");
        let names = ["PER", "ORG", "LOC", "MISC"];
        let mut row = |name: &str, cls: &[usize]| {
            let (p, r, f) = self.micro(cls);
            let ng: usize = cls.iter().map(|&c| self.per_class[c].2).sum();
            let np: usize = cls.iter().map(|&c| self.per_class[c].1).sum();
            s.push_str(&format!(
                "{:<14} {:>7.2} {:>7.2} {:>7.2} {:>6} {:>6}\n",
                name,
                100.0 * p,
                100.0 * r,
                100.0 * f,
                ng,
                np
            ));
        };
        for (i, n) in names.iter().enumerate() {
            row(n, &[i]);
        }
        row("PER+ORG+LOC", &[0, 1, 2]);
        row("overall", &[0, 1, 2, 3]);
        s
    }
}

/// Tags every sentence with `m` one at a time (the first pass only) and
/// scores it against the gold labels.
pub fn evaluate_sentences(m: &Model, data: &[Sentence]) -> Scores {
    let mut sc = Scores::default();
    for s in data {
        let refs: Vec<&str> = s.words.iter().map(|x| x.as_str()).collect();
        let pred = m.tag_indices(&refs);
        sc.add(&s.labels, &pred);
    }
    sc
}

/// Runs of consecutive sentences of one document.
pub fn documents(data: &[Sentence]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= data.len() {
            return None;
        }
        let doc = data[start].doc;
        let end = start + data[start..].iter().take_while(|s| s.doc == doc).count();
        let r = start..end;
        start = end;
        Some(r)
    })
}

/// Tags every document with `m` as the app does (first pass, then the
/// document-level [`second_pass`](Model::second_pass)) and scores it.
pub fn evaluate(m: &Model, data: &[Sentence]) -> Scores {
    let mut sc = Scores::default();
    for r in documents(data) {
        let words: Vec<&[String]> = data[r.clone()].iter().map(|s| s.words.as_slice()).collect();
        for (s, (pred, _)) in data[r].iter().zip(m.tag_document(&words)) {
            sc.add(&s.labels, &pred);
        }
    }
    sc
}

/// Each sentence's document-level counts per word, from labels `pred` of
/// every sentence (IOB2): what the second pass sees.
pub fn doc_counts(data: &[Sentence], pred: &[Vec<u8>]) -> Vec<Vec<DocCounts>> {
    let mut out = Vec::with_capacity(data.len());
    let mut scratch = Scratch::default();
    for r in documents(data) {
        let mut stats = DocStats::default();
        let mut keys = Vec::new();
        for (s, p) in data[r.clone()].iter().zip(&pred[r.clone()]) {
            let mode = features::sentence_mode(&s.words);
            let k: Vec<_> =
                s.words.iter().enumerate().map(|(i, w)| features::doc_key(w, mode, i == 0, &mut scratch)).collect();
            for (&(key, written, _), &l) in k.iter().zip(p) {
                stats.add(key, l, written);
            }
            keys.push(k);
        }
        for (k, p) in keys.iter().zip(&pred[r]) {
            out.push(k.iter().zip(p).map(|(&(key, written, _), &l)| stats.others(key, l, written)).collect());
        }
    }
    out
}

/// First-pass labels of every training sentence from models that did not see
/// it: documents split in `folds` by index; each fold tagged by a model
/// trained (without document features) on the others. What the second pass
/// learns from must be as wrong as the first pass is on new text.
pub fn jackknife(cfg: &Config, data: &[Sentence]) -> Vec<Vec<u8>> {
    let folds = cfg.folds.max(2);
    let mut pred: Vec<Vec<u8>> = vec![Vec::new(); data.len()];
    for f in 0..folds {
        let rest: Vec<Sentence> = data.iter().filter(|s| s.doc % folds != f).cloned().collect();
        let mut t = Trainer::new(Config { doc_pass: false, seed: cfg.seed + 1 + f as u64, ..cfg.clone() });
        for _ in 0..cfg.epochs {
            t.epoch(&rest, None);
        }
        let m = model_from(t.params(cfg.prune, cfg.scale));
        for (s, p) in data.iter().zip(pred.iter_mut()) {
            if s.doc % folds == f {
                let refs: Vec<&str> = s.words.iter().map(|x| x.as_str()).collect();
                *p = m.tag_indices(&refs);
            }
        }
    }
    pred
}

/// Builds a model object from parameters (uses the crate's gazetteers).
pub fn model_from(p: Params) -> Model {
    Model::from_params(p, super::gazetteer().clone())
}

#[allow(unused_imports)]
use gazetteer as _;

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn spans_like_conlleval() {
        // B-PER I-PER O I-LOC B-LOC I-ORG
        let l = [1, 2, 0, 6, 5, 4];
        assert_eq!(spans(&l), vec![(0, 2, 0), (3, 4, 2), (4, 5, 2), (5, 6, 1)]);
    }
    #[test]
    fn parses_conll() {
        let s = parse_conll("EU NNP B-ORG\nrejects VBZ O\n\nPeter NNP B-PER\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].labels, vec![3, 0]);
        assert!(parse_conll("x NN B-FOO\n").is_err());
    }
}
