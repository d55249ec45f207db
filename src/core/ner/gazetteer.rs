//! Gazetteers: general, openly licensed word lists (see the header line of
//! each file under `data/gazetteers/`), embedded with `include_str!` and
//! turned into hash tables on first use. Matching is case-insensitive on
//! normalised tokens, so ALL-CAPS headlines and curly apostrophes match.
//!
//! Membership only produces *features*; the weights the model gives them are
//! learned from CoNLL-2003, so a list never decides a tag by itself.

use super::hash::{self, FxHashMap};
use super::text;

/// (name, contents) of every list; the index is the list's feature id.
///
/// Embedded in native builds only (the trainer, the CLI, the build's seed
/// analysis): the browser gets them inside the model bundle
/// ([`bundle`](super::bundle)), fetched when a reader brings an article.
#[cfg(not(target_arch = "wasm32"))]
pub const LISTS: &[(&str, &str)] = &[
    ("country", include_str!("../../../data/gazetteers/countries.txt")),
    ("city", include_str!("../../../data/gazetteers/cities.txt")),
    ("region", include_str!("../../../data/gazetteers/regions.txt")),
    ("first_name", include_str!("../../../data/gazetteers/first_names.txt")),
    ("surname", include_str!("../../../data/gazetteers/surnames.txt")),
    ("organisation", include_str!("../../../data/gazetteers/organisations.txt")),
    ("org_word", include_str!("../../../data/gazetteers/org_words.txt")),
    ("nationality", include_str!("../../../data/gazetteers/nationalities.txt")),
    ("title", include_str!("../../../data/gazetteers/person_titles.txt")),
    ("loc_word", include_str!("../../../data/gazetteers/loc_words.txt")),
    ("common_word", include_str!("../../../data/gazetteers/common_words.txt")),
];

const PHRASE_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// Key of a token for gazetteer lookup: hash of its normalised lowercase form.
#[inline]
pub fn token_key(lower: &str) -> u64 {
    hash::tagged(0x6a7a, lower.as_bytes())
}

#[inline]
fn phrase_step(h: u64, key: u64) -> u64 {
    hash::add(h, key)
}

pub struct Gazetteer {
    /// single token → bit set of lists
    single: FxHashMap<u64, u16>,
    /// phrase (≥ 2 tokens) → bit set of lists; prefixes map to 0
    phrase: FxHashMap<u64, u16>,
    max_len: usize,
    fingerprint: u64,
}

impl Gazetteer {
    /// The gazetteers of this build ([`LISTS`]).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn build() -> Gazetteer {
        Gazetteer::from_lists(LISTS.iter().copied())
    }

    /// Gazetteers from (name, contents) lists, one per feature id in order.
    pub fn from_lists<'a>(lists: impl IntoIterator<Item = (&'a str, &'a str)>) -> Gazetteer {
        let mut single: FxHashMap<u64, u16> = FxHashMap::default();
        let mut phrase: FxHashMap<u64, u16> = FxHashMap::default();
        let mut max_len = 1;
        let mut fp = hash::SEED;
        let mut norm = String::new();
        let mut low = String::new();
        for (id, (name, body)) in lists.into_iter().enumerate().take(16) {
            fp = hash::add_bytes(fp, name.as_bytes());
            let bit = 1u16 << id;
            for line in body.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                fp = hash::add_bytes(fp, line.as_bytes());
                let toks: Vec<&str> = line.split_whitespace().collect();
                let mut h = PHRASE_SEED;
                for (k, t) in toks.iter().enumerate() {
                    text::normalise(t, &mut norm);
                    text::lower(&norm, false, &mut low);
                    let key = token_key(&low);
                    if toks.len() == 1 {
                        *single.entry(key).or_insert(0) |= bit;
                    }
                    h = phrase_step(h, key);
                    if toks.len() > 1 {
                        let e = phrase.entry(h).or_insert(0);
                        if k + 1 == toks.len() {
                            *e |= bit;
                        }
                    }
                }
                max_len = max_len.max(toks.len());
            }
        }
        Gazetteer { single, phrase, max_len, fingerprint: hash::fmix(fp) }
    }

    /// Bit set of lists that contain this single token.
    #[inline]
    pub fn single(&self, key: u64) -> u16 {
        self.single.get(&key).copied().unwrap_or(0)
    }

    /// Hash of all lists' contents (stored in the model header so a model
    /// trained with other lists is detected).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Multi-token matches: for each position, a bit set where bit `2*list`
    /// means "a phrase of that list starts here" and `2*list+1` "continues".
    pub fn phrase_marks(&self, keys: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(keys.len(), 0);
        if self.phrase.is_empty() {
            return;
        }
        for i in 0..keys.len() {
            let mut h = phrase_step(PHRASE_SEED, keys[i]);
            for j in i + 1..keys.len().min(i + self.max_len) {
                h = phrase_step(h, keys[j]);
                match self.phrase.get(&h) {
                    None => break,
                    Some(&0) => {}
                    Some(&bits) => {
                        for l in 0..16 {
                            if bits & (1 << l) != 0 {
                                out[i] |= 1 << (2 * l);
                                for o in &mut out[i + 1..=j] {
                                    *o |= 1 << (2 * l + 1);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn key(s: &str) -> u64 {
        let mut n = String::new();
        let mut l = String::new();
        text::normalise(s, &mut n);
        text::lower(&n, false, &mut l);
        token_key(&l)
    }
    #[test]
    fn lookups() {
        let g = Gazetteer::build();
        assert!(g.single(key("KENYA")) & 1 != 0);
        assert!(g.single(key("nairobi")) & 2 != 0);
        let keys: Vec<u64> = ["in", "New", "York", "."].iter().map(|s| key(s)).collect();
        let mut m = Vec::new();
        g.phrase_marks(&keys, &mut m);
        assert!(m[1] & (1 << 2) != 0, "{m:?}");
        assert!(m[2] & (1 << 3) != 0, "{m:?}");
        assert_eq!(m[0], 0);
    }
}
