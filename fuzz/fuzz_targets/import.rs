//! The article-import decoders on arbitrary bytes: a dropped or opened file
//! (`core::import`: size and type checks, strict UTF-8 with a byte order
//! mark dropped) and a kept article read back from storage (`core::kept`).
//! Invariants: the text is the file's bytes exactly (less the mark), an error
//! is one sentence naming the file and the first bad byte's offset in it; a
//! stored copy is read only when it is exactly what `kept::encode` writes,
//! and every text survives the round trip.
#![no_main]
use article_explorer::core::import::{decode, refuse, BOM, MAX_BYTES};
use article_explorer::core::kept;
use libfuzzer_sys::fuzz_target;

const NAME: &str = "article.txt";

fuzz_target!(|data: &[u8]| {
    let body = data.strip_prefix(BOM).unwrap_or(data);
    let skipped = data.len() - body.len();
    match decode(NAME, data.to_vec()) {
        Ok(text) => {
            assert_eq!(text.as_bytes(), body, "the text is the file's bytes");
            assert!(!text.contains('\0'));
            assert_eq!(kept::decode(&kept::encode(&text)), Ok(text.as_str()), "kept copies round-trip");
        }
        Err(why) => {
            assert!(why.starts_with("\u{201c}article.txt\u{201d} is not") && !why.contains('\n'), "{why}");
            match std::str::from_utf8(body) {
                Ok(text) => assert!(text.contains('\0'), "valid text refused: {why}"),
                Err(e) => assert!(why.contains(&format!("offset {} ", skipped + e.valid_up_to())), "{why}"),
            }
        }
    }
    // The same bytes as a name and a type, at every size around the limit.
    let (name, mime) = match std::str::from_utf8(data) {
        Ok(s) => s.split_at(s.char_indices().nth(s.chars().count() / 2).map_or(s.len(), |(i, _)| i)),
        Err(_) => ("x", "text/plain"),
    };
    // The name is the reader's, quoted in the sentence: only the words after it tell the reason
    // (a name holding "larger than" once passed an earlier, looser check of this target).
    let too_large = |why: &String| why.ends_with("\u{201d} is larger than 10 MB; choose a smaller text file.");
    for size in [0.0, MAX_BYTES, MAX_BYTES + 1.0, f64::NAN, f64::INFINITY] {
        if let Some(why) = refuse(name, mime, size) {
            assert!(why.starts_with('\u{201c}') && why.ends_with('.'), "{why}");
        }
        assert_eq!(refuse(name, mime, size).is_some_and(|w| too_large(&w)), size > MAX_BYTES);
    }
    // Any string as a stored copy: read only when it is exactly what encode writes.
    if let Ok(stored) = std::str::from_utf8(data) {
        if let Ok(text) = kept::decode(stored) {
            assert_eq!(kept::encode(text), stored);
        }
    }
});
