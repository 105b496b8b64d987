//! The audit log, followed up and shown back.
//!
//! - The log follow-up (IMY's "logguppföljning"): the enhetschef searches their
//!   own unit's rows, the dataskyddsombud every unit's, by participant, by who
//!   did it, by period and by action, with flags for unusual access, and
//!   exports the result as CSV. Every look is itself a row of the log
//!   (`audit_log`, naming each participant the search named).
//! - "Vem har tittat på mina uppgifter?": the participant (or a relative whose
//!   consent shares it) sees who read or changed their data, in easy words.

use super::{Access, AccessError, RequestCtx, Want, Work};
use crate::domain::{StaffRole, parse_iso_date};
use crate::models::{
    LogActionFilter, LogActorKind, LogFlag, LogPage, LogQuery, LogRow, LookEntry, LookerRole, WhoLooked,
};
use crate::policy::{self, Action, Actor, Section, Target};
use crate::server::storage::{audit::NewAuditEntry, log as store};
use crate::texts::log as text;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Stockholm;

/// With "only unusual", rows looked through for one page at most (the rest on the next).
const SCAN_ROWS: usize = 5000;
/// Rows read at a time while looking through.
const BATCH_ROWS: usize = 500;
/// A search by name names at most this many participants (and their rows).
const MAX_NAMED: usize = 50;
/// "Vem har tittat?" goes this many months back.
pub const LOOK_MONTHS: u32 = 6;

/// Proof that following up the log was authorized: the rows of one unit, or
/// (`None`) of the whole municipality. Only [`Work::authorize_log`] makes one;
/// the storage functions of the log take it.
#[derive(Debug)]
pub(crate) struct LogScope {
    unit_id: Option<i64>,
}

impl LogScope {
    pub(crate) fn unit_id(&self) -> Option<i64> {
        self.unit_id
    }
}

impl Work<'_> {
    /// Asks the policy whether the asker follows up the log, and of which unit.
    /// A refusal is audited on its own; an allowed look is audited by
    /// [`Work::note_look`] once the search has named its participants.
    async fn authorize_log(&mut self, action: Action) -> Result<LogScope, AccessError> {
        let unit_id = match self.ctx.actor {
            Actor::Staff { unit_id, .. } => Some(unit_id),
            _ => None,
        };
        match policy::decide(&self.ctx.actor, action, &Target::AuditLog { unit_id }) {
            Ok(()) => Ok(LogScope { unit_id }),
            Err(policy::Denied(reason)) => {
                tracing::warn!(reason, action = action.as_str(), record = "audit_log", "access denied");
                let entry = self.entry(action, None, "audit_log", None, unit_id);
                self.record_denial(entry).await?;
                Err(AccessError::Denied)
            }
        }
    }

    /// One row per participant the search named (a search for a person is a
    /// look at that person's data), or one row when it named none.
    fn note_look(&mut self, action: Action, scope: &LogScope, participants: &[i64]) {
        if participants.is_empty() {
            let entry = self.entry(action, None, "audit_log", None, scope.unit_id);
            self.audit.push(entry);
        }
        for &id in participants {
            let entry = self.entry(action, Some(id), "audit_log", None, scope.unit_id);
            self.audit.push(entry);
        }
    }

    /// The demo's history (`demo-data`): rows with their own times and actors,
    /// written in this work's transaction before its own rows, through the
    /// same chained insert as every row.
    pub(crate) fn queue_history(&mut self, entries: Vec<NewAuditEntry>) {
        let own = std::mem::take(&mut self.audit);
        self.audit = entries;
        self.audit.extend(own);
    }
}

/// A search, parsed.
struct Parsed {
    participant: String,
    participant_id: Option<i64>,
    staff: String,
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    action: Option<LogActionFilter>,
    unusual: bool,
    after: Option<(DateTime<Utc>, i64)>,
}

/// Midnight at the start of `day`, Swedish time, as UTC.
fn start_of(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    Stockholm.from_local_datetime(&midnight).earliest().map(|t| t.to_utc()).unwrap_or_else(|| midnight.and_utc())
}

/// What is wrong with a search: (field, message).
type Problems = Vec<(&'static str, &'static str)>;

