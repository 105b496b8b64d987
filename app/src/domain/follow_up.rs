//! The follow-up's figures (issue 13): the tables the source project counted by
//! hand for its final report, computed from what staff already keep. Pure: the
//! storage layer gathers one [`Facts`] per participant, and everything counted
//! here is tested against the report's own tables.
//!
//! Who counts in a period: everyone who entered DV by its last day and was not
//! discharged before its first. Steps within DV, discharges and GK are counted
//! when they fall within the period; "not yet discharged" is as of its last day.

use super::{BenefitKind, DischargeOutcome, DvForm, Employment, Gender, LadderStep, Road, Way};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The period a follow-up covers, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    /// `None` when the period would end before it begins.
    pub fn new(from: NaiveDate, until: NaiveDate) -> Option<Self> {
        (from <= until).then_some(Self { from, until })
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.until
    }
}

code_enum! {
    /// A step within DV, as the report counted them ("stegförflyttningar inom DV").
    pub enum DvStep (unknown = "Välj vilken sorts steg inom daglig verksamhet.") {
        GroupToPlacement = "group_to_placement" => "Grupp till enskild plats",
        PlacementToPlacement = "placement_to_placement" => "Enskild plats till annan enskild plats",
        GroupToGroup = "group_to_group" => "Grupp till annan grupp",
        MoreHours = "more_hours" => "Utökad tidsomfattning",
    }
}

impl DvStep {
    /// The steps one recorded change counts as: the move (to a placement, or
    /// to another group or placement) and more hours, each on its own. Back
    /// from a placement to a group, or fewer hours, is a change but no step.
    pub fn of_change(from: DvForm, to: DvForm, from_hours: i64, to_hours: i64, new_place: bool) -> Vec<Self> {
        let moved = match (from, to) {
            (DvForm::Group, DvForm::IndividualPlacement) => Some(Self::GroupToPlacement),
            (DvForm::IndividualPlacement, DvForm::IndividualPlacement) if new_place => Some(Self::PlacementToPlacement),
            (DvForm::Group, DvForm::Group) if new_place => Some(Self::GroupToGroup),
            _ => None,
        };
        moved.into_iter().chain((to_hours > from_hours).then_some(Self::MoreHours)).collect()
    }
}

code_enum! {
    /// Age on the period's last day, in bands (DV under LSS is from 18; most
    /// who move on towards work are young).
    pub enum AgeBand (unknown = "Välj en åldersgrupp.") {
        Under25 = "under_25" => "Under 25 år",
        From25 = "25_29" => "25–29 år",
        From30 = "30_39" => "30–39 år",
        From40 = "40_49" => "40–49 år",
        From50 = "50_plus" => "50 år och äldre",
        Unknown = "unknown" => "Okänd ålder (inget personnummer)",
    }
}

impl AgeBand {
    pub fn of(born: Option<NaiveDate>, on: NaiveDate) -> Self {
        match born.and_then(|b| on.years_since(b)) {
            None => Self::Unknown,
            Some(0..=24) => Self::Under25,
            Some(25..=29) => Self::From25,
            Some(30..=39) => Self::From30,
            Some(40..=49) => Self::From40,
            Some(_) => Self::From50,
        }
    }
}

code_enum! {
    /// Where someone left DV for, as the 2025 paper counts it ("studier,
    /// arbete eller insatser via AF, FK eller ASF").
    pub enum Leaving (unknown = "Välj vart personen gick.") {
        Studies = "studies" => "Studier",
        Work = "work" => "Arbete",
        EnhancedCollaboration = "enhanced_collaboration" => "Förstärkt samarbete (AF och FK)",
        AsfMeasure = "asf_measure" => "Arbetsmarknadsinsats genom ASF",
    }
}

impl Leaving {
    /// A discharge back to DV or to job seeking is no leaving towards work.
    pub const fn of(outcome: DischargeOutcome) -> Option<Self> {
        match outcome {
            DischargeOutcome::Studies => Some(Self::Studies),
            DischargeOutcome::Employment | DischargeOutcome::MunicipalEmployment => Some(Self::Work),
            DischargeOutcome::EnhancedCollaboration => Some(Self::EnhancedCollaboration),
            DischargeOutcome::LabourMarketMeasure => Some(Self::AsfMeasure),
            DischargeOutcome::BackToDv | DischargeOutcome::JobSeeking => None,
        }
    }
}

/// A move on Stegen: its day, the step before (none at the first placement) and the step after.
pub type LadderMove = (NaiveDate, Option<LadderStep>, LadderStep);

/// What the follow-up needs to know about one participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub gender: Option<Gender>,
    /// From the personnummer; `None` without one.
    pub born: Option<NaiveDate>,
    pub road: Road,
    pub entered_on: NaiveDate,
    pub form_at_entry: DvForm,
    pub benefit_at_entry: BenefitKind,
    pub dv_steps: Vec<(NaiveDate, DvStep)>,
    /// The days of their gemensam kartläggning meetings that were not cancelled.
    pub assessments: Vec<NaiveDate>,
    pub discharged: Option<(NaiveDate, DischargeOutcome)>,
    pub ladder_moves: Vec<LadderMove>,
    pub employments: Vec<Employment>,
    /// Förlängt stöd after employment: its first and last day.
    pub extended_support: Vec<(NaiveDate, NaiveDate)>,
}

impl Facts {
    /// A step up Stegen in the period: a move to a higher rung of their way's
    /// ladder, or on to work or studies. Back to DV, or down, is no step.
    fn moved_up_in(&self, period: Period) -> bool {
        let way = Way::new(self.road, self.benefit_at_entry);
        self.ladder_moves.iter().any(|&(on, from, to)| {
            let up = match (from.and_then(|f| way.number(f)), way.number(to)) {
                (Some(before), Some(after)) => after > before,
                _ => matches!(to, LadderStep::Employment | LadderStep::MunicipalEmployment | LadderStep::Studies),
            };
            period.contains(on) && from.is_some() && up
        })
    }

    fn in_period(&self, period: Period) -> bool {
        self.entered_on <= period.until && self.discharged.is_none_or(|(on, _)| on >= period.from)
    }

    fn discharged_in(&self, period: Period) -> Option<DischargeOutcome> {
        self.discharged.filter(|(on, _)| period.contains(*on)).map(|(_, outcome)| outcome)
    }

