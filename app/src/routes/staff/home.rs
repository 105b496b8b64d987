//! `/personal`: the caseload start page, what needs doing and the unit's participants.

use crate::components::{DataTable, Icon, SelectField, SubmitButton, TextField};
use crate::domain::LadderStep;
use crate::functions::staff::load_staff_home;
use crate::layouts::staff_page;
use crate::models::{RosterRow, StaffHome, TransitionTodo};
use crate::paths::{self, RecordPart};
use crate::texts::{capitalise, day_and_time_in_words, staff as text};
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
        self.keeps_name(&row.name)
            && (self.step.is_empty() || row.step.as_str() == self.step)
            && (!self.mine || row.mine)
    }

    fn keeps_name(&self, name: &str) -> bool {
        let wanted = self.name.trim().to_lowercase();
        wanted.is_empty() || name.to_lowercase().contains(&wanted)
    }

    /// A clock's to-do follows its participant's row; someone off the roster
    /// (discharged, with förlängt stöd or FSF's support running) is at no step
    /// and in no one's caseload, so only the name search keeps them, and only
    /// while no step or "only mine" is asked for.
    fn keeps_todo(&self, todo: &TransitionTodo, rows: &[RosterRow]) -> bool {
        match rows.iter().find(|r| r.participant_id == todo.participant_id) {
            Some(row) => self.keeps(row),
            None => self.step.is_empty() && !self.mine && self.keeps_name(&todo.name),
        }
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
                <h3>{text::counted(title, items.len())}</h3>
                <ul>
                    {items.into_iter().map(|(id, text)| view! {
                        <li><a href=paths::record(id, RecordPart::Overview)>{text}</a></li>
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
        rows.iter().filter_map(|r| pick(r).map(|line| (r.participant_id, line))).collect()
    };
    let this_week = list(&|r| (r.meetings_this_week > 0).then(|| text::todo_meetings(&r.name, r.meetings_this_week)));
    let follow_ups = list(&|r| r.follow_up_due.map(|d| text::todo_follow_up(&r.name, d)));
    let benefit = list(&|r| r.benefit_ends.map(|d| text::todo_benefit_ends(&r.name, d)));
    let no_consent = list(&|r| r.assessment_without_consent.then(|| r.name.clone()));
    let waiting = list(&|r| r.waiting_for_programme.then(|| r.name.clone()));
    let transition: Vec<(i64, String)> = home
        .transition_due
        .iter()
        .filter(|t| filter.keeps_todo(t, &home.participants))
        .map(|t| (t.participant_id, text::todo_transition(&t.name, t.due, home.today)))
        .collect();
    let nothing_to_do =
        [&this_week, &follow_ups, &benefit, &no_consent, &waiting, &transition].iter().all(|l| l.is_empty());
    let steps: Vec<(String, String)> = std::iter::once((String::new(), text::ROSTER_ALL_STEPS.to_owned()))
        .chain(LadderStep::ALL.iter().map(|s| (s.as_str().to_owned(), s.label_sv().to_owned())))
        .collect();
    let count = rows.len();
    view! {
        <h1><Icon name="users"/>{home.unit_name.clone()}</h1>
        <h2>{text::TODO_TITLE}</h2>
        {nothing_to_do.then(|| view! { <p>{text::TODO_NOTHING}</p> })}
        <div class="todo-grid">
            <Todo title=text::TODO_MEETINGS_THIS_WEEK items=this_week/>
            <Todo title=text::TODO_PLAN_FOLLOW_UP items=follow_ups/>
            <Todo title=text::TODO_BENEFIT_ENDS items=benefit/>
            <Todo title=text::TODO_ASSESSMENT_WITHOUT_CONSENT items=no_consent/>
            <Todo title=text::TODO_WAITING_FOR_PROGRAMME items=waiting/>
            <Todo title=text::TODO_TRANSITION items=transition/>
        </div>

        <h2>{text::ROSTER_TITLE}</h2>
        <p><a class="button button-secondary" href=paths::NEW_PARTICIPANT><Icon name="plus"/>{text::NEW_PARTICIPANT}</a>
            <a class="button button-secondary" href=paths::IMPORT><Icon name="users"/>{text::IMPORT_LINK}</a></p>
        <form method="get" action=paths::STAFF_HOME class="form filter">
            <TextField name="namn" label=text::ROSTER_SEARCH_NAME value=filter.name.clone()/>
            <SelectField name="steg" label=text::STEP options=steps value=filter.step.clone()/>
            <label class="choice"><input type="checkbox" name="mina" value="1" checked=filter.mine/>
                <span>{text::ROSTER_ONLY_MINE}</span></label>
            <SubmitButton label=text::ROSTER_FILTER secondary=true/>
        </form>
        <p>{text::roster_count(count, home.participants.len())}</p>
        <DataTable label=text::ROSTER_TITLE rows
            columns=&[text::NAME, text::STEP, text::FORM, text::ROSTER_NEXT_MEETING, text::ROSTER_SIGN_IN]
            row=|p: RosterRow| view! {
                <td><a href=paths::record(p.participant_id, RecordPart::Overview)>{p.name.clone()}</a></td>
                <td>{p.step.label_sv()}</td>
                <td>{p.dv_form.label_sv()}</td>
                <td>
                    {match p.next_meeting {
                        Some((at, answer)) => {
                            text::roster_next_meeting(&capitalise(&day_and_time_in_words(at)), answer.label_sv())
                        }
                        None => text::ROSTER_NO_MEETING.to_owned(),
                    }}
                </td>
                <td>
                    <a href=paths::record(p.participant_id, RecordPart::Code)
                        aria-label=text::roster_create_code_for(&p.name)>{text::ROSTER_CREATE_CODE}</a>
                </td>
            }/>
    }
}
