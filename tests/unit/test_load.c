/* Reading corpora: JSON format v1, CSV, TSV and DNA statement exports.
 *
 * Every expected value here was worked out by hand from the input written
 * next to it (dates as days since 1970-01-01: 2025-01-01 is 55 * 365 + 14
 * leap days = 20089, so 2025-02-12 = 20089 + 31 + 11 = 20131). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stancegraph.h"

/* Doubles compared exactly: every value used is exactly representable. */
#define assert_double_eq(a, b)                                                 \
    do {                                                                       \
        double a_ = (a), b_ = (b);                                             \
        if (a_ != b_) {                                                        \
            print_error("%s = %.17g, expected %.17g\n", #a, a_, b_);         \
            fail();                                                            \
        }                                                                      \
    } while (0)

/* ---- helpers ---------------------------------------------------------- */

static sg_corpus *load_ok_opts(const char *text, const char *name,
                               const sg_load_options *o)
{
    sg_diag *d = sg_diag_new(50);
    assert_non_null(d);
    sg_corpus *c = (sg_corpus *)0x1;
    int rc = sg_corpus_load_buffer(&c, text, strlen(text), name, o, d);
    if (rc != 0 || sg_diag_errors(d) != 0) {
        for (size_t i = 0; i < sg_diag_count(d); i++)
            print_error("  %s\n", sg_diag_message(d, i));
        print_error("load of %s failed: rc %d: %s\n", name, rc,
                    sg_error_last());
    }
    assert_int_equal(rc, 0);
    assert_int_equal(sg_diag_errors(d), 0);
    assert_non_null(c);
    sg_diag_free(d);
    return c;
}

static sg_corpus *load_ok(const char *text, const char *name,
                          sg_input_format format)
{
    sg_load_options o = {0};
    o.format = format;
    return load_ok_opts(text, name, &o);
}

/* Load input that must fail; returns the diagnostics (caller frees) after
 * checking the documented failure contract. */
static sg_diag *load_bad(const char *text, size_t len, const char *name,
                         sg_input_format format)
{
    sg_load_options o = {0};
    o.format = format;
    sg_diag *d = sg_diag_new(50);
    assert_non_null(d);
    sg_corpus *c = (sg_corpus *)0x1;
    int rc = sg_corpus_load_buffer(&c, text, len, name, &o, d);
    assert_int_equal(rc, SG_EINVALID);
    assert_null(c);
    assert_true(sg_diag_errors(d) > 0);
    /* The first error is the library's last error. */
    for (size_t i = 0; i < sg_diag_count(d); i++)
        if (sg_diag_level_at(d, i) == SG_DIAG_ERROR) {
            assert_string_equal(sg_error_last(), sg_diag_message(d, i));
            break;
        }
    return d;
}

static const sg_attr *attr(const sg_corpus *c, sg_node_kind kind,
                           const sg_entity *e, const char *key)
{
    const sg_attr_key *keys =
        kind == SG_ACTOR ? c->actor_keys : c->proposal_keys;
    for (size_t i = 0; i < e->nattrs; i++)
        if (strcmp(keys[e->attrs[i].key].name, key) == 0)
            return &e->attrs[i];
    return NULL;
}

static size_t count_support(const sg_corpus *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nstances; i++)
        n += c->stances[i].position == SG_SUPPORT;
    return n;
}

static size_t actor_index(const sg_corpus *c, const char *id)
{
    sg_node_kind k;
    size_t i;
    assert_int_equal(sg_corpus_find(c, id, &k, &i), 0);
    assert_int_equal(k, SG_ACTOR);
    return i;
}

static size_t proposal_index(const sg_corpus *c, const char *id)
{
    sg_node_kind k;
    size_t i;
    assert_int_equal(sg_corpus_find(c, id, &k, &i), 0);
    assert_int_equal(k, SG_PROPOSAL);
    return i;
}

/* ---- JSON --------------------------------------------------------------- */

static const char json_full[] =
    "{\n"
    "  \"stancegraph\": 1,\n"
    "  \"title\": \"Ceasefire talks\",\n"
    "  \"sources\": [\n"
    "    {\"id\": \"kyiv-post\", \"title\": \"Kyiv Post\", \"publisher\": "
    "\"KP\",\n"
    "     \"date\": \"2025-02-12\", \"url\": \"https://example.org/kp\",\n"
    "     \"file\": \"kp.txt\"},\n"
    "    {\"id\": \"bbc\"}\n"
    "  ],\n"
    "  \"actors\": [\n"
    "    {\"id\": \"zelensky\", \"label\": \"Volodymyr Zelensky\", \"type\": "
    "\"person\",\n"
    "     \"group\": \"Ukraine\", \"party\": \"Servant of the People\",\n"
    "     \"age\": 47, \"incumbent\": true},\n"
    "    {\"id\": \"trump\", \"type\": \"person\", \"age\": 78.5,\n"
    "     \"incumbent\": false, \"party\": null},\n"
    "    {\"id\": \"eu\"}\n"
    "  ],\n"
    "  \"proposals\": [\n"
    "    {\"id\": \"ceasefire\", \"label\": \"30-day ceasefire\", \"topic\": "
    "\"security\"},\n"
    "    {\"id\": \"minerals-deal\", \"topic\": \"economy\", \"signed\": "
    "false}\n"
    "  ],\n"
    "  \"stances\": [\n"
    "    {\"actor\": \"zelensky\", \"proposal\": \"ceasefire\", \"position\": "
    "\"support\",\n"
    "     \"weight\": 2, \"date\": \"2025-02-12\", \"source\": "
    "\"kyiv-post\",\n"
    "     \"quote\": \"We are ready.\", \"note\": \"first\"},\n"
    "    {\"actor\": \"trump\", \"proposal\": \"ceasefire\", \"position\": "
    "\"oppose\"},\n"
    "    {\"actor\": \"eu\", \"proposal\": \"minerals-deal\", \"position\": "
    "true,\n"
    "     \"date\": \"1970-01-01\", \"weight\": 0.25},\n"
    "    {\"actor\": \"trump\", \"proposal\": \"minerals-deal\", \"position\": "
    "-1,\n"
    "     \"date\": \"1969-12-31\", \"source\": \"bbc\"}\n"
    "  ]\n"
    "}\n";

static void test_load__json_counts_and_title(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(json_full, "talks.json", SG_FORMAT_AUTO);
    assert_string_equal(c->title, "Ceasefire talks");
    assert_int_equal(c->nsources, 2);
    assert_int_equal(c->nactors, 3);
    assert_int_equal(c->nproposals, 2);
    assert_int_equal(c->nstances, 4);
    assert_int_equal(c->skipped, 0);
    assert_int_equal(count_support(c), 2);
    sg_corpus_free(c);
}

