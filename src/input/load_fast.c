/* Fast path for format v1 JSON: a single pass over the bytes that builds
 * the corpus directly, without a document tree, for the common case of a
 * clean file.
 *
 * Contract with the reference reader (load_json.c, jansson): this reader
 * never reports anything. Whenever it meets something that is not plainly
 * valid -- a syntax error, a type error, an unknown field that deserves a
 * warning, a duplicate key, deep nesting, an escape it would have to judge --
 * it gives up and the caller reruns the jansson reader, which produces the
 * messages. So both accept exactly the same documents with the same
 * messages, as long as this reader is at least as strict as jansson; the
 * fuzz target tests/fuzz/fuzz_json.c and test_load check that. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/corpus_internal.h"
#include "input/load.h"
#include "model/progress.h"

/* Internal "let the reference reader decide"; distinct from the 1 that
 * next_key/next_elem return for "another item follows". */
#define GIVE_UP 2

typedef struct {
    const char *begin, *p, *end;
    sg_corpus *c;
    /* Scratch for decoded strings: each value decodes into its own slot so
     * a stance's fields can be held at once. */
    char *buf[10];
    size_t cap[10];
    /* Consecutive stances usually cite the same source. */
    char *last_source; /* grown, not reallocated per stance */
    size_t last_source_len, last_source_cap;
    long last_source_index;
} parser;

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end &&
           (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t'))
        ps->p++;
}

static int expect(parser *ps, char ch)
{
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != ch)
        return GIVE_UP;
    ps->p++;
    return 0;
}

/* Length of a valid UTF-8 sequence starting at s (non-ASCII lead), 0 when
 * invalid. */
