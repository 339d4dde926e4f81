/* The analysis: coalitions, node metrics, whole-graph figures and
 * annotation, on small graphs whose values are worked out by hand in the
 * comments, plus planted camps and synthetic roll calls for quality. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/coalitions.h"
#include "analysis/igraph_glue.h"
#include "analysis/metrics.h"
#include "stancegraph.h"

#include "corpus_spec.h"

static sg_analysis *analyse(const sg_corpus *c, sg_method method,
                            unsigned long seed)
{
    sg_coalition_options co;
    sg_coalition_options_init(&co);
    co.method = method;
    co.seed = seed;
    sg_analysis *a = NULL;
    int rc = sg_analysis_run(&a, c, NULL, &co);
    if (rc)
        fail_msg("sg_analysis_run: %s", sg_error_last());
    assert_non_null(a);
    return a;
}

/* Coalition (1-based) of an actor or proposal; 0 when missing. */
static long coalition_of(const sg_analysis *a, const char *id)
{
    long i = sg_network_find_node(a->stances, id);
    assert_true(i >= 0);
    const sg_column *c = sg_network_column(a->stances, SG_NODES, "coalition");
    assert_non_null(c);
    return c->missing[i] ? 0 : (long)c->num[i];
}

static int notes_have(const sg_analysis *a, const char *text)
{
    return a->notes && strstr(a->notes, text) != NULL;
}

/* Adjusted Rand index of two labelings (Hubert & Arabie). */
static double ari(const long *x, const long *y, size_t n)
{
    long kx = 0, ky = 0;
    for (size_t i = 0; i < n; i++) {
        kx = x[i] + 1 > kx ? x[i] + 1 : kx;
        ky = y[i] + 1 > ky ? y[i] + 1 : ky;
    }
    double *t = calloc((size_t)(kx * ky), sizeof *t);
    double *rx = calloc((size_t)kx, sizeof *rx),
           *ry = calloc((size_t)ky, sizeof *ry);
    assert_true(t && rx && ry);
    for (size_t i = 0; i < n; i++) {
        t[x[i] * ky + y[i]]++;
        rx[x[i]]++;
        ry[y[i]]++;
    }
    double index = 0, sx = 0, sy = 0;
    for (long i = 0; i < kx * ky; i++)
        index += t[i] * (t[i] - 1) / 2;
    for (long i = 0; i < kx; i++)
        sx += rx[i] * (rx[i] - 1) / 2;
    for (long i = 0; i < ky; i++)
        sy += ry[i] * (ry[i] - 1) / 2;
    free(t);
    free(rx);
    free(ry);
    double expected = sx * sy / ((double)n * (double)(n - 1) / 2);
    double top = (sx + sy) / 2;
    return top == expected ? 1 : (index - expected) / (top - expected);
}

static uint64_t rng_state;

static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* ---- two camps ------------------------------------------------------------
 */

/* TWO_CAMPS (see corpus_spec.h): ties inside a camp are all positive,
 * across all negative, so the camps are the coalitions, a1's camp first
 * (equal sizes: smallest member first). By hand:
 *   cohesion 1 each; no violations; all C(6,3) = 20 triangles balanced;
 *   camp A supports p1 p2 p3 (3/3) and opposes p4 (a1, a2; a3 silent);
 *   camp B opposes p2 p3 (3/3), supports p4 (3/3); on p1 b3 supports and
 *   b1 b2 oppose: 67% < 80%, neither.
 *   cohesion over all 3 pairs of each camp: every pair shares p1 (b3-b1
 *   disagree there but agree on p2-p4: net +2).
 *   controversy, twice the 95% Wilson lower bound of the minority share
 *   (z = 1.96): p2, 3 of 6: p = 0.5, z^2/2n = 0.320133, z sqrt(0.25/6 +
 *   z^2/144) = 0.512399, (0.5 + 0.320133 - 0.512399) / 1.640267 =
 *   0.187613: 0.375226; likewise p1 (2 of 6) 0.193539, p4 (2 of 5)
 *   0.235236. Half and half among six scores less than among many.
 *   a1: positive_strength 4 + 3 = 7, negative_strength 4 + 4 + 2 = 10,
 *   degree 5.
 *   modularity: m+ = 18 (A 4+3+3, B 4+2+2), m- = 27; K+_A = 20, K+_B = 16,
 *   K-_A = K-_B = 27: Q = (36 - 656/36 + 1458/54) / 90 = 403/810. */
