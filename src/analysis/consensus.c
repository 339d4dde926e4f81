/* Coalitions an analyst can trust: the consensus of many partitions, each
 * refined by the stances themselves, and how stable every actor is in it.
 *
 * One partition of a signed network depends on the random seed: on the
 * bundled debate two seeds in ten put Moscow inside the Trump camp. The
 * consensus runs the partition many times with seeds of its own, counts on
 * every tie how often its two ends share a coalition, and joins the ends of
 * the ties that do so in most runs. Only existing ties are counted, never
 * all actor pairs, so it stays linear in the network.
 *
 * The network alone also leaves splinters, and on sparse corpora actors
 * without any surviving tie stay alone. The refinement reads the stances:
 * each actor goes to the coalition whose majority positions it shares most
 * (a k-modes step over the proposals, which needs no projection). On
 * large networks the partition also leaves splinters made of actors that
 * share their positions on the two or three most discussed proposals and
 * would otherwise sit in different camps (a quarter of the actors on the
 * platform tier): they are dissolved into the larger coalitions by the
 * likelihood of their members' stances (dissolve_sweep). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "analysis/igraph_glue.h"
#include "model/parallel.h"
#include "analysis/coalitions.h"
#include "analysis/dense_leiden.h"
#include "model/util.h"

/* ---- refinement by the stances ------------------------------------------
 */

/* On large networks only coalitions of at least this share of the actors
 * take actors in, so that a pass costs stances x (a few coalitions) and not
 * stances x (every splinter); smaller ones lose members that agree with a
 * larger coalition. */
#define REFINE_MIN_SHARE 0.001
#define REFINE_SMALL_NETWORK 2000

/* One coalition's summed positions on one proposal. */
typedef struct {
    uint32_t q;  /* receiving coalition, compact index */
    int32_t sum; /* members' signs summed */
    uint32_t n;  /* members with a position */
} profile_entry;

typedef struct {
    size_t n, k, q;      /* actors, labels, receiving coalitions */
    uint32_t *qof;       /* label -> compact index, UINT32_MAX if none */
    uint32_t *label_of;  /* compact index -> label */
    size_t *size;        /* per label */
    size_t *lstart;      /* nproposals + 1 */
    profile_entry *list; /* per proposal, by q */
    size_t cap;
    uint32_t *stamp;     /* per q: proposal + 1 last touched */
    long *score;         /* per q */
    double *like;        /* per q: log-likelihood ratio (dissolve_sweep) */
    uint32_t *touched;
} refine_work;

static void refine_free(refine_work *w)
{
    free(w->qof);
    free(w->label_of);
    free(w->size);
    free(w->lstart);
    free(w->list);
    free(w->stamp);
    free(w->score);
    free(w->like);
    free(w->touched);
}

static int sign_of(long x)
{
    return (x > 0) - (x < 0);
}

/* Profiles of the receiving coalitions: per proposal, the summed positions
 * of each coalition's members that take one. */
static int build_profiles(refine_work *w, const long *memb,
                          const sg_positions *pos)
{
    size_t k = 0, minsize = 2;
    for (size_t i = 0; i < w->n; i++)
        k = (size_t)memb[i] + 1 > k ? (size_t)memb[i] + 1 : k;
    if (w->n > REFINE_SMALL_NETWORK)
        minsize = (size_t)ceil(REFINE_MIN_SHARE * (double)w->n);
    free(w->qof);
    free(w->label_of);
    free(w->size);
    w->qof = sg_zalloc(k, sizeof *w->qof);
    w->label_of = sg_zalloc(k, sizeof *w->label_of);
    w->size = sg_zalloc(k, sizeof *w->size);
    if (!w->qof || !w->label_of || !w->size)
        return sg_seterr(SG_ENOMEM, "out of memory");
    w->k = k;
    w->q = 0;
    for (size_t i = 0; i < w->n; i++)
        w->size[memb[i]]++;
    for (size_t c = 0; c < k; c++) {
        w->qof[c] = w->size[c] >= minsize ? (uint32_t)w->q : UINT32_MAX;
        if (w->size[c] >= minsize)
            w->label_of[w->q++] = (uint32_t)c;
    }
    free(w->stamp);
    free(w->score);
    free(w->like);
    free(w->touched);
    w->stamp = sg_zalloc(w->q, sizeof *w->stamp);
    w->score = sg_zalloc(w->q, sizeof *w->score);
    w->like = sg_zalloc(w->q, sizeof *w->like);
    w->touched = sg_zalloc(w->q, sizeof *w->touched);
    if (!w->stamp || !w->score || !w->like || !w->touched)
        return sg_seterr(SG_ENOMEM, "out of memory");
    size_t len = 0;
    for (size_t p = 0; p < pos->nproposals; p++) {
        w->lstart[p] = len;
        for (size_t t = pos->prop_start[p]; t < pos->prop_start[p + 1]; t++) {
            uint32_t pair = pos->prop_pairs[t];
            uint32_t q = w->qof[memb[pos->pair_actor[pair]]];
            if (q == UINT32_MAX || !pos->sign[pair])
                continue;
            /* score[q] holds q's entry while stamp[q] says this proposal */
            if (w->stamp[q] != p + 1) {
                w->stamp[q] = (uint32_t)p + 1;
                if (sg_grow(&w->list, &w->cap, len + 1, sizeof *w->list))
                    return SG_ENOMEM;
                w->score[q] = (long)len;
                w->list[len++] = (profile_entry){q, 0, 0};
            }
            w->list[w->score[q]].sum += pos->sign[pair];
            w->list[w->score[q]].n++;
        }
    }
    w->lstart[pos->nproposals] = len;
    memset(w->stamp, 0, w->q * sizeof *w->stamp);
    return 0;
}

