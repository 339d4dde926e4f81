/* Nodes and edges tables in the shape Gephi's spreadsheet import expects
 * (nodes: Id, Label, ...; edges: Source, Target, Type, Weight, ...), RFC
 * 4180 quoting, LF line ends throughout. A missing value is an empty field;
 * an empty string is written "" so that readers that care can tell. */
#include <math.h>
#include <string.h>

#include "output/export_internal.h"
#include "model/progress.h"
#include "model/util.h"

static const char *csv_rep(unsigned char c, char *tmp, int flag)
{
    (void)tmp;
    (void)flag;
    return c == '"' ? "\"\"" : NULL;
}

void sg_export_csv_field(FILE *f, const char *s)
{
    size_t n = strlen(s);
    int quote = n == 0 || s[0] == ' ' || s[n - 1] == ' ' ||
                strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    sg_export_escaped(f, s, csv_rep, 0);
    fputc('"', f);
}

static void write_cells(FILE *f, const sg_column *cols, size_t ncols,
                        size_t row, const sg_column *skip)
{
    char buf[SG_EXPORT_NUMBUF];
    for (size_t i = 0; i < ncols; i++) {
        if (&cols[i] == skip)
            continue;
        fputc(',', f);
        const char *v = sg_export_value(&cols[i], row, buf);
        if (v && cols[i].type == SG_COL_STRING)
            sg_export_csv_field(f, v);
        else if (v)
            fputs(v, f);
    }
}

static void write_header(FILE *f, const sg_column *cols, size_t ncols,
                         const sg_column *skip)
{
    for (size_t i = 0; i < ncols; i++)
        if (&cols[i] != skip)
            fprintf(f, ",%s", cols[i].name);
    fputc('\n', f);
}

static void write_number(FILE *f, double x)
{
    char buf[SG_EXPORT_NUMBUF];
    const char *v = sg_export_number_text(x, buf);
    fputc(',', f);
    if (v)
        fputs(v, f);
}

int sg_export_csv_write_nodes(FILE *f, const sg_network *net)
{
    /* The label column is the Label field, not a column of its own. */
    const sg_column *label = sg_network_column(net, SG_NODES, "label");
    if (label && label->type != SG_COL_STRING)
        label = NULL;
    fputs("Id,Label", f);
    write_header(f, net->node_cols, net->n_node_cols, label);
    for (size_t i = 0; i < net->nnodes; i++) {
        sg_export_csv_field(f, net->node_id[i]);
        fputc(',', f);
        if (label && label->str[i])
            sg_export_csv_field(f, label->str[i]);
        write_cells(f, net->node_cols, net->n_node_cols, i, label);
        fputc('\n', f);
    }
    return 0;
}

int sg_export_csv_write_edges(FILE *f, const sg_network *net)
{
    fputs("Source,Target,Type,Weight,net", f);
    write_header(f, net->edge_cols, net->n_edge_cols, NULL);
    for (size_t e = 0; e < net->nedges; e++) {
        if ((e & 0xFFFFF) == 0) /* a bar for the writing of millions */
            sg_progress_note((double)e / (double)net->nedges);
        sg_export_csv_field(f, net->node_id[net->edge_from[e]]);
        fputc(',', f);
        sg_export_csv_field(f, net->node_id[net->edge_to[e]]);
        fputs(",Undirected", f);
        write_number(f, net->weight[e]);
        write_number(f, net->net[e]);
        write_cells(f, net->edge_cols, net->n_edge_cols, e, NULL);
        fputc('\n', f);
    }
    return 0;
}