    /// Where the period begins for them: their entry into DV, or its first day.
    fn start_in(&self, period: Period) -> NaiveDate {
        self.entered_on.max(period.from)
    }

    /// In paid work at their start: a job that counted before it and had not ended.
    fn in_work_at_start(&self, period: Period) -> bool {
        let start = self.start_in(period);
        self.employments
            .iter()
            .any(|e| e.counts_from().is_some_and(|d| d < start) && e.ends_on.is_none_or(|end| end >= start))
    }

    /// The first job that counted as paid work within the period, for someone
    /// out of work at its start.
    fn first_job_in(&self, period: Period) -> Option<&Employment> {
        if self.in_work_at_start(period) {
            return None;
        }
        let start = self.start_in(period);
        self.employments
            .iter()
            .filter_map(|e| e.counts_from().filter(|d| *d >= start && *d <= period.until).map(|d| (d, e)))
            .min_by_key(|(d, _)| *d)
            .map(|(_, e)| e)
    }

    /// The job they held in the period: of those that counted by its end and
    /// ran some day of it, the one begun last.
    fn job_in(&self, period: Period) -> Option<&Employment> {
        self.employments
            .iter()
            .filter(|e| {
                e.counts_from().is_some_and(|d| d <= period.until) && e.ends_on.is_none_or(|end| end >= period.from)
            })
            .max_by_key(|e| e.starts_on)
    }

    /// Days from entering DV to the first paid job in the period.
    fn days_to_first_job(&self, period: Period) -> Option<u32> {
        self.first_job_in(period).map(|job| u32::try_from((job.starts_on - self.entered_on).num_days()).unwrap_or(0))
    }

    /// Whole months (rounded) in paid work while förlängt stöd lasted, up to
    /// the period's end; `None` without support in the period. A day counts
    /// once, however many jobs ran on it.
    fn months_in_work_with_support(&self, period: Period) -> Option<u32> {
        let spans: Vec<_> = self
            .extended_support
            .iter()
            .filter(|(from, until)| *from <= period.until && *until >= period.from)
            .collect();
        if spans.is_empty() {
            return None;
        }
        let mut days = 0;
        for &&(from, until) in &spans {
            let mut day = from;
            while day <= until.min(period.until) {
                days += u32::from(self.employments.iter().any(|e| e.runs_on(day)));
                let Some(next) = day.succ_opt() else { break };
                day = next;
            }
        }
        Some((days * 12 + 182) / 365)
    }
}

/// A count by the intake's answer to gender, as the report's tables show it
/// (total, women, men; "other" holds the other answers and no answer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub women: u32,
    pub men: u32,
    pub other: u32,
}

impl Split {
    pub const fn total(self) -> u32 {
        self.women + self.men + self.other
    }

    fn add(&mut self, gender: Option<Gender>) {
        match gender {
            Some(Gender::Woman) => self.women += 1,
            Some(Gender::Man) => self.men += 1,
            Some(Gender::Other | Gender::Unspecified) | None => self.other += 1,
        }
    }
}

/// "17 of 32 (53 %)": a count with what it is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub count: u32,
    pub of: u32,
}

impl Share {
    /// Whole per cent, rounded half up as the report did (17 of 32 is 53 %); `None` of nobody.
    pub fn per_cent(self) -> Option<u32> {
        (self.of > 0).then(|| (200 * self.count + self.of) / (2 * self.of))
    }
}

/// The outcomes that count as a step towards work: the report's förstärkt
/// samarbete, paid work and studies, and the ASF road's measure and municipal
/// employment (the 2025 paper counts "insatser via AF, FK eller ASF").
pub const fn towards_work(outcome: DischargeOutcome) -> bool {
    matches!(
        outcome,
        DischargeOutcome::EnhancedCollaboration
            | DischargeOutcome::Employment
            | DischargeOutcome::Studies
            | DischargeOutcome::LabourMarketMeasure
            | DischargeOutcome::MunicipalEmployment
    )
}

/// What was counted of one person in a period: the line behind the figures
/// in the per-person list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub age: AgeBand,
    pub dv_steps: Vec<(NaiveDate, DvStep)>,
    pub assessment_held: bool,
    pub assessment_planned: bool,
    pub discharged: Option<(NaiveDate, DischargeOutcome)>,
    pub towards_work: bool,
    pub moved_up: bool,
    /// Out of work at the start and a first paid job in the period.
    pub into_work: bool,
    pub days_to_first_job: Option<u32>,
    /// The hours a week of the job held in the period.
    pub job_hours: Option<u8>,
}

impl Facts {
    /// `None` when the person is not counted in the period at all.
    pub fn counted(&self, period: Period) -> Option<Counted> {
        if !self.in_period(period) {
            return None;
        }
        let held = self.assessments.iter().any(|on| period.contains(*on));
        let discharged = self.discharged.filter(|(on, _)| period.contains(*on));
        Some(Counted {
            age: AgeBand::of(self.born, period.until),
            dv_steps: self.dv_steps.iter().filter(|(on, _)| period.contains(*on)).copied().collect(),
            assessment_held: held,
            assessment_planned: !held && self.assessments.iter().any(|on| *on > period.until),
            discharged,
            towards_work: discharged.is_some_and(|(_, o)| towards_work(o)),
            moved_up: self.moved_up_in(period),
            into_work: self.first_job_in(period).is_some(),
            days_to_first_job: self.days_to_first_job(period),
            job_hours: self.job_in(period).map(|job| job.hours_per_week.get()),
        })
    }
}

/// Those who left DV towards work in one calendar year, on one road.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeavingYear {
    pub year: i32,
    pub road: Road,
    /// One count per [`Leaving`], in its order.
    pub counts: Vec<u32>,
}

/// One road of the 2025 model, beside the other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoadFigures {
    pub road: Road,
    pub participants: u32,
    /// People who took at least one step up Stegen in the period.
    pub moved_up: u32,
    /// People discharged towards work in the period.
    pub towards_work: u32,
}

