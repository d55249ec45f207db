//! Entities: mentions found by the [`ner`](super::ner) model in each sentence,
//! cleaned up and grouped into the people, organisations, places and groups
//! an article talks about.
//!
//! Document-level resolution, after the model has tagged every sentence:
//! - a possessive `'s`/`’s` is never part of a mention;
//! - titles before a person's name ("Defense Minister", "Dr.") become the
//!   entity's role, not part of its name;
//! - an acronym in parentheses after a name joins it, and so do its later uses;
//! - a surname or first name alone joins the full name used elsewhere;
//! - the same name gets one kind throughout (the kind most of its mentions got);
//! - a name the model found once is found again wherever it recurs.
//!
//! Each entity gets a salience in `0..=1`: its share of the article's
//! mentions, weighted up for the title, headings and early mentions.

use super::fold::fold;
use super::ner::{self, NerClass, Tag};
use super::parse::{BlockKind, Document};
use super::span::Span;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    /// Nationalities, ethnic, religious and political groups: "Afghan", "Sunni".
    Group,
    /// Anything else the model marks as a name: events, works, products.
    Other,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] =
        [EntityKind::Person, EntityKind::Organization, EntityKind::Place, EntityKind::Group, EntityKind::Other];

    /// The lowercase name used in JSON and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Group => "group",
            EntityKind::Other => "other",
        }
    }

    /// The kind named by [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A plural heading for lists: "People", "Places".
    pub fn plural_label(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organisations",
            EntityKind::Place => "Places",
            EntityKind::Group => "Groups",
            EntityKind::Other => "Other names",
        }
    }
}

/// One place in the text where an entity is named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// Index into [`Entities::entities`].
    pub entity: usize,
    /// Index into [`Document::blocks`].
    #[serde(skip)]
    pub block: usize,
}

/// Something the article talks about, with every name it goes by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Stable and URL-safe: kind and name, `person-khawaja-asif`.
    pub id: String,
    /// The fullest name used for it.
    pub name: String,
    pub kind: EntityKind,
    /// The other names it goes by in this article.
    pub aliases: Vec<String>,
    /// Titles written before the name: "Defense Minister".
    pub roles: Vec<String>,
    /// How much the article is about it, `0..=1`; all entities sum to 1.
    pub salience: f32,
    /// Sections where it is mentioned, in order.
    pub sections: Vec<usize>,
    /// Indexes into [`Entities::mentions`], in text order.
    #[serde(skip)]
    pub mentions: Vec<usize>,
}

/// The entities of one document, ordered by salience, and their mentions in
/// text order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
}

impl Entities {
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// The indexes of block `block`'s mentions (mentions are in text order,
    /// so a block's are one run, found by binary search).
    pub fn in_block(&self, block: usize) -> std::ops::Range<usize> {
        let start = self.mentions.partition_point(|m| m.block < block);
        let end = start + self.mentions[start..].partition_point(|m| m.block == block);
        start..end
    }
}

fn word_list(data: &'static str) -> Vec<&'static str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

fn roles() -> &'static [&'static str] {
    static ROLES: OnceLock<Vec<&'static str>> = OnceLock::new();
    ROLES.get_or_init(|| word_list(include_str!("../../data/roles.txt")))
}

fn demonyms() -> &'static [&'static str] {
    static DEMONYMS: OnceLock<Vec<&'static str>> = OnceLock::new();
    DEMONYMS.get_or_init(|| word_list(include_str!("../../data/demonyms.txt")))
}

fn is_role_word(word: &str) -> bool {
    let w = fold(word.trim_end_matches('.'));
    roles().contains(&w.as_str())
}

/// "Afghan", "Afghans", "Shiites", "South African": a group word.
fn is_group_name(name: &str) -> bool {
    let f = fold(name);
    let list = demonyms();
    list.contains(&f.as_str())
        || f.strip_suffix('s').is_some_and(|s| list.contains(&s))
        || f.strip_suffix("es").is_some_and(|s| list.contains(&s))
}

