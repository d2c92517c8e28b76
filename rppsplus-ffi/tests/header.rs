//! `include/rppsplus.h` is generated from this crate by cbindgen; this test regenerates it
//! and fails when the committed header is stale. `RPPSPLUS_BLESS=1` rewrites it.

use std::path::PathBuf;

/// The version macros, from the package version: generated, never hand-synced.
fn version_macros() -> String {
    let major: u32 = env!("CARGO_PKG_VERSION_MAJOR").parse().expect("major");
    let minor: u32 = env!("CARGO_PKG_VERSION_MINOR").parse().expect("minor");
    let patch: u32 = env!("CARGO_PKG_VERSION_PATCH").parse().expect("patch");
    assert!(minor < 256 && patch < 256, "minor and patch must fit in 8 bits");
    format!(
        "\n/* The version of the library this header belongs to (from Cargo.toml). */\n\
         #define RPPSPLUS_VERSION_MAJOR {major}\n\
         #define RPPSPLUS_VERSION_MINOR {minor}\n\
         #define RPPSPLUS_VERSION_PATCH {patch}\n\
         /* (major << 16) | (minor << 8) | patch: compare with rppsplus_version_number(). */\n\
         #define RPPSPLUS_VERSION_NUMBER ((RPPSPLUS_VERSION_MAJOR << 16) | (RPPSPLUS_VERSION_MINOR << 8) | RPPSPLUS_VERSION_PATCH)"
    )
}

fn generate() -> String {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).expect("read cbindgen.toml");
    let macros = version_macros();
    config.after_includes = Some(match config.after_includes.take() {
        Some(extra) => format!("{macros}\n{extra}"),
        None => macros,
    });
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen failed")
        .write(&mut out);
    let header = String::from_utf8(out).expect("the header is UTF-8");
    // Plain ASCII keeps the header portable to every compiler and source charset.
    if let Some((line, text)) = header.lines().enumerate().find(|(_, l)| !l.is_ascii()) {
        panic!("the generated header has non-ASCII text at line {}: {text}", line + 1);
    }
    header
}

#[test]
fn header_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../include/rppsplus.h");
    let generated = generate();
    if std::env::var_os("RPPSPLUS_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("include/")).expect("create include/");
        std::fs::write(&path, &generated).expect("write the header");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let first_diff = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "include/rppsplus.h is stale (first difference at line {}): the C API changed without the \
             header. Regenerate it with\n    RPPSPLUS_BLESS=1 cargo test -p rppsplus-ffi --test header\n\
             and commit include/rppsplus.h.",
            first_diff + 1
        );
    }
}

/// The `#define PREFIX_NAME value` constants of the header for one prefix, as (NAME, value).
fn constants(header: &str, prefix: &str) -> Vec<(String, u32)> {
    header
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("#define ")?.strip_prefix(prefix)?;
            let (name, value) = rest.split_once(' ')?;
            Some((name.to_owned(), value.trim().parse().ok()?))
        })
        .collect()
}

/// A static name from the library.
fn c_name(p: *const std::ffi::c_char) -> String {
    // SAFETY: the name functions return static NUL-terminated strings.
    unsafe { std::ffi::CStr::from_ptr(p) }.to_str().unwrap().to_owned()
}

/// The constant name of a core name: `idnat-structure` -> `IDNAT_STRUCTURE`.
fn constant_name(core: &str) -> String {
    core.replace('-', "_").to_uppercase()
}

/// Every constant of a core closed set is the index of the value of the same name in the
/// core's `ALL`, and every value of the core has its constant: the C values are checked
/// against the core's order, not written a second time.
fn check_set<T: rppsplus_core::names::Named>(header: &str, prefix: &str, name: impl Fn(u32) -> String, extra: &[&str]) {
    let found = constants(header, prefix);
    let core: Vec<&str> = T::NAMES.to_vec();
    for (constant, value) in &found {
        if extra.contains(&constant.as_str()) {
            assert_eq!(name(*value), "unknown", "{prefix}{constant}");
            continue;
        }
        let index = core.iter().position(|n| constant_name(n) == *constant);
        assert_eq!(
            index,
            usize::try_from(*value).ok(),
            "{prefix}{constant} = {value}: not its index in the core's ALL"
        );
        assert_eq!(
            constant_name(&name(*value)),
            *constant,
            "{prefix}{constant}: its name is the core's"
        );
    }
    assert_eq!(
        found.len(),
        core.len() + extra.len(),
        "{prefix}*: one constant per value of the core"
    );
}

