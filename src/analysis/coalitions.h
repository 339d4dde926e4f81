#ifndef SG_COALITIONS_H
#define SG_COALITIONS_H

/* Partitioning a signed graph into coalitions. */

#include <stddef.h>
#include <stdint.h>

#include "analysis/metrics.h"
#include "stancegraph/analysis.h"

/* Under SG_METHOD_AUTO every connected component is partitioned by Leiden,
 * and components up to these sizes by spin-glass too, keeping whichever
 * partition has the higher signed modularity. Spin-glass costs grow with
 * the ties: measured here, a dense 100-actor roll call (4,800 ties) takes
 * 0.3-0.7 s and 300 actors (42,000 ties) 6-20 s, where Leiden needs
 * milliseconds and finds the same partition; on small graphs spin-glass
 * sometimes finds a better one. */
#define SG_SPINGLASS_MAX_NODES 300
#define SG_SPINGLASS_MAX_TIES 2000
/* In each run of a consensus, which makes ten of them, spin-glass only
 * where it takes milliseconds: a debate the size of the bundled one (89
 * ties: a few ms), not a 60-actor network of 1,800 ties (0.2 s). */
#define SG_SPINGLASS_RUN_MAX_TIES 400

/* Partition g with o->method into membership[0..n), 0-based and relabelled
 * largest coalition first (ties: smallest member index first); *ncoal
 * receives the number of coalitions and *used the method that ran (for
 * AUTO: spin-glass or Leiden when one of them won on every component of
 * two or more actors, else AUTO).
 * Must run inside sg_ig_guard(). Deterministic for a given o->seed. */
int sg_partition(long *membership, size_t *ncoal, sg_method *used,
                 const sg_sgraph *g, const sg_coalition_options *o);

/* Leiden's input for g (igraph's graph, the weights, the node weights),
 * made once for all runs of a consensus instead of once per run; worker
 * processes forked after it share its pages. Must run inside
 * sg_ig_guard(). O(n + m log m); about 40 bytes a tie. */
typedef struct sg_leiden_input sg_leiden_input;
int sg_leiden_input_new(sg_leiden_input **out, const sg_sgraph *g);
void sg_leiden_input_free(sg_leiden_input *in); /* accepts NULL */

/* Whether a run of sg_partition_run with `in` calls no igraph at all:
 * Leiden (or AUTO) on a matrix, with no component small enough for
 * spin-glass. Such runs may share this process's memory on threads
 * (igraph 0.10 keeps its state in globals; the matrix code does not). */
int sg_leiden_input_pure(const sg_leiden_input *in,
                         const sg_coalition_options *o, int quick);

/* sg_partition for one run of a consensus: with `quick`, Leiden makes
 * fewer passes; `in` (may be NULL) is g's Leiden input. */
int sg_partition_run(long *membership, size_t *ncoal, sg_method *used,
                     const sg_sgraph *g, const sg_coalition_options *o,
                     int quick, const sg_leiden_input *in);

/* Union-find over parent[] (parent[i] == i: a root), each set rooted at
 * its smallest member. */
uint32_t sg_find_root(uint32_t *parent, uint32_t x);
void sg_unite(uint32_t *parent, uint32_t a, uint32_t b);

/* Renumber membership[0..n) (any values >= 0) largest group first, ties by
 * smallest member index. Returns the number of groups, or 0 with n == 0;
 * (size_t)-1 on allocation failure. O(n log n). */
size_t sg_relabel(long *membership, size_t n);

/* Every actor's positions, for the refinement by stances: (actor,
 * proposal) pairs sorted by actor, with their sign, and the same pairs
 * listed by proposal. Ambivalent pairs have sign 0. */
typedef struct {
    size_t nactors, nproposals, npairs;
    const size_t *actor_start;      /* nactors + 1, into the pairs */
    const uint32_t *pair_proposal;  /* per pair */
    const signed char *sign;        /* per pair: 1, -1 or 0 */
    const size_t *prop_start;       /* nproposals + 1, into prop_pairs */
    const uint32_t *prop_pairs;     /* pair indices by proposal */
    const uint32_t *pair_actor;     /* per pair */
} sg_positions;

