#ifndef SG_ERROR_H
#define SG_ERROR_H

/* The library's error reporting: the last error message and diagnostics
 * lists. The bottom of the tree: it depends on nothing of the library's. */

#include "stancegraph/common.h"

/* Record the message for sg_error_last() and return `code`. */
int sg_seterr(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A failed system call: the message is the formatted text followed by
 * ": " and strerror(err), and the code SG_EIO; except that ENOMEM is what
 * it is, SG_ENOMEM with "out of memory", so that running out of memory
 * reads the same wherever it happens. */
int sg_seterr_sys(int err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append a message to a diagnostics list (NULL is allowed and ignored).
 * Returns SG_ENOMEM only when the list itself cannot grow. */
int sg_diag_add(sg_diag *diag, sg_diag_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
