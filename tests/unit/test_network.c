/* Network building: aggregation of stances into pairs, the two-mode
 * network's columns, signed one-mode projections with every normalisation,
 * filters, grouping, attribute columns, and DNA's reference values.
 * Expected values are worked out by hand in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "network/network_internal.h"
#include "network/pairs.h"
#include "stancegraph.h"

#include "corpus_spec.h"

static sg_network *build(const sg_corpus *c, sg_network_kind kind,
                         sg_normalize norm)
{
    sg_network_options o;
    sg_network_options_init(&o);
    o.kind = kind;
    o.normalize = norm;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_non_null(net);
    return net;
}

static int32_t day(const char *s)
{
    int32_t d;
    assert_int_equal(sg_date_parse(&d, s, 0), 0);
    return d;
}

/* ---- two-mode --------------------------------------------------------- */

/* a supports p twice (weights 1 and 2) and opposes it once (weight 1.5):
 * S = 3, O = 1.5, net 1.5, weight 4.5, mixed. c supports and opposes q
 * with weight 1 each: ambivalent. b only opposes q. */
static void test_network__two_mode_pairs(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("");
    spec_stance(c, "a", "p", SG_SUPPORT, 1);
    spec_stance(c, "b", "q", SG_OPPOSE, 1);
    spec_stance(c, "a", "p", SG_SUPPORT, 2);
    spec_stance(c, "a", "p", SG_OPPOSE, 1.5);
    spec_stance(c, "c", "q", SG_SUPPORT, 1);
    spec_stance(c, "c", "q", SG_OPPOSE, 1);
    sg_network *net = build(c, SG_NET_STANCES, SG_NORM_NONE);
    assert_int_equal(net->kind, SG_NET_STANCES);
    assert_int_equal(net->nnodes, 5);
    assert_int_equal(net->nedges, 3);
    /* Actors first in corpus order, then proposals. */
    assert_string_equal(net->node_id[0], "a");
    assert_string_equal(net->node_id[1], "b");
    assert_string_equal(net->node_id[2], "c");
    assert_string_equal(net->node_id[3], "p");
    assert_int_equal(net->node_kind[3], SG_PROPOSAL);
    assert_string_equal(spec_str(net, SG_NODES, "kind", 0), "actor");
    assert_string_equal(spec_str(net, SG_NODES, "kind", 4), "proposal");

    long e = spec_edge(net, "a", "p");
    assert_true(e >= 0);
    assert_near(net->weight[e], 4.5);
    assert_near(net->net[e], 1.5);
    assert_string_equal(spec_str(net, SG_EDGES, "stance", (size_t)e),
                        "support");
    assert_near(spec_num(net, SG_EDGES, "mixed", (size_t)e), 1);
    assert_near(spec_num(net, SG_EDGES, "statements", (size_t)e), 3);
    assert_near(spec_num(net, SG_EDGES, "support_weight", (size_t)e), 3);
    assert_near(spec_num(net, SG_EDGES, "oppose_weight", (size_t)e), 1.5);

    e = spec_edge(net, "b", "q");
    assert_string_equal(spec_str(net, SG_EDGES, "stance", (size_t)e), "oppose");
    assert_near(net->net[e], -1);
    assert_near(spec_num(net, SG_EDGES, "mixed", (size_t)e), 0);

    e = spec_edge(net, "c", "q");
    assert_string_equal(spec_str(net, SG_EDGES, "stance", (size_t)e),
                        "ambivalent");
    assert_near(net->net[e], 0);
    assert_near(net->weight[e], 2);
    /* Undated stances: no date columns. */
    assert_null(spec_str(net, SG_EDGES, "first_date", (size_t)e));
    assert_null(spec_str(net, SG_EDGES, "dates", (size_t)e));
    sg_network_free(net);
    sg_corpus_free(c);
}

static void dated(sg_corpus *c, const char *actor, const char *prop, int pos,
                  const char *date, long source, const char *quote)
{
    sg_stance s = {0};
    s.actor = (uint32_t)spec_entity(c, SG_ACTOR, actor);
    s.proposal = (uint32_t)spec_entity(c, SG_PROPOSAL, prop);
    s.position = (int8_t)pos;
    s.date = date ? day(date) : SG_NO_DATE;
    s.source = (int32_t)source;
    s.weight = 1;
    s.quote = quote;
    assert_int_equal(sg_corpus_add_stance(c, &s), 0);
}

static long source(sg_corpus *c, const char *id)
{
    sg_source s = {0};
    size_t i;
    s.id = id;
    s.date = SG_NO_DATE;
    assert_int_equal(sg_corpus_add_source(c, &s, &i), 0);
    return (long)i;
}

/* Statement details: distinct sorted dates, first and last, distinct
 * sources in corpus order, every quote in corpus order. */
static void test_network__statement_details(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("");
    long s1 = source(c, "gazette"), s2 = source(c, "radio");
    dated(c, "a", "p", SG_SUPPORT, "2024-03-11", s2, "yes, \"really\"");
    dated(c, "a", "p", SG_SUPPORT, "2024-03-04", s1, NULL);
    dated(c, "a", "p", SG_SUPPORT, "2024-03-11", s1, "again");
    dated(c, "a", "p", SG_SUPPORT, NULL, SG_NO_SOURCE, "undated");
    sg_network *net = build(c, SG_NET_STANCES, SG_NORM_NONE);
    assert_int_equal(net->nedges, 1);
    assert_string_equal(spec_str(net, SG_EDGES, "first_date", 0), "2024-03-04");
    assert_string_equal(spec_str(net, SG_EDGES, "last_date", 0), "2024-03-11");
    assert_string_equal(spec_str(net, SG_EDGES, "dates", 0),
                        "2024-03-04;2024-03-11");
    assert_string_equal(spec_str(net, SG_EDGES, "sources", 0), "gazette;radio");
    assert_string_equal(spec_str(net, SG_EDGES, "quotes", 0),
                        "yes, \"really\"\nagain\nundated");
    assert_near(spec_num(net, SG_EDGES, "statements", 0), 4);
    sg_network_free(net);

    /* A date filter drops undated stances; --to is inclusive. */
    sg_network_options o;
    sg_network_options_init(&o);
    o.to = day("2024-03-04");
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 1);
    assert_near(spec_num(net, SG_EDGES, "statements", 0), 1);
    assert_string_equal(spec_str(net, SG_EDGES, "sources", 0), "gazette");
    sg_network_free(net);

    /* Sources: only the radio's statement passes. */
    const char *radio[] = {"radio"};
    sg_network_options_init(&o);
    o.sources = radio;
    o.nsources = 1;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_near(spec_num(net, SG_EDGES, "statements", 0), 1);
    assert_string_equal(spec_str(net, SG_EDGES, "quotes", 0),
                        "yes, \"really\"");
    sg_network_free(net);
    sg_corpus_free(c);
}

