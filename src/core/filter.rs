//! Filtering: which sections a reader's [`Filter`] keeps, and what to
//! highlight in them. The filter's rules (toggling, a fresh filter, the
//! chosen entities, which sections show) and its URL form live here too, each
//! once, so a link restores exactly what the reader saw.

use super::entities::{Entities, EntityKind};
use super::fold::Folded;
use super::index::Index;
use super::parse::Document;
use super::span::Span;
use std::cell::OnceCell;

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

/// What a filter does to one section: whether it is shown, and (worked out
/// only when asked, see [`Outcome::hits`]) its search hits.
#[derive(Debug, Clone, Default)]
pub struct SectionOutcome {
    pub visible: bool,
    /// Mentions of chosen entities in the section.
    chosen_mentions: usize,
    /// Search hits in the original text, sorted, not overlapping: found the first time
    /// they are asked for.
    hits: OnceCell<Vec<Span>>,
}

/// Which sections a filter keeps. Whether a section is shown is decided for every section
/// (each term found once is enough); where the terms occur, and so the highlights and match
/// counts, only for the sections a reader is shown ([`Outcome::hits`]): a keystroke on a long
/// article costs a search of the kept sections, not a list of every hit in them.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub sections: Vec<SectionOutcome>,
    pub visible: usize,
    /// The filter's folded search terms.
    terms: Vec<String>,
}

/// Two outcomes are equal when they show the same sections with the same matches: the
/// same sections, terms and chosen mentions (the hits follow from them), whichever of
/// the hits were already looked up.
impl PartialEq for Outcome {
    fn eq(&self, other: &Self) -> bool {
        self.visible == other.visible
            && self.terms == other.terms
            && self.sections.len() == other.sections.len()
            && self
                .sections
                .iter()
                .zip(&other.sections)
                .all(|(a, b)| (a.visible, a.chosen_mentions) == (b.visible, b.chosen_mentions))
    }
}

impl Eq for Outcome {}

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
    /// Entity ids are encoded one by one and joined by `,`.
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

    /// Chooses entity `id`, or unchooses it if chosen; the others keep their order.
    pub fn toggle_entity(&mut self, id: &str) {
        match self.entities.iter().position(|e| e == id) {
            Some(i) => {
                self.entities.remove(i);
            }
            None => self.entities.push(id.to_string()),
        }
    }

    /// Hides a kind of entity, or shows it again; hidden kinds stay sorted.
    pub fn toggle_kind(&mut self, kind: EntityKind) {
        match self.hidden.iter().position(|k| *k == kind) {
            Some(i) => {
                self.hidden.remove(i);
            }
            None => {
                // Kept in order (the URL's `hide=` is the same for the same choice).
                let at = self.hidden.partition_point(|k| *k < kind);
                self.hidden.insert(at, kind);
            }
        }
    }

    /// The empty filter that keeps this one's hidden kinds: what another
    /// article starts with (a reader who hid groups keeps them hidden).
    pub fn fresh(&self) -> Filter {
        Filter { hidden: self.hidden.clone(), ..Filter::default() }
    }

    /// This filter without its search text: what depends only on the chosen
    /// entities and hidden kinds (the entity panel, the graph) compares equal
    /// while the reader types.
    pub fn without_query(&self) -> Filter {
        Filter { query: String::new(), ..self.clone() }
    }

    /// Whether every section this filter keeps is one `before` keeps, in any article: the
    /// same chosen entities (all or any) and each of `before`'s terms inside one of this
    /// filter's terms, since text holding a term holds every part of it. Typing on narrows
    /// ("li" → "lig", "oslo" → "oslo har"); deleting, or another entity, does not.
    ///
    /// ```
    /// # use article_explorer::core::filter::Filter;
    /// let q = |q: &str| Filter { query: q.into(), ..Filter::default() };
    /// assert!(q("lig").narrows_from(&q("li")) && q("oslo har").narrows_from(&q("oslo")));
    /// assert!(q("li").narrows_from(&q("")) && q("\"li g\"").narrows_from(&q("g li")));
    /// assert!(!q("li").narrows_from(&q("lig")) && !q("la").narrows_from(&q("li")));
    /// ```
    pub fn narrows_from(&self, before: &Filter) -> bool {
        if self.entities != before.entities || self.any != before.any {
            return false;
        }
        let terms = self.terms();
        before.terms().iter().all(|t| terms.iter().any(|n| n.contains(t.as_str())))
    }

    /// The chosen entities that name an entity of `entities`, as indexes, in the order chosen.
    pub fn chosen(&self, entities: &Entities) -> Vec<usize> {
        self.entities.iter().filter_map(|id| entities.by_id(id)).collect()
    }
}

