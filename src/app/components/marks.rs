//! The mention map's layout, pure: which paragraphs get a mark for a filter,
//! in which column, how far down the strip, and with what label. Drawn by
//! `mention_map.rs`.

use crate::core::entities::EntityKind;
use crate::core::filter::{Filter, Outcome};
use crate::core::order::by_small_key;
use crate::core::Analysis;
use yew::AttrValue;

/// One mark: a paragraph where an entity (or a kind) is named.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub column: usize,
    pub kind: EntityKind,
    pub entity: usize,
    pub block: usize,
    pub section: usize,
    /// Byte offset of the first mention in the paragraph, as a percentage of the text.
    pub at: f32,
    /// The step of the strip it falls in (`at` in [`STEPS`] steps).
    pub step: usize,
    /// "Khawaja Asif, section 3" (sections counted from 1, paragraphs when several).
    pub label: AttrValue,
}

/// Above this many marks, the map keeps one mark per column in each of [`STEPS`] steps down the strip.
pub const MAX_MARKS: usize = 300;
/// How many steps the strip has for a long article's marks: about one mark's height
/// each on a 1,000-pixel-tall map (marks are ~10 px), so thinning hides little a
/// reader could tell apart.
pub const STEPS: usize = 100;

/// The marks for a filter: one per (entity, paragraph) in visible sections,
/// top to bottom (thinned out above [`MAX_MARKS`]); and the columns' names.
/// One pass over the mentions, no hashing: a long article's map is rebuilt
/// within a keystroke's budget.
pub fn marks(a: &Analysis, filter: &Filter, outcome: &Outcome) -> (Vec<Mark>, Vec<String>) {
    let ents = &a.entities.entities;
    let chosen = filter.chosen(&a.entities);
    let kinds: Vec<EntityKind> =
        EntityKind::ALL.into_iter().filter(|k| !filter.is_hidden(*k) && ents.iter().any(|e| e.kind == *k)).collect();
    let columns: Vec<String> = if chosen.is_empty() {
        kinds.iter().map(|k| k.plural_label().to_string()).collect()
    } else {
        chosen.iter().map(|&e| ents[e].name.clone()).collect()
    };
    let len = a.text.len().max(1) as f32;
    let mut out: Vec<Mark> = Vec::new();
    // Mentions come in text order, so a paragraph's are together: the entities already
    // marked in the current paragraph are all there is to remember.
    // Only the shown sections' mentions are looked at (a search that keeps a few sections of
    // a long article does not walk all of its mentions).
    let mentions = &a.entities.mentions;
    let shown = a.doc.sections.iter().enumerate().filter(|(s, _)| outcome.shows(*s)).flat_map(|(s, section)| {
        let from = mentions.partition_point(|m| m.block < section.blocks.start);
        let to = from + mentions[from..].partition_point(|m| m.block < section.blocks.end);
        mentions[from..to].iter().map(move |m| (s, m))
    });
    // (A section's blocks can hold the title, which belongs to no section and gets no mark.)
    let shown = shown.filter(|(s, m)| a.doc.blocks[m.block].section == Some(*s));
    let (mut block, mut marked) = (usize::MAX, Vec::new());
    for (section, m) in shown {
        let column = if chosen.is_empty() {
            kinds.iter().position(|k| *k == m.kind)
        } else {
            chosen.iter().position(|&e| e == m.entity)
        };
        let Some(column) = column else { continue };
        if m.block != block {
            block = m.block;
            marked.clear();
        }
        if marked.contains(&m.entity) {
            continue;
        }
        marked.push(m.entity);
        let at = (m.span.start as f32 / len * 100.0).clamp(1.0, 99.0);
        out.push(Mark {
            column,
            kind: m.kind,
            entity: m.entity,
            block: m.block,
            section,
            at,
            step: (at * STEPS as f32 / 100.0) as usize,
            label: AttrValue::default(),
        });
    }
    // Labels: the paragraph number only when the entity has several marks in a section
    // (counted before thinning; a section's marks are together, in text order).
    let mut count = vec![0u32; ents.len()];
    let mut several = vec![false; out.len()];
    let mut from = 0;
    while from < out.len() {
        let to = from + out[from..].iter().take_while(|k| k.section == out[from].section).count();
        for k in &out[from..to] {
            count[k.entity] += 1;
        }
        for i in from..to {
            several[i] = count[out[i].entity] > 1;
        }
        for k in &out[from..to] {
            count[k.entity] = 0;
        }
        from = to;
    }
    // A long article: at most one mark per column and step of the strip, so the map stays small.
    if out.len() > MAX_MARKS {
        let mut taken = vec![false; columns.len() * (STEPS + 1)];
        (out, several) = out
            .into_iter()
            .zip(several)
            .filter(|(k, _)| !std::mem::replace(&mut taken[k.column * (STEPS + 1) + k.step], true))
            .unzip();
    }
    for (k, several) in out.iter_mut().zip(several) {
        let name = &ents[k.entity].name;
        k.label = if several {
            let nth = a.doc.paragraph_position(k.block).map_or(0, |(_, nth)| nth);
            format!("{name}, section {}, paragraph {}", k.section + 1, nth + 1).into()
        } else {
            format!("{name}, section {}", k.section + 1).into()
        };
    }
    // Top to bottom, a step at a time, left to right within it (the arrow keys' order):
    // the marks of a step keep their places among the others when the filter changes.
    (by_step_and_column(out, columns.len()), columns)
}

