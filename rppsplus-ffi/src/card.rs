//! CPx cards over PC/SC (docs/cards.md): the readers, the card read without PIN (an opaque
//! `rppsplus_card` with its borrowed `rppsplus_holder`), the PIN status and the PIN check.
//!
//! Each function opens the PC/SC service, the reader (named, or the first holding a card)
//! and the card, runs one of the core's calls (`rppsplus_core::cpx::Cpx`, one card
//! transaction) and closes everything: nothing is kept between calls, so a card swapped in
//! between is read anew. The PC/SC library is loaded at run time: without it, or without a
//! running service, every function answers `RPPSPLUS_RESULT_SERVICE_ABSENT`.
//!
//! Everything here converts: the card protocol, the PIN rules, the names and the messages
//! are the core's.

use std::ffi::c_char;
use std::ptr;

use rppsplus_core::cpx::pcsc::{PcscTransport, readers};
use rppsplus_core::cpx::{Card, CardError, CardType, Cpx, Generation, Holder, Pin, Reader};
use rppsplus_core::ids::Rpps;

use crate::buffer::{OptionalOut, input_bytes, input_str, rppsplus_str, write_json};
use crate::handle::{Castable, HandleOut, OwnershipBox, OwnershipRef, free_box, to_const_ptr};
use crate::names::{CNames, to_value};
use crate::result::{RPPSPLUS_RESULT_NULL_PARAMETER, rppsplus_result};

/// The generation of a CPx card: `typedef uint32_t rppsplus_generation`, with the
/// `RPPSPLUS_GENERATION_*` constants, whose values are the order of the core's
/// `Generation::ALL` and whose names (`rppsplus_generation_name`) are the core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_generation(pub u32);

/// CPS3 read through its contacts (`cps3`).
pub const RPPSPLUS_GENERATION_CPS3: rppsplus_generation = rppsplus_generation(0);
/// CPS3 read without contact (`cps3_contactless`).
pub const RPPSPLUS_GENERATION_CPS3_CONTACTLESS: rppsplus_generation = rppsplus_generation(1);
/// CPS4 (`cps4`).
pub const RPPSPLUS_GENERATION_CPS4: rppsplus_generation = rppsplus_generation(2);
/// No card: a NULL handle (`unknown`).
pub const RPPSPLUS_GENERATION_NONE: rppsplus_generation = rppsplus_generation(255);

/// The type of a CPx card, as TRE_R87-TypeCarte names it: `typedef uint32_t
/// rppsplus_card_type`, with the `RPPSPLUS_CARD_TYPE_*` constants, whose values are the
/// order of the core's `CardType::ALL` and whose names (`rppsplus_card_type_name`) are the
/// core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_card_type(pub u32);

/// A professional's card (`CPS`; a CPF looks the same): idNat `8`+RPPS or `0`+ADELI.
pub const RPPSPLUS_CARD_TYPE_CPS: rppsplus_card_type = rppsplus_card_type(0);
/// A staff card (`CPE`; a CPA, CDE or CDA looks the same): a structure-based idNat.
pub const RPPSPLUS_CARD_TYPE_CPE: rppsplus_card_type = rppsplus_card_type(1);
/// No card: a NULL handle (`unknown`).
pub const RPPSPLUS_CARD_TYPE_NONE: rppsplus_card_type = rppsplus_card_type(255);

static GENERATION_NAMES: CNames<{ Generation::NAMES.len() }> = CNames::new(Generation::NAMES);
static CARD_TYPE_NAMES: CNames<{ CardType::NAMES.len() }> = CNames::new(CardType::NAMES);

/// The readers of `rppsplus_card_readers`, each with whether a card is in it.
///
/// - Owner: the caller, who frees it once with `rppsplus_readers_free` (freeing NULL does
///   nothing); a `Box` handle.
/// - Threads: immutable; the accessors may run from several threads at once; `_free` needs
///   it exclusively.
/// - The views (`rppsplus_str`) the accessors return borrow from the list: valid until it
///   is freed.
pub struct rppsplus_readers {
    _private: [u8; 0],
}

impl Castable for rppsplus_readers {
    type Ownership = OwnershipBox;
    type RustType = Vec<Reader>;
}

