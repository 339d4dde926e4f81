#ifndef STANCEGRAPH_NAMING_H
#define STANCEGRAPH_NAMING_H

#include <stddef.h>

#include "analysis.h"
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Short names for coalitions, from what each stands for: its most telling
 * proposal, "For <label>" or "Against <label>". A proposal tells the more
 * about coalition c the more c's members agree on it and the further they
 * stand from everyone else: with s_c the mean position of c's members
 * (+1 support, -1 oppose, 0 no position) and s_rest that of the other
 * actors, the score is |s_c| x |s_c - s_rest|; the highest wins (ties: the
 * earlier proposal), its sign says for or against. "Coalition N" when no
 * proposal scores above 0.
 *
 * Names coalitions 1..n (n <= a->ncoalitions) into out[0..n), each a
 * buffer of `size` bytes the caller owns; a long label is cut at a
 * character boundary with an ellipsis. O(n x two-mode edges). */
int sg_coalition_names(char **out, size_t n, size_t size,
                       const sg_analysis *a);

/* One proposal a coalition supports or opposes nearly unanimously. */
typedef struct {
    size_t index;   /* into the coalition's supports (or opposes) */
    size_t node;    /* the proposal's node in a->stances */
    int against;    /* 0: among supports, 1: among opposes */
    size_t members; /* members on that side (supporters[index] or
                       opponents[index]) */
    size_t rest;    /* actors outside the coalition on the same side */
    size_t rest_actors; /* actors outside the coalition */
    double score;   /* how telling, as for the names above */
} sg_stand;

/* Coalition c's supports and opposes, the most telling first (the score
 * above: the members' agreement times their distance from everyone
 * else), then the larger number of members behind, then input order.
 * `supports` and `opposes` are caller-owned arrays of at least nsupports
 * and nopposes entries of a->coalitions[c]. O(two-mode edges + stands x
 * log stands). */
int sg_coalition_stands(sg_stand *supports, sg_stand *opposes,
                        const sg_analysis *a, size_t c);

/* Names the analyst gives, from specs "KEY=NAME": KEY is a coalition's
 * number (1-based, as printed) or the id of an actor (or group, with
 * grouping), which names that actor's coalition and so still names the
 * same camp when new data renumber the coalitions. Sets out[0 ..
 * a->ncoalitions) to a pointer into the specs (the NAME after the first
 * '=') or NULL for a coalition left unnamed. SG_EUSAGE, with a message
 * naming the spec, for a spec without '=' or with an empty key or name, a
 * number beyond the coalitions found, a key that is neither, and two
 * different names for one coalition. O(specs x log nodes). */
int sg_coalition_labels(const char **out, const sg_analysis *a,
                        const char *const *specs, size_t nspecs);

#ifdef __cplusplus
}
#endif

#endif
