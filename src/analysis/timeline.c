/* Moving, kernel-weighted time windows (DNA's time-window networks): one
 * analysis per window, coalitions matched from window to window so that a
 * camp keeps its number, and consecutive phases of alike windows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/parallel.h"
#include "network/pairs.h"
#include "stancegraph/polarization.h"
#include "stancegraph/timeline.h"
#include "model/util.h"

struct sg_timeline_priv {
    sg_arena arena; /* ids */
};

void sg_timeline_options_init(sg_timeline_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->kernel = SG_KERNEL_UNIFORM;
    opts->ties = SG_NET_ACTORS;
}

int sg_span_parse(sg_span *out, const char *text)
{
    char *end = NULL;
    const char *p = text;
    if (!text || *p < '0' || *p > '9')
        goto bad;
    long n = strtol(p, &end, 10);
    if (n <= 0 || n > 100000)
        goto bad;
    out->n = n;
    if (!*end)
        out->unit = SG_SPAN_STATEMENTS;
    else if (!end[1] && (*end == 'd' || *end == 'D'))
        out->unit = SG_SPAN_DAYS;
    else if (!end[1] && (*end == 'w' || *end == 'W'))
        out->unit = SG_SPAN_WEEKS;
    else if (!end[1] && (*end == 'm' || *end == 'M'))
        out->unit = SG_SPAN_MONTHS;
    else if (!end[1] && (*end == 'y' || *end == 'Y'))
        out->unit = SG_SPAN_YEARS;
    else
        goto bad;
    return 0;
bad:
    return sg_seterr(SG_EUSAGE,
                     "'%s' is not a span: a whole number from 1 to 100000 "
                     "with d, w, m or y (days, weeks, months, years), or "
                     "without a unit for a number of statements",
                     text ? text : "");
}

static const char *const kernel_names[] = {"uniform", "triangular",
                                           "epanechnikov", "gaussian"};

int sg_kernel_parse(sg_kernel *out, const char *name)
{
    for (size_t i = 0; i < 4; i++)
        if (strcmp(name, kernel_names[i]) == 0) {
            *out = (sg_kernel)i;
            return 0;
        }
    return sg_seterr(SG_EUSAGE,
                     "unknown kernel '%s' (expected uniform, triangular, "
                     "epanechnikov or gaussian)",
                     name);
}

const char *sg_kernel_name(sg_kernel kernel)
{
    return (unsigned)kernel < 4 ? kernel_names[kernel] : "?";
}

/* DNA's kernels (Exporter.zeta) are these on [-1, 1]; its triangular and
 * Epanechnikov formulas are written 1 - u and (1 - u)^2, which agree with
 * the symmetric kernels for statements before the middle only: we use the
 * symmetric, textbook forms on both sides. */
double sg_kernel_weight(sg_kernel kernel, double u)
{
    if (kernel == SG_KERNEL_GAUSSIAN)
        return exp(-0.5 * u * u) / sqrt(2 * 3.14159265358979323846);
    if (!(u >= -1 && u <= 1))
        return 0;
    switch (kernel) {
    case SG_KERNEL_UNIFORM: return 0.5;
    case SG_KERNEL_TRIANGULAR: return 1 - fabs(u);
    case SG_KERNEL_EPANECHNIKOV: return 0.75 * (1 - u * u);
    case SG_KERNEL_GAUSSIAN: break;
    }
    return 0;
}

/* ---- calendar --------------------------------------------------------- */

/* `d` plus `months` calendar months, the day clamped to the month's length
 * (31 January + 1 month = 28 or 29 February), as java.time does. */
static int32_t add_months(int32_t d, long months)
{
    int y;
    unsigned m, day;
    sg_date_split(d, &y, &m, &day);
    long total = (long)y * 12 + (long)(m - 1) + months;
    y = (int)(total >= 0 ? total / 12 : (total - 11) / 12);
    m = (unsigned)(total - (long)y * 12) + 1;
    static const unsigned len[12] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    unsigned max = len[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        max = 29;
    return sg_date_join(y, m, day < max ? day : max);
}

/* Whole calendar months from `a` to `b`, signed (java.time's
 * Period.between(a, b).toTotalMonths()). */
static long months_between(int32_t a, int32_t b)
{
    int ya, yb;
    unsigned ma, mb, da, db;
    sg_date_split(a, &ya, &ma, &da);
    sg_date_split(b, &yb, &mb, &db);
    long m = ((long)yb - ya) * 12 + ((long)mb - (long)ma);
    if (m > 0 && db < da)
        m--;
    else if (m < 0 && db > da)
        m++;
    return m;
}

/* ---- windows ---------------------------------------------------------- */

/* How windows are laid out: over days (days, weeks), over calendar months
 * (months, years) or over positions in the sorted statement list. */
typedef enum { AXIS_DAYS, AXIS_MONTHS, AXIS_POSITIONS } axis;

typedef struct {
    axis ax;
    double half;    /* half the width in days or positions; months: whole
                       months (the width rounded up to even, as DNA does) */
    long step;      /* days, months or positions */
} layout;

static int make_layout(layout *l, const sg_timeline_options *o)
{
    sg_span w = o->window, s = o->step;
    if (w.n <= 0)
        return sg_seterr(SG_EUSAGE, "the window must be a positive span");
    int wtime = w.unit != SG_SPAN_STATEMENTS;
    if (s.n == 0) {
        s.n = 1;
        s.unit = w.unit;
    }
    if (s.n < 0 || (s.unit != SG_SPAN_STATEMENTS) != wtime)
        return sg_seterr(SG_EUSAGE,
                         "--step must be %s like --window",
                         wtime ? "a time span (d, w, m, y)"
                               : "a number of statements");
    int wmonths = w.unit == SG_SPAN_MONTHS || w.unit == SG_SPAN_YEARS;
    int smonths = s.unit == SG_SPAN_MONTHS || s.unit == SG_SPAN_YEARS;
    if (wtime && wmonths != smonths)
        return sg_seterr(SG_EUSAGE,
                         "--step and --window must both count days (d, w) "
                         "or both calendar months (m, y)");
    if (!wtime) {
        l->ax = AXIS_POSITIONS;
        l->half = (double)w.n / 2;
        l->step = s.n;
    } else if (wmonths) {
        long months = w.unit == SG_SPAN_YEARS ? w.n * 12 : w.n;
        l->ax = AXIS_MONTHS;
        l->half = (double)((months + 1) / 2);
        l->step = s.unit == SG_SPAN_YEARS ? s.n * 12 : s.n;
    } else {
        l->ax = AXIS_DAYS;
        l->half = (double)(w.unit == SG_SPAN_WEEKS ? w.n * 7 : w.n) / 2;
        l->step = s.unit == SG_SPAN_WEEKS ? s.n * 7 : s.n;
    }
    return 0;
}

/* Position of a statement on the axis relative to a middle, in units of
 * the half width: the kernel's u. */
static double standardised(const layout *l, int32_t date, size_t pos,
                           int32_t mid_date, size_t mid_pos)
{
    switch (l->ax) {
    case AXIS_DAYS: return ((double)date - mid_date) / l->half;
    case AXIS_MONTHS:
        return (double)months_between(mid_date, date) / l->half;
    case AXIS_POSITIONS: break;
    }
    return ((double)pos - (double)mid_pos) / l->half;
}

/* ---- the run ---------------------------------------------------------- */

typedef struct {
    const sg_corpus *c;
    const sg_timeline_options *o;
    sg_network_options nopts;
    sg_coalition_options copts;
    layout l;
    sg_timeline *t;
    sg_pairs base;        /* the statements passing the filters */
    uint32_t *order;      /* their corpus indices in window order */
    int32_t *odate;       /* their dates, in the same order */
    size_t n;
    /* A window's statements as a corpus of their own, so that its
     * analysis reads them alone and not the whole corpus: inwin marks
     * them by corpus index (set and cleared window by window), view
     * holds them in corpus order with their kernel weights in mult. */
    uint64_t *inwin;
    sg_stance *view;
    double *vmult;
    double *mult; /* per corpus stance: its weight while being cut */
    /* The previous window's analysis, kept for a window that holds
     * exactly the same statements with the same weights. */
    sg_analysis *prev_a;
    sg_network *prev_extra;
    double prev_polarization;
    size_t prev_lo, prev_hi;
    int have_prev;
    int polar_apart; /* polarization left to polar_all */
    sg_strmap actor_ix;   /* actor id -> index in t->actor_id */
    sg_strmap node_ix;    /* recorded node id -> index in t->node_id */
    uint32_t *last_camp;  /* per actor: its camp when last seen, or 0 */
    long prev_window;     /* last window with any camp, or -1 */
    size_t cap_ties, cap_nodes;
} run_ctx;

static int cmp_by_date(const void *x, const void *y, void *ctx)
{
    const sg_stance *st = ctx;
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    if (st[a].date != st[b].date)
        return st[a].date < st[b].date ? -1 : 1;
    return (a > b) - (a < b);
}

/* Insertion-free merge sort of uint32 by (date, index): qsort_r is not in
 * C11, and the order must not depend on the libc. */
static void sort_by_date(uint32_t *v, uint32_t *tmp, size_t n,
                         const sg_stance *st)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = cmp_by_date(&v[j], &v[i], (void *)st) < 0 ? v[j++]
                                                                    : v[i++];
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
}

