//! One handle discipline for every opaque type C holds, after rustls-ffi's `Castable`
//! (`librustls/src/ffi.rs`).
//!
//! A handle type is a zero-sized `pub struct rppsplus_x { _private: [u8; 0] }` (C sees an
//! incomplete type) that implements [`Castable`] once, naming the Rust value behind the
//! pointer and how C holds it:
//!
//! | ownership | made by | C frees it with | C pointer | example |
//! |---|---|---|---|---|
//! | [`OwnershipBox`] | [`HandleOut::set`], [`to_boxed_mut_ptr`] | the type's `_free` ([`free_box`]) | `T *` to own and free, `const T *` to read | `rppsplus_entries`, `rppsplus_report`, `rppsplus_reports`, `rppsplus_validate_options`, `rppsplus_readers`, `rppsplus_card` |
//! | [`OwnershipArc`] | [`SharedOut::set`], [`to_arc_const_ptr`] | the type's `_free` ([`free_arc`]), once per reference | `const T *` | `rppsplus_registry` (shared between threads, synchronised inside) |
//! | [`OwnershipRef`] | [`to_const_ptr`] | never: borrowed from another handle | `const T *` | `rppsplus_holder` (of its `rppsplus_card`) |
//!
//! Every exported function reaches the Rust value through [`try_ref_from_ptr!`] (shared
//! read), [`try_mut_from_ptr!`] (exclusive, `Box` only) or [`free_box`] / [`free_arc`], never
//! through a cast of its own; a NULL pointer gives `RPPSPLUS_RESULT_NULL_PARAMETER` (or the
//! function's documented fallback value). A value borrowed from inside a handle (a report
//! of a list of reports) is handed out with [`to_const_ptr`] and is never freed on its own.
//!
//! The Rust value of every handle is `Send + Sync`: the thread rule of the header (`const`
//! pointers may be shared between threads, non-`const` ones need exclusive access) holds by
//! construction.

use std::ptr::NonNull;
use std::sync::Arc;

use crate::result::{RPPSPLUS_RESULT_NULL_PARAMETER, rppsplus_result};

/// A C handle type: the Rust value behind its pointers and how C holds it.
pub(crate) trait Castable {
    /// [`OwnershipBox`], [`OwnershipArc`] or [`OwnershipRef`].
    type Ownership;
    /// The Rust value a pointer to this type points to.
    type RustType: Send + Sync;
}

/// The handle is a `Box` C owns: made once, freed once with its type's `_free`.
pub(crate) enum OwnershipBox {}

/// The handle is an `Arc`: C holds one reference per pointer it was given and frees each
/// with its type's `_free`; only `const` pointers (shared, read-only).
pub(crate) enum OwnershipArc {}

/// The handle is borrowed from another one: C never frees it.
pub(crate) enum OwnershipRef {}

/// A new `Box` handle holding `value`, for C to free with the type's `_free`.
pub(crate) fn to_boxed_mut_ptr<C: Castable<Ownership = OwnershipBox>>(value: C::RustType) -> *mut C {
    Box::into_raw(Box::new(value)).cast()
}

/// A pointer to a value owned elsewhere (an [`OwnershipRef`] handle, or a part of another
/// handle): valid as long as its owner, never freed by C.
pub(crate) fn to_const_ptr<C: Castable>(value: &C::RustType) -> *const C {
    std::ptr::from_ref(value).cast()
}

/// A new `Arc` handle sharing `value`, for C to free with the type's `_free`.
pub(crate) fn to_arc_const_ptr<C: Castable<Ownership = OwnershipArc>>(value: Arc<C::RustType>) -> *const C {
    Arc::into_raw(value).cast()
}

/// The value behind a handle pointer, or `None` for NULL. Use [`try_ref_from_ptr!`].
///
/// # Safety
///
/// `ptr` is NULL or a live handle of type `C` (made by this module and not freed), not
/// mutated during the returned borrow.
pub(crate) unsafe fn try_from<'a, C: Castable>(ptr: *const C) -> Option<&'a C::RustType> {
    // SAFETY: the caller's contract: every non-NULL `*const C` points to a `C::RustType`.
    unsafe { ptr.cast::<C::RustType>().as_ref() }
}

