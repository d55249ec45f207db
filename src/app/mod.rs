//! The browser app: yew function components over the core.
//!
//! [`state`] holds the reducer (pure, tested natively), [`url`] the state's
//! URL form, and [`components`] one small file per part of the page. The DOM
//! they produce is specified in `docs/DOM.md`.

mod bench;
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod crash;
pub mod markdown;
pub mod mount;
pub mod slicing;
pub mod state;
pub mod url;
pub mod window;

use crate::core::filter::Outcome;
use crate::core::Analysis;
use crate::seeds::{Seed, SEEDS};
use components::{
    EmptyState, EntityGraph, EntityPanel, Export, Import, Masthead, MentionMap, Outline, QuotesPanel, ReadingPane,
};
use state::{Action, State};
use std::rc::Rc;
use window::{Focus, Window, WindowAction};
use yew::prelude::*;

/// An analysed article, compared by identity (analyses are cached, never rebuilt).
#[derive(Clone, Debug)]
pub struct Article(pub Rc<Analysis>);

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Article {
    type Target = Analysis;
    fn deref(&self) -> &Analysis {
        &self.0
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The URL query to start from, e.g. `?q=asif` (the browser passes `location.search`).
    #[prop_or_default]
    pub query: AttrValue,
    /// The articles to offer; the embedded seeds unless a test says otherwise.
    #[prop_or(SEEDS)]
    pub seeds: &'static [Seed],
    /// Put before every element id (`ae1-` → `ae1-search`); "" for the full page. See [`mount`].
    #[prop_or_default]
    pub prefix: AttrValue,
    /// Where the state lives in the address bar (query, fragment, or nowhere).
    #[prop_or_default]
    pub url_mode: mount::UrlMode,
    /// Light, dark, or following the system.
    #[prop_or_default]
    pub theme: mount::Theme,
    /// The one-column layout, whatever the width.
    #[prop_or_default]
    pub compact: bool,
}

/// Focuses an element by id (and scrolls it into view). Browser only.
pub fn focus_id(id: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

/// Scrolls an element to the top of the view: `instant`ly (not smoothly,
/// whatever the page's `scroll-behavior`) after the reading pane's window
/// moved, so the drawn neighbourhood is measured from the target. Browser only.
pub fn scroll_to_id(id: &str, instant: bool) {
    #[cfg(target_arch = "wasm32")]
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        scroll_element(&el, instant);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (id, instant);
}

#[cfg(target_arch = "wasm32")]
pub fn scroll_element(el: &web_sys::Element, instant: bool) {
    if instant {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(web_sys::ScrollBehavior::Instant);
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    } else {
        el.scroll_into_view_with_bool(true);
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let seeds = props.seeds;
    let query = props.query.clone();
    let state = use_reducer(move || State::with_seeds(seeds, &query));
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };

    let root = use_node_ref();
    use_browser_effects(&state, &dispatch, props, &root);
    let instance = mount::Instance { prefix: props.prefix.clone() };
    // Embedded, an instance is one labelled region of its host page, with no `main` or banner
    // of its own: its root is a `<section>`, its reading pane a region.
    let (root_tag, root_label, main_tag, main_role, main_label) = if instance.is_page() {
        ("div", None, "main", None, None)
    } else {
        (
            "section",
            Some(format!("Article {}", instance.name())),
            "div",
            Some("region"),
            Some(instance.label("Article text")),
        )
    };

    let article = Article(state.analysis());
    let filter = state.filter.clone();
    let outcome: Rc<Outcome> = {
        let article = article.clone();
        use_memo((article, filter.clone()), |(article, filter)| article.apply(filter))
    };
    let total = article.doc.sections.len();

    // How much of a long article the reading pane draws (see `window`).
    let window = {
        let outcome = outcome.clone();
        use_reducer(move || Window::opening(&outcome))
    };
    let (start, end) = window.range(&article.doc, &outcome);
    let drawn = use_mut_ref(|| (0usize, 0usize));
    *drawn.borrow_mut() = (start, end);
    let on_more = {
        let dispatch = window.dispatcher();
        use_callback((article.clone(), outcome.clone()), move |earlier: bool, (article, outcome)| {
            let (article, outcome) = (article.clone(), outcome.clone());
            dispatch.dispatch(if earlier {
                WindowAction::Earlier(article, outcome)
            } else {
                WindowAction::More(article, outcome)
            })
        })
    };
    // Outline links, map marks and quotes: focus at once if drawn, else draw it first.
    let reveal = {
        let dispatch = window.dispatcher();
        let ids = instance.clone();
        use_callback((article.clone(), outcome.clone()), move |focus: Focus, (article, outcome)| {
            let (start, end) = *drawn.borrow();
            if (start..end).contains(&focus.block(&article.doc)) {
                focus.apply(article, &ids, false);
            } else {
                dispatch.dispatch(WindowAction::Reveal(article.clone(), outcome.clone(), focus));
            }
        })
    };

    let user = state.user().map(Article);
    let user_title = user.as_ref().map(|u| AttrValue::from(u.title().to_string()));

    html! {
        <ContextProvider<mount::Instance> context={instance.clone()}>
        <@{root_tag} class={mount::root_classes(props.theme, props.compact)} ref={root} aria-label={root_label}>
            <Masthead
                article={article.clone()}
                seeds={seeds}
                current={state.article}
                query={filter.query.clone()}
                visible={outcome.visible}
                total={total}
                dispatch={dispatch.clone()}
                user_title={user_title}
            />
            <div class="tools" role="region" aria-label={instance.label("Your article and export")}>
                <Import dispatch={dispatch.clone()} user={user} kept={state.kept} />
                <Export article={article.clone()} filter={filter.clone()} outcome={outcome.clone()} />
            </div>
            <div class="layout">
                <Outline article={article.clone()} outcome={outcome.clone()} narrows={filter.narrows()} reveal={reveal.clone()} />
                <@{main_tag} id={instance.id("reading")} class="reading" role={main_role} aria-label={main_label}>
                    if outcome.visible == 0 && total > 0 {
                        <EmptyState filter={filter.clone()} dispatch={dispatch.clone()} />
                    }
                    if total == 0 {
                        <p class="nothing">{ "This article has no text to show." }</p>
                    }
                    <ReadingPane
                        article={article.clone()}
                        outcome={outcome.clone()}
                        filter={filter.clone()}
                        start={start}
                        end={end}
                        focus={window.focus}
                        seq={window.seq}
                        on_more={on_more}
                    />
                </@>
                <MentionMap article={article.clone()} filter={filter.clone()} outcome={outcome.clone()} reveal={reveal.clone()} />
                <div class="side">
                    <EntityPanel article={article.clone()} filter={filter.clone()} dispatch={dispatch.clone()} />
                    <QuotesPanel article={article.clone()} filter={filter.clone()} outcome={outcome.clone()} dispatch={dispatch.clone()} reveal={reveal} />
                    <EntityGraph article={article} filter={filter} dispatch={dispatch} />
                </div>
            </div>
        </@>
        </ContextProvider<mount::Instance>>
    }
}

/// History, back/forward and the `/` shortcut. Browser only; nothing natively.
/// An instance with [`mount::UrlMode::None`] leaves the URL alone; only the
/// full-page instance (no id prefix) names the tab.
#[cfg(target_arch = "wasm32")]
#[hook]
fn use_browser_effects(state: &UseReducerHandle<State>, dispatch: &Callback<Action>, props: &AppProps, root: &NodeRef) {
    use gloo::events::{EventListener, EventListenerOptions};
    use wasm_bindgen::JsCast;
    let mode = props.url_mode;
    let page = props.prefix.is_empty();
    // Whether the first render is followed by the URL's state (see below).
    let restoring = use_mut_ref(|| false);

    // The state into the URL.
    {
        let query = state.to_query();
        let nav = state.nav;
        use_effect_with(
            (query, nav, state.filter.clone(), state.article, mode),
            |(query, nav, _, _, mode)| match nav {
                state::Nav::Push => url::browser::record_soon(*mode, query.clone(), true),
                state::Nav::Replace => url::browser::record_soon(*mode, query.clone(), false),
                state::Nav::None => {}
            },
        );
    }
    // Once mounted: the URL's state, when it says something else (a hydrated page starts from
    // the prerendered default view, which must match the server's render exactly).
    {
        let dispatch = dispatch.clone();
        let initial = state.to_query();
        let restoring = restoring.clone();
        use_effect_with(mode, move |mode| {
            let from_url = url::browser::current_in(*mode);
            if !from_url.is_empty() && from_url != initial {
                *restoring.borrow_mut() = true;
                dispatch.emit(Action::Restore(from_url));
            }
        });
    }
    // Then mark the root, for tests and host pages (`.ae-app[data-ready]`): once mounted, and
    // once the URL's state is shown if it had to be restored (the render after that).
    {
        let root = root.clone();
        let renders = use_mut_ref(|| 0u32);
        use_effect(move || {
            let n = {
                let mut r = renders.borrow_mut();
                *r = r.saturating_add(1);
                *r
            };
            if n <= 2 && (n == 2 || !*restoring.borrow()) {
                if let Some(el) = root.cast::<web_sys::Element>() {
                    let _ = el.set_attribute("data-ready", "");
                }
            }
        });
    }
    // The tab's title follows the article (the full page only: a host page keeps its title).
    {
        let title = state.analysis().title().to_string();
        use_effect_with((title, page), |(title, page)| {
            if !*page {
                return;
            }
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let name = if title.is_empty() {
                    "Article explorer".to_string()
                } else {
                    format!("{title} · Article explorer")
                };
                document.set_title(&name);
            }
        });
    }
    // Back/forward (and an edited fragment): the URL into the state.
    {
        let dispatch = dispatch.clone();
        use_effect_with(mode, move |mode| {
            let mode = *mode;
            let window = web_sys::window().expect("a window");
            let listeners: Vec<EventListener> = match mode {
                mount::UrlMode::None => Vec::new(),
                mount::UrlMode::Query => vec![EventListener::new(&window, "popstate", move |_| {
                    dispatch.emit(Action::Restore(url::browser::current_in(mode)));
                })],
                mount::UrlMode::Fragment => ["popstate", "hashchange"]
                    .into_iter()
                    .map(|name| {
                        let dispatch = dispatch.clone();
                        EventListener::new(&window, name, move |_| {
                            dispatch.emit(Action::Restore(url::browser::current_in(mode)));
                        })
                    })
                    .collect(),
            };
            move || drop(listeners)
        });
    }
    // `/` focuses the search box, unless typing somewhere. With several instances on a page,
    // the one holding the focus answers, else the first one.
    {
        let root = root.clone();
        let search = format!("{}search", props.prefix);
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document()).expect("a document");
            let options = EventListenerOptions::enable_prevent_default();
            let doc = document.clone();
            let listener = EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if event.key() != "/"
                    || event.ctrl_key()
                    || event.meta_key()
                    || event.alt_key()
                    || event.default_prevented()
                {
                    return;
                }
                let typing = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| {
                    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
                });
                if typing {
                    return;
                }
                let Some(mine) = root.cast::<web_sys::Element>() else { return };
                let holder = doc.active_element().and_then(|a| a.closest(".ae-app").ok().flatten());
                let answers = match holder {
                    Some(app) => app == mine,
                    None => doc.query_selector(".ae-app").ok().flatten().is_some_and(|first| first == mine),
                };
                if answers {
                    event.prevent_default();
                    focus_id(&search);
                }
            });
            move || drop(listener)
        });
    }
}

/// Natively (server-side rendering in tests) there is no browser to listen to.
#[cfg(not(target_arch = "wasm32"))]
#[hook]
fn use_browser_effects(state: &UseReducerHandle<State>, dispatch: &Callback<Action>, props: &AppProps, root: &NodeRef) {
    let _ = (state, dispatch, props, root);
}
