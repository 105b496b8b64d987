//! Command-line use-cases (first admin, demo data) and the demo sign-in.

use super::{Access, AccessError, RequestCtx, auth::SessionAccount};
use crate::domain::{Email, Password, PersonName};
use crate::models::{DemoAccount, ViewerRole};
use crate::policy::Actor;
use crate::server::storage;
use crate::texts::staff as text;

/// `instance_meta` key that `demo-data` sets: only such a database serves `--demo`.
pub const DEMO_MARK: &str = "made_by_demo_data";

pub use crate::server::storage::seed::DemoSummary;
pub use crate::server::storage::seed::national::{NationalSummary, Part as NationalPart, Scale};

impl Access {
    /// Creates the first (or another) admin account from the command line.
    pub async fn create_admin(
        &self,
        email: &Email,
        name: &PersonName,
        password: &Password,
    ) -> Result<i64, AccessError> {
        let hash = super::auth::hash_password(password)?;
        let ctx = RequestCtx::system("create-admin");
        let mut work = self.work(&ctx).await?;
        if storage::accounts::by_email(work.tx()?, email.as_str()).await?.is_some() {
            return Err(AccessError::Invalid { field: "email", message: text::ACCOUNT_EMAIL_TAKEN });
        }
        let staff_id = storage::accounts::insert_admin_staff(work.tx()?, name.as_str(), email.as_str()).await?;
        let account_id = storage::accounts::insert(
            work.tx()?,
            &storage::accounts::NewAccount {
                role: "admin",
                staff_id: Some(staff_id),
                participant_id: None,
                relative_id: None,
                email: Some(email.as_str()),
                password_hash: Some(&hash),
                session_secret: &super::auth::new_session_secret(),
            },
        )
        .await?;
        work.audit_event(Actor::System, "create", "allowed", "admin_account").await?;
        work.commit().await?;
        Ok(account_id)
    }

    /// Fills an empty database with the invented demo municipality and marks it
    /// as a demo database. Refuses a database that already has accounts.
    pub async fn fill_demo_data(&self, staff_password: &Password) -> Result<DemoSummary, AccessError> {
        let hash = super::auth::hash_password(staff_password)?;
        let ctx = RequestCtx::system("demo-data");
        let mut work = self.work(&ctx).await?;
        if storage::meta::count_accounts(work.tx()?).await? > 0 {
            return Err(AccessError::Invalid { field: "database", message: text::DATABASE_NOT_EMPTY });
        }
        let mut secret = super::auth::new_session_secret;
        let mut summary =
            storage::seed::demo_municipality(work.tx()?, crate::server::today(), &hash, &mut secret).await?;
        // The demo's month of log rows, before this work's own row.
        work.queue_history(std::mem::take(&mut summary.history));
        storage::meta::set(work.tx()?, DEMO_MARK, "true").await?;
        work.audit_event(Actor::System, "create", "allowed", "demo_data").await?;
        work.commit().await?;
        Ok(summary)
    }

    /// Fills an empty database with the scaled, invented national data set
    /// (`demo-data --scale`) in one transaction, and marks it as a demo
    /// database: it is invented like the small demo, its staff have the demo
    /// password, and /demo offers a handful of its accounts, so benchmarks can
    /// sign in without codes. Refuses a database that already has accounts.
    pub async fn fill_national_data(
        &self,
        scale: Scale,
        staff_password: &Password,
    ) -> Result<NationalSummary, AccessError> {
        let hash = super::auth::hash_password(staff_password)?;
        let ctx = RequestCtx::system("demo-data");
        let mut work = self.work(&ctx).await?;
        if storage::meta::count_accounts(work.tx()?).await? > 0 {
            return Err(AccessError::Invalid { field: "database", message: text::DATABASE_NOT_EMPTY });
        }
        let mut secret = super::auth::new_session_secret;
        let today = crate::server::today();
        let summary =
            storage::seed::national::national(work.tx()?, self.keys(), today, scale, &hash, &mut secret).await?;
        for (account_id, description) in &summary.demo_lines {
            storage::seed::insert_demo_account(work.tx()?, *account_id, description).await?;
        }
        storage::meta::set(work.tx()?, DEMO_MARK, "true").await?;
        // After the generated log: this row follows its last one in the chain.
        work.audit_event(Actor::System, "create", "allowed", "demo_data").await?;
        work.commit().await?;
        Ok(summary)
    }

    pub async fn is_demo_database(&self) -> Result<bool, AccessError> {
        let ctx = RequestCtx::system("demo-check");
        let mut work = self.reading(&ctx).await?;
        let mark = storage::meta::get(work.tx()?, DEMO_MARK).await?;
        work.commit().await?;
        Ok(mark.as_deref() == Some("true"))
    }

    pub async fn has_accounts(&self) -> Result<bool, AccessError> {
        let ctx = RequestCtx::system("startup");
        let mut work = self.reading(&ctx).await?;
        let n = storage::meta::count_accounts(work.tx()?).await?;
        work.commit().await?;
        Ok(n > 0)
    }

    /// The accounts listed on `/demo`. Checks the database mark again, so a
    /// misconfigured server can never offer one-click sign-in to real people.
    pub async fn demo_accounts(&self) -> Result<Vec<DemoAccount>, AccessError> {
        let ctx = RequestCtx::system("demo");
        let mut work = self.reading(&ctx).await?;
        if storage::meta::get(work.tx()?, DEMO_MARK).await?.as_deref() != Some("true") {
            return Err(AccessError::NotFound);
        }
        let rows = storage::meta::demo_accounts(work.tx()?).await?;
        work.commit().await?;
        Ok(rows
            .into_iter()
            .map(|(account_id, role, name, description)| DemoAccount {
                account_id,
                role: match role.as_str() {
                    "participant" => ViewerRole::Participant,
                    "relative" => ViewerRole::Relative,
                    "admin" => ViewerRole::Admin,
                    _ => ViewerRole::Staff,
                },
                name,
                description,
            })
            .collect())
    }

    /// One-click demo sign-in: only accounts listed in `demo_accounts`, only on
    /// a database that `demo-data` made.
    pub async fn demo_sign_in(&self, asked: &RequestCtx, account_id: i64) -> Result<SessionAccount, AccessError> {
        let ctx = asked.as_actor(Actor::Anonymous);
        let mut work = self.work(&ctx).await?;
        if storage::meta::get(work.tx()?, DEMO_MARK).await?.as_deref() != Some("true") {
            return Err(AccessError::NotFound);
        }
        let listed = storage::meta::demo_account(work.tx()?, account_id).await?;
        let account = match listed {
            Some(id) => storage::accounts::by_id(work.tx()?, id).await?.and_then(SessionAccount::from_row),
            None => None,
        };
        match account {
            Some(account) => {
                work.audit_event(account.actor, "sign_in", "allowed", "demo").await?;
                work.commit().await?;
                Ok(account)
            }
            None => {
                work.audit_event(Actor::Anonymous, "sign_in", "denied", "demo").await?;
                work.commit().await?;
                Err(AccessError::NotFound)
            }
        }
    }
}
