/*
 * lookup_commune: autocompletes a commune name (or resolves a commune or postal code)
 * with librppsplus, and prints the INSEE code, the name and the departement of each match.
 *
 *   $ ./lookup_commune "marseille 3"
 *   13203  Marseille 3e Arrondissement  (13)
 *   $ ./lookup_commune 75015
 *   75015 is a postal code, not an INSEE commune code; communes served:
 *   75115  Paris 15e Arrondissement  (75)
 *
 * Exit status: 0 when something was found, 1 when nothing was, 2 on a usage or library
 * error.
 * Build (after bash scripts/install-c.sh PREFIX; see check_rpps.c):
 *   cc -std=c99 lookup_commune.c $(pkg-config --cflags --libs rppsplus-static) -o lookup_commune
 */
#include <stdio.h>
#include <string.h>

#include "rppsplus.h"

int main(int argc, char **argv) {
  const char *query;
  rppsplus_entries *found = NULL;
  size_t i, n;
  rppsplus_result rc;

  if (argc != 2) {
    fprintf(stderr, "usage: %s NAME-OR-CODE\n", argv[0]);
    return 2;
  }
  query = argv[1];
  /* date NULL (length 0): statuses as of today; at most 10 matches, best first. */
  rc = rppsplus_lookup("commune", strlen("commune"), query, strlen(query), NULL, 0, 10, &found);
  if (rc != RPPSPLUS_RESULT_OK) {
    fprintf(stderr, "lookup_commune: %s\n", rppsplus_result_name(rc));
    return 2;
  }
  if (rppsplus_entries_is_postal_code(found)) {
    printf("%s is a postal code, not an INSEE commune code; communes served:\n", query);
  }
  n = rppsplus_entries_len(found);
  for (i = 0; i < n; i++) {
    /* Views {data, len} into the list: not NUL-terminated, valid until the list is freed. */
    rppsplus_str code = rppsplus_entries_code_at(found, i);
    rppsplus_str name = rppsplus_entries_label_at(found, i);
    rppsplus_str dep = rppsplus_entries_departement_at(found, i);
    printf("%.*s  %.*s  (%.*s)\n", (int)code.len, code.data, (int)name.len, name.data, (int)dep.len, dep.data);
  }
  rppsplus_entries_free(found);
  return n > 0 ? 0 : 1;
}
