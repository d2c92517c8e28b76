//! A simulated CPx card, **synthetic** from end to end: its file tree follows the public
//! facts of docs/cards.md (ATRs, AIDs, EF.DIR, EF.SN.ICC, PKCS#15 directories, PIN rules,
//! T=0), its identities and the contents of its data objects are invented.

use std::collections::{BTreeMap, BTreeSet};

use x509_cert::der::Tag;

use super::apdu::{MAX_READ, Sw};
use super::model::{ANS_ISSUER, example_atr};
use super::pkcs15::{AUTH_CERT_LABEL, CPX_AIDS, DEFAULT_ODF, MF};
use super::tlv::{app, ctx, encode};
use super::transport::{ApduLink, CardTransport, Disposition};
use super::{CardError, Generation};
use crate::ids::luhn;

/// A file of the simulated card, to leave out with [`SimCard::without`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SimFile {
    /// EF.DIR.
    Directory,
    /// EF.SN.ICC.
    SerialNumber,
    /// The ODF.
    Odf,
    /// The CDF.
    Cdf,
    /// The authentication certificate (the CDF still points to it).
    Certificate,
    /// The AODF.
    Aodf,
    /// The DODF.
    Dodf,
    /// The first situation (the DODF still points to it).
    Situation,
}

/// The kinds of card the simulator plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    Cps3,
    Cps3Contactless,
    Cps4,
    Cpe,
}

impl Profile {
    fn generation(self) -> Generation {
        match self {
            Self::Cps3 | Self::Cpe => Generation::Cps3,
            Self::Cps3Contactless => Generation::Cps3Contactless,
            Self::Cps4 => Generation::Cps4,
        }
    }

    fn serial(self) -> &'static [u8; 8] {
        match self {
            Self::Cps3 => b"90000301",
            Self::Cps3Contactless => b"90000302",
            Self::Cps4 => b"90000401",
            Self::Cpe => b"90000303",
        }
    }
}

/// How the card answers a READ BINARY asking past the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overrun {
    /// The bytes there are, then `62 82` (IAS-ECC).
    EndOfFile,
    /// `6C xx` with the bytes there are (T=0 style); the reader resends with that Le.
    ExactLength,
}

/// Who may read an EF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Free,
    Pin,
}

#[derive(Debug, Clone)]
enum Node {
    Df { aid: Option<Vec<u8>> },
    Ef { data: Vec<u8>, access: Access },
}

/// The synthetic holder PIN and its counter.
#[derive(Debug, Clone)]
struct SimPin {
    reference: u8,
    tries: u8,
    max: u8,
}

/// What the card remembers between commands (lost at a reset).
#[derive(Debug, Clone, Default)]
struct State {
    df: Vec<u8>,
    ef: Option<Vec<u8>>,
    pending: Vec<u8>,
    verified: bool,
}

/// A simulated CPx card (**synthetic data**), usable wherever a [`CardTransport`] is, and
/// served to a real pcscd through vpcd by `cpx::vpcd` (feature `pcsc`).
///
/// It has an MF/DF/EF tree with read access rules, the CPx applications and their PKCS#15
/// directories, a synthetic self-signed authentication certificate, a PIN
/// ([`SimCard::PIN`]) with a try counter (3, then blocked), and the T=0 behaviour of a CPS3
/// (`61 xx` for GET RESPONSE, `6C xx` on a wrong Le on the CPS4, `9F xx` for CLA `A0`).
/// Builders change one thing each: the paths, a missing file, a blocked PIN, a removal
/// after some commands, an answer replaced.
///
/// ```
/// use rppsplus_core::cpx::{CardError, Cpx, SimCard, SimFile};
///
/// let mut card = Cpx::new(SimCard::cps4().with_relative_paths());
/// assert_eq!(card.holder()?.prenom(), "CAMILLE");
/// let mut broken = Cpx::new(SimCard::cps3().without(SimFile::Certificate));
/// assert!(matches!(broken.holder(), Err(CardError::MissingObject { .. })));
/// # Ok::<(), CardError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SimCard {
    profile: Profile,
    relative_paths: bool,
    missing: BTreeSet<SimFile>,
    files: BTreeMap<Vec<u8>, Node>,
    pin: SimPin,
    state: State,
    path_select: bool,
    aid_select: bool,
    inserted: bool,
    remove_after: Option<usize>,
    replaced: BTreeMap<usize, Vec<u8>>,
    apdus: usize,
    resets: usize,
}

