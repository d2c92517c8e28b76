//! The nomenclature functions called through the rlib, as C would call them: the seeds of
//! the issue, NULL everywhere, invalid UTF-8, unknown tables, dates, huge and odd queries,
//! out-of-range indexes, `free(NULL)`, concurrent readers of one list.

use std::ffi::{CStr, c_char};
use std::{ptr, slice, str};

use rppsplus::*;

const OK: rppsplus_result = RPPSPLUS_RESULT_OK;
const NULL: rppsplus_result = RPPSPLUS_RESULT_NULL_PARAMETER;
const UTF8: rppsplus_result = RPPSPLUS_RESULT_INVALID_UTF8;
const SMALL: rppsplus_result = RPPSPLUS_RESULT_INSUFFICIENT_SIZE;
const PARAM: rppsplus_result = RPPSPLUS_RESULT_INVALID_PARAMETER;
const DATE: rppsplus_result = RPPSPLUS_RESULT_INVALID_DATE;
const UNKNOWN_CODE: rppsplus_result = RPPSPLUS_RESULT_UNKNOWN_CODE;
const NOT_ALLOWED: rppsplus_result = RPPSPLUS_RESULT_CODE_NOT_ALLOWED;
const DEPRECATED: rppsplus_result = RPPSPLUS_RESULT_CODE_DEPRECATED;
const UNKNOWN_TABLE: rppsplus_result = RPPSPLUS_RESULT_UNKNOWN_TABLE;

const AT: &str = "2026-11-23";
const UNTOUCHED_LEN: usize = 0xdead;
const UNTOUCHED_BYTE: c_char = 0x55;

fn name(code: rppsplus_result) -> &'static str {
    // SAFETY: static NUL-terminated names.
    unsafe { CStr::from_ptr(rppsplus_result_name(code)) }.to_str().unwrap()
}

fn text(buf: &[c_char]) -> &str {
    // SAFETY: the library NUL-terminates within the buffer.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_str().expect("UTF-8 output")
}

/// `rppsplus_nomenclature_label` with a buffer of `cap` bytes.
fn label(table: &[u8], code: &[u8], cap: usize) -> (rppsplus_result, String, usize) {
    text_call(rppsplus_nomenclature_label, table, code, cap)
}

/// `rppsplus_nomenclature_replaced_by` with a buffer of `cap` bytes.
fn replaced_by(table: &[u8], code: &[u8], cap: usize) -> (rppsplus_result, String, usize) {
    text_call(rppsplus_nomenclature_replaced_by, table, code, cap)
}

type TableText =
    unsafe extern "C" fn(*const c_char, usize, *const c_char, usize, *mut c_char, usize, *mut usize) -> rppsplus_result;

/// A `(table, code) -> text` function with a buffer of `cap` bytes.
fn text_call(f: TableText, table: &[u8], code: &[u8], cap: usize) -> (rppsplus_result, String, usize) {
    let mut buf = vec![UNTOUCHED_BYTE; cap.max(1)];
    let mut len = UNTOUCHED_LEN;
    let out = if cap == 0 { ptr::null_mut() } else { buf.as_mut_ptr() };
    // SAFETY: valid pointers and sizes.
    let rc = unsafe {
        f(
            table.as_ptr().cast(),
            table.len(),
            code.as_ptr().cast(),
            code.len(),
            out,
            cap,
            &mut len,
        )
    };
    let s = if rc == OK { text(&buf).to_owned() } else { String::new() };
    (rc, s, len)
}

/// `rppsplus_nomenclature_check`; `date` None = NULL (today).
fn check(field: &str, code: &str, date: Option<&[u8]>) -> rppsplus_result {
    let (d, dl) = date_arg(date);
    // SAFETY: valid pointers and sizes.
    unsafe {
        rppsplus_nomenclature_check(
            field.as_ptr().cast(),
            field.len(),
            code.as_ptr().cast(),
            code.len(),
            d,
            dl,
        )
    }
}

/// An owned list, freed on drop.
struct List(*mut rppsplus_entries);

impl Drop for List {
    fn drop(&mut self) {
        // SAFETY: a list from rppsplus_lookup, freed once.
        unsafe { rppsplus_entries_free(self.0) }
    }
}

fn view(s: rppsplus_str) -> Option<&'static str> {
    if s.data.is_null() {
        assert_eq!(s.len, 0);
        return None;
    }
    // SAFETY: a view into a list the test keeps alive while it reads the text ('static is
    // only a convenience of this helper).
    Some(str::from_utf8(unsafe { slice::from_raw_parts(s.data.cast::<u8>(), s.len) }).expect("UTF-8 view"))
}

impl List {
    fn len(&self) -> usize {
        // SAFETY: a live list.
        unsafe { rppsplus_entries_len(self.0) }
    }

    fn get(&self, f: unsafe extern "C" fn(*const rppsplus_entries, usize) -> rppsplus_str, i: usize) -> &str {
        // SAFETY: a live list; the view is used while `self` lives.
        view(unsafe { f(self.0, i) }).expect("an entry")
    }

    fn code(&self, i: usize) -> &str {
        self.get(rppsplus_entries_code_at, i)
    }

    fn label(&self, i: usize) -> &str {
        self.get(rppsplus_entries_label_at, i)
    }

    fn postal(&self) -> bool {
        // SAFETY: a live list.
        unsafe { rppsplus_entries_is_postal_code(self.0) }
    }

