/* The header compiles on its own (and twice: the include guard works), as C99 and as
 * C++. scripts/test-c.sh compiles this file with -c only. */
#include "rppsplus.h"
#include "rppsplus.h"

/* Something to compile, using only the header's declarations. */
typedef rppsplus_result (*rppsplus_test_validate_fn)(const char *, size_t, char *, size_t, size_t *, rppsplus_warning *);
static const rppsplus_test_validate_fn rppsplus_test_fn = rppsplus_rpps_validate;
const void *rppsplus_test_header_only(void);
const void *rppsplus_test_header_only(void) { return (const void *)&rppsplus_test_fn; }
