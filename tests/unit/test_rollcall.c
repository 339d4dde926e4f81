/* Unit tests of the roll-call measures against a small roll call worked
 * by hand (party unity, Rice, Hix-Noury-Roland agreement, splits). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "stancegraph.h"
#include "corpus_spec.h"

static void member(sg_corpus *c, const char *id, const char *group)
{
    sg_entity e = {0};
    e.id = id;
    e.group = group;
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, NULL), 0);
}

/* Four D, three R, one independent (a group of one), six votes:
 *          d1 d2 d3 d4 | r1 r2 r3 | i1   D maj  R maj  party vote
 *   p1     +  +  +  +  | -  -  -  | +    yea    nay    yes
 *   p2     +  +  -  +  | -  -  +  | -    yea    nay    yes (d3, r3 defect)
 *   p3     +  +  +  +  | +  +  -  |      yea    yea    no
 *   p4     +  -     -  | -  +  -  | +    nay    nay    no
 *   p5     -  -  -  -  | +  +     | -    nay    yea    yes (r3 absent)
 *   p6     +  +  -  -  | +  +  +  |      tie    yea    no: D has no majority
 * Unity: d3 2/3, r3 1/2 (one party vote missed), the others 1; i1 has no
 * group majority of its own (a group of one), so no score. */
static sg_corpus *hand_corpus(void)
{
    sg_corpus *c;
    assert_int_equal(sg_corpus_new(&c), 0);
    member(c, "d1", "D");
    member(c, "d2", "D");
    member(c, "d3", "D");
    member(c, "d4", "D");
    member(c, "r1", "R");
    member(c, "r2", "R");
    member(c, "r3", "R");
    member(c, "i1", "I");
    spec_add(c, "d1:p1+ d2:p1+ d3:p1+ d4:p1+ r1:p1- r2:p1- r3:p1- i1:p1+");
    spec_add(c, "d1:p2+ d2:p2+ d3:p2- d4:p2+ r1:p2- r2:p2- r3:p2+ i1:p2-");
    spec_add(c, "d1:p3+ d2:p3+ d3:p3+ d4:p3+ r1:p3+ r2:p3+ r3:p3-");
    spec_add(c, "d1:p4+ d2:p4- d4:p4- r1:p4- r2:p4+ r3:p4- i1:p4+");
    spec_add(c, "d1:p5- d2:p5- d3:p5- d4:p5- r1:p5+ r2:p5+ i1:p5-");
    spec_add(c, "d1:p6+ d2:p6+ d3:p6- d4:p6- r1:p6+ r2:p6+ r3:p6+");
    return c;
}

static long find(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(ids[i], id) == 0)
            return (long)i;
    fail_msg("no %s", id);
    return -1;
}

static void test_rollcall__hand(void **state)
{
    (void)state;
    sg_corpus *c = hand_corpus();
    sg_rollcall *r;
    assert_int_equal(sg_rollcall_run(&r, c, NULL, NULL), 0);
    assert_int_equal(r->ngroups, 3);
    assert_int_equal(r->party_votes, 3);
    static const struct {
        const char *id;
        double unity;
        size_t votes;
    } want[] = {{"d1", 1, 3},      {"d2", 1, 3}, {"d3", 2.0 / 3, 3},
                {"d4", 1, 3},      {"r1", 1, 3}, {"r2", 1, 3},
                {"r3", 0.5, 2}};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        long i = find(r->actor_id, r->nactors, want[k].id);
        assert_true(fabs(r->unity[i] - want[k].unity) < 1e-12);
        assert_int_equal(r->unity_votes[i], want[k].votes);
    }
    long i1 = find(r->actor_id, r->nactors, "i1");
    assert_true(isnan(r->unity[i1]));
    assert_int_equal(r->unity_votes[i1], 0);

    long d = find(r->group, r->ngroups, "D"), rep = find(r->group, r->ngroups, "R");
    long p2 = find(r->proposal_id, r->nproposals, "p2");
    long p6 = find(r->proposal_id, r->nproposals, "p6");
    size_t np = r->nproposals;
    assert_int_equal(r->party_vote[p2], 1);
    assert_int_equal(r->party_vote[p6], 0);
    /* Rice: D 3-1 on p2 is 0.5, D 2-2 on p6 is 0. */
    assert_true(fabs(r->rice[d * np + p2] - 0.5) < 1e-12);
    assert_true(fabs(r->rice[d * np + p6]) < 1e-12);
    /* Agreement index, per vote (max - (T - max) / 2) / T:
     * D: 1, 0.625, 1, 0.5, 1, 0.25 -> 4.375 / 6; R: 1, .5, .5, .5, 1, 1. */
    assert_true(fabs(r->agreement[d] - 4.375 / 6) < 1e-12);
    assert_true(fabs(r->agreement[rep] - 4.5 / 6) < 1e-12);
    /* Split: the losing side holds at least 2 votes and a quarter. */
    assert_int_equal(r->splits[d], 1);
    assert_int_equal(r->splits[rep], 0);
    sg_rollcall_free(r);

    /* unity as a node column, by id. */
    sg_network *net;
    assert_int_equal(sg_rollcall_run(&r, c, NULL, NULL), 0);
    assert_int_equal(sg_network_build(&net, c, NULL), 0);
    assert_int_equal(sg_rollcall_annotate(net, r), 0);
    const sg_column *u = sg_network_column(net, SG_NODES, "unity");
    assert_non_null(u);
    long row = sg_network_find_node(net, "d3");
    assert_true(fabs(u->num[row] - 2.0 / 3) < 1e-12);
    assert_true(u->missing[sg_network_find_node(net, "i1")]);
    assert_true(u->missing[sg_network_find_node(net, "p1")]);
    sg_network_free(net);
    sg_rollcall_free(r);
    sg_corpus_free(c);
}

/* Grouping by an attribute instead of the group; an unknown one is a
 * usage error. */
static void test_rollcall__group_column(void **state)
{
    (void)state;
    sg_corpus *c = hand_corpus();
    sg_value v = {SG_VALUE_STRING, "X", 0};
    sg_value w = {SG_VALUE_STRING, "Y", 0};
    for (size_t i = 0; i < c->nactors; i++)
        assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, i, "bloc",
                                            c->actors[i].id[0] == 'r' ? &w : &v),
                         0);
    sg_rollcall *r;
    assert_int_equal(sg_rollcall_run(&r, c, NULL, "bloc"), 0);
    assert_int_equal(r->ngroups, 2);
    sg_rollcall_free(r);
    assert_int_equal(sg_rollcall_run(&r, c, NULL, "nope"), SG_EUSAGE);
    assert_null(r);
    sg_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rollcall__hand),
        cmocka_unit_test(test_rollcall__group_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
