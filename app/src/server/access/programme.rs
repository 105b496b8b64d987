//! The work-preparation programme as staff run it: rounds, sessions, the
//! interest queue, enrolment and attendance. Everything is the staff member's
//! own unit's; a round or session of another unit is refused like an unknown one.

use super::{Access, AccessError, Permit, RequestCtx, Want, Work};
use crate::domain::{AttendanceMark, Capacity, MeetingTime, RoundForm, SESSION_THEMES, SessionVisit, ShortText};
use crate::models::{
    AttendanceRow, AttendanceSheet, Choice, EnrolOutcome, InterestEntry, ProgrammeOverview, RoundDetail, RoundPerson,
    RoundSummary, SessionInfo,
};
use crate::policy::{Action, Section};
use crate::server::storage::{self, programme::Seat};
use crate::texts::staff as text;

/// A new round, already parsed.
#[derive(Debug, Clone)]
pub struct NewRound {
    pub name: ShortText,
    pub form: RoundForm,
    pub place: ShortText,
    pub responsible_staff_id: Option<i64>,
    pub capacity: Capacity,
    /// The sessions, generated weekly from the first one.
    pub sessions: Vec<MeetingTime>,
}

fn summary(r: storage::programme::RoundRow) -> RoundSummary {
    RoundSummary {
        id: r.id,
        name: r.name,
        form: r.form,
        capacity: r.capacity,
        enrolled: r.enrolled,
        waiting: r.waiting,
        place: r.place,
        starts_on: r.starts_on,
        responsible: r.responsible,
        sessions: r.sessions,
        first_session: r.first_session,
        last_session: r.last_session,
    }
}

fn session_info(s: storage::programme::StaffSessionRow) -> SessionInfo {
    SessionInfo {
        id: s.id,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        theme: s.theme,
        place: s.place,
        visit: SessionVisit::from_code(s.visit_from.as_deref()),
        marked: s.marked,
    }
}

impl Work<'_> {
    /// Authorizes something of the asking staff member's own unit.
    async fn own_unit(
        &mut self,
        action: Action,
        record_kind: &'static str,
        record_id: Option<i64>,
    ) -> Result<Permit, AccessError> {
        let unit_id = super::own_unit(&self.ctx.actor);
        self.authorize(action, Want::Unit { unit_id, record_kind, record_id }).await
    }

    /// Authorizes a change to one participant's place in a round, and checks the
    /// round is run by the participant's unit.
    async fn place_in_round(&mut self, round_id: i64, participant_id: i64) -> Result<Permit, AccessError> {
        let want = Want::Participant { participant_id, section: Section::Programme, record_id: Some(round_id) };
        let permit = self.authorize(Action::Change, want).await?;
        let round_unit = storage::programme::round_unit(self.tx()?, round_id).await?;
        if round_unit.is_none() || round_unit != permit.unit().ok().map(|u| u.id()) {
            return Err(self.refuse(permit, "programme_round").await);
        }
        Ok(permit)
    }
}

