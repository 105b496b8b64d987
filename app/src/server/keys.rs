//! The two secrets kept outside the database, shared by every server instance.
//!
//! - The **server secret** keys the hashes that stand in for e-mail addresses,
//!   client addresses and sign-in codes in the database: a plain hash of an
//!   e-mail can be found by hashing every staff e-mail, a keyed one cannot
//!   without the secret.
//! - The **audit key** signs the audit log's hash chain. It is a separate key so
//!   that the party who verifies the log (`mina-steg audit verify`) need not hold
//!   the server secret, and so that the database's owner, who can change rows,
//!   cannot make a changed row verify.
//!
//! Outside demo mode both come from the environment (`MINA_STEG_SECRET`,
//! `MINA_STEG_AUDIT_KEY`, 64 hex characters or more; `mina-steg keygen` makes a
//! pair). Demo mode derives them from public strings, like the demo password.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// At least 256 bits.
pub const MIN_KEY_BYTES: usize = 32;

#[derive(Clone)]
pub struct Keys {
    server: Vec<u8>,
    audit: Vec<u8>,
}

// Never printed, not even in debug output.
impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(..)")
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum KeyError {
    #[error("{0} is not hexadecimal")]
    NotHex(&'static str),
    #[error("{0} is shorter than 32 bytes (64 hex characters)")]
    TooShort(&'static str),
    #[error("the server secret and the audit key must differ")]
    Same,
}

impl Keys {
    /// From the two hex strings of the environment.
    pub fn from_hex(server: &str, audit: &str) -> Result<Self, KeyError> {
        let server = decode("MINA_STEG_SECRET", server)?;
        let audit = decode("MINA_STEG_AUDIT_KEY", audit)?;
        if server == audit {
            return Err(KeyError::Same);
        }
        Ok(Keys { server, audit })
    }

    /// The public keys of demo mode and tests: anyone can compute them, so they
    /// protect nothing, and serving without `--demo` refuses to use them.
    pub fn demo() -> Self {
        use sha2::Digest;
        Keys {
            server: Sha256::digest(b"mina-steg demo server secret").to_vec(),
            audit: Sha256::digest(b"mina-steg demo audit key").to_vec(),
        }
    }

    /// A new random pair, as hex (for `mina-steg keygen`).
    pub fn generate_hex() -> (String, String) {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut pair = [[0u8; MIN_KEY_BYTES]; 2];
        for key in &mut pair {
            OsRng.fill_bytes(key);
        }
        (hex(&pair[0]), hex(&pair[1]))
    }

    /// A keyed hash of `value` in the namespace `kind` (hex): the stand-in for
    /// an e-mail, an address or a code wherever one is stored.
    pub fn keyed_hash(&self, kind: &str, value: &str) -> String {
        let mut mac = mac(&self.server);
        mac.update(kind.as_bytes());
        mac.update(b":");
        mac.update(value.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    /// HMAC-SHA-256 with the audit key over `message`.
    pub fn audit_mac(&self, message: &[u8]) -> Vec<u8> {
        let mut mac = mac(&self.audit);
        mac.update(message);
        mac.finalize().into_bytes().to_vec()
    }
}

fn mac(key: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; this cannot fail.
    Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC accepts any key length"))
}

fn decode(name: &'static str, value: &str) -> Result<Vec<u8>, KeyError> {
    let value = value.trim();
    if !value.len().is_multiple_of(2) || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(KeyError::NotHex(name));
    }
    let bytes: Vec<u8> =
        (0..value.len()).step_by(2).filter_map(|i| u8::from_str_radix(&value[i..i + 2], 16).ok()).collect();
    if bytes.len() < MIN_KEY_BYTES {
        return Err(KeyError::TooShort(name));
    }
    Ok(bytes)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    const B: &str = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

    #[test]
    fn keys_are_read_from_hex_of_at_least_32_bytes() {
        assert!(Keys::from_hex(A, B).is_ok());
        assert_eq!(Keys::from_hex(&A[..62], B).unwrap_err(), KeyError::TooShort("MINA_STEG_SECRET"));
        assert_eq!(Keys::from_hex(A, "zz").unwrap_err(), KeyError::NotHex("MINA_STEG_AUDIT_KEY"));
        assert_eq!(Keys::from_hex(A, A).unwrap_err(), KeyError::Same);
    }

    #[test]
    fn keyed_hashes_depend_on_the_key_and_the_kind() {
        let one = Keys::from_hex(A, B).unwrap();
        let other = Keys::from_hex(B, A).unwrap();
        let h = one.keyed_hash("account", "anna@example.se");
        assert_eq!(h.len(), 64);
        assert_eq!(h, one.keyed_hash("account", "anna@example.se"));
        assert_ne!(h, other.keyed_hash("account", "anna@example.se"));
        assert_ne!(h, one.keyed_hash("address", "anna@example.se"));
        assert_ne!(one.audit_mac(b"row"), other.audit_mac(b"row"));
    }

    #[test]
    fn generated_keys_are_accepted_and_differ() {
        let (s, a) = Keys::generate_hex();
        assert!(Keys::from_hex(&s, &a).is_ok());
        assert_ne!(s, a);
    }
}
