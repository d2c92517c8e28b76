/*
 * Every type of the header, used as C and C++ programs use them. The value types
 * (rppsplus_result, rppsplus_kind, rppsplus_mode, rppsplus_warning, rppsplus_lang,
 * rppsplus_offered, rppsplus_stage, rppsplus_actor, rppsplus_severity, rppsplus_generation,
 * rppsplus_card_type, rppsplus_event, rppsplus_status, rppsplus_durability,
 * rppsplus_sheet_format) are the same
 * `typedef uint32_t` in both languages: a function's return value, a constant and a plain
 * integer go into a variable of the header's own type and back without a cast, a loop can
 * count through the values, a switch can test them. scripts/test-c.sh compiles this file as
 * C99 and as C++17 (-Wall -Wextra -Wpedantic -Werror) and runs both under the sanitizers.
 */
#include <stdlib.h>

#include "check.h"

/* Each value type is 32 bits in both languages (a negative array size fails the build). */
typedef char rppsplus_test_value_types_are_32_bits
    [(sizeof(rppsplus_result) == 4 && sizeof(rppsplus_kind) == 4 && sizeof(rppsplus_mode) == 4 &&
      sizeof(rppsplus_warning) == 4 && sizeof(rppsplus_lang) == 4 && sizeof(rppsplus_offered) == 4 &&
      sizeof(rppsplus_stage) == 4 && sizeof(rppsplus_actor) == 4 && sizeof(rppsplus_severity) == 4 &&
      sizeof(rppsplus_generation) == 4 && sizeof(rppsplus_card_type) == 4 && sizeof(rppsplus_event) == 4 &&
      sizeof(rppsplus_status) == 4 && sizeof(rppsplus_durability) == 4 &&
      sizeof(rppsplus_sheet_format) == 4)
         ? 1
         : -1];

/* A function taking and returning the header's types. */
static rppsplus_result check_kind(rppsplus_kind kind, rppsplus_mode mode, const char *input,
                                  rppsplus_warning *warning) {
  char out[64];
  size_t len = 0;
  return rppsplus_check(kind, mode, input, strlen(input), out, sizeof out, &len, warning);
}

static const char *describe(rppsplus_result rc) {
  switch (rc) {
  case RPPSPLUS_RESULT_OK:
    return "ok";
  case RPPSPLUS_RESULT_INVALID_CHECKSUM:
  case RPPSPLUS_RESULT_INVALID_LENGTH:
    return "invalid";
  default:
    return "other";
  }
}

static void test_values(void) {
  rppsplus_result rc;
  rppsplus_kind kind;
  rppsplus_mode mode = RPPSPLUS_MODE_TEST;
  rppsplus_warning warning = RPPSPLUS_WARNING_NONE;
  rppsplus_lang lang;
  uint32_t plain;
  char message[256];
  size_t len = 0;

  rc = check_kind(RPPSPLUS_KIND_RPPS, mode, "99700075122", &warning);
  CHECK(rc == RPPSPLUS_RESULT_OK && warning == RPPSPLUS_WARNING_TEST_IDENTIFIER);
  CHECK_STR(describe(rc), "ok");
  CHECK_STR(describe(check_kind(RPPSPLUS_KIND_RPPS, RPPSPLUS_MODE_STRICT, "10107985319", NULL)), "invalid");
  /* The same type as uint32_t, both ways. */
  plain = rc;
  rc = plain + RPPSPLUS_RESULT_INVALID_CHECKSUM;
  CHECK_STR(rppsplus_result_name(rc), "invalid_checksum");
  plain = warning;
  CHECK_STR(rppsplus_warning_name(plain), "test_identifier");
  /* Counting through the kinds and languages. */
  for (kind = RPPSPLUS_KIND_RPPS; kind <= RPPSPLUS_KIND_NUMERO; kind++) {
    CHECK(strcmp(rppsplus_kind_name(kind), "unknown") != 0);
    for (lang = RPPSPLUS_LANG_FR; lang <= RPPSPLUS_LANG_EN; lang++) {
      CHECK_CODE(rppsplus_check_message(kind, RPPSPLUS_MODE_STRICT, lang, "x", 1, message, sizeof message, &len),
                 RPPSPLUS_RESULT_OK);
    }
  }
  CHECK_STR(rppsplus_kind_name(kind), "unknown");
  rc = rppsplus_result_message(RPPSPLUS_RESULT_NOT_MOBILE, RPPSPLUS_LANG_EN, message, sizeof message, &len);
  CHECK(rc == RPPSPLUS_RESULT_OK && len == strlen(message));
}

