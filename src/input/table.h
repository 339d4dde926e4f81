#ifndef SG_TABLE_H
#define SG_TABLE_H

/* Delimited tables (CSV, TSV, ';'), below every reader of them: statement
 * tables and attribute tables (load_csv.c) and Voteview's files
 * (load_voteview.c). Fields follow RFC 4180: quoted fields may hold
 * separators, doubled quotes and line breaks. */

#include <stddef.h>

#include "model/util.h"

/* A reader of records over a buffer that stays alive while it is used. */
typedef struct {
    const char *data;
    size_t len, pos;
    char sep;
    size_t line;       /* line of the next record */
    size_t line_start; /* offset where that line starts */
    /* Current record: fields decoded into buf, NUL-separated. */
    char *buf;
    size_t buf_cap, buf_len;
    size_t *field_off; /* offset of each field in buf */
    size_t *field_col;  /* 1-based column of each field in its line */
    size_t *field_line; /* line of each field (quoted fields span lines) */
    size_t nfields, fields_cap;
    size_t rec_line;
    char error[160];
} sg_cursor;

/* Start at the beginning of data[0..len), fields separated by `sep`. */
void sg_cursor_init(sg_cursor *c, const char *data, size_t len, char sep);
/* Free what the cursor allocated (not the data). */
void sg_cursor_free(sg_cursor *c);
/* Read the next record. 1 = a record, 0 = end of input, SG_EINVALID with
 * c->error set ("LINE:COL: what"), or SG_ENOMEM. Blank lines are skipped.
 * Amortised O(length of the record). */
int sg_cursor_next(sg_cursor *c);
/* Field i (< c->nfields) of the current record, NUL-terminated. */
const char *sg_cursor_field(const sg_cursor *c, size_t i);

/* 1 when the header line names every column of the NULL-terminated list
 * `names` (at most 32; any case, quotes and spaces around a name ignored),
 * whatever else it names. */
int sg_table_header_has(const char *data, size_t len, char sep,
                        const char *const *names);

/* A new copy of s, lower case (ASCII) without surrounding spaces; NULL when
 * out of memory. For header names. */
char *sg_lower_trimmed(const char *s);

/* A plain decimal number ("2", "-0.5", "1e3"): no hex, no infinities, no
 * surrounding space, as a spreadsheet user means it. 0, or -1. */
int sg_parse_decimal(const char *s, double *out);

#endif
