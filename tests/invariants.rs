//! Properties that hold for any text at all: nothing panics, every span is
//! inside the text on char boundaries, sections tile the text in order,
//! mentions are ordered, disjoint and inside their sections, and the JSON
//! carries exactly what the spans say.

use article_explorer::core::filter::Filter;
use article_explorer::core::span::Span;
use article_explorer::core::Analysis;
use proptest::prelude::*;

fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} outside text of {} bytes", text.len());
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{what} {span:?} splits a char");
}

fn check(text: &str) {
    let a = Analysis::new(text);
    let doc = &a.doc;
    if let Some(t) = doc.title {
        check_span(text, t, "title");
    }
    for b in &doc.blocks {
        check_span(text, b.span, "block");
    }
    for s in &doc.sentences {
        check_span(text, s.span, "sentence");
    }
    for t in &doc.tokens {
        check_span(text, t.span, "token");
        assert!(!t.span.is_empty());
    }
    if let (Some(first), Some(last)) = (doc.sections.first(), doc.sections.last()) {
        assert_eq!(first.span.start, 0);
        assert_eq!(last.span.end, text.len());
    }
    for w in doc.sections.windows(2) {
        assert_eq!(w[0].span.end, w[1].span.start, "sections tile the text");
    }
    for (i, s) in doc.sections.iter().enumerate() {
        check_span(text, s.span, "section");
        for b in &doc.blocks[s.blocks.clone()] {
            assert!(s.span.contains(b.span), "block inside its section");
            assert_eq!(b.section, Some(i));
        }
    }
    for w in a.entities.mentions.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "mentions ordered and disjoint: {:?}", (w[0].span, w[1].span));
    }
    for m in &a.entities.mentions {
        check_span(text, m.span, "mention");
        assert!(doc.blocks[m.block].span.contains(m.span), "mention inside its block");
        if let Some(s) = doc.section_at(m.span.start) {
            assert!(doc.sections[s].span.contains(m.span), "mention inside its section");
        }
        let e = &a.entities.entities[m.entity];
        assert!(e.mentions.iter().any(|&i| a.entities.mentions[i].span == m.span));
    }
    // Each block's mentions, as the reading pane finds them: all of them and only them.
    let mut per_block = vec![Vec::new(); doc.blocks.len()];
    for (i, m) in a.entities.mentions.iter().enumerate() {
        per_block[m.block].push(i);
    }
    for (b, want) in per_block.iter().enumerate() {
        assert_eq!(&a.entities.in_block(b).collect::<Vec<_>>(), want, "mentions of block {b}");
    }
    let total: f32 = a.entities.entities.iter().map(|e| e.salience).sum();
    assert!(a.entities.entities.is_empty() || (total - 1.0).abs() < 0.01, "salience sums to 1, got {total}");

    // The JSON says what the spans say.
    let json: serde_json::Value = serde_json::from_str(&serde_json::to_string(&a.extraction()).unwrap()).unwrap();
    for m in json["mentions"].as_array().unwrap() {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
    assert_eq!(json["sections"].as_array().unwrap().len(), doc.sections.len());

    // Filtering by any word of the text keeps a section holding it, and hits are real spans.
    if let Some(word) = text.split_whitespace().find(|w| w.chars().all(char::is_alphanumeric)) {
        let out = a.apply(&Filter { query: word.to_string(), ..Filter::default() });
        for s in 0..out.sections.len() {
            for h in out.hits(&a.index, s) {
                check_span(text, *h, "hit");
            }
        }
    }
}

/// Pieces of text that stress the parser: headings of every style, quotes,
/// possessives, acronyms, line endings, odd Unicode.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("## Heading\n".to_string()),
        Just("===\n".to_string()),
        Just("---\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("’s ".to_string()),
        Just("'s".to_string()),
        Just("n't ".to_string()),
        Just("U.S. ".to_string()),
        Just("Mr. ".to_string()),
        Just("(EU) ".to_string()),
        Just("European Union ".to_string()),
        Just("Defense Minister Jane Doe ".to_string()),
        Just("Doe said. ".to_string()),
        Just("in Paris, France. ".to_string()),
        Just("— ".to_string()),
        Just("... ".to_string()),
        Just("1,000.5 ".to_string()),
        Just("e\u{301}\u{301} ".to_string()),
        Just("\t".to_string()),
        "[A-Z][a-z]{0,8} ",
        "[a-z]{1,8}[.,!?]? ",
        "\\PC{0,6}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    // 600 cases a run in CI; PROPTEST_CASES=N for a long fuzzing run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(600),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_of_article_pieces(pieces in proptest::collection::vec(piece(), 0..60)) {
        check(&pieces.concat());
    }

    #[test]
    fn any_string_at_all(text in "\\PC*") {
        check(&text);
    }

    /// Read a slice at a time (as the browser does, yielding between slices), any text
    /// comes out exactly as read in one go.
    #[test]
    fn sliced_reading_is_whole_reading(pieces in proptest::collection::vec(piece(), 0..40), slice in 1usize..400) {
        let text = pieces.concat();
        let whole = Analysis::new(text.as_str());
        let mut sliced = article_explorer::core::Analyzer::new(text.as_str(), article_explorer::core::ner::model());
        let mut progress = 0.0f32;
        while !sliced.step(slice) {
            let now = sliced.progress();
            prop_assert!(now >= progress && now <= 1.0, "progress {progress} -> {now}");
            progress = now;
        }
        let sliced = sliced.finish();
        prop_assert_eq!(&sliced.doc, &whole.doc);
        prop_assert_eq!(&sliced.entities, &whole.entities);
        prop_assert_eq!(&sliced.index, &whole.index);
    }
}

#[test]
fn large_and_degenerate_inputs_finish() {
    // Shapes that would expose quadratic work; this test asserts no timing,
    // but a quadratic path here would take hours, not a second.
    let capitalised: String = (0..200_000).map(|i| format!("Name{i} ")).collect();
    let cases = [
        "word ".repeat(600_000),                       // a 3 MB single line
        format!("Title{}Text.", "\n".repeat(500_000)), // 500,000 blank lines
        (0..20_000).map(|i| format!("# Heading {i}\n\nText {i}.\n\n")).collect::<String>(),
        capitalised,                                                       // 200,000 capitalised words
        format!("Title\n\n{}x{}", "“‘".repeat(5_000), "’”".repeat(5_000)), // 10,000 nested quotation marks
    ];
    for text in &cases {
        let a = Analysis::new(text.as_str());
        assert!(a.doc.sections.len() <= 20_001);
        assert!(a.doc.len == text.len());
    }
}
