//! Intake of a new participant into the asking staff member's own unit
//! (kartläggningsmöte DV), the personnummer shown in full, relatives and
//! gode män linked to a participant, and moves between units.

use super::{Access, AccessError, Permit, PermittedUnit, RequestCtx, Want, Work};
use crate::domain::{
    Benefit, DvForm, Email, Gender, HoursPerWeek, LadderStep, PersonName, PersonalNumber, PhoneNumber, RelationKind,
    ShortText,
};
use crate::functions::intake::{
    ImportReport, ImportReportLine, IntakeStart, RecordPlacement, RecordRelatives, RelativeLink, UnitMoveEntry,
};
use crate::models::Choice;
use crate::policy::{Action, Actor, Section};
use crate::server::storage;
use crate::texts::staff as text;
use chrono::NaiveDate;

/// The first consent of the process, asked at the intake: may DV contact FK?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FkConsent {
    Yes,
    No,
    Later,
}

/// A new participant, parsed from the intake form.
#[derive(Debug, Clone)]
pub struct NewParticipant {
    pub name: PersonName,
    pub preferred_name: PersonName,
    pub personal_number: PersonalNumber,
    pub protected_identity: bool,
    pub gender: Gender,
    pub phone: Option<PhoneNumber>,
    pub dv_form: DvForm,
    pub hours: HoursPerWeek,
    pub benefit: Benefit,
    pub entered_on: NaiveDate,
    pub fk_consent: FkConsent,
    /// SMS reminders before meetings, the evening before at 18.00 (the
    /// participant said yes; they change it in the app).
    pub sms_reminders: bool,
}

/// Why an intake was refused although every field was right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntakeRefused {
    /// The unit is closed: it takes no new participants.
    UnitClosed,
    /// Someone has this personnummer already; named by their unit.
    Taken { unit_name: String },
}

/// A relative, god man or förvaltare to link to a participant, parsed.
#[derive(Debug, Clone)]
pub struct NewRelative {
    pub name: PersonName,
    pub relation: RelationKind,
    pub mandate: Option<ShortText>,
    pub phone: Option<PhoneNumber>,
    pub email: Option<Email>,
    pub account: bool,
}

/// What adding a relative did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeAdded {
    New,
    /// A person with the same e-mail was on record: that person was linked.
    Existing,
}

/// The first step on the ladder for someone who starts in DV.
pub fn entry_step(form: DvForm) -> LadderStep {
    match form {
        DvForm::Group => LadderStep::GroupActivity,
        DvForm::IndividualPlacement => LadderStep::IndividualPlacement,
    }
}

/// The staff member asking (staff, or an administrator placed in a unit): the
/// one whose contact-person rows decide whom of a unit's shielded participants
/// they see.
pub(crate) fn asking_staff(ctx: &RequestCtx) -> Option<i64> {
    match ctx.actor {
        Actor::Staff { staff_id, .. } | Actor::Admin { staff_id, unit_id: Some(_), .. } => Some(staff_id),
        _ => None,
    }
}