/* Actor i's agreement with every receiving coalition met on its
 * proposals (w->score over w->touched[0..*nt)), and with its own (the
 * other members), returned: +1 for each position the coalition's majority
 * takes, -1 for each it opposes. With `likelihood`, w->like receives the
 * log-likelihood ratio instead: the sum over i's positions of
 * log(2 (agree + 1) / (n + 2)), where n members of the coalition take a
 * position on the proposal and `agree` of them take i's (i itself left
 * out of its own): Laplace's estimate of the chance that a member takes
 * i's position, against a coin. A coalition that holds a proposal clearly
 * and with many members weighs more there than a narrow or a small
 * majority; a coalition silent on it weighs 0. */
static long actor_scores(size_t *nt, refine_work *w, const long *memb,
                         const sg_positions *pos, size_t i, int likelihood)
{
    uint32_t own = w->qof[memb[i]];
    *nt = 0;
    for (size_t t = pos->actor_start[i]; t < pos->actor_start[i + 1]; t++) {
        int s = pos->sign[t];
        size_t p = pos->pair_proposal[t];
        if (!s)
            continue;
        for (size_t x = w->lstart[p]; x < w->lstart[p + 1]; x++) {
            const profile_entry *e = &w->list[x];
            long sum = e->sum - (e->q == own ? s : 0);
            if (w->stamp[e->q] != i + 1) {
                w->stamp[e->q] = (uint32_t)i + 1;
                w->score[e->q] = 0;
                w->like[e->q] = 0;
                w->touched[(*nt)++] = e->q;
            }
            if (likelihood) {
                long n = (long)e->n - (e->q == own);
                w->like[e->q] +=
                    log((double)(n + s * sum + 2) / (double)(n + 2));
            } else {
                w->score[e->q] += s * sign_of(sum);
            }
        }
    }
    /* Alone, or in a coalition too small to receive: agreement 0. */
    return own != UINT32_MAX && w->stamp[own] == i + 1 ? w->score[own] : 0;
}

/* One pass: every actor's agreement with its own coalition (the majority
 * of the other members, proposal by proposal) into *objective, and in
 * next[] the coalition it agrees with most where that is strictly more. */
static void refine_pass(long *next, long *objective, size_t *moved,
                        refine_work *w, const long *memb,
                        const sg_positions *pos)
{
    *objective = 0;
    *moved = 0;
    for (size_t i = 0; i < w->n; i++) {
        uint32_t own = w->qof[memb[i]];
        size_t nt;
        long own_score = actor_scores(&nt, w, memb, pos, i, 0);
        long best = own_score;
        uint32_t best_q = UINT32_MAX;
        for (size_t x = 0; x < nt; x++) {
            uint32_t q = w->touched[x];
            if (q != own && (w->score[q] > best ||
                             (w->score[q] == best && best_q != UINT32_MAX &&
                              q < best_q))) {
                best = w->score[q];
                best_q = q;
            }
        }
        *objective += own_score;
        next[i] = memb[i];
        if (best_q != UINT32_MAX && best > own_score) {
            next[i] = (long)w->label_of[best_q];
            (*moved)++;
        }
    }
    /* Stamps hold actor numbers now; profiles use proposal numbers. */
    memset(w->stamp, 0, w->q * sizeof *w->stamp);
}

typedef struct {
    size_t *order;   /* labels, smallest coalition first */
    size_t *mstart;  /* k + 1: into members */
    size_t *members; /* actors by label */
    long *gsum;      /* per q: the coalition's members' summed agreement */
    uint32_t *gtouched;
    unsigned char *gseen;
    unsigned char *fixed; /* per label: 1 takes a splinter in, 2 merged */
} merge_work;

/* For cmp_by_size (qsort_r is not C11); one per thread, as consensus runs
 * refine on threads. */
static _Thread_local const size_t *order_size;

static int cmp_by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (order_size[x] != order_size[y])
        return order_size[x] < order_size[y] ? -1 : 1;
    return (x > y) - (x < y);
}

