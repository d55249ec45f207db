//! The mention map: a slim strip beside the reading pane with a mark for
//! every paragraph that names a chosen entity (or, with none chosen, any
//! entity of a shown kind), placed by byte offset down the article. One
//! column per chosen entity (or per kind), and each kind its own shape, so
//! colour is never the only cue. The marks are links: one tab stop for the
//! whole map, arrow keys move between marks, Enter jumps to the paragraph.

use crate::app::mount::{use_instance, Instance};
use crate::app::window::Focus;
use crate::app::Article;
use crate::core::entities::EntityKind;
use crate::core::filter::{Filter, Outcome};
use crate::core::parse::BlockKind;
use crate::core::Analysis;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MentionMapProps {
    pub article: Article,
    pub filter: Filter,
    pub outcome: Rc<Outcome>,
    /// Scrolls to and focuses a paragraph (drawing the reading pane up to it first).
    pub reveal: Callback<Focus>,
}

/// One mark: a paragraph where an entity (or a kind) is named.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub column: usize,
    pub kind: EntityKind,
    pub entity: usize,
    pub block: usize,
    pub section: usize,
    /// Byte offset of the first mention in the paragraph, as a percentage of the text.
    pub at: f32,
    /// The step of the strip it falls in (`at` in [`STEPS`] steps).
    pub step: usize,
    /// "Khawaja Asif, section 3" (sections counted from 1, paragraphs when several).
    pub label: String,
}

/// Above this many marks, the map keeps one mark per column in each of [`STEPS`] steps down the strip.
pub const MAX_MARKS: usize = 300;
/// How many steps the strip has for a long article's marks: about one mark's height
/// each on a 1,000-pixel-tall map (marks are ~10 px), so thinning hides little a
/// reader could tell apart.
pub const STEPS: usize = 100;

/// The shape of a kind's marks and nodes, centred on 0,0, about 10 units wide.
pub fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "M0,-5A5,5 0 1,1 0,5A5,5 0 1,1 0,-5Z",
        EntityKind::Organization => "M-4.5,-4.5H4.5V4.5H-4.5Z",
        EntityKind::Place => "M0,-6L6,0L0,6L-6,0Z",
        EntityKind::Group => "M0,-5.5L5.5,4.5H-5.5Z",
        EntityKind::Other => "M-6,-2.5H6V2.5H-6Z",
    }
}

/// The marks for a filter: one per (entity, paragraph) in visible sections,
/// top to bottom (thinned out above [`MAX_MARKS`]); and the columns' names.
/// One pass over the mentions, no hashing: a long article's map is rebuilt
/// within a keystroke's budget.
pub fn marks(a: &Analysis, filter: &Filter, outcome: &Outcome) -> (Vec<Mark>, Vec<String>) {
    let ents = &a.entities.entities;
    let chosen: Vec<usize> = filter.entities.iter().filter_map(|id| a.entities.by_id(id)).collect();
    let kinds: Vec<EntityKind> =
        EntityKind::ALL.into_iter().filter(|k| !filter.is_hidden(*k) && ents.iter().any(|e| e.kind == *k)).collect();
    let columns: Vec<String> = if chosen.is_empty() {
        kinds.iter().map(|k| k.plural_label().to_string()).collect()
    } else {
        chosen.iter().map(|&e| ents[e].name.clone()).collect()
    };
    let len = a.text.len().max(1) as f32;
    let mut out: Vec<Mark> = Vec::new();
    // Mentions come in text order, so a paragraph's are together: the entities already
    // marked in the current paragraph are all there is to remember.
    let (mut block, mut marked) = (usize::MAX, Vec::new());
    for m in &a.entities.mentions {
        let column = if chosen.is_empty() {
            kinds.iter().position(|k| *k == m.kind)
        } else {
            chosen.iter().position(|&e| e == m.entity)
        };
        let Some(column) = column else { continue };
        let Some(section) = a.doc.blocks[m.block].section else { continue };
        if !outcome.sections.get(section).is_some_and(|o| o.visible) {
            continue;
        }
        if m.block != block {
            block = m.block;
            marked.clear();
        }
        if marked.contains(&m.entity) {
            continue;
        }
        marked.push(m.entity);
        let at = (m.span.start as f32 / len * 100.0).clamp(1.0, 99.0);
        out.push(Mark {
            column,
            kind: m.kind,
            entity: m.entity,
            block: m.block,
            section,
            at,
            step: (at * STEPS as f32 / 100.0) as usize,
            label: String::new(),
        });
    }
    // Labels: the paragraph number only when the entity has several marks in a section
    // (counted before thinning; a section's marks are together, in text order).
    let mut count = vec![0u32; ents.len()];
    let mut several = vec![false; out.len()];
    let mut from = 0;
    while from < out.len() {
        let to = from + out[from..].iter().take_while(|k| k.section == out[from].section).count();
        for k in &out[from..to] {
            count[k.entity] += 1;
        }
        for i in from..to {
            several[i] = count[out[i].entity] > 1;
        }
        for k in &out[from..to] {
            count[k.entity] = 0;
        }
        from = to;
    }
    // A long article: at most one mark per column and step of the strip, so the map stays small.
    if out.len() > MAX_MARKS {
        let mut taken = vec![false; columns.len() * (STEPS + 1)];
        (out, several) = out
            .into_iter()
            .zip(several)
            .filter(|(k, _)| !std::mem::replace(&mut taken[k.column * (STEPS + 1) + k.step], true))
            .unzip();
    }
    for (k, several) in out.iter_mut().zip(several) {
        let name = &ents[k.entity].name;
        k.label = if several {
            format!("{name}, section {}, paragraph {}", k.section + 1, paragraph_of(a, k.block) + 1)
        } else {
            format!("{name}, section {}", k.section + 1)
        };
    }
    // Top to bottom, a step at a time, left to right within it (the arrow keys' order):
    // the marks of a step keep their places among the others when the filter changes.
    out.sort_by_key(|k| (k.step, k.column));
    (out, columns)
}

