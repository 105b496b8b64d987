//! The participant record, staff side: read the whole record, and keep the
//! plan, meetings, consents and steps. Each read and change is authorized per
//! section and audited; corrections keep the earlier value in `revisions`.

use super::participant::{contact_card, ladder_moves, meeting_cards, plan_version};
use super::{Access, AccessError, Permit, PermittedUnit, RequestCtx, Want, Work};
use crate::domain::{
    ClockKind, ConsentMethod, ConsentScope, DischargeOutcome, HoursPerWeek, LadderStep, LongText, MeetingKind,
    MeetingStatus, MeetingTime, Organisation, Road, ShortText,
};
use crate::functions::forms::record::DvChange;
use crate::models::{
    Choice, ConsentEntry, ContactPersonEntry, EmploymentEntry, ExtendedSupportEntry, ExternalEntry, ParticipantRecord,
    PlanHistory, ProgrammeStatus, RecordAccess, RecordConsents, RecordContacts, RecordMeetings, RecordSteps,
    RecordTransition, RelativeEntry, TransitionEntry,
};
use crate::policy::{Action, Section};
use crate::server::storage;
use crate::texts::staff as text;
use chrono::NaiveDate;

impl Work<'_> {
    /// One part of a participant's record, asked for under the policy.
    pub(super) async fn section(
        &mut self,
        action: Action,
        participant_id: i64,
        section: Section,
    ) -> Result<Permit, AccessError> {
        self.authorize(action, Want::Participant { participant_id, section, record_id: None }).await
    }

    /// The name at the top of every record page (audited as `profile`).
    pub(super) async fn record_name(&mut self, participant_id: i64) -> Result<(Permit, String), AccessError> {
        let permit = self.section(Action::Read, participant_id, Section::Profile).await?;
        match storage::participants::by_id(self.tx()?, permit.participant()?).await? {
            Some(row) => Ok((permit, row.name)),
            None => Err(self.refuse(permit, "profile").await),
        }
    }

    /// The unit's staff and officers, to choose from in a form: the unit's own
    /// data, which only its staff read (audited as `unit_people`).
    async fn unit_people(&mut self, participant: &Permit) -> Result<PermittedUnit, AccessError> {
        let want = Want::Unit { unit_id: participant.unit()?.id().into(), record_kind: "unit_people", record_id: None };
        self.authorize(Action::Read, want).await?.unit()
    }

    /// Relatives and gode män of the participant (audited as `network`).
    async fn relatives(&mut self, participant_id: i64) -> Result<Vec<RelativeEntry>, AccessError> {
        Ok(self.network(participant_id).await?.1)
    }

    /// The same, with the permit, for a page that shows more of the network.
    async fn network(&mut self, participant_id: i64) -> Result<(Permit, Vec<RelativeEntry>), AccessError> {
        let network = self.section(Action::Read, participant_id, Section::Network).await?;
        let rows = storage::record::relatives(self.tx()?, network.participant()?).await?;
        let relatives = rows
            .into_iter()
            .map(|r| RelativeEntry { id: r.id, name: r.name, relation: r.relation_kind, phone: r.phone })
            .collect();
        Ok((network, relatives))
    }
}

fn consent_entry(c: storage::record::ConsentRow) -> ConsentEntry {
    let recipient = match (&c.recipient_organisation, &c.recipient_relative) {
        (Some(org), _) => org.label_sv().to_owned(),
        (None, Some(name)) => name.clone(),
        (None, None) => String::new(),
    };
    let sections = c
        .shared_sections
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter_map(Section::parse_shareable)
        .map(|s| s.label_sv().to_owned())
        .collect();
    ConsentEntry {
        id: c.id,
        scope: c.scope,
        recipient,
        sections,
        method: c.method,
        given_on: c.given_on,
        recorded_by: c.recorded_by,
        withdrawn_on: c.withdrawn_on,
    }
}

/// A new plan version, parsed.
#[derive(Debug, Clone)]
pub struct NewPlan {
    pub goal: ShortText,
    pub reason: LongText,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub days_per_week: i64,
    pub hours_per_week: HoursPerWeek,
    pub activities: Vec<String>,
    pub follow_up: Option<(NaiveDate, ShortText)>,
    pub other_notes: LongText,
}