static size_t utf8_len(const unsigned char *s, const unsigned char *end)
{
    size_t n = sg_utf8_valid_prefix((const char *)s,
                                    (size_t)(end - s) < 4 ? (size_t)(end - s)
                                                          : 4);
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    return n >= want ? want : 0;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        v <<= 4;
        if (ch >= '0' && ch <= '9')
            v |= (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f')
            v |= (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F')
            v |= (unsigned)(ch - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Decode a JSON string (at the opening quote) into scratch slot `slot`.
 * *out points at the NUL-terminated result. */
static int string(parser *ps, int slot, const char **out)
{
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"')
        return GIVE_UP;
    ps->p++;
    const char *start = ps->p;
    /* Fast scan for the common case: no escapes. */
    const char *q = start;
    while (q < ps->end && *q != '"' && *q != '\\' &&
           (unsigned char)*q >= 0x20 && (unsigned char)*q < 0x80)
        q++;
    size_t n = 0;
    if (sg_grow(&ps->buf[slot], &ps->cap[slot], (size_t)(q - start) + 5, 1))
        return SG_ENOMEM;
    memcpy(ps->buf[slot], start, (size_t)(q - start));
    n = (size_t)(q - start);
    ps->p = q;
    for (;;) {
        if (ps->p >= ps->end)
            return GIVE_UP;
        unsigned char ch = (unsigned char)*ps->p;
        if (sg_grow(&ps->buf[slot], &ps->cap[slot], n + 5, 1))
            return SG_ENOMEM;
        char *b = ps->buf[slot];
        if (ch == '"') {
            ps->p++;
            break;
        }
        if (ch < 0x20)
            return GIVE_UP;
        if (ch < 0x80) {
            if (ch != '\\') {
                b[n++] = (char)ch;
                ps->p++;
                continue;
            }
            if (ps->end - ps->p < 2)
                return GIVE_UP;
            char e = ps->p[1];
            ps->p += 2;
            switch (e) {
            case '"': b[n++] = '"'; continue;
            case '\\': b[n++] = '\\'; continue;
            case '/': b[n++] = '/'; continue;
            case 'b': b[n++] = '\b'; continue;
            case 'f': b[n++] = '\f'; continue;
            case 'n': b[n++] = '\n'; continue;
            case 'r': b[n++] = '\r'; continue;
            case 't': b[n++] = '\t'; continue;
            case 'u': break;
            default: return GIVE_UP;
            }
            unsigned cp;
            if (ps->end - ps->p < 4 || hex4(ps->p, &cp))
                return GIVE_UP;
            ps->p += 4;
            if (cp == 0)
                return GIVE_UP; /* jansson refuses \u0000 without ALLOW_NUL */
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return GIVE_UP;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' ||
                    hex4(ps->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return GIVE_UP;
                ps->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp < 0x80) {
                b[n++] = (char)cp;
            } else if (cp < 0x800) {
                b[n++] = (char)(0xC0 | (cp >> 6));
                b[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                b[n++] = (char)(0xE0 | (cp >> 12));
                b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                b[n++] = (char)(0xF0 | (cp >> 18));
                b[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                b[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (char)(0x80 | (cp & 0x3F));
            }
            continue;
        }
        size_t w = utf8_len((const unsigned char *)ps->p,
                            (const unsigned char *)ps->end);
        if (!w)
            return GIVE_UP;
        memcpy(b + n, ps->p, w);
        n += w;
        ps->p += w;
    }
    ps->buf[slot][n] = '\0';
    *out = ps->buf[slot];
    return 0;
}

/* A string as a span: zero-copy into the input when it holds no escapes
 * (valid UTF-8 is taken as it is), decoded into scratch slot `slot`
 * otherwise. The span is not NUL-terminated. */
static int span_string(parser *ps, int slot, const char **out, size_t *len)
{
    skip_ws(ps);
    if (ps->p >= ps->end || *ps->p != '"')
        return GIVE_UP;
    const char *start = ps->p + 1, *q = start;
    for (;;) {
        while (q < ps->end && *q != '"' && *q != '\\' &&
               (unsigned char)*q >= 0x20 && (unsigned char)*q < 0x80)
            q++;
        if (q >= ps->end)
            return GIVE_UP;
        unsigned char ch = (unsigned char)*q;
        if (ch == '"') {
            *out = start;
            *len = (size_t)(q - start);
            ps->p = q + 1;
            return 0;
        }
        if (ch < 0x20)
            return GIVE_UP;
        if (ch == '\\') {
            int rc = string(ps, slot, out);
            if (rc == 0)
                *len = strlen(*out);
            return rc;
        }
        size_t w = utf8_len((const unsigned char *)q,
                            (const unsigned char *)ps->end);
        if (!w)
            return GIVE_UP;
        q += w;
    }
}

typedef enum { V_STRING, V_NUMBER, V_TRUE, V_FALSE, V_NULL, V_OTHER } vkind;

typedef struct {
    vkind kind;
    const char *str;
    size_t len; /* of str, for spans */
    double num;
    int is_integer;
    long long integer;
} value;

/* A number token, parsed as jansson does: integers with strtoll, others
 * with strtod; overflow is jansson's error, so give up. */
static int number(parser *ps, value *v)
{
    const char *s = ps->p, *q = s;
    int integer = 1;
    if (q < ps->end && *q == '-')
        q++;
    if (q >= ps->end)
        return GIVE_UP;
    if (*q == '0')
        q++;
    else if (*q >= '1' && *q <= '9')
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    else
        return GIVE_UP;
    if (q < ps->end && *q == '.') {
        integer = 0;
        q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return GIVE_UP;
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        integer = 0;
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return GIVE_UP;
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    char tmp[64];
    size_t len = (size_t)(q - s);
    if (len >= sizeof tmp)
        return GIVE_UP;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    errno = 0;
    if (integer) {
        long long ll = strtoll(tmp, NULL, 10);
        if (errno)
            return GIVE_UP;
        v->is_integer = 1;
        v->integer = ll;
        v->num = (double)ll;
    } else {
        double d = strtod(tmp, NULL);
        if ((errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL)) ||
            !isfinite(d))
            return GIVE_UP;
        v->is_integer = 0;
        v->num = d;
    }
    ps->p = q;
    return 0;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return GIVE_UP;
    ps->p += n;
    return 0;
}

/* A scalar value; objects and arrays give V_OTHER without being consumed. */
static int scalar_as(parser *ps, int slot, value *v, int as_span)
{
    skip_ws(ps);
    memset(v, 0, sizeof *v);
    if (ps->p >= ps->end)
        return GIVE_UP;
    switch (*ps->p) {
    case '"':
        v->kind = V_STRING;
        return as_span ? span_string(ps, slot, &v->str, &v->len)
                       : string(ps, slot, &v->str);
    case 't': v->kind = V_TRUE; return literal(ps, "true");
    case 'f': v->kind = V_FALSE; return literal(ps, "false");
    case 'n': v->kind = V_NULL; return literal(ps, "null");
    case '{':
    case '[': v->kind = V_OTHER; return 0;
    default: v->kind = V_NUMBER; return number(ps, v);
    }
}

/* A scalar whose strings are NUL-terminated copies. */
static int scalar(parser *ps, int slot, value *v)
{
    return scalar_as(ps, slot, v, 0);
}

/* Step through an object: call with ps at '{' and *first = 1. Returns 1
 * when a key follows (ps at its opening quote), 0 at the closing brace, or
 * GIVE_UP. */
static int object_step(parser *ps, int *first)
{
    skip_ws(ps);
    if (*first) {
        if (expect(ps, '{'))
            return GIVE_UP;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == '}') {
            ps->p++;
            return 0;
        }
        *first = 0;
        return 1;
    }
    if (ps->p >= ps->end)
        return GIVE_UP;
    if (*ps->p == '}') {
        ps->p++;
        return 0;
    }
    if (*ps->p != ',')
        return GIVE_UP;
    ps->p++;
    skip_ws(ps);
    return 1;
}

/* Iterate "key": value pairs of an object. Returns 1 with the key decoded
 * into slot 0 when there is a pair (ps is then just after the colon), 0 at
 * the closing brace, GIVE_UP or SG_ENOMEM. */
static int next_key(parser *ps, int *first, const char **key)
{
    int rc = object_step(ps, first);
    if (rc != 1)
        return rc;
    if ((rc = string(ps, 0, key)))
        return rc;
    return expect(ps, ':') ? GIVE_UP : 1;
}

/* Like next_key, but leaves the key undecoded: *key and *klen span its raw
 * bytes. Keys with escapes give up (the reference reader decodes them). */
static int next_raw_key(parser *ps, int *first, const char **key,
                        size_t *klen)
{
    int rc = object_step(ps, first);
    if (rc != 1)
        return rc;
    if (ps->p >= ps->end || *ps->p != '"')
        return GIVE_UP;
    const char *k = ++ps->p;
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char ch = (unsigned char)*ps->p;
        if (ch == '\\' || ch < 0x20 || ch >= 0x80)
            return GIVE_UP;
        ps->p++;
    }
    if (ps->p >= ps->end)
        return GIVE_UP;
    *key = k;
    *klen = (size_t)(ps->p - k);
    ps->p++;
    return expect(ps, ':') ? GIVE_UP : 1;
}

/* A field name with its length, counted by the compiler. */
typedef struct {
    const char *name;
    size_t len;
} field_name;
#define FIELD(s) {s, sizeof s - 1}

/* Lengths first: most names differ in length, and this runs for every key
 * of every stance. `names` ends with {NULL, 0}. */
static int raw_field_index(const char *key, size_t len,
                           const field_name *names)
{
    for (int i = 0; names[i].name; i++)
        if (names[i].len == len && names[i].name[0] == key[0] &&
            memcmp(key, names[i].name, len) == 0)
            return i;
    return -1;
}

/* Same for array elements: 1 when an element follows (ps at it). */
static int next_elem(parser *ps, int *first)
{
    skip_ws(ps);
    if (*first) {
        if (expect(ps, '['))
            return GIVE_UP;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ']') {
            ps->p++;
            return 0;
        }
        *first = 0;
        return 1;
    }
    if (ps->p >= ps->end)
        return GIVE_UP;
    if (*ps->p == ']') {
        ps->p++;
        return 0;
    }
    if (*ps->p != ',')
        return GIVE_UP;
    ps->p++;
    return 1;
}

/* Keys seen in the current object, to refuse duplicates as jansson's
 * JSON_REJECT_DUPLICATES does. Objects here have few keys. */
typedef struct {
    char *names[16];
    size_t n;
} seen_keys;

static int remember(seen_keys *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], key) == 0)
            return GIVE_UP;
    if (s->n == 16)
        return GIVE_UP;
    if (!(s->names[s->n] = strdup(key)))
        return SG_ENOMEM;
    s->n++;
    return 0;
}

static void forget(seen_keys *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->names[i]);
    s->n = 0;
}

