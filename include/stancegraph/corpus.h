#ifndef STANCEGRAPH_CORPUS_H
#define STANCEGRAPH_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The model: what analysts coded. A corpus owns every string it points to;
 * its arrays are read-only for callers and change only through the
 * sg_corpus_add_* functions below (which may move them). */

typedef enum { SG_ACTOR = 0, SG_PROPOSAL = 1 } sg_node_kind;

typedef enum { SG_SUPPORT = 1, SG_OPPOSE = -1 } sg_position;

/* "No date": dates are days since 1970-01-01 (proleptic Gregorian). */
#define SG_NO_DATE INT32_MIN
#define SG_NO_SOURCE (-1)

typedef enum {
    SG_VALUE_NONE = 0,
    SG_VALUE_STRING,
    SG_VALUE_NUMBER,
    SG_VALUE_BOOL
} sg_value_type;

typedef struct {
    sg_value_type type;
    const char *str; /* SG_VALUE_STRING */
    double num;      /* SG_VALUE_NUMBER; 0 or 1 for SG_VALUE_BOOL */
} sg_value;

/* An extra attribute an actor or proposal carries (e.g. party, country). */
typedef struct {
    size_t key; /* index into sg_corpus.actor_keys / proposal_keys */
    sg_value value;
} sg_attr;

/* Name and type of an extra attribute; the type is STRING when entities
 * disagree on it, so exports can declare one type per key. */
typedef struct {
    const char *name;
    sg_value_type type;
} sg_attr_key;

typedef struct {
    const char *id;
    const char *label; /* never NULL: defaults to the id */
    const char *type;  /* NULL when absent */
    const char *group;
    const char *topic;
    sg_attr *attrs;
    size_t nattrs;
} sg_entity;

typedef struct {
    const char *id;
    const char *title; /* NULL when absent */
    const char *publisher;
    const char *url;
    const char *file;
    int32_t date; /* SG_NO_DATE when absent */
    const char *author; /* NULL when absent (DNA documents have them) */
    const char *section;
    const char *type;
} sg_source;

typedef struct {
    uint32_t actor;    /* index into actors */
    uint32_t proposal; /* index into proposals */
    int8_t position;   /* SG_SUPPORT or SG_OPPOSE */
    int32_t date;      /* SG_NO_DATE when absent */
    int32_t source;    /* index into sources, or SG_NO_SOURCE */
    double weight;     /* finite, > 0 */
    const char *quote; /* NULL when absent */
    const char *note;
} sg_stance;

typedef struct sg_corpus_priv sg_corpus_priv;

typedef struct {
    const char *title; /* NULL when absent */
    sg_source *sources;
    size_t nsources;
    sg_entity *actors;
    size_t nactors;
    sg_entity *proposals;
    size_t nproposals;
    sg_stance *stances;
    size_t nstances;
    sg_attr_key *actor_keys;
    size_t nactor_keys;
    sg_attr_key *proposal_keys;
    size_t nproposal_keys;
    size_t skipped; /* rows read but not coded (abstentions) */
    sg_corpus_priv *priv;
} sg_corpus;

/* ---- Reading ---------------------------------------------------------- */

typedef enum {
    SG_FORMAT_AUTO = 0, /* by extension, then by content */
    SG_FORMAT_JSON,     /* format v1 */
    SG_FORMAT_CSV,      /* flat statements table, comma-separated */
    SG_FORMAT_TSV,      /* the same, tab-separated */
    SG_FORMAT_DNA,      /* Discourse Network Analyzer statement export */
    SG_FORMAT_DNA_DATABASE, /* Discourse Network Analyzer database (.dna,
                              SQLite): detected by its header, whatever the
                              name or the requested format */
    SG_FORMAT_VOTEVIEW  /* Voteview's member votes (congress, chamber,
                           rollnumber, icpsr, cast_code, prob) */
} sg_input_format;

typedef struct {
    sg_input_format format;
    /* Tables: which column names the actor and the proposal. NULL selects
     * "actor"/"proposal", or for DNA exports "organization"/"concept". */
    const char *actor_column;
    const char *proposal_column;
    /* JSON: 1 = always use the reference (jansson) reader instead of the
     * single-pass one. Both give the same corpus and the same messages; the
     * switch exists for tests and for comparing them. */
    int reference_reader;
    /* 1 = check quotes and notes as always but do not keep them (every
     * stance's quote and note are NULL): for callers that never read them,
     * whose memory then grows with the ids rather than the text. */
    int skip_text;
    /* DNA databases: the statement type to read (NULL: "DNA Statement") and
     * the boolean or integer variable that says whether the actor agrees
     * (NULL: "agreement"). actor_column and proposal_column name variables
     * there (NULL: "organization" and "concept"). */
    const char *statement_type;
    const char *qualifier;
    /* DNA databases: a statement whose span lies outside its document's
     * text is an error rather than a warning (what `verify` checks). */
    int strict_spans;
    /* The actor's group, for --by group: in a DNA database a short-text
     * variable of the statement type (each actor gets the value it is coded
     * with most often) or an attribute of the actor's entities. NULL: for
     * DNA data read with --actor person, the person's organization. */
    const char *group_column;
    /* Tables: the field delimiter; 0 = the most frequent of ',', ';' and
     * tab in the header line. */
    char delimiter;
    /* Tables: which column holds the position (NULL: "position" or
     * "stance", DNA exports "agreement"), e.g. a roll call's "vote". */
    const char *position_column;
    /* Attribute tables (CSV or TSV files) joined after reading: one row per
     * actor or proposal, keyed by the column "id" or else the first; the
     * other columns become node attributes. NULL: none. */
    const char *actor_attributes;
    const char *proposal_attributes;
    /* Voteview member votes: its members file (names, parties, states:
     * label, group and the attributes party and state) and its roll-calls
     * file (each roll call's date and description). NULL: none. Given
     * with another format, loading fails with SG_EUSAGE. */
    const char *members;
    const char *rollcalls;
} sg_load_options;

