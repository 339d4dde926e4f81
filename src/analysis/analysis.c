/* The analysis: networks from one set of filters, coalitions on the signed
 * actor network, node metrics as columns, and whole-graph figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "analysis/coalitions.h"
#include "analysis/igraph_glue.h"
#include "analysis/metrics.h"
#include "network/pairs.h"
#include "stancegraph/analysis.h"
#include "model/util.h"

struct sg_analysis_priv {
    sg_arena arena; /* notes */
};

static const char *const method_names[] = {
    "auto",     "spinglass",  "leiden",    "louvain",
    "walktrap", "fastgreedy", "labelprop", "none"};

#define NMETHODS (sizeof method_names / sizeof *method_names)

void sg_coalition_options_init(sg_coalition_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->method = SG_METHOD_AUTO;
    opts->gamma = 1;
    opts->gamma_minus = 1;
}

int sg_method_parse(sg_method *out, const char *name)
{
    for (size_t i = 0; i < NMETHODS; i++)
        if (strcmp(name, method_names[i]) == 0) {
            *out = (sg_method)i;
            return 0;
        }
    return sg_seterr(SG_EUSAGE,
                     "unknown method '%s' (expected auto, "
                     "spinglass, leiden, louvain, walktrap, fastgreedy, "
                     "labelprop or none)",
                     name);
}

const char *sg_method_name(sg_method method)
{
    return (size_t)method < NMETHODS ? method_names[method] : "?";
}

/* The metric columns, in the order they appear on every network. */
enum {
    M_COALITION,
    M_STABILITY,
    M_STATEMENTS,
    M_SUPPORT,
    M_OPPOSE,
    M_PROPOSALS,
    M_SUPPORTERS,
    M_OPPONENTS,
    M_SUPPORT_W,
    M_OPPOSE_W,
    M_CONTROVERSY,
    M_POS_STRENGTH,
    M_NEG_STRENGTH,
    M_DEGREE,
    M_BETWEENNESS,
    M_PAGERANK,
    M_BACKED_BY,
    M_OPPOSED_BY,
    M_COUNT
};

static const sg_colspec metric_spec[M_COUNT] = {
    {"coalition", SG_COL_INT},        {"stability", SG_COL_NUMBER},
    {"statements", SG_COL_INT},
    {"support", SG_COL_INT},          {"oppose", SG_COL_INT},
    {"proposals", SG_COL_INT},        {"supporters", SG_COL_INT},
    {"opponents", SG_COL_INT},        {"support_weight", SG_COL_NUMBER},
    {"oppose_weight", SG_COL_NUMBER}, {"controversy", SG_COL_NUMBER},
    {"positive_strength", SG_COL_NUMBER},
    {"negative_strength", SG_COL_NUMBER},
    {"degree", SG_COL_INT},           {"betweenness", SG_COL_NUMBER},
    {"pagerank", SG_COL_NUMBER},      {"backed_by", SG_COL_STRING},
    {"opposed_by", SG_COL_STRING}};

static sg_sgraph signed_view(const sg_network *net)
{
    return (sg_sgraph){net->nnodes, net->nedges, net->edge_from, net->edge_to,
                       net->net};
}

/* ---- one run ---------------------------------------------------------- */

typedef struct {
    const sg_corpus *corpus;
    sg_network_options nopts;
    sg_coalition_options copts;
    sg_analysis *a;
    sg_pairs pairs;
    sg_column *col[M_COUNT];
    long *prop_coalition; /* per proposal: 0-based or -1 */
    signed char *sign;    /* per pair: its position */
    sg_positions pos;     /* the pairs' positions, for the refinement */
    char notes[512];
    int triangles_skipped;
    size_t actor_sources, prop_sources; /* betweenness sampling */
} run_ctx;