/* Move actors between the coalitions of membership[0..nactors) (any
 * values >= 0) while the agreement of every actor with the majority
 * position of the other members of its coalition, summed over its stances,
 * grows (see consensus.c). Actors alone, or without ties at all, join the
 * coalition they agree with most when they agree with one more than they
 * disagree. On more than 2000 actors, coalitions whose members' stances
 * are more probable in larger coalitions (a latent-class likelihood, see
 * consensus.c) are dissolved into them. Labels may be left with gaps:
 * relabel after. Deterministic;
 * O(stances x coalitions met per proposal) per pass, at most
 * SG_REFINE_PASSES passes; no projection. *moves (may be NULL) receives the
 * number of actors moved in all. */
#define SG_REFINE_PASSES 20
int sg_refine(long *membership, size_t *moves, const sg_positions *pos);

/* What a consensus run leaves besides the partition. */
typedef struct {
    size_t runs;       /* partitions the consensus was made of */
    double *stability; /* per actor (caller's array of n): share of runs
                          in which it sits with its coalition; NaN when
                          runs == 1 */
    sg_method used;    /* as sg_partition's *used, over all runs */
} sg_consensus_info;

/* The consensus of o->runs partitions (0: SG_DEFAULT_RUNS under AUTO, 1
 * otherwise), run r with its own seed (o->seed * runs + r), each refined
 * by the stances under AUTO: ties whose two ends share a coalition in more
 * than half of the runs join them, then (AUTO) the result is refined
 * again. With one run its partition is the result. membership[0..n) is
 * relabelled largest first; *ncoal receives the count. info->stability
 * must hold g->n values. Must run inside sg_ig_guard(). Runs that call
 * no igraph (sg_leiden_input_pure: Leiden on a matrix) go to
 * sg_threads_get() threads; the others in blocks of consecutive runs to
 * as many workers, forked processes beside this one (igraph 0.10 is not
 * thread-safe); each run depends on its seed alone, so the result is the
 * same for any number. Cost: runs x
 * (sg_partition + sg_refine) + O(runs x (ties + n log n)), spread over
 * the workers; memory runs x n x 4 bytes + Leiden's input (about 40
 * bytes a tie, shared by the workers), and each extra worker holds its own
 * working copies (Leiden's, about 50 bytes a tie): workers start only
 * while those take at most half the memory the system has available. */
int sg_consensus(long *membership, size_t *ncoal, sg_consensus_info *info,
                 const sg_sgraph *g, const sg_positions *pos,
                 const sg_coalition_options *o);

/* Stability figures of a partition against the runs (runs x n labels,
 * run r at runs[r * n]): for each run, every final coalition is matched
 * to the run's cluster holding most of its members, provided that cluster
 * holds more of them than of any other coalition; an actor sits with its
 * coalition in that run when it is in the matched cluster. out[i] = share
 * of runs. O(runs x n log n). */
int sg_stability(double *out, const int32_t *runs, size_t nruns,
                 const long *membership, size_t n);

/* Cohesion counts of one coalition: its member pairs, those that share a
 * proposal (both with a position), and of those the pairs whose shared
 * positions agree more often than not, or as often. */
typedef struct {
    size_t pairs, known, agreeing, balanced;
    int from_ties; /* too costly to count: known and agreeing are the
                      coalition's internal ties in g and the positive
                      ones */
} sg_cohesion_count;

/* out[0..k) for the coalitions of membership (0..k-1). Exact while the
 * pair visits (sum over coalitions and proposals of the members taking a
 * position, squared) stay within `budget` in all; coalitions beyond it
 * fall back on the ties of g. O(stances + visits + ties). */
int sg_cohesion(sg_cohesion_count *out, size_t k, const long *membership,
                const sg_positions *pos, const sg_sgraph *g, double budget);

#endif
