/* Unit tests of ideal-point scaling against references it does not
 * compute itself: planted ideal points (a probit spatial-voting model, not
 * the logit the fit assumes), pscl's Bayesian ideal() on the 109th Senate,
 * the order of the 1994-97 Supreme Court in the literature, and small
 * matrices worked by hand. */
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
#include "corpus_spec.h"

static double corr(const double *a, const double *b, size_t n)
{
    double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < n; i++) {
        ma += a[i];
        mb += b[i];
    }
    ma /= (double)n;
    mb /= (double)n;
    for (size_t i = 0; i < n; i++) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / sqrt(saa * sbb);
}

static long actor_index(const sg_scale *s, const char *id)
{
    for (size_t i = 0; i < s->nactors; i++)
        if (strcmp(s->actor_id[i], id) == 0)
            return (long)i;
    fail_msg("no actor %s", id);
    return -1;
}

static double dim1_of(const sg_scale *s, const char *id)
{
    return s->actor_pos[(size_t)actor_index(s, id) * (size_t)s->dimensions];
}

/* A reference of pscl's ideal() (tests/data/scale/NAME: id, party,
 * posterior mean, sd; tools/rollcalls/ideal-reference.R) beside our dim1
 * of the same actors; returns how many rows. */
typedef struct {
    char party[16];
    double ref, ours;
} reference_row;

static size_t load_reference(reference_row *rows, size_t max,
                             const char *name, const sg_scale *s)
{
    const char *dir = getenv("SG_TEST_DATA");
    char path[1024], line[256];
    snprintf(path, sizeof path, "%s/scale/%s", dir ? dir : "tests/data", name);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (n < max && fgets(line, sizeof line, f)) {
        char id[64];
        double sd;
        assert_int_equal(sscanf(line, "%63[^,],%15[^,],%lf,%lf", id,
                                rows[n].party, &rows[n].ref, &sd),
                         4);
        rows[n].ours = dim1_of(s, id);
        n++;
    }
    fclose(f);
    return n;
}

static double reference_corr(const reference_row *rows, size_t n)
{
    double ref[128], ours[128];
    assert_true(n <= 128);
    for (size_t i = 0; i < n; i++) {
        ref[i] = rows[i].ref;
        ours[i] = rows[i].ours;
    }
    return corr(ref, ours, n);
}

/* ---- planted spatial voting --------------------------------------------- */

static uint64_t rng_state;

static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

static double gauss(void)
{
    double u = uniform(), v = uniform();
    return sqrt(-2 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

/* 100 legislators in two parties (centres -1 and +1, sd 0.4), 400 roll
 * calls with cut points ~ U(-1.2, 1.2), probit noise, 5% absent. */
static void planted(sg_corpus **out, double *truth, int dims)
{
    sg_corpus *c;
    assert_int_equal(sg_corpus_new(&c), 0);
    enum { NA = 100, NP = 400 };
    double x[NA][2];
    rng_state = 42;
    for (int i = 0; i < NA; i++) {
        x[i][0] = (i % 2 ? 1.0 : -1.0) + 0.4 * gauss();
        x[i][1] = 0.6 * gauss();
        truth[i * dims] = x[i][0];
        if (dims == 2)
            truth[i * dims + 1] = x[i][1];
    }
    char a[16], p[16];
    for (int j = 0; j < NP; j++) {
        double t = 6.283185307179586 * uniform();
        double n1 = dims == 2 ? cos(t) : (uniform() < 0.5 ? 1 : -1);
        double n2 = dims == 2 ? sin(t) : 0;
        double cut = -1.2 + 2.4 * uniform(), b = 1.25 + 2.5 * uniform();
        snprintf(p, sizeof p, "p%03d", j);
        for (int i = 0; i < NA; i++) {
            double u = uniform(), absent = uniform();
            if (absent < 0.05)
                continue;
            double z = b * (n1 * x[i][0] + n2 * x[i][1] - cut);
            double prob = 0.5 * erfc(-z / sqrt(2.0));
            snprintf(a, sizeof a, "a%03d", i);
            spec_stance(c, a, p, u < prob ? SG_SUPPORT : SG_OPPOSE, 1);
        }
    }
    *out = c;
}

static void test_scale__planted_1d(void **state)
{
    (void)state;
    sg_corpus *c;
    double truth[100], est[100];
    planted(&c, truth, 1);
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, NULL), 0);
    assert_int_equal(s->scaled_actors, 100);
    char id[16];
    for (size_t i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "a%03zu", i);
        est[i] = s->actor_pos[actor_index(s, id)];
    }
    double r = corr(truth, est, 100);
    print_message("planted 1-D: r %.4f, classified %.3f, APRE %.3f\n", r,
                  s->classified, s->apre);
    assert_true(fabs(r) >= 0.98);
    /* A spatial model this clean classifies most votes. */
    assert_true(s->classified > 0.85 && s->apre > 0.5);
    sg_scale_free(s);
    sg_corpus_free(c);
}

