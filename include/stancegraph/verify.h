#ifndef STANCEGRAPH_VERIFY_H
#define STANCEGRAPH_VERIFY_H

#include <stddef.h>

#include "common.h"
#include "corpus.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Evidence checking: every stance's quote must appear verbatim in the text
 * of its source. Runs of white space count as one space, and curly and
 * straight quote marks match each other; nothing else is forgiven. */

typedef struct {
    size_t checked;   /* quotes looked for */
    size_t missing;   /* quotes not found (each reported as an error) */
    size_t unchecked; /* quotes whose source has no file (warnings) */
    size_t files;     /* source texts read */
} sg_verify_result;

/* Check the quotes of `corpus` against the files of its sources, named by
 * each source's `file` under directory `dir`. Problems go to `diag` as
 * "NAME: stances[i].quote: ..." where NAME is `corpus_name`. Returns 0 when
 * every quote was found, SG_EINVALID when some were not, SG_EIO when a
 * source file cannot be read. O(total text + quotes * text) in the worst
 * case; each source file is read once. */
int sg_verify_quotes(sg_verify_result *out, const sg_corpus *corpus,
                     const char *corpus_name, const char *dir, sg_diag *diag);

/* Normalise text for comparison as described above, in place; returns the
 * new length. Exposed for tests. */
size_t sg_verify_normalize(char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif
