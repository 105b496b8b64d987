//! Retention (gallring): the administrator's rule, the dry run, and deleting
//! the records of discharged participants whose time has passed.
//!
//! The rule. The product's source documents (the DV/FK project report and the
//! ASF decision paper, /work/shared/seeds) say nothing about how long records
//! are kept, so the number of years is a setting (`retention_rules`, changed
//! at `/admin/gallring`), and 5 is only its default. Why 5: the social
//! services act deletes a personakt five years after its last entry
//! (socialtjänstlagen 12 kap. 1 §), and many municipalities apply the same
//! to their LSS records. The LSS act itself sets a deletion rule only for
//! private providers (LSS 23 c §: two years after the last entry); for a
//! municipality's own LSS work it sets none, so the archives act (arkivlagen
//! 1990:782) applies: records are kept unless the municipality's archive
//! authority decides on deletion. The municipality must therefore make the
//! decision and set the rule to it, or turn deletion off ("kept"). The social
//! services act's exception for research (people born on certain days of the
//! month are kept) is not built in.
//!
//! What is deleted: every row that names the participant (storage lists them),
//! their account and its codes and passkeys, the relatives no one else's rows
//! name, and the revisions about their records. What is kept: the audit log,
//! always. Its rows hold ids, not names; they are what the log follow-up and
//! an investigation read; and deleting rows would break its hash chain. No
//! rule found for this product says when access logs must go; thinning the
//! log by age would be a decision, and a design (a new start of the chain),
//! of its own. Each deletion adds a tombstone to it: action `delete`, record
//! kind `retention`, the participant's id and unit, no name.

use super::{Access, AccessError, RequestCtx, Work};
use crate::models::{KindCount, RetentionCandidate, RetentionOverview};
use crate::policy::{Action, Target};
use crate::server::storage::{self, retention as store};
use crate::texts::admin as text;
use chrono::{Months, NaiveDate};

/// Whether a rule's years are allowed (the table's CHECK says the same).
pub fn valid_years(years: i64) -> bool {
    (1..=100).contains(&years)
}

/// The day `years` after `date` (the last day of February for a 29 February).
fn years_after(date: NaiveDate, years: i64) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(u32::try_from(years.checked_mul(12)?).ok()?))
}

fn years_before(date: NaiveDate, years: i64) -> Option<NaiveDate> {
    date.checked_sub_months(Months::new(u32::try_from(years.checked_mul(12)?).ok()?))
}

/// Kinds in the order the page lists them.
fn kind_order(kind: crate::models::RecordKind) -> Option<usize> {
    crate::models::RecordKind::ALL.iter().position(|k| *k == kind)
}

/// The rule and who is due today. `lock`: hold the candidates' rows until
/// the transaction ends (the deletion).
async fn due_today(work: &mut Work<'_>, lock: bool) -> Result<RetentionOverview, AccessError> {
    let rule = store::rule(work.tx()?).await?.ok_or(AccessError::Corrupt("retention_rules"))?;
    let today = crate::server::today();
    let mut candidates = Vec::new();
    let cutoff = rule.years.and_then(|years| years_before(today, years).map(|cutoff| (years, cutoff)));
    if let Some((years, cutoff)) = cutoff {
        for row in store::discharged_by(work.tx()?, cutoff, lock).await? {
            let facts = store::facts(work.tx()?, row.participant_id).await?;
            let written = facts.last_written.map(|at| at.with_timezone(&chrono_tz::Europe::Stockholm).date_naive());
            let last_entry = written.max(facts.last_dated).unwrap_or(row.discharged_on).max(row.discharged_on);
            let Some(due_on) = years_after(last_entry, years) else { continue };
            if due_on > today {
                continue;
            }
            let mut counts: Vec<KindCount> =
                facts.counts.into_iter().map(|(kind, count)| KindCount { kind, count }).collect();
            counts.sort_by_key(|c| kind_order(c.kind));
            candidates.push(RetentionCandidate {
                participant_id: row.participant_id,
                unit_id: row.unit_id,
                unit_name: row.unit_name,
                discharged_on: row.discharged_on,
                last_entry,
                due_on,
                counts,
            });
        }
    }
    let mut totals: Vec<KindCount> = Vec::new();
    for count in candidates.iter().flat_map(|c| &c.counts) {
        match totals.iter_mut().find(|t| t.kind == count.kind) {
            Some(total) => total.count += count.count,
            None => totals.push(*count),
        }
    }
    totals.sort_by_key(|t| kind_order(t.kind));
    Ok(RetentionOverview { years: rule.years, rule_changed_at: rule.changed_at, today, candidates, totals })
}

