/* stancegraph render: draw a network with Graphviz. The DOT export is
 * written to memory first (so that text Graphviz cannot carry fails before
 * anything starts), then piped into `dot -T<format> -K<layout>`, whose
 * output goes to a temporary file renamed into place only on success. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd_export.h"

extern char **environ;

static const char help[] =
    "usage: stancegraph render [options] FILE -o OUT.svg|OUT.png|OUT.pdf\n"
    "\n"
    "Draw one network of FILE with Graphviz, which must be installed (the\n"
    "'dot' program). Actors are ellipses and proposals boxes, coloured by\n"
    "coalition; with the dot layout each coalition is a labelled cluster.\n"
    "Support or agreement is a solid blue line, opposition or conflict a\n"
    "dashed vermillion one, thicker for heavier ties. A legend explains the\n"
    "shapes and lines. SVG output shows the quotes behind a tie as its\n"
    "tooltip. The output format follows the extension of OUT; OUT is\n"
    "replaced only once Graphviz has finished without error.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT   the picture to write (.svg, .png or .pdf)\n"
    "  --engine E         Graphviz layout engine: dot (default), fdp (both\n"
    "                     draw coalitions as boxes), neato or sfdp (which\n"
    "                     cannot keep a coalition inside a box: none drawn).\n"
    "                     '--layout E' is the older spelling\n"
    "  --network N        stances (two-mode, default), actors or proposals\n"
    "  --normalize M, --count C, --by actor|group, --from DATE, --to DATE,\n"
    "  --source ID, --actor-type T, --topic T, --exclude ID, --min-weight W,\n"
    "  --top-ties K, --tie T, --duplicates D\n"
    "                     filters and weights, as for 'export'\n"
    "  --method M, --seed N, --gamma G, --gamma-minus G\n"
    "                     coalition detection, as for 'export'\n"
    "  --input-format F, --actor COLUMN, --proposal COLUMN\n"
    "                     input reading, as for 'export'\n"
    "  --title TEXT       the title above the drawing (default: the\n"
    "                     corpus' title)\n"
    CLI_NAMES_HELP
    "  --strict           refuse characters XML cannot carry (exit 3)\n"
    "                     instead of drawing them as U+FFFD\n"
    CLI_INPUT_MORE_HELP
    "  --quiet            no progress messages\n"
    "  --threads N        threads to use (default 0: one per CPU)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Graphviz's own messages are shown prefixed with 'stancegraph: dot:'.\n"
    "Exit status: 0 drawn, 1 cannot read or write or Graphviz failed (or is\n"
    "not installed), 2 usage error, 3 invalid input.\n";

static const char *const engines[] = {"dot", "neato", "fdp", "sfdp", NULL};
static const char *const outputs[] = {"svg", "png", "pdf", NULL};

static int one_of(const char *s, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(s, *names) == 0)
            return 1;
    return 0;
}

/* Check the command line: output type from -o's extension, layout name. */
static int check_options(const cli_opts *o, char type[4])
{
    if (!o->output)
        return cli_usage_error(o->command, "-o OUT is required (.svg, .png "
                                           "or .pdf)");
    const char *slash = strrchr(o->output, '/');
    const char *dot = strrchr(slash ? slash + 1 : o->output, '.');
    type[0] = '\0';
    if (dot && strlen(dot + 1) == 3) {
        for (int i = 0; i < 3; i++)
            type[i] = (char)(dot[1 + i] | 0x20); /* ASCII lower case */
        type[3] = '\0';
    }
    if (!one_of(type, outputs))
        return cli_usage_error(o->command, "-o: name the picture .svg, .png "
                                           "or .pdf, not '%s'", o->output);
    if (o->engine && !one_of(o->engine, engines))
        return cli_usage_error(o->command, "--engine: expected dot, neato, fdp "
                                           "or sfdp, not '%s'", o->engine);
    /* --layout named the engine before igraph's layouts had the name. */
    if (o->layout && !one_of(o->layout, engines))
        return cli_usage_error(o->command,
                               "--layout: render draws with a Graphviz engine "
                               "(--engine dot, neato, fdp or sfdp), not '%s'",
                               o->layout);
    return cli_refuse_input(o, o->output);
}

