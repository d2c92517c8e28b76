/*
 * Nomenclatures from C: rppsplus_nomenclature_label, rppsplus_nomenclature_check,
 * rppsplus_lookup and rppsplus_nomenclature_list with the rppsplus_entries accessors,
 * rppsplus_nomenclature_meta with the rppsplus_meta accessors, on the seeds of the issue
 * (a form's dropdown, the version it came from, searches of short and display labels), plus
 * misuse (NULL everywhere, invalid UTF-8, unknown tables, bad dates, out-of-range indexes,
 * free(NULL)). Every handle is freed: valgrind's leak check runs on this binary.
 */
#include <stdlib.h>

#include "check.h"

#define AT "2026-11-23"

static rppsplus_result label(const char *table, const char *code, char *out, size_t cap, size_t *len) {
  return rppsplus_nomenclature_label(table, strlen(table), code, strlen(code), out, cap, len);
}

static rppsplus_result replaced_by(const char *table, const char *code, char *out, size_t cap, size_t *len) {
  return rppsplus_nomenclature_replaced_by(table, strlen(table), code, strlen(code), out, cap, len);
}

static rppsplus_result check_at(const char *field, const char *code, const char *date) {
  return rppsplus_nomenclature_check(field, strlen(field), code, strlen(code), date, date ? strlen(date) : 0);
}

static rppsplus_result lookup(const char *table, const char *query, const char *date, size_t limit,
                       rppsplus_entries **out) {
  return rppsplus_lookup(table, strlen(table), query, strlen(query), date, date ? strlen(date) : 0, limit, out);
}

