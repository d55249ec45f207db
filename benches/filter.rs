//! Filter latency at scale: a ~5 MB article of 1,000 sections (the input
//! file repeated, a heading every few paragraphs), then every keystroke of a
//! few queries and a few entity choices, as the app would apply them.
//!
//! `cargo bench --bench filter -- FILE` prints the one-time analysis cost
//! and p50/p95/max per filter update. Native figures; wasm runs slower.

use article_explorer::core::filter::Filter;
use article_explorer::core::Analysis;
use std::time::Instant;

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
    let mut visible = 0;
    let mut slowest: Option<(f64, String)> = None;
    for query in ["government", "minister said", "\"prime minister\"", "oil prices"] {
        for n in 1..=query.len() {
            let f = Filter { query: query[..n].to_string(), ..Filter::default() };
            let t = Instant::now();
            visible = a.apply(&f).visible;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            times.push(ms);
            if slowest.as_ref().is_none_or(|(m, _)| ms > *m) {
                slowest = Some((ms, format!("{:?}", f.query)));
            }
        }
    }
    let ids: Vec<String> = a.entities.entities.iter().take(5).map(|e| e.id.clone()).collect();
    for k in 1..=ids.len() {
        for any in [false, true] {
            let f = Filter { entities: ids[..k].to_vec(), any, ..Filter::default() };
            let t = Instant::now();
            visible = a.apply(&f).visible;
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} filter updates: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms (last kept {visible} sections); slowest query {}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().unwrap(),
        slowest.map_or(String::new(), |(ms, q)| format!("{q}: {ms:.2} ms"))
    );
}
