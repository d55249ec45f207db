//! `article-explorer-cli`: the explorer's core on the command line.
//!
//! ```text
//! article-explorer-cli extract <FILE>             print the extraction of FILE as JSON
//! article-explorer-cli extract -                  read the article from standard input
//! article-explorer-cli index <OUT_DIR> <FILE|DIR>...  write the sharded index of the FILEs (a DIR: its .txt and .md files)
//! article-explorer-cli search <DIR> <QUERY>       search the index in DIR, reading only what it needs
//! ```
//! `index` splits the manifest into pages when it would pass 256 KiB
//! (`core::shards::Layout`); `--manifest-limit <BYTES>` and `--page <ENTRIES>`
//! set the limit and the page size, `--list-size <ARTICLES>` and
//! `--titles-size <ARTICLES>` the articles per list and titles file (so a
//! test can give a small corpus the shape of a large one).
//! `extract` and `index` take `--model <FILE>` to read with an entity model
//! file (`ner-<hash>.bin` from a build, `core::ner::bundle`) instead of the
//! built-in one; it is checked whole (header, version, hash) before use.
//! `index` writes the static files of `core::shards` (see `docs/SHARDS.md`):
//! a manifest, article lists, each article's text and packed analysis, and
//! the term and entity shards.
//! `search` reads them as a browser would, and says how many files it read.
//! Every error is one line on stderr and a non-zero exit.

use article_explorer::core::ner::bundle::{self, BundleError};
use article_explorer::core::ner::Model;
use article_explorer::core::shards::{self, Need, ShardedIndex};
use article_explorer::core::Analysis;
use std::cell::RefCell;
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str = "usage: article-explorer-cli extract [--lossy] [--model <MODEL>] <FILE|->  |  index [--lossy] [--model <MODEL>] [--manifest-limit <BYTES>] [--page <ENTRIES>] [--list-size <N>] [--titles-size <N>] <OUT_DIR> <FILE|DIR>...  |  search <DIR> <QUERY>";

/// Files larger than this are refused before they are read (an article, a
/// model, an index file): the size of what a reader is given is not trusted.
const MAX_INPUT_BYTES: u64 = shards::MAX_FILE_BYTES as u64;

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
    let mut paths: Vec<String> = args.iter().filter(|a| *a != "--lossy").cloned().collect();
    let model = match paths.iter().position(|a| a == "--model") {
        Some(at) if command != "search" => {
            let file = paths.get(at + 1).cloned().ok_or_else(|| format!("--model needs a file; {USAGE}"))?;
            paths.drain(at..at + 2);
            Some(read_model(&file)?)
        }
        _ => None,
    };
    let mut layout = shards::Layout::default();
    let flags = [
        ("--manifest-limit", &mut layout.limit, 0),
        ("--page", &mut layout.page, 1),
        ("--list-size", &mut layout.list_size, 1),
        ("--titles-size", &mut layout.titles_size, 1),
    ];
    for (flag, slot, least) in flags {
        if let Some(at) = paths.iter().position(|a| a == flag).filter(|_| command == "index") {
            let value = paths.get(at + 1).and_then(|v| v.parse::<usize>().ok()).filter(|&v| v >= least);
            *slot = value.ok_or_else(|| format!("{flag} needs a number of at least {least}; {USAGE}"))?;
            paths.drain(at..at + 2);
        }
    }
    let analyse = |text: String| match &model {
        Some(model) => Analysis::with_model(text, model.clone()),
        None => Analysis::new(text),
    };
    let out = match command.as_str() {
        "extract" => extract(&paths, lossy, analyse)?,
        "index" => index(&paths, lossy, layout, analyse)?,
        "search" => search(args)?,
        "-h" | "--help" => USAGE.to_string(),
        other => return Err(format!("unknown command '{other}'; {USAGE}")),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{out}").map_err(|e| format!("cannot write to standard output: {e}"))
}

/// An entity model file, checked whole: its header, version and trailing
/// hash, and the hash in its name when it has the build's `ner-<hash>.bin` name.
fn read_model(path: &str) -> Result<Arc<Model>, String> {
    let bytes = read_input(path)?;
    let named = Path::new(path).file_name().and_then(|n| n.to_str()).and_then(|n| {
        let hex = n.strip_prefix("ner-")?.strip_suffix(".bin")?;
        u64::from_str_radix(hex, 16).ok().filter(|_| hex.len() == 16)
    });
    bundle::decode(&bytes, named).map(Arc::new).map_err(|e| {
        let why = match e {
            BundleError::Truncated => "is cut short: an incomplete entity model file".into(),
            BundleError::NotAModel => "is not an entity model file".into(),
            BundleError::Version(v) => format!("is an entity model of format {v}, which this build cannot read"),
            BundleError::WrongHash if named.is_some() => {
                "does not match the hash in its name: the entity model was altered or damaged".into()
            }
            BundleError::WrongHash => "does not match its own hash: the entity model was altered or damaged".into(),
            BundleError::Invalid(why) => format!("is a damaged entity model ({why})"),
        };
        format!("{} {why}", shown(path))
    })
}

