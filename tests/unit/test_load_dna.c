/* Reading Discourse Network Analyzer databases (.dna, SQLite).
 *
 * The databases are built here from SQL text in tests/data/dna: DNA's own
 * sample (sample.sql, a dump of the sample.dna DNA ships) and small ones
 * written by hand (mini.sql), whose expected values are worked out in the
 * comments next to them. Dates are days since 1970-01-01: 2024-01-01 is
 * 54 * 365 + 13 leap days = 19723. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "stancegraph.h"

/* ---- helpers ---------------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        print_error("cannot open %s\n", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    fclose(f);
    return s;
}

static char *data_path(const char *rel)
{
    const char *dir = getenv("SG_TEST_DATA");
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", dir ? dir : "tests/data", rel);
    return buf;
}

/* Run a fixture's SQL; a first line ".read FILE" (as the sqlite3 shell
 * reads it) runs FILE from tests/data/dna first. */
static void run_sql(sqlite3 *db, const char *rel)
{
    char *sql = slurp(data_path(rel));
    assert_non_null(sql);
    char *body = sql;
    if (strncmp(sql, ".read ", 6) == 0 || strstr(sql, "\n.read ")) {
        char *at = strncmp(sql, ".read ", 6) == 0 ? sql : strstr(sql, "\n.read ") + 1;
        char *end = strchr(at, '\n');
        assert_non_null(end);
        *end = '\0';
        char inc[256];
        snprintf(inc, sizeof inc, "dna/%s", at + 6);
        *at = '\0';
        char *err = NULL;
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK);
        run_sql(db, inc);
        body = end + 1;
    }
    char *err = NULL;
    int rc = sqlite3_exec(db, body, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        print_error("%s: %s\n", rel, err);
    assert_int_equal(rc, SQLITE_OK);
    free(sql);
}

/* The bytes of a database built from fixture `rel` plus `extra` SQL. */
static unsigned char *build_db(const char *rel, const char *extra,
                               sqlite3_int64 *len)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    run_sql(db, rel);
    if (extra)
        assert_int_equal(sqlite3_exec(db, extra, NULL, NULL, NULL), SQLITE_OK);
    unsigned char *bytes = sqlite3_serialize(db, "main", len, 0);
    assert_non_null(bytes);
    sqlite3_close(db);
    return bytes;
}

static int load_db(sg_corpus **out, const unsigned char *bytes,
                   sqlite3_int64 len, const sg_load_options *o, sg_diag *d)
{
    return sg_corpus_load_buffer(out, (const char *)bytes, (size_t)len,
                                 "t.dna", o, d);
}

static sg_corpus *load_fixture(const char *rel, const char *extra,
                               const sg_load_options *o)
{
    sqlite3_int64 len;
    unsigned char *bytes = build_db(rel, extra, &len);
    sg_diag *d = sg_diag_new(50);
    sg_corpus *c = NULL;
    int rc = load_db(&c, bytes, len, o, d);
    for (size_t i = 0; rc && i < sg_diag_count(d); i++)
        print_error("  %s\n", sg_diag_message(d, i));
    assert_int_equal(rc, 0);
    sg_diag_free(d);
    sqlite3_free(bytes);
    return c;
}

/* Load that must fail with `code` and have `message` among its errors. */
static void load_fails(const char *rel, const char *extra,
                       const sg_load_options *o, int code, const char *message)
{
    sqlite3_int64 len;
    unsigned char *bytes = build_db(rel, extra, &len);
    sg_diag *d = sg_diag_new(50);
    sg_corpus *c = (sg_corpus *)0x1;
    int rc = load_db(&c, bytes, len, o, d);
    assert_int_equal(rc, code);
    assert_null(c);
    int found = 0;
    for (size_t i = 0; i < sg_diag_count(d); i++)
        found |= strcmp(sg_diag_message(d, i), message) == 0;
    if (!found) {
        for (size_t i = 0; i < sg_diag_count(d); i++)
            print_error("  got: %s\n", sg_diag_message(d, i));
        print_error("  expected: %s\n", message);
    }
    assert_true(found);
    assert_string_equal(sg_error_last(), sg_diag_message(d, 0));
    sg_diag_free(d);
    sqlite3_free(bytes);
}

static const char *attr(const sg_corpus *c, sg_node_kind kind,
                        const sg_entity *e, const char *key)
{
    const sg_attr_key *keys = kind == SG_ACTOR ? c->actor_keys : c->proposal_keys;
    for (size_t i = 0; i < e->nattrs; i++)
        if (strcmp(keys[e->attrs[i].key].name, key) == 0)
            return e->attrs[i].value.str;
    return NULL;
}

static const char *nz(const char *s) { return s ? s : "(null)"; }

