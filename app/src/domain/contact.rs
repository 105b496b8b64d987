//! E-mail addresses and phone numbers.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An e-mail address, trimmed and lowercased (so it can be compared and used as
/// a unique key). Deliberately simple: it catches typos, not every RFC 5322 form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        const INVALID: ParseError = ParseError::new("E-postadressen ser inte rätt ut. Skriv den som namn@kommun.se.");
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new("Skriv en e-postadress, till exempel namn@kommun.se."));
        }
        // The limit is in bytes (RFC 5321); checked before lowercasing so huge input costs nothing.
        if s.len() > Self::MAX_LEN {
            return Err(ParseError::new("E-postadressen är för lång. Den får vara högst 254 tecken."));
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(ParseError::new("E-postadressen får inte ha mellanslag. Skriv den som namn@kommun.se."));
        }
        let s = s.to_lowercase();
        let Some((local, domain)) = s.split_once('@') else {
            return Err(ParseError::new("E-postadressen ska ha ett @, till exempel namn@kommun.se."));
        };
        if domain.contains('@') {
            return Err(ParseError::new("E-postadressen får bara ha ett @. Skriv den som namn@kommun.se."));
        }
        // Characters that only appear in quoted or bracketed forms, which no
        // municipality uses and which make addresses unsafe to paste into headers.
        if s.chars().any(|c| "<>()[]\\,;:\"".contains(c)) {
            return Err(INVALID);
        }
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
        if !local_ok || !domain_ok {
            return Err(INVALID);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype_impls!(Email);

/// A phone number stored in E.164 form (`+46701234567`). Swedish numbers may be
/// typed the Swedish way (`070-123 45 67`): a leading 0 means +46.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(s: &str) -> Result<Self, ParseError> {
        const WRONG_LENGTH: ParseError = ParseError::new(
            "Telefonnumret har för få eller för många siffror. Skriv hela numret, till exempel 070-123 45 67.",
        );
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new("Skriv ett telefonnummer, till exempel 070-123 45 67."));
        }
        // 15 digits with generous spacing fit in 40 bytes; anything longer is not a number.
        if s.len() > 40 {
            return Err(WRONG_LENGTH);
        }
        let mut digits = String::with_capacity(16);
        let mut plus = false;
        for (i, c) in s.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => plus = true,
                // The no-break space comes along when numbers are copied from web pages.
                ' ' | '\u{A0}' | '-' | '(' | ')' => {}
                _ => {
                    return Err(ParseError::new(
                        "Telefonnumret får bara ha siffror, mellanslag, bindestreck, parenteser och + först.",
                    ));
                }
            }
        }
        // Digits including the country code, without any prefix.
        let mut international = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            // 00 is the international prefix dialled from Sweden.
            rest.to_owned()
        } else if let Some(rest) = digits.strip_prefix('0') {
            format!("46{rest}")
        } else {
            return Err(ParseError::new(
                "Börja numret med 0 eller +, till exempel 070-123 45 67 eller +46 70 123 45 67.",
            ));
        };
        // "+46 (0)70 …" and "+46 070 …": the Swedish trunk 0 is not part of E.164.
        if let Some(rest) = international.strip_prefix("460") {
            international = format!("46{rest}");
        }
        if international.starts_with('0') {
            return Err(ParseError::new("Landsnumret ser inte rätt ut. Skriv till exempel +46 för Sverige."));
        }
        if !(8..=15).contains(&international.len()) {
            return Err(WRONG_LENGTH);
        }
        Ok(Self(format!("+{international}")))
    }

    /// E.164 form, for `tel:` links and storage.
    pub fn as_e164(&self) -> &str {
        &self.0
    }

    pub fn as_str(&self) -> &str {
        self.as_e164()
    }

    /// Readable form: Swedish numbers the Swedish way (`070-123 45 67`,
    /// `08-123 45 67`); other Swedish numbers as `0` + digits, because area
    /// codes vary in length; foreign numbers in E.164.
    pub fn display(&self) -> String {
        let Some(national) = self.0.strip_prefix("+46") else {
            return self.0.clone();
        };
        // Only ASCII digits are stored, so byte slicing is safe.
        if national.len() == 9 && national.starts_with('7') {
            return format!("0{}-{}", &national[..2], group_subscriber(&national[2..]));
        }
        if let Some(rest) = national.strip_prefix('8') {
            return format!("08-{}", group_subscriber(rest));
        }
        format!("0{national}")
    }
}

