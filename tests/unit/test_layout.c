/* Layouts: positions that are seeded and byte-identical, centred and scaled
 * to the documented box, allies placed together and opponents apart, the
 * scale scores as coordinates, and the refusals. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stancegraph.h"

/* Two camps of `k` nodes each, every pair inside a camp agreeing (net 1)
 * and every pair across in conflict (net -1). */
static sg_network *two_camps(size_t k)
{
    sg_network *net = NULL;
    assert_int_equal(sg_network_new(&net, SG_NET_ACTORS), 0);
    for (size_t i = 0; i < 2 * k; i++) {
        char id[32];
        snprintf(id, sizeof id, "a%zu", i);
        assert_int_equal(sg_network_add_node(net, id, SG_ACTOR, NULL), 0);
    }
    for (size_t i = 0; i < 2 * k; i++)
        for (size_t j = i + 1; j < 2 * k; j++) {
            double sign = (i < k) == (j < k) ? 1 : -1;
            assert_int_equal(sg_network_add_edge(net, i, j, 1, sign, NULL), 0);
        }
    return net;
}

static double *layout(const sg_network *net, sg_layout_method m,
                      unsigned long seed)
{
    sg_layout_options o;
    sg_layout_options_init(&o);
    o.method = m;
    o.seed = seed;
    double *xy = calloc(2 * net->nnodes + 1, sizeof *xy);
    assert_non_null(xy);
    assert_int_equal(sg_layout_compute(xy, net, &o), 0);
    return xy;
}

static double dist(const double *xy, size_t a, size_t b)
{
    return hypot(xy[2 * a] - xy[2 * b], xy[2 * a + 1] - xy[2 * b + 1]);
}

static void test_layout__names(void **state)
{
    (void)state;
    sg_layout_method m;
    assert_int_equal(sg_layout_method_parse(&m, "drl"), 0);
    assert_int_equal(m, SG_LAYOUT_DRL);
    assert_int_equal(sg_layout_method_parse(&m, "FR"), 0);
    assert_int_equal(m, SG_LAYOUT_FR);
    assert_string_equal(sg_layout_method_name(SG_LAYOUT_SCALE), "scale");
    assert_string_equal(sg_layout_method_name(SG_LAYOUT_NONE), "none");
    assert_int_equal(sg_layout_method_parse(&m, "neato"), SG_EUSAGE);
    assert_non_null(strstr(sg_error_last(), "fr, drl, scale or none"));
    sg_layout_options o;
    sg_layout_options_init(&o);
    assert_int_equal(o.method, SG_LAYOUT_FR);
    assert_int_equal(o.seed, 0);
}

/* Same seed: the same bytes; another seed: another drawing. */
static void test_layout__seeded(void **state)
{
    (void)state;
    sg_network *net = two_camps(6);
    sg_layout_method methods[] = {SG_LAYOUT_FR, SG_LAYOUT_DRL};
    for (size_t k = 0; k < 2; k++) {
        double *a = layout(net, methods[k], 7), *b = layout(net, methods[k], 7);
        double *c = layout(net, methods[k], 8);
        assert_memory_equal(a, b, 2 * net->nnodes * sizeof *a);
        assert_true(memcmp(a, c, 2 * net->nnodes * sizeof *a) != 0);
        free(a);
        free(b);
        free(c);
    }
    sg_network_free(net);
}

/* Centred on 0; the larger half-extent is max(300, 60 sqrt(12)) = 300;
 * every value a whole number of hundredths. */
static void test_layout__box(void **state)
{
    (void)state;
    sg_network *net = two_camps(6);
    double *xy = layout(net, SG_LAYOUT_FR, 0);
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (size_t i = 0; i < 2 * net->nnodes; i++) {
        lo[i % 2] = fmin(lo[i % 2], xy[i]);
        hi[i % 2] = fmax(hi[i % 2], xy[i]);
        assert_true(fabs(xy[i] * 100 - round(xy[i] * 100)) < 1e-6);
    }
    for (int d = 0; d < 2; d++)
        assert_true(fabs(lo[d] + hi[d]) <= 0.011);
    double half = fmax(hi[0] - lo[0], hi[1] - lo[1]) / 2;
    assert_true(fabs(half - 300) <= 0.011);
    free(xy);
    sg_network_free(net);
}

/* Agreement pulls, conflict does not: every member sits nearer the other
 * members of its camp than any member of the other camp, for FR and DrL. */
