#ifndef STANCEGRAPH_TIMELINE_H
#define STANCEGRAPH_TIMELINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis.h"
#include "common.h"
#include "corpus.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The debate over time: moving, kernel-weighted windows in the sense of the
 * Discourse Network Analyzer (DNA's Exporter, "time window" networks with a
 * kernel). One window is centred on each step from the first date to the
 * last; a window holds the statements dated within half its width of its
 * middle, each weighted by the kernel of its distance from the middle. Each
 * window's networks are analysed as `stancegraph coalitions` would (same
 * network and coalition options), its coalitions are matched to the
 * previous window's so that a camp keeps its number through time, and
 * optionally the windows are grouped into consecutive phases. */

typedef enum {
    SG_SPAN_DAYS = 0,
    SG_SPAN_WEEKS,
    SG_SPAN_MONTHS,
    SG_SPAN_YEARS,
    SG_SPAN_STATEMENTS /* no unit: a number of statements */
} sg_span_unit;

typedef struct {
    long n; /* > 0 */
    sg_span_unit unit;
} sg_span;

/* Parse "30d", "2w", "3m", "1y" or "25" (statements). SG_EUSAGE with a
 * message otherwise. */
int sg_span_parse(sg_span *out, const char *text);

typedef enum {
    SG_KERNEL_UNIFORM = 0, /* 1/2 inside the window */
    SG_KERNEL_TRIANGULAR,  /* 1 - |u| */
    SG_KERNEL_EPANECHNIKOV, /* 3/4 (1 - u^2) */
    SG_KERNEL_GAUSSIAN     /* standard normal density of u; every
                              statement counts in every window */
} sg_kernel;

/* "uniform", "triangular", "epanechnikov", "gaussian"; SG_EUSAGE. */
int sg_kernel_parse(sg_kernel *out, const char *name);
const char *sg_kernel_name(sg_kernel kernel);

/* The kernel at standardised distance u = (date - middle) / (width / 2):
 * 0 outside [-1, 1] except for the Gaussian. */
double sg_kernel_weight(sg_kernel kernel, double u);

typedef struct {
    sg_span window;   /* required */
    sg_span step;     /* n 0: one unit of the window's unit (one statement
                         for statement windows); time steps need a time
                         window, statement steps a statement window */
    sg_kernel kernel; /* default uniform */
    int indent;       /* keep only windows wholly inside the period */
    sg_network_kind ties; /* whose ties each window records: SG_NET_ACTORS
                             (default), SG_NET_PROPOSALS or SG_NET_STANCES */
    size_t phases;    /* >= 2: group the windows into this many periods */
    int no_ties;      /* 1: record no ties (node_id and ties stay empty):
                         a quarter of a window's memory traffic on a
                         dense network, wasted when neither phases nor
                         dynamic exports read them; not with phases */
} sg_timeline_options;

/* Defaults: uniform kernel, no indent, actor ties, no phases; the window
 * must be set. */
void sg_timeline_options_init(sg_timeline_options *opts);

/* 0 when the options make sense together (a window, a step of the same
 * kind, a known kernel and network kind, phases 0 or >= 2 and then ties
 * recorded), else
 * SG_EUSAGE with a message. sg_timeline_run() checks the same. */
int sg_timeline_options_check(const sg_timeline_options *opts);

typedef struct {
    int32_t start, end, middle; /* dates; SG_NO_DATE for undated statement
                                   windows */
    size_t statements; /* statements with a kernel weight > 0 */
    double weight;     /* their summed kernel weights */
    size_t actors, proposals; /* with a statement in the window */
    size_t positive, negative; /* signed actor-network ties */
    size_t coalitions;
    double modularity, balance, frustration; /* sg_graph_metrics; NaN
                                                where undefined */
    double polarization; /* NaN when not computed or undefined */
    size_t moved;        /* actors whose camp differs from their last one */
} sg_window;

/* A tie of the recorded network in one window: node indices into
 * sg_timeline.node_id, a < b, and its signed value there. */
