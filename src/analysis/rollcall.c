/* Roll-call measures by group: party-unity votes and scores, Rice
 * cohesion, Hix-Noury-Roland agreement, and the proposals that split a
 * group (definitions in stancegraph/rollcall.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "model/util.h"
#include "network/pairs.h"
#include "stancegraph/rollcall.h"

/* groups x proposals cells beyond which the tables would not fit in
 * memory a user expects (a "group" column unique per actor, say). */
#define MAX_CELLS ((size_t)50000000)

struct sg_rollcall_priv {
    sg_arena arena;
    const char **group, **actor_id, **proposal_id;
    size_t *actor_entity, *unity_votes, *proposal_entity, *yea, *nay, *splits;
    long *actor_group;
    double *unity, *rice, *agreement, *mean_rice;
    int *party_vote;
};

void sg_rollcall_free(sg_rollcall *r)
{
    if (!r)
        return;
    sg_rollcall_priv *p = r->priv;
    if (p) {
        sg_arena_free(&p->arena);
        free(p->group);
        free(p->actor_id);
        free(p->proposal_id);
        free(p->actor_entity);
        free(p->unity_votes);
        free(p->proposal_entity);
        free(p->yea);
        free(p->nay);
        free(p->splits);
        free(p->actor_group);
        free(p->unity);
        free(p->rice);
        free(p->agreement);
        free(p->mean_rice);
        free(p->party_vote);
        free(p);
    }
    free(r);
}

/* The group name of corpus actor `a`: its group, or the value of the
 * attribute `key` (-1: the group) as text; NULL when it has none. */
static const char *group_of(const sg_corpus *c, size_t a, long key, char *buf,
                            size_t size)
{
    const sg_entity *e = &c->actors[a];
    if (key < 0)
        return e->group;
    for (size_t k = 0; k < e->nattrs; k++) {
        if ((long)e->attrs[k].key != key)
            continue;
        const sg_value *v = &e->attrs[k].value;
        if (v->type == SG_VALUE_STRING)
            return v->str;
        if (v->type == SG_VALUE_BOOL)
            return v->num ? "true" : "false";
        if (v->type == SG_VALUE_NUMBER) {
            sg_format_double(buf, size, v->num);
            return buf;
        }
    }
    return NULL;
}

/* Assign each actor unit its group index; fills r->priv->group. */
static int assign_groups(sg_rollcall *r, const sg_pairs *p, long key)
{
    sg_rollcall_priv *v = r->priv;
    sg_strmap index;
    size_t cap = 0;
    int rc = 0;
    sg_strmap_init(&index);
    for (size_t i = 0; i < p->nactors; i++) {
        char buf[40];
        const char *g = group_of(p->corpus, p->actor_entity[i], key, buf,
                                 sizeof buf);
        v->actor_group[i] = -1;
        if (!g || !*g)
            continue;
        size_t at;
        if (sg_strmap_get(&index, g, &at)) {
            v->actor_group[i] = (long)at;
            continue;
        }
        char *copy = sg_arena_strdup(&v->arena, g);
        if (!copy || sg_grow(&v->group, &cap, r->ngroups + 1,
                             sizeof *v->group)) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            break;
        }
        if ((rc = sg_strmap_put(&index, copy, r->ngroups)))
            break;
        v->group[r->ngroups] = copy;
        v->actor_group[i] = (long)r->ngroups++;
    }
    sg_strmap_free(&index);
    return rc;
}

