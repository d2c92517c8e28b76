/* The second translation unit of tu_a.c. */
#include <string.h>

#include "rppsplus.h"

int tu_b_validate(const char *input);

int tu_b_validate(const char *input) {
  size_t len = 0;
  return rppsplus_rpps_validate(input, strlen(input), NULL, 0, &len, NULL) == RPPSPLUS_RESULT_INSUFFICIENT_SIZE;
}