static void test_load__json_entities(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(json_full, "talks.json", SG_FORMAT_JSON);
    /* File order is kept. */
    const sg_entity *z = &c->actors[0], *t = &c->actors[1], *eu = &c->actors[2];
    assert_string_equal(z->id, "zelensky");
    assert_string_equal(z->label, "Volodymyr Zelensky");
    assert_string_equal(z->type, "person");
    assert_string_equal(z->group, "Ukraine");
    assert_null(z->topic);
    assert_string_equal(t->id, "trump");
    assert_string_equal(t->label, "trump"); /* defaults to the id */
    assert_string_equal(t->type, "person");
    assert_null(t->group);
    assert_string_equal(eu->id, "eu");
    assert_string_equal(eu->label, "eu");
    assert_null(eu->type);
    assert_null(eu->group);

    const sg_entity *cf = &c->proposals[0], *md = &c->proposals[1];
    assert_string_equal(cf->id, "ceasefire");
    assert_string_equal(cf->label, "30-day ceasefire");
    assert_string_equal(cf->topic, "security");
    assert_null(cf->type);
    assert_string_equal(md->id, "minerals-deal");
    assert_string_equal(md->label, "minerals-deal");
    assert_string_equal(md->topic, "economy");

    assert_int_equal(actor_index(c, "trump"), 1);
    assert_int_equal(proposal_index(c, "minerals-deal"), 1);
    sg_corpus_free(c);
}

static void test_load__json_extra_attributes(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(json_full, "talks.json", SG_FORMAT_JSON);
    /* Keys in order of first appearance; null values are no attribute. */
    assert_int_equal(c->nactor_keys, 3);
    assert_string_equal(c->actor_keys[0].name, "party");
    assert_int_equal(c->actor_keys[0].type, SG_VALUE_STRING);
    assert_string_equal(c->actor_keys[1].name, "age");
    assert_int_equal(c->actor_keys[1].type, SG_VALUE_NUMBER);
    assert_string_equal(c->actor_keys[2].name, "incumbent");
    assert_int_equal(c->actor_keys[2].type, SG_VALUE_BOOL);

    const sg_entity *z = &c->actors[0], *t = &c->actors[1], *eu = &c->actors[2];
    assert_int_equal(z->nattrs, 3);
    const sg_attr *a = attr(c, SG_ACTOR, z, "party");
    assert_non_null(a);
    assert_int_equal(a->value.type, SG_VALUE_STRING);
    assert_string_equal(a->value.str, "Servant of the People");
    a = attr(c, SG_ACTOR, z, "age");
    assert_non_null(a);
    assert_int_equal(a->value.type, SG_VALUE_NUMBER);
    assert_double_eq(a->value.num, 47);
    a = attr(c, SG_ACTOR, z, "incumbent");
    assert_non_null(a);
    assert_int_equal(a->value.type, SG_VALUE_BOOL);
    assert_double_eq(a->value.num, 1);

    assert_int_equal(t->nattrs, 2); /* "party": null is skipped */
    assert_null(attr(c, SG_ACTOR, t, "party"));
    a = attr(c, SG_ACTOR, t, "age");
    assert_non_null(a);
    assert_double_eq(a->value.num, 78.5);
    a = attr(c, SG_ACTOR, t, "incumbent");
    assert_non_null(a);
    assert_int_equal(a->value.type, SG_VALUE_BOOL);
    assert_double_eq(a->value.num, 0);
    assert_int_equal(eu->nattrs, 0);

    /* Proposal keys are separate from actor keys. */
    assert_int_equal(c->nproposal_keys, 1);
    assert_string_equal(c->proposal_keys[0].name, "signed");
    assert_int_equal(c->proposal_keys[0].type, SG_VALUE_BOOL);
    assert_int_equal(c->proposals[0].nattrs, 0);
    assert_int_equal(c->proposals[1].nattrs, 1);
    assert_double_eq(c->proposals[1].attrs[0].value.num, 0);
    sg_corpus_free(c);
}

static void test_load__json_sources(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(json_full, "talks.json", SG_FORMAT_JSON);
    const sg_source *kp = &c->sources[0], *bbc = &c->sources[1];
    assert_string_equal(kp->id, "kyiv-post");
    assert_string_equal(kp->title, "Kyiv Post");
    assert_string_equal(kp->publisher, "KP");
    assert_string_equal(kp->url, "https://example.org/kp");
    assert_string_equal(kp->file, "kp.txt");
    assert_int_equal(kp->date, 20131);
    assert_string_equal(bbc->id, "bbc");
    assert_null(bbc->title);
    assert_null(bbc->publisher);
    assert_null(bbc->url);
    assert_null(bbc->file);
    assert_int_equal(bbc->date, SG_NO_DATE);
    assert_int_equal(sg_corpus_find_source(c, "bbc"), 1);
    assert_int_equal(sg_corpus_find_source(c, "cnn"), -1);
    sg_corpus_free(c);
}

static void test_load__json_stances(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(json_full, "talks.json", SG_FORMAT_JSON);
    const sg_stance *s = c->stances;
    /* zelensky -> ceasefire, every field given */
    assert_int_equal(s[0].actor, 0);
    assert_int_equal(s[0].proposal, 0);
    assert_int_equal(s[0].position, SG_SUPPORT);
    assert_double_eq(s[0].weight, 2);
    assert_int_equal(s[0].date, 20131);
    assert_int_equal(s[0].source, 0);
    assert_string_equal(s[0].quote, "We are ready.");
    assert_string_equal(s[0].note, "first");
    /* trump -> ceasefire, defaults */
    assert_int_equal(s[1].actor, 1);
    assert_int_equal(s[1].proposal, 0);
    assert_int_equal(s[1].position, SG_OPPOSE);
    assert_double_eq(s[1].weight, 1);
    assert_int_equal(s[1].date, SG_NO_DATE);
    assert_int_equal(s[1].source, SG_NO_SOURCE);
    assert_null(s[1].quote);
    assert_null(s[1].note);
    /* position true = support; the epoch is day 0 */
    assert_int_equal(s[2].actor, 2);
    assert_int_equal(s[2].proposal, 1);
    assert_int_equal(s[2].position, SG_SUPPORT);
    assert_double_eq(s[2].weight, 0.25);
    assert_int_equal(s[2].date, 0);
    /* position -1 = oppose; the day before the epoch is -1 */
    assert_int_equal(s[3].actor, 1);
    assert_int_equal(s[3].proposal, 1);
    assert_int_equal(s[3].position, SG_OPPOSE);
    assert_int_equal(s[3].date, -1);
    assert_int_equal(s[3].source, 1);

    int32_t first, last;
    sg_corpus_date_range(c, &first, &last);
    assert_int_equal(first, -1);
    assert_int_equal(last, 20131);
    sg_corpus_free(c);
}

