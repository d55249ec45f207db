//! Embeds every `*.txt` and `*.md` file in `seeds/` and refuses, naming the
//! file, any seed that is empty, unreadable or not UTF-8.
//!
//! Each seed is also analysed here, natively, by the crate's own core (the
//! same source, included below) with the model in `model/ner.bin`, and its
//! entities and quotes are embedded packed ([`core::packed`]) beside its
//! text: the browser shows a seed without the model. The analysis is made
//! on every build that changes a seed, the core or the model, so it cannot
//! be stale; the app refuses one that does not match its text.

#[path = "build/seeds.rs"]
mod seeds;

// The core is plain Rust (std, serde, form_urlencoded): the build script compiles it too.
#[allow(dead_code, unused_imports)]
#[path = "src/core/mod.rs"]
mod core;

use std::{env, fs, path::Path, process};

fn fail(message: String) -> ! {
    // cargo shows a failing build script's stderr.
    eprintln!("error: {message}");
    process::exit(1);
}

fn main() {
    println!("cargo:rerun-if-changed=seeds");
    println!("cargo:rerun-if-changed=build/seeds.rs");
    for input in ["src/core", "model", "data"] {
        println!("cargo:rerun-if-changed={input}");
    }
    let out_dir = env::var("OUT_DIR").unwrap();
    let files = seeds::collect(Path::new("seeds")).unwrap_or_else(|e| fail(e));
    let mut out = String::from("/// Every embedded article, in file-name order.\npub static SEEDS: &[Seed] = &[\n");
    for seed in &files {
        println!("cargo:rerun-if-changed={}", seed.path.display());
        let text = fs::read_to_string(&seed.path)
            .unwrap_or_else(|e| fail(format!("seed {} cannot be read: {e}", seed.path.display())));
        let packed = core::packed::encode(&core::Analysis::new(text));
        let packed_path = Path::new(&out_dir).join(format!("{}.analysis", seed.slug));
        fs::write(&packed_path, packed)
            .unwrap_or_else(|e| fail(format!("cannot write {}: {e}", packed_path.display())));
        // Paths from the crate's own directories, not this run's absolute ones: the build
        // folder may be shared by clones at other paths (CI keeps one), and the output of
        // a build script that did not rerun must still name this clone's files.
        out.push_str(&format!(
            "    Seed {{ slug: {:?}, file_name: {:?}, text: include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?})), \
             analysis: include_bytes!(concat!(env!(\"OUT_DIR\"), {:?})) }},\n",
            seed.slug,
            seed.file_name,
            format!("/seeds/{}", seed.file_name),
            format!("/{}.analysis", seed.slug),
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&out_dir).join("seeds.rs");
    fs::write(dest, out).unwrap_or_else(|e| fail(format!("cannot write the generated seed list: {e}")));
}