/* The same statements from DNA's database and from its CSV export: every
 * actor, proposal, group, source and stance is the same (the export has no
 * quotes and no entity attributes, so those are not compared). */
static void assert_same_statements(const sg_corpus *a, const sg_corpus *b)
{
    assert_int_equal(a->nactors, b->nactors);
    for (size_t i = 0; i < a->nactors; i++) {
        assert_string_equal(a->actors[i].id, b->actors[i].id);
        assert_string_equal(nz(a->actors[i].group), nz(b->actors[i].group));
    }
    assert_int_equal(a->nproposals, b->nproposals);
    for (size_t i = 0; i < a->nproposals; i++)
        assert_string_equal(a->proposals[i].id, b->proposals[i].id);
    assert_int_equal(a->nsources, b->nsources);
    for (size_t i = 0; i < a->nsources; i++) {
        const sg_source *x = &a->sources[i], *y = &b->sources[i];
        assert_string_equal(x->id, y->id);
        assert_string_equal(nz(x->title), nz(y->title));
        assert_string_equal(nz(x->author), nz(y->author));
        assert_string_equal(nz(x->publisher), nz(y->publisher));
        assert_string_equal(nz(x->section), nz(y->section));
        assert_string_equal(nz(x->type), nz(y->type));
        assert_int_equal(x->date, y->date);
    }
    assert_int_equal(a->nstances, b->nstances);
    for (size_t i = 0; i < a->nstances; i++) {
        const sg_stance *x = &a->stances[i], *y = &b->stances[i];
        assert_int_equal(x->actor, y->actor);
        assert_int_equal(x->proposal, y->proposal);
        assert_int_equal(x->position, y->position);
        assert_int_equal(x->date, y->date);
        assert_int_equal(x->source, y->source);
        assert_true(x->weight == y->weight);
    }
    assert_int_equal(a->skipped, b->skipped);
}

static sg_corpus *load_csv_export(const char *actor)
{
    sg_load_options o = {0};
    o.actor_column = actor;
    sg_corpus *c = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s", data_path("load/dna-sample.csv"));
    assert_int_equal(sg_corpus_load(&c, path, &o, NULL), 0);
    return c;
}

/* ---- DNA's sample ----------------------------------------------------- */

static void test_load_dna__sample_equals_export(void **state)
{
    (void)state;
    const char *actors[] = {"organization", "person"};
    for (int k = 0; k < 2; k++) {
        sg_load_options o = {0};
        o.actor_column = actors[k];
        sg_corpus *db = load_fixture("dna/sample.sql", NULL, &o);
        sg_corpus *csv = load_csv_export(actors[k]);
        assert_same_statements(db, csv);
        /* Values read off DNA's own statement list: 7 actors, 6 concepts,
         * 40 statements of type 1 (statement 5 is an annotation), 29 of
         * them agreeing; document 1 dated 1106697600 s = 2005-01-26. */
        assert_int_equal(db->nactors, 7);
        assert_int_equal(db->nproposals, 6);
        assert_int_equal(db->nstances, 40);
        assert_int_equal(db->sources[0].date, 12809);
        assert_string_equal(db->sources[0].title, "109-876: Bluestein, Joel-BUS-Y");
        assert_string_equal(db->sources[0].author, "Bluestein, Joel");
        assert_string_equal(db->sources[0].publisher, "109");
        assert_string_equal(db->sources[0].section, "876");
        if (k == 1) {
            /* Each person's organization is the group. */
            assert_string_equal(db->actors[0].id, "Joel Bluestein");
            assert_string_equal(db->actors[0].group,
                                "Energy and Environmental Analysis, Inc.");
            assert_string_equal(db->actors[0].type, "Business");
            assert_string_equal(attr(db, SG_ACTOR, &db->actors[0], "color"),
                                "#FF9900");
        }
        sg_corpus_free(db);
        sg_corpus_free(csv);
    }
}

static void test_load_dna__sample_quotes(void **state)
{
    (void)state;
    sg_corpus *c = load_fixture("dna/sample.sql", NULL, NULL);
    /* Statement 1 spans 6351..7213 of document 1, whose text has a bullet
     * (U+2022, three bytes in UTF-8) before it: counted as characters it
     * starts a sentence, counted as bytes it would not. */
    const char *q = c->stances[0].quote;
    assert_non_null(q);
    assert_int_equal(strncmp(q, "At the gas prices we are forecasting", 36), 0);
    assert_int_equal(strlen(q), 7213 - 6351);
    sg_corpus_free(c);
}

/* ---- hand-made databases ---------------------------------------------- */

