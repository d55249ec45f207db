//! The packed-analysis decoder (what the build embeds and the engine answers)
//! on arbitrary bytes for a fixed text: an error, or an analysis whose every
//! span and index is valid.
#![no_main]
use article_explorer::core::Analysis;
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "Café “Zürich” report\n\n“We will win,” said Angela Merkel in Berlin’s parliament.\n\n## Next\n\nMs Merkel left for Paris.\n";

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = Analysis::from_packed(TEXT, data) {
        for m in &a.entities.mentions {
            assert!(m.span.end <= TEXT.len() && TEXT.is_char_boundary(m.span.start) && TEXT.is_char_boundary(m.span.end));
            assert!(m.entity < a.entities.entities.len() && m.block < a.doc.blocks.len());
        }
        for q in &a.quotes {
            assert!(q.span.end <= TEXT.len() && q.speaker.is_none_or(|s| s < a.entities.entities.len()));
        }
    }
});
