//! Duplicate message ids, found without holding the ids themselves.
//!
//! Each id is reduced to a keyed hash (two SipHash-1-3 values under random
//! keys of this run, 128 bits); 8 of its bits choose one of 256 tables and
//! 96 more are kept with the line of the id's first occurrence: 16 bytes per
//! distinct id plus the tables' slack. Because the 256 tables grow one at a
//! time, there is no moment when one big table and its doubled copy are
//! both alive: about 25-40 bytes per distinct id in all, so 10 million
//! message ids take about 250-400 MiB and 1.5 million about 40-60 MiB,
//! whatever the length of the ids. Two distinct ids collide with
//! probability about n²/2¹⁰⁵ (negligible; and a collision quarantines a row
//! with its reason rather than dropping it). Lines past 2³²-1 are recorded
//! as 2³²-1.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};
use std::sync::{Arc, Mutex};

/// 96 bits of an id's keyed hash, packed to 4-byte alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key([u32; 3]);

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(u64::from(self.0[0]) << 32 | u64::from(self.0[1]));
    }
}

/// Tables the ids are spread over.
const SHARDS: usize = 256;

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
    first: Vec<HashMap<Key, u32, BuildHasherDefault<PassThrough>>>,
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds {
            keys: (std::hash::RandomState::new(), std::hash::RandomState::new()),
            first: (0..SHARDS).map(|_| HashMap::default()).collect(),
        }
    }
}

impl SeenIds {
    /// Records `id` first seen on `line`; if it was seen before, the line
    /// it was first seen on.
    pub fn first_or_insert(&mut self, id: &str, line: u64) -> Option<u64> {
        let (a, b) = (self.keys.0.hash_one(id), self.keys.1.hash_one(id));
        let shard = (b >> 56) as usize % SHARDS;
        let key = Key([(a >> 32) as u32, a as u32, b as u32]);
        match self.first[shard].entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Some(u64::from(*e.get())),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(u32::try_from(line).unwrap_or(u32::MAX));
                None
            }
        }
    }

    /// Distinct ids seen.
    pub fn len(&self) -> usize {
        self.first.iter().map(HashMap::len).sum()
    }

    /// Whether no id was seen.
    pub fn is_empty(&self) -> bool {
        self.first.iter().all(HashMap::is_empty)
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
