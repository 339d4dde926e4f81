/* DOT for Graphviz (dot, neato, sfdp), written here rather than by igraph,
 * whose DOT writer emits numbers and names Graphviz rejects.
 *
 * Every id and value is a quoted string under Graphviz's escString rules,
 * so keywords, brackets and braces in names are inert. Actors are
 * ellipses and proposals boxes, filled with their coalition's colour;
 * coalitions of two or more actors are drawn as labelled clusters. Positive
 * ties are solid blue lines and negative ones dashed vermillion (dotted
 * grey for neither), so they differ in print and for colour-blind readers;
 * line width grows with weight. Columns travel as data_<name> attributes,
 * which Graphviz keeps and ignores. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/export_internal.h"
#include "model/util.h"

static const char *dot_rep(unsigned char c, char *tmp, int drawn)
{
    (void)tmp;
    switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    /* Not merged with a following LF: ids differing only there must stay
     * distinct. */
    case '\r': return "\\r";
    /* Graphviz decodes HTML entities in drawn text. */
    case '&': return drawn ? "&amp;" : NULL;
    }
    return NULL;
}

void sg_export_dot_quoted(FILE *f, const char *s, int drawn)
{
    fputc('"', f);
    /* Graphviz copies text into SVG, which is XML. */
    sg_export_escaped_xml(f, s, dot_rep, drawn);
    fputc('"', f);
}

/* The start of one attribute of a statement: " [" or ", ", then name=.
 * No printf: this runs for every value of large networks. */
static void attr_name(FILE *f, int *first, const char *prefix,
                      const char *name)
{
    fputs(*first ? " [" : ", ", f);
    *first = 0;
    fputs(prefix, f);
    fputs(name, f);
    fputc('=', f);
}

/* One attribute; `drawn` for text Graphviz draws. */
static void attr(FILE *f, int *first, const char *name, const char *value,
                 int drawn)
{
    attr_name(f, first, "", name);
    sg_export_dot_quoted(f, value, drawn);
}

static void end_attrs(FILE *f, int first) { fputs(first ? ";\n" : "];\n", f); }

/* data_<column> for every present value of a row. */
static void data_attrs(FILE *f, int *first, const sg_column *cols,
                       size_t ncols, size_t row)
{
    char buf[SG_EXPORT_NUMBUF];
    for (size_t i = 0; i < ncols; i++) {
        const char *v = sg_export_value(&cols[i], row, buf);
        if (!v)
            continue;
        attr_name(f, first, "data_", cols[i].name);
        sg_export_dot_quoted(f, v, 0);
    }
}

static void number_attr(FILE *f, int *first, const char *name, double x)
{
    char buf[SG_EXPORT_NUMBUF];
    const char *v = sg_export_number_text(x, buf);
    if (v)
        attr(f, first, name, v, 0);
}

/* Black text on light fills, white on dark ones. */
static const char *text_colour(sg_rgb c)
{
    double y = (0.299 * c.r + 0.587 * c.g + 0.114 * c.b) / 255;
    return y < 0.5 ? "#FFFFFF" : "#000000";
}

/* Growable text for tooltips. */
typedef struct {
    char *s;
    size_t len, cap;
} text;

static int text_add(text *t, const char *s)
{
    size_t n = strlen(s);
    if (sg_grow(&t->s, &t->cap, t->len + n + 1, 1))
        return SG_ENOMEM;
    memcpy(t->s + t->len, s, n + 1);
    t->len += n;
    return 0;
}

static int node_tooltip(text *t, const sg_network *net, size_t i)
{
    static const char *const shown[] = {"kind", "type", "group", "topic"};
    char buf[SG_EXPORT_NUMBUF];
    t->len = 0;
    int rc = text_add(t, sg_export_label(net, i));
    for (size_t k = 0; !rc && k < sizeof shown / sizeof *shown; k++) {
        const sg_column *c = sg_network_column(net, SG_NODES, shown[k]);
        const char *v = c ? sg_export_value(c, i, buf) : NULL;
        if (v)
            rc = text_add(t, "\n") || text_add(t, shown[k]) ||
                 text_add(t, ": ") || text_add(t, v);
    }
    long coal = sg_export_coalition(net, i);
    if (!rc && coal) {
        snprintf(buf, sizeof buf, "\ncoalition %ld", coal);
        rc = text_add(t, buf);
    }
    return rc ? SG_ENOMEM : 0;
}

static int edge_tooltip(text *t, const sg_network *net, size_t e)
{
    static const char *const shown[] = {"stance", "agree", "conflict",
                                        "quotes"};
    char buf[SG_EXPORT_NUMBUF];
    t->len = 0;
    int rc = text_add(t, sg_export_label(net, net->edge_from[e])) ||
             text_add(t, " -- ") ||
             text_add(t, sg_export_label(net, net->edge_to[e]));
    for (size_t k = 0; !rc && k < sizeof shown / sizeof *shown; k++) {
        const sg_column *c = sg_network_column(net, SG_EDGES, shown[k]);
        const char *v = c ? sg_export_value(c, e, buf) : NULL;
        if (!v)
            continue;
        rc = text_add(t, "\n");
        if (!rc && strcmp(shown[k], "quotes") != 0)
            rc = text_add(t, shown[k]) || text_add(t, ": ");
        if (!rc)
            rc = text_add(t, v);
    }
    return rc ? SG_ENOMEM : 0;
}

