/* Coalition names from their most telling proposal, and the strongest-ties
 * selection that bounds drawings. Expected values worked out by hand. */
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

static sg_analysis *analyse(const char *file)
{
    char path[1024];
    const char *data = getenv("SG_TEST_DATA");
    snprintf(path, sizeof path, "%s/%s", data ? data : "tests/data", file);
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load(&c, path, NULL, NULL), 0);
    sg_analysis *a = NULL;
    assert_int_equal(sg_analysis_run(&a, c, NULL, NULL), 0);
    sg_corpus_free(c);
    return a;
}

/* two-camps: {ana, ben, clara} support tram, levy and bikes and oppose
 * the road (clara has no position on it); {dan, eva} take the opposite
 * positions and finn sides with them except on the tram. For the first
 * camp: tram |1| x |1 - (-1/3)| = 4/3, levy and bikes 1 x |1 - (-1)| = 2,
 * road 2/3 x |-2/3 - 1| = 10/9: levy, the earlier of the two best. The
 * second camp mirrors it: against the levy. */
static void test_naming__two_camps(void **state)
{
    (void)state;
    sg_analysis *a = analyse("analysis/two-camps.json");
    assert_int_equal(a->ncoalitions, 2);
    char b0[64], b1[64], *out[2] = {b0, b1};
    assert_int_equal(sg_coalition_names(out, 2, sizeof b0, a), 0);
    int first = strcmp(b0, "For Parking levy, to fund the tram") == 0;
    assert_string_equal(first ? b0 : b1, "For Parking levy, to fund the tram");
    assert_string_equal(first ? b1 : b0,
                        "Against Parking levy, to fund the tram");
    /* A short buffer cuts the label with an ellipsis. */
    char s0[24], s1[24], *cut[2] = {s0, s1};
    assert_int_equal(sg_coalition_names(cut, 2, sizeof s0, a), 0);
    assert_string_equal(first ? s0 : s1, "For Parking levy, to\xE2\x80\xA6");
    sg_analysis_free(a);
}

/* The same camps' stands ordered by the same score: the first camp backs
 * levy and bikes (2, tied: input order), then the tram (4/3, finn alone
 * of the three others with them), and opposes the road (10/9; clara takes
 * no position, so two members). The second camp supports the road (1 x
 * |1 + 2/3| = 5/3) and opposes levy and bikes (2). */
static void test_naming__stands(void **state)
{
    (void)state;
    sg_analysis *a = analyse("analysis/two-camps.json");
    assert_int_equal(a->ncoalitions, 2);
    size_t first = strcmp(a->stances->node_id[a->coalitions[0].members[0]],
                          "ana") == 0 ? 0 : 1;
    const sg_coalition *c1 = &a->coalitions[first], *c2 =
                                                    &a->coalitions[1 - first];
    assert_int_equal(c1->nsupports, 3);
    assert_int_equal(c1->nopposes, 1);
    sg_stand sup[3], opp[3];
    assert_int_equal(sg_coalition_stands(sup, opp, a, first), 0);
    const char *want[] = {"levy", "bikes", "tram"};
    const double score[] = {2, 2, 4.0 / 3};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(a->stances->node_id[sup[i].node], want[i]);
        assert_true(fabs(sup[i].score - score[i]) < 1e-12);
        assert_int_equal(sup[i].members, 3);
        assert_int_equal(sup[i].rest_actors, 3);
        assert_int_equal(sup[i].against, 0);
        assert_int_equal(c1->supports[sup[i].index], sup[i].node);
    }
    assert_int_equal(sup[0].rest, 0);
    assert_int_equal(sup[2].rest, 1);
    assert_string_equal(a->stances->node_id[opp[0].node], "road");
    assert_int_equal(opp[0].members, 2);
    assert_int_equal(opp[0].rest, 0);
    assert_int_equal(opp[0].against, 1);
    assert_true(fabs(opp[0].score - 10.0 / 9) < 1e-12);

    assert_int_equal(c2->nsupports, 1);
    assert_int_equal(c2->nopposes, 2);
    assert_int_equal(sg_coalition_stands(sup, opp, a, 1 - first), 0);
    assert_string_equal(a->stances->node_id[sup[0].node], "road");
    assert_true(fabs(sup[0].score - 5.0 / 3) < 1e-12);
    assert_string_equal(a->stances->node_id[opp[0].node], "levy");
    assert_string_equal(a->stances->node_id[opp[1].node], "bikes");
    sg_analysis_free(a);
}

/* A star a-b (net 3), a-c (-2), a-d (1), and c-d (0.5): with k = 1, a
 * keeps a-b, b keeps a-b, c keeps a-c (|-2|), d keeps a-d (1 > 0.5); c-d
 * goes. Positive ties only: c's and d's best positive tie is c-d or a-d. */
