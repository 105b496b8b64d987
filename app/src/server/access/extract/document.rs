//! The register extract in words: the rows the extract read, with Swedish
//! labels, codes as their names, times in Swedish time and ids as the people,
//! units and sessions they stand for. Every stored field of every row is
//! shown (a column without a label shows its name), so the document holds
//! what the JSON file holds; the audit log is a table of its main columns.

use super::{RegisterExtract, Row};
use crate::domain::{
    AttendanceMark, AuditAction, BenefitKind, CodeEnum, ConsentMethod, ConsentScope, DischargeOutcome, DvForm,
    EnrolmentStatus, Gender, LadderStep, MeetingAnswer, MeetingKind, MeetingStatus, Organisation, PersonalNumber,
    RelationKind, Role, StaffRole,
};
use crate::models::{ExtractContact, ExtractDocument, ExtractItem, ExtractLayout, ExtractSection};
use crate::policy::Section;
use crate::texts::{extract as text, staff_time};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::collections::HashMap;

/// The parts a log row can name, with their labels.
const SECTIONS: [Section; 16] = [
    Section::Profile,
    Section::Plan,
    Section::Meetings,
    Section::Contacts,
    Section::Ladder,
    Section::Programme,
    Section::MeetingAnswer,
    Section::ProgrammeInterest,
    Section::Record,
    Section::PlanHistory,
    Section::Network,
    Section::Consents,
    Section::Access,
    Section::Placement,
    Section::RegisterExtract,
    Section::AccessLog,
];

/// Rows by id, to name what other rows refer to.
type Index<'a> = HashMap<i64, &'a Row>;

fn index(rows: &[Row]) -> Index<'_> {
    rows.iter().filter_map(|r| Some((r.get("id")?.as_i64()?, r))).collect()
}

fn str_of<'a>(row: &'a Row, key: &str) -> Option<&'a str> {
    row.get(key).and_then(Value::as_str)
}

fn int_of(row: &Row, key: &str) -> Option<i64> {
    row.get(key).and_then(Value::as_i64)
}

/// A stored code as its Swedish name (or as stored, if it is no code of `T`).
fn code<T: CodeEnum>(s: &str) -> String {
    T::parse(s).map(|c| c.label_sv().to_owned()).unwrap_or_else(|_| s.to_owned())
}

/// A stored time (RFC 3339 on both backends) in Swedish time.
fn time(s: &str) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(s).ok()?.with_timezone(&Utc);
    Some(staff_time(at))
}

/// What the rows refer to, by id.
struct Names<'a> {
    participant_id: i64,
    participant_name: String,
    accounts: Index<'a>,
    staff: Index<'a>,
    externals: Index<'a>,
    units: Index<'a>,
    rounds: Index<'a>,
    sessions: Index<'a>,
    relatives: Index<'a>,
    plans: Index<'a>,
    meetings: Index<'a>,
    consents: Index<'a>,
}

impl<'a> Names<'a> {
    fn new(extract: &'a RegisterExtract) -> Self {
        let table = |name: &str| extract.sections.iter().find(|s| s.table == name).map(|s| index(&s.rows));
        let context = |name: &str| extract.context.get(name).map(|rows| index(rows)).unwrap_or_default();
        let participant_id = extract.register_extract.participant_id;
        let participant_name = table("participants")
            .and_then(|t| t.get(&participant_id).and_then(|r| str_of(r, "name")).map(str::to_owned))
            .unwrap_or_default();
        Names {
            participant_id,
            participant_name,
            accounts: context("accounts"),
            staff: context("staff"),
            externals: context("external_contacts"),
            units: context("units"),
            rounds: context("programme_rounds"),
            sessions: context("programme_sessions"),
            relatives: table("relatives").unwrap_or_default(),
            plans: table("joint_plans").unwrap_or_default(),
            meetings: table("meetings").unwrap_or_default(),
            consents: table("consents").unwrap_or_default(),
        }
    }

    fn staff(&self, id: i64) -> String {
        match self.staff.get(&id) {
            Some(s) => text::person_and_role(
                str_of(s, "name").unwrap_or_default(),
                &code::<StaffRole>(str_of(s, "role").unwrap_or_default()),
            ),
            None => id.to_string(),
        }
    }

    fn relative(&self, id: i64) -> String {
        self.relatives.get(&id).and_then(|r| str_of(r, "name")).map(str::to_owned).unwrap_or_else(|| id.to_string())
    }

    /// Who an account is: a staff member by name and job, the participant
    /// themselves, a relative of theirs; anyone else by role only.
    fn account(&self, id: i64) -> String {
        let Some(a) = self.accounts.get(&id) else { return id.to_string() };
        if let Some(staff) = int_of(a, "staff_id") {
            return self.staff(staff);
        }
        if int_of(a, "participant_id") == Some(self.participant_id) {
            return text::the_participant(&self.participant_name);
        }
        match (str_of(a, "role"), int_of(a, "relative_id")) {
            (_, Some(r)) if self.relatives.contains_key(&r) => {
                text::person_and_role(&self.relative(r), &code::<Role>("relative"))
            }
            (Some("relative"), _) => text::A_RELATIVE.to_owned(),
            _ => text::ANOTHER_PARTICIPANT.to_owned(),
        }
    }