/// What a CPx card tells without PIN (`rppsplus_card_read`): generation, type, serial
/// number and holder.
///
/// - Owner: the caller, who frees it once with `rppsplus_card_free` (freeing NULL does
///   nothing); a `Box` handle. It is a copy of what the card held when it was read: it needs
///   no reader and no card afterwards.
/// - Threads: immutable, as `rppsplus_readers`.
/// - Confidential (docs/domain.md section 7): the holder's name and identifier are personal
///   data; the library never logs them.
pub struct rppsplus_card {
    _private: [u8; 0],
}

impl Castable for rppsplus_card {
    type Ownership = OwnershipBox;
    type RustType = CardValue;
}

/// The holder of a card, from its authentication certificate: idNat, nom, prenom,
/// profession.
///
/// - Owner: its card: `rppsplus_card_holder` lends it; never free it; it is valid until the
///   card is freed.
/// - Threads: immutable, as its card.
pub struct rppsplus_holder {
    _private: [u8; 0],
}

impl Castable for rppsplus_holder {
    type Ownership = OwnershipRef;
    type RustType = HolderValue;
}

/// What an `rppsplus_card` points to.
pub(crate) struct CardValue {
    card: Card,
    holder: HolderValue,
}

/// What an `rppsplus_holder` points to: the core's holder and its RPPS number, kept so that
/// its view lives as long as the card.
pub(crate) struct HolderValue {
    holder: Holder,
    rpps: Option<Rpps>,
}

impl CardValue {
    fn new(card: Card) -> Self {
        let holder = HolderValue {
            holder: card.holder.clone(),
            rpps: card.holder.id_nat().rpps(),
        };
        Self { card, holder }
    }
}

/// The reader argument: NULL with a length of 0 is "the first reader holding a card".
///
/// Errors: NULL `reader` with `reader_len > 0` -> `NULL_PARAMETER`; and those of
/// [`input_str`].
///
/// # Safety
///
/// As [`input_str`].
unsafe fn input_reader<'a>(reader: *const c_char, reader_len: usize) -> Result<Option<&'a str>, rppsplus_result> {
    if reader.is_null() && reader_len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded to the caller.
    unsafe { input_str(reader, reader_len) }.map(Some)
}

/// A session on the card of `reader` (or the first reader holding a card).
fn open(reader: Option<&str>) -> Result<Cpx<PcscTransport>, CardError> {
    PcscTransport::open(reader).map(Cpx::new)
}

/// Writes a new list of the readers the PC/SC service knows to `*readers_out` (possibly
/// empty: no reader is not an error here), which the caller frees with
/// `rppsplus_readers_free`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*readers_out` is a new list;
/// - `RPPSPLUS_RESULT_SERVICE_ABSENT`: no PC/SC library, or no PC/SC service running;
/// - `RPPSPLUS_RESULT_TRANSPORT_FAILURE`: the service failed;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `readers_out` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*readers_out` is unchanged and there is nothing to free.
///
/// # Safety
///
/// `readers_out` points to a writable `rppsplus_readers *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_readers(readers_out: *mut *mut rppsplus_readers) -> rppsplus_result {
    ffi_panic_boundary! {
        let readers_out = HandleOut::new(readers_out)?;
        let list = readers()?;
        // SAFETY: `readers_out` is writable (the caller's contract).
        unsafe { readers_out.set(list) };
        Ok(())
    }
}

/// The number of readers of a list; 0 for NULL.
///
/// # Safety
///
/// `readers` is NULL or a list from `rppsplus_card_readers` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_readers_len(readers: *const rppsplus_readers) -> usize {
    ffi_panic_boundary! {
        default = 0;
        try_ref_from_ptr!(readers, or 0).len()
    }
}

/// The name of reader `index`, as the PC/SC service gives it (pass it to the card functions
/// to choose that reader): a view (not NUL-terminated) valid until the list is freed; a NULL
/// view for a NULL list or an index out of range.
///
/// # Safety
///
/// As `rppsplus_readers_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_readers_name_at(readers: *const rppsplus_readers, index: usize) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        let readers = try_ref_from_ptr!(readers, or rppsplus_str::NONE);
        readers.get(index).map_or(rppsplus_str::NONE, |r| rppsplus_str::of(&r.name))
    }
}

