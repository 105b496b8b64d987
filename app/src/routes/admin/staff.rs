//! `/admin/bjud-in`: invite a staff member; `/admin/personal/{id}`: one
//! account: its unit and role, a new invitation link, the second factor,
//! and deactivating or reactivating it.

use super::{AdminNav, home::account_state, role_options, unit_options};
use crate::components::{BackLink, Banner, BannerKind, Icon, PostButton, SelectField, SubmitButton, TextField};
use crate::functions::admin::{
    ACCOUNT_FORM, ChangeStaff, DeactivateStaff, INVITE_FORM, InviteStaff, PLACEMENT_FORM, ReactivateStaff,
    ResendInvitation, ResetSecondFactor, load_admin_home, load_admin_staff_member,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{AdminStaffMember, FormFeedback, NewInvitation};
use crate::paths;
use crate::routes::{feedback, id_param};
use crate::texts::admin as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminInvitePage() -> impl IntoView {
    staff_page(
        || async {
            let home = load_admin_home().await?;
            let units: Vec<(i64, String)> =
                home.units.into_iter().filter(|u| !u.closed).map(|u| (u.id, u.name)).collect();
            Ok((units, feedback(take_form_feedback(INVITE_FORM.to_owned()).await)))
        },
        |(units, fb): (Vec<(i64, String)>, FormFeedback)| view! { <Invite units fb/> },
    )
}

#[component]
fn Invite(units: Vec<(i64, String)>, fb: FormFeedback) -> impl IntoView {
    view! {
        <AdminNav current=paths::ADMIN_INVITE/>
        <h1><Icon name="plus"/>{text::INVITE_TITLE}</h1>
        <p>{text::INVITE_INTRO}</p>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=InviteStaff::url() class="form">
            <TextField name="name" label=text::INVITE_NAME autocomplete="off"
                value=fb.value("name") error=fb.error("name")/>
            <TextField name="email" label=text::INVITE_EMAIL hint=text::INVITE_EMAIL_HINT kind="email"
                value=fb.value("email") error=fb.error("email")/>
            <SelectField name="role" label=text::ROLE options=role_options() value=fb.value("role")
                error=fb.error("role")/>
            <SelectField name="unit" label=text::UNIT hint=text::INVITE_UNIT_HINT options=unit_options(&units)
                value=fb.value("unit") error=fb.error("unit")/>
            <SubmitButton icon="mail" label=text::INVITE_BUTTON/>
        </form>
        <BackLink href=paths::ADMIN_HOME label=text::BACK_TO_ADMIN/>
    }
}

#[component]
pub fn AdminStaffPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let member = load_admin_staff_member(id).await?;
            let placement = feedback(take_form_feedback(PLACEMENT_FORM.to_owned()).await);
            let refused = feedback(take_form_feedback(ACCOUNT_FORM.to_owned()).await);
            Ok((member, placement, refused))
        },
        |(member, fb, refused): (AdminStaffMember, FormFeedback, FormFeedback)| {
            view! { <Member page=member fb refused/> }
        },
    )
}

/// The link just made, shown once: as text to copy and as a QR code.
#[component]
fn InvitationCard(invitation: NewInvitation) -> impl IntoView {
    let svg = invitation.qr_svg.find("<svg").map(|i| invitation.qr_svg[i..].to_owned()).unwrap_or_default();
    let until = crate::texts::day_and_time_in_words(invitation.expires_at);
    view! {
        <div class="card code-card">
            <h2>{text::INVITATION_TITLE}</h2>
            <p>{text::INVITATION_SHOWN_ONCE}</p>
            <div class="qr" role="img" aria-label=text::INVITATION_QR_LABEL inner_html=svg></div>
            <p><strong>{text::INVITATION_LINK}": "</strong><span class="invitation-link">{invitation.link.clone()}</span></p>
            <p>{text::invitation_valid_until(&until)}</p>
        </div>
    }
}

#[component]
fn Member(page: AdminStaffMember, fb: FormFeedback, refused: FormFeedback) -> impl IntoView {
    let m = page.member.clone();
    let staff_id = || vec![("staff_id", m.staff_id.to_string())];
    let role = if fb.values.is_empty() { m.role.as_str().to_owned() } else { fb.value("role") };
    let unit =
        if fb.values.is_empty() { m.unit_id.map(|u| u.to_string()).unwrap_or_default() } else { fb.value("unit") };
    // The unit they are in is offered even when it is closed: keeping it is no change.
    let mut units = page.units.clone();
    if let (Some(id), Some(name)) = (m.unit_id, m.unit_name.clone())
        && !units.iter().any(|(u, _)| *u == id)
    {
        units.push((id, name));
    }
    view! {
        <AdminNav current=""/>
        <h1><Icon name="user-round"/>{m.name.clone()}</h1>
        <Banner kind=BannerKind::Error message=refused.errors.first().map(|(_, msg)| msg.clone())/>
        <dl class="facts">
            <dt>{text::EMAIL}</dt><dd>{m.email.clone()}</dd>
            <dt>{text::UNIT}</dt><dd>{m.unit_name.clone().unwrap_or_else(|| text::NO_UNIT.to_owned())}</dd>
            <dt>{text::ROLE}</dt><dd>{m.role.label_sv()}</dd>
            <dt>{text::ACCOUNT}</dt><dd>{account_state(&m)}</dd>
            <dt>{text::SECOND_FACTOR}</dt>
            <dd>{if m.has_second_factor { text::FACTOR_YES } else { text::FACTOR_NO }}</dd>
        </dl>
        {page.invitation.clone().map(|invitation| view! { <InvitationCard invitation/> })}

        <h2>{text::CHANGE_TITLE}</h2>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=ChangeStaff::url() class="form">
            <input type="hidden" name="staff_id" value=m.staff_id.to_string()/>
            <SelectField name="role" label=text::ROLE options=role_options() value=role error=fb.error("role")/>
            <SelectField name="unit" label=text::UNIT hint=text::INVITE_UNIT_HINT options=unit_options(&units)
                value=unit error=fb.error("unit")/>
            <SubmitButton label=text::CHANGE_BUTTON/>
        </form>

        {m.active.then(|| view! {
            <h2>{text::INVITATION_TITLE}</h2>
            <p>{text::INVITATION_ABOUT}</p>
            <PostButton action=ResendInvitation::url() hidden=staff_id() icon="mail" label=text::RESEND_BUTTON
                secondary=true/>
        })}

        {m.has_second_factor.then(|| view! {
            <h2>{text::FACTOR_TITLE}</h2>
            <p>{text::FACTOR_ABOUT}</p>
            <PostButton action=ResetSecondFactor::url() hidden=staff_id() icon="key-round"
                label=text::FACTOR_RESET_BUTTON secondary=true/>
        })}

        <h2>{text::ACCOUNT_TITLE}</h2>
        {match (m.active, page.is_me) {
            (true, true) => view! { <p>{text::CANNOT_DEACTIVATE_SELF}</p> }.into_any(),
            (true, false) => view! {
                <p>{text::DEACTIVATE_ABOUT}</p>
                <PostButton action=DeactivateStaff::url() hidden=staff_id() icon="log-out"
                    label=text::DEACTIVATE_BUTTON secondary=true/>
            }.into_any(),
            (false, _) => view! {
                <PostButton action=ReactivateStaff::url() hidden=staff_id() label=text::REACTIVATE_BUTTON
                    secondary=true/>
            }.into_any(),
        }}
        <BackLink href=paths::ADMIN_HOME label=text::BACK_TO_ADMIN/>
    }
}
