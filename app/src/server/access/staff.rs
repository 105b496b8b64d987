//! What staff read and do for the participants of their unit.

use super::{Access, AccessError, RequestCtx, Want};
use crate::domain::{DvForm, LadderStep, MeetingAnswer};
use crate::models::{EnrolOutcome, RosterRow, StaffHome};
use crate::policy::{Action, Actor, Section};
use crate::server::storage::{self, programme::Seat};

impl Access {
    /// The staff start page: the unit's participants.
    pub async fn staff_home(&self, ctx: &RequestCtx) -> Result<StaffHome, AccessError> {
        let unit_id = match ctx.actor {
            Actor::Staff { unit_id, .. } => Some(unit_id),
            _ => None,
        };
        let mut work = self.work(ctx).await?;
        let permit = work.authorize(Action::Read, Want::UnitRoster { unit_id }).await?;
        let unit_name = storage::participants::unit_name(work.tx()?, permit.unit()?).await?.unwrap_or_default();
        let rows = storage::participants::in_unit(work.tx()?, permit.unit()?).await?;
        let next = storage::meetings::next_in_unit(work.tx()?, permit.unit()?, storage::now()).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        work.audit_each(&permit, "roster_entry", &ids).await?;
        work.commit().await?;
        let participants = rows
            .into_iter()
            .filter_map(|r| {
                let next_meeting = next.iter().find(|m| m.participant_id == r.id).map(|m| {
                    (m.starts_at, MeetingAnswer::parse(&m.participant_answer).unwrap_or(MeetingAnswer::NoAnswer))
                });
                Some(RosterRow {
                    participant_id: r.id,
                    name: r.name,
                    step: LadderStep::parse(&r.ladder_step).ok()?,
                    dv_form: DvForm::parse(&r.dv_form).ok()?,
                    next_meeting,
                })
            })
            .collect();
        Ok(StaffHome { unit_name, participants })
    }
}

impl Access {
    /// Staff enrol a participant of their unit into a round of their unit: a
    /// seat while there is one, else the waiting list. Never overbooked.
    pub async fn enrol(
        &self,
        ctx: &RequestCtx,
        round_id: i64,
        participant_id: i64,
    ) -> Result<EnrolOutcome, AccessError> {
        let mut work = self.work(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::Programme, record_id: Some(round_id) };
        let permit = work.authorize(Action::Change, want).await?;
        // The round must be the participant's unit's.
        let round_unit = storage::programme::round_unit(work.tx()?, round_id).await?;
        if round_unit.is_none() || round_unit != permit.unit().ok().map(|u| u.id()) {
            return Err(work.refuse(permit, "programme_round").await);
        }
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
}
