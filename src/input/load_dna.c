/* Discourse Network Analyzer databases (.dna, SQLite, DNA 3 schema).
 *
 * The file is untrusted. It is never opened as a file: the bytes the loader
 * already holds are handed to SQLite's in-memory database (sqlite3_deserialize,
 * read-only), so no journal, WAL or lock file is looked at or created and
 * nothing on disk can change. Triggers and views are switched off and any
 * schema that defines them is refused, the schema is not trusted (no
 * functions with side effects from it), defensive mode is on, extensions
 * cannot load, an authorizer allows nothing but reading, every value is
 * bounded in size and every query in steps.
 *
 * Tables are read one at a time in linear scans and joined here through
 * sorted arrays, so that a file without indexes (or with lying ones) costs
 * O(n log n), not a quadratic join. */
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/corpus_internal.h"
#include "input/groups.h"
#include "input/load.h"

/* Largest single value (a document's text) read from the file. */
#define MAX_VALUE ((int)64 << 20)
/* VM steps per query before it is taken for a hostile file: far more than a
 * linear scan of any DNA database that fits in memory needs. */
#define MAX_STEPS_PER_BYTE 256
#define STEP_CHECK 10000

typedef struct {
    int64_t id; /* first: see cmp_id */
    int64_t doc, start, stop;
    int64_t actor, proposal, group; /* entity ids, -1 when absent */
    int64_t qual;
    int has_qual;
    const char *quote; /* in the arena, or NULL */
    size_t bstart, bstop; /* the span in bytes of the document's text */
    int span;             /* marks found: 1 Start, 2 Stop */
} stmt;

typedef struct {
    int64_t id; /* first: see cmp_id */
    int64_t var;
    const char *value;
    int rgb; /* 0xRRGGBB, or -1 */
    /* Attributes, in a list owned by the reader. */
    size_t attr0, nattr;
} entity;

typedef struct {
    int64_t entity;
    const char *name, *value;
} eattr;

typedef struct {
    sg_corpus *c;
    const char *name;
    sg_diag *diag;
    const sg_load_options *opts;
    sqlite3 *db;
    sg_arena arena;
    int failed;
    unsigned long long steps, max_steps;
    stmt *st;
    size_t nst, capst;
    entity *ent;
    size_t nent, capent;
    eattr *at;
    size_t nat, capat;
    int64_t type_id, var_actor, var_prop, var_group, var_qual;
    int qual_integer;
    int group_attr; /* the group is the actor attribute group_var */
    const char *actor_var, *prop_var, *group_var, *qual_var;
} reader;

/* A database has no lines: its errors name the file only. */
#define report(r, ...)                                                         \
    sg_parse_report((r)->diag, SG_DIAG_ERROR, &(r)->failed, (r)->name, 0, 0, \
                    NULL, __VA_ARGS__)

/* Turn an SQLite failure into our code and message. */
static int db_fail(reader *r, int src, const char *what)
{
    int code = src & 0xff;
    /* SQLite may answer a failed allocation with a plain SQLITE_ERROR
     * and keep SQLITE_NOMEM as the connection's error code. */
    if (code == SQLITE_NOMEM ||
        (r->db && (sqlite3_errcode(r->db) & 0xff) == SQLITE_NOMEM))
        return sg_seterr(SG_ENOMEM, "out of memory");
    const char *msg = r->db ? sqlite3_errmsg(r->db) : sqlite3_errstr(src);
    if (code == SQLITE_INTERRUPT)
        msg = "the database takes too many steps to read (a hostile or "
              "damaged file?)";
    else if (code == SQLITE_TOOBIG)
        msg = "a value in it is larger than 64 MB";
    else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
        msg = "the database is damaged (SQLite: database disk image is "
              "malformed)";
    report(r, "%s: %s", what, msg);
    return SG_EINVALID;
}

static int progress(void *p)
{
    reader *r = p;
    r->steps += STEP_CHECK;
    return r->steps > r->max_steps;
}

/* Reading is all the loader does: refuse everything else, whatever SQL a
 * file manages to get prepared. */
static int authorize(void *p, int action, const char *a, const char *b,
                     const char *c, const char *d)
{
    (void)p, (void)a, (void)b, (void)c, (void)d;
    switch (action) {
    case SQLITE_SELECT:
    case SQLITE_READ:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        /* Only what the queries below call. */
        return a == NULL && b && (strcmp(b, "length") == 0 ||
                                  strcmp(b, "count") == 0)
                   ? SQLITE_OK
                   : SQLITE_DENY;
    default:
        return SQLITE_DENY;
    }
}

static int prepare(reader *r, sqlite3_stmt **out, const char *sql,
                   const char *what)
{
    r->steps = 0;
    int rc = sqlite3_prepare_v2(r->db, sql, -1, out, NULL);
    return rc == SQLITE_OK ? 0 : db_fail(r, rc, what);
}

/* A text value of row column `col`, copied into the arena after checking
 * that it is UTF-8 without NUL. NULL is returned as "" when `null_ok`.
 * 0, 1 after reporting, or SG_ENOMEM. */
static int text_at(reader *r, sqlite3_stmt *q, int col, int null_ok,
                   const char **out, const char *what, int64_t row)
{
    int t = sqlite3_column_type(q, col);
    if (t == SQLITE_NULL && null_ok) {
        *out = "";
        return 0;
    }
    if (t != SQLITE_TEXT) {
        report(r, "%s %" PRId64 ": %s is %s, not text", what, row,
               sqlite3_column_name(q, col),
               t == SQLITE_NULL ? "missing" : t == SQLITE_BLOB ? "a blob"
                                                              : "a number");
        return 1;
    }
    const char *s = (const char *)sqlite3_column_text(q, col);
    int n = sqlite3_column_bytes(q, col);
    if (!s)
        return sg_seterr(SG_ENOMEM, "out of memory");
    size_t len = (size_t)n;
    if (sg_utf8_valid_prefix(s, len) != len || memchr(s, '\0', len)) {
        report(r, "%s %" PRId64 ": %s is not valid UTF-8 text", what, row,
               sqlite3_column_name(q, col));
        return 1;
    }
    if (!(*out = sg_arena_strndup(&r->arena, s, len)))
        return sg_seterr(SG_ENOMEM, "out of memory");
    return 0;
}

