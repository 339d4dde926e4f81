/* stancegraph coalitions: who stands together, and on what. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"

static const char help[] =
    "usage: stancegraph coalitions [options] FILE\n"
    "\n"
    "Partition the actors of FILE into coalitions on the signed actor\n"
    "network (agreeing actors pull together, opposing ones apart): by\n"
    "default the consensus of --runs partitions, refined by the stances.\n"
    "Print each coalition: size, cohesion (the share of member pairs whose\n"
    "shared positions agree, over the pairs that share a proposal, with\n"
    "their count), stability (share of runs in which members sit with it),\n"
    "members (unstable ones marked), and the proposals it supports or\n"
    "opposes nearly unanimously (80% of the members with a position, at\n"
    "least two), each with the members behind it. Then the ties that\n"
    "contradict the partition (negative inside a coalition, positive\n"
    "across) and figures of the network.\n"
    "\n"
    "Options:\n"
    "  --format F         text (default), json, or csv\n"
    "                     (coalition,id,label,stability)\n"
    CLI_ANALYSIS_OPTIONS_HELP
    "\n"
    "Exit status: 0 ok, 1 runtime failure, 2 usage error, 3 invalid input.\n";

/* Violating ties listed in text output; JSON lists them all. */
#define TEXT_VIOLATIONS 20

typedef enum { F_TEXT, F_JSON, F_CSV } format;

static int parse_format(format *f, const cli_opts *o)
{
    *f = F_TEXT;
    if (!o->format || strcmp(o->format, "text") == 0)
        return 0;
    if (strcmp(o->format, "json") == 0)
        *f = F_JSON;
    else if (strcmp(o->format, "csv") == 0)
        *f = F_CSV;
    else
        return cli_usage_error("coalitions",
                               "--format: expected text, json "
                               "or csv, not '%s'",
                               o->format);
    return 0;
}

/* Violating ties of the actor network, heaviest first (then by edge). */
typedef struct {
    size_t *edges;
    size_t n;
} violations;

static const sg_network *sort_net;

static int cmp_violation(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    double wa = fabs(sort_net->net[a]), wb = fabs(sort_net->net[b]);
    if (wa != wb)
        return wa > wb ? -1 : 1;
    return (a > b) - (a < b);
}

static int find_violations(violations *v, const sg_network *net)
{
    const sg_column *c = sg_network_column(net, SG_EDGES, "violation");
    v->n = 0;
    v->edges = malloc((net->nedges ? net->nedges : 1) * sizeof *v->edges);
    if (!v->edges)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    for (size_t e = 0; c && e < net->nedges; e++)
        if (!c->missing[e] && c->num[e] != 0)
            v->edges[v->n++] = e;
    sort_net = net;
    qsort(v->edges, v->n, sizeof *v->edges, cmp_violation);
    return 0;
}


/* Proposals with the members behind each: "Ukraine joins NATO (5/8)". */
static void print_stands(const sg_network *net, const char *title,
                         const size_t *nodes, const size_t *behind, size_t n,
                         size_t members)
{
    if (!n)
        return;
    printf("  %-9s ", title);
    for (size_t i = 0; i < n; i++)
        printf("%s%s (%zu/%zu)", i ? "; " : "", cli_node_label(net, nodes[i]),
               behind[i], members);
    putchar('\n');
}

/* Members, the unstable ones with their stability. */
static void print_members(const sg_analysis *a, const sg_coalition *co)
{
    const sg_network *act = a->actors;
    printf("  %-9s ", "members:");
    for (size_t i = 0; i < co->nmembers; i++) {
        size_t m = co->members[i];
        printf("%s%s", i ? ", " : "", cli_node_label(act, m));
        if (a->stability[m] < SG_STABLE)
            printf(" (unstable, %.2f)", a->stability[m]);
    }
    putchar('\n');
}

/* Roll-call measures by the actors' group, when at least two groups have
 * two members or more: Hix-Noury-Roland agreement, mean Rice cohesion,
 * and the proposals that split each group most (lowest Rice first). */
#define TEXT_SPLITS 3

/* EXIT_OK, or EXIT_RUNTIME after saying so when memory runs out (the
 * section must not just go missing). */
