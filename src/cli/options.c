/* Shared command-line parsing, loading and error reporting. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void progress_clear(void);

int cli_fail(int code, const char *fmt, ...)
{
    progress_clear();
    va_list ap;
    va_start(ap, fmt);
    fputs("stancegraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return code;
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("stancegraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fprintf(stderr, "Try 'stancegraph %s --help'.\n", command);
    return EXIT_USAGE;
}

int cli_exit_code(int rc)
{
    switch (rc) {
    case SG_OK: return EXIT_OK;
    case SG_EINVALID: return EXIT_INVALID;
    case SG_EUSAGE: return EXIT_USAGE;
    default: return EXIT_RUNTIME;
    }
}

int cli_fail_sg(int rc)
{
    /* Out of memory reads the same wherever it happened. */
    const char *msg = rc == SG_ENOMEM ? "" : sg_error_last();
    return cli_fail(cli_exit_code(rc), "%s", *msg ? msg : sg_error_name(rc));
}

enum {
    O_INPUT_FORMAT = 256,
    O_ACTOR,
    O_PROPOSAL,
    O_STATEMENT_TYPE,
    O_QUALIFIER,
    O_GROUP,
    O_DELIMITER,
    O_POSITION,
    O_ACTOR_ATTRIBUTES,
    O_PROPOSAL_ATTRIBUTES,
    O_MEMBERS,
    O_ROLLCALLS,
    O_NETWORK,
    O_NORMALIZE,
    O_COUNT,
    O_BY,
    O_FROM,
    O_TO,
    O_SOURCE,
    O_ACTOR_TYPE,
    O_TOPIC,
    O_EXCLUDE,
    O_MIN_WEIGHT,
    O_TOP_TIES,
    O_TIE,
    O_DUPLICATES,
    O_METHOD,
    O_SEED,
    O_RUNS,
    O_GAMMA,
    O_GAMMA_MINUS,
    O_FORMAT,
    O_SORT,
    O_TOP,
    O_SOURCES,
    O_DYNAMIC,
    O_QUIET,
    O_LAYOUT,
    O_THREADS,
    O_CAMPS,
    O_ENGINE,
    O_WINDOW,
    O_STEP,
    O_KERNEL,
    O_INDENT,
    O_PHASES,
    O_DIMENSIONS,
    O_ANCHOR,
    O_LOPSIDED,
    O_MIN_VOTES,
    O_STRICT,
    O_TITLE,
    O_NAME,
    O_NAMES,
    O_SCALE,
    O_FULL,
    O_HELP
};

typedef struct {
    struct option opt;
    unsigned group;
} grouped_option;

