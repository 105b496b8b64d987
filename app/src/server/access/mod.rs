//! The access layer: the only door to personal data.
//!
//! A use-case opens a [`Work`] (one transaction), asks it to [`Work::authorize`]
//! an action on a target, and gets a [`Permit`] back. Authorizing asks the
//! policy and writes the audit row in the same transaction; a refusal is rolled
//! back and its audit row written and committed on its own, so refusals are
//! always on record. Storage functions that return a participant's data take the
//! permit, and read the participant id *from it*, so no code path can read a
//! record that was not authorized and audited.

pub mod admin;
pub mod audit_chain;
mod audit_queue;
pub mod auth;
pub mod extract;
pub mod factors;
pub mod follow_up;
pub mod intake;
pub mod log;
pub mod participant;
pub mod passkeys;
pub mod programme;
pub mod record;
pub mod reminders;
pub mod retention;
pub mod staff;
pub mod sus;
pub mod system;

use crate::policy::{self, Action, Actor, Section, Target};
use crate::server::storage::{self, Store, Tx, audit::NewAuditEntry};

/// The access layer, shared by every request.
#[derive(Clone, Debug)]
pub struct Access {
    store: Store,
    keys: std::sync::Arc<crate::server::Keys>,
    /// The audit rows of reads, committed together (see `audit_queue`).
    audit_queue: std::sync::Arc<audit_queue::AuditQueue>,
    /// Room kept on a SQLite database's disk for reads (see `DiskReserve`).
    reserve: Option<std::sync::Arc<storage::reserve::DiskReserve>>,
}

/// Who asks, and which request it is (for the audit log and error pages).
#[derive(Clone, Debug)]
pub struct RequestCtx {
    pub actor: Actor,
    pub request_id: String,
    /// Where the request came from, as the audit log writes it.
    pub origin: Origin,
}

/// Where a request came from, in the form the audit log keeps: enough to tell
/// in an investigation which network and which session a row belongs to, and
/// not the client's exact address or anything that could sign anyone in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The client's network: an IPv4 address's /24, an IPv6 address's /48.
    pub source: Option<String>,
    /// A keyed hash of the session id (`Keys::keyed_hash("session", ..)`).
    pub session_ref: Option<String>,
}

impl Origin {
    /// The network the audit log names for a client address. Truncated rather
    /// than hashed: whoever follows up the log reads it without the server
    /// secret (which a keyed hash would need even to compare it with a known
    /// address), it says what an investigation asks — the municipality's own
    /// network, a mobile operator, abroad —, and it no longer points at one
    /// home; it stays the same when the server secret is replaced.
    pub fn network(ip: std::net::IpAddr) -> String {
        use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
        match ip.to_canonical() {
            IpAddr::V4(v4) => format!("{}/24", Ipv4Addr::from(v4.to_bits() & !0xff)),
            IpAddr::V6(v6) => format!("{}/48", Ipv6Addr::from(v6.to_bits() & !((1u128 << 80) - 1))),
        }
    }
}

impl RequestCtx {
    /// The command line and the server's own bookkeeping: no client.
    pub fn system(request_id: impl Into<String>) -> Self {
        RequestCtx { actor: Actor::System, request_id: request_id.into(), origin: Origin::default() }
    }

    /// The same request, done as `actor` (a sign-in runs as nobody until it
    /// succeeds, whoever the session held before).
    pub fn as_actor(&self, actor: Actor) -> Self {
        RequestCtx { actor, ..self.clone() }
    }
}