/// Synthetic contents, named so that they can never pass for real card data.
const SYNTHETIC: &[u8] = b"SYNTHETIQUE";

/// The files of the application DF (synthetic identifiers).
const APP_DF: [u8; 2] = [0x00, 0x01];
const CDF: [u8; 2] = [0x70, 0x04];
const AODF: [u8; 2] = [0x70, 0x02];
const DODF: [u8; 2] = [0x70, 0x06];
const AUTH_CERT: [u8; 2] = [0xE0, 0x01];
const SIGN_CERT: [u8; 2] = [0xE0, 0x02];
const NAME_PS: [u8; 2] = [0x00, 0x10];
const SITUATIONS: [[u8; 2]; 2] = [[0xD1, 0x20], [0xD1, 0x21]];
const SIT_FACT: [u8; 2] = [0xD1, 0x30];

fn path(ids: &[[u8; 2]]) -> Vec<u8> {
    ids.concat()
}

/// A PKCS#15 `Path`.
fn pkcs15_path(ids: &[u8]) -> Vec<u8> {
    encode(Tag::Sequence, &encode(Tag::OctetString, ids))
}

/// `CommonObjectAttributes { label, flags, authId }`.
fn common(label: &str, auth_id: Option<u8>) -> Vec<u8> {
    let mut v = encode(Tag::Utf8String, label.as_bytes());
    v.extend(encode(Tag::BitString, &[0x07, 0x80]));
    if let Some(id) = auth_id {
        v.extend(encode(Tag::OctetString, &[id]));
    }
    encode(Tag::Sequence, &v)
}

impl SimCard {
    /// The synthetic PIN of every simulated card.
    pub const PIN: &'static str = "1234";

    /// The synthetic authentication certificate of the CPS profiles: subject
    /// `CN=899700000013+SN=SYNTHETIQUE+GN=CAMILLE, title=Médecin, C=FR` (a test RPPS),
    /// self-signed, made by `scripts/gen_cpx_certs.sh`.
    pub const CPS_CERTIFICATE: &'static [u8] = include_bytes!("cps_auth.der");

    /// The synthetic authentication certificate of the CPE profile: subject
    /// `GN=DOMINIQUE+SN=SYNTHETIQUE+CN=32A0000001/CPE00001, OU=2A0000001, O=SYNTHETIQUE, C=FR`.
    pub const CPE_CERTIFICATE: &'static [u8] = include_bytes!("cpe_auth.der");

    fn new(profile: Profile) -> Self {
        let mut card = Self {
            profile,
            relative_paths: false,
            missing: BTreeSet::new(),
            files: BTreeMap::new(),
            pin: SimPin {
                reference: 0x01,
                tries: 3,
                max: 3,
            },
            state: State {
                df: MF.to_vec(),
                ..State::default()
            },
            path_select: true,
            aid_select: true,
            inserted: true,
            remove_after: None,
            replaced: BTreeMap::new(),
            apdus: 0,
            resets: 0,
        };
        card.build();
        card
    }

    /// A CPS3 read through its contacts: a doctor's card (test RPPS), situations 1 and 2.
    pub fn cps3() -> Self {
        Self::new(Profile::Cps3)
    }

    /// A CPS3 read without contact (contactless ATR and application).
    pub fn cps3_contactless() -> Self {
        Self::new(Profile::Cps3Contactless)
    }

    /// A CPS4 (no GET DATA of the PIN counter; `6C xx` when a read asks past the end).
    pub fn cps4() -> Self {
        Self::new(Profile::Cps4)
    }

    /// A CPE (staff card of an establishment): a structure-based idNat, no profession.
    pub fn cpe() -> Self {
        Self::new(Profile::Cpe)
    }

