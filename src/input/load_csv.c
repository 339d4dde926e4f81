/* Flat statement tables: CSV, TSV and the Discourse Network Analyzer's
 * statement export. One row is one statement; actors, proposals and sources
 * are created from the ids as they appear. Fields follow RFC 4180 (quoted
 * fields may hold separators, doubled quotes and line breaks). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/groups.h"
#include "input/load.h"
#include "input/table.h"
#include "model/corpus_internal.h"

/* ---- columns ---- */

enum {
    COL_ACTOR,
    COL_PROPOSAL,
    COL_POSITION,
    COL_DATE,
    COL_SOURCE,
    COL_WEIGHT,
    COL_QUOTE,
    COL_NOTE,
    COL_ACTOR_LABEL,
    COL_ACTOR_TYPE,
    COL_ACTOR_GROUP,
    COL_PROPOSAL_LABEL,
    COL_TOPIC,
    COL_SOURCE_TITLE,
    COL_SOURCE_AUTHOR,
    COL_SOURCE_PUBLISHER,
    COL_SOURCE_SECTION,
    COL_SOURCE_TYPE,
    NCOLS
};

typedef struct {
    const char *names[NCOLS][4]; /* accepted header names per role */
} column_names;

static void default_names(column_names *n, sg_input_format f,
                          const sg_load_options *o)
{
    memset(n, 0, sizeof *n);
    int dna = f == SG_FORMAT_DNA;
    n->names[COL_ACTOR][0] =
        o->actor_column ? o->actor_column : dna ? "organization" : "actor";
    n->names[COL_PROPOSAL][0] =
        o->proposal_column ? o->proposal_column : dna ? "concept" : "proposal";
    n->names[COL_POSITION][0] = dna ? "agreement" : "position";
    n->names[COL_POSITION][1] = dna ? NULL : "stance";
    if (o->position_column) {
        n->names[COL_POSITION][0] = o->position_column;
        n->names[COL_POSITION][1] = NULL;
    }
    n->names[COL_DATE][0] = dna ? "time" : "date";
    n->names[COL_SOURCE][0] = dna ? "document_id" : "source";
    n->names[COL_WEIGHT][0] = "weight";
    n->names[COL_QUOTE][0] = dna ? "text" : "quote";
    n->names[COL_NOTE][0] = "note";
    n->names[COL_ACTOR_LABEL][0] = "actor_label";
    n->names[COL_ACTOR_TYPE][0] = "actor_type";
    n->names[COL_ACTOR_TYPE][1] = "type";
    n->names[COL_ACTOR_GROUP][0] = "actor_group";
    n->names[COL_ACTOR_GROUP][1] = "group";
    if (dna) {
        /* A person's organization is the group a DNA analyst has in mind. */
        const char *actor = n->names[COL_ACTOR][0];
        n->names[COL_ACTOR_GROUP][0] =
            strcasecmp(actor, "person") == 0 ? "organization" : NULL;
        n->names[COL_ACTOR_GROUP][1] = NULL;
    }
    if (o->group_column) {
        n->names[COL_ACTOR_GROUP][0] = o->group_column;
        n->names[COL_ACTOR_GROUP][1] = NULL;
    }
    n->names[COL_PROPOSAL_LABEL][0] = "proposal_label";
    n->names[COL_TOPIC][0] = "topic";
    n->names[COL_TOPIC][1] = "proposal_topic";
    n->names[COL_SOURCE_TITLE][0] = dna ? "document_title" : "source_title";
    if (dna) {
        n->names[COL_SOURCE_AUTHOR][0] = "document_author";
        n->names[COL_SOURCE_PUBLISHER][0] = "document_source";
        n->names[COL_SOURCE_SECTION][0] = "document_section";
        n->names[COL_SOURCE_TYPE][0] = "document_type";
    }
}

typedef struct {
    sg_corpus *c;
    const char *name;
    sg_diag *diag;
    sg_input_format format;
    int failed;
    int nomem;
    long col[NCOLS];   /* field index of each role, -1 when absent */
    size_t nheader;
    char **header;     /* copies of the header names */
    long *extra;       /* per field: 1 = an extra actor attribute */
    int conflict_warned;
    sg_group_votes votes; /* DNA exports: the group of each row's actor */
} table;

