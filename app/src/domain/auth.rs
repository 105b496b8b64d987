//! Secrets typed by people: new passwords and one-time sign-in codes.
//!
//! Neither type implements `Serialize`, `Display` or `PartialEq`, and their
//! `Debug` hides the value, so a secret cannot end up in a log line, a JSON
//! response or a non-constant-time comparison by accident.

use super::ParseError;
use serde::Deserialize;
use std::fmt;

/// A new password chosen by a person: 12..=128 characters (ASVS 6.2.1/6.2.9).
///
/// Not trimmed and no character rules: spaces and any printable character are
/// allowed, so passphrases work. Only for setting a password; signing in
/// compares whatever was typed against the stored hash.
#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        if s.chars().nth(Self::MAX_CHARS).is_some() {
            return Err(ParseError::new("Lösenordet är för långt. Det får ha högst 128 tecken."));
        }
        if s.chars().count() < Self::MIN_CHARS {
            return Err(ParseError::new(
                "Lösenordet är för kort. Det ska ha minst 12 tecken. Du kan skriva flera ord efter varandra.",
            ));
        }
        if s.trim().is_empty() {
            return Err(ParseError::new("Lösenordet kan inte bara vara mellanslag. Skriv några ord eller tecken."));
        }
        Ok(Self(s.to_owned()))
    }

    /// The password itself, only for hashing. The name makes every use visible in review.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Password {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Crockford base32: no I, L, O or U, so codes are easy to read aloud and type.
const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A one-time sign-in code: 10 Crockford base32 characters, 50 random bits
/// (we ask ≥ 40 bits, see security.md). Stored uppercase without separators.
#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct SignInCode(String);

impl SignInCode {
    pub const LEN: usize = 10;

