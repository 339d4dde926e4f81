#ifndef SG_METRICS_H
#define SG_METRICS_H

/* Graph metrics on plain edge arrays: centralities through igraph, and the
 * signed figures igraph lacks (signed modularity, triangle balance,
 * frustration). */

#include <stddef.h>
#include <stdint.h>

/* An undirected signed graph as edge arrays (no igraph types). */
typedef struct {
    size_t n, m;
    const uint32_t *from, *to;
    const double *w; /* signed, non-zero */
} sg_sgraph;

/* Work one betweenness run may cost, in sources x edges; igraph needs about
 * 10 ns per unit here, weighted or not. Beyond it betweenness is estimated
 * from a seeded sample of at least SG_BETWEENNESS_MIN_SOURCES sources
 * (Brandes & Pich 2007), scaled by nodes / sources: unbiased, and clear
 * brokers keep their rank. Actors get a quarter second; proposals, whose
 * two-mode betweenness mostly follows their degree, less. */
#define SG_BETWEENNESS_BUDGET 2.5e7
#define SG_BETWEENNESS_BUDGET_TWO_MODE 1e7
#define SG_BETWEENNESS_MIN_SOURCES 16
/* Work (wedge checks) the triangle census may cost before it gives up. */
#define SG_TRIANGLE_BUDGET 2e9

/* Betweenness of the n nodes over the m edges from[sel[i]] -- to[sel[i]]
 * (sel NULL: edges 0..m-1) with lengths len[i] (NULL: unweighted; lengths
 * follow the sel order), exact when n x m <= budget, else from a sample.
 * *nsources receives the number of sources used: n when exact, 0 when the
 * graph is too large even for a minimal sample (then every value is NaN).
 * Run inside sg_ig_guard(). */
int sg_betweenness(double *out, size_t *nsources, size_t n,
                   const uint32_t *from, const uint32_t *to, const size_t *sel,
                   size_t m, const double *len, double budget,
                   unsigned long seed);

/* PageRank (ARPACK, damping 0.85, weights w; PRPACK runs in parallel and
 * varies in the last digits from run to run) and betweenness (lengths 1/w,
 * as sg_betweenness) of the same positive edges, on one igraph graph.
 * w must be > 0, in sel order. Run inside sg_ig_guard(). */
int sg_positive_centrality(double *pagerank, double *btw, size_t *nsources,
                           size_t n, const uint32_t *from, const uint32_t *to,
                           const size_t *sel, size_t m, const double *w,
                           double budget, unsigned long seed);

/* Triangles of the signed graph and how many are balanced (product of the
 * three signs positive). Returns 1 without counting when the work would
 * exceed SG_TRIANGLE_BUDGET, 0 when counted, or SG_ENOMEM. O(m sqrt m)
 * at worst with the degree ordering. */
int sg_triangles(size_t *triangles, size_t *balanced, const sg_sgraph *g);

/* Signed modularity (Gomez, Jensen & Arenas 2009) of a partition into
 * *out: Q = [sum_in w - sum_same (k+_i k+_j / 2m+ - k-_i k-_j / 2m-)] /
 * (2m+ + 2m-) over ordered pairs. membership[i] < 0 puts node i alone.
 * NaN without edges. 0 or SG_ENOMEM (a NaN that means "no memory" would
 * pass for "no edges"). O(n + m). */
int sg_signed_modularity(double *out, const sg_sgraph *g,
                         const long *membership);

/* The same with resolutions: gamma scales the positive null-model term
 * and gamma_minus the negative one (spin-glass's objective). */
int sg_signed_quality(double *out, const sg_sgraph *g, const long *membership,
                      double gamma, double gamma_minus);

/* Ties that contradict a partition: negative inside a group or positive
 * across groups. Edges touching a node with membership < 0 are not
 * judged. *weight is their summed |w|. */
void sg_frustration(size_t *count, double *weight, const sg_sgraph *g,
                    const long *membership);

#endif
