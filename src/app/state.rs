//! The app's state and its reducer: which article, which filter, and the
//! analyses computed so far. Pure: no browser access, so it is tested natively.

use super::url;
use super::Article;
use crate::core::entities::EntityKind;
use crate::core::filter::Filter;
use crate::core::Analysis;
use crate::seeds::{Seed, SEEDS};
use std::rc::Rc;
use yew::Reducible;

/// The `a=` slug of the reader's own article (pasted or opened).
pub const USER_SLUG: &str = "yours";

/// What [`State::seed`] returns while the reader's own article is shown.
static USER_SEED: Seed = Seed { slug: USER_SLUG, file_name: "", text: "" };

/// How a state change should reach the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Leave the URL alone (initial load, or a state read from the URL).
    None,
    /// A new history entry.
    Push,
    /// Rewrite the current entry (typing after the first keystroke).
    Replace,
}

/// Everything the reader sees follows from this.
#[derive(Debug, Clone)]
pub struct State {
    /// Index into `seeds`; `seeds.len()` is the reader's own article.
    pub article: usize,
    pub filter: Filter,
    /// How the last change should be recorded in history.
    pub nav: Nav,
    /// Whether the last change was typing in the search box.
    typing: bool,
    seeds: &'static [Seed],
    /// One slot per seed, filled the first time it is shown.
    analyses: Vec<Option<Rc<Analysis>>>,
    /// The reader's own article, once pasted, opened or restored from storage.
    user: Option<Rc<Analysis>>,
    /// Whether the reader chose to keep their article on this device.
    pub kept: bool,
    /// The URL asked for the reader's article before it was there (`a=yours` on load).
    wants_user: bool,
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.article == other.article
            && self.filter == other.filter
            && self.nav == other.nav
            && self.typing == other.typing
            && std::ptr::eq(self.seeds, other.seeds)
            && self.kept == other.kept
            && self.wants_user == other.wants_user
            && match (&self.user, &other.user) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
            && self.analyses.len() == other.analyses.len()
            && self.analyses.iter().zip(&other.analyses).all(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The search box changed (typing).
    SetQuery(String),
    /// Esc in the search box.
    ClearQuery,
    /// Choose or unchoose an entity by id.
    ToggleEntity(String),
    /// Show or hide a kind of entity.
    ToggleKind(EntityKind),
    /// Switch between "all chosen entities" and "any chosen entity".
    ToggleAny,
    /// Clear every filter.
    Reset,
    /// Show another article (by slug); its filter starts empty except hidden kinds.
    SwitchArticle(String),
    /// Take article and filter from a URL query (reload, back/forward).
    Restore(String),
    /// Show the reader's own article (already analysed); `kept`: stored on this device.
    LoadArticle { article: Article, kept: bool },
    /// The reader's article, restored from storage on load: shown only if the URL asks for it.
    RestoreKept(Article),
    /// Whether the reader's article is kept on this device.
    SetKept(bool),
    /// Drop the reader's article (and, in the browser, its stored copy).
    Forget,
}

impl State {
    /// The state a URL query (`?a=…&q=…`) describes, over the embedded seeds.
    pub fn from_query(query: &str) -> State {
        State::with_seeds(SEEDS, query)
    }

    /// The state a URL query describes, over any list of seeds (for tests).
    pub fn with_seeds(seeds: &'static [Seed], query: &str) -> State {
        assert!(!seeds.is_empty(), "no article to show");
        let (slug, filter) = url::parse(query);
        let wants_user = slug.as_deref() == Some(USER_SLUG);
        let article = slug.and_then(|s| seeds.iter().position(|seed| seed.slug == s)).unwrap_or(0);
        let mut analyses = vec![None; seeds.len()];
        analyses[article] = Some(Rc::new(Analysis::new(seeds[article].text)));
        State { article, filter, nav: Nav::None, typing: false, seeds, analyses, user: None, kept: false, wants_user }
    }

    /// Whether the reader's own article is the one shown.
    pub fn showing_user(&self) -> bool {
        self.article == self.seeds.len()
    }

    /// The reader's own article, if there is one.
    pub fn user(&self) -> Option<Rc<Analysis>> {
        self.user.clone()
    }

    pub fn seeds(&self) -> &'static [Seed] {
        self.seeds
    }

