#ifndef SG_IGRAPH_GLUE_H
#define SG_IGRAPH_GLUE_H

/* The one place that talks to igraph's global state: error handlers, the
 * random number generator, and graphs made from plain edge arrays. igraph
 * 0.10 is not thread-safe, so neither is anything that calls it. */

#include <igraph.h>
#include <stddef.h>
#include <stdint.h>

/* Run fn(ctx) with handlers that turn igraph errors into return codes
 * (the first non-empty reason is kept for sg_ig_check) and silence
 * warnings; a fatal igraph error, which igraph would answer with abort(),
 * returns SG_EINTERNAL instead (what fn allocated until then leaks). The
 * previous handlers are restored. Not reentrant across threads.
 *
 * The handlers never run igraph's cleanup stack (IGRAPH_FINALLY_FREE):
 * igraph 0.10.2 has error paths that register an object twice or register
 * one that a C++ exception then unwinds (Leiden's aggregate graph,
 * spin-glass under std::bad_alloc), and freeing those corrupts the heap.
 * sg_ig_check() drops what a failed call left on the stack instead, so a
 * failing igraph call leaks igraph's own temporaries rather than crashing;
 * the allocation-failure harness (tests/oom) counts those leaks apart. */
int sg_ig_guard(int (*fn)(void *ctx), void *ctx);

/* 0 for IGRAPH_SUCCESS; otherwise set "igraph: <what>: <reason>" and return
 * SG_ENOMEM or SG_EIGRAPH. */
int sg_ig_check(igraph_error_t rc, const char *what);

/* Seed igraph's default generator (call before every randomised call). */
void sg_ig_seed(unsigned long seed);

/* Undirected graph on n nodes with the edges from[e] -- to[e] for e in
 * `sel` (NULL: all m edges in order; else m indices). The caller destroys
 * it. O(n + m). */
int sg_ig_graph(igraph_t *g, size_t n, const uint32_t *from, const uint32_t *to,
                const size_t *sel, size_t m);

/* A new vector holding x[0..n); the caller destroys it. */
int sg_ig_vector(igraph_vector_t *v, const double *x, size_t n);

#endif
