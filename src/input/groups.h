#ifndef SG_GROUPS_H
#define SG_GROUPS_H

/* An actor's group from the rows that name it: the value it is coded with
 * most often, the earliest on a tie. DNA codes each statement with a person
 * and an organization; a person who changed organization, or was coded
 * inconsistently, gets the one that describes most of their statements.
 * Shared by the DNA database reader and the DNA export (CSV) reader, so
 * that both give the same corpus. */

#include <stddef.h>

#include "model/util.h"
#include "stancegraph/corpus.h"

typedef struct {
    struct group_vote *v;
    size_t n, cap;
    sg_arena arena;
} sg_group_votes;

void sg_group_votes_init(sg_group_votes *g);
void sg_group_votes_free(sg_group_votes *g);

/* Record that a row of `actor` (a corpus index) names `group` (copied;
 * empty values are ignored). 0 or SG_ENOMEM. Amortised O(1). */
int sg_group_votes_add(sg_group_votes *g, size_t actor, const char *group);

/* Set each voted actor's group to its winner; *mixed (may be NULL) counts
 * the actors with more than one value. 0 or SG_ENOMEM. O(n log n). */
int sg_group_votes_apply(sg_group_votes *g, sg_corpus *c, size_t *mixed);

#endif
