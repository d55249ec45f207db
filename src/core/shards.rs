//! A corpus too large to embed: a static search index over many articles,
//! split into small files that a reader fetches a few at a time, the way
//! Pagefind does it. `docs/SHARDS.md` describes the files and measures them.
//!
//! [`build`] runs at build time, natively, over analysed articles and returns
//! files by name: `manifest.json` (the one file a reader loads first: counts,
//! the list files, the shards and the corpus's most mentioned entities), the
//! article lists in chunks of [`CHUNK`] (titles, section counts, each
//! article's leading entities and its two files), the titles files in chunks
//! of [`TITLES_CHUNK`] (what a search result shows), per article its text and
//! its analysis packed as [`packed`](super::packed) packs it (fetched only
//! when the article is opened), term shards and entity shards. Every name
//! but the manifest's carries a hash of the file's bytes, so a host can cache
//! those files forever and a rebuild changes only the names of what changed.
//!
//! Terms are the words of each section's folded text (see [`fold`](super::fold)),
//! split at every char that is not alphanumeric. A term's postings, the
//! (article, section, count) triples where it occurs, live in the shard of its
//! first two chars (`harbour` in `ha`, `b` in `b`), so a query reads one shard
//! per word. Entity postings, (article, section, mentions) triples, are sharded
//! the same way by the two chars after the kind in the id
//! (`person-khawaja-asif` in `kh`): one file per kind would grow with the corpus.
//!
//! [`ShardedIndex`] reads them: it needs the manifest, then asks a caller's
//! `fetch` for each shard the query's words need, at most once per search.
//! It finds whole words, not the substrings that [`Filter`] finds inside one
//! article: an index can only find what it stored. The last word of a query
//! is a prefix (typing `harb` finds `harbour`) once it has two chars: a
//! one-char prefix would read every shard that starts with it (megabytes at
//! 10,000 articles) for a word the next keystroke replaces, so it is
//! searched as a whole word; quoted phrases are searched as
//! their words, each of which must occur in the section, not as one run of
//! words. [`snippet`] cuts the lines a result shows from an article's text.
//!
//! Every file the reader takes is checked: its format version, that it is
//! the file the manifest promised (a shard's key, a list's first article),
//! that every posting points at an article the manifest has, and that every
//! name it gives is a plain file name, so no file can send a reader out of
//! the corpus folder. Each failure is one sentence naming the file.

use super::filter::Filter;
use super::fold::Folded;
use super::json::{self, required, Reader};
use super::parse::BlockKind;
use super::span::Span;
use super::Analysis;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound::{Included, Unbounded};
use std::rc::Rc;

/// The format version of every file; a reader refuses any other.
pub const VERSION: u32 = 3;

/// The manifest's file name, the one name without a hash.
pub const MANIFEST: &str = "manifest.json";

/// Articles per list file: a list of a hundred titles is a few kilobytes
/// gzipped, and a page of results rarely needs more than a few of them.
pub const CHUNK: usize = 100;

/// Articles per titles file: what a page of results shows of each article
/// (slug, title, section count, text file), a few kilobytes gzipped, so the
/// titles of a page of results take one round of small downloads.
pub const TITLES_CHUNK: usize = 250;

/// Leading entities kept per article in its list entry.
const LEADING: usize = 3;

/// Entities the manifest lists for the whole corpus.
const SALIENT: usize = 24;

/// The largest file a reader takes (a manifest, list or shard): a corpus of
/// a million articles stays far below it; anything larger is refused unread.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// The entry point: what the corpus holds and which file holds what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub version: u32,
    /// How many articles the corpus holds.
    pub articles: usize,
    /// The article lists, in corpus order: article `a` is in the chunk whose range holds it.
    pub chunks: Vec<ChunkEntry>,
    /// The titles files, in corpus order, [`TITLES_CHUNK`] articles each.
    pub titles: Vec<ChunkEntry>,
    /// Term shards, by key (a term's first two chars).
    pub terms: Vec<ShardEntry>,
    /// Entity shards, by key (the first two chars of an entity id after its kind).
    pub entities: Vec<ShardEntry>,
    /// The entities found in most articles (`count`: in how many), most first.
    pub salient: Vec<Named>,
}

