//! `article-explorer-cli`: the explorer's core on the command line.
//!
//! ```text
//! article-explorer-cli extract <FILE>    print the extraction of FILE as JSON
//! article-explorer-cli extract -         read the article from standard input
//! ```
//! Every error is one line on stderr and a non-zero exit.

use article_explorer::core::Analysis;
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: article-explorer-cli extract [--lossy] <FILE|->";

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
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("extract") => {}
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return Ok(());
        }
        Some(other) => return Err(format!("unknown command '{other}'; {USAGE}")),
        None => return Err(format!("no command given; {USAGE}")),
    }
    let mut lossy = false;
    let mut path = None;
    for arg in args {
        match arg.as_str() {
            "--lossy" => lossy = true,
            _ if path.is_none() => path = Some(arg),
            _ => return Err(format!("unexpected argument '{arg}'; {USAGE}")),
        }
    }
    let path = path.ok_or_else(|| format!("no input file given; {USAGE}"))?;
    let bytes = read_input(&path)?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) if lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            return Err(format!(
                "{} is not UTF-8 text: invalid byte at offset {} (use --lossy to replace bad bytes)",
                shown(&path),
                e.utf8_error().valid_up_to()
            ))
        }
    };
    let analysis = Analysis::new(text);
    let json = serde_json::to_string_pretty(&analysis.extraction()).map_err(|e| format!("cannot write JSON: {e}"))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}").map_err(|e| format!("cannot write to standard output: {e}"))
}

fn shown(path: &str) -> String {
    if path == "-" { "standard input".into() } else { path.to_string() }
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