static void test_load_dna__mini(void **state)
{
    (void)state;
    sg_corpus *c = load_fixture("dna/mini.sql", NULL, NULL);
    /* Statements 1, 2 (Grüne, support), 4 (Bauernverband, oppose) and 5
     * (Verein, oppose); statement 3 is an annotation. */
    assert_int_equal(c->nstances, 4);
    assert_int_equal(c->nactors, 3);
    assert_string_equal(c->actors[0].id, "Grüne");
    assert_string_equal(c->actors[0].type, "Partei");
    assert_string_equal(attr(c, SG_ACTOR, &c->actors[0], "alias"), "Die Grünen");
    assert_string_equal(attr(c, SG_ACTOR, &c->actors[0], "color"), "#009900");
    /* An empty attribute value and a colourless entity carry nothing. */
    assert_null(attr(c, SG_ACTOR, &c->actors[1], "notes"));
    assert_null(attr(c, SG_ACTOR, &c->actors[2], "color"));
    assert_string_equal(c->proposals[0].topic, "Klima");
    assert_string_equal(attr(c, SG_PROPOSAL, &c->proposals[0], "color"),
                        "#0A141E");
    /* UTF-16 offsets: "Café 😀 " is 8 code units (the emoji is two). */
    assert_string_equal(c->stances[0].quote, "Ölpreis");
    assert_string_equal(c->stances[1].quote, "Wir sind für die Steuer.");
    assert_string_equal(c->stances[2].quote, "Nein zur Steuer");
    assert_int_equal(c->stances[0].position, SG_SUPPORT);
    assert_int_equal(c->stances[2].position, SG_OPPOSE);
    /* 1704153599 s is 2024-01-01 23:59:59 UTC; 1704240000 s 2024-01-03. */
    assert_int_equal(c->stances[0].date, 19723);
    assert_int_equal(c->stances[2].date, 19725);
    assert_string_equal(c->sources[0].id, "1");
    assert_string_equal(c->sources[0].publisher, "Tagblatt");
    assert_string_equal(c->sources[0].type, "Bericht");
    assert_null(c->sources[1].author);
    sg_corpus_free(c);
}

static void test_load_dna__integer_qualifier(void **state)
{
    (void)state;
    /* intensity 5, 3, 1, 2: the range 1..5 has its midpoint at 3, so
     * statement 1 supports, 2 is skipped, 4 and 5 oppose. */
    sg_load_options o = {0};
    o.qualifier = "intensity";
    sg_corpus *c = load_fixture("dna/mini.sql", NULL, &o);
    assert_int_equal(c->nstances, 3);
    assert_int_equal(c->skipped, 1);
    assert_int_equal(c->stances[0].position, SG_SUPPORT);
    assert_string_equal(c->stances[0].quote, "Ölpreis");
    assert_int_equal(c->stances[1].position, SG_OPPOSE);
    assert_int_equal(c->stances[2].position, SG_OPPOSE);
    sg_corpus_free(c);
}

static void test_load_dna__person_group_is_modal(void **state)
{
    (void)state;
    /* Hans Bauer speaks for Bauernverband (statement 4) and Verein (5);
     * a third statement for Verein makes that his group. */
    sg_load_options o = {0};
    o.actor_column = "person";
    sg_corpus *c = load_fixture("dna/mini.sql", NULL, &o);
    assert_string_equal(c->actors[0].id, "Erika Muster");
    assert_string_equal(c->actors[0].group, "Grüne");
    assert_string_equal(c->actors[0].type, "Politikerin");
    assert_string_equal(c->actors[1].group, "Bauernverband"); /* tie: first */
    sg_corpus_free(c);
    c = load_fixture("dna/mini.sql",
                     "INSERT INTO STATEMENTS VALUES (6, 1, 2, 5, 8, 1);"
                     "INSERT INTO DATASHORTTEXT VALUES (13, 6, 1, 2),"
                     "(14, 6, 2, 6), (15, 6, 3, 5);"
                     "INSERT INTO DATABOOLEAN VALUES (5, 6, 4, 0);",
                     &o);
    assert_string_equal(c->actors[1].group, "Verein");
    sg_corpus_free(c);
}

static void test_load_dna__options(void **state)
{
    (void)state;
    sg_load_options o = {0};
    o.statement_type = "DNA statement";
    load_fails("dna/mini.sql", NULL, &o, SG_EUSAGE,
               "t.dna: no statement type \"DNA statement\" (--statement-type; "
               "the database has \"DNA Statement\", \"Annotation\")");
    o.statement_type = NULL;
    o.actor_column = "organisation";
    load_fails("dna/mini.sql", NULL, &o, SG_EUSAGE,
               "t.dna: the statement type has no variable \"organisation\" "
               "(--actor; its variables: person (short text), organization "
               "(short text), concept (short text), agreement (boolean), "
               "intensity (integer))");
    o.actor_column = NULL;
    o.qualifier = "concept";
    load_fails("dna/mini.sql", NULL, &o, SG_EUSAGE,
               "t.dna: --qualifier: variable \"concept\" is short text; the "
               "qualifier must be a boolean or integer variable");
}