static int alloc_tables(sg_rollcall *r, const sg_pairs *p)
{
    sg_rollcall_priv *v = r->priv;
    size_t na = p->nactors, np = p->nproposals;
    r->nactors = na;
    r->nproposals = np;
    v->actor_id = sg_zalloc(na, sizeof *v->actor_id);
    v->actor_entity = sg_zalloc(na, sizeof *v->actor_entity);
    v->actor_group = sg_zalloc(na, sizeof *v->actor_group);
    v->unity = sg_zalloc(na, sizeof *v->unity);
    v->unity_votes = sg_zalloc(na, sizeof *v->unity_votes);
    v->proposal_id = sg_zalloc(np, sizeof *v->proposal_id);
    v->proposal_entity = sg_zalloc(np, sizeof *v->proposal_entity);
    v->party_vote = sg_zalloc(np, sizeof *v->party_vote);
    if (!v->actor_id || !v->actor_entity || !v->actor_group || !v->unity ||
        !v->unity_votes || !v->proposal_id || !v->proposal_entity ||
        !v->party_vote)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < na; i++) {
        v->actor_entity[i] = p->actor_entity[i];
        v->actor_id[i] = p->corpus->actors[p->actor_entity[i]].id;
    }
    for (size_t j = 0; j < np; j++) {
        v->proposal_entity[j] = p->proposal_entity[j];
        v->proposal_id[j] = p->corpus->proposals[p->proposal_entity[j]].id;
    }
    return 0;
}

static int alloc_group_tables(sg_rollcall *r)
{
    sg_rollcall_priv *v = r->priv;
    size_t g = r->ngroups, np = r->nproposals;
    if (g && np > MAX_CELLS / g)
        return sg_seterr(SG_ELIMIT,
                         "%zu groups x %zu proposals is too many cells for "
                         "the roll-call tables (at most %zu); is the group "
                         "column unique per actor?",
                         g, np, MAX_CELLS);
    v->yea = sg_zalloc(g * np, sizeof *v->yea);
    v->nay = sg_zalloc(g * np, sizeof *v->nay);
    v->rice = sg_zalloc(g * np, sizeof *v->rice);
    v->agreement = sg_zalloc(g, sizeof *v->agreement);
    v->mean_rice = sg_zalloc(g, sizeof *v->mean_rice);
    v->splits = sg_zalloc(g, sizeof *v->splits);
    if (!v->yea || !v->nay || !v->rice || !v->agreement || !v->mean_rice ||
        !v->splits)
        return sg_seterr(SG_ENOMEM, "out of memory");
    return 0;
}

/* Majority side of group g on proposal j among groups with two or more
 * votes: +1 yea, -1 nay, 0 none (tie or too few votes). */
static int majority(const sg_rollcall_priv *v, size_t np, size_t g, size_t j)
{
    size_t y = v->yea[g * np + j], n = v->nay[g * np + j];
    if (y + n < 2 || y == n)
        return 0;
    return y > n ? 1 : -1;
}

static void measure(sg_rollcall *r, const sg_pairs *p, int *maj,
                    size_t *agree)
{
    sg_rollcall_priv *v = r->priv;
    size_t np = r->nproposals, ng = r->ngroups;
    for (size_t q = 0; q < p->npairs; q++) {
        long g = v->actor_group[p->pair_actor[q]];
        int s = sg_pair_sign(p, q);
        if (g < 0 || !s)
            continue;
        size_t cell = (size_t)g * np + p->pair_proposal[q];
        if (s > 0)
            v->yea[cell]++;
        else
            v->nay[cell]++;
    }
    for (size_t j = 0; j < np; j++) {
        int pos = 0, neg = 0;
        for (size_t g = 0; g < ng; g++) {
            maj[g] = majority(v, np, g, j);
            pos |= maj[g] > 0;
            neg |= maj[g] < 0;
        }
        v->party_vote[j] = pos && neg;
        r->party_votes += (size_t)v->party_vote[j];
        if (!v->party_vote[j])
            continue;
        /* Every group with a majority is opposed by another here. */
        for (size_t k = p->prop_start[j]; k < p->prop_start[j + 1]; k++) {
            uint32_t q = p->prop_pairs[k];
            size_t a = p->pair_actor[q];
            long g = v->actor_group[a];
            int s = sg_pair_sign(p, q);
            if (g < 0 || !s || !maj[g])
                continue;
            v->unity_votes[a]++;
            agree[a] += s == maj[g];
        }
    }
    for (size_t a = 0; a < r->nactors; a++)
        v->unity[a] = v->unity_votes[a]
                          ? (double)agree[a] / (double)v->unity_votes[a]
                          : NAN;
    for (size_t g = 0; g < ng; g++) {
        double ai = 0, rice = 0;
        size_t voted = 0;
        for (size_t j = 0; j < np; j++) {
            size_t y = v->yea[g * np + j], n = v->nay[g * np + j], t = y + n;
            if (!t) {
                v->rice[g * np + j] = NAN;
                continue;
            }
            size_t hi = y > n ? y : n, lo = t - hi;
            v->rice[g * np + j] = (double)(hi - lo) / (double)t;
            ai += ((double)hi - (double)lo / 2) / (double)t;
            rice += v->rice[g * np + j];
            voted++;
            v->splits[g] += lo >= 2 && 4 * lo >= t;
        }
        v->agreement[g] = voted ? ai / (double)voted : NAN;
        v->mean_rice[g] = voted ? rice / (double)voted : NAN;
    }
}

