/*
 * CPx cards from C (docs/cards.md).
 *
 *   test_card             misuse without a PC/SC service: the library is pointed at a missing
 *                         file (RPPSPLUS_PCSC_LIBRARY) before its first card call, so every card
 *                         function answers RPPSPLUS_RESULT_SERVICE_ABSENT after the NULL and PIN
 *                         checks, which need no service; the names and messages of the 5xx codes.
 *   test_card READER      the simulated CPS3 (synthetic data) that rppsplus-ffi/tests/card_e2e.rs
 *                         serves to vpcd, through a real pcscd: readers, the card and its holder
 *                         (accessors, JSON, buffers), the PIN status, a wrong PIN (tries down), a
 *                         PIN refused before it is sent (counter untouched), the right PIN.
 *
 * Every handle is freed: valgrind's leak check runs on this binary.
 */
#define _POSIX_C_SOURCE 200112L
#include <stdlib.h>

#include "check.h"

#define CHECK_NONE(got) CHECK((got).data == NULL && (got).len == 0)

/* The synthetic identity of the simulated CPS3 (rppsplus_core::cpx::SimCard::cps3). */
#define SIM_ID_NAT "899700000013"
#define SIM_RPPS "99700000013"
#define SIM_SERIAL "90000301"
#define SIM_PIN "1234"

static rppsplus_result verify(const char *reader, const char *pin, uint8_t *tries_left) {
  return rppsplus_card_verify_pin(reader, reader ? strlen(reader) : 0, (const uint8_t *)pin, strlen(pin), tries_left);
}

static void check_status(const char *reader, uint8_t tries, bool blocked) {
  uint8_t t = 99;
  bool b = !blocked;
  CHECK_CODE(rppsplus_card_pin_status(reader, strlen(reader), &t, &b), RPPSPLUS_RESULT_OK);
  CHECK(t == tries);
  CHECK(b == blocked);
}