static void test_scale__planted_2d(void **state)
{
    (void)state;
    sg_corpus *c;
    double truth[200], est[200];
    planted(&c, truth, 2);
    sg_scale_options o;
    sg_scale_options_init(&o);
    o.dimensions = 2;
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, &o), 0);
    double t1[100], t2[100], e1[100], e2[100];
    char id[16];
    for (size_t i = 0; i < 100; i++) {
        snprintf(id, sizeof id, "a%03zu", i);
        long k = actor_index(s, id);
        est[2 * i] = s->actor_pos[2 * k];
        est[2 * i + 1] = s->actor_pos[2 * k + 1];
        t1[i] = truth[2 * i];
        t2[i] = truth[2 * i + 1];
        e1[i] = est[2 * i];
        e2[i] = est[2 * i + 1];
    }
    print_message("planted 2-D: r %.4f (dim1), %.4f (dim2)\n",
                  corr(t1, e1, 100), corr(t2, e2, 100));
    /* The planted dim1 spreads most, so it is the principal axis. */
    assert_true(fabs(corr(t1, e1, 100)) >= 0.98);
    assert_true(fabs(corr(t2, e2, 100)) >= 0.9);
    sg_scale_free(s);
    sg_corpus_free(c);
}

/* ---- real roll calls ---------------------------------------------------- */

static sg_corpus *load_graph(const char *name)
{
    const char *dir = getenv("SG_GRAPHS");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "graphs", name);
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load(&c, path, NULL, NULL), 0);
    return c;
}

/* pscl's ideal() (Bayesian IRT, posterior means) on the 109th Senate,
 * computed in R by tools/rollcalls/ideal-reference.R. */
static void test_scale__senate_matches_pscl_ideal(void **state)
{
    (void)state;
    sg_corpus *c = load_graph("us-senate-109.csv");
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, NULL), 0);
    reference_row rows[128];
    double dem = 0, rep = 0, maxd = -9, minr = 9;
    size_t n = load_reference(rows, 128, "ideal-s109.csv", s), nd = 0,
           nr = 0;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(rows[i].party, "D")) {
            dem += rows[i].ours;
            nd++;
            maxd = fmax(maxd, rows[i].ours);
        } else if (!strcmp(rows[i].party, "R")) {
            rep += rows[i].ours;
            nr++;
            minr = fmin(minr, rows[i].ours);
        }
    }
    assert_int_equal(n, 102);
    assert_true(fabs(reference_corr(rows, n)) >= 0.99);
    /* The first actor (Sessions) is on the positive side, and so the
     * Republicans: far apart from the Democrats, overlapping only at the
     * centre (Chafee, Ben Nelson). */
    assert_true(dim1_of(s, "sessions-al") > 0);
    assert_true(rep / (double)nr > 0.8 && dem / (double)nd < -0.8);
    assert_true(maxd < 0.2 && minr > -0.2);
    /* Classification as W-NOMINATE reports for recent Senates: ~90%. */
    assert_true(s->classified > 0.88 && s->apre > 0.65);
    sg_scale_free(s);
    sg_corpus_free(c);
}

