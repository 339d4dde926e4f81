/* stancegraph export: a network with its coalitions and metrics, as
 * GraphML, DOT, GEXF, CSV or JSON. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_export.h"

/* In two parts: C99 guarantees string literals of 4095 bytes only. */
static const char help_head[] =
    "usage: stancegraph export [options] FILE\n"
    "\n"
    "Write one network of FILE, with every node's coalition and metrics as\n"
    "attributes, in a format other tools open. Output goes to standard\n"
    "output, or with -o to a file that is replaced only once it is complete.\n"
    "\n"
    "Formats:\n"
    "  graphml  Gephi, igraph, networkx, yEd; node colour (r, g, b) by\n"
    "           coalition and size by weighted degree for Gephi\n"
    "  dot      Graphviz; coalitions as labelled clusters, with a legend\n"
    "  gexf     Gephi's own (1.2draft: networkx, graphology, Gephi);\n"
    "           --dynamic plays on Gephi's timeline\n"
    "  csv      two tables for Gephi's spreadsheet import. '-o net.csv'\n"
    "           writes net.nodes.csv (Id,Label,...) and net.edges.csv\n"
    "           (Source,Target,Type,Weight,...), both or neither; standard\n"
    "           output gets the nodes table, an empty line, the edges table\n"
    "  json     node-link JSON (networkx node_link_graph, d3)\n"
    "GraphML, GEXF and DOT write U+FFFD for the control characters XML\n"
    "cannot carry, with one warning; --strict refuses them (exit 3).\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE  write FILE instead of standard output ('-')\n"
    "  --format F         graphml, dot, gexf, csv or json (default: from the\n"
    "                     extension of -o, else graphml)\n"
    "  --network N        stances (two-mode, default), actors or proposals\n"
    "  --dynamic          GEXF timeline: spells, camps per window (man page)\n"
    "  --window SPAN      --dynamic: as for 'timeline' (default 30d), with\n"
    "                     --step, --kernel, --indent\n"
    "  --strict           refuse characters XML cannot carry (exit 3)\n"
    "  --title TEXT       the title (default: the corpus' title)\n";
static const char help_tail[] =
    CLI_NAMES_HELP
    "                     (as coalition_name; DOT: in the legend)\n"
    "  --layout L         node positions (x, y; GEXF viz:position): fr\n"
    "                     (default), drl, scale (dim1, dim2) or none; not\n"
    "                     for DOT, which Graphviz lays out\n"
    "  --normalize M      none, jaccard, cosine or average\n"
    "  --count C          proposals or statements (one-mode weights)\n"
    "  --by actor|group   merge actors into their groups\n"
    "  --from DATE        keep stances on or after DATE (YYYY-MM-DD)\n"
    "  --to DATE          keep stances on or before DATE\n"
    "  --source ID        keep stances from this source (repeatable)\n"
    "  --actor-type T     keep actors of this type (repeatable)\n"
    "  --topic T          keep proposals of this topic (repeatable)\n"
    "  --exclude ID       drop this actor or proposal (repeatable)\n"
    "  --min-weight W     drop one-mode ties with |net| below W\n"
    "  --top-ties K       keep a one-mode tie only if it is among the K\n"
    "                     strongest (|net|) of one of its two ends\n"
    "  --tie T            subtract (default), congruence, conflict or\n"
    "                     positive (agreement ties only, for Gephi)\n"
    "  --duplicates D     identical stances count once per document, week,\n"
    "                     month, year or acrossrange (default: include)\n"
    "  --method M         coalition method: auto, spinglass, leiden, ...\n"
    "  --seed N           random seed (same seed, same output)\n"
    "  --gamma G          positive-tie resolution (default 1)\n"
    "  --gamma-minus G    negative-tie resolution (default 1)\n"
    "  --input-format F   json, csv, tsv, dna, voteview (default: detect)\n"
    "  --actor COLUMN     table column naming the actor\n"
    "  --proposal COLUMN  table column naming the proposal\n"
    CLI_INPUT_MORE_HELP
    "  --quiet            no progress messages\n"
    "  --threads N        threads to use (default 0: one per CPU); the\n"
    "                     output is the same for any N\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 written, 1 cannot read or write, 2 usage error (also\n"
    "when -o names the input file), 3 invalid input.\n"
    "\n" CLI_MEMORY_HELP;

