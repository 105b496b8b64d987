//! Form fields: each with its label, hint and error message, keeping what was
//! typed or chosen when the form comes back with something wrong.

use super::Icon;
use leptos::prelude::*;
use std::borrow::Cow;

/// The ids a field's label, hint and error message hang on.
struct FieldIds {
    id: String,
    hint_id: String,
    error_id: String,
    /// `aria-describedby`: the hint and the error, when there are any.
    described_by: Option<String>,
}

impl FieldIds {
    /// `field-<name>`, or `field-<id>` where a page has two fields of one
    /// name (each form's date): an id names one element only.
    fn new(name: &str, id: Option<&str>, hint: bool, error: bool) -> Self {
        let id = format!("field-{}", id.unwrap_or(name));
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described: Vec<&str> =
            [hint.then_some(hint_id.as_str()), error.then_some(error_id.as_str())].into_iter().flatten().collect();
        let described_by = (!described.is_empty()).then(|| described.join(" "));
        FieldIds { id, hint_id, error_id, described_by }
    }
}

/// A field's label, then its hint, then what is wrong with it.
#[component]
fn FieldHead(
    for_id: String,
    label: Cow<'static, str>,
    hint: Option<&'static str>,
    hint_id: String,
    error: Option<String>,
    error_id: String,
) -> impl IntoView {
    view! {
        <label for=for_id>{label.into_owned()}</label>
        {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
        {error.map(|e| view! {
            <p class="error-message" id=error_id>
                <Icon name="triangle-alert" size=24/>
                <span>{e}</span>
            </p>
        })}
    }
}

/// A text field with its label, hint and error message, keeping what was typed.
#[component]
pub fn TextField(
    name: &'static str,
    #[prop(into)] label: Cow<'static, str>,
    /// The element's id where the page has another field of this name.
    #[prop(optional)]
    id: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    let ids = FieldIds::new(name, id.as_deref(), hint.is_some(), has_error);
    view! {
        <div class="field" class:field-error=has_error>
            <FieldHead for_id=ids.id.clone() label hint hint_id=ids.hint_id error error_id=ids.error_id/>
            <input
                id=ids.id
                name=name
                type=kind.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                value=value
                aria-invalid=has_error.then_some("true")
                aria-describedby=ids.described_by
            />
        </div>
    }
}

/// A drop-down list with its label and error message, keeping what was chosen.
#[component]
pub fn SelectField(
    name: &'static str,
    #[prop(into)] label: Cow<'static, str>,
    /// The element's id where the page has another field of this name.
    #[prop(optional)]
    id: Option<String>,
    /// (value, text) pairs.
    options: Vec<(String, String)>,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    let ids = FieldIds::new(name, id.as_deref(), hint.is_some(), has_error);
    view! {
        <div class="field" class:field-error=has_error>
            <FieldHead for_id=ids.id.clone() label hint hint_id=ids.hint_id error error_id=ids.error_id/>
            <select id=ids.id name=name aria-invalid=has_error.then_some("true") aria-describedby=ids.described_by>
                {options.into_iter().map(|(v, text)| {
                    let selected = v == value;
                    view! { <option value=v selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A multi-line text field with its label, hint and error message.
#[component]
pub fn TextArea(
    name: &'static str,
    #[prop(into)] label: Cow<'static, str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    let ids = FieldIds::new(name, None, hint.is_some(), has_error);
    view! {
        <div class="field" class:field-error=has_error>
            <FieldHead for_id=ids.id.clone() label hint hint_id=ids.hint_id error error_id=ids.error_id/>
            <textarea id=ids.id name=name rows="4" aria-invalid=has_error.then_some("true")
                aria-describedby=ids.described_by>{value}</textarea>
        </div>
    }
}

/// A group of checkboxes (`name[key]`) under one question, with its error message.
#[component]
pub fn Checkboxes(
    name: &'static str,
    legend: &'static str,
    /// (key, text, checked).
    options: Vec<(String, String, bool)>,
    #[prop(optional_no_strip)] error: Option<String>,
) -> impl IntoView {
    let has_error = error.is_some();
    view! {
        <fieldset class="field choices" class:field-error=has_error>
            <legend>{legend}</legend>
            {error.map(|e| view! {
                <p class="error-message"><Icon name="triangle-alert" size=24/><span>{e}</span></p>
            })}
            {options.into_iter().map(|(key, text, checked)| view! {
                <label class="choice">
                    <input type="checkbox" name=format!("{name}[{key}]") value="on" checked=checked/>
                    <span>{text}</span>
                </label>
            }).collect_view()}
        </fieldset>
    }
}
