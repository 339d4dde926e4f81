#ifndef STANCEGRAPH_NETWORK_H
#define STANCEGRAPH_NETWORK_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "corpus.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A network is a plain attributed graph: node ids, edge endpoints and named,
 * typed columns of node and edge attributes. Building, analysis and export
 * all speak this one structure; igraph graphs are made from it on demand
 * inside the library, so no igraph type appears here. Edges are undirected
 * and there is at most one edge per node pair. */

typedef enum {
    SG_NET_STANCES = 0, /* two-mode: actors and proposals */
    SG_NET_ACTORS,      /* one-mode, signed: actors agree or conflict */
    SG_NET_PROPOSALS    /* one-mode, signed: proposals aligned or opposed */
} sg_network_kind;

typedef enum {
    SG_NORM_NONE = 0,
    SG_NORM_JACCARD,
    SG_NORM_COSINE,
    SG_NORM_AVERAGE /* divide by the mean activity of the two nodes */
} sg_normalize;

typedef enum {
    SG_COUNT_PROPOSALS = 0, /* each shared proposal counts once */
    SG_COUNT_STATEMENTS     /* DNA: products of statement counts */
} sg_count_mode;

/* Which one-mode ties a network keeps and what they weigh (DNA's
 * qualifier aggregation). `agree` and `conflict` are a pair's congruence
 * and conflict counts, `norm` the --normalize denominator. */
typedef enum {
    SG_TIE_SUBTRACT = 0, /* net = (agree - conflict) / norm, pairs with
                            net != 0: the signed network */
    SG_TIE_CONGRUENCE,   /* net = agree / norm, every pair with agree > 0
                            (also those whose conflict is as large) */
    SG_TIE_CONFLICT,     /* net = -conflict / norm, every pair with
                            conflict > 0: all ties negative */
    SG_TIE_POSITIVE      /* the subtract ties with net > 0 only: nothing
                            that a layout or modularity would read as
                            attraction is a conflict */
} sg_tie_mode;

/* Duplicate statements (DNA's "duplicates" setting): identical stances,
 * the same actor, proposal and position, count once per period; the one
 * kept is the earliest dated (then the first in the input). Stances with
 * no source (document) or no date (week, month, year) have no period and
 * are always counted. */
typedef enum {
    SG_DUP_INCLUDE = 0, /* every stance counts */
    SG_DUP_DOCUMENT,    /* once per source */
    SG_DUP_WEEK,        /* once per calendar week, Monday to Sunday */
    SG_DUP_MONTH,       /* once per calendar month */
    SG_DUP_YEAR,        /* once per calendar year */
    SG_DUP_ACROSSRANGE  /* once in all */
} sg_duplicates;

typedef struct {
    sg_network_kind kind;
    sg_normalize normalize;
    sg_count_mode count;
    sg_tie_mode tie; /* one-mode networks; ignored for stances */
    sg_duplicates duplicates; /* after the date and source filters */
    int by_group;   /* merge actors into their group first */
    int32_t from;   /* keep stances dated on or after; SG_NO_DATE = open */
    int32_t to;     /* ... and on or before */
    const char *const *sources; /* keep only these source ids (NULL: all) */
    size_t nsources;
    const char *const *actor_types; /* keep only actors of these types */
    size_t nactor_types;
    const char *const *topics; /* keep only proposals of these topics */
    size_t ntopics;
    const char *const *exclude; /* drop these actor/proposal ids */
    size_t nexclude;
    double min_weight; /* drop one-mode edges with |net| below this */
    size_t top_ties;   /* one-mode: keep a tie only when it is among the
                          top_ties strongest (|net|, then the lower id) of
                          either end; 0 = keep all. Bounds the ties to
                          nodes x top_ties on dense projections. */
    const double *stance_weight; /* NULL, or one multiplier per corpus
                          stance (finite, >= 0; 0 drops the stance): its
                          weight counts times the multiplier, and under
                          SG_COUNT_STATEMENTS it counts as the multiplier
                          instead of 1. What kernel-weighted time windows
                          (sg_timeline) pass; not owned. */
} sg_network_options;

/* Defaults: stances network, no filters, no normalisation. */
void sg_network_options_init(sg_network_options *opts);

