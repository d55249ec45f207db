//! Short names for what a wasm imports from its JS glue.
//!
//! wasm-bindgen names every import after the JS it calls plus a 16-hex-digit hash
//! (`__wbg_setAttribute_6a2c8a1e7d0f2b3c`), and each name is written twice, in the wasm's
//! import section and as a key of the glue's import object. The explorer has about 200 of
//! them: their hashes alone are some 3 KB of a first visit that gzip cannot shrink. The build
//! gives each hashed import a short name (`$0`, `$1`, …) in both files at once.

use std::collections::{HashMap, HashSet};

/// The wasm with its hashed imports renamed, and the glue with the same names.
/// Fails if the wasm cannot be read or if a renamed import does not appear in the glue
/// (the two would no longer fit: the page would fail to start).
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let bad = |what: &str| format!("the wasm's import section: {what}");
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut names = HashMap::new();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body) = leb(wasm, at + 1).ok_or_else(|| bad("a section's size is cut off"))?;
        let end =
            body.checked_add(size as usize).filter(|&e| e <= wasm.len()).ok_or_else(|| bad("a section overruns"))?;
        if id != 2 {
            out.extend_from_slice(&wasm[at..end]);
            at = end;
            continue;
        }
        let section = &wasm[body..end];
        let (count, mut p) = leb(section, 0).ok_or_else(|| bad("no count"))?;
        let mut new = Vec::with_capacity(section.len());
        put_leb(&mut new, count);
        for _ in 0..count {
            let (module, q) = name(section, p).ok_or_else(|| bad("a module name is cut off"))?;
            let (field, q) = name(section, q).ok_or_else(|| bad("a field name is cut off"))?;
            let desc_end = descriptor_end(section, q).ok_or_else(|| bad("an import's type is cut off or unknown"))?;
            let short = if hashed(field) {
                let n = names.len();
                names.entry(field.to_string()).or_insert_with(|| format!("${n:x}")).clone()
            } else {
                field.to_string()
            };
            for s in [module, &short] {
                put_leb(&mut new, s.len() as u64);
                new.extend_from_slice(s.as_bytes());
            }
            new.extend_from_slice(&section[q..desc_end]);
            p = desc_end;
        }
        if p != section.len() {
            return Err(bad("bytes after the last import"));
        }
        out.push(2);
        put_leb(&mut out, new.len() as u64);
        out.extend_from_slice(&new);
        at = end;
    }
    let (glue, seen) = rename_identifiers(glue, &names);
    if let Some(missing) = names.keys().find(|n| !seen.contains(n.as_str())) {
        return Err(format!("the glue does not name the wasm's import {missing}"));
    }
    Ok((out, glue))
}

