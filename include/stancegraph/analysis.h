#ifndef STANCEGRAPH_ANALYSIS_H
#define STANCEGRAPH_ANALYSIS_H

#include <stddef.h>

#include "common.h"
#include "corpus.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Coalition detection and centrality on a filtered corpus. One run builds
 * the two-mode network and the signed actor network from the same filters,
 * partitions the actors, and computes per-node metrics, which then travel
 * to any network (and so to every export) with sg_analysis_annotate(). */

typedef enum {
    SG_METHOD_AUTO = 0,  /* spinglass up to a size limit, Leiden above */
    SG_METHOD_SPINGLASS, /* signed spin-glass (Traag & Bruggeman 2009) */
    SG_METHOD_LEIDEN,    /* signed CPM; scales to large graphs */
    SG_METHOD_LOUVAIN,   /* multilevel modularity, positive ties only */
    SG_METHOD_WALKTRAP,  /* positive ties only */
    SG_METHOD_FASTGREEDY,
    SG_METHOD_LABELPROP,
    SG_METHOD_NONE       /* every actor alone: skip detection */
} sg_method;

typedef struct {
    sg_method method;
    unsigned long seed; /* same seed, same input: same result, byte for byte */
    double gamma;       /* positive-tie resolution (1 = classic) */
    double gamma_minus; /* negative-tie resolution (1 = classic) */
} sg_coalition_options;

void sg_coalition_options_init(sg_coalition_options *opts);

/* Parse/print method names ("auto", "spinglass", "leiden", ...). */
int sg_method_parse(sg_method *out, const char *name);
const char *sg_method_name(sg_method method);

typedef struct {
    size_t id;           /* 1-based, largest coalition first */
    size_t *members;     /* actor node indices in sg_analysis.actors */
    size_t nmembers;
    double cohesion;     /* share of positive tie weight inside */
    size_t *supports;    /* proposal node indices in sg_analysis.stances */
    size_t nsupports;    /* ... backed (nearly) unanimously */
    size_t *opposes;
    size_t nopposes;
} sg_coalition;

/* Whole-graph figures of one network. */
typedef struct {
    size_t nodes, edges, positive, negative;
    double density;
    size_t coalitions;
    double modularity;   /* signed modularity of the partition */
    size_t triangles;
    double balance;      /* share of balanced triangles; NaN when none */
    double frustration;  /* weight of ties that violate the partition */
    size_t violations;   /* their number */
} sg_graph_metrics;

typedef struct sg_analysis_priv sg_analysis_priv;

typedef struct {
    sg_network *stances;   /* two-mode network, metrics as node columns */
    sg_network *actors;    /* signed actor network the partition is on */
    sg_method method;      /* the method actually used */
    long *membership;      /* per actor node: 0-based coalition index */
    sg_coalition *coalitions;
    size_t ncoalitions;
    sg_graph_metrics graph; /* of the actor network */
    const char *notes;     /* one-line remarks ("no negative ties", ...) or NULL */
    sg_analysis_priv *priv;
} sg_analysis;

/* Run the analysis. `nopts` chooses filters, grouping, counting and
 * normalisation (its kind is ignored); either options pointer may be NULL.
 * Cost is dominated by coalition detection (spinglass ~N^2) and weighted
 * betweenness; see the README's performance section. */
int sg_analysis_run(sg_analysis **out, const sg_corpus *corpus,
                    const sg_network_options *nopts,
                    const sg_coalition_options *copts);

/* Accepts NULL. */
void sg_analysis_free(sg_analysis *a);

/* Copy the coalition and every node metric onto the matching nodes (by id)
 * of `net` as columns, and for one-mode networks add the edge column
 * `violation` (1 when the tie contradicts the partition). */
int sg_analysis_annotate(sg_network *net, const sg_analysis *a);

/* Whole-graph figures of any network under the analysis' partition. */
int sg_analysis_graph_metrics(sg_graph_metrics *out, const sg_network *net,
                              const sg_analysis *a);

#ifdef __cplusplus
}
#endif

#endif