typedef enum {
    SG_COL_STRING = 0,
    SG_COL_NUMBER, /* double */
    SG_COL_INT,    /* integer, stored exactly in a double (|x| < 2^53) */
    SG_COL_BOOL    /* 0 or 1, stored in a double */
} sg_column_type;

typedef enum { SG_NODES = 0, SG_EDGES = 1 } sg_table;

typedef struct {
    const char *name; /* [A-Za-z0-9_], unique within its table */
    sg_column_type type;
    const char **str; /* SG_COL_STRING: one per row, NULL = missing */
    double *num;      /* other types: one per row */
    unsigned char *missing; /* numeric types: 1 = no value (always allocated) */
} sg_column;

typedef struct sg_network_priv sg_network_priv;

typedef struct {
    sg_network_kind kind;
    const char *title; /* NULL when absent */
    size_t nnodes;
    const char **node_id;
    sg_node_kind *node_kind;
    size_t nedges;
    uint32_t *edge_from; /* node indices, edge_from < edge_to */
    uint32_t *edge_to;
    double *weight; /* > 0: strength of the tie, what layouts use */
    double *net;    /* signed: > 0 agreement/support, < 0 conflict */
    sg_column *node_cols;
    size_t n_node_cols;
    sg_column *edge_cols;
    size_t n_edge_cols;
    sg_network_priv *priv;
} sg_network;

/* Aggregate the corpus into the network `opts` asks for (NULL: defaults).
 * The result owns copies of all strings; the corpus may be freed after.
 * Cost: O(stances) to aggregate; one-mode networks O(sum over proposals of
 * deg^2), accumulated one node's row at a time in a dense accumulator of
 * size n (memory O(n + edges)). SG_EINVALID when a filter names nothing
 * known. */
int sg_network_build(sg_network **out, const sg_corpus *corpus,
                     const sg_network_options *opts);

/* An empty network, for programs and tests that fill one themselves. */
int sg_network_new(sg_network **out, sg_network_kind kind);

/* Accepts NULL. */
void sg_network_free(sg_network *net);

/* Add a node (id copied; must be unique); *index_out may be NULL. Adding
 * nodes after columns exist extends them with missing values. */
int sg_network_add_node(sg_network *net, const char *id, sg_node_kind kind,
                        size_t *index_out);

/* Add an undirected edge; endpoints are stored smaller index first.
 * SG_EINVALID for a self-loop, a repeated pair or weight <= 0. */
int sg_network_add_edge(sg_network *net, size_t a, size_t b, double weight,
                        double netval, size_t *index_out);

/* Make room for `edges` edges in all, so that a caller who knows the count
 * pays for no regrowth. Optional. */
int sg_network_reserve(sg_network *net, size_t edges);

/* Add a column to the node or edge table, all values missing; returns the
 * existing column when one of that name and type exists. The pointer is
 * valid until the next column is added. */
int sg_network_add_column(sg_column **out, sg_network *net, sg_table table,
                          const char *name, sg_column_type type);

/* Mark in out[e] (one byte per edge, the caller's) the edges that are
 * among the k strongest of either of their ends, strength being |net|,
 * then weight, then the lower edge index; with `positive_only`, only
 * edges with net > 0 take part (the others are marked 0). The rule of
 * --top-ties, for a network already built. O(edges log edges). */
int sg_network_strongest_ties(unsigned char *out, const sg_network *net,
                              size_t k, int positive_only);

/* Keep only the edges with keep[e] != 0, in their order, with their
 * column values; nodes and node columns are untouched. O(edges). */
void sg_network_keep_edges(sg_network *net, const unsigned char *keep);

/* Look a column up by name; NULL when absent. */
const sg_column *sg_network_column(const sg_network *net, sg_table table,
                                   const char *name);

/* Set a value (string copied into the network). */
int sg_column_set_string(sg_network *net, sg_column *col, size_t row,
                         const char *value);
void sg_column_set_number(sg_column *col, size_t row, double value);

/* Set the title shown by exports (copied; NULL clears it). */
int sg_network_set_title(sg_network *net, const char *title);

/* Index of a node by id, or -1. O(1) expected. */
long sg_network_find_node(const sg_network *net, const char *id);

/* Name of a network kind ("stances", "actors", "proposals"). */
const char *sg_network_kind_name(sg_network_kind kind);

#ifdef __cplusplus
}
#endif

#endif
