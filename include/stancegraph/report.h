#ifndef STANCEGRAPH_REPORT_H
#define STANCEGRAPH_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "common.h"
#include "corpus.h"
#include "layout.h"
#include "network.h"
#include "polarization.h"
#include "scale.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The HTML report: one self-contained page a newsroom can publish and its
 * readers explore. It holds the title and the sources as links; the drawn
 * network (positions computed here) in coalition colours with pan and
 * zoom; every actor's stances with their quotes and sources, and for every
 * drawn tie the proposals the two agree and disagree on; the coalitions
 * with what they stand for; the whole-graph figures; sortable tables of
 * every metric; and the timeline, scale and polarization when computed.
 *
 * The page loads nothing: its stylesheet and script are inline, allowed by
 * a Content-Security-Policy through their SHA-256 hashes, and the policy
 * forbids every other script, style, connection, frame and remote image.
 * The data travel as JSON in a <script type="application/json"> block with
 * <, >, &, U+2028 and U+2029 escaped, and the script puts every string on
 * the page as text (never as markup).
 *
 * Large networks are bounded so that the page stays small: at most
 * max_ties ties are drawn (the strongest of each node first), and at most
 * max_positions positions per node, max_items proposals per side of a tie
 * and max_quotes statements per position are embedded; the page says
 * where it shows less than there is. */

typedef struct {
    size_t max_ties;      /* drawn ties (default 2000) */
    size_t max_positions; /* positions listed per actor or proposal (40) */
    size_t max_items;     /* proposals per side of a tie (25) */
    size_t max_quotes;    /* statements shown per position (10) */
    /* Node positions (FR, seed 0 by default; NONE is refused), pulled by
     * the drawn ties only; FR is exact up to 300 nodes unless
     * layout.exact_max says otherwise. A network that carries numeric x
     * and y columns is drawn where they say. */
    sg_layout_options layout;
    /* Optional sections, embedded when set (not owned). The polarization
     * of the same corpus and network options: */
    const sg_polarization *polarization;
    /* the debate over time, drawn when it has at least three windows: */
    const sg_timeline *timeline;
    /* the actors' ideal points (of the same corpus and options): */
    const sg_scale *scale;
    /* Names the analyst gave the coalitions (sg_coalition_labels), per
     * coalition, NULL entries allowed (not owned). Coalitions without one
     * are named by what they stand for (sg_coalition_names), the first
     * 12 of them; the rest are "Coalition N". */
    const char *const *coalition_names;
    size_t ncoalition_names;
} sg_report_options;

/* Defaults as above, no optional sections. */
void sg_report_options_init(sg_report_options *opts);

/* Write the report of `net` (the network to draw: the analysis' actor
 * network, or a network built from `corpus` with the same `nopts` and
 * annotated with sg_analysis_annotate()) atomically to `path`, or to
 * standard output when path is NULL. `corpus` must have been loaded with
 * its quotes (skip_text off) and `nopts` must be the options the analysis
 * ran with. `opts` may be NULL for defaults. SG_EINVALID when the network
 * and the analysis do not match. Deterministic: the same input and seed
 * give the same bytes. O(stances + ties log ties) time; the page grows
 * with nodes and the bounds above, not with the corpus. */
int sg_report_write(const sg_corpus *corpus, const sg_analysis *a,
                    const sg_network *net, const sg_network_options *nopts,
                    const sg_report_options *opts, const char *path);

/* The same to an open stream; SG_EIO when the stream reports an error. */
int sg_report_stream(const sg_corpus *corpus, const sg_analysis *a,
                     const sg_network *net, const sg_network_options *nopts,
                     const sg_report_options *opts, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
