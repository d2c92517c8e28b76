//! The link to a card ([`CardTransport`]) and the ISO 7816 rules over it: T=0 response
//! chaining (`61 xx`, and `9F xx` with CLA `A0` on the CPS2ter volet), `6C xx` resends,
//! file selection as the card accepts it, and reads in chunks of at most 231 bytes.

use super::apdu::{Command, MAX_READ, Response, Sw};
use super::pkcs15::{Application, FilePath, MF};
use super::tlv::tlv_len;
use super::{CardError, CardObject};

/// Sends command APDUs to a card inside a transaction.
pub trait ApduLink {
    /// Sends one command APDU and returns the response APDU (data then SW1 SW2).
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, CardError>;
}

/// What happens to the card when a transaction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposition {
    /// The card stays as it is (no PIN was sent).
    Leave,
    /// The card is reset: after a PIN was sent, so that no other application inherits the
    /// unlocked state.
    Reset,
}

/// A card in a reader: the PC/SC backend, the simulator, or anything that moves APDUs.
///
/// Each high-level call of [`Cpx`](super::Cpx) runs in one [`transaction`](Self::transaction):
/// exclusive access while it lasts, so that no other middleware changes the current file.
///
/// ```
/// use rppsplus_core::cpx::{CardTransport, Disposition, SimCard};
///
/// let mut card = SimCard::cps3();
/// let mut answer = Vec::new();
/// card.transaction(Disposition::Leave, &mut |link| {
///     answer = link.transmit(&[0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00])?;
///     Ok(())
/// })?;
/// assert_eq!(answer, [0x90, 0x00]);
/// # Ok::<(), rppsplus_core::cpx::CardError>(())
/// ```
pub trait CardTransport {
    /// The card's Answer To Reset ([`CardError::NoCard`] when the reader is empty).
    fn atr(&mut self) -> Result<Vec<u8>, CardError>;

    /// Begins an exclusive transaction, runs `body` with the link to the card, and ends the
    /// transaction with `end`, whatever `body` returned. The first error wins.
    fn transaction(
        &mut self,
        end: Disposition,
        body: &mut dyn FnMut(&mut dyn ApduLink) -> Result<(), CardError>,
    ) -> Result<(), CardError>;
}

/// A borrowed transport is a transport: a [`Cpx`](super::Cpx) session over `&mut card` leaves
/// the card (and its state) with its owner.
///
/// ```
/// use rppsplus_core::cpx::{Cpx, SimCard};
/// let mut card = SimCard::cps3();
/// assert!(Cpx::new(&mut card).verify_pin("0000".parse()?).is_err());
/// assert_eq!(card.pin_tries(), 2);
/// # Ok::<(), rppsplus_core::cpx::CardError>(())
/// ```
impl<T: CardTransport + ?Sized> CardTransport for &mut T {
    fn atr(&mut self) -> Result<Vec<u8>, CardError> {
        (**self).atr()
    }

    fn transaction(
        &mut self,
        end: Disposition,
        body: &mut dyn FnMut(&mut dyn ApduLink) -> Result<(), CardError>,
    ) -> Result<(), CardError> {
        (**self).transaction(end, body)
    }
}

/// The most GET RESPONSE rounds after one command (a card answering `61 xx` forever is
/// malformed).
const MAX_CHAINED: usize = 64;

/// The largest file read (the CPx files are a few kilobytes; READ BINARY offsets are 15 bits).
pub(crate) const MAX_FILE: usize = 0x7FFF;

/// Where the card's current DF is, as far as the channel knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CurrentDf {
    Unknown,
    Application,
}

/// The commands of one transaction, with what was learnt of the card on the way.
pub(crate) struct Channel<'a> {
    link: &'a mut dyn ApduLink,
    /// Whether the card takes SELECT by path (P1 08/09); false after it refused one.
    path_select: bool,
    current: CurrentDf,
}

fn status_error(object: CardObject, sw: Sw) -> CardError {
    match sw {
        Sw::FILE_NOT_FOUND | Sw::CPS2TER_FILE_NOT_FOUND => CardError::MissingObject { object },
        _ => CardError::CardStatus { object, sw: sw.0 },
    }
}

impl<'a> Channel<'a> {
    pub(crate) fn new(link: &'a mut dyn ApduLink) -> Self {
        Self {
            link,
            path_select: true,
            current: CurrentDf::Unknown,
        }
    }

