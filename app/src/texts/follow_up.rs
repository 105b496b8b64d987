//! Texts of the follow-up page (staff: the enhetschef and the administrator).

pub const MENU: &str = "Uppföljning";
pub const TITLE_ALL: &str = "Uppföljning: alla enheter";
pub const INTRO: &str = "Siffrorna räknas fram ur det som personalen registrerar. Ingen räknar för hand. \
     En period gäller alla som var inskrivna någon dag under den.";
pub const FROM: &str = "Från";
pub const UNTIL: &str = "Till och med";
pub const UNIT: &str = "Enhet";
pub const ALL_UNITS: &str = "Alla enheter";
pub const SHOW: &str = "Visa";
pub const UNTIL_BEFORE_FROM: &str = "Slutdatumet kan inte vara före startdatumet.";
pub const TOTAL: &str = "Totalt";
pub const WOMEN: &str = "Kvinnor";
pub const MEN: &str = "Män";
pub const OTHER: &str = "Annat svar";
pub const PARTICIPANTS_TITLE: &str = "Deltagare";
pub const PARTICIPANTS_ROW: &str = "Deltagare under perioden";
pub const FORM_TITLE: &str = "Form vid inskrivning";
pub const BENEFIT_TITLE: &str = "Ersättning vid inskrivning";
pub const DV_STEPS_TITLE: &str = "Stegförflyttningar inom daglig verksamhet";
pub const DV_STEPS_ALL: &str = "Alla stegförflyttningar";
pub const DV_STEPS_ABOUT: &str = "Räknade ur registrerade ändringar i daglig verksamhet under perioden. En deltagare \
     kan ta flera steg.";
pub const ASSESSMENT_TITLE: &str = "Gemensam kartläggning (AF och FK)";
pub const ASSESSMENT_HELD: &str = "Under perioden";
pub const ASSESSMENT_PLANNED: &str = "Inplanerade efter perioden";
pub const ASSESSMENT_ABOUT: &str = "Personer med minst ett möte om gemensam kartläggning som inte är inställt. \
     Inplanerade räknas bara för den som inte hade något under perioden.";
pub const DISCHARGE_TITLE: &str = "Utskrivning till";
pub const NOT_DISCHARGED: &str = "Ännu inte utskrivna";
pub const SHARES_TITLE: &str = "Steg mot arbete";
pub const SHARES_ABOUT: &str = "Ett steg mot arbete är en utskrivning till förstärkt samarbete, lönearbete, studier, \
     en arbetsmarknadsinsats genom ASF eller en tidsbegränsad kommunal anställning.";
pub const COLUMN_WHAT: &str = "Vad";

/// "Uppföljning: Enheten Norr".
pub fn title_unit(unit: &str) -> String {
    format!("Uppföljning: {unit}")
}

/// "Perioden 2026-01-01 till och med 2026-12-03."
pub fn period(from: chrono::NaiveDate, until: chrono::NaiveDate) -> String {
    format!("Perioden {from} till och med {until}.")
}

/// "17 av 32 deltagare (53 %) har skrivits ut mot arbete."
pub fn share_of_all(count: u32, of: u32, per_cent: Option<u32>) -> String {
    match per_cent {
        Some(p) => format!("{count} av {of} deltagare ({p} %) har skrivits ut mot arbete."),
        None => "Inga deltagare under perioden.".to_owned(),
    }
}

/// "17 av 23 utskrivna (74 %) har skrivits ut mot arbete."
pub fn share_of_discharged(count: u32, of: u32, per_cent: Option<u32>) -> String {
    match per_cent {
        Some(p) => format!("{count} av {of} utskrivna ({p} %) har skrivits ut mot arbete."),
        None => "Ingen har skrivits ut under perioden.".to_owned(),
    }
}
