//! Every address the app links to or redirects to, built in one place, so a
//! page that moves changes here and nowhere else. The route patterns in
//! `app.rs` stay literal because `path!()` needs literals; the tests below
//! hold the two together.

// Participant pages.
pub const PARTICIPANT_HOME: &str = "/";
pub const PLAN: &str = "/min-plan";
pub const MEETINGS: &str = "/moten";
pub const CONTACTS: &str = "/kontakter";
pub const LADDER: &str = "/stegen";
pub const PROGRAMME: &str = "/programmet";
/// "Vem har tittat på mina uppgifter?"
pub const WHO_LOOKED: &str = "/vem-har-tittat";
/// "Påminnelser": when and how the participant (or a relative) is reminded of meetings.
pub const REMINDERS: &str = "/paminnelser";
pub const ABOUT: &str = "/om";

// Signing in.
pub const SIGN_IN: &str = "/logga-in";
pub const STAFF_SIGN_IN: &str = "/logga-in/personal";
pub const DEMO: &str = "/demo";
/// Staff's second step: the code from the authenticator app, or a passkey.
pub const STAFF_SIGN_IN_VERIFY: &str = "/logga-in/personal/kod";
/// Staff's second step when the account has no second factor yet: register one.
pub const STAFF_SIGN_IN_REGISTER: &str = "/logga-in/personal/ny-faktor";
/// Staff's own security page: passkeys and the authenticator app.
pub const STAFF_SECURITY: &str = "/personal/sakerhet";

// Staff pages.
pub const STAFF_HOME: &str = "/personal";
pub const STAFF_PROGRAMME: &str = "/personal/programmet";
pub const NEW_ROUND: &str = "/personal/programmet/ny-omgang";
/// Intake of a new participant into the staff member's own unit.
pub const NEW_PARTICIPANT: &str = "/personal/ny-deltagare";
/// Importing participants from a CSV file into the staff member's own unit.
pub const IMPORT: &str = "/personal/importera";
/// The log follow-up: the enhetschef's unit, or the dataskyddsombud's whole municipality.
pub const LOG: &str = "/personal/logg";
/// The follow-up of outcomes: the enhetschef's unit, or the administrator's choice.
pub const FOLLOW_UP: &str = "/personal/uppfoljning";
/// The follow-up's tables as a file, for the same `?fran=&till=&enhet=`.
pub const FOLLOW_UP_CSV: &str = "/personal/uppfoljning.csv";

/// Who is behind the figures, for the enhetschef.
pub const FOLLOW_UP_PEOPLE_CSV: &str = "/personal/uppfoljning-personer.csv";

/// The per-person list of the enhetschef's unit for a period.
pub fn follow_up_people_csv(from: chrono::NaiveDate, until: chrono::NaiveDate) -> String {
    format!("{FOLLOW_UP_PEOPLE_CSV}?fran={from}&till={until}")
}

/// The file of the follow-up for a period (ISO dates) and, for the administrator, a unit.
pub fn follow_up_csv(from: chrono::NaiveDate, until: chrono::NaiveDate, unit: &str) -> String {
    let unit: String = unit.chars().filter(char::is_ascii_digit).collect();
    let unit = if unit.is_empty() { String::new() } else { format!("&enhet={unit}") };
    format!("{FOLLOW_UP_CSV}?fran={from}&till={until}{unit}")
}
/// The unit's registration sheet for SUS (Finsam's national follow-up), `?fran=&till=`.
pub const SUS_SHEET: &str = "/personal/sus";
/// The same sheet as a file.
pub const SUS_CSV: &str = "/personal/sus.csv";

pub fn sus_csv(from: chrono::NaiveDate, until: chrono::NaiveDate) -> String {
    format!("{SUS_CSV}?fran={from}&till={until}")
}

/// The staff manual: what each step on the ladder is for.
pub const MANUAL: &str = "/personal/handbok";

/// The id of one step's section in the manual, e.g. `steg-joint_assessment`.
pub fn manual_anchor(step: crate::domain::LadderStep) -> String {
    format!("steg-{}", step.as_str())
}