/// The search form's text, checked: bad dates and actions are named by field.
fn parse(search: &LogQuery) -> Result<Parsed, Problems> {
    let mut errors = Vec::new();
    let mut date = |field: &'static str, value: &str| -> Option<NaiveDate> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match parse_iso_date(value) {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push((field, text::DATE_INVALID));
                None
            }
        }
    };
    let from = date("from", &search.from);
    let until = date("until", &search.until);
    if let (Some(f), Some(u)) = (from, until)
        && u < f
    {
        errors.push(("until", text::UNTIL_BEFORE_FROM));
    }
    let action = match search.action.trim() {
        "" => None,
        code => match LogActionFilter::parse(code) {
            Some(a) => Some(a),
            None => {
                errors.push(("action", text::ACTION_INVALID));
                None
            }
        },
    };
    let clip = |s: &str| s.trim().chars().take(100).collect::<String>();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Parsed {
        participant: clip(&search.participant),
        participant_id: search.participant_id,
        staff: clip(&search.staff),
        from: from.map(start_of),
        until: until.map(|d| start_of(d + chrono::Days::new(1))),
        action,
        unusual: search.unusual,
        after: parse_cursor(&search.after),
    })
}

/// `2026-12-03T22:10:00+00:00~123`: the last row of a page. Made by
/// [`cursor`]; anything else starts from the newest row.
fn parse_cursor(s: &str) -> Option<(DateTime<Utc>, i64)> {
    let (at, id) = s.split_once('~')?;
    Some((DateTime::parse_from_rfc3339(at).ok()?.to_utc(), id.parse().ok()?))
}

fn cursor(row: &store::LogRowData) -> String {
    format!("{}~{}", row.at.to_rfc3339(), row.id)
}

/// The SQL condition each action filter stands for (fixed text, never input).
fn action_sql(action: LogActionFilter) -> &'static str {
    match action {
        LogActionFilter::Read => "l.action = 'read'",
        LogActionFilter::Change => "l.action IN ('create', 'change', 'delete')",
        LogActionFilter::Export => "l.action = 'export'",
        LogActionFilter::SignIn => "l.action IN ('sign_in', 'sign_out')",
        LogActionFilter::Denied => "l.outcome = 'denied'",
    }
}

/// Lower-case "contains", for Swedish names (å, ä, ö included).
fn name_matches(name: &str, wanted: &str) -> bool {
    name.to_lowercase().contains(&wanted.to_lowercase())
}

/// What a search found, before the rows are read.
struct Narrowed {
    criteria: store::Criteria,
    /// The participants the search named (id, name).
    named: Vec<(i64, String)>,
    /// Staff id of the one following up, for skyddade personuppgifter.
    asker_staff: Option<i64>,
}

async fn narrow(work: &mut Work<'_>, scope: &LogScope, p: &Parsed) -> Result<Narrowed, AccessError> {
    let asker_staff = match work.ctx.actor {
        Actor::Staff { staff_id, .. }
        | Actor::DataProtectionOfficer { staff_id, .. }
        | Actor::SteeringGroup { staff_id, .. } => Some(staff_id),
        _ => None,
    };
    let mut criteria = store::Criteria {
        from: p.from,
        until: p.until,
        action_sql: p.action.map(action_sql),
        before: p.after,
        ..Default::default()
    };
    let mut named = Vec::new();
    if p.participant_id.is_some() || !p.participant.is_empty() {
        let candidates = store::participants_in_scope(work.tx()?, scope, asker_staff).await?;
        named = candidates
            .into_iter()
            .filter(|c| match p.participant_id {
                Some(id) => c.id == id,
                None => name_matches(&c.name, &p.participant),
            })
            .take(MAX_NAMED)
            .map(|c| (c.id, c.name))
            .collect();
        criteria.subjects = Some(named.iter().map(|(id, _)| *id).collect());
    }
    if !p.staff.is_empty() {
        let accounts = store::named_accounts(work.tx()?, scope).await?;
        criteria.actors =
            Some(accounts.into_iter().filter(|a| name_matches(&a.name, &p.staff)).map(|a| a.id).collect());
    }
    Ok(Narrowed { criteria, named, asker_staff })
}

