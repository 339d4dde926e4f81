/* Format v1 (JSON) reader. The only file that includes <jansson.h>.
 *
 * Reading happens in two passes over the document: sources, actors and
 * proposals first, so that stances may appear before or after them in the
 * file, then stances. Every problem is reported with its JSON path
 * ("stances[17].actor") and reading goes on, so one run shows them all. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "input/load.h"

typedef struct {
    sg_corpus *c;
    const char *name;
    sg_diag *diag;
    int failed;
    int nomem;
} reader;

/* A document's problems are placed by their JSON path. */
#define report(r, path, ...)                                                   \
    sg_parse_report((r)->diag, SG_DIAG_ERROR, &(r)->failed, (r)->name, 0, 0, \
                    path, __VA_ARGS__)
#define warn(r, path, ...)                                                     \
    sg_parse_report((r)->diag, SG_DIAG_WARNING, NULL, (r)->name, 0, 0, path, \
                    __VA_ARGS__)

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "?";
}


/* Optional string field: 0 and *out set (NULL when absent), or -1 after
 * reporting a type error at "path.key". */
static int opt_string(reader *r, json_t *obj, const char *key,
                      const char *path, const char **out)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        char p[96];
        snprintf(p, sizeof p, "%s.%s", path, key);
        report(r, p, "must be a string, not %s", type_name(v));
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

static int opt_date(reader *r, json_t *obj, const char *path, int32_t *out)
{
    const char *s;
    *out = SG_NO_DATE;
    if (opt_string(r, obj, "date", path, &s))
        return -1;
    if (!s)
        return 0;
    if (sg_date_parse(out, s, 0)) {
        char b[64], p[96];
        snprintf(p, sizeof p, "%s.date", path);
        report(r, p, "\"%s\" is not a real calendar date YYYY-MM-DD",
               sg_shorten(s, b, sizeof b));
        return -1;
    }
    return 0;
}

/* A short rendering of a scalar for messages: 0, 1.5, true, "text". */
static const char *value_text(const json_t *v, char *buf, size_t size)
{
    char b[64];
    if (json_is_integer(v))
        snprintf(buf, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        sg_format_double(buf, size, json_real_value(v));
    else if (json_is_string(v))
        snprintf(buf, size, "\"%s\"", sg_shorten(json_string_value(v), b, sizeof b));
    else if (json_is_boolean(v))
        snprintf(buf, size, "%s", json_is_true(v) ? "true" : "false");
    else
        snprintf(buf, size, "%s", type_name(v));
    return buf;
}

static json_t *get_array(reader *r, json_t *root, const char *key, int needed)
{
    json_t *v = json_object_get(root, key);
    if (!v) {
        if (needed)
            report(r, key, "missing: the file has no \"%s\" array", key);
        return NULL;
    }
    if (!json_is_array(v)) {
        report(r, key, "must be an array, not %s", type_name(v));
        return NULL;
    }
    return v;
}

static int is_member(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0)
            return 1;
    return 0;
}

/* Warn about each field of obj that is not in `known`. */
static void warn_unknown(reader *r, json_t *obj, const char *path,
                         const char *const *known)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        if (!is_member(key, known))
            warn(r, path, "unknown field \"%s\" ignored", key);
    }
}

static void read_sources(reader *r, json_t *arr)
{
    static const char *const known[] = {"id", "title", "publisher", "date",
                                        "url", "file", NULL};
    size_t i;
    json_t *obj;
    json_array_foreach(arr, i, obj)
    {
        char path[64];
        snprintf(path, sizeof path, "sources[%zu]", i);
        if (!json_is_object(obj)) {
            report(r, path, "must be an object, not %s", type_name(obj));
            continue;
        }
        sg_source s = {0};
        int bad = 0;
        bad |= opt_string(r, obj, "id", path, &s.id);
        bad |= opt_string(r, obj, "title", path, &s.title);
        bad |= opt_string(r, obj, "publisher", path, &s.publisher);
        bad |= opt_string(r, obj, "url", path, &s.url);
        bad |= opt_string(r, obj, "file", path, &s.file);
        bad |= opt_date(r, obj, path, &s.date);
        warn_unknown(r, obj, path, known);
        if (bad)
            continue;
        if (!s.id || !*s.id) {
            report(r, path, "\"id\" is missing or empty");
            continue;
        }
        if (sg_corpus_find_source(r->c, s.id) >= 0) {
            char b[80];
            report(r, path, "duplicate source id \"%s\"",
                   sg_shorten(s.id, b, sizeof b));
            continue;
        }
        if (sg_corpus_add_source(r->c, &s, NULL) == SG_ENOMEM) {
            r->nomem = 1;
            return;
        }
    }
}

