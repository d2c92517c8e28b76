/* Calls the vendor's plug-in (vendor_plugin.c), which holds librppsplus inside it. */
#include <stdio.h>

int vendor_rpps_is_valid(const char *rpps);

int main(void) {
  int good = vendor_rpps_is_valid("10107985318"), bad = vendor_rpps_is_valid("10107985319");
  printf("10107985318 %d, 10107985319 %d\n", good, bad);
  return good == 1 && bad == 0 ? 0 : 1;
}