/* skip_text: the same stances, without quotes and notes, from both JSON
 * readers; a bad quote is still an error. */
static void test_load__skip_text(void **state)
{
    (void)state;
    for (int reference = 0; reference <= 1; reference++) {
        sg_load_options o = {0};
        o.skip_text = 1;
        o.reference_reader = reference;
        sg_corpus *c = load_ok_opts(json_full, "talks.json", &o);
        assert_int_equal(c->nstances, 4);
        assert_int_equal(c->stances[0].position, SG_SUPPORT);
        assert_double_eq(c->stances[0].weight, 2);
        assert_int_equal(c->stances[0].date, 20131);
        assert_int_equal(c->stances[3].source, 1);
        for (size_t i = 0; i < c->nstances; i++) {
            assert_null(c->stances[i].quote);
            assert_null(c->stances[i].note);
        }
        sg_corpus_free(c);
    }
    const char *bad = "{\"stancegraph\": 1, \"actors\": [{\"id\": \"a\"}],"
                      " \"proposals\": [{\"id\": \"p\"}], \"stances\": "
                      "[{\"actor\": \"a\", \"proposal\": \"p\", "
                      "\"position\": \"support\", \"quote\": 7}]}";
    sg_load_options o = {0};
    o.skip_text = 1;
    sg_corpus *c = (sg_corpus *)0x1;
    assert_int_equal(sg_corpus_load_buffer(&c, bad, strlen(bad), "q.json", &o,
                                           NULL),
                     SG_EINVALID);
    assert_null(c);
    assert_non_null(strstr(sg_error_last(), "stances[0].quote"));
}

/* Stances may come before the actors and proposals they name. */
static void test_load__json_stances_first(void **state)
{
    (void)state;
    static const char text[] =
        "{\"stancegraph\": 1,\n"
        " \"stances\": [{\"actor\": \"b\", \"proposal\": \"p\", \"position\": "
        "\"oppose\"}],\n"
        " \"proposals\": [{\"id\": \"p\"}],\n"
        " \"actors\": [{\"id\": \"a\"}, {\"id\": \"b\"}]}\n";
    sg_corpus *c = load_ok(text, "x.json", SG_FORMAT_AUTO);
    assert_int_equal(c->nstances, 1);
    assert_int_equal(c->stances[0].actor, 1);
    assert_int_equal(c->stances[0].position, SG_OPPOSE);
    assert_null(c->title);
    assert_int_equal(c->nsources, 0);
    sg_corpus_free(c);
}

static void test_load__json_position_synonyms(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        int want;
    } cases[] = {
        {"\"support\"", SG_SUPPORT}, {"\"oppose\"", SG_OPPOSE},
        {"\"yes\"", SG_SUPPORT},     {"\"no\"", SG_OPPOSE},
        {"\"agree\"", SG_SUPPORT},   {"\"disagree\"", SG_OPPOSE},
        {"\"yea\"", SG_SUPPORT},     {"\"nay\"", SG_OPPOSE},
        {"\"1\"", SG_SUPPORT},       {"\"0\"", SG_OPPOSE},
        {"\"+1\"", SG_SUPPORT},      {"\"-1\"", SG_OPPOSE},
        {"\"true\"", SG_SUPPORT},    {"\"false\"", SG_OPPOSE},
        {"\"SUPPORT\"", SG_SUPPORT}, {"\" Oppose \"", SG_OPPOSE},
        {"1", SG_SUPPORT},           {"-1", SG_OPPOSE},
        {"true", SG_SUPPORT},        {"false", SG_OPPOSE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[256];
        snprintf(text, sizeof text,
                 "{\"stancegraph\": 1, \"actors\": [{\"id\": \"a\"}], "
                 "\"proposals\": [{\"id\": \"p\"}], \"stances\": "
                 "[{\"actor\": \"a\", \"proposal\": \"p\", \"position\": %s}]}",
                 cases[i].json);
        sg_corpus *c = load_ok(text, "pos.json", SG_FORMAT_JSON);
        assert_int_equal(c->nstances, 1);
        if (c->stances[0].position != cases[i].want) {
            print_error("position %s read as %d\n", cases[i].json,
                        c->stances[0].position);
            fail();
        }
        sg_corpus_free(c);
    }
}

static void test_load__json_warnings_do_not_fail(void **state)
{
    (void)state;
    static const char text[] =
        "{\"actors\": [{\"id\": \"a\"}], \"proposals\": [{\"id\": \"p\"}],\n"
        " \"stances\": [{\"actor\": \"a\", \"proposal\": \"p\", \"position\": "
        "\"support\", \"mood\": \"tense\"}]}\n";
    sg_diag *d = sg_diag_new(50);
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load_buffer(&c, text, strlen(text), "w.json",
                                           NULL, d),
                     0);
    assert_non_null(c);
    assert_int_equal(c->nstances, 1);
    assert_int_equal(sg_diag_errors(d), 0);
    assert_int_equal(sg_diag_warnings(d), 2);
    assert_int_equal(sg_diag_count(d), 2);
    assert_int_equal(sg_diag_level_at(d, 0), SG_DIAG_WARNING);
    assert_string_equal(sg_diag_message(d, 0),
                        "w.json: stancegraph: no format version; assuming 1");
    assert_string_equal(sg_diag_message(d, 1),
                        "w.json: stances[0]: unknown field \"mood\" ignored");
    sg_corpus_free(c);
    sg_diag_free(d);
}

/* The buffer need not be NUL-terminated, and a byte-order mark is skipped. */
static void test_load__json_unterminated_buffer_and_bom(void **state)
{
    (void)state;
    static const char text[] =
        "\xEF\xBB\xBF{\"stancegraph\": 1, \"actors\": [{\"id\": \"a\"}], "
        "\"proposals\": [{\"id\": \"p\"}], \"stances\": []}GARBAGE";
    size_t len = strlen(text) - strlen("GARBAGE");
    char *copy = malloc(len);
    assert_non_null(copy);
    memcpy(copy, text, len);
    sg_corpus *c = NULL;
    assert_int_equal(
        sg_corpus_load_buffer(&c, copy, len, "b.json", NULL, NULL), 0);
    assert_non_null(c);
    assert_int_equal(c->nactors, 1);
    assert_int_equal(c->nstances, 0);
    sg_corpus_free(c);
    free(copy);
}

