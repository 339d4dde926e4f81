/* Coalition names from their most telling proposal, and the coalitions'
 * stands ordered the same way (see naming.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/error.h"
#include "stancegraph/naming.h"

/* "For " or "Against " and the label, cut to fit `size` on a UTF-8
 * boundary with "…" when it is too long. */
static void name(char *out, size_t size, int against, const char *label)
{
    const char *lead = against ? "Against " : "For ";
    size_t room = size - 1, lead_len = strlen(lead), len = strlen(label);
    if (size < 16) {
        snprintf(out, size, "%s", lead);
        return;
    }
    if (lead_len + len <= room) {
        snprintf(out, size, "%s%s", lead, label);
        return;
    }
    size_t keep = room - lead_len - 3; /* "…" is three bytes */
    while (keep > 0 && ((unsigned char)label[keep] & 0xC0) == 0x80)
        keep--;
    snprintf(out, size, "%s%.*s\xE2\x80\xA6", lead, (int)keep, label);
}

/* Positions per stance node, of everyone and of one coalition's members:
 * the actors for and against each proposal. */
typedef struct {
    const sg_network *net;
    size_t nn, nactors;
    long *coal;                   /* per node: coalition index, -1 */
    size_t *all_for, *all_against; /* per proposal node */
    size_t *for_, *against;        /* the same, of coalition `c` */
} tally;

static void tally_free(tally *t)
{
    free(t->coal);
    free(t->all_for);
    free(t->all_against);
    free(t->for_);
    free(t->against);
}

/* The proposal and actor ends of two-mode edge e. */
static void ends(const sg_network *net, size_t e, size_t *actor, size_t *p)
{
    *actor = net->edge_from[e];
    *p = net->edge_to[e];
    if (net->node_kind[*actor] != SG_ACTOR) {
        size_t t = *actor;
        *actor = *p;
        *p = t;
    }
}

static int tally_init(tally *t, const sg_analysis *a)
{
    const sg_network *net = a->stances;
    memset(t, 0, sizeof *t);
    t->net = net;
    t->nn = net ? net->nnodes : 0;
    size_t n = t->nn ? t->nn : 1;
    t->coal = malloc(n * sizeof *t->coal);
    t->all_for = calloc(n, sizeof *t->all_for);
    t->all_against = calloc(n, sizeof *t->all_against);
    t->for_ = calloc(n, sizeof *t->for_);
    t->against = calloc(n, sizeof *t->against);
    if (!t->coal || !t->all_for || !t->all_against || !t->for_ ||
        !t->against)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < t->nn; i++) {
        t->coal[i] = -1;
        t->nactors += net->node_kind[i] == SG_ACTOR;
    }
    for (size_t c = 0; c < a->ncoalitions; c++)
        for (size_t k = 0; k < a->coalitions[c].nmembers; k++)
            if (a->coalitions[c].members[k] < t->nn)
                t->coal[a->coalitions[c].members[k]] = (long)c;
    for (size_t e = 0; net && e < net->nedges; e++) {
        size_t u, p;
        ends(net, e, &u, &p);
        t->all_for[p] += net->net[e] > 0;
        t->all_against[p] += net->net[e] < 0;
    }
    return 0;
}

static void tally_coalition(tally *t, size_t c)
{
    const sg_network *net = t->net;
    memset(t->for_, 0, (t->nn ? t->nn : 1) * sizeof *t->for_);
    memset(t->against, 0, (t->nn ? t->nn : 1) * sizeof *t->against);
    for (size_t e = 0; net && e < net->nedges; e++) {
        size_t u, p;
        ends(net, e, &u, &p);
        if (t->coal[u] != (long)c)
            continue;
        t->for_[p] += net->net[e] > 0;
        t->against[p] += net->net[e] < 0;
    }
}

/* |s_c| x |s_c - s_rest| for proposal node p (see naming.h). */
static double telling(const tally *t, size_t p, size_t members)
{
    if (!members)
        return 0;
    double mine = (double)t->for_[p] - (double)t->against[p];
    double all = (double)t->all_for[p] - (double)t->all_against[p];
    double sc = mine / (double)members;
    double rest = t->nactors > members
                      ? (all - mine) / (double)(t->nactors - members)
                      : 0;
    return fabs(sc) * fabs(sc - rest);
}

