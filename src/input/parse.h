#ifndef SG_PARSE_H
#define SG_PARSE_H

/* Helpers every reader shares, below both the readers and the format
 * dispatcher (load.c) so that includes point one way: load.c -> readers ->
 * parse. */

#include "model/util.h"
#include "stancegraph/common.h"

/* Interpret a position word. 1 support, -1 oppose, 0 an abstention (the row
 * is skipped), SG_EINVALID when the word means none of these. Accepts
 * support/oppose, yes/no, agree/disagree, yea/nay, aye, for/against,
 * pro/con, 1/0, +1/-1, true/false, in any case. */
int sg_position_parse(const char *word, int *out);

/* The list of accepted position words, for messages. */
#define SG_POSITION_WORDS                                                      \
    "support/oppose, yes/no, agree/disagree, yea/nay, 1/0, +1/-1 or true/false"

/* Record the first error as the library's last error, so that callers who
 * pass no diag still get a message. */
int sg_load_error(sg_diag *diag, int *first, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A reader's diagnostic at a place in its input, so that every reader
 * writes places alike: "FILE:LINE:COL: ", "FILE:LINE: " or "FILE: " (a LINE
 * or COL of 0 is absent; a COL is printed with its LINE), then "PATH: " when
 * PATH, a place inside a document such as a JSON path, is not NULL, then the
 * message, cut at 767 bytes. An error also sets *failed when failed is not
 * NULL, so that a reader can go on to report the rest before it fails.
 * Returns what sg_diag_add returns. */
int sg_parse_report(sg_diag *diag, sg_diag_level level, int *failed,
                    const char *file, size_t line, size_t col,
                    const char *path, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

#endif