static int print_groups(const cli_analysis *x, const sg_rollcall *r)
{
    size_t *size = calloc(r->ngroups ? r->ngroups : 1, sizeof *size);
    if (!size)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    size_t big = 0;
    for (size_t i = 0; i < r->nactors; i++)
        if (r->actor_group[i] >= 0 && ++size[r->actor_group[i]] == 2)
            big++;
    if (big >= 2) {
        printf("\nGroups (%zu party-unity vote%s: majorities of two groups "
               "opposed)\n",
               r->party_votes, r->party_votes == 1 ? "" : "s");
        size_t np = r->nproposals;
        for (size_t g = 0; g < r->ngroups; g++) {
            if (size[g] < 2)
                continue;
            printf("  %s: %zu actors, agreement %.3f, Rice %.3f, split on %zu",
                   r->group[g], size[g], r->agreement[g], r->mean_rice[g],
                   r->splits[g]);
            /* The most divided first: lowest Rice, then input order. */
            size_t shown[TEXT_SPLITS], n = 0;
            for (size_t k = 0; k < TEXT_SPLITS; k++) {
                long best = -1;
                for (size_t j = 0; j < np; j++) {
                    size_t y = r->yea[g * np + j], no = r->nay[g * np + j];
                    size_t lo = y < no ? y : no;
                    int taken = 0;
                    for (size_t t = 0; t < n; t++)
                        taken |= shown[t] == j;
                    if (taken || lo < 2 || 4 * lo < y + no)
                        continue;
                    if (best < 0 || r->rice[g * np + j] <
                                        r->rice[g * np + (size_t)best])
                        best = (long)j;
                }
                if (best < 0)
                    break;
                shown[n++] = (size_t)best;
            }
            for (size_t k = 0; k < n; k++) {
                size_t j = shown[k];
                printf("%s%s (%zu-%zu)", k ? "; " : ": ",
                       x->corpus->proposals[r->proposal_entity[j]].label,
                       r->yea[g * np + j], r->nay[g * np + j]);
            }
            if (r->splits[g] > n)
                printf("%s...", n ? "; " : ": ");
            putchar('\n');
        }
    }
    free(size);
    return EXIT_OK;
}

static int print_text(const cli_analysis *x, const violations *v,
                      const sg_rollcall *r)
{
    const sg_analysis *a = x->a;
    const sg_network *act = a->actors;
    char method[64];
    cli_method_text(method, sizeof method, a);
    printf("%zu coalition%s among %zu actors (%s, seed %lu", a->ncoalitions,
           a->ncoalitions == 1 ? "" : "s", act->nnodes, method, a->seed);
    if (!isnan(a->stability_mean))
        printf("; stability %.2f", a->stability_mean);
    puts(")");
    if (a->unclear)
        printf("The runs disagree: on average an actor sits with its "
               "coalition in only %.0f%% of them.\nThe data support no "
               "clear partition; read these coalitions as tentative.\n",
               100 * a->stability_mean);
    for (size_t c = 0; c < a->ncoalitions; c++) {
        const sg_coalition *co = &a->coalitions[c];
        printf("\nCoalition %zu: %zu actor%s", co->id, co->nmembers,
               co->nmembers == 1 ? "" : "s");
        if (co->pairs && !isnan(co->cohesion))
            printf(", cohesion %.3f (%zu of %zu pairs%s)", co->cohesion,
                   co->known_pairs, co->pairs,
                   co->pairs_from_ties ? " by their ties" : " known");
        else if (co->pairs)
            printf(", cohesion unknown (no pair shares a proposal)");
        if (!isnan(co->stability))
            printf(", stability %.2f", co->stability);
        putchar('\n');
        print_members(a, co);
        print_stands(a->stances, "supports:", co->supports, co->supporters,
                     co->nsupports, co->nmembers);
        print_stands(a->stances, "opposes:", co->opposes, co->opponents,
                     co->nopposes, co->nmembers);
    }
    if (v->n) {
        printf("\nViolating ties: %zu (frustration %.3f)\n", v->n,
               a->graph.frustration);
        for (size_t i = 0; i < v->n && i < TEXT_VIOLATIONS; i++) {
            size_t e = v->edges[i];
            uint32_t p = act->edge_from[e], q = act->edge_to[e];
            long cp = a->membership[p], cq = a->membership[q];
            printf("  %s -- %s: ", cli_node_label(act, p),
                   cli_node_label(act, q));
            if (act->net[e] < 0)
                printf("negative inside coalition %ld", cp + 1);
            else
                printf("positive across coalitions %ld and %ld", cp + 1,
                       cq + 1);
            printf(" (net %.3f)\n", act->net[e]);
        }
        if (v->n > TEXT_VIOLATIONS)
            printf("  ... and %zu more\n", v->n - TEXT_VIOLATIONS);
    }
    if (r) {
        int rc = print_groups(x, r);
        if (rc)
            return rc;
    }
    putchar('\n');
    cli_print_graph_text(stdout, x);
    return EXIT_OK;
}

/* Nodes as {"id", "label"}, with "stability" when given, or the
 * "members" behind each and their "share" of `size`. */
static void print_nodes_json(const sg_network *net, const size_t *nodes,
                             size_t n, const double *stability,
                             const size_t *behind, size_t size)
{
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", {\"id\": " : "{\"id\": ", stdout);
        cli_put_json_string(stdout, net->node_id[nodes[i]]);
        fputs(", \"label\": ", stdout);
        cli_put_json_string(stdout, cli_node_label(net, nodes[i]));
        if (stability) {
            fputs(", \"stability\": ", stdout);
            cli_put_number(stdout, stability[nodes[i]], "null");
        }
        if (behind) {
            printf(", \"members\": %zu, \"share\": ", behind[i]);
            cli_put_number(stdout, (double)behind[i] / (double)size, "null");
        }
        putchar('}');
    }
    putchar(']');
}