static void add_note(run_ctx *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add_note(run_ctx *r, const char *fmt, ...)
{
    size_t len = strlen(r->notes);
    if (len && len + 2 < sizeof r->notes) {
        memcpy(r->notes + len, "; ", 3);
        len += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->notes + len, sizeof r->notes - len, fmt, ap);
    va_end(ap);
}

/* Append a proposal and the members behind it to a coalition's list (two
 * arrays of one capacity, grown alike). */
static int push_entry(size_t **arr, size_t **members, size_t *n, size_t *cap,
                      size_t value, size_t behind)
{
    size_t cap2 = *cap;
    if (sg_grow(arr, cap, *n + 1, sizeof **arr) ||
        sg_grow(members, &cap2, *n + 1, sizeof **members))
        return SG_ENOMEM;
    (*members)[*n] = behind;
    (*arr)[(*n)++] = value;
    return 0;
}

/* Members, cohesion and stability of every coalition. */
static int coalition_members(run_ctx *r)
{
    sg_analysis *a = r->a;
    const sg_network *net = a->actors;
    sg_cohesion_count *cc = sg_zalloc(a->ncoalitions, sizeof *cc);
    if (!cc)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < net->nnodes; i++)
        a->coalitions[a->membership[i]].nmembers++;
    for (size_t c = 0; c < a->ncoalitions; c++) {
        a->coalitions[c].id = c + 1;
        a->coalitions[c].members =
            sg_zalloc(a->coalitions[c].nmembers, sizeof(size_t));
        if (!a->coalitions[c].members) {
            free(cc);
            return sg_seterr(SG_ENOMEM, "out of memory");
        }
        a->coalitions[c].nmembers = 0;
    }
    for (size_t i = 0; i < net->nnodes; i++) {
        sg_coalition *c = &a->coalitions[a->membership[i]];
        c->members[c->nmembers++] = i;
    }
    sg_sgraph g = signed_view(net);
    int rc = sg_cohesion(cc, a->ncoalitions, a->membership, &r->pos, &g,
                         SG_COHESION_BUDGET);
    size_t from_ties = 0;
    for (size_t c = 0; !rc && c < a->ncoalitions; c++) {
        sg_coalition *co = &a->coalitions[c];
        double sum = 0;
        co->pairs = cc[c].pairs;
        co->known_pairs = cc[c].known;
        co->pairs_from_ties = cc[c].from_ties;
        from_ties += cc[c].from_ties;
        co->cohesion = cc[c].known ? ((double)cc[c].agreeing +
                                      0.5 * (double)cc[c].balanced) /
                                         (double)cc[c].known
                                   : NAN;
        for (size_t i = 0; i < co->nmembers; i++) {
            sum += a->stability[co->members[i]];
            co->nunstable += a->stability[co->members[i]] < SG_STABLE;
        }
        co->stability = sum / (double)co->nmembers;
    }
    if (from_ties)
        add_note(r,
                 "cohesion of %zu coalition%s counted over its ties: too "
                 "many member pairs",
                 from_ties, from_ties == 1 ? "" : "s");
    free(cc);
    return rc;
}

/* Join 1-based coalition ids (ascending) with ";" into buf. */
static void id_list(char *buf, size_t size, const size_t *ids, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len + 24 < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%zu", i ? ";" : "",
                                ids[i] + 1);
}

typedef struct {
    size_t *pos, *neg; /* per coalition: members with that position */
    double *weight;    /* per coalition: members' support weight */
    size_t *touched;   /* coalitions met on this proposal */
    unsigned char *seen;
    size_t *backed, *opposed;  /* this proposal's lists */
    size_t *sup_cap, *opp_cap; /* per coalition: list capacities */
    char *text;
} stand_scratch;

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* For one proposal: which coalitions back or oppose it nearly unanimously,
 * and which puts the most support weight behind it. */
