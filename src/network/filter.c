/* Filtering and aggregation: the corpus after filters and grouping, as
 * actor x proposal pairs with their summed support and opposition. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/alloc.h"
#include "model/corpus_internal.h"
#include "model/util.h"
#include "network/network_internal.h"
#include "network/pairs.h"

void sg_network_options_init(sg_network_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->kind = SG_NET_STANCES;
    opts->from = SG_NO_DATE;
    opts->to = SG_NO_DATE;
}

/* ---- filters and aggregation ------------------------------------------ */

void sg_pairs_free(sg_pairs *p)
{
    if (!p)
        return;
    free(p->actor_id);
    free(p->actor_entity);
    free(p->actor_members);
    free(p->entity_unit);
    free(p->entity_active);
    free(p->proposal_entity);
    free(p->pair_actor);
    free(p->pair_proposal);
    free(p->support_w);
    free(p->oppose_w);
    free(p->support_n);
    free(p->oppose_n);
    free(p->support_k);
    free(p->oppose_k);
    free(p->actor_start);
    free(p->prop_start);
    free(p->prop_pairs);
    free(p->stance_start);
    free(p->stance_idx);
    memset(p, 0, sizeof *p);
}

int sg_pair_sign(const sg_pairs *p, size_t i)
{
    double s = p->support_w[i], o = p->oppose_w[i];
    /* Weights like 0.1 + 0.2 against 0.3 must count as a tie. */
    if (fabs(s - o) <= 1e-12 * (s + o))
        return 0;
    return s > o ? 1 : -1;
}

static int in_set(const sg_strmap *set, const char *s)
{
    return s && sg_strmap_get(set, s, NULL);
}

static int fill_set(sg_strmap *set, const char *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (sg_strmap_put(set, items[i], 1))
            return SG_ENOMEM;
    return 0;
}

static int unknown_exclude(const sg_corpus *c, const char *id)
{
    const char *hint = sg_corpus_suggest(c, SG_ACTOR, id);
    if (!hint)
        hint = sg_corpus_suggest(c, SG_PROPOSAL, id);
    if (hint)
        return sg_seterr(SG_EINVALID,
                         "--exclude: unknown actor or proposal \"%s\" "
                         "(did you mean \"%s\"?)",
                         id, hint);
    return sg_seterr(SG_EINVALID, "--exclude: unknown actor or proposal \"%s\"",
                     id);
}

/* Mark excluded entities; with grouping a group name excludes its members. */
static int apply_excludes(const sg_corpus *c, const sg_network_options *o,
                          unsigned char *drop_actor, unsigned char *drop_prop)
{
    for (size_t i = 0; i < o->nexclude; i++) {
        const char *id = o->exclude[i];
        sg_node_kind kind;
        size_t idx;
        int found = 0;
        if (sg_corpus_find(c, id, &kind, &idx) == 0) {
            (kind == SG_ACTOR ? drop_actor : drop_prop)[idx] = 1;
            found = 1;
        }
        for (size_t a = 0; o->by_group && a < c->nactors; a++)
            if (c->actors[a].group && strcmp(c->actors[a].group, id) == 0) {
                drop_actor[a] = 1;
                found = 1;
            }
        if (!found)
            return unknown_exclude(c, id);
    }
    sg_error_clear();
    return 0;
}

/* Tentative actor units in corpus order: one per actor, or per group with
 * by_group (keyed by name, so a group named like an ungrouped actor merges
 * with it). Excluded actors and actors of other types get SG_NO_UNIT. */
