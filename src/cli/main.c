/* stancegraph: dispatch to a command. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct {
    const char *name;
    int (*run)(int, char **);
    const char *summary;
} command;

static const command commands[] = {
    {"check", cmd_check, "validate an input file and summarise it"},
    {"verify", cmd_verify, "check every quote against its source text"},
    {"metrics", cmd_metrics, "print actor, proposal and graph metrics"},
    {"coalitions", cmd_coalitions, "print coalitions and what they stand for"},
    {"export", cmd_export, "write a network as GraphML, DOT, GEXF, CSV or JSON"},
    {"render", cmd_render, "draw a network with Graphviz (SVG, PNG, PDF)"},
    {"report", cmd_report, "write an interactive HTML report of the debate"},
    {"timeline", cmd_timeline, "the debate over time in moving windows"},
    {"scale", cmd_scale, "ideal points: where each actor stands, roll-call style"},
};

/* Interrupted (Ctrl-C, kill, a closed terminal or pipe): remove the
 * temporaries of any output being written, so the previous files stay as
 * they were, then die of the same signal as the default action would. */
static void on_signal(int sig)
{
    sg_output_remove_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        /* A signal ignored by whoever started us stays ignored. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

static void usage(FILE *f)
{
    fprintf(f, "usage: stancegraph <command> [options] FILE\n"
               "       stancegraph --help | --version\n\n"
               "Signed graphs of who supports or opposes which proposal.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nRun 'stancegraph <command> --help' for a command's options.\n"
               "Exit codes: 0 ok, 1 runtime failure, 2 usage error, "
               "3 invalid input.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("stancegraph %s\n", SG_VERSION_STRING);
        return EXIT_OK;
    }
    catch_signals();
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "stancegraph: unknown command '%s'\n", cmd);
    fprintf(stderr, "Try 'stancegraph --help'.\n");
    return EXIT_USAGE;
}