fn extract(paths: &[String], lossy: bool, analyse: impl Fn(String) -> Analysis) -> Result<String, String> {
    let path = match paths {
        [] => return Err(format!("no input file given; {USAGE}")),
        [path] => path,
        [_, extra, ..] => return Err(format!("unexpected argument '{extra}'; {USAGE}")),
    };
    Ok(analyse(read_text(path, lossy)?).to_json())
}

/// Analyses every file, writes the index into `OUT_DIR` and sums it up in one line.
fn index(
    paths: &[String],
    lossy: bool,
    layout: shards::Layout,
    analyse: impl Fn(String) -> Analysis,
) -> Result<String, String> {
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
        let analysis = analyse(read_text(path, lossy)?);
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
    let files = shards::build_with(&refs, layout);
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
    let manifest_path = Path::new(dir).join(shards::MANIFEST);
    if !manifest_path.exists() {
        return Err(format!("{dir} holds no {}: run 'index' first", shards::MANIFEST));
    }
    let manifest = read_input(&manifest_path.to_string_lossy())?;
    let mut index = ShardedIndex::from_manifest(&manifest)?;
    let fetched = std::cell::Cell::new(0);
    // Why a file could not be read, when it is more than "missing".
    let unreadable = RefCell::new(None);
    let fetch = |name: &str| {
        fetched.set(fetched.get() + 1);
        let path = Path::new(dir).join(name);
        if !path.exists() {
            return None;
        }
        read_input(&path.to_string_lossy()).map_err(|e| *unreadable.borrow_mut() = Some(e)).ok()
    };
    let why = |e: String| unreadable.take().unwrap_or(e);
    // A split manifest: the pages naming the query's shards first.
    index.load(Need::Words(&query), fetch).map_err(why)?;
    let hits = index.search(&query, fetch).map_err(why)?;
    // The titles: as the shards name their first results, the others from the
    // titles files they fall in (each read once), as the library names them.
    let mut titles: std::collections::HashMap<usize, Vec<shards::Title>> = std::collections::HashMap::new();
    let mut out = String::new();
    for hit in &hits {
        let article = match &hit.title {
            Some(title) => title,
            None => {
                index.load(Need::Titles(hit.article), fetch).map_err(why)?;
                let chunk = index
                    .titles_of(hit.article)
                    .ok_or_else(|| format!("no titles file holds article {}", hit.article))?;
                if let std::collections::hash_map::Entry::Vacant(slot) = titles.entry(chunk.first) {
                    let bytes = fetch(&chunk.file).ok_or_else(|| {
                        why(format!("{} is missing, though {} lists it", chunk.file, shards::MANIFEST))
                    })?;
                    slot.insert(index.read_titles(chunk, &bytes)?);
                }
                &titles[&chunk.first][hit.article - chunk.first]
            }
        };
        out += &format!("{} \"{}\": {} matches\n", article.slug, article.title, hit.count);
        for s in &hit.sections {
            out += &format!("  section {}: {}\n", s.section, s.count);
        }
    }
    let sections: usize = hits.iter().map(|h| h.sections.len()).sum();
    let fetched = fetched.get();
    out += &format!(
        "{} articles, {sections} sections match {query:?}; files read: {} ({} and {fetched} {})",
        hits.len(),
        fetched + 1,
        shards::MANIFEST,
        if fetched == 1 { "shard, page or titles file" } else { "shards, pages and titles files" }
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

/// The bytes of `path` (`-`: standard input), refused without reading them
/// all when there are more than [`MAX_INPUT_BYTES`].
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    let too_big =
        || format!("{} is larger than {} MB; this command reads smaller files", shown(path), MAX_INPUT_BYTES >> 20);
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return if bytes.len() as u64 > MAX_INPUT_BYTES { Err(too_big()) } else { Ok(bytes) };
    }
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{path}: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("{path}: permission denied"),
        _ => format!("{path}: {e}"),
    })?;
    if meta.is_dir() {
        return Err(format!("{path} is a directory, not a file"));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    // A file that grows while it is read is cut at the limit and refused.
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}
