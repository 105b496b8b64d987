//! The follow-up's figures (issue 13): the tables the source project counted by
//! hand for its final report, computed from what staff already keep. Pure: the
//! storage layer gathers one [`Facts`] per participant, and everything counted
//! here is tested against the report's own tables.
//!
//! Who counts in a period: everyone who entered DV by its last day and was not
//! discharged before its first. Steps within DV, discharges and GK are counted
//! when they fall within the period; "not yet discharged" is as of its last day.

use super::{BenefitKind, DischargeOutcome, DvForm, Gender};
use chrono::NaiveDate;
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

/// What the follow-up needs to know about one participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub gender: Option<Gender>,
    pub entered_on: NaiveDate,
    pub form_at_entry: DvForm,
    pub benefit_at_entry: BenefitKind,
    pub dv_steps: Vec<(NaiveDate, DvStep)>,
    /// The days of their gemensam kartläggning meetings that were not cancelled.
    pub assessments: Vec<NaiveDate>,
    pub discharged: Option<(NaiveDate, DischargeOutcome)>,
}

impl Facts {
    fn in_period(&self, period: Period) -> bool {
        self.entered_on <= period.until && self.discharged.is_none_or(|(on, _)| on >= period.from)
    }

    fn discharged_in(&self, period: Period) -> Option<DischargeOutcome> {
        self.discharged.filter(|(on, _)| period.contains(*on)).map(|(_, outcome)| outcome)
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

/// The report's tables for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tables {
    pub participants: Split,
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
        if person.discharged_in(period).is_some_and(towards_work) {
            towards += 1;
        }
    }
    tables.towards_work_of_all = Share { count: towards, of: tables.participants.total() };
    tables.towards_work_of_discharged = Share { count: towards, of: tables.discharged_total().total() };
    tables
}

/// A cell of a table that leaves the unit: the count, or "<5" when it could
/// point out a person (official statistics' small-number protection).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cell {
    Shown(u32),
    Suppressed,
}

/// The cells of one row whose parts add up to a total shown beside them
/// (`parts` then the total last): counts of 1-4 are suppressed, and when only
/// one part is, the smallest other non-zero part is too, so it cannot be
/// found by subtracting from the total.
pub fn suppress_row(parts: &[u32]) -> Vec<Cell> {
    let total: u32 = parts.iter().sum();
    let small = |n: u32| (1..=4).contains(&n);
    let mut cells: Vec<Cell> =
        parts.iter().map(|&n| if small(n) { Cell::Suppressed } else { Cell::Shown(n) }).collect();
    let hidden = cells.iter().filter(|c| **c == Cell::Suppressed).count();
    if hidden == 1 && !small(total) {
        let next = parts
            .iter()
            .enumerate()
            .filter(|&(i, &n)| n > 0 && cells[i] != Cell::Suppressed)
            .min_by_key(|&(_, &n)| n)
            .map(|(i, _)| i);
        if let Some(i) = next {
            cells[i] = Cell::Suppressed;
        }
    }
    cells.push(if small(total) { Cell::Suppressed } else { Cell::Shown(total) });
    cells
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
                    entered_on,
                    form_at_entry,
                    benefit_at_entry,
                    dv_steps,
                    assessments,
                    discharged: outcome.map(|o| (day("2022-01-14"), o)),
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
    fn small_numbers_are_suppressed_so_that_no_one_can_be_subtracted_out() {
        use Cell::{Shown, Suppressed};
        // Nothing small: all shown, the total last.
        assert_eq!(suppress_row(&[5, 10]), vec![Shown(5), Shown(10), Shown(15)]);
        // One small part: the smallest other non-zero part goes with it.
        assert_eq!(suppress_row(&[8, 3, 20]), vec![Suppressed, Suppressed, Shown(20), Shown(31)]);
        // Two small parts hide each other.
        assert_eq!(suppress_row(&[2, 4, 9]), vec![Suppressed, Suppressed, Shown(9), Shown(15)]);
        // Zero is no one: shown, and never the partner that hides a small count.
        assert_eq!(suppress_row(&[0, 3, 7]), vec![Shown(0), Suppressed, Suppressed, Shown(10)]);
        // A small total is suppressed too.
        assert_eq!(suppress_row(&[1, 0, 0]), vec![Suppressed, Shown(0), Shown(0), Suppressed]);
        assert_eq!(suppress_row(&[0, 0]), vec![Shown(0), Shown(0), Shown(0)]);
        // Whatever the counts, no row shows exactly one suppressed part beside a shown total.
        for a in 0..8 {
            for b in 0..8 {
                for c in 0..8 {
                    let cells = suppress_row(&[a, b, c]);
                    let hidden = cells[..3].iter().filter(|x| **x == Suppressed).count();
                    assert!(hidden != 1 || cells[3] == Suppressed, "{a} {b} {c}: {cells:?}");
                    for (cell, n) in cells.iter().zip([a, b, c, a + b + c]) {
                        assert!(*cell == Suppressed || !(1..=4).contains(&n), "{a} {b} {c}: {cells:?}");
                    }
                }
            }
        }
    }
}
