//! The administrator's use-cases: units, staff accounts and invitations.
//!
//! Every use-case asks the policy about `Target::Units` or
//! `Target::StaffAccounts` (administrators only) and writes its audit row in
//! the same transaction as the change; a refusal is audited on its own. The
//! invitation's own page is for someone not signed in yet: the token is the
//! only key, and an unusable one is audited as a denied event.

use super::{Access, AccessError, RequestCtx, Work};
use crate::domain::{Email, Password, PersonName, ShortText, StaffRole};
use crate::models::{AdminHome, StaffAccount, UnitSummary};
use crate::policy::{self, Action, Actor, Target};
use crate::server::storage::{self, admin as store};
use crate::texts::admin as text;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// How long an invitation link works.
pub const INVITATION_LIFETIME_HOURS: i64 = 72;
/// Random bytes in an invitation token (256 bits), written as 64 hex digits.
const TOKEN_BYTES: usize = 32;

/// A new staff member, parsed from the invitation form.
#[derive(Debug, Clone)]
pub struct NewStaffInvite {
    pub name: PersonName,
    pub email: Email,
    pub unit_id: Option<i64>,
    pub role: StaffRole,
}

/// A unit and role for a staff member, parsed from the form.
#[derive(Debug, Clone, Copy)]
pub struct StaffPlacement {
    pub unit_id: Option<i64>,
    pub role: StaffRole,
}

/// A new invitation: the token (shown once, never stored) and when it ends.
#[derive(Debug)]
pub struct IssuedInvitation {
    pub staff_id: i64,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl<'a> Work<'a> {
    /// Asks the policy about the units or the staff accounts and buffers the
    /// audit row; a refusal is rolled back and audited on its own.
    pub(crate) async fn authorize_admin(
        &mut self,
        action: Action,
        target: Target<'static>,
        record_kind: &'static str,
        record_id: Option<i64>,
    ) -> Result<(), AccessError> {
        let entry = self.entry(action, None, record_kind, record_id, None);
        match policy::decide(&self.ctx.actor, action, &target) {
            Ok(()) => {
                self.audit.push(entry);
                Ok(())
            }
            Err(policy::Denied(reason)) => {
                tracing::warn!(reason, action = action.as_str(), record = record_kind, "access denied");
                self.record_denial(entry).await?;
                Err(AccessError::Denied)
            }
        }
    }

    /// An audit row for this work (allowed), beside the one `authorize_admin` wrote.
    fn audit_also(&mut self, action: Action, record_kind: &'static str, record_id: Option<i64>) {
        let entry = self.entry(action, None, record_kind, record_id, None);
        self.audit.push(entry);
    }

    /// A refused use of an invitation, audited on its own (nothing else is kept).
    async fn deny_invitation(&mut self, action: Action) -> Result<(), AccessError> {
        let entry = self.entry(action, None, "invitation", None, None);
        self.record_denial(entry).await
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Only this is stored: the SHA-256 of the token.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// A token as the link carries it: 64 lowercase hex digits, nothing else.
fn well_formed(token: &str) -> bool {
    token.len() == TOKEN_BYTES * 2 && token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn staff_account(row: store::StaffAccountRow) -> StaffAccount {
    StaffAccount {
        staff_id: row.staff_id,
        name: row.name,
        email: row.email.unwrap_or_default(),
        role: row.role,
        unit_id: row.unit_id,
        unit_name: row.unit_name,
        active: !row.disabled,
        has_password: row.has_password,
        has_second_factor: row.factors > 0,
    }
}

fn unit_summary(row: store::UnitRow) -> UnitSummary {
    UnitSummary {
        id: row.id,
        name: row.name,
        closed: row.closed,
        active_staff: row.active_staff,
        active_participants: row.active_participants,
    }
}

fn own_staff_id(ctx: &RequestCtx) -> Option<i64> {
    match ctx.actor {
        Actor::Admin { staff_id, .. } | Actor::Staff { staff_id, .. } => Some(staff_id),
        _ => None,
    }
}

impl Access {
    /// `/admin`: every unit and every staff account.
    pub async fn admin_home(&self, ctx: &RequestCtx) -> Result<AdminHome, AccessError> {
        let mut work = self.reading(ctx).await?;
        work.authorize_admin(Action::Read, Target::Units, "units", None).await?;
        work.authorize_admin(Action::Read, Target::StaffAccounts, "staff_accounts", None).await?;
        let units = store::units(work.tx()?).await?.into_iter().map(unit_summary).collect();
        let staff = store::staff_accounts(work.tx()?).await?.into_iter().map(staff_account).collect();
        work.commit().await?;
        Ok(AdminHome { units, staff })
    }

    /// One unit, with how many people it still has.
    pub async fn admin_unit(&self, ctx: &RequestCtx, unit_id: i64) -> Result<UnitSummary, AccessError> {
        let mut work = self.reading(ctx).await?;
        work.authorize_admin(Action::Read, Target::Units, "unit", Some(unit_id)).await?;
        let unit = store::unit(work.tx()?, unit_id).await?.ok_or(AccessError::NotFound)?;
        work.commit().await?;
        Ok(unit_summary(unit))
    }

    pub async fn create_unit(&self, ctx: &RequestCtx, name: &ShortText) -> Result<i64, AccessError> {
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Create, Target::Units, "unit", None).await?;
        if store::unit_name_taken(work.tx()?, name.as_str(), None).await? {
            return Err(AccessError::Invalid { field: "name", message: text::UNIT_NAME_TAKEN });
        }
        let id = store::insert_unit(work.tx()?, name.as_str()).await?;
        // The new unit's id on the row: the audit row above had none yet.
        work.audit_also(Action::Create, "unit_created", Some(id));
        work.commit().await?;
        Ok(id)
    }

    pub async fn rename_unit(&self, ctx: &RequestCtx, unit_id: i64, name: &ShortText) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Change, Target::Units, "unit", Some(unit_id)).await?;
        if store::unit_name_taken(work.tx()?, name.as_str(), Some(unit_id)).await? {
            return Err(AccessError::Invalid { field: "name", message: text::UNIT_NAME_TAKEN });
        }
        if store::rename_unit(work.tx()?, unit_id, name.as_str()).await? == 0 {
            return Err(AccessError::NotFound);
        }
        work.commit().await
    }

    /// Closes a unit. People still in it stay (the answer says how many);
    /// a closed unit takes no one new.
    pub async fn close_unit(&self, ctx: &RequestCtx, unit_id: i64) -> Result<UnitSummary, AccessError> {
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Change, Target::Units, "unit_closed", Some(unit_id)).await?;
        let Some(unit) = store::unit(work.tx()?, unit_id).await? else {
            return Err(AccessError::NotFound);
        };
        if unit.closed {
            return Err(AccessError::Invalid { field: "unit", message: text::UNIT_ALREADY_CLOSED });
        }
        store::close_unit(work.tx()?, unit_id, storage::now()).await?;
        work.commit().await?;
        Ok(unit_summary(store::UnitRow { closed: true, ..unit }))
    }

