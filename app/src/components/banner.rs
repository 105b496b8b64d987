//! One message above a page or a form, in one of three kinds. The kind picks
//! the look (the CSS classes are the ones the pages have always used) and how
//! a screen reader announces it.

use super::Icon;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    /// What the last change did ("Närvaron är sparad.").
    Success,
    /// What stops a form from being saved; read out at once.
    Error,
    /// Something worth knowing that is neither.
    Info,
}

impl BannerKind {
    fn class(self) -> &'static str {
        match self {
            BannerKind::Success => "notice-banner",
            BannerKind::Error => "form-message",
            BannerKind::Info => "panel",
        }
    }

    /// An error interrupts (`alert`); the others wait until the reader is idle (`status`).
    fn role(self) -> &'static str {
        match self {
            BannerKind::Error => "alert",
            BannerKind::Success | BannerKind::Info => "status",
        }
    }

    fn icon(self) -> Option<&'static str> {
        match self {
            BannerKind::Success => Some("circle-check"),
            BannerKind::Error => Some("triangle-alert"),
            BannerKind::Info => None,
        }
    }
}

/// A message of one kind; nothing at all when there is no message, so pages
/// can pass what a form or the last change left behind without checking.
#[component]
pub fn Banner(kind: BannerKind, message: Option<String>) -> impl IntoView {
    message.map(|m| {
        view! {
            <div class=kind.class() role=kind.role()>
                {kind.icon().map(|name| view! { <Icon name size=24/> })}
                <p>{m}</p>
            </div>
        }
    })
}
