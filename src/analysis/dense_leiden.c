/* Leiden on a dense matrix: the fast local moves, the randomised
 * refinement within each cluster and the aggregation of the refined
 * clusters, as Traag, Waltman & van Eck (2019) describe them and igraph
 * implements them, with every level held as a K x K matrix of summed
 * weights. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "analysis/dense_leiden.h"
#include "model/error.h"

struct sg_dense_graph {
    size_t n;
    double *w; /* n x n, symmetric, zero diagonal */
};

int sg_dense_pays(const sg_sgraph *g)
{
    return g->n >= 2 && g->n <= SG_DENSE_MAX_NODES &&
           g->m >= SG_DENSE_MIN_TIES && 8 * (double)g->m >= (double)g->n * g->n;
}

void sg_dense_graph_free(sg_dense_graph *d)
{
    if (!d)
        return;
    free(d->w);
    free(d);
}

int sg_dense_graph_new(sg_dense_graph **out, const sg_sgraph *g)
{
    sg_dense_graph *d = calloc(1, sizeof *d);
    *out = NULL;
    if (!d || !(d->w = sg_zalloc(g->n * g->n, sizeof *d->w))) {
        sg_dense_graph_free(d);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    d->n = g->n;
    for (size_t e = 0; e < g->m; e++) {
        size_t a = g->from[e], b = g->to[e];
        if (a == b)
            continue;
        d->w[a * g->n + b] += g->w[e];
        d->w[b * g->n + a] += g->w[e];
    }
    *out = d;
    return 0;
}

/* ---- randomness: sg_splitmix64 ------------------------------------------ */

typedef struct {
    uint64_t s;
} rng;

static uint64_t next(rng *r) { return sg_splitmix64(&r->s); }

static double uniform(rng *r) /* [0, 1) */
{
    return (double)(next(r) >> 11) * 0x1.0p-53;
}

static void shuffle(uint32_t *a, size_t n, rng *r)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(next(r) % i);
        uint32_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* ---- one level -------------------------------------------------------- */

typedef struct {
    size_t k;
    const double *w; /* k x k; the diagonal holds what a node contains */
    const double *nw;
    uint32_t *part; /* cluster of each node, < k */
} level;

/* Scratch for every level, sized for the first (the largest). */
typedef struct {
    double *ew, *cw, *ext;
    uint32_t *cnt, *queue, *empty, *order, *start, *members, *touched;
    unsigned char *inq, *flag;
    double *prob, *odds;
} scratch;

static void scratch_free(scratch *s)
{
    free(s->ew);
    free(s->cw);
    free(s->ext);
    free(s->cnt);
    free(s->queue);
    free(s->empty);
    free(s->order);
    free(s->start);
    free(s->members);
    free(s->touched);
    free(s->inq);
    free(s->flag);
    free(s->prob);
    free(s->odds);
}

static int scratch_init(scratch *s, size_t n)
{
    memset(s, 0, sizeof *s);
    s->ew = sg_zalloc(4 * n, sizeof *s->ew);
    s->cw = sg_zalloc(n, sizeof *s->cw);
    s->ext = sg_zalloc(n, sizeof *s->ext);
    s->prob = sg_zalloc(n, sizeof *s->prob);
    s->odds = sg_zalloc(n, sizeof *s->odds);
    s->cnt = sg_zalloc(n, sizeof *s->cnt);
    s->queue = sg_zalloc(n, sizeof *s->queue);
    s->empty = sg_zalloc(n, sizeof *s->empty);
    s->order = sg_zalloc(n, sizeof *s->order);
    s->start = sg_zalloc(n + 1, sizeof *s->start);
    s->members = sg_zalloc(n, sizeof *s->members);
    s->touched = sg_zalloc(n, sizeof *s->touched);
    s->inq = sg_zalloc(n, 1);
    s->flag = sg_zalloc(n, 1);
    if (s->ew && s->cw && s->ext && s->prob && s->odds && s->cnt && s->queue &&
        s->empty && s->order && s->start && s->members && s->touched &&
        s->inq && s->flag)
        return 0;
    scratch_free(s);
    return sg_seterr(SG_ENOMEM, "out of memory");
}

/* Clusters renumbered from 0 in order of first member; returns how many.
 * Uses s->order as the map. */
static size_t renumber(uint32_t *part, size_t k, scratch *s)
{
    uint32_t *map = s->order;
    for (size_t c = 0; c < k; c++)
        map[c] = UINT32_MAX;
    size_t next_id = 0;
    for (size_t v = 0; v < k; v++) {
        if (map[part[v]] == UINT32_MAX)
            map[part[v]] = (uint32_t)next_id++;
        part[v] = map[part[v]];
    }
    return next_id;
}

/* sum[c] = the weights row[j] of the j with part[j] == c, c < k (sum is
 * overwritten). Adding into one array makes a chain of dependent adds
 * when few clusters remain; four arrays, each taking every fourth j, keep
 * four chains going at once (sum holds 4 k doubles). */
static void cluster_weights(double *sum, const double *row,
                            const uint32_t *part, size_t k)
{
    double *s1 = sum + k, *s2 = s1 + k, *s3 = s2 + k;
    memset(sum, 0, 4 * k * sizeof *sum);
    size_t j = 0;
    for (; j + 4 <= k; j += 4) {
        sum[part[j]] += row[j];
        s1[part[j + 1]] += row[j + 1];
        s2[part[j + 2]] += row[j + 2];
        s3[part[j + 3]] += row[j + 3];
    }
    for (; j < k; j++)
        sum[part[j]] += row[j];
    for (size_t c = 0; c < k; c++)
        sum[c] += (s1[c] + s2[c]) + s3[c];
}

/* out[a * k + b] (k x k): the sum of w[i * n + j] (n x n) over the i with
 * part[i] == a and the j with part[j] == b. Rows first, whole rows added
 * in order into k rows (scratch rows, k n), then the columns of each
 * (colsum: 4 n doubles). */
static void collapse(double *out, const double *w, size_t n,
                     const uint32_t *part, size_t k, double *rows,
                     double *colsum)
{
    for (size_t i = 0; i < n; i++) {
        const double *row = w + i * n;
        double *to = rows + (size_t)part[i] * n;
        for (size_t j = 0; j < n; j++)
            to[j] += row[j];
    }
    for (size_t a = 0; a < k; a++) {
        cluster_weights(colsum, rows + a * n, part, n);
        memcpy(out + a * k, colsum, k * sizeof *out);
    }
}

/* Leiden's fast local moves: visit nodes from a queue, first all of them
 * in random order; move each to the cluster (or an empty one) where it
 * gains most, and queue its neighbours outside that cluster again. Ends
 * when the queue is empty: no node gains from a move. */
static void fast_move(level *l, double r, scratch *s, rng *g)
{
    size_t k = l->k, nempty = 0, head = 0, len = k;
    uint32_t *part = l->part;
    for (size_t c = 0; c < k; c++) {
        s->cw[c] = 0;
        s->cnt[c] = 0;
    }
    for (size_t v = 0; v < k; v++) {
        s->cw[part[v]] += l->nw[v];
        s->cnt[part[v]]++;
        s->queue[v] = (uint32_t)v;
        s->inq[v] = 1;
    }
    for (size_t c = k; c-- > 0;)
        if (!s->cnt[c])
            s->empty[nempty++] = (uint32_t)c;
    shuffle(s->queue, k, g);
    while (len) {
        uint32_t v = s->queue[head];
        head = head + 1 == k ? 0 : head + 1;
        len--;
        s->inq[v] = 0;
        uint32_t cv = part[v];
        double nv = l->nw[v];
        s->cw[cv] -= nv;
        if (!--s->cnt[cv])
            s->empty[nempty++] = cv;
        /* The weight from v to every cluster, v's own tie excluded. */
        const double *row = l->w + (size_t)v * k;
        cluster_weights(s->ew, row, part, k);
        s->ew[cv] -= row[v];
        uint32_t best = cv;
        double max = s->ew[cv] - nv * s->cw[cv] * r;
        if (max < 0 && nempty) { /* an empty cluster gains 0 */
            best = s->empty[nempty - 1];
            max = 0;
        }
        for (size_t c = 0; c < k; c++) {
            double diff = s->ew[c] - nv * s->cw[c] * r;
            if (diff > max && s->cnt[c]) {
                max = diff;
                best = (uint32_t)c;
            }
        }
        s->cw[best] += nv;
        if (!s->cnt[best]++) { /* best was empty: take it off the list */
            for (size_t e = nempty; e-- > 0;)
                if (s->empty[e] == best) {
                    s->empty[e] = s->empty[--nempty];
                    break;
                }
        }
        if (best == cv)
            continue;
        part[v] = best;
        /* Its neighbours outside best (v itself is in it) join the queue
         * unless queued; written without branches, as most of a dense row
         * qualifies or not at random. */
        size_t tail = head + len >= k ? head + len - k : head + len;
        for (size_t j = 0; j < k; j++) {
            unsigned add = (row[j] != 0) & (part[j] != best) & !s->inq[j];
            s->queue[tail] = (uint32_t)j;
            s->inq[j] |= (unsigned char)add;
            tail += add;
            tail = tail == k ? 0 : tail;
            len += add;
        }
    }
}

/* Leiden's refinement: within each cluster, every node starts alone; in
 * random order, each node still alone and well connected to its cluster
 * joins a well-connected refined cluster of it (or stays alone) at random,
 * with odds exp(gain / beta) among the moves that do not lose. refined[]
 * receives node ids as cluster labels. */
static void refine(uint32_t *refined, const level *l, size_t nclusters,
                   double r, double beta, scratch *s, rng *g)
{
    size_t k = l->k;
    double *rcw = s->cw, *ext = s->ext, *total = s->prob, *odds = s->odds;
    unsigned char *joined = s->inq; /* refined cluster with 2+ members */
    memset(s->ew, 0, k * sizeof *s->ew);
    /* Members of each cluster, contiguous. */
    for (size_t c = 0; c <= nclusters; c++)
        s->start[c] = 0;
    for (size_t v = 0; v < k; v++)
        s->start[l->part[v] + 1]++;
    for (size_t c = 0; c < nclusters; c++)
        s->start[c + 1] += s->start[c];
    for (size_t c = 0; c < nclusters; c++)
        s->cnt[c] = s->start[c];
    for (size_t v = 0; v < k; v++)
        s->members[s->cnt[l->part[v]]++] = (uint32_t)v;
    for (size_t c = 0; c < nclusters; c++)
        total[c] = 0;
    for (size_t v = 0; v < k; v++) {
        refined[v] = (uint32_t)v;
        rcw[v] = l->nw[v];
        joined[v] = 0;
        total[l->part[v]] += l->nw[v];
    }
    for (size_t c = 0; c < nclusters; c++) {
        uint32_t *mem = s->members + s->start[c];
        size_t size = s->start[c + 1] - s->start[c];
        for (size_t a = 0; a < size; a++) {
            const double *row = l->w + (size_t)mem[a] * k;
            double sum = 0;
            for (size_t b = 0; b < size; b++)
                sum += b == a ? 0 : row[mem[b]];
            ext[mem[a]] = sum;
        }
        memcpy(s->order, mem, size * sizeof *mem);
        shuffle(s->order, size, g);
        double tc = total[c];
        for (size_t a = 0; a < size; a++) {
            uint32_t v = s->order[a], cur = refined[v];
            if (joined[cur] || ext[cur] < rcw[cur] * (tc - rcw[cur]) * r)
                continue;
            double nv = rcw[cur], ext_v = ext[cur];
            rcw[cur] = 0;
            ext[cur] = 0;
            const double *row = l->w + (size_t)v * k;
            size_t nt = 0;
            s->touched[nt++] = cur;
            s->flag[cur] = 1;
            for (size_t b = 0; b < size; b++) {
                uint32_t j = mem[b], d = refined[j];
                if (j == v)
                    continue;
                s->ew[d] += row[j];
                if (!s->flag[d]) {
                    s->flag[d] = 1;
                    s->touched[nt++] = d;
                }
            }
            /* The moves that do not lose, staying alone (gain 0) among
             * them; odds relative to the best, which cannot overflow. */
            double max = 0;
            for (size_t t = 0; t < nt; t++) {
                uint32_t d = s->touched[t];
                double gain = -1;
                if (ext[d] >= rcw[d] * (tc - rcw[d]) * r)
                    gain = s->ew[d] - nv * rcw[d] * r;
                odds[t] = gain; /* the gain, or < 0; its odds below */
                if (gain > max)
                    max = gain;
            }
            double sum = 0;
            for (size_t t = 0; t < nt; t++) {
                double gain = odds[t], x = (gain - max) / beta;
                /* Odds under exp(-40) (4e-18 of the best's 1) are taken
                 * as 0, which also spares libm's slow underflow path. */
                odds[t] = gain >= 0 && x > -40 ? exp(x) : 0;
                sum += odds[t];
            }
            double pick = uniform(g) * sum, run = 0;
            uint32_t chosen = cur;
            for (size_t t = 0; t < nt; t++) {
                if (odds[t] == 0)
                    continue;
                run += odds[t];
                chosen = s->touched[t];
                if (pick < run)
                    break;
            }
            rcw[chosen] += nv;
            ext[chosen] += ext_v - 2 * s->ew[chosen];
            if (chosen != cur) {
                refined[v] = chosen;
                joined[chosen] = 1;
            }
            for (size_t t = 0; t < nt; t++) {
                s->ew[s->touched[t]] = 0;
                s->flag[s->touched[t]] = 0;
            }
        }
    }
}

/* The next level: one node per refined cluster (ids 0..nref), weights
 * summed, in the cluster of its members. */
static int aggregate(level *next, double **wbuf, const level *l,
                     const uint32_t *refined, size_t nref, double *colsum)
{
    double *w = sg_zalloc(nref * nref, sizeof *w);
    double *rows = sg_zalloc(nref * l->k, sizeof *rows);
    double *nw = sg_zalloc(nref, sizeof *nw);
    uint32_t *part = sg_zalloc(nref, sizeof *part);
    if (!w || !rows || !nw || !part) {
        free(rows);
        free(w);
        free(nw);
        free(part);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < l->k; i++) {
        nw[refined[i]] += l->nw[i];
        part[refined[i]] = l->part[i];
    }
    collapse(w, l->w, l->k, refined, nref, rows, colsum);
    free(rows);
    *wbuf = w;
    *next = (level){nref, w, nw, part};
    return 0;
}

static void level_free(level *l, double *wbuf)
{
    free(wbuf);
    free((double *)l->nw);
    free(l->part);
}

int sg_dense_between(double *between, const sg_dense_graph *d,
                     const long *membership, size_t k)
{
    size_t n = d->n;
    double *rows = sg_zalloc(k * n, sizeof *rows);
    double *colsum = sg_zalloc(4 * n, sizeof *colsum);
    uint32_t *part = sg_zalloc(n ? n : 1, sizeof *part);
    int rc = 0;
    if (!rows || !colsum || !part) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++)
        part[i] = (uint32_t)membership[i];
    collapse(between, d->w, n, part, k, rows, colsum);

cleanup:
    free(rows);
    free(colsum);
    free(part);
    return rc;
}

