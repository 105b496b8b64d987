//! "Mina möten" and one meeting: what, when, where, who comes, what to bring,
//! and the participant's answer.

use crate::components::{Icon, MeetingDetails};
use crate::domain::{MeetingAnswer, MeetingStatus};
use crate::functions::participant::{AnswerMeeting, load_meeting, load_meetings, take_answer_message};
use crate::layouts::participant_page;
use crate::models::{MeetingCard, MeetingList, ViewerRole};
use crate::paths;
use crate::texts::{self, sv};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    participant_page(load_meetings, |list, _| view! { <MeetingListView list/> })
}

#[component]
fn MeetingListView(list: MeetingList) -> impl IntoView {
    view! {
        <h1><Icon name="calendar-days"/>{sv::MEETINGS_TITLE}</h1>
        <p>{sv::meetings_intro()}</p>
        <section aria-labelledby="coming">
            <h2 id="coming">{sv::MEETINGS_COMING}</h2>
            {if list.coming.is_empty() {
                view! { <p>{sv::MEETINGS_NONE_COMING}</p> }.into_any()
            } else {
                view! { <ul class="meeting-list">{list.coming.into_iter().map(|m| view! { <li><MeetingRowView meeting=m/></li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <section aria-labelledby="past">
            <h2 id="past">{sv::MEETINGS_PAST}</h2>
            {if list.past.is_empty() {
                view! { <p>{sv::MEETINGS_NONE_PAST}</p> }.into_any()
            } else {
                view! { <ul class="meeting-list">{list.past.into_iter().map(|m| view! { <li><MeetingRowView meeting=m/></li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

/// One line in the list: when and what, and a big link to the meeting.
#[component]
fn MeetingRowView(meeting: MeetingCard) -> impl IntoView {
    let when = texts::capitalise(&texts::day_and_time_in_words(meeting.starts_at));
    let kind = sv::meeting_kind_name(meeting.kind);
    view! {
        <article class="card meeting-row">
            <h3>{when.clone()}</h3>
            <p>{kind}</p>
            {(meeting.status == MeetingStatus::Cancelled).then(|| view! { <p class="notice">{sv::MEETING_CANCELLED}</p> })}
            <a class="button button-secondary" href=paths::meeting(meeting.id)
                aria-label=format!("{}: {}, {}", sv::MEETING_OPEN, kind, when)>
                <Icon name="info" size=24/><span>{sv::MEETING_OPEN}</span>
            </a>
        </article>
    }
}

#[component]
pub fn MeetingPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok())).unwrap_or_default();
    participant_page(
        move |_| async move {
            let meeting = load_meeting(id).await?;
            Ok((meeting, take_answer_message(id).await.ok().flatten()))
        },
        |(meeting, message), viewer| {
            let may_answer = viewer.role == ViewerRole::Participant;
            view! { <MeetingView meeting may_answer message/> }
        },
    )
}

#[component]
fn MeetingView(meeting: MeetingCard, may_answer: bool, message: Option<String>) -> impl IntoView {
    let id = meeting.id;
    let status = meeting.status;
    let answer = meeting.answer;
    let kind = meeting.kind;
    view! {
        <h1><Icon name="calendar-days"/>{sv::meeting_kind_name(kind)}</h1>
        {message.map(|m| view! { <div class="panel" role="status"><p>{m}</p></div> })}
        {match status {
            MeetingStatus::Cancelled => Some(view! { <p class="notice">{sv::MEETING_CANCELLED}</p> }),
            MeetingStatus::Held => Some(view! { <p class="notice">{sv::MEETING_HELD}</p> }),
            MeetingStatus::Planned => None,
        }}
        <section aria-labelledby="what">
            <h2 id="what"><Icon name="info"/>{sv::MEETING_WHAT}</h2>
            <p>{sv::meeting_kind_explained(kind)}</p>
        </section>
        <MeetingDetails meeting/>
        {(status == MeetingStatus::Planned).then(|| view! {
            <p>
                <a class="button button-secondary" href=paths::meeting_calendar(id) download=sv::CALENDAR_FILE_NAME>
                    <Icon name="calendar-days" size=24/><span>{sv::CALENDAR_ADD}</span>
                </a>
            </p>
        })}
        {(may_answer && status == MeetingStatus::Planned).then(|| view! {
            <section aria-labelledby="answer">
                <h2 id="answer"><Icon name="circle-check"/>{sv::ANSWER_TITLE}</h2>
                {match answer {
                    MeetingAnswer::Coming => Some(view! { <p>{sv::ANSWERED_COMING}</p><p>{sv::ANSWER_CHANGE}</p> }.into_any()),
                    MeetingAnswer::NotComing => Some(view! { <p>{sv::ANSWERED_NOT_COMING}</p><p>{sv::ANSWER_CHANGE}</p> }.into_any()),
                    MeetingAnswer::NoAnswer => None,
                }}
                <div class="actions">
                    <AnswerButton meeting_id=id answer=MeetingAnswer::Coming label=sv::ANSWER_COMING icon="circle-check"/>
                    <AnswerButton meeting_id=id answer=MeetingAnswer::NotComing label=sv::ANSWER_NOT_COMING icon="triangle-alert"/>
                </div>
            </section>
        })}
        <p class="aside"><a href=paths::MEETINGS><Icon name="arrow-left" size=24/>{sv::MEETINGS_TITLE}</a></p>
    }
}

#[component]
fn AnswerButton(meeting_id: i64, answer: MeetingAnswer, label: &'static str, icon: &'static str) -> impl IntoView {
    view! {
        <form method="post" action=AnswerMeeting::url()>
            <input type="hidden" name="meeting_id" value=meeting_id.to_string()/>
            <input type="hidden" name="answer" value=answer.as_str()/>
            <button type="submit" class="button"><Icon name=icon size=24/><span>{label}</span></button>
        </form>
    }
}
