//! The card functions on a machine without PC/SC: the library is pointed at a missing file
//! (`RPPSPLUS_PCSC_LIBRARY`) before anything loads it, and every card function answers
//! `RPPSPLUS_RESULT_SERVICE_ABSENT`, after the NULL and PIN checks, which come first and need
//! no service. A test without the libtest harness: `main` sets the variable while the
//! process has one thread.

use std::ptr;

use rppsplus::*;

fn main() {
    // SAFETY: the process has one thread here; nothing reads the environment concurrently.
    unsafe { std::env::set_var("RPPSPLUS_PCSC_LIBRARY", "/nonexistent/libpcsclite.so.1") };
    let reader = "Virtual PCD 00 00";
    // SAFETY: every pointer is NULL, or live for the call with the length given.
    unsafe {
        let mut readers: *mut rppsplus_readers = ptr::null_mut();
        assert_eq!(rppsplus_card_readers(ptr::null_mut()), RPPSPLUS_RESULT_NULL_PARAMETER);
        assert_eq!(rppsplus_card_readers(&mut readers), RPPSPLUS_RESULT_SERVICE_ABSENT);
        assert!(readers.is_null(), "nothing written on error");

        let mut card: *mut rppsplus_card = ptr::null_mut();
        assert_eq!(
            rppsplus_card_read(ptr::null(), 0, ptr::null_mut()),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            rppsplus_card_read(ptr::null(), 3, &mut card),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            rppsplus_card_read(b"\xff".as_ptr().cast(), 1, &mut card),
            RPPSPLUS_RESULT_INVALID_UTF8
        );
        assert_eq!(
            rppsplus_card_read(ptr::null(), 0, &mut card),
            RPPSPLUS_RESULT_SERVICE_ABSENT
        );
        assert_eq!(
            rppsplus_card_read(reader.as_ptr().cast(), reader.len(), &mut card),
            RPPSPLUS_RESULT_SERVICE_ABSENT
        );
        assert!(card.is_null());

        let (mut tries, mut blocked) = (77u8, true);
        assert_eq!(
            rppsplus_card_pin_status(ptr::null(), 0, ptr::null_mut(), &mut blocked),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            rppsplus_card_pin_status(ptr::null(), 0, &mut tries, ptr::null_mut()),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        assert_eq!(
            rppsplus_card_pin_status(ptr::null(), 0, &mut tries, &mut blocked),
            RPPSPLUS_RESULT_SERVICE_ABSENT
        );
        assert_eq!((tries, blocked), (77, true), "nothing written on error");

        // The PIN is checked before the service is asked: a bad one is INVALID_PIN here.
        assert_eq!(
            rppsplus_card_verify_pin(ptr::null(), 0, ptr::null(), 0, &mut tries),
            RPPSPLUS_RESULT_NULL_PARAMETER
        );
        for bad in [&b""[..], b"123", b"123456789", b"12a4", b"12 4", b"1234\0"] {
            assert_eq!(
                rppsplus_card_verify_pin(ptr::null(), 0, bad.as_ptr(), bad.len(), &mut tries),
                RPPSPLUS_RESULT_INVALID_PIN,
                "{bad:?}"
            );
        }
        assert_eq!(
            rppsplus_card_verify_pin(ptr::null(), 0, b"1234".as_ptr(), usize::MAX, &mut tries),
            RPPSPLUS_RESULT_INVALID_PARAMETER
        );
        assert_eq!(
            rppsplus_card_verify_pin(ptr::null(), 0, b"1234".as_ptr(), 4, ptr::null_mut()),
            RPPSPLUS_RESULT_SERVICE_ABSENT
        );
        assert_eq!(
            rppsplus_card_verify_pin(
                reader.as_ptr().cast(),
                reader.len(),
                b"12345678".as_ptr(),
                8,
                &mut tries
            ),
            RPPSPLUS_RESULT_SERVICE_ABSENT
        );
        assert_eq!(tries, 77, "written only on WRONG_PIN and PIN_BLOCKED");
    }
    println!("1 passed, 0 failed");
}
