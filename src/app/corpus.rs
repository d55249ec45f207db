//! Corpus mode: a library of articles served as static files (see
//! `core::shards` and `docs/SHARDS.md`), searched across articles, with the
//! entities they share, and each article opened in the explorer.
//!
//! [`Library`] is the library's one state and [`LibraryAction`] every change
//! to it, pure and tested natively like `state.rs`. What arrives from the
//! network arrives as an action (`hooks/use_corpus.rs` fetches; the
//! browser module carries the requests out), tagged with the query, entity
//! or article it answers, so an answer that comes after the reader moved on
//! is dropped here, whatever the network did.
//!
//! The library's address: `?q=<search>&e=<entity id>&a=<article slug>&n=<its number>`;
//! `n` finds the article's list without reading the others, `a` checks it
//! is still the same article after a rebuild.

use super::state::Nav;
use crate::core::filter::{encode, query_pairs};
use crate::core::shards::{ArticleEntry, ArticleHits, Named, ShardedIndex, Title};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// Something that arrives from the network.
#[derive(Debug, Clone, PartialEq)]
pub enum Loading<T> {
    Waiting,
    Ready(T),
    /// One sentence for the reader.
    Failed(String),
}

impl<T> Loading<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Loading::Ready(t) => Some(t),
            _ => None,
        }
    }
}

impl<T> From<Result<T, String>> for Loading<T> {
    fn from(r: Result<T, String>) -> Self {
        r.map_or_else(Loading::Failed, Loading::Ready)
    }
}

/// An opened article's two files, for the reader (the explorer's own wasm, loaded when the
/// first article is opened) to unpack and show.
#[derive(Debug)]
pub struct ArticleFiles {
    /// New for each article opened, so the explorer showing it starts afresh.
    pub key: u32,
    pub text: String,
    /// Its analysis, packed (`core::packed`): checked against the text by the reader.
    pub packed: Rc<Vec<u8>>,
    /// The filter it starts with: the library's search and chosen entity.
    pub query: String,
}

impl PartialEq for ArticleFiles {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// The article the reader asked to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open {
    pub slug: String,
    /// Its number in the corpus, as the link said.
    pub number: usize,
}

/// Results as the library keeps them: the query or entity they answer, and the answer.
pub type Answer = (String, Loading<Rc<Vec<ArticleHits>>>);

/// Article lists (or titles files) by their first article, as they arrive.
pub type Chunks<T> = Vec<(usize, Rc<Vec<T>>)>;

/// Results shown a page at a time.
pub const PAGE: usize = 10;

#[derive(Debug, Clone)]
pub struct Library {
    /// The manifest, once read.
    pub index: Loading<Rc<ShardedIndex>>,
    /// Article lists read so far, by their first article.
    pub lists: Rc<BTreeMap<usize, Rc<Vec<ArticleEntry>>>>,
    /// Titles files read so far, by their first article: what results show.
    pub titles: Rc<BTreeMap<usize, Rc<Vec<Title>>>>,
    /// A list or titles file that could not be read: one sentence (the rest keeps working).
    pub list_failure: Option<String>,
    /// How many lists the library's own list shows ("More articles" adds one).
    pub listed: usize,
    pub query: String,
    /// How many pages of results are shown.
    pub pages: usize,
    /// The last search's answer (for [`Library::query`] once it is `.0`).
    pub results: Option<Answer>,
    /// The chosen entity: every article that mentions it.
    pub entity: Option<String>,
    pub mentions: Option<Answer>,
    /// Article texts fetched for snippets, by article number.
    pub texts: Rc<BTreeMap<usize, Rc<str>>>,
    pub open: Option<Open>,
    /// The open article, once fetched.
    pub article: Loading<Rc<ArticleFiles>>,
    /// How the last change should be recorded in history.
    pub nav: Nav,
    typing: bool,
    /// Numbers each opened article, so the explorer showing it starts afresh.
    opened: u32,
}