#define report(t, line, col, ...)                                           \
    sg_parse_report((t)->diag, SG_DIAG_ERROR, &(t)->failed, (t)->name, line, \
                    col, NULL, __VA_ARGS__)


static int read_header(table *t, sg_cursor *cur, const column_names *names)
{
    t->nheader = cur->nfields;
    t->header = calloc(cur->nfields, sizeof *t->header);
    t->extra = calloc(cur->nfields, sizeof *t->extra);
    if (!t->header || !t->extra)
        return sg_seterr(SG_ENOMEM, "out of memory");
    for (int r = 0; r < NCOLS; r++)
        t->col[r] = -1;
    for (size_t i = 0; i < cur->nfields; i++) {
        if (!(t->header[i] = sg_lower_trimmed(sg_cursor_field(cur, i))))
            return sg_seterr(SG_ENOMEM, "out of memory");
        for (size_t j = 0; j < i; j++)
            if (*t->header[i] && strcmp(t->header[i], t->header[j]) == 0)
                report(t, cur->field_line[i], cur->field_col[i],
                       "column \"%s\" appears twice in the header",
                       t->header[i]);
    }
    for (int r = 0; r < NCOLS; r++)
        for (int k = 0; k < 4 && names->names[r][k] && t->col[r] < 0; k++)
            for (size_t i = 0; i < cur->nfields; i++)
                if (strcasecmp(t->header[i], names->names[r][k]) == 0) {
                    t->col[r] = (long)i;
                    break;
                }
    static const char *const required[] = {"actor", "proposal", "position"};
    for (int r = COL_ACTOR; r <= COL_POSITION; r++) {
        if (t->col[r] >= 0)
            continue;
        char list[256] = "";
        size_t used = 0;
        for (size_t i = 0; i < cur->nfields && used < sizeof list - 8; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                     i ? ", " : "", t->header[i]);
        report(t, cur->rec_line, 0,
               "no %s column \"%s\" in the header (columns: %s)%s",
               required[r], names->names[r][0], list,
               r != COL_POSITION ? "; choose one with --actor/--proposal"
                                 : "; choose one with --position");
    }
    /* In plain tables an unknown column describes the actor (party, state,
     * district ...). DNA exports carry document metadata instead. */
    for (size_t i = 0; i < cur->nfields; i++) {
        int used = 0;
        for (int r = 0; r < NCOLS; r++)
            used |= t->col[r] == (long)i;
        t->extra[i] = !used && t->format != SG_FORMAT_DNA && *t->header[i];
    }
    return 0;
}

/* Find or create the entity named by field `fi`: 0 and *out set, 1 after
 * reporting a problem, or SG_ENOMEM. */
static int entity(table *t, sg_cursor *cur, long fi, sg_node_kind kind,
                  long label_col, long type_col, long group_col, size_t *out)
{
    const char *id = sg_cursor_field(cur, (size_t)fi);
    const char *noun = kind == SG_ACTOR ? "actor" : "proposal";
    char b[80];
    if (!*id) {
        report(t, cur->field_line[fi], cur->field_col[fi], "%s is empty", noun);
        return 1;
    }
    sg_node_kind found;
    if (sg_corpus_find(t->c, id, &found, out) == 0) {
        if (found == kind)
            return 0;
        report(t, cur->field_line[fi], cur->field_col[fi],
               "\"%s\" is used both as an actor and as a proposal",
               sg_shorten(id, b, sizeof b));
        return 1;
    }
    sg_entity e = {0};
    e.id = id;
    if (label_col >= 0 && *sg_cursor_field(cur, (size_t)label_col))
        e.label = sg_cursor_field(cur, (size_t)label_col);
    if (type_col >= 0 && *sg_cursor_field(cur, (size_t)type_col)) {
        if (kind == SG_ACTOR)
            e.type = sg_cursor_field(cur, (size_t)type_col);
        else
            e.topic = sg_cursor_field(cur, (size_t)type_col);
    }
    if (group_col >= 0 && *sg_cursor_field(cur, (size_t)group_col))
        e.group = sg_cursor_field(cur, (size_t)group_col);
    return sg_corpus_add_entity(t->c, kind, &e, out) ? SG_ENOMEM : 0;
}

