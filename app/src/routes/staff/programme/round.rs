//! `/personal/programmet/omgang/{id}`: one round with its sessions, the group,
//! the waiting list, enrolment and the number of places.

use super::{session_path, visit_options};
use crate::components::{FormMessage, Icon, SelectField, TextField};
use crate::functions::programme::{
    AddRoundSession, CAPACITY_FORM, EnrolParticipant, GiveSeat, NEW_SESSION_FORM, SetRoundCapacity,
    WithdrawParticipant, load_round,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, RoundDetail};
use crate::routes::{feedback, id_param};
use crate::texts::staff_time_span;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/personal/programmet/omgang/:id`.
#[component]
pub fn RoundPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let round = load_round(id).await?;
            let capacity = feedback(take_form_feedback(CAPACITY_FORM.to_owned()).await);
            let session = feedback(take_form_feedback(NEW_SESSION_FORM.to_owned()).await);
            Ok((round, capacity, session))
        },
        |(round, fb, session): (RoundDetail, FormFeedback, FormFeedback)| view! { <Round detail=round fb session/> },
    )
}

#[component]
fn PersonButton(action: String, round_id: i64, participant_id: i64, label: String, secondary: bool) -> impl IntoView {
    view! {
        <form method="post" action=action>
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <input type="hidden" name="participant_id" value=participant_id.to_string()/>
            <button type="submit" class="button" class:button-secondary=secondary>{label}</button>
        </form>
    }
}

#[component]
fn Round(detail: RoundDetail, fb: FormFeedback, session: FormFeedback) -> impl IntoView {
    let r = detail.round.clone();
    let round_id = r.id;
    let capacity_value = if fb.values.is_empty() { r.capacity.to_string() } else { fb.value("capacity") };
    let offer = detail.offer().cloned();
    let candidates: Vec<(String, String)> = detail
        .candidates
        .iter()
        .map(|c| {
            let queued = if detail.interested.contains(&c.id) { " (intresseanmäld)" } else { "" };
            (c.id.to_string(), format!("{}{queued}", c.name))
        })
        .collect();
    view! {
        <h1><Icon name="briefcase"/>{r.name.clone()}</h1>
        <dl class="facts">
            <dt>"Form"</dt><dd>{r.form.label_sv()}</dd>
            <dt>"Plats"</dt><dd>{r.place.clone()}</dd>
            <dt>"Ansvarig"</dt><dd>{r.responsible.clone().unwrap_or_else(|| "Ingen vald".to_owned())}</dd>
            <dt>"Platser"</dt><dd>{format!("{} av {} tagna, {} i kön", r.enrolled, r.capacity, r.waiting)}</dd>
        </dl>

        {(!detail.follow_up_due.is_empty()).then(|| view! {
            <div class="panel" role="status">
                <h2><Icon name="calendar-days"/>"Dags för uppföljning"</h2>
                <p>"Omgången är klar. Boka ett uppföljningsmöte där ni ser över den gemensamma planen för:"</p>
                <ul>{detail.follow_up_due.iter().map(|p| view! {
                    <li><a href=format!("/personal/deltagare/{}/moten", p.id)>{format!("Boka uppföljning för {}", p.name)}</a></li>
                }).collect_view()}</ul>
            </div>
        })}

        {offer.map(|first| view! {
            <div class="panel" role="status">
                <h2>"En plats är ledig"</h2>
                <p>{format!("Först i kön står {}. Har personen sagt ja till platsen?", first.name)}</p>
                <PersonButton action=GiveSeat::url().to_owned() round_id participant_id=first.participant_id
                    label=format!("Ge platsen till {}", first.name) secondary=false/>
            </div>
        })}

        <h2>"Tillfällen"</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Tillfällen">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Nr"</th>
                        <th scope="col">"När"</th>
                        <th scope="col">"Tema"</th>
                        <th scope="col">"Lokal"</th>
                        <th scope="col">"Besök"</th>
                        <th scope="col">"Närvaro"</th>
                        <th scope="col">"Ändra"</th>
                    </tr>
                </thead>
                <tbody>
                    {detail.sessions.iter().enumerate().map(|(i, s)| view! {
                        <tr>
                            <td>{i + 1}</td>
                            <td>{staff_time_span(s.starts_at, s.ends_at)}</td>
                            <td>{s.theme.clone()}</td>
                            <td>{s.place.clone()}</td>
                            <td>{s.visit.label_sv()}</td>
                            <td>
                                <a href=session_path(s.id)>
                                    {format!("Närvaro för tillfälle {}", i + 1)}
                                    {(s.marked > 0).then(|| format!(" ({} markerade)", s.marked))}
                                </a>
                            </td>
                            <td><a href=format!("{}/andra", session_path(s.id))>{format!("Ändra tillfälle {}", i + 1)}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>

        <details class="inline-form" open=!session.values.is_empty()>
            <summary>"Lägg till ett tillfälle"</summary>
            <FormMessage message=session.message.clone()/>
            <form method="post" action=AddRoundSession::url() class="form">
                <input type="hidden" name="round_id" value=round_id.to_string()/>
                <TextField name="date" label="Datum" kind="date" value=session.value("date") error=session.error("date")/>
                <TextField name="start" label="Start" kind="time" value=session.value("start")/>
                <TextField name="end" label="Slut" kind="time" value=session.value("end")/>
                <TextField name="theme" label="Tema" value=session.value("theme") error=session.error("theme")/>
                <TextField name="place" label="Lokal"
                    value=if session.values.is_empty() { r.place.clone() } else { session.value("place") }
                    error=session.error("place")/>
                <SelectField name="visit" label="Besök" options=visit_options() value=session.value("visit") error=session.error("visit")/>
                <button type="submit" class="button button-secondary"><span>"Lägg till tillfället"</span></button>
            </form>
        </details>

        <h2>{format!("Antagna ({})", detail.enrolled.len())}</h2>
        {if detail.enrolled.is_empty() {
            view! { <p>"Ingen är antagen ännu."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Antagna">
                    <table>
                        <thead><tr><th scope="col">"Namn"</th><th scope="col">"Närvaro"</th><th scope="col">"Åtgärd"</th></tr></thead>
                        <tbody>
                            {detail.enrolled.iter().map(|p| view! {
                                <tr>
                                    <td><a href=format!("/personal/deltagare/{}", p.participant_id)>{p.name.clone()}</a></td>
                                    <td>{format!("{} närvarande, {} frånvarande", p.present, p.absent)}</td>
                                    <td><PersonButton action=WithdrawParticipant::url().to_owned() round_id
                                        participant_id=p.participant_id label=format!("Avanmäl {}", p.name) secondary=true/></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}

        <h2>{format!("Kölista ({})", detail.waiting.len())}</h2>
        {if detail.waiting.is_empty() {
            view! { <p>"Ingen står i kön."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Kölista">
                    <table>
                        <thead><tr><th scope="col">"Plats i kön"</th><th scope="col">"Namn"</th><th scope="col">"Åtgärd"</th></tr></thead>
                        <tbody>
                            {detail.waiting.iter().map(|p| view! {
                                <tr>
                                    <td>{p.position.unwrap_or_default()}</td>
                                    <td>{p.name.clone()}</td>
                                    <td><PersonButton action=WithdrawParticipant::url().to_owned() round_id
                                        participant_id=p.participant_id label=format!("Ta bort {} ur kön", p.name) secondary=true/></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}

        <h2>"Anmäl en deltagare"</h2>
        <p>"När omgången är full hamnar personen i kön."</p>
        <form method="post" action=EnrolParticipant::url() class="form">
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <SelectField name="participant_id" label="Deltagare" options=std::iter::once((String::new(), "Välj deltagare".to_owned())).chain(candidates).collect()/>
            <button type="submit" class="button"><Icon name="plus" size=24/><span>"Anmäl"</span></button>
        </form>

        <h2>"Antal platser"</h2>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=SetRoundCapacity::url() class="form">
            <input type="hidden" name="round_id" value=round_id.to_string()/>
            <TextField name="capacity" label="Antal platser" hint="1 till 20, inte färre än de antagna" kind="number"
                value=capacity_value error=fb.error("capacity")/>
            <button type="submit" class="button button-secondary"><span>"Spara antal platser"</span></button>
        </form>
        <p class="aside"><a href="/personal/programmet"><Icon name="arrow-left" size=24/>"Tillbaka till programmet"</a></p>
    }
}