static int field_index(const char *key, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(key, names[i]) == 0)
            return i;
    return -1;
}

/* ---- sources ---- */

static int sources(parser *ps)
{
    static const char *const names[] = {"id", "title", "publisher", "url",
                                        "file", "date", NULL};
    int first = 1, rc;
    while ((rc = next_elem(ps, &first)) == 1) {
        const char *f[6] = {0};
        seen_keys seen = {0};
        int ofirst = 1;
        const char *key;
        while ((rc = next_key(ps, &ofirst, &key)) == 1) {
            int i = field_index(key, names);
            if (i < 0 || (rc = remember(&seen, key)))
                break;
            value v;
            if ((rc = scalar(ps, 1 + i, &v)))
                break;
            if (v.kind == V_STRING)
                f[i] = v.str;
            else if (v.kind != V_NULL) {
                rc = GIVE_UP;
                break;
            }
        }
        forget(&seen);
        if (rc == 1)
            rc = GIVE_UP;
        if (rc)
            return rc;
        sg_source s = {.id = f[0], .title = f[1], .publisher = f[2],
                       .url = f[3], .file = f[4], .date = SG_NO_DATE};
        if (!s.id || !*s.id || sg_corpus_find_source(ps->c, s.id) >= 0)
            return GIVE_UP;
        if (f[5] && sg_date_parse(&s.date, f[5], 0))
            return GIVE_UP;
        if ((rc = sg_corpus_add_source(ps->c, &s, NULL)))
            return rc == SG_ENOMEM ? rc : GIVE_UP;
    }
    return rc;
}

