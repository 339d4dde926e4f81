#ifndef SG_NETWORK_INTERNAL_H
#define SG_NETWORK_INTERNAL_H

/* Container calls for the builders, which know more than a library user. */

#include "stancegraph/network.h"

/* sg_network_add_edge for a caller that guarantees the pair is new (the
 * projection emits each pair once): skips the duplicate table, which is
 * rebuilt from the edge list if a checked insertion follows. Same checks
 * otherwise; O(1) amortized. */
int sg_network_add_edge_unique(sg_network *net, size_t a, size_t b,
                               double weight, double netval, size_t *index_out);

#endif
