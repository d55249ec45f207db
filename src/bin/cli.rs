//! `article-explorer-cli`: the explorer's core on the command line.
//!
//! ```text
//! article-explorer-cli extract <FILE>             print the extraction of FILE as JSON
//! article-explorer-cli extract -                  read the article from standard input
//! article-explorer-cli index <OUT_DIR> <FILE|DIR>...  write the sharded index of the FILEs (a DIR: its .txt and .md files)
//! article-explorer-cli search <DIR> <QUERY>       search the index in DIR, reading only what it needs
//! ```
//! `index` writes the static files of `core::shards` (see `docs/SHARDS.md`):
//! a manifest, article lists, each article's text and packed analysis, and
//! the term and entity shards.
//! `search` reads them as a browser would, and says how many files it read.
//! Every error is one line on stderr and a non-zero exit.

use article_explorer::core::shards::{self, ShardedIndex};
use article_explorer::core::Analysis;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: article-explorer-cli extract [--lossy] <FILE|->  |  index [--lossy] <OUT_DIR> <FILE|DIR>...  |  search <DIR> <QUERY>";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("article-explorer-cli: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (command, args) = args.split_first().ok_or_else(|| format!("no command given; {USAGE}"))?;
    let lossy = args.iter().any(|a| a == "--lossy");
    let paths: Vec<String> = args.iter().filter(|a| *a != "--lossy").cloned().collect();
    let out = match command.as_str() {
        "extract" => extract(&paths, lossy)?,
        "index" => index(&paths, lossy)?,
        "search" => search(args)?,
        "-h" | "--help" => USAGE.to_string(),
        other => return Err(format!("unknown command '{other}'; {USAGE}")),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}").map_err(|e| format!("cannot write to standard output: {e}"))
}

fn extract(paths: &[String], lossy: bool) -> Result<String, String> {
    let path = match paths {
        [] => return Err(format!("no input file given; {USAGE}")),
        [path] => path,
        [_, extra, ..] => return Err(format!("unexpected argument '{extra}'; {USAGE}")),
    };
    Ok(Analysis::new(read_text(path, lossy)?).to_json())
}

