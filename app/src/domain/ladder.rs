//! Stegen, the ladder shown to participants, the two roads it can take, and
//! how someone leaves DV.

use crate::domain::BenefitKind;

code_enum! {
    /// Which road towards work the participant is on (domain.md, the 2025
    /// model): the AF/FK road of förstärkt samarbete, or the municipality's
    /// own labour-market road through ASF.
    pub enum Road (unknown = "Välj en väg i listan.") {
        AfFk = "af_fk" => "Arbetsförmedlingen och Försäkringskassan (förstärkt samarbete)",
        Asf = "asf" => "Kommunens arbetsmarknadsavdelning (ASF)",
    }
}

impl Road {
    /// The road a benefit points to until staff choose otherwise: those on
    /// försörjningsstöd go the ASF way, everyone else the AF/FK way.
    pub const fn for_benefit(benefit: BenefitKind) -> Self {
        match benefit {
            BenefitKind::SocialAssistance => Self::Asf,
            BenefitKind::ActivityCompensation | BenefitKind::SicknessCompensation | BenefitKind::NoBenefit => {
                Self::AfFk
            }
        }
    }
}

/// Where the participant is headed: the road, and whether FK pays them a
/// benefit. On the ASF road, those with FK benefit first take part in AF/FK's
/// collaboration to clarify their work capacity (the model says so), so their
/// ladder has the GK and förstärkt samarbete before the ASF steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Way {
    pub road: Road,
    pub fk_benefit: bool,
}

impl Way {
    pub const fn new(road: Road, benefit: BenefitKind) -> Self {
        let fk_benefit = matches!(benefit, BenefitKind::ActivityCompensation | BenefitKind::SicknessCompensation);
        Self { road, fk_benefit }
    }

    /// The rungs of this way's ladder, bottom first: DV's three steps, then
    /// the road's own. Outcomes are not rungs.
    pub fn rungs(self) -> &'static [LadderStep] {
        use LadderStep::*;
        match (self.road, self.fk_benefit) {
            (Road::AfFk, _) => {
                &[GroupActivity, WorkPrepProgramme, IndividualPlacement, JointAssessment, EnhancedCollaboration]
            }
            (Road::Asf, false) => &[
                GroupActivity,
                WorkPrepProgramme,
                IndividualPlacement,
                CaseRaisedWithAsf,
                JointPlanningAsf,
                LabourMarketMeasure,
            ],
            (Road::Asf, true) => &[
                GroupActivity,
                WorkPrepProgramme,
                IndividualPlacement,
                JointAssessment,
                EnhancedCollaboration,
                CaseRaisedWithAsf,
                JointPlanningAsf,
                LabourMarketMeasure,
            ],
        }
    }

    /// The step's number on this way's ladder (1 at the bottom), `None` for
    /// outcomes and for steps of the other road.
    pub fn number(self, step: LadderStep) -> Option<u8> {
        self.rungs().iter().position(|s| *s == step).and_then(|i| u8::try_from(i + 1).ok())
    }

    /// Where someone may go next from `step` on this way (domain.md, "The
    /// ladder", the process and the 2025 model).
    ///
    /// The ladder is not strictly linear: the programme is offered in phases
    /// throughout DV, and the road's first step may be taken from any DV step.
    /// Staying put or taking a smaller step inside DV (more hours, another
    /// group) is not a ladder move. A GK leads on only to förstärkt samarbete;
    /// if it does not, the person simply stays at their DV step. A step of the
    /// other road (the road was changed) leads onto this road's first step.
    pub fn next_steps(self, step: LadderStep) -> &'static [LadderStep] {
        use LadderStep::*;
        let asf_first = self.road == Road::Asf && !self.fk_benefit;
        match step {
            GroupActivity if asf_first => &[WorkPrepProgramme, IndividualPlacement, CaseRaisedWithAsf],
            WorkPrepProgramme if asf_first => &[IndividualPlacement, CaseRaisedWithAsf],
            IndividualPlacement if asf_first => &[WorkPrepProgramme, CaseRaisedWithAsf],
            GroupActivity => &[WorkPrepProgramme, IndividualPlacement, JointAssessment],
            WorkPrepProgramme => &[IndividualPlacement, JointAssessment],
            IndividualPlacement => &[WorkPrepProgramme, JointAssessment],
            JointAssessment if asf_first => &[CaseRaisedWithAsf],
            JointAssessment => &[EnhancedCollaboration],
            // Work capacity clarified: on the ASF road the case is raised with
            // ASF next; a job or studies found through AF count as well.
            EnhancedCollaboration if self.road == Road::Asf => &[CaseRaisedWithAsf, Employment, Studies, BackToDv],
            EnhancedCollaboration => &[Employment, Studies, BackToDv],
            CaseRaisedWithAsf | JointPlanningAsf | LabourMarketMeasure if self.road == Road::AfFk => &[JointAssessment],
            CaseRaisedWithAsf => &[JointPlanningAsf],
            JointPlanningAsf => &[LabourMarketMeasure],
            // The regular labour market first; a time-limited municipal
            // employment only when other roads are ruled out.
            LabourMarketMeasure => &[Employment, MunicipalEmployment, Studies, BackToDv],
            // Back in DV: a new DV decision (or a return while it rested), in a group or a placement.
            BackToDv => &[GroupActivity, IndividualPlacement],
            Employment | Studies | MunicipalEmployment => &[],
        }
    }
}