static int intern(run_ctx *r, sg_strmap *map, const char ***ids, size_t *n,
                  size_t *cap, const char *id)
{
    size_t ix;
    if (sg_strmap_get(map, id, &ix))
        return 0;
    const char *copy = sg_arena_strdup(&r->t->priv->arena, id);
    if (!copy || sg_grow(ids, cap, *n + 1, sizeof **ids) ||
        sg_strmap_put(map, copy, *n))
        return sg_seterr(SG_ENOMEM, "out of memory");
    (*ids)[(*n)++] = copy;
    return 0;
}

/* The indices in `idx` (n of them, each once) put in increasing order
 * into out: one bit per corpus statement, read back word by word. 0 when
 * an index repeats, which leaves the caller to sort. */
static int index_order(uint32_t *out, const uint32_t *idx, size_t n,
                       uint64_t *bits, size_t nbits)
{
    size_t words = (nbits + 63) / 64, k = 0;
    for (size_t i = 0; i < n; i++)
        bits[idx[i] >> 6] |= (uint64_t)1 << (idx[i] & 63);
    for (size_t wd = 0; wd < words; wd++) {
        uint64_t b = bits[wd];
        bits[wd] = 0;
        while (b && k < n) {
            out[k++] = (uint32_t)(wd * 64 + (size_t)__builtin_ctzll(b));
            b &= b - 1;
        }
    }
    return k == n;
}

/* v (in increasing index order) stably by date: counting sort over the
 * days from the first date to the last, when that span is not much
 * larger than n; else 0, and the caller merges. Both give the order of
 * cmp_by_date. */
static int counting_by_date(uint32_t *v, uint32_t *tmp, size_t n,
                            const sg_stance *st)
{
    if (n == 0)
        return 1;
    int32_t lo = st[v[0]].date, hi = lo;
    for (size_t i = 1; i < n; i++) {
        lo = st[v[i]].date < lo ? st[v[i]].date : lo;
        hi = st[v[i]].date > hi ? st[v[i]].date : hi;
    }
    uint64_t span = (uint64_t)((int64_t)hi - lo) + 1;
    if (span > 4 * (uint64_t)n + 65536)
        return 0;
    size_t *count = sg_zalloc((size_t)span + 1, sizeof *count);
    if (!count)
        return -1;
    for (size_t i = 0; i < n; i++)
        count[(size_t)((int64_t)st[v[i]].date - lo) + 1]++;
    for (size_t d = 1; d <= span; d++)
        count[d] += count[d - 1];
    for (size_t i = 0; i < n; i++)
        tmp[count[(size_t)((int64_t)st[v[i]].date - lo)]++] = v[i];
    memcpy(v, tmp, n * sizeof *v);
    free(count);
    return 1;
}

/* The statements to lay out, in order: the dated ones by date (ties in
 * corpus order); statement windows over an undated corpus take corpus
 * order. */
static int prepare(run_ctx *r)
{
    const sg_stance *st = r->c->stances;
    const sg_pairs *p = &r->base;
    size_t cap = p->nstances ? p->nstances : 1;
    r->order = sg_zalloc(cap, sizeof *r->order);
    uint32_t *tmp = sg_zalloc(cap, sizeof *tmp);
    uint64_t *bits = sg_zalloc((r->c->nstances + 63) / 64 + 1, sizeof *bits);
    int rc = 0;
    if (!r->order || !tmp || !bits) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* stance_idx is grouped by pair: put it back in corpus order first,
     * so that equal dates keep corpus order. */
    int sorted = index_order(tmp, p->stance_idx, p->nstances, bits,
                             r->c->nstances);
    if (!sorted)
        memcpy(tmp, p->stance_idx, p->nstances * sizeof *tmp);
    size_t dated = 0;
    for (size_t i = 0; i < p->nstances; i++)
        if (st[tmp[i]].date != SG_NO_DATE)
            r->order[dated++] = tmp[i];
    if (dated == 0 && r->l.ax != AXIS_POSITIONS) {
        rc = sg_seterr(SG_EINVALID, "no statement that passes the filters "
                                    "has a date: time windows need dates");
        goto cleanup;
    }
    if (dated == 0) {
        memcpy(r->order, tmp, p->nstances * sizeof *r->order);
        dated = p->nstances;
    }
    int counted = sorted ? counting_by_date(r->order, tmp, dated, st) : 0;
    if (counted < 0) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (!counted)
        sort_by_date(r->order, tmp, dated, st);
    r->n = dated;
    /* The dates in window order: cutting a window reads them in a row
     * instead of one corpus statement (a cache miss) each. */
    r->odate = sg_zalloc(dated ? dated : 1, sizeof *r->odate);
    if (!r->odate) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < dated; i++)
        r->odate[i] = st[r->order[i]].date;
cleanup:
    free(tmp);
    free(bits);
    return rc;
}

