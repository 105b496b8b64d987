//! Buttons and links that staff pages repeat: a form's submit button, a form
//! that is only one button, and the way back.

use super::Icon;
use leptos::prelude::*;

/// A form's submit button: an optional icon, then the label.
#[component]
pub fn SubmitButton(
    #[prop(into)] label: String,
    #[prop(optional)] icon: Option<&'static str>,
    /// The quieter look, for everything but the page's main action.
    #[prop(optional)]
    secondary: bool,
    /// A fuller name for screen readers, when the label is the same on every row.
    #[prop(optional, into)]
    aria_label: Option<String>,
) -> impl IntoView {
    submit_button(label, icon, secondary, aria_label)
}

/// The one markup of a submit button, for [`SubmitButton`] and [`PostButton`].
fn submit_button(
    label: String,
    icon: Option<&'static str>,
    secondary: bool,
    aria_label: Option<String>,
) -> impl IntoView {
    view! {
        <button type="submit" class="button" class:button-secondary=secondary aria-label=aria_label>
            {icon.map(|name| view! { <Icon name size=24/> })}
            <span>{label}</span>
        </button>
    }
}

/// A plain POST form that is only one button: the ids it acts on go as hidden
/// fields, so it works without JavaScript.
#[component]
pub fn PostButton(
    /// The server function's address (`SomeFunction::url()`).
    #[prop(into)]
    action: String,
    /// (name, value) of each hidden field.
    hidden: Vec<(&'static str, String)>,
    #[prop(into)] label: String,
    #[prop(optional)] icon: Option<&'static str>,
    #[prop(optional)] secondary: bool,
    #[prop(optional, into)] aria_label: Option<String>,
) -> impl IntoView {
    view! {
        <form method="post" action=action>
            {hidden
                .into_iter()
                .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
                .collect_view()}
            {submit_button(label, icon, secondary, aria_label)}
        </form>
    }
}

/// "Tillbaka till …" under a page: the arrow points where the link goes.
#[component]
pub fn BackLink(#[prop(into)] href: String, label: &'static str) -> impl IntoView {
    view! { <p class="aside"><a href=href><Icon name="arrow-left" size=24/>{label}</a></p> }
}
