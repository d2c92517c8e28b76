/*
 * Runs the shared identifier corpus (tests/corpus/identifiers.jsonl, the corpus the Rust
 * and Python tests run too) through the C API.
 *
 * scripts/test-c.sh converts the JSON lines to tab-separated fields (no JSON parser in
 * C), one row per corpus line:
 *   kind  mode  valid(0/1)  code-or-ok  warning-or-none  canonical-hex-or--  input-hex
 * Inputs are hex-encoded so that any byte (NUL, no-break space...) survives.
 *
 * Each row goes through rppsplus_check, rppsplus_check_message and rppsplus_format (the
 * same error, or a display form that checks to the same canonical form); strict rows also
 * go through the kind's own rppsplus_<kind>_validate, which must agree with rppsplus_check
 * (code, canonical form and warning).
 * Inputs are copied to buffers of their exact size (no NUL terminator), so the sanitizers
 * and valgrind catch any read past the end.
 */
#include <stdlib.h>

#include "check.h"

typedef rppsplus_result (*validate_fn)(const char *, size_t, char *, size_t, size_t *, rppsplus_warning *);

/* Indexed by rppsplus_kind. */
static const validate_fn VALIDATORS[] = {
    rppsplus_rpps_validate,    rppsplus_idnat_validate,   rppsplus_idnat_structure_validate,
    rppsplus_adeli_validate,   rppsplus_finess_validate,  rppsplus_siren_validate,
    rppsplus_siret_validate,   rppsplus_rpps_rang_validate, rppsplus_commune_validate,
    rppsplus_pays_validate,    rppsplus_phone_validate,   rppsplus_email_validate,
    rppsplus_numero_validate,
};
#define KIND_COUNT (sizeof VALIDATORS / sizeof VALIDATORS[0])

/* The rppsplus_kind whose name is `name`, or KIND_COUNT. */
static rppsplus_kind kind_of(const char *name) {
  rppsplus_kind k;
  for (k = 0; k < KIND_COUNT; k++) {
    if (strcmp(rppsplus_kind_name(k), name) == 0) {
      return k;
    }
  }
  return (rppsplus_kind)KIND_COUNT;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Decodes `hex` into a fresh buffer of exactly the decoded size (at least 1 byte to
 * allocate); returns NULL on bad hex. */
static char *unhex(const char *hex, size_t *len) {
  size_t n = strlen(hex), i;
  char *out;
  if (n % 2 != 0) return NULL;
  out = (char *)malloc(n / 2 > 0 ? n / 2 : 1);
  if (out == NULL) return NULL;
  for (i = 0; i < n / 2; i++) {
    int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      free(out);
      return NULL;
    }
    out[i] = (char)(hi * 16 + lo);
  }
  *len = n / 2;
  return out;
}

/* Splits `line` in place on tabs into at most `max` fields; returns the count. */
static size_t split_tabs(char *line, char **fields, size_t max) {
  size_t n = 0;
  char *p = line;
  fields[n++] = p;
  while (*p != '\0' && n < max) {
    if (*p == '\t') {
      *p = '\0';
      fields[n++] = p + 1;
    }
    p++;
  }
  return n;
}