static void test_analysis__two_camps(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    assert_int_equal(a->ncoalitions, 2);
    const char *camp_a[] = {"a1", "a2", "a3"}, *camp_b[] = {"b1", "b2", "b3"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(coalition_of(a, camp_a[i]), 1);
        assert_int_equal(coalition_of(a, camp_b[i]), 2);
    }
    for (int k = 0; k < 2; k++) {
        assert_int_equal(a->coalitions[k].id, (size_t)k + 1);
        assert_int_equal(a->coalitions[k].nmembers, 3);
        assert_near(a->coalitions[k].cohesion, 1);
        assert_int_equal(a->coalitions[k].pairs, 3);
        assert_int_equal(a->coalitions[k].known_pairs, 3);
    }
    /* Proposal nodes sit after the 6 actors: p1 = 6 ... p4 = 9. */
    const sg_coalition *ca = &a->coalitions[0], *cb = &a->coalitions[1];
    assert_int_equal(ca->nsupports, 3);
    assert_int_equal(ca->supports[0], 6);
    assert_int_equal(ca->supports[2], 8);
    assert_int_equal(ca->nopposes, 1);
    assert_int_equal(ca->opposes[0], 9);
    assert_int_equal(cb->nsupports, 1);
    assert_int_equal(cb->supports[0], 9);
    assert_int_equal(cb->nopposes, 2);
    assert_int_equal(cb->opposes[0], 7);

    const sg_network *st = a->stances;
    assert_string_equal(spec_str(st, SG_NODES, "backed_by", 6), "1");
    assert_null(spec_str(st, SG_NODES, "opposed_by", 6));
    assert_string_equal(spec_str(st, SG_NODES, "opposed_by", 7), "2");
    assert_string_equal(spec_str(st, SG_NODES, "backed_by", 9), "2");
    assert_string_equal(spec_str(st, SG_NODES, "opposed_by", 9), "1");
    /* p1: camp A puts 3 support behind it, B 1. p4: B. */
    assert_int_equal(coalition_of(a, "p1"), 1);
    assert_int_equal(coalition_of(a, "p4"), 2);
    assert_true(fabs(spec_node_num(st, "p1", "controversy") - 0.193539) <
                1e-6);
    assert_true(fabs(spec_node_num(st, "p2", "controversy") - 0.375226) <
                1e-6);
    assert_true(fabs(spec_node_num(st, "p4", "controversy") - 0.235236) <
                1e-6);
    assert_near(spec_node_num(st, "p1", "supporters"), 4);
    assert_near(spec_node_num(st, "p1", "opponents"), 2);
    assert_near(spec_node_num(st, "p4", "degree"), 5);
    assert_near(spec_node_num(st, "a1", "positive_strength"), 7);
    assert_near(spec_node_num(st, "a1", "negative_strength"), 10);
    assert_near(spec_node_num(st, "a1", "degree"), 5);
    assert_near(spec_node_num(st, "a3", "statements"), 3);
    assert_near(spec_node_num(st, "a3", "proposals"), 3);
    assert_near(spec_node_num(st, "b3", "support"), 2);
    assert_near(spec_node_num(st, "b3", "oppose"), 2);

    const sg_graph_metrics *g = &a->graph;
    assert_int_equal(g->nodes, 6);
    assert_int_equal(g->edges, 15);
    assert_int_equal(g->positive, 6);
    assert_int_equal(g->negative, 9);
    assert_near(g->density, 1);
    assert_int_equal(g->coalitions, 2);
    assert_int_equal(g->triangles, 20);
    assert_near(g->balance, 1);
    assert_near(g->frustration, 0);
    assert_int_equal(g->violations, 0);
    assert_near(g->modularity, 403.0 / 810);
    assert_null(a->notes);

    /* The actor network carries the annotations too. */
    const sg_column *v = sg_network_column(a->actors, SG_EDGES, "violation");
    assert_non_null(v);
    for (size_t e = 0; e < a->actors->nedges; e++)
        assert_near(v->num[e], 0);
    assert_near(spec_node_num(a->actors, "b2", "coalition"), 2);

    /* Two-mode figures: 23 stance edges of 6 x 4 possible. */
    sg_graph_metrics tm;
    assert_int_equal(sg_analysis_graph_metrics(&tm, a->stances, a), 0);
    assert_int_equal(tm.edges, 23);
    assert_near(tm.density, 23.0 / 24);
    assert_int_equal(tm.triangles, 0);
    assert_true(isnan(tm.balance));
    sg_analysis_free(a);
    sg_corpus_free(c);
}

/* Every method separates the camps: positive ties only join camp mates. */
static void test_analysis__methods(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    for (int m = SG_METHOD_AUTO; m < SG_METHOD_NONE; m++) {
        sg_analysis *a = analyse(c, (sg_method)m, 3);
        assert_int_equal(a->ncoalitions, 2);
        assert_int_equal(coalition_of(a, "a3"), 1);
        assert_int_equal(coalition_of(a, "b3"), 2);
        if (m != SG_METHOD_AUTO)
            assert_int_equal(a->method, m);
        sg_analysis_free(a);
    }
    sg_analysis *a = analyse(c, SG_METHOD_NONE, 0);
    assert_int_equal(a->ncoalitions, 6);
    assert_int_equal(a->graph.violations, 6); /* the positive ties */
    assert_near(a->graph.frustration, 4 + 3 + 3 + 4 + 2 + 2);
    sg_analysis_free(a);
    sg_corpus_free(c);
}

/* ---- centrality -------------------------------------------------------------
 */

/* Broker k: positive ties of net 1 to x1 x2 y1 y2; x1-x2 and y1-y2 net 2
 * (p1/p2 and p3), x-y net -1 (p3). On the positive network with lengths
 * 1/w every x-y shortest path is x-k-y (length 2; via the other camp
 * mate 2.5), so betweenness(k) = 4 pairs = 4, everyone else 0. */
static void test_analysis__broker_betweenness(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("x1:p1+ x2:p1+ k:p1+ y1:p2+ y2:p2+ k:p2+ "
                               "x1:p3+ x2:p3+ y1:p3- y2:p3-");
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    const sg_network *st = a->stances;
    assert_near(spec_node_num(st, "k", "betweenness"), 4);
    const char *others[] = {"x1", "x2", "y1", "y2"};
    for (int i = 0; i < 4; i++) {
        assert_near(spec_node_num(st, others[i], "betweenness"), 0);
        assert_true(spec_node_num(st, "k", "pagerank") >
                    spec_node_num(st, others[i], "pagerank"));
        assert_near(spec_node_num(st, others[i], "degree"), 4);
    }
    assert_near(spec_node_num(st, "k", "degree"), 4);
    double sum = 0;
    for (size_t i = 0; i < 5; i++)
        sum += spec_num(st, SG_NODES, "pagerank", i);
    assert_near(sum, 1);
    /* Two-mode betweenness of p3 (unweighted): x-y pairs 4 x 1; x1-x2
     * and y1-y2 share p1/p2 too: 2 x 1/2; x-p2 and y-p1 have three
     * shortest paths, two over p3: 4 x 2/3. Total 23/3. */
    assert_near(spec_node_num(st, "p3", "betweenness"), 23.0 / 3);
    sg_analysis_free(a);

    /* Skipping the proposals' betweenness leaves it missing there only. */
    sg_coalition_options co;
    sg_coalition_options_init(&co);
    co.skip_proposal_betweenness = 1;
    assert_int_equal(sg_analysis_run(&a, c, NULL, &co), 0);
    st = a->stances;
    assert_near(spec_node_num(st, "k", "betweenness"), 4);
    const sg_column *btw = sg_network_column(st, SG_NODES, "betweenness");
    assert_true(btw->missing[sg_network_find_node(st, "p3")]);
    assert_false(btw->missing[sg_network_find_node(st, "x1")]);
    /* p3: x1 x2 against y1 y2, 2 of 4: twice the Wilson bound 0.150035 */
    assert_true(fabs(spec_node_num(st, "p3", "controversy") - 0.300071) <
                1e-6);
    sg_analysis_free(a);
    sg_corpus_free(c);
}

/* Betweenness: within budget igraph's exact values (a path 0-1-2-3-4:
 * 0 3 4 3 0); beyond it a sample of sources, scaled by n/k. */
