//! The `extern "C"` functions called through the rlib, as C would call them: NULL
//! everywhere, invalid UTF-8, buffers too small, unknown codes, huge inputs.

use std::ffi::{CStr, c_char};
use std::ptr;

use rppsplus::*;

type Validate = unsafe extern "C" fn(
    *const c_char,
    usize,
    *mut c_char,
    usize,
    *mut usize,
    *mut rppsplus_warning,
) -> rppsplus_result;
type Convert = unsafe extern "C" fn(*const c_char, usize, *mut c_char, usize, *mut usize) -> rppsplus_result;

/// A function with a text output: a kind's validator (with its warning) or a conversion.
#[derive(Clone, Copy)]
enum F {
    Validate(Validate),
    Convert(Convert),
}

impl F {
    /// # Safety
    ///
    /// The pointers' contract of the function.
    unsafe fn call(
        self,
        input: *const c_char,
        input_len: usize,
        out: *mut c_char,
        cap: usize,
        out_len: *mut usize,
    ) -> rppsplus_result {
        let mut warning = UNTOUCHED_WARNING;
        // SAFETY: forwarded to the caller; `warning` is writable.
        unsafe {
            match self {
                Self::Validate(f) => f(input, input_len, out, cap, out_len, &mut warning),
                Self::Convert(f) => f(input, input_len, out, cap, out_len),
            }
        }
    }
}

/// Every function with a text output, with a valid input and its canonical form.
const VALIDATORS: [(&str, F, &str, &str); 17] = [
    (
        "rpps",
        F::Validate(rppsplus_rpps_validate),
        "101 0798 5318",
        "10107985318",
    ),
    (
        "idnat",
        F::Validate(rppsplus_idnat_validate),
        "810107985318",
        "810107985318",
    ),
    (
        "idnat_structure",
        F::Validate(rppsplus_idnat_structure_validate),
        "1010780914",
        "1010780914",
    ),
    ("adeli", F::Validate(rppsplus_adeli_validate), "349102665", "349102665"),
    (
        "finess",
        F::Validate(rppsplus_finess_validate),
        "970405593",
        "970405593",
    ),
    (
        "siren",
        F::Validate(rppsplus_siren_validate),
        "732 829 320",
        "732829320",
    ),
    (
        "siret",
        F::Validate(rppsplus_siret_validate),
        "732 829 320 00074",
        "73282932000074",
    ),
    (
        "rpps_rang",
        F::Validate(rppsplus_rpps_rang_validate),
        "10003879623017",
        "10003879623017",
    ),
    ("commune", F::Validate(rppsplus_commune_validate), "2a004", "2A004"),
    ("pays", F::Validate(rppsplus_pays_validate), "99350", "99350"),
    (
        "phone",
        F::Validate(rppsplus_phone_validate),
        "06 12 34 56 78",
        "+33612345678",
    ),
    (
        "email",
        F::Validate(rppsplus_email_validate),
        "jean.dupont@example.fr",
        "jean.dupont@example.fr",
    ),
    (
        "numero",
        F::Validate(rppsplus_numero_validate),
        "P20220905011141",
        "P20220905011141",
    ),
    (
        "idnat_from_rpps",
        F::Convert(rppsplus_idnat_from_rpps),
        "10107985318",
        "810107985318",
    ),
    (
        "idnat_to_rpps",
        F::Convert(rppsplus_idnat_to_rpps),
        "810107985318",
        "10107985318",
    ),
    (
        "idnat_from_adeli",
        F::Convert(rppsplus_idnat_from_adeli),
        "349102665",
        "0349102665",
    ),
    (
        "idnat_to_adeli",
        F::Convert(rppsplus_idnat_to_adeli),
        "0349102665",
        "349102665",
    ),
];

