/* Coalition detection on the signed actor network. Positive ties pull
 * actors together and negative ties push them apart: spin-glass with the
 * signed null model (Traag & Bruggeman 2009) and Leiden with the positive
 * null model plus a greedy merge, and the classic methods on the positive
 * part for comparison. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "analysis/coalitions.h"
#include "analysis/dense_leiden.h"
#include "analysis/igraph_glue.h"
#include "model/util.h"

/* Leiden passes: enough to settle on the graphs we see, fewer on huge ones
 * (each pass visits every tie; the first does most of the work). A
 * negative count can loop forever in igraph 0.10.2. */
#define LEIDEN_ITERATIONS 10
#define LEIDEN_ITERATIONS_HUGE 3
/* A consensus run needs fewer: the refinement and the other runs do the
 * rest (same partitions on the bundled debate and planted camps, a third
 * of the time). */
#define LEIDEN_ITERATIONS_RUN 2
#define LEIDEN_HUGE_TIES 5000000
/* Leiden's randomness in the refinement (igraph's default). */
#define LEIDEN_RANDOMNESS 0.01
#define MAX_SPINS 25
/* Cooling factor of spin-glass annealing: igraph's default when asked for
 * by name, a quicker schedule under AUTO, where Leiden backs it up (about
 * 4x faster; same partitions on planted camps and roll calls). */
#define COOLING_CAREFUL 0.99
#define COOLING_QUICK 0.95
/* In each run of a consensus quicker still: ten of them make the answer
 * (seeds 0-19 agree on the bundled debate; 55 ms in all). */
#define COOLING_RUN 0.8

static void singletons(long *membership, size_t n)
{
    for (size_t i = 0; i < n; i++)
        membership[i] = (long)i;
}

typedef struct {
    size_t i;
    size_t size, first;
} group_rank;