static const grouped_option options[] = {
    {{"input-format", required_argument, NULL, O_INPUT_FORMAT}, OPT_INPUT},
    {{"actor", required_argument, NULL, O_ACTOR}, OPT_INPUT},
    {{"proposal", required_argument, NULL, O_PROPOSAL}, OPT_INPUT},
    {{"statement-type", required_argument, NULL, O_STATEMENT_TYPE}, OPT_INPUT},
    {{"qualifier", required_argument, NULL, O_QUALIFIER}, OPT_INPUT},
    {{"group", required_argument, NULL, O_GROUP}, OPT_INPUT},
    {{"delimiter", required_argument, NULL, O_DELIMITER}, OPT_INPUT},
    {{"position", required_argument, NULL, O_POSITION}, OPT_INPUT},
    {{"actor-attributes", required_argument, NULL, O_ACTOR_ATTRIBUTES},
     OPT_INPUT},
    {{"proposal-attributes", required_argument, NULL, O_PROPOSAL_ATTRIBUTES},
     OPT_INPUT},
    {{"members", required_argument, NULL, O_MEMBERS}, OPT_INPUT},
    {{"rollcalls", required_argument, NULL, O_ROLLCALLS}, OPT_INPUT},
    {{"network", required_argument, NULL, O_NETWORK}, OPT_NETWORK},
    {{"normalize", required_argument, NULL, O_NORMALIZE}, OPT_NETWORK},
    {{"count", required_argument, NULL, O_COUNT}, OPT_NETWORK},
    {{"by", required_argument, NULL, O_BY}, OPT_NETWORK},
    {{"from", required_argument, NULL, O_FROM}, OPT_NETWORK},
    {{"to", required_argument, NULL, O_TO}, OPT_NETWORK},
    {{"source", required_argument, NULL, O_SOURCE}, OPT_NETWORK},
    {{"actor-type", required_argument, NULL, O_ACTOR_TYPE}, OPT_NETWORK},
    {{"topic", required_argument, NULL, O_TOPIC}, OPT_NETWORK},
    {{"exclude", required_argument, NULL, O_EXCLUDE}, OPT_NETWORK},
    {{"min-weight", required_argument, NULL, O_MIN_WEIGHT}, OPT_NETWORK},
    {{"top-ties", required_argument, NULL, O_TOP_TIES}, OPT_NETWORK},
    {{"tie", required_argument, NULL, O_TIE}, OPT_NETWORK},
    {{"duplicates", required_argument, NULL, O_DUPLICATES}, OPT_NETWORK},
    {{"method", required_argument, NULL, O_METHOD}, OPT_COALITION},
    {{"seed", required_argument, NULL, O_SEED}, OPT_COALITION},
    {{"runs", required_argument, NULL, O_RUNS}, OPT_COALITION},
    {{"gamma", required_argument, NULL, O_GAMMA}, OPT_COALITION},
    {{"gamma-minus", required_argument, NULL, O_GAMMA_MINUS}, OPT_COALITION},
    {{"output", required_argument, NULL, 'o'}, OPT_OUTPUT},
    {{"format", required_argument, NULL, O_FORMAT}, OPT_FORMAT},
    {{"sort", required_argument, NULL, O_SORT}, OPT_TABLE},
    {{"top", required_argument, NULL, O_TOP}, OPT_TABLE},
    {{"sources", required_argument, NULL, O_SOURCES}, OPT_VERIFY},
    {{"dynamic", no_argument, NULL, O_DYNAMIC}, OPT_DYNAMIC},
    {{"quiet", no_argument, NULL, O_QUIET}, OPT_QUIET},
    {{"layout", required_argument, NULL, O_LAYOUT}, OPT_LAYOUT},
    {{"camps", required_argument, NULL, O_CAMPS}, OPT_POLAR},
    {{"threads", required_argument, NULL, O_THREADS}, OPT_ALL},
    {{"engine", required_argument, NULL, O_ENGINE}, OPT_ENGINE},
    {{"window", required_argument, NULL, O_WINDOW}, OPT_WINDOW},
    {{"step", required_argument, NULL, O_STEP}, OPT_WINDOW},
    {{"kernel", required_argument, NULL, O_KERNEL}, OPT_WINDOW},
    {{"indent", no_argument, NULL, O_INDENT}, OPT_WINDOW},
    {{"phases", required_argument, NULL, O_PHASES}, OPT_WINDOW},
    {{"dimensions", required_argument, NULL, O_DIMENSIONS}, OPT_SCALE},
    {{"anchor", required_argument, NULL, O_ANCHOR}, OPT_SCALE},
    {{"lopsided", required_argument, NULL, O_LOPSIDED}, OPT_SCALE},
    {{"min-votes", required_argument, NULL, O_MIN_VOTES}, OPT_SCALE},
    {{"strict", no_argument, NULL, O_STRICT}, OPT_STRICT},
    {{"title", required_argument, NULL, O_TITLE}, OPT_TITLE},
    {{"name", required_argument, NULL, O_NAME}, OPT_NAMES},
    {{"names", required_argument, NULL, O_NAMES}, OPT_NAMES},
    {{"scale", no_argument, NULL, O_SCALE}, OPT_REPORT},
    {{"all", no_argument, NULL, O_FULL}, OPT_FULL},
    {{"help", no_argument, NULL, O_HELP}, 0},
};

#define NOPTIONS (sizeof options / sizeof *options)

static const grouped_option *find_option(int val)
{
    for (size_t i = 0; i < NOPTIONS; i++)
        if (options[i].opt.val == val)
            return &options[i];
    return NULL;
}