impl Outcome {
    /// Whether the filter keeps section `s` (a section it never saw is not shown).
    pub fn shows(&self, s: usize) -> bool {
        self.sections.get(s).is_some_and(|o| o.visible)
    }

    /// The search hits in section `s` (sorted, not overlapping; none in a section not shown),
    /// found in `index`, the index of the article this outcome is of, the first time they are
    /// asked for.
    pub fn hits(&self, index: &Index, s: usize) -> &[Span] {
        match (self.sections.get(s), index.sections.get(s)) {
            (Some(o), Some(folded)) if o.visible => o.hits.get_or_init(|| find(folded, &self.terms)),
            _ => &[],
        }
    }

    /// How many matches section `s` holds: its search hits and its mentions of chosen entities.
    pub fn matches(&self, index: &Index, s: usize) -> usize {
        self.hits(index, s).len() + self.sections.get(s).map_or(0, |o| o.chosen_mentions)
    }
}

/// Every match of `terms` in `folded`, as original spans, in order; two that overlap once
/// mapped back (both halves of a folded "ß", or one term inside another) are joined.
fn find(folded: &Folded, terms: &[String]) -> Vec<Span> {
    let mut hits = Vec::new();
    for term in terms {
        let before = hits.len();
        folded.find_all(term, &mut hits);
        merge_runs(&mut hits, before);
    }
    hits.dedup_by(|b, a| {
        if a.overlaps(*b) {
            a.end = a.end.max(b.end);
            true
        } else {
            false
        }
    });
    hits
}

/// `key=value` pairs of a URL query or fragment (with or without `?` or `#`), decoded
/// (`+` is a space; bytes that are not UTF-8 become U+FFFD).
pub fn query_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    form_urlencoded::parse(query.trim_start_matches(['?', '#']).as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
}

/// Percent-encodes `s` for a URL query value (space as `+`).
pub fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Applies `filter` to an analysed article.
pub fn apply(doc: &Document, entities: &Entities, index: &Index, filter: &Filter) -> Outcome {
    apply_where(doc, entities, index, filter, |_| true)
}

/// [`apply`], given `kept`, the outcome of the filter `before` on the same article: when
/// `filter` [narrows from](Filter::narrows_from) `before`, only the sections `before` kept are
/// searched (typing "lig" after "li" searches what "li" kept, not the whole article). The
/// outcome is [`apply`]'s.
pub fn refine(
    doc: &Document,
    entities: &Entities,
    index: &Index,
    filter: &Filter,
    before: &Filter,
    kept: &Outcome,
) -> Outcome {
    if kept.sections.len() == index.sections.len() && filter.narrows_from(before) {
        apply_where(doc, entities, index, filter, |s| kept.sections[s].visible)
    } else {
        apply(doc, entities, index, filter)
    }
}

/// [`apply`] on the sections `candidate` allows; the others are not shown.
fn apply_where(
    doc: &Document,
    entities: &Entities,
    index: &Index,
    filter: &Filter,
    candidate: impl Fn(usize) -> bool,
) -> Outcome {
    let terms = filter.terms();
    let chosen = filter.chosen(entities);
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
    let mut outcome = Outcome { terms, ..Outcome::default() };
    for (s, folded) in index.sections.iter().enumerate() {
        let entity_ok = candidate(s)
            && if filter.any {
                chosen_here[s] > 0 || chosen.is_empty() && !unknown_entity
            } else {
                !unknown_entity && chosen_here[s] == chosen.len()
            };
        // Only where the entities allow; each term found once is enough (where they all are
        // is looked up for the sections drawn, by `Outcome::hits`).
        let visible = entity_ok && outcome.terms.iter().all(|term| folded.contains(term));
        outcome.visible += usize::from(visible);
        outcome.sections.push(SectionOutcome {
            visible,
            chosen_mentions: if visible { chosen_mentions[s] } else { 0 },
            hits: OnceCell::new(),
        });
    }
    outcome
}

