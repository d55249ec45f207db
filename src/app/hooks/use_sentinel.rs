//! A sentinel at an end of the reading pane: when it comes near the view,
//! the next page is asked for. Watched while `key` (the window and whether
//! there is a page to draw, last) stays the same.

use crate::app::browser;
use yew::prelude::*;

#[hook]
pub fn use_sentinel(sentinel: &NodeRef, on_near: &Callback<()>, key: (usize, usize, u32, bool)) {
    let (sentinel, on_near) = (sentinel.clone(), on_near.clone());
    use_effect_with(key, move |(_, _, _, wanted)| {
        let watch = if *wanted { browser::observe(&sentinel, on_near) } else { None };
        move || drop(watch)
    });
}
