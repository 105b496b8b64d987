//! "Läs upp": reads the page's main content aloud in Swedish with the
//! browser's speech synthesis. An island: the only part of a participant page
//! that ships WebAssembly.

use crate::components::Icon;
use crate::texts::sv;
use leptos::prelude::*;

#[island]
pub fn ReadAloud() -> impl IntoView {
    let speaking = RwSignal::new(false);
    let message = RwSignal::new(None::<&'static str>);
    let toggle = move |_| {
        #[cfg(feature = "hydrate")]
        speech::toggle(speaking, message);
    };
    view! {
        <div class="read-aloud">
            <button type="button" class="button button-secondary" on:click=toggle
                aria-pressed=move || if speaking.get() { "true" } else { "false" }>
                <Icon name="volume-2" size=24/>
                <span>{move || if speaking.get() { sv::READ_STOP } else { sv::READ_ALOUD }}</span>
            </button>
            <p class="read-aloud-message" role="status">{move || message.get()}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod speech {
    use crate::texts::sv;
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, closure::Closure};

    pub fn toggle(speaking: RwSignal<bool>, message: RwSignal<Option<&'static str>>) {
        let Some(window) = web_sys::window() else { return };
        let Ok(synth) = window.speech_synthesis() else {
            message.set(Some(sv::READ_NOT_SUPPORTED));
            return;
        };
        if speaking.get_untracked() {
            synth.cancel();
            speaking.set(false);
            return;
        }
        let voice = synth
            .get_voices()
            .iter()
            .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
            .find(|v| v.lang().to_lowercase().starts_with("sv"));
        let Some(voice) = voice else {
            message.set(Some(sv::READ_NO_SWEDISH));
            return;
        };
        let text = window
            .document()
            .and_then(|d| d.query_selector("main").ok().flatten())
            .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
            .map(|m| m.inner_text())
            .unwrap_or_default();
        let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else { return };
        utterance.set_lang("sv-SE");
        utterance.set_voice(Some(&voice));
        let done = Closure::<dyn FnMut()>::new(move || speaking.set(false));
        utterance.set_onend(Some(done.as_ref().unchecked_ref()));
        utterance.set_onerror(Some(done.as_ref().unchecked_ref()));
        // The handler lives as long as the page.
        done.forget();
        message.set(None);
        speaking.set(true);
        synth.speak(&utterance);
    }
}
