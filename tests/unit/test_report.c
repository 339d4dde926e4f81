/* The HTML report's data, read back with jansson: what a tie's two ends
 * agree and disagree on (worked out by hand below), the bound on drawn
 * ties, escaping inside the page's script blocks, determinism, and the
 * refusal of a network that is not the analysis'. The page's behaviour in
 * a browser is tests/report/test-report's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "output/export_internal.h"
#include "stancegraph.h"
#include "corpus_spec.h"

/* ana and ben agree on p and r and disagree on q; cem opposes p, which
 * ana and ben support: ties ana-ben (net +1), ana-cem and ben-cem (-1). */
#define SMALL "ana:p+ ana:q- ana:r+ ben:p+ ben:q+ ben:r+ cem:p-"

typedef struct {
    sg_corpus *c;
    sg_analysis *a;
    sg_network_options no;
    char *page;
    size_t len;
} fixture;

static int page_of(fixture *f, const sg_report_options *ro)
{
    FILE *m = open_memstream(&f->page, &f->len);
    assert_non_null(m);
    int rc = sg_report_stream(f->c, f->a, f->a->actors, &f->no, ro, m);
    assert_int_equal(fclose(m), 0);
    return rc;
}

static void setup(fixture *f, sg_corpus *c, const sg_report_options *ro)
{
    memset(f, 0, sizeof *f);
    f->c = c;
    sg_network_options_init(&f->no);
    f->no.kind = SG_NET_ACTORS;
    assert_int_equal(sg_analysis_run(&f->a, c, &f->no, NULL), 0);
    assert_int_equal(page_of(f, ro), 0);
}

static void teardown(fixture *f)
{
    free(f->page);
    sg_analysis_free(f->a);
    sg_corpus_free(f->c);
}

/* The JSON between <script id="sg-data" ...> and </script>. */
static json_t *data_of(const fixture *f)
{
    const char *open = "<script id=\"sg-data\" type=\"application/json\">";
    const char *s = strstr(f->page, open);
    assert_non_null(s);
    s += strlen(open);
    const char *e = strstr(s, "</script>");
    assert_non_null(e);
    json_error_t err;
    json_t *d = json_loadb(s, (size_t)(e - s), 0, &err);
    if (!d)
        fail_msg("page data: %s", err.text);
    return d;
}

static const char *id_at(json_t *d, const char *table, json_int_t i)
{
    return json_string_value(
        json_object_get(json_array_get(json_object_get(d, table), (size_t)i),
                        "id"));
}

/* "ana-ben" style name of drawn tie t. */
static void tie_name(json_t *d, size_t t, char *buf, size_t size)
{
    json_t *tie = json_array_get(json_object_get(d, "ties"), t);
    json_t *nodes = json_object_get(d, "nodes");
    json_int_t a = json_integer_value(json_array_get(
        json_array_get(nodes, json_integer_value(json_array_get(tie, 0))), 1));
    json_int_t b = json_integer_value(json_array_get(
        json_array_get(nodes, json_integer_value(json_array_get(tie, 1))), 1));
    snprintf(buf, size, "%s-%s", id_at(d, "actors", a), id_at(d, "actors", b));
}

/* Proposal ids of one side of a tie, joined by ','; each item's two pairs
 * must be the two ends' positions on that proposal with the given sign
 * relation. */
static void side(json_t *d, json_t *items, char *buf, size_t size, int agree)
{
    json_t *pairs = json_object_get(d, "pairs");
    buf[0] = '\0';
    for (size_t i = 0; i < json_array_size(items); i++) {
        json_t *it = json_array_get(items, i);
        json_int_t p = json_integer_value(json_array_get(it, 0));
        json_t *pa = json_array_get(pairs, (size_t)json_integer_value(json_array_get(it, 1)));
        json_t *pb = json_array_get(pairs, (size_t)json_integer_value(json_array_get(it, 2)));
        assert_int_equal(json_integer_value(json_array_get(pa, 1)), p);
        assert_int_equal(json_integer_value(json_array_get(pb, 1)), p);
        json_int_t sa = json_integer_value(json_array_get(pa, 2));
        json_int_t sb = json_integer_value(json_array_get(pb, 2));
        assert_true(agree ? sa == sb : sa == -sb);
        if (buf[0])
            strncat(buf, ",", size - strlen(buf) - 1);
        strncat(buf, id_at(d, "proposals", p), size - strlen(buf) - 1);
    }
}

