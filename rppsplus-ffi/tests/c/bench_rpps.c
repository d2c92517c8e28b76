/*
 * Micro-benchmark of rppsplus_rpps_validate: the per-call overhead of the C API (target:
 * under 100 ns per call). Prints ns/call for a few inputs; asserts nothing about timing.
 *
 * usage: bench_rpps [calls-per-input]   (default 10000000)
 * Run with scripts/bench-c.sh (-O2, release staticlib).
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rppsplus.h"

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  static const char *const inputs[] = {
      "10107985318",   /* valid */
      "101 0798 5318", /* valid, with separators */
      "10107985319",   /* wrong key */
      "1010798531",    /* too short */
  };
  long calls = argc > 1 ? atol(argv[1]) : 10000000L;
  volatile unsigned long sink = 0;
  size_t i;
  double total_ns = 0;
  long total_calls = 0;
  if (calls <= 0) {
    fprintf(stderr, "usage: %s [calls-per-input]\n", argv[0]);
    return 2;
  }
  printf("rppsplus %s, %ld calls per input\n", rppsplus_version(), calls);
  for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    const char *input = inputs[i];
    size_t n = strlen(input), len = 0;
    char out[16];
    long k;
    double start, elapsed;
    rppsplus_result rc = 0;
    for (k = 0; k < calls / 100 + 1; k++) { /* warm-up */
      rc = rppsplus_rpps_validate(input, n, out, sizeof out, &len, NULL);
    }
    start = now_ns();
    for (k = 0; k < calls; k++) {
      rc = rppsplus_rpps_validate(input, n, out, sizeof out, &len, NULL);
      sink += rc + len;
    }
    elapsed = now_ns() - start;
    total_ns += elapsed;
    total_calls += calls;
    printf("%-16s %-18s %6.1f ns/call\n", input, rppsplus_result_name(rc), elapsed / (double)calls);
  }
  printf("mean: %.1f ns/call (sink %lu)\n", total_ns / (double)total_calls, (unsigned long)sink);
  return 0;
}
