#ifndef SG_LOAD_H
#define SG_LOAD_H

/* Internal interface between the format dispatcher (load.c) and the
 * readers (load_json.c, load_fast.c, load_csv.c). */

#include "stancegraph/corpus.h"
#include "input/parse.h"
#include "model/util.h"

/* Each reader fills an empty corpus from a whole, valid-UTF-8 buffer that is
 * NUL-terminated at data[len]; problems go to diag. Returns 0 when the input
 * was read without errors, SG_EINVALID when any error was reported, or
 * SG_ENOMEM. */
int sg_load_json(sg_corpus *c, const char *data, size_t len, const char *name,
                 sg_diag *diag);
/* The single-pass reader for clean documents: 0 when it built the corpus,
 * 1 when the reference reader must take over (nothing reported; the corpus
 * must then be discarded; *stop is the offset where it stopped), or
 * SG_ENOMEM. */
int sg_load_json_fast(sg_corpus *c, const char *data, size_t len,
                      size_t *stop);

/* Above this size a JSON document that the single-pass reader does not
 * accept is refused rather than handed to the reference reader, whose
 * document tree needs about fifteen times the file's size in memory
 * (measured: 3 GB for a 200 MB file). */
#define SG_REFERENCE_READER_LIMIT ((size_t)128 << 20)
/* The delimiter of a table (',', ';' or tab) from its header line: the
 * most frequent outside quotes; 0 when the line has none. */
char sg_table_delimiter(const char *data, size_t len);
/* 1 when the header names the columns of a Discourse Network Analyzer
 * statement export (statement_id and document_id), whatever the
 * delimiter `sep`. */
int sg_table_is_dna(const char *data, size_t len, char sep);

/* Join an attribute table (a header row, then one row per actor or
 * proposal) to the corpus: the column "id", else the first, names the
 * entity; every other column becomes an attribute (numeric when all its
 * values are numbers). Rows naming no entity of `kind` are counted in a
 * warning. 0, SG_EINVALID (problems in diag) or SG_ENOMEM. Linear. */
int sg_load_attributes(sg_corpus *c, sg_node_kind kind, const char *data,
                       size_t len, const char *name, char delimiter,
                       sg_diag *diag);

int sg_load_table(sg_corpus *c, const char *data, size_t len, const char *name,
                  sg_input_format format, const sg_load_options *opts,
                  sg_diag *diag);

/* A side table read with the input (Voteview's members and roll-calls
 * files): whole, valid UTF-8 without NUL, not NUL-terminated. */
typedef struct {
    const char *data;
    size_t len;
    const char *name;
} sg_side_table;

/* Voteview's member-votes file (load_voteview.c), with its members file
 * and roll-calls file when given (NULL: none). Problems go to diag. 0,
 * SG_EINVALID or SG_ENOMEM. O(n log n) in the rows. */
int sg_load_voteview(sg_corpus *c, const char *data, size_t len,
                     const char *name, const sg_side_table *members,
                     const sg_side_table *rollcalls,
                     const sg_load_options *opts, sg_diag *diag);
/* The name of Voteview party code `code` ("Democrat" for 100), or NULL for
 * a code Voteview does not list. O(log n). */
const char *sg_voteview_party(unsigned code);

/* Discourse Network Analyzer databases (load_dna.c): `data` holds a whole
 * SQLite file, which is read in place and never written. SG_EUSAGE when an
 * option names a statement type or variable the database does not have. */
int sg_load_dna(sg_corpus *c, const char *data, size_t len, const char *name,
                const sg_load_options *opts, sg_diag *diag);

#endif
