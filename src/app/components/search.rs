//! The search box: typing filters, `Esc` clears.

use crate::app::state::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub query: String,
    pub dispatch: Callback<Action>,
}

#[function_component(SearchBox)]
pub fn search_box(props: &SearchBoxProps) -> Html {
    let ids = crate::app::mount::use_instance();
    let oninput = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            #[cfg(target_arch = "wasm32")]
            {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                dispatch.emit(Action::SetQuery(input.value()));
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (e, &dispatch);
        })
    };
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