static int assign_units(const sg_corpus *c, const sg_network_options *o,
                        const unsigned char *drop, uint32_t *unit,
                        const char **key_of, uint32_t *first, size_t *nunits)
{
    sg_strmap types, keys;
    sg_strmap_init(&types);
    sg_strmap_init(&keys);
    int rc = fill_set(&types, o->actor_types, o->nactor_types);
    size_t n = 0;
    for (size_t a = 0; !rc && a < c->nactors; a++) {
        const sg_entity *e = &c->actors[a];
        unit[a] = SG_NO_UNIT;
        if (drop[a] || (o->nactor_types && !in_set(&types, e->type)))
            continue;
        const char *key = (o->by_group && e->group) ? e->group : e->id;
        size_t u;
        if (!sg_strmap_get(&keys, key, &u)) {
            u = n++;
            first[u] = (uint32_t)a;
            key_of[u] = key;
            rc = sg_strmap_put(&keys, key, u);
        }
        unit[a] = (uint32_t)u;
    }
    sg_strmap_free(&types);
    sg_strmap_free(&keys);
    *nunits = n;
    return rc ? sg_seterr(SG_ENOMEM, "out of memory") : 0;
}

static int assign_proposals(const sg_corpus *c, const sg_network_options *o,
                            const unsigned char *drop, uint32_t *unit)
{
    sg_strmap topics;
    sg_strmap_init(&topics);
    if (fill_set(&topics, o->topics, o->ntopics)) {
        sg_strmap_free(&topics);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < c->nproposals; k++) {
        int keep =
            !drop[k] && (!o->ntopics || in_set(&topics, c->proposals[k].topic));
        unit[k] = keep ? (uint32_t)k : SG_NO_UNIT;
    }
    sg_strmap_free(&topics);
    return 0;
}

/* ---- filter values that match nothing ----
 * A misspelt --topic or --actor-type would silently give an empty network;
 * it is a usage error instead, with the closest value as a hint. */

typedef const char *(*value_of)(const sg_corpus *c, size_t i);

static const char *actor_type(const sg_corpus *c, size_t i)
{
    return c->actors[i].type;
}

static const char *proposal_topic(const sg_corpus *c, size_t i)
{
    return c->proposals[i].topic;
}

static const char *source_id(const sg_corpus *c, size_t i)
{
    return c->sources[i].id;
}

/* 0 when some item's value is `want`; else SG_EUSAGE with a message naming
 * the option, the closest value (same letters in another case first, then
 * the fewest edits) and how many values there are. */
static int check_value(const sg_corpus *c, size_t n, value_of get,
                       const char *option, const char *noun, const char *want)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1, distinct = 0;
    size_t limit = strlen(want) / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        const char *v = get(c, i);
        if (!v)
            continue;
        if (strcmp(v, want) == 0)
            return 0;
        distinct++;
        size_t d = strcasecmp(v, want) == 0 ? 0
                                            : sg_edit_distance(v, want, limit) + 1;
        if (d <= limit + 1 && d < best_d) {
            best_d = d;
            best = v;
        }
    }
    char b[80], h[80];
    if (best)
        return sg_seterr(SG_EUSAGE, "%s: no %s \"%s\" (did you mean \"%s\"?)",
                         option, noun, sg_shorten(want, b, sizeof b),
                         sg_shorten(best, h, sizeof h));
    return sg_seterr(SG_EUSAGE, "%s: no %s \"%s\"%s", option, noun,
                     sg_shorten(want, b, sizeof b),
                     distinct ? "" : " (the input has none)");
}

static int check_filters(const sg_corpus *c, const sg_network_options *o)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < o->nactor_types; i++)
        rc = check_value(c, c->nactors, actor_type, "--actor-type",
                         "actor has the type", o->actor_types[i]);
    for (size_t i = 0; !rc && i < o->ntopics; i++)
        rc = check_value(c, c->nproposals, proposal_topic, "--topic",
                         "proposal has the topic", o->topics[i]);
    for (size_t i = 0; !rc && i < o->nsources; i++)
        rc = check_value(c, c->nsources, source_id, "--source",
                         "source has the id", o->sources[i]);
    return rc;
}

