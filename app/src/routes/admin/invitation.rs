//! `/inbjudan?t=…`: the invitation link. A new staff member chooses a
//! password; an unknown, used or old link gets one plain message.

use crate::components::{Banner, BannerKind, Icon, SubmitButton, TextField};
use crate::functions::admin::{AcceptInvitation, PASSWORD_FORM, load_invitation};
use crate::functions::take_form_feedback;
use crate::layouts::Page;
use crate::texts::admin as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let token: String = use_query_map().with_untracked(|q| q.get("t")).unwrap_or_default().chars().take(100).collect();
    let data = Resource::new_blocking(
        || (),
        move |_| {
            let token = token.clone();
            async move { (load_invitation(token).await, take_form_feedback(PASSWORD_FORM.to_owned()).await) }
        },
    );
    view! {
        <Page>
            <h1><Icon name="key-round"/>{text::INVITATION_PAGE_TITLE}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    let (invitation, fb) = data.await;
                    let fb = crate::routes::feedback(fb);
                    let token = use_query_map().with_untracked(|q| q.get("t")).unwrap_or_default();
                    match invitation.ok().and_then(|i| i.name) {
                        None => view! {
                            <Banner kind=BannerKind::Error message=Some(text::INVITATION_UNUSABLE.to_owned())/>
                        }.into_any(),
                        Some(name) => view! {
                            <p>{text::invitation_welcome(&name)}</p>
                            <p>{text::INVITATION_PAGE_INTRO}</p>
                            <Banner kind=BannerKind::Error message=fb.error("token")/>
                            <form method="post" action=AcceptInvitation::url() class="form">
                                <input type="hidden" name="token" value=token/>
                                <TextField name="password" label=text::NEW_PASSWORD kind="password"
                                    autocomplete="new-password" error=fb.error("password")/>
                                <TextField name="password_again" label=text::REPEAT_PASSWORD kind="password"
                                    autocomplete="new-password" error=fb.error("password_again")/>
                                <SubmitButton label=text::SAVE_PASSWORD/>
                            </form>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}
