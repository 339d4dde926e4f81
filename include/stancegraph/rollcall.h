#ifndef STANCEGRAPH_ROLLCALL_H
#define STANCEGRAPH_ROLLCALL_H

#include <stddef.h>

#include "common.h"
#include "corpus.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Roll-call measures by group (party): how cohesive each group votes and
 * who votes against their own. Positions are those of the actor x proposal
 * matrix (the sign of support minus opposition; ambivalent pairs and
 * missing stances are not votes).
 *
 *   party-unity vote  a proposal on which the majorities of two groups
 *                     (each with at least two members voting) take
 *                     opposite sides
 *   unity             per actor: on the party-unity votes where their own
 *                     group's majority is one of the opposing sides, the
 *                     share of their votes that go with it (Congressional
 *                     Quarterly's party unity score); NaN without such a
 *                     vote, or for actors without a group
 *   rice              per group and proposal: |yea - nay| / (yea + nay),
 *                     1 = united, 0 = evenly split (Rice 1925)
 *   agreement         per group: Hix, Noury and Roland's agreement index
 *                     averaged over the proposals the group voted on,
 *                     (max(Y,N,A) - (Y+N+A - max(Y,N,A)) / 2) / (Y+N+A),
 *                     with A = 0: stance data record no abstention
 *   split             a group is split on a proposal when its losing side
 *                     has at least a quarter of its votes (Rice <= 0.5)
 *                     and at least two members */

typedef struct sg_rollcall_priv sg_rollcall_priv;

typedef struct {
    size_t ngroups;
    const char **group; /* in order of first appearance among the actors */
    size_t nactors;     /* corpus actors with a passing stance, input order */
    const char **actor_id;
    const size_t *actor_entity; /* corpus actor index */
    const long *actor_group;    /* index into group, -1 = none */
    const double *unity;        /* NaN when undefined (see above) */
    const size_t *unity_votes;  /* party-unity votes it counts */
    size_t nproposals;          /* proposals with a passing stance */
    const char **proposal_id;
    const size_t *proposal_entity;
    const int *party_vote;      /* 1 = a party-unity vote */
    const size_t *yea, *nay;    /* ngroups x nproposals, row-major by group */
    const double *rice;         /* ngroups x nproposals; NaN without votes */
    const double *agreement;    /* per group; NaN without votes */
    const double *mean_rice;    /* per group */
    const size_t *splits;       /* per group: proposals that split it */
    size_t party_votes;         /* party-unity votes */
    sg_rollcall_priv *priv;
} sg_rollcall;

/* Measure the corpus after the filters of `nopts` (NULL: defaults; its
 * kind, counting, tie options and by_group are ignored). `group_column`
 * names the actor attribute that is the group; NULL = the actor's group.
 * SG_EUSAGE when the column names no actor attribute. The caller frees
 * *out with sg_rollcall_free(). O(stances + groups x proposals). */
int sg_rollcall_run(sg_rollcall **out, const sg_corpus *corpus,
                    const sg_network_options *nopts,
                    const char *group_column);

/* Accepts NULL. */
void sg_rollcall_free(sg_rollcall *r);

/* Add the node column `unity` to `net` by actor id (missing where
 * undefined or unknown). O(nodes). */
int sg_rollcall_annotate(sg_network *net, const sg_rollcall *r);

#ifdef __cplusplus
}
#endif

#endif
