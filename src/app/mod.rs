//! The browser app: yew function components over the core.
//!
//! The data flow, one way round:
//!
//! ```text
//! seeds / your article ─▶ core::Analysis ─▶ State (state.rs: the one reducer)
//!        ▲                                     │  filter ─▶ view (the outcome) ─▶ window
//!        │                                     ▼
//!   hooks/ (one effect each) ◀── Action ── components/ (functions of their props)
//!        │
//!        ▼
//!   browser/ (the one door to the page: address bar, storage, files, focus, observers)
//! ```
//!
//! Corpus mode (a library of many articles served as static files) is
//! [`corpus`] (its state), `components/library.rs` and `hooks/use_corpus.rs`;
//! only the library's entry point (`src/bin/library.rs`) links it.
//!
//! [`state`] holds everything the reader sees and changes only through an
//! [`state::Action`]; [`window`] is the reading pane's paging arithmetic,
//! [`url`] the state's address form, [`instance`] one explorer's options
//! among several on a page; [`components`] draw; [`hooks`] connect the
//! browser; [`browser`] is the only module that touches it; [`mount`] starts
//! explorers in a page. All of it is compiled on every target; natively it is
//! rendered by yew's server renderer (the prerendered page, the tests). The DOM
//! produced is specified in `docs/DOM.md`.

pub mod browser;
pub mod components;
pub mod corpus;
pub mod engine;
mod explorer;
pub mod hooks;
pub mod instance;
pub mod markdown;
pub mod mount;
pub mod slicing;
pub mod state;
pub mod url;
pub mod window;

pub use explorer::{compact_prerendered, App, AppProps};
