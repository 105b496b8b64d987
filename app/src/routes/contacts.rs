//! "Mina kontakter": each named contact person, with a call and a mail button.

use crate::components::{ErrorPanel, Icon};
use crate::errors::AppError;
use crate::functions::{auth::current_viewer, participant::load_contacts};
use crate::layouts::Page;
use crate::routes::participant::ContactView;
use crate::texts::sv;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| async { (current_viewer().await, load_contacts(None).await) });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    (Ok(None), _) | (_, Err(AppError::NotSignedIn)) => view! { <Redirect path="/logga-in"/> }.into_any(),
                    (viewer, Ok(list)) => view! {
                        <Page viewer=viewer.ok().flatten()>
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
                        </Page>
                    }.into_any(),
                    (viewer, Err(error)) => view! { <Page viewer=viewer.ok().flatten()><ErrorPanel error/></Page> }.into_any(),
                }
            })}
        </Suspense>
    }
}
