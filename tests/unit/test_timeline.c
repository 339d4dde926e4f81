/* Time windows: DNA's window layout on DNA's own sample (rDNA's tests),
 * kernel values, calendar months, statement windows, camps that keep their
 * number, and phases. Expected values are worked out in the comments. */
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

static int32_t day(const char *s)
{
    int32_t d;
    assert_int_equal(sg_date_parse(&d, s, 0), 0);
    return d;
}

static sg_timeline *run(const sg_corpus *c, const sg_network_options *no,
                        const char *window, const char *step, sg_kernel k,
                        int indent)
{
    sg_timeline_options o;
    sg_timeline_options_init(&o);
    assert_int_equal(sg_span_parse(&o.window, window), 0);
    if (step)
        assert_int_equal(sg_span_parse(&o.step, step), 0);
    o.kernel = k;
    o.indent = indent;
    sg_timeline *t = NULL;
    int rc = sg_timeline_run(&t, c, no, NULL, &o);
    if (rc)
        fail_msg("timeline: %s", sg_error_last());
    return t;
}

/* rDNA's test-polarization.R: dna_polarization(timeWindow = "days",
 * windowSize = 8, kernel = "gaussian") on the sample gives 22 windows: one
 * per day from 2005-01-26 to 2005-02-16. The uniform kernel lays out the
 * same windows; an 8-day window covers the dates within 4 days of its
 * middle, clamped to the period. With indent the middles run from 4 days
 * after the first date to 4 days before the last: 22 - 8 = 14. */
static void test_timeline__dna_sample_22_windows(void **state)
{
    (void)state;
    sg_corpus *c = spec_dna_sample();
    sg_timeline *t = run(c, NULL, "8d", "1d", SG_KERNEL_GAUSSIAN, 0);
    assert_int_equal(t->nwindows, 22);
    assert_int_equal(t->windows[0].middle, day("2005-01-26"));
    assert_int_equal(t->windows[21].middle, day("2005-02-16"));
    /* The Gaussian weighs every statement in every window. */
    assert_int_equal(t->windows[0].statements, 40);
    sg_timeline_free(t);

    t = run(c, NULL, "8d", NULL, SG_KERNEL_UNIFORM, 0);
    assert_int_equal(t->nwindows, 22);
    /* Window 4 (middle 01-29) reaches 02-02: the 4 statements of 01-26
     * and the 16 of 02-02, each weighing 1/2. */
    assert_int_equal(t->windows[3].start, day("2005-01-26"));
    assert_int_equal(t->windows[3].end, day("2005-02-02"));
    assert_int_equal(t->windows[3].statements, 20);
    assert_true(fabs(t->windows[3].weight - 10) < 1e-12);
    /* Window 13 (middle 02-07, 02-03..02-11) holds only 02-10's 4. */
    assert_int_equal(t->windows[12].statements, 4);
    sg_timeline_free(t);

    t = run(c, NULL, "8d", NULL, SG_KERNEL_UNIFORM, 1);
    assert_int_equal(t->nwindows, 14);
    assert_int_equal(t->windows[0].middle, day("2005-01-30"));
    assert_int_equal(t->windows[13].middle, day("2005-02-12"));
    sg_timeline_free(t);
    sg_corpus_free(c);
}

/* A uniform window wider than the whole period weighs every statement 1/2
 * in every window, which scales both of DNA's networks alike: every window
 * has the static polarization, which on the sample (statement counts,
 * average normalisation, DNA's weighting) is rDNA's 0.5342493. */
static void test_timeline__wide_uniform_window_is_static(void **state)
{
    (void)state;
    sg_corpus *c = spec_dna_sample();
    sg_network_options no;
    sg_network_options_init(&no);
    no.count = SG_COUNT_STATEMENTS;
    no.normalize = SG_NORM_AVERAGE;
    sg_polarization *p = NULL;
    assert_int_equal(sg_polarization_compute(&p, c, &no, NULL), 0);
    assert_true(fabs(p->score - 0.5342493) < 1e-6);
    sg_analysis *a = NULL;
    assert_int_equal(sg_analysis_run(&a, c, &no, NULL), 0);
    sg_timeline *t = run(c, &no, "60d", "1d", SG_KERNEL_UNIFORM, 0);
    assert_int_equal(t->nwindows, 22);
    for (size_t w = 0; w < t->nwindows; w++) {
        const sg_window *x = &t->windows[w];
        assert_int_equal(x->statements, 40);
        assert_true(fabs(x->polarization - p->score) < 1e-9);
        assert_true(fabs(x->modularity - a->graph.modularity) < 1e-9);
        assert_int_equal(x->positive, a->graph.positive);
        assert_int_equal(x->negative, a->graph.negative);
        assert_int_equal(x->coalitions, a->ncoalitions);
        assert_int_equal(x->moved, 0);
    }
    sg_timeline_free(t);
    sg_analysis_free(a);
    sg_polarization_free(p);
    sg_corpus_free(c);
}