void cli_warn_replaced(const cli_opts *o, const sg_network *net,
                       sg_export_format format)
{
    sg_export_replaced r;
    if (o->strict || sg_export_scan(&r, net, format) || r.count == 0)
        return;
    fprintf(stderr,
            "stancegraph: warning: wrote %zu character%s that XML 1.0 cannot "
            "carry as U+FFFD, the first (U+%04X) in %s (--strict refuses "
            "them; JSON and CSV keep them)\n",
            r.count, r.count == 1 ? "" : "s", r.first, r.where);
}

int cli_refuse_input(const cli_opts *o, const char *output)
{
    if (!sg_export_same_file(o->input, output))
        return 0;
    return cli_usage_error(o->command, "refusing to overwrite the input file "
                                       "'%s' with -o", output);
}

/* The ideal points as node columns dim1 and dim2 (what --layout scale
 * places nodes by), from the same filters. An export caps the fit at 100
 * passes: the positions settle long before the last digits do, and
 * `stancegraph scale` is there for the full fit and its figures. */
static int annotate_scale(sg_network *net, const sg_corpus *corpus,
                          const cli_opts *o)
{
    sg_scale_options so;
    sg_scale_options_init(&so);
    so.dimensions = 2;
    so.max_iterations = 100;
    sg_scale *s = NULL;
    cli_progress(o, "scaling");
    int sg = sg_scale_run(&s, corpus, &o->net, &so);
    if (!sg)
        sg = sg_scale_annotate(net, s);
    sg_scale_free(s);
    return sg;
}

/* --dynamic: the windows in which each tie held and each actor's camp in
 * each, as columns the GEXF writer turns into spells (30-day windows
 * stepped by a day unless --window says otherwise). */
static int dynamic_columns(sg_network *net, const sg_corpus *corpus,
                           const cli_opts *o)
{
    sg_timeline_options to = o->timeline;
    int32_t first, last;
    sg_corpus_date_range(corpus, &first, &last);
    /* Undated statements have no timeline: unless --window asks for one,
     * the file is dynamic without spells, as before. */
    if (!to.window.n && first == SG_NO_DATE)
        return 0;
    if (!to.window.n) {
        to.window = (sg_span){30, SG_SPAN_DAYS};
        to.step = (sg_span){1, SG_SPAN_DAYS};
    }
    to.ties = o->net.kind;
    sg_timeline *t = NULL;
    cli_progress(o, "running the windows");
    int sg = sg_timeline_run(&t, corpus, &o->net, &o->coal, &to);
    if (!sg)
        sg = sg_timeline_annotate(net, t);
    sg_timeline_free(t);
    return sg;
}

/* coalition_name: each node's coalition's given name, where it has one. */
static int name_column(sg_network *net, const cli_labels *l)
{
    const sg_column *c = sg_network_column(net, SG_NODES, "coalition");
    sg_column *name;
    if (!c || c->type == SG_COL_STRING)
        return 0;
    int sg = sg_network_add_column(&name, net, SG_NODES, "coalition_name",
                                   SG_COL_STRING);
    /* Adding a column may move the others. */
    c = sg_network_column(net, SG_NODES, "coalition");
    for (size_t i = 0; !sg && i < net->nnodes; i++) {
        double v = c->missing[i] ? 0 : c->num[i];
        if (v >= 1 && v <= (double)l->n && l->name[(size_t)v - 1])
            sg = sg_column_set_string(net, name, i, l->name[(size_t)v - 1]);
    }
    return sg;
}