static void merge_work_free(merge_work *m)
{
    free(m->order);
    free(m->mstart);
    free(m->members);
    free(m->gsum);
    free(m->gtouched);
    free(m->gseen);
    free(m->fixed);
}

/* The members of every coalition of memb, and the coalitions smallest
 * first (profiles built for memb). */
static int merge_work_init(merge_work *m, const refine_work *w,
                           const long *memb)
{
    size_t k = w->k;
    m->order = sg_zalloc(k, sizeof *m->order);
    m->mstart = sg_zalloc(k + 1, sizeof *m->mstart);
    m->members = sg_zalloc(w->n, sizeof *m->members);
    m->gsum = sg_zalloc(w->q, sizeof *m->gsum);
    m->gtouched = sg_zalloc(w->q, sizeof *m->gtouched);
    m->gseen = sg_zalloc(w->q, 1);
    m->fixed = sg_zalloc(k, 1);
    size_t *fill = sg_zalloc(k + 1, sizeof *fill);
    if (!m->order || !m->mstart || !m->members || !m->gsum ||
        !m->gtouched || !m->gseen || !m->fixed || !fill) {
        free(fill);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < k; c++) {
        m->order[c] = c;
        m->mstart[c + 1] = m->mstart[c] + w->size[c];
    }
    memcpy(fill, m->mstart, (k + 1) * sizeof *fill);
    for (size_t i = 0; i < w->n; i++)
        m->members[fill[memb[i]]++] = i;
    free(fill);
    order_size = w->size;
    qsort(m->order, k, sizeof *m->order, cmp_by_size);
    return 0;
}

/* Merge splinters: every coalition, smallest first, whose members agree
 * with a larger coalition more than with one another joins it
 * (into next[]); a coalition that takes one in stays in this sweep.
 * Profiles are those of memb. *merged counts the coalitions merged. */
static int merge_sweep(long *next, size_t *merged, refine_work *w,
                       const long *memb, const sg_positions *pos)
{
    merge_work m = {0};
    size_t k = w->k;
    int rc = 0;
    *merged = 0;
    if ((rc = merge_work_init(&m, w, memb)))
        goto cleanup;
    memcpy(next, memb, w->n * sizeof *next);
    for (size_t o = 0; o < k; o++) {
        size_t c = m.order[o], ng = 0;
        long own = 0;
        if (!w->size[c] || m.fixed[c])
            continue;
        for (size_t x = m.mstart[c]; x < m.mstart[c + 1]; x++) {
            size_t nt, i = m.members[x];
            own += actor_scores(&nt, w, memb, pos, i, 0);
            for (size_t t = 0; t < nt; t++) {
                uint32_t q = w->touched[t];
                if (!m.gseen[q]) {
                    m.gseen[q] = 1;
                    m.gsum[q] = 0;
                    m.gtouched[ng++] = q;
                }
                m.gsum[q] += w->score[q];
            }
        }
        uint32_t best_q = UINT32_MAX;
        for (size_t t = 0; t < ng; t++) {
            uint32_t q = m.gtouched[t];
            size_t d = w->label_of[q];
            m.gseen[q] = 0;
            if (d == c || w->size[d] < w->size[c] || m.fixed[d] == 2)
                continue;
            if (best_q == UINT32_MAX || m.gsum[q] > m.gsum[best_q] ||
                (m.gsum[q] == m.gsum[best_q] && q < best_q))
                best_q = q;
        }
        if (best_q == UINT32_MAX || m.gsum[best_q] <= own)
            continue;
        size_t d = w->label_of[best_q];
        m.fixed[d] = 1; /* takes in: stays */
        m.fixed[c] = 2; /* merged away */
        for (size_t x = m.mstart[c]; x < m.mstart[c + 1]; x++)
            next[m.members[x]] = (long)d;
        (*merged)++;
    }
    memset(w->stamp, 0, w->q * sizeof *w->stamp);

cleanup:
    merge_work_free(&m);
    return rc;
}

/* Dissolve splinters (large networks only): the coalitions, smallest
 * first, whose members' stances are more probable in the larger
 * coalitions each would join than in their own. The comparison is that of
 * a latent-class model whose classes are the coalitions: an actor's
 * stances count by their likelihood (actor_scores), each coalition by
 * the log of its size (its share of the actors), so a splinter must
 * explain its members better than a camp ten times its size by a margin
 * of log 10 a member. A coalition made of actors that share two or three
 * positions on the most discussed proposals, and would otherwise sit in
 * different camps, goes; one that holds positions of its own stays.
 * Members join the coalition they are most probable in (ties: the smaller
 * index), where a coalition silent on all their proposals counts by its
 * size alone; one that takes some in is not dissolved in the same
 * sweep. Profiles are
 * those of memb; next[] receives the result, *dissolved the count. */
