/* Placeholder until the network builder lands. */
#include <string.h>

#include "stancegraph/network.h"
#include "util.h"

void sg_network_options_init(sg_network_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->kind = SG_NET_STANCES;
    opts->from = SG_NO_DATE;
    opts->to = SG_NO_DATE;
}