code_enum! {
    /// Hours a week in paid work, in bands (100 % is 40 hours).
    pub enum HoursBand (unknown = "Välj antal timmar i veckan.") {
        Under10 = "1_9" => "1–9 timmar i veckan",
        From10 = "10_19" => "10–19 timmar i veckan",
        From20 = "20_29" => "20–29 timmar i veckan",
        From30 = "30_40" => "30–40 timmar i veckan",
    }
}

impl HoursBand {
    pub const fn of(hours: u8) -> Self {
        match hours {
            0..=9 => Self::Under10,
            10..=19 => Self::From10,
            20..=29 => Self::From20,
            _ => Self::From30,
        }
    }

    /// 20 hours a week or more: the share supported-employment programmes report.
    pub const fn at_least_20(self) -> bool {
        matches!(self, Self::From20 | Self::From30)
    }
}

/// The employment rate supported-employment programmes hold themselves to.
pub const EMPLOYMENT_RATE_BENCHMARK: u32 = 40;

/// The outcomes supported-employment (IPS) programmes use, for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOutcomes {
    /// Not in paid work when they entered DV or the period began, whichever was later.
    pub out_of_work_at_start: Split,
    /// Of those, a first job counted (its fourth paid hour) within the period.
    pub into_work: Split,
    /// A job that counted, before DV or in it, by the period's end.
    pub ever_employed: Split,
    /// A job that counted and ran some day of the period.
    pub in_work: Split,
    /// Those in work, by the hours a week of their job.
    pub hours: Vec<(HoursBand, Split)>,
    /// For each who moved into work: days from entering DV to the job's start.
    pub days_to_first_job: Vec<u32>,
    /// For each with förlängt stöd in the period: months in work while it lasted.
    pub months_with_support: Vec<u32>,
}

impl WorkOutcomes {
    /// Moved into paid work, of those out of work at the start.
    pub fn employment_rate(&self) -> Share {
        Share { count: self.into_work.total(), of: self.out_of_work_at_start.total() }
    }

    /// In work 20 hours a week or more, of all in work.
    pub fn at_least_20_hours(&self) -> Share {
        let count = self.hours.iter().filter(|(band, _)| band.at_least_20()).map(|(_, s)| s.total()).sum();
        Share { count, of: self.in_work.total() }
    }

    pub fn median_days_to_first_job(&self) -> Option<u32> {
        median(&self.days_to_first_job)
    }

    pub fn median_months_with_support(&self) -> Option<u32> {
        median(&self.months_with_support)
    }
}

/// The middle value in whole numbers (the middle two's mean, rounded half
/// up); `None` of nothing.
pub fn median(values: &[u32]) -> Option<u32> {
    let mut values = values.to_vec();
    values.sort_unstable();
    let n = values.len();
    if n == 0 {
        None
    } else if n.is_multiple_of(2) {
        Some((values[n / 2 - 1] + values[n / 2]).div_ceil(2))
    } else {
        Some(values[n / 2])
    }
}

/// The report's tables for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tables {
    pub participants: Split,
    /// Age on the period's last day.
    pub age: Vec<(AgeBand, Split)>,
    pub form_at_entry: Vec<(DvForm, Split)>,
    pub benefit_at_entry: Vec<(BenefitKind, Split)>,
    /// Steps, not people: one participant may take several.
    pub dv_steps: Vec<(DvStep, Split)>,
    /// People with a GK within the period.
    pub assessments_held: Split,
    /// People with a GK booked after the period and none within it.
    pub assessments_planned: Split,
    pub discharges: Vec<(DischargeOutcome, Split)>,
    pub not_discharged: Split,
    /// Discharged towards work, of everyone in the period ("17 av 32").
    pub towards_work_of_all: Share,
    /// The same, of those discharged in the period ("17 av 23").
    pub towards_work_of_discharged: Share,
    /// Each calendar year of the period (and road) in which someone left towards work.
    pub leaving_by_year: Vec<LeavingYear>,
    pub roads: Vec<RoadFigures>,
    pub work: WorkOutcomes,
}

impl Tables {
    /// Every step within DV together.
    pub fn dv_steps_total(&self) -> Split {
        sum(self.dv_steps.iter().map(|(_, s)| *s))
    }

    pub fn discharged_total(&self) -> Split {
        sum(self.discharges.iter().map(|(_, s)| *s))
    }
}

fn sum(splits: impl Iterator<Item = Split>) -> Split {
    splits.fold(Split::default(), |a, b| Split {
        women: a.women + b.women,
        men: a.men + b.men,
        other: a.other + b.other,
    })
}

/// Counts one split per code of `all`, for what `pick` says of each participant.
fn by_code<T: Copy + PartialEq>(all: &[T], people: &[&Facts], pick: impl Fn(&Facts) -> Vec<T>) -> Vec<(T, Split)> {
    let mut rows: Vec<(T, Split)> = all.iter().map(|&code| (code, Split::default())).collect();
    for person in people {
        for code in pick(person) {
            if let Some((_, split)) = rows.iter_mut().find(|(c, _)| *c == code) {
                split.add(person.gender);
            }
        }
    }
    rows
}