static void test_layout__camps_apart(void **state)
{
    (void)state;
    size_t k = 6;
    sg_network *net = two_camps(k);
    sg_layout_method methods[] = {SG_LAYOUT_FR, SG_LAYOUT_DRL};
    for (size_t m = 0; m < 2; m++) {
        double *xy = layout(net, methods[m], 1);
        for (size_t i = 0; i < 2 * k; i++) {
            double far_in = 0, near_out = INFINITY;
            for (size_t j = 0; j < 2 * k; j++) {
                if (j == i)
                    continue;
                if ((i < k) == (j < k))
                    far_in = fmax(far_in, dist(xy, i, j));
                else
                    near_out = fmin(near_out, dist(xy, i, j));
            }
            assert_true(far_in < near_out);
        }
        free(xy);
    }
    sg_network_free(net);
}

/* Above SG_LAYOUT_FR_MAX nodes FR runs its grid variant on each node's
 * strongest ties: a ring of 1500 nodes is laid out, neighbours near. */
static void test_layout__large(void **state)
{
    (void)state;
    size_t n = SG_LAYOUT_FR_MAX + 500;
    sg_network *net = NULL;
    assert_int_equal(sg_network_new(&net, SG_NET_ACTORS), 0);
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "n%zu", i);
        assert_int_equal(sg_network_add_node(net, id, SG_ACTOR, NULL), 0);
    }
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sg_network_add_edge(net, i, (i + 1) % n, 1, 1, NULL),
                         0);
    double *xy = layout(net, SG_LAYOUT_FR, 3);
    /* The box: max(300, 60 sqrt(1500)) = 2323.79. Neighbours on the ring
     * lie much closer than the box is wide, on average. */
    double sum = 0, lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        sum += dist(xy, i, (i + 1) % n);
        lo = fmin(lo, fmin(xy[2 * i], xy[2 * i + 1]));
        hi = fmax(hi, fmax(xy[2 * i], xy[2 * i + 1]));
    }
    assert_true(hi <= 2323.8 && lo >= -2323.8);
    assert_true(sum / (double)n < 0.05 * 2 * 2323.79);
    free(xy);
    sg_network_free(net);
}

static void set_column(sg_network *net, const char *name, const double *v,
                       size_t n)
{
    sg_column *c;
    assert_int_equal(sg_network_add_column(&c, net, SG_NODES, name,
                                           SG_COL_NUMBER), 0);
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i]))
            sg_column_set_number(c, i, v[i]);
}

/* x is an increasing affine function of dim1 (a node without a score is
 * placed freely); with dim2 too, y is the same function of dim2. */
static void test_layout__scale(void **state)
{
    (void)state;
    sg_network *net = two_camps(3);
    double d1[6] = {-1, -0.5, -0.2, 0.3, 0.9, NAN};
    double d2[6] = {0.1, 0.4, -0.3, 0.2, -0.6, NAN};
    set_column(net, "dim1", d1, 6);
    double *xy = layout(net, SG_LAYOUT_SCALE, 0);
    double a = (xy[2 * 4] - xy[0]) / (d1[4] - d1[0]);
    assert_true(a > 0);
    for (size_t i = 0; i < 5; i++)
        assert_true(fabs(xy[2 * i] - (xy[0] + a * (d1[i] - d1[0]))) < 0.02);
    free(xy);
    set_column(net, "dim2", d2, 6);
    xy = layout(net, SG_LAYOUT_SCALE, 0);
    a = (xy[2 * 4] - xy[0]) / (d1[4] - d1[0]);
    for (size_t i = 0; i < 5; i++)
        assert_true(fabs(xy[2 * i + 1] - (xy[1] + a * (d2[i] - d2[0]))) <
                    0.02);
    free(xy);
    sg_network_free(net);
}

static void test_layout__scale_without_scores(void **state)
{
    (void)state;
    sg_network *net = two_camps(2);
    sg_layout_options o;
    sg_layout_options_init(&o);
    o.method = SG_LAYOUT_SCALE;
    double xy[8];
    assert_int_equal(sg_layout_compute(xy, net, &o), SG_EINVALID);
    assert_string_equal(sg_error_last(),
                        "layout scale: the nodes have no dim1 scores (the "
                        "scale command computes them)");
    sg_network_free(net);
}

/* apply() stores x and y columns; an input attribute of that name is
 * refused rather than overwritten; NONE adds nothing. */
