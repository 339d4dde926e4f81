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
    sg_rgb fill = sg_export_node_rgb(net, i);
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
                       const sg_export_options *opts)
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
        int cluster = !opts->no_clusters && m[i].coalition > 0 && j - i >= 2;
        if (cluster) {
            char hex[8], label[48];
            long c = m[i].coalition;
            sg_export_hex(hex, sg_export_coalition_rgb(c));
            snprintf(label, sizeof label, "Coalition %ld", c);
            fprintf(f, "  subgraph \"cluster_%ld\" {\n", c);
            fputs("    graph [label=", f);
            sg_export_dot_quoted(f,
                                 (size_t)c <= opts->ncoalition_names &&
                                         opts->coalition_names[c - 1]
                                     ? opts->coalition_names[c - 1]
                                     : label,
                                 1);
            fprintf(f, ", color=\"%s\", style=\"rounded\", penwidth=\"2\"];\n",
                    hex);
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

/* HTML-label text: & < > escaped, line breaks as spaces (a title is one
 * line), what XML cannot carry as U+FFFD. */
static const char *html_rep(unsigned char c, char *tmp, int flag)
{
    (void)tmp;
    (void)flag;
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\n':
    case '\r':
    case '\t': return " ";
    }
    return NULL;
}

static void html_text(FILE *f, const char *s)
{
    sg_export_escaped_xml(f, s, html_rep, 0);
}

/* A sample line in the colour and style of a tie of that sign, drawn
 * with box-drawing characters (a text cell is never stretched, unlike a
 * bordered one). */
static void legend_line(FILE *f, double sign, const char *what)
{
    char colour[8];
    const char *style = tie_style(sign, colour);
    fprintf(f, "<FONT COLOR=\"%s\">%s</FONT> %s&#160;&#160;&#160;", colour,
            strcmp(style, "solid") == 0    ? "\xE2\x94\x81\xE2\x94\x81\xE2\x94\x81"
            : strcmp(style, "dashed") == 0 ? "\xE2\x95\x8D\xE2\x95\x8D"
                                           : "\xE2\x94\x88\xE2\x94\x88\xE2\x94\x88",
            what);
}

/* The title and the legend as the graph's label, above the drawing, so
 * that no layout engine puts them over a node: coalition colours with
 * their names and sizes, node shapes, tie styles present, and the note. */
static void write_label(FILE *f, const sg_network *net,
                        const sg_export_options *opts)
{
    int kinds[2] = {0, 0}, signs[3] = {0, 0, 0};
    long maxc = 0;
    for (size_t i = 0; i < net->nnodes; i++) {
        kinds[net->node_kind[i] == SG_PROPOSAL] = 1;
        long c = sg_export_coalition(net, i);
        if (net->node_kind[i] == SG_ACTOR && c > maxc)
            maxc = c;
    }
    for (size_t e = 0; e < net->nedges; e++)
        signs[net->net[e] > 0 ? 0 : net->net[e] < 0 ? 1 : 2] = 1;
    if (!net->title && net->nnodes == 0)
        return;
    fputs("  graph [labelloc=\"t\", labeljust=\"l\", label=<<TABLE "
          "BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
          "CELLPADDING=\"2\">\n",
          f);
    if (net->title) {
        fputs("    <TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"18\">", f);
        html_text(f, net->title);
        fputs("</FONT></TD></TR>\n", f);
    }
    /* Coalitions of two or more actors, three to a row. */
    size_t shown = 0;
    for (long c = 1; c <= maxc && c <= 12; c++) {
        size_t members = 0;
        for (size_t i = 0; i < net->nnodes; i++)
            members += net->node_kind[i] == SG_ACTOR &&
                       sg_export_coalition(net, i) == c;
        if (members < 2)
            continue;
        char hex[8];
        sg_export_hex(hex, sg_export_coalition_rgb(c));
        if (shown % 3 == 0)
            fputs(shown ? "</TD></TR>\n    <TR><TD ALIGN=\"LEFT\">"
                        : "    <TR><TD ALIGN=\"LEFT\">",
                  f);
        /* U+25A0 BLACK SQUARE in the coalition's colour. */
        fprintf(f, "<FONT COLOR=\"%s\">\xE2\x96\xA0</FONT> ", hex);
        if ((size_t)c <= opts->ncoalition_names && opts->coalition_names[c - 1])
            html_text(f, opts->coalition_names[c - 1]);
        else
            fprintf(f, "Coalition %ld", c);
        fprintf(f, " (%zu)&#160;&#160;&#160;", members);
        shown++;
    }
    if (shown)
        fputs("</TD></TR>\n", f);
    static const char *const ties[3][3] = {
        {"supports", "opposes", "ambivalent"},           /* stances */
        {"agree", "conflict", "balanced"},               /* actors */
        {"same backers", "opposed backers", "balanced"}, /* proposals */
    };
    size_t row = net->kind == SG_NET_ACTORS      ? 1
                 : net->kind == SG_NET_PROPOSALS ? 2
                                                 : 0;
    if (net->nnodes)
        fputs("    <TR><TD ALIGN=\"LEFT\">", f);
    if (kinds[0] && kinds[1])
        fputs("ellipse: actor, box: proposal&#160;&#160;&#160;", f);
    static const double sign_of[3] = {1, -1, 0};
    for (int k = 0; k < 3; k++)
        if (signs[k])
            legend_line(f, sign_of[k], ties[row][k]);
    if (net->nnodes)
        fputs("</TD></TR>\n", f);
    if (opts->note) {
        fputs("    <TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">", f);
        html_text(f, opts->note);
        fputs("</FONT></TD></TR>\n", f);
    }
    fputs("  </TABLE>>];\n", f);
}

int sg_export_dot_write(FILE *f, const sg_network *net,
                        const sg_export_options *opts)
{
    text tip = {NULL, 0, 0};
    fprintf(f, "graph \"%s\" {\n", sg_network_kind_name(net->kind));
    fputs("  graph [", f);
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
    int rc = write_nodes(f, net, &tip, opts);
    if (!rc)
        rc = write_edges(f, net, &tip);
    if (!rc) {
        /* Last, so that the clusters do not inherit the label. */
        write_label(f, net, opts);
        fputs("}\n", f);
    }
    free(tip.s);
    return rc;
}
