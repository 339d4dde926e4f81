/* The progress hook of long steps. */
#include "model/progress.h"
#include "stancegraph/common.h"

static sg_progress_fn hook;
static void *hook_ctx;

void sg_progress_set(sg_progress_fn fn, void *ctx)
{
    hook = fn;
    hook_ctx = ctx;
}

void sg_progress_note(double share)
{
    if (hook)
        hook(share < 0 ? 0 : share > 1 ? 1 : share, hook_ctx);
}
