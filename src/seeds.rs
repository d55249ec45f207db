//! The articles in `seeds/`, embedded at compile time by `build.rs`.
//!
//! Every `*.txt` and `*.md` file in `seeds/` becomes one [`Seed`]; adding a file
//! and rebuilding adds an article, with no code change.

/// One embedded article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seed {
    /// A URL-safe name derived from the file name (`000_e886c33bbeede175`).
    pub slug: &'static str,
    /// The file name inside `seeds/`.
    pub file_name: &'static str,
    /// The whole text of the file, exactly as written.
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