    /// PKCS#15 paths relative to the application DF (the default is absolute, from 3F00).
    pub fn with_relative_paths(mut self) -> Self {
        self.relative_paths = true;
        self.build();
        self
    }

    /// The PIN blocked (no try left).
    pub fn with_pin_blocked(mut self) -> Self {
        self.pin.tries = 0;
        self
    }

    /// Leaves `file` out (the directories that point to it still do).
    pub fn without(mut self, file: SimFile) -> Self {
        self.missing.insert(file);
        self.build();
        self
    }

    /// A card that refuses SELECT by path (P1 08/09), so that files are selected one
    /// identifier at a time.
    pub fn without_path_selection(mut self) -> Self {
        self.path_select = false;
        self
    }

    /// A card that does not find its application by AID (selected by its path instead).
    pub fn without_aid_selection(mut self) -> Self {
        self.aid_select = false;
        self
    }

    /// The card is pulled out when the command after the `apdus`-th arrives (counted from
    /// the card's creation): that command fails with [`CardError::CardRemoved`].
    pub fn remove_after(mut self, apdus: usize) -> Self {
        self.remove_after = Some(apdus);
        self
    }

    /// The `apdu`-th command (counted from 1) is answered `response` instead.
    pub fn answer_at(mut self, apdu: usize, response: &[u8]) -> Self {
        self.replaced.insert(apdu, response.to_vec());
        self
    }

    /// Commands received so far.
    pub fn apdu_count(&self) -> usize {
        self.apdus
    }

    /// Resets so far (power-up excluded).
    pub fn reset_count(&self) -> usize {
        self.resets
    }

    /// Tries left on the PIN.
    pub fn pin_tries(&self) -> u8 {
        self.pin.tries
    }

    /// Whether the card is in its reader.
    pub fn is_inserted(&self) -> bool {
        self.inserted
    }

    /// Pulls the card out.
    pub fn remove(&mut self) {
        self.inserted = false;
        self.remove_after = None;
    }

    /// Puts the card back (powered up afresh).
    pub fn insert(&mut self) {
        self.inserted = true;
        self.state = State {
            df: MF.to_vec(),
            ..State::default()
        };
    }

