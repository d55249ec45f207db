//! A corpus too large to embed: a static search index over many articles,
//! split into small files that a reader fetches a few at a time, the way
//! Pagefind does it. `docs/SHARDS.md` describes the files and measures them.
//!
//! [`build`] runs at build time, natively, over analysed articles and returns
//! files by name: `manifest.json` (the one file a reader loads first), one
//! JSON file per article in the `extract` shape (fetched only when the
//! article is opened) beside its text, term shards and entity shards. Every name but the
//! manifest's carries a hash of the file's bytes, so a host can cache those
//! files forever and a rebuild changes only the names of what changed.
//!
//! Terms are the words of each section's folded text (see [`fold`](super::fold)),
//! split at every char that is not alphanumeric. A term's postings, the
//! (article, section, count) triples where it occurs, live in the shard of its
//! first two chars (`harbour` in `ha`, `b` in `b`), so a query reads one shard
//! per word. Entity postings, (article, section) pairs, are sharded the same
//! way by the two chars after the kind in the id (`person-khawaja-asif` in
//! `kh`): one file per kind would grow with the corpus.
//!
//! [`ShardedIndex`] reads them: it needs the manifest, then asks a caller's
//! `fetch` for each shard the query's words need, at most once per search.
//! It finds whole words, not the substrings that [`Filter`] finds inside one
//! article: an index can only find what it stored. The last word of a query
//! is a prefix (typing `harb` finds `harbour`); quoted phrases are searched as
//! their words, each of which must occur in the section, not as one run of
//! words.

use super::filter::Filter;
use super::Analysis;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound::{Included, Unbounded};

/// The format version in the manifest; a reader refuses any other.
pub const VERSION: u32 = 1;

/// The manifest's file name, the one name without a hash.
pub const MANIFEST: &str = "manifest.json";

/// The largest manifest or shard a reader parses: anything larger is refused
/// before it is parsed, with a sentence (a host may serve anything).
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Why `bytes` from `file` are too many to parse, if they are.
fn too_large(file: &str, bytes: &[u8]) -> Result<(), String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("{file} is larger than {} MB, more than an index file may be", MAX_FILE_BYTES >> 20));
    }
    Ok(())
}

/// The entry point: what the corpus holds and which file holds what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    pub articles: Vec<ArticleEntry>,
    /// Term shards, by key (a term's first two chars).
    pub terms: Vec<ShardEntry>,
    /// Entity shards, by key (the first two chars of an entity id after its kind).
    pub entities: Vec<ShardEntry>,
}

/// One article as a list of results shows it, without fetching its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEntry {
    pub slug: String,
    pub title: String,
    pub sections: usize,
    /// The length of its text in bytes.
    pub bytes: usize,
    /// Its extraction, in the `extract` command's JSON shape (byte offsets into the text).
    pub file: String,
    /// Its text, as UTF-8: what the extraction's offsets point into.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardEntry {
    pub key: String,
    pub file: String,
}

/// A shard file: postings by term or entity id. Term postings are
/// `[article, section, count]`, entity postings `[article, section]`.
#[derive(Debug, Serialize, Deserialize)]
struct Shard<P> {
    key: String,
    postings: BTreeMap<String, Vec<P>>,
}

/// One article's matching sections, best first, and their total count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHits {
    /// Index into [`Manifest::articles`].
    pub article: usize,
    pub count: u32,
    pub sections: Vec<SectionHit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionHit {
    pub section: usize,
    /// How many times the query's words occur in it.
    pub count: u32,
}

/// The words of folded text: runs of alphanumeric chars.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The shard a term or entity name belongs to: its first two chars.
fn key_of(name: &str) -> String {
    name.chars().take(2).collect()
}

/// An entity id's shard key: the kind before the first `-` says little, the name after it more.
fn entity_key(id: &str) -> String {
    key_of(id.split_once('-').map_or("", |(_, name)| name))
}

/// A key as it appears in a file name: itself if it is `[a-z0-9]`, else `_`
/// and the hex of its UTF-8 bytes, so names stay ASCII and never collide.
fn key_name(key: &str) -> String {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        return key.to_string();
    }
    std::iter::once("_".to_string()).chain(key.bytes().map(|b| format!("{b:02x}"))).collect()
}

