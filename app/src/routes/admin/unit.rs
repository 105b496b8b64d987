//! `/admin/enheter/{id}`: one unit: a new name, or closing it.

use super::AdminNav;
use crate::components::{BackLink, Banner, BannerKind, Icon, PostButton, SubmitButton, TextField};
use crate::functions::admin::{ACCOUNT_FORM, CloseUnit, RenameUnit, UNIT_FORM, load_admin_unit};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, UnitSummary};
use crate::paths;
use crate::routes::{feedback, id_param};
use crate::texts::admin as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminUnitPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let unit = load_admin_unit(id).await?;
            let rename = feedback(take_form_feedback(UNIT_FORM.to_owned()).await);
            let refused = feedback(take_form_feedback(ACCOUNT_FORM.to_owned()).await);
            Ok((unit, rename, refused))
        },
        |(unit, fb, refused): (UnitSummary, FormFeedback, FormFeedback)| view! { <Unit unit fb refused/> },
    )
}

#[component]
fn Unit(unit: UnitSummary, fb: FormFeedback, refused: FormFeedback) -> impl IntoView {
    let name = if fb.values.is_empty() { unit.name.clone() } else { fb.value("name") };
    let id = || vec![("unit_id", unit.id.to_string())];
    view! {
        <AdminNav current=""/>
        <h1><Icon name="users"/>{unit.name.clone()}</h1>
        <Banner kind=BannerKind::Error message=refused.errors.first().map(|(_, m)| m.clone())/>
        {unit.closed.then(|| view! { <Banner kind=BannerKind::Info message=Some(text::UNIT_IS_CLOSED.to_owned())/> })}
        <p>{text::unit_remaining(unit.active_staff, unit.active_participants)}</p>

        <h2>{text::RENAME_TITLE}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=RenameUnit::url() class="form">
            <input type="hidden" name="unit_id" value=unit.id.to_string()/>
            <TextField name="name" label=text::UNIT_NAME value=name error=fb.error("name")/>
            <SubmitButton label=text::RENAME_BUTTON/>
        </form>

        {(!unit.closed).then(|| view! {
            <h2>{text::CLOSE_TITLE}</h2>
            <p>{text::CLOSE_ABOUT}</p>
            <PostButton action=CloseUnit::url() hidden=id() label=text::CLOSE_BUTTON secondary=true/>
        })}
        <BackLink href=paths::ADMIN_HOME label=text::BACK_TO_ADMIN/>
    }
}
