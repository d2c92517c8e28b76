/*
 * The smallest use of the library: one country code validated. scripts/test-c.sh runs it
 * under valgrind --leak-check=full --error-exitcode=1 with rppsplus-ffi/valgrind.supp and
 * no other option: the only memory left at exit must be the core's process-wide tables
 * (built once, never freed), which the suppression file names.
 */
#include "check.h"

int main(void) {
  char out[8];
  size_t len = 0;
  CHECK_CODE(rppsplus_pays_validate("99350", 5, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_OK);
  CHECK_STR(out, "99350");
  return check_report();
}
