//! One explorer among others on a page: per-instance options (id prefix, URL
//! mode, theme, compact layout, from an element's `data-` attributes) and the
//! context that hands them to components. Pure; mounting is `mount.rs`.
//!
//! Ids: the full-page instance (`#app`) uses the plain ids of `docs/DOM.md`
//! (`search`, `status`, `section-3`, …); embedded instances prefix them
//! (`ae1-search`, `ae1-section-3`), so two instances never share an id.

use super::url::UrlMode;
use yew::prelude::*;

/// The colour scheme of an instance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn parse(s: &str) -> Theme {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// As [`Theme::parse`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What components need to know about the instance they are in (a yew context).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Instance {
    /// Put before every element id: "" for the full page, `ae1-`, `ae2-`, … when embedded.
    pub prefix: AttrValue,
}

impl Instance {
    /// The element id `name` in this instance, e.g. `ae1-search`.
    pub fn id(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// The id of section `index`'s element (and its outline link target), e.g. `section-3`.
    pub fn section(&self, index: usize) -> String {
        self.id(&format!("section-{index}"))
    }

    /// Whether this is the full-page instance (no prefix).
    pub fn is_page(&self) -> bool {
        self.prefix.is_empty()
    }

    /// The instance's own name when embedded: `explorer 1` for `ae1-`; "" for the full page.
    pub fn name(&self) -> String {
        let n = self.prefix.trim_start_matches("ae").trim_end_matches('-');
        if self.is_page() {
            String::new()
        } else {
            format!("explorer {n}")
        }
    }

    /// A landmark's accessible name, unique on a page with several instances:
    /// `Sections` on the full page, `Sections (explorer 2)` when embedded.
    pub fn label(&self, base: &str) -> String {
        if self.is_page() {
            base.to_string()
        } else {
            format!("{base} ({})", self.name())
        }
    }
}

/// This instance's [`Instance`] (plain ids outside any provider, e.g. in a lone component test).
#[hook]
pub fn use_instance() -> Instance {
    use_context::<Instance>().unwrap_or_default()
}

/// The classes of an instance's root element: every app style is scoped under `ae-app`.
pub fn root_classes(theme: Theme, compact: bool) -> Classes {
    classes!(
        "ae-app",
        "app",
        match theme {
            Theme::Auto => None,
            Theme::Light => Some("ae-theme-light"),
            Theme::Dark => Some("ae-theme-dark"),
        },
        compact.then_some("ae-compact"),
    )
}

/// The options of one embedded instance, as its element's data attributes give them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// `data-article`: a seed slug.
    pub article: Option<String>,
    /// `data-query`: the initial search.
    pub query: String,
    /// `data-entities`: entity ids, comma-separated.
    pub entities: Vec<String>,
    /// `data-theme`: `light`, `dark` or `auto`.
    pub theme: Theme,
    /// `data-compact` present (and not `false`).
    pub compact: bool,
    /// `data-url`: `query`, `fragment` or `none`; absent = the instance's default.
    pub url: Option<UrlMode>,
    /// `data-corpus`: the folder of a corpus (`corpus/`) to show as a library.
    pub corpus: Option<String>,
}

impl Options {
    /// Options from `(attribute name without "data-", value)` pairs.
    pub fn from_attrs<'a>(attrs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Options {
        let mut o = Options::default();
        for (k, v) in attrs {
            match k {
                "article" if !v.trim().is_empty() => o.article = Some(v.trim().to_string()),
                "query" => o.query = v.to_string(),
                "entities" => {
                    o.entities = v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
                }
                "theme" => o.theme = Theme::parse(v),
                "compact" => o.compact = !matches!(v.trim(), "false" | "0" | "no"),
                "url" => o.url = UrlMode::parse(v),
                "corpus" if !v.trim().is_empty() => o.corpus = Some(v.trim().to_string()),
                _ => {}
            }
        }
        o
    }

    /// The initial state as a URL query (`?a=…&q=…&e=…`), or "".
    pub fn to_query(&self) -> String {
        let filter = crate::core::filter::Filter {
            query: self.query.clone(),
            entities: self.entities.clone(),
            ..Default::default()
        };
        super::url::to_query(self.article.as_deref(), &filter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_from_data_attributes() {
        let o = Options::from_attrs([
            ("article-explorer", ""),
            ("article", "oslo"),
            ("query", "snow & ice"),
            ("entities", "place-oslo, person-maria-berg,"),
            ("theme", "dark"),
            ("compact", ""),
            ("url", "fragment"),
        ]);
        assert_eq!(o.article.as_deref(), Some("oslo"));
        assert_eq!(o.entities, ["place-oslo", "person-maria-berg"]);
        assert_eq!((o.theme, o.compact, o.url), (Theme::Dark, true, Some(UrlMode::Fragment)));
        assert_eq!(o.to_query(), "?a=oslo&q=snow+%26+ice&e=place-oslo,person-maria-berg");
        let (_, f) = crate::app::url::parse(&o.to_query());
        assert_eq!(f.query, "snow & ice");
        assert_eq!(f.entities, ["place-oslo", "person-maria-berg"]);
    }

    #[test]
    fn defaults() {
        let o = Options::from_attrs([("compact", "false"), ("theme", "purple"), ("url", "sometimes")]);
        assert_eq!(o, Options::default());
        assert_eq!(o.to_query(), "");
        assert_eq!(Instance::default().section(3), "section-3");
        assert_eq!(Instance { prefix: "ae2-".into() }.id("search"), "ae2-search");
        assert_eq!(Instance { prefix: "ae2-".into() }.label("Sections"), "Sections (explorer 2)");
        assert_eq!(Instance::default().label("Sections"), "Sections");
    }
}
