//! The follow-up (issue 13): the report's tables for one unit or for every
//! unit, for a period. Counts, no names; reading them is audited as a look at
//! the unit's follow-up, and the policy decides whose figures one may see.

use super::{Access, AccessError, RequestCtx, Work};
use crate::domain::follow_up::{Counted, Facts, Period, tables};
use crate::domain::parse_iso_date;
use crate::models::{FollowUpPage, FollowUpQuery};
use crate::policy::{self, Action, Actor, Target};
use crate::server::storage;
use crate::server::storage::audit::NewAuditEntry;
use crate::texts::follow_up as text;
use chrono::{Datelike, NaiveDate};

/// Proof that the follow-up of one unit (or of every unit, `None`) was
/// authorized. Only [`Work::authorize_follow_up`] makes one; the storage
/// functions of the follow-up take it.
#[derive(Debug)]
pub(crate) struct FollowUpScope {
    unit_id: Option<i64>,
}

impl FollowUpScope {
    pub(crate) fn unit_id(&self) -> Option<i64> {
        self.unit_id
    }
}

impl Work<'_> {
    /// The follow-up's figures (`Target::FollowUp`) or the names behind them
    /// (`Target::FollowUpPeople`) of `unit_id`, asked for under `record_kind`.
    /// The audit row names the period (as its detail) when it could be read.
    async fn authorize_follow_up(
        &mut self,
        action: Action,
        target: Target<'_>,
        record_kind: &'static str,
        unit_id: Option<i64>,
        period: Option<Period>,
    ) -> Result<FollowUpScope, AccessError> {
        let entry =
            NewAuditEntry { detail: period.map(detail), ..self.entry(action, None, record_kind, None, unit_id) };
        match policy::decide(&self.ctx.actor, action, &target) {
            Ok(()) => {
                self.audit.push(entry);
                Ok(FollowUpScope { unit_id })
            }
            Err(policy::Denied(reason)) => {
                tracing::warn!(reason, action = action.as_str(), record = record_kind, "access denied");
                self.record_denial(entry).await?;
                Err(AccessError::Denied)
            }
        }
    }
}

/// The period as an audit row's detail: `2026-01-01–2026-12-03`.
fn detail(period: Period) -> String {
    format!("{}–{}", period.from, period.until)
}

/// The period asked for: this year so far when nothing is given; a date that
/// is no date, or an end before the start, is named next to its field.
fn period(query: &FollowUpQuery, today: NaiveDate) -> Result<Period, Vec<(String, String)>> {
    period_of(&query.from, &query.until, today)
}

/// A period typed as `from` and `until` (this year so far where empty); used
/// by every page that asks for one.
pub(super) fn period_of(from: &str, until: &str, today: NaiveDate) -> Result<Period, Vec<(String, String)>> {
    let mut errors = Vec::new();
    let mut date = |field: &str, typed: &str, default: NaiveDate| {
        if typed.trim().is_empty() {
            return Some(default);
        }
        parse_iso_date(typed).map_err(|e| errors.push((field.to_owned(), e.message.to_owned()))).ok()
    };
    let start_of_year = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = date("from", from, start_of_year);
    let until = date("until", until, today);
    match (from, until) {
        (Some(from), Some(until)) => {
            Period::new(from, until).ok_or_else(|| vec![("until".to_owned(), text::UNTIL_BEFORE_FROM.to_owned())])
        }
        _ => Err(errors),
    }
}

impl Access {
    /// `/personal/uppfoljning`: the enhetschef sees their own unit; the
    /// administrator and the steering group the unit they choose, or every
    /// unit together.
    pub async fn follow_up(&self, ctx: &RequestCtx, query: &FollowUpQuery) -> Result<FollowUpPage, AccessError> {
        self.follow_up_as(ctx, query, Action::Read).await
    }

    /// The same figures as a file to hand on: on record as an export.
    pub async fn follow_up_export(&self, ctx: &RequestCtx, query: &FollowUpQuery) -> Result<FollowUpPage, AccessError> {
        self.follow_up_as(ctx, query, Action::Export).await
    }

