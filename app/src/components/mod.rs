//! Small building blocks, named after what they are. Pages build their forms,
//! tables, buttons and messages from these, so the same thing looks and reads
//! the same on every page.

use leptos::prelude::*;

mod banner;
mod buttons;
mod contact_view;
mod data_table;
mod error_panel;
mod fields;
mod meeting_details;
mod person_view;
mod read_aloud;

pub use banner::{Banner, BannerKind, FormMessage, Notice};
pub use buttons::{BackLink, PostButton, SubmitButton};
pub use contact_view::ContactView;
pub use data_table::DataTable;
pub use error_panel::ErrorPanel;
pub use fields::{Checkboxes, SelectField, TextArea, TextField};
pub use meeting_details::MeetingDetails;
pub use read_aloud::ReadAloud;

/// An interface icon from `public/icons` (Lucide, ISC licence). Decorative:
/// the word beside it carries the meaning.
#[component]
pub fn Icon(name: &'static str, #[prop(optional)] size: Option<u32>) -> impl IntoView {
    let size = size.unwrap_or(32);
    view! { <img class="icon" src=crate::paths::icon(name) alt="" width=size height=size/> }
}
