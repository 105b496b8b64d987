//! `/personal/sus`: the unit's registration sheet for SUS (Finsam's national
//! follow-up), to type into SUS's web forms: one block a registration, named
//! only with the participant's written consent, anonymous otherwise. Prints
//! on A4 and downloads as CSV.

use crate::components::{Icon, SubmitButton, TextField};
use crate::functions::sus::load_sus_sheet;
use crate::layouts::staff_page;
use crate::models::{SusLine, SusQuery, SusSheet};
use crate::paths;
use crate::texts::sus as text;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SusSheetPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| {
        let text = |key: &str| q.get(key).unwrap_or_default().chars().take(40).collect::<String>();
        SusQuery { from: text("fran"), until: text("till") }
    });
    staff_page(move || load_sus_sheet(query.clone()), |sheet: SusSheet| view! { <Sheet sheet/> })
}

#[component]
fn Sheet(sheet: SusSheet) -> impl IntoView {
    let q = sheet.query.clone();
    view! {
        <div class="follow-up">
        <h1><Icon name="file-text"/>{format!("{}: {}", text::SHEET_TITLE, sheet.unit_name)}</h1>
        <p>{text::SHEET_ABOUT}</p>
        <form method="get" action=paths::SUS_SHEET class="form filter">
            <TextField name="fran" label=text::FROM kind="date" value=q.from.clone() error=sheet.error("from")/>
            <TextField name="till" label=text::UNTIL kind="date" value=q.until.clone() error=sheet.error("until")/>
            <SubmitButton label=text::SHOW secondary=true/>
        </form>
        {sheet.period.map(|(from, until)| view! {
            <p>{text::period(from, until)}</p>
            <p class="no-print">
                <a class="button button-secondary" href=paths::sus_csv(from, until) download="">
                    <Icon name="file-text" size=24/><span>{text::DOWNLOAD}</span>
                </a>
            </p>
        })}
        {if sheet.period.is_some() && sheet.lines.is_empty() {
            view! { <p>{text::NO_LINES}</p> }.into_any()
        } else {
            sheet.lines.into_iter().enumerate().map(|(i, line)| view! { <Line n=i + 1 line/> }).collect_view().into_any()
        }}
        </div>
    }
}

/// One registration: who (or "Anonym registrering"), then SUS's questions and answers.
#[component]
fn Line(n: usize, line: SusLine) -> impl IntoView {
    let heading = match &line.identified {
        Some(p) => format!("{n}. {}", p.name),
        None => format!("{n}. {}", text::ANONYMOUS),
    };
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    if let Some(p) = &line.identified {
        rows.push((text::NAME, p.name.clone()));
        rows.push((
            text::PERSONAL_NUMBER,
            p.personal_number.clone().unwrap_or_else(|| text::NO_PERSONAL_NUMBER.into()),
        ));
    }
    rows.push((text::GENDER, line.gender.map_or_else(String::new, |g| g.label_sv().to_owned())));
    let s = line.start;
    rows.extend([
        (text::STARTS_ON, s.starts_on.to_string()),
        (text::OCCUPATION_BEFORE, s.occupation_before.label_sv().to_owned()),
        (text::INCOME_BEFORE, s.income_before.label_sv().to_owned()),
        (text::EDUCATION, s.education.label_sv().to_owned()),
        (text::TIME_IN_SUPPORT, s.time_in_support.label_sv().to_owned()),
    ]);
    match line.end {
        Some(e) => rows.extend([
            (text::ENDS_ON, e.ends_on.to_string()),
            (text::END_REASON, e.reason.label_sv().to_owned()),
            (text::OCCUPATION_AFTER, e.occupation_after.label_sv().to_owned()),
            (text::INCOME_AFTER, e.income_after.label_sv().to_owned()),
            (text::HOURS_AFTER, text::hours(e.hours_after, e.work_share())),
        ]),
        None => rows.push((text::ENDS_ON, text::STILL_RUNNING.to_owned())),
    }
    view! {
        <section class="follow-up-part">
            <h2>{heading}</h2>
            <dl class="sus-answers">
                {rows.into_iter().map(|(q, a)| view! { <dt>{q}</dt><dd>{a}</dd> }).collect_view()}
            </dl>
        </section>
    }
}