    /// One staff account, the open units it may move to, and whether it is the asker's own.
    pub async fn admin_staff_member(
        &self,
        ctx: &RequestCtx,
        staff_id: i64,
    ) -> Result<(StaffAccount, Vec<(i64, String)>, bool), AccessError> {
        let mut work = self.reading(ctx).await?;
        work.authorize_admin(Action::Read, Target::StaffAccounts, "staff_account", Some(staff_id)).await?;
        let row = store::staff_account(work.tx()?, staff_id).await?.ok_or(AccessError::NotFound)?;
        let units = store::units(work.tx()?).await?.into_iter().filter(|u| !u.closed).map(|u| (u.id, u.name)).collect();
        work.commit().await?;
        Ok((staff_account(row), units, own_staff_id(ctx) == Some(staff_id)))
    }

    /// The unit a staff member may be placed in: none only for a
    /// systemadministratör and always for a dataskyddsombud; otherwise an open
    /// unit (or the one they are in).
    async fn check_unit(
        work: &mut Work<'_>,
        unit_id: Option<i64>,
        role: StaffRole,
        current: Option<i64>,
    ) -> Result<(), AccessError> {
        match unit_id {
            None if !role.needs_unit() => Ok(()),
            None => Err(AccessError::Invalid { field: "unit", message: text::UNIT_NEEDED }),
            Some(_) if role.takes_no_unit() => {
                Err(AccessError::Invalid { field: "unit", message: text::UNIT_NOT_FOR_OFFICER })
            }
            Some(id) if Some(id) == current => Ok(()),
            Some(id) => match store::unit_is_open(work.tx()?, id).await? {
                true => Ok(()),
                false => Err(AccessError::Invalid { field: "unit", message: text::UNIT_NOT_OPEN }),
            },
        }
    }

