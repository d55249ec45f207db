//! The mention map: a slim strip beside the reading pane with a mark for
//! every paragraph that names a chosen entity (or, with none chosen, any
//! entity of a shown kind), placed by byte offset down the article. One
//! column per chosen entity (or per kind), and each kind its own shape, so
//! colour is never the only cue. The marks are links: one tab stop for the
//! whole map, arrow keys move between marks, Enter jumps to the paragraph.

use super::marks::{marks, Mark};
use super::shape;
use crate::app::browser;
use crate::app::instance::use_instance;
use crate::app::state::{Action, Article, View};
use crate::app::window::Focus;
use crate::core::entities::EntityKind;
use crate::core::filter::Filter;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MentionMapProps {
    pub article: Article,
    pub filter: Filter,
    pub view: View,
    /// Going to a mark's paragraph (drawing the reading pane up to it first).
    pub dispatch: Callback<Action>,
    /// Whether the marks are drawn (see `AppProps::deferred`).
    #[prop_or(true)]
    pub drawn: bool,
}

/// The map's marks among the page's elements (for the one handler of them all).
const MAP: &str = "svg.map";
const MARK: &str = "a.mark";

#[function_component(MentionMap)]
pub fn mention_map(props: &MentionMapProps) -> Html {
    let ids = use_instance();
    let made = use_drawn_marks(props);
    let columns = &made.1;
    // The hint counts the map's marks, drawn or not yet; the keys move among those drawn.
    let count = made.0.len();
    let marks: Rc<Vec<Mark>> = if props.drawn { made.0.clone() } else { Rc::default() };
    let on_map = marks.len();
    // One handler for all the marks: the mark is found from the event's target. The mark
    // clicked or moved to becomes the map's one tab stop (set in the page: the marks are
    // drawn as one piece of markup, see `Marks`).
    let onclick = {
        let (dispatch, marks) = (props.dispatch.clone(), marks.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(i) = browser::item_index(&e, MAP, MARK) else { return };
            let Some(mark) = marks.get(i) else { return };
            e.prevent_default();
            browser::rove(&e, MAP, MARK, i, false);
            dispatch.emit(Action::Reveal(Focus::Block(mark.block)));
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        let Some(i) = browser::item_index(&e, MAP, MARK) else { return };
        let to = match e.key().as_str() {
            "ArrowDown" | "ArrowRight" => (i + 1).min(on_map - 1),
            "ArrowUp" | "ArrowLeft" => i.saturating_sub(1),
            "Home" => 0,
            "End" => on_map - 1,
            _ => return,
        };
        e.prevent_default();
        browser::rove(&e, MAP, MARK, to, true);
    });
    let caption = if columns.is_empty() { "No entities".to_string() } else { columns.join(", ") };
    html! {
        <nav id={ids.id("mention-map")} class="mention-map" aria-label={ids.label("Mention map")} aria-describedby={ids.id("mention-map-hint")}>
            <p id={ids.id("mention-map-hint")} class="sr-only">
                { format!("Where {caption} are named, top to bottom of the article; {count} marks. Arrow keys move between marks.") }
            </p>
            <svg class="map" width="100%" height="100%" aria-hidden={(on_map == 0).then_some("true")} {onclick} {onkeydown}>
                <defs>
                    { for EntityKind::ALL.into_iter().map(|k| html! { <path id={ids.id(&format!("shape-{}", k.as_str()))} d={shape(k)} /> }) }
                </defs>
                <Marks article={props.article.clone()} marks={marks.clone()} columns={if on_map == 0 { 0 } else { columns.len() }} />
            </svg>
        </nav>
    }
}

/// The map's marks and columns.
type Made = Rc<(Rc<Vec<Mark>>, Vec<String>)>;

/// The marks for `props` (drawn only once `drawn`). They depend on the chosen entities, the hidden kinds and which
/// sections are shown, not on the search hits or counts, so most keystrokes keep them. When
/// those change, the map keeps its marks for this render and is redrawn once that render is
/// painted (`browser::after_next_paint`): a long article's map can be hundreds of new links,
/// which the reading pane, the outline and the status must not wait for. The first marks
/// are made at once (so the page's first paint has them).
#[hook]
fn use_drawn_marks(props: &MentionMapProps) -> Made {
    let shown: Vec<bool> = props.view.sections.iter().map(|o| o.visible).collect();
    let deps = (props.article.clone(), props.filter.entities.clone(), props.filter.hidden.clone(), shown);
    let made = use_state(|| made_for(&props.article, &props.filter, &props.view));
    // Changes seen, so a redraw that a later change overtook is not made.
    let latest = use_mut_ref(|| 0u32);
    {
        let made = made.clone();
        let (article, filter, view) = (props.article.clone(), props.filter.clone(), props.view.clone());
        use_effect_with(deps, move |_| {
            let mine = {
                let mut latest = latest.borrow_mut();
                *latest = latest.wrapping_add(1);
                *latest
            };
            // The first marks were made with the state.
            if mine > 1 {
                browser::after_next_paint(move || {
                    if *latest.borrow() == mine {
                        made.set(made_for(&article, &filter, &view));
                    }
                });
            }
        });
    }
    (*made).clone()
}

/// The marks and columns for a filter.
fn made_for(article: &Article, filter: &Filter, view: &View) -> Made {
    let (marks, columns) = marks(article, filter, view);
    Rc::new((Rc::new(marks), columns))
}

#[derive(Properties, PartialEq)]
struct MarksProps {
    article: Article,
    marks: Rc<Vec<Mark>>,
    columns: usize,
}

/// The tracks and marks: redrawn only when the marks change. The marks are written as one
/// piece of SVG markup that the browser parses in one go (and hydration adopts as it is):
/// hundreds of links made one element and attribute at a time from wasm cost a long
/// article's map tens of milliseconds a redraw. The first mark is the map's tab stop.
#[function_component(Marks)]
fn marks_view(props: &MarksProps) -> Html {
    let ids = use_instance();
    let width = props.columns.max(1) as f32;
    let x_of = |column: usize| super::decimal((column as f32 + 0.5) / width * 100.0, 2) + "%";
    let tracks = (0..props.columns).map(|i| {
        let x = x_of(i);
        html! { <line class="track" x1={x.clone()} x2={x} y1="0" y2="100%" /> }
    });
    // Every string in the markup goes through `escape_html`, the ids too.
    let escaped = |text: &str| {
        let mut out = String::with_capacity(text.len());
        super::escape_html(text, &mut out);
        out
    };
    let shapes = EntityKind::ALL.map(|k| escaped(&ids.id(&format!("shape-{}", k.as_str()))));
    let mut svg = String::with_capacity(64 + props.marks.len() * 160);
    svg.push_str("<g class=\"marks\">");
    for (i, m) in props.marks.iter().enumerate() {
        let stop = if i == 0 { "0" } else { "-1" };
        let shape = &shapes[m.kind.index()];
        svg += &format!(
            "<a href=\"#{}\" class=\"mark kind-{}\" aria-label=\"{}\" tabindex=\"{stop}\"><use href=\"#{shape}\" x=\"{}\" y=\"{}%\"/></a>",
            escaped(&ids.section(m.section)),
            m.kind.as_str(),
            escaped(&m.label),
            x_of(m.column),
            super::decimal(m.at, 2)
        );
    }
    svg.push_str("</g>");
    html! {
        <>
            <g class="tracks">{ for tracks }</g>
            { Html::from_html_unchecked(svg.into()) }
        </>
    }
}