static int dissolve_sweep(long *next, size_t *dissolved, refine_work *w,
                          const long *memb, const sg_positions *pos)
{
    merge_work m = {0};
    size_t k = w->k;
    uint32_t *dest = NULL;
    int rc = 0;
    *dissolved = 0;
    memcpy(next, memb, w->n * sizeof *next);
    if (w->n <= REFINE_SMALL_NETWORK || w->q < 2)
        return 0;
    if ((rc = merge_work_init(&m, w, memb)))
        goto cleanup;
    dest = sg_zalloc(w->n, sizeof *dest);
    if (!dest) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t o = 0; o < k; o++) {
        size_t c = m.order[o];
        uint32_t cq = w->qof[c];
        double keep = 0, go = 0;
        int homeless = 0;
        if (cq == UINT32_MAX || m.fixed[c])
            continue;
        for (size_t x = m.mstart[c]; x < m.mstart[c + 1] && !homeless; x++) {
            size_t nt, i = m.members[x];
            uint32_t best_q = UINT32_MAX;
            double best = 0;
            actor_scores(&nt, w, memb, pos, i, 1);
            keep += (w->stamp[cq] == i + 1 ? w->like[cq] : 0) +
                    log((double)w->size[c] - 1);
            for (size_t t = 0; t < nt; t++) {
                uint32_t q = w->touched[t];
                size_t d = w->label_of[q];
                if (q == cq || w->size[d] < w->size[c] || m.fixed[d] == 2)
                    continue;
                double v = w->like[q] + log((double)w->size[d]);
                if (best_q == UINT32_MAX || v > best ||
                    (v == best && q < best_q)) {
                    best = v;
                    best_q = q;
                }
            }
            /* A coalition silent on all of i's proposals counts log 1 = 0
             * for them: the largest such one is a candidate too. */
            for (size_t o2 = k, dsize = 0; o2-- > 0;) {
                size_t d = m.order[o2];
                uint32_t q = w->qof[d];
                if ((dsize && w->size[d] < dsize) || w->size[d] < w->size[c])
                    break;
                if (q == UINT32_MAX || q == cq || w->stamp[q] == i + 1 ||
                    m.fixed[d] == 2)
                    continue;
                dsize = w->size[d];
                double v = log((double)dsize);
                if (best_q == UINT32_MAX || v > best ||
                    (v == best && q < best_q)) {
                    best = v;
                    best_q = q;
                }
            }
            homeless = best_q == UINT32_MAX;
            go += best;
            dest[i] = best_q;
        }
        if (homeless || go <= keep)
            continue;
        for (size_t x = m.mstart[c]; x < m.mstart[c + 1]; x++) {
            size_t d = w->label_of[dest[m.members[x]]];
            next[m.members[x]] = (long)d;
            m.fixed[d] = 1;
        }
        m.fixed[c] = 2;
        (*dissolved)++;
    }
    memset(w->stamp, 0, w->q * sizeof *w->stamp);

cleanup:
    merge_work_free(&m);
    free(dest);
    return rc;
}

/* Move actors pass by pass while the objective grows; *best receives the
 * objective of the membership left. */
static int move_passes(long *membership, long *best, size_t *total,
                       int *passes, refine_work *w, long *prev, long *next,
                       const sg_positions *pos)
{
    size_t n = w->n, last = 0;
    /* The last pass only judges the moves of the one before. */
    for (int first = 1; *passes <= SG_REFINE_PASSES; first = 0) {
        long objective;
        size_t moved;
        int rc = build_profiles(w, membership, pos);
        if (rc)
            return rc;
        refine_pass(next, &objective, &moved, w, membership, pos);
        ++*passes;
        /* Moving everyone at once may overshoot: keep the better one. */
        if (!first && objective <= *best) {
            memcpy(membership, prev, n * sizeof *membership);
            *total -= last;
            break;
        }
        *best = objective;
        if (!moved || *passes > SG_REFINE_PASSES)
            break;
        memcpy(prev, membership, n * sizeof *prev);
        memcpy(membership, next, n * sizeof *membership);
        *total += moved;
        last = moved;
    }
    return 0;
}