/* ---- actors and proposals ---- */

typedef struct {
    char *key;
    value v;
    char *str;
} pending_attr;

static int entities(parser *ps, sg_node_kind kind)
{
    static const char *const names[] = {"id", "label", "type", "group",
                                        "topic", NULL};
    int first = 1, rc;
    pending_attr attrs[16];
    while ((rc = next_elem(ps, &first)) == 1) {
        const char *f[5] = {0};
        size_t nattrs = 0;
        seen_keys seen = {0};
        int ofirst = 1;
        const char *key;
        while ((rc = next_key(ps, &ofirst, &key)) == 1) {
            if ((rc = remember(&seen, key)))
                break;
            int i = field_index(key, names);
            value v;
            if ((rc = scalar(ps, i >= 0 ? 1 + i : 9, &v)))
                break;
            if (v.kind == V_OTHER) {
                rc = GIVE_UP;
                break;
            }
            if (i >= 0) {
                if (v.kind == V_STRING)
                    f[i] = v.str;
                else if (v.kind != V_NULL) {
                    rc = GIVE_UP;
                    break;
                }
                continue;
            }
            if (v.kind == V_NULL)
                continue;
            if (nattrs == 16) {
                rc = GIVE_UP;
                break;
            }
            pending_attr *a = &attrs[nattrs];
            a->key = strdup(key);
            a->str = v.kind == V_STRING ? strdup(v.str) : NULL;
            a->v = v;
            nattrs++;
            if (!a->key || (v.kind == V_STRING && !a->str)) {
                rc = SG_ENOMEM;
                break;
            }
        }
        forget(&seen);
        if (rc == 1)
            rc = GIVE_UP;
        size_t index = 0;
        if (!rc) {
            sg_entity e = {f[0], f[1], f[2], f[3], f[4], NULL, 0};
            if (!e.id || !*e.id || sg_corpus_find(ps->c, e.id, NULL, NULL) == 0)
                rc = GIVE_UP;
            else if ((rc = sg_corpus_add_entity(ps->c, kind, &e, &index)))
                rc = rc == SG_ENOMEM ? rc : GIVE_UP;
        }
        for (size_t i = 0; i < nattrs; i++) {
            if (!rc) {
                sg_value val = {SG_VALUE_NUMBER, NULL, attrs[i].v.num};
                if (attrs[i].v.kind == V_STRING) {
                    val.type = SG_VALUE_STRING;
                    val.str = attrs[i].str;
                } else if (attrs[i].v.kind != V_NUMBER) {
                    val.type = SG_VALUE_BOOL;
                    val.num = attrs[i].v.kind == V_TRUE;
                }
                rc = sg_corpus_set_attr(ps->c, kind, index, attrs[i].key, &val);
                if (rc && rc != SG_ENOMEM)
                    rc = GIVE_UP;
            }
            free(attrs[i].key);
            free(attrs[i].str);
        }
        if (rc)
            return rc;
    }
    return rc;
}

