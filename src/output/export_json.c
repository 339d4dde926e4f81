/* Node-link JSON, the form networkx's node_link_graph() and d3 read:
 * {"directed", "multigraph", "graph", "nodes": [{"id", ...}],
 *  "links": [{"source", "target", "weight", "net", ...}]}. One node or
 * link per line keeps files diffable. */
#include <math.h>

#include "output/export_internal.h"
#include "model/progress.h"
#include "model/util.h"

/* flag: the string goes inside an HTML <script> block. */
static const char *json_rep(unsigned char c, char *tmp, int flag)
{
    switch (c) {
    case '<': return flag ? "\\u003c" : NULL;
    case '>': return flag ? "\\u003e" : NULL;
    case '&': return flag ? "\\u0026" : NULL;
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    }
    if (c >= 0x20)
        return NULL;
    snprintf(tmp, 8, "\\u%04x", c);
    return tmp;
}

void sg_export_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    sg_export_escaped(f, s, json_rep, 0);
    fputc('"', f);
}

void sg_export_json_string_script(FILE *f, const char *s)
{
    char tmp[8];
    const char *run = s;
    fputc('"', f);
    for (; *s; s++) {
        const char *r;
        /* U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8. */
        if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
            ((unsigned char)s[2] == 0xA8 || (unsigned char)s[2] == 0xA9)) {
            r = (unsigned char)s[2] == 0xA8 ? "\\u2028" : "\\u2029";
            fwrite(run, 1, (size_t)(s - run), f);
            fputs(r, f);
            s += 2;
            run = s + 1;
            continue;
        }
        if (!(r = json_rep((unsigned char)*s, tmp, 1)))
            continue;
        fwrite(run, 1, (size_t)(s - run), f);
        fputs(r, f);
        run = s + 1;
    }
    fwrite(run, 1, (size_t)(s - run), f);
    fputc('"', f);
}

/* ,"name":value for each present value of a row. */
static void write_members(FILE *f, const sg_column *cols, size_t ncols,
                          size_t row)
{
    char buf[SG_EXPORT_NUMBUF];
    for (size_t i = 0; i < ncols; i++) {
        const char *v = sg_export_value(&cols[i], row, buf);
        if (!v)
            continue;
        fputs(", \"", f);
        fputs(cols[i].name, f);
        fputs("\": ", f);
        if (cols[i].type == SG_COL_STRING)
            sg_export_json_string(f, v);
        else
            fputs(v, f);
    }
}

static void write_number(FILE *f, const char *name, double x)
{
    char buf[SG_EXPORT_NUMBUF];
    const char *v = sg_export_number_text(x, buf);
    if (!v)
        return;
    fputs(", \"", f);
    fputs(name, f);
    fputs("\": ", f);
    fputs(v, f);
}

int sg_export_json_write(FILE *f, const sg_network *net,
                         const sg_export_options *opts)
{
    (void)opts;
    fprintf(f,
            "{\n  \"directed\": false,\n  \"multigraph\": false,\n"
            "  \"graph\": {\"network\": \"%s\"",
            sg_network_kind_name(net->kind));
    if (net->title) {
        fputs(", \"title\": ", f);
        sg_export_json_string(f, net->title);
    }
    fputs("},\n  \"nodes\": [", f);
    for (size_t i = 0; i < net->nnodes; i++) {
        fputs(i ? ",\n    {\"id\": " : "\n    {\"id\": ", f);
        sg_export_json_string(f, net->node_id[i]);
        write_members(f, net->node_cols, net->n_node_cols, i);
        fputc('}', f);
    }
    fputs(net->nnodes ? "\n  ],\n  \"links\": [" : "],\n  \"links\": [", f);
    for (size_t e = 0; e < net->nedges; e++) {
        if ((e & 0xFFFFF) == 0) /* a bar for the writing of millions */
            sg_progress_note((double)e / (double)net->nedges);
        fputs(e ? ",\n    {\"source\": " : "\n    {\"source\": ", f);
        sg_export_json_string(f, net->node_id[net->edge_from[e]]);
        fputs(", \"target\": ", f);
        sg_export_json_string(f, net->node_id[net->edge_to[e]]);
        write_number(f, "weight", net->weight[e]);
        write_number(f, "net", net->net[e]);
        write_members(f, net->edge_cols, net->n_edge_cols, e);
        fputc('}', f);
    }
    fputs(net->nedges ? "\n  ]\n}\n" : "]\n}\n", f);
    return 0;
}
