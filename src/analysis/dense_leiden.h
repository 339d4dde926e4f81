#ifndef SG_DENSE_LEIDEN_H
#define SG_DENSE_LEIDEN_H

/* Leiden (Traag, Waltman & van Eck 2019) on a dense signed graph held as
 * an n x n matrix. On a graph where most pairs are tied, as in a roll call
 * or a busy month of a debate, reading a matrix row costs what walking an
 * adjacency list does, without igraph rebuilding its graph at every level
 * and every call. Same objective as igraph_community_leiden with node
 * weights: Q = sum over pairs in one cluster of w_ij - r * n_i * n_j. */

#include <stddef.h>
#include <stdint.h>

#include "analysis/metrics.h"

typedef struct sg_dense_graph sg_dense_graph;

/* Whether g is dense enough, and small enough, for the matrix: at least
 * an eighth of all pairs tied (a row then holds at most 8x the ties an
 * adjacency list would, read in order), at most SG_DENSE_MAX_NODES nodes
 * (the matrix takes 8 n^2 bytes: 128 MiB at the cap) and at least
 * SG_DENSE_MIN_TIES ties (below, igraph takes milliseconds anyway). */
#define SG_DENSE_MAX_NODES 4096
#define SG_DENSE_MIN_TIES 20000
int sg_dense_pays(const sg_sgraph *g);

/* g as a symmetric matrix (parallel ties summed); O(n^2) time and memory.
 * Returns 0 or SG_ENOMEM with the message set. */
int sg_dense_graph_new(sg_dense_graph **out, const sg_sgraph *g);
void sg_dense_graph_free(sg_dense_graph *d); /* accepts NULL */

/* between[c * k + d]: the summed weight of the ties between clusters c
 * and d of membership[0..n) (values below k); the diagonal holds twice
 * the weight inside c. O(n^2 + k n) time, k n doubles of scratch; meant
 * for few clusters (the greedy merge after Leiden calls it up to
 * SG_DENSE_BETWEEN_MAX). Returns 0 or SG_ENOMEM with the message set. */
#define SG_DENSE_BETWEEN_MAX 256
int sg_dense_between(double *between, const sg_dense_graph *d,
                     const long *membership, size_t k);

/* Leiden on d: node weights nodew[0..n), resolution r, randomness beta of
 * the refinement's merges, `iterations` rounds (each starting from the
 * last one's partition; the first from singletons). membership[0..n)
 * receives clusters numbered from 0 in order of first member. Everything
 * random comes from `seed`: the same seed gives the same partition on
 * every platform. About iterations x levels x passes x n^2; memory 3 n^2
 * doubles at most. Returns 0 or SG_ENOMEM with the message set. */
int sg_dense_leiden(long *membership, const sg_dense_graph *d,
                    const double *nodew, double r, double beta,
                    int iterations, uint64_t seed);

#endif
