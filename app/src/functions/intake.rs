//! Intake of a new participant (`/personal/ny-deltagare`), the personnummer
//! shown in full on the record, relatives and gode män on the record's
//! contacts page, and moving a participant to another unit.

use super::forms::intake::{IntakeForm, RelativeForm};
use crate::domain::RelationKind;
use crate::errors::AppError;
use crate::models::Choice;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{forms::Form, req};
#[cfg(feature = "ssr")]
use crate::texts::staff as text;

pub const INTAKE_FORM: &str = "intake";
pub const RELATIVE_FORM: &str = "relative";
pub const MOVE_FORM: &str = "move";

/// The intake page: the unit the participant comes into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntakeStart {
    pub unit_name: String,
    /// A closed unit takes no new participants.
    pub open: bool,
    pub today: NaiveDate,
}

/// One link to a relative, god man, förvaltare or housing staff member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelativeLink {
    pub link_id: i64,
    pub relative_id: i64,
    pub name: String,
    pub relation: RelationKind,
    /// For a god man or förvaltare: what the mandate covers.
    pub mandate: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub since: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub has_account: bool,
}

/// The record's people close to the participant, open and ended links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordRelatives {
    pub participant_id: i64,
    pub links: Vec<RelativeLink>,
}

/// A move between units, as the record's history shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitMoveEntry {
    pub from: String,
    pub to: String,
    pub at: DateTime<Utc>,
    pub by: Option<String>,
}

/// The record's placement: the personnummer masked, moves, and where to move.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordPlacement {
    pub participant_id: i64,
    /// ÅÅMMDD-XXXX, when the record has a personnummer.
    pub personal_number: Option<String>,
    pub protected_identity: bool,
    /// The asker is the unit's enhetschef.
    pub can_move: bool,
    /// Open units to move to (only for the enhetschef).
    pub units: Vec<Choice>,
    pub moves: Vec<UnitMoveEntry>,
}

/// One line of an import, with what is wrong with it (nothing when it passes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReportLine {
    pub line: u64,
    pub name: String,
    pub problems: Vec<String>,
}

/// What an import checked, and how many it saved (0 unless every line passed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    pub saved: usize,
    pub lines: Vec<ImportReportLine>,
    /// Something about the whole file (empty, wrong columns, closed unit).
    pub message: Option<String>,
}

/// `/personal/importera`: the unit, and the last check or import with what was pasted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPage {
    pub unit_name: String,
    pub open: bool,
    pub last: Option<(ImportReport, String)>,
}

/// `/personal/ny-deltagare`: the unit the new participant comes into.
#[server(endpoint = "intake_start")]
pub async fn load_intake_start() -> Result<IntakeStart, AppError> {
    let req = req().await?;
    req.state.access.intake_start(&req.ctx).await.map_err(|e| req.fail(e))
}

/// Registers a new participant into the asker's own unit (there is no unit
/// field: a unit sent along is ignored). Then on to the new record.
#[server(endpoint = "register_participant")]
pub async fn register_participant(#[server(flatten)] form: IntakeForm) -> Result<(), AppError> {
    use crate::server::access::intake::{IntakeRefused, NewParticipant};
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::NEW_PARTICIPANT;
    let new = match NewParticipant::try_from(form.clone()) {
        Ok(new) => new,
        Err(fb) => return req.reject(fb, page).await,
    };
    match req.state.access.register_participant(&req.ctx, &new).await {
        Ok(Ok(id)) => req.done(&crate::paths::record(id, crate::paths::RecordPart::Overview), text::INTAKE_SAVED).await,
        Ok(Err(refused)) => {
            let mut fb = form.feedback();
            match refused {
                IntakeRefused::UnitClosed => fb.message = Some(text::INTAKE_UNIT_CLOSED.to_owned()),
                IntakeRefused::Taken { unit_name } => {
                    fb.errors.push(("personal_number".into(), text::personal_number_taken(&unit_name)))
                }
            }
            req.reject(fb, page).await
        }
        Err(e) => req.refused(e, form.feedback(), page).await,
    }
}

#[cfg(feature = "ssr")]
const IMPORT_KEY: &str = "import_report";

/// `/personal/importera`: the unit, and what the last check or import found (once).
#[server(endpoint = "import_page")]
pub async fn load_import_page() -> Result<ImportPage, AppError> {
    let req = req().await?;
    let start = req.state.access.intake_start(&req.ctx).await.map_err(|e| req.fail(e))?;
    let last = req.take_flash(IMPORT_KEY).await;
    Ok(ImportPage { unit_name: start.unit_name, open: start.open, last })
}

