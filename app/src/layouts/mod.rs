//! The frame around every page: the same header and navigation in the same place.

use crate::components::Icon;
use crate::functions::auth::SignOut;
use crate::models::Viewer;
use crate::texts::sv;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Header with the app name, who is signed in and a sign-out button.
#[component]
pub fn Page(#[prop(optional_no_strip)] viewer: Option<Viewer>, children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Hoppa till innehållet"</a>
        <header class="site-header">
            <a class="brand" href="/">
                <Icon name="footprints"/>
                <span>{sv::APP_NAME}</span>
            </a>
            {viewer.map(|v| view! {
                <div class="viewer">
                    <span class="viewer-name">{v.display_name}</span>
                    <form method="post" action=SignOut::url()>
                        <button type="submit" class="button button-secondary">
                            <Icon name="log-out" size=24/>
                            <span>{sv::SIGN_OUT}</span>
                        </button>
                    </form>
                </div>
            })}
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}