/* Dates of a window and its range [lo, hi) in r->order. */
typedef struct {
    int32_t start, end, middle;
    size_t mid_pos, lo, hi;
} span_at;

static int32_t date_at(const run_ctx *r, size_t pos)
{
    return r->c->stances[r->order[pos]].date;
}

/* The windows' middles: from the first date (first position) in steps to
 * the last; with indent, from half a width after the first to half a width
 * before the last. Appends them to t->windows with start/end/middle. */
static int lay_out(run_ctx *r, span_at **spans, size_t *nspans)
{
    const layout *l = &r->l;
    size_t cap = 0;
    *spans = NULL;
    *nspans = 0;
    if (r->n == 0)
        return 0;
    int32_t b = date_at(r, 0), e = date_at(r, r->n - 1);
    for (long k = 0;; k++) {
        span_at s = {0};
        if (l->ax == AXIS_POSITIONS) {
            long h = (long)floor(l->half);
            long base = r->o->indent ? h : 0;
            long mid = base + k * l->step;
            if (mid > (long)r->n - 1 - (r->o->indent ? h : 0) || mid < 0)
                break;
            s.mid_pos = (size_t)mid;
            s.lo = mid - h < 0 ? 0 : (size_t)(mid - h);
            s.hi = (size_t)(mid + h + 1 < (long)r->n ? mid + h + 1 : (long)r->n);
            s.middle = date_at(r, s.mid_pos);
            s.start = date_at(r, s.lo);
            s.end = date_at(r, s.hi - 1);
        } else if (l->ax == AXIS_DAYS) {
            long h = (long)floor(l->half);
            long base = (long)b + (r->o->indent ? (long)ceil(l->half) : 0);
            long last = (long)e - (r->o->indent ? (long)ceil(l->half) : 0);
            long mid = base + k * l->step;
            if (mid > last)
                break;
            s.middle = (int32_t)mid;
            s.start = (int32_t)(mid - h < b ? b : mid - h);
            s.end = (int32_t)(mid + h > e ? e : mid + h);
        } else {
            long h = (long)l->half;
            int32_t base = r->o->indent ? add_months(b, h) : b;
            int32_t last = r->o->indent ? add_months(e, -h) : e;
            int32_t mid = add_months(base, k * l->step);
            if (mid > last)
                break;
            int32_t lo = add_months(mid, -h), hi = add_months(mid, h);
            s.middle = mid;
            s.start = lo < b ? b : lo;
            s.end = hi > e ? e : hi;
        }
        if (*nspans >= 1000000)
            return sg_seterr(SG_ELIMIT, "more than a million windows: "
                                        "choose a larger --step");
        if (sg_grow(spans, &cap, *nspans + 1, sizeof **spans))
            return sg_seterr(SG_ENOMEM, "out of memory");
        (*spans)[(*nspans)++] = s;
    }
    /* Statement ranges of time windows, by two monotone pointers. */
    size_t lo = 0, hi = 0;
    for (size_t w = 0; l->ax != AXIS_POSITIONS && w < *nspans; w++) {
        span_at *s = &(*spans)[w];
        while (lo < r->n && date_at(r, lo) < s->start)
            lo++;
        if (hi < lo)
            hi = lo;
        while (hi < r->n && date_at(r, hi) <= s->end)
            hi++;
        s->lo = lo;
        s->hi = hi;
    }
    return 0;
}

/* ---- camps ------------------------------------------------------------ */

typedef struct {
    size_t overlap;
    uint32_t camp;
    size_t cluster;
} match;

static int cmp_match(const void *x, const void *y)
{
    const match *a = x, *b = y;
    if (a->overlap != b->overlap)
        return a->overlap > b->overlap ? -1 : 1;
    if (a->camp != b->camp)
        return a->camp < b->camp ? -1 : 1;
    return (a->cluster > b->cluster) - (a->cluster < b->cluster);
}

/* Number this window's coalitions: each takes the camp of the previous
 * window (with camps) it shares the most actors with, greedily by overlap
 * (ties: lower camp number, then larger coalition); the others get new
 * numbers, largest coalition first. */
static int assign_camps(run_ctx *r, size_t w, const sg_analysis *a,
                        const uint32_t *actor_of)
{
    sg_timeline *t = r->t;
    size_t k = a->ncoalitions, na = a->actors->nnodes;
    uint32_t *row = &t->camp[w * t->nactors];
    const uint32_t *prev =
        r->prev_window >= 0 ? &t->camp[(size_t)r->prev_window * t->nactors]
                            : NULL;
    uint32_t *camp_of = sg_zalloc(k ? k : 1, sizeof *camp_of);
    match *m = NULL;
    size_t nm = 0, cap = 0;
    int rc = 0;
    if (!camp_of) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    /* Overlaps, counted through a small sorted list per coalition: the
     * pairs (cluster, previous camp) of every actor in both. */
    for (size_t i = 0; prev && i < na; i++) {
        uint32_t pc = prev[actor_of[i]];
        if (!pc || a->membership[i] < 0)
            continue;
        if (sg_grow(&m, &cap, nm + 1, sizeof *m)) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            goto cleanup;
        }
        m[nm++] = (match){1, pc, (size_t)a->membership[i]};
    }
    /* Merge equal (camp, cluster) pairs into counts. */
    if (nm) {
        qsort(m, nm, sizeof *m, cmp_match); /* all overlaps are 1 here */
        size_t out = 0;
        for (size_t i = 0; i < nm; i++) {
            if (out && m[out - 1].camp == m[i].camp &&
                m[out - 1].cluster == m[i].cluster)
                m[out - 1].overlap++;
            else
                m[out++] = m[i];
        }
        nm = out;
        qsort(m, nm, sizeof *m, cmp_match);
    }
    unsigned char *taken = sg_zalloc(t->ncamps + 1, 1);
    if (!taken) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < nm; i++)
        if (!camp_of[m[i].cluster] && !taken[m[i].camp]) {
            camp_of[m[i].cluster] = m[i].camp;
            taken[m[i].camp] = 1;
        }
    free(taken);
    for (size_t c = 0; c < k; c++)
        if (!camp_of[c])
            camp_of[c] = (uint32_t)++t->ncamps;
    size_t moved = 0;
    for (size_t i = 0; i < na; i++) {
        if (a->membership[i] < 0)
            continue;
        uint32_t ai = actor_of[i], c = camp_of[a->membership[i]];
        row[ai] = c;
        moved += r->last_camp[ai] && r->last_camp[ai] != c;
        r->last_camp[ai] = c;
    }
    t->windows[w].moved = moved;
    if (k)
        r->prev_window = (long)w;

cleanup:
    free(camp_of);
    free(m);
    return rc;
}

/* ---- one window ------------------------------------------------------- */

