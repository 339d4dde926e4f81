#ifndef SG_ALLOC_H
#define SG_ALLOC_H

/* Zeroed arrays for the network builder and the analysis modules. */

#include <stdlib.h>

/* n zeroed elements of `size` bytes; never calloc(0), whose NULL would
 * read as a failure. NULL on allocation failure (no message set). */
static inline void *sg_zalloc(size_t n, size_t size)
{
    return calloc(n ? n : 1, size);
}

#endif