    fn send(&mut self, command: &Command) -> Result<Response, CardError> {
        let bytes = command.to_bytes();
        let response = Response::from_bytes(&self.link.transmit(&bytes)?)?;
        match response.sw.exact_length() {
            // T=0: the card wants another Le; resent once.
            Some(le) => Response::from_bytes(&self.link.transmit(&command.with_le(le).to_bytes())?),
            None => Ok(response),
        }
    }

    /// Sends `command` and gathers its whole answer: `6C xx` resends with Le `xx`, `61 xx`
    /// fetches `xx` more bytes with GET RESPONSE (CLA 00), `9F xx` with CLA A0.
    pub(crate) fn exchange(&mut self, command: &Command) -> Result<Response, CardError> {
        let mut response = self.send(command)?;
        for _ in 0..MAX_CHAINED {
            let (cla, le) = match (response.sw.more_data(), response.sw.cps2ter_more_data()) {
                (Some(le), _) => (if command.cla() == 0xA0 { 0xA0 } else { 0x00 }, le),
                (None, Some(le)) => (0xA0, le),
                (None, None) => return Ok(response),
            };
            let next = self.send(&Command::get_response(cla, le))?;
            response.data.extend_from_slice(&next.data);
            response.sw = next.sw;
            if response.data.len() > MAX_FILE {
                break;
            }
        }
        Err(CardError::MalformedData {
            object: CardObject::Response,
        })
    }

    /// Sends `command` and expects `90 00`.
    pub(crate) fn expect_ok(&mut self, command: &Command, object: CardObject) -> Result<Response, CardError> {
        let response = self.exchange(command)?;
        if response.sw.is_ok() {
            Ok(response)
        } else {
            Err(status_error(object, response.sw))
        }
    }

    /// Selects `ids` one file identifier at a time (`00 A4 00 0C`), from the current DF.
    fn select_each(&mut self, ids: &[u8], object: CardObject) -> Result<(), CardError> {
        for fid in ids.chunks_exact(2) {
            self.expect_ok(&Command::select_fid([fid[0], fid[1]]), object)?;
        }
        Ok(())
    }

    /// Selects the file at `path`: from the MF when it starts with `3F00` (by path, else one
    /// identifier at a time), else from the application DF (selected first if need be).
    pub(crate) fn select(&mut self, path: &FilePath, app: &Application, object: CardObject) -> Result<(), CardError> {
        let ids = path.ids();
        if path.is_absolute() {
            return self.select_from_mf(ids, object);
        }
        if self.current != CurrentDf::Application {
            self.select_application(app)?;
        }
        if let [a, b] = *ids {
            let response = self.exchange(&Command::select_child_ef([a, b]))?;
            return match response.sw {
                sw if sw.is_ok() => Ok(()),
                sw if sw.is_unsupported() => self.select_each(ids, object),
                sw => Err(status_error(object, sw)),
            };
        }
        self.current = CurrentDf::Unknown;
        if self.path_select {
            let response = self.exchange(&Command::select_path_from_current(ids))?;
            if response.sw.is_ok() {
                return Ok(());
            }
            if !response.sw.is_unsupported() {
                return Err(status_error(object, response.sw));
            }
            self.path_select = false;
        }
        self.select_each(ids, object)
    }

    /// Selects the file whose path from the MF (`3F00` included) is `ids`: by path, else one
    /// identifier at a time.
    pub(crate) fn select_from_mf(&mut self, ids: &[u8], object: CardObject) -> Result<(), CardError> {
        self.current = CurrentDf::Unknown;
        let rest = ids.strip_prefix(&MF[..]).unwrap_or(ids);
        if rest.is_empty() {
            return self.select_each(&MF, object);
        }
        if self.path_select {
            let response = self.exchange(&Command::select_path_from_mf(rest))?;
            if response.sw.is_ok() {
                return Ok(());
            }
            if !response.sw.is_unsupported() {
                return Err(status_error(object, response.sw));
            }
            self.path_select = false;
        }
        self.select_each(&MF, object)?;
        self.select_each(rest, object)
    }

