#!/usr/bin/env bash
# Writes the SYNTHETIC authentication certificates of the CPx simulator (rppsplus-core/src/cpx/sim/):
# self-signed, throw-away RSA keys (never kept), subject laid out as a CPx authentication
# certificate is (docs/cards.md): `CN=idNat + SN=nom + GN=prénom`, `title=profession`, `C=FR`.
# The identities are invented: a test RPPS (99…) and a FINESS of format only; no real person.
# Run once; the DER files are committed and the core embeds them (it never signs anything).
# Regenerating gives other bytes (new keys, new dates): the tests read the values, not the bytes.
set -euo pipefail
out="$(dirname "$0")/../rppsplus-core/src/cpx/sim"
gen() { # gen FILE SUBJECT
  openssl req -x509 -new -newkey rsa:2048 -nodes -keyout /dev/null -utf8 -multivalue-rdn \
    -subj "$2" -days 7300 -set_serial "0x$(openssl rand -hex 8)" \
    -addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=critical,digitalSignature" \
    -addext "extendedKeyUsage=clientAuth" -outform DER -out "$out/$1" 2>/dev/null
}
# A professional card (CPS): idNat 8 + RPPS.
gen cps_auth.der "/CN=899700000013+SN=SYNTHETIQUE+GN=CAMILLE/title=Médecin/C=FR"
# An establishment staff card (CPE): idNat 3 + FINESS / local identifier, no profession.
gen cpe_auth.der "/GN=DOMINIQUE+SN=SYNTHETIQUE+CN=32A0000001\/CPE00001/OU=2A0000001/O=SYNTHETIQUE/C=FR"
