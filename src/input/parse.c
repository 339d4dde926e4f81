/* Helpers every reader shares: position words and reader errors. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "input/parse.h"

int sg_load_error(sg_diag *diag, int *first, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (*first) {
        sg_seterr(SG_EINVALID, "%s", buf);
        *first = 0;
    }
    return sg_diag_add(diag, SG_DIAG_ERROR, "%s", buf);
}

int sg_parse_report(sg_diag *diag, sg_diag_level level, int *failed,
                    const char *file, size_t line, size_t col,
                    const char *path, const char *fmt, ...)
{
    char buf[768], at[48] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (failed && level == SG_DIAG_ERROR)
        *failed = 1;
    if (col)
        snprintf(at, sizeof at, ":%zu:%zu", line, col);
    else if (line)
        snprintf(at, sizeof at, ":%zu", line);
    return sg_diag_add(diag, level, "%s%s: %s%s%s", file, at, path ? path : "",
                       path ? ": " : "", buf);
}

int sg_position_parse(const char *w, int *out)
{
    static const char *const support[] = {"support", "supports", "yes", "y",
        "agree", "agrees", "yea", "aye", "for", "pro", "1", "+1", "true",
        "favor", "favour", NULL};
    static const char *const oppose[] = {"oppose", "opposes", "no", "n",
        "disagree", "disagrees", "nay", "against", "con", "0", "-1", "false",
        NULL};
    static const char *const abstain[] = {"abstain", "abstention", "present",
        "not voting", "absent", NULL};
    while (*w == ' ')
        w++;
    size_t len = strlen(w);
    while (len && w[len - 1] == ' ')
        len--;
    const char *const *lists[] = {support, oppose, abstain};
    const int values[] = {1, -1, 0};
    for (int l = 0; l < 3; l++)
        for (int i = 0; lists[l][i]; i++)
            if (strlen(lists[l][i]) == len &&
                strncasecmp(w, lists[l][i], len) == 0) {
                *out = values[l];
                return 0;
            }
    return SG_EINVALID;
}
