/*
 * A vendor's own shared library that links librppsplus.a: it exports its own function only.
 * scripts/test-install-c.sh builds it with -Wl,--exclude-libs,ALL (and with the version script
 * vendor_plugin.map), counts its exported symbols and calls it from vendor_app.c.
 */
#include <string.h>

#include "rppsplus.h"

/* 1 when `rpps` is a valid RPPS number, 0 when not, -1 when librppsplus is not the version
   this plug-in was built for. */
__attribute__((visibility("default"))) int vendor_rpps_is_valid(const char *rpps) {
  if (rppsplus_check_version(RPPSPLUS_VERSION_NUMBER) != RPPSPLUS_RESULT_OK) return -1;
  return rppsplus_is_valid(RPPSPLUS_KIND_RPPS, rpps, strlen(rpps)) ? 1 : 0;
}
