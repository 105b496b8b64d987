//! A person in the participant's pages, with initials in place of a photo.

use crate::models::PersonCard;
use crate::texts::sv;
use leptos::prelude::*;

/// A person as a participant sees them: initials, name, and who they are in plain words.
#[component]
pub fn PersonView(person: PersonCard) -> impl IntoView {
    view! {
        <span class="person">
            <span class="initials" aria-hidden="true">{person.initials()}</span>
            <span>
                <span class="person-name">{person.name.clone()}</span>
                <span class="person-role">{sv::person_role(&person.role)}</span>
            </span>
        </span>
    }
}
