/* stancegraph scale: ideal points of actors and the midpoints of
 * proposals, as a table, CSV or JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_analysis.h"

static const char help[] =
    "usage: stancegraph scale [options] FILE\n"
    "\n"
    "Ideal points: where each actor stands on one or two dimensions, from\n"
    "the signed actor x proposal matrix alone (support = yea, oppose = nay;\n"
    "a missing stance is missing, not opposition). The model is the\n"
    "two-parameter logistic item-response model of roll-call voting, fitted\n"
    "by maximum a posteriori with the priors of pscl's ideal(); it never\n"
    "builds the actor network, so it runs on platform-sized corpora.\n"
    "\n"
    "Each dimension has mean 0 and standard deviation 1 over the scaled\n"
    "actors; with two, dim1 is the direction along which actors spread\n"
    "most. Orientation: the --anchor actor is on the positive side of each\n"
    "dimension; without one, the first actor in input order is.\n"
    "\n"
    "Actors: dim1 [dim2], se1 [se2] (standard errors), votes (on scaled\n"
    "proposals), then their attributes (party, state, ...) as in metrics.\n"
    "Proposals: dim1 [dim2] (the midpoint: where the cutting\n"
    "line crosses, kept within the actors' range), discrimination (how\n"
    "sharply it divides), polarity (+1: support lies on the positive side\n"
    "of dim1), yea, nay, lopsided (1: skipped). Fit: the share of votes the\n"
    "model classifies correctly, APRE (the proportional reduction of the\n"
    "errors of 'everyone votes with the majority') and GMP (geometric mean\n"
    "probability of the votes).\n"
    "\n"
    "Options:\n"
    "  --dimensions D     1 (default) or 2\n"
    "  --anchor ID        put this actor on the positive side\n"
    "  --lopsided SHARE   skip proposals whose losing side has less than\n"
    "                     SHARE of the votes (default 0.025, as NOMINATE;\n"
    "                     0 skips only unanimous ones)\n"
    "  --min-votes N      leave actors with fewer than N votes on scaled\n"
    "                     proposals unscaled (default 1)\n"
    "  --format F         table (default), csv or json\n"
    "  --sort COLUMN      sort both tables by COLUMN, numbers descending,\n"
    "                     text ascending; an actor attribute (party,\n"
    "                     state, ...) sorts the actors (default: dim1\n"
    "                     ascending, left to right)\n"
    "  --top N            print only the first N rows of each table\n"
    "  --by B             actor (default) or group: scale groups\n"
    "  --from DATE, --to DATE, --source ID, --actor-type T, --topic T,\n"
    "  --exclude ID       filters, as for metrics\n"
    "  --input-format F   json, csv, tsv, dna, voteview (default: detect)\n"
    "  --actor COLUMN     table column naming the actor\n"
    "  --proposal COLUMN  table column naming the proposal\n"
    CLI_INPUT_MORE_HELP
    "  --quiet            no progress messages\n"
    "  -h, --help         show this help\n"
    "\n"
    "CSV columns: id,label,dim1[,dim2],kind,group,se1[,se2],votes,\n"
    "discrimination,polarity,yea,nay,lopsided[,attributes] (actors first,\n"
    "then proposals, in input order). JSON: {\"dimensions\", \"fit\": {...},\n"
    "\"actors\": [...], \"proposals\": [...]}.\n"
    "\n"
    "Cost: O(stances) per iteration, at most 500 iterations; memory\n"
    "O(stances).\n"
    "\n"
    "Exit status: 0 ok, 1 runtime failure, 2 usage error, 3 invalid input.\n";

typedef enum { F_TABLE, F_CSV, F_JSON } format;

/* Columns a table can be sorted by. */
static const char *const actor_cols[] = {"id", "label", "group", "dim1",
                                         "dim2", "se1", "se2", "votes", NULL};
