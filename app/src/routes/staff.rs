//! The staff start page: the unit's participants.

use crate::components::{ErrorPanel, Icon};
use crate::errors::AppError;
use crate::functions::auth::{CreateSignInCode, current_viewer, take_new_sign_in_code};
use crate::functions::staff::{EndParticipantSessions, load_staff_home};
use crate::layouts::Page;
use crate::models::{NewSignInCode, StaffHome};
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| async { (current_viewer().await, load_staff_home().await) });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    (_, Err(AppError::NotSignedIn)) => view! { <Redirect path="/logga-in/personal"/> }.into_any(),
                    (viewer, Ok(home)) => view! { <Page viewer=viewer.ok().flatten()><Roster home/></Page> }.into_any(),
                    (viewer, Err(error)) => view! {
                        <Page viewer=viewer.ok().flatten()><ErrorPanel error/></Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Roster(home: StaffHome) -> impl IntoView {
    let count = home.participants.len();
    view! {
        <h1><Icon name="users"/>{home.unit_name}</h1>
        <p>{format!("{count} deltagare")}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Deltagare">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Namn"</th>
                        <th scope="col">"Steg"</th>
                        <th scope="col">"Form"</th>
                        <th scope="col">"Nästa möte och svar"</th>
                        <th scope="col">"Inloggning"</th>
                    </tr>
                </thead>
                <tbody>
                    {home.participants.into_iter().map(|p| view! {
                        <tr>
                            <td><a href=format!("/personal/deltagare/{}", p.participant_id)>{p.name.clone()}</a></td>
                            <td>{p.step.label_sv()}</td>
                            <td>{p.dv_form.label_sv()}</td>
                            <td>
                                {match p.next_meeting {
                                    Some((at, answer)) => format!(
                                        "{}: {}",
                                        crate::texts::capitalise(&crate::texts::day_and_time_in_words(at)),
                                        answer.label_sv()
                                    ),
                                    None => "Inget inbokat".to_owned(),
                                }}
                            </td>
                            <td>
                                <a href=format!("/personal/deltagare/{}/kod", p.participant_id)
                                    aria-label=format!("Skapa kod för {}", p.name)>"Skapa kod"</a>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/personal/deltagare/:id/kod`: make a single-use sign-in code and show it as
/// text and as a QR code for the participant's phone camera.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    let participant_id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()));
    let data = Resource::new_blocking(
        || (),
        move |_| async move { (current_viewer().await, take_new_sign_in_code(participant_id.unwrap_or_default()).await) },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    (Ok(None), _) | (_, Err(AppError::NotSignedIn)) => {
                        view! { <Redirect path="/logga-in/personal"/> }.into_any()
                    }
                    (viewer, code) => view! {
                        <Page viewer=viewer.ok().flatten()>
                            <h1><Icon name="qr-code"/>"Inloggningskod"</h1>
                            {match (participant_id, code) {
                                (None, _) => view! { <NotFoundPage/> }.into_any(),
                                (Some(id), Ok((code, ended))) => view! { <CodePanel participant_id=id code ended/> }.into_any(),
                                (Some(_), Err(error)) => view! { <ErrorPanel error/> }.into_any(),
                            }}
                        </Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CodePanel(participant_id: i64, code: Option<NewSignInCode>, ended: bool) -> impl IntoView {
    view! {
        {ended.then(|| view! {
            <div class="panel" role="status"><p>"Deltagaren är utloggad på alla mobiler."</p></div>
        })}
        {match code {
            Some(code) => {
                let svg = code.qr_svg.find("<svg").map(|i| code.qr_svg[i..].to_owned()).unwrap_or_default();
                let until = crate::texts::time_in_words(code.expires_at);
                view! {
                    <div class="card code-card">
                        <p>"Deltagaren skannar koden med mobilens kamera, eller skriver in den på sidan Logga in."</p>
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
        <h2>"Borttappad mobil?"</h2>
        <p>"Logga ut deltagaren på alla mobiler. Deltagaren loggar sedan in med en ny kod."</p>
        <form method="post" action=EndParticipantSessions::url()>
            <input type="hidden" name="participant_id" value=participant_id.to_string()/>
            <button type="submit" class="button button-secondary">
                <Icon name="log-out" size=24/><span>"Logga ut på alla mobiler"</span>
            </button>
        </form>
        <p class="aside"><a href="/personal"><Icon name="arrow-left" size=24/>"Tillbaka till deltagarna"</a></p>
    }
}