/* Past these a drawing is bounded (unless --top-ties or --engine say how):
 * each node's BOUND_TIES strongest ties, drawn by sfdp, which lays out
 * hundreds of nodes in seconds where dot with clusters takes minutes. */
#define BOUND_EDGES 300
#define BOUND_NODES 80
#define BOUND_TIES 3

/* Bound a large network for drawing; the note says what was done, for the
 * legend, and goes to stderr unless --quiet. */
static int bound(const cli_opts *o, sg_network *net, const char **engine,
                 char *note, size_t size)
{
    size_t before = net->nedges;
    int cut = before > BOUND_EDGES && !o->net.top_ties;
    if (cut) {
        unsigned char *keep = malloc(before ? before : 1);
        int sg = keep ? sg_network_strongest_ties(keep, net, BOUND_TIES, 0)
                      : SG_ENOMEM;
        if (!sg)
            sg_network_keep_edges(net, keep);
        free(keep);
        if (sg)
            return sg == SG_ENOMEM ? cli_fail(EXIT_RUNTIME, "out of memory")
                                   : cli_fail_sg(sg);
    }
    int sfdp = !*engine &&
               (net->nnodes > BOUND_NODES || net->nedges > BOUND_EDGES);
    if (!*engine)
        *engine = sfdp ? "sfdp" : "dot";
    if (!cut && !sfdp)
        return 0;
    char ties[96] = "";
    if (cut)
        snprintf(ties, sizeof ties, "each node's %d strongest ties (%zu of "
                 "%zu)", BOUND_TIES, net->nedges, before);
    snprintf(note, size, "Bounded for drawing: %s%s%s", ties,
             cut && sfdp ? ", " : "",
             sfdp ? "laid out by sfdp, without coalition boxes" : "");
    if (!o->quiet)
        fprintf(stderr,
                "stancegraph: note: %zu nodes and %zu ties: %s (--top-ties K "
                "and --engine E choose otherwise)\n",
                net->nnodes, before, note + strlen("Bounded for drawing: "));
    return 0;
}

/* The whole DOT text in memory. */
static int dot_text(const cli_opts *o, const sg_network *net,
                    const char *engine, const cli_names *names,
                    const char *note, char **text, size_t *len)
{
    sg_export_options eo;
    sg_export_options_init(&eo);
    eo.coalition_names = names->ptr;
    eo.ncoalition_names = names->n;
    eo.note = note;
    eo.strict = o->strict;
    cli_warn_replaced(o, net, SG_EXPORT_DOT);
    /* dot and fdp keep a cluster's members inside its box; neato and sfdp
     * ignore clusters, so their boxes would cut across the drawing. */
    eo.no_clusters = strcmp(engine, "dot") != 0 && strcmp(engine, "fdp") != 0;
    FILE *f = open_memstream(text, len);
    if (!f)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    int sg = sg_export_stream(net, SG_EXPORT_DOT, &eo, f);
    if (fclose(f) != 0 && !sg)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    return sg ? cli_fail_sg(sg) : EXIT_OK;
}

/* Feed `text` to the pipe; a reader that has gone (EPIPE) is not an error
 * here: its exit status says what happened. */
static void feed(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        text += n;
        len -= (size_t)n;
    }
}

/* Graphviz's messages, each line prefixed; 1 when there were any. */
static int relay(FILE *err)
{
    char line[1024];
    int any = 0, start = 1;
    rewind(err);
    while (fgets(line, sizeof line, err)) {
        if (start)
            fputs("stancegraph: dot: ", stderr);
        fputs(line, stderr);
        start = strchr(line, '\n') != NULL;
        any = 1;
    }
    if (!start)
        fputc('\n', stderr);
    return any;
}