/* Kernels at u = 0, 1/2, 1 and beyond: uniform 1/2; triangular 1 - |u|;
 * Epanechnikov 3/4 (1 - u^2); Gaussian 1/sqrt(2 pi) e^(-u^2/2). */
static void test_timeline__kernels(void **state)
{
    (void)state;
    assert_true(sg_kernel_weight(SG_KERNEL_UNIFORM, 0) == 0.5);
    assert_true(sg_kernel_weight(SG_KERNEL_UNIFORM, -1) == 0.5);
    assert_true(sg_kernel_weight(SG_KERNEL_UNIFORM, 1.01) == 0);
    assert_true(sg_kernel_weight(SG_KERNEL_TRIANGULAR, -0.5) == 0.5);
    assert_true(sg_kernel_weight(SG_KERNEL_TRIANGULAR, 0.5) == 0.5);
    assert_true(sg_kernel_weight(SG_KERNEL_EPANECHNIKOV, 0.5) == 0.5625);
    assert_true(sg_kernel_weight(SG_KERNEL_EPANECHNIKOV, -0.5) == 0.5625);
    assert_true(sg_kernel_weight(SG_KERNEL_EPANECHNIKOV, 2) == 0);
    assert_true(fabs(sg_kernel_weight(SG_KERNEL_GAUSSIAN, 0) - 0.3989423) <
                1e-7);
    assert_true(fabs(sg_kernel_weight(SG_KERNEL_GAUSSIAN, 2) - 0.0539910) <
                1e-7);
    sg_kernel k;
    assert_int_equal(sg_kernel_parse(&k, "epanechnikov"), 0);
    assert_int_equal(k, SG_KERNEL_EPANECHNIKOV);
    assert_int_equal(sg_kernel_parse(&k, "box"), SG_EUSAGE);
    sg_span s;
    assert_int_equal(sg_span_parse(&s, "30d"), 0);
    assert_int_equal(s.n, 30);
    assert_int_equal(s.unit, SG_SPAN_DAYS);
    assert_int_equal(sg_span_parse(&s, "2w"), 0);
    assert_int_equal(s.unit, SG_SPAN_WEEKS);
    assert_int_equal(sg_span_parse(&s, "25"), 0);
    assert_int_equal(s.unit, SG_SPAN_STATEMENTS);
    assert_int_equal(sg_span_parse(&s, "0d"), SG_EUSAGE);
    assert_int_equal(sg_span_parse(&s, "3x"), SG_EUSAGE);
    assert_int_equal(sg_span_parse(&s, "-3d"), SG_EUSAGE);
    assert_int_equal(sg_span_parse(&s, "d"), SG_EUSAGE);
}

static void dated(sg_corpus *c, const char *actor, const char *proposal,
                  int position, const char *date)
{
    spec_stance(c, actor, proposal, position, 1);
    ((sg_stance *)c->stances)[c->nstances - 1].date = day(date);
}

/* Calendar months step from the first date with the day clamped as
 * java.time does: 01-31, 02-29 (2024 is a leap year), 03-31, 04-30. A
 * 2-month window holds the dates within one month of its middle. */
