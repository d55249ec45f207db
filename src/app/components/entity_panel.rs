//! The entity panel: entities grouped by kind, ordered by salience, each a
//! toggle that filters sections; a toggle per kind; the all/any switch. The
//! toggles answer through the explorer's one click listener (`hooks/use_controls.rs`),
//! by their `data-entity`, `data-kind` and `data-toggle`.

use crate::app::instance::use_instance;
use crate::app::state::Article;
use crate::core::entities::{Entity, EntityKind};
use crate::core::filter::Filter;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EntityPanelProps {
    pub article: Article,
    /// The filter without its search text ([`Filter::without_query`]): typing does not redraw the panel.
    pub filter: Filter,
}

fn pressed(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// A tooltip with the roles and other names an entity goes by.
fn details(e: &Entity) -> Option<String> {
    let mut parts = Vec::new();
    if !e.roles.is_empty() {
        parts.push(e.roles.join(", "));
    }
    if !e.aliases.is_empty() {
        parts.push(format!("also {}", e.aliases.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[function_component(EntityPanel)]
pub fn entity_panel(props: &EntityPanelProps) -> Html {
    let ids = use_instance();
    let entities = &props.article.entities.entities;
    let filter = &props.filter;
    let groups = EntityKind::ALL.into_iter().filter(|k| entities.iter().any(|e| e.kind == *k)).map(|kind| {
        let shown = !filter.is_hidden(kind);
        let list = shown.then(|| {
            let items = entities.iter().enumerate().filter(|(_, e)| e.kind == kind).map(|(i, e)| {
                html! {
                    <EntityButton
                        key={e.id.clone()}
                        article={props.article.clone()}
                        entity={i}
                        chosen={filter.entities.contains(&e.id)}
                    />
                }
            });
            html! { <ul>{ for items }</ul> }
        });
        html! {
            <div class="kind-group" data-kind={kind.as_str()} key={kind.as_str()}>
                <div class="kind-head">
                    <h2>{ kind.plural_label() }</h2>
                    <button type="button" class="kind-toggle" data-kind={kind.as_str()} aria-pressed={pressed(shown)}>
                        { format!("Show {}", kind.plural_label().to_ascii_lowercase()) }
                    </button>
                </div>
                { for list }
            </div>
        }
    });
    html! {
        <aside aria-label={ids.label("Entities")} class="entities panel">
            <p class="panel-title">{ "Entities" }</p>
            <button type="button" id={ids.id("match-mode")} class="match-mode" data-toggle="any" aria-pressed={pressed(filter.any)}>
                { "Match any chosen entity" }
            </button>
            { for groups }
        </aside>
    }
}

#[derive(Properties, PartialEq)]
struct EntityButtonProps {
    article: Article,
    /// Index into the article's entities.
    entity: usize,
    chosen: bool,
}

/// One entity's toggle: redrawn only when it is chosen or unchosen.
#[function_component(EntityButton)]
fn entity_button(props: &EntityButtonProps) -> Html {
    let e = &props.article.entities.entities[props.entity];
    html! {
        <li>
            <button
                type="button"
                class={classes!("entity", format!("kind-{}", e.kind.as_str()))}
                data-entity={e.id.clone()}
                aria-pressed={pressed(props.chosen)}
                title={details(e)}
            >
                <span class="name">{ e.name.clone() }</span>
                { " " }
                <span class="count">{ e.mentions.len() }</span>
            </button>
        </li>
    }
}