int sg_refine(long *membership, size_t *moves, const sg_positions *pos)
{
    refine_work w = {0};
    size_t n = pos->nactors, total = 0;
    long *prev = sg_zalloc(n, sizeof *prev);
    long *next = sg_zalloc(n, sizeof *next);
    long best = 0;
    int passes = 0;
    int rc = SG_ENOMEM;
    w.n = n;
    w.lstart = sg_zalloc(pos->nproposals + 1, sizeof *w.lstart);
    if (!prev || !next || !w.lstart) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (;;) {
        size_t merged = 0, moved, dissolved;
        long after = 0;
        if ((rc = move_passes(membership, &best, &total, &passes, &w, prev,
                              next, pos)))
            goto cleanup;
        /* Splinters whose members agree with a larger coalition more than
         * with one another join it, when that does not lower the
         * objective. */
        if (passes <= SG_REFINE_PASSES &&
            ((rc = build_profiles(&w, membership, pos)) ||
             (rc = merge_sweep(next, &merged, &w, membership, pos))))
            goto cleanup;
        if (merged) {
            if ((rc = build_profiles(&w, next, pos)))
                goto cleanup;
            refine_pass(prev, &after, &moved, &w, next, pos);
            passes++;
        }
        if (!merged || after < best) {
            /* Then splinters more probable in larger coalitions go, by a
             * criterion of their own (it may lower the agreement). Every
             * sweep removes a coalition, so it needs no pass limit. */
            if ((rc = build_profiles(&w, membership, pos)) ||
                (rc = dissolve_sweep(next, &dissolved, &w, membership, pos)))
                goto cleanup;
            if (!dissolved)
                break;
        }
        for (size_t i = 0; i < n; i++)
            total += next[i] != membership[i];
        memcpy(membership, next, n * sizeof *membership);
        best = after;
    }
    rc = 0;

cleanup:
    if (moves)
        *moves = total;
    refine_free(&w);
    free(prev);
    free(next);
    return rc;
}

/* ---- stability -------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int sg_stability(double *out, const int32_t *runs, size_t nruns,
                 const long *membership, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = 0;
        k = (size_t)membership[i] + 1 > k ? (size_t)membership[i] + 1 : k;
    }
    uint64_t *key = sg_zalloc(n, sizeof *key);
    uint32_t *core = sg_zalloc(k, sizeof *core);
    size_t *core_n = sg_zalloc(k, sizeof *core_n);
    uint32_t *owner = sg_zalloc(n, sizeof *owner);
    size_t *owner_n = sg_zalloc(n, sizeof *owner_n);
    int rc = 0;
    if (!key || !core || !core_n || !owner || !owner_n) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t r = 0; r < nruns; r++) {
        const int32_t *run = runs + r * n;
        for (size_t i = 0; i < n; i++)
            key[i] = (uint64_t)membership[i] << 32 | (uint32_t)run[i];
        qsort(key, n, sizeof *key, cmp_u64);
        memset(core_n, 0, k * sizeof *core_n);
        memset(owner_n, 0, n * sizeof *owner_n);
        /* Sorted by coalition, then cluster: strict > keeps the smaller
         * cluster for a coalition and the smaller coalition for a
         * cluster on ties. */
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && key[j] == key[i]; j++)
                ;
            uint32_t c = (uint32_t)(key[i] >> 32), x = (uint32_t)key[i];
            if (j - i > core_n[c]) {
                core_n[c] = j - i;
                core[c] = x;
            }
            if (j - i > owner_n[x]) {
                owner_n[x] = j - i;
                owner[x] = c;
            }
        }
        for (size_t i = 0; i < n; i++) {
            uint32_t c = (uint32_t)membership[i];
            out[i] += (uint32_t)run[i] == core[c] && owner[core[c]] == c;
        }
    }
    for (size_t i = 0; i < n; i++)
        out[i] /= (double)nruns;

cleanup:
    free(key);
    free(core);
    free(core_n);
    free(owner);
    free(owner_n);
    return rc;
}

/* ---- consensus -------------------------------------------------------- */

/* A 32-bit digest of actor i's coalition in every run. */
static uint32_t label_digest(const int32_t *runs, size_t nruns, size_t n,
                             size_t i)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (size_t r = 0; r < nruns; r++) {
        h ^= (uint32_t)runs[r * n + i];
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    return (uint32_t)(h >> 32);
}

static int same_labels(const int32_t *runs, size_t nruns, size_t n, size_t a,
                       size_t b)
{
    for (size_t r = 0; r < nruns; r++)
        if (runs[r * n + a] != runs[r * n + b])
            return 0;
    return 1;
}

/* The core of the runs: actors that share a coalition in every run, i.e.
 * the co-assignment matrix at 1, found by grouping equal label vectors
 * (never n^2). Unlike a majority (co-assigned in most runs), this is
 * transitive: two actors that each side with a different camp in a few
 * runs cannot chain the camps together. membership[i] receives the
 * smallest member of i's group. O(runs x n + n log n). */
static int run_core(long *membership, const int32_t *runs, size_t nruns,
                    size_t n)
{
    uint64_t *key = sg_zalloc(n, sizeof *key);
    if (!key)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        key[i] = (uint64_t)label_digest(runs, nruns, n, i) << 32 | i;
    qsort(key, n, sizeof *key, cmp_u64);
    for (size_t x = 0, y; x < n; x = y) {
        for (y = x + 1; y < n && key[y] >> 32 == key[x] >> 32; y++)
            ;
        /* Equal digests: compare the labels themselves, against the
         * group's earlier members (collisions are rare). */
        for (size_t u = x; u < y; u++) {
            size_t i = (uint32_t)key[u];
            membership[i] = (long)i;
            for (size_t v = x; v < u; v++) {
                size_t j = (uint32_t)key[v];
                if ((size_t)membership[j] == j &&
                    same_labels(runs, nruns, n, i, j)) {
                    membership[i] = (long)j;
                    break;
                }
            }
        }
    }
    free(key);
    return 0;
}

