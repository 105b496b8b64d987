//! Texts of staff's second factors: the code from an authenticator app, passkeys,
//! and the security page. (What participants read about passkeys is in `sv.rs`.)

// The second step of staff sign-in.
pub const VERIFY_TITLE: &str = "Bekräfta att det är du";
pub const VERIFY_INTRO: &str = "Skriv koden från appen för engångskoder i din mobil, eller använd din nyckel.";
pub const VERIFY_PASSKEY_ONLY: &str = "Använd nyckeln (passkey) som du sparade i datorn eller mobilen.";
pub const CODE_LABEL: &str = "Kod från appen";
pub const CODE_HINT: &str = "Sex siffror. En ny kod visas var 30:e sekund.";
pub const VERIFY_BUTTON: &str = "Logga in";
pub const WITH_PASSKEY: &str = "Logga in med nyckel";
pub const PASSKEY_ALONE_HINT: &str =
    "Har du sparat en nyckel (passkey) i datorn eller mobilen kan du logga in med den.";

// Registering a second factor, at the first sign-in or after an administrator's reset.
pub const REGISTER_TITLE: &str = "Skydda ditt konto med en andra inloggning";
pub const REGISTER_INTRO: &str = "Innan du kan börja behöver kontot en andra faktor: \
     en nyckel (passkey) i datorn eller mobilen, eller en app för engångskoder.";
pub const REGISTER_PASSKEY_TITLE: &str = "Nyckel (passkey)";
pub const REGISTER_PASSKEY_INTRO: &str = "Datorn eller mobilen sparar nyckeln och låser upp den med fingeravtryck, \
     ansikte eller pinkod.";
pub const REGISTER_PASSKEY_BUTTON: &str = "Spara en nyckel";
pub const REGISTER_TOTP_TITLE: &str = "App för engångskoder";
pub const REGISTER_TOTP_INTRO: &str = "Skanna QR-koden med appen (till exempel Microsoft Authenticator eller \
     Google Authenticator), eller skriv in nyckeln för hand. Skriv sedan koden som appen visar.";
pub const TOTP_QR_LABEL: &str = "QR-kod för appen för engångskoder";
pub const TOTP_SECRET_LABEL: &str = "Nyckel att skriva in för hand";
pub const REGISTER_TOTP_BUTTON: &str = "Bekräfta och logga in";
pub const PENDING_EXPIRED: &str = "Det tog för lång tid. Logga in med lösenordet igen.";

// What the code field says when it refuses.
pub const CODE_MISSING: &str = "Skriv koden från appen.";
pub const CODE_FORMAT: &str = "Koden är sex siffror.";
pub const CODE_WRONG: &str = "Koden stämmer inte. Skriv koden som appen visar nu.";
pub const CODE_USED: &str = "Koden är redan använd. Vänta på nästa kod i appen.";
pub const FACTOR_ALREADY_REGISTERED: &str = "Kontot har redan en andra faktor. Logga in med den.";

// Passkeys, for everyone.
pub const PASSKEY_FAILED: &str = "Nyckeln gick inte att använda. Försök igen.";
pub const PASSKEY_UNKNOWN: &str = "Nyckeln hittades inte. Logga in på annat sätt.";
pub const PASSKEY_NEEDS_SCRIPT: &str = "Nycklar kräver att JavaScript är påslaget i webbläsaren.";

// The security page.
pub const SECURITY_TITLE: &str = "Säkerhet";
pub const SECURITY_MENU: &str = "Säkerhet";
pub const SECURITY_TOTP_ON: &str = "Appen för engångskoder är kopplad till kontot.";
pub const SECURITY_TOTP_OFF: &str = "Ingen app för engångskoder är kopplad till kontot.";
pub const SECURITY_PASSKEYS_TITLE: &str = "Dina nycklar";
pub const SECURITY_NO_PASSKEYS: &str = "Du har inga sparade nycklar.";
pub const PASSKEY_SAVED: &str = "Nyckeln är sparad.";
pub const TOTP_SAVED: &str = "Appen för engångskoder är kopplad.";

// A person's devices on the record's access page.
pub const DEVICES_TITLE: &str = "Sparade inloggningar";
pub const DEVICES_NONE: &str = "Inga mobiler eller datorer har sparat inloggningen.";
pub const DEVICE_LABEL: &str = "Enhet";
pub const DEVICE_SAVED_ON: &str = "Sparad";
pub const DEVICE_LAST_USED: &str = "Senast använd";
pub const DEVICE_NEVER_USED: &str = "Aldrig";
pub const DEVICE_REMOVED: &str = "Inloggningen är borttagen, och personen är utloggad överallt.";

/// "Ta bort Nyckel 12 mars"
pub fn device_remove(label: &str) -> String {
    format!("Ta bort {label}")
}

/// The name a new passkey gets: "Nyckel 2 december 2026".
pub fn passkey_label(on: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("Nyckel {} {} {}", on.day(), super::sv::MONTHS[on.month0() as usize], on.year())
}

/// "ABCD EFGH …": the secret in groups of four, easy to type.
pub fn grouped(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}
