//! The `extern "C"` functions called through the rlib, as C would call them: NULL
//! everywhere, invalid UTF-8, buffers too small, unknown codes, huge inputs.

use std::ffi::{CStr, c_char};
use std::ptr;

use rppsplus::*;

type Validate = unsafe extern "C" fn(*const c_char, usize, *mut c_char, usize, *mut usize) -> u32;

/// Every function with the validate signature, with a valid input and its canonical form.
const VALIDATORS: [(&str, Validate, &str, &str); 17] = [
    ("rpps", rppsplus_rpps_validate, "101 0798 5318", "10107985318"),
    ("idnat", rppsplus_idnat_validate, "810107985318", "810107985318"),
    (
        "idnat_structure",
        rppsplus_idnat_structure_validate,
        "1010780914",
        "1010780914",
    ),
    ("adeli", rppsplus_adeli_validate, "349102665", "349102665"),
    ("finess", rppsplus_finess_validate, "970405593", "970405593"),
    ("siren", rppsplus_siren_validate, "732 829 320", "732829320"),
    ("siret", rppsplus_siret_validate, "732 829 320 00074", "73282932000074"),
    (
        "rpps_rang",
        rppsplus_rpps_rang_validate,
        "10003879623017",
        "10003879623017",
    ),
    ("commune", rppsplus_commune_validate, "2a004", "2A004"),
    ("pays", rppsplus_pays_validate, "99350", "99350"),
    ("phone", rppsplus_phone_validate, "06 12 34 56 78", "+33612345678"),
    (
        "email",
        rppsplus_email_validate,
        "jean.dupont@example.fr",
        "jean.dupont@example.fr",
    ),
    ("numero", rppsplus_numero_validate, "P20220905011141", "P20220905011141"),
    (
        "idnat_from_rpps",
        rppsplus_idnat_from_rpps,
        "10107985318",
        "810107985318",
    ),
    ("idnat_to_rpps", rppsplus_idnat_to_rpps, "810107985318", "10107985318"),
    ("idnat_from_adeli", rppsplus_idnat_from_adeli, "349102665", "0349102665"),
    ("idnat_to_adeli", rppsplus_idnat_to_adeli, "0349102665", "349102665"),
];

const OK: u32 = rppsplus_result::Ok as u32;
const NULL: u32 = rppsplus_result::NullParameter as u32;
const UTF8: u32 = rppsplus_result::InvalidUtf8 as u32;
const SMALL: u32 = rppsplus_result::InsufficientSize as u32;
const PARAM: u32 = rppsplus_result::InvalidParameter as u32;

/// Sentinels: outputs that must stay untouched.
const UNTOUCHED_LEN: usize = 0xdead;
const UNTOUCHED_BYTE: c_char = 0x55;

fn name(p: *const c_char) -> &'static str {
    assert!(!p.is_null());
    // SAFETY: the library returns static NUL-terminated strings.
    unsafe { CStr::from_ptr(p) }.to_str().expect("ASCII name")
}

/// Calls `f` on `input` with a buffer of `cap` bytes; returns (code, buffer, out_len).
fn call(f: Validate, input: &[u8], cap: usize) -> (u32, Vec<c_char>, usize) {
    let mut buf = vec![UNTOUCHED_BYTE; cap];
    let mut len = UNTOUCHED_LEN;
    let out = if cap == 0 { ptr::null_mut() } else { buf.as_mut_ptr() };
    // SAFETY: valid pointers and sizes.
    let code = unsafe { f(input.as_ptr().cast(), input.len(), out, cap, &mut len) };
    (code, buf, len)
}

fn text(buf: &[c_char]) -> &str {
    // SAFETY: the library NUL-terminates within the buffer.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().expect("UTF-8 output")
}

#[test]
fn valid_inputs_give_the_canonical_form() {
    for (kind, f, input, canonical) in VALIDATORS {
        let (code, buf, len) = call(f, input.as_bytes(), 64);
        assert_eq!(name(rppsplus_result_name(code)), "ok", "{kind}");
        assert_eq!(text(&buf), canonical, "{kind}");
        assert_eq!(len, canonical.len(), "{kind}");
    }
}

