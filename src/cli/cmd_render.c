/* Placeholder until the command lands. */
#include "cli.h"

int cmd_render(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cli_fail(EXIT_RUNTIME, "'render' is not implemented yet");
}