static int betweenness_body(void *ctx)
{
    (void)ctx;
    uint32_t from[] = {0, 1, 2, 3}, to[] = {1, 2, 3, 4};
    double out[5];
    size_t k;
    assert_int_equal(
        sg_betweenness(out, &k, 5, from, to, NULL, 4, NULL, 1e9, 1), 0);
    assert_int_equal(k, 5);
    assert_near(out[0], 0);
    assert_near(out[1], 3);
    assert_near(out[2], 4);
    assert_near(out[3], 3);
    double len[] = {1, 1, 10, 1};
    size_t sel[] = {0, 1, 2, 3};
    assert_int_equal(sg_betweenness(out, &k, 5, from, to, sel, 4, len, 1e9, 1),
                     0);
    assert_near(out[2], 4); /* a path has one route, whatever the lengths */

    /* A star of 40 leaves: the centre's betweenness is C(40,2) = 780.
     * A budget of 16 sources estimates it as sources x 39 pairs x 1/2
     * (undirected) x 41/16: 799.5 without the centre among the sources,
     * 749.5 with it. */
    uint32_t sf[40], st[40];
    double star[41];
    for (uint32_t i = 0; i < 40; i++) {
        sf[i] = 0;
        st[i] = i + 1;
    }
    assert_int_equal(
        sg_betweenness(star, &k, 41, sf, st, NULL, 40, NULL, 1e9, 1), 0);
    assert_near(star[0], 780);
    assert_int_equal(
        sg_betweenness(star, &k, 41, sf, st, NULL, 40, NULL, 16 * 40, 1), 0);
    assert_int_equal(k, 16);
    assert_true(fabs(star[0] - 799.5) < 1e-9 || fabs(star[0] - 749.5) < 1e-9);
    assert_near(star[1], 0);
    /* Too large even for 16 sources: nothing, rather than noise. */
    assert_int_equal(sg_betweenness(star, &k, 41, sf, st, NULL, 40, NULL, 10,
                                    1),
                     0);
    assert_int_equal(k, 0);
    assert_true(isnan(star[0]));
    return 0;
}

static void test_analysis__betweenness_exact(void **state)
{
    (void)state;
    assert_int_equal(sg_ig_guard(betweenness_body, NULL), 0);
}

/* ---- balance
 * ------------------------------------------------------------------ */

static sg_analysis *triangle(const char *spec, size_t *coalitions)
{
    sg_corpus *c = spec_corpus(spec);
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    sg_corpus_free(c);
    assert_int_equal(a->graph.edges, 3);
    assert_int_equal(a->graph.triangles, 1);
    *coalitions = a->ncoalitions;
    return a;
}

/* (+,+,+) and (+,-,-) are balanced: balance 1, and the partition leaves
 * no violation. */
/* The triangle census against a count of every node triple, on random
 * signed graphs: a dense one (counted through bit sets) and a sparse one
 * (counted through neighbour marks), with ties of weight 0, which count
 * as negative. A triangle is balanced when the product of its signs is
 * positive. */
static void census_check(size_t n, unsigned density_percent, uint64_t seed)
{
    uint32_t *from = calloc(n * n, sizeof *from), *to = calloc(n * n, 4);
    double *w = calloc(n * n, sizeof *w);
    signed char *sign = calloc(n * n, 1);
    assert_non_null(from);
    assert_non_null(to);
    assert_non_null(w);
    assert_non_null(sign);
    size_t m = 0;
    uint64_t x = seed;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            if ((x >> 33) % 100 >= density_percent)
                continue;
            unsigned r = (unsigned)(x >> 20) % 7;
            from[m] = (uint32_t)a;
            to[m] = (uint32_t)b;
            w[m] = r < 3 ? 1.5 : r < 6 ? -0.5 : 0;
            sign[a * n + b] = sign[b * n + a] = w[m] > 0 ? 1 : -1;
            m++;
        }
    size_t want = 0, want_balanced = 0;
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            for (size_t c = b + 1; sign[a * n + b] && c < n; c++)
                if (sign[a * n + c] && sign[b * n + c]) {
                    want++;
                    want_balanced += sign[a * n + b] * sign[a * n + c] *
                                         sign[b * n + c] >
                                     0;
                }
    sg_sgraph g = {n, m, from, to, w};
    size_t got, got_balanced;
    assert_int_equal(sg_triangles(&got, &got_balanced, &g), 0);
    assert_int_equal(got, want);
    assert_int_equal(got_balanced, want_balanced);
    assert_true(want > 0);
    free(from);
    free(to);
    free(w);
    free(sign);
}

static void test_analysis__triangle_census(void **state)
{
    (void)state;
    census_check(150, 70, 1); /* dense: bit sets */
    census_check(130, 90, 2); /* n not a multiple of 64 */
    census_check(400, 2, 3);  /* sparse: marks */
}

static void test_analysis__balanced_triangles(void **state)
{
    (void)state;
    size_t k;
    sg_analysis *a = triangle("a:p+ b:p+ c:p+", &k);
    assert_near(a->graph.balance, 1);
    assert_int_equal(k, 1);
    assert_near(a->graph.frustration, 0);
    assert_true(notes_have(a, "no negative ties"));
    sg_analysis_free(a);
    a = triangle("a:p+ b:p+ c:p-", &k);
    assert_near(a->graph.balance, 1);
    assert_int_equal(k, 2);
    assert_near(a->graph.frustration, 0);
    assert_int_equal(coalition_of(a, "a"), coalition_of(a, "b"));
    sg_analysis_free(a);
}

/* (-,-,-): a-b on p1, b-c on p2, a-c on p3, each opposed: balance 0;
 * nothing pulls anyone together, so three coalitions and no violation.
 * (+,+,-): a-b +1, b-c +1, a-c -1: balance 0, and every partition
 * violates at least one tie of weight 1 (together: a-c inside; one split:
 * a positive tie across): one spin-glass run reaches frustration 1. */