static int cmp_rank(const void *a, const void *b)
{
    const group_rank *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

size_t sg_relabel(long *membership, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k = (size_t)membership[i] + 1 > k ? (size_t)membership[i] + 1 : k;
    group_rank *r = sg_zalloc(k, sizeof *r);
    size_t *map = sg_zalloc(k, sizeof *map);
    size_t groups = 0;
    if (!r || !map) {
        free(r);
        free(map);
        sg_seterr(SG_ENOMEM, "out of memory");
        return (size_t)-1;
    }
    for (size_t g = 0; g < k; g++)
        r[g] = (group_rank){g, 0, SIZE_MAX};
    for (size_t i = 0; i < n; i++) {
        group_rank *x = &r[membership[i]];
        if (!x->size++)
            x->first = i;
    }
    qsort(r, k, sizeof *r, cmp_rank);
    for (size_t g = 0; g < k && r[g].size; g++, groups++)
        map[r[g].i] = g;
    for (size_t i = 0; i < n; i++)
        membership[i] = (long)map[membership[i]];
    free(r);
    free(map);
    return groups;
}

/* ---- igraph calls ------------------------------------------------------- */

static int copy_membership(long *out, const igraph_vector_int_t *m, size_t n)
{
    if ((size_t)igraph_vector_int_size(m) != n)
        return sg_seterr(SG_EINTERNAL,
                         "igraph returned %ld memberships "
                         "for %zu nodes",
                         (long)igraph_vector_int_size(m), n);
    for (size_t i = 0; i < n; i++)
        out[i] = (long)VECTOR(*m)[i];
    return 0;
}

/* Spin-glass with negative ties (IMP_NEG): the only implementation that
 * accepts them (IMP_ORIG asserts and aborts on a negative weight). `g` must
 * be connected; without positive ties everyone stays alone, since nothing
 * pulls anyone together. */
typedef struct {
    const sg_sgraph *g;
    const sg_coalition_options *o;
    double cooling;
} spinglass_job;

static int spinglass_run(void *ctx, long *membership)
{
    const spinglass_job *job = ctx;
    const sg_sgraph *g = job->g;
    const sg_coalition_options *o = job->o;
    double cooling = job->cooling;
    igraph_t graph;
    igraph_vector_t w;
    igraph_vector_int_t memb;
    int rc = sg_ig_graph(&graph, g->n, g->from, g->to, NULL, g->m);
    if (rc)
        return rc;
    if ((rc = sg_ig_vector(&w, g->w, g->m))) {
        igraph_destroy(&graph);
        return rc;
    }
    rc = sg_ig_check(igraph_vector_int_init(&memb, 0), "spinglass");
    if (!rc) {
        igraph_integer_t spins =
            g->n < MAX_SPINS ? (igraph_integer_t)g->n : MAX_SPINS;
        sg_ig_seed(o->seed);
        rc = sg_ig_check(igraph_community_spinglass(
                             &graph, &w, NULL, NULL, &memb, NULL, spins, 0, 1.0,
                             0.01, cooling, IGRAPH_SPINCOMM_UPDATE_CONFIG,
                             o->gamma, IGRAPH_SPINCOMM_IMP_NEG, o->gamma_minus),
                         "spinglass");
        if (!rc)
            rc = copy_membership(membership, &memb, g->n);
        igraph_vector_int_destroy(&memb);
    }
    igraph_vector_destroy(&w);
    igraph_destroy(&graph);
    return rc;
}

/* Signed spin-glass, in a child process: igraph 0.10.2's spin-glass can
 * crash on its own allocation-failure paths (igraph_glue.h). */
static int spinglass(long *membership, const sg_sgraph *g,
                     const sg_coalition_options *o, double cooling)
{
    size_t positive = 0;
    for (size_t e = 0; e < g->m; e++)
        positive += g->w[e] > 0;
    if (g->n < 2 || !positive) {
        singletons(membership, g->n);
        return 0;
    }
    spinglass_job job = {g, o, cooling};
    return sg_ig_isolated(spinglass_run, &job, membership, g->n);
}

/* ---- Leiden and the greedy merge ------------------------------------------
 */

/* Cluster pair -> summed signed weight, open addressing (keys are stored
 * + 1 so that 0 marks a free slot), grown by doubling: it holds the
 * distinct pairs of clusters, far fewer than the ties between them. */
typedef struct {
    uint64_t *key;
    double *val;
    size_t cap, len;
} pairmap;

static void pairmap_free(pairmap *pm)
{
    free(pm->key);
    free(pm->val);
    *pm = (pairmap){0};
}

static size_t pairmap_slot(const pairmap *pm, uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (pm->cap - 1);
    while (pm->key[i] && pm->key[i] != key)
        i = (i + 1) & (pm->cap - 1);
    return i;
}

static int pairmap_add(pairmap *pm, uint64_t key, double w)
{
    key++;
    if ((pm->len + 1) * 2 > pm->cap) {
        pairmap grown = {NULL, NULL, pm->cap ? 2 * pm->cap : 1024, pm->len};
        grown.key = calloc(grown.cap, sizeof *grown.key);
        grown.val = calloc(grown.cap, sizeof *grown.val);
        if (!grown.key || !grown.val) {
            pairmap_free(&grown);
            return sg_seterr(SG_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < pm->cap; i++)
            if (pm->key[i]) {
                size_t j = pairmap_slot(&grown, pm->key[i]);
                grown.key[j] = pm->key[i];
                grown.val[j] = pm->val[i];
            }
        pairmap_free(pm);
        *pm = grown;
    }
    size_t i = pairmap_slot(pm, key);
    pm->len += !pm->key[i];
    pm->key[i] = key;
    pm->val[i] += w;
    return 0;
}

typedef struct {
    uint32_t c, d;
    double gain;
} merge_candidate;

static int cmp_candidate(const void *a, const void *b)
{
    const merge_candidate *x = a, *y = b;
    if (x->gain != y->gain)
        return x->gain > y->gain ? -1 : 1;
    if (x->c != y->c)
        return x->c < y->c ? -1 : 1;
    return (x->d > y->d) - (x->d < y->d);
}

/* The gain of joining clusters c and d under Leiden's objective: their
 * signed tie weight minus the expected positive weight (gamma = 0: the
 * internal signed weight alone). */
static double merge_gain(double between, double kc, double kd, double mplus,
                         double gamma)
{
    return mplus > 0 ? between - gamma * kc * kd / (2 * mplus) : between;
}

/* The pairs of clusters whose joining gains, into *cand (grown, *cap
 * entries) and *ncand: summed from the ties through a pair map, or from
 * the matrix when there is one and few clusters (O(n^2 + k n) adds in
 * order instead of a hash lookup per tie). */
static int merge_candidates(merge_candidate **cand, size_t *cap, size_t *ncand,
                            const long *membership, size_t k,
                            const sg_sgraph *g, const sg_dense_graph *dense,
                            const double *K, double mplus, double gamma)
{
    pairmap pm = {0};
    double *between = NULL;
    int rc = 0;
    size_t have = 0;
    *ncand = 0;
    if (dense && k <= SG_DENSE_BETWEEN_MAX) {
        if (!(between = sg_zalloc(k * k, sizeof *between)))
            return sg_seterr(SG_ENOMEM, "out of memory");
        if ((rc = sg_dense_between(between, dense, membership, k)))
            goto cleanup;
        for (size_t c = 0; c < k; c++)
            for (size_t d = c + 1; d < k; d++)
                have += between[c * k + d] != 0;
    } else {
        for (size_t e = 0; e < g->m; e++) {
            uint64_t c = (uint64_t)membership[g->from[e]];
            uint64_t d = (uint64_t)membership[g->to[e]];
            if (c != d &&
                (rc = pairmap_add(&pm, c < d ? c << 32 | d : d << 32 | c,
                                  g->w[e])))
                goto cleanup;
        }
        have = pm.len;
    }
    if (have > *cap) {
        free(*cand);
        *cap = 0;
        if (!(*cand = sg_zalloc(have, sizeof **cand))) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            goto cleanup;
        }
        *cap = have;
    }
    for (size_t s = 0; between && s < k * k; s++) {
        uint32_t c = (uint32_t)(s / k), d = (uint32_t)(s % k);
        double w = between[s];
        double gain = merge_gain(w, K[c], K[d], mplus, gamma);
        if (c < d && w != 0 && gain > 1e-9 * fabs(w))
            (*cand)[(*ncand)++] = (merge_candidate){c, d, gain};
    }
    for (size_t s = 0; !between && s < pm.cap; s++) {
        if (!pm.key[s])
            continue;
        uint32_t c = (uint32_t)((pm.key[s] - 1) >> 32);
        uint32_t d = (uint32_t)(pm.key[s] - 1);
        double gain = merge_gain(pm.val[s], K[c], K[d], mplus, gamma);
        if (gain > 1e-9 * fabs(pm.val[s]))
            (*cand)[(*ncand)++] = (merge_candidate){c, d, gain};
    }

cleanup:
    pairmap_free(&pm);
    free(between);
    return rc;
}

/* Leiden leaves fragments that would gladly merge: join the best pairs
 * (each cluster at most once per round, so every gain is exact) until no
 * merge improves the objective. O(m) per round (O(n^2) on a matrix). */
static int greedy_merge(long *membership, const sg_sgraph *g,
                        const sg_dense_graph *dense, const double *kplus,
                        double mplus, double gamma)
{
    size_t k = 0, cap = 0;
    for (size_t i = 0; i < g->n; i++)
        if ((size_t)membership[i] + 1 > k)
            k = (size_t)membership[i] + 1;
    double *K = sg_zalloc(k, sizeof *K);
    uint32_t *into = sg_zalloc(k, sizeof *into);
    unsigned char *busy = sg_zalloc(k, 1);
    merge_candidate *cand = NULL;
    int rc = SG_ENOMEM;
    if (!K || !into || !busy) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < g->n; i++)
        K[membership[i]] += kplus[i];
    for (;;) {
        size_t ncand = 0, merged = 0;
        if ((rc = merge_candidates(&cand, &cap, &ncand, membership, k, g,
                                   dense, K, mplus, gamma)))
            goto cleanup;
        if (!ncand)
            break;
        qsort(cand, ncand, sizeof *cand, cmp_candidate);
        for (size_t c = 0; c < k; c++) {
            into[c] = (uint32_t)c;
            busy[c] = 0;
        }
        for (size_t i = 0; i < ncand; i++) {
            if (busy[cand[i].c] || busy[cand[i].d])
                continue;
            busy[cand[i].c] = busy[cand[i].d] = 1;
            into[cand[i].d] = cand[i].c;
            K[cand[i].c] += K[cand[i].d];
            merged++;
        }
        if (!merged)
            break;
        for (size_t i = 0; i < g->n; i++)
            membership[i] = into[membership[i]];
    }
    rc = 0;

cleanup:
    free(cand);
    free(K);
    free(into);
    free(busy);
    return rc;
}

