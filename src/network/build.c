/* Network assembly: the two-mode network or a one-mode projection made
 * from the pairs, with node attributes and edge columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/util.h"
#include "network/network_internal.h"
#include "network/pairs.h"

/* ---- small helpers ---------------------------------------------------- */

typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

static int sb_add(strbuf *b, const char *s, size_t n)
{
    if (sg_grow(&b->s, &b->cap, b->len + n + 1, 1))
        return SG_ENOMEM;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

/* Append `s`, preceded by `sep` unless the buffer is empty. */
static int sb_join(strbuf *b, const char *sep, const char *s)
{
    if (b->len && sb_add(b, sep, strlen(sep)))
        return SG_ENOMEM;
    return sb_add(b, s, strlen(s));
}

/* ---- networks --------------------------------------------------------- */

/* Node columns of every network plus the metric columns the analysis adds:
 * a corpus attribute of one of these names gets the prefix attr_. */
static const char *const reserved_names[] = {
    "id",          "label",     "kind",           "type",
    "group",       "topic",     "members",        "coalition",
    "stability",
    "statements",  "support",   "oppose",         "proposals",
    "supporters",  "opponents", "support_weight", "oppose_weight",
    "controversy", "positive_strength", "negative_strength", "degree",
    "betweenness", "pagerank",  "backed_by",      "opposed_by",
    "polarization_camp",     NULL};

int sg_reserved_column(const char *name)
{
    for (size_t i = 0; reserved_names[i]; i++)
        if (strcmp(reserved_names[i], name) == 0)
            return 1;
    return 0;
}

int sg_add_columns(sg_network *net, sg_table table, const sg_colspec *spec,
                   size_t n, sg_column **out)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            int rc = sg_network_add_column(&out[i], net, table, spec[i].name,
                                           spec[i].type);
            if (rc)
                return rc;
        }
    return 0;
}

/* An extra attribute column: which corpus keys feed it. */
typedef struct {
    char *name;
    sg_column_type type;
    long key[2]; /* per node kind, -1 when that kind has no such key */
} attr_col;

static sg_column_type value_column_type(sg_value_type t)
{
    return t == SG_VALUE_NUMBER ? SG_COL_NUMBER
           : t == SG_VALUE_BOOL ? SG_COL_BOOL
                                : SG_COL_STRING;
}

/* Column name for an attribute: [A-Za-z0-9_] only, built-in names
 * prefixed with attr_. */
static char *sanitize(const char *key)
{
    size_t n = strlen(key);
    char *s = malloc(n + 6);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = key[i];
        int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                 (c >= '0' && c <= '9') || c == '_';
        s[i] = ok ? c : '_';
    }
    s[n] = '\0';
    if (n == 0 || sg_reserved_column(s)) {
        memmove(s + 5, s, n + 1);
        memcpy(s, "attr_", 5);
    }
    return s;
}