static void test_load_dna__spans(void **state)
{
    (void)state;
    /* Statement 2 now runs past the end of its 41-unit document. */
    const char *past = "UPDATE STATEMENTS SET Stop = 42 WHERE ID = 2;";
    sg_corpus *c = load_fixture("dna/mini.sql", past, NULL);
    assert_null(c->stances[1].quote);
    sg_corpus_free(c);
    sg_load_options o = {0};
    o.strict_spans = 1;
    load_fails("dna/mini.sql", past, &o, SG_EINVALID,
               "t.dna: statement 2: its span 17..42 lies outside document 1 "
               "(41 characters)");
}

/* ---- hostile databases ------------------------------------------------ */

static void test_load_dna__hostile_schema(void **state)
{
    (void)state;
    load_fails("dna/mini.sql",
               "CREATE TRIGGER t AFTER INSERT ON CODERS BEGIN "
               "DELETE FROM STATEMENTS; END;",
               NULL, SG_EINVALID,
               "t.dna: the database defines a trigger \"t\"; DNA databases "
               "have none, and stancegraph does not read databases that "
               "could run code");
    load_fails("dna/mini.sql", "CREATE VIEW v AS SELECT 1;", NULL, SG_EINVALID,
               "t.dna: the database defines a view \"v\"; DNA databases have "
               "none, and stancegraph does not read databases that could run "
               "code");
    load_fails("dna/mini.sql", "DROP TABLE ENTITIES;", NULL, SG_EINVALID,
               "t.dna: an SQLite database but not a DNA 3 database (no table "
               "ENTITIES)");
}

static void test_load_dna__wrong_values(void **state)
{
    (void)state;
    load_fails("dna/mini.sql", "UPDATE STATEMENTS SET Start = 'x' WHERE ID = 4;",
               NULL, SG_EINVALID,
               "t.dna: statement 4: Start is text, not an integer");
    load_fails("dna/mini.sql", "UPDATE DATABOOLEAN SET Value = 2 WHERE ID = 3;",
               NULL, SG_EINVALID,
               "t.dna: statement 4: agreement is 2, not 1 (agrees) or 0 "
               "(disagrees)");
    load_fails("dna/mini.sql", "UPDATE DATASHORTTEXT SET Entity = 99 WHERE ID = 8;",
               NULL, SG_EINVALID,
               "t.dna: statement 4: its \"organization\" is entity 99, which "
               "does not exist");
    load_fails("dna/mini.sql", "UPDATE STATEMENTS SET DocumentId = 7 WHERE ID = 5;",
               NULL, SG_EINVALID,
               "t.dna: statement 5 belongs to document 7, which does not exist");
    load_fails("dna/mini.sql",
               "UPDATE ENTITIES SET Value = CAST(X'47C3' AS TEXT) WHERE ID = 3;",
               NULL, SG_EINVALID,
               "t.dna: entity 3: Value is not valid UTF-8 text");
    load_fails("dna/mini.sql", "UPDATE DOCUMENTS SET Text = X'00' WHERE ID = 2;",
               NULL, SG_EINVALID, "t.dna: document 2: Text is not text");
}

static void test_load_dna__damaged_file(void **state)
{
    (void)state;
    sqlite3_int64 len;
    unsigned char *bytes = build_db("dna/mini.sql", NULL, &len);
    sg_diag *d = sg_diag_new(50);
    sg_corpus *c = NULL;
    /* Cut after the first two pages: the schema is there, the tables not. */
    assert_int_equal(load_db(&c, bytes, 2048, NULL, d), SG_EINVALID);
    assert_null(c);
    assert_non_null(strstr(sg_error_last(), "damaged"));
    /* Overwrite every page after the first with garbage. */
    for (sqlite3_int64 i = 1024; i < len; i++)
        bytes[i] = (unsigned char)(i * 7);
    assert_int_equal(load_db(&c, bytes, len, NULL, d), SG_EINVALID);
    assert_null(c);
    sg_diag_free(d);
    sqlite3_free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_dna__sample_equals_export),
        cmocka_unit_test(test_load_dna__sample_quotes),
        cmocka_unit_test(test_load_dna__mini),
        cmocka_unit_test(test_load_dna__integer_qualifier),
        cmocka_unit_test(test_load_dna__person_group_is_modal),
        cmocka_unit_test(test_load_dna__options),
        cmocka_unit_test(test_load_dna__spans),
        cmocka_unit_test(test_load_dna__hostile_schema),
        cmocka_unit_test(test_load_dna__wrong_values),
        cmocka_unit_test(test_load_dna__damaged_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