static int proposal_stands(run_ctx *r, size_t k, stand_scratch *s)
{
    const sg_pairs *p = &r->pairs;
    sg_analysis *a = r->a;
    size_t nt = 0, nb = 0, no = 0;
    for (size_t t = p->prop_start[k]; t < p->prop_start[k + 1]; t++) {
        size_t i = p->prop_pairs[t];
        size_t c = (size_t)a->membership[p->pair_actor[i]];
        int sign = sg_pair_sign(p, i);
        if (!s->seen[c]) {
            s->seen[c] = 1;
            s->touched[nt++] = c;
        }
        s->pos[c] += sign > 0;
        s->neg[c] += sign < 0;
        s->weight[c] += p->support_w[i];
    }
    qsort(s->touched, nt, sizeof *s->touched, cmp_size);
    long best = -1;
    double best_weight = 0;
    int rc = 0;
    for (size_t t = 0; t < nt; t++) {
        size_t c = s->touched[t];
        sg_coalition *co = &a->coalitions[c];
        size_t voters = s->pos[c] + s->neg[c];
        size_t quorum = co->nmembers < 2 ? co->nmembers : 2;
        size_t node = p->nactors + k;
        if (voters && s->pos[c] >= quorum &&
            s->pos[c] >= SG_UNANIMITY * (double)voters) {
            s->backed[nb++] = c;
            rc = rc ? rc
                    : push_entry(&co->supports, &co->supporters, &co->nsupports,
                                 &s->sup_cap[c], node, s->pos[c]);
        }
        if (voters && s->neg[c] >= quorum &&
            s->neg[c] >= SG_UNANIMITY * (double)voters) {
            s->opposed[no++] = c;
            rc = rc ? rc
                    : push_entry(&co->opposes, &co->opponents, &co->nopposes,
                                 &s->opp_cap[c], node, s->neg[c]);
        }
        if (s->weight[c] > best_weight) {
            best = (long)c;
            best_weight = s->weight[c];
        }
        s->pos[c] = s->neg[c] = 0;
        s->weight[c] = 0;
        s->seen[c] = 0;
    }
    r->prop_coalition[k] = best;
    size_t row = p->nactors + k;
    sg_network *net = a->stances;
    if (!rc && nb) {
        id_list(s->text, 24 * (a->ncoalitions + 1), s->backed, nb);
        rc = sg_column_set_string(net, r->col[M_BACKED_BY], row, s->text);
    }
    if (!rc && no) {
        id_list(s->text, 24 * (a->ncoalitions + 1), s->opposed, no);
        rc = sg_column_set_string(net, r->col[M_OPPOSED_BY], row, s->text);
    }
    return rc;
}

static int coalition_stands(run_ctx *r)
{
    size_t nc = r->a->ncoalitions;
    stand_scratch s = {sg_zalloc(nc, sizeof(size_t)),
                       sg_zalloc(nc, sizeof(size_t)),
                       sg_zalloc(nc, sizeof(double)),
                       sg_zalloc(nc, sizeof(size_t)),
                       sg_zalloc(nc, 1),
                       sg_zalloc(nc, sizeof(size_t)),
                       sg_zalloc(nc, sizeof(size_t)),
                       sg_zalloc(nc, sizeof(size_t)),
                       sg_zalloc(nc, sizeof(size_t)),
                       sg_zalloc(24 * (nc + 1), 1)};
    int rc = 0;
    if (!s.pos || !s.neg || !s.weight || !s.touched || !s.seen || !s.backed ||
        !s.opposed || !s.sup_cap || !s.opp_cap || !s.text)
        rc = sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t k = 0; !rc && k < r->pairs.nproposals; k++)
        rc = proposal_stands(r, k, &s);
    free(s.pos);
    free(s.neg);
    free(s.weight);
    free(s.touched);
    free(s.seen);
    free(s.backed);
    free(s.opposed);
    free(s.sup_cap);
    free(s.opp_cap);
    free(s.text);
    return rc;
}

/* Positive ties of the actor network and their weights. */
typedef struct {
    size_t *sel;
    double *w;
    size_t m;
} positive_part;

static int positive_ties(positive_part *pp, const sg_network *net)
{
    pp->sel = sg_zalloc(net->nedges, sizeof *pp->sel);
    pp->w = sg_zalloc(net->nedges, sizeof *pp->w);
    pp->m = 0;
    if (!pp->sel || !pp->w)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t e = 0; e < net->nedges; e++)
        if (net->net[e] > 0) {
            pp->sel[pp->m] = e;
            pp->w[pp->m++] = net->net[e];
        }
    return 0;
}

/* Actor rows: counts from the pairs, strengths and centralities from the
 * actor network. */
