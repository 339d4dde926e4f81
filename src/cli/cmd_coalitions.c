/* Placeholder until the command lands. */
#include "cli.h"

int cmd_coalitions(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_fail(EXIT_RUNTIME, "'coalitions' is not implemented yet");
}
