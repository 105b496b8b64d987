//! "Mina kontakter": each named contact person, with a call and a mail button.

use crate::components::{ContactView, Icon};
use crate::functions::participant::load_contacts;
use crate::layouts::participant_page;
use crate::texts::sv;
use leptos::prelude::*;

#[component]
pub fn ContactsPage() -> impl IntoView {
    participant_page(load_contacts, |list, _| {
        view! {
            <h1><Icon name="users"/>{sv::CONTACTS_TITLE}</h1>
            <p>{sv::CONTACTS_INTRO}</p>
            {if list.contacts.is_empty() {
                view! { <p>{sv::START_NO_CONTACTS}</p> }.into_any()
            } else {
                view! {
                    <ul class="contact-list">
                        {list.contacts.into_iter().map(|c| view! { <li><ContactView contact=c/></li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    })
}