static int push(cli_opts *o, int list, const char *value)
{
    const char **grown =
        realloc(o->lists[list], (o->nlists[list] + 1) * sizeof *grown);
    if (!grown)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    grown[o->nlists[list]++] = value;
    o->lists[list] = grown;
    return 0;
}

static int parse_number(double *out, const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_choice(int *out, const char *s, const char *const *names)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return 0;
        }
    return -1;
}

static const char *const network_names[] = {"stances", "actors", "proposals",
                                            NULL};
static const char *const normalize_names[] = {"none", "jaccard", "cosine",
                                              "average", NULL};
static const char *const count_names[] = {"proposals", "statements", NULL};
static const char *const tie_names[] = {"subtract", "congruence", "conflict",
                                        "positive", NULL};
static const char *const duplicates_names[] = {
    "include", "document", "week", "month", "year", "acrossrange", NULL};
static const char *const by_names[] = {"actor", "group", NULL};
static const char *const input_names[] = {"auto", "json", "csv", "tsv", "dna",
                                          NULL};

static int apply(cli_opts *o, int c, const char *arg)
{
    const char *cmd = o->command;
    int choice;
    double num;
    switch (c) {
    case O_INPUT_FORMAT:
        /* Voteview's format comes after the DNA database in the enum,
         * which cannot be asked for (it is known by its header). */
        if (strcasecmp(arg, "voteview") == 0) {
            o->load.format = SG_FORMAT_VOTEVIEW;
            return 0;
        }
        if (parse_choice(&choice, arg, input_names))
            return cli_usage_error(cmd, "--input-format: expected auto, json, "
                                        "csv, tsv, dna or voteview, not '%s'",
                                   arg);
        o->load.format = (sg_input_format)choice;
        return 0;
    case O_ACTOR: o->load.actor_column = arg; return 0;
    case O_PROPOSAL: o->load.proposal_column = arg; return 0;
    case O_STATEMENT_TYPE: o->load.statement_type = arg; return 0;
    case O_QUALIFIER: o->load.qualifier = arg; return 0;
    case O_GROUP: o->load.group_column = arg; return 0;
    case O_POSITION: o->load.position_column = arg; return 0;
    case O_ACTOR_ATTRIBUTES: o->load.actor_attributes = arg; return 0;
    case O_PROPOSAL_ATTRIBUTES: o->load.proposal_attributes = arg; return 0;
    case O_MEMBERS: o->load.members = arg; return 0;
    case O_ROLLCALLS: o->load.rollcalls = arg; return 0;
    case O_DELIMITER:
        /* "\t" and "tab" for the character a shell makes hard to type. */
        if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
            arg = "\t";
        if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' ||
            arg[0] == '\r')
            return cli_usage_error(cmd, "--delimiter: expected one character "
                                        "(',', ';', tab, '|', ...), not '%s'",
                                   arg);
        o->load.delimiter = arg[0];
        return 0;
    case O_NETWORK:
        if (parse_choice(&choice, arg, network_names))
            return cli_usage_error(cmd, "--network: expected stances, actors "
                                        "or proposals, not '%s'", arg);
        o->net.kind = (sg_network_kind)choice;
        o->network_given = 1;
        return 0;
    case O_NORMALIZE:
        if (parse_choice(&choice, arg, normalize_names))
            return cli_usage_error(cmd, "--normalize: expected none, jaccard, "
                                        "cosine or average, not '%s'", arg);
        o->net.normalize = (sg_normalize)choice;
        return 0;
    case O_COUNT:
        if (parse_choice(&choice, arg, count_names))
            return cli_usage_error(cmd, "--count: expected proposals or "
                                        "statements, not '%s'", arg);
        o->net.count = (sg_count_mode)choice;
        return 0;
    case O_BY:
        if (parse_choice(&choice, arg, by_names))
            return cli_usage_error(cmd, "--by: expected actor or group, "
                                        "not '%s'", arg);
        o->net.by_group = choice;
        return 0;
    case O_FROM:
    case O_TO: {
        int32_t d;
        if (sg_date_parse(&d, arg, 0))
            return cli_usage_error(cmd, "%s: expected a date YYYY-MM-DD, "
                                        "not '%s'",
                                   c == O_FROM ? "--from" : "--to", arg);
        if (c == O_FROM)
            o->net.from = d;
        else
            o->net.to = d;
        return 0;
    }
    case O_SOURCE: return push(o, 0, arg) ? EXIT_RUNTIME : 0;
    case O_ACTOR_TYPE: return push(o, 1, arg) ? EXIT_RUNTIME : 0;
    case O_TOPIC: return push(o, 2, arg) ? EXIT_RUNTIME : 0;
    case O_EXCLUDE: return push(o, 3, arg) ? EXIT_RUNTIME : 0;
    case O_MIN_WEIGHT:
        if (parse_number(&num, arg) || num < 0)
            return cli_usage_error(cmd, "--min-weight: expected a number "
                                        ">= 0, not '%s'", arg);
        o->net.min_weight = num;
        return 0;
    case O_TOP_TIES: {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(arg, &end, 10);
        if (end == arg || *end || errno || arg[0] == '-' || v < 1 ||
            v > 1000000)
            return cli_usage_error(cmd, "--top-ties: expected a whole number "
                                        "1..1000000, not '%s'", arg);
        o->net.top_ties = (size_t)v;
        return 0;
    }
    case O_TIE:
        if (parse_choice(&choice, arg, tie_names))
            return cli_usage_error(cmd, "--tie: expected subtract, congruence, "
                                        "conflict or positive, not '%s'", arg);
        o->net.tie = (sg_tie_mode)choice;
        return 0;
    case O_DUPLICATES:
        if (parse_choice(&choice, arg, duplicates_names))
            return cli_usage_error(cmd, "--duplicates: expected include, "
                                        "document, week, month, year or "
                                        "acrossrange, not '%s'", arg);
        o->net.duplicates = (sg_duplicates)choice;
        return 0;
    case O_CAMPS: {
        char *end;
        errno = 0;
        unsigned long v = strtoul(arg, &end, 10);
        if (end == arg || *end || errno || arg[0] == '-' || v < 2 || v > 64)
            return cli_usage_error(cmd, "--camps: expected a whole number "
                                        "2..64, not '%s'", arg);
        o->camps = (size_t)v;
        return 0;
    }
    case O_METHOD:
        if (sg_method_parse(&o->coal.method, arg))
            return cli_usage_error(cmd, "--method: %s", sg_error_last());
        return 0;
    case O_SEED: {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(arg, &end, 10);
        if (end == arg || *end || errno || arg[0] == '-' || v > 0xFFFFFFFFULL)
            return cli_usage_error(cmd, "--seed: expected a whole number "
                                        "0..4294967295, not '%s'", arg);
        o->coal.seed = (unsigned long)v;
        return 0;
    }
    case O_RUNS: {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(arg, &end, 10);
        if (end == arg || *end || errno || arg[0] == '-' || v < 1 ||
            v > SG_MAX_RUNS)
            return cli_usage_error(cmd, "--runs: expected a whole number "
                                        "1..%d, not '%s'", SG_MAX_RUNS, arg);
        o->coal.runs = (size_t)v;
        return 0;
    }
    case O_GAMMA:
    case O_GAMMA_MINUS:
        if (parse_number(&num, arg) || num < 0)
            return cli_usage_error(cmd, "%s: expected a number >= 0, not '%s'",
                                   c == O_GAMMA ? "--gamma" : "--gamma-minus",
                                   arg);
        if (c == O_GAMMA)
            o->coal.gamma = num;
        else
            o->coal.gamma_minus = num;
        return 0;
    case 'o': o->output = arg; return 0;
    case O_FORMAT: o->format = arg; return 0;
    case O_SORT: o->sort = arg; return 0;
    case O_TOP: {
        char *end;
        errno = 0;
        long v = strtol(arg, &end, 10);
        if (end == arg || *end || errno || v < 1)
            return cli_usage_error(cmd, "--top: expected a whole number >= 1, "
                                        "not '%s'", arg);
        o->top = v;
        return 0;
    }
    case O_SOURCES: o->sources_dir = arg; return 0;
    case O_DYNAMIC: o->dynamic = 1; return 0;
    case O_QUIET: o->quiet = 1; return 0;
    case O_LAYOUT: o->layout = arg; return 0;
    case O_THREADS: {
        char *end;
        errno = 0;
        unsigned long v = strtoul(arg, &end, 10);
        if (end == arg || *end || errno || arg[0] == '-' || v > 64)
            return cli_usage_error(cmd, "--threads: expected a whole number "
                                        "0..64 (0: one per CPU), not '%s'",
                                   arg);
        sg_threads_set((unsigned)v);
        return 0;
    }
    case O_ENGINE: o->engine = arg; return 0;
    case O_WINDOW:
    case O_STEP:
        if (sg_span_parse(c == O_WINDOW ? &o->timeline.window
                                        : &o->timeline.step,
                          arg))
            return cli_usage_error(cmd, "%s: %s",
                                   c == O_WINDOW ? "--window" : "--step",
                                   sg_error_last());
        return 0;
    case O_KERNEL:
        if (sg_kernel_parse(&o->timeline.kernel, arg))
            return cli_usage_error(cmd, "--kernel: %s", sg_error_last());
        return 0;
    case O_INDENT: o->timeline.indent = 1; return 0;
    case O_PHASES: {
        char *end;
        errno = 0;
        long v = strtol(arg, &end, 10);
        if (end == arg || *end || errno || v < 2 || v > 1000)
            return cli_usage_error(cmd, "--phases: expected a whole number "
                                        "2..1000, not '%s'", arg);
        o->timeline.phases = (size_t)v;
        return 0;
    }
    case O_DIMENSIONS:
        if (strcmp(arg, "1") && strcmp(arg, "2"))
            return cli_usage_error(cmd, "--dimensions: expected 1 or 2, "
                                        "not '%s'", arg);
        o->scale.dimensions = arg[0] - '0';
        return 0;
    case O_ANCHOR: o->scale.anchor = arg; return 0;
    case O_SCALE: o->scale_wanted = 1; return 0;
    case O_LOPSIDED:
        if (parse_number(&num, arg) || num < 0 || num >= 0.5)
            return cli_usage_error(cmd, "--lopsided: expected a share in "
                                        "[0, 0.5), not '%s'", arg);
        o->scale.lopsided = num;
        return 0;
    case O_MIN_VOTES: {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(arg, &end, 10);
        if (end == arg || *end || errno || arg[0] == '-' || v < 1 ||
            v > 1000000000)
            return cli_usage_error(cmd, "--min-votes: expected a whole "
                                        "number >= 1, not '%s'", arg);
        o->scale.min_votes = (size_t)v;
        return 0;
    }
    case O_STRICT: o->strict = 1; return 0;
    case O_TITLE: o->title = arg; return 0;
    case O_FULL: o->all = 1; return 0;
    case O_NAME: return push(o, 4, arg) ? EXIT_RUNTIME : 0;
    case O_NAMES: o->names_file = arg; return 0;
    }
    return cli_usage_error(cmd, "internal: unhandled option");
}

