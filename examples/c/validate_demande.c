/*
 * validate_demande: validates the demandes of a JSON file (one demande, an array of
 * demandes, or JSON Lines) with librppsplus, and prints each finding: severity, path,
 * code and French message.
 *
 *   $ ./validate_demande examples/data/demandes.json 2026-11-22
 *   [0] valid
 *   ...
 *   [27] invalid
 *     error    contact.email  required  L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la.
 *   ...
 *   49 demandes: 24 valid, 25 invalid
 *
 * The reference date (codes in force, dates in the future) is today in UTC unless given;
 * the stage is submit, the actor gestionnaire, the mode strict.
 * Exit status: 0 when every demande is valid, 1 when one is not, 2 on a usage, file or
 * library error.
 * Build (after bash scripts/install-c.sh PREFIX; see check_rpps.c):
 *   cc -std=c99 validate_demande.c $(pkg-config --cflags --libs rppsplus-static) -o validate_demande
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rppsplus.h"

/* Reads a whole file; NULL on error. The caller frees the buffer. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *data = NULL;
  size_t cap = 0, n = 0, got;
  if (f == NULL) return NULL;
  do {
    if (n == cap) {
      char *bigger;
      cap = cap ? cap * 2 : 65536;
      bigger = (char *)realloc(data, cap);
      if (bigger == NULL) {
        free(data);
        fclose(f);
        return NULL;
      }
      data = bigger;
    }
    got = fread(data + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  if (ferror(f)) {
    free(data);
    data = NULL;
  }
  fclose(f);
  *len = n;
  return data;
}

int main(int argc, char **argv) {
  rppsplus_validate_options *options;
  rppsplus_reports *reports = NULL;
  char *json;
  size_t json_len = 0, i, j, n, invalid = 0;
  rppsplus_result rc;

  if (argc != 2 && argc != 3) {
    fprintf(stderr, "usage: %s FILE.json [YYYY-MM-DD]\n", argv[0]);
    return 2;
  }
  json = read_file(argv[1], &json_len);
  if (json == NULL) {
    fprintf(stderr, "validate_demande: cannot read %s\n", argv[1]);
    return 2;
  }
  options = rppsplus_validate_options_new();
  if (options == NULL) {
    free(json);
    return 2;
  }
  /* A NULL date (length 0) is today in UTC. */
  rc = rppsplus_validate_options_set_reference_date(options, argc == 3 ? argv[2] : NULL,
                                                    argc == 3 ? strlen(argv[2]) : 0);
  if (rc == RPPSPLUS_RESULT_OK) {
    /* Content that is not JSON is not an error here: it is a report with an invalid_json finding. */
    rc = rppsplus_validate_json_document(json, json_len, options, &reports);
  }
  rppsplus_validate_options_free(options);
  free(json);
  if (rc != RPPSPLUS_RESULT_OK) {
    fprintf(stderr, "validate_demande: %s\n", rppsplus_result_name(rc));
    return 2;
  }

  n = rppsplus_reports_len(reports);
  for (i = 0; i < n; i++) {
    /* Borrowed from the list: read it, never free it. */
    const rppsplus_report *report = rppsplus_reports_report_at(reports, i);
    bool valid = rppsplus_report_is_valid(report);
    invalid += !valid;
    printf("[%lu] %s\n", (unsigned long)rppsplus_reports_index_at(reports, i), valid ? "valid" : "invalid");
    for (j = 0; j < rppsplus_report_len(report); j++) {
      /* Views {data, len} into the report: not NUL-terminated, valid until the list is freed. */
      rppsplus_str path = rppsplus_report_path_at(report, j);
      rppsplus_str code = rppsplus_report_code_at(report, j);
      rppsplus_str message = rppsplus_report_message_at(report, j, RPPSPLUS_LANG_FR);
      /* The severity's name is the core's: "error" or "warning". */
      const char *severity = rppsplus_severity_name(rppsplus_report_severity_at(report, j));
      printf("  %-7s  %.*s  %.*s  %.*s\n", severity, path.len ? (int)path.len : 1,
             path.len ? path.data : ".", (int)code.len, code.data, (int)message.len, message.data);
    }
  }
  printf("%lu demande%s: %lu valid, %lu invalid\n", (unsigned long)n, n == 1 ? "" : "s", (unsigned long)(n - invalid),
         (unsigned long)invalid);
  rppsplus_reports_free(reports);
  return invalid ? 1 : 0;
}