static int extra_attrs(table *t, sg_cursor *cur, size_t actor)
{
    for (size_t i = 0; i < cur->nfields; i++) {
        if (!t->extra[i] || !*sg_cursor_field(cur, i))
            continue;
        sg_entity *e = &t->c->actors[actor];
        const sg_value *old = NULL;
        for (size_t k = 0; k < e->nattrs; k++)
            if (strcmp(t->c->actor_keys[e->attrs[k].key].name,
                       t->header[i]) == 0)
                old = &e->attrs[k].value;
        if (old) {
            if (strcmp(old->str, sg_cursor_field(cur, i)) != 0 && !t->conflict_warned) {
                char b[80];
                sg_diag_add(t->diag, SG_DIAG_WARNING,
                            "%s:%zu: column \"%s\": actor \"%s\" has more than "
                            "one value; the first is kept",
                            t->name, cur->rec_line, t->header[i],
                            sg_shorten(e->id, b, sizeof b));
                t->conflict_warned = 1;
            }
            continue;
        }
        sg_value v = {SG_VALUE_STRING, sg_cursor_field(cur, i), 0};
        int rc = sg_corpus_set_attr(t->c, SG_ACTOR, actor, t->header[i], &v);
        if (rc)
            return rc;
    }
    return 0;
}

/* Columns whose every value is a number become numeric attributes. */
static void type_extra_attrs(sg_corpus *c)
{
    for (size_t k = 0; k < c->nactor_keys; k++) {
        int numeric = 1;
        for (size_t a = 0; a < c->nactors && numeric; a++)
            for (size_t j = 0; j < c->actors[a].nattrs; j++) {
                sg_attr *at = &c->actors[a].attrs[j];
                if (at->key != k)
                    continue;
                double v;
                if (sg_parse_decimal(at->value.str, &v))
                    numeric = 0;
            }
        if (!numeric)
            continue;
        c->actor_keys[k].type = SG_VALUE_NUMBER;
        for (size_t a = 0; a < c->nactors; a++)
            for (size_t j = 0; j < c->actors[a].nattrs; j++) {
                sg_attr *at = &c->actors[a].attrs[j];
                if (at->key == k) {
                    sg_parse_decimal(at->value.str, &at->value.num);
                    at->value.type = SG_VALUE_NUMBER;
                }
            }
    }
}