static void test_timeline__months(void **state)
{
    (void)state;
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_new(&c), 0);
    dated(c, "a", "p", SG_SUPPORT, "2024-01-31");
    dated(c, "b", "p", SG_SUPPORT, "2024-03-15");
    dated(c, "a", "q", SG_OPPOSE, "2024-04-30");
    sg_timeline *t = run(c, NULL, "2m", "1m", SG_KERNEL_UNIFORM, 0);
    assert_int_equal(t->nwindows, 4);
    assert_int_equal(t->windows[0].middle, day("2024-01-31"));
    assert_int_equal(t->windows[1].middle, day("2024-02-29"));
    assert_int_equal(t->windows[2].middle, day("2024-03-31"));
    assert_int_equal(t->windows[3].middle, day("2024-04-30"));
    /* Middle 02-29: 01-29 .. 03-29 holds 01-31 and 03-15. */
    assert_int_equal(t->windows[1].start, day("2024-01-31"));
    assert_int_equal(t->windows[1].end, day("2024-03-29"));
    assert_int_equal(t->windows[1].statements, 2);
    /* Middle 03-31: 02-29 .. 04-30 holds 03-15 and 04-30. */
    assert_int_equal(t->windows[2].statements, 2);
    assert_int_equal(t->windows[0].statements, 1);
    sg_timeline_free(t);

    /* Weeks are 7 days: a 2-week window holds 7 days either side. */
    t = run(c, NULL, "2w", "1w", SG_KERNEL_UNIFORM, 0);
    assert_int_equal(t->windows[1].middle, day("2024-02-07"));
    assert_int_equal(t->windows[1].start, day("2024-01-31"));
    assert_int_equal(t->windows[1].end, day("2024-02-14"));
    sg_timeline_free(t);

    /* Mixing a statement step with a time window is a usage error. */
    sg_timeline_options o;
    sg_timeline_options_init(&o);
    assert_int_equal(sg_span_parse(&o.window, "2m"), 0);
    assert_int_equal(sg_span_parse(&o.step, "3"), 0);
    assert_int_equal(sg_timeline_run(&t, c, NULL, NULL, &o), SG_EUSAGE);
    assert_int_equal(sg_span_parse(&o.step, "7d"), 0);
    assert_int_equal(sg_timeline_run(&t, c, NULL, NULL, &o), SG_EUSAGE);
    assert_null(t);
    sg_corpus_free(c);
}

/* Statement windows on the sample (40 statements in date order): a window
 * of 10 holds the statements within 5 positions of its middle. Middles at
 * positions 0, 5, ..., 35: 8 windows; the first holds positions 0..5 (6),
 * the second 0..10 (11), the last 30..39 (10). With indent the middles run from 5 to 34. */
static void test_timeline__statement_windows(void **state)
{
    (void)state;
    sg_corpus *c = spec_dna_sample();
    sg_timeline *t = run(c, NULL, "10", "5", SG_KERNEL_UNIFORM, 0);
    assert_int_equal(t->nwindows, 8);
    assert_int_equal(t->windows[0].statements, 6);
    assert_int_equal(t->windows[1].statements, 11);
    assert_int_equal(t->windows[7].statements, 10); /* 30..39 */
    sg_timeline_free(t);
    t = run(c, NULL, "10", "5", SG_KERNEL_UNIFORM, 1);
    assert_int_equal(t->nwindows, 6); /* 5, 10, ..., 30 */
    for (size_t w = 0; w < t->nwindows; w++)
        assert_int_equal(t->windows[w].statements, 11);
    sg_timeline_free(t);
    sg_corpus_free(c);
}

/* Two camps, {a1 a2 a3} and {b1 b2 b3}, agree within and clash across on
 * day 1; on day 20 the same, except that a1 now sides with the b's. With
 * 1-day windows stepped by 19 days the camps keep their numbers and a1 is
 * the one actor that moved; two phases split there. */
