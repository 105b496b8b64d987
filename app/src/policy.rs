//! The authorization policy: one pure function decides every read and write.
//!
//! The access layer gathers the facts (which unit a participant belongs to, what
//! a participant shares with a relative) and asks [`decide`]. No page and no
//! server function decides on its own. Being pure, the whole matrix is tested
//! as a table below, without a database.

use crate::domain::StaffRole;
use serde::{Deserialize, Serialize};

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Anonymous,
    Participant {
        account_id: i64,
        participant_id: i64,
    },
    Relative {
        account_id: i64,
        relative_id: i64,
    },
    /// Staff of a unit, with their job there (never `StaffRole::Admin`).
    Staff {
        account_id: i64,
        staff_id: i64,
        unit_id: i64,
        role: StaffRole,
    },
    /// A systemadministratör: runs units and accounts. Placed in a unit, they
    /// work there like its staff; otherwise they read no participant data.
    Admin {
        account_id: i64,
        staff_id: i64,
        unit_id: Option<i64>,
    },
    /// The dataskyddsombud: follows up the access log of every unit, and reads
    /// no participant's record.
    DataProtectionOfficer {
        account_id: i64,
        staff_id: i64,
    },
    /// A member of the steering group: follows up the outcomes of every unit,
    /// in counts, and reads no participant's record.
    SteeringGroup {
        account_id: i64,
        staff_id: i64,
    },
    /// The command line (migrations, demo data, first admin).
    System,
}

impl Actor {
    pub fn account_id(&self) -> Option<i64> {
        match *self {
            Actor::Participant { account_id, .. }
            | Actor::Relative { account_id, .. }
            | Actor::Staff { account_id, .. }
            | Actor::Admin { account_id, .. }
            | Actor::DataProtectionOfficer { account_id, .. }
            | Actor::SteeringGroup { account_id, .. } => Some(account_id),
            Actor::Anonymous | Actor::System => None,
        }
    }

    /// Staff of a unit, an administrator, the dataskyddsombud or the steering
    /// group: signed in with a staff account (password and second factor).
    pub const fn works_the_process(&self) -> bool {
        matches!(
            self,
            Actor::Staff { .. }
                | Actor::Admin { .. }
                | Actor::DataProtectionOfficer { .. }
                | Actor::SteeringGroup { .. }
        )
    }

    /// The role as written in the audit log.
    pub fn role_code(&self) -> &'static str {
        match self {
            Actor::Anonymous => "anonymous",
            Actor::Participant { .. } => "participant",
            Actor::Relative { .. } => "relative",
            // A staff account like any other: the log shows the staff role beside the name.
            Actor::Staff { .. } | Actor::DataProtectionOfficer { .. } | Actor::SteeringGroup { .. } => "staff",
            Actor::Admin { .. } => "admin",
            Actor::System => "system",
        }
    }
}

/// A part of a participant's data. The first six are what the participant's own
/// pages show (and what a `share_with_relative` consent can share); the
/// participant's own answers come next; the rest is the staff record, which
/// only staff of the participant's unit see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    /// The name every page shows.
    Profile,
    /// The current joint plan.
    Plan,
    Meetings,
    Contacts,
    Ladder,
    Programme,
    /// The participant's own answer to a meeting ("Jag kommer").
    MeetingAnswer,
    /// "Jag vill vara med" in the work-preparation programme.
    ProgrammeInterest,
    /// The staff record's facts: phone, e-mail, benefit, DV form and hours,
    /// entry, discharge, extended support.
    Record,
    /// Every version of the plan, with who saved it.
    PlanHistory,
    /// The people around the participant: relatives and gode män with their
    /// phone numbers, officers at the agencies.
    Network,
    Consents,
    /// Sign-in codes and device sessions of the participant and their relatives.
    Access,
    /// Which unit the participant belongs to: the enhetschef moves them.
    Placement,
    /// Everything held about the participant, made for them (registerutdrag,
    /// GDPR art. 15): staff of their unit export it; nobody writes it.
    RegisterExtract,
    /// "Vem har tittat på mina uppgifter?": who read or changed the
    /// participant's data, from the audit log.
    AccessLog,
    /// One's own choice of reminders before the participant's meetings (the
    /// participant's, or a relative's whose consent shares the meetings),
    /// a test message, and each reminder leaving for their phone. Follows the
    /// meetings: whoever sees them may be reminded of them.
    ReminderChoice,
    /// The participant's reminders as the record shows them (on or off, the
    /// latest sent and whether they went out), and SMS switched on with the
    /// participant's say-so: the staff record's.
    Reminders,
}

