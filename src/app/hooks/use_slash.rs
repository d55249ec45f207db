//! `/` focuses the search box, unless the reader is typing somewhere. With
//! several explorers on a page, the one holding the focus answers, else the
//! first one.

use crate::app::browser;
use yew::prelude::*;

#[hook]
pub fn use_slash_to_search(root: &NodeRef, search_id: String) {
    let root = root.clone();
    use_effect_with(search_id, move |search_id| {
        let search_id = search_id.clone();
        let listener = browser::on_slash(
            root,
            Callback::from(move |()| {
                browser::focus_id(&search_id);
            }),
        );
        move || drop(listener)
    });
}
