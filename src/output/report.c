/* The HTML report (stancegraph/report.h). First a plan of what the page
 * holds, within its bounds: the drawn ties, each node's heaviest positions,
 * what each drawn tie's two ends agree and disagree on, and the statements
 * and sources those refer to. Then the page in one pass: the stylesheet
 * and script (src/output/report/, embedded at build time), and the data as
 * JSON, which the script draws. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "network/pairs.h"
#include "output/export_internal.h"
#include "output/report_assets.h"
#include "stancegraph/naming.h"
#include "stancegraph/report.h"

/* Budgets over the whole page, on top of the per-item bounds of
 * sg_report_options: they keep a parliament-sized corpus to a few
 * megabytes. Each node lists at least a few positions whatever the
 * budget; statements go to the listed positions in rounds (every node's
 * heaviest position and every tie's heaviest proposals first), so that
 * what is shown first has its quotes. */
#define BUDGET_POSITIONS 5000 /* listed positions of the drawn kind */
#define BUDGET_OTHER 1500     /* ... of the other kind */
#define BUDGET_ITEMS 5000     /* proposals (or actors) listed on ties */
#define BUDGET_STATEMENTS 6000
#define MAX_SOURCES 300 /* sources listed besides those quoted */

void sg_report_options_init(sg_report_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_ties = 2000;
    opts->max_positions = 40;
    opts->max_items = 25;
    opts->max_quotes = 10;
    sg_layout_options_init(&opts->layout);
}

/* One agreement or disagreement behind a tie: the proposal (or actor) they
 * meet on and the two pairs. */
typedef struct {
    uint32_t item, pa, pb;
    double w; /* for choosing the heaviest */
} tie_item;

typedef struct {
    tie_item *agree, *conflict;
    size_t nagree, nconflict, more_agree, more_conflict;
} tie_detail;

typedef struct {
    const sg_corpus *c;
    const sg_analysis *a;
    const sg_network *net;
    const sg_network_options *nopts;
    sg_report_options o;
    sg_pairs p;
    int have_pairs;
    size_t nunits; /* actor nodes in net (0 for the proposal network) */
    /* the drawing */
    double *xy;
    double *size;
    size_t *ties; /* drawn edges of net, ascending */
    size_t nties;
    tie_detail *detail; /* per drawn tie (one-mode) */
    size_t *tie_pair;   /* per drawn tie (two-mode): its pair */
    /* per actor unit, then per proposal: listed pairs */
    uint32_t **list;
    size_t *nlist;
    int lists_cut, stmts_cut;
    /* pairs, statements and sources the page holds: index on the page, or
     * -1; the inverse lists in page order */
    int32_t *pair_out, *stmt_out, *src_out;
    uint32_t *pairs, *stmts, *srcs;
    size_t npairs, nstmts, nsrcs, sources_used;
    size_t quotes_per_pair;
    int32_t first, last;
    char (*auto_names)[96]; /* the first AUTO_NAMES coalitions' names */
    size_t nauto;
    char *svg; /* the timeline chart */
    size_t svg_len;
} plan;

/* ---- helpers ------------------------------------------------------------ */

static int nomem(void)
{
    return sg_seterr(SG_ENOMEM, "out of memory");
}

typedef struct {
    double w;
    size_t i;
} ranked;

/* Heaviest first, then by index: a total order, so the page is the same
 * whatever qsort does with ties. */
