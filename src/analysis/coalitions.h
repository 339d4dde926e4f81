#ifndef SG_COALITIONS_H
#define SG_COALITIONS_H

/* Partitioning a signed graph into coalitions. */

#include <stddef.h>
#include <stdint.h>

#include "analysis/metrics.h"
#include "stancegraph/analysis.h"

/* Under SG_METHOD_AUTO every connected component is partitioned by Leiden,
 * and components up to these sizes by spin-glass too, keeping whichever
 * partition has the higher signed modularity. Spin-glass costs grow with
 * the ties: measured here, a dense 100-actor roll call (4,800 ties) takes
 * 0.3-0.7 s and 300 actors (42,000 ties) 6-20 s, where Leiden needs
 * milliseconds and finds the same partition; on small graphs spin-glass
 * sometimes finds a better one. */
#define SG_SPINGLASS_MAX_NODES 300
#define SG_SPINGLASS_MAX_TIES 2000

/* Partition g with o->method into membership[0..n), 0-based and relabelled
 * largest coalition first (ties: smallest member index first); *ncoal
 * receives the number of coalitions and *used the method that ran (for
 * AUTO: spin-glass or Leiden when one of them won on every component of
 * two or more actors, else AUTO).
 * Must run inside sg_ig_guard(). Deterministic for a given o->seed. */
int sg_partition(long *membership, size_t *ncoal, sg_method *used,
                 const sg_sgraph *g, const sg_coalition_options *o);

/* Renumber membership[0..n) (any values >= 0) largest group first, ties by
 * smallest member index. Returns the number of groups, or 0 with n == 0;
 * (size_t)-1 on allocation failure. O(n log n). */
size_t sg_relabel(long *membership, size_t n);

#endif