static int cmp_tie(const void *x, const void *y)
{
    const sg_timeline_tie *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

/* Record the ties of `net` for window w, nodes interned by id. */
static int record_ties(run_ctx *r, const sg_network *net)
{
    sg_timeline *t = r->t;
    size_t first = t->tie_start[t->nwindows];
    uint32_t *ix = sg_zalloc(net->nnodes ? net->nnodes : 1, sizeof *ix);
    if (!ix)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = 0;
    for (size_t i = 0; i < net->nnodes && !rc; i++) {
        size_t v;
        rc = intern(r, &r->node_ix, &t->node_id, &t->nnodes, &r->cap_nodes,
                    net->node_id[i]);
        if (!rc && sg_strmap_get(&r->node_ix, net->node_id[i], &v))
            ix[i] = (uint32_t)v;
    }
    /* One spare slot: the array exists even while no window has a tie. */
    if (!rc && sg_grow(&t->ties, &r->cap_ties, first + net->nedges + 1,
                       sizeof *t->ties))
        rc = sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t e = 0; !rc && e < net->nedges; e++) {
        uint32_t a = ix[net->edge_from[e]], b = ix[net->edge_to[e]];
        t->ties[first + e] =
            (sg_timeline_tie){a < b ? a : b, a < b ? b : a, net->net[e]};
    }
    if (!rc) {
        qsort(t->ties + first, net->nedges, sizeof *t->ties, cmp_tie);
        t->tie_start[t->nwindows + 1] = first + net->nedges;
    }
    free(ix);
    return rc;
}

/* The window's statements into r->view, in corpus order, with their kernel
 * weights in r->vmult; *m receives how many. The weights are summed in
 * window order into the window's figures; then the statements' bits are
 * set in r->inwin and read back (and cleared) in index order, which costs
 * the window plus one bit per corpus statement, not a pass over the
 * corpus. On a time axis a weight depends on the date alone and is
 * computed again from it there, by the same expression (bit for bit);
 * statement windows keep theirs in r->mult by corpus index. Writing a
 * corpus-sized array at random made a page fault per page after every
 * fork of the consensus workers. */
static void cut_window(run_ctx *r, const span_at *s, size_t lo, size_t hi,
                       size_t *m)
{
    sg_window *win = &r->t->windows[r->t->nwindows];
    const sg_stance *st = r->c->stances;
    int by_pos = r->l.ax == AXIS_POSITIONS;
    for (size_t i = lo; i < hi; i++) {
        uint32_t ix = r->order[i];
        double u = standardised(&r->l, r->odate[i], i, s->middle, s->mid_pos);
        double k = sg_kernel_weight(r->o->kernel, u);
        if (by_pos)
            r->mult[ix] = k;
        win->statements += k > 0;
        win->weight += k;
        r->inwin[ix >> 6] |= (uint64_t)1 << (ix & 63);
    }
    size_t n = 0, words = (r->c->nstances + 63) / 64;
    for (size_t wd = 0; wd < words && n < hi - lo; wd++) {
        uint64_t bits = r->inwin[wd];
        r->inwin[wd] = 0;
        while (bits) {
            size_t ix = wd * 64 + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            r->view[n] = st[ix];
            if (by_pos) {
                r->vmult[n++] = r->mult[ix];
                r->mult[ix] = 0;
            } else {
                double u = standardised(&r->l, st[ix].date, 0, s->middle,
                                        s->mid_pos);
                r->vmult[n++] = sg_kernel_weight(r->o->kernel, u);
            }
        }
    }
    *m = n;
}

/* Window s's statements into r->view (cut_window): those of its span,
 * or every one under the Gaussian kernel, whose weight is never 0. */
static void cut_span(run_ctx *r, const span_at *s, size_t *m)
{
    if (r->o->kernel == SG_KERNEL_GAUSSIAN)
        cut_window(r, s, 0, r->n, m);
    else
        cut_window(r, s, s->lo, s->hi, m);
}

/* Whether window s holds the statements [lo, hi) of the window before it
 * with the same weights: the same range under the uniform kernel, whose
 * weight does not depend on the distance from the middle. */
static int same_statements(const run_ctx *r, const span_at *s, size_t lo,
                           size_t hi)
{
    return r->o->kernel == SG_KERNEL_UNIFORM && s->lo == lo && s->hi == hi;
}

static int same_as_previous(const run_ctx *r, const span_at *s)
{
    return r->have_prev && same_statements(r, s, r->prev_lo, r->prev_hi);
}

/* DNA's polarization of a window's view, with its weights, into *out;
 * left NaN beyond the size polarization accepts. */
static int window_polarization(double *out, const run_ctx *r,
                               const sg_corpus *view,
                               const sg_network_options *o)
{
    sg_polarization_options po;
    sg_polarization_options_init(&po);
    po.seed = r->copts.seed;
    sg_polarization *pol = NULL;
    *out = NAN;
    int rc = sg_polarization_compute(&pol, view, o, &po);
    if (rc == SG_ELIMIT) {
        sg_error_clear();
        return 0;
    }
    if (!rc && pol->defined)
        *out = pol->score;
    sg_polarization_free(pol);
    return rc;
}

/* A window's statements as a corpus of its own (cut by cut_window): the
 * same entities and sources, its own statements. They passed the filters
 * and lost their duplicates over the whole corpus already (DNA removes
 * duplicates before it cuts windows); the filters pass them again
 * unchanged. */
static void window_view(sg_corpus *view, sg_network_options *o,
                        const run_ctx *r, size_t m)
{
    *view = *r->c;
    view->stances = r->view;
    view->nstances = m;
    *o = r->nopts;
    o->stance_weight = r->vmult;
    o->duplicates = SG_DUP_INCLUDE;
}

/* Every window's polarization into out[] (one double per window), for a
 * child process that works beside the analyses: it cuts the windows into
 * its own copy of the view. A window with the previous window's
 * statements and weights takes its value, as run_window does. */
typedef struct {
    run_ctx *r;
    const span_at *spans;
    size_t nspans;
} polar_job;

static int polar_all(void *ctx, void *out)
{
    polar_job *j = ctx;
    run_ctx *r = j->r;
    double *pol = out;
    int rc = 0;
    for (size_t w = 0; w < j->nspans && !rc; w++) {
        const span_at *s = &j->spans[w];
        size_t m = 0;
        if (w > 0 &&
            same_statements(r, s, j->spans[w - 1].lo, j->spans[w - 1].hi)) {
            pol[w] = pol[w - 1];
            continue;
        }
        cut_span(r, s, &m);
        sg_corpus view;
        sg_network_options o;
        window_view(&view, &o, r, m);
        rc = window_polarization(&pol[w], r, &view, &o);
    }
    return rc;
}

