//! One contact person for the participant, with buttons to call and e-mail.

use super::Icon;
use super::person_view::PersonView;
use crate::models::ContactCard;
use crate::texts::sv;
use leptos::prelude::*;

/// One contact person with big "Ring" and "Mejla" buttons.
#[component]
pub fn ContactView(contact: ContactCard) -> impl IntoView {
    let name = contact.person.name.clone();
    view! {
        <article class="card contact-card">
            <PersonView person=contact.person/>
            <div class="actions">
                {contact.phone.map(|phone| view! {
                    <a class="button" href=format!("tel:{}", phone.replace([' ', '-'], ""))
                        aria-label=format!("{} {}", sv::CALL, name)>
                        <Icon name="phone" size=24/><span>{sv::CALL}</span>
                    </a>
                })}
                {contact.email.map(|email| view! {
                    <a class="button button-secondary" href=format!("mailto:{email}")
                        aria-label=format!("{} {}", sv::EMAIL, name)>
                        <Icon name="mail" size=24/><span>{sv::EMAIL}</span>
                    </a>
                })}
            </div>
        </article>
    }
}
