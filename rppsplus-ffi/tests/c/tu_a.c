/* Two translation units that both include the header, linked together: the header
 * defines nothing that would collide (wasmtime's double-include check). */
#include "check.h"

int tu_b_validate(const char *input);

int main(void) {
  size_t len = 0;
  char out[16];
  CHECK_CODE(rppsplus_rpps_validate("10107985318", 11, out, sizeof out, &len, NULL), RPPSPLUS_RESULT_OK);
  CHECK(tu_b_validate("10107985318") == 1);
  CHECK(tu_b_validate("10107985319") == 0);
  return check_report();
}