code_enum! {
    /// A position on the ladder (DV's steps and each road's) or where it led (outcomes).
    pub enum LadderStep (unknown = "Välj ett steg i listan.") {
        GroupActivity = "group_activity" => "Daglig verksamhet i grupp med handledare",
        WorkPrepProgramme = "work_prep_programme" => "Arbetsnärmande programmet",
        IndividualPlacement = "individual_placement" => "Enskild plats",
        JointAssessment = "joint_assessment" => "Gemensam kartläggning",
        EnhancedCollaboration = "enhanced_collaboration" => "Förstärkt samarbete",
        CaseRaisedWithAsf = "case_raised_with_asf" => "Aktualisering hos ASF",
        JointPlanningAsf = "joint_planning_asf" => "Gemensam planering ASF och FSF",
        LabourMarketMeasure = "labour_market_measure" => "Arbetsmarknadsinsats genom ASF",
        Employment = "employment" => "Anställning",
        MunicipalEmployment = "municipal_employment" => "Tidsbegränsad kommunal anställning",
        Studies = "studies" => "Studier",
        BackToDv = "back_to_dv" => "Åter till daglig verksamhet",
    }
}

impl LadderStep {
    pub const fn is_outcome(self) -> bool {
        matches!(self, Self::Employment | Self::MunicipalEmployment | Self::Studies | Self::BackToDv)
    }

    /// The steps only one road has: a road's own ladder never shows the other's.
    pub const fn road(self) -> Option<Road> {
        match self {
            Self::CaseRaisedWithAsf
            | Self::JointPlanningAsf
            | Self::LabourMarketMeasure
            | Self::MunicipalEmployment => Some(Road::Asf),
            _ => None,
        }
    }
}

