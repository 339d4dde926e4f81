/* stancegraph verify: check quotes against their source texts. */
#include <stdio.h>

#include "cli.h"

static const char help[] =
    "usage: stancegraph verify --sources DIR [options] FILE\n"
    "       stancegraph verify [options] FILE.dna\n"
    "\n"
    "Check that every stance's quote appears verbatim in the text of its\n"
    "source: the source's \"file\" under DIR. Runs of white space count as\n"
    "one space and curly and straight quote marks match each other; nothing\n"
    "else is forgiven. Each quote that cannot be found is reported on\n"
    "stderr as FILE: stances[N].quote: not found in SOURCE: \"...\".\n"
    "\n"
    "A DNA database holds its documents: verify checks that every statement's\n"
    "span (Start..Stop, in characters as DNA counts them) lies inside its\n"
    "document's text, and lists each one that does not.\n"
    "\n"
    "Options:\n"
    "  --sources DIR     directory holding the source texts (required but\n"
    "                    for DNA databases)\n"
    "  --input-format F  json, csv, tsv, dna or voteview (default: detect)\n"
    "  --actor COLUMN    table column naming the actor\n"
    "  --proposal COLUMN table column naming the proposal\n"
    CLI_DNA_HELP
    "  --quiet           print nothing on success\n"
    "  --threads N       threads to use (default 0: one per CPU)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 all quotes found, 1 a source text cannot be read,\n"
    "2 usage error, 3 invalid input or quotes not found.\n";

int cmd_verify(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, "verify", OPT_INPUT | OPT_VERIFY | OPT_QUIET, help,
                       argc, argv);
    if (rc) {
        cli_opts_free(&o);
        return rc < 0 ? EXIT_OK : rc;
    }
    sg_corpus *c = NULL;
    sg_diag *diag = NULL;
    o.load.strict_spans = 1;
    if ((rc = cli_load(&c, &o, 1)))
        goto cleanup;
    if (!o.sources_dir) {
        if (sg_corpus_format(c) != SG_FORMAT_DNA_DATABASE) {
            rc = cli_usage_error("verify", "--sources DIR is required");
            goto cleanup;
        }
        if (!o.quiet)
            printf("%s: the spans of all %zu statements lie inside their "
                   "documents\n",
                   o.input, c->nstances);
        goto cleanup;
    }
    if (!(diag = sg_diag_new(1000))) {
        rc = cli_fail(EXIT_RUNTIME, "out of memory");
        goto cleanup;
    }
    sg_verify_result res;
    int vrc = sg_verify_quotes(&res, c, o.input, o.sources_dir, diag);
    for (size_t i = 0; i < sg_diag_count(diag); i++)
        fprintf(stderr, "stancegraph: %s%s\n",
                sg_diag_level_at(diag, i) == SG_DIAG_WARNING ? "warning: " : "",
                sg_diag_message(diag, i));
    if (vrc == SG_ENOMEM) {
        rc = cli_fail_sg(vrc);
        goto cleanup;
    }
    if (vrc == SG_EINVALID)
        rc = cli_fail(EXIT_INVALID, "%s", sg_error_last());
    else if (vrc)
        rc = cli_fail_sg(vrc);
    else if (!o.quiet)
        printf("%s: %zu quotes found in %zu source texts%s\n", o.input,
               res.checked, res.files,
               res.unchecked ? " (some not checked: see warnings)" : "");

cleanup:
    sg_diag_free(diag);
    sg_corpus_free(c);
    cli_opts_free(&o);
    return rc;
}