static int cmp_ranked(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

static int cmp_tie_item(const void *x, const void *y)
{
    const tie_item *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    return (a->item > b->item) - (a->item < b->item);
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

static double pair_weight(const sg_pairs *p, size_t i)
{
    return p->support_w[i] + p->oppose_w[i];
}

/* Mark pair i as on the page. */
static void use_pair(plan *pl, size_t i)
{
    if (pl->pair_out[i] < 0) {
        pl->pair_out[i] = (int32_t)pl->npairs;
        pl->pairs[pl->npairs++] = (uint32_t)i;
    }
}

/* ---- which nodes are which ------------------------------------------------ */

/* The drawn network must be one of the analysis' pairs: actor units first,
 * then proposals, as sg_pairs_network() builds it. */
static int match_network(plan *pl)
{
    const sg_network *n = pl->net;
    const sg_pairs *p = &pl->p;
    size_t want = n->kind == SG_NET_ACTORS      ? p->nactors
                  : n->kind == SG_NET_PROPOSALS ? p->nproposals
                                                : p->nactors + p->nproposals;
    pl->nunits = n->kind == SG_NET_PROPOSALS ? 0 : p->nactors;
    int ok = n->nnodes == want &&
             pl->a->stances->nnodes == p->nactors + p->nproposals;
    for (size_t i = 0; ok && i < n->nnodes; i++) {
        const char *id =
            i < pl->nunits
                ? p->actor_id[i]
                : pl->c->proposals[p->proposal_entity[i - pl->nunits]].id;
        ok = strcmp(id, n->node_id[i]) == 0 &&
             strcmp(id, pl->a->stances->node_id[n->kind == SG_NET_PROPOSALS
                                                     ? p->nactors + i
                                                     : i]) == 0;
    }
    return ok ? 0
              : sg_seterr(SG_EINVALID, "report: the network does not come "
                                       "from this analysis and its options");
}

/* ---- positions ------------------------------------------------------------ */

/* Exact FR up to this many nodes (about 0.1 s), its grid variant above:
 * on 700 actors exact FR was a sixth of the whole report's time, and the
 * grid variant draws the same camps. */
#define REPORT_EXACT_LAYOUT 300

/* Coalitions named by what they stand for (each costs a pass over the
 * two-mode network); the rest are numbered, as in render. */
#define AUTO_NAMES 12

/* Node positions: the network's own x and y columns when it has them (an
 * export laid out before), else the library's layout of the ties the page
 * draws: what the reader sees pulls the nodes together, and a large
 * network costs the layout no more than its drawn ties (choose_ties runs
 * first). */
static int layout(plan *pl)
{
    const sg_network *n = pl->net;
    pl->xy = sg_zalloc(2 * n->nnodes + 1, sizeof *pl->xy);
    if (!pl->xy)
        return nomem();
    const sg_column *x = sg_network_column(n, SG_NODES, "x");
    const sg_column *y = sg_network_column(n, SG_NODES, "y");
    if (x && y && x->type != SG_COL_STRING && y->type != SG_COL_STRING) {
        int all = 1;
        for (size_t i = 0; i < n->nnodes && all; i++)
            all = !x->missing[i] && !y->missing[i];
        if (all) {
            for (size_t i = 0; i < n->nnodes; i++) {
                pl->xy[2 * i] = x->num[i];
                pl->xy[2 * i + 1] = y->num[i];
            }
            return 0;
        }
    }
    unsigned char *drawn = sg_zalloc(n->nedges + 1, 1);
    if (!drawn)
        return nomem();
    for (size_t t = 0; t < pl->nties; t++)
        drawn[pl->ties[t]] = 1;
    sg_layout_options lo = pl->o.layout;
    lo.ties = drawn;
    if (!lo.exact_max)
        lo.exact_max = REPORT_EXACT_LAYOUT;
    int rc = sg_layout_compute(pl->xy, n, &lo);
    free(drawn);
    return rc;
}

/* ---- the drawn ties ------------------------------------------------------- */

/* All ties when they fit; otherwise the strongest k of every node, with
 * the largest k that fits, so that every node keeps its main ties; when
 * even k = 1 is too many, the strongest of those. */
static int choose_ties(plan *pl)
{
    const sg_network *n = pl->net;
    size_t ne = n->nedges, max = pl->o.max_ties;
    pl->ties = sg_zalloc(ne + 1, sizeof *pl->ties);
    if (!pl->ties)
        return nomem();
    if (ne <= max) {
        for (size_t e = 0; e < ne; e++)
            pl->ties[e] = e;
        pl->nties = ne;
        return 0;
    }
    ranked *r = sg_zalloc(ne, sizeof *r);
    uint32_t *seen = sg_zalloc(n->nnodes + 1, sizeof *seen);
    uint32_t *rank = sg_zalloc(ne, sizeof *rank); /* min over both ends */
    if (!r || !seen || !rank) {
        free(r);
        free(seen);
        free(rank);
        return nomem();
    }
    for (size_t e = 0; e < ne; e++)
        r[e] = (ranked){fabs(n->net[e]), e};
    qsort(r, ne, sizeof *r, cmp_ranked);
    for (size_t j = 0; j < ne; j++) {
        size_t e = r[j].i;
        uint32_t ra = seen[n->edge_from[e]]++, rb = seen[n->edge_to[e]]++;
        rank[e] = ra < rb ? ra : rb;
    }
    static const uint32_t ks[] = {20, 15, 10, 7, 5, 4, 3, 2, 1};
    uint32_t k = 1;
    for (size_t t = 0; t < sizeof ks / sizeof *ks; t++) {
        size_t count = 0;
        for (size_t e = 0; e < ne; e++)
            count += rank[e] < ks[t];
        if (count <= max) {
            k = ks[t];
            break;
        }
    }
    /* Strongest first within the k, then back to edge order. */
    for (size_t j = 0; j < ne && pl->nties < max; j++)
        if (rank[r[j].i] < k)
            pl->ties[pl->nties++] = r[j].i;
    qsort(pl->ties, pl->nties, sizeof *pl->ties, cmp_size);
    free(r);
    free(seen);
    free(rank);
    return 0;
}

/* ---- positions listed per node ------------------------------------------- */

/* The pairs of actor unit u (by proposal) or of proposal k (by actor). */
static size_t node_pairs(const sg_pairs *p, int proposal, size_t i,
                         size_t j)
{
    return proposal ? p->prop_pairs[p->prop_start[i] + j]
                    : p->actor_start[i] + j;
}

static size_t node_degree(const sg_pairs *p, int proposal, size_t i)
{
    return proposal ? p->prop_start[i + 1] - p->prop_start[i]
                    : p->actor_start[i + 1] - p->actor_start[i];
}

static size_t cap(size_t max, size_t budget, size_t nodes, size_t floor)
{
    size_t share = nodes ? budget / nodes : budget;
    if (share < floor)
        share = floor;
    return share < max ? share : max;
}

static int list_positions(plan *pl)
{
    const sg_pairs *p = &pl->p;
    size_t nn = p->nactors + p->nproposals, maxdeg = 0;
    pl->list = sg_zalloc(nn + 1, sizeof *pl->list);
    pl->nlist = sg_zalloc(nn + 1, sizeof *pl->nlist);
    if (!pl->list || !pl->nlist)
        return nomem();
    /* The kind the page draws gets the larger share. */
    int actors_drawn = pl->net->kind != SG_NET_PROPOSALS;
    int props_drawn = pl->net->kind != SG_NET_ACTORS;
    size_t cap_a = cap(pl->o.max_positions,
                       actors_drawn ? BUDGET_POSITIONS : BUDGET_OTHER,
                       p->nactors, actors_drawn ? 5 : 3);
    size_t cap_p = cap(pl->o.max_positions,
                       props_drawn ? BUDGET_POSITIONS : BUDGET_OTHER,
                       p->nproposals, props_drawn ? 5 : 3);
    for (size_t i = 0; i < nn; i++) {
        int prop = i >= p->nactors;
        size_t d = node_degree(p, prop, prop ? i - p->nactors : i);
        if (d > maxdeg)
            maxdeg = d;
    }
    ranked *r = sg_zalloc(maxdeg + 1, sizeof *r);
    if (!r)
        return nomem();
    int rc = 0;
    for (size_t i = 0; i < nn && !rc; i++) {
        int prop = i >= p->nactors;
        size_t k = prop ? i - p->nactors : i, d = node_degree(p, prop, k);
        size_t keep = prop ? cap_p : cap_a;
        for (size_t j = 0; j < d; j++) {
            size_t pi = node_pairs(p, prop, k, j);
            r[j] = (ranked){pair_weight(p, pi), pi};
        }
        qsort(r, d, sizeof *r, cmp_ranked);
        if (d > keep) {
            pl->lists_cut = 1;
            d = keep;
        }
        pl->list[i] = sg_zalloc(d + 1, sizeof **pl->list);
        if (!pl->list[i]) {
            rc = nomem();
            break;
        }
        pl->nlist[i] = d;
        for (size_t j = 0; j < d; j++)
            pl->list[i][j] = (uint32_t)r[j].i;
    }
    free(r);
    return rc;
}

/* ---- what a tie's two ends agree and disagree on ------------------------- */

/* Keep the heaviest `keep` items of one side; count the others. */
static void keep_heaviest(tie_item *items, size_t *n, size_t *more,
                          size_t keep)
{
    qsort(items, *n, sizeof *items, cmp_tie_item);
    *more = *n > keep ? *n - keep : 0;
    if (*n > keep)
        *n = keep;
}

/* Pair of unit u on proposal k, or SIZE_MAX (binary search: an actor's
 * pairs are sorted by proposal). */
static size_t find_pair(const sg_pairs *p, size_t u, size_t k)
{
    size_t lo = p->actor_start[u], hi = p->actor_start[u + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->pair_proposal[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->actor_start[u + 1] && p->pair_proposal[lo] == k ? lo
                                                                   : SIZE_MAX;
}

/* One-mode: walk both ends' pairs in step (actors' by proposal,
 * proposals' by actor) and sort what they meet on into agreement and
 * conflict. */
static int tie_details(plan *pl)
{
    const sg_pairs *p = &pl->p;
    const sg_network *n = pl->net;
    if (n->kind == SG_NET_STANCES) {
        pl->tie_pair = sg_zalloc(pl->nties + 1, sizeof *pl->tie_pair);
        if (!pl->tie_pair)
            return nomem();
        for (size_t t = 0; t < pl->nties; t++) {
            size_t e = pl->ties[t];
            size_t u = n->edge_from[e], k = n->edge_to[e] - pl->nunits;
            size_t pi = find_pair(p, u, k);
            if (pi == SIZE_MAX)
                return sg_seterr(SG_EINTERNAL, "report: a tie without its "
                                               "stances");
            pl->tie_pair[t] = pi;
        }
        return 0;
    }
    int prop = n->kind == SG_NET_PROPOSALS;
    size_t per_side = cap(pl->o.max_items, BUDGET_ITEMS / 2,
                          pl->nties, 3);
    size_t maxdeg = 0;
    for (size_t i = 0; i < n->nnodes; i++) {
        size_t d = node_degree(p, prop, i);
        if (d > maxdeg)
            maxdeg = d;
    }
    pl->detail = sg_zalloc(pl->nties + 1, sizeof *pl->detail);
    tie_item *agree = sg_zalloc(maxdeg + 1, sizeof *agree);
    tie_item *conflict = sg_zalloc(maxdeg + 1, sizeof *conflict);
    int rc = pl->detail && agree && conflict ? 0 : nomem();
    for (size_t t = 0; t < pl->nties && !rc; t++) {
        size_t e = pl->ties[t], a = n->edge_from[e], b = n->edge_to[e];
        size_t da = node_degree(p, prop, a), db = node_degree(p, prop, b);
        size_t i = 0, j = 0, na = 0, nc = 0;
        while (i < da && j < db) {
            size_t pa = node_pairs(p, prop, a, i), pb = node_pairs(p, prop, b, j);
            uint32_t ka = prop ? p->pair_actor[pa] : p->pair_proposal[pa];
            uint32_t kb = prop ? p->pair_actor[pb] : p->pair_proposal[pb];
            if (ka != kb) {
                ka < kb ? i++ : j++;
                continue;
            }
            int sa = sg_pair_sign(p, pa), sb = sg_pair_sign(p, pb);
            tie_item it = {ka, (uint32_t)pa, (uint32_t)pb,
                           pair_weight(p, pa) + pair_weight(p, pb)};
            if (sa && sa == sb)
                agree[na++] = it;
            else if (sa && sb)
                conflict[nc++] = it;
            i++;
            j++;
        }
        tie_detail *d = &pl->detail[t];
        keep_heaviest(agree, &na, &d->more_agree, per_side);
        keep_heaviest(conflict, &nc, &d->more_conflict, per_side);
        d->agree = malloc((na + 1) * sizeof *d->agree);
        d->conflict = malloc((nc + 1) * sizeof *d->conflict);
        if (!d->agree || !d->conflict) {
            rc = nomem();
            break;
        }
        memcpy(d->agree, agree, na * sizeof *agree);
        memcpy(d->conflict, conflict, nc * sizeof *conflict);
        d->nagree = na;
        d->nconflict = nc;
    }
    free(agree);
    free(conflict);
    return rc;
}

/* The pairs on the page, in rounds: round j holds every node's j-th
 * heaviest position and every tie's j-th heaviest agreement and
 * disagreement (two-mode: a tie's own pair in round 0). */
static void order_pairs(plan *pl)
{
    size_t nn = pl->p.nactors + pl->p.nproposals;
    for (size_t j = 0;; j++) {
        int any = 0;
        for (size_t i = 0; i < nn; i++)
            if (j < pl->nlist[i]) {
                use_pair(pl, pl->list[i][j]);
                any = 1;
            }
        for (size_t t = 0; t < pl->nties; t++) {
            if (pl->tie_pair) {
                if (j == 0)
                    use_pair(pl, pl->tie_pair[t]);
                continue;
            }
            const tie_detail *d = &pl->detail[t];
            if (j < d->nagree) {
                use_pair(pl, d->agree[j].pa);
                use_pair(pl, d->agree[j].pb);
                any = 1;
            }
            if (j < d->nconflict) {
                use_pair(pl, d->conflict[j].pa);
                use_pair(pl, d->conflict[j].pb);
                any = 1;
            }
        }
        if (!any)
            break;
    }
}

/* ---- statements and sources ------------------------------------------------ */

static void use_source(plan *pl, int32_t s)
{
    if (s >= 0 && pl->src_out[s] < 0) {
        pl->src_out[s] = (int32_t)pl->nsrcs;
        pl->srcs[pl->nsrcs++] = (uint32_t)s;
    }
}

/* The statements shown for each listed pair (those with a quote first, in
 * corpus order), the sources they cite, the first sources the debate
 * uses, and its dates. */
static int choose_statements(plan *pl)
{
    const sg_pairs *p = &pl->p;
    const sg_corpus *c = pl->c;
    size_t q = cap(pl->o.max_quotes, BUDGET_STATEMENTS, pl->npairs, 1);
    size_t budget = BUDGET_STATEMENTS;
    pl->quotes_per_pair = q;
    pl->stmt_out = sg_zalloc(c->nstances + 1, sizeof *pl->stmt_out);
    pl->stmts = sg_zalloc(budget + 1, sizeof *pl->stmts);
    pl->src_out = sg_zalloc(c->nsources + 1, sizeof *pl->src_out);
    pl->srcs = sg_zalloc(c->nsources + 1, sizeof *pl->srcs);
    unsigned char *used = sg_zalloc(c->nsources + 1, 1);
    if (!pl->stmt_out || !pl->stmts || !pl->src_out || !pl->srcs || !used) {
        free(used);
        return nomem();
    }
    memset(pl->stmt_out, 0xff, (c->nstances + 1) * sizeof *pl->stmt_out);
    memset(pl->src_out, 0xff, (c->nsources + 1) * sizeof *pl->src_out);
    pl->first = pl->last = SG_NO_DATE;
    for (size_t i = 0; i < p->npairs; i++)
        for (size_t j = p->stance_start[i]; j < p->stance_start[i + 1]; j++) {
            const sg_stance *s = &c->stances[p->stance_idx[j]];
            if (s->source >= 0)
                used[s->source] = 1;
            if (s->date != SG_NO_DATE) {
                if (pl->first == SG_NO_DATE || s->date < pl->first)
                    pl->first = s->date;
                if (pl->last == SG_NO_DATE || s->date > pl->last)
                    pl->last = s->date;
            }
        }
    for (size_t k = 0; k < pl->npairs && pl->nstmts < budget; k++) {
        size_t i = pl->pairs[k], shown = 0;
        for (int pass = 0; pass < 2 && shown < q; pass++)
            for (size_t j = p->stance_start[i];
                 j < p->stance_start[i + 1] && shown < q &&
                 pl->nstmts < budget;
                 j++) {
                uint32_t si = p->stance_idx[j];
                const sg_stance *s = &c->stances[si];
                if ((pass == 0) != (s->quote != NULL) || pl->stmt_out[si] >= 0)
                    continue;
                pl->stmt_out[si] = (int32_t)pl->nstmts;
                pl->stmts[pl->nstmts++] = si;
                shown++;
            }
        if (shown < p->stance_start[i + 1] - p->stance_start[i])
            pl->stmts_cut = 1;
    }
    /* Sources of the statements shown first; then others the debate uses,
     * up to a bound, in corpus order. */
    for (size_t k = 0; k < pl->nstmts; k++)
        use_source(pl, c->stances[pl->stmts[k]].source);
    size_t extra = 0;
    for (size_t s = 0; s < c->nsources; s++) {
        pl->sources_used += used[s];
        if (used[s] && pl->src_out[s] < 0 && extra < MAX_SOURCES) {
            use_source(pl, (int32_t)s);
            extra++;
        }
    }
    free(used);
    return 0;
}

/* ---- writing ---------------------------------------------------------------- */

static void jstr(FILE *f, const char *s)
{
    if (s)
        sg_export_json_string_script(f, s);
    else
        fputs("null", f);
}

static void jnum(FILE *f, double x)
{
    char buf[SG_EXPORT_NUMBUF];
    const char *t = sg_export_number_text(x, buf);
    fputs(t ? t : "null", f);
}

static void jdate(FILE *f, int32_t d)
{
    char buf[16];
    if (d == SG_NO_DATE) {
        fputs("null", f);
        return;
    }
    sg_date_format(buf, d);
    fprintf(f, "\"%s\"", buf);
}

/* ,"key":value */
static void jfield(FILE *f, const char *key, const char *s)
{
    fprintf(f, ",\"%s\":", key);
    jstr(f, s);
}

static void jfield_num(FILE *f, const char *key, double x)
{
    fprintf(f, ",\"%s\":", key);
    jnum(f, x);
}

static void jfield_date(FILE *f, const char *key, int32_t d)
{
    fprintf(f, ",\"%s\":", key);
    jdate(f, d);
}

static const char *node_str(const sg_network *n, const char *col, size_t row)
{
    const sg_column *c = sg_network_column(n, SG_NODES, col);
    return c && c->type == SG_COL_STRING ? c->str[row] : NULL;
}

/* Columns the tables show: every node column of the analysis' two-mode
 * network but the name and the kind, which the page shows otherwise. */
static int table_column(const sg_column *c)
{
    static const char *const skip[] = {"label", "kind"};
    for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
        if (strcmp(c->name, skip[i]) == 0)
            return 0;
    return 1;
}

static int column_has(const sg_column *c, size_t from, size_t to)
{
    for (size_t r = from; r < to; r++)
        if (c->type == SG_COL_STRING ? c->str[r] != NULL : !c->missing[r])
            return 1;
    return 0;
}

static void write_cell(FILE *f, const sg_column *c, size_t row)
{
    if (c->type == SG_COL_STRING)
        jstr(f, c->str[row]);
    else if (c->missing[row])
        fputs("null", f);
    else if (c->type == SG_COL_BOOL)
        fputs(c->num[row] != 0 ? "true" : "false", f);
    else
        jnum(f, c->num[row]);
}

/* "cols":{"actors":[[name,type]...],...},"am":[[...]...],"pm":[...] */
static void write_tables(FILE *f, const plan *pl)
{
    const sg_network *s = pl->a->stances;
    size_t na = pl->p.nactors, nn = s->nnodes;
    for (int kind = 0; kind < 2; kind++) {
        size_t from = kind ? na : 0, to = kind ? nn : na;
        fputs(kind ? ",\"proposals\":[" : "\"cols\":{\"actors\":[", f);
        int first = 1;
        for (size_t ci = 0; ci < s->n_node_cols; ci++) {
            const sg_column *c = &s->node_cols[ci];
            if (!table_column(c) || !column_has(c, from, to))
                continue;
            fprintf(f, "%s[", first ? "" : ",");
            jstr(f, c->name);
            fprintf(f, ",\"%s\"]", c->type == SG_COL_STRING ? "s" : "n");
            first = 0;
        }
        fputc(']', f);
    }
    fputc('}', f);
    for (int kind = 0; kind < 2; kind++) {
        size_t from = kind ? na : 0, to = kind ? nn : na;
        fputs(kind ? ",\n\"pm\":[" : ",\n\"am\":[", f);
        for (size_t r = from; r < to; r++) {
            fputs(r > from ? ",\n[" : "\n[", f);
            int first = 1;
            for (size_t ci = 0; ci < s->n_node_cols; ci++) {
                const sg_column *c = &s->node_cols[ci];
                if (!table_column(c) || !column_has(c, from, to))
                    continue;
                if (!first)
                    fputc(',', f);
                write_cell(f, c, r);
                first = 0;
            }
            fputc(']', f);
        }
        fputc(']', f);
    }
}

static void write_entities(FILE *f, const plan *pl)
{
    const sg_network *s = pl->a->stances;
    const sg_pairs *p = &pl->p;
    fputs(",\n\"actors\":[", f);
    for (size_t u = 0; u < p->nactors; u++) {
        fputs(u ? ",\n{\"id\":" : "\n{\"id\":", f);
        jstr(f, s->node_id[u]);
        jfield(f, "label", sg_export_label(s, u));
        jfield(f, "type", node_str(s, "type", u));
        jfield(f, "group", node_str(s, "group", u));
        fprintf(f, ",\"c\":%ld,\"s\":", pl->a->membership ? pl->a->membership[u] : -1L);
        jnum(f, pl->a->stability ? pl->a->stability[u] : NAN);
        fputc('}', f);
    }
    fputs("],\n\"proposals\":[", f);
    for (size_t k = 0; k < p->nproposals; k++) {
        size_t row = p->nactors + k;
        fputs(k ? ",\n{\"id\":" : "\n{\"id\":", f);
        jstr(f, s->node_id[row]);
        jfield(f, "label", sg_export_label(s, row));
        jfield(f, "topic", node_str(s, "topic", row));
        fprintf(f, ",\"c\":%ld}", sg_export_coalition(s, row) - 1);
    }
    fputc(']', f);
}

static void write_index_list(FILE *f, const uint32_t *v, size_t n,
                             const int32_t *map)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%ld", i ? "," : "", (long)(map ? map[v[i]] : (int32_t)v[i]));
    fputc(']', f);
}

/* "apos"/"atot" and "ppos"/"ptot": listed pairs (page indices) and how
 * many each node has. */
static void write_lists(FILE *f, const plan *pl)
{
    const sg_pairs *p = &pl->p;
    for (int prop = 0; prop < 2; prop++) {
        size_t from = prop ? p->nactors : 0;
        size_t to = prop ? p->nactors + p->nproposals : p->nactors;
        fputs(prop ? ",\n\"ppos\":[" : ",\n\"apos\":[", f);
        for (size_t i = from; i < to; i++) {
            if (i > from)
                fputc(',', f);
            write_index_list(f, pl->list[i], pl->nlist[i], pl->pair_out);
        }
        fputs(prop ? "],\n\"ptot\":[" : "],\n\"atot\":[", f);
        for (size_t i = from; i < to; i++)
            fprintf(f, "%s%zu", i > from ? "," : "",
                    node_degree(p, prop, prop ? i - p->nactors : i));
        fputc(']', f);
    }
}

/* "pairs": [unit, proposal, sign, support, oppose, statements, [shown]] */
static void write_pairs(FILE *f, const plan *pl)
{
    const sg_pairs *p = &pl->p;
    fputs(",\n\"pairs\":[", f);
    for (size_t k = 0; k < pl->npairs; k++) {
        size_t i = pl->pairs[k], ns = 0;
        fprintf(f, "%s[%u,%u,%d,", k ? ",\n" : "\n", p->pair_actor[i],
                p->pair_proposal[i], sg_pair_sign(p, i));
        jnum(f, p->support_w[i]);
        fputc(',', f);
        jnum(f, p->oppose_w[i]);
        fprintf(f, ",%zu,[", p->stance_start[i + 1] - p->stance_start[i]);
        /* In corpus order, as chosen. */
        for (size_t j = p->stance_start[i]; j < p->stance_start[i + 1]; j++) {
            int32_t o = pl->stmt_out[p->stance_idx[j]];
            if (o >= 0)
                fprintf(f, "%s%ld", ns++ ? "," : "", (long)o);
        }
        fputs("]]", f);
    }
    fputc(']', f);
}

/* "stmts": [position, weight, date, source, quote, note, speaker] */
static void write_statements(FILE *f, const plan *pl)
{
    const sg_corpus *c = pl->c;
    fputs(",\n\"stmts\":[", f);
    for (size_t k = 0; k < pl->nstmts; k++) {
        const sg_stance *s = &c->stances[pl->stmts[k]];
        fprintf(f, "%s[%d,", k ? ",\n" : "\n", s->position);
        jnum(f, s->weight);
        fputc(',', f);
        jdate(f, s->date);
        fprintf(f, ",%ld,", s->source >= 0 ? (long)pl->src_out[s->source] : -1L);
        jstr(f, s->quote);
        fputc(',', f);
        jstr(f, s->note);
        fputc(',', f);
        /* Grouped actors: who in the group said it. */
        jstr(f, pl->p.grouped ? c->actors[s->actor].label : NULL);
        fputc(']', f);
    }
    fputc(']', f);
}

static void write_sources(FILE *f, const plan *pl)
{
    fputs(",\n\"sources\":[", f);
    for (size_t k = 0; k < pl->nsrcs; k++) {
        const sg_source *s = &pl->c->sources[pl->srcs[k]];
        fputs(k ? ",\n{\"id\":" : "\n{\"id\":", f);
        jstr(f, s->id);
        jfield(f, "title", s->title);
        jfield(f, "publisher", s->publisher);
        jfield_date(f, "date", s->date);
        jfield(f, "url", s->url);
        fputc('}', f);
    }
    fprintf(f, "],\n\"sourcesTotal\":%zu", pl->sources_used);
}

static void write_drawing(FILE *f, const plan *pl)
{
    const sg_network *n = pl->net;
    fputs(",\n\"nodes\":[", f);
    for (size_t i = 0; i < n->nnodes; i++) {
        int prop = i >= pl->nunits;
        double r = pl->size[i] / 3.2; /* 10-50 as in the exports: 3-16 px */
        fprintf(f, "%s[%d,%zu,%.1f,%.1f,%.1f]", i ? ",\n" : "\n", prop,
                prop ? i - pl->nunits : i, pl->xy[2 * i], pl->xy[2 * i + 1], r);
    }
    const sg_column *agree = sg_network_column(n, SG_EDGES, "agree");
    const sg_column *conflict = sg_network_column(n, SG_EDGES, "conflict");
    if (n->kind == SG_NET_STANCES) {
        agree = sg_network_column(n, SG_EDGES, "support_weight");
        conflict = sg_network_column(n, SG_EDGES, "oppose_weight");
    }
    fputs("],\n\"ties\":[", f);
    for (size_t t = 0; t < pl->nties; t++) {
        size_t e = pl->ties[t];
        fprintf(f, "%s[%u,%u,", t ? ",\n" : "\n", n->edge_from[e], n->edge_to[e]);
        jnum(f, n->net[e]);
        fputc(',', f);
        jnum(f, agree && !agree->missing[e] ? agree->num[e] : NAN);
        fputc(',', f);
        jnum(f, conflict && !conflict->missing[e] ? conflict->num[e] : NAN);
        fputc(']', f);
    }
    fprintf(f, "],\n\"tiesTotal\":%zu,\n\"tieDetail\":[", n->nedges);
    for (size_t t = 0; t < pl->nties; t++) {
        fputs(t ? ",\n" : "\n", f);
        if (pl->tie_pair) {
            fprintf(f, "{\"pair\":%ld}", (long)pl->pair_out[pl->tie_pair[t]]);
            continue;
        }
        const tie_detail *d = &pl->detail[t];
        for (int side = 0; side < 2; side++) {
            const tie_item *it = side ? d->conflict : d->agree;
            size_t ni = side ? d->nconflict : d->nagree;
            fputs(side ? ",\"conflict\":[" : "{\"agree\":[", f);
            for (size_t x = 0; x < ni; x++)
                fprintf(f, "%s[%u,%ld,%ld]", x ? "," : "", it[x].item,
                        (long)pl->pair_out[it[x].pa],
                        (long)pl->pair_out[it[x].pb]);
            fputc(']', f);
        }
        fprintf(f, ",\"moreAgree\":%zu,\"moreConflict\":%zu}", d->more_agree,
                d->more_conflict);
    }
    fputc(']', f);
}

static void write_coalitions(FILE *f, const plan *pl)
{
    const sg_analysis *a = pl->a;
    size_t na = pl->p.nactors;
    fputs(",\n\"coalitions\":[", f);
    for (size_t i = 0; i < a->ncoalitions; i++) {
        const sg_coalition *c = &a->coalitions[i];
        char hex[8];
        sg_export_hex(hex, sg_export_coalition_rgb((long)c->id));
        fprintf(f, "%s{\"n\":%zu,\"color\":\"%s\"", i ? ",\n" : "\n", c->id,
                hex);
        const char *given = i < pl->o.ncoalition_names && pl->o.coalition_names
                                ? pl->o.coalition_names[i]
                                : NULL;
        if (given)
            jfield(f, "name", given);
        else if (i < pl->nauto)
            jfield(f, "name", pl->auto_names[i]);
        fputs(",\"members\":", f);
        fputc('[', f);
        for (size_t m = 0; m < c->nmembers; m++)
            fprintf(f, "%s%zu", m ? "," : "", c->members[m]);
        fputs("],\"cohesion\":", f);
        jnum(f, c->cohesion);
        fputs(",\"supports\":[", f);
        for (size_t m = 0; m < c->nsupports; m++)
            fprintf(f, "%s%zu", m ? "," : "", c->supports[m] - na);
        fputs("],\"opposes\":[", f);
        for (size_t m = 0; m < c->nopposes; m++)
            fprintf(f, "%s%zu", m ? "," : "", c->opposes[m] - na);
        fputs("],\"stability\":", f);
        jnum(f, c->stability);
        fprintf(f, ",\"unstable\":%zu}", c->nunstable);
    }
    fputc(']', f);
    /* The consensus behind them: how many runs, how much they agreed,
     * and whether the data support a clear partition at all. */
    fprintf(f, ",\n\"consensus\":{\"runs\":%zu,\"stable\":", a->runs);
    jnum(f, SG_STABLE);
    jfield_num(f, "clearAt", SG_CLEAR);
    jfield_num(f, "stability", a->stability_mean);
    fprintf(f, ",\"clear\":%s}", a->unclear ? "false" : "true");
    const sg_graph_metrics *g = &a->graph;
    fprintf(f, ",\n\"graph\":{\"nodes\":%zu,\"edges\":%zu,\"positive\":%zu,"
               "\"negative\":%zu,\"coalitions\":%zu,\"violations\":%zu,"
               "\"density\":",
            g->nodes, g->edges, g->positive, g->negative, g->coalitions,
            g->violations);
    jnum(f, g->density);
    jfield_num(f, "modularity", g->modularity);
    jfield_num(f, "balance", g->balance);
    jfield_num(f, "frustration", g->frustration);
    fputc('}', f);
}

/* "polarization": DNA's score, how it was found, and the camps (actor
 * indices). */
static void write_polarization(FILE *f, const plan *pl)
{
    const sg_polarization *z = pl->o.polarization;
    fputs(",\n\"polarization\":", f);
    if (!z) {
        fputs("null", f);
        return;
    }
    fprintf(f, "{\"defined\":%s,\"exact\":%s,\"k\":%zu,\"restarts\":%zu,"
               "\"hits\":%zu",
            z->defined ? "true" : "false", z->exact ? "true" : "false",
            z->camps, z->restarts, z->hits);
    jfield_num(f, "score", z->score);
    jfield_num(f, "raw", z->raw);
    jfield_num(f, "partitions", z->partitions);
    fputs(",\"camps\":[", f);
    for (size_t k = 1; z->defined && k <= z->camps; k++) {
        fputs(k > 1 ? ",[" : "[", f);
        int first = 1;
        for (size_t i = 0; i < z->nactors; i++) {
            long row = sg_network_find_node(pl->a->stances, z->actor[i]);
            if (z->camp[i] != k || row < 0 || (size_t)row >= pl->p.nactors)
                continue;
            fprintf(f, "%s%ld", first ? "" : ",", row);
            first = 0;
        }
        fputc(']', f);
    }
    fputs("]}", f);
}

/* Base64 (RFC 4648) of s, for a data: URL. */
static void write_base64(FILE *f, const unsigned char *s, size_t n)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t i = 0; i < n; i += 3) {
        unsigned long v = (unsigned long)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned long)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        fputc(b64[(v >> 18) & 63], f);
        fputc(b64[(v >> 12) & 63], f);
        fputc(i + 1 < n ? b64[(v >> 6) & 63] : '=', f);
        fputc(i + 2 < n ? b64[v & 63] : '=', f);
    }
}

