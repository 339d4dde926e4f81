/* DNA's polarization score: Leifeld's absolute-difference quality of a
 * partition of the actors into balanced camps, maximised exactly by
 * enumeration on small networks and by pair-swap climbing with restarts on
 * larger ones. The definition is DNA's (dna/export/Polarization.java);
 * the search is ours. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/util.h"
#include "network/pairs.h"
#include "stancegraph/polarization.h"

typedef struct {
    const double *C, *F; /* n x n, symmetric, zero diagonal */
    size_t n, k;
    size_t *size; /* camp sizes: balanced, the larger ones first */
    double *ew;   /* per camp: expected congruence of one within pair */
    double *eb;   /* k x k: expected conflict of one between pair */
    double normc, normf; /* |C| and |F|: sums over the full matrices */
    double norm;         /* |C| + |F| */
} pq;

/* One pair's share of Leifeld's absolute differences, for i in camp a and j
 * in camp b. DNA sums over ordered pairs, so every pair counts twice there;
 * here once, and the normalisation is halved to match. */
static double pair_value(const pq *q, size_t i, size_t j, size_t a, size_t b)
{
    double c = q->C[i * q->n + j], f = q->F[i * q->n + j];
    if (a == b)
        return fabs(c - q->ew[a]) + fabs(f);
    return fabs(c) + fabs(f - q->eb[a * q->k + b]);
}

/* Sum over pairs i < j in a fixed order: the one figure every search path
 * reports, so equal partitions give equal scores bit for bit. */
static double quality(const pq *q, const uint32_t *camp)
{
    double s = 0;
    for (size_t i = 0; i < q->n; i++)
        for (size_t j = i + 1; j < q->n; j++)
            s += pair_value(q, i, j, camp[i], camp[j]);
    return s;
}

/* Expected values as DNA's Polarization.qualityAbsdiff sets them: within
 * camp c, the congruence norm spread over within pairs in proportion to
 * c's share of them; between camps c and d, the conflict norm likewise. */
static int pq_init(pq *q, const double *C, const double *F, size_t n, size_t k)
{
    memset(q, 0, sizeof *q);
    q->C = C;
    q->F = F;
    q->n = n;
    q->k = k;
    q->size = sg_zalloc(k, sizeof *q->size);
    q->ew = sg_zalloc(k, sizeof *q->ew);
    q->eb = sg_zalloc(k * k, sizeof *q->eb);
    if (!q->size || !q->ew || !q->eb)
        return -1;
    double nc = 0, nf = 0;
    for (size_t i = 0; i < n * n; i++) {
        nc += fabs(C[i]);
        nf += fabs(F[i]);
    }
    q->normc = nc;
    q->normf = nf;
    q->norm = nc + nf;
    double within = 0;
    for (size_t c = 0; c < k; c++) {
        q->size[c] = n / k + (c < n % k);
        within += (double)q->size[c] * (q->size[c] - 1);
    }
    double between = (double)n * (n - 1) - within;
    for (size_t c = 0; c < k; c++) {
        double s = (double)q->size[c];
        q->ew[c] = within > 0 ? s * (s - 1) / within * (nc / within) : 0;
        for (size_t d = 0; d < k; d++)
            q->eb[c * k + d] = between > 0 ? s * (double)q->size[d] / between *
                                                 (nf / between)
                                           : 0;
    }
    return 0;
}

static void pq_free(pq *q)
{
    free(q->size);
    free(q->ew);
    free(q->eb);
}

/* ---- exact: every balanced partition once ------------------------------ */

/* C(m, s) into *out; 0 when it does not fit 64 bits. Each step's value
 * is itself a binomial coefficient, so the division is exact. */
static int binomial(uint64_t *out, uint64_t m, uint64_t s)
{
    uint64_t c = 1;
    for (uint64_t i = 1; i <= s; i++) {
        uint64_t f = m - s + i;
        if (c > UINT64_MAX / f)
            return 0;
        c = c * f / i;
    }
    *out = c;
    return 1;
}

/* Balanced partitions up to relabelling camps of equal size:
 * n! / prod(size!) / prod over size classes (camps of that size)!. Exact
 * while it fits 64 bits, else from lgamma. */
