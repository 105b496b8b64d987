//! Domain types: parsed once at the edge, trusted everywhere inside.
//!
//! Pure Rust, no I/O. Every type has a `parse` constructor that rejects invalid
//! input with a short Swedish message meant to be shown to the person who typed it.

use chrono::NaiveDate;

/// Why some input could not become a domain value. `message` is plain Swedish,
/// ready to show next to the form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub message: &'static str,
}

impl ParseError {
    pub const fn new(message: &'static str) -> Self {
        Self { message }
    }
}

/// An enum stored in the database as a stable lowercase code and shown to staff
/// with a Swedish label. Lets the UI build a `<select>` for any of them generically.
pub trait CodeEnum: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn label_sv(self) -> &'static str;
    fn parse(s: &str) -> Result<Self, ParseError>;
}

/// Defines a code enum: variants with a DB code and a Swedish label, plus
/// `ALL`, `as_str`, `label_sv`, `parse`, `FromStr` and serde.
///
/// serde uses `rename = <code>` per variant (instead of `rename_all`) so the
/// serialized form is, by construction, exactly `as_str()`; `rename_all =
/// "snake_case"` would turn `JointAssessment1` into `joint_assessment1`.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident (unknown = $unknown:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// Stable code stored in the database and used in URLs and forms.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code,)+ }
            }

            /// Swedish label for staff-facing pages.
            pub const fn label_sv(self) -> &'static str {
                match self { $(Self::$variant => $label,)+ }
            }

            pub fn parse(s: &str) -> Result<Self, $crate::domain::ParseError> {
                match s.trim() {
                    $($code => Ok(Self::$variant),)+
                    _ => Err($crate::domain::ParseError::new($unknown)),
                }
            }
        }

        impl $crate::domain::CodeEnum for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn as_str(self) -> &'static str { $name::as_str(self) }
            fn label_sv(self) -> &'static str { $name::label_sv(self) }
            fn parse(s: &str) -> Result<Self, $crate::domain::ParseError> { $name::parse(s) }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Self::parse(s) }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str { self.as_str() }
        }

        $crate::domain::sqlx_code!($name);
    };
}

/// Code enums are read from and written to TEXT columns as their code. A stored
/// value that is no code of the enum fails the row's decoding: an error that is
/// logged (by kind, never the value) and shown as "something went wrong", never
/// turned silently into a default.
#[cfg(feature = "ssr")]
macro_rules! sqlx_code {
    ($name:ident) => {
        $crate::domain::sqlx_code!(@db $name, ::sqlx::Sqlite);
        $crate::domain::sqlx_code!(@db $name, ::sqlx::Postgres);
    };
    (@db $name:ident, $db:ty) => {
        impl ::sqlx::Type<$db> for $name {
            fn type_info() -> <$db as ::sqlx::Database>::TypeInfo {
                <&str as ::sqlx::Type<$db>>::type_info()
            }
            fn compatible(ty: &<$db as ::sqlx::Database>::TypeInfo) -> bool {
                <&str as ::sqlx::Type<$db>>::compatible(ty)
            }
        }
        impl<'r> ::sqlx::Decode<'r, $db> for $name {
            fn decode(value: <$db as ::sqlx::Database>::ValueRef<'r>) -> Result<Self, ::sqlx::error::BoxDynError> {
                let code = <&str as ::sqlx::Decode<'r, $db>>::decode(value)?;
                $name::parse(code).map_err(|_| concat!("not a code of ", stringify!($name)).into())
            }
        }
        impl<'q> ::sqlx::Encode<'q, $db> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <$db as ::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <&str as ::sqlx::Encode<'q, $db>>::encode(self.as_str(), buf)
            }
        }
    };
}
#[cfg(not(feature = "ssr"))]
macro_rules! sqlx_code {
    ($name:ident) => {};
}
pub(crate) use sqlx_code;

/// `TryFrom<String>` (for `#[serde(try_from = "String")]`), `AsRef<str>` and
/// `Display` for newtypes that wrap an already-valid `String` and have `parse`/`as_str`.
macro_rules! string_newtype_impls {
    ($($t:ty),+) => {$(
        impl TryFrom<String> for $t {
            type Error = $crate::domain::ParseError;
            fn try_from(s: String) -> Result<Self, Self::Error> { Self::parse(&s) }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str { self.as_str() }
        }
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.as_str()) }
        }
    )+};
}

pub mod audit;
pub mod auth;
pub mod consent;
pub mod contact;
pub mod employment;
pub mod follow_up;
pub mod identity;
pub mod ladder;
pub mod meeting;
pub mod people;
pub mod programme;
pub mod reminder;
pub mod sus;
pub mod text;
pub mod transition;