/// Whether a file name from a manifest is a plain name a host can serve:
/// no directories, nothing hidden, nothing that needs escaping in a URL.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// FNV-1a, 64 bits, as 16 hex digits: small, stable across builds and
/// platforms, and enough to tell versions of one file apart (it is not a
/// defence against anyone forging a collision).
fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    // Strings, numbers and string-keyed maps: serde_json cannot fail on them.
    serde_json::to_vec(value).expect("index data serializes to JSON")
}

type Postings<P> = BTreeMap<String, BTreeMap<String, Vec<P>>>;

/// Writes the index of `articles` (slug and analysis each): the manifest
/// first, then the article files, the term shards and the entity shards, by
/// file name. Slugs should be unique; the file names are whatever they are.
pub fn build<S: AsRef<str>>(articles: &[(S, &Analysis)]) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut entries = Vec::new();
    let mut terms: Postings<[u32; 3]> = BTreeMap::new();
    let mut entities: Postings<[u32; 2]> = BTreeMap::new();
    for (a, (slug, analysis)) in articles.iter().enumerate() {
        let slug = slug.as_ref();
        let json = to_json(&analysis.extraction());
        let safe: String = slug.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
        let file = format!("article-{safe}-{}.json", hash(&json));
        let text = analysis.text.as_bytes().to_vec();
        let text_file = format!("text-{safe}-{}.txt", hash(&text));
        for (name, bytes) in [(&file, json), (&text_file, text)] {
            // Same name, same bytes: two articles may share one file.
            if !files.iter().any(|(n, _)| n == name) {
                files.push((name.clone(), bytes));
            }
        }
        entries.push(ArticleEntry {
            slug: slug.to_string(),
            title: analysis.title().to_string(),
            sections: analysis.doc.sections.len(),
            bytes: analysis.text.len(),
            file,
            text: text_file,
        });
        let a = a as u32;
        for (s, section) in analysis.index.sections.iter().enumerate() {
            let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
            for word in words(&section.text) {
                *counts.entry(word).or_default() += 1;
            }
            for (word, count) in counts {
                let shard = terms.entry(key_of(word)).or_default();
                shard.entry(word.to_string()).or_default().push([a, s as u32, count]);
            }
        }
        for e in &analysis.entities.entities {
            let shard = entities.entry(entity_key(&e.id)).or_default();
            shard.entry(e.id.clone()).or_default().extend(e.sections.iter().map(|&s| [a, s as u32]));
        }
    }
    let terms = write_shards("terms", terms, &mut files);
    let entities = write_shards("entities", entities, &mut files);
    let manifest = Manifest { version: VERSION, articles: entries, terms, entities };
    files.insert(0, (MANIFEST.to_string(), to_json(&manifest)));
    files
}

fn write_shards<P: Serialize>(kind: &str, shards: Postings<P>, files: &mut Vec<(String, Vec<u8>)>) -> Vec<ShardEntry> {
    shards
        .into_iter()
        .map(|(key, postings)| {
            let bytes = to_json(&Shard { key: key.clone(), postings });
            let file = format!("{kind}-{}-{}.json", key_name(&key), hash(&bytes));
            files.push((file.clone(), bytes));
            ShardEntry { key, file }
        })
        .collect()
}

