/* Centralities and signed-graph figures. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "analysis/igraph_glue.h"
#include "analysis/metrics.h"
#include "model/util.h"

/* k distinct sources out of n by a partial Fisher-Yates shuffle. */
static int sample_sources(igraph_vector_int_t *out, size_t n, size_t k,
                          unsigned long seed)
{
    uint32_t *perm = sg_zalloc(n, sizeof *perm);
    if (!perm)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = sg_ig_check(igraph_vector_int_init(out, (igraph_integer_t)k),
                         "betweenness");
    if (rc) {
        free(perm);
        return rc;
    }
    uint64_t state = seed;
    for (size_t i = 0; i < n; i++)
        perm[i] = (uint32_t)i;
    for (size_t i = 0; i < k; i++) {
        size_t j = i + (size_t)(sg_splitmix64(&state) % (n - i));
        uint32_t t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        VECTOR(*out)[i] = perm[i];
    }
    free(perm);
    return 0;
}

/* A graph with optional per-edge values and a result vector, set up and
 * torn down the same way for every centrality. */
typedef struct {
    igraph_t g;
    igraph_vector_t res, values;
    int have_g, have_res, have_values;
} ig_job;

static int job_open(ig_job *j, size_t n, const uint32_t *from,
                    const uint32_t *to, const size_t *sel, size_t m,
                    const double *values, const char *what)
{
    memset(j, 0, sizeof *j);
    int rc = sg_ig_graph(&j->g, n, from, to, sel, m);
    if (rc)
        return rc;
    j->have_g = 1;
    if ((rc = sg_ig_check(igraph_vector_init(&j->res, 0), what)))
        return rc;
    j->have_res = 1;
    if (values && !(rc = sg_ig_vector(&j->values, values, m)))
        j->have_values = 1;
    return rc;
}

/* Copy the result, scaled, unless rc says it failed. */
static void job_result(const ig_job *j, int rc, double *out, size_t n,
                       double scale)
{
    for (size_t i = 0; !rc && i < n; i++)
        out[i] = VECTOR(j->res)[i] * scale;
}

static int job_close(ig_job *j, int rc)
{
    if (j->have_values)
        igraph_vector_destroy(&j->values);
    if (j->have_res)
        igraph_vector_destroy(&j->res);
    if (j->have_g)
        igraph_destroy(&j->g);
    return rc;
}

/* Sources for a betweenness run within `budget`: n when exact, a sample
 * of at least SG_BETWEENNESS_MIN_SOURCES, or 0 when even that sample
 * would cost more than ten budgets (an estimate from so few sources on
 * such a graph would say nothing). */
static size_t plan_sources(size_t n, size_t m, double budget)
{
    if ((double)n * (double)m <= budget)
        return n;
    if ((double)SG_BETWEENNESS_MIN_SOURCES * (double)m > 10 * budget)
        return 0;
    size_t k = (size_t)(budget / (double)m);
    k = k < SG_BETWEENNESS_MIN_SOURCES ? SG_BETWEENNESS_MIN_SOURCES : k;
    return k > n ? n : k;
}

/* Betweenness over j's graph from k sources (all when k == n). */
static int betweenness_run(ig_job *j, const igraph_vector_t *lengths,
                           double *out, size_t n, size_t k,
                           unsigned long seed)
{
    igraph_vector_int_t sources;
    int rc;
    if (k == n) {
        rc = sg_ig_check(
            igraph_betweenness(&j->g, &j->res, igraph_vss_all(), 0, lengths),
            "betweenness");
    } else if (!(rc = sample_sources(&sources, n, k, seed))) {
        rc = sg_ig_check(igraph_betweenness_subset(&j->g, &j->res,
                                                   igraph_vss_all(), 0,
                                                   igraph_vss_vector(&sources),
                                                   igraph_vss_all(), lengths),
                         "betweenness");
        igraph_vector_int_destroy(&sources);
    }
    job_result(j, rc, out, n, (double)n / (double)k);
    return rc;
}

int sg_betweenness(double *out, size_t *nsources, size_t n,
                   const uint32_t *from, const uint32_t *to, const size_t *sel,
                   size_t m, const double *len, double budget,
                   unsigned long seed)
{
    size_t k = plan_sources(n, m, budget);
    *nsources = k;
    for (size_t i = 0; i < n; i++)
        out[i] = k ? 0 : NAN;
    if (n < 3 || !m || !k)
        return 0;
    ig_job j;
    int rc = job_open(&j, n, from, to, sel, m, len, "betweenness");
    if (!rc)
        rc = betweenness_run(&j, j.have_values ? &j.values : NULL, out, n, k,
                             seed);
    return job_close(&j, rc);
}

