#ifndef STANCEGRAPH_EXPORT_H
#define STANCEGRAPH_EXPORT_H

#include <stdio.h>

#include "common.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Writers for the formats analysts open the networks in. Each writes every
 * node and edge column of the network, whatever they are, plus the edge
 * weight (> 0) as `weight` and the signed value as `net`, escaped for its
 * format. Missing and non-finite values are left out, never written as
 * "nan" or "inf".
 *
 * Visual formats add what their tools draw with: node colour by the
 * `coalition` column (Okabe-Ito palette, grey for none) and size 10-50 by
 * weighted degree (GraphML keys r, g, b and size, unless columns of those
 * names exist; GEXF viz:color and viz:size), and tie colour by the sign of
 * `net`: blue for support/agreement, vermillion for opposition/conflict
 * (GraphML edge keys r, g, b; GEXF viz:color; DOT also solid vs dashed).
 *
 * What each format can carry: JSON and CSV carry any valid UTF-8 string.
 * GraphML, GEXF and DOT (whose renderings are SVG, i.e. XML) cannot carry
 * the control characters XML 1.0 forbids (U+0000-U+001F except tab, LF and
 * CR) nor U+FFFE/U+FFFF: they write U+FFFD REPLACEMENT CHARACTER in their
 * place (sg_export_replaced tells how many and where), or with the strict
 * option fail with SG_EINVALID naming the node or edge and the attribute,
 * before anything is written. Two node ids that differ only in such
 * characters fail those formats. Invalid UTF-8 fails every format.
 *
 * Reserved column names, which fail every format with SG_EINVALID: "id" for
 * nodes; "id", "source", "target", "type", "weight" and "net" for edges
 * (the formats' names for the element, its endpoints and its weights). */

typedef enum {
    SG_EXPORT_GRAPHML = 0, /* Gephi, igraph, networkx, yEd */
    SG_EXPORT_DOT,         /* Graphviz */
    SG_EXPORT_GEXF,        /* Gephi's own, 1.2draft */
    SG_EXPORT_CSV,         /* nodes and edges tables */
    SG_EXPORT_JSON         /* node-link, for networkx and d3 */
} sg_export_format;

typedef struct {
    int dynamic; /* GEXF: stance dates as spells for Gephi's timeline */
    int no_clusters; /* DOT: no coalition boxes, for the Graphviz engines
                        that cannot keep members inside them (neato, sfdp) */
    int strict;      /* refuse characters XML cannot carry instead of
                        replacing them (GraphML, GEXF, DOT) */
    /* DOT: names of coalitions 1..n for the boxes and the legend (NULL or
     * missing ones: "Coalition N"), and a line of remarks for the legend
     * ("each node's 3 strongest ties"); not copied. */
    const char *const *coalition_names;
    size_t ncoalition_names;
    const char *note;
} sg_export_options;

/* Characters an export replaced with U+FFFD: how many, the first one's
 * code point, and where it was ("node \"x\" attribute \"label\"", shown
 * safely). */
typedef struct {
    size_t count;
    unsigned first;
    char where[400];
} sg_export_replaced;

/* What an export of `net` in `format` would replace, without writing it:
 * SG_EINVALID (message set) for what no option lets it write (invalid
 * UTF-8, reserved names, ids that would clash), else 0 with *out filled
 * (count 0 for JSON and CSV). O(total text). */
int sg_export_scan(sg_export_replaced *out, const sg_network *net,
                   sg_export_format format);

/* Defaults: no dynamic spells. */
void sg_export_options_init(sg_export_options *opts);

/* Parse a format name ("graphml", "dot", "gv", "gexf", "csv", "json";
 * case-insensitive), or SG_EUSAGE with a message listing the names. The
 * name of a format is its first spelling here. */
int sg_export_format_parse(sg_export_format *out, const char *name);
const char *sg_export_format_name(sg_export_format format);

/* The format a file name's extension implies (.graphml, .dot/.gv, .gexf,
 * .csv, .json; case-insensitive): 0 and *out set, or SG_EUSAGE when the
 * extension names none of them. */
int sg_export_format_from_path(sg_export_format *out, const char *path);

/* Write `net` to `path` atomically (temporary file in the same directory,
 * fsync, rename), or to standard output when path is NULL. On failure no
 * file is created and an existing one is left untouched; every string is
 * checked before the first byte is written. A path naming something other
 * than a regular file (/dev/null, a FIFO) is written in place.
 *
 * CSV writes two tables. To a file, `path` names their stem: "net.csv" (or
 * "net") writes "net.nodes.csv" and "net.edges.csv", both or neither. To
 * standard output: the nodes table, one empty line, the edges table.
 * O(nodes + edges). */
int sg_export_write(const sg_network *net, sg_export_format format,
                    const sg_export_options *opts, const char *path);

/* Write `net` to an open stream, checked as above (CSV: both tables with an
 * empty line between). SG_EIO when the stream reports an error. */
int sg_export_stream(const sg_network *net, sg_export_format format,
                     const sg_export_options *opts, FILE *out);

/* The two file names a CSV export to `path` writes; each buffer holds at
 * least strlen(path) + 12 bytes. */
void sg_export_csv_paths(const char *path, char *nodes, char *edges);

/* 1 when `a` and `b` name the same existing file (same device and inode,
 * whatever the path spelling or links), 0 otherwise, including when either
 * does not exist or is "-". Used to refuse overwriting the input. */
int sg_export_same_file(const char *a, const char *b);

/* Atomic output for any writer: a temporary file next to `path`, renamed
 * over it on commit. Paths that exist and are not regular files (devices,
 * FIFOs) are opened directly instead. */
typedef struct sg_output sg_output;

/* Start writing `path`. SG_EIO with a message naming the path when the
 * directory is missing or not writable. */
int sg_output_open(sg_output **out, const char *path);

/* The stream to write to; valid until commit or abort. */
FILE *sg_output_stream(sg_output *o);

/* The temporary file's descriptor, for handing to a child process. */
int sg_output_fd(sg_output *o);

/* Flush, fsync and rename into place, then free `o`. On failure the target
 * is untouched, the temporary removed and SG_EIO returned. */
int sg_output_commit(sg_output *o);

/* Commit several outputs as one: all are flushed and synced first, and when
 * a rename fails the ones already renamed are rolled back (previous files
 * restored, new ones removed). Frees every element. */
int sg_output_commit_all(sg_output **outs, size_t n);

/* Discard: remove the temporary, leave the target untouched, free `o`.
 * Accepts NULL. */
void sg_output_abort(sg_output *o);

/* Remove every temporary file an open sg_output has made (up to 64 at a
 * time), leaving the targets as they were. Async-signal-safe: for a
 * program's SIGINT/SIGTERM handler, so that an interrupted export leaves
 * the previous file and no temporary behind. The library installs no
 * handler itself. */
void sg_output_remove_temporaries(void);

#ifdef __cplusplus
}
#endif

#endif
