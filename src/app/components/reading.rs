//! The reading pane's sections: one `<section>` per visible article section,
//! drawn within the window (see [`crate::app::window`]): a long article gets
//! its first page, then a sentinel that asks for the next page when it comes
//! near the view (or when its "Show more" button is pressed); a window that
//! moved down the article has another sentinel above it.

use super::inline::{render_block, Highlight};
use crate::app::browser::{self, Anchor};
use crate::app::hooks::use_sentinel;
use crate::app::instance::{use_instance, Instance};
use crate::app::state::{Action, Article, View};
use crate::app::window::{has_before, has_more, Focus, Pending, Window};
use crate::core::entities::{EntityKind, Mention};
use crate::core::filter::Filter;
use crate::core::parse::BlockKind;
use crate::core::span::Span;
use std::ops::Range;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReadingPaneProps {
    pub article: Article,
    pub view: View,
    pub filter: Filter,
    /// The drawn blocks, and what to focus once they are drawn.
    pub window: Window,
    /// Asks for the next page, below or above.
    pub dispatch: Callback<Action>,
}

/// Focuses what the outline, the map or a quote asked for (see [`browser::reveal`]).
fn apply(pending: Pending, article: &Article, ids: &Instance) {
    match pending.focus {
        Focus::Section(s) => browser::reveal(&ids.section(s), None, pending.instant),
        Focus::Block(b) => {
            if let Some((s, nth)) = article.doc.paragraph_position(b) {
                browser::reveal(&ids.section(s), Some(nth), pending.instant);
            }
        }
    }
}

/// What draws a mention apart from its text: whether its kind is hidden, whether its entity is
/// chosen. Made once a render of the pane, shared by its sections and paragraphs.
#[derive(Debug, PartialEq)]
struct Marking {
    chosen: Vec<usize>,
    hidden: Vec<EntityKind>,
}

impl Marking {
    /// Whether `m` is drawn, and drawn as chosen.
    fn of(&self, m: &Mention) -> (bool, bool) {
        (!self.hidden.contains(&m.kind), self.chosen.contains(&m.entity))
    }

    /// Whether the mentions of `blocks` are drawn the same under both markings.
    fn same_in(&self, other: &Marking, article: &Article, blocks: Range<usize>) -> bool {
        let ents = &article.entities;
        self == other
            || blocks.flat_map(|b| ents.in_block(b)).all(|i| self.of(&ents.mentions[i]) == other.of(&ents.mentions[i]))
    }
}

/// The hits (sorted, not overlapping) of section `s` of `article` under `view` that overlap `span`.
fn hits_in<'a>(article: &Article, view: &'a View, s: usize, span: Span) -> &'a [Span] {
    let hits = view.hits(&article.index, s);
    let from = hits.partition_point(|h| h.end <= span.start);
    let to = hits.partition_point(|h| h.start < span.end).max(from);
    &hits[from..to]
}

/// The text blocks `start..end` spans (an empty span for none).
fn span_of(article: &Article, blocks: &Range<usize>) -> Span {
    match (article.doc.blocks.get(blocks.start), blocks.end.checked_sub(1).and_then(|b| article.doc.blocks.get(b))) {
        (Some(first), Some(last)) if blocks.start < blocks.end => Span::new(first.span.start, last.span.end),
        _ => Span::new(0, 0),
    }
}

#[derive(Properties)]
struct SectionTextProps {
    article: Article,
    view: View,
    section: usize,
    /// The blocks of the section drawn (within the window).
    blocks: Range<usize>,
    marking: Rc<Marking>,
}

/// Equal when the section would be drawn the same: the same blocks, hits and marked mentions,
/// whatever else the filter changed; so a keystroke or a click redraws only sections it changed.
impl PartialEq for SectionTextProps {
    fn eq(&self, other: &Self) -> bool {
        let span = span_of(&self.article, &self.blocks);
        self.article == other.article
            && (self.section, &self.blocks) == (other.section, &other.blocks)
            && hits_in(&self.article, &self.view, self.section, span)
                == hits_in(&other.article, &other.view, other.section, span)
            && self.marking.same_in(&other.marking, &self.article, self.blocks.clone())
    }
}

/// One section of the reading pane, its paragraphs drawn each by its own component.
#[function_component(SectionText)]
fn section_text(props: &SectionTextProps) -> Html {
    let ids = use_instance();
    let s = props.section;
    let doc = &props.article.doc;
    let label = doc.sections[s].heading.is_none().then(|| ids.label(crate::core::parse::INTRODUCTION));
    // Keyed, so drawing more above keeps the drawn blocks' elements (and the view on them).
    let blocks = props.blocks.clone().filter(|&b| doc.blocks[b].kind != BlockKind::Title).map(|b| {
        html! {
            <BlockText key={b} article={props.article.clone()} view={props.view.clone()} section={s} block={b} marking={props.marking.clone()} />
        }
    });
    html! {
        <section id={ids.section(s)} tabindex="-1" aria-label={label}>
            { for blocks }
        </section>
    }
}

#[derive(Properties)]
struct BlockTextProps {
    article: Article,
    view: View,
    section: usize,
    block: usize,
    marking: Rc<Marking>,
}