/// One article list file and the articles it holds (`first`, `first + 1`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChunkEntry {
    pub first: usize,
    pub count: usize,
    pub file: String,
}

/// An article list file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chunk {
    pub version: u32,
    pub first: usize,
    pub articles: Vec<ArticleEntry>,
}

/// One article as a list of results shows it, without fetching its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleEntry {
    pub slug: String,
    pub title: String,
    pub sections: usize,
    /// The length of its text in bytes.
    pub bytes: usize,
    /// Its entities, mentions and quotes, packed ([`Analysis::from_packed`] with the text).
    pub analysis: String,
    /// Its text, as UTF-8: what the analysis's offsets point into.
    pub text: String,
    /// Its most salient entities (`count`: mentions in this article).
    pub entities: Vec<Named>,
}

/// One article as a search result names it: a row of a titles file,
/// written as the array `[slug, title, sections, text]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub slug: String,
    pub title: String,
    pub sections: usize,
    /// Its text file, whose lines a result quotes.
    pub text: String,
}

impl Serialize for Title {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (&self.slug, &self.title, self.sections, &self.text).serialize(s)
    }
}

/// A titles file.
#[derive(Debug, Serialize)]
struct Titles {
    version: u32,
    first: usize,
    titles: Vec<Title>,
}

/// An entity by id and name, with a count that says how much of it there is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShardEntry {
    pub key: String,
    pub file: String,
}

/// A shard file: postings by term or entity id. Term postings are
/// `[article, section, count]`, entity postings `[article, section, mentions]`.
/// Read once ([`ShardedIndex::shard`]) and searched as often as needed.
#[derive(Debug, Serialize)]
pub struct Shard {
    version: u32,
    key: String,
    postings: BTreeMap<String, Vec<[u32; 3]>>,
}

