//! Study keys: loading, checking, fingerprints and generation.

use std::fmt;
use std::path::{Path, PathBuf};

use hmac::{Hmac, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// Environment variable that holds the key itself, in hex.
pub const KEY_ENV: &str = "VEIL_KEY";

/// Environment variable that names a key file.
pub const KEY_FILE_ENV: &str = "VEIL_KEY_FILE";

/// Keys shorter than this many bytes (128 bits) are refused.
pub const MIN_KEY_BYTES: usize = 16;

/// Keys longer than this many bytes are refused (HMAC-SHA256 gains nothing).
const MAX_KEY_BYTES: usize = 64;

/// Fingerprint of the public demo key in `fixtures/keys/demo.key`.
///
/// A release made with it is marked as made with a public key: it protects
/// nothing and exists only so the demo runs out of the box.
pub const DEMO_KEY_FINGERPRINT: &str = "86137c61626f6dac";

/// Label of the fingerprint HMAC; never used for anything else.
const FINGERPRINT_LABEL: &[u8] = b"veil/key-fingerprint/v1";

/// What to tell a user who has no key.
pub const NO_KEY_HELP: &str = "veil needs a study key and none was given.\n\
  Make one:   veil key new > study.key && chmod 600 study.key\n\
  Pass it:    --key-file study.key, or VEIL_KEY_FILE=study.key, or VEIL_KEY=<64 hex digits>\n\
  Demo only:  --key-file fixtures/keys/demo.key (a public key: its releases protect nothing)";

/// Everything that can go wrong with a key. No variant ever carries key material.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// No flag, no `VEIL_KEY_FILE`, no `VEIL_KEY`.
    #[error("{NO_KEY_HELP}")]
    Missing,
    /// The key file could not be read.
    #[error("cannot read key file {path}: {source}")]
    Read {
        /// The key file.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// The key file can be read by its group or by others.
    #[error(
        "key file {path} can be read by other users (mode {mode:04o}); a study key must be readable only by its owner.\n  Fix it with: chmod 600 {path}"
    )]
    Exposed {
        /// The key file.
        path: PathBuf,
        /// Its permission bits.
        mode: u32,
    },
    /// A character that is not a hex digit.
    #[error(
        "the key from {origin} is not hexadecimal: line {line}, column {column} holds another character"
    )]
    NotHex {
        /// Where the key came from (a path or the variable's name).
        origin: String,
        /// 1-based line of the bad character.
        line: usize,
        /// 1-based column of the bad character.
        column: usize,
    },
    /// An odd number of hex digits.
    #[error("the key from {origin} has an odd number of hex digits")]
    OddLength {
        /// Where the key came from.
        origin: String,
    },
    /// Fewer than 128 bits.
    #[error("the key from {origin} has {bits} bits; veil needs at least {} (make one with `veil key new`)", MIN_KEY_BYTES * 8)]
    TooShort {
        /// Where the key came from.
        origin: String,
        /// How many bits it has.
        bits: usize,
    },
    /// More than 512 bits.
    #[error("the key from {origin} has {bits} bits; veil takes at most {}", MAX_KEY_BYTES * 8)]
    TooLong {
        /// Where the key came from.
        origin: String,
        /// How many bits it has.
        bits: usize,
    },
    /// The system random source failed.
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

/// Where a key was loaded from, for messages and manifests (never the key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// A key file.
    File(PathBuf),
    /// The `VEIL_KEY` environment variable.
    Env,
    /// Bytes handed over in code (tests, embedding).
    Bytes,
}

impl fmt::Display for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeySource::File(p) => write!(f, "file {}", p.display()),
            KeySource::Env => write!(f, "environment variable {KEY_ENV}"),
            KeySource::Bytes => write!(f, "bytes"),
        }
    }
}

/// A study key. Its bytes are wiped when it is dropped; `Debug` shows only
/// the fingerprint.
pub struct Key {
    bytes: Zeroizing<Vec<u8>>,
    mac: Hmac<Sha256>,
    source: KeySource,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("fingerprint", &self.fingerprint())
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Key {
    /// A key from raw bytes (at least 16, at most 64).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Key, KeyError> {
        Key::checked(Zeroizing::new(bytes), "bytes", KeySource::Bytes)
    }