/* Each actor's coalition by vote: in every run, each cluster is claimed
 * by the core group (run_core) holding most of its members; an actor
 * votes, run by run, for the group that claims its cluster, and joins the
 * group with most votes (ties: its own core group, else the smaller id).
 * A group that another absorbs in a few runs keeps its members; an actor
 * that strays in a few runs comes home; and no chain of strays can join
 * two camps, since votes go to groups, not from actor to actor.
 * membership[] holds the core groups on entry, the winners on exit.
 * O(runs x n log n). */
static int vote(long *membership, const int32_t *runs, size_t nruns, size_t n)
{
    uint64_t *key = sg_zalloc(n, sizeof *key);
    uint32_t *claim = sg_zalloc(n, sizeof *claim);
    size_t *claim_n = sg_zalloc(n, sizeof *claim_n);
    uint32_t *votes = sg_zalloc(nruns * n, sizeof *votes);
    uint32_t *mine = sg_zalloc(nruns, sizeof *mine);
    int rc = 0;
    if (!key || !claim || !claim_n || !votes || !mine) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t r = 0; r < nruns; r++) {
        const int32_t *run = runs + r * n;
        for (size_t i = 0; i < n; i++)
            key[i] = (uint64_t)(uint32_t)run[i] << 32 | (uint32_t)membership[i];
        qsort(key, n, sizeof *key, cmp_u64);
        memset(claim_n, 0, n * sizeof *claim_n);
        for (size_t x = 0, y; x < n; x = y) {
            for (y = x + 1; y < n && key[y] == key[x]; y++)
                ;
            uint32_t cluster = (uint32_t)(key[x] >> 32);
            if (y - x > claim_n[cluster]) {
                claim_n[cluster] = y - x;
                claim[cluster] = (uint32_t)key[x];
            }
        }
        for (size_t i = 0; i < n; i++)
            votes[i * nruns + r] = claim[run[i]];
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t best = (uint32_t)membership[i];
        size_t best_n = 0;
        memcpy(mine, votes + i * nruns, nruns * sizeof *mine);
        qsort(mine, nruns, sizeof *mine, cmp_u32);
        for (size_t x = 0, y; x < nruns; x = y) {
            for (y = x + 1; y < nruns && mine[y] == mine[x]; y++)
                ;
            if (y - x > best_n ||
                (y - x == best_n && mine[x] == (uint32_t)membership[i])) {
                best_n = y - x;
                best = mine[x];
            }
        }
        key[i] = best;
    }
    for (size_t i = 0; i < n; i++)
        membership[i] = (long)key[i];

cleanup:
    free(key);
    free(claim);
    free(claim_n);
    free(votes);
    free(mine);
    return rc;
}

/* Run r's seed: the runs of different seeds never overlap. */
static unsigned long run_seed(unsigned long seed, size_t runs, size_t r)
{
    return seed * (unsigned long)runs + (unsigned long)r;
}

/* More worker processes than this would only multiply the memory of
 * Leiden's working copies. */
#define MAX_WORKERS 64
/* What one more worker holds of its own: igraph 0.10.2's Leiden builds
 * incidence lists and aggregate graphs beside the shared input, about
 * 50 bytes a tie measured on 48.7 million ties (5.8 GB in one process,
 * of which the network and the shared input hold 3.2 GB). */
#define WORKER_BYTES_PER_TIE 64.0
#define WORKER_BYTES_PER_NODE 256.0

/* Below this many ties a run takes milliseconds, about what starting a
 * worker process costs (fork copies the page tables: about a millisecond
 * per 100 MB of this process), so the runs stay here. */
#define WORKER_MIN_TIES 50000
/* On a matrix (dense_leiden.h) a run takes about 6 ms on 700 nodes and
 * grows as n^2; a worker forked from a process holding a big corpus pays
 * more than that in copied page tables and copy-on-write faults (a year
 * of 1.5 million statements, two threads: a timeline took 21.3 s with a
 * worker forked per window, 12.8 s without), so the runs stay in this
 * process below this size (on threads: sg_leiden_input_pure). */
#define WORKER_MIN_DENSE_NODES 2000

/* At most `wanted`, and as many as fit when each extra one needs `need`
 * bytes of its own and all of them together at most half of the memory
 * the system has left (unknown: all of them). */
static unsigned fitting(unsigned wanted, double need)
{
    double avail = (double)sg_memory_available();
    if (avail <= 0 || need <= 0)
        return wanted;
    double fit = 1 + floor(avail / 2 / need);
    return fit < (double)wanted ? (unsigned)fit : wanted;
}