    fn offered(&self, i: usize) -> rppsplus_offered {
        // SAFETY: a live list.
        unsafe { rppsplus_entries_offered_at(self.0, i) }
    }
}

/// Runs a function that writes a new handle to `*out`: the handle on success (never NULL),
/// else the result, with `*out` left NULL.
fn made<T>(make: impl FnOnce(*mut *mut T) -> rppsplus_result) -> Result<*mut T, rppsplus_result> {
    let mut out: *mut T = ptr::null_mut();
    let rc = make(&mut out);
    if rc == OK {
        assert!(!out.is_null());
        Ok(out)
    } else {
        assert!(out.is_null(), "no handle on error");
        Err(rc)
    }
}

/// A date argument: `None` is NULL with length 0 (today).
fn date_arg(date: Option<&[u8]>) -> (*const c_char, usize) {
    date.map_or((ptr::null(), 0), |d| (d.as_ptr().cast(), d.len()))
}

fn lookup_raw(table: &[u8], query: &[u8], date: Option<&[u8]>, limit: usize) -> Result<List, rppsplus_result> {
    let (d, dl) = date_arg(date);
    let (t, q) = (table.as_ptr().cast(), query.as_ptr().cast());
    // SAFETY: valid pointers and sizes.
    made(|out| unsafe { rppsplus_lookup(t, table.len(), q, query.len(), d, dl, limit, out) }).map(List)
}

fn lookup(table: &str, query: &str) -> List {
    lookup_raw(table.as_bytes(), query.as_bytes(), Some(AT.as_bytes()), 10).expect("lookup")
}

#[test]
fn result_codes_and_names() {
    assert_eq!((DATE.0, name(DATE)), (105, "invalid_date"));
    assert_eq!((UNKNOWN_CODE.0, name(UNKNOWN_CODE)), (205, "unknown_code"));
    assert_eq!((NOT_ALLOWED.0, name(NOT_ALLOWED)), (206, "code_not_allowed"));
    assert_eq!((DEPRECATED.0, name(DEPRECATED)), (207, "code_deprecated"));
    assert_eq!((UNKNOWN_TABLE.0, name(UNKNOWN_TABLE)), (400, "unknown_table"));
}

#[test]
fn labels_of_the_seeds() {
    assert_eq!(
        label(b"profession", b"326", 64),
        (OK, "Educateur spécialisé".into(), 22)
    );
    assert_eq!(label(b"TRE_R85-RolePriseCharge", b"326", 64).1, "Educateur spécialisé");
    assert_eq!(label(b"TRE_R85", b"326", 64).1, "Educateur spécialisé");
    // An ended code keeps its label.
    assert_eq!(label(b"profession", b"323", 64).0, OK);
    assert_eq!(label(b"pays", b"99100", 64).1, "République française");
    assert_eq!(label(b"commune", b"13203", 64).1, "Marseille 3e Arrondissement");
    assert_eq!(label(b"commune", b"2A004", 64).1, "Ajaccio");
    for alias in ["role", "civilite", "sexe", "mode-exercice", "categorie", "motif-fin"] {
        let first = lookup(alias, "a");
        let _ = first; // the table exists; its labels are the core's
        let (rc, ..) = label(alias.as_bytes(), b"no such code", 64);
        assert_eq!(rc, UNKNOWN_CODE, "{alias}");
    }
    assert_eq!(label(b"sexe", b"F", 64).0, OK);
}