/// `spans[..mid]` and `spans[mid..]` each in order → all in order: a merge, so
/// the wasm carries no sort routine for spans.
fn merge_runs(spans: &mut Vec<Span>, mid: usize) {
    if mid == 0 || mid >= spans.len() || spans[mid - 1] <= spans[mid] {
        return;
    }
    let right = spans.split_off(mid);
    let left = std::mem::take(spans);
    spans.reserve(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if right[j] < left[i] {
            spans.push(right[j]);
            j += 1;
        } else {
            spans.push(left[i]);
            i += 1;
        }
    }
    spans.extend_from_slice(&left[i..]);
    spans.extend_from_slice(&right[j..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Analysis;

    #[test]
    fn merged_runs_are_sorted() {
        let s = |a, b| Span::new(a, b);
        let mut v = vec![s(1, 2), s(5, 6), s(9, 10), s(0, 3), s(5, 6), s(7, 8)];
        merge_runs(&mut v, 3);
        assert_eq!(v, [s(0, 3), s(1, 2), s(5, 6), s(5, 6), s(7, 8), s(9, 10)]);
        let mut w = vec![s(1, 2)];
        merge_runs(&mut w, 1);
        assert_eq!(w, [s(1, 2)]);
    }

    #[test]
    fn toggling_an_entity_adds_and_removes_it_in_order() {
        let mut f = Filter::default();
        f.toggle_entity("a");
        f.toggle_entity("b");
        assert_eq!(f.entities, ["a", "b"]);
        f.toggle_entity("a");
        assert_eq!(f.entities, ["b"]);
    }

    #[test]
    fn toggling_a_kind_keeps_the_hidden_kinds_sorted() {
        let mut f = Filter::default();
        f.toggle_kind(EntityKind::Place);
        f.toggle_kind(EntityKind::Person);
        assert_eq!(f.hidden, [EntityKind::Person, EntityKind::Place]);
        assert!(f.is_hidden(EntityKind::Place));
        f.toggle_kind(EntityKind::Place);
        assert_eq!(f.hidden, [EntityKind::Person]);
    }

    #[test]
    fn a_fresh_filter_keeps_only_the_hidden_kinds() {
        let f = Filter { query: "x".into(), entities: vec!["a".into()], any: true, hidden: vec![EntityKind::Group] };
        assert_eq!(f.fresh(), Filter { hidden: vec![EntityKind::Group], ..Filter::default() });
        assert!(!f.fresh().narrows());
    }

    #[test]
    fn without_the_query_typing_changes_nothing() {
        let f = Filter { query: "oslo".into(), entities: vec!["a".into()], any: true, hidden: vec![EntityKind::Group] };
        let g = Filter { query: "oslo harbour".into(), ..f.clone() };
        assert_eq!(f.without_query(), g.without_query());
        assert_eq!(f.without_query().query, "");
        assert!(f.without_query() != Filter { any: false, ..f.clone() }.without_query());
    }

    #[test]
    fn chosen_entities_are_the_known_ones_in_the_order_chosen() {
        let a = Analysis::new("Snow in Oslo\nMaria Berg said the snow closed Oslo airport on Monday.\n");
        let f = Filter {
            entities: vec!["place-oslo".into(), "nobody".into(), "person-maria-berg".into()],
            ..Filter::default()
        };
        let names: Vec<&str> = f.chosen(&a.entities).iter().map(|&e| a.entities.entities[e].name.as_str()).collect();
        assert_eq!(names, ["Oslo", "Maria Berg"]);
    }

    #[test]
    fn a_section_shows_only_if_the_filter_keeps_it() {
        let a = Analysis::new("Title\n\nOne about Oslo.\n\n## Two\n\nNothing here.\n");
        let o = a.apply(&Filter { query: "oslo".into(), ..Filter::default() });
        assert!(o.shows(0) && !o.shows(1) && !o.shows(99));
    }

    /// An article of `sections` built from `words`, with accents, curly quotes and a "ß".
    fn article_of(sections: &[Vec<&str>]) -> Analysis {
        let mut text = String::from("Title\n\n");
        for (s, words) in sections.iter().enumerate() {
            text.push_str(&format!("## Part {s}\n\n{}.\n\n", words.join(" ")));
        }
        Analysis::new(text)
    }

    #[test]
    fn refining_searches_only_what_the_last_filter_kept() {
        let a = article_of(&[vec!["Maria", "lit", "the", "light"], vec!["a", "lion"], vec!["Café", "Straße"]]);
        let (doc, ents, index) = (&a.doc, &a.entities, &a.index);
        let q = |q: &str| Filter { query: q.into(), ..Filter::default() };
        let li = a.apply(&q("li"));
        let (lig, fresh) = (refine(doc, ents, index, &q("lig"), &q("li"), &li), a.apply(&q("lig")));
        assert_eq!(lig, fresh);
        assert!(!lig.hits(index, 0).is_empty() && lig.hits(index, 0) == fresh.hits(index, 0));
        // Not a narrowing: searched afresh, even with an outcome that kept nothing.
        assert_eq!(refine(doc, ents, index, &q("l"), &q("li"), &Outcome::default()), a.apply(&q("l")));
        let none = a.apply(&q("nothing"));
        assert_eq!(refine(doc, ents, index, &q("caf"), &q("nothing"), &none), a.apply(&q("caf")));
        // An outcome of another length (another article) is not trusted either.
        let short = Outcome { sections: vec![SectionOutcome::default()], ..Outcome::default() };
        assert_eq!(refine(doc, ents, index, &q("lig"), &q("li"), &short), a.apply(&q("lig")));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]
        /// Whatever came before, refining gives what applying afresh gives.
        #[test]
        fn refine_is_apply(
            sections in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 1..8), 1..6),
            before in "[a-z\" ]{0,6}",
            typed in "[a-z\" ]{0,4}",
            other in "[a-z\" ]{0,6}",
            entity in proptest::option::of(0usize..4),
            any in proptest::bool::ANY,
        ) {
            let a = article_of(&sections);
            let ids: Vec<String> = entity.and_then(|e| a.entities.entities.get(e)).map(|e| e.id.clone()).into_iter().collect();
            let f = |q: &str| Filter { query: q.into(), entities: ids.clone(), any, ..Filter::default() };
            let first = f(&before);
            let kept = a.apply(&first);
            for next in [f(&format!("{before}{typed}")), f(&other), Filter { query: before.clone(), ..Filter::default() }] {
                let refined = refine(&a.doc, &a.entities, &a.index, &next, &first, &kept);
                let fresh = a.apply(&next);
                proptest::prop_assert_eq!(&refined, &fresh, "{:?} after {:?}", next, first);
                for s in 0..a.index.sections.len() {
                    proptest::prop_assert_eq!(refined.hits(&a.index, s), fresh.hits(&a.index, s));
                }
            }
        }

        /// Hits looked up later are what a search of the shown section finds: every term
        /// somewhere in them, in order, not overlapping, each one text that folds to a term;
        /// none in a hidden section.
        #[test]
        fn hits_are_found_where_shown(
            sections in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 1..8), 1..6),
            query in "[a-z\" ]{0,8}",
            entity in proptest::option::of(0usize..4),
        ) {
            let a = article_of(&sections);
            let ids: Vec<String> = entity.and_then(|e| a.entities.entities.get(e)).map(|e| e.id.clone()).into_iter().collect();
            let filter = Filter { query, entities: ids, ..Filter::default() };
            let terms = filter.terms();
            let o = a.apply(&filter);
            for s in 0..a.index.sections.len() + 1 {
                let hits = o.hits(&a.index, s).to_vec();
                if !o.shows(s) {
                    proptest::prop_assert!(hits.is_empty() && o.matches(&a.index, s) == 0);
                    continue;
                }
                proptest::prop_assert!(hits.windows(2).all(|w| w[0].end <= w[1].start), "{:?}", hits);
                let found: Vec<String> = hits.iter().map(|h| crate::core::fold::fold(a.slice(*h))).collect();
                for t in &terms {
                    proptest::prop_assert!(found.iter().any(|f| f.contains(t.as_str())), "{:?} in {:?}", t, found);
                }
                proptest::prop_assert!(o.matches(&a.index, s) >= hits.len());
                // Asked again: the same.
                proptest::prop_assert_eq!(o.hits(&a.index, s), &hits[..]);
            }
        }
    }

    const WORDS: &[&str] =
        &["Maria", "Berg", "lit", "light", "lighthouse", "Oslo", "Café", "Straße", "“cross", "border”", "Ünal’s", "li"];

    #[test]
    fn the_url_form_survives_odd_text() {
        for q in ["", "a b", "“quoted” & =?#%", "caf\u{e9} ~*", "100%"] {
            let f = Filter { query: q.into(), entities: vec!["x,y".into()], ..Filter::default() };
            let back = Filter::from_query(&format!("?{}", f.to_query()));
            assert_eq!(back.query, q);
        }
        // A malformed escape stays as written; bytes that are not UTF-8 become U+FFFD.
        assert_eq!(Filter::from_query("q=50%&x").query, "50%");
        assert_eq!(Filter::from_query("#q=%FF").query, "\u{fffd}");
    }
}