#[derive(Debug, Clone)]
pub enum LibraryAction {
    /// The manifest arrived, or the sentence saying why not.
    Manifest(Result<Rc<ShardedIndex>, String>),
    /// Article lists arrived (by first article), or a sentence.
    Lists(Result<Chunks<ArticleEntry>, String>),
    /// Titles files arrived (by first article), or a sentence.
    Titles(Result<Chunks<Title>, String>),
    /// "More articles".
    MoreArticles,
    /// "More results".
    MoreResults,
    /// The search box changed.
    SetQuery(String),
    /// Esc in the search box.
    ClearQuery,
    /// The answer to the search for `.0`.
    Found(String, Result<Rc<Vec<ArticleHits>>, String>),
    /// Texts arrived for the snippets of these articles.
    Texts(Vec<(usize, Rc<str>)>),
    /// Choose an entity (or none): list every article that mentions it.
    ChooseEntity(Option<String>),
    /// The articles that mention the entity `.0`.
    Mentions(String, Result<Rc<Vec<ArticleHits>>, String>),
    OpenArticle(Open),
    /// The article asked for arrived (its number, and its text and packed analysis), or
    /// could not be fetched or shown (a sentence).
    Opened(usize, Result<(String, Rc<Vec<u8>>), String>),
    /// Back to the library.
    Close,
    /// The address changed (back/forward): its state.
    Restore(String),
}

impl Library {
    /// The library an address (`?q=…&e=…&a=…&n=…`) describes, nothing loaded yet.
    pub fn from_query(query: &str) -> Library {
        let mut library = Library {
            index: Loading::Waiting,
            lists: Rc::default(),
            titles: Rc::default(),
            list_failure: None,
            listed: 1,
            query: String::new(),
            pages: 1,
            results: None,
            entity: None,
            mentions: None,
            texts: Rc::default(),
            open: None,
            article: Loading::Waiting,
            nav: Nav::None,
            typing: false,
            opened: 0,
        };
        library.read_address(query);
        library
    }

    fn read_address(&mut self, query: &str) {
        let (mut q, mut e, mut a, mut n) = (String::new(), None, None, None);
        for (k, v) in query_pairs(query) {
            match k.as_str() {
                "q" => q = v,
                "e" if !v.is_empty() => e = Some(v),
                "a" if !v.is_empty() => a = Some(v),
                "n" => n = v.parse::<usize>().ok(),
                _ => {}
            }
        }
        if q != self.query {
            self.query = q;
            self.pages = 1;
        }
        self.entity = e;
        let open = a.zip(n).map(|(slug, number)| Open { slug, number });
        if open != self.open {
            self.article = Loading::Waiting;
            self.open = open;
        }
    }

