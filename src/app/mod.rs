//! The browser app: yew function components over the core.
//!
//! [`state`] holds the reducer (pure, tested natively), [`url`] the state's
//! URL form, and [`components`] one small file per part of the page. The DOM
//! they produce is specified in `docs/DOM.md`.

pub mod components;
pub mod state;
pub mod url;

use crate::core::filter::Outcome;
use crate::core::Analysis;
use crate::seeds::{Seed, SEEDS};
use components::{EmptyState, EntityPanel, Masthead, Outline, ReadingPane};
use state::{Action, State};
use std::rc::Rc;
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

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let seeds = props.seeds;
    let query = props.query.clone();
    let state = use_reducer(move || State::with_seeds(seeds, &query));
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        Callback::from(move |a| d.dispatch(a))
    };

    use_browser_effects(&state, &dispatch);

    let article = Article(state.analysis());
    let filter = state.filter.clone();
    let outcome: Rc<Outcome> = {
        let article = article.clone();
        use_memo((article, filter.clone()), |(article, filter)| article.apply(filter))
    };
    let total = article.doc.sections.len();

    html! {
        <div class="app">
            <Masthead
                article={article.clone()}
                seeds={seeds}
                current={state.article}
                query={filter.query.clone()}
                visible={outcome.visible}
                total={total}
                dispatch={dispatch.clone()}
            />
            <div class="layout">
                <Outline article={article.clone()} outcome={outcome.clone()} narrows={filter.narrows()} />
                <main id="reading" class="reading">
                    if outcome.visible == 0 && total > 0 {
                        <EmptyState filter={filter.clone()} dispatch={dispatch.clone()} />
                    }
                    if total == 0 {
                        <p class="nothing">{ "This article has no text to show." }</p>
                    }
                    <ReadingPane article={article.clone()} outcome={outcome.clone()} filter={filter.clone()} />
                </main>
                <EntityPanel article={article} filter={filter} dispatch={dispatch} />
            </div>
        </div>
    }
}

/// History, back/forward and the `/` shortcut. Browser only; nothing natively.
#[cfg(target_arch = "wasm32")]
#[hook]
fn use_browser_effects(state: &UseReducerHandle<State>, dispatch: &Callback<Action>) {
    use gloo::events::{EventListener, EventListenerOptions};
    use wasm_bindgen::JsCast;

    // The state into the URL.
    {
        let query = state.to_query();
        let nav = state.nav;
        use_effect_with((query, nav, state.filter.clone(), state.article), |(query, nav, _, _)| {
            match nav {
                state::Nav::Push => url::browser::record(query, true),
                state::Nav::Replace => url::browser::record(query, false),
                state::Nav::None => {}
            }
        });
    }
    // The tab's title follows the article.
    {
        let title = state.analysis().title().to_string();
        use_effect_with(title, |title| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let name = if title.is_empty() { "Article explorer".to_string() } else { format!("{title} · Article explorer") };
                document.set_title(&name);
            }
        });
    }
    // Back/forward: the URL into the state.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a window");
            let listener = EventListener::new(&window, "popstate", move |_| {
                dispatch.emit(Action::Restore(url::browser::current_query()));
            });
            move || drop(listener)
        });
    }
    // `/` focuses the search box, unless typing somewhere.
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document()).expect("a document");
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&document, "keydown", options, move |event| {
            let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            let typing = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable());
            if !typing {
                event.prevent_default();
                focus_id("search");
            }
        });
        move || drop(listener)
    });
}

/// Natively (server-side rendering in tests) there is no browser to listen to.
#[cfg(not(target_arch = "wasm32"))]
#[hook]
fn use_browser_effects(state: &UseReducerHandle<State>, dispatch: &Callback<Action>) {
    let _ = (state, dispatch);
}