static void read_row(table *t, sg_cursor *cur)
{
    char b[80];
    if (cur->nfields != t->nheader) {
        report(t, cur->rec_line, 0,
               "this row has %zu fields but the header has %zu", cur->nfields,
               t->nheader);
        return;
    }
    sg_stance s = {0};
    s.weight = 1;
    s.source = SG_NO_SOURCE;
    s.date = SG_NO_DATE;

    long pf = t->col[COL_POSITION];
    int pos;
    if (sg_position_parse(sg_cursor_field(cur, (size_t)pf), &pos)) {
        const char *v = sg_cursor_field(cur, (size_t)pf);
        if (t->format == SG_FORMAT_DNA)
            report(t, cur->field_line[pf], cur->field_col[pf],
                   "agreement \"%s\" must be 1 (agrees) or 0 (disagrees)",
                   sg_shorten(v, b, sizeof b));
        else if (!*v)
            report(t, cur->field_line[pf], cur->field_col[pf],
                   "position is empty (expected " SG_POSITION_WORDS
                   "; write 'abstain' to keep a row without a position)");
        else
            report(t, cur->field_line[pf], cur->field_col[pf],
                   "position \"%s\" is not one of " SG_POSITION_WORDS,
                   sg_shorten(v, b, sizeof b));
        return;
    }
    if (pos == 0) {
        t->c->skipped++;
        return;
    }
    /* DNA's agreement is 1 = agrees, 0 = disagrees. */
    s.position = (int8_t)pos;

    size_t a = 0, p = 0;
    /* DNA exports give the group on every row: it is decided by majority
     * once all are read, as for DNA databases (input/groups.h). */
    int dna = t->format == SG_FORMAT_DNA;
    long gf = t->col[COL_ACTOR_GROUP];
    int ra = entity(t, cur, t->col[COL_ACTOR], SG_ACTOR,
                    t->col[COL_ACTOR_LABEL], t->col[COL_ACTOR_TYPE],
                    dna ? -1 : gf, &a);
    int rp = entity(t, cur, t->col[COL_PROPOSAL], SG_PROPOSAL,
                    t->col[COL_PROPOSAL_LABEL], t->col[COL_TOPIC], -1, &p);
    if (ra == SG_ENOMEM || rp == SG_ENOMEM) {
        t->nomem = 1;
        return;
    }
    int bad = ra != 0 || rp != 0;
    if (ra == 0 && extra_attrs(t, cur, a)) {
        t->nomem = 1;
        return;
    }

    long wf = t->col[COL_WEIGHT];
    if (wf >= 0 && *sg_cursor_field(cur, (size_t)wf)) {
        const char *w = sg_cursor_field(cur, (size_t)wf);
        double v;
        if (sg_parse_decimal(w, &v) || !(v > 0)) {
            report(t, cur->field_line[wf], cur->field_col[wf],
                   "weight \"%s\" must be a number greater than 0",
                   sg_shorten(w, b, sizeof b));
            bad = 1;
        } else {
            s.weight = v;
        }
    }
    long df = t->col[COL_DATE];
    if (df >= 0 && *sg_cursor_field(cur, (size_t)df) &&
        sg_date_parse(&s.date, sg_cursor_field(cur, (size_t)df), 1)) {
        report(t, cur->field_line[df], cur->field_col[df],
               "date \"%s\" is not a real calendar date YYYY-MM-DD",
               sg_shorten(sg_cursor_field(cur, (size_t)df), b, sizeof b));
        bad = 1;
    }
    long sf = t->col[COL_SOURCE];
    if (sf >= 0 && *sg_cursor_field(cur, (size_t)sf)) {
        const char *sid = sg_cursor_field(cur, (size_t)sf);
        long si = sg_corpus_find_source(t->c, sid);
        if (si < 0) {
            sg_source src = {0};
            src.id = sid;
            /* In DNA exports the time is the document's. */
            src.date = dna ? s.date : SG_NO_DATE;
            const char **meta[] = {&src.title, &src.author, &src.publisher,
                                   &src.section, &src.type};
            for (int k = 0; k < 5; k++) {
                long tf = t->col[COL_SOURCE_TITLE + k];
                if (tf >= 0 && *sg_cursor_field(cur, (size_t)tf))
                    *meta[k] = sg_cursor_field(cur, (size_t)tf);
            }
            size_t idx;
            if (sg_corpus_add_source(t->c, &src, &idx)) {
                t->nomem = 1;
                return;
            }
            si = (long)idx;
        }
        s.source = (int32_t)si;
    }
    long qf = t->col[COL_QUOTE], nf = t->col[COL_NOTE];
    if (qf >= 0 && *sg_cursor_field(cur, (size_t)qf))
        s.quote = sg_cursor_field(cur, (size_t)qf);
    if (nf >= 0 && *sg_cursor_field(cur, (size_t)nf))
        s.note = sg_cursor_field(cur, (size_t)nf);
    if (bad)
        return;
    s.actor = (uint32_t)a;
    s.proposal = (uint32_t)p;
    if (sg_corpus_add_stance(t->c, &s) ||
        (dna && gf >= 0 &&
         sg_group_votes_add(&t->votes, a, sg_cursor_field(cur, (size_t)gf))))
        t->nomem = 1;
}