static int run_window(run_ctx *r, const span_at *s)
{
    sg_timeline *t = r->t;
    size_t w = t->nwindows;
    sg_window *win = &t->windows[w];
    memset(win, 0, sizeof *win);
    win->start = s->start;
    win->end = s->end;
    win->middle = s->middle;
    win->modularity = win->balance = win->frustration = NAN;
    win->polarization = NAN;
    size_t m = 0;
    cut_span(r, s, &m);
    int reuse = same_as_previous(r, s);
    sg_analysis *a = reuse ? r->prev_a : NULL;
    sg_network *extra = reuse ? r->prev_extra : NULL;
    double polarization = reuse ? r->prev_polarization : NAN;
    uint32_t *actor_of = NULL;
    sg_corpus view;
    sg_network_options o;
    window_view(&view, &o, r, m);
    int rc = 0;
    if (!reuse) {
        sg_analysis_free(r->prev_a);
        sg_network_free(r->prev_extra);
        r->prev_a = NULL;
        r->prev_extra = NULL;
        r->have_prev = 0;
        if ((rc = sg_analysis_run(&a, &view, &o, &r->copts)))
            goto cleanup;
        /* Unless a child process computes them all (polar_all). */
        if (!r->polar_apart &&
            (rc = window_polarization(&polarization, r, &view, &o)))
            goto cleanup;
        if (r->o->ties == SG_NET_PROPOSALS) {
            sg_network_options po2 = o;
            po2.kind = SG_NET_PROPOSALS;
            if ((rc = sg_network_build(&extra, &view, &po2)))
                goto cleanup;
        }
    }
    const sg_network *an = a->actors;
    actor_of = sg_zalloc(an->nnodes ? an->nnodes : 1, sizeof *actor_of);
    if (!actor_of) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < an->nnodes; i++) {
        size_t v = 0;
        if (!sg_strmap_get(&r->actor_ix, an->node_id[i], &v)) {
            rc = sg_seterr(SG_EINTERNAL, "window actor \"%s\" unknown",
                           an->node_id[i]);
            goto cleanup;
        }
        actor_of[i] = (uint32_t)v;
    }
    for (size_t i = 0; i < a->stances->nnodes; i++) {
        win->actors += a->stances->node_kind[i] == SG_ACTOR;
        win->proposals += a->stances->node_kind[i] == SG_PROPOSAL;
    }
    win->positive = a->graph.positive;
    win->negative = a->graph.negative;
    win->coalitions = a->ncoalitions;
    win->modularity = a->graph.modularity;
    win->balance = a->graph.balance;
    win->frustration = a->graph.edges ? a->graph.frustration : NAN;
    win->polarization = polarization;
    if ((rc = assign_camps(r, w, a, actor_of)))
        goto cleanup;
    const sg_network *tied = r->o->ties == SG_NET_STANCES   ? a->stances
                             : r->o->ties == SG_NET_PROPOSALS ? extra
                                                              : an;
    if (!r->o->no_ties && (rc = record_ties(r, tied)))
        goto cleanup;
    /* Kept for the next window, which may hold the same statements. */
    r->prev_a = a;
    r->prev_extra = extra;
    r->prev_polarization = polarization;
    r->prev_lo = s->lo;
    r->prev_hi = s->hi;
    r->have_prev = 1;
    a = NULL;
    extra = NULL;

cleanup:
    if (a != r->prev_a)
        sg_analysis_free(a);
    if (extra != r->prev_extra)
        sg_network_free(extra);
    free(actor_of);
    return rc;
}

/* ---- phases ----------------------------------------------------------- */

/* L1 distance of two windows' tie vectors, each scaled to a total |net| of
 * 1 so that busier windows are not farther by volume alone (DNA's phase
 * transitions normalise the matrices to sum 1 the same way). */
static double distance(const sg_timeline *t, const double *total, size_t i,
                       size_t j)
{
    const sg_timeline_tie *x = t->ties + t->tie_start[i],
                          *xe = t->ties + t->tie_start[i + 1];
    const sg_timeline_tie *y = t->ties + t->tie_start[j],
                          *ye = t->ties + t->tie_start[j + 1];
    double sx = total[i] > 0 ? 1 / total[i] : 0;
    double sy = total[j] > 0 ? 1 / total[j] : 0;
    double d = 0;
    while (x < xe || y < ye) {
        int c = x == xe ? 1 : y == ye ? -1 : cmp_tie(x, y);
        if (c < 0)
            d += fabs(x++->net) * sx;
        else if (c > 0)
            d += fabs(y++->net) * sy;
        else
            d += fabs(x++->net * sx - y++->net * sy);
    }
    return d;
}

/* A tie's sign in a phase: +1/-1 when it held with that sign in at least
 * half of the phase's windows, else 0. Computed for every tie of the phase
 * by merging its windows' sorted tie lists. */
typedef struct {
    uint32_t a, b;
    int sign;
} phase_tie;

static int phase_ties(const sg_timeline *t, size_t first, size_t last,
                      phase_tie **out, size_t *nout)
{
    size_t total = t->tie_start[last + 1] - t->tie_start[first];
    sg_timeline_tie *all = sg_zalloc(total ? total : 1, sizeof *all);
    phase_tie *res = sg_zalloc(total ? total : 1, sizeof *res);
    if (!all || !res) {
        free(all);
        free(res);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    memcpy(all, t->ties + t->tie_start[first], total * sizeof *all);
    qsort(all, total, sizeof *all, cmp_tie);
    size_t n = 0, windows = last - first + 1;
    for (size_t i = 0; i < total;) {
        size_t j = i, pos = 0, neg = 0;
        while (j < total && cmp_tie(&all[i], &all[j]) == 0) {
            pos += all[j].net > 0;
            neg += all[j].net < 0;
            j++;
        }
        int sign = 2 * pos >= windows ? 1 : 2 * neg >= windows ? -1 : 0;
        if (sign)
            res[n++] = (phase_tie){all[i].a, all[i].b, sign};
        i = j;
    }
    free(all);
    *out = res;
    *nout = n;
    return 0;
}

static int cmp_phase_tie(const void *x, const void *y)
{
    const phase_tie *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

/* Most frequent camp of actor a over windows first..last (ties: lower
 * number); 0 when never present. */
static uint32_t modal_camp(const sg_timeline *t, size_t a, size_t first,
                           size_t last, size_t *count)
{
    memset(count, 0, (t->ncamps + 1) * sizeof *count);
    for (size_t w = first; w <= last; w++)
        count[t->camp[w * t->nactors + a]]++;
    uint32_t best = 0;
    for (size_t c = 1; c <= t->ncamps; c++)
        if (count[c] > count[best] || (best == 0 && count[c]))
            best = (uint32_t)c;
    return best;
}

static int describe_phases(sg_timeline *t)
{
    phase_tie *prev = NULL, *cur = NULL;
    size_t nprev = 0, ncur = 0;
    size_t *count = sg_zalloc(t->ncamps + 1, sizeof *count);
    uint32_t *pcamp = sg_zalloc(t->nactors ? t->nactors : 1, sizeof *pcamp);
    int rc = 0;
    if (!count || !pcamp) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t p = 0; p < t->nphases && !rc; p++) {
        sg_phase *ph = &t->phases[p];
        ph->start = t->windows[ph->first].middle;
        ph->end = t->windows[ph->last].middle;
        if ((rc = phase_ties(t, ph->first, ph->last, &cur, &ncur)))
            break;
        if (p > 0) {
            size_t i = 0, j = 0;
            while (i < nprev || j < ncur) {
                int c = i == nprev  ? 1
                        : j == ncur ? -1
                                    : cmp_phase_tie(&prev[i], &cur[j]);
                if (c < 0) {
                    ph->lost++;
                    i++;
                } else if (c > 0) {
                    ph->gained++;
                    j++;
                } else {
                    if (prev[i].sign != cur[j].sign) {
                        ph->lost++;
                        ph->gained++;
                    }
                    i++;
                    j++;
                }
            }
        }
        ph->moved = sg_zalloc(t->nactors ? t->nactors : 1, sizeof *ph->moved);
        if (!ph->moved) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            break;
        }
        for (size_t a = 0; a < t->nactors; a++) {
            uint32_t c = modal_camp(t, a, ph->first, ph->last, count);
            if (p > 0 && c && pcamp[a] && c != pcamp[a])
                ph->moved[ph->nmoved++] = (uint32_t)a;
            if (c)
                pcamp[a] = c;
        }
        free(prev);
        prev = cur;
        nprev = ncur;
        cur = NULL;
    }

cleanup:
    free(prev);
    free(cur);
    free(count);
    free(pcamp);
    return rc;
}

