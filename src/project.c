/* Network building: filter the corpus, aggregate stances per (actor,
 * proposal) pair, and turn the pairs into the two-mode network or a signed
 * one-mode projection. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "network_internal.h"
#include "project.h"
#include "util.h"

void sg_network_options_init(sg_network_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->kind = SG_NET_STANCES;
    opts->from = SG_NO_DATE;
    opts->to = SG_NO_DATE;
}

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
        p->stance_idx[i] = kept[j];
        if (s->position == SG_SUPPORT) {
            p->support_w[e] += s->weight;
            p->support_n[e]++;
        } else {
            p->oppose_w[e] += s->weight;
            p->oppose_n[e]++;
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
    if ((rc = source_filter(c, o, &keep_source)) ||
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
        if (u == SG_NO_UNIT || q == SG_NO_UNIT ||
            !stance_passes(&st[i], o, keep_source))
            continue;
        kept[nkept++] = (uint32_t)i;
        ucount[u]++;
        pcount[q]++;
        p->entity_active[st[i].actor] = 1;
    }
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

/* ---- one-mode projection ---------------------------------------------- */

/* A sparse matrix by rows: cells (col, p, n) with p the support part and n
 * the opposition part. Counts fit a float exactly (below 2^24), and one
 * 12-byte cell per entry keeps the product's inner loop on one stream. */
typedef struct {
    uint32_t col;
    float p, n;
} cell;

typedef struct {
    size_t *start;
    cell *cells;
} csr;

static void csr_free(csr *m)
{
    free(m->start);
    free(m->cells);
}

/* The cell of pair i: counting proposals, a position is (1,0) or (0,1)
 * and ambivalence is no cell; counting statements (DNA), the support and
 * opposition statement counts. 0 when the pair is no cell. */
static int pair_cell(const sg_pairs *p, size_t i, sg_count_mode count,
                     float *vp, float *vn)
{
    if (count == SG_COUNT_STATEMENTS) {
        *vp = (float)p->support_n[i];
        *vn = (float)p->oppose_n[i];
        return 1;
    }
    int s = sg_pair_sign(p, i);
    *vp = s > 0;
    *vn = s < 0;
    return s != 0;
}

/* Rows from the pairs visited in `order` (NULL: pair order), which must be
 * sorted by row_of. */
