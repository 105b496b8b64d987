//! What happened, for the access log (IMY: action, time, who, whose record).

code_enum! {
    pub enum AuditAction (unknown = "Okänd händelse i loggen.") {
        Read = "read" => "Läste",
        Create = "create" => "Skapade",
        Change = "change" => "Ändrade",
        Delete = "delete" => "Tog bort",
        Export = "export" => "Exporterade",
        SignIn = "sign_in" => "Loggade in",
        SignOut = "sign_out" => "Loggade ut",
        Denied = "denied" => "Nekades åtkomst",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::check_code_enum;

    #[test]
    fn code_enum() {
        check_code_enum::<AuditAction>();
        assert_eq!(AuditAction::SignIn.as_str(), "sign_in");
        assert_eq!(AuditAction::parse("denied"), Ok(AuditAction::Denied));
        assert_eq!(AuditAction::ALL.len(), 8);
    }
}