impl Section {
    /// Sections a participant may share with a relative or god man.
    pub const SHAREABLE: &'static [Section] =
        &[Section::Plan, Section::Meetings, Section::Contacts, Section::Ladder, Section::Programme, Section::AccessLog];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Profile => "profile",
            Section::Plan => "plan",
            Section::Meetings => "meetings",
            Section::Contacts => "contacts",
            Section::Ladder => "ladder",
            Section::Programme => "programme",
            Section::MeetingAnswer => "meeting_answer",
            Section::ProgrammeInterest => "programme_interest",
            Section::Record => "record",
            Section::PlanHistory => "plan_history",
            Section::Network => "network",
            Section::Consents => "consents",
            Section::Access => "access",
            Section::Placement => "placement",
            Section::RegisterExtract => "register_extract",
            Section::AccessLog => "access_log",
            Section::ReminderChoice => "reminder_choice",
            Section::Reminders => "reminders",
        }
    }

    /// What staff call the part, when they record what a relative may see.
    pub fn label_sv(self) -> &'static str {
        match self {
            Section::Profile => "Namn",
            Section::Plan => "Planen",
            Section::Meetings => "Möten",
            Section::Contacts => "Kontakter",
            Section::Ladder => "Stegen",
            Section::Programme => "Programmet",
            Section::MeetingAnswer => "Svar på möten",
            Section::ProgrammeInterest => "Intresseanmälan",
            Section::Record => "Uppgifter",
            Section::PlanHistory => "Planens versioner",
            Section::Network => "Nätverk",
            Section::Consents => "Samtycken",
            Section::Access => "Inloggning",
            Section::Placement => "Enhet",
            Section::RegisterExtract => "Registerutdrag",
            Section::AccessLog => "Vem har tittat",
            Section::ReminderChoice => "Val av påminnelser",
            Section::Reminders => "Påminnelser",
        }
    }

    pub fn parse_shareable(s: &str) -> Option<Section> {
        Section::SHAREABLE.iter().copied().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Read,
    Create,
    Change,
    Delete,
    Export,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Create => "create",
            Action::Change => "change",
            Action::Delete => "delete",
            Action::Export => "export",
        }
    }
}

/// What is being read or written, with the facts that decide it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    Participant {
        participant_id: i64,
        unit_id: i64,
        section: Section,
        /// For a relative actor: whether they are linked to this participant,
        /// and the sections the participant's consents in force share with them.
        relative_link: Option<&'a [Section]>,
        /// The participant has skyddade personuppgifter and the one asking is
        /// not one of their contact persons.
        shielded: bool,
    },
    /// What a unit keeps about many participants at once: its roster, its
    /// programme rounds and their queue.
    Unit { unit_id: i64 },
    /// The units themselves: create, rename, close.
    Units,
    /// Staff and admin accounts: invitations, roles, second factors.
    StaffAccounts,
    /// The audit log as a whole, followed up: the rows of one unit (`Some`)
    /// or of the whole municipality (`None`).
    AuditLog { unit_id: Option<i64> },
    /// Retention (gallring): the rules, the dry run, and deleting the records
    /// of discharged participants whose time has passed.
    Retention,
    /// The follow-up's figures (counts, no names) of one unit (`Some`) or of
    /// every unit together (`None`).
    FollowUp { unit_id: Option<i64> },
    /// Who is behind the follow-up's figures: one unit's participants by name,
    /// each with what was counted of them.
    FollowUpPeople { unit_id: i64 },
    /// The staff manual: how the process works, step by step. No one's data,
    /// but written for those who work the process, not for participants.
    Manual,
}

/// Why access was refused. Static text only: it goes to logs, never personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Denied(pub &'static str);

/// How the one asking stands to the participant whose data it is: the
/// "resource relation" half of every decision about a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation<'a> {
    System,
    Anonymous,
    /// A participant asking about themselves.
    Myself,
    AnotherParticipant,
    /// A relative or god man linked to the participant, with what the
    /// participant's consents in force share with them (maybe nothing).
    LinkedRelative(&'a [Section]),
    UnlinkedRelative,
    UnitStaff,
    /// The enhetschef of the participant's unit.
    UnitManager,
    /// Staff of the unit who are not contact persons of a participant with
    /// skyddade personuppgifter: for them the participant is not there.
    ShieldedStaff,
    OtherUnitStaff,
    /// An administrator who works in no unit, or in another one.
    Admin,
    /// The dataskyddsombud: the log, not the record.
    DataProtectionOfficer,
    /// The steering group: counts, not the record.
    SteeringGroup,
}

impl<'a> Relation<'a> {
    /// Derives the relation from who asks and the facts about the participant.
    pub fn of(
        actor: &Actor,
        participant_id: i64,
        unit_id: i64,
        relative_link: Option<&'a [Section]>,
        shielded: bool,
    ) -> Self {
        match *actor {
            Actor::System => Relation::System,
            Actor::Anonymous => Relation::Anonymous,
            Actor::Participant { participant_id: own, .. } if own == participant_id => Relation::Myself,
            Actor::Participant { .. } => Relation::AnotherParticipant,
            Actor::Relative { .. } => match relative_link {
                Some(shared) => Relation::LinkedRelative(shared),
                None => Relation::UnlinkedRelative,
            },
            Actor::Staff { unit_id: own, .. } | Actor::Admin { unit_id: Some(own), .. } if own == unit_id => {
                match actor {
                    _ if shielded => Relation::ShieldedStaff,
                    Actor::Staff { role: StaffRole::UnitManager, .. } => Relation::UnitManager,
                    _ => Relation::UnitStaff,
                }
            }
            Actor::Staff { .. } => Relation::OtherUnitStaff,
            Actor::Admin { .. } => Relation::Admin,
            Actor::DataProtectionOfficer { .. } => Relation::DataProtectionOfficer,
            Actor::SteeringGroup { .. } => Relation::SteeringGroup,
        }
    }
}