/// Whether a card was in reader `index` when the list was made; false for a NULL list or an
/// index out of range.
///
/// # Safety
///
/// As `rppsplus_readers_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_readers_is_card_present_at(readers: *const rppsplus_readers, index: usize) -> bool {
    ffi_panic_boundary! {
        default = false;
        try_ref_from_ptr!(readers, or false).get(index).is_some_and(|r| r.card_present)
    }
}

/// Frees a list from `rppsplus_card_readers` and the names its views point to. NULL does
/// nothing. Freeing twice, or using the list or its views afterwards, is undefined
/// behaviour.
///
/// # Safety
///
/// `readers` is NULL or a list from `rppsplus_card_readers` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_readers_free(readers: *mut rppsplus_readers) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(readers) }
    }
}

/// Reads a CPx card without PIN (generation, type, serial number, holder: the core's
/// `Cpx::read`, one card transaction) and writes a new card to `*card_out`, which the
/// caller frees with `rppsplus_card_free`.
///
/// `reader` (`reader_len` bytes, UTF-8) names the reader, as `rppsplus_readers_name_at`
/// gives it; NULL with `reader_len` 0 takes the first reader holding a card.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*card_out` is a new card;
/// - `RPPSPLUS_RESULT_SERVICE_ABSENT`, `RPPSPLUS_RESULT_NO_READER`,
///   `RPPSPLUS_RESULT_UNKNOWN_READER`, `RPPSPLUS_RESULT_NO_CARD`, `RPPSPLUS_RESULT_NOT_CPX`,
///   `RPPSPLUS_RESULT_CARD_REMOVED`, `RPPSPLUS_RESULT_TRANSPORT_FAILURE`,
///   `RPPSPLUS_RESULT_CARD_STATUS`, `RPPSPLUS_RESULT_MALFORMED_DATA`,
///   `RPPSPLUS_RESULT_MISSING_OBJECT`: the card errors (`rppsplus_result_message` says
///   each);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `card_out` NULL, or `reader` NULL with
///   `reader_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*card_out` is unchanged and there is nothing to free.
///
/// # Safety
///
/// `reader` is NULL or points to `reader_len` readable bytes; `card_out` points to a
/// writable `rppsplus_card *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_read(
    reader: *const c_char,
    reader_len: usize,
    card_out: *mut *mut rppsplus_card,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let card_out = HandleOut::new(card_out)?;
        // SAFETY: the caller's contract.
        let reader = unsafe { input_reader(reader, reader_len) }?;
        let card = open(reader)?.read()?;
        // SAFETY: `card_out` is writable (the caller's contract).
        unsafe { card_out.set(CardValue::new(card)) };
        Ok(())
    }
}

/// The generation of a card (`RPPSPLUS_GENERATION_CPS3`...); `RPPSPLUS_GENERATION_NONE`
/// for NULL.
///
/// # Safety
///
/// `card` is NULL or a card from `rppsplus_card_read` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_generation(card: *const rppsplus_card) -> rppsplus_generation {
    ffi_panic_boundary! {
        default = RPPSPLUS_GENERATION_NONE;
        rppsplus_generation(to_value(try_ref_from_ptr!(card, or RPPSPLUS_GENERATION_NONE).card.generation))
    }
}

/// The type of a card (`RPPSPLUS_CARD_TYPE_CPS`, `RPPSPLUS_CARD_TYPE_CPE`), told by its
/// holder's idNat; `RPPSPLUS_CARD_TYPE_NONE` for NULL.
///
/// # Safety
///
/// As `rppsplus_card_generation`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_type_of(card: *const rppsplus_card) -> rppsplus_card_type {
    ffi_panic_boundary! {
        default = RPPSPLUS_CARD_TYPE_NONE;
        rppsplus_card_type(to_value(try_ref_from_ptr!(card, or RPPSPLUS_CARD_TYPE_NONE).card.card_type))
    }
}

/// The serial number of a card, 8 digits: a view (not NUL-terminated) valid until the card
/// is freed; a NULL view for NULL.
///
/// # Safety
///
/// As `rppsplus_card_generation`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_serial(card: *const rppsplus_card) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        rppsplus_str::of(try_ref_from_ptr!(card, or rppsplus_str::NONE).card.serial.as_str())
    }
}

