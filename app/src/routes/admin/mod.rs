//! The administrator's pages (`/admin`): units and staff accounts, one thing
//! a page; and the invitation link's page (`/inbjudan`), where a new staff
//! member chooses a password.

pub mod home;
pub mod invitation;
pub mod retention;
pub mod staff;
pub mod unit;

pub use home::AdminHomePage;
pub use invitation::InvitationPage;
pub use retention::{AdminRetentionConfirmPage, AdminRetentionPage};
pub use staff::{AdminInvitePage, AdminStaffPage};
pub use unit::AdminUnitPage;

use crate::components::Icon;
use crate::paths;
use crate::texts::admin as text;
use leptos::prelude::*;

/// The administrator's menu, at the top of each of their pages.
#[component]
fn AdminNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, icon: &'static str, label: &'static str| {
        view! {
            <li>
                <a href=href aria-current=(current == href).then_some("page")>
                    <Icon name=icon size=32/><span>{label}</span>
                </a>
            </li>
        }
    };
    view! {
        <nav class="participant-nav staff-nav" aria-label=text::ADMIN_MENU_LABEL>
            <ul>
                {link(paths::ADMIN_HOME, "users", text::MENU_UNITS_AND_STAFF)}
                {link(paths::ADMIN_INVITE, "plus", text::MENU_INVITE)}
                {link(paths::ADMIN_RETENTION, "trash-2", text::MENU_RETENTION)}
                {link(paths::FOLLOW_UP, "chart-column", crate::texts::follow_up::MENU)}
            </ul>
        </nav>
    }
}

/// A drop-down's options for a unit: first "no unit", then the open units.
fn unit_options(units: &[(i64, String)]) -> Vec<(String, String)> {
    std::iter::once((String::new(), text::CHOOSE_UNIT_NONE.to_owned()))
        .chain(units.iter().map(|(id, name)| (id.to_string(), name.clone())))
        .collect()
}

fn role_options() -> Vec<(String, String)> {
    crate::domain::StaffRole::ALL.iter().map(|r| (r.as_str().to_owned(), r.label_sv().to_owned())).collect()
}
