//! axum-login glue: the session stores only an account id; the account is
//! loaded on every request, so disabling it or ending its sessions takes effect
//! at once on every server instance.

use super::access::{Access, AccessError, auth::SessionAccount};
use axum_login::{AuthUser, AuthnBackend, UserId};

impl AuthUser for SessionAccount {
    type Id = i64;

    fn id(&self) -> i64 {
        self.account_id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

#[derive(Clone, Debug)]
pub struct Backend {
    access: Access,
}

impl Backend {
    pub fn new(access: Access) -> Self {
        Backend { access }
    }
}

/// Credentials are checked by the access layer's sign-in use-cases (which also
/// rate limit and audit); the session layer is only told the verified account.
#[derive(Debug, Clone, Copy)]
pub struct VerifiedAccount(pub i64);

impl AuthnBackend for Backend {
    type User = SessionAccount;
    type Credentials = VerifiedAccount;
    type Error = AccessError;

    async fn authenticate(&self, creds: VerifiedAccount) -> Result<Option<SessionAccount>, AccessError> {
        self.access.session_account(creds.0).await
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionAccount>, AccessError> {
        self.access.session_account(*id).await
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;
