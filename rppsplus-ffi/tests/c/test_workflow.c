/*
 * The lifecycle of a demande from C (docs/lifecycle.md).
 *
 *   test_workflow SCENARIO.tsv JOURNAL
 *
 * SCENARIO.tsv is examples/data/scenario.json as scripts/test-c.sh converts it (the one
 * source of the scenario): a first line with the demande's JSON in hex, then one line per
 * event, `event<TAB>actor<TAB>at<TAB>rpps<TAB>motif-hex<TAB>demande-hex` ("-" when absent).
 * JOURNAL is a path this test may create, cut and remove.
 *
 * The scenario plays on a demande alone and on a registry kept in JOURNAL; the journal is
 * cut in its last line (a crash) and reopened, then edited by hand and refused; a refused
 * transition names the events allowed, a failed guard hands its report to the report
 * accessors, a second demande for a pending person is refused; misuse. Every handle is
 * freed: valgrind's leak check runs on this binary.
 */
#include <stdlib.h>

#include "check.h"

#define CHECK_NONE(got) CHECK((got).data == NULL && (got).len == 0)
#define MAX_STEPS 16
#define MAX_TEXT 4096

/* One event of the scenario. */
typedef struct {
  rppsplus_event event;
  rppsplus_actor actor;
  char at[64];
  char rpps[32];
  char motif[256];
  char demande[MAX_TEXT];
} step;

static char demande_json[MAX_TEXT];
static step steps[MAX_STEPS];
static size_t step_count = 0;

static rppsplus_event event_named(const char *name) {
  rppsplus_event e;
  for (e = 0; e < 64; e++) {
    if (strcmp(rppsplus_event_name(e), name) == 0) return e;
  }
  fprintf(stderr, "no event %s\n", name);
  exit(2);
}

static rppsplus_actor actor_named(const char *name) {
  rppsplus_actor a;
  for (a = 0; a < 64; a++) {
    if (strcmp(rppsplus_actor_name(a), name) == 0) return a;
  }
  fprintf(stderr, "no actor %s\n", name);
  exit(2);
}

/* Decodes a hex field ("-": empty) into `out` (NUL-terminated). */
static void unhex(const char *hex, char *out, size_t cap) {
  size_t n = 0;
  unsigned byte;
  if (strcmp(hex, "-") == 0) {
    out[0] = '\0';
    return;
  }
  while (hex[0] && hex[1] && n + 1 < cap && sscanf(hex, "%2x", &byte) == 1) {
    out[n++] = (char)byte;
    hex += 2;
  }
  out[n] = '\0';
}

/* A plain field ("-": empty). */
static void field(const char *text, char *out, size_t cap) {
  if (strcmp(text, "-") == 0) text = "";
  snprintf(out, cap, "%s", text);
}

static void read_scenario(const char *path) {
  static char line[3 * MAX_TEXT];
  FILE *f = fopen(path, "r");
  if (f == NULL || fgets(line, sizeof line, f) == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    exit(2);
  }
  line[strcspn(line, "\n")] = '\0';
  unhex(line, demande_json, sizeof demande_json);
  while (step_count < MAX_STEPS && fgets(line, sizeof line, f) != NULL) {
    step *s = &steps[step_count++];
    char *parts[6];
    size_t i;
    line[strcspn(line, "\n")] = '\0';
    parts[0] = strtok(line, "\t");
    for (i = 1; i < 6; i++) parts[i] = strtok(NULL, "\t");
    if (parts[5] == NULL) {
      fprintf(stderr, "a bad line in %s\n", path);
      exit(2);
    }
    s->event = event_named(parts[0]);
    s->actor = actor_named(parts[1]);
    field(parts[2], s->at, sizeof s->at);
    field(parts[3], s->rpps, sizeof s->rpps);
    unhex(parts[4], s->motif, sizeof s->motif);
    unhex(parts[5], s->demande, sizeof s->demande);
  }
  fclose(f);
}

/* A text argument: NULL with 0 when empty (absent). */
#define TEXT(s) ((s)[0] ? (s) : NULL), strlen(s)

