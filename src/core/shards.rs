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
//! per word. A shard also carries the titles rows of its words' and
//! prefixes' first results (`named`), so that a search draws its first page
//! in the round that fetched the shards; results are ranked by each word's
//! count times its rarity (`weight`). Entity postings, (article, section,
//! mentions) triples, are sharded the same way by the two chars after the kind in the id
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
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound::{Included, Unbounded};
use std::rc::Rc;

/// The format version of every file; a reader refuses any other.
pub const VERSION: u32 = 5;

/// The manifest's file name, the one name without a hash.
pub const MANIFEST: &str = "manifest.json";

/// Articles per list file: a list of a hundred titles is a few kilobytes
/// gzipped, and a page of results rarely needs more than a few of them.
pub const CHUNK: usize = 100;

/// Articles per titles file: what a page of results shows of each article
/// (slug, title, section count, text file), a few kilobytes gzipped, so the
/// titles of a page of results take one round of small downloads.
pub const TITLES_CHUNK: usize = 250;

/// Articles a shard names by title for every prefix its words begin with
/// (the last word of a query, typed): a page of results for a word being typed.
pub const NAMED_PER_PREFIX: usize = 10;

/// Articles a shard names by title for each of its whole words (and entity
/// shards for each entity): enough that the first page of a search for two
/// words is mostly named by their shards too, since the articles that hold
/// both words best are most often among those that hold one of them best.
pub const NAMED_PER_WORD: usize = 50;

/// Leading entities kept per article in its list entry.
const LEADING: usize = 3;

/// Entities the manifest lists for the whole corpus.
const SALIENT: usize = 24;

/// How the index is cut into files: articles per list and per titles file,
/// and how the manifest splits when it grows too large: past `limit` bytes,
/// each of its lists longer than `page` entries moves into page files of
/// `page` entries (`pages-<list>-<first>-<hash>.json`) that the manifest
/// names instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub list_size: usize,
    pub titles_size: usize,
    pub limit: usize,
    pub page: usize,
}

impl Default for Layout {
    /// [`CHUNK`] and [`TITLES_CHUNK`]; 256 KiB of manifest (about 75 KB
    /// gzipped: its entries are mostly hashes) and pages of 1,000 entries
    /// (about 16 KB gzipped). A corpus of 10,000 articles has a 73 KB
    /// manifest and is not split; one of a million is, and its first visit
    /// reads the manifest, one page and one list.
    fn default() -> Layout {
        Layout { list_size: CHUNK, titles_size: TITLES_CHUNK, limit: 256 << 10, page: 1000 }
    }
}

/// The largest file a reader takes (a manifest, list or shard): a corpus of
/// a million articles stays far below it; anything larger is refused unread.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// The entry point: what the corpus holds and which file holds what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub version: u32,
    /// How many articles the corpus holds.
    pub articles: usize,
    /// Articles per list: list `n` holds articles `n * list_size` on.
    pub list_size: usize,
    /// Articles per titles file, in the same way.
    pub titles_size: usize,
    /// The article lists, in corpus order (empty when paged).
    pub chunks: Vec<ChunkEntry>,
    /// The titles files, in corpus order (empty when paged).
    pub titles: Vec<ChunkEntry>,
    /// Term shards, by key (a term's first two chars; empty when paged).
    pub terms: Vec<ShardEntry>,
    /// Entity shards, by key (the first two chars of an entity id after its
    /// kind; empty when paged).
    pub entities: Vec<ShardEntry>,
    /// When the manifest is split: the page files that hold the lists above
    /// in its place, each list's pages in order.
    pub pages: Vec<PageEntry>,
    /// The entities found in most articles (`count`: in how many), most first.
    pub salient: Vec<Named>,
}

/// The lists a manifest holds, by the name its pages give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Chunks,
    Titles,
    Terms,
    Entities,
}

impl List {
    const ALL: [List; 4] = [List::Chunks, List::Titles, List::Terms, List::Entities];

    fn name(self) -> &'static str {
        match self {
            List::Chunks => "chunks",
            List::Titles => "titles",
            List::Terms => "terms",
            List::Entities => "entities",
        }
    }
}

/// One page of a split manifest: entries `first .. first + count` of the list
/// `list` (`chunks`, `titles`, `terms` or `entities`); for the term and entity
/// lists, `key` is the first entry's key, so a key's page is the last whose
/// `key` is not after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageEntry {
    pub list: String,
    pub first: usize,
    pub count: usize,
    pub key: String,
    pub file: String,
}

