//! The high-level calls on a card, each in one transaction.

use super::apdu::{Command, Sw};
use super::pkcs15::{
    Application, DEFAULT_ODF, Entry, FilePath, MF, Odf, PinEntry, auth_certificate, holder_pin, parse_aodf, parse_cdf,
    parse_dir, parse_dodf, parse_odf,
};
use super::tlv::{ctx, elements, find_deep};
use super::transport::{CardTransport, Channel, Disposition};
use super::{Card, CardError, CardObject, CardSerial, CardType, Generation, Holder, Pin, PinStatus, SituationObject};

/// EF.DIR, the ISO 7816-4 list of applications (docs/domain.md §6).
const EF_DIR: [u8; 4] = [0x3F, 0x00, 0x2F, 0x00];
/// EF.SN.ICC, the chip number with the issuer (docs/domain.md §6).
const EF_SN_ICC: [u8; 4] = [0x3F, 0x00, 0xD0, 0x03];
/// The tries of a CPx PIN when the card does not tell (CPS3 CHV 1 and CPS4: 3).
const PIN_MAX_TRIES: u8 = 3;

/// What [`Cpx::detect`] finds: the generation the ATR tells, confirmed by the issuer number
/// of the chip number, and the serial number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Detection {
    /// The generation.
    pub generation: Generation,
    /// The serial number.
    pub serial: CardSerial,
}

/// A CPx card behind a [`CardTransport`] (the PC/SC backend or the [`SimCard`](super::SimCard)).
///
/// Each method is one transaction on the card, and caches nothing: a card swapped between
/// two calls is read anew. Reads need no PIN; [`verify_pin`](Self::verify_pin) and
/// [`situations_raw`](Self::situations_raw) send the PIN once and end with a card reset.
///
/// ```
/// use rppsplus_core::cpx::{Cpx, Generation, SimCard};
///
/// let mut card = Cpx::new(SimCard::cps3());
/// assert_eq!(card.detect()?.generation, Generation::Cps3);
/// assert_eq!(card.holder()?.nom(), "SYNTHETIQUE");
/// assert_eq!(card.pin_status()?.tries_left, 3);
/// # Ok::<(), rppsplus_core::cpx::CardError>(())
/// ```
#[derive(Debug)]
pub struct Cpx<T> {
    transport: T,
}

