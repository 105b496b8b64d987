//! The staff manual: what each step on the ladder is for, who calls its
//! meeting and which consent it needs. Written from the collaboration
//! process's "förtydligande av stegen" (2022) and the municipality's 2025 model
//! for the ASF road, in the words staff use; kept here so that the manual and
//! the pages that link to it change in one place.

use crate::domain::LadderStep;

pub const TITLE: &str = "Handbok: stegen mot arbete";
pub const MENU: &str = "Handbok";
pub const INTRO: &str = "Här står vad varje steg på stegen är till för, vem som kallar till mötet och vilket samtycke \
     som behövs. Deltagaren ser bara stegen på sin egen väg, med enkla ord.";
pub const CONTENTS: &str = "Innehåll";
pub const PURPOSE: &str = "Syfte";
pub const WHO_CALLS: &str = "Vem kallar";
pub const CONSENT: &str = "Samtycke";
pub const CLOCKS_TITLE: &str = "Tiderna i övergången";
pub const CLOCKS: [&str; 4] = [
    "DV-platsen behålls i 4 veckor från den dag Arbetsförmedlingens arbetsträning börjar. Sedan avslutas platsen.",
    "Därefter kan DV-beslutet vila (avbrott i verkställighet) i 3 månader till. Arbetskonsulenten ser till att det \
     tillämpas. Den som återgår inom vilotiden behöver inte ansöka om DV på nytt.",
    "När överlämningsperioden har löpt ut meddelar arbetskonsulenten LSS-myndigheten att DV avslutas.",
    "Förlängt stöd vid anställning erbjuds i 12 månader, med skriftligt samtycke. FSF:s kontinuerliga stöd på \
     ASF-vägen ges utanför DV.",
];
pub const CLOCKS_WHERE: &str = "Datumen registreras på deltagarens sida Övergång. Det som infaller inom två veckor \
     visas under Att göra.";
pub const READ_MORE: &str = "Läs om steget i handboken";

/// The manual's parts, in the order of the ladder: every step is in exactly one.
pub const SECTIONS: [(&str, &[LadderStep]); 4] = [
    (
        "Steg inom daglig verksamhet",
        &[LadderStep::GroupActivity, LadderStep::WorkPrepProgramme, LadderStep::IndividualPlacement],
    ),
    (
        "Vägen via Arbetsförmedlingen och Försäkringskassan",
        &[LadderStep::JointAssessment, LadderStep::EnhancedCollaboration],
    ),
    (
        "Vägen via kommunens arbetsmarknadsavdelning (ASF)",
        &[LadderStep::CaseRaisedWithAsf, LadderStep::JointPlanningAsf, LadderStep::LabourMarketMeasure],
    ),
    (
        "När daglig verksamhet slutar",
        &[LadderStep::Employment, LadderStep::MunicipalEmployment, LadderStep::Studies, LadderStep::BackToDv],
    ),
];

/// The manual's explanation of one step.
pub struct StepGuide {
    pub purpose: &'static str,
    pub who_calls: &'static str,
    pub consent: &'static str,
}

