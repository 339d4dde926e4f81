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
 * to any network (and so to every export) with sg_analysis_annotate().
 *
 * Node metric columns (on sg_analysis.stances; missing where they do not
 * apply):
 *   coalition       INT     1-based; actors: their coalition; proposals:
 *                           the coalition whose members put the most
 *                           support weight behind it (ties: lower id),
 *                           missing when nobody supports it
 *   statements, support, oppose
 *                   INT     passing statements, and how many support/oppose
 *   proposals       INT     actors: proposals they take a position on
 *   supporters, opponents
 *                   INT     proposals: actors whose net position is > 0 / < 0
 *   support_weight, oppose_weight
 *                   NUMBER  proposals: summed statement weights
 *   controversy     NUMBER  proposals: 2 min(sup, opp) / (sup + opp);
 *                           0 = consensus (or nobody), 1 = evenly split
 *   agreement, conflict
 *                   NUMBER  actors: summed |net| of their positive /
 *                           negative ties in the actor network
 *   degree          INT     actors: ties in the actor network; proposals:
 *                           actors with a stance on it
 *   betweenness     NUMBER  actors: on the positive actor network with
 *                           distances 1/weight; proposals: in the two-mode
 *                           network, unweighted. Estimated from a sample of
 *                           sources on large graphs (see notes).
 *   pagerank        NUMBER  actors: on the positive actor network
 *   backed_by, opposed_by
 *                   STRING  proposals: ids of coalitions that support /
 *                           oppose it nearly unanimously, joined by ";" */

typedef enum {
    SG_METHOD_AUTO = 0,   /* spinglass per component up to 300 actors,
                             Leiden on larger components */
    SG_METHOD_SPINGLASS,  /* signed spin-glass (Traag & Bruggeman 2009) */
    SG_METHOD_LEIDEN,     /* signed modularity, positive null model */
    SG_METHOD_LOUVAIN,    /* multilevel modularity, positive ties only */
    SG_METHOD_WALKTRAP,   /* positive ties only */
    SG_METHOD_FASTGREEDY, /* positive ties only */
    SG_METHOD_LABELPROP,  /* positive ties only */
    SG_METHOD_NONE        /* every actor alone: skip detection */
} sg_method;

typedef struct {
    sg_method method;
    unsigned long seed; /* same seed, same input: same result, byte for byte */
    double gamma;       /* positive-tie resolution (1 = classic; with Leiden
                           0 = maximise the internal signed weight) */
    double gamma_minus; /* negative-tie resolution (1 = classic; spinglass) */
    int skip_proposal_betweenness; /* 1 = leave the proposals' betweenness
                           missing: it takes a pass over the whole two-mode
                           network, which callers that show only actors can
                           spare (0 by default) */
    int skip_centrality; /* 1 = leave the actors' betweenness and PageRank
                           missing: on dense actor networks they cost more
                           than the rest of the analysis, and per-window
                           runs (sg_timeline) do not show them */
    /* Called, when set, as each stage of sg_analysis_run() begins
     * ("projecting", "finding coalitions", "computing metrics"), for a
     * progress display; it must not call back into the analysis. */
    void (*progress)(const char *stage, void *ctx);
    void *progress_ctx;
} sg_coalition_options;

/* Defaults: AUTO, seed 0, gamma 1, gamma_minus 1. */
void sg_coalition_options_init(sg_coalition_options *opts);

/* Parse/print method names ("auto", "spinglass", "leiden", "louvain",
 * "walktrap", "fastgreedy", "labelprop", "none"). Parsing fails with
 * SG_EUSAGE and a message listing the names. */
int sg_method_parse(sg_method *out, const char *name);
const char *sg_method_name(sg_method method);

/* Near-unanimity: a coalition supports (opposes) a proposal when at least
 * this share of its members with a position on it take that position, and
 * they are at least two members (one for a coalition of one). */
#define SG_UNANIMITY 0.8

typedef struct {
    size_t id;       /* 1-based, largest coalition first */
    size_t *members; /* actor node indices in sg_analysis.actors, which
                        are the same in sg_analysis.stances */
    size_t nmembers;
    double cohesion;  /* positive internal tie weight / |weight| of all
                         internal ties; 1 without internal ties */
    size_t *supports; /* proposal node indices in sg_analysis.stances */
    size_t nsupports; /* ... backed nearly unanimously (SG_UNANIMITY) */
    size_t *opposes;
    size_t nopposes;
} sg_coalition;

/* Whole-graph figures of one network. */
typedef struct {
    size_t nodes, edges, positive, negative;
    double density;    /* edges / possible pairs (actor x proposal pairs
                          for the two-mode network) */
    size_t coalitions; /* distinct coalitions among the nodes */
    double modularity; /* signed modularity of the partition; NaN
                          without edges */
    size_t triangles;
    double balance;     /* share of balanced triangles; NaN when none, or
                           when there were too many to count (notes) */
    double frustration; /* |weight| of ties that violate the partition */
    size_t violations;  /* their number */
} sg_graph_metrics;

typedef struct sg_analysis_priv sg_analysis_priv;

typedef struct {
    sg_network *stances; /* two-mode network with the metric columns; its
                            edges have weight and net but no columns
                            (sg_network_build() has them all) */
    sg_network *actors;  /* signed actor network the partition is on,
                            annotated like any other network */
    sg_method method;    /* the method actually used */
    unsigned long seed;
    long *membership; /* per actor node: 0-based coalition index */
    sg_coalition *coalitions;
    size_t ncoalitions;
    sg_graph_metrics graph; /* of the actor network */
    const char *notes;      /* one line of remarks ("no negative ties; ...")
                               or NULL */
    sg_analysis_priv *priv;
} sg_analysis;

/* Run the analysis. `nopts` chooses filters, grouping, counting,
 * normalisation and min_weight (its kind is ignored); either options
 * pointer may be NULL for defaults. An empty filter result is no error:
 * zero coalitions and a note. The caller frees *out with
 * sg_analysis_free(). Not thread-safe (igraph keeps global state).
 * Cost: building O(stances + sum of deg^2); spin-glass ~N^2 per component
 * up to 300 actors, Leiden ~edges above; betweenness at most
 * ~2e8 edge visits (sampled beyond). */
int sg_analysis_run(sg_analysis **out, const sg_corpus *corpus,
                    const sg_network_options *nopts,
                    const sg_coalition_options *copts);

/* Accepts NULL. */
void sg_analysis_free(sg_analysis *a);

/* Copy the coalition and every node metric onto the matching nodes (by id)
 * of `net` as columns, and for one-mode networks add the edge column
 * `violation` (1 when the tie contradicts the partition: negative inside a
 * coalition or positive across; missing when an end has no coalition).
 * Nodes unknown to the analysis get missing values. O(nodes + edges). */
int sg_analysis_annotate(sg_network *net, const sg_analysis *a);

/* Whole-graph figures of any network under the analysis' partition (node
 * coalitions looked up by id; nodes without one count as alone).
 * O(edges sqrt(edges)) at worst for the triangle census. */
int sg_analysis_graph_metrics(sg_graph_metrics *out, const sg_network *net,
                              const sg_analysis *a);

#ifdef __cplusplus
}
#endif

#endif