static int csr_fill(csr *m, size_t nrows, const sg_pairs *p,
                    const uint32_t *order, const uint32_t *row_of,
                    const uint32_t *col_of, sg_count_mode count)
{
    m->start = sg_zalloc(nrows + 1, sizeof *m->start);
    m->cells = sg_zalloc(p->npairs, sizeof *m->cells);
    if (!m->start || !m->cells)
        return sg_seterr(SG_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t t = 0; t < p->npairs; t++) {
        size_t i = order ? order[t] : t;
        float vp, vn;
        if (!pair_cell(p, i, count, &vp, &vn))
            continue;
        m->cells[k++] = (cell){col_of[i], vp, vn};
        m->start[row_of[i] + 1]++;
    }
    for (size_t r = 0; r < nrows; r++)
        m->start[r + 1] += m->start[r];
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Normalisation, one formula for both counting modes. With x_ak the cell
 * size (1 per position, or the statement count), activity A_a = sum_k x_ak,
 * squared norm Q_a = sum_k x_ak^2 and overlap O_ab = agree + conflict:
 *   average  (A_a + A_b) / 2   DNA's "average activity": with statements,
 *                              the mean number of statements of the two;
 *   cosine   sqrt(Q_a Q_b)     counting proposals: sqrt(|P_a| |P_b|);
 *   jaccard  Q_a + Q_b - O_ab  counting proposals: |P_a u P_b|.
 * Counting proposals x is 0/1, so these are the set formulas. */
static double denominator(sg_normalize norm, const double *act,
                          const double *sq, size_t a, size_t b, double overlap)
{
    switch (norm) {
    case SG_NORM_AVERAGE: return (act[a] + act[b]) / 2;
    case SG_NORM_COSINE: return sqrt(sq[a] * sq[b]);
    case SG_NORM_JACCARD: return sq[a] + sq[b] - overlap;
    case SG_NORM_NONE: break;
    }
    return 1;
}

/* Receives the ties as the product finds them. */
typedef int (*tie_sink)(void *ctx, const sg_tie *t);

typedef struct {
    sg_tie *ties;
    size_t n, cap;
} tie_list;

static int tie_push(void *ctx, const sg_tie *t)
{
    tie_list *l = ctx;
    if (sg_grow(&l->ties, &l->cap, l->n + 1, sizeof *l->ties))
        return SG_ENOMEM;
    l->ties[l->n++] = *t;
    return 0;
}

static int too_many_ties(int top_ties_set)
{
    return sg_seterr(SG_ELIMIT,
                     "the network would have more than %zu ties; raise "
                     "--min-weight, %s --top-ties or filter the input",
                     SG_MAX_TIES, top_ties_set ? "lower" : "set");
}

/* --top-ties: every node keeps a min-heap of its k strongest ties so far,
 * the weakest on top; a tie is kept when either end keeps it. Strength is
 * |net|, then the lower id of the other end, so the choice is the same
 * whatever the order ties are found in. A heap grows with the ties it
 * holds, so memory follows min(degree, k) per node, not nodes x k. */
typedef struct {
    sg_tie **heap; /* node v's heap */
    uint32_t *len, *cap;
    double *weakest; /* |net| of v's weakest kept tie once v has k, else
                        -1: most ties fall below it, found without the heap */
    size_t k, n;
    size_t held; /* over all heaps; never falls, as a full heap replaces */
} topk;

static void topk_free(topk *t)
{
    for (size_t v = 0; t->heap && v < t->n; v++)
        free(t->heap[v]);
    free(t->heap);
    free(t->len);
    free(t->cap);
    free(t->weakest);
}

static int topk_init(topk *t, size_t n, size_t k)
{
    /* A node has fewer than n ties, so a larger k keeps everything. */
    if (k > n)
        k = n ? n : 1;
    if (k > UINT32_MAX)
        k = UINT32_MAX;
    *t = (topk){sg_zalloc(n, sizeof *t->heap), sg_zalloc(n, sizeof *t->len),
                sg_zalloc(n, sizeof *t->cap), sg_zalloc(n, sizeof *t->weakest),
                k, n, 0};
    if (!t->heap || !t->len || !t->cap || !t->weakest) {
        topk_free(t);
        *t = (topk){0};
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t v = 0; v < n; v++)
        t->weakest[v] = -1;
    return 0;
}

/* x is weaker than y, as seen from node v. */
static int weaker(const sg_tie *x, const sg_tie *y, uint32_t v)
{
    double sx = fabs(x->net), sy = fabs(y->net);
    if (sx != sy)
        return sx < sy;
    return (x->a == v ? x->b : x->a) > (y->a == v ? y->b : y->a);
}

static void heap_offer(sg_tie *h, uint32_t *len, size_t k, uint32_t v,
                       const sg_tie *tie)
{
    size_t i;
    if (*len < k) {
        /* Sift up from the new leaf. */
        for (i = (*len)++; i > 0 && weaker(tie, &h[(i - 1) / 2], v);
             i = (i - 1) / 2)
            h[i] = h[(i - 1) / 2];
        h[i] = *tie;
        return;
    }
    if (!weaker(&h[0], tie, v))
        return;
    /* Replace the weakest and sift down. */
    for (i = 0;;) {
        size_t c = 2 * i + 1;
        if (c >= k)
            break;
        if (c + 1 < k && weaker(&h[c + 1], &h[c], v))
            c++;
        if (!weaker(&h[c], tie, v))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = *tie;
}

static int topk_offer(topk *t, const sg_tie *tie)
{
    double s = fabs(tie->net);
    const uint32_t ends[2] = {tie->a, tie->b};
    for (int i = 0; i < 2; i++) {
        uint32_t v = ends[i];
        if (s < t->weakest[v])
            continue;
        if (t->len[v] < t->k) {
            /* Each tie sits in at most two heaps and `held` never falls, so
             * past twice the limit the kept ties are sure to exceed it. */
            if (++t->held > 2 * SG_MAX_TIES)
                return too_many_ties(1);
            if (t->len[v] == t->cap[v]) {
                size_t ncap = t->cap[v] ? (size_t)t->cap[v] * 2 : 4;
                if (ncap > t->k)
                    ncap = t->k;
                sg_tie *h = realloc(t->heap[v], ncap * sizeof *h);
                if (!h)
                    return sg_seterr(SG_ENOMEM, "out of memory");
                t->heap[v] = h;
                t->cap[v] = (uint32_t)ncap;
            }
        }
        heap_offer(t->heap[v], &t->len[v], t->k, v, tie);
        if (t->len[v] == t->k)
            t->weakest[v] = fabs(t->heap[v][0].net);
    }
    return 0;
}

static int cmp_tie_ends(const void *x, const void *y)
{
    const sg_tie *s = x, *t = y;
    if (s->a != t->a)
        return s->a < t->a ? -1 : 1;
    return (s->b > t->b) - (s->b < t->b);
}

/* The union of the heaps, each tie once, sorted by (a, b) as ties come
 * without the rule. Each heap is freed once copied out. */
static int topk_emit(topk *t, tie_sink sink, void *ctx)
{
    sg_tie *all = sg_alloc_big((t->held ? t->held : 1) * sizeof *all);
    if (!all)
        return sg_seterr(SG_ENOMEM, "out of memory");
    size_t m = 0;
    for (size_t v = 0; v < t->n; v++) {
        if (t->len[v])
            memcpy(&all[m], t->heap[v], t->len[v] * sizeof *all);
        m += t->len[v];
        free(t->heap[v]);
        t->heap[v] = NULL;
    }
    qsort(all, m, sizeof *all, cmp_tie_ends);
    size_t emitted = 0;
    int rc = 0;
    for (size_t i = 0; i < m && !rc; i++) {
        if (i && cmp_tie_ends(&all[i - 1], &all[i]) == 0)
            continue;
        rc = ++emitted > SG_MAX_TIES ? too_many_ties(1) : sink(ctx, &all[i]);
    }
    free(all);
    return rc;
}

/* Agreement and conflict of the current row with row b, side by side so
 * that one cache line serves both. */
typedef struct {
    double agree, conflict;
} counts;

/* Gustavson's row-by-row product R R^T with a dense accumulator: each row
 * a meets the rows b > a sharing a column, found through the column lists.
 * Column cursors advance monotonically because rows are visited in order,
 * so "b > a" costs nothing. A row b is new to the accumulator while its
 * counts are zero, since every shared cell adds at least 1. Only the ties
 * that pass are sorted, so each row emits its ties by b. Memory O(rows)
 * beside the output. */
static int multiply(tie_sink sink, void *ctx, const csr *rows, size_t nrows,
                    const csr *cols, size_t ncols, const sg_network_options *o,
                    int keep_zero)
{
    size_t emitted = 0;
    topk top = {0};
    int rc = o->top_ties ? topk_init(&top, nrows, o->top_ties) : 0;
    if (rc)
        return rc;
    counts *acc = sg_zalloc(nrows, sizeof *acc);
    double *act = sg_zalloc(nrows, sizeof *act);
    double *sq = sg_zalloc(nrows, sizeof *sq);
    uint32_t *touched = sg_zalloc(nrows, sizeof *touched);
    uint32_t *kept = sg_zalloc(nrows, sizeof *kept);
    size_t *cursor = sg_zalloc(ncols + 1, sizeof *cursor);
    rc = SG_ENOMEM;
    if (!acc || !act || !sq || !touched || !kept || !cursor) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (size_t a = 0; a < nrows; a++)
        for (size_t e = rows->start[a]; e < rows->start[a + 1]; e++) {
            double x = (double)rows->cells[e].p + rows->cells[e].n;
            act[a] += x;
            sq[a] += x * x;
        }
    memcpy(cursor, cols->start, (ncols + 1) * sizeof *cursor);
    rc = 0;
    for (size_t a = 0; a < nrows && !rc; a++) {
        size_t nt = 0, nk = 0;
        for (size_t e = rows->start[a]; e < rows->start[a + 1]; e++) {
            const cell *ca = &rows->cells[e];
            double pa = ca->p, na = ca->n;
            size_t end = cols->start[ca->col + 1];
            for (size_t j = ++cursor[ca->col]; j < end; j++) {
                const cell *cb = &cols->cells[j];
                counts *x = &acc[cb->col];
                if (x->agree + x->conflict == 0)
                    touched[nt++] = cb->col;
                x->agree += pa * cb->p + na * cb->n;
                x->conflict += pa * cb->n + na * cb->p;
            }
        }
        for (size_t t = 0; t < nt; t++) {
            uint32_t b = touched[t];
            double raw = acc[b].agree - acc[b].conflict;
            double net = raw / denominator(o->normalize, act, sq, a, b,
                                           acc[b].agree + acc[b].conflict);
            if (raw == 0 ? keep_zero : fabs(net) >= o->min_weight)
                kept[nk++] = b;
            else
                acc[b] = (counts){0, 0};
        }
        /* Under --top-ties the heaps decide, and the order comes at the
         * end. */
        if (!top.k)
            qsort(kept, nk, sizeof *kept, cmp_u32);
        for (size_t t = 0; t < nk; t++) {
            uint32_t b = kept[t];
            sg_tie tie = {(uint32_t)a, b, acc[b].agree, acc[b].conflict, 0};
            acc[b] = (counts){0, 0};
            if (rc)
                continue;
            tie.net = (tie.agree - tie.conflict) /
                      denominator(o->normalize, act, sq, a, b,
                                  tie.agree + tie.conflict);
            if (top.k)
                rc = topk_offer(&top, &tie);
            else if (++emitted > SG_MAX_TIES)
                rc = too_many_ties(0);
            else
                rc = sink(ctx, &tie);
        }
    }
    if (!rc && top.k)
        rc = topk_emit(&top, sink, ctx);

cleanup:
    topk_free(&top);
    free(acc);
    free(act);
    free(sq);
    free(touched);
    free(kept);
    free(cursor);
    return rc;
}

/* Project the pairs onto one side and hand every tie to `sink`. */
static int project(const sg_pairs *p, sg_network_kind kind,
                   const sg_network_options *o, int keep_zero, tie_sink sink,
                   void *ctx)
{
    csr rows = {0}, cols = {0};
    int by_actor = kind != SG_NET_PROPOSALS;
    size_t nrows = by_actor ? p->nactors : p->nproposals;
    size_t ncols = by_actor ? p->nproposals : p->nactors;
    int rc;
    if (by_actor)
        rc = csr_fill(&rows, nrows, p, NULL, p->pair_actor, p->pair_proposal,
                      o->count) ||
             csr_fill(&cols, ncols, p, p->prop_pairs, p->pair_proposal,
                      p->pair_actor, o->count);
    else
        rc = csr_fill(&rows, nrows, p, p->prop_pairs, p->pair_proposal,
                      p->pair_actor, o->count) ||
             csr_fill(&cols, ncols, p, NULL, p->pair_actor, p->pair_proposal,
                      o->count);
    if (rc)
        rc = SG_ENOMEM;
    else
        rc = multiply(sink, ctx, &rows, nrows, &cols, ncols, o, keep_zero);
    csr_free(&rows);
    csr_free(&cols);
    return rc;
}

int sg_pairs_project(sg_tie **out, size_t *nout, const sg_pairs *p,
                     sg_network_kind kind, const sg_network_options *o,
                     int keep_zero)
{
    tie_list ties = {0};
    int rc = project(p, kind, o, keep_zero, tie_push, &ties);
    if (rc) {
        free(ties.ties);
        ties = (tie_list){0};
    }
    *out = ties.ties;
    *nout = ties.n;
    return rc;
}

/* ---- networks --------------------------------------------------------- */

/* Node columns of every network plus the metric columns the analysis adds:
 * a corpus attribute of one of these names gets the prefix attr_. */
static const char *const reserved_names[] = {
    "id",          "label",     "kind",           "type",
    "group",       "topic",     "members",        "coalition",
    "statements",  "support",   "oppose",         "proposals",
    "supporters",  "opponents", "support_weight", "oppose_weight",
    "controversy", "agreement", "conflict",       "degree",
    "betweenness", "pagerank",  "backed_by",      "opposed_by",
    NULL};

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
    return rc ? rc : project(p, o->kind, o, 0, add_tie_edge, &sink);
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
