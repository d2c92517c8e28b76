//! A [`SimCard`] plugged into a real pcscd through vsmartcard's vpcd reader driver (feature
//! `pcsc`; for tests and demonstrations, synthetic data only).
//!
//! vpcd is the TCP server (`127.0.0.1:35963` for the reader "Virtual PCD 00 00" of
//! Debian's `vsmartcard-vpcd`); the card is its client. Each message is a big-endian `u16`
//! length then the payload: one byte is a control (`00` power off, `01` power on, `02` reset,
//! `04` ATR asked), anything longer a command APDU answered with the response APDU. Closing
//! the connection is pulling the card out.
//!
//! ```no_run
//! use std::time::Duration;
//! use rppsplus_core::cpx::vpcd::serve;
//! use rppsplus_core::cpx::SimCard;
//!
//! let (inserted, reader) = serve(SimCard::cps3(), Duration::from_secs(20))?;
//! // … PC/SC clients now see a CPS3 in `reader` ("Virtual PCD 00 00") …
//! let card: SimCard = inserted.remove();
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::pcsc::{readers, wait_for_card};
use super::{CardError, SimCard};

/// The address vpcd listens on for its first reader (Debian's reader.conf.d entry).
pub const VPCD_ADDR: &str = "127.0.0.1:35963";

/// The name the PC/SC service gives vpcd's first reader (`Virtual PCD 00 00`), waiting up to
/// `timeout` for the service to list it; `Ok(None)` when it does not by then (vpcd not
/// installed).
pub fn reader_name(timeout: Duration) -> Result<Option<String>, CardError> {
    let deadline = Instant::now() + timeout;
    loop {
        let found = readers()?
            .into_iter()
            .find(|r| r.name.starts_with("Virtual PCD") && r.name.ends_with("00 00"));
        if found.is_some() || Instant::now() >= deadline {
            return Ok(found.map(|r| r.name));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Inserts `card` in vpcd's first reader ([`VPCD_ADDR`]) and serves it: waits (each step up to
/// `timeout`) for the PC/SC service to list the reader and to show it empty (a card served
/// before may still be going out), connects, then waits for the service to show the card.
/// Returns the card being served and the reader's name.
///
/// Errors: vpcd not listening (the connection's error), a card error of the PC/SC service
/// (`ErrorKind::Other`), a step that does not happen in time (`ErrorKind::TimedOut`).
pub fn serve(card: SimCard, timeout: Duration) -> io::Result<(VirtualCard, String)> {
    let timed_out = |what: &str| io::Error::new(io::ErrorKind::TimedOut, what);
    let reader = reader_name(timeout)
        .map_err(io::Error::other)?
        .ok_or_else(|| timed_out("the PC/SC service does not list vpcd's reader"))?;
    if !wait_for_card(&reader, false, timeout).map_err(io::Error::other)? {
        return Err(timed_out("vpcd's reader still holds a card"));
    }
    let inserted = VirtualCard::insert(card, VPCD_ADDR)?;
    if !wait_for_card(&reader, true, timeout).map_err(io::Error::other)? {
        drop(inserted.remove());
        return Err(timed_out("the PC/SC service never showed the card"));
    }
    Ok((inserted, reader))
}

/// A simulated card inserted in vpcd's reader, served by a thread of this process.
#[derive(Debug)]
pub struct VirtualCard {
    stream: TcpStream,
    server: JoinHandle<SimCard>,
}

impl VirtualCard {
    /// Connects `card` to vpcd at `addr` (the reader sees an insertion) and serves it.
    pub fn insert(mut card: SimCard, addr: impl ToSocketAddrs) -> io::Result<Self> {
        card.insert();
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        let served = stream.try_clone()?;
        let server = std::thread::Builder::new()
            .name("vpcd-card".into())
            .spawn(move || answer(served, card))?;
        Ok(Self { stream, server })
    }

    /// Pulls the card out (the reader sees a removal) and gives it back, with its state (the
    /// PIN counter, the commands counted).
    pub fn remove(self) -> SimCard {
        // Errors here mean the connection is already closed: the card is out either way.
        let _ = self.stream.shutdown(Shutdown::Both);
        match self.server.join() {
            Ok(card) => card,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// Whether the card has been pulled out already (by [`SimCard::remove_after`], or by
    /// vpcd closing the connection).
    pub fn is_removed(&self) -> bool {
        self.server.is_finished()
    }
}

/// Answers vpcd until the connection closes or the card leaves its reader.
fn answer(mut stream: TcpStream, mut card: SimCard) -> SimCard {
    let mut message = Vec::new();
    loop {
        let mut len = [0u8; 2];
        quick_ack(&stream);
        if stream.read_exact(&mut len).is_err() {
            break;
        }
        message.resize(usize::from(u16::from_be_bytes(len)), 0);
        quick_ack(&stream);
        if stream.read_exact(&mut message).is_err() {
            break;
        }
        let answer = match message.as_slice() {
            [0x04] => Some(card.atr().to_vec()),
            [0x00..=0x02] => {
                card.reset();
                None
            }
            [_] => None,
            command => match card.respond(command) {
                Some(answer) => Some(answer),
                None => break, // pulled out mid-session: close, vpcd reports the removal
            },
        };
        if let Some(answer) = answer {
            let framed = [&(answer.len() as u16).to_be_bytes()[..], &answer].concat();
            if stream.write_all(&framed).is_err() {
                break;
            }
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
    card
}

/// vpcd writes the length and the payload of a message apart; with Nagle on its side and a
/// delayed ACK on ours, each payload would wait 40 ms. Asks Linux to acknowledge at once (the
/// setting does not last: re-armed before each read).
#[cfg(target_os = "linux")]
fn quick_ack(stream: &TcpStream) {
    // Only a delay is at stake: an error leaves the exchange correct.
    let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
}

#[cfg(not(target_os = "linux"))]
fn quick_ack(_: &TcpStream) {}