const OK: rppsplus_result = RPPSPLUS_RESULT_OK;
const NULL: rppsplus_result = RPPSPLUS_RESULT_NULL_PARAMETER;
const UTF8: rppsplus_result = RPPSPLUS_RESULT_INVALID_UTF8;
const SMALL: rppsplus_result = RPPSPLUS_RESULT_INSUFFICIENT_SIZE;
const PARAM: rppsplus_result = RPPSPLUS_RESULT_INVALID_PARAMETER;
const UNTOUCHED_WARNING: rppsplus_warning = rppsplus_warning(0xbeef);

/// Sentinels: outputs that must stay untouched.
const UNTOUCHED_LEN: usize = 0xdead;
const UNTOUCHED_BYTE: c_char = 0x55;

fn name(p: *const c_char) -> &'static str {
    assert!(!p.is_null());
    // SAFETY: the library returns static NUL-terminated strings.
    unsafe { CStr::from_ptr(p) }.to_str().expect("ASCII name")
}

/// Calls `f` on `input` with a buffer of `cap` bytes; returns (code, buffer, out_len).
fn call(f: F, input: &[u8], cap: usize) -> (rppsplus_result, Vec<c_char>, usize) {
    let mut buf = vec![UNTOUCHED_BYTE; cap];
    let mut len = UNTOUCHED_LEN;
    let out = if cap == 0 { ptr::null_mut() } else { buf.as_mut_ptr() };
    // SAFETY: valid pointers and sizes.
    let code = unsafe { f.call(input.as_ptr().cast(), input.len(), out, cap, &mut len) };
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
            assert_eq!(
                f.call(ptr::null(), n, buf.as_mut_ptr(), 64, &mut len),
                NULL,
                "{kind}: input"
            );
            assert_eq!(
                f.call(ptr::null(), 0, buf.as_mut_ptr(), 64, &mut len),
                NULL,
                "{kind}: empty input"
            );
            assert_eq!(
                f.call(p, n, ptr::null_mut(), 64, &mut len),
                NULL,
                "{kind}: out with cap"
            );
            assert_eq!(
                f.call(p, n, buf.as_mut_ptr(), 64, ptr::null_mut()),
                NULL,
                "{kind}: out_len"
            );
            assert_eq!(
                f.call(ptr::null(), n, ptr::null_mut(), 1, ptr::null_mut()),
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
        let code = unsafe { f.call(input.as_ptr().cast(), input.len(), &mut byte, 0, &mut len) };
        assert_eq!((code, len, byte), (SMALL, n, UNTOUCHED_BYTE), "{kind}: cap 0, buffer");
        // 1 and exactly the length (no room for the NUL): only the length is written.
        for cap in [1, n] {
            let (code, buf, len) = call(f, input.as_bytes(), cap);
            assert_eq!((code, len), (SMALL, n), "{kind}: cap {cap}");
            assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE), "{kind}: cap {cap}");
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
            assert!((200..400).contains(&code.0), "{kind} {input:?}: {code:?}");
            assert_ne!(name(rppsplus_result_name(code)), "unknown");
            assert_eq!(len, UNTOUCHED_LEN, "{kind} {input:?}");
            assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE), "{kind} {input:?}");
        }
    }
}

