//! `/personal/programmet`: the year plan, the rounds and the interest queue.

use super::choices;
use crate::components::{Banner, BannerKind, DataTable, Icon, PostButton, SelectField, SubmitButton, TextField};
use crate::domain::RoundForm;
use crate::functions::programme::{DismissInterest, INTEREST_FORM, RegisterInterest, load_programme_overview};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, InterestEntry, ProgrammeOverview, RoundSummary};
use crate::paths;
use crate::routes::feedback;
use crate::texts::{staff as text, staff_time};
use chrono::Datelike;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

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
    let years = vec![this_year, this_year + 1];
    let rounds = overview.rounds.clone();
    // The names of the group rounds that start in one half of one year.
    let group_rounds = move |year: i32, spring: bool| {
        let names: Vec<String> = rounds
            .iter()
            .filter(|r| {
                r.form == RoundForm::Group && r.starts_on.year() == year && (r.starts_on.month() <= 6) == spring
            })
            .map(|r| r.name.clone())
            .collect();
        if names.is_empty() { text::YEAR_PLAN_NO_ROUND.to_owned() } else { text::year_plan_rounds(&names) }
    };
    view! {
        <h1><Icon name="briefcase"/>{text::PROGRAMME_TITLE}</h1>
        <p>{overview.unit_name.clone()}</p>
        <p>
            <a class="button" href=paths::NEW_ROUND><Icon name="plus" size=24/><span>{text::NEW_ROUND_LINK}</span></a>
        </p>

        <h2>{text::YEAR_PLAN_TITLE}</h2>
        <p>{text::YEAR_PLAN_ABOUT}</p>
        <DataTable label=text::YEAR_PLAN_TITLE rows=years
            columns=&[text::YEAR_PLAN_YEAR, text::YEAR_PLAN_SPRING, text::YEAR_PLAN_AUTUMN]
            row=move |year: i32| view! {
                <th scope="row">{year}</th>
                <td>{group_rounds(year, true)}</td>
                <td>{group_rounds(year, false)}</td>
            }/>

        <h2>{text::ROUNDS_TITLE}</h2>
        <DataTable label=text::ROUNDS_TITLE rows=overview.rounds.clone() empty=text::ROUNDS_NONE
            columns=&[
                text::ROUND_COLUMN, text::FORM, text::ROUND_START, text::PLACES, text::ROUND_QUEUE, text::RESPONSIBLE,
            ]
            row=|r: RoundSummary| view! {
                <td><a href=paths::round(r.id)>{r.name.clone()}</a></td>
                <td>{r.form.label_sv()}</td>
                <td>{r.starts_on.to_string()}</td>
                <td>{text::places_taken(r.enrolled, r.capacity)}</td>
                <td>{r.waiting}</td>
                <td>{r.responsible.clone().unwrap_or_else(|| text::NOBODY_CHOSEN.to_owned())}</td>
            }/>

        <h2>{text::QUEUE_TITLE}</h2>
        <p>{text::queue_count(overview.queue.len())}</p>
        {(!overview.queue.is_empty()).then(|| view! {
            <DataTable label=text::QUEUE_TITLE rows=overview.queue.clone() actions=true
                columns=&[text::NAME, text::QUEUE_SINCE, text::QUEUE_BY, text::QUEUE_NOTE]
                row=|q: InterestEntry| view! {
                    <td>{q.name.clone()}</td>
                    <td>{staff_time(q.since)}</td>
                    <td>{q.by.clone()}</td>
                    <td>{q.round.as_deref().map(text::queue_wants_round).unwrap_or_default()}{q.note.clone()}</td>
                    <td>
                        <PostButton action=DismissInterest::url() secondary=true
                            hidden=vec![("participant_id", q.participant_id.to_string())]
                            label=text::QUEUE_REMOVE aria_label=text::queue_remove_person(&q.name)/>
                    </td>
                }/>
        })}
        <h3>{text::INTEREST_TITLE}</h3>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=RegisterInterest::url() class="form">
            <SelectField name="participant_id" label=text::PARTICIPANT
                options=choices(&overview.participants, text::CHOOSE_PARTICIPANT)
                value=fb.value("participant_id") error=fb.error("participant_id")/>
            <TextField name="note" label=text::INTEREST_NOTE hint=text::INTEREST_NOTE_HINT
                value=fb.value("note") error=fb.error("note")/>
            <SubmitButton icon="plus" label=text::INTEREST_ADD/>
        </form>
    }
}
