/* igraph error handling, seeding and graph construction. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "analysis/igraph_glue.h"
#include "model/parallel.h"
#include "model/util.h"

static char reason[512];
static jmp_buf *fatal_exit;
static int stack_mark; /* igraph's cleanup stack at the guard's entry */
static int fragile;    /* inside sg_ig_fragile_begin/end */

/* igraph calls the handler again with an empty reason at every level it
 * unwinds through: the first non-empty reason is the informative one. */
static void on_error(const char *why, const char *file, int line,
                     igraph_error_t code)
{
    (void)file;
    (void)line;
    (void)code;
    if (!reason[0] && why && *why)
        snprintf(reason, sizeof reason, "%s", why);
    if (!fragile)
        IGRAPH_FINALLY_FREE();
}

/* Drop whatever a failed call left on igraph's cleanup stack without
 * running it: after a fragile call (see igraph_glue.h), or anything a
 * handler above ours left. Our own code registers nothing there, so
 * between igraph calls the stack is back at the guard's mark. */
static void drop_stack(void)
{
    int left = IGRAPH_FINALLY_STACK_SIZE() - stack_mark;
    if (left > 0)
        IGRAPH_FINALLY_CLEAN(left);
}

static void on_warning(const char *why, const char *file, int line)
{
    (void)why;
    (void)file;
    (void)line;
}

static void on_fatal(const char *why, const char *file, int line)
{
    (void)file;
    (void)line;
    snprintf(reason, sizeof reason, "%s", why ? why : "fatal error");
    if (fatal_exit)
        longjmp(*fatal_exit, 1);
}

int sg_ig_guard(int (*fn)(void *ctx), void *ctx)
{
    jmp_buf here;
    jmp_buf *outer = fatal_exit;
    igraph_error_handler_t *old_error = igraph_set_error_handler(on_error);
    igraph_warning_handler_t *old_warning =
        igraph_set_warning_handler(on_warning);
    igraph_fatal_handler_t *old_fatal = igraph_set_fatal_handler(on_fatal);
    int outer_mark = stack_mark;
    int rc;
    reason[0] = '\0';
    stack_mark = IGRAPH_FINALLY_STACK_SIZE();
    if (setjmp(here) == 0) {
        fatal_exit = &here;
        rc = fn(ctx);
    } else {
        fragile = 0;
        drop_stack();
        rc = sg_seterr(SG_EINTERNAL, "igraph: fatal error: %s", reason);
    }
    stack_mark = outer_mark;
    fatal_exit = outer;
    igraph_set_error_handler(old_error);
    igraph_set_warning_handler(old_warning);
    igraph_set_fatal_handler(old_fatal);
    return rc;
}

void sg_ig_fragile_begin(void) { fragile++; }

void sg_ig_fragile_end(void) { fragile--; }

int sg_ig_check(igraph_error_t rc, const char *what)
{
    if (rc == IGRAPH_SUCCESS) {
        reason[0] = '\0';
        return 0;
    }
    drop_stack();
    if (rc == IGRAPH_ENOMEM)
        sg_seterr(SG_ENOMEM, "out of memory");
    else
        sg_seterr(SG_EIGRAPH, "igraph: %s: %s", what,
                  reason[0] ? reason : igraph_strerror(rc));
    reason[0] = '\0';
    return rc == IGRAPH_ENOMEM ? SG_ENOMEM : SG_EIGRAPH;
}

typedef struct {
    int (*fn)(void *ctx, long *out);
    void *ctx;
} isolated_call;

static int call_isolated(void *p, void *out)
{
    const isolated_call *call = p;
    return call->fn(call->ctx, out);
}

int sg_ig_isolated(int (*fn)(void *ctx, long *out), void *ctx, long *out,
                   size_t n)
{
    isolated_call call = {fn, ctx};
    /* Already in a child (a consensus worker): a crash ends only that
     * child, which its parent reports, so fn runs here. */
    if (sg_child_inside())
        return fn(ctx, out);
    sg_child c;
    int rc = sg_child_start(&c, call_isolated, &call, out, n * sizeof *out);
    return rc ? rc : sg_child_wait(&c, out, n * sizeof *out);
}

void sg_ig_seed(unsigned long seed)
{
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
}

int sg_ig_graph(igraph_t *g, size_t n, const uint32_t *from, const uint32_t *to,
                const size_t *sel, size_t m)
{
    igraph_vector_int_t edges;
    int rc = sg_ig_check(
        igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m)), "graph");
    if (rc)
        return rc;
    for (size_t i = 0; i < m; i++) {
        size_t e = sel ? sel[i] : i;
        VECTOR(edges)[2 * i] = from[e];
        VECTOR(edges)[2 * i + 1] = to[e];
    }
    rc = sg_ig_check(
        igraph_create(g, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED),
        "graph");
    igraph_vector_int_destroy(&edges);
    return rc;
}

int sg_ig_vector(igraph_vector_t *v, const double *x, size_t n)
{
    int rc = sg_ig_check(igraph_vector_init(v, (igraph_integer_t)n), "vector");
    if (rc)
        return rc;
    if (n)
        memcpy(VECTOR(*v), x, n * sizeof *x);
    return 0;
}
