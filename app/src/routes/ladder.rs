//! "Stegen": the ladder towards work as a picture, my step marked, what can
//! come next, and my steps so far with dates.

use crate::components::Icon;
use crate::domain::LadderStep;
use crate::functions::participant::load_ladder;
use crate::layouts::participant_page;
use crate::models::Ladder;
use crate::texts::{self, sv};
use leptos::prelude::*;

#[component]
pub fn LadderPage() -> impl IntoView {
    participant_page(load_ladder, |ladder, _| view! { <LadderView ladder/> })
}

#[component]
fn LadderView(ladder: Ladder) -> impl IntoView {
    let (way, current) = (ladder.way, ladder.current);
    let reached = |step: LadderStep| ladder.moves.iter().any(|m| m.step == step);
    // The participant's own road only: DV's steps, then the road's. Top of the list is step 1.
    let rungs = way.rungs();
    let next = way.next_steps(current);
    view! {
        <h1><Icon name="footprints"/>{sv::LADDER_TITLE}</h1>
        <p>{sv::LADDER_INTRO}</p>
        {ladder.resting_until.map(|until| view! {
            <p class="card"><Icon name="house"/>{sv::ladder_resting(until)}</p>
        })}
        <ol class="ladder" aria-label=sv::LADDER_PICTURE>
            {rungs.iter().map(|&step| {
                let here = step == current;
                let done = !here && reached(step);
                view! {
                    <li class="rung" class:rung-here=here class:rung-done=done aria-current=here.then_some("step")>
                        <span class="rung-number">{sv::ladder_step_label(way, step)}</span>
                        <span class="rung-text">{sv::ladder_step_short(way, step)}</span>
                        {here.then(|| view! { <strong class="badge"><Icon name="user-round" size=24/>{sv::LADDER_YOU_ARE_HERE}</strong> })}
                        {done.then(|| view! { <span class="badge badge-done"><Icon name="circle-check" size=24/>{sv::LADDER_DONE}</span> })}
                    </li>
                }
            }).collect_view()}
        </ol>
        <p class="ladder-goal">
            {current.is_outcome().then(|| view! { <strong class="badge"><Icon name="user-round" size=24/>{sv::LADDER_YOU_ARE_HERE}</strong> })}
            {if current.is_outcome() { sv::ladder_step_name(way, current) } else { sv::LADDER_GOAL.to_owned() }}
        </p>
        <section aria-labelledby="next">
            <h2 id="next">{sv::LADDER_NEXT}</h2>
            {if next.is_empty() {
                view! { <p>{sv::LADDER_NO_NEXT}</p> }.into_any()
            } else {
                view! {
                    <ul class="next-steps">
                        {next.iter().map(|s| view! { <li>{sv::ladder_step_short(way, *s)}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="history">
            <h2 id="history">{sv::LADDER_HISTORY}</h2>
            {if ladder.moves.is_empty() {
                view! { <p>{sv::LADDER_NO_HISTORY}</p> }.into_any()
            } else {
                view! {
                    <ul class="ladder-history">
                        {ladder.moves.into_iter().rev().map(|m| view! {
                            <li>
                                <strong>{texts::date_in_words(m.on)}</strong>
                                <span>{sv::ladder_step_short(way, m.step)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
