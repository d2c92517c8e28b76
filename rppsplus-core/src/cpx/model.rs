//! What a card tells: generation, type, serial, holder, PIN state, situations; the readers.

use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use x509_cert::der::Tagged;

use super::tlv::{app, elements};
use super::{CardError, CardObject};
use crate::ids::{IdNatPp, IdNatPpType};
use crate::names::names;

names! {
    /// The generation of a CPx card, told by its ATR and confirmed by the issuer number
    /// (docs/domain.md §6).
    pub enum Generation: "card generation" / "génération de carte" {
        /// CPS3 read through its contacts (IAS-ECC, T=0).
        Cps3 = "cps3",
        /// CPS3 read without contact (the contactless interface).
        Cps3Contactless = "cps3_contactless",
        /// CPS4 (ChipDoc).
        Cps4 = "cps4",
    }
}

names! {
    /// The type of card, as the TRE_R87-TypeCarte codes name them, told by the holder's
    /// national identifier: a personal one (`8`+RPPS, `0`+ADELI) on a professional's card, a
    /// structure-based one on a staff card. A CPF has the shape of a CPS and the CPA, CDE and
    /// CDA cards that of a CPE: the objects that would tell them apart have no public format
    /// (docs/cards.md).
    pub enum CardType: "card type" / "type de carte" {
        /// Carte de Professionnel de Santé (or CPF, in training).
        Cps = "CPS",
        /// Carte de Personnel d'Établissement (or CDE, CPA, CDA).
        Cpe = "CPE",
    }
}

/// One known ATR: the bytes, and the mask applied to the card's ATR before comparing
/// (`None`: exact match).
struct KnownAtr {
    generation: Generation,
    atr: &'static [u8],
    mask: Option<&'static [u8]>,
}

/// The ATRs of CPx cards (docs/cards.md gives their sources): the exact ones first, since the
/// CPS4 T=0 ATR also matches the CPS3 mask.
const KNOWN_ATRS: [KnownAtr; 5] = [
    KnownAtr {
        generation: Generation::Cps4,
        atr: &[
            0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x04, 0x01, 0x00, 0x00, 0x90, 0x44,
        ],
        mask: None,
    },
    KnownAtr {
        generation: Generation::Cps4,
        atr: &[
            0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x04, 0x01, 0x00, 0x90, 0x44,
        ],
        mask: None,
    },
    KnownAtr {
        generation: Generation::Cps4,
        atr: &[
            0x3B, 0xDC, 0x18, 0xFF, 0x00, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x04, 0x01, 0x00, 0x90, 0x00,
        ],
        mask: None,
    },
    KnownAtr {
        generation: Generation::Cps3,
        atr: &[
            0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90, 0x00,
        ],
        mask: Some(&[
            0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        ]),
    },
    KnownAtr {
        generation: Generation::Cps3Contactless,
        atr: &[
            0x3B, 0x8F, 0x80, 0x01, 0x00, 0x31, 0xB8, 0x64, 0x04, 0xB0, 0xEC, 0xC1, 0x73, 0x94, 0x01, 0x80, 0x82, 0x90,
            0x00, 0x0E,
        ],
        mask: Some(&[
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0xFF, 0xC0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF,
        ]),
    },
];

impl Generation {
    /// The generation whose ATR (under its mask) `atr` is; `None` for any other card,
    /// including malformed ATRs.
    ///
    /// ```
    /// use rppsplus_core::cpx::Generation;
    /// let atr = [0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90, 0x00];
    /// assert_eq!(Generation::from_atr(&atr), Some(Generation::Cps3));
    /// assert_eq!(Generation::from_atr(&atr[..16]), None);
    /// ```
    pub fn from_atr(atr: &[u8]) -> Option<Self> {
        KNOWN_ATRS.iter().find_map(|k| {
            let matches = k.atr.len() == atr.len()
                && match k.mask {
                    Some(mask) => atr.iter().zip(mask).zip(k.atr).all(|((a, m), b)| a & m == b & m),
                    None => atr == k.atr,
                };
            matches.then_some(k.generation)
        })
    }
}

/// The first known ATR of `generation` (the simulator's).
pub(crate) fn example_atr(generation: Generation) -> &'static [u8] {
    KNOWN_ATRS
        .iter()
        .find(|k| k.generation == generation)
        .map_or(&[], |k| k.atr)
}

