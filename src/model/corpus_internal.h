#ifndef SG_CORPUS_INTERNAL_H
#define SG_CORPUS_INTERNAL_H

/* Length-based variants used by the readers, which look ids up and copy
 * text straight from the input without making C strings first. */

#include "stancegraph/corpus.h"

int sg_corpus_findn(const sg_corpus *corpus, const char *id, size_t len,
                    sg_node_kind *kind, size_t *index);
long sg_corpus_find_sourcen(const sg_corpus *corpus, const char *id,
                            size_t len);
/* Prefetch for a coming sg_corpus_findn (source 0) or
 * sg_corpus_find_sourcen (source 1) of this id. */
void sg_corpus_prefetch(const sg_corpus *corpus, int source, const char *id,
                        size_t len);

/* From now on, drop the quote and note of stances added (the loader's
 * skip_text option). */
void sg_corpus_skip_text(sg_corpus *corpus);

/* Set (copy) or clear (NULL) an actor's group, for readers that know it
 * only once every row is read. */
int sg_corpus_set_group(sg_corpus *corpus, size_t actor, const char *group);

/* The index of attribute key `name` of `kind`: 0 and *out set, or
 * SG_EINVALID when no entity has it. O(1) expected. */
int sg_corpus_attr_key(const sg_corpus *corpus, sg_node_kind kind,
                       const char *name, size_t *out);

/* Record the format the corpus is read from (the loader does). */
void sg_corpus_set_format(sg_corpus *corpus, sg_input_format format);

/* Room for `n` stances in all, so that a reader that can estimate the count
 * avoids regrowing (and copying) a big array. A hint: 0 or SG_ENOMEM. */
int sg_corpus_reserve_stances(sg_corpus *corpus, size_t n);

/* sg_corpus_add_stance with quote and note given as (pointer, length)
 * spans; the pointers in `s` are ignored. */
int sg_corpus_add_stance_n(sg_corpus *corpus, const sg_stance *s,
                           const char *quote, size_t quote_len,
                           const char *note, size_t note_len);

/* Year, month (1-12) and day of a date (days since 1970-01-01; not
 * SG_NO_DATE). */
void sg_date_civil(int32_t days, int *year, unsigned *month, unsigned *day);

#endif