/* Split the windows into K consecutive phases minimising the summed
 * within-phase dispersion, sum over phases of (sum of pairwise distances
 * in the phase) / (its size): the k-means criterion written with pairwise
 * distances, solved exactly by dynamic programming over the boundaries.
 * O(W^2 ties) for the distances, O(K W^2) for the split. */
static int find_phases(sg_timeline *t, size_t k)
{
    size_t n = t->nwindows;
    if (k > n)
        return sg_seterr(SG_EUSAGE, "--phases %zu: only %zu windows", k, n);
    double *total = sg_zalloc(n, sizeof *total);
    double *pre = sg_zalloc((n + 1) * (n + 1), sizeof *pre); /* 2-D prefix */
    double *best = sg_zalloc((k + 1) * (n + 1), sizeof *best);
    size_t *from = sg_zalloc((k + 1) * (n + 1), sizeof *from);
    int rc = 0;
    if (!total || !pre || !best || !from) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t w = 0; w < n; w++)
        for (size_t e = t->tie_start[w]; e < t->tie_start[w + 1]; e++)
            total[w] += fabs(t->ties[e].net);
    /* pre[(i+1)(n+1) + (j+1)] = sum of d(a, b) over a <= i, b <= j. */
    size_t N = n + 1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            double d = i < j ? distance(t, total, i, j)
                       : i > j ? pre[(j + 1) * N + (i + 1)] -
                                     pre[j * N + (i + 1)] -
                                     pre[(j + 1) * N + i] + pre[j * N + i]
                               : 0;
            pre[(i + 1) * N + (j + 1)] =
                d + pre[i * N + (j + 1)] + pre[(i + 1) * N + j] - pre[i * N + j];
        }
#define SEGSUM(a, b) /* sum of d over pairs within windows a..b-1, twice */ \
    (pre[(b) * N + (b)] - pre[(a) * N + (b)] - pre[(b) * N + (a)] +          \
     pre[(a) * N + (a)])
    for (size_t j = 0; j <= n; j++)
        best[j] = j ? INFINITY : 0;
    for (size_t p = 1; p <= k; p++)
        for (size_t j = 0; j <= n; j++) {
            best[p * N + j] = INFINITY;
            for (size_t i = p - 1; i < j; i++) {
                double prev = best[(p - 1) * N + i];
                if (prev == INFINITY)
                    continue;
                double c = prev + SEGSUM(i, j) / (2.0 * (double)(j - i));
                /* Strictly better only: the earliest boundary wins ties,
                 * the same on every machine. */
                if (c < best[p * N + j] - 1e-12) {
                    best[p * N + j] = c;
                    from[p * N + j] = i;
                }
            }
        }
#undef SEGSUM
    t->phases = sg_zalloc(k, sizeof *t->phases);
    if (!t->phases) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    t->nphases = k;
    for (size_t p = k, j = n; p > 0; p--) {
        size_t i = from[p * N + j];
        t->phases[p - 1].first = i;
        t->phases[p - 1].last = j - 1;
        j = i;
    }
    rc = describe_phases(t);

cleanup:
    free(total);
    free(pre);
    free(best);
    free(from);
    return rc;
}

/* ---- entry points ----------------------------------------------------- */

int sg_timeline_options_check(const sg_timeline_options *opts)
{
    layout l;
    if (opts->ties != SG_NET_ACTORS && opts->ties != SG_NET_PROPOSALS &&
        opts->ties != SG_NET_STANCES)
        return sg_seterr(SG_EUSAGE, "timeline: unknown network kind");
    if ((unsigned)opts->kernel > SG_KERNEL_GAUSSIAN)
        return sg_seterr(SG_EUSAGE, "timeline: unknown kernel");
    if (opts->phases == 1)
        return sg_seterr(SG_EUSAGE, "--phases must be at least 2");
    if (opts->phases && opts->no_ties)
        return sg_seterr(SG_EUSAGE,
                         "timeline: phases compare the windows' ties, "
                         "which no_ties leaves unrecorded");
    return make_layout(&l, opts);
}

void sg_timeline_free(sg_timeline *t)
{
    if (!t)
        return;
    free(t->windows);
    free(t->actor_id);
    free(t->camp);
    free(t->node_id);
    free(t->ties);
    free(t->tie_start);
    for (size_t p = 0; p < t->nphases; p++)
        free(t->phases[p].moved);
    free(t->phases);
    if (t->priv) {
        sg_arena_free(&t->priv->arena);
        free(t->priv);
    }
    free(t);
}

/* Wait for polar_all's child. An error of this process (rc) comes first:
 * the child, whose windows are no longer wanted, is stopped at once. */
static int polar_wait(sg_child *c, double *pol, size_t nspans, int rc)
{
    if (!rc)
        return sg_child_wait(c, pol, nspans * sizeof *pol);
    sg_child_cancel(c);
    return rc;
}

