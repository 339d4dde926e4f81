/* stancegraph metrics: actor, proposal and graph metrics as a table, CSV,
 * TSV or JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"

static const char help[] =
    "usage: stancegraph metrics [options] FILE\n"
    "\n"
    "Find coalitions in FILE and print per-actor and per-proposal metrics,\n"
    "then figures of the whole network.\n"
    "\n"
    "Actors: coalition, stability (share of the consensus runs in which the\n"
    "actor sits with its coalition), statements (support, oppose),\n"
    "proposals they take a position on, positive_strength and\n"
    "negative_strength (summed |net| of their positive and negative ties),\n"
    "degree, betweenness (positive ties, distance 1/w) and pagerank. Proposals: coalition (the one backing it most),\n"
    "supporters and opponents (actors), support_weight, oppose_weight,\n"
    "controversy (0 consensus .. 1 evenly split among many), degree, betweenness in\n"
    "the two-mode network, and the coalitions that back or oppose it nearly\n"
    "unanimously (backed_by, opposed_by).\n"
    "\n"
    "The graph figures end with the Discourse Network Analyzer's\n"
    "polarization score (0..1) and the camps that reach it (CSV and JSON\n"
    "rows: polarization_camp); use --count statements --normalize average\n"
    "for DNA's weighting. Computed up to 500 actors unless --camps is given.\n"
    "\n"
    "Options:\n"
    "  --format F         table (default), csv, tsv or json\n"
    "  --sort COLUMN      sort each table by COLUMN, numbers descending and\n"
    "                     text ascending (default: betweenness, then id)\n"
    "  --top N            print only the first N rows of each table\n"
    "  --camps K          polarization camps, 2..64 (default 2)\n"
    CLI_ANALYSIS_OPTIONS_HELP
    "\n"
    "JSON output: {\"graph\": {...}, \"actors\": [...],\n"
    "\"proposals\": [...], \"party_votes\", \"groups\": [...]}; keys in a\n"
    "fixed order, missing values null.\n"
    "\n"
    "Exit status: 0 ok, 1 runtime failure, 2 usage error, 3 invalid input.\n";

/* Columns of each table after id and label. */
static const char *const actor_table[] = {
    "coalition",         "stability",         "statements", "support",
    "oppose",            "proposals",         "positive_strength",
    "negative_strength", "degree",            "betweenness",
    "pagerank",          "unity",             NULL};
static const char *const proposal_table[] = {
    "coalition",     "supporters",  "opponents", "support_weight",
    "oppose_weight", "controversy", "degree",    "betweenness",
    "backed_by",     "opposed_by",  NULL};
/* JSON objects and CSV rows carry more. */
static const char *const actor_json[] = {
    "type",        "group",     "coalition",         "stability",
    "statements",  "support",   "oppose",            "proposals",
    "positive_strength",        "negative_strength", "degree",
    "betweenness", "pagerank",  "polarization_camp", "unity", NULL};
static const char *const proposal_json[] = {
    "topic",         "coalition",   "statements", "support",
    "oppose",        "supporters",  "opponents",  "support_weight",
    "oppose_weight", "controversy", "degree",     "betweenness",
    "backed_by",     "opposed_by",  NULL};
static const char *const csv_columns[] = {
    "type",              "group",         "topic",
    "coalition",         "stability",     "statements",
    "support",           "oppose",        "proposals",
    "supporters",        "opponents",     "support_weight",
    "oppose_weight",     "controversy",   "positive_strength",
    "negative_strength", "degree",        "betweenness",
    "pagerank",          "backed_by",     "opposed_by",
    "polarization_camp", "unity",         NULL};

typedef enum { F_TABLE, F_CSV, F_TSV, F_JSON } format;

/* Rows of one table: node indices of a->stances. */
typedef struct {
    size_t *rows;
    size_t n;
    size_t total; /* rows before --top */
} table;

static const sg_network *sort_net;
static const sg_column *sort_col;

static int cmp_rows(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    const sg_column *c = sort_col;
    if (c && c->type == SG_COL_STRING) {
        const char *s = c->str[a], *t = c->str[b];
        if (s && t && strcmp(s, t))
            return strcmp(s, t);
        if (!s != !t)
            return s ? -1 : 1;
    } else if (c) {
        int ma = c->missing[a], mb = c->missing[b];
        if (ma != mb)
            return ma ? 1 : -1;
        if (!ma && c->num[a] != c->num[b])
            return c->num[a] > c->num[b] ? -1 : 1;
    }
    return strcmp(sort_net->node_id[a], sort_net->node_id[b]);
}