/// The holder of a card, **borrowed**: read it with the `rppsplus_holder_*` accessors,
/// never free it; it is valid until the card is freed. NULL for a NULL card.
///
/// # Safety
///
/// As `rppsplus_card_generation`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_holder(card: *const rppsplus_card) -> *const rppsplus_holder {
    ffi_panic_boundary! {
        default = ptr::null();
        to_const_ptr(&try_ref_from_ptr!(card, or ptr::null()).holder)
    }
}

/// Writes the card as JSON (UTF-8), the CLI's `rppsplus card read --format json`:
/// `{"generation":"cps3","card_type":"CPS","serial":"...","holder":{"id_nat","id_nat_type","rpps","nom","prenom","profession"}}`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the JSON and a NUL are in `out`, `*out_len` is its length in
///   bytes;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `card` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `card` is NULL or a card not yet freed; `out` (unless NULL) points to `out_cap` writable
/// bytes and `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_to_json(
    card: *const rppsplus_card,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { write_json(card, out, out_cap, out_len, |card| serde_json::to_string(&card.card)) }
    }
}

/// Frees a card from `rppsplus_card_read`, with its holder and the texts their views point
/// to. NULL does nothing. Freeing twice, or using the card, its holder or a view afterwards,
/// is undefined behaviour.
///
/// # Safety
///
/// `card` is NULL or a card from `rppsplus_card_read` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_free(card: *mut rppsplus_card) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(card) }
    }
}

/// A view of one text of a holder, or [`rppsplus_str::NONE`].
///
/// # Safety
///
/// `holder` is NULL or a live holder; the view must not outlive its card.
unsafe fn holder_text(
    holder: *const rppsplus_holder,
    field: impl FnOnce(&HolderValue) -> Option<&str>,
) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        field(try_ref_from_ptr!(holder, or rppsplus_str::NONE)).map_or(rppsplus_str::NONE, rppsplus_str::of)
    }
}

/// The holder's national identifier (idNat): `8`+RPPS or `0`+ADELI on a CPS, a
/// structure-based one on a CPE.
///
/// Like every `rppsplus_holder_*` accessor: a view (not NUL-terminated) valid until the card
/// is freed; `data` is NULL (and `len` 0) when `holder` is NULL, or when the field is absent
/// (`rppsplus_holder_rpps`, `rppsplus_holder_profession`), never otherwise.
///
/// # Safety
///
/// `holder` is NULL or the holder of a card not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_holder_id_nat(holder: *const rppsplus_holder) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { holder_text(holder, |h| Some(h.holder.id_nat().as_str())) }
}

/// The type of the holder's idNat, its TRE_G08 code (`8` RPPS, `0` ADELI, `3` FINESS +
/// local number...). As `rppsplus_holder_id_nat`.
///
/// # Safety
///
/// As `rppsplus_holder_id_nat`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_holder_id_nat_type(holder: *const rppsplus_holder) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { holder_text(holder, |h| Some(h.holder.id_nat().id_type().code())) }
}

/// The holder's RPPS number (11 digits) when the idNat is `8`+RPPS; a NULL view otherwise.
/// As `rppsplus_holder_id_nat`.
///
/// # Safety
///
/// As `rppsplus_holder_id_nat`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_holder_rpps(holder: *const rppsplus_holder) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { holder_text(holder, |h| h.rpps.as_ref().map(Rpps::as_str)) }
}

/// The holder's nom (surname), as the certificate writes it. As `rppsplus_holder_id_nat`.
///
/// # Safety
///
/// As `rppsplus_holder_id_nat`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_holder_nom(holder: *const rppsplus_holder) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { holder_text(holder, |h| Some(h.holder.nom())) }
}

/// The holder's prenom (given name), as the certificate writes it. As
/// `rppsplus_holder_id_nat`.
///
/// # Safety
///
/// As `rppsplus_holder_id_nat`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_holder_prenom(holder: *const rppsplus_holder) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { holder_text(holder, |h| Some(h.holder.prenom())) }
}

/// The holder's profession (the certificate's `title`, `M\xc3\xa9decin`...); a NULL view
/// on a staff card, which has none. As `rppsplus_holder_id_nat`.
///
/// # Safety
///
/// As `rppsplus_holder_id_nat`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_holder_profession(holder: *const rppsplus_holder) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { holder_text(holder, |h| h.holder.profession()) }
}

