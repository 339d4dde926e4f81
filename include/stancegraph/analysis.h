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
 *   controversy     NUMBER  proposals: sg_controversy(supporters,
 *                           opponents): how evenly split, discounted when
 *                           few take part (0 = consensus or nobody)
 *   stability       NUMBER  actors: share of the consensus runs in which
 *                           it sits with its coalition (missing with one
 *                           run)
 *   positive_strength, negative_strength
 *                   NUMBER  actors: summed |net| of their positive /
 *                           negative ties in the actor network (the edge
 *                           columns agree and conflict count positions)
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
    SG_METHOD_AUTO = 0,   /* the consensus of `runs` partitions (Leiden,
                             and spinglass on components small enough
                             for it, keeping the better), each refined by
                             the stances, then refined again: see
                             sg_consensus in src/analysis/coalitions.h */
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
    size_t runs;        /* partitions the coalitions are the consensus of,
                           1..SG_MAX_RUNS; 0 = the default: SG_DEFAULT_RUNS
                           under AUTO, one run for the other methods */
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

/* Consensus runs by default, and at most. Ten runs give one partition
 * for seeds 0-9 on the bundled debate and on planted camps (tests). */
#define SG_DEFAULT_RUNS 10
#define SG_MAX_RUNS 1000

/* Defaults: AUTO, seed 0, gamma 1, gamma_minus 1, runs 0 (default). */
void sg_coalition_options_init(sg_coalition_options *opts);

/* Controversy of a proposal with s supporters and o opponents: twice the
 * lower bound of the 95 % Wilson score interval of the minority's share
 * min(s, o) / (s + o) (z = 1.96). An even split among many comes near 1;
 * among few it is uncertain, and scores less: 1 against 1 0.189, 4
 * against 4 0.430, 40 against 40 0.786; 0 when nobody opposes (or
 * supports), or nobody takes part. O(1). */
#define SG_CONTROVERSY_Z 1.96
double sg_controversy(size_t supporters, size_t opponents);

/* Parse/print method names ("auto", "spinglass", "leiden", "louvain",
 * "walktrap", "fastgreedy", "labelprop", "none"). Parsing fails with
 * SG_EUSAGE and a message listing the names. */
int sg_method_parse(sg_method *out, const char *name);
const char *sg_method_name(sg_method method);

/* Near-unanimity: a coalition supports (opposes) a proposal when at least
 * this share of its members with a position on it take that position, and
 * they are at least two members (one for a coalition of one). */
#define SG_UNANIMITY 0.8

/* Pair visits the exact cohesion counts may cost in all. */
#define SG_COHESION_BUDGET 1e8

/* An actor is stable when it sits with its coalition in at least this
 * share of the runs; a partition is clear when the actors' mean stability
 * reaches SG_CLEAR. */
#define SG_STABLE 0.9
#define SG_CLEAR 0.8

typedef struct {
    size_t id;       /* 1-based, largest coalition first */
    size_t *members; /* actor node indices in sg_analysis.actors, which
                        are the same in sg_analysis.stances */
    size_t nmembers;
    double cohesion;  /* share of the member pairs that share a proposal
                         whose shared positions agree more often than not
                         (as often: half); NaN when no pair shares one */
    size_t pairs;       /* member pairs, n (n - 1) / 2 */
    size_t known_pairs; /* those that share a proposal: what cohesion
                           rests on (the rest are unknown, not agreement) */
    int pairs_from_ties; /* 1 when there were too many to count (more
                            than SG_COHESION_BUDGET pair visits in all):
                            known_pairs are then the coalition's ties in
                            the actor network */
    double stability; /* mean of the members' stability; NaN with one
                         run */
    size_t nunstable; /* members whose stability is below SG_STABLE */
    size_t *supports; /* proposal node indices in sg_analysis.stances */
    size_t nsupports; /* ... backed nearly unanimously (SG_UNANIMITY) */
    size_t *opposes;
    size_t nopposes;
    size_t *supporters; /* per supports entry: members for it (share:
                           supporters[i] / nmembers) */
    size_t *opponents;  /* per opposes entry: members against it */
} sg_coalition;

/* Whole-graph figures of one network. */
typedef struct {
    size_t nodes, edges, positive, negative;
    size_t ambivalent; /* edges with net 0, counted in edges but neither
                          positive nor negative: in the two-mode network an
                          actor as much for as against a proposal (one-mode
                          networks keep no tie whose agreement and
                          conflict cancel out) */
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
    size_t runs;         /* partitions the coalitions are the consensus of */
    double *stability;   /* per actor node: the share of runs in which it
                            sits with its coalition (sg_stability in
                            src/analysis/consensus.c); NaN with one run */
    double stability_mean; /* over all actors; NaN with one run */
    int unclear;         /* 1 when the runs disagree so much that the data
                            support no clear partition: stability_mean
                            below SG_CLEAR */
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