    /// The current seed; a stand-in with slug [`USER_SLUG`] for the reader's own article.
    pub fn seed(&self) -> &'static Seed {
        self.seeds.get(self.article).unwrap_or(&USER_SEED)
    }

    /// The analysis of the current article (always computed).
    pub fn analysis(&self) -> Rc<Analysis> {
        if self.showing_user() {
            return self.user.clone().expect("the reader's article is there when shown");
        }
        self.analyses[self.article].clone().expect("the current article is analysed")
    }

    /// The URL query for this state, with `?`, or "" for the first article and no filter.
    /// With the reader's own article there are always two to choose from, so `a` is written.
    pub fn to_query(&self) -> String {
        if self.user.is_some() {
            let f = self.filter.to_query();
            let a = format!("?a={}", crate::core::filter::encode(self.seed().slug));
            return if f.is_empty() { a } else { format!("{a}&{f}") };
        }
        url::to_query(self.seeds, self.seed().slug, &self.filter)
    }

    /// The article index a slug names: a seed, or the reader's article if it is there.
    fn position(&self, slug: &str) -> Option<usize> {
        if slug == USER_SLUG {
            return self.user.is_some().then_some(self.seeds.len());
        }
        self.seeds.iter().position(|seed| seed.slug == slug)
    }

    fn show(mut self, article: usize) -> State {
        if article < self.seeds.len() && self.analyses[article].is_none() {
            self.analyses[article] = Some(Rc::new(Analysis::new(self.seeds[article].text)));
        }
        self.article = article;
        self
    }

    /// Applies one action; pure apart from analysing a newly shown article.
    pub fn reduce_action(&self, action: Action) -> State {
        let mut next = self.clone();
        next.nav = Nav::Push;
        next.typing = false;
        match action {
            Action::SetQuery(q) => {
                if q == next.filter.query {
                    next.nav = Nav::None;
                    next.typing = self.typing;
                } else {
                    // The first keystroke pushes, the rest rewrite that entry.
                    next.nav = if self.typing { Nav::Replace } else { Nav::Push };
                    next.typing = true;
                    next.filter.query = q;
                }
            }
            Action::ClearQuery => {
                if next.filter.query.is_empty() {
                    next.nav = Nav::None;
                }
                next.filter.query.clear();
            }
            Action::ToggleEntity(id) => {
                if let Some(i) = next.filter.entities.iter().position(|e| *e == id) {
                    next.filter.entities.remove(i);
                } else {
                    next.filter.entities.push(id);
                }
            }
            Action::ToggleKind(kind) => {
                if let Some(i) = next.filter.hidden.iter().position(|k| *k == kind) {
                    next.filter.hidden.remove(i);
                } else {
                    next.filter.hidden.push(kind);
                    next.filter.hidden.sort();
                }
            }
            Action::ToggleAny => next.filter.any = !next.filter.any,
            Action::Reset => next.filter = Filter::default(),
            Action::SwitchArticle(slug) => match next.position(&slug) {
                Some(a) if a != next.article => {
                    next.filter = Filter { hidden: next.filter.hidden.clone(), ..Filter::default() };
                    next = next.show(a);
                    next.nav = Nav::Push;
                }
                _ => next.nav = Nav::None,
            },
            Action::Restore(query) => {
                let (slug, filter) = url::parse(&query);
                next.wants_user = slug.as_deref() == Some(USER_SLUG) && next.user.is_none();
                let a = slug.and_then(|s| next.position(&s)).unwrap_or(0);
                next.filter = filter;
                next = next.show(a);
                next.nav = Nav::None;
            }
            Action::LoadArticle { article, kept } => {
                next.user = Some(article.0);
                next.kept = kept;
                next.wants_user = false;
                next.filter = Filter { hidden: next.filter.hidden.clone(), ..Filter::default() };
                next.article = next.seeds.len();
            }
            Action::RestoreKept(article) => {
                next.user = Some(article.0);
                next.kept = true;
                next.nav = Nav::None;
                if std::mem::take(&mut next.wants_user) {
                    // The URL's filter (already read) applies to this article.
                    next.article = next.seeds.len();
                }
            }
            Action::SetKept(kept) => {
                next.kept = kept;
                next.nav = Nav::None;
            }
            Action::Forget => {
                next.kept = false;
                if next.user.take().is_none() {
                    next.nav = Nav::None;
                } else if next.showing_user() {
                    next.filter = Filter { hidden: next.filter.hidden.clone(), ..Filter::default() };
                    next = next.show(0);
                }
            }
        }
        next
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.reduce_action(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TWO: &[Seed] = &[
        Seed { slug: "oslo", file_name: "oslo.txt", text: "Snow in Oslo\nMaria Berg said the snow closed Oslo airport.\n\nTravel\nTrains ran late across Norway.\n" },
        Seed { slug: "lima", file_name: "lima.txt", text: "Heat in Lima\nJuan Perez said Lima was hot on Monday.\n" },
    ];

    fn state(query: &str) -> State {
        State::with_seeds(TWO, query)
    }

    fn act(s: &State, actions: impl IntoIterator<Item = Action>) -> State {
        actions.into_iter().fold(s.clone(), |s, a| s.reduce_action(a))
    }

    #[test]
    fn starts_from_the_url() {
        let s = state("?a=lima&q=heat&e=place-lima,person-juan-perez&any=1&hide=group,place");
        assert_eq!(s.seed().slug, "lima");
        assert_eq!(s.filter.query, "heat");
        assert_eq!(s.filter.entities, ["place-lima", "person-juan-perez"]);
        assert!(s.filter.any);
        assert_eq!(s.filter.hidden, [EntityKind::Group, EntityKind::Place]);
        assert_eq!(s.nav, Nav::None);
        assert_eq!(s.analysis().title(), "Heat in Lima");
    }

    #[test]
    fn unknown_or_missing_article_falls_back_to_the_first() {
        assert_eq!(state("").seed().slug, "oslo");
        assert_eq!(state("?a=nowhere&q=x").seed().slug, "oslo");
        assert_eq!(state("?a=nowhere&q=x").filter.query, "x");
    }

    #[test]
    fn typing_pushes_once_then_replaces() {
        let s = state("");
        let s1 = s.reduce_action(Action::SetQuery("s".into()));
        assert_eq!((s1.filter.query.as_str(), s1.nav), ("s", Nav::Push));
        let s2 = s1.reduce_action(Action::SetQuery("sn".into()));
        assert_eq!((s2.filter.query.as_str(), s2.nav), ("sn", Nav::Replace));
        // Any other action ends the typing run.
        let s3 = act(&s2, [Action::ToggleAny, Action::SetQuery("snow".into())]);
        assert_eq!(s3.nav, Nav::Push);
        // The same text again changes nothing.
        assert_eq!(s3.reduce_action(Action::SetQuery("snow".into())).nav, Nav::None);
    }

    #[test]
    fn clear_query() {
        let s = act(&state("?q=snow&e=place-oslo"), [Action::ClearQuery]);
        assert_eq!(s.filter.query, "");
        assert_eq!(s.filter.entities, ["place-oslo"]);
        assert_eq!(s.nav, Nav::Push);
        assert_eq!(s.reduce_action(Action::ClearQuery).nav, Nav::None);
    }

    #[test]
    fn toggle_entity_adds_and_removes_in_order() {
        let s = act(&state(""), [Action::ToggleEntity("a".into()), Action::ToggleEntity("b".into())]);
        assert_eq!(s.filter.entities, ["a", "b"]);
        let s = s.reduce_action(Action::ToggleEntity("a".into()));
        assert_eq!(s.filter.entities, ["b"]);
        assert_eq!(s.nav, Nav::Push);
    }

    #[test]
    fn toggle_kind_and_any() {
        let s = act(&state(""), [Action::ToggleKind(EntityKind::Place), Action::ToggleKind(EntityKind::Person)]);
        assert_eq!(s.filter.hidden, [EntityKind::Person, EntityKind::Place]);
        assert!(s.filter.is_hidden(EntityKind::Place));
        let s = s.reduce_action(Action::ToggleKind(EntityKind::Place));
        assert_eq!(s.filter.hidden, [EntityKind::Person]);
        let s = s.reduce_action(Action::ToggleAny);
        assert!(s.filter.any);
        assert!(!s.reduce_action(Action::ToggleAny).filter.any);
    }

    #[test]
    fn reset_clears_every_filter_but_keeps_the_article() {
        let s = act(&state("?a=lima&q=x&e=a&any=1&hide=place"), [Action::Reset]);
        assert_eq!(s.filter, Filter::default());
        assert_eq!(s.seed().slug, "lima");
        assert_eq!(s.to_query(), "?a=lima");
    }

    #[test]
    fn switch_article_analyses_once_and_drops_entities() {
        let s = state("?q=snow&e=place-oslo&hide=group");
        let first = s.analysis();
        let s = s.reduce_action(Action::SwitchArticle("lima".into()));
        assert_eq!(s.seed().slug, "lima");
        assert_eq!(s.analysis().title(), "Heat in Lima");
        assert_eq!(s.filter, Filter { hidden: vec![EntityKind::Group], ..Filter::default() });
        assert_eq!(s.nav, Nav::Push);
        // Back to the first: the cached analysis, not a new one.
        let s = s.reduce_action(Action::SwitchArticle("oslo".into()));
        assert!(Rc::ptr_eq(&first, &s.analysis()));
        // Unknown or current slug: nothing happens.
        assert_eq!(s.reduce_action(Action::SwitchArticle("oslo".into())).nav, Nav::None);
        assert_eq!(s.reduce_action(Action::SwitchArticle("nope".into())).seed().slug, "oslo");
    }

    #[test]
    fn restore_reads_the_url_without_recording_it() {
        let s = act(&state(""), [Action::SetQuery("snow".into())]);
        let s = s.reduce_action(Action::Restore("?a=lima&e=place-lima".into()));
        assert_eq!(s.seed().slug, "lima");
        assert_eq!(s.filter.query, "");
        assert_eq!(s.filter.entities, ["place-lima"]);
        assert_eq!(s.nav, Nav::None);
        let s = s.reduce_action(Action::Restore("".into()));
        assert_eq!(s.seed().slug, "oslo");
        assert_eq!(s.filter, Filter::default());
    }

    #[test]
    fn url_round_trip() {
        let s = act(
            &state(""),
            [
                Action::SwitchArticle("lima".into()),
                Action::SetQuery("“hot” & café=1".into()),
                Action::ToggleEntity("place-lima".into()),
                Action::ToggleEntity("person-juan-perez".into()),
                Action::ToggleAny,
                Action::ToggleKind(EntityKind::Group),
            ],
        );
        let q = s.to_query();
        assert!(q.starts_with("?a=lima&q="), "{q}");
        let back = state(&q);
        assert_eq!(back.seed().slug, "lima");
        assert_eq!(back.filter, s.filter);
        assert_eq!(back.to_query(), q);
    }

    fn yours(text: &str) -> Article {
        Article(Rc::new(Analysis::new(text)))
    }

    #[test]
    fn the_readers_article_is_an_extra_entry() {
        let s = state("?q=snow&hide=group");
        let s =
            s.reduce_action(Action::LoadArticle { article: yours("Mine\nMy own text about Paris.\n"), kept: false });
        assert!(s.showing_user());
        assert_eq!(s.seed().slug, USER_SLUG);
        assert_eq!(s.analysis().title(), "Mine");
        assert_eq!(s.filter, Filter { hidden: vec![EntityKind::Group], ..Filter::default() });
        assert_eq!(s.nav, Nav::Push);
        assert_eq!(s.to_query(), "?a=yours&hide=group");
        // Switch away and back, by slug, as the switcher does.
        let s = s.reduce_action(Action::SwitchArticle("lima".into()));
        assert_eq!(s.seed().slug, "lima");
        let s = s.reduce_action(Action::SwitchArticle(USER_SLUG.into()));
        assert_eq!(s.analysis().title(), "Mine");
        // Back/forward to it.
        let s = s
            .reduce_action(Action::Restore("?a=oslo".into()))
            .reduce_action(Action::Restore("?a=yours&q=paris".into()));
        assert!(s.showing_user());
        assert_eq!(s.filter.query, "paris");
        // Forget: back to the first seed, and `yours` means nothing any more.
        let s = s.reduce_action(Action::Forget);
        assert_eq!(s.seed().slug, "oslo");
        assert!(s.user().is_none());
        assert_eq!(s.reduce_action(Action::SwitchArticle(USER_SLUG.into())).nav, Nav::None);
    }

    #[test]
    fn a_kept_article_comes_back_where_the_url_asks_for_it() {
        let s = state("?a=yours&q=paris");
        assert_eq!(s.seed().slug, "oslo");
        let s = s.reduce_action(Action::RestoreKept(yours("Mine\nMy own text about Paris.\n")));
        assert!(s.showing_user() && s.kept);
        assert_eq!(s.filter.query, "paris");
        assert_eq!(s.nav, Nav::None);
        // Without `a=yours` it is offered but not shown.
        let s = state("?a=lima").reduce_action(Action::RestoreKept(yours("Mine\nText.\n")));
        assert_eq!(s.seed().slug, "lima");
        assert!(s.user().is_some());
        assert!(!s.reduce_action(Action::SetKept(false)).kept);
    }

    #[test]
    fn one_article_leaves_a_out_of_the_url() {
        static ONE: &[Seed] = &[Seed { slug: "only", file_name: "only.txt", text: "Title\nBody text.\n" }];
        let s = State::with_seeds(ONE, "");
        assert_eq!(s.to_query(), "");
        let s = s.reduce_action(Action::SetQuery("body".into()));
        assert_eq!(s.to_query(), "?q=body");
        assert_eq!(State::with_seeds(ONE, &s.to_query()).filter.query, "body");
    }
}