static const char *const proposal_cols[] = {
    "id",       "label", "dim1", "dim2",     "discrimination",
    "polarity", "yea",   "nay",  "lopsided", NULL};

/* An actor attribute the analyst joined (party, state, ...): a column
 * after votes, named as metrics and the exports name it. */
typedef struct {
    char buf[128];    /* attr_ + the key, see cli_attribute_name */
    const char *name; /* buf or buf + 5 */
    size_t key;       /* index into the corpus's actor_keys */
    sg_value_type type;
} attr_col;

typedef struct {
    const sg_corpus *c;
    const sg_scale *s;
    int by_group;
    attr_col *attrs; /* none when scaling groups */
    size_t nattrs;
} view;

static const char *actor_label(const view *v, size_t i)
{
    if (v->by_group)
        return v->s->actor_id[i];
    return v->c->actors[v->s->actor_entity[i]].label;
}

static const char *actor_group(const view *v, size_t i)
{
    if (v->by_group)
        return NULL;
    return v->c->actors[v->s->actor_entity[i]].group;
}

static const char *proposal_label(const view *v, size_t j)
{
    return v->c->proposals[v->s->proposal_entity[j]].label;
}

/* A numeric cell; NaN = missing. */
static double actor_num(const view *v, size_t i, const char *col)
{
    const sg_scale *s = v->s;
    int d = s->dimensions;
    if (!strcmp(col, "dim1"))
        return s->actor_pos[i * d];
    if (!strcmp(col, "dim2"))
        return d > 1 ? s->actor_pos[i * d + 1] : NAN;
    if (!strcmp(col, "se1"))
        return s->actor_se[i * d];
    if (!strcmp(col, "se2"))
        return d > 1 ? s->actor_se[i * d + 1] : NAN;
    if (!strcmp(col, "votes"))
        return (double)s->actor_votes[i];
    return NAN;
}

static double proposal_num(const view *v, size_t j, const char *col)
{
    const sg_scale *s = v->s;
    int d = s->dimensions;
    if (!strcmp(col, "dim1"))
        return s->proposal_pos[j * d];
    if (!strcmp(col, "dim2"))
        return d > 1 ? s->proposal_pos[j * d + 1] : NAN;
    if (!strcmp(col, "discrimination"))
        return s->proposal_discrimination[j];
    if (!strcmp(col, "polarity"))
        return s->proposal_polarity[j] ? s->proposal_polarity[j] : NAN;
    if (!strcmp(col, "yea"))
        return (double)s->proposal_yea[j];
    if (!strcmp(col, "nay"))
        return (double)s->proposal_nay[j];
    if (!strcmp(col, "lopsided"))
        return s->proposal_lopsided[j];
    return NAN;
}

static const char *row_text(const view *v, int proposals, size_t r,
                            const char *col)
{
    if (!strcmp(col, "id"))
        return proposals ? v->s->proposal_id[r] : v->s->actor_id[r];
    if (!strcmp(col, "label"))
        return proposals ? proposal_label(v, r) : actor_label(v, r);
    if (!strcmp(col, "group"))
        return proposals ? NULL : actor_group(v, r);
    return NULL;
}

static int is_text_col(const char *col)
{
    return !strcmp(col, "id") || !strcmp(col, "label") ||
           !strcmp(col, "group");
}

/* ---- sorting ------------------------------------------------------------ */

static const sg_value *attr_value(const view *v, size_t i, const attr_col *a);

static const view *sort_view;
static const char *sort_col;
static const attr_col *sort_attr; /* sorting actors by an attribute */
static int sort_props;
static int sort_default; /* dim1 ascending, then input order */

static double num_of(size_t r)
{
    return sort_props ? proposal_num(sort_view, r, sort_col)
                      : actor_num(sort_view, r, sort_col);
}

/* An attribute: text ascending, numbers (and booleans) descending, rows
 * without a value last. */
