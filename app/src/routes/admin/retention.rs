//! `/admin/gallring`: the retention rule and the dry run (who would be
//! deleted today, and why); `/admin/gallring/bekrafta`: the "are you sure"
//! page, where the administrator types how many participants, then deletes.

use super::AdminNav;
use crate::components::{BackLink, Banner, BannerKind, DataTable, Icon, SubmitButton, TextField};
use crate::functions::retention::{APPLY_FORM, ApplyRetention, RULE_FORM, SetRetentionRule, load_retention};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{FormFeedback, KindCount, RetentionCandidate, RetentionOverview};
use crate::paths;
use crate::routes::feedback;
use crate::texts::admin as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminRetentionPage() -> impl IntoView {
    staff_page(
        || async {
            let overview = load_retention().await?;
            Ok((overview, feedback(take_form_feedback(RULE_FORM.to_owned()).await)))
        },
        |(overview, fb): (RetentionOverview, FormFeedback)| view! { <Retention overview fb/> },
    )
}

#[component]
pub fn AdminRetentionConfirmPage() -> impl IntoView {
    staff_page(
        || async {
            let overview = load_retention().await?;
            Ok((overview, feedback(take_form_feedback(APPLY_FORM.to_owned()).await)))
        },
        |(overview, fb): (RetentionOverview, FormFeedback)| view! { <Confirm overview fb/> },
    )
}

/// "Möten: 12", one a line.
fn counts(counts: Vec<KindCount>) -> impl IntoView {
    view! {
        <ul class="plain-list">
            {counts.into_iter().map(|c| view! { <li>{text::kind_count(c.kind, c.count)}</li> }).collect_view()}
        </ul>
    }
}

fn totals(totals: Vec<KindCount>) -> impl IntoView {
    view! {
        <DataTable label=text::TOTALS_TITLE rows=totals columns=&[text::KIND, text::COUNT]
            row=|c: KindCount| view! {
                <th scope="row">{text::record_kind(c.kind)}</th>
                <td>{c.count}</td>
            }/>
    }
}

#[component]
fn Retention(overview: RetentionOverview, fb: FormFeedback) -> impl IntoView {
    let years = if fb.values.is_empty() {
        overview.years.map(|y| y.to_string()).unwrap_or_default()
    } else {
        fb.value("years")
    };
    let due = !overview.candidates.is_empty();
    let empty = if overview.years.is_some() { text::DUE_NONE } else { text::DUE_RULE_OFF };
    view! {
        <AdminNav current=paths::ADMIN_RETENTION/>
        <h1><Icon name="trash-2"/>{text::RETENTION_TITLE}</h1>
        <p>{text::RETENTION_INTRO}</p>

        <h2>{text::RULE_TITLE}</h2>
        <p>{text::rule_sentence(overview.years)}</p>
        <p>{text::RULE_ABOUT}</p>
        <p>{text::RULE_LOG_KEPT}</p>
        <p class="hint">{text::rule_changed(overview.rule_changed_at.date_naive())}</p>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=SetRetentionRule::url() class="form">
            <TextField name="years" label=text::RULE_YEARS hint=text::RULE_YEARS_HINT kind="text"
                value=years error=fb.error("years")/>
            <SubmitButton label=text::RULE_SAVE secondary=true/>
        </form>

        <h2>{text::DUE_TITLE}</h2>
        <p>{text::RETENTION_NO_NAMES}</p>
        <DataTable label=text::DUE_TITLE rows=overview.candidates empty=empty
            columns=&[text::COL_PARTICIPANT, crate::texts::admin::UNIT, text::COL_DISCHARGED, text::COL_LAST_ENTRY,
                text::COL_DUE, text::COL_WHAT]
            row=|c: RetentionCandidate| view! {
                <th scope="row">{c.participant_id}</th>
                <td>{c.unit_name.clone()}</td>
                <td>{c.discharged_on.to_string()}</td>
                <td>{c.last_entry.to_string()}</td>
                <td>{c.due_on.to_string()}</td>
                <td>{counts(c.counts.clone())}</td>
            }/>
        {due.then(|| view! {
            <h2>{text::TOTALS_TITLE}</h2>
            {totals(overview.totals.clone())}
            <p><a class="button" href=paths::ADMIN_RETENTION_CONFIRM>
                <Icon name="trash-2" size=24/><span>{text::GO_TO_CONFIRM}</span>
            </a></p>
        })}
    }
}

#[component]
fn Confirm(overview: RetentionOverview, fb: FormFeedback) -> impl IntoView {
    let n = overview.candidates.len();
    if n == 0 {
        return view! {
            <AdminNav current=""/>
            <h1><Icon name="trash-2"/>{text::CONFIRM_TITLE}</h1>
            <Banner kind=BannerKind::Error message=fb.error("count")/>
            <p>{text::RETENTION_NOTHING_DUE}</p>
            <BackLink href=paths::ADMIN_RETENTION label=text::BACK_TO_RETENTION/>
        }
        .into_any();
    }
    let ids = overview.ids();
    view! {
        <AdminNav current=""/>
        <h1><Icon name="trash-2"/>{text::CONFIRM_TITLE}</h1>
        <div class="panel panel-error">
            <p><strong>{text::confirm_warning(n)}</strong></p>
        </div>
        <p>{text::CONFIRM_WHAT}</p>
        {totals(overview.totals.clone())}
        <p>{text::RULE_LOG_KEPT}</p>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=ApplyRetention::url() class="form">
            <input type="hidden" name="ids" value=ids/>
            <p>{text::confirm_count_hint(n)}</p>
            <TextField name="count" label=text::CONFIRM_COUNT hint=text::CONFIRM_COUNT_HINT kind="text"
                value=fb.value("count") error=fb.error("count")/>
            <SubmitButton icon="trash-2" label=text::CONFIRM_BUTTON/>
        </form>
        <BackLink href=paths::ADMIN_RETENTION label=text::BACK_TO_RETENTION/>
    }
    .into_any()
}