    /// The card's ATR.
    pub fn atr(&self) -> &'static [u8] {
        example_atr(self.profile.generation())
    }

    /// A warm reset: current file back to the MF, PIN no longer verified.
    pub fn reset(&mut self) {
        self.resets += 1;
        self.state = State {
            df: MF.to_vec(),
            ..State::default()
        };
    }

    /// Builds the file tree from the profile and the options.
    fn build(&mut self) {
        let p = self.profile;
        let mut files = BTreeMap::new();
        let mut ef = |ids: &[[u8; 2]], data: Vec<u8>, access| {
            files.insert(path(ids), Node::Ef { data, access });
        };
        let df = |ids: &[[u8; 2]]| (path(ids), Node::Df { aid: None });
        let aid = if p == Profile::Cps3Contactless {
            CPX_AIDS[1]
        } else {
            CPX_AIDS[0]
        };
        let in_app = |fid: [u8; 2]| {
            if self.relative_paths {
                fid.to_vec()
            } else {
                path(&[MF, APP_DF, fid])
            }
        };

        // EF.ATR: category indicator then the IAS-ECC AID (synthetic buffer sizes left out).
        ef(
            &[MF, [0x2F, 0x01]],
            [
                &[0x80][..],
                &encode(app(15, false), &[0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00]),
            ]
            .concat(),
            Access::Free,
        );
        let dir = [
            encode(app(15, false), aid),
            encode(app(16, false), b"CPx SYNTHETIQUE"),
            encode(app(17, false), &path(&[MF, APP_DF])),
        ]
        .concat();
        ef(
            &[MF, [0x2F, 0x00]],
            [encode(app(1, true), &dir), vec![0; 16]].concat(),
            Access::Free,
        );
        // EF.SN.ICC: issuer, 8 serial digits, Luhn digit, F.
        let digits: Vec<u8> = [b"8025000001".as_slice(), p.serial()].concat();
        let check = luhn::check_digit(&digits).unwrap_or(b'0') - b'0';
        let mut pan = ANS_ISSUER.to_vec();
        pan.extend(p.serial().chunks(2).map(|d| (d[0] - b'0') << 4 | (d[1] - b'0')));
        pan.push(check << 4 | 0x0F);
        ef(&[MF, [0xD0, 0x03]], encode(app(26, false), &pan), Access::Free);
        // EF_ACTUA: { 81 start, 82 end } as BCD dates (synthetic).
        let actua = [
            encode(ctx(1, false), &[0x20, 0x26, 0x01, 0x01, 0, 0, 0]),
            encode(ctx(2, false), &[0x20, 0x29, 0x12, 0x31, 0, 0, 0]),
        ];
        ef(
            &[MF, [0xD0, 0x10]],
            encode(app(12, true), &actua.concat()),
            Access::Free,
        );

        let odf = [
            encode(ctx(4, true), &pkcs15_path(&in_app(CDF))),
            encode(ctx(8, true), &pkcs15_path(&in_app(AODF))),
            encode(ctx(7, true), &pkcs15_path(&in_app(DODF))),
        ]
        .concat();
        ef(&[MF, APP_DF, DEFAULT_ODF], [odf, vec![0; 8]].concat(), Access::Free);

        let certificate = |label: &str, id: u8, fid| {
            let attrs = encode(Tag::Sequence, &encode(Tag::OctetString, &[id]));
            let value = encode(Tag::Sequence, &pkcs15_path(&in_app(fid)));
            encode(
                Tag::Sequence,
                &[common(label, None), attrs, encode(ctx(1, true), &value)].concat(),
            )
        };
        let cdf = [
            certificate("Certificat de Signature CPS", 2, SIGN_CERT),
            certificate(AUTH_CERT_LABEL, 1, AUTH_CERT),
        ]
        .concat();
        ef(&[MF, APP_DF, CDF], cdf, Access::Free);
        let cert = if p == Profile::Cpe {
            Self::CPE_CERTIFICATE
        } else {
            Self::CPS_CERTIFICATE
        };
        ef(&[MF, APP_DF, AUTH_CERT], cert.to_vec(), Access::Free);
        ef(&[MF, APP_DF, SIGN_CERT], cert.to_vec(), Access::Free);

        // AODF: the holder PIN, ASCII digits padded with FF to 8, reference 1, in the MF.
        let pin_attrs = [
            encode(Tag::BitString, &[0x02, 0x0C]), // initialized, needs-padding
            encode(Tag::Enumerated, &[0x01]),      // ascii-numeric
            encode(Tag::Integer, &[4]),
            encode(Tag::Integer, &[8]),
            encode(Tag::Integer, &[8]),
            encode(ctx(0, false), &[self.pin.reference]),
            encode(Tag::OctetString, &[0xFF]),
            pkcs15_path(&MF),
        ]
        .concat();
        let pin = [
            common("Code porteur SYNTHETIQUE", None),
            encode(Tag::Sequence, &encode(Tag::OctetString, &[0x01])),
            encode(ctx(1, true), &encode(Tag::Sequence, &pin_attrs)),
        ]
        .concat();
        ef(&[MF, APP_DF, AODF], encode(Tag::Sequence, &pin), Access::Free);

        let data_object = |label: &str, auth: Option<u8>, fid| {
            let class = encode(Tag::Sequence, &encode(Tag::Utf8String, b"CPS"));
            encode(
                Tag::Sequence,
                &[
                    common(label, auth),
                    class,
                    encode(ctx(1, true), &pkcs15_path(&in_app(fid))),
                ]
                .concat(),
            )
        };
        let dodf = [
            data_object("CPS_NAME_PS", None, NAME_PS),
            data_object("CPS_ACTIVITY_01_PS", Some(1), SITUATIONS[0]),
            data_object("CPS_ACTIVITY_02_PS", Some(1), SITUATIONS[1]),
            data_object("CPS_SIT_FACT", Some(1), SIT_FACT),
        ]
        .concat();
        ef(&[MF, APP_DF, DODF], dodf, Access::Free);
        // Invented contents: the real schema of these objects is not public.
        ef(
            &[MF, APP_DF, NAME_PS],
            encode(Tag::Sequence, &encode(Tag::Utf8String, SYNTHETIC)),
            Access::Free,
        );
        for (i, fid) in SITUATIONS.iter().enumerate() {
            let text = format!("SYNTHETIQUE situation {}", i + 1);
            ef(
                &[MF, APP_DF, *fid],
                encode(Tag::Sequence, &encode(Tag::Utf8String, text.as_bytes())),
                Access::Pin,
            );
        }
        ef(
            &[MF, APP_DF, SIT_FACT],
            encode(Tag::Sequence, &encode(Tag::Utf8String, b"SYNTHETIQUE facturation")),
            Access::Pin,
        );

        let (mf, mut app_df) = (df(&[MF]), df(&[MF, APP_DF]));
        app_df.1 = Node::Df {
            aid: Some(aid.to_vec()),
        };
        files.extend([mf, app_df]);
        for missing in &self.missing {
            let ids = match missing {
                SimFile::Directory => path(&[MF, [0x2F, 0x00]]),
                SimFile::SerialNumber => path(&[MF, [0xD0, 0x03]]),
                SimFile::Odf => path(&[MF, APP_DF, DEFAULT_ODF]),
                SimFile::Cdf => path(&[MF, APP_DF, CDF]),
                SimFile::Certificate => path(&[MF, APP_DF, AUTH_CERT]),
                SimFile::Aodf => path(&[MF, APP_DF, AODF]),
                SimFile::Dodf => path(&[MF, APP_DF, DODF]),
                SimFile::Situation => path(&[MF, APP_DF, SITUATIONS[0]]),
            };
            files.remove(&ids);
        }
        self.files = files;
    }

    /// The card's answer to one command APDU, as a reader would get it; `None` once the
    /// card is out of its reader (never inserted again by itself).
    pub fn respond(&mut self, command: &[u8]) -> Option<Vec<u8>> {
        if !self.inserted {
            return None;
        }
        self.apdus += 1;
        if self.remove_after.is_some_and(|n| self.apdus > n) {
            self.remove();
            return None;
        }
        if let Some(answer) = self.replaced.remove(&self.apdus) {
            return Some(answer);
        }
        let (data, sw) = self.process(command);
        Some([data, sw.0.to_be_bytes().to_vec()].concat())
    }

    fn process(&mut self, c: &[u8]) -> (Vec<u8>, Sw) {
        let none = |sw| (Vec::new(), sw);
        let (header, body) = match c {
            [a, b, c, d, rest @ ..] => ([*a, *b, *c, *d], rest),
            _ => return none(Sw::WRONG_LENGTH),
        };
        let (data, le) = match body {
            [] => (&[][..], None),
            [le] => (&[][..], Some(*le)),
            [lc, rest @ ..] if rest.len() == usize::from(*lc) => (rest, None),
            [lc, rest @ ..] if rest.len() == usize::from(*lc) + 1 => (&rest[..rest.len() - 1], rest.last().copied()),
            _ => return none(Sw::WRONG_LENGTH),
        };
        let le = le.map(|n| if n == 0 { 256 } else { usize::from(n) });
        let [cla, ins, p1, p2] = header;
        if ins != 0xC0 {
            self.state.pending.clear();
        }
        match (cla, ins) {
            (0x00 | 0xA0, 0xA4) => self.select(cla, p1, p2, data),
            (0x00 | 0xA0, 0xC0) => self.get_response(le.unwrap_or(256)),
            (0x00 | 0xA0, 0xB0) => self.read_binary(p1, p2, le.unwrap_or(256)),
            (0x00, 0x20) => none(self.verify(p2, data)),
            (0x00, 0xCB) => self.get_data(p1, p2, data),
            (0x00 | 0xA0, _) => none(Sw::INS_NOT_SUPPORTED),
            _ => none(Sw::CLA_NOT_SUPPORTED),
        }
    }

    fn select(&mut self, cla: u8, p1: u8, p2: u8, data: &[u8]) -> (Vec<u8>, Sw) {
        let none = |sw| (Vec::new(), sw);
        if data.len() % 2 != 0 && p1 != 0x04 {
            return none(Sw::WRONG_LENGTH);
        }
        let target = match p1 {
            0x04 if self.aid_select => self
                .files
                .iter()
                .find(|(_, n)| matches!(n, Node::Df { aid: Some(aid) } if aid == data))
                .map(|(p, _)| p.clone()),
            0x04 => None,
            0x08 | 0x09 if !self.path_select => return none(Sw::WRONG_P1P2),
            0x08 => Some([&MF[..], data].concat()),
            0x09 => Some([&self.state.df[..], data].concat()),
            0x00 if data == MF => Some(MF.to_vec()),
            0x00..=0x02 if data.len() == 2 => Some([&self.state.df[..], data].concat()),
            _ => return none(Sw::WRONG_P1P2),
        };
        let Some((target, node)) = target.and_then(|t| self.files.get(&t).cloned().map(|n| (t, n))) else {
            return none(if cla == 0xA0 {
                Sw::CPS2TER_FILE_NOT_FOUND
            } else {
                Sw::FILE_NOT_FOUND
            });
        };
        let (size, kind) = match &node {
            Node::Df { .. } => {
                self.state.df = target.clone();
                self.state.ef = None;
                (0, 0x38)
            }
            Node::Ef { data, .. } => {
                self.state.df = target[..target.len() - 2].to_vec();
                self.state.ef = Some(target.clone());
                (data.len() as u16, 0x01)
            }
        };
        if p2 & 0x0C == 0x0C {
            return none(Sw::OK);
        }
        let fid = &target[target.len() - 2..];
        let [hi, lo] = size.to_be_bytes();
        // T=0: the control parameters wait for GET RESPONSE.
        if cla == 0xA0 {
            self.state.pending = encode(ctx(5, false), &[hi, lo, fid[0], fid[1], if kind == 1 { 4 } else { 2 }]);
            return none(Sw(0x9F00 | self.state.pending.len() as u16));
        }
        let fcp = [
            encode(ctx(0, false), &[hi, lo]),
            encode(ctx(2, false), &[kind]),
            encode(ctx(3, false), fid),
        ]
        .concat();
        self.state.pending = encode(app(2, true), &fcp);
        none(Sw(0x6100 | self.state.pending.len() as u16))
    }

    fn get_response(&mut self, le: usize) -> (Vec<u8>, Sw) {
        let pending = std::mem::take(&mut self.state.pending);
        if pending.is_empty() {
            return (Vec::new(), Sw(0x6985));
        }
        if le > pending.len() {
            let sw = Sw(0x6C00 | pending.len() as u16);
            self.state.pending = pending;
            return (Vec::new(), sw);
        }
        let (now, later) = pending.split_at(le);
        if later.is_empty() {
            return (now.to_vec(), Sw::OK);
        }
        let sw = Sw(0x6100 | later.len().min(255) as u16);
        let now = now.to_vec();
        self.state.pending = later.to_vec();
        (now, sw)
    }

    fn read_binary(&mut self, p1: u8, p2: u8, le: usize) -> (Vec<u8>, Sw) {
        let none = |sw| (Vec::new(), sw);
        if p1 & 0x80 != 0 {
            return none(Sw::FUNCTION_NOT_SUPPORTED);
        }
        if le > MAX_READ {
            return none(Sw::WRONG_LENGTH);
        }
        let Some(Node::Ef { data, access }) = self.state.ef.as_ref().and_then(|p| self.files.get(p)) else {
            return none(Sw(0x6986));
        };
        if *access == Access::Pin && !self.state.verified {
            return none(Sw::SECURITY_NOT_SATISFIED);
        }
        let offset = usize::from(u16::from_be_bytes([p1, p2]));
        if offset >= data.len() && !(offset == 0 && data.is_empty()) {
            return none(Sw::WRONG_OFFSET);
        }
        let chunk = data[offset..data.len().min(offset + le)].to_vec();
        if chunk.len() == le {
            return (chunk, Sw::OK);
        }
        match self.overrun() {
            Overrun::EndOfFile => (chunk, Sw::END_OF_FILE),
            Overrun::ExactLength => none(Sw(0x6C00 | chunk.len() as u16)),
        }
    }

    fn overrun(&self) -> Overrun {
        if self.profile == Profile::Cps4 {
            Overrun::ExactLength
        } else {
            Overrun::EndOfFile
        }
    }

    fn verify(&mut self, p2: u8, data: &[u8]) -> Sw {
        let pin = &mut self.pin;
        if p2 != pin.reference {
            return Sw::REFERENCE_NOT_FOUND;
        }
        if pin.tries == 0 {
            return Sw::AUTH_BLOCKED;
        }
        if data.is_empty() {
            return if self.state.verified {
                Sw::OK
            } else {
                Sw(0x63C0 | u16::from(pin.tries))
            };
        }
        let expected = [Self::PIN.as_bytes(), &[0xFF; 4]].concat();
        if data == expected {
            pin.tries = pin.max;
            self.state.verified = true;
            return Sw::OK;
        }
        pin.tries -= 1;
        self.state.verified = false;
        if pin.tries == 0 {
            Sw::AUTH_BLOCKED
        } else {
            Sw(0x63C0 | u16::from(pin.tries))
        }
    }

    fn get_data(&mut self, p1: u8, p2: u8, data: &[u8]) -> (Vec<u8>, Sw) {
        let none = |sw| (Vec::new(), sw);
        if self.profile == Profile::Cps4 {
            return none(Sw::INS_NOT_SUPPORTED);
        }
        let asked = [0x4D, 0x08, 0x70, 0x06, 0xBF, 0x81, self.pin.reference, 0x02, 0xA0, 0x80];
        if (p1, p2) != (0x3F, 0xFF) || data != asked {
            return none(Sw::REFERENCE_NOT_FOUND);
        }
        let counter = [
            encode(ctx(26, false), &[self.pin.max]),
            encode(ctx(27, false), &[self.pin.tries]),
        ]
        .concat();
        let sdo = encode(ctx(0x81, true), &encode(ctx(0, true), &counter));
        self.state.pending = encode(app(16, true), &sdo);
        none(Sw(0x6100 | self.state.pending.len() as u16))
    }
}

