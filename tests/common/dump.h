#ifndef SG_TEST_DUMP_H
#define SG_TEST_DUMP_H

/* A canonical text form of a corpus, so two readers' results can be
 * compared byte for byte. Caller frees. NULL on allocation failure. */

#include "stancegraph/corpus.h"

char *sg_test_dump(const sg_corpus *c);

#endif