impl Work<'_> {
    /// An audit row about one participant, beside the permit's own.
    fn audit_intake_row(
        &mut self,
        action: Action,
        participant_id: i64,
        record_kind: &'static str,
        unit_id: Option<i64>,
    ) {
        let entry = self.entry(action, Some(participant_id), record_kind, None, unit_id);
        self.audit.push(entry);
    }

    async fn part(&mut self, action: Action, participant_id: i64, section: Section) -> Result<Permit, AccessError> {
        self.authorize(action, Want::Participant { participant_id, section, record_id: None }).await
    }

    /// Every row of one intake into `unit`, with an audit row for each;
    /// `None` (nothing written) when the personnummer is taken.
    async fn insert_intake(
        &mut self,
        ctx: &RequestCtx,
        unit: PermittedUnit,
        new: &NewParticipant,
    ) -> Result<Option<i64>, AccessError> {
        let (now, today, by) = (storage::now(), crate::server::today(), ctx.actor.account_id());
        let step = entry_step(new.dv_form);
        let row = storage::intake::NewParticipant {
            name: new.name.as_str(),
            preferred_name: new.preferred_name.as_str(),
            personal_number: new.personal_number.as_str(),
            protected_identity: new.protected_identity,
            gender: new.gender.as_str(),
            phone: new.phone.as_ref().map(|p| p.as_str()),
            benefit_kind: new.benefit.kind().as_str(),
            benefit_until: new.benefit.granted_until(),
            // The road follows the benefit; staff change it on the record's road page.
            road: crate::domain::Road::for_benefit(new.benefit.kind()).as_str(),
            dv_form: new.dv_form.as_str(),
            hours_per_week: i64::from(new.hours.get()),
            ladder_step: step.as_str(),
            entered_on: new.entered_on,
            by,
            now,
        };
        let Some(participant_id) = storage::intake::insert_participant(self.tx()?, unit, &row).await? else {
            return Ok(None);
        };
        let account = storage::accounts::NewAccount {
            role: "participant",
            staff_id: None,
            participant_id: Some(participant_id),
            relative_id: None,
            email: None,
            password_hash: None,
            session_secret: &super::auth::new_session_secret(),
        };
        let account_id = storage::accounts::insert(self.tx()?, &account).await?;
        let consent = (new.fk_consent == FkConsent::Yes).then_some(storage::record::NewConsent {
            scope: crate::domain::ConsentScope::DvFkContact.as_str(),
            organisation: Some(crate::domain::Organisation::Fk.as_str()),
            relative_id: None,
            shared_sections: "",
            method: crate::domain::ConsentMethod::Oral.as_str(),
            given_on: today,
            by,
            now,
        });
        let rows = storage::intake::IntakeRows {
            participant_id,
            ladder_step: step.as_str(),
            entered_on: new.entered_on,
            step_note: text::INTAKE_STEP_NOTE,
            contact_staff_id: asking_staff(ctx),
            contact_role: text::INTAKE_CONTACT_ROLE,
            today,
            consent,
            by,
            now,
        };
        storage::intake::insert_intake_rows(self.tx()?, &rows).await?;
        let unit_id = Some(unit.id());
        for kind in ["participant", "participant_account", "contact_persons", "ladder"] {
            self.audit_intake_row(Action::Create, participant_id, kind, unit_id);
        }
        if new.fk_consent == FkConsent::Yes {
            self.audit_intake_row(Action::Create, participant_id, "consents", unit_id);
        }
        if new.sms_reminders {
            let choice = crate::domain::ReminderChoice {
                by_push: false,
                by_sms: true,
                ..crate::domain::ReminderChoice::SUGGESTED
            };
            storage::reminders::set_choice_at_intake(self.tx()?, unit, participant_id, account_id, &choice, by, now)
                .await?;
            self.audit_intake_row(Action::Create, participant_id, "reminders", unit_id);
        }
        Ok(Some(participant_id))
    }
}

impl Access {
    /// The intake page: which unit the new participant comes into, and whether it is open.
    pub async fn intake_start(&self, ctx: &RequestCtx) -> Result<IntakeStart, AccessError> {
        let mut work = self.reading(ctx).await?;
        let want = Want::Unit { unit_id: super::own_unit(&ctx.actor), record_kind: "unit", record_id: None };
        let permit = work.authorize(Action::Read, want).await?;
        let (unit_name, open) = storage::intake::unit_state(work.tx()?, permit.unit()?).await?.unwrap_or_default();
        work.commit().await?;
        Ok(IntakeStart { unit_name, open, today: crate::server::today() })
    }

    /// Registers a participant into the asker's own unit, in one transaction:
    /// the participant, their account, the staff member as contact person,
    /// the first step, the consent if given, and an audit row for each.
    pub async fn register_participant(
        &self,
        ctx: &RequestCtx,
        new: &NewParticipant,
    ) -> Result<Result<i64, IntakeRefused>, AccessError> {
        let mut work = self.work(ctx).await?;
        let want =
            Want::Unit { unit_id: super::own_unit(&ctx.actor), record_kind: "participant_intake", record_id: None };
        let permit = work.authorize(Action::Create, want).await?;
        let unit = permit.unit()?;
        if !storage::admin::unit_is_open(work.tx()?, unit.id()).await? {
            return Ok(Err(IntakeRefused::UnitClosed));
        }
        let Some(participant_id) = work.insert_intake(ctx, unit, new).await? else {
            let holder = storage::intake::holder_of(work.tx()?, new.personal_number.as_str()).await?;
            let Some((holder_id, holder_unit, unit_name)) = holder else {
                return Err(AccessError::Corrupt("participants.personal_number"));
            };
            // Saying where the person is already registered discloses that: on record.
            work.audit_intake_row(Action::Read, holder_id, "personal_number_taken", Some(holder_unit));
            work.commit().await?;
            return Ok(Err(IntakeRefused::Taken { unit_name }));
        };
        work.commit().await?;
        Ok(Ok(participant_id))
    }

