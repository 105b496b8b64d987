//! Retention (gallring), the administrator's server functions: the dry run,
//! the rule, and the deletion after its confirmation page. Plain POST forms,
//! as on the other administrator pages.

use crate::errors::AppError;
use crate::models::RetentionOverview;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{forms::Form, req};
#[cfg(feature = "ssr")]
use crate::paths;
#[cfg(feature = "ssr")]
use crate::texts::admin as text;

pub const RULE_FORM: &str = "retention_rule";
pub const APPLY_FORM: &str = "retention_apply";

/// The rule: years after the last entry, or empty to keep the records.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    pub years: String,
}

/// The confirmation: the participants the page listed (hidden, "3,17,22"),
/// and how many the administrator typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplyForm {
    pub ids: String,
    pub count: String,
}

#[cfg(feature = "ssr")]
mod parse {
    use super::*;
    use crate::functions::forms::named_forms;
    use crate::models::FormFeedback;

    named_forms!(RuleForm => RULE_FORM, ApplyForm => APPLY_FORM);

    /// Years, or `None` for an empty field (records kept).
    pub(super) fn years(form: &RuleForm) -> Result<Option<i64>, FormFeedback> {
        let mut fb = form.feedback();
        let typed = form.years.trim();
        let years = match typed {
            "" => Some(None),
            _ => fb.check(
                "years",
                typed
                    .parse::<i64>()
                    .ok()
                    .filter(|y| crate::server::access::retention::valid_years(*y))
                    .map(Some)
                    .ok_or(text::RETENTION_YEARS_INVALID),
            ),
        };
        fb.finish(years)
    }

    /// The listed ids, when the typed count is their number.
    pub(super) fn confirmed(form: &ApplyForm) -> Result<Vec<i64>, FormFeedback> {
        let mut fb = form.feedback();
        let ids: Option<Vec<i64>> =
            form.ids.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| s.parse().ok()).collect();
        let ids = fb.check("count", ids.ok_or(text::RETENTION_LIST_CHANGED));
        let count = fb.check("count", form.count.trim().parse::<usize>().map_err(|_| text::COUNT_NOT_A_NUMBER));
        let confirmed = match (ids, count) {
            (Some(ids), Some(count)) if ids.len() == count => Some(ids),
            (Some(_), Some(_)) => {
                fb.errors.push(("count".into(), text::COUNT_WRONG.into()));
                None
            }
            _ => None,
        };
        fb.finish(confirmed)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn years_are_whole_and_sane_or_empty() {
            let form = |y: &str| RuleForm { years: y.into() };
            assert_eq!(years(&form(" 5 ")), Ok(Some(5)));
            assert_eq!(years(&form("")), Ok(None));
            for bad in ["0", "101", "2,5", "fem", "-3"] {
                let fb = years(&form(bad)).expect_err(bad);
                assert_eq!(fb.error("years").as_deref(), Some(text::RETENTION_YEARS_INVALID), "{bad}");
                assert_eq!(fb.value("years"), bad, "what was typed is kept");
            }
        }

        #[test]
        fn the_typed_count_must_be_the_number_listed() {
            let form = |ids: &str, count: &str| ApplyForm { ids: ids.into(), count: count.into() };
            assert_eq!(confirmed(&form("3,17,22", "3")), Ok(vec![3, 17, 22]));
            assert_eq!(confirmed(&form("", "0")), Ok(vec![]));
            let fb = confirmed(&form("3,17,22", "2")).expect_err("two is not three");
            assert_eq!(fb.error("count").as_deref(), Some(text::COUNT_WRONG));
            let fb = confirmed(&form("3,17", "två")).expect_err("not a number");
            assert_eq!(fb.error("count").as_deref(), Some(text::COUNT_NOT_A_NUMBER));
            assert!(confirmed(&form("3,x", "2")).is_err(), "a forged list");
        }
    }
}

/// `/admin/gallring` and its confirmation page: the rule and who is due today.
#[server(endpoint = "retention")]
pub async fn load_retention() -> Result<RetentionOverview, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.retention_overview(&req.ctx).await.map_err(|e| req.fail(e))
}

/// A new rule.
#[server(endpoint = "set_retention_rule")]
pub async fn set_retention_rule(#[server(flatten)] form: RuleForm) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::ADMIN_RETENTION;
    let years = match parse::years(&form) {
        Ok(years) => years,
        Err(fb) => return req.reject(fb, page).await,
    };
    match req.state.access.set_retention_years(&req.ctx, years).await {
        Ok(()) => req.done(page, text::RULE_SAVED).await,
        Err(e) => req.refused(e, form.feedback(), page).await,
    }
}

/// Deletes the records the confirmation page listed; back to the dry run.
#[server(endpoint = "apply_retention")]
pub async fn apply_retention(#[server(flatten)] form: ApplyForm) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let page = paths::ADMIN_RETENTION_CONFIRM;
    let ids = match parse::confirmed(&form) {
        Ok(ids) => ids,
        Err(fb) => return req.reject(fb, page).await,
    };
    match req.state.access.apply_retention(&req.ctx, &ids).await {
        Ok(n) => req.done(paths::ADMIN_RETENTION, &text::retention_done(n)).await,
        Err(e) => req.refused(e, form.feedback(), page).await,
    }
}
