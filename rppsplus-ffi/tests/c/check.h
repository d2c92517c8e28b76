/*
 * A tiny test harness shared by the C tests: CHECK* macros count passed and failed
 * checks, check_report() prints "N passed, M failed" and gives the exit status.
 * Written in the common subset of C99 and C++ so every test also compiles as C++.
 */
#ifndef RPPSPLUS_TEST_CHECK_H
#define RPPSPLUS_TEST_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rppsplus.h"

static unsigned long check_passed = 0;
static unsigned long check_failed = 0;

static inline int check_true(int ok, const char *what, const char *file, int line) {
  if (ok) {
    check_passed++;
  } else {
    check_failed++;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
  }
  return ok;
}

static inline int check_code(uint32_t got, uint32_t expected, const char *what, const char *file, int line) {
  if (got == expected) {
    check_passed++;
    return 1;
  }
  check_failed++;
  fprintf(stderr, "%s:%d: %s: got %s (%u), expected %s (%u)\n", file, line, what, rppsplus_result_name(got),
          (unsigned)got, rppsplus_result_name(expected), (unsigned)expected);
  return 0;
}

static inline int check_str(const char *got, const char *expected, const char *what, const char *file, int line) {
  if (got != NULL && strcmp(got, expected) == 0) {
    check_passed++;
    return 1;
  }
  check_failed++;
  fprintf(stderr, "%s:%d: %s: got \"%s\", expected \"%s\"\n", file, line, what, got ? got : "(null)", expected);
  return 0;
}

/* Whether a view holds exactly `expected`. */
static inline int view_is(rppsplus_str s, const char *expected, const char *what, const char *file, int line) {
  size_t n = strlen(expected);
  if (s.data != NULL && s.len == n && memcmp(s.data, expected, n) == 0) {
    check_passed++;
    return 1;
  }
  check_failed++;
  fprintf(stderr, "%s:%d: %s: got \"%.*s\"%s, expected \"%s\"\n", file, line, what, s.data ? (int)s.len : 0,
          s.data ? s.data : "", s.data ? "" : " (NULL)", expected);
  return 0;
}

/* Prints the final line and returns the process exit status. */
static inline int check_report(void) {
  printf("%lu passed, %lu failed\n", check_passed, check_failed);
  return check_failed == 0 && check_passed > 0 ? 0 : 1;
}

#define CHECK(cond) check_true((cond) ? 1 : 0, #cond, __FILE__, __LINE__)
#define CHECK_CODE(got, expected) check_code((got), (uint32_t)(expected), #got, __FILE__, __LINE__)
#define CHECK_STR(got, expected) check_str((got), (expected), #got, __FILE__, __LINE__)
#define CHECK_VIEW(got, expected) view_is((got), (expected), #got, __FILE__, __LINE__)

#endif /* RPPSPLUS_TEST_CHECK_H */