/* Read a corpus from `path` ("-" reads standard input). Every problem found
 * is added to `diag` (may be NULL); on failure *out is NULL, the first
 * problem is in sg_error_last() and the return value is SG_EINVALID (bad
 * input), SG_EIO or SG_ENOMEM. `opts` may be NULL for defaults. The caller
 * frees *out with sg_corpus_free(). Time and memory are linear in the input. */
int sg_corpus_load(sg_corpus **out, const char *path,
                   const sg_load_options *opts, sg_diag *diag);

/* The same from memory; `name` is used in messages. The buffer need not be
 * NUL-terminated. */
int sg_corpus_load_buffer(sg_corpus **out, const char *data, size_t len,
                          const char *name, const sg_load_options *opts,
                          sg_diag *diag);

/* The format `corpus` was read from (SG_FORMAT_AUTO for one built by
 * hand). */
sg_input_format sg_corpus_format(const sg_corpus *corpus);

/* Name of an input format ("json", "csv", ...). */
const char *sg_format_name(sg_input_format format);

/* ---- Building --------------------------------------------------------- */

/* A new empty corpus, for programs that build one themselves. */
int sg_corpus_new(sg_corpus **out);

/* Accepts NULL. */
void sg_corpus_free(sg_corpus *corpus);

/* Copy `e` (id, label, type, group, topic; its attrs are ignored) into the
 * corpus as an actor or a proposal. Fails with SG_EINVALID when the id is
 * empty or already names an actor or proposal. *index_out (may be NULL)
 * receives its index. Amortised O(1). */
int sg_corpus_add_entity(sg_corpus *corpus, sg_node_kind kind,
                         const sg_entity *e, size_t *index_out);

/* Set an extra attribute on an entity, replacing a previous value. */
int sg_corpus_set_attr(sg_corpus *corpus, sg_node_kind kind, size_t index,
                       const char *key, const sg_value *value);

/* Copy a source in; SG_EINVALID on an empty or duplicate id. */
int sg_corpus_add_source(sg_corpus *corpus, const sg_source *s,
                         size_t *index_out);

/* Copy a stance in. Indices must be valid, the weight finite and > 0. */
int sg_corpus_add_stance(sg_corpus *corpus, const sg_stance *s);

/* Set the title (copied). */
int sg_corpus_set_title(sg_corpus *corpus, const char *title);

/* ---- Looking up ------------------------------------------------------- */

/* Find an actor or proposal by id: 0 and *kind and *index set, or SG_EINVALID.
 * Either output may be NULL. O(1) expected. */
int sg_corpus_find(const sg_corpus *corpus, const char *id,
                   sg_node_kind *kind, size_t *index);

/* Find a source by id: its index, or -1. */
long sg_corpus_find_source(const sg_corpus *corpus, const char *id);

/* The id of the given kind closest to `id` by edit distance, for "did you
 * mean" hints; NULL when nothing is close. */
const char *sg_corpus_suggest(const sg_corpus *corpus, sg_node_kind kind,
                              const char *id);

/* Characters XML 1.0 cannot carry (control characters other than tab, LF
 * and CR; U+FFFE, U+FFFF) in the corpus' text: its title, ids, labels,
 * types, groups, topics, string attributes, and the quotes and notes it
 * kept. Returns how many; where the first is ("actors[0].label") goes into
 * `where` (cut to `size`, NUL-terminated; may be NULL). GraphML, GEXF and
 * DOT exports write U+FFFD in their place. O(text). */
size_t sg_corpus_xml_forbidden(const sg_corpus *corpus, char *where,
                               size_t size);

/* Earliest and latest stance date; both SG_NO_DATE when no stance has one. */
void sg_corpus_date_range(const sg_corpus *corpus, int32_t *first,
                          int32_t *last);

/* ---- Dates -------------------------------------------------------------- */

/* Parse "YYYY-MM-DD" (a real calendar date, years 1000-9999). With
 * allow_time, a following " HH:MM[:SS]" or "THH:MM..." is accepted and
 * ignored, as in DNA and spreadsheet exports. 0 or SG_EINVALID. */
int sg_date_parse(int32_t *out, const char *s, int allow_time);

/* Write "YYYY-MM-DD" into buf (at least 11 bytes); "" for SG_NO_DATE. */
void sg_date_format(char *buf, int32_t days);

/* A date's year, month (1-12) and day (1-31), and back (the day must exist
 * in its month). Proleptic Gregorian; O(1). */
void sg_date_split(int32_t days, int *year, unsigned *month, unsigned *day);
int32_t sg_date_join(int year, unsigned month, unsigned day);

#ifdef __cplusplus
}
#endif

#endif