static int source_filter(const sg_corpus *c, const sg_network_options *o,
                         unsigned char **out)
{
    *out = NULL;
    if (!o->nsources)
        return 0;
    unsigned char *keep = sg_zalloc(c->nsources, 1);
    if (!keep)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < o->nsources; i++) {
        long s = sg_corpus_find_source(c, o->sources[i]);
        if (s < 0) {
            free(keep);
            return sg_seterr(SG_EINVALID, "--source: unknown source \"%s\"",
                             o->sources[i]);
        }
        keep[s] = 1;
    }
    *out = keep;
    return 0;
}

static int stance_passes(const sg_stance *s, const sg_network_options *o,
                         const unsigned char *keep_source)
{
    int dated = o->from != SG_NO_DATE || o->to != SG_NO_DATE;
    if (dated && s->date == SG_NO_DATE)
        return 0;
    if (o->from != SG_NO_DATE && s->date < o->from)
        return 0;
    if (o->to != SG_NO_DATE && s->date > o->to)
        return 0;
    if (keep_source && (s->source < 0 || !keep_source[s->source]))
        return 0;
    return 1;
}

/* --duplicates: the period within which identical stances count once;
 * 0 when the stance has none (no source, or no date) and always counts. */
static int dup_period(const sg_stance *s, sg_duplicates mode, int64_t *out)
{
    int y;
    unsigned m, d;
    if (mode == SG_DUP_ACROSSRANGE) {
        *out = 0;
        return 1;
    }
    if (mode == SG_DUP_DOCUMENT) {
        *out = s->source;
        return s->source != SG_NO_SOURCE;
    }
    if (s->date == SG_NO_DATE)
        return 0;
    if (mode == SG_DUP_WEEK) {
        /* The week's Monday: 1970-01-01 (day 0) was a Thursday. */
        int64_t day = s->date;
        *out = day - ((day + 3) % 7 + 7) % 7;
        return 1;
    }
    sg_date_civil(s->date, &y, &m, &d);
    *out = mode == SG_DUP_YEAR ? y : (int64_t)y * 12 + (m - 1);
    return 1;
}

typedef struct {
    uint32_t actor, proposal;
    int32_t position, date; /* undated last */
    int64_t period;
    uint32_t idx;
} dup_key;