/* ---- one-mode ---------------------------------------------------------- */

/* TWO_CAMPS by hand (shared proposals with a position on both sides):
 *   a1-a2: p1..p4 all alike            agree 4 conflict 0 net  4
 *   a1-a3: p1..p3 alike (a3 no p4)     agree 3 conflict 0 net  3
 *   a1-b3: p1 alike, p2 p3 p4 opposed  agree 1 conflict 3 net -2
 *   a3-b3: p1 alike, p2 p3 opposed     agree 1 conflict 2 net -1
 *   b1-b3: p2 p3 p4 alike, p1 opposed  agree 3 conflict 1 net  2
 * All 15 pairs share a proposal and none balances out: 15 edges. */
static void test_network__actor_projection(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    sg_network *net = build(c, SG_NET_ACTORS, SG_NORM_NONE);
    assert_int_equal(net->kind, SG_NET_ACTORS);
    assert_int_equal(net->nnodes, 6);
    assert_int_equal(net->nedges, 15);
    static const struct {
        const char *a, *b;
        double agree, conflict, net;
    } want[] = {{"a1", "a2", 4, 0, 4},  {"a1", "a3", 3, 0, 3},
                {"a1", "b3", 1, 3, -2}, {"a3", "b3", 1, 2, -1},
                {"b1", "b3", 3, 1, 2},  {"a2", "b1", 0, 4, -4}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        long e = spec_edge(net, want[i].a, want[i].b);
        assert_true(e >= 0);
        assert_near(spec_num(net, SG_EDGES, "agree", (size_t)e), want[i].agree);
        assert_near(spec_num(net, SG_EDGES, "conflict", (size_t)e),
                    want[i].conflict);
        assert_near(net->net[e], want[i].net);
        assert_near(net->weight[e], fabs(want[i].net));
        assert_string_equal(spec_str(net, SG_EDGES, "sign", (size_t)e),
                            want[i].net > 0 ? "positive" : "negative");
    }
    /* Edges come smaller index first. */
    for (size_t e = 0; e < net->nedges; e++)
        assert_true(net->edge_from[e] < net->edge_to[e]);
    sg_network_free(net);
    sg_corpus_free(c);
}

/* Normalised nets, |P| = proposals with a position (a1 4, a3 3, b3 4):
 *   a3-b3 raw -1, shared 3:  jaccard -1/(3+4-3) = -0.25,
 *         cosine -1/sqrt(12), average -1/3.5;
 *   a1-a3 raw 3, shared 3:   jaccard 3/(4+3-3) = 0.75,
 *         cosine 3/sqrt(12), average 3/3.5. */
static void test_network__normalize(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    static const struct {
        sg_normalize norm;
        double a3b3, a1a3;
    } want[] = {
        {SG_NORM_JACCARD, -0.25, 0.75},
        {SG_NORM_COSINE, -1 / 3.4641016151377544, 3 / 3.4641016151377544},
        {SG_NORM_AVERAGE, -1 / 3.5, 3 / 3.5}};
    for (size_t i = 0; i < 3; i++) {
        sg_network *net = build(c, SG_NET_ACTORS, want[i].norm);
        long e = spec_edge(net, "a3", "b3"), f = spec_edge(net, "a1", "a3");
        assert_near(net->net[e], want[i].a3b3);
        assert_near(net->weight[e], -want[i].a3b3);
        assert_near(net->net[f], want[i].a1a3);
        /* Raw counts stay raw. */
        assert_near(spec_num(net, SG_EDGES, "agree", (size_t)e), 1);
        assert_near(spec_num(net, SG_EDGES, "conflict", (size_t)e), 2);
        sg_network_free(net);
    }
    sg_corpus_free(c);
}

/* Proposals aligned by the same actors:
 *   p2-p3: all six alike                agree 6 conflict 0 net  6
 *   p1-p2: b3 differs (+,-)             agree 5 conflict 1 net  4
 *   p1-p4: only b3 alike, a3 silent     agree 1 conflict 4 net -3 */
static void test_network__proposal_projection(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    sg_network *net = build(c, SG_NET_PROPOSALS, SG_NORM_NONE);
    assert_int_equal(net->kind, SG_NET_PROPOSALS);
    assert_int_equal(net->nnodes, 4);
    assert_int_equal(net->node_kind[0], SG_PROPOSAL);
    long e = spec_edge(net, "p2", "p3");
    assert_near(net->net[e], 6);
    e = spec_edge(net, "p1", "p2");
    assert_near(spec_num(net, SG_EDGES, "agree", (size_t)e), 5);
    assert_near(spec_num(net, SG_EDGES, "conflict", (size_t)e), 1);
    assert_near(net->net[e], 4);
    e = spec_edge(net, "p1", "p4");
    assert_near(net->net[e], -3);
    assert_string_equal(spec_str(net, SG_EDGES, "sign", (size_t)e), "negative");
    sg_network_free(net);
    sg_corpus_free(c);
}

/* |net| >= 3 keeps a1-a2 4, a1-a3 3, a2-a3 3, b1-b2 4, the four -4 ties
 * between a1/a2 and b1/b2, and a3-b1, a3-b2 at -3: 10 of 15. */
static void test_network__min_weight(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus(TWO_CAMPS);
    sg_network_options o;
    sg_network_options_init(&o);
    o.kind = SG_NET_ACTORS;
    o.min_weight = 3;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 10);
    assert_int_equal(net->nnodes, 6);
    assert_int_equal(spec_edge(net, "a1", "b3"), -1);
    sg_network_free(net);
    sg_corpus_free(c);
}

/* --top-ties: a, b back p1-p3, c p1-p2, d p1, so the nets are a-b 3,
 * a-c b-c 2, a-d b-d c-d 1. K = 1: a and b keep a-b; c's two ties of 2
 * and d's three of 1 go to the lower id, a: a-b, a-c, a-d. K = 2 adds
 * b-c (b's second, c's second) and b-d (d's second); only c-d, in no
 * one's top two, goes. */
