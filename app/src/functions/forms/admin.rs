//! The administrator's forms and the invitation's password form, as typed and parsed.

use serde::{Deserialize, Serialize};

/// A unit's name: a new unit, or a new name for one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    pub name: String,
}

/// A new staff member to invite.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub name: String,
    pub email: String,
    /// A unit id, or empty for none (only a systemadministratör).
    pub unit: String,
    /// A `StaffRole` code.
    pub role: String,
}

/// A staff member's unit and role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlacementForm {
    pub unit: String,
    pub role: String,
}

/// The new staff member's password, chosen through the invitation link.
/// Not a `Form`: nothing of it is kept to show again (no password, no token).
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub token: String,
    pub password: String,
    pub password_again: String,
}

impl std::fmt::Debug for PasswordForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordForm(***)")
    }
}

#[cfg(feature = "ssr")]
mod parse {
    use super::*;
    use crate::domain::{Email, ParseError, Password, PersonName, ShortText, StaffRole};
    use crate::functions::admin::{INVITE_FORM, PASSWORD_FORM, PLACEMENT_FORM, UNIT_FORM};
    use crate::functions::forms::{Form, named_forms};
    use crate::models::FormFeedback;
    use crate::server::access::admin::{NewStaffInvite, StaffPlacement};
    use crate::texts::admin as text;

    named_forms!(
        UnitForm => UNIT_FORM,
        InviteForm => INVITE_FORM,
        PlacementForm => PLACEMENT_FORM,
    );

    /// A unit's name, with a message that names what is missing.
    fn unit_name(s: &str) -> Result<ShortText, ParseError> {
        if s.trim().is_empty() {
            return Err(ParseError::new(text::UNIT_NAME_MISSING));
        }
        ShortText::parse(s)
    }

    /// A unit chosen in the list: empty for none.
    fn unit_choice(s: &str) -> Result<Option<i64>, ParseError> {
        match s.trim() {
            "" => Ok(None),
            id => id.parse::<i64>().map(Some).map_err(|_| ParseError::new(text::UNIT_NOT_LISTED)),
        }
    }

    /// A role and a unit that fit together: only a systemadministratör may have
    /// no unit, and a dataskyddsombud never has one.
    fn placement(fb: &mut FormFeedback, unit: &str, role: &str) -> Option<StaffPlacement> {
        let unit_id = fb.check("unit", unit_choice(unit));
        let role = fb.check("role", StaffRole::parse(role));
        match (unit_id, role) {
            (Some(None), Some(role)) if role.needs_unit() => {
                fb.errors.push(("unit".into(), text::UNIT_NEEDED.into()));
                None
            }
            (Some(Some(_)), Some(role)) if role.takes_no_unit() => {
                fb.errors.push(("unit".into(), text::UNIT_NOT_FOR_OFFICER.into()));
                None
            }
            (Some(unit_id), Some(role)) => Some(StaffPlacement { unit_id, role }),
            _ => None,
        }
    }

    impl TryFrom<UnitForm> for ShortText {
        type Error = FormFeedback;

        fn try_from(form: UnitForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let name = fb.check("name", unit_name(&form.name));
            fb.finish(name)
        }
    }

    impl TryFrom<InviteForm> for NewStaffInvite {
        type Error = FormFeedback;

        fn try_from(form: InviteForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let name = fb.check("name", PersonName::parse(&form.name));
            let email = fb.check("email", Email::parse(&form.email));
            let placement = placement(&mut fb, &form.unit, &form.role);
            let invite = match (name, email, placement) {
                (Some(name), Some(email), Some(p)) => {
                    Some(NewStaffInvite { name, email, unit_id: p.unit_id, role: p.role })
                }
                _ => None,
            };
            fb.finish(invite)
        }
    }

    impl TryFrom<PlacementForm> for StaffPlacement {
        type Error = FormFeedback;

        fn try_from(form: PlacementForm) -> Result<Self, FormFeedback> {
            let mut fb = form.feedback();
            let placement = placement(&mut fb, &form.unit, &form.role);
            fb.finish(placement)
        }
    }

    /// The token as sent, and the password when both fields agree. The
    /// feedback keeps nothing that was typed.
    impl TryFrom<PasswordForm> for (String, Password) {
        type Error = FormFeedback;

        fn try_from(form: PasswordForm) -> Result<Self, FormFeedback> {
            let mut fb = FormFeedback::new(PASSWORD_FORM);
            let password = fb.check("password", Password::parse(&form.password));
            if password.is_some() && form.password != form.password_again {
                fb.errors.push(("password_again".into(), text::PASSWORDS_DIFFER.into()));
            }
            fb.finish(password.map(|p| (form.token.trim().to_owned(), p)))
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn invite(unit: &str, role: &str) -> InviteForm {
            InviteForm {
                name: "Påhittad Person".into(),
                email: "ny@example.se".into(),
                unit: unit.into(),
                role: role.into(),
            }
        }

        #[test]
        fn only_a_systemadministrator_may_have_no_unit() {
            assert!(NewStaffInvite::try_from(invite("", "admin")).is_ok());
            let fb = NewStaffInvite::try_from(invite("", "supervisor")).expect_err("a unit is needed");
            assert_eq!(fb.error("unit").as_deref(), Some(text::UNIT_NEEDED));
            assert_eq!(fb.value("name"), "Påhittad Person", "what was typed is kept");
            let ok = NewStaffInvite::try_from(invite("3", "unit_manager")).expect("a unit and a role");
            assert_eq!((ok.unit_id, ok.role), (Some(3), StaffRole::UnitManager));
            let fb = NewStaffInvite::try_from(invite("x", "boss")).expect_err("neither listed");
            assert!(fb.error("unit").is_some() && fb.error("role").is_some());
        }

        #[test]
        fn an_empty_unit_name_says_what_to_write() {
            let fb = ShortText::try_from(UnitForm { name: "  ".into() }).expect_err("empty");
            assert_eq!(fb.error("name").as_deref(), Some(text::UNIT_NAME_MISSING));
        }

        #[test]
        fn the_password_form_keeps_nothing_and_wants_the_same_password_twice() {
            let form = PasswordForm {
                token: "t".into(),
                password: "ett långt lösenord".into(),
                password_again: "ett annat lösenord".into(),
            };
            let fb = <(String, Password)>::try_from(form).expect_err("they differ");
            assert_eq!(fb.error("password_again").as_deref(), Some(text::PASSWORDS_DIFFER));
            assert!(fb.values.is_empty(), "no password in the session");
            let form = PasswordForm {
                token: " t ".into(),
                password: "ett långt lösenord".into(),
                password_again: "ett långt lösenord".into(),
            };
            let (token, _) = <(String, Password)>::try_from(form).expect("the same twice");
            assert_eq!(token, "t");
        }
    }
}
