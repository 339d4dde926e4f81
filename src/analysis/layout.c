/* Node positions with igraph: Fruchterman-Reingold for networks a reader
 * takes in at a glance, DrL for large ones, and the scale scores (dim1,
 * dim2) where they exist. Only positive ties attract: a drawing of a
 * signed network should put allies together, not opponents. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/igraph_glue.h"
#include "model/error.h"
#include "stancegraph/layout.h"

static const char *const method_names[] = {"none", "fr", "drl", "scale"};

void sg_layout_options_init(sg_layout_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->method = SG_LAYOUT_FR;
}

int sg_layout_method_parse(sg_layout_method *out, const char *name)
{
    for (size_t i = 0; i < sizeof method_names / sizeof *method_names; i++)
        if (strcasecmp(name, method_names[i]) == 0) {
            *out = (sg_layout_method)i;
            return 0;
        }
    return sg_seterr(SG_EUSAGE,
                     "unknown layout \"%s\": expected fr, drl, scale or none",
                     name);
}

const char *sg_layout_method_name(sg_layout_method method)
{
    if ((unsigned)method < sizeof method_names / sizeof *method_names)
        return method_names[method];
    return "?";
}

/* The cost of the near-linear layouts grows with the ties they pull
 * along: there only each node's strongest positive ties attract. */
#define TIES_PER_NODE 10

typedef struct {
    const sg_network *net;
    sg_layout_method method;
    unsigned long seed;
    const sg_column *dim1, *dim2;
    const unsigned char *ties; /* or NULL: all */
    size_t exact_max;
    double *out;
} job;

/* Fixed coordinates for FR: lo = hi = the score (scaled to FR's natural
 * size, about sqrt(n)), or +-infinity where a node has none. */
static int scale_bounds(igraph_vector_t *lo, igraph_vector_t *hi,
                        const sg_column *dim, double s, size_t n)
{
    int rc = sg_ig_check(igraph_vector_init(lo, (igraph_integer_t)n),
                         "layout bounds");
    if (rc)
        return rc;
    if ((rc = sg_ig_check(igraph_vector_init(hi, (igraph_integer_t)n),
                          "layout bounds"))) {
        igraph_vector_destroy(lo);
        return rc;
    }
    for (size_t i = 0; i < n; i++) {
        int known = dim && !dim->missing[i] && isfinite(dim->num[i]);
        VECTOR(*lo)[i] = known ? dim->num[i] * s : -IGRAPH_INFINITY;
        VECTOR(*hi)[i] = known ? dim->num[i] * s : IGRAPH_INFINITY;
    }
    return 0;
}

/* Keep in sel[0..*m) only the positive ties among the k strongest of
 * either end, in their original order. */
static int strongest_ties(size_t *sel, size_t *m, const sg_network *net,
                          size_t k)
{
    unsigned char *keep = malloc(net->nedges ? net->nedges : 1);
    if (!keep)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = sg_network_strongest_ties(keep, net, k, 1);
    size_t w = 0;
    for (size_t i = 0; !rc && i < *m; i++)
        if (keep[sel[i]])
            sel[w++] = sel[i];
    if (!rc)
        *m = w;
    free(keep);
    return rc;
}

static int run(void *ctx)
{
    job *j = ctx;
    const sg_network *net = j->net;
    size_t n = net->nnodes, m = 0;
    size_t *sel = malloc((net->nedges ? net->nedges : 1) * sizeof *sel);
    igraph_t g;
    igraph_matrix_t res;
    igraph_vector_t w, bx[2], by[2];
    int have_g = 0, have_res = 0, have_w = 0, have_bx = 0, have_by = 0, rc;
    if (!sel)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t e = 0; e < net->nedges; e++)
        if (net->net[e] > 0 && (!j->ties || j->ties[e]))
            sel[m++] = e;
    int large = n > (j->exact_max ? j->exact_max : SG_LAYOUT_FR_MAX);
    if ((large || j->method == SG_LAYOUT_DRL) &&
        (rc = strongest_ties(sel, &m, net, TIES_PER_NODE))) {
        free(sel);
        return rc;
    }
    /* Weights relative to their mean: FR's forces assume ties near 1. */
    double sum = 0;
    for (size_t k = 0; k < m; k++)
        sum += net->weight[sel[k]];
    if ((rc = sg_ig_graph(&g, n, net->edge_from, net->edge_to, sel, m)))
        goto cleanup;
    have_g = 1;
    if ((rc = sg_ig_check(igraph_vector_init(&w, (igraph_integer_t)m),
                          "layout weights")))
        goto cleanup;
    have_w = 1;
    for (size_t k = 0; k < m; k++)
        VECTOR(w)[k] = net->weight[sel[k]] / (sum / (double)m);
    if ((rc = sg_ig_check(igraph_matrix_init(&res, (igraph_integer_t)n, 2),
                          "layout")))
        goto cleanup;
    have_res = 1;
    sg_ig_seed(j->seed);
    if (j->method == SG_LAYOUT_DRL) {
        igraph_layout_drl_options_t o;
        if (!(rc = sg_ig_check(igraph_layout_drl_options_init(
                                   &o, IGRAPH_LAYOUT_DRL_DEFAULT),
                               "DrL layout")))
            rc = sg_ig_check(igraph_layout_drl(&g, &res, 0, &o, &w),
                             "DrL layout");
    } else {
        double s = sqrt((double)n) / 2;
        if (j->method == SG_LAYOUT_SCALE) {
            if ((rc = scale_bounds(&bx[0], &bx[1], j->dim1, s, n)))
                goto cleanup;
            have_bx = 1;
            if ((rc = scale_bounds(&by[0], &by[1], j->dim2, s, n)))
                goto cleanup;
            have_by = 1;
        }
        rc = sg_ig_check(igraph_layout_fruchterman_reingold(
                             &g, &res, 0, 500, sqrt((double)n),
                             large ? IGRAPH_LAYOUT_GRID : IGRAPH_LAYOUT_NOGRID,
                             m ? &w : NULL,
                             have_bx ? &bx[0] : NULL, have_bx ? &bx[1] : NULL,
                             have_by ? &by[0] : NULL, have_by ? &by[1] : NULL),
                         "Fruchterman-Reingold layout");
    }
    if (!rc)
        for (size_t i = 0; i < n; i++) {
            j->out[2 * i] = MATRIX(res, i, 0);
            j->out[2 * i + 1] = MATRIX(res, i, 1);
        }

