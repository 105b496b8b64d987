//! What a participant (or a relative, within consent) reads about the participant.

use super::{Access, AccessError, Permitted, RequestCtx, Want, Work};
use crate::domain::{MeetingAnswer, Organisation, RelationKind, StaffRole};
use crate::models::{
    ContactCard, ContactList, Ladder, LadderMove, MeetingCard, MeetingList, ParticipantStart, PersonCard, PersonRole,
    Plan, PlanPage, ProgrammePage, ProgrammeSession, ProgrammeStatus,
};
use crate::policy::{Action, Section};
use crate::server::storage::{
    self,
    meetings::{AttendeeRow, MeetingRow},
    participants::ContactRow,
};

impl Access {
    /// The start page: next meeting, step on the ladder, contact persons.
    pub async fn participant_start(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<ParticipantStart, AccessError> {
        let mut work = self.reading(ctx).await?;
        let read = |section| Want::Participant { participant_id, section, record_id: None };

        let profile = work.authorize(Action::Read, read(Section::Profile)).await?;
        let row =
            storage::participants::by_id(work.tx()?, profile.participant()?).await?.ok_or(AccessError::NotFound)?;

        let next_meeting = match work.authorize_part(Action::Read, read(Section::Meetings)).await? {
            Some(permit) => {
                let meeting = storage::meetings::next_for(work.tx()?, permit.participant()?, storage::now()).await?;
                Some(match meeting {
                    Some(m) => Some(meeting_card(&mut work, m).await?),
                    None => None,
                })
            }
            None => None,
        };

        let step = match work.authorize_part(Action::Read, read(Section::Ladder)).await? {
            Some(_) => Some((row.way(), row.ladder_step)),
            None => None,
        };

        let contacts = match work.authorize_part(Action::Read, read(Section::Contacts)).await? {
            Some(permit) => {
                let rows =
                    storage::participants::contact_persons(work.tx()?, permit.participant()?, crate::server::today())
                        .await?;
                Some(rows.into_iter().map(contact_card).collect::<Result<_, _>>()?)
            }
            None => None,
        };

        // Until they have chosen, the start page asks about reminders (the
        // participant, or a relative who sees the meetings).
        let ask_reminders = match (ctx.actor, next_meeting.is_some()) {
            (
                crate::policy::Actor::Participant { account_id, .. }
                | crate::policy::Actor::Relative { account_id, .. },
                true,
            ) => match work.authorize_part(Action::Read, read(Section::ReminderChoice)).await? {
                Some(permit) => {
                    storage::reminders::choice(work.tx()?, permit.participant()?, account_id).await?.is_none()
                }
                None => false,
            },
            _ => false,
        };

        work.commit().await?;
        Ok(ParticipantStart {
            participant_id: row.id,
            preferred_name: row.preferred_name,
            next_meeting,
            step,
            contacts,
            ask_reminders,
        })
    }
}

/// A plan version with its activities and follow-ups. Only for a row read under a permit.
pub(super) async fn plan_version(
    work: &mut Work<'_>,
    row: storage::plans::PlanRow,
) -> Result<crate::models::PlanVersion, AccessError> {
    let activities = storage::plans::activities(work.tx()?, row.id).await?;
    let follow_ups = storage::plans::follow_ups(work.tx()?, row.id).await?;
    Ok(crate::models::PlanVersion {
        version: row.version,
        goal: row.goal,
        reason: row.goal_reason,
        from: row.period_start,
        until: row.period_end,
        days_per_week: row.days_per_week,
        hours_per_week: row.hours_per_week,
        activities,
        follow_ups,
        other_notes: row.other_notes,
        author: row.author,
        saved_at: row.created_at,
    })
}

/// A meeting with the people who come. Only for a row read under a permit.
pub(super) async fn meeting_card(work: &mut Work<'_>, m: MeetingRow) -> Result<MeetingCard, AccessError> {
    let people = storage::meetings::attendees(work.tx()?, m.id).await?;
    card_with(m, people)
}

fn card_with(m: MeetingRow, people: Vec<storage::meetings::AttendeeRow>) -> Result<MeetingCard, AccessError> {
    Ok(MeetingCard {
        id: m.id,
        kind: m.kind,
        title: m.title,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        place: m.place,
        video_link: m.video_link,
        bring: m.bring,
        people: people.into_iter().map(attendee_card).collect::<Result<_, _>>()?,
        status: m.status,
        answer: m.participant_answer,
    })
}

/// Every meeting of a participant: those to come (soonest first) and those past
/// (latest first).
pub(super) async fn meeting_cards(
    work: &mut Work<'_>,
    participant: Permitted,
) -> Result<(Vec<MeetingCard>, Vec<MeetingCard>), AccessError> {
    let rows = storage::meetings::for_participant(work.tx()?, participant).await?;
    let ids: Vec<i64> = rows.iter().map(|m| m.id).collect();
    let mut people: std::collections::HashMap<i64, Vec<storage::meetings::AttendeeRow>> =
        std::collections::HashMap::new();
    for (meeting_id, attendee) in storage::meetings::attendees_of(work.tx()?, &ids).await? {
        people.entry(meeting_id).or_default().push(attendee);
    }
    let now = storage::now();
    let (mut coming, mut past) = (Vec::new(), Vec::new());
    for row in rows {
        let id = row.id;
        let card = card_with(row, people.remove(&id).unwrap_or_default())?;
        if card.ends_at > now { coming.push(card) } else { past.push(card) }
    }
    past.reverse();
    Ok((coming, past))
}

/// Steps on the ladder as read from storage.
pub(super) fn ladder_moves(rows: Vec<storage::participants::LadderMoveRow>) -> Vec<LadderMove> {
    rows.into_iter().map(|m| LadderMove { step: m.to_step, on: m.moved_on }).collect()
}

impl Access {
    /// "Mina möten": all of the participant's meetings.
    pub async fn meetings(&self, ctx: &RequestCtx, participant_id: i64) -> Result<MeetingList, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work
            .authorize(Action::Read, Want::Participant { participant_id, section: Section::Meetings, record_id: None })
            .await?;
        let (coming, past) = meeting_cards(&mut work, permit.participant()?).await?;
        work.commit().await?;
        Ok(MeetingList { participant_id, coming, past })
    }

