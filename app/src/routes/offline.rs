//! `/inte-uppkopplad`: what the phone shows offline when it has no copy of the
//! page that it may show: none was kept, the copy is older than three days, or
//! it was kept for another sign-in or before the access changed. The service
//! worker (public/sw.js) keeps this page when it installs and shows it under the
//! address that was asked for. It holds nothing personal.

use crate::components::Icon;
use crate::layouts::Page;
use crate::texts::sv;
use leptos::prelude::*;

#[component]
pub fn OfflinePage() -> impl IntoView {
    view! {
        <Page>
            <h1><Icon name="info"/>{sv::OFFLINE_TITLE}</h1>
            <p>{sv::OFFLINE_CANNOT_SHOW}</p>
            <p>{sv::OFFLINE_WHY}</p>
            <p>{sv::OFFLINE_WHAT_TO_DO}</p>
            // The address shown is the one asked for: an empty link loads it again.
            <p><a class="button" href=""><Icon name="rotate-cw" size=24/><span>{sv::OFFLINE_RETRY}</span></a></p>
        </Page>
    }
}
