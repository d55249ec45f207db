//! The corpus readers on arbitrary bytes: a manifest, and a shard served for
//! every file a search or an entity lookup asks for (and read as each list
//! and titles file and page the manifest names). Errors are fine; a panic,
//! a hang or a fetch of a name the manifest did not vouch for are not.
#![no_main]
use article_explorer::core::shards::{self, Need, ShardedIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first two bytes (little-endian): the manifest's length; the shard's bytes follow it.
    if data.len() < 2 {
        return;
    }
    let cut = (u16::from_le_bytes([data[0], data[1]]) as usize).min(data.len() - 2);
    let (manifest, shard) = data[2..].split_at(cut);
    let Ok(mut index) = ShardedIndex::from_manifest(manifest) else { return };
    let fetch = |name: &str| {
        // Inside the corpus folder: no path separator, no scheme, not a dot file ("a..json" is a plain name).
        let inside = !name.contains(['/', '\\', ':']) && !name.starts_with('.');
        assert!(inside, "fetched {name:?}");
        Some(shard.to_vec())
    };
    // A split manifest's pages are served the same bytes.
    for query in ["a", "ab", "kabul border", "é"] {
        let _ = index.load(Need::Words(query), fetch);
        // A title a shard gives a result names a file inside the folder, like any other.
        for hit in index.search(query, fetch).into_iter().flatten() {
            assert!(hit.title.is_none_or(|t| shards::plain_name(&t.text)), "a result names a file outside");
        }
    }
    let _ = index.load(Need::Entity("person-khawaja-asif"), fetch);
    let _ = index.entity("person-khawaja-asif", fetch);
    for article in [0, 1, 250, usize::MAX] {
        let _ = index.load(Need::List(article), fetch);
        let _ = index.load(Need::Titles(article), fetch);
        let _ = index.chunk_of(article);
        let _ = index.titles_of(article);
    }
    for entry in index.manifest().chunks.iter().take(4) {
        if let Ok(list) = index.read_chunk(entry, shard) {
            assert_eq!(list.len(), entry.count, "a list holds what the manifest promised");
        }
    }
    for entry in index.manifest().titles.iter().take(4) {
        if let Ok(titles) = index.read_titles(entry, shard) {
            assert_eq!(titles.len(), entry.count, "a titles file holds what the manifest promised");
            assert!(titles.iter().all(|t| !t.text.contains('/')), "a text outside the folder");
        }
    }
});