/// `marks` ordered by (step, column), in text order within each.
fn by_step_and_column(marks: Vec<Mark>, columns: usize) -> Vec<Mark> {
    let keys: Vec<usize> = marks.iter().map(|k| k.step * columns.max(1) + k.column).collect();
    by_small_key(marks, &keys, (STEPS + 1) * columns.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_filter() {
        let a = Analysis::new(crate::seeds::SEEDS[0].text);
        let all = Filter::default();
        let (m, cols) = marks(&a, &all, &a.apply(&all));
        assert!(!m.is_empty());
        assert!(cols.contains(&"People".to_string()));
        assert!(m.windows(2).all(|w| (w[0].step, w[0].column) <= (w[1].step, w[1].column)), "top to bottom");
        let f = Filter { entities: vec!["person-khawaja-asif".into()], ..Filter::default() };
        let (m, cols) = marks(&a, &f, &a.apply(&f));
        assert_eq!(cols, ["Khawaja Asif"]);
        assert!(!m.is_empty());
        assert!(m.iter().all(|k| k.label.starts_with("Khawaja Asif, section ")), "{m:?}");
        let hidden = Filter { hidden: EntityKind::ALL.to_vec(), ..Filter::default() };
        assert!(marks(&a, &hidden, &a.apply(&hidden)).0.is_empty());
    }

    #[test]
    fn ordering_is_the_stable_sort_by_step_and_column() {
        let mark = |step, column, block| Mark {
            column,
            kind: EntityKind::Person,
            entity: 0,
            block,
            section: 0,
            at: 0.0,
            step,
            label: AttrValue::default(),
        };
        let marks: Vec<Mark> =
            (0..400).map(|i| mark((i * 37) % (STEPS + 1), (i * 7) % 3, i)).chain([mark(STEPS, 2, 400)]).collect();
        let mut expected = marks.clone();
        expected.sort_by_key(|k| (k.step, k.column));
        assert_eq!(by_step_and_column(marks, 3), expected);
    }

    #[test]
    fn a_long_article_has_a_bounded_map() {
        let mut text = String::from("Long\n\n");
        for n in 0..3000 {
            text.push_str(&format!("Anna Lund met Erik Berg in Bergen on day {n}.\n\n"));
        }
        let a = Analysis::new(text);
        let all = Filter::default();
        let (m, cols) = marks(&a, &all, &a.apply(&all));
        assert!(!m.is_empty());
        assert!(m.len() <= cols.len() * (STEPS + 1), "{} marks", m.len());
        assert!(
            m.windows(2).all(|w| (w[0].step, w[0].column) < (w[1].step, w[1].column)),
            "one per column and step, top to bottom"
        );
    }
}
