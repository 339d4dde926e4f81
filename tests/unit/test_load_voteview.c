/* Voteview's roll-call files (src/input/load_voteview.c).
 *
 * tests/data/voteview/mini-*.csv is the roll call of test_rollcall.c, worked
 * by hand there, written as Voteview's downloads: d1..d4 are members
 * 10001..10004 (party 100), r1..r3 20001..20003 (200), i1 30001 (328); p1..p6
 * are roll calls 1..6 of the 109th Senate; cells missing there are cast
 * codes 0, 7, 8 and 9 here, and the yeas and nays use every code 1-6. The
 * president (99910, chamber President) votes yea on p1 only, against the
 * Republicans' nay. Counts by hand: 45 yea or nay votes (26 yea), 3 present
 * or not voting (codes 7, 8, 9), 1 not a member (code 0). Party unity:
 * 10003 2/3, 20003 1/2, the president 0/1, the independent none, the
 * others 1. */
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
#include "input/load.h"

static char *path_of(const char *env, const char *name)
{
    const char *dir = getenv(env);
    assert_non_null(dir);
    char *p = malloc(strlen(dir) + strlen(name) + 2);
    assert_non_null(p);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

static sg_corpus *load(const char *votes, const char *members,
                       const char *rollcalls, sg_input_format format,
                       size_t want_warnings)
{
    char *v = path_of("SG_TEST_DATA", votes);
    char *m = members ? path_of("SG_TEST_DATA", members) : NULL;
    char *r = rollcalls ? path_of("SG_TEST_DATA", rollcalls) : NULL;
    sg_load_options o = {0};
    o.format = format;
    o.members = m;
    o.rollcalls = r;
    sg_diag *d = sg_diag_new(50);
    sg_corpus *c = NULL;
    int rc = sg_corpus_load(&c, v, &o, d);
    for (size_t i = 0; i < sg_diag_count(d); i++)
        print_message("  %s\n", sg_diag_message(d, i));
    assert_int_equal(rc, 0);
    assert_int_equal(sg_diag_errors(d), 0);
    assert_int_equal(sg_diag_warnings(d), want_warnings);
    assert_int_equal(sg_corpus_format(c), SG_FORMAT_VOTEVIEW);
    sg_diag_free(d);
    free(v);
    free(m);
    free(r);
    return c;
}

static const sg_value *attr(const sg_corpus *c, sg_node_kind kind, size_t i,
                            const char *key)
{
    const sg_entity *e = kind == SG_ACTOR ? &c->actors[i] : &c->proposals[i];
    const sg_attr_key *keys =
        kind == SG_ACTOR ? c->actor_keys : c->proposal_keys;
    for (size_t j = 0; j < e->nattrs; j++)
        if (strcmp(keys[e->attrs[j].key].name, key) == 0)
            return &e->attrs[j].value;
    return NULL;
}

static size_t index_of(const sg_corpus *c, const char *id)
{
    size_t i;
    assert_int_equal(sg_corpus_find(c, id, NULL, &i), 0);
    return i;
}

/* The position of member `actor` on roll call `proposal`: +1, -1, or 0
 * without a stance. */
static int vote_of(const sg_corpus *c, const char *actor, const char *prop)
{
    size_t a = index_of(c, actor), p = index_of(c, prop);
    for (size_t i = 0; i < c->nstances; i++)
        if (c->stances[i].actor == a && c->stances[i].proposal == p)
            return c->stances[i].position;
    return 0;
}

static void test_load_voteview__mini(void **state)
{
    (void)state;
    /* One warning: roll call 6 has no row in the roll-calls file. */
    sg_corpus *c = load("voteview/mini-votes.csv", "voteview/mini-members.csv",
                        "voteview/mini-rollcalls.csv", SG_FORMAT_AUTO, 1);
    assert_int_equal(c->nactors, 9);
    assert_int_equal(c->nproposals, 6);
    assert_int_equal(c->nstances, 45);
    size_t yea = 0;
    for (size_t i = 0; i < c->nstances; i++)
        yea += c->stances[i].position == SG_SUPPORT;
    assert_int_equal(yea, 26);
    assert_int_equal(c->skipped, 3); /* codes 7, 8, 9; code 0 is no vote */
    /* Actors in the order they first vote; the president last (his code 9
     * rows come to nothing). */
    static const char *const order[] = {"10001", "10002", "10003",
                                        "10004", "20001", "20002",
                                        "20003", "30001", "99910"};
    for (size_t i = 0; i < 9; i++)
        assert_string_equal(c->actors[i].id, order[i]);
    /* The 109th Congress's row, not the 108th's (which says party 200). */
    assert_string_equal(c->actors[0].label, "ADAMS, Ann");
    assert_string_equal(c->actors[0].type, "senator");
    assert_string_equal(c->actors[0].group, "Democrat");
    assert_string_equal(attr(c, SG_ACTOR, 0, "party")->str, "Democrat");
    assert_string_equal(attr(c, SG_ACTOR, 0, "state")->str, "MA");
    assert_true(attr(c, SG_ACTOR, 0, "nominate_dim1")->num == -0.412);
    /* "100.0", as some Voteview files write it, is 100. */
    assert_string_equal(attr(c, SG_ACTOR, 1, "party")->str, "Democrat");
    assert_null(attr(c, SG_ACTOR, 1, "nominate_dim2"));
    assert_string_equal(c->actors[7].group, "Independent");
    assert_string_equal(c->actors[8].type, "president");
    assert_string_equal(c->actors[8].group, "Republican");
    /* Codes: 1-3 yea, 4-6 nay, 0 and 7-9 no stance. */
    assert_int_equal(vote_of(c, "10002", "RS1090001"), SG_SUPPORT); /* 2 */
    assert_int_equal(vote_of(c, "10003", "RS1090001"), SG_SUPPORT); /* 3 */
    assert_int_equal(vote_of(c, "20002", "RS1090001"), SG_OPPOSE);  /* 4 */
    assert_int_equal(vote_of(c, "20003", "RS1090001"), SG_OPPOSE);  /* 5 */
    assert_int_equal(vote_of(c, "20001", "RS1090001"), SG_OPPOSE);  /* 6 */
    assert_int_equal(vote_of(c, "99910", "RS1090001"), SG_SUPPORT);
    assert_int_equal(vote_of(c, "10003", "RS1090004"), 0); /* 0 */
    assert_int_equal(vote_of(c, "20003", "RS1090005"), 0); /* 7 */
    assert_int_equal(vote_of(c, "30001", "RS1090006"), 0); /* 8 */
    assert_int_equal(vote_of(c, "30001", "RS1090003"), 0); /* 9 */
    /* Roll calls: Voteview's ids; the label is vote_desc, else dtl_desc,
     * else bill and question; the Senate's rows, not the House's. */
    size_t p1 = index_of(c, "RS1090001");
    assert_string_equal(c->proposals[p1].label,
                        "Confirmation of a Secretary of State, of California");
    assert_string_equal(attr(c, SG_PROPOSAL, p1, "bill")->str, "PN8");
    assert_string_equal(attr(c, SG_PROPOSAL, p1, "question")->str,
                        "On the Nomination");
    assert_string_equal(attr(c, SG_PROPOSAL, p1, "result")->str, "Confirmed");
    assert_string_equal(c->proposals[index_of(c, "RS1090002")].label,
                        "A bill to amend procedures");
    assert_string_equal(c->proposals[index_of(c, "RS1090003")].label,
                        "H.R.3: On the Amendment");
    assert_string_equal(c->proposals[index_of(c, "RS1090004")].label,
                        "RS1090004");
    /* Dates: 2005-01-26 is 35 * 365 + 9 leap days + 25 = 12809 days; roll
     * call 6 has no row, so no date. */
    for (size_t i = 0; i < c->nstances; i++) {
        const sg_stance *s = &c->stances[i];
        if (s->proposal == p1)
            assert_int_equal(s->date, 12809);
        if (s->proposal == index_of(c, "RS1090006"))
            assert_int_equal(s->date, SG_NO_DATE);
    }
    sg_corpus_free(c);
}

static void test_load_voteview__unity(void **state)
{
    (void)state;
    sg_corpus *c = load("voteview/mini-votes.csv", "voteview/mini-members.csv",
                        "voteview/mini-rollcalls.csv", SG_FORMAT_AUTO, 1);
    sg_rollcall *r = NULL;
    assert_int_equal(sg_rollcall_run(&r, c, NULL, NULL), 0);
    assert_int_equal(r->nactors, 9);
    /* p1, p2 and p5 (see test_rollcall.c). */
    assert_int_equal(r->party_votes, 3);
    for (size_t i = 0; i < r->nactors; i++) {
        const char *id = r->actor_id[i];
        double want = strcmp(id, "10003") == 0   ? 2.0 / 3.0
                      : strcmp(id, "20003") == 0 ? 0.5
                      : strcmp(id, "99910") == 0 ? 0.0
                      : strcmp(id, "30001") == 0 ? NAN
                                                 : 1.0;
        if (isnan(want))
            assert_true(isnan(r->unity[i]));
        else
            assert_true(fabs(r->unity[i] - want) < 1e-12);
    }
    sg_rollcall_free(r);
    sg_corpus_free(c);
}

/* Columns in any order, extra ones ignored; without the side files the
 * ids are the labels and nothing else is known. */
static void test_load_voteview__any_column_order(void **state)
{
    (void)state;
    const char *text = "prob,cast_code,note,icpsr,rollnumber,chamber,congress\n"
                       "99.0,1,x,10001,1,Senate,109\n"
                       "50.0,6,,10002,1,Senate,109\n"
                       ",9,,10003,1,Senate,109\n"
                       "88,4,,10001,2,Senate,109.0\n";
    sg_corpus *c = NULL;
    sg_diag *d = sg_diag_new(10);
    assert_int_equal(sg_corpus_load_buffer(&c, text, strlen(text), "v.csv",
                                           NULL, d),
                     0);
    assert_int_equal(sg_corpus_format(c), SG_FORMAT_VOTEVIEW);
    assert_int_equal(c->nactors, 2);
    assert_int_equal(c->nproposals, 2);
    assert_int_equal(c->nstances, 3);
    assert_int_equal(c->skipped, 1);
    assert_string_equal(c->actors[0].label, "10001");
    assert_null(c->actors[0].group);
    assert_int_equal(vote_of(c, "10001", "RS1090001"), SG_SUPPORT);
    assert_int_equal(vote_of(c, "10002", "RS1090001"), SG_OPPOSE);
    assert_int_equal(vote_of(c, "10001", "RS1090002"), SG_OPPOSE);
    sg_corpus_free(c);
    /* Without congress and chamber the id is R and the number. */
    const char *bare = "icpsr,rollnumber,cast_code\n7,12,1\n";
    assert_int_equal(sg_corpus_load_buffer(&c, bare, strlen(bare), "b.csv",
                                           NULL, d),
                     0);
    assert_string_equal(c->proposals[0].id, "R0012");
    sg_corpus_free(c);
    sg_diag_free(d);
}

/* Detection: a Voteview header, and only that; a stance table that also
 * carries icpsr, rollnumber and cast_code stays a stance table. */
static void test_load_voteview__detection(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        sg_input_format want;
    } cases[] = {
        {"congress,chamber,rollnumber,icpsr,cast_code,prob\n"
         "109,Senate,1,49700,6,99\n",
         SG_FORMAT_VOTEVIEW},
        {"\"icpsr\";\"rollnumber\";\"cast_code\"\n49700;1;6\n",
         SG_FORMAT_VOTEVIEW},
        {"actor,proposal,position,icpsr,rollnumber,cast_code\n"
         "frist,s1,yea,1,1,1\n",
         SG_FORMAT_CSV},
        {"actor,proposal,stance,icpsr,rollnumber,cast_code\n"
         "frist,s1,yea,1,1,1\n",
         SG_FORMAT_CSV},
        {"actor,actor_label,icpsr,proposal,date,position\n"
         "frist-tn,FRIST,49703,s1-001,2005-01-06,nay\n",
         SG_FORMAT_CSV},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        sg_corpus *c = NULL;
        assert_int_equal(sg_corpus_load_buffer(&c, cases[k].text,
                                               strlen(cases[k].text), "t.csv",
                                               NULL, NULL),
                         0);
        assert_int_equal(sg_corpus_format(c), cases[k].want);
        sg_corpus_free(c);
    }
    /* --position (or --actor, --proposal) says it is a stance table. */
    const char *t = "icpsr,rollnumber,cast_code,actor,proposal,vote\n"
                    "1,1,1,a,p,yea\n";
    sg_load_options o = {0};
    o.position_column = "vote";
    sg_corpus *c = NULL;
    assert_int_equal(sg_corpus_load_buffer(&c, t, strlen(t), "t.csv", &o,
                                           NULL),
                     0);
    assert_int_equal(sg_corpus_format(c), SG_FORMAT_CSV);
    sg_corpus_free(c);
    /* --members with a stance table is a usage error, not ignored. */
    o.position_column = NULL;
    o.members = "members.csv";
    const char *plain = "actor,proposal,position\na,p,yea\n";
    assert_int_equal(sg_corpus_load_buffer(&c, plain, strlen(plain), "t.csv",
                                           &o, NULL),
                     SG_EUSAGE);
    assert_null(c);
}

