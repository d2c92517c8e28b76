/*
 * Demandes from C: rppsplus_validate_json and rppsplus_validate_json_document with the
 * options builder and the report accessors, on the seeds of the issue (the docs/domain.md
 * section 4 example), plus misuse (NULL everywhere, content that is not JSON, a 10 MB value, bad
 * enum values, out-of-range indexes, free(NULL)). Every report, list and options object
 * is freed: valgrind's leak check runs on this binary.
 */
#define _POSIX_C_SOURCE 200809L /* pthread_attr_setstacksize */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"

#define AT "2026-11-22"

/* The docs/domain.md section 4 example, with its birth date, contact, confirmations and the source of
 * its état civil as parameters (null is an absent member). */
#define DEMANDE4(date_naissance, contact, confirmations, source)                                                       \
  "{\"procedure\": \"primo_enregistrement\", \"numero\": \"P20220905011141\", \"rpps\": null,"                        \
  " \"etat_civil\": {\"civilite\": \"MME\", \"sexe\": \"F\", \"nom_naissance\": \"DUPONT\", \"nom_usage\": null,"     \
  " \"prenoms\": [\"Nathalie\"], \"date_naissance\": " date_naissance ","                                             \
  " \"pays_naissance\": \"99100\", \"commune_naissance\": \"13203\", \"lieu_naissance\": null,"                       \
  " \"source\": \"" source "\"},"                                                                                   \
  " \"contact\": " contact ","                                                                                        \
  " \"situation\": {\"id\": null, \"nom_exercice\": \"DUPONT\", \"prenom_exercice\": \"Nathalie\","                   \
  " \"structure\": {\"finess\": \"970405593\"}, \"profession\": \"326\", \"role\": \"GENR08\","                       \
  " \"mode_exercice\": \"S\", \"date_prise_fonction\": \"2022-05-02\", \"date_fin_fonction\": null,"                  \
  " \"motif_fin\": null},"                                                                                            \
  " \"confirmations\": " confirmations "}"
#define CONFIRMED "{\"cgu_acceptees\": true, \"rencontre_en_personne\": true}"
#define DEMANDE3(date_naissance, contact, confirmations) DEMANDE4(date_naissance, contact, confirmations, "saisie")
#define DEMANDE(date_naissance, contact) DEMANDE3(date_naissance, contact, CONFIRMED)

#define FULL_CONTACT "{\"email\": \"nathalie.dupont@example.org\", \"telephone_mobile\": \"+33730494959\"}"
#define NO_EMAIL "{\"telephone_mobile\": \"+33730494959\"}"

static const char DOMAIN_EXAMPLE[] = DEMANDE("\"1999-05-05\"", FULL_CONTACT);
static const char WITHOUT_EMAIL[] = DEMANDE("\"1999-05-05\"", NO_EMAIL);
static const char DATE_AS_NUMBER[] = DEMANDE("19990505", NO_EMAIL);

#define CHECK_NONE(got) CHECK((got).data == NULL && (got).len == 0)

/* Options at `date` (NULL: today), to free. */
static rppsplus_validate_options *options_at(const char *date) {
  rppsplus_validate_options *o = rppsplus_validate_options_new();
  CHECK(o != NULL);
  CHECK_CODE(rppsplus_validate_options_set_reference_date(o, date, date ? strlen(date) : 0), RPPSPLUS_RESULT_OK);
  return o;
}

/* rppsplus_validate_json on a NUL-terminated text; NULL when the call failed. */
static rppsplus_report *validate(const char *json, const rppsplus_validate_options *o) {
  rppsplus_report *r = NULL;
  if (!CHECK_CODE(rppsplus_validate_json(json, strlen(json), o, &r), RPPSPLUS_RESULT_OK)) return NULL;
  CHECK(r != NULL);
  return r;
}

