//! The record's SUS forms: what SUS asks when a Finsam-financed activity
//! starts, and when it ends.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SusStartForm {
    pub starts_on: String,
    pub occupation_before: String,
    pub income_before: String,
    pub education: String,
    pub time_in_support: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SusEndForm {
    pub ends_on: String,
    pub end_reason: String,
    pub occupation_after: String,
    pub income_after: String,
    pub hours_after: String,
}

#[cfg(feature = "ssr")]
mod parse {
    use super::*;
    use crate::domain::parse_iso_date;
    use crate::domain::sus::{
        Education, EndReason, IncomeSource, Occupation, SupportTime, SusEnd, SusStart, parse_hours_after,
    };
    use crate::functions::forms::{Form, named_forms};
    use crate::functions::sus::{SUS_END_FORM, SUS_START_FORM};
    use crate::models::FormFeedback;

    named_forms!(SusStartForm => SUS_START_FORM, SusEndForm => SUS_END_FORM);

    impl TryFrom<SusStartForm> for SusStart {
        type Error = FormFeedback;

        fn try_from(form: SusStartForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let starts_on = fb.check("starts_on", parse_iso_date(&form.starts_on));
            let occupation_before = fb.check("occupation_before", Occupation::parse(&form.occupation_before));
            let income_before = fb.check("income_before", IncomeSource::parse(&form.income_before));
            let education = fb.check("education", Education::parse(&form.education));
            let time_in_support = fb.check("time_in_support", SupportTime::parse(&form.time_in_support));
            let start = match (starts_on, occupation_before, income_before, education, time_in_support) {
                (Some(starts_on), Some(occupation_before), Some(income_before), Some(education), Some(time)) => {
                    Some(SusStart { starts_on, occupation_before, income_before, education, time_in_support: time })
                }
                _ => None,
            };
            fb.finish(start)
        }
    }

    impl TryFrom<SusEndForm> for SusEnd {
        type Error = FormFeedback;

        fn try_from(form: SusEndForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let ends_on = fb.check("ends_on", parse_iso_date(&form.ends_on));
            let reason = fb.check("end_reason", EndReason::parse(&form.end_reason));
            let occupation_after = fb.check("occupation_after", Occupation::parse(&form.occupation_after));
            let income_after = fb.check("income_after", IncomeSource::parse(&form.income_after));
            let hours_after = fb.check("hours_after", parse_hours_after(&form.hours_after));
            let end = match (ends_on, reason, occupation_after, income_after, hours_after) {
                (Some(ends_on), Some(reason), Some(occupation_after), Some(income_after), Some(hours_after)) => {
                    Some(SusEnd { ends_on, reason, occupation_after, income_after, hours_after })
                }
                _ => None,
            };
            fb.finish(end)
        }
    }
}