/* ---- stances ---- */

#define STANCE_SAMPLE 1024

static int stances(parser *ps)
{
    enum { F_ACTOR, F_PROPOSAL, F_POSITION, F_WEIGHT, F_DATE, F_SOURCE,
           F_QUOTE, F_NOTE };
    static const field_name names[] = {
        FIELD("actor"), FIELD("proposal"), FIELD("position"), FIELD("weight"),
        FIELD("date"),  FIELD("source"),   FIELD("quote"),    FIELD("note"),
        {NULL, 0}};
    int first = 1, rc;
    const char *start = ps->p;
    size_t nstart = ps->c->nstances, seen = 0;
    while ((rc = next_elem(ps, &first)) == 1) {
        if ((seen & 0xFFFF) == 0) /* the bar of a big file */
            sg_progress_note((double)(ps->p - ps->begin) /
                             (double)(ps->end - ps->begin));
        /* After a sample of stances, reserve for the rest at the sampled
         * size, with a margin: a big array then grows at most once. */
        if (++seen == STANCE_SAMPLE && ps->end - ps->p > (8 << 20)) {
            double per = (double)(ps->p - start) / (STANCE_SAMPLE - 1);
            double rest = (double)(ps->end - ps->p) / per * 1.1;
            if (rest < 1e9)
                (void)sg_corpus_reserve_stances(ps->c,
                                                nstart + seen + (size_t)rest);
        }
        value f[8];
        unsigned have = 0;
        int ofirst = 1;
        const char *key;
        size_t klen;
        while ((rc = next_raw_key(ps, &ofirst, &key, &klen)) == 1) {
            int i = raw_field_index(key, klen, names);
            if (i < 0 || (have & (1u << i))) {
                rc = GIVE_UP; /* unknown (a warning) or duplicate */
                break;
            }
            if ((rc = scalar_as(ps, 1 + i, &f[i], 1)))
                break;
            /* The lookups come once the whole object is read. */
            if (f[i].kind == V_STRING &&
                (i == F_ACTOR || i == F_PROPOSAL || i == F_SOURCE))
                sg_corpus_prefetch(ps->c, i == F_SOURCE, f[i].str, f[i].len);
            if (f[i].kind == V_OTHER) {
                rc = GIVE_UP;
                break;
            }
            if (f[i].kind != V_NULL)
                have |= 1u << i;
            else if (i <= F_POSITION) {
                rc = GIVE_UP;
                break;
            }
        }
        if (rc == 1)
            rc = GIVE_UP;
        if (rc)
            return rc;
        if ((have & 7u) != 7u || f[F_ACTOR].kind != V_STRING ||
            f[F_PROPOSAL].kind != V_STRING)
            return GIVE_UP;
        sg_stance s = {0};
        s.weight = 1;
        s.date = SG_NO_DATE;
        s.source = SG_NO_SOURCE;
        sg_node_kind kind;
        size_t idx;
        if (sg_corpus_findn(ps->c, f[F_ACTOR].str, f[F_ACTOR].len, &kind,
                            &idx) ||
            kind != SG_ACTOR)
            return GIVE_UP;
        s.actor = (uint32_t)idx;
        if (sg_corpus_findn(ps->c, f[F_PROPOSAL].str, f[F_PROPOSAL].len, &kind,
                            &idx) ||
            kind != SG_PROPOSAL)
            return GIVE_UP;
        s.proposal = (uint32_t)idx;
        const value *pv = &f[F_POSITION];
        int pos;
        char small[40];
        if (pv->kind == V_STRING) {
            if (pv->len >= sizeof small)
                return GIVE_UP;
            memcpy(small, pv->str, pv->len);
            small[pv->len] = '\0';
            if (sg_position_parse(small, &pos) || pos == 0)
                return GIVE_UP;
        } else if (pv->kind == V_TRUE || pv->kind == V_FALSE) {
            pos = pv->kind == V_TRUE ? 1 : -1;
        } else if (pv->kind == V_NUMBER && pv->is_integer &&
                   (pv->integer == 1 || pv->integer == -1)) {
            pos = (int)pv->integer;
        } else {
            return GIVE_UP;
        }
        s.position = (int8_t)pos;
        if (have & (1u << F_WEIGHT)) {
            if (f[F_WEIGHT].kind != V_NUMBER || !(f[F_WEIGHT].num > 0))
                return GIVE_UP;
            s.weight = f[F_WEIGHT].num;
        }
        if (have & (1u << F_DATE)) {
            const value *dv = &f[F_DATE];
            if (dv->kind != V_STRING || dv->len >= sizeof small)
                return GIVE_UP;
            memcpy(small, dv->str, dv->len);
            small[dv->len] = '\0';
            if (sg_date_parse(&s.date, small, 0))
                return GIVE_UP;
        }
        if (have & (1u << F_SOURCE)) {
            const value *sv = &f[F_SOURCE];
            if (sv->kind != V_STRING)
                return GIVE_UP;
            if (!ps->last_source || ps->last_source_len != sv->len ||
                memcmp(ps->last_source, sv->str, sv->len) != 0) {
                long si = sg_corpus_find_sourcen(ps->c, sv->str, sv->len);
                if (si < 0)
                    return GIVE_UP;
                if (sg_grow(&ps->last_source, &ps->last_source_cap,
                            sv->len + 1, 1))
                    return SG_ENOMEM;
                memcpy(ps->last_source, sv->str, sv->len);
                ps->last_source_len = sv->len;
                ps->last_source_index = si;
            }
            s.source = (int32_t)ps->last_source_index;
        }
        for (int i = F_QUOTE; i <= F_NOTE; i++)
            if ((have & (1u << i)) && f[i].kind != V_STRING)
                return GIVE_UP;
        int has_quote = (have & (1u << F_QUOTE)) != 0;
        int has_note = (have & (1u << F_NOTE)) != 0;
        if ((rc = sg_corpus_add_stance_n(
                 ps->c, &s, has_quote ? f[F_QUOTE].str : NULL,
                 has_quote ? f[F_QUOTE].len : 0,
                 has_note ? f[F_NOTE].str : NULL,
                 has_note ? f[F_NOTE].len : 0)))
            return rc == SG_ENOMEM ? rc : GIVE_UP;
    }
    return rc;
}