static void test_handles(void) {
  rppsplus_entries *entries = NULL;
  rppsplus_meta *meta = NULL;
  bool stand_in;
  rppsplus_str view;
  rppsplus_offered offered;
  rppsplus_validate_options *options = rppsplus_validate_options_new();
  rppsplus_stage stage;
  rppsplus_actor actor;
  rppsplus_severity severity;
  rppsplus_report *report = NULL;
  rppsplus_reports *reports = NULL;
  const rppsplus_report *borrowed;
  bool postal;
  static const char json[] = "[{\"procedure\": \"primo_enregistrement\"}]";

  CHECK_CODE(rppsplus_lookup("profession", 10, "326", 3, "2026-11-23", 10, 5, &entries), RPPSPLUS_RESULT_OK);
  view = rppsplus_entries_code_at(entries, 0);
  CHECK(view.len == 3 && memcmp(view.data, "326", 3) == 0);
  offered = rppsplus_entries_offered_at(entries, 0);
  CHECK(offered == RPPSPLUS_OFFERED_YES);
  postal = rppsplus_entries_is_postal_code(entries);
  CHECK(!postal);
  rppsplus_entries_free(entries);

  CHECK_CODE(rppsplus_nomenclature_meta("pays", 4, "2026-11-23", 10, &meta), RPPSPLUS_RESULT_OK);
  view = rppsplus_meta_short_name(meta);
  CHECK(view.len == 8 && memcmp(view.data, "JDV_J256", 8) == 0);
  stand_in = rppsplus_meta_is_earliest_stand_in(meta);
  CHECK(!stand_in);
  rppsplus_meta_free(meta);

  CHECK(options != NULL);
  for (stage = RPPSPLUS_STAGE_DRAFT; stage <= RPPSPLUS_STAGE_SUBMIT; stage++) {
    CHECK_CODE(rppsplus_validate_options_set_stage(options, stage), RPPSPLUS_RESULT_OK);
    CHECK(strcmp(rppsplus_stage_name(stage), "unknown") != 0);
  }
  for (actor = RPPSPLUS_ACTOR_PROFESSIONNEL; actor <= RPPSPLUS_ACTOR_RPPS; actor++) {
    CHECK_CODE(rppsplus_validate_options_set_actor(options, actor), RPPSPLUS_RESULT_OK);
    CHECK(strcmp(rppsplus_actor_name(actor), "unknown") != 0);
  }
  CHECK_CODE(rppsplus_validate_options_set_actor(options, RPPSPLUS_ACTOR_GESTIONNAIRE), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_validate_options_set_reference_date(options, "2026-11-22", 10), RPPSPLUS_RESULT_OK);

  CHECK_CODE(rppsplus_validate_json(json + 1, strlen(json) - 2, options, &report), RPPSPLUS_RESULT_OK);
  severity = rppsplus_report_severity_at(report, 0);
  CHECK(severity == RPPSPLUS_SEVERITY_ERROR);
  CHECK_STR(rppsplus_severity_name(severity), "error");
  CHECK(!rppsplus_report_is_valid(report));
  rppsplus_report_free(report);

  CHECK_CODE(rppsplus_validate_json_document(json, strlen(json), options, &reports), RPPSPLUS_RESULT_OK);
  borrowed = rppsplus_reports_report_at(reports, 0);
  CHECK(rppsplus_report_len(borrowed) > 0);
  rppsplus_reports_free(reports);
  rppsplus_validate_options_free(options);
}

