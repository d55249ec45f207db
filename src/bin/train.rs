//! Trainer and evaluator for the NER model (see docs/NER.md).
//!
//! ```text
//! cargo run --release --bin train -- train [--data ../shared/data/conll2003] [--out model/ner.bin]
//! cargo run --release --bin train -- eval  [--data ../shared/data/conll2003] [--model FILE]
//! cargo run --release --bin train -- bench [--data ../shared/data/conll2003]
//! ```

use article_explorer::core::ner::{self, train};
use std::process::exit;
use std::time::Instant;

struct Args {
    cmd: String,
    data: String,
    out: String,
    model: Option<String>,
    cfg: train::Config,
    recase: String,
    verbose: bool,
    split: String,
    docs: bool,
    /// train: no document-level features; eval: the first pass only
    no_doc: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: train <train|eval|bench|tag> [--data DIR] [--out FILE] [--model FILE] [--split dev|train]\n\
         \x20      [--bits N] [--epochs N] [--seed N] [--p-upper X] [--p-title X] [--dropout X]\n\
         \x20      [--prune X] [--scale X] [--margin N] [--p-lower X] [--doc-drop X] [--verbose]\n\
         \x20      [--no-doc]  (train: no document-level second pass; eval: score the first pass only)\n\
         \x20      [--recase upper|title|lower]  (eval: re-case the data to test robustness)\n\
         \x20      [--docs]  (eval: also score whole articles through parse + entities resolution)"
    );
    exit(2)
}

fn parse_args() -> Args {
    let mut it = std::env::args().skip(1);
    let cmd = it.next().unwrap_or_else(|| usage());
    let mut a = Args {
        cmd,
        data: "../shared/data/conll2003".into(),
        out: "model/ner.bin".into(),
        model: None,
        cfg: train::Config::default(),
        recase: String::new(),
        verbose: false,
        split: "dev".into(),
        docs: false,
        no_doc: false,
    };
    while let Some(k) = it.next() {
        if k == "--verbose" {
            a.verbose = true;
            continue;
        }
        if k == "--docs" {
            a.docs = true;
            continue;
        }
        if k == "--no-doc" {
            a.no_doc = true;
            a.cfg.doc_pass = false;
            continue;
        }
        let v = it.next().unwrap_or_else(|| usage());
        let num = |v: &str| -> f64 {
            v.parse().unwrap_or_else(|_| {
                eprintln!("error: {k} expects a number, got {v:?}");
                exit(2)
            })
        };
        match k.as_str() {
            "--data" => a.data = v,
            "--out" => a.out = v,
            "--model" => a.model = Some(v),
            "--split" => a.split = v,
            "--bits" => a.cfg.bits = num(&v) as u32,
            "--epochs" => a.cfg.epochs = num(&v) as usize,
            "--seed" => a.cfg.seed = num(&v) as u64,
            "--p-upper" => a.cfg.p_upper = num(&v),
            "--p-title" => a.cfg.p_title = num(&v),
            "--p-lower" => a.cfg.p_lower = num(&v),
            "--doc-drop" => a.cfg.doc_drop = num(&v),
            "--folds" => a.cfg.folds = num(&v) as usize,
            "--dropout" => a.cfg.dropout = num(&v),
            "--prune" => a.cfg.prune = num(&v),
            "--scale" => a.cfg.scale = num(&v),
            "--margin" => a.cfg.margin = num(&v) as i32,
            "--recase" => a.recase = v,
            _ => usage(),
        }
    }
    a
}

fn load(dir: &str, name: &str) -> Vec<train::Sentence> {
    let path = format!("{dir}/{name}");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read CoNLL-2003 data {path} ({e}); pass --data DIR pointing at the folder holding train.txt and dev.txt");
            exit(1)
        }
    };
    match train::parse_conll(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            exit(1)
        }
    }
}

fn main() {
    let a = parse_args();
    match a.cmd.as_str() {
        "train" => cmd_train(a),
        "eval" => cmd_eval(a),
        "bench" => cmd_bench(a),
        "tag" => cmd_tag(a),
        _ => usage(),
    }
}

