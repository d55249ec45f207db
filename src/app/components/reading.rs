//! The reading pane's sections: one `<section>` per visible article section.

use super::inline::{render_block, Highlight};
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
}

// Section ids (`section-3`, `ae1-section-3`): `mount::Instance::section`.

#[function_component(ReadingPane)]
pub fn reading_pane(props: &ReadingPaneProps) -> Html {
    let ids = crate::app::mount::use_instance();
    let article = &props.article;
    let filter = &props.filter;
    let chosen: Vec<usize> = filter.entities.iter().filter_map(|id| article.entities.by_id(id)).collect();
    let shown = |m: &Mention| !filter.is_hidden(m.kind);
    let is_chosen = |e: usize| chosen.contains(&e);
    let h = Highlight { text: &article.text, entities: &article.entities, shown: &shown, chosen: &is_chosen };
    let doc = &article.doc;
    doc.sections
        .iter()
        .enumerate()
        .filter(|(s, _)| props.outcome.sections.get(*s).is_some_and(|o| o.visible))
        .map(|(s, section)| {
            let hits = &props.outcome.sections[s].hits;
            let blocks = section.blocks.clone().map(|b| {
                let block = &doc.blocks[b];
                let content = render_block(&h, b, block.span, hits);
                match block.kind {
                    BlockKind::Heading => html! { <h2>{ content }</h2> },
                    BlockKind::Paragraph => html! { <p>{ content }</p> },
                    BlockKind::Title => html! {},
                }
            });
            let label = section.heading.is_none().then(|| ids.label("Introduction"));
            html! {
                <section id={ids.section(s)} tabindex="-1" aria-label={label} key={s}>
                    { for blocks }
                </section>
            }
        })
        .collect()
}