/* The command of step `i`; the first carries the scenario's demande. */
static rppsplus_command *command_of(size_t i) {
  rppsplus_command *c = NULL;
  const step *s = &steps[i];
  const char *content = s->demande[0] ? s->demande : (i == 0 ? demande_json : "");
  CHECK_CODE(rppsplus_command_new(s->event, s->actor, &c), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_command_set_at(c, TEXT(s->at)), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_command_set_rpps(c, TEXT(s->rpps)), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_command_set_motif(c, TEXT(s->motif)), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_command_set_demande(c, TEXT(content)), RPPSPLUS_RESULT_OK);
  return c;
}

/* A simple command: an event by an actor, with an optional content and time. */
static rppsplus_command *command(rppsplus_event event, rppsplus_actor actor, const char *json, const char *at) {
  rppsplus_command *c = NULL;
  CHECK_CODE(rppsplus_command_new(event, actor, &c), RPPSPLUS_RESULT_OK);
  if (json) CHECK_CODE(rppsplus_command_set_demande(c, json, strlen(json)), RPPSPLUS_RESULT_OK);
  if (at) CHECK_CODE(rppsplus_command_set_at(c, at, strlen(at)), RPPSPLUS_RESULT_OK);
  return c;
}

/* A text output read the documented way (the length, then the text), in a new buffer the
 * caller frees; NULL when the call fails. `CALL` uses `out`, `out_cap` and `out_len`. */
#define READ_TEXT(result, CALL)                                                                                        \
  do {                                                                                                                 \
    size_t need = 0, got = 0;                                                                                          \
    char *out = NULL;                                                                                                  \
    size_t out_cap = 0, *out_len = &need;                                                                              \
    (result) = NULL;                                                                                                   \
    if ((CALL) == RPPSPLUS_RESULT_INSUFFICIENT_SIZE) {                                                                 \
      out_cap = need + 1;                                                                                              \
      out = (char *)malloc(out_cap);                                                                                   \
      out_len = &got;                                                                                                  \
      if ((CALL) == RPPSPLUS_RESULT_OK && got == need) {                                                               \
        (result) = out;                                                                                                \
      } else {                                                                                                         \
        free(out);                                                                                                     \
      }                                                                                                                \
    }                                                                                                                  \
  } while (0)

static char *demande_json_of(const rppsplus_demande *d) {
  char *text;
  READ_TEXT(text, rppsplus_demande_to_json(d, out, out_cap, out_len));
  CHECK(text != NULL);
  return text;
}

static char *history_of(const rppsplus_demande *d) {
  char *text;
  READ_TEXT(text, rppsplus_demande_history_to_json(d, out, out_cap, out_len));
  CHECK(text != NULL);
  return text;
}

static char *dossier_of(const rppsplus_registry *r, const char *rpps, bool public_view) {
  char *text;
  if (public_view) {
    READ_TEXT(text, rppsplus_registry_public_dossier_to_json(r, rpps, strlen(rpps), out, out_cap, out_len));
  } else {
    READ_TEXT(text, rppsplus_registry_dossier_to_json(r, rpps, strlen(rpps), out, out_cap, out_len));
  }
  return text;
}

/* Whether a view (not NUL-terminated) holds `what`. */
static bool view_has(rppsplus_str view, const char *what) {
  size_t n = strlen(what), i;
  for (i = 0; view.data != NULL && i + n <= view.len; i++) {
    if (memcmp(view.data + i, what, n) == 0) return true;
  }
  return false;
}

static size_t count(const char *text, const char *what) {
  size_t n = 0;
  for (text = strstr(text, what); text != NULL; text = strstr(text + 1, what)) n++;
  return n;
}

