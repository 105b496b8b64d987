//! `/admin`: the units, a new unit, and the staff accounts.

use super::AdminNav;
use crate::components::{Banner, BannerKind, DataTable, Icon, SubmitButton, TextField};
use crate::functions::admin::{CreateUnit, UNIT_FORM, load_admin_home};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{AdminHome, FormFeedback, StaffAccount, UnitSummary};
use crate::paths;
use crate::routes::feedback;
use crate::texts::admin as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminHomePage() -> impl IntoView {
    staff_page(
        || async {
            let home = load_admin_home().await?;
            Ok((home, feedback(take_form_feedback(UNIT_FORM.to_owned()).await)))
        },
        |(home, fb): (AdminHome, FormFeedback)| view! { <Home home fb/> },
    )
}

/// What a staff member's account is: active, invited (no password yet) or deactivated.
pub(super) fn account_state(s: &StaffAccount) -> &'static str {
    match (s.active, s.has_password) {
        (false, _) => text::DEACTIVATED,
        (true, false) => text::INVITED,
        (true, true) => text::ACTIVE,
    }
}

#[component]
fn Home(home: AdminHome, fb: FormFeedback) -> impl IntoView {
    view! {
        <AdminNav current=paths::ADMIN_HOME/>
        <h1><Icon name="users"/>{text::HOME_TITLE}</h1>
        <p>{text::HOME_INTRO}</p>

        <h2>{text::UNITS_TITLE}</h2>
        <DataTable label=text::UNITS_TITLE rows=home.units empty=text::UNITS_NONE
            columns=&[text::UNIT_NAME, text::UNIT_STATUS, text::UNIT_STAFF, text::UNIT_PARTICIPANTS]
            row=|u: UnitSummary| view! {
                <th scope="row"><a href=paths::admin_unit(u.id)>{u.name.clone()}</a></th>
                <td>{if u.closed { text::UNIT_CLOSED } else { text::UNIT_OPEN }}</td>
                <td>{u.active_staff}</td>
                <td>{u.active_participants}</td>
            }/>

        <h2>{text::NEW_UNIT_TITLE}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=CreateUnit::url() class="form">
            <TextField name="name" label=text::UNIT_NAME hint=text::UNIT_NAME_HINT
                value=fb.value("name") error=fb.error("name")/>
            <SubmitButton icon="plus" label=text::NEW_UNIT_BUTTON/>
        </form>

        <h2>{text::STAFF_TITLE}</h2>
        <p><a href=paths::ADMIN_INVITE>{text::MENU_INVITE}</a></p>
        <DataTable label=text::STAFF_TITLE rows=home.staff empty=text::STAFF_NONE
            columns=&[crate::texts::staff::NAME, text::EMAIL, text::UNIT, text::ROLE, text::ACCOUNT, text::SECOND_FACTOR]
            row=|s: StaffAccount| view! {
                <th scope="row"><a href=paths::admin_staff(s.staff_id)>{s.name.clone()}</a></th>
                <td>{s.email.clone()}</td>
                <td>{s.unit_name.clone().unwrap_or_else(|| text::NO_UNIT.to_owned())}</td>
                <td>{s.role.label_sv()}</td>
                <td>{account_state(&s)}</td>
                <td>{if s.has_second_factor { text::FACTOR_YES } else { text::FACTOR_NO }}</td>
            }/>
    }
}
