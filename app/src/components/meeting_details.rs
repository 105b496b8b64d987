//! One meeting as a participant reads it: what, when, where, who comes and
//! what to bring. The start page, "Mina möten" and one meeting show it the same way.

use super::Icon;
use super::person_view::PersonView;
use crate::models::MeetingCard;
use crate::texts::{self, sv};
use leptos::prelude::*;

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
                        <a class="button" href=link>
                            <Icon name="video" size=24/><span>{sv::MEETING_VIDEO_BUTTON}</span>
                        </a>
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
