/* Ideal points from the signed actor x proposal matrix: a two-parameter
 * logistic item-response model fitted by maximum a posteriori with
 * alternating Newton steps, on the observed cells only (see scale.h).
 *
 * Why this method: on planted spatial-voting corpora (tools/gen-corpus
 * --spatial) it recovers the planted points with r 0.998 in one dimension
 * where the leading singular vector of the centred matrix reaches 0.986,
 * and on the 109th Senate it matches pscl's Bayesian ideal() with r 0.999
 * (the singular vector: 0.972). Lopsided votes and actors with few votes
 * bend a linear decomposition; a logistic model takes them as they are. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/parallel.h"
#include "model/util.h"
#include "network/pairs.h"
#include "stancegraph/scale.h"

#define MAXD 2

/* The inner loops of the start and the fit are written once for any dimension d and inlined
 * for d = 1 and d = 2, so that the compiler unrolls the small products.
 * The arithmetic is the same in either form. */
#if defined(__GNUC__)
#define HOT static inline __attribute__((always_inline))
#else
#define HOT static inline
#endif

/* Prior precisions of pscl's ideal: x ~ N(0, 1), a and b ~ N(0, 25). */
#define PRIOR_X 1.0
#define PRIOR_ITEM 0.04
/* A Newton step moves no coordinate further than this: a proposal that
 * only a few actors voted on can ask for a huge first step. */
#define MAX_STEP 1.0
/* Newton steps shorter than this are taken without a line search. */
#define TRUSTED_STEP 0.05
#define SVD_ITERATIONS 30
/* A second dimension the votes do not identify: the centred matrix's
 * second eigenvalue (of its cross-product) is below this share of the
 * first, i.e. one pattern of votes, up to rounding, explains them all (two
 * actors, one divided proposal, or proposals that all cut alike). Fitting
 * it anyway standardises rounding noise to unit spread. */
#define RANK_TOLERANCE 1e-10
/* ... or the fitted second dimension has (numerically) no spread. */
#define SPREAD_TOLERANCE 1e-12
/* ... or when the log-likelihood gains less than this share in a pass. */
#define FIT_TOLERANCE 1e-6

struct sg_scale_priv {
    sg_arena arena;
    size_t *actor_entity, *actor_votes, *proposal_entity, *yea, *nay;
    double *actor_pos, *actor_se, *proposal_pos, *proposal_disc;
    int *proposal_polarity, *proposal_lopsided;
    const char **actor_id, **proposal_id;
};

void sg_scale_options_init(sg_scale_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->dimensions = 1;
    opts->lopsided = 0.025;
    opts->min_votes = 1;
    opts->max_iterations = 500;
    opts->tolerance = 1e-4;
}

void sg_scale_free(sg_scale *s)
{
    if (!s)
        return;
    sg_scale_priv *p = s->priv;
    if (p) {
        sg_arena_free(&p->arena);
        free(p->actor_entity);
        free(p->actor_votes);
        free(p->proposal_entity);
        free(p->yea);
        free(p->nay);
        free(p->actor_pos);
        free(p->actor_se);
        free(p->proposal_pos);
        free(p->proposal_disc);
        free(p->proposal_polarity);
        free(p->proposal_lopsided);
        free(p->actor_id);
        free(p->proposal_id);
        free(p);
    }
    free(s);
}

/* Solve the symmetric positive definite system h s = g of size n <= 3 in
 * place (Gaussian elimination; the priors keep the pivots positive). */
static void solve_spd(double h[3][3], double g[3], int n, double s[3])
{
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++) {
            double f = h[b][a] / h[a][a];
            for (int c = a; c < n; c++)
                h[b][c] -= f * h[a][c];
            g[b] -= f * g[a];
        }
    for (int a = n - 1; a >= 0; a--) {
        double acc = g[a];
        for (int c = a + 1; c < n; c++)
            acc -= h[a][c] * s[c];
        s[a] = acc / h[a][a];
    }
}

/* The working data: votes on the kept proposals, by actor and by
 * proposal. The fit's passes read only the packed lists: each used vote
 * once per side as (other index << 1 | support), in the order of the pairs,
 * so a pass streams through 4 bytes a vote instead of chasing pair indices
 * and skipping the unused ones (the sums, and so the numbers, are the
 * same). */
typedef struct {
    const sg_pairs *p;
    int d;
    size_t na, np;
    int8_t *vote;          /* per pair: +1, -1, or 0 = not used */
    size_t *pstart;        /* np + 1: into pvote */
    uint32_t *pvote;       /* by proposal: actor << 1 | (vote > 0) */
    size_t *astart;        /* na + 1: into avote */
    uint32_t *avote;       /* by actor: proposal << 1 | (vote > 0) */
    unsigned char *active; /* per actor: scaled */
    unsigned char *kept;   /* per proposal: scaled */
    double *x;             /* na x d */
    double *item;          /* np x (d + 1): a_j, b_j */
} fit;

/* Deterministic start values in (-0.5, 0.5): a multiplicative hash. */
static double start_value(size_t i, int k)
{
    uint64_t h = ((uint64_t)i + 1) * 0x9E3779B97F4A7C15ULL ^
                 ((uint64_t)k + 1) * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    return (double)(h >> 11) / 9007199254740992.0 - 0.5;
}

/* Centre and scale each dimension of x over the active actors to sd 1;
 * 0 when a dimension has no spread. */
static int standardise(fit *f)
{
    size_t n = 0;
    double mean[MAXD] = {0}, ss[MAXD] = {0};
    for (size_t i = 0; i < f->na; i++)
        if (f->active[i]) {
            n++;
            for (int k = 0; k < f->d; k++)
                mean[k] += f->x[i * f->d + k];
        }
    if (n < 2)
        return 0;
    for (int k = 0; k < f->d; k++)
        mean[k] /= (double)n;
    for (size_t i = 0; i < f->na; i++)
        for (int k = 0; k < f->d; k++) {
            double *v = &f->x[i * f->d + k];
            *v = f->active[i] ? *v - mean[k] : 0;
            ss[k] += *v * *v;
        }
    for (int k = 0; k < f->d; k++) {
        double sd = sqrt(ss[k] / (double)n);
        if (!(sd > 1e-12))
            return 0;
        for (size_t i = 0; i < f->na; i++)
            f->x[i * f->d + k] /= sd;
    }
    return 1;
}