cleanup:
    if (have_by) {
        igraph_vector_destroy(&by[0]);
        igraph_vector_destroy(&by[1]);
    }
    if (have_bx) {
        igraph_vector_destroy(&bx[0]);
        igraph_vector_destroy(&bx[1]);
    }
    if (have_res)
        igraph_matrix_destroy(&res);
    if (have_w)
        igraph_vector_destroy(&w);
    if (have_g)
        igraph_destroy(&g);
    free(sel);
    return rc;
}

/* Centre on 0, scale the larger half-extent to the target, round. */
static void normalise(double *xy, size_t n)
{
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 2; d++) {
            if (xy[2 * i + d] < lo[d])
                lo[d] = xy[2 * i + d];
            if (xy[2 * i + d] > hi[d])
                hi[d] = xy[2 * i + d];
        }
    double half = fmax(hi[0] - lo[0], hi[1] - lo[1]) / 2;
    double target = fmax(300, 60 * sqrt((double)n));
    double s = half > 0 ? target / half : 0;
    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < 2; d++) {
            double v = (xy[2 * i + d] - (lo[d] + hi[d]) / 2) * s;
            v = round(v * 100) / 100;
            xy[2 * i + d] = v == 0 ? 0 : v; /* no "-0" */
        }
}

static const sg_column *numeric(const sg_network *net, const char *name)
{
    const sg_column *c = sg_network_column(net, SG_NODES, name);
    return c && c->type != SG_COL_STRING ? c : NULL;
}

int sg_layout_compute(double *out, const sg_network *net,
                      const sg_layout_options *opts)
{
    sg_layout_options defaults;
    if (!opts) {
        sg_layout_options_init(&defaults);
        opts = &defaults;
    }
    if ((unsigned)opts->method > SG_LAYOUT_SCALE)
        return sg_seterr(SG_EUSAGE, "unknown layout method");
    job j = {net, opts->method, opts->seed,
             numeric(net, "dim1"), numeric(net, "dim2"), opts->ties,
             opts->exact_max, out};
    if (j.method == SG_LAYOUT_NONE || net->nnodes == 0)
        return 0;
    if (j.method == SG_LAYOUT_SCALE) {
        size_t known = 0;
        for (size_t i = 0; j.dim1 && i < net->nnodes; i++)
            known += !j.dim1->missing[i] && isfinite(j.dim1->num[i]);
        if (!known)
            return sg_seterr(SG_EINVALID,
                             "layout scale: the nodes have no dim1 scores "
                             "(the scale command computes them)");
    }
    int rc = sg_ig_guard(run, &j);
    if (!rc)
        normalise(out, net->nnodes);
    return rc;
}

int sg_layout_apply(sg_network *net, const sg_layout_options *opts)
{
    if (opts && opts->method == SG_LAYOUT_NONE)
        return 0;
    static const char *const names[2] = {"x", "y"};
    for (int d = 0; d < 2; d++)
        if (sg_network_column(net, SG_NODES, names[d]))
            return sg_seterr(SG_EINVALID,
                             "cannot add positions: the nodes already have "
                             "an attribute \"%s\" (--layout none keeps it)",
                             names[d]);
    double *xy = malloc((net->nnodes ? net->nnodes : 1) * 2 * sizeof *xy);
    if (!xy)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = sg_layout_compute(xy, net, opts);
    for (int d = 0; d < 2 && !rc; d++) {
        sg_column *c;
        if ((rc = sg_network_add_column(&c, net, SG_NODES, names[d],
                                        SG_COL_NUMBER)))
            break;
        for (size_t i = 0; i < net->nnodes; i++)
            sg_column_set_number(c, i, xy[2 * i + d]);
    }
    free(xy);
    return rc;
}