int sg_rollcall_run(sg_rollcall **out, const sg_corpus *corpus,
                    const sg_network_options *nopts, const char *group_column)
{
    sg_network_options no;
    sg_pairs pairs;
    int rc, have_pairs = 0, *maj = NULL;
    size_t *agree = NULL;
    *out = NULL;
    if (nopts)
        no = *nopts;
    else
        sg_network_options_init(&no);
    no.kind = SG_NET_STANCES;
    no.by_group = 0;
    long key = -1;
    if (group_column && strcmp(group_column, "group") != 0) {
        for (size_t k = 0; k < corpus->nactor_keys && key < 0; k++)
            if (strcmp(corpus->actor_keys[k].name, group_column) == 0)
                key = (long)k;
        if (key < 0)
            return sg_seterr(SG_EUSAGE, "no actor attribute '%s' to group by",
                             group_column);
    }
    sg_rollcall *r = calloc(1, sizeof *r);
    if (!r || !(r->priv = calloc(1, sizeof *r->priv))) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    sg_arena_init(&r->priv->arena);
    if ((rc = sg_pairs_build(&pairs, corpus, &no)))
        goto cleanup;
    have_pairs = 1;
    if ((rc = alloc_tables(r, &pairs)) ||
        (rc = assign_groups(r, &pairs, key)) ||
        (rc = alloc_group_tables(r)))
        goto cleanup;
    maj = sg_zalloc(r->ngroups, sizeof *maj);
    agree = sg_zalloc(r->nactors, sizeof *agree);
    if (!maj || !agree) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    measure(r, &pairs, maj, agree);
    sg_rollcall_priv *v = r->priv;
    /* Ids outlive the corpus. */
    for (size_t i = 0; i < r->nactors; i++)
        if (!(v->actor_id[i] = sg_arena_strdup(&v->arena, v->actor_id[i])))
            rc = SG_ENOMEM;
    for (size_t j = 0; j < r->nproposals; j++)
        if (!(v->proposal_id[j] =
                  sg_arena_strdup(&v->arena, v->proposal_id[j])))
            rc = SG_ENOMEM;
    if (rc) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    r->group = v->group;
    r->actor_id = v->actor_id;
    r->actor_entity = v->actor_entity;
    r->actor_group = v->actor_group;
    r->unity = v->unity;
    r->unity_votes = v->unity_votes;
    r->proposal_id = v->proposal_id;
    r->proposal_entity = v->proposal_entity;
    r->party_vote = v->party_vote;
    r->yea = v->yea;
    r->nay = v->nay;
    r->rice = v->rice;
    r->agreement = v->agreement;
    r->mean_rice = v->mean_rice;
    r->splits = v->splits;
    *out = r;
    r = NULL;

cleanup:
    free(maj);
    free(agree);
    if (have_pairs)
        sg_pairs_free(&pairs);
    sg_rollcall_free(r);
    return rc;
}

int sg_rollcall_annotate(sg_network *net, const sg_rollcall *r)
{
    sg_column *col;
    int rc = sg_network_add_column(&col, net, SG_NODES, "unity",
                                   SG_COL_NUMBER);
    if (rc)
        return rc;
    for (size_t i = 0; i < r->nactors; i++) {
        long row = sg_network_find_node(net, r->actor_id[i]);
        if (row >= 0 && net->node_kind[row] == SG_ACTOR && !isnan(r->unity[i]))
            sg_column_set_number(col, (size_t)row, r->unity[i]);
    }
    return 0;
}
