//! The explorer: one reducer ([`State`]), the hooks that wire it to the
//! browser, and the components that draw it. Nothing here decides anything a
//! component or the reducer could.

use super::components::{
    EmptyState, EntityGraph, EntityPanel, Export, Import, Masthead, MentionMap, Outline, QuotesPanel, ReadingPane,
};
use super::hooks::{use_control_clicks, use_ready_flag, use_slash_to_search, use_tab_title, use_url_sync};
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
    /// A prerendered page to take over in turns (see [`Turn`]): its parts are adopted by the
    /// hydration and drawn a browser task apart, the graph's and the mention map's SVG last
    /// (the prerendered page is smaller without them; their text alternatives are in it).
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
    // A prerendered page is taken over in turns (see [`Turn`]); any other explorer draws
    // everything at once.
    let turn = use_state(|| if props.deferred { Turn::Hydrating } else { Turn::Drawn });
    {
        let turn = turn.clone();
        use_effect_with(*turn, move |&now| {
            if let Some(next) = now.next() {
                super::browser::later(Box::new(move || turn.set(next)));
            }
        });
    }
    let (turn, drawn) = (*turn, *turn == Turn::Drawn);
    let instance = Instance { prefix: props.prefix.clone() };
    let article = state.article();

    let root = use_node_ref();
    let restoring = use_url_sync(&state, &dispatch, props.url_mode);
    // The outline's and the side panels' controls answer through the root's one click
    // listener, there from the first render; every other control is its part's own: the
    // masthead's and tools' (the Frame turn) and a long article's reading pane's (the
    // Reading turn). Ready after those: the outline and the panels are redrawn later.
    use_control_clicks(&root, &dispatch);
    use_ready_flag(&root, restoring, turn >= Turn::Reading);
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
    // A prerendered page's reading pane stays the build's markup (what the pane draws in the
    // opening state: view 0, no focus asked) until what it shows changes (view versions and
    // window requests only grow, so it is drawn for good then), unless the article is longer
    // than its opening page (the pane's sentinels draw the rest). Redrawn unchanged at its
    // turn, its paragraphs were new elements: work on the start's path, and in some loads
    // Chromium reported the new first paragraph as the largest contentful paint, after the
    // wasm had arrived (Lighthouse's simulation then counted the wasm's download into it).
    let opening = view.version == 0 && state.window.seq == 0 && state.window.end >= article.doc.blocks.len();
    let reading = turn >= Turn::Reading && !(props.deferred && opening);
    let yours = state.yours().cloned();

    html! {
        <ContextProvider<Instance> context={instance.clone()}>
        <@{root_tag} class={root_classes(props.theme, props.compact)} ref={root} aria-label={root_label}>
            { turn.part(Turn::Frame, || html! {
                <>
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
                            <Import dispatch={dispatch.clone()} yours={yours.clone()} keep={state.keep} drawn={drawn} />
                        }
                        <Export article={article.clone()} filter={filter.clone()} view={view.clone()} />
                    </div>
                </>
            }) }
            <div class="layout">
                { turn.part(Turn::Outline, || html! { <Outline article={article.clone()} view={view.clone()} narrows={filter.narrows()} /> }) }
                <@{main_tag} id={instance.id("reading")} class="reading" role={main_role} aria-label={main_label}>
                    if view.visible == 0 && total > 0 {
                        <EmptyState filter={filter.clone()} dispatch={dispatch.clone()} />
                    }
                    if total == 0 {
                        <p class="nothing">{ "This article has no text to show." }</p>
                    }
                    { Turn::part_if(reading, || html! {
                        <ReadingPane
                            article={article.clone()}
                            view={view.clone()}
                            filter={filter.clone()}
                            window={state.window}
                            dispatch={dispatch.clone()}
                        />
                    }) }
                </@>
                { turn.part(Turn::Outline, || html! { <MentionMap drawn={drawn} article={article.clone()} filter={filter.clone()} view={view.clone()} dispatch={dispatch.clone()} /> }) }
                <div class="side">
                    { turn.part(Turn::Side, || html! {
                        <>
                            <EntityPanel article={article.clone()} filter={filter.without_query()} />
                            <QuotesPanel article={article.clone()} filter={filter.clone()} view={view} />
                            <EntityGraph drawn={drawn} article={article} filter={filter.without_query()} dispatch={dispatch} />
                        </>
                    }) }
                </div>
            </div>
        </@>
        </ContextProvider<Instance>>
    }
}