/* Write the positions standardised per dimension into z (na x d) and
 * return the largest change against what z held. */
static double standardised_copy(const fit *f, double *z)
{
    size_t n = 0;
    double mean[MAXD] = {0}, ss[MAXD] = {0}, moved = 0;
    int d = f->d;
    for (size_t i = 0; i < f->na; i++)
        if (f->active[i]) {
            n++;
            for (int k = 0; k < d; k++)
                mean[k] += f->x[i * d + k];
        }
    for (int k = 0; k < d; k++)
        mean[k] /= (double)(n ? n : 1);
    for (size_t i = 0; i < f->na; i++)
        if (f->active[i])
            for (int k = 0; k < d; k++) {
                double v = f->x[i * d + k] - mean[k];
                ss[k] += v * v;
            }
    for (int k = 0; k < d; k++) {
        double sd = sqrt(ss[k] / (double)(n ? n : 1));
        if (!(sd > 0))
            sd = 1;
        for (size_t i = 0; i < f->na; i++) {
            if (!f->active[i])
                continue;
            double v = (f->x[i * d + k] - mean[k]) / sd;
            double *old = &z[i * d + k];
            moved = fmax(moved, fabs(v - *old));
            *old = v;
        }
    }
    return moved;
}

/* One step of the subspace iteration: x <- C C^T x for the centred vote
 * matrix C (actors x proposals), through work_p = C^T x. */
HOT void svd_product(fit *f, const double *mean, double *work_p, int d)
{
    memset(work_p, 0, f->np * (size_t)d * sizeof *work_p);
    for (size_t i = 0; i < f->na; i++)
        for (size_t q = f->astart[i]; q < f->astart[i + 1]; q++) {
            size_t j = f->avote[q] >> 1;
            double r = ((f->avote[q] & 1) ? 1 : -1) - mean[j];
            for (int k = 0; k < d; k++)
                work_p[j * d + k] += r * f->x[i * d + k];
        }
    for (size_t i = 0; i < f->na; i++) {
        double acc[MAXD] = {0};
        for (size_t q = f->astart[i]; q < f->astart[i + 1]; q++) {
            size_t j = f->avote[q] >> 1;
            double r = ((f->avote[q] & 1) ? 1 : -1) - mean[j];
            for (int k = 0; k < d; k++)
                acc[k] += r * work_p[j * d + k];
        }
        for (int k = 0; k < d; k++)
            f->x[i * d + k] = acc[k];
    }
}

/* Start: the leading left singular vectors of the matrix of votes minus
 * each proposal's mean vote (missing cells 0), by subspace iteration.
 * Returns how many of the f->d dimensions the matrix identifies: 0 when it
 * has no spread, k < f->d when the (k+1)-th eigenvalue is negligible
 * (RANK_TOLERANCE); x is then not a usable start. */
static int svd_start(fit *f, double *work_p)
{
    int d = f->d;
    double *mean = f->item; /* borrowed: overwritten by the fit later */
    for (size_t j = 0; j < f->np; j++) {
        double s = 0;
        size_t n = f->pstart[j + 1] - f->pstart[j];
        for (size_t q = f->pstart[j]; q < f->pstart[j + 1]; q++)
            s += (f->pvote[q] & 1) ? 1 : -1;
        mean[j] = n ? s / (double)n : 0;
    }
    for (size_t i = 0; i < f->na; i++)
        for (int k = 0; k < d; k++)
            f->x[i * d + k] = f->active[i] ? start_value(i, k) : 0;
    for (int it = 0; it < SVD_ITERATIONS; it++) {
        if (d == 1)
            svd_product(f, mean, work_p, 1);
        else
            svd_product(f, mean, work_p, 2);
        /* Gram-Schmidt: dim2 orthogonal to dim1, both of unit length. In
         * the last pass the lengths before normalising are the
         * eigenvalues. */
        double first = 0;
        for (int k = 0; k < d; k++) {
            for (int l = 0; l < k; l++) {
                double dot = 0;
                for (size_t i = 0; i < f->na; i++)
                    dot += f->x[i * d + k] * f->x[i * d + l];
                for (size_t i = 0; i < f->na; i++)
                    f->x[i * d + k] -= dot * f->x[i * d + l];
            }
            double norm = 0;
            for (size_t i = 0; i < f->na; i++)
                norm += f->x[i * d + k] * f->x[i * d + k];
            norm = sqrt(norm);
            if (k == 0)
                first = norm;
            if (!(norm > 1e-300))
                return k;
            if (k > 0 && it == SVD_ITERATIONS - 1 &&
                norm <= RANK_TOLERANCE * first)
                return k;
            for (size_t i = 0; i < f->na; i++)
                f->x[i * d + k] /= norm;
        }
    }
    return standardise(f) ? d : 0;
}

/* log sigma(z) without overflow. */
static double log_logistic(double z)
{
    return z >= 0 ? -log1p(exp(-z)) : z - log1p(exp(z));
}


/* a + b.x for the parameters t = (a, b_1..b_d). */
HOT double linear(const double *t, const double *x, int d)
{
    double e = t[0];
    for (int k = 0; k < d; k++)
        e += t[k + 1] * x[k];
    return e;
}

/* sigma(e) and, with `ll`, log sigma(+-e) (the sign of the vote), from
 * one exp: u = exp(-|e|), the form that neither overflows nor loses the
 * small probabilities, and what log_logistic() computes too, so the two
 * give the same log sigma to the bit. */
HOT double logistic_ll(double e, int yes, double *ll)
{
    double u = exp(-fabs(e));
    if (ll) {
        double l = log1p(u);
        if (yes)
            *ll = e >= 0 ? -l : e - l;
        else
            *ll = e <= 0 ? -l : -e - l;
    }
    return e >= 0 ? 1.0 / (1.0 + u) : u / (1.0 + u);
}

HOT double item_objective_d(const fit *f, size_t j, const double *t, int d)
{
    double lp = 0;
    for (size_t q = f->pstart[j]; q < f->pstart[j + 1]; q++) {
        uint32_t v = f->pvote[q];
        double e = linear(t, f->x + (size_t)(v >> 1) * d, d);
        lp += log_logistic((v & 1) ? e : -e);
    }
    for (int a = 0; a <= d; a++)
        lp -= 0.5 * PRIOR_ITEM * t[a] * t[a];
    return lp;
}

