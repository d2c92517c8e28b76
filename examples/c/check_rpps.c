/*
 * check_rpps: validates the RPPS numbers given as arguments with librppsplus.
 *
 *   $ ./check_rpps "101 0798 5318" 10107985319
 *   101 0798 5318: ok 10107985318
 *   10107985319: invalid_checksum (numéro RPPS : la clé de contrôle est fausse ; vérifiez les chiffres : l'un d'eux est sans doute mal recopié)
 *
 * Exit status: 0 when every number is valid, 1 when one is not, 2 on a usage error or when
 * the library is not the version the program was compiled for.
 * Build, after bash scripts/install-c.sh PREFIX and with PKG_CONFIG_PATH=PREFIX/lib/pkgconfig:
 *   cc -std=c99 check_rpps.c $(pkg-config --cflags --libs rppsplus) -o check_rpps          (shared)
 *   cc -std=c99 check_rpps.c $(pkg-config --cflags --libs rppsplus-static) -o check_rpps   (static)
 */
#include <stdio.h>
#include <string.h>

#include "rppsplus.h"

int main(int argc, char **argv) {
  int i, status = 0;
  /* First: is the library the one this program was compiled for? (A shared library may have
     been replaced since.) */
  if (rppsplus_check_version(RPPSPLUS_VERSION_NUMBER) != RPPSPLUS_RESULT_OK) {
    fprintf(stderr, "%s: librppsplus %s cannot serve a program built for %d.%d.%d\n", argv[0], rppsplus_version(),
            RPPSPLUS_VERSION_MAJOR, RPPSPLUS_VERSION_MINOR, RPPSPLUS_VERSION_PATCH);
    return 2;
  }
  if (argc < 2) {
    fprintf(stderr, "usage: %s RPPS...\n", argv[0]);
    return 2;
  }
  for (i = 1; i < argc; i++) {
    const char *input = argv[i];
    char canonical[32]; /* an RPPS number has 11 digits */
    size_t len = 0;
    rppsplus_result rc = rppsplus_rpps_validate(input, strlen(input), canonical, sizeof canonical, &len, NULL);
    if (rc == RPPSPLUS_RESULT_OK) {
      printf("%s: ok %s\n", input, canonical);
    } else {
      /* Why: the library's message, in French (RPPSPLUS_LANG_EN for English). */
      char message[256];
      size_t message_len = 0;
      if (rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_FR, input, strlen(input),
                                 message, sizeof message, &message_len) != RPPSPLUS_RESULT_OK) {
        message[0] = '\0';
      }
      printf("%s: %s (%s)\n", input, rppsplus_result_name(rc), message);
      status = 1;
    }
  }
  return status;
}