int sg_timeline_run(sg_timeline **out, const sg_corpus *corpus,
                    const sg_network_options *nopts,
                    const sg_coalition_options *copts,
                    const sg_timeline_options *topts)
{
    *out = NULL;
    run_ctx r;
    memset(&r, 0, sizeof r);
    r.c = corpus;
    r.o = topts;
    r.prev_window = -1;
    sg_strmap_init(&r.actor_ix);
    sg_strmap_init(&r.node_ix);
    span_at *spans = NULL;
    size_t nspans = 0, acap = 0;
    double *pol = NULL;
    polar_job pj;
    sg_child polar_child;
    int polar_started = 0;
    int rc;
    if (nopts)
        r.nopts = *nopts;
    else
        sg_network_options_init(&r.nopts);
    if (copts)
        r.copts = *copts;
    else
        sg_coalition_options_init(&r.copts);
    r.copts.skip_proposal_betweenness = 1;
    r.copts.skip_centrality = 1;
    r.copts.progress = NULL;
    if (r.nopts.stance_weight)
        return sg_seterr(SG_EUSAGE, "timeline: the network options must not "
                                    "carry stance weights");
    if ((rc = sg_timeline_options_check(topts)) ||
        (rc = make_layout(&r.l, topts)))
        return rc;
    sg_timeline *t = calloc(1, sizeof *t);
    if (!t || !(t->priv = calloc(1, sizeof *t->priv))) {
        free(t);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    sg_arena_init(&t->priv->arena);
    t->opts = *topts;
    r.t = t;
    r.nopts.kind = SG_NET_ACTORS;
    if ((rc = sg_pairs_build(&r.base, corpus, &r.nopts)) ||
        (rc = prepare(&r)) || (rc = lay_out(&r, &spans, &nspans)))
        goto cleanup;
    for (size_t a = 0; a < r.base.nactors && !rc; a++)
        rc = intern(&r, &r.actor_ix, &t->actor_id, &t->nactors, &acap,
                    r.base.actor_id[a]);
    if (rc)
        goto cleanup;
    rc = SG_ENOMEM;
    r.mult = sg_zalloc(r.l.ax == AXIS_POSITIONS && corpus->nstances
                           ? corpus->nstances
                           : 1,
                       sizeof *r.mult);
    r.inwin = sg_zalloc((corpus->nstances + 63) / 64 + 1, sizeof *r.inwin);
    /* The view holds the widest window (every statement under the
     * Gaussian kernel). */
    size_t widest = topts->kernel == SG_KERNEL_GAUSSIAN ? r.n : 0;
    for (size_t w = 0; w < nspans; w++)
        widest = spans[w].hi - spans[w].lo > widest ? spans[w].hi - spans[w].lo
                                                    : widest;
    r.view = sg_zalloc(widest ? widest : 1, sizeof *r.view);
    r.vmult = sg_zalloc(widest ? widest : 1, sizeof *r.vmult);
    r.last_camp = sg_zalloc(t->nactors ? t->nactors : 1, sizeof *r.last_camp);
    t->windows = sg_zalloc(nspans ? nspans : 1, sizeof *t->windows);
    t->camp = sg_zalloc(nspans * t->nactors + 1,
                        sizeof *t->camp);
    t->tie_start = sg_zalloc(nspans + 1, sizeof *t->tie_start);
    if (!r.mult || !r.inwin || !r.view || !r.vmult || !r.last_camp || !t->windows || !t->camp || !t->tie_start) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    rc = 0;
    /* Polarization is a fifth of a window's work and needs nothing of its
     * analysis: with two threads or more, a child process computes every
     * window's while this one runs the analyses. Each value is computed
     * from the same view as in order, so the output does not depend on
     * the threads. */
    if (sg_threads_get() >= 2 && nspans >= 2) {
        pol = sg_zalloc(nspans, sizeof *pol);
        if (!pol) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            goto cleanup;
        }
        pj = (polar_job){&r, spans, nspans};
        if ((rc = sg_child_start(&polar_child, polar_all, &pj, pol,
                                 nspans * sizeof *pol)))
            goto cleanup;
        polar_started = 1;
        r.polar_apart = 1;
    }
    for (size_t w = 0; w < nspans && !rc; w++) {
        rc = run_window(&r, &spans[w]);
        if (!rc)
            t->nwindows++;
    }
    if (polar_started) {
        polar_started = 0;
        rc = polar_wait(&polar_child, pol, nspans, rc);
        for (size_t w = 0; !rc && w < t->nwindows; w++)
            t->windows[w].polarization = pol[w];
    }
    if (!rc && topts->phases >= 2)
        rc = find_phases(t, topts->phases);
    if (!rc) {
        *out = t;
        t = NULL;
    }

cleanup:
    if (polar_started)
        rc = polar_wait(&polar_child, pol, nspans, rc);
    free(pol);
    sg_timeline_free(t);
    sg_pairs_free(&r.base);
    sg_strmap_free(&r.actor_ix);
    sg_strmap_free(&r.node_ix);
    free(r.order);
    free(r.odate);
    free(r.mult);
    free(r.inwin);
    free(r.view);
    free(r.vmult);
    sg_analysis_free(r.prev_a);
    sg_network_free(r.prev_extra);
    free(r.last_camp);
    free(spans);
    return rc;
}

/* ---- dynamic columns for exports -------------------------------------- */

/* The days window w stands for on a timeline: from its middle to the day
 * before the next window's middle (the last: one step), so that windows
 * tile the period and consecutive ones merge into one spell. */
static void slot(const sg_timeline *t, size_t w, int32_t *from, int32_t *to)
{
    int32_t mid = t->windows[w].middle, next;
    if (w + 1 < t->nwindows) {
        next = t->windows[w + 1].middle;
    } else {
        layout l;
        make_layout(&l, &t->opts);
        next = l.ax == AXIS_MONTHS ? add_months(mid, l.step)
               : l.ax == AXIS_DAYS ? mid + (int32_t)l.step
                                   : mid + 1;
    }
    *from = mid;
    *to = next - 1 > mid ? next - 1 : mid;
}

typedef struct {
    char *s;
    size_t len, cap;
} text;

static int put(text *b, const char *s)
{
    size_t n = strlen(s);
    if (sg_grow(&b->s, &b->cap, b->len + n + 1, 1))
        return sg_seterr(SG_ENOMEM, "out of memory");
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
    return 0;
}

/* Runs of windows: value[w] (NAN = absent) as "FROM/TO" (with_value 0) or
 * "FROM/TO=VALUE" entries joined by ';', consecutive windows with equal
 * values merged. Empty when never present. */
static int runs(text *b, const sg_timeline *t, const double *value,
                int with_value)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
    for (size_t w = 0; w < t->nwindows;) {
        if (isnan(value[w])) {
            w++;
            continue;
        }
        size_t e = w;
        while (e + 1 < t->nwindows && !isnan(value[e + 1]) &&
               (!with_value || value[e + 1] == value[w]))
            e++;
        int32_t from, to, unused;
        slot(t, w, &from, &unused);
        slot(t, e, &unused, &to);
        char a[16], z[16], v[40], item[80];
        sg_date_format(a, from);
        sg_date_format(z, to);
        if (with_value) {
            sg_format_double(v, sizeof v, value[w]);
            snprintf(item, sizeof item, "%s%s/%s=%s", b->len ? ";" : "", a, z,
                     v);
        } else {
            snprintf(item, sizeof item, "%s%s/%s", b->len ? ";" : "", a, z);
        }
        int rc = put(b, item);
        if (rc)
            return rc;
        w = e + 1;
    }
    return 0;
}

typedef struct {
    uint64_t key; /* timeline node pair, smaller first */
    size_t edge;
} edge_key;

static int cmp_edge_key(const void *x, const void *y)
{
    uint64_t a = ((const edge_key *)x)->key, b = ((const edge_key *)y)->key;
    return (a > b) - (a < b);
}