int cli_annotated_network(const cli_opts *o, sg_network **out,
                          cli_names *names)
{
    cli_labels labels = {0};
    *out = NULL;
    sg_corpus *corpus = NULL;
    sg_analysis *a = NULL;
    sg_network *net = NULL;
    if (o->net.kind == SG_NET_STANCES && o->net.tie != SG_TIE_SUBTRACT)
        return cli_usage_error(o->command, "--tie applies to the one-mode "
                                           "networks: add --network actors "
                                           "or --network proposals");
    /* Only the stances network carries quotes (its "quotes" column). */
    int rc = cli_load(&corpus, o, o->net.kind == SG_NET_STANCES);
    if (rc)
        goto cleanup;
    /* The actor network has no proposal rows to carry their betweenness. */
    sg_coalition_options copts = cli_coalition_options(o);
    copts.skip_proposal_betweenness = o->net.kind == SG_NET_ACTORS;
    int sg = sg_analysis_run(&a, corpus, &o->net, &copts);
    if (!sg && o->net.kind == SG_NET_ACTORS) {
        /* The analysis built this very network, with the same options, and
         * annotated it: take it over rather than build it twice. */
        net = a->actors;
        a->actors = NULL;
    } else if (!sg) {
        cli_progress(o, "building the network");
        sg = sg_network_build(&net, corpus, &o->net);
        if (!sg)
            sg = sg_analysis_annotate(net, a);
    }
    if (!sg)
        sg = annotate_scale(net, corpus, o);
    if (!sg && o->dynamic &&
        (o->net.kind != SG_NET_STANCES || o->timeline.window.n))
        sg = dynamic_columns(net, corpus, o);
    if (!sg && (o->title || (!net->title && corpus->title)))
        sg = sg_network_set_title(net, o->title ? o->title : corpus->title);
    if (!sg && names) {
        char *bufs[CLI_NAMES_MAX];
        names->n = a->ncoalitions < CLI_NAMES_MAX ? a->ncoalitions
                                                  : CLI_NAMES_MAX;
        for (size_t i = 0; i < names->n; i++)
            names->ptr[i] = bufs[i] = names->buf[i];
        sg = sg_coalition_names(bufs, names->n, sizeof names->buf[0], a);
    }
    if (sg) {
        rc = cli_fail_sg(sg);
        goto cleanup;
    }
    /* The analyst's names: in DOT's legend and boxes instead of the ones
     * made up, and as every node's coalition_name in the other formats. */
    if ((rc = cli_labels_get(&labels, o, a)))
        goto cleanup;
    if (labels.name) {
        for (size_t i = 0; names && i < names->n; i++)
            if (labels.name[i]) {
                snprintf(names->buf[i], sizeof names->buf[0], "%s",
                         labels.name[i]);
                names->ptr[i] = names->buf[i];
            }
        if ((sg = name_column(net, &labels))) {
            rc = cli_fail_sg(sg);
            goto cleanup;
        }
    }
    *out = net;
    net = NULL;

cleanup:
    cli_labels_free(&labels);
    sg_network_free(net);
    sg_analysis_free(a);
    sg_corpus_free(corpus);
    return rc;
}

/* --format, else the extension of -o, else GraphML. */
/* A picture's extension on -o means the user wants a drawing, which is
 * render's job: writing GraphML into x.png would only look like success. */
static int refuse_picture(const cli_opts *o)
{
    static const char *const pictures[] = {"png", "svg", "pdf", "jpg",
                                           "jpeg", "gif", "eps", "ps"};
    const char *dot = o->output ? strrchr(o->output, '.') : NULL;
    const char *slash = o->output ? strrchr(o->output, '/') : NULL;
    if (!dot || (slash && slash > dot))
        return 0;
    for (size_t i = 0; i < sizeof pictures / sizeof *pictures; i++)
        if (strcasecmp(dot + 1, pictures[i]) == 0)
            return cli_usage_error(o->command,
                                   "-o %s: export writes network files "
                                   "(graphml, dot, gexf, csv, json); to draw "
                                   "the network use 'stancegraph render -o %s'",
                                   o->output, o->output);
    return 0;
}

