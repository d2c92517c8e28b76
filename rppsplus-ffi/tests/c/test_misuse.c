/*
 * Misuse of the C API: NULL pointers, invalid UTF-8, values outside the enums, buffers
 * too small, inputs without a NUL terminator; plus the header's version macros against
 * the library's runtime version, and rppsplus_format (display forms). Built with ASan/UBSan and run under valgrind by
 * scripts/test-c.sh, so an out-of-bounds access fails the test even when the results look
 * right.
 */
#include <stdlib.h>

#include "check.h"

/* A kind's validator (with its warning) or a conversion (without). */
typedef rppsplus_result (*validate_fn)(const char *, size_t, char *, size_t, size_t *, rppsplus_warning *);
typedef rppsplus_result (*convert_fn)(const char *, size_t, char *, size_t, size_t *);

struct case_ {
  const char *name;
  validate_fn validate; /* or NULL */
  convert_fn convert;   /* or NULL */
  const char *input;     /* valid */
  const char *canonical; /* its canonical form */
};

static const struct case_ CASES[] = {
    {"rpps", rppsplus_rpps_validate, NULL, "101 0798 5318", "10107985318"},
    {"idnat", rppsplus_idnat_validate, NULL, "810107985318", "810107985318"},
    {"idnat_structure", rppsplus_idnat_structure_validate, NULL, "1010780914", "1010780914"},
    {"adeli", rppsplus_adeli_validate, NULL, "349102665", "349102665"},
    {"finess", rppsplus_finess_validate, NULL, "970405593", "970405593"},
    {"siren", rppsplus_siren_validate, NULL, "732 829 320", "732829320"},
    {"siret", rppsplus_siret_validate, NULL, "73282932000074", "73282932000074"},
    {"rpps_rang", rppsplus_rpps_rang_validate, NULL, "10003879623017", "10003879623017"},
    {"commune", rppsplus_commune_validate, NULL, "2a004", "2A004"},
    {"pays", rppsplus_pays_validate, NULL, "99350", "99350"},
    {"phone", rppsplus_phone_validate, NULL, "06 12 34 56 78", "+33612345678"},
    {"email", rppsplus_email_validate, NULL, "jean.dupont@example.fr", "jean.dupont@example.fr"},
    {"numero", rppsplus_numero_validate, NULL, "P20220905011141", "P20220905011141"},
    {"idnat_from_rpps", NULL, rppsplus_idnat_from_rpps, "10107985318", "810107985318"},
    {"idnat_to_rpps", NULL, rppsplus_idnat_to_rpps, "810107985318", "10107985318"},
    {"idnat_from_adeli", NULL, rppsplus_idnat_from_adeli, "349102665", "0349102665"},
    {"idnat_to_adeli", NULL, rppsplus_idnat_to_adeli, "0349102665", "349102665"},
};
#define CASE_COUNT (sizeof CASES / sizeof CASES[0])

#define SENTINEL_LEN ((size_t)0xdead)
#define SENTINEL_WARNING ((rppsplus_warning)0xbeef)

/* Calls a case's function; `*warning` is written by validators on success only. */
static rppsplus_result call(const struct case_ *c, const char *input, size_t n, char *out, size_t cap, size_t *len,
                            rppsplus_warning *warning) {
  return c->validate != NULL ? c->validate(input, n, out, cap, len, warning) : c->convert(input, n, out, cap, len);
}

/* A heap copy of exactly `len` bytes: no NUL terminator after it. */
static char *exact(const char *s, size_t len) {
  char *p = (char *)malloc(len > 0 ? len : 1);
  if (p != NULL && len > 0) memcpy(p, s, len);
  return p;
}

