//! The sharded corpus index (`core::shards`) and the `index` and `search`
//! commands, as a reader and a site builder use them.

use article_explorer::core::shards::{self, ArticleHits, ShardedIndex};
use article_explorer::core::Analysis;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

/// Three small articles; each section is numbered in the comments the tests rely on.
const LISBON: &str = "# Storm in Lisbon\n\n\
Maria Costa said the storm hit Lisbon on Monday. The harbour flooded.\n\n\
## Damage\n\n\
The harbour wall broke near the café.\n\n\
## Markets\n\n\
Prices rose at the market.\n";
// 0: storm, lisbon, harbour · 1: harbour + cafe · 2: market

const BERLIN: &str = "# Roads shut in Berlin\n\n\
Officials in Berlin said the Straße was closed. Plan B is ready.\n\n\
## Cafés\n\n\
Every Café on the Straße stayed open.\n\n\
## Travel\n\n\
Flights from Lisbon resumed, Maria Costa said.\n";
// 0: strasse, plan b · 1: cafes, cafe, strasse · 2: lisbon

const ATHENS: &str = "# Calm in Greece\n\n\
In Ελλάδα the harbour of Piraeus was calm.\n\n\
## Ports\n\n\
Harbourmasters met on Tuesday.\n";
// 0: ελλαδα, harbour · 1: harbourmasters

fn analyses(texts: &[&str]) -> Vec<Analysis> {
    texts.iter().map(|t| Analysis::new(*t)).collect()
}

fn build(articles: &[Analysis]) -> HashMap<String, Vec<u8>> {
    let slugs = ["lisbon", "berlin", "athens", "extra"];
    let pairs: Vec<(&str, &Analysis)> = slugs.iter().copied().zip(articles).collect();
    shards::build(&pairs).into_iter().collect()
}

/// The corpus as a host serves it, and a log of every file asked for.
struct Host {
    files: HashMap<String, Vec<u8>>,
    fetched: RefCell<Vec<String>>,
}

impl Host {
    fn new(files: HashMap<String, Vec<u8>>) -> Host {
        Host { files, fetched: RefCell::new(Vec::new()) }
    }

    fn fetch(&self, name: &str) -> Option<Vec<u8>> {
        self.fetched.borrow_mut().push(name.to_string());
        self.files.get(name).cloned()
    }

    fn index(&self) -> ShardedIndex {
        ShardedIndex::from_manifest(&self.fetch(shards::MANIFEST).unwrap()).unwrap()
    }

    fn search(&self, index: &ShardedIndex, query: &str) -> Result<Vec<ArticleHits>, String> {
        index.search(query, |name| self.fetch(name))
    }

    /// (article, [(section, count)]) per matching article, best first.
    fn found(&self, query: &str) -> Vec<(usize, Vec<(usize, u32)>)> {
        let hits = self.search(&self.index(), query).unwrap();
        hits.into_iter().map(|h| (h.article, h.sections.iter().map(|s| (s.section, s.count)).collect())).collect()
    }

    /// Every article's list entry, read from the article lists.
    fn articles(&self, index: &ShardedIndex) -> Vec<shards::ArticleEntry> {
        let chunks = &index.manifest().chunks;
        chunks.iter().flat_map(|c| index.read_chunk(c, &self.fetch(&c.file).unwrap()).unwrap()).collect()
    }

    fn with(&self, name: &str, bytes: &[u8]) -> Host {
        let mut files = self.files.clone();
        files.insert(name.to_string(), bytes.to_vec());
        Host::new(files)
    }
}

fn corpus() -> Host {
    Host::new(build(&analyses(&[LISBON, BERLIN, ATHENS])))
}

fn shard_for(host: &Host, kind: &str, key: &str) -> String {
    let index = host.index();
    let list = if kind == "terms" { &index.manifest().terms } else { &index.manifest().entities };
    list.iter().find(|s| s.key == key).unwrap_or_else(|| panic!("no {kind} shard {key:?}")).file.clone()
}

#[test]
fn search_finds_folded_words_in_the_right_sections() {
    let host = corpus();
    // The last word is a prefix: "cafe" also finds "Cafés" (twice in Berlin's section 1).
    assert_eq!(host.found("Café"), [(1, vec![(1, 2)]), (0, vec![(1, 1)])]);
    assert_eq!(host.found("CAFE"), host.found("café"));
    assert_eq!(host.found("Straße"), [(1, vec![(0, 1), (1, 1)])]);
    assert_eq!(host.found("strasse"), host.found("STRASSE"));
    assert_eq!(host.found("market"), [(0, vec![(2, 2)])], "the heading \"Markets\" belongs to the section");
    assert!(host.found("zebra").is_empty());
    assert!(host.found("").is_empty());
    assert!(host.found(" — ").is_empty());
}

#[test]
fn every_word_must_occur_in_the_section() {
    let host = corpus();
    // Lisbon's lede and Athens' lede hold "harbour" without "cafe": both are left out.
    assert_eq!(host.found("harbour cafe"), [(0, vec![(1, 2)])]);
    assert_eq!(host.found("cafe harbour"), [(0, vec![(1, 2)])]);
    assert_eq!(host.found("Lisbon storm"), [(0, vec![(0, 2)])]);
    // Quoted phrases are their words ANDed, wherever they stand in the section.
    assert_eq!(host.found("\"storm Lisbon\""), host.found("storm lisbon"));
}