#[test]
fn constants_are_the_core_values_and_names() {
    use rppsplus::*;
    use rppsplus_core::FindingCode;
    use rppsplus_core::cpx::{CardErrorCode, CardType, Generation};
    use rppsplus_core::demande::sheet::SheetFormat;
    use rppsplus_core::demande::{Actor, Severity, Stage};
    use rppsplus_core::ids::IdKind;
    use rppsplus_core::workflow::journal::Durability;
    use rppsplus_core::workflow::{ErrorCode, Event, Status};

    let header = generate();
    check_set::<IdKind>(
        &header,
        "RPPSPLUS_KIND_",
        |v| c_name(rppsplus_kind_name(rppsplus_kind(v))),
        &[],
    );
    check_set::<Stage>(
        &header,
        "RPPSPLUS_STAGE_",
        |v| c_name(rppsplus_stage_name(rppsplus_stage(v))),
        &[],
    );
    check_set::<Actor>(
        &header,
        "RPPSPLUS_ACTOR_",
        |v| c_name(rppsplus_actor_name(rppsplus_actor(v))),
        &[],
    );
    check_set::<Severity>(
        &header,
        "RPPSPLUS_SEVERITY_",
        |v| c_name(rppsplus_severity_name(rppsplus_severity(v))),
        &["NONE"],
    );
    check_set::<Generation>(
        &header,
        "RPPSPLUS_GENERATION_",
        |v| c_name(rppsplus_generation_name(rppsplus_generation(v))),
        &["NONE"],
    );
    check_set::<CardType>(
        &header,
        "RPPSPLUS_CARD_TYPE_",
        |v| c_name(rppsplus_card_type_name(rppsplus_card_type(v))),
        &["NONE"],
    );
    check_set::<Event>(
        &header,
        "RPPSPLUS_EVENT_",
        |v| c_name(rppsplus_event_name(rppsplus_event(v))),
        &[],
    );
    check_set::<Status>(
        &header,
        "RPPSPLUS_STATUS_",
        |v| c_name(rppsplus_status_name(rppsplus_status(v))),
        &["NONE"],
    );
    check_set::<Durability>(
        &header,
        "RPPSPLUS_DURABILITY_",
        |v| c_name(rppsplus_durability_name(rppsplus_durability(v))),
        &[],
    );
    check_set::<SheetFormat>(
        &header,
        "RPPSPLUS_SHEET_FORMAT_",
        |v| c_name(rppsplus_sheet_format_name(rppsplus_sheet_format(v))),
        &[],
    );
    // Warnings and results: each constant is named by its name function, and the names of
    // the warnings and of the 2xx results are the core's finding codes.
    for (constant, value) in constants(&header, "RPPSPLUS_WARNING_") {
        let name = c_name(rppsplus_warning_name(rppsplus_warning(value)));
        assert_eq!(constant_name(&name), constant);
        if !["NONE", "UNKNOWN"].contains(&constant.as_str()) {
            assert!(name.parse::<FindingCode>().is_ok(), "RPPSPLUS_WARNING_{constant}");
        }
    }
    let results = constants(&header, "RPPSPLUS_RESULT_");
    assert_eq!(results.len(), 20 + CardErrorCode::ALL.len() + ErrorCode::ALL.len());
    for (constant, value) in results {
        let name = c_name(rppsplus_result_name(rppsplus_result(value)));
        assert_eq!(constant_name(&name), constant);
        if (200..299).contains(&value) {
            assert!(name.parse::<FindingCode>().is_ok(), "RPPSPLUS_RESULT_{constant}");
        }
        // The card and lifecycle results are the core's codes, in the core's order.
        for (first, names) in [(500, CardErrorCode::NAMES), (600, ErrorCode::NAMES)] {
            if (first..first + 100).contains(&value) {
                let index = names.iter().position(|n| *n == name);
                assert_eq!(index, usize::try_from(value - first).ok(), "RPPSPLUS_RESULT_{constant}");
            }
        }
    }
}

/// Each function of the header with the comment above it: (name, comment, prototype).
fn functions(header: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut comment = String::new();
    let mut in_comment = false;
    for line in header.lines() {
        if line.trim_start().starts_with("/*") && !line.contains("*/") {
            in_comment = true;
            comment.clear();
        } else if in_comment {
            if line.trim_start().starts_with("*/") {
                in_comment = false;
            } else {
                comment.push_str(line);
                comment.push('\n');
            }
        } else if line.ends_with(");") && line.contains("rppsplus_") && !line.starts_with('#') {
            let name = line
                .split('(')
                .next()
                .unwrap_or("")
                .rsplit([' ', '*'])
                .next()
                .unwrap_or("");
            out.push((name.to_owned(), comment.clone(), line.to_owned()));
        }
    }
    out
}

#[test]
fn every_fallible_function_lists_its_results() {
    let header = generate();
    let functions = functions(&header);
    assert!(functions.len() > 60, "{} functions found", functions.len());
    for (name, comment, prototype) in &functions {
        if prototype.starts_with("rppsplus_result ") {
            assert!(comment.contains("Results"), "{name}: no Results list");
            assert!(comment.contains("RPPSPLUS_RESULT_"), "{name}: its Results name no code");
        }
    }
    // The identifier errors the shared corpus produces for each kind are in the Results of the
    // kind's own function.
    let corpus = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corpus/identifiers.jsonl"
    ))
    .expect("tests/corpus/identifiers.jsonl");
    let mut rows = 0;
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let Some(code) = row["code"].as_str() else { continue };
        let function = format!("rppsplus_{}_validate", row["kind"].as_str().unwrap().replace('-', "_"));
        let (_, comment, _) = functions
            .iter()
            .find(|(n, ..)| *n == function)
            .expect("a validator per kind");
        let constant = format!("RPPSPLUS_RESULT_{}", code.to_uppercase());
        assert!(
            comment.contains(&constant),
            "{function}: {constant} missing from its Results"
        );
        rows += 1;
    }
    assert!(rows > 50, "{rows} invalid corpus rows");
}
