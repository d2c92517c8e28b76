//! # librppsplus: the C face of `rppsplus-core`
//!
//! Every `extern "C"` function of this crate only converts between C and the core: the
//! domain rules, names and messages live in [`rppsplus_core`]. The header
//! `include/rppsplus.h` is generated from these sources by cbindgen (see `tests/header.rs`);
//! the conventions every function follows are written once, in `README.md` ("API
//! conventions"), and summarised in the header preamble:
//!
//! - every value type is `typedef uint32_t` plus constants, in C and C++ alike
//!   (`#[repr(transparent)]` newtypes here); fallible functions return `rppsplus_result`;
//! - every pointer is checked for NULL; outputs are written only on success (and the length
//!   needed on `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`);
//! - a panic never crosses the boundary ([`panic`]'s `ffi_panic_boundary!`);
//! - every handle goes through one discipline (`handle::Castable`, rustls-ffi's);
//! - the values of the core's closed sets are their index in the core's `ALL`, and every
//!   name C prints is the core's `as_str()` (`names`).
#![allow(non_camel_case_types)]

#[macro_use]
mod panic;
#[macro_use]
mod handle;
mod buffer;
mod card;
mod csv;
mod idnat;
mod ids;
mod meta;
mod names;
mod nomenclature;
mod options;
mod report;
mod result;
mod sheet;
mod version;
mod workflow;

pub use buffer::rppsplus_str;
pub use card::*;
pub use csv::*;
pub use idnat::{rppsplus_idnat_from_adeli, rppsplus_idnat_from_rpps, rppsplus_idnat_to_adeli, rppsplus_idnat_to_rpps};
pub use ids::*;
pub use meta::*;
pub use nomenclature::*;
pub use options::*;
pub use report::*;
pub use result::*;
pub use sheet::*;
pub use version::{rppsplus_check_version, rppsplus_version, rppsplus_version_number};
pub use workflow::*;