static void test_network__top_ties(void **state)
{
    (void)state;
    sg_corpus *c =
        spec_corpus("a:p1+ a:p2+ a:p3+ b:p1+ b:p2+ b:p3+ c:p1+ c:p2+ d:p1+");
    sg_network_options o;
    sg_network_options_init(&o);
    o.kind = SG_NET_ACTORS;
    static const char *const want1[] = {"a", "b", "a", "c", "a", "d"};
    static const char *const want2[] = {"a", "b", "a", "c", "a", "d",
                                        "b", "c", "b", "d"};
    const struct {
        size_t k, n;
        const char *const *pairs;
    } cases[] = {{1, 3, want1}, {2, 5, want2}, {3, 6, NULL}, {50, 6, NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        o.top_ties = cases[i].k;
        sg_network *net = NULL;
        assert_int_equal(sg_network_build(&net, c, &o), 0);
        assert_int_equal(net->nedges, cases[i].n);
        for (size_t t = 0; cases[i].pairs && t < cases[i].n; t++)
            assert_true(spec_edge(net, cases[i].pairs[2 * t],
                                  cases[i].pairs[2 * t + 1]) >= 0);
        /* Sorted by (from, to), as without the rule. */
        for (size_t e = 1; e < net->nedges; e++)
            assert_true(net->edge_from[e - 1] < net->edge_from[e] ||
                        (net->edge_from[e - 1] == net->edge_from[e] &&
                         net->edge_to[e - 1] < net->edge_to[e]));
        long e = spec_edge(net, "a", "c");
        assert_near(net->net[e], 2);
        assert_near(spec_num(net, SG_EDGES, "agree", (size_t)e), 2);
        sg_network_free(net);
    }
    /* With --min-weight 2 first, d has no tie left to keep. */
    o.top_ties = 1;
    o.min_weight = 2;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 2);
    assert_int_equal(spec_edge(net, "a", "d"), -1);
    sg_network_free(net);
    sg_corpus_free(c);
}

/* 3000 random stances (two thirds support) of actors a0.. on proposals
 * p0..; cnt, when given, is an [A][P][2] array of support and oppose
 * counts, filled here. */
static sg_corpus *random_corpus(uint64_t r, int A, int P, int *cnt)
{
    sg_corpus *c = spec_corpus("");
    char an[16], pn[16];
    if (cnt)
        memset(cnt, 0, sizeof *cnt * (size_t)A * (size_t)P * 2);
    for (int i = 0; i < 3000; i++) {
        r = r * 6364136223846793005ULL + 1442695040888963407ULL;
        int a = (int)((r >> 33) % (uint64_t)A), k = (int)((r >> 17) % (uint64_t)P);
        int pos = (r >> 5) % 3 ? SG_SUPPORT : SG_OPPOSE;
        snprintf(an, sizeof an, "a%d", a);
        snprintf(pn, sizeof pn, "p%d", k);
        spec_stance(c, an, pn, pos, 1);
        if (cnt)
            cnt[(a * P + k) * 2 + (pos == SG_SUPPORT ? 0 : 1)]++;
    }
    return c;
}

/* The end of edge e that is not v; SIZE_MAX when e does not touch v. */
static size_t other_end(const sg_network *net, size_t e, size_t v)
{
    if (net->edge_from[e] == v)
        return net->edge_to[e];
    return net->edge_to[e] == v ? net->edge_from[e] : SIZE_MAX;
}

/* --top-ties on a random corpus whose actors have ~100 ties each, so the
 * heaps grow well past their first capacity: the kept ties are exactly the
 * union of each actor's K strongest in the full network (|net|, then the
 * lower node index), with the same values. */
static void test_network__top_ties_matches_brute_force(void **state)
{
    (void)state;
    enum { A = 120, P = 40 };
    sg_corpus *c = random_corpus(7, A, P, NULL);
    sg_network_options o;
    sg_network_options_init(&o);
    o.kind = SG_NET_ACTORS;
    o.count = SG_COUNT_STATEMENTS;
    sg_network *full = NULL;
    assert_int_equal(sg_network_build(&full, c, &o), 0);
    size_t n = full->nnodes, m = full->nedges;
    assert_true(m > 3000); /* dense enough for the heaps to grow */
    static const size_t ks[] = {1, 5, 20, 37};
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        size_t k = ks[i];
        /* kept[e]: edge e is among the k strongest of one of its ends. */
        char *kept = calloc(m, 1);
        size_t want = 0;
        assert_non_null(kept);
        for (size_t v = 0; v < n; v++)
            for (size_t e = 0; e < m; e++) {
                size_t other = other_end(full, e, v), stronger = 0;
                if (other == SIZE_MAX)
                    continue;
                for (size_t f = 0; f < m; f++) {
                    size_t of = other_end(full, f, v);
                    double sf = fabs(full->net[f]), se = fabs(full->net[e]);
                    stronger += f != e && of != SIZE_MAX &&
                                (sf > se || (sf == se && of < other));
                }
                if (stronger < k && !kept[e]) {
                    kept[e] = 1;
                    want++;
                }
            }
        o.top_ties = k;
        sg_network *net = NULL;
        assert_int_equal(sg_network_build(&net, c, &o), 0);
        assert_int_equal(net->nedges, want);
        for (size_t e = 0; e < m; e++) {
            if (!kept[e])
                continue;
            long f = spec_edge(net, full->node_id[full->edge_from[e]],
                               full->node_id[full->edge_to[e]]);
            assert_true(f >= 0);
            assert_near(net->net[f], full->net[e]);
        }
        sg_network_free(net);
        free(kept);
    }
    sg_network_free(full);
    sg_corpus_free(c);
}

/* Two actors whose positions cancel (agree 1, conflict 1) get no tie;
 * ambivalent pairs count for nothing. */
static void test_network__balanced_pairs_no_tie(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("x:p+ y:p+ x:q+ y:q- z:p+ z:p-");
    sg_network *net = build(c, SG_NET_ACTORS, SG_NORM_NONE);
    assert_int_equal(net->nnodes, 3);
    assert_int_equal(net->nedges, 0);
    sg_tie *ties = NULL;
    size_t n = 0;
    sg_pairs p;
    sg_network_options o;
    sg_network_options_init(&o);
    assert_int_equal(sg_pairs_build(&p, c, &o), 0);
    assert_int_equal(sg_pairs_project(&ties, &n, &p, SG_NET_ACTORS, &o, 1), 0);
    assert_int_equal(n, 1); /* x-y co-occur; z is ambivalent */
    assert_near(ties[0].agree, 1);
    assert_near(ties[0].conflict, 1);
    free(ties);
    sg_pairs_free(&p);
    sg_network_free(net);
    sg_corpus_free(c);
}

