//! Staff pages for the work-preparation programme: the rounds and the queue,
//! a new round, one round, and attendance for one session.

use crate::components::{FormMessage, Icon, SelectField, TextField};
use crate::domain::{AttendanceMark, RoundForm, SessionVisit};
use crate::functions::programme::{
    AddRoundSession, CAPACITY_FORM, CreateRound, DismissInterest, EnrolParticipant, GiveSeat, INTEREST_FORM,
    NEW_ROUND_FORM, NEW_SESSION_FORM, RecordAttendance, RegisterInterest, SESSION_FORM, SetRoundCapacity,
    UpdateSession, WithdrawParticipant, load_attendance_sheet, load_programme_overview, load_round,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{AttendanceSheet, Choice, FormFeedback, ProgrammeOverview, RoundDetail, RoundSummary};
use crate::routes::{feedback, id_param};
use crate::texts::{staff_time, staff_time_span};
use chrono::Datelike;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn choices(list: &[Choice], empty: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), empty.to_owned()))
        .chain(list.iter().map(|c| (c.id.to_string(), c.name.clone())))
        .collect()
}

fn visit_options() -> Vec<(String, String)> {
    SessionVisit::ALL.iter().map(|v| (v.as_str().to_owned(), v.label_sv().to_owned())).collect()
}

pub fn round_path(id: i64) -> String {
    format!("/personal/programmet/omgang/{id}")
}

pub fn session_path(id: i64) -> String {
    format!("/personal/programmet/tillfalle/{id}")
}

/// `/personal/programmet`.
#[component]
pub fn ProgrammeOverviewPage() -> impl IntoView {
    staff_page(
        || async {
            let overview = load_programme_overview().await?;
            Ok((overview, feedback(take_form_feedback(INTEREST_FORM.to_owned()).await)))
        },
        |(overview, fb): (ProgrammeOverview, FormFeedback)| view! { <Overview overview fb/> },
    )
}