/// How far a prerendered explorer has been taken over. Hydrating the whole page in one
/// go held the page's thread for one long task (Lighthouse's total blocking time on a
/// phone), so the hydrating render takes over only the page's skeleton (the root, the
/// layout's and the reading pane's containers) and adopts each part in it as the markup it
/// is, without walking it; each later turn, a browser task after the one before, draws one part anew
/// in place of its adopted markup (the same markup, so nothing moves on screen). The last
/// turn draws the SVG of the graph and the mention map, which the prerendered page leaves
/// out. Until its turn, a part is the prerendered page: it reads, and its controls answer
/// only if they are the outline's or the side panels' (through the root's click listener,
/// `hooks/use_controls.rs`); the masthead and tools, and the reading pane, come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Turn {
    Hydrating,
    Frame,
    Reading,
    Outline,
    Side,
    Drawn,
}

impl Turn {
    fn next(self) -> Option<Turn> {
        match self {
            Turn::Hydrating => Some(Turn::Frame),
            Turn::Frame => Some(Turn::Reading),
            Turn::Reading => Some(Turn::Outline),
            Turn::Outline => Some(Turn::Side),
            Turn::Side => Some(Turn::Drawn),
            Turn::Drawn => None,
        }
    }

    /// `part`, drawn from turn `from` on. Before it, the prerender (the server renderer)
    /// draws it between the markers of raw markup, which the hydrating render (in the
    /// browser) adopts whole as empty raw markup; the adopted nodes are replaced when the
    /// part is drawn. (The server writes two opening and two closing markers around it, in
    /// pairs that balance, so the marker yew looks for comes first and last.)
    /// (`part` is made only where it is drawn: the hydrating render, the start's longest
    /// task, makes none of the adopted parts.)
    fn part(self, from: Turn, part: impl FnOnce() -> Html) -> Html {
        Turn::part_if(self >= from, part)
    }

    /// [`Turn::part`], drawn when `drawn` says.
    fn part_if(drawn: bool, part: impl FnOnce() -> Html) -> Html {
        if drawn {
            part()
        } else if cfg!(target_arch = "wasm32") {
            raw("")
        } else {
            html! { <>{ raw(RAW_OPEN) }{ part() }{ raw(RAW_CLOSE) }</> }
        }
    }
}

/// Raw markup that is one of this file's constants (the type admits nothing else): no text
/// of an article or a reader ever goes through it.
fn raw(constant: &'static str) -> Html {
    Html::from_html_unchecked(AttrValue::Static(constant))
}

/// The markers yew's server renderer writes around raw markup, which its hydration looks for.
const RAW_OPEN: &str = "<!--<#>-->";
const RAW_CLOSE: &str = "<!--</#>-->";

/// The prerendered page, smaller: inside each part that the hydration adopts whole (see
/// [`Turn::part`]), the comments that mark components and raw markup for a hydration
/// are dropped (nothing walks that markup: it is replaced on the part's turn), and the
/// part's doubled markers become one pair. Markup outside the parts is left as it is.
pub fn compact_prerendered(html: &str) -> String {
    let open = format!("{RAW_OPEN}{RAW_OPEN}{RAW_CLOSE}");
    let close = format!("{RAW_OPEN}{RAW_CLOSE}{RAW_CLOSE}");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let inner = &rest[start + open.len()..];
        let Some(end) = inner.find(&close) else { break };
        out.push_str(&rest[..start]);
        out.push_str(RAW_OPEN);
        let mut part = &inner[..end];
        while let Some(c) = part.find("<!--") {
            out.push_str(&part[..c]);
            part = part[c..].find("-->").map_or("", |e| &part[c + e + 3..]);
        }
        out.push_str(part);
        out.push_str(RAW_CLOSE);
        rest = &inner[end + close.len()..];
    }
    out.push_str(rest);
    out
}
