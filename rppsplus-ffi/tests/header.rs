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
