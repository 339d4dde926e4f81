#ifndef SG_CLI_H
#define SG_CLI_H

/* The command-line tool only wires library calls together: parse options,
 * load, build, analyse, export, and turn error codes into exit codes. */

#include <stdio.h>

#include "stancegraph.h"

/* The input options for tables and DNA databases, in every command's
 * --help (the man page says more). */
#define CLI_DNA_HELP                                                           \
    "  --delimiter C      table delimiter (default: from the header line)\n"   \
    "  --position COLUMN  table column with the position (e.g. vote, yea)\n"   \
    "  --actor-attributes F, --proposal-attributes F\n"                        \
    "                     join a CSV table keyed by id: columns -> attributes\n" \
    "  --members F, --rollcalls F\n"                                            \
    "                     Voteview votes: its members and roll-calls files\n"   \
    "  --group NAME       column, attribute or DNA variable: the actor's group\n" \
    "  --statement-type L DNA database: statement type (DNA Statement)\n"      \
    "  --qualifier V      DNA database: agreement variable (agreement)\n"

/* The same, shortly, where a --help is long already. */
#define CLI_INPUT_MORE_HELP                                                    \
    "  (more input options: check --help)\n"

/* Exit codes, the same for every command (documented in stancegraph(1)). */
enum {
    EXIT_OK = 0,
    EXIT_RUNTIME = 1, /* I/O, out of memory, igraph failure */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_INVALID = 3  /* the input file is malformed or inconsistent */
};

/* Option groups a command accepts. */
enum {
    OPT_INPUT = 1 << 0,     /* --input-format --actor --proposal and the
                               DNA database options */
    OPT_NETWORK = 1 << 1,   /* --network and the filters */
    OPT_COALITION = 1 << 2, /* --method --seed --runs --gamma --gamma-minus */
    OPT_OUTPUT = 1 << 3,    /* -o FILE */
    OPT_FORMAT = 1 << 4,    /* --format NAME */
    OPT_TABLE = 1 << 5,     /* --sort --top */
    OPT_VERIFY = 1 << 6,    /* --sources DIR */
    OPT_DYNAMIC = 1 << 7,   /* --dynamic */
    OPT_QUIET = 1 << 8,     /* --quiet */
    OPT_LAYOUT = 1 << 9,    /* --layout fr|drl|scale|none: igraph positions */
    OPT_POLAR = 1 << 10,    /* --camps K */
    OPT_ENGINE = 1 << 11,   /* --engine dot|neato|fdp|sfdp: Graphviz */
    OPT_WINDOW = 1 << 12,   /* --window --step --kernel --indent --phases */
    OPT_SCALE = 1 << 13,    /* --dimensions --anchor --lopsided --min-votes */
    OPT_STRICT = 1 << 14,   /* --strict: refuse what XML cannot carry */
    OPT_TITLE = 1 << 15,    /* --title TEXT */
    OPT_REPORT = 1 << 16,   /* --scale: the report computes ideal points */
    OPT_FULL = 1 << 17,     /* --all: text lists in full, nothing cut */
    OPT_NAMES = 1 << 18,    /* --name KEY=NAME, --names FILE */
    OPT_ALL = 1 << 30       /* every command: --threads N */
};

typedef struct {
    const char *command;
    const char *input;
    sg_load_options load;
    sg_network_options net;
    int network_given;
    sg_coalition_options coal;
    const char *output;
    const char *format;
    const char *sort;
    long top; /* 0 = all */
    const char *sources_dir;
    const char *layout; /* as given; cli_layout_options() parses it */
    const char *engine;
    int strict;
    int all; /* --all */
    const char *title;
    int dynamic;
    int quiet;
    size_t camps;    /* --camps: polarization camps (0: not given) */
    sg_timeline_options timeline; /* --window (window.n 0: not given) ... */
    sg_scale_options scale;
    int scale_wanted; /* --scale */
    const char *names_file; /* --names FILE */
    /* Backing storage for the repeatable filters in `net` (0-3) and for
     * --name (4). */
    const char **lists[5];
    size_t nlists[5];
} cli_opts;

/* The coalition names the analyst gives (--name, --names). */
typedef struct {
    const char **name; /* per coalition: its name or NULL; NULL when none
                          is given at all */
    size_t n;          /* coalitions */
    char *text;        /* --names FILE's contents, which `name` points into */
    const char **specs;
} cli_labels;

/* Resolve --name and --names against the coalitions of `a` (see
 * sg_coalition_labels). Returns an exit code after a message (2 for a
 * bad name, 1 when FILE cannot be read); free with cli_labels_free(). */
int cli_labels_get(cli_labels *out, const cli_opts *o, const sg_analysis *a);
void cli_labels_free(cli_labels *l);

/* The --help lines of --name and --names. */
#define CLI_NAMES_HELP                                                         \
    "  --name KEY=NAME    call a coalition NAME (repeatable); KEY is its\n"    \
    "                     number or a member's id, which keeps naming the\n"  \
    "                     same camp when new data renumber the coalitions\n"  \
    "  --names FILE       the same, one KEY=NAME a line (# comments)\n"

/* Print "stancegraph: <message>" to stderr and return `code`. */
int cli_fail(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Usage error: message plus a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Map a library return code to an exit code. */
int cli_exit_code(int sg_rc);

/* Report the library's last error and return the matching exit code. */
int cli_fail_sg(int sg_rc);

/* Parse argv for `command` accepting the option groups in `groups`. Prints
 * `help` and returns -1 on --help (exit 0); returns EXIT_USAGE after
 * printing a message on a bad command line; 0 otherwise. Exactly one FILE
 * operand is required. */
int cli_parse(cli_opts *o, const char *command, unsigned groups,
              const char *help, int argc, char **argv);

void cli_opts_free(cli_opts *o);

/* How memory grows, for the --help of the commands that build networks. */
#define CLI_MEMORY_HELP                                                        \
    "Memory: the input's ids and about 50 bytes per stance (plus quotes and\n" \
    "notes where a stances export shows them); the actor and proposal\n"       \
    "networks are accumulated one node's row at a time in a dense array of\n"  \
    "one entry per node, so beyond that memory grows with the ties kept,\n"    \
    "which --min-weight and --top-ties bound (a few hundred bytes per tie\n"   \
    "through analysis and export).\n"

/* Load the input named in `o`, printing every diagnostic to stderr. Returns
 * an exit code; *out is set on EXIT_OK. Quotes and notes are kept only with
 * `keep_text` (they are checked either way). */
int cli_load(sg_corpus **out, const cli_opts *o, int keep_text);

/* The layout options of `o`: --layout (default `fallback`) with --seed.
 * EXIT_USAGE after a message when the name is unknown. */
int cli_layout_options(sg_layout_options *out, const cli_opts *o,
                       sg_layout_method fallback);

/* Progress on stderr when it is a terminal and --quiet is off. */
void cli_progress(const cli_opts *o, const char *stage);
/* The analysis options of `o`, reporting its stages with cli_progress. */
sg_coalition_options cli_coalition_options(const cli_opts *o);

int cmd_check(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_metrics(int argc, char **argv);
int cmd_coalitions(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_scale(int argc, char **argv);

#endif
