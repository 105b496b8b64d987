//! Five years of the audit log: staff opening records, participants and
//! relatives reading their pages, meetings booked, sign-ins. Day by day,
//! oldest first, each row numbered and signed after the one before with the
//! chain's own signer (`storage::audit::ChainTail`), so `mina-steg audit
//! verify` walks the whole log and finds it whole.

use super::load::{Loader, V};
use super::{HISTORY_DAYS, Rng, World, seed_of};
use crate::policy::Section;
use crate::server::Keys;
use crate::server::storage::Tx;
use crate::server::storage::audit::{ChainTail, Content};
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};

/// The office's network, and where participants and relatives read from
/// (documentation ranges: RFC 5737).
const OFFICE: &str = "192.0.2.0/24";
const HOME: &str = "198.51.100.0/24";

/// What the record's overview reads, part by part (as `participant_record` audits it).
const OVERVIEW: [Section; 8] = [
    Section::Record,
    Section::Network,
    Section::Contacts,
    Section::Consents,
    Section::Meetings,
    Section::Plan,
    Section::Programme,
    Section::Ladder,
];
/// What a participant's start page and a relative's view read.
const START_PAGE: [Section; 3] = [Section::Profile, Section::Meetings, Section::Plan];
const RELATIVE_VIEW: [Section; 2] = [Section::Profile, Section::Meetings];

/// One request's rows: one per part read (or one for an event).
struct Look {
    at: DateTime<Utc>,
    actor: i64,
    role: &'static str,
    actor_unit: Option<i64>,
    action: &'static str,
    /// The participant and their unit; `None` for a sign-in.
    subject: Option<(i64, i64)>,
    parts: Parts,
    source: &'static str,
}