static void read_entities(reader *r, json_t *arr, sg_node_kind kind)
{
    static const char *const fixed[] = {"id", "label", "type", "group",
                                        "topic", NULL};
    const char *what = kind == SG_ACTOR ? "actors" : "proposals";
    size_t i;
    json_t *obj;
    json_array_foreach(arr, i, obj)
    {
        char path[64];
        snprintf(path, sizeof path, "%s[%zu]", what, i);
        if (!json_is_object(obj)) {
            report(r, path, "must be an object, not %s", type_name(obj));
            continue;
        }
        sg_entity e = {0};
        int bad = 0;
        bad |= opt_string(r, obj, "id", path, &e.id);
        bad |= opt_string(r, obj, "label", path, &e.label);
        bad |= opt_string(r, obj, "type", path, &e.type);
        bad |= opt_string(r, obj, "group", path, &e.group);
        bad |= opt_string(r, obj, "topic", path, &e.topic);
        const char *key;
        json_t *v;
        json_object_foreach(obj, key, v)
        {
            if (is_member(key, fixed) || json_is_null(v))
                continue;
            /* Reported, but the entity is kept: dropping it would make
             * every stance that names it an "unknown actor" as well. */
            if (json_is_object(v) || json_is_array(v))
                report(r, path,
                       "\"%s\" must be a string, number or boolean, not %s",
                       key, type_name(v));
        }
        if (bad)
            continue;
        if (!e.id || !*e.id) {
            report(r, path, "\"id\" is missing or empty");
            continue;
        }
        sg_node_kind other;
        size_t at;
        if (sg_corpus_find(r->c, e.id, &other, &at) == 0) {
            char b[80];
            report(r, path, "duplicate id \"%s\" (already %s[%zu])",
                   sg_shorten(e.id, b, sizeof b),
                   other == SG_ACTOR ? "actors" : "proposals", at);
            continue;
        }
        size_t index;
        if (sg_corpus_add_entity(r->c, kind, &e, &index)) {
            r->nomem = 1;
            return;
        }
        json_object_foreach(obj, key, v)
        {
            if (is_member(key, fixed) || json_is_null(v) ||
                json_is_object(v) || json_is_array(v))
                continue;
            sg_value val = {0};
            if (json_is_string(v)) {
                val.type = SG_VALUE_STRING;
                val.str = json_string_value(v);
            } else if (json_is_number(v)) {
                val.type = SG_VALUE_NUMBER;
                val.num = json_number_value(v);
            } else {
                val.type = SG_VALUE_BOOL;
                val.num = json_is_true(v);
            }
            if (sg_corpus_set_attr(r->c, kind, index, key, &val) == SG_ENOMEM) {
                r->nomem = 1;
                return;
            }
        }
    }
}

/* Resolve an actor or proposal reference; -1 after reporting. */
static long resolve(reader *r, json_t *obj, const char *field,
                    sg_node_kind want, const char *path)
{
    const char *noun = want == SG_ACTOR ? "actor" : "proposal";
    json_t *v = json_object_get(obj, field);
    char p[96], b[80];
    snprintf(p, sizeof p, "%s.%s", path, field);
    if (!v) {
        report(r, p, "missing: every stance names its %s", noun);
        return -1;
    }
    if (!json_is_string(v)) {
        report(r, p, "must be a string (an id), not %s", type_name(v));
        return -1;
    }
    const char *id = json_string_value(v);
    sg_node_kind kind;
    size_t index;
    if (sg_corpus_find(r->c, id, &kind, &index) == 0) {
        if (kind == want)
            return (long)index;
        report(r, p, "\"%s\" is %s, not %s", sg_shorten(id, b, sizeof b),
               kind == SG_ACTOR ? "an actor" : "a proposal",
               want == SG_ACTOR ? "an actor" : "a proposal");
        return -1;
    }
    const char *hint = sg_corpus_suggest(r->c, want, id);
    if (hint) {
        char h[80];
        report(r, p, "unknown %s \"%s\" (did you mean \"%s\"?)", noun,
               sg_shorten(id, b, sizeof b), sg_shorten(hint, h, sizeof h));
    } else {
        report(r, p, "unknown %s \"%s\"", noun, sg_shorten(id, b, sizeof b));
    }
    return -1;
}