/// The unit an actor works in: staff, and an administrator placed in a unit
/// (who works there like its staff). For the audit log's `actor_unit_id` and
/// for every page about "my unit".
pub(crate) fn own_unit(actor: &Actor) -> Option<i64> {
    match *actor {
        Actor::Staff { unit_id, .. } => Some(unit_id),
        Actor::Admin { unit_id, .. } => unit_id,
        _ => None,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    #[error("access denied")]
    Denied,
    #[error("not found")]
    NotFound,
    /// Bad input, with the Swedish message to show next to the field.
    #[error("invalid input")]
    Invalid { field: &'static str, message: &'static str },
    #[error("too many attempts")]
    RateLimited,
    /// Many failed attempts for this account from elsewhere: it waits a little.
    #[error("attempts for this account are slowed down")]
    TryAgainSoon,
    /// Every password-hashing slot is taken.
    #[error("too many sign-ins at once")]
    Busy,
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// The audit rows of a read could not be committed: the read is not answered.
    #[error("audit rows not written: {0}")]
    AuditNotWritten(String),
    /// The database's disk is full: changes are refused until there is room.
    #[error("no room on the database's disk")]
    StorageFull,
    /// A stored value the code cannot read (the column is named, never the value).
    #[error("stored data cannot be read: {0}")]
    Corrupt(&'static str),
}

/// Proof that an action on a target was authorized and audited.
/// Only [`Work::authorize`] makes one.
#[derive(Debug)]
pub(crate) struct Permit {
    participant_id: Option<i64>,
    unit_id: Option<i64>,
    action: Action,
    /// The record the permit was asked for, if one was named.
    record_id: Option<i64>,
    /// Its audit row among the work's queued rows.
    audit_row: Option<usize>,
}

impl Permit {
    pub(crate) fn participant_id(&self) -> Result<i64, AccessError> {
        self.participant_id.ok_or(AccessError::Denied)
    }

    /// The participant this permit is for, in the only form storage reads accept.
    pub(crate) fn participant(&self) -> Result<Permitted, AccessError> {
        self.participant_id.map(Permitted).ok_or(AccessError::Denied)
    }

    /// The unit this permit is for, in the only form storage reads accept.
    pub(crate) fn unit(&self) -> Result<PermittedUnit, AccessError> {
        self.unit_id.map(PermittedUnit).ok_or(AccessError::Denied)
    }
}

/// A participant id vouched for by a [`Permit`]. Its field is private to this
/// module, so storage functions that take one cannot be called without a permit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Permitted(i64);

impl Permitted {
    pub(crate) fn id(self) -> i64 {
        self.0
    }
}

/// A unit id vouched for by a [`Permit`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct PermittedUnit(i64);

impl PermittedUnit {
    pub(crate) fn id(self) -> i64 {
        self.0
    }
}

/// What a use-case asks for, before the facts are looked up.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Want {
    Participant {
        participant_id: i64,
        section: Section,
        record_id: Option<i64>,
    },
    /// Something of a whole unit (its roster, its programme); `None` when the
    /// actor belongs to no unit.
    Unit {
        unit_id: Option<i64>,
        record_kind: &'static str,
        record_id: Option<i64>,
    },
}

/// One unit of work: a transaction plus who does it.
///
/// The facts the policy decides on are read once per unit of work and kept:
/// a page that authorizes four sections of one participant looks up the
/// participant's unit, and a relative's links and consents, once. The audit
/// rows of the permits are written together just before the commit, in the
/// same transaction, so a page costs one insert however many parts it shows.
pub(crate) struct Work<'a> {
    tx: Option<Tx>,
    /// Whether `tx` is a write transaction. A write's audit rows go in its
    /// own transaction; a read's (its transaction may not write) go through
    /// the access layer's audit queue once it is closed.
    writes: bool,
    ctx: &'a RequestCtx,
    store: &'a Store,
    keys: &'a std::sync::Arc<crate::server::Keys>,
    audit_queue: &'a audit_queue::AuditQueue,
    /// Per participant: their unit, and whether they are shielded from the asker.
    units: std::collections::HashMap<i64, Option<(i64, bool)>>,
    relative: Option<RelativeFacts>,
    audit: Vec<NewAuditEntry>,
}

/// What one relative may see today: whom they are linked to, and what each of
/// those participants' consents in force share with them.
#[derive(Debug, Default)]
struct RelativeFacts {
    linked: Vec<i64>,
    shares: std::collections::HashMap<i64, Vec<Section>>,
}

impl Access {
    pub fn new(store: Store, keys: crate::server::Keys) -> Self {
        Access { store, keys: std::sync::Arc::new(keys), audit_queue: Default::default(), reserve: None }
    }

    /// Keeps room on the database's disk for reads (a SQLite file; see `DiskReserve`).
    pub fn with_disk_reserve(mut self, reserve: std::sync::Arc<storage::reserve::DiskReserve>) -> Self {
        self.reserve = Some(reserve);
        self
    }

