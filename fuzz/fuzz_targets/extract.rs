//! The whole extract chain on arbitrary bytes (lossy, and strict when they are
//! UTF-8), with the core's invariants checked: spans on char boundaries and
//! inside the text, sections covering the text in order, every mention inside
//! one section, the JSON parsing back, the packed form round-tripping.
#![no_main]
use article_explorer::core::{packed, Analysis};
use libfuzzer_sys::fuzz_target;

fn check(text: &str) {
    let a = Analysis::new(text);
    let ok = |s: article_explorer::core::span::Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    let mut at = 0;
    for s in &a.doc.sections {
        assert!(ok(s.span), "section span {:?}", s.span);
        assert!(s.span.start >= at, "sections in order");
        at = s.span.end;
    }
    if let (Some(first), Some(last)) = (a.doc.sections.first(), a.doc.sections.last()) {
        assert_eq!(first.span.start, 0, "sections start the text");
        assert_eq!(last.span.end, text.len(), "sections end the text");
    }
    for w in a.doc.sections.windows(2) {
        assert_eq!(w[0].span.end, w[1].span.start, "sections cover the text");
    }
    for m in &a.entities.mentions {
        assert!(ok(m.span), "mention span {:?}", m.span);
        assert!(a.doc.sections.iter().any(|s| s.span.contains(m.span)), "mention inside one section");
        assert!(m.entity < a.entities.entities.len());
    }
    for q in &a.quotes {
        assert!(ok(q.span), "quote span {:?}", q.span);
    }
    let json: serde_json::Value = serde_json::from_str(&a.to_json()).expect("the JSON parses back");
    assert!(json.get("sections").is_some());
    let again = Analysis::from_packed(text, &packed::encode(&a)).expect("the packed form reads back");
    assert_eq!(again.entities, a.entities);
}

fuzz_target!(|data: &[u8]| {
    check(&String::from_utf8_lossy(data));
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
    }
});
