//! The reading pane's sections: one `<section>` per visible article section,
//! drawn within the window (see [`crate::app::window`]): a long article gets
//! its first page, then a sentinel that asks for the next page when it comes
//! near the view (or when its "Show more" button is pressed); a window that
//! moved down the article has another sentinel above it.

use super::inline::{render_block, Highlight};
use crate::app::window::{has_before, has_more, Focus};
use crate::app::Article;
use crate::core::entities::Mention;
use crate::core::filter::{Filter, Outcome};
use crate::core::parse::BlockKind;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReadingPaneProps {
    pub article: Article,
    pub outcome: Rc<Outcome>,
    pub filter: Filter,
    /// The drawn blocks: `start..end` (indexes into the document's blocks).
    #[prop_or_default]
    pub start: usize,
    pub end: usize,
    /// What to focus after this render, when `seq` changes.
    #[prop_or_default]
    pub focus: Option<Focus>,
    #[prop_or_default]
    pub seq: u32,
    /// Asks for the next page: below (`false`) or above (`true`).
    pub on_more: Callback<bool>,
}

// Section ids (`section-3`, `ae1-section-3`): `mount::Instance::section`.

#[function_component(ReadingPane)]
pub fn reading_pane(props: &ReadingPaneProps) -> Html {
    let ids = crate::app::mount::use_instance();
    let article = &props.article;
    let filter = &props.filter;
    let (start, end) = (props.start, props.end);
    let doc = &article.doc;
    let more = has_more(doc, &props.outcome, end);
    let before = has_before(doc, &props.outcome, start);
    let sentinel = use_node_ref();
    let sentinel_before = use_node_ref();

    // Focus what the outline, the map or a quote asked for, once it is drawn.
    {
        let article = props.article.clone();
        let ids = ids.clone();
        let focus = props.focus;
        use_effect_with(props.seq, move |_| {
            if let Some(focus) = focus {
                focus.apply(&article, &ids, true);
            }
        });
    }
    // The view must stay on what the reader is looking at while pages are drawn above it
    // or dropped from above: the place of a block that stays is noted (the first one drawn
    // after the upper sentinel, or the last one before the lower), and the page scrolled
    // back to it after the render.
    let anchor = use_mut_ref(browser::Anchor::default);
    // A page below (`earlier` false) or above, asked for by its sentinel.
    let on_page = |sentinel: &NodeRef, earlier: bool| -> Callback<()> {
        let (sentinel, on_more, anchor) = (sentinel.clone(), props.on_more.clone(), anchor.clone());
        Callback::from(move |()| {
            *anchor.borrow_mut() =
                if earlier { browser::Anchor::after(&sentinel) } else { browser::Anchor::before(&sentinel) };
            on_more.emit(earlier);
        })
    };
    let on_later = on_page(&sentinel, false);
    let on_earlier = on_page(&sentinel_before, true);
    {
        let anchor = anchor.clone();
        use_effect_with((start, end), move |_| anchor.borrow_mut().restore());
    }
    // The next page when a sentinel comes near the view.
    use_sentinel(&sentinel, &on_later, (start, end, props.outcome.clone(), more));
    use_sentinel(&sentinel_before, &on_earlier, (start, end, props.outcome.clone(), before));

    let chosen: Vec<usize> = filter.entities.iter().filter_map(|id| article.entities.by_id(id)).collect();
    let shown = |m: &Mention| !filter.is_hidden(m.kind);
    let is_chosen = |e: usize| chosen.contains(&e);
    let h = Highlight { text: &article.text, entities: &article.entities, shown: &shown, chosen: &is_chosen };
    let sections: Html = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(s, section)| {
            section.blocks.start < end
                && section.blocks.end > start
                && props.outcome.sections.get(*s).is_some_and(|o| o.visible)
        })
        .map(|(s, section)| {
            let hits = &props.outcome.sections[s].hits;
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
            let label = section.heading.is_none().then(|| ids.label("Introduction"));
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

/// Watches `sentinel` while the window (`start`, `end`, the outcome) stays and it has a page
/// to draw (the last of `key`), calling `on_near` when it comes near the view.
#[hook]
fn use_sentinel(sentinel: &NodeRef, on_near: &Callback<()>, key: (usize, usize, Rc<Outcome>, bool)) {
    let (sentinel, on_near) = (sentinel.clone(), on_near.clone());
    use_effect_with(key, move |(_, _, _, wanted)| {
        let watch = if *wanted { browser::observe(&sentinel, on_near) } else { None };
        move || drop(watch)
    });
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use yew::{Callback, NodeRef};

    /// Watches the sentinel until dropped.
    pub struct Watch {
        observer: web_sys::IntersectionObserver,
        _callback: Closure<dyn FnMut(js_sys::Array)>,
    }

    /// An element and its distance from the top of the view, to scroll back to after drawing above it.
    #[derive(Default)]
    pub struct Anchor(Option<(web_sys::Element, f64)>);

    impl Anchor {
        /// The first block drawn after the sentinel.
        pub fn after(sentinel: &NodeRef) -> Anchor {
            Self::at(
                sentinel
                    .cast::<web_sys::Element>()
                    .and_then(|s| s.next_element_sibling())
                    .and_then(|s| s.first_element_child()),
            )
        }

        /// The last block drawn before the sentinel.
        pub fn before(sentinel: &NodeRef) -> Anchor {
            Self::at(
                sentinel
                    .cast::<web_sys::Element>()
                    .and_then(|s| s.previous_element_sibling())
                    .and_then(|s| s.last_element_child()),
            )
        }

        /// `el` and where its top is now.
        fn at(el: Option<web_sys::Element>) -> Anchor {
            Anchor(el.map(|el| {
                let top = el.get_bounding_client_rect().top();
                (el, top)
            }))
        }

        /// Scrolls so that the element is where it was (once).
        pub fn restore(&mut self) {
            if let Some((el, top)) = self.0.take() {
                let moved = el.get_bounding_client_rect().top() - top;
                if moved.abs() >= 1.0 && el.is_connected() {
                    if let Some(w) = web_sys::window() {
                        // Instantly, whatever the page's `scroll-behavior`.
                        let options = web_sys::ScrollToOptions::new();
                        options.set_top(moved);
                        options.set_behavior(web_sys::ScrollBehavior::Instant);
                        w.scroll_by_with_scroll_to_options(&options);
                    }
                }
            }
        }
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            self.observer.disconnect();
        }
    }

    /// Calls `on_more` once when the sentinel comes within a screenful or so of the view.
    pub fn observe(sentinel: &NodeRef, on_more: Callback<()>) -> Option<Watch> {
        let el = sentinel.cast::<web_sys::Element>()?;
        let mut fired = false;
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let near =
                entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
            if near && !fired {
                fired = true;
                on_more.emit(());
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin("1000px 0px");
        let observer =
            web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok()?;
        observer.observe(&el);
        Some(Watch { observer, _callback: callback })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use yew::{Callback, NodeRef};

    /// Nothing to watch natively.
    pub struct Watch;

    /// Nothing to scroll natively.
    #[derive(Default)]
    pub struct Anchor;

    impl Anchor {
        pub fn after(_: &NodeRef) -> Anchor {
            Anchor
        }
        pub fn before(_: &NodeRef) -> Anchor {
            Anchor
        }
        pub fn restore(&mut self) {}
    }

    pub fn observe(_: &NodeRef, _: Callback<()>) -> Option<Watch> {
        None
    }
}