int cli_layout_options(sg_layout_options *out, const cli_opts *o,
                       sg_layout_method fallback)
{
    sg_layout_options_init(out);
    out->method = fallback;
    out->seed = o->coal.seed;
    if (o->layout && sg_layout_method_parse(&out->method, o->layout))
        return cli_usage_error(o->command, "--layout: %s", sg_error_last());
    return 0;
}

/* --names FILE: at most this many bytes (a name a line). */
#define NAMES_FILE_MAX (1 << 20)

static int read_names_file(cli_labels *l, const cli_opts *o)
{
    FILE *f = fopen(o->names_file, "rb");
    if (!f && errno == ENOMEM) /* fopen allocates its FILE */
        return cli_fail(EXIT_RUNTIME, "out of memory");
    if (!f)
        return cli_fail(EXIT_RUNTIME, "cannot read --names %s: %s",
                        o->names_file, strerror(errno));
    l->text = malloc(NAMES_FILE_MAX + 1);
    size_t len = l->text ? fread(l->text, 1, NAMES_FILE_MAX + 1, f) : 0;
    int bad = l->text && ferror(f);
    fclose(f);
    if (!l->text)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    if (bad)
        return cli_fail(EXIT_RUNTIME, "cannot read --names %s",
                        o->names_file);
    if (len > NAMES_FILE_MAX)
        return cli_usage_error(o->command, "--names %s: larger than 1 MB",
                               o->names_file);
    l->text[len] = '\0';
    if (strlen(l->text) != len)
        return cli_usage_error(o->command, "--names %s: not a text file",
                               o->names_file);
    return 0;
}

