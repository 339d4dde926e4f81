/* The signed one-mode projection of the pairs onto actors or proposals,
 * with DNA's counting and normalisations, --min-weight and --top-ties. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>

#include "model/alloc.h"
#include "model/parallel.h"
#include "model/progress.h"
#include "model/util.h"
#include "network/network_internal.h"
#include "network/pairs.h"

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
        /* Weighted counts (time windows) are rounded to single precision
         * here, a relative error below 1e-7. */
        *vp = p->support_k ? (float)p->support_k[i] : (float)p->support_n[i];
        *vn = p->oppose_k ? (float)p->oppose_k[i] : (float)p->oppose_n[i];
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
static int topk_emit(topk *t, sg_tie_sink sink, void *ctx)
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

/* The value of the tie a-b under --tie: signed, normalised. */
static double tie_net(const sg_network_options *o, const double *act,
                      const double *sq, size_t a, size_t b, counts c)
{
    double num = c.agree - c.conflict;
    if (o->tie == SG_TIE_CONGRUENCE)
        num = c.agree;
    else if (o->tie == SG_TIE_CONFLICT)
        num = -c.conflict;
    return num / denominator(o->normalize, act, sq, a, b,
                             c.agree + c.conflict);
}

/* Whether a pair that shares a proposal is a tie: a value of 0 only with
 * keep_zero on the signed network (congruence and conflict ties are those
 * with something to weigh); --tie positive keeps agreement only. */
static int tie_kept(const sg_network_options *o, double net, int keep_zero)
{
    if (net == 0)
        return keep_zero && o->tie == SG_TIE_SUBTRACT;
    if (o->tie == SG_TIE_POSITIVE && net < 0)
        return 0;
    return fabs(net) >= o->min_weight;
}

/* One thread's dense accumulator and lists, O(rows) each. */
typedef struct {
    counts *acc;
    uint32_t *touched, *kept;
} row_scratch;

/* Rows are cut into chunks by inner-loop work (cells visited): at most
 * CHUNK_WORK, so that a chunk's ties stay small (at most 32 bytes per unit
 * of work), and small enough that threads share the rows evenly. A round
 * runs CHUNKS_PER_WORKER chunks per thread in parallel, then hands their
 * ties to the sink in row order. */
#define CHUNK_WORK ((size_t)1 << 20)
#define MIN_CHUNK_WORK ((size_t)4096)
#define MAX_CHUNKS 64
#define CHUNKS_PER_WORKER 4

typedef struct {
    const csr *rows, *cols;
    const size_t *colpos; /* per row cell: the same pair's column cell */
    const double *act, *sq;
    const sg_network_options *o;
    int keep_zero;
    const double *weakest; /* --top-ties: per node, no tie below it can
                              enter its heap; NULL otherwise */
    const size_t *chunk_row; /* nchunks + 1 row boundaries */
    size_t round_first;      /* first chunk of the round */
    tie_list *out;           /* per chunk of the round */
    row_scratch *scratch;    /* per worker */
    size_t emitted;          /* ties sunk before the round (no --top-ties) */
    atomic_size_t produced;  /* ties found in this round */
} product;

/* Row a's ties with the rows b > a, by b (unordered under --top-ties), into
 * `out`. The accumulator is left zero. */