pub fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Result<(), Denied> {
    match (actor, target) {
        (_, Target::Participant { participant_id, unit_id, section, relative_link, shielded }) => participant_rule(
            Relation::of(actor, *participant_id, *unit_id, *relative_link, *shielded),
            action,
            *section,
        ),
        (Actor::System, _) => Ok(()),
        (Actor::Anonymous, _) => Err(Denied("not signed in")),
        (Actor::Staff { unit_id: own, .. } | Actor::Admin { unit_id: Some(own), .. }, Target::Unit { unit_id }) => {
            if own == unit_id {
                Ok(())
            } else {
                Err(Denied("another unit"))
            }
        }
        (Actor::Admin { .. }, Target::Units | Target::StaffAccounts) => Ok(()),
        (_, Target::AuditLog { unit_id }) => audit_log_rule(actor, action, *unit_id),
        (_, Target::Retention) => retention_rule(actor, action),
        (_, Target::Manual) => manual_rule(actor, action),
        (_, Target::FollowUp { unit_id }) => follow_up_rule(actor, action, *unit_id),
        (_, Target::FollowUpPeople { unit_id }) => follow_up_people_rule(actor, action, *unit_id),
        _ => Err(Denied("no rule allows this")),
    }
}

/// Retention is the administrator's: they set the rule (change), see the dry
/// run (read) and delete what it lists (delete). The dry run names no one, so
/// this is no door to participant data; nobody else, not even the enhetschef
/// or the dataskyddsombud, deletes records.
pub fn retention_rule(actor: &Actor, action: Action) -> Result<(), Denied> {
    match (actor, action) {
        (Actor::Admin { .. }, Action::Read | Action::Change | Action::Delete) => Ok(()),
        (Actor::Admin { .. }, _) => Err(Denied("retention is read, changed and applied")),
        _ => Err(Denied("only the administrator handles retention")),
    }
}

/// The follow-up (issue 13): the enhetschef reads and exports their own
/// unit's figures; the administrator and the steering group every unit's,
/// one by one or together. Nobody changes them (they are counted from the
/// records), and a contact person, another unit's enhetschef and the
/// dataskyddsombud do not read them.
pub fn follow_up_rule(actor: &Actor, action: Action, unit_id: Option<i64>) -> Result<(), Denied> {
    if !matches!(action, Action::Read | Action::Export) {
        return Err(Denied("the follow-up is counted, not written"));
    }
    match *actor {
        Actor::Admin { .. } | Actor::SteeringGroup { .. } => Ok(()),
        Actor::Staff { role: StaffRole::UnitManager, unit_id: own, .. } if unit_id == Some(own) => Ok(()),
        Actor::Staff { role: StaffRole::UnitManager, .. } => Err(Denied("the enhetschef follows up their own unit")),
        _ => Err(Denied("only the enhetschef, the administrator and the steering group follow up outcomes")),
    }
}

/// The names behind the figures are for the enhetschef of the unit only, as
/// a file to check the figures against the records: the administrator runs
/// units and accounts and reads no one's record, so they get the counts alone.
pub fn follow_up_people_rule(actor: &Actor, action: Action, unit_id: i64) -> Result<(), Denied> {
    if action != Action::Export {
        return Err(Denied("the names behind the figures are only handed out as a file"));
    }
    match *actor {
        Actor::Staff { role: StaffRole::UnitManager, unit_id: own, .. } if own == unit_id => Ok(()),
        _ => Err(Denied("only the unit's enhetschef sees who is behind its figures")),
    }
}

/// The manual is read by everyone who works with the process (staff in any
/// unit, administrators, the dataskyddsombud, the steering group that
/// oversees it); it is part of the product, so nobody changes it here, and
/// participants and relatives have their own easy-read pages instead.
pub fn manual_rule(actor: &Actor, action: Action) -> Result<(), Denied> {
    match (actor, action) {
        (actor, Action::Read) if actor.works_the_process() => Ok(()),
        (actor, _) if actor.works_the_process() => Err(Denied("the manual is only read")),
        _ => Err(Denied("the manual is for those who work the process")),
    }
}

/// Who follows up the log (IMY's "logguppföljning"): the enhetschef for their
/// own unit's rows, the dataskyddsombud for every unit's. They read it and
/// export it; nobody changes it. A contact person, an administrator and the
/// people in the log do not read it here (a participant sees their own rows
/// through `Section::AccessLog`).
pub fn audit_log_rule(actor: &Actor, action: Action, unit_id: Option<i64>) -> Result<(), Denied> {
    if !matches!(action, Action::Read | Action::Export) {
        return Err(Denied("the log is never changed"));
    }
    match *actor {
        Actor::DataProtectionOfficer { .. } => Ok(()),
        Actor::Staff { role: StaffRole::UnitManager, unit_id: own, .. } if unit_id == Some(own) => Ok(()),
        Actor::Staff { role: StaffRole::UnitManager, .. } => Err(Denied("the enhetschef follows up their own unit")),
        _ => Err(Denied("only the enhetschef and the dataskyddsombud follow up the log")),
    }
}