static int cmp_attr(size_t a, size_t b)
{
    const sg_value *s = attr_value(sort_view, a, sort_attr);
    const sg_value *t = attr_value(sort_view, b, sort_attr);
    if (!s || !t)
        return !s - !t;
    if (s->type == SG_VALUE_STRING || t->type == SG_VALUE_STRING) {
        if (s->type != t->type) /* text after numbers in a mixed column */
            return s->type == SG_VALUE_STRING ? 1 : -1;
        return strcmp(s->str, t->str);
    }
    return (s->num < t->num) - (s->num > t->num);
}

static int cmp_rows(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    if (sort_attr) {
        int c = cmp_attr(a, b);
        if (c)
            return c;
    } else if (is_text_col(sort_col)) {
        const char *s = row_text(sort_view, sort_props, a, sort_col);
        const char *t = row_text(sort_view, sort_props, b, sort_col);
        if (s && t && strcmp(s, t))
            return strcmp(s, t);
        if (!s != !t)
            return s ? -1 : 1;
    } else {
        double u = num_of(a), w = num_of(b);
        if (isnan(u) != isnan(w))
            return isnan(u) ? 1 : -1;
        if (!isnan(u) && u != w)
            return (u > w) == sort_default ? 1 : -1;
    }
    return a < b ? -1 : a > b;
}

static int has_col(const char *const *cols, const char *name, int d)
{
    if (d < 2 && (!strcmp(name, "dim2") || !strcmp(name, "se2")))
        return 0;
    for (size_t i = 0; cols[i]; i++)
        if (!strcmp(cols[i], name))
            return 1;
    return 0;
}

static int builtin_col(const char *name);

static const attr_col *find_attr(const view *v, const char *name)
{
    for (size_t a = 0; v && a < v->nattrs; a++)
        if (!strcmp(v->attrs[a].name, name))
            return &v->attrs[a];
    return NULL;
}

/* A column of the tables, or of the actors' attributes once v holds them
 * (v NULL: before loading, when any other name may still be one). */
static int check_sort(const char *sort, int d, const view *v)
{
    if (!sort || has_col(actor_cols, sort, d) ||
        has_col(proposal_cols, sort, d) || (!v && !builtin_col(sort)) ||
        find_attr(v, sort))
        return 0;
    char attrs[512] = "";
    size_t len = 0;
    for (size_t a = 0; v && a < v->nattrs && len < sizeof attrs; a++)
        len += (size_t)snprintf(attrs + len, sizeof attrs - len, ", %s",
                                v->attrs[a].name);
    return cli_usage_error("scale",
                           "--sort: no column '%s' in the scale tables; "
                           "actors have id, label, group, dim1%s, se1%s, "
                           "votes%s; proposals id, label, dim1%s, "
                           "discrimination, polarity, yea, nay, lopsided",
                           sort, d > 1 ? ", dim2" : "", d > 1 ? ", se2" : "",
                           attrs, d > 1 ? ", dim2" : "");
}

/* Rows of one table in display order: NULL on allocation failure. */
static size_t *order(const view *v, int proposals, const cli_opts *o,
                     int sorted, size_t *n)
{
    *n = proposals ? v->s->nproposals : v->s->nactors;
    size_t *rows = malloc((*n ? *n : 1) * sizeof *rows);
    if (!rows)
        return NULL;
    for (size_t r = 0; r < *n; r++)
        rows[r] = r;
    const char *const *cols = proposals ? proposal_cols : actor_cols;
    sort_view = v;
    sort_props = proposals;
    sort_default = !o->sort;
    sort_col = o->sort ? o->sort : "dim1";
    sort_attr = proposals || has_col(cols, sort_col, v->s->dimensions)
                    ? NULL
                    : find_attr(v, sort_col);
    if ((sorted || o->sort) &&
        (sort_attr || has_col(cols, sort_col, v->s->dimensions)))
        qsort(rows, *n, sizeof *rows, cmp_rows);
    if (o->top > 0 && (size_t)o->top < *n)
        *n = (size_t)o->top;
    return rows;
}

