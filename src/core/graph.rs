//! The entity graph: which entities are named together, and a deterministic
//! layout to draw them. Plain Rust; the app's graph component only draws it.
//!
//! Two entities are linked when they are named in the same sentence; an
//! edge's weight is how many sentences they share (and, for the text
//! alternative, how many sections). Nodes are laid out on a circle in
//! salience order, the most salient at the top, clockwise: the same article
//! always gives the same picture.

use super::order::by_small_key;
use super::Analysis;

/// A link between two entities (indexes into `Entities::entities`, `a < b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    /// Sentences that name both.
    pub sentences: usize,
    /// Sections that name both.
    pub sections: usize,
}

/// Co-occurrence over all entities of an article, strongest edges first
/// (ties: by the pair's indexes), pairs that never share a sentence left out.
pub fn edges(a: &Analysis) -> Vec<Edge> {
    // One entry per pair and sentence (long texts have many entities but few
    // pairs per sentence), sorted and counted below.
    let mut pairs: Vec<Edge> = Vec::new();
    // The entities named in each sentence (mentions and sentences are both in text order).
    let mut m = 0;
    let mentions = &a.entities.mentions;
    for sentence in &a.doc.sentences {
        while m < mentions.len() && mentions[m].span.start < sentence.span.start {
            m += 1;
        }
        let mut here: Vec<usize> = Vec::new();
        let mut k = m;
        while k < mentions.len() && mentions[k].span.start < sentence.span.end {
            // Kept sorted and unique as it grows (a sentence names few entities).
            if let Err(at) = here.binary_search(&mentions[k].entity) {
                here.insert(at, mentions[k].entity);
            }
            k += 1;
        }
        for (i, &x) in here.iter().enumerate() {
            for &y in &here[i + 1..] {
                pairs.push(Edge { a: x, b: y, sentences: 1, sections: 0 });
            }
        }
    }
    // Grouped by pair: ordered by `a`, then `b` (two stable counting sorts, last key first).
    let n = a.entities.entities.len();
    let by = |edges: Vec<Edge>, key: &dyn Fn(&Edge) -> usize, buckets: usize| {
        let keys: Vec<usize> = edges.iter().map(key).collect();
        by_small_key(edges, &keys, buckets)
    };
    let pairs = by(by(pairs, &|e| e.b, n), &|e| e.a, n);
    let ents = &a.entities.entities;
    let out: Vec<Edge> = pairs
        .chunk_by(|p, q| (p.a, p.b) == (q.a, q.b))
        .map(|run| {
            let (x, y) = (run[0].a, run[0].b);
            let sections = ents[x].sections.iter().filter(|s| ents[y].sections.binary_search(s).is_ok()).count();
            Edge { a: x, b: y, sentences: run.len(), sections }
        })
        .collect();
    // Strongest first: most sentences, then most sections, then by pair (the order they are in).
    let most = |f: fn(&Edge) -> usize| out.iter().map(f).max().unwrap_or(0);
    let (sentences, sections) = (most(|e| e.sentences), most(|e| e.sections));
    let out = by(out, &|e| sections - e.sections, sections + 1);
    by(out, &|e| sentences - e.sentences, sentences + 1)
}

/// Positions of `n` nodes on a circle of radius `r` around `(cx, cy)`: the
/// first at the top, then clockwise. Rounded to tenths, so output is stable.
/// `sin t` for any `t`, to about 1e-6: a Taylor polynomial on `[-π/2, π/2]` after
/// folding `t` there. The same arithmetic on every target (the prerendered page and
/// the browser draw the same layout) and no libm in the wasm.
fn sin(t: f32) -> f32 {
    use std::f32::consts::{PI, TAU};
    let mut x = t - TAU * (t / TAU).round();
    if x > PI / 2.0 {
        x = PI - x;
    } else if x < -PI / 2.0 {
        x = -PI - x;
    }
    let x2 = x * x;
    x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0 * (1.0 - x2 / 42.0 * (1.0 - x2 / 72.0 * (1.0 - x2 / 110.0)))))
}

