//! CPx cards (CPS, CPE… in their CPS3 and CPS4 generations) over PC/SC: detect a card, read
//! its serial and holder without PIN, check the PIN, read the PIN-protected situations
//! (docs/domain.md §6, docs/cards.md).
//!
//! - [`Cpx`] runs the high-level calls, each in one card transaction, over any
//!   [`CardTransport`]: the PC/SC backend (`cpx::pcsc`, feature `pcsc`) or the
//!   [`SimCard`] simulator (synthetic data, always compiled).
//! - Files are found through PKCS#15 (EF.DIR, ODF, CDF, DODF, AODF), never by the file
//!   identifiers of the holder's data; the holder comes from the subject of the
//!   authentication certificate, attributes found by OID.
//! - A [`Pin`] is 4 to 8 digits, zeroized, never printed, sent once, and the card is reset
//!   after it; errors are [`CardError`]s with stable codes, never a panic, never holder data.
//!
//! ```
//! use rppsplus_core::cpx::{CardType, Cpx, Generation, SimCard};
//!
//! let mut card = Cpx::new(SimCard::cps3());
//! let read = card.read()?;
//! assert_eq!((read.generation, read.card_type), (Generation::Cps3, CardType::Cps));
//! assert_eq!(read.holder.id_nat().as_str(), "899700000013");
//! assert_eq!(read.holder.id_nat().rpps().map(|r| r.to_string()), Some("99700000013".into()));
//! let json = serde_json::to_value(&read).unwrap();
//! assert_eq!(json["holder"]["profession"], "Médecin");
//! assert_eq!(json["serial"], "90000301");
//! # Ok::<(), rppsplus_core::cpx::CardError>(())
//! ```

mod apdu;
mod cert;
mod error;
#[cfg(test)]
mod fuzz;
mod model;
#[cfg(feature = "pcsc")]
pub mod pcsc;
mod pin;
mod pkcs15;
mod session;
mod sim;
mod tlv;
mod transport;
#[cfg(feature = "pcsc")]
pub mod vpcd;

pub use apdu::{Command, MAX_READ, Response, Sw};
pub use error::{CardError, CardErrorCode, CardObject};
pub use model::{Card, CardSerial, CardType, Generation, Holder, PinStatus, Reader, SituationKind, SituationObject};
pub use pin::Pin;
pub use session::{Cpx, Detection};
pub use sim::{SimCard, SimFile};
pub use transport::{ApduLink, CardTransport, Disposition};