    /// Selects the application DF: by AID, else by the path EF.DIR gives.
    pub(crate) fn select_application(&mut self, app: &Application) -> Result<(), CardError> {
        let object = CardObject::Application;
        let response = self.exchange(&Command::select_aid(&app.aid))?;
        if !response.sw.is_ok() {
            match &app.path {
                Some(path) if response.sw == Sw::FILE_NOT_FOUND || response.sw.is_unsupported() => {
                    let path = FilePath::new(path.ids(), object)?;
                    if path.is_absolute() {
                        self.select(&path, app, object)?;
                    } else {
                        self.select_each(path.ids(), object)?;
                    }
                }
                _ => return Err(status_error(object, response.sw)),
            }
        }
        self.current = CurrentDf::Application;
        Ok(())
    }

    /// READ BINARY of at most [`MAX_READ`] bytes at `offset`; `None` past the end of the file.
    fn read_chunk(&mut self, offset: usize, len: usize, object: CardObject) -> Result<Option<Vec<u8>>, CardError> {
        let offset = u16::try_from(offset)
            .ok()
            .filter(|o| usize::from(*o) <= MAX_FILE)
            .ok_or(CardError::MalformedData { object })?;
        let response = self.exchange(&Command::read_binary(offset, len as u16))?;
        if response.data.len() > len {
            return Err(CardError::MalformedData {
                object: CardObject::Response,
            });
        }
        match response.sw {
            Sw::OK | Sw::END_OF_FILE => Ok(Some(response.data)),
            Sw::WRONG_OFFSET if offset > 0 => Ok(None),
            sw => Err(status_error(object, sw)),
        }
    }

    /// Reads the selected file to its end: chunks of [`MAX_READ`] bytes until a shorter one,
    /// `62 82` or an offset past the end (`6B 00`).
    pub(crate) fn read_to_end(&mut self, object: CardObject) -> Result<Vec<u8>, CardError> {
        let mut out = Vec::new();
        while let Some(chunk) = self.read_chunk(out.len(), MAX_READ, object)? {
            let done = chunk.len() < MAX_READ;
            out.extend_from_slice(&chunk);
            if done {
                break;
            }
            if out.len() > MAX_FILE {
                return Err(CardError::MalformedData { object });
            }
        }
        Ok(out)
    }

    /// Reads `len` bytes of the selected file from `offset` (appended to `out`).
    fn read_exact(
        &mut self,
        offset: usize,
        len: usize,
        out: &mut Vec<u8>,
        object: CardObject,
    ) -> Result<(), CardError> {
        if len > MAX_FILE {
            return Err(CardError::MalformedData { object });
        }
        let end = offset + len;
        let mut at = offset;
        while at < end {
            let want = (end - at).min(MAX_READ);
            match self.read_chunk(at, want, object)? {
                Some(chunk) if chunk.len() == want => out.extend_from_slice(&chunk),
                _ => return Err(CardError::MalformedData { object }),
            }
            at += want;
        }
        Ok(())
    }