static double count_partitions(const pq *q)
{
    size_t big = q->n % q->k, small = q->k - big;
    uint64_t total = 1, left = q->n, b;
    int exact = 1;
    for (size_t c = 0; exact && c < q->k; c++) {
        exact = binomial(&b, left, q->size[c]) && total <= UINT64_MAX / b;
        total *= exact ? b : 1;
        left -= q->size[c];
    }
    if (exact) {
        for (uint64_t i = 2; i <= big; i++)
            total /= i;
        for (uint64_t i = 2; i <= small; i++)
            total /= i;
        return (double)total;
    }
    double lg = lgamma((double)q->n + 1);
    for (size_t c = 0; c < q->k; c++)
        lg -= lgamma((double)q->size[c] + 1);
    lg -= lgamma((double)big + 1) + lgamma((double)small + 1);
    return exp(lg);
}

typedef struct {
    const pq *q;
    uint32_t *camp, *best;
    size_t *fill;
    double best_value;
    double eps;    /* scores closer than this are equal */
    size_t optima; /* partitions within eps of the best */
} dfs;

static void enumerate(dfs *d, size_t i, double partial)
{
    const pq *q = d->q;
    if (i == q->n) {
        /* Equal scores keep the first partition found: the enumeration
         * order makes it the smallest in camp numbering. */
        if (partial > d->best_value + d->eps) {
            d->best_value = partial;
            d->optima = 1;
            memcpy(d->best, d->camp, q->n * sizeof *d->camp);
        } else if (partial >= d->best_value - d->eps) {
            d->optima++;
        }
        return;
    }
    for (size_t c = 0; c < q->k; c++) {
        if (d->fill[c] == q->size[c])
            continue;
        /* Camps of equal size are interchangeable: open an empty one only
         * when every earlier camp of its size is in use. */
        if (d->fill[c] == 0 && c > 0 && q->size[c - 1] == q->size[c] &&
            d->fill[c - 1] == 0)
            continue;
        double add = 0;
        for (size_t j = 0; j < i; j++)
            add += pair_value(q, j, i, d->camp[j], c);
        d->camp[i] = (uint32_t)c;
        d->fill[c]++;
        enumerate(d, i + 1, partial + add);
        d->fill[c]--;
    }
}

/* ---- local search: pair swaps, which keep the camps balanced ----------- */

typedef struct { uint64_t s; } rng64;

static uint64_t rng_next(rng64 *r) { return sg_splitmix64(&r->s); }

/* u[i*k + h]: the value of i's pairs with everybody else if i were in camp
 * h and the others stayed where they are. */
static void u_build2(const pq *q, const uint32_t *camp, double *u);

static void u_build(const pq *q, const uint32_t *camp, double *u)
{
    size_t n = q->n, k = q->k;
    if (k == 2) {
        u_build2(q, camp, u);
        return;
    }
    memset(u, 0, n * k * sizeof *u);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (j != i)
                for (size_t h = 0; h < k; h++)
                    u[i * k + h] += pair_value(q, i, j, h, camp[j]);
}

/* Actor m leaves camp x for camp y. The pairs (i, m) are read from row m:
 * C, F and eb are symmetric bit for bit, so pair_value(m, i, y, h) is
 * pair_value(i, m, h, y), and a row is contiguous where a column strides
 * n doubles per actor. */
static void u_move(const pq *q, double *u, size_t m, size_t x, size_t y)
{
    size_t n = q->n, k = q->k;
    for (size_t i = 0; i < n; i++)
        if (i != m)
            for (size_t h = 0; h < k; h++)
                u[i * k + h] += pair_value(q, m, i, y, h) -
                                pair_value(q, m, i, x, h);
}

/* ---- two camps: the same sums, written out --------------------------
 *
 * With two camps (the default, and every window of a timeline) the
 * searches below spend nearly all their time in pair_value. These are
 * the same three steps with its two cases written out and its constants
 * hoisted: every value is computed by the same expression and summed in
 * the same order, so the climbs take the same swaps and reach the same
 * partition, bit for bit. */

static void u_build2(const pq *q, const uint32_t *camp, double *u)
{
    size_t n = q->n;
    double ew0 = q->ew[0], ew1 = q->ew[1], eb01 = q->eb[1], eb10 = q->eb[2];
    memset(u, 0, n * 2 * sizeof *u);
    for (size_t i = 0; i < n; i++) {
        const double *C = q->C + i * n, *F = q->F + i * n;
        double u0 = 0, u1 = 0;
        for (size_t j = 0; j < n; j++) {
            if (j == i)
                continue;
            double c = C[j], f = F[j];
            if (camp[j] == 0) {
                u0 += fabs(c - ew0) + fabs(f);
                u1 += fabs(c) + fabs(f - eb10);
            } else {
                u0 += fabs(c) + fabs(f - eb01);
                u1 += fabs(c - ew1) + fabs(f);
            }
        }
        u[i * 2] = u0;
        u[i * 2 + 1] = u1;
    }
}

