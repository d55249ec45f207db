//! `data-ready` on the explorer's root once it is interactive, for tests and
//! host pages (`.ae-app[data-ready]`): after the first render, or after the
//! second when the address's state had to be restored first.

use crate::app::browser;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

#[hook]
pub fn use_ready_flag(root: &NodeRef, restoring: Rc<RefCell<bool>>) {
    let root = root.clone();
    let renders = use_mut_ref(|| 0u32);
    use_effect(move || {
        let n = {
            let mut r = renders.borrow_mut();
            *r = r.saturating_add(1);
            *r
        };
        if n <= 2 && (n == 2 || !*restoring.borrow()) {
            browser::set_flag(&root, "data-ready");
        }
    });
}
