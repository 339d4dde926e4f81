/* The corpus model: entities, sources and stances, with id indexes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/corpus_internal.h"
#include "stancegraph/corpus.h"
#include "model/util.h"

struct sg_corpus_priv {
    sg_arena arena;
    sg_strmap ids;     /* actor and proposal ids -> index * 2 + kind */
    sg_strmap sources; /* source ids -> index */
    sg_strmap keys[2]; /* attribute names -> key index, per kind */
    size_t cap_actors, cap_proposals, cap_sources, cap_stances;
    size_t cap_keys[2];
    int skip_text;
    sg_input_format format; /* what it was read from */
};

int sg_corpus_new(sg_corpus **out)
{
    *out = NULL;
    sg_corpus *c = calloc(1, sizeof *c);
    sg_corpus_priv *p = calloc(1, sizeof *p);
    if (!c || !p) {
        free(c);
        free(p);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    sg_arena_init(&p->arena);
    c->priv = p;
    *out = c;
    return 0;
}

static void free_entities(sg_entity *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(e[i].attrs);
    free(e);
}

void sg_corpus_free(sg_corpus *c)
{
    if (!c)
        return;
    free_entities(c->actors, c->nactors);
    free_entities(c->proposals, c->nproposals);
    free(c->sources);
    free(c->stances);
    free(c->actor_keys);
    free(c->proposal_keys);
    if (c->priv) {
        sg_arena_free(&c->priv->arena);
        sg_strmap_free(&c->priv->ids);
        sg_strmap_free(&c->priv->sources);
        sg_strmap_free(&c->priv->keys[0]);
        sg_strmap_free(&c->priv->keys[1]);
        free(c->priv);
    }
    free(c);
}

static int copy_str(sg_corpus *c, const char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = sg_arena_strdup(&c->priv->arena, src);
    return *dst ? 0 : sg_seterr(SG_ENOMEM, "out of memory");
}

int sg_corpus_set_title(sg_corpus *c, const char *title)
{
    return copy_str(c, &c->title, title);
}

int sg_corpus_set_group(sg_corpus *c, size_t actor, const char *group)
{
    if (actor >= c->nactors)
        return sg_seterr(SG_EUSAGE, "actor index out of range");
    return copy_str(c, &c->actors[actor].group, group);
}

int sg_corpus_add_entity(sg_corpus *c, sg_node_kind kind, const sg_entity *e,
                         size_t *index_out)
{
    sg_corpus_priv *p = c->priv;
    if (!e->id || !*e->id)
        return sg_seterr(SG_EINVALID, "id is empty");
    size_t found;
    if (sg_strmap_get(&p->ids, e->id, &found))
        return sg_seterr(SG_EINVALID, "duplicate id \"%s\" (already %s)",
                         e->id, (found & 1) ? "a proposal" : "an actor");
    sg_entity **arr = kind == SG_ACTOR ? &c->actors : &c->proposals;
    size_t *n = kind == SG_ACTOR ? &c->nactors : &c->nproposals;
    size_t *cap = kind == SG_ACTOR ? &p->cap_actors : &p->cap_proposals;
    if (*n >= UINT32_MAX)
        return sg_seterr(SG_ELIMIT, "too many %s",
                         kind == SG_ACTOR ? "actors" : "proposals");
    int rc = sg_grow(arr, cap, *n + 1, sizeof **arr);
    if (rc)
        return rc;
    sg_entity *dst = &(*arr)[*n];
    memset(dst, 0, sizeof *dst);
    if ((rc = copy_str(c, &dst->id, e->id)) ||
        (rc = copy_str(c, &dst->label, e->label ? e->label : e->id)) ||
        (rc = copy_str(c, &dst->type, e->type)) ||
        (rc = copy_str(c, &dst->group, e->group)) ||
        (rc = copy_str(c, &dst->topic, e->topic)))
        return rc;
    if (sg_strmap_put(&p->ids, dst->id, *n * 2 + (size_t)kind))
        return sg_seterr(SG_ENOMEM, "out of memory");
    if (index_out)
        *index_out = *n;
    (*n)++;
    return 0;
}

/* Index of attribute key `name` for `kind`, created on first use. A key
 * whose values disagree in type becomes a string key. */
static int attr_key(sg_corpus *c, sg_node_kind kind, const char *name,
                    sg_value_type type, size_t *out)
{
    sg_corpus_priv *p = c->priv;
    sg_attr_key **keys = kind == SG_ACTOR ? &c->actor_keys : &c->proposal_keys;
    size_t *n = kind == SG_ACTOR ? &c->nactor_keys : &c->nproposal_keys;
    size_t idx;
    if (sg_strmap_get(&p->keys[kind], name, &idx)) {
        if ((*keys)[idx].type != type)
            (*keys)[idx].type = SG_VALUE_STRING;
        *out = idx;
        return 0;
    }
    int rc = sg_grow(keys, &p->cap_keys[kind], *n + 1, sizeof **keys);
    if (rc)
        return rc;
    const char *copy = sg_arena_strdup(&p->arena, name);
    if (!copy || sg_strmap_put(&p->keys[kind], copy, *n))
        return sg_seterr(SG_ENOMEM, "out of memory");
    (*keys)[*n].name = copy;
    (*keys)[*n].type = type;
    *out = (*n)++;
    return 0;
}

int sg_corpus_attr_key(const sg_corpus *c, sg_node_kind kind,
                       const char *name, size_t *out)
{
    return sg_strmap_get(&c->priv->keys[kind], name, out) ? 0 : SG_EINVALID;
}

int sg_corpus_set_attr(sg_corpus *c, sg_node_kind kind, size_t index,
                       const char *key, const sg_value *value)
{
    size_t n = kind == SG_ACTOR ? c->nactors : c->nproposals;
    if (index >= n)
        return sg_seterr(SG_EUSAGE, "entity index out of range");
    if (!key || !*key)
        return sg_seterr(SG_EINVALID, "attribute name is empty");
    if (value->type == SG_VALUE_NUMBER && !isfinite(value->num))
        return sg_seterr(SG_EINVALID, "attribute \"%s\" is not finite", key);
    size_t k = 0;
    int rc = attr_key(c, kind, key, value->type, &k);
    if (rc)
        return rc;
    sg_entity *e = kind == SG_ACTOR ? &c->actors[index] : &c->proposals[index];
    sg_value v = *value;
    if (v.type == SG_VALUE_STRING &&
        !(v.str = sg_arena_strdup(&c->priv->arena, value->str ? value->str
                                                               : "")))
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < e->nattrs; i++)
        if (e->attrs[i].key == k) {
            e->attrs[i].value = v;
            return 0;
        }
    sg_attr *grown = realloc(e->attrs, (e->nattrs + 1) * sizeof *grown);
    if (!grown)
        return sg_seterr(SG_ENOMEM, "out of memory");
    e->attrs = grown;
    e->attrs[e->nattrs].key = k;
    e->attrs[e->nattrs].value = v;
    e->nattrs++;
    return 0;
}