static void test_layout__apply(void **state)
{
    (void)state;
    sg_network *net = two_camps(2);
    sg_layout_options o;
    sg_layout_options_init(&o);
    o.method = SG_LAYOUT_NONE;
    assert_int_equal(sg_layout_apply(net, &o), 0);
    assert_null(sg_network_column(net, SG_NODES, "x"));
    o.method = SG_LAYOUT_FR;
    assert_int_equal(sg_layout_apply(net, &o), 0);
    const sg_column *x = sg_network_column(net, SG_NODES, "x");
    const sg_column *y = sg_network_column(net, SG_NODES, "y");
    assert_non_null(x);
    assert_non_null(y);
    assert_int_equal(x->type, SG_COL_NUMBER);
    double xy[8];
    assert_int_equal(sg_layout_compute(xy, net, &o), 0);
    for (size_t i = 0; i < 4; i++) {
        assert_false(x->missing[i] || y->missing[i]);
        assert_true(x->num[i] == xy[2 * i] && y->num[i] == xy[2 * i + 1]);
    }
    assert_int_equal(sg_layout_apply(net, &o), SG_EINVALID);
    assert_string_equal(sg_error_last(),
                        "cannot add positions: the nodes already have an "
                        "attribute \"x\" (--layout none keeps it)");
    sg_network_free(net);
}

static void test_layout__tiny(void **state)
{
    (void)state;
    sg_network *net = NULL;
    assert_int_equal(sg_network_new(&net, SG_NET_ACTORS), 0);
    double xy[2] = {5, 5};
    assert_int_equal(sg_layout_compute(xy, net, NULL), 0);
    assert_int_equal(sg_network_add_node(net, "only", SG_ACTOR, NULL), 0);
    assert_int_equal(sg_layout_compute(xy, net, NULL), 0);
    assert_true(xy[0] == 0 && xy[1] == 0);
    sg_network_free(net);
}

static double mean_dist(const double *xy, size_t from, size_t to)
{
    double sum = 0;
    size_t n = 0;
    for (size_t a = from; a < to; a++)
        for (size_t b = a + 1; b < to; b++, n++)
            sum += dist(xy, a, b);
    return sum / (double)n;
}

/* Only the flagged ties pull: with camp B's ties unflagged its members
 * spread out (no pull, only repulsion) while camp A stays together; all
 * flags set is the same drawing as no flags; the grid variant (exact_max
 * below the size) still keeps the camps apart. */
static void test_layout__tie_mask(void **state)
{
    (void)state;
    size_t k = 6;
    sg_network *net = two_camps(k);
    unsigned char *all = malloc(net->nedges), *only_a = malloc(net->nedges);
    assert_non_null(all);
    assert_non_null(only_a);
    for (size_t e = 0; e < net->nedges; e++) {
        all[e] = 1;
        only_a[e] = net->edge_from[e] < k && net->edge_to[e] < k;
    }
    sg_layout_options o;
    sg_layout_options_init(&o);
    o.seed = 3;
    double *plain = layout(net, SG_LAYOUT_FR, 3);
    double *xy = calloc(2 * net->nnodes, sizeof *xy);
    assert_non_null(xy);
    o.ties = all;
    assert_int_equal(sg_layout_compute(xy, net, &o), 0);
    assert_memory_equal(xy, plain, 2 * net->nnodes * sizeof *xy);
    o.ties = only_a;
    assert_int_equal(sg_layout_compute(xy, net, &o), 0);
    assert_true(mean_dist(xy, k, 2 * k) > 3 * mean_dist(xy, 0, k));
    o.ties = NULL;
    o.exact_max = 4;
    assert_int_equal(sg_layout_compute(xy, net, &o), 0);
    for (size_t a = 0; a < 2 * k; a++)
        for (size_t b = 0; b < 2 * k; b++)
            for (size_t c = 0; c < 2 * k; c++)
                if (a != b && (a < k) == (b < k) && (a < k) != (c < k))
                    assert_true(dist(xy, a, b) < dist(xy, a, c));
    free(xy);
    free(plain);
    free(all);
    free(only_a);
    sg_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout__names),
        cmocka_unit_test(test_layout__seeded),
        cmocka_unit_test(test_layout__box),
        cmocka_unit_test(test_layout__camps_apart),
        cmocka_unit_test(test_layout__large),
        cmocka_unit_test(test_layout__scale),
        cmocka_unit_test(test_layout__scale_without_scores),
        cmocka_unit_test(test_layout__apply),
        cmocka_unit_test(test_layout__tiny),
        cmocka_unit_test(test_layout__tie_mask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