static int actor_metrics(run_ctx *r)
{
    const sg_pairs *p = &r->pairs;
    const sg_network *net = r->a->actors;
    sg_column **col = r->col;
    size_t n = p->nactors;
    positive_part pp = {0};
    double *btw = sg_zalloc(n, sizeof *btw), *pr = sg_zalloc(n, sizeof *pr);
    double *agree = sg_zalloc(n, sizeof *agree);
    double *conflict = sg_zalloc(n, sizeof *conflict);
    size_t *degree = sg_zalloc(n, sizeof *degree);
    int rc = SG_ENOMEM;
    if (!btw || !pr || !agree || !conflict || !degree) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    if (r->copts.skip_centrality) {
        for (size_t a = 0; a < n; a++)
            btw[a] = pr[a] = NAN;
    } else if ((rc = positive_ties(&pp, net)) ||
               (rc = sg_positive_centrality(pr, btw, &r->actor_sources, n,
                                            net->edge_from, net->edge_to,
                                            pp.sel, pp.m, pp.w,
                                            SG_BETWEENNESS_BUDGET,
                                            r->copts.seed))) {
        goto cleanup;
    }
    for (size_t e = 0; e < net->nedges; e++) {
        double w = net->net[e];
        double *strength = w > 0 ? agree : conflict;
        strength[net->edge_from[e]] += fabs(w);
        strength[net->edge_to[e]] += fabs(w);
        degree[net->edge_from[e]]++;
        degree[net->edge_to[e]]++;
    }
    for (size_t a = 0; a < n; a++) {
        size_t sup = 0, opp = 0, positions = 0;
        for (size_t i = p->actor_start[a]; i < p->actor_start[a + 1]; i++) {
            sup += p->support_n[i];
            opp += p->oppose_n[i];
            positions += sg_pair_sign(p, i) != 0;
        }
        sg_column_set_number(col[M_COALITION], a,
                             (double)r->a->membership[a] + 1);
        if (!isnan(r->a->stability[a]))
            sg_column_set_number(col[M_STABILITY], a, r->a->stability[a]);
        sg_column_set_number(col[M_STATEMENTS], a, (double)(sup + opp));
        sg_column_set_number(col[M_SUPPORT], a, (double)sup);
        sg_column_set_number(col[M_OPPOSE], a, (double)opp);
        sg_column_set_number(col[M_PROPOSALS], a, (double)positions);
        sg_column_set_number(col[M_POS_STRENGTH], a, agree[a]);
        sg_column_set_number(col[M_NEG_STRENGTH], a, conflict[a]);
        sg_column_set_number(col[M_DEGREE], a, (double)degree[a]);
        if (!isnan(btw[a]))
            sg_column_set_number(col[M_BETWEENNESS], a, btw[a]);
        if (!isnan(pr[a]))
            sg_column_set_number(col[M_PAGERANK], a, pr[a]);
    }
    rc = 0;

cleanup:
    free(pp.sel);
    free(pp.w);
    free(btw);
    free(pr);
    free(agree);
    free(conflict);
    free(degree);
    return rc;
}

double sg_controversy(size_t supporters, size_t opponents)
{
    double n = (double)(supporters + opponents);
    if (n == 0)
        return 0;
    double minority = (double)(supporters < opponents ? supporters : opponents);
    double p = minority / n, z = SG_CONTROVERSY_Z, z2 = z * z;
    double lower = (p + z2 / (2 * n) -
                    z * sqrt(p * (1 - p) / n + z2 / (4 * n * n))) /
                   (1 + z2 / n);
    return lower > 0 ? 2 * lower : 0;
}

/* Proposal rows: positions and weights from the pairs, betweenness in the
 * two-mode network. */
static int proposal_metrics(run_ctx *r)
{
    const sg_pairs *p = &r->pairs;
    const sg_network *net = r->a->stances;
    sg_column **col = r->col;
    double *btw = sg_zalloc(net->nnodes, sizeof *btw);
    if (!btw)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = 0;
    if (r->copts.skip_proposal_betweenness)
        for (size_t i = 0; i < net->nnodes; i++)
            btw[i] = NAN;
    else
        rc = sg_betweenness(btw, &r->prop_sources, net->nnodes, net->edge_from,
                            net->edge_to, NULL, net->nedges, NULL,
                            SG_BETWEENNESS_BUDGET_TWO_MODE, r->copts.seed);
    for (size_t k = 0; !rc && k < p->nproposals; k++) {
        size_t row = p->nactors + k, sup = 0, opp = 0, pro = 0, con = 0;
        double sw = 0, ow = 0;
        for (size_t t = p->prop_start[k]; t < p->prop_start[k + 1]; t++) {
            size_t i = p->prop_pairs[t];
            int sign = sg_pair_sign(p, i);
            sup += p->support_n[i];
            opp += p->oppose_n[i];
            sw += p->support_w[i];
            ow += p->oppose_w[i];
            pro += sign > 0;
            con += sign < 0;
        }
        if (r->prop_coalition[k] >= 0)
            sg_column_set_number(col[M_COALITION], row,
                                 (double)r->prop_coalition[k] + 1);
        sg_column_set_number(col[M_STATEMENTS], row, (double)(sup + opp));
        sg_column_set_number(col[M_SUPPORT], row, (double)sup);
        sg_column_set_number(col[M_OPPOSE], row, (double)opp);
        sg_column_set_number(col[M_SUPPORTERS], row, (double)pro);
        sg_column_set_number(col[M_OPPONENTS], row, (double)con);
        sg_column_set_number(col[M_SUPPORT_W], row, sw);
        sg_column_set_number(col[M_OPPOSE_W], row, ow);
        sg_column_set_number(col[M_CONTROVERSY], row,
                             sg_controversy(pro, con));
        sg_column_set_number(col[M_DEGREE], row,
                             (double)(p->prop_start[k + 1] - p->prop_start[k]));
        if (!isnan(btw[row]))
            sg_column_set_number(col[M_BETWEENNESS], row, btw[row]);
    }
    free(btw);
    return rc;
}