/* Log posterior of proposal j's parameters t given the actors. */
static double item_objective(const fit *f, size_t j, const double *t)
{
    return f->d == 1 ? item_objective_d(f, j, t, 1)
                     : item_objective_d(f, j, t, 2);
}

HOT double actor_objective_d(const fit *f, size_t i, const double *x, int d)
{
    int n = d + 1;
    double lp = 0;
    for (size_t q = f->astart[i]; q < f->astart[i + 1]; q++) {
        uint32_t v = f->avote[q];
        double e = linear(f->item + (size_t)(v >> 1) * n, x, d);
        lp += log_logistic((v & 1) ? e : -e);
    }
    for (int k = 0; k < d; k++)
        lp -= 0.5 * PRIOR_X * x[k] * x[k];
    return lp;
}

/* Log posterior of actor i at x given the proposals. */
static double actor_objective(const fit *f, size_t i, const double *x)
{
    return f->d == 1 ? actor_objective_d(f, i, x, 1)
                     : actor_objective_d(f, i, x, 2);
}

/* Move the n parameters at v along the Newton step s, halving the step
 * until the log posterior does not fall: each block's posterior is
 * concave, so the fit climbs monotonically and cannot oscillate. `start`
 * is the log posterior at v when the caller has it (the same sum the
 * objective would make), else NaN. Returns the largest coordinate move. */
static double line_search(const fit *f, size_t index, double *v, int n,
                          const double *s, int is_item, double start)
{
    double old[3], before, scale = 1;
    double cap = 0;
    for (int a = 0; a < n; a++)
        cap = fmax(cap, fabs(s[a]));
    if (cap <= TRUSTED_STEP) {
        /* Close to the block's optimum Newton is safe: no check, which
         * saves a pass over the votes on most updates. */
        for (int a = 0; a < n; a++)
            v[a] += s[a];
        return cap;
    }
    memcpy(old, v, (size_t)n * sizeof *v);
    before = !isnan(start) ? start
             : is_item   ? item_objective(f, index, v)
                         : actor_objective(f, index, v);
    if (cap > MAX_STEP)
        scale = MAX_STEP / cap;
    for (int tries = 0; tries < 30; tries++, scale /= 2) {
        for (int a = 0; a < n; a++)
            v[a] = old[a] + scale * s[a];
        double after = is_item ? item_objective(f, index, v)
                               : actor_objective(f, index, v);
        if (after >= before)
            return scale * cap;
    }
    memcpy(v, old, (size_t)n * sizeof *v);
    return 0;
}

/* Gradient g and Hessian h (of the negative log posterior, both triangles
 * summed as they come: solve_spd reads both) of proposal j's votes given
 * the actors; returns their log-likelihood. */
HOT double item_curvature_d(const fit *f, size_t j, double h[3][3],
                            double g[3], int d)
{
    int n = d + 1;
    const double *t = f->item + j * (size_t)n;
    double loglik = 0;
    for (size_t q = f->pstart[j]; q < f->pstart[j + 1]; q++) {
        uint32_t v = f->pvote[q];
        const double *x = f->x + (size_t)(v >> 1) * d;
        double z[3] = {1, 0, 0}, ll;
        for (int k = 0; k < d; k++)
            z[k + 1] = x[k];
        double e = linear(t, x, d);
        double pr = logistic_ll(e, (int)(v & 1), &ll), w = pr * (1 - pr);
        double r = (double)(v & 1) - pr;
        loglik += ll;
        for (int a = 0; a < n; a++) {
            g[a] += r * z[a];
            for (int b = 0; b < n; b++)
                h[a][b] += w * z[a] * z[b];
        }
    }
    return loglik;
}

/* One Newton step for proposal j's (a_j, b_j) given the actors; returns
 * the log-likelihood of its votes before the step. */
static double update_item(fit *f, size_t j)
{
    int n = f->d + 1;
    double g[3] = {0}, h[3][3] = {{0}}, s[3];
    double *t = f->item + j * (size_t)n;
    double loglik = f->d == 1 ? item_curvature_d(f, j, h, g, 1)
                              : item_curvature_d(f, j, h, g, 2);
    /* The log posterior at t, summed as item_objective() sums it, so that
     * a line search need not pass over the votes once more to get it. */
    double post = loglik;
    for (int a = 0; a < n; a++) {
        post -= 0.5 * PRIOR_ITEM * t[a] * t[a];
        g[a] -= PRIOR_ITEM * t[a];
        h[a][a] += PRIOR_ITEM;
    }
    solve_spd(h, g, n, s);
    line_search(f, j, t, n, s, 1, post);
    return loglik;
}

HOT void actor_curvature_d(const fit *f, size_t i, double h[3][3],
                           double g[3], int d)
{
    int n = d + 1;
    const double *x = f->x + i * (size_t)d;
    for (size_t q = f->astart[i]; q < f->astart[i + 1]; q++) {
        uint32_t v = f->avote[q];
        const double *t = f->item + (size_t)(v >> 1) * n;
        double pr = logistic_ll(linear(t, x, d), 0, NULL), w = pr * (1 - pr);
        double r = (double)(v & 1) - pr;
        for (int a = 0; a < d; a++) {
            g[a] += r * t[a + 1];
            for (int b = 0; b < d; b++)
                h[a][b] += w * t[a + 1] * t[b + 1];
        }
    }
}

/* The actor's Hessian of the negative log posterior (d x d) and gradient
 * of the log posterior, given the proposals. */
static void actor_curvature(const fit *f, size_t i, double h[3][3],
                            double g[3])
{
    int d = f->d;
    memset(h, 0, 9 * sizeof(double));
    memset(g, 0, 3 * sizeof(double));
    if (d == 1)
        actor_curvature_d(f, i, h, g, 1);
    else
        actor_curvature_d(f, i, h, g, 2);
    for (int a = 0; a < d; a++) {
        g[a] -= PRIOR_X * f->x[i * d + a];
        h[a][a] += PRIOR_X;
    }
}