    /// One meeting, for its participant (or a relative within consent, or staff of the unit).
    pub async fn meeting(&self, ctx: &RequestCtx, meeting_id: i64) -> Result<MeetingCard, AccessError> {
        self.one_meeting(ctx, meeting_id, Action::Read).await
    }

    /// One meeting as a calendar file: it leaves the app, so it is audited as an export.
    pub async fn meeting_export(&self, ctx: &RequestCtx, meeting_id: i64) -> Result<MeetingCard, AccessError> {
        self.one_meeting(ctx, meeting_id, Action::Export).await
    }

    async fn one_meeting(&self, ctx: &RequestCtx, meeting_id: i64, action: Action) -> Result<MeetingCard, AccessError> {
        let mut work = self.reading(ctx).await?;
        let Some(owner) = storage::meetings::participant_of(work.tx()?, meeting_id).await? else {
            return Err(work.refuse_unknown(action, "meetings", meeting_id).await);
        };
        let want = Want::Participant { participant_id: owner, section: Section::Meetings, record_id: Some(meeting_id) };
        let permit = work.authorize(action, want).await?;
        let row = storage::meetings::by_id(work.tx()?, permit.participant()?, meeting_id).await?;
        let Some(row) = row else {
            return Err(work.refuse(permit, "meetings").await);
        };
        let card = meeting_card(&mut work, row).await?;
        work.commit().await?;
        Ok(card)
    }

