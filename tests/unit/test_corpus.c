/* The corpus model: building, looking up, did-you-mean, dates.
 * Expected day numbers are counted by hand from 1970-01-01 (day 0):
 * 2000-01-01 = 30 * 365 + 7 leap days (72..96) = 10957,
 * 2024-01-01 = 54 * 365 + 13 leap days (72..2020) = 19723,
 * 2025-01-01 = 19723 + 366 = 20089. */
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

static sg_corpus *fresh(void)
{
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_new(&c), 0);
    assert_non_null(c);
    assert_int_equal(c->nactors, 0);
    assert_int_equal(c->nproposals, 0);
    assert_int_equal(c->nstances, 0);
    assert_int_equal(c->nsources, 0);
    assert_null(c->title);
    return c;
}

static size_t add(sg_corpus *c, sg_node_kind kind, const char *id)
{
    sg_entity e = {0};
    e.id = id;
    size_t index = 12345;
    assert_int_equal(sg_corpus_add_entity(c, kind, &e, &index), 0);
    return index;
}

/* ---- building -------------------------------------------------------- */

static void test_corpus__new_and_free(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    sg_corpus_free(c);
    sg_corpus_free(NULL); /* accepted */
}

static void test_corpus__add_entity(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    char id[] = "zelensky", label[] = "Volodymyr Zelensky";
    sg_entity e = {0};
    e.id = id;
    e.label = label;
    e.type = "person";
    e.group = "Ukraine";
    size_t index = 99;
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, &index), 0);
    assert_int_equal(index, 0);
    /* The corpus keeps copies. */
    id[0] = 'X';
    label[0] = 'X';
    assert_string_equal(c->actors[0].id, "zelensky");
    assert_string_equal(c->actors[0].label, "Volodymyr Zelensky");
    assert_string_equal(c->actors[0].type, "person");
    assert_string_equal(c->actors[0].group, "Ukraine");
    assert_null(c->actors[0].topic);
    assert_int_equal(c->actors[0].nattrs, 0);

    assert_int_equal(add(c, SG_ACTOR, "trump"), 1);
    assert_int_equal(add(c, SG_PROPOSAL, "ceasefire"), 0);
    assert_int_equal(c->nactors, 2);
    assert_int_equal(c->nproposals, 1);
    /* No label: the label is the id. */
    assert_string_equal(c->actors[1].label, "trump");
    assert_string_equal(c->proposals[0].label, "ceasefire");
    /* index_out may be NULL. */
    sg_entity p = {0};
    p.id = "minerals";
    p.topic = "economy";
    assert_int_equal(sg_corpus_add_entity(c, SG_PROPOSAL, &p, NULL), 0);
    assert_string_equal(c->proposals[1].topic, "economy");
    sg_corpus_free(c);
}

static void test_corpus__duplicate_id_rejected(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    add(c, SG_ACTOR, "nato");
    add(c, SG_PROPOSAL, "ceasefire");
    sg_entity e = {0};
    e.id = "nato";
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, NULL), SG_EINVALID);
    assert_int_equal(c->nactors, 1);
    /* One id space for actors and proposals. */
    assert_int_equal(sg_corpus_add_entity(c, SG_PROPOSAL, &e, NULL),
                     SG_EINVALID);
    e.id = "ceasefire";
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, NULL), SG_EINVALID);
    assert_int_equal(c->nactors, 1);
    assert_int_equal(c->nproposals, 1);
    /* Ids are compared exactly: a different case is another id. */
    e.id = "NATO";
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, NULL), 0);
    assert_int_equal(c->nactors, 2);
    sg_corpus_free(c);
}

static void test_corpus__empty_id_rejected(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    sg_entity e = {0};
    assert_int_equal(sg_corpus_add_entity(c, SG_ACTOR, &e, NULL), SG_EINVALID);
    e.id = "";
    assert_int_equal(sg_corpus_add_entity(c, SG_PROPOSAL, &e, NULL),
                     SG_EINVALID);
    assert_int_equal(c->nactors, 0);
    assert_int_equal(c->nproposals, 0);
    sg_corpus_free(c);
}

