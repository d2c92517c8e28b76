//! PKCS#15 (ISO 7816-15) discovery: EF.DIR gives the CPx application, its ODF gives the
//! certificate, data and authentication object directories, whose entries give the paths of
//! the objects by label. Nothing here names a file identifier of the holder's data.

use x509_cert::der::asn1::{AnyRef, BitStringRef, Utf8StringRef};
use x509_cert::der::{Tag, Tagged};

use super::tlv::{app, children, ctx, elements, unsigned};
use super::{CardError, CardObject};

/// The AIDs of the CPx PKCS#15 application ("CPx IAS"), contact then contactless
/// (docs/domain.md §6).
pub(crate) const CPX_AIDS: [&[u8]; 2] = [
    &[
        0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10,
    ],
    &[
        0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x20,
    ],
];

/// The label of the authentication certificate in the CDF of a CPx.
pub(crate) const AUTH_CERT_LABEL: &str = "Certificat d'Authentification CPS";

/// The default place of the ODF in a PKCS#15 application DF (when EF.DIR names none).
pub(crate) const DEFAULT_ODF: [u8; 2] = [0x50, 0x31];

/// The identifier of the MF.
pub(crate) const MF: [u8; 2] = [0x3F, 0x00];

/// Deepest file path accepted (8 levels).
const MAX_PATH: usize = 16;

fn malformed(object: CardObject) -> CardError {
    CardError::MalformedData { object }
}

/// A PKCS#15 `Path`: file identifiers from the MF (when it starts with `3F00`) or from the
/// application DF, and optionally the part of the file holding the object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FilePath {
    ids: Vec<u8>,
    /// Where the object starts in the file.
    pub(crate) index: u32,
    /// The object's length, when the path gives it.
    pub(crate) length: Option<u32>,
}

impl FilePath {
    /// A path from its file identifiers: 1 to 8 of them, two bytes each.
    pub(crate) fn new(ids: &[u8], object: CardObject) -> Result<Self, CardError> {
        if ids.is_empty() || ids.len() % 2 != 0 || ids.len() > MAX_PATH {
            return Err(malformed(object));
        }
        Ok(Self {
            ids: ids.to_vec(),
            index: 0,
            length: None,
        })
    }

    /// Parses a `Path ::= SEQUENCE { efidOrPath OCTET STRING, index INTEGER OPTIONAL,
    /// length [0] INTEGER OPTIONAL }`.
    fn parse(any: AnyRef<'_>, object: CardObject) -> Result<Self, CardError> {
        let bad = || malformed(object);
        if any.tag() != Tag::Sequence {
            return Err(bad());
        }
        let fields = children(any).map_err(|_| bad())?;
        let (first, rest) = fields.split_first().ok_or_else(bad)?;
        if first.tag() != Tag::OctetString {
            return Err(bad());
        }
        let mut path = Self::new(first.value(), object)?;
        for field in rest {
            match field.tag() {
                Tag::Integer => path.index = unsigned(*field).map_err(|_| bad())?,
                t if t == ctx(0, false) => path.length = Some(unsigned(*field).map_err(|_| bad())?),
                _ => return Err(bad()),
            }
        }
        Ok(path)
    }

    /// The file identifiers, two bytes each.
    pub(crate) fn ids(&self) -> &[u8] {
        &self.ids
    }

    /// Whether the path starts at the MF.
    pub(crate) fn is_absolute(&self) -> bool {
        self.ids.starts_with(&MF)
    }
}

/// The CPx application as EF.DIR describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Application {
    /// Its AID (one of [`CPX_AIDS`]).
    pub(crate) aid: Vec<u8>,
    /// Its DF's path, when EF.DIR gives it.
    pub(crate) path: Option<FilePath>,
    /// Its ODF's path, when the directory's discretionary data give it.
    pub(crate) odf: Option<FilePath>,
}

