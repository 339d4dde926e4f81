/* Voteview's roll-call files: any bytes as the member votes, the members
 * file and the roll-calls file (the input split at form feeds) never crash,
 * leak or hang; a refusal always comes with a message, and what is read is
 * a consistent corpus of yea and nay votes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "stancegraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The reader is given valid UTF-8 without NUL, as the loader checks
     * that first (for the side files too). */
    const char *text = (const char *)data;
    if (sg_utf8_valid_prefix(text, size) != size || memchr(text, '\0', size))
        return 0;
    sg_side_table part[3] = {{text, size, "votes.csv"},
                             {NULL, 0, "members.csv"},
                             {NULL, 0, "rollcalls.csv"}};
    for (int k = 1; k < 3; k++) {
        const char *ff = memchr(part[k - 1].data, '\f', part[k - 1].len);
        if (!ff)
            break;
        part[k].data = ff + 1;
        part[k].len = part[k - 1].len - (size_t)(ff + 1 - part[k - 1].data);
        part[k - 1].len = (size_t)(ff - part[k - 1].data);
    }
    sg_corpus *c = NULL;
    if (sg_corpus_new(&c))
        return 0;
    sg_load_options o = {0};
    o.group_column = size % 2 ? "state" : NULL;
    sg_diag *d = sg_diag_new(50);
    int rc = sg_load_voteview(c, part[0].data, part[0].len, part[0].name,
                              part[1].data ? &part[1] : NULL,
                              part[2].data ? &part[2] : NULL, &o, d);
    if (rc == SG_EINVALID && sg_diag_errors(d) == 0)
        abort();
    if (rc == 0 && sg_diag_errors(d) != 0)
        abort();
    if (rc != 0 && rc != SG_EINVALID && rc != SG_ENOMEM)
        abort();
    for (size_t i = 0; rc == 0 && i < c->nstances; i++) {
        const sg_stance *s = &c->stances[i];
        if (s->actor >= c->nactors || s->proposal >= c->nproposals ||
            (s->position != SG_SUPPORT && s->position != SG_OPPOSE) ||
            s->weight != 1)
            abort();
    }
    for (size_t p = 0; rc == 0 && p < c->nproposals; p++)
        if (c->proposals[p].id[0] != 'R')
            abort();
    sg_diag_free(d);
    sg_corpus_free(c);
    return 0;
}