int sg_load_table(sg_corpus *c, const char *data, size_t len, const char *name,
                  sg_input_format format, const sg_load_options *opts,
                  sg_diag *diag)
{
    /* The delimiter: as asked, else as the header shows, else the
     * format's own. */
    char seen = sg_table_delimiter(data, len);
    sg_cursor cur;
    sg_cursor_init(&cur, data, len,
                   opts->delimiter ? opts->delimiter
                   : seen          ? seen
                   : format == SG_FORMAT_TSV ? '\t'
                   : format == SG_FORMAT_DNA ? ';'
                                             : ',');
    table t = {0};
    t.c = c;
    t.name = name;
    t.diag = diag;
    t.format = format;
    sg_group_votes_init(&t.votes);
    column_names names;
    default_names(&names, format, opts);
    int rc = 0;

    /* Step 1: the header. */
    int got = sg_cursor_next(&cur);
    if (got == 0) {
        sg_diag_add(diag, SG_DIAG_ERROR, "%s: no header row", name);
        rc = SG_EINVALID;
        goto cleanup;
    }
    if (got < 0) {
        if (got == SG_EINVALID)
            sg_diag_add(diag, SG_DIAG_ERROR, "%s:%s", name, cur.error);
        rc = got;
        goto cleanup;
    }
    if ((rc = read_header(&t, &cur, &names)))
        goto cleanup;
    if (t.failed) {
        rc = SG_EINVALID;
        goto cleanup;
    }
    /* Step 2: one statement per row. */
    while ((got = sg_cursor_next(&cur)) == 1) {
        read_row(&t, &cur);
        if (t.nomem) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            goto cleanup;
        }
    }
    if (got == SG_EINVALID) {
        sg_diag_add(diag, SG_DIAG_ERROR, "%s:%s", name, cur.error);
        t.failed = 1;
    } else if (got < 0) {
        rc = got;
        goto cleanup;
    }
    type_extra_attrs(c);
    size_t mixed = 0;
    if ((rc = sg_group_votes_apply(&t.votes, c, &mixed)))
        goto cleanup;
    if (mixed)
        sg_diag_add(diag, SG_DIAG_WARNING,
                    "%s: %zu actors appear with more than one %s; each gets "
                    "the one of most of its rows (the earliest on a tie) as "
                    "its group",
                    name, mixed, names.names[COL_ACTOR_GROUP][0]);
    rc = t.failed ? SG_EINVALID : 0;

cleanup:
    sg_group_votes_free(&t.votes);
    for (size_t i = 0; t.header && i < t.nheader; i++)
        free(t.header[i]);
    free(t.header);
    free(t.extra);
    sg_cursor_free(&cur);
    return rc;
}

/* ---- attribute tables (--actor-attributes, --proposal-attributes) ---- */

/* Values of key `k` become numbers when every one of them (all strings)
 * is a decimal number, as the extra columns of statement tables do. */
static void type_key(sg_corpus *c, sg_node_kind kind, size_t k)
{
    sg_entity *es = kind == SG_ACTOR ? c->actors : c->proposals;
    size_t n = kind == SG_ACTOR ? c->nactors : c->nproposals;
    sg_attr_key *key = &(kind == SG_ACTOR ? c->actor_keys : c->proposal_keys)[k];
    double v;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < es[i].nattrs; j++)
            if (es[i].attrs[j].key == k &&
                (es[i].attrs[j].value.type != SG_VALUE_STRING ||
                 sg_parse_decimal(es[i].attrs[j].value.str, &v)))
                return;
    key->type = SG_VALUE_NUMBER;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < es[i].nattrs; j++)
            if (es[i].attrs[j].key == k) {
                sg_parse_decimal(es[i].attrs[j].value.str, &v);
                es[i].attrs[j].value.type = SG_VALUE_NUMBER;
                es[i].attrs[j].value.num = v;
            }
}

