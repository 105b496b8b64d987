//! The participant's start page: what happens next, where I am, who I can call.

use crate::components::Icon;
use crate::functions::participant::load_participant_start;
use crate::layouts::participant_page;
use crate::models::{ContactCard, MeetingCard, ParticipantStart, PersonCard, ViewerRole};
use crate::texts::{self, sv};
use leptos::prelude::*;

#[component]
pub fn ParticipantHomePage() -> impl IntoView {
    participant_page(
        || load_participant_start(None),
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
        </section>
        <section aria-labelledby="step">
            <h2 id="step"><Icon name="footprints"/>{sv::START_STEP}</h2>
            {match start.step {
                Some(step) => view! { <p class="card step-card">{sv::ladder_step_name(step)}</p> }.into_any(),
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
    }
}

#[component]
fn MeetingCardView(meeting: MeetingCard) -> impl IntoView {
    let id = meeting.id;
    view! {
        <article class="card meeting-card">
            <h3>{sv::START_NEXT_MEETING}": "{sv::meeting_kind_name(meeting.kind)}</h3>
            <MeetingDetails meeting/>
            <a class="button" href=format!("/moten/{id}")>
                <Icon name="calendar-days" size=24/><span>{sv::MEETING_OPEN}</span>
            </a>
        </article>
    }
}

/// What, when, where, who comes and what to bring.
#[component]
pub fn MeetingDetails(meeting: MeetingCard) -> impl IntoView {
    let when = texts::span_in_words(meeting.starts_at, meeting.ends_at);
    view! {
        <div class="meeting-details">
            <p class="meeting-title">{meeting.title}</p>
            <dl>
                <dt><Icon name="calendar-days" size=24/>{sv::MEETING_WHEN}</dt>
                <dd>{when}</dd>
                <dt><Icon name="map-pin" size=24/>{sv::MEETING_WHERE}</dt>
                <dd>
                    {meeting.place.clone().map(|p| view! { <p>{p}</p> })}
                    {meeting.video_link.clone().map(|link| view! {
                        <p>{sv::MEETING_VIDEO}</p>
                        <a class="button" href=link><Icon name="video" size=24/><span>{sv::MEETING_VIDEO_BUTTON}</span></a>
                    })}
                </dd>
                <dt><Icon name="users" size=24/>{sv::MEETING_WHO}</dt>
                <dd>
                    <ul class="people">
                        {meeting.people.into_iter().map(|p| view! { <li><PersonView person=p/></li> }).collect_view()}
                    </ul>
                </dd>
                {(!meeting.bring.is_empty()).then(|| view! {
                    <dt><Icon name="list-checks" size=24/>{sv::MEETING_BRING}</dt>
                    <dd>{meeting.bring.clone()}</dd>
                })}
            </dl>
        </div>
    }
}

#[component]
fn PersonView(person: PersonCard) -> impl IntoView {
    view! {
        <span class="person">
            <span class="initials" aria-hidden="true">{person.initials()}</span>
            <span>
                <span class="person-name">{person.name.clone()}</span>
                <span class="person-role">{sv::person_role(&person.role)}</span>
            </span>
        </span>
    }
}

/// One contact person with big "Ring" and "Mejla" buttons.
#[component]
pub fn ContactView(contact: ContactCard) -> impl IntoView {
    let name = contact.person.name.clone();
    view! {
        <article class="card contact-card">
            <PersonView person=contact.person/>
            <div class="actions">
                {contact.phone.map(|phone| view! {
                    <a class="button" href=format!("tel:{}", phone.replace([' ', '-'], ""))
                        aria-label=format!("{} {}", sv::CALL, name)>
                        <Icon name="phone" size=24/><span>{sv::CALL}</span>
                    </a>
                })}
                {contact.email.map(|email| view! {
                    <a class="button button-secondary" href=format!("mailto:{email}")
                        aria-label=format!("{} {}", sv::EMAIL, name)>
                        <Icon name="mail" size=24/><span>{sv::EMAIL}</span>
                    </a>
                })}
            </div>
        </article>
    }
}
