//! The library's state and the address bar kept in step, as `use_url.rs`
//! does for one article: each change written as its [`Nav`] says,
//! back/forward read again. The library starts from the address (it is not
//! prerendered, so there is nothing to hydrate first).

use crate::app::browser;
use crate::app::corpus::{Library, LibraryAction};
use crate::app::state::Nav;
use crate::app::url::UrlMode;
use yew::prelude::*;

#[hook]
pub fn use_library_url(library: &Library, dispatch: &Callback<LibraryAction>, mode: UrlMode) {
    use_effect_with((library.to_query(), library.nav, mode), |(query, nav, mode)| match nav {
        Nav::Push => browser::record_soon(*mode, query.clone(), true),
        Nav::Replace => browser::record_soon(*mode, query.clone(), false),
        Nav::None => {}
    });
    let dispatch = dispatch.clone();
    use_effect_with(mode, move |mode| {
        let listeners = browser::on_url_change(*mode, dispatch.reform(LibraryAction::Restore));
        move || drop(listeners)
    });
}