/* ---- JSON errors --------------------------------------------------------- */

static void test_load__json_errors_listed(void **state)
{
    (void)state;
    static const char text[] =
        "{\n"
        "  \"stancegraph\": 1,\n"
        "  \"sources\": [{\"id\": \"kp\"}],\n"
        "  \"actors\": [{\"id\": \"zelensky\"}, {\"id\": \"trump\"}],\n"
        "  \"proposals\": [{\"id\": \"ceasefire\"}],\n"
        "  \"stances\": [\n"
        "    {\"actor\": \"zelenksy\", \"proposal\": \"ceasefire\", "
        "\"position\": \"support\"},\n"
        "    {\"actor\": \"trump\", \"proposal\": \"ceasefire\", \"position\": "
        "\"oppose\", \"weight\": 0},\n"
        "    {\"actor\": \"trump\", \"proposal\": \"ceasefire\", \"position\": "
        "\"oppose\", \"date\": \"2025-02-30\"},\n"
        "    {\"actor\": \"trump\", \"proposal\": \"ceasefire\", \"position\": "
        "\"oppose\", \"source\": \"bbc\"},\n"
        "    {\"actor\": \"zelensky\", \"proposal\": \"trump\", \"position\": "
        "\"maybe\"}\n"
        "  ]\n"
        "}\n";
    sg_diag *d = load_bad(text, strlen(text), "e.json", SG_FORMAT_AUTO);
    static const char *const want[] = {
        "e.json: stances[0].actor: unknown actor \"zelenksy\" (did you mean "
        "\"zelensky\"?)",
        "e.json: stances[1].weight: must be greater than 0, not 0",
        "e.json: stances[2].date: \"2025-02-30\" is not a real calendar date "
        "YYYY-MM-DD",
        "e.json: stances[3].source: unknown source \"bbc\"",
        "e.json: stances[4].proposal: \"trump\" is an actor, not a proposal",
        "e.json: stances[4].position: \"maybe\" is not a position: expected "
        "\"support\" or \"oppose\"",
    };
    assert_int_equal(sg_diag_count(d), 6);
    assert_int_equal(sg_diag_errors(d), 6);
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(sg_diag_level_at(d, i), SG_DIAG_ERROR);
        assert_string_equal(sg_diag_message(d, i), want[i]);
    }
    assert_string_equal(sg_error_last(), want[0]);
    sg_diag_free(d);
}

static void test_load__json_entity_errors(void **state)
{
    (void)state;
    static const char text[] =
        "{\"stancegraph\": 1,\n"
        " \"actors\": [{\"id\": \"nato\"}, {\"id\": \"\"}, {\"id\": 7},\n"
        "             {\"id\": \"x\", \"seats\": [1, 2]}, {\"id\": \"nato\"}],\n"
        " \"proposals\": [{\"id\": \"nato\"}, {\"id\": \"p\", \"label\": 3}],\n"
        " \"stances\": []}\n";
    sg_diag *d = load_bad(text, strlen(text), "ent.json", SG_FORMAT_JSON);
    static const char *const want[] = {
        "ent.json: actors[1]: \"id\" is missing or empty",
        "ent.json: actors[2].id: must be a string, not a number",
        "ent.json: actors[3]: \"seats\" must be a string, number or boolean, "
        "not an array",
        "ent.json: actors[4]: duplicate id \"nato\" (already actors[0])",
        "ent.json: proposals[0]: duplicate id \"nato\" (already actors[0])",
        "ent.json: proposals[1].label: must be a string, not a number",
    };
    assert_int_equal(sg_diag_count(d), 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(sg_diag_message(d, i), want[i]);
    sg_diag_free(d);
}

static void test_load__json_syntax_error(void **state)
{
    (void)state;
    /* Line 3 is cut off after `"a"`: the parser reaches the end of input
     * on line 3 where it wanted a '}'. */
    static const char text[] = "{\n  \"stancegraph\": 1,\n  \"actors\": [{\"id\": "
                               "\"a\"";
    sg_diag *d = load_bad(text, strlen(text), "t.json", SG_FORMAT_JSON);
    assert_int_equal(sg_diag_count(d), 1);
    const char *m = sg_diag_message(d, 0);
    assert_non_null(strstr(m, "t.json:3:"));
    assert_non_null(strstr(m, "end of file"));
    sg_diag_free(d);
}

static void test_load__json_not_an_object(void **state)
{
    (void)state;
    static const char text[] = "[{\"stancegraph\": 1}]";
    sg_diag *d = load_bad(text, strlen(text), "arr.json", SG_FORMAT_AUTO);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "arr.json:1:1: the top level must be an object "
                        "{\"stancegraph\": 1, ...}");
    sg_diag_free(d);
}

static void test_load__json_version(void **state)
{
    (void)state;
    static const char text[] = "{\"stancegraph\": 2, \"actors\": [], "
                               "\"proposals\": [], \"stances\": []}";
    sg_diag *d = load_bad(text, strlen(text), "v.json", SG_FORMAT_JSON);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "v.json: stancegraph: unsupported format version 2 "
                        "(this program reads the number 1)");
    sg_diag_free(d);
}

static void test_load__empty_input(void **state)
{
    (void)state;
    sg_diag *d = load_bad("", 0, "none.json", SG_FORMAT_AUTO);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0), "none.json: empty file");
    sg_diag_free(d);
}

static void test_load__invalid_utf8(void **state)
{
    (void)state;
    /* 0xFF is byte 13 (0-based) of the text; line 2 starts at byte 2. */
    static const char text[] = "{\n\"title\": \"a\xff\"}";
    sg_diag *d = load_bad(text, strlen(text), "u.json", SG_FORMAT_JSON);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "u.json:2:12: invalid UTF-8 (byte 0xFF at offset "
                        "13); save the file as UTF-8");
    sg_diag_free(d);
}

static void test_load__nul_byte(void **state)
{
    (void)state;
    static const char text[] = "actor,proposal,position\na,p,y\0es\n";
    sg_diag *d = load_bad(text, sizeof text - 1, "n.csv", SG_FORMAT_CSV);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "n.csv:2:6: NUL byte at offset 29 (binary file?)");
    sg_diag_free(d);
}