#[component]
fn Overview(overview: ProgrammeOverview, fb: FormFeedback) -> impl IntoView {
    let this_year = overview.this_year;
    let years = [this_year, this_year + 1];
    let group_rounds = |year: i32, spring: bool| {
        overview
            .rounds
            .iter()
            .filter(|r| {
                r.form == RoundForm::Group && r.starts_on.year() == year && (r.starts_on.month() <= 6) == spring
            })
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
    };
    view! {
        <h1><Icon name="briefcase"/>"Arbetsnärmande programmet"</h1>
        <p>{overview.unit_name.clone()}</p>
        <p><a class="button" href="/personal/programmet/ny-omgang"><Icon name="plus" size=24/><span>"Ny omgång"</span></a></p>

        <h2>"Årsplan"</h2>
        <p>"Planen är två gruppomgångar om året: en på våren och en på hösten."</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Årsplan">
            <table>
                <thead><tr><th scope="col">"År"</th><th scope="col">"Våren"</th><th scope="col">"Hösten"</th></tr></thead>
                <tbody>
                    {years.into_iter().map(|year| {
                        let cell = |names: Vec<String>| if names.is_empty() { "Ingen gruppomgång ännu".to_owned() } else { names.join(", ") };
                        view! {
                            <tr>
                                <th scope="row">{year}</th>
                                <td>{cell(group_rounds(year, true))}</td>
                                <td>{cell(group_rounds(year, false))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>

        <h2>"Omgångar"</h2>
        {if overview.rounds.is_empty() {
            view! { <p>"Inga omgångar ännu."</p> }.into_any()
        } else {
            view! { <RoundTable rounds=overview.rounds.clone()/> }.into_any()
        }}

        <h2>"Intresseanmälningar"</h2>
        <p>{format!("{} i kön, den som anmälde sig först står överst.", overview.queue.len())}</p>
        {(!overview.queue.is_empty()).then(|| view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Intresseanmälningar">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Namn"</th>
                            <th scope="col">"Sedan"</th>
                            <th scope="col">"Anmäld av"</th>
                            <th scope="col">"Anteckning"</th>
                            <th scope="col">"Åtgärd"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {overview.queue.iter().map(|q| view! {
                            <tr>
                                <td>{q.name.clone()}</td>
                                <td>{staff_time(q.since)}</td>
                                <td>{q.by.clone()}</td>
                                <td>{q.round.clone().map(|r| format!("Vill gå {r}. ")).unwrap_or_default()}{q.note.clone()}</td>
                                <td>
                                    <form method="post" action=DismissInterest::url()>
                                        <input type="hidden" name="participant_id" value=q.participant_id.to_string()/>
                                        <button type="submit" class="button button-secondary"
                                            aria-label=format!("Ta bort ur kön: {}", q.name)>"Ta bort ur kön"</button>
                                    </form>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <h3>"Anmäl intresse för en deltagare"</h3>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=RegisterInterest::url() class="form">
            <SelectField name="participant_id" label="Deltagare" options=choices(&overview.participants, "Välj deltagare")
                value=fb.value("participant_id") error=fb.error("participant_id")/>
            <TextField name="note" label="Anteckning (valfri)" hint="Till exempel: frågade på planeringsmötet."
                value=fb.value("note") error=fb.error("note")/>
            <button type="submit" class="button"><Icon name="plus" size=24/><span>"Lägg till i kön"</span></button>
        </form>
    }
}

#[component]
fn RoundTable(rounds: Vec<RoundSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Omgångar">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Omgång"</th>
                        <th scope="col">"Form"</th>
                        <th scope="col">"Start"</th>
                        <th scope="col">"Platser"</th>
                        <th scope="col">"Kö"</th>
                        <th scope="col">"Ansvarig"</th>
                    </tr>
                </thead>
                <tbody>
                    {rounds.into_iter().map(|r| view! {
                        <tr>
                            <td><a href=round_path(r.id)>{r.name.clone()}</a></td>
                            <td>{r.form.label_sv()}</td>
                            <td>{r.starts_on.to_string()}</td>
                            <td>{format!("{} av {}", r.enrolled, r.capacity)}</td>
                            <td>{r.waiting}</td>
                            <td>{r.responsible.clone().unwrap_or_else(|| "Ingen vald".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// `/personal/programmet/ny-omgang`.
#[component]
pub fn NewRoundPage() -> impl IntoView {
    staff_page(
        || async {
            let overview = load_programme_overview().await?;
            Ok((overview.staff, feedback(take_form_feedback(NEW_ROUND_FORM.to_owned()).await)))
        },
        |(staff, fb): (Vec<Choice>, FormFeedback)| view! { <NewRoundForm staff fb/> },
    )
}

#[component]
fn NewRoundForm(staff: Vec<Choice>, fb: FormFeedback) -> impl IntoView {
    let or = |field: &str, default: &str| {
        let v = fb.value(field);
        if fb.values.is_empty() { default.to_owned() } else { v }
    };
    let forms: Vec<(String, String)> =
        RoundForm::ALL.iter().map(|f| (f.as_str().to_owned(), f.label_sv().to_owned())).collect();
    view! {
        <h1><Icon name="plus"/>"Ny omgång"</h1>
        <p>"Tillfällena läggs in en gång i veckan från första datumet. Du kan ändra dem efteråt."</p>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=CreateRound::url() class="form">
            <TextField name="name" label="Namn" hint="Till exempel: Arbetsnärmande programmet, våren 2027"
                value=fb.value("name") error=fb.error("name")/>
            <SelectField name="form" label="Form" options=forms value=or("form", "group") error=fb.error("form")/>
            <TextField name="place" label="Plats" hint="Lokal på daglig verksamhet"
                value=fb.value("place") error=fb.error("place")/>
            <SelectField name="responsible" label="Ansvarig" options=choices(&staff, "Ingen vald")
                value=fb.value("responsible") error=fb.error("responsible")/>
            <TextField name="capacity" label="Antal platser" hint="1 till 20" kind="number"
                value=or("capacity", "6") error=fb.error("capacity")/>
            <TextField name="first_date" label="Första tillfället" hint="År-månad-dag" kind="date"
                value=fb.value("first_date") error=fb.error("first_date")/>
            <TextField name="start_time" label="Starttid" hint="Till exempel 13:00" kind="time"
                value=or("start_time", "13:00") error=fb.error("start_time")/>
            <TextField name="minutes" label="Minuter per tillfälle" hint="60 till 90" kind="number"
                value=or("minutes", "90") error=fb.error("minutes")/>
            <TextField name="count" label="Antal tillfällen" hint="Oftast 4 till 6" kind="number"
                value=or("count", "5") error=fb.error("count")/>
            <button type="submit" class="button"><Icon name="plus" size=24/><span>"Skapa omgången"</span></button>
        </form>
        <p class="aside"><a href="/personal/programmet"><Icon name="arrow-left" size=24/>"Tillbaka till programmet"</a></p>
    }
}

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

/// `/personal/programmet/tillfalle/:id`: the whole group on one screen.
#[component]
pub fn AttendancePage() -> impl IntoView {
    let id = id_param();
    staff_page(move || load_attendance_sheet(id), |sheet: AttendanceSheet| view! { <Attendance sheet/> })
}

#[component]
fn Attendance(sheet: AttendanceSheet) -> impl IntoView {
    let s = sheet.session.clone();
    let unmarked = sheet.rows.iter().any(|r| r.mark.is_none());
    view! {
        <h1><Icon name="list-checks"/>{format!("Närvaro, tillfälle {}", sheet.number)}</h1>
        <p>{format!("{} · {} · {}", sheet.round_name, staff_time_span(s.starts_at, s.ends_at), s.theme)}</p>
        {if sheet.rows.is_empty() {
            view! { <p>"Ingen är antagen till omgången."</p> }.into_any()
        } else {
            view! {
                {unmarked.then(|| view! { <p>"Förvalt är närvarande för den som inte har någon markering. Ändra för den som inte kom."</p> })}
                <form method="post" action=RecordAttendance::url() class="form attendance">
                    <input type="hidden" name="session_id" value=s.id.to_string()/>
                    {sheet.rows.iter().map(|row| {
                        let current = row.mark.unwrap_or(AttendanceMark::Present);
                        let pid = row.participant_id;
                        view! {
                            <fieldset class="attendance-row">
                                <legend>{row.name.clone()}</legend>
                                {AttendanceMark::ALL.iter().map(|m| {
                                    let id = format!("mark-{pid}-{}", m.as_str());
                                    view! {
                                        <label class="choice">
                                            <input type="radio" id=id name=format!("marks[{pid}]") value=m.as_str()
                                                checked=*m == current/>
                                            <span>{m.label_sv()}</span>
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                        }
                    }).collect_view()}
                    <button type="submit" class="button"><Icon name="circle-check" size=24/><span>"Spara närvaron"</span></button>
                </form>
            }.into_any()
        }}
        <p class="aside"><a href=round_path(sheet.round_id)><Icon name="arrow-left" size=24/>"Tillbaka till omgången"</a></p>
    }
}

/// `/personal/programmet/tillfalle/:id/andra`: time, theme, room and visits of one session.
#[component]
pub fn SessionEditPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let sheet = load_attendance_sheet(id).await?;
            Ok((sheet, feedback(take_form_feedback(SESSION_FORM.to_owned()).await)))
        },
        |(sheet, fb): (AttendanceSheet, FormFeedback)| view! { <SessionEdit sheet fb/> },
    )
}

#[component]
fn SessionEdit(sheet: AttendanceSheet, fb: FormFeedback) -> impl IntoView {
    let s = sheet.session.clone();
    let start = s.starts_at.with_timezone(&chrono_tz::Europe::Stockholm);
    let end = s.ends_at.with_timezone(&chrono_tz::Europe::Stockholm);
    let value = |field: &str, now: String| if fb.values.is_empty() { now } else { fb.value(field) };
    let visits = visit_options();
    view! {
        <h1><Icon name="calendar-days"/>{format!("Ändra tillfälle {}", sheet.number)}</h1>
        <p>{sheet.round_name.clone()}</p>
        <p>"De antagna får den nya tiden i sin app. Har tiden ändrats får de svara igen."</p>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=UpdateSession::url() class="form">
            <input type="hidden" name="session_id" value=s.id.to_string()/>
            <TextField name="date" label="Datum" kind="date" value=value("date", start.format("%Y-%m-%d").to_string()) error=fb.error("date")/>
            <TextField name="start" label="Start" kind="time" value=value("start", start.format("%H:%M").to_string())/>
            <TextField name="end" label="Slut" kind="time" value=value("end", end.format("%H:%M").to_string())/>
            <TextField name="theme" label="Tema" value=value("theme", s.theme.clone()) error=fb.error("theme")/>
            <TextField name="place" label="Lokal" value=value("place", s.place.clone()) error=fb.error("place")/>
            <SelectField name="visit" label="Besök" options=visits value=value("visit", s.visit.as_str().to_owned()) error=fb.error("visit")/>
            <button type="submit" class="button"><Icon name="circle-check" size=24/><span>"Spara tillfället"</span></button>
        </form>
        <p class="aside"><a href=round_path(sheet.round_id)><Icon name="arrow-left" size=24/>"Tillbaka till omgången"</a></p>
    }
}