    /// A key from hex digits; white space and lines starting with `#` are ignored.
    pub fn from_hex(text: &str) -> Result<Key, KeyError> {
        let bytes = parse_hex(text, "hex text")?;
        Key::checked(bytes, "hex text", KeySource::Bytes)
    }

    /// Loads a key file. Refuses a file that its group or others can read,
    /// except the public demo key, which is marked as such.
    pub fn from_file(path: &Path) -> Result<Key, KeyError> {
        let text =
            Zeroizing::new(
                std::fs::read_to_string(path).map_err(|source| KeyError::Read {
                    path: path.to_path_buf(),
                    source,
                })?,
            );
        let origin = path.display().to_string();
        let bytes = parse_hex(&text, &origin)?;
        let key = Key::checked(bytes, &origin, KeySource::File(path.to_path_buf()))?;
        if !key.is_demo() {
            check_owner_only(path)?;
        }
        Ok(key)
    }

    /// The key named by `flag` (a key file), else by `VEIL_KEY_FILE`, else
    /// held in `VEIL_KEY`; [`KeyError::Missing`] when there is none.
    pub fn resolve(flag: Option<&Path>) -> Result<Key, KeyError> {
        if let Some(path) = flag {
            return Key::from_file(path);
        }
        if let Some(path) = std::env::var_os(KEY_FILE_ENV).filter(|p| !p.is_empty()) {
            return Key::from_file(Path::new(&path));
        }
        match std::env::var(KEY_ENV) {
            Ok(text) if !text.trim().is_empty() => {
                let text = Zeroizing::new(text);
                let bytes = parse_hex(&text, KEY_ENV)?;
                Key::checked(bytes, KEY_ENV, KeySource::Env)
            }
            _ => Err(KeyError::Missing),
        }
    }

    /// A fresh random 256-bit key as 64 hex digits.
    pub fn generate_hex() -> Result<Zeroizing<String>, KeyError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        getrandom::fill(bytes.as_mut()).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(Zeroizing::new(hex::encode(bytes.as_ref())))
    }

    /// Public identifier of the key: an HMAC of a fixed label, 64 bits in hex.
    /// Two sites can compare fingerprints to show they share a key without
    /// revealing it.
    pub fn fingerprint(&self) -> String {
        let mut mac = self.mac.clone();
        mac.update(FINGERPRINT_LABEL);
        hex::encode(&mac.finalize().into_bytes()[..8])
    }

    /// Whether this is the public demo key from `fixtures/keys/demo.key`.
    pub fn is_demo(&self) -> bool {
        self.fingerprint() == DEMO_KEY_FINGERPRINT
    }

    /// Where the key was loaded from.
    pub fn source(&self) -> &KeySource {
        &self.source
    }

    /// Size of the key in bits.
    pub fn bits(&self) -> usize {
        self.bytes.len() * 8
    }

    /// The HMAC state keyed with this key, to be cloned per message.
    pub(crate) fn mac_template(&self) -> &Hmac<Sha256> {
        &self.mac
    }

    fn checked(
        bytes: Zeroizing<Vec<u8>>,
        origin: &str,
        source: KeySource,
    ) -> Result<Key, KeyError> {
        let bits = bytes.len() * 8;
        if bytes.len() < MIN_KEY_BYTES {
            return Err(KeyError::TooShort {
                origin: origin.to_string(),
                bits,
            });
        }
        if bytes.len() > MAX_KEY_BYTES {
            return Err(KeyError::TooLong {
                origin: origin.to_string(),
                bits,
            });
        }
        let mac = Hmac::<Sha256>::new_from_slice(&bytes).expect("HMAC takes keys of any length");
        Ok(Key { bytes, mac, source })
    }
}

