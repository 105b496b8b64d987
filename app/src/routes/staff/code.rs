//! `/personal/deltagare/{id}/kod`: a single-use sign-in code for the
//! participant or one of their relatives, and signing out everywhere.

use crate::components::Icon;
use crate::functions::auth::{CreateSignInCode, take_new_sign_in_code};
use crate::functions::staff::{EndParticipantSessions, EndRelativeSessions};
use crate::layouts::staff_page;
use crate::models::{NewSignInCode, ParticipantRecord};
use crate::routes::staff_record::RecordNav;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/personal/deltagare/:id/kod`: make a single-use sign-in code for the
/// participant or one of their relatives, shown as text and as a QR code for
/// the phone's camera.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    let id = crate::routes::id_param();
    staff_page(
        move || async move {
            let record = crate::functions::record::load_record(id).await?;
            let (code, ended) = take_new_sign_in_code(id).await?;
            Ok((record, code, ended))
        },
        |(record, code, ended): (ParticipantRecord, Option<NewSignInCode>, bool)| {
            view! { <CodePanel record code ended/> }
        },
    )
}

#[component]
fn CodePanel(record: ParticipantRecord, code: Option<NewSignInCode>, ended: bool) -> impl IntoView {
    let participant_id = record.participant_id;
    let for_whom = code.as_ref().map(|c| match c.relative_id {
        None => record.name.clone(),
        Some(r) => record.relatives.iter().find(|x| x.id == r).map(|x| x.name.clone()).unwrap_or_default(),
    });
    view! {
        <RecordNav participant_id name=record.name.clone() current="kod"/>
        {ended.then(|| view! {
            <div class="panel" role="status"><p>"Deltagaren är utloggad på alla mobiler."</p></div>
        })}
        {match code {
            Some(code) => {
                let svg = code.qr_svg.find("<svg").map(|i| code.qr_svg[i..].to_owned()).unwrap_or_default();
                let until = crate::texts::time_in_words(code.expires_at);
                view! {
                    <div class="card code-card">
                        <h2>{format!("Kod för {}", for_whom.unwrap_or_default())}</h2>
                        <p>"Skanna koden med mobilens kamera, eller skriv in den på sidan Logga in."</p>
                        <div class="qr" role="img" aria-label="QR-kod som öppnar inloggningen med koden" inner_html=svg></div>
                        <p class="code" aria-label=format!("Koden är {}", code.code.chars().map(String::from).collect::<Vec<_>>().join(" "))>
                            {code.grouped.clone()}
                        </p>
                        <p>{format!("Koden fungerar en gång, till klockan {until}.")}</p>
                    </div>
                }.into_any()
            }
            None => view! {
                <p>"Skapa en kod som deltagaren loggar in med på sin mobil. Koden gäller i 10 minuter och fungerar en gång."</p>
            }.into_any(),
        }}
        <form method="post" action=CreateSignInCode::url()>
            <input type="hidden" name="participant_id" value=participant_id.to_string()/>
            <button type="submit" class="button"><Icon name="key-round" size=24/><span>"Skapa en ny kod"</span></button>
        </form>
        {(!record.relatives.is_empty()).then(|| view! {
            <h2>"Kod för en anhörig eller god man"</h2>
            <p>"Den anhöriga ser bara det som deltagaren har samtyckt till att dela."</p>
            <ul class="plain-list">
                {record.relatives.iter().map(|r| view! {
                    <li class="row-actions">
                        <form method="post" action=CreateSignInCode::url()>
                            <input type="hidden" name="participant_id" value=participant_id.to_string()/>
                            <input type="hidden" name="relative_id" value=r.id.to_string()/>
                            <button type="submit" class="button button-secondary">
                                <Icon name="key-round" size=24/>
                                <span>{format!("Skapa kod för {} ({})", r.name, r.relation.label_sv().to_lowercase())}</span>
                            </button>
                        </form>
                        <form method="post" action=EndRelativeSessions::url()>
                            <input type="hidden" name="participant_id" value=participant_id.to_string()/>
                            <input type="hidden" name="relative_id" value=r.id.to_string()/>
                            <button type="submit" class="button button-secondary">
                                <Icon name="log-out" size=24/><span>{format!("Logga ut {} överallt", r.name)}</span>
                            </button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2>"Borttappad mobil?"</h2>
        <p>"Logga ut deltagaren på alla mobiler. Deltagaren loggar sedan in med en ny kod."</p>
        <form method="post" action=EndParticipantSessions::url()>
            <input type="hidden" name="participant_id" value=participant_id.to_string()/>
            <button type="submit" class="button button-secondary">
                <Icon name="log-out" size=24/><span>"Logga ut på alla mobiler"</span>
            </button>
        </form>
    }
}