/// One article's matching sections, best first, and their total count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHits {
    /// The article's number in the corpus (see [`ShardedIndex::chunk_of`]).
    pub article: usize,
    pub count: u32,
    pub sections: Vec<SectionHit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionHit {
    pub section: usize,
    /// How many times the query's words occur in it (for an entity: its mentions there).
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

/// Whether a file name from a manifest or list is a plain name a host can
/// serve from the corpus folder: no directories, no scheme, nothing hidden,
/// nothing that needs escaping in a URL.
pub fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
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

/// Postings by shard key, then by term or entity id.
type Postings = BTreeMap<String, BTreeMap<String, Vec<[u32; 3]>>>;

/// A slug as it appears in a file name.
fn safe_slug(slug: &str) -> String {
    slug.chars().take(64).map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect()
}

/// Adds a file unless one of that name is there (same name, same bytes:
/// two articles may share a file).
fn add_file(files: &mut Vec<(String, Vec<u8>)>, name: String, bytes: Vec<u8>) -> String {
    if !files.iter().any(|(n, _)| *n == name) {
        files.push((name.clone(), bytes));
    }
    name
}

/// Mentions of each entity per section of `analysis`: (entity, section) -> mentions.
fn mentions_by_section(analysis: &Analysis) -> BTreeMap<(usize, usize), u32> {
    let mut counts: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for m in &analysis.entities.mentions {
        if let Some(s) = analysis.doc.section_at(m.span.start) {
            *counts.entry((m.entity, s)).or_default() += 1;
        }
    }
    counts
}

/// Writes the index of `articles` (slug and analysis each): the manifest
/// first, then the article lists, the article files, the term shards and
/// the entity shards, by file name. Slugs should be unique; the file names
/// are whatever they are.
pub fn build<S: AsRef<str>>(articles: &[(S, &Analysis)]) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut entries = Vec::new();
    let mut terms: Postings = BTreeMap::new();
    let mut entities: Postings = BTreeMap::new();
    // Across the corpus: id -> (name, articles, mentions).
    let mut corpus: HashMap<&str, (&str, u32, u32)> = HashMap::new();
    for (a, (slug, analysis)) in articles.iter().enumerate() {
        let slug = slug.as_ref();
        let safe = safe_slug(slug);
        let packed = super::packed::encode(analysis);
        let analysis_file = add_file(&mut files, format!("analysis-{safe}-{}.bin", hash(&packed)), packed);
        let text = analysis.text.as_bytes().to_vec();
        let text_file = add_file(&mut files, format!("text-{safe}-{}.txt", hash(&text)), text);
        let all = &analysis.entities.entities;
        entries.push(ArticleEntry {
            slug: slug.to_string(),
            title: analysis.display_title().to_string(),
            sections: analysis.doc.sections.len(),
            bytes: analysis.text.len(),
            analysis: analysis_file,
            text: text_file,
            entities: all
                .iter()
                .take(LEADING)
                .map(|e| Named { id: e.id.clone(), name: e.name.clone(), count: e.mentions.len() as u32 })
                .collect(),
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
        for ((e, s), count) in mentions_by_section(analysis) {
            let id = &all[e].id;
            let shard = entities.entry(entity_key(id)).or_default();
            shard.entry(id.clone()).or_default().push([a, s as u32, count]);
        }
        for e in all {
            let seen = corpus.entry(&e.id).or_insert((&e.name, 0, 0));
            seen.1 += 1;
            seen.2 += e.mentions.len() as u32;
        }
    }
    let mut salient: Vec<(&str, (&str, u32, u32))> = corpus.into_iter().collect();
    salient.sort_unstable_by(|x, y| (y.1 .1, y.1 .2, x.0).cmp(&(x.1 .1, x.1 .2, y.0)));
    let salient = salient
        .into_iter()
        .take(SALIENT)
        .map(|(id, (name, articles, _))| Named { id: id.to_string(), name: name.to_string(), count: articles })
        .collect();
    let mut chunks = Vec::new();
    for (n, list) in entries.chunks(CHUNK).enumerate() {
        let first = n * CHUNK;
        let bytes = to_json(&Chunk { version: VERSION, first, articles: list.to_vec() });
        let file = add_file(&mut files, format!("articles-{first}-{}.json", hash(&bytes)), bytes);
        chunks.push(ChunkEntry { first, count: list.len(), file });
    }
    let mut titles = Vec::new();
    for (n, list) in entries.chunks(TITLES_CHUNK).enumerate() {
        let first = n * TITLES_CHUNK;
        let rows = list.iter().map(|a| Title {
            slug: a.slug.clone(),
            title: a.title.clone(),
            sections: a.sections,
            text: a.text.clone(),
        });
        let bytes = to_json(&Titles { version: VERSION, first, titles: rows.collect() });
        let file = add_file(&mut files, format!("titles-{first}-{}.json", hash(&bytes)), bytes);
        titles.push(ChunkEntry { first, count: list.len(), file });
    }
    let terms = write_shards("terms", terms, &mut files);
    let entities = write_shards("entities", entities, &mut files);
    let manifest = Manifest { version: VERSION, articles: entries.len(), chunks, titles, terms, entities, salient };
    files.insert(0, (MANIFEST.to_string(), to_json(&manifest)));
    files
}

fn write_shards(kind: &str, shards: Postings, files: &mut Vec<(String, Vec<u8>)>) -> Vec<ShardEntry> {
    shards
        .into_iter()
        .map(|(key, postings)| {
            let bytes = to_json(&Shard { version: VERSION, key: key.clone(), postings });
            let file = format!("{kind}-{}-{}.json", key_name(&key), hash(&bytes));
            files.push((file.clone(), bytes));
            ShardEntry { key, file }
        })
        .collect()
}

/// A query's words, folded as [`Filter::terms`] folds them; the last one is
/// a prefix if it has two chars or more. Phrases become their words.
fn query_words(query: &str) -> Vec<(String, bool)> {
    let filter = Filter { query: query.to_string(), ..Filter::default() };
    let terms = filter.terms();
    let all: Vec<&str> = terms.iter().flat_map(|t| words(t)).collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    for (i, w) in all.iter().enumerate() {
        let word = (w.to_string(), i + 1 == all.len() && w.chars().nth(1).is_some());
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Parses one of the corpus's JSON files with `read`, refusing one too large to be ours.
fn parse<T>(
    file: &str,
    what: &str,
    bytes: &[u8],
    read: impl FnOnce(&mut Reader) -> json::Result<T>,
) -> Result<T, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!("{file} is {} MB, too large to be {what}", bytes.len() >> 20));
    }
    if bytes.is_empty() {
        return Err(format!("{file} is empty, not {what}"));
    }
    Reader::document(bytes, read).map_err(|e| match e {
        json::Error::CutShort => format!("{file} is cut short: not the whole of {what} arrived"),
        e => format!("{file} is not {what}: {e}"),
    })
}

/// `[item, …]` as a vector.
fn list<T>(r: &mut Reader, item: fn(&mut Reader) -> json::Result<T>) -> json::Result<Vec<T>> {
    let mut out = Vec::new();
    r.array(|r| {
        out.push(item(r)?);
        Ok(())
    })?;
    Ok(out)
}

// The readers of the files `build` writes (serde's field names; unknown fields are skipped).

/// Reads a JSON object into the struct `$ty`, each field by its reader; every field is
/// required, and other keys are skipped.
macro_rules! read_record {
    ($r:expr, $ty:ident { $($field:ident: $read:expr),* $(,)? }) => {{
        $(let mut $field = None;)*
        $r.object(|r, key| {
            match key {
                $(stringify!($field) => $field = Some(($read)(r)?),)*
                _ => r.skip()?,
            }
            Ok(())
        })?;
        Ok($ty { $($field: required($field, stringify!($field))?),* })
    }};
}

fn read_manifest(r: &mut Reader) -> json::Result<Manifest> {
    read_record!(
        r,
        Manifest {
            version: Reader::int,
            articles: Reader::int,
            chunks: |r: &mut Reader| list(r, read_chunk_entry),
            titles: |r: &mut Reader| list(r, read_chunk_entry),
            terms: |r: &mut Reader| list(r, read_shard_entry),
            entities: |r: &mut Reader| list(r, read_shard_entry),
            salient: |r: &mut Reader| list(r, read_named),
        }
    )
}

fn read_chunk_entry(r: &mut Reader) -> json::Result<ChunkEntry> {
    read_record!(r, ChunkEntry { first: Reader::int, count: Reader::int, file: Reader::string })
}

fn read_shard_entry(r: &mut Reader) -> json::Result<ShardEntry> {
    read_record!(r, ShardEntry { key: Reader::string, file: Reader::string })
}

fn read_named(r: &mut Reader) -> json::Result<Named> {
    read_record!(r, Named { id: Reader::string, name: Reader::string, count: Reader::int })
}

fn read_chunk(r: &mut Reader) -> json::Result<Chunk> {
    read_record!(
        r,
        Chunk { version: Reader::int, first: Reader::int, articles: |r: &mut Reader| list(r, read_article) }
    )
}

fn read_article(r: &mut Reader) -> json::Result<ArticleEntry> {
    read_record!(
        r,
        ArticleEntry {
            slug: Reader::string,
            title: Reader::string,
            sections: Reader::int,
            bytes: Reader::int,
            analysis: Reader::string,
            text: Reader::string,
            entities: |r: &mut Reader| list(r, read_named),
        }
    )
}

fn read_titles(r: &mut Reader) -> json::Result<Titles> {
    read_record!(r, Titles { version: Reader::int, first: Reader::int, titles: |r: &mut Reader| list(r, read_title) })
}

/// `[slug, title, sections, text]`.
fn read_title(r: &mut Reader) -> json::Result<Title> {
    let (mut slug, mut title, mut sections, mut text) = (None, None, None, None);
    let mut n = 0;
    r.array(|r| {
        match n {
            0 => slug = Some(r.string()?),
            1 => title = Some(r.string()?),
            2 => sections = Some(r.int()?),
            3 => text = Some(r.string()?),
            _ => r.skip()?,
        }
        n += 1;
        Ok(())
    })?;
    Ok(Title {
        slug: required(slug, "slug")?,
        title: required(title, "title")?,
        sections: required(sections, "sections")?,
        text: required(text, "text")?,
    })
}

fn read_shard(r: &mut Reader) -> json::Result<Shard> {
    read_record!(r, Shard { version: Reader::int, key: Reader::string, postings: read_postings })
}

/// `{"word": [posting, …], …}`.
fn read_postings(r: &mut Reader) -> json::Result<BTreeMap<String, Vec<[u32; 3]>>> {
    let mut map = BTreeMap::new();
    r.object(|r, name| {
        map.insert(name.to_string(), list(r, read_posting)?);
        Ok(())
    })?;
    Ok(map)
}

/// `[article, section, count]`.
fn read_posting(r: &mut Reader) -> json::Result<[u32; 3]> {
    let mut out = [0; 3];
    let mut n = 0;
    r.array(|r| {
        let v = r.int()?;
        if let Some(slot) = out.get_mut(n) {
            *slot = v;
        }
        n += 1;
        Ok(())
    })?;
    if n == 3 {
        Ok(out)
    } else {
        Err(json::Error::Wrong(format!("a posting holds {n} numbers, not 3")))
    }
}

fn check_version(file: &str, version: u32) -> Result<(), String> {
    if version == VERSION {
        Ok(())
    } else {
        Err(format!("{file} is format version {version}, but this reader reads version {VERSION}: rebuild the corpus"))
    }
}

/// The chunk of `chunks` (in order, contiguous) that holds `article`.
fn containing(chunks: &[ChunkEntry], article: usize) -> Option<&ChunkEntry> {
    let i = chunks.partition_point(|c| c.first + c.count <= article);
    chunks.get(i).filter(|c| c.first <= article)
}

/// That a list or titles file `file` holds the articles (first, count) its manifest entry promised.
fn check_range(file: &str, (first, count): (usize, usize), entry: &ChunkEntry) -> Result<(), String> {
    if first == entry.first && count == entry.count {
        return Ok(());
    }
    Err(format!(
        "{file} holds articles {first} to {}, but {MANIFEST} says {} to {}",
        first + count,
        entry.first,
        entry.first + entry.count
    ))
}

fn check_name<'a>(file: &str, names: impl IntoIterator<Item = &'a String>) -> Result<(), String> {
    match names.into_iter().find(|n| !plain_name(n)) {
        Some(bad) => Err(format!("{file} names the file {bad:?}, which is not a plain file name in the corpus folder")),
        None => Ok(()),
    }
}