int sg_load_attributes(sg_corpus *c, sg_node_kind kind, const char *data,
                       size_t len, const char *name, char delimiter,
                       sg_diag *diag)
{
    const char *noun = kind == SG_ACTOR ? "actor" : "proposal";
    char seen = sg_table_delimiter(data, len);
    sg_cursor cur;
    sg_cursor_init(&cur, data, len, delimiter ? delimiter : seen ? seen : ',');
    char **header = NULL;
    size_t nheader = 0, unknown = 0, twice = 0, key_col = 0;
    unsigned char *done = NULL; /* per entity: a row already joined */
    const char *first_unknown = NULL;
    char *first_copy = NULL;
    int rc = 0, failed = 0;
    char b[80];

    int got = sg_cursor_next(&cur);
    if (got <= 0) {
        if (got == 0 || got == SG_EINVALID)
            sg_diag_add(diag, SG_DIAG_ERROR, "%s:%s", name,
                        got == 0 ? " no header row" : cur.error);
        rc = got ? got : SG_EINVALID;
        goto cleanup;
    }
    nheader = cur.nfields;
    if (!(header = calloc(nheader, sizeof *header)) ||
        !(done = calloc(kind == SG_ACTOR ? c->nactors + 1 : c->nproposals + 1,
                        1))) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < nheader; i++) {
        if (!(header[i] = sg_lower_trimmed(sg_cursor_field(&cur, i)))) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            goto cleanup;
        }
        if (strcmp(header[i], "id") == 0)
            key_col = i;
        if (!*header[i] || strcmp(header[i], "label") == 0 ||
            strcmp(header[i], "type") == 0 || strcmp(header[i], "group") == 0 ||
            strcmp(header[i], "topic") == 0 || strcmp(header[i], "kind") == 0) {
            /* The names of a node's own fields cannot be attributes. */
            if (strcmp(header[i], "id") != 0 && i != 0) {
                sg_diag_add(diag, SG_DIAG_ERROR,
                            "%s:1: column \"%s\" cannot be an attribute (it "
                            "names a field every node has); rename it",
                            name, header[i]);
                failed = 1;
            }
        }
    }
    if (failed) {
        rc = SG_EINVALID;
        goto cleanup;
    }
    while ((got = sg_cursor_next(&cur)) == 1) {
        if (cur.nfields != nheader) {
            sg_diag_add(diag, SG_DIAG_ERROR,
                        "%s:%zu: this row has %zu fields but the header has "
                        "%zu",
                        name, cur.rec_line, cur.nfields, nheader);
            failed = 1;
            continue;
        }
        const char *id = sg_cursor_field(&cur, key_col);
        sg_node_kind found;
        size_t idx;
        if (sg_corpus_find(c, id, &found, &idx) || found != kind) {
            if (!unknown++ && !(first_copy = strdup(id))) {
                rc = sg_seterr(SG_ENOMEM, "out of memory");
                goto cleanup;
            }
            continue;
        }
        if (done[idx]) {
            twice++;
            continue;
        }
        done[idx] = 1;
        for (size_t i = 0; i < nheader; i++) {
            /* An unnamed first column holds row names (R's write.csv). */
            if (i == key_col || !*header[i] || !*sg_cursor_field(&cur, i))
                continue;
            sg_value v = {SG_VALUE_STRING, sg_cursor_field(&cur, i), 0};
            if ((rc = sg_corpus_set_attr(c, kind, idx, header[i], &v)))
                goto cleanup;
        }
    }
    if (got == SG_EINVALID) {
        sg_diag_add(diag, SG_DIAG_ERROR, "%s:%s", name, cur.error);
        failed = 1;
    } else if (got < 0) {
        rc = got;
        goto cleanup;
    }
    first_unknown = first_copy;
    if (unknown)
        sg_diag_add(diag, SG_DIAG_WARNING,
                    "%s: %zu row(s) name no %s of the statements (the first: "
                    "\"%s\"); they are ignored",
                    name, unknown, noun, sg_shorten(first_unknown, b, sizeof b));
    if (twice)
        sg_diag_add(diag, SG_DIAG_WARNING,
                    "%s: %zu %s(s) have more than one row; the first is kept",
                    name, twice, noun);
    for (size_t i = 0; i < nheader; i++) {
        size_t k;
        if (i != key_col &&
            sg_corpus_attr_key(c, kind, header[i], &k) == 0)
            type_key(c, kind, k);
    }
    rc = failed ? SG_EINVALID : 0;

cleanup:
    for (size_t i = 0; header && i < nheader; i++)
        free(header[i]);
    free(header);
    free(done);
    free(first_copy);
    sg_cursor_free(&cur);
    return rc;
}