static int product_row(product *pr, row_scratch *s, size_t a, tie_list *out)
{
    const csr *rows = pr->rows, *cols = pr->cols;
    const sg_network_options *o = pr->o;
    counts *acc = s->acc;
    size_t nt = 0, nk = 0;
    for (size_t e = rows->start[a]; e < rows->start[a + 1]; e++) {
        const cell *ca = &rows->cells[e];
        double pa = ca->p, na = ca->n;
        size_t end = cols->start[ca->col + 1];
        for (size_t j = pr->colpos[e] + 1; j < end; j++) {
            const cell *cb = &cols->cells[j];
            counts *x = &acc[cb->col];
            if (x->agree + x->conflict == 0)
                s->touched[nt++] = cb->col;
            x->agree += pa * cb->p + na * cb->n;
            x->conflict += pa * cb->n + na * cb->p;
        }
    }
    for (size_t t = 0; t < nt; t++) {
        uint32_t b = s->touched[t];
        double net = tie_net(o, pr->act, pr->sq, a, b, acc[b]);
        /* Under --top-ties a tie weaker than what both ends already hold
         * can never enter a heap: the heaps only grow stronger. */
        if (tie_kept(o, net, pr->keep_zero) &&
            !(pr->weakest && fabs(net) < pr->weakest[a] &&
              fabs(net) < pr->weakest[b]))
            s->kept[nk++] = b;
        else
            acc[b] = (counts){0, 0};
    }
    /* Under --top-ties the heaps decide, and the order comes at the end. */
    if (!pr->weakest)
        qsort(s->kept, nk, sizeof *s->kept, cmp_u32);
    int rc = 0;
    if (!pr->weakest &&
        pr->emitted + atomic_fetch_add(&pr->produced, nk) + nk > SG_MAX_TIES)
        rc = too_many_ties(0);
    for (size_t t = 0; t < nk; t++) {
        uint32_t b = s->kept[t];
        sg_tie tie = {(uint32_t)a, b, acc[b].agree, acc[b].conflict,
                      tie_net(o, pr->act, pr->sq, a, b, acc[b])};
        acc[b] = (counts){0, 0};
        if (!rc)
            rc = tie_push(out, &tie);
    }
    return rc;
}

static int product_chunk(void *ctx, size_t task, unsigned worker)
{
    product *pr = ctx;
    size_t c = pr->round_first + task;
    tie_list *out = &pr->out[task];
    int rc = 0;
    for (size_t a = pr->chunk_row[c]; a < pr->chunk_row[c + 1] && !rc; a++)
        rc = product_row(pr, &pr->scratch[worker], a, out);
    return rc;
}

/* Inner-loop work of row a: the cells after a's own in its columns. */
static size_t row_work(const csr *rows, const csr *cols, const size_t *colpos,
                       size_t a)
{
    size_t work = 0;
    for (size_t e = rows->start[a]; e < rows->start[a + 1]; e++)
        work += 1 + cols->start[rows->cells[e].col + 1] - colpos[e];
    return work;
}

/* Chunk boundaries over the rows by their work, into *out (nchunks + 1):
 * about MAX_CHUNKS chunks, each at least MIN_CHUNK_WORK and at most
 * CHUNK_WORK (so a test corpus of a few thousand stances gets several). */
static int cut_chunks(size_t **out, size_t *nchunks, const csr *rows,
                      const csr *cols, const size_t *colpos, size_t nrows)
{
    size_t total = 0;
    for (size_t a = 0; a < nrows; a++)
        total += row_work(rows, cols, colpos, a);
    size_t target = total / MAX_CHUNKS;
    target = target < MIN_CHUNK_WORK ? MIN_CHUNK_WORK
             : target > CHUNK_WORK   ? CHUNK_WORK
                                     : target;
    size_t cap = 16, n = 0, work = 0;
    size_t *row = malloc(cap * sizeof *row);
    if (!row)
        return sg_seterr(SG_ENOMEM, "out of memory");
    row[0] = 0;
    for (size_t a = 0; a < nrows; a++) {
        work += row_work(rows, cols, colpos, a);
        if (work >= target || a + 1 == nrows) {
            if (sg_grow(&row, &cap, n + 2, sizeof *row)) {
                free(row);
                return SG_ENOMEM;
            }
            row[++n] = a + 1;
            work = 0;
        }
    }
    *out = row;
    *nchunks = n;
    return 0;
}

/* Gustavson's row-by-row product R R^T with a dense accumulator: each row
 * a meets the rows b > a sharing a column, found through the column lists
 * from the cell after a's own. A row b is new to the accumulator while its
 * counts are zero, since every shared cell adds at least 1. Only the ties
 * that pass are sorted, so each row emits its ties by b. Rows are computed
 * chunk by chunk on sg_threads_get() threads, each with its own
 * accumulator, and their ties reach the sink (or the --top-ties heaps) in
 * row order from the calling thread: the result is the same for any
 * number of threads. Memory O(rows) per thread beside the output. */
