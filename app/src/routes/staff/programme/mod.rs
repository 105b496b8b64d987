//! Staff pages for the work-preparation programme (`/personal/programmet`):
//! the rounds and the queue, a new round, one round, attendance for one
//! session, and changing a session.

pub mod attendance;
pub mod new_round;
pub mod overview;
pub mod round;
pub mod session_edit;

pub use attendance::AttendancePage;
pub use new_round::NewRoundPage;
pub use overview::ProgrammeOverviewPage;
pub use round::RoundPage;
pub use session_edit::SessionEditPage;

use crate::domain::SessionVisit;
use crate::models::Choice;

/// A drop-down's options: first "nobody chosen" (`empty`), then the people.
fn choices(list: &[Choice], empty: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), empty.to_owned()))
        .chain(list.iter().map(|c| (c.id.to_string(), c.name.clone())))
        .collect()
}

fn visit_options() -> Vec<(String, String)> {
    SessionVisit::ALL.iter().map(|v| (v.as_str().to_owned(), v.label_sv().to_owned())).collect()
}
