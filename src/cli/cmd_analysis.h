#ifndef SG_CMD_ANALYSIS_H
#define SG_CMD_ANALYSIS_H

/* What the metrics and coalitions commands share: the load-analyse flow,
 * the graph summary, and escaping for CSV, TSV and JSON output. */

#include <stdio.h>

#include "cli.h"

/* Help lines for the options both analysis commands accept. */
#define CLI_ANALYSIS_OPTIONS_HELP                                              \
    "  --network N        actors (default), stances or proposals:\n"          \
    "                     the network the graph figures describe\n"            \
    "  --normalize M      none, jaccard, cosine or average\n"                  \
    "  --count C          proposals (default) or statements (DNA's counts)\n"  \
    "  --by B             actor (default) or group\n"                          \
    "  --from DATE        only stances dated on or after DATE (YYYY-MM-DD)\n"  \
    "  --to DATE          only stances dated on or before DATE\n"              \
    "  --source ID        only stances from this source (repeatable)\n"        \
    "  --actor-type T     only actors of this type (repeatable)\n"             \
    "  --topic T          only proposals on this topic (repeatable)\n"         \
    "  --exclude ID       leave out this actor, proposal or group\n"          \
    "                     (repeatable)\n"                                      \
    "  --min-weight W     drop ties weaker than W\n"                           \
    "  --top-ties K       keep a tie only if it is among the K strongest of\n" \
    "                     one of its two ends\n"                               \
    "  --tie T            one-mode ties: subtract (default: agree - conflict),\n" \
    "                     congruence, conflict, or positive (agreement only)\n" \
    "  --duplicates D     identical stances (actor, proposal, position) count\n" \
    "                     once per: include (default: every one counts),\n"   \
    "                     document, week, month, year or acrossrange\n"       \
    "  --method M         auto (default), spinglass, leiden, louvain,\n"       \
    "                     walktrap, fastgreedy, labelprop or none\n"           \
    "  --seed N           random seed (default 0): same seed, same output\n"   \
    "  --runs R           partitions the coalitions are the consensus of\n"  \
    "                     (default 10 with auto, 1 with another method)\n"  \
    "  --gamma G          resolution for positive ties (default 1)\n"          \
    "  --gamma-minus G    resolution for negative ties (default 1)\n"          \
    "  --input-format F   json, csv, tsv, dna, voteview (default: detect)\n"     \
    "  --actor COLUMN     table column naming the actor\n"                     \
    "  --proposal COLUMN  table column naming the proposal\n"                  \
    CLI_INPUT_MORE_HELP                                                        \
    "  --quiet            no progress messages\n"                              \
    "  --threads N        threads to use (default 0: one per CPU); the\n"    \
    "                     output is the same for any N\n"                     \
    "  -h, --help         show this help\n"                                   \
    "\n" CLI_MEMORY_HELP

typedef struct {
    sg_corpus *corpus;
    sg_analysis *a;
    sg_network *net;        /* the --network one (default: actors) */
    sg_network *own;        /* net when built here, freed with the rest */
    sg_graph_metrics graph; /* of net */
    int polar_wanted;       /* the graph summary reports polarization */
    sg_polarization *polar; /* NULL when not computed */
    size_t polar_actors;    /* actors, when too many to compute it */
} cli_analysis;

/* Metrics compute DNA's polarization score by default up to this many
 * actors; --camps asks for it at any size (up to the library's limit). */
#define CLI_POLAR_AUTO_ACTORS 500

/* Load, analyse, and pick the network of the parsed options. Returns an
 * exit code; *x must be released with cli_analysis_free() either way. */
int cli_analyse(cli_analysis *x, const cli_opts *o);

/* The same, keeping the quotes and notes with `keep_text` (the report
 * shows them). */
int cli_analyse_text(cli_analysis *x, const cli_opts *o, int keep_text);

void cli_analysis_free(cli_analysis *x);

