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
 * On an error the handler runs igraph's cleanup stack (IGRAPH_FINALLY_FREE)
 * as igraph expects, except inside a fragile call (below). */
int sg_ig_guard(int (*fn)(void *ctx), void *ctx);

/* Bracket an igraph call whose error path cannot be trusted with igraph's
 * cleanup stack: igraph 0.10.2's Leiden registers its aggregate graph
 * twice on the failure path inside igraph_create, so running the stack
 * frees it twice and corrupts the heap (tests/oom). Inside, the handler
 * leaves the stack alone and sg_ig_check() drops what the failed call left
 * on it: igraph's temporaries leak on that path instead. */
void sg_ig_fragile_begin(void);
void sg_ig_fragile_end(void);

/* Run fn(ctx, out) in a child process and copy the n longs it leaves in
 * `out` back, with its return code and message. For igraph 0.10.2's
 * spin-glass: it is C++, and when an allocation fails inside it its
 * exception paths free dead stack memory, free twice, or let
 * std::bad_alloc escape to std::terminate, none of which a C caller can
 * catch. A child that dies of a signal is reported as SG_ENOMEM: that is
 * the only way it has been seen to die (tests/oom). Where fork() fails
 * for another reason than memory, and in a process that is itself such a
 * child (sg_child_inside), fn runs in this process. O(n) besides
 * fn; the fork costs about a millisecond per 100 MB of this process. */
int sg_ig_isolated(int (*fn)(void *ctx, long *out), void *ctx, long *out,
                   size_t n);

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