int cli_labels_get(cli_labels *out, const cli_opts *o, const sg_analysis *a)
{
    memset(out, 0, sizeof *out);
    size_t given = o->nlists[4];
    int rc;
    if (!given && !o->names_file)
        return 0;
    if (o->names_file && (rc = read_names_file(out, o)))
        return rc;
    /* Lines of FILE (without CR, blanks and # comments), then --name. */
    size_t lines = 1;
    for (const char *c = out->text; c && *c; c++)
        lines += *c == '\n';
    out->specs = malloc((given + lines) * sizeof *out->specs);
    out->name = malloc((a->ncoalitions + 1) * sizeof *out->name);
    if (!out->specs || !out->name)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    size_t n = 0;
    for (char *line = out->text; line && *line;) {
        char *end = strchr(line, '\n'), *next = end ? end + 1 : NULL;
        if (!end)
            end = line + strlen(line);
        *end = '\0';
        if (end > line && end[-1] == '\r')
            *--end = '\0';
        if (*line && *line != '#')
            out->specs[n++] = line;
        line = next;
    }
    for (size_t i = 0; i < given; i++)
        out->specs[n++] = o->lists[4][i];
    out->n = a->ncoalitions;
    int sg = sg_coalition_labels(out->name, a, out->specs, n);
    if (sg == SG_EUSAGE)
        return cli_usage_error(o->command, "%s: %s",
                               !o->names_file ? "--name"
                               : given        ? "--name/--names"
                                              : "--names",
                               sg_error_last());
    return sg ? cli_fail_sg(sg) : 0;
}

