/* CSV, TSV and DNA tables: never crash, leak or hang; a rejected input
 * always comes with a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stancegraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const sg_input_format formats[] = {SG_FORMAT_CSV, SG_FORMAT_TSV,
                                              SG_FORMAT_DNA};
    for (size_t f = 0; f < 3; f++) {
        sg_load_options o = {0};
        o.format = formats[f];
        sg_diag *d = sg_diag_new(50);
        sg_corpus *c = NULL;
        int rc = sg_corpus_load_buffer(&c, (const char *)data, size,
                                       "fuzz.csv", &o, d);
        if (rc == SG_EINVALID && (sg_diag_errors(d) == 0 || !*sg_error_last()))
            abort();
        if (rc == 0 && (!c || sg_diag_errors(d) != 0))
            abort();
        sg_corpus_free(c);
        sg_diag_free(d);
    }
    return 0;
}