    /// This state's address, with `?`, or "" for the library with nothing chosen.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.query.is_empty() {
            parts.push(format!("q={}", encode(&self.query)));
        }
        if let Some(e) = &self.entity {
            parts.push(format!("e={}", encode(e)));
        }
        if let Some(open) = &self.open {
            parts.push(format!("a={}&n={}", encode(&open.slug), open.number));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// The address that opens article `number` (`slug`) from here, keeping the search and entity.
    pub fn link_to(&self, slug: &str, number: usize) -> String {
        let mut next = self.clone();
        next.open = Some(Open { slug: slug.to_string(), number });
        next.to_query()
    }

    /// The address of the library with entity `id` chosen (and no article open).
    pub fn link_to_entity(&self, id: &str) -> String {
        let mut next = self.clone();
        next.entity = Some(id.to_string());
        next.open = None;
        next.to_query()
    }

    /// The address of the library itself, as it was before the article was opened.
    pub fn link_back(&self) -> String {
        let mut next = self.clone();
        next.open = None;
        next.to_query()
    }

    /// The filter an opened article starts with: the library's search and chosen entity.
    pub fn explorer_query(&self) -> String {
        let mut filter = crate::core::filter::Filter { query: self.query.clone(), ..Default::default() };
        filter.entities.extend(self.entity.clone());
        super::url::to_query(None, &filter)
    }

    /// The current search's results, if they answer the current query.
    pub fn results(&self) -> Option<&Loading<Rc<Vec<ArticleHits>>>> {
        self.results.as_ref().filter(|(q, _)| *q == self.query).map(|(_, r)| r)
    }

    /// The chosen entity's articles, if they answer the current choice.
    pub fn mentions(&self) -> Option<&Loading<Rc<Vec<ArticleHits>>>> {
        let entity = self.entity.as_deref()?;
        self.mentions.as_ref().filter(|(e, _)| e == entity).map(|(_, r)| r)
    }

    /// Article `number`'s list entry, if its list has been read.
    pub fn entry(&self, number: usize) -> Option<&ArticleEntry> {
        let (first, list) = self.lists.range(..=number).next_back()?;
        list.get(number - first)
    }

    /// A result's article as the result names it: as the shard that found it
    /// names it, else as its titles file (or its list) does, once read.
    pub fn title(&self, hit: &ArticleHits) -> Option<Title> {
        if let Some(title) = &hit.title {
            return Some(Title::clone(title));
        }
        let number = hit.article;
        let named = self.titles.range(..=number).next_back().and_then(|(first, t)| t.get(number - first));
        if let Some(title) = named {
            return Some(title.clone());
        }
        self.entry(number).map(Title::from)
    }

    /// The lists the page needs and does not have: the library's own first
    /// `listed`, and the one holding the open article.
    pub fn lists_wanted(&self) -> Vec<usize> {
        let Some(index) = self.index.ready() else { return Vec::new() };
        let size = index.manifest().list_size;
        let mut wanted: Vec<usize> =
            (0..self.listed).filter_map(|n| index.list_first(n.saturating_mul(size))).collect();
        if let Some(open) = &self.open {
            wanted.extend(index.list_first(open.number));
        }
        wanted.sort_unstable();
        wanted.dedup();
        wanted.retain(|first| !self.lists.contains_key(first));
        wanted
    }

    /// The titles files the results and mentions shown need and the page does not have.
    pub fn titles_wanted(&self) -> Vec<usize> {
        let Some(index) = self.index.ready() else { return Vec::new() };
        let shown = self.shown_hits().into_iter().flat_map(|hits| hits.iter().take(self.pages * PAGE));
        let unnamed = shown.filter(|h| self.title(h).is_none());
        let mut wanted: Vec<usize> = unnamed.filter_map(|h| index.titles_first(h.article)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        wanted.retain(|first| !self.titles.contains_key(first));
        wanted
    }

    /// The hits the page shows: the entity's articles when one is chosen, else the search's.
    pub fn shown_hits(&self) -> Option<&Rc<Vec<ArticleHits>>> {
        if self.entity.is_some() {
            self.mentions()?.ready()
        } else if !self.query.trim().is_empty() {
            self.results()?.ready()
        } else {
            None
        }
    }

    /// The articles whose texts the shown results' snippets need, not
    /// fetched yet, with their text files (once their titles are here).
    pub fn texts_wanted(&self) -> Vec<(usize, String)> {
        if self.entity.is_some() || self.query.trim().is_empty() {
            return Vec::new();
        }
        let Some(hits) = self.results().and_then(Loading::ready) else { return Vec::new() };
        let shown = hits.iter().take(self.pages * PAGE).filter(|h| !self.texts.contains_key(&h.article));
        shown.filter_map(|h| self.title(h).map(|t| (h.article, t.text))).collect()
    }

    /// An entity's name, from what the library has read; else its id.
    pub fn entity_name(&self, id: &str) -> String {
        let salient = self.index.ready().into_iter().flat_map(|i| i.manifest().salient.iter());
        let leading = self.lists.values().flat_map(|l| l.iter().flat_map(|a| a.entities.iter()));
        salient.chain(leading).find(|n: &&Named| n.id == id).map_or_else(|| id.to_string(), |n| n.name.clone())
    }

    pub fn reduce_action(&self, action: LibraryAction) -> Library {
        let mut next = self.clone();
        next.nav = Nav::Push;
        next.typing = false;
        match action {
            LibraryAction::Manifest(result) => {
                next.index = result.into();
                next.nav = Nav::None;
            }
            LibraryAction::Lists(Ok(lists)) => {
                let map = Rc::make_mut(&mut next.lists);
                map.extend(lists);
                next.nav = Nav::None;
            }
            LibraryAction::Titles(Ok(titles)) => {
                Rc::make_mut(&mut next.titles).extend(titles);
                next.nav = Nav::None;
            }
            LibraryAction::Lists(Err(sentence)) | LibraryAction::Titles(Err(sentence)) => {
                next.list_failure = Some(sentence);
                next.nav = Nav::None;
            }
            LibraryAction::MoreArticles => {
                next.listed += 1;
                next.nav = Nav::None;
            }
            LibraryAction::MoreResults => {
                next.pages += 1;
                next.nav = Nav::None;
            }
            LibraryAction::SetQuery(q) => {
                if q == next.query {
                    next.nav = Nav::None;
                    next.typing = self.typing;
                } else {
                    next.nav = if self.typing { Nav::Replace } else { Nav::Push };
                    next.typing = true;
                    next.query = q;
                    next.pages = 1;
                    next.entity = None;
                }
            }
            LibraryAction::ClearQuery => {
                if next.query.is_empty() {
                    next.nav = Nav::None;
                }
                next.query.clear();
            }
            LibraryAction::Found(query, result) => {
                next.results = Some((query, result.into()));
                next.nav = Nav::None;
            }
            LibraryAction::Texts(texts) => {
                let map = Rc::make_mut(&mut next.texts);
                // Only the texts of what is shown are kept: a long session does not hoard them.
                if map.len() > 4 * PAGE {
                    map.clear();
                }
                map.extend(texts);
                next.nav = Nav::None;
            }
            LibraryAction::ChooseEntity(id) => {
                if id == next.entity && next.open.is_none() {
                    next.nav = Nav::None;
                }
                next.entity = id;
                next.open = None;
            }
            LibraryAction::Mentions(id, result) => {
                next.mentions = Some((id, result.into()));
                next.nav = Nav::None;
            }
            LibraryAction::OpenArticle(open) => {
                if next.open.as_ref() != Some(&open) {
                    next.open = Some(open);
                    next.article = Loading::Waiting;
                }
            }
            LibraryAction::Opened(number, result) => {
                next.nav = Nav::None;
                if next.open.as_ref().is_none_or(|o| o.number != number) {
                    return next; // The reader has moved on.
                }
                next.opened = next.opened.wrapping_add(1);
                let key = next.opened;
                let query = next.explorer_query();
                next.article = result.map(|(text, packed)| Rc::new(ArticleFiles { key, text, packed, query })).into();
            }
            LibraryAction::Close => {
                if next.open.take().is_none() {
                    next.nav = Nav::None;
                }
            }
            LibraryAction::Restore(address) => {
                next.read_address(&address);
                next.nav = Nav::None;
            }
        }
        next
    }
}

impl Reducible for Library {
    type Action = LibraryAction;

    fn reduce(self: Rc<Self>, action: LibraryAction) -> Rc<Self> {
        Rc::new(self.reduce_action(action))
    }
}

/// What a failed download of the corpus's file `file` says to the reader.
pub fn download_failed(file: &str, status: Option<u16>) -> String {
    match status {
        Some(404) => format!("The library's file {file} is missing from the server (404)."),
        Some(code) => format!("The library's file {file} could not be downloaded (the server answered {code})."),
        None => {
            format!("The library's file {file} could not be downloaded: the network or the page's settings refused it.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{shards, Analysis};

    fn index() -> Rc<ShardedIndex> {
        let a = Analysis::new("Storm in Lisbon\n\nMaria Costa said the harbour flooded in Lisbon.\n");
        let files: BTreeMap<String, Vec<u8>> = shards::build(&[("lisbon", &a)]).into_iter().collect();
        Rc::new(ShardedIndex::from_manifest(&files[shards::MANIFEST]).unwrap())
    }

    fn act(l: &Library, actions: impl IntoIterator<Item = LibraryAction>) -> Library {
        actions.into_iter().fold(l.clone(), |l, a| l.reduce_action(a))
    }

    #[test]
    fn the_address_round_trips() {
        let l = Library::from_query("?q=harbour+wall&e=place-lisbon&a=lisbon&n=0");
        assert_eq!(l.query, "harbour wall");
        assert_eq!(l.entity.as_deref(), Some("place-lisbon"));
        assert_eq!(l.open, Some(Open { slug: "lisbon".into(), number: 0 }));
        assert_eq!(l.to_query(), "?q=harbour+wall&e=place-lisbon&a=lisbon&n=0");
        assert_eq!(Library::from_query("").to_query(), "");
        assert_eq!(Library::from_query("?a=lisbon").open, None, "an article needs its number");
        assert_eq!(l.link_back(), "?q=harbour+wall&e=place-lisbon");
        let l = Library::from_query("?q=x");
        assert_eq!(l.link_to("a b", 7), "?q=x&a=a+b&n=7");
        assert_eq!(l.link_to_entity("person-x"), "?q=x&e=person-x");
    }

    #[test]
    fn typing_pushes_once_then_replaces_and_answers_for_old_queries_are_not_shown() {
        let l = act(&Library::from_query(""), [LibraryAction::Manifest(Ok(index()))]);
        let l1 = l.reduce_action(LibraryAction::SetQuery("ha".into()));
        assert_eq!(l1.nav, Nav::Push);
        let l2 = l1.reduce_action(LibraryAction::SetQuery("harb".into()));
        assert_eq!(l2.nav, Nav::Replace);
        let late = l2.reduce_action(LibraryAction::Found("ha".into(), Ok(Rc::new(Vec::new()))));
        assert!(late.results().is_none(), "an answer for an older query is not this query's");
        let hits = index().search("harb", |_| None).map(Rc::new);
        assert!(hits.is_err(), "the shards come from the network");
        let answered = late.reduce_action(LibraryAction::Found("harb".into(), Err("x is missing".into())));
        assert_eq!(answered.results(), Some(&Loading::Failed("x is missing".into())));
        assert_eq!(answered.nav, Nav::None);
    }

    #[test]
    fn opening_and_closing_an_article() {
        let l = act(&Library::from_query("?q=harbour"), [LibraryAction::Manifest(Ok(index()))]);
        let open = Open { slug: "lisbon".into(), number: 0 };
        let l = l.reduce_action(LibraryAction::OpenArticle(open.clone()));
        assert_eq!((l.nav, &l.article), (Nav::Push, &Loading::Waiting));
        assert_eq!(l.to_query(), "?q=harbour&a=lisbon&n=0");
        // An answer for another article (the reader clicked on) is dropped.
        let l = l.reduce_action(LibraryAction::Opened(5, Err("no".into())));
        assert_eq!(l.article, Loading::Waiting);
        let files = |text: &str| Ok((text.to_string(), Rc::new(Vec::new())));
        let l = l.reduce_action(LibraryAction::Opened(0, files("Storm\n\nRain.\n")));
        assert_eq!(l.article.ready().unwrap().query, "?q=harbour", "the search carried over");
        let first = l.article.ready().unwrap().key;
        let l = act(&l, [LibraryAction::Close]);
        assert_eq!((l.open.as_ref(), l.to_query().as_str()), (None, "?q=harbour"));
        let l = act(&l, [LibraryAction::OpenArticle(open), LibraryAction::Opened(0, files("B\n"))]);
        assert_ne!(l.article.ready().unwrap().key, first, "a reopened article starts a fresh explorer");
        // Back/forward.
        let l = l.reduce_action(LibraryAction::Restore("?q=storm".into()));
        assert_eq!((l.query.as_str(), l.open.is_none(), l.nav), ("storm", true, Nav::None));
    }

    #[test]
    fn the_lists_wanted_follow_what_is_shown() {
        let l = Library::from_query("");
        assert!(l.lists_wanted().is_empty(), "nothing before the manifest");
        let l = l.reduce_action(LibraryAction::Manifest(Ok(index())));
        assert_eq!(l.lists_wanted(), [0]);
        let list = Rc::new(Vec::new());
        let l = l.reduce_action(LibraryAction::Lists(Ok(vec![(0, list)])));
        assert!(l.lists_wanted().is_empty());
        let l = l.reduce_action(LibraryAction::Lists(Err("articles-0-x.json is cut short".into())));
        assert!(l.list_failure.is_some());
        // Results need their titles (and then their texts), not the article lists.
        let l = l.reduce_action(LibraryAction::SetQuery("harbour".into()));
        assert!(l.titles_wanted().is_empty(), "nothing shown yet");
        let hits = index().search("harbour", |_| None);
        assert!(hits.is_err());
        let hit = ArticleHits { article: 0, count: 1, sections: Vec::new(), title: None };
        let l = l.reduce_action(LibraryAction::Found("harbour".into(), Ok(Rc::new(vec![hit.clone()]))));
        assert_eq!((l.titles_wanted(), l.lists_wanted()), (vec![0], vec![]));
        assert!(l.texts_wanted().is_empty(), "the text's name comes with the title");
        let title =
            Title { slug: "lisbon".into(), title: "Storm".into(), sections: 1, text: "text-lisbon-1.txt".into() };
        let l = l.reduce_action(LibraryAction::Titles(Ok(vec![(0, Rc::new(vec![title.clone()]))])));
        assert!(l.titles_wanted().is_empty());
        assert_eq!(l.title(&hit).map(|t| t.slug), Some("lisbon".to_string()));
        assert_eq!(l.texts_wanted(), [(0, "text-lisbon-1.txt".to_string())]);
        // An article whose list the page already has needs no titles file.
        let entry = ArticleEntry {
            slug: "lisbon".into(),
            title: "Storm".into(),
            sections: 1,
            bytes: 9,
            analysis: "analysis-lisbon-1.bin".into(),
            text: "text-lisbon-1.txt".into(),
            entities: Vec::new(),
        };
        let l = act(
            &Library::from_query("?q=harbour"),
            [
                LibraryAction::Manifest(Ok(index())),
                LibraryAction::Lists(Ok(vec![(0, Rc::new(vec![entry]))])),
                LibraryAction::Found("harbour".into(), Ok(Rc::new(vec![hit.clone()]))),
            ],
        );
        assert!(l.titles_wanted().is_empty());
        assert_eq!(l.title(&hit).map(|t| t.title), Some("Storm".to_string()));
        // A result its shard names needs neither: the text's name comes with it.
        let named = ArticleHits { title: Some(Rc::new(title.clone())), ..hit };
        let l = act(
            &Library::from_query("?q=harbour"),
            [
                LibraryAction::Manifest(Ok(index())),
                LibraryAction::Found("harbour".into(), Ok(Rc::new(vec![named.clone()]))),
            ],
        );
        assert!(l.titles_wanted().is_empty());
        assert_eq!(l.title(&named), Some(title));
        assert_eq!(l.texts_wanted(), [(0, "text-lisbon-1.txt".to_string())]);
    }

    #[test]
    fn choosing_an_entity_shows_its_articles_and_names_it() {
        let l = act(&Library::from_query("?q=x"), [LibraryAction::Manifest(Ok(index()))]);
        let l = l.reduce_action(LibraryAction::ChooseEntity(Some("place-lisbon".into())));
        assert_eq!(l.to_query(), "?q=x&e=place-lisbon");
        assert_eq!(l.entity_name("place-lisbon"), "Lisbon");
        assert_eq!(l.entity_name("person-nobody"), "person-nobody");
        assert!(l.mentions().is_none());
        let l = l.reduce_action(LibraryAction::Mentions("place-lisbon".into(), Ok(Rc::new(Vec::new()))));
        assert!(l.mentions().is_some());
        assert!(l.texts_wanted().is_empty(), "no snippets for an entity's articles");
        let l = l.reduce_action(LibraryAction::ChooseEntity(None));
        assert_eq!(l.to_query(), "?q=x");
    }
}