/* ---- actor attributes --------------------------------------------------- */

static int builtin_col(const char *name)
{
    return !*name || !strcmp(name, "kind") || has_col(actor_cols, name, 2) ||
           has_col(proposal_cols, name, 2);
}

/* The attribute columns of v's actors; 0, or -1 when out of memory. */
static int plan_attrs(view *v)
{
    const sg_corpus *c = v->c;
    v->nattrs = 0;
    if (v->by_group || !c->nactor_keys)
        return 0;
    v->attrs = calloc(c->nactor_keys, sizeof *v->attrs);
    if (!v->attrs)
        return -1;
    for (size_t k = 0; k < c->nactor_keys; k++) {
        attr_col *a = &v->attrs[v->nattrs];
        if (cli_attribute_name(a->buf, sizeof a->buf, c->actor_keys[k].name))
            continue;
        a->name = builtin_col(a->buf + 5) ? a->buf : a->buf + 5;
        int taken = 0; /* two keys alike but for their punctuation */
        for (size_t b = 0; b < v->nattrs; b++)
            taken |= !strcmp(v->attrs[b].name, a->name);
        if (taken)
            continue;
        a->key = k;
        a->type = c->actor_keys[k].type;
        v->nattrs++;
    }
    return 0;
}

static const sg_value *attr_value(const view *v, size_t i, const attr_col *a)
{
    const sg_entity *e = &v->c->actors[v->s->actor_entity[i]];
    for (size_t k = 0; k < e->nattrs; k++)
        if (e->attrs[k].key == a->key &&
            e->attrs[k].value.type != SG_VALUE_NONE)
            return &e->attrs[k].value;
    return NULL;
}

/* A value as metrics shows it: a text column shows numbers in their
 * shortest form and booleans as true/false; a number column shows 3
 * decimals in the table (`table`) and the shortest form elsewhere. NULL
 * when there is none. */
static const char *attr_text(char *buf, size_t size, const attr_col *a,
                             const sg_value *x, int table)
{
    if (!x)
        return NULL;
    if (x->type == SG_VALUE_STRING)
        return x->str;
    if (a->type == SG_VALUE_STRING && x->type == SG_VALUE_BOOL)
        snprintf(buf, size, "%s", x->num ? "true" : "false");
    else if (table && a->type != SG_VALUE_STRING)
        snprintf(buf, size, x->type == SG_VALUE_BOOL ? "%.0f" : "%.3f",
                 x->num);
    else
        cli_format_number(buf, size, x->num);
    return buf;
}

/* ---- text --------------------------------------------------------------- */

#define LABEL_WIDTH 40

#define width cli_text_width

/* Print s padded (or cut with an ellipsis) to exactly w code points. */
static void put_cell(const char *s, size_t w, int last)
{
    size_t sw = width(s);
    if (sw <= w) {
        fputs(s, stdout);
        if (!last)
            printf("%*s", (int)(w - sw), "");
        return;
    }
    size_t i = 0;
    for (size_t k = 0; k + 1 < w; k++)
        do
            i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80);
    fwrite(s, 1, i, stdout);
    fputs("\xE2\x80\xA6", stdout);
}