int sg_positive_centrality(double *pagerank, double *btw, size_t *nsources,
                           size_t n, const uint32_t *from, const uint32_t *to,
                           const size_t *sel, size_t m, const double *w,
                           double budget, unsigned long seed)
{
    size_t k = plan_sources(n, m, budget);
    *nsources = k;
    for (size_t i = 0; i < n; i++)
        btw[i] = k ? 0 : NAN;
    if (!n)
        return 0;
    ig_job j;
    igraph_vector_t lengths;
    int have_lengths = 0;
    int rc = job_open(&j, n, from, to, sel, m, w, "pagerank");
    /* ARPACK starts from a random vector: seeded here, the last digits do
     * not depend on what used the generator before (coalitions). */
    sg_ig_seed(seed);
    if (!rc)
        rc = sg_ig_check(igraph_pagerank(&j.g, IGRAPH_PAGERANK_ALGO_ARPACK,
                                         &j.res, NULL, igraph_vss_all(), 0,
                                         0.85, &j.values, NULL),
                         "pagerank");
    job_result(&j, rc, pagerank, n, 1);
    if (!rc && n >= 3 && m && k &&
        !(rc = sg_ig_check(igraph_vector_init(&lengths, (igraph_integer_t)m),
                           "betweenness"))) {
        have_lengths = 1;
        for (size_t e = 0; e < m; e++)
            VECTOR(lengths)[e] = 1 / w[e];
        rc = betweenness_run(&j, &lengths, btw, n, k, seed);
    }
    if (have_lengths)
        igraph_vector_destroy(&lengths);
    return job_close(&j, rc);
}

/* ---- triangles ------------------------------------------------------------
 */

typedef struct {
    size_t *start;
    uint32_t *to;
    signed char *sign;
} oriented;

/* Orient every edge from the lower to the higher (degree, index) rank, so
 * each triangle is found once from its lowest-ranked corner and no node
 * has more than sqrt(2m) higher-ranked neighbours. */
static int orient(oriented *o, const sg_sgraph *g)
{
    size_t *deg = sg_zalloc(g->n, sizeof *deg);
    o->start = sg_zalloc(g->n + 1, sizeof *o->start);
    o->to = sg_zalloc(g->m, sizeof *o->to);
    o->sign = sg_zalloc(g->m, 1);
    if (!deg || !o->start || !o->to || !o->sign) {
        free(deg);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t e = 0; e < g->m; e++) {
        deg[g->from[e]]++;
        deg[g->to[e]]++;
    }
#define LOWER(a, b) (deg[a] < deg[b] || (deg[a] == deg[b] && (a) < (b)))
    for (size_t e = 0; e < g->m; e++) {
        uint32_t a = g->from[e], b = g->to[e];
        o->start[(LOWER(a, b) ? a : b) + 1]++;
    }
    for (size_t i = 0; i < g->n; i++)
        o->start[i + 1] += o->start[i];
    size_t *fill = sg_zalloc(g->n, sizeof *fill);
    if (!fill) {
        free(deg);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    memcpy(fill, o->start, g->n * sizeof *fill);
    for (size_t e = 0; e < g->m; e++) {
        uint32_t a = g->from[e], b = g->to[e];
        uint32_t lo = LOWER(a, b) ? a : b, hi = lo == a ? b : a;
        o->to[fill[lo]] = hi;
        o->sign[fill[lo]++] = g->w[e] > 0 ? 1 : -1;
    }
#undef LOWER
    free(fill);
    free(deg);
    return 0;
}

/* Above this many nodes the bit sets (n^2 / 4 bytes) are not tried. */
#define DENSE_TRIANGLE_NODES 8192

static unsigned popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

/* The census of sg_triangles through bit sets: for each node, its higher
 * neighbours over positive and over other ties. An oriented tie u-v closes
 * a triangle with every x in both sets of higher neighbours; the triangle
 * is balanced when the sign of u-v times those of u-x and v-x is positive,
 * i.e. for x reached by equal signs from u and v when u-v is positive, by
 * different signs when it is not. O(n^2 / 4) bytes, O(m n / 64) time. */
static int dense_triangles(size_t *triangles, size_t *balanced,
                           const oriented *o, size_t n)
{
    size_t words = (n + 63) / 64;
    uint64_t *pos = sg_zalloc(n * words + 1, sizeof *pos);
    uint64_t *neg = sg_zalloc(n * words + 1, sizeof *neg);
    if (!pos || !neg) {
        free(pos);
        free(neg);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t u = 0; u < n; u++)
        for (size_t e = o->start[u]; e < o->start[u + 1]; e++) {
            uint64_t *set = o->sign[e] > 0 ? pos : neg;
            set[u * words + (o->to[e] >> 6)] |= (uint64_t)1 << (o->to[e] & 63);
        }
    size_t all = 0, good = 0;
    for (size_t u = 0; u < n; u++) {
        const uint64_t *pu = pos + u * words, *nu = neg + u * words;
        for (size_t e = o->start[u]; e < o->start[u + 1]; e++) {
            const uint64_t *pv = pos + o->to[e] * words,
                           *nv = neg + o->to[e] * words;
            size_t same = 0, differ = 0;
            for (size_t k = 0; k < words; k++) {
                same += popcount64(pu[k] & pv[k]) + popcount64(nu[k] & nv[k]);
                differ += popcount64(pu[k] & nv[k]) + popcount64(nu[k] & pv[k]);
            }
            all += same + differ;
            good += o->sign[e] > 0 ? same : differ;
        }
    }
    *triangles = all;
    *balanced = good;
    free(pos);
    free(neg);
    return 0;
}

int sg_triangles(size_t *triangles, size_t *balanced, const sg_sgraph *g)
{
    oriented o = {0};
    size_t *stamp = NULL;
    signed char *mark = NULL;
    *triangles = *balanced = 0;
    int rc = orient(&o, g);
    if (rc)
        goto cleanup;
    double work = 0;
    for (size_t u = 0; u < g->n; u++)
        for (size_t e = o.start[u]; e < o.start[u + 1]; e++)
            work += (double)(o.start[o.to[e] + 1] - o.start[o.to[e]]);
    if (work > SG_TRIANGLE_BUDGET) {
        rc = 1;
        goto cleanup;
    }
    /* Dense networks (a parliament's actors, a month of a debate) meet most
     * higher neighbours again from every corner: intersecting bit sets
     * word by word is cheaper there, with the same counts. */
    if (g->n <= DENSE_TRIANGLE_NODES &&
        (double)g->m * 2 * (double)((g->n + 63) / 64) < work) {
        rc = dense_triangles(triangles, balanced, &o, g->n);
        goto cleanup;
    }
    stamp = sg_zalloc(g->n, sizeof *stamp);
    mark = sg_zalloc(g->n, 1);
    if (!stamp || !mark) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t u = 0; u < g->n; u++) {
        for (size_t e = o.start[u]; e < o.start[u + 1]; e++) {
            stamp[o.to[e]] = u + 1;
            mark[o.to[e]] = o.sign[e];
        }
        for (size_t e = o.start[u]; e < o.start[u + 1]; e++) {
            uint32_t v = o.to[e];
            for (size_t f = o.start[v]; f < o.start[v + 1]; f++) {
                uint32_t x = o.to[f];
                if (stamp[x] != u + 1)
                    continue;
                (*triangles)++;
                *balanced += o.sign[e] * o.sign[f] * mark[x] > 0;
            }
        }
    }

cleanup:
    free(o.start);
    free(o.to);
    free(o.sign);
    free(stamp);
    free(mark);
    return rc;
}

