#ifndef SG_ALLOC_H
#define SG_ALLOC_H

/* Zeroed arrays for the network builder and the analysis modules. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/util.h"

/* n zeroed elements of `size` bytes; never calloc(0), whose NULL would
 * read as a failure. Big arrays come from sg_alloc_big (huge pages; calloc
 * may hand out recycled heap that it clears page by page). NULL on
 * allocation failure (no message set). */
static inline void *sg_zalloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    if (n * size < ((size_t)2 << 20))
        return calloc(n ? n : 1, size);
    void *p = sg_alloc_big(n * size);
    return p ? memset(p, 0, n * size) : NULL;
}

#endif