static void run_row(unsigned long lineno, char **f) {
  const char *kind_name = f[0], *mode_name = f[1], *code = f[3], *warning = f[4], *canonical_hex = f[5];
  int valid = strcmp(f[2], "1") == 0;
  rppsplus_kind kind = kind_of(kind_name);
  rppsplus_mode mode = strcmp(mode_name, "test") == 0 ? RPPSPLUS_MODE_TEST : RPPSPLUS_MODE_STRICT;
  size_t input_len = 0, canonical_len = 0, out_len = 0, msg_len = 0;
  char *input = unhex(f[6], &input_len);
  char *canonical = valid ? unhex(canonical_hex, &canonical_len) : NULL;
  char out[512], msg[512];
  rppsplus_warning warning_code = 0xffff;
  rppsplus_result rc;
  char what[96];

  snprintf(what, sizeof what, "line %lu (%s, %s)", lineno, kind_name, mode_name);
  if (!check_true(kind < KIND_COUNT && input != NULL && (!valid || canonical != NULL), what, __FILE__, __LINE__)) {
    free(input);
    free(canonical);
    return;
  }

  rc = rppsplus_check(kind, mode, input, input_len, out, sizeof out, &out_len, &warning_code);
  check_str(rppsplus_result_name(rc), code, what, __FILE__, __LINE__);
  if (valid && rc == RPPSPLUS_RESULT_OK) {
    check_true(out_len == canonical_len && memcmp(out, canonical, canonical_len) == 0 && out[out_len] == '\0',
               what, __FILE__, __LINE__);
    check_str(rppsplus_warning_name(warning_code), warning, what, __FILE__, __LINE__);
  } else {
    check_true(warning_code == 0xffff, what, __FILE__, __LINE__);
  }

  /* The message: the error's text when invalid, the warning's when there is one. */
  rc = rppsplus_check_message(kind, mode, RPPSPLUS_LANG_FR, input, input_len, msg, sizeof msg, &msg_len);
  check_code(rc, RPPSPLUS_RESULT_OK, what, __FILE__, __LINE__);
  check_true((msg_len > 0) == (!valid || strcmp(warning, "none") != 0), what, __FILE__, __LINE__);

  /* The display form: the same error as the check, or a text that checks to the same
     canonical form. */
  rc = rppsplus_format(kind, mode, input, input_len, msg, sizeof msg, &msg_len);
  check_str(rppsplus_result_name(rc), code, what, __FILE__, __LINE__);
  if (valid && rc == RPPSPLUS_RESULT_OK) {
    check_true(msg_len > 0 && msg[msg_len] == '\0', what, __FILE__, __LINE__);
    out_len = 0;
    rc = rppsplus_check(kind, mode, msg, msg_len, out, sizeof out, &out_len, NULL);
    check_code(rc, RPPSPLUS_RESULT_OK, what, __FILE__, __LINE__);
    check_true(out_len == canonical_len && memcmp(out, canonical, canonical_len) == 0, what, __FILE__, __LINE__);
  }

  /* Strict rows: the kind's own validate function agrees with rppsplus_check. */
  if (mode == RPPSPLUS_MODE_STRICT) {
    out_len = 0;
    warning_code = 0xffff;
    rc = VALIDATORS[kind](input, input_len, out, sizeof out, &out_len, &warning_code);
    check_str(rppsplus_result_name(rc), code, what, __FILE__, __LINE__);
    if (valid) {
      check_true(out_len == canonical_len && memcmp(out, canonical, canonical_len) == 0, what, __FILE__, __LINE__);
      check_str(rppsplus_warning_name(warning_code), warning, what, __FILE__, __LINE__);
    } else {
      check_true(warning_code == 0xffff, what, __FILE__, __LINE__);
    }
  }
  free(input);
  free(canonical);
}

int main(int argc, char **argv) {
  FILE *tsv;
  char line[4096];
  unsigned long lineno = 0, rows = 0;

  if (argc != 2) {
    fprintf(stderr, "usage: %s identifiers.tsv\n", argv[0]);
    return 2;
  }
  tsv = fopen(argv[1], "r");
  if (tsv == NULL) {
    perror(argv[1]);
    return 2;
  }
  while (fgets(line, sizeof line, tsv) != NULL) {
    char *fields[7];
    size_t n = strlen(line);
    lineno++;
    if (n > 0 && line[n - 1] == '\n') line[n - 1] = '\0';
    if (split_tabs(line, fields, 7) != 7) {
      check_true(0, "a row has 7 tab-separated fields", argv[1], (int)lineno);
      continue;
    }
    run_row(lineno, fields);
    rows++;
  }
  fclose(tsv);
  CHECK(rows > 100); /* the corpus was found and read whole */
  printf("%lu corpus rows\n", rows);
  return check_report();
}