void cli_labels_free(cli_labels *l)
{
    free(l->name);
    free(l->specs);
    free(l->text);
    memset(l, 0, sizeof *l);
}

int cli_parse(cli_opts *o, const char *command, unsigned groups,
              const char *help, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->command = command;
    sg_network_options_init(&o->net);
    sg_coalition_options_init(&o->coal);
    sg_timeline_options_init(&o->timeline);
    sg_scale_options_init(&o->scale);

    struct option longopts[NOPTIONS + 1];
    for (size_t i = 0; i < NOPTIONS; i++)
        longopts[i] = options[i].opt;
    memset(&longopts[NOPTIONS], 0, sizeof longopts[NOPTIONS]);

    /* '+' stops at the first operand only for POSIX mode; we want options
     * anywhere, as git does, so keep GNU permutation. ':' reports a missing
     * argument distinctly from an unknown option. */
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
        if (c == 'h' || c == O_HELP) {
            fputs(help, stdout);
            return -1;
        }
        if (c == '?') {
            if (optopt)
                return cli_usage_error(command, "unknown option '-%c'", optopt);
            return cli_usage_error(command, "unknown option '%s'",
                                   argv[optind - 1]);
        }
        if (c == ':')
            return cli_usage_error(command, "option '%s' needs a value",
                                   argv[optind - 1]);
        const grouped_option *g = find_option(c);
        if (!g || !(g->group & (groups | OPT_ALL))) {
            /* Name the option itself: argv[optind - 1] may be its value. */
            if (c == 'o')
                return cli_usage_error(command,
                                       "option '-o' is not valid for '%s'",
                                       command);
            return cli_usage_error(command,
                                   "option '--%s' is not valid for '%s'",
                                   g ? g->opt.name : "?", command);
        }
        int rc = apply(o, c, optarg);
        if (rc)
            return rc;
    }
    if (optind >= argc)
        return cli_usage_error(command, "missing FILE operand");
    if (optind + 1 < argc)
        return cli_usage_error(command, "unexpected operand '%s'",
                               argv[optind + 1]);
    o->input = argv[optind];

    o->net.sources = o->lists[0];
    o->net.nsources = o->nlists[0];
    o->net.actor_types = o->lists[1];
    o->net.nactor_types = o->nlists[1];
    o->net.topics = o->lists[2];
    o->net.ntopics = o->nlists[2];
    o->net.exclude = o->lists[3];
    o->net.nexclude = o->nlists[3];
    if (o->net.from != SG_NO_DATE && o->net.to != SG_NO_DATE &&
        o->net.from > o->net.to)
        return cli_usage_error(command, "--from is after --to");
    return 0;
}