#[test]
fn identifier_errors_are_the_core_codes() {
    let cases: [(F, &str, &str); 8] = [
        (F::Validate(rppsplus_rpps_validate), "10107985319", "invalid_checksum"),
        (F::Validate(rppsplus_rpps_validate), "1010798531", "invalid_length"),
        (F::Validate(rppsplus_rpps_validate), "1010798531x", "invalid_format"),
        (F::Validate(rppsplus_rpps_validate), "99700075122", "invalid_component"),
        (F::Validate(rppsplus_phone_validate), "0145678901", "not_mobile"),
        (
            F::Validate(rppsplus_email_validate),
            "nathalie.dupont.example",
            "invalid_format",
        ),
        (F::Validate(rppsplus_commune_validate), "75015", "unknown_code"),
        (F::Convert(rppsplus_idnat_to_rpps), "0349102665", "wrong_idnat_type"),
    ];
    for (f, input, expected) in cases {
        let (code, _, _) = call(f, input.as_bytes(), 64);
        assert_eq!(name(rppsplus_result_name(code)), expected, "{input}");
    }
    let (code, _, _) = call(F::Convert(rppsplus_idnat_to_adeli), b"810107985318", 64);
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
        assert!((200..300).contains(&code.0), "{kind}: {code:?}");
        assert_eq!(len, UNTOUCHED_LEN);
    }
    // Separators only around a valid number: still valid, whatever the size.
    big.fill(b' ');
    big[..11].copy_from_slice(b"10107985318");
    let (code, buf, _) = call(F::Validate(rppsplus_rpps_validate), &big, 64);
    assert_eq!((code, text(&buf)), (OK, "10107985318"));
    let (code, canonical, _, _) = check(RPPSPLUS_KIND_SIRET, RPPSPLUS_MODE_TEST, &big, 64);
    assert_eq!((code, canonical), (RPPSPLUS_RESULT_INVALID_LENGTH, String::new()));
}

#[test]
fn lengths_beyond_ptrdiff_max_are_refused() {
    let input = b"10107985318";
    let mut len = UNTOUCHED_LEN;
    let mut buf = [0 as c_char; 16];
    // SAFETY: the library refuses the length before reading.
    let code = unsafe {
        rppsplus_rpps_validate(
            input.as_ptr().cast(),
            usize::MAX,
            buf.as_mut_ptr(),
            16,
            &mut len,
            ptr::null_mut(),
        )
    };
    assert_eq!((code, len), (PARAM, UNTOUCHED_LEN));
}

