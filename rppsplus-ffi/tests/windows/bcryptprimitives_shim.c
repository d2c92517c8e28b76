/*
 * A stand-in for bcryptprimitives.dll, for running the Windows build under wine 8.0 (Debian 12)
 * only: that wine has no bcryptprimitives.dll, whose ProcessPrng the Rust standard library
 * imports on Windows (every Windows from 8 on has it). scripts/test-windows.sh builds it beside
 * the test programs; it forwards to BCryptGenRandom, which wine has. Never shipped.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
    if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
    data += chunk;
    len -= chunk;
  }
  return TRUE;
}