static long find_attr_col(const attr_col *cols, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(cols[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* Plan the attribute columns of the kinds present. An actor key and a
 * proposal key of the same name share a column (a string one when their
 * types differ); other clashes after sanitising get a numeric suffix. */
static int plan_attrs(attr_col **out, size_t *nout, const sg_corpus *c,
                      int with_actors, int with_proposals)
{
    size_t cap = c->nactor_keys + c->nproposal_keys, n = 0;
    attr_col *cols = sg_zalloc(cap, sizeof *cols);
    if (!cols)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = 0;
    for (int kind = 0; kind < 2 && !rc; kind++) {
        if (!(kind == SG_ACTOR ? with_actors : with_proposals))
            continue;
        const sg_attr_key *keys =
            kind == SG_ACTOR ? c->actor_keys : c->proposal_keys;
        size_t nkeys = kind == SG_ACTOR ? c->nactor_keys : c->nproposal_keys;
        for (size_t k = 0; k < nkeys && !rc; k++) {
            char *name = sanitize(keys[k].name);
            if (!name) {
                rc = sg_seterr(SG_ENOMEM, "out of memory");
                break;
            }
            sg_column_type type = value_column_type(keys[k].type);
            long at = find_attr_col(cols, n, name);
            if (at >= 0 && kind == SG_PROPOSAL && cols[at].key[1] < 0 &&
                strcmp(c->actor_keys[cols[at].key[0]].name, keys[k].name) ==
                    0) {
                cols[at].key[1] = (long)k;
                if (cols[at].type != type)
                    cols[at].type = SG_COL_STRING;
                free(name);
                continue;
            }
            for (int suffix = 2; at >= 0; suffix++) {
                char *longer = malloc(strlen(name) + 24);
                if (!longer) {
                    free(name);
                    name = NULL;
                    break;
                }
                sprintf(longer, "%s_%d", name, suffix);
                free(name);
                name = longer;
                at = find_attr_col(cols, n, name);
            }
            if (!name) {
                rc = sg_seterr(SG_ENOMEM, "out of memory");
                break;
            }
            cols[n].name = name;
            cols[n].type = type;
            cols[n].key[kind] = (long)k;
            cols[n].key[1 - kind] = -1;
            n++;
        }
    }
    *out = cols;
    *nout = n;
    return rc;
}

static void free_attr_cols(attr_col *cols, size_t n)
{
    for (size_t i = 0; cols && i < n; i++)
        free(cols[i].name);
    free(cols);
}

static const sg_value *entity_value(const sg_entity *e, long key)
{
    for (size_t i = 0; key >= 0 && i < e->nattrs; i++)
        if ((long)e->attrs[i].key == key)
            return &e->attrs[i].value;
    return NULL;
}

static int same_value(const sg_value *x, const sg_value *y)
{
    if (!x || !y || x->type != y->type)
        return 0;
    if (x->type == SG_VALUE_STRING)
        return strcmp(x->str, y->str) == 0;
    return x->num == y->num;
}

/* Every unit's value of one actor attribute: the actor's own, or for a
 * group the members' when all active members have the same one (else
 * NULL). One pass over the actors; state[] is scratch, one byte per unit
 * (0 unset, 1 agreed so far, 2 members differ). */
static void unit_values(const sg_value **out, unsigned char *state,
                        const sg_pairs *p, long key)
{
    const sg_corpus *c = p->corpus;
    for (size_t u = 0; u < p->nactors; u++) {
        int group = p->actor_members[u] > 0;
        out[u] =
            group ? NULL : entity_value(&c->actors[p->actor_entity[u]], key);
        state[u] = !group;
    }
    for (size_t a = 0; a < c->nactors; a++) {
        uint32_t u = p->entity_unit[a];
        if (u == SG_NO_UNIT || !p->actor_members[u] || !p->entity_active[a])
            continue;
        const sg_value *w = entity_value(&c->actors[a], key);
        if (state[u] == 0) {
            out[u] = w;
            state[u] = w ? 1 : 2;
        } else if (state[u] == 1 && !same_value(out[u], w)) {
            state[u] = 2;
        }
    }
    for (size_t u = 0; u < p->nactors; u++)
        if (state[u] == 2)
            out[u] = NULL;
}

static int set_value(sg_network *net, sg_column *col, size_t row,
                     const sg_value *v)
{
    if (!v || v->type == SG_VALUE_NONE)
        return 0;
    if (col->type != SG_COL_STRING) {
        if (v->type != SG_VALUE_STRING)
            sg_column_set_number(col, row, v->num);
        return 0;
    }
    if (v->type == SG_VALUE_STRING)
        return sg_column_set_string(net, col, row, v->str);
    char buf[32];
    if (v->type == SG_VALUE_BOOL)
        snprintf(buf, sizeof buf, "%s", v->num ? "true" : "false");
    else
        sg_format_double(buf, sizeof buf, v->num);
    return sg_column_set_string(net, col, row, buf);
}

enum { NC_LABEL, NC_KIND, NC_TYPE, NC_GROUP, NC_TOPIC, NC_MEMBERS, NC_COUNT };

static int set_actor_row(sg_network *net, sg_column **nc, size_t row,
                         const sg_pairs *p, size_t u)
{
    const sg_entity *e = &p->corpus->actors[p->actor_entity[u]];
    int group = p->actor_members[u] > 0;
    int rc;
    if ((rc = sg_column_set_string(net, nc[NC_LABEL], row,
                                   group ? p->actor_id[u] : e->label)) ||
        (rc = sg_column_set_string(net, nc[NC_KIND], row, "actor")) ||
        (rc = sg_column_set_string(net, nc[NC_TYPE], row,
                                   group ? "group" : e->type)) ||
        (rc = sg_column_set_string(net, nc[NC_GROUP], row, e->group)) ||
        (rc = sg_column_set_string(net, nc[NC_TOPIC], row,
                                   group ? NULL : e->topic)))
        return rc;
    if (nc[NC_MEMBERS])
        sg_column_set_number(nc[NC_MEMBERS], row,
                             group ? p->actor_members[u] : 1);
    return 0;
}

static int set_proposal_row(sg_network *net, sg_column **nc, size_t row,
                            const sg_entity *e)
{
    int rc;
    if ((rc = sg_column_set_string(net, nc[NC_LABEL], row, e->label)) ||
        (rc = sg_column_set_string(net, nc[NC_KIND], row, "proposal")) ||
        (rc = sg_column_set_string(net, nc[NC_TYPE], row, e->type)) ||
        (rc = sg_column_set_string(net, nc[NC_GROUP], row, e->group)) ||
        (rc = sg_column_set_string(net, nc[NC_TOPIC], row, e->topic)))
        return rc;
    return 0;
}

/* Nodes (actor units, then proposals, as the kind asks) and their columns. */
static int add_nodes(sg_network *net, const sg_pairs *p, int with_actors,
                     int with_proposals)
{
    const sg_corpus *c = p->corpus;
    static const sg_colspec base[NC_COUNT] = {
        {"label", SG_COL_STRING}, {"kind", SG_COL_STRING},
        {"type", SG_COL_STRING},  {"group", SG_COL_STRING},
        {"topic", SG_COL_STRING}, {"members", SG_COL_INT}};
    attr_col *attrs = NULL;
    sg_column **cols = NULL;
    const sg_value **values = sg_zalloc(p->nactors, sizeof *values);
    unsigned char *state = sg_zalloc(p->nactors, 1);
    size_t nattrs = 0;
    int rc = values && state ? 0 : sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t u = 0; with_actors && !rc && u < p->nactors; u++)
        rc = sg_network_add_node(net, p->actor_id[u], SG_ACTOR, NULL);
    for (size_t k = 0; with_proposals && !rc && k < p->nproposals; k++)
        rc = sg_network_add_node(net, c->proposals[p->proposal_entity[k]].id,
                                 SG_PROPOSAL, NULL);
    if (rc ||
        (rc = plan_attrs(&attrs, &nattrs, c, with_actors, with_proposals)))
        goto cleanup;
    /* All columns in one go: adding one may move the others. */
    size_t nbase = NC_COUNT - !(p->grouped && with_actors);
    sg_colspec *spec = sg_zalloc(nbase + nattrs, sizeof *spec);
    cols = sg_zalloc(NC_COUNT + nattrs, sizeof *cols);
    if (!cols || !spec) {
        free(spec);
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    memcpy(spec, base, nbase * sizeof *spec);
    for (size_t i = 0; i < nattrs; i++)
        spec[nbase + i] = (sg_colspec){attrs[i].name, attrs[i].type};
    rc = sg_add_columns(net, SG_NODES, spec, nbase + nattrs, cols);
    free(spec);
    if (rc)
        goto cleanup;
    if (nbase < NC_COUNT)
        memmove(cols + NC_COUNT, cols + nbase, nattrs * sizeof *cols);
    sg_column **nc = cols, **acols = cols + NC_COUNT;
    if (nbase < NC_COUNT)
        nc[NC_MEMBERS] = NULL;
    size_t row = 0;
    for (size_t u = 0; with_actors && u < p->nactors; u++, row++)
        if ((rc = set_actor_row(net, nc, row, p, u)))
            goto cleanup;
    for (size_t i = 0; with_actors && i < nattrs; i++) {
        if (attrs[i].key[SG_ACTOR] < 0)
            continue;
        unit_values(values, state, p, attrs[i].key[SG_ACTOR]);
        for (size_t u = 0; u < p->nactors; u++)
            if ((rc = set_value(net, acols[i], u, values[u])))
                goto cleanup;
    }
    for (size_t k = 0; with_proposals && k < p->nproposals; k++, row++) {
        const sg_entity *e = &c->proposals[p->proposal_entity[k]];
        if ((rc = set_proposal_row(net, nc, row, e)))
            goto cleanup;
        for (size_t i = 0; i < nattrs; i++)
            if ((rc = set_value(net, acols[i], row,
                                entity_value(e, attrs[i].key[SG_PROPOSAL]))))
                goto cleanup;
    }

cleanup:
    free(cols);
    free(values);
    free(state);
    free_attr_cols(attrs, nattrs);
    return rc;
}

/* Set a string cell to one of a few fixed words, stored once: a network of
 * millions of ties need not hold millions of copies of "positive". The
 * pointer lives in the network's own arena, like any other cell. */
static int set_word(sg_network *net, sg_column *col, size_t row,
                    const char **interned, const char *word)
{
    if (*interned) {
        col->str[row] = *interned;
        return 0;
    }
    int rc = sg_column_set_string(net, col, row, word);
    *interned = col->str[row];
    return rc;
}

enum {
    EC_STANCE,
    EC_MIXED,
    EC_STATEMENTS,
    EC_SUPPORT_W,
    EC_OPPOSE_W,
    EC_FIRST,
    EC_LAST,
    EC_DATES,
    EC_SOURCES,
    EC_QUOTES,
    EC_COUNT
};

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Statement details of pair i: dated range, distinct dates and sources,
 * the quotes in corpus order. */
static int pair_details(sg_network *net, sg_column **ec, size_t row,
                        const sg_pairs *p, size_t i, int32_t **scratch,
                        size_t *scap, strbuf *buf)
{
    const sg_corpus *c = p->corpus;
    size_t from = p->stance_start[i], to = p->stance_start[i + 1], n = 0;
    if (sg_grow(scratch, scap, 2 * (to - from), sizeof **scratch))
        return SG_ENOMEM;
    int32_t *dates = *scratch, *srcs = *scratch + (to - from);
    size_t ns = 0;
    int rc;
    buf->len = 0;
    for (size_t t = from; t < to; t++) {
        const sg_stance *s = &c->stances[p->stance_idx[t]];
        if (s->date != SG_NO_DATE)
            dates[n++] = s->date;
        if (s->source != SG_NO_SOURCE)
            srcs[ns++] = s->source;
        if (s->quote && (rc = sb_join(buf, "\n", s->quote)))
            return rc;
    }
    if (buf->len &&
        (rc = sg_column_set_string(net, ec[EC_QUOTES], row, buf->s)))
        return rc;
    qsort(dates, n, sizeof *dates, cmp_i32);
    qsort(srcs, ns, sizeof *srcs, cmp_i32);
    char day[16];
    buf->len = 0;
    for (size_t t = 0; t < n; t++) {
        if (t && dates[t] == dates[t - 1])
            continue;
        sg_date_format(day, dates[t]);
        if ((rc = sb_join(buf, ";", day)))
            return rc;
    }
    if (n) {
        sg_date_format(day, dates[0]);
        if ((rc = sg_column_set_string(net, ec[EC_FIRST], row, day)) ||
            (rc = sg_column_set_string(net, ec[EC_DATES], row, buf->s)))
            return rc;
        sg_date_format(day, dates[n - 1]);
        if ((rc = sg_column_set_string(net, ec[EC_LAST], row, day)))
            return rc;
    }
    buf->len = 0;
    for (size_t t = 0; t < ns; t++)
        if ((!t || srcs[t] != srcs[t - 1]) &&
            (rc = sb_join(buf, ";", c->sources[srcs[t]].id)))
            return rc;
    if (ns && (rc = sg_column_set_string(net, ec[EC_SOURCES], row, buf->s)))
        return rc;
    return 0;
}

static int stances_edges(sg_network *net, const sg_pairs *p,
                         sg_edge_columns columns)
{
    static const sg_colspec spec[EC_COUNT] = {
        {"stance", SG_COL_STRING},        {"mixed", SG_COL_BOOL},
        {"statements", SG_COL_INT},       {"support_weight", SG_COL_NUMBER},
        {"oppose_weight", SG_COL_NUMBER}, {"first_date", SG_COL_STRING},
        {"last_date", SG_COL_STRING},     {"dates", SG_COL_STRING},
        {"sources", SG_COL_STRING},       {"quotes", SG_COL_STRING}};
    static const char *const stance_name[3] = {"oppose", "ambivalent",
                                               "support"};
    sg_column *ec[EC_COUNT];
    const char *interned[3] = {NULL, NULL, NULL};
    int32_t *scratch = NULL;
    size_t scap = 0;
    strbuf buf = {0};
    int rc = sg_network_reserve(net, p->npairs);
    for (size_t i = 0; i < p->npairs && !rc; i++)
        rc = sg_network_add_edge_unique(net, p->pair_actor[i],
                                        p->nactors + p->pair_proposal[i],
                                        p->support_w[i] + p->oppose_w[i],
                                        p->support_w[i] - p->oppose_w[i],
                                        NULL);
    int details = columns == SG_EDGE_COLUMNS_DETAILS;
    if (rc || columns == SG_EDGE_COLUMNS_NONE ||
        (rc = sg_add_columns(net, SG_EDGES, spec,
                             details ? EC_COUNT : EC_FIRST, ec)))
        goto cleanup;
    for (size_t i = 0; i < p->npairs && !rc; i++) {
        int sign = sg_pair_sign(p, i);
        rc = set_word(net, ec[EC_STANCE], i, &interned[sign + 1],
                      stance_name[sign + 1]);
        sg_column_set_number(ec[EC_MIXED], i,
                             p->support_n[i] > 0 && p->oppose_n[i] > 0);
        sg_column_set_number(ec[EC_STATEMENTS], i,
                             (double)p->support_n[i] + p->oppose_n[i]);
        sg_column_set_number(ec[EC_SUPPORT_W], i, p->support_w[i]);
        sg_column_set_number(ec[EC_OPPOSE_W], i, p->oppose_w[i]);
        if (!rc && details)
            rc = pair_details(net, ec, i, p, i, &scratch, &scap, &buf);
    }

cleanup:
    free(scratch);
    free(buf.s);
    return rc;
}

typedef struct {
    sg_network *net;
    sg_column *col[3];
    const char *word[2]; /* "negative", "positive" once stored */
} edge_sink;

static int add_tie_edge(void *ctx, const sg_tie *t)
{
    edge_sink *s = ctx;
    size_t e;
    int rc = sg_network_add_edge_unique(s->net, t->a, t->b, fabs(t->net),
                                        t->net, &e);
    if (rc)
        return rc;
    sg_column_set_number(s->col[0], e, t->agree);
    sg_column_set_number(s->col[1], e, t->conflict);
    int positive = t->net > 0;
    return set_word(s->net, s->col[2], e, &s->word[positive],
                    positive ? "positive" : "negative");
}

/* Ties go straight into the network: no list of them in between. */
static int one_mode_edges(sg_network *net, const sg_pairs *p,
                          const sg_network_options *o)
{
    static const sg_colspec spec[3] = {{"agree", SG_COL_INT},
                                       {"conflict", SG_COL_INT},
                                       {"sign", SG_COL_STRING}};
    edge_sink sink = {net, {NULL, NULL, NULL}, {NULL, NULL}};
    int rc = sg_add_columns(net, SG_EDGES, spec, 3, sink.col);
    return rc ? rc : sg_pairs_project_each(p, o->kind, o, 0, add_tie_edge, &sink);
}

int sg_pairs_network(sg_network **out, const sg_pairs *p,
                     const sg_network_options *o, sg_edge_columns columns)
{
    sg_network *net = NULL;
    int rc = sg_network_new(&net, o->kind);
    if (rc)
        return rc;
    int actors = o->kind != SG_NET_PROPOSALS;
    int proposals = o->kind != SG_NET_ACTORS;
    if ((rc = sg_network_set_title(net, p->corpus->title)) ||
        (rc = add_nodes(net, p, actors, proposals)))
        goto cleanup;
    rc = o->kind == SG_NET_STANCES ? stances_edges(net, p, columns)
                                   : one_mode_edges(net, p, o);

cleanup:
    if (rc)
        sg_network_free(net);
    else
        *out = net;
    return rc;
}

int sg_network_build(sg_network **out, const sg_corpus *corpus,
                     const sg_network_options *opts)
{
    sg_network_options defaults;
    sg_pairs pairs;
    *out = NULL;
    if (!opts) {
        sg_network_options_init(&defaults);
        opts = &defaults;
    }
    int rc = sg_pairs_build(&pairs, corpus, opts);
    if (rc)
        return rc;
    rc = sg_pairs_network(out, &pairs, opts, SG_EDGE_COLUMNS_DETAILS);
    sg_pairs_free(&pairs);
    return rc;
}
