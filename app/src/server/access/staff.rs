//! What staff read and do for the participants of their unit.

use super::{Access, AccessError, RequestCtx, Want};
use crate::domain::{DvForm, LadderStep, MeetingAnswer};
use crate::models::{RosterRow, StaffHome};
use crate::policy::{Action, Actor};
use crate::server::storage;

impl Access {
    /// The staff start page: the unit's participants.
    pub async fn staff_home(&self, ctx: &RequestCtx) -> Result<StaffHome, AccessError> {
        let mut work = self.work(ctx).await?;
        let want = Want::Unit { unit_id: own_unit(ctx), record_kind: "unit_roster", record_id: None };
        let permit = work.authorize(Action::Read, want).await?;
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

/// The unit of the staff member asking, if they belong to one.
pub(crate) fn own_unit(ctx: &RequestCtx) -> Option<i64> {
    match ctx.actor {
        Actor::Staff { unit_id, .. } => Some(unit_id),
        _ => None,
    }
}
