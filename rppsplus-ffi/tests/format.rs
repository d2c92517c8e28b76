//! `rppsplus_format` called through the rlib, as C would call it: the core's display forms
//! for every row of the shared corpus, the seeds of the issue, then misuse (NULL before
//! anything, values outside the constants, invalid UTF-8, buffers too small, lengths above
//! `PTRDIFF_MAX`).

use std::ffi::{CStr, c_char};
use std::ptr;

use rppsplus::*;
use rppsplus_core::ids::{self, IdKind, Mode};

const OK: rppsplus_result = RPPSPLUS_RESULT_OK;
const NULL: rppsplus_result = RPPSPLUS_RESULT_NULL_PARAMETER;
const SMALL: rppsplus_result = RPPSPLUS_RESULT_INSUFFICIENT_SIZE;
const PARAM: rppsplus_result = RPPSPLUS_RESULT_INVALID_PARAMETER;
const UNTOUCHED_LEN: usize = 0xdead;
const UNTOUCHED_BYTE: c_char = 0x55;

/// `rppsplus_format` with a buffer of `cap` bytes: the result, the text written (on
/// success), `*out_len`, and whether the buffer is untouched.
fn format(
    kind: rppsplus_kind,
    mode: rppsplus_mode,
    input: &[u8],
    cap: usize,
) -> (rppsplus_result, String, usize, bool) {
    let mut buf = vec![UNTOUCHED_BYTE; cap.max(1)];
    let mut len = UNTOUCHED_LEN;
    let out = if cap == 0 { ptr::null_mut() } else { buf.as_mut_ptr() };
    // SAFETY: valid pointers and sizes.
    let rc = unsafe { rppsplus_format(kind, mode, input.as_ptr().cast(), input.len(), out, cap, &mut len) };
    let text = if rc == OK {
        // SAFETY: NUL-terminated within the buffer on success.
        unsafe { CStr::from_ptr(buf.as_ptr()) }
            .to_str()
            .expect("UTF-8")
            .to_owned()
    } else {
        String::new()
    };
    (rc, text, len, buf.iter().all(|&b| b == UNTOUCHED_BYTE))
}

/// The C value of a core kind: its index in the core's `ALL`.
fn kind_of(kind: IdKind) -> rppsplus_kind {
    let index = IdKind::ALL.iter().position(|k| *k == kind).unwrap();
    rppsplus_kind(u32::try_from(index).unwrap())
}

fn strict(kind: IdKind, input: &str) -> (rppsplus_result, String) {
    let (rc, text, ..) = format(kind_of(kind), RPPSPLUS_MODE_STRICT, input.as_bytes(), 64);
    (rc, text)
}

#[test]
fn every_corpus_row_gives_the_cores_display_form() {
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/identifiers.jsonl"
    ))
    .expect("tests/corpus/identifiers.jsonl");
    let mut rows = 0;
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let kind: IdKind = row["kind"].as_str().unwrap().parse().unwrap();
        let (mode, c_mode) = match row["mode"].as_str().unwrap() {
            "test" => (Mode::Test, RPPSPLUS_MODE_TEST),
            _ => (Mode::Strict, RPPSPLUS_MODE_STRICT),
        };
        let input = row["input"].as_str().unwrap();
        let (rc, text, len, _) = format(kind_of(kind), c_mode, input.as_bytes(), 256);
        match ids::format(kind, input, mode) {
            Ok(shown) => {
                assert_eq!((rc, text.as_str(), len), (OK, shown.as_str(), shown.len()), "{line}");
                // The display form is valid, and the same value.
                let canonical = ids::check(kind, &shown, mode);
                assert_eq!(canonical.canonical(), row["canonical"].as_str(), "{line}");
            }
            Err(e) => {
                assert_eq!(result_name(rc), e.code().as_str(), "{line}");
                assert_eq!(Some(e.code().as_str()), row["code"].as_str(), "{line}");
                assert_eq!(len, UNTOUCHED_LEN, "nothing written: {line}");
            }
        }
        rows += 1;
    }
    assert!(rows > 100, "{rows} rows");
}

fn result_name(rc: rppsplus_result) -> &'static str {
    // SAFETY: static NUL-terminated names.
    unsafe { CStr::from_ptr(rppsplus_result_name(rc)) }.to_str().unwrap()
}

