use super::Icon;
use leptos::prelude::*;

/// A full-width panel for a page whose data could not be shown. Something not
/// shared with this viewer is not an error: it is said plainly.
#[component]
pub fn ErrorPanel(error: crate::errors::AppError) -> impl IntoView {
    if error == crate::errors::AppError::Denied {
        return view! {
            <div class="panel" role="status">
                <p><Icon name="info" size=24/>{error.to_string()}</p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="panel panel-error" role="alert">
            <h2><Icon name="triangle-alert"/>{crate::texts::sv::ERROR_TITLE}</h2>
            <p>{error.to_string()}</p>
        </div>
    }
    .into_any()
}
