//! Corpus mode's downloads: the manifest once, the article lists the page
//! shows, the shards of the query's words, the entity shard of the chosen
//! entity, the texts the results' snippets quote, and an article when it is
//! opened. Every answer goes to the reducer as a [`LibraryAction`] tagged
//! with what it answers. Each effect's downloads are cancelled when what it
//! was for changes (the next keystroke cancels the last one's shards).
//!
//! Only plain file names the manifest and lists vouched for are fetched
//! (`core::shards` refuses any other), each relative to the corpus folder,
//! so nothing outside it is ever asked for. Downloaded files are kept (they
//! never change under their names) up to [`KEEP_BYTES`].

use crate::app::browser::{Downloads, FetchError};
use crate::app::corpus::{download_failed, Library, LibraryAction, Loading};
use crate::core::shards::{self, ShardedIndex};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// How much of the corpus's files a page keeps in memory.
pub const KEEP_BYTES: usize = 32 << 20;

/// Files by name, and their bytes in all.
type Kept = (HashMap<String, Rc<Vec<u8>>>, usize);

/// The corpus folder and the files downloaded from it.
pub struct Corpus {
    base: String,
    kept: RefCell<Kept>,
}

impl Corpus {
    pub fn new(base: &str) -> Corpus {
        let base = if base.is_empty() || base.ends_with('/') { base.to_string() } else { format!("{base}/") };
        Corpus { base, kept: RefCell::default() }
    }

    fn kept(&self, name: &str) -> Option<Rc<Vec<u8>>> {
        self.kept.borrow().0.get(name).cloned()
    }

    fn keep(&self, name: &str, bytes: Rc<Vec<u8>>) {
        let mut kept = self.kept.borrow_mut();
        if kept.1 + bytes.len() > KEEP_BYTES {
            *kept = Default::default();
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
            let started = self.kept(name).is_none().then(|| downloads.start(&format!("{}{name}", self.base)));
            pending.push((name, started));
        }
        let mut out = Vec::new();
        for (name, started) in pending {
            let bytes = match started {
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

    /// The bytes of files already downloaded, by name (for the index's synchronous readers).
    fn lookup(&self) -> impl FnMut(&str) -> Option<Vec<u8>> + '_ {
        |name| self.kept(name).map(|b| b.as_ref().clone())
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

    // The article lists the page shows.
    {
        let (corpus, dispatch, index) = (corpus.clone(), dispatch.clone(), index.clone());
        use_effect_with(library.lists_wanted(), move |wanted| {
            let wanted = wanted.clone();
            spawn(move |downloads| async move {
                let Some(index) = index.filter(|_| !wanted.is_empty()) else { return };
                let chunks: Vec<_> = wanted.iter().filter_map(|&first| index.chunk_of(first)).collect();
                let names: Vec<&str> = chunks.iter().map(|c| c.file.as_str()).collect();
                let result = match corpus.files(&downloads, &names).await {
                    Ok(files) => chunks
                        .iter()
                        .zip(files)
                        .map(|(c, bytes)| index.read_chunk(c, &bytes).map(|list| (c.first, Rc::new(list))))
                        .collect(),
                    Err(None) => return,
                    Err(Some(sentence)) => Err(sentence),
                };
                dispatch.emit(LibraryAction::Lists(result));
            })
        });
    }

    // The search: the shards of the query's words, then the index's answer.
    {
        let (corpus, dispatch, index) = (corpus.clone(), dispatch.clone(), index.clone());
        use_effect_with((ready, library.query.clone()), move |(_, query)| {
            let query = query.clone();
            spawn(move |downloads| async move {
                let Some(index) = index.filter(|_| !query.trim().is_empty()) else { return };
                let names = index.files_for(&query);
                let result = match corpus.files(&downloads, &names).await {
                    Ok(_) => index.search(&query, corpus.lookup()).map(Rc::new),
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
        let wanted: Vec<(usize, String)> = library
            .texts_wanted()
            .into_iter()
            .filter_map(|a| library.entry(a).map(|entry| (a, entry.text.clone())))
            .collect();
        use_effect_with(wanted, move |wanted| {
            let wanted = wanted.clone();
            spawn(move |downloads| async move {
                if wanted.is_empty() {
                    return;
                }
                let names: Vec<&str> = wanted.iter().map(|(_, name)| name.as_str()).collect();
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
                let names: Vec<&str> = index.file_for_entity(&id).into_iter().collect();
                let result = match corpus.files(&downloads, &names).await {
                    Ok(_) => index.entity(&id, corpus.lookup()).map(Rc::new),
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
        let beyond = open.as_ref().is_some_and(|o| index.as_ref().is_some_and(|i| i.chunk_of(o.number).is_none()));
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