/* The scenario on a demande alone: the statut, label, number and history the CLI gives. */
static void scenario_alone(void) {
  rppsplus_demande *d = NULL, *again = NULL;
  rppsplus_workflow_error *error = NULL;
  rppsplus_event events[16];
  size_t i, n = 99;
  char *json, *json_again, *history;

  for (i = 0; i < step_count; i++) {
    rppsplus_command *c = command_of(i);
    if (i == 0) {
      CHECK_CODE(rppsplus_demande_create(c, &d, &error), RPPSPLUS_RESULT_OK);
    } else {
      CHECK_CODE(rppsplus_demande_apply(d, c, &error), RPPSPLUS_RESULT_OK);
    }
    CHECK(error == NULL);
    rppsplus_command_free(c);
  }
  CHECK(rppsplus_demande_status(d) == RPPSPLUS_STATUS_VALIDEE_RPPS);
  CHECK_STR(rppsplus_status_name(rppsplus_demande_status(d)), "validee_rpps");
  CHECK_VIEW(rppsplus_demande_label(d), "Enregistrement RPPS valid\xc3\xa9");
  CHECK_VIEW(rppsplus_demande_numero(d), "P20261123093000");
  CHECK(rppsplus_demande_is_terminal(d) && !rppsplus_demande_is_discarded(d));
  CHECK_CODE(rppsplus_demande_allowed(d, RPPSPLUS_ACTOR_RPPS, events, 16, &n), RPPSPLUS_RESULT_OK);
  CHECK(n == 0);
  history = history_of(d);
  CHECK(history != NULL && count(history, "\"event\"") == step_count);
  CHECK(history != NULL && strstr(history, "\"rpps\":\"10107985318\"") != NULL);
  json = demande_json_of(d);
  CHECK_CODE(rppsplus_demande_from_json(json, strlen(json), &again, &error), RPPSPLUS_RESULT_OK);
  json_again = demande_json_of(again);
  CHECK_STR(json_again, json);
  free(json_again);
  free(json);
  free(history);
  rppsplus_demande_free(again);
  rppsplus_demande_free(d);
}

/* Plays the scenario on a registry; writes the demande number to `numero`. */
static void play(const rppsplus_registry *r, char numero[16]) {
  size_t i, len = 0;
  for (i = 0; i < step_count; i++) {
    rppsplus_command *c = command_of(i);
    if (i == 0) {
      CHECK_CODE(rppsplus_registry_create(r, c, numero, 16, &len, NULL), RPPSPLUS_RESULT_OK);
      CHECK(len == 15);
    } else {
      CHECK_CODE(rppsplus_registry_apply(r, numero, 15, c, NULL), RPPSPLUS_RESULT_OK);
    }
    rppsplus_command_free(c);
  }
}

static rppsplus_status status_in(const rppsplus_registry *r, const char *numero) {
  rppsplus_demande *d = NULL;
  rppsplus_status status;
  CHECK_CODE(rppsplus_registry_demande(r, numero, strlen(numero), &d), RPPSPLUS_RESULT_OK);
  status = rppsplus_demande_status(d);
  rppsplus_demande_free(d);
  return status;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *bytes;
  long size;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  bytes = (char *)malloc((size_t)size + 1);
  *len = fread(bytes, 1, (size_t)size, f);
  bytes[*len] = '\0';
  fclose(f);
  return bytes;
}

static void write_file(const char *path, const char *bytes, size_t len) {
  FILE *f = fopen(path, "wb");
  CHECK(f != NULL && fwrite(bytes, 1, len, f) == len);
  if (f) fclose(f);
}

