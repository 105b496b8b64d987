//! "Vem har tittat på mina uppgifter?": who saw or changed the participant's
//! data, and when, in easy words. One line a person a day, newest first.

use crate::components::Icon;
use crate::functions::log::load_who_looked;
use crate::layouts::participant_page;
use crate::models::{LookEntry, WhoLooked};
use crate::texts::{self, sv};
use leptos::prelude::*;

#[component]
pub fn WhoLookedPage() -> impl IntoView {
    participant_page(load_who_looked, |page, _| view! { <WhoLookedView page/> })
}

#[component]
fn WhoLookedView(page: WhoLooked) -> impl IntoView {
    let [intro, how_far] = sv::who_looked_intro(page.months);
    // Days, newest first, each with its entries.
    let mut days: Vec<(String, Vec<LookEntry>)> = Vec::new();
    for entry in page.entries {
        let day = texts::capitalise(&texts::day_in_words(entry.at));
        match days.last_mut() {
            Some((d, list)) if *d == day => list.push(entry),
            _ => days.push((day, vec![entry])),
        }
    }
    view! {
        <h1><Icon name="eye"/>{sv::WHO_LOOKED_TITLE}</h1>
        <p>{intro}</p>
        <p>{how_far}</p>
        {days.is_empty().then(|| view! { <p>{sv::who_looked_none(page.months)}</p> })}
        {days.into_iter().enumerate().map(|(k, (day, entries))| {
            let heading = format!("dag-{k}");
            let labelled_by = heading.clone();
            view! {
                <section aria-labelledby=labelled_by>
                    <h2 id=heading>{day}</h2>
                    <ul class="look-list">
                        {entries.into_iter().map(|e| view! { <LookLine e/> }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
        {(page.in_lists > 0).then(|| view! { <p>{sv::who_looked_in_lists(page.in_lists)}</p> })}
        <p>{sv::WHO_LOOKED_ASK}</p>
    }
}

/// One person on one day: who they are to me, what they saw, what they changed.
#[component]
fn LookLine(e: LookEntry) -> impl IntoView {
    let changed = !e.changed.is_empty();
    view! {
        <li class="card look">
            <p class="look-who">
                <Icon name=if changed { "pencil" } else { "eye" }/>
                <span><strong>{e.name}</strong><br/><span>{sv::looker_role(e.who)}</span></span>
            </p>
            {(!e.read.is_empty()).then(|| view! {
                <p>{format!("{} {}.", sv::WHO_LOOKED_SAW, sv::looked_at_list(&e.read))}</p>
            })}
            {changed.then(|| view! {
                <p>{format!("{} {}.", sv::WHO_LOOKED_CHANGED, sv::looked_at_list(&e.changed))}</p>
            })}
            <p>{format!("{}.", texts::capitalise(&format!("{} {}", sv::AT_CLOCK, texts::time_in_words(e.at))))}</p>
        </li>
    }
}
