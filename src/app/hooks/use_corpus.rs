//! Corpus mode's downloads: the manifest once (and, when it is split, the
//! pages of it that a search, list or entity needs), the article lists the page
//! shows, the shards of the query's words (each read once and kept read),
//! the titles of the results shown, the entity shard of the chosen entity,
//! the texts the results' snippets quote (once the query stands still), and
//! an article when it is opened. Every answer goes to the reducer as a [`LibraryAction`] tagged
//! with what it answers. Each effect's downloads are cancelled when what it
//! was for changes (the next keystroke cancels the last one's shards).
//!
//! Only plain file names the manifest and lists vouched for are fetched
//! (`core::shards` refuses any other), each relative to the corpus folder,
//! so nothing outside it is ever asked for. Downloaded files are kept (they
//! never change under their names) up to [`KEEP_BYTES`].

use crate::app::browser::{Downloads, FetchError};
use crate::app::corpus::{download_failed, Chunks, Library, LibraryAction, Loading};
use crate::core::shards::{self, ChunkEntry, Need, PageEntry, Shard, ShardEntry, ShardedIndex};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// How much of the corpus's files a page keeps in memory.
pub const KEEP_BYTES: usize = 32 << 20;

/// How long a query stands still before the texts its results quote are downloaded.
const SNIPPETS_AFTER: std::time::Duration = std::time::Duration::from_millis(150);

/// Files by name, and their bytes in all.
type Kept = (HashMap<String, Rc<Vec<u8>>>, usize);

/// The corpus folder and the files downloaded from it.
pub struct Corpus {
    base: String,
    kept: RefCell<Kept>,
    /// Shards already read, by file name: read once, searched at every keystroke
    /// (their bytes leave `kept`, their size stays counted there).
    shards: RefCell<HashMap<String, Rc<Shard>>>,
    /// The index with every page of a split manifest read so far.
    paged: RefCell<Option<Rc<ShardedIndex>>>,
}

impl Corpus {
    pub fn new(base: &str) -> Corpus {
        let base = if base.is_empty() || base.ends_with('/') { base.to_string() } else { format!("{base}/") };
        Corpus { base, kept: RefCell::default(), shards: RefCell::default(), paged: RefCell::default() }
    }

    fn has(&self, name: &str) -> bool {
        self.kept.borrow().0.contains_key(name)
    }

    fn kept(&self, name: &str) -> Option<Rc<Vec<u8>>> {
        self.kept.borrow().0.get(name).cloned()
    }

    fn keep(&self, name: &str, bytes: Rc<Vec<u8>>) {
        let mut kept = self.kept.borrow_mut();
        if kept.1 + bytes.len() > KEEP_BYTES {
            *kept = Default::default();
            self.shards.borrow_mut().clear();
        }
        kept.1 += bytes.len();
        kept.0.insert(name.to_string(), bytes);
    }

    /// The files `names` (kept or downloaded, in parallel), in order. `Err(None)`:
    /// cancelled, nobody waits for them; `Err(Some(sentence))`: one did not arrive.
    pub async fn files(&self, downloads: &Downloads, names: &[&str]) -> Result<Vec<Rc<Vec<u8>>>, Option<String>> {
        let mut pending = Vec::new();
        for &name in names {
            if !shards::plain_name(name) && name != shards::MANIFEST {
                return Err(Some(format!("The library names the file {name:?}, which is outside its folder.")));
            }
            let have = self.kept(name).is_some() || self.shards.borrow().contains_key(name);
            let started = (!have).then(|| downloads.start(&format!("{}{name}", self.base)));
            pending.push((name, started));
        }
        let mut out = Vec::new();
        for (name, started) in pending {
            let bytes = match started {
                // A shard already read has no bytes here: `shard` gives it.
                None => self.kept(name).unwrap_or_default(),
                Some(download) => {
                    let bytes = Rc::new(download.await.map_err(|e| match e {
                        FetchError::Cancelled => None,
                        FetchError::Status(code) => Some(download_failed(name, Some(code))),
                        FetchError::Network => Some(download_failed(name, None)),
                    })?);
                    self.keep(name, bytes.clone());
                    bytes
                }
            };
            out.push(bytes);
        }
        Ok(out)
    }