fn cmd_train(a: Args) {
    let t0 = Instant::now();
    let tr = load(&a.data, "train.txt");
    let dev = load(&a.data, "dev.txt");
    eprintln!("train: {} sentences, dev: {} sentences; {:?}", tr.len(), dev.len(), a.cfg);
    let docs = a.cfg.doc_pass.then(|| {
        let pred = train::jackknife(&a.cfg, &tr);
        eprintln!("first-pass labels of train from {} folds ({:.0}s)", a.cfg.folds, t0.elapsed().as_secs_f64());
        train::doc_counts(&tr, &pred)
    });
    let mut t = train::Trainer::new(a.cfg.clone());
    for e in 1..=a.cfg.epochs {
        let m = t.epoch(&tr, docs.as_deref());
        if a.verbose {
            let p = t.params(a.cfg.prune, 0.05);
            let sc = train::evaluate(&train::model_from(p), &dev);
            eprintln!(
                "epoch {e:>2}: {m} sentences wrong; dev F1 PER+ORG+LOC {:.2} overall {:.2} ({:.0}s)",
                100.0 * sc.pol_f1(),
                100.0 * sc.micro(&[0, 1, 2, 3]).2,
                t0.elapsed().as_secs_f64()
            );
        } else {
            eprintln!("epoch {e:>2}: {m} sentences wrong ({:.0}s)", t0.elapsed().as_secs_f64());
        }
    }
    let (nnz, q) = t.weight_stats();
    eprintln!(
        "averaged weights: {nnz} non-zero; |w| quantiles 50%/90%/99%/99.9%/max = {:.3} {:.3} {:.3} {:.3} {:.3}",
        q[0], q[1], q[2], q[3], q[4]
    );
    let scale = if a.cfg.scale > 0.0 {
        a.cfg.scale
    } else {
        // one i8 unit: the 99.9 % quantile maps to 127
        (q[3] / 127.0).max(1e-6)
    };
    let prune = a.cfg.prune;
    let p = t.params(prune, scale);
    let bytes = p.encode();
    if let Some(dir) = std::path::Path::new(&a.out).parent() {
        if !dir.as_os_str().is_empty() {
            let _ = std::fs::create_dir_all(dir);
        }
    }
    if let Err(e) = std::fs::write(&a.out, &bytes) {
        eprintln!("error: cannot write {} ({e})", a.out);
        exit(1)
    }
    let m = match ner::Model::from_bytes(&bytes, ner::gazetteer().clone()) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: the model just written does not load back: {e}");
            exit(1)
        }
    };
    let sc = train::evaluate(&m, &dev);
    println!(
        "wrote {} ({} bytes, scale {scale:.4}, prune {prune:.4}) in {:.1}s",
        a.out,
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    println!("dev (quantised model as written):\n{}", sc.table());
    let first = train::evaluate_sentences(&m, &dev);
    println!("first pass only (sentence by sentence): PER+ORG+LOC F1 {:.2}", 100.0 * first.pol_f1());
}

fn cmd_eval(a: Args) {
    let mut data = load(&a.data, &format!("{}.txt", a.split));
    for s in data.iter_mut() {
        s.words = match a.recase.as_str() {
            "" => continue,
            "upper" => train::recase(&s.words, 1, false),
            "title" => train::recase(&s.words, 2, true),
            "lower" => train::recase(&s.words, 3, false),
            other => {
                eprintln!("error: --recase expects upper, title or lower, got {other:?}");
                exit(2)
            }
        };
    }
    let m: std::sync::Arc<ner::Model> = match &a.model {
        Some(path) => {
            let bytes = std::fs::read(path).unwrap_or_else(|e| {
                eprintln!("error: cannot read model {path} ({e})");
                exit(1)
            });
            std::sync::Arc::new(ner::Model::from_bytes(&bytes, ner::gazetteer().clone()).unwrap_or_else(|e| {
                eprintln!("error: {path}: {e}");
                exit(1)
            }))
        }
        None => ner::model(),
    };
    if m.fingerprint() != ner::feature_fingerprint() {
        eprintln!("warning: model fingerprint differs from this build's features/gazetteers; retrain");
    }
    let sc = if a.no_doc { train::evaluate_sentences(&m, &data) } else { train::evaluate(&m, &data) };
    println!(
        "{} on {}{} ({} sentences):\n{}",
        a.model.as_deref().unwrap_or("embedded model"),
        a.split,
        if a.recase.is_empty() { String::new() } else { format!(" re-cased {}", a.recase) },
        data.len(),
        sc.table()
    );
    if a.docs {
        cmd_eval_docs(&data, a.verbose);
    }
}

/// The data as articles ([`train::Sentence::doc`]: `-DOCSTART-` lines, or
/// where the data has none, a story per headline + dateline).
fn articles(data: &[train::Sentence]) -> Vec<&[train::Sentence]> {
    train::documents(data).map(|r| &data[r]).collect()
}