/* Connected components (numbered by their smallest node), with their nodes
 * grouped by a counting sort. */
typedef struct {
    size_t n;
    uint32_t *comp;  /* per node */
    size_t *nstart;  /* n + 1, into order */
    uint32_t *order; /* nodes by component, ascending */
    size_t *edges;   /* per component */
} components;

static void free_components(components *cc);
static int find_components(components *cc, const sg_sgraph *g);

struct sg_leiden_input {
    igraph_t graph;
    igraph_vector_t w, nodew; /* signed tie weights; node weights k+ */
    double *kplus, mplus;     /* k+ per node and the positive total */
    int have_graph, have_w, have_nodew;
    sg_dense_graph *dense; /* instead of igraph's graph where it pays */
    components cc;         /* the same for every run */
};

void sg_leiden_input_free(sg_leiden_input *in)
{
    if (!in)
        return;
    if (in->have_nodew)
        igraph_vector_destroy(&in->nodew);
    if (in->have_w)
        igraph_vector_destroy(&in->w);
    if (in->have_graph)
        igraph_destroy(&in->graph);
    sg_dense_graph_free(in->dense);
    free_components(&in->cc);
    free(in->kplus);
    free(in);
}

int sg_leiden_input_new(sg_leiden_input **out, const sg_sgraph *g)
{
    sg_leiden_input *in = calloc(1, sizeof *in);
    int rc = SG_ENOMEM;
    *out = NULL;
    if (!in || !(in->kplus = sg_zalloc(g->n, sizeof *in->kplus))) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (size_t e = 0; e < g->m; e++)
        if (g->w[e] > 0) {
            in->kplus[g->from[e]] += g->w[e];
            in->kplus[g->to[e]] += g->w[e];
            in->mplus += g->w[e];
        }
    if ((rc = find_components(&in->cc, g)))
        goto cleanup;
    if (sg_dense_pays(g)) {
        if ((rc = sg_dense_graph_new(&in->dense, g)))
            goto cleanup;
        *out = in;
        return 0;
    }
    if ((rc = sg_ig_graph(&in->graph, g->n, g->from, g->to, NULL, g->m)))
        goto cleanup;
    in->have_graph = 1;
    if ((rc = sg_ig_vector(&in->w, g->w, g->m)))
        goto cleanup;
    in->have_w = 1;
    if ((rc = sg_ig_vector(&in->nodew, in->kplus, g->n)))
        goto cleanup;
    in->have_nodew = 1;
    *out = in;
    in = NULL;

cleanup:
    sg_leiden_input_free(in);
    return rc;
}