/// The position of paragraph `block` among its section's paragraphs (its `<p>`s).
pub fn paragraph_of(a: &Analysis, block: usize) -> usize {
    let Some(s) = a.doc.blocks[block].section else { return 0 };
    a.doc.blocks[a.doc.sections[s].blocks.start..block].iter().filter(|b| b.kind == BlockKind::Paragraph).count()
}

/// Scrolls to and focuses paragraph `block` of the reading pane (`instant`ly:
/// see [`crate::app::scroll_to_id`]). Browser only.
pub fn jump_to_block(a: &Analysis, block: usize, ids: &Instance, instant: bool) {
    let Some(section) = a.doc.blocks[block].section else { return };
    let nth = paragraph_of(a, block);
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(sec) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&ids.section(section)))
        else {
            return;
        };
        let p = sec.query_selector_all(":scope > p").ok().and_then(|l| l.get(nth as u32));
        let target = p.and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = target {
            let _ = el.set_attribute("tabindex", "-1");
            if instant {
                crate::app::scroll_element(&el, true);
                let _ = el.focus();
            } else {
                let _ = el.focus();
                crate::app::scroll_element(&el, false);
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (section, nth, ids, instant);
}

#[function_component(MentionMap)]
pub fn mention_map(props: &MentionMapProps) -> Html {
    let ids = use_instance();
    // The marks depend on the chosen entities, the hidden kinds and which sections are shown:
    // not on the search hits or counts, so most keystrokes reuse them.
    let shown: Vec<bool> = props.outcome.sections.iter().map(|o| o.visible).collect();
    let made = {
        let filter = &props.filter;
        let outcome = &props.outcome;
        use_memo((props.article.clone(), filter.entities.clone(), filter.hidden.clone(), shown), |(article, ..)| {
            let (marks, columns) = marks(article, filter, outcome);
            (Rc::new(marks), columns)
        })
    };
    let (marks, columns) = (&made.0, &made.1);
    let active = use_state(|| 0usize);
    let count = marks.len();
    let current = (*active).min(count.saturating_sub(1));
    // One handler for all the marks: the mark is found from the event's target.
    let onclick = {
        let (reveal, active, marks) = (props.reveal.clone(), active.clone(), marks.clone());
        Callback::from(move |e: MouseEvent| {
            let Some(i) = browser::mark_index(&e) else { return };
            let Some(mark) = marks.get(i) else { return };
            e.prevent_default();
            active.set(i);
            reveal.emit(Focus::Block(mark.block));
        })
    };
    let onkeydown = {
        let active = active.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(i) = browser::mark_index(&e) else { return };
            let to = match e.key().as_str() {
                "ArrowDown" | "ArrowRight" => (i + 1).min(count - 1),
                "ArrowUp" | "ArrowLeft" => i.saturating_sub(1),
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            e.prevent_default();
            active.set(to);
            browser::focus_mark(&e, to);
        })
    };
    let caption = if columns.is_empty() { "No entities".to_string() } else { columns.join(", ") };
    html! {
        <nav id={ids.id("mention-map")} class="mention-map" aria-label={ids.label("Mention map")} aria-describedby={ids.id("mention-map-hint")}>
            <p id={ids.id("mention-map-hint")} class="sr-only">
                { format!("Where {caption} are named, top to bottom of the article; {count} marks. Arrow keys move between marks.") }
            </p>
            <svg class="map" width="100%" height="100%" aria-hidden={(count == 0).then_some("true")} {onclick} {onkeydown}>
                <defs>
                    { for EntityKind::ALL.into_iter().map(|k| html! { <path id={ids.id(&format!("shape-{}", k.as_str()))} d={shape(k)} /> }) }
                </defs>
                <Marks article={props.article.clone()} marks={marks.clone()} columns={columns.len()} {current} />
            </svg>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct MarksProps {
    article: Article,
    marks: Rc<Vec<Mark>>,
    columns: usize,
    /// The mark in the tab order (the others are reached with arrow keys).
    current: usize,
}

/// The tracks and marks: redrawn only when the marks (or the one in the tab order) change.
#[function_component(Marks)]
fn marks_view(props: &MarksProps) -> Html {
    let ids = use_instance();
    let width = props.columns.max(1) as f32;
    let tracks = (0..props.columns).map(|i| {
        let x = format!("{}%", (i as f32 + 0.5) / width * 100.0);
        html! { <line class="track" x1={x.clone()} x2={x} y1="0" y2="100%" /> }
    });
    // Keyed by place (column, step, and which of that step's marks), not by entity and
    // paragraph: when the filter changes, a place's element stays and only its details change.
    let mut nth = (usize::MAX, usize::MAX, 0usize);
    let items = props.marks.iter().enumerate().map(|(i, m)| {
        nth = if (nth.0, nth.1) == (m.column, m.step) { (m.column, m.step, nth.2 + 1) } else { (m.column, m.step, 0) };
        let x = format!("{:.2}%", (m.column as f32 + 0.5) / width * 100.0);
        let y = format!("{:.2}%", m.at);
        html! {
            <a
                key={format!("{}-{}-{}", nth.0, nth.1, nth.2)}
                href={format!("#{}", ids.section(m.section))}
                class={classes!("mark", format!("kind-{}", m.kind.as_str()))}
                aria-label={m.label.clone()}
                data-entity={props.article.entities.entities[m.entity].id.clone()}
                data-block={m.block.to_string()}
                tabindex={if i == props.current { "0" } else { "-1" }}
            >
                <use href={format!("#{}", ids.id(&format!("shape-{}", m.kind.as_str())))} {x} {y} />
            </a>
        }
    });
    // The marks alone in their group: a keyed list must not share its parent with unkeyed nodes
    // (yew would then match children by position, and replace every mark whose key moved).
    html! {
        <>
            <g class="tracks">{ for tracks }</g>
            <g class="marks">{ for items }</g>
        </>
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::JsCast;

    /// The mark (its index among the map's marks) an event came from.
    pub fn mark_index(e: &web_sys::Event) -> Option<usize> {
        let target = e.target()?.dyn_into::<web_sys::Element>().ok()?;
        let mark = target.closest("a.mark").ok()??;
        let all = mark.closest("svg.map").ok()??.query_selector_all("a.mark").ok()?;
        (0..all.length())
            .find(|&i| all.get(i).is_some_and(|m| &m == mark.as_ref() as &web_sys::Node))
            .map(|i| i as usize)
    }

    /// Focuses mark `to` among the marks of the map the event came from.
    pub fn focus_mark(e: &web_sys::Event, to: usize) {
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let svg = target.and_then(|t| t.closest("svg.map").ok().flatten());
        let mark = svg.and_then(|s| s.query_selector_all("a.mark").ok()).and_then(|l| l.get(to as u32));
        if let Some(m) = mark.and_then(|m| m.dyn_into::<web_sys::SvgElement>().ok()) {
            let _ = m.focus();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    pub fn mark_index(_: &yew::events::Event) -> Option<usize> {
        None
    }

    pub fn focus_mark(_: &yew::events::Event, _: usize) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_filter() {
        let a = Analysis::new(crate::seeds::SEEDS[0].text);
        let all = Filter::default();
        let (m, cols) = marks(&a, &all, &a.apply(&all));
        assert!(!m.is_empty());
        assert!(cols.contains(&"People".to_string()));
        assert!(m.windows(2).all(|w| (w[0].step, w[0].column) <= (w[1].step, w[1].column)), "top to bottom");
        let f = Filter { entities: vec!["person-khawaja-asif".into()], ..Filter::default() };
        let (m, cols) = marks(&a, &f, &a.apply(&f));
        assert_eq!(cols, ["Khawaja Asif"]);
        assert!(!m.is_empty());
        assert!(m.iter().all(|k| k.label.starts_with("Khawaja Asif, section ")), "{m:?}");
        let hidden = Filter { hidden: EntityKind::ALL.to_vec(), ..Filter::default() };
        assert!(marks(&a, &hidden, &a.apply(&hidden)).0.is_empty());
    }

    #[test]
    fn a_long_article_has_a_bounded_map() {
        let mut text = String::from("Long\n\n");
        for n in 0..3000 {
            text.push_str(&format!("Anna Lund met Erik Berg in Bergen on day {n}.\n\n"));
        }
        let a = Analysis::new(text);
        let all = Filter::default();
        let (m, cols) = marks(&a, &all, &a.apply(&all));
        assert!(!m.is_empty());
        assert!(m.len() <= cols.len() * (STEPS + 1), "{} marks", m.len());
        assert!(
            m.windows(2).all(|w| (w[0].step, w[0].column) < (w[1].step, w[1].column)),
            "one per column and step, top to bottom"
        );
    }
}