/// Finds the CPx application in EF.DIR: the templates `61 { 4F aid, 50 label, 51 path,
/// 73 ddo }`; the contact application first, else the contactless one. `Ok(None)` when EF.DIR
/// lists no CPx application.
pub(crate) fn parse_dir(bytes: &[u8]) -> Result<Option<Application>, CardError> {
    let object = CardObject::Directory;
    let bad = || malformed(object);
    let mut apps = Vec::new();
    for template in elements(bytes).map_err(|_| bad())? {
        if template.tag() != app(1, true) {
            return Err(bad());
        }
        let mut entry = Application {
            aid: Vec::new(),
            path: None,
            odf: None,
        };
        for field in children(template).map_err(|_| bad())? {
            let tag = field.tag();
            if tag == app(15, false) {
                entry.aid = field.value().to_vec();
            } else if tag == app(17, false) {
                entry.path = Some(FilePath::new(field.value(), object)?);
            } else if tag == app(19, true) {
                // PKCS#15 DDO: { oid, odfPath Path OPTIONAL, tokenInfoPath [0] Path OPTIONAL, … }
                let ddo = children(field).map_err(|_| bad())?;
                if let Some(p) = ddo.iter().find(|f| f.tag() == Tag::Sequence) {
                    entry.odf = Some(FilePath::parse(*p, object)?);
                }
            }
        }
        apps.push(entry);
    }
    Ok(CPX_AIDS
        .iter()
        .find_map(|aid| apps.iter().find(|a| a.aid == *aid).cloned()))
}

/// What the ODF points to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Odf {
    /// CDFs (certificates, trusted certificates, useful certificates).
    pub(crate) certificates: Vec<FilePath>,
    /// DODFs.
    pub(crate) data_objects: Vec<FilePath>,
    /// AODFs.
    pub(crate) auth_objects: Vec<FilePath>,
}

/// Parses an ODF: `[4]`/`[5]`/`[6]` certificates, `[7]` data objects, `[8]` authentication
/// objects, each holding a `Path` (other entries and inline objects are skipped).
pub(crate) fn parse_odf(bytes: &[u8]) -> Result<Odf, CardError> {
    let object = CardObject::Odf;
    let bad = || malformed(object);
    let mut odf = Odf::default();
    for entry in elements(bytes).map_err(|_| bad())? {
        let number = match entry.tag() {
            Tag::ContextSpecific {
                constructed: true,
                number,
            } => number.value(),
            _ => return Err(bad()),
        };
        let inner = children(entry).map_err(|_| bad())?;
        let Some(path) = inner.first().filter(|p| p.tag() == Tag::Sequence) else {
            continue;
        };
        let path = FilePath::parse(*path, object)?;
        match number {
            4..=6 => odf.certificates.push(path),
            7 => odf.data_objects.push(path),
            8 => odf.auth_objects.push(path),
            _ => {}
        }
    }
    Ok(odf)
}

/// The common part of every PKCS#15 object: `CommonObjectAttributes ::= SEQUENCE { label
/// Label OPTIONAL, flags BIT STRING OPTIONAL, authId OCTET STRING OPTIONAL, … }`.
struct Common {
    label: String,
    auth_id: Option<Vec<u8>>,
}

fn common(any: AnyRef<'_>, object: CardObject) -> Result<Common, CardError> {
    let bad = || malformed(object);
    if any.tag() != Tag::Sequence {
        return Err(bad());
    }
    let mut out = Common {
        label: String::new(),
        auth_id: None,
    };
    for field in children(any).map_err(|_| bad())? {
        match field.tag() {
            Tag::Utf8String => {
                out.label = field
                    .decode_as::<Utf8StringRef<'_>>()
                    .map_err(|_| bad())?
                    .as_str()
                    .into();
            }
            Tag::OctetString => out.auth_id = Some(field.value().to_vec()),
            _ => {}
        }
    }
    Ok(out)
}

/// The parts of a PKCS#15 object: `SEQUENCE { commonObjectAttributes, classAttributes,
/// subClassAttributes [0] OPTIONAL, typeAttributes [1] }`; `None` for the CHOICE
/// alternatives tagged `[n]` (other certificate or data kinds), which are skipped.
fn object_parts(any: AnyRef<'_>, object: CardObject) -> Result<Option<(Common, AnyRef<'_>, AnyRef<'_>)>, CardError> {
    let bad = || malformed(object);
    if any.tag() != Tag::Sequence {
        return match any.tag() {
            Tag::ContextSpecific { constructed: true, .. } => Ok(None),
            _ => Err(bad()),
        };
    }
    let parts = children(any).map_err(|_| bad())?;
    let [head, class, .., last] = parts.as_slice() else {
        return Err(bad());
    };
    if last.tag() != ctx(1, true) {
        return Err(bad());
    }
    Ok(Some((common(*head, object)?, *class, *last)))
}