/* "scale": the fit, and each scaled actor's position and standard error
 * on every dimension: [actor, dim1, se1(, dim2, se2)]. */
static void write_scale(FILE *f, const plan *pl)
{
    const sg_scale *z = pl->o.scale;
    fputs(",\n\"scale\":", f);
    if (!z || !z->scaled_actors) {
        fputs("null", f);
        return;
    }
    int d = z->dimensions;
    fprintf(f, "{\"dimensions\":%d,\"converged\":%s,\"scaledActors\":%zu,"
               "\"scaledProposals\":%zu,\"lopsided\":%zu,\"votes\":%zu",
            d, z->converged ? "true" : "false", z->scaled_actors,
            z->scaled_proposals, z->lopsided, z->votes);
    jfield_num(f, "classified", z->classified);
    jfield_num(f, "apre", z->apre);
    jfield_num(f, "gmp", z->gmp);
    fputs(",\"actors\":[", f);
    int first = 1;
    for (size_t i = 0; i < z->nactors; i++) {
        long row = sg_network_find_node(pl->a->stances, z->actor_id[i]);
        if (row < 0 || (size_t)row >= pl->p.nactors ||
            !isfinite(z->actor_pos[i * (size_t)d]))
            continue;
        fprintf(f, "%s[%ld", first ? "\n" : ",\n", row);
        for (int k = 0; k < d; k++) {
            fputc(',', f);
            jnum(f, z->actor_pos[i * (size_t)d + (size_t)k]);
            fputc(',', f);
            jnum(f, z->actor_se[i * (size_t)d + (size_t)k]);
        }
        fputc(']', f);
        first = 0;
    }
    fputs("]}", f);
}