/* The Gustavson product against a direct double loop over all pairs, on a
 * random corpus, for every normalisation and both counting modes. */
static void test_network__projection_matches_brute_force(void **state)
{
    (void)state;
    enum { A = 120, P = 40 };
    char an[16], pn[16];
    int cnt[A][P][2];
    sg_corpus *c = random_corpus(42, A, P, &cnt[0][0][0]);
    for (int count = 0; count < 2; count++)
        for (int norm = 0; norm < 4; norm++) {
            sg_network_options o;
            sg_network_options_init(&o);
            o.kind = SG_NET_ACTORS;
            o.count = (sg_count_mode)count;
            o.normalize = (sg_normalize)norm;
            sg_network *net = NULL;
            assert_int_equal(sg_network_build(&net, c, &o), 0);
            size_t edges = 0;
            for (int a = 0; a < A; a++)
                for (int b = a + 1; b < A; b++) {
                    double agree = 0, conflict = 0, xa = 0, xb = 0, qa = 0,
                           qb = 0;
                    for (int k = 0; k < P; k++) {
                        double pa = cnt[a][k][0], na = cnt[a][k][1];
                        double pb = cnt[b][k][0], nb = cnt[b][k][1];
                        if (!count) { /* positions: sign of S - O */
                            double sa = pa - na, sb = pb - nb;
                            pa = sa > 0, na = sa<0, pb = sb> 0, nb = sb < 0;
                        }
                        agree += pa * pb + na * nb;
                        conflict += pa * nb + na * pb;
                        xa += pa + na, xb += pb + nb;
                        qa += (pa + na) * (pa + na);
                        qb += (pb + nb) * (pb + nb);
                    }
                    double raw = agree - conflict;
                    if (raw == 0)
                        continue;
                    double d = norm == SG_NORM_AVERAGE  ? (xa + xb) / 2
                               : norm == SG_NORM_COSINE ? sqrt(qa * qb)
                               : norm == SG_NORM_JACCARD
                                   ? qa + qb - agree - conflict
                                   : 1;
                    snprintf(an, sizeof an, "a%d", a);
                    snprintf(pn, sizeof pn, "a%d", b);
                    long e = spec_edge(net, an, pn);
                    assert_true(e >= 0);
                    assert_near(net->net[e], raw / d);
                    assert_near(spec_num(net, SG_EDGES, "agree", (size_t)e),
                                agree);
                    edges++;
                }
            assert_int_equal(net->nedges, edges);
            sg_network_free(net);
        }
    sg_corpus_free(c);
}

/* ---- filters ------------------------------------------------------------ */

static void test_network__filters(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("");
    sg_entity e = {0};
    e.id = "mayor";
    e.type = "person";
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, NULL), 0);
    e.id = "party";
    e.type = "party";
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, NULL), 0);
    e.id = "tram";
    e.type = NULL;
    e.topic = "transport";
    assert_int_equal(sg_corpus_add_entity(c, SG_PROPOSAL, &e, NULL), 0);
    e.id = "levy";
    e.topic = "finance";
    assert_int_equal(sg_corpus_add_entity(c, SG_PROPOSAL, &e, NULL), 0);
    spec_add(c, "mayor:tram+ party:tram- mayor:levy+ party:levy+");
    source(c, "gazette");

    sg_network_options o;
    sg_network *net = NULL;
    sg_network_options_init(&o);
    const char *types[] = {"party"};
    o.actor_types = types;
    o.nactor_types = 1;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nnodes, 3); /* party, tram, levy */
    assert_true(sg_network_find_node(net, "mayor") < 0);
    sg_network_free(net);

    sg_network_options_init(&o);
    const char *topics[] = {"finance"};
    o.topics = topics;
    o.ntopics = 1;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 2);
    assert_true(sg_network_find_node(net, "tram") < 0);
    sg_network_free(net);

    /* A type nobody has is a usage error (a typo would otherwise give an
     * empty network), with the closest type as a hint. */
    const char *none[] = {"robot"}, *cased[] = {"PARTY"};
    sg_network_options_init(&o);
    o.actor_types = none;
    o.nactor_types = 1;
    assert_int_equal(sg_network_build(&net, c, &o), SG_EUSAGE);
    assert_null(net);
    assert_string_equal(sg_error_last(),
                        "--actor-type: no actor has the type \"robot\"");
    o.actor_types = cased;
    assert_int_equal(sg_network_build(&net, c, &o), SG_EUSAGE);
    assert_null(net);
    assert_string_equal(sg_error_last(), "--actor-type: no actor has the type "
                                         "\"PARTY\" (did you mean \"party\"?)");

    const char *ex[] = {"levy"};
    sg_network_options_init(&o);
    o.exclude = ex;
    o.nexclude = 1;
    o.kind = SG_NET_ACTORS;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 1);
    assert_near(net->net[0], -1); /* only the tram remains */
    sg_network_free(net);

    /* Unknown ids are errors with the option's name: a source matching
     * nothing is a usage error (like a type or topic), an unknown
     * --exclude invalid input. */
    const char *bad[] = {"tv"};
    sg_network_options_init(&o);
    o.sources = bad;
    o.nsources = 1;
    assert_int_equal(sg_network_build(&net, c, &o), SG_EUSAGE);
    assert_null(net);
    assert_string_equal(sg_error_last(), "--source: no source has the id \"tv\"");
    const char *typo[] = {"trams"};
    sg_network_options_init(&o);
    o.exclude = typo;
    o.nexclude = 1;
    assert_int_equal(sg_network_build(&net, c, &o), SG_EINVALID);
    assert_string_equal(sg_error_last(),
                        "--exclude: unknown actor or proposal \"trams\" "
                        "(did you mean \"tram\"?)");
    sg_corpus_free(c);
}

/* ---- grouping and attributes ----------------------------------------------
 */

static size_t actor(sg_corpus *c, const char *id, const char *group)
{
    sg_entity e = {0};
    size_t i;
    e.id = id;
    e.label = id;
    e.type = "person";
    e.group = group;
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, &i), 0);
    return i;
}

/* g1 = {x, y} both support p: one node "g1" with members 2, its stances
 * summed (statements 2); z has no group and stays itself. */