/* One Newton step for actor i; returns the largest move. */
static double update_actor(fit *f, size_t i)
{
    double h[3][3], g[3], s[3];
    actor_curvature(f, i, h, g);
    solve_spd(h, g, f->d, s);
    return line_search(f, i, f->x + i * (size_t)f->d, f->d, s, 0, NAN);
}

/* One sweep over the proposals (items) or the actors on threads: each
 * update reads the other side only and writes its own parameters, so any
 * split gives the same numbers, and the log-likelihood is summed in
 * proposal order afterwards, as one thread would. */
#define SWEEP_CHUNK 256
/* Actors are few but each has many votes: smaller tasks keep both
 * threads busy to the end of the sweep. */
#define ACTOR_CHUNK 16

typedef struct {
    fit *f;
    double *loglik; /* per proposal */
    int items;
    size_t count;
} sweep_job;

static int sweep_task(void *ctx, size_t t, unsigned worker)
{
    sweep_job *s = ctx;
    size_t chunk = s->items ? SWEEP_CHUNK : ACTOR_CHUNK;
    size_t lo = t * chunk, hi = lo + chunk;
    (void)worker;
    for (size_t k = lo; k < hi && k < s->count; k++) {
        if (s->items && s->f->kept[k])
            s->loglik[k] = update_item(s->f, k);
        else if (!s->items && s->f->active[k])
            update_actor(s->f, k);
    }
    return 0;
}

/* Returns the log-likelihood of the kept votes before the items' steps
 * (items), or 0 (actors). */
static double sweep(fit *f, double *loglik, int items)
{
    sweep_job s = {f, loglik, items, items ? f->np : f->na};
    size_t chunk = items ? SWEEP_CHUNK : ACTOR_CHUNK;
    size_t ntasks = (s.count + chunk - 1) / chunk;
    double sum = 0;
    /* The tasks cannot fail. */
    sg_parallel_run(ntasks, sg_parallel_workers(ntasks), sweep_task, &s);
    for (size_t j = 0; items && j < f->np; j++)
        if (f->kept[j])
            sum += loglik[j];
    return sum;
}

/* ---- result ------------------------------------------------------------- */

static int alloc_result(sg_scale *s, const sg_pairs *p, int d)
{
    sg_scale_priv *v = s->priv;
    size_t na = p->nactors, np = p->nproposals;
    v->actor_entity = sg_zalloc(na, sizeof *v->actor_entity);
    v->actor_votes = sg_zalloc(na, sizeof *v->actor_votes);
    v->proposal_entity = sg_zalloc(np, sizeof *v->proposal_entity);
    v->yea = sg_zalloc(np, sizeof *v->yea);
    v->nay = sg_zalloc(np, sizeof *v->nay);
    v->actor_pos = sg_zalloc(na * (size_t)d, sizeof *v->actor_pos);
    v->actor_se = sg_zalloc(na * (size_t)d, sizeof *v->actor_se);
    v->proposal_pos = sg_zalloc(np * (size_t)d, sizeof *v->proposal_pos);
    v->proposal_disc = sg_zalloc(np, sizeof *v->proposal_disc);
    v->proposal_polarity = sg_zalloc(np, sizeof *v->proposal_polarity);
    v->proposal_lopsided = sg_zalloc(np, sizeof *v->proposal_lopsided);
    v->actor_id = sg_zalloc(na, sizeof *v->actor_id);
    v->proposal_id = sg_zalloc(np, sizeof *v->proposal_id);
    if (!v->actor_entity || !v->actor_votes || !v->proposal_entity ||
        !v->yea || !v->nay ||
        !v->actor_pos || !v->actor_se || !v->proposal_pos ||
        !v->proposal_disc || !v->proposal_polarity ||
        !v->proposal_lopsided || !v->actor_id || !v->proposal_id)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < na; i++) {
        v->actor_entity[i] = p->actor_entity[i];
        if (!(v->actor_id[i] = sg_arena_strdup(&v->arena, p->actor_id[i])))
            return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t j = 0; j < np; j++) {
        v->proposal_entity[j] = p->proposal_entity[j];
        const char *id = p->corpus->proposals[p->proposal_entity[j]].id;
        if (!(v->proposal_id[j] = sg_arena_strdup(&v->arena, id)))
            return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < na * (size_t)d; k++)
        v->actor_pos[k] = v->actor_se[k] = NAN;
    for (size_t k = 0; k < np * (size_t)d; k++)
        v->proposal_pos[k] = NAN;
    for (size_t j = 0; j < np; j++)
        v->proposal_disc[j] = NAN;
    s->dimensions = d;
    s->nactors = na;
    s->nproposals = np;
    s->actor_id = v->actor_id;
    s->actor_entity = v->actor_entity;
    s->actor_pos = v->actor_pos;
    s->actor_se = v->actor_se;
    s->actor_votes = v->actor_votes;
    s->proposal_id = v->proposal_id;
    s->proposal_entity = v->proposal_entity;
    s->proposal_pos = v->proposal_pos;
    s->proposal_discrimination = v->proposal_disc;
    s->proposal_polarity = v->proposal_polarity;
    s->proposal_lopsided = v->proposal_lopsided;
    s->proposal_yea = v->yea;
    s->proposal_nay = v->nay;
    s->anchor = -1;
    return 0;
}

/* Choose the kept proposals and the active actors; fills vote[]. */
static void select_votes(fit *f, sg_scale *s, const sg_scale_options *o)
{
    const sg_pairs *p = f->p;
    for (size_t q = 0; q < p->npairs; q++)
        f->vote[q] = (int8_t)sg_pair_sign(p, q);
    for (size_t j = 0; j < f->np; j++) {
        size_t yea = 0, nay = 0;
        for (size_t q = p->prop_start[j]; q < p->prop_start[j + 1]; q++) {
            int v = f->vote[p->prop_pairs[q]];
            yea += v > 0;
            nay += v < 0;
        }
        s->priv->yea[j] = yea;
        s->priv->nay[j] = nay;
        size_t minority = yea < nay ? yea : nay;
        f->kept[j] = minority > 0 &&
                     (double)minority >= o->lopsided * (double)(yea + nay);
        s->priv->proposal_lopsided[j] = !f->kept[j] && yea + nay > 0;
        s->lopsided += s->priv->proposal_lopsided[j];
        if (!f->kept[j])
            for (size_t q = p->prop_start[j]; q < p->prop_start[j + 1]; q++)
                f->vote[p->prop_pairs[q]] = 0;
    }
    for (size_t i = 0; i < f->na; i++) {
        size_t n = 0;
        for (size_t q = p->actor_start[i]; q < p->actor_start[i + 1]; q++)
            n += f->vote[q] != 0;
        s->priv->actor_votes[i] = n;
        f->active[i] = n > 0 && n >= o->min_votes;
        if (!f->active[i])
            for (size_t q = p->actor_start[i]; q < p->actor_start[i + 1]; q++)
                f->vote[q] = 0;
    }
}