impl CardType {
    /// The type of card whose holder has this national identifier; `None` for the types no
    /// CPx carries (MSSanté address, ROR).
    ///
    /// ```
    /// use rppsplus_core::cpx::CardType;
    /// use rppsplus_core::ids::IdNatPpType;
    /// assert_eq!(CardType::of_id_nat(IdNatPpType::Rpps), Some(CardType::Cps));
    /// assert_eq!(CardType::of_id_nat(IdNatPpType::FinessLocal), Some(CardType::Cpe));
    /// ```
    pub fn of_id_nat(id_type: IdNatPpType) -> Option<Self> {
        match id_type {
            IdNatPpType::Rpps | IdNatPpType::Adeli => Some(Self::Cps),
            IdNatPpType::AdeliRangLocal
            | IdNatPpType::FinessLocal
            | IdNatPpType::SirenLocal
            | IdNatPpType::SiretLocal
            | IdNatPpType::RppsRangLocal => Some(Self::Cpe),
            _ => None,
        }
    }
}

/// The issuer number of the ANS, first bytes of every CPx chip number.
pub(crate) const ANS_ISSUER: [u8; 5] = [0x80, 0x25, 0x00, 0x00, 0x01];

/// The serial number of a card: the 8 digits that follow the ANS issuer number in EF.SN.ICC
/// (the Luhn digit and padding of the last byte left out, as the ANS Cryptolib does).
///
/// ```
/// use rppsplus_core::cpx::CardSerial;
/// let sn = [0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78, 0x9F];
/// assert_eq!(CardSerial::from_ef_sn_icc(&sn)?.as_str(), "12345678");
/// # Ok::<(), rppsplus_core::cpx::CardError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CardSerial([u8; 8]);

impl CardSerial {
    /// Reads EF.SN.ICC: `5A 0A` then the 10-byte BCD chip number, which must start with the
    /// ANS issuer number (`80 25 00 00 01`): [`CardError::NotCpx`] otherwise.
    pub fn from_ef_sn_icc(bytes: &[u8]) -> Result<Self, CardError> {
        let malformed = CardError::MalformedData {
            object: CardObject::SerialNumber,
        };
        let elements = elements(bytes).map_err(|_| malformed)?;
        let pan = elements
            .iter()
            .find(|e| e.tag() == app(26, false))
            .ok_or(malformed)?
            .value();
        if pan.len() < 9 {
            return Err(malformed);
        }
        if pan[..5] != ANS_ISSUER {
            return Err(CardError::NotCpx);
        }
        let mut digits = [0u8; 8];
        for (i, d) in digits.iter_mut().enumerate() {
            let nibble = (pan[5 + i / 2] >> (4 * (1 - i % 2))) & 0x0F;
            if nibble > 9 {
                return Err(malformed);
            }
            *d = b'0' + nibble;
        }
        Ok(Self(digits))
    }

    /// The 8 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl fmt::Display for CardSerial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CardSerial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardSerial({})", self.as_str())
    }
}

impl Serialize for CardSerial {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The holder of a card, from the subject of its authentication certificate (read without
/// PIN): `CN` the idNat, `SN` the nom, `GN` the prénom, `title` the profession.
///
/// Confidential (docs/domain.md §7): `Debug` prints no value. Serializes as the CLI's
/// `{"id_nat","id_nat_type","rpps","nom","prenom","profession"}` (docs/cli.md).
#[derive(Clone, PartialEq, Eq)]
pub struct Holder {
    pub(crate) id_nat: IdNatPp,
    pub(crate) nom: String,
    pub(crate) prenom: String,
    pub(crate) profession: Option<String>,
}

impl Holder {
    /// The national identifier (`8`+RPPS, `0`+ADELI, or structure-based for staff cards).
    pub fn id_nat(&self) -> &IdNatPp {
        &self.id_nat
    }

    /// The nom (surname), as the certificate writes it.
    pub fn nom(&self) -> &str {
        &self.nom
    }

    /// The prénom (given name), as the certificate writes it.
    pub fn prenom(&self) -> &str {
        &self.prenom
    }

    /// The profession's label (`title`), absent on staff cards.
    pub fn profession(&self) -> Option<&str> {
        self.profession.as_deref()
    }

    /// The type of card this holder's identifier belongs on.
    pub fn card_type(&self) -> CardType {
        // Holders are built only with an idNat of a card type (see `cert`).
        CardType::of_id_nat(self.id_nat.id_type()).unwrap_or(CardType::Cpe)
    }
}

impl fmt::Debug for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Holder")
            .field("id_nat_type", &self.id_nat.id_type())
            .field("id_nat", &format_args!("<redacted>"))
            .field("nom", &format_args!("<redacted>"))
            .field("prenom", &format_args!("<redacted>"))
            .field(
                "profession",
                &format_args!(
                    "{}",
                    if self.profession.is_some() {
                        "<redacted>"
                    } else {
                        "None"
                    }
                ),
            )
            .finish()
    }
}

