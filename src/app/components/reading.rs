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
use crate::core::entities::Mention;
use crate::core::filter::Filter;
use crate::core::parse::BlockKind;
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

    let chosen = filter.chosen(&article.entities);
    let shown = |m: &Mention| !filter.is_hidden(m.kind);
    let is_chosen = |e: usize| chosen.contains(&e);
    let h = Highlight { text: &article.text, entities: &article.entities, shown: &shown, chosen: &is_chosen };
    let sections: Html = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(s, section)| section.blocks.start < end && section.blocks.end > start && props.view.shows(*s))
        .map(|(s, section)| {
            let hits = &props.view.sections[s].hits;
            // Keyed, so drawing more above keeps the drawn blocks' elements (and the view on them).
            let blocks = (section.blocks.start.max(start)..section.blocks.end.min(end))
                .filter(|&b| doc.blocks[b].kind != BlockKind::Title)
                .map(|b| {
                    let block = &doc.blocks[b];
                    let content = render_block(&h, b, block.span, hits);
                    match block.kind {
                        BlockKind::Heading => html! { <h2 key={b}>{ content }</h2> },
                        _ => html! { <p key={b}>{ content }</p> },
                    }
                });
            let label = section.heading.is_none().then(|| ids.label(crate::core::parse::INTRODUCTION));
            html! {
                <section id={ids.section(s)} tabindex="-1" aria-label={label} key={s}>
                    { for blocks }
                </section>
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