/* Centre, rotate to principal axes (2-D) and scale to sd 1, carrying the
 * proposals' parameters along so that a_j + b_j.x_i is unchanged; then the
 * standard errors on the same scale. Returns 0, with nothing changed, when
 * the second principal axis has no spread (SPREAD_TOLERANCE): scaling it to
 * sd 1 would blow rounding up into huge numbers. */
static int report_scale(fit *f, sg_scale *s)
{
    int d = f->d, n = d + 1;
    size_t cnt = 0;
    double mean[MAXD] = {0};
    for (size_t i = 0; i < f->na; i++)
        if (f->active[i]) {
            cnt++;
            for (int k = 0; k < d; k++)
                mean[k] += f->x[i * d + k];
        }
    for (int k = 0; k < d; k++)
        mean[k] /= (double)cnt;
    double c[MAXD][MAXD] = {{0}};
    for (size_t i = 0; i < f->na; i++)
        if (f->active[i])
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                    c[a][b] += (f->x[i * d + a] - mean[a]) *
                               (f->x[i * d + b] - mean[b]) / (double)cnt;
    /* Rotation r (columns: principal axes, the larger variance first). */
    double r[MAXD][MAXD] = {{1, 0}, {0, 1}}, var[MAXD] = {c[0][0], 0};
    if (d == 2) {
        double tr = c[0][0] + c[1][1];
        double det = c[0][0] * c[1][1] - c[0][1] * c[0][1];
        double disc = sqrt(fmax(tr * tr / 4 - det, 0));
        var[0] = tr / 2 + disc;
        var[1] = tr / 2 - disc;
        double ax = c[0][1], ay = var[0] - c[0][0];
        if (fabs(ax) + fabs(ay) < 1e-15) {
            ax = c[0][0] >= c[1][1] ? 1 : 0;
            ay = c[0][0] >= c[1][1] ? 0 : 1;
        }
        double len = hypot(ax, ay);
        r[0][0] = ax / len;
        r[1][0] = ay / len;
        r[0][1] = -r[1][0];
        r[1][1] = r[0][0];
    }
    if (d == 2 && !(var[1] > SPREAD_TOLERANCE * var[0]))
        return 0;
    double sd[MAXD];
    for (int k = 0; k < d; k++)
        sd[k] = sqrt(fmax(var[k], 1e-300));
    /* x = mean + r diag(sd) z  =>  z = diag(1/sd) r^T (x - mean). */
    double h[3][3], g[3];
    for (size_t i = 0; i < f->na; i++) {
        if (!f->active[i])
            continue;
        actor_curvature(f, i, h, g);
        double cov[MAXD][MAXD];
        if (d == 1) {
            cov[0][0] = 1 / h[0][0];
        } else {
            double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            cov[0][0] = h[1][1] / det;
            cov[1][1] = h[0][0] / det;
            cov[0][1] = cov[1][0] = -h[0][1] / det;
        }
        double z[MAXD];
        for (int k = 0; k < d; k++) {
            double acc = 0, v = 0;
            for (int a = 0; a < d; a++) {
                acc += r[a][k] * (f->x[i * d + a] - mean[a]);
                for (int b = 0; b < d; b++)
                    v += r[a][k] * cov[a][b] * r[b][k];
            }
            z[k] = acc / sd[k];
            s->priv->actor_se[i * d + k] = sqrt(fmax(v, 0)) / sd[k];
        }
        for (int k = 0; k < d; k++)
            s->priv->actor_pos[i * d + k] = z[k];
    }
    /* a + b.x = (a + b.mean) + (diag(sd) r^T b).z */
    for (size_t j = 0; j < f->np; j++) {
        if (!f->kept[j])
            continue;
        double *t = f->item + j * (size_t)n, nb[MAXD];
        double a = t[0];
        for (int k = 0; k < d; k++)
            a += t[k + 1] * mean[k];
        for (int k = 0; k < d; k++) {
            nb[k] = 0;
            for (int l = 0; l < d; l++)
                nb[k] += r[l][k] * t[l + 1];
            nb[k] *= sd[k];
        }
        t[0] = a;
        for (int k = 0; k < d; k++)
            t[k + 1] = nb[k];
    }
    for (size_t i = 0; i < f->na; i++)
        for (int k = 0; k < d; k++)
            f->x[i * d + k] = f->active[i] ? s->priv->actor_pos[i * d + k] : 0;
    return 1;
}

/* Flip dimensions so that the anchor sits on the positive side; returns
 * the anchor used for dim1 (-1 when none). */
static long orient(fit *f, sg_scale *s, long anchor)
{
    int d = f->d, n = d + 1;
    long used = -1;
    for (int k = 0; k < d; k++) {
        long a = anchor;
        if (a < 0 || !(fabs(f->x[(size_t)a * d + k]) > 1e-12)) {
            a = -1;
            for (size_t i = 0; i < f->na && a < 0; i++)
                if (f->active[i] && fabs(f->x[i * d + k]) > 1e-12)
                    a = (long)i;
        }
        if (k == 0)
            used = anchor >= 0 ? anchor : a;
        if (a < 0 || f->x[(size_t)a * d + k] > 0)
            continue;
        for (size_t i = 0; i < f->na; i++)
            if (f->active[i])
                s->priv->actor_pos[i * d + k] = -s->priv->actor_pos[i * d + k];
        for (size_t i = 0; i < f->na; i++)
            f->x[i * d + k] = -f->x[i * d + k];
        for (size_t j = 0; j < f->np; j++)
            f->item[j * n + k + 1] = -f->item[j * n + k + 1];
    }
    return used;
}

