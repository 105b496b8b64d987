//! The participant record for staff (`/personal/deltagare/{id}`): an overview,
//! and one page each for the plan (with its versions), meetings, contact
//! persons, consents and steps. The files follow the addresses; what several of
//! the pages share is here.

pub mod consents;
pub mod contacts;
pub mod meetings;
pub mod overview;
pub mod plan;
pub mod steps;
pub mod sus;
pub mod transition;

pub use consents::RecordConsentsPage;
pub use contacts::RecordContactsPage;
pub use meetings::RecordMeetingsPage;
pub use overview::RecordPage;
pub use plan::RecordPlanPage;
pub use steps::RecordStepsPage;
pub use sus::RecordSusPage;
pub use transition::RecordTransitionPage;

use crate::components::{BackLink, Icon};
use crate::domain::{CodeEnum, MeetingStatus};
use crate::models::{FormFeedback, MeetingCard, RelativeEntry};
use crate::paths::{self, RecordPart};
use crate::texts::staff as text;
use leptos::prelude::*;

/// The record's own menu: the same parts in the same place on each of its
/// pages. `current` is the part's address segment ([`RecordPart::segment`]).
#[component]
pub fn RecordNav(participant_id: i64, name: String, current: &'static str) -> impl IntoView {
    view! {
        <BackLink href=paths::STAFF_HOME label=text::ALL_PARTICIPANTS/>
        <h1><Icon name="user-round"/>{name}</h1>
        <nav class="record-nav" aria-label=text::RECORD_NAV_LABEL>
            <ul>
                {RecordPart::ALL.into_iter().map(|part| view! {
                    <li>
                        <a href=paths::record(participant_id, part)
                            aria-current=(part.segment() == current).then_some("page")>{text::record_part(part)}</a>
                    </li>
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// A drop-down's options from a list of codes, after an optional "nothing chosen" (`empty`).
fn options<T: CodeEnum>(all: &[T], empty: Option<&str>) -> Vec<(String, String)> {
    empty
        .map(|e| (String::new(), e.to_owned()))
        .into_iter()
        .chain(all.iter().map(|x| (x.as_str().to_owned(), x.label_sv().to_owned())))
        .collect()
}

/// What a field shows: what was typed, when the form came back refused; until
/// then what is stored (or today's date), so a save starts from what holds now.
fn typed_or(fb: &FormFeedback, field: &str, stored: String) -> String {
    if fb.values.is_empty() { stored } else { fb.value(field) }
}

/// The hidden field every record form sends: whose record it changes.
/// A step's name, linked to its explanation in the staff manual.
#[component]
fn StepLink(step: crate::domain::LadderStep) -> impl IntoView {
    view! { <a href=crate::paths::manual_step(step)>{step.label_sv()}</a> }
}

#[component]
fn ParticipantIdField(participant_id: i64) -> impl IntoView {
    view! { <input type="hidden" name="participant_id" value=participant_id.to_string()/> }
}

/// The participant's answer to a planned meeting; for any other, what became of it.
fn answer_text(m: &MeetingCard) -> String {
    match m.status {
        MeetingStatus::Planned => text::meeting_answer(m.answer.label_sv()),
        other => other.label_sv().to_owned(),
    }
}

/// "Eva Berg (Förälder)": a relative or god man in a drop-down.
fn relative_choice(r: &RelativeEntry) -> String {
    text::person_and_role(&r.name, r.relation.label_sv())
}
