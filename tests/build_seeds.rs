//! The build refuses bad seeds with a message naming the file.

#[path = "../build/seeds.rs"]
mod seeds;

use std::fs;
use std::path::PathBuf;

fn folder(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ae-seeds-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for (file, bytes) in files {
        fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

#[test]
fn good_seeds_are_found_in_name_order_with_slugs() {
    let dir = folder("good", &[("b.md", b"# B\n\nText."), ("A Story.txt", b"A\n\nText."), ("notes.json", b"{}")]);
    let found = seeds::collect(&dir).unwrap();
    let names: Vec<(&str, &str)> = found.iter().map(|s| (s.file_name.as_str(), s.slug.as_str())).collect();
    assert_eq!(names, [("A Story.txt", "a-story"), ("b.md", "b")]);
    assert!(found.iter().all(|s| s.path.starts_with(&dir)));
}

#[test]
fn an_empty_seed_is_named() {
    let dir = folder("empty", &[("ok.txt", b"Title\n\nText."), ("blank.txt", b"\xef\xbb\xbf \n\n\t\n")]);
    let err = seeds::collect(&dir).err().unwrap();
    assert!(err.contains("blank.txt") && err.contains("is empty"), "{err}");
}

#[test]
fn a_non_utf8_seed_is_named_with_its_offset() {
    let dir = folder("latin1", &[("caf.txt", b"Caf\xe9 society\n")]);
    let err = seeds::collect(&dir).err().unwrap();
    assert!(err.contains("caf.txt") && err.contains("not UTF-8") && err.contains("offset 3"), "{err}");
}

#[test]
fn an_unreadable_seed_is_named() {
    // A folder named like an article cannot be read as one (even by root).
    let dir = folder("unreadable", &[("ok.txt", b"Title\n\nText.")]);
    fs::create_dir(dir.join("folder.txt")).unwrap();
    let err = seeds::collect(&dir).err().unwrap();
    assert!(err.contains("folder.txt") && err.contains("cannot be read"), "{err}");
}

#[test]
fn no_seed_at_all_is_an_error() {
    let dir = folder("none", &[("readme.json", b"{}")]);
    assert!(seeds::collect(&dir).err().unwrap().contains("no .txt or .md"));
}
