//! The outline: a link per section, with its match count under the filter. A row
//! answers through the explorer's one click listener (`hooks/use_controls.rs`), by its
//! `data-section`: the reading pane is drawn up to the section, which is then focused.
//!
//! A long article's outline is windowed: above [`WINDOW_FROM`] sections it
//! draws only [`ROWS`] rows around the part of the list in view, each row one
//! line high (or, where the outline is a row of chips, one chip wide), with a
//! spacer on either side standing in for the rows not drawn, so the list
//! scrolls as if it were whole and a filter's update touches a few dozen rows,
//! not thousands. Every drawn row says where it sits in the whole list
//! (`aria-posinset` of `aria-setsize`).

use crate::app::browser;
use crate::app::instance::use_instance;
use crate::app::state::{Article, Shown, View};
use std::ops::Range;
use yew::prelude::*;

/// Above this many sections, the outline is windowed.
pub const WINDOW_FROM: usize = 150;
/// Rows a windowed outline draws: with [`BEFORE`], 70 rows from the first in view
/// (2,240 px of 2rem rows), more than the tallest panel shows.
pub const ROWS: usize = 80;
/// Rows kept drawn before the first one in view, for scrolling and tabbing back.
pub const BEFORE: usize = 10;
// The rows from the first in view cover a 2,240-pixel panel of 2rem rows.
const _: () = assert!(ROWS - BEFORE >= 70);

/// The rows drawn for `n` sections when `first` is the first row asked for.
pub fn drawn(n: usize, first: usize) -> Range<usize> {
    if n <= WINDOW_FROM {
        return 0..n;
    }
    let first = first.min(n - ROWS);
    first..first + ROWS
}

/// The first row to draw when row `top` is the first one in view.
pub fn first_for(top: usize) -> usize {
    top.saturating_sub(BEFORE)
}

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub article: Article,
    pub view: View,
    /// Whether a filter narrows the sections (counts are shown only then).
    pub narrows: bool,
}

/// The first row asked for, and the article (and version) it was asked for in:
/// another article starts at the top.
type FirstRow = (usize, (Shown, u32));

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let ids = use_instance();
    let article = &props.article;
    let n = article.doc.sections.len();
    let windowed = n > WINDOW_FROM;
    let this = (article.shown, article.version);
    let first = use_state(|| (0usize, this));
    let rows = drawn(n, if first.1 == this { first.0 } else { 0 });
    let nav = use_node_ref();
    let list = use_node_ref();
    let before = use_node_ref();
    let after = use_node_ref();

    // The spacers' sizes (in rows; the stylesheet turns rows into lengths), after every render.
    {
        let (before, after) = (before.clone(), after.clone());
        let (skipped, left) = (rows.start, n - rows.end);
        use_effect(move || {
            browser::set_rows(&before, skipped);
            browser::set_rows(&after, left);
        });
    }
    // Another article keeps the panel where it was scrolled: the window follows the scroll
    // position at once, not at the next scroll event. (An outline drawn whole has no window:
    // asking where it is scrolled would only make the browser lay the page out.)
    {
        let (first, nav, list) = (first.clone(), nav.clone(), list.clone());
        let start = rows.start;
        use_effect_with(this, move |&this| {
            if windowed {
                follow_scroll(&first, &nav, &list, start, this);
            }
        });
    }
    // Scrolling moves the window.
    let onscroll = {
        let (first, nav, list) = (first.clone(), nav.clone(), list.clone());
        let start = rows.start;
        Callback::from(move |_: Event| {
            if windowed {
                follow_scroll(&first, &nav, &list, start, this);
            }
        })
    };

    let items = rows.clone().map(|s| {
        html! {
            <Row
                key={s}
                article={article.clone()}
                section={s}
                visible={props.view.shows(s)}
                matches={props.narrows.then(|| props.view.matches(&article.index, s))}
                of={windowed.then_some(n)}
            />
        }
    });
    // Windowed, the spacers are always there (hidden when they stand for nothing), so every
    // child of the list is keyed and rows that stay keep their elements (and the focus) as the
    // window moves: `{ for … }` splices its items into the list, where an unkeyed one would
    // make yew match all of them by position.
    let spacer = |key: &'static str, none: bool, r: &NodeRef| html! { <li {key} class="spacer" aria-hidden="true" hidden={none} ref={r.clone()}></li> };
    let mut children: Vec<Html> = Vec::with_capacity(rows.len() + 2);
    if windowed {
        children.push(spacer("before", rows.start == 0, &before));
    }
    children.extend(items);
    if windowed {
        children.push(spacer("after", rows.end == n, &after));
    }
    html! {
        <nav aria-label={ids.label("Sections")} class={classes!("outline", "panel", windowed.then_some("windowed"))} ref={nav.clone()} onscroll={windowed.then(|| onscroll.clone())}>
            <p class="panel-title">{ "Sections" }</p>
            <ol ref={list} onscroll={windowed.then_some(onscroll)}>
                { for children }
            </ol>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    article: Article,
    section: usize,
    visible: bool,
    /// The section's match count, when a filter narrows the sections.
    matches: Option<usize>,
    /// How many rows the whole list has, when the outline is windowed.
    of: Option<usize>,
}

/// One section's row: redrawn only when its visibility or count changes.
#[function_component(Row)]
fn row(props: &RowProps) -> Html {
    let ids = use_instance();
    let (s, visible, article) = (props.section, props.visible, &props.article);
    let name = article.doc.section_name(s, &article.text).to_string();
    let count = props.matches.map(|matches| {
        let label = if matches == 1 { "1 match".to_string() } else { format!("{matches} matches") };
        html! { <span class="count" title={label}>{ matches }</span> }
    });
    // One line per row when windowed: the whole name is in the tooltip.
    let title = props.of.map(|_| name.clone());
    html! {
        <li aria-posinset={props.of.map(|_| (s + 1).to_string())} aria-setsize={props.of.map(|n| n.to_string())}>
            <a
                href={format!("#{}", ids.section(s))}
                data-section={s.to_string()}
                class={classes!((!visible).then_some("hidden-section"))}
                aria-disabled={(!visible).then_some("true")}
                {title}
            >
                <span class="name">{ name }</span>
                { for count }
            </a>
        </li>
    }
}

/// Moves the window to the rows in view (`start` is the first drawn row; `this`, the article).
fn follow_scroll(first: &UseStateHandle<FirstRow>, nav: &NodeRef, list: &NodeRef, start: usize, this: (Shown, u32)) {
    if let Some(top) = browser::top_row(nav, list, start) {
        let want = (first_for(top), this);
        if **first != want {
            first.set(want);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_outline_is_whole_and_a_long_one_windowed() {
        assert_eq!(drawn(8, 0), 0..8);
        assert_eq!(drawn(WINDOW_FROM, 40), 0..WINDOW_FROM);
        assert_eq!(drawn(1001, 0), 0..ROWS);
        assert_eq!(drawn(1001, 500), 500..500 + ROWS);
        assert_eq!(drawn(1001, 5000), 1001 - ROWS..1001, "the end stays full");
        assert_eq!(first_for(3), 0);
        assert_eq!(first_for(100), 100 - BEFORE);
    }
}
