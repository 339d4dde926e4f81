#ifndef STANCEGRAPH_H
#define STANCEGRAPH_H

/* stancegraph: coded statements (who supports or opposes which proposal,
 * when, where it was said) as signed graphs; coalitions and centrality by
 * igraph; exports for Gephi and Graphviz. Data flows one way:
 * load -> model (corpus) -> network -> analyse -> export. */

#include "stancegraph/common.h"
#include "stancegraph/corpus.h"
#include "stancegraph/network.h"
#include "stancegraph/analysis.h"
#include "stancegraph/polarization.h"
#include "stancegraph/layout.h"
#include "stancegraph/naming.h"
#include "stancegraph/export.h"
#include "stancegraph/report.h"
#include "stancegraph/rollcall.h"
#include "stancegraph/scale.h"
#include "stancegraph/verify.h"
#include "stancegraph/timeline.h"

#endif