static void test_corpus__many_entities(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    char id[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(id, sizeof id, "actor-%d", i);
        assert_int_equal(add(c, SG_ACTOR, id), (size_t)i);
    }
    for (int i = 0; i < 5000; i += 999) {
        snprintf(id, sizeof id, "actor-%d", i);
        sg_node_kind k;
        size_t at;
        assert_int_equal(sg_corpus_find(c, id, &k, &at), 0);
        assert_int_equal(k, SG_ACTOR);
        assert_int_equal(at, (size_t)i);
        assert_string_equal(c->actors[at].id, id);
    }
    sg_corpus_free(c);
}

static void test_corpus__set_attr_replaces(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    add(c, SG_ACTOR, "a");
    char text[] = "Green";
    sg_value v = {SG_VALUE_STRING, text, 0};
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "party", &v), 0);
    text[0] = 'X'; /* copied */
    assert_string_equal(c->actors[0].attrs[0].value.str, "Green");
    sg_value v2 = {SG_VALUE_STRING, "Civic", 0};
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "party", &v2), 0);
    assert_int_equal(c->actors[0].nattrs, 1);
    assert_int_equal(c->nactor_keys, 1);
    assert_string_equal(c->actors[0].attrs[0].value.str, "Civic");

    sg_value n = {SG_VALUE_NUMBER, NULL, 14};
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "seats", &n), 0);
    assert_int_equal(c->actors[0].nattrs, 2);
    assert_int_equal(c->actors[0].attrs[1].key, 1);
    assert_string_equal(c->actor_keys[1].name, "seats");
    assert_int_equal(c->actor_keys[1].type, SG_VALUE_NUMBER);
    assert_true(c->actors[0].attrs[1].value.num == 14);
    sg_corpus_free(c);
}

static void test_corpus__set_attr_errors(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    add(c, SG_ACTOR, "a");
    sg_value v = {SG_VALUE_NUMBER, NULL, 1};
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 1, "k", &v), SG_EUSAGE);
    assert_int_equal(sg_corpus_set_attr(c, SG_PROPOSAL, 0, "k", &v),
                     SG_EUSAGE);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "", &v), SG_EINVALID);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, NULL, &v),
                     SG_EINVALID);
    v.num = INFINITY;
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "k", &v), SG_EINVALID);
    v.num = NAN;
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "k", &v), SG_EINVALID);
    assert_int_equal(c->actors[0].nattrs, 0);
    assert_int_equal(c->nactor_keys, 0);
    sg_corpus_free(c);
}

/* A key whose values disagree in type is declared a string key. */
static void test_corpus__attr_type_unification(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    add(c, SG_ACTOR, "a");
    add(c, SG_ACTOR, "b");
    add(c, SG_PROPOSAL, "p");
    sg_value num = {SG_VALUE_NUMBER, NULL, 3};
    sg_value str = {SG_VALUE_STRING, "many", 0};
    sg_value yes = {SG_VALUE_BOOL, NULL, 1};

    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "seats", &num), 0);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 1, "seats", &num), 0);
    assert_int_equal(c->actor_keys[0].type, SG_VALUE_NUMBER);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 1, "seats", &str), 0);
    assert_int_equal(c->nactor_keys, 1);
    assert_int_equal(c->actor_keys[0].type, SG_VALUE_STRING);
    /* Each value keeps its own type. */
    assert_int_equal(c->actors[0].attrs[0].value.type, SG_VALUE_NUMBER);
    assert_int_equal(c->actors[1].attrs[0].value.type, SG_VALUE_STRING);

    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 0, "ok", &yes), 0);
    assert_int_equal(c->actor_keys[1].type, SG_VALUE_BOOL);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 1, "ok", &yes), 0);
    assert_int_equal(c->actor_keys[1].type, SG_VALUE_BOOL);
    assert_int_equal(sg_corpus_set_attr(c, SG_ACTOR, 1, "ok", &num), 0);
    assert_int_equal(c->actor_keys[1].type, SG_VALUE_STRING);

    /* Proposal keys are separate. */
    assert_int_equal(sg_corpus_set_attr(c, SG_PROPOSAL, 0, "seats", &yes), 0);
    assert_int_equal(c->nproposal_keys, 1);
    assert_int_equal(c->proposal_keys[0].type, SG_VALUE_BOOL);
    assert_int_equal(c->nactor_keys, 2);
    sg_corpus_free(c);
}