static void test_scale__supreme_court_order(void **state)
{
    (void)state;
    sg_corpus *c = load_graph("us-supreme-court-1994-97.csv");
    sg_scale_options o;
    sg_scale_options_init(&o);
    o.anchor = "thomas";
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, &o), 0);
    double stevens = dim1_of(s, "stevens"), gin = dim1_of(s, "ginsburg"),
           sou = dim1_of(s, "souter"), bre = dim1_of(s, "breyer"),
           oco = dim1_of(s, "oconnor"), ken = dim1_of(s, "kennedy"),
           reh = dim1_of(s, "rehnquist"), sca = dim1_of(s, "scalia"),
           tho = dim1_of(s, "thomas");
    /* Stevens most liberal; the Clinton appointees and Souter; the swing
     * justices; Rehnquist; Scalia and Thomas most conservative. */
    assert_true(stevens < fmin(gin, fmin(sou, bre)));
    assert_true(fmax(gin, fmax(sou, bre)) < fmin(oco, ken));
    assert_true(fmax(oco, ken) < reh);
    assert_true(reh < fmin(sca, tho));
    /* Thomas right of Scalia, as in Martin and Quinn's scores for these
     * terms and in pscl's ideal() below. */
    assert_true(sca < tho);
    /* pscl's Bayesian ideal() on the same votes (posterior means,
     * tools/rollcalls/ideal-reference.R): the same order, r >= 0.97 (ours:
     * 0.98; nine points, Stevens far out on both). Within the blocs the
     * two disagree only inside their posterior spread (Breyer and
     * Ginsburg 0.007 apart with sd 0.06), so no order is asserted there. */
    reference_row rows[9];
    assert_int_equal(load_reference(rows, 9, "ideal-sc9497.csv", s), 9);
    assert_true(reference_corr(rows, 9) >= 0.97);
    sg_scale_free(s);
    sg_corpus_free(c);
}

/* ---- by hand ------------------------------------------------------------ */

/* A perfect Guttman scale: actor k supports proposal j exactly when k > j.
 * Any one-dimensional model classifies every vote, so APRE is 1; the
 * actors keep their order; the midpoint of p<j> lies between a<j> and
 * a<j+1>. */
static void test_scale__perfect_scale(void **state)
{
    (void)state;
    sg_corpus *c;
    assert_int_equal(sg_corpus_new(&c), 0);
    char a[8], p[8];
    for (int k = 0; k < 8; k++)
        for (int j = 0; j < 7; j++) {
            snprintf(a, sizeof a, "a%d", k);
            snprintf(p, sizeof p, "p%d", j);
            spec_stance(c, a, p, k > j ? SG_SUPPORT : SG_OPPOSE, 1);
        }
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, NULL), 0);
    assert_int_equal(s->votes, 56);
    assert_true(fabs(s->classified - 1.0) < 1e-12);
    assert_true(fabs(s->apre - 1.0) < 1e-12);
    /* Default orientation: the first actor, a0, on the positive side. */
    assert_true(s->actor_pos[0] > 0);
    for (int k = 1; k < 8; k++)
        assert_true(s->actor_pos[k] < s->actor_pos[k - 1]);
    for (int j = 0; j < 7; j++) {
        double m = s->proposal_pos[j];
        assert_true(m < s->actor_pos[j] && m > s->actor_pos[j + 1]);
        assert_int_equal(s->proposal_polarity[j], -1);
    }
    sg_scale_free(s);

    /* --anchor a7 turns the axis round. */
    sg_scale_options o;
    sg_scale_options_init(&o);
    o.anchor = "a7";
    assert_int_equal(sg_scale_run(&s, c, NULL, &o), 0);
    assert_true(s->actor_pos[7] > 0 && s->actor_pos[0] < 0);
    assert_int_equal(s->anchor, 7);
    sg_scale_free(s);
    o.anchor = "nobody";
    assert_int_equal(sg_scale_run(&s, c, NULL, &o), SG_EUSAGE);
    assert_null(s);
    sg_corpus_free(c);
}