/* An integer value; 0 or 1 after reporting. NULL counts as absent when
 * `absent` is not NULL. */
static int int_at(reader *r, sqlite3_stmt *q, int col, int64_t *out,
                  int *absent, const char *what, int64_t row)
{
    int t = sqlite3_column_type(q, col);
    if (t == SQLITE_NULL && absent) {
        *absent = 1;
        return 0;
    }
    if (absent)
        *absent = 0;
    if (t != SQLITE_INTEGER) {
        report(r, "%s %" PRId64 ": %s is %s, not an integer", what, row,
               sqlite3_column_name(q, col),
               t == SQLITE_NULL ? "missing" : t == SQLITE_TEXT ? "text"
                                 : t == SQLITE_BLOB ? "a blob" : "a fraction");
        return 1;
    }
    *out = sqlite3_column_int64(q, col);
    return 0;
}

/* ---- schema ---- */

static int has_column(reader *r, const char *table, const char *column)
{
    return sqlite3_table_column_metadata(r->db, "main", table, column, NULL,
                                         NULL, NULL, NULL, NULL) == SQLITE_OK;
}

/* Refuse what a DNA database never holds (triggers, views, virtual tables)
 * and check the tables and columns the reader needs. */
static int check_schema(reader *r)
{
    sqlite3_stmt *q = NULL;
    int rc = prepare(r, &q,
                     "SELECT type, name, sql FROM sqlite_schema ORDER BY name",
                     "reading the schema");
    if (rc)
        return rc;
    size_t objects = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        objects++;
        const char *type = (const char *)sqlite3_column_text(q, 0);
        const char *name = (const char *)sqlite3_column_text(q, 1);
        const char *sql = (const char *)sqlite3_column_text(q, 2);
        char b[80];
        if (!type || !name)
            continue;
        if (strcmp(type, "trigger") == 0 || strcmp(type, "view") == 0 ||
            (sql && strncasecmp(sql, "CREATE VIRTUAL", 14) == 0)) {
            report(r, "the database defines a %s \"%s\"; DNA databases have "
                      "none, and stancegraph does not read databases that "
                      "could run code",
                   strcmp(type, "table") == 0 ? "virtual table" : type,
                   sg_shorten(name, b, sizeof b));
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return db_fail(r, rc, "reading the schema");
    if (r->failed)
        return 1;
    static const char *const need[][8] = {
        {"STATEMENTTYPES", "ID", "Label", NULL},
        {"VARIABLES", "ID", "Variable", "DataType", "StatementTypeId", NULL},
        {"STATEMENTS", "ID", "StatementTypeId", "DocumentId", "Start", "Stop",
         NULL},
        {"DOCUMENTS", "ID", "Title", "Text", "Date", NULL},
        {"ENTITIES", "ID", "VariableId", "Value", NULL},
        {"DATASHORTTEXT", "StatementId", "VariableId", "Entity", NULL},
    };
    for (size_t t = 0; t < sizeof need / sizeof *need; t++) {
        if (!has_column(r, need[t][0], need[t][1])) {
            if (objects == 0)
                report(r, "an empty SQLite database, not a DNA database");
            else if (t == 0 && has_column(r, "STATEMENTTYPE", "ID"))
                report(r, "a DNA 2 database; stancegraph reads DNA 3 "
                          "databases (export the statements from DNA 2 as "
                          "CSV and read that)");
            else
                report(r, "an SQLite database but not a DNA 3 database (no "
                          "table %s)", need[t][0]);
            return 1;
        }
        for (int k = 2; need[t][k]; k++)
            if (!has_column(r, need[t][0], need[t][k]))
                report(r, "not a DNA 3 database: table %s has no column %s",
                       need[t][0], need[t][k]);
    }
    return r->failed;
}

/* ---- statement type and variables ---- */

static int find_type(reader *r)
{
    const char *want = r->opts->statement_type ? r->opts->statement_type
                                               : "DNA Statement";
    sqlite3_stmt *q = NULL;
    int rc = prepare(r, &q, "SELECT ID, Label FROM STATEMENTTYPES ORDER BY ID",
                     "reading STATEMENTTYPES");
    if (rc)
        return rc;
    char list[512] = "";
    size_t used = 0, found = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *label = (const char *)sqlite3_column_text(q, 1);
        if (!label || sqlite3_column_type(q, 0) != SQLITE_INTEGER)
            continue;
        if (strcmp(label, want) == 0 && !found++)
            r->type_id = sqlite3_column_int64(q, 0);
        if (used < sizeof list - 4) {
            char b[80];
            used += (size_t)snprintf(list + used, sizeof list - used,
                                     "%s\"%s\"", used ? ", " : "",
                                     sg_shorten(label, b, sizeof b));
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return db_fail(r, rc, "reading STATEMENTTYPES");
    if (!found) {
        char b[80];
        sg_diag_add(r->diag, SG_DIAG_ERROR,
                    "%s: no statement type \"%s\" (--statement-type; the "
                    "database has %s)",
                    r->name, sg_shorten(want, b, sizeof b),
                    *list ? list : "none");
        r->failed = 1;
        return SG_EUSAGE;
    }
    return 0;
}

/* Find the variable `want` of the statement type: its id and data type.
 * `option` names the option that chose it, for the message. */
static int find_variable(reader *r, const char *want, const char *option,
                         int64_t *id, char *dtype, size_t dsize)
{
    sqlite3_stmt *q = NULL;
    int rc = prepare(r, &q,
                     "SELECT ID, Variable, DataType FROM VARIABLES "
                     "WHERE StatementTypeId = ?1 ORDER BY ID",
                     "reading VARIABLES");
    if (rc)
        return rc;
    sqlite3_bind_int64(q, 1, r->type_id);
    char list[512] = "";
    size_t used = 0;
    int found = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(q, 1);
        const char *type = (const char *)sqlite3_column_text(q, 2);
        if (!name || !type || sqlite3_column_type(q, 0) != SQLITE_INTEGER)
            continue;
        if (!found && strcmp(name, want) == 0) {
            found = 1;
            *id = sqlite3_column_int64(q, 0);
            snprintf(dtype, dsize, "%s", type);
        }
        if (used < sizeof list - 4) {
            char b[60], c[20];
            used += (size_t)snprintf(list + used, sizeof list - used,
                                     "%s%s (%s)", used ? ", " : "",
                                     sg_shorten(name, b, sizeof b),
                                     sg_shorten(type, c, sizeof c));
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return db_fail(r, rc, "reading VARIABLES");
    if (!found) {
        char b[80];
        sg_diag_add(r->diag, SG_DIAG_ERROR,
                    "%s: the statement type has no variable \"%s\" (%s; its "
                    "variables: %s)",
                    r->name, sg_shorten(want, b, sizeof b), option,
                    *list ? list : "none");
        r->failed = 1;
        return SG_EUSAGE;
    }
    return 0;
}

/* --group names no variable: it must then name an attribute of the actor
 * variable's entities (such as Type). */
static int find_group_attribute(reader *r)
{
    int found = 0, rc;
    if (has_column(r, "ATTRIBUTEVARIABLES", "AttributeVariable")) {
        sqlite3_stmt *q = NULL;
        if ((rc = prepare(r, &q,
                          "SELECT count(*) FROM ATTRIBUTEVARIABLES WHERE "
                          "VariableId = ?1 AND AttributeVariable = ?2",
                          "reading ATTRIBUTEVARIABLES")))
            return rc;
        sqlite3_bind_int64(q, 1, r->var_actor);
        sqlite3_bind_text(q, 2, r->group_var, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        found = rc == SQLITE_ROW && sqlite3_column_int64(q, 0) > 0;
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW)
            return db_fail(r, rc, "reading ATTRIBUTEVARIABLES");
    }
    if (found) {
        r->group_attr = 1;
        return 0;
    }
    char b[80], v[80];
    sg_diag_add(r->diag, SG_DIAG_ERROR,
                "%s: --group: \"%s\" is neither a short-text variable of the "
                "statement type nor an attribute of \"%s\"",
                r->name, sg_shorten(r->group_var, b, sizeof b),
                sg_shorten(r->actor_var, v, sizeof v));
    r->failed = 1;
    return SG_EUSAGE;
}

static int find_variables(reader *r)
{
    const sg_load_options *o = r->opts;
    r->actor_var = o->actor_column ? o->actor_column : "organization";
    r->prop_var = o->proposal_column ? o->proposal_column : "concept";
    r->qual_var = o->qualifier ? o->qualifier : "agreement";
    /* A person's organization is the group a DNA analyst has in mind. */
    r->group_var = o->group_column ? o->group_column
                   : strcmp(r->actor_var, "person") == 0 ? "organization"
                                                          : NULL;
    char dt[32];
    int rc;
    if ((rc = find_variable(r, r->actor_var, "--actor", &r->var_actor, dt,
                            sizeof dt)))
        return rc;
    if (strcmp(dt, "short text") != 0)
        goto not_short;
    if ((rc = find_variable(r, r->prop_var, "--proposal", &r->var_prop, dt,
                            sizeof dt)))
        return rc;
    if (strcmp(dt, "short text") != 0)
        goto not_short;
    if ((rc = find_variable(r, r->qual_var, "--qualifier", &r->var_qual, dt,
                            sizeof dt)))
        return rc;
    if (strcmp(dt, "integer") == 0) {
        r->qual_integer = 1;
    } else if (strcmp(dt, "boolean") != 0) {
        char b[80];
        sg_diag_add(r->diag, SG_DIAG_ERROR,
                    "%s: --qualifier: variable \"%s\" is %s; the qualifier "
                    "must be a boolean or integer variable",
                    r->name, sg_shorten(r->qual_var, b, sizeof b), dt);
        r->failed = 1;
        return SG_EUSAGE;
    }
    r->var_group = -1;
    if (r->group_var) {
        /* An explicit --group may also name an entity attribute: that is
         * resolved after loading, so only a short-text variable counts. */
        sqlite3_stmt *q = NULL;
        if ((rc = prepare(r, &q,
                          "SELECT ID FROM VARIABLES WHERE StatementTypeId = ?1 "
                          "AND Variable = ?2 AND DataType = 'short text'",
                          "reading VARIABLES")))
            return rc;
        sqlite3_bind_int64(q, 1, r->type_id);
        sqlite3_bind_text(q, 2, r->group_var, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) == SQLITE_INTEGER)
            r->var_group = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(r, rc, "reading VARIABLES");
        if (r->var_group == r->var_actor)
            r->var_group = -1;
        if (r->var_group < 0 && o->group_column &&
            (rc = find_group_attribute(r)))
            return rc;
    }
    return 0;
not_short:;
    char b[80];
    sg_diag_add(r->diag, SG_DIAG_ERROR,
                "%s: variable \"%s\" is %s; actors and proposals are short "
                "text variables",
                r->name,
                sg_shorten(r->var_prop ? r->prop_var : r->actor_var, b,
                           sizeof b),
                dt);
    r->failed = 1;
    return SG_EUSAGE;
}

/* ---- rows ---- */

/* Statements and entities start with their id: one comparison for both. */
static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static stmt *find_stmt(reader *r, int64_t id)
{
    return r->nst ? bsearch(&id, r->st, r->nst, sizeof *r->st, cmp_id) : NULL;
}

static entity *find_entity(reader *r, int64_t id)
{
    return r->nent ? bsearch(&id, r->ent, r->nent, sizeof *r->ent, cmp_id)
                   : NULL;
}

/* One linear scan of a table: prepare `sql`, bind `binds` to ?1, ?2 ...
 * and hand each row to `row`, which returns 0 to go on (after reporting a
 * bad row itself, if need be) or a negative SG_E* to stop. 0, that code, or
 * db_fail's for an SQLite failure, named by `what`. */
typedef int (*row_fn)(reader *r, sqlite3_stmt *q, void *ctx);

static int scan(reader *r, const char *sql, const char *what,
                const int64_t *binds, int nbinds, row_fn row, void *ctx)
{
    sqlite3_stmt *q = NULL;
    int rc = prepare(r, &q, sql, what);
    if (rc)
        return rc;
    for (int i = 0; i < nbinds; i++)
        sqlite3_bind_int64(q, i + 1, binds[i]);
    int stop = 0;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
        stop = row(r, q, ctx);
    sqlite3_finalize(q);
    if (stop < 0)
        return stop;
    return rc == SQLITE_DONE ? 0 : db_fail(r, rc, what);
}

/* Sort `n` rows of `size` bytes that start with their id (see cmp_id) and
 * refuse an id that appears twice: 0, or 1 after reporting it. */
static int sort_by_id(reader *r, void *rows, size_t n, size_t size,
                      const char *noun)
{
    if (n)
        qsort(rows, n, size, cmp_id);
    const char *b = rows;
    for (size_t i = 1; i < n; i++) {
        int64_t prev, id;
        memcpy(&prev, b + (i - 1) * size, sizeof prev);
        memcpy(&id, b + i * size, sizeof id);
        if (id == prev) {
            report(r, "%s %" PRId64 " appears twice", noun, id);
            return 1;
        }
    }
    return 0;
}

static int statement_row(reader *r, sqlite3_stmt *q, void *ctx)
{
    (void)ctx;
    stmt s = {0};
    int64_t row = sqlite3_column_int64(q, 0);
    int bad = int_at(r, q, 0, &s.id, NULL, "statement", row) ||
              int_at(r, q, 1, &s.doc, NULL, "statement", row) ||
              int_at(r, q, 2, &s.start, NULL, "statement", row) ||
              int_at(r, q, 3, &s.stop, NULL, "statement", row);
    if (bad)
        return 0;
    s.actor = s.proposal = s.group = -1;
    if (sg_grow(&r->st, &r->capst, r->nst + 1, sizeof *r->st))
        return SG_ENOMEM;
    r->st[r->nst++] = s;
    return 0;
}

static int read_statements(reader *r)
{
    int rc = scan(r,
                  "SELECT ID, DocumentId, Start, Stop FROM STATEMENTS "
                  "WHERE StatementTypeId = ?1",
                  "reading STATEMENTS", &r->type_id, 1, statement_row, NULL);
    return rc ? rc : sort_by_id(r, r->st, r->nst, sizeof *r->st, "statement");
}

static int short_text_row(reader *r, sqlite3_stmt *q, void *ctx)
{
    (void)ctx;
    int64_t sid, var, ent;
    if (int_at(r, q, 0, &sid, NULL, "DATASHORTTEXT row of statement", 0))
        return 0;
    if (int_at(r, q, 1, &var, NULL, "DATASHORTTEXT row of statement", sid) ||
        int_at(r, q, 2, &ent, NULL, "DATASHORTTEXT row of statement", sid))
        return 0;
    stmt *s = find_stmt(r, sid);
    if (!s)
        return 0; /* another statement type's */
    int64_t *slot = var == r->var_actor  ? &s->actor
                    : var == r->var_prop ? &s->proposal
                                         : &s->group;
    if (*slot != -1) {
        report(r, "statement %" PRId64 " has two values of one variable", sid);
        return 0;
    }
    *slot = ent;
    return 0;
}

/* The entity ids of the actor, proposal and group variables. */
static int read_short_text(reader *r)
{
    const int64_t vars[] = {r->var_actor, r->var_prop, r->var_group};
    return scan(r,
                "SELECT StatementId, VariableId, Entity FROM "
                "DATASHORTTEXT WHERE VariableId IN (?1, ?2, ?3)",
                "reading DATASHORTTEXT", vars, 3, short_text_row, NULL);
}

static int qualifier_row(reader *r, sqlite3_stmt *q, void *ctx)
{
    int64_t *range = ctx; /* lowest and highest value */
    int64_t sid, v;
    if (int_at(r, q, 0, &sid, NULL, "qualifier row", 0))
        return 0;
    if (int_at(r, q, 1, &v, NULL, "qualifier of statement", sid))
        return 0;
    stmt *s = find_stmt(r, sid);
    if (!s)
        return 0;
    if (s->has_qual) {
        report(r, "statement %" PRId64 " has two values of \"%s\"", sid,
               r->qual_var);
        return 0;
    }
    if (!r->qual_integer && v != 0 && v != 1) {
        report(r, "statement %" PRId64 ": %s is %" PRId64
                  ", not 1 (agrees) or 0 (disagrees)",
               sid, r->qual_var, v);
        return 0;
    }
    s->qual = v;
    s->has_qual = 1;
    if (v < range[0])
        range[0] = v;
    if (v > range[1])
        range[1] = v;
    return 0;
}

static int read_qualifier(reader *r, int64_t *lo, int64_t *hi)
{
    int64_t range[2] = {INT64_MAX, INT64_MIN};
    int rc = scan(r,
                  r->qual_integer ? "SELECT StatementId, Value FROM "
                                    "DATAINTEGER WHERE VariableId = ?1"
                                  : "SELECT StatementId, Value FROM "
                                    "DATABOOLEAN WHERE VariableId = ?1",
                  r->qual_integer ? "reading DATAINTEGER"
                                  : "reading DATABOOLEAN",
                  &r->var_qual, 1, qualifier_row, range);
    *lo = range[0];
    *hi = range[1];
    return rc;
}

static int entity_row(reader *r, sqlite3_stmt *q, void *ctx)
{
    int colour = *(const int *)ctx;
    entity e = {0};
    e.rgb = -1;
    int64_t row = sqlite3_column_int64(q, 0);
    if (int_at(r, q, 0, &e.id, NULL, "entity", row) ||
        int_at(r, q, 1, &e.var, NULL, "entity", row))
        return 0;
    int t = text_at(r, q, 2, 0, &e.value, "entity", row);
    if (t)
        return t < 0 ? t : 0;
    if (colour) {
        int64_t c[3];
        int absent = 0, any_absent = 0, bad = 0;
        for (int k = 0; k < 3; k++) {
            bad |= int_at(r, q, 3 + k, &c[k], &absent, "entity", row);
            any_absent |= absent;
        }
        if (bad)
            return 0;
        if (!any_absent) {
            for (int k = 0; k < 3; k++)
                if (c[k] < 0 || c[k] > 255) {
                    report(r, "entity %" PRId64 ": colour %" PRId64
                              " is outside 0..255",
                           e.id, c[k]);
                    return 0;
                }
            e.rgb = (int)(c[0] << 16 | c[1] << 8 | c[2]);
        }
    }
    if (sg_grow(&r->ent, &r->capent, r->nent + 1, sizeof *r->ent))
        return SG_ENOMEM;
    r->ent[r->nent++] = e;
    return 0;
}

static int read_entities(reader *r)
{
    int colour = has_column(r, "ENTITIES", "Red") &&
                 has_column(r, "ENTITIES", "Green") &&
                 has_column(r, "ENTITIES", "Blue");
    const int64_t vars[] = {r->var_actor, r->var_prop, r->var_group};
    int rc = scan(r,
                  colour ? "SELECT ID, VariableId, Value, Red, Green, Blue "
                           "FROM ENTITIES WHERE VariableId IN (?1, ?2, ?3)"
                         : "SELECT ID, VariableId, Value FROM ENTITIES "
                           "WHERE VariableId IN (?1, ?2, ?3)",
                  "reading ENTITIES", vars, 3, entity_row, &colour);
    return rc ? rc : sort_by_id(r, r->ent, r->nent, sizeof *r->ent, "entity");
}

static int cmp_eattr(const void *a, const void *b)
{
    const eattr *x = a, *y = b;
    if (x->entity != y->entity)
        return (x->entity > y->entity) - (x->entity < y->entity);
    return strcmp(x->name, y->name);
}

static int attribute_row(reader *r, sqlite3_stmt *q, void *ctx)
{
    (void)ctx;
    eattr a = {0};
    if (int_at(r, q, 0, &a.entity, NULL, "attribute of entity", 0))
        return 0;
    int t = text_at(r, q, 1, 0, &a.name, "attribute of entity", a.entity);
    if (!t)
        t = text_at(r, q, 2, 1, &a.value, "attribute of entity", a.entity);
    if (t)
        return t < 0 ? SG_ENOMEM : 0;
    if (!*a.value || !*a.name)
        return 0;
    if (sg_grow(&r->at, &r->capat, r->nat + 1, sizeof *r->at))
        return SG_ENOMEM;
    r->at[r->nat++] = a;
    return 0;
}

/* Entity attributes (Type, Alias, Notes and any the analyst added), where
 * the database has them (DNA 3.0 from its first release on). */
static int read_attributes(reader *r)
{
    if (!has_column(r, "ATTRIBUTEVARIABLES", "AttributeVariable") ||
        !has_column(r, "ATTRIBUTEVALUES", "AttributeValue"))
        return 0;
    const int64_t vars[] = {r->var_actor, r->var_prop};
    int rc = scan(r,
                  "SELECT v.EntityId, a.AttributeVariable, v.AttributeValue "
                  "FROM ATTRIBUTEVALUES v JOIN ATTRIBUTEVARIABLES a ON "
                  "a.ID = v.AttributeVariableId WHERE a.VariableId IN "
                  "(?1, ?2)",
                  "reading ATTRIBUTEVALUES", vars, 2, attribute_row, NULL);
    if (rc)
        return rc;
    if (r->nat)
        qsort(r->at, r->nat, sizeof *r->at, cmp_eattr);
    for (size_t i = 0; i < r->nat;) {
        entity *e = find_entity(r, r->at[i].entity);
        size_t j = i;
        while (j < r->nat && r->at[j].entity == r->at[i].entity)
            j++;
        if (e) {
            e->attr0 = i;
            e->nattr = j - i;
        }
        i = j;
    }
    return 0;
}

/* ---- documents and quotes ---- */

typedef struct {
    int64_t off; /* in UTF-16 code units, as DNA (Java) counts */
    size_t st;   /* statement index */
    int end;     /* 0 = Start, 1 = Stop */
} mark;

static int cmp_mark(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    return (x->off > y->off) - (x->off < y->off);
}


/* Statements sorted by document, for the merge with DOCUMENTS. */
typedef struct {
    int64_t doc;
    size_t st;
} doc_ref;

static int cmp_doc_ref(const void *a, const void *b)
{
    const doc_ref *x = a, *y = b;
    if (x->doc != y->doc)
        return (x->doc > y->doc) - (x->doc < y->doc);
    return (x->st > y->st) - (x->st < y->st);
}

typedef struct {
    int64_t id;
    const char *title, *author, *publisher, *section, *type;
    int32_t date;
    long source; /* corpus index once a stance cites it, else -1 */
    int64_t units; /* length of the text in UTF-16 code units, -1 unknown */
} document;

/* Map every Start and Stop of one document's statements from DNA's
 * offsets (Java string indices: UTF-16 code units) to byte offsets of the
 * UTF-8 text, in one pass over the text. A mark inside a surrogate pair
 * snaps to the character's start. Returns the text's length in code units. */
static int64_t map_spans(reader *r, const char *text, size_t len, mark *m,
                         size_t nm)
{
    if (nm)
        qsort(m, nm, sizeof *m, cmp_mark);
    size_t byte = 0, k = 0;
    int64_t pos = 0;
    for (;;) {
        while (k < nm && m[k].off <= pos) {
            if (m[k].off >= 0) {
                stmt *s = &r->st[m[k].st];
                if (m[k].end)
                    s->bstop = byte;
                else
                    s->bstart = byte;
                s->span |= m[k].end ? 2 : 1;
            }
            k++;
        }
        if (byte >= len)
            break;
        unsigned char c = (unsigned char)text[byte];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        int64_t units = n == 4 ? 2 : 1;
        /* A mark between the two halves of a pair lands on its start. */
        while (k < nm && m[k].off > pos && m[k].off < pos + units) {
            m[k].off = pos;
            break;
        }
        if (k < nm && m[k].off == pos)
            continue;
        byte += n;
        pos += units;
    }
    return pos;
}

/* Seconds since 1970 (DNA 3) to days; values beyond any plausible date in
 * seconds are milliseconds, as Java's Date stores them. */
static int epoch_days(int64_t t, int32_t *out)
{
    if (t >= 100000000000LL || t <= -100000000000LL)
        t /= 1000;
    int64_t d = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    /* 1000-01-01 .. 9999-12-31, the range of every stancegraph date. */
    if (d < -354285 || d > 2932896)
        return -1;
    *out = (int32_t)d;
    return 0;
}

static int read_documents(reader *r, document **docs_out, size_t *ndocs_out,
                          int want_text)
{
    document *docs = NULL;
    size_t ndocs = 0, capdocs = 0;
    doc_ref *refs = NULL;
    mark *marks = NULL;
    size_t capmarks = 0;
    sqlite3_stmt *q = NULL;
    int rc = 0;
    size_t quoted = 0, max_quoted = (size_t)256 << 20;

    if (!(refs = malloc((r->nst ? r->nst : 1) * sizeof *refs)))
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->nst; i++)
        refs[i] = (doc_ref){r->st[i].doc, i};
    if (r->nst)
        qsort(refs, r->nst, sizeof *refs, cmp_doc_ref);

    static const char *const optional[] = {"Author", "Source", "Section",
                                           "Type"};
    char sql[256];
    size_t used = (size_t)snprintf(sql, sizeof sql, "SELECT ID, Title, Date");
    for (int k = 0; k < 4; k++)
        used += (size_t)snprintf(sql + used, sizeof sql - used, ", %s",
                                 has_column(r, "DOCUMENTS", optional[k])
                                     ? optional[k]
                                     : "NULL");
    snprintf(sql + used, sizeof sql - used,
             ", %s FROM DOCUMENTS ORDER BY ID", want_text ? "Text" : "NULL");
    if ((rc = prepare(r, &q, sql, "reading DOCUMENTS")))
        goto cleanup;
    size_t k = 0;
    while (k < r->nst && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t id;
        if (int_at(r, q, 0, &id, NULL, "document", 0))
            continue;
        while (k < r->nst && refs[k].doc < id) {
            report(r, "statement %" PRId64 " belongs to document %" PRId64
                      ", which does not exist",
                   r->st[refs[k].st].id, refs[k].doc);
            k++;
        }
        if (k >= r->nst || refs[k].doc != id)
            continue;
        size_t first = k;
        while (k < r->nst && refs[k].doc == id)
            k++;
        document d = {0};
        d.id = id;
        d.source = -1;
        d.units = -1;
        int64_t secs;
        int t = 0;
        const char **fields[] = {&d.title, &d.author, &d.publisher,
                                 &d.section, &d.type};
        for (int f = 0; f < 5 && !t; f++)
            t = text_at(r, q, f == 0 ? 1 : 2 + f, f > 0, fields[f], "document",
                        id);
        if (t < 0) {
            rc = t;
            goto cleanup;
        }
        if (t || int_at(r, q, 2, &secs, NULL, "document", id))
            continue;
        if (epoch_days(secs, &d.date)) {
            report(r, "document %" PRId64 ": date %" PRId64
                      " is not a time between the years 1000 and 9999",
                   id, secs);
            continue;
        }
        if (want_text) {
            int ty = sqlite3_column_type(q, 7);
            const char *text = (const char *)sqlite3_column_text(q, 7);
            size_t len = (size_t)sqlite3_column_bytes(q, 7);
            if (ty != SQLITE_TEXT) {
                report(r, "document %" PRId64 ": Text is not text", id);
                continue;
            }
            if (!text) {
                rc = sg_seterr(SG_ENOMEM, "out of memory");
                goto cleanup;
            }
            if (sg_utf8_valid_prefix(text, len) != len ||
                memchr(text, '\0', len)) {
                report(r, "document %" PRId64 ": Text is not valid UTF-8 "
                          "text", id);
                continue;
            }
            size_t nm = 2 * (k - first);
            if (sg_grow(&marks, &capmarks, nm, sizeof *marks)) {
                rc = SG_ENOMEM;
                goto cleanup;
            }
            for (size_t i = first; i < k; i++) {
                stmt *s = &r->st[refs[i].st];
                marks[2 * (i - first)] = (mark){s->start, refs[i].st, 0};
                marks[2 * (i - first) + 1] = (mark){s->stop, refs[i].st, 1};
            }
            d.units = map_spans(r, text, len, marks, nm);
            for (size_t i = first; i < k; i++) {
                stmt *s = &r->st[refs[i].st];
                if (s->span != 3 || s->start >= s->stop)
                    continue;
                size_t n = s->bstop - s->bstart;
                if ((quoted += n) > max_quoted) {
                    report(r, "the statements quote more than %zu MB of "
                              "text; stancegraph stops there",
                           max_quoted >> 20);
                    rc = 1;
                    goto cleanup;
                }
                if (!(s->quote =
                          sg_arena_strndup(&r->arena, text + s->bstart, n))) {
                    rc = sg_seterr(SG_ENOMEM, "out of memory");
                    goto cleanup;
                }
            }
        }
        if (sg_grow(&docs, &capdocs, ndocs + 1, sizeof *docs)) {
            rc = SG_ENOMEM;
            goto cleanup;
        }
        docs[ndocs++] = d;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && rc >= 0) {
        rc = db_fail(r, rc, "reading DOCUMENTS");
        goto cleanup;
    }
    for (; k < r->nst; k++)
        report(r, "statement %" PRId64 " belongs to document %" PRId64
                  ", which does not exist",
               r->st[refs[k].st].id, refs[k].doc);
    rc = 0;

cleanup:
    sqlite3_finalize(q);
    free(refs);
    free(marks);
    if (rc) {
        free(docs);
        return rc;
    }
    *docs_out = docs;
    *ndocs_out = ndocs;
    return 0;
}

static document *find_doc(document *docs, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (docs[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && docs[lo].id == id ? &docs[lo] : NULL;
}

/* ---- the corpus ---- */

static entity *statement_entity(reader *r, const stmt *s, int64_t id,
                                int64_t var, const char *varname)
{
    entity *e = id >= 0 ? find_entity(r, id) : NULL;
    char b[80];
    if (id < 0)
        report(r, "statement %" PRId64 " has no value of \"%s\"", s->id,
               sg_shorten(varname, b, sizeof b));
    else if (!e || e->var != var)
        report(r, "statement %" PRId64 ": its \"%s\" is entity %" PRId64
                  ", which does not exist",
               s->id, sg_shorten(varname, b, sizeof b), id);
    else
        return e;
    return NULL;
}

/* Attribute names as the other readers spell column names. */
static void lower(char *dst, size_t size, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++)
        dst[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    dst[i] = '\0';
}

/* Make `e` an actor or a proposal of the corpus (once): Type becomes the
 * actor's type or the proposal's topic, the other attributes and the colour
 * become node attributes. 0, 1 after reporting, or a negative code. */
static int corpus_entity(reader *r, entity *e, sg_node_kind kind,
                         size_t *out)
{
    sg_node_kind found;
    char b[80];
    if (sg_corpus_find(r->c, e->value, &found, out) == 0) {
        if (found == kind)
            return 0;
        report(r, "\"%s\" is used both as an actor (%s) and as a proposal "
                  "(%s)",
               sg_shorten(e->value, b, sizeof b), r->actor_var, r->prop_var);
        return 1;
    }
    sg_entity ce = {0};
    ce.id = e->value;
    for (size_t i = 0; i < e->nattr; i++)
        if (strcasecmp(r->at[e->attr0 + i].name, "type") == 0) {
            if (kind == SG_ACTOR)
                ce.type = r->at[e->attr0 + i].value;
            else
                ce.topic = r->at[e->attr0 + i].value;
        }
    if (kind == SG_ACTOR && r->group_attr)
        for (size_t i = 0; i < e->nattr; i++)
            if (strcmp(r->at[e->attr0 + i].name, r->group_var) == 0)
                ce.group = r->at[e->attr0 + i].value;
    int rc = sg_corpus_add_entity(r->c, kind, &ce, out);
    if (rc)
        return rc;
    for (size_t i = 0; i < e->nattr; i++) {
        const eattr *a = &r->at[e->attr0 + i];
        char key[192];
        lower(key, sizeof key, a->name);
        if (strcmp(key, "type") == 0)
            continue;
        sg_value v = {SG_VALUE_STRING, a->value, 0};
        if ((rc = sg_corpus_set_attr(r->c, kind, *out, key, &v)))
            return rc;
    }
    if (e->rgb >= 0) {
        char hex[16];
        snprintf(hex, sizeof hex, "#%06X", (unsigned)e->rgb);
        sg_value v = {SG_VALUE_STRING, hex, 0};
        if ((rc = sg_corpus_set_attr(r->c, kind, *out, "color", &v)))
            return rc;
    }
    return 0;
}

static int build(reader *r, document *docs, size_t ndocs, int64_t lo,
                 int64_t hi)
{
    const char **keep = calloc(r->nst ? r->nst : 1, sizeof *keep);
    if (!keep)
        return sg_seterr(SG_ENOMEM, "out of memory");
    sg_group_votes votes;
    sg_group_votes_init(&votes);
    int rc = 0;
    size_t empty = 0, midpoint = 0, outside = 0;
    /* The midpoint of an integer qualifier's range counts as neither. */
    double mid = r->qual_integer ? ((double)lo + (double)hi) / 2 : 0.5;

    /* Pass 1: which statements become stances. */
    for (size_t i = 0; i < r->nst; i++) {
        stmt *s = &r->st[i];
        entity *a = statement_entity(r, s, s->actor, r->var_actor,
                                     r->actor_var);
        entity *p = statement_entity(r, s, s->proposal, r->var_prop,
                                     r->prop_var);
        if (!s->has_qual) {
            char b[80];
            report(r, "statement %" PRId64 " has no value of \"%s\"", s->id,
                   sg_shorten(r->qual_var, b, sizeof b));
        }
        if (!a || !p || !s->has_qual)
            continue;
        if (!*a->value || !*p->value) {
            empty++;
            continue;
        }
        if ((double)s->qual == mid) {
            midpoint++;
            continue;
        }
        keep[i] = a->value;
    }
    if (r->failed)
        goto cleanup;

    /* Pass 2: the stances, in statement order. */
    for (size_t i = 0; i < r->nst; i++) {
        stmt *s = &r->st[i];
        if (!keep[i])
            continue;
        size_t ai, pi;
        int ra = corpus_entity(r, find_entity(r, s->actor), SG_ACTOR, &ai);
        int rp = corpus_entity(r, find_entity(r, s->proposal), SG_PROPOSAL,
                               &pi);
        if (ra < 0 || rp < 0) {
            rc = ra < 0 ? ra : rp;
            goto cleanup;
        }
        if (ra || rp)
            continue;
        document *d = find_doc(docs, ndocs, s->doc);
        if (!d)
            continue; /* reported while reading the documents */
        if (d->source < 0) {
            char id[24];
            snprintf(id, sizeof id, "%" PRId64, d->id);
            sg_source src = {0};
            src.id = id;
            src.title = *d->title ? d->title : NULL;
            src.publisher = *d->publisher ? d->publisher : NULL;
            src.author = *d->author ? d->author : NULL;
            src.section = *d->section ? d->section : NULL;
            src.type = *d->type ? d->type : NULL;
            src.date = d->date;
            size_t idx;
            if ((rc = sg_corpus_add_source(r->c, &src, &idx)))
                goto cleanup;
            d->source = (long)idx;
        }
        if (d->units >= 0 && !s->quote) {
            outside++;
            if (r->opts->strict_spans)
                report(r, "statement %" PRId64 ": its span %" PRId64
                          "..%" PRId64 " lies outside document %" PRId64
                          " (%" PRId64 " characters)",
                       s->id, s->start, s->stop, d->id, d->units);
        }
        sg_stance st = {0};
        st.actor = (uint32_t)ai;
        st.proposal = (uint32_t)pi;
        st.position = (double)s->qual > mid ? SG_SUPPORT : SG_OPPOSE;
        st.date = d->date;
        st.source = (int32_t)d->source;
        st.weight = 1;
        st.quote = s->quote;
        if ((rc = sg_corpus_add_stance(r->c, &st)))
            goto cleanup;
        entity *g = s->group >= 0 ? find_entity(r, s->group) : NULL;
        if (g && g->var == r->var_group &&
            (rc = sg_group_votes_add(&votes, ai, g->value)))
            goto cleanup;
    }
    size_t mixed = 0;
    if ((rc = sg_group_votes_apply(&votes, r->c, &mixed)))
        goto cleanup;
    if (mixed) {
        char b[80];
        sg_diag_add(r->diag, SG_DIAG_WARNING,
                    "%s: %zu %s values are coded with more than one %s; each "
                    "gets the one it is coded with most often (the earliest "
                    "on a tie) as its group",
                    r->name, mixed, sg_shorten(r->actor_var, b, sizeof b),
                    r->group_var);
    }
    r->c->skipped += midpoint;
    if (empty)
        sg_diag_add(r->diag, SG_DIAG_WARNING,
                    "%s: %zu statements with an empty %s or %s are skipped",
                    r->name, empty, r->actor_var, r->prop_var);
    if (midpoint)
        sg_diag_add(r->diag, SG_DIAG_WARNING,
                    "%s: %zu statements with %s at the midpoint %g of its "
                    "range %" PRId64 "..%" PRId64 " are counted as neither "
                    "support nor opposition and skipped",
                    r->name, midpoint, r->qual_var, mid, lo, hi);
    if (outside && !r->opts->strict_spans)
        sg_diag_add(r->diag, SG_DIAG_WARNING,
                    "%s: %zu statements point outside their document's text "
                    "and get no quote ('stancegraph verify' lists them)",
                    r->name, outside);

cleanup:
    sg_group_votes_free(&votes);
    free(keep);
    return rc;
}

/* ---- entry point ---- */

static int open_db(reader *r, const char *data, size_t len,
                   unsigned char **copy)
{
    int rc = sqlite3_open_v2(":memory:", &r->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK)
        return rc == SQLITE_NOMEM ? sg_seterr(SG_ENOMEM, "out of memory")
                                  : db_fail(r, rc, "opening");
    sqlite3_extended_result_codes(r->db, 1);
    static const int off[] = {SQLITE_DBCONFIG_TRUSTED_SCHEMA,
                              SQLITE_DBCONFIG_ENABLE_TRIGGER,
                              SQLITE_DBCONFIG_ENABLE_VIEW,
                              SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION};
    for (size_t i = 0; i < sizeof off / sizeof *off; i++)
        if (sqlite3_db_config(r->db, off[i], 0, (int *)NULL) != SQLITE_OK)
            return db_fail(r, SQLITE_ERROR, "configuring SQLite");
    if (sqlite3_db_config(r->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL) !=
        SQLITE_OK)
        return db_fail(r, SQLITE_ERROR, "configuring SQLite");
    sqlite3_limit(r->db, SQLITE_LIMIT_LENGTH, MAX_VALUE);
    sqlite3_limit(r->db, SQLITE_LIMIT_SQL_LENGTH, 4096);
    sqlite3_limit(r->db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(r->db, SQLITE_LIMIT_COLUMN, 2000);

    /* A database in WAL mode reads as any other once its header says so:
     * the -wal file is not consulted (DNA keeps none after closing). */
    unsigned char *buf = (unsigned char *)(uintptr_t)data;
    if (len >= 20 && (data[18] == 2 || data[19] == 2)) {
        if (!(*copy = malloc(len)))
            return sg_seterr(SG_ENOMEM, "out of memory");
        memcpy(*copy, data, len);
        (*copy)[18] = (*copy)[19] = 1;
        buf = *copy;
    }
    rc = sqlite3_deserialize(r->db, "main", buf, (sqlite3_int64)len,
                             (sqlite3_int64)len,
                             SQLITE_DESERIALIZE_READONLY);
    if (rc != SQLITE_OK)
        return db_fail(r, rc, "opening");
    r->max_steps = (unsigned long long)len * MAX_STEPS_PER_BYTE + 100000000ULL;
    sqlite3_progress_handler(r->db, STEP_CHECK, progress, r);
    /* Extra consistency checks on every page read: a damaged file fails
     * with a message instead of reading garbage. */
    sqlite3_exec(r->db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);
    sqlite3_set_authorizer(r->db, authorize, r);
    return 0;
}

int sg_load_dna(sg_corpus *c, const char *data, size_t len, const char *name,
                const sg_load_options *opts, sg_diag *diag)
{
    reader r = {0};
    r.c = c;
    r.name = name;
    r.diag = diag;
    r.opts = opts;
    r.var_group = -1;
    sg_arena_init(&r.arena);
    unsigned char *copy = NULL;
    document *docs = NULL;
    size_t ndocs = 0;
    int64_t lo = 0, hi = 0;
    int rc;

    if ((rc = open_db(&r, data, len, &copy)) || (rc = check_schema(&r)) ||
        (rc = find_type(&r)) || (rc = find_variables(&r)) ||
        (rc = read_statements(&r)) || (rc = read_short_text(&r)) ||
        (rc = read_qualifier(&r, &lo, &hi)) || (rc = read_entities(&r)) ||
        (rc = read_attributes(&r)))
        goto cleanup;
    if (r.failed)
        goto cleanup;
    if ((rc = read_documents(&r, &docs, &ndocs,
                             !opts->skip_text || opts->strict_spans)))
        goto cleanup;
    /* Building checks every statement before it adds any, so it also runs
     * after a problem to report the others. */
    rc = build(&r, docs, ndocs, lo, hi);

cleanup:
    if (r.db)
        sqlite3_close(r.db);
    free(copy);
    free(docs);
    free(r.st);
    free(r.ent);
    free(r.at);
    sg_arena_free(&r.arena);
    if (rc < 0)
        return rc;
    return r.failed || rc ? (rc == SG_EUSAGE ? SG_EUSAGE : SG_EINVALID) : 0;
}