static void test_analysis__frustrated_triangles(void **state)
{
    (void)state;
    size_t k;
    sg_analysis *a = triangle("a:p1+ b:p1- b:p2+ c:p2- a:p3+ c:p3-", &k);
    assert_near(a->graph.balance, 0);
    assert_int_equal(k, 3);
    assert_near(a->graph.frustration, 0);
    assert_int_equal(a->graph.negative, 3);
    sg_analysis_free(a);
    /* No split is better than another: b sides with a or with c, and
     * the consensus says that no partition is clear. */
    a = triangle("a:p1+ b:p1+ b:p2+ c:p2+ a:p3+ c:p3-", &k);
    assert_near(a->graph.balance, 0);
    assert_int_equal(a->unclear, 1);
    assert_true(a->stability_mean < SG_CLEAR);
    sg_analysis_free(a);
    sg_corpus *c = spec_corpus("a:p1+ b:p1+ b:p2+ c:p2+ a:p3+ c:p3-");
    a = analyse(c, SG_METHOD_SPINGLASS, 0);
    sg_corpus_free(c);
    assert_int_equal(a->runs, 1);
    assert_true(isnan(a->stability_mean));
    assert_near(a->graph.frustration, 1);
    assert_int_equal(a->graph.violations, 1);
    const sg_column *v = sg_network_column(a->actors, SG_EDGES, "violation");
    double flagged = 0;
    for (size_t e = 0; e < 3; e++)
        flagged += v->num[e];
    assert_near(flagged, 1);
    sg_analysis_free(a);
}

/* Signed modularity by hand: edges 0-1 +2, 2-3 +1, 0-2 -1, groups {0,1}
 * {2,3}. m+ = 3, m- = 1; ordered internal weight 2*(2+1) = 6; K+ = 4 and
 * 2, K- = 1 and 1: Q = (6 - (16+4)/6 + (1+1)/2) / (6 + 2) = 11/24.
 * With node 3 alone (membership -1): internal 4, K+ = 4, 1, 1:
 * Q = (4 - 18/6 + 1) / 8 = 1/4. */
static void test_analysis__signed_modularity(void **state)
{
    (void)state;
    uint32_t from[] = {0, 2, 0}, to[] = {1, 3, 2};
    double w[] = {2, 1, -1};
    sg_sgraph g = {4, 3, from, to, w};
    long memb[] = {0, 0, 1, 1};
    double q;
    assert_int_equal(sg_signed_modularity(&q, &g, memb), 0);
    assert_near(q, 11.0 / 24);
    long alone[] = {0, 0, 1, -1};
    assert_int_equal(sg_signed_modularity(&q, &g, alone), 0);
    assert_near(q, 0.25);
    size_t count;
    double weight;
    sg_frustration(&count, &weight, &g, memb);
    assert_int_equal(count, 0);
    long together[] = {0, 0, 0, 0};
    sg_frustration(&count, &weight, &g, together);
    assert_int_equal(count, 1);
    assert_near(weight, 1);
    sg_sgraph empty = {4, 0, from, to, w};
    assert_int_equal(sg_signed_modularity(&q, &empty, memb), 0);
    assert_true(isnan(q));
}

/* ---- edge cases
 * ----------------------------------------------------------------- */

static void test_analysis__empty_filter(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    sg_network_options o;
    sg_network_options_init(&o);
    assert_int_equal(sg_date_parse(&o.from, "2030-01-01", 0), 0);
    sg_analysis *a = NULL;
    assert_int_equal(sg_analysis_run(&a, c, &o, NULL), 0);
    assert_int_equal(a->ncoalitions, 0);
    assert_int_equal(a->stances->nnodes, 0);
    assert_int_equal(a->actors->nnodes, 0);
    assert_string_equal(a->notes, "no stances pass the filters");
    assert_true(isnan(a->graph.modularity));
    assert_true(isnan(a->graph.balance));
    sg_analysis_free(a);
    /* An empty corpus too. */
    sg_corpus *none = spec_corpus("");
    a = analyse(none, SG_METHOD_AUTO, 0);
    assert_int_equal(a->ncoalitions, 0);
    sg_analysis_free(a);
    sg_corpus_free(none);
    sg_corpus_free(c);
}

static void test_analysis__single_actor(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("solo:p+ solo:q-");
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    assert_int_equal(a->ncoalitions, 1);
    assert_int_equal(a->coalitions[0].nmembers, 1);
    /* No pair: cohesion unknown, not perfect. */
    assert_true(isnan(a->coalitions[0].cohesion));
    assert_int_equal(a->coalitions[0].pairs, 0);
    /* A coalition of one backs what it backs. */
    assert_int_equal(a->coalitions[0].nsupports, 1);
    assert_int_equal(a->coalitions[0].nopposes, 1);
    assert_string_equal(a->notes, "a single actor");
    assert_int_equal(a->graph.edges, 0);
    assert_near(spec_node_num(a->stances, "solo", "betweenness"), 0);
    sg_analysis_free(a);
    sg_corpus_free(c);
}

/* c shares no proposal with anyone: a coalition of its own. */
static void test_analysis__isolated_actor(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("a:p+ b:p+ c:q+");
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    assert_int_equal(a->ncoalitions, 2);
    assert_int_equal(coalition_of(a, "a"), 1);
    assert_int_equal(coalition_of(a, "c"), 2);
    assert_string_equal(a->notes, "no negative ties; 1 actor without ties "
                                  "forms a coalition of one");
    assert_near(spec_node_num(a->stances, "c", "degree"), 0);
    sg_analysis_free(a);
    sg_corpus_free(c);
}

/* Other networks get the metrics by id, and one-mode ones the violation
 * column: in the proposals network p1-p4 (net -3) joins coalitions 1 and
 * 2 (no violation), p2-p3 (+6) sits inside coalition 1. */
static void test_analysis__annotate(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    sg_network_options o;
    sg_network_options_init(&o);
    o.kind = SG_NET_PROPOSALS;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(sg_analysis_annotate(net, a), 0);
    assert_near(spec_node_num(net, "p4", "coalition"), 2);
    assert_true(fabs(spec_node_num(net, "p2", "controversy") - 0.375226) <
                1e-6);
    assert_string_equal(spec_str(net, SG_NODES, "backed_by", 0), "1");
    long e = spec_edge(net, "p1", "p4");
    assert_near(spec_num(net, SG_EDGES, "violation", (size_t)e), 0);
    e = spec_edge(net, "p2", "p3");
    assert_near(spec_num(net, SG_EDGES, "violation", (size_t)e), 0);
    sg_graph_metrics g;
    assert_int_equal(sg_analysis_graph_metrics(&g, net, a), 0);
    assert_int_equal(g.nodes, 4);
    assert_int_equal(g.coalitions, 2);
    sg_network_free(net);

    /* A network from other filters: unknown nodes get missing values. */
    sg_network_new(&net, SG_NET_ACTORS);
    size_t x, y;
    assert_int_equal(sg_network_add_node(net, "a1", SG_ACTOR, &x), 0);
    assert_int_equal(sg_network_add_node(net, "stranger", SG_ACTOR, &y), 0);
    assert_int_equal(sg_network_add_edge(net, x, y, 1, 1, NULL), 0);
    assert_int_equal(sg_analysis_annotate(net, a), 0);
    const sg_column *col = sg_network_column(net, SG_NODES, "coalition");
    assert_near(col->num[0], 1);
    assert_true(col->missing[1]);
    assert_true(sg_network_column(net, SG_EDGES, "violation")->missing[0]);
    sg_network_free(net);
    sg_analysis_free(a);
    sg_corpus_free(c);
}

