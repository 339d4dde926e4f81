/* GEXF 1.2draft, Gephi's own format. The label column becomes the node's label
 * attribute and the weight the edge's; every other column is a declared,
 * typed attribute whose id is its name. With the dynamic option each edge
 * carries one spell per date of its `dates` column, so that Gephi's
 * timeline replays the debate. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/export_internal.h"
#include "model/progress.h"
#include "model/util.h"

static const char *attr_type(const sg_column *c, size_t rows)
{
    static const char *const names[5] = {"string", "double", "integer",
                                         "long", "boolean"};
    return sg_export_type_name(c, rows, names);
}

/* Columns written otherwise than as attributes: the label, and x and y,
 * which become viz:position. */
typedef struct {
    const sg_column *c[3];
} skipped;

static int is_skipped(const skipped *s, const sg_column *c)
{
    return s && (c == s->c[0] || c == s->c[1] || c == s->c[2]);
}

static void declare(FILE *f, const char *cls, const sg_column *cols,
                    size_t ncols, size_t rows, const skipped *skip,
                    int with_net)
{
    fprintf(f, "    <attributes class=\"%s\">\n", cls);
    if (with_net)
        fputs("      <attribute id=\"net\" title=\"net\" type=\"double\"/>\n",
              f);
    for (size_t i = 0; i < ncols; i++)
        if (!is_skipped(skip, &cols[i]))
            fprintf(f,
                    "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                    cols[i].name, cols[i].name, attr_type(&cols[i], rows));
    fputs("    </attributes>\n", f);
}

/* <attvalues> with `net` first when finite; nothing when no value is
 * present (an empty <attvalues> is invalid). */
static void write_attvalues(FILE *f, const sg_column *cols, size_t ncols,
                            size_t row, const skipped *skip, double netval)
{
    char buf[SG_EXPORT_NUMBUF];
    int open = 0;
    const char *v = sg_export_number_text(netval, buf);
    if (v) {
        fputs("        <attvalues>\n"
              "          <attvalue for=\"net\" value=\"", f);
        fputs(v, f);
        fputs("\"/>\n", f);
        open = 1;
    }
    for (size_t i = 0; i < ncols; i++) {
        v = is_skipped(skip, &cols[i]) ? NULL
                                       : sg_export_value(&cols[i], row, buf);
        if (!v)
            continue;
        if (!open)
            fputs("        <attvalues>\n", f);
        open = 1;
        fputs("          <attvalue for=\"", f);
        fputs(cols[i].name, f);
        fputs("\" value=\"", f);
        sg_export_xml_text(f, v, 1);
        fputs("\"/>\n", f);
    }
    if (open)
        fputs("        </attvalues>\n", f);
}

static int is_date(const char *s, size_t n)
{
    static const char shape[] = "dddd-dd-dd";
    if (n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != '-')
            return 0;
    return 1;
}

/* One spell per date of "YYYY-MM-DD;YYYY-MM-DD;..." (others skipped). */
static void write_spells(FILE *f, const char *dates)
{
    int open = 0;
    for (const char *p = dates; p && *p;) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (is_date(p, n)) {
            if (!open)
                fputs("        <spells>\n", f);
            open = 1;
            fprintf(f, "          <spell start=\"%.10s\" end=\"%.10s\"/>\n", p,
                    p);
        }
        p = end ? end + 1 : NULL;
    }
    if (open)
        fputs("        </spells>\n", f);
}

static void write_color(FILE *f, sg_rgb c)
{
    char r[SG_EXPORT_NUMBUF], g[SG_EXPORT_NUMBUF], b[SG_EXPORT_NUMBUF];
    fputs("        <viz:color r=\"", f);
    fputs(sg_export_number_text(c.r, r), f);
    fputs("\" g=\"", f);
    fputs(sg_export_number_text(c.g, g), f);
    fputs("\" b=\"", f);
    fputs(sg_export_number_text(c.b, b), f);
    fputs("\"/>\n", f);
}

