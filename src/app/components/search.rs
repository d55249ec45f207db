//! The search box: typing filters, `Esc` clears.

use crate::app::browser;
use crate::app::instance::use_instance;
use crate::app::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub query: String,
    pub dispatch: Callback<Action>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let ids = use_instance();
    let oninput = props.dispatch.reform(|e: InputEvent| Action::SetQuery(browser::value_of(&e)));
    let onkeydown = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                dispatch.emit(Action::ClearQuery);
            }
        })
    };
    html! {
        <div class="field search">
            <label for={ids.id("search")}>{ "Search" }</label>
            <input
                type="search"
                id={ids.id("search")}
                autocomplete="off"
                spellcheck="false"
                aria-describedby={ids.id("search-hint")}
                value={props.query.clone()}
                {oninput}
                {onkeydown}
            />
            <span id={ids.id("search-hint")} class="hint">{ "Press / to search, Esc to clear" }</span>
        </div>
    }
}
