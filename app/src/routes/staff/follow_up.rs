//! `/personal/uppfoljning`: the follow-up of outcomes for the enhetschef (their
//! unit) and the administrator (any unit, or all together): the tables the
//! source project counted by hand, for any period, each with a chart drawn
//! here (no script), and the tables as a file to hand on.

use crate::components::{BarChart, Icon, SelectField, SubmitButton, TextField};
use crate::domain::follow_up::{Programme, Tables, WorkOutcomes};
use crate::functions::follow_up::follow_up;
use crate::layouts::staff_page;
use crate::models::{FigureTable, FollowUpPage, FollowUpQuery, figure_tables, programme_table, work_tables};
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

#[component]
fn FollowUp(page: FollowUpPage) -> impl IntoView {
    let title = page.unit_name.as_deref().map_or_else(|| text::TITLE_ALL.to_owned(), text::title_unit);
    let units: Vec<(String, String)> = std::iter::once((String::new(), text::ALL_UNITS.to_owned()))
        .chain(page.units.iter().map(|(id, name)| (id.to_string(), name.clone())))
        .collect();
    let q = page.query.clone();
    let programme = page.programme.clone().unwrap_or_default();
    view! {
        <div class="follow-up">
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
            <p class="no-print">
                <a class="button button-secondary" href=paths::follow_up_csv(period.from, period.until, &q.unit) download="">
                    <Icon name="file-text" size=24/><span>{text::DOWNLOAD}</span>
                </a>
            </p>
            <p class="no-print">{text::DOWNLOAD_ABOUT}</p>
            {page.lists_people.then(|| view! {
                <p class="no-print">
                    <a class="button button-secondary" href=paths::follow_up_people_csv(period.from, period.until) download="">
                        <Icon name="file-text" size=24/><span>{text::PEOPLE_DOWNLOAD}</span>
                    </a>
                </p>
                <p class="no-print">{text::PEOPLE_ABOUT}</p>
            })}
            <Figures t/>
            <ProgrammeFigures p=programme.clone()/>
            <h2>{text::SUPPRESSION_TITLE}</h2>
            <p>{text::SUPPRESSION_NOTE}</p>
        })}
        </div>
    }
}

#[component]
fn Figures(t: Tables) -> impl IntoView {
    let of_all = t.towards_work_of_all;
    let of_discharged = t.towards_work_of_discharged;
    view! {
        <section class="follow-up-part" aria-labelledby="andelar">
            <h2 id="andelar">{text::SHARES_TITLE}</h2>
            <p class="figure">{text::share_of_all(of_all.count, of_all.of, of_all.per_cent())}</p>
            <p class="figure">
                {text::share_of_discharged(of_discharged.count, of_discharged.of, of_discharged.per_cent())}
            </p>
            <p>{text::SHARES_ABOUT}</p>
        </section>
        {figure_tables(&t).into_iter().map(|table| view! { <Figure table/> }).collect_view()}
        <WorkFigures w=t.work/>
    }
}

/// Paid work: the employment rate against the benchmark, hours, and time to the first job.
#[component]
fn WorkFigures(w: WorkOutcomes) -> impl IntoView {
    let rate = w.employment_rate();
    let twenty = w.at_least_20_hours();
    let [work, hours] = work_tables(&w);
    view! {
        <Figure table=work>
            <p class="figure">{text::employment_rate(rate.count, rate.of, rate.per_cent())}</p>
            <p class="figure">{text::days_to_first_job(w.median_days_to_first_job(), w.days_to_first_job.len())}</p>
            <p class="figure">
                {text::months_with_support(w.median_months_with_support(), w.months_with_support.len())}
            </p>
        </Figure>
        <Figure table=hours>
            <p class="figure">{text::at_least_20_hours(twenty.count, twenty.of, twenty.per_cent())}</p>
        </Figure>
    }
}

#[component]
fn ProgrammeFigures(p: Programme) -> impl IntoView {
    let attendance = p.attendance();
    view! {
        <Figure table=programme_table(&p)>
            <p class="figure">{text::attendance(attendance.count, attendance.of, attendance.per_cent())}</p>
            <p class="figure">{text::median_wait(p.median_wait(), p.waits_in_days.len())}</p>
        </Figure>
    }
}

/// One table: its title and what it counts, the numbers, and the chart of them.
#[component]
fn Figure(table: FigureTable, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let heading = format!("rubrik-{}", table.id);
    let labelled_by = heading.clone();
    let (id, title, about, columns, rows) =
        (table.id, table.title, table.about, table.columns.clone(), table.rows.clone());
    view! {
        <section class="follow-up-part" id=id aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            {about.map(|about| view! { <p>{about}</p> })}
            {children.map(|c| c())}
            <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{text::COLUMN_WHAT}</th>
                            {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {rows.iter().map(|(label, counts)| view! {
                            <tr>
                                <th scope="row">{label.clone()}</th>
                                {counts.iter().map(|n| view! { <td>{*n}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <BarChart table/>
        </section>
    }
}
