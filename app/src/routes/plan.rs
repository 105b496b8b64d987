//! "Min plan": the joint plan in easy words, and what its hard words mean.

use crate::components::Icon;
use crate::functions::participant::load_plan;
use crate::layouts::participant_page;
use crate::models::{Plan, PlanPage};
use crate::texts::{self, sv};
use leptos::prelude::*;

#[component]
pub fn PlanPageView() -> impl IntoView {
    participant_page(load_plan, |page, _| view! { <PlanView page/> })
}

#[component]
fn PlanView(page: PlanPage) -> impl IntoView {
    let words = sv::plan_words(page.benefit);
    view! {
        <h1><Icon name="file-text"/>{sv::PLAN_TITLE}</h1>
        {match page.plan {
            Some(plan) => view! { <PlanSections plan/> }.into_any(),
            None => view! { <p>{sv::PLAN_NONE}</p> }.into_any(),
        }}
        <section aria-labelledby="words">
            <h2 id="words"><Icon name="info"/>{sv::PLAN_WORDS}</h2>
            <dl class="word-list">
                {words.into_iter().map(|(word, meaning)| view! { <dt>{word}</dt><dd>{meaning}</dd> }).collect_view()}
            </dl>
        </section>
    }
}

#[component]
fn PlanSections(plan: Plan) -> impl IntoView {
    let period = match plan.until {
        Some(until) => format!(
            "{} {} {} {}.",
            sv::PLAN_FROM,
            texts::date_in_words(plan.from),
            sv::PLAN_UNTIL,
            texts::date_in_words(until)
        ),
        None => format!("{} {}.", sv::PLAN_FROM, texts::date_in_words(plan.from)),
    };
    view! {
        <section aria-labelledby="goal">
            <h2 id="goal"><Icon name="footprints"/>{sv::PLAN_GOAL}</h2>
            <p class="card">{plan.goal}</p>
            <h3>{sv::PLAN_WHY}</h3>
            <p>{plan.reason}</p>
            <p>{period}</p>
        </section>
        <section aria-labelledby="week">
            <h2 id="week"><Icon name="calendar-days"/>{sv::PLAN_WEEK}</h2>
            <p>{sv::plan_week(plan.days_per_week, plan.hours_per_week)}</p>
        </section>
        <section aria-labelledby="do">
            <h2 id="do"><Icon name="list-checks"/>{sv::PLAN_DO}</h2>
            <ul class="plan-list">{plan.activities.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
        </section>
        {(!plan.follow_ups.is_empty()).then(|| view! {
            <section aria-labelledby="talk">
                <h2 id="talk"><Icon name="users"/>{sv::PLAN_NEXT_TALK}</h2>
                <ul class="plan-list">
                    {plan.follow_ups.into_iter().map(|(on, what)| view! {
                        <li><strong>{texts::date_in_words(on)}</strong><span>{what}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!plan.other_notes.trim().is_empty()).then(|| view! {
            <section aria-labelledby="other">
                <h2 id="other"><Icon name="info"/>{sv::PLAN_OTHER}</h2>
                <p>{plan.other_notes.clone()}</p>
            </section>
        })}
    }
}