/* `wat` has room for the width of each attribute column. */
static void print_text_table(const view *v, int proposals, const size_t *rows,
                             size_t n, size_t total, size_t *wat)
{
    int d = v->s->dimensions;
    const char *num_a[] = {"dim1", "dim2", "se1", "se2", "votes", NULL};
    const char *num_p[] = {"dim1", "dim2", "discrimination", "yea", "nay",
                           NULL};
    const char **num = proposals ? num_p : num_a;
    size_t wid = 2, wlab = 5, wgrp = 0, nattrs = proposals ? 0 : v->nattrs;
    char buf[64];
    for (size_t a = 0; a < nattrs; a++)
        wat[a] = width(v->attrs[a].name);
    for (size_t r = 0; r < n; r++) {
        size_t i = rows[r];
        const char *id = row_text(v, proposals, i, "id");
        const char *lab = row_text(v, proposals, i, "label");
        const char *grp = row_text(v, proposals, i, "group");
        wid = fmax(wid, fmin(width(id), LABEL_WIDTH));
        wlab = fmax(wlab, fmin(width(lab), LABEL_WIDTH));
        if (grp)
            wgrp = fmax(wgrp, fmin(fmax(width(grp), 5), 20));
        for (size_t a = 0; a < nattrs; a++) {
            const char *t = attr_text(buf, sizeof buf, &v->attrs[a],
                                      attr_value(v, i, &v->attrs[a]), 1);
            wat[a] = fmax(wat[a], fmin(width(t ? t : "-"), LABEL_WIDTH));
        }
    }
    printf("%s (%zu%s)\n", proposals ? "Proposals" : "Actors", total,
           n < total ? ", first rows" : "");
    put_cell("id", wid, 0);
    fputs("  ", stdout);
    put_cell("label", wlab, 0);
    if (wgrp) {
        fputs("  ", stdout);
        put_cell("group", wgrp, 0);
    }
    for (size_t c = 0; num[c]; c++) {
        if (d < 2 && (!strcmp(num[c], "dim2") || !strcmp(num[c], "se2")))
            continue;
        printf("  %*s", strcmp(num[c], "discrimination") ? 6 : 14, num[c]);
    }
    if (proposals)
        fputs("  note", stdout);
    for (size_t a = 0; a < nattrs; a++) {
        fputs("  ", stdout);
        if (v->attrs[a].type == SG_VALUE_STRING)
            put_cell(v->attrs[a].name, wat[a], a + 1 == nattrs);
        else
            printf("%*s", (int)wat[a], v->attrs[a].name);
    }
    putchar('\n');
    for (size_t r = 0; r < n; r++) {
        size_t i = rows[r];
        put_cell(row_text(v, proposals, i, "id"), wid, 0);
        fputs("  ", stdout);
        put_cell(row_text(v, proposals, i, "label"), wlab, 0);
        if (wgrp) {
            const char *g = row_text(v, proposals, i, "group");
            fputs("  ", stdout);
            put_cell(g ? g : "-", wgrp, 0);
        }
        for (size_t c = 0; num[c]; c++) {
            if (d < 2 && (!strcmp(num[c], "dim2") || !strcmp(num[c], "se2")))
                continue;
            double x = proposals ? proposal_num(v, i, num[c])
                                 : actor_num(v, i, num[c]);
            int w = strcmp(num[c], "discrimination") ? 6 : 14;
            int count = !strcmp(num[c], "votes") || !strcmp(num[c], "yea") ||
                        !strcmp(num[c], "nay");
            if (isnan(x))
                printf("  %*s", w, "-");
            else
                printf(count ? "  %*.0f" : "  %*.3f", w, x);
        }
        if (proposals) {
            int pol = v->s->proposal_polarity[i];
            fputs(v->s->proposal_lopsided[i] ? "  lopsided: skipped"
                  : pol > 0                  ? "  support on the + side"
                  : pol < 0                  ? "  support on the - side"
                                             : "  -",
                  stdout);
        }
        for (size_t a = 0; a < nattrs; a++) {
            const char *t = attr_text(buf, sizeof buf, &v->attrs[a],
                                      attr_value(v, i, &v->attrs[a]), 1);
            fputs("  ", stdout);
            if (v->attrs[a].type == SG_VALUE_STRING)
                put_cell(t ? t : "-", wat[a], a + 1 == nattrs);
            else
                printf("%*s", (int)wat[a], t ? t : "-");
        }
        putchar('\n');
    }
    putchar('\n');
}