static void test_network__by_group(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("");
    size_t x = actor(c, "x", "g1");
    actor(c, "y", "g1");
    actor(c, "z", NULL);
    sg_value v = {SG_VALUE_STRING, "left", 0};
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, x, "camp", &v), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, x + 1, "camp", &v), 0);
    /* g2's members disagree on camp: the group has none. */
    size_t u = actor(c, "u", "g2");
    actor(c, "w", "g2");
    sg_value right = {SG_VALUE_STRING, "right", 0};
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, u, "camp", &v), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, u + 1, "camp", &right),
                     0);
    spec_add(c, "x:p+ y:p+ z:p- x:q+ u:q- w:q-");
    sg_network_options o;
    sg_network_options_init(&o);
    o.by_group = 1;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nnodes, 5); /* g1, z, g2, p, q */
    assert_string_equal(net->node_id[2], "g2");
    assert_null(spec_str(net, SG_NODES, "camp", 2));
    assert_string_equal(net->node_id[0], "g1");
    assert_string_equal(spec_str(net, SG_NODES, "label", 0), "g1");
    assert_string_equal(spec_str(net, SG_NODES, "type", 0), "group");
    assert_near(spec_num(net, SG_NODES, "members", 0), 2);
    assert_near(spec_num(net, SG_NODES, "members", 1), 1);
    assert_string_equal(spec_str(net, SG_NODES, "type", 1), "person");
    /* Both members say "left": the group keeps it; z has none. */
    assert_string_equal(spec_str(net, SG_NODES, "camp", 0), "left");
    assert_null(spec_str(net, SG_NODES, "camp", 1));
    long e = spec_edge(net, "g1", "p");
    assert_near(spec_num(net, SG_EDGES, "statements", (size_t)e), 2);
    assert_near(net->net[e], 2);
    sg_network_free(net);

    /* Excluding a group by name drops its members. */
    const char *ex[] = {"g1", "g2"};
    o.exclude = ex;
    o.nexclude = 2;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nnodes, 2);
    sg_network_free(net);
    sg_corpus_free(c);
}

/* Attribute names are sanitised to [A-Za-z0-9_]; names of built-in
 * columns get attr_; types follow the values. */
static void test_network__attribute_columns(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("m:p+");
    sg_value num = {SG_VALUE_NUMBER, NULL, 14};
    sg_value yes = {SG_VALUE_BOOL, NULL, 1};
    sg_value str = {SG_VALUE_STRING, "Green", 0};
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "seats 2024", &num), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "members", &num), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "degree", &num), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "incumbent", &yes), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "party", &str), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_PROPOSAL, 0, "cost", &num), 0);
    sg_network *net = build(c, SG_NET_STANCES, SG_NORM_NONE);
    const sg_column *col = sg_network_column(net, SG_NODES, "seats_2024");
    assert_non_null(col);
    assert_int_equal(col->type, SG_COL_NUMBER);
    assert_near(col->num[0], 14);
    assert_non_null(sg_network_column(net, SG_NODES, "attr_members"));
    assert_non_null(sg_network_column(net, SG_NODES, "attr_degree"));
    col = sg_network_column(net, SG_NODES, "incumbent");
    assert_int_equal(col->type, SG_COL_BOOL);
    assert_near(col->num[0], 1);
    assert_true(col->missing[1]); /* the proposal has none */
    assert_string_equal(spec_str(net, SG_NODES, "party", 0), "Green");
    assert_near(spec_num(net, SG_NODES, "cost", 1), 14);
    sg_network_free(net);

    /* The actor network has no proposal attributes. */
    net = build(c, SG_NET_ACTORS, SG_NORM_NONE);
    assert_null(sg_network_column(net, SG_NODES, "cost"));
    assert_non_null(sg_network_column(net, SG_NODES, "party"));
    sg_network_free(net);
    sg_corpus_free(c);
}

/* The container: duplicates are refused after unchecked insertions too
 * (the table is rebuilt from the edge list), and columns keep their values
 * across growth into big, huge-page backed arrays. */
static void test_network__container_edges(void **state)
{
    (void)state;
    sg_network *net = NULL;
    assert_int_equal(sg_network_new(&net, SG_NET_ACTORS), 0);
    enum { N = 1200 };
    char id[16];
    for (size_t i = 0; i < N; i++) {
        snprintf(id, sizeof id, "n%zu", i);
        assert_int_equal(sg_network_add_node(net, id, SG_ACTOR, NULL), 0);
    }
    sg_column *col = NULL;
    assert_int_equal(
        sg_network_add_column(&col, net, SG_EDGES, "k", SG_COL_NUMBER), 0);
    assert_int_equal(sg_network_reserve(net, 10), 0);
    /* 1200 * 1199 / 2 = 719,400 pairs: the number column alone outgrows
     * 4 MiB. Stored smaller endpoint first whatever the order given. */
    size_t e = 0;
    for (size_t a = 0; a < N; a++)
        for (size_t b = a + 1; b < N; b++) {
            size_t idx;
            assert_int_equal(
                sg_network_add_edge_unique(net, b, a, 1, -1, &idx), 0);
            assert_int_equal(idx, e);
            sg_column_set_number(net->edge_cols, idx, (double)(a * N + b));
            e++;
        }
    col = &net->edge_cols[0];
    assert_int_equal(net->nedges, 719400);
    assert_int_equal(net->edge_from[719399], 1198);
    assert_int_equal(net->edge_to[719399], 1199);
    assert_near(col->num[0], 1);
    assert_near(col->num[719399], 1198.0 * N + 1199);
    assert_false(col->missing[719399]);
    assert_int_equal(sg_network_add_edge(net, 1199, 1198, 1, 1, NULL),
                     SG_EINVALID);
    assert_string_equal(sg_error_last(), "duplicate edge \"n1198\" -- \"n1199\"");
    assert_int_equal(sg_network_add_edge(net, 0, 0, 1, 1, NULL), SG_EINVALID);
    assert_int_equal(sg_network_add_edge_unique(net, 0, N, 1, 1, NULL),
                     SG_EINVALID);
    assert_int_equal(net->nedges, 719400);
    /* A new node, then a checked edge to it: accepted, columns extended. */
    size_t x;
    assert_int_equal(sg_network_add_node(net, "x", SG_ACTOR, &x), 0);
    assert_int_equal(sg_network_add_edge(net, x, 5, 2, 2, &e), 0);
    assert_int_equal(e, 719400);
    assert_int_equal(net->edge_from[e], 5);
    assert_true(net->edge_cols[0].missing[e]);
    sg_network_free(net);
}