impl ApduLink for SimCard {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, CardError> {
        self.respond(command).ok_or(CardError::CardRemoved)
    }
}

impl CardTransport for SimCard {
    fn atr(&mut self) -> Result<Vec<u8>, CardError> {
        if self.inserted {
            Ok(SimCard::atr(self).to_vec())
        } else {
            Err(CardError::NoCard)
        }
    }

    fn transaction(
        &mut self,
        end: Disposition,
        body: &mut dyn FnMut(&mut dyn ApduLink) -> Result<(), CardError>,
    ) -> Result<(), CardError> {
        if !self.inserted {
            return Err(CardError::NoCard);
        }
        let result = body(self);
        if end == Disposition::Reset && self.inserted {
            self.reset();
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send(card: &mut SimCard, apdu: &[u8]) -> Vec<u8> {
        card.respond(apdu).unwrap()
    }

    #[test]
    fn t0_select_with_fcp_and_get_response() {
        let mut card = SimCard::cps3();
        let r = send(&mut card, &[0x00, 0xA4, 0x08, 0x04, 0x02, 0xD0, 0x03]);
        assert_eq!(r[0], 0x61);
        let len = r[1];
        assert_eq!(send(&mut card, &[0x00, 0xC0, 0x00, 0x00, len + 1]), [0x6C, len]);
        let fcp = send(&mut card, &[0x00, 0xC0, 0x00, 0x00, len]);
        assert_eq!(fcp[0], 0x62);
        assert_eq!(&fcp[fcp.len() - 2..], [0x90, 0x00]);
    }

    #[test]
    fn cps2ter_class_a0() {
        let mut card = SimCard::cps3();
        let r = send(&mut card, &[0xA0, 0xA4, 0x00, 0x00, 0x02, 0xD0, 0x03]);
        assert_eq!(r, [0x9F, 0x07]);
        assert_eq!(send(&mut card, &[0xA0, 0xC0, 0x00, 0x00, 0x07])[..2], [0x85, 0x05]);
        assert_eq!(
            send(&mut card, &[0xA0, 0xA4, 0x00, 0x00, 0x02, 0x40, 0x10]),
            [0x94, 0x04]
        );
        assert_eq!(send(&mut card, &[0x80, 0xA4, 0x00, 0x00]), [0x6E, 0x00]);
    }

    #[test]
    fn access_rules_and_pin_counter() {
        let mut card = SimCard::cps3();
        assert_eq!(
            send(&mut card, &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x00, 0x01, 0xD1, 0x20]),
            [0x90, 0x00]
        );
        assert_eq!(send(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0x10]), [0x69, 0x82]);
        assert_eq!(send(&mut card, &[0x00, 0x20, 0x00, 0x01]), [0x63, 0xC3]);
        assert_eq!(send(&mut card, &[0x00, 0x20, 0x00, 0x02, 0x01, 0x31]), [0x6A, 0x88]);
        let right = [&[0x00, 0x20, 0x00, 0x01, 0x08][..], b"1234", &[0xFF; 4]].concat();
        assert_eq!(send(&mut card, &right), [0x90, 0x00]);
        assert_eq!(send(&mut card, &[0x00, 0x20, 0x00, 0x01]), [0x90, 0x00]);
        assert_eq!(
            send(&mut card, &[0x00, 0xA4, 0x08, 0x0C, 0x04, 0x00, 0x01, 0xD1, 0x20]),
            [0x90, 0x00]
        );
        assert!(send(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0xE7]).ends_with(&[0x62, 0x82]));
        assert_eq!(send(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0xE8]), [0x67, 0x00]);
        card.reset();
        assert_eq!(send(&mut card, &[0x00, 0x20, 0x00, 0x01]), [0x63, 0xC3]);
        for left in [0xC2, 0xC1] {
            assert_eq!(send(&mut card, &[0x00, 0x20, 0x00, 0x01, 0x01, 0x39]), [0x63, left]);
        }
        assert_eq!(send(&mut card, &[0x00, 0x20, 0x00, 0x01, 0x01, 0x39]), [0x69, 0x83]);
        assert_eq!(send(&mut card, &right), [0x69, 0x83]);
        assert_eq!(card.pin_tries(), 0);
    }

    #[test]
    fn malformed_commands() {
        let mut card = SimCard::cps3();
        for bad in [&[][..], &[0x00, 0xA4, 0x00], &[0x00, 0xA4, 0x00, 0x0C, 0x05, 0x3F]] {
            assert_eq!(send(&mut card, bad), [0x67, 0x00]);
        }
        assert_eq!(send(&mut card, &[0x00, 0xC0, 0x00, 0x00, 0x05]), [0x69, 0x85]);
        assert_eq!(send(&mut card, &[0x00, 0xB0, 0x00, 0x00, 0x05]), [0x69, 0x86]);
        assert_eq!(send(&mut card, &[0x00, 0xB0, 0x81, 0x00, 0x05]), [0x6A, 0x81]);
        assert_eq!(send(&mut card, &[0x00, 0x84, 0x00, 0x00, 0x08]), [0x6D, 0x00]);
    }

    #[test]
    fn removal_and_replaced_answers() {
        let mut card = SimCard::cps3().remove_after(1).answer_at(1, &[0x6F, 0x00]);
        assert_eq!(
            card.respond(&[0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]),
            Some(vec![0x6F, 0x00])
        );
        assert_eq!(card.respond(&[0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]), None);
        assert!(!card.is_inserted());
        card.insert();
        assert_eq!(
            card.respond(&[0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]),
            Some(vec![0x90, 0x00])
        );
    }
}
