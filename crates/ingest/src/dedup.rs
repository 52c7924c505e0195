//! Duplicate message ids, found without holding the ids themselves.
//!
//! Each id is reduced to a 128-bit keyed hash (two SipHash-1-3 values under
//! random keys of this run) and only the hash and the line of its first
//! occurrence are kept: 24 bytes per distinct id in the table plus the
//! table's slack (at most about 2x), so 10 million messages take at most
//! about 0.5 GiB and 2 million about 100 MiB, whatever the length of the
//! ids. Two distinct ids collide with probability about n²/2¹²⁹, which is
//! negligible (and a collision quarantines a row with its reason rather
//! than dropping it).

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// A 128-bit keyed hash of an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key(u64, u64);

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0);
    }
}

/// A hasher for keys that are already uniform hashes: it passes them on.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The ids seen so far at one site.
#[derive(Debug)]
pub struct SeenIds {
    keys: (std::hash::RandomState, std::hash::RandomState),
    first: HashMap<Key, u64, BuildHasherDefault<PassThrough>>,
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds {
            keys: (std::hash::RandomState::new(), std::hash::RandomState::new()),
            first: HashMap::default(),
        }
    }
}

impl SeenIds {
    /// Records `id` first seen on `line`; if it was seen before, the line
    /// it was first seen on.
    pub fn first_or_insert(&mut self, id: &str, line: u64) -> Option<u64> {
        let key = Key(self.keys.0.hash_one(id), self.keys.1.hash_one(id));
        match self.first.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(line);
                None
            }
        }
    }

    /// Distinct ids seen.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// Whether no id was seen.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }
}

/// The seen ids of every site of a run, shared by the readers of sources
/// of the same site so that a message id duplicated across two exports of
/// one site is found too. See [`crate::SourceReader::share_ids`].
#[derive(Debug, Clone, Default)]
pub struct SiteIds {
    sites: Arc<Mutex<HashMap<String, Arc<Mutex<SeenIds>>>>>,
}

impl SiteIds {
    /// The shared set of `site`.
    pub(crate) fn site(&self, site: &str) -> Arc<Mutex<SeenIds>> {
        let mut sites = self.sites.lock().unwrap_or_else(|e| e.into_inner());
        sites.entry(site.to_string()).or_default().clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_line_of_a_duplicate() {
        let mut seen = SeenIds::default();
        assert_eq!(seen.first_or_insert("a", 2), None);
        assert_eq!(seen.first_or_insert("b", 3), None);
        assert_eq!(seen.first_or_insert("a", 9), Some(2));
        assert_eq!(seen.len(), 2);
        for i in 0..10_000 {
            assert_eq!(seen.first_or_insert(&format!("m{i}"), i), None);
        }
        assert_eq!(seen.first_or_insert("m77", 1), Some(77));
    }

    #[test]
    fn sites_share_one_set_per_site() {
        let ids = SiteIds::default();
        ids.site("a").lock().unwrap().first_or_insert("x", 5);
        assert_eq!(
            ids.site("a").lock().unwrap().first_or_insert("x", 7),
            Some(5)
        );
        assert_eq!(ids.site("b").lock().unwrap().first_or_insert("x", 7), None);
    }
}