#[test]
fn the_last_word_is_a_prefix_the_others_are_whole_words() {
    let host = corpus();
    let harb = host.found("harb");
    // Athens says harbour and the rarer Harbourmasters, Lisbon harbour twice: the rarer word weighs more.
    assert_eq!(harb.iter().map(|(a, _)| *a).collect::<Vec<_>>(), [2, 0]);
    assert_eq!(harb[0].1, [(0, 1), (1, 1)], "harbour and Harbourmasters in Athens");
    assert!(host.found("harb wall").is_empty(), "'harb' is not a word");
    assert_eq!(host.found("wall harb"), [(0, vec![(1, 2)])]);
    assert_eq!(host.found("tuesday harbour"), [(2, vec![(1, 2)])], "harbour* finds Harbourmasters");
    assert!(host.found("harbour tuesday").is_empty());
}

#[test]
fn one_letter_and_non_ascii_words() {
    let host = corpus();
    assert_eq!(host.found("plan b"), [(1, vec![(0, 2)])], "b is \"B\", not \"Berlin\" too");
    assert_eq!(host.found("plan be"), [(1, vec![(0, 2)])], "be* is \"Berlin\"");
    assert_eq!(host.found("b plan"), [(1, vec![(0, 2)])]);
    assert_eq!(host.found("Ελλάδα"), [(2, vec![(0, 1)])]);
    let manifest = host.index().manifest().clone();
    assert!(manifest.terms.iter().any(|s| s.key == "b"));
    assert!(manifest.terms.iter().any(|s| s.key == "ελ"));
    for name in host.files.keys() {
        assert!(name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{name}");
    }
}

#[test]
fn a_search_fetches_only_the_shards_its_words_need() {
    let host = corpus();
    let index = host.index();
    let (ha, ca) = (shard_for(&host, "terms", "ha"), shard_for(&host, "terms", "ca"));
    assert_eq!(index.files_for("harbour cafe"), [ha.as_str(), ca.as_str()]);
    host.fetched.borrow_mut().clear();
    host.search(&index, "harbour cafe").unwrap();
    assert_eq!(*host.fetched.borrow(), [ha.clone(), ca]);
    // Two words in one shard: it is fetched once.
    host.fetched.borrow_mut().clear();
    host.search(&index, "harbour harbourmasters").unwrap();
    assert_eq!(*host.fetched.borrow(), [ha]);
    // A word no shard can hold ends the search before anything is fetched.
    host.fetched.borrow_mut().clear();
    assert!(host.search(&index, "zebra harbour").unwrap().is_empty());
    assert!(host.fetched.borrow().is_empty());
    // A one-letter last word is a whole word: it reads its own shard, not every shard that
    // begins with it (which the next keystroke would make useless).
    let b_shards = index.manifest().terms.iter().filter(|s| s.key.starts_with('b')).count();
    assert!(b_shards > 1);
    assert_eq!(index.files_for("b"), [shard_for(&host, "terms", "b").as_str()]);
    // A corpus of 3 articles has more shards than any query here read.
    assert!(index.manifest().terms.len() > 20);
}

#[test]
fn an_entity_mentioned_in_two_articles() {
    let articles = analyses(&[LISBON, BERLIN, ATHENS]);
    let lisbon = articles[0].entities.entities.iter().find(|e| e.name == "Lisbon").expect("Lisbon found");
    let in_berlin =
        articles[1].entities.entities.iter().find(|e| e.id == lisbon.id).expect("Lisbon found in Berlin's article");
    let host = Host::new(build(&articles));
    let (index, li) = (host.index(), shard_for(&host, "entities", "li"));
    assert_eq!(index.file_for_entity(&lisbon.id), Some(li.as_str()));
    host.fetched.borrow_mut().clear();
    let found = index.entity(&lisbon.id, |name| host.fetch(name)).unwrap();
    let summary: Vec<(usize, u32, Vec<usize>)> = found
        .iter()
        .map(|h| {
            let mut sections: Vec<usize> = h.sections.iter().map(|s| s.section).collect();
            sections.sort();
            (h.article, h.count, sections)
        })
        .collect();
    let lisbon_mentions = lisbon.mentions.len() as u32;
    let berlin_mentions = in_berlin.mentions.len() as u32;
    assert!(lisbon_mentions >= berlin_mentions);
    assert_eq!(
        summary,
        [(0, lisbon_mentions, lisbon.sections.clone()), (1, berlin_mentions, in_berlin.sections.clone())],
        "every article that mentions it, most mentions first, with its sections"
    );
    assert_eq!(*host.fetched.borrow(), [li]);
    assert!(index.entity("place-nowhere-at-all", |name| host.fetch(name)).unwrap().is_empty());
    // The corpus-wide list names the entities found in most articles first.
    let salient = &index.manifest().salient;
    assert_eq!(salient.first().map(|n| (n.id.as_str(), n.count)), Some((lisbon.id.as_str(), 2)), "{salient:?}");
}

#[test]
fn article_lists_name_each_article_with_its_text_and_analysis() {
    let articles = analyses(&[LISBON, BERLIN, ATHENS]);
    let host = Host::new(build(&articles));
    let index = host.index();
    assert_eq!(index.manifest().version, shards::VERSION);
    assert_eq!(index.manifest().articles, 3);
    let entries = host.articles(&index);
    for (entry, analysis) in entries.iter().zip(&articles) {
        assert_eq!(entry.title, analysis.title());
        assert_eq!((entry.sections, entry.bytes), (analysis.doc.sections.len(), analysis.text.len()));
        assert_eq!(host.files[&entry.text], analysis.text.as_bytes(), "the text the offsets point into");
        let text = String::from_utf8(host.files[&entry.text].clone()).unwrap();
        let opened = Analysis::from_packed(text, &host.files[&entry.analysis]).unwrap();
        assert_eq!(opened.to_json(), analysis.to_json(), "the article opens as the build analysed it");
        let leading: Vec<&str> = entry.entities.iter().map(|n| n.id.as_str()).collect();
        let expected: Vec<&str> =
            analysis.entities.entities.iter().take(leading.len()).map(|e| e.id.as_str()).collect();
        assert!(!leading.is_empty() && leading == expected, "{leading:?}");
    }
    assert_eq!(entries[0].slug, "lisbon");
    assert!(entries[0].analysis.starts_with("analysis-lisbon-"));
    // What a result names: the same slug, title, sections and text as the list.
    let titles = index.titles_of(0).expect("a titles file holds article 0");
    let titles = index.read_titles(titles, &host.files[&titles.file]).unwrap();
    let named: Vec<(&str, &str, usize, &str)> =
        titles.iter().map(|t| (t.slug.as_str(), t.title.as_str(), t.sections, t.text.as_str())).collect();
    let listed: Vec<(&str, &str, usize, &str)> =
        entries.iter().map(|e| (e.slug.as_str(), e.title.as_str(), e.sections, e.text.as_str())).collect();
    assert_eq!(named, listed);
    assert_eq!(index.chunk_of(2).map(|c| c.first), Some(0));
    assert!(index.chunk_of(3).is_none());
}

#[test]
fn long_corpora_are_listed_in_chunks() {
    let texts: Vec<String> =
        (0..shards::CHUNK * 2 + 5).map(|i| format!("Report {i}\n\nNumber {i} came in.\n")).collect();
    let articles: Vec<Analysis> = texts.iter().map(|t| Analysis::new(t.as_str())).collect();
    let slugs: Vec<String> = (0..articles.len()).map(|i| format!("r{i}")).collect();
    let pairs: Vec<(&str, &Analysis)> = slugs.iter().map(String::as_str).zip(&articles).collect();
    let host = Host::new(shards::build(&pairs).into_iter().collect());
    let index = host.index();
    let chunks: Vec<(usize, usize)> = index.manifest().chunks.iter().map(|c| (c.first, c.count)).collect();
    assert_eq!(chunks, [(0, shards::CHUNK), (shards::CHUNK, shards::CHUNK), (shards::CHUNK * 2, 5)]);
    assert_eq!(index.chunk_of(shards::CHUNK * 2 + 4).map(|c| c.first), Some(shards::CHUNK * 2));
    let entries = host.articles(&index);
    assert_eq!(entries.len(), articles.len());
    assert_eq!(entries[shards::CHUNK + 1].title, format!("Report {}", shards::CHUNK + 1));
    // A list served in another's place is refused.
    let (first, second) = (&index.manifest().chunks[0], &index.manifest().chunks[1]);
    let err = index.read_chunk(first, &host.files[&second.file]).unwrap_err();
    assert!(err.contains(&first.file) && err.contains("holds articles 100 to 200"), "{err}");
    // Titles come in files of their own, TITLES_CHUNK a file, and are checked the same way.
    let titles = &index.manifest().titles;
    assert_eq!(titles.iter().map(|c| c.count).sum::<usize>(), articles.len());
    assert!(titles.iter().all(|c| c.count <= shards::TITLES_CHUNK));
    let last = articles.len() - 1;
    let chunk = index.titles_of(last).unwrap();
    let read = index.read_titles(chunk, &host.files[&chunk.file]).unwrap();
    assert_eq!(read[last - chunk.first].title, format!("Report {last}"));
    let other = String::from_utf8(host.files[&chunk.file].clone()).unwrap().replacen("\"first\":", "\"first\":1", 1);
    let err = index.read_titles(chunk, other.as_bytes()).unwrap_err();
    assert!(err.contains(&chunk.file) && err.contains("but manifest.json says"), "{err}");
    let outside = String::from_utf8(host.files[&chunk.file].clone()).unwrap().replacen(",\"text-", ",\"../text-", 1);
    let err = index.read_titles(chunk, outside.as_bytes()).unwrap_err();
    assert!(err.contains("not a plain file name"), "{err}");
    for cut in [0, 1, host.files[&chunk.file].len() / 2] {
        let err = index.read_titles(chunk, &host.files[&chunk.file][..cut]).unwrap_err();
        assert!(err.contains(&chunk.file), "{err}");
    }
}

#[test]
fn a_rare_word_ranks_results_more_than_a_common_one() {
    // "said" is in every article, "police" in two: the article that says police
    // three times ranks above the one that says it once and "said" five times.
    let mut texts = vec![
        "Night\n\nPolice said police and police came.\n".to_string(),
        "Day\n\nPolice said it said and said, said and said.\n".to_string(),
    ];
    texts.extend((0..8).map(|i| format!("Other {i}\n\nSomeone said so.\n")));
    let articles: Vec<Analysis> = texts.iter().map(|t| Analysis::new(t.as_str())).collect();
    let slugs: Vec<String> = (0..articles.len()).map(|i| format!("a{i}")).collect();
    let pairs: Vec<(&str, &Analysis)> = slugs.iter().map(String::as_str).zip(&articles).collect();
    let host = Host::new(shards::build(&pairs).into_iter().collect());
    let found = host.found("police said");
    assert_eq!(found.iter().map(|(a, _)| *a).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(found[1].1, [(0, 6)], "the counts shown are still the words' occurrences");
}

#[test]
fn the_shards_a_search_reads_name_its_first_results() {
    // Article i says "harbour" i times and, from the 30th on, "ferry" once:
    // the more it says it, the better it ranks.
    let n = shards::NAMED_PER_WORD + 30;
    let texts: Vec<String> = (0..n)
        .map(|i| {
            let ferry = if i >= 30 { " A ferry waited." } else { "" };
            format!("Report {i}\n\nThe port.{}{ferry}\n", " The harbour.".repeat(i + 1))
        })
        .collect();
    let articles: Vec<Analysis> = texts.iter().map(|t| Analysis::new(t.as_str())).collect();
    let slugs: Vec<String> = (0..n).map(|i| format!("r{i}")).collect();
    let pairs: Vec<(&str, &Analysis)> = slugs.iter().map(String::as_str).zip(&articles).collect();
    let host = Host::new(shards::build(&pairs).into_iter().collect());
    let index = host.index();
    let named = |query: &str| -> Vec<Option<String>> {
        let hits = host.search(&index, query).unwrap();
        for h in &hits {
            if let Some(t) = &h.title {
                assert_eq!(
                    (t.slug.as_str(), t.title.as_str()),
                    (slugs[h.article].as_str(), format!("Report {}", h.article).as_str())
                );
                assert_eq!(Some(t.text.as_str()), host.articles(&index).get(h.article).map(|e| e.text.as_str()));
            }
        }
        hits.into_iter().map(|h| h.title.map(|t| t.title.clone())).collect()
    };
    // A whole word: its first NAMED_PER_WORD results are named, the rest come from titles files.
    let harbour = named("harbour");
    assert_eq!(harbour.len(), n);
    assert!(harbour[..shards::NAMED_PER_WORD].iter().all(Option::is_some), "{harbour:?}");
    assert!(harbour[shards::NAMED_PER_WORD..].iter().all(Option::is_none), "{harbour:?}");
    // A word being typed: the first page of its results at least.
    let harb = named("harb");
    assert!(harb[..shards::NAMED_PER_PREFIX].iter().all(Option::is_some), "{harb:?}");
    // Two words: "ferry" names all its articles, so the first results are named, as many as a word's.
    let both = named("harbour ferr");
    assert!(both[..shards::NAMED_PER_WORD].iter().all(Option::is_some), "{both:?}");
}

#[test]
fn a_snippet_shows_the_hit_in_its_paragraph() {
    let s = shards::snippet(LISBON, 1, "cafe", 80).expect("section 1 holds café");
    assert_eq!(s.heading.map(|h| &LISBON[h.start..h.end]), Some("Damage"));
    assert_eq!(&LISBON[s.window.start..s.window.end], "The harbour wall broke near the café.");
    assert_eq!(s.hits.iter().map(|h| &LISBON[h.start..h.end]).collect::<Vec<_>>(), ["café"]);
    assert!(!s.cut_before && !s.cut_after);
    // Words, not pieces of words; the lede is the Introduction; a narrow window cuts at spaces.
    assert!(shards::snippet(LISBON, 1, "all", 80).is_none(), "'all' is inside 'wall'");
    let s = shards::snippet(LISBON, 0, "harbour", 30).unwrap();
    assert_eq!(s.heading, None, "the lede");
    let shown = &LISBON[s.window.start..s.window.end];
    assert!(shown.contains("harbour") && s.cut_before && !shown.starts_with(' '), "{shown:?}");
    assert!(shards::snippet(LISBON, 9, "harbour", 80).is_none());
    assert!(shards::snippet(ATHENS, 0, "ΕΛΛΆΔΑ", 80).is_some(), "folded as search folds");
}

#[test]
fn file_names_are_stable_and_change_with_content() {
    let first = build(&analyses(&[LISBON, BERLIN, ATHENS]));
    assert_eq!(first, build(&analyses(&[LISBON, BERLIN, ATHENS])));
    let changed = build(&analyses(&[LISBON, BERLIN, &format!("{ATHENS}\nFerries waited.\n")]));
    let article = |files: &HashMap<String, Vec<u8>>, slug: &str| {
        files.keys().find(|n| n.starts_with(&format!("analysis-{slug}-"))).cloned().unwrap()
    };
    assert_ne!(article(&first, "athens"), article(&changed, "athens"));
    assert_eq!(article(&first, "lisbon"), article(&changed, "lisbon"));
    assert_ne!(first[shards::MANIFEST], changed[shards::MANIFEST]);
    // "ma" (Maria, market) has no word of Athens' article: its shard keeps its name.
    let ma = |files: &HashMap<String, Vec<u8>>| shard_for(&Host::new(files.clone()), "terms", "ma");
    assert_eq!(ma(&first), ma(&changed));
    let has_fe = |files: &HashMap<String, Vec<u8>>| files.keys().any(|n| n.starts_with("terms-fe-"));
    assert!(!has_fe(&first) && has_fe(&changed), "\"Ferries\" adds a shard");
}

#[test]
fn corrupt_or_missing_files_are_errors_not_panics() {
    let host = corpus();
    let manifest = host.files[shards::MANIFEST].clone();
    for bad in [&b"not json"[..], b"", b"{}", &manifest[..manifest.len() / 2]] {
        let err = ShardedIndex::from_manifest(bad).unwrap_err();
        assert!(err.contains("manifest.json"), "{err}");
    }
    let text = String::from_utf8(manifest.clone()).unwrap();
    let err = ShardedIndex::from_manifest(text.replace("\"version\":5", "\"version\":1").as_bytes()).unwrap_err();
    assert!(err.contains("version 1"), "{err}");
    for escape in ["../terms-", "/terms-", "//host/terms-", "https://host/terms-", ".terms-"] {
        let err = ShardedIndex::from_manifest(text.replacen("terms-", escape, 1).as_bytes()).unwrap_err();
        assert!(err.contains("not a plain file name"), "{escape}: {err}");
    }
    let err = ShardedIndex::from_manifest(text.replacen("\"articles\":3", "\"articles\":4", 1).as_bytes()).unwrap_err();
    assert!(err.contains("holds 4 articles"), "{err}");
    // A list that names a file outside the folder is refused too.
    let index = host.index();
    let chunk = &index.manifest().chunks[0];
    let list = String::from_utf8(host.files[&chunk.file].clone()).unwrap();
    let err = index.read_chunk(chunk, list.replacen("text-", "../text-", 1).as_bytes()).unwrap_err();
    assert!(err.contains("not a plain file name"), "{err}");
    let err = index.read_chunk(chunk, &host.files[&chunk.file][..40]).unwrap_err();
    assert!(err.contains("cut short"), "{err}");

    let ha = shard_for(&host, "terms", "ha");
    let ca = shard_for(&host, "terms", "ca");
    let index = host.index();
    let shard = host.files[&ha].clone();
    let shard_text = String::from_utf8(shard.clone()).unwrap();
    let cases: Vec<(Host, &str)> = vec![
        (host.with(&ha, b"\xff garbage"), "not a search index shard"),
        (host.with(&ha, b""), "is empty"),
        (host.with(&ha, &shard[..shard.len() / 2]), "cut short"),
        (host.with(&ha, shard_text.replacen("\"version\":5", "\"version\":6", 1).as_bytes()), "version 6"),
        (host.with(&ha, &host.files[&ca]), "holds key \"ca\""),
        (host.with(&ha, shard_text.replacen("[0,", "[99,", 1).as_bytes()), "article 99"),
        (host.with(&ha, shard_text.replacen(",1]", ",1,2]", 1).as_bytes()), "not a search index shard"),
        // The titles it names results by: a real article, files inside the folder.
        (host.with(&ha, shard_text.replacen("\"titles\":[[0,", "\"titles\":[[99,", 1).as_bytes()), "article 99"),
        (host.with(&ha, shard_text.replacen("\"text-", "\"../text-", 1).as_bytes()), "not a plain file name"),
        (host.with(&ha, shard_text.replacen("\"titles\":[[0,[", "\"titles\":[[0,[1,", 1).as_bytes()), "expected"),
        (
            Host::new(host.files.iter().filter(|(n, _)| **n != ha).map(|(n, b)| (n.clone(), b.clone())).collect()),
            "is missing",
        ),
    ];
    for (broken, needle) in cases {
        let err = broken.search(&index, "harbour").unwrap_err();
        assert!(err.contains(&ha) && err.contains(needle), "{err:?} should name {ha} and say {needle:?}");
        assert_eq!(err.lines().count(), 1);
    }
    // Every truncation of a shard or the manifest is an error or a result, never a panic.
    for cut in 0..shard.len() {
        let _ = host.with(&ha, &shard[..cut]).search(&index, "harbour");
    }
    for cut in 0..manifest.len() {
        let _ = ShardedIndex::from_manifest(&manifest[..cut]);
    }
    let li = shard_for(&host, "entities", "li");
    let err = index.entity("place-lisbon", |name| if name == li { Some(b"[]".to_vec()) } else { None }).unwrap_err();
    assert!(err.contains(&li), "{err}");
}

#[test]
fn the_seed_article_is_indexed_and_found() {
    let seeds: Vec<(&str, Analysis)> =
        article_explorer::seeds::SEEDS.iter().map(|s| (s.slug, Analysis::new(s.text))).collect();
    assert!(!seeds.is_empty());
    let pairs: Vec<(&str, &Analysis)> = seeds.iter().map(|(s, a)| (*s, a)).collect();
    let host = Host::new(shards::build(&pairs).into_iter().collect());
    let found = host.found("Khawaja Asif");
    assert_eq!(found.first().map(|(a, _)| *a), Some(0));
    assert!(!found[0].1.is_empty());
    let border = host.found("cross-border");
    assert!(border[0].1.len() >= 2, "cross-border is in several sections: {border:?}");
    host.fetched.borrow_mut().clear();
    host.found("pakis");
    assert_eq!(host.fetched.borrow().len(), 2, "the manifest and the 'pa' shard: {:?}", host.fetched.borrow());
}

// The commands, end to end.

fn cli(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_article-explorer-cli")).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh directory under the system's temporary one, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("article-explorer-shards-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn index_and_search_commands_end_to_end() {
    let tmp = TempDir::new("e2e");
    let lisbon = tmp.write("in/lisbon.txt", LISBON);
    let berlin = tmp.write("in/a/news.txt", BERLIN);
    let athens = tmp.write("in/b/news.txt", ATHENS);
    let out = tmp.0.join("out/site");
    let (ok, stdout, stderr) = cli(&[&"index", &out, &lisbon, &berlin, &athens]);
    assert!(ok, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "one summary line: {stdout}");
    assert!(stdout.starts_with("indexed 3 articles into ") && stdout.contains("largest shard terms-"), "{stdout}");
    let on_disk = std::fs::read_dir(&out).unwrap().count();
    assert!(stdout.contains(&format!(": {on_disk} files, ")), "{stdout}");
    let index = ShardedIndex::from_manifest(&std::fs::read(out.join(shards::MANIFEST)).unwrap()).unwrap();
    let fetch = |name: &str| std::fs::read(out.join(name)).unwrap();
    let entries: Vec<_> =
        index.manifest().chunks.iter().flat_map(|c| index.read_chunk(c, &fetch(&c.file)).unwrap()).collect();
    let slugs: Vec<&str> = entries.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["lisbon", "news", "news-2"], "a shared stem is made unique");

    let (ok, stdout, stderr) = cli(&[&"search", &out, &"harbour", &"cafe"]);
    assert!(ok, "{stderr}");
    assert!(stdout.starts_with("lisbon \"Storm in Lisbon\": 2 matches\n  section 1: 2\n"), "{stdout}");
    // The two words' shards name the result: no titles file is read.
    assert!(
        stdout.trim_end().ends_with("files read: 3 (manifest.json and 2 shards, pages and titles files)"),
        "{stdout}"
    );
    let (ok, stdout, _) = cli(&[&"search", &out, &"harb"]);
    // One shard, which names both results.
    assert!(ok && stdout.contains("news-2 \"Calm in Greece\"") && stdout.contains("files read: 2 ("), "{stdout}");
    let (ok, stdout, _) = cli(&[&"search", &out, &"zebra"]);
    assert!(ok && stdout.starts_with("0 articles, 0 sections") && stdout.contains("files read: 1 ("), "{stdout}");
    // A split manifest gives the same answers, reading its pages too.
    let paged = tmp.0.join("out/paged");
    let (ok, _, stderr) =
        cli(&[&"index", &"--manifest-limit", &"0", &"--page", &"2", &paged, &lisbon, &berlin, &athens]);
    assert!(ok, "{stderr}");
    assert!(std::fs::read_dir(&paged).unwrap().any(|f| f.unwrap().file_name().to_string_lossy().starts_with("pages-")));
    let (ok, whole, _) = cli(&[&"search", &out, &"harbour", &"cafe"]);
    let (ok2, split, stderr) = cli(&[&"search", &paged, &"harbour", &"cafe"]);
    assert!(ok && ok2, "{stderr}");
    let answer = |s: &str| s.rsplit_once("; files read").unwrap().0.to_string();
    assert_eq!(answer(&whole), answer(&split));
    assert!(!split.contains("files read: 4 ("), "the pages are read too: {split}");
    assert!(!cli(&[&"index", &"--page", &"0", &paged, &lisbon]).0, "a page holds one entry at least");
}

#[test]
fn command_errors_are_one_clear_line() {
    let tmp = TempDir::new("errors");
    let good = tmp.write("good.txt", LISBON);
    let out = tmp.0.join("out");
    let missing = tmp.0.join("missing.txt");
    let fails = |args: &[&dyn AsRef<std::ffi::OsStr>], needle: &str| {
        let (ok, stdout, stderr) = cli(args);
        assert!(!ok && stdout.is_empty(), "should fail: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "one line on stderr: {stderr}");
        assert!(stderr.contains(needle) && !stderr.contains("panicked"), "{stderr:?} should say {needle:?}");
    };
    fails(&[&"index", &out, &good, &missing], "missing.txt: no such file");
    assert!(!out.exists(), "nothing is written when an input fails");
    fails(&[&"index", &out], "no input files");
    fails(&[&"index"], "no output directory");
    fails(&[&"index", &good, &good], "cannot create directory");
    let bad = tmp.0.join("bad.txt");
    std::fs::write(&bad, b"Title\n\nbad \xff byte").unwrap();
    fails(&[&"index", &out, &bad], "offset 11");
    fails(&[&"search", &tmp.0, &"harbour"], "run 'index' first");
    fails(&[&"search", &tmp.0], "no query");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(shards::MANIFEST), "{").unwrap();
    fails(&[&"search", &out, &"harbour"], "manifest.json is cut short");
    std::fs::write(out.join(shards::MANIFEST), "[1]").unwrap();
    fails(&[&"search", &out, &"harbour"], "manifest.json is not a corpus manifest");
    // A folder of articles is every .txt and .md file in it.
    let dir = tmp.0.join("folder");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), LISBON).unwrap();
    std::fs::write(dir.join("sub/b.md"), BERLIN).unwrap();
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    let (ok, stdout, stderr) = cli(&[&"index", &tmp.0.join("from-dir"), &dir]);
    assert!(ok && stdout.starts_with("indexed 2 articles"), "{stdout}{stderr}");
    let empty = tmp.0.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    fails(&[&"index", &out, &empty], "no .txt or .md file found");
}