static void test_version(void) {
  char expected[64];
  CHECK(RPPSPLUS_VERSION_NUMBER == ((RPPSPLUS_VERSION_MAJOR << 16) | (RPPSPLUS_VERSION_MINOR << 8) |
                                    RPPSPLUS_VERSION_PATCH));
  CHECK(rppsplus_version_number() == (uint32_t)RPPSPLUS_VERSION_NUMBER);
  snprintf(expected, sizeof expected, "%d.%d.%d", RPPSPLUS_VERSION_MAJOR, RPPSPLUS_VERSION_MINOR,
           RPPSPLUS_VERSION_PATCH);
  /* "0.1.0", or "0.1.0-rc.1"/"0.1.0+meta" for a pre-release or build metadata. */
  CHECK(rppsplus_version() != NULL && strncmp(rppsplus_version(), expected, strlen(expected)) == 0 &&
        strchr("-+", rppsplus_version()[strlen(expected)]) != NULL);
  /* The ABI check: this header's version only, before 1.0. */
  CHECK_CODE(rppsplus_check_version(RPPSPLUS_VERSION_NUMBER), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_check_version(RPPSPLUS_VERSION_NUMBER + 1), RPPSPLUS_RESULT_VERSION_MISMATCH);
  CHECK_CODE(rppsplus_check_version(0), RPPSPLUS_RESULT_VERSION_MISMATCH);
}

static void test_names(void) {
  static const uint32_t known[] = {0, 100, 101, 102, 103, 104, 105, 106, 200, 201, 202, 203, 204, 205, 206, 207, 299, 300, 400};
  static const uint32_t unknown[] = {1, 99, 107, 199, 208, 298, 301, 399, 401, 7000, 0x7fffffffu, 0xffffffffu};
  size_t i;
  uint32_t k;
  for (i = 0; i < sizeof known / sizeof known[0]; i++) {
    const char *name = rppsplus_result_name(known[i]);
    CHECK(name != NULL && strcmp(name, "unknown") != 0 && name[0] != '\0');
  }
  for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
    CHECK_STR(rppsplus_result_name(unknown[i]), "unknown");
  }
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_OK), "ok");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_NULL_PARAMETER), "null_parameter");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_INVALID_UTF8), "invalid_utf8");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_INSUFFICIENT_SIZE), "insufficient_size");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_INVALID_PARAMETER), "invalid_parameter");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_PANIC), "panic");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_INVALID_FORMAT), "invalid_format");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_INVALID_LENGTH), "invalid_length");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_INVALID_CHECKSUM), "invalid_checksum");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_INVALID_COMPONENT), "invalid_component");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_NOT_MOBILE), "not_mobile");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_WRONG_IDNAT_TYPE), "wrong_idnat_type");

  CHECK_STR(rppsplus_kind_name(RPPSPLUS_KIND_RPPS), "rpps");
  CHECK_STR(rppsplus_kind_name(RPPSPLUS_KIND_IDNAT_STRUCTURE), "idnat-structure");
  CHECK_STR(rppsplus_kind_name(RPPSPLUS_KIND_RPPS_RANG), "rpps-rang");
  CHECK_STR(rppsplus_kind_name(RPPSPLUS_KIND_NUMERO), "numero");
  for (k = 0; k <= RPPSPLUS_KIND_NUMERO; k++) {
    CHECK(strcmp(rppsplus_kind_name(k), "unknown") != 0);
  }
  CHECK_STR(rppsplus_kind_name(RPPSPLUS_KIND_NUMERO + 1), "unknown");
  CHECK_STR(rppsplus_kind_name(0xffffffffu), "unknown");

  CHECK_STR(rppsplus_stage_name(RPPSPLUS_STAGE_DRAFT), "draft");
  CHECK_STR(rppsplus_stage_name(RPPSPLUS_STAGE_SUBMIT), "submit");
  CHECK_STR(rppsplus_stage_name(2), "unknown");
  CHECK_STR(rppsplus_actor_name(RPPSPLUS_ACTOR_PROFESSIONNEL), "professionnel");
  CHECK_STR(rppsplus_actor_name(RPPSPLUS_ACTOR_GESTIONNAIRE), "gestionnaire");
  CHECK_STR(rppsplus_actor_name(RPPSPLUS_ACTOR_RPPS), "rpps");
  CHECK_STR(rppsplus_actor_name(3), "unknown");
  CHECK_STR(rppsplus_severity_name(RPPSPLUS_SEVERITY_ERROR), "error");
  CHECK_STR(rppsplus_severity_name(RPPSPLUS_SEVERITY_WARNING), "warning");
  CHECK_STR(rppsplus_severity_name(RPPSPLUS_SEVERITY_NONE), "unknown");
  CHECK_STR(rppsplus_severity_name(0xffffffffu), "unknown");

  CHECK_STR(rppsplus_warning_name(RPPSPLUS_WARNING_NONE), "none");
  CHECK_STR(rppsplus_warning_name(RPPSPLUS_WARNING_TEST_IDENTIFIER), "test_identifier");
  CHECK_STR(rppsplus_warning_name(RPPSPLUS_WARNING_FOREIGN_NUMBER), "foreign_number");
  CHECK_STR(rppsplus_warning_name(RPPSPLUS_WARNING_OLD_CODE), "old_code");
  CHECK_STR(rppsplus_warning_name(RPPSPLUS_WARNING_ALSO_POSTAL_CODE), "also_postal_code");
  CHECK_STR(rppsplus_warning_name(5), "unknown");
  CHECK_STR(rppsplus_warning_name(RPPSPLUS_WARNING_UNKNOWN), "unknown");
  CHECK_STR(rppsplus_warning_name(0xffffffffu), "unknown");
}

