//! The app's one state and its reducer: which article is shown, the
//! reader's filter, the filter's outcome and how much of the article the
//! reading pane draws. Everything the reader sees follows from [`State`];
//! every change is an [`Action`]. Pure (no browser access), tested natively.
//!
//! The outcome and the reading window are fields the reducer resets whenever
//! the article or the filter changes, never values components derive on
//! their own; each carries a version number, so components compare them
//! cheaply and nothing rests on pointer identity.

use super::url;
use super::window::{Focus, Window};
use crate::core::filter::{self, Filter, Outcome};
use crate::core::parse::Document;
use crate::core::Analysis;
use crate::seeds::Seed;
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

thread_local! {
    /// A seed decoded ahead of the explorer's first render ([`State::prepare`]).
    static PREPARED: RefCell<Option<(&'static str, Rc<Analysis>)>> = const { RefCell::new(None) };
}

/// The `a=` slug of the reader's own article (pasted or opened).
pub const YOURS_SLUG: &str = "yours";

/// Which article is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shown {
    /// An embedded seed, by index.
    Seed(usize),
    /// The reader's own article.
    Yours,
}

/// An analysed article as components receive it. Two are equal when they
/// are the same article in the same version (a seed is read once; each of
/// the reader's articles gets a new version), so comparing props is cheap.
#[derive(Clone, Debug)]
pub struct Article {
    pub shown: Shown,
    pub version: u32,
    analysis: Rc<Analysis>,
}

impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        (self.shown, self.version) == (other.shown, other.version)
    }
}

impl std::ops::Deref for Article {
    type Target = Analysis;
    fn deref(&self) -> &Analysis {
        &self.analysis
    }
}

/// The filter's outcome as components receive it, numbered: a new number
/// whenever the article or the filter changed.
#[derive(Clone, Debug)]
pub struct View {
    pub version: u32,
    outcome: Rc<Outcome>,
}

impl PartialEq for View {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version
    }
}

impl std::ops::Deref for View {
    type Target = Outcome;
    fn deref(&self) -> &Outcome {
        &self.outcome
    }
}

/// An article a host hands the explorer to show alone (a corpus's library
/// opening one of its articles), as the state to start from
/// ([`State::with_article`]: no seeds, no import). Two are equal when they carry
/// the same key, which the host makes new for each article it opens.
#[derive(Clone, Debug)]
pub struct Handed {
    pub key: u32,
    pub state: Rc<State>,
}

impl PartialEq for Handed {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

/// How a state change should reach the browser's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Leave the URL alone (initial load, a state read from the URL, the reading window).
    None,
    /// A new history entry.
    Push,
    /// Rewrite the current entry (typing after the first keystroke).
    Replace,
}

/// Everything the reader sees follows from this.
#[derive(Debug, Clone)]
pub struct State {
    pub shown: Shown,
    pub filter: Filter,
    /// The filter's outcome on the shown article.
    pub view: View,
    /// How much of the shown article the reading pane draws.
    pub window: Window,
    /// "Keep on this device": whether the reader's article is (or, before
    /// there is one, will be) kept in the browser's storage.
    pub keep: bool,
    /// How the last change should be recorded in history.
    pub nav: Nav,
    /// Whether the last change was typing in the search box.
    typing: bool,
    seeds: &'static [Seed],
    /// One slot per seed, filled the first time it is shown.
    analyses: Vec<Option<Rc<Analysis>>>,
    /// The reader's own article, once pasted, opened or restored from storage.
    yours: Option<Article>,
    /// How many articles the reader has brought (each gets the next version).
    brought: u32,
    /// The URL asked for the reader's article before it was there (`a=yours` on load).
    wants_yours: bool,
}

#[derive(Debug, Clone)]
pub enum Action {
    /// The search box changed (typing).
    SetQuery(String),
    /// Esc in the search box.
    ClearQuery,
    /// Choose or unchoose an entity by id.
    ToggleEntity(String),
    /// Show or hide a kind of entity.
    ToggleKind(crate::core::entities::EntityKind),
    /// Switch between "all chosen entities" and "any chosen entity".
    ToggleAny,
    /// Clear every filter.
    Reset,
    /// Show another article (by slug); its filter starts fresh but keeps hidden kinds.
    SwitchArticle(String),
    /// Take article and filter from a URL query (reload, back/forward).
    Restore(String),
    /// Show the reader's own article (already analysed); `kept`: stored on this device.
    LoadArticle { analysis: Rc<Analysis>, kept: bool },
    /// The reader's article, restored from storage on load: shown only if the URL asks for it.
    RestoreKept(Rc<Analysis>),
    /// Whether the reader's article is (to be) kept on this device. The stored copy
    /// itself is written or removed by the caller, through the browser module.
    SetKeep(bool),
    /// Drop the reader's article (the caller removes its stored copy).
    Forget,
    /// The reading pane: one more page below.
    More,
    /// The reading pane: one more page above.
    Earlier,
    /// The reading pane: draw up to what the outline, the map or a quote names, then focus it.
    Reveal(Focus),
}

