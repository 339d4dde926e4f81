#ifndef SG_PAIRS_H
#define SG_PAIRS_H

/* Internal interface of the network builder (project.c), shared with the
 * analysis: the filtered corpus as actor x proposal pairs, the signed
 * one-mode projection of those pairs, and the networks made from them. */

#include <stddef.h>
#include <stdint.h>

#include "stancegraph/network.h"

#define SG_NO_UNIT UINT32_MAX

/* The one-mode projection refuses to hold more ties than this (about 1.6 GB
 * of ties plus the network made from them): SG_ELIMIT instead. */
#define SG_MAX_TIES ((size_t)50000000)

/* The corpus after filters and grouping. An actor "unit" is a corpus actor,
 * or with by_group a group of actors; only units and proposals with at
 * least one passing stance are kept, in corpus order (a group sits where
 * its first member does). Pairs are sorted by (actor, proposal). */
typedef struct {
    const sg_corpus *corpus;
    int grouped;
    const double *mult; /* opts->stance_weight: per corpus stance, or NULL */
    size_t nactors, nproposals, npairs, nstances;
    const char **actor_id;        /* actor id, or the group name */
    uint32_t *actor_entity;       /* corpus actor index (first member) */
    uint32_t *actor_members;      /* members with a passing stance; 0 = plain */
    uint32_t *entity_unit;        /* per corpus actor: its unit or SG_NO_UNIT */
    unsigned char *entity_active; /* per corpus actor: has a passing stance */
    uint32_t *proposal_entity;    /* corpus proposal index */
    uint32_t *pair_actor, *pair_proposal;
    double *support_w, *oppose_w;   /* summed weights */
    uint32_t *support_n, *oppose_n; /* statement counts */
    /* With opts->stance_weight: the statement counts weighted by it (what
     * --count statements multiplies); NULL otherwise. */
    double *support_k, *oppose_k;
    size_t *actor_start;            /* nactors + 1: pairs of unit a */
    size_t *prop_start;             /* nproposals + 1: into prop_pairs */
    uint32_t *prop_pairs; /* pair indices by proposal, actors ascending */
    size_t *stance_start; /* npairs + 1: into stance_idx */
    uint32_t *stance_idx; /* corpus stance indices by pair, corpus order */
} sg_pairs;

/* Filter and aggregate. SG_EINVALID when a --source or --exclude names
 * nothing known. O(stances + actors + proposals) time and memory. */
int sg_pairs_build(sg_pairs *out, const sg_corpus *corpus,
                   const sg_network_options *opts);
void sg_pairs_free(sg_pairs *p);

/* Position of pair i: 1 support, -1 oppose, 0 ambivalent (S == O up to
 * rounding). */
int sg_pair_sign(const sg_pairs *p, size_t i);

/* A one-mode tie: a < b, raw agreement and conflict, normalised net. */
typedef struct {
    uint32_t a, b;
    double agree, conflict, net;
} sg_tie;

/* Project the pairs onto actors (kind SG_NET_ACTORS) or proposals, with the
 * counting, normalisation, tie rule and min_weight of `opts`. With
 * keep_zero, pairs that co-occur but balance out (net 0 under
 * SG_TIE_SUBTRACT) are kept too. Ties come sorted by
 * (a, b); the caller frees *out. O(sum over columns of degree^2) time,
 * O(nodes + ties) memory; SG_ELIMIT beyond SG_MAX_TIES. */
int sg_pairs_project(sg_tie **out, size_t *nout, const sg_pairs *p,
                     sg_network_kind kind, const sg_network_options *opts,
                     int keep_zero);

/* Receives the ties as the product finds them; a non-zero return stops the
 * projection and is passed on. */
typedef int (*sg_tie_sink)(void *ctx, const sg_tie *t);

/* The same projection streamed: each tie goes to `sink` as it is found
 * instead of into a list, so a network can be filled without holding the
 * ties twice. Same order, limits and cost as sg_pairs_project(). */
int sg_pairs_project_each(const sg_pairs *p, sg_network_kind kind,
                          const sg_network_options *opts, int keep_zero,
                          sg_tie_sink sink, void *ctx);

/* True for names of built-in node columns and analysis metrics, which
 * corpus attributes must not take. */
int sg_reserved_column(const char *name);

/* Which edge columns a stances network gets: none (ends, weight and net
 * only: what an analysis needs), the basic ones (stance, mixed, statements,
 * support_weight, oppose_weight), or those plus the statement details
 * (first_date, last_date, dates, sources, quotes), as sg_network_build. */
typedef enum {
    SG_EDGE_COLUMNS_NONE,
    SG_EDGE_COLUMNS_BASIC,
    SG_EDGE_COLUMNS_DETAILS
} sg_edge_columns;

/* The network of `opts->kind` from pairs (the corpus must still live);
 * `columns` applies to stances networks. */
int sg_pairs_network(sg_network **out, const sg_pairs *p,
                     const sg_network_options *opts, sg_edge_columns columns);

typedef struct {
    const char *name;
    sg_column_type type;
} sg_colspec;

/* Add columns in order and return pointers to all of them in out[],
 * fetched once all exist (adding a column may move the others). */
int sg_add_columns(sg_network *net, sg_table table, const sg_colspec *spec,
                   size_t n, sg_column **out);

#endif