static void sampling_note(run_ctx *r, const char *what, size_t sources,
                          size_t nodes)
{
    if (!sources)
        add_note(r, "%s betweenness not computed: too many ties", what);
    else if (sources < nodes)
        add_note(r, "%s betweenness estimated from %zu of %zu sources", what,
                 sources, nodes);
}

static void write_notes(run_ctx *r)
{
    const sg_analysis *a = r->a;
    const sg_network *net = a->actors;
    size_t isolated = 0;
    if (!r->pairs.npairs) {
        add_note(r, "no stances pass the filters");
        return;
    }
    if (net->nnodes == 1)
        add_note(r, "a single actor");
    else if (!net->nedges)
        add_note(r, "no ties between actors");
    else if (!a->graph.negative)
        add_note(r, "no negative ties");
    const sg_column *degree = sg_network_column(a->stances, SG_NODES, "degree");
    for (size_t i = 0; net->nedges && degree && i < net->nnodes; i++)
        isolated += degree->num[i] == 0;
    if (isolated)
        add_note(r, "%zu actor%s without ties form%s a coalition of one",
                 isolated, isolated == 1 ? "" : "s", isolated == 1 ? "s" : "");
    sampling_note(r, "actor", r->actor_sources, net->nnodes);
    if (!r->copts.skip_proposal_betweenness)
        sampling_note(r, "proposal", r->prop_sources, a->stances->nnodes);
    if (r->triangles_skipped)
        add_note(r, "too many triangles to count: no balance figure");
}

static int graph_metrics(sg_graph_metrics *out, const sg_network *net,
                         const sg_analysis *a, int *triangles_skipped);

/* The consensus partition and its stability, refined by the pairs'
 * positions. */
static int consensus(run_ctx *r, const sg_sgraph *g)
{
    sg_analysis *a = r->a;
    const sg_pairs *p = &r->pairs;
    r->sign = sg_zalloc(p->npairs, 1);
    a->stability = sg_zalloc(g->n, sizeof *a->stability);
    if (!r->sign || !a->stability)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < p->npairs; i++)
        r->sign[i] = (signed char)sg_pair_sign(p, i);
    r->pos = (sg_positions){p->nactors,     p->nproposals,    p->npairs,
                            p->actor_start, p->pair_proposal, r->sign,
                            p->prop_start,  p->prop_pairs,    p->pair_actor};
    sg_consensus_info info = {0, a->stability, a->method};
    int rc = sg_consensus(a->membership, &a->ncoalitions, &info, g, &r->pos,
                          &r->copts);
    if (rc)
        return rc;
    a->method = info.used;
    a->runs = info.runs;
    a->stability_mean = NAN;
    if (info.runs > 1 && g->n) {
        double sum = 0;
        for (size_t i = 0; i < g->n; i++)
            sum += a->stability[i];
        a->stability_mean = sum / (double)g->n;
        a->unclear = a->stability_mean < SG_CLEAR;
    }
    return 0;
}

static void stage(const run_ctx *r, const char *name)
{
    if (r->copts.progress)
        r->copts.progress(name, r->copts.progress_ctx);
}

