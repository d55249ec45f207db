//! Embeds every `*.txt` and `*.md` file in `seeds/` and refuses, naming the
//! file, any seed that is empty, unreadable or not UTF-8.

#[path = "build/seeds.rs"]
mod seeds;

use std::{env, fs, path::Path, process};

fn fail(message: String) -> ! {
    // cargo shows a failing build script's stderr.
    eprintln!("error: {message}");
    process::exit(1);
}

fn main() {
    println!("cargo:rerun-if-changed=seeds");
    println!("cargo:rerun-if-changed=build/seeds.rs");
    let files = seeds::collect(Path::new("seeds")).unwrap_or_else(|e| fail(e));
    let mut out = String::from("/// Every embedded article, in file-name order.\npub static SEEDS: &[Seed] = &[\n");
    for seed in &files {
        println!("cargo:rerun-if-changed={}", seed.path.display());
        let abs = fs::canonicalize(&seed.path)
            .unwrap_or_else(|e| fail(format!("seed {} cannot be resolved: {e}", seed.path.display())));
        out.push_str(&format!(
            "    Seed {{ slug: {:?}, file_name: {:?}, text: include_str!({:?}) }},\n",
            seed.slug,
            seed.file_name,
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("seeds.rs");
    fs::write(dest, out).unwrap_or_else(|e| fail(format!("cannot write the generated seed list: {e}")));
}
