//! Small, fast, deterministic non-cryptographic hashing used for feature
//! hashing. Written in-house (FxHash-style mixing plus a murmur3 finaliser),
//! so the feature → bucket mapping is identical on every platform and in
//! every build: the trained model depends on it bit for bit.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Seed for a fresh hash state.
pub const SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Mixes one 64-bit value into the state.
#[inline(always)]
pub fn add(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Mixes a byte string into the state (8 bytes at a time).
#[inline]
pub fn add_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = add(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = add(h, u64::from_le_bytes(a) ^ ((rest.len() as u64) << 59));
    }
    add(h, bytes.len() as u64)
}

/// Hash of a byte string with a template tag.
#[inline]
pub fn tagged(tag: u64, bytes: &[u8]) -> u64 {
    add_bytes(add(SEED, tag), bytes)
}

/// Final avalanche (murmur3 fmix64); use before taking bucket bits.
#[inline(always)]
pub fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// `std::hash::Hasher` over the same mixing, for in-memory lookup tables
/// (never iterated in an order that affects output).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn finish(&self) -> u64 {
        fmix(self.0)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.0 = add_bytes(self.0, bytes);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = add(self.0, i);
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = add(self.0, i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = add(self.0, i as u64);
    }
}

pub type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn hash_is_deterministic_and_pinned() {
        // Pinned values: if these change, every trained model is invalid.
        let a = fmix(tagged(1, b"Nairobi"));
        let b = fmix(tagged(1, b"Nairobi"));
        assert_eq!(a, b);
        assert_ne!(a, fmix(tagged(2, b"Nairobi")));
        assert_ne!(fmix(tagged(1, b"abcdefgh")), fmix(tagged(1, b"abcdefgh\0")));
        assert_eq!(fmix(tagged(7, b"hello world")), PINNED);
    }
    const PINNED: u64 = 14837794639646245536;
}