static void print_summary(const view *v, const cli_opts *o)
{
    const sg_scale *s = v->s;
    printf("Ideal points: %zu of %zu %s on %d dimension%s, from %zu of %zu "
           "proposals\n",
           s->scaled_actors, s->nactors, v->by_group ? "groups" : "actors",
           s->dimensions, s->dimensions > 1 ? "s" : "", s->scaled_proposals,
           s->nproposals);
    if (s->lopsided)
        printf("Skipped: %zu lopsided or unanimous proposal%s (losing side "
               "under %.1f%% of the votes)\n",
               s->lopsided, s->lopsided == 1 ? "" : "s",
               100 * o->scale.lopsided);
    if (!s->scaled_actors) {
        printf("Nothing to scale: it takes at least two actors with votes on "
               "a divided proposal.\n\n");
        return;
    }
    printf("Fit: %.1f%% of %zu votes classified correctly, APRE %.3f, "
           "GMP %.3f (%d iterations%s)\n",
           100 * s->classified, s->votes, s->apre, s->gmp, s->iterations,
           s->converged ? "" : ", NOT converged");
    if (s->identified < s->dimensions)
        printf("dim2: not identified (one pattern of votes explains them all:\n"
               "  too few actors, or proposals that all divide them alike);\n"
               "  left empty, and dim1 is the one-dimensional fit\n");
    if (s->anchor >= 0)
        printf("Orientation: %s (%s) on the positive side%s\n",
               actor_label(v, (size_t)s->anchor), s->actor_id[s->anchor],
               o->scale.anchor ? "" : " (the first actor; --anchor ID to "
                                      "choose)");
    putchar('\n');
}

/* ---- CSV and JSON ------------------------------------------------------- */

static void put_fixed(double x, int count, const char *nan_text)
{
    if (isnan(x))
        fputs(nan_text, stdout);
    else
        printf(count ? "%.0f" : "%.6f", x);
}

static void print_csv(const view *v, const size_t *arows, size_t na,
                      const size_t *prows, size_t np)
{
    int d = v->s->dimensions;
    fputs(d > 1 ? "id,label,dim1,dim2,kind,group,se1,se2,votes,"
                : "id,label,dim1,kind,group,se1,votes,",
          stdout);
    fputs("discrimination,polarity,yea,nay,lopsided", stdout);
    for (size_t a = 0; a < v->nattrs; a++)
        printf(",%s", v->attrs[a].name);
    putchar('\n');
    for (size_t r = 0; r < na; r++) {
        size_t i = arows[r];
        cli_put_field(stdout, v->s->actor_id[i], ',');
        putchar(',');
        cli_put_field(stdout, actor_label(v, i), ',');
        for (int k = 0; k < d; k++) {
            putchar(',');
            put_fixed(v->s->actor_pos[i * d + k], 0, "");
        }
        fputs(",actor,", stdout);
        cli_put_field(stdout, actor_group(v, i), ',');
        for (int k = 0; k < d; k++) {
            putchar(',');
            put_fixed(v->s->actor_se[i * d + k], 0, "");
        }
        printf(",%zu,,,,,", v->s->actor_votes[i]);
        for (size_t a = 0; a < v->nattrs; a++) {
            char buf[64];
            putchar(',');
            cli_put_field(stdout,
                          attr_text(buf, sizeof buf, &v->attrs[a],
                                    attr_value(v, i, &v->attrs[a]), 0),
                          ',');
        }
        putchar('\n');
    }
    for (size_t r = 0; r < np; r++) {
        size_t j = prows[r];
        cli_put_field(stdout, v->s->proposal_id[j], ',');
        putchar(',');
        cli_put_field(stdout, proposal_label(v, j), ',');
        for (int k = 0; k < d; k++) {
            putchar(',');
            put_fixed(v->s->proposal_pos[j * d + k], 0, "");
        }
        fputs(",proposal,", stdout);
        for (int k = 0; k < d; k++)
            putchar(',');
        printf(",%zu,", v->s->proposal_yea[j] + v->s->proposal_nay[j]);
        put_fixed(v->s->proposal_discrimination[j], 0, "");
        putchar(',');
        if (v->s->proposal_polarity[j])
            printf("%d", v->s->proposal_polarity[j]);
        printf(",%zu,%zu,%d", v->s->proposal_yea[j], v->s->proposal_nay[j],
               v->s->proposal_lopsided[j]);
        for (size_t a = 0; a < v->nattrs; a++)
            putchar(',');
        putchar('\n');
    }
}

