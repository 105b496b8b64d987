//! What staff read and do for the participants of their unit.

use super::{Access, AccessError, RequestCtx, Want};
use crate::domain::Due;
use crate::models::{RosterRow, StaffHome, TransitionTodo};
use crate::policy::{Action, Actor};
use crate::server::storage;

impl Access {
    /// The staff manual names nobody, so reading it writes no audit row and
    /// opens no transaction; the policy still decides who may, and a refusal
    /// is on record like any other.
    pub async fn manual(&self, ctx: &RequestCtx) -> Result<(), AccessError> {
        let Err(crate::policy::Denied(reason)) =
            crate::policy::decide(&ctx.actor, Action::Read, &crate::policy::Target::Manual)
        else {
            return Ok(());
        };
        tracing::warn!(reason, action = "read", record = "manual", "access denied");
        let mut work = self.reading(ctx).await?;
        work.audit_event(ctx.actor, "read", "denied", "manual").await?;
        work.commit().await?;
        Err(AccessError::Denied)
    }

    /// The staff start page: the unit's caseload, with what needs doing.
    pub async fn staff_home(&self, ctx: &RequestCtx) -> Result<StaffHome, AccessError> {
        let mut work = self.reading(ctx).await?;
        let want = Want::Unit { unit_id: super::own_unit(&ctx.actor), record_kind: "unit_roster", record_id: None };
        let permit = work.authorize(Action::Read, want).await?;
        let unit = permit.unit()?;
        let (now, today) = (storage::now(), crate::server::today());
        let (week_start, week_end) = this_week(today);
        let unit_name = storage::participants::unit_name(work.tx()?, unit).await?.unwrap_or_default();
        let mut rows = storage::participants::in_unit(work.tx()?, unit).await?;
        // Skyddade personuppgifter: only their contact persons see them in the list.
        let hidden = storage::caseload::shielded_ids(work.tx()?, unit, super::intake::asking_staff(ctx)).await?;
        rows.retain(|r| !hidden.contains(&r.id));
        let next = storage::meetings::next_in_unit(work.tx()?, unit, now).await?;
        let week = storage::caseload::meetings_between(work.tx()?, unit, week_start, week_end).await?;
        let follow_ups = storage::caseload::follow_ups_due(work.tx()?, unit, today + chrono::Days::new(14)).await?;
        let no_consent = storage::caseload::assessment_without_consent(work.tx()?, unit, now, today).await?;
        let waiting = storage::caseload::waiting_for_programme(work.tx()?, unit).await?;
        let mine = match ctx.actor {
            Actor::Staff { staff_id, .. } => storage::caseload::contact_of(work.tx()?, unit, staff_id, today).await?,
            _ => vec![],
        };
        let transition_due = transition_due(&mut work, unit, today, &hidden).await?;
        let mut ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        // Names shown only under "Att göra" (a discharged participant whose decision rests).
        let mut extra: Vec<i64> =
            transition_due.iter().map(|t| t.participant_id).filter(|id| !ids.contains(id)).collect();
        extra.sort_unstable();
        extra.dedup();
        ids.extend(extra);
        work.audit_each(&permit, "roster_entry", &ids).await?;
        work.commit().await?;
        let participants = rows
            .into_iter()
            .map(|r| {
                let next_meeting =
                    next.iter().find(|m| m.participant_id == r.id).map(|m| (m.starts_at, m.participant_answer));
                RosterRow {
                    participant_id: r.id,
                    step: r.ladder_step,
                    dv_form: r.dv_form,
                    next_meeting,
                    mine: mine.contains(&r.id),
                    meetings_this_week: week.iter().find(|w| w.0 == r.id).map_or(0, |w| w.1),
                    follow_up_due: follow_ups.iter().find(|f| f.0 == r.id).map(|f| f.1),
                    benefit_ends: r.benefit_until.filter(|d| *d >= today && (*d - today).num_days() <= 90),
                    assessment_without_consent: no_consent.contains(&r.id),
                    waiting_for_programme: waiting.contains(&r.id),
                    name: r.name,
                }
            })
            .collect();
        Ok(StaffHome { unit_name, today, participants, transition_due })
    }
}

/// The clocks of the transition that run out within two weeks, soonest first:
/// recorded dates and the end of förlängt stöd, of anyone in the unit (a
/// resting decision runs on after DV has ended), but not of those with
/// skyddade personuppgifter whom the asker may not see.
async fn transition_due(
    work: &mut super::Work<'_>,
    unit: super::PermittedUnit,
    today: chrono::NaiveDate,
    hidden: &[i64],
) -> Result<Vec<TransitionTodo>, AccessError> {
    let limit = today + crate::domain::transition::DUE_WITHIN;
    let clocks = storage::transition::running_in_unit(work.tx()?, unit).await?;
    let extended = storage::transition::extended_support_ending(work.tx()?, unit, today, limit).await?;
    let mut due: Vec<TransitionTodo> = clocks
        .into_iter()
        .filter_map(|c| {
            let due = c.date.date().due().filter(|d| d.is_soon(today))?;
            Some(TransitionTodo { participant_id: c.date.participant_id, name: c.name, due })
        })
        .chain(extended.into_iter().map(|(participant_id, name, ends_on)| TransitionTodo {
            participant_id,
            name,
            due: Due::ExtendedSupportEnds(ends_on),
        }))
        .filter(|t| !hidden.contains(&t.participant_id))
        .collect();
    due.sort_by_key(|t| (t.due.on(), t.participant_id));
    Ok(due)
}

/// Monday 00:00 to the next Monday 00:00, Swedish time, as UTC instants.
fn this_week(today: chrono::NaiveDate) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    use chrono::{Datelike, TimeZone};
    let monday = today - chrono::Days::new(u64::from(today.weekday().num_days_from_monday()));
    let start_of = |d: chrono::NaiveDate| {
        chrono_tz::Europe::Stockholm
            .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.to_utc())
            .unwrap_or_else(|| d.and_time(chrono::NaiveTime::MIN).and_utc())
    };
    (start_of(monday), start_of(monday + chrono::Days::new(7)))
}