/// Writes the holder as JSON (UTF-8), the `holder` object of `rppsplus_card_to_json`:
/// `{"id_nat","id_nat_type","rpps","nom","prenom","profession"}` (`rpps` and `profession`
/// null when absent).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the JSON and a NUL are in `out`, `*out_len` is its length in
///   bytes;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `holder` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `holder` is NULL or the holder of a card not yet freed; `out` (unless NULL) points to
/// `out_cap` writable bytes and `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_holder_to_json(
    holder: *const rppsplus_holder,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { write_json(holder, out, out_cap, out_len, |holder| serde_json::to_string(&holder.holder)) }
    }
}

/// Reads the state of the holder's PIN without presenting it (the core's
/// `Cpx::pin_status`): the tries left before it blocks to `*tries_left_out` and whether it
/// is blocked to `*blocked_out`, both written only on success. `reader` as for
/// `rppsplus_card_read`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: both outputs are written;
/// - the card errors of `rppsplus_card_read`: `RPPSPLUS_RESULT_SERVICE_ABSENT`,
///   `RPPSPLUS_RESULT_NO_READER`, `RPPSPLUS_RESULT_UNKNOWN_READER`,
///   `RPPSPLUS_RESULT_NO_CARD`, `RPPSPLUS_RESULT_NOT_CPX`, `RPPSPLUS_RESULT_CARD_REMOVED`,
///   `RPPSPLUS_RESULT_TRANSPORT_FAILURE`, `RPPSPLUS_RESULT_CARD_STATUS`,
///   `RPPSPLUS_RESULT_MALFORMED_DATA`, `RPPSPLUS_RESULT_MISSING_OBJECT`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `tries_left_out` or `blocked_out` NULL, or `reader`
///   NULL with `reader_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `reader` is NULL or points to `reader_len` readable bytes; `tries_left_out` and
/// `blocked_out` point to a writable `uint8_t` and `bool`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_pin_status(
    reader: *const c_char,
    reader_len: usize,
    tries_left_out: *mut u8,
    blocked_out: *mut bool,
) -> rppsplus_result {
    ffi_panic_boundary! {
        if tries_left_out.is_null() || blocked_out.is_null() {
            return Err(RPPSPLUS_RESULT_NULL_PARAMETER);
        }
        // SAFETY: the caller's contract.
        let reader = unsafe { input_reader(reader, reader_len) }?;
        let status = open(reader)?.pin_status()?;
        // SAFETY: both are non-NULL and writable (the caller's contract).
        unsafe {
            tries_left_out.write(status.tries_left);
            blocked_out.write(status.blocked);
        }
        Ok(())
    }
}

/// Verifies the holder's PIN (the core's `Cpx::verify_pin`): `pin_len` ASCII digits at
/// `pin`, 4 to 8 of them. The PIN is read once into a buffer of the library that is wiped
/// when the call returns; the library never copies it elsewhere, never logs it, sends it to
/// the card once and never retries; the card is reset at the end so that no other
/// application inherits the unlocked state. A PIN of the wrong length or with another
/// character than a digit is refused before the reader is even opened (the card's counter is
/// untouched); a blocked PIN is not sent. `reader` as for `rppsplus_card_read`.
///
/// `tries_left_out` may be NULL. It is written on `RPPSPLUS_RESULT_WRONG_PIN` (the tries
/// left, 1 or more) and on `RPPSPLUS_RESULT_PIN_BLOCKED` (0), and on no other result: the
/// second exception, with `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`, to "outputs only on
/// success", since those results are the answer.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the card accepted the PIN;
/// - `RPPSPLUS_RESULT_WRONG_PIN`: the card refused it; `*tries_left_out` is the tries left;
/// - `RPPSPLUS_RESULT_PIN_BLOCKED`: no try left (nothing was sent if it was blocked before);
///   `*tries_left_out` is 0;
/// - `RPPSPLUS_RESULT_INVALID_PIN`: not 4 to 8 digits, or outside the card's bounds; nothing
///   was sent;
/// - the card errors of `rppsplus_card_read`: `RPPSPLUS_RESULT_SERVICE_ABSENT`,
///   `RPPSPLUS_RESULT_NO_READER`, `RPPSPLUS_RESULT_UNKNOWN_READER`,
///   `RPPSPLUS_RESULT_NO_CARD`, `RPPSPLUS_RESULT_NOT_CPX`, `RPPSPLUS_RESULT_CARD_REMOVED`,
///   `RPPSPLUS_RESULT_TRANSPORT_FAILURE`, `RPPSPLUS_RESULT_CARD_STATUS`,
///   `RPPSPLUS_RESULT_MALFORMED_DATA`, `RPPSPLUS_RESULT_MISSING_OBJECT`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `pin` NULL (even with `pin_len` 0), or `reader` NULL
///   with `reader_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8` (the reader's name); `RPPSPLUS_RESULT_INVALID_PARAMETER`
///   (a length above `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `reader` is NULL or points to `reader_len` readable bytes; `pin` points to `pin_len`
/// readable bytes; `tries_left_out` is NULL or points to a writable `uint8_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_card_verify_pin(
    reader: *const c_char,
    reader_len: usize,
    pin: *const u8,
    pin_len: usize,
    tries_left_out: *mut u8,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let tries_left_out = unsafe { OptionalOut::new(tries_left_out) };
        if pin.is_null() {
            return Err(RPPSPLUS_RESULT_NULL_PARAMETER);
        }
        // SAFETY: the caller's contract.
        let reader = unsafe { input_reader(reader, reader_len) }?;
        // SAFETY: the caller's contract; `Pin::new` copies the digits into its zeroized
        // buffer, the only copy.
        let pin = Pin::new(unsafe { input_bytes(pin.cast(), pin_len) }?)?;
        match open(reader)?.verify_pin(pin) {
            Err(CardError::WrongPin { tries_left }) => {
                tries_left_out.set(tries_left);
                Err(CardError::WrongPin { tries_left }.into())
            }
            Err(CardError::PinBlocked) => {
                tries_left_out.set(0);
                Err(CardError::PinBlocked.into())
            }
            other => Ok(other?),
        }
    }
}