static void print_json(const view *v, const cli_opts *o, const size_t *arows,
                       size_t na, const size_t *prows, size_t np)
{
    const sg_scale *s = v->s;
    int d = s->dimensions;
    printf("{\n  \"dimensions\": %d,\n  \"identified\": %d,\n"
           "  \"lopsided_share\": ",
           d, s->identified);
    cli_put_number(stdout, o->scale.lopsided, "null");
    printf(",\n  \"actors_scaled\": %zu,\n  \"proposals_scaled\": %zu,\n"
           "  \"proposals_lopsided\": %zu,\n  \"anchor\": ",
           s->scaled_actors, s->scaled_proposals, s->lopsided);
    cli_put_json_string(stdout, s->anchor >= 0 ? s->actor_id[s->anchor]
                                               : NULL);
    printf(",\n  \"fit\": {\"votes\": %zu, \"classified\": ", s->votes);
    put_fixed(s->classified, 0, "null");
    fputs(", \"apre\": ", stdout);
    put_fixed(s->apre, 0, "null");
    fputs(", \"gmp\": ", stdout);
    put_fixed(s->gmp, 0, "null");
    printf(", \"iterations\": %d, \"converged\": %s},\n  \"actors\": [",
           s->iterations, s->converged ? "true" : "false");
    for (size_t r = 0; r < na; r++) {
        size_t i = arows[r];
        fputs(r ? ",\n    {\"id\": " : "\n    {\"id\": ", stdout);
        cli_put_json_string(stdout, s->actor_id[i]);
        fputs(", \"label\": ", stdout);
        cli_put_json_string(stdout, actor_label(v, i));
        fputs(", \"group\": ", stdout);
        cli_put_json_string(stdout, actor_group(v, i));
        for (int k = 0; k < d; k++) {
            printf(", \"dim%d\": ", k + 1);
            put_fixed(s->actor_pos[i * d + k], 0, "null");
        }
        for (int k = 0; k < d; k++) {
            printf(", \"se%d\": ", k + 1);
            put_fixed(s->actor_se[i * d + k], 0, "null");
        }
        printf(", \"votes\": %zu", s->actor_votes[i]);
        for (size_t a = 0; a < v->nattrs; a++) {
            const attr_col *at = &v->attrs[a];
            const sg_value *x = attr_value(v, i, at);
            char buf[64];
            printf(", \"%s\": ", at->name);
            if (x && at->type != SG_VALUE_STRING)
                cli_put_number(stdout, x->num, "null");
            else
                cli_put_json_string(stdout,
                                    attr_text(buf, sizeof buf, at, x, 0));
        }
        fputc('}', stdout);
    }
    fputs(na ? "\n  ],\n  \"proposals\": [" : "],\n  \"proposals\": [",
          stdout);
    for (size_t r = 0; r < np; r++) {
        size_t j = prows[r];
        fputs(r ? ",\n    {\"id\": " : "\n    {\"id\": ", stdout);
        cli_put_json_string(stdout, s->proposal_id[j]);
        fputs(", \"label\": ", stdout);
        cli_put_json_string(stdout, proposal_label(v, j));
        for (int k = 0; k < d; k++) {
            printf(", \"dim%d\": ", k + 1);
            put_fixed(s->proposal_pos[j * d + k], 0, "null");
        }
        fputs(", \"discrimination\": ", stdout);
        put_fixed(s->proposal_discrimination[j], 0, "null");
        fputs(", \"polarity\": ", stdout);
        if (s->proposal_polarity[j])
            printf("%d", s->proposal_polarity[j]);
        else
            fputs("null", stdout);
        printf(", \"yea\": %zu, \"nay\": %zu, \"lopsided\": %s}",
               s->proposal_yea[j], s->proposal_nay[j],
               s->proposal_lopsided[j] ? "true" : "false");
    }
    fputs(np ? "\n  ]\n}\n" : "]\n}\n", stdout);
}

