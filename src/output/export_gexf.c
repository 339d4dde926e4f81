/* GEXF 1.2draft, Gephi's own format. The label column becomes the node's label
 * attribute and the weight the edge's; every other column is a declared,
 * typed attribute whose id is its name. With the dynamic option, nodes and
 * edges carry the spells of their `spells` column ("FROM/TO;...", what
 * sg_timeline_annotate() writes), or edges without one a spell from their
 * first to their last statement date; and every column NAME_by_window
 * ("FROM/TO=VALUE;...") is also written as the dynamic attribute
 * window_NAME, so that Gephi's timeline replays the debate. The columns
 * themselves stay plain attributes for readers without spells. */
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

#define BY_WINDOW "_by_window"

/* A column of "FROM/TO=VALUE;..." runs, written as a dynamic attribute. */
static int is_dynamic(const sg_column *c)
{
    size_t n = strlen(c->name), k = strlen(BY_WINDOW);
    return c->type == SG_COL_STRING && n > k &&
           strcmp(c->name + n - k, BY_WINDOW) == 0;
}

/* Calls fn for each FROM/TO[=VALUE] entry of `s` (spans into s). */
typedef void (*run_fn)(FILE *f, const char *name, const char *from,
                       const char *to, const char *v, size_t vlen);

static int is_date(const char *s, size_t n);

/* A string column of that name when `want`, else NULL. */
static const sg_column *string_column(const sg_network *net, sg_table t,
                                      const char *name, int want)
{
    const sg_column *c = want ? sg_network_column(net, t, name) : NULL;
    return c && c->type == SG_COL_STRING ? c : NULL;
}

static void each_run(FILE *f, const char *name, const char *s, run_fn fn)
{
    for (const char *p = s; p && *p;) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (n >= 21 && p[10] == '/' && is_date(p, 10) && is_date(p + 11, 10) &&
            (eq ? eq == p + 21 : n == 21))
            fn(f, name, p, p + 11, eq ? eq + 1 : NULL,
               eq ? n - 22 : 0);
        p = end ? end + 1 : NULL;
    }
}

/* GEXF type of a dynamic column's values: integer, double or string. */
static const char *dynamic_type(const sg_column *c, size_t rows)
{
    int integer = 1, number = 1;
    for (size_t r = 0; r < rows; r++)
        for (const char *p = c->str[r]; p && *p;) {
            const char *end = strchr(p, ';'), *eq = strchr(p, '=');
            if (eq && (!end || eq < end)) {
                char *stop;
                double v = strtod(eq + 1, &stop);
                int whole = stop != eq + 1 && (stop == end || !*stop);
                number &= whole;
                integer &= whole && v == floor(v) && fabs(v) < 1e15;
            }
            p = end ? end + 1 : NULL;
        }
    return integer ? "integer" : number ? "double" : "string";
}

/* The window_NAME attributes: a block of their own (cls set), or lines in
 * the static block (cls NULL). */
static void declare_dynamic(FILE *f, const char *cls, const sg_column *cols,
                            size_t ncols, size_t rows)
{
    int open = 0;
    for (size_t i = 0; i < ncols; i++) {
        if (!is_dynamic(&cols[i]))
            continue;
        if (!open && cls)
            fprintf(f, "    <attributes class=\"%s\" mode=\"dynamic\">\n", cls);
        open = 1;
        size_t n = strlen(cols[i].name) - strlen(BY_WINDOW);
        fprintf(f,
                "      <attribute id=\"window_%.*s\" title=\"window_%.*s\" "
                "type=\"%s\"/>\n",
                (int)n, cols[i].name, (int)n, cols[i].name,
                dynamic_type(&cols[i], rows));
    }
    if (open && cls)
        fputs("    </attributes>\n", f);
}