static void test_report__tie_details(void **state)
{
    (void)state;
    fixture f;
    setup(&f, spec_corpus(SMALL), NULL);
    json_t *d = data_of(&f);
    json_t *ties = json_object_get(d, "ties");
    json_t *detail = json_object_get(d, "tieDetail");
    assert_int_equal(json_array_size(ties), 3);
    assert_int_equal(json_integer_value(json_object_get(d, "tiesTotal")), 3);
    int seen = 0;
    for (size_t t = 0; t < 3; t++) {
        char name[64], ag[64], co[64];
        tie_name(d, t, name, sizeof name);
        json_t *dt = json_array_get(detail, t);
        side(d, json_object_get(dt, "agree"), ag, sizeof ag, 1);
        side(d, json_object_get(dt, "conflict"), co, sizeof co, 0);
        double net = json_number_value(json_array_get(json_array_get(ties, t), 2));
        if (strcmp(name, "ana-ben") == 0) {
            /* Equal weights: proposal order. */
            assert_string_equal(ag, "p,r");
            assert_string_equal(co, "q");
            assert_true(net == 1);
            seen |= 1;
        } else if (strcmp(name, "ana-cem") == 0 || strcmp(name, "ben-cem") == 0) {
            assert_string_equal(ag, "");
            assert_string_equal(co, "p");
            assert_true(net == -1);
            seen |= strcmp(name, "ana-cem") == 0 ? 2 : 4;
        }
    }
    assert_int_equal(seen, 7);
    /* Every position is listed: ana has three, the stats count them. */
    json_t *stats = json_object_get(d, "stats");
    assert_int_equal(json_integer_value(json_object_get(stats, "statements")), 7);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(d, "atot"), 0)), 3);
    assert_int_equal(json_array_size(json_array_get(json_object_get(d, "apos"), 0)), 3);
    json_decref(d);
    teardown(&f);
}

/* max_ties 1 of 3: the strongest stays (|net| 1 each: the first in edge
 * order, ana-ben), the page knows there were 3 and says so. */
static void test_report__bounded_ties(void **state)
{
    (void)state;
    sg_report_options ro;
    sg_report_options_init(&ro);
    ro.max_ties = 1;
    fixture f;
    setup(&f, spec_corpus(SMALL), &ro);
    json_t *d = data_of(&f);
    char name[64];
    assert_int_equal(json_array_size(json_object_get(d, "ties")), 1);
    assert_int_equal(json_integer_value(json_object_get(d, "tiesTotal")), 3);
    tie_name(d, 0, name, sizeof name);
    assert_string_equal(name, "ana-ben");
    const char *note = json_string_value(json_array_get(json_object_get(d, "notes"), 0));
    assert_non_null(note);
    assert_non_null(strstr(note, "1 strongest of 3 ties"));
    json_decref(d);
    teardown(&f);
}

/* Labels and quotes that close the script block, open a comment, or
 * carry U+2028: the page has exactly its own two scripts' end tags, no
 * raw '<' inside the data, and the strings come back unchanged. */