static void test_analysis__method_names(void **state)
{
    (void)state;
    for (int m = SG_METHOD_AUTO; m <= SG_METHOD_NONE; m++) {
        sg_method back;
        assert_int_equal(sg_method_parse(&back, sg_method_name((sg_method)m)),
                         0);
        assert_int_equal(back, m);
    }
    sg_method m;
    assert_int_equal(sg_method_parse(&m, "kmeans"), SG_EUSAGE);
    assert_non_null(strstr(sg_error_last(), "'kmeans'"));
    assert_string_equal(sg_method_name(SG_METHOD_LABELPROP), "labelprop");
}

/* Largest first; equal sizes by smallest member. */
static void test_analysis__relabel(void **state)
{
    (void)state;
    long m[] = {5, 2, 2, 5, 7, 7, 7, 0};
    assert_int_equal(sg_relabel(m, 8), 4);
    long want[] = {1, 2, 2, 1, 0, 0, 0, 3};
    for (int i = 0; i < 8; i++)
        assert_int_equal(m[i], want[i]);
}

/* igraph errors come back as SG_EIGRAPH with igraph's reason, not as an
 * abort: multilevel refuses negative weights. */
static int igraph_error_body(void *ctx)
{
    (void)ctx;
    igraph_t g;
    igraph_vector_t w;
    igraph_vector_int_t memb;
    uint32_t from[] = {0}, to[] = {1};
    double neg[] = {-1};
    assert_int_equal(sg_ig_graph(&g, 2, from, to, NULL, 1), 0);
    assert_int_equal(sg_ig_vector(&w, neg, 1), 0);
    igraph_vector_int_init(&memb, 0);
    int rc = sg_ig_check(
        igraph_community_multilevel(&g, &w, 1, &memb, NULL, NULL), "louvain");
    igraph_vector_int_destroy(&memb);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
    return rc;
}

static void test_analysis__igraph_errors(void **state)
{
    (void)state;
    assert_int_equal(sg_ig_guard(igraph_error_body, NULL), SG_EIGRAPH);
    assert_non_null(strstr(sg_error_last(), "igraph: louvain: "));
    assert_true(strlen(sg_error_last()) > strlen("igraph: louvain: "));
}

/* ---- quality ----------------------------------------------------------------
 */

/* Actors a0..a(n-1) in camps i % camps; every proposal has a coin-flip
 * position per camp; each actor takes a position on a proposal with
 * probability `coverage`, its camp's with probability `loyalty`. */
static sg_corpus *planted(int n, int camps, int props, double loyalty,
                          double coverage, uint64_t seed, long *truth)
{
    sg_corpus *c = spec_corpus("");
    char an[16], pn[16];
    int pref[64][8];
    rng_state = seed;
    for (int k = 0; k < props; k++)
        for (int j = 0; j < camps; j++)
            pref[k][j] = uniform() < 0.5 ? SG_SUPPORT : SG_OPPOSE;
    for (int i = 0; i < n; i++) {
        truth[i] = i % camps;
        snprintf(an, sizeof an, "a%02d", i);
        spec_entity(c, SG_ACTOR, an);
    }
    for (int k = 0; k < props; k++)
        for (int i = 0; i < n; i++) {
            if (uniform() >= coverage)
                continue;
            int pos = pref[k][i % camps];
            if (uniform() >= loyalty)
                pos = -pos;
            snprintf(an, sizeof an, "a%02d", i);
            snprintf(pn, sizeof pn, "p%02d", k);
            spec_stance(c, an, pn, pos, 1);
        }
    return c;
}

static double score(const sg_analysis *a, const long *truth, size_t n)
{
    assert_int_equal(a->actors->nnodes, n);
    return ari(truth, a->membership, n);
}

/* 60 actors, 3 camps, 40 proposals, 85% loyalty: ARI >= 0.9. */
static void test_analysis__planted_camps(void **state)
{
    (void)state;
    long truth[60];
    for (uint64_t seed = 1; seed <= 3; seed++) {
        sg_corpus *c = planted(60, 3, 40, 0.85, 0.8, seed, truth);
        sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
        double q = score(a, truth, 60);
        if (q < 0.9)
            fail_msg("seed %lu: ARI %.3f < 0.9", (unsigned long)seed, q);
        sg_analysis_free(a);
        a = analyse(c, SG_METHOD_LEIDEN, 0);
        assert_true(score(a, truth, 60) >= 0.9);
        sg_analysis_free(a);
        sg_corpus_free(c);
    }
}

/* Same seed, same membership (and a different seed runs too). */
static void test_analysis__seed_reproducible(void **state)
{
    (void)state;
    long truth[60];
    sg_corpus *c = planted(60, 3, 40, 0.7, 0.6, 11, truth);
    static const sg_method methods[] = {SG_METHOD_AUTO, SG_METHOD_SPINGLASS,
                                        SG_METHOD_LEIDEN, SG_METHOD_LOUVAIN,
                                        SG_METHOD_LABELPROP};
    for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
        sg_analysis *x = analyse(c, methods[m], 1234);
        sg_analysis *y = analyse(c, methods[m], 1234);
        assert_int_equal(x->ncoalitions, y->ncoalitions);
        assert_memory_equal(x->membership, y->membership, 60 * sizeof(long));
        assert_near(spec_node_num(x->stances, "a07", "betweenness"),
                    spec_node_num(y->stances, "a07", "betweenness"));
        sg_analysis_free(x);
        sg_analysis_free(y);
    }
    sg_corpus_free(c);
}