    fn participant(&self, id: i64) -> String {
        if id == self.participant_id { text::the_participant(&self.participant_name) } else { id.to_string() }
    }

    fn named(&self, index: &Index<'_>, id: i64, describe: impl Fn(&Row) -> String) -> String {
        index.get(&id).map(|r| describe(r)).unwrap_or_else(|| id.to_string())
    }

    /// A reference column's value as what it refers to; `None` if the column is no reference.
    fn reference(&self, column: &str, id: i64) -> Option<String> {
        if column.ends_with("_by") || column == "actor_account_id" || column == "account_id" {
            return Some(self.account(id));
        }
        Some(match column {
            "staff_id" => self.staff(id),
            "relative_id" | "recipient_relative_id" => self.relative(id),
            "participant_id" | "subject_participant_id" => self.participant(id),
            "external_contact_id" => self.named(&self.externals, id, |e| {
                let organisation = code::<Organisation>(str_of(e, "organisation").unwrap_or_default());
                text::person_and_role(str_of(e, "name").unwrap_or_default(), &organisation)
            }),
            c if c.ends_with("unit_id") => {
                self.named(&self.units, id, |u| str_of(u, "name").unwrap_or_default().to_owned())
            }
            "round_id" => self.named(&self.rounds, id, |r| str_of(r, "name").unwrap_or_default().to_owned()),
            "session_id" | "programme_session_id" => self.named(&self.sessions, id, |s| {
                let at = str_of(s, "starts_at").and_then(time).unwrap_or_default();
                format!("{at}, {}", str_of(s, "theme").unwrap_or_default())
            }),
            "plan_id" => self.named(&self.plans, id, |p| {
                text::item_heading(text::table("joint_plans").map_or("", |t| t.2), int_of(p, "version"))
            }),
            "meeting_id" => self.named(&self.meetings, id, |m| {
                let at = str_of(m, "starts_at").and_then(time).unwrap_or_default();
                format!("{at}, {}", str_of(m, "title").unwrap_or_default())
            }),
            "consent_id" => self.named(&self.consents, id, |c| {
                let scope = code::<ConsentScope>(str_of(c, "scope").unwrap_or_default());
                format!("{scope} ({})", str_of(c, "given_on").unwrap_or_default())
            }),
            _ => return None,
        })
    }

    /// One stored value in words; `None` for a field that holds nothing.
    fn value(&self, table: &str, column: &str, value: &Value) -> Option<String> {
        Some(match value {
            // Nothing stored, or an empty text (a consent that shares no part): nothing to show.
            Value::Null => return None,
            Value::String(s) if s.trim().is_empty() => return None,
            Value::Bool(b) => yes_no(*b),
            Value::Number(n) => match n.as_i64() {
                Some(flag) if column == "protected_identity" => yes_no(flag != 0),
                Some(id) => self.reference(column, id).unwrap_or_else(|| n.to_string()),
                None => n.to_string(),
            },
            Value::String(s) => self.text_value(table, column, s),
            other => other.to_string(),
        })
    }