/// Hex digits to bytes, skipping white space and `#` comment lines. Errors
/// name the position of a bad character, never the character.
fn parse_hex(text: &str, origin: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let mut digits = Zeroizing::new(Vec::with_capacity(128));
    for (line_index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        for (column_index, c) in line.chars().enumerate() {
            if c.is_whitespace() {
                continue;
            }
            match c.to_digit(16) {
                Some(d) => digits.push(d as u8),
                None => {
                    return Err(KeyError::NotHex {
                        origin: origin.to_string(),
                        line: line_index + 1,
                        column: column_index + 1,
                    });
                }
            }
        }
    }
    if digits.len() % 2 == 1 {
        return Err(KeyError::OddLength {
            origin: origin.to_string(),
        });
    }
    Ok(Zeroizing::new(
        digits
            .chunks(2)
            .map(|pair| (pair[0] << 4) | pair[1])
            .collect(),
    ))
}

#[cfg(unix)]
fn check_owner_only(path: &Path) -> Result<(), KeyError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|source| KeyError::Read {
            path: path.to_path_buf(),
            source,
        })?
        .permissions()
        .mode()
        & 0o777;
    if mode & 0o077 != 0 {
        return Err(KeyError::Exposed {
            path: path.to_path_buf(),
            mode,
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_owner_only(_path: &Path) -> Result<(), KeyError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    fn write_key(dir: &Path, name: &str, text: &str, mode: u32) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        path
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("veil-key-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn reads_hex_with_comments_and_whitespace() {
        let key =
            Key::from_hex(&format!("# study key\n{}\n  {}\n", &HEX[..32], &HEX[32..])).unwrap();
        assert_eq!(key.bits(), 256);
        assert_eq!(key.fingerprint(), Key::from_hex(HEX).unwrap().fingerprint());
    }

    #[test]
    fn refuses_short_odd_and_non_hex_keys_without_echoing_them() {
        assert!(matches!(
            Key::from_hex(&HEX[..30]),
            Err(KeyError::TooShort { bits: 120, .. })
        ));
        assert!(matches!(
            Key::from_hex(&HEX[..33]),
            Err(KeyError::OddLength { .. })
        ));
        let err = Key::from_hex("00zz").unwrap_err();
        assert!(matches!(
            err,
            KeyError::NotHex {
                line: 1,
                column: 3,
                ..
            }
        ));
        assert!(!err.to_string().contains("zz"));
    }

    #[test]
    fn refuses_a_key_file_others_can_read_and_says_how_to_fix_it() {
        let dir = temp_dir("exposed");
        let path = write_key(&dir, "study.key", HEX, 0o644);
        let err = Key::from_file(&path).unwrap_err();
        assert!(
            matches!(err, KeyError::Exposed { mode: 0o644, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("chmod 600"));
        let path = write_key(&dir, "ok.key", HEX, 0o600);
        assert_eq!(
            Key::from_file(&path).unwrap().source(),
            &KeySource::File(path.clone())
        );
    }

    #[test]
    fn the_demo_key_is_recognised_and_allowed_with_open_permissions() {
        let demo = include_str!("../../../fixtures/keys/demo.key");
        let key = Key::from_hex(demo).unwrap();
        assert!(
            key.is_demo(),
            "update DEMO_KEY_FINGERPRINT to {}",
            key.fingerprint()
        );
        let dir = temp_dir("demo");
        let path = write_key(&dir, "demo.key", demo, 0o644);
        assert!(Key::from_file(&path).unwrap().is_demo());
        assert!(!Key::from_hex(HEX).unwrap().is_demo());
    }

    #[test]
    fn generated_keys_are_fresh_256_bit_hex() {
        let a = Key::generate_hex().unwrap();
        let b = Key::generate_hex().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(*a, *b);
        assert_eq!(Key::from_hex(&a).unwrap().bits(), 256);
    }

    #[test]
    fn debug_shows_fingerprint_not_bytes() {
        let key = Key::from_hex(HEX).unwrap();
        let shown = format!("{key:?}");
        assert!(shown.contains(&key.fingerprint()));
        assert!(!shown.contains("0a0b0c"));
    }
}
