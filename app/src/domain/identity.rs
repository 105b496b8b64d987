//! Personnummer and samordningsnummer (domain.md: "personnummer /
//! samordningsnummer"): parsed from what staff type, kept as 12 digits
//! (ÅÅÅÅMMDDNNNN), shown masked (ÅÅMMDD-XXXX) except where showing it in full
//! is audited.

use super::ParseError;
use chrono::{Datelike, NaiveDate};

const EMPTY: &str = "Skriv personnumret eller samordningsnumret.";
const SHAPE: &str = "Skriv personnumret med 10 eller 12 siffror, till exempel 19121212-1212.";
const NO_DATE: &str = "Datumet i personnumret finns inte. Kontrollera år, månad och dag.";
const FUTURE: &str = "Datumet i personnumret har inte varit än. Kontrollera året.";
const YEAR: &str = "Året i personnumret ser inte rätt ut. Kontrollera året.";
const CHECK_DIGIT: &str = "Kontrollera siffrorna. Den sista siffran stämmer inte.";

/// A Swedish personnummer or samordningsnummer (the day plus 60), with a
/// valid date and Luhn check digit. Holds the 12 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PersonalNumber(String);

impl PersonalNumber {
    /// From what was typed: ÅÅÅÅMMDD-NNNN, ÅÅÅÅMMDDNNNN, ÅÅMMDD-NNNN,
    /// ÅÅMMDDNNNN or ÅÅMMDD+NNNN (`+`: the person is 100 or older). With two
    /// digits for the year, the century is the latest one that puts the birth
    /// date on or before `today` (a century earlier with `+`).
    pub fn parse(s: &str, today: NaiveDate) -> Result<Self, ParseError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::new(EMPTY));
        }
        if s.chars().count() > 13 || !s.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+') {
            return Err(ParseError::new(SHAPE));
        }
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        let separator = s.chars().find(|c| !c.is_ascii_digit());
        // The separator may only stand before the last four digits.
        let separator_ok = match separator {
            None => true,
            Some(sep) => {
                s.chars().filter(|c| !c.is_ascii_digit()).count() == 1
                    && s.chars().nth(s.chars().count() - 5) == Some(sep)
            }
        };
        if !separator_ok {
            return Err(ParseError::new(SHAPE));
        }
        let twelve = match (digits.len(), separator) {
            (12, None | Some('-')) => digits,
            (10, _) => {
                let yy: i32 = digits[0..2].parse().map_err(|_| ParseError::new(SHAPE))?;
                let (month, day) = month_and_day(&digits[2..6])?;
                let mut year = today.year() - (today.year() - yy).rem_euclid(100);
                // Born later this year than today: a century earlier.
                if (month, day) > (today.month(), today.day()) && year == today.year() {
                    year -= 100;
                }
                if separator == Some('+') {
                    year -= 100;
                }
                format!("{year:04}{digits}", digits = &digits[2..])
            }
            _ => return Err(ParseError::new(SHAPE)),
        };
        let number = PersonalNumber(twelve);
        let born = number.birth_date().ok_or(ParseError::new(NO_DATE))?;
        if born > today {
            return Err(ParseError::new(FUTURE));
        }
        if born.year() < 1880 {
            return Err(ParseError::new(YEAR));
        }
        if !luhn_ok(&number.0[2..]) {
            return Err(ParseError::new(CHECK_DIGIT));
        }
        Ok(number)
    }

    /// A number read back from the database (12 digits, checked when stored).
    pub fn from_stored(digits: &str) -> Option<Self> {
        let ok = digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()) && luhn_ok(&digits[2..]);
        ok.then(|| PersonalNumber(digits.to_owned()))
    }

    /// The 12 digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// ÅÅÅÅMMDD-NNNN: the whole number, for the audited view.
    pub fn formatted(&self) -> String {
        format!("{}-{}", &self.0[..8], &self.0[8..])
    }

    /// ÅÅMMDD-XXXX: what lists and the record show.
    pub fn masked(&self) -> String {
        format!("{}-XXXX", &self.0[2..8])
    }

    /// A samordningsnummer: the day is the birth day plus 60.
    pub fn is_coordination_number(&self) -> bool {
        self.0[6..8].parse::<u32>().is_ok_and(|d| d > 60)
    }

    /// The date of birth (for a samordningsnummer, with 60 taken off the day).
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let year: i32 = self.0[0..4].parse().ok()?;
        let (month, day) = month_and_day(&self.0[4..8]).ok()?;
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