impl Serialize for Holder {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Holder", 6)?;
        st.serialize_field("id_nat", self.id_nat.as_str())?;
        st.serialize_field("id_nat_type", self.id_nat.id_type().code())?;
        st.serialize_field("rpps", &self.id_nat.rpps().map(|r| r.to_string()))?;
        st.serialize_field("nom", &self.nom)?;
        st.serialize_field("prenom", &self.prenom)?;
        st.serialize_field("profession", &self.profession)?;
        st.end()
    }
}

/// Everything a card tells without PIN: the CLI's `card read` JSON (docs/cli.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The generation.
    pub generation: Generation,
    /// The type of card.
    pub card_type: CardType,
    /// The serial number.
    pub serial: CardSerial,
    /// The holder.
    pub holder: Holder,
}

/// The state of the holder's PIN: the CLI's `card status` JSON
/// `{"pin_tries_left","pin_blocked"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PinStatus {
    /// Tries left before the PIN blocks.
    pub tries_left: u8,
    /// Whether the PIN is blocked.
    pub blocked: bool,
}

impl Serialize for PinStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("PinStatus", 2)?;
        st.serialize_field("pin_tries_left", &self.tries_left)?;
        st.serialize_field("pin_blocked", &self.blocked)?;
        st.end()
    }
}

/// A PC/SC reader: the CLI's `card readers` JSON items `{"name","card_present"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Reader {
    /// The reader's name, as the PC/SC service gives it.
    pub name: String,
    /// Whether a card is in it.
    pub card_present: bool,
}

names! {
    /// What a PIN-protected data object holds, told by its PKCS#15 label.
    pub enum SituationKind: "situation kind" / "type de situation" {
        /// `CPS_ACTIVITY_nn_PS`: one situation d'exercice (activity).
        Activity = "activity",
        /// `CPS_SIT_FACT`: the billing situation.
        Billing = "billing",
        /// Any other protected object.
        Other = "other",
    }
}

/// A PIN-protected data object read from the card, kept as the card gives it: the format of
/// the CPx situation objects is not public (docs/cards.md), so only the label is decoded.
///
/// Serializes as `{"label","kind","index","data"}`, `data` in hexadecimal; `Debug` prints
/// the label and the length, not the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct SituationObject {
    label: String,
    data: Vec<u8>,
}

impl SituationObject {
    pub(crate) fn new(label: String, data: Vec<u8>) -> Self {
        Self { label, data }
    }

    /// The PKCS#15 label (`CPS_ACTIVITY_01_PS`…).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The bytes as read (ASN.1 of an unpublished schema).
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// What the label says the object holds.
    ///
    /// ```
    /// use rppsplus_core::cpx::{SimCard, SituationKind};
    /// # let objects = rppsplus_core::cpx::Cpx::new(SimCard::cps3()).situations_raw(SimCard::PIN.parse()?)?;
    /// assert_eq!(objects[0].kind(), SituationKind::Activity);
    /// assert_eq!(objects[0].index(), Some(1));
    /// # Ok::<(), rppsplus_core::cpx::CardError>(())
    /// ```
    pub fn kind(&self) -> SituationKind {
        if self.index().is_some() {
            SituationKind::Activity
        } else if self.label == "CPS_SIT_FACT" {
            SituationKind::Billing
        } else {
            SituationKind::Other
        }
    }

    /// The number `nn` of a `CPS_ACTIVITY_nn_PS` object.
    pub fn index(&self) -> Option<u8> {
        let n = self.label.strip_prefix("CPS_ACTIVITY_")?.strip_suffix("_PS")?;
        (n.len() == 2).then(|| n.parse().ok()).flatten()
    }
}

impl fmt::Debug for SituationObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SituationObject")
            .field("label", &self.label)
            .field("len", &self.data.len())
            .finish()
    }
}

