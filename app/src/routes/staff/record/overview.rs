//! `/personal/deltagare/{id}`: the record's overview. Facts, what to watch,
//! the next meetings, the latest plan, the network, consents in force and steps;
//! the personnummer masked (shown in full on request, audited), moves between
//! units, and for the enhetschef the move to another unit.

use super::{ParticipantIdField, RecordNav, StepLink, answer_text};
use crate::components::{Banner, BannerKind, DataTable, Icon, SelectField, SubmitButton};
use crate::functions::intake::{
    MOVE_FORM, MoveParticipant, RecordPlacement, load_record_placement, reveal_personal_number,
};
use crate::functions::record::load_record;
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, MeetingCard, ParticipantRecord, PersonRole, ProgrammeStatus};
use crate::paths::{self, RecordPart};
use crate::routes::{feedback, id_param};
use crate::texts::{extract as extract_text, staff as text, staff_time, staff_time_span};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// `?personnummer=visa`: the whole personnummer, asked for with the button.
const REVEAL_PARAM: &str = "personnummer";
const REVEAL_VALUE: &str = "visa";

/// What the overview shows beside the record: placement, the whole
/// personnummer when asked for, and what a refused move form left.
type Extra = (RecordPlacement, Option<String>, FormFeedback);

/// How many of the next meetings and latest steps the overview shows.
const SHOWN: usize = 5;

#[component]
pub fn RecordPage() -> impl IntoView {
    let id = id_param();
    let reveal = use_query_map().with_untracked(|q| q.get(REVEAL_PARAM).is_some_and(|v| v == REVEAL_VALUE));
    staff_page(
        move || async move {
            let record = load_record(id).await?;
            let placement = load_record_placement(id).await?;
            // A read of its own, audited as `personal_number`.
            let full = if reveal { reveal_personal_number(id).await? } else { None };
            Ok((record, (placement, full, feedback(take_form_feedback(MOVE_FORM.to_owned()).await))))
        },
        |(record, extra): (ParticipantRecord, Extra)| view! { <Overview record extra/> },
    )
}

/// The personnummer: masked, with a button that shows it in full; or in full.
#[component]
fn PersonalNumberFact(participant_id: i64, masked: Option<String>, full: Option<String>) -> impl IntoView {
    let shown = match (&full, &masked) {
        (Some(full), _) => full.clone(),
        (None, Some(masked)) => masked.clone(),
        (None, None) => text::PERSONAL_NUMBER_MISSING.to_owned(),
    };
    view! {
        <dt>{text::PERSONAL_NUMBER_SHORT}</dt>
        <dd>
            {shown}
            {match (full.is_some(), masked.is_some()) {
                (true, _) => view! { <p class="hint">{text::PERSONAL_NUMBER_SHOWN_NOTE}</p> }.into_any(),
                (false, true) => view! {
                    <form method="get" action=paths::record(participant_id, RecordPart::Overview)>
                        <input type="hidden" name=REVEAL_PARAM value=REVEAL_VALUE/>
                        <SubmitButton label=text::PERSONAL_NUMBER_SHOW secondary=true/>
                    </form>
                }.into_any(),
                (false, false) => ().into_any(),
            }}
        </dd>
    }
}

/// Moves between units, and for the enhetschef the form that moves.
#[component]
fn Placement(placement: RecordPlacement, fb: FormFeedback) -> impl IntoView {
    let p = placement;
    let units: Vec<(String, String)> = std::iter::once((String::new(), text::CHOOSE.to_owned()))
        .chain(p.units.iter().map(|u| (u.id.to_string(), u.name.clone())))
        .collect();
    view! {
        {(!p.moves.is_empty()).then(|| view! {
            <h2>{text::MOVES_TITLE}</h2>
            <ul>
                {p.moves.iter().map(|m| view! {
                    <li>{text::unit_move(&staff_time(m.at), &m.from, &m.to, m.by.as_deref())}</li>
                }).collect_view()}
            </ul>
        })}
        {(p.can_move && !p.units.is_empty()).then(|| view! {
            <h2>{text::MOVE_TITLE}</h2>
            <p>{text::MOVE_ABOUT}</p>
            <Banner kind=BannerKind::Error message=fb.message.clone()/>
            <form method="post" action=MoveParticipant::url() class="form">
                <ParticipantIdField participant_id=p.participant_id/>
                <SelectField name="to_unit" label=text::MOVE_TO options=units value=fb.value("to_unit")
                    error=fb.error("to_unit")/>
                <SubmitButton label=text::MOVE_SAVE secondary=true/>
            </form>
        })}
    }
}

/// The people around the participant in circles: daily activity, the
/// agencies, family and gode män. Empty circles are left out.
fn network(r: &ParticipantRecord) -> Vec<(&'static str, Vec<String>)> {
    let mut dv = Vec::new();
    let mut agencies = Vec::new();
    for c in &r.contacts {
        let (circle, role) = match &c.person.role {
            PersonRole::Staff(role) => (&mut dv, role.label_sv()),
            PersonRole::External { organisation, .. } => (&mut agencies, organisation.label_sv()),
            PersonRole::Relative(kind) => (&mut agencies, kind.label_sv()),
        };
        circle.push(text::network_person(&c.person.name, &c.role_in_case, role));
    }
    let family = r.relatives.iter().map(|rel| text::network_relative(&rel.name, rel.relation.label_sv())).collect();
    [(text::NETWORK_DV, dv), (text::NETWORK_AGENCIES, agencies), (text::NETWORK_FAMILY, family)]
        .into_iter()
        .filter(|(_, people)| !people.is_empty())
        .collect()
}