    /// Makes the staff member and their account (no password) and an
    /// invitation. The token is returned once; only its hash is stored.
    pub async fn invite_staff(
        &self,
        ctx: &RequestCtx,
        invite: &NewStaffInvite,
    ) -> Result<IssuedInvitation, AccessError> {
        let created_by = ctx.actor.account_id().ok_or(AccessError::Denied)?;
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Create, Target::StaffAccounts, "staff_account", None).await?;
        Self::check_unit(&mut work, invite.unit_id, invite.role, None).await?;
        if store::email_taken(work.tx()?, invite.email.as_str()).await? {
            return Err(AccessError::Invalid { field: "email", message: crate::texts::staff::ACCOUNT_EMAIL_TAKEN });
        }
        let secret = super::auth::new_session_secret();
        let (staff_id, account_id) = store::insert_staff_account(
            work.tx()?,
            invite.unit_id,
            invite.name.as_str(),
            invite.role,
            invite.email.as_str(),
            &secret,
        )
        .await?;
        work.audit_also(Action::Create, "staff_invited", Some(staff_id));
        let (token, expires_at) = new_invitation(&mut work, account_id, created_by).await?;
        work.commit().await?;
        Ok(IssuedInvitation { staff_id, token, expires_at })
    }

    /// "Skicka ny inbjudan": the old link stops working, a new one is made.
    pub async fn resend_invitation(&self, ctx: &RequestCtx, staff_id: i64) -> Result<IssuedInvitation, AccessError> {
        let created_by = ctx.actor.account_id().ok_or(AccessError::Denied)?;
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Change, Target::StaffAccounts, "invitation", Some(staff_id)).await?;
        let row = store::staff_account(work.tx()?, staff_id).await?.ok_or(AccessError::NotFound)?;
        if row.disabled {
            return Err(AccessError::Invalid { field: "account", message: text::ACCOUNT_DEACTIVATED_FIRST });
        }
        let (token, expires_at) = new_invitation(&mut work, row.account_id, created_by).await?;
        work.commit().await?;
        Ok(IssuedInvitation { staff_id, token, expires_at })
    }

    /// A new unit or role. The last active systemadministratör keeps the role.
    pub async fn change_staff(
        &self,
        ctx: &RequestCtx,
        staff_id: i64,
        placement: StaffPlacement,
    ) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Change, Target::StaffAccounts, "staff_account", Some(staff_id)).await?;
        let row = store::staff_account(work.tx()?, staff_id).await?.ok_or(AccessError::NotFound)?;
        Self::check_unit(&mut work, placement.unit_id, placement.role, row.unit_id).await?;
        let leaves_admin = row.role == StaffRole::Admin && placement.role != StaffRole::Admin && !row.disabled;
        if leaves_admin && store::active_admins(work.tx()?).await? <= 1 {
            return Err(AccessError::Invalid { field: "role", message: text::LAST_ADMIN });
        }
        store::set_unit_and_role(work.tx()?, staff_id, placement.unit_id, placement.role).await?;
        work.commit().await
    }

    /// Deactivates the account: it cannot sign in, and every session of it
    /// ends at once (a new session secret). The name stays in the history.
    pub async fn deactivate_staff(&self, ctx: &RequestCtx, staff_id: i64) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Change, Target::StaffAccounts, "staff_deactivated", Some(staff_id)).await?;
        let row = store::staff_account(work.tx()?, staff_id).await?.ok_or(AccessError::NotFound)?;
        if own_staff_id(ctx) == Some(staff_id) {
            return Err(AccessError::Invalid { field: "account", message: text::CANNOT_DEACTIVATE_SELF });
        }
        if row.role == StaffRole::Admin && !row.disabled && store::active_admins(work.tx()?).await? <= 1 {
            return Err(AccessError::Invalid { field: "account", message: text::LAST_ADMIN });
        }
        let secret = super::auth::new_session_secret();
        store::set_disabled(work.tx()?, row.account_id, Some(storage::now()), &secret).await?;
        work.commit().await
    }

    pub async fn reactivate_staff(&self, ctx: &RequestCtx, staff_id: i64) -> Result<(), AccessError> {
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Change, Target::StaffAccounts, "staff_reactivated", Some(staff_id)).await?;
        let row = store::staff_account(work.tx()?, staff_id).await?.ok_or(AccessError::NotFound)?;
        let secret = super::auth::new_session_secret();
        store::set_disabled(work.tx()?, row.account_id, None, &secret).await?;
        work.commit().await
    }

    /// A lost phone or key: the account's TOTP factor and passkeys go, and
    /// every session ends. The next sign-in registers a new factor.
    pub async fn reset_second_factor(&self, ctx: &RequestCtx, staff_id: i64) -> Result<(), AccessError> {
        let removed_by = ctx.actor.account_id().ok_or(AccessError::Denied)?;
        let mut work = self.work(ctx).await?;
        work.authorize_admin(Action::Delete, Target::StaffAccounts, "second_factor", Some(staff_id)).await?;
        let row = store::staff_account(work.tx()?, staff_id).await?.ok_or(AccessError::NotFound)?;
        store::remove_factors(work.tx()?, row.account_id, removed_by, storage::now()).await?;
        let secret = super::auth::new_session_secret();
        storage::accounts::set_session_secret(work.tx()?, row.account_id, &secret).await?;
        work.commit().await
    }

    /// The invitation page: whom a usable link is for. An unknown, used or
    /// expired link answers `None` (which of the three is not said) and is
    /// audited as a denied event.
    pub async fn invitation(&self, asked: &RequestCtx, token: &str) -> Result<Option<String>, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let mut work = self.reading(&ctx).await?;
        let found = match well_formed(token) {
            true => store::open_invitation(work.tx()?, &token_hash(token), storage::now()).await?,
            false => None,
        };
        match found {
            Some((account_id, name)) => {
                work.audit_also(Action::Read, "invitation", Some(account_id));
                work.commit().await?;
                Ok(Some(name))
            }
            None => {
                work.deny_invitation(Action::Read).await?;
                Ok(None)
            }
        }
    }

    /// The new staff member's password, through the invitation: the link is
    /// used up and the password set in one transaction. `Denied` when the link
    /// cannot be used (audited).
    pub async fn accept_invitation(
        &self,
        asked: &RequestCtx,
        token: &str,
        password: &Password,
    ) -> Result<(), AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        if !well_formed(token) {
            let mut work = self.work(&ctx).await?;
            work.deny_invitation(Action::Change).await?;
            return Err(AccessError::Denied);
        }
        // Argon2 takes a while: hashed before the transaction opens.
        let password = password.clone();
        let hash = tokio::task::spawn_blocking(move || super::auth::hash_password(&password))
            .await
            .map_err(|_| AccessError::Corrupt("password hashing"))??;
        let mut work = self.work(&ctx).await?;
        let Some(account_id) = store::redeem_invitation(work.tx()?, &token_hash(token), storage::now()).await? else {
            work.deny_invitation(Action::Change).await?;
            return Err(AccessError::Denied);
        };
        store::set_password(work.tx()?, account_id, &hash, &super::auth::new_session_secret()).await?;
        work.audit_also(Action::Change, "invitation", Some(account_id));
        work.commit().await
    }
}

/// Ends the account's open invitations and makes a new one (256 random bits
/// from the OS; only the hash is stored).
async fn new_invitation(
    work: &mut Work<'_>,
    account_id: i64,
    created_by: i64,
) -> Result<(String, DateTime<Utc>), AccessError> {
    let mut bytes = [0u8; TOKEN_BYTES];
    OsRng.fill_bytes(&mut bytes);
    let token = hex(&bytes);
    let now = storage::now();
    let expires_at = now + Duration::hours(INVITATION_LIFETIME_HOURS);
    store::end_invitations(work.tx()?, account_id, now).await?;
    store::insert_invitation(work.tx()?, account_id, &token_hash(&token), expires_at, created_by).await?;
    Ok((token, expires_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_checked_for_shape_and_hashed() {
        let token = "0123456789abcdef".repeat(4);
        assert!(well_formed(&token));
        assert!(!well_formed(&token.to_uppercase()));
        assert!(!well_formed(&token[1..]));
        assert!(!well_formed(""));
        assert_eq!(token_hash(&token).len(), 64);
        assert_ne!(token_hash(&token), token);
    }
}