/// The name of an `rppsplus_generation` value, the core's (`"cps3"`,
/// `"cps3_contactless"`, `"cps4"`), or `"unknown"` for any other integer. Static and
/// NUL-terminated: never free it. Never returns NULL (an empty string if an internal panic
/// was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_generation_name(generation: rppsplus_generation) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); GENERATION_NAMES.of(generation.0) }
}

/// The name of an `rppsplus_card_type` value, the core's (`"CPS"`, `"CPE"`), or
/// `"unknown"` for any other integer. As `rppsplus_generation_name`.
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_card_type_name(card_type: rppsplus_card_type) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); CARD_TYPE_NAMES.of(card_type.0) }
}

#[cfg(test)]
mod tests {
    use rppsplus_core::cpx::SimCard;

    use super::*;
    use crate::handle::to_boxed_mut_ptr;
    use crate::result::{RPPSPLUS_RESULT_INSUFFICIENT_SIZE, RPPSPLUS_RESULT_OK};

    /// A card handle of what the simulator holds (no PC/SC).
    fn card_of(sim: SimCard) -> *mut rppsplus_card {
        to_boxed_mut_ptr::<rppsplus_card>(CardValue::new(Cpx::new(sim).read().unwrap()))
    }

    fn text(view: rppsplus_str) -> Option<String> {
        // SAFETY: a view from a live handle, or NULL.
        (!view.data.is_null()).then(|| {
            let bytes = unsafe { std::slice::from_raw_parts(view.data.cast::<u8>(), view.len) };
            String::from_utf8(bytes.to_vec()).unwrap()
        })
    }

    #[test]
    fn accessors_of_a_cps_and_a_cpe() {
        let card = card_of(SimCard::cps3());
        // SAFETY: live handles, freed once at the end; the holder is borrowed from the card.
        unsafe {
            assert_eq!(rppsplus_card_generation(card), RPPSPLUS_GENERATION_CPS3);
            assert_eq!(rppsplus_card_type_of(card), RPPSPLUS_CARD_TYPE_CPS);
            assert_eq!(text(rppsplus_card_serial(card)).as_deref(), Some("90000301"));
            let holder = rppsplus_card_holder(card);
            assert_eq!(text(rppsplus_holder_id_nat(holder)).as_deref(), Some("899700000013"));
            assert_eq!(text(rppsplus_holder_id_nat_type(holder)).as_deref(), Some("8"));
            assert_eq!(text(rppsplus_holder_rpps(holder)).as_deref(), Some("99700000013"));
            assert_eq!(text(rppsplus_holder_nom(holder)).as_deref(), Some("SYNTHETIQUE"));
            assert_eq!(text(rppsplus_holder_profession(holder)).as_deref(), Some("Médecin"));
            assert!(text(rppsplus_holder_prenom(holder)).is_some());
            rppsplus_card_free(card);
        }
        let cpe = card_of(SimCard::cpe());
        // SAFETY: as above.
        unsafe {
            assert_eq!(rppsplus_card_type_of(cpe), RPPSPLUS_CARD_TYPE_CPE);
            let holder = rppsplus_card_holder(cpe);
            assert_eq!(text(rppsplus_holder_rpps(holder)), None);
            assert_eq!(text(rppsplus_holder_profession(holder)), None);
            rppsplus_card_free(cpe);
        }
    }