/// Words that make a name an event, contest or work rather than a body.
const EVENT_WORDS: &[&str] = &[
    "open",
    "cup",
    "prix",
    "championship",
    "championships",
    "league",
    "games",
    "olympics",
    "olympic",
    "masters",
    "war",
    "revolution",
    "festival",
    "awards",
    "award",
    "prize",
    "day",
    "year",
    "week",
    "tour",
    "series",
    "classic",
    "trophy",
    "derby",
    "marathon",
    "grand",
    "new",
];

/// What a name the model calls "other" (CoNLL's MISC) really is: a group
/// ("Afghans", "Sunni Muslims"), a body named after a nationality
/// ("Palestinian Authority", "Syrian Democratic Forces"), or still other
/// ("German Grand Prix", "Japanese").
fn refine_other(words: &[&str]) -> EntityKind {
    let joined = words.join(" ");
    if is_group_name(&joined) || words.iter().all(|w| is_group_name(w)) {
        return EntityKind::Group;
    }
    let tail_is_body = words[1..].iter().all(|w| {
        let f = fold(w);
        w.chars().next().is_some_and(char::is_uppercase) && !is_group_name(w) && !EVENT_WORDS.contains(&f.as_str())
    });
    if words.len() >= 2 && is_group_name(words[0]) && tail_is_body && !is_group_name(&words[1..].join(" ")) {
        return EntityKind::Organization;
    }
    EntityKind::Other
}

fn is_possessive(tok: &str) -> bool {
    matches!(tok, "'s" | "\u{2019}s" | "'S" | "\u{2019}S" | "'" | "\u{2019}")
}

/// A mention before grouping: token range and kind.
#[derive(Debug, Clone)]
struct Raw {
    tokens: std::ops::Range<usize>,
    kind: EntityKind,
    block: usize,
    /// First token of the sentence it stands in.
    sentence_start: usize,
    role: Option<Span>,
}

fn kind_of(class: NerClass) -> EntityKind {
    match class {
        NerClass::Per => EntityKind::Person,
        NerClass::Org => EntityKind::Organization,
        NerClass::Loc => EntityKind::Place,
        NerClass::Misc => EntityKind::Other,
    }
}

/// Finds, resolves and ranks the entities of `doc`, parsed from `text`.
pub fn extract(text: &str, doc: &Document) -> Entities {
    let mut tagged = Tagged::default();
    tagged.tag(text, doc, doc.sentences.len());
    tagged.resolve(text, doc)
}

/// Entity extraction in two stages, so that a long text can be tagged a
/// slice at a time (the app yields to the browser between slices) and then
/// resolved once: [`Tagged::tag`] runs the model over the next sentences,
/// [`Tagged::resolve`] does the document-level work. [`extract`] is both.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    raws: Vec<Raw>,
    /// Sentences tagged so far (the next one to tag).
    pub sentences_done: usize,
}

impl Tagged {
    /// Tags up to `max_sentences` more sentences of `doc`; returns whether
    /// every sentence is now tagged.
    pub fn tag(&mut self, text: &str, doc: &Document, max_sentences: usize) -> bool {
        let model = ner::model();
        let mut words: Vec<&str> = Vec::new();
        let end = doc.sentences.len().min(self.sentences_done.saturating_add(max_sentences));
        for sentence in &doc.sentences[self.sentences_done..end] {
            words.clear();
            words.extend(doc.tokens[sentence.tokens.clone()].iter().map(|t| t.span.of(text)));
            let tags = model.tag(&words);
            let base = sentence.tokens.start;
            let mut open: Option<(usize, NerClass)> = None;
            for (i, tag) in tags.iter().chain(std::iter::once(&Tag::O)).enumerate() {
                let continues = matches!((tag, open), (Tag::I(c), Some((_, o))) if *c == o);
                if !continues {
                    if let Some((start, class)) = open.take() {
                        self.raws.push(Raw {
                            tokens: base + start..base + i,
                            kind: kind_of(class),
                            block: sentence.block,
                            sentence_start: base,
                            role: None,
                        });
                    }
                    if let Tag::B(c) | Tag::I(c) = tag {
                        open = Some((i, *c));
                    }
                }
            }
        }
        self.sentences_done = end;
        end == doc.sentences.len()
    }