/// A file of `bytes` bytes that takes no room on disk (a hole): how a test
/// hands the commands a 100 MB file without writing 100 MB.
fn sparse(path: &std::path::Path, bytes: u64) {
    std::fs::File::create(path).unwrap().set_len(bytes).unwrap();
}

#[test]
fn hostile_index_files_are_one_line_and_exit_2() {
    let tmp = TempDir::new("hostile");
    let lisbon = tmp.write("in/lisbon.txt", LISBON);
    let berlin = tmp.write("in/berlin.txt", BERLIN);
    let site = tmp.0.join("site");
    assert!(cli(&[&"index", &site, &lisbon, &berlin]).0);
    let manifest = std::fs::read_to_string(site.join(shards::MANIFEST)).unwrap();
    let index = ShardedIndex::from_manifest(manifest.as_bytes()).unwrap();
    let ha = index.manifest().terms.iter().find(|s| s.key == "ha").unwrap().file.clone();
    let shard = std::fs::read(site.join(&ha)).unwrap();
    let run = |args: &[&dyn AsRef<std::ffi::OsStr>]| {
        let out = Command::new(env!("CARGO_BIN_EXE_article-explorer-cli")).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // Each case: its name, the manifest and the "ha" shard as served, and what stderr must say.
    type Case<'a> = (&'a str, Vec<u8>, Option<Vec<u8>>, &'a str);
    let cases: Vec<Case> = vec![
        ("empty manifest", Vec::new(), None, "manifest.json is empty"),
        ("truncated manifest", manifest.as_bytes()[..manifest.len() / 3].to_vec(), None, "manifest.json is cut short"),
        ("non-UTF-8 manifest", b"\xff\xfe{\"version\":5}".to_vec(), None, "not a corpus manifest"),
        ("version as a string", manifest.replacen("\"version\":5", "\"version\":\"2\"", 1).into(), None, "expected"),
        (
            "articles as an object",
            manifest.replacen("\"articles\":2", "\"articles\":{\"x\":2}", 1).into(),
            None,
            "expected",
        ),
        ("a newer version", manifest.replacen("\"version\":5", "\"version\":7", 1).into(), None, "version 7"),
        ("a list out of place", manifest.replacen("\"first\":0", "\"first\":5", 1).into(), None, "has articles 0 to 2"),
        (
            "a missing article",
            manifest.replacen("\"articles\":2", "\"articles\":3", 1).into(),
            None,
            "holds 3 articles",
        ),
        ("a parent folder", manifest.replacen(&ha, &format!("../{ha}"), 1).into(), None, "not a plain file name"),
        ("an absolute path", manifest.replacen(&ha, &format!("/etc/{ha}"), 1).into(), None, "not a plain file name"),
        (
            "an absolute URL",
            manifest.replacen(&ha, "https://example.com/x.json", 1).into(),
            None,
            "not a plain file name",
        ),
        ("another host", manifest.replacen(&ha, "//example.com/x.json", 1).into(), None, "not a plain file name"),
        ("a backslash", manifest.replacen(&ha, &format!("..\\\\{ha}"), 1).into(), None, "not a plain file name"),
        ("an empty shard", manifest.clone().into(), Some(Vec::new()), "is empty"),
        ("a truncated shard", manifest.clone().into(), Some(shard[..shard.len() / 2].to_vec()), "is cut short"),
        (
            "a non-UTF-8 shard",
            manifest.clone().into(),
            Some(b"{\"key\":\"h\xff\"}".to_vec()),
            "not a search index shard",
        ),
        (
            "postings of the wrong type",
            manifest.clone().into(),
            Some(b"{\"version\":5,\"key\":\"ha\",\"postings\":{\"harbour\":\"x\"}}".to_vec()),
            "expected",
        ),
        ("huge manifest", Vec::new(), None, "manifest.json is larger than 64 MB"),
        ("huge shard", manifest.clone().into(), Some(Vec::new()), "is larger than 64 MB"),
    ];
    for (name, served_manifest, served_shard, needle) in cases {
        let dir = tmp.0.join(name.replace(' ', "-"));
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&site).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
        let huge_case = name.starts_with("huge");
        let target = if served_shard.is_some() { dir.join(&ha) } else { dir.join(shards::MANIFEST) };
        if huge_case {
            sparse(&target, 100 << 20);
        }
        if !served_manifest.is_empty() || name == "empty manifest" {
            std::fs::write(dir.join(shards::MANIFEST), &served_manifest).unwrap();
        }
        if let Some(bytes) = served_shard.filter(|_| !huge_case) {
            std::fs::write(dir.join(&ha), bytes).unwrap();
        }
        let (code, stdout, stderr) = run(&[&"search", &dir, &"harbour"]);
        assert_eq!(code, Some(2), "{name}: exit 2 ({stderr})");
        assert!(stdout.is_empty(), "{name}: nothing on stdout: {stdout}");
        assert_eq!(stderr.lines().count(), 1, "{name}: one line: {stderr}");
        assert!(stderr.contains(needle) && !stderr.contains("panicked"), "{name}: {stderr:?} should say {needle:?}");
    }
    // A huge article to index: refused before it is read, nothing written.
    let big = tmp.0.join("big.txt");
    sparse(&big, 100 << 20);
    let out = tmp.0.join("big-site");
    let (code, _, stderr) = run(&[&"index", &out, &lisbon, &big]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("big.txt is larger than 64 MB") && stderr.lines().count() == 1, "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_manifest_too_large_is_split_into_pages_read_as_needed() {
    // 205 articles, a manifest limit of 0 and pages of one entry: every list longer than that is paged.
    let mut texts: Vec<String> =
        (0..shards::CHUNK * 2 + 5).map(|i| format!("Report {i}\n\nNumber {i} came in.\n")).collect();
    texts.extend([LISBON, BERLIN, ATHENS].map(String::from));
    let articles: Vec<Analysis> = texts.iter().map(|t| Analysis::new(t.as_str())).collect();
    let slugs: Vec<String> = (0..articles.len()).map(|i| format!("r{i}")).collect();
    let pairs: Vec<(&str, &Analysis)> = slugs.iter().map(String::as_str).zip(&articles).collect();
    let whole = Host::new(shards::build(&pairs).into_iter().collect());
    let split = Host::new(
        shards::build_with(&pairs, shards::Layout { limit: 0, page: 2, ..Default::default() }).into_iter().collect(),
    );
    let manifest = split.index().manifest().clone();
    assert!(manifest.chunks.is_empty() && manifest.terms.is_empty() && manifest.entities.is_empty());
    assert_eq!(manifest.titles.len(), 1, "one titles file: a list that short stays in the manifest");
    assert!(split.files[shards::MANIFEST].len() < whole.files[shards::MANIFEST].len());
    let pages = |list: &str| manifest.pages.iter().filter(|p| p.list == list).count();
    assert_eq!(pages("chunks"), 2, "3 lists, 2 to a page");
    assert!(pages("terms") > 10 && pages("entities") > 1);
    // Everything else is the same files: the split moves the manifest's lists, nothing more.
    let rest = |h: &Host| h.files.keys().filter(|n| !n.starts_with("pages-") && *n != shards::MANIFEST).count();
    assert_eq!(rest(&split), rest(&whole));

    // A search needs the page naming its shards: without it, an error, not an empty answer.
    let mut index = split.index();
    assert!(index.search("harbour", |n| split.fetch(n)).unwrap_err().contains("has not been read"));
    split.fetched.borrow_mut().clear();
    for query in ["harbour cafe", "harb", "report 17", "Ελλάδα", "plan b", "zebra"] {
        let before = split.fetched.borrow().len();
        let needed = index.pages_needed(shards::Need::Words(query)).len();
        assert_eq!(index.load(shards::Need::Words(query), |n| split.fetch(n)), Ok(needed));
        assert!(split.fetched.borrow()[before..].iter().all(|n| n.starts_with("pages-terms-")));
        assert!(index.pages_needed(shards::Need::Words(query)).is_empty(), "{query}: read once");
        let found = index.search(query, |n| split.fetch(n)).unwrap();
        assert_eq!(found, whole.search(&whole.index(), query).unwrap(), "{query}");
    }
    // A page is read once, and one page serves every word of its keys.
    split.fetched.borrow_mut().clear();
    assert_eq!(index.load(shards::Need::Words("harbour"), |n| split.fetch(n)), Ok(0));
    assert!(split.fetched.borrow().is_empty());
    // Lists, titles and entities go the same way.
    let last = articles.len() - 1;
    index.load(shards::Need::List(last), |n| split.fetch(n)).unwrap();
    let chunk = index.chunk_of(last).unwrap().clone();
    assert_eq!(Some(&chunk), whole.index().chunk_of(last));
    assert_eq!(index.read_chunk(&chunk, &split.files[&chunk.file]).unwrap()[last - chunk.first].slug, slugs[last]);
    assert!(index.chunk_of(0).is_none(), "the first list's page is not read yet");
    assert_eq!(index.list_first(last), Some(shards::CHUNK * 2), "known without its page");
    assert_eq!(index.list_first(articles.len()), None);
    index.load(shards::Need::Entity("place-lisbon"), |n| split.fetch(n)).unwrap();
    let lisbon = index.entity("place-lisbon", |n| split.fetch(n)).unwrap();
    assert_eq!(lisbon, whole.index().entity("place-lisbon", |n| whole.fetch(n)).unwrap());
    assert_eq!(lisbon.len(), 2);

    // Pages that are not what the manifest promised are refused, one sentence naming the file.
    let page = index.pages_needed(shards::Need::List(0))[0].clone();
    let other = manifest.pages.iter().find(|p| p.list == "chunks" && p.first != page.first).unwrap().clone();
    let terms = manifest.pages.iter().find(|p| p.list == "terms").unwrap().clone();
    let text = String::from_utf8(split.files[&page.file].clone()).unwrap();
    let bad: Vec<(Vec<u8>, &str)> = vec![
        (Vec::new(), "is empty"),
        (split.files[&page.file][..text.len() / 2].to_vec(), "cut short"),
        (text.replacen("\"version\":5", "\"version\":3", 1).into(), "version 3"),
        (split.files[&other.file].clone(), "but manifest.json says"),
        (split.files[&terms.file].clone(), "but manifest.json says"),
        (text.replacen("articles-", "../articles-", 1).into(), "not a plain file name"),
        (text.replacen("\"first\":0,\"count\":100", "\"first\":0,\"count\":99", 1).into(), "has articles 0 to 100"),
    ];
    for (bytes, needle) in bad {
        let err = index.clone().add_page(&page, &bytes).unwrap_err();
        assert!(err.contains(&page.file) && err.contains(needle), "{err:?} should say {needle:?}");
    }
    // A term page whose keys belong to the next page is refused too.
    let next = manifest.pages.iter().find(|p| p.list == "terms" && p.first == terms.first + terms.count).unwrap();
    let moved = String::from_utf8(split.files[&terms.file].clone()).unwrap().replacen(
        &format!("\"key\":\"{}\"", terms.key),
        &format!("\"key\":\"{}\"", next.key),
        1,
    );
    let err = index.clone().add_page(&terms, moved.as_bytes()).unwrap_err();
    assert!(err.contains(&terms.file), "{err}");
    // A manifest whose pages do not follow each other is refused.
    let text = String::from_utf8(split.files[shards::MANIFEST].clone()).unwrap();
    let gap = text.replacen(&format!("\"first\":{},", other.first), "\"first\":7,", 1);
    let err = ShardedIndex::from_manifest(gap.as_bytes()).unwrap_err();
    assert!(err.contains("pages before it end at"), "{err}");
    for cut in 0..split.files[&page.file].len() {
        let _ = index.clone().add_page(&page, &split.files[&page.file][..cut]);
    }
}
