//! Modern news check: three short articles written for this project
//! (`tests/modern/`, sources and markup in its README), annotated with
//! PER / ORG / LOC / MISC spans. Each is analysed as the app analyses a
//! reader's article and scored by mention F1: a mention counts when its span
//! and kind are exactly a gold span's (person = PER, organisation = ORG,
//! place = LOC; MISC and the app's groups and other names are not scored).
//!
//! The floor is a sanity check (a model that lost its way on today's news
//! would fall far below it), not a figure tuned to these texts; the F1 of
//! each article is printed (`-- --nocapture`) and recorded in docs/NER.md.

use article_explorer::core::entities::EntityKind;
use article_explorer::core::Analysis;
use std::collections::BTreeSet;

const ARTICLES: &[(&str, &str)] = &[
    ("eu-summit", include_str!("modern/eu-summit.txt")),
    ("chipmaker", include_str!("modern/chipmaker.txt")),
    ("football", include_str!("modern/football.txt")),
];

/// Every article's mention F1 must reach this, and all together this plus 0.1.
const FLOOR: f64 = 0.6;

type Gold = BTreeSet<(usize, usize, EntityKind)>;

/// The plain text and its gold spans (byte offsets into the plain text).
fn strip(marked: &str) -> (String, Gold) {
    let mut text = String::new();
    let mut gold = Gold::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let (label, body) = after.split_once(' ').expect("a label after '['");
        let close = body.find(']').expect("a ']' closing the span");
        let start = text.len();
        text.push_str(&body[..close]);
        let kind = match label {
            "PER" => Some(EntityKind::Person),
            "ORG" => Some(EntityKind::Organization),
            "LOC" => Some(EntityKind::Place),
            "MISC" => None,
            other => panic!("unknown label {other}"),
        };
        if let Some(kind) = kind {
            gold.insert((start, text.len(), kind));
        }
        rest = &body[close + 1..];
    }
    text.push_str(rest);
    (text, gold)
}

/// (true positives, predicted, gold) for one article.
fn score(marked: &str) -> (usize, usize, usize, Vec<String>) {
    let (text, gold) = strip(marked);
    let a = Analysis::new(text.as_str());
    let pred: Gold = a
        .entities
        .mentions
        .iter()
        .filter(|m| matches!(m.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place))
        .map(|m| (m.span.start, m.span.end, m.kind))
        .collect();
    let mut errors = Vec::new();
    for (s, e, k) in pred.difference(&gold) {
        errors.push(format!("spurious {:?} {:?}", k, &text[*s..*e]));
    }
    for (s, e, k) in gold.difference(&pred) {
        errors.push(format!("missed {:?} {:?}", k, &text[*s..*e]));
    }
    (pred.intersection(&gold).count(), pred.len(), gold.len(), errors)
}

fn f1(tp: usize, np: usize, ng: usize) -> f64 {
    if tp == 0 {
        return 0.0;
    }
    let (p, r) = (tp as f64 / np as f64, tp as f64 / ng as f64);
    2.0 * p * r / (p + r)
}

#[test]
fn markup_is_stripped_to_the_plain_text_with_its_spans() {
    let (text, gold) = strip("[PER Jane Doe] met [MISC Kenyan] officials in [LOC Nairobi].");
    assert_eq!(text, "Jane Doe met Kenyan officials in Nairobi.");
    let spans: Vec<_> = gold.iter().map(|&(s, e, k)| (&text[s..e], k)).collect();
    assert_eq!(spans, vec![("Jane Doe", EntityKind::Person), ("Nairobi", EntityKind::Place)]);
}

#[test]
fn modern_articles_mention_f1() {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    let mut low = Vec::new();
    for (name, marked) in ARTICLES {
        let (t, p, g, errors) = score(marked);
        let f = f1(t, p, g);
        println!("{name}: mention F1 {f:.3} ({t} right of {p} found, {g} annotated)");
        for e in &errors {
            println!("  {e}");
        }
        if f < FLOOR {
            low.push(format!("{name} {f:.3}"));
        }
        tp += t;
        np += p;
        ng += g;
    }
    let all = f1(tp, np, ng);
    println!("all: mention F1 {all:.3} ({tp} right of {np} found, {ng} annotated)");
    assert!(low.is_empty(), "below {FLOOR}: {low:?}");
    assert!(all >= FLOOR + 0.1, "all together {all:.3} < {}", FLOOR + 0.1);
}
