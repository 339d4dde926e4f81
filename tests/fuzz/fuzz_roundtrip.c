/* Load -> network -> export in every format: whatever a document holds,
 * building and writing its networks must never crash, leak or produce a
 * structurally broken file. Each export goes to an in-memory stream. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "stancegraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sg_load_options lo = {0};
    lo.format = SG_FORMAT_JSON;
    sg_corpus *c = NULL;
    if (sg_corpus_load_buffer(&c, (const char *)data, size, "fuzz.json", &lo,
                              NULL) != 0)
        return 0;
    static const sg_network_kind kinds[] = {SG_NET_STANCES, SG_NET_ACTORS,
                                            SG_NET_PROPOSALS};
    static const sg_export_format formats[] = {
        SG_EXPORT_GRAPHML, SG_EXPORT_DOT, SG_EXPORT_GEXF, SG_EXPORT_CSV,
        SG_EXPORT_JSON};
    for (size_t k = 0; k < 3; k++) {
        sg_network_options no;
        sg_network_options_init(&no);
        no.kind = kinds[k];
        sg_network *net = NULL;
        if (sg_network_build(&net, c, &no) != 0)
            continue;
        for (size_t f = 0; f < 5; f++) {
            char *buf = NULL;
            size_t len = 0;
            FILE *mem = open_memstream(&buf, &len);
            if (!mem)
                abort();
            sg_export_options eo;
            sg_export_options_init(&eo);
            eo.dynamic = formats[f] == SG_EXPORT_GEXF;
            int rc = sg_export_stream(net, formats[f], &eo, mem);
            fclose(mem);
            /* Only strings a format cannot carry may make it refuse. */
            if (rc != 0 && rc != SG_EINVALID)
                abort();
            free(buf);
        }
        sg_network_free(net);
    }
    sg_corpus_free(c);
    return 0;
}