static void fit_figures(fit *f, sg_scale *s)
{
    int d = f->d, n = d + 1;
    size_t votes = 0, errors = 0, minority = 0;
    double loglik = 0;
    for (size_t j = 0; j < f->np; j++) {
        if (!f->kept[j])
            continue;
        size_t yea = 0, nay = 0;
        const double *t = f->item + j * (size_t)n;
        for (size_t q = f->pstart[j]; q < f->pstart[j + 1]; q++) {
            uint32_t v = f->pvote[q];
            int yes = (int)(v & 1);
            yea += yes;
            nay += !yes;
            double e = linear(t, f->x + (size_t)(v >> 1) * d, d);
            errors += (e > 0) != yes;
            double pr = logistic_ll(yes ? e : -e, 1, NULL);
            loglik += log(fmax(pr, 1e-300));
        }
        votes += yea + nay;
        minority += yea < nay ? yea : nay;
    }
    s->votes = votes;
    s->classified = votes ? 1 - (double)errors / (double)votes : NAN;
    s->apre = minority ? ((double)minority - (double)errors) / (double)minority
                       : NAN;
    s->gmp = votes ? exp(loglik / (double)votes) : NAN;

    /* Proposals: midpoint (the cutting line's point nearest the centre),
     * kept within the actors' range so layouts stay readable. */
    double lo[MAXD], hi[MAXD];
    for (int k = 0; k < d; k++) {
        lo[k] = INFINITY;
        hi[k] = -INFINITY;
    }
    for (size_t i = 0; i < f->na; i++)
        if (f->active[i])
            for (int k = 0; k < d; k++) {
                lo[k] = fmin(lo[k], f->x[i * d + k]);
                hi[k] = fmax(hi[k], f->x[i * d + k]);
            }
    for (size_t j = 0; j < f->np; j++) {
        if (!f->kept[j])
            continue;
        const double *t = f->item + j * (size_t)n;
        double bb = 0;
        for (int k = 0; k < d; k++)
            bb += t[k + 1] * t[k + 1];
        s->priv->proposal_disc[j] = sqrt(bb);
        s->priv->proposal_polarity[j] = t[1] >= 0 ? 1 : -1;
        for (int k = 0; k < d; k++) {
            double m = bb > 1e-300 ? -t[0] * t[k + 1] / bb : 0;
            s->priv->proposal_pos[j * d + k] = fmin(fmax(m, lo[k]), hi[k]);
        }
    }
}

/* ---- acceleration ------------------------------------------------------ */

/* The alternating sweeps converge linearly, and slowly where the actors'
 * spread trades off against the proposals' discrimination and where the
 * plane can turn (79 passes on a 700 x 5000 parliament in 2-D). SQUAREM
 * (Varadhan & Roland 2008, scheme S3) extrapolates along the path of two
 * passes: with r = F(t0) - t0 and v = F(F(t0)) - 2 F(t0) + t0, the next
 * pass starts from t0 + 2 a r + a^2 v, a = |r| / |v| (at least 1, at most
 * a bound that grows fourfold whenever a reaches it and the jump is kept,
 * and shrinks fourfold when a jump is refused). A jump is kept only when
 * the log posterior there is no lower than at F(t0); otherwise the pass
 * starts from F(F(t0)) as without acceleration. Each pass raises the
 * posterior, so from cycle to cycle the fit still climbs monotonically.
 * On parliament (2-D) it converges in 37 passes instead of 79 and to a
 * higher posterior; on the Court (1-D) the positions end nearer the
 * optimum (1e-3 instead of 8e-3) in 23 passes instead of 18. */
#define ACCEL_GROWTH 4.0
/* The first passes are plain: they make the large, non-linear moves that
 * extrapolation would overshoot, and a small fit is done before this and
 * so unchanged by the acceleration. */
#define ACCEL_START 10

typedef struct {
    size_t nx, nt;      /* sizes of f->x and f->item */
    double *t0, *t1, *t2; /* (x, item) at the three points of a cycle */
    double post1;       /* log posterior at t1 */
    double step_max;
    int phase;          /* passes done in this cycle: 0, 1 or 2 */
} accel;

static int accel_init(accel *a, const fit *f)
{
    a->nx = f->na * (size_t)f->d;
    a->nt = f->np * (size_t)(f->d + 1);
    size_t n = a->nx + a->nt;
    a->t0 = sg_zalloc(n, sizeof *a->t0);
    a->t1 = sg_zalloc(n, sizeof *a->t1);
    a->t2 = sg_zalloc(n, sizeof *a->t2);
    a->step_max = 1;
    if (!a->t0 || !a->t1 || !a->t2)
        return sg_seterr(SG_ENOMEM, "out of memory");
    return 0;
}

static void accel_free(accel *a)
{
    free(a->t0);
    free(a->t1);
    free(a->t2);
}

static void accel_save(const accel *a, const fit *f, double *t)
{
    memcpy(t, f->x, a->nx * sizeof *t);
    memcpy(t + a->nx, f->item, a->nt * sizeof *t);
}

static void accel_load(const accel *a, fit *f, const double *t)
{
    memcpy(f->x, t, a->nx * sizeof *t);
    memcpy(f->item, t + a->nx, a->nt * sizeof *t);
}

/* The priors' part of the log posterior at the current parameters. */
static double log_prior(const accel *a, const fit *f)
{
    double px = 0, pt = 0;
    for (size_t k = 0; k < a->nx; k++)
        px += f->x[k] * f->x[k];
    for (size_t k = 0; k < a->nt; k++)
        pt += f->item[k] * f->item[k];
    return -0.5 * PRIOR_X * px - 0.5 * PRIOR_ITEM * pt;
}

/* One pass without extrapolation: the proposals, then the actors.
 * Returns the log-likelihood at the point it started from. */
static double plain_pass(fit *f, double *loglik_of)
{
    double loglik = sweep(f, loglik_of, 1);
    sweep(f, loglik_of, 0);
    return loglik;
}

/* One pass, from an extrapolated point when a cycle's two passes are
 * done. Returns the log-likelihood at the point the pass started from. */
