//! Gives the shared library its SONAME on ELF systems: `librppsplus.so.MAJOR`, the ABI
//! generation (`librppsplus.so.0` for every 0.x release, whose ABI promise is the exact
//! version, checked at run time by `rppsplus_check_version`). `scripts/install-c.sh` installs
//! the file as `librppsplus.so.MAJOR.MINOR.PATCH` with the `librppsplus.so.MAJOR` and
//! `librppsplus.so` links (README, "ABI stability").

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let elf = [
        "linux",
        "android",
        "freebsd",
        "netbsd",
        "openbsd",
        "dragonfly",
        "illumos",
        "solaris",
    ];
    if elf.contains(&os.as_str()) {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").expect("cargo sets CARGO_PKG_VERSION_MAJOR");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,librppsplus.so.{major}");
    }
}
