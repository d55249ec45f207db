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
    /// Its entities and quotes, found by the build (`build.rs`) and packed
    /// ([`core::packed`](crate::core::packed)): read with [`Seed::analysis`].
    pub analysis: &'static [u8],
}

impl Seed {
    /// The seed analysed: its text parsed and indexed here, its entities and
    /// quotes as the build found them.
    ///
    /// # Panics
    /// If the build embedded an analysis of another text (it cannot: `build.rs`
    /// makes both from the same file).
    pub fn analysis(&self) -> crate::core::Analysis {
        crate::core::Analysis::from_packed(self.text, self.analysis)
            .unwrap_or_else(|e| panic!("seeds/{}: {e}", self.file_name))
    }
}

/// Seeds made at run time (tests and tools; native builds only).
#[cfg(not(target_arch = "wasm32"))]
impl Seed {
    /// A seed of `text`, analysed now with the embedded model as the build
    /// would; the packed analysis lives for the rest of the program.
    pub fn analysed_now(slug: &'static str, file_name: &'static str, text: &'static str) -> Seed {
        let packed = crate::core::packed::encode(&crate::core::Analysis::new(text));
        Seed { slug, file_name, text, analysis: Box::leak(packed.into_boxed_slice()) }
    }

    /// [`Seed::analysed_now`] for a list of (slug, file name, text).
    pub fn all_analysed_now(list: &[(&'static str, &'static str, &'static str)]) -> &'static [Seed] {
        list.iter().map(|&(slug, file, text)| Seed::analysed_now(slug, file, text)).collect::<Vec<_>>().leak()
    }
}

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