impl Access {
    /// The unit's rounds, newest first, and the interest queue.
    pub async fn programme_overview(&self, ctx: &RequestCtx) -> Result<ProgrammeOverview, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work.own_unit(Action::Read, "programme", None).await?;
        let unit = permit.unit()?;
        let unit_name = storage::participants::unit_name(work.tx()?, unit).await?.unwrap_or_default();
        let rounds = storage::programme::rounds_in_unit(work.tx()?, unit).await?;
        let mut queue = storage::programme::open_interests(work.tx()?, unit).await?;
        let mut participants = storage::participants::in_unit(work.tx()?, unit).await?;
        // Skyddade personuppgifter: only their contact persons see them in the lists.
        let hidden = storage::caseload::shielded_ids(work.tx()?, unit, super::intake::asking_staff(ctx)).await?;
        participants.retain(|p| !hidden.contains(&p.id));
        queue.retain(|q| !hidden.contains(&q.participant_id));
        let staff = storage::programme::staff_of_unit(work.tx()?, unit).await?;
        let ids: Vec<i64> = participants.iter().map(|p| p.id).collect();
        work.audit_each(&permit, "programme_queue", &ids).await?;
        work.commit().await?;
        Ok(ProgrammeOverview {
            unit_name,
            this_year: chrono::Datelike::year(&crate::server::today()),
            rounds: rounds.into_iter().map(summary).collect(),
            queue: queue
                .into_iter()
                .map(|q| InterestEntry {
                    participant_id: q.participant_id,
                    name: q.name,
                    round: q.round_name,
                    since: q.created_at,
                    by: match (q.by_role.as_deref(), q.by_staff) {
                        (Some("participant"), _) => text::QUEUE_BY_PARTICIPANT.to_owned(),
                        (_, Some(name)) => name,
                        _ => text::QUEUE_BY_UNKNOWN.to_owned(),
                    },
                    note: q.note,
                })
                .collect(),
            participants: participants.into_iter().map(|p| Choice { id: p.id, name: p.name }).collect(),
            staff: staff.into_iter().map(|(id, name)| Choice { id, name }).collect(),
        })
    }

    /// A new round with its sessions, in the staff member's unit.
    pub async fn create_round(&self, ctx: &RequestCtx, round: &NewRound) -> Result<i64, AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.own_unit(Action::Create, "programme_round", None).await?;
        let unit = permit.unit()?;
        if let Some(staff_id) = round.responsible_staff_id
            && !storage::programme::staff_in_unit(work.tx()?, unit, staff_id).await?
        {
            return Err(AccessError::Invalid { field: "responsible", message: text::PERSON_NOT_LISTED });
        }
        let Some(first) = round.sessions.first() else {
            return Err(AccessError::Invalid { field: "sessions", message: text::ROUND_NEEDS_SESSION });
        };
        let now = storage::now();
        let new = storage::programme::NewRound {
            name: round.name.as_str(),
            form: round.form.as_str(),
            capacity: i64::from(round.capacity.get()),
            place: round.place.as_str(),
            responsible_staff_id: round.responsible_staff_id,
            starts_on: first.start_local().date_naive(),
            by: ctx.actor.account_id(),
            now,
        };
        let round_id = storage::programme::create_round(work.tx()?, unit, &new).await?;
        for (i, time) in round.sessions.iter().enumerate() {
            let theme = SESSION_THEMES.get(i).copied().unwrap_or(crate::domain::programme::EXTRA_SESSION_THEME);
            storage::programme::add_session(
                work.tx()?,
                round_id,
                time.start(),
                time.end(),
                theme,
                round.place.as_str(),
                None,
            )
            .await?;
        }
        work.commit().await?;
        Ok(round_id)
    }

    /// One round: sessions, the group, the waiting list and who could join.
    pub async fn round(&self, ctx: &RequestCtx, round_id: i64) -> Result<RoundDetail, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work.own_unit(Action::Read, "programme_round", Some(round_id)).await?;
        let unit = permit.unit()?;
        let Some(round) = storage::programme::round_in_unit(work.tx()?, unit, round_id).await? else {
            return Err(work.refuse_unknown(Action::Read, "programme_round", round_id).await);
        };
        let sessions = storage::programme::round_sessions(work.tx()?, unit, round_id).await?;
        let mut people = storage::programme::round_people(work.tx()?, unit, round_id).await?;
        let mut in_unit = storage::participants::in_unit(work.tx()?, unit).await?;
        let mut interested: Vec<i64> =
            storage::programme::open_interests(work.tx()?, unit).await?.iter().map(|q| q.participant_id).collect();
        // Skyddade personuppgifter: only their contact persons see them in the lists.
        let hidden = storage::caseload::shielded_ids(work.tx()?, unit, super::intake::asking_staff(ctx)).await?;
        people.retain(|p| !hidden.contains(&p.participant_id));
        in_unit.retain(|p| !hidden.contains(&p.id));
        interested.retain(|id| !hidden.contains(id));
        let ended = round.last_session.is_some_and(|t| t < storage::now());
        let due = if ended { storage::programme::without_follow_up(work.tx()?, round_id).await? } else { vec![] };
        let ids: Vec<i64> = in_unit.iter().map(|p| p.id).collect();
        work.audit_each(&permit, "programme_enrolment", &ids).await?;
        work.commit().await?;

        let person = |p: &storage::programme::RoundPersonRow| RoundPerson {
            participant_id: p.participant_id,
            name: p.name.clone(),
            position: p.waiting_position,
            present: p.present,
            absent: p.absent,
        };
        let enrolled = people.iter().filter(|p| p.status != "waiting").map(person).collect();
        let mut waiting: Vec<RoundPerson> = people.iter().filter(|p| p.status == "waiting").map(person).collect();
        waiting.sort_by_key(|p| p.position);
        let mut candidates: Vec<Choice> = in_unit
            .iter()
            .filter(|p| !people.iter().any(|x| x.participant_id == p.id))
            .map(|p| Choice { id: p.id, name: p.name.clone() })
            .collect();
        candidates.sort_by_key(|c| (!interested.contains(&c.id), c.name.clone()));
        let follow_up_due =
            in_unit.iter().filter(|p| due.contains(&p.id)).map(|p| Choice { id: p.id, name: p.name.clone() }).collect();
        Ok(RoundDetail {
            round: summary(round),
            sessions: sessions.into_iter().map(session_info).collect(),
            enrolled,
            waiting,
            candidates,
            interested,
            follow_up_due,
        })
    }

    /// A new number of places; never below the places already taken.
    pub async fn set_round_capacity(
        &self,
        ctx: &RequestCtx,
        round_id: i64,
        capacity: Capacity,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.own_unit(Action::Change, "programme_round", Some(round_id)).await?;
        if storage::programme::round_in_unit(work.tx()?, permit.unit()?, round_id).await?.is_none() {
            return Err(work.refuse_unknown(Action::Change, "programme_round", round_id).await);
        }
        if !storage::programme::set_capacity(work.tx()?, round_id, i64::from(capacity.get())).await? {
            return Err(AccessError::Invalid { field: "capacity", message: text::CAPACITY_BELOW_ENROLLED });
        }
        work.commit().await
    }

    /// Staff enrol a participant of their unit into a round of their unit: a
    /// seat while there is one, else the waiting list. Never overbooked.
    pub async fn enrol(
        &self,
        ctx: &RequestCtx,
        round_id: i64,
        participant_id: i64,
    ) -> Result<EnrolOutcome, AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.place_in_round(round_id, participant_id).await?;
        let seat = storage::programme::enrol(
            work.tx()?,
            permit.participant()?,
            round_id,
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        work.commit().await?;
        Ok(match seat {
            Seat::Enrolled => EnrolOutcome::Enrolled,
            Seat::Waiting(position) => EnrolOutcome::Waiting { position },
            Seat::AlreadyThere => EnrolOutcome::AlreadyThere,
        })
    }

    /// The participant leaves the round or its waiting list. A freed seat is
    /// then offered to the first in line on the round page (staff confirm).
    pub async fn withdraw(&self, ctx: &RequestCtx, round_id: i64, participant_id: i64) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.place_in_round(round_id, participant_id).await?;
        let left = storage::programme::withdraw(
            work.tx()?,
            permit.participant()?,
            round_id,
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        if left == storage::programme::Left::NotThere {
            return Err(AccessError::Invalid { field: "participant_id", message: text::PERSON_NOT_IN_ROUND });
        }
        work.commit().await
    }

    /// Staff confirm the free seat for the first on the waiting list.
    pub async fn give_seat(&self, ctx: &RequestCtx, round_id: i64, participant_id: i64) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.place_in_round(round_id, participant_id).await?;
        let seated = storage::programme::seat_first_waiting(
            work.tx()?,
            permit.participant()?,
            round_id,
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        if !seated {
            return Err(AccessError::Invalid { field: "participant_id", message: text::SEAT_NOT_FREE });
        }
        work.commit().await
    }

    /// Staff put someone in the interest queue (they asked by phone, at a meeting…).
    pub async fn register_interest(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
        note: &crate::domain::LongText,
    ) -> Result<bool, AccessError> {
        let mut work = self.work(ctx).await?;
        // The unit's queue, kept by staff: not the participant's own "Jag vill vara med".
        let want = Want::Participant { participant_id, section: Section::Programme, record_id: None };
        let permit = work.authorize(Action::Create, want).await?;
        let added = storage::programme::register_interest(
            work.tx()?,
            permit.participant()?,
            note.as_str(),
            ctx.actor.account_id(),
            storage::now(),
        )
        .await?;
        work.commit().await?;
        Ok(added)
    }

    /// Takes someone out of the interest queue without a place.
    pub async fn dismiss_interest(&self, ctx: &RequestCtx, participant_id: i64) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::Programme, record_id: None };
        let permit = work.authorize(Action::Change, want).await?;
        storage::programme::dismiss_interest(work.tx()?, permit.participant()?, ctx.actor.account_id(), storage::now())
            .await?;
        work.commit().await
    }

    /// The attendance sheet of one session: everyone enrolled, with their marks.
    pub async fn attendance_sheet(&self, ctx: &RequestCtx, session_id: i64) -> Result<AttendanceSheet, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work.own_unit(Action::Read, "programme_session", Some(session_id)).await?;
        let unit = permit.unit()?;
        let Some(session) = storage::programme::session_in_unit(work.tx()?, unit, session_id).await? else {
            return Err(work.refuse_unknown(Action::Read, "programme_session", session_id).await);
        };
        let round = storage::programme::round_in_unit(work.tx()?, unit, session.round_id).await?;
        let all = storage::programme::round_sessions(work.tx()?, unit, session.round_id).await?;
        let mut rows = storage::programme::session_marks(work.tx()?, session_id).await?;
        let hidden = storage::caseload::shielded_ids(work.tx()?, unit, super::intake::asking_staff(ctx)).await?;
        rows.retain(|r| !hidden.contains(&r.participant_id));
        let ids: Vec<i64> = rows.iter().map(|r| r.participant_id).collect();
        work.audit_each(&permit, "attendance", &ids).await?;
        work.commit().await?;
        Ok(AttendanceSheet {
            round_id: session.round_id,
            round_name: round.map(|r| r.name).unwrap_or_default(),
            number: all.iter().position(|s| s.id == session_id).map_or(1, |i| i + 1),
            session: session_info(session),
            rows: rows
                .into_iter()
                .map(|r| AttendanceRow { participant_id: r.participant_id, name: r.name, mark: r.mark })
                .collect(),
        })
    }

    /// Marks attendance for the group in one go; each person's mark is audited.
    pub async fn record_attendance(
        &self,
        ctx: &RequestCtx,
        session_id: i64,
        marks: &[(i64, AttendanceMark)],
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let unit_id = storage::programme::session_unit(work.tx()?, session_id).await?;
        if unit_id.is_none() || unit_id != super::own_unit(&ctx.actor) {
            return Err(work.refuse_unknown(Action::Change, "programme_session", session_id).await);
        }
        let enrolled: Vec<i64> =
            storage::programme::session_marks(work.tx()?, session_id).await?.iter().map(|r| r.participant_id).collect();
        let now = storage::now();
        for &(participant_id, mark) in marks {
            if !enrolled.contains(&participant_id) {
                return Err(AccessError::Invalid { field: "marks", message: text::ATTENDANCE_NOT_IN_ROUND });
            }
            let want = Want::Participant { participant_id, section: Section::Programme, record_id: Some(session_id) };
            let permit = work.authorize(Action::Change, want).await?;
            storage::programme::record_mark(
                work.tx()?,
                permit.participant()?,
                session_id,
                mark.as_str(),
                ctx.actor.account_id(),
                now,
            )
            .await?;
        }
        work.commit().await
    }

    /// Changes one session (time, theme, room, a visit from FK or AF); the
    /// participants' meetings follow, and each of them is audited.
    pub async fn update_session(
        &self,
        ctx: &RequestCtx,
        session_id: i64,
        change: &SessionUpdate,
    ) -> Result<i64, AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.own_unit(Action::Change, "programme_session", Some(session_id)).await?;
        let unit = permit.unit()?;
        let Some(session) = storage::programme::session_in_unit(work.tx()?, unit, session_id).await? else {
            return Err(work.refuse_unknown(Action::Change, "programme_session", session_id).await);
        };
        let row = storage::programme::SessionChange {
            starts_at: change.time.start(),
            ends_at: change.time.end(),
            theme: change.theme.as_str(),
            place: change.place.as_str(),
            visit_from: change.visit.code(),
            by: ctx.actor.account_id(),
            now: storage::now(),
        };
        let affected =
            storage::programme::update_session(work.tx()?, unit, session_id, &row).await?.unwrap_or_default();
        work.audit_each(&permit, "meetings", &affected).await?;
        work.commit().await?;
        Ok(session.round_id)
    }

    /// Adds a session to a round (a make-up session, say); those enrolled get it in their app.
    pub async fn add_round_session(
        &self,
        ctx: &RequestCtx,
        round_id: i64,
        session: &SessionUpdate,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.own_unit(Action::Change, "programme_round", Some(round_id)).await?;
        let row = storage::programme::SessionChange {
            starts_at: session.time.start(),
            ends_at: session.time.end(),
            theme: session.theme.as_str(),
            place: session.place.as_str(),
            visit_from: session.visit.code(),
            by: ctx.actor.account_id(),
            now: storage::now(),
        };
        let Some(enrolled) =
            storage::programme::add_session_to_round(work.tx()?, permit.unit()?, round_id, &row).await?
        else {
            return Err(work.refuse_unknown(Action::Change, "programme_round", round_id).await);
        };
        work.audit_each(&permit, "meetings", &enrolled).await?;
        work.commit().await
    }
}

/// A changed session, parsed.
#[derive(Debug, Clone)]
pub struct SessionUpdate {
    pub time: MeetingTime,
    pub theme: ShortText,
    pub place: ShortText,
    pub visit: SessionVisit,
}