static void test_nulls(void) {
  size_t i;
  for (i = 0; i < CASE_COUNT; i++) {
    const struct case_ *c = &CASES[i];
    size_t n = strlen(c->input), len = SENTINEL_LEN;
    rppsplus_warning warning = SENTINEL_WARNING;
    char out[64];
    memset(out, 'x', sizeof out);
    CHECK_CODE(call(c, NULL, n, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(call(c, NULL, 0, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(call(c, c->input, n, NULL, sizeof out, &len, &warning), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(call(c, c->input, n, out, sizeof out, NULL, &warning), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(call(c, NULL, 0, NULL, 0, NULL, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK(len == SENTINEL_LEN && warning == SENTINEL_WARNING && out[0] == 'x' && out[sizeof out - 1] == 'x');
    /* warning_out may be NULL. */
    CHECK_CODE(call(c, c->input, n, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_OK);
  }
  {
    size_t len = SENTINEL_LEN;
    rppsplus_warning warning = 0xffff;
    char out[16];
    CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, NULL, 0, out, sizeof out, &len, &warning),
               RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, "1", 1, NULL, 16, &len, &warning),
               RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, "1", 1, out, sizeof out, NULL, &warning),
               RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_FR, NULL, 0, out,
                                      sizeof out, &len),
               RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_FR, "1", 1, NULL, 8,
                                      &len),
               RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_FR, "1", 1, out,
                                      sizeof out, NULL),
               RPPSPLUS_RESULT_NULL_PARAMETER);
    /* A NULL is reported before a bad kind, mode or language. */
    CHECK_CODE(rppsplus_check(99, 99, NULL, 0, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_check_message(99, 99, 99, "1", 1, out, sizeof out, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_OK, RPPSPLUS_LANG_FR, NULL, 8, &len),
               RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK_CODE(rppsplus_result_message(7000, 99, out, sizeof out, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
    CHECK(len == SENTINEL_LEN && warning == 0xffff);
    /* warning_out may be NULL. */
    CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, "10107985318", 11, out, sizeof out, &len,
                              NULL),
               RPPSPLUS_RESULT_OK);
    CHECK_STR(out, "10107985318");
  }
}

static void test_invalid_utf8(void) {
  static const char *const bad[] = {"\xff", "1010798531\xff", "\xc0\xaf", "\xed\xa0\x80", "\xe2\x82", "\xf8\x88\x80\x80\x80"};
  size_t i, j;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    size_t n = strlen(bad[i]);
    char *input = exact(bad[i], n);
    for (j = 0; j < CASE_COUNT; j++) {
      size_t len = SENTINEL_LEN;
      rppsplus_warning warning = SENTINEL_WARNING;
      char out[32];
      out[0] = 'x';
      CHECK_CODE(call(&CASES[j], input, n, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_INVALID_UTF8);
      CHECK(len == SENTINEL_LEN && warning == SENTINEL_WARNING && out[0] == 'x');
    }
    {
      size_t len = SENTINEL_LEN;
      char out[32];
      CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_EMAIL, RPPSPLUS_MODE_TEST, input, n, out, sizeof out, &len, NULL),
                 RPPSPLUS_RESULT_INVALID_UTF8);
      CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_EMAIL, RPPSPLUS_MODE_TEST, RPPSPLUS_LANG_EN, input, n, out,
                                        sizeof out, &len),
                 RPPSPLUS_RESULT_INVALID_UTF8);
    }
    free(input);
  }
  /* Valid UTF-8 that is not an identifier is the core's error, not an encoding error. */
  {
    size_t len;
    char out[32];
    CHECK_CODE(rppsplus_rpps_validate("1010798531\xc3\xa9", 12, out, sizeof out, &len, NULL),
               RPPSPLUS_RESULT_INVALID_FORMAT);
    /* An embedded NUL is just an invalid character. */
    CHECK_CODE(rppsplus_rpps_validate("1010798531\0" "8", 12, out, sizeof out, &len, NULL),
               RPPSPLUS_RESULT_INVALID_FORMAT);
  }
}

