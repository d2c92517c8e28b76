//! The PC/SC backend (cargo feature `pcsc`): readers, insertion and removal, and
//! [`PcscTransport`], a [`CardTransport`] over the `pcsc` crate.
//!
//! The PC/SC library is loaded at run time, never linked (docs/cards.md): on a machine
//! without it, or without a running service, every function here answers
//! [`CardError::ServiceAbsent`]. The environment variable `RPPSPLUS_PCSC_LIBRARY` names
//! another library to load (tests point it at a missing file).
//!
//! ```no_run
//! use rppsplus_core::cpx::Cpx;
//! use rppsplus_core::cpx::pcsc::{PcscTransport, readers};
//!
//! for reader in readers()? {
//!     println!("{} {}", reader.name, reader.card_present);
//! }
//! let mut card = Cpx::new(PcscTransport::open(None)?);
//! println!("{}", serde_json::to_string(&card.read()?).unwrap());
//! # Ok::<(), rppsplus_core::cpx::CardError>(())
//! ```

use std::ffi::{CStr, CString};
use std::time::{Duration, Instant};

use ::pcsc::{Context, Error, MAX_BUFFER_SIZE, Protocols, ReaderState, Scope, ShareMode, State};

use super::transport::{ApduLink, CardTransport, Disposition};
use super::{CardError, Reader};

/// The card error of a PC/SC error.
fn card_error(e: Error) -> CardError {
    match e {
        Error::NoService | Error::ServiceStopped => CardError::ServiceAbsent,
        Error::NoReadersAvailable | Error::ReaderUnavailable => CardError::NoReader,
        Error::UnknownReader => CardError::UnknownReader,
        Error::NoSmartcard => CardError::NoCard,
        Error::RemovedCard | Error::ResetCard => CardError::CardRemoved,
        Error::UnsupportedCard | Error::UnknownCard | Error::UnresponsiveCard | Error::UnpoweredCard => {
            CardError::NotCpx
        }
        other => CardError::Transport { code: other as u32 },
    }
}

fn context() -> Result<Context, CardError> {
    Context::establish(Scope::User).map_err(card_error)
}

fn reader_names(ctx: &Context) -> Result<Vec<CString>, CardError> {
    match ctx.list_readers_owned() {
        Ok(names) => Ok(names),
        Err(Error::NoReadersAvailable) => Ok(Vec::new()),
        Err(e) => Err(card_error(e)),
    }
}

fn states(ctx: &Context) -> Result<Vec<ReaderState>, CardError> {
    let mut states: Vec<ReaderState> = reader_names(ctx)?
        .into_iter()
        .map(|name| ReaderState::new(name, State::UNAWARE))
        .collect();
    if !states.is_empty() {
        match ctx.get_status_change(Duration::ZERO, &mut states) {
            Ok(()) | Err(Error::Timeout) => {}
            Err(e) => return Err(card_error(e)),
        }
    }
    Ok(states)
}

fn to_readers(states: &[ReaderState]) -> Vec<Reader> {
    states
        .iter()
        .map(|s| Reader {
            name: s.name().to_string_lossy().into_owned(),
            card_present: s.event_state().contains(State::PRESENT) && !s.event_state().contains(State::MUTE),
        })
        .collect()
}

/// The readers the PC/SC service knows, with whether a card is in each.
pub fn readers() -> Result<Vec<Reader>, CardError> {
    let ctx = context()?;
    Ok(to_readers(&states(&ctx)?))
}

/// Waits until a card is inserted or removed in any reader, or a reader comes or goes, or
/// `timeout` passes; then answers the readers as they are.
pub fn wait_for_change(timeout: Duration) -> Result<Vec<Reader>, CardError> {
    let ctx = context()?;
    let mut watched = states(&ctx)?;
    let known = watched.len();
    for s in &mut watched {
        s.sync_current_state();
    }
    watched.push(ReaderState::new(::pcsc::PNP_NOTIFICATION(), State::UNAWARE));
    match ctx.get_status_change(timeout, &mut watched) {
        Ok(()) | Err(Error::Timeout) => {}
        Err(e) => return Err(card_error(e)),
    }
    if watched[known..]
        .iter()
        .any(|s| s.event_state().contains(State::CHANGED))
    {
        return readers();
    }
    Ok(to_readers(&watched[..known]))
}

/// Waits until the reader named `reader` holds a card (`present`) or is empty (`!present`);
/// `Ok(false)` when `timeout` passes first, or when no reader has this name by then.
///
/// ```no_run
/// use std::time::Duration;
/// use rppsplus_core::cpx::pcsc::wait_for_card;
///
/// if wait_for_card("Virtual PCD 00 00", true, Duration::from_secs(30))? {
///     println!("a card is in the reader");
/// }
/// # Ok::<(), rppsplus_core::cpx::CardError>(())
/// ```
pub fn wait_for_card(reader: &str, present: bool, timeout: Duration) -> Result<bool, CardError> {
    let deadline = Instant::now() + timeout;
    loop {
        let now = wait_for_change(Duration::from_millis(250).min(timeout))?;
        if now.iter().any(|r| r.name == reader && r.card_present == present) {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
    }
}

/// A card in a PC/SC reader, connected in shared mode.
///
/// Each [`transaction`](CardTransport::transaction) is a PC/SC transaction; one ended with
/// [`Disposition::Reset`] resets the card (`SCARD_RESET_CARD`). A card removed or reset by
/// another application is reconnected at the next call.
pub struct PcscTransport {
    context: Context,
    reader: CString,
    card: Option<::pcsc::Card>,
}

impl std::fmt::Debug for PcscTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PcscTransport")
            .field("reader", &self.reader)
            .field("connected", &self.card.is_some())
            .finish()
    }
}