/// Analyses every file, writes the index into `OUT_DIR` and sums it up in one line.
fn index(paths: &[String], lossy: bool) -> Result<String, String> {
    let [dir, inputs @ ..] = paths else { return Err(format!("no output directory given; {USAGE}")) };
    if inputs.is_empty() {
        return Err(format!("no input files given; {USAGE}"));
    }
    let mut files = Vec::new();
    for input in inputs {
        articles_in(Path::new(input), &mut files)?;
    }
    if files.is_empty() {
        return Err(format!("no .txt or .md file found in {}", inputs.join(", ")));
    }
    let mut articles: Vec<(String, Analysis)> = Vec::new();
    for path in &files {
        let analysis = Analysis::new(read_text(path, lossy)?);
        let stem = if path == "-" {
            "stdin".into()
        } else {
            Path::new(path).file_stem().map_or("article".into(), |s| s.to_string_lossy())
        };
        // Two files may share a stem (a/x.txt, b/x.txt): the later ones get -2, -3, ...
        let mut slug = stem.to_string();
        let mut n = 1;
        while articles.iter().any(|(s, _)| *s == slug) {
            n += 1;
            slug = format!("{stem}-{n}");
        }
        articles.push((slug, analysis));
    }
    let refs: Vec<(&str, &Analysis)> = articles.iter().map(|(s, a)| (s.as_str(), a)).collect();
    let files = shards::build(&refs);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create directory {dir}: {e}"))?;
    for (name, bytes) in &files {
        let path = Path::new(dir).join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let is_shard = |name: &str| name.starts_with("terms-") || name.starts_with("entities-");
    let shard_files: Vec<_> = files.iter().filter(|(n, _)| is_shard(n)).collect();
    let largest = shard_files
        .iter()
        .max_by_key(|(_, b)| b.len())
        .map_or("none".into(), |(n, b)| format!("{n} ({} bytes)", b.len()));
    Ok(format!(
        "indexed {} articles into {dir}: {} files, {} of them shards, {total} bytes in all; largest shard {largest}",
        articles.len(),
        files.len(),
        shard_files.len()
    ))
}

/// Searches the index in `DIR` the way a browser would: the manifest, then only the shards the query needs.
fn search(args: &[String]) -> Result<String, String> {
    let [dir, query @ ..] = args else { return Err(format!("no index directory given; {USAGE}")) };
    if query.is_empty() {
        return Err(format!("no query given; {USAGE}"));
    }
    let query = query.join(" ");
    let manifest = std::fs::read(Path::new(dir).join(shards::MANIFEST)).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{dir} holds no {}: run 'index' first", shards::MANIFEST),
        _ => format!("cannot read {dir}/{}: {e}", shards::MANIFEST),
    })?;
    let index = ShardedIndex::from_manifest(&manifest)?;
    let mut fetched = 0;
    let read = |name: &str| std::fs::read(Path::new(dir).join(name)).ok();
    let hits = index.search(&query, |name| {
        fetched += 1;
        read(name)
    })?;
    // The titles, from the article lists the results fall in (each read once).
    let mut lists: std::collections::HashMap<usize, Vec<shards::ArticleEntry>> = std::collections::HashMap::new();
    let mut out = String::new();
    for hit in &hits {
        let chunk =
            index.chunk_of(hit.article).ok_or_else(|| format!("no article list holds article {}", hit.article))?;
        if let std::collections::hash_map::Entry::Vacant(slot) = lists.entry(chunk.first) {
            let bytes = read(&chunk.file)
                .ok_or_else(|| format!("{} is missing, though {} lists it", chunk.file, shards::MANIFEST))?;
            fetched += 1;
            slot.insert(index.read_chunk(chunk, &bytes)?);
        }
        let article = &lists[&chunk.first][hit.article - chunk.first];
        out += &format!("{} \"{}\": {} matches\n", article.slug, article.title, hit.count);
        for s in &hit.sections {
            out += &format!("  section {}: {}\n", s.section, s.count);
        }
    }
    let sections: usize = hits.iter().map(|h| h.sections.len()).sum();
    out += &format!(
        "{} articles, {sections} sections match {query:?}; files read: {} ({} and {fetched} {})",
        hits.len(),
        fetched + 1,
        shards::MANIFEST,
        if fetched == 1 { "shard or list" } else { "shards and lists" }
    );
    Ok(out)
}

/// `path` if it is a file (or `-`); every `.txt` and `.md` file under it, in name order, if it is a directory.
fn articles_in(path: &Path, out: &mut Vec<String>) -> Result<(), String> {
    if !path.is_dir() {
        out.push(path.to_string_lossy().into_owned());
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read directory {}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let article = entry.extension().is_some_and(|x| x == "txt" || x == "md");
        if entry.is_dir() || article {
            articles_in(&entry, out)?;
        }
    }
    Ok(())
}

/// The text of `path`, which must be UTF-8 unless `lossy`.
fn read_text(path: &str, lossy: bool) -> Result<String, String> {
    match String::from_utf8(read_input(path)?) {
        Ok(t) => Ok(t),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "{} is not UTF-8 text: invalid byte at offset {} (use --lossy to replace bad bytes)",
            shown(path),
            e.utf8_error().valid_up_to()
        )),
    }
}

fn shown(path: &str) -> String {
    if path == "-" {
        "standard input".into()
    } else {
        path.to_string()
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(bytes);
    }
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{path}: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("{path}: permission denied"),
        _ => format!("{path}: {e}"),
    })?;
    if meta.is_dir() {
        return Err(format!("{path} is a directory, not a file"));
    }
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    Ok(bytes)
}