/// Why each row deserves a second look.
async fn flags_of(
    work: &mut Work<'_>,
    scope: &LogScope,
    rows: &[store::LogRowData],
) -> Result<Vec<Vec<LogFlag>>, AccessError> {
    // Staff opening a participant's data: not a list of names, not a look at the log.
    let opens = |r: &store::LogRowData| {
        r.actor_staff_id.is_some()
            && r.subject_participant_id.is_some()
            && !store::LIST_KINDS.contains(&r.record_kind.as_str())
            && r.record_kind != "audit_log"
    };
    let mut subjects: Vec<i64> = rows.iter().filter_map(|r| r.subject_participant_id).collect();
    subjects.sort_unstable();
    subjects.dedup();
    let spans = store::contact_spans(work.tx()?, scope, &subjects).await?;

    // Many records: for each person, the windows around their rows on this page.
    let window = Duration::minutes(LogFlag::MANY_RECORDS_MINUTES);
    let mut reads: std::collections::HashMap<i64, Vec<(DateTime<Utc>, i64)>> = Default::default();
    let mut actors: Vec<i64> =
        rows.iter().filter(|r| opens(r) && r.action == "read").filter_map(|r| r.actor_account_id).collect();
    actors.sort_unstable();
    actors.dedup();
    for actor in actors {
        let mut times: Vec<DateTime<Utc>> = rows
            .iter()
            .filter(|r| opens(r) && r.action == "read" && r.actor_account_id == Some(actor))
            .map(|r| r.at)
            .collect();
        times.sort_unstable();
        // Rows close in time share one query; a gap starts another.
        let mut start = 0;
        for k in 0..times.len() {
            let last = k + 1 == times.len() || times[k + 1] - times[k] > window * 2;
            if last {
                let found =
                    store::reads_between(work.tx()?, scope, actor, times[start] - window, times[k] + window).await?;
                reads.entry(actor).or_default().extend(found);
                start = k + 1;
            }
        }
    }

    Ok(rows
        .iter()
        .map(|r| {
            let mut flags = Vec::new();
            let local = r.at.with_timezone(&Stockholm);
            if opens(r) {
                let day = local.date_naive();
                let contact = spans.iter().any(|(p, s, since, until)| {
                    Some(*p) == r.subject_participant_id
                        && Some(*s) == r.actor_staff_id
                        && *since <= day
                        && until.is_none_or(|u| u > day)
                });
                if !contact {
                    flags.push(LogFlag::NotContactPerson);
                }
                if r.action == "read"
                    && let Some(found) = r.actor_account_id.and_then(|a| reads.get(&a))
                {
                    let mut near: Vec<i64> =
                        found.iter().filter(|(at, _)| (*at - r.at).abs() <= window).map(|(_, p)| *p).collect();
                    near.sort_unstable();
                    near.dedup();
                    if near.len() >= LogFlag::MANY_RECORDS {
                        flags.push(LogFlag::ManyRecords);
                    }
                }
                if local.hour() >= LogFlag::NIGHT_FROM_HOUR || local.hour() < LogFlag::NIGHT_UNTIL_HOUR {
                    flags.push(LogFlag::Night);
                }
            }
            let own = r.actor_participant_id.is_some() && r.actor_participant_id == r.subject_participant_id;
            if r.subject_protected == Some(true) && !own {
                flags.push(LogFlag::ProtectedIdentity);
            }
            flags
        })
        .collect())
}

/// A row as the follow-up shows it; names the one following up may not see
/// (skyddade personuppgifter) are left out.
fn log_row(r: store::LogRowData, flags: Vec<LogFlag>, shielded: &[i64]) -> LogRow {
    let hidden = |id: Option<i64>| id.is_some_and(|id| shielded.contains(&id));
    let actor = match (r.actor_staff_role, r.actor_role.as_str()) {
        (Some(role), _) => LogActorKind::Staff(role),
        (None, "participant") => LogActorKind::Participant,
        (None, "relative") => LogActorKind::Relative,
        (None, "system") => LogActorKind::System,
        _ => LogActorKind::Anonymous,
    };
    let actor_name = if hidden(r.actor_participant_id) { None } else { r.actor_name };
    let subject = r.subject_participant_id.map(|id| (id, if hidden(Some(id)) { None } else { r.subject_name }));
    LogRow {
        id: r.id,
        at: r.at,
        actor_name,
        actor,
        actor_unit: r.actor_unit_name,
        action: r.action,
        denied: r.outcome == "denied",
        record_kind: r.record_kind,
        record_id: r.record_id,
        subject,
        unit: r.unit_name,
        source: r.source,
        detail: r.detail,
        request_id: r.request_id,
        flags,
    }
}

