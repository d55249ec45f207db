//! The quotes panel: the article's direct quotations with their speakers.
//! A speaker button chooses that entity in the filter (like the entity
//! panel); while entities are chosen, only their quotes are listed.

use super::plural;
use crate::app::instance::use_instance;
use crate::app::state::{Action, Article, View};
use crate::app::window::Focus;
use crate::core::filter::Filter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuotesPanelProps {
    pub article: Article,
    pub filter: Filter,
    pub view: View,
    /// Choosing a speaker; going to a quote's paragraph (drawing the reading pane up to it first).
    pub dispatch: Callback<Action>,
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
                let onclick = {
                    let dispatch = props.dispatch.clone();
                    let id = e.id.clone();
                    Callback::from(move |_: MouseEvent| dispatch.emit(Action::ToggleEntity(id.clone())))
                };
                html! {
                    <button
                        type="button"
                        class={classes!("speaker", format!("kind-{}", e.kind.as_str()))}
                        data-entity={e.id.clone()}
                        aria-pressed={if pressed { "true" } else { "false" }}
                        {onclick}
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
                let onclick = {
                    let dispatch = props.dispatch.clone();
                    Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        dispatch.emit(Action::Reveal(Focus::Block(block)));
                    })
                };
                let name = a.doc.section_name(s, &a.text);
                html! {
                    <a class="goto" href={format!("#{}", ids.section(s))} {onclick}>{ format!("Go to the paragraph ({name})") }</a>
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
