/* stancegraph coalitions: who stands together, and on what. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"

/* In two parts: C99 guarantees string literals of 4095 bytes only. */
static const char help_head[] =
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
    "least two), the most telling first (its members agree and the other\n"
    "actors do not), each as \"(members on that side/members; others on\n"
    "that side/other actors)\". Then the ties that contradict the\n"
    "partition (negative inside a coalition, positive across), the\n"
    "actors' groups (parties) when there are two or more: agreement index,\n"
    "mean Rice cohesion and the votes that split each group most, and\n"
    "figures of the network. Text shows the first 5 stands, 60 members,\n"
    "20 ties and 3 splits of each list, and says how many more there are.\n"
    "\n"
    "Options:\n"
    "  --format F         text (default), json, or csv\n"
    "                     (coalition,id,label,stability,group,unity, and\n"
    "                     name with --name or --names)\n"
    "  --all              text: every stand, member, tie and split\n";
static const char help_tail[] =
    CLI_NAMES_HELP
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


/* Text lists are cut to a few lines unless --all: the most telling
 * stands, the heaviest violating ties, the most divided votes; each cut
 * says how many more there are. */
#define TEXT_STANDS 5
#define TEXT_MEMBERS 60
#define TEXT_SPLITS 3
/* Lines wrap at this many columns; labels in lists are cut to LABEL_WIDTH
 * with "…" (not with --all). */
#define TEXT_WIDTH 79
#define LABEL_WIDTH 60
/* Items under a "  members:  " or "  supports: " heading start here. */
#define TEXT_INDENT 12

/* "... and 3 more proposals (--all lists them)"; `what` is singular. */
static void print_more(int indent, size_t more, const char *what)
{
    printf("%*s... and %zu more %s%s (--all lists them)\n", indent, "", more,
           what, more == 1 ? "" : "s");
}

/* The coalition's near-unanimous stands on one side, most telling first,
 * one a line: "Ukraine joins NATO (4/8 members; others 0/16)". */
static void print_stands(const sg_network *net, const char *title,
                         const sg_stand *st, size_t n, size_t members,
                         int all)
{
    if (!n)
        return;
    size_t shown = all || n <= TEXT_STANDS ? n : TEXT_STANDS;
    for (size_t i = 0; i < shown; i++) {
        if (i)
            printf("%*s", TEXT_INDENT, "");
        else
            printf("  %-9s ", title);
        cli_put_cut(stdout, cli_node_label(net, st[i].node), all ? SIZE_MAX : LABEL_WIDTH);
        printf(" (%zu/%zu", st[i].members, members);
        if (st[i].rest_actors)
            printf("; others %zu/%zu", st[i].rest, st[i].rest_actors);
        puts(")");
    }
    if (shown < n)
        print_more(TEXT_INDENT, n - shown, "proposal");
}

/* Members, wrapped, the unstable ones with their stability; the first
 * TEXT_MEMBERS unless --all. */
static void print_members(const sg_analysis *a, const sg_coalition *co,
                          int all)
{
    const sg_network *act = a->actors;
    size_t n = all || co->nmembers <= TEXT_MEMBERS ? co->nmembers
                                                    : TEXT_MEMBERS;
    size_t col = (size_t)printf("  %-9s ", "members:");
    for (size_t i = 0; i < n; i++) {
        size_t m = co->members[i];
        char note[48] = "";
        if (a->stability[m] < SG_STABLE)
            snprintf(note, sizeof note, " (unstable, %.2f)", a->stability[m]);
        const char *label = cli_node_label(act, m);
        size_t w = cli_text_width(label) + strlen(note) + (i + 1 < n);
        if (i && col + 1 + w > TEXT_WIDTH) {
            printf("\n%*s", TEXT_INDENT, "");
            col = TEXT_INDENT;
        } else if (i) {
            putchar(' ');
            col++;
        }
        col += cli_put_cut(stdout, label, all ? SIZE_MAX : LABEL_WIDTH);
        col += (size_t)printf("%s%s", note, i + 1 < n ? "," : "");
    }
    putchar('\n');
    if (n < co->nmembers)
        print_more(TEXT_INDENT, co->nmembers - n, "member");
}

