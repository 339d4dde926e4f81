/* A program built against the installed library (tests/install/run-install):
 * load a corpus, find its coalitions, lay the actor network out. */
#include <stdio.h>
#include <stdlib.h>

#include <stancegraph.h>

int main(int argc, char **argv)
{
    sg_corpus *corpus = NULL;
    sg_analysis *a = NULL;
    sg_diag *diag = sg_diag_new(10);
    double *xy = NULL;
    int rc = 1;
    if (argc != 2 || !diag)
        goto cleanup;
    if (sg_corpus_load(&corpus, argv[1], NULL, diag) != 0 ||
        sg_analysis_run(&a, corpus, NULL, NULL) != 0) {
        fprintf(stderr, "hello: %s\n", sg_error_last());
        goto cleanup;
    }
    xy = malloc((a->actors->nnodes + 1) * 2 * sizeof *xy);
    if (!xy || sg_layout_compute(xy, a->actors, NULL) != 0) {
        fprintf(stderr, "hello: %s\n", sg_error_last());
        goto cleanup;
    }
    printf("%zu actors, %zu proposals, %zu stances, %zu coalitions\n",
           corpus->nactors, corpus->nproposals, corpus->nstances,
           a->ncoalitions);
    rc = 0;

cleanup:
    free(xy);
    sg_analysis_free(a);
    sg_corpus_free(corpus);
    sg_diag_free(diag);
    return rc;
}