#[test]
fn null_pointers_are_refused_and_nothing_is_written() {
    for (kind, f, input, _) in VALIDATORS {
        let mut buf = [UNTOUCHED_BYTE; 64];
        let mut len = UNTOUCHED_LEN;
        let p = input.as_ptr().cast::<c_char>();
        let n = input.len();
        // SAFETY: the library must check every pointer before using it.
        unsafe {
            assert_eq!(f(ptr::null(), n, buf.as_mut_ptr(), 64, &mut len), NULL, "{kind}: input");
            assert_eq!(
                f(ptr::null(), 0, buf.as_mut_ptr(), 64, &mut len),
                NULL,
                "{kind}: empty input"
            );
            assert_eq!(f(p, n, ptr::null_mut(), 64, &mut len), NULL, "{kind}: out with cap");
            assert_eq!(f(p, n, buf.as_mut_ptr(), 64, ptr::null_mut()), NULL, "{kind}: out_len");
            assert_eq!(
                f(ptr::null(), n, ptr::null_mut(), 1, ptr::null_mut()),
                NULL,
                "{kind}: all"
            );
        }
        assert_eq!(len, UNTOUCHED_LEN, "{kind}");
        assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE), "{kind}");
    }
}

#[test]
fn invalid_utf8_is_its_own_error() {
    for input in [
        &b"1010798531\xff"[..],
        b"\xc3",
        b"\xed\xa0\x80",
        b"\xf8\x88\x80\x80\x80",
    ] {
        for (kind, f, _, _) in VALIDATORS {
            let (code, buf, len) = call(f, input, 64);
            assert_eq!(code, UTF8, "{kind}");
            assert_eq!(len, UNTOUCHED_LEN, "{kind}");
            assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE), "{kind}");
        }
    }
}

#[test]
fn buffers_too_small_report_the_length_needed() {
    for (kind, f, input, canonical) in VALIDATORS {
        let n = canonical.len();
        // cap 0 with a NULL buffer: a length query.
        let (code, _, len) = call(f, input.as_bytes(), 0);
        assert_eq!((code, len), (SMALL, n), "{kind}: cap 0");
        // cap 0 with a real buffer: nothing written through it.
        let mut byte = UNTOUCHED_BYTE;
        let mut len = UNTOUCHED_LEN;
        // SAFETY: a one-byte buffer announced as zero bytes.
        let code = unsafe { f(input.as_ptr().cast(), input.len(), &mut byte, 0, &mut len) };
        assert_eq!((code, len, byte), (SMALL, n, UNTOUCHED_BYTE), "{kind}: cap 0, buffer");
        // 1 and exactly the length (no room for the NUL): an empty string.
        for cap in [1, n] {
            let (code, buf, len) = call(f, input.as_bytes(), cap);
            assert_eq!((code, len), (SMALL, n), "{kind}: cap {cap}");
            assert_eq!(buf[0], 0, "{kind}: cap {cap}");
            assert!(buf[1..].iter().all(|&b| b == UNTOUCHED_BYTE), "{kind}: cap {cap}");
        }
        // length + 1: fits exactly.
        let (code, buf, len) = call(f, input.as_bytes(), n + 1);
        assert_eq!((code, len, text(&buf)), (OK, n, canonical), "{kind}: cap n+1");
    }
}

#[test]
fn invalid_inputs_write_nothing() {
    for (kind, f, _, _) in VALIDATORS {
        for input in ["", "x", "10107985319", "1010798531\u{0}8", "١٠١٠٧٩٨٥٣١٨"] {
            let (code, buf, len) = call(f, input.as_bytes(), 64);
            assert!((200..400).contains(&code), "{kind} {input:?}: {code}");
            assert_ne!(name(rppsplus_result_name(code)), "unknown");
            assert_eq!(len, UNTOUCHED_LEN, "{kind} {input:?}");
            assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE), "{kind} {input:?}");
        }
    }
}