int sg_corpus_add_source(sg_corpus *c, const sg_source *s, size_t *index_out)
{
    sg_corpus_priv *p = c->priv;
    if (!s->id || !*s->id)
        return sg_seterr(SG_EINVALID, "source id is empty");
    if (sg_strmap_get(&p->sources, s->id, NULL))
        return sg_seterr(SG_EINVALID, "duplicate source id \"%s\"", s->id);
    if (c->nsources >= INT32_MAX)
        return sg_seterr(SG_ELIMIT, "too many sources");
    int rc = sg_grow(&c->sources, &p->cap_sources, c->nsources + 1,
                     sizeof *c->sources);
    if (rc)
        return rc;
    sg_source *d = &c->sources[c->nsources];
    memset(d, 0, sizeof *d);
    d->date = s->date;
    if ((rc = copy_str(c, &d->id, s->id)) ||
        (rc = copy_str(c, &d->title, s->title)) ||
        (rc = copy_str(c, &d->publisher, s->publisher)) ||
        (rc = copy_str(c, &d->url, s->url)) ||
        (rc = copy_str(c, &d->file, s->file)) ||
        (rc = copy_str(c, &d->author, s->author)) ||
        (rc = copy_str(c, &d->section, s->section)) ||
        (rc = copy_str(c, &d->type, s->type)))
        return rc;
    if (sg_strmap_put(&p->sources, d->id, c->nsources))
        return sg_seterr(SG_ENOMEM, "out of memory");
    if (index_out)
        *index_out = c->nsources;
    c->nsources++;
    return 0;
}

void sg_corpus_skip_text(sg_corpus *c) { c->priv->skip_text = 1; }

void sg_corpus_set_format(sg_corpus *c, sg_input_format format)
{
    c->priv->format = format;
}

sg_input_format sg_corpus_format(const sg_corpus *c)
{
    return c->priv->format;
}

int sg_corpus_reserve_stances(sg_corpus *c, size_t n)
{
    return sg_grow(&c->stances, &c->priv->cap_stances, n, sizeof *c->stances);
}

