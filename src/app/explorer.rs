//! The explorer: one reducer ([`State`]), the hooks that wire it to the
//! browser, and the components that draw it. Nothing here decides anything a
//! component or the reducer could.

use super::components::{
    EmptyState, EntityGraph, EntityPanel, Export, Import, Masthead, MentionMap, Outline, QuotesPanel, ReadingPane,
};
use super::hooks::{use_ready_flag, use_slash_to_search, use_tab_title, use_url_sync};
use super::instance::{root_classes, Instance, Theme};
use super::state::{Action, Handed, State};
use super::url::UrlMode;
use crate::seeds::{Seed, SEEDS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The URL query to start from, e.g. `?q=asif` (the browser passes `location.search`).
    #[prop_or_default]
    pub query: AttrValue,
    /// The articles to offer; the embedded seeds unless a test says otherwise.
    #[prop_or(SEEDS)]
    pub seeds: &'static [Seed],
    /// Put before every element id (`ae1-` → `ae1-search`); "" for the full page. See [`Instance`].
    #[prop_or_default]
    pub prefix: AttrValue,
    /// Where the state lives in the address bar (query, fragment, or nowhere).
    #[prop_or_default]
    pub url_mode: UrlMode,
    /// Light, dark, or following the system.
    #[prop_or_default]
    pub theme: Theme,
    /// The one-column layout, whatever the width.
    #[prop_or_default]
    pub compact: bool,
    /// An article to show alone instead of the seeds (a corpus's library opening one);
    /// there is no import then. A new [`Handed::key`] needs a new explorer (a new yew `key`).
    #[prop_or_default]
    pub handed: Option<Handed>,
    /// The graph's and the mention map's drawings wait for a render a browser task after the
    /// first: the prerendered page (and the hydration that takes it over) is smaller by their
    /// SVG, and drawing them is not part of the hydration's task. Their text alternatives are
    /// drawn at once.
    #[prop_or_default]
    pub deferred: bool,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let seeds = props.seeds;
    let query = props.query.clone();
    let handed = props.handed.clone();
    let state = use_reducer(move || match handed {
        Some(handed) => (*handed.state).clone(),
        None => State::with_seeds(seeds, &query),
    });
    // Made once: the reducer's dispatcher never changes, and a callback that stays the same
    // lets every component whose other props did not change skip its render.
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        use_callback((), move |action: Action, _| d.dispatch(action))
    };
    let drawn = use_state(|| !props.deferred);
    {
        let drawn = drawn.clone();
        use_effect_with((), move |_| {
            if !*drawn {
                // A task of its own: the hydration's task stays short, and the page can answer
                // input between the two.
                super::browser::later(Box::new(move || drawn.set(true)));
            }
        });
    }
    let instance = Instance { prefix: props.prefix.clone() };
    let article = state.article();

    let root = use_node_ref();
    let restoring = use_url_sync(&state, &dispatch, props.url_mode);
    use_ready_flag(&root, restoring);
    use_tab_title(article.title(), instance.is_page());
    use_slash_to_search(&root, instance.id("search"));

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
    let filter = state.filter.clone();
    let view = state.view.clone();
    let total = article.doc.sections.len();
    let yours = state.yours().cloned();

    html! {
        <ContextProvider<Instance> context={instance.clone()}>
        <@{root_tag} class={root_classes(props.theme, props.compact)} ref={root} aria-label={root_label}>
            <Masthead
                article={article.clone()}
                seeds={if props.handed.is_some() { &[] } else { seeds }}
                shown={state.shown}
                yours={yours.as_ref().map(|y| AttrValue::from(y.title().to_string()))}
                query={filter.query.clone()}
                visible={view.visible}
                total={total}
                dispatch={dispatch.clone()}
            />
            <div class="tools" role="region" aria-label={instance.label("Your article and export")}>
                if props.handed.is_none() {
                    <Import dispatch={dispatch.clone()} yours={yours.clone()} keep={state.keep} />
                }
                <Export article={article.clone()} filter={filter.clone()} view={view.clone()} />
            </div>
            <div class="layout">
                <Outline article={article.clone()} view={view.clone()} narrows={filter.narrows()} dispatch={dispatch.clone()} />
                <@{main_tag} id={instance.id("reading")} class="reading" role={main_role} aria-label={main_label}>
                    if view.visible == 0 && total > 0 {
                        <EmptyState filter={filter.clone()} dispatch={dispatch.clone()} />
                    }
                    if total == 0 {
                        <p class="nothing">{ "This article has no text to show." }</p>
                    }
                    <ReadingPane
                        article={article.clone()}
                        view={view.clone()}
                        filter={filter.clone()}
                        window={state.window}
                        dispatch={dispatch.clone()}
                    />
                </@>
                <MentionMap drawn={*drawn} article={article.clone()} filter={filter.clone()} view={view.clone()} dispatch={dispatch.clone()} />
                <div class="side">
                    <EntityPanel article={article.clone()} filter={filter.without_query()} dispatch={dispatch.clone()} />
                    <QuotesPanel article={article.clone()} filter={filter.clone()} view={view} dispatch={dispatch.clone()} />
                    <EntityGraph drawn={*drawn} article={article} filter={filter.without_query()} dispatch={dispatch} />
                </div>
            </div>
        </@>
        </ContextProvider<Instance>>
    }
}