/// Every step has an explanation: the match has no wildcard, so a new step
/// does not compile until the manual says what it is.
pub const fn step_guide(step: LadderStep) -> StepGuide {
    match step {
        LadderStep::GroupActivity => StepGuide {
            purpose: "Deltagaren prövar olika arbetsuppgifter i en grupp med handledare och tränar på uthållighet, \
                 att komma och gå i tid, att ringa när hen inte kan komma, fler timmar i veckan och att arbeta med \
                 andra. Efter kartläggningsmötet erbjuds studiebesök och fyra veckors praktik; fungerar det fortsätter \
                 deltagaren där, annars erbjuds en annan verksamhet.",
            who_calls: "Arbetskonsulenten kallar till kartläggningsmötet i DV när LSS-myndigheten har beviljat \
                 insatsen. Arbetskonsulent eller handledare följer upp platsen och undersöker byte vid behov.",
            consent: "Muntligt samtycke till att DV kontaktar Försäkringskassan, helst lämnat direkt till FK per \
                 telefon under kartläggningsmötet. Med samtycke får DV ta del av FK:s underlag (till exempel \
                 läkarutlåtande om hälsotillstånd).",
        },
        LadderStep::WorkPrepProgramme => StepGuide {
            purpose: "Fyra till sex träffar om 1–1,5 timmar, i grupp om 5–6 deltagare eller enskilt: kunskap om \
                 arbetslivet, vad som krävs för ett jobb, vägarna till arbetsmarknaden och reglerna för \
                 aktivitetsersättning och förstärkt samarbete. AF och FK besöker några träffar. Efter programmet \
                 revideras den gemensamma planen vid ett enskilt möte.",
            who_calls: "Arbetskonsulenten erbjuder programmet vid kartläggningsmötet eller senare i planeringen. \
                 Intresseanmälan läggs i kön på sidan Programmet.",
            consent: "Inget särskilt samtycke. Deltagaren väljer själv att vara med.",
        },
        LadderStep::IndividualPlacement => StepGuide {
            purpose: "Daglig verksamhet på en arbetsplats, med handledare för enskild plats. Studiebesök och fyra \
                 veckors praktik först. Vid byte från grupp kan deltagaren ha delad plats under övergången.",
            who_calls: "Arbetskonsulent eller handledare för enskild plats följer upp platsen. DV eller FK kallar \
                 till möte om den gemensamma planen, beroende på vem som ser behovet.",
            consent: "Inget nytt samtycke för själva platsen. Kontakt med FK bygger på samtycket från \
                 kartläggningsmötet.",
        },
        LadderStep::JointAssessment => StepGuide {
            purpose: "AF:s och FK:s gemensamma kartläggning (GK), en nationell samverkansrutin. GK 1: information om \
                 förstärkt samarbete, och deltagaren berättar om sina förutsättningar. Vid behov ett avstämningsmöte. \
                 GK 2 (och GK 3 vid behov): beslut om inskrivning i förstärkt samarbete. Utvecklingsområdena går in i \
                 genomförandeplanen.",
            who_calls: "FK inhämtar samtycke, bokar tid och kallar deltagaren och DV. Deltagaren kan själv begära en \
                 GK; DV lämnar då en impuls till handläggaren på FK. Till avstämningsmötet kallar DV, i DV:s lokal.",
            consent: "FK inhämtar deltagarens samtycke före GK. Vid GK 2: muntligt samtycke till att AF och DV har \
                 kontakt under övergången.",
        },
        LadderStep::EnhancedCollaboration => StepGuide {
            purpose: "AF/FK:s förstärkta samarbete klargör förutsättningarna för arbete (0, 25, 50, 75 eller 100 \
                 procent) och behovet av anpassningar. Under överlämningsperioden kan DV-handledaren berätta för \
                 arbetsförmedlaren om erfarenheterna från DV och följa upp på arbetsplatsen; AF kan ta över den \
                 enskilda platsen.",
            who_calls: "Arbetsförmedlaren kallar till inskrivningsmötet. När överlämningsperioden har löpt ut \
                 meddelar arbetskonsulenten LSS-myndigheten att DV avslutas.",
            consent: "Muntligt samtycke till kontakt mellan AF och DV under övergången, lämnat vid GK 2.",
        },
        LadderStep::CaseRaisedWithAsf => StepGuide {
            purpose: "Aktualisering hos ASF:s arbetsmarknadsavdelning, när en deltagare med ett arbetsinriktat mål \
                 ska ta nästa steg och har försörjningsstöd, eller när nästa steg är en kommunal \
                 arbetsmarknadsinsats. Har deltagaren ersättning från FK aktualiseras ärendet även där, och \
                 deltagaren går först igenom AF:s och FK:s samverkan där arbetsförmågan klargörs.",
            who_calls: "DV (arbetskonsulenten) aktualiserar ärendet och bokar aktualiseringsmötet med ASF.",
            consent: "Samtycke till att DV, ASF och FSF får dela uppgifter (de hör till olika nämnder, så \
                 sekretess gäller mellan dem), och till kontakt med FK när deltagaren har ersättning därifrån.",
        },
        LadderStep::JointPlanningAsf => StepGuide {
            purpose: "ASF och FSF, och vid behov FK och AF, planerar insatser via ASF tillsammans med deltagaren. \
                 Huvudmålet är anställning på den reguljära arbetsmarknaden.",
            who_calls: "ASF:s arbetsmarknadsavdelning bokar planeringen tillsammans med DV; FK och AF bjuds in vid \
                 behov.",
            consent: "Samtycket från aktualiseringen. FK och AF deltar bara med deltagarens samtycke.",
        },
        LadderStep::LabourMarketMeasure => StepGuide {
            purpose: "En arbetsmarknadsinsats genom ASF. När den börjar avslutas DV enligt lag och DV:s \
                 handledarstöd upphör; FSF ger kontinuerligt stöd utanför DV under steget och i början av en \
                 anställning.",
            who_calls: "ASF startar insatsen. Arbetskonsulenten registrerar startdatumet på sidan Övergång, \
                 meddelar LSS-myndigheten och skriver ut deltagaren med utfallet Arbetsmarknadsinsats.",
            consent: "Samtycke till att FSF ger fortsatt stöd och har kontakt med ASF.",
        },
        LadderStep::Employment => StepGuide {
            purpose: "Anställning på den reguljära arbetsmarknaden, huvudmålet på båda vägarna. Förlängt stöd i 12 \
                 månader: pedagogiska hjälpmedel på arbetsplatsen, råd och stöd vid nya arbetsuppgifter och \
                 förändringar, kontakt med arbetsgivare, kolleger och god man, och tips om annat stöd.",
            who_calls: "Arbetskonsulenten registrerar anställningen och det förlängda stödet på sidan Steg.",
            consent: "Skriftligt samtycke krävs för förlängt stöd.",
        },
        LadderStep::MunicipalEmployment => StepGuide {
            purpose: "En tidsbegränsad arbetsmarknadsanställning i kommunen, först när andra möjliga alternativ är \
                 uteslutna: det är svårt att hitta ett nytt jobb när den slutar, och en anställning kan påverka \
                 rätten till ersättning från FK.",
            who_calls: "ASF, efter en arbetsmarknadsinsats.",
            consent: "Samtycke till FSF:s fortsatta stöd under anställningen.",
        },
        LadderStep::Studies => StepGuide {
            purpose: "Deltagaren börjar studera, ofta efter förstärkt samarbete där förutsättningarna har klargjorts.",
            who_calls: "Deltagaren, med stöd av AF eller DV.",
            consent: "Inget särskilt samtycke.",
        },
        LadderStep::BackToDv => StepGuide {
            purpose: "Åter till daglig verksamhet när ingen eller bara delvis arbetsförmåga har klargjorts. Inom \
                 vilotiden behövs ingen ny ansökan; efter den ansöker deltagaren på nytt hos LSS-myndigheten.",
            who_calls: "Arbetskonsulenten registrerar återgången på sidan Övergång, eller kallar till ett nytt \
                 kartläggningsmöte efter en ny ansökan.",
            consent: "Skriftligt samtycke till att kontakta FK igen; då får DV ta del av sammanfattningen från \
                 förstärkt samarbete.",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_is_explained_in_exactly_one_part_of_the_manual() {
        for &step in LadderStep::ALL {
            let parts = SECTIONS.iter().filter(|(_, steps)| steps.contains(&step)).count();
            assert_eq!(parts, 1, "{step:?}");
            let guide = step_guide(step);
            assert!([guide.purpose, guide.who_calls, guide.consent].iter().all(|t| t.ends_with('.')), "{step:?}");
        }
    }
}
