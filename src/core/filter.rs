//! Filtering: which sections a reader's [`Filter`] keeps, and what to
//! highlight in them. The filter's URL form lives here too, so a link
//! restores exactly what the reader saw.

use super::entities::{Entities, EntityKind};
use super::index::Index;
use super::parse::Document;
use super::span::Span;

/// What the reader asked for. The empty filter keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Search text; case-, accent- and quote-style-insensitive. Words must
    /// all occur; `"quoted words"` must occur together.
    pub query: String,
    /// Ids of chosen entities: a section must mention all of them (or any,
    /// with `any`), through any of their names.
    pub entities: Vec<String>,
    pub any: bool,
    /// Kinds whose entities are neither listed nor highlighted.
    pub hidden: Vec<EntityKind>,
}

/// What a filter does to one section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionOutcome {
    pub visible: bool,
    /// Search hits in the original text, sorted, not overlapping.
    pub hits: Vec<Span>,
    /// Search hits plus mentions of chosen entities.
    pub matches: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    pub sections: Vec<SectionOutcome>,
    pub visible: usize,
}

impl Filter {
    /// Whether anything narrows the sections.
    pub fn narrows(&self) -> bool {
        !self.terms().is_empty() || !self.entities.is_empty()
    }

    /// The folded search terms: words, and quoted phrases kept whole.
    ///
    /// ```
    /// # use article_explorer::core::filter::Filter;
    /// let f = Filter { query: "Café “cross border” ".into(), ..Filter::default() };
    /// assert_eq!(f.terms(), ["cafe", "cross border"]);
    /// ```
    pub fn terms(&self) -> Vec<String> {
        let folded = super::fold::fold(&self.query);
        let mut terms = Vec::new();
        for (i, part) in folded.split('"').enumerate() {
            if i % 2 == 1 {
                let phrase = part.split_whitespace().collect::<Vec<_>>().join(" ");
                if !phrase.is_empty() {
                    terms.push(phrase);
                }
            } else {
                terms.extend(part.split_whitespace().map(str::to_string));
            }
        }
        terms.dedup();
        terms
    }

    pub fn is_hidden(&self, kind: EntityKind) -> bool {
        self.hidden.contains(&kind)
    }

    /// The filter as URL query parameters (without `?`); empty for the empty filter.
    ///
    /// ```
    /// # use article_explorer::core::{filter::Filter, entities::EntityKind};
    /// let f = Filter { query: "a&b c".into(), entities: vec!["place-oslo".into()], any: true, hidden: vec![EntityKind::Group] };
    /// assert_eq!(f.to_query(), "q=a%26b+c&e=place-oslo&any=1&hide=group");
    /// assert_eq!(Filter::from_query(&f.to_query()), f);
    /// ```
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.query.is_empty() {
            parts.push(format!("q={}", encode(&self.query)));
        }
        if !self.entities.is_empty() {
            parts.push(format!("e={}", self.entities.iter().map(|e| encode(e)).collect::<Vec<_>>().join(",")));
        }
        if self.any {
            parts.push("any=1".into());
        }
        if !self.hidden.is_empty() {
            parts.push(format!("hide={}", self.hidden.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")));
        }
        parts.join("&")
    }

    /// Reads a filter from URL query parameters (with or without `?` or `#`);
    /// unknown parameters and malformed parts are ignored.
    pub fn from_query(query: &str) -> Filter {
        let mut f = Filter::default();
        for (key, value) in query_pairs(query) {
            match key.as_str() {
                "q" => f.query = value,
                "e" => f.entities = value.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
                "any" => f.any = value == "1",
                "hide" => f.hidden = value.split(',').filter_map(EntityKind::parse).collect(),
                _ => {}
            }
        }
        f
    }
}

/// `key=value` pairs of a URL query or fragment, decoded.
pub fn query_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.trim_start_matches(['?', '#']).split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (decode(k), decode(v))
    })
}

/// Percent-encodes `s` for a URL query value (space as `+`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes a URL query value; malformed escapes stay as written, and bytes
/// that are not UTF-8 become U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Applies `filter` to an analysed article.
pub fn apply(doc: &Document, entities: &Entities, index: &Index, filter: &Filter) -> Outcome {
    let terms = filter.terms();
    let chosen: Vec<usize> = filter.entities.iter().filter_map(|id| entities.by_id(id)).collect();
    // Ids that name no entity of this article keep nothing, rather than everything.
    let unknown_entity = chosen.len() < filter.entities.len();
    // Per section: how many chosen entities it mentions, and how many
    // mentions of them it holds; one pass over the chosen entities' mentions.
    let sections = index.sections.len();
    let mut chosen_here = vec![0usize; sections];
    let mut chosen_mentions = vec![0usize; sections];
    for &e in &chosen {
        for &s in &entities.entities[e].sections {
            chosen_here[s] += 1;
        }
        for &m in &entities.entities[e].mentions {
            if let Some(s) = doc.blocks[entities.mentions[m].block].section {
                chosen_mentions[s] += 1;
            }
        }
    }
    let mut outcome = Outcome::default();
    for (s, folded) in index.sections.iter().enumerate() {
        let entity_ok = if filter.any {
            chosen_here[s] > 0 || chosen.is_empty() && !unknown_entity
        } else {
            !unknown_entity && chosen_here[s] == chosen.len()
        };
        // Search only where the entities allow, and stop at the first term that is missing.
        let mut hits = Vec::new();
        let mut all_terms = entity_ok;
        for term in &terms {
            if !all_terms {
                break;
            }
            let before = hits.len();
            folded.find_all(term, &mut hits);
            all_terms = hits.len() > before;
        }
        let visible = all_terms && entity_ok;
        if !visible {
            outcome.sections.push(SectionOutcome::default());
            continue;
        }
        // One term's matches come in order (several terms' interleave); two matches can still
        // overlap once mapped back (both halves of a folded "ß"), so they are merged.
        if terms.len() > 1 {
            hits.sort();
        }
        hits.dedup_by(|b, a| {
            if a.overlaps(*b) {
                a.end = a.end.max(b.end);
                true
            } else {
                false
            }
        });
        outcome.visible += 1;
        let matches = hits.len() + chosen_mentions[s];
        outcome.sections.push(SectionOutcome { visible, hits, matches });
    }
    outcome
}
