//! Display forms (python-stdnum's `format`): how a valid identifier is printed for people.

use super::{
    Adeli, Email, Finess, IdKind, IdNatPp, IdNatStructure, InseeCommuneCode, InseeCountryCode, MobilePhone, Mode,
    NumeroDemande, ParseError, Rpps, RppsRang, Siren, Siret, check,
};

/// The display form of a value that [`check`] accepts as `kind`, or why it is invalid.
///
/// The display form is for people (a screen, a letter); the canonical form (what `check`
/// returns, `as_str()`) is for storage and exchange. Per kind:
///
/// | kind | display form | example |
/// |---|---|---|
/// | `siren` | digits in groups of 3 (python-stdnum's `fr.siren.format`) | `732 829 320` |
/// | `siret` | the SIREN's three groups, then the NIC (python-stdnum's `fr.siret.format`) | `732 829 320 00074` |
/// | `phone` | a number of the French numbering plan (metropolitan France, La Réunion, Mayotte, Guadeloupe, Saint-Barthélemy, Saint-Martin, Guyane, Martinique): the national form `0X XX XX XX XX`, which dials it from anywhere in that plan | `06 92 12 34 56` |
/// | `phone` | any other number (Saint-Pierre-et-Miquelon, Wallis-et-Futuna, Nouvelle-Calédonie, Polynésie française, foreign): E.164 | `+687751234`, `+447700900123` |
/// | every other kind | the canonical form: RPPS, RPPS-rang, idNat, ADELI, FINESS, INSEE codes, email, demande number have no customary grouping | `10107985318` |
///
/// A display form parses back to the same value. It may be confidential like the value
/// (a phone number, an email address, an MSSanté idNat: docs/domain.md §7).
///
/// ```
/// use rppsplus_core::ids::{IdKind, Mode, format};
///
/// assert_eq!(format(IdKind::Siret, "73282932000074", Mode::Strict)?, "732 829 320 00074");
/// assert_eq!(format(IdKind::Siren, "732829320", Mode::Strict)?, "732 829 320");
/// assert_eq!(format(IdKind::Phone, "+262692123456", Mode::Strict)?, "06 92 12 34 56");
/// assert_eq!(format(IdKind::Phone, "0044 7700 900123", Mode::Strict)?, "+447700900123");
/// assert_eq!(format(IdKind::Rpps, "101 0798 5318", Mode::Strict)?, "10107985318");
/// assert_eq!(format(IdKind::Commune, "20004", Mode::Strict)?, "2A004"); // the current code
/// assert_eq!(format(IdKind::Siret, "73282932000075", Mode::Strict).unwrap_err().code(), "invalid_checksum");
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
pub fn format(kind: IdKind, input: &str, mode: Mode) -> Result<String, ParseError> {
    let checked = check(kind, input, mode);
    // The canonical form parses again as the kind's type, whose `format` decides.
    let canonical = checked.result()?;
    Ok(match kind {
        IdKind::Rpps => Rpps::parse_with(canonical, mode)?.format(),
        IdKind::IdNat => IdNatPp::parse_with(canonical, mode)?.format(),
        IdKind::IdNatStructure => IdNatStructure::parse_with(canonical, mode)?.format(),
        IdKind::RppsRang => RppsRang::parse_with(canonical, mode)?.format(),
        IdKind::Adeli => Adeli::parse(canonical)?.format(),
        IdKind::Finess => Finess::parse(canonical)?.format(),
        IdKind::Siren => Siren::parse(canonical)?.format(),
        IdKind::Siret => Siret::parse(canonical)?.format(),
        IdKind::Commune => InseeCommuneCode::parse(canonical)?.format(),
        IdKind::Pays => InseeCountryCode::parse(canonical)?.format(),
        IdKind::Phone => MobilePhone::parse(canonical)?.format(),
        IdKind::Email => Email::parse(canonical)?.format(),
        IdKind::Numero => NumeroDemande::parse(canonical)?.format(),
    })
}

/// `text` cut into groups of the given sizes, joined by spaces (the last group takes the
/// rest): `grouped("732829320", &[3, 3])` is `732 829 320`. `text` is ASCII.
pub(crate) fn grouped(text: &str, sizes: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + sizes.len());
    let mut rest = text;
    for &size in sizes {
        let (group, tail) = rest.split_at(size.min(rest.len()));
        out.push_str(group);
        if !tail.is_empty() {
            out.push(' ');
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups() {
        assert_eq!(grouped("732829320", &[3, 3]), "732 829 320");
        assert_eq!(grouped("73282932000074", &[3, 3, 3]), "732 829 320 00074");
        assert_eq!(grouped("0612345678", &[2, 2, 2, 2]), "06 12 34 56 78");
        assert_eq!(grouped("123", &[3]), "123");
        assert_eq!(grouped("12", &[3, 3]), "12");
    }

    #[test]
    fn every_display_form_parses_back_to_the_same_value() {
        let samples: &[(IdKind, &[&str])] = &[
            (IdKind::Rpps, &["10107985318", "99700075122"]),
            (IdKind::IdNat, &["810107985318", "10nathalie@mssante.example.fr"]),
            (IdKind::IdNatStructure, &["1010780914", "373282932000074"]),
            (IdKind::RppsRang, &["10003879623017"]),
            (IdKind::Adeli, &["2A1234567"]),
            (IdKind::Finess, &["970405593"]),
            (IdKind::Siren, &["732829320"]),
            (IdKind::Siret, &["73282932000074", "35600000000001"]),
            (IdKind::Commune, &["13203", "2A004"]),
            (IdKind::Pays, &["99100"]),
            (
                IdKind::Phone,
                &[
                    "0612345678",
                    "0692123456",
                    "0639012345",
                    "0690001234",
                    "0694201234",
                    "0696201234",
                    "0709212345",
                    "+447700900123",
                    "+687751234",
                ],
            ),
            (IdKind::Email, &["Nathalie.Dupont@example.org"]),
            (IdKind::Numero, &["P20220905011141"]),
        ];
        for &(kind, values) in samples {
            for value in values {
                let canonical = check(kind, value, Mode::Test);
                let shown = format(kind, value, Mode::Test).unwrap();
                let again = check(kind, &shown, Mode::Test);
                assert_eq!(again.canonical(), canonical.canonical(), "{kind} {value} → {shown}");
            }
        }
    }

    #[test]
    fn french_plan_mobiles_are_national_others_e164() {
        let shown = |v| format(IdKind::Phone, v, Mode::Strict).unwrap();
        assert_eq!(shown("+33612345678"), "06 12 34 56 78");
        assert_eq!(shown("0690001234"), "06 90 00 12 34");
        assert_eq!(shown("+687751234"), "+687751234");
        assert_eq!(shown("+447700900123"), "+447700900123");
    }
}
