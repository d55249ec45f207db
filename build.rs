//! Embeds every `*.txt` and `*.md` file in `seeds/` and refuses, naming the
//! file, any seed that is empty, unreadable or not UTF-8.

use std::{env, fs, path::Path, process};

fn fail(message: String) -> ! {
    // cargo shows build-script stderr when the script fails.
    eprintln!("error: {message}");
    process::exit(1);
}

fn main() {
    let dir = Path::new("seeds");
    println!("cargo:rerun-if-changed=seeds");
    let entries = fs::read_dir(dir).unwrap_or_else(|e| fail(format!("cannot read the seeds/ folder: {e}")));
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md")))
        .collect();
    files.sort();
    if files.is_empty() {
        fail("seeds/ holds no .txt or .md article; add at least one".into());
    }
    let mut out = String::from("/// Every embedded article, in file-name order.\npub static SEEDS: &[Seed] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let shown = path.display();
        let bytes = fs::read(path).unwrap_or_else(|e| fail(format!("seed {shown} cannot be read: {e}")));
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(e) => fail(format!("seed {shown} is not UTF-8 (first bad byte at offset {})", e.valid_up_to())),
        };
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            fail(format!("seed {shown} is empty"));
        }
        let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = path.file_stem().unwrap().to_string_lossy();
        let slug: String = stem
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
            .collect();
        let abs = fs::canonicalize(path).unwrap_or_else(|e| fail(format!("seed {shown} cannot be resolved: {e}")));
        out.push_str(&format!(
            "    Seed {{ slug: {slug:?}, file_name: {file_name:?}, text: include_str!({:?}) }},\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("seeds.rs");
    fs::write(dest, out).unwrap_or_else(|e| fail(format!("cannot write the generated seed list: {e}")));
}
