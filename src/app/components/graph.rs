//! The entity graph: the most salient entities of shown kinds as nodes on a
//! circle, linked when named in the same sentence (thicker: more sentences).
//! Computation and layout are in `core::graph`; this only draws. Nodes are
//! toggle buttons like the entity panel's; a list gives the same links as text.

use super::{decimal, shape};
use crate::app::instance::use_instance;
use crate::app::state::{Action, Article};
use crate::core::filter::Filter;
use crate::core::graph::{circle, edges, Edge};
use std::rc::Rc;
use yew::prelude::*;

/// At most this many nodes (by salience), so labels stay readable.
pub const MAX_NODES: usize = 12;
const W: f32 = 300.0;
const H: f32 = 240.0;
const R: f32 = 66.0;

#[derive(Properties, PartialEq)]
pub struct EntityGraphProps {
    pub article: Article,
    /// The filter without its search text ([`Filter::without_query`]): typing does not redraw the graph.
    pub filter: Filter,
    pub dispatch: Callback<Action>,
    /// Whether the SVG is drawn (see `AppProps::deferred`); the text alternative always is.
    #[prop_or(true)]
    pub drawn: bool,
}

/// A label in at most three lines of about 11 characters, words kept whole and
/// nothing dropped (the visible text stays part of the accessible name).
fn lines(name: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for word in name.split_whitespace() {
        let room = out.len() < 3;
        let last = out.last_mut().unwrap();
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > 11 && room {
            // The space stays at the end of the first line, so the text reads "Afghan Taliban".
            last.push(' ');
            out.push(word.to_string());
        } else {
            if !last.is_empty() && !last.ends_with(' ') {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

#[function_component(EntityGraph)]
pub fn entity_graph(props: &EntityGraphProps) -> Html {
    let ids = use_instance();
    let a = &props.article;
    let all: Rc<Vec<Edge>> = use_memo(props.article.clone(), |article| edges(article));
    let ents = &a.entities.entities;
    let nodes: Vec<usize> =
        (0..ents.len()).filter(|&e| !props.filter.is_hidden(ents[e].kind)).take(MAX_NODES).collect();
    if nodes.is_empty() {
        return html! {};
    }
    let pos = circle(nodes.len(), W / 2.0, H / 2.0, R);
    let at = |e: usize| nodes.iter().position(|&n| n == e);
    let shown: Vec<&Edge> = all.iter().filter(|e| at(e.a).is_some() && at(e.b).is_some()).collect();
    let chosen = props.filter.chosen(&a.entities);
    let edge_views = shown.iter().map(|e| {
        let (p, q) = (pos[at(e.a).unwrap()], pos[at(e.b).unwrap()]);
        let near = chosen.contains(&e.a) || chosen.contains(&e.b);
        html! {
            <line
                class={classes!("edge", near.then_some("near"))}
                x1={decimal(p.0, 1)} y1={decimal(p.1, 1)} x2={decimal(q.0, 1)} y2={decimal(q.1, 1)}
                stroke-width={decimal(1.0 + (e.sentences.min(6) as f32 - 1.0) * 0.8, 1)}
            />
        }
    });
    let node_views = nodes.iter().enumerate().map(|(i, &e)| {
        let ent = &ents[e];
        let (x, y) = pos[i];
        let pressed = chosen.contains(&e);
        let toggle = {
            let dispatch = props.dispatch.clone();
            let id = ent.id.clone();
            move || dispatch.emit(Action::ToggleEntity(id.clone()))
        };
        let onclick = {
            let toggle = toggle.clone();
            Callback::from(move |_: MouseEvent| toggle())
        };
        let onkeydown = Callback::from(move |ev: KeyboardEvent| {
            if ev.key() == "Enter" || ev.key() == " " {
                ev.prevent_default();
                toggle();
            }
        });
        // Labels outside the circle: left of left nodes, right of right ones.
        let dx = x - W / 2.0;
        let label = lines(&ent.name);
        let up = 11.0 * (label.len() as f32 - 1.0);
        let (anchor, tx, ty) = if dx.abs() < 8.0 {
            ("middle", 0.0, if y < H / 2.0 { -11.0 - up } else { 19.0 })
        } else if dx < 0.0 {
            ("end", -10.0, 4.0)
        } else {
            ("start", 10.0, 4.0)
        };
        let links = shown.iter().filter(|x| x.a == e || x.b == e).count();
        html! {
            <g
                class={classes!("node", format!("kind-{}", ent.kind.as_str()), pressed.then_some("chosen"))}
                role="button"
                tabindex="0"
                aria-pressed={if pressed { "true" } else { "false" }}
                aria-label={format!("{} ({}), {}", ent.name, ent.kind.as_str(), super::plural(links, "link", "links"))}
                data-entity={ent.id.clone()}
                transform={format!("translate({} {})", decimal(x, 1), decimal(y, 1))}
                {onclick}
                {onkeydown}
            >
                <circle class="halo" r="11" />
                <path d={shape(ent.kind)} transform="scale(1.2)" />
                <text x={decimal(tx, 1)} y={decimal(ty, 1)} text-anchor={anchor}>
                    { for label.iter().enumerate().map(|(k, l)| html! {
                        <tspan x={decimal(tx, 1)} dy={if k == 0 { "0" } else { "11" }}>{ l.clone() }</tspan>
                    }) }
                </text>
            </g>
        }
    });
    let drawn = if props.drawn { usize::MAX } else { 0 };
    let name = |e: usize| ents[e].name.clone();
    let rows = shown.iter().map(|e| {
        html! {
            <li>{ format!("{} \u{2014} {}: {}, {}", name(e.a), name(e.b),
                super::plural(e.sentences, "shared sentence", "shared sentences"),
                super::plural(e.sections, "shared section", "shared sections")) }</li>
        }
    });
    html! {
        <aside id={ids.id("graph")} aria-label={ids.label("Entity graph")} class="graph side-panel">
            <h2 class="panel-title">{ "Connections" }</h2>
            <p class="graph-hint">{ "Entities named in the same sentence are linked; thicker lines, more sentences. Choose a node to filter." }</p>
            <svg class="graph-svg" viewBox={format!("0 0 {} {}", W as u32, H as u32)} overflow="visible" role="group" aria-label="Entity graph: press a node to choose that entity">
                { for edge_views.take(drawn) }
                { for node_views.take(drawn) }
            </svg>
            <details class="graph-text">
                <summary>{ "Connections as text" }</summary>
                if shown.is_empty() {
                    <p>{ "No two of these entities share a sentence." }</p>
                } else {
                    <ul>{ for rows }</ul>
                }
            </details>
        </aside>
    }
}
