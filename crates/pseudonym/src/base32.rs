//! Crockford base32 (lower case, no padding) for pseudonyms.

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Appends the base32 form of `bytes` to `out`, five bits a character.
pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_known_values() {
        let mut out = String::new();
        encode_into(&[0, 0, 0, 0, 0], &mut out);
        assert_eq!(out, "00000000");
        out.clear();
        encode_into(&[0xff; 5], &mut out);
        assert_eq!(out, "zzzzzzzz");
        out.clear();
        encode_into(&[0xff; 16], &mut out);
        assert_eq!(out.len(), 26);
        assert!(
            out.ends_with('w'),
            "last char carries 3 bits, padded: {out}"
        );
    }
}