    /// Cleans, joins and ranks what was tagged into the document's entities.
    pub fn resolve(self, text: &str, doc: &Document) -> Entities {
        let mut r = self.resolving();
        loop {
            if let Some(entities) = r.step(text, doc, usize::MAX) {
                return entities;
            }
        }
    }

    /// [`Tagged::resolve`] a step at a time: see [`Resolving::step`].
    pub fn resolving(self) -> Resolving {
        Resolving { raws: self.raws, cleaned: 0, clean_done: false, acronym_pairs: None }
    }
}

/// Resolution in steps, so a long article's can be spread over several tasks:
/// the mentions are cleaned a slice at a time, then acronyms and whole names
/// are found across the document, then mentions are grouped into entities.
#[derive(Debug)]
pub struct Resolving {
    raws: Vec<Raw>,
    /// Mentions cleaned so far, and whether all are (and the empty ones dropped).
    cleaned: usize,
    clean_done: bool,
    /// Set once acronyms and propagation are done.
    acronym_pairs: Option<Vec<(Range<usize>, Range<usize>)>>,
}

impl Resolving {
    /// Does the next step (cleaning at most `max_mentions` more mentions, or
    /// one of the document-wide passes); the entities once the last is done.
    pub fn step(&mut self, text: &str, doc: &Document, max_mentions: usize) -> Option<Entities> {
        if !self.clean_done {
            let end = self.raws.len().min(self.cleaned.saturating_add(max_mentions.max(1)));
            clean(text, doc, &mut self.raws[self.cleaned..end]);
            self.cleaned = end;
            if end == self.raws.len() {
                let tok = |i: usize| doc.tokens[i].span.of(text);
                self.raws.retain(|r| {
                    let first = tok(r.tokens.start);
                    !r.tokens.is_empty() && first.chars().any(char::is_alphanumeric) && !is_role_word(first)
                        || r.tokens.len() > 1
                });
                self.clean_done = true;
            }
            return None;
        }
        match &self.acronym_pairs {
            None => {
                let pairs = acronyms(text, doc, &mut self.raws);
                propagate(text, doc, &mut self.raws);
                self.acronym_pairs = Some(pairs);
                None
            }
            Some(pairs) => Some(group(text, doc, &self.raws, pairs)),
        }
    }

    /// The share of the work done, `0.0..=1.0` (cleaning counts for half).
    pub fn progress(&self) -> f32 {
        match (self.clean_done, &self.acronym_pairs) {
            (false, _) => self.cleaned as f32 / self.raws.len().max(1) as f32 * 0.5,
            (true, None) => 0.5,
            (true, Some(_)) => 0.75,
        }
    }
}

/// Cleans each mention: possessives and titles out, groups told apart.
fn clean(text: &str, doc: &Document, raws: &mut [Raw]) {
    let tok = |i: usize| doc.tokens[i].span.of(text);
    for raw in raws {
        while raw.tokens.len() > 1 && is_possessive(tok(raw.tokens.end - 1)) {
            raw.tokens.end -= 1;
        }
        while raw.tokens.len() > 1 && matches!(tok(raw.tokens.start), "\"" | "\u{201c}" | "'" | "\u{2018}" | "(" | "-")
        {
            raw.tokens.start += 1;
        }
        let sentence_start = raw.sentence_start;
        if matches!(raw.kind, EntityKind::Person) {
            // Leading titles inside the mention.
            let mut name_start = raw.tokens.start;
            while name_start + 1 < raw.tokens.end && is_role_word(tok(name_start)) {
                name_start += 1;
            }
            // Titles just before it.
            let mut role_start = raw.tokens.start;
            while role_start > sentence_start && is_role_word(tok(role_start - 1)) {
                role_start -= 1;
            }
            if role_start < name_start {
                let role = Span::new(doc.tokens[role_start].span.start, doc.tokens[name_start - 1].span.end);
                // A role must hold a title head, not only modifiers like "former".
                if (role_start..name_start).any(|i| tok(i).chars().next().is_some_and(char::is_uppercase)) {
                    raw.role = Some(role);
                }
                raw.tokens.start = name_start;
            }
        }
        if raw.kind == EntityKind::Other {
            raw.kind = refine_other(&raw.tokens.clone().map(tok).collect::<Vec<_>>());
        }
    }
}