int sg_coalition_names(char **out, size_t n, size_t size,
                       const sg_analysis *a)
{
    tally t;
    int rc = tally_init(&t, a);
    if (rc)
        goto cleanup;
    const sg_network *net = t.net;
    for (size_t c = 0; c < n && c < a->ncoalitions; c++) {
        size_t members = a->coalitions[c].nmembers;
        tally_coalition(&t, c);
        double best = 0;
        size_t best_p = 0;
        for (size_t p = 0; p < t.nn; p++) {
            if (net->node_kind[p] != SG_PROPOSAL)
                continue;
            double score = telling(&t, p, members);
            if (score > best) {
                best = score;
                best_p = p;
            }
        }
        if (best > 0) {
            const sg_column *lab = sg_network_column(net, SG_NODES, "label");
            const char *label = lab && lab->type == SG_COL_STRING &&
                                        lab->str[best_p]
                                    ? lab->str[best_p]
                                    : net->node_id[best_p];
            name(out[c], size, t.for_[best_p] < t.against[best_p], label);
        } else {
            snprintf(out[c], size, "Coalition %zu", c + 1);
        }
    }

cleanup:
    tally_free(&t);
    return rc;
}

/* Most telling first, then the larger share behind, then input order. */
static int cmp_stand(const void *x, const void *y)
{
    const sg_stand *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->members != b->members)
        return a->members > b->members ? -1 : 1;
    if (a->against != b->against)
        return a->against - b->against;
    return (a->index > b->index) - (a->index < b->index);
}

int sg_coalition_stands(sg_stand *supports, sg_stand *opposes,
                        const sg_analysis *a, size_t c)
{
    tally t;
    int rc = tally_init(&t, a);
    if (rc)
        goto cleanup;
    const sg_coalition *co = &a->coalitions[c];
    tally_coalition(&t, c);
    for (int side = 0; side < 2; side++) {
        sg_stand *out = side ? opposes : supports;
        const size_t *nodes = side ? co->opposes : co->supports;
        const size_t *behind = side ? co->opponents : co->supporters;
        size_t n = side ? co->nopposes : co->nsupports;
        for (size_t i = 0; i < n; i++) {
            size_t p = nodes[i];
            size_t same = side ? t.all_against[p] - t.against[p]
                               : t.all_for[p] - t.for_[p];
            out[i] = (sg_stand){.index = i,
                                .node = p,
                                .against = side,
                                .members = behind[i],
                                .rest = same,
                                .rest_actors = t.nactors > co->nmembers
                                                   ? t.nactors - co->nmembers
                                                   : 0,
                                .score = telling(&t, p, co->nmembers)};
        }
        if (n)
            qsort(out, n, sizeof *out, cmp_stand);
    }

cleanup:
    tally_free(&t);
    return rc;
}

/* A whole positive decimal number, without sign or spaces. */
static int coalition_number(size_t *out, const char *key, size_t len)
{
    size_t v = 0;
    if (len == 0 || len > 9)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (key[i] < '0' || key[i] > '9')
            return 0;
        v = v * 10 + (size_t)(key[i] - '0');
    }
    *out = v;
    return 1;
}

int sg_coalition_labels(const char **out, const sg_analysis *a,
                        const char *const *specs, size_t nspecs)
{
    for (size_t c = 0; c < a->ncoalitions; c++)
        out[c] = NULL;
    const sg_network *net = a->stances;
    char key[256];
    for (size_t i = 0; i < nspecs; i++) {
        const char *spec = specs[i], *eq = strchr(spec, '=');
        if (!eq || eq == spec || !eq[1])
            return sg_seterr(SG_EUSAGE,
                             "\"%s\": expected KEY=NAME (KEY: a coalition's "
                             "number or an actor's id)",
                             spec);
        size_t len = (size_t)(eq - spec), c = 0;
        if (coalition_number(&c, spec, len)) {
            if (c < 1 || c > a->ncoalitions)
                return sg_seterr(SG_EUSAGE,
                                 "\"%s\": there %s %zu coalition%s", spec,
                                 a->ncoalitions == 1 ? "is" : "are",
                                 a->ncoalitions,
                                 a->ncoalitions == 1 ? "" : "s");
            c--;
        } else {
            if (len >= sizeof key)
                return sg_seterr(SG_EUSAGE, "\"%.40s...\": no actor has "
                                            "that id",
                                 spec);
            memcpy(key, spec, len);
            key[len] = '\0';
            long row = net ? sg_network_find_node(net, key) : -1;
            if (row < 0 || net->node_kind[row] != SG_ACTOR ||
                !a->membership || a->membership[row] < 0 ||
                (size_t)a->membership[row] >= a->ncoalitions)
                return sg_seterr(SG_EUSAGE,
                                 "\"%s\": no coalition %s and no actor "
                                 "with the id \"%s\"",
                                 spec, key, key);
            c = (size_t)a->membership[row];
        }
        if (out[c] && strcmp(out[c], eq + 1) != 0)
            return sg_seterr(SG_EUSAGE,
                             "coalition %zu is named twice: \"%s\" and "
                             "\"%s\"",
                             c + 1, out[c], eq + 1);
        out[c] = eq + 1;
    }
    return 0;
}
