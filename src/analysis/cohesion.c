/* Cohesion of a coalition over all its member pairs. A pair of members
 * agrees when their shared positions agree more often than not (net > 0,
 * the sign of their tie in the actor network); pairs that share no
 * proposal say nothing and are left out, and the count of the pairs that
 * do is reported with the figure, so that "1.000" over 16 of 45 pairs
 * reads as what it is. */
#include <stdlib.h>
#include <string.h>

#include "analysis/coalitions.h"
#include "model/alloc.h"
#include "model/util.h"

typedef struct {
    size_t *cstart;     /* k + 1: into entries, by coalition */
    uint32_t *entries;  /* non-ambivalent pairs by coalition, proposal */
    size_t *mstart;     /* k + 1: into members */
    uint32_t *members;  /* actors by coalition, ascending */
    uint32_t *local;    /* per actor: its index among its coalition's */
    size_t *gstart;     /* per proposal: its group in the coalition at hand */
    size_t *gend;
    int32_t *acc;       /* per local index: net with the member at hand */
    uint32_t *touched;
    unsigned char *seen;
    double *work;       /* per coalition: pair visits an exact count costs */
    unsigned char *exact;
} cohesion_work;

static void work_free(cohesion_work *w)
{
    free(w->cstart);
    free(w->entries);
    free(w->mstart);
    free(w->members);
    free(w->local);
    free(w->gstart);
    free(w->gend);
    free(w->acc);
    free(w->touched);
    free(w->seen);
    free(w->work);
    free(w->exact);
}

/* Bucket the members and their non-ambivalent pairs by coalition (pairs
 * proposal by proposal) and price an exact count per coalition. */
static int bucket(cohesion_work *w, size_t k, const long *memb,
                  const sg_positions *pos)
{
    size_t n = pos->nactors;
    w->cstart = sg_zalloc(k + 1, sizeof *w->cstart);
    w->entries = sg_zalloc(pos->npairs, sizeof *w->entries);
    w->mstart = sg_zalloc(k + 1, sizeof *w->mstart);
    w->members = sg_zalloc(n, sizeof *w->members);
    w->local = sg_zalloc(n, sizeof *w->local);
    w->gstart = sg_zalloc(pos->nproposals, sizeof *w->gstart);
    w->gend = sg_zalloc(pos->nproposals, sizeof *w->gend);
    w->acc = sg_zalloc(n, sizeof *w->acc);
    w->touched = sg_zalloc(n, sizeof *w->touched);
    w->seen = sg_zalloc(n, 1);
    w->work = sg_zalloc(k, sizeof *w->work);
    w->exact = sg_zalloc(k, 1);
    size_t *fill = sg_zalloc(k + 1, sizeof *fill);
    if (!w->cstart || !w->entries || !w->mstart || !w->members ||
        !w->local || !w->gstart || !w->gend || !w->acc || !w->touched ||
        !w->seen || !w->work || !w->exact || !fill) {
        free(fill);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        size_t c = (size_t)memb[i];
        w->local[i] = (uint32_t)w->mstart[c + 1]++;
        for (size_t t = pos->actor_start[i]; t < pos->actor_start[i + 1]; t++)
            w->cstart[c + 1] += pos->sign[t] != 0;
    }
    for (size_t c = 0; c < k; c++) {
        w->mstart[c + 1] += w->mstart[c];
        w->cstart[c + 1] += w->cstart[c];
    }
    memcpy(fill, w->mstart, (k + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        w->members[fill[memb[i]]++] = (uint32_t)i;
    memcpy(fill, w->cstart, (k + 1) * sizeof *fill);
    for (size_t p = 0; p < pos->nproposals; p++)
        for (size_t t = pos->prop_start[p]; t < pos->prop_start[p + 1]; t++) {
            uint32_t pair = pos->prop_pairs[t];
            if (pos->sign[pair])
                w->entries[fill[memb[pos->pair_actor[pair]]]++] = pair;
        }
    free(fill);
    for (size_t c = 0; c < k; c++)
        for (size_t x = w->cstart[c], y; x < w->cstart[c + 1]; x = y) {
            uint32_t p = pos->pair_proposal[w->entries[x]];
            for (y = x + 1; y < w->cstart[c + 1] &&
                            pos->pair_proposal[w->entries[y]] == p;
                 y++)
                ;
            w->work[c] += (double)(y - x) * (double)(y - x);
        }
    return 0;
}

/* Every member pair of coalition c that shares a proposal, once. */
static void count_exact(sg_cohesion_count *out, cohesion_work *w, size_t c,
                        const sg_positions *pos)
{
    for (size_t x = w->cstart[c], y; x < w->cstart[c + 1]; x = y) {
        uint32_t p = pos->pair_proposal[w->entries[x]];
        for (y = x + 1;
             y < w->cstart[c + 1] && pos->pair_proposal[w->entries[y]] == p;
             y++)
            ;
        w->gstart[p] = x;
        w->gend[p] = y;
    }
    for (size_t m = w->mstart[c]; m < w->mstart[c + 1]; m++) {
        uint32_t i = w->members[m];
        size_t nt = 0;
        for (size_t t = pos->actor_start[i]; t < pos->actor_start[i + 1];
             t++) {
            int s = pos->sign[t];
            if (!s)
                continue;
            uint32_t p = pos->pair_proposal[t];
            for (size_t x = w->gstart[p]; x < w->gend[p]; x++) {
                uint32_t pair = w->entries[x];
                uint32_t j = w->local[pos->pair_actor[pair]];
                if (j <= w->local[i])
                    continue;
                if (!w->seen[j]) {
                    w->seen[j] = 1;
                    w->acc[j] = 0;
                    w->touched[nt++] = j;
                }
                w->acc[j] += s * pos->sign[pair];
            }
        }
        out->known += nt;
        for (size_t x = 0; x < nt; x++) {
            uint32_t j = w->touched[x];
            out->agreeing += w->acc[j] > 0;
            out->balanced += w->acc[j] == 0;
            w->seen[j] = 0;
        }
    }
}

int sg_cohesion(sg_cohesion_count *out, size_t k, const long *membership,
                const sg_positions *pos, const sg_sgraph *g, double budget)
{
    cohesion_work w = {0};
    int rc = bucket(&w, k, membership, pos);
    if (rc)
        goto cleanup;
    for (size_t c = 0; c < k; c++) {
        size_t m = w.mstart[c + 1] - w.mstart[c];
        out[c] = (sg_cohesion_count){(size_t)m * (m - (m > 0)) / 2, 0, 0, 0,
                                     0};
        w.exact[c] = w.work[c] <= budget;
        if (w.exact[c]) {
            budget -= w.work[c];
            count_exact(&out[c], &w, c, pos);
        } else {
            out[c].from_ties = 1;
        }
    }
    for (size_t e = 0; e < g->m; e++) {
        long c = membership[g->from[e]];
        if (c != membership[g->to[e]] || w.exact[c])
            continue;
        out[c].known++;
        out[c].agreeing += g->w[e] > 0;
    }

cleanup:
    work_free(&w);
    return rc;
}