static const char *span_text(sg_span sp, char buf[48])
{
    static const char *const units[] = {"day", "week", "month", "year",
                                        "statement"};
    snprintf(buf, 48, "%ld %s%s", sp.n,
             (size_t)sp.unit < 5 ? units[sp.unit] : "?", sp.n == 1 ? "" : "s");
    return buf;
}

/* The timeline's own SVG chart, in memory, when it has at least three
 * windows (fewer show no trend). */
static int draw_timeline(plan *pl)
{
    const sg_timeline *t = pl->o.timeline;
    if (!t || t->nwindows < 3)
        return 0;
    FILE *m = open_memstream(&pl->svg, &pl->svg_len);
    if (!m)
        return nomem();
    int rc = sg_timeline_svg_stream(t, pl->c->title, m);
    if (fclose(m) != 0 && !rc)
        rc = nomem();
    return rc;
}

/* "timeline": the chart as a data: URL drawn as an image (so nothing in
 * it runs) and a line saying what the windows are. */
static void write_timeline(FILE *f, const plan *pl)
{
    const sg_timeline *t = pl->o.timeline;
    fputs(",\n\"timeline\":", f);
    if (!pl->svg) {
        fputs("null", f);
        return;
    }
    char w[48], st[48], a[16], b[16];
    sg_date_format(a, t->windows[0].middle);
    sg_date_format(b, t->windows[t->nwindows - 1].middle);
    fputs("{\"chart\":\"data:image/svg+xml;base64,", f);
    write_base64(f, (const unsigned char *)pl->svg, pl->svg_len);
    fprintf(f, "\",\"summary\":\"%zu windows of %s", t->nwindows,
            span_text(t->opts.window, w));
    if (t->opts.step.n)
        fprintf(f, ", one every %s", span_text(t->opts.step, st));
    if (t->windows[0].middle != SG_NO_DATE)
        fprintf(f, ", centred from %s to %s", a, b);
    fprintf(f, " (%s kernel). Camps keep their number from window to "
               "window.\"}",
            sg_kernel_name(t->opts.kernel));
}

