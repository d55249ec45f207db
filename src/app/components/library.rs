//! Corpus mode's page: the library (every article, a search across them,
//! the entities they share) and, when an article is opened, the explorer
//! showing it. State and rules are `corpus.rs`; downloads `hooks/use_corpus.rs`.
//!
//! Links are real links (`?a=…&n=…`, `?e=…`): they open in a new tab with a
//! middle click, and a plain click is turned into an action.

use super::plural;
use crate::app::browser;
use crate::app::corpus::{ArticleFiles, Library as State, LibraryAction as Action, Loading, Open, PAGE};
use crate::app::hooks::{use_corpus, use_library_url};
use crate::app::instance::{root_classes, Instance, Theme};
use crate::app::url::UrlMode;
use crate::app::AppProps;
use crate::core::entities::EntityKind;
use crate::core::shards::{snippet, ArticleEntry, ArticleHits, Named};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    /// The corpus folder, relative to the page (`corpus/`).
    pub corpus: AttrValue,
    /// The address to start from (`?q=…&a=…`).
    #[prop_or_default]
    pub query: AttrValue,
    #[prop_or_default]
    pub prefix: AttrValue,
    #[prop_or_default]
    pub url_mode: UrlMode,
    #[prop_or_default]
    pub theme: Theme,
    #[prop_or_default]
    pub compact: bool,
}

/// A link that dispatches `action` on a plain click (and stays a link for everything else).
fn link(href: String, action: Action, dispatch: &Callback<Action>, body: Html) -> Html {
    link_with_id(None, href, action, dispatch, body)
}

/// [`link`] with an id, for the links that focus comes back to.
fn link_with_id(id: Option<String>, href: String, action: Action, dispatch: &Callback<Action>, body: Html) -> Html {
    let dispatch = dispatch.clone();
    let onclick = Callback::from(move |e: MouseEvent| {
        if e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()) {
            e.prevent_default();
            dispatch.emit(action.clone());
        }
    });
    html! { <a {id} {href} {onclick}>{ body }</a> }
}

/// The kind an entity id starts with (`person-…`), for its label.
fn kind_of(id: &str) -> Option<EntityKind> {
    id.split_once('-').and_then(|(k, _)| EntityKind::parse(k))
}

fn entity_button(named: &Named, count: String, state: &State, dispatch: &Callback<Action>) -> Html {
    let kind = kind_of(&named.id).map_or("entity", |k| k.as_str());
    let body = html! { <>
        <span class="name">{ named.name.clone() }</span>
        <span class="kind">{ format!(" ({kind})") }</span>
        <span class="count">{ format!(" {count}") }</span>
    </> };
    html! {
        <li class={classes!("corpus-entity", format!("kind-{kind}"))}>
            { link(state.link_to_entity(&named.id), Action::ChooseEntity(Some(named.id.clone())), dispatch, body) }
        </li>
    }
}

/// One article in a list: its title as a link, its size, its leading entities.
fn article_item(
    number: usize,
    entry: &ArticleEntry,
    state: &State,
    dispatch: &Callback<Action>,
    ids: &Instance,
) -> Html {
    html! {
        <li class="article">
            <h3>{ article_link(number, &entry.slug, &entry.title, state, dispatch, ids) }</h3>
            <p class="figures">{ plural(entry.sections, "section", "sections") }</p>
            if !entry.entities.is_empty() {
                <ul class="leading" aria-label={format!("Leading entities of {}", entry.title)}>
                    { for entry.entities.iter().map(|n| entity_button(n, plural(n.count as usize, "mention", "mentions"), state, dispatch)) }
                </ul>
            }
        </li>
    }
}

/// A snippet: the text around the hits, the hits in `<mark>`.
fn quoted(text: &str, window: (usize, usize), hits: &[crate::core::span::Span], cut: (bool, bool)) -> Html {
    let mut parts = Vec::new();
    let mut at = window.0;
    if cut.0 {
        parts.push(html! { "… " });
    }
    for h in hits {
        parts.push(html! { &text[at..h.start] });
        parts.push(html! { <mark>{ &text[h.start..h.end] }</mark> });
        at = h.end;
    }
    parts.push(html! { &text[at..window.1] });
    if cut.1 {
        parts.push(html! { " …" });
    }
    html! { <p class="snippet">{ for parts }</p> }
}

