//! The follow-up page (issue 13): what was asked for and what was counted.

use crate::domain::follow_up::{Period, Programme, Tables, WorkOutcomes};
use serde::{Deserialize, Serialize};

/// The page address's `?fran=&till=&enhet=`, as typed (parsed by the access layer,
/// so a bad date comes back as a message next to its field).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUpQuery {
    pub from: String,
    pub until: String,
    /// The administrator's choice of unit (digits); empty is every unit.
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpPage {
    /// The unit followed up; `None` for every unit together.
    pub unit_name: Option<String>,
    /// The administrator chooses the unit; the enhetschef sees their own.
    pub choose_unit: bool,
    /// The viewer may have the names behind the figures (the unit's enhetschef).
    pub lists_people: bool,
    pub units: Vec<(i64, String)>,
    pub query: FollowUpQuery,
    /// (field, message) for what could not be read.
    pub errors: Vec<(String, String)>,
    pub period: Option<Period>,
    pub tables: Option<Tables>,
    pub programme: Option<Programme>,
}

impl FollowUpPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.clone())
    }
}

/// One of the follow-up's tables as the page, its chart and the file show it:
/// counts in rows, each row named.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureTable {
    /// The table's anchor on the page and its chart's id.
    pub id: &'static str,
    pub title: &'static str,
    /// What is counted and how, under the title.
    pub about: Option<&'static str>,
    /// The heading of each count column.
    pub columns: Vec<&'static str>,
    pub rows: Vec<(String, Vec<u32>)>,
    /// Each row's last count is the sum of the others.
    pub row_totals: bool,
    /// The last row is the sum of the rows above it.
    pub total_row: bool,
}

impl FigureTable {
    /// The rows without the total row.
    pub fn parts(&self) -> &[(String, Vec<u32>)] {
        let n = self.rows.len() - usize::from(self.total_row && !self.rows.is_empty());
        &self.rows[..n]
    }

    /// The counts, suppressed for a file that leaves the unit.
    pub fn suppressed(&self) -> Vec<Vec<crate::domain::follow_up::Cell>> {
        let grid: Vec<Vec<u32>> = self.rows.iter().map(|(_, counts)| counts.clone()).collect();
        crate::domain::follow_up::suppress(&grid, self.row_totals, self.total_row)
    }
}

/// The follow-up's tables in the order the page shows them.
pub fn figure_tables(t: &Tables) -> Vec<FigureTable> {
    use crate::domain::follow_up::{Leaving, Split};
    use crate::texts::follow_up as text;
    fn by_gender(s: Split) -> Vec<u32> {
        vec![s.women, s.men, s.other, s.total()]
    }
    fn coded<T: crate::domain::CodeEnum>(rows: &[(T, Split)]) -> Vec<(String, Vec<u32>)> {
        rows.iter().map(|(code, s)| (code.label_sv().to_owned(), by_gender(*s))).collect()
    }
    /// The rows and, last, their sum (`width` counts wide, for no rows too).
    fn with_total(mut rows: Vec<(String, Vec<u32>)>, label: &str, width: usize) -> Vec<(String, Vec<u32>)> {
        let sums = (0..width).map(|j| rows.iter().map(|(_, c)| c.get(j).copied().unwrap_or(0)).sum()).collect();
        rows.push((label.to_owned(), sums));
        rows
    }
    let gender_columns = || vec![text::WOMEN, text::MEN, text::OTHER, text::TOTAL];
    let gender_table = |id, title, about, rows, total_row| FigureTable {
        id,
        title,
        about,
        columns: gender_columns(),
        rows,
        row_totals: true,
        total_row,
    };
    let mut discharges = coded(&t.discharges);
    discharges.push((text::NOT_DISCHARGED.to_owned(), by_gender(t.not_discharged)));
    let leaving = t
        .leaving_by_year
        .iter()
        .map(|y| {
            let mut counts = y.counts.clone();
            counts.push(counts.iter().sum());
            (text::year_on_road(y.year, y.road), counts)
        })
        .collect();
    let roads = t
        .roads
        .iter()
        .map(|r| (text::road(r.road).to_owned(), vec![r.participants, r.moved_up, r.towards_work]))
        .collect();
    vec![
        gender_table(
            "deltagare",
            text::PARTICIPANTS_TITLE,
            None,
            vec![(text::PARTICIPANTS_ROW.to_owned(), by_gender(t.participants))],
            false,
        ),
        gender_table(
            "alder",
            text::AGE_TITLE,
            Some(text::AGE_ABOUT),
            with_total(coded(&t.age), text::ALL_PARTICIPANTS, 4),
            true,
        ),
        gender_table(
            "form",
            text::FORM_TITLE,
            None,
            with_total(coded(&t.form_at_entry), text::ALL_PARTICIPANTS, 4),
            true,
        ),
        gender_table(
            "ersattning",
            text::BENEFIT_TITLE,
            Some(text::BENEFIT_ABOUT),
            with_total(coded(&t.benefit_at_entry), text::ALL_PARTICIPANTS, 4),
            true,
        ),
        gender_table(
            "steg-inom-dv",
            text::DV_STEPS_TITLE,
            Some(text::DV_STEPS_ABOUT),
            with_total(coded(&t.dv_steps), text::DV_STEPS_ALL, 4),
            true,
        ),
        gender_table(
            "kartlaggning",
            text::ASSESSMENT_TITLE,
            Some(text::ASSESSMENT_ABOUT),
            vec![
                (text::ASSESSMENT_HELD.to_owned(), by_gender(t.assessments_held)),
                (text::ASSESSMENT_PLANNED.to_owned(), by_gender(t.assessments_planned)),
            ],
            false,
        ),
        gender_table(
            "utskrivning",
            text::DISCHARGE_TITLE,
            None,
            with_total(discharges, text::ALL_PARTICIPANTS, 4),
            true,
        ),
        FigureTable {
            id: "lamnat-dv",
            title: text::LEAVING_TITLE,
            about: Some(text::LEAVING_ABOUT),
            columns: Leaving::ALL.iter().map(|l| l.label_sv()).chain([text::TOTAL]).collect(),
            rows: with_total(leaving, text::ALL_YEARS, Leaving::ALL.len() + 1),
            row_totals: true,
            total_row: true,
        },
        FigureTable {
            id: "vagar",
            title: text::ROADS_TITLE,
            about: Some(text::ROADS_ABOUT),
            columns: vec![text::ROAD_PARTICIPANTS, text::ROAD_MOVED_UP, text::ROAD_TOWARDS_WORK],
            rows: with_total(roads, text::BOTH_ROADS, 3),
            row_totals: false,
            total_row: true,
        },
    ]
}