/// The text of tokens `range`, from the first token's start to the last one's end.
fn tokens_span(doc: &Document, range: &std::ops::Range<usize>) -> Span {
    Span::new(doc.tokens[range.start].span.start, doc.tokens[range.end - 1].span.end)
}

/// "Long Form Name (LFN)": the acronym becomes a mention of the same kind
/// (unless the model found it already), and joins the long form. Returns
/// the (long form, acronym) token ranges so grouping can join them.
fn acronyms(text: &str, doc: &Document, raws: &mut Vec<Raw>) -> Vec<(Range<usize>, Range<usize>)> {
    let mut covered = vec![false; doc.tokens.len()];
    for r in raws.iter() {
        covered[r.tokens.clone()].iter_mut().for_each(|c| *c = true);
    }
    let mut added = Vec::new();
    let mut pairs = Vec::new();
    for raw in raws.iter() {
        let (open, acro, close) = (raw.tokens.end, raw.tokens.end + 1, raw.tokens.end + 2);
        if close >= doc.tokens.len() || doc.tokens[open].span.of(text) != "(" || doc.tokens[close].span.of(text) != ")"
        {
            continue;
        }
        let a = doc.tokens[acro].span.of(text);
        let initials: String = raw
            .tokens
            .clone()
            .flat_map(|i| doc.tokens[i].span.of(text).split('-'))
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        let acronym = a.trim_end_matches('.').replace('.', "");
        if acronym.chars().count() >= 2 && acronym.chars().all(char::is_uppercase) && initials.contains(&acronym) {
            if !covered[acro] {
                added.push(Raw {
                    tokens: acro..acro + 1,
                    kind: raw.kind,
                    block: raw.block,
                    sentence_start: raw.sentence_start,
                    role: None,
                });
            }
            pairs.push((raw.tokens.clone(), acro..acro + 1));
        }
    }
    raws.extend(added);
    raws.sort_by_key(|r| r.tokens.start);
    pairs
}

/// Words too common to spread as names on their own.
const NOT_NAMES: &[&str] =
    &["the", "a", "an", "this", "that", "in", "on", "for", "and", "but", "it", "he", "she", "they", "we", "i", "s"];