static void test_corpus__sources(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    sg_source s = {0};
    s.id = "kp";
    s.title = "Kyiv Post";
    s.file = "kp.txt";
    s.date = 20131;
    size_t index = 9;
    assert_int_equal(sg_corpus_add_source(c, &s, &index), 0);
    assert_int_equal(index, 0);
    s.id = "bbc";
    s.title = NULL;
    s.file = NULL;
    s.date = SG_NO_DATE;
    assert_int_equal(sg_corpus_add_source(c, &s, &index), 0);
    assert_int_equal(index, 1);
    assert_int_equal(sg_corpus_add_source(c, &s, NULL), SG_EINVALID);
    s.id = "";
    assert_int_equal(sg_corpus_add_source(c, &s, NULL), SG_EINVALID);
    s.id = NULL;
    assert_int_equal(sg_corpus_add_source(c, &s, NULL), SG_EINVALID);
    assert_int_equal(c->nsources, 2);
    assert_string_equal(c->sources[0].title, "Kyiv Post");
    assert_string_equal(c->sources[0].file, "kp.txt");
    assert_int_equal(c->sources[0].date, 20131);
    assert_null(c->sources[1].title);
    assert_int_equal(sg_corpus_find_source(c, "kp"), 0);
    assert_int_equal(sg_corpus_find_source(c, "bbc"), 1);
    assert_int_equal(sg_corpus_find_source(c, "cnn"), -1);
    assert_int_equal(sg_corpus_find_source(c, NULL), -1);
    /* Source ids are a separate name space from entity ids. */
    add(c, SG_ACTOR, "kp");
    assert_int_equal(c->nactors, 1);
    sg_corpus_free(c);
}

static void test_corpus__add_stance(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    add(c, SG_ACTOR, "a");
    add(c, SG_PROPOSAL, "p");
    sg_source src = {0};
    src.id = "s";
    assert_int_equal(sg_corpus_add_source(c, &src, NULL), 0);

    char quote[] = "We agree.";
    sg_stance s = {0};
    s.actor = 0;
    s.proposal = 0;
    s.position = SG_SUPPORT;
    s.date = SG_NO_DATE;
    s.source = 0;
    s.weight = 1.5;
    s.quote = quote;
    assert_int_equal(sg_corpus_add_stance(c, &s), 0);
    quote[0] = 'X';
    assert_int_equal(c->nstances, 1);
    assert_string_equal(c->stances[0].quote, "We agree.");
    assert_null(c->stances[0].note);
    assert_true(c->stances[0].weight == 1.5);

    sg_stance bad = s;
    bad.weight = 0;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EINVALID);
    bad.weight = -1;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EINVALID);
    bad.weight = NAN;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EINVALID);
    bad.weight = INFINITY;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EINVALID);
    bad = s;
    bad.position = 0;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EINVALID);
    bad.position = 2;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EINVALID);
    bad = s;
    bad.actor = 1;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EUSAGE);
    bad = s;
    bad.proposal = 1;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EUSAGE);
    bad = s;
    bad.source = 1;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EUSAGE);
    bad.source = -2;
    assert_int_equal(sg_corpus_add_stance(c, &bad), SG_EUSAGE);
    assert_int_equal(c->nstances, 1);

    s.source = SG_NO_SOURCE;
    s.position = SG_OPPOSE;
    s.quote = NULL;
    s.note = "n";
    assert_int_equal(sg_corpus_add_stance(c, &s), 0);
    assert_int_equal(c->nstances, 2);
    assert_int_equal(c->stances[1].position, SG_OPPOSE);
    assert_int_equal(c->stances[1].source, SG_NO_SOURCE);
    assert_string_equal(c->stances[1].note, "n");
    sg_corpus_free(c);
}

