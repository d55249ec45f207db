//! What a dropped, opened or pasted file becomes before it is read: checked
//! for size and type from what the browser says about it, then decoded as
//! strict UTF-8 text. Pure, so the fuzzer can drive it (`fuzz/`, target
//! `import`); the app's import panel calls it.

/// Files larger than this are refused before they are read.
pub const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// Why a file is refused, in one sentence; `None` when it may be read.
pub fn refuse(name: &str, mime: &str, size: f64) -> Option<String> {
    if size > MAX_BYTES {
        return Some(format!("\u{201c}{name}\u{201d} is larger than 10 MB; choose a smaller text file."));
    }
    let lower = name.to_ascii_lowercase();
    let texty = [".txt", ".md", ".markdown", ".text"].iter().any(|x| lower.ends_with(x));
    if !texty && !mime.starts_with("text/") {
        return Some(format!("\u{201c}{name}\u{201d} is not a text file; open a .txt or .md file."));
    }
    None
}

/// The byte order mark some editors put before UTF-8 text: not part of the text.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The file's text (without a leading [`BOM`]), or why it is not UTF-8 text,
/// in one sentence that names the first bad byte's offset in the file.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<String, String> {
    let bom = if bytes.starts_with(BOM) { bytes.drain(..BOM.len()).count() } else { 0 };
    match String::from_utf8(bytes) {
        Ok(s) if s.contains('\0') => Err(format!("\u{201c}{name}\u{201d} is not a text file; open a .txt or .md file.")),
        Ok(s) => Ok(s),
        Err(e) => Err(format!(
            "\u{201c}{name}\u{201d} is not UTF-8 text (the byte at offset {} is not valid); save it as UTF-8 and try again.",
            bom + e.utf8_error().valid_up_to()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_big_or_non_text_files() {
        assert!(refuse("a.txt", "text/plain", 11.0 * 1024.0 * 1024.0).unwrap().contains("larger than 10 MB"));
        assert!(refuse("a.png", "image/png", 10.0).unwrap().contains("not a text file"));
        assert_eq!(refuse("notes.MD", "", 10.0), None);
        assert_eq!(refuse("notes", "text/plain", 10.0), None);
        // Found by the `import` fuzz target: a name that holds the words of another refusal.
        let why = refuse("larger than 10 MB.png", "image/png", 10.0).unwrap();
        assert!(why.ends_with("is not a text file; open a .txt or .md file."), "{why}");
        assert_eq!(refuse("larger than.txt", "", 10.0), None);
    }

    #[test]
    fn decodes_strict_utf8_and_names_the_bad_byte() {
        assert_eq!(decode("a.txt", "Título\nTexto.".as_bytes().to_vec()), Ok("Título\nTexto.".to_string()));
        let err = decode("a.txt", vec![b'A', b'b', 0xff, b'c']).unwrap_err();
        assert!(err.contains("not UTF-8") && err.contains("offset 2"), "{err}");
        assert!(decode("a.txt", vec![b'a', 0, b'b']).unwrap_err().contains("not a text file"));
        // Saved "UTF-8 with BOM": the mark is dropped, offsets still count it.
        assert_eq!(decode("a.txt", b"\xEF\xBB\xBFTitle".to_vec()), Ok("Title".to_string()));
        assert!(decode("a.txt", b"\xEF\xBB\xBFT\xff".to_vec()).unwrap_err().contains("offset 4"));
    }
}