#[test]
fn identifier_errors_are_the_core_codes() {
    let cases: [(Validate, &str, &str); 6] = [
        (rppsplus_rpps_validate, "10107985319", "invalid_checksum"),
        (rppsplus_rpps_validate, "1010798531", "invalid_length"),
        (rppsplus_rpps_validate, "1010798531x", "invalid_format"),
        (rppsplus_rpps_validate, "99700075122", "invalid_component"),
        (rppsplus_phone_validate, "0145678901", "not_mobile"),
        (rppsplus_idnat_to_rpps, "0349102665", "wrong_idnat_type"),
    ];
    for (f, input, expected) in cases {
        let (code, _, _) = call(f, input.as_bytes(), 64);
        assert_eq!(name(rppsplus_result_name(code)), expected, "{input}");
    }
    let (code, _, _) = call(rppsplus_idnat_to_adeli, b"810107985318", 64);
    assert_eq!(name(rppsplus_result_name(code)), "wrong_idnat_type");
}

#[test]
fn ten_megabytes_of_input() {
    let mut big = vec![b'1'; 10 * 1024 * 1024];
    // A few kinds only: the unoptimized core takes about 0.5 s per 10 MB call.
    for (kind, f, _, _) in VALIDATORS
        .into_iter()
        .filter(|v| ["rpps", "idnat", "phone", "email"].contains(&v.0))
    {
        let (code, _, len) = call(f, &big, 64);
        assert!((200..300).contains(&code), "{kind}: {code}");
        assert_eq!(len, UNTOUCHED_LEN);
    }
    // Separators only around a valid number: still valid, whatever the size.
    big.fill(b' ');
    big[..11].copy_from_slice(b"10107985318");
    let (code, buf, _) = call(rppsplus_rpps_validate, &big, 64);
    assert_eq!((code, text(&buf)), (OK, "10107985318"));
    let (code, canonical, _, _) = check(rppsplus_kind::Siret as u32, rppsplus_mode::Test as u32, &big, 64);
    assert_eq!(
        (code, canonical),
        (rppsplus_result::InvalidLength as u32, String::new())
    );
}

#[test]
fn lengths_beyond_ptrdiff_max_are_refused() {
    let input = b"10107985318";
    let mut len = UNTOUCHED_LEN;
    let mut buf = [0 as c_char; 16];
    // SAFETY: the library refuses the length before reading.
    let code = unsafe { rppsplus_rpps_validate(input.as_ptr().cast(), usize::MAX, buf.as_mut_ptr(), 16, &mut len) };
    assert_eq!((code, len), (PARAM, UNTOUCHED_LEN));
}

/// `rppsplus_check` on `input`; returns (code, canonical, out_len, warning).
fn check(kind: u32, mode: u32, input: &[u8], cap: usize) -> (u32, String, usize, u32) {
    let mut buf = vec![UNTOUCHED_BYTE; cap.max(1)];
    let mut len = UNTOUCHED_LEN;
    let mut warning = 0xbeef;
    // SAFETY: valid pointers and sizes.
    let code = unsafe {
        rppsplus_check(
            kind,
            mode,
            input.as_ptr().cast(),
            input.len(),
            buf.as_mut_ptr(),
            cap,
            &mut len,
            &mut warning,
        )
    };
    let canonical = if code == OK {
        text(&buf).to_owned()
    } else {
        String::new()
    };
    (code, canonical, len, warning)
}

