//! `/personal`: the caseload start page, what needs doing and the unit's participants.

use crate::components::{Icon, SelectField, TextField};
use crate::domain::LadderStep;
use crate::functions::staff::load_staff_home;
use crate::layouts::staff_page;
use crate::models::{RosterRow, StaffHome};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What the roster is filtered by, from the page address (`?namn=&steg=&mina=1`).
#[derive(Debug, Clone, Default)]
struct RosterFilter {
    name: String,
    step: String,
    mine: bool,
}

impl RosterFilter {
    fn keeps(&self, row: &RosterRow) -> bool {
        let name = self.name.trim().to_lowercase();
        (name.is_empty() || row.name.to_lowercase().contains(&name))
            && (self.step.is_empty() || row.step.as_str() == self.step)
            && (!self.mine || row.mine)
    }
}

/// `/personal`: the caseload start page.
#[component]
pub fn StaffHomePage() -> impl IntoView {
    let filter = use_query_map().with_untracked(|q| RosterFilter {
        name: q.get("namn").unwrap_or_default().chars().take(100).collect(),
        step: q.get("steg").unwrap_or_default(),
        mine: q.get("mina").is_some_and(|v| v == "1"),
    });
    staff_page(load_staff_home, move |home: StaffHome| {
        let filter = filter.clone();
        view! { <Roster home filter/> }
    })
}

/// One "to do" list: only shown when someone is on it.
#[component]
fn Todo(title: &'static str, items: Vec<(i64, String)>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="card todo">
                <h3>{format!("{title} ({})", items.len())}</h3>
                <ul>
                    {items.into_iter().map(|(id, text)| view! {
                        <li><a href=format!("/personal/deltagare/{id}")>{text}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn Roster(home: StaffHome, filter: RosterFilter) -> impl IntoView {
    let rows: Vec<RosterRow> = home.participants.iter().filter(|r| filter.keeps(r)).cloned().collect();
    let list = |pick: &dyn Fn(&RosterRow) -> Option<String>| -> Vec<(i64, String)> {
        rows.iter().filter_map(|r| pick(r).map(|t| (r.participant_id, t))).collect()
    };
    let this_week =
        list(&|r| (r.meetings_this_week > 0).then(|| format!("{}: {} möten", r.name, r.meetings_this_week)));
    let follow_ups = list(&|r| r.follow_up_due.map(|d| format!("{}: {d}", r.name)));
    let benefit = list(&|r| r.benefit_ends.map(|d| format!("{}: slutar {d}", r.name)));
    let no_consent = list(&|r| r.assessment_without_consent.then(|| r.name.clone()));
    let waiting = list(&|r| r.waiting_for_programme.then(|| r.name.clone()));
    let nothing_to_do = [&this_week, &follow_ups, &benefit, &no_consent, &waiting].iter().all(|l| l.is_empty());
    let steps: Vec<(String, String)> = std::iter::once((String::new(), "Alla steg".to_owned()))
        .chain(LadderStep::ALL.iter().map(|s| (s.as_str().to_owned(), s.label_sv().to_owned())))
        .collect();
    let count = rows.len();
    view! {
        <h1><Icon name="users"/>{home.unit_name.clone()}</h1>
        <h2>"Att göra"</h2>
        {nothing_to_do.then(|| view! { <p>"Inget att göra just nu."</p> })}
        <div class="todo-grid">
            <Todo title="Möten den här veckan" items=this_week/>
            <Todo title="Uppföljning av planen inom två veckor" items=follow_ups/>
            <Todo title="Aktivitetsersättningen slutar inom 90 dagar" items=benefit/>
            <Todo title="Gemensam kartläggning utan samtycke" items=no_consent/>
            <Todo title="Väntar på programmet" items=waiting/>
        </div>

        <h2>"Deltagare"</h2>
        <form method="get" action="/personal" class="form filter">
            <TextField name="namn" label="Sök på namn" value=filter.name.clone()/>
            <SelectField name="steg" label="Steg" options=steps value=filter.step.clone()/>
            <label class="choice"><input type="checkbox" name="mina" value="1" checked=filter.mine/>
                <span>"Bara de jag är kontaktperson för"</span></label>
            <button type="submit" class="button button-secondary"><span>"Visa"</span></button>
        </form>
        <p>{format!("{count} av {} deltagare", home.participants.len())}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Deltagare">
            <table>
                <thead>
                    <tr>
                        <th scope="col">"Namn"</th>
                        <th scope="col">"Steg"</th>
                        <th scope="col">"Form"</th>
                        <th scope="col">"Nästa möte och svar"</th>
                        <th scope="col">"Inloggning"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|p| view! {
                        <tr>
                            <td><a href=format!("/personal/deltagare/{}", p.participant_id)>{p.name.clone()}</a></td>
                            <td>{p.step.label_sv()}</td>
                            <td>{p.dv_form.label_sv()}</td>
                            <td>
                                {match p.next_meeting {
                                    Some((at, answer)) => format!(
                                        "{}: {}",
                                        crate::texts::capitalise(&crate::texts::day_and_time_in_words(at)),
                                        answer.label_sv()
                                    ),
                                    None => "Inget inbokat".to_owned(),
                                }}
                            </td>
                            <td>
                                <a href=format!("/personal/deltagare/{}/kod", p.participant_id)
                                    aria-label=format!("Skapa kod för {}", p.name)>"Skapa kod"</a>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