static int choose_format(const cli_opts *o, sg_export_format *format)
{
    *format = SG_EXPORT_GRAPHML;
    int rc = refuse_picture(o);
    if (rc)
        return rc;
    if (o->format) {
        if (sg_export_format_parse(format, o->format))
            return cli_usage_error(o->command, "--format: %s", sg_error_last());
    } else if (o->output && sg_export_format_from_path(format, o->output)) {
        *format = SG_EXPORT_GRAPHML;
    }
    if (o->dynamic && *format != SG_EXPORT_GEXF)
        return cli_usage_error(o->command, "--dynamic needs --format gexf");
    if (*format == SG_EXPORT_DOT && o->layout && strcmp(o->layout, "none"))
        return cli_usage_error(o->command,
                               "--layout: DOT is laid out by Graphviz; use "
                               "'stancegraph render --engine E' to draw it");
    return 0;
}

static int refuse_outputs(const cli_opts *o, sg_export_format format)
{
    if (!o->output)
        return 0;
    if (format != SG_EXPORT_CSV)
        return cli_refuse_input(o, o->output);
    size_t size = strlen(o->output) + 12;
    char *nodes = malloc(size), *edges = malloc(size);
    int rc = EXIT_RUNTIME;
    if (nodes && edges) {
        sg_export_csv_paths(o->output, nodes, edges);
        rc = cli_refuse_input(o, nodes);
        if (!rc)
            rc = cli_refuse_input(o, edges);
    } else {
        cli_fail(EXIT_RUNTIME, "out of memory");
    }
    free(nodes);
    free(edges);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    cli_opts o;
    sg_network *net = NULL;
    sg_export_format format;
    char help[sizeof help_head + sizeof help_tail];
    memcpy(help, help_head, sizeof help_head - 1);
    memcpy(help + sizeof help_head - 1, help_tail, sizeof help_tail);
    int rc = cli_parse(&o, "export",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_OUTPUT |
                           OPT_FORMAT | OPT_DYNAMIC | OPT_QUIET | OPT_LAYOUT |
                           OPT_WINDOW | OPT_STRICT | OPT_TITLE | OPT_NAMES,
                       help, argc, argv);
    if (rc) {
        rc = rc < 0 ? EXIT_OK : rc;
        goto cleanup;
    }
    if ((o.timeline.window.n || o.timeline.step.n || o.timeline.indent ||
         o.timeline.kernel != SG_KERNEL_UNIFORM) &&
        !o.dynamic) {
        rc = cli_usage_error(o.command, "--window, --step, --kernel and "
                                        "--indent need --dynamic");
        goto cleanup;
    }
    if (o.timeline.phases) {
        rc = cli_usage_error(o.command, "--phases is an option of 'timeline'");
        goto cleanup;
    }
    if (o.timeline.window.n && sg_timeline_options_check(&o.timeline)) {
        rc = cli_usage_error(o.command, "%s", sg_error_last());
        goto cleanup;
    }
    if (o.output && strcmp(o.output, "-") == 0)
        o.output = NULL;
    sg_layout_options lo;
    if ((rc = choose_format(&o, &format)) ||
        (rc = cli_layout_options(&lo, &o,
                                 format == SG_EXPORT_DOT ? SG_LAYOUT_NONE
                                                         : SG_LAYOUT_FR)) ||
        (rc = refuse_outputs(&o, format)))
        goto cleanup;
    cli_names names = {.n = 0};
    if ((rc = cli_annotated_network(&o, &net,
                                    format == SG_EXPORT_DOT ? &names : NULL)))
        goto cleanup;
    if (lo.method != SG_LAYOUT_NONE) {
        cli_progress(&o, "laying out");
        int sg = sg_layout_apply(net, &lo);
        if (sg) {
            rc = cli_fail_sg(sg);
            goto cleanup;
        }
    }
    sg_export_options eo;
    sg_export_options_init(&eo);
    eo.dynamic = o.dynamic;
    eo.strict = o.strict;
    eo.coalition_names = names.ptr;
    eo.ncoalition_names = names.n;
    cli_warn_replaced(&o, net, format);
    cli_progress(&o, "writing");
    int sg = sg_export_write(net, format, &eo, o.output);
    if (sg)
        rc = cli_fail_sg(sg);
    else
        cli_progress(&o, "done");

cleanup:
    sg_network_free(net);
    cli_opts_free(&o);
    return rc;
}