/// Checks (`mode` = check) or imports (`mode` = import) participants from a
/// CSV file's text: every line's problems with its line number; nothing is
/// saved unless every line passes, and then all in one transaction.
#[server(endpoint = "import_participants")]
pub async fn import_participants(
    #[server(default)] csv: String,
    #[server(default)] mode: String,
) -> Result<ImportReport, AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    let lines = super::forms::intake::parse_import(&csv, crate::server::today());
    let save = mode.trim() == "import";
    let report = req.state.access.import_participants(&req.ctx, lines, save).await.map_err(|e| req.fail(e))?;
    if req.is_form_post() {
        // What was pasted stays, unless it was saved.
        let kept = if report.saved > 0 { String::new() } else { csv.chars().take(200_000).collect() };
        req.flash(IMPORT_KEY, &(report.clone(), kept)).await?;
        leptos_axum::redirect(crate::paths::IMPORT);
    }
    Ok(report)
}

/// The whole personnummer, shown on the record when asked for: audited as a
/// read of its own (`personal_number`).
#[server(endpoint = "reveal_personal_number")]
pub async fn reveal_personal_number(#[server(default)] participant_id: i64) -> Result<Option<String>, AppError> {
    let req = req().await?;
    req.state.access.reveal_personal_number(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// The record's placement: personnummer masked, moves between units.
#[server(endpoint = "record_placement")]
pub async fn load_record_placement(#[server(default)] participant_id: i64) -> Result<RecordPlacement, AppError> {
    let req = req().await?;
    req.state.access.record_placement(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// Moves the participant to another open unit (the enhetschef only).
#[server(endpoint = "move_participant")]
pub async fn move_participant(
    #[server(default)] participant_id: i64,
    #[server(default)] to_unit: String,
) -> Result<(), AppError> {
    use crate::models::FormFeedback;
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Overview);
    let mut fb = FormFeedback::new(MOVE_FORM);
    fb.keep("to_unit", &to_unit);
    let Ok(to) = to_unit.trim().parse::<i64>() else {
        fb.errors.push(("to_unit".into(), text::MOVE_CHOOSE_UNIT.into()));
        return req.reject(fb, &page).await;
    };
    match req.state.access.move_participant(&req.ctx, participant_id, to).await {
        // The record now belongs to the other unit: back to one's own list.
        Ok(()) => req.done(crate::paths::STAFF_HOME, text::MOVE_DONE).await,
        Err(e) => req.refused(e, fb, &page).await,
    }
}

/// The record's relatives, gode män and förvaltare.
#[server(endpoint = "record_relatives")]
pub async fn load_record_relatives(#[server(default)] participant_id: i64) -> Result<RecordRelatives, AppError> {
    let req = req().await?;
    req.state.access.record_relatives(&req.ctx, participant_id).await.map_err(|e| req.fail(e))
}

/// Links a relative, god man, förvaltare or housing staff member.
#[server(endpoint = "add_relative")]
pub async fn add_relative(
    #[server(default)] participant_id: i64,
    #[server(flatten)] form: RelativeForm,
) -> Result<(), AppError> {
    use crate::server::access::intake::{NewRelative, RelativeAdded};
    let req = req().await?;
    req.require_signed_in()?;
    let page = crate::paths::record(participant_id, crate::paths::RecordPart::Contacts);
    let new = match NewRelative::try_from(form.clone()) {
        Ok(new) => new,
        Err(fb) => return req.reject(fb, &page).await,
    };
    match req.state.access.add_relative(&req.ctx, participant_id, &new).await {
        Ok(RelativeAdded::New) => req.done(&page, text::RELATIVE_SAVED).await,
        Ok(RelativeAdded::Existing) => req.done(&page, text::RELATIVE_EXISTING_LINKED).await,
        Err(e) => req.refused(e, form.feedback(), &page).await,
    }
}

/// Ends a link to a relative today: they see nothing of the participant from now on.
#[server(endpoint = "end_relative_link")]
pub async fn end_relative_link(
    #[server(default)] participant_id: i64,
    #[server(default)] link_id: i64,
) -> Result<(), AppError> {
    let req = req().await?;
    req.require_signed_in()?;
    req.state.access.end_relative_link(&req.ctx, participant_id, link_id).await.map_err(|e| req.fail(e))?;
    req.done(&crate::paths::record(participant_id, crate::paths::RecordPart::Contacts), text::RELATIVE_LINK_ENDED).await
}
