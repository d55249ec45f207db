//! A kept article comes back on load: read from storage, analysed a slice at
//! a time like any other, then offered (and shown, if the address asks).

use crate::app::state::Action;
use crate::app::{browser, slicing};
use std::rc::Rc;
use yew::prelude::*;

/// Where a kept article lives in `localStorage`.
pub const STORAGE_KEY: &str = "article-explorer:yours";

#[hook]
pub fn use_kept_article(dispatch: &Callback<Action>) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| {
        if let Some(text) = browser::stored(STORAGE_KEY).filter(|t| !t.trim().is_empty()) {
            yew::platform::spawn_local(async move {
                let analysis = slicing::analyse(text, |_| {}).await;
                dispatch.emit(Action::RestoreKept(Rc::new(analysis)));
            });
        }
    });
}