/* Run dot with the DOT text on stdin, stdout into `out_fd`. */
static int run_dot(const char *text, size_t len, const char *type,
                   const char *layout, int out_fd)
{
    char targ[8], karg[16];
    snprintf(targ, sizeof targ, "-T%s", type);
    snprintf(karg, sizeof karg, "-K%s", layout);
    char *args[] = {"dot", targ, karg, NULL};
    int in[2] = {-1, -1}, rc = EXIT_RUNTIME;
    FILE *err = tmpfile();
    posix_spawn_file_actions_t fa;
    pid_t pid;
    if (!err || pipe(in) != 0) {
        cli_fail(EXIT_RUNTIME, "cannot start Graphviz: %s", strerror(errno));
        goto cleanup;
    }
    /* The child must not keep the write end open, or it never sees EOF. */
    fcntl(in[1], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, out_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fileno(err), STDERR_FILENO);
    int e = posix_spawnp(&pid, "dot", &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]);
    in[0] = -1;
    if (e != 0) {
        if (e == ENOENT)
            cli_fail(EXIT_RUNTIME, "Graphviz is not installed: 'dot' was not "
                                   "found on PATH (install the graphviz "
                                   "package)");
        else
            cli_fail(EXIT_RUNTIME, "cannot run Graphviz 'dot': %s",
                     strerror(e));
        goto cleanup;
    }
    feed(in[1], text, len);
    close(in[1]);
    in[1] = -1;
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    relay(err);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        rc = EXIT_OK;
    else if (WIFEXITED(status))
        cli_fail(EXIT_RUNTIME, "Graphviz 'dot' failed (exit status %d)",
                 WEXITSTATUS(status));
    else
        cli_fail(EXIT_RUNTIME, "Graphviz 'dot' was killed by signal %d",
                 WTERMSIG(status));

cleanup:
    if (in[0] >= 0)
        close(in[0]);
    if (in[1] >= 0)
        close(in[1]);
    if (err)
        fclose(err);
    return rc;
}

int cmd_render(int argc, char **argv)
{
    cli_opts o;
    sg_network *net = NULL;
    sg_output *out = NULL;
    char *text = NULL, type[4];
    size_t len = 0;
    int rc = cli_parse(&o, "render",
                       OPT_INPUT | OPT_NETWORK | OPT_COALITION | OPT_OUTPUT |
                           OPT_LAYOUT | OPT_ENGINE | OPT_QUIET | OPT_STRICT |
                           OPT_TITLE | OPT_NAMES,
                       help, argc, argv);
    if (rc) {
        rc = rc < 0 ? EXIT_OK : rc;
        goto cleanup;
    }
    if ((rc = check_options(&o, type)))
        goto cleanup;
    const char *engine = o.engine ? o.engine : o.layout;
    cli_names names = {.n = 0};
    char note[160] = "";
    if ((rc = cli_annotated_network(&o, &net, &names)) ||
        (rc = bound(&o, net, &engine, note, sizeof note)) ||
        (rc = dot_text(&o, net, engine, &names, *note ? note : NULL, &text,
                       &len)))
        goto cleanup;
    int sg = sg_output_open(&out, o.output);
    if (sg) {
        rc = cli_fail_sg(sg);
        goto cleanup;
    }
    /* A Graphviz that dies early must not kill us with SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    cli_progress(&o, "drawing");
    rc = run_dot(text, len, type, engine,
                 sg_output_fd(out));
    if (rc)
        goto cleanup;
    sg = sg_output_commit(out);
    out = NULL;
    if (sg)
        rc = cli_fail_sg(sg);

cleanup:
    sg_output_abort(out);
    free(text);
    sg_network_free(net);
    cli_opts_free(&o);
    return rc;
}