/// A name the model found once is marked wherever the same capitalised
/// words recur, and replaces smaller mentions that split those words.
fn propagate(text: &str, doc: &Document, raws: &mut Vec<Raw>) {
    // Names as their words, borrowed from the text (a long article has hundreds of thousands
    // of mentions: nothing is copied per mention).
    let mut names: BTreeMap<Vec<&str>, (EntityKind, usize)> = BTreeMap::new();
    let mut key: Vec<&str> = Vec::new();
    for r in raws.iter() {
        let first = doc.tokens[r.tokens.start].span.of(text);
        let not_a_name = |first: &str| {
            if first.is_ascii() {
                NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(first))
            } else {
                NOT_NAMES.contains(&fold(first).as_str())
            }
        };
        if !first.chars().next().is_some_and(char::is_uppercase) || not_a_name(first) {
            continue;
        }
        key.clear();
        key.extend(r.tokens.clone().map(|i| doc.tokens[i].span.of(text)));
        if !names.contains_key(key.as_slice()) {
            names.insert(key.clone(), (r.kind, r.block));
        }
    }
    if names.is_empty() {
        return;
    }
    // Which mention, if any, holds a token: mentions are in order and apart, so a binary
    // search finds it (no table as long as the text).
    let owner = |i: usize| -> Option<usize> {
        let k = raws.partition_point(|r| r.tokens.start <= i);
        k.checked_sub(1).filter(|&k| i < raws[k].tokens.end)
    };
    let mut by_first: HashMap<&str, Vec<(&Vec<&str>, EntityKind)>> = HashMap::new();
    for (key, (kind, _)) in &names {
        by_first.entry(key[0]).or_default().push((key, *kind));
    }
    // A match may cover free tokens and whole smaller mentions ("Afghan" +
    // "Taliban" where "Afghan Taliban" is named elsewhere), never part of one,
    // and is not one mention already.
    let fits = |i: usize, key: &[&str]| {
        key.iter().enumerate().all(|(k, w)| {
            doc.tokens[i + k].span.of(text) == *w
                && owner(i + k).is_none_or(|n| raws[n].tokens.start >= i && raws[n].tokens.end <= i + key.len())
        }) && !owner(i).is_some_and(|n| raws[n].tokens == (i..i + key.len()))
    };
    let mut added = Vec::new();
    let mut replaced = vec![false; raws.len()];
    for sentence in &doc.sentences {
        let mut i = sentence.tokens.start;
        while i < sentence.tokens.end {
            let word = doc.tokens[i].span.of(text);
            // Every name starts with a capital: most words need no lookup.
            if !word.chars().next().is_some_and(char::is_uppercase) {
                i += 1;
                continue;
            }
            let found = by_first.get(word).and_then(|cands| {
                cands
                    .iter()
                    .filter(|(key, _)| i + key.len() <= sentence.tokens.end && fits(i, key))
                    .max_by_key(|(key, _)| key.len())
            });
            if let Some((key, kind)) = found {
                let end = i + key.len();
                // Don't glue onto a capitalised neighbour: "Kabul" inside "Kabul River".
                let next_cap = (end < sentence.tokens.end)
                    && doc.tokens[end].span.of(text).chars().next().is_some_and(char::is_uppercase);
                if !next_cap {
                    let mut role = None;
                    let first = raws.partition_point(|r| r.tokens.end <= i);
                    for n in (first..raws.len()).take_while(|&n| raws[n].tokens.start < end) {
                        replaced[n] = true;
                        role = role.or(raws[n].role);
                    }
                    added.push(Raw {
                        tokens: i..end,
                        kind: *kind,
                        block: sentence.block,
                        sentence_start: sentence.tokens.start,
                        role,
                    });
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }
    let mut n = 0;
    raws.retain(|_| {
        n += 1;
        !replaced[n - 1]
    });
    raws.extend(added);
    raws.sort_by_key(|r| r.tokens.start);
}

fn slug(kind: EntityKind, name: &str) -> String {
    let mut s = String::from(kind.as_str());
    s.push('-');
    let mut dash = false;
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            s.push(c);
            dash = false;
        } else if !dash {
            s.push('-');
            dash = true;
        }
    }
    s.trim_end_matches('-').to_string()
}