impl PcscTransport {
    /// Opens the reader named `reader`, or else the first reader holding a card.
    ///
    /// [`CardError::ServiceAbsent`], [`CardError::NoReader`], [`CardError::UnknownReader`]
    /// or [`CardError::NoCard`] (no reader holds a card, when none is named).
    pub fn open(reader: Option<&str>) -> Result<Self, CardError> {
        let context = context()?;
        let states = states(&context)?;
        if states.is_empty() {
            return Err(CardError::NoReader);
        }
        let chosen = match reader {
            Some(name) => states
                .iter()
                .find(|s| s.name().to_bytes() == name.as_bytes())
                .ok_or(CardError::UnknownReader)?,
            None => states
                .iter()
                .find(|s| s.event_state().contains(State::PRESENT))
                .ok_or(CardError::NoCard)?,
        };
        Ok(Self {
            reader: chosen.name().to_owned(),
            context,
            card: None,
        })
    }

    /// The reader's name.
    pub fn reader(&self) -> &CStr {
        &self.reader
    }

    /// The connected card, connecting (again) if need be.
    fn card(&mut self) -> Result<&mut ::pcsc::Card, CardError> {
        if self.card.is_none() {
            let card = self
                .context
                .connect(&self.reader, ShareMode::Shared, Protocols::ANY)
                .map_err(|e| match e {
                    Error::RemovedCard => CardError::NoCard,
                    e => card_error(e),
                })?;
            self.card = Some(card);
        }
        self.card.as_mut().ok_or(CardError::NoCard)
    }

    /// Runs `f` on the card; when the handle turned stale (the card was removed or reset
    /// since), drops it and tries once more on a fresh connection.
    fn with_card<R>(&mut self, mut f: impl FnMut(&mut ::pcsc::Card) -> Result<R, Error>) -> Result<R, CardError> {
        match f(self.card()?) {
            Ok(r) => Ok(r),
            Err(Error::RemovedCard | Error::ResetCard | Error::InvalidHandle) => {
                self.card = None;
                f(self.card()?).map_err(card_error)
            }
            Err(e) => Err(card_error(e)),
        }
    }
}

/// Whether the card left `reader`: asked of the service, waiting up to a second for a
/// removal it has not noticed yet (a virtual or polled reader reports one late).
fn card_left(context: &Context, reader: &CStr) -> bool {
    let mut state = [ReaderState::new(reader.to_owned(), State::UNAWARE)];
    if context.get_status_change(Duration::ZERO, &mut state).is_err() {
        return true;
    }
    if !state[0].event_state().contains(State::EMPTY) {
        state[0].sync_current_state();
        // A timeout leaves the state as it was: the card is still there.
        let _ = context.get_status_change(Duration::from_secs(1), &mut state);
    }
    state[0]
        .event_state()
        .intersects(State::EMPTY | State::UNAVAILABLE | State::UNKNOWN)
}

/// The link of one transaction.
struct Link<'a, 'tx> {
    tx: &'a ::pcsc::Transaction<'tx>,
    context: &'a Context,
    reader: &'a CStr,
}

impl ApduLink for Link<'_, '_> {
    /// A failed or truncated exchange is a removal when the card has left the reader.
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, CardError> {
        let mut buffer = [0u8; MAX_BUFFER_SIZE];
        let response = self.tx.transmit(command, &mut buffer).map(<[u8]>::to_vec);
        buffer.fill(0);
        match response {
            Ok(r) if r.len() >= 2 => Ok(r),
            Err(e @ (Error::RemovedCard | Error::ResetCard | Error::NoService | Error::ServiceStopped)) => {
                Err(card_error(e))
            }
            _ if card_left(self.context, self.reader) => Err(CardError::CardRemoved),
            Ok(short) => Ok(short), // refused as malformed by the caller
            Err(e) => Err(card_error(e)),
        }
    }
}

impl CardTransport for PcscTransport {
    fn atr(&mut self) -> Result<Vec<u8>, CardError> {
        self.with_card(|card| card.status2_owned().map(|s| s.atr().to_vec()))
    }

    fn transaction(
        &mut self,
        end: Disposition,
        body: &mut dyn FnMut(&mut dyn ApduLink) -> Result<(), CardError>,
    ) -> Result<(), CardError> {
        // atr() ran just before (Cpx::run) and refreshed a stale handle; a reset by another
        // application in between is met by one reconnection.
        self.card()?;
        let card = self.card.as_mut().ok_or(CardError::NoCard)?;
        let begun = match card.transaction2() {
            Ok(tx) => Ok(tx),
            Err((card, Error::ResetCard)) => card
                .reconnect(ShareMode::Shared, Protocols::ANY, ::pcsc::Disposition::LeaveCard)
                .and_then(|()| card.transaction()),
            Err((_, e)) => Err(e),
        };
        // A handle gone stale is dropped by the next atr().
        let tx = begun.map_err(card_error)?;
        let result = body(&mut Link {
            tx: &tx,
            context: &self.context,
            reader: &self.reader,
        });
        let disposition = match end {
            Disposition::Leave => ::pcsc::Disposition::LeaveCard,
            Disposition::Reset => ::pcsc::Disposition::ResetCard,
        };
        let ended = tx.end(disposition).map_err(|(_, e)| card_error(e));
        if matches!(result, Err(CardError::CardRemoved)) || matches!(ended, Err(CardError::CardRemoved)) {
            self.card = None;
        }
        result.and(ended)
    }
}
