//! `/personal/programmet/ny-omgang`: a new round with its sessions, one a week.

use super::choices;
use crate::components::{BackLink, Banner, BannerKind, Icon, SelectField, SubmitButton, TextField};
use crate::domain::RoundForm;
use crate::functions::programme::{CreateRound, NEW_ROUND_FORM, load_programme_overview};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{Choice, FormFeedback};
use crate::paths;
use crate::routes::feedback;
use crate::texts::staff as text;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn NewRoundPage() -> impl IntoView {
    staff_page(
        || async {
            let overview = load_programme_overview().await?;
            Ok((overview.staff, feedback(take_form_feedback(NEW_ROUND_FORM.to_owned()).await)))
        },
        |(staff, fb): (Vec<Choice>, FormFeedback)| view! { <NewRoundForm staff fb/> },
    )
}

#[component]
fn NewRoundForm(staff: Vec<Choice>, fb: FormFeedback) -> impl IntoView {
    // What was typed, or on a fresh form the usual round: a group of six that
    // meets five times at 13:00 for 90 minutes.
    let or = |field: &str, default: &str| {
        let v = fb.value(field);
        if fb.values.is_empty() { default.to_owned() } else { v }
    };
    let forms: Vec<(String, String)> =
        RoundForm::ALL.iter().map(|f| (f.as_str().to_owned(), f.label_sv().to_owned())).collect();
    view! {
        <h1><Icon name="plus"/>{text::NEW_ROUND_TITLE}</h1>
        <p>{text::NEW_ROUND_ABOUT}</p>
        <Banner kind=BannerKind::Error message=fb.message.clone()/>
        <form method="post" action=CreateRound::url() class="form">
            <TextField name="name" label=text::NAME hint=text::NEW_ROUND_NAME_HINT
                value=fb.value("name") error=fb.error("name")/>
            <SelectField name="form" label=text::FORM options=forms value=or("form", RoundForm::Group.as_str())
                error=fb.error("form")/>
            <TextField name="place" label=text::NEW_ROUND_PLACE hint=text::NEW_ROUND_PLACE_HINT
                value=fb.value("place") error=fb.error("place")/>
            <SelectField name="responsible" label=text::RESPONSIBLE options=choices(&staff, text::NOBODY_CHOSEN)
                value=fb.value("responsible") error=fb.error("responsible")/>
            <TextField name="capacity" label=text::CAPACITY hint=text::NEW_ROUND_CAPACITY_HINT kind="number"
                value=or("capacity", "6") error=fb.error("capacity")/>
            <TextField name="first_date" label=text::NEW_ROUND_FIRST_DATE hint=text::NEW_ROUND_FIRST_DATE_HINT
                kind="date" value=fb.value("first_date") error=fb.error("first_date")/>
            <TextField name="start_time" label=text::NEW_ROUND_START_TIME hint=text::NEW_ROUND_START_TIME_HINT
                kind="time" value=or("start_time", "13:00") error=fb.error("start_time")/>
            <TextField name="minutes" label=text::NEW_ROUND_MINUTES hint=text::NEW_ROUND_MINUTES_HINT kind="number"
                value=or("minutes", "90") error=fb.error("minutes")/>
            <TextField name="count" label=text::NEW_ROUND_COUNT hint=text::NEW_ROUND_COUNT_HINT kind="number"
                value=or("count", "5") error=fb.error("count")/>
            <SubmitButton icon="plus" label=text::NEW_ROUND_CREATE/>
        </form>
        <BackLink href=paths::STAFF_PROGRAMME label=text::BACK_TO_PROGRAMME/>
    }
}