/// Groups cleaned mentions into entities and ranks them.
fn group(text: &str, doc: &Document, raws: &[Raw], acronym_pairs: &[(Range<usize>, Range<usize>)]) -> Entities {
    if raws.is_empty() {
        return Entities::default();
    }
    // The words of each mention, folded, for matching names.
    let words: Vec<Vec<String>> =
        raws.iter().map(|r| r.tokens.clone().map(|i| fold(doc.tokens[i].span.of(text))).collect()).collect();
    let surface: Vec<&str> = raws.iter().map(|r| tokens_span(doc, &r.tokens).of(text)).collect();

    // 1. One cluster per distinct folded name.
    let mut cluster_of_name: BTreeMap<&Vec<String>, usize> = BTreeMap::new();
    let mut cluster_of: Vec<usize> = Vec::with_capacity(raws.len());
    for w in &words {
        let n = cluster_of_name.len();
        cluster_of.push(*cluster_of_name.entry(w).or_insert(n));
    }
    let clusters = cluster_of_name.len();
    // 2. A shorter name whose words end (or begin) a longer person's name joins it:
    //    "Asif" -> "Khawaja Asif". Only when exactly one longer name fits.
    let mut person_votes = vec![0usize; clusters];
    for (r, &c) in raws.iter().zip(&cluster_of) {
        person_votes[c] += (r.kind == EntityKind::Person) as usize;
    }
    let mut parent: Vec<usize> = (0..clusters).collect();
    let names: Vec<&Vec<String>> = {
        let mut v = vec![&words[0]; clusters];
        for (name, &c) in &cluster_of_name {
            v[c] = name;
        }
        v
    };
    // Person names by their last word and by their first word.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (c, name) in names.iter().enumerate() {
        if name.len() > 1 && person_votes[c] > 0 {
            by_last.entry(name[name.len() - 1].as_str()).or_default().push(c);
            by_first.entry(name[0].as_str()).or_default().push(c);
        }
    }
    for c in 0..clusters {
        let short = names[c];
        let ending: Vec<usize> = by_last
            .get(short[short.len() - 1].as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&l| names[l].len() > short.len() && names[l].ends_with(short))
            .collect();
        let starting: Vec<usize> = if short.len() == 1 {
            by_first.get(short[0].as_str()).into_iter().flatten().copied().collect()
        } else {
            Vec::new()
        };
        // Join a unique full name that ends with it; failing that, a unique one that begins with it.
        if ending.len() == 1 {
            parent[c] = ending[0];
        } else if ending.is_empty() && starting.len() == 1 {
            parent[c] = starting[0];
        }
    }
    // An acronym joins the long form it was defined with.
    let fold_range =
        |r: &Range<usize>| -> Vec<String> { r.clone().map(|i| fold(doc.tokens[i].span.of(text))).collect() };
    for (long, acro) in acronym_pairs {
        if let (Some(&l), Some(&a)) = (cluster_of_name.get(&fold_range(long)), cluster_of_name.get(&fold_range(acro))) {
            if parent[a] == a && l != a {
                parent[a] = l;
            }
        }
    }
    let root = |mut c: usize| {
        while parent[c] != c {
            c = parent[c];
        }
        c
    };

    // 3. Entities: kind by majority vote (earliest wins ties), name = fullest form.
    let mut entity_of_root: BTreeMap<usize, usize> = BTreeMap::new();
    let mut order: Vec<usize> = Vec::new(); // roots in first-mention order
    for &c in &cluster_of {
        let r = root(c);
        if let std::collections::btree_map::Entry::Vacant(slot) = entity_of_root.entry(r) {
            slot.insert(order.len());
            order.push(r);
        }
    }
    let n = order.len();
    let mut votes = vec![[0u32; 5]; n];
    let mut forms: Vec<Vec<(usize, &str)>> = vec![Vec::new(); n]; // (raw index, surface)
    let mut role_spans: Vec<Vec<&str>> = vec![Vec::new(); n];
    for (i, r) in raws.iter().enumerate() {
        let e = entity_of_root[&root(cluster_of[i])];
        votes[e][r.kind as usize] += 1;
        forms[e].push((i, surface[i]));
        if let Some(role) = r.role {
            let role = role.of(text);
            if role_spans[e].len() < 4 && !role_spans[e].iter().any(|x| fold(x) == fold(role)) {
                role_spans[e].push(role);
            }
        }
    }
    let kind_of_entity: Vec<EntityKind> = votes
        .iter()
        .zip(&forms)
        .map(|(v, f)| {
            let best = *v.iter().max().unwrap();
            let first_best = f.iter().map(|&(i, _)| raws[i].kind).find(|k| v[*k as usize] == best).unwrap();
            // A person named anywhere stays a person; groups stay groups.
            if v[EntityKind::Person as usize] > 0
                && f.iter().any(|&(i, _)| words[i].len() > 1 && raws[i].kind == EntityKind::Person)
            {
                EntityKind::Person
            } else {
                first_best
            }
        })
        .collect();

    let mut entities: Vec<Entity> = Vec::with_capacity(n);
    for e in 0..n {
        // Distinct forms (folded) in first-use order, with how often each is used.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut names: Vec<(&str, usize)> = Vec::new();
        for &(_, s) in &forms[e] {
            let at = *seen.entry(fold(s)).or_insert_with(|| {
                names.push((s, 0));
                names.len() - 1
            });
            names[at].1 += 1;
        }
        // Fullest name: most words, then most used, then first.
        let name = names
            .iter()
            .enumerate()
            .max_by_key(|(i, (s, count))| (s.split_whitespace().count(), *count, usize::MAX - i))
            .unwrap()
            .1
             .0;
        let names: Vec<&str> = names.iter().map(|(s, _)| *s).collect();
        let aliases = names.iter().filter(|s| **s != name).map(|s| s.to_string()).collect();
        entities.push(Entity {
            id: String::new(),
            name: name.to_string(),
            kind: kind_of_entity[e],
            aliases,
            roles: role_spans[e].iter().map(|s| s.to_string()).collect(),
            salience: 0.0,
            sections: Vec::new(),
            mentions: Vec::new(),
        });
    }

    // 4. Mentions, salience and sections.
    let mut mentions: Vec<Mention> = Vec::with_capacity(raws.len());
    let mut score = vec![0f32; n];
    let len = doc.len.max(1) as f32;
    for (i, r) in raws.iter().enumerate() {
        let e = entity_of_root[&root(cluster_of[i])];
        let span = tokens_span(doc, &r.tokens);
        let block = &doc.blocks[r.block];
        let weight = match block.kind {
            BlockKind::Title => 3.0,
            BlockKind::Heading => 2.0,
            BlockKind::Paragraph => 1.0,
        } * (1.5 - 0.5 * span.start as f32 / len);
        score[e] += weight;
        entities[e].mentions.push(mentions.len());
        if let Some(section) = block.section.or_else(|| doc.section_at(span.start)) {
            if entities[e].sections.last() != Some(&section) {
                entities[e].sections.push(section);
            }
        }
        mentions.push(Mention { span, kind: entities[e].kind, entity: e, block: r.block });
    }
    let total: f32 = score.iter().sum::<f32>().max(f32::EPSILON);
    for (e, s) in entities.iter_mut().zip(&score) {
        e.salience = (s / total * 1000.0).round() / 1000.0;
    }

    // 5. Order by salience, then first mention; renumber; give ids.
    let mut rank: Vec<usize> = (0..n).collect();
    rank.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    let mut new_index = vec![0; n];
    for (new, &old) in rank.iter().enumerate() {
        new_index[old] = new;
    }
    let mut ordered: Vec<Entity> =
        rank.iter().map(|&old| std::mem::replace(&mut entities[old], placeholder())).collect();
    for m in &mut mentions {
        m.entity = new_index[m.entity];
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in &mut ordered {
        let base = slug(e.kind, &e.name);
        let k = seen.entry(base.clone()).or_insert(0);
        *k += 1;
        e.id = if *k == 1 { base } else { format!("{base}-{k}") };
    }
    Entities { entities: ordered, mentions }
}