impl State {
    /// Decodes `seed` now, for the next [`State::with_seeds`] that shows it: the page's
    /// start does it a browser task before the one that mounts (and hydrates) the explorer,
    /// so that neither holds the page's thread for both.
    pub fn prepare(seed: &'static Seed) {
        let analysis = Rc::new(seed.analysis());
        PREPARED.with(|p| *p.borrow_mut() = Some((seed.slug, analysis)));
    }

    /// The state a URL query (`?a=…&q=…`) describes, over `seeds`.
    pub fn with_seeds(seeds: &'static [Seed], query: &str) -> State {
        assert!(!seeds.is_empty(), "no article to show");
        let (slug, filter) = url::parse(query);
        let wants_yours = slug.as_deref() == Some(YOURS_SLUG);
        let seed = slug.and_then(|s| seeds.iter().position(|seed| seed.slug == s)).unwrap_or(0);
        let mut analyses = vec![None; seeds.len()];
        let prepared = PREPARED.take().filter(|(slug, _)| *slug == seeds[seed].slug).map(|(_, a)| a);
        let analysis = prepared.unwrap_or_else(|| Rc::new(seeds[seed].analysis()));
        analyses[seed] = Some(analysis.clone());
        let outcome = Rc::new(analysis.apply(&filter));
        let window = Window::opening(&analysis.doc, &outcome);
        State {
            shown: Shown::Seed(seed),
            filter,
            view: View { version: 0, outcome },
            window,
            keep: false,
            nav: Nav::None,
            typing: false,
            seeds,
            analyses,
            yours: None,
            brought: 0,
            wants_yours,
        }
    }

    /// The state of an explorer that shows `analysis` alone, with the filter a URL query names.
    pub fn with_article(analysis: Rc<Analysis>, query: &str) -> State {
        let (_, filter) = url::parse(query);
        let article = Article { shown: Shown::Yours, version: 1, analysis };
        let outcome = Rc::new(article.apply(&filter));
        let window = Window::opening(&article.doc, &outcome);
        State {
            shown: Shown::Yours,
            filter,
            view: View { version: 0, outcome },
            window,
            keep: false,
            nav: Nav::None,
            typing: false,
            seeds: &[],
            analyses: Vec::new(),
            yours: Some(article),
            brought: 1,
            wants_yours: false,
        }
    }

    /// What is shown when nothing else is asked for: the first seed, or the only article.
    fn home(&self) -> Shown {
        if self.seeds.is_empty() {
            Shown::Yours
        } else {
            Shown::Seed(0)
        }
    }

    /// The reader's own article, if there is one.
    pub fn yours(&self) -> Option<&Article> {
        self.yours.as_ref()
    }

    /// Whether the article shown has the block `focus` points at.
    fn has_block(&self, focus: Focus) -> bool {
        let article = self.article();
        focus.block(&article.doc) < article.doc.blocks.len()
    }

    /// The shown article (always analysed).
    pub fn article(&self) -> Article {
        match self.shown {
            Shown::Yours => self.yours.clone().expect("the reader's article is there when shown"),
            Shown::Seed(i) => Article {
                shown: self.shown,
                version: 0,
                analysis: self.analyses[i].clone().expect("the shown article is analysed"),
            },
        }
    }