/// The rule for one participant's data: (relation, action, section) → allow or deny.
/// Every allowed combination is listed; everything else is refused.
pub fn participant_rule(relation: Relation<'_>, action: Action, section: Section) -> Result<(), Denied> {
    use Action::*;
    use Section::*;
    match relation {
        Relation::System => Ok(()),
        Relation::Anonymous => Err(Denied("not signed in")),
        Relation::Myself => match (action, section) {
            (Read, Profile | Plan | Meetings | Contacts | Ladder | Programme | AccessLog) => Ok(()),
            // "Lägg in i min kalender".
            (Export, Meetings) => Ok(()),
            (Change, MeetingAnswer) | (Create, ProgrammeInterest) => Ok(()),
            // Their own choice of reminders, "Skicka en påminnelse nu", and the
            // reminder itself leaving for their phone.
            (Read | Change | Create | Export, ReminderChoice) => Ok(()),
            _ => Err(Denied("participants see their own pages, not the staff record")),
        },
        Relation::AnotherParticipant => Err(Denied("another participant's record")),
        Relation::LinkedRelative(shared) => match (action, section) {
            // The name comes with anything shared, and with nothing else.
            (Read, Profile) if !shared.is_empty() => Ok(()),
            // A relative who sees the meetings may be reminded of them: their
            // own choice, a test, and the reminders leaving for their phone.
            (Read | Change | Create | Export, ReminderChoice) if shared.contains(&Meetings) => Ok(()),
            (Read, s) | (Export, s @ Meetings) if Section::SHAREABLE.contains(&s) && shared.contains(&s) => Ok(()),
            (Read | Export, _) => Err(Denied("not shared by consent")),
            _ => Err(Denied("relatives only read")),
        },
        Relation::UnlinkedRelative => Err(Denied("relative not linked to participant")),
        Relation::UnitManager => match (action, section) {
            (Change, Placement) => Ok(()),
            _ => participant_rule(Relation::UnitStaff, action, section),
        },
        Relation::UnitStaff => match (action, section) {
            // The participant's own answers are theirs to give ("Jag kommer",
            // "Jag vill vara med"); staff keep the unit's queue under Programme.
            (_, MeetingAnswer) | (Create | Change, ProgrammeInterest) => Err(Denied("only the participant answers")),
            // Staff see who looked only in the log follow-up (`Target::AuditLog`).
            (_, AccessLog) => Err(Denied("the log is followed up at /personal/logg")),
            (Create | Change, Placement) => Err(Denied("the unit manager moves participants")),
            (Create | Change, RegisterExtract) => Err(Denied("an extract is made, never written")),
            // Staff see whether reminders are on and went out, and switch SMS
            // reminders on with the participant's say-so; the test message is
            // the participant's own.
            (Create, Reminders) => Err(Denied("reminders are scheduled from meetings, not written")),
            (_, ReminderChoice) => Err(Denied("a person's own choice of reminders is theirs")),
            (Read, _) => Ok(()),
            (Export, Meetings) => Ok(()),
            // The register extract: the participant's unit makes it for them (the
            // enhetschef too); a shielded participant's only their contact persons.
            (Export, RegisterExtract) => Ok(()),
            // A new plan version is a change of the plan; old versions never change.
            (Create | Change, PlanHistory) => Err(Denied("plan versions are never changed")),
            (Create | Change, _) => Ok(()),
            // Nothing in a record is deleted by hand (corrections keep the old value).
            (Delete | Export, _) => Err(Denied("staff may not do this")),
        },
        Relation::ShieldedStaff => Err(Denied("protected identity, not a contact person")),
        Relation::OtherUnitStaff => Err(Denied("another unit")),
        Relation::Admin => Err(Denied("administrators read no participant data")),
        Relation::DataProtectionOfficer => Err(Denied("the dataskyddsombud reads the log, not the record")),
        Relation::SteeringGroup => Err(Denied("the steering group reads counts, not the record")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: Actor = Actor::Participant { account_id: 1, participant_id: 10 };
    const REL: Actor = Actor::Relative { account_id: 2, relative_id: 20 };
    const STAFF_U1: Actor =
        Actor::Staff { account_id: 3, staff_id: 30, unit_id: 1, role: StaffRole::EmploymentConsultant };
    const MANAGER_U1: Actor = Actor::Staff { account_id: 6, staff_id: 60, unit_id: 1, role: StaffRole::UnitManager };
    const ADMIN: Actor = Actor::Admin { account_id: 4, staff_id: 40, unit_id: None };
    const ADMIN_IN_U1: Actor = Actor::Admin { account_id: 7, staff_id: 70, unit_id: Some(1) };
    const DPO: Actor = Actor::DataProtectionOfficer { account_id: 9, staff_id: 90 };
    const STEERING: Actor = Actor::SteeringGroup { account_id: 11, staff_id: 110 };

    fn part<'a>(participant_id: i64, unit_id: i64, section: Section, link: Option<&'a [Section]>) -> Target<'a> {
        Target::Participant { participant_id, unit_id, section, relative_link: link, shielded: false }
    }

    fn shielded(participant_id: i64, unit_id: i64, section: Section) -> Target<'static> {
        Target::Participant { participant_id, unit_id, section, relative_link: None, shielded: true }
    }

    const ACTIONS: [Action; 5] = [Action::Read, Action::Create, Action::Change, Action::Delete, Action::Export];
    const SECTIONS: [Section; 17] = [
        Section::Profile,
        Section::Plan,
        Section::Meetings,
        Section::Contacts,
        Section::Ladder,
        Section::Programme,
        Section::MeetingAnswer,
        Section::ProgrammeInterest,
        Section::Record,
        Section::PlanHistory,
        Section::Network,
        Section::Consents,
        Section::Access,
        Section::Placement,
        Section::AccessLog,
        Section::ReminderChoice,
        Section::Reminders,
    ];

    /// Every (relation × action × section): allowed exactly when it is listed here.
    #[test]
    fn participant_data_matrix() {
        use Action::*;
        use Section::*;
        let shares_meetings: &[Section] = &[Meetings];
        let shares_all: &[Section] = Section::SHAREABLE;
        let nothing: &[Section] = &[];
        let own_pages = [Profile, Plan, Meetings, Contacts, Ladder, Programme, AccessLog];
        let staff_writes = [Profile, Plan, Meetings, Contacts, Ladder, Programme, Record, Network, Consents, Access];
        let reminders =
            [(Read, ReminderChoice), (Change, ReminderChoice), (Create, ReminderChoice), (Export, ReminderChoice)];
        let mut manager = Vec::new();
        let reads = |sections: &[Section]| sections.iter().map(|s| (Read, *s)).collect::<Vec<_>>();
        let mut staff: Vec<(Action, Section)> = reads(&SECTIONS)
            .into_iter()
            .filter(|(_, s)| !matches!(s, MeetingAnswer | AccessLog | ReminderChoice))
            .collect();
        staff.extend(staff_writes.iter().flat_map(|s| [(Create, *s), (Change, *s)]));
        staff.push((Export, Meetings));
        staff.push((Change, Reminders));
        manager.extend(staff.iter().copied());
        manager.push((Change, Placement));
        let mut myself = reads(&own_pages);
        myself.extend([(Export, Meetings), (Change, MeetingAnswer), (Create, ProgrammeInterest)]);
        myself.extend(reminders);
        let mut relative_all = reads(&own_pages);
        relative_all.push((Export, Meetings));
        relative_all.extend(reminders);
        let mut relative_meetings = vec![(Read, Profile), (Read, Meetings), (Export, Meetings)];
        relative_meetings.extend(reminders);
        // Shares the plan only: no meetings, so no reminders of them.
        let shares_plan: &[Section] = &[Plan];
        let table: Vec<(Relation, Vec<(Action, Section)>)> = vec![
            (Relation::Anonymous, vec![]),
            (Relation::Myself, myself),
            (Relation::AnotherParticipant, vec![]),
            (Relation::LinkedRelative(shares_meetings), relative_meetings),
            (Relation::LinkedRelative(shares_plan), vec![(Read, Profile), (Read, Plan)]),
            (Relation::LinkedRelative(shares_all), relative_all),
            // Linked, but no consent in force (never given, or withdrawn).
            (Relation::LinkedRelative(nothing), vec![]),
            (Relation::UnlinkedRelative, vec![]),
            (Relation::UnitStaff, staff),
            (Relation::UnitManager, manager),
            (Relation::ShieldedStaff, vec![]),
            (Relation::OtherUnitStaff, vec![]),
            (Relation::Admin, vec![]),
            (Relation::DataProtectionOfficer, vec![]),
            (Relation::SteeringGroup, vec![]),
        ];
        for (relation, allowed) in table {
            for action in ACTIONS {
                for section in SECTIONS {
                    let expected = allowed.contains(&(action, section));
                    assert_eq!(
                        participant_rule(relation, action, section).is_ok(),
                        expected,
                        "{relation:?} {action:?} {section:?}"
                    );
                }
            }
        }
        for action in ACTIONS {
            for section in SECTIONS {
                assert!(participant_rule(Relation::System, action, section).is_ok());
            }
        }
    }

    /// The relation comes from who asks and the facts about the participant.
    #[test]
    fn relation_of_each_actor() {
        let shares: &[Section] = &[Section::Plan];
        let other_unit = Actor::Staff { account_id: 5, staff_id: 50, unit_id: 2, role: StaffRole::Supervisor };
        let admin_in_u2 = Actor::Admin { account_id: 8, staff_id: 80, unit_id: Some(2) };
        // (actor, relative link, shielded, relation)
        let cases = [
            (Actor::Anonymous, None, false, Relation::Anonymous),
            (P1, None, false, Relation::Myself),
            // Skyddade personuppgifter hide nothing from the person themselves.
            (P1, None, true, Relation::Myself),
            (Actor::Participant { account_id: 9, participant_id: 11 }, None, false, Relation::AnotherParticipant),
            (REL, Some(shares), false, Relation::LinkedRelative(shares)),
            (REL, None, false, Relation::UnlinkedRelative),
            (STAFF_U1, None, false, Relation::UnitStaff),
            (STAFF_U1, None, true, Relation::ShieldedStaff),
            (MANAGER_U1, None, false, Relation::UnitManager),
            (MANAGER_U1, None, true, Relation::ShieldedStaff),
            (other_unit, None, false, Relation::OtherUnitStaff),
            (ADMIN, None, false, Relation::Admin),
            (ADMIN_IN_U1, None, false, Relation::UnitStaff),
            (ADMIN_IN_U1, None, true, Relation::ShieldedStaff),
            (admin_in_u2, None, false, Relation::Admin),
            (DPO, None, false, Relation::DataProtectionOfficer),
            (DPO, None, true, Relation::DataProtectionOfficer),
            (STEERING, None, false, Relation::SteeringGroup),
            (Actor::System, None, false, Relation::System),
        ];
        for (actor, link, shielded, expected) in cases {
            assert_eq!(Relation::of(&actor, 10, 1, link, shielded), expected, "{actor:?} shielded={shielded}");
        }
    }

    #[test]
    fn whole_units_accounts_and_the_audit_log() {
        #[rustfmt::skip]
        let table: Vec<(Actor, Action, Target, bool)> = vec![
            (P1, Action::Read, Target::Unit { unit_id: 1 }, false),
            (REL, Action::Read, Target::Unit { unit_id: 1 }, false),
            (STAFF_U1, Action::Read, Target::Unit { unit_id: 1 }, true),
            (STAFF_U1, Action::Change, Target::Unit { unit_id: 1 }, true),
            (STAFF_U1, Action::Read, Target::Unit { unit_id: 2 }, false),
            (STAFF_U1, Action::Read, Target::StaffAccounts, false),
            (ADMIN, Action::Change, Target::StaffAccounts, true),
            (ADMIN, Action::Create, Target::Units, true),
            (ADMIN, Action::Change, Target::Units, true),
            (STAFF_U1, Action::Create, Target::Units, false),
            (MANAGER_U1, Action::Change, Target::Units, false),
            (MANAGER_U1, Action::Create, Target::StaffAccounts, false),
            (P1, Action::Read, Target::Units, false),
            (ADMIN_IN_U1, Action::Read, Target::Unit { unit_id: 1 }, true),
            (ADMIN_IN_U1, Action::Read, Target::Unit { unit_id: 2 }, false),
            (ADMIN_IN_U1, Action::Read, part(10, 1, Section::Plan, None), true),
            (ADMIN_IN_U1, Action::Read, part(10, 2, Section::Plan, None), false),
            (MANAGER_U1, Action::Change, part(10, 1, Section::Placement, None), true),
            (STAFF_U1, Action::Change, part(10, 1, Section::Placement, None), false),
            (STAFF_U1, Action::Read, shielded(10, 1, Section::Profile), false),
            (MANAGER_U1, Action::Read, shielded(10, 1, Section::Profile), false),
            (P1, Action::Read, shielded(10, 1, Section::Plan), true),
            (ADMIN, Action::Read, Target::Unit { unit_id: 1 }, false),
            (ADMIN, Action::Read, part(10, 1, Section::Plan, None), false),
            (Actor::Anonymous, Action::Read, Target::Unit { unit_id: 1 }, false),
            (Actor::Anonymous, Action::Read, part(10, 1, Section::Profile, None), false),
            (Actor::System, Action::Create, part(10, 1, Section::Plan, None), true),
            // The three leaks a review found, through `decide` as the access layer calls it.
            (P1, Action::Read, part(10, 1, Section::Network, None), false),
            (REL, Action::Read, part(10, 1, Section::PlanHistory, Some(&[Section::Plan])), false),
            (STAFF_U1, Action::Change, part(10, 1, Section::MeetingAnswer, None), false),
        ];
        for (actor, action, target, allowed) in table {
            assert_eq!(decide(&actor, action, &target).is_ok(), allowed, "{actor:?} {action:?} {target:?}");
        }
    }

    /// The log follow-up: the enhetschef for their own unit, the
    /// dataskyddsombud for all; read and export only; nobody else.
    #[test]
    fn who_follows_up_the_log() {
        let manager_u2 = Actor::Staff { account_id: 8, staff_id: 80, unit_id: 2, role: StaffRole::UnitManager };
        let whole = Target::AuditLog { unit_id: None };
        let u1 = Target::AuditLog { unit_id: Some(1) };
        let u2 = Target::AuditLog { unit_id: Some(2) };
        let record = part(10, 1, Section::Profile, None);
        let unit = Target::Unit { unit_id: 1 };
        #[rustfmt::skip]
        let table: Vec<(Actor, Action, &Target, bool)> = vec![
            (MANAGER_U1, Action::Read, &u1, true),
            (MANAGER_U1, Action::Export, &u1, true),
            (MANAGER_U1, Action::Read, &u2, false),
            (MANAGER_U1, Action::Read, &whole, false),
            (manager_u2, Action::Read, &u2, true),
            (MANAGER_U1, Action::Change, &u1, false),
            (MANAGER_U1, Action::Delete, &u1, false),
            (DPO, Action::Read, &whole, true),
            (DPO, Action::Export, &whole, true),
            (DPO, Action::Read, &u2, true),
            (DPO, Action::Change, &whole, false),
            (DPO, Action::Delete, &u1, false),
            (DPO, Action::Create, &whole, false),
            // A contact person, other staff, an administrator (in a unit or not): no.
            (STAFF_U1, Action::Read, &u1, false),
            (STAFF_U1, Action::Export, &u1, false),
            (ADMIN, Action::Read, &whole, false),
            (ADMIN, Action::Read, &u1, false),
            (ADMIN_IN_U1, Action::Read, &u1, false),
            (P1, Action::Read, &u1, false),
            (REL, Action::Read, &whole, false),
            (Actor::Anonymous, Action::Read, &whole, false),
            // The dataskyddsombud opens no record, units or accounts.
            (DPO, Action::Read, &record, false),
            (DPO, Action::Read, &unit, false),
            (DPO, Action::Read, &Target::StaffAccounts, false),
            (DPO, Action::Create, &Target::Units, false),
            // The steering group reads counts: no log, no record, no unit, no accounts.
            (STEERING, Action::Read, &whole, false),
            (STEERING, Action::Read, &u1, false),
            (STEERING, Action::Read, &record, false),
            (STEERING, Action::Read, &unit, false),
            (STEERING, Action::Read, &Target::StaffAccounts, false),
            (STEERING, Action::Create, &Target::Units, false),
        ];
        for (actor, action, target, allowed) in table {
            assert_eq!(decide(&actor, action, target).is_ok(), allowed, "{actor:?} {action:?} {target:?}");
        }
        // "Vem har tittat": the participant, a relative it is shared with; staff use the log follow-up.
        let shared: &[Section] = &[Section::AccessLog];
        let plan_only: &[Section] = &[Section::Plan];
        assert!(decide(&P1, Action::Read, &part(10, 1, Section::AccessLog, None)).is_ok());
        assert!(decide(&REL, Action::Read, &part(10, 1, Section::AccessLog, Some(shared))).is_ok());
        assert!(decide(&REL, Action::Read, &part(10, 1, Section::AccessLog, Some(plan_only))).is_err());
        assert!(decide(&STAFF_U1, Action::Read, &part(10, 1, Section::AccessLog, None)).is_err());
        assert!(decide(&MANAGER_U1, Action::Read, &part(10, 1, Section::AccessLog, None)).is_err());
    }

    /// The register extract (GDPR art. 15): staff of the participant's unit and
    /// its enhetschef make one; nobody writes one; with skyddade personuppgifter
    /// only the contact persons (as for the record); nobody else.
    #[test]
    fn who_makes_a_register_extract() {
        use Action::*;
        let all: &[Section] = Section::SHAREABLE;
        let relations = [
            (Relation::Anonymous, false),
            (Relation::Myself, false),
            (Relation::AnotherParticipant, false),
            (Relation::LinkedRelative(all), false),
            (Relation::UnlinkedRelative, false),
            (Relation::UnitStaff, true),
            (Relation::UnitManager, true),
            (Relation::ShieldedStaff, false),
            (Relation::OtherUnitStaff, false),
            (Relation::Admin, false),
            (Relation::System, true),
        ];
        for (relation, makes) in relations {
            assert_eq!(participant_rule(relation, Export, Section::RegisterExtract).is_ok(), makes, "{relation:?}");
            if relation != Relation::System {
                for action in [Create, Change, Delete] {
                    let result = participant_rule(relation, action, Section::RegisterExtract);
                    assert!(result.is_err(), "{relation:?} {action:?}");
                }
            }
        }
        let extract = |unit_id| part(10, unit_id, Section::RegisterExtract, None);
        #[rustfmt::skip]
        let table: Vec<(Actor, Target, bool)> = vec![
            (STAFF_U1, extract(1), true),
            (MANAGER_U1, extract(1), true),
            (ADMIN_IN_U1, extract(1), true),
            (STAFF_U1, extract(2), false),
            (MANAGER_U1, extract(2), false),
            (STAFF_U1, shielded(10, 1, Section::RegisterExtract), false),
            (MANAGER_U1, shielded(10, 1, Section::RegisterExtract), false),
            (ADMIN, extract(1), false),
            (P1, extract(1), false),
            (REL, part(10, 1, Section::RegisterExtract, Some(Section::SHAREABLE)), false),
            (Actor::Anonymous, extract(1), false),
        ];
        for (actor, target, allowed) in table {
            assert_eq!(decide(&actor, Export, &target).is_ok(), allowed, "{actor:?} {target:?}");
        }
    }

    #[test]
    fn shareable_sections_round_trip() {
        for s in Section::SHAREABLE {
            assert_eq!(Section::parse_shareable(s.as_str()), Some(*s));
        }
        assert_eq!(Section::parse_shareable("access"), None);
        assert_eq!(Section::parse_shareable("consents"), None);
    }

    /// Retention: the administrator alone (placed in a unit or not), and the
    /// command line; read, change and delete, nothing else.
    #[test]
    fn who_handles_retention() {
        let manager_u2 = Actor::Staff { account_id: 8, staff_id: 80, unit_id: 2, role: StaffRole::UnitManager };
        for actor in [ADMIN, ADMIN_IN_U1] {
            for action in ACTIONS {
                let allowed = matches!(action, Action::Read | Action::Change | Action::Delete);
                assert_eq!(decide(&actor, action, &Target::Retention).is_ok(), allowed, "{actor:?} {action:?}");
            }
        }
        for actor in [Actor::Anonymous, P1, REL, STAFF_U1, MANAGER_U1, manager_u2, DPO, STEERING] {
            for action in ACTIONS {
                assert!(decide(&actor, action, &Target::Retention).is_err(), "{actor:?} {action:?}");
            }
        }
        assert!(decide(&Actor::System, Action::Delete, &Target::Retention).is_ok(), "mina-steg retention --apply");
    }

    /// The follow-up: the enhetschef for their own unit, the administrator for
    /// each and all; read and export only.
    #[test]
    fn who_follows_up_outcomes() {
        let manager_u2 = Actor::Staff { account_id: 8, staff_id: 80, unit_id: 2, role: StaffRole::UnitManager };
        let (u1, u2, all) = (
            Target::FollowUp { unit_id: Some(1) },
            Target::FollowUp { unit_id: Some(2) },
            Target::FollowUp { unit_id: None },
        );
        #[rustfmt::skip]
        let table: Vec<(Actor, &Target, bool)> = vec![
            (MANAGER_U1, &u1, true),
            (MANAGER_U1, &u2, false),
            (MANAGER_U1, &all, false),
            (manager_u2, &u2, true),
            (ADMIN, &u1, true),
            (ADMIN, &all, true),
            (ADMIN_IN_U1, &u2, true),
            (STAFF_U1, &u1, false),
            (DPO, &all, false),
            (STEERING, &u1, true),
            (STEERING, &all, true),
            (P1, &u1, false),
            (REL, &u1, false),
            (Actor::Anonymous, &all, false),
        ];
        for (actor, target, allowed) in table {
            for action in ACTIONS {
                let expected = allowed && matches!(action, Action::Read | Action::Export);
                assert_eq!(decide(&actor, action, target).is_ok(), expected, "{actor:?} {action:?} {target:?}");
            }
        }
    }

    /// The names behind the figures: the unit's enhetschef, as a file, and no one else.
    #[test]
    fn who_sees_the_people_behind_the_figures() {
        let manager_u2 = Actor::Staff { account_id: 8, staff_id: 80, unit_id: 2, role: StaffRole::UnitManager };
        let (u1, u2) = (Target::FollowUpPeople { unit_id: 1 }, Target::FollowUpPeople { unit_id: 2 });
        #[rustfmt::skip]
        let table: Vec<(Actor, &Target, bool)> = vec![
            (MANAGER_U1, &u1, true),
            (MANAGER_U1, &u2, false),
            (manager_u2, &u2, true),
            (manager_u2, &u1, false),
            (ADMIN, &u1, false),
            (ADMIN_IN_U1, &u1, false),
            (STAFF_U1, &u1, false),
            (DPO, &u1, false),
            (STEERING, &u1, false),
            (P1, &u1, false),
            (REL, &u1, false),
            (Actor::Anonymous, &u1, false),
        ];
        for (actor, target, allowed) in table {
            for action in ACTIONS {
                let expected = allowed && action == Action::Export;
                assert_eq!(decide(&actor, action, target).is_ok(), expected, "{actor:?} {action:?} {target:?}");
            }
        }
    }

    /// The manual: read by all who work the process, changed by nobody.
    #[test]
    fn who_reads_the_manual() {
        let other_unit = Actor::Staff { account_id: 5, staff_id: 50, unit_id: 2, role: StaffRole::Supervisor };
        for actor in [STAFF_U1, MANAGER_U1, other_unit, ADMIN, ADMIN_IN_U1, DPO, STEERING] {
            for action in ACTIONS {
                let allowed = action == Action::Read;
                assert_eq!(decide(&actor, action, &Target::Manual).is_ok(), allowed, "{actor:?} {action:?}");
            }
        }
        for actor in [Actor::Anonymous, P1, REL] {
            for action in ACTIONS {
                assert!(decide(&actor, action, &Target::Manual).is_err(), "{actor:?} {action:?}");
            }
        }
    }
}