/* Actors [from, to) of u_move2 with x = 0 and y = 1 once rewritten:
 * u0 and u1 are the entries of camps x and y. No test inside and fixed
 * offsets, so that the compiler can vectorise it; each entry takes the
 * same one update as before, bit for bit. */
#if defined(__GNUC__) && !defined(__clang__)
/* GCC's -O2 cost model leaves this loop scalar; elementwise, so vectors
 * give the same bits. */
__attribute__((optimize("vect-cost-model=dynamic")))
#endif
static void u_move2_range(double *restrict ux, double *restrict uy,
                          const double *restrict C, const double *restrict F,
                          size_t from, size_t to, double ewx, double ewy,
                          double ebxy, double ebyx)
{
    for (size_t i = from; i < to; i++) {
        double c = C[i], f = F[i];
        uy[i * 2] += (fabs(c - ewy) + fabs(f)) - (fabs(c) + fabs(f - ebxy));
        ux[i * 2] += (fabs(c) + fabs(f - ebyx)) - (fabs(c - ewx) + fabs(f));
    }
}

static void u_move2(const pq *q, double *u, size_t m, size_t x, size_t y)
{
    size_t n = q->n;
    const double *C = q->C + m * n, *F = q->F + m * n;
    double ewx = q->ew[x], ewy = q->ew[y];
    double ebxy = q->eb[x * 2 + y], ebyx = q->eb[y * 2 + x];
    u_move2_range(u + x, u + y, C, F, 0, m, ewx, ewy, ebxy, ebyx);
    u_move2_range(u + x, u + y, C, F, m + 1, n, ewx, ewy, ebxy, ebyx);
}

/* i and j (in different camps) trade camps. */
static void swap(const pq *q, double *u, uint32_t *camp, size_t i, size_t j)
{
    size_t a = camp[i], b = camp[j];
    void (*move)(const pq *, double *, size_t, size_t, size_t) =
        q->k == 2 ? u_move2 : u_move;
    move(q, u, i, a, b);
    camp[i] = (uint32_t)b;
    move(q, u, j, b, a);
    camp[j] = (uint32_t)a;
}

static void climb2(const pq *q, uint32_t *camp, double *u, double eps)
{
    size_t n = q->n;
    for (int improved = 1; improved;) {
        improved = 0;
        for (size_t i = 0; i < n; i++) {
            const double *C = q->C + i * n, *F = q->F + i * n;
            size_t a = camp[i], b = 1 - a;
            double ewa = q->ew[a], ewb = q->ew[b];
            double ebab = q->eb[a * 2 + b], ebba = q->eb[b * 2 + a];
            for (size_t j = i + 1; j < n; j++) {
                if (camp[j] == a)
                    continue;
                double c = C[j], f = F[j];
                double gain = u[i * 2 + b] - u[i * 2 + a] + u[j * 2 + a] -
                              u[j * 2 + b] - (fabs(c - ewa) + fabs(f)) -
                              (fabs(c - ewb) + fabs(f)) +
                              (fabs(c) + fabs(f - ebab)) +
                              (fabs(c) + fabs(f - ebba));
                if (gain <= eps)
                    continue;
                swap(q, u, camp, i, j);
                improved = 1;
                /* i changed camp: so did the constants. */
                a = b;
                b = 1 - a;
                ewa = q->ew[a];
                ewb = q->ew[b];
                ebab = q->eb[a * 2 + b];
                ebba = q->eb[b * 2 + a];
            }
        }
    }
}

/* First-improvement swaps until none gains more than `eps`. */
static void climb(const pq *q, uint32_t *camp, double *u, double eps)
{
    size_t n = q->n, k = q->k;
    if (k == 2) {
        climb2(q, camp, u, eps);
        return;
    }
    for (int improved = 1; improved;) {
        improved = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                size_t a = camp[i], b = camp[j];
                if (a == b)
                    continue;
                double gain = u[i * k + b] - u[i * k + a] + u[j * k + a] -
                              u[j * k + b] - pair_value(q, i, j, a, a) -
                              pair_value(q, i, j, b, b) +
                              pair_value(q, i, j, a, b) +
                              pair_value(q, i, j, b, a);
                if (gain <= eps)
                    continue;
                swap(q, u, camp, i, j);
                improved = 1;
            }
    }
}

