//! The app's effects, one hook a file (as in yew's todomvc example): each
//! wires one part of the browser to the reducer, through `browser.rs`.

mod use_controls;
mod use_corpus;
mod use_kept;
mod use_library_url;
mod use_ready;
mod use_sentinel;
mod use_slash;
mod use_title;
mod use_url;

pub use use_controls::{control_action, use_control_clicks, CONTROLS};
pub use use_corpus::{use_corpus, Corpus, KEEP_BYTES};
pub use use_kept::{keep as keep_article, unkeep as unkeep_article, use_kept_article, UNREADABLE};
pub use use_library_url::use_library_url;
pub use use_ready::use_ready_flag;
pub use use_sentinel::use_sentinel;
pub use use_slash::use_slash_to_search;
pub use use_title::{tab_title, use_tab_title};
pub use use_url::use_url_sync;
