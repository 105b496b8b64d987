//! "Om appen": what the app is, the accessibility statement
//! (tillgänglighetsredogörelse) and how to report a problem.

use crate::components::Icon;
use crate::functions::auth::current_viewer;
use crate::layouts::Page;
use crate::paths;
use crate::texts::sv;
use leptos::prelude::*;

#[component]
pub fn AboutPage() -> impl IntoView {
    let viewer = Resource::new_blocking(|| (), |_| current_viewer());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let viewer = viewer.await.ok().flatten();
                view! {
                    <Page viewer>
                        <h1><Icon name="info"/>{sv::ABOUT_TITLE}</h1>
                        {sv::ABOUT_INTRO.iter().map(|l| view! { <p>{*l}</p> }).collect_view()}
                        <section aria-labelledby="access">
                            <h2 id="access">{sv::ABOUT_ACCESS_TITLE}</h2>
                            {sv::ABOUT_ACCESS.iter().map(|l| view! { <p>{*l}</p> }).collect_view()}
                        </section>
                        <section aria-labelledby="report">
                            <h2 id="report">{sv::ABOUT_REPORT_TITLE}</h2>
                            {sv::ABOUT_REPORT.iter().map(|l| view! { <p>{*l}</p> }).collect_view()}
                            <p>
                                <a class="button button-secondary" href=format!("mailto:{}", sv::ABOUT_REPORT_EMAIL)>
                                    <Icon name="mail" size=24/><span>{sv::EMAIL}</span>
                                </a>
                            </p>
                        </section>
                        <section aria-labelledby="pictures">
                            <h2 id="pictures">{sv::ABOUT_PICTURES_TITLE}</h2>
                            <p>{sv::ABOUT_PICTURES}</p>
                            <p><a href=paths::LUCIDE_LICENCE>{sv::ABOUT_PICTURES_LICENCE}</a></p>
                        </section>
                    </Page>
                }
            })}
        </Suspense>
    }
}