int sg_dense_leiden(long *membership, const sg_dense_graph *d,
                    const double *nodew, double r, double beta,
                    int iterations, uint64_t seed)
{
    size_t n = d->n;
    rng g = {seed};
    scratch s;
    uint32_t *map = sg_zalloc(n ? n : 1, sizeof *map);
    uint32_t *refined = sg_zalloc(n ? n : 1, sizeof *refined);
    uint32_t *part0 = sg_zalloc(n ? n : 1, sizeof *part0);
    int rc = SG_ENOMEM;
    if (!map || !refined || !part0) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    if ((rc = scratch_init(&s, n ? n : 1)))
        goto cleanup;
    for (size_t i = 0; i < n; i++)
        part0[i] = (uint32_t)i;
    for (int it = 0; it < iterations && !rc; it++) {
        /* Step 1: the graph itself, in the last round's partition. */
        level cur = {n, d->w, nodew, part0};
        double *wbuf = NULL;
        for (size_t i = 0; i < n; i++)
            map[i] = (uint32_t)i;
        renumber(part0, n, &s);
        for (;;) {
            /* Step 2: local moves; stop when no cluster has two nodes. */
            fast_move(&cur, r, &s, &g);
            size_t nc = renumber(cur.part, cur.k, &s);
            if (nc == cur.k)
                break;
            /* Step 3: refine, and aggregate the refined clusters (the
             * clusters themselves when refining merged nothing). */
            refine(refined, &cur, nc, r, beta, &s, &g);
            size_t nref = renumber(refined, cur.k, &s);
            if (nref >= cur.k) {
                memcpy(refined, cur.part, cur.k * sizeof *refined);
                nref = nc;
            }
            for (size_t i = 0; i < n; i++)
                map[i] = refined[map[i]];
            level next = {0, NULL, NULL, NULL};
            double *nbuf = NULL;
            if ((rc = aggregate(&next, &nbuf, &cur, refined, nref, s.ew)))
                break;
            if (wbuf)
                level_free(&cur, wbuf);
            cur = next;
            wbuf = nbuf;
        }
        /* Step 4: every node in the cluster of its aggregate. */
        if (!rc)
            for (size_t i = 0; i < n; i++)
                part0[i] = cur.part[map[i]];
        if (wbuf)
            level_free(&cur, wbuf);
    }
    if (!rc) {
        renumber(part0, n, &s);
        for (size_t i = 0; i < n; i++)
            membership[i] = (long)part0[i];
    }
    scratch_free(&s);

cleanup:
    free(map);
    free(refined);
    free(part0);
    return rc;
}
