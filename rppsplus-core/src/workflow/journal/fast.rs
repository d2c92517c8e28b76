//! A journal's event lines in the exact shape [`encode`](super::encode) writes them — keys in
//! their order, `null` for what is absent, strings without escapes — read without serde: the
//! replay's hot path. Anything else (a line edited by hand, a string with an escape, a
//! dossier) is left to serde_json, so a line read here is read exactly as serde would read it
//! (a property test holds the two readers to that), and every error comes from serde's path.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::Record;
use crate::date;
use crate::demande::plain_json::plain_len;
use crate::demande::{Confirmations, Contact, Demande, EtatCivil, Situation, Structure};
use crate::workflow::Entry;

/// The record of `line` if it has the shape the encoder writes, else `None`.
pub(super) fn decode(line: &str) -> Option<Record> {
    let mut c = Cursor {
        s: line.as_bytes(),
        text: line,
        i: 0,
    };
    c.lit(b"{\"numero\":")?;
    let numero = c.string()?.parse().ok()?;
    c.lit(b",\"entry\":{\"event\":")?;
    let event = c.string()?.parse().ok()?;
    c.lit(b",\"actor\":")?;
    let actor = c.string()?.parse().ok()?;
    c.lit(b",\"from\":")?;
    let from = c.opt_string()?.map(str::parse).transpose().ok()?;
    c.lit(b",\"to\":")?;
    let to = c.opt_string()?.map(str::parse).transpose().ok()?;
    c.lit(b",\"at\":")?;
    let at = timestamp(c.string()?)?;
    let motif = match c.optional_key(b",\"motif\":") {
        true => Some(c.string()?.to_owned()),
        false => None,
    };
    let rpps = match c.optional_key(b",\"rpps\":") {
        true => Some(c.string()?.parse().ok()?),
        false => None,
    };
    c.lit(b"}")?;
    let demande = match c.optional_key(b",\"demande\":") {
        true => Some(Box::new(c.demande()?)),
        false => None,
    };
    c.lit(b"}")?;
    c.optional_key(b"\n");
    c.end()?;
    let entry = Entry {
        event,
        actor,
        from,
        to,
        at,
        motif,
        rpps,
    };
    Some(Record::Event { numero, entry, demande })
}

/// `2026-11-23T09:30:00Z`, with 1 to 9 digits of a fraction of a second: the shape the
/// encoder writes, parsed as `DateTime::parse_from_rfc3339` parses it.
fn timestamp(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let (
        &[
            y0,
            y1,
            y2,
            y3,
            b'-',
            m0,
            m1,
            b'-',
            d0,
            d1,
            b'T',
            h0,
            h1,
            b':',
            n0,
            n1,
            b':',
            s0,
            s1,
        ],
        rest,
    ) = b.split_at_checked(19)?
    else {
        return None;
    };
    let (fraction, b"Z") = rest.split_at_checked(rest.len().checked_sub(1)?)? else {
        return None;
    };
    let nanos = match fraction {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => digits
            .iter()
            .chain(std::iter::repeat_n(&b'0', 9 - digits.len()))
            .try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))?,
        _ => return None,
    };
    let day = date::iso(&[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1])?;
    let two = |a: u8, b: u8| {
        (a.is_ascii_digit() && b.is_ascii_digit()).then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
    };
    // Second 60 (a leap second) is left to chrono.
    let time = NaiveTime::from_hms_nano_opt(two(h0, h1)?, two(n0, n1)?, two(s0, s1).filter(|&s| s < 60)?, nanos)?;
    Some(day.and_time(time).and_utc())
}