/* Missing is missing: an actor who skips every vote the others split on
 * along the line, but votes like the right end on the rest, stays at the
 * right end; read as opposition it would land at the left end. */
static void test_scale__missing_is_not_opposition(void **state)
{
    (void)state;
    sg_corpus *c;
    assert_int_equal(sg_corpus_new(&c), 0);
    char a[8], p[8];
    for (int j = 0; j < 7; j++) {
        snprintf(p, sizeof p, "p%d", j);
        for (int k = 0; k < 8; k++) {
            snprintf(a, sizeof a, "a%d", k);
            spec_stance(c, a, p, k > j ? SG_SUPPORT : SG_OPPOSE, 1);
        }
        /* "late" votes only on the odd proposals, like a7. */
        if (j % 2)
            spec_stance(c, "late", p, SG_SUPPORT, 1);
    }
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, NULL), 0);
    double late = dim1_of(s, "late");
    /* a0 positive by default, so the supporters' end is negative. */
    assert_true(late < dim1_of(s, "a4"));
    assert_int_equal(s->actor_votes[actor_index(s, "late")], 3);
    sg_scale_free(s);
    sg_corpus_free(c);
}

/* Lopsided: 1 of 41 on the losing side (2.4%) is skipped, 2 of 41 (4.9%)
 * kept; a unanimous vote is always skipped; --lopsided 0 keeps the first. */
static void test_scale__lopsided(void **state)
{
    (void)state;
    sg_corpus *c;
    assert_int_equal(sg_corpus_new(&c), 0);
    char a[8];
    for (int k = 0; k < 41; k++) {
        snprintf(a, sizeof a, "a%02d", k);
        spec_stance(c, a, "split", k < 20 ? SG_SUPPORT : SG_OPPOSE, 1);
        spec_stance(c, a, "one", k < 40 ? SG_SUPPORT : SG_OPPOSE, 1);
        spec_stance(c, a, "two", k < 39 ? SG_SUPPORT : SG_OPPOSE, 1);
        spec_stance(c, a, "all", SG_SUPPORT, 1);
    }
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, NULL), 0);
    assert_int_equal(s->lopsided, 2);
    assert_int_equal(s->scaled_proposals, 2);
    assert_int_equal(s->proposal_lopsided[1], 1); /* one */
    assert_int_equal(s->proposal_lopsided[2], 0); /* two */
    assert_int_equal(s->proposal_lopsided[3], 1); /* all */
    assert_true(isnan(s->proposal_pos[1]));
    assert_int_equal(s->proposal_yea[1], 40);
    assert_int_equal(s->proposal_nay[1], 1);
    sg_scale_free(s);
    sg_scale_options o;
    sg_scale_options_init(&o);
    o.lopsided = 0;
    assert_int_equal(sg_scale_run(&s, c, NULL, &o), 0);
    assert_int_equal(s->lopsided, 1);
    sg_scale_free(s);
    sg_corpus_free(c);
}

/* Too little to scale is no error: nothing gets a position. */
static void test_scale__nothing_to_scale(void **state)
{
    (void)state;
    sg_corpus *c;
    assert_int_equal(sg_corpus_new(&c), 0);
    spec_add(c, "a:p+ b:p+");
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, NULL), 0);
    assert_int_equal(s->scaled_actors, 0);
    assert_true(isnan(s->actor_pos[0]) && isnan(s->actor_pos[1]));
    assert_int_equal(s->anchor, -1);
    sg_scale_free(s);
    sg_corpus_free(c);
}

/* Two dimensions asked of votes that identify one: dim2 is missing, never
 * rounding noise scaled to unit spread (it was 2.8e+133 on two actors).
 * Two actors always lie on a line; eight actors whose three proposals all
 * cut between the same halves give one pattern of votes (rank 1), so
 * nothing places them on a second axis. dim1 is the one-dimensional fit's,
 * exactly. */