/// A new meeting, parsed.
#[derive(Debug, Clone)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub title: ShortText,
    pub time: MeetingTime,
    pub place: Option<ShortText>,
    pub video_link: Option<String>,
    pub bring: LongText,
    pub staff: Vec<i64>,
    pub externals: Vec<i64>,
    pub relatives: Vec<i64>,
}

/// A consent given, parsed.
#[derive(Debug, Clone)]
pub struct NewConsent {
    pub scope: ConsentScope,
    pub organisation: Option<Organisation>,
    pub relative_id: Option<i64>,
    pub sections: Vec<Section>,
    pub method: ConsentMethod,
    pub given_on: NaiveDate,
}

/// A date of the transition, parsed.
#[derive(Debug, Clone)]
pub struct NewTransitionDate {
    pub kind: ClockKind,
    pub starts_on: NaiveDate,
    /// Only FSF's support has one.
    pub ends_on: Option<NaiveDate>,
    pub note: Option<LongText>,
}

impl Access {
    /// The overview of one participant: every part it shows, each read under
    /// its own permit (and so audited part by part).
    pub async fn participant_record(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<ParticipantRecord, AccessError> {
        let mut work = self.reading(ctx).await?;
        let today = crate::server::today();
        let facts = work.section(Action::Read, participant_id, Section::Record).await?;
        let Some(p) = storage::record::profile(work.tx()?, facts.participant()?).await? else {
            return Err(work.refuse(facts, "record").await);
        };
        let relatives = work.relatives(participant_id).await?;

        let contacts = work.section(Action::Read, participant_id, Section::Contacts).await?;
        let contacts = storage::participants::contact_persons(work.tx()?, contacts.participant()?, today).await?;

        let consents = work.section(Action::Read, participant_id, Section::Consents).await?;
        let consents = storage::record::consents(work.tx()?, consents.participant()?).await?;

        let meetings = work.section(Action::Read, participant_id, Section::Meetings).await?;
        let (coming, _) = meeting_cards(&mut work, meetings.participant()?).await?;

        let plan = work.section(Action::Read, participant_id, Section::Plan).await?;
        let plan = match storage::plans::current(work.tx()?, plan.participant()?).await? {
            Some(row) => Some(plan_version(&mut work, row).await?),
            None => None,
        };

        let programme = work.section(Action::Read, participant_id, Section::Programme).await?;
        let enrolment = storage::programme::enrolment(work.tx()?, programme.participant()?).await?;
        let attendance = storage::programme::attendance_summary(work.tx()?, programme.participant()?).await?;

        let ladder = work.section(Action::Read, participant_id, Section::Ladder).await?;
        let moves = storage::participants::ladder_moves(work.tx()?, ladder.participant()?).await?;
        work.commit().await?;

        Ok(ParticipantRecord {
            participant_id,
            name: p.name,
            preferred_name: p.preferred_name,
            unit_name: p.unit_name,
            phone: p.phone,
            email: p.email,
            benefit: p.benefit_kind,
            benefit_until: p.benefit_until,
            dv_form: p.dv_form,
            hours_per_week: p.hours_per_week,
            step: p.ladder_step,
            entered_on: p.entered_on,
            discharged: p.discharged_on.zip(p.discharge_outcome),
            today,
            contacts: contacts.into_iter().map(contact_card).collect::<Result<_, _>>()?,
            consents: consents.into_iter().map(consent_entry).collect(),
            relatives,
            coming,
            plan,
            programme: match enrolment {
                Some(e) if e.status == "enrolled" => {
                    ProgrammeStatus::Enrolled { round: e.round_name, place: e.place, sessions: vec![] }
                }
                Some(e) => ProgrammeStatus::Waiting { round: e.round_name, position: e.waiting_position },
                None => ProgrammeStatus::NotEnrolled,
            },
            attendance,
            moves: ladder_moves(moves),
        })
    }

    /// The record's meetings page: its meetings, and who can be asked to come.
    pub async fn record_meetings(&self, ctx: &RequestCtx, participant_id: i64) -> Result<RecordMeetings, AccessError> {
        let mut work = self.reading(ctx).await?;
        let (profile, name) = work.record_name(participant_id).await?;
        let meetings = work.section(Action::Read, participant_id, Section::Meetings).await?;
        let (coming, past) = meeting_cards(&mut work, meetings.participant()?).await?;
        let (network, relatives) = work.network(participant_id).await?;
        let externals = storage::record::externals(work.tx()?, network.participant()?).await?;
        let unit = work.unit_people(&profile).await?;
        let staff = storage::programme::staff_of_unit(work.tx()?, unit).await?;
        work.commit().await?;
        Ok(RecordMeetings {
            participant_id,
            name,
            coming,
            past,
            staff: staff.into_iter().map(|(id, name)| Choice { id, name }).collect(),
            externals: externals
                .into_iter()
                .map(|e| ExternalEntry { id: e.id, name: e.name, organisation: e.organisation, title: e.title })
                .collect(),
            relatives,
        })
    }

    /// The record's contacts page: every contact person, and whom to add.
    pub async fn record_contacts(&self, ctx: &RequestCtx, participant_id: i64) -> Result<RecordContacts, AccessError> {
        let mut work = self.reading(ctx).await?;
        let (profile, name) = work.record_name(participant_id).await?;
        let contacts = work.section(Action::Read, participant_id, Section::Contacts).await?;
        let contact_persons = storage::contacts::all(work.tx()?, contacts.participant()?).await?;
        let unit = work.unit_people(&profile).await?;
        let staff = storage::programme::staff_of_unit(work.tx()?, unit).await?;
        let officers = storage::contacts::officers_of_unit(work.tx()?, unit).await?;
        work.commit().await?;
        Ok(RecordContacts {
            participant_id,
            name,
            today: crate::server::today(),
            contact_persons: contact_persons
                .into_iter()
                .map(|c| {
                    let who = match (c.organisation, c.staff_role) {
                        (Some(org), _) => org.label_sv(),
                        (None, Some(role)) => role.label_sv(),
                        (None, None) => return Err(AccessError::Corrupt("contact_persons")),
                    };
                    Ok(ContactPersonEntry {
                        id: c.id,
                        name: c.name,
                        role_in_case: c.role_in_case,
                        who: who.to_owned(),
                        since: c.since,
                        until: c.until,
                    })
                })
                .collect::<Result<_, _>>()?,
            staff: staff.into_iter().map(|(id, name)| Choice { id, name }).collect(),
            officers: officers
                .into_iter()
                .map(|(id, name, organisation, title)| ExternalEntry { id, name, organisation, title })
                .collect(),
        })
    }

    /// The record's consents page: every consent, and whom one can share with.
    pub async fn record_consents(&self, ctx: &RequestCtx, participant_id: i64) -> Result<RecordConsents, AccessError> {
        let mut work = self.reading(ctx).await?;
        let (_, name) = work.record_name(participant_id).await?;
        let consents = work.section(Action::Read, participant_id, Section::Consents).await?;
        let consents = storage::record::consents(work.tx()?, consents.participant()?).await?;
        let relatives = work.relatives(participant_id).await?;
        work.commit().await?;
        Ok(RecordConsents {
            participant_id,
            name,
            today: crate::server::today(),
            consents: consents.into_iter().map(consent_entry).collect(),
            relatives,
        })
    }

    /// The record's steps page: the ladder, DV form and hours, extended support, discharge.
    pub async fn record_steps(&self, ctx: &RequestCtx, participant_id: i64) -> Result<RecordSteps, AccessError> {
        let mut work = self.reading(ctx).await?;
        let facts = work.section(Action::Read, participant_id, Section::Record).await?;
        let Some(p) = storage::record::profile(work.tx()?, facts.participant()?).await? else {
            return Err(work.refuse(facts, "record").await);
        };
        let extended = storage::contacts::extended_support(work.tx()?, facts.participant()?).await?;
        let jobs = storage::record::employments(work.tx()?, facts.participant()?).await?;
        let ladder = work.section(Action::Read, participant_id, Section::Ladder).await?;
        let moves = storage::participants::ladder_moves(work.tx()?, ladder.participant()?).await?;
        work.commit().await?;
        Ok(RecordSteps {
            participant_id,
            name: p.name,
            today: crate::server::today(),
            step: p.ladder_step,
            way: crate::domain::Way::new(p.road, p.benefit_kind),
            dv_form: p.dv_form,
            hours_per_week: p.hours_per_week,
            discharged: p.discharged_on.zip(p.discharge_outcome),
            moves: ladder_moves(moves),
            extended_support: extended
                .into_iter()
                .map(|e| ExtendedSupportEntry { employer: e.employer, starts_on: e.starts_on, ends_on: e.ends_on })
                .collect(),
            employments: jobs.iter().filter_map(|j| Some(EmploymentEntry { id: j.id, job: j.employment()? })).collect(),
        })
    }

    /// The record's sign-in page: whom a code can be for.
    pub async fn record_access(&self, ctx: &RequestCtx, participant_id: i64) -> Result<RecordAccess, AccessError> {
        let mut work = self.reading(ctx).await?;
        let (_, name) = work.record_name(participant_id).await?;
        let relatives = work.relatives(participant_id).await?;
        work.commit().await?;
        Ok(RecordAccess { participant_id, name, relatives })
    }

    /// Every version of the joint plan.
    pub async fn plan_history(&self, ctx: &RequestCtx, participant_id: i64) -> Result<PlanHistory, AccessError> {
        let mut work = self.reading(ctx).await?;
        let (_, name) = work.record_name(participant_id).await?;
        let permit = work.section(Action::Read, participant_id, Section::PlanHistory).await?;
        let rows = storage::plans::versions(work.tx()?, permit.participant()?).await?;
        let mut versions = Vec::with_capacity(rows.len());
        for row in rows {
            versions.push(plan_version(&mut work, row).await?);
        }
        work.commit().await?;
        Ok(PlanHistory { participant_id, name, versions })
    }

    /// Saves the joint plan as a new version; returns its number.
    pub async fn save_plan(&self, ctx: &RequestCtx, participant_id: i64, plan: &NewPlan) -> Result<i64, AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Plan).await?;
        let follow_up = plan.follow_up.as_ref().map(|(on, what)| (*on, what.as_str()));
        let new = storage::record::NewPlan {
            goal: plan.goal.as_str(),
            goal_reason: plan.reason.as_str(),
            period_start: plan.from,
            period_end: plan.until,
            days_per_week: plan.days_per_week,
            hours_per_week: i64::from(plan.hours_per_week.get()),
            activities: &plan.activities,
            follow_up,
            other_notes: plan.other_notes.as_str(),
            by: ctx.actor.account_id(),
            now: storage::now(),
        };
        let (plan_id, version) = storage::record::add_plan_version(work.tx()?, permit.participant()?, &new).await?;
        work.names(&permit, plan_id);
        work.commit().await?;
        Ok(version)
    }

    /// A new meeting; attendees must be the unit's staff or the participant's own people.
    pub async fn create_meeting(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        meeting: &NewMeeting,
    ) -> Result<i64, AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Create, participant_id, Section::Meetings).await?;
        let who = permit.participant()?;
        let staff: Vec<i64> =
            storage::programme::staff_of_unit(work.tx()?, permit.unit()?).await?.into_iter().map(|s| s.0).collect();
        let externals: Vec<i64> = storage::record::externals(work.tx()?, who).await?.iter().map(|e| e.id).collect();
        let relatives: Vec<i64> = storage::record::relatives(work.tx()?, who).await?.iter().map(|r| r.id).collect();
        let known = meeting.staff.iter().all(|s| staff.contains(s))
            && meeting.externals.iter().all(|e| externals.contains(e))
            && meeting.relatives.iter().all(|r| relatives.contains(r));
        if !known {
            let answer = AccessError::Invalid { field: "attendees", message: text::MEETING_ONLY_LISTED_PEOPLE };
            return Err(work.refuse_naming(permit, "meetings", None, answer).await);
        }
        let new = storage::record::NewMeeting {
            kind: meeting.kind.as_str(),
            title: meeting.title.as_str(),
            starts_at: meeting.time.start(),
            ends_at: meeting.time.end(),
            place: meeting.place.as_ref().map(|p| p.as_str()),
            video_link: meeting.video_link.as_deref(),
            bring: meeting.bring.as_str(),
            staff: &meeting.staff,
            externals: &meeting.externals,
            relatives: &meeting.relatives,
            by: ctx.actor.account_id(),
            now: storage::now(),
        };
        let id = storage::record::add_meeting(work.tx()?, who, &new).await?;
        work.names(&permit, id);
        work.commit().await?;
        Ok(id)
    }

    /// Authorizes a change to one meeting of the participant's, by the meeting's own owner.
    async fn meeting_change<'a>(
        &'a self,
        ctx: &'a RequestCtx,
        meeting_id: i64,
    ) -> Result<(Work<'a>, Permit), AccessError> {
        let mut work = self.work(ctx).await?;
        let Some(owner) = storage::meetings::participant_of(work.tx()?, meeting_id).await? else {
            return Err(work.refuse_unknown(Action::Change, "meetings", meeting_id).await);
        };
        let want = Want::Participant { participant_id: owner, section: Section::Meetings, record_id: Some(meeting_id) };
        let permit = work.authorize(Action::Change, want).await?;
        Ok((work, permit))
    }

    /// A new time; the participant's answer is cleared (it was for the old time).
    pub async fn reschedule_meeting(
        &self,
        ctx: &RequestCtx,
        meeting_id: i64,
        time: MeetingTime,
    ) -> Result<i64, AccessError> {
        let (mut work, permit) = self.meeting_change(ctx, meeting_id).await?;
        let who = permit.participant()?;
        let done = storage::record::reschedule(
            work.tx()?,
            who,
            meeting_id,
            time.start(),
            time.end(),
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        if !done {
            return Err(AccessError::Invalid { field: "date", message: text::MEETING_HELD_CANNOT_MOVE });
        }
        work.commit().await?;
        Ok(who.id())
    }

    /// Cancel a planned meeting, or mark it held.
    pub async fn set_meeting_status(
        &self,
        ctx: &RequestCtx,
        meeting_id: i64,
        status: MeetingStatus,
    ) -> Result<i64, AccessError> {
        if status == MeetingStatus::Planned {
            return Err(AccessError::Invalid { field: "status", message: text::MEETING_HELD_OR_CANCELLED });
        }
        let (mut work, permit) = self.meeting_change(ctx, meeting_id).await?;
        let who = permit.participant()?;
        let done = storage::record::set_meeting_status(
            work.tx()?,
            who,
            meeting_id,
            status.as_str(),
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        if !done {
            return Err(AccessError::Invalid { field: "status", message: text::MEETING_ALREADY_CLOSED });
        }
        work.commit().await?;
        Ok(who.id())
    }

    /// Records a consent given. A relative must be linked to the participant.
    pub async fn add_consent(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        consent: &NewConsent,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Create, participant_id, Section::Consents).await?;
        let who = permit.participant()?;
        if let Some(relative) = consent.relative_id {
            let linked = storage::record::relatives(work.tx()?, who).await?.iter().any(|r| r.id == relative);
            if !linked {
                let answer = AccessError::Invalid { field: "relative_id", message: text::PERSON_NOT_LISTED };
                return Err(work.refuse_naming(permit, "network", Some(relative), answer).await);
            }
        }
        let sections: Vec<&str> = consent.sections.iter().map(|s| s.as_str()).collect();
        let new = storage::record::NewConsent {
            scope: consent.scope.as_str(),
            organisation: consent.organisation.map(|o| o.as_str()),
            relative_id: consent.relative_id,
            shared_sections: &sections.join(","),
            method: consent.method.as_str(),
            given_on: consent.given_on,
            by: ctx.actor.account_id(),
            now: storage::now(),
        };
        let id = storage::record::add_consent(work.tx()?, who, &new).await?;
        work.names(&permit, id);
        work.commit().await
    }

    /// Withdraws a consent today: sharing stops at once.
    pub async fn withdraw_consent(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        consent_id: i64,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Consents).await?;
        let done = storage::record::withdraw_consent(
            work.tx()?,
            permit.participant()?,
            consent_id,
            crate::server::today(),
            ctx.actor.account_id(),
        )
        .await?;
        // Not withdrawn: withdrawn already, or not this participant's consent.
        if !done {
            let answer = AccessError::Invalid { field: "consent_id", message: text::CONSENT_ALREADY_WITHDRAWN };
            return Err(work.refuse_naming(permit, "consents", Some(consent_id), answer).await);
        }
        work.names(&permit, consent_id);
        work.commit().await
    }

    /// A step on the ladder.
    pub async fn record_step(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        step: LadderStep,
        on: NaiveDate,
        note: &LongText,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Ladder).await?;
        storage::record::move_on_ladder(
            work.tx()?,
            permit.participant()?,
            step.as_str(),
            on,
            note.as_str(),
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        work.commit().await
    }

    /// Staff choose the participant's road (it follows the benefit until then).
    /// Kept in revisions; choosing the road it already is changes nothing.
    pub async fn change_road(&self, ctx: &RequestCtx, participant_id: i64, road: Road) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Ladder).await?;
        storage::record::change_road(
            work.tx()?,
            permit.participant()?,
            road.as_str(),
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        work.commit().await
    }

    /// The record's transition page: the recorded dates and whether a return
    /// without a new application is open.
    pub async fn record_transition(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<RecordTransition, AccessError> {
        let mut work = self.reading(ctx).await?;
        // Staff only: the record's own facts first, as every record page.
        work.section(Action::Read, participant_id, Section::Record).await?;
        let (_, name) = work.record_name(participant_id).await?;
        let permit = work.section(Action::Read, participant_id, Section::Ladder).await?;
        let rows = storage::transition::of_participant(work.tx()?, permit.participant()?).await?;
        work.commit().await?;
        let today = crate::server::today();
        Ok(RecordTransition {
            participant_id,
            name,
            today,
            may_return_until: rows.iter().find_map(|r| r.date().may_return_until(today)),
            resting_ended: rows.iter().find_map(|r| match r.date().due() {
                Some(crate::domain::Due::RestingEnds(until)) if until < today => Some(until),
                _ => None,
            }),
            dates: rows.into_iter().map(|r| TransitionEntry { date: r.date(), note: r.note }).collect(),
        })
    }

    /// A date of the transition; one of a kind already recorded replaces it
    /// (the earlier one is kept in revisions).
    pub async fn record_transition_date(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        new: &NewTransitionDate,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Ladder).await?;
        let row = storage::transition::NewDate {
            kind: new.kind,
            starts_on: new.starts_on,
            ends_on: new.ends_on,
            note: new.note.as_ref().map_or("", |n| n.as_str()),
            by: ctx.actor.account_id(),
            now: storage::now(),
        };
        storage::transition::record(work.tx()?, permit.participant()?, &row).await?;
        work.commit().await
    }

    /// Back to DV on `on` while the decision rests: no new application. The
    /// resting clock stops, a discharge is undone (kept in revisions) and the
    /// ladder records the return. After the three months a new application is
    /// needed, and nothing is written.
    pub async fn return_to_dv(&self, ctx: &RequestCtx, participant_id: i64, on: NaiveDate) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Ladder).await?;
        let rows = storage::transition::of_participant(work.tx()?, permit.participant()?).await?;
        let Some(resting) =
            rows.iter().map(|r| r.date()).find(|d| d.kind == ClockKind::RestingDecision && d.closed_on.is_none())
        else {
            return Err(AccessError::Invalid { field: "on", message: text::RETURN_NOTHING_RESTING });
        };
        if resting.may_return_until(on).is_none() {
            return Err(AccessError::Invalid { field: "on", message: text::RETURN_OUTSIDE_RESTING });
        }
        let (by, now) = (ctx.actor.account_id(), storage::now());
        storage::transition::close_resting(work.tx()?, permit.participant()?, on, by, now).await?;
        // Discharged while the decision rested (the participant first said no):
        // the discharge is undone, kept in revisions, and the account opens again.
        storage::record::set_discharge(work.tx()?, permit.participant()?, None, by, now).await?;
        if storage::record::reopen_account(work.tx()?, permit.participant()?).await?.is_some() {
            work.section(Action::Change, participant_id, Section::Access).await?;
        }
        storage::record::move_on_ladder(
            work.tx()?,
            permit.participant()?,
            LadderStep::BackToDv.as_str(),
            on,
            text::RETURN_NOTE,
            by,
            now,
        )
        .await?;
        work.commit().await
    }

    /// A step within DV: group or placement, hours a week.
    /// Recorded when it has happened: the follow-up counts it on its day.
    pub(crate) async fn change_dv(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        change: &DvChange,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Record).await?;
        if change.on > crate::server::today() {
            return Err(AccessError::Invalid { field: "on", message: text::DV_CHANGE_NOT_YET });
        }
        let row = storage::record::NewDvChange {
            dv_form: change.form.as_str(),
            hours_per_week: i64::from(change.hours.get()),
            on: change.on,
            new_place: change.new_place,
        };
        storage::record::change_dv(work.tx()?, permit.participant()?, &row, ctx.actor.account_id(), storage::now())
            .await?;
        work.commit().await
    }

    /// A new contact person: one of the unit's staff, an officer on record, or a new officer.
    pub async fn add_contact_person(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        contact: &NewContactPerson,
    ) -> Result<(), AccessError> {
        use storage::contacts::Who;
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Create, participant_id, Section::Contacts).await?;
        let now = storage::now();
        let who = match &contact.who {
            ContactWho::Staff(id) => {
                if !storage::programme::staff_in_unit(work.tx()?, permit.unit()?, *id).await? {
                    let answer = AccessError::Invalid { field: "who", message: text::PERSON_NOT_LISTED };
                    return Err(work.refuse_naming(permit, "unit_people", Some(*id), answer).await);
                }
                Who::Staff(*id)
            }
            ContactWho::External(id) => {
                if !storage::contacts::officer_in_unit(work.tx()?, permit.unit()?, *id).await? {
                    let answer = AccessError::Invalid { field: "who", message: text::PERSON_NOT_LISTED };
                    return Err(work.refuse_naming(permit, "unit_people", Some(*id), answer).await);
                }
                Who::External(*id)
            }
            ContactWho::NewExternal { name, organisation, title, phone, email } => {
                let new = storage::contacts::NewExternal {
                    name: name.as_str(),
                    organisation: organisation.as_str(),
                    title: title.as_str(),
                    phone: phone.as_ref().map(|p| p.as_str()),
                    email: email.as_ref().map(|e| e.as_str()),
                    now,
                };
                Who::External(storage::contacts::add_external(work.tx()?, &new).await?)
            }
        };
        let id = storage::contacts::add(
            work.tx()?,
            permit.participant()?,
            who,
            contact.role_in_case.as_str(),
            contact.since,
            ctx.actor.account_id(),
            now,
        )
        .await?;
        work.names(&permit, id);
        work.commit().await
    }

    /// Ends a contact person's role today.
    pub async fn end_contact_person(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        contact_id: i64,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Contacts).await?;
        let today = crate::server::today();
        // Not ended: ended already, or not this participant's contact person.
        if !storage::contacts::end(work.tx()?, permit.participant()?, contact_id, today).await? {
            let answer = AccessError::Invalid { field: "contact_id", message: text::CONTACT_ALREADY_ENDED };
            return Err(work.refuse_naming(permit, "contacts", Some(contact_id), answer).await);
        }
        work.names(&permit, contact_id);
        work.commit().await
    }

    /// A new description of a contact person's role.
    pub async fn change_contact_role(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        contact_id: i64,
        role_in_case: &ShortText,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Contacts).await?;
        let changed = storage::contacts::change_role(
            work.tx()?,
            permit.participant()?,
            contact_id,
            role_in_case.as_str(),
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        if !changed {
            let answer = AccessError::Invalid { field: "contact_id", message: text::CONTACT_NOT_LISTED };
            return Err(work.refuse_naming(permit, "contacts", Some(contact_id), answer).await);
        }
        work.names(&permit, contact_id);
        work.commit().await
    }

    /// Extended support after employment: 12 months, only with a written consent in force.
    pub async fn add_extended_support(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        employer: &ShortText,
        starts_on: NaiveDate,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Record).await?;
        let who = permit.participant()?;
        let Some(consent) =
            storage::contacts::extended_support_consent(work.tx()?, who, crate::server::today()).await?
        else {
            return Err(AccessError::Invalid { field: "employer", message: text::EXTENDED_SUPPORT_NEEDS_CONSENT });
        };
        let ends_on = crate::domain::transition::extended_support_until(starts_on).unwrap_or(starts_on);
        let support = storage::contacts::NewExtendedSupport {
            employer: employer.as_str(),
            starts_on,
            ends_on,
            consent_id: consent,
            by: ctx.actor.account_id(),
            now: storage::now(),
        };
        storage::contacts::add_extended_support(work.tx()?, who, &support).await?;
        work.commit().await
    }

    /// Paid work the participant got. Recorded once it has begun: the
    /// follow-up counts a job from its fourth paid hour. A known last day may
    /// lie ahead (a fixed-term or municipal employment).
    pub async fn add_employment(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        job: &crate::domain::Employment,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Record).await?;
        if job.starts_on > crate::server::today() {
            return Err(AccessError::Invalid { field: "starts_on", message: text::EMPLOYMENT_NOT_YET });
        }
        storage::record::add_employment(work.tx()?, permit.participant()?, job, ctx.actor.account_id(), storage::now())
            .await?;
        work.commit().await
    }

    /// The last day of one of the participant's employments that was still running.
    pub async fn end_employment(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        employment_id: i64,
        ends_on: NaiveDate,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Record).await?;
        // Not ended: ended already, before its start, or not this participant's.
        if !storage::record::end_employment(work.tx()?, permit.participant()?, employment_id, ends_on).await? {
            let answer = AccessError::Invalid { field: "ends_on", message: text::EMPLOYMENT_NOT_ENDED };
            return Err(work.refuse_naming(permit, "employments", Some(employment_id), answer).await);
        }
        work.names(&permit, employment_id);
        work.commit().await
    }

    /// The participant leaves DV, with the outcome (domain.md: the ladder's end).
    ///
    /// Access ends with it, in the same transaction: the participant's account
    /// is closed (sessions, codes and passkeys with it), and every open link to
    /// a relative or god man ends, withdrawing what consents shared with them;
    /// a relative left with no open link is signed out everywhere. A relative
    /// also linked to someone else keeps that link. A discharge is recorded
    /// when it has happened, so access never ends before the day it says.
    pub async fn discharge(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        on: NaiveDate,
        outcome: DischargeOutcome,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Record).await?;
        let today = crate::server::today();
        if on > today {
            return Err(AccessError::Invalid { field: "on", message: text::DISCHARGE_NOT_YET });
        }
        let who = permit.participant()?;
        let (by, now) = (ctx.actor.account_id(), storage::now());
        storage::record::set_discharge(work.tx()?, who, Some((on, outcome.as_str())), by, now).await?;

        // Audited as changes to the sign-in and to the network, beside the record's own row.
        work.section(Action::Change, participant_id, Section::Access).await?;
        storage::record::close_account(work.tx()?, who, &super::auth::new_session_secret(), by, now).await?;
        let network = work.section(Action::Change, participant_id, Section::Network).await?;
        let open = storage::intake::relative_links(work.tx()?, who).await?.into_iter().filter(|l| l.ended_on.is_none());
        for link in open.collect::<Vec<_>>() {
            let Some(relative_id) = storage::intake::end_link(work.tx()?, who, link.link_id, today, by).await? else {
                continue;
            };
            if storage::intake::withdraw_shares_with(work.tx()?, who, relative_id, today, by).await? > 0 {
                let entry = work.entry(Action::Change, Some(participant_id), "consents", None, network.unit_id);
                work.audit.push(entry);
            }
            if storage::intake::open_links_of(work.tx()?, relative_id).await? == 0
                && let Some(account) = storage::accounts::by_relative(work.tx()?, relative_id).await?
            {
                let secret = super::auth::new_session_secret();
                storage::accounts::set_session_secret(work.tx()?, account.id, &secret).await?;
            }
        }
        work.commit().await
    }
}

/// Who a new contact person is.
#[derive(Debug, Clone)]
pub enum ContactWho {
    Staff(i64),
    External(i64),
    NewExternal {
        name: crate::domain::PersonName,
        organisation: Organisation,
        title: ShortText,
        phone: Option<crate::domain::PhoneNumber>,
        email: Option<crate::domain::Email>,
    },
}

#[derive(Debug, Clone)]
pub struct NewContactPerson {
    pub who: ContactWho,
    pub role_in_case: ShortText,
    pub since: NaiveDate,
}
