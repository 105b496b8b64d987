//! `/personal/ny-deltagare`: intake of a new participant into the staff
//! member's own unit (kartläggningsmöte DV). There is no unit to choose.
//! `/personal/importera`: many at once from a CSV file, checked first.

use crate::components::{BackLink, Banner, BannerKind, DataTable, Icon, SelectField, SubmitButton, TextField};
use crate::domain::{BenefitKind, CodeEnum, DvForm, Gender};
use crate::functions::forms::intake::IMPORT_TEMPLATE;
use crate::functions::intake::{
    INTAKE_FORM, ImportParticipants, ImportReportLine, IntakeStart, RegisterParticipant, load_import_page,
    load_intake_start,
};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::FormFeedback;
use crate::paths;
use crate::routes::feedback;
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn NewParticipantPage() -> impl IntoView {
    staff_page(
        || async {
            let start = load_intake_start().await?;
            Ok((start, feedback(take_form_feedback(INTAKE_FORM.to_owned()).await)))
        },
        |(start, fb): (IntakeStart, FormFeedback)| view! { <IntakeFormView start fb/> },
    )
}

/// A drop-down's options from a list of codes, after "Välj".
fn options<T: CodeEnum>(all: &[T]) -> Vec<(String, String)> {
    std::iter::once((String::new(), text::CHOOSE.to_owned()))
        .chain(all.iter().map(|x| (x.as_str().to_owned(), x.label_sv().to_owned())))
        .collect()
}

