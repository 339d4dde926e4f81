/* Shared by the metrics and coalitions commands. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"

int cli_analyse(cli_analysis *x, const cli_opts *o)
{
    /* Metrics and coalitions never show quotes or notes. */
    return cli_analyse_text(x, o, 0);
}

int cli_analyse_text(cli_analysis *x, const cli_opts *o, int keep_text)
{
    int rc;
    memset(x, 0, sizeof *x);
    if ((rc = cli_load(&x->corpus, o, keep_text)))
        return rc;
    sg_coalition_options copts = cli_coalition_options(o);
    int sg = sg_analysis_run(&x->a, x->corpus, &o->net, &copts);
    if (sg)
        return cli_fail_sg(sg);
    sg_network_kind kind = o->network_given ? o->net.kind : SG_NET_ACTORS;
    if (kind == SG_NET_ACTORS) {
        x->net = x->a->actors;
        x->graph = x->a->graph;
        return EXIT_OK;
    }
    if (kind == SG_NET_STANCES) {
        x->net = x->a->stances;
    } else {
        sg_network_options nopts = o->net;
        nopts.kind = kind;
        cli_progress(o, "building the network");
        if ((sg = sg_network_build(&x->own, x->corpus, &nopts)) ||
            (sg = sg_analysis_annotate(x->own, x->a)))
            return cli_fail_sg(sg);
        x->net = x->own;
    }
    sg = sg_analysis_graph_metrics(&x->graph, x->net, x->a);
    return sg ? cli_fail_sg(sg) : EXIT_OK;
}

int cli_polarize(cli_analysis *x, const cli_opts *o)
{
    x->polar_wanted = 1;
    size_t actors = 0;
    const sg_network *st = x->a->stances;
    for (size_t i = 0; i < st->nnodes; i++)
        actors += st->node_kind[i] == SG_ACTOR;
    if (!o->camps && actors > CLI_POLAR_AUTO_ACTORS) {
        x->polar_actors = actors;
        return EXIT_OK;
    }
    sg_polarization_options po;
    sg_polarization_options_init(&po);
    if (o->camps)
        po.camps = o->camps;
    cli_progress(o, "polarization");
    int sg = sg_polarization_compute(&x->polar, x->corpus, &o->net, &po);
    if (!sg)
        sg = sg_polarization_annotate(x->a->stances, x->polar);
    return sg ? cli_fail_sg(sg) : EXIT_OK;
}

void cli_analysis_free(cli_analysis *x)
{
    sg_polarization_free(x->polar);
    sg_network_free(x->own);
    sg_analysis_free(x->a);
    sg_corpus_free(x->corpus);
    memset(x, 0, sizeof *x);
}

size_t cli_text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

