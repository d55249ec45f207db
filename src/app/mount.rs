//! One explorer among others on a page: per-instance options (id prefix, URL
//! mode, theme, compact layout), the context that hands them to components,
//! and, in the browser, mounting into `#app` and into every
//! `[data-article-explorer]` element (see `docs/EMBED.md`).
//!
//! Ids: the full-page instance (`#app`) uses the plain ids of `docs/DOM.md`
//! (`search`, `status`, `section-3`, …); embedded instances prefix them
//! (`ae1-search`, `ae1-section-3`), so two instances never share an id.

use yew::prelude::*;

/// Where an instance keeps its state in the address bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UrlMode {
    /// `?q=…&e=…` through `history` (the full page).
    #[default]
    Query,
    /// `#q=…&e=…` (a page opened from `file://`, or a host page that uses its query itself).
    Fragment,
    /// Never read nor written (the default for embedded instances).
    None,
}

impl UrlMode {
    /// `query`, `fragment` (or `hash`), `none` (or `off`, `false`); anything else is `None` here.
    pub fn parse(s: &str) -> Option<UrlMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "query" | "search" => Some(UrlMode::Query),
            "fragment" | "hash" => Some(UrlMode::Fragment),
            "none" | "off" | "false" | "no" => Some(UrlMode::None),
            _ => None,
        }
    }
}

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
        crate::app::url::with_article(self.article.as_deref(), &filter)
    }
}

/// The browser side: find the mount points and start one app in each.
#[cfg(target_arch = "wasm32")]
pub mod browser {
    use super::{Options, UrlMode};
    use crate::app::{url, App, AppProps};
    use std::cell::Cell;
    use wasm_bindgen::JsCast;
    use web_sys::Element;
    use yew::AttrValue;

    /// The attribute set on an element once an explorer lives in it.
    const MOUNTED: &str = "data-article-explorer-mounted";

    thread_local! {
        /// Embedded instances so far (for `ae1-`, `ae2-`, …).
        static COUNT: Cell<u32> = const { Cell::new(0) };
        /// Whether an instance already owns the URL (only one may).
        static URL_TAKEN: Cell<bool> = const { Cell::new(false) };
    }

    fn options_of(el: &Element) -> Options {
        let names = el.get_attribute_names();
        let pairs: Vec<(String, String)> = names
            .iter()
            .filter_map(|n| n.as_string())
            .filter_map(|n| n.strip_prefix("data-").map(str::to_string))
            .map(|n| {
                let v = el.get_attribute(&format!("data-{n}")).unwrap_or_default();
                (n, v)
            })
            .collect();
        Options::from_attrs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// `query` asked on a `file://` page becomes `fragment` (history refuses a changed query there);
    /// a second instance asking for the URL gets `none`.
    fn claim(asked: UrlMode) -> UrlMode {
        let asked = match asked {
            UrlMode::Query if url::browser::is_file() => UrlMode::Fragment,
            m => m,
        };
        if asked == UrlMode::None || URL_TAKEN.with(|t| t.replace(true)) {
            return UrlMode::None;
        }
        asked
    }

    /// Starts an explorer in `el`. `page`: the full-page `#app` (plain ids, owns the URL by
    /// default, hydrates prerendered markup). Does nothing if one is already there.
    pub fn mount(el: Element, page: bool) {
        if el.has_attribute(MOUNTED) {
            return;
        }
        let _ = el.set_attribute(MOUNTED, "");
        let options = options_of(&el);
        let prefix = if page {
            String::new()
        } else {
            format!(
                "ae{}-",
                COUNT.with(|c| {
                    c.set(c.get() + 1);
                    c.get()
                })
            )
        };
        let url_mode = claim(options.url.unwrap_or(if page { UrlMode::Query } else { UrlMode::None }));
        // Prerendered markup (the build puts the default view into `#app`) is hydrated: the first
        // render must be the default state, and the URL's state follows as an action right after.
        let hydrate = page && el.first_element_child().is_some();
        let query = if hydrate {
            String::new()
        } else {
            let from_url = url::browser::current_in(url_mode);
            if from_url.is_empty() {
                options.to_query()
            } else {
                from_url
            }
        };
        let (theme, compact) = (options.theme, options.compact);
        let props = yew::props!(AppProps {
            query: AttrValue::from(query),
            prefix: AttrValue::from(prefix),
            url_mode,
            theme,
            compact,
        });
        let renderer = yew::Renderer::<App>::with_root_and_props(el, props);
        if hydrate {
            renderer.hydrate();
        } else {
            renderer.render();
        }
    }

    /// Mounts the full-page `#app` (if the page has one) and every `[data-article-explorer]`
    /// element not yet mounted; returns how many explorers started.
    pub fn mount_all() -> u32 {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return 0 };
        let mut started = 0;
        if let Some(app) = document.get_element_by_id("app") {
            if !app.has_attribute(MOUNTED) {
                mount(app, true);
                started += 1;
            }
        }
        if let Ok(list) = document.query_selector_all("[data-article-explorer]") {
            for i in 0..list.length() {
                let Some(el) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
                if !el.has_attribute(MOUNTED) {
                    mount(el, false);
                    started += 1;
                }
            }
        }
        started
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
