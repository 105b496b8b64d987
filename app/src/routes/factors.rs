//! Staff's second step of sign-in (`/logga-in/personal/kod`), registering the
//! first factor (`/logga-in/personal/ny-faktor`), and the security page
//! (`/personal/sakerhet`).

use crate::components::{Banner, BannerKind, Icon, TextField};
use crate::functions::factors::{
    REGISTER_FORM, RegisterTotp, SecondStep, SignInTotp, TotpEnrolment, VERIFY_FORM, load_second_step, security_page,
};
use crate::functions::take_form_feedback;
use crate::layouts::{Page, staff_page};
use crate::models::FormFeedback;
use crate::paths;
use crate::texts::factors as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::Redirect;

/// Loads the pending step and what the form left, before the first byte.
fn second_step_page(
    form: &'static str,
    show: impl Fn(SecondStep, FormFeedback) -> AnyView + Send + Sync + Clone + 'static,
) -> impl IntoView {
    let data = Resource::new_blocking(
        || (),
        move |_| async move { (load_second_step().await, take_form_feedback(form.to_owned()).await) },
    );
    view! {
        <Suspense>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    let (step, fb) = data.await;
                    let fb = crate::routes::feedback(fb);
                    match step {
                        Ok(step) => show(step, fb),
                        Err(error) => view! { <Page><crate::components::ErrorPanel error/></Page> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The pending sign-in is gone: back to the password.
fn expired() -> AnyView {
    view! {
        <Page>
            <h1><Icon name="log-in"/>{text::VERIFY_TITLE}</h1>
            <Banner kind=BannerKind::Error message=Some(text::PENDING_EXPIRED.to_owned())/>
            <p><a class="button" href=paths::STAFF_SIGN_IN><Icon name="log-in" size=24/>
                <span>{crate::texts::staff::SIGN_IN_TITLE}</span></a></p>
        </Page>
    }
    .into_any()
}

/// `/logga-in/personal/kod`: the code from the authenticator app.
#[component]
pub fn StaffVerifyPage() -> impl IntoView {
    second_step_page(VERIFY_FORM, |step, fb| match step {
        SecondStep::Expired => expired(),
        SecondStep::Register(_) => view! { <Redirect path=paths::STAFF_SIGN_IN_REGISTER/> }.into_any(),
        SecondStep::Verify { totp } => view! {
            <Page>
                <h1><Icon name="key-round"/>{text::VERIFY_TITLE}</h1>
                <p>{if totp { text::VERIFY_INTRO } else { text::VERIFY_PASSKEY_ONLY }}</p>
                <Banner kind=BannerKind::Error message=fb.message.clone()/>
                // An account with passkeys only gets no code field it cannot use.
                {totp.then(|| view! {
                    <form method="post" action=SignInTotp::url() class="form">
                        <TextField name="code" label=text::CODE_LABEL hint=text::CODE_HINT
                            autocomplete="one-time-code" error=fb.error("code")/>
                        <button type="submit" class="button">
                            <Icon name="log-in" size=24/><span>{text::VERIFY_BUTTON}</span>
                        </button>
                    </form>
                })}
                <PasskeyButton kind="sign-in" icon="key-round" label=text::WITH_PASSKEY secondary=totp
                    error=text::PASSKEY_FAILED/>
                <noscript><p>{text::PASSKEY_NEEDS_SCRIPT}</p></noscript>
            </Page>
        }
        .into_any(),
    })
}

/// The new secret as a QR code and as text, and the field for the first code.
#[component]
fn TotpForm(enrolment: TotpEnrolment, fb: FormFeedback, button: &'static str) -> impl IntoView {
    let svg = enrolment.qr_svg.find("<svg").map(|i| enrolment.qr_svg[i..].to_owned()).unwrap_or_default();
    view! {
        <p>{text::REGISTER_TOTP_INTRO}</p>
        <div class="qr" role="img" aria-label=text::TOTP_QR_LABEL inner_html=svg></div>
        <p>{text::TOTP_SECRET_LABEL}</p>
        <p class="code totp-secret">{enrolment.grouped.clone()}</p>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=RegisterTotp::url() class="form">
            <TextField name="code" label=text::CODE_LABEL hint=text::CODE_HINT
                autocomplete="one-time-code" error=fb.error("code")/>
            <button type="submit" class="button">
                <Icon name="key-round" size=24/><span>{button}</span>
            </button>
        </form>
    }
}

/// `/logga-in/personal/ny-faktor`: a new account, or one an administrator
/// reset, registers a second factor before it is signed in.
#[component]
pub fn StaffRegisterFactorPage() -> impl IntoView {
    second_step_page(REGISTER_FORM, |step, fb| match step {
        SecondStep::Expired => expired(),
        SecondStep::Verify { .. } => view! { <Redirect path=paths::STAFF_SIGN_IN_VERIFY/> }.into_any(),
        SecondStep::Register(enrolment) => view! {
            <Page>
                <h1><Icon name="key-round"/>{text::REGISTER_TITLE}</h1>
                <p>{text::REGISTER_INTRO}</p>
                <h2>{text::REGISTER_PASSKEY_TITLE}</h2>
                <p>{text::REGISTER_PASSKEY_INTRO}</p>
                <PasskeyButton kind="register" icon="key-round" label=text::REGISTER_PASSKEY_BUTTON
                    error=text::PASSKEY_FAILED/>
                <noscript><p>{text::PASSKEY_NEEDS_SCRIPT}</p></noscript>
                <h2>{text::REGISTER_TOTP_TITLE}</h2>
                <TotpForm enrolment fb button=text::REGISTER_TOTP_BUTTON/>
            </Page>
        }
        .into_any(),
    })
}

/// `/personal/sakerhet`: the staff member's second factors.
#[component]
pub fn SecurityPage() -> impl IntoView {
    staff_page(
        || async move {
            let page = security_page().await?;
            let fb = take_form_feedback(REGISTER_FORM.to_owned()).await.ok().flatten().unwrap_or_default();
            Ok((page, fb))
        },
        |((has_totp, enrolment), fb): ((bool, TotpEnrolment), FormFeedback)| {
            view! {
                <h1><Icon name="key-round"/>{text::SECURITY_TITLE}</h1>
                <MyPasskeys/>
                <h2>{text::REGISTER_TOTP_TITLE}</h2>
                <p>{if has_totp { text::SECURITY_TOTP_ON } else { text::SECURITY_TOTP_OFF }}</p>
                <TotpForm enrolment fb button=text::REGISTER_TOTP_TITLE/>
            }
        },
    )
}

/// A passkey button with its script: hidden until `public/passkey.js` finds
/// that the browser has passkeys; a failure shows `error` below it.
#[component]
pub fn PasskeyButton(
    /// "register" or "sign-in".
    kind: &'static str,
    label: &'static str,
    icon: &'static str,
    #[prop(optional)] secondary: bool,
    #[prop(optional)] hint: Option<&'static str>,
    error: &'static str,
) -> impl IntoView {
    view! {
        <div class="passkey" data-passkey-box="" hidden>
            {hint.map(|h| view! { <p>{h}</p> })}
            <button type="button" class="button" class:button-secondary=secondary data-passkey=kind>
                <Icon name=icon size=24/><span>{label}</span>
            </button>
            // The class sets `display`, which would override `hidden`: the wrapper hides.
            <div role="alert" data-passkey-error="" hidden>
                <p class="error-message"><Icon name="triangle-alert" size=24/><span>{error}</span></p>
            </div>
            <script type="module" src="/passkey.js"></script>
        </div>
    }
}

/// On a participant's or relative's start page, until they have one: save the
/// sign-in on this phone.
#[component]
pub fn PasskeyOffer() -> impl IntoView {
    let just_saved = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get(crate::functions::passkeys::SAVED_PARAM).is_some_and(|v| v == "1"));
    let offer = Resource::new(
        || (),
        move |_| async move {
            let offered = crate::functions::passkeys::passkey_offer().await.unwrap_or(false);
            // Said only when a passkey is there: the address alone proves nothing.
            let saved = (just_saved && !offered).then(|| crate::texts::sv::PASSKEY_SAVED.to_owned());
            (offered, saved)
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let (offered, saved) = offer.await;
                let saved = view! { <Banner kind=BannerKind::Success message=saved/> };
                let offer = offered.then(|| view! {
                    <section class="card passkey-offer" aria-labelledby="save-sign-in">
                        <h2 id="save-sign-in"><Icon name="smartphone"/>{crate::texts::sv::PASSKEY_OFFER_TITLE}</h2>
                        <p>{crate::texts::sv::PASSKEY_OFFER_TEXT}</p>
                        <PasskeyButton kind="register" icon="smartphone" label=crate::texts::sv::PASSKEY_OFFER_BUTTON
                            error=crate::texts::sv::PASSKEY_ERROR/>
                    </section>
                });
                view! { {saved}{offer} }
            })}
        </Suspense>
    }
}

/// The security page's list of the staff member's passkeys, and a button to save one.
#[component]
fn MyPasskeys() -> impl IntoView {
    let mine = Resource::new(|| (), |_| crate::functions::passkeys::my_passkeys());
    view! {
        <h2>{text::SECURITY_PASSKEYS_TITLE}</h2>
        <Suspense>
            {move || Suspend::new(async move {
                let mine = mine.await.unwrap_or_default();
                if mine.is_empty() {
                    view! { <p>{text::SECURITY_NO_PASSKEYS}</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {mine.into_iter().map(|d| view! {
                                <li>{format!("{} ({} {})", d.label, text::DEVICE_SAVED_ON.to_lowercase(), d.saved_on)}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Suspense>
        <p>{text::REGISTER_PASSKEY_INTRO}</p>
        <PasskeyButton kind="register" icon="key-round" label=text::REGISTER_PASSKEY_BUTTON error=text::PASSKEY_FAILED/>
        <noscript><p>{text::PASSKEY_NEEDS_SCRIPT}</p></noscript>
    }
}