pub use audit::AuditAction;
pub use auth::{Password, SignInCode};
pub use consent::{ConsentMethod, ConsentScope};
pub use contact::{Email, PhoneNumber};
pub use employment::{EmployerKind, Employment};
pub use identity::PersonalNumber;
pub use ladder::{DischargeOutcome, LadderStep, Road, Way};
pub use meeting::{MeetingAnswer, MeetingKind, MeetingStatus, MeetingTime};
pub use people::{Benefit, BenefitKind, DvForm, Gender, HoursPerWeek, Organisation, RelationKind, Role, StaffRole};
pub use programme::{
    AttendanceMark, Capacity, EnrolmentStatus, RoundForm, SESSION_THEMES, SessionCount, SessionMinutes, SessionVisit,
};
pub use reminder::{Channel, LockScreen, ReminderChoice, ReminderKind, ReminderStatus, TimeOfDay};
pub use text::{LongText, PersonName, ShortText};
pub use transition::{ClockKind, Due, TransitionDate};

const DATE_FORMAT_MESSAGE: &str = "Skriv datumet som år-månad-dag, till exempel 2026-05-14.";

/// Parses a date written strictly as `YYYY-MM-DD` (what `<input type="date">` sends).
///
/// Stricter than chrono's `%Y-%m-%d`, which also accepts `2026-5-4` and signed
/// or five-digit years; a typo like `0202-05-14` is caught by the year range.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, ParseError> {
    let s = s.trim();
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(ParseError::new(DATE_FORMAT_MESSAGE));
    }
    // The shape check guarantees ASCII digits, so these parses cannot fail.
    let year: i32 = s[0..4].parse().map_err(|_| ParseError::new(DATE_FORMAT_MESSAGE))?;
    let month: u32 = s[5..7].parse().map_err(|_| ParseError::new(DATE_FORMAT_MESSAGE))?;
    let day: u32 = s[8..10].parse().map_err(|_| ParseError::new(DATE_FORMAT_MESSAGE))?;
    if !(1900..=2200).contains(&year) {
        return Err(ParseError::new("Året ser inte rätt ut. Skriv datumet som år-månad-dag, till exempel 2026-05-14."));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or(ParseError::new("Det datumet finns inte. Kontrollera månad och dag."))
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::CodeEnum;
    use serde::Deserialize;
    use serde::de::value::{Error as ValueError, StrDeserializer};
    use std::collections::HashSet;
    use std::fmt::Debug;

    /// The checks every code enum must pass: codes round-trip through `parse`
    /// and serde, are unique lowercase snake_case, labels are non-empty, and
    /// junk is refused.
    pub fn check_code_enum<T>()
    where
        T: CodeEnum + Debug + PartialEq + for<'de> Deserialize<'de>,
    {
        let mut codes = HashSet::new();
        assert!(!T::ALL.is_empty());
        for &v in T::ALL {
            let code = v.as_str();
            assert!(codes.insert(code), "duplicate code {code}");
            assert!(
                !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "code not snake_case: {code}"
            );
            assert!(!v.label_sv().trim().is_empty());
            assert_eq!(T::parse(code), Ok(v));
            assert_eq!(T::parse(&format!("  {code} ")), Ok(v), "surrounding space");
            let de = T::deserialize(StrDeserializer::<ValueError>::new(code)).unwrap();
            assert_eq!(de, v, "serde name differs from as_str for {code}");
            // Codes are case-sensitive: they come from our own forms, never typed.
            if code.chars().any(|c| c.is_ascii_lowercase()) {
                assert!(T::parse(&code.to_uppercase()).is_err());
            }
        }
        for junk in ["", " ", "nonsense", "Ä", "1; DROP TABLE x"] {
            let err = T::parse(junk).unwrap_err();
            assert!(!err.message.is_empty());
        }
        assert!(T::parse(&"a".repeat(10_000)).is_err());
        assert!(T::deserialize(StrDeserializer::<ValueError>::new("nonsense")).is_err());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_displays_its_message() {
        let e = ParseError::new("Skriv ett namn.");
        assert_eq!(e.to_string(), "Skriv ett namn.");
        let _: &dyn std::error::Error = &e;
    }

    #[test]
    fn iso_date_valid() {
        assert_eq!(parse_iso_date("2026-03-29"), Ok(NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()));
        assert_eq!(parse_iso_date(" 2028-02-29 "), Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()));
    }

    #[test]
    fn iso_date_invalid() {
        for bad in [
            "",
            "2026-3-29",
            "29/03/2026",
            "2026-03-29T00:00",
            "+2026-03-29",
            "2026-13-01",
            "2026-02-29",
            "2026-04-31",
            "0202-05-14",
            "２０２６-03-29",
        ] {
            assert!(parse_iso_date(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(parse_iso_date(&"2".repeat(10_000)).is_err());
    }
}