/* A roll call: `n` legislators in two parties (first 53%), `votes` votes:
 * half bipartisan (everyone yea at 95%), 40% party line (90% loyal), 10%
 * free votes; 3% absent. Bipartisan votes make even cross-party nets
 * positive, so only a null model can find the blocs. */
static sg_corpus *roll_call(int n, int votes, uint64_t seed, long *truth)
{
    sg_corpus *c = spec_corpus("");
    char an[16], pn[16];
    rng_state = seed;
    for (int i = 0; i < n; i++) {
        truth[i] = i < n * 53 / 100 ? 0 : 1;
        snprintf(an, sizeof an, "s%03d", i);
        spec_entity(c, SG_ACTOR, an);
    }
    for (int v = 0; v < votes; v++) {
        double kind = uniform();
        int majority_yea = uniform() < 0.5;
        snprintf(pn, sizeof pn, "v%03d", v);
        for (int i = 0; i < n; i++) {
            if (uniform() < 0.03)
                continue;
            int yea;
            if (kind < 0.5)
                yea = uniform() < 0.95;
            else if (kind < 0.9)
                yea = (truth[i] == 0) == majority_yea ? uniform() < 0.9
                                                      : uniform() >= 0.9;
            else
                yea = uniform() < 0.5;
            snprintf(an, sizeof an, "s%03d", i);
            spec_stance(c, an, pn, yea ? SG_SUPPORT : SG_OPPOSE, 1);
        }
    }
    return c;
}

static void test_analysis__roll_call_senate(void **state)
{
    (void)state;
    long truth[100];
    sg_corpus *c = roll_call(100, 500, 5, truth);
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    assert_int_equal(a->graph.negative, 0); /* the hard case */
    assert_int_equal(a->ncoalitions, 2);
    assert_near(score(a, truth, 100), 1);
    sg_analysis_free(a);
    a = analyse(c, SG_METHOD_SPINGLASS, 0);
    assert_near(score(a, truth, 100), 1);
    sg_analysis_free(a);
    sg_corpus_free(c);
}

/* 435 members: beyond spin-glass's size, the consensus of Leiden runs. */
static void test_analysis__roll_call_house(void **state)
{
    (void)state;
    long truth[435];
    sg_corpus *c = roll_call(435, 300, 9, truth);
    sg_analysis *a = analyse(c, SG_METHOD_AUTO, 0);
    assert_int_equal(a->method, SG_METHOD_AUTO);
    assert_int_equal(a->runs, SG_DEFAULT_RUNS);
    assert_int_equal(a->ncoalitions, 2);
    assert_near(score(a, truth, 435), 1);
    sg_analysis_free(a);
    sg_corpus_free(c);
}


/* ---- consensus, refinement, stability -------------------------------------
 */

/* Seven actors on p0..p2 (a: all support; b, m: all oppose; x supports
 * p1 only), starting from A = {a0 a1 a2 m}, B = {b0 b1}, x alone. By hand,
 * the majority of the other members, proposal by proposal:
 *   pass 1: m agrees with A\m on nothing (-3) and with B on all (+3):
 *   moves. x, alone (0), matches A on p1 (+1), B not (-1): joins A. a0 =
 *   +1 (A\a0: p0 +, p1 and p2 tied), a1 = a2 = +1, b0 = +2, b1 = +2,
 *   total 4.
 *   pass 2: A = {a0 a1 a2 x}: a0 3, a1 2, a2 2, x 1; B = {b0 b1 m}: b0 3,
 *   b1 2, m 3: total 16 > 4, and nobody moves: 2 moves in all. */
static void test_analysis__refine_by_stances(void **state)
{
    (void)state;
    static const size_t actor_start[] = {0, 3, 5, 7, 10, 12, 15, 16};
    static const uint32_t proposal[] = {0, 1, 2, 0, 1, 0, 2, 0,
                                        1, 2, 0, 1, 0, 1, 2, 1};
    static const signed char sign[] = {1,  1,  1,  1,  1,  1,  1, -1,
                                       -1, -1, -1, -1, -1, -1, -1, 1};
    static const uint32_t actor[] = {0, 0, 0, 1, 1, 2, 2, 3,
                                     3, 3, 4, 4, 5, 5, 5, 6};
    static const size_t prop_start[] = {0, 6, 12, 16};
    static const uint32_t prop_pairs[] = {0, 3,  5,  7,  10, 12, 1, 4,
                                          8, 11, 13, 15, 2,  6,  9, 14};
    sg_positions pos = {7,     3,          16,         actor_start, proposal,
                        sign,  prop_start, prop_pairs, actor};
    /* a0 a1 a2 b0 b1 m x */
    long memb[7] = {0, 0, 0, 1, 1, 0, 2};
    size_t moves = 99;
    assert_int_equal(sg_refine(memb, &moves, &pos), 0);
    assert_int_equal(moves, 2);
    assert_int_equal(memb[6], memb[0]); /* x joined A */
    assert_int_equal(memb[1], memb[0]);
    assert_int_equal(memb[2], memb[0]);
    assert_int_equal(memb[5], memb[3]); /* m joined B */
    assert_int_equal(memb[4], memb[3]);
    assert_true(memb[0] != memb[3]);
    /* Refining again changes nothing. */
    assert_int_equal(sg_refine(memb, &moves, &pos), 0);
    assert_int_equal(moves, 0);
}

/* Splinters on a large network (over 2000 actors): A = 1000 actors that
 * support p0..p4, B = 1000 that oppose them, S = 100 that only support p0,
 * D = 200 that support p0 and p5, p6, p7, which nobody else takes up.
 * Agreement alone keeps S and D (an S member agrees with S and with A on
 * its one position). By likelihood, log(2 (agree + 1) / (n + 2)) a
 * position plus log(size) a coalition, an S member scores
 *   in S (99 others, all on p0): log(200/101) + log(99) = 5.278,
 *   in A: log(2002/1002) + log(1000) = 7.600: S dissolves into A;
 * a D member scores 4 log(400/201) + log(199) = 8.046 in D against 7.600
 * in A (silent on p5-p7): D stays. 100 moves. */