static void test_enum_values(void) {
  static const rppsplus_kind bad_kinds[] = {13, 14, 255, 0x80000000u, 0xffffffffu};
  static const rppsplus_mode bad_modes[] = {2, 3, 0xffffffffu};
  size_t i, len = SENTINEL_LEN;
  rppsplus_warning warning = 0xffff;
  char out[32];
  for (i = 0; i < sizeof bad_kinds / sizeof bad_kinds[0]; i++) {
    CHECK_CODE(rppsplus_check(bad_kinds[i], RPPSPLUS_MODE_STRICT, "10107985318", 11, out, sizeof out, &len, &warning),
               RPPSPLUS_RESULT_INVALID_PARAMETER);
    CHECK_CODE(rppsplus_check_message(bad_kinds[i], RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_FR, "1", 1, out, sizeof out,
                                      &len),
               RPPSPLUS_RESULT_INVALID_PARAMETER);
    /* bad_kinds doubles as result codes that are not results. */
    CHECK_CODE(rppsplus_result_message(bad_kinds[i], RPPSPLUS_LANG_EN, out, sizeof out, &len),
               RPPSPLUS_RESULT_INVALID_PARAMETER);
  }
  for (i = 0; i < sizeof bad_modes / sizeof bad_modes[0]; i++) {
    CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_RPPS, bad_modes[i], "10107985318", 11, out, sizeof out, &len, &warning),
               RPPSPLUS_RESULT_INVALID_PARAMETER);
    CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, bad_modes[i], RPPSPLUS_LANG_FR, "1", 1, out, sizeof out,
                                      &len),
               RPPSPLUS_RESULT_INVALID_PARAMETER);
    /* bad_modes doubles as bad languages, stages and actors (3 is past the actors). */
    CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, bad_modes[i], "1", 1, out, sizeof out,
                                      &len),
               RPPSPLUS_RESULT_INVALID_PARAMETER);
    CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_OK, bad_modes[i], out, sizeof out, &len),
               RPPSPLUS_RESULT_INVALID_PARAMETER);
  }
  CHECK(len == SENTINEL_LEN && warning == 0xffff);
}