/* --tie by hand. a: p+ q+, b: p+ q-, c: p+ r+. a and b agree on p and
 * disagree on q (agree 1, conflict 1); a-c and b-c agree on p only. */
static void test_network__tie_modes(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("a:p+ a:q+ b:p+ b:q- c:p+ c:r+");
    sg_network_options o;
    sg_network_options_init(&o);
    o.kind = SG_NET_ACTORS;
    sg_network *net = NULL;
    /* Subtract: a-b balance out (1 - 1) and are no tie; a-c and b-c +1. */
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 2);
    assert_int_equal(spec_edge(net, "a", "b"), -1);
    sg_network_free(net);
    /* Congruence keeps a-b at its agreement, 1, next to a-c and b-c. */
    o.tie = SG_TIE_CONGRUENCE;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 3);
    long e = spec_edge(net, "a", "b");
    assert_true(e >= 0);
    assert_near(net->weight[e], 1);
    assert_near(net->net[e], 1);
    assert_near(spec_num(net, SG_EDGES, "conflict", (size_t)e), 1);
    sg_network_free(net);
    /* Conflict: only a-b, negative, weight 1. */
    o.tie = SG_TIE_CONFLICT;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 1);
    e = spec_edge(net, "a", "b");
    assert_true(e >= 0);
    assert_near(net->weight[e], 1);
    assert_near(net->net[e], -1);
    sg_network_free(net);
    /* Normalised by Jaccard, a-b's conflict is 1 / |{p, q}| = 0.5. */
    o.normalize = SG_NORM_JACCARD;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_near(net->weight[spec_edge(net, "a", "b")], 0.5);
    sg_network_free(net);
    /* Positive: the agreement ties of subtract, a-c and b-c (1/3 each
     * under Jaccard: one shared proposal of three). */
    o.tie = SG_TIE_POSITIVE;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 2);
    assert_near(net->net[spec_edge(net, "a", "c")], 1.0 / 3);
    assert_near(net->net[spec_edge(net, "b", "c")], 1.0 / 3);
    sg_network_free(net);
    sg_corpus_free(c);
}

/* A stance of a on p with a date ("" for none) and source (-1 none). */
static void dated_stance(sg_corpus *c, const char *actor, int position,
                         const char *date, int32_t source)
{
    sg_stance s = {0};
    s.actor = (uint32_t)spec_entity(c, SG_ACTOR, actor);
    s.proposal = (uint32_t)spec_entity(c, SG_PROPOSAL, "p");
    s.position = (int8_t)position;
    s.date = SG_NO_DATE;
    if (*date)
        assert_int_equal(sg_date_parse(&s.date, date, 0), 0);
    s.source = source;
    s.weight = 1;
    assert_int_equal(sg_corpus_add_stance(c, &s), 0);
}

/* --duplicates by hand: a supports p in s1 on Mon 2024-01-01 and Sun
 * 01-07 (one ISO week), in s2 on Mon 01-08 and 02-01, in s1 on
 * 2025-01-02, and once undated without a source; a opposes p once, and b
 * supports it once. Support statements a-p counted:
 *   include 6; document 3 (s1, s2, and the one without a source);
 *   week 5 (01-01 = 01-07); month 4 (January 2024 once; January 2025 is
 *   another month, where DNA's month-number test would merge it);
 *   year 3; acrossrange 1, the earliest (01-01).
 * The opposing and b's stances are not identical and always count. */
static void test_network__duplicates(void **state)
{
    (void)state;
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_new(&c), 0);
    sg_source src = {0};
    src.date = SG_NO_DATE;
    src.id = "s1";
    assert_int_equal(sg_corpus_add_source(c, &src, NULL), 0);
    src.id = "s2";
    assert_int_equal(sg_corpus_add_source(c, &src, NULL), 0);
    dated_stance(c, "a", SG_SUPPORT, "2024-01-07", 0);
    dated_stance(c, "a", SG_SUPPORT, "2024-01-01", 0);
    dated_stance(c, "a", SG_SUPPORT, "2024-01-08", 1);
    dated_stance(c, "a", SG_SUPPORT, "2024-02-01", 1);
    dated_stance(c, "a", SG_SUPPORT, "2025-01-02", 0);
    dated_stance(c, "a", SG_SUPPORT, "", -1);
    dated_stance(c, "a", SG_OPPOSE, "2024-01-02", 0);
    dated_stance(c, "b", SG_SUPPORT, "2024-01-01", 0);
    static const unsigned want[] = {6, 3, 5, 4, 3, 1};
    for (int mode = SG_DUP_INCLUDE; mode <= SG_DUP_ACROSSRANGE; mode++) {
        sg_network_options o;
        sg_network_options_init(&o);
        o.duplicates = (sg_duplicates)mode;
        sg_pairs p;
        assert_int_equal(sg_pairs_build(&p, c, &o), 0);
        assert_int_equal(p.npairs, 2);
        assert_int_equal(p.support_n[0], want[mode]);
        assert_int_equal(p.oppose_n[0], 1);
        assert_int_equal(p.support_n[1], 1);
        assert_int_equal(p.nstances, want[mode] + 2);
        if (mode == SG_DUP_ACROSSRANGE || mode == SG_DUP_WEEK)
            /* The earliest of the week is kept, not the first listed. */
            assert_int_equal(p.stance_idx[p.stance_start[0]], 1);
        sg_pairs_free(&p);
    }
    sg_corpus_free(c);
}

static void test_network__empty(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("");
    for (int k = 0; k < 3; k++) {
        sg_network *net = build(c, (sg_network_kind)k, SG_NORM_NONE);
        assert_int_equal(net->nnodes, 0);
        assert_int_equal(net->nedges, 0);
        sg_network_free(net);
    }
    sg_corpus_free(c);
}

/* ---- DNA's sample -----------------------------------------------------------
 */

typedef struct {
    size_t edges, positive, negative;
    double net, weight; /* one triangle */
} tie_sums;

/* The actor network of DNA's sample under one tie rule, summed. */
static tie_sums dna_ties(const sg_corpus *c, const sg_network_options *base,
                         sg_tie_mode tie)
{
    sg_network *net = spec_actor_network(c, base, tie);
    tie_sums t = {net->nedges, 0, 0, 0, 0};
    for (size_t e = 0; e < net->nedges; e++) {
        t.positive += net->net[e] > 0;
        t.negative += net->net[e] < 0;
        t.net += net->net[e];
        t.weight += net->weight[e];
    }
    sg_network_free(net);
    return t;
}