/* Everything that may call igraph, so that it runs under sg_ig_guard(). */
static int run(void *ctx)
{
    run_ctx *r = ctx;
    sg_analysis *a = r->a;
    sg_network_options o = r->nopts;
    int rc;
    stage(r, "projecting");
    if ((rc = sg_pairs_build(&r->pairs, r->corpus, &o)))
        return rc;
    o.kind = SG_NET_STANCES;
    if ((rc = sg_pairs_network(&a->stances, &r->pairs, &o,
                               SG_EDGE_COLUMNS_NONE)))
        return rc;
    o.kind = SG_NET_ACTORS;
    if ((rc = sg_pairs_network(&a->actors, &r->pairs, &o,
                               SG_EDGE_COLUMNS_NONE)))
        return rc;
    size_t n = a->actors->nnodes;
    sg_sgraph g = signed_view(a->actors);
    a->membership = sg_zalloc(n, sizeof *a->membership);
    r->prop_coalition = sg_zalloc(r->pairs.nproposals, sizeof(long));
    if (!a->membership || !r->prop_coalition)
        return sg_seterr(SG_ENOMEM, "out of memory");
    stage(r, "finding coalitions");
    if ((rc = consensus(r, &g)))
        return rc;
    a->coalitions = sg_zalloc(a->ncoalitions, sizeof *a->coalitions);
    if (!a->coalitions)
        return sg_seterr(SG_ENOMEM, "out of memory");
    stage(r, "computing metrics");
    if ((rc = sg_add_columns(a->stances, SG_NODES, metric_spec, M_COUNT,
                             r->col)) ||
        (rc = coalition_members(r)) || (rc = coalition_stands(r)) ||
        (rc = actor_metrics(r)) || (rc = proposal_metrics(r)) ||
        (rc = graph_metrics(&a->graph, a->actors, a, &r->triangles_skipped)) ||
        (rc = sg_analysis_annotate(a->actors, a)))
        return rc;
    write_notes(r);
    return 0;
}

static void free_coalitions(sg_coalition *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++) {
        free(c[i].members);
        free(c[i].supports);
        free(c[i].opposes);
        free(c[i].supporters);
        free(c[i].opponents);
    }
    free(c);
}

void sg_analysis_free(sg_analysis *a)
{
    if (!a)
        return;
    sg_network_free(a->stances);
    sg_network_free(a->actors);
    free(a->membership);
    free(a->stability);
    free_coalitions(a->coalitions, a->ncoalitions);
    if (a->priv) {
        sg_arena_free(&a->priv->arena);
        free(a->priv);
    }
    free(a);
}

int sg_analysis_run(sg_analysis **out, const sg_corpus *corpus,
                    const sg_network_options *nopts,
                    const sg_coalition_options *copts)
{
    *out = NULL;
    run_ctx *r = calloc(1, sizeof *r);
    sg_analysis *a = calloc(1, sizeof *a);
    sg_analysis_priv *priv = calloc(1, sizeof *priv);
    int rc = SG_ENOMEM;
    if (!r || !a || !priv) {
        free(priv);
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    sg_arena_init(&priv->arena);
    a->priv = priv;
    r->a = a;
    r->corpus = corpus;
    if (nopts)
        r->nopts = *nopts;
    else
        sg_network_options_init(&r->nopts);
    if (copts)
        r->copts = *copts;
    else
        sg_coalition_options_init(&r->copts);
    if (r->copts.method > SG_METHOD_NONE || !(r->copts.gamma >= 0) ||
        !(r->copts.gamma_minus >= 0) || !isfinite(r->copts.gamma) ||
        !isfinite(r->copts.gamma_minus)) {
        rc = sg_seterr(SG_EUSAGE, "coalition options out of range");
        goto cleanup;
    }
    a->seed = r->copts.seed;
    a->method = r->copts.method;
    if ((rc = sg_ig_guard(run, r)))
        goto cleanup;
    if (r->notes[0] && !(a->notes = sg_arena_strdup(&priv->arena, r->notes))) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    *out = a;
    a = NULL;

cleanup:
    if (r) {
        sg_pairs_free(&r->pairs);
        free(r->prop_coalition);
        free(r->sign);
    }
    free(r);
    sg_analysis_free(a);
    return rc;
}

/* ---- annotating other networks ------------------------------------------ */

static int copy_cell(sg_network *dst, sg_column *to, size_t row,
                     const sg_column *from, long src)
{
    if (src < 0)
        return 0;
    if (from->type == SG_COL_STRING)
        return sg_column_set_string(dst, to, row, from->str[src]);
    if (!from->missing[src])
        sg_column_set_number(to, row, from->num[src]);
    return 0;
}

/* The coalition (0-based) of each node of `net`, -1 when it has none. */
static int node_coalitions(long **out, const sg_network *net,
                           const sg_analysis *a)
{
    const sg_column *c = sg_network_column(a->stances, SG_NODES, "coalition");
    long *memb = sg_zalloc(net->nnodes, sizeof *memb);
    *out = memb;
    if (!memb)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < net->nnodes; i++) {
        long src = net == a->stances
                       ? (long)i
                       : sg_network_find_node(a->stances, net->node_id[i]);
        memb[i] =
            src >= 0 && c && !c->missing[src] ? (long)c->num[src] - 1 : -1;
    }
    return 0;
}

