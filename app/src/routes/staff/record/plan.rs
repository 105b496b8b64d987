//! `/personal/deltagare/{id}/plan`: every version of the joint plan, any
//! version beside the current one, and a new version (a save never overwrites).

use super::{ParticipantIdField, RecordNav, typed_or};
use crate::components::{Banner, BannerKind, DataTable, SubmitButton, TextArea, TextField};
use crate::functions::record::{PLAN_FORM, SavePlan, load_plan_history};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, PlanHistory, PlanVersion};
use crate::paths::{self, RecordPart};
use crate::routes::{feedback, id_param};
use crate::texts::{staff as text, staff_time};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

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
            <dt>{text::PLAN_GOAL}</dt><dd>{plan.goal.clone()}</dd>
            <dt>{text::PLAN_REASON}</dt><dd>{plan.reason.clone()}</dd>
            <dt>{text::PLAN_PERIOD}</dt><dd>{text::plan_period(plan.from, plan.until)}</dd>
            <dt>{text::PLAN_SCOPE}</dt><dd>{text::plan_scope(plan.days_per_week, plan.hours_per_week)}</dd>
            <dt>{text::PLAN_ACTIVITIES}</dt><dd>{text::plan_activities(&plan.activities)}</dd>
            <dt>{text::PLAN_FOLLOW_UP}</dt><dd>{text::plan_follow_ups(&plan.follow_ups)}</dd>
            <dt>{text::PLAN_OTHER}</dt><dd>{plan.other_notes.clone()}</dd>
        </dl>
    }
}

/// An earlier version and the current one, side by side.
#[component]
fn Comparison(then: PlanVersion, now: PlanVersion) -> impl IntoView {
    let (then_v, now_v) = (then.version, now.version);
    let (then_at, now_at) = (staff_time(then.saved_at), staff_time(now.saved_at));
    view! {
        <h2>{text::plan_side_by_side(then_v, now_v)}</h2>
        <div class="compare">
            <section class="card" aria-label=text::plan_version(then_v)>
                <h3>{text::plan_version_saved(then_v, &then_at)}</h3>
                <PlanText plan=then/>
            </section>
            <section class="card" aria-label=text::plan_current(now_v)>
                <h3>{text::plan_current_saved(now_v, &now_at)}</h3>
                <PlanText plan=now/>
            </section>
        </div>
    }
}

#[component]
fn PlanPage(history: PlanHistory, fb: FormFeedback, compare: Option<i64>) -> impl IntoView {
    let id = history.participant_id;
    let current = history.versions.first().cloned();
    let earlier = compare.and_then(|v| history.versions.iter().find(|p| p.version == v).cloned());
    // The form starts from the current version: a new version is a revision of it.
    let c = current.clone();
    let value =
        |field: &str, pick: fn(&PlanVersion) -> String| typed_or(&fb, field, c.as_ref().map(pick).unwrap_or_default());
    view! {
        <RecordNav participant_id=id name=history.name.clone() current=RecordPart::Plan.segment()/>
        {match (current.clone(), earlier) {
            (Some(now), Some(then)) => view! { <Comparison then now/> }.into_any(),
            (Some(now), None) => view! {
                <h2>{text::plan_current(now.version)}</h2>
                <PlanText plan=now/>
            }.into_any(),
            (None, _) => view! { <p>{text::NO_PLAN_YET}</p> }.into_any(),
        }}

        <h2>{text::PLAN_VERSIONS_TITLE}</h2>
        <DataTable label=text::PLAN_VERSIONS_LABEL rows=history.versions.clone()
            columns=&[text::PLAN_VERSION, text::PLAN_SAVED, text::PLAN_BY, text::PLAN_GOAL, text::PLAN_COMPARE]
            row=move |p: PlanVersion| view! {
                <td>{p.version}</td>
                <td>{staff_time(p.saved_at)}</td>
                <td>{p.author.clone().unwrap_or_default()}</td>
                <td>{p.goal.clone()}</td>
                <td><a href=paths::record_plan_compare(id, p.version)>{text::plan_compare(p.version)}</a></td>
            }/>

        <h2>{text::PLAN_NEW_TITLE}</h2>
        <p>{text::PLAN_OLD_KEPT}</p>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=SavePlan::url() class="form">
            <ParticipantIdField participant_id=id/>
            <TextField name="goal" label=text::PLAN_GOAL value=value("goal", |p| p.goal.clone())
                error=fb.error("goal")/>
            <TextArea name="reason" label=text::PLAN_WHY_THIS_GOAL value=value("reason", |p| p.reason.clone())
                error=fb.error("reason")/>
            <TextField name="from" label=text::PLAN_VALID_FROM kind="date" value=value("from", |p| p.from.to_string())
                error=fb.error("from")/>
            <TextField name="until" label=text::PLAN_VALID_UNTIL kind="date"
                value=value("until", |p| p.until.map(|d| d.to_string()).unwrap_or_default()) error=fb.error("until")/>
            <TextField name="days_per_week" label=text::PLAN_DAYS_PER_WEEK kind="number"
                value=value("days_per_week", |p| p.days_per_week.to_string()) error=fb.error("days_per_week")/>
            <TextField name="hours_per_week" label=text::HOURS_PER_WEEK kind="number"
                value=value("hours_per_week", |p| p.hours_per_week.to_string()) error=fb.error("hours_per_week")/>
            <TextArea name="activities" label=text::PLAN_ACTIVITIES hint=text::PLAN_ACTIVITIES_HINT
                value=value("activities", |p| p.activities.join("\n")) error=fb.error("activities")/>
            <TextField name="follow_up_on" label=text::PLAN_NEXT_FOLLOW_UP_ON kind="date"
                value=fb.value("follow_up_on") error=fb.error("follow_up_on")/>
            <TextField name="follow_up_what" label=text::PLAN_NEXT_FOLLOW_UP_WHAT value=fb.value("follow_up_what")
                error=fb.error("follow_up_what")/>
            <TextArea name="other_notes" label=text::PLAN_OTHER value=value("other_notes", |p| p.other_notes.clone())
                error=fb.error("other_notes")/>
            <SubmitButton icon="file-text" label=text::PLAN_SAVE/>
        </form>
    }
}