/// Where the participant stands in the programme, and their attendance so far.
fn programme_line(r: &ParticipantRecord) -> String {
    let status = match &r.programme {
        ProgrammeStatus::Enrolled { round, .. } => text::programme_enrolled(round),
        ProgrammeStatus::Waiting { round, position } => text::programme_waiting(round, *position),
        ProgrammeStatus::NotEnrolled => text::PROGRAMME_NOT_ENROLLED.to_owned(),
    };
    let (present, excused, unexcused) = r.attendance;
    text::programme_and_attendance(&status, present, excused, unexcused)
}

#[component]
fn Overview(record: ParticipantRecord, extra: Extra) -> impl IntoView {
    let r = record;
    let (placement, full, fb) = extra;
    let protected = placement.protected_identity;
    let warnings: Vec<&str> = [
        r.benefit_ends_soon().then_some(text::BENEFIT_ENDS_SOON),
        r.assessment_without_consent().then_some(text::ASSESSMENT_WITHOUT_CONSENT),
    ]
    .into_iter()
    .flatten()
    .collect();
    let today = r.today;
    let extract = paths::register_extract(r.participant_id);
    let coming: Vec<MeetingCard> = r.coming.iter().take(SHOWN).cloned().collect();
    view! {
        <RecordNav participant_id=r.participant_id name=r.name.clone() current=RecordPart::Overview.segment()/>
        // A list of warnings in one panel, so not a Banner (which holds one message).
        {(!warnings.is_empty()).then(|| view! {
            <div class="panel warning" role="status">
                <ul>{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </div>
        })}
        {protected.then(|| view! { <Banner kind=BannerKind::Info message=Some(text::PROTECTED_IDENTITY_NOTE.to_owned())/> })}
        <dl class="facts">
            <dt>{text::PREFERRED_NAME}</dt><dd>{r.preferred_name.clone()}</dd>
            <PersonalNumberFact participant_id=r.participant_id masked=placement.personal_number.clone() full/>
            <dt>{text::UNIT}</dt><dd>{r.unit_name.clone()}</dd>
            <dt>{text::FORM}</dt><dd>{text::dv_form_and_hours(r.dv_form.label_sv(), r.hours_per_week)}</dd>
            <dt>{text::BENEFIT}</dt>
            <dd>{r.benefit.label_sv()}{r.benefit_until.map(text::benefit_until)}</dd>
            <dt>{text::STEP}</dt><dd>{r.step.label_sv()}</dd>
            <dt>{text::IN_DV_SINCE}</dt><dd>{r.entered_on.to_string()}</dd>
            <dt>{text::PHONE}</dt><dd>{r.phone.clone().unwrap_or_else(|| text::PHONE_MISSING.to_owned())}</dd>
            <dt>{text::PROGRAMME}</dt><dd>{programme_line(&r)}</dd>
        </dl>

        <h2><Icon name="calendar-days"/>{text::COMING_MEETINGS}</h2>
        <DataTable label=text::COMING_MEETINGS rows=coming empty=text::NO_MEETINGS_BOOKED
            columns=&[text::MEETING_WHEN, text::MEETING_COLUMN, text::ANSWER_COLUMN]
            row=|m: MeetingCard| view! {
                <td>{staff_time_span(m.starts_at, m.ends_at)}</td>
                <td>{text::meeting_kind_and_title(m.kind.label_sv(), &m.title)}</td>
                <td>{answer_text(&m)}</td>
            }/>

        <h2><Icon name="file-text"/>{text::JOINT_PLAN_TITLE}</h2>
        {match r.plan.clone() {
            Some(p) => view! {
                <p>{text::plan_saved_by(p.version, &staff_time(p.saved_at), p.author.as_deref())}</p>
                <p><strong>{text::GOAL_LEAD}</strong>{p.goal.clone()}</p>
            }.into_any(),
            None => view! { <p>{text::NO_PLAN_YET}</p> }.into_any(),
        }}

        <h2><Icon name="users"/>{text::NETWORK_TITLE}</h2>
        <div class="network">
            {network(&r).into_iter().map(|(circle, people)| view! {
                <section class="card" aria-label=circle>
                    <h3>{circle}</h3>
                    <ul>{people.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </section>
            }).collect_view()}
        </div>

        <h2>{text::CONSENTS_IN_FORCE_TITLE}</h2>
        <ul>
            {r.consents.iter().filter(|c| c.in_force(today)).map(|c| view! {
                <li>{text::consent_in_force(c.scope.label_sv(), &c.recipient, c.method.label_sv(), c.given_on)}</li>
            }).collect_view()}
        </ul>

        <h2><Icon name="footprints"/>{text::STEP}</h2>
        <ul>
            {r.moves.iter().rev().take(SHOWN).map(|m| view! { <li>{text::step_taken_on(m.on)}<StepLink step=m.step/></li> })
                .collect_view()}
        </ul>

        <Placement placement fb/>

        <h2><Icon name="file-text"/>{extract_text::LINK_TITLE}</h2>
        <p>{extract_text::LINK_ABOUT}</p>
        <p><a class="button button-secondary" href=extract>{extract_text::LINK}</a></p>
    }
}