/// One question answered with one of a few choices, as radio buttons.
#[component]
fn RadioGroup(
    name: &'static str,
    legend: &'static str,
    /// (value, text).
    choices: Vec<(&'static str, &'static str)>,
    value: String,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    let error_id = format!("field-{name}-error");
    view! {
        <fieldset class="field choices" class:field-error=has_error
            aria-describedby=has_error.then(|| error_id.clone())>
            <legend>{legend}</legend>
            {error.map(|e| view! {
                <p class="error-message" id=error_id.clone()><Icon name="triangle-alert" size=24/><span>{e}</span></p>
            })}
            {choices.into_iter().map(|(v, label)| view! {
                <label class="choice">
                    <input type="radio" name=name value=v checked=value == v/>
                    <span>{label}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn IntakeFormView(start: IntakeStart, fb: FormFeedback) -> impl IntoView {
    let or = |field: &str, default: String| if fb.values.is_empty() { default } else { fb.value(field) };
    let protected = fb.value("protected_identity") == "on";
    view! {
        <BackLink href=paths::STAFF_HOME label=text::ALL_PARTICIPANTS/>
        <h1><Icon name="user-round"/>{text::INTAKE_TITLE}</h1>
        {if start.open {
            view! { <p>{text::intake_about(&start.unit_name)}</p> }.into_any()
        } else {
            view! { <Banner kind=BannerKind::Error message=Some(text::INTAKE_UNIT_CLOSED.to_owned())/> }.into_any()
        }}
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=RegisterParticipant::url() class="form">
            <TextField name="name" label=text::NAME autocomplete="off" value=fb.value("name") error=fb.error("name")/>
            <TextField name="preferred_name" label=text::PREFERRED_NAME hint=text::INTAKE_PREFERRED_NAME_HINT
                value=fb.value("preferred_name") error=fb.error("preferred_name")/>
            <TextField name="personal_number" label=text::PERSONAL_NUMBER hint=text::PERSONAL_NUMBER_HINT
                value=fb.value("personal_number") error=fb.error("personal_number")/>
            <fieldset class="field choices">
                <legend>{text::PROTECTED_IDENTITY}</legend>
                <p class="hint">{text::PROTECTED_IDENTITY_HINT}</p>
                <label class="choice">
                    <input type="checkbox" name="protected_identity" value="on" checked=protected/>
                    <span>{text::PROTECTED_IDENTITY_YES}</span>
                </label>
            </fieldset>
            <SelectField name="gender" label=text::GENDER options=options(Gender::ALL) value=fb.value("gender")
                error=fb.error("gender")/>
            <TextField name="phone" label=text::INTAKE_PHONE kind="tel" value=fb.value("phone")
                error=fb.error("phone")/>
            <fieldset class="field choices" class:field-error=fb.error("sms_reminders").is_some()>
                <legend>{text::INTAKE_SMS}</legend>
                <p class="hint">{text::INTAKE_SMS_HINT}</p>
                {fb.error("sms_reminders").map(|e| view! {
                    <p class="error-message"><Icon name="triangle-alert" size=24/><span>{e}</span></p>
                })}
                <label class="choice">
                    <input type="checkbox" name="sms_reminders" value="on" checked=fb.value("sms_reminders") == "on"/>
                    <span>{text::INTAKE_SMS_YES}</span>
                </label>
            </fieldset>
            <SelectField name="dv_form" label=text::FORM options=options(DvForm::ALL) value=fb.value("dv_form")
                error=fb.error("dv_form")/>
            <TextField name="hours_per_week" label=text::HOURS_PER_WEEK kind="number"
                value=fb.value("hours_per_week") error=fb.error("hours_per_week")/>
            <SelectField name="benefit_kind" label=text::BENEFIT options=options(BenefitKind::ALL)
                value=fb.value("benefit_kind") error=fb.error("benefit_kind")/>
            <TextField name="benefit_until" label=text::BENEFIT_UNTIL_LABEL hint=text::BENEFIT_UNTIL_HINT kind="date"
                value=fb.value("benefit_until") error=fb.error("benefit_until")/>
            <TextField name="entered_on" label=text::INTAKE_ENTERED_ON kind="date"
                value=or("entered_on", start.today.to_string()) error=fb.error("entered_on")/>
            <RadioGroup name="fk_consent" legend=text::INTAKE_FK_CONSENT
                choices=vec![("yes", text::INTAKE_FK_YES), ("no", text::INTAKE_FK_NO), ("later", text::INTAKE_FK_LATER)]
                value=fb.value("fk_consent") error=fb.error("fk_consent")/>
            <SubmitButton icon="plus" label=text::INTAKE_SAVE/>
        </form>
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    staff_page(load_import_page, |page: crate::functions::intake::ImportPage| view! { <ImportView page/> })
}

#[component]
fn ImportView(page: crate::functions::intake::ImportPage) -> impl IntoView {
    let (report, typed) = match page.last {
        Some((report, typed)) => (Some(report), typed),
        None => (None, String::new()),
    };
    let summary = report.as_ref().map(|r| match &r.message {
        Some(message) => (BannerKind::Error, message.clone()),
        None => {
            let problems = r.lines.iter().filter(|l| !l.problems.is_empty()).count();
            let kind = if problems > 0 { BannerKind::Error } else { BannerKind::Success };
            (kind, text::import_checked(r.lines.len(), problems, r.saved))
        }
    });
    let lines: Vec<ImportReportLine> = report.map(|r| if r.saved > 0 { vec![] } else { r.lines }).unwrap_or_default();
    view! {
        <BackLink href=paths::STAFF_HOME label=text::ALL_PARTICIPANTS/>
        <h1><Icon name="users"/>{text::IMPORT_TITLE}</h1>
        {if page.open {
            view! { <p>{text::import_about(&page.unit_name)}</p> }.into_any()
        } else {
            view! { <Banner kind=BannerKind::Error message=Some(text::INTAKE_UNIT_CLOSED.to_owned())/> }.into_any()
        }}
        <h2>{text::IMPORT_TEMPLATE_TITLE}</h2>
        <p class="hint">{text::IMPORT_TEMPLATE_HINT}</p>
        // Spaces after the separators, so the lines wrap on a narrow screen (the columns are read trimmed).
        {IMPORT_TEMPLATE.lines().map(|l| view! { <p><code>{l.replace(';', "; ")}</code></p> }).collect_view()}
        {summary.map(|(kind, message)| view! { <Banner kind message=Some(message)/> })}
        {(!lines.is_empty()).then(|| view! {
            <DataTable label=text::IMPORT_TITLE rows=lines.clone()
                columns=&[text::IMPORT_LINE, text::NAME, text::IMPORT_PROBLEMS]
                row=|l: ImportReportLine| view! {
                    <td>{l.line.to_string()}</td>
                    <td>{l.name.clone()}</td>
                    <td>
                        {if l.problems.is_empty() {
                            view! { <span>{text::IMPORT_LINE_OK}</span> }.into_any()
                        } else {
                            view! { <ul>{l.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul> }
                                .into_any()
                        }}
                    </td>
                }/>
        })}
        <form method="post" action=ImportParticipants::url() class="form">
            <div class="field">
                <label for="field-csv">{text::IMPORT_CSV}</label>
                <textarea id="field-csv" name="csv" rows="12">{typed}</textarea>
            </div>
            <button type="submit" class="button button-secondary" name="mode" value="check">{text::IMPORT_CHECK}</button>
            <button type="submit" class="button" name="mode" value="import">{text::IMPORT_SAVE}</button>
        </form>
    }
}
