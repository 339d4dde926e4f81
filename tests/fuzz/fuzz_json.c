/* The single-pass JSON reader and the jansson reader must agree on every
 * input: same return code, same corpus, same messages. Any difference or
 * crash is a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/dump.h"
#include "stancegraph.h"

static char *messages(const sg_diag *d)
{
    size_t total = 1;
    for (size_t i = 0; i < sg_diag_count(d); i++)
        total += strlen(sg_diag_message(d, i)) + 1;
    char *s = calloc(total, 1);
    for (size_t i = 0; s && i < sg_diag_count(d); i++) {
        strcat(s, sg_diag_message(d, i));
        strcat(s, "\n");
    }
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *dumps[2], *msgs[2];
    int rcs[2];
    for (int ref = 0; ref < 2; ref++) {
        sg_load_options o = {0};
        o.format = SG_FORMAT_JSON;
        o.reference_reader = ref;
        sg_diag *d = sg_diag_new(50);
        sg_corpus *c = NULL;
        rcs[ref] = sg_corpus_load_buffer(&c, (const char *)data, size,
                                         "fuzz.json", &o, d);
        dumps[ref] = c ? sg_test_dump(c) : strdup("(none)");
        msgs[ref] = messages(d);
        sg_corpus_free(c);
        sg_diag_free(d);
    }
    if (rcs[0] != rcs[1] || strcmp(dumps[0], dumps[1]) != 0 ||
        strcmp(msgs[0], msgs[1]) != 0)
        abort();
    for (int i = 0; i < 2; i++) {
        free(dumps[i]);
        free(msgs[i]);
    }
    return 0;
}