static void misuse_without_service(void) {
  rppsplus_readers *readers = NULL;
  rppsplus_card *card = NULL;
  uint8_t tries = 77;
  bool blocked = true;
  const char *bad_pins[] = {"", "123", "123456789", "12a4", "12 4", "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94"};
  size_t i;
  char buf[64];
  size_t len = 0;

  CHECK_CODE(rppsplus_card_readers(NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_card_readers(&readers), RPPSPLUS_RESULT_SERVICE_ABSENT);
  CHECK(readers == NULL);

  CHECK_CODE(rppsplus_card_read(NULL, 0, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_card_read(NULL, 5, &card), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_card_read("\xff", 1, &card), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(rppsplus_card_read(NULL, 0, &card), RPPSPLUS_RESULT_SERVICE_ABSENT);
  CHECK_CODE(rppsplus_card_read("Virtual PCD 00 00", 17, &card), RPPSPLUS_RESULT_SERVICE_ABSENT);
  CHECK(card == NULL);

  CHECK_CODE(rppsplus_card_pin_status(NULL, 0, NULL, &blocked), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_card_pin_status(NULL, 0, &tries, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_card_pin_status(NULL, 0, &tries, &blocked), RPPSPLUS_RESULT_SERVICE_ABSENT);
  CHECK(tries == 77 && blocked);

  /* The PIN is checked before the service is asked: a bad PIN is INVALID_PIN even here. */
  CHECK_CODE(rppsplus_card_verify_pin(NULL, 0, NULL, 0, &tries), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_card_verify_pin(NULL, 0, NULL, 4, &tries), RPPSPLUS_RESULT_NULL_PARAMETER);
  for (i = 0; i < sizeof bad_pins / sizeof bad_pins[0]; i++) {
    CHECK_CODE(verify(NULL, bad_pins[i], &tries), RPPSPLUS_RESULT_INVALID_PIN);
  }
  CHECK_CODE(rppsplus_card_verify_pin(NULL, 0, (const uint8_t *)"1234\0", 5, &tries), RPPSPLUS_RESULT_INVALID_PIN);
  CHECK_CODE(rppsplus_card_verify_pin(NULL, 0, (const uint8_t *)"1234", SIZE_MAX, &tries),
             RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(verify(NULL, "1234", NULL), RPPSPLUS_RESULT_SERVICE_ABSENT);
  CHECK_CODE(verify("Virtual PCD 00 00", "12345678", &tries), RPPSPLUS_RESULT_SERVICE_ABSENT);
  CHECK(tries == 77); /* written only on WRONG_PIN and PIN_BLOCKED */

  /* NULL handles: the documented fallbacks. */
  CHECK(rppsplus_readers_len(NULL) == 0);
  CHECK_NONE(rppsplus_readers_name_at(NULL, 0));
  CHECK(!rppsplus_readers_is_card_present_at(NULL, 0));
  CHECK(rppsplus_card_generation(NULL) == RPPSPLUS_GENERATION_NONE);
  CHECK(rppsplus_card_type_of(NULL) == RPPSPLUS_CARD_TYPE_NONE);
  CHECK_NONE(rppsplus_card_serial(NULL));
  CHECK(rppsplus_card_holder(NULL) == NULL);
  CHECK_NONE(rppsplus_holder_id_nat(NULL));
  CHECK_NONE(rppsplus_holder_profession(NULL));
  CHECK_CODE(rppsplus_card_to_json(NULL, buf, sizeof buf, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_holder_to_json(NULL, buf, sizeof buf, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  rppsplus_readers_free(NULL);
  rppsplus_card_free(NULL);

  /* Names and messages: the core's. */
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_SERVICE_ABSENT), "service_absent");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_WRONG_PIN), "wrong_pin");
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_MISSING_OBJECT), "missing_object");
  CHECK_STR(rppsplus_result_name(513), "unknown");
  CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_WRONG_PIN, RPPSPLUS_LANG_EN, buf, sizeof buf, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "wrong PIN");
  CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_NO_CARD, RPPSPLUS_LANG_FR, buf, sizeof buf, &len),
             RPPSPLUS_RESULT_OK);
  CHECK_STR(buf, "aucune carte dans le lecteur");
  CHECK_STR(rppsplus_generation_name(RPPSPLUS_GENERATION_CPS4), "cps4");
  CHECK_STR(rppsplus_generation_name(RPPSPLUS_GENERATION_NONE), "unknown");
  CHECK_STR(rppsplus_card_type_name(RPPSPLUS_CARD_TYPE_CPS), "CPS");
  CHECK_STR(rppsplus_card_type_name(7), "unknown");
}

static void readers_list(const char *reader) {
  rppsplus_readers *readers = NULL;
  size_t i, found = SIZE_MAX;
  CHECK_CODE(rppsplus_card_readers(&readers), RPPSPLUS_RESULT_OK);
  for (i = 0; i < rppsplus_readers_len(readers); i++) {
    rppsplus_str name = rppsplus_readers_name_at(readers, i);
    if (name.len == strlen(reader) && memcmp(name.data, reader, name.len) == 0) found = i;
  }
  CHECK(found != SIZE_MAX);
  CHECK(rppsplus_readers_is_card_present_at(readers, found));
  CHECK_NONE(rppsplus_readers_name_at(readers, rppsplus_readers_len(readers)));
  CHECK(!rppsplus_readers_is_card_present_at(readers, rppsplus_readers_len(readers)));
  rppsplus_readers_free(readers);
}

