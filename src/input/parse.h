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

#endif
