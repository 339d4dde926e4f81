/* stancegraph timeline: the debate in moving, kernel-weighted windows. */
#include <stdlib.h>
#include <string.h>

#include "cmd_export.h"

static const char help[] =
    "usage: stancegraph timeline --window SPAN [options] FILE\n"
    "\n"
    "Follow the debate through time in moving windows, as the Discourse\n"
    "Network Analyzer's time-window networks do: one window is centred on\n"
    "each step from the first date to the last, holds the statements dated\n"
    "within half its width of its middle, and weighs each by a kernel of\n"
    "its distance from the middle. Each window is analysed like\n"
    "'stancegraph coalitions'; its coalitions are matched to the previous\n"
    "window's so that a camp keeps its number through time.\n"
    "\n"
    "Columns: window, middle, start and end (clamped to the period),\n"
    "statements in the window and their kernel weight, actors, proposals,\n"
    "positive and negative ties of the actor network, coalitions,\n"
    "modularity, balance, frustration, polarization, and the actors whose\n"
    "camp differs from the one they were last seen in (moved).\n"
    "\n"
    "Options:\n"
    "  --window SPAN      width: Nd, Nw, Nm, Ny (days, weeks, calendar months,\n"
    "                     years) or N (statements, in date order); required\n"
    "  --step SPAN        distance between middles (default: 1 of the\n"
    "                     window's unit)\n"
    "  --kernel K         uniform (default), triangular, epanechnikov or\n"
    "                     gaussian (every statement counts in every window)\n"
    "  --indent           keep only windows wholly inside the period\n"
    "  --phases K         group the windows into K consecutive phases of\n"
    "                     alike networks; report what changed between them\n"
    "  --format F         text (default), csv or json\n"
    "  -o, --output FILE  also draw the chart of polarization and camp sizes\n"
    "                     over time as SVG to FILE\n"
    "  --network ... --top-ties  filters and counting as for 'coalitions'\n"
    "  --method M, --seed N, --gamma G, --gamma-minus G  coalition method\n"
    "  --input-format F, --actor COLUMN, --proposal COLUMN  input\n"
    CLI_INPUT_MORE_HELP
    "  --quiet            no progress messages\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 written, 1 cannot read or write, 2 usage error, 3\n"
    "invalid input (also: no dated statement for a time window).\n";

int cmd_timeline(int argc, char **argv)
{
    cli_opts o;
    sg_corpus *corpus = NULL;
    sg_timeline *t = NULL;
    sg_timeline_format format = SG_TIMELINE_TEXT;
    int rc = cli_parse(&o, "timeline",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_OUTPUT |
                           OPT_FORMAT | OPT_WINDOW | OPT_QUIET,
                       help, argc, argv);
    if (rc) {
        rc = rc < 0 ? EXIT_OK : rc;
        goto cleanup;
    }
    if (!o.timeline.window.n) {
        rc = cli_usage_error(o.command, "--window is required");
        goto cleanup;
    }
    if (sg_timeline_options_check(&o.timeline)) {
        rc = cli_usage_error(o.command, "%s", sg_error_last());
        goto cleanup;
    }
    if (o.format && strcmp(o.format, "csv") == 0)
        format = SG_TIMELINE_CSV;
    else if (o.format && strcmp(o.format, "json") == 0)
        format = SG_TIMELINE_JSON;
    else if (o.format && strcmp(o.format, "text") != 0) {
        rc = cli_usage_error(o.command,
                             "--format: expected text, csv or json, not '%s'",
                             o.format);
        goto cleanup;
    }
    if (o.network_given && o.net.kind == SG_NET_STANCES) {
        rc = cli_usage_error(o.command, "--network: windows record the actor "
                                        "or proposal network");
        goto cleanup;
    }
    if (o.output && (rc = cli_refuse_input(&o, o.output)))
        goto cleanup;
    if ((rc = cli_load(&corpus, &o, 0)))
        goto cleanup;
    o.timeline.ties = o.network_given ? o.net.kind : SG_NET_ACTORS;
    o.timeline.no_ties = o.timeline.phases < 2; /* only phases read them */
    cli_progress(&o, "running the windows");
    sg_coalition_options copts = o.coal;
    int sg = sg_timeline_run(&t, corpus, &o.net, &copts, &o.timeline);
    if (!sg && o.output) {
        cli_progress(&o, "drawing the chart");
        sg = sg_timeline_write_svg(t, corpus->title, o.output);
    }
    if (!sg)
        sg = sg_timeline_write(t, format, stdout);
    if (sg) {
        rc = cli_fail_sg(sg);
        goto cleanup;
    }
    cli_progress(&o, "done");

cleanup:
    sg_timeline_free(t);
    sg_corpus_free(corpus);
    cli_opts_free(&o);
    return rc;
}
