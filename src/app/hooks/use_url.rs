//! The state and the address bar kept in step: each change is written as its
//! [`Nav`] says; once mounted, the address's state is read (a hydrated page
//! starts from the prerendered default view, which must match the server's
//! render exactly, so the address's state follows as an action); back/forward
//! (and an edited fragment) read it again. An instance with
//! [`UrlMode::None`] leaves the address alone.

use crate::app::browser;
use crate::app::state::{Action, Nav, State};
use crate::app::url::UrlMode;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Returns whether the first render is to be followed by the address's state
/// (so the app is not "ready" until that is shown).
#[hook]
pub fn use_url_sync(state: &State, dispatch: &Callback<Action>, mode: UrlMode) -> Rc<RefCell<bool>> {
    let restoring = use_mut_ref(|| false);
    // The state into the address.
    {
        let query = state.to_query();
        use_effect_with((query, state.nav, mode), |(query, nav, mode)| match nav {
            Nav::Push => browser::record_soon(*mode, query.clone(), true),
            Nav::Replace => browser::record_soon(*mode, query.clone(), false),
            Nav::None => {}
        });
    }
    // Once mounted: the address's state, when it says something else.
    {
        let (dispatch, restoring) = (dispatch.clone(), restoring.clone());
        let initial = state.to_query();
        use_effect_with(mode, move |mode| {
            let from_url = browser::url_state(*mode);
            if !from_url.is_empty() && from_url != initial {
                *restoring.borrow_mut() = true;
                dispatch.emit(Action::Restore(from_url));
            }
        });
    }
    // Back/forward: the address into the state.
    {
        let dispatch = dispatch.clone();
        use_effect_with(mode, move |mode| {
            let listeners = browser::on_url_change(*mode, dispatch.reform(Action::Restore));
            move || drop(listeners)
        });
    }
    restoring
}