static long find_key(const edge_key *keys, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keys[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && keys[lo].key == key ? (long)lo : -1;
}

int sg_timeline_annotate(sg_network *net, const sg_timeline *t)
{
    size_t nw = t->nwindows;
    sg_strmap ix;
    sg_strmap_init(&ix);
    long *node_of = NULL;  /* timeline node -> net node, or -1 */
    long *tl_of = NULL;    /* net node -> timeline node, or -1 */
    long *actor_of = NULL; /* net node -> timeline actor, or -1 */
    edge_key *keys = NULL;
    double *val = NULL, *active = NULL;
    text b = {0};
    size_t nkeys = 0;
    int rc = SG_ENOMEM;
    node_of = sg_zalloc(t->nnodes + 1, sizeof *node_of);
    tl_of = sg_zalloc(net->nnodes + 1, sizeof *tl_of);
    actor_of = sg_zalloc(net->nnodes + 1, sizeof *actor_of);
    val = sg_zalloc(nw + 1, sizeof *val);
    if (!node_of || !tl_of || !actor_of || !val)
        goto nomem;
    for (size_t i = 0; i < t->nnodes; i++) {
        node_of[i] = sg_network_find_node(net, t->node_id[i]);
        if (sg_strmap_put(&ix, t->node_id[i], i))
            goto nomem;
    }
    sg_strmap actors;
    sg_strmap_init(&actors);
    for (size_t a = 0; a < t->nactors; a++)
        if (sg_strmap_put(&actors, t->actor_id[a], a)) {
            sg_strmap_free(&actors);
            goto nomem;
        }
    for (size_t v = 0; v < net->nnodes; v++) {
        size_t k;
        tl_of[v] = sg_strmap_get(&ix, net->node_id[v], &k) ? (long)k : -1;
        actor_of[v] = net->node_kind[v] == SG_ACTOR &&
                              sg_strmap_get(&actors, net->node_id[v], &k)
                          ? (long)k
                          : -1;
    }
    sg_strmap_free(&actors);

    /* Ties that held in a window but are not in the network (their
     * statements balance out over the whole period, or a bound dropped
     * them) join it, weighted by their strongest window. */
    keys = sg_zalloc(net->nedges + t->tie_start[nw] + 1, sizeof *keys);
    if (!keys)
        goto nomem;
    for (size_t e = 0; e < net->nedges; e++) {
        long a = tl_of[net->edge_from[e]], c = tl_of[net->edge_to[e]];
        if (a < 0 || c < 0)
            continue;
        uint64_t lo = (uint64_t)(a < c ? a : c), hi = (uint64_t)(a < c ? c : a);
        keys[nkeys++] = (edge_key){lo << 32 | hi, e};
    }
    qsort(keys, nkeys, sizeof *keys, cmp_edge_key);
    size_t base = nkeys;
    for (size_t i = 0; i < t->tie_start[nw]; i++) {
        const sg_timeline_tie *x = &t->ties[i];
        uint64_t key = (uint64_t)x->a << 32 | x->b;
        if (node_of[x->a] >= 0 && node_of[x->b] >= 0 &&
            find_key(keys, base, key) < 0)
            keys[nkeys++] = (edge_key){key, 0};
    }
    /* The new ones once each, in pair order, weighted by their strongest
     * window. */
    qsort(keys + base, nkeys - base, sizeof *keys, cmp_edge_key);
    size_t added = base;
    for (size_t j = base; j < nkeys; j++)
        if (j == base || keys[j].key != keys[j - 1].key)
            keys[added++] = keys[j];
    nkeys = added;
    size_t first_new = net->nedges;
    for (size_t j = base; j < nkeys; j++) {
        uint32_t a = (uint32_t)(keys[j].key >> 32), c = (uint32_t)keys[j].key;
        /* Weight 1 for now: the strongest window's below. */
        if ((rc = sg_network_add_edge(net, (size_t)node_of[a],
                                      (size_t)node_of[c], 1, 0,
                                      &keys[j].edge)))
            goto cleanup;
    }
    qsort(keys, nkeys, sizeof *keys, cmp_edge_key);

    sg_column *col[4];
    static const sg_colspec espec[2] = {{"spells", SG_COL_STRING},
                                        {"net_by_window", SG_COL_STRING}};
    static const sg_colspec nspec[2] = {{"spells", SG_COL_STRING},
                                        {"coalition_by_window", SG_COL_STRING}};
    if ((rc = sg_add_columns(net, SG_EDGES, espec, 2, col)) ||
        (rc = sg_add_columns(net, SG_NODES, nspec, 2, col + 2)))
        goto cleanup;
    /* Edges: per window the tie's net, NAN when it did not hold. */
    double *grid = sg_zalloc(nkeys * nw + 1, sizeof *grid);
    if (!grid)
        goto nomem;
    for (size_t i = 0; i < nkeys * nw; i++)
        grid[i] = NAN;
    for (size_t w = 0; w < nw; w++)
        for (size_t i = t->tie_start[w]; i < t->tie_start[w + 1]; i++) {
            long k = find_key(keys, nkeys,
                              (uint64_t)t->ties[i].a << 32 | t->ties[i].b);
            if (k >= 0)
                grid[(size_t)k * nw + w] = t->ties[i].net;
        }
    rc = 0;
    for (size_t k = 0; k < nkeys && !rc; k++) {
        size_t e = keys[k].edge;
        double most = 0;
        for (size_t w = 0; e >= first_new && w < nw; w++)
            if (fabs(grid[k * nw + w]) > most) /* false for NAN */
                most = fabs(grid[k * nw + w]);
        if (most > 0)
            net->weight[e] = most;
        if (!(rc = runs(&b, t, &grid[k * nw], 0)) && b.len)
            rc = sg_column_set_string(net, col[0], e, b.s);
        if (!rc && !(rc = runs(&b, t, &grid[k * nw], 1)) && b.len)
            rc = sg_column_set_string(net, col[1], e, b.s);
    }
    /* Nodes: active in a window when in a camp there (actors) or on a tie
     * there; actors' camps by window. */
    active = sg_zalloc(net->nnodes * nw + 1, sizeof *active);
    if (!rc && !active)
        rc = sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < net->nnodes * nw; i++)
        active[i] = NAN;
    for (size_t w = 0; !rc && w < nw; w++) {
        for (size_t i = t->tie_start[w]; i < t->tie_start[w + 1]; i++) {
            long a = node_of[t->ties[i].a], c = node_of[t->ties[i].b];
            if (a >= 0)
                active[(size_t)a * nw + w] = 1;
            if (c >= 0)
                active[(size_t)c * nw + w] = 1;
        }
        for (size_t v = 0; v < net->nnodes; v++)
            if (actor_of[v] >= 0 && t->camp[w * t->nactors + (size_t)actor_of[v]])
                active[v * nw + w] = 1;
    }
    for (size_t v = 0; !rc && v < net->nnodes; v++) {
        if (!(rc = runs(&b, t, &active[v * nw], 0)) && b.len)
            rc = sg_column_set_string(net, col[2], v, b.s);
        if (rc || actor_of[v] < 0)
            continue;
        for (size_t w = 0; w < nw; w++) {
            uint32_t c = t->camp[w * t->nactors + (size_t)actor_of[v]];
            val[w] = c ? (double)c : NAN;
        }
        if (!(rc = runs(&b, t, val, 1)) && b.len)
            rc = sg_column_set_string(net, col[3], v, b.s);
    }
    free(grid);
    goto cleanup;

nomem:
    rc = sg_seterr(SG_ENOMEM, "out of memory");
cleanup:
    sg_strmap_free(&ix);
    free(node_of);
    free(tl_of);
    free(actor_of);
    free(keys);
    free(val);
    free(active);
    free(b.s);
    return rc;
}
