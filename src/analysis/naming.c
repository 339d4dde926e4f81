/* Coalition names from their most telling proposal (see naming.h). */
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

int sg_coalition_names(char **out, size_t n, size_t size,
                       const sg_analysis *a)
{
    const sg_network *net = a->stances;
    size_t nn = net ? net->nnodes : 0, nactors = 0;
    long *coal = malloc((nn ? nn : 1) * sizeof *coal);
    double *all = calloc(nn ? nn : 1, sizeof *all);
    double *mine = calloc(nn ? nn : 1, sizeof *mine);
    int rc = 0;
    if (!coal || !all || !mine) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < nn; i++) {
        coal[i] = -1;
        nactors += net->node_kind[i] == SG_ACTOR;
    }
    for (size_t c = 0; c < a->ncoalitions; c++)
        for (size_t k = 0; k < a->coalitions[c].nmembers; k++)
            if (a->coalitions[c].members[k] < nn)
                coal[a->coalitions[c].members[k]] = (long)c;
    /* Summed positions per proposal, of everyone. */
    for (size_t e = 0; e < (net ? net->nedges : 0); e++) {
        size_t u = net->edge_from[e], p = net->edge_to[e];
        if (net->node_kind[u] != SG_ACTOR) {
            size_t t = u;
            u = p;
            p = t;
        }
        all[p] += (net->net[e] > 0) - (net->net[e] < 0);
    }
    for (size_t c = 0; c < n && c < a->ncoalitions; c++) {
        size_t members = a->coalitions[c].nmembers;
        memset(mine, 0, nn * sizeof *mine);
        for (size_t e = 0; e < net->nedges; e++) {
            size_t u = net->edge_from[e], p = net->edge_to[e];
            if (net->node_kind[u] != SG_ACTOR) {
                size_t t = u;
                u = p;
                p = t;
            }
            if (coal[u] == (long)c)
                mine[p] += (net->net[e] > 0) - (net->net[e] < 0);
        }
        double best = 0;
        size_t best_p = 0;
        for (size_t p = 0; p < nn; p++) {
            if (net->node_kind[p] != SG_PROPOSAL || !members)
                continue;
            double sc = mine[p] / (double)members;
            double rest = nactors > members
                              ? (all[p] - mine[p]) / (double)(nactors - members)
                              : 0;
            double score = fabs(sc) * fabs(sc - rest);
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
            name(out[c], size, mine[best_p] < 0, label);
        } else {
            snprintf(out[c], size, "Coalition %zu", c + 1);
        }
    }

cleanup:
    free(coal);
    free(all);
    free(mine);
    return rc;
}
