#ifndef STANCEGRAPH_EXPORT_H
#define STANCEGRAPH_EXPORT_H

#include <stdio.h>

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writers for the formats analysts open the networks in. Each writes every
 * node and edge column of the network, escaped for its format. */

typedef enum {
    SG_EXPORT_GRAPHML = 0, /* Gephi, igraph, networkx, yEd */
    SG_EXPORT_DOT,         /* Graphviz */
    SG_EXPORT_GEXF,        /* Gephi's own, 1.3 */
    SG_EXPORT_CSV,         /* nodes and edges tables */
    SG_EXPORT_JSON         /* node-link, for networkx and d3 */
} sg_export_format;

typedef struct {
    int dynamic; /* GEXF: stance dates as spells for Gephi's timeline */
} sg_export_options;

void sg_export_options_init(sg_export_options *opts);

int sg_export_format_parse(sg_export_format *out, const char *name);
const char *sg_export_format_name(sg_export_format format);

/* Write `net` to `path` atomically (temporary file in the same directory,
 * fsync, rename), or to standard output when path is NULL. On failure no
 * file is created and an existing one is left untouched. O(nodes + edges). */
int sg_export_write(const sg_network *net, sg_export_format format,
                    const sg_export_options *opts, const char *path);

#ifdef __cplusplus
}
#endif

#endif