/// Scores the whole pipeline on articles rebuilt from the data (headline as
/// title, one paragraph per sentence): the text is parsed and tagged as the
/// app does, then scored before and after `entities.rs` resolves it across
/// the article. Kinds map back to CoNLL's (group and other are MISC), and
/// classes print as indexes (0 PER, 1 ORG, 2 LOC, 3 MISC, gold -1: none).
fn cmd_eval_docs(data: &[train::Sentence], verbose: bool) {
    use article_explorer::core::entities::{EntityKind, Tagged};
    use article_explorer::core::parse;
    let (mut tagged_sc, mut resolved_sc) = (train::Scores::default(), train::Scores::default());
    let docs = articles(data);
    for doc in &docs {
        // The text, and each CoNLL word's byte range in it.
        let mut text = String::new();
        let mut at: Vec<Vec<(usize, usize)>> = Vec::new();
        for (n, s) in doc.iter().enumerate() {
            let mut ranges = Vec::new();
            for w in &s.words {
                if !text.is_empty() && !text.ends_with('\n') {
                    text.push(' ');
                }
                ranges.push((text.len(), text.len() + w.len()));
                text.push_str(w);
            }
            at.push(ranges);
            text.push_str(if n + 1 < doc.len() { "\n\n" } else { "\n" });
        }
        let parsed = parse::parse(&text);
        let class = |k: EntityKind| match k {
            EntityKind::Person => 0u8,
            EntityKind::Organization => 1,
            EntityKind::Place => 2,
            EntityKind::Group | EntityKind::Other => 3,
        };
        // Predicted labels per CoNLL sentence from byte spans.
        let labels = |spans: &[(usize, usize, u8)]| -> Vec<Vec<u8>> {
            let mut out: Vec<Vec<u8>> = doc.iter().map(|s| vec![0u8; s.words.len()]).collect();
            for &(start, end, c) in spans {
                for (n, ranges) in at.iter().enumerate() {
                    let inside: Vec<usize> =
                        (0..ranges.len()).filter(|&i| ranges[i].0 < end && ranges[i].1 > start).collect();
                    for (k, &i) in inside.iter().enumerate() {
                        out[n][i] = if k == 0 { 1 + 2 * c } else { 2 + 2 * c };
                    }
                }
            }
            out
        };
        // Tagged only: the model's spans on the parsed sentences (both passes).
        let mut tagged = Vec::new();
        let words: Vec<Vec<&str>> = parsed
            .sentences
            .iter()
            .map(|s| parsed.tokens[s.tokens.clone()].iter().map(|t| t.span.of(&text)).collect())
            .collect();
        for (sentence, (labels, _)) in parsed.sentences.iter().zip(ner::model().tag_document(&words)) {
            let toks = &parsed.tokens[sentence.tokens.clone()];
            for (s, e, c) in train::spans(&labels) {
                tagged.push((toks[s].span.start, toks[e - 1].span.end, c));
            }
        }
        let mut t = Tagged::default();
        t.tag(&text, &parsed, usize::MAX, &ner::model());
        let resolved: Vec<(usize, usize, u8)> =
            t.resolve(&text, &parsed).mentions.iter().map(|m| (m.span.start, m.span.end, class(m.kind))).collect();
        // --verbose: each span resolution added or removed, and whether dev agrees.
        if verbose {
            let (lt, lr) = (labels(&tagged), labels(&resolved));
            for (n, s) in doc.iter().enumerate() {
                let (g, a, b) = (train::spans(&s.labels), train::spans(&lt[n]), train::spans(&lr[n]));
                for x in b.iter().filter(|x| !a.contains(x)) {
                    let gold = g.iter().find(|y| y.0 == x.0 && y.1 == x.1).map(|y| y.2 as i32).unwrap_or(-1);
                    let ok = if g.contains(x) { "right" } else { "wrong" };
                    eprintln!("added {} ({ok}, gold {gold}): {}", x.2, s.words[x.0..x.1].join(" "));
                }
                for x in a.iter().filter(|x| !b.contains(x)) {
                    let ok = if g.contains(x) { "right" } else { "wrong" };
                    eprintln!("removed {} ({ok}): {}", x.2, s.words[x.0..x.1].join(" "));
                }
            }
        }
        for (sc, spans) in [(&mut tagged_sc, &tagged), (&mut resolved_sc, &resolved)] {
            for (s, pred) in doc.iter().zip(labels(spans)) {
                sc.add(&s.labels, &pred);
            }
        }
    }
    println!("as articles ({} of them), parsed and tagged:\n{}", docs.len(), tagged_sc.table());
    println!("as articles, after entities.rs resolution:\n{}", resolved_sc.table());
}

