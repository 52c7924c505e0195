//! Keyed pseudonyms: HMAC-SHA256 over (domain, site, id).

use hmac::Mac;

use crate::base32;
use crate::key::Key;

/// Length in characters of every pseudonym: 128 bits in base32.
pub const PSEUDONYM_LEN: usize = 26;

/// Bytes of the HMAC output kept in a pseudonym (128 bits).
const PSEUDONYM_BYTES: usize = 16;

/// Label that starts every pseudonym input, so no other use of the key can
/// produce the same HMAC input.
const LABEL: &[u8] = b"veil/pseudonym/v1";

/// Label of [`Key::text_mac`], apart from every pseudonym.
const TEXT_LABEL: &[u8] = b"veil/finding-text/v1";

/// Label of [`Key::surrogate_hash`], apart from every other use of the key.
const SURROGATE_LABEL: &[u8] = b"veil/surrogate/v1";

/// What kind of identifier is pseudonymized. Equal raw values in different
/// domains give unrelated pseudonyms, so a message id `17` and a patient id `17`
/// cannot be linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Domain {
    /// A message identifier.
    Message,
    /// A thread (conversation) identifier.
    Thread,
    /// A patient identifier.
    Patient,
    /// A sender or recipient who is not identified as the patient: clinician,
    /// staff member or proxy.
    Person,
    /// A login event identifier.
    Login,
}

impl Domain {
    /// The name that goes into the HMAC input and into manifests.
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Message => "message",
            Domain::Thread => "thread",
            Domain::Patient => "patient",
            Domain::Person => "person",
            Domain::Login => "login",
        }
    }

    /// Parses the name used in pipeline files (`message`, `thread`, ...).
    pub fn parse(name: &str) -> Option<Domain> {
        [
            Domain::Message,
            Domain::Thread,
            Domain::Patient,
            Domain::Person,
            Domain::Login,
        ]
        .into_iter()
        .find(|d| d.as_str() == name)
    }
}

impl Key {
    /// The pseudonym of `id` in `domain` at `site`: 26 characters of
    /// Crockford base32 carrying 128 bits of HMAC-SHA256.
    ///
    /// Pass an empty `site` for identifiers that must link across sites
    /// (a pipeline choice for patients).
    pub fn pseudonym(&self, domain: Domain, site: &str, id: &str) -> String {
        let mut out = String::with_capacity(PSEUDONYM_LEN);
        self.pseudonym_into(domain, site, id, &mut out);
        out
    }

    /// Appends the pseudonym of `id` to `out` (see [`Key::pseudonym`]); the
    /// allocation-free form for columnar code.
    pub fn pseudonym_into(&self, domain: Domain, site: &str, id: &str, out: &mut String) {
        let digest = self.mac_of(&[
            LABEL,
            domain.as_str().as_bytes(),
            site.as_bytes(),
            id.as_bytes(),
        ]);
        base32::encode_into(&digest[..PSEUDONYM_BYTES], out);
    }

    /// A keyed digest of a piece of protected text (a finding), 128 bits in
    /// hex: a steward who holds the key can check whether a given string was
    /// the one removed, while the digest alone reveals nothing. Its label
    /// keeps it apart from pseudonyms of the same value.
    pub fn text_mac(&self, text: &str) -> String {
        hex::encode(&self.mac_of(&[TEXT_LABEL, text.as_bytes()])[..PSEUDONYM_BYTES])
    }

    /// A keyed 64-bit hash of `text` that chooses surrogates in scrubbed
    /// text (the first 8 bytes of an HMAC under its own label): the same
    /// name gets the same invented name across a release, and without the
    /// key the choice cannot be traced back.
    pub fn surrogate_hash(&self, text: &str) -> u64 {
        let digest = self.mac_of(&[SURROGATE_LABEL, text.as_bytes()]);
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first)
    }

    /// HMAC-SHA256 over the length-prefixed concatenation of `parts`.
    ///
    /// Every part is preceded by its length as 8 big-endian bytes, so no two
    /// different lists of parts give the same input (`"ab","c"` vs `"a","bc"`).
    pub(crate) fn mac_of(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.mac_template().clone();
        for part in parts {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> Key {
        Key::from_bytes(vec![byte; 32]).unwrap()
    }

    #[test]
    fn same_key_same_input_same_pseudonym() {
        assert_eq!(
            key(1).pseudonym(Domain::Patient, "s", "P1"),
            key(1).pseudonym(Domain::Patient, "s", "P1")
        );
    }

    #[test]
    fn key_domain_site_and_id_all_change_the_pseudonym() {
        let base = key(1).pseudonym(Domain::Patient, "s", "P1");
        assert_ne!(base, key(2).pseudonym(Domain::Patient, "s", "P1"));
        assert_ne!(base, key(1).pseudonym(Domain::Message, "s", "P1"));
        assert_ne!(base, key(1).pseudonym(Domain::Patient, "t", "P1"));
        assert_ne!(base, key(1).pseudonym(Domain::Patient, "s", "P2"));
    }

    #[test]
    fn encoding_is_unambiguous() {
        let k = key(3);
        assert_ne!(
            k.pseudonym(Domain::Patient, "ab", "c"),
            k.pseudonym(Domain::Patient, "a", "bc")
        );
    }

    #[test]
    fn pseudonym_is_not_a_plain_hash_of_the_id() {
        use sha2::{Digest, Sha256};
        let p = key(4).pseudonym(Domain::Patient, "", "P1");
        let mut plain = String::new();
        base32::encode_into(&Sha256::digest(b"P1")[..16], &mut plain);
        assert_ne!(p, plain);
    }

    #[test]
    fn pseudonym_has_fixed_length_and_alphabet() {
        let p = key(5).pseudonym(Domain::Thread, "site", "a very long identifier indeed");
        assert_eq!(p.len(), PSEUDONYM_LEN);
        assert!(
            p.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
        );
    }

    #[test]
    fn surrogate_hashes_are_keyed_and_stable() {
        let a = key(6).surrogate_hash("Koch");
        assert_eq!(a, key(6).surrogate_hash("Koch"));
        assert_ne!(a, key(7).surrogate_hash("Koch"));
        assert_ne!(a, key(6).surrogate_hash("Koc"));
        let mac = key(6).text_mac("Koch");
        assert_ne!(format!("{a:016x}"), mac[..16]);
    }

    #[test]
    fn text_macs_are_keyed_and_differ_from_pseudonyms() {
        let a = key(6).text_mac("Anna Koch");
        assert_eq!(a, key(6).text_mac("Anna Koch"));
        assert_eq!(a.len(), 32);
        assert_ne!(a, key(7).text_mac("Anna Koch"));
        assert_ne!(a, key(6).text_mac("Anna Koc"));
        assert!(!a.contains("anna"));
    }

    #[test]
    fn domain_names_round_trip() {
        for d in [
            Domain::Message,
            Domain::Thread,
            Domain::Patient,
            Domain::Person,
            Domain::Login,
        ] {
            assert_eq!(Domain::parse(d.as_str()), Some(d));
        }
        assert_eq!(Domain::parse("nope"), None);
    }
}