/// What a request's rows name: the parts of a record read or written, or the
/// one event (a sign-in, by its kind).
enum Parts {
    Sections(&'static [Section]),
    Event(&'static str),
}

impl Parts {
    fn rows(&self) -> usize {
        match self {
            Parts::Sections(s) => s.len(),
            Parts::Event(_) => 1,
        }
    }

    fn kind(&self, row: usize) -> &'static str {
        match self {
            Parts::Sections(s) => s[row].as_str(),
            Parts::Event(kind) => kind,
        }
    }
}

/// Writes about `target` rows; returns how many.
pub(super) async fn write(tx: &mut Tx, keys: &Keys, world: &World, target: u64) -> Result<u64, sqlx::Error> {
    let mut chain = ChainTail::read(tx).await?;
    let mut l = Loader::open(
        tx,
        "audit_log",
        &[
            "at",
            "actor_account_id",
            "actor_role",
            "action",
            "outcome",
            "subject_participant_id",
            "record_kind",
            "record_id",
            "unit_id",
            "request_id",
            "actor_unit_id",
            "source",
            "session_ref",
            "seq",
            "mac",
        ],
    )
    .await?;
    // Weekends see a third of a weekday's use.
    let first = world.history_start();
    let day_weight = |d: NaiveDate| if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) { 1 } else { 3 };
    let weights: u64 = (0..HISTORY_DAYS).map(|k| day_weight(super::days(first, k))).sum();
    let people = &world.people;
    let mut written = 0u64;
    let mut request = 0u64;
    let mut weight_so_far = 0;
    for k in 0..HISTORY_DAYS {
        let day = super::days(first, k);
        let mut rng = Rng::new(seed_of(5, k as usize));
        // What is due by the end of this day, so rounding never drifts.
        weight_so_far += day_weight(day);
        let due = target * weight_so_far / weights;
        let mut looks: Vec<Look> = Vec::new();
        let mut rows = written;
        let mut tries = 0;
        while rows < due && tries < 50 * (due - written) + 100 {
            tries += 1;
            let p = &people[rng.below(people.len() as u64) as usize];
            if !p.active_on(day) {
                continue;
            }
            let unit = world.unit_of(p).id;
            let consultant = &world.staff[p.consultant];
            let time = |rng: &mut Rng, from: u32, hours: u64| {
                super::at(day, from + rng.below(hours) as u32, rng.below(60) as u32)
                    + chrono::TimeDelta::seconds(rng.below(60) as i64)
            };
            let look = match rng.below(100) {
                0..45 => {
                    let staff = if rng.chance(50) { consultant } else { &world.staff[p.supervisor] };
                    Look {
                        at: time(&mut rng, 8, 9),
                        actor: staff.account,
                        role: "staff",
                        actor_unit: Some(unit),
                        action: "read",
                        subject: Some((p.id, unit)),
                        parts: Parts::Sections(&OVERVIEW),
                        source: OFFICE,
                    }
                }
                45..70 => Look {
                    at: time(&mut rng, 7, 14),
                    actor: p.account,
                    role: "participant",
                    actor_unit: None,
                    action: "read",
                    subject: Some((p.id, unit)),
                    parts: Parts::Sections(&START_PAGE),
                    source: HOME,
                },
                70..80 => match p.relatives.iter().find(|r| r.shares.is_some()) {
                    Some(r) => Look {
                        at: time(&mut rng, 7, 14),
                        actor: r.account,
                        role: "relative",
                        actor_unit: None,
                        action: "read",
                        subject: Some((p.id, unit)),
                        parts: Parts::Sections(&RELATIVE_VIEW),
                        source: HOME,
                    },
                    None => continue,
                },
                80..90 => Look {
                    at: time(&mut rng, 8, 9),
                    actor: consultant.account,
                    role: "staff",
                    actor_unit: Some(unit),
                    action: "create",
                    subject: Some((p.id, unit)),
                    parts: Parts::Sections(&[Section::Meetings]),
                    source: OFFICE,
                },
                n => {
                    let (actor, role, kind, source) = if n < 95 {
                        (p.account, "participant", "sign_in_code", HOME)
                    } else {
                        (consultant.account, "staff", "password", OFFICE)
                    };
                    let actor_unit = (role == "staff").then_some(unit);
                    let parts = Parts::Event(kind);
                    Look {
                        at: time(&mut rng, 7, 12),
                        actor,
                        role,
                        actor_unit,
                        action: "sign_in",
                        subject: None,
                        parts,
                        source,
                    }
                }
            };
            rows += look.parts.rows() as u64;
            looks.push(look);
        }
        // In time order, as the log was written.
        looks.sort_by_key(|l| l.at);
        for look in &looks {
            request += 1;
            let request_id = format!("n{request:09}");
            // A keyed hash of a session id, as the app stores one: the same person's session that day.
            let session_ref = keys.keyed_hash("session", &format!("{}:{}", look.actor, k));
            for row in 0..look.parts.rows() {
                let content = Content {
                    at: look.at,
                    actor_account_id: Some(look.actor),
                    actor_role: look.role,
                    action: look.action,
                    outcome: "allowed",
                    subject_participant_id: look.subject.map(|(p, _)| p),
                    record_kind: look.parts.kind(row),
                    record_id: None,
                    unit_id: look.subject.map(|(_, u)| u),
                    request_id: &request_id,
                    actor_unit_id: look.actor_unit,
                    source: Some(look.source),
                    session_ref: Some(&session_ref),
                    detail: None,
                };
                let (seq, mac) = chain.sign(keys, &content);
                l.row(&[
                    content.at.into(),
                    content.actor_account_id.into(),
                    content.actor_role.into(),
                    content.action.into(),
                    content.outcome.into(),
                    content.subject_participant_id.into(),
                    content.record_kind.into(),
                    V::Null,
                    content.unit_id.into(),
                    V::Text(&request_id),
                    content.actor_unit_id.into(),
                    content.source.into(),
                    V::Text(&session_ref),
                    seq.into(),
                    V::Text(&mac),
                ])
                .await?;
                written += 1;
            }
        }
    }
    l.finish().await?;
    Ok(written)
}
