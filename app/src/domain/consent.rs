//! Consents the collaboration depends on (domain.md, "Consents").

code_enum! {
    /// How the participant gave consent. Some steps require written consent
    /// (förlängt stöd, contact with FK when returning to DV).
    pub enum ConsentMethod (unknown = "Välj muntligt eller skriftligt samtycke.") {
        Oral = "oral" => "Muntligt",
        Written = "written" => "Skriftligt",
    }
}

code_enum! {
    /// What a consent covers.
    pub enum ConsentScope (unknown = "Välj vad samtycket gäller i listan.") {
        DvFkContact = "dv_fk_contact" => "DV får kontakta Försäkringskassan",
        FkDocuments = "fk_documents" => "DV får ta del av handlingar från Försäkringskassan",
        AfDvContact = "af_dv_contact" => "Arbetsförmedlingen och DV får ha kontakt",
        ExtendedSupport = "extended_support" => "Förlängt stöd efter anställning",
        ReturnToDvFk = "return_to_dv_fk" => "Kontakt med Försäkringskassan vid återgång till DV",
        // ASF and FSF answer to different nämnder, so secrecy stands between
        // them: the ASF road starts with the participant's consent.
        DvAsfContact = "dv_asf_contact" => "DV, ASF och FSF får dela uppgifter",
        ShareWithRelative = "share_with_relative" => "Visa i appen för anhörig eller god man",
        // SUS, Finsam's national follow-up: with this, the registration names
        // the person; without it, SUS takes an anonymous registration.
        SusRegistration = "sus_registration" => "Registrering med namn i SUS (uppföljning av Finsam)",
    }
}

impl ConsentScope {
    /// The process asks for written consent for these (domain.md, steps 12-13).
    pub const fn requires_written(self) -> bool {
        matches!(self, Self::ExtendedSupport | Self::ReturnToDvFk | Self::SusRegistration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;

    #[test]
    fn code_enums() {
        check_code_enum::<ConsentMethod>();
        check_code_enum::<ConsentScope>();
        assert_eq!(ConsentScope::ALL.len(), 8);
        assert_eq!(ConsentMethod::parse("written"), Ok(ConsentMethod::Written));
    }

    #[test]
    fn written_consent_scopes() {
        assert!(ConsentScope::ExtendedSupport.requires_written());
        assert!(ConsentScope::ReturnToDvFk.requires_written());
        assert!(ConsentScope::SusRegistration.requires_written(), "SUS's own consent form is signed");
        assert!(!ConsentScope::DvFkContact.requires_written(), "oral at the intake meeting");
        assert!(!ConsentScope::AfDvContact.requires_written());
    }
}
