/*
 * A negative control for rppsplus-ffi/valgrind.supp: this program forgets to free the list
 * rppsplus_lookup gave it. scripts/test-c.sh expects valgrind, with the suppressions, to
 * report it as definitely lost and exit 1: the file hides the core's tables, not leaks.
 */
#include "rppsplus.h"

int main(void) {
  rppsplus_entries *found = NULL;
  return rppsplus_lookup("commune", 7, "paris", 5, "2026-11-23", 10, 3, &found) == RPPSPLUS_RESULT_OK ? 0 : 2;
}
