//! Small building blocks, named after what they are. Pages build their forms,
//! tables, buttons and messages from these, so the same thing looks and reads
//! the same on every page.

use leptos::prelude::*;

mod banner;
mod bar_chart;
mod buttons;
mod contact_view;
mod data_table;
mod error_panel;
mod fields;
mod meeting_details;
mod person_view;
mod read_aloud;

pub use banner::{Banner, BannerKind};
pub use bar_chart::BarChart;
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn html(view: impl IntoView) -> String {
        view.into_view().to_html()
    }

    #[test]
    fn banners_keep_the_classes_and_roles_the_css_and_screen_readers_use() {
        let error = html(view! { <Banner kind=BannerKind::Error message=Some("Fel".to_owned())/> });
        assert!(error.contains(r#"class="form-message""#) && error.contains(r#"role="alert""#), "{error}");
        assert!(error.contains("triangle-alert.svg") && error.contains("<p>Fel</p>"), "{error}");
        let success = html(view! { <Banner kind=BannerKind::Success message=Some("Sparat".to_owned())/> });
        assert!(success.contains(r#"class="notice-banner""#) && success.contains(r#"role="status""#), "{success}");
        let info = html(view! { <Banner kind=BannerKind::Info message=Some("Bra att veta".to_owned())/> });
        assert!(info.contains(r#"class="panel""#) && !info.contains("<img"), "{info}");
        assert!(!html(view! { <Banner kind=BannerKind::Error message=None/> }).contains("<div"));
    }

    #[test]
    fn a_post_button_sends_its_hidden_fields() {
        let form = html(view! {
            <PostButton action="/api/x" hidden=vec![("participant_id", "7".to_owned()), ("round_id", "3".to_owned())]
                label="Avanmäl" secondary=true aria_label="Avanmäl Alva"/>
        });
        assert!(form.contains(r#"<form method="post" action="/api/x">"#), "{form}");
        assert!(form.contains(r#"name="participant_id" value="7""#) && form.contains(r#"name="round_id" value="3""#));
        assert!(form.contains(r#"class="button button-secondary""#) && form.contains(r#"aria-label="Avanmäl Alva""#));
    }

    #[test]
    fn a_data_table_names_its_region_and_says_when_it_is_empty() {
        let cells = |name: String| view! { <td>{name}</td><td>"knapp"</td> };
        let rows = vec!["Alva".to_owned()];
        let table = html(view! { <DataTable label="Antagna" columns=&["Namn"] rows actions=true row=cells/> });
        assert!(table.contains(r#"role="region" aria-label="Antagna""#), "{table}");
        assert!(table.contains(r#"<th scope="col">Namn</th><th scope="col">Åtgärd</th>"#), "{table}");
        assert!(table.contains("<tr><td>Alva</td><td>knapp</td></tr>"), "{table}");
        let rows: Vec<String> = Vec::new();
        let empty = html(view! { <DataTable label="Antagna" columns=&["Namn"] rows empty="Ingen ännu." row=cells/> });
        assert_eq!(empty, "<p>Ingen ännu.</p>");
    }
}