static int known_column(const char *name)
{
    if (!strcmp(name, "id") || !strcmp(name, "label"))
        return 1;
    for (size_t i = 0; csv_columns[i]; i++)
        if (!strcmp(name, csv_columns[i]))
            return 1;
    return 0;
}

static int listed(const char *const *cols, const char *name)
{
    for (size_t i = 0; cols[i]; i++)
        if (!strcmp(cols[i], name))
            return 1;
    return 0;
}

/* --sort must name a column that the chosen format prints, in the actor
 * table, the proposal table or both (attributes included): otherwise exit
 * 2 with the columns there are. */
static int check_sort(const cli_opts *o, const char *const *actor_cols,
                      const char *const *proposal_cols)
{
    const char *by = o->sort;
    if (!by || !strcmp(by, "id") || !strcmp(by, "label") ||
        listed(actor_cols, by) || listed(proposal_cols, by))
        return 0;
    fprintf(stderr,
            "stancegraph: --sort: no column '%s' in this output; %s id, label",
            by, proposal_cols != actor_cols ? "actors have" : "its columns are");
    for (size_t i = 0; actor_cols[i]; i++)
        fprintf(stderr, ", %s", actor_cols[i]);
    if (proposal_cols != actor_cols) {
        fputs("; proposals id, label", stderr);
        for (size_t i = 0; proposal_cols[i]; i++)
            fprintf(stderr, ", %s", proposal_cols[i]);
    }
    fputc('\n', stderr);
    fprintf(stderr, "Try 'stancegraph metrics --help'.\n");
    return EXIT_USAGE;
}

static int make_table(table *t, const sg_network *net, sg_node_kind kind,
                      const cli_opts *o)
{
    t->n = 0;
    t->rows = malloc((net->nnodes ? net->nnodes : 1) * sizeof *t->rows);
    if (!t->rows)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    for (size_t i = 0; i < net->nnodes; i++)
        if (net->node_kind[i] == kind)
            t->rows[t->n++] = i;
    const char *by = o->sort ? o->sort : "betweenness";
    sort_net = net;
    sort_col =
        strcmp(by, "id") == 0 ? NULL : sg_network_column(net, SG_NODES, by);
    qsort(t->rows, t->n, sizeof *t->rows, cmp_rows);
    t->total = t->n;
    if (o->top > 0 && (size_t)o->top < t->n)
        t->n = (size_t)o->top;
    return 0;
}

/* ---- table --------------------------------------------------------------- */

#define LABEL_WIDTH 40

#define width cli_text_width

/* Copy s, cut to `max` code points with a trailing ellipsis. */
static char *truncated(const char *s, size_t max)
{
    size_t keep = cli_cut_bytes(s, max), cut = s[keep] != 0;
    char *c = malloc(keep + (cut ? 4 : 1));
    if (!c)
        return NULL;
    memcpy(c, s, keep);
    memcpy(c + keep, cut ? "\xE2\x80\xA6" : "", cut ? 4 : 1);
    return c;
}

static char *cell_text(const sg_network *net, const char *name, size_t row)
{
    char buf[64];
    if (!strcmp(name, "id"))
        return truncated(net->node_id[row], LABEL_WIDTH);
    if (!strcmp(name, "label"))
        return truncated(cli_node_label(net, row), LABEL_WIDTH);
    const sg_column *c = sg_network_column(net, SG_NODES, name);
    if (c && c->type == SG_COL_STRING)
        return truncated(c->str[row] ? c->str[row] : "-", LABEL_WIDTH);
    if (!c || c->missing[row])
        snprintf(buf, sizeof buf, "-");
    else if (c->type == SG_COL_NUMBER)
        snprintf(buf, sizeof buf, "%.3f", c->num[row]);
    else
        snprintf(buf, sizeof buf, "%.0f", c->num[row]);
    return truncated(buf, sizeof buf);
}