/// wasm-bindgen's hashed import names: `__wbg_…_` and 16 lowercase hex digits.
fn hashed(field: &str) -> bool {
    let Some(stem) = field.strip_prefix("__wbg_") else { return false };
    stem.len() > 17
        && stem.as_bytes()[stem.len() - 17] == b'_'
        && stem[stem.len() - 16..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Every whole identifier of `js` found in `names` replaced by its new name, and the
/// names seen. Identifiers are whole runs of `[A-Za-z0-9_$]`, so one name
/// inside a longer one is left alone.
fn rename_identifiers<'a>(js: &str, names: &'a HashMap<String, String>) -> (String, HashSet<&'a str>) {
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let bytes = js.as_bytes();
    let mut out = String::with_capacity(js.len());
    let mut seen = HashSet::new();
    let mut i = 0;
    while i < bytes.len() {
        if !ident(bytes[i]) {
            let next = (i + 1..bytes.len()).find(|&j| ident(bytes[j])).unwrap_or(bytes.len());
            out.push_str(&js[i..next]);
            i = next;
            continue;
        }
        let end = (i..bytes.len()).find(|&j| !ident(bytes[j])).unwrap_or(bytes.len());
        let word = &js[i..end];
        match names.get_key_value(word) {
            Some((key, short)) => {
                seen.insert(key.as_str());
                out.push_str(short);
            }
            None => out.push_str(word),
        }
        i = end;
    }
    (out, seen)
}

/// An unsigned LEB128 at `at`: the value and where the next field starts.
fn leb(b: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (k, &byte) in b.get(at..)?.iter().enumerate().take(10) {
        value |= u64::from(byte & 0x7f) << (7 * k);
        if byte & 0x80 == 0 {
            return Some((value, at + k + 1));
        }
    }
    None
}

fn put_leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A length-prefixed UTF-8 name at `at`.
fn name(b: &[u8], at: usize) -> Option<(&str, usize)> {
    let (len, start) = leb(b, at)?;
    let end = start.checked_add(usize::try_from(len).ok()?)?;
    Some((std::str::from_utf8(b.get(start..end)?).ok()?, end))
}

/// Where an import's descriptor (function, table, memory, global or tag) that starts at `at` ends.
fn descriptor_end(b: &[u8], at: usize) -> Option<usize> {
    let limits = |at: usize| {
        let flags = *b.get(at)?;
        let (_, next) = leb(b, at + 1)?;
        if flags & 1 == 1 {
            leb(b, next).map(|(_, n)| n)
        } else {
            Some(next)
        }
    };
    match *b.get(at)? {
        0x00 => leb(b, at + 1).map(|(_, n)| n),
        0x01 => b.get(at + 1).and_then(|_| limits(at + 2)),
        0x02 => limits(at + 1),
        0x03 => b.get(at + 2).map(|_| at + 3),
        0x04 => leb(b, at + 2).map(|(_, n)| n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing a function for each of `fields` and a memory (a plain name) from "wbg".
    fn module(fields: &[&str]) -> Vec<u8> {
        let mut section = Vec::new();
        put_leb(&mut section, fields.len() as u64 + 1);
        for f in fields {
            for s in ["wbg", f] {
                put_leb(&mut section, s.len() as u64);
                section.extend_from_slice(s.as_bytes());
            }
            section.extend_from_slice(&[0x00, 0x01]);
        }
        for s in ["wbg", "memory"] {
            put_leb(&mut section, s.len() as u64);
            section.extend_from_slice(s.as_bytes());
        }
        section.extend_from_slice(&[0x02, 0x01, 0x11, 0x80, 0x01]);
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // a type section before, kept as it is
        m.push(2);
        put_leb(&mut m, section.len() as u64);
        m.extend_from_slice(&section);
        m.extend_from_slice(&[0, 3, 1, b'x', 7]); // a custom section after
        m
    }

    const A: &str = "__wbg_append_0123456789abcdef";
    const B: &str = "__wbg__wbg_cb_unref_fedcba9876543210";

    #[test]
    fn hashed_imports_get_short_names_in_both_files() {
        let glue =
            format!("const e={{{A}:function(n){{}},{B}:function(){{}},x__wbg_append_0123456789abcdef:1}};e.{A}();");
        let (wasm, js) = shorten(&module(&[A, B]), &glue).unwrap();
        assert_eq!(wasm, module(&["$0", "$1"]));
        assert_eq!(js, "const e={$0:function(n){},$1:function(){},x__wbg_append_0123456789abcdef:1};e.$0();");
    }

    #[test]
    fn a_glue_that_does_not_fit_the_wasm_is_an_error() {
        let err = shorten(&module(&[A, B]), &format!("{{{A}:1}}")).unwrap_err();
        assert!(err.contains(B), "{err}");
        assert!(shorten(b"\0asm", "").is_err());
        let mut cut = module(&[A]);
        cut.truncate(cut.len() - 12);
        assert!(shorten(&cut, A).is_err());
    }

    #[test]
    fn only_wasm_bindgen_hashes_count() {
        assert!(hashed(A) && hashed(B));
        assert!(!hashed("__wbindgen_init_externref_table") && !hashed("__wbg_x_0123456789ABCDEF"));
        assert!(!hashed("__wbg_0123456789abcdef") && !hashed("memory"));
    }
}