/// Reads rows after the search's cursor: a page, or with "only unusual" the
/// flagged rows among up to `scan` rows. Returns the rows, the cursor of the
/// next page (if any) and how many rows were looked through.
async fn collect(
    work: &mut Work<'_>,
    scope: &LogScope,
    narrowed: &mut Narrowed,
    unusual: bool,
    want: usize,
    scan: usize,
) -> Result<(Vec<LogRow>, Option<String>, usize), AccessError> {
    let mut out: Vec<LogRow> = Vec::new();
    let mut scanned = 0;
    loop {
        let batch = if unusual { BATCH_ROWS } else { (want - out.len()).min(BATCH_ROWS) };
        // One more than asked: whether another page follows.
        let mut rows = store::search(work.tx()?, scope, &narrowed.criteria, (batch + 1) as i64).await?;
        let more = rows.len() > batch;
        rows.truncate(batch);
        let Some(last) = rows.last() else { return Ok((out, None, scanned)) };
        let last_scanned = cursor(last);
        let flags = flags_of(work, scope, &rows).await?;
        let shielded = if scope.unit_id.is_some() {
            let mut ids: Vec<i64> = rows.iter().filter_map(|r| r.subject_participant_id).collect();
            ids.extend(rows.iter().filter_map(|r| r.actor_participant_id));
            ids.sort_unstable();
            ids.dedup();
            store::shielded_among(work.tx()?, scope, &ids, narrowed.asker_staff).await?
        } else {
            Vec::new()
        };
        let count = rows.len();
        for (k, (row, flags)) in rows.into_iter().zip(flags).enumerate() {
            scanned += 1;
            if unusual && flags.is_empty() {
                continue;
            }
            let at = cursor(&row);
            out.push(log_row(row, flags, &shielded));
            if out.len() == want {
                // The next page starts after the last row shown, if any follows it.
                let follows = more || k + 1 < count;
                return Ok((out, follows.then_some(at), scanned));
            }
        }
        if !more {
            return Ok((out, None, scanned));
        }
        if scanned >= scan {
            return Ok((out, Some(last_scanned), scanned));
        }
        narrowed.criteria.before = parse_cursor(&last_scanned);
    }
}

impl Access {
    /// `/personal/logg`: one page of the log follow-up. Bad input comes back
    /// as messages by field, with no rows; the look is audited either way.
    pub async fn log_search(&self, ctx: &RequestCtx, search: &LogQuery) -> Result<LogPage, AccessError> {
        let mut work = self.reading(ctx).await?;
        let scope = work.authorize_log(Action::Read).await?;
        let unit_name = unit_name(&mut work, &scope).await?;
        let mut page = LogPage {
            unit_name,
            search: search.clone(),
            errors: Vec::new(),
            participants: Vec::new(),
            rows: Vec::new(),
            next: None,
            scanned: 0,
        };
        let parsed = match parse(search) {
            Ok(parsed) => parsed,
            Err(errors) => {
                work.note_look(Action::Read, &scope, &[]);
                work.commit().await?;
                page.errors = errors.into_iter().map(|(f, m)| (f.to_owned(), m.to_owned())).collect();
                return Ok(page);
            }
        };
        let mut narrowed = narrow(&mut work, &scope, &parsed).await?;
        let ids: Vec<i64> = narrowed.named.iter().map(|(id, _)| *id).collect();
        work.note_look(Action::Read, &scope, &ids);
        let scan = if parsed.unusual { SCAN_ROWS } else { LogPage::ROWS };
        let (rows, next, scanned) =
            collect(&mut work, &scope, &mut narrowed, parsed.unusual, LogPage::ROWS, scan).await?;
        work.commit().await?;
        page.participants = narrowed.named;
        page.rows = rows;
        page.next = next;
        page.scanned = scanned;
        Ok(page)
    }

