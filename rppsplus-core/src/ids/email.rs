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

/// The bytes allowed in the local part (RFC 5322 atext, plus dots), by value.
static LOCAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric();
        b += 1;
    }
    let others = b"!#$%&'*+/=?^_`{|}~.-";
    let mut i = 0;
    while i < others.len() {
        table[others[i] as usize] = true;
        i += 1;
    }
    table
};

/// Characters allowed in the local part.
fn local_char(b: u8) -> bool {
    LOCAL[usize::from(b)]
}

/// Whether a local part has its dots right: not first, not last, never two together.
fn dots_ok(local: &[u8]) -> bool {
    local.first() != Some(&b'.') && local.last() != Some(&b'.') && !local.windows(2).any(|w| w == b"..")
}

/// Labels of letters, digits and inner hyphens, 1 to 63 each, at least two, the last
/// (the TLD) of two letters or more.
fn domain_ok(domain: &str) -> bool {
    let label_ok = |l: &[u8]| {
        (1..=63).contains(&l.len())
            && l[0] != b'-'
            && l[l.len() - 1] != b'-'
            && l.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let mut labels = domain.as_bytes().split(|&b| b == b'.');
    let Some(tld) = labels.next_back() else { return false };
    let mut count = 1;
    for label in labels {
        if !label_ok(label) {
            return false;
        }
        count += 1;
    }
    count >= 2 && tld.len() >= 2 && label_ok(tld) && tld.iter().all(u8::is_ascii_alphabetic)
}

impl Email {
    /// Parses an address; surrounding white space is trimmed, nothing else is changed
    /// but the domain's case.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let (s, at) = Self::checked(input)?;
        let mut address = s.to_owned();
        address[at + 1..].make_ascii_lowercase();
        Ok(Self(address.into_boxed_str()))
    }

    /// Checks an address without keeping it (what [`Email::parse`] checks).
    pub(crate) fn validate(input: &str) -> Result<(), ParseError> {
        Self::checked(input).map(|_| ())
    }

    /// The trimmed address and the position of its `@`, or why it is not an address.
    fn checked(input: &str) -> Result<(&str, usize), ParseError> {
        let kind = IdKind::Email;
        let lead = input.len() - input.trim_start().len();
        let s = input.trim();
        let lead_chars = input[..lead].chars().count();
        // Everything before the first such byte is ASCII: its position counts characters.
        if let Some(i) = s
            .bytes()
            .position(|b| !b.is_ascii() || b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return Err(ParseError::InvalidFormat {
                kind,
                position: lead_chars + i,
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
            return Err(ParseError::Missing { kind, character: '@' });
        };
        let (local, domain) = (&s[..at], &s[at + 1..]);
        if let Some(i) = local.bytes().position(|b| !local_char(b)) {
            return Err(ParseError::InvalidFormat {
                kind,
                position: lead_chars + i,
            });
        }
        if local.is_empty() || local.len() > MAX_LOCAL || !dots_ok(local.as_bytes()) {
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
        Ok((s, at))
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

identifier_traits!(Email, kind = Email, confidential = always);

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

    /// The rule of [`Email::parse`] written plainly, as it first was (before the one-pass
    /// checks): the reference the fast version is held to.
    fn plain_rule(input: &str) -> Result<(), &'static str> {
        let s = input.trim();
        if s.chars()
            .any(|c| !c.is_ascii() || c.is_ascii_whitespace() || c.is_ascii_control())
        {
            return Err("invalid_format");
        }
        if !(3..=MAX_LEN).contains(&s.len()) {
            return Err("invalid_length");
        }
        let (local, domain) = s.rsplit_once('@').ok_or("invalid_format")?;
        if !local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b))
        {
            return Err("invalid_format");
        }
        if local.is_empty()
            || local.len() > MAX_LOCAL
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
        {
            return Err("invalid_component");
        }
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        let tld = domain.rsplit('.').next().unwrap_or_default();
        let domain_ok = domain.contains('.')
            && domain.split('.').all(label_ok)
            && tld.len() >= 2
            && tld.bytes().all(|b| b.is_ascii_alphabetic());
        if domain_ok { Ok(()) } else { Err("invalid_component") }
    }

    proptest::proptest! {
        #[test]
        fn one_pass_checks_follow_the_plain_rule(input in "[ a-c0-9.@_é-]{0,24}") {
            let got = Email::parse(&input).map(|_| ()).map_err(|e| e.code().as_str());
            proptest::prop_assert_eq!(got, plain_rule(&input));
        }

        #[test]
        fn one_pass_checks_follow_the_plain_rule_near_addresses(
            input in "[a-c.+]{0,5}@[a-c-]{0,4}(\\.[a-c0-9-]{0,3}){0,3}"
        ) {
            let got = Email::parse(&input).map(|_| ()).map_err(|e| e.code().as_str());
            proptest::prop_assert_eq!(got, plain_rule(&input));
        }
    }

    #[test]
    fn errors_never_show_the_address() {
        let e = Email::parse("secret.person@example").unwrap_err();
        assert!(!e.to_string().contains("secret") && !e.message_fr().contains("secret"));
    }
}