/// Equal when the block would be drawn the same: the same hits and marked mentions.
impl PartialEq for BlockTextProps {
    fn eq(&self, other: &Self) -> bool {
        let span = self.article.doc.blocks[self.block].span;
        self.article == other.article
            && (self.section, self.block) == (other.section, other.block)
            && hits_in(&self.article, &self.view, self.section, span)
                == hits_in(&other.article, &other.view, other.section, span)
            && self.marking.same_in(&other.marking, &self.article, self.block..self.block + 1)
    }
}

/// One heading or paragraph: redrawn only when its hits or marked mentions change.
/// In the browser its markup is set whole, in one call (see [`browser::set_markup`]), not
/// as raw nodes that yew would remove and insert one by one: a keystroke that changes the
/// hits of a drawn page redraws each of its paragraphs in one step. The server renderer
/// (the prerender) writes the same markup inside the element.
#[function_component(BlockText)]
fn block_text(props: &BlockTextProps) -> Html {
    let (article, marking) = (&props.article, &props.marking);
    let block = &article.doc.blocks[props.block];
    let shown = |m: &Mention| marking.of(m).0;
    let is_chosen = |e: usize| marking.chosen.contains(&e);
    let h = Highlight { text: &article.text, entities: &article.entities, shown: &shown, chosen: &is_chosen };
    let content = render_block(&h, props.block, block.span, hits_in(article, &props.view, props.section, block.span));
    let heading = block.kind == BlockKind::Heading;
    let node = use_node_ref();
    let inside = (!cfg!(target_arch = "wasm32")).then(|| Html::from_html_unchecked(content.clone().into()));
    {
        let node = node.clone();
        // The kind too: a heading and a paragraph are different elements, each to fill.
        use_effect_with((heading, content), move |(_, content)| browser::set_markup(&node, content));
    }
    if heading {
        html! { <h2 ref={node}>{ for inside }</h2> }
    } else {
        html! { <p ref={node}>{ for inside }</p> }
    }
}

#[function_component(ReadingPane)]
pub fn reading_pane(props: &ReadingPaneProps) -> Html {
    let ids = use_instance();
    let article = &props.article;
    let filter = &props.filter;
    let (start, end) = props.window.range();
    let doc = &article.doc;
    let more = has_more(doc, &props.view, end);
    let before = has_before(doc, &props.view, start);
    let sentinel = use_node_ref();
    let sentinel_before = use_node_ref();

    // Focus what the outline, the map or a quote asked for, once it is drawn.
    {
        let article = props.article.clone();
        let ids = ids.clone();
        let pending = props.window.pending;
        use_effect_with(props.window.seq, move |_| {
            if let Some(pending) = pending {
                apply(pending, &article, &ids);
            }
        });
    }
    // The view must stay on what the reader is looking at while pages are drawn above it
    // or dropped from above: the place of a block that stays is noted (the first one drawn
    // after the upper sentinel, or the last one before the lower), and the page scrolled
    // back to it after the render.
    let anchor = use_mut_ref(Anchor::default);
    // A page below (`earlier` false) or above, asked for by its sentinel.
    let on_page = |sentinel: &NodeRef, earlier: bool| -> Callback<()> {
        let (sentinel, dispatch, anchor) = (sentinel.clone(), props.dispatch.clone(), anchor.clone());
        Callback::from(move |()| {
            *anchor.borrow_mut() = if earlier { Anchor::after(&sentinel) } else { Anchor::before(&sentinel) };
            dispatch.emit(if earlier { Action::Earlier } else { Action::More });
        })
    };
    let on_later = on_page(&sentinel, false);
    let on_earlier = on_page(&sentinel_before, true);
    {
        let anchor = anchor.clone();
        use_effect_with((start, end), move |_| anchor.borrow_mut().restore());
    }
    // The next page when a sentinel comes near the view.
    use_sentinel(&sentinel, &on_later, (start, end, props.view.version, more));
    use_sentinel(&sentinel_before, &on_earlier, (start, end, props.view.version, before));

    let marking = Rc::new(Marking { chosen: filter.chosen(&article.entities), hidden: filter.hidden.clone() });
    // Keyed, so drawing more above keeps the drawn sections' elements (and the view on them).
    let sections: Html = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(s, section)| section.blocks.start < end && section.blocks.end > start && props.view.shows(*s))
        .map(|(s, section)| {
            let blocks = section.blocks.start.max(start)..section.blocks.end.min(end);
            html! {
                <SectionText key={s} article={article.clone()} view={props.view.clone()} section={s} {blocks} marking={marking.clone()} />
            }
        })
        .collect();
    let onclick = on_later.reform(|_: MouseEvent| ());
    let onclick_before = on_earlier.reform(|_: MouseEvent| ());
    html! {
        <>
            if before {
                <div class="more before" ref={sentinel_before}>
                    <button type="button" class="more-button" onclick={onclick_before}>{ "Show earlier parts of the article" }</button>
                </div>
            }
            { sections }
            if more {
                <div class="more after" ref={sentinel}>
                    <button type="button" class="more-button" onclick={onclick}>{ "Show more of the article" }</button>
                </div>
            }
        </>
    }
}