static int print_table(const sg_network *net, const table *t, const char *title,
                       const char *const *cols)
{
    size_t ncols = 2;
    while (cols[ncols - 2])
        ncols++;
    char **cells = calloc((t->n + 1) * ncols, sizeof *cells);
    size_t *w = calloc(ncols, sizeof *w);
    int rc = EXIT_OK;
    if (!cells || !w) {
        rc = cli_fail(EXIT_RUNTIME, "out of memory");
        goto cleanup;
    }
    for (size_t j = 0; j < ncols; j++) {
        const char *name = j == 0 ? "id" : j == 1 ? "label" : cols[j - 2];
        cells[j] = truncated(name, LABEL_WIDTH);
        for (size_t r = 0; r < t->n; r++)
            cells[(r + 1) * ncols + j] = cell_text(net, name, t->rows[r]);
    }
    for (size_t k = 0; k < (t->n + 1) * ncols; k++) {
        if (!cells[k]) {
            rc = cli_fail(EXIT_RUNTIME, "out of memory");
            goto cleanup;
        }
        if (width(cells[k]) > w[k % ncols])
            w[k % ncols] = width(cells[k]);
    }
    if (t->n < t->total)
        printf("%s (%zu of %zu: --top %zu)\n", title, t->n, t->total, t->n);
    else
        printf("%s (%zu)\n", title, t->n);
    for (size_t r = 0; r <= t->n; r++) {
        for (size_t j = 0; j < ncols; j++) {
            const char *s = cells[r * ncols + j];
            const sg_column *c =
                j < 2 ? NULL : sg_network_column(net, SG_NODES, cols[j - 2]);
            int right = c && c->type != SG_COL_STRING;
            size_t pad = w[j] - width(s);
            int last = j + 1 == ncols;
            if (right)
                printf("%*s%s", (int)pad, "", s);
            else
                printf("%s%*s", s, last ? 0 : (int)pad, "");
            fputs(last ? "\n" : "  ", stdout);
        }
    }
    putchar('\n');

cleanup:
    for (size_t k = 0; cells && k < (t->n + 1) * ncols; k++)
        free(cells[k]);
    free(cells);
    free(w);
    return rc;
}

/* ---- actor attributes ----------------------------------------------------- */

/* `base` followed by the node columns that carry the corpus's actor
 * attributes (party, state, ...), NULL-terminated; the names point into
 * `net` or `base`. NULL on allocation failure. */
static const char **with_attributes(const char *const *base,
                                    const sg_corpus *c, const sg_network *net)
{
    size_t nb = 0;
    while (base[nb])
        nb++;
    const char **out = calloc(nb + c->nactor_keys + 1, sizeof *out);
    if (!out)
        return NULL;
    memcpy(out, base, nb * sizeof *out);
    size_t n = nb;
    for (size_t k = 0; k < c->nactor_keys; k++) {
        /* The network names the column as exports do: the plain name,
         * prefixed attr_ when it is a built-in. */
        char name[128];
        if (cli_attribute_name(name, sizeof name, c->actor_keys[k].name))
            continue;
        const sg_column *col = sg_network_column(net, SG_NODES, name + 5);
        int builtin = 0;
        for (size_t b = 0; base[b] && col; b++)
            builtin |= !strcmp(base[b], name + 5);
        if (!col || builtin || known_column(name + 5))
            col = sg_network_column(net, SG_NODES, name);
        if (col)
            out[n++] = col->name;
    }
    return out;
}

/* ---- CSV, TSV, JSON ---------------------------------------------------- */

static void put_value(const sg_network *net, const char *name, size_t row,
                      format f)
{
    char sep = f == F_TSV ? '\t' : ',';
    const sg_column *c = sg_network_column(net, SG_NODES, name);
    if (!c) {
        if (f == F_JSON)
            fputs("null", stdout);
    } else if (c->type == SG_COL_STRING) {
        if (f == F_JSON)
            cli_put_json_string(stdout, c->str[row]);
        else
            cli_put_field(stdout, c->str[row], sep);
    } else if (c->missing[row]) {
        if (f == F_JSON)
            fputs("null", stdout);
    } else {
        cli_put_number(stdout, c->num[row], f == F_JSON ? "null" : "");
    }
}

static void print_csv(const sg_network *net, const table *t, format f,
                      int header, const char *const *cols)
{
    char sep = f == F_TSV ? '\t' : ',';
    if (header) {
        printf("kind%cid%clabel", sep, sep);
        for (size_t j = 0; cols[j]; j++)
            printf("%c%s", sep, cols[j]);
        putchar('\n');
    }
    for (size_t r = 0; r < t->n; r++) {
        size_t i = t->rows[r];
        fputs(net->node_kind[i] == SG_ACTOR ? "actor" : "proposal", stdout);
        putchar(sep);
        cli_put_field(stdout, net->node_id[i], sep);
        putchar(sep);
        cli_put_field(stdout, cli_node_label(net, i), sep);
        for (size_t j = 0; cols[j]; j++) {
            putchar(sep);
            put_value(net, cols[j], i, f);
        }
        putchar('\n');
    }
}