/* ---- partition figures ----------------------------------------------------
 */

int sg_signed_modularity(double *out, const sg_sgraph *g,
                         const long *membership)
{
    return sg_signed_quality(out, g, membership, 1, 1);
}

int sg_signed_quality(double *out, const sg_sgraph *g, const long *membership,
                      double gamma, double gamma_minus)
{
    *out = NAN;
    if (!g->m)
        return 0;
    long top = 0;
    for (size_t i = 0; i < g->n; i++)
        top = membership[i] + 1 > top ? membership[i] + 1 : top;
    /* Nodes without a group get ids of their own after the groups. */
    size_t ng = (size_t)top + g->n;
    double *kp = sg_zalloc(ng, sizeof *kp), *kn = sg_zalloc(ng, sizeof *kn);
    if (!kp || !kn) {
        free(kp);
        free(kn);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
#define GROUP(i)                                                               \
    (membership[i] >= 0 ? (size_t)membership[i] : (size_t)top + (i))
    double mp = 0, mn = 0, inside = 0;
    for (size_t e = 0; e < g->m; e++) {
        double w = g->w[e];
        size_t a = GROUP(g->from[e]), b = GROUP(g->to[e]);
        double *k = w > 0 ? kp : kn;
        k[a] += fabs(w);
        k[b] += fabs(w);
        *(w > 0 ? &mp : &mn) += fabs(w);
        if (a == b)
            inside += w;
    }
#undef GROUP
    double expected = 0;
    for (size_t c = 0; c < ng; c++) {
        if (mp > 0)
            expected += gamma * kp[c] * kp[c] / (2 * mp);
        if (mn > 0)
            expected -= gamma_minus * kn[c] * kn[c] / (2 * mn);
    }
    free(kp);
    free(kn);
    *out = (2 * inside - expected) / (2 * mp + 2 * mn);
    return 0;
}

void sg_frustration(size_t *count, double *weight, const sg_sgraph *g,
                    const long *membership)
{
    *count = 0;
    *weight = 0;
    for (size_t e = 0; e < g->m; e++) {
        long a = membership[g->from[e]], b = membership[g->to[e]];
        if (a < 0 || b < 0)
            continue;
        if ((g->w[e] < 0 && a == b) || (g->w[e] > 0 && a != b)) {
            (*count)++;
            *weight += fabs(g->w[e]);
        }
    }
}