int sg_corpus_add_stance_n(sg_corpus *c, const sg_stance *s,
                           const char *quote, size_t quote_len,
                           const char *note, size_t note_len)
{
    if (s->actor >= c->nactors || s->proposal >= c->nproposals)
        return sg_seterr(SG_EUSAGE, "stance refers to an unknown entity");
    if (s->position != SG_SUPPORT && s->position != SG_OPPOSE)
        return sg_seterr(SG_EINVALID, "position must be support or oppose");
    if (!(s->weight > 0) || !isfinite(s->weight))
        return sg_seterr(SG_EINVALID, "weight must be a finite number > 0");
    if (s->source != SG_NO_SOURCE &&
        (s->source < 0 || (size_t)s->source >= c->nsources))
        return sg_seterr(SG_EUSAGE, "stance refers to an unknown source");
    int rc = sg_grow(&c->stances, &c->priv->cap_stances, c->nstances + 1,
                     sizeof *c->stances);
    if (rc)
        return rc;
    sg_stance *d = &c->stances[c->nstances];
    *d = *s;
    d->quote = d->note = NULL;
    if (c->priv->skip_text)
        quote = note = NULL;
    if ((quote && !(d->quote = sg_arena_strndup(&c->priv->arena, quote,
                                                quote_len))) ||
        (note && !(d->note = sg_arena_strndup(&c->priv->arena, note,
                                              note_len))))
        return sg_seterr(SG_ENOMEM, "out of memory");
    c->nstances++;
    return 0;
}

int sg_corpus_add_stance(sg_corpus *c, const sg_stance *s)
{
    return sg_corpus_add_stance_n(c, s, s->quote,
                                  s->quote ? strlen(s->quote) : 0, s->note,
                                  s->note ? strlen(s->note) : 0);
}

int sg_corpus_findn(const sg_corpus *c, const char *id, size_t len,
                    sg_node_kind *kind, size_t *index)
{
    size_t v;
    if (!id || !sg_strmap_getn(&c->priv->ids, id, len, &v))
        return SG_EINVALID;
    if (kind)
        *kind = (sg_node_kind)(v & 1);
    if (index)
        *index = v >> 1;
    return 0;
}

int sg_corpus_find(const sg_corpus *c, const char *id, sg_node_kind *kind,
                   size_t *index)
{
    return id ? sg_corpus_findn(c, id, strlen(id), kind, index) : SG_EINVALID;
}

void sg_corpus_prefetch(const sg_corpus *c, int source, const char *id,
                        size_t len)
{
    sg_strmap_prefetch(source ? &c->priv->sources : &c->priv->ids, id, len);
}

long sg_corpus_find_sourcen(const sg_corpus *c, const char *id, size_t len)
{
    size_t v;
    return (id && sg_strmap_getn(&c->priv->sources, id, len, &v)) ? (long)v
                                                                   : -1;
}

long sg_corpus_find_source(const sg_corpus *c, const char *id)
{
    return id ? sg_corpus_find_sourcen(c, id, strlen(id)) : -1;
}

const char *sg_corpus_suggest(const sg_corpus *c, sg_node_kind kind,
                              const char *id)
{
    const sg_entity *arr = kind == SG_ACTOR ? c->actors : c->proposals;
    size_t n = kind == SG_ACTOR ? c->nactors : c->nproposals;
    size_t len = strlen(id);
    /* Allow about one edit in three characters, at most three. */
    size_t limit = len < 4 ? 1 : (len / 3 > 3 ? 3 : len / 3);
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n && best_d > 0; i++) {
        size_t d = sg_edit_distance(id, arr[i].id, limit);
        if (d < best_d) {
            best_d = d;
            best = arr[i].id;
        }
    }
    return best;
}

/* Count the forbidden characters of `s` into *n; the first place found
 * is described into `where` by the printf format `what` and its
 * arguments. */
static void forbidden(size_t *n, const char *s, char *where, size_t size,
                      const char *what, const char *kind, size_t i,
                      const char *field)
{
    unsigned cp;
    size_t k = s ? sg_xml_forbidden_count(s, &cp) : 0;
    if (k && *n == 0 && where && size)
        snprintf(where, size, what, kind, i, field);
    *n += k;
}