/* Leiden on signed weights with node weights k+ and resolution
 * gamma / 2m+: Q = sum_in (w_ij - gamma k+_i k+_j / 2m+), the signed
 * modularity with the positive null model. With --gamma 0 this is CPM at
 * resolution 0, i.e. the internal signed weight alone; the null model keeps
 * blocs apart when bipartisan votes make every cross-bloc tie positive.
 * `shared` is g's input when the caller made it (NULL: made here). */
static int leiden(long *membership, const sg_sgraph *g,
                  const sg_coalition_options *o, int quick,
                  const sg_leiden_input *shared)
{
    sg_leiden_input *own = NULL;
    const sg_leiden_input *in = shared;
    igraph_vector_int_t memb;
    int rc;
    if (!in) {
        if ((rc = sg_leiden_input_new(&own, g)))
            return rc;
        in = own;
    }
    double resolution = in->mplus > 0 ? o->gamma / (2 * in->mplus) : 0;
    int iterations = quick                        ? LEIDEN_ITERATIONS_RUN
                     : g->m > LEIDEN_HUGE_TIES ? LEIDEN_ITERATIONS_HUGE
                                               : LEIDEN_ITERATIONS;
    if (in->dense) {
        rc = sg_dense_leiden(membership, in->dense, in->kplus, resolution,
                             LEIDEN_RANDOMNESS, iterations, o->seed);
    } else {
        if ((rc = sg_ig_check(igraph_vector_int_init(&memb, 0), "leiden")))
            goto cleanup;
        sg_ig_seed(o->seed);
        sg_ig_fragile_begin(); /* its failure path frees twice */
        igraph_error_t err = igraph_community_leiden(
            &in->graph, &in->w, &in->nodew, resolution, LEIDEN_RANDOMNESS,
            0, iterations, &memb, NULL, NULL);
        sg_ig_fragile_end();
        rc = sg_ig_check(err, "leiden");
        if (!rc)
            rc = copy_membership(membership, &memb, g->n);
        igraph_vector_int_destroy(&memb);
    }
    if (!rc)
        rc = greedy_merge(membership, g, in->dense, in->kplus, in->mplus,
                          o->gamma);

cleanup:
    sg_leiden_input_free(own);
    return rc;
}