    /// `index` with the pages of its manifest that `needs` want read (none
    /// when the manifest is whole): downloaded once, in parallel, and kept read.
    async fn index_for(
        &self,
        downloads: &Downloads,
        index: &Rc<ShardedIndex>,
        needs: &[Need<'_>],
    ) -> Result<Rc<ShardedIndex>, Option<String>> {
        let best = || self.paged.borrow().clone().unwrap_or_else(|| index.clone());
        let current = best();
        let mut pages: Vec<PageEntry> = Vec::new();
        for page in needs.iter().flat_map(|&need| current.pages_needed(need)) {
            if !pages.contains(page) {
                pages.push(page.clone());
            }
        }
        if pages.is_empty() {
            return Ok(current);
        }
        let names: Vec<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        let files = self.files(downloads, &names).await?;
        // Another search may have read pages meanwhile: add these to the latest.
        let mut next = (*best()).clone();
        for (page, bytes) in pages.iter().zip(files) {
            next.add_page(page, &bytes).map_err(Some)?;
        }
        let next = Rc::new(next);
        *self.paged.borrow_mut() = Some(next.clone());
        Ok(next)
    }

    /// The shard `entry` names, read from its downloaded bytes the first time.
    fn shard(&self, index: &ShardedIndex, entry: &ShardEntry) -> Result<Rc<Shard>, String> {
        if let Some(shard) = self.shards.borrow().get(&entry.file) {
            return Ok(shard.clone());
        }
        let missing = || format!("{} is missing, though {} lists it", entry.file, shards::MANIFEST);
        let bytes = self.kept.borrow_mut().0.remove(&entry.file).ok_or_else(missing)?;
        let shard = Rc::new(index.shard(entry, &bytes)?);
        self.shards.borrow_mut().insert(entry.file.clone(), shard.clone());
        Ok(shard)
    }
}

/// Runs `work` with this effect's downloads; they are cancelled when the effect's inputs change.
fn spawn<F>(work: impl FnOnce(Rc<Downloads>) -> F) -> impl FnOnce()
where
    F: std::future::Future<Output = ()> + 'static,
{
    let downloads = Rc::new(Downloads::default());
    yew::platform::spawn_local(work(downloads.clone()));
    move || downloads.cancel()
}

/// Wires the library's state to the corpus in folder `base`.
#[hook]
pub fn use_corpus(library: &Library, dispatch: &Callback<LibraryAction>, base: &str) {
    let corpus = use_memo(base.to_string(), |base| Corpus::new(base));
    let index = library.index.ready().cloned();
    let ready = index.is_some();

    // The manifest, once.
    {
        let (corpus, dispatch) = (corpus.clone(), dispatch.clone());
        use_effect_with(base.to_string(), move |_| {
            spawn(move |downloads| async move {
                let result = match corpus.files(&downloads, &[shards::MANIFEST]).await {
                    Ok(files) => ShardedIndex::from_manifest(&files[0]).map(Rc::new),
                    Err(None) => return,
                    Err(Some(sentence)) => Err(sentence),
                };
                dispatch.emit(LibraryAction::Manifest(result));
            })
        });
    }

    // The article lists the page shows, and the titles of the results it shows.
    let lists = dispatch.reform(LibraryAction::Lists);
    let list = (Need::List as fn(usize) -> Need<'static>, ShardedIndex::chunk_of as Find);
    use_chunks(&corpus, index.clone(), library.lists_wanted(), list, ShardedIndex::read_chunk, lists);
    let titles = dispatch.reform(LibraryAction::Titles);
    let title = (Need::Titles as fn(usize) -> Need<'static>, ShardedIndex::titles_of as Find);
    use_chunks(&corpus, index.clone(), library.titles_wanted(), title, ShardedIndex::read_titles, titles);

    // The search: the shards of the query's words, then the index's answer.
    {
        let (corpus, dispatch, index) = (corpus.clone(), dispatch.clone(), index.clone());
        use_effect_with((ready, library.query.clone()), move |(_, query)| {
            let query = query.clone();
            spawn(move |downloads| async move {
                let Some(index) = index.filter(|_| !query.trim().is_empty()) else { return };
                let result = match corpus.index_for(&downloads, &index, &[Need::Words(&query)]).await {
                    Ok(index) => match corpus.files(&downloads, &index.files_for(&query)).await {
                        Ok(_) => index.search_with(&query, |entry| corpus.shard(&index, entry)).map(Rc::new),
                        Err(None) => return,
                        Err(Some(sentence)) => Err(sentence),
                    },
                    Err(None) => return,
                    Err(Some(sentence)) => Err(sentence),
                };
                dispatch.emit(LibraryAction::Found(query, result));
            })
        });
    }

    // The texts the shown results quote.
    {
        let (corpus, dispatch) = (corpus.clone(), dispatch.clone());
        let wanted = library.texts_wanted();
        use_effect_with(wanted, move |wanted| {
            let wanted = wanted.clone();
            spawn(move |downloads| async move {
                if wanted.is_empty() {
                    return;
                }
                let names: Vec<&str> = wanted.iter().map(|(_, name)| name.as_str()).collect();
                // While the reader types, every keystroke changes the results: their texts are
                // downloaded once the query has stood still a moment, not for each letter.
                if names.iter().any(|name| !corpus.has(name)) {
                    yew::platform::time::sleep(SNIPPETS_AFTER).await;
                    if downloads.cancelled() {
                        return;
                    }
                }
                // A text that does not arrive leaves its result without a snippet, nothing more.
                if let Ok(files) = corpus.files(&downloads, &names).await {
                    let texts = wanted.iter().zip(files).map(|((a, _), b)| (*a, Rc::from(String::from_utf8_lossy(&b))));
                    dispatch.emit(LibraryAction::Texts(texts.collect()));
                }
            })
        });
    }

    // The chosen entity: every article that mentions it.
    {
        let (corpus, dispatch, index) = (corpus.clone(), dispatch.clone(), index.clone());
        use_effect_with((ready, library.entity.clone()), move |(_, entity)| {
            let entity = entity.clone();
            spawn(move |downloads| async move {
                let (Some(index), Some(id)) = (index, entity) else { return };
                let result = match corpus.index_for(&downloads, &index, &[Need::Entity(&id)]).await {
                    Ok(index) => {
                        let names: Vec<&str> = index.file_for_entity(&id).into_iter().collect();
                        match corpus.files(&downloads, &names).await {
                            Ok(_) => index.entity_with(&id, |entry| corpus.shard(&index, entry)).map(Rc::new),
                            Err(None) => return,
                            Err(Some(sentence)) => Err(sentence),
                        }
                    }
                    Err(None) => return,
                    Err(Some(sentence)) => Err(sentence),
                };
                dispatch.emit(LibraryAction::Mentions(id, result));
            })
        });
    }

    // The open article: its text and its packed analysis, once its list says where they are.
    {
        let (corpus, dispatch) = (corpus.clone(), dispatch.clone());
        let waiting = library.article == Loading::Waiting;
        let open = library.open.clone().filter(|_| waiting);
        let entry = open.as_ref().and_then(|o| library.entry(o.number).cloned());
        let beyond = open.as_ref().is_some_and(|o| index.as_ref().is_some_and(|i| i.list_first(o.number).is_none()));
        use_effect_with((open, entry, beyond), move |(open, entry, beyond)| {
            let (open, entry, beyond) = (open.clone(), entry.clone(), *beyond);
            spawn(move |downloads| async move {
                let Some(open) = open else { return };
                let gone = || format!("The article \"{}\" is not in this library any more.", open.slug);
                let result = match entry {
                    Some(entry) if entry.slug != open.slug => Err(gone()),
                    Some(entry) => match corpus.files(&downloads, &[&entry.text, &entry.analysis]).await {
                        // The analysis is unpacked (and checked against the text) by the reader.
                        Ok(files) => match String::from_utf8(files[0].as_ref().clone()) {
                            Ok(text) => Ok((text, files[1].clone())),
                            Err(_) => Err(format!("The article's text ({}) is not UTF-8.", entry.text)),
                        },
                        Err(None) => return,
                        Err(Some(sentence)) => Err(sentence),
                    },
                    None if beyond => Err(gone()),
                    None => return, // Its list is on its way.
                };
                dispatch.emit(LibraryAction::Opened(open.number, result));
            })
        });
    }
}

/// How a list or titles file is found in the manifest (the page it needs
/// when the manifest is split, then its entry) and read.
type Find = for<'a> fn(&'a ShardedIndex, usize) -> Option<&'a ChunkEntry>;
type Read<T> = fn(&ShardedIndex, &ChunkEntry, &[u8]) -> Result<Vec<T>, String>;

/// Downloads the list or titles files holding the articles `wanted` (by first
/// article: `lookup` finds each in the manifest, `read` reads it) and hands
/// them to `done`, by first article.
#[hook]
fn use_chunks<T: 'static>(
    corpus: &Rc<Corpus>,
    index: Option<Rc<ShardedIndex>>,
    wanted: Vec<usize>,
    lookup: (fn(usize) -> Need<'static>, Find),
    read: Read<T>,
    done: Callback<Result<Chunks<T>, String>>,
) {
    let (corpus, (need, find)) = (corpus.clone(), lookup);
    use_effect_with(wanted, move |wanted| {
        let wanted = wanted.clone();
        spawn(move |downloads| async move {
            let Some(index) = index.filter(|_| !wanted.is_empty()) else { return };
            let needs: Vec<Need> = wanted.iter().map(|&first| need(first)).collect();
            let index = match corpus.index_for(&downloads, &index, &needs).await {
                Ok(index) => index,
                Err(None) => return,
                Err(Some(sentence)) => return done.emit(Err(sentence)),
            };
            let chunks: Vec<&ChunkEntry> = wanted.iter().filter_map(|&first| find(&index, first)).collect();
            let names: Vec<&str> = chunks.iter().map(|c| c.file.as_str()).collect();
            let result = match corpus.files(&downloads, &names).await {
                Ok(files) => chunks
                    .iter()
                    .zip(files)
                    .map(|(c, bytes)| read(&index, c, &bytes).map(|x| (c.first, Rc::new(x))))
                    .collect(),
                Err(None) => return,
                Err(Some(sentence)) => Err(sentence),
            };
            done.emit(result);
        })
    });
}
