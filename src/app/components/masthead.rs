//! The page header: title, figures, article switcher, search and status.

use super::{plural, SearchBox};
use crate::app::state::Action;
use crate::app::Article;
use crate::seeds::Seed;
use yew::prelude::*;

/// Reading speed for the "min read" figure, in words per minute.
pub const WORDS_PER_MINUTE: usize = 230;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub article: Article,
    pub seeds: &'static [Seed],
    pub current: usize,
    pub query: String,
    pub visible: usize,
    pub total: usize,
    pub dispatch: Callback<Action>,
    /// The title of the reader's own article, when there is one (an extra switcher entry).
    #[prop_or_default]
    pub user_title: Option<AttrValue>,
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
    let ids = crate::app::mount::use_instance();
    let title = props.article.title().to_string();
    let user_option = props.user_title.as_ref().map(|t| {
        let name = if t.trim().is_empty() { "Your article".to_string() } else { format!("Your article: {t}") };
        html! { <option value={crate::app::state::USER_SLUG} selected={props.current == props.seeds.len()}>{ name }</option> }
    });
    let switcher = (props.seeds.len() + props.user_title.is_some() as usize >= 2).then(|| {
        let onchange = {
            let dispatch = props.dispatch.clone();
            Callback::from(move |e: Event| {
                #[cfg(target_arch = "wasm32")]
                {
                    let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                    dispatch.emit(Action::SwitchArticle(select.value()));
                }
                #[cfg(not(target_arch = "wasm32"))]
                let _ = (e, &dispatch);
            })
        };
        html! {
            <div class="field switcher">
                <label for={ids.id("article")}>{ "Article" }</label>
                <select id={ids.id("article")} {onchange}>
                    { for props.seeds.iter().enumerate().map(|(i, seed)| html! {
                        <option value={seed.slug} selected={i == props.current}>{ seed_title(seed) }</option>
                    }) }
                    { for user_option }
                </select>
            </div>
        }
    });
    html! {
        <header class="masthead">
            <div class="masthead-text">
                <h1 id={ids.id("title")}>{ if title.is_empty() { "Untitled article".to_string() } else { title } }</h1>
                <p class="figures">{ figures(&props.article) }</p>
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