typedef struct {
    long coalition;
    size_t node;
} member;

static int by_coalition(const void *a, const void *b)
{
    const member *x = a, *y = b;
    if (x->coalition != y->coalition)
        return x->coalition < y->coalition ? -1 : 1;
    return x->node < y->node ? -1 : x->node > y->node;
}

static int write_node(FILE *f, const sg_network *net, size_t i, text *tip,
                      const char *indent)
{
    sg_rgb fill = sg_export_coalition_rgb(sg_export_coalition(net, i));
    char hex[8];
    sg_export_hex(hex, fill);
    if (node_tooltip(tip, net, i))
        return SG_ENOMEM;
    int first = 1;
    fputs(indent, f);
    sg_export_dot_quoted(f, net->node_id[i], 0);
    attr(f, &first, "label", sg_export_label(net, i), 1);
    attr(f, &first, "shape",
         net->node_kind[i] == SG_PROPOSAL ? "box" : "ellipse", 0);
    attr(f, &first, "fillcolor", hex, 0);
    attr(f, &first, "fontcolor", text_colour(fill), 0);
    attr(f, &first, "tooltip", tip->s, 1);
    data_attrs(f, &first, net->node_cols, net->n_node_cols, i);
    end_attrs(f, first);
    return 0;
}

/* Node statements, actors clustered by coalition where two or more share
 * one. */
static int write_nodes(FILE *f, const sg_network *net, text *tip,
                       int clusters)
{
    member *m = malloc((net->nnodes ? net->nnodes : 1) * sizeof *m);
    if (!m)
        return sg_seterr(SG_ENOMEM, "out of memory");
    /* Proposals may carry the coalition that backs them: they take its
     * colour but stay outside, as the clusters group actors. */
    for (size_t i = 0; i < net->nnodes; i++) {
        m[i].coalition = net->node_kind[i] == SG_ACTOR
                             ? sg_export_coalition(net, i)
                             : 0;
        m[i].node = i;
    }
    qsort(m, net->nnodes, sizeof *m, by_coalition);
    int rc = 0;
    for (size_t i = 0; i < net->nnodes && !rc;) {
        size_t j = i;
        while (j < net->nnodes && m[j].coalition == m[i].coalition)
            j++;
        int cluster = clusters && m[i].coalition > 0 && j - i >= 2;
        if (cluster) {
            char hex[8], label[48];
            sg_export_hex(hex, sg_export_coalition_rgb(m[i].coalition));
            snprintf(label, sizeof label, "Coalition %ld", m[i].coalition);
            fprintf(f, "  subgraph \"cluster_%ld\" {\n", m[i].coalition);
            fprintf(f,
                    "    graph [label=\"%s\", color=\"%s\", style=\"rounded\", "
                    "penwidth=\"2\"];\n",
                    label, hex);
        }
        for (; i < j && !rc; i++)
            rc = write_node(f, net, m[i].node, tip, cluster ? "    " : "  ");
        if (cluster)
            fputs("  }\n", f);
    }
    free(m);
    return rc ? sg_seterr(SG_ENOMEM, "out of memory") : 0;
}

static const char *tie_style(double netval, char colour[8])
{
    sg_export_hex(colour, sg_export_tie_rgb(netval));
    return netval > 0 ? "solid" : netval < 0 ? "dashed" : "dotted";
}

static int write_edges(FILE *f, const sg_network *net, text *tip)
{
    double max = 0;
    for (size_t e = 0; e < net->nedges; e++)
        if (net->weight[e] > max)
            max = net->weight[e];
    for (size_t e = 0; e < net->nedges; e++) {
        char colour[8], width[SG_EXPORT_NUMBUF];
        const char *style = tie_style(net->net[e], colour);
        /* 1 to 6 points, to a hundredth. */
        double pw = 1 + 5 * (max > 0 ? net->weight[e] / max : 0);
        sg_export_number_text(round(pw * 100) / 100, width);
        if (edge_tooltip(tip, net, e))
            return sg_seterr(SG_ENOMEM, "out of memory");
        int first = 1;
        fputs("  ", f);
        sg_export_dot_quoted(f, net->node_id[net->edge_from[e]], 0);
        fputs(" -- ", f);
        sg_export_dot_quoted(f, net->node_id[net->edge_to[e]], 0);
        attr(f, &first, "color", colour, 0);
        attr(f, &first, "style", style, 0);
        attr(f, &first, "penwidth", width, 0);
        attr(f, &first, "tooltip", tip->s, 1);
        number_attr(f, &first, "data_weight", net->weight[e]);
        number_attr(f, &first, "data_net", net->net[e]);
        data_attrs(f, &first, net->edge_cols, net->n_edge_cols, e);
        end_attrs(f, first);
    }
    return 0;
}