/* The index of the finding with this code at this path, or (size_t)-1. */
static size_t find(const rppsplus_report *r, const char *code, const char *path) {
  size_t i, n = rppsplus_report_len(r);
  for (i = 0; i < n; i++) {
    rppsplus_str c = rppsplus_report_code_at(r, i), p = rppsplus_report_path_at(r, i);
    if (c.len == strlen(code) && memcmp(c.data, code, c.len) == 0 && p.len == strlen(path) &&
        memcmp(p.data, path, p.len) == 0)
      return i;
  }
  return (size_t)-1;
}
#define HAS(r, code, path) CHECK(find((r), (code), (path)) != (size_t)-1)

static void test_seeds(void) {
  rppsplus_validate_options *o = options_at(AT);
  rppsplus_report *r;
  size_t i;

  /* The example is valid at the reference date. */
  r = validate(DOMAIN_EXAMPLE, o);
  CHECK(rppsplus_report_is_valid(r));
  CHECK(rppsplus_report_len(r) == 0);
  rppsplus_report_free(r);

  /* Without contact.email: required. */
  r = validate(WITHOUT_EMAIL, o);
  CHECK(!rppsplus_report_is_valid(r));
  CHECK(rppsplus_report_len(r) == 1);
  CHECK_VIEW(rppsplus_report_code_at(r, 0), "required");
  CHECK_VIEW(rppsplus_report_path_at(r, 0), "contact.email");
  CHECK(rppsplus_report_severity_at(r, 0) == RPPSPLUS_SEVERITY_ERROR);
  CHECK_VIEW(rppsplus_report_message_at(r, 0, RPPSPLUS_LANG_FR), "L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la.");
  CHECK_VIEW(rppsplus_report_message_at(r, 0, RPPSPLUS_LANG_EN), "The email address: missing, required for the procedure 'Primo enregistrement'; fill it in.");
  rppsplus_report_free(r);

  /* A number for the birth date: invalid_format there, and the rest is still checked. */
  r = validate(DATE_AS_NUMBER, o);
  CHECK(!rppsplus_report_is_valid(r));
  i = find(r, "invalid_format", "etat_civil.date_naissance");
  CHECK(i != (size_t)-1);
  CHECK(rppsplus_report_severity_at(r, i) == RPPSPLUS_SEVERITY_ERROR);
  CHECK(rppsplus_report_message_at(r, i, RPPSPLUS_LANG_FR).len > 0);
  HAS(r, "required", "contact.email");
  rppsplus_report_free(r);

  /* NULL options: the defaults (today, submit, gestionnaire, strict); the example stays valid. */
  r = validate(DOMAIN_EXAMPLE, NULL);
  CHECK(rppsplus_report_is_valid(r));
  rppsplus_report_free(r);
  rppsplus_validate_options_free(o);
}

