//! Throughput of the core on one core: parse alone, and the whole chain
//! (parse, entities, index) that the app runs per article.
//!
//! `cargo bench --bench throughput -- [FILE…]` (default: every seed). Each
//! file is one article; figures are MB of input per second, best of several
//! rounds of at least half a second each.

use article_explorer::core::{parse::parse, Analysis};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn rate(bytes: usize, mut run: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let mut rounds = 0u32;
        while start.elapsed() < Duration::from_millis(500) {
            run();
            rounds += 1;
        }
        best = best.min(start.elapsed().as_secs_f64() / rounds as f64);
    }
    bytes as f64 / best / 1e6
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let inputs: Vec<(String, String)> = if files.is_empty() {
        article_explorer::seeds::SEEDS.iter().map(|s| (s.file_name.to_string(), s.text.to_string())).collect()
    } else {
        files
            .iter()
            .map(|f| (f.clone(), std::fs::read_to_string(f).unwrap_or_else(|e| panic!("cannot read {f}: {e}"))))
            .collect()
    };
    println!("{:<40} {:>10} {:>12} {:>16} {:>10}", "input", "bytes", "parse MB/s", "analyse MB/s", "entities");
    for (name, text) in &inputs {
        let parse_rate = rate(text.len(), || {
            black_box(parse(black_box(text)));
        });
        let mut entities = 0;
        let full_rate = rate(text.len(), || {
            let a = Analysis::new(black_box(text.as_str()));
            entities = a.entities.entities.len();
            black_box(a);
        });
        let short = if name.len() > 40 { &name[name.len() - 40..] } else { name };
        println!("{short:<40} {:>10} {parse_rate:>12.1} {full_rate:>16.2} {entities:>10}", text.len());
    }
}