    /// Reads the object at `path` once selected: the part the path names, else one DER TLV
    /// (its header tells the length: no read past it) when `der` is set, else the whole file.
    pub(crate) fn read_object(&mut self, path: &FilePath, der: bool, object: CardObject) -> Result<Vec<u8>, CardError> {
        let start = path.index as usize;
        if let Some(len) = path.length {
            let mut out = Vec::new();
            self.read_exact(start, len as usize, &mut out, object)?;
            return Ok(out);
        }
        if !der {
            return self.read_to_end(object);
        }
        let mut out = self
            .read_chunk(start, MAX_READ, object)?
            .ok_or(CardError::MalformedData { object })?;
        let total = tlv_len(&out).map_err(|_| CardError::MalformedData { object })?;
        if total <= out.len() {
            out.truncate(total);
        } else {
            let have = out.len();
            self.read_exact(start + have, total - have, &mut out, object)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A card that answers from a script and records what it was sent.
    struct Scripted {
        answers: VecDeque<Vec<u8>>,
        sent: Vec<Vec<u8>>,
    }

    impl Scripted {
        fn new(answers: &[&[u8]]) -> Self {
            Self {
                answers: answers.iter().map(|a| a.to_vec()).collect(),
                sent: Vec::new(),
            }
        }
    }

    impl ApduLink for Scripted {
        fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, CardError> {
            self.sent.push(command.to_vec());
            self.answers.pop_front().ok_or(CardError::CardRemoved)
        }
    }

    fn app() -> Application {
        Application {
            aid: vec![0xE8, 0x28],
            path: Some(FilePath::new(&[0x3F, 0x00, 0x00, 0x01], CardObject::Directory).unwrap()),
            odf: None,
        }
    }

    #[test]
    fn t0_get_response_chains() {
        let mut card = Scripted::new(&[&[0x61, 0x02], &[1, 2, 0x61, 0x01], &[3, 0x90, 0x00]]);
        let r = Channel::new(&mut card).exchange(&Command::get_pin_counter(1)).unwrap();
        assert_eq!((r.data, r.sw), (vec![1, 2, 3], Sw::OK));
        assert_eq!(card.sent[1], [0x00, 0xC0, 0x00, 0x00, 0x02]);
        assert_eq!(card.sent[2], [0x00, 0xC0, 0x00, 0x00, 0x01]);
    }

    #[test]
    fn t0_wrong_le_is_resent_once() {
        let mut card = Scripted::new(&[&[0x6C, 0x03], &[7, 8, 9, 0x90, 0x00]]);
        let r = Channel::new(&mut card)
            .exchange(&Command::read_binary(0, 0xE7))
            .unwrap();
        assert_eq!(r.data, [7, 8, 9]);
        assert_eq!(card.sent[1], [0x00, 0xB0, 0x00, 0x00, 0x03]);
        // A second 6C is not followed: the caller sees the status.
        let mut card = Scripted::new(&[&[0x6C, 0x03], &[0x6C, 0x02]]);
        let r = Channel::new(&mut card)
            .exchange(&Command::read_binary(0, 0xE7))
            .unwrap();
        assert_eq!(r.sw, Sw(0x6C02));
    }

    #[test]
    fn cps2ter_9f_uses_class_a0() {
        let mut card = Scripted::new(&[&[0x9F, 0x02], &[0x85, 0x00, 0x90, 0x00]]);
        let select = Command::new(0xA0, 0xA4, 0x00, 0x00, &[0x3F, 0x00], None);
        let r = Channel::new(&mut card).exchange(&select).unwrap();
        assert_eq!(r.data, [0x85, 0x00]);
        assert_eq!(card.sent[1], [0xA0, 0xC0, 0x00, 0x00, 0x02]);
        // 61 xx after a CLA A0 command keeps the class.
        let mut card = Scripted::new(&[&[0x61, 0x01], &[0x85, 0x90, 0x00]]);
        Channel::new(&mut card).exchange(&select).unwrap();
        assert_eq!(card.sent[1][0], 0xA0);
    }

    #[test]
    fn endless_chaining_and_short_answers_are_malformed() {
        let answers: Vec<&[u8]> = vec![&[0x61, 0xFF]; 200];
        let mut card = Scripted::new(&answers);
        assert!(matches!(
            Channel::new(&mut card).exchange(&Command::read_binary(0, 1)),
            Err(CardError::MalformedData { .. })
        ));
        let mut card = Scripted::new(&[&[0x90]]);
        assert!(Channel::new(&mut card).exchange(&Command::read_binary(0, 1)).is_err());
    }

    #[test]
    fn reads_in_chunks_of_231_until_a_short_one() {
        let full = [vec![0xAA; MAX_READ], vec![0x90, 0x00]].concat();
        let mut card = Scripted::new(&[&full, &full, &[1, 2, 0x62, 0x82]]);
        let data = Channel::new(&mut card).read_to_end(CardObject::Cdf).unwrap();
        assert_eq!(data.len(), 2 * MAX_READ + 2);
        assert_eq!(card.sent[1], [0x00, 0xB0, 0x00, 0xE7, 0xE7]);
        assert_eq!(card.sent[2], [0x00, 0xB0, 0x01, 0xCE, 0xE7]);
        // A file of exactly 231 bytes ends on 6B00 at the next offset.
        let mut card = Scripted::new(&[&full, &[0x6B, 0x00]]);
        assert_eq!(
            Channel::new(&mut card).read_to_end(CardObject::Cdf).unwrap().len(),
            MAX_READ
        );
        // 6B00 at offset 0 is an error; so is a card sending more than asked.
        let mut card = Scripted::new(&[&[0x6B, 0x00]]);
        assert!(Channel::new(&mut card).read_to_end(CardObject::Cdf).is_err());
        let mut card = Scripted::new(&[&[vec![0; MAX_READ + 1], vec![0x90, 0]].concat()]);
        assert!(Channel::new(&mut card).read_to_end(CardObject::Cdf).is_err());
    }

    #[test]
    fn der_objects_are_read_to_their_length() {
        let mut cert = vec![0x30, 0x82, 0x01, 0x2C];
        cert.extend((0..0x12C).map(|i| i as u8));
        let first = [&cert[..MAX_READ], &[0x90, 0x00]].concat();
        let second = [&cert[MAX_READ..], &[0x90, 0x00]].concat();
        let mut card = Scripted::new(&[&first, &second]);
        let path = FilePath::new(&[0x3F, 0x00, 0x70, 0x01], CardObject::Cdf).unwrap();
        let read = Channel::new(&mut card)
            .read_object(&path, true, CardObject::Certificate)
            .unwrap();
        assert_eq!(read, cert);
        assert_eq!(card.sent[1], [0x00, 0xB0, 0x00, 0xE7, (cert.len() - MAX_READ) as u8]);
        // A file shorter than its DER header says is malformed.
        let mut card = Scripted::new(&[&first, &[0x62, 0x82]]);
        assert!(
            Channel::new(&mut card)
                .read_object(&path, true, CardObject::Certificate)
                .is_err()
        );
    }

    #[test]
    fn selection_falls_back_from_path_to_fids() {
        let path = FilePath::new(&[0x3F, 0x00, 0x00, 0x01, 0x70, 0x04], CardObject::Cdf).unwrap();
        let mut card = Scripted::new(&[
            &[0x6A, 0x86],
            &[0x90, 0],
            &[0x90, 0],
            &[0x90, 0],
            &[0x90, 0],
            &[0x90, 0],
        ]);
        let mut channel = Channel::new(&mut card);
        channel.select(&path, &app(), CardObject::Cdf).unwrap();
        // Learnt: the next absolute selection goes FID by FID at once.
        channel
            .select(
                &FilePath::new(&[0x3F, 0x00], CardObject::Cdf).unwrap(),
                &app(),
                CardObject::Cdf,
            )
            .unwrap();
        assert_eq!(card.sent[0], [0x00, 0xA4, 0x08, 0x0C, 0x04, 0x00, 0x01, 0x70, 0x04]);
        assert_eq!(card.sent[1], [0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]);
        assert_eq!(card.sent[3], [0x00, 0xA4, 0x00, 0x0C, 0x02, 0x70, 0x04]);
        assert_eq!(card.sent.len(), 5);
        // File not found is final.
        let mut card = Scripted::new(&[&[0x6A, 0x82]]);
        assert_eq!(
            Channel::new(&mut card).select(&path, &app(), CardObject::Cdf),
            Err(CardError::MissingObject {
                object: CardObject::Cdf
            })
        );
    }

    #[test]
    fn relative_paths_select_the_application_once() {
        let mut card = Scripted::new(&[&[0x90, 0], &[0x90, 0], &[0x90, 0], &[0x90, 0]]);
        let mut channel = Channel::new(&mut card);
        let odf = FilePath::new(&[0x50, 0x31], CardObject::Odf).unwrap();
        channel.select(&odf, &app(), CardObject::Odf).unwrap();
        channel.select(&odf, &app(), CardObject::Odf).unwrap();
        let deep = FilePath::new(&[0x00, 0x02, 0x70, 0x04], CardObject::Cdf).unwrap();
        channel.select(&deep, &app(), CardObject::Cdf).unwrap();
        assert_eq!(card.sent[0][..4], [0x00, 0xA4, 0x04, 0x0C]);
        assert_eq!(card.sent[1], [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x50, 0x31]);
        assert_eq!(card.sent[3], [0x00, 0xA4, 0x09, 0x0C, 0x04, 0x00, 0x02, 0x70, 0x04]);
    }

    #[test]
    fn the_application_by_path_when_its_aid_is_refused() {
        let mut card = Scripted::new(&[&[0x6A, 0x82], &[0x90, 0]]);
        Channel::new(&mut card).select_application(&app()).unwrap();
        assert_eq!(card.sent[1], [0x00, 0xA4, 0x08, 0x0C, 0x02, 0x00, 0x01]);
        let mut no_path = app();
        no_path.path = None;
        let mut card = Scripted::new(&[&[0x6A, 0x82]]);
        assert_eq!(
            Channel::new(&mut card).select_application(&no_path),
            Err(CardError::MissingObject {
                object: CardObject::Application
            })
        );
    }
}
