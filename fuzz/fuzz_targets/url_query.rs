//! The URL query (`?q=&e=&any=&hide=…`) on arbitrary text: never a panic, and
//! what it reads writes back to a query that reads the same.
#![no_main]
use article_explorer::core::filter::Filter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let filter = Filter::from_query(&query);
    let written = filter.to_query();
    assert_eq!(Filter::from_query(&written), filter, "{written}");
});
