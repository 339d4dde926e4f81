/* Test helpers shared by test_network.c and test_analysis.c: corpora
 * written as compact specs, and lookups in networks. Include after
 * <cmocka.h> and "stancegraph.h". */
#ifndef SG_TEST_CORPUS_SPEC_H
#define SG_TEST_CORPUS_SPEC_H

/* Not every test file uses every helper. */
#define SPEC_HELPER __attribute__((unused))

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Index of the actor or proposal `id`, added on first use. */
static SPEC_HELPER size_t spec_entity(sg_corpus *c, sg_node_kind kind,
                                      const char *id)
{
    sg_node_kind k;
    size_t i;
    if (sg_corpus_find(c, id, &k, &i) == 0) {
        assert_int_equal(k, kind);
        return i;
    }
    sg_entity e = {0};
    e.id = id;
    assert_int_equal(sg_corpus_add_entity(c, kind, &e, &i), 0);
    return i;
}

static SPEC_HELPER void spec_stance(sg_corpus *c, const char *actor,
                                    const char *proposal, int position,
                                    double weight)
{
    sg_stance s = {0};
    s.actor = (uint32_t)spec_entity(c, SG_ACTOR, actor);
    s.proposal = (uint32_t)spec_entity(c, SG_PROPOSAL, proposal);
    s.position = (int8_t)position;
    s.date = SG_NO_DATE;
    s.source = SG_NO_SOURCE;
    s.weight = weight;
    assert_int_equal(sg_corpus_add_stance(c, &s), 0);
}

/* Add stances written "actor:proposal+" (support) or "actor:proposal-"
 * (oppose), separated by spaces; entities appear in order of first use. */
static SPEC_HELPER void spec_add(sg_corpus *c, const char *spec)
{
    char tok[128];
    while (*spec) {
        while (*spec == ' ')
            spec++;
        size_t n = strcspn(spec, " ");
        if (!n)
            break;
        assert_true(n < sizeof tok);
        memcpy(tok, spec, n);
        tok[n] = '\0';
        spec += n;
        char sign = tok[n - 1];
        assert_true(sign == '+' || sign == '-');
        tok[n - 1] = '\0';
        char *colon = strchr(tok, ':');
        assert_non_null(colon);
        *colon = '\0';
        spec_stance(c, tok, colon + 1, sign == '+' ? SG_SUPPORT : SG_OPPOSE, 1);
    }
}

static SPEC_HELPER sg_corpus *spec_corpus(const char *spec)
{
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_new(&c), 0);
    spec_add(c, spec);
    return c;
}

/* Edge between the nodes with these ids, or -1. */
static SPEC_HELPER long spec_edge(const sg_network *net, const char *a,
                                  const char *b)
{
    long x = sg_network_find_node(net, a), y = sg_network_find_node(net, b);
    assert_true(x >= 0 && y >= 0);
    for (size_t e = 0; e < net->nedges; e++)
        if ((net->edge_from[e] == x && net->edge_to[e] == y) ||
            (net->edge_from[e] == y && net->edge_to[e] == x))
            return (long)e;
    return -1;
}

static SPEC_HELPER double spec_num(const sg_network *net, sg_table t,
                                   const char *col, size_t row)
{
    const sg_column *c = sg_network_column(net, t, col);
    assert_non_null(c);
    assert_int_not_equal(c->type, SG_COL_STRING);
    assert_false(c->missing[row]);
    return c->num[row];
}

static SPEC_HELPER const char *spec_str(const sg_network *net, sg_table t,
                                        const char *col, size_t row)
{
    const sg_column *c = sg_network_column(net, t, col);
    assert_non_null(c);
    assert_int_equal(c->type, SG_COL_STRING);
    return c->str[row];
}

/* Node metric of `id` (must be present). */
static SPEC_HELPER double spec_node_num(const sg_network *net, const char *id,
                                        const char *col)
{
    long i = sg_network_find_node(net, id);
    assert_true(i >= 0);
    return spec_num(net, SG_NODES, col, (size_t)i);
}

#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* The two camps used across the tests: a1..a3 back p1-p3 and oppose p4
 * (a3 silent on p4); b1, b2 the reverse; b3 like b1 but supports p1. */
#define TWO_CAMPS                                                              \
    "a1:p1+ a1:p2+ a1:p3+ a1:p4- a2:p1+ a2:p2+ a2:p3+ a2:p4- "                 \
    "a3:p1+ a3:p2+ a3:p3+ "                                                    \
    "b1:p1- b1:p2- b1:p3- b1:p4+ b2:p1- b2:p2- b2:p3- b2:p4+ "                 \
    "b3:p1+ b3:p2- b3:p3- b3:p4+"

/* The actor network of `c` under `base` and one tie rule. */
static SPEC_HELPER sg_network *spec_actor_network(const sg_corpus *c,
                                                  const sg_network_options *base,
                                                  sg_tie_mode tie)
{
    sg_network_options o = *base;
    o.kind = SG_NET_ACTORS;
    o.tie = tie;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, c, &o), 0);
    assert_non_null(net);
    return net;
}

/* DNA's sample (organization x concept), from the copy of its statement
 * export in tests/data/load, or from $SG_DNA_SAMPLE. */
static SPEC_HELPER sg_corpus *spec_dna_sample(void)
{
    char path[4096];
    const char *env = getenv("SG_DNA_SAMPLE");
    if (env) {
        snprintf(path, sizeof path, "%s", env);
    } else {
        const char *data = getenv("SG_TEST_DATA");
        snprintf(path, sizeof path,
                 "%s/load/dna-sample.csv", /* a copy of DNA's sample */
                 data ? data : "tests/data");
    }
    sg_load_options lo = {0};
    lo.format = SG_FORMAT_DNA;
    lo.actor_column = "organization";
    sg_corpus *c = NULL;
    int rc = sg_corpus_load(&c, path, &lo, NULL);
    if (rc)
        fail_msg("cannot load the DNA sample %s: %s", path, sg_error_last());
    return c;
}

#endif
