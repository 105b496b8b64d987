//! The authorization policy: one pure function decides every read and write.
//!
//! The access layer gathers the facts (which unit a participant belongs to, what
//! a participant shares with a relative) and asks [`decide`]. No page and no
//! server function decides on its own. Being pure, the whole matrix is tested
//! as a table below, without a database.

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
    Staff {
        account_id: i64,
        staff_id: i64,
        unit_id: i64,
    },
    Admin {
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
            | Actor::Admin { account_id, .. } => Some(account_id),
            Actor::Anonymous | Actor::System => None,
        }
    }

    /// The role as written in the audit log.
    pub fn role_code(&self) -> &'static str {
        match self {
            Actor::Anonymous => "anonymous",
            Actor::Participant { .. } => "participant",
            Actor::Relative { .. } => "relative",
            Actor::Staff { .. } => "staff",
            Actor::Admin { .. } => "admin",
            Actor::System => "system",
        }
    }
}

/// A part of a participant's record. The participant-visible sections are
/// also what a `share_with_relative` consent can share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    /// Name and the basic facts every page shows.
    Profile,
    Plan,
    Meetings,
    Contacts,
    Ladder,
    Programme,
    Consents,
    /// The participant's own answer to a meeting ("Jag kommer").
    MeetingAnswer,
    /// "Jag vill vara med" in the work-preparation programme.
    ProgrammeInterest,
    /// Sign-in codes and device sessions of the participant.
    Access,
}

impl Section {
    /// Sections a participant may share with a relative or god man.
    pub const SHAREABLE: &'static [Section] =
        &[Section::Plan, Section::Meetings, Section::Contacts, Section::Ladder, Section::Programme];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Profile => "profile",
            Section::Plan => "plan",
            Section::Meetings => "meetings",
            Section::Contacts => "contacts",
            Section::Ladder => "ladder",
            Section::Programme => "programme",
            Section::Consents => "consents",
            Section::MeetingAnswer => "meeting_answer",
            Section::ProgrammeInterest => "programme_interest",
            Section::Access => "access",
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
            Section::Consents => "Samtycken",
            Section::MeetingAnswer => "Svar på möten",
            Section::ProgrammeInterest => "Intresseanmälan",
            Section::Access => "Inloggning",
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
    },
    /// What a unit keeps about many participants at once: its roster, its
    /// programme rounds and their queue.
    Unit {
        unit_id: i64,
    },
    /// Staff and admin accounts.
    StaffAccounts,
    AuditLog,
}

/// Why access was refused. Static text only: it goes to logs, never personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Denied(pub &'static str);