/// The programme's rounds that started in the period, as a table.
pub fn programme_table(p: &Programme) -> FigureTable {
    use crate::texts::follow_up as text;
    let mut rows: Vec<(String, Vec<u32>)> = p
        .rounds
        .iter()
        .map(|r| (text::round(&r.name, r.starts_on), vec![r.seats, r.seated, r.waiting, r.marked, r.present]))
        .collect();
    let sums = (0..5).map(|j| rows.iter().map(|(_, c)| c[j]).sum()).collect();
    rows.push((text::ALL_ROUNDS.to_owned(), sums));
    FigureTable {
        id: "programmet",
        title: text::PROGRAMME_TITLE,
        about: Some(text::PROGRAMME_ABOUT),
        columns: vec![
            text::ROUND_SEATS,
            text::ROUND_SEATED,
            text::ROUND_WAITING,
            text::ROUND_MARKED,
            text::ROUND_PRESENT,
        ],
        rows,
        row_totals: false,
        total_row: true,
    }
}

/// Paid work, as supported-employment programmes count it: who was out of
/// work, who got a job, and the hours of the jobs.
pub fn work_tables(w: &WorkOutcomes) -> [FigureTable; 2] {
    use crate::domain::follow_up::Split;
    use crate::texts::follow_up as text;
    let by_gender = |s: Split| vec![s.women, s.men, s.other, s.total()];
    let columns = || vec![text::WOMEN, text::MEN, text::OTHER, text::TOTAL];
    let mut hours: Vec<(String, Vec<u32>)> =
        w.hours.iter().map(|(band, s)| (band.label_sv().to_owned(), by_gender(*s))).collect();
    hours.push((text::HOURS_ALL.to_owned(), by_gender(w.in_work)));
    [
        FigureTable {
            id: "arbete",
            title: text::WORK_TITLE,
            about: Some(text::WORK_ABOUT),
            columns: columns(),
            rows: vec![
                (text::WORK_OUT_AT_START.to_owned(), by_gender(w.out_of_work_at_start)),
                (text::WORK_INTO.to_owned(), by_gender(w.into_work)),
                (text::WORK_EVER.to_owned(), by_gender(w.ever_employed)),
                (text::WORK_IN.to_owned(), by_gender(w.in_work)),
            ],
            row_totals: true,
            total_row: false,
        },
        FigureTable {
            id: "timmar",
            title: text::HOURS_TITLE,
            about: Some(text::HOURS_ABOUT),
            columns: columns(),
            rows: hours,
            row_totals: true,
            total_row: true,
        },
    ]
}
