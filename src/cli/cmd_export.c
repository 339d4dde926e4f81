/* Placeholder until the command lands. */
#include "cli.h"

int cmd_export(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_fail(EXIT_RUNTIME, "'export' is not implemented yet");
}