#[test]
fn display_forms_of_the_seeds() {
    assert_eq!(
        strict(IdKind::Siret, "73282932000074"),
        (OK, "732 829 320 00074".into())
    );
    assert_eq!(strict(IdKind::Siren, "732 829 320"), (OK, "732 829 320".into()));
    assert_eq!(strict(IdKind::Phone, "+262692123456"), (OK, "06 92 12 34 56".into()));
    assert_eq!(strict(IdKind::Phone, "0044 7700 900123"), (OK, "+447700900123".into()));
    assert_eq!(strict(IdKind::Rpps, "101 0798 5318"), (OK, "10107985318".into()));
    assert_eq!(strict(IdKind::Commune, "20004"), (OK, "2A004".into()));
    assert_eq!(
        strict(IdKind::Siret, "73282932000075").0,
        RPPSPLUS_RESULT_INVALID_CHECKSUM
    );
    assert_eq!(strict(IdKind::Phone, "01 23 45 67 89").0, RPPSPLUS_RESULT_NOT_MOBILE);
    assert_eq!(strict(IdKind::Pays, "99999").0, RPPSPLUS_RESULT_UNKNOWN_CODE);
    // Test identities only in test mode.
    assert_eq!(strict(IdKind::Rpps, "99700075122").0, RPPSPLUS_RESULT_INVALID_COMPONENT);
    let test = format(kind_of(IdKind::Rpps), RPPSPLUS_MODE_TEST, b"99700075122", 64);
    assert_eq!((test.0, test.1.as_str()), (OK, "99700075122"));
}

#[test]
fn buffers_too_small_report_the_length_needed() {
    let siret = kind_of(IdKind::Siret);
    // "732 829 320 00074": 17 bytes, 18 with the NUL.
    for cap in [0, 1, 17] {
        let (rc, _, len, untouched) = format(siret, RPPSPLUS_MODE_STRICT, b"73282932000074", cap);
        assert_eq!((rc, len, untouched), (SMALL, 17, true), "cap {cap}");
    }
    let (rc, text, len, _) = format(siret, RPPSPLUS_MODE_STRICT, b"73282932000074", 18);
    assert_eq!((rc, text.as_str(), len), (OK, "732 829 320 00074", 17));
    // An invalid input with no buffer: its error, not the length.
    let (rc, _, len, _) = format(siret, RPPSPLUS_MODE_STRICT, b"73282932000075", 0);
    assert_eq!((rc, len), (RPPSPLUS_RESULT_INVALID_CHECKSUM, UNTOUCHED_LEN));
}

#[test]
fn misuse_is_refused_and_nothing_is_written() {
    let siret = kind_of(IdKind::Siret);
    // Values outside the constants, after the pointers, before the input.
    for (kind, mode) in [
        (rppsplus_kind(13), RPPSPLUS_MODE_STRICT),
        (rppsplus_kind(u32::MAX), RPPSPLUS_MODE_STRICT),
        (siret, rppsplus_mode(2)),
    ] {
        let (rc, _, len, untouched) = format(kind, mode, b"\xff", 64);
        assert_eq!((rc, len, untouched), (PARAM, UNTOUCHED_LEN, true));
    }
    let (rc, _, len, untouched) = format(siret, RPPSPLUS_MODE_STRICT, b"7328\xc3", 64);
    assert_eq!(
        (rc, len, untouched),
        (RPPSPLUS_RESULT_INVALID_UTF8, UNTOUCHED_LEN, true)
    );
    assert_eq!(
        format(siret, RPPSPLUS_MODE_STRICT, b"", 64).0,
        RPPSPLUS_RESULT_INVALID_LENGTH
    );
    // 10 MB: an error, quickly and without copying.
    let big = vec![b'7'; 10 * 1024 * 1024];
    assert_eq!(
        format(siret, RPPSPLUS_MODE_STRICT, &big, 64).0,
        RPPSPLUS_RESULT_INVALID_LENGTH
    );

    let mut buf = [UNTOUCHED_BYTE; 32];
    let mut len = UNTOUCHED_LEN;
    let (input, bad_kind) = (c"73282932000074".as_ptr(), rppsplus_kind(99));
    // SAFETY: the library must check every pointer before anything else.
    unsafe {
        let b = buf.as_mut_ptr();
        let m = RPPSPLUS_MODE_STRICT;
        assert_eq!(rppsplus_format(bad_kind, m, ptr::null(), 0, b, 32, &mut len), NULL);
        assert_eq!(
            rppsplus_format(bad_kind, m, input, 14, ptr::null_mut(), 32, &mut len),
            NULL
        );
        assert_eq!(rppsplus_format(bad_kind, m, input, 14, b, 32, ptr::null_mut()), NULL);
        assert_eq!(rppsplus_format(siret, m, input, usize::MAX, b, 32, &mut len), PARAM);
        assert_eq!(
            rppsplus_format(siret, m, input, isize::MAX as usize + 1, b, 32, &mut len),
            PARAM
        );
    }
    assert_eq!(len, UNTOUCHED_LEN);
    assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE));
}
