/* The DNA database reader: never crash, leak, hang or grow without bound;
 * a rejected database always comes with a message.
 *
 * An input that starts with SQLite's header is read as a database file
 * (mutations of the seed databases hit the page and record decoders). Any
 * other input is SQL run over an empty DNA 3 schema, and the resulting
 * database is read: a generator of well-formed files with hostile contents
 * (wrong column types, dangling ids, huge values, triggers and views,
 * overlapping and reversed spans, any text). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stancegraph.h"

static const char schema[] =
    "PRAGMA page_size = 512;"
    "CREATE TABLE STATEMENTTYPES(ID INTEGER PRIMARY KEY, Label TEXT, Red, "
    "Green, Blue);"
    "CREATE TABLE VARIABLES(ID INTEGER PRIMARY KEY, Variable TEXT, DataType "
    "TEXT, StatementTypeId INTEGER);"
    "CREATE TABLE DOCUMENTS(ID INTEGER PRIMARY KEY, Title TEXT, Text TEXT, "
    "Coder, Author TEXT, Source TEXT, Section TEXT, Notes TEXT, Type TEXT, "
    "Date INTEGER);"
    "CREATE TABLE STATEMENTS(ID INTEGER PRIMARY KEY, StatementTypeId, "
    "DocumentId, Start, Stop, Coder);"
    "CREATE TABLE DATABOOLEAN(ID INTEGER PRIMARY KEY, StatementId, "
    "VariableId, Value);"
    "CREATE TABLE DATAINTEGER(ID INTEGER PRIMARY KEY, StatementId, "
    "VariableId, Value);"
    "CREATE TABLE ENTITIES(ID INTEGER PRIMARY KEY, VariableId, Value, Red, "
    "Green, Blue, ChildOf);"
    "CREATE TABLE DATASHORTTEXT(ID INTEGER PRIMARY KEY, StatementId, "
    "VariableId, Entity);"
    "CREATE TABLE ATTRIBUTEVARIABLES(ID INTEGER PRIMARY KEY, VariableId, "
    "AttributeVariable);"
    "CREATE TABLE ATTRIBUTEVALUES(ID INTEGER PRIMARY KEY, EntityId, "
    "AttributeVariableId, AttributeValue);"
    "INSERT INTO STATEMENTTYPES VALUES(1, 'DNA Statement', 0, 0, 0);"
    "INSERT INTO VARIABLES VALUES(1, 'person', 'short text', 1),"
    "(2, 'organization', 'short text', 1), (3, 'concept', 'short text', 1),"
    "(4, 'agreement', 'boolean', 1);";

static int stop_early(void *p)
{
    return ++*(int *)p > 2000;
}

/* Run `sql` over the schema; the database's bytes, or NULL. */
static unsigned char *generate(const uint8_t *sql, size_t size,
                               sqlite3_int64 *len)
{
    sqlite3 *db = NULL;
    unsigned char *out = NULL;
    char *text = malloc(size + 1);
    if (!text || sqlite3_open(":memory:", &db) != SQLITE_OK)
        goto done;
    memcpy(text, sql, size);
    text[size] = '\0';
    int steps = 0;
    /* The generator must stay cheap: no runaway recursion, no huge values
     * beyond what the reader's own limit is meant to catch. */
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
                      (int *)NULL);
    if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK)
        goto done;
    sqlite3_progress_handler(db, 100, stop_early, &steps);
    sqlite3_exec(db, text, NULL, NULL, NULL);
    sqlite3_progress_handler(db, 0, NULL, NULL);
    out = sqlite3_serialize(db, "main", len, 0);
done:
    free(text);
    sqlite3_close(db);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int limited;
    if (!limited) {
        /* The reader's memory must stay bounded whatever the file says. */
        sqlite3_hard_heap_limit64((sqlite3_int64)256 << 20);
        limited = 1;
    }
    const char *bytes = (const char *)data;
    sqlite3_int64 len = (sqlite3_int64)size;
    unsigned char *made = NULL;
    if (size < 16 || memcmp(data, "SQLite format 3", 16) != 0) {
        if (!(made = generate(data, size, &len)))
            return 0;
        bytes = (const char *)made;
    }
    for (int strict = 0; strict < 2; strict++) {
        sg_load_options o = {0};
        o.strict_spans = strict;
        o.actor_column = strict ? "person" : NULL;
        sg_diag *d = sg_diag_new(50);
        sg_corpus *c = NULL;
        int rc = sg_corpus_load_buffer(&c, bytes, (size_t)len, "fuzz.dna", &o,
                                       d);
        if ((rc == SG_EINVALID || rc == SG_EUSAGE) &&
            (sg_diag_errors(d) == 0 || !*sg_error_last()))
            abort();
        if (rc == 0 && (!c || sg_diag_errors(d) != 0))
            abort();
        sg_corpus_free(c);
        sg_diag_free(d);
    }
    sqlite3_free(made);
    return 0;
}