/// One result: the article, then its matching sections, each with a snippet once its text is here.
/// `what` in the singular and plural: `match`/`matches`, `mention`/`mentions`.
type Word = (&'static str, &'static str);
const MATCH: Word = ("match", "matches");
const MENTION: Word = ("mention", "mentions");

/// `1 article matches`, `2 articles match`.
fn articles_that(n: usize, verb: Word) -> String {
    format!("{} {}", plural(n, "article", "articles"), if n == 1 { verb.1 } else { verb.0 })
}

/// The link that opens article `number`: focus comes back to it when the reader closes the article.
fn article_link(
    number: usize,
    slug: &str,
    title: &str,
    state: &State,
    dispatch: &Callback<Action>,
    ids: &Instance,
) -> Html {
    let open = Open { slug: slug.to_string(), number };
    let id = Some(article_link_id(ids, number));
    link_with_id(id, state.link_to(slug, number), Action::OpenArticle(open), dispatch, html! { title.to_string() })
}

fn article_link_id(ids: &Instance, number: usize) -> String {
    ids.id(&format!("article-{number}"))
}

fn result_item(hit: &ArticleHits, state: &State, dispatch: &Callback<Action>, what: Word, ids: &Instance) -> Html {
    let Some(entry) = state.title(hit) else {
        return html! { <li class="result pending">{ format!("Article {} (loading its title…)", hit.article + 1) }</li> };
    };
    let text = state.texts.get(&hit.article);
    let sections = hit.sections.iter().take(3).map(|s| {
        let cut = text.and_then(|t| snippet(t, s.section, &state.query, 160).map(|sn| (t.clone(), sn)));
        let name = cut.as_ref().map_or_else(
            || format!("Section {}", s.section + 1),
            |(t, sn)| sn.heading.map_or(crate::core::parse::INTRODUCTION.to_string(), |h| t[h.start..h.end].to_string()),
        );
        html! {
            <li>
                <span class="section-name">{ name }</span>
                <span class="count">{ format!(" · {}", plural(s.count as usize, what.0, what.1)) }</span>
                { for cut.map(|(t, sn)| quoted(&t, (sn.window.start, sn.window.end), &sn.hits, (sn.cut_before, sn.cut_after))) }
            </li>
        }
    });
    let more = hit.sections.len().saturating_sub(3);
    html! {
        <li class="result">
            <h3>{ article_link(hit.article, &entry.slug, &entry.title, state, dispatch, ids) }</h3>
            <p class="figures">{ format!("{} in {}", plural(hit.count as usize, what.0, what.1), plural(hit.sections.len(), "section", "sections")) }</p>
            <ul class="sections">{ for sections }</ul>
            if more > 0 {
                <p class="more-sections">{ format!("and {} more", plural(more, "section", "sections")) }</p>
            }
        </li>
    }
}

fn hits_list(
    hits: &Rc<Vec<ArticleHits>>,
    state: &State,
    dispatch: &Callback<Action>,
    what: Word,
    ids: &Instance,
) -> Html {
    let shown = state.pages * PAGE;
    html! { <>
        <ol class="results">{ for hits.iter().take(shown).map(|h| result_item(h, state, dispatch, what, ids)) }</ol>
        if hits.len() > shown {
            <button type="button" class="more" onclick={dispatch.reform(|_| Action::MoreResults)}>
                { format!("More results ({} more)", hits.len() - shown) }
            </button>
        }
    </> }
}

fn failure(sentence: &str) -> Html {
    html! { <p class="failure" role="alert">{ sentence.to_string() }</p> }
}

#[derive(Properties, PartialEq)]
struct ReaderProps {
    files: Rc<ArticleFiles>,
    prefix: AttrValue,
    theme: Theme,
    compact: bool,
    failed: Callback<String>,
}

