//! `/demo`: one-click sign-in as an invented person. Exists only with `--demo`
//! on a database that `demo-data` made.

use crate::components::{ErrorPanel, Icon};
use crate::functions::auth::{DemoSignIn, demo_accounts};
use crate::layouts::Page;
use crate::models::{DemoAccount, ViewerRole};
use crate::routes::not_found::NotFoundPage;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn DemoPage() -> impl IntoView {
    let accounts = Resource::new_blocking(|| (), |_| demo_accounts());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(accounts) => view! { <Page><DemoList accounts/></Page> }.into_any(),
                    Err(crate::errors::AppError::NotFound) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <Page><ErrorPanel error/></Page> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DemoList(accounts: Vec<DemoAccount>) -> impl IntoView {
    let group = |role: ViewerRole, title: &'static str, accounts: &[DemoAccount]| {
        let list: Vec<_> = accounts.iter().filter(|a| a.role == role).cloned().collect();
        view! {
            <section>
                <h2>{title}</h2>
                <ul class="demo-list">
                    {list.into_iter().map(|a| view! {
                        <li class="card">
                            <form method="post" action=DemoSignIn::url()>
                                <input type="hidden" name="account_id" value=a.account_id.to_string()/>
                                <button type="submit" class="button">
                                    <Icon name="log-in" size=24/><span>{format!("Logga in som {}", a.name)}</span>
                                </button>
                            </form>
                            <p>{a.description}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    };
    view! {
        <h1>"Demo: logga in som en påhittad person"</h1>
        <p>"Alla personer här är påhittade. Sidan finns bara när servern körs i demoläge."</p>
        {group(ViewerRole::Participant, "Deltagare", &accounts)}
        {group(ViewerRole::Relative, "Anhöriga och gode män", &accounts)}
        {group(ViewerRole::Staff, "Personal", &accounts)}
        {group(ViewerRole::Admin, "Administratör", &accounts)}
    }
}
