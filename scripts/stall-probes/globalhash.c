#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void use_global_futex_hash(void) {
    int rc = prctl(78 /* PR_FUTEX_HASH */, 1 /* SET_SLOTS */, 0, 0, 0);
    if (getenv("GLOBALHASH_VERBOSE")) fprintf(stderr, "globalhash: SET_SLOTS 0 -> %d\n", rc);
}