static void test_small_buffers(void) {
  size_t i;
  for (i = 0; i < CASE_COUNT; i++) {
    const struct case_ *c = &CASES[i];
    size_t n = strlen(c->input), want = strlen(c->canonical), cap, len;
    char *input = exact(c->input, n);
    char one = 'x';

    rppsplus_warning warning;

    /* cap 0, NULL buffer: a length query. */
    len = SENTINEL_LEN;
    CHECK_CODE(call(c, input, n, NULL, 0, &len, NULL), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK(len == want);
    /* cap 0, real buffer: nothing written through it. */
    len = SENTINEL_LEN;
    CHECK_CODE(call(c, input, n, &one, 0, &len, NULL), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK(len == want && one == 'x');
    /* Every capacity from 1 to exactly the length: the length needed, nothing else written
     * (the buffer and the warning untouched). Heap buffers of exactly `cap` bytes, so a write
     * past them is caught. */
    for (cap = 1; cap <= want + 1; cap++) {
      char *out = (char *)malloc(cap);
      rppsplus_result expected = cap > want ? RPPSPLUS_RESULT_OK : RPPSPLUS_RESULT_INSUFFICIENT_SIZE;
      memset(out, 'x', cap);
      len = SENTINEL_LEN;
      warning = SENTINEL_WARNING;
      CHECK_CODE(call(c, input, n, out, cap, &len, &warning), expected);
      CHECK(len == want);
      if (expected == RPPSPLUS_RESULT_OK) {
        CHECK_STR(out, c->canonical);
        CHECK(c->validate == NULL || warning == RPPSPLUS_WARNING_NONE || warning == RPPSPLUS_WARNING_OLD_CODE);
      } else {
        CHECK(out[0] == 'x' && out[cap - 1] == 'x' && warning == SENTINEL_WARNING);
      }
      free(out);
    }
    free(input);
  }
  /* The same through rppsplus_check and rppsplus_check_message. */
  {
    size_t len = SENTINEL_LEN, msg_len = SENTINEL_LEN;
    rppsplus_warning warning = 0xffff;
    char out[11];
    char msg[8];
    memset(out, 'x', sizeof out);
    memset(msg, 'x', sizeof msg);
    CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_TEST, "99700075122", 11, out, sizeof out, &len,
                              &warning),
               RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK(len == 11 && out[0] == 'x' && warning == 0xffff);
    CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_EN, "10107985319", 11,
                                      msg, sizeof msg, &msg_len),
               RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK(msg_len == strlen("RPPS number: the check digit does not match; check the digits: one of them is probably "
                            "mistyped") &&
          msg[0] == 'x');
    msg_len = SENTINEL_LEN;
    CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_INVALID_CHECKSUM, RPPSPLUS_LANG_EN, msg, sizeof msg, &msg_len),
               RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK(msg_len == strlen("the check digit does not match") && msg[0] == 'x');
  }
}

