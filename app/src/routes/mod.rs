//! Pages. Thin: load through a server function, show with components.

pub mod about;
pub mod admin;
pub mod contacts;
pub mod demo;
pub mod factors;
pub mod ladder;
pub mod meetings;
pub mod not_found;
pub mod offline;
pub mod participant;
pub mod plan;
pub mod programme;
pub mod reminders;
pub mod sign_in;
pub mod staff;
pub mod who_looked;

use leptos::prelude::*;

/// The `:id` of the page's address (0 when it is not a number: no record has it).
pub(crate) fn id_param() -> i64 {
    leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("id").and_then(|s| s.parse::<i64>().ok()))
        .unwrap_or_default()
}

/// What a failed form left to show again, or an empty form.
pub(crate) fn feedback(
    fb: Result<Option<crate::models::FormFeedback>, crate::errors::AppError>,
) -> crate::models::FormFeedback {
    fb.ok().flatten().unwrap_or_default()
}