    fn text_value(&self, table: &str, column: &str, s: &str) -> String {
        match (table, column) {
            (_, "benefit_kind") => code::<BenefitKind>(s),
            (_, "dv_form") => code::<DvForm>(s),
            (_, "gender") => code::<Gender>(s),
            (_, "discharge_outcome") => code::<DischargeOutcome>(s),
            (_, "ladder_step" | "from_step" | "to_step") => code::<LadderStep>(s),
            (_, "relation_kind") => code::<RelationKind>(s),
            (_, "organisation" | "recipient_organisation") => code::<Organisation>(s),
            (_, "participant_answer") => code::<MeetingAnswer>(s),
            (_, "scope") => code::<ConsentScope>(s),
            (_, "method") => code::<ConsentMethod>(s),
            (_, "mark") => code::<AttendanceMark>(s),
            (_, "action") => code::<AuditAction>(s),
            ("accounts", "role") => code::<Role>(s),
            ("meetings", "kind") => code::<MeetingKind>(s),
            ("meetings", "status") => code::<MeetingStatus>(s),
            ("enrolments", "status") => code::<EnrolmentStatus>(s),
            (_, "personal_number") => PersonalNumber::from_stored(s).map(|p| p.formatted()).unwrap_or_else(|| s.into()),
            (_, "shared_sections") => s
                .split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| Section::parse_shareable(x).map_or_else(|| x.to_owned(), |s| s.label_sv().to_owned()))
                .collect::<Vec<_>>()
                .join(", "),
            ("audit_log", "outcome") => match s {
                "allowed" => text::ALLOWED.to_owned(),
                "denied" => text::DENIED.to_owned(),
                other => other.to_owned(),
            },
            ("audit_log", "actor_role") => text::actor_role(s).map_or_else(|| s.to_owned(), str::to_owned),
            ("audit_log", "record_kind") => {
                SECTIONS.iter().find(|x| x.as_str() == s).map_or_else(|| s.to_owned(), |x| x.label_sv().to_owned())
            }
            ("revisions", "record_kind") => text::revision_kind(s).map_or_else(|| s.to_owned(), str::to_owned),
            ("revisions", "old_value") => self.kept_value(s),
            _ => time(s).unwrap_or_else(|| s.to_owned()),
        }
    }

    /// A revision's kept value (JSON) as "label: value" pairs.
    fn kept_value(&self, s: &str) -> String {
        let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(s) else { return s.to_owned() };
        fields
            .iter()
            .filter_map(|(k, v)| {
                let shown = self.value("", k, v)?;
                Some(format!("{}: {shown}", text::column("", k).unwrap_or(k)))
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// One row as labelled fields, in the schema's column order (a field the
    /// order does not know comes last); the columns that only say whose row
    /// it is (always this participant) are left out.
    fn fields(&self, table: &str, columns: &[String], row: &Row) -> Vec<(String, String)> {
        let known = columns.iter().filter_map(|c| row.get_key_value(c.as_str()));
        let rest = row.iter().filter(|(k, _)| !columns.contains(k));
        known
            .chain(rest)
            .filter(|(column, value)| {
                !(matches!(column.as_str(), "participant_id" | "subject_participant_id")
                    && value.as_i64() == Some(self.participant_id))
            })
            .filter_map(|(column, value)| {
                let shown = self.value(table, column, value)?;
                Some((text::column(table, column).unwrap_or(column).to_owned(), shown))
            })
            .collect()
    }
}

fn yes_no(b: bool) -> String {
    if b { text::YES } else { text::NO }.to_owned()
}

/// The audit log as a table: when, who, what, which part, and the outcome.
fn log_table(names: &Names<'_>, rows: &[Row]) -> ExtractLayout {
    let cell = |row: &Row, column: &str| {
        row.get(column).and_then(|v| names.value("audit_log", column, v)).unwrap_or_else(|| text::NOBODY.to_owned())
    };
    let who = |row: &Row| match row.get("actor_account_id").and_then(Value::as_i64) {
        Some(id) => names.account(id),
        None => cell(row, "actor_role"),
    };
    ExtractLayout::Table {
        columns: text::LOG_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: rows
            .iter()
            .map(|r| vec![cell(r, "at"), who(r), cell(r, "action"), cell(r, "record_kind"), cell(r, "outcome")])
            .collect(),
    }
}

/// The participant's contact persons among the unit's staff today: whom the cover says to ask.
fn contacts(names: &Names<'_>, extract: &RegisterExtract, today: NaiveDate) -> Vec<ExtractContact> {
    let rows = extract.sections.iter().find(|s| s.table == "contact_persons").map(|s| s.rows.as_slice());
    rows.unwrap_or_default()
        .iter()
        .filter(|c| str_of(c, "until").and_then(|u| u.parse::<NaiveDate>().ok()).is_none_or(|until| until >= today))
        .filter_map(|c| names.staff.get(&int_of(c, "staff_id")?).copied())
        .map(|s| ExtractContact {
            name: str_of(s, "name").unwrap_or_default().to_owned(),
            role: code::<StaffRole>(str_of(s, "role").unwrap_or_default()),
            phone: str_of(s, "phone").map(str::to_owned),
        })
        .collect()
}

/// The readable document of an extract.
pub(super) fn document(extract: &RegisterExtract, today: NaiveDate) -> ExtractDocument {
    let names = Names::new(extract);
    let sections = extract
        .sections
        .iter()
        .map(|s| {
            let (title, about, noun) = text::table(s.table).unwrap_or((s.table, "", s.table));
            let layout = if s.table == "audit_log" {
                log_table(&names, &s.rows)
            } else {
                ExtractLayout::Items(
                    s.rows
                        .iter()
                        .map(|row| {
                            let number =
                                if s.table == "joint_plans" { int_of(row, "version") } else { int_of(row, "id") };
                            ExtractItem {
                                heading: text::item_heading(noun, number),
                                fields: names.fields(s.table, &s.columns, row),
                            }
                        })
                        .collect(),
                )
            };
            ExtractSection {
                table: s.table.to_owned(),
                title: title.to_owned(),
                about: about.to_owned(),
                layout,
                withheld: s
                    .withheld
                    .iter()
                    .map(|w| text::withheld(text::column(s.table, w.column).unwrap_or(w.column), w.reason))
                    .collect(),
            }
        })
        .collect();
    let made_by = extract.register_extract.made_by_staff_id.map(|id| names.staff(id)).unwrap_or_default();
    ExtractDocument {
        participant_id: names.participant_id,
        name: names.participant_name.clone(),
        made_at: extract.register_extract.made_at,
        made_by,
        contacts: contacts(&names, extract, today),
        sections,
    }
}
