#ifndef STANCEGRAPH_COMMON_H
#define STANCEGRAPH_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SG_VERSION_MAJOR 0
#define SG_VERSION_MINOR 1
#define SG_VERSION_PATCH 0
#define SG_VERSION_STRING "0.1.0"

/* Error codes. Every fallible function returns 0 or one of these; the
 * matching one-line message is available from sg_error_last(). The CLI maps
 * SG_EINVALID to exit code 3, SG_EUSAGE to 2 and everything else to 1. */
typedef enum {
    SG_OK = 0,
    SG_ENOMEM = -1,   /* allocation failed */
    SG_EIO = -2,      /* file could not be read or written */
    SG_EINVALID = -3, /* the input is malformed or inconsistent */
    SG_EUSAGE = -4,   /* a caller passed an invalid option or argument */
    SG_EIGRAPH = -5,  /* igraph reported an error */
    SG_ELIMIT = -6,   /* a documented resource limit was reached */
    SG_EINTERNAL = -7 /* a bug: please report it */
} sg_error_code;

/* The message of the most recent failure in this thread, or "" when none.
 * The pointer stays valid until the next failing call. */
const char *sg_error_last(void);

/* Forget the last message. */
void sg_error_clear(void);

/* Short human-readable name of an error code ("invalid input", ...). */
const char *sg_error_name(int code);

/* A list of messages collected while reading or checking input, so that a
 * user sees every problem at once instead of fixing them one run at a time.
 * Errors and warnings are kept in the order found; after `cap` errors further
 * ones are only counted. */
typedef struct sg_diag sg_diag;

typedef enum { SG_DIAG_ERROR = 0, SG_DIAG_WARNING = 1 } sg_diag_level;

/* New empty list keeping at most `cap` errors (0 = a default of 50). NULL on
 * allocation failure. */
sg_diag *sg_diag_new(size_t cap);
void sg_diag_free(sg_diag *diag);

size_t sg_diag_count(const sg_diag *diag);
/* Errors found, including those beyond the cap. */
size_t sg_diag_errors(const sg_diag *diag);
size_t sg_diag_warnings(const sg_diag *diag);
const char *sg_diag_message(const sg_diag *diag, size_t i);
sg_diag_level sg_diag_level_at(const sg_diag *diag, size_t i);

/* Threads the library may use for parsing, projection and metrics: 0 (the
 * default) = one per online CPU, 1 = only the calling thread. Results are
 * byte-identical for any setting. Process-wide: set it before calling into
 * the library, not while a call runs. SG_EUSAGE above 64. */
int sg_threads_set(unsigned n);
/* The threads a call may use (>= 1): the setting, or the online CPUs. */
unsigned sg_threads_get(void);

/* Progress of the long steps (projection, ...), for a display: fn(share,
 * ctx) with share in [0, 1] of the step under way, called from the thread
 * that called the library, at most about a hundred times per step. NULL
 * turns it off. Process-wide like sg_threads_set(). */
typedef void (*sg_progress_fn)(double share, void *ctx);
void sg_progress_set(sg_progress_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