/* Without a diag list the first problem is still in sg_error_last(). */
static void test_load__no_diag(void **state)
{
    (void)state;
    static const char text[] =
        "{\"stancegraph\": 1, \"actors\": [{\"id\": \"a\"}], \"proposals\": "
        "[{\"id\": \"p\"}], \"stances\": [{\"actor\": \"a\", \"proposal\": "
        "\"zzz\", \"position\": \"support\"}, {\"actor\": \"b\", \"proposal\": "
        "\"p\", \"position\": \"support\"}]}";
    sg_corpus *c = (sg_corpus *)0x1;
    int rc = sg_corpus_load_buffer(&c, text, strlen(text), "nd.json", NULL,
                                   NULL);
    assert_int_equal(rc, SG_EINVALID);
    assert_null(c);
    assert_string_equal(sg_error_last(),
                        "nd.json: stances[0].proposal: unknown proposal \"zzz\"");
}

/* Reading goes on after the cap: diag keeps 50 errors and counts the rest.
 * 49 bad stances and a last one with four problems: 53 errors. */
static void test_load__error_cap(void **state)
{
    (void)state;
    size_t cap = 64 * 100 + 256;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap,
                                "{\"stancegraph\": 1, \"actors\": [{\"id\": "
                                "\"a\"}], \"proposals\": [{\"id\": \"p\"}], "
                                "\"stances\": [\n");
    for (int i = 1; i <= 49; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "{\"actor\": \"x%d\", \"proposal\": \"p\", "
                              "\"position\": 1},\n",
                              i);
    n += (size_t)snprintf(text + n, cap - n,
                          "{\"actor\": \"nobody\", \"proposal\": \"q\", "
                          "\"position\": 0, \"weight\": -1}]}\n");
    sg_diag *d = load_bad(text, n, "cap.json", SG_FORMAT_JSON);
    assert_int_equal(sg_diag_count(d), 50);
    assert_int_equal(sg_diag_errors(d), 53);
    assert_string_equal(sg_diag_message(d, 0),
                        "cap.json: stances[0].actor: unknown actor \"x1\"");
    assert_string_equal(sg_diag_message(d, 49),
                        "cap.json: stances[49].actor: unknown actor \"nobody\"");
    sg_diag_free(d);
    free(text);
}

/* ---- CSV / TSV ------------------------------------------------------------ */

static const char csv_full[] =
    "actor,actor_label,type,group,party,seats,proposal,proposal_label,topic,"
    "position,weight,date,source,source_title,quote,note\n"
    "zelensky,Volodymyr Zelensky,person,Ukraine,Servant of the People,254,"
    "ceasefire,30-day ceasefire,security,support,2,2025-02-12,kp,Kyiv Post,"
    "We are ready,first\n"
    "trump,,person,USA,Republican,220,ceasefire,,,oppose,,2025-02-13 "
    "10:30,,,,\n"
    "trump,,,,Republican,220,minerals,,economy,yes,0.5,,kp,,,\n";

static void test_load__csv_entities(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(csv_full, "t.csv", SG_FORMAT_AUTO);
    assert_null(c->title);
    assert_int_equal(c->nactors, 2);
    assert_int_equal(c->nproposals, 2);
    assert_int_equal(c->nstances, 3);
    assert_int_equal(c->nsources, 1);
    assert_int_equal(c->skipped, 0);

    assert_string_equal(c->actors[0].id, "zelensky");
    assert_string_equal(c->actors[0].label, "Volodymyr Zelensky");
    assert_string_equal(c->actors[0].type, "person");
    assert_string_equal(c->actors[0].group, "Ukraine");
    assert_string_equal(c->actors[1].id, "trump");
    assert_string_equal(c->actors[1].label, "trump");
    assert_string_equal(c->actors[1].type, "person");
    assert_string_equal(c->actors[1].group, "USA");

    assert_string_equal(c->proposals[0].id, "ceasefire");
    assert_string_equal(c->proposals[0].label, "30-day ceasefire");
    assert_string_equal(c->proposals[0].topic, "security");
    assert_string_equal(c->proposals[1].id, "minerals");
    assert_string_equal(c->proposals[1].label, "minerals");
    assert_string_equal(c->proposals[1].topic, "economy");

    assert_string_equal(c->sources[0].id, "kp");
    assert_string_equal(c->sources[0].title, "Kyiv Post");
    assert_int_equal(c->sources[0].date, SG_NO_DATE);
    sg_corpus_free(c);
}

/* Unknown columns describe the actor; a column of numbers is numeric. */
static void test_load__csv_extra_columns(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(csv_full, "t.csv", SG_FORMAT_CSV);
    assert_int_equal(c->nactor_keys, 2);
    assert_string_equal(c->actor_keys[0].name, "party");
    assert_int_equal(c->actor_keys[0].type, SG_VALUE_STRING);
    assert_string_equal(c->actor_keys[1].name, "seats");
    assert_int_equal(c->actor_keys[1].type, SG_VALUE_NUMBER);
    assert_int_equal(c->nproposal_keys, 0);
    const sg_attr *a = attr(c, SG_ACTOR, &c->actors[0], "party");
    assert_non_null(a);
    assert_int_equal(a->value.type, SG_VALUE_STRING);
    assert_string_equal(a->value.str, "Servant of the People");
    a = attr(c, SG_ACTOR, &c->actors[0], "seats");
    assert_non_null(a);
    assert_int_equal(a->value.type, SG_VALUE_NUMBER);
    assert_double_eq(a->value.num, 254);
    a = attr(c, SG_ACTOR, &c->actors[1], "seats");
    assert_non_null(a);
    assert_double_eq(a->value.num, 220);
    assert_int_equal(c->actors[1].nattrs, 2);
    sg_corpus_free(c);
}

static void test_load__csv_stances(void **state)
{
    (void)state;
    sg_corpus *c = load_ok(csv_full, "t.csv", SG_FORMAT_CSV);
    const sg_stance *s = c->stances;
    assert_int_equal(s[0].actor, 0);
    assert_int_equal(s[0].proposal, 0);
    assert_int_equal(s[0].position, SG_SUPPORT);
    assert_double_eq(s[0].weight, 2);
    assert_int_equal(s[0].date, 20131);
    assert_int_equal(s[0].source, 0);
    assert_string_equal(s[0].quote, "We are ready");
    assert_string_equal(s[0].note, "first");

    assert_int_equal(s[1].actor, 1);
    assert_int_equal(s[1].proposal, 0);
    assert_int_equal(s[1].position, SG_OPPOSE);
    assert_double_eq(s[1].weight, 1);
    assert_int_equal(s[1].date, 20132); /* the time of day is dropped */
    assert_int_equal(s[1].source, SG_NO_SOURCE);
    assert_null(s[1].quote); /* empty cells are absent */
    assert_null(s[1].note);

    assert_int_equal(s[2].actor, 1);
    assert_int_equal(s[2].proposal, 1);
    assert_int_equal(s[2].position, SG_SUPPORT);
    assert_double_eq(s[2].weight, 0.5);
    assert_int_equal(s[2].date, SG_NO_DATE);
    assert_int_equal(s[2].source, 0);
    sg_corpus_free(c);
}

