//! The staff start page: the unit's participants.

use crate::components::{ErrorPanel, Icon};
use crate::errors::AppError;
use crate::functions::{auth::current_viewer, staff::load_staff_home};
use crate::layouts::Page;
use crate::models::StaffHome;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn StaffHomePage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| async { (current_viewer().await, load_staff_home().await) });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    (_, Err(AppError::NotSignedIn)) => view! { <Redirect path="/logga-in/personal"/> }.into_any(),
                    (viewer, Ok(home)) => view! { <Page viewer=viewer.ok().flatten()><Roster home/></Page> }.into_any(),
                    (viewer, Err(error)) => view! {
                        <Page viewer=viewer.ok().flatten()><ErrorPanel error/></Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Roster(home: StaffHome) -> impl IntoView {
    let count = home.participants.len();
    view! {
        <h1><Icon name="users"/>{home.unit_name}</h1>
        <p>{format!("{count} deltagare")}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Deltagare">
            <table>
                <thead>
                    <tr><th scope="col">"Namn"</th><th scope="col">"Steg"</th><th scope="col">"Form"</th></tr>
                </thead>
                <tbody>
                    {home.participants.into_iter().map(|p| view! {
                        <tr>
                            <td>{p.name}</td>
                            <td>{p.step.label_sv()}</td>
                            <td>{p.dv_form.label_sv()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