fn cmd_bench(a: Args) {
    let data = load(&a.data, "dev.txt");
    let t = Instant::now();
    let g = ner::gazetteer();
    let tg = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let reps = 20;
    for _ in 0..reps {
        let m = ner::Model::from_bytes(ner::MODEL_BYTES, g.clone()).expect("embedded model loads");
        std::hint::black_box(&m);
    }
    let tm = t.elapsed().as_secs_f64() / reps as f64;
    println!(
        "start-up: gazetteers {:.1} ms, model parse {:.1} ms ({} bytes)",
        tg * 1e3,
        tm * 1e3,
        ner::MODEL_BYTES.len()
    );
    let m = ner::model();
    let sents: Vec<Vec<&str>> = data.iter().map(|s| s.words.iter().map(|w| w.as_str()).collect()).collect();
    let ntok: usize = sents.iter().map(|s| s.len()).sum();
    let bytes: usize = data.iter().flat_map(|s| s.words.iter()).map(|w| w.len() + 1).sum();
    let t = Instant::now();
    let mut sink = 0usize;
    for s in &sents {
        sink += m.tag(s).len();
    }
    let cold = t.elapsed().as_secs_f64();
    let reps = 5;
    let t = Instant::now();
    for _ in 0..reps {
        for s in &sents {
            sink += m.tag(s).len();
        }
    }
    let warm = t.elapsed().as_secs_f64() / reps as f64;
    println!(
        "dev: {ntok} tokens ({:.2} MB as text)\nfirst pass (cold word cache): {:.0} tokens/s, {:.1} MB/s\nrepeated passes (warm cache):  {:.0} tokens/s, {:.1} MB/s\n({sink})",
        bytes as f64 / 1e6,
        ntok as f64 / cold,
        bytes as f64 / 1e6 / cold,
        ntok as f64 / warm,
        bytes as f64 / 1e6 / warm
    );
}

/// Rough tokenizer for trying the model on stdin (one sentence per line):
/// splits on spaces and detaches leading/trailing punctuation and
/// possessive 's. The project's real tokenizer lives in core::token.
fn rough_tokens(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in line.split_whitespace() {
        let mut w = w;
        let mut tail = Vec::new();
        while let Some(c) = w.chars().next() {
            if "\"'\u{201C}\u{2018}([{\u{2014}".contains(c) && w.len() > c.len_utf8() {
                out.push(c.to_string());
                w = &w[c.len_utf8()..];
            } else {
                break;
            }
        }
        while let Some(c) = w.chars().last() {
            let keep_dot = c == '.' && w.len() > 1 && w[..w.len() - 1].contains('.');
            if ",.;:!?\"'\u{201D}\u{2019})]}".contains(c) && w.len() > c.len_utf8() && !keep_dot {
                tail.push(c.to_string());
                w = &w[..w.len() - c.len_utf8()];
            } else {
                break;
            }
        }
        let mut poss = None;
        for suf in ["'s", "\u{2019}s"] {
            if w.len() > suf.len() && w.ends_with(suf) {
                poss = Some(suf);
            }
        }
        if let Some(suf) = poss {
            out.push(w[..w.len() - suf.len()].to_string());
            out.push(suf.to_string());
        } else {
            out.push(w.to_string());
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

fn cmd_tag(_a: Args) {
    use std::io::BufRead;
    let m = ner::model();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap_or_default();
        let toks = rough_tokens(&line);
        let refs: Vec<&str> = toks.iter().map(|s| s.as_str()).collect();
        let tags = m.tag(&refs);
        let mut s = String::new();
        let mut i = 0;
        while i < refs.len() {
            if let ner::Tag::B(c) = tags[i] {
                let mut j = i + 1;
                while j < refs.len() && tags[j] == ner::Tag::I(c) {
                    j += 1;
                }
                s.push_str(&format!("[{} {}] ", refs[i..j].join(" "), c.as_str()));
                i = j;
            } else {
                s.push_str(refs[i]);
                s.push(' ');
                i += 1;
            }
        }
        println!("{}", s.trim_end());
    }
}
