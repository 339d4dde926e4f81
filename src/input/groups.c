/* Groups by majority of an actor's rows (see groups.h). */
#include <stdlib.h>
#include <string.h>

#include "input/groups.h"
#include "model/corpus_internal.h"

struct group_vote {
    size_t actor;
    const char *group;
    size_t seq; /* order of the row, for ties */
};

void sg_group_votes_init(sg_group_votes *g)
{
    memset(g, 0, sizeof *g);
    sg_arena_init(&g->arena);
}

void sg_group_votes_free(sg_group_votes *g)
{
    free(g->v);
    sg_arena_free(&g->arena);
    memset(g, 0, sizeof *g);
}

int sg_group_votes_add(sg_group_votes *g, size_t actor, const char *group)
{
    if (!group || !*group)
        return 0;
    if (sg_grow(&g->v, &g->cap, g->n + 1, sizeof *g->v))
        return SG_ENOMEM;
    /* Consecutive rows usually repeat the previous value: share it. */
    const char *copy = g->n && strcmp(g->v[g->n - 1].group, group) == 0
                           ? g->v[g->n - 1].group
                           : sg_arena_strdup(&g->arena, group);
    if (!copy)
        return sg_seterr(SG_ENOMEM, "out of memory");
    g->v[g->n] = (struct group_vote){actor, copy, g->n};
    g->n++;
    return 0;
}

static int cmp_vote(const void *a, const void *b)
{
    const struct group_vote *x = a, *y = b;
    if (x->actor != y->actor)
        return x->actor < y->actor ? -1 : 1;
    int c = strcmp(x->group, y->group);
    if (c)
        return c;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

int sg_group_votes_apply(sg_group_votes *g, sg_corpus *c, size_t *mixed)
{
    size_t nmixed = 0;
    if (g->n)
        qsort(g->v, g->n, sizeof *g->v, cmp_vote);
    for (size_t i = 0; i < g->n;) {
        size_t j = i, best_count = 0, best_seq = 0, values = 0;
        const char *best = NULL;
        while (j < g->n && g->v[j].actor == g->v[i].actor) {
            size_t k = j;
            while (k < g->n && g->v[k].actor == g->v[j].actor &&
                   strcmp(g->v[k].group, g->v[j].group) == 0)
                k++;
            /* Sorted by seq within a value: v[j] is its first row. */
            if (k - j > best_count ||
                (k - j == best_count && g->v[j].seq < best_seq)) {
                best_count = k - j;
                best_seq = g->v[j].seq;
                best = g->v[j].group;
            }
            values++;
            j = k;
        }
        int rc = sg_corpus_set_group(c, g->v[i].actor, best);
        if (rc)
            return rc;
        nmixed += values > 1;
        i = j;
    }
    if (mixed)
        *mixed = nmixed;
    return 0;
}
