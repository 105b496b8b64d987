//! The participant record for staff: an overview, and one page each for the
//! plan (with its versions), meetings, consents and steps.

use crate::components::{Checkboxes, FormMessage, Icon, SelectField, TextArea, TextField};
use crate::domain::{
    CodeEnum, ConsentMethod, ConsentScope, DischargeOutcome, DvForm, LadderStep, MeetingKind, MeetingStatus,
    Organisation,
};
use crate::functions::record::{
    AddConsent, AddContactPerson, AddExtendedSupport, CONSENT_FORM, CONTACT_FORM, ChangeContactRole, ChangeDv,
    CreateMeeting, DISCHARGE_FORM, DV_FORM, Discharge, EXTENDED_FORM, EndContactPerson, MEETING_FORM, PLAN_FORM,
    RESCHEDULE_FORM, RecordStep, RescheduleMeeting, STEP_FORM, SavePlan, SetMeetingStatus, WithdrawConsent,
    load_plan_history, load_record, load_record_consents, load_record_contacts, load_record_meetings,
    load_record_steps, record_path,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{
    FormFeedback, MeetingCard, ParticipantRecord, PersonRole, PlanHistory, PlanVersion, ProgrammeStatus,
    RecordConsents, RecordContacts, RecordMeetings, RecordSteps,
};
use crate::policy::Section;
use crate::routes::{feedback, id_param};
use crate::texts::{staff_time, staff_time_span};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

fn options<T: CodeEnum>(all: &[T], empty: Option<&str>) -> Vec<(String, String)> {
    empty
        .map(|e| (String::new(), e.to_owned()))
        .into_iter()
        .chain(all.iter().map(|x| (x.as_str().to_owned(), x.label_sv().to_owned())))
        .collect()
}

/// The record's own menu: the same parts in the same place on each of its pages.
#[component]
pub fn RecordNav(participant_id: i64, name: String, current: &'static str) -> impl IntoView {
    let parts = [
        ("", "Översikt"),
        ("plan", "Plan"),
        ("moten", "Möten"),
        ("kontakter", "Kontakter"),
        ("samtycken", "Samtycken"),
        ("steg", "Steg"),
        ("kod", "Inloggning"),
    ];
    view! {
        <p class="aside"><a href="/personal"><Icon name="arrow-left" size=24/>"Alla deltagare"</a></p>
        <h1><Icon name="user-round"/>{name}</h1>
        <nav class="record-nav" aria-label="Deltagarens uppgifter">
            <ul>
                {parts.into_iter().map(|(part, label)| view! {
                    <li><a href=record_path(participant_id, part) aria-current=(part == current).then_some("page")>{label}</a></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

fn answer_text(m: &MeetingCard) -> String {
    match m.status {
        MeetingStatus::Planned => format!("Svar: {}", m.answer.label_sv()),
        other => other.label_sv().to_owned(),
    }
}

fn who_comes(m: &MeetingCard) -> String {
    m.people
        .iter()
        .map(|p| match &p.role {
            PersonRole::Staff(role) => format!("{} ({})", p.name, role.label_sv()),
            PersonRole::External { organisation, .. } => format!("{} ({})", p.name, organisation.label_sv()),
            PersonRole::Relative(kind) => format!("{} ({})", p.name, kind.label_sv()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people around the participant in circles: daily activity, the
/// agencies, family and gode män. Empty circles are left out.
fn network(r: &ParticipantRecord) -> Vec<(&'static str, Vec<String>)> {
    let mut dv = Vec::new();
    let mut agencies = Vec::new();
    for c in &r.contacts {
        let (circle, role) = match &c.person.role {
            PersonRole::Staff(role) => (&mut dv, role.label_sv().to_owned()),
            PersonRole::External { organisation, .. } => (&mut agencies, organisation.label_sv().to_owned()),
            PersonRole::Relative(kind) => (&mut agencies, kind.label_sv().to_owned()),
        };
        circle.push(if c.role_in_case == role {
            format!("{} – {role}", c.person.name)
        } else {
            format!("{} – {} ({role})", c.person.name, c.role_in_case)
        });
    }
    let family = r.relatives.iter().map(|rel| format!("{} – {}", rel.name, rel.relation.label_sv())).collect();
    [("Daglig verksamhet", dv), ("Myndigheter och andra", agencies), ("Anhöriga och gode män", family)]
        .into_iter()
        .filter(|(_, people)| !people.is_empty())
        .collect()
}

/// `/personal/deltagare/:id`.
#[component]
pub fn RecordPage() -> impl IntoView {
    let id = id_param();
    staff_page(move || load_record(id), |record: ParticipantRecord| view! { <Overview record/> })
}

#[component]
fn Overview(record: ParticipantRecord) -> impl IntoView {
    let r = record;
    let id = r.participant_id;
    let warnings: Vec<&str> = [
        r.benefit_ends_soon().then_some("Aktivitetsersättningen slutar inom 90 dagar."),
        r.assessment_without_consent().then_some(
            "En gemensam kartläggning är planerad, men det finns inget samtycke till kontakt med Försäkringskassan.",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    let today = r.today;
    view! {
        <RecordNav participant_id=id name=r.name.clone() current=""/>
        {(!warnings.is_empty()).then(|| view! {
            <div class="panel warning" role="status">
                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
        <dl class="facts">
            <dt>"Kallas"</dt><dd>{r.preferred_name.clone()}</dd>
            <dt>"Enhet"</dt><dd>{r.unit_name.clone()}</dd>
            <dt>"Form"</dt><dd>{format!("{}, {} timmar i veckan", r.dv_form.label_sv(), r.hours_per_week)}</dd>
            <dt>"Ersättning"</dt>
            <dd>{r.benefit.label_sv()}{r.benefit_until.map(|d| format!(" till och med {d}"))}</dd>
            <dt>"Steg"</dt><dd>{r.step.label_sv()}</dd>
            <dt>"I DV sedan"</dt><dd>{r.entered_on.to_string()}</dd>
            <dt>"Telefon"</dt><dd>{r.phone.clone().unwrap_or_else(|| "Saknas".to_owned())}</dd>
            <dt>"Programmet"</dt>
            <dd>{match &r.programme {
                ProgrammeStatus::Enrolled { round, .. } => format!("Antagen till {round}"),
                ProgrammeStatus::Waiting { round, position } => format!(
                    "Plats {} i kön till {round}", position.map(|p| p.to_string()).unwrap_or_default()),
                ProgrammeStatus::NotEnrolled => "Inte anmäld".to_owned(),
            }}{format!(". Närvaro: {} närvarande, {} frånvarande med anmälan, {} utan.", r.attendance.0, r.attendance.1, r.attendance.2)}</dd>
        </dl>

        <h2><Icon name="calendar-days"/>"Kommande möten"</h2>
        {if r.coming.is_empty() {
            view! { <p>"Inga möten bokade."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap" tabindex="0" role="region" aria-label="Kommande möten">
                    <table>
                        <thead><tr><th scope="col">"När"</th><th scope="col">"Möte"</th><th scope="col">"Deltagarens svar"</th></tr></thead>
                        <tbody>
                            {r.coming.iter().take(5).map(|m| view! {
                                <tr>
                                    <td>{staff_time_span(m.starts_at, m.ends_at)}</td>
                                    <td>{format!("{}: {}", m.kind.label_sv(), m.title)}</td>
                                    <td>{answer_text(m)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}

        <h2><Icon name="file-text"/>"Gemensam plan"</h2>
        {match r.plan.clone() {
            Some(p) => view! {
                <p>{format!("Version {}, sparad {} av {}.", p.version, staff_time(p.saved_at), p.author.clone().unwrap_or_else(|| "okänd".to_owned()))}</p>
                <p><strong>"Mål: "</strong>{p.goal.clone()}</p>
            }.into_any(),
            None => view! { <p>"Ingen plan ännu."</p> }.into_any(),
        }}

        <h2><Icon name="users"/>"Nätverket runt deltagaren"</h2>
        <div class="network">
            {network(&r).into_iter().map(|(circle, people)| view! {
                <section class="card" aria-label=circle>
                    <h3>{circle}</h3>
                    <ul>{people.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </section>
            }).collect_view()}
        </div>

        <h2>"Samtycken i kraft"</h2>
        <ul>
            {r.consents.iter().filter(|c| c.in_force(today)).map(|c| view! {
                <li>{format!("{}: {} ({}, {})", c.scope.label_sv(), c.recipient, c.method.label_sv().to_lowercase(), c.given_on)}</li>
            }).collect_view()}
        </ul>

        <h2><Icon name="footprints"/>"Steg"</h2>
        <ul>
            {r.moves.iter().rev().take(5).map(|m| view! { <li>{format!("{}: {}", m.on, m.step.label_sv())}</li> }).collect_view()}
        </ul>
    }
}

/// `/personal/deltagare/:id/plan`: versions, a comparison, and a new version.
#[component]
pub fn RecordPlanPage() -> impl IntoView {
    let id = id_param();
    let compare = use_query_map().with_untracked(|q| q.get("jamfor").and_then(|v| v.parse::<i64>().ok()));
    staff_page(
        move || async move {
            let history = load_plan_history(id).await?;
            Ok((history, feedback(take_form_feedback(PLAN_FORM.to_owned()).await)))
        },
        move |(history, fb): (PlanHistory, FormFeedback)| view! { <PlanPage history fb compare/> },
    )
}

#[component]
fn PlanText(plan: PlanVersion) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>"Mål"</dt><dd>{plan.goal.clone()}</dd>
            <dt>"Varför"</dt><dd>{plan.reason.clone()}</dd>
            <dt>"Period"</dt><dd>{format!("{} – {}", plan.from, plan.until.map(|d| d.to_string()).unwrap_or_default())}</dd>
            <dt>"Omfattning"</dt><dd>{format!("{} dagar, {} timmar i veckan", plan.days_per_week, plan.hours_per_week)}</dd>
            <dt>"Aktiviteter"</dt><dd>{plan.activities.join("; ")}</dd>
            <dt>"Uppföljning"</dt>
            <dd>{plan.follow_ups.iter().map(|(d, w)| format!("{d}: {w}")).collect::<Vec<_>>().join("; ")}</dd>
            <dt>"Övrigt"</dt><dd>{plan.other_notes.clone()}</dd>
        </dl>
    }
}

#[component]
fn PlanPage(history: PlanHistory, fb: FormFeedback, compare: Option<i64>) -> impl IntoView {
    let id = history.participant_id;
    let current = history.versions.first().cloned();
    let earlier = compare.and_then(|v| history.versions.iter().find(|p| p.version == v).cloned());
    // The form starts from the current version: a new version is a revision of it.
    let value = |field: &str, from_plan: String| if fb.values.is_empty() { from_plan } else { fb.value(field) };
    let c = current.clone();
    let pick = move |f: fn(&PlanVersion) -> String| c.as_ref().map(f).unwrap_or_default();
    view! {
        <RecordNav participant_id=id name=history.name.clone() current="plan"/>
        {match (current.clone(), earlier) {
            (Some(now), Some(then)) => {
                let (then_v, now_v) = (then.version, now.version);
                let (then_at, now_at) = (staff_time(then.saved_at), staff_time(now.saved_at));
                view! {
                <h2>{format!("Version {then_v} och version {now_v} bredvid varandra")}</h2>
                <div class="compare">
                    <section class="card" aria-label=format!("Version {then_v}")>
                        <h3>{format!("Version {then_v} ({then_at})")}</h3>
                        <PlanText plan=then/>
                    </section>
                    <section class="card" aria-label=format!("Version {now_v}, den som gäller")>
                        <h3>{format!("Version {now_v}, den som gäller ({now_at})")}</h3>
                        <PlanText plan=now/>
                    </section>
                </div>
            }.into_any()
            }
            (Some(now), None) => view! {
                <h2>{format!("Version {}, den som gäller", now.version)}</h2>
                <PlanText plan=now/>
            }.into_any(),
            (None, _) => view! { <p>"Ingen plan ännu."</p> }.into_any(),
        }}

        <h2>"Alla versioner"</h2>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Versioner av planen">
            <table>
                <thead><tr><th scope="col">"Version"</th><th scope="col">"Sparad"</th><th scope="col">"Av"</th><th scope="col">"Mål"</th><th scope="col">"Jämför"</th></tr></thead>
                <tbody>
                    {history.versions.iter().map(|p| view! {
                        <tr>
                            <td>{p.version}</td>
                            <td>{staff_time(p.saved_at)}</td>
                            <td>{p.author.clone().unwrap_or_default()}</td>
                            <td>{p.goal.clone()}</td>
                            <td><a href=format!("{}?jamfor={}", record_path(id, "plan"), p.version)>
                                {format!("Jämför version {} med den som gäller", p.version)}</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>

        <h2>"Spara en ny version"</h2>
        <p>"Den gamla versionen finns kvar och går att läsa."</p>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=SavePlan::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <TextField name="goal" label="Mål" value=value("goal", pick(|p| p.goal.clone())) error=fb.error("goal")/>
            <TextArea name="reason" label="Varför det här målet" value=value("reason", pick(|p| p.reason.clone())) error=fb.error("reason")/>
            <TextField name="from" label="Gäller från" kind="date" value=value("from", pick(|p| p.from.to_string())) error=fb.error("from")/>
            <TextField name="until" label="Gäller till (valfritt)" kind="date"
                value=value("until", pick(|p| p.until.map(|d| d.to_string()).unwrap_or_default())) error=fb.error("until")/>
            <TextField name="days_per_week" label="Dagar i veckan" kind="number"
                value=value("days_per_week", pick(|p| p.days_per_week.to_string())) error=fb.error("days_per_week")/>
            <TextField name="hours_per_week" label="Timmar i veckan" kind="number"
                value=value("hours_per_week", pick(|p| p.hours_per_week.to_string())) error=fb.error("hours_per_week")/>
            <TextArea name="activities" label="Aktiviteter" hint="En aktivitet per rad"
                value=value("activities", pick(|p| p.activities.join("\n"))) error=fb.error("activities")/>
            <TextField name="follow_up_on" label="Nästa uppföljning, datum (valfritt)" kind="date"
                value=fb.value("follow_up_on") error=fb.error("follow_up_on")/>
            <TextField name="follow_up_what" label="Nästa uppföljning, vad" value=fb.value("follow_up_what") error=fb.error("follow_up_what")/>
            <TextArea name="other_notes" label="Övrigt" value=value("other_notes", pick(|p| p.other_notes.clone())) error=fb.error("other_notes")/>
            <button type="submit" class="button"><Icon name="file-text" size=24/><span>"Spara ny version"</span></button>
        </form>
    }
}

/// `/personal/deltagare/:id/moten`.
#[component]
pub fn RecordMeetingsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_meetings(id).await?;
            let new = feedback(take_form_feedback(MEETING_FORM.to_owned()).await);
            let moved = take_form_feedback(RESCHEDULE_FORM.to_owned()).await.ok().flatten();
            Ok((record, new, moved))
        },
        |(record, fb, moved): (RecordMeetings, FormFeedback, Option<FormFeedback>)| {
            view! { <Meetings record fb moved/> }
        },
    )
}

/// One field of the "Ny tid" form; ids carry the meeting id, since every row has the form.
#[component]
fn RescheduleField(
    meeting_id: String,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    error: Option<String>,
) -> impl IntoView {
    let id = format!("{name}-{meeting_id}");
    let error_id = format!("{id}-error");
    let described = error.is_some().then(|| error_id.clone());
    let has_error = error.is_some();
    view! {
        <div class="field" class:field-error=has_error>
            <label for=id.clone()>{label}</label>
            {error.map(|e| view! {
                <p class="error-message" id=error_id><Icon name="triangle-alert" size=24/><span>{e}</span></p>
            })}
            <input id=id type=kind name=name value=value aria-describedby=described/>
        </div>
    }
}

#[component]
fn MeetingActions(participant_id: i64, meeting: MeetingCard, fb: Option<FormFeedback>) -> impl IntoView {
    let id = meeting.id.to_string();
    let local = meeting.starts_at.with_timezone(&chrono_tz::Europe::Stockholm);
    let end = meeting.ends_at.with_timezone(&chrono_tz::Europe::Stockholm);
    let label = format!("{} {}", meeting.kind.label_sv(), staff_time(meeting.starts_at));
    // After a refused "Ny tid": this row's form opens again with what was typed.
    let fb = fb.filter(|f| f.value("meeting_id") == id);
    let value = |field: &str, stored: String| fb.as_ref().map(|f| f.value(field)).unwrap_or(stored);
    let error = |field: &str| fb.as_ref().and_then(|f| f.error(field));
    let (date, start, end) = (
        value("date", local.format("%Y-%m-%d").to_string()),
        value("start", local.format("%H:%M").to_string()),
        value("end", end.format("%H:%M").to_string()),
    );
    let (date_error, start_error, end_error) = (error("date"), error("start"), error("end"));
    let open = fb.is_some();
    (meeting.status == MeetingStatus::Planned).then(|| view! {
        <div class="row-actions">
            <form method="post" action=SetMeetingStatus::url()>
                <input type="hidden" name="meeting_id" value=id.clone()/>
                <input type="hidden" name="status" value="held"/>
                <button type="submit" class="button button-secondary" aria-label=format!("Genomfört: {label}")>"Genomfört"</button>
            </form>
            <form method="post" action=SetMeetingStatus::url()>
                <input type="hidden" name="meeting_id" value=id.clone()/>
                <input type="hidden" name="status" value="cancelled"/>
                <button type="submit" class="button button-secondary" aria-label=format!("Ställ in: {label}")>"Ställ in"</button>
            </form>
            <details class="inline-form" open=open>
                <summary>"Ny tid"</summary>
                <form method="post" action=RescheduleMeeting::url() class="form">
                    <input type="hidden" name="participant_id" value=participant_id.to_string()/>
                    <input type="hidden" name="meeting_id" value=id.clone()/>
                    <RescheduleField meeting_id=id.clone() name="date" label="Datum" kind="date" value=date error=date_error/>
                    <RescheduleField meeting_id=id.clone() name="start" label="Start" kind="time" value=start error=start_error/>
                    <RescheduleField meeting_id=id.clone() name="end" label="Slut" kind="time" value=end error=end_error/>
                    <button type="submit" class="button">"Flytta mötet"</button>
                </form>
            </details>
        </div>
    })
}

#[component]
fn MeetingTable(
    participant_id: i64,
    meetings: Vec<MeetingCard>,
    label: &'static str,
    #[prop(optional_no_strip)] fb: Option<FormFeedback>,
) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"När"</th><th scope="col">"Möte"</th><th scope="col">"Vem kommer"</th>
                        <th scope="col">"Svar och status"</th><th scope="col">"Åtgärd"</th>
                    </tr>
                </thead>
                <tbody>
                    {meetings.into_iter().map(|m| view! {
                        <tr>
                            <td>{staff_time_span(m.starts_at, m.ends_at)}</td>
                            <td>{format!("{}: {}", m.kind.label_sv(), m.title)}</td>
                            <td>{who_comes(&m)}</td>
                            <td>{answer_text(&m)}</td>
                            <td><MeetingActions participant_id meeting=m.clone() fb=fb.clone()/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Meetings(record: RecordMeetings, fb: FormFeedback, moved: Option<FormFeedback>) -> impl IntoView {
    let id = record.participant_id;
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), "Välj mötestyp".to_owned()))
        .chain(
            MeetingKind::ALL
                .iter()
                .filter(|k| **k != MeetingKind::ProgrammeSession)
                .map(|k| (k.as_str().to_owned(), k.label_sv().to_owned())),
        )
        .collect();
    let checked = |key: &str| !fb.value(&format!("attendees[{key}]")).is_empty();
    let people: Vec<(String, String, bool)> = record
        .staff
        .iter()
        .map(|s| (format!("s{}", s.id), format!("{} (personal)", s.name)))
        .chain(
            record
                .externals
                .iter()
                .map(|e| (format!("e{}", e.id), format!("{} ({})", e.name, e.organisation.label_sv()))),
        )
        .chain(
            record.relatives.iter().map(|r| (format!("r{}", r.id), format!("{} ({})", r.name, r.relation.label_sv()))),
        )
        .map(|(k, t)| {
            let on = checked(&k);
            (k, t, on)
        })
        .collect();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current="moten"/>
        <h2>"Kommande möten"</h2>
        {if record.coming.is_empty() {
            view! { <p>"Inga möten bokade."</p> }.into_any()
        } else {
            view! { <MeetingTable participant_id=id meetings=record.coming.clone() label="Kommande möten" fb=moved/> }.into_any()
        }}
        <h2>"Boka ett möte"</h2>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=CreateMeeting::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <SelectField name="kind" label="Mötestyp" options=kinds value=fb.value("kind") error=fb.error("kind")/>
            <TextField name="title" label="Rubrik" hint="Det deltagaren ser, i enkla ord" value=fb.value("title") error=fb.error("title")/>
            <TextField name="date" label="Datum" kind="date" value=fb.value("date") error=fb.error("date")/>
            <TextField name="start" label="Start" kind="time" value=fb.value("start") error=fb.error("start")/>
            <TextField name="end" label="Slut" kind="time" value=fb.value("end") error=fb.error("end")/>
            <TextField name="place" label="Plats" value=fb.value("place") error=fb.error("place")/>
            <TextField name="video_link" label="Länk till videomöte (valfritt)" kind="url" value=fb.value("video_link") error=fb.error("video_link")/>
            <TextArea name="bring" label="Ta med" value=fb.value("bring") error=fb.error("bring")/>
            <Checkboxes name="attendees" legend="Vem kommer" options=people error=fb.error("attendees")/>
            <button type="submit" class="button"><Icon name="calendar-days" size=24/><span>"Boka mötet"</span></button>
        </form>
        <h2>"Tidigare möten"</h2>
        {if record.past.is_empty() {
            view! { <p>"Inga tidigare möten."</p> }.into_any()
        } else {
            view! { <MeetingTable participant_id=id meetings=record.past.clone() label="Tidigare möten"/> }.into_any()
        }}
    }
}

/// `/personal/deltagare/:id/samtycken`.
#[component]
pub fn RecordConsentsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_consents(id).await?;
            Ok((record, feedback(take_form_feedback(CONSENT_FORM.to_owned()).await)))
        },
        |(record, fb): (RecordConsents, FormFeedback)| view! { <Consents record fb/> },
    )
}

#[component]
fn Consents(record: RecordConsents, fb: FormFeedback) -> impl IntoView {
    let id = record.participant_id;
    let today = record.today;
    let relatives: Vec<(String, String)> = std::iter::once((String::new(), "Välj person".to_owned()))
        .chain(record.relatives.iter().map(|r| (r.id.to_string(), format!("{} ({})", r.name, r.relation.label_sv()))))
        .collect();
    let sections: Vec<(String, String, bool)> = Section::SHAREABLE
        .iter()
        .map(|s| {
            let key = s.as_str().to_owned();
            let on = !fb.value(&format!("sections[{key}]")).is_empty();
            (key, s.label_sv().to_owned(), on)
        })
        .collect();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current="samtycken"/>
        <p>"Ett återkallat samtycke slutar gälla direkt: en anhörig ser då inte längre det som delades."</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Samtycken">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Gäller"</th><th scope="col">"Till"</th><th scope="col">"Visar"</th>
                        <th scope="col">"Hur"</th><th scope="col">"Givet"</th><th scope="col">"Registrerat av"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {record.consents.iter().map(|c| {
                        let in_force = c.in_force(today);
                        view! {
                            <tr>
                                <td>{c.scope.label_sv()}</td>
                                <td>{c.recipient.clone()}</td>
                                <td>{c.sections.join(", ")}</td>
                                <td>{c.method.label_sv()}</td>
                                <td>{c.given_on.to_string()}</td>
                                <td>{c.recorded_by.clone().unwrap_or_default()}</td>
                                <td>
                                    {match c.withdrawn_on {
                                        Some(d) => format!("Återkallat {d}"),
                                        None if in_force => "Gäller".to_owned(),
                                        None => "Gäller från datumet".to_owned(),
                                    }}
                                    {c.withdrawn_on.is_none().then(|| view! {
                                        <form method="post" action=WithdrawConsent::url()>
                                            <input type="hidden" name="participant_id" value=id.to_string()/>
                                            <input type="hidden" name="consent_id" value=c.id.to_string()/>
                                            <button type="submit" class="button button-secondary"
                                                aria-label=format!("Återkalla: {}, {}", c.scope.label_sv(), c.recipient)>"Återkalla"</button>
                                        </form>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>"Registrera ett samtycke"</h2>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=AddConsent::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <SelectField name="scope" label="Samtycket gäller" options=options(ConsentScope::ALL, Some("Välj"))
                value=fb.value("scope") error=fb.error("scope")/>
            <SelectField name="organisation" label="Till organisation" hint="För samtycken om kontakt och handlingar"
                options=options(Organisation::ALL, Some("Välj organisation")) value=fb.value("organisation") error=fb.error("organisation")/>
            <SelectField name="relative_id" label="Till anhörig eller god man" hint="För att visa delar av appen"
                options=relatives value=fb.value("relative_id") error=fb.error("relative_id")/>
            <Checkboxes name="sections" legend="Vad den anhöriga får se" options=sections error=fb.error("sections")/>
            <SelectField name="method" label="Hur samtycket gavs" options=options(ConsentMethod::ALL, Some("Välj"))
                value=fb.value("method") error=fb.error("method")/>
            <TextField name="given_on" label="Datum" kind="date" value=if fb.values.is_empty() { today.to_string() } else { fb.value("given_on") }
                error=fb.error("given_on")/>
            <button type="submit" class="button"><Icon name="circle-check" size=24/><span>"Spara samtycket"</span></button>
        </form>
    }
}

/// `/personal/deltagare/:id/steg`.
#[component]
pub fn RecordStepsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_steps(id).await?;
            let step = feedback(take_form_feedback(STEP_FORM.to_owned()).await);
            let dv = feedback(take_form_feedback(DV_FORM.to_owned()).await);
            let extended = feedback(take_form_feedback(EXTENDED_FORM.to_owned()).await);
            let discharge = feedback(take_form_feedback(DISCHARGE_FORM.to_owned()).await);
            Ok((record, [step, dv, extended, discharge]))
        },
        |(record, [step, dv, extended, discharge]): (RecordSteps, [FormFeedback; 4])| {
            view! { <Steps record step dv extended discharge/> }
        },
    )
}

#[component]
fn Steps(
    record: RecordSteps,
    step: FormFeedback,
    dv: FormFeedback,
    extended: FormFeedback,
    discharge: FormFeedback,
) -> impl IntoView {
    let id = record.participant_id;
    let dv_value = if dv.values.is_empty() { record.dv_form.as_str().to_owned() } else { dv.value("dv_form") };
    let hours = if dv.values.is_empty() { record.hours_per_week.to_string() } else { dv.value("hours_per_week") };
    view! {
        <RecordNav participant_id=id name=record.name.clone() current="steg"/>
        <p>{format!("Står nu på: {}.", record.step.label_sv())}</p>
        <h2>"Steg hittills"</h2>
        <ul>
            {record.moves.iter().rev().map(|m| view! { <li>{format!("{}: {}", m.on, m.step.label_sv())}</li> }).collect_view()}
        </ul>
        <h2>"Registrera ett steg på stegen"</h2>
        <FormMessage message=step.message.clone()/>
        <form method="post" action=RecordStep::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <SelectField name="step" label="Nytt steg" options=options(LadderStep::ALL, Some("Välj steg"))
                value=step.value("step") error=step.error("step")/>
            <TextField name="on" label="Datum" kind="date" value=if step.values.is_empty() { record.today.to_string() } else { step.value("on") }
                error=step.error("on")/>
            <TextArea name="note" label="Anteckning" value=step.value("note") error=step.error("note")/>
            <button type="submit" class="button"><Icon name="footprints" size=24/><span>"Spara steget"</span></button>
        </form>
        <h2>"Ändring inom daglig verksamhet"</h2>
        <FormMessage message=dv.message.clone()/>
        <form method="post" action=ChangeDv::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <SelectField name="dv_form" label="Form" options=options(DvForm::ALL, None) value=dv_value error=dv.error("dv_form")/>
            <TextField name="hours_per_week" label="Timmar i veckan" kind="number" value=hours error=dv.error("hours_per_week")/>
            <button type="submit" class="button button-secondary"><span>"Spara ändringen"</span></button>
        </form>
        <h2>"Förlängt stöd efter anställning"</h2>
        <p>"Daglig verksamhet stöttar på arbetsplatsen i 12 månader. Det kräver ett skriftligt samtycke."</p>
        <ul>
            {record.extended_support.iter().map(|e| view! {
                <li>{format!("{}: {} till {}", e.employer, e.starts_on, e.ends_on)}</li>
            }).collect_view()}
        </ul>
        <FormMessage message=extended.message.clone()/>
        <form method="post" action=AddExtendedSupport::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <TextField name="employer" label="Arbetsgivare" value=extended.value("employer") error=extended.error("employer")/>
            <TextField name="starts_on" label="Från" kind="date"
                value=if extended.values.is_empty() { record.today.to_string() } else { extended.value("starts_on") }
                error=extended.error("starts_on")/>
            <button type="submit" class="button button-secondary"><span>"Registrera förlängt stöd"</span></button>
        </form>
        <h2>"Avslut från daglig verksamhet"</h2>
        {record.discharged.map(|(on, outcome)| view! { <p>{format!("Avslutad {on}: {}.", outcome.label_sv())}</p> })}
        <FormMessage message=discharge.message.clone()/>
        <form method="post" action=Discharge::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <SelectField name="outcome" label="Hur det gick" options=options(DischargeOutcome::ALL, Some("Välj"))
                value=discharge.value("outcome") error=discharge.error("outcome")/>
            <TextField name="on" label="Datum för avslut" kind="date"
                value=if discharge.values.is_empty() { record.today.to_string() } else { discharge.value("on") }
                error=discharge.error("on")/>
            <button type="submit" class="button button-secondary"><span>"Registrera avslutet"</span></button>
        </form>
    }
}

/// `/personal/deltagare/:id/kontakter`: contact persons and external officers.
#[component]
pub fn RecordContactsPage() -> impl IntoView {
    let id = id_param();
    staff_page(
        move || async move {
            let record = load_record_contacts(id).await?;
            Ok((record, feedback(take_form_feedback(CONTACT_FORM.to_owned()).await)))
        },
        |(record, fb): (RecordContacts, FormFeedback)| view! { <Contacts record fb/> },
    )
}

#[component]
fn Contacts(record: RecordContacts, fb: FormFeedback) -> impl IntoView {
    let id = record.participant_id;
    let who: Vec<(String, String)> = std::iter::once((String::new(), "Välj".to_owned()))
        .chain(record.staff.iter().map(|s| (format!("s{}", s.id), format!("{} (personal)", s.name))))
        .chain(
            record
                .officers
                .iter()
                .map(|e| (format!("e{}", e.id), format!("{}, {} ({})", e.name, e.title, e.organisation.label_sv()))),
        )
        .chain(std::iter::once(("new".to_owned(), "En ny person på en annan organisation".to_owned())))
        .collect();
    view! {
        <RecordNav participant_id=id name=record.name.clone() current="kontakter"/>
        <p>"Deltagaren ser sina kontaktpersoner under Mina kontakter: namn, vem de är i enkla ord, och knappar för att ringa och mejla."</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Kontaktpersoner">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Namn"</th><th scope="col">"Vem"</th><th scope="col">"Roll för deltagaren"</th>
                        <th scope="col">"Sedan"</th><th scope="col">"Åtgärd"</th>
                    </tr>
                </thead>
                <tbody>
                    {record.contact_persons.iter().map(|c| {
                        let field = format!("role-{}", c.id);
                        view! {
                            <tr>
                                <td>{c.name.clone()}</td>
                                <td>{c.who.clone()}</td>
                                <td>
                                    {match c.until {
                                        Some(_) => view! { <span>{c.role_in_case.clone()}</span> }.into_any(),
                                        None => view! {
                                            <form method="post" action=ChangeContactRole::url() class="row-actions">
                                                <input type="hidden" name="participant_id" value=id.to_string()/>
                                                <input type="hidden" name="contact_id" value=c.id.to_string()/>
                                                <div class="field">
                                                    <label for=field.clone()>{format!("Roll för {}", c.name)}</label>
                                                    <input id=field.clone() name="role_in_case" value=c.role_in_case.clone()/>
                                                </div>
                                                <button type="submit" class="button button-secondary">"Spara roll"</button>
                                            </form>
                                        }.into_any(),
                                    }}
                                </td>
                                <td>{c.since.to_string()}{c.until.map(|u| format!(", slutade {u}"))}</td>
                                <td>
                                    {c.until.is_none().then(|| view! {
                                        <form method="post" action=EndContactPerson::url()>
                                            <input type="hidden" name="participant_id" value=id.to_string()/>
                                            <input type="hidden" name="contact_id" value=c.id.to_string()/>
                                            <button type="submit" class="button button-secondary"
                                                aria-label=format!("Avsluta: {}", c.name)>"Avsluta"</button>
                                        </form>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>"Lägg till en kontaktperson"</h2>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=AddContactPerson::url() class="form">
            <input type="hidden" name="participant_id" value=id.to_string()/>
            <SelectField name="who" label="Vem" options=who value=fb.value("who") error=fb.error("who")/>
            <TextField name="role_in_case" label="Roll för deltagaren" hint="I enkla ord, till exempel: Din handläggare på Försäkringskassan"
                value=fb.value("role_in_case") error=fb.error("role_in_case")/>
            <TextField name="since" label="Från" kind="date"
                value=if fb.values.is_empty() { record.today.to_string() } else { fb.value("since") } error=fb.error("since")/>
            <fieldset class="choices">
                <legend>"Om det är en ny person"</legend>
                <TextField name="new_name" label="Namn" value=fb.value("new_name") error=fb.error("new_name")/>
                <SelectField name="new_organisation" label="Organisation" options=options(Organisation::ALL, Some("Välj"))
                    value=fb.value("new_organisation") error=fb.error("new_organisation")/>
                <TextField name="new_title" label="Titel" hint="Till exempel: Handläggare" value=fb.value("new_title") error=fb.error("new_title")/>
                <TextField name="new_phone" label="Telefon (valfritt)" kind="tel" value=fb.value("new_phone") error=fb.error("new_phone")/>
                <TextField name="new_email" label="E-post (valfritt)" kind="email" value=fb.value("new_email") error=fb.error("new_email")/>
            </fieldset>
            <button type="submit" class="button"><Icon name="users" size=24/><span>"Spara kontaktpersonen"</span></button>
        </form>
    }
}