static double accel_pass(accel *a, fit *f, double *loglik_of, int pass)
{
    double loglik;
    if (pass < ACCEL_START)
        return plain_pass(f, loglik_of);
    if (a->phase < 2) {
        accel_save(a, f, a->phase ? a->t1 : a->t0);
        double prior = a->phase ? log_prior(a, f) : 0;
        loglik = sweep(f, loglik_of, 1);
        if (a->phase)
            a->post1 = loglik + prior;
        sweep(f, loglik_of, 0);
        a->phase++;
        return loglik;
    }
    a->phase = 0;
    accel_save(a, f, a->t2);
    size_t n = a->nx + a->nt;
    double rr = 0, vv = 0;
    for (size_t k = 0; k < n; k++) {
        double r = a->t1[k] - a->t0[k];
        double v = a->t2[k] - 2 * a->t1[k] + a->t0[k];
        rr += r * r;
        vv += v * v;
    }
    double alpha = vv > 0 ? sqrt(rr / vv) : 1;
    if (!(alpha > 1))
        alpha = 1;
    if (alpha >= a->step_max) {
        alpha = a->step_max;
        if (alpha == 1)
            a->step_max *= ACCEL_GROWTH;
    }
    if (alpha > 1) {
        for (size_t k = 0; k < n; k++) {
            double r = a->t1[k] - a->t0[k];
            double v = a->t2[k] - 2 * a->t1[k] + a->t0[k];
            a->t1[k] = a->t0[k] + 2 * alpha * r + alpha * alpha * v;
        }
        accel_load(a, f, a->t1);
        double prior = log_prior(a, f);
        loglik = sweep(f, loglik_of, 1);
        if (isfinite(loglik) && loglik + prior >= a->post1) {
            if (alpha == a->step_max)
                a->step_max *= ACCEL_GROWTH;
            sweep(f, loglik_of, 0);
            return loglik;
        }
        a->step_max = fmax(1, a->step_max / ACCEL_GROWTH);
        accel_load(a, f, a->t2);
    }
    return plain_pass(f, loglik_of);
}

/* The used votes packed by proposal and by actor (see fit); after
 * select_votes. */
static int pack_votes(fit *f)
{
    const sg_pairs *p = f->p;
    size_t used = 0;
    if (f->na > UINT32_MAX / 2 || f->np > UINT32_MAX / 2)
        return sg_seterr(SG_ELIMIT, "too many actors or proposals to scale");
    for (size_t q = 0; q < p->npairs; q++)
        used += f->vote[q] != 0;
    f->pstart = sg_zalloc(f->np + 1, sizeof *f->pstart);
    f->astart = sg_zalloc(f->na + 1, sizeof *f->astart);
    f->pvote = sg_zalloc(used ? used : 1, sizeof *f->pvote);
    f->avote = sg_zalloc(used ? used : 1, sizeof *f->avote);
    if (!f->pstart || !f->astart || !f->pvote || !f->avote)
        return sg_seterr(SG_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t j = 0; j < f->np; j++) {
        f->pstart[j] = k;
        for (size_t q = p->prop_start[j]; q < p->prop_start[j + 1]; q++) {
            uint32_t pair = p->prop_pairs[q];
            if (f->vote[pair])
                f->pvote[k++] = p->pair_actor[pair] << 1 | (f->vote[pair] > 0);
        }
    }
    f->pstart[f->np] = k;
    k = 0;
    for (size_t i = 0; i < f->na; i++) {
        f->astart[i] = k;
        for (size_t q = p->actor_start[i]; q < p->actor_start[i + 1]; q++)
            if (f->vote[q])
                f->avote[k++] = p->pair_proposal[q] << 1 | (f->vote[q] > 0);
    }
    f->astart[f->na] = k;
    return 0;
}

/* The fit in opts->dimensions; sets *fewer (and returns 0 with *out NULL)
 * when the votes identify fewer dimensions than asked for. */
