//! SUS, Finsam's national follow-up (issue 13): staff record on the record
//! what SUS asks at the start and end of a Finsam-financed activity, and the
//! unit's staff print the sheet to type into SUS's web forms. The sheet names
//! a person only with their written consent to registration in SUS; everyone
//! else is an anonymous registration, with no identifying field.

use super::{Access, AccessError, RequestCtx, Want};
use crate::domain::PersonalNumber;
use crate::domain::sus::{SusEnd, SusStart};
use crate::models::{RecordSus, SusLine, SusPerson, SusQuery, SusRegistration, SusSheet};
use crate::policy::{Action, Section};
use crate::server::storage;
use crate::texts::sus as text;

impl Access {
    /// `/personal/deltagare/{id}/sus`: the participant's registrations and
    /// whether they consented to being named in SUS.
    pub async fn record_sus(&self, ctx: &RequestCtx, participant_id: i64) -> Result<RecordSus, AccessError> {
        let mut work = self.reading(ctx).await?;
        let permit = work.section(Action::Read, participant_id, Section::Record).await?;
        let (_, name) = work.record_name(participant_id).await?;
        let today = crate::server::today();
        let rows = storage::sus::of_participant(work.tx()?, permit.participant()?).await?;
        let consented = storage::sus::consented(work.tx()?, permit.participant()?, today).await?;
        work.commit().await?;
        Ok(RecordSus {
            participant_id,
            name,
            today,
            consented,
            registrations: rows.iter().map(|r| SusRegistration { start: r.start(), end: r.end() }).collect(),
        })
    }

    /// The start of a Finsam-financed activity, with what SUS asks then.
    /// Recorded once it has begun; one open at a time.
    pub async fn start_sus(&self, ctx: &RequestCtx, participant_id: i64, start: &SusStart) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Record).await?;
        if start.starts_on > crate::server::today() {
            return Err(AccessError::Invalid { field: "starts_on", message: text::NOT_YET });
        }
        let by = ctx.actor.account_id();
        if !storage::sus::start(work.tx()?, permit.participant()?, start, by, storage::now()).await? {
            return Err(AccessError::Invalid { field: "starts_on", message: text::ALREADY_OPEN });
        }
        work.commit().await
    }

    /// The end of the open activity, with what SUS asks then. Written once.
    pub async fn end_sus(&self, ctx: &RequestCtx, participant_id: i64, end: &SusEnd) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        let permit = work.section(Action::Change, participant_id, Section::Record).await?;
        if end.ends_on > crate::server::today() {
            return Err(AccessError::Invalid { field: "ends_on", message: text::NOT_YET });
        }
        let by = ctx.actor.account_id();
        if !storage::sus::end(work.tx()?, permit.participant()?, end, by, storage::now()).await? {
            return Err(AccessError::Invalid { field: "ends_on", message: text::NOT_ENDED });
        }
        work.commit().await
    }

    /// `/personal/sus`: the unit's registrations that ran in the period, to
    /// read (a page) or to hand on (`action` Export: the file). Each person on
    /// it is an audit row; people under skyddade personuppgifter are on it
    /// only for their contact persons.
    pub async fn sus_sheet(&self, ctx: &RequestCtx, query: &SusQuery, action: Action) -> Result<SusSheet, AccessError> {
        let mut work = self.reading(ctx).await?;
        let want = Want::Unit { unit_id: super::own_unit(&ctx.actor), record_kind: "sus_sheet", record_id: None };
        let permit = work.authorize(action, want).await?;
        let unit = permit.unit()?;
        let unit_name = storage::participants::unit_name(work.tx()?, unit).await?.unwrap_or_default();
        let today = crate::server::today();
        let mut sheet =
            SusSheet { unit_name, query: query.clone(), errors: Vec::new(), period: None, lines: Vec::new() };
        match super::follow_up::period_of(&query.from, &query.until, today) {
            Ok(period) => {
                let mut rows = storage::sus::sheet(work.tx()?, unit, period.from, period.until, today).await?;
                let hidden =
                    storage::caseload::shielded_ids(work.tx()?, unit, super::intake::asking_staff(ctx)).await?;
                rows.retain(|r| !hidden.contains(&r.registration.participant_id));
                let mut ids: Vec<i64> = rows.iter().map(|r| r.registration.participant_id).collect();
                ids.sort_unstable();
                ids.dedup();
                work.audit_each(&permit, "sus_registration", &ids).await?;
                sheet.period = Some((period.from, period.until));
                sheet.lines = rows
                    .into_iter()
                    .map(|r| SusLine {
                        identified: r.consented.then(|| SusPerson {
                            participant_id: r.registration.participant_id,
                            name: r.name.clone(),
                            personal_number: r
                                .personal_number
                                .as_deref()
                                .and_then(PersonalNumber::from_stored)
                                .map(|n| n.formatted()),
                        }),
                        gender: r.gender,
                        start: r.registration.start(),
                        end: r.registration.end(),
                    })
                    .collect();
            }
            Err(errors) => sheet.errors = errors,
        }
        work.commit().await?;
        Ok(sheet)
    }
}
