//! Named-entity recognition: PER, ORG, LOC, MISC in IOB2.
//!
//! It tags the words of one sentence and nothing more: cleaning mentions and
//! grouping them into entities is [`entities`](crate::core::entities)'s job.
//!
//! A first-order averaged structured perceptron with constrained Viterbi
//! decoding, trained on CoNLL-2003 English (see `docs/NER.md`). Weights are
//! hashed features quantised to i8, shipped as `model/ner.bin`: embedded
//! with `include_bytes!` in native builds, and packed with the gazetteers
//! into one [`bundle`] file that the browser fetches only when a reader
//! brings an article of their own. Plain `std`; compiles natively and to wasm32.
//!
//! ```
//! use article_explorer::core::ner::{model, NerClass, Tag};
//! let tags = model().tag(&["Jane", "Doe", "visited", "Nairobi", "."]);
//! assert_eq!(tags[3], Tag::B(NerClass::Loc));
//! ```

pub mod bundle;
pub mod cues;
pub mod features;
pub mod gazetteer;
pub mod hash;
mod model;
pub mod text;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod train;

pub use model::Model;
#[doc(hidden)]
pub use model::{viterbi, FirstPass, Params, N_LABELS};

#[cfg(not(target_arch = "wasm32"))]
use std::sync::{Arc, OnceLock};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NerClass {
    Per,
    Org,
    Loc,
    Misc,
}

impl NerClass {
    pub const ALL: [NerClass; 4] = [NerClass::Per, NerClass::Org, NerClass::Loc, NerClass::Misc];
    /// "PER", "ORG", "LOC", "MISC"
    pub fn as_str(self) -> &'static str {
        match self {
            NerClass::Per => "PER",
            NerClass::Org => "ORG",
            NerClass::Loc => "LOC",
            NerClass::Misc => "MISC",
        }
    }
    fn index(self) -> usize {
        match self {
            NerClass::Per => 0,
            NerClass::Org => 1,
            NerClass::Loc => 2,
            NerClass::Misc => 3,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(NerClass),
    I(NerClass),
}

impl Tag {
    /// Label index used by the model: 0 = O, 1 + 2c = B, 2 + 2c = I.
    #[doc(hidden)]
    pub fn index(self) -> u8 {
        match self {
            Tag::O => 0,
            Tag::B(c) => 1 + 2 * c.index() as u8,
            Tag::I(c) => 2 + 2 * c.index() as u8,
        }
    }
    #[doc(hidden)]
    pub fn from_index(i: u8) -> Tag {
        if i == 0 || i >= 9 {
            return Tag::O;
        }
        let c = NerClass::ALL[((i - 1) / 2) as usize];
        if i % 2 == 1 {
            Tag::B(c)
        } else {
            Tag::I(c)
        }
    }
    /// Parses "O", "B-PER", "I-LOC", …
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bi, cls) = s.split_once('-')?;
        let c = match cls {
            "PER" => NerClass::Per,
            "ORG" => NerClass::Org,
            "LOC" => NerClass::Loc,
            "MISC" => NerClass::Misc,
            _ => return None,
        };
        match bi {
            "B" => Some(Tag::B(c)),
            "I" => Some(Tag::I(c)),
            _ => None,
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(c) => write!(f, "B-{}", c.as_str()),
            Tag::I(c) => write!(f, "I-{}", c.as_str()),
        }
    }
}

/// The embedded weights (`model/ner.bin`): native builds only (the browser
/// fetches them in a [`bundle`] when a reader brings an article).
#[cfg(not(target_arch = "wasm32"))]
pub static MODEL_BYTES: &[u8] = include_bytes!("../../../model/ner.bin");

/// The gazetteers, built once on first use (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn gazetteer() -> &'static Arc<gazetteer::Gazetteer> {
    static G: OnceLock<Arc<gazetteer::Gazetteer>> = OnceLock::new();
    G.get_or_init(|| Arc::new(gazetteer::Gazetteer::build()))
}

/// Fingerprint a model must carry to match these features and lists.
pub fn feature_fingerprint_for(gaz: &gazetteer::Gazetteer) -> u64 {
    hash::fmix(hash::add(gaz.fingerprint(), features::FEATURE_VERSION))
}

/// Fingerprint a model must carry to match this build's features and lists.
#[cfg(not(target_arch = "wasm32"))]
pub fn feature_fingerprint() -> u64 {
    feature_fingerprint_for(gazetteer())
}

/// The model embedded in the crate (parsed once, lazily; native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn model() -> Arc<Model> {
    static M: OnceLock<Arc<Model>> = OnceLock::new();
    M.get_or_init(|| {
        Arc::new(
            Model::from_bytes(MODEL_BYTES, gazetteer().clone())
                .unwrap_or_else(|e| panic!("embedded model/ner.bin is invalid: {e}")),
        )
    })
    .clone()
}

impl Model {
    /// Tags one sentence. `words` are slices of the original text. Output
    /// has one Tag per word and is a valid BIO sequence.
    pub fn tag(&self, words: &[&str]) -> Vec<Tag> {
        self.tag_indices(words).into_iter().map(Tag::from_index).collect()
    }