/// The `Path` of an `ObjectValue` in `typeAttributes`, itself the first element of a
/// SEQUENCE (certificates) or the element itself (data objects). `None` for a value stored
/// directly in the directory (not used by CPx cards, so skipped).
fn value_path(type_attributes: AnyRef<'_>, nested: bool, object: CardObject) -> Result<Option<FilePath>, CardError> {
    let bad = || malformed(object);
    let inner = children(type_attributes).map_err(|_| bad())?;
    let mut value = *inner.first().ok_or_else(bad)?;
    if nested {
        if value.tag() != Tag::Sequence {
            return Err(bad());
        }
        value = *children(value).map_err(|_| bad())?.first().ok_or_else(bad)?;
    }
    if value.tag() != Tag::Sequence {
        return Ok(None);
    }
    FilePath::parse(value, object).map(Some)
}

/// A certificate of a CDF or a data object of a DODF: its label, the authentication object
/// protecting it (`None`: free access) and its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) label: String,
    pub(crate) auth_id: Option<Vec<u8>>,
    pub(crate) path: FilePath,
}

/// The entries of a CDF or a DODF whose value is a path (`nested`: the value is the first
/// element of a SEQUENCE, as for certificates).
fn parse_entries(bytes: &[u8], object: CardObject, nested: bool) -> Result<Vec<Entry>, CardError> {
    let mut out = Vec::new();
    for entry in elements(bytes).map_err(|_| malformed(object))? {
        let Some((common, _class, typed)) = object_parts(entry, object)? else {
            continue;
        };
        if let Some(path) = value_path(typed, nested, object)? {
            out.push(Entry {
                label: common.label,
                auth_id: common.auth_id,
                path,
            });
        }
    }
    Ok(out)
}

/// Parses a CDF: the X.509 certificate entries.
pub(crate) fn parse_cdf(bytes: &[u8]) -> Result<Vec<Entry>, CardError> {
    parse_entries(bytes, CardObject::Cdf, true)
}

/// The authentication certificate among the CDF entries: the CPx label, else the first
/// label speaking of authentication.
pub(crate) fn auth_certificate(entries: &[Entry]) -> Option<&Entry> {
    entries.iter().find(|e| e.label == AUTH_CERT_LABEL).or_else(|| {
        entries
            .iter()
            .find(|e| e.label.to_lowercase().contains("authentification"))
    })
}

/// Parses a DODF: the opaque data objects.
pub(crate) fn parse_dodf(bytes: &[u8]) -> Result<Vec<Entry>, CardError> {
    parse_entries(bytes, CardObject::Dodf, false)
}

/// How the PIN is encoded in the VERIFY command (PKCS#15 `PinType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PinType {
    /// Packed BCD, two digits a byte.
    Bcd,
    /// One ASCII digit a byte (also UTF-8, the same bytes for digits).
    Ascii,
    /// One digit a byte in the low nibble, high nibble `F`.
    HalfNibbleBcd,
    /// An ISO 9564-1 format 2 block: `2L` then packed BCD padded with `F`.
    Iso9564,
}

/// The longest PIN block, and the longest PIN, an AODF may describe: 16 bytes, twice the
/// 8-byte block of a CPx (docs/cards.md). A [`Pin`](super::Pin) has at most 8 digits, whose
/// longest encoding is 8 bytes; an AODF entry asking for more is malformed card data, refused
/// before any block is built (a `storedLength` of 4 GiB would be a 4 GiB allocation).
pub(crate) const MAX_PIN_BLOCK: u32 = 16;

/// A PIN of the AODF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PinEntry {
    pub(crate) auth_id: Vec<u8>,
    pub(crate) pin_type: PinType,
    pub(crate) min_length: u32,
    pub(crate) stored_length: u32,
    pub(crate) max_length: Option<u32>,
    /// The `P2` of VERIFY.
    pub(crate) reference: u8,
    /// The padding byte when the card wants the block padded to `stored_length`.
    pub(crate) pad: Option<u8>,
    /// The DF where the PIN lives, when not the application DF.
    pub(crate) path: Option<FilePath>,
    /// An unblocking or security officer PIN (not the holder's).
    pub(crate) administrative: bool,
}