pub fn tables(facts: &[Facts], period: Period) -> Tables {
    let people: Vec<&Facts> = facts.iter().filter(|f| f.in_period(period)).collect();
    let mut tables = Tables {
        participants: Split::default(),
        age: by_code(AgeBand::ALL, &people, |f| vec![AgeBand::of(f.born, period.until)]),
        form_at_entry: by_code(DvForm::ALL, &people, |f| vec![f.form_at_entry]),
        benefit_at_entry: by_code(BenefitKind::ALL, &people, |f| vec![f.benefit_at_entry]),
        dv_steps: by_code(DvStep::ALL, &people, |f| {
            f.dv_steps.iter().filter(|(on, _)| period.contains(*on)).map(|(_, step)| *step).collect()
        }),
        assessments_held: Split::default(),
        assessments_planned: Split::default(),
        discharges: by_code(DischargeOutcome::ALL, &people, |f| f.discharged_in(period).into_iter().collect()),
        not_discharged: Split::default(),
        towards_work_of_all: Share { count: 0, of: 0 },
        towards_work_of_discharged: Share { count: 0, of: 0 },
        leaving_by_year: Vec::new(),
        roads: Road::ALL
            .iter()
            .map(|&road| RoadFigures { road, participants: 0, moved_up: 0, towards_work: 0 })
            .collect(),
        work: WorkOutcomes {
            out_of_work_at_start: Split::default(),
            into_work: Split::default(),
            ever_employed: Split::default(),
            in_work: Split::default(),
            hours: by_code(HoursBand::ALL, &people, |f| {
                f.job_in(period).map(|job| HoursBand::of(job.hours_per_week.get())).into_iter().collect()
            }),
            days_to_first_job: people.iter().filter_map(|f| f.days_to_first_job(period)).collect(),
            months_with_support: people.iter().filter_map(|f| f.months_in_work_with_support(period)).collect(),
        },
    };
    let mut towards = 0;
    for person in &people {
        tables.participants.add(person.gender);
        if person.assessments.iter().any(|on| period.contains(*on)) {
            tables.assessments_held.add(person.gender);
        } else if person.assessments.iter().any(|on| *on > period.until) {
            tables.assessments_planned.add(person.gender);
        }
        if person.discharged.is_none_or(|(on, _)| on > period.until) {
            tables.not_discharged.add(person.gender);
        }
        let work = &mut tables.work;
        if !person.in_work_at_start(period) {
            work.out_of_work_at_start.add(person.gender);
        }
        if person.first_job_in(period).is_some() {
            work.into_work.add(person.gender);
        }
        if person.employments.iter().any(|e| e.counts_from().is_some_and(|d| d <= period.until)) {
            work.ever_employed.add(person.gender);
        }
        if person.job_in(period).is_some() {
            work.in_work.add(person.gender);
        }
        let gone_to_work = person.discharged_in(period).is_some_and(towards_work);
        if gone_to_work {
            towards += 1;
        }
        if let Some(road) = tables.roads.iter_mut().find(|r| r.road == person.road) {
            road.participants += 1;
            road.moved_up += u32::from(person.moved_up_in(period));
            road.towards_work += u32::from(gone_to_work);
        }
        if let Some((on, leaving)) =
            person.discharged.filter(|(on, _)| period.contains(*on)).and_then(|(on, o)| Some((on, Leaving::of(o)?)))
        {
            let at = match tables.leaving_by_year.iter().position(|y| y.year == on.year() && y.road == person.road) {
                Some(at) => at,
                None => {
                    tables.leaving_by_year.push(LeavingYear {
                        year: on.year(),
                        road: person.road,
                        counts: vec![0; Leaving::ALL.len()],
                    });
                    tables.leaving_by_year.len() - 1
                }
            };
            if let Some(i) = Leaving::ALL.iter().position(|l| *l == leaving) {
                tables.leaving_by_year[at].counts[i] += 1;
            }
        }
    }
    tables.leaving_by_year.sort_by_key(|y| (y.year, Road::ALL.iter().position(|r| *r == y.road)));
    tables.towards_work_of_all = Share { count: towards, of: tables.participants.total() };
    tables.towards_work_of_discharged = Share { count: towards, of: tables.discharged_total().total() };
    tables
}

/// One round of the work-preparation programme that started in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundFigures {
    pub name: String,
    pub starts_on: NaiveDate,
    /// Seats offered.
    pub seats: u32,
    /// People who got a seat (whether they stayed or not).
    pub seated: u32,
    /// People on its waiting list now.
    pub waiting: u32,
    /// Attendance marks set at its sessions, and how many of them "present".
    pub marked: u32,
    pub present: u32,
}

/// The programme in a period: its rounds, and the days each seat taken in
/// the period was waited for since the person's interest was registered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub rounds: Vec<RoundFigures>,
    pub waits_in_days: Vec<u32>,
}

impl Programme {
    /// Present of all marks set, across the rounds.
    pub fn attendance(&self) -> Share {
        Share { count: self.rounds.iter().map(|r| r.present).sum(), of: self.rounds.iter().map(|r| r.marked).sum() }
    }

    /// The median wait in whole days (the middle two's mean, rounded half up);
    /// `None` when no one got a seat after an interest.
    pub fn median_wait(&self) -> Option<u32> {
        median(&self.waits_in_days)
    }
}

/// Each seat's wait: from the person's latest interest registered before the
/// seat to the seat. `interests` and `seats` are (person, day); a seat with no
/// interest before it (staff enrolled them straight away) has no wait.
pub fn waits(interests: &[(i64, NaiveDate)], seats: &[(i64, NaiveDate)]) -> Vec<u32> {
    seats
        .iter()
        .filter_map(|&(person, seated_on)| {
            let asked = interests.iter().filter(|&&(p, on)| p == person && on <= seated_on).map(|&(_, on)| on).max()?;
            u32::try_from((seated_on - asked).num_days()).ok()
        })
        .collect()
}

/// A cell of a table that leaves the unit: the count, "<5" when it could
/// point out a person (official statistics' small-number protection), or
/// hidden so that a "<5" cannot be found from the sum (not itself small).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    Shown(u32),
    Small,
    Hidden,
}

impl Cell {
    pub const fn is_shown(self) -> bool {
        matches!(self, Self::Shown(_))
    }
}

/// The cells of one row whose parts add up to a total shown beside them
/// (`parts` then the total last); see [`suppress`].
pub fn suppress_row(parts: &[u32]) -> Vec<Cell> {
    let mut row = parts.to_vec();
    row.push(parts.iter().sum());
    suppress(&[row], true, false).into_iter().next().unwrap_or_default()
}