/// The reader: a parsed manifest, and searches that fetch shards on demand.
#[derive(Debug, Clone)]
pub struct ShardedIndex {
    manifest: Manifest,
}

impl ShardedIndex {
    /// Reads `manifest.json`; checks its version, that its lists cover the
    /// articles in order, and that every file it names is a plain file name.
    pub fn from_manifest(bytes: &[u8]) -> Result<ShardedIndex, String> {
        let manifest: Manifest = parse(MANIFEST, "a corpus manifest", bytes, read_manifest)?;
        check_version(MANIFEST, manifest.version)?;
        let names = manifest.chunks.iter().chain(&manifest.titles).map(|c| &c.file);
        check_name(MANIFEST, names.chain(manifest.terms.iter().chain(&manifest.entities).map(|s| &s.file)))?;
        for (chunks, what) in [(&manifest.chunks, "lists"), (&manifest.titles, "titles files")] {
            let mut next = 0;
            for c in chunks {
                if c.first != next || c.count == 0 {
                    return Err(format!(
                        "{MANIFEST} lists {} from article {}, but the {what} before it end at {next}",
                        c.file, c.first
                    ));
                }
                next = c.first.saturating_add(c.count);
            }
            if next != manifest.articles {
                return Err(format!(
                    "{MANIFEST} says it holds {} articles, but its {what} hold {next}",
                    manifest.articles
                ));
            }
        }
        Ok(ShardedIndex { manifest })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The list file that holds article `article`.
    pub fn chunk_of(&self, article: usize) -> Option<&ChunkEntry> {
        containing(&self.manifest.chunks, article)
    }

    /// The titles file that holds article `article`.
    pub fn titles_of(&self, article: usize) -> Option<&ChunkEntry> {
        containing(&self.manifest.titles, article)
    }

    /// Reads a titles file: it must be the one `entry` promised, of this
    /// version, naming only plain text files.
    pub fn read_titles(&self, entry: &ChunkEntry, bytes: &[u8]) -> Result<Vec<Title>, String> {
        let file = &entry.file;
        let titles = parse(file, "a titles file", bytes, read_titles)?;
        check_version(file, titles.version)?;
        check_range(file, (titles.first, titles.titles.len()), entry)?;
        check_name(file, titles.titles.iter().map(|t| &t.text))?;
        Ok(titles.titles)
    }

    /// Reads a list file: it must be the one `entry` promised, of this
    /// version, its articles naming only plain files.
    pub fn read_chunk(&self, entry: &ChunkEntry, bytes: &[u8]) -> Result<Vec<ArticleEntry>, String> {
        let file = &entry.file;
        let chunk = parse(file, "an article list", bytes, read_chunk)?;
        check_version(file, chunk.version)?;
        check_range(file, (chunk.first, chunk.articles.len()), entry)?;
        check_name(file, chunk.articles.iter().flat_map(|a| [&a.analysis, &a.text]))?;
        Ok(chunk.articles)
    }

    /// The shard that may hold `word` (or words it begins, two chars or more).
    fn shards_for<'a>(shards: &'a [ShardEntry], word: &str) -> impl Iterator<Item = &'a ShardEntry> {
        let key = key_of(word);
        shards.iter().filter(move |s| s.key == key)
    }

    /// The shard files a search for `query` may read (it stops early once
    /// nothing matches), without the manifest: an asynchronous caller such as
    /// a browser fetches these first, then searches with what it fetched.
    pub fn files_for(&self, query: &str) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for (word, _) in query_words(query) {
            for shard in Self::shards_for(&self.manifest.terms, &word) {
                if !files.contains(&shard.file.as_str()) {
                    files.push(&shard.file);
                }
            }
        }
        files
    }

    /// The entity shard that holds `id`, if any.
    pub fn file_for_entity(&self, id: &str) -> Option<&str> {
        let key = entity_key(id);
        self.manifest.entities.iter().find(|s| s.key == key).map(|s| s.file.as_str())
    }

    /// Reads one shard the manifest lists (`entry`) from its bytes, and
    /// checks that it is the shard promised and that its postings point at
    /// real articles. A caller that searches often keeps what this returns.
    pub fn shard(&self, entry: &ShardEntry, bytes: &[u8]) -> Result<Shard, String> {
        let file = &entry.file;
        let shard = parse(file, "a search index shard", bytes, read_shard)?;
        check_version(file, shard.version)?;
        if shard.key != entry.key {
            return Err(format!("{file} holds key {:?}, but {MANIFEST} says {:?}", shard.key, entry.key));
        }
        if let Some(&[a, ..]) = shard.postings.values().flatten().find(|p| p[0] as usize >= self.manifest.articles) {
            return Err(format!("{file} points to article {a}, which {MANIFEST} does not have"));
        }
        Ok(shard)
    }

    /// [`Self::shard`] over bytes from `fetch`, a caller's files by name.
    fn fetched<'a>(
        &'a self,
        mut fetch: impl FnMut(&str) -> Option<Vec<u8>> + 'a,
    ) -> impl FnMut(&ShardEntry) -> Result<Rc<Shard>, String> + 'a {
        move |entry| {
            let file = &entry.file;
            let bytes = fetch(file).ok_or_else(|| format!("{file} is missing, though {MANIFEST} lists it"))?;
            self.shard(entry, &bytes).map(Rc::new)
        }
    }

    /// The sections that hold every word of `query` (the last word as a
    /// prefix), grouped by article, best first: articles by their total
    /// count, sections by theirs, ties in corpus order. `fetch` returns a
    /// file's bytes by name; it is asked only for the shards the words need,
    /// each at most once. An empty query matches nothing and fetches nothing.
    pub fn search(&self, query: &str, fetch: impl FnMut(&str) -> Option<Vec<u8>>) -> Result<Vec<ArticleHits>, String> {
        self.search_with(query, self.fetched(fetch))
    }

    /// [`Self::search`] with shards already read: `shard` gives the shard a
    /// manifest entry names (read with [`Self::shard`], or the sentence why not).
    pub fn search_with(
        &self,
        query: &str,
        mut shard: impl FnMut(&ShardEntry) -> Result<Rc<Shard>, String>,
    ) -> Result<Vec<ArticleHits>, String> {
        let mut loaded: HashMap<&str, Rc<Shard>> = HashMap::new();
        let mut matched: Option<Vec<[u32; 3]>> = None;
        for (word, prefix) in query_words(query) {
            let mut found: Vec<[u32; 3]> = Vec::new();
            for entry in Self::shards_for(&self.manifest.terms, &word) {
                if !loaded.contains_key(entry.file.as_str()) {
                    loaded.insert(&entry.file, shard(entry)?);
                }
                let postings =
                    loaded[entry.file.as_str()].postings.range::<str, _>((Included(word.as_str()), Unbounded));
                let postings = postings.take_while(|(t, _)| if prefix { t.starts_with(&word) } else { **t == word });
                for p in postings {
                    found.extend_from_slice(p.1);
                }
            }
            let found = by_section(found);
            let narrowed = match matched {
                None => found,
                Some(before) => both(&before, &found),
            };
            let nothing = narrowed.is_empty();
            matched = Some(narrowed);
            if nothing {
                break; // No section can match: the other words' shards need not be fetched.
            }
        }
        Ok(group(matched.unwrap_or_default()))
    }

    /// Where the entity `id` is mentioned: every article, with its mentions
    /// in all and per section, most mentions first (ties in corpus order);
    /// one shard fetched at most, none if no shard has its key.
    pub fn entity(&self, id: &str, fetch: impl FnMut(&str) -> Option<Vec<u8>>) -> Result<Vec<ArticleHits>, String> {
        self.entity_with(id, self.fetched(fetch))
    }

    /// [`Self::entity`] with shards already read, as in [`Self::search_with`].
    pub fn entity_with(
        &self,
        id: &str,
        mut shard: impl FnMut(&ShardEntry) -> Result<Rc<Shard>, String>,
    ) -> Result<Vec<ArticleHits>, String> {
        let key = entity_key(id);
        let Some(entry) = self.manifest.entities.iter().find(|s| s.key == key) else { return Ok(Vec::new()) };
        let shard = shard(entry)?;
        Ok(group(by_section(shard.postings.get(id).cloned().unwrap_or_default())))
    }
}

