/* Placeholder until the command lands. */
#include "cli.h"

int cmd_metrics(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_fail(EXIT_RUNTIME, "'metrics' is not implemented yet");
}