/// `rppsplus_check` on `input`; returns (code, canonical, out_len, warning).
fn check(
    kind: rppsplus_kind,
    mode: rppsplus_mode,
    input: &[u8],
    cap: usize,
) -> (rppsplus_result, String, usize, rppsplus_warning) {
    let mut buf = vec![UNTOUCHED_BYTE; cap.max(1)];
    let mut len = UNTOUCHED_LEN;
    let mut warning = UNTOUCHED_WARNING;
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
    let (strict, test, rpps) = (RPPSPLUS_MODE_STRICT, RPPSPLUS_MODE_TEST, RPPSPLUS_KIND_RPPS);
    assert_eq!(
        check(rpps, strict, b"10107985318", 64),
        (OK, "10107985318".into(), 11, RPPSPLUS_WARNING_NONE)
    );
    assert_eq!(
        check(rpps, strict, b"99700075122", 64).0,
        RPPSPLUS_RESULT_INVALID_COMPONENT
    );
    let (code, canonical, _, warning) = check(rpps, test, b"99700075122", 64);
    assert_eq!((code, canonical.as_str()), (OK, "99700075122"));
    assert_eq!(name(rppsplus_warning_name(warning)), "test_identifier");
    // A buffer too small: the length only, no warning (outputs on success only).
    let (code, _, len, warning) = check(rpps, test, b"99700075122", 3);
    assert_eq!((code, len, warning), (SMALL, 11, UNTOUCHED_WARNING));
    // An error writes no warning.
    let (code, _, len, warning) = check(rpps, strict, b"10107985319", 64);
    assert_eq!(
        (code, len, warning),
        (RPPSPLUS_RESULT_INVALID_CHECKSUM, UNTOUCHED_LEN, UNTOUCHED_WARNING)
    );
    // Every kind value is accepted, every other value refused.
    for k in 0..13 {
        assert_ne!(check(rppsplus_kind(k), strict, b"x", 64).0, PARAM, "kind {k}");
        assert_ne!(name(rppsplus_kind_name(rppsplus_kind(k))), "unknown");
    }
    for k in [13, 255, u32::MAX] {
        assert_eq!(check(rppsplus_kind(k), strict, b"10107985318", 64).0, PARAM);
        assert_eq!(name(rppsplus_kind_name(rppsplus_kind(k))), "unknown");
    }
    for m in [2, u32::MAX] {
        assert_eq!(check(rpps, rppsplus_mode(m), b"10107985318", 64).0, PARAM);
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
    // NULLs (reported before a bad kind) and invalid UTF-8.
    // SAFETY: the library checks every pointer.
    unsafe {
        let bad_kind = rppsplus_kind(99);
        let cases = [
            (ptr::null(), 0, buf.as_mut_ptr(), 16, &raw mut len),
            (c"1".as_ptr(), 1, ptr::null_mut(), 16, &raw mut len),
            (c"1".as_ptr(), 1, buf.as_mut_ptr(), 16, ptr::null_mut()),
        ];
        for (input, n, out, cap, out_len) in cases {
            assert_eq!(
                rppsplus_check(rpps, strict, input, n, out, cap, out_len, ptr::null_mut()),
                NULL
            );
            assert_eq!(
                rppsplus_check(bad_kind, strict, input, n, out, cap, out_len, ptr::null_mut()),
                NULL
            );
        }
    }
    assert_eq!(check(rpps, strict, b"\xff", 64).0, UTF8);
    let (code, _, _, warning) = check(RPPSPLUS_KIND_PHONE, strict, b"+44 7911 123456", 64);
    assert_eq!((code, name(rppsplus_warning_name(warning))), (OK, "foreign_number"));
}

#[test]
fn is_valid_is_what_check_accepts() {
    let is_valid = |kind: rppsplus_kind, input: &[u8]| {
        // SAFETY: valid bytes.
        unsafe { rppsplus_is_valid(kind, input.as_ptr().cast(), input.len()) }
    };
    for (kind, input) in [
        (RPPSPLUS_KIND_RPPS, &b"101 0798 5318"[..]),
        (RPPSPLUS_KIND_COMMUNE, b"20004"),
        (RPPSPLUS_KIND_PAYS, b"99350"),
        (RPPSPLUS_KIND_RPPS, b"10107985319"),
        (RPPSPLUS_KIND_RPPS, b"99700075122"),
        (RPPSPLUS_KIND_COMMUNE, b"75015"),
        (RPPSPLUS_KIND_PAYS, b"99999"),
    ] {
        let accepted = check(kind, RPPSPLUS_MODE_STRICT, input, 64).0 == OK;
        assert_eq!(is_valid(kind, input), accepted, "{:?}", String::from_utf8_lossy(input));
    }
    assert!(is_valid(RPPSPLUS_KIND_COMMUNE, b"20004"));
    assert!(
        !is_valid(RPPSPLUS_KIND_COMMUNE, b"75015"),
        "a postal code is not a commune code"
    );
    // Misuse is false, never an error.
    assert!(!is_valid(rppsplus_kind(13), b"10107985318"));
    assert!(!is_valid(RPPSPLUS_KIND_RPPS, b"\xff"));
    // SAFETY: NULL input, and a length the library refuses unread.
    unsafe {
        assert!(!rppsplus_is_valid(RPPSPLUS_KIND_RPPS, ptr::null(), 0));
        assert!(!rppsplus_is_valid(
            RPPSPLUS_KIND_RPPS,
            c"10107985318".as_ptr(),
            usize::MAX
        ));
    }
}

#[test]
fn validators_report_their_warning() {
    // The warnings of strict mode, through each kind's own function: those of `rppsplus_check`.
    let cases: [(Validate, rppsplus_kind, &str, rppsplus_warning); 4] = [
        (
            rppsplus_commune_validate,
            RPPSPLUS_KIND_COMMUNE,
            "20004",
            RPPSPLUS_WARNING_OLD_CODE,
        ),
        (
            rppsplus_commune_validate,
            RPPSPLUS_KIND_COMMUNE,
            "13003",
            RPPSPLUS_WARNING_ALSO_POSTAL_CODE,
        ),
        (
            rppsplus_phone_validate,
            RPPSPLUS_KIND_PHONE,
            "+44 7911 123456",
            RPPSPLUS_WARNING_FOREIGN_NUMBER,
        ),
        (
            rppsplus_rpps_validate,
            RPPSPLUS_KIND_RPPS,
            "10107985318",
            RPPSPLUS_WARNING_NONE,
        ),
    ];
    for (f, kind, input, expected) in cases {
        let (mut buf, mut len, mut warning) = ([0 as c_char; 32], 0, UNTOUCHED_WARNING);
        let (p, n) = (input.as_ptr().cast(), input.len());
        // SAFETY: valid pointers and sizes.
        let code = unsafe { f(p, n, buf.as_mut_ptr(), 32, &mut len, &mut warning) };
        assert_eq!((code, warning), (OK, expected), "{input}");
        assert_eq!(
            check(kind, RPPSPLUS_MODE_STRICT, input.as_bytes(), 32).3,
            expected,
            "{input}"
        );
    }
    let (code, canonical, _, _) = check(RPPSPLUS_KIND_COMMUNE, RPPSPLUS_MODE_STRICT, b"20004", 32);
    assert_eq!((code, canonical.as_str()), (OK, "2A004"));
}

fn message(
    kind: rppsplus_kind,
    mode: rppsplus_mode,
    lang: rppsplus_lang,
    input: &[u8],
    cap: usize,
) -> (rppsplus_result, String, usize) {
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
    let (rpps, strict, fr, en) = (
        RPPSPLUS_KIND_RPPS,
        RPPSPLUS_MODE_STRICT,
        RPPSPLUS_LANG_FR,
        RPPSPLUS_LANG_EN,
    );
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
    let (code, text, _) = message(rpps, RPPSPLUS_MODE_TEST, en, b"99700075122", 256);
    assert_eq!(
        (code, text.as_str()),
        (OK, "test identifier (accepted in test mode only)")
    );
    // Too small, unknown lang, invalid UTF-8.
    let (code, _, len) = message(rpps, strict, fr, b"1010798531", 5);
    assert_eq!((code, len), (SMALL, fr_text.len()));
    assert_eq!(message(rpps, strict, rppsplus_lang(2), b"1", 256).0, PARAM);
    assert_eq!(message(rppsplus_kind(99), strict, fr, b"1", 256).0, PARAM);
    // Positions count from 1 in both languages; a missing @ names no position.
    let (_, fr_text, _) = message(rpps, strict, fr, b"1010798531A", 256);
    let (_, en_text, _) = message(rpps, strict, en, b"1010798531A", 256);
    assert!(
        fr_text.contains("en position 11 ;") && en_text.contains("at position 11;"),
        "{fr_text} / {en_text}"
    );
    let email = RPPSPLUS_KIND_EMAIL;
    assert_eq!(
        message(email, strict, fr, b"nathalie.dupont.example", 256).1,
        "adresse email : il manque « @ » ; écrivez l'adresse entière, nom@domaine"
    );
    assert_eq!(
        message(email, strict, en, b"nathalie.dupont.example", 256).1,
        "email address: '@' is missing; write the whole address, name@domain"
    );
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
    let mut codes = vec![
        0, 100, 101, 102, 103, 104, 105, 106, 200, 201, 202, 203, 204, 205, 206, 207, 299, 300, 400,
    ];
    codes.extend(500..=512); // the card errors
    for r in 0..=1000u32 {
        let n = name(rppsplus_result_name(rppsplus_result(r)));
        if codes.contains(&r) {
            assert_ne!(n, "unknown", "{r}");
        } else {
            assert_eq!(n, "unknown", "{r}");
        }
    }
    assert_eq!(name(rppsplus_result_name(rppsplus_result(u32::MAX))), "unknown");
    assert_eq!(name(rppsplus_result_name(OK)), "ok");
    assert_eq!(name(rppsplus_result_name(RPPSPLUS_RESULT_PANIC)), "panic");
    for (w, n) in [
        (0, "none"),
        (1, "test_identifier"),
        (2, "foreign_number"),
        (3, "old_code"),
        (4, "also_postal_code"),
        (5, "unknown"),
        (255, "unknown"),
        (u32::MAX, "unknown"),
    ] {
        assert_eq!(name(rppsplus_warning_name(rppsplus_warning(w))), n);
    }
}

/// `rppsplus_result_message` into a buffer of `cap` bytes.
fn result_message(code: rppsplus_result, lang: rppsplus_lang, cap: usize) -> (rppsplus_result, String, usize) {
    let mut buf = vec![UNTOUCHED_BYTE; cap.max(1)];
    let mut len = UNTOUCHED_LEN;
    let out = if cap == 0 { ptr::null_mut() } else { buf.as_mut_ptr() };
    // SAFETY: valid pointers and sizes.
    let rc = unsafe { rppsplus_result_message(code, lang, out, cap, &mut len) };
    (rc, if rc == OK { text(&buf).to_owned() } else { String::new() }, len)
}

#[test]
fn every_result_has_a_message_in_both_languages() {
    use rppsplus_core::FindingCode;
    for r in 0..=1000u32 {
        let known = name(rppsplus_result_name(rppsplus_result(r))) != "unknown";
        for lang in [RPPSPLUS_LANG_FR, RPPSPLUS_LANG_EN] {
            let (rc, text, _) = result_message(rppsplus_result(r), lang, 512);
            assert_eq!(rc == OK, known, "{r}");
            assert_eq!(!text.is_empty(), known, "{r}");
        }
    }
    // The 2xx messages are the core's.
    let (_, fr, _) = result_message(RPPSPLUS_RESULT_INVALID_CHECKSUM, RPPSPLUS_LANG_FR, 512);
    let (_, en, _) = result_message(RPPSPLUS_RESULT_INVALID_CHECKSUM, RPPSPLUS_LANG_EN, 512);
    assert_eq!(
        (fr.as_str(), en.as_str()),
        (
            FindingCode::InvalidChecksum.message_fr(),
            FindingCode::InvalidChecksum.message_en()
        )
    );
    // Misuse: unknown code or language, small buffers, NULLs.
    assert_eq!(result_message(rppsplus_result(7000), RPPSPLUS_LANG_FR, 512).0, PARAM);
    assert_eq!(result_message(OK, rppsplus_lang(2), 512).0, PARAM);
    let (rc, _, len) = result_message(RPPSPLUS_RESULT_INVALID_CHECKSUM, RPPSPLUS_LANG_EN, 0);
    assert_eq!((rc, len), (SMALL, en.len()));
    let (rc, _, len) = result_message(RPPSPLUS_RESULT_INVALID_CHECKSUM, RPPSPLUS_LANG_EN, en.len());
    assert_eq!((rc, len), (SMALL, en.len()));
    // SAFETY: the library checks every pointer.
    unsafe {
        let mut len = UNTOUCHED_LEN;
        assert_eq!(
            rppsplus_result_message(OK, RPPSPLUS_LANG_FR, ptr::null_mut(), 8, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_result_message(OK, RPPSPLUS_LANG_FR, ptr::null_mut(), 0, ptr::null_mut()),
            NULL
        );
        assert_eq!(len, UNTOUCHED_LEN);
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
                    let (code, _, _) = call(F::Validate(rppsplus_rpps_validate), input, 16);
                    let expected = if i % 2 == 0 {
                        OK
                    } else {
                        RPPSPLUS_RESULT_INVALID_CHECKSUM
                    };
                    assert_eq!(code, expected);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("no panic");
    }
}