static int run(sg_scale **out, const sg_corpus *corpus,
               const sg_network_options *nopts, const sg_scale_options *opts,
               int *fewer)
{
    sg_scale_options o;
    sg_network_options no;
    sg_pairs pairs;
    fit f;
    double *work = NULL, *prev = NULL, *loglik_of = NULL;
    accel acc = {0};
    int rc, have_pairs = 0;
    memset(&f, 0, sizeof f);
    *out = NULL;
    if (opts)
        o = *opts;
    else
        sg_scale_options_init(&o);
    if (nopts)
        no = *nopts;
    else
        sg_network_options_init(&no);
    no.kind = SG_NET_STANCES;
    if (o.dimensions < 1 || o.dimensions > MAXD)
        return sg_seterr(SG_EUSAGE, "dimensions must be 1 or 2, not %d",
                         o.dimensions);
    if (!(o.lopsided >= 0 && o.lopsided < 0.5))
        return sg_seterr(SG_EUSAGE, "the lopsided share must be in [0, 0.5)");
    if (o.max_iterations < 1 || !(o.tolerance > 0))
        return sg_seterr(SG_EUSAGE, "bad iteration limit or tolerance");

    sg_scale *s = calloc(1, sizeof *s);
    if (!s || !(s->priv = calloc(1, sizeof *s->priv))) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    sg_arena_init(&s->priv->arena);
    if ((rc = sg_pairs_build(&pairs, corpus, &no)))
        goto cleanup;
    have_pairs = 1;
    if ((rc = alloc_result(s, &pairs, o.dimensions)))
        goto cleanup;

    long anchor = -1;
    if (o.anchor) {
        for (size_t i = 0; i < pairs.nactors && anchor < 0; i++)
            if (strcmp(pairs.actor_id[i], o.anchor) == 0)
                anchor = (long)i;
        if (anchor < 0) {
            rc = sg_seterr(SG_EUSAGE, "--anchor: no actor '%s' with a stance",
                           o.anchor);
            goto cleanup;
        }
    }

    int d = o.dimensions;
    f.p = &pairs;
    f.d = d;
    f.na = pairs.nactors;
    f.np = pairs.nproposals;
    f.vote = sg_zalloc(pairs.npairs, sizeof *f.vote);
    f.active = sg_zalloc(f.na, 1);
    f.kept = sg_zalloc(f.np, 1);
    f.x = sg_zalloc(f.na * (size_t)d, sizeof *f.x);
    f.item = sg_zalloc(f.np * (size_t)(d + 1), sizeof *f.item);
    work = sg_zalloc(f.np * (size_t)d, sizeof *work);
    prev = sg_zalloc(f.na * (size_t)d, sizeof *prev);
    loglik_of = sg_zalloc(f.np, sizeof *loglik_of);
    if (!f.vote || !f.active || !f.kept || !f.x || !f.item || !work ||
        !prev || !loglik_of) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    select_votes(&f, s, &o);
    if ((rc = pack_votes(&f)))
        goto cleanup;
    for (size_t i = 0; i < f.na; i++)
        s->scaled_actors += f.active[i];
    for (size_t j = 0; j < f.np; j++)
        s->scaled_proposals += f.kept[j];
    if (anchor >= 0 && !f.active[anchor]) {
        rc = sg_seterr(SG_EUSAGE,
                       "--anchor: '%s' has no vote on a scaled proposal",
                       o.anchor);
        goto cleanup;
    }
    int identified = 0;
    if (s->scaled_actors >= 2 && s->scaled_proposals >= 1)
        identified = svd_start(&f, work);
    if (identified && identified < d) {
        *fewer = 1;
        goto cleanup;
    }
    if (!identified) {
        /* Nothing to scale: every position stays NaN. */
        s->scaled_actors = s->scaled_proposals = 0;
        s->classified = s->apre = s->gmp = NAN;
        *out = s;
        s = NULL;
        goto cleanup;
    }
    memset(f.item, 0, f.np * (size_t)(d + 1) * sizeof *f.item);

    /* Converged when the standardised positions stop moving or the fit
     * stops improving. The overall spread trades off against the
     * proposals' discrimination, and in two dimensions the plane can turn,
     * both slowly and without changing how well anyone's votes are
     * explained; the final rotation to principal axes undoes that. */
    standardised_copy(&f, prev);
    double last = NAN;
    if ((rc = accel_init(&acc, &f)))
        goto cleanup;
    for (s->iterations = 0; s->iterations < o.max_iterations;) {
        double loglik = accel_pass(&acc, &f, loglik_of, s->iterations);
        s->iterations++;
        double moved = standardised_copy(&f, prev);
        if (!isfinite(moved) || !isfinite(loglik)) {
            rc = sg_seterr(SG_EINTERNAL, "scaling diverged");
            goto cleanup;
        }
        if (moved < o.tolerance ||
            fabs(loglik - last) < FIT_TOLERANCE * fabs(loglik)) {
            s->converged = 1;
            break;
        }
        last = loglik;
    }
    /* The proposals once more for the final actor positions. */
    sweep(&f, loglik_of, 1);
    if (!report_scale(&f, s)) {
        *fewer = 1;
        goto cleanup;
    }
    s->identified = d;
    s->anchor = orient(&f, s, anchor);
    fit_figures(&f, s);
    *out = s;
    s = NULL;

cleanup:
    accel_free(&acc);
    free(f.vote);
    free(f.pstart);
    free(f.pvote);
    free(f.astart);
    free(f.avote);
    free(f.active);
    free(f.kept);
    free(f.x);
    free(f.item);
    free(work);
    free(prev);
    free(loglik_of);
    if (have_pairs)
        sg_pairs_free(&pairs);
    sg_scale_free(s);
    return rc;
}

/* `n` rows of one column become the first of two; the second is NaN. */
static double *widened(double **v, size_t n)
{
    double *w = sg_zalloc(n, 2 * sizeof *w);
    if (!w)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        w[2 * i] = (*v)[i];
        w[2 * i + 1] = NAN;
    }
    free(*v);
    return *v = w;
}

int sg_scale_run(sg_scale **out, const sg_corpus *corpus,
                 const sg_network_options *nopts, const sg_scale_options *opts)
{
    int fewer = 0;
    int rc = run(out, corpus, nopts, opts, &fewer);
    if (rc || !fewer)
        return rc;
    /* Two dimensions asked for, one identified: the one-dimensional fit,
     * reported with dim2 missing (NaN) rather than noise blown up. */
    sg_scale_options one;
    if (opts)
        one = *opts;
    else
        sg_scale_options_init(&one);
    one.dimensions = 1;
    if ((rc = run(out, corpus, nopts, &one, &fewer)))
        return rc;
    sg_scale *s = *out;
    sg_scale_priv *p = s->priv;
    if (!widened(&p->actor_pos, s->nactors) ||
        !widened(&p->actor_se, s->nactors) ||
        !widened(&p->proposal_pos, s->nproposals)) {
        sg_scale_free(s);
        *out = NULL;
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    s->dimensions = 2;
    s->actor_pos = p->actor_pos;
    s->actor_se = p->actor_se;
    s->proposal_pos = p->proposal_pos;
    return 0;
}

/* Copy the positions of n nodes of one kind onto the network's rows. */
static void annotate_kind(sg_network *net, sg_column **col, int d,
                          sg_node_kind kind, const char **ids,
                          const double *pos, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long row = sg_network_find_node(net, ids[i]);
        if (row < 0 || net->node_kind[row] != kind)
            continue;
        for (int k = 0; k < d; k++)
            if (!isnan(pos[i * d + k]))
                sg_column_set_number(col[k], (size_t)row, pos[i * d + k]);
    }
}

int sg_scale_annotate(sg_network *net, const sg_scale *s)
{
    static const char *const names[MAXD] = {"dim1", "dim2"};
    sg_column *col[MAXD] = {NULL, NULL};
    int d = s->dimensions;
    for (int k = 0; k < d; k++) {
        int rc = sg_network_add_column(&col[k], net, SG_NODES, names[k],
                                       SG_COL_NUMBER);
        if (rc)
            return rc;
    }
    /* Adding a column may move the others: fetch them again. */
    for (int k = 0; k < d; k++)
        col[k] = (sg_column *)sg_network_column(net, SG_NODES, names[k]);
    annotate_kind(net, col, d, SG_ACTOR, s->actor_id, s->actor_pos,
                  s->nactors);
    annotate_kind(net, col, d, SG_PROPOSAL, s->proposal_id, s->proposal_pos,
                  s->nproposals);
    return 0;
}