static int parse_format(format *f, const cli_opts *o)
{
    static const char *const names[] = {"table", "csv", "json"};
    *f = F_TABLE;
    if (!o->format)
        return 0;
    for (int i = 0; i < 3; i++)
        if (strcmp(o->format, names[i]) == 0) {
            *f = (format)i;
            return 0;
        }
    if (!strcmp(o->format, "text")) {
        *f = F_TABLE;
        return 0;
    }
    return cli_usage_error("scale",
                           "--format: expected table, csv or json, not '%s'",
                           o->format);
}

int cmd_scale(int argc, char **argv)
{
    cli_opts o;
    sg_corpus *corpus = NULL;
    sg_scale *s = NULL;
    size_t *arows = NULL, *prows = NULL, *wat = NULL, na = 0, np = 0;
    view v = {0};
    format f = F_TABLE;
    int rc = cli_parse(&o, "scale",
                       OPT_INPUT | OPT_NETWORK | OPT_FORMAT | OPT_TABLE |
                           OPT_QUIET | OPT_SCALE,
                       help, argc, argv);
    if (rc < 0) {
        rc = EXIT_OK;
        goto cleanup;
    }
    if (!rc && o.network_given)
        rc = cli_usage_error("scale", "--network does not apply: scale reads "
                                      "the actor x proposal matrix");
    if (!rc)
        rc = parse_format(&f, &o);
    if (!rc)
        rc = check_sort(o.sort, o.scale.dimensions, NULL);
    if (!rc)
        rc = cli_load(&corpus, &o, 0);
    if (rc)
        goto cleanup;
    cli_progress(&o, "scaling");
    int src = sg_scale_run(&s, corpus, &o.net, &o.scale);
    if (src) {
        rc = cli_fail_sg(src);
        goto cleanup;
    }
    cli_progress(&o, "writing");
    v.c = corpus;
    v.s = s;
    v.by_group = o.net.by_group;
    if (plan_attrs(&v)) {
        rc = cli_fail(EXIT_RUNTIME, "out of memory");
        goto cleanup;
    }
    /* Attribute names are known now: --sort may name one. */
    if ((rc = check_sort(o.sort, o.scale.dimensions, &v)))
        goto cleanup;
    /* The table reads left to right; CSV and JSON keep input order. */
    arows = order(&v, 0, &o, f == F_TABLE, &na);
    prows = order(&v, 1, &o, f == F_TABLE, &np);
    if (!arows || !prows || !(wat = calloc(v.nattrs + 1, sizeof *wat))) {
        rc = cli_fail(EXIT_RUNTIME, "out of memory");
        goto cleanup;
    }
    switch (f) {
    case F_TABLE:
        print_summary(&v, &o);
        if (s->scaled_actors) {
            print_text_table(&v, 0, arows, na, s->nactors, wat);
            print_text_table(&v, 1, prows, np, s->nproposals, wat);
        }
        break;
    case F_CSV:
        print_csv(&v, arows, na, prows, np);
        break;
    case F_JSON:
        print_json(&v, &o, arows, na, prows, np);
        break;
    }
    if (fflush(stdout) || ferror(stdout))
        rc = cli_fail(EXIT_RUNTIME, "cannot write to standard output");
    cli_progress(&o, "done");

cleanup:
    free(arows);
    free(prows);
    free(wat);
    free(v.attrs);
    sg_scale_free(s);
    sg_corpus_free(corpus);
    cli_opts_free(&o);
    return rc;
}
