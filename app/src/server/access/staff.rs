//! What staff read and do for the participants of their unit.

use super::{Access, AccessError, RequestCtx, Want};
use crate::domain::{DvForm, LadderStep};
use crate::models::{RosterRow, StaffHome};
use crate::policy::{Action, Actor};
use crate::server::storage;

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
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        work.audit_each(&permit, "roster_entry", &ids).await?;
        work.commit().await?;
        let participants = rows
            .into_iter()
            .filter_map(|r| {
                Some(RosterRow {
                    participant_id: r.id,
                    name: r.name,
                    step: LadderStep::parse(&r.ladder_step).ok()?,
                    dv_form: DvForm::parse(&r.dv_form).ok()?,
                })
            })
            .collect();
        Ok(StaffHome { unit_name, participants })
    }
}
