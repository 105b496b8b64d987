//! What a participant (or a relative, within consent) reads about the participant.

use super::{Access, AccessError, RequestCtx, Want};
use crate::domain::{LadderStep, MeetingAnswer, MeetingKind, Organisation, RelationKind, StaffRole};
use crate::models::{ContactCard, MeetingCard, ParticipantStart, PersonCard, PersonRole};
use crate::policy::{Action, Section};
use crate::server::storage::{self, meetings::AttendeeRow, participants::ContactRow};

impl Access {
    /// The start page: next meeting, step on the ladder, contact persons.
    pub async fn participant_start(
        &self,
        ctx: &RequestCtx,
        participant_id: i64,
    ) -> Result<ParticipantStart, AccessError> {
        let mut work = self.work(ctx).await?;
        let read = |section| Want::Participant { participant_id, section, record_id: None };

        let profile = work.authorize(Action::Read, read(Section::Profile)).await?;
        let row =
            storage::participants::by_id(work.tx()?, profile.participant()?).await?.ok_or(AccessError::NotFound)?;

        let next_meeting = match work.authorize_part(Action::Read, read(Section::Meetings)).await? {
            Some(permit) => {
                let meeting = storage::meetings::next_for(work.tx()?, permit.participant()?, storage::now()).await?;
                Some(match meeting {
                    Some(m) => {
                        let people = storage::meetings::attendees(work.tx()?, m.id).await?;
                        Some(MeetingCard {
                            id: m.id,
                            kind: MeetingKind::parse(&m.kind).unwrap_or(MeetingKind::Other),
                            title: m.title,
                            starts_at: m.starts_at,
                            ends_at: m.ends_at,
                            place: m.place,
                            video_link: m.video_link,
                            bring: m.bring,
                            people: people.into_iter().map(attendee_card).collect(),
                            answer: MeetingAnswer::parse(&m.participant_answer).unwrap_or(MeetingAnswer::NoAnswer),
                        })
                    }
                    None => None,
                })
            }
            None => None,
        };

        let step = match work.authorize_part(Action::Read, read(Section::Ladder)).await? {
            Some(_) => LadderStep::parse(&row.ladder_step).ok(),
            None => None,
        };

        let contacts = match work.authorize_part(Action::Read, read(Section::Contacts)).await? {
            Some(permit) => {
                let rows =
                    storage::participants::contact_persons(work.tx()?, permit.participant()?, crate::server::today())
                        .await?;
                Some(rows.into_iter().map(contact_card).collect())
            }
            None => None,
        };

        work.commit().await?;
        Ok(ParticipantStart {
            participant_id: row.id,
            preferred_name: row.preferred_name,
            next_meeting,
            step,
            contacts,
        })
    }
}

fn attendee_card(a: AttendeeRow) -> PersonCard {
    let role = match a.kind.as_str() {
        "staff" => PersonRole::Staff(StaffRole::parse(&a.detail).unwrap_or(StaffRole::Supervisor)),
        "external" => PersonRole::External {
            organisation: Organisation::parse(&a.detail).unwrap_or(Organisation::Other),
            title: a.title.unwrap_or_default(),
        },
        _ => PersonRole::Relative(RelationKind::parse(&a.detail).unwrap_or(RelationKind::OtherRelative)),
    };
    PersonCard { name: a.name, role }
}

fn contact_card(c: ContactRow) -> ContactCard {
    let role = match c.organisation.as_deref().map(Organisation::parse) {
        Some(Ok(organisation)) => PersonRole::External { organisation, title: c.role_in_case.clone() },
        _ => {
            PersonRole::Staff(StaffRole::parse(c.staff_role.as_deref().unwrap_or("")).unwrap_or(StaffRole::Supervisor))
        }
    };
    ContactCard {
        person: PersonCard { name: c.name, role },
        role_in_case: c.role_in_case,
        phone: c.phone,
        email: c.email,
    }
}

impl Access {
    /// Whose pages a relative sees first: the first participant they are linked to.
    pub async fn first_linked_participant(&self, ctx: &RequestCtx) -> Result<Option<i64>, AccessError> {
        let crate::policy::Actor::Relative { relative_id, .. } = ctx.actor else {
            return Ok(None);
        };
        let mut work = self.read_only(ctx).await?;
        let linked = storage::participants::participants_of_relative(work.tx()?, relative_id).await?;
        work.commit().await?;
        Ok(linked.first().copied())
    }
}
