//! The participant's start page: what happens next, where I am, who I can call.

use crate::components::{ContactView, Icon, MeetingDetails};
use crate::functions::participant::load_participant_start;
use crate::layouts::participant_page;
use crate::models::{MeetingCard, ParticipantStart, ViewerRole};
use crate::paths;
use crate::texts::sv;
use leptos::prelude::*;

#[component]
pub fn ParticipantHomePage() -> impl IntoView {
    participant_page(
        load_participant_start,
        |start, viewer| view! { <StartView start relative=viewer.role == ViewerRole::Relative/> },
    )
}

#[component]
fn StartView(start: ParticipantStart, relative: bool) -> impl IntoView {
    view! {
        {if relative {
            view! {
                <h1>{format!("{}!", sv::START_GREETING)}</h1>
                <p>{sv::relative_intro(&start.preferred_name)}</p>
            }.into_any()
        } else {
            view! { <h1>{format!("{} {}!", sv::START_GREETING, start.preferred_name)}</h1> }.into_any()
        }}
        <section aria-labelledby="now">
            <h2 id="now"><Icon name="calendar-days"/>{sv::START_NOW}</h2>
            {match start.next_meeting {
                None => view! { <p>{sv::NOT_SHARED}</p> }.into_any(),
                Some(None) => view! { <p>{sv::START_NO_MEETING}</p> }.into_any(),
                Some(Some(meeting)) => view! { <MeetingCardView meeting/> }.into_any(),
            }}
            {start.ask_reminders.then(|| view! {
                <p class="panel">{sv::REMINDERS_ASK}</p>
                <p><a class="button button-secondary" href=crate::paths::REMINDERS>
                    <Icon name="bell" size=24/><span>{sv::REMINDERS_ASK_LINK}</span>
                </a></p>
            })}
        </section>
        <section aria-labelledby="step">
            <h2 id="step"><Icon name="footprints"/>{sv::START_STEP}</h2>
            {match start.step {
                Some((way, step)) => view! { <p class="card step-card">{sv::ladder_step_name(way, step)}</p> }.into_any(),
                None => view! { <p>{sv::NOT_SHARED}</p> }.into_any(),
            }}
        </section>
        <section aria-labelledby="contacts">
            <h2 id="contacts"><Icon name="users"/>{sv::START_CONTACTS}</h2>
            {match start.contacts {
                None => view! { <p>{sv::NOT_SHARED}</p> }.into_any(),
                Some(contacts) if contacts.is_empty() => view! { <p>{sv::START_NO_CONTACTS}</p> }.into_any(),
                Some(contacts) => view! {
                    <ul class="contact-list">
                        {contacts.into_iter().map(|c| view! { <li><ContactView contact=c/></li> }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
        <crate::routes::factors::PasskeyOffer/>
    }
}

#[component]
fn MeetingCardView(meeting: MeetingCard) -> impl IntoView {
    let id = meeting.id;
    view! {
        <article class="card meeting-card">
            <h3>{sv::START_NEXT_MEETING}": "{sv::meeting_kind_name(meeting.kind)}</h3>
            <MeetingDetails meeting/>
            <a class="button" href=paths::meeting(id)>
                <Icon name="calendar-days" size=24/><span>{sv::MEETING_OPEN}</span>
            </a>
        </article>
    }
}