/// A position in a line.
struct Cursor<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    /// Reads `lit`.
    fn lit(&mut self, lit: &[u8]) -> Option<()> {
        self.s[self.i..].starts_with(lit).then(|| self.i += lit.len())
    }

    /// Reads `lit` if it is there, and says whether it was.
    fn optional_key(&mut self, lit: &[u8]) -> bool {
        self.lit(lit).is_some()
    }

    /// The end of the line.
    fn end(&self) -> Option<()> {
        (self.i == self.s.len()).then_some(())
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'a str> {
        self.lit(b"\"")?;
        let start = self.i;
        let len = plain_len(&self.s[start..]);
        (self.s.get(start + len) == Some(&b'"')).then_some(())?;
        self.i = start + len + 1;
        // Cut at ASCII quotes: still UTF-8.
        self.text.get(start..start + len)
    }

    /// `null` or a string.
    fn opt_string(&mut self) -> Option<Option<&'a str>> {
        if self.lit(b"null").is_some() {
            return Some(None);
        }
        self.string().map(Some)
    }

    /// `null` or a string, as an owned `String`.
    fn opt_owned(&mut self) -> Option<Option<String>> {
        self.opt_string().map(|s| s.map(str::to_owned))
    }

    /// `null` or a string parsed as `T` (a parse error is left to serde).
    fn opt_parsed<T: std::str::FromStr>(&mut self) -> Option<Option<T>> {
        match self.opt_string()? {
            None => Some(None),
            Some(s) => s.parse().ok().map(Some),
        }
    }

    /// `null` or a date written `YYYY-MM-DD`.
    fn opt_date(&mut self) -> Option<Option<NaiveDate>> {
        match self.opt_string()? {
            None => Some(None),
            Some(s) => date::iso(s.as_bytes()).map(Some),
        }
    }

    /// `null`, `true` or `false`.
    fn opt_bool(&mut self) -> Option<Option<bool>> {
        if self.lit(b"null").is_some() {
            Some(None)
        } else if self.lit(b"true").is_some() {
            Some(Some(true))
        } else {
            self.lit(b"false").map(|()| Some(false))
        }
    }

    /// `null` or the object `read` reads between its braces.
    fn opt_object<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.lit(b"null").is_some() {
            return Some(None);
        }
        let value = read(self)?;
        self.lit(b"}")?;
        Some(Some(value))
    }

    /// A demande as `Demande`'s `Serialize` writes it.
    fn demande(&mut self) -> Option<Demande> {
        self.lit(b"{\"procedure\":")?;
        let procedure = self.opt_parsed()?;
        self.lit(b",\"numero\":")?;
        let numero = self.opt_parsed()?;
        self.lit(b",\"rpps\":")?;
        let rpps = self.opt_parsed()?;
        self.lit(b",\"etat_civil\":")?;
        let etat_civil = self.opt_object(Self::etat_civil)?;
        self.lit(b",\"contact\":")?;
        let contact = self.opt_object(|c| {
            c.lit(b"{\"email\":")?;
            let email = c.opt_parsed()?;
            c.lit(b",\"telephone_mobile\":")?;
            let telephone_mobile = c.opt_parsed()?;
            Some(Contact {
                email,
                telephone_mobile,
            })
        })?;
        self.lit(b",\"situation\":")?;
        let situation = self.opt_object(Self::situation)?;
        self.lit(b",\"confirmations\":")?;
        let confirmations = self.opt_object(|c| {
            c.lit(b"{\"cgu_acceptees\":")?;
            let cgu_acceptees = c.opt_bool()?;
            c.lit(b",\"rencontre_en_personne\":")?;
            let rencontre_en_personne = c.opt_bool()?;
            Some(Confirmations {
                cgu_acceptees,
                rencontre_en_personne,
            })
        })?;
        self.lit(b"}")?;
        Some(Demande {
            procedure,
            numero,
            rpps,
            etat_civil,
            contact,
            situation,
            confirmations,
        })
    }

    fn etat_civil(&mut self) -> Option<EtatCivil> {
        self.lit(b"{\"civilite\":")?;
        let civilite = self.opt_parsed()?;
        self.lit(b",\"sexe\":")?;
        let sexe = self.opt_parsed()?;
        self.lit(b",\"nom_naissance\":")?;
        let nom_naissance = self.opt_owned()?;
        self.lit(b",\"nom_usage\":")?;
        let nom_usage = self.opt_owned()?;
        self.lit(b",\"prenoms\":[")?;
        let mut prenoms = Vec::new();
        while self.lit(b"]").is_none() {
            if !prenoms.is_empty() {
                self.lit(b",")?;
            }
            prenoms.push(self.string()?.to_owned());
        }
        self.lit(b",\"date_naissance\":")?;
        let date_naissance = self.opt_date()?;
        self.lit(b",\"pays_naissance\":")?;
        let pays_naissance = self.opt_parsed()?;
        self.lit(b",\"commune_naissance\":")?;
        let commune_naissance = self.opt_parsed()?;
        self.lit(b",\"lieu_naissance\":")?;
        let lieu_naissance = self.opt_owned()?;
        self.lit(b",\"source\":")?;
        let source = self.opt_parsed()?;
        Some(EtatCivil {
            civilite,
            sexe,
            nom_naissance,
            nom_usage,
            prenoms,
            date_naissance,
            pays_naissance,
            commune_naissance,
            lieu_naissance,
            source,
        })
    }

    fn situation(&mut self) -> Option<Situation> {
        self.lit(b"{\"id\":")?;
        let id = self.opt_owned()?;
        self.lit(b",\"nom_exercice\":")?;
        let nom_exercice = self.opt_owned()?;
        self.lit(b",\"prenom_exercice\":")?;
        let prenom_exercice = self.opt_owned()?;
        self.lit(b",\"structure\":")?;
        let structure = self.opt_object(|c| {
            c.lit(b"{\"finess\":")?;
            let finess = c.opt_parsed()?;
            c.lit(b",\"siret\":")?;
            let siret = c.opt_parsed()?;
            Some(Structure { finess, siret })
        })?;
        self.lit(b",\"profession\":")?;
        let profession = self.opt_owned()?;
        self.lit(b",\"role\":")?;
        let role = self.opt_owned()?;
        self.lit(b",\"mode_exercice\":")?;
        let mode_exercice = self.opt_owned()?;
        self.lit(b",\"date_prise_fonction\":")?;
        let date_prise_fonction = self.opt_date()?;
        self.lit(b",\"date_fin_fonction\":")?;
        let date_fin_fonction = self.opt_date()?;
        self.lit(b",\"motif_fin\":")?;
        let motif_fin = self.opt_owned()?;
        Some(Situation {
            id,
            nom_exercice,
            prenom_exercice,
            structure,
            profession,
            role,
            mode_exercice,
            date_prise_fonction,
            date_fin_fonction,
            motif_fin,
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::demande::{Actor, Procedure, Source};
    use crate::workflow::journal::encode;
    use crate::workflow::{Event, Status};

    /// Texts, some with what JSON escapes (quote, backslash, control characters).
    const TEXTS: &[&str] = &[
        "DUPONT",
        "D'Artagnan",
        "Zoé",
        "日本",
        "",
        "a\"b",
        "back\\slash",
        "tab\tx",
    ];

    /// `pick(seed, list)`: the item the seed byte selects, or none (when the byte says so).
    fn pick<T: Clone>(b: u8, list: &[T]) -> Option<T> {
        let i = usize::from(b) % (list.len() + 1);
        list.get(i).cloned()
    }

    fn text(b: u8) -> Option<String> {
        pick(b, TEXTS).map(str::to_owned)
    }

    /// A demande whose every field the seed's bytes choose.
    fn demande(s: &[u8; 40]) -> Demande {
        let date = |b: u8| pick(b, &["1999-05-05", "2022-05-02", "+12345-01-01"]).and_then(|d| d.parse().ok());
        Demande {
            procedure: pick(s[0], Procedure::ALL),
            numero: pick(s[1], &["P20261123093000", "P20220905011141"]).map(|n| n.parse().unwrap()),
            rpps: pick(s[2], &["10107985318", "10107985300"]).map(|r| r.parse().unwrap()),
            etat_civil: (s[3] % 3 != 0).then(|| EtatCivil {
                civilite: pick(s[4], crate::nomenclature::Civilite::ALL),
                sexe: pick(s[5], crate::nomenclature::Sexe::ALL),
                nom_naissance: text(s[6]),
                nom_usage: text(s[7]),
                prenoms: (0..s[8] % 4)
                    .map(|i| TEXTS[usize::from(s[9].wrapping_add(i)) % TEXTS.len()].to_owned())
                    .collect(),
                date_naissance: date(s[10]),
                pays_naissance: pick(s[11], &["99100", "99109"]).map(|p| p.parse().unwrap()),
                commune_naissance: pick(s[12], &["13203", "2A004"]).map(|c| c.parse().unwrap()),
                lieu_naissance: text(s[13]),
                source: pick(s[14], Source::ALL),
            }),
            contact: (s[15] % 3 != 0).then(|| Contact {
                email: pick(s[16], &["nathalie.dupont@example.org", "N.D@Example.ORG"]).map(|e| e.parse().unwrap()),
                telephone_mobile: pick(s[17], &["+33730494959", "0692123456"]).map(|m| m.parse().unwrap()),
            }),
            situation: (s[18] % 3 != 0).then(|| Situation {
                id: text(s[19]),
                nom_exercice: text(s[20]),
                prenom_exercice: text(s[21]),
                structure: (s[22] % 3 != 0).then(|| Structure {
                    finess: pick(s[23], &["970405593"]).map(|f| f.parse().unwrap()),
                    siret: pick(s[24], &["73282932000074"]).map(|f| f.parse().unwrap()),
                }),
                profession: text(s[25]),
                role: text(s[26]),
                mode_exercice: text(s[27]),
                date_prise_fonction: date(s[28]),
                date_fin_fonction: date(s[29]),
                motif_fin: text(s[30]),
            }),
            confirmations: (s[31] % 3 != 0).then(|| Confirmations {
                cgu_acceptees: pick(s[32], &[true, false]),
                rencontre_en_personne: pick(s[33], &[true, false]),
            }),
        }
    }

    /// An event line whose parts the seed chooses.
    fn line(s: &[u8; 40], nanos: u32) -> Record {
        let at =
            Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap() + chrono::TimeDelta::nanoseconds(i64::from(nanos));
        Record::Event {
            numero: "P20261123093000".parse().unwrap(),
            entry: Entry {
                event: Event::ALL[usize::from(s[34]) % Event::ALL.len()],
                actor: Actor::ALL[usize::from(s[35]) % Actor::ALL.len()],
                from: pick(s[36], Status::ALL),
                to: pick(s[37], Status::ALL),
                at,
                motif: text(s[38]),
                rpps: pick(s[39], &["10107985318"]).map(|r| r.parse().unwrap()),
            },
            demande: (s[0] % 2 == 0).then(|| Box::new(demande(s))),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn the_fast_reader_reads_what_serde_reads(seed in any::<[u8; 40]>(), nanos in 0..2_000_000_000u32,
                                                  cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let record = line(&seed, nanos);
            let mut bytes = Vec::new();
            encode(&record, &mut bytes);
            let text = std::str::from_utf8(&bytes).unwrap();
            let serde = super::super::record(serde_json::from_str(text));
            prop_assert_eq!(serde.as_ref(), Ok(&record));
            // The encoder's lines are read without serde, unless a string has an escape or a
            // date cannot be written YYYY-MM-DD.
            if !text.contains('\\') && !text.contains("+12345") {
                prop_assert_eq!(decode(text), Some(record));
            }
            // A line changed anywhere: what the fast reader reads, serde reads alike.
            let mut changed = bytes.clone();
            let i = cut.index(changed.len());
            changed[i] = byte;
            if let Ok(changed) = std::str::from_utf8(&changed) {
                if let Some(fast) = decode(changed) {
                    prop_assert_eq!(super::super::record(serde_json::from_str(changed)), Ok(fast));
                }
            }
        }
    }
}
