/* Delimited tables, shared by the readers of statement tables, attribute
 * tables and Voteview's files (see table.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <math.h>

#include "input/load.h"
#include "input/table.h"

void sg_cursor_init(sg_cursor *c, const char *data, size_t len, char sep)
{
    memset(c, 0, sizeof *c);
    c->data = data;
    c->len = len;
    c->sep = sep;
    c->line = 1;
}

void sg_cursor_free(sg_cursor *c)
{
    free(c->buf);
    free(c->field_off);
    free(c->field_col);
    free(c->field_line);
    memset(c, 0, sizeof *c);
}


static int put_char(sg_cursor *c, char ch)
{
    if (sg_grow(&c->buf, &c->buf_cap, c->buf_len + 1, 1))
        return SG_ENOMEM;
    c->buf[c->buf_len++] = ch;
    return 0;
}

static int start_field(sg_cursor *c, size_t col)
{
    size_t cap = c->fields_cap;
    if (sg_grow(&c->field_off, &cap, c->nfields + 1, sizeof(size_t)))
        return SG_ENOMEM;
    if (cap != c->fields_cap) {
        /* field_col and field_line grow in step with field_off. */
        size_t *cols = realloc(c->field_col, cap * sizeof(size_t));
        if (!cols)
            return sg_seterr(SG_ENOMEM, "out of memory");
        c->field_col = cols;
        size_t *lines = realloc(c->field_line, cap * sizeof(size_t));
        if (!lines)
            return sg_seterr(SG_ENOMEM, "out of memory");
        c->field_line = lines;
        c->fields_cap = cap;
    }
    c->field_off[c->nfields] = c->buf_len;
    c->field_col[c->nfields] = col;
    c->field_line[c->nfields] = c->line;
    c->nfields++;
    return 0;
}

int sg_cursor_next(sg_cursor *c)
{
    for (;;) {
        if (c->pos >= c->len)
            return 0;
        /* Skip blank lines (and a lone CR). */
        if (c->data[c->pos] == '\n' ||
            (c->data[c->pos] == '\r' && c->pos + 1 < c->len &&
             c->data[c->pos + 1] == '\n')) {
            c->pos += c->data[c->pos] == '\r' ? 2 : 1;
            c->line++;
            c->line_start = c->pos;
            continue;
        }
        break;
    }
    c->buf_len = 0;
    c->nfields = 0;
    c->rec_line = c->line;
    for (;;) {
        if (start_field(c, c->pos - c->line_start + 1))
            return SG_ENOMEM;
        if (c->pos < c->len && c->data[c->pos] == '"') {
            size_t qline = c->line, qcol = c->pos - c->line_start + 1;
            c->pos++;
            for (;;) {
                if (c->pos >= c->len) {
                    snprintf(c->error, sizeof c->error,
                             "%zu:%zu: quoted field is never closed", qline,
                             qcol);
                    return SG_EINVALID;
                }
                char ch = c->data[c->pos++];
                if (ch == '"') {
                    if (c->pos < c->len && c->data[c->pos] == '"') {
                        c->pos++;
                        if (put_char(c, '"'))
                            return SG_ENOMEM;
                        continue;
                    }
                    break;
                }
                if (ch == '\n') {
                    c->line++;
                    c->line_start = c->pos;
                }
                if (put_char(c, ch))
                    return SG_ENOMEM;
            }
            if (c->pos < c->len && c->data[c->pos] != c->sep &&
                c->data[c->pos] != '\n' &&
                !(c->data[c->pos] == '\r' && c->pos + 1 < c->len &&
                  c->data[c->pos + 1] == '\n')) {
                snprintf(c->error, sizeof c->error,
                         "%zu:%zu: unexpected text after a closing quote",
                         c->line, c->pos - c->line_start + 1);
                return SG_EINVALID;
            }
        } else {
            while (c->pos < c->len && c->data[c->pos] != c->sep &&
                   c->data[c->pos] != '\n') {
                if (c->data[c->pos] == '\r' && c->pos + 1 < c->len &&
                    c->data[c->pos + 1] == '\n')
                    break;
                if (put_char(c, c->data[c->pos++]))
                    return SG_ENOMEM;
            }
        }
        if (put_char(c, '\0'))
            return SG_ENOMEM;
        if (c->pos < c->len && c->data[c->pos] == c->sep) {
            c->pos++;
            continue;
        }
        /* End of record. */
        if (c->pos < c->len)
            c->pos += c->data[c->pos] == '\r' ? 2 : 1;
        c->line++;
        c->line_start = c->pos;
        return 1;
    }
}

const char *sg_cursor_field(const sg_cursor *c, size_t i)
{
    return c->buf + c->field_off[i];
}

/* ---- the header line, before reading ---- */

/* Length of the header line (a line break inside quotes does not end it). */
static size_t header_length(const char *data, size_t len)
{
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '"')
            quoted = !quoted;
        else if (data[i] == '\n' && !quoted)
            return i;
    }
    return len;
}

char sg_table_delimiter(const char *data, size_t len)
{
    size_t n = header_length(data, len), count[3] = {0, 0, 0};
    static const char seps[3] = {',', ';', '\t'};
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        if (data[i] == '"')
            quoted = !quoted;
        for (int k = 0; k < 3 && !quoted; k++)
            count[k] += data[i] == seps[k];
    }
    /* The most frequent; a tie goes to the comma, then the semicolon. */
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return count[best] ? seps[best] : 0;
}

int sg_table_header_has(const char *data, size_t len, char sep,
                        const char *const *names)
{
    size_t n = header_length(data, len);
    unsigned found = 0, want = 0;
    for (size_t k = 0; names[k]; k++)
        want |= 1u << k;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && data[j] != sep)
            j++;
        size_t a = i, b = j;
        while (a < b && (data[a] == ' ' || data[a] == '"'))
            a++;
        while (b > a && (data[b - 1] == ' ' || data[b - 1] == '"' ||
                         data[b - 1] == '\r'))
            b--;
        for (size_t k = 0; names[k]; k++)
            if (b - a == strlen(names[k]) &&
                strncasecmp(data + a, names[k], b - a) == 0)
                found |= 1u << k;
        i = j + 1;
    }
    return found == want;
}

int sg_table_is_dna(const char *data, size_t len, char sep)
{
    static const char *const names[] = {"statement_id", "document_id", NULL};
    return sg_table_header_has(data, len, sep, names);
}

/* ---- values ---- */

char *sg_lower_trimmed(const char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    out[n] = '\0';
    return out;
}

int sg_parse_decimal(const char *s, double *out)
{
    if (!*s)
        return -1;
    for (const char *q = s; *q; q++)
        if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == '-' ||
              *q == '+' || *q == 'e' || *q == 'E'))
            return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}