/// MMDD, with a samordningsnummer's day (61..=91) turned back into the day.
fn month_and_day(mmdd: &str) -> Result<(u32, u32), ParseError> {
    let month: u32 = mmdd[0..2].parse().map_err(|_| ParseError::new(SHAPE))?;
    let day: u32 = mmdd[2..4].parse().map_err(|_| ParseError::new(SHAPE))?;
    let day = if day > 60 { day - 60 } else { day };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(ParseError::new(NO_DATE));
    }
    Ok((month, day))
}

/// The Luhn check over ÅÅMMDDNNNC (10 digits).
fn luhn_ok(ten: &str) -> bool {
    let digits: Vec<u32> = ten.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let v = if i % 2 == 0 { d * 2 } else { d };
            v / 10 + v % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    /// (typed, stored) for numbers that pass; all are invented test numbers
    /// whose check digit was computed for this table.
    #[test]
    fn valid_numbers() {
        let cases = [
            ("19121212-1212", "191212121212"),
            ("191212121212", "191212121212"),
            ("121212-1212", "201212121212"),
            ("1212121212", "201212121212"),
            ("121212+1212", "191212121212"),
            (" 19811218-9876 ", "198112189876"),
            ("811218-9876", "198112189876"),
            // A samordningsnummer: born 12 July 1985, day 12 + 60 = 72.
            ("850772-1234", "198507721234"),
            ("19850772-1234", "198507721234"),
            // 29 February in a leap year.
            ("000229-5558", "200002295558"),
            // Born on 2 December 1926 turns 100 today: with + it is 1926.
            ("261202+0004", "192612020004"),
        ];
        for (typed, stored) in cases {
            let n = PersonalNumber::parse(typed, today()).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(n.as_str(), stored, "{typed}");
        }
    }

    #[test]
    fn check_digit_of_the_test_numbers() {
        for ten in ["1212121212", "8112189876", "8507721234", "0002295558", "2612020004"] {
            assert!(luhn_ok(ten), "{ten}");
        }
    }

    #[test]
    fn invalid_numbers_say_why() {
        let cases = [
            ("", EMPTY),
            ("   ", EMPTY),
            ("19121212-1213", CHECK_DIGIT),
            ("121212-1213", CHECK_DIGIT),
            ("811218-9875", CHECK_DIGIT),
            ("1912121212", CHECK_DIGIT),
            ("19121212-121", SHAPE),
            ("191212121212-", SHAPE),
            ("1912-1212-1212", SHAPE),
            ("abcdef-1234", SHAPE),
            ("12121-21212", SHAPE),
            ("191212121212+", SHAPE),
            ("19121212+1212", SHAPE),
            ("١٢١٢١٢-١٢١٢", SHAPE),
            ("19121312-1212", NO_DATE),
            ("19120230-1212", NO_DATE),
            ("121232-1212", NO_DATE),
            // 1900 was no leap year.
            ("000229+5558", NO_DATE),
            ("20300101-1234", FUTURE),
            ("18001212-1212", YEAR),
        ];
        for (typed, message) in cases {
            let err = PersonalNumber::parse(typed, today()).expect_err(typed);
            assert_eq!(err.message, message, "{typed}");
        }
        assert_eq!(PersonalNumber::parse(&"1".repeat(10_000), today()).unwrap_err().message, SHAPE);
    }

    #[test]
    fn ten_digits_take_the_latest_century_not_in_the_future() {
        // Born today 25 years ago, and one day later (so 125 years ago).
        let d = |s: &str| PersonalNumber::parse(s, today()).unwrap().birth_date().unwrap();
        assert_eq!(d("011202-0003").to_string(), "2001-12-02");
        assert!(luhn_ok("0112020003"));
        assert_eq!(d("261203-0003").to_string(), "1926-12-03");
        assert!(luhn_ok("2612030003"));
    }

    #[test]
    fn masked_formatted_and_coordination() {
        let n = PersonalNumber::parse("19121212-1212", today()).unwrap();
        assert_eq!(n.masked(), "121212-XXXX");
        assert_eq!(n.formatted(), "19121212-1212");
        assert!(!n.is_coordination_number());
        let s = PersonalNumber::parse("850772-1234", today()).unwrap();
        assert!(s.is_coordination_number());
        assert_eq!(s.birth_date(), NaiveDate::from_ymd_opt(1985, 7, 12));
        assert_eq!(s.masked(), "850772-XXXX");
        assert_eq!(PersonalNumber::from_stored("191212121212"), Some(n));
        assert_eq!(PersonalNumber::from_stored("191212121213"), None);
        assert_eq!(PersonalNumber::from_stored("12"), None);
    }
}
