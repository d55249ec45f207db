//! Filter latency at scale: a ~5 MB article of 1,000 sections (the input
//! file repeated, a heading every few paragraphs), then every keystroke of a
//! few queries and a few entity choices, as the app would apply them.
//!
//! `cargo bench --bench filter -- FILE` prints the one-time analysis cost
//! and p50/p95/max per filter update, each keystroke applied afresh and
//! refined from the one before (as the app does), the fastest of five runs each. `--as-is` takes FILE as the
//! article itself (e.g. the browser benchmark's, written by `bench/scale.mjs`'s
//! generator). Native figures; wasm runs slower.

use article_explorer::core::filter::{refine, Filter};
use article_explorer::core::Analysis;
use std::time::Instant;

/// Each update is timed this many times, and the fastest kept.
const REPEAT: usize = 5;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let file = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let base = match &file {
        Some(f) => std::fs::read_to_string(f).unwrap_or_else(|e| panic!("cannot read {f}: {e}")),
        None => article_explorer::seeds::SEEDS[0].text.to_string(),
    };
    // Paragraphs of the input, reused round-robin into 1,000 sections.
    let paras: Vec<&str> = base.split('\n').map(str::trim).filter(|p| p.len() > 80).collect();
    let mut text = String::from("A corpus of one thousand sections\n\n");
    let mut i = 0;
    for s in 0..1000 {
        text.push_str(&format!("## Section {s}\n\n"));
        while text.len() < (s + 1) * 5_000 {
            text.push_str(paras[i % paras.len()]);
            text.push_str("\n\n");
            i += 1;
        }
    }
    if std::env::args().any(|a| a == "--as-is") {
        text = base.clone();
    }
    let start = Instant::now();
    let a = Analysis::new(text.as_str());
    let analyse_ms = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "corpus: {} bytes, {} sections, {} entities, {} mentions; analysed once in {analyse_ms:.0} ms",
        text.len(),
        a.doc.sections.len(),
        a.entities.entities.len(),
        a.entities.mentions.len()
    );

    let mut times = Vec::new();
    let mut refined = Vec::new();
    let mut visible = 0;
    let mut slowest: Vec<(f64, String)> = Vec::new();
    for query in ["government", "minister said", "\"prime minister\"", "oil prices", "harbour", "lighthouse"] {
        let mut before = (Filter::default(), a.apply(&Filter::default()));
        for n in 1..=query.len() {
            let f = Filter { query: query[..n].to_string(), ..Filter::default() };
            let ms = fastest(|| visible = a.apply(&f).visible);
            times.push(ms);
            slowest.push((ms, format!("{:?}", f.query)));
            let mut outcome = Default::default();
            let ms = fastest(|| outcome = refine(&a.doc, &a.entities, &a.index, &f, &before.0, &before.1));
            refined.push(ms);
            before = (f, outcome);
        }
    }
    println!("{} keystrokes refined from the one before: {}", refined.len(), summary(&mut refined));
    let ids: Vec<String> = a.entities.entities.iter().take(5).map(|e| e.id.clone()).collect();
    for k in 1..=ids.len() {
        for any in [false, true] {
            let f = Filter { entities: ids[..k].to_vec(), any, ..Filter::default() };
            times.push(fastest(|| visible = a.apply(&f).visible));
        }
    }
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    let slowest: Vec<String> = slowest.iter().take(5).map(|(ms, q)| format!("{q} {ms:.2} ms")).collect();
    println!(
        "{} filter updates: {} (last kept {visible} sections); slowest queries {}",
        times.len(),
        summary(&mut times),
        slowest.join(", ")
    );
}

/// How long `f` takes: the fastest of [`REPEAT`] runs (on a busy machine, the others measure the machine).
fn fastest(mut f: impl FnMut()) -> f64 {
    (0..REPEAT)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

/// `p50 … ms, p95 … ms, max … ms` of `times`.
fn summary(times: &mut [f64]) -> String {
    times.sort_by(f64::total_cmp);
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        percentile(times, 0.5),
        percentile(times, 0.95),
        times.last().unwrap()
    )
}