/* A legend node id no network node has: "legend_<n>" plus underscores. */
static void legend_id(char *buf, size_t size, const sg_network *net, int n)
{
    int len = snprintf(buf, size, "legend_%d", n);
    while (sg_network_find_node(net, buf) >= 0 && (size_t)len + 1 < size) {
        buf[len++] = '_';
        buf[len] = '\0';
    }
}

/* A sample line into its caption; across the page: with ranks running
 * down, the two share a rank, with ranks running across they must not. */
static void legend_tie(FILE *f, const sg_network *net, int *n, double sign,
                       const char *what, int across)
{
    char a[64], b[64], colour[8];
    const char *style = tie_style(sign, colour);
    legend_id(a, sizeof a, net, (*n)++);
    legend_id(b, sizeof b, net, (*n)++);
    fprintf(f,
            "    { %s\"%s\" [label=\"\", shape=\"point\", width=\"0.08\"]; "
            "\"%s\" [label=",
            across ? "" : "rank=\"same\"; ", a, b);
    sg_export_dot_quoted(f, what, 1);
    fputs(", shape=\"plaintext\", style=\"solid\"]; }\n", f);
    fprintf(f,
            "    \"%s\" -- \"%s\" [color=\"%s\", style=\"%s\", "
            "penwidth=\"2\"];\n",
            a, b, colour, style);
}

/* What is in the drawing: node shapes present, tie kinds present. */
static void write_legend(FILE *f, const sg_network *net)
{
    int kinds[2] = {0, 0}, signs[3] = {0, 0, 0}, n = 0;
    if (net->nnodes == 0)
        return;
    for (size_t i = 0; i < net->nnodes; i++)
        kinds[net->node_kind[i] == SG_PROPOSAL] = 1;
    for (size_t e = 0; e < net->nedges; e++)
        signs[net->net[e] > 0 ? 0 : net->net[e] < 0 ? 1 : 2] = 1;
    static const char *const ties[3][3] = {
        {"supports", "opposes", "ambivalent"},  /* stances */
        {"agree", "conflict", "balanced"},      /* actors */
        {"same backers", "opposed backers", "balanced"}, /* proposals */
    };
    size_t row = net->kind == SG_NET_ACTORS      ? 1
                 : net->kind == SG_NET_PROPOSALS ? 2
                                                 : 0;
    fputs("  subgraph \"cluster_legend\" {\n"
          "    graph [label=\"Legend\", color=\"#999999\", style=\"rounded\"];\n",
          f);
    char id[64];
    if (kinds[0]) {
        legend_id(id, sizeof id, net, n++);
        fprintf(f, "    \"%s\" [label=\"Actor\", shape=\"ellipse\", "
                   "fillcolor=\"#FFFFFF\"];\n", id);
    }
    if (kinds[1]) {
        legend_id(id, sizeof id, net, n++);
        fprintf(f, "    \"%s\" [label=\"Proposal\", shape=\"box\", "
                   "fillcolor=\"#FFFFFF\"];\n", id);
    }
    static const double sign_of[3] = {1, -1, 0};
    for (int s = 0; s < 3; s++)
        if (signs[s])
            legend_tie(f, net, &n, sign_of[s], ties[row][s],
                       net->kind == SG_NET_STANCES);
    fputs("  }\n", f);
}

int sg_export_dot_write(FILE *f, const sg_network *net,
                        const sg_export_options *opts)
{
    text tip = {NULL, 0, 0};
    fprintf(f, "graph \"%s\" {\n", sg_network_kind_name(net->kind));
    fputs("  graph [", f);
    if (net->title) {
        fputs("label=", f);
        sg_export_dot_quoted(f, net->title, 1);
        fputs(", labelloc=\"t\", ", f);
    }
    /* Two-mode: actors in one column, proposals in the next, rather than
     * two very wide rows. */
    if (net->kind == SG_NET_STANCES)
        fputs("rankdir=\"LR\", ", f);
    fputs("fontname=\"Helvetica\", fontsize=\"16\", outputorder=\"edgesfirst\", "
          "overlap=\"false\", pad=\"0.3\"];\n"
          "  node [fontname=\"Helvetica\", fontsize=\"11\", style=\"filled\", "
          "color=\"#333333\"];\n"
          "  edge [fontname=\"Helvetica\", fontsize=\"9\"];\n",
          f);
    int rc = write_nodes(f, net, &tip, !opts->no_clusters);
    if (!rc)
        rc = write_edges(f, net, &tip);
    if (!rc) {
        write_legend(f, net);
        fputs("}\n", f);
    }
    free(tip.s);
    return rc;
}