/* One value that is not a number keeps the whole column a string. */
static void test_load__csv_mixed_column_stays_string(void **state)
{
    (void)state;
    static const char text[] = "actor,proposal,position,seats,member\n"
                               "a,p,support,12,true\n"
                               "b,p,oppose,n/a,false\n";
    sg_corpus *c = load_ok(text, "m.csv", SG_FORMAT_CSV);
    assert_int_equal(c->nactor_keys, 2);
    assert_string_equal(c->actor_keys[0].name, "seats");
    assert_int_equal(c->actor_keys[0].type, SG_VALUE_STRING);
    assert_string_equal(c->actors[0].attrs[0].value.str, "12");
    assert_string_equal(c->actors[1].attrs[0].value.str, "n/a");
    /* Table cells are text: "true" stays a string. */
    assert_int_equal(c->actor_keys[1].type, SG_VALUE_STRING);
    assert_string_equal(c->actors[1].attrs[1].value.str, "false");
    sg_corpus_free(c);
}

static void test_load__csv_position_synonyms(void **state)
{
    (void)state;
    static const char text[] = "actor,proposal,position\n"
                               "a1,p,yes\n"
                               "a2,p,no\n"
                               "a3,p,agree\n"
                               "a4,p,disagree\n"
                               "a5,p,1\n"
                               "a6,p,0\n"
                               "a7,p,+1\n"
                               "a8,p,-1\n"
                               "a9,p,true\n"
                               "a10,p,false\n"
                               "a11,p,yea\n"
                               "a12,p,nay\n"
                               "a13,p,YES\n"
                               "a14,p, Support \n"
                               "a15,p,abstain\n"
                               "a16,p,absent\n"
                               "a17,p,not voting\n"
                               "a18,p,Oppose\n";
    static const int want[] = {1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 1,
                               -1};
    sg_corpus *c = load_ok(text, "syn.csv", SG_FORMAT_CSV);
    assert_int_equal(c->nstances, 15);
    assert_int_equal(c->skipped, 3);
    /* Skipped rows create no actor. */
    assert_int_equal(c->nactors, 15);
    assert_int_equal(sg_corpus_find(c, "a15", NULL, NULL), SG_EINVALID);
    assert_string_equal(c->actors[14].id, "a18");
    for (size_t i = 0; i < 15; i++)
        assert_int_equal(c->stances[i].position, want[i]);
    sg_corpus_free(c);
}

static void test_load__csv_quoting(void **state)
{
    (void)state;
    /* BOM, CRLF line ends, separators and doubled quotes inside quotes, a
     * line break inside a quoted field, a quoted header, a blank line. */
    static const char text[] =
        "\xEF\xBB\xBF\"actor\",proposal,position,quote\r\n"
        "\"Smith, John\",ceasefire,support,\"He said \"\"no\"\" twice\"\r\n"
        "\r\n"
        "lee,\"plan, B\",oppose,\"line one\r\nline two\"\r\n"
        "lee,ceasefire,no,\"\"\r\n";
    sg_corpus *c = load_ok(text, "q.csv", SG_FORMAT_AUTO);
    assert_int_equal(c->nactors, 2);
    assert_int_equal(c->nproposals, 2);
    assert_int_equal(c->nstances, 3);
    assert_string_equal(c->actors[0].id, "Smith, John");
    assert_string_equal(c->actors[1].id, "lee");
    assert_string_equal(c->proposals[0].id, "ceasefire");
    assert_string_equal(c->proposals[1].id, "plan, B");
    assert_string_equal(c->stances[0].quote, "He said \"no\" twice");
    /* Inside quotes the line break is data and is kept as written. */
    assert_string_equal(c->stances[1].quote, "line one\r\nline two");
    assert_null(c->stances[2].quote);
    assert_int_equal(c->stances[2].position, SG_OPPOSE);
    assert_int_equal(c->nactor_keys, 0);
    sg_corpus_free(c);
}

static void test_load__tsv(void **state)
{
    (void)state;
    static const char text[] = "actor\tproposal\tstance\tdate\tnote\n"
                               "a, b\tp\tagree\t2024-02-29\tx,y\n"
                               "c\tp\tdisagree\t2024-03-01T08:00:00\t\n";
    sg_corpus *c = load_ok(text, "t.tsv", SG_FORMAT_AUTO);
    assert_int_equal(c->nactors, 2);
    assert_string_equal(c->actors[0].id, "a, b"); /* commas are data */
    assert_int_equal(c->nstances, 2);
    assert_int_equal(c->stances[0].position, SG_SUPPORT);
    assert_int_equal(c->stances[0].date, 19782); /* 2024-02-29 */
    assert_string_equal(c->stances[0].note, "x,y");
    assert_int_equal(c->stances[1].position, SG_OPPOSE);
    assert_int_equal(c->stances[1].date, 19783); /* 2024-03-01 */
    assert_null(c->stances[1].note);
    sg_corpus_free(c);
}

/* A tab-separated table is recognised by content too. */
static void test_load__tsv_sniffed(void **state)
{
    (void)state;
    static const char text[] = "actor\tproposal\tposition\na\tp\tyes\n";
    sg_corpus *c = load_ok(text, "-", SG_FORMAT_AUTO);
    assert_int_equal(c->nstances, 1);
    assert_string_equal(c->actors[0].id, "a");
    sg_corpus_free(c);
}

static void test_load__csv_column_options(void **state)
{
    (void)state;
    static const char text[] = "speaker,bill,position\n"
                               "a,hb1,yes\n"
                               "b,hb1,no\n";
    sg_load_options o = {0};
    o.actor_column = "speaker";
    o.proposal_column = "bill";
    sg_corpus *c = load_ok_opts(text, "o.csv", &o);
    assert_int_equal(c->nactors, 2);
    assert_int_equal(c->nproposals, 1);
    assert_string_equal(c->proposals[0].id, "hb1");
    assert_int_equal(c->nactor_keys, 0);
    sg_corpus_free(c);
}

/* ---- CSV errors ----------------------------------------------------------- */

