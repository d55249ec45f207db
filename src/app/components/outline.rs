//! The outline: a link per section, with its match count under the filter.

use crate::app::window::Focus;
use crate::app::Article;
use crate::core::filter::Outcome;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub article: Article,
    pub outcome: Rc<Outcome>,
    /// Whether a filter narrows the sections (counts are shown only then).
    pub narrows: bool,
    /// Scrolls to and focuses a section (drawing the reading pane up to it first).
    pub reveal: Callback<Focus>,
}

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let ids = crate::app::mount::use_instance();
    let article = &props.article;
    let items = article.doc.sections.iter().enumerate().map(|(s, section)| {
        let name = section.heading.map_or("Introduction".to_string(), |h| h.of(&article.text).to_string());
        let outcome = props.outcome.sections.get(s);
        let visible = outcome.is_some_and(|o| o.visible);
        let matches = outcome.map_or(0, |o| o.matches);
        let id = ids.section(s);
        let onclick = {
            let reveal = props.reveal.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                if visible {
                    reveal.emit(Focus::Section(s));
                }
            })
        };
        let count = props.narrows.then(|| {
            let label = if matches == 1 { "1 match".to_string() } else { format!("{matches} matches") };
            html! { <span class="count" title={label}>{ matches }</span> }
        });
        html! {
            <li key={s}>
                <a
                    href={format!("#{id}")}
                    class={classes!((!visible).then_some("hidden-section"))}
                    aria-disabled={(!visible).then_some("true")}
                    {onclick}
                >
                    <span class="name">{ name }</span>
                    { for count }
                </a>
            </li>
        }
    });
    html! {
        <nav aria-label={ids.label("Sections")} class="outline panel">
            <p class="panel-title">{ "Sections" }</p>
            <ol>{ for items }</ol>
        </nav>
    }
}
