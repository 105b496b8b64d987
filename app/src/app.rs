//! The HTML shell and the routes.

use crate::routes::{
    about::AboutPage,
    admin::{
        AdminHomePage, AdminInvitePage, AdminRetentionConfirmPage, AdminRetentionPage, AdminStaffPage, AdminUnitPage,
        InvitationPage,
    },
    contacts::ContactsPage,
    demo::DemoPage,
    factors::{SecurityPage, StaffRegisterFactorPage, StaffVerifyPage},
    ladder::LadderPage,
    meetings::{MeetingPage, MeetingsPage},
    not_found::NotFoundPage,
    offline::OfflinePage,
    participant::ParticipantHomePage,
    plan::PlanPageView,
    programme::ProgrammePageView,
    reminders::RemindersPage,
    sign_in::{CodeSignInPage, StaffSignInPage},
    staff::{
        FollowUpPageView, ImportPage, LogFollowUpPage, ManualPage, NewParticipantPage, RegisterExtractPage,
        SignInCodePage, StaffHomePage, SusSheetPage,
        programme::{AttendancePage, NewRoundPage, ProgrammeOverviewPage, RoundPage, SessionEditPage},
        record::{
            RecordConsentsPage, RecordContactsPage, RecordMeetingsPage, RecordPage, RecordPlanPage, RecordStepsPage,
            RecordSusPage, RecordTransitionPage,
        },
    },
    who_looked::WhoLookedPage,
};
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The document around every page. Leptos' inline hydration script carries the
/// request's CSP nonce (`use_nonce`), so the CSP needs no 'unsafe-inline'.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="sv">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href=format!("/pkg/{}.css", options.output_name)/>
                <link rel="icon" href="/icons/footprints.svg" type="image/svg+xml"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <meta name="theme-color" content="#0b3d91"/>
                <link rel="apple-touch-icon" href="/icons/app-192.png"/>
                <script src="/register-sw.js" defer></script>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every page waits for its data before the first byte, so it reads fully
    // without JavaScript and redirects and status codes work.
    let ssr = SsrMode::Async;
    view! {
        <Title text="Mina steg"/>
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=ParticipantHomePage ssr=ssr.clone()/>
                <Route path=path!("/min-plan") view=PlanPageView ssr=ssr.clone()/>
                <Route path=path!("/moten") view=MeetingsPage ssr=ssr.clone()/>
                <Route path=path!("/moten/:id") view=MeetingPage ssr=ssr.clone()/>
                <Route path=path!("/kontakter") view=ContactsPage ssr=ssr.clone()/>
                <Route path=path!("/stegen") view=LadderPage ssr=ssr.clone()/>
                <Route path=path!("/programmet") view=ProgrammePageView ssr=ssr.clone()/>
                <Route path=path!("/vem-har-tittat") view=WhoLookedPage ssr=ssr.clone()/>
                <Route path=path!("/paminnelser") view=RemindersPage ssr=ssr.clone()/>
                <Route path=path!("/om") view=AboutPage ssr=ssr.clone()/>
                <Route path=path!("/inte-uppkopplad") view=OfflinePage ssr=ssr.clone()/>
                <Route path=path!("/logga-in") view=CodeSignInPage ssr=ssr.clone()/>
                <Route path=path!("/logga-in/personal") view=StaffSignInPage ssr=ssr.clone()/>
                <Route path=path!("/logga-in/personal/kod") view=StaffVerifyPage ssr=ssr.clone()/>
                <Route path=path!("/logga-in/personal/ny-faktor") view=StaffRegisterFactorPage ssr=ssr.clone()/>
                <Route path=path!("/personal/sakerhet") view=SecurityPage ssr=ssr.clone()/>
                <Route path=path!("/personal") view=StaffHomePage ssr=ssr.clone()/>
                <Route path=path!("/personal/ny-deltagare") view=NewParticipantPage ssr=ssr.clone()/>
                <Route path=path!("/personal/importera") view=ImportPage ssr=ssr.clone()/>
                <Route path=path!("/personal/logg") view=LogFollowUpPage ssr=ssr.clone()/>
                <Route path=path!("/personal/handbok") view=ManualPage ssr=ssr.clone()/>
                <Route path=path!("/personal/uppfoljning") view=FollowUpPageView ssr=ssr.clone()/>
                <Route path=path!("/personal/sus") view=SusSheetPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id") view=RecordPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/plan") view=RecordPlanPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/moten") view=RecordMeetingsPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/kontakter") view=RecordContactsPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/samtycken") view=RecordConsentsPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/steg") view=RecordStepsPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/overgang") view=RecordTransitionPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/sus") view=RecordSusPage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/kod") view=SignInCodePage ssr=ssr.clone()/>
                <Route path=path!("/personal/deltagare/:id/registerutdrag") view=RegisterExtractPage ssr=ssr.clone()/>
                <Route path=path!("/personal/programmet") view=ProgrammeOverviewPage ssr=ssr.clone()/>
                <Route path=path!("/personal/programmet/ny-omgang") view=NewRoundPage ssr=ssr.clone()/>
                <Route path=path!("/personal/programmet/omgang/:id") view=RoundPage ssr=ssr.clone()/>
                <Route path=path!("/personal/programmet/tillfalle/:id") view=AttendancePage ssr=ssr.clone()/>
                <Route path=path!("/personal/programmet/tillfalle/:id/andra") view=SessionEditPage ssr=ssr.clone()/>
                <Route path=path!("/demo") view=DemoPage ssr=ssr.clone()/>
                <Route path=path!("/admin") view=AdminHomePage ssr=ssr.clone()/>
                <Route path=path!("/admin/bjud-in") view=AdminInvitePage ssr=ssr.clone()/>
                <Route path=path!("/admin/enheter/:id") view=AdminUnitPage ssr=ssr.clone()/>
                <Route path=path!("/admin/personal/:id") view=AdminStaffPage ssr=ssr.clone()/>
                <Route path=path!("/admin/gallring") view=AdminRetentionPage ssr=ssr.clone()/>
                <Route path=path!("/admin/gallring/bekrafta") view=AdminRetentionConfirmPage ssr=ssr.clone()/>
                <Route path=path!("/inbjudan") view=InvitationPage ssr=ssr.clone()/>
            </Routes>
        </Router>
    }
}