static void print_json_rows(const sg_network *net, const table *t,
                            const char *const *cols)
{
    fputs("[", stdout);
    for (size_t r = 0; r < t->n; r++) {
        size_t i = t->rows[r];
        fputs(r ? ",\n    {\"id\": " : "\n    {\"id\": ", stdout);
        cli_put_json_string(stdout, net->node_id[i]);
        fputs(", \"label\": ", stdout);
        cli_put_json_string(stdout, cli_node_label(net, i));
        for (size_t j = 0; cols[j]; j++) {
            printf(", \"%s\": ", cols[j]);
            put_value(net, cols[j], i, F_JSON);
        }
        fputc('}', stdout);
    }
    fputs(t->n ? "\n  ]" : "]", stdout);
}

static int parse_format(format *f, const cli_opts *o)
{
    static const char *const names[] = {"table", "csv", "tsv", "json"};
    *f = F_TABLE;
    if (!o->format)
        return 0;
    for (int i = 0; i < 4; i++)
        if (strcmp(o->format, names[i]) == 0) {
            *f = (format)i;
            return 0;
        }
    return cli_usage_error("metrics",
                           "--format: expected table, csv, tsv "
                           "or json, not '%s'",
                           o->format);
}

int cmd_metrics(int argc, char **argv)
{
    cli_opts o;
    cli_analysis x;
    table actors = {0}, proposals = {0};
    format f;
    sg_rollcall *roll = NULL;
    const char **a_table = NULL, **a_json = NULL, **a_csv = NULL;
    memset(&x, 0, sizeof x);
    int rc = cli_parse(&o, "metrics",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_FORMAT |
                           OPT_TABLE | OPT_QUIET | OPT_POLAR,
                       help, argc, argv);
    if (rc < 0) {
        rc = EXIT_OK;
        goto cleanup;
    }
    if (!rc)
        rc = parse_format(&f, &o);
    if (!rc)
        rc = cli_analyse(&x, &o);
    if (!rc)
        rc = cli_polarize(&x, &o);
    if (rc)
        goto cleanup;
    /* Party unity by the actors' group: a roll-call measure that every
     * format shows as the column unity. */
    int src = sg_rollcall_run(&roll, x.corpus, &o.net, NULL);
    if (!src)
        src = sg_rollcall_annotate(x.a->stances, roll);
    if (src) {
        rc = cli_fail_sg(src);
        goto cleanup;
    }
    const sg_network *net = x.a->stances;
    a_table = with_attributes(actor_table, x.corpus, net);
    a_json = with_attributes(actor_json, x.corpus, net);
    a_csv = with_attributes(csv_columns, x.corpus, net);
    if (!a_table || !a_json || !a_csv) {
        rc = cli_fail(EXIT_RUNTIME, "out of memory");
        goto cleanup;
    }
    if (f == F_TABLE)
        rc = check_sort(&o, a_table, proposal_table);
    else if (f == F_JSON)
        rc = check_sort(&o, a_json, proposal_json);
    else
        rc = check_sort(&o, a_csv, a_csv);
    if (rc)
        goto cleanup;
    if ((rc = make_table(&actors, net, SG_ACTOR, &o)) ||
        (rc = make_table(&proposals, net, SG_PROPOSAL, &o)))
        goto cleanup;
    switch (f) {
    case F_TABLE:
        if ((rc = print_table(net, &actors, "Actors", a_table)) ||
            (rc = print_table(net, &proposals, "Proposals", proposal_table)) ||
            (rc = cli_print_groups_text(&x, roll, 0,
                                        "metrics --format json lists them",
                                        "", "\n")))
            goto cleanup;
        cli_print_graph_text(stdout, &x);
        break;
    case F_CSV:
    case F_TSV:
        print_csv(net, &actors, f, 1, a_csv);
        print_csv(net, &proposals, f, 0, a_csv);
        break;
    case F_JSON:
        fputs("{\n  \"graph\": ", stdout);
        cli_print_graph_json(stdout, &x);
        fputs(",\n  \"actors\": ", stdout);
        print_json_rows(net, &actors, a_json);
        fputs(",\n  \"proposals\": ", stdout);
        print_json_rows(net, &proposals, proposal_json);
        if ((rc = cli_print_groups_json(&x, roll)))
            goto cleanup;
        fputs("\n}\n", stdout);
        break;
    }
    if (fflush(stdout) || ferror(stdout))
        rc = cli_fail(EXIT_RUNTIME, "cannot write to standard output");

cleanup:
    free(actors.rows);
    free(proposals.rows);
    free(a_table);
    free(a_json);
    free(a_csv);
    sg_rollcall_free(roll);
    cli_analysis_free(&x);
    cli_opts_free(&o);
    return rc;
}