impl<T: CardTransport> Cpx<T> {
    /// A card session over `transport`; nothing is sent yet.
    pub fn new(transport: T) -> Self {
        Self { transport }
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The transport, mutable (to remove or insert a simulated card, for instance).
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// The transport back.
    pub fn into_transport(self) -> T {
        self.transport
    }

    /// Checks the ATR (no APDU: [`CardError::NotCpx`] for another card) then runs `f` in one
    /// transaction ended with `end`.
    fn run<R>(
        &mut self,
        end: Disposition,
        f: impl FnOnce(&mut Channel<'_>, Generation) -> Result<R, CardError>,
    ) -> Result<R, CardError> {
        let atr = self.transport.atr()?;
        let generation = Generation::from_atr(&atr).ok_or(CardError::NotCpx)?;
        let mut f = Some(f);
        let mut out = None;
        // A transport that runs the body twice, or never, is a transport failure.
        let misuse = CardError::Transport { code: 0 };
        self.transport.transaction(end, &mut |link| {
            let f = f.take().ok_or(misuse)?;
            out = Some(f(&mut Channel::new(link), generation)?);
            Ok(())
        })?;
        out.ok_or(misuse)
    }

    /// Detects a CPx: the ATR under the masks of the CPS3 (contact, contactless) and CPS4,
    /// confirmed by the ANS issuer number at the start of EF.SN.ICC. 2 APDUs.
    pub fn detect(&mut self) -> Result<Detection, CardError> {
        self.run(Disposition::Leave, |ch, generation| {
            Ok(Detection {
                generation,
                serial: read_serial(ch)?,
            })
        })
    }

    /// The generation, as [`detect`](Self::detect) confirms it.
    pub fn generation(&mut self) -> Result<Generation, CardError> {
        self.detect().map(|d| d.generation)
    }

    /// The serial number, as [`detect`](Self::detect) reads it.
    pub fn serial(&mut self) -> Result<CardSerial, CardError> {
        self.detect().map(|d| d.serial)
    }

    /// The holder, from the authentication certificate found through PKCS#15 (no PIN).
    ///
    /// 8 APDUs plus one per 231 bytes of certificate (docs/cards.md says why no fewer):
    /// SELECT and READ of EF.DIR, SELECT of the application, SELECT and READ of the ODF and
    /// of the CDF, SELECT of the certificate, its READs. The ATR and the CPx application in
    /// EF.DIR tell a CPx; EF.SN.ICC is not read.
    pub fn holder(&mut self) -> Result<Holder, CardError> {
        self.run(Disposition::Leave, |ch, _| {
            let (app, odf) = discover(ch)?;
            read_holder(ch, &app, &odf)
        })
    }

    /// The type of card, from the holder's identifier (see [`CardType`]).
    pub fn card_type(&mut self) -> Result<CardType, CardError> {
        self.holder().map(|h| h.card_type())
    }

    /// Everything without PIN in one transaction: generation, type, serial, holder.
    pub fn read(&mut self) -> Result<Card, CardError> {
        self.run(Disposition::Leave, |ch, generation| {
            let serial = read_serial(ch)?;
            let (app, odf) = discover(ch)?;
            let holder = read_holder(ch, &app, &odf)?;
            Ok(Card {
                generation,
                card_type: holder.card_type(),
                serial,
                holder,
            })
        })
    }

    /// The holder's PIN state (tries left, blocked), without presenting a PIN: GET DATA of
    /// the PIN counter on a CPS3, an empty VERIFY on a CPS4 (or when GET DATA is refused).
    pub fn pin_status(&mut self) -> Result<PinStatus, CardError> {
        self.run(Disposition::Leave, |ch, generation| {
            let (app, odf) = discover(ch)?;
            let pins = read_pins(ch, &app, &odf)?;
            let pin = holder_pin(&pins, &[]).ok_or(CardError::MissingObject {
                object: CardObject::Aodf,
            })?;
            pin_counter(ch, generation, &app, pin)
        })
    }

    /// Verifies the holder's PIN: sent once, never retried, zeroized when dropped, the card
    /// reset at the end so that no other application inherits the unlocked state.
    ///
    /// The counter is read first: a blocked PIN is not sent ([`CardError::PinBlocked`]).
    /// A PIN outside the card's length bounds is refused before it is sent
    /// ([`CardError::InvalidPin`]). A wrong PIN gives [`CardError::WrongPin`] with the tries
    /// left.
    ///
    /// ```
    /// use rppsplus_core::cpx::{CardError, Cpx, SimCard};
    /// let mut card = Cpx::new(SimCard::cps3());
    /// assert_eq!(card.verify_pin("0000".parse()?), Err(CardError::WrongPin { tries_left: 2 }));
    /// card.verify_pin(SimCard::PIN.parse()?)?;
    /// assert_eq!(card.pin_status()?.tries_left, 3);
    /// # Ok::<(), CardError>(())
    /// ```
    pub fn verify_pin(&mut self, pin: Pin) -> Result<(), CardError> {
        self.run(Disposition::Reset, move |ch, generation| {
            let (app, odf) = discover(ch)?;
            let pins = read_pins(ch, &app, &odf)?;
            let entry = holder_pin(&pins, &[]).ok_or(CardError::MissingObject {
                object: CardObject::Aodf,
            })?;
            verify(ch, generation, &app, entry, pin)
        })
    }

    /// Verifies the PIN (as [`verify_pin`](Self::verify_pin)) then reads, in the same
    /// transaction, every PIN-protected data object of the DODF (the situations), kept as
    /// read; the card is reset at the end. A DODF without protected objects is
    /// [`CardError::MissingObject`].
    pub fn situations_raw(&mut self, pin: Pin) -> Result<Vec<SituationObject>, CardError> {
        self.run(Disposition::Reset, move |ch, generation| {
            let (app, odf) = discover(ch)?;
            let mut data = Vec::new();
            for dodf in &odf.data_objects {
                data.extend(parse_dodf(&read_file(ch, &app, dodf, CardObject::Dodf)?)?);
            }
            let protected: Vec<&Entry> = data.iter().filter(|d| d.auth_id.is_some()).collect();
            if protected.is_empty() {
                return Err(CardError::MissingObject {
                    object: CardObject::DataObject,
                });
            }
            let pins = read_pins(ch, &app, &odf)?;
            let entry = holder_pin(&pins, &data).ok_or(CardError::MissingObject {
                object: CardObject::Aodf,
            })?;
            verify(ch, generation, &app, entry, pin)?;
            protected
                .into_iter()
                .map(|d| {
                    let bytes = read_file(ch, &app, &d.path, CardObject::DataObject)?;
                    Ok(SituationObject::new(d.label.clone(), bytes))
                })
                .collect()
        })
    }
}

/// Selects and reads a whole file (or the part its path names).
fn read_file(
    ch: &mut Channel<'_>,
    app: &Application,
    path: &FilePath,
    object: CardObject,
) -> Result<Vec<u8>, CardError> {
    ch.select(path, app, object)?;
    ch.read_object(path, false, object)
}

/// Reads EF.SN.ICC: the serial, after checking the issuer.
fn read_serial(ch: &mut Channel<'_>) -> Result<CardSerial, CardError> {
    let object = CardObject::SerialNumber;
    ch.select_from_mf(&EF_SN_ICC, object)?;
    CardSerial::from_ef_sn_icc(&ch.read_to_end(object)?)
}

/// EF.DIR to the CPx application (selected), then its ODF.
fn discover(ch: &mut Channel<'_>) -> Result<(Application, Odf), CardError> {
    ch.select_from_mf(&EF_DIR, CardObject::Directory)?;
    let app = parse_dir(&ch.read_to_end(CardObject::Directory)?)?.ok_or(CardError::NotCpx)?;
    ch.select_application(&app)?;
    let odf_path = match &app.odf {
        Some(path) => path.clone(),
        None => FilePath::new(&DEFAULT_ODF, CardObject::Odf)?,
    };
    let odf = parse_odf(&read_file(ch, &app, &odf_path, CardObject::Odf)?)?;
    Ok((app, odf))
}

/// The CDFs, read until one lists the authentication certificate, then the certificate.
fn read_holder(ch: &mut Channel<'_>, app: &Application, odf: &Odf) -> Result<Holder, CardError> {
    let mut entries: Vec<Entry> = Vec::new();
    for cdf in &odf.certificates {
        entries.extend(parse_cdf(&read_file(ch, app, cdf, CardObject::Cdf)?)?);
        if auth_certificate(&entries).is_some() {
            break;
        }
    }
    let entry = auth_certificate(&entries).ok_or(CardError::MissingObject {
        object: CardObject::Certificate,
    })?;
    ch.select(&entry.path, app, CardObject::Certificate)?;
    Holder::from_certificate(&ch.read_object(&entry.path, true, CardObject::Certificate)?)
}

/// The PIN objects of every AODF.
fn read_pins(ch: &mut Channel<'_>, app: &Application, odf: &Odf) -> Result<Vec<PinEntry>, CardError> {
    let mut pins = Vec::new();
    for aodf in &odf.auth_objects {
        pins.extend(parse_aodf(&read_file(ch, app, aodf, CardObject::Aodf)?)?);
    }
    Ok(pins)
}

/// Selects the DF of the PIN (the MF when the AODF does not say: the CPS3 holder PIN is an
/// object of the MF).
fn select_pin_df(ch: &mut Channel<'_>, app: &Application, pin: &PinEntry) -> Result<(), CardError> {
    match &pin.path {
        Some(path) => ch.select(path, app, CardObject::Aodf),
        None => ch.select_from_mf(&MF, CardObject::Aodf),
    }
}

/// The PIN state: GET DATA of the counter (CPS3), else an empty VERIFY.
fn pin_counter(
    ch: &mut Channel<'_>,
    generation: Generation,
    app: &Application,
    pin: &PinEntry,
) -> Result<PinStatus, CardError> {
    select_pin_df(ch, app, pin)?;
    if generation != Generation::Cps4 {
        let response = ch.exchange(&Command::get_pin_counter(pin.reference))?;
        if response.sw.is_ok() {
            return parse_counter(&response.data);
        }
        if !(response.sw.is_unsupported() || response.sw == Sw::REFERENCE_NOT_FOUND) {
            return Err(CardError::CardStatus {
                object: CardObject::PinCounter,
                sw: response.sw.0,
            });
        }
    }
    let response = ch.exchange(&Command::verify_status(pin.reference))?;
    match response.sw {
        // Verified already in this card session: the counter is full.
        Sw::OK => Ok(PinStatus {
            tries_left: PIN_MAX_TRIES,
            blocked: false,
        }),
        Sw::AUTH_BLOCKED | Sw::CPS2TER_PIN_LOCKED => Ok(PinStatus {
            tries_left: 0,
            blocked: true,
        }),
        sw => match sw.pin_tries_left() {
            Some(tries_left) => Ok(PinStatus {
                tries_left,
                blocked: tries_left == 0,
            }),
            None => Err(CardError::CardStatus {
                object: CardObject::PinCounter,
                sw: sw.0,
            }),
        },
    }
}

/// The GET DATA answer: tags `9B` (tries left) and `9A` (maximum), anywhere in the template.
pub(crate) fn parse_counter(data: &[u8]) -> Result<PinStatus, CardError> {
    let malformed = CardError::MalformedData {
        object: CardObject::PinCounter,
    };
    let top = elements(data).map_err(|_| malformed)?;
    let remaining = top
        .iter()
        .find_map(|e| find_deep(*e, ctx(27, false), 4))
        .and_then(|v| match v.value() {
            [n] => Some(*n),
            _ => None,
        })
        .ok_or(malformed)?;
    Ok(PinStatus {
        tries_left: remaining,
        blocked: remaining == 0,
    })
}

/// Reads the counter, then sends the PIN once.
fn verify(
    ch: &mut Channel<'_>,
    generation: Generation,
    app: &Application,
    entry: &PinEntry,
    pin: Pin,
) -> Result<(), CardError> {
    let block = pin.block(entry)?;
    drop(pin);
    let status = pin_counter(ch, generation, app, entry)?;
    if status.blocked {
        return Err(CardError::PinBlocked);
    }
    let response = ch.exchange(&Command::verify(entry.reference, &block)?)?;
    drop(block);
    match response.sw {
        Sw::OK => Ok(()),
        Sw::AUTH_BLOCKED | Sw::CPS2TER_PIN_LOCKED => Err(CardError::PinBlocked),
        Sw::CPS2TER_WRONG_PIN => Err(wrong_pin(status.tries_left.saturating_sub(1))),
        sw => match sw.pin_tries_left() {
            Some(tries_left) => Err(wrong_pin(tries_left)),
            None => Err(CardError::CardStatus {
                object: CardObject::PinCounter,
                sw: sw.0,
            }),
        },
    }
}

fn wrong_pin(tries_left: u8) -> CardError {
    if tries_left == 0 {
        CardError::PinBlocked
    } else {
        CardError::WrongPin { tries_left }
    }
}
