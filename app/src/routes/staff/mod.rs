//! Staff pages: the caseload start page, the sign-in code, and the
//! work-preparation programme. The files follow the addresses under `/personal`.

pub mod code;
pub mod extract;
pub mod follow_up;
pub mod home;
pub mod intake;
pub mod log;
pub mod manual;
pub mod programme;
pub mod record;
pub mod sus;

pub use code::SignInCodePage;
pub use extract::RegisterExtractPage;
pub use follow_up::FollowUpPageView;
pub use home::StaffHomePage;
pub use intake::{ImportPage, NewParticipantPage};
pub use log::LogFollowUpPage;
pub use manual::ManualPage;
pub use sus::SusSheetPage;