    /// [`tag`](Self::tag), and for each word how much more the model scored
    /// its tag than O (0 for O; in the model's quantised units): a low
    /// margin is a name the model was unsure of.
    pub fn tag_with_margins(&self, words: &[&str]) -> (Vec<Tag>, Vec<i32>) {
        let (labels, margins) = self.tag_indices_with_margins(words);
        (labels.into_iter().map(Tag::from_index).collect(), margins)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_loads_and_matches_features() {
        let m = model();
        assert!(m.bits() >= 10);
        assert_eq!(
            m.fingerprint(),
            feature_fingerprint(),
            "model/ner.bin was trained with other features or gazetteers: retrain"
        );
    }

    #[test]
    fn tags_a_simple_sentence() {
        let w = ["Defense", "Minister", "Jane", "Doe", "visited", "Nairobi", "."];
        let t = model().tag(&w);
        assert_eq!(t.len(), w.len());
        assert_eq!(t[2], Tag::B(NerClass::Per), "{t:?}");
        assert_eq!(t[3], Tag::I(NerClass::Per), "{t:?}");
        assert_eq!(t[5], Tag::B(NerClass::Loc), "{t:?}");
        assert_eq!(t[4], Tag::O);
        assert_eq!(t[6], Tag::O);
    }

    #[test]
    fn curly_quotes_and_possessives() {
        let w = [
            "\u{201C}",
            "We",
            "will",
            "win",
            ",",
            "\u{201D}",
            "said",
            "Angela",
            "Merkel",
            "in",
            "Berlin",
            "\u{2019}s",
            "parliament",
            ".",
        ];
        let t = model().tag(&w);
        assert_eq!(t[7], Tag::B(NerClass::Per), "{t:?}");
        assert_eq!(t[8], Tag::I(NerClass::Per), "{t:?}");
        assert_eq!(t[10], Tag::B(NerClass::Loc), "{t:?}");
        assert_eq!(t[11], Tag::O, "{t:?}");
    }

    fn valid_bio(t: &[Tag]) -> bool {
        let mut prev = Tag::O;
        for &x in t {
            if let Tag::I(c) = x {
                if prev != Tag::B(c) && prev != Tag::I(c) {
                    return false;
                }
            }
            prev = x;
        }
        true
    }

    #[test]
    fn output_is_always_valid_bio() {
        // Deterministic pseudo-random word salad, including odd tokens.
        let vocab = [
            "the",
            "New",
            "York",
            "Times",
            "of",
            "U.S.",
            "I",
            "'s",
            "\u{2019}s",
            "1,000",
            "--",
            "\u{201C}",
            "Bank",
            "JOHN",
            "smith",
            "Ltd",
            "-",
            "",
            "é",
            "Paris",
            "and",
            "WORLD",
            "Cup",
            "in",
            "Mr.",
            "Obama",
            "said",
            ".",
        ];
        let mut s = 0x1234_5678u64;
        for len in 0..60 {
            let words: Vec<&str> = (0..len)
                .map(|_| {
                    s ^= s << 13;
                    s ^= s >> 7;
                    s ^= s << 17;
                    vocab[(s % vocab.len() as u64) as usize]
                })
                .collect();
            let t = model().tag(&words);
            assert_eq!(t.len(), words.len());
            assert!(valid_bio(&t), "{words:?} -> {t:?}");
        }
    }

    #[test]
    fn cached_scores_equal_reference_features() {
        let m = model();
        let sents: [&[&str]; 3] = [
            &["Defense", "Minister", "Jane", "Doe", "visited", "New", "York", "."],
            &["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", ",", "CHINA", "IN", "SURPRISE", "DEFEAT", "."],
            &["Biden", "Says", "Ukraine", "Aid", "Will", "Pass"],
        ];
        for w in sents {
            let got = m.emissions(w);
            let mut s = features::Scratch::default();
            let b = features::sentence_buckets(w, gazetteer(), m.bits(), None, &mut s);
            for (i, fs) in b.iter().enumerate() {
                let mut acc = [0i32; N_LABELS];
                for &f in fs {
                    for (a, &w) in acc.iter_mut().zip(&m.weights[f as usize]) {
                        *a += w as i32;
                    }
                }
                assert_eq!(acc, got[i], "{w:?} position {i}");
            }
        }
    }

    #[test]
    fn cache_eviction_keeps_results() {
        // More distinct words than the per-thread cache holds, in one
        // sentence and across sentences: results must not change.
        let words: Vec<String> = (0..40_000).map(|i| format!("Name{i}")).collect();
        let refs: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        let long = model().tag(&refs);
        assert_eq!(long.len(), refs.len());
        let w = ["Defense", "Minister", "Jane", "Doe", "visited", "Nairobi", "."];
        let a = model().tag(&w);
        for chunk in refs.chunks(1000) {
            model().tag(chunk);
        }
        assert_eq!(model().tag(&w), a);
        assert_eq!(model().tag(&refs[..5]), model().tag(&refs[..5]));
    }

    #[test]
    fn second_pass_keeps_sentences_it_learns_nothing_about() {
        let m = model();
        let doc: [&[&str]; 3] = [
            &["Jane", "Doe", "visited", "Nairobi", "on", "Monday", "."],
            &["Officials", "welcomed", "her", "."],
            &["Doe", "left", "for", "Kampala", "."],
        ];
        let got = m.tag_document(&doc);
        assert_eq!(got.len(), 3);
        // the second sentence shares no word the others call a name
        assert_eq!(got[1], m.tag_indices_with_margins(doc[1]));
        for ((labels, margins), words) in got.iter().zip(doc) {
            assert_eq!(labels.len(), words.len());
            assert_eq!(margins.len(), words.len());
            let tags: Vec<Tag> = labels.iter().map(|&l| Tag::from_index(l)).collect();
            assert!(valid_bio(&tags), "{words:?} -> {tags:?}");
        }
        assert_eq!(Tag::from_index(got[2].0[0]), Tag::B(NerClass::Per), "{got:?}");
        assert!(m.tag_document::<&[&str], &str>(&[]).is_empty());
    }

    /// The plain constrained Viterbi over every allowed pair (what
    /// `model::viterbi` was before it was written for BILOU's structure).
    fn reference_viterbi(
        scores: &[[i32; N_LABELS]],
        trans: &[[i32; N_LABELS]; N_LABELS],
        start: &[i32; N_LABELS],
        end: &[i32; N_LABELS],
    ) -> Vec<u8> {
        const NEG: i32 = i32::MIN / 4;
        let n = scores.len();
        let mut back = vec![[0u8; N_LABELS]; n];
        let mut delta = [NEG; N_LABELS];
        for y in 0..N_LABELS {
            if model::allowed_start(y) {
                delta[y] = start[y] + scores[0][y];
            }
        }
        for i in 1..n {
            let mut nd = [NEG; N_LABELS];
            for y in 0..N_LABELS {
                let (mut best, mut arg) = (NEG, 0u8);
                for p in 0..N_LABELS {
                    if delta[p] == NEG || !model::allowed(p, y) {
                        continue;
                    }
                    if delta[p] + trans[p][y] > best {
                        best = delta[p] + trans[p][y];
                        arg = p as u8;
                    }
                }
                if best != NEG {
                    nd[y] = best + scores[i][y];
                }
                back[i][y] = arg;
            }
            delta = nd;
        }
        let (mut best, mut arg) = (NEG, 0usize);
        for y in 0..N_LABELS {
            if delta[y] != NEG && model::allowed_end(y) && delta[y] + end[y] > best {
                best = delta[y] + end[y];
                arg = y;
            }
        }
        let mut out = vec![0u8; n];
        out[n - 1] = arg as u8;
        for i in (1..n).rev() {
            out[i - 1] = back[i][out[i] as usize];
        }
        out
    }

    #[test]
    fn viterbi_equals_the_plain_search_ties_included() {
        let mut s = 0x9e37_79b9u64;
        let mut next = |range: i32| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % (2 * range as u64 + 1)) as i32 - range
        };
        for round in 0..400 {
            // small ranges make ties common
            let r = if round % 2 == 0 { 3 } else { 2000 };
            let mut trans = [[0i32; N_LABELS]; N_LABELS];
            for row in trans.iter_mut() {
                for x in row.iter_mut() {
                    *x = next(r);
                }
            }
            let start: [i32; N_LABELS] = std::array::from_fn(|_| next(r));
            let end: [i32; N_LABELS] = std::array::from_fn(|_| next(r));
            let n = 1 + (round % 23) as usize;
            let scores: Vec<[i32; N_LABELS]> = (0..n).map(|_| std::array::from_fn(|_| next(r))).collect();
            let mut back = Vec::new();
            assert_eq!(
                viterbi(&scores, &trans, &start, &end, &mut back),
                reference_viterbi(&scores, &trans, &start, &end),
                "round {round}"
            );
        }
    }

    #[test]
    fn bilou_round_trip() {
        // B-PER I-PER | I-LOC (starts a name) | B-LOC | B-ORG I-ORG I-ORG | I-MISC after I-ORG
        let iob = [1, 2, 0, 6, 5, 3, 4, 4, 8];
        let bilou = model::from_iob(&iob);
        // PER B L, O, LOC U, LOC U, ORG B I L, MISC U
        assert_eq!(bilou, vec![1, 3, 0, 12, 12, 5, 6, 7, 16]);
        let back: Vec<u8> = bilou.iter().map(|&l| model::to_iob(l)).collect();
        assert_eq!(back, vec![1, 2, 0, 5, 5, 3, 4, 4, 7]);
        for (a, b) in bilou.iter().zip(&bilou[1..]) {
            assert!(model::allowed(*a as usize, *b as usize), "{a} -> {b}");
        }
        assert!(!model::allowed(1, 0) && !model::allowed(1, 12) && !model::allowed(0, 2));
    }

    #[test]
    fn tag_index_roundtrip() {
        for i in 0..9u8 {
            assert_eq!(Tag::from_index(i).index(), i);
            assert_eq!(Tag::parse(&Tag::from_index(i).to_string()), Some(Tag::from_index(i)));
        }
    }
}
