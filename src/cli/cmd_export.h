#ifndef SG_CMD_EXPORT_H
#define SG_CMD_EXPORT_H

/* What `export` and `render` share: the network a command line asks for,
 * with the analysis' coalitions and metrics on it. */

#include "cli.h"

/* Names of the first coalitions, for drawings (sg_coalition_names). */
#define CLI_NAMES_MAX 12
typedef struct {
    char buf[CLI_NAMES_MAX][96];
    const char *ptr[CLI_NAMES_MAX];
    size_t n;
} cli_names;

/* Load o->input, analyse it and build the network `o` names, annotated,
 * titled by --title or the corpus' title; with `names`, also name the
 * coalitions. Messages go to stderr; returns an exit code and sets *out on
 * EXIT_OK. */
int cli_annotated_network(const cli_opts *o, sg_network **out,
                          cli_names *names);

/* Without --strict, warn once on stderr when the export of `net` in
 * `format` replaces characters XML cannot carry: how many, the first and
 * where. Errors are left for the export itself to report. */
void cli_warn_replaced(const cli_opts *o, const sg_network *net,
                       sg_export_format format);

/* Refuse (EXIT_USAGE, with a message) to write `output` when it is the
 * input file; 0 otherwise. */
int cli_refuse_input(const cli_opts *o, const char *output);

#endif