impl Work<'_> {
    /// An audit row about one participant's retention (read in the dry run,
    /// or the tombstone of a deletion), in their unit for the log follow-up.
    fn audit_retention(&mut self, action: Action, candidate: &RetentionCandidate) {
        let entry = self.entry(action, Some(candidate.participant_id), "retention", None, Some(candidate.unit_id));
        self.audit.push(entry);
    }
}

impl Access {
    /// `/admin/gallring`: the rule, and whose records it would delete today and
    /// why. Looking deletes nothing; each participant listed is an audited read.
    pub async fn retention_overview(&self, ctx: &RequestCtx) -> Result<RetentionOverview, AccessError> {
        let mut work = self.reading(ctx).await?;
        work.authorize_admin(Action::Read, Target::Retention, "retention", None).await?;
        let overview = due_today(&mut work, false).await?;
        for candidate in &overview.candidates {
            work.audit_retention(Action::Read, candidate);
        }
        work.commit().await?;
        Ok(overview)
    }

    /// A new rule: years after the last entry, or `None` to keep the records.
    pub async fn set_retention_years(&self, ctx: &RequestCtx, years: Option<i64>) -> Result<(), AccessError> {
        if years.is_some_and(|y| !valid_years(y)) {
            return Err(AccessError::Invalid { field: "years", message: text::RETENTION_YEARS_INVALID });
        }
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Change, Target::Retention, "retention_rule", None).await?;
        store::set_rule(work.tx()?, years, ctx.actor.account_id(), storage::now()).await?;
        work.commit().await
    }

    /// Deletes the records of exactly the participants the administrator
    /// confirmed, in one transaction, when they are exactly those due now
    /// (else nothing is deleted and the list is to be read again). Returns
    /// how many participants' records were deleted.
    pub async fn apply_retention(&self, ctx: &RequestCtx, confirmed: &[i64]) -> Result<usize, AccessError> {
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Delete, Target::Retention, "retention", None).await?;
        let overview = due_today(&mut work, true).await?;
        let mut due: Vec<i64> = overview.candidates.iter().map(|c| c.participant_id).collect();
        let mut asked = confirmed.to_vec();
        due.sort_unstable();
        asked.sort_unstable();
        asked.dedup();
        if due.is_empty() {
            return Err(AccessError::Invalid { field: "count", message: text::RETENTION_NOTHING_DUE });
        }
        if due != asked {
            return Err(AccessError::Invalid { field: "count", message: text::RETENTION_LIST_CHANGED });
        }
        for candidate in &overview.candidates {
            store::purge(work.tx()?, candidate.participant_id).await?;
            work.audit_retention(Action::Delete, candidate);
        }
        work.commit().await?;
        Ok(overview.candidates.len())
    }
}

impl Access {
    /// `mina-steg retention [--dry-run | --apply N]`: the dry run as lines of
    /// text; with `apply`, deletes when N is the number due (the same check
    /// as the confirmation page). Runs as the system, audited like the page.
    pub async fn retention_command(&self, apply: Option<usize>) -> Result<String, AccessError> {
        let ctx = RequestCtx::system("retention-command");
        let overview = self.retention_overview(&ctx).await?;
        let mut lines = vec![text::rule_sentence(overview.years)];
        lines.extend(overview.candidates.iter().map(text::candidate_line));
        let Some(expected) = apply else {
            lines.push(text::command_due(overview.candidates.len()));
            return Ok(lines.join("\n"));
        };
        if expected != overview.candidates.len() {
            return Err(AccessError::Invalid { field: "count", message: text::COUNT_WRONG });
        }
        let ids: Vec<i64> = overview.candidates.iter().map(|c| c.participant_id).collect();
        let deleted = self.apply_retention(&ctx, &ids).await?;
        lines.push(text::retention_done(deleted));
        Ok(lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_count_whole_years() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(years_after(d("2020-03-15"), 5), Some(d("2025-03-15")));
        assert_eq!(years_after(d("2020-02-29"), 5), Some(d("2025-02-28")));
        assert_eq!(years_before(d("2026-12-02"), 5), Some(d("2021-12-02")));
        assert_eq!(years_after(d("2020-01-01"), -1), None);
        assert!(valid_years(1) && valid_years(100) && !valid_years(0) && !valid_years(101));
    }
}
