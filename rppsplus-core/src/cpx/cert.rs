//! The holder from the authentication certificate: X.509 decoded by `x509-cert`, the
//! subject's attributes found by OID (never by position in a string).

use x509_cert::Certificate;
use x509_cert::der::Decode;
use x509_cert::der::oid::ObjectIdentifier;
use x509_cert::ext::pkix::name::DirectoryString;
use x509_cert::name::Name;

use super::{CardError, CardObject, CardType, Holder};
use crate::ids::{IdNatPp, Mode};

/// `commonName` (2.5.4.3): the idNat.
const CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
/// `surname` (2.5.4.4): the nom.
const SN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.4");
/// `givenName` (2.5.4.42): the prénom.
const GN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.42");
/// `title` (2.5.4.12): the profession.
const TITLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");

/// The longest attribute value accepted (RFC 5280's upper bounds are all below).
const MAX_VALUE: usize = 256;

/// The one value of the attribute `oid` in `name`: `Ok(None)` when absent; an error when
/// repeated or not a DirectoryString (or empty, or too long).
fn attribute(name: &Name, oid: ObjectIdentifier, object: CardObject) -> Result<Option<String>, CardError> {
    let mut found = None;
    for atv in name.iter().filter(|atv| atv.oid == oid) {
        let value = atv
            .value
            .decode_as::<DirectoryString>()
            .map_err(|_| CardError::MalformedData { object })?
            .value()
            .trim()
            .to_owned();
        if found.is_some() || value.is_empty() || value.len() > MAX_VALUE || value.chars().any(char::is_control) {
            return Err(CardError::MalformedData { object });
        }
        found = Some(value);
    }
    Ok(found)
}

fn required(name: &Name, oid: ObjectIdentifier, object: CardObject) -> Result<String, CardError> {
    attribute(name, oid, object)?.ok_or(CardError::MissingObject { object })
}

impl Holder {
    /// The holder named by a certificate subject: `CN` an idNat (`8`+RPPS, `0`+ADELI or
    /// structure-based; test identities accepted), `SN`, `GN`, and `title` when present.
    pub(crate) fn from_subject(subject: &Name) -> Result<Self, CardError> {
        let id_nat = required(subject, CN, CardObject::SubjectIdNat)?;
        let id_nat = IdNatPp::parse_with(&id_nat, Mode::Test)
            .ok()
            .filter(|id| CardType::of_id_nat(id.id_type()).is_some())
            .ok_or(CardError::MalformedData {
                object: CardObject::SubjectIdNat,
            })?;
        Ok(Self {
            id_nat,
            nom: required(subject, SN, CardObject::SubjectSurname)?,
            prenom: required(subject, GN, CardObject::SubjectGivenName)?,
            profession: attribute(subject, TITLE, CardObject::SubjectTitle)?,
        })
    }