static void print_json(const cli_analysis *x, const violations *v)
{
    const sg_analysis *a = x->a;
    const sg_network *act = a->actors;
    printf("{\n  \"method\": ");
    cli_put_json_string(stdout, sg_method_name(a->method));
    printf(",\n  \"seed\": %lu,\n  \"runs\": %zu,\n  \"stability\": ", a->seed,
           a->runs);
    cli_put_number(stdout, a->stability_mean, "null");
    printf(",\n  \"clear\": %s,\n  \"actors\": %zu,\n  \"coalitions\": [",
           a->unclear ? "false" : "true", act->nnodes);
    for (size_t c = 0; c < a->ncoalitions; c++) {
        const sg_coalition *co = &a->coalitions[c];
        printf("%s\n    {\"id\": %zu, \"size\": %zu, \"cohesion\": ",
               c ? "," : "", co->id, co->nmembers);
        cli_put_number(stdout, co->cohesion, "null");
        printf(", \"pairs\": %zu, \"known_pairs\": %zu, \"pairs_from_ties\": "
               "%s",
               co->pairs, co->known_pairs,
               co->pairs_from_ties ? "true" : "false");
        fputs(", \"stability\": ", stdout);
        cli_put_number(stdout, co->stability, "null");
        printf(", \"unstable\": %zu", co->nunstable);
        fputs(",\n     \"members\": ", stdout);
        print_nodes_json(act, co->members, co->nmembers, a->stability, NULL,
                         0);
        fputs(",\n     \"supports\": ", stdout);
        print_nodes_json(a->stances, co->supports, co->nsupports, NULL,
                         co->supporters, co->nmembers);
        fputs(",\n     \"opposes\": ", stdout);
        print_nodes_json(a->stances, co->opposes, co->nopposes, NULL,
                         co->opponents, co->nmembers);
        putchar('}');
    }
    fputs(a->ncoalitions ? "\n  ]" : "]", stdout);
    fputs(",\n  \"violations\": [", stdout);
    for (size_t i = 0; i < v->n; i++) {
        size_t e = v->edges[i];
        fputs(i ? ",\n    {\"from\": " : "\n    {\"from\": ", stdout);
        cli_put_json_string(stdout, act->node_id[act->edge_from[e]]);
        fputs(", \"to\": ", stdout);
        cli_put_json_string(stdout, act->node_id[act->edge_to[e]]);
        fputs(", \"net\": ", stdout);
        cli_put_number(stdout, act->net[e], "null");
        printf(", \"kind\": \"%s\"}",
               act->net[e] < 0 ? "negative-inside" : "positive-across");
    }
    fputs(v->n ? "\n  ],\n  \"graph\": " : "],\n  \"graph\": ", stdout);
    cli_print_graph_json(stdout, x);
    fputs("\n}\n", stdout);
}

static void print_csv(const cli_analysis *x)
{
    const sg_analysis *a = x->a;
    puts("coalition,id,label,stability");
    for (size_t c = 0; c < a->ncoalitions; c++)
        for (size_t i = 0; i < a->coalitions[c].nmembers; i++) {
            size_t node = a->coalitions[c].members[i];
            printf("%zu,", a->coalitions[c].id);
            cli_put_field(stdout, a->actors->node_id[node], ',');
            putchar(',');
            cli_put_field(stdout, cli_node_label(a->actors, node), ',');
            putchar(',');
            cli_put_number(stdout, a->stability[node], "");
            putchar('\n');
        }
}

int cmd_coalitions(int argc, char **argv)
{
    cli_opts o;
    cli_analysis x;
    violations v = {0};
    format f;
    sg_rollcall *roll = NULL;
    memset(&x, 0, sizeof x);
    int rc = cli_parse(&o, "coalitions",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_FORMAT |
                           OPT_QUIET,
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
        rc = find_violations(&v, x.a->actors);
    if (rc)
        goto cleanup;
    if (f == F_TEXT && !o.net.by_group) {
        /* Cohesion of the actors' own groups (parties), beside the blocs
         * the votes themselves form. */
        int sg = sg_rollcall_run(&roll, x.corpus, &o.net, NULL);
        if (sg) {
            rc = cli_fail_sg(sg);
            goto cleanup;
        }
    }
    if (f == F_TEXT)
        rc = print_text(&x, &v, roll);
    else if (f == F_JSON)
        print_json(&x, &v);
    else
        print_csv(&x);
    if (!rc && (fflush(stdout) || ferror(stdout)))
        rc = cli_fail(EXIT_RUNTIME, "cannot write to standard output");

cleanup:
    free(v.edges);
    sg_rollcall_free(roll);
    cli_analysis_free(&x);
    cli_opts_free(&o);
    return rc;
}
