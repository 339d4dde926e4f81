/* stancegraph report: one self-contained HTML page of the debate. */
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"
#include "cmd_export.h"

static const char help[] =
    "usage: stancegraph report [options] FILE -o debate.html\n"
    "\n"
    "Write one self-contained HTML page about the debate in FILE, to publish\n"
    "or to send: it opens offline, from a file, in any current browser, and\n"
    "loads nothing from the network (a Content-Security-Policy forbids it).\n"
    "It shows the title and the sources as links; the network, drawn in\n"
    "coalition colours, to pan and zoom; hovering a node highlights its\n"
    "ties, clicking it lists its stances with their quotes and sources, and\n"
    "clicking a tie lists what the two agree and disagree on; the\n"
    "coalitions with what they stand for; the figures of the network; and\n"
    "sortable tables of every metric. Every label and quote is shown as\n"
    "text, whatever it contains.\n"
    "\n"
    "Large networks are bounded to keep the page small: at most 2000 ties\n"
    "are drawn (each node's strongest first), and each actor and proposal\n"
    "lists its heaviest positions; the page says where it shows less.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  write FILE (replaced only once complete) instead\n"
    "                     of standard output ('-')\n"
    "  --layout L         node positions: fr (default: Fruchterman-Reingold,\n"
    "                     its grid variant above 1000 nodes), drl, or scale\n"
    "                     (the actors' scale scores)\n"    "  --window SPAN      the timeline's windows (Nd, Nw, Nm, Ny or N\n"
    "                     statements; default: a quarter of the period,\n"
    "                     for corpora up to 100,000 statements over a week\n"
    "                     or more); --step, --kernel, --indent as for\n"
    "                     'timeline'\n"
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
    memset(&x, 0, sizeof x);
    int rc = cli_parse(&o, "report",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_OUTPUT |
                           OPT_LAYOUT | OPT_WINDOW | OPT_QUIET,
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
    if ((rc = cli_analyse_text(&x, &o, 1)))
        goto cleanup;
    sg_network_options nopts = o.net;
    nopts.kind = x.net->kind;

    /* DNA's polarization of the same actors and options. Its local search
     * grows with actors squared: on big networks a few climbs, and the page
     * says how many reached the score it shows. */
    sg_polarization_options po;
    sg_polarization_options_init(&po);
    po.seed = o.coal.seed;
    if (x.corpus->nactors > 300)
        po.restarts = 3;
    cli_progress(&o, "measuring polarization");
    int sg = sg_polarization_compute(&pol, x.corpus, &nopts, &po);
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
    sg_timeline_free(tl);
    sg_polarization_free(pol);
    cli_analysis_free(&x);
    cli_opts_free(&o);
    return rc;
}