#[test]
fn check_every_kind_mode_and_warning() {
    let strict = rppsplus_mode::Strict as u32;
    let test = rppsplus_mode::Test as u32;
    let rpps = rppsplus_kind::Rpps as u32;
    assert_eq!(
        check(rpps, strict, b"10107985318", 64),
        (OK, "10107985318".into(), 11, 0)
    );
    assert_eq!(
        check(rpps, strict, b"99700075122", 64).0,
        rppsplus_result::InvalidComponent as u32
    );
    let (code, canonical, _, warning) = check(rpps, test, b"99700075122", 64);
    assert_eq!((code, canonical.as_str()), (OK, "99700075122"));
    assert_eq!(name(rppsplus_warning_name(warning)), "test_identifier");
    // The warning is written with the length when the buffer is too small.
    let (code, _, len, warning) = check(rpps, test, b"99700075122", 3);
    assert_eq!(
        (code, len, warning),
        (SMALL, 11, rppsplus_warning::TestIdentifier as u32)
    );
    // An error writes no warning.
    let (code, _, len, warning) = check(rpps, strict, b"10107985319", 64);
    assert_eq!(
        (code, len, warning),
        (rppsplus_result::InvalidChecksum as u32, UNTOUCHED_LEN, 0xbeef)
    );
    // Every kind value is accepted, every other value refused.
    for k in 0..13 {
        assert_ne!(check(k, strict, b"x", 64).0, PARAM, "kind {k}");
        assert_ne!(name(rppsplus_kind_name(k)), "unknown");
    }
    for k in [13, 255, u32::MAX] {
        assert_eq!(check(k, strict, b"10107985318", 64).0, PARAM);
        assert_eq!(name(rppsplus_kind_name(k)), "unknown");
    }
    for m in [2, u32::MAX] {
        assert_eq!(check(rpps, m, b"10107985318", 64).0, PARAM);
    }
    // A NULL warning_out is allowed.
    let mut buf = [0 as c_char; 16];
    let mut len = 0;
    // SAFETY: valid pointers; warning_out may be NULL.
    let code = unsafe {
        rppsplus_check(
            rpps,
            test,
            c"99700075122".as_ptr(),
            11,
            buf.as_mut_ptr(),
            16,
            &mut len,
            ptr::null_mut(),
        )
    };
    assert_eq!((code, text(&buf)), (OK, "99700075122"));
    // NULLs and invalid UTF-8.
    // SAFETY: the library checks every pointer.
    unsafe {
        assert_eq!(
            rppsplus_check(
                rpps,
                strict,
                ptr::null(),
                0,
                buf.as_mut_ptr(),
                16,
                &mut len,
                ptr::null_mut()
            ),
            NULL
        );
        assert_eq!(
            rppsplus_check(
                rpps,
                strict,
                c"1".as_ptr(),
                1,
                ptr::null_mut(),
                16,
                &mut len,
                ptr::null_mut()
            ),
            NULL
        );
        assert_eq!(
            rppsplus_check(
                rpps,
                strict,
                c"1".as_ptr(),
                1,
                buf.as_mut_ptr(),
                16,
                ptr::null_mut(),
                ptr::null_mut()
            ),
            NULL
        );
    }
    assert_eq!(check(rpps, strict, b"\xff", 64).0, UTF8);
    let phone = rppsplus_kind::Phone as u32;
    let (code, _, _, warning) = check(phone, strict, b"+44 7911 123456", 64);
    assert_eq!((code, name(rppsplus_warning_name(warning))), (OK, "foreign_number"));
}

fn message(kind: u32, mode: u32, lang: u32, input: &[u8], cap: usize) -> (u32, String, usize) {
    let mut buf = vec![UNTOUCHED_BYTE; cap.max(1)];
    let mut len = UNTOUCHED_LEN;
    // SAFETY: valid pointers and sizes.
    let code = unsafe {
        rppsplus_check_message(
            kind,
            mode,
            lang,
            input.as_ptr().cast(),
            input.len(),
            buf.as_mut_ptr(),
            cap,
            &mut len,
        )
    };
    let text = if code == OK {
        text(&buf).to_owned()
    } else {
        String::new()
    };
    (code, text, len)
}