    async fn follow_up_as(
        &self,
        ctx: &RequestCtx,
        query: &FollowUpQuery,
        action: Action,
    ) -> Result<FollowUpPage, AccessError> {
        let mut work = self.reading(ctx).await?;
        let unit_id = match ctx.actor {
            Actor::Staff { unit_id, .. } => Some(unit_id),
            _ => query.unit.trim().parse().ok(),
        };
        let period = period(query, crate::server::today());
        let target = Target::FollowUp { unit_id };
        let scope =
            work.authorize_follow_up(action, target, "follow_up", unit_id, period.as_ref().ok().copied()).await?;
        let units = storage::follow_up::units(work.tx()?).await?;
        let unit_name = scope.unit_id().and_then(|id| units.iter().find(|(u, _)| *u == id)).map(|(_, n)| n.clone());
        let mut page = FollowUpPage {
            unit_name,
            choose_unit: matches!(ctx.actor, Actor::Admin { .. } | Actor::SteeringGroup { .. }),
            lists_people: unit_id.is_some_and(|unit_id| {
                policy::decide(&ctx.actor, Action::Export, &Target::FollowUpPeople { unit_id }).is_ok()
            }),
            units,
            query: query.clone(),
            errors: Vec::new(),
            period: None,
            tables: None,
            programme: None,
        };
        match period {
            Ok(period) => {
                let facts: Vec<Facts> =
                    storage::follow_up::facts(work.tx()?, &scope, period).await?.into_iter().map(|(_, f)| f).collect();
                page.programme = Some(storage::follow_up::programme(work.tx()?, &scope, period).await?);
                page.period = Some(period);
                page.tables = Some(tables(&facts, period));
            }
            Err(errors) => page.errors = errors,
        }
        work.commit().await?;
        Ok(page)
    }
}

/// One person behind the figures: their id, their name (withheld for
/// skyddade personuppgifter), what is known of them and what was counted.
#[derive(Debug)]
pub struct PersonLine {
    pub id: i64,
    pub name: Option<String>,
    pub facts: Facts,
    pub counted: Counted,
}

/// The per-person list of a unit's follow-up.
#[derive(Debug)]
pub struct PeopleFile {
    pub unit_name: Option<String>,
    /// `None` when the period could not be read.
    pub period: Option<Period>,
    pub people: Vec<PersonLine>,
}

impl Access {
    /// The names behind the figures of the enhetschef's own unit: each person
    /// listed is on record as handed out, with the period.
    pub async fn follow_up_people(&self, ctx: &RequestCtx, query: &FollowUpQuery) -> Result<PeopleFile, AccessError> {
        let mut work = self.reading(ctx).await?;
        let unit_id = match ctx.actor {
            Actor::Staff { unit_id, .. } => unit_id,
            _ => query.unit.trim().parse().unwrap_or(0),
        };
        let period = period(query, crate::server::today()).ok();
        let target = Target::FollowUpPeople { unit_id };
        let scope = work.authorize_follow_up(Action::Export, target, "follow_up_people", Some(unit_id), period).await?;
        let units = storage::follow_up::units(work.tx()?).await?;
        let unit_name = units.into_iter().find(|(id, _)| *id == unit_id).map(|(_, n)| n);
        let mut file = PeopleFile { unit_name, period, people: Vec::new() };
        if let Some(period) = period {
            let facts = storage::follow_up::facts(work.tx()?, &scope, period).await?;
            let names = storage::follow_up::names(work.tx()?, &scope, period).await?;
            for (id, facts) in facts {
                let Some(counted) = facts.counted(period) else { continue };
                let name = names.iter().find(|n| n.id == id).filter(|n| !n.protected_identity).map(|n| n.name.clone());
                let named = NewAuditEntry {
                    detail: Some(detail(period)),
                    ..work.entry(Action::Export, Some(id), "follow_up_people", None, Some(unit_id))
                };
                work.audit.push(named);
                file.people.push(PersonLine { id, name, facts, counted });
            }
        }
        work.commit().await?;
        Ok(file)
    }
}