/* DNA's polarization score of the actors under the parsed options, with
 * its camps as the node column "polarization_camp" of x->a->stances. */
int cli_polarize(cli_analysis *x, const cli_opts *o);

/* The graph summary: text lines ("  nodes  24"), or a JSON object. */
void cli_print_graph_text(FILE *f, const cli_analysis *x);
void cli_print_graph_json(FILE *f, const cli_analysis *x);

/* A string as a CSV (sep ',': RFC 4180 quoting) or TSV (sep '\t': tabs
 * and line breaks become spaces) field; NULL prints nothing. */
void cli_put_field(FILE *f, const char *s, char sep);

/* A JSON string literal, or null for NULL. */
void cli_put_json_string(FILE *f, const char *s);

/* A finite number's shortest exact form into buf (40 bytes are enough). */
void cli_format_number(char *buf, size_t size, double x);

/* A number for CSV/JSON: shortest exact form; NaN/inf as `nan_text`. */
void cli_put_number(FILE *f, double x, const char *nan_text);

/* Display width of a UTF-8 string: its code points. */
size_t cli_text_width(const char *s);

/* Bytes of s that fit in `max` display columns when a cut string ends in
 * "…": strlen(s) when all of s fits, else the bytes of its first max - 1
 * code points (max >= 1). */
size_t cli_cut_bytes(const char *s, size_t max);

/* s in at most `max` display columns, cut with "…" (see cli_cut_bytes);
 * returns the columns printed. */
size_t cli_put_cut(FILE *f, const char *s, size_t max);

/* How the coalitions were found, for a headline: "consensus of 10 runs",
 * "consensus of 5 leiden runs" or "method spinglass". */
void cli_method_text(char *buf, size_t size, const sg_analysis *a);

/* Roll-call measures by group (coalitions, metrics). Groups with at
 * least two actors: sizes into size[] (r->ngroups entries, zeroed by the
 * caller); returns how many. */
size_t cli_group_sizes(size_t *size, const sg_rollcall *r);

/* Step *g (start at -1) to the next group with two members or more, with
 * the proposals that split it (the losing side has two members and a
 * quarter of its votes or more), lowest Rice first, in *split (freed and
 * replaced; NULL when none): 1, or 0 past the last group, -1 when out of
 * memory. */
int cli_next_group(long *g, size_t **split, size_t *nsplit,
                   const size_t *size, const sg_rollcall *r);

/* The text block "Groups (N party-unity votes: ...)" on stdout, when two
 * groups or more have two members: per group its actors, agreement, mean
 * Rice and the proposals that split it, most divided first (3, then a
 * line "... and N more proposals (HINT)", unless `all`). `before` and
 * `after` are printed around the block when there is one. EXIT_OK, or
 * EXIT_RUNTIME after a message (the block must not just go missing). */
int cli_print_groups_text(const cli_analysis *x, const sg_rollcall *r,
                          int all, const char *hint, const char *before,
                          const char *after);

/* The JSON members ',\n  "party_votes": N,\n  "groups": [...]' on
 * stdout: per group of two or more its actors, agreement, mean Rice,
 * splits and every split proposal (id, label, for, against, rice), most
 * divided first. EXIT_OK, or EXIT_RUNTIME after a message. */
int cli_print_groups_json(const cli_analysis *x, const sg_rollcall *r);

/* The column an actor attribute `key` (party, state, ...) gets in metrics
 * and scale tables, named as exports name it: "attr_" followed by the key
 * with characters outside [A-Za-z0-9_] replaced by '_', into out (size
 * bytes). The plain name is out + 5; a command uses out, with the prefix,
 * when the plain name is empty or one of its own columns. -1 when the key
 * does not fit (such an attribute is left out), else 0. */
int cli_attribute_name(char *out, size_t size, const char *key);

/* Node label, falling back to the id. */
const char *cli_node_label(const sg_network *net, size_t i);

#endif