static int multiply(sg_tie_sink sink, void *ctx, const csr *rows, size_t nrows,
                    const csr *cols, size_t ncols, const sg_network_options *o,
                    int keep_zero)
{
    topk top = {0};
    int rc = o->top_ties ? topk_init(&top, nrows, o->top_ties) : 0;
    if (rc)
        return rc;
    product pr = {rows, cols, NULL, NULL, NULL, o, keep_zero,
                  top.k ? top.weakest : NULL, NULL, 0, NULL, NULL, 0, 0};
    atomic_init(&pr.produced, 0);
    size_t nchunks = 0, nwork = 0, window = 0, *chunk_row = NULL;
    size_t *colpos = sg_zalloc(rows->start[nrows] + 1, sizeof *colpos);
    size_t *cursor = sg_zalloc(ncols + 1, sizeof *cursor);
    double *act = sg_zalloc(nrows, sizeof *act);
    double *sq = sg_zalloc(nrows, sizeof *sq);
    rc = SG_ENOMEM;
    if (!colpos || !cursor || !act || !sq) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    memcpy(cursor, cols->start, (ncols + 1) * sizeof *cursor);
    for (size_t a = 0; a < nrows; a++)
        for (size_t e = rows->start[a]; e < rows->start[a + 1]; e++) {
            double x = (double)rows->cells[e].p + rows->cells[e].n;
            act[a] += x;
            sq[a] += x * x;
            colpos[e] = cursor[rows->cells[e].col]++;
        }
    pr.colpos = colpos;
    pr.act = act;
    pr.sq = sq;
    if ((rc = cut_chunks(&chunk_row, &nchunks, rows, cols, colpos, nrows)))
        goto cleanup;
    pr.chunk_row = chunk_row;
    nwork = sg_parallel_workers(nchunks);
    window = nwork > 1 ? (size_t)nwork * CHUNKS_PER_WORKER : 1;
    pr.out = sg_zalloc(window, sizeof *pr.out);
    pr.scratch = sg_zalloc(nwork, sizeof *pr.scratch);
    rc = SG_ENOMEM;
    if (!pr.out || !pr.scratch) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    for (unsigned w = 0; w < nwork; w++) {
        row_scratch *s = &pr.scratch[w];
        s->acc = sg_zalloc(nrows, sizeof *s->acc);
        s->touched = sg_zalloc(nrows, sizeof *s->touched);
        s->kept = sg_zalloc(nrows, sizeof *s->kept);
        if (!s->acc || !s->touched || !s->kept) {
            sg_seterr(rc, "out of memory");
            goto cleanup;
        }
    }
    rc = 0;
    for (size_t first = 0; first < nchunks && !rc; first += window) {
        size_t n = nchunks - first < window ? nchunks - first : window;
        pr.round_first = first;
        atomic_store(&pr.produced, 0);
        rc = sg_parallel_run(n, nwork, product_chunk, &pr);
        for (size_t c = 0; c < n; c++) {
            tie_list *l = &pr.out[c];
            for (size_t i = 0; i < l->n && !rc; i++) {
                if (top.k)
                    rc = topk_offer(&top, &l->ties[i]);
                else if (++pr.emitted > SG_MAX_TIES)
                    rc = too_many_ties(0);
                else
                    rc = sink(ctx, &l->ties[i]);
            }
            l->n = 0;
        }
        sg_progress_note((double)(first + n) / (double)nchunks);
    }
    if (!rc && top.k)
        rc = topk_emit(&top, sink, ctx);

cleanup:
    topk_free(&top);
    for (size_t c = 0; pr.out && c < window; c++)
        free(pr.out[c].ties);
    free(pr.out);
    for (unsigned w = 0; pr.scratch && w < nwork; w++) {
        free(pr.scratch[w].acc);
        free(pr.scratch[w].touched);
        free(pr.scratch[w].kept);
    }
    free(pr.scratch);
    free(chunk_row);
    free(colpos);
    free(cursor);
    free(act);
    free(sq);
    return rc;
}

/* Project the pairs onto one side and hand every tie to `sink`. */
int sg_pairs_project_each(const sg_pairs *p, sg_network_kind kind,
                          const sg_network_options *o, int keep_zero,
                          sg_tie_sink sink, void *ctx)
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
    int rc = sg_pairs_project_each(p, kind, o, keep_zero, tie_push, &ties);
    if (rc) {
        free(ties.ties);
        ties = (tie_list){0};
    }
    *out = ties.ties;
    *nout = ties.n;
    return rc;
}

