//! A drop-in replacement of `pcsc-sys` 1.3.0 that never links the PC/SC library: each function
//! looks its symbol up in the library loaded at the first call (`dlopen` through `libloading`).
//!
//! The workspace puts this crate under the `pcsc` crate with `[patch.crates-io]`, so the
//! `pcsc` crate's safe API is unchanged while the shipped C library, Python wheel and CLI load
//! on a machine without pcsc-lite: there every function answers `SCARD_E_NO_SERVICE`, which
//! the `pcsc` crate reports as `Error::NoService` ("PC/SC service absent").
//!
//! The library loaded is, in this order:
//! - the path in the environment variable `RPPSPLUS_PCSC_LIBRARY`, when set (tests point it at
//!   a missing file to check the "service absent" path; a site may point it at another
//!   PC/SC implementation), **unless the process is privileged**: a setuid or setgid program
//!   (or, on Linux, any the kernel marks `AT_SECURE`: file capabilities, a security module's
//!   transition) ignores it, as glibc's `secure_getenv` would, so that whoever starts a
//!   privileged host cannot make it load their code;
//! - Linux and other Unix systems: `libpcsclite.so.1` (pcsc-lite; the daemon is pcscd);
//! - macOS: the PCSC framework, `/System/Library/Frameworks/PCSC.framework/PCSC`;
//! - Windows: `WinSCard.dll` (the ANSI entry points, `SCardConnectA`…).
//!
//! ```
//! // With no library (or no pcscd), establishing a context fails cleanly.
//! let mut ctx = 0;
//! let rv = unsafe { pcsc_sys::SCardEstablishContext(pcsc_sys::SCARD_SCOPE_USER, std::ptr::null(), std::ptr::null(), &mut ctx) };
//! assert!(rv == pcsc_sys::SCARD_S_SUCCESS || rv == pcsc_sys::SCARD_E_NO_SERVICE);
//! if rv == pcsc_sys::SCARD_S_SUCCESS {
//!     unsafe { pcsc_sys::SCardReleaseContext(ctx) };
//! }
//! ```
// The items mirror the C API's names (documented by pcsc-lite and Microsoft), not Rust's.
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, missing_docs)]
// The error constants are written in hex as in the C headers; LONG is 32 bits on some targets.
#![allow(overflowing_literals)]

mod types;

use std::ffi::OsString;
use std::mem::size_of;
use std::os::raw::{c_char, c_void};
use std::sync::LazyLock;

use libloading::Library;
pub use types::*;

/// The environment variable naming the PC/SC library to load instead of the platform's.
pub const LIBRARY_ENV: &str = "RPPSPLUS_PCSC_LIBRARY";

/// Whether the process runs with privileges its caller may not have, so that its environment
/// is not to be trusted (`secure_getenv` semantics): on Linux the kernel's `AT_SECURE` flag
/// (setuid, setgid, file capabilities, a security module's transition), on other Unix systems
/// real and effective ids that differ. Never on Windows (no setuid there).
pub fn privileged() -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getauxval reads the auxiliary vector the kernel gave the process; it has no
        // preconditions (0 when the entry is missing).
        unsafe { libc::getauxval(libc::AT_SECURE) != 0 }
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        // SAFETY: these calls only read the process's ids; they cannot fail.
        unsafe { libc::getuid() != libc::geteuid() || libc::getgid() != libc::getegid() }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// The library to load: `from_env` (the value of [`LIBRARY_ENV`]) when set and the process is
/// not `privileged`, else [`DEFAULT_LIBRARY`].
///
/// ```
/// use std::ffi::OsString;
/// let custom = Some(OsString::from("/opt/pcsc/libpcsclite.so.1"));
/// assert_eq!(pcsc_sys::library_path(custom.clone(), false), "/opt/pcsc/libpcsclite.so.1");
/// assert_eq!(pcsc_sys::library_path(custom, true), pcsc_sys::DEFAULT_LIBRARY);
/// assert_eq!(pcsc_sys::library_path(None, false), pcsc_sys::DEFAULT_LIBRARY);
/// ```
pub fn library_path(from_env: Option<OsString>, privileged: bool) -> OsString {
    match from_env {
        Some(path) if !privileged => path,
        _ => DEFAULT_LIBRARY.into(),
    }
}

/// The platform's PC/SC library.
pub const DEFAULT_LIBRARY: &str = if cfg!(windows) {
    "WinSCard.dll"
} else if cfg!(target_os = "macos") {
    "/System/Library/Frameworks/PCSC.framework/PCSC"
} else {
    "libpcsclite.so.1"
};

const fn pci(protocol: DWORD) -> SCARD_IO_REQUEST {
    SCARD_IO_REQUEST {
        dwProtocol: protocol,
        cbPciLength: size_of::<SCARD_IO_REQUEST>() as DWORD,
    }
}