static void test_results(void) {
  char out[64], msg[1024];
  size_t len, msg_len;
  rppsplus_warning warning;
  rppsplus_result code;
  CHECK_CODE(rppsplus_rpps_validate("10107985319", 11, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_INVALID_CHECKSUM);
  CHECK_CODE(rppsplus_rpps_validate("1010798531", 10, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_INVALID_LENGTH);
  CHECK_CODE(rppsplus_rpps_validate("", 0, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_INVALID_LENGTH);
  CHECK_CODE(rppsplus_rpps_validate("99700075122", 11, out, sizeof out, &len, NULL),
             RPPSPLUS_RESULT_INVALID_COMPONENT);
  CHECK_CODE(rppsplus_phone_validate("0145678901", 10, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_NOT_MOBILE);
  CHECK_CODE(rppsplus_email_validate("nathalie.dupont.example", 23, out, sizeof out, &len, NULL),
             RPPSPLUS_RESULT_INVALID_FORMAT);
  CHECK_CODE(rppsplus_commune_validate("75015", 5, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_UNKNOWN_CODE);
  /* The per-kind validators give the warnings too: an old commune code, a foreign number. */
  warning = 0xffff;
  CHECK_CODE(rppsplus_commune_validate("20004", 5, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_OK);
  CHECK(warning == RPPSPLUS_WARNING_OLD_CODE);
  CHECK_STR(out, "2A004");
  CHECK_CODE(rppsplus_commune_validate("13003", 5, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_OK);
  CHECK(warning == RPPSPLUS_WARNING_ALSO_POSTAL_CODE);
  CHECK_CODE(rppsplus_phone_validate("+44 7911 123456", 15, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_OK);
  CHECK(warning == RPPSPLUS_WARNING_FOREIGN_NUMBER);
  CHECK_CODE(rppsplus_rpps_validate("10107985318", 11, out, sizeof out, &len, &warning), RPPSPLUS_RESULT_OK);
  CHECK(warning == RPPSPLUS_WARNING_NONE);
  CHECK_CODE(rppsplus_idnat_to_rpps("0349102665", 10, out, sizeof out, &len), RPPSPLUS_RESULT_WRONG_IDNAT_TYPE);
  CHECK_CODE(rppsplus_idnat_to_adeli("810107985318", 12, out, sizeof out, &len), RPPSPLUS_RESULT_WRONG_IDNAT_TYPE);
  CHECK_CODE(rppsplus_idnat_from_rpps("10107985319", 11, out, sizeof out, &len), RPPSPLUS_RESULT_INVALID_CHECKSUM);

  CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_PHONE, RPPSPLUS_MODE_STRICT, "+44 7911 123456", 15, out, sizeof out, &len,
                            &warning),
             RPPSPLUS_RESULT_OK);
  CHECK(warning == RPPSPLUS_WARNING_FOREIGN_NUMBER);

  CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_FR, "10107985319", 11, msg,
                                    sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(msg, "numéro RPPS : la clé de contrôle est fausse ; vérifiez les chiffres : l'un d'eux est sans doute mal "
                "recopié");
  CHECK(msg_len == strlen(msg));
  CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_EN, "1010798531", 10, msg,
                                    sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(msg, "RPPS number: 10 characters instead of 11; check that no character is missing or extra");
  CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_EN, "10107985318", 11,
                                    msg, sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK(msg_len == 0 && msg[0] == '\0');
  /* Positions count from 1 in both languages; a missing @ is named, with no position. */
  CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_FR, "1010798531A", 11,
                                    msg, sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(msg, "numéro RPPS : caractère non autorisé en position 11 ; retirez ou corrigez ce caractère");
  CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_EN, "1010798531A", 11,
                                    msg, sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(msg, "RPPS number: invalid character at position 11; remove or correct that character");
  CHECK_CODE(rppsplus_check_message(RPPSPLUS_KIND_EMAIL, RPPSPLUS_MODE_STRICT, RPPSPLUS_LANG_EN,
                                    "nathalie.dupont.example", 23, msg, sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(msg, "email address: '@' is missing; write the whole address, name@domain");

  /* Every result code has a message in both languages; any other value is refused. */
  for (code = 0; code <= 1000; code++) {
    int known = strcmp(rppsplus_result_name(code), "unknown") != 0;
    rppsplus_result rc = rppsplus_result_message(code, RPPSPLUS_LANG_FR, msg, sizeof msg, &msg_len);
    CHECK(known ? rc == RPPSPLUS_RESULT_OK && msg_len > 0 : rc == RPPSPLUS_RESULT_INVALID_PARAMETER);
    rc = rppsplus_result_message(code, RPPSPLUS_LANG_EN, msg, sizeof msg, &msg_len);
    CHECK(known ? rc == RPPSPLUS_RESULT_OK && msg_len > 0 : rc == RPPSPLUS_RESULT_INVALID_PARAMETER);
  }
  CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_INVALID_CHECKSUM, RPPSPLUS_LANG_FR, msg, sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(msg, "la clé de contrôle est fausse");
  CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_INVALID_DATE, RPPSPLUS_LANG_EN, msg, sizeof msg, &msg_len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(msg, "not a calendar date written YYYY-MM-DD (e.g. 2026-11-23)");
}

static void test_is_valid(void) {
  CHECK(rppsplus_is_valid(RPPSPLUS_KIND_RPPS, "101 0798 5318", 13));
  CHECK(rppsplus_is_valid(RPPSPLUS_KIND_COMMUNE, "20004", 5));
  CHECK(!rppsplus_is_valid(RPPSPLUS_KIND_COMMUNE, "75015", 5)); /* a postal code, not a commune */
  CHECK(!rppsplus_is_valid(RPPSPLUS_KIND_RPPS, "99700075122", 11)); /* a test identity: strict mode */
  CHECK(!rppsplus_is_valid(RPPSPLUS_KIND_RPPS, NULL, 0));
  CHECK(!rppsplus_is_valid(RPPSPLUS_KIND_RPPS, "\xff", 1));
  CHECK(!rppsplus_is_valid(13, "10107985318", 11));
  CHECK(!rppsplus_is_valid(0xffffffffu, "10107985318", 11));
  CHECK(!rppsplus_is_valid(RPPSPLUS_KIND_RPPS, "10107985318", (size_t)-1));
}

static void test_big_input(void) {
  size_t n = 10u * 1024u * 1024u, len = SENTINEL_LEN;
  char *big = (char *)malloc(n);
  char out[32];
  if (!CHECK(big != NULL)) return;
  memset(big, '1', n);
  CHECK_CODE(rppsplus_rpps_validate(big, n, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_INVALID_LENGTH);
  CHECK_CODE(rppsplus_check(RPPSPLUS_KIND_EMAIL, RPPSPLUS_MODE_STRICT, big, n, out, sizeof out, &len, NULL),
             RPPSPLUS_RESULT_INVALID_LENGTH);
  CHECK(len == SENTINEL_LEN);
  free(big);
}

/* rppsplus_format: the display forms of the seeds, then misuse. */
static void test_format(void) {
  char out[32];
  size_t len = 0;
  size_t cap;
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_SIRET, RPPSPLUS_MODE_STRICT, "73282932000074", 14, out, sizeof out, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(out, "732 829 320 00074");
  CHECK(len == 17);
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_SIREN, RPPSPLUS_MODE_STRICT, "732829320", 9, out, sizeof out, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(out, "732 829 320");
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_PHONE, RPPSPLUS_MODE_STRICT, "+262692123456", 13, out, sizeof out, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(out, "06 92 12 34 56");
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_PHONE, RPPSPLUS_MODE_STRICT, "0044 7700 900123", 16, out, sizeof out, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(out, "+447700900123");
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_COMMUNE, RPPSPLUS_MODE_STRICT, "20004", 5, out, sizeof out, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(out, "2A004");
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_TEST, "99700075122", 11, out, sizeof out, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(out, "99700075122");

  /* Invalid: the identifier's code, nothing written. */
  len = SENTINEL_LEN;
  memset(out, 'x', sizeof out);
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_SIRET, RPPSPLUS_MODE_STRICT, "73282932000075", 14, out, sizeof out, &len),
             RPPSPLUS_RESULT_INVALID_CHECKSUM);
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_PHONE, RPPSPLUS_MODE_STRICT, "01 23 45 67 89", 14, out, sizeof out, &len),
             RPPSPLUS_RESULT_NOT_MOBILE);
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, "99700075122", 11, out, sizeof out, &len),
             RPPSPLUS_RESULT_INVALID_COMPONENT);
  CHECK(len == SENTINEL_LEN && out[0] == 'x');

  /* Every capacity up to the length: the length needed only, in a heap buffer of exactly
   * `cap` bytes. */
  for (cap = 0; cap <= 18; cap++) {
    char *buf = cap ? (char *)malloc(cap) : NULL;
    if (buf) memset(buf, 'x', cap);
    len = SENTINEL_LEN;
    CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_SIRET, RPPSPLUS_MODE_STRICT, "73282932000074", 14, buf, cap, &len),
               cap == 18 ? RPPSPLUS_RESULT_OK : RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK(len == 17);
    if (cap == 18) CHECK_STR(buf, "732 829 320 00074");
    else if (buf) CHECK(buf[0] == 'x' && buf[cap - 1] == 'x');
    free(buf);
  }

  /* NULL before anything, then the values, then the text. */
  len = SENTINEL_LEN;
  CHECK_CODE(rppsplus_format(99, 7, NULL, 0, out, sizeof out, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_format(99, 7, "\xff", 1, NULL, 8, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_format(99, 7, "\xff", 1, out, sizeof out, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_format(99, RPPSPLUS_MODE_STRICT, "\xff", 1, out, sizeof out, &len),
             RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_SIRET, 2, "\xff", 1, out, sizeof out, &len),
             RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_SIRET, RPPSPLUS_MODE_STRICT, "\xff", 1, out, sizeof out, &len),
             RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(rppsplus_format(RPPSPLUS_KIND_SIRET, RPPSPLUS_MODE_STRICT, "7", (size_t)-1, out, sizeof out, &len),
             RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK(len == SENTINEL_LEN);
}

int main(void) {
  test_version();
  test_names();
  test_nulls();
  test_invalid_utf8();
  test_enum_values();
  test_small_buffers();
  test_results();
  test_is_valid();
  test_big_input();
  test_format();
  return check_report();
}
