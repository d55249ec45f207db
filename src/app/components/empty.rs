//! What the reading pane shows when no section passes the filter.

use crate::app::browser;
use crate::app::instance::use_instance;
use crate::app::state::Action;
use crate::core::filter::Filter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub filter: Filter,
    pub dispatch: Callback<Action>,
}

/// "No section matches “asif taliban” and the chosen entities."
pub fn message(filter: &Filter) -> String {
    let query = filter.query.trim();
    let mut m = String::from("No section matches");
    if !query.is_empty() {
        m.push_str(&format!(" \u{201c}{query}\u{201d}"));
    }
    match (query.is_empty(), filter.entities.is_empty()) {
        (_, true) => {}
        (true, false) => m.push_str(" the chosen entities"),
        (false, false) => m.push_str(" with the chosen entities"),
    }
    if query.is_empty() && filter.entities.is_empty() {
        m.push_str(" these filters");
    }
    m.push('.');
    m
}

#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    let ids = use_instance();
    let search = ids.id("search");
    let onclick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Reset);
            browser::focus_id(&search);
        })
    };
    html! {
        <div id={ids.id("empty")} class="empty" role="note">
            <p>{ message(&props.filter) }</p>
            <button id={ids.id("reset")} class="reset" type="button" {onclick}>{ "Clear all filters" }</button>
        </div>
    }
}