size_t sg_corpus_xml_forbidden(const sg_corpus *c, char *where, size_t size)
{
    size_t n = 0;
    if (where && size)
        where[0] = '\0';
    forbidden(&n, c->title, where, size, "title%s%.0zu%s", "", 0, "");
    for (int k = 0; k < 2; k++) {
        const sg_entity *e = k ? c->proposals : c->actors;
        size_t ne = k ? c->nproposals : c->nactors;
        const sg_attr_key *keys = k ? c->proposal_keys : c->actor_keys;
        const char *kind = k ? "proposals" : "actors";
        for (size_t i = 0; i < ne; i++) {
            const char *fields[] = {e[i].id, e[i].label, e[i].type,
                                    e[i].group, e[i].topic};
            static const char *const names[] = {"id", "label", "type",
                                                "group", "topic"};
            for (size_t f = 0; f < 5; f++)
                forbidden(&n, fields[f], where, size, "%s[%zu].%s", kind, i,
                          names[f]);
            for (size_t a = 0; a < e[i].nattrs; a++)
                if (e[i].attrs[a].value.type == SG_VALUE_STRING)
                    forbidden(&n, e[i].attrs[a].value.str, where, size,
                              "%s[%zu].%s", kind, i,
                              keys[e[i].attrs[a].key].name);
        }
    }
    for (size_t i = 0; i < c->nstances; i++) {
        forbidden(&n, c->stances[i].quote, where, size, "%s[%zu].%s",
                  "stances", i, "quote");
        forbidden(&n, c->stances[i].note, where, size, "%s[%zu].%s",
                  "stances", i, "note");
    }
    for (size_t i = 0; i < c->nsources; i++) {
        const sg_source *s = &c->sources[i];
        const char *fields[] = {s->id, s->title, s->publisher, s->url};
        static const char *const names[] = {"id", "title", "publisher", "url"};
        for (size_t f = 0; f < 4; f++)
            forbidden(&n, fields[f], where, size, "%s[%zu].%s", "sources", i,
                      names[f]);
    }
    return n;
}

void sg_corpus_date_range(const sg_corpus *c, int32_t *first, int32_t *last)
{
    *first = *last = SG_NO_DATE;
    for (size_t i = 0; i < c->nstances; i++) {
        int32_t d = c->stances[i].date;
        if (d == SG_NO_DATE)
            continue;
        if (*first == SG_NO_DATE || d < *first)
            *first = d;
        if (*last == SG_NO_DATE || d > *last)
            *last = d;
    }
}

/* ---- dates: Howard Hinnant's days-from-civil algorithms ---- */

static int32_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int32_t)doe - 719468;
}

static void civil_from_days(int32_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)yoe + era * 400 + (*m <= 2);
}

void sg_date_civil(int32_t days, int *year, unsigned *month, unsigned *day)
{
    civil_from_days(days, year, month, day);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int sg_date_parse(int32_t *out, const char *s, int allow_time)
{
    if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return SG_EINVALID;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1000 || m < 1 || m > 12 || d < 1)
        return SG_EINVALID;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] + (m == 2 && leap))
        return SG_EINVALID;
    const char *rest = s + 10;
    if (*rest) {
        /* " HH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM]" or with "T": the time of
         * day is checked and dropped. */
        if (!allow_time || (rest[0] != ' ' && rest[0] != 'T'))
            return SG_EINVALID;
        const char *t = rest + 1;
        int hh = digits(t, 2), mm = hh < 0 || t[2] != ':' ? -1 : digits(t + 3, 2);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
            return SG_EINVALID;
        t += 5;
        if (*t == ':') {
            int ss = digits(t + 1, 2);
            if (ss < 0 || ss > 60)
                return SG_EINVALID;
            t += 3;
            if (*t == '.') {
                t++;
                if (*t < '0' || *t > '9')
                    return SG_EINVALID;
                while (*t >= '0' && *t <= '9')
                    t++;
            }
        }
        if (*t == 'Z')
            t++;
        else if (*t == '+' || *t == '-') {
            int oh = digits(t + 1, 2);
            if (oh < 0 || oh > 23 || t[3] != ':' || digits(t + 4, 2) < 0 ||
                digits(t + 4, 2) > 59)
                return SG_EINVALID;
            t += 6;
        }
        if (*t)
            return SG_EINVALID;
    }
    *out = days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}

void sg_date_format(char *buf, int32_t days)
{
    if (days == SG_NO_DATE) {
        buf[0] = '\0';
        return;
    }
    int y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, m % 13u, d % 32u);
}

const char *sg_format_name(sg_input_format f)
{
    switch (f) {
    case SG_FORMAT_AUTO: return "auto";
    case SG_FORMAT_JSON: return "json";
    case SG_FORMAT_CSV: return "csv";
    case SG_FORMAT_TSV: return "tsv";
    case SG_FORMAT_DNA: return "dna";
    case SG_FORMAT_DNA_DATABASE: return "dna-database";
    case SG_FORMAT_VOTEVIEW: return "voteview";
    }
    return "?";
}

void sg_date_split(int32_t days, int *year, unsigned *month, unsigned *day)
{
    civil_from_days(days, year, month, day);
}

int32_t sg_date_join(int year, unsigned month, unsigned day)
{
    return days_from_civil(year, month, day);
}
