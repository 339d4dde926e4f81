/* stancegraph check: validate and summarise. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: stancegraph check [options] FILE\n"
    "\n"
    "Validate FILE and print a short summary: counts of actors, proposals,\n"
    "stances and sources, and the date range. Every problem found is listed\n"
    "on stderr, one per line (up to 50), as FILE:LINE:COL: message for\n"
    "syntax errors and FILE: stances[17].actor: message for the rest.\n"
    "FILE may be '-' for standard input.\n"
    "\n"
    "Options:\n"
    "  --input-format F  json, csv, tsv, dna or voteview (default: by\n"
    "                    extension and content)\n"
    "  --actor COLUMN    table column naming the actor (default actor;\n"
    "                    DNA exports: organization, or person)\n"
    "  --proposal COLUMN table column naming the proposal (default proposal;\n"
    "                    DNA exports: concept)\n"
    CLI_DNA_HELP
    "  --quiet           print nothing on success\n"
    "  --threads N       threads to use (default 0: one per CPU)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Characters XML 1.0 cannot carry (control characters other than tab\n"
    "and line breaks, U+FFFE, U+FFFF) are valid input; a warning says how\n"
    "many there are and where the first is, since GraphML, GEXF and DOT\n"
    "exports write U+FFFD for them.\n"
    "\n"
    "Exit status: 0 valid, 1 cannot read, 2 usage error, 3 invalid input.\n";

int cmd_check(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, "check", OPT_INPUT | OPT_QUIET, help, argc, argv);
    if (rc) {
        cli_opts_free(&o);
        return rc < 0 ? EXIT_OK : rc;
    }
    sg_corpus *c = NULL;
    /* Quotes and notes too: the XML check below reads them. */
    rc = cli_load(&c, &o, 1);
    char where[200];
    size_t bad = rc == EXIT_OK ? sg_corpus_xml_forbidden(c, where, sizeof where)
                               : 0;
    if (bad)
        fprintf(stderr,
                "stancegraph: warning: %zu character%s that XML 1.0 cannot "
                "carry, the first in %s: GraphML, GEXF and DOT exports write "
                "U+FFFD for %s (export --strict refuses them)\n",
                bad, bad == 1 ? "" : "s", where, bad == 1 ? "it" : "them");
    if (rc == EXIT_OK && !o.quiet) {
        int32_t first, last;
        sg_corpus_date_range(c, &first, &last);
        size_t support = 0;
        for (size_t i = 0; i < c->nstances; i++)
            support += c->stances[i].position == SG_SUPPORT;
        printf("%s: ok\n", strcmp(o.input, "-") == 0 ? "<stdin>" : o.input);
        if (c->title)
            printf("  title      %s\n", c->title);
        printf("  actors     %zu\n", c->nactors);
        printf("  proposals  %zu\n", c->nproposals);
        printf("  stances    %zu (%zu support, %zu oppose)\n", c->nstances,
               support, c->nstances - support);
        if (c->skipped)
            printf("  skipped    %zu (abstentions)\n", c->skipped);
        printf("  sources    %zu\n", c->nsources);
        if (first != SG_NO_DATE) {
            char a[11], b[11];
            sg_date_format(a, first);
            sg_date_format(b, last);
            printf("  dates      %s to %s\n", a, b);
        } else {
            printf("  dates      none\n");
        }
    }
    sg_corpus_free(c);
    cli_opts_free(&o);
    return rc;
}