#[test]
fn label_errors() {
    assert_eq!(label(b"no-such-table", b"326", 64).0, UNKNOWN_TABLE);
    assert_eq!(label(b"", b"326", 64).0, UNKNOWN_TABLE);
    assert_eq!(label(b"Profession", b"326", 64).0, UNKNOWN_TABLE, "aliases are exact");
    assert_eq!(label(b"profession", b"", 64).0, UNKNOWN_CODE);
    assert_eq!(label(b"profession", b" 326", 64).0, UNKNOWN_CODE, "exact code");
    assert_eq!(label(b"profession", b"326\0", 64).0, UNKNOWN_CODE);
    assert_eq!(label(b"commune", b"75015", 64).0, UNKNOWN_CODE, "a postal code");
    assert_eq!(label(b"commune", b"2a004", 64).0, UNKNOWN_CODE, "exact code");
    assert_eq!(label(b"profession", b"\xff", 64).0, UTF8);
    assert_eq!(label(b"prof\xc3", b"326", 64).0, UTF8);
    // Buffers: the length needed in bytes ("é" is 2 bytes), the buffer untouched.
    assert_eq!(label(b"profession", b"326", 0), (SMALL, String::new(), 22));
    assert_eq!(label(b"profession", b"326", 22), (SMALL, String::new(), 22));
    let mut buf = [UNTOUCHED_BYTE; 22];
    let mut len = 0;
    // SAFETY: valid pointers and sizes.
    let rc = unsafe {
        rppsplus_nomenclature_label(
            c"profession".as_ptr(),
            10,
            c"326".as_ptr(),
            3,
            buf.as_mut_ptr(),
            22,
            &mut len,
        )
    };
    assert_eq!((rc, len), (SMALL, 22));
    assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE));
    assert_eq!(label(b"profession", b"326", 23).0, OK);
    // NULL everywhere, before anything else (here the other input is invalid UTF-8).
    let mut buf = [UNTOUCHED_BYTE; 8];
    let mut len = UNTOUCHED_LEN;
    let (t, c) = (
        b"profession".as_ptr().cast::<c_char>(),
        b"\xff".as_ptr().cast::<c_char>(),
    );
    // SAFETY: the library must check every pointer before using it.
    unsafe {
        assert_eq!(
            rppsplus_nomenclature_label(ptr::null(), 0, c, 1, buf.as_mut_ptr(), 8, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_label(t, 10, ptr::null(), 0, buf.as_mut_ptr(), 8, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_label(t, 10, c, 1, ptr::null_mut(), 8, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_label(t, 10, c, 1, buf.as_mut_ptr(), 8, ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_label(ptr::null(), 0, ptr::null(), 0, ptr::null_mut(), 1, ptr::null_mut()),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_label(t, usize::MAX, c, 1, buf.as_mut_ptr(), 8, &mut len),
            PARAM
        );
    }
    assert_eq!(len, UNTOUCHED_LEN);
    assert!(buf.iter().all(|&b| b == UNTOUCHED_BYTE));
}

#[test]
fn check_seeds() {
    let at = Some(AT.as_bytes());
    assert_eq!(check("profession", "326", at), OK);
    assert_eq!(check("profession", "323", at), DEPRECATED);
    assert_eq!(check("profession", "350", at), DEPRECATED);
    assert_eq!(check("profession", "300", at), NOT_ALLOWED);
    assert_eq!(check("profession", "999", at), UNKNOWN_CODE);
    // Not yet in force in 2025, offered in 2026.
    assert_eq!(check("profession", "371", Some(b"2025-01-01")), NOT_ALLOWED);
    assert_eq!(check("profession", "371", at), OK);
    // Fields without a value set take the whole table; value sets and tables by NOS name.
    assert_eq!(check("sexe", "U", at), DEPRECATED);
    assert_eq!(check("sexe", "U", Some(b"2000-01-01")), OK);
    assert_eq!(check("JDV_J121", "300", at), NOT_ALLOWED);
    assert_eq!(check("TRE_R85", "300", at), OK);
    assert_eq!(check("pays", "99100", at), OK);
    assert_eq!(check("commune", "13203", at), UNKNOWN_TABLE);
    assert_eq!(check("no-such-field", "326", at), UNKNOWN_TABLE);
    assert_eq!(check("profession", "326", Some(b"\xff")), UTF8);
    // Today (NULL date): 326 is offered for the foreseeable future.
    assert_eq!(check("profession", "326", None), OK);
}

#[test]
fn replacements() {
    assert_eq!(replaced_by(b"profession", b"323", 64), (OK, "328".into(), 3));
    assert_eq!(replaced_by(b"profession", b"350", 64), (OK, "371,372".into(), 7));
    assert_eq!(replaced_by(b"JDV_J121", b"350", 64).1, "371,372");
    assert_eq!(replaced_by(b"TRE_R85", b"323", 64).1, "328");
    assert_eq!(replaced_by(b"sexe", b"U", 64).1, "UN");
    // In force: an empty string.
    assert_eq!(replaced_by(b"profession", b"326", 64), (OK, String::new(), 0));
    assert_eq!(replaced_by(b"profession", b"999", 64).0, UNKNOWN_CODE);
    assert_eq!(replaced_by(b"commune", b"13203", 64).0, UNKNOWN_TABLE);
    assert_eq!(replaced_by(b"profession", b"\xff", 64).0, UTF8);
    // Too small: the length needed only; retry with it + 1.
    assert_eq!(replaced_by(b"profession", b"350", 0), (SMALL, String::new(), 7));
    assert_eq!(replaced_by(b"profession", b"350", 7), (SMALL, String::new(), 7));
    assert_eq!(replaced_by(b"profession", b"350", 8).0, OK);
    let mut len = UNTOUCHED_LEN;
    // SAFETY: the library checks every pointer.
    unsafe {
        let (t, c) = (c"profession".as_ptr(), c"350".as_ptr());
        let mut buf = [0 as c_char; 8];
        assert_eq!(
            rppsplus_nomenclature_replaced_by(ptr::null(), 0, c, 3, buf.as_mut_ptr(), 8, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_replaced_by(t, 10, ptr::null(), 0, buf.as_mut_ptr(), 8, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_replaced_by(t, 10, c, 3, ptr::null_mut(), 8, &mut len),
            NULL
        );
        assert_eq!(
            rppsplus_nomenclature_replaced_by(t, 10, c, 3, buf.as_mut_ptr(), 8, ptr::null_mut()),
            NULL
        );
    }
    assert_eq!(len, UNTOUCHED_LEN);
}

#[test]
fn check_dates() {
    for (date, expected) in [
        (&b"0000-01-01"[..], OK),
        (b"9999-12-31", OK),
        (b"2026-02-29", DATE),
        (b"2028-02-29", OK),
        (b"2026-13-01", DATE),
        (b"2026-11-23T00:00", DATE),
        (b"2026-1-5", DATE),
        (b" 2026-11-23", DATE),
        (b"+2026-11-23", DATE),
        (b"", DATE),
        (b"yesterday", DATE),
    ] {
        let rc = check("sexe", "F", Some(date));
        assert_eq!(rc, expected, "{:?}", String::from_utf8_lossy(date));
    }
    // Year 0: 323 had not ended; 9999: it has.
    assert_eq!(check("TRE_R85", "323", Some(b"0000-01-01")), OK);
    assert_eq!(check("TRE_R85", "323", Some(b"9999-12-31")), DEPRECATED);
}

#[test]
fn check_nulls() {
    let (f, c, d) = (c"profession".as_ptr(), c"323".as_ptr(), c"2026-11-23".as_ptr());
    let bad = c"\xff".as_ptr();
    // NULL inputs, and a NULL date with a length, before any text is read.
    // SAFETY: the library must check every pointer.
    unsafe {
        assert_eq!(rppsplus_nomenclature_check(ptr::null(), 0, bad, 1, d, 10), NULL);
        assert_eq!(rppsplus_nomenclature_check(bad, 1, ptr::null(), 0, d, 10), NULL);
        assert_eq!(rppsplus_nomenclature_check(bad, 1, bad, 1, ptr::null(), 10), NULL);
        assert_eq!(rppsplus_nomenclature_check(f, usize::MAX, c, 3, d, 10), PARAM);
        assert_eq!(rppsplus_nomenclature_check(f, 10, c, 3, d, 10), DEPRECATED);
    }
}

#[test]
fn lookup_seeds() {
    let l = lookup("profession", "326");
    assert_eq!((l.len(), l.code(0), l.label(0)), (1, "326", "Educateur spécialisé"));
    assert_eq!(l.get(rppsplus_entries_status_at, 0), "active");
    assert_eq!(l.offered(0), RPPSPLUS_OFFERED_YES);
    assert_eq!(l.get(rppsplus_entries_commune_type_at, 0), "");
    assert_eq!(l.get(rppsplus_entries_departement_at, 0), "");
    assert!(!l.postal());

    let l = lookup("profession", "323");
    assert_eq!(l.get(rppsplus_entries_status_at, 0), "deprecated");
    assert_eq!(l.get(rppsplus_entries_replaced_by_at, 0), "328");
    assert_eq!(l.get(rppsplus_entries_date_fin_at, 0).len(), 10);
    assert_eq!(l.offered(0), RPPSPLUS_OFFERED_NO);

    let l = lookup("profession", "300");
    assert_eq!(l.offered(0), RPPSPLUS_OFFERED_NO);
    let l = lookup("sexe", "F");
    assert_eq!(l.offered(0), RPPSPLUS_OFFERED_NOT_APPLICABLE);

    let l = lookup("commune", "marseille 3");
    assert_eq!((l.code(0), l.label(0)), ("13203", "Marseille 3e Arrondissement"));
    assert_eq!(l.get(rppsplus_entries_commune_type_at, 0), "arrondissement-municipal");
    assert_eq!(l.get(rppsplus_entries_departement_at, 0), "13");
    assert_eq!(l.get(rppsplus_entries_status_at, 0), "active");
    assert_eq!(l.get(rppsplus_entries_date_fin_at, 0), "");
    assert_eq!(l.offered(0), RPPSPLUS_OFFERED_NOT_APPLICABLE);

    let l = lookup("commune", "75015");
    assert!(l.postal());
    assert_eq!((l.code(0), l.label(0)), ("75115", "Paris 15e Arrondissement"));

    let l = lookup("commune", "20004");
    assert!(!l.postal());
    assert_eq!((l.code(0), l.label(0)), ("2A004", "Ajaccio"));
    assert_eq!(l.get(rppsplus_entries_departement_at, 0), "2A");

    let l = lookup("pays", "99100");
    assert_eq!((l.len(), l.code(0), l.label(0)), (1, "99100", "République française"));

    let l = lookup("profession", "educateur spe");
    assert_eq!(l.code(0), "326");

    // Today (NULL date).
    let l = lookup_raw(b"profession", b"326", None, 10).unwrap();
    assert_eq!(l.code(0), "326");
}

#[test]
fn lookup_misuse() {
    assert_eq!(
        lookup_raw(b"no-such-table", b"326", Some(AT.as_bytes()), 10).err(),
        Some(UNKNOWN_TABLE)
    );
    assert_eq!(lookup_raw(b"profession", b"\xff", None, 10).err(), Some(UTF8));
    assert_eq!(lookup_raw(b"\xffprofession", b"326", None, 10).err(), Some(UTF8));
    assert_eq!(
        lookup_raw(b"profession", b"326", Some(b"2026-02-30"), 10).err(),
        Some(DATE)
    );
    assert_eq!(
        lookup_raw(b"profession", b"326", Some(b"0000-01-01"), 10)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        lookup_raw(b"commune", b"paris", Some(b"9999-12-31"), 10).unwrap().len(),
        10
    );
    // Empty, blank and control-character queries find nothing (or something), never fail.
    for q in [
        &b""[..],
        b"   ",
        b"\0",
        b"\x01\x02\x1b[31m",
        b"\t\n\r",
        b"paris\0",
        b"%s%n",
    ] {
        for table in [&b"commune"[..], b"profession", b"pays"] {
            let l = lookup_raw(table, q, Some(AT.as_bytes()), 10).expect("no error");
            assert!(l.len() <= 10);
        }
    }
    assert_eq!(lookup("commune", "").len(), 0);
    assert_eq!(lookup("profession", "").len(), 0);
    // Limit 0: no label match.
    assert_eq!(lookup_raw(b"commune", b"paris", None, 0).unwrap().len(), 0);
    assert_eq!(lookup_raw(b"profession", b"educateur", None, 0).unwrap().len(), 0);
    assert_eq!(lookup_raw(b"profession", b"326", None, 0).unwrap().len(), 0);
    assert_eq!(
        lookup_raw(b"commune", b"paris", None, usize::MAX).unwrap().code(0),
        "75056"
    );
    // 10 MB queries.
    let big = vec![b'a'; 10 * 1024 * 1024];
    for table in [&b"commune"[..], b"profession", b"pays"] {
        assert_eq!(lookup_raw(table, &big, None, 10).unwrap().len(), 0);
        assert_eq!(label(table, &big, 64).0, UNKNOWN_CODE);
    }
    let digits = vec![b'1'; 10 * 1024 * 1024];
    assert_eq!(lookup_raw(b"commune", &digits, None, 10).unwrap().len(), 0);
    assert_eq!(
        check("profession", str::from_utf8(&big).unwrap(), Some(AT.as_bytes())),
        UNKNOWN_CODE
    );
    // NULL everywhere; `*entries_out` is untouched on error.
    let sentinel = ptr::NonNull::<rppsplus_entries>::dangling().as_ptr();
    let mut out = sentinel;
    let (t, q, d) = (
        b"commune".as_ptr().cast::<c_char>(),
        b"paris".as_ptr().cast::<c_char>(),
        AT.as_ptr().cast::<c_char>(),
    );
    // SAFETY: the library must check every pointer.
    unsafe {
        assert_eq!(rppsplus_lookup(ptr::null(), 0, q, 5, d, 10, 10, &mut out), NULL);
        assert_eq!(rppsplus_lookup(t, 7, ptr::null(), 0, d, 10, 10, &mut out), NULL);
        assert_eq!(rppsplus_lookup(t, 7, q, 5, ptr::null(), 10, 10, &mut out), NULL);
        assert_eq!(rppsplus_lookup(t, 7, q, 5, d, 10, 10, ptr::null_mut()), NULL);
        assert_eq!(rppsplus_lookup(t, usize::MAX, q, 5, d, 10, 10, &mut out), PARAM);
        assert_eq!(rppsplus_lookup(t, 7, q, 5, d, 9, 10, &mut out), DATE);
    }
    assert_eq!(out, sentinel);
}

#[test]
fn accessors_on_null_and_out_of_range() {
    // SAFETY: NULL lists are allowed everywhere.
    unsafe {
        assert_eq!(rppsplus_entries_len(ptr::null()), 0);
        assert!(!rppsplus_entries_is_postal_code(ptr::null()));
        assert_eq!(
            rppsplus_entries_offered_at(ptr::null(), 0),
            RPPSPLUS_OFFERED_NOT_APPLICABLE
        );
        assert!(view(rppsplus_entries_code_at(ptr::null(), 0)).is_none());
        rppsplus_entries_free(ptr::null_mut());
    }
    let l = lookup("commune", "marseille");
    let n = l.len();
    assert!(n > 0);
    type Text = unsafe extern "C" fn(*const rppsplus_entries, usize) -> rppsplus_str;
    let texts: [Text; 8] = [
        rppsplus_entries_code_at,
        rppsplus_entries_label_at,
        rppsplus_entries_status_at,
        rppsplus_entries_date_fin_at,
        rppsplus_entries_replaced_by_at,
        rppsplus_entries_commune_type_at,
        rppsplus_entries_departement_at,
        rppsplus_entries_code_at,
    ];
    for f in texts {
        for i in [n, n + 1, usize::MAX] {
            // SAFETY: a live list; out-of-range indexes are allowed.
            assert!(view(unsafe { f(l.0, i) }).is_none());
            // SAFETY: NULL is allowed.
            assert!(view(unsafe { f(ptr::null(), i) }).is_none());
        }
        for i in 0..n {
            // SAFETY: a live list.
            assert!(view(unsafe { f(l.0, i) }).is_some(), "never NULL in range");
        }
    }
    assert_eq!(l.offered(n), RPPSPLUS_OFFERED_NOT_APPLICABLE);
    // An empty list is a list: len 0, freed like any other.
    let empty = lookup("commune", "zzzzzzzz");
    assert_eq!(empty.len(), 0);
    assert!(view(unsafe { rppsplus_entries_code_at(empty.0, 0) }).is_none());
}

#[test]
fn one_list_read_from_several_threads() {
    let l = lookup("commune", "saint");
    let n = l.len();
    let p = l.0 as usize;
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(move || {
                let p = p as *const rppsplus_entries;
                for _ in 0..200 {
                    for i in 0..n {
                        // SAFETY: the list outlives the scope; const accessors only.
                        let code = view(unsafe { rppsplus_entries_code_at(p, i) }).unwrap();
                        assert_eq!(code.len(), 5);
                    }
                }
            });
        }
    });
    drop(l);
}

#[test]
fn limit_zero_with_an_exact_commune_code() {
    // `limit` applies to exact codes too.
    assert_eq!(lookup_raw(b"commune", b"13203", None, 0).unwrap().len(), 0);
    assert_eq!(lookup_raw(b"commune", b"75015", None, 0).unwrap().len(), 0);
}

// --- lists of the codes offered at a date, metadata, display and short labels ------------

/// `rppsplus_nomenclature_list`; `date` None = NULL (today).
fn list_raw(name: &[u8], date: Option<&[u8]>) -> Result<List, rppsplus_result> {
    let (d, dl) = date_arg(date);
    // SAFETY: valid pointers and sizes.
    made(|out| unsafe { rppsplus_nomenclature_list(name.as_ptr().cast(), name.len(), d, dl, out) }).map(List)
}

fn list(name: &str, date: &str) -> List {
    list_raw(name.as_bytes(), Some(date.as_bytes())).expect("list")
}

impl List {
    fn codes(&self) -> Vec<&str> {
        (0..self.len()).map(|i| self.code(i)).collect()
    }
}

/// Every name a nomenclature function takes: the aliases, and the NOS name and code of every
/// table and value set.
fn every_name() -> Vec<&'static str> {
    use rppsplus_core::nomenclature::{Table, ValueSet, aliases, tables, value_sets};
    let metas = (tables().iter().map(Table::meta)).chain(value_sets().iter().map(ValueSet::meta));
    aliases()
        .chain(metas.flat_map(|m| [m.name(), m.short_name()]))
        .collect()
}

#[test]
fn lists_are_the_cores_for_every_name_and_date() {
    let dates = ["2020-01-01", "2022-09-05", "2025-04-24", "2026-01-01", AT, "9999-12-31"];
    let mut entries = 0;
    for name in every_name() {
        for date in dates {
            let at = rppsplus_core::date::parse(date).unwrap();
            let core = rppsplus_core::nomenclature::list(name, at).unwrap();
            let l = list(name, date);
            assert_eq!(l.len(), core.len(), "{name} {date}");
            for (i, e) in core.iter().enumerate() {
                assert_eq!(l.code(i), e.code);
                assert_eq!(l.label(i), e.label);
                assert_eq!(l.get(rppsplus_entries_short_label_at, i), e.short_label.unwrap_or(""));
                assert_eq!(l.get(rppsplus_entries_display_at, i), e.display.unwrap_or(""));
                assert_eq!(l.get(rppsplus_entries_status_at, i), e.status.as_str());
                let fin = e.date_fin.map(|d| d.to_string()).unwrap_or_default();
                assert_eq!(l.get(rppsplus_entries_date_fin_at, i), fin);
                assert_eq!(l.get(rppsplus_entries_replaced_by_at, i), e.replaced_by.join(","));
            }
            assert!(!l.postal());
            entries += l.len();
        }
    }
    assert!(entries > 5_000, "{entries} entries compared");
}

#[test]
fn list_seeds() {
    let professions = list("profession", AT);
    assert_eq!(professions.len(), 60);
    assert!(professions.codes().contains(&"326") && !professions.codes().contains(&"323"));
    assert_eq!(professions.offered(0), RPPSPLUS_OFFERED_YES);
    // NOS names and codes of value sets and tables, at a date.
    assert_eq!(list("JDV_J121", AT).codes(), professions.codes());
    assert_eq!(list("JDV_J121-RolePriseCharge-ENREG", AT).codes(), professions.codes());
    assert!(list("JDV_J121", "2022-09-05").codes().contains(&"323"));
    assert_eq!(list("civilite", AT).codes(), ["M", "MME"]);
    assert_eq!(list("TRE_R81", "2010-01-01").codes(), ["M", "MLLE", "MME"]);
    assert_eq!(list("JDV_J117", "2026-01-01").codes(), ["S", "L", "B"]);
    assert_eq!(list("mode-exercice", "2026-02-02").codes(), ["S", "L", "B", "I"]);
    // A whole table: the source's order, the codes in force.
    assert_eq!(list("sexe", "2026-01-01").codes(), ["UN", "F", "M", "O"]);
    assert_eq!(list("sexe", "2026-01-01").offered(0), RPPSPLUS_OFFERED_NOT_APPLICABLE);
    // The countries as the portal lists them: display labels beside the code system's.
    let pays = list("pays", AT);
    assert_eq!(pays.len(), 217);
    assert_eq!((pays.code(0), pays.label(0)), ("99100", "République française"));
    assert_eq!(pays.get(rppsplus_entries_display_at, 0), "France");
    // Short labels (TRE_R22's GENR08).
    let roles = list("role", AT);
    let genr08 = roles
        .codes()
        .iter()
        .position(|c| *c == "GENR08")
        .expect("GENR08 offered");
    assert_eq!(roles.label(genr08), "Coordination et orientation");
    assert_eq!(
        roles.get(rppsplus_entries_short_label_at, genr08),
        "Activité de coordination et d'orientation"
    );
    assert_eq!(roles.get(rppsplus_entries_display_at, genr08), "");
    // Every commune, in code order.
    let communes = list("commune", AT);
    assert_eq!(communes.len(), 37_590);
    assert_eq!(communes.get(rppsplus_entries_departement_at, 0).len(), 2);
    // Today (NULL date).
    assert!(list_raw(b"profession", None).unwrap().len() > 50);
}

#[test]
fn list_misuse() {
    assert_eq!(
        list_raw(b"no-such-table", Some(AT.as_bytes())).err(),
        Some(UNKNOWN_TABLE)
    );
    assert_eq!(list_raw(b"", None).err(), Some(UNKNOWN_TABLE));
    assert_eq!(
        list_raw(b"Profession", None).err(),
        Some(UNKNOWN_TABLE),
        "aliases are exact"
    );
    assert_eq!(list_raw(b"prof\xc3", None).err(), Some(UTF8));
    for bad in [&b"2026-02-30"[..], b"2026-1-5", b" 2026-11-23", b"+2026-11-23", b""] {
        assert_eq!(list_raw(b"profession", Some(bad)).err(), Some(DATE));
    }
    assert!(list_raw(b"profession", Some(b"0000-01-01")).is_ok());
    let sentinel = ptr::NonNull::<rppsplus_entries>::dangling().as_ptr();
    let mut out = sentinel;
    let (n, d, bad) = (c"profession".as_ptr(), c"2026-11-23".as_ptr(), c"\xff".as_ptr());
    // SAFETY: the library must check every pointer before reading any text.
    unsafe {
        assert_eq!(rppsplus_nomenclature_list(ptr::null(), 0, bad, 1, &mut out), NULL);
        assert_eq!(rppsplus_nomenclature_list(bad, 1, ptr::null(), 10, &mut out), NULL);
        assert_eq!(rppsplus_nomenclature_list(bad, 1, bad, 1, ptr::null_mut()), NULL);
        assert_eq!(rppsplus_nomenclature_list(n, usize::MAX, d, 10, &mut out), PARAM);
        assert_eq!(rppsplus_nomenclature_list(n, 10, d, usize::MAX, &mut out), PARAM);
    }
    assert_eq!(out, sentinel);
}

#[test]
fn new_accessors_on_null_and_out_of_range() {
    let l = list("pays", AT);
    for f in [rppsplus_entries_short_label_at, rppsplus_entries_display_at] {
        for i in [l.len(), usize::MAX] {
            // SAFETY: a live list; out-of-range indexes are allowed.
            assert!(view(unsafe { f(l.0, i) }).is_none());
        }
        // SAFETY: NULL is allowed.
        assert!(view(unsafe { f(ptr::null(), 0) }).is_none());
        for i in 0..l.len() {
            // SAFETY: a live list.
            assert!(view(unsafe { f(l.0, i) }).is_some(), "never NULL in range");
        }
    }
}

#[test]
fn search_matches_short_and_display_labels() {
    // JDV_J256 and the retired JDV_J114 show 99100 as "France" (TRE_R20: République
    // française).
    for name in ["pays", "JDV_J256", "JDV_J114", "JDV_J114-Pays-ENREG"] {
        let l = lookup(name, "France");
        assert_eq!(l.code(0), "99100", "{name}");
        assert_eq!(l.get(rppsplus_entries_display_at, 0), "France", "{name}");
    }
    // TRE_R22's short label, from the field, the value set and the table.
    for name in ["role", "JDV_J116", "TRE_R22"] {
        let l = lookup(name, "Activité de coordination et d'orientation");
        assert_eq!(l.code(0), "GENR08", "{name}");
        assert_eq!(
            l.get(rppsplus_entries_short_label_at, 0),
            "Activité de coordination et d'orientation"
        );
        assert_eq!(lookup(name, "activite de coordination").code(0), "GENR08");
    }
    // JDV_J116's own display label.
    assert_eq!(
        lookup("role", "medico-administratif").get(rppsplus_entries_display_at, 0),
        "Médico-administratif"
    );
}

/// An owned metadata handle, freed on drop.
struct MetaHandle(*mut rppsplus_meta);

impl Drop for MetaHandle {
    fn drop(&mut self) {
        // SAFETY: a handle from rppsplus_nomenclature_meta, freed once.
        unsafe { rppsplus_meta_free(self.0) }
    }
}

type MetaText = unsafe extern "C" fn(*const rppsplus_meta) -> rppsplus_str;

impl MetaHandle {
    fn get(&self, f: MetaText) -> &str {
        // SAFETY: a live handle; the view is used while `self` lives.
        view(unsafe { f(self.0) }).expect("a text")
    }

    fn stand_in(&self) -> bool {
        // SAFETY: a live handle.
        unsafe { rppsplus_meta_is_earliest_stand_in(self.0) }
    }
}

const META_TEXTS: [MetaText; 9] = [
    rppsplus_meta_name,
    rppsplus_meta_short_name,
    rppsplus_meta_oid,
    rppsplus_meta_url,
    rppsplus_meta_version,
    rppsplus_meta_version_date,
    rppsplus_meta_description,
    rppsplus_meta_version_in_force,
    rppsplus_meta_version_in_force_date,
];

fn meta_raw(name: &[u8], date: Option<&[u8]>) -> Result<MetaHandle, rppsplus_result> {
    let (d, dl) = date_arg(date);
    // SAFETY: valid pointers and sizes.
    made(|out| unsafe { rppsplus_nomenclature_meta(name.as_ptr().cast(), name.len(), d, dl, out) }).map(MetaHandle)
}

fn meta(name: &str, date: &str) -> MetaHandle {
    meta_raw(name.as_bytes(), Some(date.as_bytes())).expect("meta")
}

#[test]
fn meta_seeds() {
    let j121 = meta("profession", "2025-04-24");
    assert_eq!(j121.get(rppsplus_meta_name), "JDV_J121-RolePriseCharge-ENREG");
    assert_eq!(j121.get(rppsplus_meta_short_name), "JDV_J121");
    assert_eq!(j121.get(rppsplus_meta_oid), "1.2.250.1.213.1.6.1.200");
    assert!(
        j121.get(rppsplus_meta_url)
            .starts_with("https://mos.esante.gouv.fr/NOS/JDV_J121")
    );
    assert_eq!(j121.get(rppsplus_meta_version), "20260505120000");
    assert_eq!(j121.get(rppsplus_meta_version_date), "2026-05-05");
    assert!(!j121.get(rppsplus_meta_description).is_empty());
    assert_eq!(j121.get(rppsplus_meta_version_in_force), "20241025120000");
    assert_eq!(j121.get(rppsplus_meta_version_in_force_date), "2024-10-25");
    assert!(!j121.stand_in());
    // Before every known version, the earliest stands in.
    let j117 = meta("JDV_J117", "2020-01-01");
    assert_eq!(j117.get(rppsplus_meta_version_in_force), "20210827120000");
    assert!(j117.stand_in());
    assert!(!meta("JDV_J117", "2026-02-02").stand_in());
    // A whole-table field gives its table; a table has one version.
    assert_eq!(meta("sexe", AT).get(rppsplus_meta_name), "TRE_R249-Sexe");
    let r85 = meta("TRE_R85", "2022-09-05");
    assert_eq!(r85.get(rppsplus_meta_name), "TRE_R85-RolePriseCharge");
    assert_eq!(r85.get(rppsplus_meta_version_in_force), r85.get(rppsplus_meta_version));
    assert!(r85.stand_in());
    assert!(!meta("TRE_R85", AT).stand_in());
    // Today (NULL date).
    assert_eq!(
        meta_raw(b"JDV_J121", None).unwrap().get(rppsplus_meta_short_name),
        "JDV_J121"
    );
}

#[test]
fn meta_is_the_cores_for_every_name() {
    for name in every_name() {
        for date in ["2020-01-01", "2025-04-24", AT] {
            let field = rppsplus_core::nomenclature::field(name).unwrap();
            let (m, v) = (
                field.meta(),
                field.version_at(rppsplus_core::date::parse(date).unwrap()),
            );
            let h = meta(name, date);
            let want = [
                m.name(),
                m.short_name(),
                m.oid(),
                m.url(),
                m.version(),
                &m.version_date().to_string(),
                m.description(),
                v.version,
                &v.date.to_string(),
            ];
            for (f, want) in META_TEXTS.into_iter().zip(want) {
                assert_eq!(h.get(f), want, "{name} {date}");
            }
            assert_eq!(h.stand_in(), v.earliest_stands_in);
        }
    }
}

#[test]
fn meta_misuse() {
    assert_eq!(meta_raw(b"commune", None).err(), Some(UNKNOWN_TABLE), "not a table");
    assert_eq!(meta_raw(b"no-such-table", None).err(), Some(UNKNOWN_TABLE));
    assert_eq!(meta_raw(b"\xff", None).err(), Some(UTF8));
    assert_eq!(meta_raw(b"profession", Some(b"2026-02-30")).err(), Some(DATE));
    let sentinel = ptr::NonNull::<rppsplus_meta>::dangling().as_ptr();
    let mut out = sentinel;
    let (n, d, bad) = (c"profession".as_ptr(), c"2026-11-23".as_ptr(), c"\xff".as_ptr());
    // SAFETY: the library must check every pointer before reading any text.
    unsafe {
        assert_eq!(rppsplus_nomenclature_meta(ptr::null(), 0, bad, 1, &mut out), NULL);
        assert_eq!(rppsplus_nomenclature_meta(bad, 1, ptr::null(), 10, &mut out), NULL);
        assert_eq!(rppsplus_nomenclature_meta(bad, 1, bad, 1, ptr::null_mut()), NULL);
        assert_eq!(rppsplus_nomenclature_meta(n, usize::MAX, d, 10, &mut out), PARAM);
    }
    assert_eq!(out, sentinel);
    // NULL handles: NULL views, false, free does nothing.
    for f in META_TEXTS {
        // SAFETY: NULL is allowed.
        assert!(view(unsafe { f(ptr::null()) }).is_none());
    }
    // SAFETY: NULL is allowed.
    unsafe {
        assert!(!rppsplus_meta_is_earliest_stand_in(ptr::null()));
        rppsplus_meta_free(ptr::null_mut());
    }
}

#[test]
fn one_meta_read_from_several_threads() {
    let h = meta("pays", AT);
    let p = h.0 as usize;
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(move || {
                let p = p as *const rppsplus_meta;
                for _ in 0..500 {
                    // SAFETY: the handle outlives the scope; const accessors only.
                    assert_eq!(view(unsafe { rppsplus_meta_short_name(p) }), Some("JDV_J256"));
                }
            });
        }
    });
    drop(h);
}

/// The C documentation names the aliases by pointing at the core's one list, never by
/// restating it: no comment of the header and no paragraph or item of the crate's README
/// names more than three of them as examples.
#[test]
fn the_c_docs_restate_no_list_of_aliases() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let aliases: Vec<&str> = rppsplus_core::nomenclature::aliases().collect();
    let named = |text: &str| {
        aliases
            .iter()
            .filter(|a| text.contains(&format!("`{a}`")) || text.contains(&format!("\"{a}\"")))
            .count()
    };
    let header = std::fs::read_to_string(format!("{root}/include/rppsplus.h")).unwrap();
    for comment in header.split("/*").filter_map(|c| c.split("*/").next()) {
        assert!(named(comment) <= 3, "a list of aliases in the header:\n{comment}");
    }
    let readme = std::fs::read_to_string(format!("{root}/rppsplus-ffi/README.md")).unwrap();
    for paragraph in readme.split("\n\n").flat_map(|p| p.split("\n- ")) {
        assert!(
            named(paragraph) <= 3,
            "a list of aliases in rppsplus-ffi/README.md:\n{paragraph}"
        );
    }
}
