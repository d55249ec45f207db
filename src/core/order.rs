//! Orderings by small keys without a sort routine: the app's orderings (the
//! mention map's marks, the entity graph's edges) sort by keys that are
//! small numbers, so a counting sort orders them in linear time, and the wasm
//! carries this one short function instead of the standard library's sorts.

/// `items` ordered by `keys` (one per item, each below `buckets`), stable:
/// items with equal keys keep their order.
pub fn by_small_key<T>(items: Vec<T>, keys: &[usize], buckets: usize) -> Vec<T> {
    debug_assert_eq!(items.len(), keys.len());
    let mut starts = vec![0usize; buckets + 1];
    for &k in keys {
        starts[k + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut slots: Vec<Option<T>> = (0..items.len()).map(|_| None).collect();
    for (item, &k) in items.into_iter().zip(keys) {
        slots[starts[k]] = Some(item);
        starts[k] += 1;
    }
    slots.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn is_the_stable_sort(keys in proptest::collection::vec(0usize..20, 0..200)) {
            let items: Vec<(usize, usize)> = keys.iter().copied().enumerate().collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(_, k)| k);
            proptest::prop_assert_eq!(by_small_key(items, &keys, 20), expected);
        }
    }
}