int sg_export_gexf_write(FILE *f, const sg_network *net,
                         const sg_export_options *opts)
{
    double *sizes = sg_export_node_sizes(net);
    if (!sizes)
        return SG_ENOMEM;
    const sg_column *label = sg_network_column(net, SG_NODES, "label");
    if (label && label->type != SG_COL_STRING)
        label = NULL;
    const sg_column *dates =
        opts->dynamic ? sg_network_column(net, SG_EDGES, "dates") : NULL;
    if (dates && dates->type != SG_COL_STRING)
        dates = NULL;
    const sg_column *xs = sg_network_column(net, SG_NODES, "x");
    const sg_column *ys = sg_network_column(net, SG_NODES, "y");
    if (!xs || !ys || xs->type == SG_COL_STRING || ys->type == SG_COL_STRING)
        xs = ys = NULL;
    skipped skip = {{label, xs, ys}};

    /* 1.2draft with its own namespaces, www. and all: the newest version
     * every reader knows (networkx 2.8 looks the <graph> element up in the
     * 1.1draft and 1.2draft namespaces only; networkx 3, graphology and
     * Gephi read it too). No xsi:schemaLocation: the RelaxNG schema allows
     * no attribute on <gexf> besides version and variant. */
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<gexf xmlns=\"http://www.gexf.net/1.2draft\" "
          "xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">\n"
          "  <meta>\n    <creator>stancegraph " SG_VERSION_STRING
          "</creator>\n",
          f);
    if (net->title) {
        fputs("    <description>", f);
        sg_export_xml_text(f, net->title, 0);
        fputs("</description>\n", f);
    }
    fprintf(f, "  </meta>\n  <graph defaultedgetype=\"undirected\" %s>\n",
            opts->dynamic ? "mode=\"dynamic\" timeformat=\"date\""
                          : "mode=\"static\"");
    declare(f, "node", net->node_cols, net->n_node_cols, net->nnodes, &skip,
            0);
    declare(f, "edge", net->edge_cols, net->n_edge_cols, net->nedges, NULL, 1);

    fputs("    <nodes>\n", f);
    for (size_t i = 0; i < net->nnodes; i++) {
        char buf[SG_EXPORT_NUMBUF];
        fputs("      <node id=\"", f);
        sg_export_xml_text(f, net->node_id[i], 1);
        if (label && label->str[i]) {
            fputs("\" label=\"", f);
            sg_export_xml_text(f, label->str[i], 1);
        }
        fputs("\">\n", f);
        write_attvalues(f, net->node_cols, net->n_node_cols, i, &skip, NAN);
        write_color(f, sg_export_coalition_rgb(sg_export_coalition(net, i)));
        int hx, hy;
        double x = sg_export_number(xs, i, &hx), y = sg_export_number(ys, i, &hy);
        if (hx && hy) {
            char ybuf[SG_EXPORT_NUMBUF];
            /* z is required by the viz schema. */
            fprintf(f, "        <viz:position x=\"%s\" y=\"%s\" z=\"0\"/>\n",
                    sg_export_number_text(x, buf),
                    sg_export_number_text(y, ybuf));
        }
        fprintf(f, "        <viz:size value=\"%s\"/>\n      </node>\n",
                sg_export_number_text(sizes[i], buf));
    }
    fputs("    </nodes>\n    <edges>\n", f);
    for (size_t e = 0; e < net->nedges; e++) {
        if ((e & 0xFFFFF) == 0) /* a bar for the writing of millions */
            sg_progress_note((double)e / (double)net->nedges);
        char buf[SG_EXPORT_NUMBUF];
        fputs("      <edge id=\"", f);
        fputs(sg_export_number_text((double)e, buf), f);
        fputs("\" source=\"", f);
        sg_export_xml_text(f, net->node_id[net->edge_from[e]], 1);
        fputs("\" target=\"", f);
        sg_export_xml_text(f, net->node_id[net->edge_to[e]], 1);
        fputs("\" weight=\"", f);
        fputs(sg_export_number_text(net->weight[e], buf), f);
        fputs("\">\n", f);
        write_attvalues(f, net->edge_cols, net->n_edge_cols, e, NULL,
                        net->net[e]);
        if (dates)
            write_spells(f, dates->str[e]);
        write_color(f, sg_export_tie_rgb(net->net[e]));
        fputs(net->net[e] > 0   ? "        <viz:shape value=\"solid\"/>\n"
              : net->net[e] < 0 ? "        <viz:shape value=\"dashed\"/>\n"
                                : "        <viz:shape value=\"dotted\"/>\n",
              f);
        fputs("      </edge>\n", f);
    }
    fputs("    </edges>\n  </graph>\n</gexf>\n", f);
    free(sizes);
    return 0;
}