/* A line the page shows under the title: how the network was made. */
static void write_settings(FILE *f, const plan *pl)
{
    const sg_network_options *o = pl->nopts;
    char buf[16];
    fputs(",\n\"method\":", f);
    jstr(f, sg_method_name(pl->a->method));
    fprintf(f, ",\"seed\":%lu,\n\"settings\":\"", pl->a->seed);
    fprintf(f, "Coalitions: %s, seed %lu", sg_method_name(pl->a->method),
            pl->a->seed);
    if (o->by_group)
        fputs(" \\u00b7 actors merged into their groups", f);
    if (o->count == SG_COUNT_STATEMENTS)
        fputs(" \\u00b7 statement counts", f);
    static const char *const norm[] = {"", "jaccard", "cosine", "average"};
    if (o->normalize != SG_NORM_NONE && (size_t)o->normalize < 4)
        fprintf(f, " \\u00b7 normalised: %s", norm[o->normalize]);
    if (o->from != SG_NO_DATE) {
        sg_date_format(buf, o->from);
        fprintf(f, " \\u00b7 from %s", buf);
    }
    if (o->to != SG_NO_DATE) {
        sg_date_format(buf, o->to);
        fprintf(f, " \\u00b7 to %s", buf);
    }
    fputc('"', f);
    /* Filters by name go through the escaper. */
    static const char *const what[] = {"sources", "actor types", "topics",
                                       "excluded"};
    const char *const *lists[] = {o->sources, o->actor_types, o->topics,
                                  o->exclude};
    size_t counts[] = {o->nsources, o->nactor_types, o->ntopics, o->nexclude};
    fputs(",\"filters\":[", f);
    int first = 1;
    for (int i = 0; i < 4; i++)
        for (size_t j = 0; j < counts[i]; j++) {
            fprintf(f, "%s[\"%s\",", first ? "" : ",", what[i]);
            jstr(f, lists[i][j]);
            fputc(']', f);
            first = 0;
        }
    fputc(']', f);
    jfield_num(f, "minWeight", o->min_weight > 0 ? o->min_weight : NAN);
    fprintf(f, ",\"topTies\":%zu", o->top_ties);
}