/* ---- positive-tie methods ----------------------------------------------- */

/* Louvain, walktrap, fast greedy and label propagation reject negative
 * weights: they see the positive ties only. Label propagation truncates
 * weights to integers, so they are scaled to at most 1e6 first. */
static int positive_method(long *membership, const sg_sgraph *g,
                           const sg_coalition_options *o)
{
    size_t *sel = sg_zalloc(g->m, sizeof *sel), mp = 0;
    double *wp = sg_zalloc(g->m, sizeof *wp), wmax = 0;
    igraph_t graph;
    igraph_vector_t w, modularity;
    igraph_vector_int_t memb;
    igraph_matrix_int_t merges;
    int have_graph = 0, have_vectors = 0;
    int rc = SG_ENOMEM;
    if (!sel || !wp) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (size_t e = 0; e < g->m; e++)
        if (g->w[e] > 0) {
            sel[mp] = e;
            wp[mp++] = g->w[e];
            wmax = g->w[e] > wmax ? g->w[e] : wmax;
        }
    if (!mp) {
        singletons(membership, g->n);
        rc = 0;
        goto cleanup;
    }
    if (o->method == SG_METHOD_LABELPROP)
        for (size_t e = 0; e < mp; e++)
            wp[e] = ceil(wp[e] * 1e6 / wmax);
    if ((rc = sg_ig_graph(&graph, g->n, g->from, g->to, sel, mp)))
        goto cleanup;
    have_graph = 1;
    if ((rc = sg_ig_vector(&w, wp, mp)))
        goto cleanup;
    /* Each object is destroyed only once it was made. */
    if ((rc = sg_ig_check(igraph_vector_init(&modularity, 0), "community"))) {
        igraph_vector_destroy(&w);
        goto cleanup;
    }
    if ((rc = sg_ig_check(igraph_vector_int_init(&memb, 0), "community"))) {
        igraph_vector_destroy(&w);
        igraph_vector_destroy(&modularity);
        goto cleanup;
    }
    if ((rc = sg_ig_check(igraph_matrix_int_init(&merges, 0, 0), "community"))) {
        igraph_vector_destroy(&w);
        igraph_vector_destroy(&modularity);
        igraph_vector_int_destroy(&memb);
        goto cleanup;
    }
    have_vectors = 1;
    sg_ig_seed(o->seed);
    switch (o->method) {
    case SG_METHOD_LOUVAIN:
        rc = sg_ig_check(igraph_community_multilevel(&graph, &w, o->gamma,
                                                     &memb, NULL, NULL),
                         "louvain");
        break;
    case SG_METHOD_WALKTRAP:
        rc = sg_ig_check(igraph_community_walktrap(&graph, &w, 4, &merges,
                                                   &modularity, &memb),
                         "walktrap");
        break;
    case SG_METHOD_FASTGREEDY:
        rc = sg_ig_check(igraph_community_fastgreedy(&graph, &w, &merges,
                                                     &modularity, &memb),
                         "fastgreedy");
        break;
    default:
        rc = sg_ig_check(igraph_community_label_propagation(
                             &graph, &memb, IGRAPH_ALL, &w, NULL, NULL),
                         "labelprop");
        break;
    }
    if (!rc)
        rc = copy_membership(membership, &memb, g->n);

cleanup:
    if (have_vectors) {
        igraph_vector_destroy(&w);
        igraph_vector_destroy(&modularity);
        igraph_vector_int_destroy(&memb);
        igraph_matrix_int_destroy(&merges);
    }
    if (have_graph)
        igraph_destroy(&graph);
    free(sel);
    free(wp);
    return rc;
}