/* Poole and Rosenthal's party codes (pscl's partycodes); a code they do
 * not list has no name. */
static void test_load_voteview__party_names(void **state)
{
    (void)state;
    assert_string_equal(sg_voteview_party(100), "Democrat");
    assert_string_equal(sg_voteview_party(200), "Republican");
    assert_string_equal(sg_voteview_party(328), "Independent");
    assert_string_equal(sg_voteview_party(329), "Ind. Democrat");
    assert_string_equal(sg_voteview_party(1), "Federalist");
    assert_string_equal(sg_voteview_party(29), "Whig");
    assert_string_equal(sg_voteview_party(8888), "Adams-Clay Republican");
    assert_null(sg_voteview_party(0));
    assert_null(sg_voteview_party(101 + 1));
    assert_null(sg_voteview_party(9876));
}

static const char *attr_str(const sg_corpus *c, size_t a, const char *key)
{
    const sg_value *v = attr(c, SG_ACTOR, a, key);
    static char num[32];
    if (v && v->type == SG_VALUE_NUMBER) {
        snprintf(num, sizeof num, "%.0f", v->num);
        return num;
    }
    return v ? v->str : NULL;
}

/* graphs/voteview/S109_*.csv is pscl's s109 written as Voteview's files,
 * graphs/us-senate-109.csv the same data as a stance table: both give the
 * same votes, the same ideal points and the same party unity. */
