#ifndef STANCEGRAPH_SCALE_H
#define STANCEGRAPH_SCALE_H

#include <stddef.h>

#include "common.h"
#include "corpus.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Ideal points: where each actor stands on one or two dimensions, and where
 * each proposal cuts them, estimated from the signed actor x proposal matrix
 * alone (a roll call, or coded statements: support = yea, oppose = nay).
 *
 * Model: the two-parameter logistic item-response model of roll-call voting
 * (as in pscl's ideal, with a logit instead of a probit link),
 *     P(actor i supports proposal j) = 1 / (1 + exp(-(a_j + b_j . x_i))),
 * fitted by maximum a posteriori on the observed cells only, with the
 * priors of pscl's ideal (x ~ N(0, I), a and b ~ N(0, 25)): alternating
 * Newton steps for each actor and each proposal, started from the leading
 * singular vectors of the proposal-centred matrix. A missing stance is
 * missing, never opposition. Each pass costs O(stances), memory is
 * O(stances + actors + proposals); no actor network is ever built.
 *
 * Afterwards the actor points are centred and, in two dimensions, rotated to
 * their principal axes (dim1 the direction along which actors spread most);
 * each dimension is scaled to standard deviation 1 over the scaled actors.
 * Orientation: the anchor actor is on the positive side of every dimension;
 * without an anchor, the first actor in input order whose coordinate is not
 * zero is. */

typedef struct {
    int dimensions;   /* 1 (default) or 2 */
    const char *anchor; /* actor (or with by_group, group) id to put on the
                           positive side; NULL = the first actor in input
                           order */
    double lopsided;  /* skip proposals whose losing side has less than this
                         share of the votes (default 0.025, NOMINATE's; 0
                         keeps all but unanimous ones) */
    size_t min_votes; /* actors with fewer votes on the scaled proposals get
                         no position (default 1) */
    int max_iterations; /* default 500 */
    double tolerance;   /* stop when no actor's standardised position moves
                           more than this in one pass; default 1e-4 */
} sg_scale_options;

/* The defaults above. */
void sg_scale_options_init(sg_scale_options *opts);

typedef struct sg_scale_priv sg_scale_priv;

typedef struct {
    int dimensions;
    /* Dimensions the votes identify: 0 when nothing could be scaled, 1 when
     * two were asked for but one pattern of votes explains them all (two
     * actors, or proposals that all cut the actors alike); dimensions past
     * it are NaN (missing) everywhere, never noise scaled up. */
    int identified;
    /* Actor units (corpus actors, or groups with by_group) with at least one
     * passing stance, in input order. */
    size_t nactors;
    const char **actor_id;
    const size_t *actor_entity; /* corpus actor index (a group's first) */
    const double *actor_pos; /* nactors x dimensions, row-major; NaN = not
                                scaled (too few votes) */
    const double *actor_se;  /* standard errors, same shape: the curvature of
                                the posterior at the estimate, given the
                                proposals' parameters */
    const size_t *actor_votes; /* votes on the scaled proposals */
    /* Proposals with at least one passing stance, in input order. */
    size_t nproposals;
    const char **proposal_id;
    const size_t *proposal_entity;
    const double *proposal_pos; /* nproposals x dimensions: the midpoint,
                                   the point of the cutting line (1-D: the
                                   cut point) nearest the centre, kept
                                   within the actors' range; NaN when not
                                   scaled */
    const double *proposal_discrimination; /* |b_j| on the reported scale:
                                   how sharply it divides; NaN when not
                                   scaled */
    const int *proposal_polarity; /* +1: support lies on the positive side
                                     of dim1; -1: on the negative side;
                                     0 when not scaled */
    const int *proposal_lopsided; /* 1 = skipped as lopsided or unanimous */
    const size_t *proposal_yea, *proposal_nay; /* actors for and against */
    size_t scaled_actors, scaled_proposals, lopsided;
    size_t votes;      /* votes the fit is measured on */
    double classified; /* share of those votes the model predicts right */
    double apre;       /* aggregate proportional reduction in error against
                          "everyone votes with the majority": (minority
                          votes - errors) / minority votes */
    double gmp;        /* geometric mean probability of the observed votes */
    int iterations;
    int converged;
    long anchor; /* index into actor_id of the actor that fixed dim1's
                    orientation, -1 when nothing was scaled */
    sg_scale_priv *priv;
} sg_scale;

/* Scale the corpus after the filters and grouping of `nopts` (NULL:
 * defaults; its kind, counting and tie options are ignored). Each actor
 * unit's position on a proposal is the sign of its summed support minus
 * opposition; ambivalent pairs count as missing. Fewer than two scalable
 * actors or proposals is no error: nothing is scaled (every position NaN).
 * Two dimensions where the votes identify one (see `identified`) is no
 * error either: the one-dimensional fit, with dim2 NaN throughout.
 * SG_EUSAGE for an anchor that names no actor unit or one that could not
 * be scaled, or bad options. The caller frees *out with sg_scale_free().
 * Cost: O(stances) per pass, at most max_iterations passes. */
int sg_scale_run(sg_scale **out, const sg_corpus *corpus,
                 const sg_network_options *nopts, const sg_scale_options *opts);

/* Accepts NULL. */
void sg_scale_free(sg_scale *s);

/* Add the node columns dim1 (and dim2 with two dimensions) to `net`, by
 * node id: actors their ideal points, proposals their midpoints; missing
 * where not scaled or unknown. O(nodes). */
int sg_scale_annotate(sg_network *net, const sg_scale *s);

#ifdef __cplusplus
}
#endif

#endif