static void test_to_json(void) {
  rppsplus_validate_options *o = options_at(AT);
  rppsplus_report *r = validate(WITHOUT_EMAIL, o);
  char small[8];
  char *buf;
  size_t len = 0, needed;
  const char *prefix = "{\"valid\":false,\"findings\":[{\"path\":\"contact.email\",\"code\":\"required\","
                       "\"severity\":\"error\",\"message\":\"L'adresse email : manquante, obligatoire pour la procédure « Primo enregistrement » ; renseignez-la.\"";

  /* Ask the length, then retry with length + 1 bytes. */
  CHECK_CODE(rppsplus_report_to_json(r, NULL, 0, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  needed = len;
  CHECK(needed > strlen(prefix));
  memset(small, 'x', sizeof small);
  CHECK_CODE(rppsplus_report_to_json(r, small, sizeof small, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK(len == needed && small[0] == 'x');
  buf = (char *)malloc(needed + 1);
  CHECK(buf != NULL);
  if (buf != NULL) {
    buf[0] = 'x';
    CHECK_CODE(rppsplus_report_to_json(r, buf, needed, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK(len == needed && buf[0] == 'x');
    CHECK_CODE(rppsplus_report_to_json(r, buf, needed + 1, &len), RPPSPLUS_RESULT_OK);
    CHECK(len == needed && strlen(buf) == needed);
    CHECK(strncmp(buf, prefix, strlen(prefix)) == 0);
    CHECK(strcmp(buf + needed - 3, "}]}") == 0);
    free(buf);
  }
  rppsplus_report_free(r);

  r = validate(DOMAIN_EXAMPLE, o);
  {
    char out[64];
    CHECK_CODE(rppsplus_report_to_json(r, out, sizeof out, &len), RPPSPLUS_RESULT_OK);
    CHECK_STR(out, "{\"valid\":true,\"findings\":[]}");
  }
  rppsplus_report_free(r);
  rppsplus_validate_options_free(o);
}

/* Content that is not JSON is a report with one invalid_json finding, not a call error. */
static void test_not_json(void) {
  static const char *const bad[] = {"{\"procedure\": \"\xff\"}", "\xff\xfe", "{", "   ", "[1, 2] x"};
  size_t i;
  rppsplus_report *r = NULL;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    r = validate(bad[i], NULL);
    CHECK(!rppsplus_report_is_valid(r));
    CHECK(rppsplus_report_len(r) == 1);
    CHECK_VIEW(rppsplus_report_code_at(r, 0), "invalid_json");
    CHECK_VIEW(rppsplus_report_path_at(r, 0), "");
    CHECK(rppsplus_report_message_at(r, 0, RPPSPLUS_LANG_FR).len > 0);
    rppsplus_report_free(r);
  }
  /* Empty: a non-NULL pointer with length 0. A NUL byte inside is just a bad character. */
  CHECK_CODE(rppsplus_validate_json("", 0, NULL, &r), RPPSPLUS_RESULT_OK);
  CHECK_VIEW(rppsplus_report_code_at(r, 0), "invalid_json");
  rppsplus_report_free(r);
  CHECK_CODE(rppsplus_validate_json("{\0}", 3, NULL, &r), RPPSPLUS_RESULT_OK);
  CHECK_VIEW(rppsplus_report_code_at(r, 0), "invalid_json");
  rppsplus_report_free(r);
}

/* A 10 MB string value: checked, never repeated in the messages. */
static void test_big_value(void) {
  const size_t big = 10u * 1024u * 1024u;
  const char *head = "{\"procedure\": \"primo_enregistrement\", \"etat_civil\": {\"nom_naissance\": \"";
  const char *tail = "\"}}";
  size_t n = strlen(head) + big + strlen(tail), i;
  char *json = (char *)malloc(n);
  rppsplus_report *r = NULL;
  int at_path = 0;
  CHECK(json != NULL);
  if (json == NULL) return;
  memcpy(json, head, strlen(head));
  memset(json + strlen(head), 'A', big);
  memcpy(json + strlen(head) + big, tail, strlen(tail));
  CHECK_CODE(rppsplus_validate_json(json, n, NULL, &r), RPPSPLUS_RESULT_OK);
  CHECK(!rppsplus_report_is_valid(r));
  for (i = 0; i < rppsplus_report_len(r); i++) {
    rppsplus_str p = rppsplus_report_path_at(r, i), m = rppsplus_report_message_at(r, i, RPPSPLUS_LANG_FR);
    if (p.len == strlen("etat_civil.nom_naissance") && memcmp(p.data, "etat_civil.nom_naissance", p.len) == 0)
      at_path = 1;
    CHECK(m.len < 1000);
  }
  CHECK(at_path);
  rppsplus_report_free(r);
  free(json);
}

static void test_options(void) {
  static const char without_confirmations[] = DEMANDE3("\"1999-05-05\"", FULL_CONTACT, "null");
  static const char cgu_only[] = DEMANDE3("\"1999-05-05\"", FULL_CONTACT, "{\"cgu_acceptees\": true}");
  /* A professional's primo comes through FranceConnect. */
  static const char cgu_only_franceconnect[] =
      DEMANDE4("\"1999-05-05\"", FULL_CONTACT, "{\"cgu_acceptees\": true}", "franceconnect");
  static const char *const bad_dates[] = {"2026-02-30", "2026-1-5", "", "22/11/2026", "2026-11-22 "};
  rppsplus_validate_options *o = options_at(AT);
  rppsplus_report *r;
  size_t i;

  /* Submit (the default) requires the confirmations; a draft does not. */
  r = validate(without_confirmations, o);
  CHECK(!rppsplus_report_is_valid(r));
  HAS(r, "required", "confirmations.cgu_acceptees");
  rppsplus_report_free(r);
  CHECK_CODE(rppsplus_validate_options_set_stage(o, RPPSPLUS_STAGE_DRAFT), RPPSPLUS_RESULT_OK);
  r = validate(without_confirmations, o);
  CHECK(rppsplus_report_is_valid(r));
  rppsplus_report_free(r);

  /* Bad values: INVALID_PARAMETER, the options unchanged (still a draft). */
  CHECK_CODE(rppsplus_validate_options_set_stage(o, 2), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_validate_options_set_stage(o, UINT32_MAX), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_validate_options_set_actor(o, 3), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_validate_options_set_actor(o, UINT32_MAX), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_validate_options_set_mode(o, 2), RPPSPLUS_RESULT_INVALID_PARAMETER);
  for (i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++)
    CHECK_CODE(rppsplus_validate_options_set_reference_date(o, bad_dates[i], strlen(bad_dates[i])),
               RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(rppsplus_validate_options_set_reference_date(o, "\xff", 1), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(rppsplus_validate_options_set_reference_date(o, NULL, 10), RPPSPLUS_RESULT_NULL_PARAMETER);
  r = validate(without_confirmations, o);
  CHECK(rppsplus_report_is_valid(r));
  rppsplus_report_free(r);

  /* Actor: the in-person meeting is a gestionnaire's confirmation. */
  CHECK_CODE(rppsplus_validate_options_set_stage(o, RPPSPLUS_STAGE_SUBMIT), RPPSPLUS_RESULT_OK);
  r = validate(cgu_only, o);
  CHECK(!rppsplus_report_is_valid(r));
  HAS(r, "required", "confirmations.rencontre_en_personne");
  rppsplus_report_free(r);
  CHECK_CODE(rppsplus_validate_options_set_actor(o, RPPSPLUS_ACTOR_PROFESSIONNEL), RPPSPLUS_RESULT_OK);
  r = validate(cgu_only, o);
  CHECK(!rppsplus_report_is_valid(r));
  HAS(r, "not_allowed_for_actor", "etat_civil.source");
  rppsplus_report_free(r);
  r = validate(cgu_only_franceconnect, o);
  CHECK(rppsplus_report_is_valid(r));
  rppsplus_report_free(r);
  CHECK_CODE(rppsplus_validate_options_set_actor(o, RPPSPLUS_ACTOR_RPPS), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_validate_options_set_actor(o, RPPSPLUS_ACTOR_GESTIONNAIRE), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_validate_options_set_mode(o, RPPSPLUS_MODE_TEST), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_validate_options_set_mode(o, RPPSPLUS_MODE_STRICT), RPPSPLUS_RESULT_OK);

  /* The reference date is the one the checks use: in 1990 the birth date is in the future. */
  CHECK_CODE(rppsplus_validate_options_set_reference_date(o, "1990-01-01", 10), RPPSPLUS_RESULT_OK);
  r = validate(DOMAIN_EXAMPLE, o);
  CHECK(!rppsplus_report_is_valid(r));
  rppsplus_report_free(r);
  CHECK_CODE(rppsplus_validate_options_set_reference_date(o, NULL, 0), RPPSPLUS_RESULT_OK); /* today */
  r = validate(DOMAIN_EXAMPLE, o);
  CHECK(rppsplus_report_is_valid(r));
  rppsplus_report_free(r);
  rppsplus_validate_options_free(o);
}

static void test_document(void) {
  static const char array[] = "[" DEMANDE("\"1999-05-05\"", FULL_CONTACT) ", " DEMANDE("\"1999-05-05\"", NO_EMAIL) "]";
  static const char lines[] = DEMANDE("\"1999-05-05\"", FULL_CONTACT) "\n\n" DEMANDE("19990505", NO_EMAIL) "\n{\n";
  rppsplus_validate_options *o = options_at(AT);
  rppsplus_reports *list = NULL;
  const rppsplus_report *r;

  CHECK_CODE(rppsplus_validate_json_document(array, strlen(array), o, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_reports_len(list) == 2);
  CHECK(rppsplus_reports_index_at(list, 0) == 0 && rppsplus_reports_index_at(list, 1) == 1);
  CHECK(rppsplus_report_is_valid(rppsplus_reports_report_at(list, 0)));
  r = rppsplus_reports_report_at(list, 1);
  CHECK(!rppsplus_report_is_valid(r));
  CHECK_VIEW(rppsplus_report_code_at(r, 0), "required");
  CHECK_VIEW(rppsplus_report_path_at(r, 0), "contact.email");
  CHECK(rppsplus_reports_index_at(list, 2) == SIZE_MAX);
  CHECK(rppsplus_reports_report_at(list, 2) == NULL);
  CHECK(rppsplus_reports_report_at(list, SIZE_MAX) == NULL);
  rppsplus_reports_free(list);

  /* JSON Lines: the index is the line number - 1 (blank lines skipped). */
  list = NULL;
  CHECK_CODE(rppsplus_validate_json_document(lines, strlen(lines), o, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_reports_len(list) == 3);
  CHECK(rppsplus_reports_index_at(list, 0) == 0);
  CHECK(rppsplus_reports_index_at(list, 1) == 2);
  CHECK(rppsplus_reports_index_at(list, 2) == 3);
  HAS(rppsplus_reports_report_at(list, 1), "invalid_format", "etat_civil.date_naissance");
  HAS(rppsplus_reports_report_at(list, 2), "invalid_json", "");
  rppsplus_reports_free(list);

  /* An empty array: an empty list; not JSON: one invalid_json report. */
  list = NULL;
  CHECK_CODE(rppsplus_validate_json_document("[]", 2, o, &list), RPPSPLUS_RESULT_OK);
  CHECK(list != NULL && rppsplus_reports_len(list) == 0);
  rppsplus_reports_free(list);
  list = NULL;
  CHECK_CODE(rppsplus_validate_json_document("\xff", 1, NULL, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_reports_len(list) == 1);
  HAS(rppsplus_reports_report_at(list, 0), "invalid_json", "");
  rppsplus_reports_free(list);
  rppsplus_validate_options_free(o);
}

static void test_misuse(void) {
  rppsplus_report *r = NULL;
  rppsplus_reports *list = NULL;
  char buf[16];
  size_t len = 7;

  CHECK_CODE(rppsplus_validate_json(NULL, 0, NULL, &r), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_json(NULL, 5, NULL, &r), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_json("{}", 2, NULL, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_json("{}", SIZE_MAX, NULL, &r), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK(r == NULL);
  CHECK_CODE(rppsplus_validate_json_document(NULL, 0, NULL, &list), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_json_document("{}", 2, NULL, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_json_document("{}", SIZE_MAX, NULL, &list), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK(list == NULL);

  CHECK_CODE(rppsplus_validate_options_set_reference_date(NULL, AT, 10), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_options_set_stage(NULL, RPPSPLUS_STAGE_DRAFT), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_options_set_actor(NULL, RPPSPLUS_ACTOR_GESTIONNAIRE), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_validate_options_set_mode(NULL, RPPSPLUS_MODE_STRICT), RPPSPLUS_RESULT_NULL_PARAMETER);

  CHECK(!rppsplus_report_is_valid(NULL));
  CHECK(rppsplus_report_len(NULL) == 0);
  CHECK_NONE(rppsplus_report_code_at(NULL, 0));
  CHECK_NONE(rppsplus_report_path_at(NULL, 0));
  CHECK_NONE(rppsplus_report_message_at(NULL, 0, RPPSPLUS_LANG_FR));
  CHECK(rppsplus_report_severity_at(NULL, 0) == RPPSPLUS_SEVERITY_NONE);
  CHECK_CODE(rppsplus_report_to_json(NULL, buf, sizeof buf, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK(len == 7);
  CHECK(rppsplus_reports_len(NULL) == 0);
  CHECK(rppsplus_reports_index_at(NULL, 0) == SIZE_MAX);
  CHECK(rppsplus_reports_report_at(NULL, 0) == NULL);

  /* Out-of-range indexes and languages on a real report. */
  r = validate(WITHOUT_EMAIL, NULL);
  CHECK(rppsplus_report_len(r) == 1);
  CHECK_NONE(rppsplus_report_code_at(r, 1));
  CHECK_NONE(rppsplus_report_path_at(r, SIZE_MAX));
  CHECK_NONE(rppsplus_report_message_at(r, 1, RPPSPLUS_LANG_FR));
  CHECK_NONE(rppsplus_report_message_at(r, 0, 2));
  CHECK_NONE(rppsplus_report_message_at(r, 0, UINT32_MAX));
  CHECK(rppsplus_report_severity_at(r, 1) == RPPSPLUS_SEVERITY_NONE);
  CHECK(rppsplus_report_severity_at(r, 0) == RPPSPLUS_SEVERITY_ERROR);
  CHECK_CODE(rppsplus_report_to_json(r, buf, sizeof buf, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_report_to_json(r, NULL, 8, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  rppsplus_report_free(r);

  rppsplus_report_free(NULL);
  rppsplus_reports_free(NULL);
  rppsplus_validate_options_free(NULL);
  CHECK(1);
}

/* JSON nested `depth` levels deep inside a demande's unknown member: {"x": [[...]]}. */
static char *nested(size_t depth, size_t *len) {
  char *json = (char *)malloc(8 + 2 * depth);
  size_t i, n = 0;
  if (json == NULL) return NULL;
  memcpy(json, "{\"x\": ", 6);
  n = 6;
  for (i = 0; i < depth; i++) json[n++] = '[';
  for (i = 0; i < depth; i++) json[n++] = ']';
  json[n++] = '}';
  *len = n;
  return json;
}

struct deep {
  size_t depth;
  char code[32];
};

static void *validate_deep(void *arg) {
  struct deep *d = (struct deep *)arg;
  size_t len = 0;
  char *json = nested(d->depth, &len);
  rppsplus_report *r = NULL;
  if (json != NULL && rppsplus_validate_json(json, len, NULL, &r) == RPPSPLUS_RESULT_OK) {
    rppsplus_str code = rppsplus_report_code_at(r, 0);
    snprintf(d->code, sizeof d->code, "%.*s", (int)code.len, code.data);
  }
  rppsplus_report_free(r);
  free(json);
  return NULL;
}

/* The deepest JSON the parser accepts (127 levels: the object and 126 arrays) and a far
 * deeper one, each on a thread with the 256 KiB of stack the README asks for. */
static void test_deep_json(void) {
  struct deep cases[] = {{126, ""}, {127, ""}, {100000, ""}};
  const char *expected[] = {"unknown_field", "invalid_json", "invalid_json"};
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    pthread_attr_t attr;
    pthread_t thread;
    CHECK(pthread_attr_init(&attr) == 0);
    CHECK(pthread_attr_setstacksize(&attr, 256 * 1024) == 0);
    CHECK(pthread_create(&thread, &attr, validate_deep, &cases[i]) == 0);
    CHECK(pthread_join(thread, NULL) == 0);
    pthread_attr_destroy(&attr);
    CHECK_STR(cases[i].code, expected[i]);
  }
}

int main(void) {
  test_seeds();
  test_to_json();
  test_not_json();
  test_big_value();
  test_options();
  test_document();
  test_misuse();
  test_deep_json();
  return check_report();
}
