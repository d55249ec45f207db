//! # article-explorer
//!
//! Explore a news article: its sections and the people, organisations, places
//! and groups it mentions. The [`core`] module is plain Rust with no web
//! dependency: it parses text into a [`core::parse::Document`] of byte spans,
//! finds entities, indexes sections and filters them. The `app` module (feature
//! `app`) draws that with yew in the browser.
//!
//! ```
//! use article_explorer::core::Analysis;
//!
//! let text = "Rain in Lisbon\nMaria Costa said the storm hit Lisbon on Monday.\n";
//! let article = Analysis::new(text);
//! assert_eq!(article.title(), "Rain in Lisbon");
//! let place = article.entities.entities.iter().find(|e| e.name == "Lisbon").unwrap();
//! assert_eq!(place.kind, article_explorer::core::entities::EntityKind::Place);
//! ```

pub mod core;
pub mod seeds;

#[cfg(feature = "app")]
pub mod app;