code_enum! {
    /// Outcome at discharge, as counted in the follow-up tables.
    pub enum DischargeOutcome (unknown = "Välj hur det gick i listan.") {
        EnhancedCollaboration = "enhanced_collaboration" => "Förstärkt samarbete",
        Employment = "employment" => "Anställning",
        Studies = "studies" => "Studier",
        BackToDv = "back_to_dv" => "Åter till daglig verksamhet",
        JobSeeking = "job_seeking" => "Arbetssökande",
        LabourMarketMeasure = "labour_market_measure" => "Arbetsmarknadsinsats genom ASF",
        MunicipalEmployment = "municipal_employment" => "Tidsbegränsad kommunal anställning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;

    const WAYS: [Way; 4] = [
        Way { road: Road::AfFk, fk_benefit: true },
        Way { road: Road::AfFk, fk_benefit: false },
        Way { road: Road::Asf, fk_benefit: true },
        Way { road: Road::Asf, fk_benefit: false },
    ];

    #[test]
    fn code_enums() {
        check_code_enum::<LadderStep>();
        check_code_enum::<DischargeOutcome>();
        check_code_enum::<Road>();
    }

    #[test]
    fn the_road_follows_the_benefit() {
        assert_eq!(Road::for_benefit(BenefitKind::SocialAssistance), Road::Asf);
        for b in [BenefitKind::ActivityCompensation, BenefitKind::SicknessCompensation, BenefitKind::NoBenefit] {
            assert_eq!(Road::for_benefit(b), Road::AfFk, "{b:?}");
        }
        assert!(Way::new(Road::Asf, BenefitKind::SicknessCompensation).fk_benefit);
        assert!(!Way::new(Road::Asf, BenefitKind::SocialAssistance).fk_benefit);
        assert!(!Way::new(Road::AfFk, BenefitKind::NoBenefit).fk_benefit);
    }

    #[test]
    fn each_way_has_its_own_rungs() {
        use LadderStep::*;
        let af = Way { road: Road::AfFk, fk_benefit: true };
        assert_eq!(
            af.rungs(),
            &[GroupActivity, WorkPrepProgramme, IndividualPlacement, JointAssessment, EnhancedCollaboration]
        );
        assert_eq!(af.number(IndividualPlacement), Some(3));
        assert_eq!(af.number(CaseRaisedWithAsf), None);
        let asf = Way { road: Road::Asf, fk_benefit: false };
        assert_eq!(asf.number(CaseRaisedWithAsf), Some(4));
        assert_eq!(asf.number(JointAssessment), None, "no GK on the ASF road without FK benefit");
        // With FK benefit, AF/FK's collaboration comes before ASF's steps.
        let asf_fk = Way { road: Road::Asf, fk_benefit: true };
        assert!(asf_fk.number(EnhancedCollaboration) < asf_fk.number(CaseRaisedWithAsf));
        for way in WAYS {
            assert_eq!(&way.rungs()[..3], &[GroupActivity, WorkPrepProgramme, IndividualPlacement]);
            for s in way.rungs() {
                assert!(!s.is_outcome());
                assert!(s.road().is_none_or(|r| r == way.road), "{way:?} shows {s:?}");
            }
        }
    }

    #[test]
    fn next_steps() {
        use LadderStep::*;
        let af = Way { road: Road::AfFk, fk_benefit: true };
        assert_eq!(af.next_steps(JointAssessment), &[EnhancedCollaboration]);
        assert_eq!(af.next_steps(EnhancedCollaboration), &[Employment, Studies, BackToDv]);
        assert!(af.next_steps(GroupActivity).contains(&IndividualPlacement));
        let asf = Way { road: Road::Asf, fk_benefit: false };
        assert!(asf.next_steps(GroupActivity).contains(&CaseRaisedWithAsf));
        assert!(!asf.next_steps(GroupActivity).contains(&JointAssessment));
        assert_eq!(asf.next_steps(CaseRaisedWithAsf), &[JointPlanningAsf]);
        assert_eq!(asf.next_steps(LabourMarketMeasure)[0], Employment, "the regular labour market first");
        let asf_fk = Way { road: Road::Asf, fk_benefit: true };
        assert!(asf_fk.next_steps(GroupActivity).contains(&JointAssessment));
        assert!(asf_fk.next_steps(EnhancedCollaboration).contains(&CaseRaisedWithAsf));
        // A step of the other road (the road was changed) leads onto this one.
        assert_eq!(af.next_steps(JointPlanningAsf), &[JointAssessment]);
        for way in WAYS {
            for s in LadderStep::ALL {
                let next = way.next_steps(*s);
                assert!(!next.contains(s), "{way:?}: {s:?} leads to itself");
                for n in next {
                    assert!(n.is_outcome() || way.rungs().contains(n), "{way:?}: {s:?} leads off the ladder to {n:?}");
                }
                // Förstärkt samarbete is reached only through a GK; a municipal
                // employment only through an ASF measure.
                if next.contains(&EnhancedCollaboration) {
                    assert_eq!(*s, JointAssessment);
                }
                if next.contains(&MunicipalEmployment) {
                    assert_eq!(*s, LabourMarketMeasure);
                }
            }
            // Every rung and an outcome are reachable from the first step.
            let mut seen = vec![GroupActivity];
            let mut i = 0;
            while i < seen.len() {
                for n in way.next_steps(seen[i]) {
                    if !seen.contains(n) {
                        seen.push(*n);
                    }
                }
                i += 1;
            }
            for r in way.rungs() {
                assert!(seen.contains(r), "{way:?}: {r:?} cannot be reached");
            }
            assert!(seen.contains(&Employment), "{way:?}");
        }
    }
}
