//! The quotes panel: the article's direct quotations with their speakers.
//! A speaker button chooses that entity in the filter (like the entity
//! panel); while entities are chosen, only their quotes are listed. Speakers and
//! the links to a quote's paragraph answer through the explorer's one click
//! listener (`hooks/use_controls.rs`), by their `data-entity` and `data-paragraph`.

use super::plural;
use crate::app::instance::use_instance;
use crate::app::state::{Article, View};
use crate::core::filter::Filter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuotesPanelProps {
    pub article: Article,
    pub filter: Filter,
    pub view: View,
}

#[function_component(QuotesPanel)]
pub fn quotes_panel(props: &QuotesPanelProps) -> Html {
    let ids = use_instance();
    let a = &props.article;
    let ents = &a.entities.entities;
    let chosen = props.filter.chosen(&a.entities);
    let shown: Vec<(usize, &crate::core::quotes::Quote)> = a
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| chosen.is_empty() || q.speaker.is_some_and(|s| chosen.contains(&s)))
        .collect();
    let summary = if chosen.is_empty() {
        plural(a.quotes.len(), "quote", "quotes")
    } else {
        format!("{} of {} by the chosen entities", shown.len(), plural(a.quotes.len(), "quote", "quotes"))
    };
    let items = shown.iter().map(|&(i, q)| {
        let speaker = match q.speaker {
            Some(s) => {
                let e = &ents[s];
                let pressed = chosen.contains(&s);
                html! {
                    <button
                        type="button"
                        class={classes!("speaker", format!("kind-{}", e.kind.as_str()))}
                        data-entity={e.id.clone()}
                        aria-pressed={if pressed { "true" } else { "false" }}
                    >
                        { e.name.clone() }
                    </button>
                }
            }
            None => html! { <span class="speaker unattributed">{ "Unattributed" }</span> },
        };
        let block = q.block;
        let section = a.doc.blocks[block].section;
        let visible = section.is_some_and(|s| props.view.shows(s));
        let goto = match section {
            Some(s) if visible => {
                let name = a.doc.section_name(s, &a.text);
                html! {
                    <a class="goto" href={format!("#{}", ids.section(s))} data-paragraph={block.to_string()}>{ format!("Go to the paragraph ({name})") }</a>
                }
            }
            _ => html! { <span class="goto hidden-goto">{ "In a section the filter hides" }</span> },
        };
        html! {
            <li key={i} class="quote">
                <blockquote><p>{ format!("\u{201c}{}\u{201d}", a.slice(q.span).trim().trim_end_matches(',')) }</p></blockquote>
                <p class="said">{ "\u{2014} " }{ speaker }{ " " }{ goto }</p>
            </li>
        }
    });
    html! {
        <aside id={ids.id("quotes")} aria-label={ids.label("Quotes")} class="quotes side-panel">
            <h2 class="panel-title">{ "Quotes" }</h2>
            <p class="quotes-summary">{ summary }</p>
            if shown.is_empty() {
                <p class="none">{ if a.quotes.is_empty() { "This article quotes no one directly." } else { "None of the chosen entities is quoted." } }</p>
            } else {
                <ol class="quote-list">{ for items }</ol>
            }
        </aside>
    }
}