    /// The whole personnummer, for the record's "Visa hela personnumret":
    /// a read of its own in the audit log (`personal_number`).
    pub async fn reveal_personal_number(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<Option<String>, AccessError> {
        let mut work = self.reading(ctx).await?;
        // The staff record's part (a participant's own profile pages never show it).
        let want = Want::Participant { participant_id, section: Section::Record, record_id: None };
        let permit = work.authorize(Action::Read, want).await?;
        let stored = storage::intake::personal_number(work.tx()?, permit.participant()?).await?;
        // Beside the permit's `record` row, one that says what was shown.
        let unit = permit.unit().ok().map(|u| u.id());
        work.audit_intake_row(Action::Read, participant_id, "personal_number", unit);
        work.commit().await?;
        Ok(stored.as_deref().and_then(PersonalNumber::from_stored).map(|n| n.formatted()))
    }

    /// The record's unit and personnummer (masked), its moves between units,
    /// and where an enhetschef can move the participant.
    pub async fn record_placement(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<RecordPlacement, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work.part(Action::Read, participant_id, Section::Placement).await?;
        let who = permit.participant()?;
        let stored = storage::intake::personal_number(work.tx()?, who).await?;
        let protected_identity = storage::intake::protected_identity(work.tx()?, who).await?;
        let moves = storage::intake::unit_moves(work.tx()?, who).await?;
        let can_move = matches!(ctx.actor, Actor::Staff { role: crate::domain::StaffRole::UnitManager, .. });
        let units =
            if can_move { storage::intake::open_units_except(work.tx()?, permit.unit()?.id()).await? } else { vec![] };
        work.commit().await?;
        Ok(RecordPlacement {
            participant_id,
            personal_number: stored.as_deref().and_then(PersonalNumber::from_stored).map(|n| n.masked()),
            protected_identity,
            can_move,
            units: units.into_iter().map(|(id, name)| Choice { id, name }).collect(),
            moves: moves
                .into_iter()
                .map(|m| UnitMoveEntry { from: m.from_unit, to: m.to_unit, at: m.moved_at, by: m.moved_by })
                .collect(),
        })
    }

    /// Moves the participant to another open unit (the enhetschef's decision):
    /// the old unit's staff lose access at once, and stop being contact persons.
    pub async fn move_participant(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        to_unit: i64,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.part(Action::Change, participant_id, Section::Placement).await?;
        let (who, from) = (permit.participant()?, permit.unit()?);
        let (now, today) = (storage::now(), crate::server::today());
        let by = ctx.actor.account_id();
        if !storage::intake::move_to_unit(work.tx()?, who, from, to_unit, today, by, now).await? {
            return Err(AccessError::Invalid { field: "to_unit", message: text::MOVE_CHOOSE_UNIT });
        }
        // Both units find the move in the audit log.
        work.audit_intake_row(Action::Change, participant_id, "placement", Some(to_unit));
        work.commit().await
    }

    /// The record's relatives, gode män and förvaltare, open links and ended ones.
    pub async fn record_relatives(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<RecordRelatives, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work.part(Action::Read, participant_id, Section::Network).await?;
        let rows = storage::intake::relative_links(work.tx()?, permit.participant()?).await?;
        work.commit().await?;
        Ok(RecordRelatives {
            participant_id,
            links: rows
                .into_iter()
                .map(|r| RelativeLink {
                    link_id: r.link_id,
                    relative_id: r.relative_id,
                    name: r.name,
                    relation: r.relation_kind,
                    mandate: r.mandate,
                    phone: r.phone,
                    email: r.email,
                    since: r.since,
                    ended_on: r.ended_on,
                    has_account: r.has_account,
                })
                .collect(),
        })
    }

    /// Links a relative, god man or förvaltare to the participant. A person
    /// with the same e-mail on record is linked rather than made twice.
    pub async fn add_relative(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        new: &NewRelative,
    ) -> Result<RelativeAdded, AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.part(Action::Create, participant_id, Section::Network).await?;
        let who = permit.participant()?;
        let (now, today) = (storage::now(), crate::server::today());
        let existing = match &new.email {
            Some(email) => storage::intake::relative_by_email(work.tx()?, email.as_str()).await?,
            None => None,
        };
        let relative_id = match existing {
            Some(id) => id,
            None => {
                let phone = new.phone.as_ref().map(|p| p.as_str());
                let email = new.email.as_ref().map(|e| e.as_str());
                storage::intake::insert_relative(work.tx()?, new.name.as_str(), phone, email, now).await?
            }
        };
        let mandate = new.mandate.as_ref().map(|m| m.as_str());
        let linked =
            storage::intake::link_relative(work.tx()?, who, relative_id, new.relation.as_str(), mandate, today).await?;
        if linked.is_none() {
            return Err(AccessError::Invalid { field: "email", message: text::RELATIVE_ALREADY_LINKED });
        }
        if new.account && storage::accounts::by_relative(work.tx()?, relative_id).await?.is_none() {
            let account = storage::accounts::NewAccount {
                role: "relative",
                staff_id: None,
                participant_id: None,
                relative_id: Some(relative_id),
                email: None,
                password_hash: None,
                session_secret: &super::auth::new_session_secret(),
            };
            storage::accounts::insert(work.tx()?, &account).await?;
            work.audit_intake_row(
                Action::Create,
                participant_id,
                "relative_account",
                permit.unit().ok().map(|u| u.id()),
            );
        }
        work.commit().await?;
        Ok(if existing.is_some() { RelativeAdded::Existing } else { RelativeAdded::New })
    }