size_t cli_cut_bytes(const char *s, size_t max)
{
    if (cli_text_width(s) <= max)
        return strlen(s);
    size_t i = 0;
    for (size_t w = 0; s[i] && w + 1 < max; w++)
        do
            i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

size_t cli_put_cut(FILE *f, const char *s, size_t max)
{
    size_t keep = cli_cut_bytes(s, max);
    fwrite(s, 1, keep, f);
    if (s[keep]) {
        fputs("\xE2\x80\xA6", f);
        return cli_text_width(s) > max ? max : cli_text_width(s);
    }
    return cli_text_width(s);
}

int cli_attribute_name(char *out, size_t size, const char *key)
{
    size_t len = strlen(key);
    if (len + 6 > size)
        return -1;
    memcpy(out, "attr_", 5);
    for (size_t i = 0; i <= len; i++) {
        char ch = key[i];
        int ok = !ch || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                 (ch >= '0' && ch <= '9') || ch == '_';
        out[5 + i] = ok ? ch : '_';
    }
    return 0;
}

const char *cli_node_label(const sg_network *net, size_t i)
{
    const sg_column *c = sg_network_column(net, SG_NODES, "label");
    return c && c->str[i] ? c->str[i] : net->node_id[i];
}

void cli_put_field(FILE *f, const char *s, char sep)
{
    if (!s)
        return;
    if (sep == '\t') {
        for (; *s; s++)
            fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
        return;
    }
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void cli_put_json_string(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void cli_format_number(char *buf, size_t size, double x)
{
    /* The shortest of %.15g, %.16g and %.17g that reads back exactly. */
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
}

void cli_put_number(FILE *f, double x, const char *nan_text)
{
    char buf[40];
    if (!isfinite(x)) {
        fputs(nan_text, f);
        return;
    }
    cli_format_number(buf, sizeof buf, x);
    fputs(buf, f);
}

/* "consensus of 10 runs" or "method leiden", for the headline. */
void cli_method_text(char *buf, size_t size, const sg_analysis *a)
{
    if (a->runs > 1 && a->method == SG_METHOD_AUTO)
        snprintf(buf, size, "consensus of %zu runs", a->runs);
    else if (a->runs > 1)
        snprintf(buf, size, "consensus of %zu %s runs", a->runs,
                 sg_method_name(a->method));
    else
        snprintf(buf, size, "method %s", sg_method_name(a->method));
}

/* Fixed three decimals for text; "n/a" for NaN. */
static void put_fixed(FILE *f, double x)
{
    if (isnan(x))
        fputs("n/a", f);
    else
        fprintf(f, "%.3f", x);
}

/* The label of actor `id`, which the analysis network knows. */
static const char *actor_label(const cli_analysis *x, const char *id)
{
    long v = sg_network_find_node(x->a->stances, id);
    return v < 0 ? id : cli_node_label(x->a->stances, (size_t)v);
}

static void print_polarization_text(FILE *f, const cli_analysis *x)
{
    const sg_polarization *p = x->polar;
    fputs("  polarization ", f);
    if (!p) {
        fprintf(f,
                "not computed (%zu actors; metrics computes it up to %d, "
                "or with --camps)\n",
                x->polar_actors, CLI_POLAR_AUTO_ACTORS);
        return;
    }
    if (!p->defined) {
        fprintf(f, "%s\n",
                p->nactors <= p->camps
                    ? "0 (undefined: no more actors than camps)"
                    : "0 (undefined: no congruence or conflict ties)");
        return;
    }
    fprintf(f, "%.3f (DNA's score, %zu camps; ", p->score, p->camps);
    if (p->exact && p->optima > 1)
        fprintf(f, "exact: %zu of %.0f partitions reach it)\n", p->optima,
                p->partitions);
    else if (p->exact)
        fprintf(f, "exact: the best of %.0f partitions)\n", p->partitions);
    else
        fprintf(f,
                "local search: %zu of %zu restarts reached it, of %.3g "
                "partitions)\n",
                p->hits, p->restarts, p->partitions);
    for (uint32_t c = 1; c <= p->camps; c++) {
        fprintf(f, "    camp %u:", (unsigned)c);
        const char *sep = " ";
        for (size_t i = 0; i < p->nactors; i++)
            if (p->camp[i] == c) {
                fprintf(f, "%s%s", sep, actor_label(x, p->actor[i]));
                sep = ", ";
            }
        fputc('\n', f);
    }
}

void cli_print_graph_text(FILE *f, const cli_analysis *x)
{
    const sg_graph_metrics *g = &x->graph;
    fprintf(f, "Graph (%s network)\n", sg_network_kind_name(x->net->kind));
    fprintf(f, "  nodes        %zu\n", g->nodes);
    fprintf(f, "  edges        %zu (%zu positive, %zu negative", g->edges,
            g->positive, g->negative);
    if (g->ambivalent)
        fprintf(f, ", %zu ambivalent", g->ambivalent);
    fputs(")\n", f);
    fputs("  density      ", f);
    put_fixed(f, g->density);
    char method[64];
    cli_method_text(method, sizeof method, x->a);
    fprintf(f, "\n  coalitions   %zu (%s, seed %lu)\n", g->coalitions, method,
            x->a->seed);
    if (!isnan(x->a->stability_mean)) {
        size_t unstable = 0;
        for (size_t c = 0; c < x->a->ncoalitions; c++)
            unstable += x->a->coalitions[c].nunstable;
        fprintf(f, "  stability    %.3f (%zu unstable actor%s)\n",
                x->a->stability_mean, unstable, unstable == 1 ? "" : "s");
    }
    fputs("  modularity   ", f);
    put_fixed(f, g->modularity);
    fputs("\n  balance      ", f);
    put_fixed(f, g->balance);
    fprintf(f, " (%zu triangles)\n  frustration  ", g->triangles);
    put_fixed(f, g->frustration);
    fprintf(f, " (%zu violating ties)\n", g->violations);
    if (x->polar_wanted)
        print_polarization_text(f, x);
    if (x->a->notes)
        fprintf(f, "  notes        %s\n", x->a->notes);
}

/* null when not computed; the camps as lists of actor ids. */
static void print_polarization_json(FILE *f, const sg_polarization *p)
{
    if (!p) {
        fputs("null", f);
        return;
    }
    fputs("{\"score\": ", f);
    cli_put_number(f, p->score, "null");
    fputs(", \"raw\": ", f);
    cli_put_number(f, p->raw, "null");
    fprintf(f, ", \"camps\": %zu, \"defined\": %s, \"exact\": %s, "
               "\"partitions\": ",
            p->camps, p->defined ? "true" : "false",
            p->exact ? "true" : "false");
    cli_put_number(f, p->partitions, "null");
    fprintf(f,
            ", \"optima\": %zu, \"restarts\": %zu, \"hits\": %zu, "
            "\"congruence_norm\": ",
            p->optima, p->restarts, p->hits);
    cli_put_number(f, p->congruence_norm, "null");
    fputs(", \"conflict_norm\": ", f);
    cli_put_number(f, p->conflict_norm, "null");
    fputs(", \"partition\": [", f);
    for (uint32_t c = 1; p->defined && c <= p->camps; c++) {
        fputs(c > 1 ? ", [" : "[", f);
        const char *sep = "";
        for (size_t i = 0; i < p->nactors; i++)
            if (p->camp[i] == c) {
                fputs(sep, f);
                cli_put_json_string(f, p->actor[i]);
                sep = ", ";
            }
        fputc(']', f);
    }
    fputs("]}", f);
}

void cli_print_graph_json(FILE *f, const cli_analysis *x)
{
    const sg_graph_metrics *g = &x->graph;
    fputs("{\"network\": ", f);
    cli_put_json_string(f, sg_network_kind_name(x->net->kind));
    fprintf(f,
            ", \"nodes\": %zu, \"edges\": %zu, \"positive\": %zu, "
            "\"negative\": %zu, \"ambivalent\": %zu, \"density\": ",
            g->nodes, g->edges, g->positive, g->negative, g->ambivalent);
    cli_put_number(f, g->density, "null");
    fprintf(f, ", \"coalitions\": %zu, \"method\": ", g->coalitions);
    cli_put_json_string(f, sg_method_name(x->a->method));
    fprintf(f, ", \"seed\": %lu, \"runs\": %zu, \"stability\": ", x->a->seed,
            x->a->runs);
    cli_put_number(f, x->a->stability_mean, "null");
    fprintf(f, ", \"clear\": %s, \"modularity\": ",
            x->a->unclear ? "false" : "true");
    cli_put_number(f, g->modularity, "null");
    fprintf(f, ", \"triangles\": %zu, \"balance\": ", g->triangles);
    cli_put_number(f, g->balance, "null");
    fputs(", \"frustration\": ", f);
    cli_put_number(f, g->frustration, "null");
    fprintf(f, ", \"violations\": %zu, ", g->violations);
    if (x->polar_wanted) {
        fputs("\"polarization\": ", f);
        print_polarization_json(f, x->polar);
        fputs(", ", f);
    }
    fputs("\"notes\": ", f);
    cli_put_json_string(f, x->a->notes);
    fputc('}', f);
}

/* ---- roll-call measures by group ----------------------------------------- */

/* Order of group g's split proposals (at least two members on the losing
 * side, at least a quarter of its votes): lowest Rice first, then input
 * order. */
static const sg_rollcall *split_roll;
static size_t split_group;

static int cmp_split(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    const double *rice = split_roll->rice + split_group * split_roll->nproposals;
    if (rice[a] != rice[b])
        return rice[a] < rice[b] ? -1 : 1;
    return (a > b) - (a < b);
}

/* The proposals that split group g, most divided first; *out is
 * malloc'ed (NULL and 0 when there are none). -1 when out of memory. */
static int group_splits(size_t **out, size_t *n, const sg_rollcall *r,
                        size_t g)
{
    size_t np = r->nproposals;
    *out = NULL;
    *n = 0;
    for (size_t j = 0; j < np; j++) {
        size_t y = r->yea[g * np + j], no = r->nay[g * np + j];
        size_t lo = y < no ? y : no;
        if (lo < 2 || 4 * lo < y + no)
            continue;
        if (!*out && !(*out = malloc(np * sizeof **out)))
            return -1;
        (*out)[(*n)++] = j;
    }
    split_roll = r;
    split_group = g;
    if (*n)
        qsort(*out, *n, sizeof **out, cmp_split);
    return 0;
}

size_t cli_group_sizes(size_t *size, const sg_rollcall *r)
{
    size_t big = 0;
    for (size_t i = 0; i < r->nactors; i++)
        if (r->actor_group[i] >= 0 && ++size[r->actor_group[i]] == 2)
            big++;
    return big;
}

int cli_next_group(long *g, size_t **split, size_t *nsplit,
                   const size_t *size, const sg_rollcall *r)
{
    while (++*g < (long)r->ngroups) {
        if (size[*g] < 2)
            continue;
        free(*split);
        return group_splits(split, nsplit, r, (size_t)*g) ? -1 : 1;
    }
    return 0;
}

/* Split proposals a group lists in text unless `all`, and the columns a
 * label may take there. */
#define GROUP_SPLITS 3
#define GROUP_LABEL_WIDTH 60

int cli_print_groups_text(const cli_analysis *x, const sg_rollcall *r,
                          int all, const char *hint, const char *before,
                          const char *after)
{
    size_t *size = calloc(r->ngroups ? r->ngroups : 1, sizeof *size);
    size_t *split = NULL, nsplit = 0;
    int rc = EXIT_OK;
    if (!size)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    if (cli_group_sizes(size, r) >= 2) {
        printf("%sGroups (%zu party-unity vote%s: majorities of two groups "
               "opposed)\n",
               before, r->party_votes, r->party_votes == 1 ? "" : "s");
        size_t np = r->nproposals;
        long g = -1;
        int more;
        while ((more = cli_next_group(&g, &split, &nsplit, size, r)) > 0) {
            printf("  %s: %zu actors, agreement %.3f, Rice %.3f, split on "
                   "%zu proposal%s%s\n",
                   r->group[g], size[g], r->agreement[g], r->mean_rice[g],
                   nsplit, nsplit == 1 ? "" : "s", nsplit ? ":" : "");
            size_t shown =
                all || nsplit <= GROUP_SPLITS ? nsplit : GROUP_SPLITS;
            for (size_t k = 0; k < shown; k++) {
                size_t j = split[k];
                fputs("    ", stdout);
                cli_put_cut(stdout,
                            x->corpus->proposals[r->proposal_entity[j]].label,
                            all ? SIZE_MAX : GROUP_LABEL_WIDTH);
                printf(" (%zu for, %zu against)\n", r->yea[g * np + j],
                       r->nay[g * np + j]);
            }
            if (shown < nsplit)
                printf("    ... and %zu more proposal%s (%s)\n",
                       nsplit - shown, nsplit - shown == 1 ? "" : "s", hint);
        }
        if (more < 0)
            rc = cli_fail(EXIT_RUNTIME, "out of memory");
        else
            fputs(after, stdout);
    }
    free(split);
    free(size);
    return rc;
}

int cli_print_groups_json(const cli_analysis *x, const sg_rollcall *r)
{
    size_t *size = calloc(r->ngroups ? r->ngroups : 1, sizeof *size);
    size_t *split = NULL, nsplit = 0, np = r->nproposals, shown = 0;
    int rc = EXIT_OK;
    if (!size)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    cli_group_sizes(size, r);
    printf(",\n  \"party_votes\": %zu,\n  \"groups\": [", r->party_votes);
    long g = -1;
    int more;
    while ((more = cli_next_group(&g, &split, &nsplit, size, r)) > 0) {
        fputs(shown++ ? ",\n    {\"group\": " : "\n    {\"group\": ", stdout);
        cli_put_json_string(stdout, r->group[g]);
        printf(", \"actors\": %zu, \"agreement\": ", size[g]);
        cli_put_number(stdout, r->agreement[g], "null");
        fputs(", \"rice\": ", stdout);
        cli_put_number(stdout, r->mean_rice[g], "null");
        printf(", \"splits\": %zu,\n     \"split_on\": [", nsplit);
        for (size_t k = 0; k < nsplit; k++) {
            size_t j = split[k];
            const sg_entity *e = &x->corpus->proposals[r->proposal_entity[j]];
            fputs(k ? ", {\"id\": " : "{\"id\": ", stdout);
            cli_put_json_string(stdout, e->id);
            fputs(", \"label\": ", stdout);
            cli_put_json_string(stdout, e->label ? e->label : e->id);
            printf(", \"for\": %zu, \"against\": %zu, \"rice\": ",
                   r->yea[g * np + j], r->nay[g * np + j]);
            cli_put_number(stdout, r->rice[g * np + j], "null");
            putchar('}');
        }
        fputs("]}", stdout);
    }
    fputs(shown ? "\n  ]" : "]", stdout);
    if (more < 0)
        rc = cli_fail(EXIT_RUNTIME, "out of memory");
    free(split);
    free(size);
    return rc;
}

