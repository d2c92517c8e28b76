//! Email addresses (pragmatic syntax).

use super::{Component, IdKind, ParseError, identifier_traits};

/// The longest address accepted (RFC 5321 path limit).
const MAX_LEN: usize = 254;
/// The longest local part (RFC 5321).
const MAX_LOCAL: usize = 64;

/// An email address with a pragmatic syntax: `local@domain.tld`, at most 254 characters,
/// no spaces. The local part keeps its case; the domain is lowercased.
///
/// Contact data are confidential: `Debug` prints no value.
///
/// ```
/// use rppsplus_core::ids::Email;
/// let e: Email = " Nathalie.Dupont@Example.ORG ".parse()?;
/// assert_eq!(e.as_str(), "Nathalie.Dupont@example.org");
/// assert_eq!(format!("{e:?}"), "Email(<redacted>)");
/// assert_eq!("nathalie@example".parse::<Email>().unwrap_err().code(), "invalid_component");
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(Box<str>);

/// Characters allowed in the local part (RFC 5322 atext, plus dots).
fn local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b)
}

fn domain_ok(domain: &str) -> bool {
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let tld = domain.rsplit('.').next().unwrap_or_default();
    domain.contains('.')
        && domain.split('.').all(label_ok)
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
}

impl Email {
    /// Parses an address; surrounding white space is trimmed, nothing else is changed
    /// but the domain's case.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let kind = IdKind::Email;
        let lead = input.len() - input.trim_start().len();
        let s = input.trim();
        let lead_chars = input[..lead].chars().count();
        if let Some((i, _)) = s
            .char_indices()
            .find(|&(_, c)| !c.is_ascii() || c.is_ascii_whitespace() || c.is_ascii_control())
        {
            return Err(ParseError::InvalidFormat {
                kind,
                position: lead_chars + s[..i].chars().count(),
            });
        }
        let found = s.len();
        if !(3..=MAX_LEN).contains(&found) {
            return Err(ParseError::InvalidLength {
                kind,
                min: 3,
                max: MAX_LEN,
                found,
            });
        }
        let Some(at) = s.rfind('@') else {
            return Err(ParseError::InvalidFormat {
                kind,
                position: lead_chars + found,
            });
        };
        let (local, domain) = (&s[..at], &s[at + 1..]);
        if let Some(i) = local.bytes().position(|b| !local_char(b)) {
            return Err(ParseError::InvalidFormat {
                kind,
                position: lead_chars + i,
            });
        }
        if local.is_empty()
            || local.len() > MAX_LOCAL
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
        {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::EmailLocalPart,
            });
        }
        if !domain_ok(domain) {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::EmailDomain,
            });
        }
        let mut address = s.to_owned();
        address[at + 1..].make_ascii_lowercase();
        Ok(Self(address.into_boxed_str()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain (after `@`), lowercased.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

identifier_traits!(Email, debug = redacted);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax() {
        assert!(Email::is_valid("a.b+tag@sub.example.fr"));
        for (bad, code) in [
            ("", "invalid_length"),
            ("a b@example.org", "invalid_format"),
            ("aé@example.org", "invalid_format"),
            ("no-at-sign.example.org", "invalid_format"),
            ("@example.org", "invalid_component"),
            ("a..b@example.org", "invalid_component"),
            ("a@example", "invalid_component"),
            ("a@-x.org", "invalid_component"),
            ("a@x.o", "invalid_component"),
            ("a@b@example.org", "invalid_format"),
        ] {
            assert_eq!(Email::parse(bad).unwrap_err().code(), code, "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long).unwrap_err().code(), "invalid_length");
    }

    #[test]
    fn errors_never_show_the_address() {
        let e = Email::parse("secret.person@example").unwrap_err();
        assert!(!e.to_string().contains("secret") && !e.message_fr().contains("secret"));
    }
}