/// `/personal/handbok#steg-…`: the manual's explanation of one step.
pub fn manual_step(step: crate::domain::LadderStep) -> String {
    format!("{MANUAL}#{}", manual_anchor(step))
}

// The administrator's pages, and the invitation link a new staff member opens.
pub const ADMIN_HOME: &str = "/admin";
pub const ADMIN_INVITE: &str = "/admin/bjud-in";
/// Retention (gallring): the rule and the dry run, then the "are you sure" page.
pub const ADMIN_RETENTION: &str = "/admin/gallring";
pub const ADMIN_RETENTION_CONFIRM: &str = "/admin/gallring/bekrafta";
pub const INVITATION: &str = "/inbjudan";

// Static files.
pub const LUCIDE_LICENCE: &str = "/icons/LICENSE-lucide.txt";

/// `/icons/{name}.svg`: an interface icon.
pub fn icon(name: &str) -> String {
    format!("/icons/{name}.svg")
}

/// `/moten/{id}`: one meeting, as the participant sees it.
pub fn meeting(meeting_id: i64) -> String {
    format!("{MEETINGS}/{meeting_id}")
}

/// `/moten/{id}/kalender.ics`: the meeting as a calendar file.
pub fn meeting_calendar(meeting_id: i64) -> String {
    format!("{MEETINGS}/{meeting_id}/kalender.ics")
}

/// `/personal/programmet/omgang/{id}`: one round of the programme.
pub fn round(round_id: i64) -> String {
    format!("{STAFF_PROGRAMME}/omgang/{round_id}")
}

/// `/personal/programmet/tillfalle/{id}`: attendance for one session.
pub fn session(session_id: i64) -> String {
    format!("{STAFF_PROGRAMME}/tillfalle/{session_id}")
}

/// `/personal/programmet/tillfalle/{id}/andra`: change one session.
pub fn session_edit(session_id: i64) -> String {
    format!("{}/andra", session(session_id))
}

/// The pages of a participant's record, in the order of the record's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordPart {
    Overview,
    Plan,
    Meetings,
    Contacts,
    Consents,
    Steps,
    Transition,
    Sus,
    Code,
}

impl RecordPart {
    pub const ALL: [RecordPart; 9] = [
        RecordPart::Overview,
        RecordPart::Plan,
        RecordPart::Meetings,
        RecordPart::Contacts,
        RecordPart::Consents,
        RecordPart::Steps,
        RecordPart::Transition,
        RecordPart::Sus,
        RecordPart::Code,
    ];

    /// The last part of the address ("" for the overview).
    pub fn segment(self) -> &'static str {
        match self {
            RecordPart::Overview => "",
            RecordPart::Plan => "plan",
            RecordPart::Meetings => "moten",
            RecordPart::Contacts => "kontakter",
            RecordPart::Consents => "samtycken",
            RecordPart::Steps => "steg",
            RecordPart::Transition => "overgang",
            RecordPart::Sus => "sus",
            RecordPart::Code => "kod",
        }
    }
}

/// `/personal/deltagare/{id}` and its parts (`…/plan`, `…/moten`, …).
pub fn record(participant_id: i64, part: RecordPart) -> String {
    match part {
        RecordPart::Overview => format!("{STAFF_HOME}/deltagare/{participant_id}"),
        other => format!("{STAFF_HOME}/deltagare/{participant_id}/{}", other.segment()),
    }
}

/// `…/plan?jamfor={version}`: a plan version beside the current one.
pub fn record_plan_compare(participant_id: i64, version: i64) -> String {
    format!("{}?jamfor={version}", record(participant_id, RecordPart::Plan))
}

/// `…/registerutdrag`: the register extract (GDPR art. 15), to print.
pub fn register_extract(participant_id: i64) -> String {
    format!("{STAFF_HOME}/deltagare/{participant_id}/registerutdrag")
}

/// `…/registerutdrag.json`: the same extract as a file.
pub fn register_extract_json(participant_id: i64) -> String {
    format!("{}.json", register_extract(participant_id))
}

/// `/admin/enheter/{id}`: one unit, for the administrator.
pub fn admin_unit(unit_id: i64) -> String {
    format!("{ADMIN_HOME}/enheter/{unit_id}")
}