/// Postings `[article, section, count]` in (article, section) order, one per section, counts added.
fn by_section(mut postings: Vec<[u32; 3]>) -> Vec<[u32; 3]> {
    // One word's postings are in order already; a prefix's words interleave.
    postings.sort_unstable_by_key(|p| (p[0], p[1]));
    postings.dedup_by(|next, kept| {
        let same = next[..2] == kept[..2];
        if same {
            kept[2] = kept[2].saturating_add(next[2]);
        }
        same
    });
    postings
}

/// The sections in both (each in (article, section) order), their counts added.
fn both(a: &[[u32; 3]], b: &[[u32; 3]]) -> Vec<[u32; 3]> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x[..2].cmp(&y[..2]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push([x[0], x[1], x[2].saturating_add(y[2])]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Counts by (article, section), in that order, as articles with their sections, best first.
fn group(counts: Vec<[u32; 3]>) -> Vec<ArticleHits> {
    let mut hits: Vec<ArticleHits> = Vec::new();
    for [a, s, count] in counts {
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
        h.sections.sort_unstable_by_key(|x| (std::cmp::Reverse(x.count), x.section));
    }
    hits.sort_unstable_by_key(|x| (std::cmp::Reverse(x.count), x.article));
    hits
}

/// The lines a search result shows from one section of an article: about
/// `width` bytes of the section's text around the first place where a word
/// of `query` occurs, and every such place inside it, as byte spans into
/// `text`. `None` if the section does not exist or holds none of the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The section's heading; `None` for the lede, which is called [`INTRODUCTION`](super::parse::INTRODUCTION).
    pub heading: Option<Span>,
    /// The text shown; `cut_before`/`cut_after` say whether it starts or ends inside a paragraph.
    pub window: Span,
    pub cut_before: bool,
    pub cut_after: bool,
    /// The words found, inside `window`, in order.
    pub hits: Vec<Span>,
}

/// See [`Snippet`].
pub fn snippet(text: &str, section: usize, query: &str, width: usize) -> Option<Snippet> {
    let doc = super::parse::structure(text);
    let s = doc.sections.get(section)?;
    let blocks = &doc.blocks[s.blocks.clone()];
    let paragraphs = || blocks.iter().filter(|b| b.kind == BlockKind::Paragraph);
    let folded = Folded::of_spans(text, paragraphs().map(|b| b.span));
    let mut hits: Vec<Span> = Vec::new();
    for (word, _) in query_words(query) {
        folded.find_all(&word, &mut hits);
    }
    // Words, as the index holds them: a hit must start a word.
    hits.retain(|h| !text[..h.start].chars().next_back().is_some_and(char::is_alphanumeric));
    hits.sort_unstable_by_key(|h| (h.start, h.end));
    let first = *hits.first()?;
    let block = paragraphs().find(|b| b.span.start <= first.start && first.end <= b.span.end)?;
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    // A short paragraph is shown whole; a long one from a little before the first hit.
    let lead = if block.span.len() <= width { first.start } else { width / 3 };
    let start = floor(first.start.saturating_sub(lead).max(block.span.start));
    let end = floor(start.saturating_add(width).min(block.span.end).max(first.end));
    // Whole words at both ends.
    let start = if start > block.span.start {
        text[start..first.start].find(' ').map_or(first.start, |i| start + i + 1)
    } else {
        start
    };
    let end = if end < block.span.end { text[first.end..end].rfind(' ').map_or(end, |i| first.end + i) } else { end };
    let window = Span { start, end };
    hits.retain(|h| window.start <= h.start && h.end <= window.end);
    Some(Snippet {
        heading: s.heading,
        window,
        cut_before: start > block.span.start,
        cut_after: end < block.span.end,
        hits,
    })
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
        assert_eq!(w("world c"), ["world", "c"], "a one-char last word is a whole word");
    }
}