/// A page file: a run of one list's entries (the other kind's field empty).
#[derive(Debug, Serialize)]
struct Page {
    version: u32,
    list: String,
    first: usize,
    chunks: Vec<ChunkEntry>,
    shards: Vec<ShardEntry>,
}

/// What a reader is about to look up, for [`ShardedIndex::pages_needed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need<'a> {
    /// The list holding this article.
    List(usize),
    /// The titles file holding this article.
    Titles(usize),
    /// The term shards of a query's words.
    Words(&'a str),
    /// The entity shard of this id.
    Entity(&'a str),
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

impl From<&ArticleEntry> for Title {
    fn from(e: &ArticleEntry) -> Title {
        Title { slug: e.slug.clone(), title: e.title.clone(), sections: e.sections, text: e.text.clone() }
    }
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
#[derive(Debug)]
pub struct Shard {
    version: u32,
    key: String,
    postings: BTreeMap<String, Vec<[u32; 3]>>,
    /// The articles its words' and prefixes' first results are, as results
    /// name them: a search draws its first page from the shards it read,
    /// without a titles file.
    titles: NamedRows,
}

/// A shard's titles rows, `[article, [slug, title, sections, text]]`, kept
/// as their bytes: a search reads only the rows of the results it names.
#[derive(Debug, Default)]
struct NamedRows {
    bytes: Vec<u8>,
    /// (article, start, end) of each row's title in `bytes`, by article.
    rows: Vec<(u32, usize, usize)>,
    /// Each row's title once a search has read it: the next keystroke that
    /// names the same result does not read it again.
    read: Vec<OnceCell<Rc<Title>>>,
}

/// A shard as `build` writes it.
#[derive(Serialize)]
struct ShardFile<'a> {
    version: u32,
    key: &'a str,
    postings: &'a BTreeMap<String, Vec<[u32; 3]>>,
    titles: Vec<(u32, &'a Title)>,
}

/// One article's matching sections, best first, and their total count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHits {
    /// The article's number in the corpus (see [`ShardedIndex::chunk_of`]).
    pub article: usize,
    pub count: u32,
    pub sections: Vec<SectionHit>,
    /// How it is named, when a shard the search read names it (the first
    /// [`NAMED_PER_WORD`] results at most).
    pub title: Option<Rc<Title>>,
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
    build_with(articles, Layout::default())
}

/// [`build`], cut into files as `layout` says.
pub fn build_with<S: AsRef<str>>(articles: &[(S, &Analysis)], layout: Layout) -> Vec<(String, Vec<u8>)> {
    let (list_size, titles_size) = (layout.list_size.max(1), layout.titles_size.max(1));
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
    for (n, list) in entries.chunks(list_size).enumerate() {
        let first = n * list_size;
        let bytes = to_json(&Chunk { version: VERSION, first, articles: list.to_vec() });
        let file = add_file(&mut files, format!("articles-{first}-{}.json", hash(&bytes)), bytes);
        chunks.push(ChunkEntry { first, count: list.len(), file });
    }
    let mut titles = Vec::new();
    for (n, list) in entries.chunks(titles_size).enumerate() {
        let first = n * titles_size;
        let bytes = to_json(&Titles { version: VERSION, first, titles: list.iter().map(Title::from).collect() });
        let file = add_file(&mut files, format!("titles-{first}-{}.json", hash(&bytes)), bytes);
        titles.push(ChunkEntry { first, count: list.len(), file });
    }
    let terms = write_shards("terms", terms, &entries, true, &mut files);
    let entities = write_shards("entities", entities, &entries, false, &mut files);
    let mut manifest = Manifest {
        version: VERSION,
        articles: entries.len(),
        list_size,
        titles_size,
        chunks,
        titles,
        terms,
        entities,
        pages: Vec::new(),
        salient,
    };
    let mut bytes = to_json(&manifest);
    if bytes.len() > layout.limit {
        let page = layout.page.max(1);
        let mut pages = Vec::new();
        page_out(
            List::Chunks,
            std::mem::take(&mut manifest.chunks),
            &mut manifest.chunks,
            page,
            &mut pages,
            &mut files,
        );
        page_out(
            List::Titles,
            std::mem::take(&mut manifest.titles),
            &mut manifest.titles,
            page,
            &mut pages,
            &mut files,
        );
        page_out(List::Terms, std::mem::take(&mut manifest.terms), &mut manifest.terms, page, &mut pages, &mut files);
        let entities = std::mem::take(&mut manifest.entities);
        page_out(List::Entities, entities, &mut manifest.entities, page, &mut pages, &mut files);
        manifest.pages = pages;
        bytes = to_json(&manifest);
    }
    files.insert(0, (MANIFEST.to_string(), bytes));
    files
}

/// An entry of one of the manifest's lists, as a page holds it.
trait PageItem: Clone {
    fn key(&self) -> &str;
    fn page(list: &str, first: usize, entries: Vec<Self>) -> Page;
}

impl PageItem for ChunkEntry {
    fn key(&self) -> &str {
        ""
    }
    fn page(list: &str, first: usize, chunks: Vec<Self>) -> Page {
        Page { version: VERSION, list: list.to_string(), first, chunks, shards: Vec::new() }
    }
}

impl PageItem for ShardEntry {
    fn key(&self) -> &str {
        &self.key
    }
    fn page(list: &str, first: usize, shards: Vec<Self>) -> Page {
        Page { version: VERSION, list: list.to_string(), first, chunks: Vec::new(), shards }
    }
}

/// Moves `entries` into page files of `page` entries if there are more than
/// that (naming them in `pages`), else back into `inline`.
fn page_out<T: PageItem + Serialize>(
    list: List,
    entries: Vec<T>,
    inline: &mut Vec<T>,
    page: usize,
    pages: &mut Vec<PageEntry>,
    files: &mut Vec<(String, Vec<u8>)>,
) {
    if entries.len() <= page {
        *inline = entries;
        return;
    }
    let name = list.name();
    for (n, run) in entries.chunks(page).enumerate() {
        let first = n * page;
        let bytes = to_json(&T::page(name, first, run.to_vec()));
        let file = add_file(files, format!("pages-{name}-{first}-{}.json", hash(&bytes)), bytes);
        let key = run[0].key().to_string();
        pages.push(PageEntry { list: name.to_string(), first, count: run.len(), key, file });
    }
}

fn write_shards(
    kind: &str,
    shards: Postings,
    entries: &[ArticleEntry],
    terms: bool,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<ShardEntry> {
    shards
        .into_iter()
        .map(|(key, postings)| {
            let numbers = named(&postings, terms, entries.len());
            let rows: Vec<Title> = numbers.iter().map(|&a| Title::from(&entries[a as usize])).collect();
            let titles = numbers.into_iter().zip(&rows).collect();
            let bytes = to_json(&ShardFile { version: VERSION, key: &key, postings: &postings, titles });
            let file = format!("{kind}-{}-{}.json", key_name(&key), hash(&bytes));
            files.push((file.clone(), bytes));
            ShardEntry { key, file }
        })
        .collect()
}

/// The articles a shard names. A term shard (`terms`): the first
/// [`NAMED_PER_WORD`] results of each of its words and the first
/// [`NAMED_PER_PREFIX`] of every prefix of two chars or more its words begin
/// with, ranked as [`ShardedIndex::search`] ranks them. An entity shard: the
/// first page of each entity's articles.
fn named(postings: &BTreeMap<String, Vec<[u32; 3]>>, terms: bool, articles: usize) -> BTreeSet<u32> {
    fn best(totals: &HashMap<u32, u32>, n: usize, out: &mut BTreeSet<u32>) {
        let mut ranked: Vec<(u32, u32)> = totals.iter().map(|(&a, &c)| (a, c)).collect();
        ranked.sort_unstable_by_key(|&(a, c)| (std::cmp::Reverse(c), a));
        out.extend(ranked.into_iter().take(n).map(|(a, _)| a));
    }
    let mut out = BTreeSet::new();
    let mut by_prefix: HashMap<&str, HashMap<u32, u32>> = HashMap::new();
    for (word, list) in postings {
        let mut totals: HashMap<u32, u32> = HashMap::new();
        let weight = if terms { weight(list, articles) } else { 1 };
        for &[a, _, count] in list {
            let score = totals.entry(a).or_default();
            *score = score.saturating_add(count.saturating_mul(weight));
        }
        best(&totals, if terms { NAMED_PER_WORD } else { NAMED_PER_PREFIX }, &mut out);
        if terms {
            for (end, _) in word.char_indices().skip(2).chain([(word.len(), ' ')]) {
                let sum = by_prefix.entry(&word[..end]).or_default();
                for (&a, &c) in &totals {
                    let score = sum.entry(a).or_default();
                    *score = score.saturating_add(c);
                }
            }
        }
    }
    for totals in by_prefix.values() {
        best(totals, NAMED_PER_PREFIX, &mut out);
    }
    out
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
fn items<T>(r: &mut Reader, item: fn(&mut Reader) -> json::Result<T>) -> json::Result<Vec<T>> {
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
            list_size: Reader::int,
            titles_size: Reader::int,
            chunks: |r: &mut Reader| items(r, read_chunk_entry),
            titles: |r: &mut Reader| items(r, read_chunk_entry),
            terms: |r: &mut Reader| items(r, read_shard_entry),
            entities: |r: &mut Reader| items(r, read_shard_entry),
            pages: |r: &mut Reader| items(r, read_page_entry),
            salient: |r: &mut Reader| items(r, read_named),
        }
    )
}

fn read_page_entry(r: &mut Reader) -> json::Result<PageEntry> {
    read_record!(
        r,
        PageEntry {
            list: Reader::string,
            first: Reader::int,
            count: Reader::int,
            key: Reader::string,
            file: Reader::string
        }
    )
}

fn read_page(r: &mut Reader) -> json::Result<Page> {
    read_record!(
        r,
        Page {
            version: Reader::int,
            list: Reader::string,
            first: Reader::int,
            chunks: |r: &mut Reader| items(r, read_chunk_entry),
            shards: |r: &mut Reader| items(r, read_shard_entry),
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
        Chunk { version: Reader::int, first: Reader::int, articles: |r: &mut Reader| items(r, read_article) }
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
            entities: |r: &mut Reader| items(r, read_named),
        }
    )
}

fn read_titles(r: &mut Reader) -> json::Result<Titles> {
    read_record!(r, Titles { version: Reader::int, first: Reader::int, titles: |r: &mut Reader| items(r, read_title) })
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
    read_record!(
        r,
        Shard { version: Reader::int, key: Reader::string, postings: read_postings, titles: read_shard_titles }
    )
}

/// `[[article, [slug, title, sections, text]], …]`: each row's article, and its
/// title's bytes, checked as JSON here and read when a result needs it.
fn read_shard_titles(r: &mut Reader) -> json::Result<NamedRows> {
    let mut named = NamedRows::default();
    r.array(|r| {
        let (mut article, mut n) = (None, 0);
        r.array(|r| {
            match n {
                0 => article = Some(r.int()?),
                1 => {
                    let title = r.raw()?;
                    let start = named.bytes.len();
                    named.bytes.extend_from_slice(title);
                    named.rows.push((required(article, "article")?, start, named.bytes.len()));
                }
                _ => r.skip()?,
            }
            n += 1;
            Ok(())
        })?;
        match n {
            2 => Ok(()),
            _ => Err(json::Error::Wrong(format!("a titles row holds {n} values, not 2"))),
        }
    })?;
    named.rows.sort_unstable_by_key(|row| row.0);
    named.read = named.rows.iter().map(|_| OnceCell::new()).collect();
    Ok(named)
}

/// `{"word": [posting, …], …}`.
fn read_postings(r: &mut Reader) -> json::Result<BTreeMap<String, Vec<[u32; 3]>>> {
    let mut map = BTreeMap::new();
    r.object(|r, name| {
        map.insert(name.to_string(), items(r, read_posting)?);
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

/// That entry `n` of a list of `size` articles each is the one it must be.
fn check_chunk(
    file: &str,
    what: &str,
    n: usize,
    entry: &ChunkEntry,
    (size, articles): (usize, usize),
) -> Result<(), String> {
    let first = n.saturating_mul(size);
    let count = size.min(articles.saturating_sub(first));
    if entry.first == first && entry.count == count && count > 0 {
        return Ok(());
    }
    Err(format!(
        "{file} lists {} for articles {} to {}, where a corpus that holds {articles} articles, {size} a {what}, has articles {first} to {}",
        entry.file,
        entry.first,
        entry.first.saturating_add(entry.count),
        first + count
    ))
}

/// That shard keys come in order, each once.
fn check_keys<'a>(file: &str, keys: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
    let mut last: Option<&str> = None;
    for key in keys {
        if last.is_some_and(|l| l >= key) {
            return Err(format!("{file} lists the key {key:?} out of order"));
        }
        last = Some(key);
    }
    Ok(())
}

/// The list or titles file of `chunks` (in order) that starts at article `first`.
fn find_chunk(chunks: &[ChunkEntry], first: usize) -> Option<&ChunkEntry> {
    chunks.binary_search_by_key(&first, |c| c.first).ok().map(|i| &chunks[i])
}

/// The shard of `shards` (in key order) with key `key`.
fn find_shard<'a>(shards: &'a [ShardEntry], key: &str) -> Option<&'a ShardEntry> {
    shards.binary_search_by(|s| s.key.as_str().cmp(key)).ok().map(|i| &shards[i])
}

/// The reader: a parsed manifest, the pages of it read so far when it is
/// split, and searches that fetch shards on demand.
#[derive(Debug, Clone)]
pub struct ShardedIndex {
    /// Shared by the copies a reader makes as it reads pages.
    manifest: Rc<Manifest>,
    /// The lists' entries the reader has (all of a list the manifest holds
    /// itself, and those of the pages read): list files by position, shards by key.
    /// Each list in order (by first article, or by key): a page's run goes in at its place.
    /// (Sorted vectors, not maps: the library's wasm carries this reader, and four more
    /// map types cost it kilobytes.)
    chunks: Vec<ChunkEntry>,
    titles: Vec<ChunkEntry>,
    terms: Vec<ShardEntry>,
    entities: Vec<ShardEntry>,
    /// The page files read.
    read: Vec<String>,
}

impl ShardedIndex {
    /// Reads `manifest.json`; checks its version, that its lists (or their
    /// pages) cover the articles in order, and that every file it names is a
    /// plain file name.
    pub fn from_manifest(bytes: &[u8]) -> Result<ShardedIndex, String> {
        let manifest: Manifest = parse(MANIFEST, "a corpus manifest", bytes, read_manifest)?;
        check_version(MANIFEST, manifest.version)?;
        let names = manifest.chunks.iter().chain(&manifest.titles).map(|c| &c.file);
        let names = names.chain(manifest.terms.iter().chain(&manifest.entities).map(|s| &s.file));
        check_name(MANIFEST, names.chain(manifest.pages.iter().map(|p| &p.file)))?;
        if manifest.list_size == 0 || manifest.titles_size == 0 {
            return Err(format!("{MANIFEST} says its lists hold no articles each"));
        }
        if let Some(p) = manifest.pages.iter().find(|p| List::ALL.iter().all(|l| l.name() != p.list)) {
            return Err(format!("{MANIFEST} names {} as a page of {:?}, a list it does not have", p.file, p.list));
        }
        let mut index = ShardedIndex {
            manifest: Rc::new(manifest),
            chunks: Vec::new(),
            titles: Vec::new(),
            terms: Vec::new(),
            entities: Vec::new(),
            read: Vec::new(),
        };
        for list in List::ALL {
            index.check_list(list)?;
        }
        let m = &index.manifest;
        (index.chunks, index.titles) = (m.chunks.clone(), m.titles.clone());
        (index.terms, index.entities) = (m.terms.clone(), m.entities.clone());
        Ok(index)
    }

    /// Articles per file of a list of articles, and how many such files the corpus has.
    fn sizes(&self, list: List) -> (usize, usize) {
        let size = if list == List::Titles { self.manifest.titles_size } else { self.manifest.list_size };
        (size, self.manifest.articles.div_ceil(size))
    }

    /// That the manifest holds `list` whole, or names pages that hold it in order.
    fn check_list(&self, list: List) -> Result<(), String> {
        let m = &self.manifest;
        let pages: Vec<&PageEntry> = self.pages(list).collect();
        let (what, inline) = match list {
            List::Chunks => ("list", m.chunks.len()),
            List::Titles => ("titles file", m.titles.len()),
            List::Terms => ("term shard", m.terms.len()),
            List::Entities => ("entity shard", m.entities.len()),
        };
        let sized = matches!(list, List::Chunks | List::Titles);
        let (size, files) = self.sizes(list);
        if pages.is_empty() {
            let entries = match list {
                List::Chunks => &m.chunks,
                List::Titles => &m.titles,
                List::Terms => return check_keys(MANIFEST, m.terms.iter().map(|s| s.key.as_str())),
                List::Entities => return check_keys(MANIFEST, m.entities.iter().map(|s| s.key.as_str())),
            };
            if inline != files {
                return Err(format!(
                    "{MANIFEST} says it holds {} articles, but lists {inline} {what}s of {size}",
                    m.articles
                ));
            }
            return entries
                .iter()
                .enumerate()
                .try_for_each(|(n, e)| check_chunk(MANIFEST, what, n, e, (size, m.articles)));
        }
        if inline > 0 {
            return Err(format!("{MANIFEST} lists {what}s both itself and in pages"));
        }
        let mut next = 0usize;
        for p in &pages {
            if p.first != next || p.count == 0 {
                return Err(format!(
                    "{MANIFEST} names {} for {what}s from {}, but its pages before it end at {next}",
                    p.file, p.first
                ));
            }
            next = next.saturating_add(p.count);
        }
        if sized && next != files {
            return Err(format!(
                "{MANIFEST} says it holds {} articles, but its pages name {next} {what}s of {size}",
                m.articles
            ));
        }
        if sized {
            Ok(())
        } else {
            check_keys(MANIFEST, pages.iter().map(|p| p.key.as_str()))
        }
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    fn pages(&self, list: List) -> impl Iterator<Item = &PageEntry> {
        self.manifest.pages.iter().filter(move |p| p.list == list.name())
    }

    /// The page of `list` that holds its entry `n` (lists of articles) or key `key` (shards).
    fn page_of(&self, list: List, n: usize, key: &str) -> Option<&PageEntry> {
        match list {
            List::Chunks | List::Titles => self.pages(list).find(|p| p.first <= n && n - p.first < p.count),
            List::Terms | List::Entities => self.pages(list).take_while(|p| p.key.as_str() <= key).last(),
        }
    }

    /// The pages of a split manifest that `need` wants and the reader has not
    /// read yet ([`Self::add_page`]); none when the manifest is whole.
    pub fn pages_needed(&self, need: Need) -> Vec<&PageEntry> {
        let mut out: Vec<&PageEntry> = Vec::new();
        let found: Vec<Option<&PageEntry>> = match need {
            Need::List(article) => vec![self.page_of(List::Chunks, article / self.manifest.list_size, "")],
            Need::Titles(article) => vec![self.page_of(List::Titles, article / self.manifest.titles_size, "")],
            Need::Words(query) => {
                query_words(query).iter().map(|(word, _)| self.page_of(List::Terms, 0, &key_of(word))).collect()
            }
            Need::Entity(id) => vec![self.page_of(List::Entities, 0, &entity_key(id))],
        };
        for page in found.into_iter().flatten() {
            if !self.read.contains(&page.file) && !out.contains(&page) {
                out.push(page);
            }
        }
        out
    }

    /// Reads a page of the manifest (`entry`, one of those it names): it must
    /// be the page promised, of this version, its entries the ones that
    /// belong in its place, naming only plain files.
    pub fn add_page(&mut self, entry: &PageEntry, bytes: &[u8]) -> Result<(), String> {
        if !self.manifest.pages.contains(entry) {
            return Err(format!("{} is not a page {MANIFEST} names", entry.file));
        }
        if self.read.contains(&entry.file) {
            return Ok(());
        }
        let file = &entry.file;
        let page = parse(file, "a page of the corpus manifest", bytes, read_page)?;
        check_version(file, page.version)?;
        let count = page.chunks.len() + page.shards.len();
        if page.list != entry.list || page.first != entry.first || count != entry.count {
            return Err(format!(
                "{file} holds {count} {} from {}, but {MANIFEST} says {} {} from {}",
                page.list, page.first, entry.count, entry.list, entry.first
            ));
        }
        let list = List::ALL.into_iter().find(|l| l.name() == entry.list).expect("the manifest's lists are checked");
        match list {
            List::Chunks | List::Titles => {
                if !page.shards.is_empty() {
                    return Err(format!("{file} holds shards in a page of {}", entry.list));
                }
                check_name(file, page.chunks.iter().map(|c| &c.file))?;
                let (size, articles) = (self.sizes(list).0, self.manifest.articles);
                let what = if list == List::Chunks { "list" } else { "titles file" };
                for (i, c) in page.chunks.iter().enumerate() {
                    check_chunk(file, what, entry.first + i, c, (size, articles))?;
                }
                let kept = if list == List::Chunks { &mut self.chunks } else { &mut self.titles };
                let at = kept.partition_point(|c| c.first < page.chunks[0].first);
                kept.splice(at..at, page.chunks);
            }
            List::Terms | List::Entities => {
                if !page.chunks.is_empty() {
                    return Err(format!("{file} holds lists in a page of {}", entry.list));
                }
                check_name(file, page.shards.iter().map(|s| &s.file))?;
                check_keys(file, page.shards.iter().map(|s| s.key.as_str()))?;
                let next = self.pages(list).find(|p| p.first > entry.first).map(|p| p.key.as_str());
                let first = page.shards.first().map(|s| s.key.as_str());
                let last = page.shards.last().map(|s| s.key.as_str());
                if first != Some(entry.key.as_str()) || next.is_some_and(|n| last.is_some_and(|l| l >= n)) {
                    return Err(format!("{file} holds keys that {MANIFEST} puts in other pages"));
                }
                let kept = if list == List::Terms { &mut self.terms } else { &mut self.entities };
                let at = kept.partition_point(|s| s.key < entry.key);
                kept.splice(at..at, page.shards);
            }
        }
        self.read.push(entry.file.clone());
        Ok(())
    }

    /// Reads the pages `need` wants with `fetch` (a caller that reads files
    /// as it goes, such as the command line); returns how many it read.
    pub fn load(&mut self, need: Need, mut fetch: impl FnMut(&str) -> Option<Vec<u8>>) -> Result<usize, String> {
        let pages: Vec<PageEntry> = self.pages_needed(need).into_iter().cloned().collect();
        for page in &pages {
            let bytes =
                fetch(&page.file).ok_or_else(|| format!("{} is missing, though {MANIFEST} lists it", page.file))?;
            self.add_page(page, &bytes)?;
        }
        Ok(pages.len())
    }

    /// The first article of the list file that holds `article`, if the corpus has it.
    pub fn list_first(&self, article: usize) -> Option<usize> {
        let size = self.manifest.list_size;
        (article < self.manifest.articles).then(|| article / size * size)
    }

    /// The first article of the titles file that holds `article`, if the corpus has it.
    pub fn titles_first(&self, article: usize) -> Option<usize> {
        let size = self.manifest.titles_size;
        (article < self.manifest.articles).then(|| article / size * size)
    }

    /// The list file that holds article `article` (once its page is read, when the manifest is split).
    pub fn chunk_of(&self, article: usize) -> Option<&ChunkEntry> {
        find_chunk(&self.chunks, self.list_first(article)?)
    }

    /// The titles file that holds article `article` (once its page is read, when the manifest is split).
    pub fn titles_of(&self, article: usize) -> Option<&ChunkEntry> {
        find_chunk(&self.titles, self.titles_first(article)?)
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

    /// The shard files a search for `query` may read (it stops early once
    /// nothing matches), without the manifest: an asynchronous caller such as
    /// a browser fetches these first, then searches with what it fetched.
    /// When the manifest is split, the pages that name them must be read first.
    pub fn files_for(&self, query: &str) -> Vec<&str> {
        let mut files: Vec<&str> = Vec::new();
        for (word, _) in query_words(query) {
            if let Some(shard) = find_shard(&self.terms, &key_of(&word)) {
                if !files.contains(&shard.file.as_str()) {
                    files.push(&shard.file);
                }
            }
        }
        files
    }

    /// The entity shard that holds `id`, if any.
    pub fn file_for_entity(&self, id: &str) -> Option<&str> {
        find_shard(&self.entities, &entity_key(id)).map(|s| s.file.as_str())
    }

    /// An error if a page `need` wants has not been read: a search without it would miss what it names.
    fn unread(&self, need: Need) -> Result<(), String> {
        match self.pages_needed(need).first() {
            Some(page) => Err(format!("{} has not been read, and the search needs it", page.file)),
            None => Ok(()),
        }
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
        let named = shard.titles.rows.iter().map(|row| row.0);
        if let Some(a) =
            shard.postings.values().flatten().map(|p| p[0]).chain(named).find(|&a| a as usize >= self.manifest.articles)
        {
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
    /// prefix), grouped by article, best first: articles by their words'
    /// counts each times the word's weight, `ln(1 + articles / df)` (a rarer
    /// word weighs more), sections by their counts, ties in corpus order. The hits the shards
    /// read name (their first results) carry their titles. `fetch` returns a
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
        self.unread(Need::Words(query))?;
        let mut loaded: HashMap<&str, Rc<Shard>> = HashMap::new();
        let mut matched: Option<Vec<Scored>> = None;
        let articles = self.manifest.articles;
        for (word, prefix) in query_words(query) {
            let mut found: Vec<Scored> = Vec::new();
            if let Some(entry) = find_shard(&self.terms, &key_of(&word)) {
                if !loaded.contains_key(entry.file.as_str()) {
                    loaded.insert(&entry.file, shard(entry)?);
                }
                let postings =
                    loaded[entry.file.as_str()].postings.range::<str, _>((Included(word.as_str()), Unbounded));
                let postings = postings.take_while(|(t, _)| if prefix { t.starts_with(&word) } else { **t == word });
                for (_, list) in postings {
                    let weight = weight(list, articles);
                    found.extend(list.iter().map(|&[a, s, c]| [a, s, c, c.saturating_mul(weight)]));
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
        named_by(group(matched.unwrap_or_default()), loaded.iter().map(|(file, shard)| (*file, shard)))
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
        self.unread(Need::Entity(id))?;
        let Some(entry) = find_shard(&self.entities, &entity_key(id)) else { return Ok(Vec::new()) };
        let shard = shard(entry)?;
        let postings = shard.postings.get(id).map_or(&[][..], Vec::as_slice);
        let scored = postings.iter().map(|&[a, s, c]| [a, s, c, c]).collect();
        named_by(group(by_section(scored)), [(entry.file.as_str(), &shard)])
    }
}

/// A posting with its score: `[article, section, count, score]`. A word's
/// score is its count times its [`weight`]: the rarer a word in the corpus, the
/// more an occurrence of it says about a section (an entity's score is its mentions).
type Scored = [u32; 4];

/// How much one occurrence of a word found in `postings` weighs in a corpus of
/// `articles`: its inverse document frequency, `ln(1 + articles / df)`, in
/// thousandths (a word in every article weighs 693, one in a tenth of them
/// 2,398), so that in `police said` the rarer `police` ranks the articles.
fn weight(postings: &[[u32; 3]], articles: usize) -> u32 {
    // One word's postings come in article order.
    let df = postings.iter().enumerate().filter(|(i, p)| *i == 0 || postings[i - 1][0] != p[0]).count().max(1);
    ((1.0 + articles as f64 / df as f64).ln() * 1000.0).round() as u32
}

/// Postings in (article, section) order, one per section, counts and scores added.
fn by_section(mut postings: Vec<Scored>) -> Vec<Scored> {
    // One word's postings are in order already; a prefix's words interleave.
    postings.sort_unstable_by_key(|p| (p[0], p[1]));
    postings.dedup_by(|next, kept| {
        let same = next[..2] == kept[..2];
        if same {
            kept[2] = kept[2].saturating_add(next[2]);
            kept[3] = kept[3].saturating_add(next[3]);
        }
        same
    });
    postings
}

/// The sections in both (each in (article, section) order), their counts and scores added.
fn both(a: &[Scored], b: &[Scored]) -> Vec<Scored> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x[..2].cmp(&y[..2]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push([x[0], x[1], x[2].saturating_add(y[2]), x[3].saturating_add(y[3])]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// `hits`, the first [`NAMED_PER_WORD`] of them each named by the first of
/// `shards` (by file name) that names it; a title that cannot be read is the
/// sentence why, naming its file.
fn named_by<'a>(
    mut hits: Vec<ArticleHits>,
    shards: impl IntoIterator<Item = (&'a str, &'a Rc<Shard>)> + Clone,
) -> Result<Vec<ArticleHits>, String> {
    for h in hits.iter_mut().take(NAMED_PER_WORD) {
        let article = h.article as u32;
        for (file, shard) in shards.clone() {
            let rows = &shard.titles.rows;
            let Ok(i) = rows.binary_search_by_key(&article, |row| row.0) else { continue };
            let cell = &shard.titles.read[i];
            let title = match cell.get() {
                Some(title) => title.clone(),
                None => {
                    let (_, start, end) = rows[i];
                    let title = parse(file, "a search index shard", &shard.titles.bytes[start..end], read_title)?;
                    check_name(file, [&title.text])?;
                    cell.get_or_init(|| Rc::new(title)).clone()
                }
            };
            h.title = Some(title);
            break;
        }
    }
    Ok(hits)
}

/// Scored sections in (article, section) order, as articles with their
/// sections, best first: articles by score, sections by count, ties in corpus order.
fn group(scored: Vec<Scored>) -> Vec<ArticleHits> {
    let mut hits: Vec<(ArticleHits, u32)> = Vec::new();
    for [a, s, count, score] in scored {
        let section = SectionHit { section: s as usize, count };
        match hits.last_mut() {
            Some((h, total)) if h.article == a as usize => {
                h.count = h.count.saturating_add(count);
                h.sections.push(section);
                *total = total.saturating_add(score);
            }
            _ => hits.push((ArticleHits { article: a as usize, count, sections: vec![section], title: None }, score)),
        }
    }
    for (h, _) in &mut hits {
        h.sections.sort_unstable_by_key(|x| (std::cmp::Reverse(x.count), x.section));
    }
    hits.sort_unstable_by_key(|(h, score)| (std::cmp::Reverse(*score), h.article));
    hits.into_iter().map(|(h, _)| h).collect()
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