impl Serialize for SituationObject {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let hex: String = self.data.iter().map(|b| format!("{b:02x}")).collect();
        let mut st = s.serialize_struct("SituationObject", 4)?;
        st.serialize_field("label", &self.label)?;
        st.serialize_field("kind", &self.kind())?;
        st.serialize_field("index", &self.index())?;
        st.serialize_field("data", &hex)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atr_masks() {
        let mut cps3 = KNOWN_ATRS[3].atr.to_vec();
        cps3[11] = 0x82; // a masked byte: the "other ATR listed as CPS"
        assert_eq!(Generation::from_atr(&cps3), Some(Generation::Cps3));
        cps3[5] = 0x01; // an unmasked byte
        assert_eq!(Generation::from_atr(&cps3), None);
        let mut cl = KNOWN_ATRS[4].atr.to_vec();
        cl[11] = 0x41; // only the top two bits of byte 11 count
        assert_eq!(Generation::from_atr(&cl), None);
        cl[11] = 0xEA;
        assert_eq!(Generation::from_atr(&cl), Some(Generation::Cps3Contactless));
        for k in &KNOWN_ATRS[..3] {
            assert_eq!(Generation::from_atr(k.atr), Some(Generation::Cps4));
        }
        let mut cps4 = KNOWN_ATRS[0].atr.to_vec();
        cps4[16] ^= 1;
        assert_eq!(Generation::from_atr(&cps4), None);
        for bad in [&[][..], &[0x3B], &[0xFF; 40], &KNOWN_ATRS[3].atr[1..]] {
            assert_eq!(Generation::from_atr(bad), None);
        }
    }

    #[test]
    fn names_round_trip() {
        for g in Generation::ALL {
            assert_eq!(g.as_str().parse(), Ok(*g));
        }
        for t in CardType::ALL {
            assert_eq!(t.as_str().parse(), Ok(*t));
        }
        assert!("cps5".parse::<Generation>().is_err());
        assert_eq!(CardType::of_id_nat(IdNatPpType::MsSante), None);
    }

    #[test]
    fn serial_numbers() {
        let sn = |pan: &[u8]| CardSerial::from_ef_sn_icc(&[&[0x5A, pan.len() as u8][..], pan].concat());
        assert_eq!(
            sn(&[0x80, 0x25, 0, 0, 1, 0x01, 0x23, 0x45, 0x67, 0x8F]).map(|s| s.to_string()),
            Ok("01234567".into())
        );
        assert_eq!(
            sn(&[0x80, 0x25, 0, 0, 2, 0x01, 0x23, 0x45, 0x67, 0x8F]),
            Err(CardError::NotCpx)
        );
        let malformed = Err(CardError::MalformedData {
            object: CardObject::SerialNumber,
        });
        assert_eq!(sn(&[0x80, 0x25, 0, 0, 1, 0x01, 0x23, 0x4A, 0x67, 0x8F]), malformed);
        assert_eq!(sn(&[0x80, 0x25, 0, 0, 1, 0x01]), malformed);
        assert_eq!(CardSerial::from_ef_sn_icc(&[0x5B, 0x00]), malformed);
        assert_eq!(CardSerial::from_ef_sn_icc(&[0x5A, 0x0A, 0x80]), malformed);
        let ok = sn(&[0x80, 0x25, 0, 0, 1, 0x01, 0x23, 0x45, 0x67, 0x8F]).unwrap();
        assert_eq!(format!("{ok:?}"), "CardSerial(01234567)");
        assert_eq!(serde_json::to_string(&ok).unwrap(), "\"01234567\"");
    }

    #[test]
    fn situation_labels() {
        let o = |l: &str| SituationObject::new(l.into(), vec![1, 2]);
        assert_eq!(
            (o("CPS_ACTIVITY_16_PS").kind(), o("CPS_ACTIVITY_16_PS").index()),
            (SituationKind::Activity, Some(16))
        );
        assert_eq!(o("CPS_SIT_FACT").kind(), SituationKind::Billing);
        assert_eq!(o("CPS_ACTIVITY_1_PS").kind(), SituationKind::Other);
        assert_eq!(o("CPS_ACTIVITY_xx_PS").index(), None);
        assert_eq!(
            format!("{:?}", o("CPS_SIT_FACT")),
            "SituationObject { label: \"CPS_SIT_FACT\", len: 2 }"
        );
        assert_eq!(
            serde_json::to_string(&o("CPS_ACTIVITY_02_PS")).unwrap(),
            r#"{"label":"CPS_ACTIVITY_02_PS","kind":"activity","index":2,"data":"0102"}"#
        );
    }
}