void cli_opts_free(cli_opts *o)
{
    for (int i = 0; i < 5; i++)
        free(o->lists[i]);
}

int cli_load(sg_corpus **out, const cli_opts *o, int keep_text)
{
    *out = NULL;
    sg_load_options lo = o->load;
    lo.skip_text = !keep_text;
    sg_diag *diag = sg_diag_new(50);
    if (!diag)
        return cli_fail(EXIT_RUNTIME, "out of memory");
    cli_progress(o, "loading");
    int rc = sg_corpus_load(out, o->input, &lo, diag);
    size_t n = sg_diag_count(diag), shown_errors = 0;
    for (size_t i = 0; i < n; i++) {
        int warning = sg_diag_level_at(diag, i) == SG_DIAG_WARNING;
        shown_errors += !warning;
        fprintf(stderr, "stancegraph: %s%s\n", warning ? "warning: " : "",
                sg_diag_message(diag, i));
    }
    size_t more = sg_diag_errors(diag) - shown_errors;
    size_t more_warnings = sg_diag_warnings(diag) - (n - shown_errors);
    if (rc == SG_ENOMEM)
        fprintf(stderr, "stancegraph: %s\n", sg_error_name(rc));
    else if (rc && shown_errors == 0)
        fprintf(stderr, "stancegraph: %s\n", sg_error_last());
    else if (more)
        fprintf(stderr, "stancegraph: ... and %zu more error%s\n", more,
                more == 1 ? "" : "s");
    if (more_warnings)
        fprintf(stderr, "stancegraph: ... and %zu more warning%s\n",
                more_warnings, more_warnings == 1 ? "" : "s");
    sg_diag_free(diag);
    return cli_exit_code(rc);
}

static void analysis_stage(const char *stage, void *ctx)
{
    cli_progress(ctx, stage);
}

sg_coalition_options cli_coalition_options(const cli_opts *o)
{
    sg_coalition_options c = o->coal;
    c.progress = analysis_stage;
    c.progress_ctx = (void *)o;
    return c;
}

static struct timespec progress_start, step_start;
static int progress_started, bar_shown;
static double last_bar;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) +
           (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The bar of a long step, on the line below its stage line, redrawn at most
 * ten times a second once the step has run a second; the next stage line
 * takes its place. */
static void progress_bar(double share, void *ctx)
{
    (void)ctx;
    double t = seconds_since(&step_start);
    if (t < 1 || (t - last_bar < 0.1 && share < 1) || share <= 0)
        return;
    last_bar = t;
    enum { WIDTH = 30 };
    char bar[WIDTH + 1];
    int filled = (int)(share * WIDTH + 0.5);
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = '\0';
    double eta = t * (1 - share) / share;
    fprintf(stderr, "\rstancegraph: [%s] %3.0f%%  ETA %2d:%02d ", bar,
            share * 100, (int)(eta / 60), (int)eta % 60);
    bar_shown = 1;
}

/* Take the bar off its line before a message is printed there. */
static void progress_clear(void)
{
    if (bar_shown)
        fputs("\r\033[K", stderr);
    bar_shown = 0;
}

/* Stage lines carry the time since the first one, so a user waiting on a
 * big corpus sees which step takes the time; long steps add a bar with the
 * share done and an estimate of the time left (sg_progress_set). */
void cli_progress(const cli_opts *o, const char *stage)
{
    if (o->quiet || !isatty(STDERR_FILENO))
        return;
    if (!progress_started) {
        clock_gettime(CLOCK_MONOTONIC, &progress_start);
        progress_started = 1;
        sg_progress_set(progress_bar, NULL);
    }
    progress_clear();
    last_bar = 0;
    clock_gettime(CLOCK_MONOTONIC, &step_start);
    fprintf(stderr, "stancegraph: [%6.2f s] %s%s\n",
            seconds_since(&progress_start), stage,
            strcmp(stage, "done") ? "..." : "");
}
