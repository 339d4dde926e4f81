#ifndef STANCEGRAPH_POLARIZATION_H
#define STANCEGRAPH_POLARIZATION_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "corpus.h"
#include "network.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The polarization score of the Discourse Network Analyzer (Leifeld; DNA's
 * dna/export/Polarization.java, rDNA's dna_polarization()).
 *
 * Input: the actors' congruence network C and conflict network F, built
 * with the caller's network options (filters, counting, normalisation,
 * duplicates; DNA's own weighting is count = statements, normalize =
 * average). For a partition of the actors into K camps of equal size (they
 * differ by at most one, as in DNA's genetic and greedy searches), every
 * ordered pair of actors contributes
 *   same camp c:       |C_ij - Ew_c| + |F_ij|
 *   camps c != d:      |C_ij| + |F_ij - Eb_cd|
 * where Ew_c = n_c(n_c - 1)/W * |C|/W spreads the congruence norm |C| (the
 * sum of all cells) over the W ordered within pairs, and Eb_cd =
 * n_c n_d/B * |F|/B the conflict norm over the B between pairs. The raw
 * score is half the sum; the score is the sum over 2(|C| + |F|), between
 * 0 and 1. Polarization is the maximum over balanced partitions.
 *
 * The differences count in either direction: missing congruence within a
 * camp scores as much as present conflict does, so the partition that
 * reaches the maximum is not always the intuitive one (see the README). */

typedef struct {
    size_t camps;       /* K >= 2 (default 2) */
    double exact_limit; /* enumerate every balanced partition when there
                           are at most this many (default 2e5, a tenth of
                           a second: 20 actors into 2 camps, 15 into 3) */
    size_t restarts;    /* otherwise: climbs by pair swaps from this many
                           random balanced partitions (default 20) */
    unsigned long seed; /* their starting points (default 0); of equal
                           scores the partition first in camp numbering
                           is kept, whichever climb found it */
    size_t max_actors;  /* SG_ELIMIT beyond (default 5000): the two
                           matrices are dense, 16 bytes per actor pair */
} sg_polarization_options;

/* Defaults as documented above. */
void sg_polarization_options_init(sg_polarization_options *opts);

typedef struct {
    double score;      /* normalised, 0..1 (DNA's normalizeScores = TRUE) */
    double raw;        /* unnormalised (DNA's default) */
    size_t camps;      /* K */
    int defined;       /* 0: fewer than K + 1 actors, or neither network
                          has a tie; score and raw are 0, as in DNA */
    int exact;         /* 1: proven maximum, every partition evaluated */
    double partitions; /* balanced partitions there are (equal-size camps
                          interchangeable) */
    size_t optima;     /* exact: partitions that reach the maximum (1:
                          the camps are unique); equal scores are those
                          within 1e-12 (|C| + |F|), and the partition
                          reported is the first in camp numbering */
    size_t restarts;   /* local search: climbs run (0 when exact) */
    size_t hits;       /* ... of which reached the reported maximum */
    double congruence_norm, conflict_norm; /* |C| and |F| */
    size_t nactors;
    const char **actor; /* actor ids (group names with by_group), in the
                           order of the actor network */
    uint32_t *camp;     /* 1-based camp of each actor; camps are numbered
                           by their first actor; 0 when not defined */
    void *priv;
} sg_polarization;

/* Build the actor congruence and conflict networks of `corpus` under
 * `net_opts` (NULL: defaults; its kind, tie, min_weight and top_ties are
 * ignored: the matrices are complete) and maximise the score over balanced
 * partitions into opts->camps camps (NULL opts: defaults). *out owns
 * copies of the ids; free it with sg_polarization_free(). Deterministic:
 * the same input and options give the same result, byte for byte.
 * Cost: the projection twice, O(n^2) memory for n actors; exact
 * enumeration O(partitions x n); local search O(restarts x sweeps x n^2 K).
 * SG_EUSAGE for camps < 2 or > 64, SG_ELIMIT above max_actors. */
int sg_polarization_compute(sg_polarization **out, const sg_corpus *corpus,
                            const sg_network_options *net_opts,
                            const sg_polarization_options *opts);

/* Add the INT node column "polarization_camp" to `net`: each actor's 1-based camp,
 * found by id; missing for other nodes, for actors the polarization does
 * not know, and everywhere when it is not defined. O(actors). */
int sg_polarization_annotate(sg_network *net, const sg_polarization *p);

/* Accepts NULL. */
void sg_polarization_free(sg_polarization *p);

#ifdef __cplusplus
}
#endif

#endif