/* Skip any value, checking its syntax, to a bounded depth. */
static int skip_value(parser *ps, int depth)
{
    if (depth > 500)
        return GIVE_UP;
    skip_ws(ps);
    if (ps->p >= ps->end)
        return GIVE_UP;
    int first = 1, rc;
    if (*ps->p == '{') {
        seen_keys seen = {0};
        const char *key;
        while ((rc = next_key(ps, &first, &key)) == 1) {
            if ((rc = remember(&seen, key)) || (rc = skip_value(ps, depth + 1)))
                break;
        }
        forget(&seen);
        return rc;
    }
    if (*ps->p == '[') {
        while ((rc = next_elem(ps, &first)) == 1)
            if ((rc = skip_value(ps, depth + 1)))
                return rc;
        return rc;
    }
    value v;
    return scalar(ps, 9, &v);
}

int sg_load_json_fast(sg_corpus *c, const char *data, size_t len,
                      size_t *stop)
{
    parser ps = {0};
    ps.begin = data;
    ps.p = data;
    ps.end = data + len;
    ps.c = c;
    enum { K_VERSION, K_TITLE, K_SOURCES, K_ACTORS, K_PROPOSALS, K_STANCES,
           K_DESCRIPTION, K_LICENSE, K_NOTES };
    static const char *const names[] = {"stancegraph", "title", "sources",
        "actors", "proposals", "stances", "description", "license", "notes",
        NULL};
    unsigned have = 0;
    const char *deferred = NULL; /* stances seen before what they refer to */
    int first = 1, rc;
    const char *key;
    while ((rc = next_key(&ps, &first, &key)) == 1) {
        int k = field_index(key, names);
        if (k < 0 || (have & (1u << k))) {
            rc = GIVE_UP;
            break;
        }
        have |= 1u << k;
        value v;
        switch (k) {
        case K_VERSION:
            if ((rc = scalar(&ps, 1, &v)) == 0 &&
                !(v.kind == V_NUMBER && v.is_integer && v.integer == 1))
                rc = GIVE_UP;
            break;
        case K_TITLE:
            if ((rc = scalar(&ps, 1, &v)) == 0) {
                if (v.kind == V_STRING)
                    rc = sg_corpus_set_title(c, v.str);
                else if (v.kind != V_NULL)
                    rc = GIVE_UP;
            }
            break;
        case K_SOURCES:
            /* Sources after deferred stances would change nothing, but
             * keep the rule simple: references must come first. */
            rc = sources(&ps);
            break;
        case K_ACTORS: rc = entities(&ps, SG_ACTOR); break;
        case K_PROPOSALS: rc = entities(&ps, SG_PROPOSAL); break;
        case K_STANCES:
            if ((have & (1u << K_ACTORS)) && (have & (1u << K_PROPOSALS)) &&
                (have & (1u << K_SOURCES))) {
                rc = stances(&ps);
            } else {
                skip_ws(&ps);
                deferred = ps.p;
                rc = skip_value(&ps, 0);
            }
            break;
        default: rc = skip_value(&ps, 0); break;
        }
        if (rc)
            break;
    }
    if (rc == 0) {
        skip_ws(&ps);
        /* The version, actors, proposals and stances must all be there (the
         * reference reader warns or fails otherwise). */
        const unsigned need = (1u << K_VERSION) | (1u << K_ACTORS) |
                              (1u << K_PROPOSALS) | (1u << K_STANCES);
        if (ps.p != ps.end || (have & need) != need)
            rc = GIVE_UP;
    }
    if (rc == 0 && deferred) {
        ps.p = deferred;
        rc = stances(&ps);
    }
    for (int i = 0; i < 10; i++)
        free(ps.buf[i]);
    free(ps.last_source);
    if (stop)
        *stop = (size_t)(ps.p - data);
    return rc == GIVE_UP ? 1 : rc;
}
