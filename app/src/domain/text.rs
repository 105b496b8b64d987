//! Names and free text typed by people.

use super::ParseError;
use serde::{Deserialize, Serialize};

/// Invisible characters that can reorder or hide text on screen (bidi
/// overrides, zero-width characters, BOM). Not control characters in Unicode's
/// sense, but they let one name look like another in lists and audit views.
fn is_invisible_format_char(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM/RLM
        | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{FEFF}'              // BOM / zero-width no-break space
    )
}

/// True if `s` holds characters we never store: control characters (except
/// `\n` and `\t` when `multiline`) and invisible format characters.
fn has_forbidden_char(s: &str, multiline: bool) -> bool {
    s.chars().any(|c| {
        let allowed_control = multiline && (c == '\n' || c == '\t');
        (c.is_control() && !allowed_control) || is_invisible_format_char(c)
    })
}

/// Counts characters but stops early, so a 10 MB paste costs no more than `max`.
fn longer_than(s: &str, max: usize) -> bool {
    s.chars().nth(max).is_some()
}

/// A person's name as shown in the app: trimmed, 1..=100 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new("Skriv ett namn."));
        }
        if longer_than(s, Self::MAX_CHARS) {
            return Err(ParseError::new("Namnet är för långt. Det får vara högst 100 tecken."));
        }
        if has_forbidden_char(s, false) {
            return Err(ParseError::new(
                "Namnet innehåller en radbrytning eller ett osynligt tecken. Skriv namnet på en rad.",
            ));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Required one-line text, such as a title or a place name: trimmed, 1..=200 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct ShortText(String);

impl ShortText {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new("Fältet är tomt. Skriv några ord."));
        }
        if longer_than(s, Self::MAX_CHARS) {
            return Err(ParseError::new("Texten är för lång. Den får vara högst 200 tecken."));
        }
        if has_forbidden_char(s, false) {
            return Err(ParseError::new(
                "Texten innehåller en radbrytning eller ett osynligt tecken. Skriv texten på en rad.",
            ));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Optional longer text, such as notes or a plan's motivation: trimmed, may be
/// empty, at most 5 000 characters, line breaks and tabs allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct LongText(String);

impl LongText {
    pub const MAX_CHARS: usize = 5000;

    pub fn parse(s: &str) -> Result<Self, ParseError> {
        // Browsers send textarea line breaks as CRLF; store plain LF so the
        // character count matches what the person sees.
        let s = s.trim();
        if longer_than(s, Self::MAX_CHARS * 2) {
            // Cheap early exit before allocating for the normalisation below.
            return Err(Self::too_long());
        }
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        if longer_than(&s, Self::MAX_CHARS) {
            return Err(Self::too_long());
        }
        if has_forbidden_char(&s, true) {
            return Err(ParseError::new(
                "Texten innehåller ett osynligt tecken som inte går att spara. Ta bort det och försök igen.",
            ));
        }
        Ok(Self(s))
    }

    fn too_long() -> ParseError {
        ParseError::new("Texten är för lång. Den får vara högst 5 000 tecken.")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

string_newtype_impls!(PersonName, ShortText, LongText);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error as ValueError, StringDeserializer};

    fn de<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T, ValueError> {
        T::deserialize(StringDeserializer::<ValueError>::new(s.to_owned()))
    }

    #[test]
    fn person_name_valid() {
        assert_eq!(PersonName::parse("Åsa Öberg").unwrap().as_str(), "Åsa Öberg");
        assert_eq!(PersonName::parse("  Märta Ängström-Lind \n").unwrap().as_str(), "Märta Ängström-Lind");
        assert_eq!(PersonName::parse("Zoë O'Connor").unwrap().to_string(), "Zoë O'Connor");
        assert!(PersonName::parse("Li").is_ok());
        assert!(PersonName::parse(&"å".repeat(100)).is_ok(), "100 chars, 200 bytes");
    }

    #[test]
    fn person_name_invalid() {
        assert_eq!(PersonName::parse("").unwrap_err().message, "Skriv ett namn.");
        assert_eq!(PersonName::parse(" \t\n ").unwrap_err().message, "Skriv ett namn.");
        assert!(PersonName::parse(&"å".repeat(101)).is_err());
        assert!(PersonName::parse(&"x".repeat(10_000)).is_err());
        assert!(PersonName::parse("Anna\nSvensson").is_err());
        assert!(PersonName::parse("Anna\tSvensson").is_err());
        assert!(PersonName::parse("Anna\u{0}").is_err());
        assert!(PersonName::parse("Anna\u{202E}nossnevS").is_err(), "bidi override");
        assert!(PersonName::parse("An\u{200B}na").is_err(), "zero-width space");
    }

    #[test]
    fn short_text() {
        assert_eq!(ShortText::parse("  Café Gläntan ").unwrap().as_str(), "Café Gläntan");
        assert!(ShortText::parse(&"ä".repeat(200)).is_ok());
        assert!(ShortText::parse(&"ä".repeat(201)).is_err());
        assert!(ShortText::parse(&"x".repeat(10_000)).is_err());
        assert!(ShortText::parse("").is_err());
        assert!(ShortText::parse("   ").is_err());
        assert!(ShortText::parse("två\nrader").is_err());
    }

    #[test]
    fn long_text() {
        assert!(LongText::parse("").unwrap().is_empty());
        assert!(LongText::parse("  \n ").unwrap().is_empty());
        assert_eq!(LongText::default(), LongText::parse("").unwrap());
        let t = LongText::parse("Mål:\r\n\tFler timmar på caféet.\r\nÖva på att ringa.\r").unwrap();
        assert_eq!(t.as_str(), "Mål:\n\tFler timmar på caféet.\nÖva på att ringa.");
        assert!(LongText::parse(&"ö".repeat(5000)).is_ok());
        assert!(LongText::parse(&"ö".repeat(5001)).is_err());
        assert!(LongText::parse(&"x".repeat(10_000)).is_err());
        // 5000 visible line breaks sent as CRLF are 10 000 chars on the wire.
        assert!(LongText::parse(&format!("a{}a", "\r\n".repeat(4998))).is_ok());
        assert!(LongText::parse("ding\u{7}").is_err());
        assert!(LongText::parse("a\u{FEFF}b").is_err());
    }

    #[test]
    fn serde_refuses_invalid() {
        assert_eq!(de::<PersonName>(" Åke ").unwrap().as_str(), "Åke");
        assert!(de::<PersonName>("").is_err());
        assert!(de::<ShortText>(&"x".repeat(10_000)).is_err());
        assert!(de::<LongText>("").is_ok());
        assert!(de::<LongText>("\u{1B}[31m").is_err());
    }
}
