/* Placeholder until the analysis module lands. */
#include <string.h>

#include "stancegraph/analysis.h"
#include "util.h"

void sg_coalition_options_init(sg_coalition_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->gamma = 1;
    opts->gamma_minus = 1;
}

int sg_method_parse(sg_method *out, const char *name)
{
    (void)name;
    *out = SG_METHOD_AUTO;
    return 0;
}