static void test_load__csv_errors_listed(void **state)
{
    (void)state;
    static const char text[] = "actor,proposal,position,weight,date\n"
                               "a,p,support,1,2025-01-01\n"
                               "b,p,oppose\n"
                               "c,p,maybe,1,\n"
                               "d,p,yes,-3,2025-02-29\n"
                               "e,p,,,\n";
    sg_diag *d = load_bad(text, strlen(text), "bad.csv", SG_FORMAT_CSV);
    static const char *const want[] = {
        "bad.csv:3: this row has 3 fields but the header has 5",
        "bad.csv:4:5: position \"maybe\" is not one of support/oppose, yes/no, "
        "agree/disagree, yea/nay, 1/0, +1/-1 or true/false",
        "bad.csv:5:9: weight \"-3\" must be a number greater than 0",
        "bad.csv:5:12: date \"2025-02-29\" is not a real calendar date "
        "YYYY-MM-DD",
        "bad.csv:6:5: position is empty (expected support/oppose, yes/no, "
        "agree/disagree, yea/nay, 1/0, +1/-1 or true/false; write 'abstain' "
        "to keep a row without a position)",
    };
    assert_int_equal(sg_diag_count(d), 5);
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(sg_diag_message(d, i), want[i]);
    assert_string_equal(sg_error_last(), want[0]);
    sg_diag_free(d);
}

static void test_load__csv_header_errors(void **state)
{
    (void)state;
    static const char text[] = "Actor,proposal,note,actor\n";
    sg_diag *d = load_bad(text, strlen(text), "h.csv", SG_FORMAT_CSV);
    assert_int_equal(sg_diag_count(d), 2);
    assert_string_equal(sg_diag_message(d, 0),
                        "h.csv:1:21: column \"actor\" appears twice in the "
                        "header");
    assert_string_equal(sg_diag_message(d, 1),
                        "h.csv:1: no position column \"position\" in the "
                        "header (columns: actor, proposal, note, actor); "
                        "choose one with --position");
    sg_diag_free(d);
}

static void test_load__csv_quote_errors(void **state)
{
    (void)state;
    static const char open[] = "actor,proposal,position\na,\"p,yes\n";
    sg_diag *d = load_bad(open, strlen(open), "o.csv", SG_FORMAT_CSV);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "o.csv:2:3: quoted field is never closed");
    sg_diag_free(d);

    static const char after[] = "actor,proposal,position\n\"a\"b,p,yes\n";
    d = load_bad(after, strlen(after), "a.csv", SG_FORMAT_CSV);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "a.csv:2:4: unexpected text after a closing quote");
    sg_diag_free(d);
}

static void test_load__dna_missing_column(void **state)
{
    (void)state;
    static const char text[] =
        "statement_id;time;person;organization;concept;agreement\n"
        "1;2005-01-26 00:00:00;Ann;Org;C;1\n";
    sg_load_options o = {0};
    o.format = SG_FORMAT_DNA;
    o.actor_column = "speaker";
    sg_diag *d = sg_diag_new(0);
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load_buffer(&c, text, strlen(text), "d.csv",
                                           &o, d),
                     SG_EINVALID);
    assert_null(c);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "d.csv:1: no actor column \"speaker\" in the header "
                        "(columns: statement_id, time, person, organization, "
                        "concept, agreement); choose one with "
                        "--actor/--proposal");
    sg_diag_free(d);
}

/* ---- DNA export sample ---------------------------------------------------- */

static char *dna_sample_path(void)
{
    const char *env = getenv("SG_DNA_SAMPLE");
    if (env && *env)
        return strdup(env);
    const char *data = getenv("SG_TEST_DATA");
    if (!data)
        data = "tests/data";
    size_t n = strlen(data) + 64;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/load/dna-sample.csv", data); /* a copy of DNA's */
    return p;
}

static sg_corpus *load_dna(const char *actor_column, sg_input_format format)
{
    char *path = dna_sample_path();
    assert_non_null(path);
    sg_load_options o = {0};
    o.format = format;
    o.actor_column = actor_column;
    sg_diag *d = sg_diag_new(0);
    sg_corpus *c = NULL;
    int rc = sg_corpus_load(&c, path, &o, d);
    if (rc)
        print_error("cannot load %s: %s\n", path, sg_error_last());
    assert_int_equal(rc, 0);
    assert_int_equal(sg_diag_count(d), 0);
    sg_diag_free(d);
    free(path);
    return c;
}

/* Counted by hand in statements.csv: 40 rows, 11 with agreement 0 (ids 1,
 * 2, 3, 6, 8, 9, 17, 38, 39, 40, 41), 7 organisations, 6 concepts, 7
 * documents, dates 2005-01-26 .. 2005-02-16. */
static void test_load__dna_sample_organization(void **state)
{
    (void)state;
    sg_corpus *c = load_dna("organization", SG_FORMAT_DNA);
    assert_int_equal(c->nactors, 7);
    assert_int_equal(c->nproposals, 6);
    assert_int_equal(c->nstances, 40);
    assert_int_equal(count_support(c), 29);
    assert_int_equal(c->nsources, 7);
    assert_int_equal(c->skipped, 0);
    assert_int_equal(c->nactor_keys, 0); /* document metadata is no attribute */

    assert_string_equal(c->actors[0].id,
                        "Energy and Environmental Analysis, Inc.");
    assert_string_equal(c->actors[1].id, "Senate");
    assert_string_equal(c->actors[6].id,
                        "National Petrochemical & Refiners Association");
    assert_string_equal(c->proposals[0].id,
                        "CO2 legislation will not hurt the economy.");
    assert_string_equal(c->proposals[5].id, "Cap and trade is the solution.");

    const sg_stance *s = &c->stances[0];
    assert_int_equal(s->actor, 0);
    assert_int_equal(s->proposal, 0);
    assert_int_equal(s->position, SG_OPPOSE); /* agreement 0 */
    assert_int_equal(s->date, 12809);         /* 2005-01-26 */
    assert_int_equal(s->source, 0);
    assert_null(s->quote);
    assert_int_equal(c->stances[3].position, SG_SUPPORT); /* id 4: 1 */
    assert_int_equal(c->stances[39].actor, 6);

    assert_string_equal(c->sources[0].id, "1");
    assert_string_equal(c->sources[0].title, "109-876: Bluestein, Joel-BUS-Y");
    assert_string_equal(c->sources[6].id, "7");

    int32_t first, last;
    sg_corpus_date_range(c, &first, &last);
    assert_int_equal(first, 12809); /* 2005-01-26 */
    assert_int_equal(last, 12830);  /* 2005-02-16 */
    sg_corpus_free(c);
}