    /// Reads a code as a person typed it: ignores spaces and hyphens, any case,
    /// and reads the look-alikes I and L as 1 and O as 0.
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        const WRONG_LENGTH: ParseError =
            ParseError::new("Koden ska ha 10 tecken. Kontrollera att du har skrivit hela koden.");
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new("Skriv koden som du har fått."));
        }
        if s.len() > 64 {
            return Err(WRONG_LENGTH);
        }
        let mut code = String::with_capacity(Self::LEN);
        for c in s.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                c => c,
            };
            if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
                return Err(ParseError::new(
                    "Koden har ett tecken som inte kan finnas i en kod. Kontrollera koden och försök igen.",
                ));
            }
            code.push(c);
        }
        if code.len() != Self::LEN {
            return Err(WRONG_LENGTH);
        }
        Ok(Self(code))
    }

    /// Encodes the first 50 bits of `bytes` (the caller supplies randomness
    /// from a CSPRNG; this module does no I/O). The last 6 bits are unused.
    pub fn from_random_bytes(bytes: &[u8; 7]) -> Self {
        let mut buf = [0u8; 8];
        buf[1..].copy_from_slice(bytes);
        let bits = u64::from_be_bytes(buf) >> 6; // the top 50 of the 56 bits
        let code = (0..Self::LEN).rev().map(|i| CROCKFORD[((bits >> (5 * i)) & 0x1F) as usize] as char).collect();
        Self(code)
    }

    /// The canonical code, for hashing and comparing with the stored hash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For showing to the person: `ABCDE-FGHJK`.
    pub fn display_grouped(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

impl TryFrom<String> for SignInCode {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl fmt::Debug for SignInCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SignInCode(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error as ValueError, StringDeserializer};

    fn de<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T, ValueError> {
        T::deserialize(StringDeserializer::<ValueError>::new(s.to_owned()))
    }

    #[test]
    fn password_lengths() {
        assert!(Password::parse("kort").is_err());
        assert!(Password::parse("").is_err());
        assert!(Password::parse("elva tecken").is_err(), "11 chars");
        assert_eq!(Password::parse("tolv tecken!").unwrap().expose_secret(), "tolv tecken!");
        assert!(Password::parse("åäöåäöåäöåäö").is_ok(), "12 chars, 24 bytes");
        assert!(Password::parse(&"ö".repeat(128)).is_ok());
        assert!(Password::parse(&"ö".repeat(129)).is_err());
        assert!(Password::parse(&"x".repeat(10_000)).is_err());
        assert!(Password::parse(&" ".repeat(20)).is_err());
    }

    #[test]
    fn password_is_not_trimmed() {
        let p = Password::parse("  mitt lösenord  ").unwrap();
        assert_eq!(p.expose_secret(), "  mitt lösenord  ");
    }

    #[test]
    fn password_debug_hides_value() {
        let p = Password::parse("hemligt-lösenord-123").unwrap();
        assert_eq!(format!("{p:?}"), "Password(***)");
        assert_eq!(format!("{:?}", Some(&p)), "Some(Password(***))");
    }

    #[test]
    fn code_parse_normalises_typing() {
        for input in ["ABCDE-FGHJK", "abcde-fghjk", " abcde fghjk ", "AB CD EF GH JK", "A-B-C-D-E-F-G-H-J-K"] {
            assert_eq!(SignInCode::parse(input).unwrap().as_str(), "ABCDEFGHJK", "{input:?}");
        }
        assert_eq!(SignInCode::parse("ilo01-ILO01").unwrap().as_str(), "1100111001");
    }

    #[test]
    fn code_parse_refuses() {
        assert_eq!(SignInCode::parse("").unwrap_err().message, "Skriv koden som du har fått.");
        for bad in [
            "ABCDE",
            "ABCDE-FGHJ",
            "ABCDE-FGHJKM",
            "ABCDE-FGHJU", // U is not in the alphabet
            "ABCDE_FGHJK",
            "ABCDE.FGHJK",
            "ÅBCDE-FGHJK",
            "ＡBCDE-FGHJK", // full-width A
        ] {
            assert!(SignInCode::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(SignInCode::parse(&"A".repeat(10_000)).is_err());
        assert!(SignInCode::parse(&"-".repeat(10_000)).is_err());
    }

    #[test]
    fn code_from_bytes() {
        assert_eq!(SignInCode::from_random_bytes(&[0; 7]).as_str(), "0000000000");
        assert_eq!(SignInCode::from_random_bytes(&[0xFF; 7]).as_str(), "ZZZZZZZZZZ");
        // Only the first 50 bits count: the low 6 bits of the last byte are ignored.
        assert_eq!(SignInCode::from_random_bytes(&[0, 0, 0, 0, 0, 0, 0x3F]).as_str(), "0000000000");
        assert_eq!(SignInCode::from_random_bytes(&[0, 0, 0, 0, 0, 0, 0x40]).as_str(), "0000000001");
        // 0b00001_00010_00011_… : first character from the top five bits.
        assert_eq!(SignInCode::from_random_bytes(&[0b0000_1000, 0b1000_0110, 0, 0, 0, 0, 0]).as_str(), "1230000000");
        // Every generated code parses back to itself.
        let c = SignInCode::from_random_bytes(&[0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE]);
        assert_eq!(SignInCode::parse(&c.display_grouped()).unwrap().as_str(), c.as_str());
    }

    #[test]
    fn code_display_and_debug() {
        let c = SignInCode::parse("abcdefghjk").unwrap();
        assert_eq!(c.display_grouped(), "ABCDE-FGHJK");
        assert_eq!(format!("{c:?}"), "SignInCode(***)");
    }

    #[test]
    fn serde_refuses_invalid() {
        assert!(de::<Password>("short").is_err());
        assert!(de::<Password>("long enough password").is_ok());
        assert_eq!(de::<SignInCode>("abcde-fghjk").unwrap().as_str(), "ABCDEFGHJK");
        assert!(de::<SignInCode>("ABCDE-FGHJU").is_err());
    }
}
