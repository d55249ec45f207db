//! The model loader (`ner-<hash>.bin`) on arbitrary bytes: an error or a model
//! that tags; never a panic. (The hash check is skipped so the fuzzer can
//! reach the parts behind it.)
#![no_main]
use article_explorer::core::ner::bundle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(model) = bundle::decode_unchecked(data) {
        let tags = model.tag(&["Jane", "Doe", "visited", "Nairobi", "."]);
        assert_eq!(tags.len(), 5);
    }
});