/* Workers that pay and fit: each extra one only on graphs of at least
 * WORKER_MIN_TIES (not on a small matrix), its working copies counted. */
static unsigned affordable_workers(unsigned workers, const sg_sgraph *g)
{
    if (g->m < WORKER_MIN_TIES ||
        (sg_dense_pays(g) && g->n < WORKER_MIN_DENSE_NODES))
        return 1;
    return fitting(workers, WORKER_BYTES_PER_TIE * (double)g->m +
                                WORKER_BYTES_PER_NODE * (double)g->n);
}

/* Threads for runs on a matrix whose working copies fit: each thread's
 * levels take up to 3 n^2 doubles (dense_leiden.h). */
static unsigned affordable_threads(unsigned wanted, size_t n)
{
    return fitting(wanted, 3.0 * sizeof(double) * (double)n * (double)n);
}

/* A block of consecutive runs [first, first + count), for one worker: the
 * labels of run first + j land at out + j * n, then the method each run
 * used, one int32 per run, after all the labels. */
typedef struct {
    const sg_sgraph *g;
    const sg_positions *pos;
    const sg_coalition_options *o;
    const sg_leiden_input *in;
    size_t nruns, first, count;
    long *membership; /* scratch of n */
    int32_t *out;
} run_block;

static int run_block_work(void *ctx)
{
    run_block *b = ctx;
    int refine = b->o->method == SG_METHOD_AUTO;
    size_t n = b->g->n;
    int32_t *used_of = b->out + b->count * n;
    for (size_t j = 0; j < b->count; j++) {
        sg_coalition_options ro = *b->o;
        sg_method used;
        size_t k;
        int rc;
        ro.seed = run_seed(b->o->seed, b->nruns, b->first + j);
        if ((rc = sg_partition_run(b->membership, &k, &used, b->g, &ro,
                                   b->nruns > 1, b->in)))
            return rc;
        if (refine && (rc = sg_refine(b->membership, NULL, b->pos)))
            return rc;
        if (refine && sg_relabel(b->membership, n) == (size_t)-1)
            return SG_ENOMEM;
        for (size_t i = 0; i < n; i++)
            b->out[j * n + i] = (int32_t)b->membership[i];
        used_of[j] = (int32_t)used;
    }
    return 0;
}

/* In a worker process: the block under a guard of its own, so that a
 * fatal igraph error ends here and not in the parent's guard. */
static int run_block_child(void *ctx, void *out)
{
    run_block *b = ctx;
    b->out = out;
    return sg_ig_guard(run_block_work, b);
}

/* Runs on threads: run r writes its labels at runs + r * n and its method
 * at used[r], through the scratch of the thread that runs it. */
typedef struct {
    run_block b;   /* g, pos, o, in, nruns */
    long *scratch; /* n per thread */
    int32_t *out;  /* n + 1 per thread: what run_block_work writes */
    int32_t *runs, *used;
} run_threads;

static int run_task(void *ctx, size_t task, unsigned worker)
{
    run_threads *t = ctx;
    size_t n = t->b.g->n;
    run_block one = t->b;
    one.first = task;
    one.count = 1;
    one.membership = t->scratch + (size_t)worker * n;
    one.out = t->out + (size_t)worker * (n + 1);
    int rc = run_block_work(&one);
    if (!rc) {
        memcpy(t->runs + task * n, one.out, n * sizeof *one.out);
        t->used[task] = one.out[n];
    }
    return rc;
}

/* All runs into runs[] (run r at runs + r * n) and used[], in blocks of
 * consecutive runs, one block per worker: worker processes forked from
 * this one (igraph 0.10 keeps its state in globals, so threads cannot
 * share it) and, unless every block goes to a worker (all_children),
 * this process, which runs the first block. Every run
 * depends only on its own seed, so the result is the same for any number
 * of workers, and so is the number of workers that memory allows. */