static void test_timeline__camps_keep_numbers(void **state)
{
    (void)state;
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_new(&c), 0);
    const char *a[] = {"a1", "a2", "a3"}, *b[] = {"b1", "b2", "b3"};
    const char *props[] = {"p", "q", "r"};
    for (int k = 0; k < 3; k++)
        for (int i = 0; i < 3; i++) {
            dated(c, a[i], props[k], SG_SUPPORT, "2024-01-01");
            dated(c, b[i], props[k], SG_OPPOSE, "2024-01-01");
            dated(c, a[i], props[k], i == 0 ? SG_OPPOSE : SG_SUPPORT,
                  "2024-01-20");
            dated(c, b[i], props[k], SG_OPPOSE, "2024-01-20");
        }
    sg_timeline_options o;
    sg_timeline_options_init(&o);
    assert_int_equal(sg_span_parse(&o.window, "1d"), 0);
    assert_int_equal(sg_span_parse(&o.step, "19d"), 0);
    o.phases = 2;
    sg_timeline *t = NULL;
    assert_int_equal(sg_timeline_run(&t, c, NULL, NULL, &o), 0);
    assert_int_equal(t->nwindows, 2);
    assert_int_equal(t->ncamps, 2);
    size_t n = t->nactors;
    /* actor_id in corpus order: a1 b1 a2 b2 a3 b3. */
    assert_string_equal(t->actor_id[0], "a1");
    uint32_t ca = t->camp[2], cb = t->camp[1]; /* a2, b1 in window 1 */
    assert_true(ca != cb && ca && cb);
    assert_int_equal(t->camp[0], ca);        /* a1 with the a's */
    assert_int_equal(t->camp[n + 2], ca);    /* a2 keeps its camp */
    assert_int_equal(t->camp[n + 1], cb);    /* b1 keeps its camp */
    assert_int_equal(t->camp[n + 0], cb);    /* a1 joined the b's */
    assert_int_equal(t->windows[1].moved, 1);
    /* Phases: one window each; a1's tie to each b turned positive and to
     * each other a negative: 5 ties changed sign (lost and gained). */
    assert_int_equal(t->nphases, 2);
    assert_int_equal(t->phases[1].first, 1);
    assert_int_equal(t->phases[1].nmoved, 1);
    assert_int_equal(t->phases[1].moved[0], 0);
    assert_int_equal(t->phases[1].gained, 5);
    assert_int_equal(t->phases[1].lost, 5);
    sg_timeline_free(t);

    /* Time windows need dates. */
    sg_corpus *u = spec_corpus("a:p+ b:p-");
    assert_int_equal(sg_timeline_run(&t, u, NULL, NULL, &o), SG_EINVALID);
    sg_corpus_free(u);
    sg_corpus_free(c);
}

/* no_ties leaves the recorded network empty and every window as it was.
 * On DNA's sample with 8-day windows, window 4 (01-26..02-02) holds three
 * organisations (Energy and Environmental Analysis, the Senate, the EPA),
 * and each pair has said "CO2 legislation will not hurt the economy" with
 * the same agreement: 3 actor ties recorded when asked, none without; the
 * windows' figures and camps match. Phases read the ties, so asking for both is
 * a usage error. */
static void test_timeline__no_ties(void **state)
{
    (void)state;
    sg_corpus *c = spec_dna_sample();
    sg_timeline_options o;
    sg_timeline_options_init(&o);
    assert_int_equal(sg_span_parse(&o.window, "8d"), 0);
    sg_timeline *with = NULL, *without = NULL;
    assert_int_equal(sg_timeline_run(&with, c, NULL, NULL, &o), 0);
    o.no_ties = 1;
    assert_int_equal(sg_timeline_run(&without, c, NULL, NULL, &o), 0);
    assert_int_equal(with->nwindows, 22);
    assert_int_equal(without->nwindows, 22);
    size_t w = 3;
    assert_int_equal(with->tie_start[w + 1] - with->tie_start[w],
                     with->windows[w].positive + with->windows[w].negative);
    assert_int_equal(with->tie_start[w + 1] - with->tie_start[w], 3);
    assert_int_equal(without->nnodes, 0);
    assert_int_equal(without->tie_start[without->nwindows], 0);
    for (size_t i = 0; i < with->nwindows; i++) {
        assert_int_equal(with->windows[i].coalitions,
                         without->windows[i].coalitions);
        assert_int_equal(with->windows[i].positive,
                         without->windows[i].positive);
    }
    assert_memory_equal(with->camp, without->camp,
                        with->nwindows * with->nactors * sizeof *with->camp);
    o.phases = 2;
    sg_timeline *none = NULL;
    assert_int_equal(sg_timeline_run(&none, c, NULL, NULL, &o), SG_EUSAGE);
    assert_null(none);
    sg_timeline_free(with);
    sg_timeline_free(without);
    sg_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeline__dna_sample_22_windows),
        cmocka_unit_test(test_timeline__wide_uniform_window_is_static),
        cmocka_unit_test(test_timeline__kernels),
        cmocka_unit_test(test_timeline__months),
        cmocka_unit_test(test_timeline__statement_windows),
        cmocka_unit_test(test_timeline__camps_keep_numbers),
        cmocka_unit_test(test_timeline__no_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