/* DNA's congruence and conflict networks (16 and 14 ties on the sample
 * whatever the duplicates) and subtract, as full-matrix sums. */
static void assert_dna_networks(const sg_corpus *c,
                                const sg_network_options *o, double cong,
                                double conf, double sub, size_t pos,
                                size_t neg)
{
    tie_sums t = dna_ties(c, o, SG_TIE_CONGRUENCE);
    assert_int_equal(t.edges, 16);
    assert_int_equal(t.positive, 16);
    assert_near(2 * t.net, cong);
    t = dna_ties(c, o, SG_TIE_CONFLICT);
    assert_int_equal(t.edges, 14);
    assert_int_equal(t.negative, 14);
    assert_near(2 * t.weight, conf);
    t = dna_ties(c, o, SG_TIE_SUBTRACT);
    assert_int_equal(t.positive, pos);
    assert_int_equal(t.negative, neg);
    assert_near(2 * t.net, sub);
}

/* Reference values in shared/peers/dna-sample/README.md (organization x
 * concept, full matrices, both triangles: twice our one-triangle sums).
 * The average-activity normalisation divides by the mean number of
 * statements of the two organisations, which is what gives 5.343. */
static void test_network__dna_sample(void **state)
{
    (void)state;
    sg_corpus *c = spec_dna_sample();
    sg_network_options o;
    sg_network_options_init(&o);
    o.count = SG_COUNT_STATEMENTS;

    /* Two-mode, qualifier ignored: 7 x 6, sum 40, 22 non-zero cells. */
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    size_t actors = 0;
    double sum = 0;
    for (size_t i = 0; i < net->nnodes; i++)
        actors += net->node_kind[i] == SG_ACTOR;
    for (size_t e = 0; e < net->nedges; e++)
        sum += spec_num(net, SG_EDGES, "statements", e);
    assert_int_equal(actors, 7);
    assert_int_equal(net->nnodes - actors, 6);
    assert_int_equal(net->nedges, 22);
    assert_near(sum, 40);
    sg_network_free(net);

    /* Congruence 160, conflict 116; co-occurrence (qualifier ignored)
     * 276 over 21 edges: all co-occurring pairs, nets of 0 included. */
    sg_pairs p;
    sg_tie *ties = NULL;
    size_t n = 0;
    assert_int_equal(sg_pairs_build(&p, c, &o), 0);
    assert_int_equal(sg_pairs_project(&ties, &n, &p, SG_NET_ACTORS, &o, 1), 0);
    double cong = 0, conf = 0;
    for (size_t i = 0; i < n; i++) {
        cong += ties[i].agree;
        conf += ties[i].conflict;
    }
    assert_near(2 * cong, 160);
    assert_near(2 * conf, 116);
    assert_near(2 * (cong + conf), 276);
    assert_int_equal(n, 21);
    free(ties);
    sg_pairs_free(&p);

    /* Subtract: sum 44 with 9 positive and 9 negative edges. */
    o.kind = SG_NET_ACTORS;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    size_t pos = 0, neg = 0;
    sum = 0;
    for (size_t e = 0; e < net->nedges; e++) {
        sum += net->net[e];
        pos += net->net[e] > 0;
        neg += net->net[e] < 0;
    }
    assert_near(2 * sum, 44);
    assert_int_equal(pos, 9);
    assert_int_equal(neg, 9);
    sg_network_free(net);

    /* Average activity: 5.343 (5.343018419489...). */
    o.normalize = SG_NORM_AVERAGE;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    sum = 0;
    for (size_t e = 0; e < net->nedges; e++)
        sum += net->net[e];
    assert_true(fabs(2 * sum - 5.343) < 0.0005);
    sg_network_free(net);

    /* --tie: DNA's congruence and conflict networks themselves, pairs
     * whose agreement equals their conflict included. */
    o.normalize = SG_NORM_NONE;
    assert_dna_networks(c, &o, 160, 116, 44, 9, 9);
    /* Positive: the 9 agreement ties of subtract, summing to 126 (worked
     * out from DNA's formulas; subtract = 126 - 82). */
    tie_sums t = dna_ties(c, &o, SG_TIE_POSITIVE);
    assert_int_equal(t.edges, 9);
    assert_int_equal(t.positive, 9);
    assert_near(2 * t.net, 126);
    /* Normalised, the two parts of 5.343: 25.8024 - 20.4594. */
    o.normalize = SG_NORM_AVERAGE;
    t = dna_ties(c, &o, SG_TIE_CONGRUENCE);
    assert_int_equal(t.edges, 16);
    assert_true(fabs(2 * t.net - 25.802436125965542) < 1e-9);
    t = dna_ties(c, &o, SG_TIE_CONFLICT);
    assert_int_equal(t.edges, 14);
    assert_true(fabs(2 * t.weight - 20.45941770647653) < 1e-9);

    /* --duplicates document: 23 of the 40 statements remain (each
     * organisation repeats itself only within a document, so week, month,
     * year and acrossrange agree here). Congruence 48 over 16 ties,
     * conflict 38 over 14, subtract 10 with 8 positive and 8 negative,
     * average-normalised 3.180952: DNA's formulas worked through on the
     * filtered statements (an independent script, not this code). */
    for (int mode = SG_DUP_DOCUMENT; mode <= SG_DUP_ACROSSRANGE; mode++) {
        o.duplicates = (sg_duplicates)mode;
        o.normalize = SG_NORM_NONE;
        sg_pairs dp;
        assert_int_equal(sg_pairs_build(&dp, c, &o), 0);
        assert_int_equal(dp.nstances, 23);
        sg_pairs_free(&dp);
        assert_dna_networks(c, &o, 48, 38, 10, 8, 8);
        o.normalize = SG_NORM_AVERAGE;
        t = dna_ties(c, &o, SG_TIE_SUBTRACT);
        assert_true(fabs(2 * t.net - 3.180952380952381) < 1e-9);
    }
    sg_corpus_free(c);
}

/* ---- per-stance weight multipliers (time windows) --------------------- */