static void test_load_voteview__same_as_stance_table(void **state)
{
    (void)state;
    char *csv = path_of("SG_GRAPHS", "us-senate-109.csv");
    char *votes = path_of("SG_GRAPHS", "voteview/S109_votes.csv");
    char *members = path_of("SG_GRAPHS", "voteview/S109_members.csv");
    char *rollcalls = path_of("SG_GRAPHS", "voteview/S109_rollcalls.csv");
    sg_corpus *a = NULL, *b = NULL;
    assert_int_equal(sg_corpus_load(&a, csv, NULL, NULL), 0);
    sg_load_options o = {0};
    o.members = members;
    o.rollcalls = rollcalls;
    assert_int_equal(sg_corpus_load(&b, votes, &o, NULL), 0);
    assert_int_equal(a->nactors, 102);
    assert_int_equal(b->nactors, 102);
    assert_int_equal(a->nproposals, b->nproposals);
    assert_int_equal(a->nstances, 62857);
    assert_int_equal(b->nstances, 62857);
    assert_int_equal(a->skipped, b->skipped);
    /* Actor i of one is actor i of the other (by ICPSR number), with the
     * same party and state. */
    for (size_t i = 0; i < a->nactors; i++) {
        assert_string_equal(attr_str(a, i, "icpsr"), b->actors[i].id);
        assert_string_equal(a->actors[i].label, b->actors[i].label);
        assert_string_equal(attr_str(a, i, "state"), attr_str(b, i, "state"));
        const char *pa = attr_str(a, i, "party"), *pb = attr_str(b, i, "party");
        assert_string_equal(strcmp(pa, "D") == 0   ? "Democrat"
                            : strcmp(pa, "R") == 0 ? "Republican"
                                                   : "Independent",
                            pb);
    }
    for (size_t i = 0; i < a->nstances; i++) {
        const sg_stance *x = &a->stances[i], *y = &b->stances[i];
        assert_int_equal(x->actor, y->actor);
        assert_int_equal(x->proposal, y->proposal);
        assert_int_equal(x->position, y->position);
        assert_int_equal(x->date, y->date);
    }
    /* Roll call s2-001 is the 367th of the Congress (366 in 2005). */
    assert_string_equal(a->proposals[366].id, "s2-001");
    assert_string_equal(b->proposals[366].id, "RS1090367");

    sg_scale *sa = NULL, *sb = NULL;
    assert_int_equal(sg_scale_run(&sa, a, NULL, NULL), 0);
    assert_int_equal(sg_scale_run(&sb, b, NULL, NULL), 0);
    assert_int_equal(sa->nactors, sb->nactors);
    assert_int_equal(sa->scaled_proposals, sb->scaled_proposals);
    for (size_t i = 0; i < sa->nactors; i++)
        assert_true(sa->actor_pos[i] == sb->actor_pos[i]);
    assert_true(sa->apre == sb->apre);
    sg_scale_free(sa);
    sg_scale_free(sb);

    /* Unity by party: the stance table's group column, the members file's
     * party codes. */
    sg_rollcall *ra = NULL, *rb = NULL;
    assert_int_equal(sg_rollcall_run(&ra, a, NULL, NULL), 0);
    assert_int_equal(sg_rollcall_run(&rb, b, NULL, NULL), 0);
    assert_int_equal(ra->party_votes, rb->party_votes);
    assert_true(ra->party_votes > 300);
    for (size_t i = 0; i < ra->nactors; i++) {
        if (isnan(ra->unity[i]))
            assert_true(isnan(rb->unity[i]));
        else
            assert_true(ra->unity[i] == rb->unity[i]);
    }
    sg_rollcall_free(ra);
    sg_rollcall_free(rb);
    sg_corpus_free(a);
    sg_corpus_free(b);
    free(csv);
    free(votes);
    free(members);
    free(rollcalls);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_voteview__mini),
        cmocka_unit_test(test_load_voteview__unity),
        cmocka_unit_test(test_load_voteview__any_column_order),
        cmocka_unit_test(test_load_voteview__detection),
        cmocka_unit_test(test_load_voteview__party_names),
        cmocka_unit_test(test_load_voteview__same_as_stance_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