static void test_analysis__refine_dissolves_splinters(void **state)
{
    (void)state;
    enum { NA = 1000, NB = 1000, NS = 100, ND = 200, N = NA + NB + NS + ND };
    size_t *astart = calloc(N + 1, sizeof *astart);
    uint32_t *prop = calloc(N * 5, sizeof *prop);
    signed char *sign = calloc(N * 5, 1);
    uint32_t *actor = calloc(N * 5, sizeof *actor);
    size_t pstart[9] = {0};
    uint32_t *ppairs = calloc(N * 5, sizeof *ppairs);
    long *memb = calloc(N, sizeof *memb);
    assert_true(astart && prop && sign && actor && ppairs && memb);
    size_t np = 0;
    for (size_t i = 0; i < N; i++) {
        astart[i] = np;
        if (i < NA + NB) {
            memb[i] = i < NA ? 0 : 1;
            for (uint32_t k = 0; k < 5; k++) {
                prop[np] = k;
                sign[np] = i < NA ? 1 : -1;
                actor[np++] = (uint32_t)i;
            }
        } else if (i < NA + NB + NS) {
            memb[i] = 2;
            prop[np] = 0;
            sign[np] = 1;
            actor[np++] = (uint32_t)i;
        } else {
            memb[i] = 3;
            static const uint32_t dp[] = {0, 5, 6, 7};
            for (size_t k = 0; k < 4; k++) {
                prop[np] = dp[k];
                sign[np] = 1;
                actor[np++] = (uint32_t)i;
            }
        }
    }
    astart[N] = np;
    for (size_t t = 0; t < np; t++)
        pstart[prop[t] + 1]++;
    for (size_t k = 0; k < 8; k++)
        pstart[k + 1] += pstart[k];
    size_t fill[8];
    memcpy(fill, pstart, sizeof fill);
    for (size_t t = 0; t < np; t++)
        ppairs[fill[prop[t]]++] = (uint32_t)t;
    sg_positions pos = {N, 8, np, astart, prop, sign, pstart, ppairs, actor};
    size_t moves = 0;
    assert_int_equal(sg_refine(memb, &moves, &pos), 0);
    assert_int_equal(moves, NS);
    for (size_t i = NA + NB; i < NA + NB + NS; i++)
        assert_int_equal(memb[i], memb[0]);
    for (size_t i = NA + NB + NS; i < N; i++)
        assert_int_equal(memb[i], 3);
    assert_int_equal(memb[NA], 1);
    free(astart);
    free(prop);
    free(sign);
    free(actor);
    free(ppairs);
    free(memb);
}

/* Final coalitions {0 1} {2 3} against three runs, by hand:
 *   run 0 [0 0 1 1]: the same; everyone sits with their coalition.
 *   run 1 [0 0 0 1]: {0 1} is matched to cluster 0 (2 members); {2 3} has
 *   one member in each cluster, the tie goes to cluster 0, which holds
 *   more of {0 1}: 2 and 3 sit with their coalition in no cluster.
 *   run 2 [1 0 1 1]: {0 1} splits 1:1, matched to cluster 0 (smaller id),
 *   where 1 is; {2 3} to cluster 1 (2 members against 0's one).
 *   Stability: 0 = 2/3, 1 = 3/3, 2 = 3 = 2/3. */
static void test_analysis__stability(void **state)
{
    (void)state;
    static const int32_t runs[] = {0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1};
    static const long final[] = {0, 0, 1, 1};
    double st[4];
    assert_int_equal(sg_stability(st, runs, 3, final, 4), 0);
    assert_near(st[0], 2.0 / 3);
    assert_near(st[1], 1);
    assert_near(st[2], 2.0 / 3);
    assert_near(st[3], 2.0 / 3);
}

/* The bundled debate: one partition for every seed 0-9. By its stances
 * the Russian government and Ryabkov both oppose the territory swap that
 * Zelensky supports, and share nothing with the Trump camp, so they sit
 * together and apart from it; Trump and Vance share four positions. */
static void test_analysis__seeds_agree_bundled(void **state)
{
    (void)state;
    const char *dir = getenv("SG_GRAPHS");
    char path[4096];
    snprintf(path, sizeof path, "%s/ukraine-security-guarantees-2025.json",
             dir ? dir : "graphs");
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load(&c, path, NULL, NULL), 0);
    sg_analysis *first = analyse(c, SG_METHOD_AUTO, 0);
    assert_int_equal(first->runs, SG_DEFAULT_RUNS);
    assert_int_equal(coalition_of(first, "russian-government"),
                     coalition_of(first, "ryabkov"));
    assert_true(coalition_of(first, "russian-government") !=
                coalition_of(first, "trump"));
    assert_int_equal(coalition_of(first, "trump"),
                     coalition_of(first, "vance"));
    for (unsigned long seed = 1; seed <= 9; seed++) {
        sg_analysis *a = analyse(c, SG_METHOD_AUTO, seed);
        assert_int_equal(a->ncoalitions, first->ncoalitions);
        assert_memory_equal(a->membership, first->membership,
                            first->actors->nnodes * sizeof(long));
        sg_analysis_free(a);
    }
    sg_analysis_free(first);
    sg_corpus_free(c);
}

/* Planted camps the way tools/gen-corpus plants them: each proposal has a
 * coin-flip position per camp and a Zipf popularity (1/rank), each stance
 * picks a proposal by popularity and an actor uniformly, and follows the
 * actor's camp with probability 0.85. */
static sg_corpus *planted_zipf(int n, int camps, int props, int stances,
                               uint64_t seed, long *truth)
{
    sg_corpus *c = spec_corpus("");
    char an[16], pn[16];
    signed char *pref = calloc((size_t)props * (size_t)camps, 1);
    double *cum = calloc((size_t)props, sizeof *cum), total = 0;
    assert_true(pref && cum);
    rng_state = seed;
    for (int k = 0; k < props; k++) {
        total += 1.0 / (k + 1);
        cum[k] = total;
        for (int j = 0; j < camps; j++)
            pref[k * camps + j] = uniform() < 0.5 ? SG_SUPPORT : SG_OPPOSE;
    }
    for (int i = 0; i < n; i++) {
        truth[i] = i % camps;
        snprintf(an, sizeof an, "a%03d", i);
        spec_entity(c, SG_ACTOR, an);
    }
    for (int s = 0; s < stances; s++) {
        double u = uniform() * total;
        int lo = 0, hi = props - 1;
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (cum[mid] < u)
                lo = mid + 1;
            else
                hi = mid;
        }
        int i = (int)(uniform() * n);
        int pos = pref[lo * camps + i % camps];
        if (uniform() >= 0.85)
            pos = -pos;
        snprintf(an, sizeof an, "a%03d", i);
        snprintf(pn, sizeof pn, "p%03d", lo);
        spec_stance(c, an, pn, pos, 1);
    }
    free(pref);
    free(cum);
    return c;
}