static int all_runs(int32_t *runs, int32_t *used, const sg_sgraph *g,
                    const sg_positions *pos, const sg_coalition_options *o,
                    size_t nruns, long *membership)
{
    sg_leiden_input *in = NULL;
    size_t n = g->n;
    /* On a small graph each spin-glass run forks a process of its own
     * (sg_ig_isolated), once per run and component. With two threads or
     * more, every block runs in a worker instead, where spin-glass runs in
     * place: one fork per worker, and every thread busy. One thread keeps
     * the runs here, where an allocation failure in them is this
     * process's (as tests/oom counts them). */
    unsigned wanted = sg_parallel_workers(nruns);
    int all_children = wanted > 1 && g->n >= 2 && g->m < WORKER_MIN_TIES &&
                       (o->method == SG_METHOD_AUTO ||
                        o->method == SG_METHOD_SPINGLASS);
    unsigned workers = all_children ? wanted : affordable_workers(wanted, g);
    unsigned first_child = all_children ? 0 : 1;
    workers = workers > MAX_WORKERS ? MAX_WORKERS : workers;
    run_block block[MAX_WORKERS];
    sg_child child[MAX_WORKERS];
    int32_t *buf[MAX_WORKERS] = {0};
    unsigned started = 0;
    int rc = 0;
    for (unsigned w = 0; w < workers; w++) {
        size_t first = nruns * w / workers, last = nruns * (w + 1) / workers;
        block[w] = (run_block){g, pos, o, NULL, nruns, first, last - first,
                               membership, NULL};
        buf[w] = sg_zalloc(block[w].count * (n + 1), sizeof *buf[w]);
        if (!buf[w]) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    /* Leiden's input once, before the workers start, which share it. */
    if ((o->method == SG_METHOD_AUTO || o->method == SG_METHOD_LEIDEN) &&
        (rc = sg_leiden_input_new(&in, g)))
        goto cleanup;
    for (unsigned w = 0; w < workers; w++)
        block[w].in = in;
    /* Runs that call no igraph go to threads, which share this process's
     * memory: no fork, no copy-on-write faults. */
    if (in && wanted > 1 && sg_leiden_input_pure(in, o, nruns > 1)) {
        unsigned threads = affordable_threads(wanted, n);
        run_threads t = {block[0], sg_zalloc((size_t)threads * n, sizeof(long)),
                         sg_zalloc((size_t)threads * (n + 1), sizeof(int32_t)),
                         runs, used};
        rc = t.scratch && t.out
                 ? sg_parallel_run(nruns, threads, run_task, &t)
                 : sg_seterr(SG_ENOMEM, "out of memory");
        free(t.scratch);
        free(t.out);
        goto cleanup;
    }
    for (started = first_child; started < workers; started++)
        if ((rc = sg_child_start(&child[started], run_block_child,
                                 &block[started], buf[started],
                                 block[started].count * (n + 1) *
                                     sizeof *buf[started])))
            break;
    if (!all_children) {
        block[0].out = buf[0];
        int own = rc ? rc : run_block_work(&block[0]);
        if (own && !rc)
            rc = own;
    }
    /* Every child is waited for; the first block's failure wins. */
    for (unsigned w = first_child; w < started; w++) {
        int crc = sg_child_wait(&child[w], buf[w],
                                block[w].count * (n + 1) * sizeof *buf[w]);
        if (crc && !rc)
            rc = crc;
    }
    if (rc)
        goto cleanup;
    for (unsigned w = 0; w < workers; w++) {
        memcpy(runs + block[w].first * n, buf[w],
               block[w].count * n * sizeof *runs);
        memcpy(used + block[w].first, buf[w] + block[w].count * n,
               block[w].count * sizeof *used);
    }

cleanup:
    sg_leiden_input_free(in);
    for (unsigned w = 0; w < workers; w++)
        free(buf[w]);
    return rc;
}

int sg_consensus(long *membership, size_t *ncoal, sg_consensus_info *info,
                 const sg_sgraph *g, const sg_positions *pos,
                 const sg_coalition_options *o)
{
    int refine = o->method == SG_METHOD_AUTO;
    size_t n = g->n;
    size_t nruns = o->runs ? o->runs : refine ? SG_DEFAULT_RUNS : 1;
    int32_t *runs = NULL, used[SG_MAX_RUNS];
    int rc = 0;
    *ncoal = 0;
    info->runs = nruns;
    info->used = o->method;
    if (nruns > SG_MAX_RUNS)
        return sg_seterr(SG_EUSAGE, "at most %d runs", SG_MAX_RUNS);
    runs = sg_zalloc(nruns * n, sizeof *runs);
    if (!runs) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    if ((rc = all_runs(runs, used, g, pos, o, nruns, membership)))
        goto cleanup;
    /* AUTO mixes methods by design and stays AUTO. */
    for (size_t r = 0; !refine && r < nruns; r++)
        info->used = r == 0 || (sg_method)used[r] == info->used
                         ? (sg_method)used[r]
                         : SG_METHOD_AUTO;
    if (nruns == 1)
        for (size_t i = 0; i < n; i++)
            membership[i] = runs[i];
    if (nruns > 1) {
        if ((rc = run_core(membership, runs, nruns, n)) ||
            (rc = vote(membership, runs, nruns, n)) ||
            (rc = sg_refine(membership, NULL, pos)))
            goto cleanup;
    }
    size_t k = sg_relabel(membership, n);
    if (k == (size_t)-1) {
        rc = SG_ENOMEM;
        goto cleanup;
    }
    *ncoal = k;
    if (nruns > 1)
        rc = sg_stability(info->stability, runs, nruns, membership, n);
    else
        for (size_t i = 0; i < n; i++)
            info->stability[i] = NAN;

cleanup:
    free(runs);
    return rc;
}