pub fn circle(n: usize, cx: f32, cy: f32, r: f32) -> Vec<(f32, f32)> {
    let round = |v: f32| (v * 10.0).round() / 10.0;
    if n == 1 {
        return vec![(cx, cy)];
    }
    (0..n)
        .map(|i| {
            let t = std::f32::consts::TAU * i as f32 / n as f32 - std::f32::consts::FRAC_PI_2;
            (round(cx + r * sin(t + std::f32::consts::FRAC_PI_2)), round(cy + r * sin(t)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(a: &Analysis, e: &Edge) -> (String, String) {
        let ents = &a.entities.entities;
        (ents[e.a].name.clone(), ents[e.b].name.clone())
    }

    #[test]
    fn counts_shared_sentences_and_sections() {
        let a = Analysis::new(
            "Title\n\nMaria Keller met John Smith in Oslo. Maria Keller left Oslo.\n\nLater\n\nJohn Smith stayed in Oslo.\n",
        );
        let edges = edges(&a);
        let find = |x: &str, y: &str| {
            edges.iter().find(|e| {
                let (p, q) = names(&a, e);
                (p == x && q == y) || (p == y && q == x)
            })
        };
        let ko = find("Maria Keller", "Oslo").expect("Keller–Oslo");
        assert_eq!((ko.sentences, ko.sections), (2, 1));
        let so = find("John Smith", "Oslo").expect("Smith–Oslo");
        assert_eq!((so.sentences, so.sections), (2, 2));
        let ks = find("Maria Keller", "John Smith").expect("Keller–Smith");
        assert_eq!(ks.sentences, 1);
        // Strongest first (sentences, then sections), ties by pair, every pair once, a < b.
        let rank = |e: &Edge| (std::cmp::Reverse(e.sentences), std::cmp::Reverse(e.sections), e.a, e.b);
        assert!(edges.windows(2).all(|w| rank(&w[0]) < rank(&w[1])), "{edges:?}");
        assert!(edges.iter().all(|e| e.a < e.b));
    }

    #[test]
    fn entities_in_different_sentences_are_not_linked() {
        let a = Analysis::new("Title\n\nMaria Keller spoke. Oslo was cold.\n");
        assert!(edges(&a).is_empty());
    }

    #[test]
    fn the_seed_links_asif_and_pakistan() {
        let a = Analysis::new(crate::seeds::SEEDS[0].text);
        let e = edges(&a);
        assert!(e.iter().any(|e| {
            let (p, q) = names(&a, e);
            (p == "Khawaja Asif" && q == "Pakistan") || (p == "Pakistan" && q == "Khawaja Asif")
        }));
        // Deterministic: the same edges twice; strongest first, ties by pair, each pair once.
        assert_eq!(e, edges(&Analysis::new(crate::seeds::SEEDS[0].text)));
        let rank = |e: &Edge| (std::cmp::Reverse(e.sentences), std::cmp::Reverse(e.sections), e.a, e.b);
        assert!(e.windows(2).all(|w| rank(&w[0]) < rank(&w[1])));
    }

    #[test]
    fn sine_matches_the_library_closely() {
        for i in -4000..4000 {
            let t = i as f32 / 500.0;
            assert!((sin(t) - t.sin()).abs() < 1e-5, "sin({t})");
        }
    }

    #[test]
    fn circle_layout_is_deterministic_and_starts_at_the_top() {
        let p = circle(4, 100.0, 100.0, 50.0);
        assert_eq!(p, vec![(100.0, 50.0), (150.0, 100.0), (100.0, 150.0), (50.0, 100.0)]);
        assert_eq!(circle(1, 10.0, 20.0, 5.0), vec![(10.0, 20.0)]);
        assert!(circle(0, 0.0, 0.0, 1.0).is_empty());
        assert_eq!(circle(7, 0.0, 0.0, 10.0), circle(7, 0.0, 0.0, 10.0));
    }
}