/* Seeds 0-9 give one partition on planted camps of three sizes; on 400
 * actors in three camps the consensus finds them (ARI >= 0.93, where one
 * Leiden run leaves splinters). */
static void test_analysis__seeds_agree_planted(void **state)
{
    (void)state;
    static const struct {
        int n, props, stances;
        double min_ari;
    } size[] = {{60, 80, 3000, 0.9}, {150, 150, 5000, 0.93},
                {400, 300, 12000, 0.93}};
    long truth[400];
    for (size_t z = 0; z < sizeof size / sizeof *size; z++) {
        sg_corpus *c = planted_zipf(size[z].n, 3, size[z].props,
                                    size[z].stances, 7 + z, truth);
        sg_analysis *first = analyse(c, SG_METHOD_AUTO, 0);
        double q = score(first, truth, (size_t)size[z].n);
        if (q < size[z].min_ari)
            fail_msg("%d actors: ARI %.3f < %.2f", size[z].n, q,
                     size[z].min_ari);
        for (unsigned long seed = 1; seed <= 9; seed++) {
            sg_analysis *a = analyse(c, SG_METHOD_AUTO, seed);
            assert_memory_equal(a->membership, first->membership,
                                (size_t)size[z].n * sizeof(long));
            sg_analysis_free(a);
        }
        sg_analysis_free(first);
        sg_corpus_free(c);
    }
}

/* One coalition {a b c d}: a-b share p1 (agree), b-c p2 (agree), b-d p1
 * (agree), a-d agree on p1 and disagree on p3 (net 0: balanced, and no
 * tie), a-c and c-d share nothing. 6 pairs, 4 known, cohesion
 * (3 + 1/2) / 4 = 0.875. With no budget: the 3 (positive) ties. */
static void test_analysis__cohesion_pairs(void **state)
{
    (void)state;
    static const size_t actor_start[] = {0, 2, 4, 5, 7};
    static const uint32_t proposal[] = {0, 2, 0, 1, 1, 0, 2};
    static const signed char sign[] = {1, 1, 1, 1, 1, 1, -1};
    static const uint32_t actor[] = {0, 0, 1, 1, 2, 3, 3};
    static const size_t prop_start[] = {0, 3, 5, 7};
    static const uint32_t prop_pairs[] = {0, 2, 5, 3, 4, 1, 6};
    sg_positions pos = {4,    3,          7,          actor_start, proposal,
                        sign, prop_start, prop_pairs, actor};
    static const uint32_t from[] = {0, 1, 1}, to[] = {1, 2, 3};
    static const double w[] = {1, 1, 1};
    sg_sgraph g = {4, 3, from, to, w};
    long memb[4] = {0, 0, 0, 0};
    sg_cohesion_count cc;
    assert_int_equal(sg_cohesion(&cc, 1, memb, &pos, &g, 1e9), 0);
    assert_int_equal(cc.pairs, 6);
    assert_int_equal(cc.known, 4);
    assert_int_equal(cc.agreeing, 3);
    assert_int_equal(cc.balanced, 1);
    assert_int_equal(cc.from_ties, 0);
    assert_int_equal(sg_cohesion(&cc, 1, memb, &pos, &g, 0), 0);
    assert_int_equal(cc.from_ties, 1);
    assert_int_equal(cc.known, 3);
    assert_int_equal(cc.agreeing, 3);
    /* Two coalitions {a b} {c d}: one pair each; c-d share nothing. */
    long split[4] = {0, 0, 1, 1};
    sg_cohesion_count two[2];
    assert_int_equal(sg_cohesion(two, 2, split, &pos, &g, 1e9), 0);
    assert_int_equal(two[0].known, 1);
    assert_int_equal(two[0].agreeing, 1);
    assert_int_equal(two[1].pairs, 1);
    assert_int_equal(two[1].known, 0);
}

/* Controversy against the Wilson bound worked out by hand (see
 * two_camps): 1 vs 1 0.189057, 4 vs 4 0.430425, 40 vs 40 0.785945; the
 * order of the arguments does not matter; no minority, no controversy. */
static void test_analysis__controversy(void **state)
{
    (void)state;
    assert_true(fabs(sg_controversy(1, 1) - 0.189057) < 1e-6);
    assert_true(fabs(sg_controversy(4, 4) - 0.430425) < 1e-6);
    assert_true(fabs(sg_controversy(40, 40) - 0.785945) < 1e-6);
    assert_near(sg_controversy(2, 4), sg_controversy(4, 2));
    assert_near(sg_controversy(5, 0), 0);
    assert_near(sg_controversy(0, 0), 0);
    assert_true(sg_controversy(1, 1) < sg_controversy(4, 4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_analysis__two_camps),
        cmocka_unit_test(test_analysis__methods),
        cmocka_unit_test(test_analysis__broker_betweenness),
        cmocka_unit_test(test_analysis__betweenness_exact),
        cmocka_unit_test(test_analysis__balanced_triangles),
        cmocka_unit_test(test_analysis__frustrated_triangles),
        cmocka_unit_test(test_analysis__signed_modularity),
        cmocka_unit_test(test_analysis__empty_filter),
        cmocka_unit_test(test_analysis__single_actor),
        cmocka_unit_test(test_analysis__isolated_actor),
        cmocka_unit_test(test_analysis__annotate),
        cmocka_unit_test(test_analysis__method_names),
        cmocka_unit_test(test_analysis__relabel),
        cmocka_unit_test(test_analysis__igraph_errors),
        cmocka_unit_test(test_analysis__planted_camps),
        cmocka_unit_test(test_analysis__seed_reproducible),
        cmocka_unit_test(test_analysis__roll_call_senate),
        cmocka_unit_test(test_analysis__roll_call_house),
        cmocka_unit_test(test_analysis__refine_by_stances),
        cmocka_unit_test(test_analysis__triangle_census),
        cmocka_unit_test(test_analysis__refine_dissolves_splinters),
        cmocka_unit_test(test_analysis__stability),
        cmocka_unit_test(test_analysis__cohesion_pairs),
        cmocka_unit_test(test_analysis__controversy),
        cmocka_unit_test(test_analysis__seeds_agree_bundled),
        cmocka_unit_test(test_analysis__seeds_agree_planted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