    /// A change failed for want of room: give the reserve to reads, refuse changes.
    pub fn disk_is_full(&self) {
        if let Some(reserve) = &self.reserve {
            reserve.release();
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn keys(&self) -> &crate::server::Keys {
        &self.keys
    }

    pub(crate) async fn work<'a>(&'a self, ctx: &'a RequestCtx) -> Result<Work<'a>, AccessError> {
        // On a full disk the room left is for reads' audit rows.
        if self.reserve.as_ref().is_some_and(|r| r.is_released()) {
            return Err(AccessError::StorageFull);
        }
        Ok(Work::new(self.store.begin().await?, true, ctx, self))
    }

    /// A unit of work that only reads: a page, a list, a file to download.
    /// It runs beside others (on SQLite on a reading connection, without the
    /// write lock) and may not write; the rows that audit it are committed by
    /// the audit queue, with other reads' rows, before `commit` returns.
    pub(crate) async fn reading<'a>(&'a self, ctx: &'a RequestCtx) -> Result<Work<'a>, AccessError> {
        Ok(Work::new(self.store.begin_read().await?, false, ctx, self))
    }
}

impl<'a> Work<'a> {
    fn new(tx: Tx, writes: bool, ctx: &'a RequestCtx, access: &'a Access) -> Self {
        Work {
            tx: Some(tx),
            writes,
            ctx,
            store: &access.store,
            keys: &access.keys,
            audit_queue: &access.audit_queue,
            units: Default::default(),
            relative: None,
            audit: Vec::new(),
        }
    }

    /// The open transaction. After a refusal the work is closed: nothing more runs in it.
    pub(crate) fn tx(&mut self) -> Result<&mut Tx, AccessError> {
        self.tx.as_mut().ok_or(AccessError::Denied)
    }

    /// Ends the work. A write commits its change and its audit rows together;
    /// a read closes its transaction first (so its connection serves others
    /// meanwhile), then waits until its audit rows are committed: what it read
    /// is returned only once the log says it was read.
    pub(crate) async fn commit(mut self) -> Result<(), AccessError> {
        let entries = std::mem::take(&mut self.audit);
        if self.writes {
            let keys = self.keys;
            storage::audit::insert_all(self.tx()?, keys, &entries).await?;
        }
        if let Some(tx) = self.tx.take() {
            tx.commit().await?;
        }
        if !self.writes {
            self.audit_queue.write(self.store, self.keys, entries).await.map_err(AccessError::AuditNotWritten)?;
        }
        Ok(())
    }

    /// Asks the policy, writes the audit row, and returns a permit or `Denied`.
    pub(crate) async fn authorize(&mut self, action: Action, want: Want) -> Result<Permit, AccessError> {
        let actor = self.ctx.actor;
        let (decision, entry) = match want {
            Want::Participant { participant_id, section, record_id } => {
                self.participant_decision(action, participant_id, section, record_id).await?
            }
            Want::Unit { unit_id, record_kind, record_id } => {
                let decision = match unit_id {
                    Some(unit_id) => policy::decide(&actor, action, &Target::Unit { unit_id }),
                    None => Err(policy::Denied("belongs to no unit")),
                };
                let permit = Permit { participant_id: None, unit_id, action, record_id, audit_row: None };
                (decision.map(|_| permit), self.entry(action, None, record_kind, record_id, unit_id))
            }
        };
        match decision {
            Ok(permit) => {
                self.audit.push(entry);
                Ok(Permit { audit_row: Some(self.audit.len() - 1), ..permit })
            }
            Err(policy::Denied(reason)) => {
                tracing::warn!(reason, action = action.as_str(), record = entry.record_kind, "access denied");
                self.record_denial(entry).await?;
                Err(AccessError::Denied)
            }
        }
    }

    /// Like [`Work::authorize`], for a part of a page that a viewer may lack:
    /// a refusal is audited in this same transaction and yields `None`. A
    /// part the participant's consent does not share with the asking relative
    /// is left out without a row: the page never offers it, so nothing was
    /// refused, and a "denied" row on every view would bury real refusals.
    pub(crate) async fn authorize_part(&mut self, action: Action, want: Want) -> Result<Option<Permit>, AccessError> {
        let Want::Participant { participant_id, section, record_id } = want else {
            return self.authorize(action, want).await.map(Some);
        };
        let (decision, entry) = self.participant_decision(action, participant_id, section, record_id).await?;
        match decision {
            Ok(permit) => {
                self.audit.push(entry);
                Ok(Some(Permit { audit_row: Some(self.audit.len() - 1), ..permit }))
            }
            Err(_) => {
                let unshared = action == Action::Read
                    && matches!(self.relative_shares(participant_id).await?, Some(shared) if !shared.contains(&section));
                if !unshared {
                    self.audit.push(NewAuditEntry { outcome: "denied", ..entry });
                }
                Ok(None)
            }
        }
    }

    /// Names the record a permitted action made or touched (a new meeting,
    /// the consent withdrawn) in the permit's audit row, which is written at
    /// commit: an id that exists only after the write still goes in.
    pub(crate) fn names(&mut self, permit: &Permit, record_id: i64) {
        if let Some(entry) = permit.audit_row.and_then(|i| self.audit.get_mut(i)) {
            entry.record_id = Some(record_id);
        }
    }

    /// One more row under a permit, for a record the action made beside the
    /// one it names (the sign-in code made for an account).
    pub(crate) fn also_names(&mut self, permit: &Permit, record_kind: &'static str, record_id: i64) {
        let entry = self.entry(permit.action, permit.participant_id, record_kind, Some(record_id), permit.unit_id);
        self.audit.push(entry);
    }

    /// Looks up the facts about one participant and asks the policy.
    async fn participant_decision(
        &mut self,
        action: Action,
        participant_id: i64,
        section: Section,
        record_id: Option<i64>,
    ) -> Result<(Result<Permit, policy::Denied>, NewAuditEntry), AccessError> {
        let actor = self.ctx.actor;
        let facts = self.unit_of(participant_id).await?;
        let unit = facts.map(|(unit_id, _)| unit_id);
        let shared = match unit {
            Some(_) => self.relative_shares(participant_id).await?,
            None => None,
        };
        let decision = match facts {
            // An unknown id is refused like a forbidden one: no probing for ids.
            None => Err(policy::Denied("no such participant")),
            Some((unit_id, shielded)) => policy::decide(
                &actor,
                action,
                &Target::Participant { participant_id, unit_id, section, relative_link: shared.as_deref(), shielded },
            ),
        };
        let permit = Permit { participant_id: Some(participant_id), unit_id: unit, action, record_id, audit_row: None };
        let entry = self.entry(action, Some(participant_id), section.as_str(), record_id, unit);
        Ok((decision.map(|_| permit), entry))
    }

    /// Refuses after a permit was given (for example: the relative named is not
    /// linked to this participant). Rolls back, audits the refusal, and answers
    /// `Denied`, the same as any refusal, so ids cannot be probed.
    pub(crate) async fn refuse(&mut self, permit: Permit, record_kind: &'static str) -> AccessError {
        let record_id = permit.record_id;
        self.refuse_naming(permit, record_kind, record_id, AccessError::Denied).await
    }

    /// Refuses what a request named once its permit was given — another
    /// participant's consent or contact person, someone outside the
    /// participant's network —: rolls back, audits the refusal with the record
    /// named, and answers `answer` (for a form, the Swedish message to show
    /// next to the field, the same whether the record is someone else's or
    /// does not exist).
    pub(crate) async fn refuse_naming(
        &mut self,
        permit: Permit,
        record_kind: &'static str,
        record_id: Option<i64>,
        answer: AccessError,
    ) -> AccessError {
        let entry = self.entry(permit.action, permit.participant_id, record_kind, record_id, permit.unit_id);
        match self.record_denial(entry).await {
            Ok(()) => answer,
            Err(e) => e,
        }
    }

    /// Refuses a request for a record that does not exist, audited like any
    /// other refusal (so ids cannot be probed).
    pub(crate) async fn refuse_unknown(
        &mut self,
        action: Action,
        record_kind: &'static str,
        record_id: i64,
    ) -> AccessError {
        let entry = self.entry(action, None, record_kind, Some(record_id), None);
        match self.record_denial(entry).await {
            Ok(()) => AccessError::Denied,
            Err(e) => e,
        }
    }

    /// One audit row per participant whose data a list shows (a roster shows
    /// names of many people: each of them has been read).
    pub(crate) async fn audit_each(
        &mut self,
        permit: &Permit,
        record_kind: &'static str,
        participant_ids: &[i64],
    ) -> Result<(), AccessError> {
        for &id in participant_ids {
            let entry = self.entry(permit.action, Some(id), record_kind, None, permit.unit_id);
            self.audit.push(entry);
        }
        Ok(())
    }

    /// Writes a row for an event that is not an authorization (sign-in, sign-out).
    pub(crate) async fn audit_event(
        &mut self,
        actor: Actor,
        action: &'static str,
        outcome: &'static str,
        record_kind: &'static str,
    ) -> Result<(), AccessError> {
        self.audit_event_naming(actor, action, outcome, record_kind, None).await
    }

    /// Like [`Work::audit_event`], naming the record the event was about (the
    /// sign-in code used, the staff member who made it).
    pub(crate) async fn audit_event_naming(
        &mut self,
        actor: Actor,
        action: &'static str,
        outcome: &'static str,
        record_kind: &'static str,
        record_id: Option<i64>,
    ) -> Result<(), AccessError> {
        let entry = NewAuditEntry {
            actor_account_id: actor.account_id(),
            actor_role: actor.role_code(),
            actor_unit_id: own_unit(&actor),
            action,
            outcome,
            ..self.entry(Action::Read, None, record_kind, record_id, None)
        };
        self.audit.push(entry);
        Ok(())
    }

    fn entry(
        &self,
        action: Action,
        subject: Option<i64>,
        record_kind: &'static str,
        record_id: Option<i64>,
        unit_id: Option<i64>,
    ) -> NewAuditEntry {
        NewAuditEntry {
            at: storage::now(),
            actor_account_id: self.ctx.actor.account_id(),
            actor_role: self.ctx.actor.role_code(),
            action: action.as_str(),
            outcome: "allowed",
            subject_participant_id: subject,
            record_kind,
            record_id,
            unit_id,
            request_id: self.ctx.request_id.clone(),
            actor_unit_id: own_unit(&self.ctx.actor),
            source: self.ctx.origin.source.clone(),
            session_ref: self.ctx.origin.session_ref.clone(),
            detail: None,
        }
    }

    /// Rolls back whatever this work did, then records the refusal on its own.
    async fn record_denial(&mut self, entry: NewAuditEntry) -> Result<(), AccessError> {
        // What was permitted before the refusal was rolled back: it was not read.
        self.audit.clear();
        if let Some(tx) = self.tx.take() {
            tx.rollback().await?;
        }
        let mut tx = self.store.begin().await?;
        storage::audit::insert(&mut tx, self.keys, &NewAuditEntry { outcome: "denied", ..entry }).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The unit a participant belongs to, and whether they are shielded from
    /// the asker (skyddade personuppgifter), read once per unit of work.
    async fn unit_of(&mut self, participant_id: i64) -> Result<Option<(i64, bool)>, AccessError> {
        if let Some(facts) = self.units.get(&participant_id) {
            return Ok(*facts);
        }
        let staff_id = match self.ctx.actor {
            Actor::Staff { staff_id, .. } | Actor::Admin { staff_id, .. } => Some(staff_id),
            _ => None,
        };
        let facts = storage::participants::unit_of(self.tx()?, participant_id, staff_id).await?;
        self.units.insert(participant_id, facts);
        Ok(facts)
    }

    /// For a relative: `None` when not linked to this participant, else what the
    /// participant's consents in force share with them today (maybe nothing).
    /// The one place that decides what a relative sees: the policy and the
    /// relative's menu both ask it. For anyone else: `None`.
    pub(crate) async fn relative_shares(&mut self, participant_id: i64) -> Result<Option<Vec<Section>>, AccessError> {
        let facts = self.relative_facts().await?;
        Ok(facts.and_then(|f| f.shares.get(&participant_id).cloned()))
    }

    /// The participants the asking relative is linked to (none for anyone else).
    pub(crate) async fn linked_participants(&mut self) -> Result<Vec<i64>, AccessError> {
        Ok(self.relative_facts().await?.map(|f| f.linked.clone()).unwrap_or_default())
    }

    async fn relative_facts(&mut self) -> Result<Option<&RelativeFacts>, AccessError> {
        let Actor::Relative { relative_id, .. } = self.ctx.actor else {
            return Ok(None);
        };
        if self.relative.is_none() {
            let today = crate::server::today();
            let linked = storage::participants::participants_of_relative(self.tx()?, relative_id).await?;
            let rows = storage::participants::shares_of_relative(self.tx()?, relative_id, today).await?;
            let mut shares: std::collections::HashMap<i64, Vec<Section>> =
                linked.iter().map(|&p| (p, Vec::new())).collect();
            for (participant_id, sections) in rows {
                if let Some(list) = shares.get_mut(&participant_id) {
                    list.extend(sections.split(',').map(str::trim).filter_map(Section::parse_shareable));
                }
            }
            for list in shares.values_mut() {
                list.sort_by_key(|s| s.as_str());
                list.dedup();
            }
            self.relative = Some(RelativeFacts { linked, shares });
        }
        Ok(self.relative.as_ref())
    }
}
