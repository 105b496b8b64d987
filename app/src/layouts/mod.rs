//! The frame around every page: the same header and navigation in the same place.

use crate::components::{Icon, ReadAloud};
use crate::functions::auth::SignOut;
use crate::models::{Viewer, ViewerRole};
use crate::paths;
use crate::policy::Section;
use crate::texts::{staff, sv};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Header with the app name, who is signed in and a sign-out button.
#[component]
pub fn Page(#[prop(optional_no_strip)] viewer: Option<Viewer>, children: Children) -> impl IntoView {
    let show_nav = viewer.as_ref().is_some_and(|v| matches!(v.role, ViewerRole::Participant | ViewerRole::Relative));
    let staff = viewer.as_ref().is_some_and(|v| {
        matches!(v.role, ViewerRole::Staff | ViewerRole::DataProtectionOfficer | ViewerRole::SteeringGroup)
    });
    // The dataskyddsombud and the steering group work in no unit: no participants or programme of their own.
    let in_unit = viewer.as_ref().is_some_and(|v| v.role == ViewerRole::Staff);
    let follows_up_log = viewer.as_ref().is_some_and(|v| v.follows_up_log);
    let follows_up_outcomes = viewer.as_ref().is_some_and(|v| v.follows_up_outcomes);
    // A relative's menu has only what the participant's consent shares with them.
    let shares = viewer.as_ref().and_then(|v| v.shares.clone());
    let shown = move |section: Section| shares.as_ref().is_none_or(|s| s.contains(&section));
    let help = shown(Section::Contacts);
    let current = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <a class="skip-link" href="#main">{sv::SKIP_LINK}</a>
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
        {show_nav.then(|| view! {
            <nav class="participant-nav" aria-label=sv::NAV_LABEL>
                <ul>
                    <NavLink href="/" icon="house" label=sv::NAV_START current=current.clone()/>
                    {MENU.iter().filter(|(section, ..)| shown(*section)).map(|&(_, href, icon, label)| view! {
                        <NavLink href icon label current=current.clone()/>
                    }).collect_view()}
                </ul>
            </nav>
        })}
        {staff.then(|| view! {
            <nav class="participant-nav staff-nav" aria-label=staff::STAFF_MENU_LABEL>
                <ul>
                    {in_unit.then(|| view! {
                        <NavLink href=paths::STAFF_HOME icon="users" label=staff::MENU_PARTICIPANTS current=current.clone()/>
                        <NavLink href=paths::STAFF_PROGRAMME icon="briefcase" label=staff::MENU_PROGRAMME
                            current=current.clone()/>
                    })}
                    {follows_up_outcomes.then(|| view! {
                        <NavLink href=paths::FOLLOW_UP icon="chart-column" label=crate::texts::follow_up::MENU
                            current=current.clone()/>
                    })}
                    {follows_up_log.then(|| view! {
                        <NavLink href=paths::LOG icon="list-checks" label=crate::texts::log::MENU_LOG current=current.clone()/>
                    })}
                    <NavLink href=paths::MANUAL icon="book-open" label=crate::texts::manual::MENU current=current.clone()/>
                    <NavLink href=paths::STAFF_SECURITY icon="key-round" label=crate::texts::factors::SECURITY_MENU
                        current=current.clone()/>
                </ul>
            </nav>
        })}
        <main id="main" class:wide=staff tabindex="-1" data-offline-text=sv::OFFLINE_BANNER data-offline-clock=sv::AT_CLOCK>
            {show_nav.then(|| view! { <ReadAloud/> })}
            {children()}
        </main>
        <footer class="site-footer">
            {(show_nav && help).then(|| view! {
                <p><a href=paths::CONTACTS><Icon name="phone" size=24/><span>{sv::FOOTER_HELP}</span></a></p>
            })}
            <p><a href=paths::ABOUT><Icon name="info" size=24/><span>{sv::FOOTER_ABOUT}</span></a></p>
        </footer>
    }
}

/// The participant menu after "Start": which part of the record each page shows.
/// Reminders follow the meetings: whoever sees them may be reminded of them.
const MENU: [(Section, &str, &str, &str); 7] = [
    (Section::Plan, paths::PLAN, "file-text", sv::NAV_PLAN),
    (Section::Meetings, paths::MEETINGS, "calendar-days", sv::NAV_MEETINGS),
    (Section::Meetings, paths::REMINDERS, "bell", sv::NAV_REMINDERS),
    (Section::Contacts, paths::CONTACTS, "users", sv::NAV_CONTACTS),
    (Section::Ladder, paths::LADDER, "footprints", sv::NAV_LADDER),
    (Section::Programme, paths::PROGRAMME, "briefcase", sv::NAV_PROGRAMME),
    (Section::AccessLog, paths::WHO_LOOKED, "eye", sv::NAV_WHO_LOOKED),
];

