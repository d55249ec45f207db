//! `data-ready` on the explorer's root once it is interactive, for tests and
//! host pages (`.ae-app[data-ready]`): after the first render where every part
//! answers (a prerendered page is taken over in turns: `settled` says when), and
//! not before the address's state, when it had to be restored, is shown.

use crate::app::browser;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

#[hook]
pub fn use_ready_flag(root: &NodeRef, restoring: Rc<RefCell<bool>>, settled: bool) {
    let root = root.clone();
    // Renders so far, and whether the flag is set.
    let seen = use_mut_ref(|| (0u32, false));
    use_effect(move || {
        let mut seen = seen.borrow_mut();
        seen.0 = seen.0.saturating_add(1);
        if !seen.1 && settled && (seen.0 >= 2 || !*restoring.borrow()) {
            seen.1 = true;
            browser::set_flag(&root, "data-ready");
        }
    });
}