static void test_report__escaping(void **state)
{
    (void)state;
    static const char *const evil[] = {
        "</script><script>alert(1)</script>", "<!-- <script>",
        "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c & <b>d</b> \"e\" \\f"};
    sg_corpus *c = spec_corpus(SMALL);
    assert_int_equal(sg_corpus_set_title(c, evil[0]), 0);
    sg_source src = {0};
    src.id = "s";
    src.title = evil[1];
    src.url = "javascript:alert(1)";
    src.date = SG_NO_DATE;
    assert_int_equal(sg_corpus_add_source(c, &src, NULL), 0);
    sg_entity e = {0};
    e.id = "eve";
    e.label = evil[2];
    size_t eve;
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, &eve), 0);
    sg_stance s = {0};
    s.actor = (uint32_t)eve;
    s.proposal = 0;
    s.position = SG_SUPPORT;
    s.date = SG_NO_DATE;
    s.source = 0;
    s.weight = 1;
    s.quote = evil[0];
    s.note = evil[2];
    assert_int_equal(sg_corpus_add_stance(c, &s), 0);
    fixture f;
    setup(&f, c, NULL);
    size_t ends = 0;
    for (const char *p = f.page; (p = strstr(p, "</script>")); p++)
        ends++;
    assert_int_equal(ends, 2);
    assert_null(strstr(f.page, "<!-- <script>"));
    assert_null(strstr(f.page, "\xE2\x80\xA8"));
    assert_non_null(strstr(f.page, "a\\u2028b\\u2029c \\u0026 \\u003cb\\u003ed"));
    /* The HTML title is escaped as text too. */
    assert_non_null(strstr(f.page, "<title>&lt;/script&gt;&lt;script&gt;"));
    json_t *d = data_of(&f);
    assert_string_equal(json_string_value(json_object_get(d, "title")), evil[0]);
    json_t *actors = json_object_get(d, "actors");
    const char *label = NULL;
    for (size_t i = 0; i < json_array_size(actors); i++)
        if (strcmp(id_at(d, "actors", (json_int_t)i), "eve") == 0)
            label = json_string_value(json_object_get(json_array_get(actors, i), "label"));
    assert_non_null(label);
    assert_string_equal(label, evil[2]);
    json_t *st = json_array_get(json_object_get(d, "stmts"), 0);
    json_t *stmts = json_object_get(d, "stmts");
    int found = 0;
    for (size_t i = 0; i < json_array_size(stmts); i++) {
        st = json_array_get(stmts, i);
        const char *q = json_string_value(json_array_get(st, 4));
        if (q && strcmp(q, evil[0]) == 0) {
            assert_string_equal(json_string_value(json_array_get(st, 5)), evil[2]);
            found = 1;
        }
    }
    assert_true(found);
    json_decref(d);
    teardown(&f);
}

/* Same input, same bytes. */
static void test_report__deterministic(void **state)
{
    (void)state;
    fixture f;
    setup(&f, spec_corpus(SMALL), NULL);
    char *first = f.page;
    size_t len = f.len;
    f.page = NULL;
    assert_int_equal(page_of(&f, NULL), 0);
    assert_int_equal(len, f.len);
    assert_memory_equal(first, f.page, len);
    free(first);
    teardown(&f);
}

/* A network built with other filters is not the analysis': refused. */
static void test_report__mismatch(void **state)
{
    (void)state;
    fixture f;
    setup(&f, spec_corpus(SMALL), NULL);
    sg_network_options other = f.no;
    const char *excl[] = {"cem"};
    other.exclude = excl;
    other.nexclude = 1;
    sg_network *net = NULL;
    assert_int_equal(sg_network_build(&net, f.c, &other), 0);
    FILE *m = fopen("/dev/null", "w");
    assert_non_null(m);
    assert_int_equal(sg_report_stream(f.c, f.a, net, &f.no, NULL, m), SG_EINVALID);
    fclose(m);
    assert_non_null(strstr(sg_error_last(), "does not come from this analysis"));
    sg_network_free(net);
    teardown(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report__tie_details),
        cmocka_unit_test(test_report__bounded_ties),
        cmocka_unit_test(test_report__escaping),
        cmocka_unit_test(test_report__deterministic),
        cmocka_unit_test(test_report__mismatch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