fn placeholder() -> Entity {
    Entity {
        id: String::new(),
        name: String::new(),
        kind: EntityKind::Other,
        aliases: Vec::new(),
        roles: Vec::new(),
        salience: 0.0,
        sections: Vec::new(),
        mentions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_names_are_refined_by_their_words() {
        assert_eq!(refine_other(&["Afghans"]), EntityKind::Group);
        assert_eq!(refine_other(&["Sunni", "Muslims"]), EntityKind::Group);
        assert_eq!(refine_other(&["South", "African"]), EntityKind::Group);
        assert_eq!(refine_other(&["Palestinian", "Authority"]), EntityKind::Organization);
        assert_eq!(refine_other(&["German", "Grand", "Prix"]), EntityKind::Other);
        assert_eq!(refine_other(&["Cold", "War"]), EntityKind::Other);
        assert_eq!(refine_other(&["Eurovision"]), EntityKind::Other);
    }

    #[test]
    fn a_name_used_whole_elsewhere_replaces_the_pieces_that_split_it() {
        let text = "T\n\nThe Kurdish Workers Party met. Later the Kurdish Workers Party left.\n";
        let doc = crate::core::parse::parse(text);
        let at = |word: &str, nth: usize| {
            doc.tokens.iter().enumerate().filter(|(_, t)| t.span.of(text) == word).nth(nth).unwrap().0
        };
        let raw = |tokens: Range<usize>, kind| Raw { tokens, kind, block: 1, sentence_start: 0, role: None };
        let (k0, k1) = (at("Kurdish", 0), at("Kurdish", 1));
        let mut raws = vec![
            raw(k0..k0 + 3, EntityKind::Organization),
            raw(k1..k1 + 1, EntityKind::Group),
            raw(k1 + 1..k1 + 3, EntityKind::Organization),
        ];
        propagate(text, &doc, &mut raws);
        let got: Vec<_> = raws.iter().map(|r| (r.tokens.clone(), r.kind)).collect();
        assert_eq!(got, [(k0..k0 + 3, EntityKind::Organization), (k1..k1 + 3, EntityKind::Organization)]);
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug(EntityKind::Person, "José O’Neill-Smith"), "person-jose-o-neill-smith");
    }
}