/// The value behind a `Box` handle pointer, exclusively, or `None` for NULL. Use
/// [`try_mut_from_ptr!`].
///
/// # Safety
///
/// `ptr` is NULL or a live `Box` handle of type `C`, used by no one else during the returned
/// borrow.
pub(crate) unsafe fn try_from_mut<'a, C: Castable<Ownership = OwnershipBox>>(
    ptr: *mut C,
) -> Option<&'a mut C::RustType> {
    // SAFETY: the caller's contract.
    unsafe { ptr.cast::<C::RustType>().as_mut() }
}

/// Frees a `Box` handle; NULL does nothing.
///
/// # Safety
///
/// `ptr` is NULL or a `Box` handle of type `C` not yet freed, used by no one else; it must
/// not be used afterwards.
pub(crate) unsafe fn free_box<C: Castable<Ownership = OwnershipBox>>(ptr: *mut C) {
    if !ptr.is_null() {
        // SAFETY: made by `Box::into_raw` and not yet freed (the caller's contract): the Box
        // is rebuilt and dropped once.
        drop(unsafe { Box::from_raw(ptr.cast::<C::RustType>()) });
    }
}

/// Releases one reference of an `Arc` handle; NULL does nothing.
///
/// # Safety
///
/// `ptr` is NULL or an `Arc` handle of type `C` whose reference the caller gives up.
pub(crate) unsafe fn free_arc<C: Castable<Ownership = OwnershipArc>>(ptr: *const C) {
    if !ptr.is_null() {
        // SAFETY: made by `Arc::into_raw`, this reference not yet released (the caller's
        // contract).
        drop(unsafe { Arc::from_raw(ptr.cast::<C::RustType>()) });
    }
}

/// Where a function writes a new `Box` handle (`rppsplus_entries **entries_out`): checked
/// for NULL before any work, written only on success.
pub(crate) struct HandleOut<C>(NonNull<*mut C>);

impl<C: Castable<Ownership = OwnershipBox>> HandleOut<C> {
    /// `NULL_PARAMETER` for a NULL `out`.
    pub(crate) fn new(out: *mut *mut C) -> Result<Self, rppsplus_result> {
        NonNull::new(out).map(Self).ok_or(RPPSPLUS_RESULT_NULL_PARAMETER)
    }

    /// Writes a new handle holding `value` to `*out`: the caller now owns it.
    ///
    /// # Safety
    ///
    /// `out` points to a writable `C *` (the exported function's contract).
    pub(crate) unsafe fn set(self, value: C::RustType) {
        // SAFETY: not NULL (`new`), writable (the caller's contract).
        unsafe { self.0.as_ptr().write(to_boxed_mut_ptr(value)) };
    }
}

/// Where a function writes a new `Arc` handle (`const rppsplus_registry **registry_out`):
/// checked for NULL before any work, written only on success.
pub(crate) struct SharedOut<C>(NonNull<*const C>);

impl<C: Castable<Ownership = OwnershipArc>> SharedOut<C> {
    /// `NULL_PARAMETER` for a NULL `out`.
    pub(crate) fn new(out: *mut *const C) -> Result<Self, rppsplus_result> {
        NonNull::new(out).map(Self).ok_or(RPPSPLUS_RESULT_NULL_PARAMETER)
    }

    /// Writes a new handle holding `value` to `*out`: the caller now holds its one
    /// reference.
    ///
    /// # Safety
    ///
    /// `out` points to a writable `const C *` (the exported function's contract).
    pub(crate) unsafe fn set(self, value: C::RustType) {
        // SAFETY: not NULL (`new`), writable (the caller's contract).
        unsafe { self.0.as_ptr().write(to_arc_const_ptr(Arc::new(value))) };
    }
}