    /// The whole search (newest first, at most [`LogPage::EXPORT_ROWS`] rows) for a CSV
    /// file: audited as an export of the log. Bad input is refused by field.
    pub async fn log_export(&self, ctx: &RequestCtx, search: &LogQuery) -> Result<Vec<LogRow>, AccessError> {
        let mut work = self.reading(ctx).await?;
        let scope = work.authorize_log(Action::Export).await?;
        let mut parsed = match parse(search) {
            Ok(parsed) => parsed,
            Err(errors) => {
                let (field, message) = errors.first().copied().unwrap_or(("from", text::DATE_INVALID));
                return Err(AccessError::Invalid { field, message });
            }
        };
        // An export starts from the newest row, whatever page was on the screen.
        parsed.after = None;
        let mut narrowed = narrow(&mut work, &scope, &parsed).await?;
        let ids: Vec<i64> = narrowed.named.iter().map(|(id, _)| *id).collect();
        work.note_look(Action::Export, &scope, &ids);
        let scan = if parsed.unusual { SCAN_ROWS * 10 } else { LogPage::EXPORT_ROWS };
        let (rows, _, _) =
            collect(&mut work, &scope, &mut narrowed, parsed.unusual, LogPage::EXPORT_ROWS, scan).await?;
        work.commit().await?;
        Ok(rows)
    }

    /// "Vem har tittat på mina uppgifter?": who read or changed the
    /// participant's data in the last months, one line a person a day.
    pub async fn who_looked(&self, ctx: &RequestCtx, participant_id: i64) -> Result<WhoLooked, AccessError> {
        let mut work = self.reading(ctx).await?;
        let want = Want::Participant { participant_id, section: Section::AccessLog, record_id: None };
        let permit = work.authorize(Action::Read, want).await?;
        let participant = permit.participant()?;
        let since = Utc::now() - Duration::days(i64::from(LOOK_MONTHS) * 366 / 12);
        let rows = store::looks_at(work.tx()?, participant, since).await?;
        let in_lists = store::seen_in_lists(work.tx()?, participant, since).await?;
        let contacts = store::staff_contacts(work.tx()?, participant).await?;
        let relatives = store::relative_kinds(work.tx()?, participant).await?;
        work.commit().await?;

        let mut entries: Vec<(i64, NaiveDate, LookEntry)> = Vec::new();
        for row in rows {
            let day = row.at.with_timezone(&Stockholm).date_naive();
            let who = match (row.staff_id, row.staff_role, row.relative_id) {
                (Some(staff), Some(role), _) if contacts.iter().any(|(s, _)| *s == staff) => {
                    LookerRole::ContactPerson(role)
                }
                (Some(_), Some(StaffRole::UnitManager), _) => LookerRole::Manager,
                (Some(_), Some(StaffRole::DataProtectionOfficer), _) => LookerRole::Officer,
                (Some(_), _, _) => LookerRole::Staff,
                (None, _, Some(relative)) => LookerRole::Relative(
                    relatives
                        .iter()
                        .find(|(r, _)| *r == relative)
                        .map_or(crate::domain::RelationKind::OtherRelative, |(_, k)| *k),
                ),
                _ => continue,
            };
            let name = row.staff_name.or(row.relative_name).unwrap_or_default();
            let changed = matches!(row.action.as_str(), "create" | "change" | "delete");
            let index = match entries.iter().position(|(a, d, _)| *a == row.actor_account_id && *d == day) {
                Some(i) => i,
                None => {
                    let entry = LookEntry { at: row.at, name, who, read: vec![], changed: vec![] };
                    entries.push((row.actor_account_id, day, entry));
                    entries.len() - 1
                }
            };
            let entry = &mut entries[index].2;
            // Rows come newest first: the earliest time of the day is the last seen.
            entry.at = entry.at.min(row.at);
            let list = if changed { &mut entry.changed } else { &mut entry.read };
            if !list.contains(&row.record_kind) {
                list.insert(0, row.record_kind);
            }
        }
        Ok(WhoLooked {
            participant_id,
            entries: entries.into_iter().map(|(_, _, e)| e).collect(),
            in_lists,
            months: LOOK_MONTHS,
        })
    }
}

async fn unit_name(work: &mut Work<'_>, scope: &LogScope) -> Result<Option<String>, AccessError> {
    Ok(store::unit_name(work.tx()?, scope).await?)
}
