#ifndef STANCEGRAPH_LAYOUT_H
#define STANCEGRAPH_LAYOUT_H

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Node positions for drawings and for the exports that carry them (GraphML
 * x and y, GEXF viz:position, JSON and CSV x and y), computed with igraph.
 *
 * Ties with net > 0 (support, agreement) pull their ends together with
 * their weight; ties with net <= 0 exert no pull, so that conflict does not
 * bring opponents together. Every node repels every other. Positions are
 * centred on 0, scaled so that the larger half-extent is
 * max(200, 40 sqrt(nodes)) (Gephi's size 10-50 nodes then neither overlap
 * nor drift apart), and rounded to 0.01: the same network and seed give the
 * same positions, byte for byte. */

typedef enum {
    SG_LAYOUT_NONE = 0, /* no positions */
    SG_LAYOUT_FR,       /* Fruchterman-Reingold: exact up to
                           SG_LAYOUT_FR_MAX nodes; above, igraph's grid
                           variant (repulsion from nearby nodes only) on
                           each node's 10 strongest positive ties, which is
                           near-linear */
    SG_LAYOUT_DRL,      /* DrL on each node's 10 strongest positive ties;
                           much slower than FR's grid variant here (about
                           40 s of CPU for 5,000 nodes in igraph 0.10.2) */
    SG_LAYOUT_SCALE     /* x = dim1 (and y = dim2) of each node's scale
                           scores; the rest (y where only dim1 exists,
                           nodes without scores) by FR */
} sg_layout_method;

/* Largest network laid out by exact FR (about 1 s of CPU there). */
#define SG_LAYOUT_FR_MAX 1000

typedef struct {
    sg_layout_method method;
    unsigned long seed; /* same seed, same positions */
    /* Optional, not owned: one flag per edge; only flagged ties pull (a
     * drawing that shows some ties lays out by those). NULL: every tie. */
    const unsigned char *ties;
    /* FR: exact up to this many nodes, the grid variant above (0:
     * SG_LAYOUT_FR_MAX); a page that must open fast asks for less. */
    size_t exact_max;
} sg_layout_options;

/* Defaults: FR, seed 0. */
void sg_layout_options_init(sg_layout_options *opts);

/* Parse/print layout names ("none", "fr", "drl", "scale"). Parsing
 * fails with SG_EUSAGE and a message listing the names. */
int sg_layout_method_parse(sg_layout_method *out, const char *name);
const char *sg_layout_method_name(sg_layout_method method);

/* Positions of every node: x of node i in out[2 i], y in out[2 i + 1]; the
 * caller provides 2 x nnodes doubles; opts->ties, when set, has nedges
 * flags. NONE leaves `out` untouched. SCALE
 * fails with SG_EINVALID when no node has a `dim1` score. Not thread-safe
 * (igraph's generator). Cost: 500 iterations of FR, each O(nodes^2 +
 * edges) up to SG_LAYOUT_FR_MAX nodes and about O(nodes + edges) above,
 * after O(edges log edges) to pick the ties. */
int sg_layout_compute(double *out, const sg_network *net,
                      const sg_layout_options *opts);

/* Compute positions and store them as the node columns `x` and `y`
 * (NUMBER). SG_EINVALID when the network already has a column of either
 * name (an input attribute): it is left as it is. NONE does nothing. */
int sg_layout_apply(sg_network *net, const sg_layout_options *opts);

#ifdef __cplusplus
}
#endif

#endif