    /// The holder named by a DER certificate's subject (the signature is not checked: the
    /// card is the authority here, and the library never validates a chain).
    ///
    /// ```
    /// use rppsplus_core::cpx::{CardType, Holder, SimCard};
    ///
    /// // Subject: CN=899700000013+SN=SYNTHETIQUE+GN=CAMILLE, title=Médecin, C=FR (synthetic).
    /// let holder = Holder::from_certificate(SimCard::CPS_CERTIFICATE)?;
    /// assert_eq!(holder.id_nat().as_str(), "899700000013");
    /// assert_eq!((holder.nom(), holder.prenom(), holder.profession()), ("SYNTHETIQUE", "CAMILLE", Some("Médecin")));
    /// assert_eq!(holder.card_type(), CardType::Cps);
    /// # Ok::<(), rppsplus_core::cpx::CardError>(())
    /// ```
    pub fn from_certificate(der: &[u8]) -> Result<Self, CardError> {
        let cert = Certificate::from_der(der).map_err(|_| CardError::MalformedData {
            object: CardObject::Certificate,
        })?;
        Self::from_subject(cert.tbs_certificate().subject())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cpx::SimCard;
    use x509_cert::attr::AttributeTypeAndValue;
    use x509_cert::der::asn1::Any;
    use x509_cert::der::{Encode, Tag};
    use x509_cert::name::{RdnSequence, RelativeDistinguishedName};

    fn holder(dn: &str) -> Result<Holder, CardError> {
        Holder::from_subject(&dn.parse::<Name>().unwrap())
    }

    #[test]
    fn the_synthetic_certificates() {
        let cps = Holder::from_certificate(SimCard::CPS_CERTIFICATE).unwrap();
        assert_eq!(cps.id_nat().as_str(), "899700000013");
        assert_eq!(cps.profession(), Some("Médecin"));
        let cpe = Holder::from_certificate(SimCard::CPE_CERTIFICATE).unwrap();
        assert_eq!(cpe.id_nat().as_str(), "32A0000001/CPE00001");
        assert_eq!((cpe.card_type(), cpe.profession()), (CardType::Cpe, None));
        assert_eq!(cpe.prenom(), "DOMINIQUE");
    }

    #[test]
    fn attributes_by_oid_in_any_order_and_rdn() {
        let h = holder("title=Pharmacien,SN=PHARMACIEN+CN=899700000013+GN=CAROLE,C=FR").unwrap();
        assert_eq!(
            (h.nom(), h.prenom(), h.profession()),
            ("PHARMACIEN", "CAROLE", Some("Pharmacien"))
        );
        let adeli = holder("GN=HONORE+SN=MASSEUR+CN=0751044467,O=TEST,C=FR").unwrap();
        assert_eq!(adeli.id_nat().id_type(), crate::ids::IdNatPpType::Adeli);
        assert_eq!(adeli.card_type(), CardType::Cps);
    }

    #[test]
    fn missing_repeated_and_wrong_attributes() {
        let missing = |object| Err(CardError::MissingObject { object });
        let malformed = |object| Err(CardError::MalformedData { object });
        assert_eq!(holder("SN=A+GN=B,C=FR"), missing(CardObject::SubjectIdNat));
        assert_eq!(holder("CN=899700000013+GN=B"), missing(CardObject::SubjectSurname));
        assert_eq!(holder("CN=899700000013+SN=A"), missing(CardObject::SubjectGivenName));
        assert_eq!(
            holder("CN=899700000013+SN=A+GN=B,CN=899700000013"),
            malformed(CardObject::SubjectIdNat)
        );
        assert_eq!(
            holder("CN=899700000013+SN=A+GN=B+GN=C"),
            malformed(CardObject::SubjectGivenName)
        );
        assert_eq!(
            holder("CN=899700000013+SN=A+GN=B,title=X,title=Y"),
            malformed(CardObject::SubjectTitle)
        );
        assert_eq!(holder("CN=899700000014+SN=A+GN=B"), malformed(CardObject::SubjectIdNat)); // Luhn
        assert_eq!(
            holder("CN=10jean@example.org+SN=A+GN=B"),
            malformed(CardObject::SubjectIdNat)
        ); // MSSanté
        assert_eq!(
            holder("CN=899700000013+SN=\\ \\ +GN=B"),
            malformed(CardObject::SubjectSurname)
        );
        let empty = Name::from_der(&[0x30, 0x00]).unwrap();
        assert_eq!(Holder::from_subject(&empty), missing(CardObject::SubjectIdNat));
    }

    #[test]
    fn an_attribute_of_the_wrong_type_is_malformed() {
        let mut rdns = RdnSequence::default();
        let mut rdn = RelativeDistinguishedName::default();
        rdn.insert(AttributeTypeAndValue {
            oid: CN,
            value: Any::new(Tag::Integer, [0x01]).unwrap(),
        })
        .unwrap();
        rdns.push(rdn);
        let name = Name::from_der(&rdns.to_der().unwrap()).unwrap();
        assert_eq!(
            Holder::from_subject(&name),
            Err(CardError::MalformedData {
                object: CardObject::SubjectIdNat
            })
        );
    }

    #[test]
    fn a_damaged_certificate_is_malformed() {
        let mut der = SimCard::CPS_CERTIFICATE.to_vec();
        der.truncate(300);
        let malformed = Err(CardError::MalformedData {
            object: CardObject::Certificate,
        });
        assert_eq!(Holder::from_certificate(&der), malformed);
        assert_eq!(Holder::from_certificate(&[]), malformed);
    }
}