static void test_scale__unidentified_dimension(void **state)
{
    (void)state;
    const char *specs[] = {
        "a:p+ b:p-",
        "a:p+ b:p+ c:p- d:p- e:p+ f:p- g:p+ h:p- "
        "a:q- b:q- c:q+ d:q+ e:q- f:q+ g:q- h:q+ "
        "a:r+ b:r+ c:r- d:r- e:r+ f:r- g:r+",
    };
    for (size_t t = 0; t < 2; t++) {
        sg_corpus *c;
        assert_int_equal(sg_corpus_new(&c), 0);
        spec_add(c, specs[t]);
        sg_scale_options o;
        sg_scale_options_init(&o);
        sg_scale *one, *two;
        assert_int_equal(sg_scale_run(&one, c, NULL, &o), 0);
        o.dimensions = 2;
        assert_int_equal(sg_scale_run(&two, c, NULL, &o), 0);
        assert_int_equal(one->identified, 1);
        assert_int_equal(two->dimensions, 2);
        assert_int_equal(two->identified, 1);
        assert_int_equal(two->scaled_actors, one->scaled_actors);
        for (size_t i = 0; i < two->nactors; i++) {
            assert_true(two->actor_pos[2 * i] == one->actor_pos[i]);
            assert_true(fabs(two->actor_pos[2 * i]) < 3);
            assert_true(isnan(two->actor_pos[2 * i + 1]));
            assert_true(isnan(two->actor_se[2 * i + 1]));
        }
        for (size_t j = 0; j < two->nproposals; j++)
            assert_true(isnan(two->proposal_pos[2 * j + 1]));
        /* The halves apart on dim1: a and its opponent on either side. */
        assert_true(dim1_of(two, "a") * dim1_of(two, t ? "c" : "b") < 0);
        sg_network *net;
        assert_int_equal(sg_network_build(&net, c, NULL), 0);
        assert_int_equal(sg_scale_annotate(net, two), 0);
        const sg_column *d2 = sg_network_column(net, SG_NODES, "dim2");
        assert_non_null(d2);
        assert_true(d2->missing[sg_network_find_node(net, "a")]);
        sg_network_free(net);
        sg_scale_free(one);
        sg_scale_free(two);
        sg_corpus_free(c);
    }
}

/* Scores become node columns dim1/dim2 of a network, by id. */
static void test_scale__annotate(void **state)
{
    (void)state;
    sg_corpus *c;
    double truth[200];
    planted(&c, truth, 2);
    sg_scale_options o;
    sg_scale_options_init(&o);
    o.dimensions = 2;
    sg_scale *s;
    assert_int_equal(sg_scale_run(&s, c, NULL, &o), 0);
    sg_network *net;
    assert_int_equal(sg_network_build(&net, c, NULL), 0);
    assert_int_equal(sg_scale_annotate(net, s), 0);
    const sg_column *d1 = sg_network_column(net, SG_NODES, "dim1");
    const sg_column *d2 = sg_network_column(net, SG_NODES, "dim2");
    assert_non_null(d1);
    assert_non_null(d2);
    long row = sg_network_find_node(net, "a005");
    long k = actor_index(s, "a005");
    assert_false(d1->missing[row]);
    assert_true(d1->num[row] == s->actor_pos[2 * k]);
    assert_true(d2->num[row] == s->actor_pos[2 * k + 1]);
    sg_network_free(net);
    sg_scale_free(s);
    sg_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale__planted_1d),
        cmocka_unit_test(test_scale__planted_2d),
        cmocka_unit_test(test_scale__senate_matches_pscl_ideal),
        cmocka_unit_test(test_scale__supreme_court_order),
        cmocka_unit_test(test_scale__perfect_scale),
        cmocka_unit_test(test_scale__missing_is_not_opposition),
        cmocka_unit_test(test_scale__lopsided),
        cmocka_unit_test(test_scale__nothing_to_scale),
        cmocka_unit_test(test_scale__unidentified_dimension),
        cmocka_unit_test(test_scale__annotate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
