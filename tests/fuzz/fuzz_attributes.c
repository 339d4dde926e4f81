/* Attribute tables (--actor-attributes, --proposal-attributes): joining
 * any bytes to a corpus never crashes, leaks or hangs; a rejected table
 * always comes with a message, and the corpus stays consistent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/load.h"
#include "stancegraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The reader is given valid UTF-8 without NUL, as the loader checks
     * that first. */
    const char *text = (const char *)data;
    if (sg_utf8_valid_prefix(text, size) != size || memchr(text, '\0', size))
        return 0;
    sg_corpus *c = NULL;
    if (sg_corpus_new(&c))
        return 0;
    static const char *const ids[] = {"a", "b", "id", "p", "q"};
    for (size_t i = 0; i < 5; i++) {
        sg_entity e = {0};
        e.id = ids[i];
        if (sg_corpus_add_entity(c, i < 3 ? SG_ACTOR : SG_PROPOSAL, &e, NULL))
            abort();
    }
    for (int kind = 0; kind < 2; kind++) {
        sg_diag *d = sg_diag_new(50);
        int rc = sg_load_attributes(c, (sg_node_kind)kind, text, size,
                                    "fuzz.csv", kind ? '\t' : 0, d);
        if (rc == SG_EINVALID && sg_diag_errors(d) == 0)
            abort();
        if (rc == 0 && sg_diag_errors(d) != 0)
            abort();
        sg_diag_free(d);
    }
    /* Every attribute points at a key of its kind. */
    for (size_t a = 0; a < c->nactors; a++)
        for (size_t j = 0; j < c->actors[a].nattrs; j++)
            if (c->actors[a].attrs[j].key >= c->nactor_keys)
                abort();
    sg_corpus_free(c);
    return 0;
}