    /// Ends a link today. From this request on the person sees nothing of the
    /// participant (the policy reads only open links), and what consents shared
    /// with them is withdrawn (a later link starts with nothing shared); with no
    /// open link left, every session of theirs ends too.
    pub async fn end_relative_link(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        link_id: i64,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.part(Action::Change, participant_id, Section::Network).await?;
        let today = crate::server::today();
        let ended =
            storage::intake::end_link(work.tx()?, permit.participant()?, link_id, today, ctx.actor.account_id())
                .await?;
        let Some(relative_id) = ended else {
            return Err(AccessError::Invalid { field: "link_id", message: text::RELATIVE_LINK_ALREADY_ENDED });
        };
        let by = ctx.actor.account_id();
        if storage::intake::withdraw_shares_with(work.tx()?, permit.participant()?, relative_id, today, by).await? > 0 {
            work.audit_intake_row(Action::Change, participant_id, "consents", permit.unit().ok().map(|u| u.id()));
        }
        if storage::intake::open_links_of(work.tx()?, relative_id).await? == 0
            && let Some(account) = storage::accounts::by_relative(work.tx()?, relative_id).await?
        {
            storage::accounts::set_session_secret(work.tx()?, account.id, &super::auth::new_session_secret()).await?;
        }
        work.commit().await
    }
}

/// One data line of an import file, parsed, or what is wrong with it.
#[derive(Debug)]
pub struct ImportLine {
    /// The line in the file (the header is line 1).
    pub line: u64,
    pub name: String,
    pub parsed: Result<NewParticipant, Vec<String>>,
}

impl Access {
    /// Checks every line of an import, and with `save` registers them all in
    /// one transaction: nothing is saved unless every line passes.
    pub async fn import_participants(
        &self,
        ctx: &RequestCtx,
        lines: Result<Vec<ImportLine>, &'static str>,
        save: bool,
    ) -> Result<ImportReport, AccessError> {
        let mut work = self.work(ctx).await?;
        let want =
            Want::Unit { unit_id: super::own_unit(&ctx.actor), record_kind: "participant_import", record_id: None };
        let permit = work.authorize(Action::Create, want).await?;
        let unit = permit.unit()?;
        let lines = match lines {
            Ok(lines) => lines,
            // Something wrong with the file as a whole: said once, nothing read from it.
            Err(message) => {
                work.commit().await?;
                return Ok(ImportReport { saved: 0, lines: vec![], message: Some(message.to_owned()) });
            }
        };
        let mut report = ImportReport { saved: 0, lines: Vec::with_capacity(lines.len()), message: None };
        if !storage::admin::unit_is_open(work.tx()?, unit.id()).await? {
            report.message = Some(text::INTAKE_UNIT_CLOSED.to_owned());
            work.commit().await?;
            return Ok(report);
        }
        let mut seen: std::collections::HashMap<String, u64> = Default::default();
        for l in &lines {
            let mut problems = match &l.parsed {
                Ok(_) => vec![],
                Err(problems) => problems.clone(),
            };
            if let Ok(new) = &l.parsed {
                let number = new.personal_number.as_str().to_owned();
                if let Some(first) = seen.get(&number) {
                    problems.push(text::import_same_number_as(*first));
                } else {
                    seen.insert(number.clone(), l.line);
                    if let Some((holder, holder_unit, unit_name)) =
                        storage::intake::holder_of(work.tx()?, &number).await?
                    {
                        work.audit_intake_row(Action::Read, holder, "personal_number_taken", Some(holder_unit));
                        problems.push(text::personal_number_taken(&unit_name));
                    }
                }
            }
            report.lines.push(ImportReportLine { line: l.line, name: l.name.clone(), problems });
        }
        let all_pass = !lines.is_empty() && report.lines.iter().all(|l| l.problems.is_empty());
        if lines.is_empty() {
            report.message = Some(text::IMPORT_EMPTY.to_owned());
        }
        if !save || !all_pass {
            work.commit().await?;
            return Ok(report);
        }
        for l in &lines {
            let Ok(new) = &l.parsed else { continue };
            if work.insert_intake(ctx, unit, new).await?.is_none() {
                // Taken since the check (another intake at the same time): nothing is saved.
                return Err(AccessError::Invalid { field: "csv", message: text::IMPORT_TRY_AGAIN });
            }
            report.saved += 1;
        }
        work.commit().await?;
        Ok(report)
    }
}