static int read_position(reader *r, json_t *obj, const char *path)
{
    json_t *v = json_object_get(obj, "position");
    char p[96], b[80];
    snprintf(p, sizeof p, "%s.position", path);
    if (!v) {
        report(r, p, "missing: expected \"support\" or \"oppose\"");
        return SG_EINVALID;
    }
    int pos;
    if (json_is_string(v)) {
        if (sg_position_parse(json_string_value(v), &pos) == 0 && pos != 0)
            return pos;
        report(r, p, "\"%s\" is not a position: expected \"support\" or "
                     "\"oppose\"",
               sg_shorten(json_string_value(v), b, sizeof b));
        return SG_EINVALID;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? SG_SUPPORT : SG_OPPOSE;
    if (json_is_integer(v) &&
        (json_integer_value(v) == 1 || json_integer_value(v) == -1))
        return (int)json_integer_value(v);
    char val[96];
    report(r, p, "must be \"support\" or \"oppose\" (or 1/-1, true/false), "
                 "not %s", value_text(v, val, sizeof val));
    return SG_EINVALID;
}

static void read_stances(reader *r, json_t *arr)
{
    static const char *const known[] = {"actor", "proposal", "position",
        "weight", "date", "source", "quote", "note", NULL};
    size_t i;
    json_t *obj;
    json_array_foreach(arr, i, obj)
    {
        char path[64];
        snprintf(path, sizeof path, "stances[%zu]", i);
        if (!json_is_object(obj)) {
            report(r, path, "must be an object, not %s", type_name(obj));
            continue;
        }
        sg_stance s = {0};
        s.source = SG_NO_SOURCE;
        s.weight = 1;
        long a = resolve(r, obj, "actor", SG_ACTOR, path);
        long p = resolve(r, obj, "proposal", SG_PROPOSAL, path);
        int pos = read_position(r, obj, path);
        int bad = a < 0 || p < 0 || pos == SG_EINVALID;

        json_t *w = json_object_get(obj, "weight");
        if (w && !json_is_null(w)) {
            char wp[96], val[96];
            snprintf(wp, sizeof wp, "%s.weight", path);
            if (!json_is_number(w)) {
                report(r, wp, "must be a number, not %s", type_name(w));
                bad = 1;
            } else if (!(json_number_value(w) > 0) ||
                       !isfinite(json_number_value(w))) {
                report(r, wp, "must be greater than 0, not %s",
                       value_text(w, val, sizeof val));
                bad = 1;
            } else {
                s.weight = json_number_value(w);
            }
        }
        bad |= opt_date(r, obj, path, &s.date) != 0;
        const char *src;
        if (opt_string(r, obj, "source", path, &src))
            bad = 1;
        else if (src) {
            long si = sg_corpus_find_source(r->c, src);
            if (si < 0) {
                char b[80], p2[96];
                snprintf(p2, sizeof p2, "%s.source", path);
                report(r, p2, "unknown source \"%s\"", sg_shorten(src, b, sizeof b));
                bad = 1;
            }
            s.source = (int32_t)si;
        }
        bad |= opt_string(r, obj, "quote", path, &s.quote) != 0;
        bad |= opt_string(r, obj, "note", path, &s.note) != 0;
        warn_unknown(r, obj, path, known);
        if (bad)
            continue;
        s.actor = (uint32_t)a;
        s.proposal = (uint32_t)p;
        s.position = (int8_t)pos;
        if (sg_corpus_add_stance(r->c, &s) == SG_ENOMEM) {
            r->nomem = 1;
            return;
        }
    }
}

int sg_load_json(sg_corpus *c, const char *data, size_t len, const char *name,
                 sg_diag *diag)
{
    reader r = {c, name, diag, 0, 0};
    /* The top level must be an object; say so in our words, at the first
     * character, whatever jansson would make of it. */
    size_t i = 0, line = 1, col = 1;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
                       data[i] == '\r')) {
        if (data[i] == '\n') {
            line++;
            col = 0;
        }
        col++;
        i++;
    }
    if (i == len) {
        sg_diag_add(diag, SG_DIAG_ERROR, "%s: empty file (only white space)",
                    name);
        return SG_EINVALID;
    }
    if (data[i] != '{') {
        sg_diag_add(diag, SG_DIAG_ERROR,
                    "%s:%zu:%zu: the top level must be an object "
                    "{\"stancegraph\": 1, ...}",
                    name, line, col);
        return SG_EINVALID;
    }
    json_error_t err;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        /* jansson counts columns in characters; offsets are in bytes. */
        const char *text = err.text;
        if (strstr(text, "JSON_ALLOW_NUL"))
            text = "\\u0000 (a NUL character) is not allowed in strings";
        sg_diag_add(diag, SG_DIAG_ERROR, "%s:%d:%d: %s (byte offset %d)", name,
                    err.line, err.column, text, err.position);
        return SG_EINVALID;
    }
    /* Step 1: header. */
    json_t *version = json_object_get(root, "stancegraph");
    if (!version) {
        warn(&r, "stancegraph", "no format version; assuming 1");
    } else if (!json_is_integer(version) || json_integer_value(version) != 1) {
        char val[96];
        report(&r, "stancegraph",
               "unsupported format version %s (this program reads the "
               "number 1)",
               value_text(version, val, sizeof val));
        json_decref(root);
        return SG_EINVALID;
    }
    const char *title;
    if (opt_string(&r, root, "title", "title", &title) == 0 && title)
        sg_corpus_set_title(c, title);
    static const char *const known[] = {"stancegraph", "title", "sources",
        "actors", "proposals", "stances", "description", "license", "notes",
        NULL};
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        if (!is_member(key, known))
            warn(&r, key, "unknown top-level field ignored");
    }

    /* Step 2: everything stances refer to, then the stances. */
    json_t *arr;
    if ((arr = get_array(&r, root, "sources", 0)))
        read_sources(&r, arr);
    if ((arr = get_array(&r, root, "actors", 1)))
        read_entities(&r, arr, SG_ACTOR);
    if ((arr = get_array(&r, root, "proposals", 1)))
        read_entities(&r, arr, SG_PROPOSAL);
    if ((arr = get_array(&r, root, "stances", 1)))
        read_stances(&r, arr);

    json_decref(root);
    if (r.nomem)
        return sg_seterr(SG_ENOMEM, "out of memory");
    return r.failed ? SG_EINVALID : 0;
}
