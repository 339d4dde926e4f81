/* stancegraph report: one self-contained HTML page of the debate. */
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"
#include "cmd_export.h"

/* In two parts: C99 guarantees string literals of 4095 bytes only. */
static const char help_head[] =
    "usage: stancegraph report [options] FILE -o debate.html\n"
    "\n"
    "One self-contained HTML page of the debate in FILE: it opens offline\n"
    "and loads nothing (a Content-Security-Policy forbids it). Title and\n"
    "sources as links; the network in coalition colours, to pan and zoom;\n"
    "hover a node for its ties, click it for its stances and quotes, click\n"
    "a tie for what the two agree and disagree on; coalitions, polarization,\n"
    "the timeline, figures and sortable metric tables. Labels and quotes\n"
    "are shown as text, whatever they contain. Large networks are bounded\n"
    "(2000 ties drawn, each node's strongest first), and the page says so.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  write FILE (replaced only once complete) instead\n"
    "                     of standard output ('-')\n"
    "  --layout L         node positions: fr (default: Fruchterman-Reingold,\n"
    "                     its grid variant above 1000 nodes), drl, or scale\n"
    "                     (the actors' scale scores)\n"
    "  --scale            also the actors' ideal points (as 'stancegraph\n"
    "                     scale'; --dimensions, --anchor, --lopsided,\n"
    "                     --min-votes as there), shown as a chart, in the\n"
    "                     tables, and as positions with --layout scale\n"
    "  --camps K          polarization: camps (default 2)\n"
    "  --window SPAN      the timeline's windows (Nd, Nw, Nm, Ny or N\n"
    "                     statements; default: a quarter of the period,\n"
    "                     for corpora up to 100,000 statements over a week\n"
    "                     or more); --step, --kernel, --indent as for\n"
    "                     'timeline'\n"
    CLI_NAMES_HELP;
static const char help_tail[] =
    CLI_ANALYSIS_OPTIONS_HELP
    "\n"
    "Exit status: 0 written, 1 cannot read or write, 2 usage error (also\n"
    "when -o names the input file), 3 invalid input.\n";

/* Corpora up to this many statements get a timeline without --window:
 * each window is one more analysis. */
#define AUTO_TIMELINE_STATEMENTS 100000

/* The debate over time: the windows --window asks for, or on corpora
 * small enough and spread over at least a week, about nine windows of a
 * quarter of the period, half a window apart. *out stays NULL when there
 * is none to draw. */
static int timeline(sg_timeline **out, const cli_opts *o,
                    const cli_analysis *x, const sg_network_options *nopts)
{
    sg_timeline_options topts = o->timeline;
    *out = NULL;
    if (!topts.window.n) {
        int32_t first, last;
        sg_corpus_date_range(x->corpus, &first, &last);
        if (first == SG_NO_DATE || last - first < 7 ||
            x->corpus->nstances > AUTO_TIMELINE_STATEMENTS)
            return 0;
        topts.window = (sg_span){(last - first + 3) / 4, SG_SPAN_DAYS};
        topts.step = (sg_span){(topts.window.n + 1) / 2, SG_SPAN_DAYS};
    }
    topts.ties = nopts->kind == SG_NET_PROPOSALS ? SG_NET_PROPOSALS
                                                 : SG_NET_ACTORS;
    topts.no_ties = topts.phases < 2; /* the page draws the chart only */
    sg_network_options wopts = *nopts;
    sg_coalition_options copts = o->coal;
    cli_progress(o, "running the windows");
    return sg_timeline_run(out, x->corpus, &wopts, &copts, &topts);
}

int cmd_report(int argc, char **argv)
{
    cli_opts o;
    cli_analysis x;
    sg_polarization *pol = NULL;
    sg_timeline *tl = NULL;
    sg_scale *sc = NULL;
    cli_labels labels = {0};
    memset(&x, 0, sizeof x);
    char help[sizeof help_head + sizeof help_tail];
    memcpy(help, help_head, sizeof help_head - 1);
    memcpy(help + sizeof help_head - 1, help_tail, sizeof help_tail);
    int rc = cli_parse(&o, "report",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_OUTPUT |
                           OPT_LAYOUT | OPT_WINDOW | OPT_POLAR | OPT_SCALE |
                           OPT_REPORT | OPT_NAMES | OPT_QUIET,
                       help, argc, argv);
    if (rc) {
        rc = rc < 0 ? EXIT_OK : rc;
        goto cleanup;
    }
    if (o.output && strcmp(o.output, "-") == 0)
        o.output = NULL;
    if (o.output && (rc = cli_refuse_input(&o, o.output)))
        goto cleanup;
    sg_report_options ro;
    sg_report_options_init(&ro);
    if ((rc = cli_layout_options(&ro.layout, &o, SG_LAYOUT_FR)))
        goto cleanup;
    if (ro.layout.method == SG_LAYOUT_NONE) {
        rc = cli_usage_error(o.command, "--layout: the report draws the "
                                        "network: fr, drl or scale");
        goto cleanup;
    }
    if (o.timeline.window.n && sg_timeline_options_check(&o.timeline)) {
        rc = cli_usage_error(o.command, "%s", sg_error_last());
        goto cleanup;
    }
    /* The page quotes the statements: keep their text. */
    if ((rc = cli_analyse_text(&x, &o, 1)) ||
        (rc = cli_labels_get(&labels, &o, x.a)))
        goto cleanup;
    ro.coalition_names = labels.name;
    ro.ncoalition_names = labels.name ? labels.n : 0;
    sg_network_options nopts = o.net;
    nopts.kind = x.net->kind;
    /* Ideal points, when asked for (or drawn by): on the page, in the
     * tables (dim1, dim2) and as positions with --layout scale. */
    int sg = 0;
    if (o.scale_wanted || ro.layout.method == SG_LAYOUT_SCALE) {
        cli_progress(&o, "scaling");
        if (!(sg = sg_scale_run(&sc, x.corpus, &nopts, &o.scale)) &&
            !(sg = sg_scale_annotate(x.a->stances, sc)) && x.net != x.a->stances)
            sg = sg_scale_annotate(x.net, sc);
        ro.scale = sc;
    }

    /* DNA's polarization of the same actors and options. Its local search
     * grows with actors squared: on big networks a few climbs, and the page
     * says how many reached the score it shows. */
    sg_polarization_options po;
    sg_polarization_options_init(&po);
    po.seed = o.coal.seed;
    if (x.corpus->nactors > 300)
        po.restarts = 3;
    if (o.camps)
        po.camps = o.camps;
    cli_progress(&o, "measuring polarization");
    if (!sg)
        sg = sg_polarization_compute(&pol, x.corpus, &nopts, &po);
    if (sg == SG_ELIMIT) /* too many actors: the page goes without */
        sg = 0;
    ro.polarization = pol;
    if (!sg && (sg = timeline(&tl, &o, &x, &nopts)) == 0)
        ro.timeline = tl;
    cli_progress(&o, "writing the report");
    if (!sg)
        sg = sg_report_write(x.corpus, x.a, x.net, &nopts, &ro, o.output);
    if (sg)
        rc = cli_fail_sg(sg);
    else
        cli_progress(&o, "done");

cleanup:
    cli_labels_free(&labels);
    sg_scale_free(sc);
    sg_timeline_free(tl);
    sg_polarization_free(pol);
    cli_analysis_free(&x);
    cli_opts_free(&o);
    return rc;
}
