//! Stegen, the ladder shown to participants, and how someone leaves DV.

code_enum! {
    /// A position on the ladder (five numbered steps) or where it led (outcomes).
    pub enum LadderStep (unknown = "Välj ett steg i listan.") {
        GroupActivity = "group_activity" => "Daglig verksamhet i grupp med handledare",
        WorkPrepProgramme = "work_prep_programme" => "Arbetsnärmande programmet",
        IndividualPlacement = "individual_placement" => "Enskild plats",
        JointAssessment = "joint_assessment" => "Gemensam kartläggning",
        EnhancedCollaboration = "enhanced_collaboration" => "Förstärkt samarbete",
        Employment = "employment" => "Anställning",
        Studies = "studies" => "Studier",
        BackToDv = "back_to_dv" => "Åter till daglig verksamhet",
    }
}

impl LadderStep {
    /// The five numbered steps, in ladder order.
    pub const STEPS: [Self; 5] = [
        Self::GroupActivity,
        Self::WorkPrepProgramme,
        Self::IndividualPlacement,
        Self::JointAssessment,
        Self::EnhancedCollaboration,
    ];

    /// 1..=5 for the steps, `None` for outcomes.
    pub const fn number(self) -> Option<u8> {
        match self {
            Self::GroupActivity => Some(1),
            Self::WorkPrepProgramme => Some(2),
            Self::IndividualPlacement => Some(3),
            Self::JointAssessment => Some(4),
            Self::EnhancedCollaboration => Some(5),
            Self::Employment | Self::Studies | Self::BackToDv => None,
        }
    }

    pub fn from_number(n: u8) -> Option<Self> {
        Self::STEPS.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub const fn is_outcome(self) -> bool {
        self.number().is_none()
    }

    /// Where someone may go next (domain.md, "The ladder" and the process).
    ///
    /// The ladder is not strictly linear: the programme is offered in phases
    /// throughout DV, and a GK may be asked for from any DV step. Staying put
    /// or taking a smaller step inside DV (more hours, another group) is not a
    /// ladder move. A GK leads on only to förstärkt samarbete; if it does not,
    /// the person simply stays at their DV step.
    pub const fn next_steps(self) -> &'static [Self] {
        match self {
            Self::GroupActivity => &[Self::WorkPrepProgramme, Self::IndividualPlacement, Self::JointAssessment],
            Self::WorkPrepProgramme => &[Self::IndividualPlacement, Self::JointAssessment],
            Self::IndividualPlacement => &[Self::WorkPrepProgramme, Self::JointAssessment],
            Self::JointAssessment => &[Self::EnhancedCollaboration],
            Self::EnhancedCollaboration => &[Self::Employment, Self::Studies, Self::BackToDv],
            // Back in DV after förstärkt samarbete: a new DV decision, in a group or a placement.
            Self::BackToDv => &[Self::GroupActivity, Self::IndividualPlacement],
            Self::Employment | Self::Studies => &[],
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;

    #[test]
    fn code_enums() {
        check_code_enum::<LadderStep>();
        check_code_enum::<DischargeOutcome>();
    }

    #[test]
    fn numbers() {
        for (i, s) in LadderStep::STEPS.iter().enumerate() {
            assert_eq!(s.number(), Some(i as u8 + 1));
            assert_eq!(LadderStep::from_number(i as u8 + 1), Some(*s));
            assert!(!s.is_outcome());
        }
        assert_eq!(LadderStep::IndividualPlacement.number(), Some(3));
        assert_eq!(LadderStep::from_number(0), None);
        assert_eq!(LadderStep::from_number(6), None);
        for o in [LadderStep::Employment, LadderStep::Studies, LadderStep::BackToDv] {
            assert!(o.is_outcome());
            assert_eq!(o.number(), None);
        }
    }

    #[test]
    fn next_steps() {
        use LadderStep::*;
        assert_eq!(JointAssessment.next_steps(), &[EnhancedCollaboration]);
        assert_eq!(EnhancedCollaboration.next_steps(), &[Employment, Studies, BackToDv]);
        assert!(Employment.next_steps().is_empty());
        assert!(GroupActivity.next_steps().contains(&IndividualPlacement));
        for s in LadderStep::ALL {
            assert!(!s.next_steps().contains(s), "{s:?} leads to itself");
        }
        // Förstärkt samarbete is reached only through a GK.
        for s in LadderStep::ALL {
            if s.next_steps().contains(&EnhancedCollaboration) {
                assert_eq!(*s, JointAssessment);
            }
        }
        // Every step is reachable from the first one.
        let mut seen = vec![GroupActivity];
        let mut i = 0;
        while i < seen.len() {
            for n in seen[i].next_steps() {
                if !seen.contains(n) {
                    seen.push(*n);
                }
            }
            i += 1;
        }
        assert_eq!(seen.len(), LadderStep::ALL.len());
    }
}
