/* Export dispatch: format names, checks, and writing a network in one of
 * the formats through the atomic output (atomic.c). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output/export_internal.h"
#include "model/util.h"

static const char *const format_names[] = {"graphml", "dot", "gexf", "csv",
                                           "json"};

void sg_export_options_init(sg_export_options *opts)
{
    memset(opts, 0, sizeof *opts);
}

const char *sg_export_format_name(sg_export_format format)
{
    if ((unsigned)format < sizeof format_names / sizeof *format_names)
        return format_names[format];
    return "?";
}

int sg_export_format_parse(sg_export_format *out, const char *name)
{
    for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
        if (strcasecmp(name, format_names[i]) == 0) {
            *out = (sg_export_format)i;
            return 0;
        }
    if (strcasecmp(name, "gv") == 0) {
        *out = SG_EXPORT_DOT;
        return 0;
    }
    return sg_seterr(SG_EUSAGE,
                     "unknown format \"%s\": expected graphml, dot, gexf, csv "
                     "or json", name);
}

int sg_export_format_from_path(sg_export_format *out, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (dot && dot[1] && sg_export_format_parse(out, dot + 1) == 0)
        return 0;
    return sg_seterr(SG_EUSAGE,
                     "cannot tell the format from \"%s\": name it .graphml, "
                     ".dot, .gexf, .csv or .json, or give --format", path);
}

void sg_export_csv_paths(const char *path, char *nodes, char *edges)
{
    size_t n = strlen(path);
    if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
        n -= 4;
    sprintf(nodes, "%.*s.nodes.csv", (int)n, path);
    sprintf(edges, "%.*s.edges.csv", (int)n, path);
}

/* ---- dispatch ---- */

static const char *const display_names[] = {"GraphML", "DOT", "GEXF", "CSV",
                                            "JSON"};

static int write_format(FILE *f, const sg_network *net,
                        sg_export_format format, const sg_export_options *opts)
{
    switch (format) {
    case SG_EXPORT_GRAPHML: return sg_export_graphml_write(f, net, opts);
    case SG_EXPORT_DOT: return sg_export_dot_write(f, net, opts);
    case SG_EXPORT_GEXF: return sg_export_gexf_write(f, net, opts);
    case SG_EXPORT_JSON: return sg_export_json_write(f, net, opts);
    case SG_EXPORT_CSV: {
        int rc = sg_export_csv_write_nodes(f, net);
        if (!rc) {
            fputs("\n", f);
            rc = sg_export_csv_write_edges(f, net);
        }
        return rc;
    }
    }
    return sg_seterr(SG_EUSAGE, "unknown export format");
}

static int check(const sg_network *net, sg_export_format format, int strict,
                 sg_export_replaced *found)
{
    if ((unsigned)format > SG_EXPORT_JSON)
        return sg_seterr(SG_EUSAGE, "unknown export format");
    /* DOT counts as XML: Graphviz copies text into SVG unescaped. */
    int xml = format == SG_EXPORT_GRAPHML || format == SG_EXPORT_GEXF ||
              format == SG_EXPORT_DOT;
    return sg_export_check(net, xml, strict, display_names[format], found);
}

int sg_export_scan(sg_export_replaced *out, const sg_network *net,
                   sg_export_format format)
{
    return check(net, format, 0, out);
}

static int stream_checked(const sg_network *net, sg_export_format format,
                          const sg_export_options *opts, FILE *out,
                          const char *name)
{
    errno = 0;
    int rc = write_format(out, net, format, opts);
    if (rc)
        return rc;
    if (fflush(out) != 0 || ferror(out))
        return sg_export_io_error(name, errno);
    return 0;
}

int sg_export_stream(const sg_network *net, sg_export_format format,
                     const sg_export_options *opts, FILE *out)
{
    sg_export_options defaults;
    if (!opts) {
        sg_export_options_init(&defaults);
        opts = &defaults;
    }
    int rc = check(net, format, opts->strict, NULL);
    return rc ? rc : stream_checked(net, format, opts, out, "the output");
}

/* The two CSV tables into two files committed together. */
static int write_csv_files(const sg_network *net, const char *path)
{
    int rc;
    size_t size = strlen(path) + 12;
    char *names[2] = {malloc(size), malloc(size)};
    sg_output *outs[2] = {NULL, NULL};
    if (!names[0] || !names[1]) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    sg_export_csv_paths(path, names[0], names[1]);
    for (int i = 0; i < 2; i++) {
        if ((rc = sg_output_open(&outs[i], names[i])))
            goto cleanup;
        FILE *f = sg_output_stream(outs[i]);
        rc = i == 0 ? sg_export_csv_write_nodes(f, net)
                    : sg_export_csv_write_edges(f, net);
        if (rc)
            goto cleanup;
    }
    rc = sg_output_commit_all(outs, 2);
    outs[0] = outs[1] = NULL;

cleanup:
    sg_output_abort(outs[0]);
    sg_output_abort(outs[1]);
    free(names[0]);
    free(names[1]);
    return rc;
}

int sg_export_write(const sg_network *net, sg_export_format format,
                    const sg_export_options *opts, const char *path)
{
    sg_export_options defaults;
    if (!opts) {
        sg_export_options_init(&defaults);
        opts = &defaults;
    }
    int rc = check(net, format, opts->strict, NULL);
    if (rc)
        return rc;
    if (!path)
        return stream_checked(net, format, opts, stdout,
                              "standard output");
    if (format == SG_EXPORT_CSV)
        return write_csv_files(net, path);
    sg_output *o;
    if ((rc = sg_output_open(&o, path)))
        return rc;
    rc = write_format(sg_output_stream(o), net, format, opts);
    if (rc) {
        sg_output_abort(o);
        return rc;
    }
    return sg_output_commit(o);
}