/* n with thousands separators ("241,345"), as the page shows numbers. */
static const char *grouped(size_t n, char buf[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

static void write_notes(FILE *f, const plan *pl)
{
    char shown[32], all[32];
    fputs(",\n\"notes\":[", f);
    int first = 1;
    if (pl->nties < pl->net->nedges) {
        fprintf(f, "\"The drawing shows the %s strongest of %s ties (each "
                   "node's strongest first); the tables and lists cover them "
                   "all.\"",
                grouped(pl->nties, shown), grouped(pl->net->nedges, all));
        first = 0;
    }
    if (pl->lists_cut || pl->stmts_cut) {
        fprintf(f, "%s\"To keep the page small, %s; the details say "
                   "where.\"",
                first ? "" : ",",
                pl->lists_cut ? "each actor and proposal lists only its "
                                "heaviest positions, with some of their "
                                "statements"
                              : "some positions show only some of their "
                                "statements");
        first = 0;
    }
    if (pl->a->notes) {
        if (!first)
            fputc(',', f);
        jstr(f, pl->a->notes);
    }
    fputc(']', f);
}

static void write_data(FILE *f, const plan *pl)
{
    const sg_pairs *p = &pl->p;
    fprintf(f, "{\"v\":1,\"generator\":\"stancegraph %s\",\"title\":",
            SG_VERSION_STRING);
    jstr(f, pl->c->title);
    fprintf(f, ",\"kind\":\"%s\"", sg_network_kind_name(pl->net->kind));
    fprintf(f, ",\n\"stats\":{\"actors\":%zu,\"proposals\":%zu,"
               "\"statements\":%zu,\"first\":",
            p->nactors, p->nproposals, p->nstances);
    jdate(f, pl->first);
    jfield_date(f, "last", pl->last);
    fputc('}', f);
    write_settings(f, pl);
    write_notes(f, pl);
    fputs(",\n", f);
    write_tables(f, pl);
    write_entities(f, pl);
    write_drawing(f, pl);
    write_lists(f, pl);
    write_pairs(f, pl);
    write_statements(f, pl);
    write_sources(f, pl);
    write_coalitions(f, pl);
    write_polarization(f, pl);
    write_scale(f, pl);
    write_timeline(f, pl);
    fputs("}\n", f);
}

static void write_page(FILE *f, const plan *pl)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n",
          f);
    /* Exactly this page's style and script run; nothing is fetched. */
    fprintf(f,
            "<meta http-equiv=\"Content-Security-Policy\" content=\""
            "default-src 'none'; script-src '%s'; style-src '%s'; "
            "img-src data:; base-uri 'none'; form-action 'none'\">\n",
            sg_report_js_sha256, sg_report_css_sha256);
    fprintf(f, "<meta name=\"referrer\" content=\"no-referrer\">\n"
               "<meta name=\"generator\" content=\"stancegraph %s\">\n<title>",
            SG_VERSION_STRING);
    sg_export_xml_text(f, pl->c->title ? pl->c->title : "Stance network", 0);
    fputs("</title>\n<style>", f);
    fwrite(sg_report_css, 1, sg_report_css_len, f);
    fputs("</style>\n</head>\n<body>\n<div id=\"sg-report\"><noscript><p>"
          "This report draws its network, lists and tables with JavaScript, "
          "which is turned off.</p></noscript></div>\n"
          "<script id=\"sg-data\" type=\"application/json\">",
          f);
    write_data(f, pl);
    fputs("</script>\n<script>", f);
    fwrite(sg_report_js, 1, sg_report_js_len, f);
    fputs("</script>\n</body>\n</html>\n", f);
}

