//! The page header: title, figures, article switcher, search and status.

use super::{plural, SearchBox};
use crate::app::browser;
use crate::app::instance::use_instance;
use crate::app::state::{Action, Article, Shown, YOURS_SLUG};
use crate::seeds::Seed;
use yew::prelude::*;

/// Reading speed for the "min read" figure, in words per minute.
pub const WORDS_PER_MINUTE: usize = 230;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub article: Article,
    pub seeds: &'static [Seed],
    /// Which article is shown.
    pub shown: Shown,
    /// The title of the reader's own article, when there is one (an extra switcher entry).
    #[prop_or_default]
    pub yours: Option<AttrValue>,
    pub query: String,
    pub visible: usize,
    pub total: usize,
    pub dispatch: Callback<Action>,
}

/// `7 sections · 512 words · 3 min read · 5 entities`.
pub fn figures(article: &Article) -> String {
    let words = article.doc.word_count();
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    format!(
        "{} · {} · {minutes} min read · {}",
        plural(article.doc.sections.len(), "section", "sections"),
        plural(words, "word", "words"),
        plural(article.entities.entities.len(), "entity", "entities"),
    )
}

/// The first non-empty line of a seed: its title, without analysing it.
pub fn seed_title(seed: &Seed) -> &'static str {
    let text: &'static str = seed.text;
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or(seed.slug)
}

#[function_component(Masthead)]
pub fn masthead(props: &MastheadProps) -> Html {
    let ids = use_instance();
    // Counting the words walks the whole article: once per article, not at every keystroke.
    let figures = use_memo(props.article.clone(), figures);
    let yours_option = props.yours.as_ref().map(|t| {
        let name = if t.trim().is_empty() { "Your article".to_string() } else { format!("Your article: {t}") };
        html! { <option value={YOURS_SLUG} selected={props.shown == Shown::Yours}>{ name }</option> }
    });
    let switcher = (props.seeds.len() + usize::from(props.yours.is_some()) >= 2).then(|| {
        let onchange = props.dispatch.reform(|e: Event| Action::SwitchArticle(browser::value_of(&e)));
        html! {
            <div class="field switcher">
                <label for={ids.id("article")}>{ "Article" }</label>
                <select id={ids.id("article")} {onchange}>
                    { for props.seeds.iter().enumerate().map(|(i, seed)| html! {
                        <option value={seed.slug} selected={props.shown == Shown::Seed(i)}>{ seed_title(seed) }</option>
                    }) }
                    { for yours_option }
                </select>
            </div>
        }
    });
    html! {
        <header class="masthead">
            <div class="masthead-text">
                <h1 id={ids.id("title")}>{ props.article.display_title().to_string() }</h1>
                <p class="figures">{ (*figures).clone() }</p>
            </div>
            <div class="controls">
                { for switcher }
                <SearchBox query={props.query.clone()} dispatch={props.dispatch.clone()} />
                <p id={ids.id("status")} class="status" role="status" aria-live="polite">
                    { format!("{} of {}", props.visible, plural(props.total, "section", "sections")) }
                </p>
            </div>
        </header>
    }
}