/// An opened article, shown by the explorer of the reader's wasm in an element of its own.
#[function_component(Reader)]
fn reader(props: &ReaderProps) -> Html {
    let host = use_node_ref();
    {
        let host = host.clone();
        let (prefix, theme, compact, failed) = (props.prefix.clone(), props.theme, props.compact, props.failed.clone());
        use_effect_with(props.files.clone(), move |files| {
            let options = [files.query.as_str(), prefix.as_str(), theme.as_str()];
            let shown = browser::show_article(&host, &files.text, &files.packed, options, compact, failed);
            move || drop(shown)
        });
    }
    html! { <div class="reader" ref={host}></div> }
}

#[function_component(Library)]
pub fn library(props: &LibraryProps) -> Html {
    let start = props.query.clone();
    let state = use_reducer(move || State::from_query(&start));
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        use_callback((), move |action: Action, _| d.dispatch(action))
    };
    use_corpus(&state, &dispatch, &props.corpus);
    use_library_url(&state, &dispatch, props.url_mode);
    let instance = Instance { prefix: props.prefix.clone() };
    let id = |name: &str| instance.id(name);

    // Focus follows the reader: to the opened article's "Back" link (the link they
    // followed is gone), and back to that article's link (else the search box) on closing.
    {
        let shown = use_mut_ref(|| state.open.clone());
        let instance = instance.clone();
        use_effect_with(state.open.clone(), move |open| {
            let before = shown.replace(open.clone());
            match (before, open) {
                (before, Some(open)) if before.as_ref() != Some(open) => {
                    browser::focus_id(&instance.id("library-back"));
                }
                (Some(closed), None) if !browser::focus_id(&article_link_id(&instance, closed.number)) => {
                    browser::focus_id(&instance.id("library-search"));
                }
                _ => {}
            }
        });
    }

    // An opened article: the explorer, with the search carried over.
    if let Some(open) = &state.open {
        let back = link_with_id(
            Some(id("library-back")),
            state.link_back(),
            Action::Close,
            &dispatch,
            html! { "← Back to the library" },
        );
        let body = match &state.article {
            Loading::Ready(files) => {
                let failed = {
                    let (dispatch, number) = (dispatch.clone(), open.number);
                    Callback::from(move |sentence| dispatch.emit(Action::Opened(number, Err(sentence))))
                };
                html! {
                    <Reader key={files.key} files={files.clone()} prefix={props.prefix.clone()} theme={props.theme}
                        compact={props.compact} {failed} />
                }
            }
            Loading::Waiting => {
                html! { <p class="loading" role="status">{ format!("Opening \"{}\"…", open.slug) }</p> }
            }
            Loading::Failed(sentence) => failure(sentence),
        };
        return html! {
            <div class={classes!(root_classes(props.theme, props.compact), "library", "reading-one")} data-corpus-open={open.slug.clone()}>
                <nav class="library-nav" aria-label={instance.label("Library")}>{ back }</nav>
                { body }
            </div>
        };
    }

    let index = match &state.index {
        Loading::Ready(index) => index.clone(),
        Loading::Waiting => {
            return html! {
                <div class={classes!(root_classes(props.theme, props.compact), "library")}>
                    <p class="loading" role="status">{ "Loading the library…" }</p>
                </div>
            }
        }
        Loading::Failed(sentence) => {
            return html! {
                <div class={classes!(root_classes(props.theme, props.compact), "library")} data-ready="">
                    <h1>{ "Library" }</h1>
                    { failure(sentence) }
                </div>
            }
        }
    };
    let manifest = index.manifest();
    let oninput = dispatch.reform(|e: InputEvent| Action::SetQuery(browser::value_of(&e)));
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                dispatch.emit(Action::ClearQuery);
            }
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let query = state.query.trim();

    let (status, main): (String, Html) = if let Some(entity) = &state.entity {
        let name = state.entity_name(entity);
        let clear = dispatch.reform(|_| Action::ChooseEntity(None));
        let (status, list) = match state.mentions() {
            None | Some(Loading::Waiting) => (format!("Finding the articles that mention {name}…"), html! {}),
            Some(Loading::Failed(sentence)) => (sentence.clone(), failure(sentence)),
            Some(Loading::Ready(hits)) => (
                format!("{} {name}", articles_that(hits.len(), MENTION)),
                hits_list(hits, &state, &dispatch, MENTION, &instance),
            ),
        };
        (
            status,
            html! {
                <section class="mentions" aria-labelledby={id("library-heading")}>
                    <h2 id={id("library-heading")}>{ format!("Articles that mention {name}") }</h2>
                    <button type="button" class="clear" onclick={clear}>{ "Show every article" }</button>
                    { list }
                </section>
            },
        )
    } else if !query.is_empty() {
        let (status, list) = match state.results() {
            None | Some(Loading::Waiting) => ("Searching…".to_string(), html! {}),
            Some(Loading::Failed(sentence)) => (sentence.clone(), failure(sentence)),
            Some(Loading::Ready(hits)) => (
                format!("{} “{query}”", articles_that(hits.len(), MATCH)),
                hits_list(hits, &state, &dispatch, MATCH, &instance),
            ),
        };
        (
            status,
            html! {
                <section class="results-list" aria-labelledby={id("library-heading")}>
                    <h2 id={id("library-heading")}>{ "Results" }</h2>
                    { list }
                </section>
            },
        )
    } else {
        let listed = state.listed.saturating_mul(manifest.list_size).min(manifest.articles);
        let items =
            (0..listed).filter_map(|a| state.entry(a).map(|e| article_item(a, e, &state, &dispatch, &instance)));
        (
            plural(manifest.articles, "article", "articles"),
            html! {
                <section class="articles" aria-labelledby={id("library-heading")}>
                    <h2 id={id("library-heading")}>{ "Articles" }</h2>
                    <ol class="article-list">{ for items }</ol>
                    if listed < manifest.articles {
                        <button type="button" class="more" onclick={dispatch.reform(|_| Action::MoreArticles)}>
                            { format!("More articles ({} more)", manifest.articles - listed) }
                        </button>
                    }
                </section>
            },
        )
    };

    html! {
        <div class={classes!(root_classes(props.theme, props.compact), "library")} data-ready="">
            <header class="masthead">
                <div class="masthead-text">
                    <h1 id={id("title")}>{ "Library" }</h1>
                    <p class="figures">{ plural(manifest.articles, "article", "articles") }</p>
                </div>
                <form class="controls" role="search" aria-label={instance.label("Search the library")} {onsubmit}>
                    <div class="field search">
                        <label for={id("library-search")}>{ "Search every article" }</label>
                        <input type="search" id={id("library-search")} autocomplete="off" spellcheck="false"
                            value={state.query.clone()} {oninput} {onkeydown} />
                    </div>
                    <p id={id("library-status")} class="status" role="status" aria-live="polite">{ status }</p>
                </form>
            </header>
            if let Some(sentence) = &state.list_failure {
                { failure(sentence) }
            }
            <div class="library-layout">
                <main id={id("library-main")}>{ main }</main>
                <aside class="side" aria-labelledby={id("across-heading")}>
                    <h2 id={id("across-heading")}>{ "Across the library" }</h2>
                    <ul class="salient">
                        { for manifest.salient.iter().map(|n| entity_button(n, plural(n.count as usize, "article", "articles"), &state, &dispatch)) }
                    </ul>
                </aside>
            </div>
        </div>
    }
}

/// Starts a library in a mount point: what the library's entry point hands
/// to [`mount_all`](crate::app::mount::mount_all).
pub fn start(point: crate::app::browser::MountPoint, corpus: String, props: AppProps) {
    let props = LibraryProps {
        corpus: AttrValue::from(corpus),
        query: props.query,
        prefix: props.prefix,
        url_mode: props.url_mode,
        theme: props.theme,
        compact: props.compact,
    };
    yew::Renderer::<Library>::with_root_and_props(point.element, props).render();
}

/// Starts a plain explorer on a library's page: the library's entry point hands it to the
/// reader's wasm, so that its own holds no explorer.
pub fn start_explorer(point: crate::app::browser::MountPoint, _: AppProps) {
    browser::hand_to_reader(point);
}