static void test_corpus__title(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    char t[] = "Talks";
    assert_int_equal(sg_corpus_set_title(c, t), 0);
    t[0] = 'X';
    assert_string_equal(c->title, "Talks");
    sg_corpus_free(c);
}

/* ---- looking up ------------------------------------------------------ */

static void test_corpus__find(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    add(c, SG_ACTOR, "a");
    add(c, SG_ACTOR, "b");
    add(c, SG_PROPOSAL, "p");
    sg_node_kind k = SG_ACTOR;
    size_t i = 0;
    assert_int_equal(sg_corpus_find(c, "p", &k, &i), 0);
    assert_int_equal(k, SG_PROPOSAL);
    assert_int_equal(i, 0);
    assert_int_equal(sg_corpus_find(c, "b", &k, &i), 0);
    assert_int_equal(k, SG_ACTOR);
    assert_int_equal(i, 1);
    assert_int_equal(sg_corpus_find(c, "b", NULL, NULL), 0);
    assert_int_equal(sg_corpus_find(c, "c", &k, &i), SG_EINVALID);
    assert_int_equal(sg_corpus_find(c, "", &k, &i), SG_EINVALID);
    assert_int_equal(sg_corpus_find(c, NULL, &k, &i), SG_EINVALID);
    sg_corpus_free(c);
}

static void test_corpus__suggest(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    add(c, SG_ACTOR, "zelensky");
    add(c, SG_ACTOR, "trump");
    add(c, SG_ACTOR, "putin");
    add(c, SG_PROPOSAL, "ceasefire");

    const char *s = sg_corpus_suggest(c, SG_ACTOR, "zelenksy"); /* swap: 2 */
    assert_non_null(s);
    assert_string_equal(s, "zelensky");
    s = sg_corpus_suggest(c, SG_ACTOR, "zelenskyy"); /* one insertion */
    assert_non_null(s);
    assert_string_equal(s, "zelensky");
    s = sg_corpus_suggest(c, SG_ACTOR, "tump"); /* 4 letters: 1 edit */
    assert_non_null(s);
    assert_string_equal(s, "trump");
    /* Far words get nothing. */
    assert_null(sg_corpus_suggest(c, SG_ACTOR, "macron"));
    assert_null(sg_corpus_suggest(c, SG_ACTOR, "biden"));
    /* Threshold: 5 letters allow one edit, "pXtXn" is two from "putin". */
    assert_null(sg_corpus_suggest(c, SG_ACTOR, "pxtxn"));
    /* 8 letters allow two edits, not three. */
    assert_null(sg_corpus_suggest(c, SG_ACTOR, "zalanskx"));
    /* Only the asked kind is searched. */
    assert_null(sg_corpus_suggest(c, SG_ACTOR, "ceasefir"));
    s = sg_corpus_suggest(c, SG_PROPOSAL, "ceasefir");
    assert_non_null(s);
    assert_string_equal(s, "ceasefire");
    assert_null(sg_corpus_suggest(c, SG_PROPOSAL, "zelenksy"));
    sg_corpus_free(c);
}

static void test_corpus__suggest_empty_corpus(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    assert_null(sg_corpus_suggest(c, SG_ACTOR, "anything"));
    assert_null(sg_corpus_suggest(c, SG_PROPOSAL, ""));
    sg_corpus_free(c);
}

/* ---- dates ------------------------------------------------------------ */

static int32_t parse(const char *s, int allow_time)
{
    int32_t d = 0;
    int rc = sg_date_parse(&d, s, allow_time);
    if (rc) {
        print_error("sg_date_parse(\"%s\", %d) failed\n", s, allow_time);
        fail();
    }
    return d;
}

