//! The `extract` command as a user runs it.

use std::io::Write;
use std::process::{Command, Stdio};

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_article-explorer-cli"))
}

#[test]
fn extracts_the_seed_as_json_with_byte_offsets() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_e886c33bbeede175.txt");
    let out = cli().args(["extract", path]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(json["sections"].as_array().unwrap().len(), 7);
    assert_eq!(json["sections"][0]["heading"], serde_json::Value::Null);
    for m in json["mentions"].as_array().unwrap() {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
        let id = m["entity"].as_str().unwrap();
        assert!(json["entities"].as_array().unwrap().iter().any(|e| e["id"] == id));
    }
    let asif = json["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Khawaja Asif").unwrap();
    assert_eq!(asif["kind"], "person");
}

#[test]
fn reads_standard_input_and_keeps_offsets_of_crlf_text() {
    let mut child = cli().args(["extract", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"Title\r\n\r\nOslo is cold.\r\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["title"], "Title");
    assert_eq!(json["sections"][0]["end"], 24);
}

fn fails_with(args: &[&str], input: Option<&[u8]>, needle: &str) {
    let mut child =
        cli().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    if let Some(bytes) = input {
        stdin.write_all(bytes).unwrap();
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err}");
    assert!(err.contains(needle), "{err:?} should mention {needle:?}");
    assert!(!err.contains("panicked"));
    assert!(out.stdout.is_empty());
}

#[test]
fn user_errors_are_one_clear_line() {
    fails_with(&["extract", "/no/such/file.txt"], None, "no such file");
    fails_with(&["extract", env!("CARGO_MANIFEST_DIR")], None, "is a directory");
    fails_with(&["extract", "-"], Some(b"Title\n\nbad \xff byte"), "offset 11");
    fails_with(&["extract"], None, "no input file");
    fails_with(&["frobnicate"], None, "unknown command");
}

#[test]
fn lossy_replaces_bad_bytes() {
    let mut child =
        cli().args(["extract", "--lossy", "-"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"Caf\xe9 news\n\nText.\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["title"], "Caf\u{fffd} news");
}

#[test]
fn empty_input_is_an_empty_valid_document() {
    let out = cli().args(["extract", "-"]).stdin(Stdio::null()).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["sections"].as_array().unwrap().len(), 0);
    assert_eq!(json["entities"].as_array().unwrap().len(), 0);
}

/// A model file as a build names it (`ner-<hash>.bin`) and the ways one can be hostile.
#[test]
fn hostile_model_files_are_one_line_and_exit_2() {
    use article_explorer::core::ner::{bundle, gazetteer, MODEL_BYTES};
    let dir = std::env::temp_dir().join(format!("article-explorer-cli-models-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = bundle::encode(MODEL_BYTES, gazetteer::LISTS);
    let article = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/000_e886c33bbeede175.txt");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    };
    // The right model gives what the built-in one gives.
    let named = write(&bundle::file_name(&good), &good);
    let with = cli().args(["extract", "--model", &named, article]).output().unwrap();
    assert!(with.status.success(), "{}", String::from_utf8_lossy(&with.stderr));
    assert_eq!(with.stdout, cli().args(["extract", article]).output().unwrap().stdout);

    let mut altered = good.clone();
    altered[good.len() / 2] ^= 0x20;
    let mut version = good.clone();
    version[4] = 9;
    let huge = dir.join("huge.bin");
    std::fs::File::create(&huge).unwrap().set_len(100 << 20).unwrap();
    let cases: Vec<(String, &str)> = vec![
        (write("empty.bin", b""), "is cut short"),
        (write("truncated.bin", &good[..good.len() / 2]), "is cut short"),
        (write("page.bin", b"<!doctype html><title>Not found</title>"), "is not an entity model file"),
        (write("version.bin", &version), "format 9"),
        (write("altered.bin", &altered), "does not match its own hash"),
        (write("ner-0123456789abcdef.bin", &good), "does not match the hash in its name"),
        (huge.to_string_lossy().into_owned(), "is larger than 64 MB"),
        (dir.join("absent.bin").to_string_lossy().into_owned(), "no such file"),
    ];
    for (path, needle) in &cases {
        for command in [&["extract", "--model", path, article][..], &["index", "--model", path, "out", article]] {
            let out = cli().args(command).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command:?}: {err}");
            assert_eq!(err.lines().count(), 1, "one line: {err}");
            assert!(
                err.contains(path.as_str()) && err.contains(needle),
                "{err:?} should name the file and say {needle:?}"
            );
            assert!(out.stdout.is_empty());
        }
    }
    fails_with(&["extract", "--model"], None, "--model needs a file");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_huge_article_on_standard_input_is_refused() {
    let mut child = cli()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Streamed, never held whole: 100 MB of one line repeated; the command stops reading at its limit.
    let line = vec![b'a'; 1 << 20];
    let writer = std::thread::spawn(move || {
        for _ in 0..100 {
            if stdin.write_all(&line).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("standard input is larger than 64 MB") && err.lines().count() == 1, "{err}");
}