/// The `&RustType` behind a handle pointer.
///
/// - `try_ref_from_ptr!(ptr)`: a NULL `ptr` returns `Err(RPPSPLUS_RESULT_NULL_PARAMETER)`
///   from the enclosing body (an `ffi_panic_boundary!` body of type `Result`).
/// - `try_ref_from_ptr!(ptr, or value)`: a NULL `ptr` returns `value` (the documented
///   fallback of an infallible accessor).
///
/// Only inside an exported function whose `# Safety` says that `ptr` is NULL or a live
/// handle of its type, not mutated during the call.
macro_rules! try_ref_from_ptr {
    ($ptr:expr) => {
        try_ref_from_ptr!($ptr, or Err($crate::result::RPPSPLUS_RESULT_NULL_PARAMETER))
    };
    ($ptr:expr, or $fallback:expr) => {
        // SAFETY: the exported function's contract: NULL or a live handle of its type.
        match unsafe { $crate::handle::try_from($ptr) } {
            Some(value) => value,
            None => return $fallback,
        }
    };
}

/// The `&mut RustType` behind a `Box` handle pointer; a NULL `ptr` returns
/// `Err(RPPSPLUS_RESULT_NULL_PARAMETER)` from the enclosing body.
///
/// Only inside an exported function whose `# Safety` says that `ptr` is NULL or a live
/// handle of its type, used by no other thread during the call.
macro_rules! try_mut_from_ptr {
    ($ptr:expr) => {
        // SAFETY: the exported function's contract: NULL or a live handle of its type, used
        // exclusively.
        match unsafe { $crate::handle::try_from_mut($ptr) } {
            Some(value) => value,
            None => return Err($crate::result::RPPSPLUS_RESULT_NULL_PARAMETER),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Boxed {
        _private: [u8; 0],
    }
    impl Castable for Boxed {
        type Ownership = OwnershipBox;
        type RustType = String;
    }

    struct Shared {
        _private: [u8; 0],
    }
    impl Castable for Shared {
        type Ownership = OwnershipArc;
        type RustType = String;
    }

    struct Borrowed {
        _private: [u8; 0],
    }
    impl Castable for Borrowed {
        type Ownership = OwnershipRef;
        type RustType = u32;
    }

    fn len_of(ptr: *const Boxed) -> Result<usize, rppsplus_result> {
        Ok(try_ref_from_ptr!(ptr).len())
    }

    fn push(ptr: *mut Boxed) -> Result<(), rppsplus_result> {
        try_mut_from_ptr!(ptr).push('!');
        Ok(())
    }

    #[test]
    fn box_handles_round_trip_and_null_is_refused() {
        let p = to_boxed_mut_ptr::<Boxed>("hi".to_string());
        assert_eq!(push(p), Ok(()));
        assert_eq!(len_of(p), Ok(3));
        assert_eq!(len_of(std::ptr::null()), Err(RPPSPLUS_RESULT_NULL_PARAMETER));
        assert_eq!(push(std::ptr::null_mut()), Err(RPPSPLUS_RESULT_NULL_PARAMETER));
        // SAFETY: a live handle, freed once; NULL does nothing.
        unsafe {
            free_box(p);
            free_box::<Boxed>(std::ptr::null_mut());
        }

        let mut slot: *mut Boxed = std::ptr::null_mut();
        let out = HandleOut::new(&mut slot).unwrap();
        // SAFETY: `slot` is writable.
        unsafe { out.set("new".to_string()) };
        assert_eq!(len_of(slot), Ok(3));
        // SAFETY: the handle just made, freed once.
        unsafe { free_box(slot) };
        assert!(HandleOut::<Boxed>::new(std::ptr::null_mut()).is_err());
    }

    #[test]
    fn arc_handles_count_references() {
        let value = Arc::new("shared".to_string());
        let p = to_arc_const_ptr::<Shared>(Arc::clone(&value));
        // SAFETY: a live Arc handle; every reference taken is released once.
        unsafe {
            assert_eq!(Arc::strong_count(&value), 2);
            assert_eq!(try_from(p).map(String::as_str), Some("shared"));
            free_arc(p);
            free_arc::<Shared>(std::ptr::null());
        }
        assert_eq!(Arc::strong_count(&value), 1);
    }

    #[test]
    fn borrowed_pointers_read_their_owner() {
        let owner = 7u32;
        let p = to_const_ptr::<Borrowed>(&owner);
        // SAFETY: `owner` outlives the read.
        assert_eq!(unsafe { try_from(p) }, Some(&7));
    }
}
