/* Error messages and diagnostics lists. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/error.h"

static _Thread_local char last_message[1024];

const char *sg_error_last(void) { return last_message; }

void sg_error_clear(void) { last_message[0] = '\0'; }

int sg_seterr(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    return code;
}

int sg_seterr_sys(int err, const char *fmt, ...)
{
    if (err == ENOMEM)
        return sg_seterr(SG_ENOMEM, "out of memory");
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return sg_seterr(SG_EIO, "%s: %s", what, strerror(err ? err : EIO));
}

const char *sg_error_name(int code)
{
    switch (code) {
    case SG_OK: return "ok";
    case SG_ENOMEM: return "out of memory";
    case SG_EIO: return "input/output error";
    case SG_EINVALID: return "invalid input";
    case SG_EUSAGE: return "usage error";
    case SG_EIGRAPH: return "igraph error";
    case SG_ELIMIT: return "limit reached";
    case SG_EINTERNAL: return "internal error";
    default: return "unknown error";
    }
}

typedef struct {
    sg_diag_level level;
    char *text;
} diag_entry;

struct sg_diag {
    diag_entry *items;
    size_t len, cap_items;
    size_t cap_errors;
    size_t errors, warnings;
};

sg_diag *sg_diag_new(size_t cap)
{
    sg_diag *d = calloc(1, sizeof *d);
    if (d)
        d->cap_errors = cap ? cap : 50;
    return d;
}

void sg_diag_free(sg_diag *diag)
{
    if (!diag)
        return;
    for (size_t i = 0; i < diag->len; i++)
        free(diag->items[i].text);
    free(diag->items);
    free(diag);
}

size_t sg_diag_count(const sg_diag *d) { return d ? d->len : 0; }
size_t sg_diag_errors(const sg_diag *d) { return d ? d->errors : 0; }
size_t sg_diag_warnings(const sg_diag *d) { return d ? d->warnings : 0; }

const char *sg_diag_message(const sg_diag *d, size_t i)
{
    return (d && i < d->len) ? d->items[i].text : NULL;
}

sg_diag_level sg_diag_level_at(const sg_diag *d, size_t i)
{
    return (d && i < d->len) ? d->items[i].level : SG_DIAG_ERROR;
}

int sg_diag_add(sg_diag *d, sg_diag_level level, const char *fmt, ...)
{
    if (!d)
        return 0;
    /* Count everything; keep the text of at most `cap` errors and `cap`
     * warnings, each kind on its own, so that a flood of warnings can
     * neither exhaust memory nor crowd out an error. */
    size_t *count = level == SG_DIAG_ERROR ? &d->errors : &d->warnings;
    (*count)++;
    if (*count > d->cap_errors)
        return 0;
    if (d->len == d->cap_items) {
        /* Grown here rather than with sg_grow, so that error reporting
         * needs nothing above it. At most 2 * cap entries are kept. */
        size_t cap = d->cap_items ? 2 * d->cap_items : 8;
        diag_entry *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return sg_seterr(SG_ENOMEM, "out of memory");
        d->items = items;
        d->cap_items = cap;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *text = strdup(buf);
    if (!text)
        return sg_seterr(SG_ENOMEM, "out of memory");
    d->items[d->len].level = level;
    d->items[d->len].text = text;
    d->len++;
    return 0;
}
