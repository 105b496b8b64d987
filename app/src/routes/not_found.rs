use crate::components::Icon;
use crate::layouts::Page;
use crate::texts::sv;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::functions::set_status(404);
    view! {
        <Page>
            <h1>{sv::NOT_FOUND_TITLE}</h1>
            <p>{sv::NOT_FOUND_TEXT}</p>
            <p><a class="button" href="/"><Icon name="house" size=24/><span>{sv::GO_HOME}</span></a></p>
        </Page>
    }
}
