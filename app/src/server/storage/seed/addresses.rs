//! Phone numbers and e-mail addresses, all in ranges and domains kept for fiction.

/// 070-1740xxx in E.164, as `PhoneNumber` stores it.
pub(super) fn mobile(n: usize) -> String {
    format!("+46701740{:03}", n % 1000)
}

/// 08-46500xxx in E.164.
pub(super) fn landline(n: usize) -> String {
    format!("+46846500{:03}", n % 1000)
}

/// "Lars-Erik Wennberg" → "lars-erik.wennberg@domain" (ASCII, lowercase, as `Email` stores it).
pub(super) fn email_of(name: &str, domain: &str) -> String {
    let mut local = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        match c {
            'å' | 'ä' | 'á' | 'à' => local.push('a'),
            'ö' | 'ø' | 'ó' => local.push('o'),
            'é' | 'è' | 'ë' => local.push('e'),
            'ü' => local.push('u'),
            'ć' | 'č' => local.push('c'),
            'š' => local.push('s'),
            'ž' => local.push('z'),
            ' ' => local.push('.'),
            c if c.is_ascii_alphanumeric() || c == '-' => local.push(c),
            _ => {}
        }
    }
    format!("{local}@{domain}")
}