static int annotate_edges(sg_network *net, const sg_analysis *a)
{
    long *memb = NULL;
    sg_column *col;
    int rc =
        sg_network_add_column(&col, net, SG_EDGES, "violation", SG_COL_BOOL);
    if (rc || (rc = node_coalitions(&memb, net, a)))
        goto cleanup;
    for (size_t e = 0; e < net->nedges; e++) {
        long x = memb[net->edge_from[e]], y = memb[net->edge_to[e]];
        if (x < 0 || y < 0)
            continue;
        sg_column_set_number(
            col, e, (net->net[e] < 0 && x == y) || (net->net[e] > 0 && x != y));
    }

cleanup:
    free(memb);
    return rc;
}

int sg_analysis_annotate(sg_network *net, const sg_analysis *a)
{
    if (!net || !a)
        return sg_seterr(SG_EUSAGE, "sg_analysis_annotate: NULL argument");
    if (net != a->stances) {
        sg_column *to[M_COUNT];
        const sg_column *from[M_COUNT];
        int rc = sg_add_columns(net, SG_NODES, metric_spec, M_COUNT, to);
        if (rc)
            return rc;
        for (size_t m = 0; m < M_COUNT; m++)
            from[m] =
                sg_network_column(a->stances, SG_NODES, metric_spec[m].name);
        for (size_t i = 0; i < net->nnodes; i++) {
            long src = sg_network_find_node(a->stances, net->node_id[i]);
            for (size_t m = 0; m < M_COUNT && from[m]; m++)
                if ((rc = copy_cell(net, to[m], i, from[m], src)))
                    return rc;
        }
    }
    return net->kind == SG_NET_STANCES ? 0 : annotate_edges(net, a);
}

/* ---- whole-graph figures --------------------------------------------------
 */

static int graph_metrics(sg_graph_metrics *out, const sg_network *net,
                         const sg_analysis *a, int *triangles_skipped)
{
    memset(out, 0, sizeof *out);
    out->modularity = out->balance = NAN;
    *triangles_skipped = 0;
    long *memb = NULL;
    int rc = node_coalitions(&memb, net, a);
    if (rc)
        return rc;
    sg_sgraph g = signed_view(net);
    unsigned char *seen = sg_zalloc((size_t)a->ncoalitions + 1, 1);
    if (!seen) {
        free(memb);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    size_t actors = 0;
    out->nodes = net->nnodes;
    out->edges = net->nedges;
    for (size_t i = 0; i < net->nnodes; i++) {
        actors += net->node_kind[i] == SG_ACTOR;
        if (memb[i] >= 0 && (size_t)memb[i] < a->ncoalitions &&
            !seen[memb[i]]) {
            seen[memb[i]] = 1;
            out->coalitions++;
        }
    }
    for (size_t e = 0; e < net->nedges; e++) {
        out->positive += net->net[e] > 0;
        out->negative += net->net[e] < 0;
        out->ambivalent += net->net[e] == 0;
    }
    double pairs = net->kind == SG_NET_STANCES
                       ? (double)actors * (double)(net->nnodes - actors)
                       : (double)net->nnodes * (double)(net->nnodes - 1) / 2;
    out->density = pairs > 0 ? (double)net->nedges / pairs : 0;
    rc = sg_signed_modularity(&out->modularity, &g, memb);
    sg_frustration(&out->violations, &out->frustration, &g, memb);
    if (!rc && net->kind != SG_NET_STANCES) {
        size_t balanced;
        rc = sg_triangles(&out->triangles, &balanced, &g);
        if (rc == 1) {
            *triangles_skipped = 1;
            out->triangles = 0;
            rc = 0;
        } else if (!rc && out->triangles) {
            out->balance = (double)balanced / (double)out->triangles;
        }
    }
    free(seen);
    free(memb);
    return rc;
}

int sg_analysis_graph_metrics(sg_graph_metrics *out, const sg_network *net,
                              const sg_analysis *a)
{
    int skipped;
    return graph_metrics(out, net, a, &skipped);
}