/* ---- components -----------------------------------------------------------
 */

uint32_t sg_find_root(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

void sg_unite(uint32_t *parent, uint32_t a, uint32_t b)
{
    uint32_t x = sg_find_root(parent, a), y = sg_find_root(parent, b);
    if (x != y)
        parent[x > y ? x : y] = x < y ? x : y;
}

static void free_components(components *cc)
{
    free(cc->comp);
    free(cc->nstart);
    free(cc->order);
    free(cc->edges);
}

static int find_components(components *cc, const sg_sgraph *g)
{
    uint32_t *parent = sg_zalloc(g->n, sizeof *parent);
    cc->comp = sg_zalloc(g->n, sizeof *cc->comp);
    cc->nstart = sg_zalloc(g->n + 1, sizeof *cc->nstart);
    cc->order = sg_zalloc(g->n, sizeof *cc->order);
    cc->edges = sg_zalloc(g->n, sizeof *cc->edges);
    if (!parent || !cc->comp || !cc->nstart || !cc->order || !cc->edges) {
        free(parent);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < g->n; i++)
        parent[i] = (uint32_t)i;
    for (size_t e = 0; e < g->m; e++)
        sg_unite(parent, g->from[e], g->to[e]);
    cc->n = 0;
    for (size_t i = 0; i < g->n; i++) {
        uint32_t r = sg_find_root(parent, (uint32_t)i);
        cc->comp[i] = r == i ? (uint32_t)cc->n++ : cc->comp[r];
        cc->nstart[cc->comp[i] + 1]++;
    }
    for (size_t c = 0; c < cc->n; c++)
        cc->nstart[c + 1] += cc->nstart[c];
    free(parent);
    size_t *next = sg_zalloc(cc->n + 1, sizeof *next);
    if (!next)
        return sg_seterr(SG_ENOMEM, "out of memory");
    memcpy(next, cc->nstart, (cc->n + 1) * sizeof *next);
    for (size_t i = 0; i < g->n; i++)
        cc->order[next[cc->comp[i]]++] = (uint32_t)i;
    free(next);
    for (size_t e = 0; e < g->m; e++)
        cc->edges[cc->comp[g->from[e]]]++;
    return 0;
}

/* What to do with one component: memb receives its partition in local
 * numbering; nodes maps local to global. */
typedef int (*component_fn)(long *memb, const sg_sgraph *sub,
                            const uint32_t *nodes, void *ctx);

/* Run fn on every component with selected[c], in local numbering, giving
 * each result fresh ids from *next_id on. Only the selected components'
 * edges are copied. */
static int each_component(long *membership, long *next_id, const sg_sgraph *g,
                          const components *cc, const unsigned char *selected,
                          component_fn fn, void *ctx)
{
    size_t maxn = 0, maxm = 0, total = 0;
    for (size_t c = 0; c < cc->n; c++)
        if (selected[c]) {
            size_t n = cc->nstart[c + 1] - cc->nstart[c];
            maxn = n > maxn ? n : maxn;
            maxm = cc->edges[c] > maxm ? cc->edges[c] : maxm;
            total += cc->edges[c];
        }
    size_t *estart = sg_zalloc(cc->n + 1, sizeof *estart);
    size_t *eorder = sg_zalloc(total, sizeof *eorder);
    uint32_t *local = sg_zalloc(g->n, sizeof *local);
    uint32_t *from = sg_zalloc(maxm, sizeof *from);
    uint32_t *to = sg_zalloc(maxm, sizeof *to);
    double *w = sg_zalloc(maxm, sizeof *w);
    long *memb = sg_zalloc(maxn, sizeof *memb);
    int rc = SG_ENOMEM;
    if (!estart || !eorder || !local || !from || !to || !w || !memb) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (size_t c = 0; c < cc->n; c++)
        estart[c + 1] = estart[c] + (selected[c] ? cc->edges[c] : 0);
    for (size_t e = 0; e < g->m; e++) {
        uint32_t c = cc->comp[g->from[e]];
        if (selected[c])
            eorder[estart[c]++] = e;
    }
    /* The fill moved each start to the next one's: shift back. */
    for (size_t c = cc->n; c > 0; c--)
        estart[c] = estart[c - 1];
    estart[0] = 0;
    rc = 0;
    for (size_t c = 0; c < cc->n && !rc; c++) {
        if (!selected[c])
            continue;
        const uint32_t *nodes = cc->order + cc->nstart[c];
        sg_sgraph sub = {cc->nstart[c + 1] - cc->nstart[c], cc->edges[c], from,
                         to, w};
        for (size_t t = 0; t < sub.n; t++)
            local[nodes[t]] = (uint32_t)t;
        for (size_t t = 0; t < sub.m; t++) {
            size_t e = eorder[estart[c] + t];
            from[t] = local[g->from[e]];
            to[t] = local[g->to[e]];
            w[t] = g->w[e];
        }
        if ((rc = fn(memb, &sub, nodes, ctx)))
            break;
        long top = 0;
        for (size_t t = 0; t < sub.n; t++) {
            membership[nodes[t]] = *next_id + memb[t];
            top = memb[t] + 1 > top ? memb[t] + 1 : top;
        }
        *next_id += top;
    }

cleanup:
    free(estart);
    free(eorder);
    free(local);
    free(from);
    free(to);
    free(w);
    free(memb);
    return rc;
}

static int careful_spinglass(long *memb, const sg_sgraph *sub,
                             const uint32_t *nodes, void *ctx)
{
    (void)nodes;
    return spinglass(memb, sub, ctx, COOLING_CAREFUL);
}

/* AUTO on one small component: spin-glass, kept when its signed quality
 * (spin-glass's own objective) is at least that of Leiden's partition of
 * the same nodes, which is renumbered locally otherwise. */
typedef struct {
    const sg_coalition_options *o;
    const long *leiden; /* whole-graph Leiden membership */
    long *remap;        /* Leiden id -> local id, -1 when unset */
    long *scratch;      /* Leiden's partition, local */
    size_t spinglass_won, leiden_won;
    double cooling;
} auto_job;

static int auto_small(long *memb, const sg_sgraph *sub, const uint32_t *nodes,
                      void *ctx)
{
    auto_job *job = ctx;
    long next = 0;
    for (size_t t = 0; t < sub->n; t++) {
        long id = job->leiden[nodes[t]];
        if (job->remap[id] < 0)
            job->remap[id] = next++;
        job->scratch[t] = job->remap[id];
    }
    for (size_t t = 0; t < sub->n; t++)
        job->remap[job->leiden[nodes[t]]] = -1;
    int rc = spinglass(memb, sub, job->o, job->cooling);
    if (rc)
        return rc;
    double q_spin, q_leiden;
    if ((rc = sg_signed_quality(&q_spin, sub, memb, job->o->gamma,
                                job->o->gamma_minus)) ||
        (rc = sg_signed_quality(&q_leiden, sub, job->scratch, job->o->gamma,
                                job->o->gamma_minus)))
        return rc;
    if (q_spin >= q_leiden - 1e-12 || isnan(q_leiden)) {
        job->spinglass_won++;
    } else {
        memcpy(memb, job->scratch, sub->n * sizeof *memb);
        job->leiden_won++;
    }
    return 0;
}

/* Whether AUTO also runs spin-glass on a component of n nodes and `ties`
 * ties. */
static int spinglass_fits(size_t n, size_t ties, int quick)
{
    return n >= 2 && n <= SG_SPINGLASS_MAX_NODES &&
           ties <= (quick ? SG_SPINGLASS_RUN_MAX_TIES : SG_SPINGLASS_MAX_TIES);
}

int sg_leiden_input_pure(const sg_leiden_input *in,
                         const sg_coalition_options *o, int quick)
{
    if (!in->dense || (o->method != SG_METHOD_AUTO &&
                       o->method != SG_METHOD_LEIDEN))
        return 0;
    for (size_t c = 0; o->method == SG_METHOD_AUTO && c < in->cc.n; c++)
        if (spinglass_fits(in->cc.nstart[c + 1] - in->cc.nstart[c],
                           in->cc.edges[c], quick))
            return 0;
    return 1;
}

/* AUTO: Leiden on the whole graph, then spin-glass on every component small
 * enough for it (see SG_SPINGLASS_MAX_*), keeping the better partition of
 * each. Only small components are copied, so a giant component costs no
 * extra memory. */
static int auto_partition(long *membership, sg_method *used, const sg_sgraph *g,
                          const sg_coalition_options *o, int quick,
                          const sg_leiden_input *in)
{
    sg_leiden_input *own = NULL;
    unsigned char *small = NULL;
    auto_job job = {o,
                    membership,
                    sg_zalloc(g->n, sizeof(long)),
                    sg_zalloc(g->n, sizeof(long)),
                    0,
                    0,
                    quick ? COOLING_RUN : COOLING_QUICK};
    /* Leiden's input holds the components too: made here when the
     * caller has none, for both. */
    int rc = in ? 0 : sg_leiden_input_new(&own, g);
    const sg_leiden_input *input = in ? in : own;
    if (rc || (rc = leiden(membership, g, o, quick, input)))
        goto cleanup;
    const components *comps = &input->cc;
    small = sg_zalloc(comps->n, 1);
    if (!small || !job.remap || !job.scratch) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    long next = 0;
    for (size_t i = 0; i < g->n; i++) {
        job.remap[i] = -1;
        next = membership[i] + 1 > next ? membership[i] + 1 : next;
    }
    for (size_t c = 0; c < comps->n; c++) {
        size_t n = comps->nstart[c + 1] - comps->nstart[c];
        small[c] = spinglass_fits(n, comps->edges[c], quick);
        job.leiden_won += n >= 2 && !small[c];
    }
    /* Results land in a copy: auto_small reads Leiden's membership. */
    long *result = sg_zalloc(g->n, sizeof *result);
    if (!result) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    memcpy(result, membership, g->n * sizeof *result);
    rc = each_component(result, &next, g, comps, small, auto_small, &job);
    if (!rc)
        memcpy(membership, result, g->n * sizeof *result);
    free(result);
    /* AUTO stays AUTO when both won somewhere, or nothing ran. */
    if (!job.spinglass_won != !job.leiden_won)
        *used = job.leiden_won ? SG_METHOD_LEIDEN : SG_METHOD_SPINGLASS;

cleanup:
    sg_leiden_input_free(own);
    free(small);
    free(job.remap);
    free(job.scratch);
    return rc;
}

/* Spin-glass refuses disconnected graphs: one run per component. */
static int spinglass_components(long *membership, const sg_sgraph *g,
                                const sg_coalition_options *o)
{
    components cc = {0};
    long next = 0;
    int rc = find_components(&cc, g);
    unsigned char *all = sg_zalloc(cc.n, 1);
    if (!rc && !all)
        rc = sg_seterr(SG_ENOMEM, "out of memory");
    if (!rc) {
        memset(all, 1, cc.n);
        rc = each_component(membership, &next, g, &cc, all, careful_spinglass,
                            (void *)o);
    }
    free(all);
    free_components(&cc);
    return rc;
}

int sg_partition(long *membership, size_t *ncoal, sg_method *used,
                 const sg_sgraph *g, const sg_coalition_options *o)
{
    return sg_partition_run(membership, ncoal, used, g, o, 0, NULL);
}

int sg_partition_run(long *membership, size_t *ncoal, sg_method *used,
                     const sg_sgraph *g, const sg_coalition_options *o,
                     int quick, const sg_leiden_input *in)
{
    int rc = 0;
    *ncoal = 0;
    *used = o->method;
    switch (o->method) {
    case SG_METHOD_AUTO:
        rc = auto_partition(membership, used, g, o, quick, in);
        break;
    case SG_METHOD_SPINGLASS:
        rc = spinglass_components(membership, g, o);
        break;
    case SG_METHOD_LEIDEN: rc = leiden(membership, g, o, quick, in); break;
    case SG_METHOD_NONE: singletons(membership, g->n); break;
    default: rc = positive_method(membership, g, o); break;
    }
    if (rc)
        return rc;
    size_t k = sg_relabel(membership, g->n);
    if (k == (size_t)-1)
        return SG_ENOMEM;
    *ncoal = k;
    return 0;
}
