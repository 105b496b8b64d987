//! What the administrator's pages show: units, staff accounts, invitations.

use crate::domain::StaffRole;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A unit, with how many people it still has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub id: i64,
    pub name: String,
    pub closed: bool,
    pub active_staff: i64,
    pub active_participants: i64,
}

/// A staff member's account as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub staff_id: i64,
    pub name: String,
    pub email: String,
    pub role: StaffRole,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    /// Not deactivated.
    pub active: bool,
    /// Has chosen a password (an invited person who has not yet done so has none).
    pub has_password: bool,
    /// A confirmed authenticator app or a passkey is registered.
    pub has_second_factor: bool,
}

/// `/admin`: the units and the staff accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminHome {
    pub units: Vec<UnitSummary>,
    pub staff: Vec<StaffAccount>,
}

/// `/admin/personal/{id}`: one account, what it can be moved to, and a new
/// invitation link when one was just made (shown once).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminStaffMember {
    pub member: StaffAccount,
    /// The open units, to choose from.
    pub units: Vec<(i64, String)>,
    /// The one asking: an administrator cannot deactivate themself.
    pub is_me: bool,
    pub invitation: Option<NewInvitation>,
}

/// An invitation link, shown once right after it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub staff_id: i64,
    pub link: String,
    pub qr_svg: String,
    pub expires_at: DateTime<Utc>,
}

/// `/inbjudan`: whether the link can be used, and whom it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    /// `None`: the link is unknown, used or too old (which one is not said).
    pub name: Option<String>,
}