static void rejected(const char *s, int allow_time)
{
    int32_t d = 0;
    if (sg_date_parse(&d, s, allow_time) != SG_EINVALID) {
        print_error("sg_date_parse(\"%s\", %d) accepted it as %d\n",
                    s ? s : "(null)", allow_time, (int)d);
        fail();
    }
}

static void test_corpus__date_parse_values(void **state)
{
    (void)state;
    assert_int_equal(parse("1970-01-01", 0), 0);
    assert_int_equal(parse("1970-01-02", 0), 1);
    assert_int_equal(parse("1969-12-31", 0), -1);
    assert_int_equal(parse("1971-01-01", 0), 365);
    assert_int_equal(parse("2000-01-01", 0), 10957);
    assert_int_equal(parse("2000-02-29", 0), 10957 + 31 + 28);
    assert_int_equal(parse("2000-03-01", 0), 10957 + 31 + 29);
    assert_int_equal(parse("2024-02-29", 0), 19723 + 31 + 28);
    assert_int_equal(parse("2025-02-12", 0), 20131);
    assert_int_equal(parse("2025-12-31", 0), 20089 + 364);
    assert_int_equal(parse("1000-01-01", 0), -354285);
    assert_int_equal(parse("9999-12-31", 0), 2932896);
}

static void test_corpus__date_parse_rejections(void **state)
{
    (void)state;
    rejected("2023-02-29", 0); /* not a leap year */
    rejected("1900-02-29", 0); /* divisible by 100, not by 400 */
    rejected("2100-02-29", 0);
    rejected("2025-02-30", 0);
    rejected("2025-04-31", 0);
    rejected("2025-13-01", 0);
    rejected("2025-00-10", 0);
    rejected("2025-01-00", 0);
    rejected("2025-01-32", 0);
    rejected("0999-12-31", 0); /* years 1000-9999 */
    rejected("25-02-01", 0);
    rejected("2025-2-01", 0);
    rejected("2025/02/01", 0);
    rejected("20250201", 0);
    rejected("2025-02-1x", 0);
    rejected("-025-02-01", 0);
    rejected("+2025-02-01", 0);
    rejected(" 2025-02-01", 0);
    rejected("2025-02-01 ", 0);
    rejected("", 0);
    rejected(NULL, 0);
}

static void test_corpus__date_parse_time_suffix(void **state)
{
    (void)state;
    assert_int_equal(parse("2025-02-12 10:30", 1), 20131);
    assert_int_equal(parse("2025-02-12 00:00:00", 1), 20131);
    assert_int_equal(parse("2025-02-12T23:59:59", 1), 20131);
    assert_int_equal(parse("2025-02-12", 1), 20131);
    /* Only when allowed. */
    rejected("2025-02-12 10:30", 0);
    rejected("2025-02-12T10:30", 0);
    /* A time must be a time. */
    rejected("2025-02-12 24:00", 1);
    rejected("2025-02-12 10:60", 1);
    rejected("2025-02-12 1:30", 1);
    rejected("2025-02-12 10", 1);
    rejected("2025-02-12 ", 1);
    rejected("2025-02-12T", 1);
    rejected("2025-02-12x10:30", 1);
    rejected("2025-02-30 10:30", 1); /* the date is still checked */
}

static void test_corpus__date_format(void **state)
{
    (void)state;
    char buf[16];
    sg_date_format(buf, 0);
    assert_string_equal(buf, "1970-01-01");
    sg_date_format(buf, -1);
    assert_string_equal(buf, "1969-12-31");
    sg_date_format(buf, 20131);
    assert_string_equal(buf, "2025-02-12");
    sg_date_format(buf, 19782);
    assert_string_equal(buf, "2024-02-29");
    sg_date_format(buf, 11016);
    assert_string_equal(buf, "2000-02-29");
    sg_date_format(buf, -354285);
    assert_string_equal(buf, "1000-01-01");
    sg_date_format(buf, 2932896);
    assert_string_equal(buf, "9999-12-31");
    strcpy(buf, "junk");
    sg_date_format(buf, SG_NO_DATE);
    assert_string_equal(buf, "");
}

