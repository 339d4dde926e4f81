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

/* The opening "      <data key=\"<prefix><key>\">" of every key, made
 * once: the values below run once per tie of networks with millions. */
typedef struct {
    char text[48];
    size_t len;
} data_open;

static void data_open_make(data_open *d, char prefix, size_t key)
{
    char buf[SG_EXPORT_NUMBUF];
    d->len = (size_t)snprintf(d->text, sizeof d->text,
                              "      <data key=\"%c%s\">", prefix,
                              sg_export_number_text((double)key, buf));
}

/* <data key="...">text</data>, escaped when asked and needed. */
static void write_data(sg_outbuf *b, const data_open *d, const char *text,
                       int escape)
{
    static const char close[] = "</data>\n";
    sg_outbuf_put(b, d->text, d->len);
    if (escape && !sg_export_xml_plain(text, 0)) {
        sg_outbuf_flush(b);
        sg_export_xml_text(b->f, text, 0);
    } else {
        sg_outbuf_puts(b, text);
    }
    sg_outbuf_put(b, close, sizeof close - 1);
}

static void write_columns(sg_outbuf *b, const sg_column *cols, size_t ncols,
                          size_t row, const data_open *keys)
{
    char buf[SG_EXPORT_NUMBUF];
    for (size_t i = 0; i < ncols; i++) {
        const char *v = sg_export_value(&cols[i], row, buf);
        if (v)
            write_data(b, &keys[i], v, cols[i].type == SG_COL_STRING);
    }
}

/* A computed number; left out when not finite. */
static void write_number(sg_outbuf *b, const data_open *d, double x)
{
    char buf[SG_EXPORT_NUMBUF];
    const char *v = sg_export_number_text(x, buf);
    if (v)
        write_data(b, d, v, 0);
}

static void write_rgb(sg_outbuf *b, const data_open *d, sg_rgb c)
{
    write_number(b, &d[0], c.r);
    write_number(b, &d[1], c.g);
    write_number(b, &d[2], c.b);
}

/* Every node id as an attribute value, escaped once, into one block:
 * node i's text at text + start[i], start[i + 1] - start[i] bytes. */
typedef struct {
    char *text;
    size_t *start;
} id_texts;

static int id_texts_make(id_texts *ids, const sg_network *net)
{
    size_t size = 0;
    ids->text = NULL;
    ids->start = calloc(net->nnodes + 1, sizeof *ids->start);
    FILE *m = ids->start ? open_memstream(&ids->text, &size) : NULL;
    if (!m)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (size_t i = 0; i < net->nnodes; i++) {
        sg_export_xml_text(m, net->node_id[i], 1);
        long at = ftell(m);
        ids->start[i + 1] = at < 0 ? 0 : (size_t)at;
    }
    int bad = ferror(m);
    if (fclose(m) != 0 || bad)
        return sg_seterr(SG_ENOMEM, "out of memory");
    return 0;
}

static void id_texts_free(id_texts *ids)
{
    free(ids->text);
    free(ids->start);
}

int sg_export_graphml_write(FILE *f, const sg_network *net,
                            const sg_export_options *opts)
{
    (void)opts;
    double *sizes = sg_export_node_sizes(net);
    if (!sizes)
        return SG_ENOMEM;
    id_texts ids = {0};
    sg_outbuf *b = malloc(sizeof *b);
    data_open *node_keys = calloc(net->n_node_cols + 4, sizeof *node_keys);
    data_open *edge_keys = calloc(net->n_edge_cols + 5, sizeof *edge_keys);
    int rc = SG_ENOMEM;
    if (!b || !node_keys || !edge_keys) {
        sg_seterr(rc, "out of memory");
        goto cleanup;
    }
    if ((rc = id_texts_make(&ids, net)))
        goto cleanup;
    b->f = f;
    b->len = 0;
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
    for (size_t i = 0; i < net->n_node_cols; i++)
        data_open_make(&node_keys[i], 'n', i);
    for (size_t i = 0; i < 4; i++)
        data_open_make(&node_keys[net->n_node_cols + i], 'n', node_rgb_key + i);
    for (size_t i = 0; i < 2 + net->n_edge_cols + 3; i++)
        data_open_make(&edge_keys[i], 'e', i);
    for (size_t i = 0; i < net->nnodes; i++) {
        static const char open[] = "    <node id=\"", end[] = "\">\n",
                          close[] = "    </node>\n";
        sg_outbuf_put(b, open, sizeof open - 1);
        sg_outbuf_put(b, ids.text + ids.start[i], ids.start[i + 1] - ids.start[i]);
        sg_outbuf_put(b, end, sizeof end - 1);
        write_columns(b, net->node_cols, net->n_node_cols, i, node_keys);
        if (node_rgb)
            write_rgb(b, &node_keys[net->n_node_cols],
                      sg_export_node_rgb(net, i));
        if (node_size)
            write_number(b, &node_keys[net->n_node_cols + (node_rgb ? 3 : 0)],
                         sizes[i]);
        sg_outbuf_put(b, close, sizeof close - 1);
    }
    for (size_t e = 0; e < net->nedges; e++) {
        static const char open[] = "    <edge source=\"",
                          mid[] = "\" target=\"", end[] = "\">\n",
                          close[] = "    </edge>\n";
        uint32_t from = net->edge_from[e], to = net->edge_to[e];
        if ((e & 0xFFFFF) == 0) /* a bar for the writing of millions */
            sg_progress_note((double)e / (double)net->nedges);
        sg_outbuf_put(b, open, sizeof open - 1);
        sg_outbuf_put(b, ids.text + ids.start[from],
                      ids.start[from + 1] - ids.start[from]);
        sg_outbuf_put(b, mid, sizeof mid - 1);
        sg_outbuf_put(b, ids.text + ids.start[to],
                      ids.start[to + 1] - ids.start[to]);
        sg_outbuf_put(b, end, sizeof end - 1);
        write_number(b, &edge_keys[0], net->weight[e]);
        write_number(b, &edge_keys[1], net->net[e]);
        write_columns(b, net->edge_cols, net->n_edge_cols, e, &edge_keys[2]);
        if (edge_rgb)
            write_rgb(b, &edge_keys[ek], sg_export_tie_rgb(net->net[e]));
        sg_outbuf_put(b, close, sizeof close - 1);
    }
    sg_outbuf_flush(b);
    fputs("  </graph>\n</graphml>\n", f);
    rc = 0;

cleanup:
    id_texts_free(&ids);
    free(node_keys);
    free(edge_keys);
    free(b);
    free(sizes);
    return rc;
}