/* The card types and handles (NULL handles: no card is needed to use the types). */
static void test_card_types(void) {
  rppsplus_generation generation;
  rppsplus_card_type card_type;
  rppsplus_card *card = NULL;
  const rppsplus_holder *holder = rppsplus_card_holder(card);
  rppsplus_readers *readers = NULL;

  for (generation = RPPSPLUS_GENERATION_CPS3; generation <= RPPSPLUS_GENERATION_CPS4; generation++) {
    CHECK(strcmp(rppsplus_generation_name(generation), "unknown") != 0);
  }
  for (card_type = RPPSPLUS_CARD_TYPE_CPS; card_type <= RPPSPLUS_CARD_TYPE_CPE; card_type++) {
    CHECK(strcmp(rppsplus_card_type_name(card_type), "unknown") != 0);
  }
  generation = rppsplus_card_generation(card);
  CHECK(generation == RPPSPLUS_GENERATION_NONE);
  card_type = rppsplus_card_type_of(card);
  CHECK(card_type == RPPSPLUS_CARD_TYPE_NONE);
  CHECK(holder == NULL && rppsplus_holder_nom(holder).data == NULL);
  CHECK(rppsplus_readers_len(readers) == 0);
  rppsplus_readers_free(readers);
  rppsplus_card_free(card);
}

/* The lifecycle's types and handles. */
static void test_workflow_types(void) {
  rppsplus_event event;
  rppsplus_status status;
  rppsplus_durability durability;
  rppsplus_command *command = NULL;
  rppsplus_demande *demande = NULL;
  const rppsplus_registry *registry = NULL;
  rppsplus_workflow_error *error = NULL;
  const rppsplus_report *report;
  rppsplus_event allowed[16];
  size_t count = 0;
  char numero[16];

  for (event = RPPSPLUS_EVENT_CREER; event <= RPPSPLUS_EVENT_MODIFIER; event++) {
    CHECK(strcmp(rppsplus_event_name(event), "unknown") != 0);
  }
  for (status = RPPSPLUS_STATUS_SAISIE_PROFESSIONNEL; status <= RPPSPLUS_STATUS_REJET_TECHNIQUE; status++) {
    CHECK(rppsplus_status_label(status).len > 0);
  }
  for (durability = RPPSPLUS_DURABILITY_FSYNC; durability <= RPPSPLUS_DURABILITY_FLUSH; durability++) {
    CHECK(strcmp(rppsplus_durability_name(durability), "unknown") != 0);
  }
  CHECK(strcmp(rppsplus_sheet_format_name(RPPSPLUS_SHEET_FORMAT_CSV), "csv") == 0);
  CHECK(strcmp(rppsplus_sheet_format_name(RPPSPLUS_SHEET_FORMAT_CSV + 1), "unknown") == 0);
  CHECK_CODE(rppsplus_command_new(RPPSPLUS_EVENT_VALIDER, RPPSPLUS_ACTOR_GESTIONNAIRE, &command), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_registry_in_memory(&registry), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_registry_create(registry, command, numero, sizeof numero, &count, &error),
             RPPSPLUS_RESULT_TRANSITION_REFUSED);
  report = rppsplus_workflow_error_report(error);
  CHECK(report == NULL);
  CHECK_CODE(rppsplus_workflow_error_allowed(error, allowed, 16, &count), RPPSPLUS_RESULT_OK);
  CHECK(count == 1 && allowed[0] == RPPSPLUS_EVENT_CREER);
  status = rppsplus_demande_status(demande);
  CHECK(status == RPPSPLUS_STATUS_NONE);
  rppsplus_workflow_error_free(error);
  rppsplus_demande_free(demande);
  rppsplus_registry_free(registry);
  rppsplus_command_free(command);
}

int main(void) {
  test_values();
  test_handles();
  test_card_types();
  test_workflow_types();
  return check_report();
}
