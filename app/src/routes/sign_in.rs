//! Sign-in pages: a code for participants and relatives, a password for staff.

use crate::components::{Banner, BannerKind, Icon, TextField};
use crate::functions::auth::{CODE_SIGN_IN_FORM, STAFF_SIGN_IN_FORM, SignInCode, SignInStaff};
use crate::functions::take_form_feedback;
use crate::layouts::Page;
use crate::paths;
use crate::texts::{staff, sv};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/logga-in`: the code field. The QR code's link (`/logga-in#kod=…`) carries
/// the code in the fragment, which never reaches the server: public/sign-in-code.js
/// puts it in the field and sends the form. Without JavaScript the person types it.
#[component]
pub fn CodeSignInPage() -> impl IntoView {
    let feedback = Resource::new_blocking(|| (), |_| take_form_feedback(CODE_SIGN_IN_FORM.to_owned()));
    view! {
        <Page>
            <h1><Icon name="log-in"/>{sv::SIGN_IN_TITLE}</h1>
            <p>{sv::SIGN_IN_INTRO}</p>
            <p>{sv::SIGN_IN_SCAN}</p>
            <Suspense>
                {move || Suspend::new(async move {
                    let fb = feedback.await.ok().flatten().unwrap_or_default();
                    view! {
                        <Banner kind=BannerKind::Error message=fb.message.clone()/>
                        <form method="post" action=SignInCode::url() class="form" data-code-sign-in="">
                            <TextField name="code" label=sv::SIGN_IN_CODE_LABEL hint=sv::SIGN_IN_CODE_HINT
                                autocomplete="one-time-code" value=fb.value("code") error=fb.error("code")/>
                            <button type="submit" class="button">
                                <Icon name="log-in" size=24/><span>{sv::SIGN_IN_BUTTON}</span>
                            </button>
                        </form>
                        <script src="/sign-in-code.js" defer></script>
                    }
                })}
            </Suspense>
            <crate::routes::factors::PasskeyButton kind="sign-in" icon="smartphone" label=sv::SIGN_IN_WITH_PHONE
                secondary=true hint=sv::SIGN_IN_WITH_PHONE_HINT error=sv::PASSKEY_ERROR/>
            <p class="aside"><a href=paths::STAFF_SIGN_IN><Icon name="user-round" size=24/>{sv::SIGN_IN_STAFF_LINK}</a></p>
        </Page>
    }
}

/// `/logga-in/personal`: e-mail and password for staff and admin.
#[component]
pub fn StaffSignInPage() -> impl IntoView {
    // What the form left, and what a change before it said (a password chosen from an invitation).
    let feedback = Resource::new_blocking(
        || (),
        |_| async move {
            let fb = take_form_feedback(STAFF_SIGN_IN_FORM.to_owned()).await.ok().flatten().unwrap_or_default();
            let notice = crate::functions::take_notice(paths::STAFF_SIGN_IN.to_owned()).await.ok().flatten();
            (fb, notice)
        },
    );
    view! {
        <Page>
            <h1><Icon name="log-in"/>{staff::SIGN_IN_TITLE}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    let (fb, notice) = feedback.await;
                    view! {
                        <Banner kind=BannerKind::Success message=notice/>
                        <Banner kind=BannerKind::Error message=fb.message.clone()/>
                        <form method="post" action=SignInStaff::url() class="form">
                            <TextField name="email" label=staff::SIGN_IN_EMAIL kind="email" autocomplete="username"
                                value=fb.value("email") error=fb.error("email")/>
                            <TextField name="password" label=staff::SIGN_IN_PASSWORD kind="password"
                                autocomplete="current-password" error=fb.error("password")/>
                            <button type="submit" class="button">
                                <Icon name="log-in" size=24/><span>{staff::SIGN_IN_BUTTON}</span>
                            </button>
                        </form>
                    }
                })}
            </Suspense>
            <crate::routes::factors::PasskeyButton kind="sign-in" icon="key-round"
                label=crate::texts::factors::WITH_PASSKEY secondary=true
                hint=crate::texts::factors::PASSKEY_ALONE_HINT error=crate::texts::factors::PASSKEY_FAILED/>
            <p class="aside"><a href=paths::SIGN_IN><Icon name="key-round" size=24/>{staff::SIGN_IN_WITH_CODE}</a></p>
        </Page>
    }
}
