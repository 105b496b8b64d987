//! `/personal/programmet/ny-omgang`: a new round with its sessions, one a week.

use super::choices;
use crate::components::{FormMessage, Icon, SelectField, TextField};
use crate::domain::RoundForm;
use crate::functions::programme::{CreateRound, NEW_ROUND_FORM, load_programme_overview};
use crate::functions::take_form_feedback;
use crate::layouts::staff_page;
use crate::models::{Choice, FormFeedback};
use crate::routes::feedback;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/personal/programmet/ny-omgang`.
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
    let or = |field: &str, default: &str| {
        let v = fb.value(field);
        if fb.values.is_empty() { default.to_owned() } else { v }
    };
    let forms: Vec<(String, String)> =
        RoundForm::ALL.iter().map(|f| (f.as_str().to_owned(), f.label_sv().to_owned())).collect();
    view! {
        <h1><Icon name="plus"/>"Ny omgång"</h1>
        <p>"Tillfällena läggs in en gång i veckan från första datumet. Du kan ändra dem efteråt."</p>
        <FormMessage message=fb.message.clone()/>
        <form method="post" action=CreateRound::url() class="form">
            <TextField name="name" label="Namn" hint="Till exempel: Arbetsnärmande programmet, våren 2027"
                value=fb.value("name") error=fb.error("name")/>
            <SelectField name="form" label="Form" options=forms value=or("form", "group") error=fb.error("form")/>
            <TextField name="place" label="Plats" hint="Lokal på daglig verksamhet"
                value=fb.value("place") error=fb.error("place")/>
            <SelectField name="responsible" label="Ansvarig" options=choices(&staff, "Ingen vald")
                value=fb.value("responsible") error=fb.error("responsible")/>
            <TextField name="capacity" label="Antal platser" hint="1 till 20" kind="number"
                value=or("capacity", "6") error=fb.error("capacity")/>
            <TextField name="first_date" label="Första tillfället" hint="År-månad-dag" kind="date"
                value=fb.value("first_date") error=fb.error("first_date")/>
            <TextField name="start_time" label="Starttid" hint="Till exempel 13:00" kind="time"
                value=or("start_time", "13:00") error=fb.error("start_time")/>
            <TextField name="minutes" label="Minuter per tillfälle" hint="60 till 90" kind="number"
                value=or("minutes", "90") error=fb.error("minutes")/>
            <TextField name="count" label="Antal tillfällen" hint="Oftast 4 till 6" kind="number"
                value=or("count", "5") error=fb.error("count")/>
            <button type="submit" class="button"><Icon name="plus" size=24/><span>"Skapa omgången"</span></button>
        </form>
        <p class="aside"><a href="/personal/programmet"><Icon name="arrow-left" size=24/>"Tillbaka till programmet"</a></p>
    }
}
