//! `/personal/handbok`: the staff manual, one section per step of the ladder
//! (what it is for, who calls the meeting, which consent it needs), and the
//! clocks of the transition. The record's steps link to their sections.

use crate::components::Icon;
use crate::functions::staff::load_manual;
use crate::layouts::staff_page;
use crate::paths;
use crate::texts::manual as text;
use leptos::prelude::*;

#[component]
pub fn ManualPage() -> impl IntoView {
    staff_page(load_manual, |()| view! { <Manual/> })
}

#[component]
fn Manual() -> impl IntoView {
    view! {
        <h1><Icon name="book-open"/>{text::TITLE}</h1>
        <p>{text::INTRO}</p>
        <nav aria-labelledby="manual-contents">
            <h2 id="manual-contents">{text::CONTENTS}</h2>
            <ul>
                {text::SECTIONS.iter().map(|(title, steps)| view! {
                    <li>
                        {*title}
                        <ul>
                            {steps.iter().map(|&step| view! {
                                <li><a href=format!("#{}", paths::manual_anchor(step))>{step.label_sv()}</a></li>
                            }).collect_view()}
                        </ul>
                    </li>
                }).collect_view()}
                <li><a href="#tiderna">{text::CLOCKS_TITLE}</a></li>
            </ul>
        </nav>
        {text::SECTIONS.iter().map(|(title, steps)| view! {
            <section class="manual-part">
                <h2>{*title}</h2>
                {steps.iter().map(|&step| {
                    let guide = text::step_guide(step);
                    view! {
                        <section id=paths::manual_anchor(step) class="card" tabindex="-1">
                            <h3>{step.label_sv()}</h3>
                            <dl>
                                <dt>{text::PURPOSE}</dt><dd>{guide.purpose}</dd>
                                <dt>{text::WHO_CALLS}</dt><dd>{guide.who_calls}</dd>
                                <dt>{text::CONSENT}</dt><dd>{guide.consent}</dd>
                            </dl>
                        </section>
                    }
                }).collect_view()}
            </section>
        }).collect_view()}
        <section id="tiderna" tabindex="-1">
            <h2>{text::CLOCKS_TITLE}</h2>
            <ul>{text::CLOCKS.iter().map(|line| view! { <li>{*line}</li> }).collect_view()}</ul>
            <p>{text::CLOCKS_WHERE}</p>
        </section>
    }
}
