//! The app's state in the address bar: `?a=<slug>&q=…&e=…&any=1&hide=…`, in
//! the query or the fragment, or nowhere ([`UrlMode`]). Pure: reading and
//! writing the browser's location is `browser.rs`'s job.

use crate::core::filter::{encode, query_pairs, Filter};

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

/// The article slug (if any) and the filter a URL query or fragment names.
pub fn parse(query: &str) -> (Option<String>, Filter) {
    let slug = query_pairs(query).find(|(k, _)| k == "a").map(|(_, v)| v).filter(|v| !v.is_empty());
    (slug, Filter::from_query(query))
}

/// `?a=<article>&<filter>`, without `a=` when `article` is `None`; "" when
/// there is nothing to say.
pub fn to_query(article: Option<&str>, filter: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(slug) = article {
        parts.push(format!("a={}", encode(slug)));
    }
    let f = filter.to_query();
    if !f.is_empty() {
        parts.push(f);
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The state a fragment (`#q=asif`) holds, as a query (`?q=asif`), or "":
/// a plain anchor (`#section-3`) is not a state.
pub fn from_fragment(hash: &str) -> String {
    let rest = hash.trim_start_matches('#');
    if rest.is_empty() || !rest.contains('=') {
        String::new()
    } else {
        format!("?{rest}")
    }
}

/// A query (`?q=…`, from [`to_query`]) as a fragment's text (`q=…`).
pub fn to_fragment(query: &str) -> &str {
    query.trim_start_matches('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_from_attribute_values() {
        assert_eq!(UrlMode::parse(" Hash "), Some(UrlMode::Fragment));
        assert_eq!(UrlMode::parse("off"), Some(UrlMode::None));
        assert_eq!(UrlMode::parse("sometimes"), None);
    }

    #[test]
    fn article_and_filter_round_trip() {
        let f = Filter { query: "snow & ice".into(), entities: vec!["place-oslo".into()], ..Filter::default() };
        let q = to_query(Some("oslo"), &f);
        assert_eq!(q, "?a=oslo&q=snow+%26+ice&e=place-oslo");
        assert_eq!(parse(&q), (Some("oslo".into()), f.clone()));
        assert_eq!(from_fragment(&format!("#{}", to_fragment(&q))), q);
        assert_eq!(parse(&format!("#{}", to_fragment(&q))), (Some("oslo".into()), f));
        assert_eq!(from_fragment("#section-3"), "", "an anchor is not a state");
        assert_eq!(to_query(None, &Filter::default()), "");
        assert_eq!(parse("?a=&q=x").0, None);
    }
}
