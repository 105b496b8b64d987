//! `/personal/uppfoljning`: the follow-up of outcomes for the enhetschef (their
//! unit) and the administrator (any unit, or all together): the tables the
//! source project counted by hand, for any period.

use crate::components::{DataTable, Icon, SelectField, SubmitButton, TextField};
use crate::domain::follow_up::{Split, Tables};
use crate::functions::follow_up::follow_up;
use crate::layouts::staff_page;
use crate::models::{FollowUpPage, FollowUpQuery};
use crate::paths;
use crate::texts::follow_up as text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The period and unit in the page's address: `?fran=&till=&enhet=`.
fn query_from_address() -> FollowUpQuery {
    use_query_map().with_untracked(|q| {
        let text = |key: &str| q.get(key).unwrap_or_default().chars().take(40).collect::<String>();
        FollowUpQuery { from: text("fran"), until: text("till"), unit: text("enhet") }
    })
}

#[component]
pub fn FollowUpPageView() -> impl IntoView {
    let query = query_from_address();
    staff_page(move || follow_up(query.clone()), |page: FollowUpPage| view! { <FollowUp page/> })
}

const COLUMNS: &[&str] = &[text::COLUMN_WHAT, text::TOTAL, text::WOMEN, text::MEN, text::OTHER];

/// One table of counts by gender, a row per line.
#[component]
fn SplitTable(title: &'static str, rows: Vec<(String, Split)>) -> impl IntoView {
    view! {
        <DataTable label=title columns=COLUMNS rows row=|(what, s): (String, Split)| view! {
            <th scope="row">{what}</th>
            <td>{s.total()}</td>
            <td>{s.women}</td>
            <td>{s.men}</td>
            <td>{s.other}</td>
        }/>
    }
}

fn labelled<T: Copy>(rows: &[(T, Split)], label: impl Fn(T) -> &'static str) -> Vec<(String, Split)> {
    rows.iter().map(|(code, split)| (label(*code).to_owned(), *split)).collect()
}

#[component]
fn FollowUp(page: FollowUpPage) -> impl IntoView {
    let title = page.unit_name.as_deref().map_or_else(|| text::TITLE_ALL.to_owned(), text::title_unit);
    let units: Vec<(String, String)> = std::iter::once((String::new(), text::ALL_UNITS.to_owned()))
        .chain(page.units.iter().map(|(id, name)| (id.to_string(), name.clone())))
        .collect();
    let q = page.query.clone();
    view! {
        <h1><Icon name="chart-column"/>{title}</h1>
        <p>{text::INTRO}</p>
        <form method="get" action=paths::FOLLOW_UP class="form filter">
            <TextField name="fran" label=text::FROM kind="date" value=q.from.clone() error=page.error("from")/>
            <TextField name="till" label=text::UNTIL kind="date" value=q.until.clone() error=page.error("until")/>
            {page.choose_unit.then(|| view! {
                <SelectField name="enhet" label=text::UNIT options=units value=q.unit.clone()/>
            })}
            <SubmitButton label=text::SHOW secondary=true/>
        </form>
        {page.period.zip(page.tables).map(|(period, t)| view! {
            <p>{text::period(period.from, period.until)}</p>
            <Figures t/>
        })}
    }
}

#[component]
fn Figures(t: Tables) -> impl IntoView {
    let mut steps = labelled(&t.dv_steps, |s| s.label_sv());
    steps.push((text::DV_STEPS_ALL.to_owned(), t.dv_steps_total()));
    let mut discharges = labelled(&t.discharges, |o| o.label_sv());
    discharges.push((text::NOT_DISCHARGED.to_owned(), t.not_discharged));
    let of_all = t.towards_work_of_all;
    let of_discharged = t.towards_work_of_discharged;
    view! {
        <h2>{text::SHARES_TITLE}</h2>
        <p class="figure">{text::share_of_all(of_all.count, of_all.of, of_all.per_cent())}</p>
        <p class="figure">
            {text::share_of_discharged(of_discharged.count, of_discharged.of, of_discharged.per_cent())}
        </p>
        <p>{text::SHARES_ABOUT}</p>
        <h2>{text::PARTICIPANTS_TITLE}</h2>
        <SplitTable title=text::PARTICIPANTS_TITLE rows=vec![(text::PARTICIPANTS_ROW.to_owned(), t.participants)]/>
        <h2>{text::FORM_TITLE}</h2>
        <SplitTable title=text::FORM_TITLE rows=labelled(&t.form_at_entry, |f| f.label_sv())/>
        <h2>{text::BENEFIT_TITLE}</h2>
        <SplitTable title=text::BENEFIT_TITLE rows=labelled(&t.benefit_at_entry, |b| b.label_sv())/>
        <h2>{text::DV_STEPS_TITLE}</h2>
        <p>{text::DV_STEPS_ABOUT}</p>
        <SplitTable title=text::DV_STEPS_TITLE rows=steps/>
        <h2>{text::ASSESSMENT_TITLE}</h2>
        <p>{text::ASSESSMENT_ABOUT}</p>
        <SplitTable title=text::ASSESSMENT_TITLE rows=vec![
            (text::ASSESSMENT_HELD.to_owned(), t.assessments_held),
            (text::ASSESSMENT_PLANNED.to_owned(), t.assessments_planned),
        ]/>
        <h2>{text::DISCHARGE_TITLE}</h2>
        <SplitTable title=text::DISCHARGE_TITLE rows=discharges/>
    }
}