static int print_text(const cli_analysis *x, const violations *v,
                      const sg_rollcall *r, int all, const cli_labels *l)
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
        printf("\nCoalition %zu", co->id);
        if (l->name && l->name[c])
            printf(" (%s)", l->name[c]);
        printf(": %zu actor%s", co->nmembers, co->nmembers == 1 ? "" : "s");
        if (co->pairs && !isnan(co->cohesion))
            printf(", cohesion %.3f (%zu of %zu pairs%s)", co->cohesion,
                   co->known_pairs, co->pairs,
                   co->pairs_from_ties ? " by their ties" : " known");
        else if (co->pairs)
            printf(", cohesion unknown (no pair shares a proposal)");
        if (!isnan(co->stability))
            printf(", stability %.2f", co->stability);
        putchar('\n');
        print_members(a, co, all);
        sg_stand *sup = malloc((co->nsupports + 1) * sizeof *sup);
        sg_stand *opp = malloc((co->nopposes + 1) * sizeof *opp);
        int sg = sup && opp ? sg_coalition_stands(sup, opp, a, c) : 0;
        if (sup && opp && !sg) {
            print_stands(a->stances, "supports:", sup, co->nsupports,
                         co->nmembers, all);
            print_stands(a->stances, "opposes:", opp, co->nopposes,
                         co->nmembers, all);
        }
        int ok = sup && opp;
        free(sup);
        free(opp);
        if (!ok)
            return cli_fail(EXIT_RUNTIME, "out of memory");
        if (sg)
            return cli_fail_sg(sg);
    }
    if (v->n) {
        printf("\nViolating ties: %zu (frustration %.3f)\n", v->n,
               a->graph.frustration);
        size_t shown = all || v->n <= TEXT_VIOLATIONS ? v->n : TEXT_VIOLATIONS;
        for (size_t i = 0; i < shown; i++) {
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
        if (shown < v->n)
            print_more(2, v->n - shown, "tie");
    }
    if (r) {
        int rc = cli_print_groups_text(x, r, all, "--all lists them", "\n", "");
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

static int print_json(const cli_analysis *x, const violations *v,
                      const sg_rollcall *r, const cli_labels *l)
{
    int rc = EXIT_OK;
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
        printf("%s\n    {\"id\": %zu, ", c ? "," : "", co->id);
        if (l->name && l->name[c]) {
            fputs("\"name\": ", stdout);
            cli_put_json_string(stdout, l->name[c]);
            fputs(", ", stdout);
        }
        printf("\"size\": %zu, \"cohesion\": ", co->nmembers);
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
    fputs(v->n ? "\n  ]" : "]", stdout);
    if (r && (rc = cli_print_groups_json(x, r)))
        return rc;
    fputs(",\n  \"graph\": ", stdout);
    cli_print_graph_json(stdout, x);
    fputs("\n}\n", stdout);
    return rc;
}

/* One row per member; group and unity (the party-unity score: see
 * rollcall.h) when the roll-call measures ran. */
static void print_csv(const cli_analysis *x, const sg_rollcall *r,
                      const cli_labels *l)
{
    const sg_analysis *a = x->a;
    const sg_network *act = a->actors;
    const sg_column *group = r ? sg_network_column(act, SG_NODES, "group")
                               : NULL;
    const sg_column *unity = r ? sg_network_column(act, SG_NODES, "unity")
                               : NULL;
    puts(l->name ? "coalition,id,label,stability,group,unity,name"
                 : "coalition,id,label,stability,group,unity");
    for (size_t c = 0; c < a->ncoalitions; c++)
        for (size_t i = 0; i < a->coalitions[c].nmembers; i++) {
            size_t node = a->coalitions[c].members[i];
            printf("%zu,", a->coalitions[c].id);
            cli_put_field(stdout, act->node_id[node], ',');
            putchar(',');
            cli_put_field(stdout, cli_node_label(act, node), ',');
            putchar(',');
            cli_put_number(stdout, a->stability[node], "");
            putchar(',');
            if (group && group->type == SG_COL_STRING)
                cli_put_field(stdout, group->str[node], ',');
            putchar(',');
            if (unity && !unity->missing[node])
                cli_put_number(stdout, unity->num[node], "");
            if (l->name) {
                putchar(',');
                if (l->name[c])
                    cli_put_field(stdout, l->name[c], ',');
            }
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
    cli_labels l = {0};
    memset(&x, 0, sizeof x);
    char help[sizeof help_head + sizeof help_tail];
    memcpy(help, help_head, sizeof help_head - 1);
    memcpy(help + sizeof help_head - 1, help_tail, sizeof help_tail);
    int rc = cli_parse(&o, "coalitions",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_FORMAT |
                           OPT_QUIET | OPT_FULL | OPT_NAMES,
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
        rc = cli_labels_get(&l, &o, x.a);
    if (!rc)
        rc = find_violations(&v, x.a->actors);
    if (rc)
        goto cleanup;
    if (!o.net.by_group) {
        /* Cohesion of the actors' own groups (parties), beside the blocs
         * the votes themselves form. */
        int sg = sg_rollcall_run(&roll, x.corpus, &o.net, NULL);
        if (!sg && f == F_CSV)
            sg = sg_rollcall_annotate(x.a->actors, roll);
        if (sg) {
            rc = cli_fail_sg(sg);
            goto cleanup;
        }
    }
    if (f == F_TEXT)
        rc = print_text(&x, &v, roll, o.all, &l);
    else if (f == F_JSON)
        rc = print_json(&x, &v, roll, &l);
    else
        print_csv(&x, roll, &l);
    if (!rc && (fflush(stdout) || ferror(stdout)))
        rc = cli_fail(EXIT_RUNTIME, "cannot write to standard output");

cleanup:
    free(v.edges);
    cli_labels_free(&l);
    sg_rollcall_free(roll);
    cli_analysis_free(&x);
    cli_opts_free(&o);
    return rc;
}