/// A link in the participant menu; the page you are on is marked for screen readers and by a bar.
#[component]
fn NavLink(href: &'static str, icon: &'static str, label: &'static str, current: String) -> impl IntoView {
    // "/personal" is the staff start page, not the parent of every staff page.
    let here = current == href
        || (href != paths::PARTICIPANT_HOME && href != paths::STAFF_HOME && current.starts_with(&format!("{href}/")))
        || (href == paths::STAFF_HOME && current.starts_with(&format!("{}/deltagare", paths::STAFF_HOME)));
    view! {
        <li>
            <a href=href aria-current=here.then_some("page")>
                <Icon name=icon size=32/><span>{label}</span>
            </a>
        </li>
    }
}

/// A staff page: loads who is signed in, the page's data and the notice left by
/// the last change, all before the first byte; not signed in goes to sign-in.
pub fn staff_page<T, Fut, V>(
    load: impl Fn() -> Fut + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> AnyView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<T, crate::errors::AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    use crate::components::{Banner, BannerKind, ErrorPanel};
    use crate::errors::AppError;
    use crate::functions::{auth::current_viewer, take_notice};
    use leptos_router::components::Redirect;
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    let data = Resource::new_blocking(
        || (),
        move |_| {
            let page = load();
            let path = path.clone();
            async move { (current_viewer().await, take_notice(path).await, page.await) }
        },
    );
    view! {
        <Suspense>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        (_, _, Err(AppError::NotSignedIn)) => view! { <Redirect path=paths::STAFF_SIGN_IN/> }.into_any(),
                        (viewer, notice, Ok(data)) => view! {
                            <Page viewer=viewer.ok().flatten()>
                                <Banner kind=BannerKind::Success message=notice.ok().flatten()/>
                                {show(data)}
                            </Page>
                        }.into_any(),
                        (viewer, _, Err(error)) => view! {
                            <Page viewer=viewer.ok().flatten()><ErrorPanel error/></Page>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// What a participant page found before its first byte.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
enum Loaded<T> {
    /// Nobody signed in: to the code sign-in.
    SignIn,
    /// Staff and administrators have their own start page.
    StaffHome,
    Shown(Viewer, Result<T, crate::errors::AppError>),
    Failed(crate::errors::AppError),
}

/// A participant page (also seen by relatives within consent): who is signed
/// in first, then the page's data, all before the first byte. Not signed in
/// goes to sign-in, staff go to their own start page, and a refusal or error
/// is shown in the same frame, with its status.
pub fn participant_page<T, Fut, V>(
    load: impl Fn(Option<i64>) -> Fut + Send + Sync + Clone + 'static,
    show: impl Fn(T, &Viewer) -> V + Send + Sync + Clone + 'static,
) -> AnyView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = Result<T, crate::errors::AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    use crate::components::ErrorPanel;
    use crate::errors::AppError;
    use crate::functions::auth::current_viewer;
    use leptos_router::components::Redirect;
    let data = Resource::new_blocking(
        || (),
        move |_| {
            let load = load.clone();
            async move {
                match current_viewer().await {
                    Ok(None) => Loaded::SignIn,
                    Ok(Some(v)) if !matches!(v.role, ViewerRole::Participant | ViewerRole::Relative) => {
                        Loaded::StaffHome
                    }
                    // Whose pages were settled with the viewer: the page asks for them by id.
                    Ok(Some(v)) => match load(v.subject).await {
                        Err(AppError::NotSignedIn) => Loaded::SignIn,
                        data => Loaded::Shown(v, data),
                    },
                    Err(error) => Loaded::Failed(error),
                }
            }
        },
    );
    view! {
        <Suspense>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Loaded::SignIn => view! { <Redirect path=paths::SIGN_IN/> }.into_any(),
                        Loaded::StaffHome => view! { <Redirect path=paths::STAFF_HOME/> }.into_any(),
                        Loaded::Shown(viewer, Ok(data)) => {
                            let shown = show(data, &viewer);
                            view! { <Page viewer=Some(viewer)>{shown}</Page> }.into_any()
                        }
                        Loaded::Shown(viewer, Err(error)) => {
                            view! { <Page viewer=Some(viewer)><ErrorPanel error/></Page> }.into_any()
                        }
                        Loaded::Failed(error) => view! { <Page><ErrorPanel error/></Page> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}