/// The protocol control information of T=0, as the C library's `g_rgSCardT0Pci` holds it.
pub static g_rgSCardT0Pci: SCARD_IO_REQUEST = pci(SCARD_PROTOCOL_T0);
/// The protocol control information of T=1, as the C library's `g_rgSCardT1Pci` holds it.
pub static g_rgSCardT1Pci: SCARD_IO_REQUEST = pci(SCARD_PROTOCOL_T1);
/// The protocol control information of raw mode, as the C library's `g_rgSCardRawPci` holds it.
pub static g_rgSCardRawPci: SCARD_IO_REQUEST = pci(SCARD_PROTOCOL_RAW);

/// Picks the symbol name of the platform: Windows exports ANSI variants with an `A` suffix,
/// macOS exports the 1.3.2 `SCardControl` as `SCardControl132`.
const fn symbol(unix: &'static [u8], windows: &'static [u8], macos: &'static [u8]) -> &'static [u8] {
    if cfg!(windows) {
        windows
    } else if cfg!(target_os = "macos") {
        macos
    } else {
        unix
    }
}

/// Declares the function table, its loader and one forwarding function per entry.
macro_rules! api {
    ($($name:ident [$unix:literal, $windows:literal, $macos:literal] ($($arg:ident: $ty:ty),* $(,)?);)+) => {
        struct Api {
            // Kept loaded for the life of the process: the function pointers point into it.
            _library: Library,
            $($name: unsafe extern "system" fn($($ty),*) -> LONG,)+
        }

        impl Api {
            fn load() -> Option<Api> {
                let path = library_path(std::env::var_os(LIBRARY_ENV), privileged());
                // SAFETY: loading the system's PC/SC library runs its initialisers, which have no
                // preconditions; each symbol is read with the C signature of its declaration in
                // pcsclite.h / winscard.h.
                unsafe {
                    let library = Library::new(path).ok()?;
                    $(let $name = *library
                        .get::<unsafe extern "system" fn($($ty),*) -> LONG>(symbol($unix, $windows, $macos))
                        .ok()?;)+
                    Some(Api { _library: library, $($name),+ })
                }
            }
        }

        $(
            #[doc = concat!("`", stringify!($name), "` of the PC/SC library, or `SCARD_E_NO_SERVICE` when none loads.")]
            ///
            /// # Safety
            ///
            /// The contract of the C function: valid pointers and lengths, as pcsc-lite and
            /// Microsoft document them.
            pub unsafe fn $name($($arg: $ty),*) -> LONG {
                match &*API {
                    // SAFETY: the caller upholds the C function's contract.
                    Some(api) => unsafe { (api.$name)($($arg),*) },
                    None => SCARD_E_NO_SERVICE,
                }
            }
        )+
    };
}

api! {
    SCardEstablishContext[b"SCardEstablishContext\0", b"SCardEstablishContext\0", b"SCardEstablishContext\0"](
        dwScope: DWORD, pvReserved1: *const c_void, pvReserved2: *const c_void, phContext: *mut SCARDCONTEXT);
    SCardReleaseContext[b"SCardReleaseContext\0", b"SCardReleaseContext\0", b"SCardReleaseContext\0"](
        hContext: SCARDCONTEXT);
    SCardIsValidContext[b"SCardIsValidContext\0", b"SCardIsValidContext\0", b"SCardIsValidContext\0"](
        hContext: SCARDCONTEXT);
    SCardCancel[b"SCardCancel\0", b"SCardCancel\0", b"SCardCancel\0"](hContext: SCARDCONTEXT);
    SCardConnect[b"SCardConnect\0", b"SCardConnectA\0", b"SCardConnect\0"](
        hContext: SCARDCONTEXT, szReader: *const c_char, dwShareMode: DWORD, dwPreferredProtocols: DWORD,
        phCard: *mut SCARDHANDLE, pdwActiveProtocol: *mut DWORD);
    SCardReconnect[b"SCardReconnect\0", b"SCardReconnect\0", b"SCardReconnect\0"](
        hCard: SCARDHANDLE, dwShareMode: DWORD, dwPreferredProtocols: DWORD, dwInitialization: DWORD,
        pdwActiveProtocol: *mut DWORD);
    SCardDisconnect[b"SCardDisconnect\0", b"SCardDisconnect\0", b"SCardDisconnect\0"](
        hCard: SCARDHANDLE, dwDisposition: DWORD);
    SCardGetStatusChange[b"SCardGetStatusChange\0", b"SCardGetStatusChangeA\0", b"SCardGetStatusChange\0"](
        hContext: SCARDCONTEXT, dwTimeout: DWORD, rgReaderStates: *mut SCARD_READERSTATE, cReaders: DWORD);
    SCardListReaders[b"SCardListReaders\0", b"SCardListReadersA\0", b"SCardListReaders\0"](
        hContext: SCARDCONTEXT, mszGroups: *const c_char, mszReaders: *mut c_char, pcchReaders: *mut DWORD);
    SCardBeginTransaction[b"SCardBeginTransaction\0", b"SCardBeginTransaction\0", b"SCardBeginTransaction\0"](
        hCard: SCARDHANDLE);
    SCardEndTransaction[b"SCardEndTransaction\0", b"SCardEndTransaction\0", b"SCardEndTransaction\0"](
        hCard: SCARDHANDLE, dwDisposition: DWORD);
    SCardStatus[b"SCardStatus\0", b"SCardStatusA\0", b"SCardStatus\0"](
        hCard: SCARDHANDLE, szReaderName: *mut c_char, pcchReaderLen: *mut DWORD, pdwState: *mut DWORD,
        pdwProtocol: *mut DWORD, pbAtr: *mut u8, pcbAtrLen: *mut DWORD);
    SCardGetAttrib[b"SCardGetAttrib\0", b"SCardGetAttrib\0", b"SCardGetAttrib\0"](
        hCard: SCARDHANDLE, dwAttrId: DWORD, pbAttr: *mut u8, pcbAttrLen: *mut DWORD);
    SCardSetAttrib[b"SCardSetAttrib\0", b"SCardSetAttrib\0", b"SCardSetAttrib\0"](
        hCard: SCARDHANDLE, dwAttrId: DWORD, pbAttr: *const u8, pcbAttrLen: DWORD);
    SCardTransmit[b"SCardTransmit\0", b"SCardTransmit\0", b"SCardTransmit\0"](
        hCard: SCARDHANDLE, pioSendPci: *const SCARD_IO_REQUEST, pbSendBuffer: *const u8, cbSendLength: DWORD,
        pioRecvPci: *mut SCARD_IO_REQUEST, pbRecvBuffer: *mut u8, pcbRecvLength: *mut DWORD);
    SCardControl[b"SCardControl\0", b"SCardControl\0", b"SCardControl132\0"](
        hCard: SCARDHANDLE, dwControlCode: DWORD, pbSendBuffer: *const u8, cbSendLength: DWORD,
        pbRecvBuffer: *mut u8, cbRecvLength: DWORD, lpBytesReturned: *mut DWORD);
}

/// The library, loaded at the first PC/SC call; `None` when it is missing or lacks a function.
static API: LazyLock<Option<Api>> = LazyLock::new(Api::load);

/// Whether the PC/SC library could be loaded (it is loaded by this call if not yet).
///
/// ```
/// // true where pcsc-lite (or the platform's PC/SC) is installed.
/// let _ = pcsc_sys::library_loaded();
/// ```
pub fn library_loaded() -> bool {
    API.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_privileged_process_ignores_the_environment() {
        let custom = || Some(OsString::from("/tmp/evil.so"));
        assert_eq!(library_path(custom(), true), DEFAULT_LIBRARY);
        assert_eq!(library_path(custom(), false), "/tmp/evil.so");
        // The tests run unprivileged: the variable keeps working for them.
        assert!(!privileged());
    }

    #[test]
    #[ignore = "run by a_setuid_program_ignores_the_environment, in a setuid copy of this binary"]
    fn inside_a_setuid_program() {
        assert!(privileged());
        assert!(std::env::var_os(LIBRARY_ENV).is_some());
        assert_eq!(
            library_path(std::env::var_os(LIBRARY_ENV), privileged()),
            DEFAULT_LIBRARY
        );
    }

    /// A setuid copy of this test binary (owner `nobody`, uid 65534), started with the variable
    /// set: it must see itself privileged and ignore the variable. Needs root to give the copy
    /// away; skipped otherwise.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_setuid_program_ignores_the_environment() {
        use std::os::unix::fs::PermissionsExt;
        // SAFETY: geteuid only reads the process's effective user id.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: only root can make a setuid copy owned by another user");
            return;
        }
        let exe = std::env::current_exe().unwrap();
        let copy = exe.with_file_name(format!("setuid-copy-{}", std::process::id()));
        std::fs::copy(&exe, &copy).unwrap();
        std::os::unix::fs::chown(&copy, Some(65534), None).unwrap();
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o4755)).unwrap();
        let out = std::process::Command::new(&copy)
            .args(["--exact", "tests::inside_a_setuid_program", "--include-ignored"])
            .env(LIBRARY_ENV, "/nonexistent/evil.so")
            .output();
        std::fs::remove_file(&copy).unwrap();
        let out = out.unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains("1 passed"), "{stdout}");
    }
}
