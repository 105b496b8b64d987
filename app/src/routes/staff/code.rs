//! `/personal/deltagare/{id}/kod`: a single-use sign-in code for the
//! participant or one of their relatives, shown as text and as a QR code for
//! the phone's camera; and signing out everywhere after a lost phone.

use crate::components::{Banner, BannerKind, PostButton};
use crate::functions::auth::{CreateSignInCode, take_new_sign_in_code};
use crate::functions::passkeys::{Device, RemoveDevice, participant_devices};
use crate::functions::staff::{EndParticipantSessions, EndRelativeSessions};
use crate::layouts::staff_page;
use crate::models::{NewSignInCode, RecordAccess};
use crate::paths::RecordPart;
use crate::routes::staff::record::RecordNav;
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let id = crate::routes::id_param();
    staff_page(
        move || async move {
            let record = crate::functions::record::load_record_access(id).await?;
            let (code, ended) = take_new_sign_in_code(id).await?;
            let devices = participant_devices(id).await?;
            Ok((record, code, ended, devices))
        },
        |(record, code, ended, devices): (RecordAccess, Option<NewSignInCode>, bool, Vec<Device>)| {
            view! { <CodePanel record code ended devices/> }
        },
    )
}

#[component]
fn CodePanel(record: RecordAccess, code: Option<NewSignInCode>, ended: bool, devices: Vec<Device>) -> impl IntoView {
    let participant_id = record.participant_id;
    let for_whom = code.as_ref().map(|c| match c.relative_id {
        None => record.name.clone(),
        Some(r) => record.relatives.iter().find(|x| x.id == r).map(|x| x.name.clone()).unwrap_or_default(),
    });
    let participant = || vec![("participant_id", participant_id.to_string())];
    let relative = move |id: i64| vec![("participant_id", participant_id.to_string()), ("relative_id", id.to_string())];
    view! {
        <RecordNav participant_id name=record.name.clone() current=RecordPart::Code.segment()/>
        <Banner kind=BannerKind::Info message=ended.then(|| text::CODE_SIGNED_OUT.to_owned())/>
        {match code {
            Some(code) => {
                let svg = code.qr_svg.find("<svg").map(|i| code.qr_svg[i..].to_owned()).unwrap_or_default();
                let until = crate::texts::time_in_words(code.expires_at);
                view! {
                    <div class="card code-card">
                        <h2>{text::code_for(&for_whom.unwrap_or_default())}</h2>
                        <p>{text::CODE_HOW_TO_USE}</p>
                        <div class="qr" role="img" aria-label=text::CODE_QR_LABEL inner_html=svg></div>
                        <p class="code" aria-label=text::code_spelled(&code.code)>{code.grouped.clone()}</p>
                        <p>{text::code_valid_until(&until)}</p>
                    </div>
                }.into_any()
            }
            None => view! { <p>{text::CODE_INTRO}</p> }.into_any(),
        }}
        <PostButton action=CreateSignInCode::url() hidden=participant() icon="key-round" label=text::CODE_CREATE/>
        {(!record.relatives.is_empty()).then(|| view! {
            <h2>{text::CODE_RELATIVE_TITLE}</h2>
            <p>{text::CODE_RELATIVE_SEES}</p>
            <ul class="plain-list">
                {record.relatives.iter().map(|r| view! {
                    <li class="row-actions">
                        <PostButton action=CreateSignInCode::url() hidden=relative(r.id) icon="key-round" secondary=true
                            label=text::code_create_for_relative(&r.name, r.relation.label_sv())/>
                        <PostButton action=EndRelativeSessions::url() hidden=relative(r.id) icon="log-out"
                            secondary=true
                            label=text::code_sign_out_relative(&r.name)/>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <Devices participant_id devices relatives=record.relatives.iter().map(|r| (r.id, r.name.clone())).collect()/>
        <h2>{text::CODE_LOST_PHONE_TITLE}</h2>
        <p>{text::CODE_LOST_PHONE}</p>
        <PostButton action=EndParticipantSessions::url() hidden=participant() icon="log-out" secondary=true
            label=text::CODE_SIGN_OUT_EVERYWHERE/>
    }
}

/// The phones and computers where the participant saved the sign-in (passkeys):
/// when each was saved and last used, and a button to remove one (a lost phone).
#[component]
fn Devices(participant_id: i64, devices: Vec<Device>, relatives: Vec<(i64, String)>) -> impl IntoView {
    use crate::texts::factors as f;
    view! {
        <h2>{f::DEVICES_TITLE}</h2>
        {if devices.is_empty() {
            view! { <p>{f::DEVICES_NONE}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list devices">
                    {devices.into_iter().map(|d| {
                        let hidden = vec![
                            ("participant_id", participant_id.to_string()),
                            ("passkey_id", d.id.to_string()),
                        ];
                        view! {
                            <li class="row-actions">
                                <p>
                                    {d.relative_id.and_then(|id| relatives.iter().find(|(r, _)| *r == id))
                                        .map(|(_, name)| format!("{name}: "))}
                                    <strong>{d.label.clone()}</strong>". "
                                    {format!("{}: {}. ", f::DEVICE_SAVED_ON, d.saved_on)}
                                    {format!("{}: {}.", f::DEVICE_LAST_USED,
                                        d.last_used.clone().unwrap_or_else(|| f::DEVICE_NEVER_USED.to_owned()))}
                                </p>
                                <PostButton action=RemoveDevice::url() hidden icon="log-out" secondary=true
                                    label=f::device_remove(&d.label)/>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