/* ---- the run ---------------------------------------------------------------- */

static void plan_free(plan *pl)
{
    free(pl->auto_names);
    if (pl->detail)
        for (size_t t = 0; t < pl->nties; t++) {
            free(pl->detail[t].agree);
            free(pl->detail[t].conflict);
        }
    if (pl->list)
        for (size_t i = 0; i < pl->p.nactors + pl->p.nproposals; i++)
            free(pl->list[i]);
    free(pl->detail);
    free(pl->tie_pair);
    free(pl->list);
    free(pl->nlist);
    free(pl->xy);
    free(pl->size);
    free(pl->ties);
    free(pl->pair_out);
    free(pl->pairs);
    free(pl->stmt_out);
    free(pl->stmts);
    free(pl->src_out);
    free(pl->srcs);
    free(pl->svg);
    /* Last: the lists above are counted by the pairs. */
    if (pl->have_pairs)
        sg_pairs_free(&pl->p);
}

static int name_coalitions(plan *pl)
{
    size_t n = pl->a->ncoalitions < AUTO_NAMES ? pl->a->ncoalitions
                                               : AUTO_NAMES;
    char *bufs[AUTO_NAMES];
    pl->auto_names = sg_zalloc(n + 1, sizeof *pl->auto_names);
    if (!pl->auto_names)
        return nomem();
    for (size_t i = 0; i < n; i++)
        bufs[i] = pl->auto_names[i];
    int rc = sg_coalition_names(bufs, n, sizeof *pl->auto_names, pl->a);
    if (!rc)
        pl->nauto = n;
    return rc;
}