typedef struct {
    uint32_t a, b;
    double net;
} sg_timeline_tie;

/* Consecutive windows first..last grouped as one phase, and what changed
 * from the phase before (zero for the first): ties present (held, with the
 * same sign, in at least half of the phase's windows) that are new or
 * changed sign, ties no longer present, and actors whose most frequent camp
 * differs. */
typedef struct {
    size_t first, last;
    int32_t start, end; /* middles of the first and last window */
    size_t gained, lost;
    uint32_t *moved; /* actor indices (sg_timeline.actor_id) */
    size_t nmoved;
} sg_phase;

typedef struct sg_timeline_priv sg_timeline_priv;

typedef struct {
    sg_timeline_options opts;
    sg_window *windows;
    size_t nwindows;
    /* Actors (or groups) with a statement in any window, in corpus order. */
    const char **actor_id;
    size_t nactors;
    /* camp[w * nactors + a]: actor a's camp in window w, numbered from 1 and
     * stable through time; 0 when a has no statement in w. */
    uint32_t *camp;
    size_t ncamps;
    /* Nodes of the recorded network (opts.ties) and its ties by window:
     * window w's ties are ties[tie_start[w] .. tie_start[w + 1]), sorted. */
    const char **node_id;
    size_t nnodes;
    sg_timeline_tie *ties;
    size_t *tie_start;
    sg_phase *phases;
    size_t nphases;
    sg_timeline_priv *priv;
} sg_timeline;

/* Run the windows over the statements that pass `nopts`'s filters (their
 * kind is ignored; stance_weight must be NULL). Time windows use the dated
 * statements only; SG_EINVALID when none is dated. Each window runs one
 * sg_analysis_run() on its statements (seeded alike, so results are
 * reproducible) plus, for proposal ties, one proposal network.
 * Cost: one sort of the statements, then per window O(stances) to pass
 * the weights plus one analysis of the window's statements: about (mean
 * windows per statement + 1) analyses of the whole corpus. Phases add
 * O(windows^2 x ties per window). Free with sg_timeline_free(). */
int sg_timeline_run(sg_timeline **out, const sg_corpus *corpus,
                    const sg_network_options *nopts,
                    const sg_coalition_options *copts,
                    const sg_timeline_options *topts);

/* Accepts NULL. */
void sg_timeline_free(sg_timeline *t);

/* ---- writing ---------------------------------------------------------- */

typedef enum {
    SG_TIMELINE_TEXT = 0, /* aligned table */
    SG_TIMELINE_CSV,
    SG_TIMELINE_JSON /* {"windows": [{"start", "end", "middle", ...}]} */
} sg_timeline_format;

/* Write the windows (and phases, when grouped) to a stream. SG_EIO. */
int sg_timeline_write(const sg_timeline *t, sg_timeline_format format,
                      FILE *out);

/* The same chart to an open stream (the HTML report embeds it); SG_EIO
 * when the stream reports an error. */
int sg_timeline_svg_stream(const sg_timeline *t, const char *title,
                           FILE *out);

/* Write the chart: polarization (and modularity) and the camps' sizes over
 * time, as a self-contained SVG 1.1 file, atomically. O(windows x camps). */
int sg_timeline_write_svg(const sg_timeline *t, const char *title,
                          const char *path);

/* Add the dynamic columns to `net` (the same network kind and filters as
 * the timeline recorded): on nodes and edges a `spells` column
 * ("START/END;..." inclusive date ranges covering the windows where the
 * node was active or the tie held, each window owning the days from its
 * middle to the next window's), on edges `net_by_window`, on actor nodes
 * `coalition_by_window` ("START/END=VALUE;..."). Ties that held in some
 * window but are not in `net` are added with the columns only. The GEXF
 * writer turns these into spells and dynamic attributes. */
int sg_timeline_annotate(sg_network *net, const sg_timeline *t);

#ifdef __cplusplus
}
#endif

#endif