/* One person speaks for each organisation in the sample: 7 persons. */
static void test_load__dna_sample_person(void **state)
{
    (void)state;
    sg_corpus *c = load_dna("person", SG_FORMAT_DNA);
    assert_int_equal(c->nactors, 7);
    assert_int_equal(c->nproposals, 6);
    assert_int_equal(c->nstances, 40);
    assert_int_equal(count_support(c), 29);
    static const char *const persons[] = {
        "Joel Bluestein", "George Voinovich", "Christine Todd Whitman",
        "Kateri Callahan", "David Hamilton", "Navin Nayak", "Bob Slaughter"};
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(c->actors[i].id, persons[i]);
    sg_corpus_free(c);
}

/* A semicolon-separated .csv file is recognised as a DNA export. */
static void test_load__dna_sample_sniffed(void **state)
{
    (void)state;
    sg_corpus *c = load_dna(NULL, SG_FORMAT_AUTO);
    assert_int_equal(c->nactors, 7);
    assert_string_equal(c->actors[1].id, "Senate");
    assert_int_equal(c->nstances, 40);
    sg_corpus_free(c);
}

/* ---- regressions: bugs found by these tests, now fixed ------------------ */

/* An empty actor cell, or an id used as both kinds, is invalid input:
 * SG_EINVALID, and the rows after it are still read. */
static void test_load__regression_csv_empty_actor_is_invalid(void **state)
{
    (void)state;
    static const char text[] = "actor,proposal,position\n"
                               ",p,yes\n"
                               "p,a,no\n"
                               "b,p,maybe\n";
    sg_diag *d = load_bad(text, strlen(text), "e.csv", SG_FORMAT_CSV);
    assert_int_equal(sg_diag_count(d), 3);
    assert_string_equal(sg_diag_message(d, 0), "e.csv:2:1: actor is empty");
    sg_diag_free(d);
}

/* sg_diag_errors counts errors beyond the cap (common.h), so the CLI can
 * say "... and 10 more errors". */
static void test_load__regression_errors_counted_past_cap(void **state)
{
    (void)state;
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "actor,proposal,position\n");
    for (int i = 0; i < 60; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "a%d,p,maybe\n", i);
    sg_diag *d = load_bad(text, n, "m.csv", SG_FORMAT_CSV);
    assert_int_equal(sg_diag_count(d), 50);
    assert_int_equal(sg_diag_errors(d), 60);
    sg_diag_free(d);
}

/* Warnings must not crowd errors out of the list. */
static void test_load__regression_warnings_keep_errors(void **state)
{
    (void)state;
    size_t cap = 120 * 100;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap,
                                "{\"stancegraph\": 1, \"actors\": [{\"id\": "
                                "\"a\"}], \"proposals\": [{\"id\": \"p\"}], "
                                "\"stances\": [\n");
    for (int i = 0; i < 100; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "{\"actor\": \"a\", \"proposal\": \"p\", "
                              "\"position\": 1, \"x\": %d},\n",
                              i);
    n += (size_t)snprintf(text + n, cap - n,
                          "{\"actor\": \"nobody\", \"proposal\": \"p\", "
                          "\"position\": 1}]}\n");
    sg_diag *d = load_bad(text, n, "w.json", SG_FORMAT_JSON);
    assert_string_equal(sg_error_last(),
                        "w.json: stances[100].actor: unknown actor \"nobody\"");
    int found = 0;
    for (size_t i = 0; i < sg_diag_count(d); i++)
        found |= sg_diag_level_at(d, i) == SG_DIAG_ERROR;
    assert_true(found);
    sg_diag_free(d);
    free(text);
}

/* A field after a line break inside quotes is on a later line. */
static void test_load__regression_csv_line_after_multiline_field(void **state)
{
    (void)state;
    static const char text[] = "actor,quote,proposal,position\n"
                               "a,\"one\ntwo\",p,maybe\n";
    sg_diag *d = load_bad(text, strlen(text), "l.csv", SG_FORMAT_CSV);
    assert_int_equal(sg_diag_count(d), 1);
    assert_string_equal(sg_diag_message(d, 0),
                        "l.csv:3:8: position \"maybe\" is not one of "
                        "support/oppose, yes/no, agree/disagree, yea/nay, "
                        "1/0, +1/-1 or true/false");
    sg_diag_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load__json_counts_and_title),
        cmocka_unit_test(test_load__json_entities),
        cmocka_unit_test(test_load__json_extra_attributes),
        cmocka_unit_test(test_load__json_sources),
        cmocka_unit_test(test_load__json_stances),
        cmocka_unit_test(test_load__skip_text),
        cmocka_unit_test(test_load__json_stances_first),
        cmocka_unit_test(test_load__json_position_synonyms),
        cmocka_unit_test(test_load__json_warnings_do_not_fail),
        cmocka_unit_test(test_load__json_unterminated_buffer_and_bom),
        cmocka_unit_test(test_load__json_errors_listed),
        cmocka_unit_test(test_load__json_entity_errors),
        cmocka_unit_test(test_load__json_syntax_error),
        cmocka_unit_test(test_load__json_not_an_object),
        cmocka_unit_test(test_load__json_version),
        cmocka_unit_test(test_load__empty_input),
        cmocka_unit_test(test_load__invalid_utf8),
        cmocka_unit_test(test_load__nul_byte),
        cmocka_unit_test(test_load__no_diag),
        cmocka_unit_test(test_load__error_cap),
        cmocka_unit_test(test_load__csv_entities),
        cmocka_unit_test(test_load__csv_extra_columns),
        cmocka_unit_test(test_load__csv_stances),
        cmocka_unit_test(test_load__csv_mixed_column_stays_string),
        cmocka_unit_test(test_load__csv_position_synonyms),
        cmocka_unit_test(test_load__csv_quoting),
        cmocka_unit_test(test_load__tsv),
        cmocka_unit_test(test_load__tsv_sniffed),
        cmocka_unit_test(test_load__csv_column_options),
        cmocka_unit_test(test_load__csv_errors_listed),
        cmocka_unit_test(test_load__csv_header_errors),
        cmocka_unit_test(test_load__csv_quote_errors),
        cmocka_unit_test(test_load__dna_missing_column),
        cmocka_unit_test(test_load__dna_sample_organization),
        cmocka_unit_test(test_load__dna_sample_person),
        cmocka_unit_test(test_load__dna_sample_sniffed),
        cmocka_unit_test(test_load__regression_csv_empty_actor_is_invalid),
        cmocka_unit_test(test_load__regression_errors_counted_past_cap),
        cmocka_unit_test(test_load__regression_warnings_keep_errors),
        cmocka_unit_test(test_load__regression_csv_line_after_multiline_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