static int make_plan(plan *pl)
{
    int rc = sg_pairs_build(&pl->p, pl->c, pl->nopts);
    if (rc)
        return rc;
    pl->have_pairs = 1;
    if ((rc = match_network(pl)))
        return rc;
    pl->pair_out = sg_zalloc(pl->p.npairs + 1, sizeof *pl->pair_out);
    pl->pairs = sg_zalloc(pl->p.npairs + 1, sizeof *pl->pairs);
    if (!pl->pair_out || !pl->pairs)
        return nomem();
    memset(pl->pair_out, 0xff, (pl->p.npairs + 1) * sizeof *pl->pair_out);
    if (!(pl->size = sg_export_node_sizes(pl->net)))
        return SG_ENOMEM;
    if ((rc = choose_ties(pl)) || (rc = layout(pl)) ||
        (rc = list_positions(pl)) || (rc = tie_details(pl)))
        return rc;
    order_pairs(pl);
    if ((rc = choose_statements(pl)) || (rc = draw_timeline(pl)))
        return rc;
    return name_coalitions(pl);
}

static int start(plan *pl, const sg_corpus *corpus, const sg_analysis *a,
                 const sg_network *net, const sg_network_options *nopts,
                 const sg_report_options *opts)
{
    memset(pl, 0, sizeof *pl);
    pl->c = corpus;
    pl->a = a;
    pl->net = net;
    pl->nopts = nopts;
    if (opts)
        pl->o = *opts;
    else
        sg_report_options_init(&pl->o);
    if (!pl->o.max_ties || !pl->o.max_positions || !pl->o.max_items ||
        !pl->o.max_quotes)
        return sg_seterr(SG_EUSAGE, "report: every bound must be at least 1");
    if (pl->o.layout.method == SG_LAYOUT_NONE)
        return sg_seterr(SG_EUSAGE, "report: the drawing needs a layout "
                                    "(fr, drl or scale), not none");
    return make_plan(pl);
}

int sg_report_stream(const sg_corpus *corpus, const sg_analysis *a,
                     const sg_network *net, const sg_network_options *nopts,
                     const sg_report_options *opts, FILE *out)
{
    plan pl;
    int rc = start(&pl, corpus, a, net, nopts, opts);
    if (!rc) {
        errno = 0;
        write_page(out, &pl);
        if (fflush(out) != 0 || ferror(out))
            rc = sg_export_io_error("the output", errno);
    }
    plan_free(&pl);
    return rc;
}

int sg_report_write(const sg_corpus *corpus, const sg_analysis *a,
                    const sg_network *net, const sg_network_options *nopts,
                    const sg_report_options *opts, const char *path)
{
    if (!path)
        return sg_report_stream(corpus, a, net, nopts, opts, stdout);
    plan pl;
    sg_output *o = NULL;
    int rc = start(&pl, corpus, a, net, nopts, opts);
    if (!rc)
        rc = sg_output_open(&o, path);
    if (!rc) {
        write_page(sg_output_stream(o), &pl);
        rc = sg_output_commit(o);
    }
    plan_free(&pl);
    return rc;
}