    /// "Jag kommer" / "Jag kan inte komma": only the participant, only their own
    /// planned meetings. The answer can be changed.
    pub async fn answer_meeting(
        &self,
        ctx: &RequestCtx,
        meeting_id: i64,
        answer: MeetingAnswer,
    ) -> Result<(), AccessError> {
        if answer == MeetingAnswer::NoAnswer {
            return Err(AccessError::Invalid { field: "answer", message: crate::texts::sv::ANSWER_MISSING });
        }
        let mut work = self.work(ctx).await?;
        let Some(owner) = storage::meetings::participant_of(work.tx()?, meeting_id).await? else {
            return Err(work.refuse_unknown(Action::Change, "meeting_answer", meeting_id).await);
        };
        let want =
            Want::Participant { participant_id: owner, section: Section::MeetingAnswer, record_id: Some(meeting_id) };
        let permit = work.authorize(Action::Change, want).await?;
        let changed = storage::meetings::set_answer(
            work.tx()?,
            permit.participant()?,
            meeting_id,
            answer.as_str(),
            storage::now(),
        )
        .await?;
        if changed != 1 {
            // Held or cancelled: nothing to answer any more.
            return Err(AccessError::Invalid { field: "answer", message: crate::texts::sv::ANSWER_TOO_LATE });
        }
        work.commit().await
    }
}

impl Access {
    /// "Mina kontakter": the participant's contact persons in force today.
    pub async fn contacts(&self, ctx: &RequestCtx, participant_id: i64) -> Result<ContactList, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work
            .authorize(Action::Read, Want::Participant { participant_id, section: Section::Contacts, record_id: None })
            .await?;
        let rows =
            storage::participants::contact_persons(work.tx()?, permit.participant()?, crate::server::today()).await?;
        work.commit().await?;
        Ok(ContactList { participant_id, contacts: rows.into_iter().map(contact_card).collect::<Result<_, _>>()? })
    }

    /// "Min plan": the newest version of the joint plan.
    pub async fn plan(&self, ctx: &RequestCtx, participant_id: i64) -> Result<PlanPage, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work
            .authorize(Action::Read, Want::Participant { participant_id, section: Section::Plan, record_id: None })
            .await?;
        let benefit = storage::plans::benefit_kind(work.tx()?, permit.participant()?).await?;
        let plan = match storage::plans::current(work.tx()?, permit.participant()?).await? {
            Some(row) => {
                let v = plan_version(&mut work, row).await?;
                Some(Plan {
                    version: v.version,
                    goal: v.goal,
                    reason: v.reason,
                    from: v.from,
                    until: v.until,
                    days_per_week: v.days_per_week,
                    hours_per_week: v.hours_per_week,
                    activities: v.activities,
                    follow_ups: v.follow_ups,
                    other_notes: v.other_notes,
                })
            }
            None => None,
        };
        work.commit().await?;
        Ok(PlanPage { participant_id, plan, benefit })
    }

    /// "Arbetsnärmande programmet": my round and sessions, or my place in the queue.
    pub async fn programme(&self, ctx: &RequestCtx, participant_id: i64) -> Result<ProgrammePage, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work
            .authorize(Action::Read, Want::Participant { participant_id, section: Section::Programme, record_id: None })
            .await?;
        let who = permit.participant()?;
        let status = match storage::programme::enrolment(work.tx()?, who).await? {
            Some(e) if e.status == "enrolled" => {
                let sessions = storage::programme::sessions(work.tx()?, who, e.round_id).await?;
                ProgrammeStatus::Enrolled {
                    round: e.round_name,
                    place: e.place,
                    sessions: sessions
                        .into_iter()
                        .map(|s| ProgrammeSession {
                            starts_at: s.starts_at,
                            ends_at: s.ends_at,
                            theme: s.theme,
                            place: s.place,
                        })
                        .collect(),
                }
            }
            Some(e) => ProgrammeStatus::Waiting { round: e.round_name, position: e.waiting_position },
            None => ProgrammeStatus::NotEnrolled,
        };
        let interest_sent = storage::programme::has_open_interest(work.tx()?, who).await?;
        work.commit().await?;
        Ok(ProgrammePage { participant_id, status, interest_sent })
    }

    /// "Jag vill vara med": an expression of interest that reaches staff.
    pub async fn express_interest(&self, ctx: &RequestCtx, participant_id: i64) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::ProgrammeInterest, record_id: None };
        let permit = work.authorize(Action::Create, want).await?;
        storage::programme::express_interest(work.tx()?, permit.participant()?, ctx.actor.account_id(), storage::now())
            .await?;
        work.commit().await
    }

    /// "Stegen": the current step and the steps so far.
    pub async fn ladder(&self, ctx: &RequestCtx, participant_id: i64) -> Result<Ladder, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work
            .authorize(Action::Read, Want::Participant { participant_id, section: Section::Ladder, record_id: None })
            .await?;
        let row = storage::participants::by_id(work.tx()?, permit.participant()?).await?;
        let Some(row) = row else {
            return Err(work.refuse(permit, "ladder").await);
        };
        let moves = storage::participants::ladder_moves(work.tx()?, permit.participant()?).await?;
        let dates = storage::transition::of_participant(work.tx()?, permit.participant()?).await?;
        work.commit().await?;
        let today = crate::server::today();
        let resting_until = dates.iter().find_map(|d| d.date().may_return_until(today));
        Ok(Ladder {
            participant_id,
            way: row.way(),
            current: row.ladder_step,
            resting_until,
            moves: ladder_moves(moves),
        })
    }
}