static int cmp_dup(const void *x, const void *y)
{
    const dup_key *a = x, *b = y;
    if (a->actor != b->actor)
        return a->actor < b->actor ? -1 : 1;
    if (a->proposal != b->proposal)
        return a->proposal < b->proposal ? -1 : 1;
    if (a->position != b->position)
        return a->position < b->position ? -1 : 1;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Keep, of each set of identical stances within one period, the earliest
 * dated (then the first in the corpus); kept[] stays in corpus order.
 * O(n log n). */
static int drop_duplicates(const sg_corpus *c, sg_duplicates mode,
                           uint32_t *kept, size_t *n)
{
    if (mode == SG_DUP_INCLUDE || *n == 0)
        return 0;
    dup_key *keys = sg_zalloc(*n, sizeof *keys);
    unsigned char *drop = sg_zalloc(c->nstances, 1);
    if (!keys || !drop) {
        free(keys);
        free(drop);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    size_t m = 0;
    for (size_t j = 0; j < *n; j++) {
        const sg_stance *s = &c->stances[kept[j]];
        dup_key k = {s->actor, s->proposal, s->position,
                     s->date == SG_NO_DATE ? INT32_MAX : s->date, 0, kept[j]};
        if (dup_period(s, mode, &k.period))
            keys[m++] = k;
    }
    qsort(keys, m, sizeof *keys, cmp_dup);
    for (size_t j = 1; j < m; j++) {
        const dup_key *a = &keys[j - 1], *b = &keys[j];
        drop[b->idx] = a->actor == b->actor && a->proposal == b->proposal &&
                       a->position == b->position && a->period == b->period;
    }
    size_t w = 0;
    for (size_t j = 0; j < *n; j++)
        if (!drop[kept[j]])
            kept[w++] = kept[j];
    *n = w;
    free(keys);
    free(drop);
    return 0;
}

/* Dense renumbering of the entries with used[u] != 0, keeping their order. */
static size_t compact(uint32_t *renum, const size_t *used, size_t n)
{
    size_t m = 0;
    for (size_t u = 0; u < n; u++)
        renum[u] = used[u] ? (uint32_t)m++ : SG_NO_UNIT;
    return m;
}

/* Stable counting sort of idx[0..n) by key[idx[i]] (< nkeys) into out. */
static int counting_sort(uint32_t *out, const uint32_t *idx, size_t n,
                         const uint32_t *key, size_t nkeys)
{
    size_t *pos = sg_zalloc(nkeys + 1, sizeof *pos);
    if (!pos)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        pos[key[idx[i]] + 1]++;
    for (size_t k = 0; k < nkeys; k++)
        pos[k + 1] += pos[k];
    for (size_t i = 0; i < n; i++)
        out[pos[key[idx[i]]]++] = idx[i];
    free(pos);
    return 0;
}

static int alloc_pairs(sg_pairs *p, size_t np, size_t ns)
{
    p->pair_actor = sg_zalloc(np, sizeof(uint32_t));
    p->pair_proposal = sg_zalloc(np, sizeof(uint32_t));
    p->support_w = sg_zalloc(np, sizeof(double));
    p->oppose_w = sg_zalloc(np, sizeof(double));
    p->support_n = sg_zalloc(np, sizeof(uint32_t));
    p->oppose_n = sg_zalloc(np, sizeof(uint32_t));
    p->stance_start = sg_zalloc(np + 1, sizeof(size_t));
    p->stance_idx = sg_zalloc(ns, sizeof(uint32_t));
    p->actor_start = sg_zalloc(p->nactors + 1, sizeof(size_t));
    p->prop_start = sg_zalloc(p->nproposals + 1, sizeof(size_t));
    p->prop_pairs = sg_zalloc(np, sizeof(uint32_t));
    if (!p->pair_actor || !p->pair_proposal || !p->support_w || !p->oppose_w ||
        !p->support_n || !p->oppose_n || !p->stance_start || !p->stance_idx ||
        !p->actor_start || !p->prop_start || !p->prop_pairs)
        return sg_seterr(SG_ENOMEM, "out of memory");
    if (p->mult) {
        p->support_k = sg_zalloc(np, sizeof(double));
        p->oppose_k = sg_zalloc(np, sizeof(double));
        if (!p->support_k || !p->oppose_k)
            return sg_seterr(SG_ENOMEM, "out of memory");
    }
    return 0;
}

/* Aggregate the kept stances, given in `order` sorted by (ku, kq), into
 * pairs, and index the pairs by actor and by proposal. ku/kq/kept are
 * indexed by position in the kept list. */
static int make_pairs(sg_pairs *p, const uint32_t *order, size_t n,
                      const uint32_t *kept, const uint32_t *ku,
                      const uint32_t *kq)
{
    const sg_stance *st = p->corpus->stances;
    size_t np = 0;
    for (size_t i = 0; i < n; i++)
        np += i == 0 || ku[order[i]] != ku[order[i - 1]] ||
              kq[order[i]] != kq[order[i - 1]];
    p->npairs = np;
    p->nstances = n;
    int rc = alloc_pairs(p, np, n);
    if (rc)
        return rc;
    size_t e = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t j = order[i];
        if (i == 0 || ku[j] != ku[order[i - 1]] || kq[j] != kq[order[i - 1]]) {
            e += i > 0;
            p->pair_actor[e] = ku[j];
            p->pair_proposal[e] = kq[j];
            p->stance_start[e] = i;
        }
        const sg_stance *s = &st[kept[j]];
        double m = p->mult ? p->mult[kept[j]] : 1;
        p->stance_idx[i] = kept[j];
        if (s->position == SG_SUPPORT) {
            p->support_w[e] += s->weight * m;
            p->support_n[e]++;
            if (p->mult)
                p->support_k[e] += m;
        } else {
            p->oppose_w[e] += s->weight * m;
            p->oppose_n[e]++;
            if (p->mult)
                p->oppose_k[e] += m;
        }
    }
    p->stance_start[np] = n;
    for (size_t i = 0; i < np; i++) {
        p->actor_start[p->pair_actor[i] + 1]++;
        p->prop_start[p->pair_proposal[i] + 1]++;
    }
    for (size_t a = 0; a < p->nactors; a++)
        p->actor_start[a + 1] += p->actor_start[a];
    for (size_t k = 0; k < p->nproposals; k++)
        p->prop_start[k + 1] += p->prop_start[k];
    size_t *fill = sg_zalloc(p->nproposals, sizeof *fill);
    if (!fill)
        return sg_seterr(SG_ENOMEM, "out of memory");
    memcpy(fill, p->prop_start, p->nproposals * sizeof *fill);
    for (size_t i = 0; i < np; i++)
        p->prop_pairs[fill[p->pair_proposal[i]]++] = (uint32_t)i;
    free(fill);
    return 0;
}

/* Units keep their first member and key; groups count active members. */
static int make_units(sg_pairs *p, const uint32_t *urenum, size_t nunits,
                      const char *const *key_of, const uint32_t *first,
                      const uint32_t *tentative)
{
    const sg_corpus *c = p->corpus;
    p->actor_id = sg_zalloc(p->nactors, sizeof *p->actor_id);
    p->actor_entity = sg_zalloc(p->nactors, sizeof(uint32_t));
    p->actor_members = sg_zalloc(p->nactors, sizeof(uint32_t));
    if (!p->actor_id || !p->actor_entity || !p->actor_members)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t u = 0; u < nunits; u++) {
        if (urenum[u] == SG_NO_UNIT)
            continue;
        p->actor_id[urenum[u]] = key_of[u];
        p->actor_entity[urenum[u]] = first[u];
    }
    for (size_t a = 0; a < c->nactors; a++) {
        uint32_t u =
            tentative[a] == SG_NO_UNIT ? SG_NO_UNIT : urenum[tentative[a]];
        p->entity_unit[a] = u;
        if (u != SG_NO_UNIT && p->grouped && p->entity_active[a])
            p->actor_members[u]++;
    }
    if (!p->grouped)
        return 0;
    /* A unit is a group when it was keyed by a group name. */
    for (size_t u = 0; u < p->nactors; u++)
        if (!c->actors[p->actor_entity[u]].group)
            p->actor_members[u] = 0;
    return 0;
}