static void write_dynamic_value(FILE *f, const char *name, const char *from,
                                const char *to, const char *v, size_t vlen)
{
    size_t n = strlen(name) - strlen(BY_WINDOW);
    if (!v)
        return;
    fprintf(f, "          <attvalue for=\"window_%.*s\" value=\"", (int)n,
            name);
    char buf[64];
    if (vlen < sizeof buf) {
        memcpy(buf, v, vlen);
        buf[vlen] = '\0';
        sg_export_xml_text(f, buf, 1);
    }
    fprintf(f, "\" start=\"%.10s\" end=\"%.10s\"/>\n", from, to);
}

static void write_spell(FILE *f, const char *name, const char *from,
                        const char *to, const char *v, size_t vlen)
{
    (void)name;
    (void)v;
    (void)vlen;
    fprintf(f, "          <spell start=\"%.10s\" end=\"%.10s\"/>\n", from, to);
}

static void declare(FILE *f, const char *cls, const sg_column *cols,
                    size_t ncols, size_t rows, const skipped *skip,
                    int with_net, int dynamic)
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
    if (dynamic)
        declare_dynamic(f, NULL, cols, ncols, rows);
    fputs("    </attributes>\n", f);
}

/* <attvalues> with `net` first when finite; nothing when no value is
 * present (an empty <attvalues> is invalid). */
static void write_attvalues(FILE *f, const sg_column *cols, size_t ncols,
                            size_t row, const skipped *skip, double netval,
                            int dynamic)
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
    for (size_t i = 0; dynamic && i < ncols; i++) {
        if (!is_dynamic(&cols[i]) || !cols[i].str[row] || !*cols[i].str[row])
            continue;
        if (!open)
            fputs("        <attvalues>\n", f);
        open = 1;
        each_run(f, cols[i].name, cols[i].str[row], write_dynamic_value);
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

/* The spells of a "FROM/TO;..." value; nothing when it has none. */
static void write_spells(FILE *f, const char *spells)
{
    if (!spells || !*spells)
        return;
    fputs("        <spells>\n", f);
    each_run(f, "spells", spells, write_spell);
    fputs("        </spells>\n", f);
}

/* An edge without a spells column spans its statements' dates. */
static void write_span(FILE *f, const char *first, const char *last)
{
    if (!first || !last || !is_date(first, strlen(first)) ||
        !is_date(last, strlen(last)))
        return;
    fprintf(f, "        <spells>\n          <spell start=\"%s\" end=\"%s\"/>\n"
               "        </spells>\n",
            first, last);
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
    int dyn = opts->dynamic;
    const sg_column *espells = string_column(net, SG_EDGES, "spells", dyn);
    const sg_column *nspells = string_column(net, SG_NODES, "spells", dyn);
    const sg_column *first = string_column(net, SG_EDGES, "first_date", dyn);
    const sg_column *last = string_column(net, SG_EDGES, "last_date", dyn);
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
    /* The dynamic block first, then the static one, which declares the
     * window_ attributes again: Gephi takes the first declaration (a
     * timeline attribute), graphology reads only the last block of each
     * class and refuses values it does not declare, networkx merges the
     * blocks with the last winning (so it, like graphology, sees one value
     * of each; NAME_by_window has them all). */
    if (dyn) {
        declare_dynamic(f, "node", net->node_cols, net->n_node_cols,
                        net->nnodes);
        declare_dynamic(f, "edge", net->edge_cols, net->n_edge_cols,
                        net->nedges);
    }
    declare(f, "node", net->node_cols, net->n_node_cols, net->nnodes, &skip,
            0, dyn);
    declare(f, "edge", net->edge_cols, net->n_edge_cols, net->nedges, NULL, 1,
            dyn);

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
        write_attvalues(f, net->node_cols, net->n_node_cols, i, &skip, NAN,
                        dyn);
        if (nspells)
            write_spells(f, nspells->str[i]);
        write_color(f, sg_export_node_rgb(net, i));
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
                        net->net[e], dyn);
        if (espells)
            write_spells(f, espells->str[e]);
        else if (first && last)
            write_span(f, first->str[e], last->str[e]);
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