/// Who comes to a meeting: `detail` is a staff role, an organisation or a
/// relation, by `kind`; anything else stored there is an error, never a guess.
fn attendee_card(a: AttendeeRow) -> Result<PersonCard, AccessError> {
    let corrupt = |_| AccessError::Corrupt("meeting_attendees.detail");
    let role = match a.kind.as_str() {
        "staff" => PersonRole::Staff(StaffRole::parse(&a.detail).map_err(corrupt)?),
        "external" => PersonRole::External {
            organisation: Organisation::parse(&a.detail).map_err(corrupt)?,
            title: a.title.unwrap_or_default(),
        },
        "relative" => PersonRole::Relative(RelationKind::parse(&a.detail).map_err(corrupt)?),
        _ => return Err(AccessError::Corrupt("meeting_attendees.kind")),
    };
    Ok(PersonCard { name: a.name, role })
}

/// A contact person is an officer (with an organisation) or one of the staff
/// (with a staff role); a row with neither is an error.
pub(super) fn contact_card(c: ContactRow) -> Result<ContactCard, AccessError> {
    let role = match (c.organisation, c.staff_role) {
        (Some(organisation), _) => PersonRole::External { organisation, title: c.role_in_case.clone() },
        (None, Some(role)) => PersonRole::Staff(role),
        (None, None) => return Err(AccessError::Corrupt("contact_persons")),
    };
    Ok(ContactCard {
        person: PersonCard { name: c.name, role },
        role_in_case: c.role_in_case,
        phone: c.phone,
        email: c.email,
    })
}

impl Access {
    /// Whose pages a relative sees (the first participant they are linked to),
    /// and the parts of them the consent shares today, for the menu: the same
    /// facts, from the same function, that the policy decides on. Each page's
    /// own read is authorized and audited as usual.
    pub async fn relative_view(&self, ctx: &RequestCtx) -> Result<(Option<i64>, Vec<Section>), AccessError> {
        let mut work = self.reading(ctx).await?;
        let first = work.linked_participants().await?.first().copied();
        let sections = match first {
            Some(participant_id) => work.relative_shares(participant_id).await?.unwrap_or_default(),
            None => vec![],
        };
        work.commit().await?;
        Ok((first, sections))
    }

    /// Whose pages a relative sees first: the first participant they are linked to.
    pub async fn first_linked_participant(&self, ctx: &RequestCtx) -> Result<Option<i64>, AccessError> {
        let mut work = self.reading(ctx).await?;
        let first = work.linked_participants().await?.first().copied();
        work.commit().await?;
        Ok(first)
    }
}
