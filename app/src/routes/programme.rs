//! "Arbetsnärmande programmet": what it is, my sessions if I am in it, and
//! "Jag vill vara med".

use crate::components::Icon;
use crate::functions::participant::{ExpressInterest, load_programme};
use crate::layouts::participant_page;
use crate::models::{ProgrammePage, ProgrammeStatus, ViewerRole};
use crate::texts::{self, sv};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn ProgrammePageView() -> impl IntoView {
    participant_page(
        load_programme,
        |page, viewer| view! { <ProgrammeView page may_ask=viewer.role == ViewerRole::Participant/> },
    )
}

#[component]
fn ProgrammeView(page: ProgrammePage, may_ask: bool) -> impl IntoView {
    let not_enrolled = page.status == ProgrammeStatus::NotEnrolled;
    view! {
        <h1><Icon name="briefcase"/>{sv::PROGRAMME_TITLE}</h1>
        {sv::PROGRAMME_ABOUT.iter().map(|line| view! { <p>{*line}</p> }).collect_view()}
        {match page.status {
            ProgrammeStatus::Enrolled { round, place, sessions } => view! {
                <section aria-labelledby="mine">
                    <h2 id="mine"><Icon name="calendar-days"/>{sv::PROGRAMME_MINE}</h2>
                    <p>{sv::PROGRAMME_ENROLLED}</p>
                    // Labelled, as on a meeting: a round's name and an address alone say little.
                    <dl class="word-list">
                        <dt>{sv::PROGRAMME_GROUP}</dt>
                        <dd>{round}</dd>
                        <dt>{sv::MEETING_WHERE}</dt>
                        <dd>{place}</dd>
                    </dl>
                    // Day, time and theme each on a line of their own: short lines at natural pauses.
                    <ul class="session-list">
                        {sessions.into_iter().map(|s| view! {
                            <li>
                                <p><strong>{texts::capitalise(&texts::day_in_words(s.starts_at))}</strong></p>
                                <p>{texts::clock_span_in_words(s.starts_at, s.ends_at)}</p>
                                <p>{s.theme}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            }.into_any(),
            ProgrammeStatus::Waiting { round, position } => view! {
                <section aria-labelledby="mine">
                    <h2 id="mine"><Icon name="list-checks"/>{sv::PROGRAMME_MINE}</h2>
                    <p>{sv::PROGRAMME_WAITING}</p>
                    <p>{round}</p>
                    {position.map(|p| view! { <p>{sv::programme_queue_position(p)}</p> })}
                </section>
            }.into_any(),
            ProgrammeStatus::NotEnrolled => ().into_any(),
        }}
        {(not_enrolled && may_ask).then(|| view! {
            <section aria-labelledby="want">
                <h2 id="want"><Icon name="circle-check"/>{sv::PROGRAMME_WANT}</h2>
                {if page.interest_sent {
                    view! { <p class="panel" role="status">{sv::PROGRAMME_WANT_SENT}</p> }.into_any()
                } else {
                    view! {
                        <p>{sv::PROGRAMME_WANT_TEXT}</p>
                        <form method="post" action=ExpressInterest::url()>
                            <button type="submit" class="button">
                                <Icon name="circle-check" size=24/><span>{sv::PROGRAMME_WANT_BUTTON}</span>
                            </button>
                        </form>
                    }.into_any()
                }}
            </section>
        })}
    }
}