/// PKCS#15 `PinFlags` bits (bit 0 is the first byte's high bit).
const FLAG_LOCAL: u16 = 1 << 1;
const FLAG_NEEDS_PADDING: u16 = 1 << 5;
const FLAG_UNBLOCKING: u16 = 1 << 6;
const FLAG_SO: u16 = 1 << 7;

/// Parses an AODF: the PIN objects (other authentication kinds are skipped). A length above
/// [`MAX_PIN_BLOCK`] (minimum, stored or maximum) is [`CardError::MalformedData`].
///
/// `PinAttributes ::= SEQUENCE { pinFlags BIT STRING, pinType ENUMERATED, minLength INTEGER,
/// storedLength INTEGER, maxLength INTEGER OPTIONAL, pinReference [0] INTEGER DEFAULT 0,
/// padChar OCTET STRING OPTIONAL, lastPinChange GeneralizedTime OPTIONAL, path Path OPTIONAL }`.
pub(crate) fn parse_aodf(bytes: &[u8]) -> Result<Vec<PinEntry>, CardError> {
    let object = CardObject::Aodf;
    let bad = || malformed(object);
    let mut out = Vec::new();
    for entry in elements(bytes).map_err(|_| bad())? {
        let Some((_common, class, typed)) = object_parts(entry, object)? else {
            continue;
        };
        let auth_id = children(class)
            .map_err(|_| bad())?
            .into_iter()
            .find(|f| f.tag() == Tag::OctetString)
            .ok_or_else(bad)?
            .value()
            .to_vec();
        let attrs = *children(typed).map_err(|_| bad())?.first().ok_or_else(bad)?;
        if attrs.tag() != Tag::Sequence {
            return Err(bad());
        }
        let fields = children(attrs).map_err(|_| bad())?;
        let [flags, pin_type, min, stored, rest @ ..] = fields.as_slice() else {
            return Err(bad());
        };
        let flags = flags.decode_as::<BitStringRef<'_>>().map_err(|_| bad())?;
        let raw = flags.raw_bytes();
        let flags =
            u16::from_be_bytes([raw.first().copied().unwrap_or(0), raw.get(1).copied().unwrap_or(0)]).reverse_bits();
        if pin_type.tag() != Tag::Enumerated {
            return Err(bad());
        }
        let pin_type = match unsigned(*pin_type).map_err(|_| bad())? {
            0 => PinType::Bcd,
            1 | 2 => PinType::Ascii,
            3 => PinType::HalfNibbleBcd,
            4 => PinType::Iso9564,
            _ => return Err(bad()),
        };
        let mut pin = PinEntry {
            auth_id,
            pin_type,
            min_length: unsigned(*min).map_err(|_| bad())?,
            stored_length: unsigned(*stored).map_err(|_| bad())?,
            max_length: None,
            reference: 0,
            pad: None,
            path: None,
            administrative: flags & (FLAG_UNBLOCKING | FLAG_SO) != 0,
        };
        let mut pad_char = None;
        for field in rest {
            match field.tag() {
                Tag::Integer => pin.max_length = Some(unsigned(*field).map_err(|_| bad())?),
                Tag::OctetString => pad_char = field.value().first().copied(),
                Tag::Sequence => pin.path = Some(FilePath::parse(*field, object)?),
                t if t == ctx(0, false) => {
                    pin.reference = u8::try_from(unsigned(*field).map_err(|_| bad())?).map_err(|_| bad())?;
                }
                _ => {}
            }
        }
        let lengths = [pin.min_length, pin.stored_length, pin.max_length.unwrap_or(0)];
        if lengths.iter().any(|n| *n > MAX_PIN_BLOCK) {
            return Err(bad());
        }
        if flags & FLAG_LOCAL != 0 {
            pin.reference |= 0x80;
        }
        if flags & FLAG_NEEDS_PADDING != 0 {
            pin.pad = Some(pad_char.unwrap_or(0xFF));
        }
        out.push(pin);
    }
    Ok(out)
}