/* Reads the card of the reader named `name` (NULL: the first reader holding a card). */
static void read_card(const char *name) {
  rppsplus_card *card = NULL;
  const rppsplus_holder *holder;
  char small[8], *json;
  size_t len = 0, needed = 0;

  CHECK_CODE(rppsplus_card_read(name, name ? strlen(name) : 0, &card), RPPSPLUS_RESULT_OK);
  if (card == NULL) return;
  CHECK(rppsplus_card_generation(card) == RPPSPLUS_GENERATION_CPS3);
  CHECK(rppsplus_card_type_of(card) == RPPSPLUS_CARD_TYPE_CPS);
  CHECK_VIEW(rppsplus_card_serial(card), SIM_SERIAL);
  holder = rppsplus_card_holder(card);
  CHECK_VIEW(rppsplus_holder_id_nat(holder), SIM_ID_NAT);
  CHECK_VIEW(rppsplus_holder_id_nat_type(holder), "8");
  CHECK_VIEW(rppsplus_holder_rpps(holder), SIM_RPPS);
  CHECK_VIEW(rppsplus_holder_nom(holder), "SYNTHETIQUE");
  CHECK_VIEW(rppsplus_holder_profession(holder), "M\xc3\xa9" "decin");
  CHECK(rppsplus_holder_prenom(holder).len > 0);

  /* JSON: the length first, a buffer one byte short (only the length written), then enough. */
  CHECK_CODE(rppsplus_card_to_json(card, NULL, 0, &needed), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  memset(small, 'x', sizeof small);
  CHECK_CODE(rppsplus_card_to_json(card, small, sizeof small, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK(len == needed && small[0] == 'x' && small[7] == 'x');
  CHECK_CODE(rppsplus_card_to_json(card, NULL, 8, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  json = (char *)malloc(needed + 1);
  if (json != NULL) {
    CHECK_CODE(rppsplus_card_to_json(card, json, needed, &len), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
    CHECK_CODE(rppsplus_card_to_json(card, json, needed + 1, &len), RPPSPLUS_RESULT_OK);
    CHECK(len == needed && strlen(json) == needed);
    CHECK(strstr(json, "{\"generation\":\"cps3\",\"card_type\":\"CPS\",\"serial\":\"" SIM_SERIAL "\",") == json);
    CHECK(strstr(json, "\"holder\":{\"id_nat\":\"" SIM_ID_NAT "\",\"id_nat_type\":\"8\",\"rpps\":\"" SIM_RPPS "\"") != NULL);
    free(json);
  }
  CHECK_CODE(rppsplus_holder_to_json(holder, NULL, 0, &needed), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  json = (char *)malloc(needed + 1);
  if (json != NULL) {
    CHECK_CODE(rppsplus_holder_to_json(holder, json, needed + 1, &len), RPPSPLUS_RESULT_OK);
    CHECK(strstr(json, "{\"id_nat\":\"" SIM_ID_NAT "\",") == json);
    free(json);
  }
  rppsplus_card_free(card);
}

static void through_pcscd(const char *reader) {
  uint8_t tries = 77;
  rppsplus_card *card = NULL;

  readers_list(reader);
  read_card(reader);
  read_card(NULL);
  CHECK_CODE(rppsplus_card_read("no such reader", 14, &card), RPPSPLUS_RESULT_UNKNOWN_READER);
  CHECK(card == NULL);

  check_status(reader, 3, false);
  CHECK_CODE(verify(reader, "9999", &tries), RPPSPLUS_RESULT_WRONG_PIN);
  CHECK(tries == 2);
  check_status(reader, 2, false);
  /* Refused before anything is sent: the counter is untouched, tries_left_out too. */
  tries = 77;
  CHECK_CODE(verify(reader, "12", &tries), RPPSPLUS_RESULT_INVALID_PIN);
  CHECK_CODE(verify(reader, "123456789", &tries), RPPSPLUS_RESULT_INVALID_PIN);
  CHECK(tries == 77);
  check_status(reader, 2, false);
  CHECK_CODE(verify(reader, SIM_PIN, &tries), RPPSPLUS_RESULT_OK);
  CHECK(tries == 77);
  check_status(reader, 3, false);
}

int main(int argc, char **argv) {
  if (argc > 1) {
    through_pcscd(argv[1]);
  } else {
    if (setenv("RPPSPLUS_PCSC_LIBRARY", "/nonexistent/libpcsclite.so.1", 1) != 0) return 2;
    misuse_without_service();
  }
  return check_report();
}