/* The scenario on a registry kept in a journal; the journal cut by a crash, then edited. */
static void journal(const char *path) {
  const rppsplus_registry *r = NULL;
  rppsplus_workflow_error *error = NULL;
  rppsplus_command *last;
  char numero[16];
  char *full, *cut_journal, *edited, *found, *dossier;
  size_t full_len = 0, cut_len = 0, cut, lines;

  remove(path);
  CHECK_CODE(rppsplus_registry_open(path, strlen(path), RPPSPLUS_DURABILITY_FSYNC, &r, &error), RPPSPLUS_RESULT_OK);
  play(r, numero);
  {
    /* One registry at a time holds a journal. */
    const rppsplus_registry *again = NULL;
    CHECK_CODE(rppsplus_registry_open(path, strlen(path), RPPSPLUS_DURABILITY_FSYNC, &again, &error),
               RPPSPLUS_RESULT_JOURNAL_LOCKED);
    CHECK(again == NULL && error != NULL);
    rppsplus_workflow_error_free(error);
    error = NULL;
  }
  dossier = dossier_of(r, "10107985318", true);
  CHECK(dossier != NULL && strstr(dossier, "\"situations\":[{\"id\":\"P20261123093000\"") != NULL);
  CHECK(dossier != NULL && strstr(dossier, "1999-05-05") == NULL && strstr(dossier, "contact") == NULL);
  free(dossier);
  dossier = dossier_of(r, "10107985318", false);
  CHECK(dossier != NULL && strstr(dossier, "1999-05-05") != NULL);
  free(dossier);
  rppsplus_registry_free(r);

  /* A crash in the middle of the last line: reopened, the line is cut off and reported. */
  full = read_file(path, &full_len);
  CHECK(full != NULL && full_len > 0);
  if (full == NULL) return;
  lines = count(full, "\n");
  CHECK(lines == step_count);
  for (cut = full_len - 1; cut > 0 && full[cut - 1] != '\n'; cut--) {
  }
  write_file(path, full, cut + 10);
  CHECK_CODE(rppsplus_registry_open(path, strlen(path), RPPSPLUS_DURABILITY_FLUSH, &r, &error), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_registry_torn_tail_line(r) == lines && rppsplus_registry_torn_tail_bytes(r) == 10);
  CHECK(status_in(r, numero) == RPPSPLUS_STATUS_ENVOYEE_RPPS);
  CHECK(dossier_of(r, "10107985318", true) == NULL);
  cut_journal = read_file(path, &cut_len);
  CHECK(cut_journal != NULL && cut_len == cut);
  free(cut_journal);
  /* The RPPS accepts again, in a batch synced once. */
  last = command_of(step_count - 1);
  CHECK_CODE(rppsplus_registry_apply(r, numero, 15, last, &error), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_registry_sync(r, &error), RPPSPLUS_RESULT_OK);
  CHECK(error == NULL);
  rppsplus_command_free(last);
  rppsplus_registry_free(r);
  cut_journal = read_file(path, &cut_len);
  CHECK(cut_journal != NULL && cut_len == full_len && memcmp(cut_journal, full, full_len) == 0);
  free(cut_journal);

  /* Edited by hand into an impossible history: refused with its line, left as it is. */
  found = strstr(full, "\"soumettre\"");
  CHECK(found != NULL);
  if (found != NULL) {
    size_t at = (size_t)(found - full);
    edited = (char *)malloc(full_len + 16);
    memcpy(edited, full, at);
    memcpy(edited + at, "\"valider\"", 9);
    memcpy(edited + at + 9, found + 11, full_len - at - 11);
    write_file(path, edited, full_len - 2);
    r = NULL;
    CHECK_CODE(rppsplus_registry_open(path, strlen(path), RPPSPLUS_DURABILITY_FSYNC, &r, &error),
               RPPSPLUS_RESULT_JOURNAL_CORRUPT);
    CHECK(r == NULL && error != NULL);
    CHECK_CODE(rppsplus_workflow_error_result(error), RPPSPLUS_RESULT_JOURNAL_CORRUPT);
    CHECK_CODE(rppsplus_workflow_error_cause(error), RPPSPLUS_RESULT_TRANSITION_REFUSED);
    CHECK(rppsplus_workflow_error_line(error) == 2);
    CHECK(rppsplus_workflow_error_message(error, RPPSPLUS_LANG_EN).len > 0);
    rppsplus_workflow_error_free(error);
    error = NULL;
    cut_journal = read_file(path, &cut_len);
    CHECK(cut_journal != NULL && cut_len == full_len - 2 && memcmp(cut_journal, edited, cut_len) == 0);
    free(cut_journal);
    free(edited);
  }
  free(full);
  remove(path);
}