/// Suppresses the small counts of a table that leaves the unit. With
/// `row_totals` each row's last count is the sum of the others; with
/// `total_row` the last row is the sum of the rows above. A count of 1-4 is
/// hidden, and then, in every such sum (a row or a column) where only one cell
/// is hidden, the smallest other non-zero count is hidden too (the total only
/// when no part is left), until none is: a hidden count can then not be found
/// by subtracting the shown ones from their total. Zero is no one: it is
/// shown. (The "secondary suppression" of official statistics, by its simple
/// rule; it does not guard against every combination of several tables.)
pub fn suppress(grid: &[Vec<u32>], row_totals: bool, total_row: bool) -> Vec<Vec<Cell>> {
    let small = |n: u32| (1..=4).contains(&n);
    let mut hidden: Vec<Vec<bool>> = grid.iter().map(|row| row.iter().map(|&n| small(n)).collect()).collect();
    // Each sum as its cells, the total last.
    let mut lines: Vec<Vec<(usize, usize)>> = Vec::new();
    if row_totals {
        lines.extend(grid.iter().enumerate().map(|(i, row)| (0..row.len()).map(|j| (i, j)).collect()));
    }
    if total_row {
        let width = grid.iter().map(Vec::len).min().unwrap_or(0);
        lines.extend((0..width).map(|j| (0..grid.len()).map(|i| (i, j)).collect()));
    }
    loop {
        let mut changed = false;
        for line in &lines {
            if line.iter().filter(|&&(i, j)| hidden[i][j]).count() != 1 {
                continue;
            }
            let Some((&total, parts)) = line.split_last() else { continue };
            let shown = |&&(i, j): &&(usize, usize)| !hidden[i][j] && grid[i][j] > 0;
            let partner = parts.iter().filter(shown).min_by_key(|&&(i, j)| grid[i][j]).copied();
            if let Some((i, j)) = partner.or_else(|| [total].iter().find(shown).copied()) {
                hidden[i][j] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    grid.iter()
        .zip(hidden)
        .map(|(row, hide)| {
            row.iter()
                .zip(hide)
                .map(|(&n, h)| match (small(n), h) {
                    (true, _) => Cell::Small,
                    (false, true) => Cell::Hidden,
                    (false, false) => Cell::Shown(n),
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use BenefitKind::{ActivityCompensation as AE, NoBenefit, SicknessCompensation as SE};
    use DischargeOutcome as Out;
    use DvForm::{Group, IndividualPlacement as Ep};
    use Gender::{Man, Woman};

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The project ran from April 2020 to 31 March 2022.
    fn project() -> Period {
        Period::new(day("2020-04-01"), day("2022-03-31")).unwrap()
    }

    /// Hands out, person by person, the answers of the report's tables: each
    /// list is (women, men) and is taken from the front as people are made.
    struct Deal {
        left: [u32; 2],
    }

    impl Deal {
        fn take(&mut self, gender: Gender) -> bool {
            let i = usize::from(gender == Man);
            let take = self.left[i] > 0;
            if take {
                self.left[i] -= 1;
            }
            take
        }
    }

    /// 32 people made to the report's tables (final report, 2022-03-31): 12
    /// women and 20 men; 19 in a group and 13 at enskild plats at entry; 29
    /// AE, 2 SE, 1 without benefit; 19 steps within DV (6/4/1/8); 22 with GK
    /// held and 3 planned; discharged 15 to förstärkt samarbete, 1 to work, 1
    /// to studies, 5 back to DV, and 9 not yet. The report's discharge table
    /// adds up to 31 while its text says 23 of 32 were discharged: the 32nd
    /// is discharged here as job seeking, an outcome the table has no row for.
    fn the_report() -> Vec<Facts> {
        let mut form_group = Deal { left: [8, 11] };
        let mut benefit_se = Deal { left: [1, 1] };
        let mut benefit_none = Deal { left: [1, 0] };
        let mut held = Deal { left: [8, 14] };
        let mut planned = Deal { left: [2, 1] };
        let mut steps: Vec<(DvStep, Deal)> = vec![
            (DvStep::GroupToPlacement, Deal { left: [3, 3] }),
            (DvStep::PlacementToPlacement, Deal { left: [1, 3] }),
            (DvStep::GroupToGroup, Deal { left: [0, 1] }),
            (DvStep::MoreHours, Deal { left: [4, 4] }),
        ];
        let mut outcomes: Vec<(Option<Out>, Deal)> = vec![
            (Some(Out::EnhancedCollaboration), Deal { left: [5, 10] }),
            (Some(Out::Employment), Deal { left: [1, 0] }),
            (Some(Out::Studies), Deal { left: [0, 1] }),
            (Some(Out::BackToDv), Deal { left: [2, 3] }),
            (Some(Out::JobSeeking), Deal { left: [0, 1] }),
            (None, Deal { left: [4, 5] }),
        ];
        (0..32)
            .map(|i| {
                let gender = if i < 12 { Woman } else { Man };
                let entered_on = day("2020-04-01") + chrono::Days::new(i * 7);
                let form_at_entry = if form_group.take(gender) { Group } else { Ep };
                let benefit_at_entry = if benefit_se.take(gender) {
                    SE
                } else if benefit_none.take(gender) {
                    NoBenefit
                } else {
                    AE
                };
                let dv_steps = steps
                    .iter_mut()
                    .filter_map(|(step, deal)| deal.take(gender).then_some((day("2021-02-01"), *step)))
                    .collect();
                let assessments = if held.take(gender) {
                    vec![day("2021-06-01")]
                } else if planned.take(gender) {
                    vec![day("2022-05-10")]
                } else {
                    vec![]
                };
                let outcome = outcomes.iter_mut().find_map(|(o, deal)| deal.take(gender).then_some(*o)).unwrap();
                Facts {
                    gender: Some(gender),
                    born: None,
                    road: Road::AfFk,
                    entered_on,
                    form_at_entry,
                    benefit_at_entry,
                    dv_steps,
                    assessments,
                    discharged: outcome.map(|o| (day("2022-01-14"), o)),
                    ladder_moves: Vec::new(),
                    employments: Vec::new(),
                    extended_support: Vec::new(),
                }
            })
            .collect()
    }

    fn split(women: u32, men: u32) -> Split {
        Split { women, men, other: 0 }
    }

    fn row<T: Copy + PartialEq + std::fmt::Debug>(rows: &[(T, Split)], code: T) -> Split {
        rows.iter().find(|(c, _)| *c == code).map(|(_, s)| *s).unwrap()
    }

    fn job(starts_on: &str, ends_on: Option<&str>, hours: u8) -> Employment {
        Employment {
            starts_on: day(starts_on),
            ends_on: ends_on.map(day),
            hours_per_week: crate::domain::HoursPerWeek::new(hours).unwrap(),
            employer: crate::domain::EmployerKind::Private,
        }
    }

    fn person(gender: Gender, entered_on: &str, employments: Vec<Employment>) -> Facts {
        Facts {
            gender: Some(gender),
            born: None,
            road: Road::AfFk,
            entered_on: day(entered_on),
            form_at_entry: Group,
            benefit_at_entry: AE,
            dv_steps: vec![],
            assessments: vec![],
            discharged: None,
            ladder_moves: vec![],
            employments,
            extended_support: vec![],
        }
    }

    /// Six people in 2026, each answer worked out by hand.
    #[test]
    fn work_outcomes_as_supported_employment_counts_them() {
        let year = Period::new(day("2026-01-01"), day("2026-12-31")).unwrap();
        let people = vec![
            // Out of work at entry; a job of 20 hours from Monday 2 March, 274 days after entry.
            person(Woman, "2025-06-01", vec![job("2026-03-02", None, 20)]),
            // A job that ended on its first day, after 2 paid hours: no job yet.
            person(Man, "2026-02-02", vec![job("2026-04-06", Some("2026-04-06"), 10)]),
            // In work since 2025 (30 hours), with förlängt stöd for its first 12 months.
            Facts {
                extended_support: vec![(day("2025-05-05"), day("2026-05-04"))],
                ..person(Man, "2024-01-01", vec![job("2025-05-05", None, 30)])
            },
            // No job.
            person(Woman, "2026-01-10", vec![]),
            // 5 hours a week from Monday 2 November: the fourth hour on Thursday; 670 days after entry.
            person(Man, "2025-01-01", vec![job("2026-11-02", None, 5)]),
            // 2 hours a week from New Year's Eve: the fourth hour comes in 2027.
            person(Woman, "2025-01-01", vec![job("2026-12-31", None, 2)]),
        ];
        let work = tables(&people, year).work;
        assert_eq!(work.out_of_work_at_start, split(3, 2));
        assert_eq!(work.into_work, split(1, 1));
        assert_eq!(work.employment_rate(), Share { count: 2, of: 5 });
        assert_eq!(work.employment_rate().per_cent(), Some(EMPLOYMENT_RATE_BENCHMARK));
        assert_eq!(work.ever_employed, split(1, 2));
        assert_eq!(work.in_work, split(1, 2));
        assert_eq!(row(&work.hours, HoursBand::Under10), split(0, 1));
        assert_eq!(row(&work.hours, HoursBand::From10), split(0, 0));
        assert_eq!(row(&work.hours, HoursBand::From20), split(1, 0));
        assert_eq!(row(&work.hours, HoursBand::From30), split(0, 1));
        assert_eq!(work.at_least_20_hours(), Share { count: 2, of: 3 });
        assert_eq!(work.days_to_first_job, vec![274, 670]);
        assert_eq!(work.median_days_to_first_job(), Some(472));
        assert_eq!(work.months_with_support, vec![12]);

        // The same people, one at a time, in the per-person list.
        let first = people[0].counted(year).unwrap();
        assert!(first.into_work && first.days_to_first_job == Some(274) && first.job_hours == Some(20));
        let third = people[2].counted(year).unwrap();
        assert!(!third.into_work && third.days_to_first_job.is_none() && third.job_hours == Some(30));

        // The first half of 2026: only the first has moved into work by then;
        // the third's support ran 4 May 2025 to 4 May 2026, in work throughout.
        let half = Period::new(day("2026-01-01"), day("2026-06-30")).unwrap();
        let work = tables(&people, half).work;
        assert_eq!(work.employment_rate(), Share { count: 1, of: 5 });
        assert_eq!(work.months_with_support, vec![12]);
        // To the end of 2025: the support's first 241 days are about 8 months.
        let before = Period::new(day("2025-01-01"), day("2025-12-31")).unwrap();
        assert_eq!(tables(&people, before).work.months_with_support, vec![8]);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[5, 1, 3]), Some(3));
        assert_eq!(median(&[4, 1, 3, 10]), Some(4), "the middle two's mean, 3.5, rounded up");
    }

    #[test]
    fn the_final_reports_tables_come_out_as_the_report_counted_them() {
        let t = tables(&the_report(), project());
        assert_eq!(t.participants, split(12, 20));
        assert_eq!(row(&t.form_at_entry, Group), split(8, 11));
        assert_eq!(row(&t.form_at_entry, Ep), split(4, 9));
        assert_eq!(row(&t.benefit_at_entry, AE), split(10, 19));
        assert_eq!(row(&t.benefit_at_entry, SE), split(1, 1));
        assert_eq!(row(&t.benefit_at_entry, BenefitKind::SocialAssistance), split(0, 0));
        assert_eq!(row(&t.benefit_at_entry, NoBenefit), split(1, 0));
        assert_eq!(t.dv_steps_total(), split(8, 11));
        assert_eq!(row(&t.dv_steps, DvStep::GroupToPlacement), split(3, 3));
        assert_eq!(row(&t.dv_steps, DvStep::PlacementToPlacement), split(1, 3));
        assert_eq!(row(&t.dv_steps, DvStep::GroupToGroup), split(0, 1));
        assert_eq!(row(&t.dv_steps, DvStep::MoreHours), split(4, 4));
        assert_eq!(t.assessments_held, split(8, 14));
        assert_eq!(t.assessments_planned, split(2, 1));
        assert_eq!(row(&t.discharges, Out::EnhancedCollaboration), split(5, 10));
        assert_eq!(row(&t.discharges, Out::Employment), split(1, 0));
        assert_eq!(row(&t.discharges, Out::Studies), split(0, 1));
        assert_eq!(row(&t.discharges, Out::BackToDv), split(2, 3));
        assert_eq!(t.not_discharged, split(4, 5));
        assert_eq!(t.towards_work_of_all, Share { count: 17, of: 32 });
        assert_eq!(t.towards_work_of_all.per_cent(), Some(53));
        assert_eq!(t.towards_work_of_discharged, Share { count: 17, of: 23 });
        assert_eq!(t.towards_work_of_discharged.per_cent(), Some(74));
    }

    #[test]
    fn a_period_counts_who_was_there_and_what_happened_within_it() {
        let facts = the_report();
        // The first project year: the discharges (January 2022) and the GK
        // (June 2021) had not happened; everyone who entered by then counts.
        let first_year = Period::new(day("2020-04-01"), day("2021-03-31")).unwrap();
        let t = tables(&facts, first_year);
        assert_eq!(t.participants.total(), 32);
        assert_eq!(t.discharged_total().total(), 0);
        assert_eq!(t.not_discharged.total(), 32);
        assert_eq!(t.assessments_held.total(), 0);
        assert_eq!(t.assessments_planned.total(), 25, "booked after the period, none within it");
        assert_eq!(t.dv_steps_total().total(), 19, "the steps of February 2021");
        assert_eq!(t.towards_work_of_discharged.per_cent(), None, "no one discharged: no share");
        // After the project: only those not yet discharged remain.
        let after = Period::new(day("2022-04-01"), day("2022-12-31")).unwrap();
        assert_eq!(tables(&facts, after).participants, split(4, 5));
        // The day someone enters is in the period; a discharge the day before it is not.
        let one = Facts { discharged: Some((day("2022-03-31"), Out::Studies)), ..facts[0].clone() };
        assert!(one.in_period(Period::new(day("2022-03-31"), day("2022-04-30")).unwrap()));
        assert!(!one.in_period(Period::new(day("2022-04-01"), day("2022-04-30")).unwrap()));
        assert_eq!(Period::new(day("2022-04-02"), day("2022-04-01")), None);
    }

    #[test]
    fn a_change_within_dv_counts_as_the_steps_the_report_counted() {
        use DvStep::*;
        assert_eq!(DvStep::of_change(Group, Ep, 20, 20, false), vec![GroupToPlacement]);
        assert_eq!(DvStep::of_change(Group, Ep, 20, 30, true), vec![GroupToPlacement, MoreHours]);
        assert_eq!(DvStep::of_change(Ep, Ep, 30, 30, true), vec![PlacementToPlacement]);
        assert_eq!(DvStep::of_change(Ep, Ep, 30, 30, false), vec![]);
        assert_eq!(DvStep::of_change(Group, Group, 20, 20, true), vec![GroupToGroup]);
        assert_eq!(DvStep::of_change(Group, Group, 20, 25, false), vec![MoreHours]);
        assert_eq!(DvStep::of_change(Ep, Group, 30, 20, true), vec![], "back to a group is no step");
        assert_eq!(DvStep::of_change(Group, Group, 25, 20, false), vec![]);
    }

    #[test]
    fn each_persons_line_adds_up_to_the_tables() {
        let facts = the_report();
        let t = tables(&facts, project());
        let lines: Vec<Counted> = facts.iter().filter_map(|f| f.counted(project())).collect();
        assert_eq!(lines.len() as u32, t.participants.total());
        assert_eq!(lines.iter().filter(|c| c.towards_work).count() as u32, t.towards_work_of_all.count);
        assert_eq!(lines.iter().map(|c| c.dv_steps.len() as u32).sum::<u32>(), t.dv_steps_total().total());
        assert_eq!(lines.iter().filter(|c| c.assessment_held).count() as u32, t.assessments_held.total());
        assert_eq!(lines.iter().filter(|c| c.assessment_planned).count() as u32, t.assessments_planned.total());
        assert_eq!(lines.iter().filter(|c| c.discharged.is_some()).count() as u32, t.discharged_total().total());
        let after = Period::new(day("2022-04-01"), day("2022-12-31")).unwrap();
        assert_eq!(facts.iter().filter_map(|f| f.counted(after)).count(), 9, "only the not yet discharged");
    }

    #[test]
    fn age_is_counted_on_the_periods_last_day() {
        let on = day("2026-06-30");
        assert_eq!(AgeBand::of(Some(day("2001-07-01")), on), AgeBand::Under25, "24 until the next day");
        assert_eq!(AgeBand::of(Some(day("2001-06-30")), on), AgeBand::From25, "25 on the day");
        assert_eq!(AgeBand::of(Some(day("1986-12-31")), on), AgeBand::From30);
        assert_eq!(AgeBand::of(Some(day("1977-01-01")), on), AgeBand::From40);
        assert_eq!(AgeBand::of(Some(day("1976-06-30")), on), AgeBand::From50);
        assert_eq!(AgeBand::of(None, on), AgeBand::Unknown);
        let mut facts = the_report();
        facts[0].born = Some(day("2000-01-01"));
        facts[1].born = Some(day("1960-01-01"));
        let t = tables(&facts, project());
        assert_eq!(row(&t.age, AgeBand::Under25), split(1, 0));
        assert_eq!(row(&t.age, AgeBand::From50), split(1, 0));
        assert_eq!(row(&t.age, AgeBand::Unknown), split(10, 20));
    }

    #[test]
    fn leaving_dv_is_counted_per_year_and_road_and_the_roads_side_by_side() {
        let mut facts = the_report();
        // Two of those discharged to förstärkt samarbete went the ASF road;
        // one of them in 2021, and one ASF participant left for an ASF measure.
        facts[0].road = Road::Asf;
        facts[1].road = Road::Asf;
        facts[1].discharged = Some((day("2021-11-30"), Out::LabourMarketMeasure));
        facts[2].ladder_moves = vec![
            (day("2020-04-15"), None, LadderStep::GroupActivity),
            (day("2021-03-01"), Some(LadderStep::GroupActivity), LadderStep::IndividualPlacement),
        ];
        // Down a rung, and back to DV: no step up.
        facts[3].ladder_moves =
            vec![(day("2021-03-01"), Some(LadderStep::IndividualPlacement), LadderStep::GroupActivity)];
        facts[4].ladder_moves = vec![(day("2021-03-01"), Some(LadderStep::JointAssessment), LadderStep::BackToDv)];
        facts[5].ladder_moves =
            vec![(day("2021-03-01"), Some(LadderStep::EnhancedCollaboration), LadderStep::Employment)];
        let t = tables(&facts, project());
        let year = |y: i32, road: Road| {
            t.leaving_by_year.iter().find(|l| l.year == y && l.road == road).map(|l| l.counts.clone())
        };
        // Studies, work, förstärkt samarbete, ASF measure.
        assert_eq!(year(2021, Road::Asf), Some(vec![0, 0, 0, 1]));
        assert_eq!(year(2022, Road::Asf), Some(vec![0, 0, 1, 0]));
        assert_eq!(year(2022, Road::AfFk), Some(vec![1, 1, 13, 0]));
        assert_eq!(year(2021, Road::AfFk), None, "no row for a year no one left");
        assert_eq!(t.leaving_by_year.len(), 3);
        let road = |r: Road| t.roads.iter().find(|f| f.road == r).cloned().unwrap();
        assert_eq!(road(Road::Asf), RoadFigures { road: Road::Asf, participants: 2, moved_up: 0, towards_work: 2 });
        assert_eq!(road(Road::AfFk), RoadFigures { road: Road::AfFk, participants: 30, moved_up: 2, towards_work: 15 });
        // The same moves outside the period count for nothing.
        let later = Period::new(day("2022-02-01"), day("2022-03-31")).unwrap();
        assert!(tables(&facts, later).roads.iter().all(|r| r.moved_up == 0));
    }

    #[test]
    fn the_programme_counts_attendance_and_the_median_wait() {
        let round = |marked, present| RoundFigures {
            name: "Omgång".into(),
            starts_on: day("2026-02-02"),
            seats: 8,
            seated: 8,
            waiting: 2,
            marked,
            present,
        };
        let p = Programme { rounds: vec![round(40, 30), round(10, 9)], waits_in_days: vec![30, 2, 14] };
        assert_eq!(p.attendance(), Share { count: 39, of: 50 });
        assert_eq!(p.attendance().per_cent(), Some(78));
        assert_eq!(p.median_wait(), Some(14));
        assert_eq!(Programme { waits_in_days: vec![3, 10, 2, 7], ..p.clone() }.median_wait(), Some(5), "(3 + 7) / 2");
        assert_eq!(Programme { waits_in_days: vec![3, 4], ..p.clone() }.median_wait(), Some(4), "half up");
        assert_eq!(Programme::default().median_wait(), None);
        assert_eq!(Programme::default().attendance().per_cent(), None);
        // The latest interest before the seat counts; a seat without one has no wait.
        let interests = [(1, day("2026-01-01")), (1, day("2026-03-01")), (2, day("2026-05-01"))];
        let seats = [(1, day("2026-03-15")), (2, day("2026-04-01")), (3, day("2026-04-01"))];
        assert_eq!(waits(&interests, &seats), vec![14]);
    }

    #[test]
    fn small_numbers_are_suppressed_so_that_no_one_can_be_subtracted_out() {
        use Cell::{Hidden, Shown, Small};
        // Nothing small: all shown, the total last.
        assert_eq!(suppress_row(&[5, 10]), vec![Shown(5), Shown(10), Shown(15)]);
        // One small part: the smallest other non-zero part goes with it.
        assert_eq!(suppress_row(&[8, 3, 20]), vec![Hidden, Small, Shown(20), Shown(31)]);
        // Two small parts hide each other.
        assert_eq!(suppress_row(&[2, 4, 9]), vec![Small, Small, Shown(9), Shown(15)]);
        // Zero is no one: shown, and never the partner that hides a small count.
        assert_eq!(suppress_row(&[0, 3, 7]), vec![Shown(0), Small, Hidden, Shown(10)]);
        // A small total is suppressed too.
        assert_eq!(suppress_row(&[1, 0, 0]), vec![Small, Shown(0), Shown(0), Small]);
        assert_eq!(suppress_row(&[0, 0]), vec![Shown(0), Shown(0), Shown(0)]);
        // Whatever the counts, no row shows exactly one suppressed part beside a shown total.
        for a in 0..8 {
            for b in 0..8 {
                for c in 0..8 {
                    let cells = suppress_row(&[a, b, c]);
                    let hidden = cells[..3].iter().filter(|x| !x.is_shown()).count();
                    assert!(hidden != 1 || !cells[3].is_shown(), "{a} {b} {c}: {cells:?}");
                    for (cell, n) in cells.iter().zip([a, b, c, a + b + c]) {
                        assert_eq!(*cell == Small, (1..=4).contains(&n), "{a} {b} {c}: {cells:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn down_the_columns_too_no_hidden_count_stands_alone() {
        use Cell::{Hidden, Shown, Small};
        // Form at entry by gender with a total row: the 3 women at enskild
        // plats hide the 9 men beside them, and the 8 women above them.
        let grid = vec![vec![8, 11, 19], vec![3, 9, 12], vec![11, 20, 31]];
        let cells = suppress(&grid, true, true);
        assert_eq!(cells[1], vec![Small, Hidden, Shown(12)]);
        assert_eq!(cells[0], vec![Hidden, Hidden, Shown(19)], "both columns now have one hidden");
        assert_eq!(cells[2], vec![Shown(11), Shown(20), Shown(31)]);
        // Without sums across (the roads' figures), only the columns count:
        // 32 - 30 would give the 2, so the 30 is hidden too.
        let cells = suppress(&[vec![30, 2], vec![2, 0], vec![32, 2]], false, true);
        assert_eq!(cells, vec![vec![Hidden, Small], vec![Small, Shown(0)], vec![Shown(32), Small]]);
        // Every line of every small table ends with none or two and more hidden.
        let mut seed = 7u64;
        for _ in 0..2000 {
            let mut next = |below: u64| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                u32::try_from((seed >> 33) % below).unwrap()
            };
            let (rows, cols) = (1 + next(4) as usize, 1 + next(4) as usize);
            let mut grid: Vec<Vec<u32>> = (0..rows).map(|_| (0..cols).map(|_| next(9)).collect()).collect();
            for row in &mut grid {
                row.push(row.iter().sum());
            }
            let sums: Vec<u32> = (0..=cols).map(|j| grid.iter().map(|r| r[j]).sum()).collect();
            grid.push(sums);
            let cells = suppress(&grid, true, true);
            let lines = (0..grid.len())
                .map(|i| (0..=cols).map(|j| cells[i][j]).collect::<Vec<_>>())
                .chain((0..=cols).map(|j| (0..grid.len()).map(|i| cells[i][j]).collect()));
            for line in lines {
                assert_ne!(line.iter().filter(|c| !c.is_shown()).count(), 1, "{grid:?} {cells:?}");
            }
            for (i, row) in grid.iter().enumerate() {
                for (j, &n) in row.iter().enumerate() {
                    assert_eq!(cells[i][j] == Cell::Small, (1..=4).contains(&n), "{grid:?} {cells:?}");
                    assert!(cells[i][j].is_shown() || n > 0, "zero is shown: {grid:?} {cells:?}");
                }
            }
        }
    }
}
