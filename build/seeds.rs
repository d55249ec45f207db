//! Seed discovery and validation, shared by `build.rs` and its tests.
//! (Lives outside `src/`: it runs at build time, not in the app.)

use std::fs;
use std::path::{Path, PathBuf};

/// One seed file, read and checked.
pub struct SeedFile {
    pub path: PathBuf,
    pub slug: String,
    pub file_name: String,
}

/// Every `*.txt` and `*.md` in `dir`, sorted by name; the first seed that is
/// unreadable, empty or not UTF-8 is an error naming it.
pub fn collect(dir: &Path) -> Result<Vec<SeedFile>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read the seeds folder {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{} holds no .txt or .md article; add at least one", dir.display()));
    }
    paths.into_iter().map(|path| check(&path).map(|()| seed_file(path))).collect()
}

fn check(path: &Path) -> Result<(), String> {
    let shown = path.display();
    let bytes = fs::read(path).map_err(|e| format!("seed {shown} cannot be read: {e}"))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| format!("seed {shown} is not UTF-8 (first bad byte at offset {})", e.valid_up_to()))?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(format!("seed {shown} is empty"));
    }
    Ok(())
}

fn seed_file(path: PathBuf) -> SeedFile {
    let file_name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let slug = path
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    SeedFile { path, slug, file_name }
}