/* A refused transition names what the actor may send, and changes nothing. */
static void refused(void) {
  rppsplus_command *create = command(RPPSPLUS_EVENT_CREER, RPPSPLUS_ACTOR_GESTIONNAIRE,
                                     "{\"procedure\": \"primo_enregistrement\"}", NULL);
  rppsplus_command *accept = command(RPPSPLUS_EVENT_ACCEPTER, RPPSPLUS_ACTOR_RPPS, NULL, NULL);
  rppsplus_command *take = command(RPPSPLUS_EVENT_PRENDRE_EN_CHARGE, RPPSPLUS_ACTOR_GESTIONNAIRE, NULL, NULL);
  rppsplus_demande *d = NULL;
  rppsplus_workflow_error *error = NULL;
  rppsplus_event events[16];
  size_t n = 99;
  char *before, *after;

  CHECK_CODE(rppsplus_demande_create(create, &d, NULL), RPPSPLUS_RESULT_OK);
  before = demande_json_of(d);
  CHECK_CODE(rppsplus_demande_apply(d, accept, &error), RPPSPLUS_RESULT_TRANSITION_REFUSED);
  CHECK_CODE(rppsplus_workflow_error_allowed(error, events, 16, &n), RPPSPLUS_RESULT_OK);
  CHECK(n == 0);
  rppsplus_workflow_error_free(error);
  error = NULL;
  CHECK_CODE(rppsplus_demande_apply(d, take, &error), RPPSPLUS_RESULT_TRANSITION_REFUSED);
  CHECK_CODE(rppsplus_workflow_error_allowed(error, NULL, 0, &n), RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK(n == 3);
  CHECK_CODE(rppsplus_workflow_error_allowed(error, events, 16, &n), RPPSPLUS_RESULT_OK);
  CHECK(n == 3 && events[0] == RPPSPLUS_EVENT_VALIDER && events[1] == RPPSPLUS_EVENT_ANNULER &&
        events[2] == RPPSPLUS_EVENT_MODIFIER);
  CHECK(view_has(rppsplus_workflow_error_message(error, RPPSPLUS_LANG_FR), "prendre_en_charge"));
  CHECK(view_has(rppsplus_workflow_error_message(error, RPPSPLUS_LANG_EN), "allowed: valider, annuler, modifier"));
  CHECK(rppsplus_workflow_error_report(error) == NULL);
  CHECK_NONE(rppsplus_workflow_error_numero(error));
  rppsplus_workflow_error_free(error);
  CHECK_CODE(rppsplus_demande_allowed(d, RPPSPLUS_ACTOR_GESTIONNAIRE, events, 16, &n), RPPSPLUS_RESULT_OK);
  CHECK(n == 3 && events[0] == RPPSPLUS_EVENT_VALIDER);
  after = demande_json_of(d);
  CHECK_STR(after, before);
  free(before);
  free(after);
  rppsplus_command_free(create);
  rppsplus_command_free(accept);
  rppsplus_command_free(take);
  rppsplus_demande_free(d);
}

/* A failed guard hands its whole report to the report accessors. */
static void guard(void) {
  rppsplus_command *create = command(RPPSPLUS_EVENT_CREER, RPPSPLUS_ACTOR_GESTIONNAIRE,
                                     "{\"procedure\": \"ajout_situation\"}", "2026-11-23T09:00:00Z");
  rppsplus_command *validate = command(RPPSPLUS_EVENT_VALIDER, RPPSPLUS_ACTOR_GESTIONNAIRE, NULL,
                                       "2026-11-23T09:30:00Z");
  rppsplus_demande *d = NULL;
  rppsplus_workflow_error *error = NULL;
  const rppsplus_report *report;
  size_t i, n;
  bool names_rpps = false;
  char *before, *after;

  CHECK_CODE(rppsplus_demande_create(create, &d, NULL), RPPSPLUS_RESULT_OK);
  before = demande_json_of(d);
  CHECK_CODE(rppsplus_demande_apply(d, validate, &error), RPPSPLUS_RESULT_GUARD_FAILED);
  report = rppsplus_workflow_error_report(error);
  CHECK(report != NULL && !rppsplus_report_is_valid(report));
  n = rppsplus_report_len(report);
  for (i = 0; i < n; i++) {
    rppsplus_str path = rppsplus_report_path_at(report, i);
    if (path.len == 4 && memcmp(path.data, "rpps", 4) == 0) names_rpps = true;
    CHECK(rppsplus_report_message_at(report, i, RPPSPLUS_LANG_FR).len > 0);
  }
  CHECK(n > 0 && names_rpps);
  rppsplus_workflow_error_free(error);
  after = demande_json_of(d);
  CHECK_STR(after, before);
  CHECK(rppsplus_demande_status(d) == RPPSPLUS_STATUS_EN_COURS_ENREGISTREMENT);
  free(before);
  free(after);
  rppsplus_command_free(create);
  rppsplus_command_free(validate);
  rppsplus_demande_free(d);
}

/* One pending demande per RPPS number. */
static void pending(void) {
  static const char modification[] =
      "{\"procedure\": \"modification_informations\", \"rpps\": \"10107985318\", \"contact\": {\"email\": "
      "\"n.dupont@example.org\"}, \"confirmations\": {\"cgu_acceptees\": true, \"rencontre_en_personne\": true}}";
  const rppsplus_registry *r = NULL;
  rppsplus_command *create = command(RPPSPLUS_EVENT_CREER, RPPSPLUS_ACTOR_GESTIONNAIRE, modification, NULL);
  rppsplus_workflow_error *error = NULL;
  char numero[16], first[16], pending_numero[16], small[15];
  size_t len = 0;

  CHECK_CODE(rppsplus_registry_in_memory(&r), RPPSPLUS_RESULT_OK);
  play(r, numero);
  /* Too small for the number: nothing is created. */
  CHECK_CODE(rppsplus_registry_create(r, create, small, sizeof small, &len, &error),
             RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  CHECK(len == 15 && error == NULL);
  CHECK_CODE(rppsplus_registry_pending(r, "10107985318", 11, pending_numero, 16, &len), RPPSPLUS_RESULT_OK);
  CHECK(len == 0);
  CHECK_CODE(rppsplus_registry_create(r, create, first, sizeof first, &len, &error), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_registry_pending(r, "101 0798 5318", 13, pending_numero, 16, &len), RPPSPLUS_RESULT_OK);
  CHECK_STR(pending_numero, first);
  CHECK_CODE(rppsplus_registry_create(r, create, numero, sizeof numero, &len, &error),
             RPPSPLUS_RESULT_PENDING_DEMANDE);
  CHECK_VIEW(rppsplus_workflow_error_numero(error), first);
  rppsplus_workflow_error_free(error);
  CHECK_CODE(rppsplus_registry_dossier_to_json(r, "10107985319", 11, NULL, 0, &len), RPPSPLUS_RESULT_INVALID_CHECKSUM);
  CHECK_CODE(rppsplus_registry_demande(r, "P20991123093000", 15, NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  rppsplus_command_free(create);
  rppsplus_registry_free(r);
}

/* NULL, values that are not constants, free(NULL): refused before anything is read. */
static void misuse(void) {
  rppsplus_command *c = NULL;
  rppsplus_demande *d = NULL;
  const rppsplus_registry *r = NULL;
  rppsplus_workflow_error *error = NULL;
  char out[32];
  size_t len = 0;

  CHECK_CODE(rppsplus_command_new(RPPSPLUS_EVENT_CREER, RPPSPLUS_ACTOR_GESTIONNAIRE, NULL),
             RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_command_new(12, RPPSPLUS_ACTOR_GESTIONNAIRE, &c), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_command_new(RPPSPLUS_EVENT_CREER, 3, &c), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK(c == NULL);
  CHECK_CODE(rppsplus_command_set_motif(NULL, "x", 1), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_command_new(RPPSPLUS_EVENT_CREER, RPPSPLUS_ACTOR_GESTIONNAIRE, &c), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_command_set_motif(c, NULL, 1), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_command_set_motif(c, "\xff", 1), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK_CODE(rppsplus_command_set_rpps(c, "10107985319", 11), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_command_set_demande(c, "{", 1), RPPSPLUS_RESULT_OK);
  /* Checked when used, the RPPS number first: refused with its detail. */
  CHECK_CODE(rppsplus_demande_create(c, &d, &error), RPPSPLUS_RESULT_INVALID_RPPS);
  CHECK(d == NULL && error != NULL);
  CHECK_CODE(rppsplus_workflow_error_cause(error), RPPSPLUS_RESULT_INVALID_RPPS);
  rppsplus_workflow_error_free(error);
  error = NULL;
  CHECK_CODE(rppsplus_command_set_rpps(c, NULL, 0), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_demande_create(c, &d, NULL), RPPSPLUS_RESULT_INVALID_JSON);
  CHECK(d == NULL);
  CHECK_CODE(rppsplus_demande_create(NULL, &d, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_demande_create(c, NULL, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_demande_from_json(NULL, 0, &d, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_demande_apply(NULL, c, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_demande_allowed(NULL, RPPSPLUS_ACTOR_RPPS, NULL, 0, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_demande_to_json(NULL, out, sizeof out, &len), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK(error == NULL && d == NULL);
  CHECK(rppsplus_demande_status(NULL) == RPPSPLUS_STATUS_NONE);
  CHECK_NONE(rppsplus_demande_numero(NULL));
  CHECK_NONE(rppsplus_demande_label(NULL));
  CHECK_CODE(rppsplus_registry_in_memory(NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_registry_open(NULL, 0, RPPSPLUS_DURABILITY_FSYNC, &r, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_registry_open("j.jsonl", 7, 2, &r, &error), RPPSPLUS_RESULT_INVALID_PARAMETER);
  CHECK_CODE(rppsplus_registry_open("\xff", 1, RPPSPLUS_DURABILITY_FSYNC, &r, &error), RPPSPLUS_RESULT_INVALID_UTF8);
  CHECK(r == NULL && error == NULL);
  CHECK_CODE(rppsplus_registry_create(NULL, c, out, sizeof out, &len, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_registry_apply(NULL, "P20261123093000", 15, c, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_registry_in_memory(&r), RPPSPLUS_RESULT_OK);
  CHECK_CODE(rppsplus_registry_apply(r, "P2026", 5, c, &error), RPPSPLUS_RESULT_INVALID_LENGTH);
  CHECK_CODE(rppsplus_registry_import_dossier(r, NULL, 0, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_registry_sync(NULL, &error), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_CODE(rppsplus_registry_sync(r, &error), RPPSPLUS_RESULT_OK);
  CHECK(rppsplus_registry_torn_tail_line(r) == 0 && rppsplus_registry_torn_tail_bytes(NULL) == 0);
  CHECK(error == NULL);
  CHECK_CODE(rppsplus_workflow_error_result(NULL), RPPSPLUS_RESULT_NULL_PARAMETER);
  CHECK_NONE(rppsplus_workflow_error_message(NULL, RPPSPLUS_LANG_FR));
  CHECK(rppsplus_workflow_error_index(NULL) == SIZE_MAX && rppsplus_workflow_error_line(NULL) == 0);
  CHECK_STR(rppsplus_event_name(12), "unknown");
  CHECK_STR(rppsplus_status_name(RPPSPLUS_STATUS_NONE), "unknown");
  CHECK_STR(rppsplus_durability_name(RPPSPLUS_DURABILITY_FLUSH), "flush");
  CHECK_NONE(rppsplus_status_label(RPPSPLUS_STATUS_NONE));
  CHECK(rppsplus_status_is_terminal(RPPSPLUS_STATUS_REJET_TECHNIQUE) &&
        !rppsplus_status_is_terminal(RPPSPLUS_STATUS_ENVOYEE_RPPS));
  CHECK_STR(rppsplus_result_name(RPPSPLUS_RESULT_JOURNAL_IO), "journal_io");
  CHECK_CODE(rppsplus_result_message(RPPSPLUS_RESULT_PENDING_DEMANDE, RPPSPLUS_LANG_EN, out, sizeof out, &len),
             RPPSPLUS_RESULT_INSUFFICIENT_SIZE);
  rppsplus_command_free(c);
  rppsplus_command_free(NULL);
  rppsplus_demande_free(NULL);
  rppsplus_registry_free(r);
  rppsplus_registry_free(NULL);
  rppsplus_workflow_error_free(NULL);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: test_workflow SCENARIO.tsv JOURNAL\n");
    return 2;
  }
  read_scenario(argv[1]);
  CHECK(step_count >= 2);
  scenario_alone();
  journal(argv[2]);
  refused();
  guard();
  pending();
  misuse();
  return check_report();
}