#[test]
fn messages_are_the_core_messages() {
    let rpps = rppsplus_kind::Rpps as u32;
    let strict = rppsplus_mode::Strict as u32;
    let fr = rppsplus_lang::Fr as u32;
    let en = rppsplus_lang::En as u32;
    let core = rppsplus_core::ids::check(rppsplus_core::ids::IdKind::Rpps, "1010798531", Default::default())
        .error()
        .expect("invalid");
    let (code, text, len) = message(rpps, strict, fr, b"1010798531", 256);
    assert_eq!(
        (code, text.as_str(), len),
        (OK, core.message_fr().as_str(), core.message_fr().len())
    );
    let fr_text = "numéro RPPS : 10 caractères au lieu de 11 ; vérifiez qu'aucun caractère ne manque ni n'est en trop";
    assert_eq!(text, fr_text);
    let (code, text, _) = message(rpps, strict, en, b"1010798531", 256);
    assert_eq!(
        (code, text.as_str()),
        (
            OK,
            "RPPS number: 10 characters instead of 11; check that no character is missing or extra"
        )
    );
    // Valid: empty; valid with a warning: the warning's message.
    assert_eq!(message(rpps, strict, fr, b"10107985318", 256), (OK, String::new(), 0));
    let (code, text, _) = message(rpps, rppsplus_mode::Test as u32, en, b"99700075122", 256);
    assert_eq!(
        (code, text.as_str()),
        (OK, "test identifier (accepted in test mode only)")
    );
    // Too small, unknown lang, invalid UTF-8.
    let (code, _, len) = message(rpps, strict, fr, b"1010798531", 5);
    assert_eq!((code, len), (SMALL, fr_text.len()));
    assert_eq!(message(rpps, strict, 2, b"1", 256).0, PARAM);
    assert_eq!(message(99, strict, fr, b"1", 256).0, PARAM);
    assert_eq!(message(rpps, strict, fr, b"\xff", 256).0, UTF8);
    // SAFETY: the library checks every pointer.
    unsafe {
        let mut len = 0;
        assert_eq!(
            rppsplus_check_message(rpps, strict, fr, ptr::null(), 0, ptr::null_mut(), 0, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_check_message(rpps, strict, fr, c"1".as_ptr(), 1, ptr::null_mut(), 0, ptr::null_mut()),
            NULL
        );
    }
}

#[test]
fn names_of_any_integer() {
    let codes = [
        0, 100, 101, 102, 103, 104, 105, 200, 201, 202, 203, 204, 205, 206, 207, 299, 300, 400,
    ];
    for r in 0..=1000u32 {
        let n = name(rppsplus_result_name(r));
        if codes.contains(&r) {
            assert_ne!(n, "unknown", "{r}");
        } else {
            assert_eq!(n, "unknown", "{r}");
        }
    }
    assert_eq!(name(rppsplus_result_name(u32::MAX)), "unknown");
    assert_eq!(name(rppsplus_result_name(0)), "ok");
    assert_eq!(name(rppsplus_result_name(104)), "panic");
    for (w, n) in [
        (0, "none"),
        (1, "test_identifier"),
        (2, "foreign_number"),
        (3, "old_code"),
        (4, "also_postal_code"),
        (5, "unknown"),
        (u32::MAX, "unknown"),
    ] {
        assert_eq!(name(rppsplus_warning_name(w)), n);
    }
}

#[test]
fn version() {
    assert_eq!(name(rppsplus_version()), env!("CARGO_PKG_VERSION"));
    let major: u32 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap();
    let minor: u32 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap();
    let patch: u32 = env!("CARGO_PKG_VERSION_PATCH").parse().unwrap();
    assert_eq!(rppsplus_version_number(), (major << 16) | (minor << 8) | patch);
}

#[test]
fn concurrent_calls() {
    let threads: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                for _ in 0..2000 {
                    let input: &[u8] = if i % 2 == 0 { b"10107985318" } else { b"10107985319" };
                    let (code, _, _) = call(rppsplus_rpps_validate, input, 16);
                    assert_eq!(
                        code,
                        if i % 2 == 0 {
                            OK
                        } else {
                            rppsplus_result::InvalidChecksum as u32
                        }
                    );
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("no panic");
    }
}