    /// The shown article's `a=` slug.
    pub fn slug(&self) -> &'static str {
        match self.shown {
            Shown::Seed(i) => self.seeds[i].slug,
            Shown::Yours => YOURS_SLUG,
        }
    }

    /// The URL query for this state, with `?`, or "" for the first article and no filter.
    /// `a=` is written whenever there are two articles or more to choose from.
    pub fn to_query(&self) -> String {
        let choices = self.seeds.len() + usize::from(self.yours.is_some());
        url::to_query((choices >= 2).then(|| self.slug()), &self.filter)
    }

    /// What a slug names: a seed, or the reader's article if it is there.
    fn find(&self, slug: &str) -> Option<Shown> {
        if slug == YOURS_SLUG {
            return self.yours.as_ref().map(|_| Shown::Yours);
        }
        self.seeds.iter().position(|seed| seed.slug == slug).map(Shown::Seed)
    }

    fn show(&mut self, shown: Shown) {
        if let Shown::Seed(i) = shown {
            if self.analyses[i].is_none() {
                self.analyses[i] = Some(Rc::new(self.seeds[i].analysis()));
            }
        }
        self.shown = shown;
    }

    /// The reader's article `analysis`, as the next version.
    fn bring(&mut self, analysis: Rc<Analysis>) {
        self.brought = self.brought.wrapping_add(1);
        self.yours = Some(Article { shown: Shown::Yours, version: self.brought, analysis });
    }

    /// Which article, in which version: what the view depends on besides the filter.
    fn article_key(&self) -> (Shown, u32) {
        match self.shown {
            Shown::Yours => (Shown::Yours, self.yours.as_ref().map_or(0, |y| y.version)),
            seed => (seed, 0),
        }
    }

    /// A new view and a fresh reading window when the article or the filter changed since `before`;
    /// on the same article, a filter that narrows `before`'s searches only what it kept.
    fn refresh(mut self, before: &State) -> State {
        let same_article = self.article_key() == before.article_key();
        if !same_article || self.filter != before.filter {
            let article = self.article();
            let outcome = Rc::new(if same_article {
                let a = &*article;
                filter::refine(&a.doc, &a.entities, &a.index, &self.filter, &before.filter, &before.view)
            } else {
                article.apply(&self.filter)
            });
            self.window = Window::first(&article, &outcome);
            self.view = View { version: before.view.version.wrapping_add(1), outcome };
        }
        self
    }

    /// The reading window moved by `step`: the URL and the typing run are left as they were.
    fn move_window(mut self, before: &State, step: impl FnOnce(Window, &Document, &Outcome) -> Window) -> State {
        let article = self.article();
        self.window = step(self.window, &article.doc, &self.view);
        self.nav = Nav::None;
        self.typing = before.typing;
        self
    }

    /// Applies one action; pure apart from analysing a newly shown seed.
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
            Action::ToggleEntity(id) => next.filter.toggle_entity(&id),
            Action::ToggleKind(kind) => next.filter.toggle_kind(kind),
            Action::ToggleAny => next.filter.any = !next.filter.any,
            Action::Reset => next.filter = Filter::default(),
            Action::SwitchArticle(slug) => match next.find(&slug) {
                Some(shown) if shown != next.shown => {
                    next.filter = next.filter.fresh();
                    next.show(shown);
                }
                _ => next.nav = Nav::None,
            },
            Action::Restore(query) => {
                let (slug, filter) = url::parse(&query);
                next.wants_yours = slug.as_deref() == Some(YOURS_SLUG) && next.yours.is_none();
                let shown = slug.and_then(|s| next.find(&s)).unwrap_or(next.home());
                next.filter = filter;
                next.show(shown);
                next.nav = Nav::None;
            }
            Action::LoadArticle { analysis, kept } => {
                next.bring(analysis);
                next.keep = kept;
                next.wants_yours = false;
                next.filter = next.filter.fresh();
                next.shown = Shown::Yours;
            }
            Action::RestoreKept(analysis) => {
                next.bring(analysis);
                next.keep = true;
                next.nav = Nav::None;
                if std::mem::take(&mut next.wants_yours) {
                    // The URL's filter (already read) applies to this article.
                    next.shown = Shown::Yours;
                }
            }
            Action::SetKeep(keep) => {
                next.keep = keep;
                next.nav = Nav::None;
            }
            Action::Forget => {
                next.keep = false;
                if next.seeds.is_empty() || next.yours.take().is_none() {
                    next.nav = Nav::None;
                } else if next.shown == Shown::Yours {
                    next.filter = next.filter.fresh();
                    next.show(Shown::Seed(0));
                }
            }
            Action::More => return next.move_window(self, |w, doc, outcome| w.more(doc, outcome)),
            Action::Earlier => return next.move_window(self, |w, doc, outcome| w.earlier(doc, outcome)),
            // A block the article does not have (a mark drawn for the article before, clicked in
            // the frame before the map's redraw) is nowhere to go.
            Action::Reveal(focus) if !self.has_block(focus) => return self.clone(),
            Action::Reveal(focus) => return next.move_window(self, |w, doc, outcome| w.reveal(doc, outcome, focus)),
        }
        next.refresh(self)
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
    use crate::core::entities::EntityKind;

    fn two() -> &'static [Seed] {
        Seed::all_analysed_now(&[
            ("oslo", "oslo.txt", "Snow in Oslo\nMaria Berg said the snow closed Oslo airport.\n\nTravel\nTrains ran late across Norway.\n"),
            ("lima", "lima.txt", "Heat in Lima\nJuan Perez said Lima was hot on Monday.\n"),
        ])
    }

    fn state(query: &str) -> State {
        State::with_seeds(two(), query)
    }

    fn act(s: &State, actions: impl IntoIterator<Item = Action>) -> State {
        actions.into_iter().fold(s.clone(), |s, a| s.reduce_action(a))
    }

    #[test]
    fn starts_from_the_url() {
        let s = state("?a=lima&q=heat&e=place-lima,person-juan-perez&any=1&hide=group,place");
        assert_eq!(s.slug(), "lima");
        assert_eq!(s.filter.query, "heat");
        assert_eq!(s.filter.entities, ["place-lima", "person-juan-perez"]);
        assert!(s.filter.any);
        assert_eq!(s.filter.hidden, [EntityKind::Group, EntityKind::Place]);
        assert_eq!(s.nav, Nav::None);
        assert_eq!(s.article().title(), "Heat in Lima");
    }

    #[test]
    fn unknown_or_missing_article_falls_back_to_the_first() {
        assert_eq!(state("").slug(), "oslo");
        assert_eq!(state("?a=nowhere&q=x").slug(), "oslo");
        assert_eq!(state("?a=nowhere&q=x").filter.query, "x");
    }

    #[test]
    fn a_seed_decoded_ahead_is_used_by_the_next_state_that_shows_it() {
        let seeds = two();
        State::prepare(&seeds[1]);
        assert_eq!(state("").slug(), "oslo", "a prepared seed that is not the one shown changes nothing");
        assert!(PREPARED.with(|p| p.borrow().is_none()), "and is not kept");
        State::prepare(&seeds[0]);
        let prepared = PREPARED.with(|p| p.borrow().as_ref().map(|(_, a)| a.clone())).unwrap();
        let s = state("?q=snow");
        assert!(Rc::ptr_eq(s.analyses[0].as_ref().unwrap(), &prepared), "decoded once");
        assert_eq!(s.view.visible, 1, "and filtered as any other");
        assert!(PREPARED.with(|p| p.borrow().is_none()));
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
        assert_eq!(s.slug(), "lima");
        assert_eq!(s.to_query(), "?a=lima");
    }

    #[test]
    fn switch_article_analyses_once_and_drops_entities() {
        let s = state("?q=snow&e=place-oslo&hide=group");
        let first = s.article();
        let s = s.reduce_action(Action::SwitchArticle("lima".into()));
        assert_eq!(s.slug(), "lima");
        assert_eq!(s.article().title(), "Heat in Lima");
        assert_eq!(s.filter, Filter { hidden: vec![EntityKind::Group], ..Filter::default() });
        assert_eq!(s.nav, Nav::Push);
        // Back to the first: the cached analysis, not a new one.
        let s = s.reduce_action(Action::SwitchArticle("oslo".into()));
        assert_eq!(first, s.article());
        assert!(s.analyses.iter().all(Option::is_some), "each seed read once, kept");
        // Unknown or current slug: nothing happens.
        assert_eq!(s.reduce_action(Action::SwitchArticle("oslo".into())).nav, Nav::None);
        assert_eq!(s.reduce_action(Action::SwitchArticle("nope".into())).slug(), "oslo");
    }

    #[test]
    fn restore_reads_the_url_without_recording_it() {
        let s = act(&state(""), [Action::SetQuery("snow".into())]);
        let s = s.reduce_action(Action::Restore("?a=lima&e=place-lima".into()));
        assert_eq!(s.slug(), "lima");
        assert_eq!(s.filter.query, "");
        assert_eq!(s.filter.entities, ["place-lima"]);
        assert_eq!(s.nav, Nav::None);
        let s = s.reduce_action(Action::Restore("".into()));
        assert_eq!(s.slug(), "oslo");
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
        assert_eq!(back.slug(), "lima");
        assert_eq!(back.filter, s.filter);
        assert_eq!(back.to_query(), q);
    }

    fn yours(text: &str) -> Rc<Analysis> {
        Rc::new(Analysis::new(text))
    }

    #[test]
    fn the_readers_article_is_an_extra_entry() {
        let s = state("?q=snow&hide=group");
        let s =
            s.reduce_action(Action::LoadArticle { analysis: yours("Mine\nMy own text about Paris.\n"), kept: false });
        assert_eq!(s.shown, Shown::Yours);
        assert_eq!(s.slug(), YOURS_SLUG);
        assert_eq!(s.article().title(), "Mine");
        assert_eq!(s.filter, Filter { hidden: vec![EntityKind::Group], ..Filter::default() });
        assert_eq!(s.nav, Nav::Push);
        assert_eq!(s.to_query(), "?a=yours&hide=group");
        // Switch away and back, by slug, as the switcher does.
        let s = s.reduce_action(Action::SwitchArticle("lima".into()));
        assert_eq!(s.slug(), "lima");
        let s = s.reduce_action(Action::SwitchArticle(YOURS_SLUG.into()));
        assert_eq!(s.article().title(), "Mine");
        // Back/forward to it.
        let s = s
            .reduce_action(Action::Restore("?a=oslo".into()))
            .reduce_action(Action::Restore("?a=yours&q=paris".into()));
        assert_eq!(s.shown, Shown::Yours);
        assert_eq!(s.filter.query, "paris");
        // Forget: back to the first seed, and `yours` means nothing any more.
        let s = s.reduce_action(Action::Forget);
        assert_eq!(s.slug(), "oslo");
        assert!(s.yours().is_none());
        assert_eq!(s.reduce_action(Action::SwitchArticle(YOURS_SLUG.into())).nav, Nav::None);
    }

    #[test]
    fn a_kept_article_comes_back_where_the_url_asks_for_it() {
        let s = state("?a=yours&q=paris");
        assert_eq!(s.slug(), "oslo");
        let s = s.reduce_action(Action::RestoreKept(yours("Mine\nMy own text about Paris.\n")));
        assert!(s.shown == Shown::Yours && s.keep);
        assert_eq!(s.filter.query, "paris");
        assert_eq!(s.nav, Nav::None);
        // Without `a=yours` it is offered but not shown.
        let s = state("?a=lima").reduce_action(Action::RestoreKept(yours("Mine\nText.\n")));
        assert_eq!(s.slug(), "lima");
        assert!(s.yours().is_some());
        assert!(!s.reduce_action(Action::SetKeep(false)).keep);
    }

    #[test]
    fn one_article_leaves_a_out_of_the_url() {
        let one = Seed::all_analysed_now(&[("only", "only.txt", "Title\nBody text.\n")]);
        let s = State::with_seeds(one, "");
        assert_eq!(s.to_query(), "");
        let s = s.reduce_action(Action::SetQuery("body".into()));
        assert_eq!(s.to_query(), "?q=body");
        assert_eq!(State::with_seeds(one, &s.to_query()).filter.query, "body");
    }

    #[test]
    fn the_view_and_window_follow_the_article_and_filter_only() {
        let s = state("");
        let (v0, w0) = (s.view.version, s.window);
        assert_eq!(w0.start, 0);
        assert_eq!(s.view.visible, s.article().doc.sections.len());
        // A filter change: a new view, a fresh window.
        let s = s.reduce_action(Action::SetQuery("nowhere".into()));
        assert!(s.view.version != v0);
        assert_eq!((s.view.visible, s.window.pending), (0, None));
        // The same filter again (Restore of what is shown): the view and window stay.
        let v1 = s.view.version;
        let s = s.reduce_action(Action::Reveal(Focus::Section(1)));
        assert_eq!((s.nav, s.window.seq), (Nav::None, 1));
        assert!(s.window.pending.is_some());
        let s = s.reduce_action(Action::Restore("?a=oslo&q=nowhere".into()));
        assert_eq!((s.view.version, s.window.seq), (v1, 1));
        // Window actions leave the URL and the typing run alone.
        let s = s.reduce_action(Action::SetQuery("train".into())).reduce_action(Action::More);
        assert_eq!(s.nav, Nav::None);
        assert_eq!(s.reduce_action(Action::SetQuery("tra".into())).nav, Nav::Replace);
    }

    #[test]
    fn a_block_the_article_does_not_have_is_no_place_to_go() {
        let s = state("");
        let blocks = s.article().doc.blocks.len();
        let after = s.reduce_action(Action::Reveal(Focus::Block(blocks + 40)));
        assert_eq!((after.window, after.nav), (s.window, s.nav));
        let to_last = s.reduce_action(Action::Reveal(Focus::Block(blocks - 1)));
        assert!(to_last.window.pending.is_some() && to_last.window.end <= blocks);
    }

    #[test]
    fn each_article_the_reader_brings_is_a_new_version() {
        let s = state("").reduce_action(Action::LoadArticle { analysis: yours("One\nText.\n"), kept: false });
        let first = s.article();
        let s = s.reduce_action(Action::LoadArticle { analysis: yours("One\nText.\n"), kept: true });
        assert!(s.article() != first, "same text, read again: a new article for the components");
        assert!(s.keep);
        assert!(s.view.version != 0);
    }
}