/// `/admin/personal/{id}`: one staff account, for the administrator.
pub fn admin_staff(staff_id: i64) -> String {
    format!("{ADMIN_HOME}/personal/{staff_id}")
}

/// `/inbjudan?t={token}`: the invitation link. The token is in the query,
/// which the request log does not print (it logs the path only).
pub fn invitation(token: &str) -> String {
    format!("{INVITATION}?t={token}")
}

/// Where someone lands after signing in: participants and relatives on the
/// participant start page, an administrator outside the units on `/admin`,
/// staff (and an administrator placed in a unit) on the unit's start page.
pub fn home_for(actor: &crate::policy::Actor) -> &'static str {
    use crate::policy::Actor;
    match actor {
        Actor::Participant { .. } | Actor::Relative { .. } => PARTICIPANT_HOME,
        Actor::Admin { unit_id: None, .. } => ADMIN_HOME,
        Actor::DataProtectionOfficer { .. } => LOG,
        Actor::SteeringGroup { .. } => FOLLOW_UP,
        Actor::Staff { .. } | Actor::Admin { .. } => STAFF_HOME,
        Actor::Anonymous | Actor::System => SIGN_IN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The route patterns of `app.rs`, with `:id` where an id goes.
    fn pattern(path: &str) -> String {
        path.split('/')
            .map(|s| if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) { ":id" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn built_addresses_match_the_route_patterns() {
        let app = include_str!("app.rs");
        let built = [
            PARTICIPANT_HOME.to_owned(),
            PLAN.to_owned(),
            MEETINGS.to_owned(),
            meeting(7),
            CONTACTS.to_owned(),
            LADDER.to_owned(),
            PROGRAMME.to_owned(),
            WHO_LOOKED.to_owned(),
            REMINDERS.to_owned(),
            ABOUT.to_owned(),
            SIGN_IN.to_owned(),
            STAFF_SIGN_IN.to_owned(),
            DEMO.to_owned(),
            STAFF_SIGN_IN_VERIFY.to_owned(),
            STAFF_SIGN_IN_REGISTER.to_owned(),
            STAFF_SECURITY.to_owned(),
            STAFF_HOME.to_owned(),
            STAFF_PROGRAMME.to_owned(),
            NEW_ROUND.to_owned(),
            NEW_PARTICIPANT.to_owned(),
            IMPORT.to_owned(),
            LOG.to_owned(),
            round(12),
            session(345),
            session_edit(345),
            ADMIN_HOME.to_owned(),
            ADMIN_INVITE.to_owned(),
            ADMIN_RETENTION.to_owned(),
            ADMIN_RETENTION_CONFIRM.to_owned(),
            INVITATION.to_owned(),
            admin_unit(3),
            admin_staff(4),
            register_extract(42),
        ]
        .into_iter()
        .chain(RecordPart::ALL.iter().map(|&part| record(42, part)));
        for path in built {
            let route = format!("path!(\"{}\")", pattern(&path));
            assert!(app.contains(&route), "{path}: no route {route} in app.rs");
        }
    }

    #[test]
    fn static_addresses_name_files_in_public() {
        let public = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public");
        for path in [LUCIDE_LICENCE.to_owned(), icon("arrow-left")] {
            assert!(public.join(path.trim_start_matches('/')).is_file(), "{path} is not in public/");
        }
    }

    #[test]
    fn record_parts_are_where_staff_bookmarked_them() {
        assert_eq!(record(5, RecordPart::Overview), "/personal/deltagare/5");
        assert_eq!(record(5, RecordPart::Consents), "/personal/deltagare/5/samtycken");
        assert_eq!(record(5, RecordPart::Code), "/personal/deltagare/5/kod");
        assert_eq!(record_plan_compare(5, 2), "/personal/deltagare/5/plan?jamfor=2");
        assert_eq!(session_edit(9), "/personal/programmet/tillfalle/9/andra");
        assert_eq!(manual_step(crate::domain::LadderStep::JointAssessment), "/personal/handbok#steg-joint_assessment");
        assert_eq!(meeting_calendar(3), "/moten/3/kalender.ics");
        assert_eq!(register_extract_json(5), "/personal/deltagare/5/registerutdrag.json");
    }
}