/* A random balanced partition: the camp labels by size, shuffled. */
static void random_start(const pq *q, uint32_t *camp, rng64 *r)
{
    size_t i = 0;
    for (size_t c = 0; c < q->k; c++)
        for (size_t m = 0; m < q->size[c]; m++)
            camp[i++] = (uint32_t)c;
    for (size_t t = q->n; t > 1; t--) {
        size_t s = (size_t)(rng_next(r) % t);
        uint32_t x = camp[t - 1];
        camp[t - 1] = camp[s];
        camp[s] = x;
    }
}

/* Camps numbered 1.. in the order of their first actor. */
static void number_camps(uint32_t *out, const uint32_t *camp, size_t n,
                         size_t k)
{
    uint32_t map[64];
    uint32_t next = 1;
    for (size_t c = 0; c < k; c++)
        map[c] = 0;
    for (size_t i = 0; i < n; i++) {
        if (!map[camp[i]])
            map[camp[i]] = next++;
        out[i] = map[camp[i]];
    }
}

/* Whether partition x comes before y once both are numbered by first
 * appearance; scratch holds 2n entries. */
static int precedes(uint32_t *scratch, const uint32_t *x, const uint32_t *y,
                    size_t n, size_t k)
{
    number_camps(scratch, x, n, k);
    number_camps(scratch + n, y, n, k);
    for (size_t i = 0; i < n; i++)
        if (scratch[i] != scratch[n + i])
            return scratch[i] < scratch[n + i];
    return 0;
}

/* Best balanced partition into best[]: by enumeration when there are at
 * most opts->exact_limit partitions, else by climbs from random starts;
 * r records which, and how many climbs reached the best. Non-zero only
 * when memory runs out. */
static int search(const pq *q, uint32_t *best, double *value,
                  const sg_polarization_options *opts, sg_polarization *r)
{
    size_t n = q->n;
    int rc = -1;
    uint32_t *camp = sg_zalloc(n, sizeof *camp);
    uint32_t *canon = sg_zalloc(2 * n, sizeof *canon);
    size_t *fill = sg_zalloc(q->k, sizeof *fill);
    double *u = NULL;
    /* Score differences below this are rounding (sums in another order),
     * not improvement: stopping there also guarantees a climb ends. */
    double eps = 1e-12 * q->norm;
    if (!camp || !fill || !canon)
        goto cleanup;
    if (r->partitions <= opts->exact_limit) {
        dfs d = {q, camp, best, fill, -1, eps, 0};
        enumerate(&d, 0, 0);
        r->exact = 1;
        r->optima = d.optima;
        *value = quality(q, best);
        rc = 0;
        goto cleanup;
    }
    u = sg_zalloc(n * q->k, sizeof *u);
    if (!u)
        goto cleanup;
    rng64 g = {(uint64_t)opts->seed};
    double top = -1;
    size_t runs = opts->restarts ? opts->restarts : 1;
    for (size_t t = 0; t < runs; t++) {
        random_start(q, camp, &g);
        u_build(q, camp, u);
        climb(q, camp, u, eps);
        double v = quality(q, camp);
        /* Of equal scores, the partition smallest in camp numbering, so
         * that the result does not depend on which climb found it. */
        if (v > top + eps || (v >= top - eps && precedes(canon, camp, best,
                                                         n, q->k))) {
            if (v > top + eps)
                r->hits = 0;
            top = v > top ? v : top;
            memcpy(best, camp, n * sizeof *camp);
        }
        r->hits += v >= top - eps;
    }
    r->restarts = runs;
    *value = quality(q, best);
    rc = 0;

cleanup:
    free(camp);
    free(canon);
    free(fill);
    free(u);
    return rc;
}

/* ---- building the matrices --------------------------------------------- */

typedef struct {
    double *m;
    size_t n;
} dense;

/* Ties carry the exported value in net: congruence > 0, conflict < 0. */
static int put_tie(void *ctx, const sg_tie *t)
{
    dense *d = ctx;
    double v = fabs(t->net);
    d->m[(size_t)t->a * d->n + t->b] = v;
    d->m[(size_t)t->b * d->n + t->a] = v;
    return 0;
}

static int fill_matrix(double *m, size_t n, const sg_pairs *p,
                       const sg_network_options *base, sg_tie_mode tie)
{
    sg_network_options o = *base;
    o.kind = SG_NET_ACTORS;
    o.tie = tie;
    o.min_weight = 0;
    o.top_ties = 0;
    dense d = {m, n};
    return sg_pairs_project_each(p, SG_NET_ACTORS, &o, 0, put_tie, &d);
}

/* ---- the result --------------------------------------------------------- */

typedef struct {
    sg_arena ids;
} polar_priv;