int sg_pairs_build(sg_pairs *p, const sg_corpus *c, const sg_network_options *o)
{
    memset(p, 0, sizeof *p);
    p->corpus = c;
    p->grouped = o->by_group;
    p->mult = o->stance_weight;
    const sg_stance *st = c->stances;
    unsigned char *drop_a = sg_zalloc(c->nactors, 1);
    unsigned char *drop_p = sg_zalloc(c->nproposals, 1);
    uint32_t *tentative = sg_zalloc(c->nactors, sizeof(uint32_t));
    const char **key_of = sg_zalloc(c->nactors, sizeof *key_of);
    uint32_t *first = sg_zalloc(c->nactors, sizeof(uint32_t));
    uint32_t *prop_unit = sg_zalloc(c->nproposals, sizeof(uint32_t));
    size_t *ucount = NULL, *pcount = sg_zalloc(c->nproposals, sizeof(size_t));
    uint32_t *urenum = NULL, *prenum = sg_zalloc(c->nproposals, 4);
    uint32_t *kept = NULL, *ku = NULL, *kq = NULL, *tmp = NULL, *order = NULL;
    unsigned char *keep_source = NULL;
    size_t nunits = 0, nkept = 0;
    p->entity_unit = sg_zalloc(c->nactors, sizeof(uint32_t));
    p->entity_active = sg_zalloc(c->nactors, 1);
    int rc = SG_ENOMEM;
    if (!drop_a || !drop_p || !tentative || !key_of || !first || !prop_unit ||
        !pcount || !prenum || !p->entity_unit || !p->entity_active) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    if ((rc = check_filters(c, o)) || (rc = source_filter(c, o, &keep_source)) ||
        (rc = apply_excludes(c, o, drop_a, drop_p)) ||
        (rc = assign_units(c, o, drop_a, tentative, key_of, first, &nunits)) ||
        (rc = assign_proposals(c, o, drop_p, prop_unit)))
        goto cleanup;

    rc = SG_ENOMEM;
    ucount = sg_zalloc(nunits, sizeof(size_t));
    urenum = sg_zalloc(nunits, sizeof(uint32_t));
    kept = sg_zalloc(c->nstances, sizeof(uint32_t));
    if (!ucount || !urenum || !kept) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < c->nstances; i++) {
        uint32_t u = tentative[st[i].actor], q = prop_unit[st[i].proposal];
        if (o->stance_weight && !(o->stance_weight[i] >= 0 &&
                                  o->stance_weight[i] <= DBL_MAX)) {
            rc = sg_seterr(SG_EINVALID,
                           "stance %zu: weight multiplier %g is not a finite "
                           "number >= 0",
                           i, o->stance_weight[i]);
            goto cleanup;
        }
        if (u != SG_NO_UNIT && q != SG_NO_UNIT &&
            stance_passes(&st[i], o, keep_source))
            kept[nkept++] = (uint32_t)i;
    }
    /* Duplicates before the multipliers, as DNA removes them before it
     * cuts time windows. */
    if ((rc = drop_duplicates(c, o->duplicates, kept, &nkept)))
        goto cleanup;
    rc = SG_ENOMEM;
    size_t nweighted = 0;
    for (size_t j = 0; j < nkept; j++) {
        uint32_t i = kept[j];
        if (o->stance_weight && o->stance_weight[i] == 0)
            continue;
        kept[nweighted++] = i;
        ucount[tentative[st[i].actor]]++;
        pcount[prop_unit[st[i].proposal]]++;
        p->entity_active[st[i].actor] = 1;
    }
    nkept = nweighted;
    p->nactors = compact(urenum, ucount, nunits);
    p->nproposals = compact(prenum, pcount, c->nproposals);

    ku = sg_zalloc(nkept, sizeof(uint32_t));
    kq = sg_zalloc(nkept, sizeof(uint32_t));
    tmp = sg_zalloc(nkept, sizeof(uint32_t));
    order = sg_zalloc(nkept, sizeof(uint32_t));
    p->proposal_entity = sg_zalloc(p->nproposals, sizeof(uint32_t));
    if (!ku || !kq || !tmp || !order || !p->proposal_entity) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (size_t k = 0; k < c->nproposals; k++)
        if (prenum[k] != SG_NO_UNIT)
            p->proposal_entity[prenum[k]] = (uint32_t)k;
    for (size_t j = 0; j < nkept; j++) {
        ku[j] = urenum[tentative[st[kept[j]].actor]];
        kq[j] = prenum[prop_unit[st[kept[j]].proposal]];
        order[j] = (uint32_t)j;
    }
    /* Two stable passes (proposal, then actor) sort by (actor, proposal)
     * in linear time and keep corpus order within a pair. */
    if ((rc = counting_sort(tmp, order, nkept, kq, p->nproposals)) ||
        (rc = counting_sort(order, tmp, nkept, ku, p->nactors)) ||
        (rc = make_pairs(p, order, nkept, kept, ku, kq)) ||
        (rc = make_units(p, urenum, nunits, key_of, first, tentative)))
        goto cleanup;
    rc = 0;

cleanup:
    free(drop_a);
    free(drop_p);
    free(tentative);
    free(key_of);
    free(first);
    free(prop_unit);
    free(ucount);
    free(pcount);
    free(urenum);
    free(prenum);
    free(kept);
    free(ku);
    free(kq);
    free(tmp);
    free(order);
    free(keep_source);
    if (rc)
        sg_pairs_free(p);
    return rc;
}