static void test_naming__strongest_ties(void **state)
{
    (void)state;
    sg_network *net = NULL;
    assert_int_equal(sg_network_new(&net, SG_NET_ACTORS), 0);
    const char *ids[] = {"a", "b", "c", "d"};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(sg_network_add_node(net, ids[i], SG_ACTOR, NULL), 0);
    assert_int_equal(sg_network_add_edge(net, 0, 1, 3, 3, NULL), 0);
    assert_int_equal(sg_network_add_edge(net, 0, 2, 2, -2, NULL), 0);
    assert_int_equal(sg_network_add_edge(net, 0, 3, 1, 1, NULL), 0);
    assert_int_equal(sg_network_add_edge(net, 2, 3, 0.5, 0.5, NULL), 0);
    sg_column *col;
    assert_int_equal(sg_network_add_column(&col, net, SG_EDGES, "tag",
                                           SG_COL_STRING), 0);
    for (size_t e = 0; e < 4; e++)
        assert_int_equal(sg_column_set_string(net, col, e, ids[e]), 0);
    unsigned char keep[4];
    assert_int_equal(sg_network_strongest_ties(keep, net, 1, 0), 0);
    assert_memory_equal(keep, ((unsigned char[]){1, 1, 1, 0}), 4);
    /* Positive only: a keeps a-b; c keeps c-d; d keeps a-d. */
    assert_int_equal(sg_network_strongest_ties(keep, net, 1, 1), 0);
    assert_memory_equal(keep, ((unsigned char[]){1, 0, 1, 1}), 4);
    sg_network_keep_edges(net, keep);
    assert_int_equal(net->nedges, 3);
    assert_int_equal(net->edge_to[1], 3);
    assert_true(net->net[1] == 1 && net->weight[2] == 0.5);
    assert_string_equal(net->edge_cols[0].str[1], "c");
    assert_string_equal(net->edge_cols[0].str[2], "d");
    /* The pair table follows: a-c is gone, a-d is still a duplicate. */
    assert_int_equal(sg_network_add_edge(net, 0, 2, 1, 1, NULL), 0);
    assert_int_equal(sg_network_add_edge(net, 0, 3, 1, 1, NULL), SG_EINVALID);
    sg_network_free(net);
}

/* Names the analyst gives: by number or by a member's id; the same name
 * twice is fine, two names for one coalition, a number beyond the two
 * coalitions, a proposal's id, an unknown key and a spec without a name
 * are refused with a message naming the spec. */
static void test_naming__labels(void **state)
{
    (void)state;
    sg_analysis *a = analyse("analysis/two-camps.json");
    assert_int_equal(a->ncoalitions, 2);
    long ana = sg_network_find_node(a->stances, "ana");
    long dan = sg_network_find_node(a->stances, "dan");
    assert_true(ana >= 0 && dan >= 0);
    size_t ca = (size_t)a->membership[ana], cd = (size_t)a->membership[dan];
    assert_true(ca != cd);
    const char *out[2];
    const char *by_member[] = {"ana=Tram camp", "dan=Road camp",
                               "clara=Tram camp"};
    assert_int_equal(sg_coalition_labels(out, a, by_member, 3), 0);
    assert_string_equal(out[ca], "Tram camp");
    assert_string_equal(out[cd], "Road camp");
    char one[32];
    snprintf(one, sizeof one, "%zu=A = B", cd + 1);
    const char *by_number[] = {one};
    assert_int_equal(sg_coalition_labels(out, a, by_number, 1), 0);
    assert_null(out[ca]);
    assert_string_equal(out[cd], "A = B");
    static const struct {
        const char *spec[2];
        const char *message;
    } bad[] = {
        {{"ana=X", "ben=Y"}, "named twice: \"X\" and \"Y\""},
        {{"3=X", NULL}, "\"3=X\": there are 2 coalitions"},
        {{"0=X", NULL}, "\"0=X\": there are 2 coalitions"},
        {{"tram=X", NULL}, "no coalition tram and no actor"},
        {{"zed=X", NULL}, "no actor with the id \"zed\""},
        {{"ana", NULL}, "\"ana\": expected KEY=NAME"},
        {{"ana=", NULL}, "expected KEY=NAME"},
        {{"=X", NULL}, "expected KEY=NAME"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        size_t n = bad[i].spec[1] ? 2 : 1;
        assert_int_equal(sg_coalition_labels(out, a, bad[i].spec, n),
                         SG_EUSAGE);
        if (!strstr(sg_error_last(), bad[i].message))
            fail_msg("%s: %s", bad[i].message, sg_error_last());
    }
    sg_analysis_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_naming__two_camps),
        cmocka_unit_test(test_naming__stands),
        cmocka_unit_test(test_naming__strongest_ties),
        cmocka_unit_test(test_naming__labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