/* Every day from 1000-01-01 to 9999-12-31 formats and parses back, and
 * consecutive days differ by one. */
static void test_corpus__date_round_trip(void **state)
{
    (void)state;
    char buf[16];
    char prev[16] = "";
    for (int32_t d = -354285; d <= 2932896; d++) {
        sg_date_format(buf, d);
        int32_t back = 0;
        if (sg_date_parse(&back, buf, 0) != 0 || back != d) {
            print_error("day %d formats as \"%s\", parses as %d\n", (int)d,
                        buf, (int)back);
            fail();
        }
        if (strcmp(prev, buf) >= 0) {
            print_error("day %d: \"%s\" does not follow \"%s\"\n", (int)d, buf,
                        prev);
            fail();
        }
        strcpy(prev, buf);
    }
}

static void test_corpus__date_range(void **state)
{
    (void)state;
    sg_corpus *c = fresh();
    int32_t first = 1, last = 1;
    sg_corpus_date_range(c, &first, &last);
    assert_int_equal(first, SG_NO_DATE);
    assert_int_equal(last, SG_NO_DATE);

    add(c, SG_ACTOR, "a");
    add(c, SG_PROPOSAL, "p");
    sg_stance s = {0};
    s.position = SG_SUPPORT;
    s.weight = 1;
    s.source = SG_NO_SOURCE;
    s.date = SG_NO_DATE;
    assert_int_equal(sg_corpus_add_stance(c, &s), 0);
    sg_corpus_date_range(c, &first, &last);
    assert_int_equal(first, SG_NO_DATE);
    assert_int_equal(last, SG_NO_DATE);

    static const int32_t dates[] = {20131, SG_NO_DATE, 19782, -1, 20200,
                                    SG_NO_DATE};
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        s.date = dates[i];
        assert_int_equal(sg_corpus_add_stance(c, &s), 0);
    }
    sg_corpus_date_range(c, &first, &last);
    assert_int_equal(first, -1);
    assert_int_equal(last, 20200);
    sg_corpus_free(c);
}

/* ---- regressions ------------------------------------------------------ */

/* corpus.h: only " HH:MM[:SS]" or "THH:MM..." may follow the date. */
static void test_corpus__regression_date_time_trailing_text(void **state)
{
    (void)state;
    rejected("2025-02-12 10:30garbage", 1);
    rejected("2025-02-12 10:30:xx", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus__new_and_free),
        cmocka_unit_test(test_corpus__add_entity),
        cmocka_unit_test(test_corpus__duplicate_id_rejected),
        cmocka_unit_test(test_corpus__empty_id_rejected),
        cmocka_unit_test(test_corpus__many_entities),
        cmocka_unit_test(test_corpus__set_attr_replaces),
        cmocka_unit_test(test_corpus__set_attr_errors),
        cmocka_unit_test(test_corpus__attr_type_unification),
        cmocka_unit_test(test_corpus__sources),
        cmocka_unit_test(test_corpus__add_stance),
        cmocka_unit_test(test_corpus__title),
        cmocka_unit_test(test_corpus__find),
        cmocka_unit_test(test_corpus__suggest),
        cmocka_unit_test(test_corpus__suggest_empty_corpus),
        cmocka_unit_test(test_corpus__date_parse_values),
        cmocka_unit_test(test_corpus__date_parse_rejections),
        cmocka_unit_test(test_corpus__date_parse_time_suffix),
        cmocka_unit_test(test_corpus__date_format),
        cmocka_unit_test(test_corpus__date_round_trip),
        cmocka_unit_test(test_corpus__date_range),
        cmocka_unit_test(test_corpus__regression_date_time_trailing_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