/// Swedish grouping from the end in pairs, with a leading triple when the count
/// is odd: `1234567` → `123 45 67`, `123456` → `12 34 56`.
fn group_subscriber(d: &str) -> String {
    let first = if d.len() % 2 == 1 && d.len() >= 3 { 3 } else { 2.min(d.len()) };
    let mut out = String::from(&d[..first]);
    let mut rest = &d[first..];
    while !rest.is_empty() {
        let n = 2.min(rest.len());
        out.push(' ');
        out.push_str(&rest[..n]);
        rest = &rest[n..];
    }
    out
}

impl TryFrom<String> for PhoneNumber {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl AsRef<str> for PhoneNumber {
    fn as_ref(&self) -> &str {
        self.as_e164()
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
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
    fn email_valid() {
        let e = Email::parse("  Anna.Svensson@Kommun.SE ").unwrap();
        assert_eq!(e.as_str(), "anna.svensson@kommun.se");
        assert_eq!(e.to_string(), "anna.svensson@kommun.se");
        assert!(Email::parse("a+dv@sub.kommun.se").is_ok());
        assert!(Email::parse("åsa@förening.se").is_ok(), "IDN domains");
        assert_eq!(Email::parse("ÅSA@X.SE").unwrap().as_str(), "åsa@x.se");
        let long = format!("{}@{}.se", "a".repeat(64), "b".repeat(186)); // 254 bytes
        assert_eq!(long.len(), 254);
        assert!(Email::parse(&long).is_ok());
    }

    #[test]
    fn email_invalid() {
        assert_eq!(Email::parse("").unwrap_err().message, "Skriv en e-postadress, till exempel namn@kommun.se.");
        for bad in [
            "   ",
            "anna",
            "anna@",
            "@kommun.se",
            "anna@kommun",
            "anna@@kommun.se",
            "anna@x@kommun.se",
            "anna svensson@kommun.se",
            "anna@kommun .se",
            "anna@kommun..se",
            "anna@.kommun.se",
            "anna@kommun.se.",
            "anna@-kommun.se",
            "anna@kommun.s",
            ".anna@kommun.se",
            "an..na@kommun.se",
            "\"anna\"@kommun.se",
            "anna@[127.0.0.1]",
            "anna@kommun.se\r\nBcc: x@y.se",
            "Anna <anna@kommun.se>",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
        let local65 = format!("{}@kommun.se", "a".repeat(65));
        assert!(Email::parse(&local65).is_err());
        let long = format!("{}@{}.se", "a".repeat(64), "b".repeat(187)); // 255 bytes
        assert!(Email::parse(&long).is_err());
        assert!(Email::parse(&"a".repeat(10_000)).is_err());
    }

    #[test]
    fn phone_swedish_forms_normalise_to_e164() {
        for input in [
            "070-123 45 67",
            "0701234567",
            " 070 123 45 67 ",
            "(070) 123 45 67",
            "+46701234567",
            "+46 70 123 45 67",
            "+46 (0)70-123 45 67",
            "+46 070 123 45 67",
            "0046 70 123 45 67",
            "070\u{A0}123\u{A0}45\u{A0}67",
        ] {
            let p = PhoneNumber::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(p.as_e164(), "+46701234567", "{input:?}");
            assert_eq!(p.display(), "070-123 45 67");
        }
    }

    #[test]
    fn phone_display() {
        let d = |s: &str| PhoneNumber::parse(s).unwrap().display();
        assert_eq!(d("08-123 45 67"), "08-123 45 67");
        assert_eq!(d("08-12 34 56"), "08-12 34 56");
        assert_eq!(d("031-123 45 67"), "0311234567");
        assert_eq!(d("+47 22 12 34 56"), "+4722123456");
        assert_eq!(PhoneNumber::parse("0736 00 11 22").unwrap().to_string(), "073-600 11 22");
        assert_eq!(PhoneNumber::parse("08-123 45 67").unwrap().as_e164(), "+4681234567");
    }

    #[test]
    fn phone_invalid() {
        for bad in [
            "",
            "  ",
            "070-123",   // 7 digits as +4670123
            "701234567", // neither 0 nor +
            "070 123 45 67 ext 2",
            "070.123.45.67",
            "+46 70 123+45",
            "++46701234567",
            "+0701234567",
            "+1234567890123456", // 16 digits
            "tel:+46701234567",
            "٠٧٠١٢٣٤٥٦٧", // Arabic-Indic digits
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(PhoneNumber::parse(&"0".repeat(10_000)).is_err());
        assert!(PhoneNumber::parse(&"7".repeat(10_000)).is_err());
    }

    #[test]
    fn serde_round_trip_and_refusal() {
        assert_eq!(de::<Email>("A@B.SE").unwrap().as_str(), "a@b.se");
        assert!(de::<Email>("not an email").is_err());
        assert_eq!(de::<PhoneNumber>("+46701234567").unwrap().display(), "070-123 45 67");
        assert!(de::<PhoneNumber>("12").is_err());
    }
}
