/* GraphML for Gephi, igraph, networkx and yEd.
 *
 * Gephi decides what a key means by its id before its attr.name: "d3" is
 * yEd's node label and "d7" its edge label, so keys here are "n<i>" and
 * "e<i>". Keys for="graph" are an error to Gephi, so the title goes into
 * <desc>. Gephi reads colour from int keys r, g, b and size from a key
 * named size; a column of one of those names wins over the computed one. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/export_internal.h"
#include "model/progress.h"
#include "model/util.h"

static const char *key_type(const sg_column *c, size_t rows)
{
    static const char *const names[5] = {"string", "double", "int", "long",
                                         "boolean"};
    return sg_export_type_name(c, rows, names);
}

static int has_any(const sg_network *net, sg_table table,
                   const char *const *names)
{
    for (; *names; names++)
        if (sg_network_column(net, table, *names))
            return 1;
    return 0;
}

static const char *const rgb_names[] = {"r", "g", "b", NULL};
static const char *const size_names[] = {"size", NULL};

/* Declare the columns of one table as keys <prefix><first>... */
static void declare_columns(FILE *f, const sg_column *cols, size_t ncols,
                            size_t rows, char prefix, size_t first)
{
    const char *domain = prefix == 'n' ? "node" : "edge";
    for (size_t i = 0; i < ncols; i++)
        fprintf(f,
                "  <key id=\"%c%zu\" for=\"%s\" attr.name=\"%s\" "
                "attr.type=\"%s\"/>\n",
                prefix, first + i, domain, cols[i].name,
                key_type(&cols[i], rows));
}

static void declare_extra(FILE *f, char prefix, size_t first,
                          const char *const *names, const char *type)
{
    const char *domain = prefix == 'n' ? "node" : "edge";
    for (size_t i = 0; names[i]; i++)
        fprintf(f,
                "  <key id=\"%c%zu\" for=\"%s\" attr.name=\"%s\" "
                "attr.type=\"%s\"/>\n",
                prefix, first + i, domain, names[i], type);
}

/* <data key="<prefix><key>">text</data>, without printf: this runs once
 * per value of large networks, so a short value that needs no escaping
 * goes out assembled, in one call. */
static void write_data(FILE *f, char prefix, size_t key, const char *text,
                       int escape)
{
    static const char open[] = "      <data key=\"", close[] = "</data>\n";
    char buf[SG_EXPORT_NUMBUF], line[160];
    const char *k = sg_export_number_text((double)key, buf);
    size_t klen = strlen(k), tlen = strlen(text);
    if (tlen <= 64 && (!escape || sg_export_xml_plain(text, 0))) {
        char *p = line;
        memcpy(p, open, sizeof open - 1);
        p += sizeof open - 1;
        *p++ = prefix;
        memcpy(p, k, klen);
        p += klen;
        *p++ = '"';
        *p++ = '>';
        memcpy(p, text, tlen);
        p += tlen;
        memcpy(p, close, sizeof close - 1);
        p += sizeof close - 1;
        fwrite(line, 1, (size_t)(p - line), f);
        return;
    }
    fputs(open, f);
    fputc(prefix, f);
    fputs(k, f);
    fputs("\">", f);
    if (escape)
        sg_export_xml_text(f, text, 0);
    else
        fputs(text, f);
    fputs(close, f);
}

static void write_columns(FILE *f, const sg_column *cols, size_t ncols,
                          size_t row, char prefix, size_t first)
{
    char buf[SG_EXPORT_NUMBUF];
    for (size_t i = 0; i < ncols; i++) {
        const char *v = sg_export_value(&cols[i], row, buf);
        if (v)
            write_data(f, prefix, first + i, v, cols[i].type == SG_COL_STRING);
    }
}

/* A computed number; left out when not finite. */
static void write_number(FILE *f, char prefix, size_t key, double x)
{
    char buf[SG_EXPORT_NUMBUF];
    const char *v = sg_export_number_text(x, buf);
    if (v)
        write_data(f, prefix, key, v, 0);
}

static void write_rgb(FILE *f, char prefix, size_t first, sg_rgb c)
{
    write_number(f, prefix, first, c.r);
    write_number(f, prefix, first + 1, c.g);
    write_number(f, prefix, first + 2, c.b);
}

int sg_export_graphml_write(FILE *f, const sg_network *net,
                            const sg_export_options *opts)
{
    (void)opts;
    double *sizes = sg_export_node_sizes(net);
    if (!sizes)
        return SG_ENOMEM;
    int node_rgb = !has_any(net, SG_NODES, rgb_names);
    int node_size = !has_any(net, SG_NODES, size_names);
    int edge_rgb = !has_any(net, SG_EDGES, rgb_names);

    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          f);
    declare_columns(f, net->node_cols, net->n_node_cols, net->nnodes, 'n', 0);
    size_t node_rgb_key = net->n_node_cols;
    size_t node_size_key = node_rgb_key + (node_rgb ? 3 : 0);
    if (node_rgb)
        declare_extra(f, 'n', node_rgb_key, rgb_names, "int");
    if (node_size)
        declare_extra(f, 'n', node_size_key, size_names, "double");
    /* Edge keys: e0 weight, e1 net, then the columns from e2. */
    static const char *const weight_names[] = {"weight", "net", NULL};
    declare_extra(f, 'e', 0, weight_names, "double");
    declare_columns(f, net->edge_cols, net->n_edge_cols, net->nedges, 'e', 2);
    size_t ek = 2 + net->n_edge_cols;
    if (edge_rgb)
        declare_extra(f, 'e', ek, rgb_names, "int");

    fputs("  <graph id=\"G\" edgedefault=\"undirected\">\n", f);
    if (net->title) {
        fputs("    <desc>", f);
        sg_export_xml_text(f, net->title, 0);
        fputs("</desc>\n", f);
    }
    for (size_t i = 0; i < net->nnodes; i++) {
        fputs("    <node id=\"", f);
        sg_export_xml_text(f, net->node_id[i], 1);
        fputs("\">\n", f);
        write_columns(f, net->node_cols, net->n_node_cols, i, 'n', 0);
        if (node_rgb)
            write_rgb(f, 'n', node_rgb_key, sg_export_node_rgb(net, i));
        if (node_size)
            write_number(f, 'n', node_size_key, sizes[i]);
        fputs("    </node>\n", f);
    }
    for (size_t e = 0; e < net->nedges; e++) {
        if ((e & 0xFFFFF) == 0) /* a bar for the writing of millions */
            sg_progress_note((double)e / (double)net->nedges);
        fputs("    <edge source=\"", f);
        sg_export_xml_text(f, net->node_id[net->edge_from[e]], 1);
        fputs("\" target=\"", f);
        sg_export_xml_text(f, net->node_id[net->edge_to[e]], 1);
        fputs("\">\n", f);
        write_number(f, 'e', 0, net->weight[e]);
        write_number(f, 'e', 1, net->net[e]);
        write_columns(f, net->edge_cols, net->n_edge_cols, e, 'e', 2);
        if (edge_rgb)
            write_rgb(f, 'e', ek, sg_export_tie_rgb(net->net[e]));
        fputs("    </edge>\n", f);
    }
    fputs("  </graph>\n</graphml>\n", f);
    free(sizes);
    return 0;
}