    #[test]
    fn null_handles_give_the_fallbacks() {
        // SAFETY: NULL is allowed everywhere.
        unsafe {
            assert_eq!(rppsplus_card_generation(ptr::null()), RPPSPLUS_GENERATION_NONE);
            assert_eq!(rppsplus_card_type_of(ptr::null()), RPPSPLUS_CARD_TYPE_NONE);
            assert_eq!(rppsplus_card_serial(ptr::null()), rppsplus_str::NONE);
            assert!(rppsplus_card_holder(ptr::null()).is_null());
            assert_eq!(rppsplus_holder_nom(ptr::null()), rppsplus_str::NONE);
            assert_eq!(rppsplus_readers_len(ptr::null()), 0);
            assert_eq!(rppsplus_readers_name_at(ptr::null(), 0), rppsplus_str::NONE);
            assert!(!rppsplus_readers_is_card_present_at(ptr::null(), 0));
            rppsplus_card_free(ptr::null_mut());
            rppsplus_readers_free(ptr::null_mut());
        }
        let name = |p: *const c_char| unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap().to_owned();
        assert_eq!(
            name(rppsplus_generation_name(RPPSPLUS_GENERATION_CPS3_CONTACTLESS)),
            "cps3_contactless"
        );
        assert_eq!(name(rppsplus_generation_name(RPPSPLUS_GENERATION_NONE)), "unknown");
        assert_eq!(name(rppsplus_card_type_name(RPPSPLUS_CARD_TYPE_CPE)), "CPE");
    }

    #[test]
    fn json_is_the_cores_and_buffers_follow_the_conventions() {
        let card = card_of(SimCard::cps3());
        let expected = serde_json::to_string(&Cpx::new(SimCard::cps3()).read().unwrap()).unwrap();
        let mut len = 0;
        // SAFETY: live handles and buffers of the sizes given.
        unsafe {
            assert_eq!(
                rppsplus_card_to_json(card, ptr::null_mut(), 0, &mut len),
                RPPSPLUS_RESULT_INSUFFICIENT_SIZE
            );
            assert_eq!(len, expected.len());
            let mut buf = vec![b'x' as c_char; len];
            assert_eq!(
                rppsplus_card_to_json(card, buf.as_mut_ptr(), len, &mut len),
                RPPSPLUS_RESULT_INSUFFICIENT_SIZE
            );
            assert!(buf.iter().all(|&b| b == b'x' as c_char), "the buffer is untouched");
            let mut buf = vec![0 as c_char; len + 1];
            assert_eq!(
                rppsplus_card_to_json(card, buf.as_mut_ptr(), len + 1, &mut len),
                RPPSPLUS_RESULT_OK
            );
            let json = std::ffi::CStr::from_ptr(buf.as_ptr()).to_str().unwrap();
            assert_eq!(json, expected);
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            let mut hbuf = vec![0 as c_char; 512];
            assert_eq!(
                rppsplus_holder_to_json(rppsplus_card_holder(card), hbuf.as_mut_ptr(), hbuf.len(), &mut len),
                RPPSPLUS_RESULT_OK
            );
            let holder: serde_json::Value =
                serde_json::from_str(std::ffi::CStr::from_ptr(hbuf.as_ptr()).to_str().unwrap()).unwrap();
            assert_eq!(holder, value["holder"]);
            assert_eq!(
                rppsplus_holder_to_json(ptr::null(), hbuf.as_mut_ptr(), hbuf.len(), &mut len),
                RPPSPLUS_RESULT_NULL_PARAMETER
            );
            rppsplus_card_free(card);
        }
    }
}