/// The holder's PIN: the one protecting the private data objects, else the first PIN that is
/// neither an unblocking nor a security officer PIN.
pub(crate) fn holder_pin<'a>(pins: &'a [PinEntry], data: &[Entry]) -> Option<&'a PinEntry> {
    let protecting = data.iter().find_map(|d| d.auth_id.as_deref());
    protecting
        .and_then(|id| pins.iter().find(|p| p.auth_id == id))
        .or_else(|| pins.iter().find(|p| !p.administrative))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cpx::tlv::encode;

    fn path(ids: &[u8]) -> Vec<u8> {
        encode(Tag::Sequence, &encode(Tag::OctetString, ids))
    }

    #[test]
    fn dir_gives_the_cpx_application_contact_first() {
        let contactless = [
            encode(app(15, false), CPX_AIDS[1]),
            encode(app(17, false), &[0x3F, 0x00, 0x00, 0x02]),
        ]
        .concat();
        let contact = [encode(app(15, false), CPX_AIDS[0]), encode(app(16, false), b"CPS")].concat();
        let other = encode(app(15, false), &[0xA0, 0, 0, 0, 1]);
        let dir = [
            encode(app(1, true), &other),
            encode(app(1, true), &contactless),
            encode(app(1, true), &contact),
            vec![0; 10],
        ]
        .concat();
        let found = parse_dir(&dir).unwrap().unwrap();
        assert_eq!(found.aid, CPX_AIDS[0]);
        assert_eq!(found.path, None);
        let only_cl = encode(app(1, true), &contactless);
        let found = parse_dir(&only_cl).unwrap().unwrap();
        assert_eq!(found.path.map(|p| p.ids().to_vec()), Some(vec![0x3F, 0, 0, 2]));
        assert_eq!(parse_dir(&encode(app(1, true), &other)), Ok(None));
        assert!(parse_dir(&encode(app(2, true), &other)).is_err());
        let ddo = encode(
            app(19, true),
            &[encode(Tag::ObjectIdentifier, &[0x2A]), path(&[0x50, 0x32])].concat(),
        );
        let with_ddo = encode(app(1, true), &[contact.clone(), ddo].concat());
        let odf = parse_dir(&with_ddo).unwrap().unwrap().odf.unwrap();
        assert_eq!((odf.ids(), odf.is_absolute()), (&[0x50, 0x32][..], false));
    }

    #[test]
    fn odf_paths_absolute_and_relative() {
        let odf = [
            encode(ctx(4, true), &path(&[0x3F, 0x00, 0x00, 0x01, 0x70, 0x04])),
            encode(ctx(7, true), &path(&[0x70, 0x06])),
            encode(ctx(8, true), &path(&[0x70, 0x02])),
            encode(ctx(0, true), &path(&[0x70, 0x01])),
            encode(ctx(5, true), &encode(ctx(0, true), b"")), // inline objects: skipped
            vec![0xFF; 4],
        ]
        .concat();
        let odf = parse_odf(&odf).unwrap();
        assert_eq!(odf.certificates.len(), 1);
        assert!(odf.certificates[0].is_absolute());
        assert!(!odf.data_objects[0].is_absolute());
        assert_eq!(odf.auth_objects[0].ids(), [0x70, 0x02]);
        assert!(parse_odf(&path(&[1, 2])).is_err());
        // Odd-length, empty and too deep paths are refused.
        for ids in [&[0x3F][..], &[], &[0; 18]] {
            assert!(parse_odf(&encode(ctx(4, true), &path(ids))).is_err());
        }
    }

    #[test]
    fn path_index_and_length() {
        let p = encode(
            Tag::Sequence,
            &[
                encode(Tag::OctetString, &[0x70, 0x04]),
                encode(Tag::Integer, &[0x10]),
                encode(ctx(0, false), &[0x01, 0x00]),
            ]
            .concat(),
        );
        let odf = parse_odf(&encode(ctx(4, true), &p)).unwrap();
        assert_eq!((odf.certificates[0].index, odf.certificates[0].length), (16, Some(256)));
        let wrong = encode(
            Tag::Sequence,
            &[encode(Tag::OctetString, &[0x70, 0x04]), encode(Tag::Boolean, &[0xFF])].concat(),
        );
        assert!(parse_odf(&encode(ctx(4, true), &wrong)).is_err());
    }

    /// An AODF of one PIN entry whose lengths are `min`, `stored`, `max` (INTEGER contents).
    fn aodf(min: &[u8], stored: &[u8], max: &[u8]) -> Vec<u8> {
        let attrs = [
            encode(Tag::BitString, &[0x02, 0x0C]),
            encode(Tag::Enumerated, &[0x01]),
            encode(Tag::Integer, min),
            encode(Tag::Integer, stored),
            encode(Tag::Integer, max),
            encode(ctx(0, false), &[0x01]),
            encode(Tag::OctetString, &[0xFF]),
        ]
        .concat();
        let entry = [
            encode(Tag::Sequence, &encode(Tag::Utf8String, b"PIN")),
            encode(Tag::Sequence, &encode(Tag::OctetString, &[0x01])),
            encode(ctx(1, true), &encode(Tag::Sequence, &attrs)),
        ]
        .concat();
        encode(Tag::Sequence, &entry)
    }

    #[test]
    fn pin_lengths_beyond_a_pin_block_are_malformed() {
        let pins = parse_aodf(&aodf(&[4], &[8], &[8])).unwrap();
        assert_eq!(
            (
                pins[0].min_length,
                pins[0].stored_length,
                pins[0].max_length,
                pins[0].pad
            ),
            (4, 8, Some(8), Some(0xFF))
        );
        assert_eq!(parse_aodf(&aodf(&[4], &[16], &[16])).unwrap()[0].stored_length, 16);
        let malformed = Err(CardError::MalformedData {
            object: CardObject::Aodf,
        });
        let huge = [0x00, 0xFF, 0xFF, 0xFF, 0xFF];
        assert_eq!(parse_aodf(&aodf(&[4], &huge, &[8])), malformed);
        assert_eq!(parse_aodf(&aodf(&[4], &[0x01, 0x00], &[8])), malformed);
        assert_eq!(parse_aodf(&aodf(&[4], &[8], &[17])), malformed);
        assert_eq!(parse_aodf(&aodf(&[17], &[8], &[8])), malformed);
    }

    /// The content octets of a DER INTEGER holding `n`.
    fn integer(n: u32) -> Vec<u8> {
        let bytes = n.to_be_bytes();
        let start = bytes.iter().position(|b| *b != 0).unwrap_or(3);
        let mut out = bytes[start..].to_vec();
        if out[0] & 0x80 != 0 {
            out.insert(0, 0);
        }
        out
    }

    proptest::proptest! {
        /// Any lengths an AODF may claim: refused, or a PIN block of at most 16 bytes built in
        /// its first buffer and a VERIFY that carries it whole.
        #[test]
        fn any_pin_lengths_give_a_bounded_block_or_an_error(
            min in proptest::prelude::any::<u32>(),
            stored in proptest::prelude::any::<u32>(),
            max in proptest::prelude::any::<u32>(),
            small in 0u32..=24,
            pin in "[0-9]{4,8}",
        ) {
            let pin: crate::cpx::Pin = pin.parse().unwrap();
            for (min, stored, max) in [(min, stored, max), (small % 9, small, small.max(4))] {
                match parse_aodf(&aodf(&integer(min), &integer(stored), &integer(max))) {
                    Ok(pins) => {
                        proptest::prop_assert!(stored <= MAX_PIN_BLOCK && max <= MAX_PIN_BLOCK);
                        match pin.block(&pins[0]) {
                            Ok(block) => {
                                proptest::prop_assert!(block.len() <= MAX_PIN_BLOCK as usize);
                                proptest::prop_assert_eq!(block.capacity(), MAX_PIN_BLOCK as usize);
                                let verify = crate::cpx::Command::verify(1, &block).unwrap();
                                proptest::prop_assert_eq!(&verify.to_bytes()[5..], &block[..]);
                            }
                            Err(e) => proptest::prop_assert_eq!(e, CardError::InvalidPin),
                        }
                    }
                    Err(e) => {
                        proptest::prop_assert!(min > MAX_PIN_BLOCK || stored > MAX_PIN_BLOCK || max > MAX_PIN_BLOCK);
                        proptest::prop_assert_eq!(e, CardError::MalformedData { object: CardObject::Aodf });
                    }
                }
            }
        }
    }

    #[test]
    fn picks_the_authentication_certificate() {
        let e = |label: &str| Entry {
            label: label.into(),
            auth_id: None,
            path: FilePath::new(&[1, 2], CardObject::Cdf).unwrap(),
        };
        let entries = [e("Certificat de Signature CPS"), e(AUTH_CERT_LABEL)];
        assert_eq!(auth_certificate(&entries).unwrap().label, AUTH_CERT_LABEL);
        let entries = [e("Certificat de Signature CPS"), e("certificat d'AUTHENTIFICATION")];
        assert!(auth_certificate(&entries).is_some());
        assert!(auth_certificate(&entries[..1]).is_none());
    }
}
