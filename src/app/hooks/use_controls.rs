//! The outline's and the side panels' controls answer through one click listener on
//! the explorer's root, not a closure per button: each control says what it does in its
//! attributes (`docs/DOM.md`), which [`control_action`] reads. The listener is there
//! from the first render, so a prerendered page's outline and panels answer before
//! their turn redraws them (see `explorer.rs`'s `Turn`).

use crate::app::browser;
use crate::app::state::Action;
use crate::app::window::Focus;
use crate::core::entities::EntityKind;
use yew::prelude::*;

#[hook]
pub fn use_control_clicks(root: &NodeRef, dispatch: &Callback<Action>) {
    let (root, dispatch) = (root.clone(), dispatch.clone());
    use_effect_with((), move |_| {
        let listener = browser::on_control_click(&root, CONTROLS, move |attr| {
            if let Some(action) = control_action(attr) {
                dispatch.emit(action);
            }
        });
        move || drop(listener)
    });
}

/// The controls [`control_action`] reads (their default, a link's navigation, is the app's):
/// - a link with `data-section` goes to that section (an outline row), unless `aria-disabled`;
/// - a link with `data-paragraph` goes to that paragraph, by block index (a quote's);
/// - a button with `data-entity` toggles that entity (the entity panel, a quote's speaker);
/// - a button with `data-kind` shows or hides that kind;
/// - a button with `data-toggle="any"` switches between all and any chosen entity.
///
/// (The mention map's marks, links with `data-block`, and the graph's nodes keep their own
/// listeners: they are drawn after the page is taken over, and move their tab stop.)
pub const CONTROLS: &str =
    "a[data-section], a[data-paragraph], button[data-entity], button[data-kind], button[data-toggle=any]";

/// What a click on one of the [`CONTROLS`] asks for, from its attributes: `None` when it
/// does nothing now (the row of a section the filter hides, a damaged attribute).
pub fn control_action(attr: &dyn Fn(&str) -> Option<String>) -> Option<Action> {
    if let Some(section) = attr("data-section") {
        let disabled = attr("aria-disabled").as_deref() == Some("true");
        return section.parse().ok().filter(|_| !disabled).map(|s| Action::Reveal(Focus::Section(s)));
    }
    if let Some(block) = attr("data-paragraph") {
        return block.parse().ok().map(|b| Action::Reveal(Focus::Block(b)));
    }
    if let Some(id) = attr("data-entity") {
        return Some(Action::ToggleEntity(id));
    }
    if let Some(kind) = attr("data-kind") {
        return EntityKind::parse(&kind).map(Action::ToggleKind);
    }
    (attr("data-toggle").as_deref() == Some("any")).then_some(Action::ToggleAny)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The action as its debug form (actions carry analyses, which do not compare).
    fn action(attrs: &[(&str, &str)]) -> Option<String> {
        let attr = |name: &str| attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
        control_action(&attr).map(|a| format!("{a:?}"))
    }

    fn some(action: Action) -> Option<String> {
        Some(format!("{action:?}"))
    }

    #[test]
    fn each_control_says_what_it_does() {
        let entity = action(&[("data-entity", "person-anna-lund"), ("class", "entity kind-person")]);
        assert_eq!(entity, some(Action::ToggleEntity("person-anna-lund".into())));
        assert_eq!(action(&[("data-kind", "place")]), some(Action::ToggleKind(EntityKind::Place)));
        assert_eq!(action(&[("data-toggle", "any")]), some(Action::ToggleAny));
        assert_eq!(action(&[("data-section", "3"), ("href", "#section-3")]), some(Action::Reveal(Focus::Section(3))));
        assert_eq!(action(&[("data-paragraph", "12")]), some(Action::Reveal(Focus::Block(12))));
    }

    #[test]
    fn a_hidden_sections_row_or_a_damaged_control_does_nothing() {
        assert_eq!(action(&[("data-section", "3"), ("aria-disabled", "true")]), None);
        assert_eq!(action(&[("data-section", "x")]), None);
        assert_eq!(action(&[("data-kind", "weather")]), None);
    }

    #[test]
    fn the_selector_names_every_attribute_read() {
        for attribute in ["data-section", "data-paragraph", "data-entity", "data-kind", "data-toggle"] {
            assert!(CONTROLS.contains(&format!("[{attribute}")), "{attribute}");
        }
        assert!(!CONTROLS.contains("data-block"), "the mention map's marks answer on their own");
    }
}