static void test_labels(void) {
  char buf[64];
  size_t len = 0;
  CHECK_CODE(label("profession", "326", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "Educateur sp\xc3\xa9" "cialis\xc3\xa9");
  CHECK(len == 22);
  CHECK_CODE(label("TRE_R85-RolePriseCharge", "326", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "Educateur sp\xc3\xa9" "cialis\xc3\xa9");
  CHECK_CODE(label("pays", "99100", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "R\xc3\xa9publique fran\xc3\xa7" "aise");
  CHECK_CODE(label("commune", "13203", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "Marseille 3e Arrondissement");
  CHECK_CODE(label("sexe", "F", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);

  CHECK_CODE(label("no-such-table", "326", buf, sizeof buf, &len), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  CHECK_CODE(label("profession", "999", buf, sizeof buf, &len), RPPSPLUS_RESULT_UNKNOWN_CODE);
  CHECK_CODE(label("commune", "75015", buf, sizeof buf, &len), RPPSPLUS_RESULT_UNKNOWN_CODE);
  CHECK_CODE(label("profession", "\xff", buf, sizeof buf, &len), RPPSPLUS_RESULT_INVALID_UTF8);

  /* Too small: the length needed, the buffer untouched, never a truncated label. */
  len = 0;
  memset(buf, 'x', sizeof buf);
  CHECK_CODE(label("profession", "326", buf, 22, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK(len == 22 && buf[0] == 'x' && buf[21] == 'x');
  CHECK_CODE(label("profession", "326", NULL, 0, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK(len == 22);

  CHECK_CODE(rppsplus_nomenclature_label(NULL, 0, "326", 3, buf, sizeof buf, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_label("profession", 10, NULL, 0, buf, sizeof buf, &len),
             RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_label("profession", 10, "326", 3, NULL, 8, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_label("profession", 10, "326", 3, buf, sizeof buf, NULL),
             RPPSPLUS_RESULT_NULL_PARAMETER);
}

static void test_check(void) {
  char buf[32];
  size_t len = 0;
  CHECK_CODE(check_at("profession", "326", AT), RPPSPLUS_RESULT_OK);
  CHECK_CODE(check_at("profession", "323", AT), RPPSPLUS_RESULT_CODE_DEPRECATED);
  CHECK_CODE(check_at("profession", "350", AT), RPPSPLUS_RESULT_CODE_DEPRECATED);
  CHECK_CODE(check_at("profession", "300", AT), RPPSPLUS_RESULT_CODE_NOT_ALLOWED);
  CHECK_CODE(check_at("profession", "999", AT), RPPSPLUS_RESULT_UNKNOWN_CODE);
  CHECK_CODE(check_at("profession", "371", "2025-01-01"), RPPSPLUS_RESULT_CODE_NOT_ALLOWED);
  CHECK_CODE(check_at("sexe", "U", AT), RPPSPLUS_RESULT_CODE_DEPRECATED);
  CHECK_CODE(check_at("sexe", "U", "2000-01-01"), RPPSPLUS_RESULT_OK);
  CHECK_CODE(check_at("pays", "99100", AT), RPPSPLUS_RESULT_OK);
  CHECK_CODE(check_at("commune", "13203", AT), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  CHECK_CODE(check_at("no-such-field", "326", AT), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  /* Today (NULL date). */
  CHECK_CODE(check_at("profession", "326", NULL), RPPSPLUS_RESULT_OK);
  /* The replacements of a deprecated code. */
  CHECK_CODE(replaced_by("profession", "323", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "328");
  CHECK(len == 3);
  CHECK_CODE(replaced_by("profession", "350", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "371,372");
  CHECK_CODE(replaced_by("profession", "326", buf, sizeof buf, &len), RPPSPLUS_RESULT_OK);
  CHECK(len == 0 && buf[0] == '\0');
  CHECK_CODE(replaced_by("profession", "999", buf, sizeof buf, &len), RPPSPLUS_RESULT_UNKNOWN_CODE);
  CHECK_CODE(replaced_by("commune", "13203", buf, sizeof buf, &len), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  /* Replacements too long for the buffer: the length only; retry with *len + 1. */
  memset(buf, 'x', sizeof buf);
  CHECK_CODE(replaced_by("profession", "350", buf, 4, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK(len == 7 && buf[0] == 'x');
  CHECK_CODE(replaced_by("profession", "350", NULL, 0, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK_CODE(rppsplus_nomenclature_replaced_by(NULL, 0, "350", 3, buf, sizeof buf, &len),
             RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_replaced_by("profession", 10, "350", 3, buf, sizeof buf, NULL),
             RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_replaced_by("profession", 10, "350", 3, NULL, 4, &len),
             RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(replaced_by("profession", "\xff", buf, sizeof buf, &len), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(replaced_by("prof\xc3", "350", buf, sizeof buf, &len), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(rppsplus_nomenclature_replaced_by("profession", (size_t)-1, "350", 3, buf, sizeof buf, &len),
             RPPSPLUS_RESULT_INVALID_PARAMETER);
  /* Dates: the core's parser (YYYY-MM-DD exactly). */
  CHECK_CODE(check_at("TRE_R85", "323", "0000-01-01"), RPPSPLUS_RESULT_OK);
  CHECK_CODE(check_at("TRE_R85", "323", "9999-12-31"), RPPSPLUS_RESULT_CODE_DEPRECATED);
  CHECK_CODE(check_at("sexe", "F", "2026-02-30"), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(check_at("sexe", "F", "2026-1-5"), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(check_at("sexe", "F", " 2026-11-23"), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(check_at("sexe", "F", ""), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(rppsplus_nomenclature_check("sexe", 4, "F", 1, NULL, 10), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_check(NULL, 0, "F", 1, AT, 10), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_check("sexe", 4, NULL, 0, AT, 10), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(check_at("sexe", "\xc3", AT), RPPSPLUS_RESULT_INVALID_UTF8);
}

static void test_lookup(void) {
  rppsplus_entries *list = NULL;

  CHECK_CODE(lookup("profession", "326", AT, 10, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 1);
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "326");
  CHECK_VIEW(rppsplus_entries_label_at(list, 0), "Educateur sp\xc3\xa9" "cialis\xc3\xa9");
  CHECK_VIEW(rppsplus_entries_status_at(list, 0), "active");
  CHECK_VIEW(rppsplus_entries_date_fin_at(list, 0), "");
  CHECK_VIEW(rppsplus_entries_replaced_by_at(list, 0), "");
  CHECK_VIEW(rppsplus_entries_commune_type_at(list, 0), "");
  CHECK_VIEW(rppsplus_entries_departement_at(list, 0), "");
  CHECK(rppsplus_entries_offered_at(list, 0) == RPPSPLUS_OFFERED_YES);
  CHECK(!rppsplus_entries_is_postal_code(list));
  /* Out of range: NULL views. */
  CHECK(rppsplus_entries_code_at(list, 1).data == NULL && rppsplus_entries_code_at(list, 1).len == 0);
  CHECK(rppsplus_entries_label_at(list, (size_t)-1).data == NULL);
  CHECK(rppsplus_entries_offered_at(list, 1) == RPPSPLUS_OFFERED_NOT_APPLICABLE);
  rppsplus_entries_free(list);

  list = NULL;
  CHECK_CODE(lookup("profession", "323", AT, 10, &list), RPPSPLUS_RESULT_OK);
  CHECK_VIEW(rppsplus_entries_status_at(list, 0), "deprecated");
  CHECK_VIEW(rppsplus_entries_replaced_by_at(list, 0), "328");
  CHECK(rppsplus_entries_date_fin_at(list, 0).len == 10);
  CHECK(rppsplus_entries_offered_at(list, 0) == RPPSPLUS_OFFERED_NO);
  rppsplus_entries_free(list);

  list = NULL;
  CHECK_CODE(lookup("commune", "marseille 3", AT, 10, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) >= 1);
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "13203");
  CHECK_VIEW(rppsplus_entries_label_at(list, 0), "Marseille 3e Arrondissement");
  CHECK_VIEW(rppsplus_entries_commune_type_at(list, 0), "arrondissement-municipal");
  CHECK_VIEW(rppsplus_entries_departement_at(list, 0), "13");
  CHECK(rppsplus_entries_offered_at(list, 0) == RPPSPLUS_OFFERED_NOT_APPLICABLE);
  rppsplus_entries_free(list);

  list = NULL;
  CHECK_CODE(lookup("commune", "75015", AT, 10, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_is_postal_code(list));
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "75115");
  CHECK_VIEW(rppsplus_entries_label_at(list, 0), "Paris 15e Arrondissement");
  rppsplus_entries_free(list);

  list = NULL;
  CHECK_CODE(lookup("commune", "20004", NULL, 10, &list), RPPSPLUS_RESULT_OK);
  CHECK(!rppsplus_entries_is_postal_code(list));
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "2A004");
  CHECK_VIEW(rppsplus_entries_label_at(list, 0), "Ajaccio");
  CHECK_VIEW(rppsplus_entries_departement_at(list, 0), "2A");
  rppsplus_entries_free(list);

  list = NULL;
  CHECK_CODE(lookup("pays", "99100", AT, 10, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 1);
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "99100");
  rppsplus_entries_free(list);

  /* Nothing found is an empty list, still to free; limit 0 likewise. */
  list = NULL;
  CHECK_CODE(lookup("commune", "zzzzzzzz", AT, 10, &list), RPPSPLUS_RESULT_OK);
  CHECK(list != NULL && rppsplus_entries_len(list) == 0);
  CHECK(rppsplus_entries_code_at(list, 0).data == NULL);
  rppsplus_entries_free(list);
  list = NULL;
  CHECK_CODE(lookup("commune", "paris", AT, 0, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 0);
  rppsplus_entries_free(list);
  list = NULL;
  CHECK_CODE(lookup("commune", "\x01\x1b[2J\t", AT, 10, &list), RPPSPLUS_RESULT_OK);
  rppsplus_entries_free(list);
}

static void test_lookup_misuse(void) {
  rppsplus_entries *list = NULL;
  CHECK_CODE(lookup("no-such-table", "326", AT, 10, &list), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  CHECK(list == NULL);
  CHECK_CODE(lookup("profession", "\xff", AT, 10, &list), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(lookup("profession", "326", "2026-13-01", 10, &list), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(rppsplus_lookup(NULL, 0, "326", 3, AT, 10, 10, &list), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_lookup("profession", 10, NULL, 0, AT, 10, 10, &list), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_lookup("profession", 10, "326", 3, NULL, 10, 10, &list), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_lookup("profession", 10, "326", 3, AT, 10, 10, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK(list == NULL);

  /* NULL lists. */
  CHECK(rppsplus_entries_len(NULL) == 0);
  CHECK(!rppsplus_entries_is_postal_code(NULL));
  CHECK(rppsplus_entries_code_at(NULL, 0).data == NULL);
  CHECK(rppsplus_entries_offered_at(NULL, 0) == RPPSPLUS_OFFERED_NOT_APPLICABLE);
  rppsplus_entries_free(NULL);
  CHECK(1);

  /* A 10 MB query finds nothing and fails nothing. */
  {
    size_t n = (size_t)10 * 1024 * 1024;
    char *big = (char *)malloc(n);
    if (CHECK(big != NULL)) {
      memset(big, 'a', n);
      CHECK_CODE(rppsplus_lookup("commune", 7, big, n, AT, 10, 10, &list), RPPSPLUS_RESULT_OK);
      CHECK(rppsplus_entries_len(list) == 0);
      rppsplus_entries_free(list);
      free(big);
    }
  }
}

static rppsplus_result list_at(const char *name, const char *date, rppsplus_entries **out) {
  return rppsplus_nomenclature_list(name, strlen(name), date, date ? strlen(date) : 0, out);
}

static rppsplus_result meta_at(const char *name, const char *date, rppsplus_meta **out) {
  return rppsplus_nomenclature_meta(name, strlen(name), date, date ? strlen(date) : 0, out);
}

/* The index of `code` in a list, or (size_t)-1. */
static size_t find(const rppsplus_entries *list, const char *code) {
  size_t i, n = strlen(code);
  for (i = 0; i < rppsplus_entries_len(list); i++) {
    rppsplus_str c = rppsplus_entries_code_at(list, i);
    if (c.len == n && memcmp(c.data, code, n) == 0) return i;
  }
  return (size_t)-1;
}

static void test_list(void) {
  rppsplus_entries *list = NULL;
  size_t i;

  /* A form's profession dropdown: JDV_J121 as it stands on the date, in the source's order. */
  CHECK_CODE(list_at("profession", AT, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 60);
  CHECK(find(list, "326") != (size_t)-1 && find(list, "323") == (size_t)-1);
  for (i = 0; i < rppsplus_entries_len(list); i++) {
    CHECK(rppsplus_entries_code_at(list, i).len > 0 && rppsplus_entries_label_at(list, i).len > 0);
    CHECK(rppsplus_entries_offered_at(list, i) == RPPSPLUS_OFFERED_YES);
  }
  CHECK(!rppsplus_entries_is_postal_code(list));
  rppsplus_entries_free(list);

  /* The value set at an earlier date, by its NOS code: 323 was offered. */
  list = NULL;
  CHECK_CODE(list_at("JDV_J121", "2022-09-05", &list), RPPSPLUS_RESULT_OK);
  CHECK(find(list, "323") != (size_t)-1);
  rppsplus_entries_free(list);

  list = NULL;
  CHECK_CODE(list_at("civilite", AT, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 2);
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "M");
  CHECK_VIEW(rppsplus_entries_code_at(list, 1), "MME");
  rppsplus_entries_free(list);

  list = NULL;
  CHECK_CODE(list_at("JDV_J117-ModeExercice-ENREG", "2026-02-02", &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 4);
  CHECK_VIEW(rppsplus_entries_code_at(list, 3), "I");
  rppsplus_entries_free(list);

  /* A whole table: its codes in force, the source's order. */
  list = NULL;
  CHECK_CODE(list_at("sexe", "2026-01-01", &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 4);
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "UN");
  CHECK(rppsplus_entries_offered_at(list, 0) == RPPSPLUS_OFFERED_NOT_APPLICABLE);
  rppsplus_entries_free(list);

  /* The countries: the portal's display labels beside the code system's labels. */
  list = NULL;
  CHECK_CODE(list_at("pays", AT, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 217);
  CHECK_VIEW(rppsplus_entries_code_at(list, 0), "99100");
  CHECK_VIEW(rppsplus_entries_label_at(list, 0), "R\xc3\xa9publique fran\xc3\xa7" "aise");
  CHECK_VIEW(rppsplus_entries_display_at(list, 0), "France");
  CHECK_VIEW(rppsplus_entries_short_label_at(list, 0), "");
  CHECK(rppsplus_entries_display_at(list, rppsplus_entries_len(list)).data == NULL);
  rppsplus_entries_free(list);

  /* Short labels: TRE_R22's GENR08. */
  list = NULL;
  CHECK_CODE(list_at("role", AT, &list), RPPSPLUS_RESULT_OK);
  i = find(list, "GENR08");
  if (CHECK(i != (size_t)-1)) {
    CHECK_VIEW(rppsplus_entries_label_at(list, i), "Coordination et orientation");
    CHECK_VIEW(rppsplus_entries_short_label_at(list, i), "Activit\xc3\xa9 de coordination et d'orientation");
    CHECK_VIEW(rppsplus_entries_display_at(list, i), "");
  }
  rppsplus_entries_free(list);

  /* Every commune. */
  list = NULL;
  CHECK_CODE(list_at("commune", AT, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) == 37590);
  rppsplus_entries_free(list);

  /* Today (NULL date). */
  list = NULL;
  CHECK_CODE(list_at("profession", NULL, &list), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_entries_len(list) > 50);
  rppsplus_entries_free(list);
}

static void test_list_misuse(void) {
  rppsplus_entries *list = NULL;
  CHECK_CODE(list_at("no-such-table", AT, &list), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  CHECK_CODE(list_at("Profession", AT, &list), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  CHECK_CODE(list_at("prof\xc3", AT, &list), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(list_at("profession", "2026-02-30", &list), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(list_at("profession", "2026-1-5", &list), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(rppsplus_nomenclature_list(NULL, 0, "\xff", 1, &list), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_list("\xff", 1, NULL, 10, &list), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_list("\xff", 1, "\xff", 1, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_list("profession", (size_t)-1, AT, 10, &list), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK(list == NULL);
  CHECK(rppsplus_entries_short_label_at(NULL, 0).data == NULL);
  CHECK(rppsplus_entries_display_at(NULL, 0).data == NULL);
}

static void test_search_labels(void) {
  static const char *const pays[] = {"pays", "JDV_J256", "JDV_J114"};
  static const char *const roles[] = {"role", "JDV_J116", "TRE_R22"};
  rppsplus_entries *list = NULL;
  size_t i;
  /* A value set's display label: "France" is 99100 (TRE_R20: République française). */
  for (i = 0; i < sizeof pays / sizeof pays[0]; i++) {
    list = NULL;
    CHECK_CODE(lookup(pays[i], "France", AT, 5, &list), RPPSPLUS_RESULT_OK);
    CHECK_VIEW(rppsplus_entries_code_at(list, 0), "99100");
    CHECK_VIEW(rppsplus_entries_display_at(list, 0), "France");
    rppsplus_entries_free(list);
  }
  /* A short label: GENR08, labelled "Coordination et orientation". */
  for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
    list = NULL;
    CHECK_CODE(lookup(roles[i], "Activit\xc3\xa9 de coordination et d'orientation", AT, 5, &list), RPPSPLUS_RESULT_OK);
    CHECK_VIEW(rppsplus_entries_code_at(list, 0), "GENR08");
    rppsplus_entries_free(list);
  }
}

static void test_meta(void) {
  rppsplus_meta *meta = NULL;

  /* Which version of JDV_J121 a form used on 2025-04-24, and what JDV_J121 is. */
  CHECK_CODE(meta_at("profession", "2025-04-24", &meta), RPPSPLUS_RESULT_OK);
  CHECK_VIEW(rppsplus_meta_name(meta), "JDV_J121-RolePriseCharge-ENREG");
  CHECK_VIEW(rppsplus_meta_short_name(meta), "JDV_J121");
  CHECK_VIEW(rppsplus_meta_oid(meta), "1.2.250.1.213.1.6.1.200");
  CHECK_VIEW(rppsplus_meta_url(meta),
             "https://mos.esante.gouv.fr/NOS/JDV_J121-RolePriseCharge-ENREG/FHIR/JDV-J121-RolePriseCharge-ENREG");
  CHECK_VIEW(rppsplus_meta_version(meta), "20260505120000");
  CHECK_VIEW(rppsplus_meta_version_date(meta), "2026-05-05");
  CHECK(rppsplus_meta_description(meta).len > 0);
  CHECK_VIEW(rppsplus_meta_version_in_force(meta), "20241025120000");
  CHECK_VIEW(rppsplus_meta_version_in_force_date(meta), "2024-10-25");
  CHECK(!rppsplus_meta_is_earliest_stand_in(meta));
  rppsplus_meta_free(meta);

  /* Before every known version, the earliest stands in. */
  meta = NULL;
  CHECK_CODE(meta_at("JDV_J117", "2020-01-01", &meta), RPPSPLUS_RESULT_OK);
  CHECK_VIEW(rppsplus_meta_version_in_force(meta), "20210827120000");
  CHECK(rppsplus_meta_is_earliest_stand_in(meta));
  rppsplus_meta_free(meta);

  /* A whole-table field is its table; a table by its NOS code. */
  meta = NULL;
  CHECK_CODE(meta_at("sexe", AT, &meta), RPPSPLUS_RESULT_OK);
  CHECK_VIEW(rppsplus_meta_name(meta), "TRE_R249-Sexe");
  rppsplus_meta_free(meta);
  meta = NULL;
  CHECK_CODE(meta_at("TRE_R85", NULL, &meta), RPPSPLUS_RESULT_OK);
  CHECK_VIEW(rppsplus_meta_short_name(meta), "TRE_R85");
  rppsplus_meta_free(meta);

  /* Misuse: nothing written, nothing to free. */
  meta = NULL;
  CHECK_CODE(meta_at("commune", AT, &meta), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  CHECK_CODE(meta_at("no-such-table", AT, &meta), RPPSPLUS_RESULT_UNKNOWN_TABLE);
  CHECK_CODE(meta_at("\xff", AT, &meta), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(meta_at("profession", "2026-13-01", &meta), RPPSPLUS_RESULT_INVALID_DATE);
  CHECK_CODE(rppsplus_nomenclature_meta(NULL, 0, "\xff", 1, &meta), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_meta("\xff", 1, NULL, 10, &meta), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_meta("\xff", 1, "\xff", 1, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_nomenclature_meta("pays", (size_t)-1, AT, 10, &meta), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK(meta == NULL);
  CHECK(rppsplus_meta_name(NULL).data == NULL && rppsplus_meta_name(NULL).len == 0);
  CHECK(rppsplus_meta_version_in_force_date(NULL).data == NULL);
  CHECK(!rppsplus_meta_is_earliest_stand_in(NULL));
  rppsplus_meta_free(NULL);
}

int main(void) {
  test_labels();
  test_check();
  test_lookup();
  test_lookup_misuse();
  test_list();
  test_list_misuse();
  test_search_labels();
  test_meta();
  return check_report();
}