/// A query's words, folded as [`Filter::terms`] folds them; the last one is
/// a prefix. Phrases become their words.
fn query_words(query: &str) -> Vec<(String, bool)> {
    let filter = Filter { query: query.to_string(), ..Filter::default() };
    let terms = filter.terms();
    let all: Vec<&str> = terms.iter().flat_map(|t| words(t)).collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    for (i, w) in all.iter().enumerate() {
        let word = (w.to_string(), i + 1 == all.len());
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// The reader: a parsed manifest, and searches that fetch shards on demand.
#[derive(Debug, Clone)]
pub struct ShardedIndex {
    manifest: Manifest,
}

impl ShardedIndex {
    /// Reads `manifest.json`; checks its version and that every file it
    /// names is a plain file name.
    pub fn from_manifest(bytes: &[u8]) -> Result<ShardedIndex, String> {
        too_large(MANIFEST, bytes)?;
        let manifest: Manifest =
            serde_json::from_slice(bytes).map_err(|e| format!("{MANIFEST} is not a valid index manifest: {e}"))?;
        if manifest.version != VERSION {
            return Err(format!(
                "{MANIFEST} is format version {}, but this reader reads version {VERSION}",
                manifest.version
            ));
        }
        let names = manifest.articles.iter().flat_map(|a| [&a.file, &a.text]);
        let names = names.chain(manifest.terms.iter().chain(&manifest.entities).map(|s| &s.file));
        if let Some(bad) = names.into_iter().find(|n| !plain_name(n)) {
            return Err(format!("{MANIFEST} names the file {bad:?}, which is not a plain file name"));
        }
        let mut slugs: Vec<&str> = manifest.articles.iter().map(|a| a.slug.as_str()).collect();
        slugs.sort_unstable();
        if let Some(twice) = slugs.windows(2).find(|w| w[0] == w[1]) {
            return Err(format!("{MANIFEST} lists the article {:?} twice", twice[0]));
        }
        Ok(ShardedIndex { manifest })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The shards that may hold `word`: its own, or for a one-char prefix
    /// every shard that begins with that char.
    fn shards_for<'a>(shards: &'a [ShardEntry], word: &str, prefix: bool) -> impl Iterator<Item = &'a ShardEntry> {
        let key = key_of(word);
        let short = prefix && word.chars().nth(1).is_none();
        shards.iter().filter(move |s| if short { s.key.starts_with(&key) } else { s.key == key })
    }

    /// The shard files a search for `query` may read (it stops early once
    /// nothing matches), without the manifest: an asynchronous caller such as
    /// a browser fetches these first, then searches with what it fetched.
    pub fn files_for(&self, query: &str) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for (word, prefix) in query_words(query) {
            for shard in Self::shards_for(&self.manifest.terms, &word, prefix) {
                if !files.contains(&shard.file.as_str()) {
                    files.push(&shard.file);
                }
            }
        }
        files
    }

    /// Fetches and parses one shard, and checks that it is the shard the
    /// manifest promised and that its postings point at real sections.
    fn load<P: DeserializeOwned + AsRef<[u32]>>(
        &self,
        entry: &ShardEntry,
        fetch: &mut impl FnMut(&str) -> Option<Vec<u8>>,
    ) -> Result<Shard<P>, String> {
        let file = &entry.file;
        let bytes = fetch(file).ok_or_else(|| format!("{file} is missing, though {MANIFEST} lists it"))?;
        too_large(file, &bytes)?;
        let shard: Shard<P> =
            serde_json::from_slice(&bytes).map_err(|e| format!("{file} is not a valid shard: {e}"))?;
        if shard.key != entry.key {
            return Err(format!("{file} holds key {:?}, but {MANIFEST} says {:?}", shard.key, entry.key));
        }
        for posting in shard.postings.values().flatten() {
            let &[a, s, ..] = posting.as_ref() else { return Err(format!("{file} has a posting without a section")) };
            if self.manifest.articles.get(a as usize).is_none_or(|art| (s as usize) >= art.sections) {
                return Err(format!("{file} points to section {s} of article {a}, which {MANIFEST} does not have"));
            }
        }
        Ok(shard)
    }

    /// The sections that hold every word of `query` (the last word as a
    /// prefix), grouped by article, best first: articles by their total
    /// count, sections by theirs, ties in corpus order. `fetch` returns a
    /// file's bytes by name; it is asked only for the shards the words need,
    /// each at most once. An empty query matches nothing and fetches nothing.
    pub fn search(
        &self,
        query: &str,
        mut fetch: impl FnMut(&str) -> Option<Vec<u8>>,
    ) -> Result<Vec<ArticleHits>, String> {
        let mut loaded: HashMap<&str, Shard<[u32; 3]>> = HashMap::new();
        let mut matched: Option<BTreeMap<(u32, u32), u32>> = None;
        for (word, prefix) in query_words(query) {
            let mut found: BTreeMap<(u32, u32), u32> = BTreeMap::new();
            for entry in Self::shards_for(&self.manifest.terms, &word, prefix) {
                if !loaded.contains_key(entry.file.as_str()) {
                    loaded.insert(&entry.file, self.load(entry, &mut fetch)?);
                }
                let postings =
                    loaded[entry.file.as_str()].postings.range::<str, _>((Included(word.as_str()), Unbounded));
                let postings = postings.take_while(|(t, _)| if prefix { t.starts_with(&word) } else { **t == word });
                for &[a, s, count] in postings.flat_map(|(_, p)| p) {
                    let c = found.entry((a, s)).or_default();
                    *c = c.saturating_add(count);
                }
            }
            let narrowed = match matched {
                None => found,
                Some(before) => {
                    before.into_iter().filter_map(|(k, c)| found.get(&k).map(|f| (k, c.saturating_add(*f)))).collect()
                }
            };
            let nothing = narrowed.is_empty();
            matched = Some(narrowed);
            if nothing {
                break; // No section can match: the other words' shards need not be fetched.
            }
        }
        let mut hits: Vec<ArticleHits> = Vec::new();
        for ((a, s), count) in matched.unwrap_or_default() {
            let section = SectionHit { section: s as usize, count };
            match hits.last_mut() {
                Some(h) if h.article == a as usize => {
                    h.count = h.count.saturating_add(count);
                    h.sections.push(section);
                }
                _ => hits.push(ArticleHits { article: a as usize, count, sections: vec![section] }),
            }
        }
        for h in &mut hits {
            h.sections.sort_by_key(|x| std::cmp::Reverse(x.count));
        }
        hits.sort_by_key(|x| std::cmp::Reverse(x.count));
        Ok(hits)
    }

    /// Where the entity `id` is mentioned: (article, its sections), in corpus
    /// order; one shard fetched at most, none if no shard has its key.
    pub fn entity(
        &self,
        id: &str,
        mut fetch: impl FnMut(&str) -> Option<Vec<u8>>,
    ) -> Result<Vec<(usize, Vec<usize>)>, String> {
        let key = entity_key(id);
        let Some(entry) = self.manifest.entities.iter().find(|s| s.key == key) else { return Ok(Vec::new()) };
        let shard: Shard<[u32; 2]> = self.load(entry, &mut fetch)?;
        let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
        for &[a, s] in shard.postings.get(id).into_iter().flatten() {
            match out.last_mut() {
                Some((article, sections)) if *article == a as usize => sections.push(s as usize),
                _ => out.push((a as usize, vec![s as usize])),
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_values() {
        assert_eq!(hash(b""), "cbf29ce484222325");
        assert_eq!(hash(b"a"), "af63dc4c8601ec8c");
        assert_eq!(hash(b"foobar"), "85944171f73967e8");
    }

    #[test]
    fn keys_are_two_chars_and_file_names_stay_ascii() {
        assert_eq!(key_of("harbour"), "ha");
        assert_eq!(key_of("b"), "b");
        assert_eq!(key_of("ελλάδα"), "ελ");
        assert_eq!(entity_key("person-khawaja-asif"), "kh");
        assert_eq!(entity_key("place-x"), "x");
        assert_eq!(key_name("ha"), "ha");
        assert_eq!(key_name("ελ"), "_ceb5cebb");
        assert_eq!(key_name("j-"), "_6a2d");
        assert!(plain_name("terms-ha-0123456789abcdef.json"));
        assert!(!plain_name("../manifest.json") && !plain_name("a/b") && !plain_name(""));
    }

    #[test]
    fn query_words_fold_split_and_mark_the_last_as_prefix() {
        let w =
            |q| query_words(q).into_iter().map(|(w, p)| format!("{w}{}", if p { "*" } else { "" })).collect::<Vec<_>>();
        assert_eq!(w("Café “Kabul’s harb"), ["cafe", "kabul", "s", "harb*"]);
        assert_eq!(w("port harb port"), ["port", "harb", "port*"]);
        assert_eq!(w("Straße \"cross-border\""), ["strasse", "cross", "border*"]);
        assert!(w("  — ").is_empty());
    }
}
