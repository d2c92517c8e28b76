//! # rppsplus-core
//!
//! The domain library of the French **RPPS+** registration portal: every identifier a
//! registration request carries, each a newtype that can only be built valid.
//!
//! ```
//! use rppsplus_core::ids::{IdNatPp, Rpps};
//!
//! let rpps: Rpps = "101 0798 5318".parse()?;
//! assert_eq!(rpps.as_str(), "10107985318");
//! assert_eq!(IdNatPp::from(rpps).as_str(), "810107985318");
//! # Ok::<(), rppsplus_core::ids::ParseError>(())
//! ```
//!
//! Everything is offline and deterministic; without the `pcsc` feature the crate never opens a
//! file or a socket (with it, `cpx::pcsc` talks to the platform's smart card service).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cpx;
pub mod demande;
pub mod ids;
pub mod nomenclature;