void sg_polarization_options_init(sg_polarization_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->camps = 2;
    opts->exact_limit = 2e5;
    opts->restarts = 20;
    opts->max_actors = 5000;
}

void sg_polarization_free(sg_polarization *p)
{
    if (!p)
        return;
    polar_priv *pv = p->priv;
    if (pv) {
        sg_arena_free(&pv->ids);
        free(pv);
    }
    free(p->actor);
    free(p->camp);
    free(p);
}

static int copy_ids(sg_polarization *r, const sg_pairs *p)
{
    polar_priv *pv = r->priv;
    for (size_t i = 0; i < p->nactors; i++) {
        r->actor[i] = sg_arena_strdup(&pv->ids, p->actor_id[i]);
        if (!r->actor[i])
            return sg_seterr(SG_ENOMEM, "out of memory");
    }
    return 0;
}

int sg_polarization_compute(sg_polarization **out, const sg_corpus *corpus,
                            const sg_network_options *net_opts,
                            const sg_polarization_options *opts)
{
    sg_network_options nd;
    sg_polarization_options pd;
    sg_pairs pairs;
    pq q;
    double *C = NULL, *F = NULL;
    uint32_t *best = NULL;
    sg_polarization *r = NULL;
    int rc;
    *out = NULL;
    memset(&pairs, 0, sizeof pairs);
    memset(&q, 0, sizeof q);
    if (!net_opts) {
        sg_network_options_init(&nd);
        net_opts = &nd;
    }
    if (!opts) {
        sg_polarization_options_init(&pd);
        opts = &pd;
    }
    if (opts->camps < 2 || opts->camps > 64) {
        rc = sg_seterr(SG_EUSAGE, "the number of camps must be 2..64, not %zu",
                       opts->camps);
        goto cleanup;
    }
    if ((rc = sg_pairs_build(&pairs, corpus, net_opts)))
        goto cleanup;
    size_t n = pairs.nactors, k = opts->camps;
    if (n > opts->max_actors) {
        rc = sg_seterr(SG_ELIMIT,
                       "polarization: %zu actors, more than the %zu its dense "
                       "matrices allow; filter the input",
                       n, opts->max_actors);
        goto cleanup;
    }
    rc = SG_ENOMEM;
    r = sg_zalloc(1, sizeof *r);
    if (!r || !(r->priv = sg_zalloc(1, sizeof(polar_priv))) ||
        !(r->actor = sg_zalloc(n, sizeof *r->actor)) ||
        !(r->camp = sg_zalloc(n, sizeof *r->camp)) ||
        !(C = sg_zalloc(n * n, sizeof *C)) ||
        !(F = sg_zalloc(n * n, sizeof *F)) ||
        !(best = sg_zalloc(n, sizeof *best))) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    sg_arena_init(&((polar_priv *)r->priv)->ids);
    r->camps = k;
    r->nactors = n;
    if ((rc = copy_ids(r, &pairs)) ||
        (rc = fill_matrix(C, n, &pairs, net_opts, SG_TIE_CONGRUENCE)) ||
        (rc = fill_matrix(F, n, &pairs, net_opts, SG_TIE_CONFLICT)))
        goto cleanup;
    rc = SG_ENOMEM;
    if (pq_init(&q, C, F, n, k)) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    r->congruence_norm = q.normc;
    r->conflict_norm = q.normf;
    /* DNA scores a network with no more actors than camps, or without
     * ties, as 0. */
    if (n <= k || q.norm == 0) {
        rc = 0;
        goto cleanup;
    }
    r->partitions = count_partitions(&q);
    double value;
    if (search(&q, best, &value, opts, r)) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    r->defined = 1;
    r->raw = value;
    r->score = value / q.norm;
    number_camps(r->camp, best, n, k);
    rc = 0;

cleanup:
    pq_free(&q);
    free(C);
    free(F);
    free(best);
    sg_pairs_free(&pairs);
    if (rc)
        sg_polarization_free(r);
    else
        *out = r;
    return rc;
}

int sg_polarization_annotate(sg_network *net, const sg_polarization *p)
{
    sg_column *col = NULL;
    int rc = sg_network_add_column(&col, net, SG_NODES, "polarization_camp",
                                   SG_COL_INT);
    if (rc || !p->defined)
        return rc;
    for (size_t i = 0; i < p->nactors; i++) {
        long v = sg_network_find_node(net, p->actor[i]);
        if (v >= 0 && net->node_kind[v] == SG_ACTOR)
            sg_column_set_number(col, (size_t)v, p->camp[i]);
    }
    return 0;
}