/* Small corpus, worked by hand: a supports p (weight 1, multiplier 2), b
 * supports p (weight 3, multiplier 0.5), c opposes p (multiplier 0: gone),
 * a opposes q twice (multipliers 0.25 and 1), b opposes q (multiplier 1).
 *   two-mode: a-p weight 1*2 = 2; b-p 3*0.5 = 1.5; a-q 1.25; no c.
 *   statements count: cells a(p+ 2, q- 1.25), b(p+ 0.5, q- 1):
 *     a-b agree 2*0.5 + 1.25*1 = 2.25, conflict 0.
 *   proposals count: positions only, a-b agree 2. */
static void test_network__stance_weight(void **state)
{
    (void)state;
    sg_corpus *c = spec_corpus("a:p+ b:p+ c:p- a:q- a:q- b:q-");
    ((sg_stance *)c->stances)[1].weight = 3;
    const double mult[6] = {2, 0.5, 0, 0.25, 1, 1};
    sg_network_options o;
    sg_network_options_init(&o);
    o.stance_weight = mult;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nnodes, 4); /* a, b, p, q: c has no stance left */
    assert_int_equal(sg_network_find_node(net, "c"), -1);
    assert_near(net->weight[spec_edge(net, "a", "p")], 2);
    assert_near(net->weight[spec_edge(net, "b", "p")], 1.5);
    assert_near(net->net[spec_edge(net, "a", "q")], -1.25);
    /* The statement count stays a count of the statements kept. */
    assert_near(spec_num(net, SG_EDGES, "statements",
                         (size_t)spec_edge(net, "a", "q")),
                2);
    sg_network_free(net);

    o.kind = SG_NET_ACTORS;
    o.count = SG_COUNT_STATEMENTS;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_int_equal(net->nedges, 1);
    assert_near(spec_num(net, SG_EDGES, "agree", 0), 2.25);
    assert_near(spec_num(net, SG_EDGES, "conflict", 0), 0);
    sg_network_free(net);
    o.count = SG_COUNT_PROPOSALS;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_near(net->net[0], 2);
    sg_network_free(net);

    /* Proposal network: p-q from a (p+, q-) and b (p+, q-): conflict 2
     * counting proposals; statements 2*1.25 + 0.5*1 = 3. */
    o.kind = SG_NET_PROPOSALS;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_near(net->net[0], -2);
    sg_network_free(net);
    o.count = SG_COUNT_STATEMENTS;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_near(net->net[0], -3);
    sg_network_free(net);

    /* A negative or non-finite multiplier is refused. */
    double bad[6] = {1, 1, 1, -1, 1, 1};
    o.stance_weight = bad;
    assert_int_equal(sg_network_build(&net, c, &o), SG_EINVALID);
    assert_null(net);
    bad[3] = NAN;
    assert_int_equal(sg_network_build(&net, c, &o), SG_EINVALID);
    sg_corpus_free(c);
}

/* DNA's sample with every statement at multiplier 0.5, as a uniform kernel
 * weighs a window that holds them all: statement-count ties scale by 0.25
 * (congruence 160 -> 40, conflict 116 -> 29, subtract 44 -> 11), the
 * two-mode weights by 0.5 (40 -> 20), and a multiplier of 0 after
 * 2005-02-02 gives exactly the network of --to 2005-02-02. */
static void test_network__stance_weight_dna(void **state)
{
    (void)state;
    sg_corpus *c = spec_dna_sample();
    double *half = malloc(c->nstances * sizeof *half);
    double *cut = malloc(c->nstances * sizeof *cut);
    assert_non_null(half);
    assert_non_null(cut);
    int32_t last = day("2005-02-02");
    for (size_t i = 0; i < c->nstances; i++) {
        half[i] = 0.5;
        cut[i] = c->stances[i].date <= last;
    }
    sg_network_options o;
    sg_network_options_init(&o);
    o.count = SG_COUNT_STATEMENTS;
    o.stance_weight = half;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    double sum = 0;
    for (size_t e = 0; e < net->nedges; e++)
        sum += net->weight[e];
    assert_near(sum, 20);
    sg_network_free(net);

    sg_pairs p;
    sg_tie *ties = NULL;
    size_t n = 0;
    assert_int_equal(sg_pairs_build(&p, c, &o), 0);
    assert_int_equal(sg_pairs_project(&ties, &n, &p, SG_NET_ACTORS, &o, 1), 0);
    double cong = 0, conf = 0;
    for (size_t i = 0; i < n; i++) {
        cong += ties[i].agree;
        conf += ties[i].conflict;
    }
    assert_near(2 * cong, 40);
    assert_near(2 * conf, 29);
    assert_int_equal(n, 21);
    free(ties);
    sg_pairs_free(&p);

    o.kind = SG_NET_ACTORS;
    o.stance_weight = cut;
    sg_network *a = NULL, *b = NULL;
    assert_int_equal(sg_network_build(&a, c, &o), 0);
    o.stance_weight = NULL;
    o.to = last;
    assert_int_equal(sg_network_build(&b, c, &o), 0);
    assert_true(a->nedges > 0);
    assert_int_equal(a->nnodes, b->nnodes);
    assert_int_equal(a->nedges, b->nedges);
    for (size_t e = 0; e < a->nedges; e++) {
        assert_int_equal(a->edge_from[e], b->edge_from[e]);
        assert_int_equal(a->edge_to[e], b->edge_to[e]);
        assert_near(a->net[e], b->net[e]);
    }
    sg_network_free(a);
    sg_network_free(b);
    free(half);
    free(cut);
    sg_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_network__two_mode_pairs),
        cmocka_unit_test(test_network__statement_details),
        cmocka_unit_test(test_network__actor_projection),
        cmocka_unit_test(test_network__normalize),
        cmocka_unit_test(test_network__proposal_projection),
        cmocka_unit_test(test_network__min_weight),
        cmocka_unit_test(test_network__top_ties),
        cmocka_unit_test(test_network__top_ties_matches_brute_force),
        cmocka_unit_test(test_network__balanced_pairs_no_tie),
        cmocka_unit_test(test_network__projection_matches_brute_force),
        cmocka_unit_test(test_network__filters),
        cmocka_unit_test(test_network__by_group),
        cmocka_unit_test(test_network__attribute_columns),
        cmocka_unit_test(test_network__container_edges),
        cmocka_unit_test(test_network__tie_modes),
        cmocka_unit_test(test_network__duplicates),
        cmocka_unit_test(test_network__empty),
        cmocka_unit_test(test_network__dna_sample),
        cmocka_unit_test(test_network__stance_weight),
        cmocka_unit_test(test_network__stance_weight_dna),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