pub fn decide(actor: &Actor, action: Action, target: &Target<'_>) -> Result<(), Denied> {
    use Section::*;
    match (actor, target) {
        (Actor::System, _) => Ok(()),
        (Actor::Anonymous, _) => Err(Denied("not signed in")),

        (Actor::Participant { participant_id: own, .. }, Target::Participant { participant_id, section, .. }) => {
            if own != participant_id {
                return Err(Denied("another participant's record"));
            }
            match (action, section) {
                (Action::Read, Profile | Plan | Meetings | Contacts | Ladder | Programme | Consents) => Ok(()),
                // "Lägg in i min kalender".
                (Action::Export, Meetings) => Ok(()),
                (Action::Change, MeetingAnswer) | (Action::Create, ProgrammeInterest) => Ok(()),
                _ => Err(Denied("participants may not do this")),
            }
        }

        (Actor::Relative { .. }, Target::Participant { section, relative_link, .. }) => {
            let Some(shared) = relative_link else {
                return Err(Denied("relative not linked to participant"));
            };
            let calendar = action == Action::Export && *section == Meetings;
            if action != Action::Read && !calendar {
                return Err(Denied("relatives only read"));
            }
            let allowed = match section {
                // The name comes with anything shared, and with nothing else.
                Profile => !shared.is_empty(),
                s => shared.contains(s) && Section::SHAREABLE.contains(s),
            };
            if allowed { Ok(()) } else { Err(Denied("not shared by consent")) }
        }

        (Actor::Staff { unit_id: own, .. }, Target::Participant { unit_id, .. })
        | (Actor::Staff { unit_id: own, .. }, Target::Unit { unit_id }) => {
            if own == unit_id {
                Ok(())
            } else {
                Err(Denied("another unit"))
            }
        }

        (Actor::Admin { .. }, Target::StaffAccounts) => Ok(()),
        (Actor::Admin { .. }, Target::AuditLog) if matches!(action, Action::Read | Action::Export) => Ok(()),

        _ => Err(Denied("no rule allows this")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: Actor = Actor::Participant { account_id: 1, participant_id: 10 };
    const REL: Actor = Actor::Relative { account_id: 2, relative_id: 20 };
    const STAFF_U1: Actor = Actor::Staff { account_id: 3, staff_id: 30, unit_id: 1 };
    const ADMIN: Actor = Actor::Admin { account_id: 4, staff_id: 40 };

    fn part<'a>(participant_id: i64, unit_id: i64, section: Section, link: Option<&'a [Section]>) -> Target<'a> {
        Target::Participant { participant_id, unit_id, section, relative_link: link }
    }

    #[test]
    fn authorization_matrix() {
        let shares_meetings: &[Section] = &[Section::Meetings];
        let nothing: &[Section] = &[];
        #[rustfmt::skip]
        let table: Vec<(Actor, Action, Target, bool)> = vec![
            // A participant: own record only, and only their own kinds of writes.
            (P1, Action::Read, part(10, 1, Section::Meetings, None), true),
            (P1, Action::Read, part(10, 1, Section::Plan, None), true),
            (P1, Action::Read, part(11, 1, Section::Meetings, None), false),
            (P1, Action::Change, part(10, 1, Section::MeetingAnswer, None), true),
            (P1, Action::Change, part(11, 1, Section::MeetingAnswer, None), false),
            (P1, Action::Create, part(10, 1, Section::ProgrammeInterest, None), true),
            (P1, Action::Change, part(10, 1, Section::Plan, None), false),
            (P1, Action::Export, part(10, 1, Section::Meetings, None), true),
            (P1, Action::Export, part(11, 1, Section::Meetings, None), false),
            (P1, Action::Export, part(10, 1, Section::Plan, None), false),
            (P1, Action::Create, part(10, 1, Section::Access, None), false),
            (P1, Action::Read, Target::Unit { unit_id: 1 }, false),
            (P1, Action::Read, Target::AuditLog, false),
            // A relative: what the consent shares, read only, nothing without it.
            (REL, Action::Read, part(10, 1, Section::Meetings, Some(shares_meetings)), true),
            (REL, Action::Read, part(10, 1, Section::Profile, Some(shares_meetings)), true),
            (REL, Action::Read, part(10, 1, Section::Plan, Some(shares_meetings)), false),
            (REL, Action::Read, part(10, 1, Section::Profile, Some(nothing)), false),
            (REL, Action::Read, part(10, 1, Section::Meetings, Some(nothing)), false),
            (REL, Action::Read, part(10, 1, Section::Meetings, None), false),
            (REL, Action::Change, part(10, 1, Section::MeetingAnswer, Some(shares_meetings)), false),
            (REL, Action::Export, part(10, 1, Section::Meetings, Some(shares_meetings)), true),
            (REL, Action::Export, part(10, 1, Section::Meetings, Some(nothing)), false),
            (REL, Action::Read, Target::Unit { unit_id: 1 }, false),
            // Staff: their own unit only.
            (STAFF_U1, Action::Read, part(10, 1, Section::Plan, None), true),
            (STAFF_U1, Action::Change, part(10, 1, Section::Plan, None), true),
            (STAFF_U1, Action::Create, part(10, 1, Section::Access, None), true),
            (STAFF_U1, Action::Read, part(12, 2, Section::Plan, None), false),
            (STAFF_U1, Action::Read, Target::Unit { unit_id: 1 }, true),
            (STAFF_U1, Action::Read, Target::Unit { unit_id: 2 }, false),
            (STAFF_U1, Action::Read, Target::StaffAccounts, false),
            // Admin: accounts and the audit log, not participants' records.
            (ADMIN, Action::Change, Target::StaffAccounts, true),
            (ADMIN, Action::Read, Target::AuditLog, true),
            (ADMIN, Action::Export, Target::AuditLog, true),
            (ADMIN, Action::Delete, Target::AuditLog, false),
            (ADMIN, Action::Change, Target::AuditLog, false),
            (ADMIN, Action::Read, part(10, 1, Section::Plan, None), false),
            (ADMIN, Action::Read, Target::Unit { unit_id: 1 }, false),
            // Nobody signed in: nothing.
            (Actor::Anonymous, Action::Read, part(10, 1, Section::Profile, None), false),
            (Actor::Anonymous, Action::Read, Target::Unit { unit_id: 1 }, false),
            (Actor::System, Action::Create, part(10, 1, Section::Plan, None), true),
        ];
        for (actor, action, target, allowed) in table {
            assert_eq!(decide(&actor, action, &target).is_ok(), allowed, "{actor:?} {action:?} {target:?}");
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
}
