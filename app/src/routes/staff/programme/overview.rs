//! `/personal/programmet`: the year plan, the rounds and the interest queue.

use super::{choices, round_path};
use crate::components::{FormMessage, Icon, SelectField, TextField};
use crate::domain::RoundForm;
use crate::functions::programme::{DismissInterest, INTEREST_FORM, RegisterInterest, load_programme_overview};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, ProgrammeOverview, RoundSummary};
use crate::routes::feedback;
use crate::texts::staff_time;
use chrono::Datelike;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/personal/programmet`.
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
    let years = [this_year, this_year + 1];
    let group_rounds = |year: i32, spring: bool| {
        overview
            .rounds
            .iter()
            .filter(|r| {
                r.form == RoundForm::Group && r.starts_on.year() == year && (r.starts_on.month() <= 6) == spring
            })
            .map(|r| r.name.clone())
            .collect::<Vec<_>>()
    };
    view! {
        <h1><Icon name="briefcase"/>"Arbetsnärmande programmet"</h1>
        <p>{overview.unit_name.clone()}</p>
        <p><a class="button" href="/personal/programmet/ny-omgang"><Icon name="plus" size=24/><span>"Ny omgång"</span></a></p>

        <h2>"Årsplan"</h2>
        <p>"Planen är två gruppomgångar om året: en på våren och en på hösten."</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Årsplan">
            <table>
                <thead><tr><th scope="col">"År"</th><th scope="col">"Våren"</th><th scope="col">"Hösten"</th></tr></thead>
                <tbody>
                    {years.into_iter().map(|year| {
                        let cell = |names: Vec<String>| if names.is_empty() { "Ingen gruppomgång ännu".to_owned() } else { names.join(", ") };
                        view! {
                            <tr>
                                <th scope="row">{year}</th>
                                <td>{cell(group_rounds(year, true))}</td>
                                <td>{cell(group_rounds(year, false))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>

        <h2>"Omgångar"</h2>
        {if overview.rounds.is_empty() {
            view! { <p>"Inga omgångar ännu."</p> }.into_any()
        } else {
            view! { <RoundTable rounds=overview.rounds.clone()/> }.into_any()
        }}

        <h2>"Intresseanmälningar"</h2>
        <p>{format!("{} i kön, den som anmälde sig först står överst.", overview.queue.len())}</p>
        {(!overview.queue.is_empty()).then(|| view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label="Intresseanmälningar">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Namn"</th>
                            <th scope="col">"Sedan"</th>
                            <th scope="col">"Anmäld av"</th>
                            <th scope="col">"Anteckning"</th>
                            <th scope="col">"Åtgärd"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {overview.queue.iter().map(|q| view! {
                            <tr>
                                <td>{q.name.clone()}</td>
                                <td>{staff_time(q.since)}</td>
                                <td>{q.by.clone()}</td>
                                <td>{q.round.clone().map(|r| format!("Vill gå {r}. ")).unwrap_or_default()}{q.note.clone()}</td>
                                <td>
                                    <form method="post" action=DismissInterest::url()>
                                        <input type="hidden" name="participant_id" value=q.participant_id.to_string()/>
                                        <button type="submit" class="button button-secondary"
                                            aria-label=format!("Ta bort ur kön: {}", q.name)>"Ta bort ur kön"</button>
                                    </form>
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <h3>"Anmäl intresse för en deltagare"</h3>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=RegisterInterest::url() class="form">
            <SelectField name="participant_id" label="Deltagare" options=choices(&overview.participants, "Välj deltagare")
                value=fb.value("participant_id") error=fb.error("participant_id")/>
            <TextField name="note" label="Anteckning (valfri)" hint="Till exempel: frågade på planeringsmötet."
                value=fb.value("note") error=fb.error("note")/>
            <button type="submit" class="button"><Icon name="plus" size=24/><span>"Lägg till i kön"</span></button>
        </form>
    }
}

#[component]
fn RoundTable(rounds: Vec<RoundSummary>) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label="Omgångar">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Omgång"</th>
                        <th scope="col">"Form"</th>
                        <th scope="col">"Start"</th>
                        <th scope="col">"Platser"</th>
                        <th scope="col">"Kö"</th>
                        <th scope="col">"Ansvarig"</th>
                    </tr>
                </thead>
                <tbody>
                    {rounds.into_iter().map(|r| view! {
                        <tr>
                            <td><a href=round_path(r.id)>{r.name.clone()}</a></td>
                            <td>{r.form.label_sv()}</td>
                            <td>{r.starts_on.to_string()}</td>
                            <td>{format!("{} av {}", r.enrolled, r.capacity)}</td>
                            <td>{r.waiting}</td>
                            <td>{r.responsible.clone().unwrap_or_else(|| "Ingen vald".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
