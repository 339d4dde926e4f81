/* Voteview's roll-call files (voteview.com/data), as they are downloaded:
 *
 *   member votes  congress,chamber,rollnumber,icpsr,cast_code,prob
 *                 (S109_votes.csv): the input, one row per member and roll
 *                 call;
 *   members       congress,chamber,icpsr,...,state_abbrev,party_code,...,
 *                 bioname,... (S109_members.csv): --members;
 *   roll calls    congress,chamber,rollnumber,date,...,bill_number,
 *                 vote_result,vote_desc,vote_question,dtl_desc
 *                 (S109_rollcalls.csv): --rollcalls.
 *
 * Columns are found by name, in any order, and the others are ignored.
 * cast_code: 1-3 yea (support), 4-6 nay (oppose), 7-9 present or not
 * voting (read, counted as skipped, never opposition), 0 not a member at
 * the time (no vote at all). An actor is a member, its id the ICPSR number;
 * a proposal is a roll call, its id Voteview's: R, the chamber's letter,
 * the Congress in three digits and the roll-call number in four (RS1090001,
 * https://voteview.com/rollcall/RS1090001).
 *
 * The votes are read in one pass into a compact array (20 bytes a row), so
 * that repeated votes and presidents' positions can be checked and placed
 * before the corpus is built in the file's order; members and roll calls
 * are sorted arrays searched once per actor and proposal. O(n log n). */
#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/load.h"
#include "input/table.h"
#include "model/corpus_internal.h"

#define MAX_CONGRESS 999u
#define MAX_ROLLNUMBER 999999u
#define MAX_ICPSR 99999999u

/* Voteview's party codes and names, as Poole and Rosenthal list them (R's
 * pscl, data(partycodes)). Sorted by code. */
static const struct {
    unsigned code;
    const char *name;
} parties[] = {
    {1, "Federalist"},
    {9, "Jefferson Republican"},
    {10, "Anti-Federalist"},
    {11, "Jefferson Democrat"},
    {13, "Democrat-Republican"},
    {22, "Adams"},
    {25, "National Republican"},
    {26, "Anti Masonic"},
    {29, "Whig"},
    {34, "Whig and Democrat"},
    {37, "Constitutional Unionist"},
    {40, "Anti-Democrat and States Rights"},
    {41, "Anti-Jackson Democrat"},
    {43, "Calhoun Nullifier"},
    {44, "Nullifier"},
    {46, "States Rights"},
    {48, "States Rights Whig"},
    {100, "Democrat"},
    {101, "Jackson Democrat"},
    {103, "Democrat and Anti-Mason"},
    {104, "Van Buren Democrat"},
    {105, "Conservative Democrat"},
    {108, "Anti-Lecompton Democrat"},
    {110, "Popular Sovereignty Democrat"},
    {112, "Conservative"},
    {114, "Readjuster"},
    {117, "Readjuster Democrat"},
    {118, "Tariff for Revenue Democrat"},
    {119, "United Democrat"},
    {200, "Republican"},
    {202, "Union Conservative"},
    {203, "Unconditional Unionist"},
    {206, "Unionist"},
    {208, "Liberal Republican"},
    {212, "United Republican"},
    {213, "Progressive Republican"},
    {214, "Non-Partisan and Republican"},
    {215, "War Democrat"},
    {300, "Free Soil"},
    {301, "Free Soil Democrat"},
    {302, "Free Soil Whig"},
    {304, "Anti-Slavery"},
    {308, "Free Soil American and Democrat"},
    {310, "American"},
    {326, "National Greenbacker"},
    {328, "Independent"},
    {329, "Ind. Democrat"},
    {331, "Ind. Republican"},
    {333, "Ind. Republican-Democrat"},
    {336, "Anti-Monopolist"},
    {337, "Anti-Monopoly Democrat"},
    {340, "Populist"},
    {341, "Peoples"},
    {347, "Prohibitionist"},
    {353, "Ind. Silver Republican"},
    {354, "Silver Republican"},
    {355, "Union"},
    {356, "Union Labor"},
    {370, "Progressive"},
    {380, "Socialist"},
    {401, "Fusionist"},
    {402, "Liberal"},
    {403, "Law and Order"},
    {522, "American Labor"},
    {537, "Farmer-Labor"},
    {555, "Jackson"},
    {603, "Ind. Whig"},
    {1060, "Silver"},
    {1061, "Emancipationist"},
    {1111, "Liberty"},
    {1116, "Conservative Republican"},
    {1275, "Anti-Jackson"},
    {1346, "Jackson Republican"},
    {3333, "Opposition"},
    {4000, "Anti-Administration"},
    {4444, "Union"},
    {5000, "Pro-Administration"},
    {6000, "Crawford Federalist"},
    {6666, "Crawford Republican"},
    {7000, "Jackson Federalist"},
    {7777, "Crawford Republican"},
    {8000, "Adams-Clay Federalist"},
    {8888, "Adams-Clay Republican"},
    {9000, "Unknown"},
    {9999, "Unknown"},
};

const char *sg_voteview_party(unsigned code)
{
    size_t lo = 0, hi = sizeof parties / sizeof *parties;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (parties[mid].code == code)
            return parties[mid].name;
        if (parties[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* What names a roll call. */
typedef struct {
    uint32_t rollnumber;
    uint16_t congress; /* 0: a file without the column */
    char chamber;      /* 'H', 'S', 'P' (a president's position), 0 none */
} rc_key;

/* One row of the member-votes file. */
typedef struct {
    rc_key key;
    uint32_t icpsr;
    uint32_t line;
    uint8_t code;
} vote;

/* One row of the members file that names a voter. */
typedef struct {
    uint32_t icpsr;
    uint32_t line;
    const char *label, *party, *state, *type; /* NULL when absent */
    double dim1, dim2;                        /* NaN when absent */
} member;

/* One row of the roll-calls file. */
typedef struct {
    rc_key key; /* congress and chamber 0 where the votes or this file have
                   no such column */
    uint32_t line;
    int32_t date;
    const char *label, *bill, *question, *result; /* NULL when absent */
} rollcall;

typedef struct {
    sg_corpus *c;
    sg_diag *diag;
    const sg_load_options *opts;
    const char *name; /* of the votes file */
    int failed;
    sg_arena arena;
    vote *v;
    size_t nv, capv;
    member *m;
    size_t nm, capm;
    rollcall *r;
    size_t nr, capr;
    int has_congress, has_chamber; /* the votes file has the column */
    unsigned char congresses[MAX_CONGRESS + 1]; /* those that vote */
    size_t voters, matched_members, rollcalls, matched_rollcalls;
    uint32_t first_unmatched_member;
    char first_unmatched_rollcall[24];
} reader;

/* Errors name the file they are in: the votes, members or roll calls. */
#define report(r, file, line, col, ...)                                    \
    sg_parse_report((r)->diag, SG_DIAG_ERROR, &(r)->failed, file, line, col, \
                    NULL, __VA_ARGS__)

/* ---- fields ---- */

/* A whole number as Voteview writes it: digits, perhaps followed by ".0"
 * (some of its files write codes as 200.0). 0, or -1 when it is none or
 * above `max`. */
static int parse_whole(const char *s, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;
    const char *p = s;
    if (!isdigit((unsigned char)*p))
        return -1;
    for (; isdigit((unsigned char)*p); p++)
        if ((v = v * 10 + (uint64_t)(*p - '0')) > max)
            return -1;
    if (*p == '.' && p[1] == '0')
        for (p++; *p == '0'; p++)
            ;
    if (*p)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

/* The chamber's letter: 'H', 'S' or 'P'; 0 when it is none of them. */
static char chamber_letter(const char *s)
{
    return strcasecmp(s, "House") == 0       ? 'H'
           : strcasecmp(s, "Senate") == 0    ? 'S'
           : strcasecmp(s, "President") == 0 ? 'P'
                                             : 0;
}

/* Voteview's id of a roll call (see the top of the file). */
static void rollcall_id(char *buf, size_t size, const rc_key *k)
{
    char c[2] = {k->chamber, 0};
    if (k->congress)
        snprintf(buf, size, "R%s%03u%04" PRIu32, c, (unsigned)k->congress,
                 k->rollnumber);
    else
        snprintf(buf, size, "R%s%04" PRIu32, c, k->rollnumber);
}

static int cmp_key(const rc_key *x, const rc_key *y)
{
    if (x->congress != y->congress)
        return x->congress < y->congress ? -1 : 1;
    if (x->chamber != y->chamber)
        return x->chamber < y->chamber ? -1 : 1;
    return (x->rollnumber > y->rollnumber) - (x->rollnumber < y->rollnumber);
}

/* A table's header: the column of each name in `names` (-1 when absent).
 * A missing required column (required[k] set) is reported with the list
 * of columns the file has and `hint`. 0, 1 after reporting, SG_ENOMEM. */
static int find_columns(reader *r, sg_cursor *cur, const char *file,
                        const char *const *names, const int *required,
                        long *col, size_t ncol, const char *hint)
{
    int bad = 0;
    for (size_t k = 0; k < ncol; k++)
        col[k] = -1;
    for (size_t i = 0; i < cur->nfields; i++) {
        char *h = sg_lower_trimmed(sg_cursor_field(cur, i));
        if (!h)
            return sg_seterr(SG_ENOMEM, "out of memory");
        for (size_t k = 0; k < ncol; k++) {
            if (strcmp(h, names[k]) != 0)
                continue;
            if (col[k] >= 0) {
                report(r, file, cur->field_line[i], cur->field_col[i],
                       "column \"%s\" appears twice in the header", names[k]);
                bad = 1;
            }
            col[k] = (long)i;
        }
        free(h);
    }
    for (size_t k = 0; k < ncol; k++) {
        if (col[k] >= 0 || !required[k])
            continue;
        char list[256] = "";
        size_t used = 0;
        for (size_t i = 0; i < cur->nfields && used < sizeof list - 8; i++) {
            char b[40];
            used += (size_t)snprintf(
                list + used, sizeof list - used, "%s%s", i ? ", " : "",
                sg_shorten(sg_cursor_field(cur, i), b, sizeof b));
        }
        report(r, file, cur->rec_line, 0,
               "no column \"%s\" in the header (columns: %s); %s", names[k],
               list, hint);
        bad = 1;
    }
    return bad;
}

/* Read the header of a table: 1, 0 after reporting, or SG_ENOMEM. */
static int header_row(reader *r, sg_cursor *cur, const char *file)
{
    int got = sg_cursor_next(cur);
    if (got == 0)
        report(r, file, 0, 0, "no header row");
    else if (got == SG_EINVALID) {
        r->failed = 1;
        sg_diag_add(r->diag, SG_DIAG_ERROR, "%s:%s", file, cur->error);
    }
    return got == SG_EINVALID ? 0 : got;
}

/* Read the next record of a side table or the votes: 1 a record with as
 * many fields as the header, 0 at the end, 2 for a row to skip (reported),
 * or SG_ENOMEM. A syntax error ends the table (reported). */
static int next_row(reader *r, sg_cursor *cur, const char *file,
                    size_t nheader)
{
    int got = sg_cursor_next(cur);
    if (got == SG_EINVALID) {
        r->failed = 1;
        sg_diag_add(r->diag, SG_DIAG_ERROR, "%s:%s", file, cur->error);
        return 0;
    }
    if (got <= 0)
        return got;
    if (cur->rec_line > UINT32_MAX) {
        report(r, file, cur->rec_line, 0, "more than %" PRIu32 " lines",
               UINT32_MAX);
        return 0;
    }
    if (cur->nfields == nheader)
        return 1;
    report(r, file, cur->rec_line, 0,
           "this row has %zu fields but the header has %zu", cur->nfields,
           nheader);
    return 2;
}

/* Start reading table `t` (delimiter: --delimiter, else the header's
 * most frequent, else a comma): its header, and the column of each of
 * `names` (see find_columns). 1 when its rows follow, 0 after reporting,
 * or SG_ENOMEM; the cursor is to be freed in any case. */
static int open_table(reader *r, sg_cursor *cur, const sg_side_table *t,
                      const char *const *names, const int *required,
                      long *col, size_t ncol, const char *hint)
{
    char seen = sg_table_delimiter(t->data, t->len);
    sg_cursor_init(cur, t->data, t->len,
                   r->opts->delimiter ? r->opts->delimiter
                   : seen             ? seen
                                      : ',');
    int rc = header_row(r, cur, t->name);
    if (rc <= 0)
        return rc;
    rc = find_columns(r, cur, t->name, names, required, col, ncol, hint);
    return rc < 0 ? rc : !rc;
}

/* Field `col` (-1: absent) as a whole number up to `max`: 0 and *out set;
 * 1 after reporting it, naming it `what`, or when it is empty and
 * `required`; *out is 0 for an absent or empty optional field. */
static int whole_field(reader *r, sg_cursor *cur, const char *file, long col,
                       const char *name, uint32_t max, int required,
                       uint32_t *out)
{
    *out = 0;
    if (col < 0)
        return 0;
    const char *s = sg_cursor_field(cur, (size_t)col);
    size_t line = cur->field_line[col], at = cur->field_col[col];
    if (!*s) {
        if (!required)
            return 0;
        report(r, file, line, at, "%s is empty", name);
        return 1;
    }
    if (parse_whole(s, max, out) || (required && *out == 0)) {
        char b[80];
        report(r, file, line, at,
               "%s \"%s\" is not a whole number from 1 to %" PRIu32, name,
               sg_shorten(s, b, sizeof b), max);
        return 1;
    }
    return 0;
}

/* Field `col` as a chamber: 0 and *out set (0 when absent), or 1 after
 * reporting. */
static int chamber_field(reader *r, sg_cursor *cur, const char *file,
                         long col, char *out)
{
    *out = 0;
    if (col < 0)
        return 0;
    const char *s = sg_cursor_field(cur, (size_t)col);
    if ((*out = chamber_letter(s)))
        return 0;
    char b[80];
    report(r, file, cur->field_line[col], cur->field_col[col],
           "chamber \"%s\" is not House, Senate or President",
           sg_shorten(s, b, sizeof b));
    return 1;
}

/* A copy of field `col` in the arena; NULL when absent or empty. 0 or
 * SG_ENOMEM. */
static int text_field(reader *r, sg_cursor *cur, long col, const char **out)
{
    *out = NULL;
    if (col < 0 || !*sg_cursor_field(cur, (size_t)col))
        return 0;
    *out = sg_arena_strdup(&r->arena, sg_cursor_field(cur, (size_t)col));
    return *out ? 0 : sg_seterr(SG_ENOMEM, "out of memory");
}

/* ---- member votes ---- */

enum { V_CONGRESS, V_CHAMBER, V_ROLLNUMBER, V_ICPSR, V_CAST_CODE, NV_COLS };

static int read_votes(reader *r, const sg_side_table *t)
{
    static const char *const names[NV_COLS] = {"congress", "chamber",
                                               "rollnumber", "icpsr",
                                               "cast_code"};
    static const int required[NV_COLS] = {0, 0, 1, 1, 1};
    long col[NV_COLS];
    sg_cursor cur;
    int rc = open_table(r, &cur, t, names, required, col, NV_COLS,
                        "a Voteview member-votes file has congress, chamber, "
                        "rollnumber, icpsr, cast_code and prob");
    if (rc <= 0)
        goto cleanup;
    r->has_congress = col[V_CONGRESS] >= 0;
    r->has_chamber = col[V_CHAMBER] >= 0;
    size_t nheader = cur.nfields;
    while ((rc = next_row(r, &cur, r->name, nheader)) > 0) {
        if (rc == 2)
            continue;
        vote v = {0};
        uint32_t congress, code;
        int bad = whole_field(r, &cur, r->name, col[V_CONGRESS], "congress",
                              MAX_CONGRESS, 1, &congress);
        bad |= chamber_field(r, &cur, r->name, col[V_CHAMBER], &v.key.chamber);
        bad |= whole_field(r, &cur, r->name, col[V_ROLLNUMBER], "rollnumber",
                           MAX_ROLLNUMBER, 1, &v.key.rollnumber);
        bad |= whole_field(r, &cur, r->name, col[V_ICPSR], "icpsr", MAX_ICPSR,
                           1, &v.icpsr);
        long cc = col[V_CAST_CODE];
        const char *s = sg_cursor_field(&cur, (size_t)cc);
        if (parse_whole(s, 9, &code)) {
            char b[80];
            report(r, r->name, cur.field_line[cc], cur.field_col[cc],
                   "cast_code \"%s\" is not one of Voteview's codes 0 to 9 "
                   "(1-3 yea, 4-6 nay, 7-9 present or not voting, 0 not a "
                   "member)",
                   sg_shorten(s, b, sizeof b));
            bad = 1;
        }
        if (bad)
            continue;
        v.key.congress = (uint16_t)congress;
        v.code = (uint8_t)code;
        v.line = (uint32_t)cur.rec_line;
        if (sg_grow(&r->v, &r->capv, r->nv + 1, sizeof *r->v)) {
            rc = SG_ENOMEM;
            goto cleanup;
        }
        r->v[r->nv++] = v;
        r->congresses[v.key.congress] = 1;
    }
cleanup:
    sg_cursor_free(&cur);
    return rc < 0 ? rc : 0;
}

/* A president's position carries the chamber "President": it belongs to
 * the roll call of the file's one chamber. 0, or 1 after reporting. */
static int place_presidents(reader *r)
{
    int house = 0, senate = 0;
    size_t first = SIZE_MAX;
    for (size_t i = 0; i < r->nv; i++) {
        house |= r->v[i].key.chamber == 'H';
        senate |= r->v[i].key.chamber == 'S';
        if (r->v[i].key.chamber == 'P' && first == SIZE_MAX)
            first = i;
    }
    if (first == SIZE_MAX)
        return 0;
    if (house == senate) {
        report(r, r->name, r->v[first].line, 0,
               "a president's position (chamber President) in a file with %s "
               "roll calls: which roll call it belongs to is unknown; read "
               "one chamber's votes at a time",
               house ? "both House and Senate" : "no House or Senate");
        return 1;
    }
    for (size_t i = 0; i < r->nv; i++)
        if (r->v[i].key.chamber == 'P')
            r->v[i].key.chamber = house ? 'H' : 'S';
    return 0;
}

static int cmp_vote(const void *a, const void *b)
{
    const vote *x = a, *y = b;
    int k = cmp_key(&x->key, &y->key);
    if (k)
        return k;
    if (x->icpsr != y->icpsr)
        return x->icpsr < y->icpsr ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* A member votes once on a roll call: each repeat is reported. 0 or
 * SG_ENOMEM. */
static int check_repeats(reader *r)
{
    if (r->nv < 2)
        return 0;
    vote *s = malloc(r->nv * sizeof *s);
    if (!s)
        return sg_seterr(SG_ENOMEM, "out of memory");
    memcpy(s, r->v, r->nv * sizeof *s);
    qsort(s, r->nv, sizeof *s, cmp_vote);
    for (size_t i = 1; i < r->nv; i++) {
        const vote *a = &s[i - 1], *b = &s[i];
        if (cmp_key(&a->key, &b->key) || a->icpsr != b->icpsr)
            continue;
        char id[24];
        rollcall_id(id, sizeof id, &b->key);
        report(r, r->name, b->line, 0,
               "member %" PRIu32 " has a second vote on roll call %s (the "
               "first is on line %" PRIu32 ")",
               b->icpsr, id, a->line);
    }
    free(s);
    return 0;
}

/* ---- members ---- */

enum {
    M_CONGRESS,
    M_CHAMBER,
    M_ICPSR,
    M_STATE,
    M_PARTY,
    M_NAME,
    M_DIM1,
    M_DIM2,
    NM_COLS
};

static int cmp_member(const void *a, const void *b)
{
    const member *x = a, *y = b;
    if (x->icpsr != y->icpsr)
        return x->icpsr < y->icpsr ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

static const member *find_member(const reader *r, uint32_t icpsr)
{
    member key = {icpsr, 0, NULL, NULL, NULL, NULL, 0, 0};
    /* The first row of the member: the one with the smallest line. */
    size_t lo = 0, hi = r->nm;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_member(&r->m[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->nm && r->m[lo].icpsr == icpsr ? &r->m[lo] : NULL;
}

/* An optional number column (NOMINATE's): NaN when absent or empty. */
static int number_field(reader *r, sg_cursor *cur, const char *file, long col,
                        const char *name, double *out)
{
    *out = NAN;
    if (col < 0 || !*sg_cursor_field(cur, (size_t)col))
        return 0;
    const char *s = sg_cursor_field(cur, (size_t)col);
    if (sg_parse_decimal(s, out) == 0)
        return 0;
    char b[80];
    report(r, file, cur->field_line[col], cur->field_col[col],
           "%s \"%s\" is not a number", name, sg_shorten(s, b, sizeof b));
    return 1;
}

static int read_members(reader *r, const sg_side_table *t)
{
    static const char *const names[NM_COLS] = {
        "congress",    "chamber",    "icpsr",         "state_abbrev",
        "party_code",  "bioname",    "nominate_dim1", "nominate_dim2"};
    static const int required[NM_COLS] = {0, 0, 1, 0, 0, 0, 0, 0};
    long col[NM_COLS];
    sg_cursor cur;
    int rc = open_table(r, &cur, t, names, required, col, NM_COLS,
                        "a Voteview members file has congress, chamber, icpsr, "
                        "state_abbrev, party_code, bioname ...");
    if (rc <= 0)
        goto cleanup;
    /* A file of several Congresses (HSall_members.csv) has a row per
     * member and Congress: only those of the Congresses voting count. */
    int by_congress = r->has_congress && col[M_CONGRESS] >= 0;
    size_t nheader = cur.nfields;
    while ((rc = next_row(r, &cur, t->name, nheader)) > 0) {
        if (rc == 2)
            continue;
        member m = {0};
        uint32_t congress, party;
        char chamber;
        int bad = whole_field(r, &cur, t->name, col[M_CONGRESS], "congress",
                              MAX_CONGRESS, 1, &congress);
        bad |= chamber_field(r, &cur, t->name, col[M_CHAMBER], &chamber);
        bad |= whole_field(r, &cur, t->name, col[M_ICPSR], "icpsr", MAX_ICPSR,
                           1, &m.icpsr);
        bad |= whole_field(r, &cur, t->name, col[M_PARTY], "party_code",
                           UINT32_MAX - 1, 0, &party);
        bad |= number_field(r, &cur, t->name, col[M_DIM1], "nominate_dim1",
                            &m.dim1);
        bad |= number_field(r, &cur, t->name, col[M_DIM2], "nominate_dim2",
                            &m.dim2);
        if (bad || (by_congress && !r->congresses[congress]))
            continue;
        m.line = (uint32_t)cur.rec_line;
        m.type = chamber == 'H'   ? "representative"
                 : chamber == 'S' ? "senator"
                 : chamber == 'P' ? "president"
                                  : NULL;
        if ((rc = text_field(r, &cur, col[M_NAME], &m.label)) ||
            (rc = text_field(r, &cur, col[M_STATE], &m.state)))
            goto cleanup;
        if (col[M_PARTY] >= 0 && *sg_cursor_field(&cur, (size_t)col[M_PARTY])) {
            /* A code Voteview does not list is kept as the number. */
            char num[16];
            snprintf(num, sizeof num, "%" PRIu32, party);
            m.party = sg_voteview_party(party);
            if (!m.party && !(m.party = sg_arena_strdup(&r->arena, num))) {
                rc = sg_seterr(SG_ENOMEM, "out of memory");
                goto cleanup;
            }
        }
        if (sg_grow(&r->m, &r->capm, r->nm + 1, sizeof *r->m)) {
            rc = SG_ENOMEM;
            goto cleanup;
        }
        r->m[r->nm++] = m;
    }
    if (r->nm)
        qsort(r->m, r->nm, sizeof *r->m, cmp_member);
cleanup:
    sg_cursor_free(&cur);
    return rc < 0 ? rc : 0;
}

/* ---- roll calls ---- */

enum {
    R_CONGRESS,
    R_CHAMBER,
    R_ROLLNUMBER,
    R_DATE,
    R_BILL,
    R_RESULT,
    R_DESC,
    R_QUESTION,
    R_DETAIL,
    NR_COLS
};

static int cmp_rollcall(const void *a, const void *b)
{
    const rollcall *x = a, *y = b;
    int k = cmp_key(&x->key, &y->key);
    if (k)
        return k;
    return (x->line > y->line) - (x->line < y->line);
}

/* The roll call of a vote: congress and chamber count where both files
 * have them (they are zeroed in r->r otherwise). */
static const rollcall *find_rollcall(const reader *r, const vote *v,
                                     int by_congress, int by_chamber)
{
    rc_key key = v->key;
    key.congress = by_congress ? key.congress : 0;
    key.chamber = by_chamber ? key.chamber : 0;
    size_t lo = 0, hi = r->nr;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_key(&r->r[mid].key, &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->nr && cmp_key(&r->r[lo].key, &key) == 0 ? &r->r[lo]
                                                           : NULL;
}

/* The label of a roll call: Voteview's description (vote_desc), else the
 * detailed one (dtl_desc), else the bill and the question. NULL when the
 * row has none of them. */
static int rollcall_label(reader *r, sg_cursor *cur, const long *col,
                          const char **out)
{
    int rc = text_field(r, cur, col[R_DESC], out);
    if (!rc && !*out)
        rc = text_field(r, cur, col[R_DETAIL], out);
    if (rc || *out)
        return rc;
    const char *bill = col[R_BILL] >= 0
                           ? sg_cursor_field(cur, (size_t)col[R_BILL])
                           : "";
    const char *question = col[R_QUESTION] >= 0
                               ? sg_cursor_field(cur, (size_t)col[R_QUESTION])
                               : "";
    if (!*bill && !*question)
        return 0;
    size_t n = strlen(bill) + strlen(question) + 3;
    char *s = sg_arena_alloc(&r->arena, n);
    if (!s)
        return sg_seterr(SG_ENOMEM, "out of memory");
    snprintf(s, n, "%s%s%s", bill, *bill && *question ? ": " : "", question);
    *out = s;
    return 0;
}

static int read_rollcalls(reader *r, const sg_side_table *t, int *by_congress,
                          int *by_chamber)
{
    static const char *const names[NR_COLS] = {
        "congress",    "chamber",   "rollnumber",    "date",    "bill_number",
        "vote_result", "vote_desc", "vote_question", "dtl_desc"};
    static const int required[NR_COLS] = {0, 0, 1, 0, 0, 0, 0, 0, 0};
    long col[NR_COLS];
    sg_cursor cur;
    int rc = open_table(r, &cur, t, names, required, col, NR_COLS,
                        "a Voteview roll-calls file has congress, chamber, "
                        "rollnumber, date, bill_number, vote_desc ...");
    if (rc <= 0)
        goto cleanup;
    *by_congress = r->has_congress && col[R_CONGRESS] >= 0;
    *by_chamber = r->has_chamber && col[R_CHAMBER] >= 0;
    size_t nheader = cur.nfields;
    while ((rc = next_row(r, &cur, t->name, nheader)) > 0) {
        if (rc == 2)
            continue;
        rollcall x = {0};
        uint32_t congress;
        char chamber;
        int bad = whole_field(r, &cur, t->name, col[R_CONGRESS], "congress",
                              MAX_CONGRESS, 1, &congress);
        bad |= chamber_field(r, &cur, t->name, col[R_CHAMBER], &chamber);
        bad |= whole_field(r, &cur, t->name, col[R_ROLLNUMBER], "rollnumber",
                           MAX_ROLLNUMBER, 1, &x.key.rollnumber);
        x.date = SG_NO_DATE;
        long dc = col[R_DATE];
        if (dc >= 0 && *sg_cursor_field(&cur, (size_t)dc) &&
            sg_date_parse(&x.date, sg_cursor_field(&cur, (size_t)dc), 0)) {
            char b[80];
            report(r, t->name, cur.field_line[dc], cur.field_col[dc],
                   "date \"%s\" is not a real calendar date YYYY-MM-DD",
                   sg_shorten(sg_cursor_field(&cur, (size_t)dc), b, sizeof b));
            bad = 1;
        }
        if (bad)
            continue;
        x.key.congress = *by_congress ? (uint16_t)congress : 0;
        x.key.chamber = *by_chamber ? chamber : 0;
        x.line = (uint32_t)cur.rec_line;
        if ((rc = rollcall_label(r, &cur, col, &x.label)) ||
            (rc = text_field(r, &cur, col[R_BILL], &x.bill)) ||
            (rc = text_field(r, &cur, col[R_QUESTION], &x.question)) ||
            (rc = text_field(r, &cur, col[R_RESULT], &x.result)))
            goto cleanup;
        if (sg_grow(&r->r, &r->capr, r->nr + 1, sizeof *r->r)) {
            rc = SG_ENOMEM;
            goto cleanup;
        }
        r->r[r->nr++] = x;
    }
    if (rc < 0)
        goto cleanup;
    if (r->nr)
        qsort(r->r, r->nr, sizeof *r->r, cmp_rollcall);
    for (size_t i = 1; i < r->nr; i++) {
        const rollcall *a = &r->r[i - 1], *b = &r->r[i];
        if (cmp_key(&a->key, &b->key))
            continue;
        char id[24];
        rollcall_id(id, sizeof id, &b->key);
        report(r, t->name, b->line, 0,
               "roll call %s has a second row (the first is on line %" PRIu32
               ")",
               id, a->line);
    }
cleanup:
    sg_cursor_free(&cur);
    return rc < 0 ? rc : 0;
}

/* ---- the corpus ---- */

static int set_text(sg_corpus *c, sg_node_kind kind, size_t i,
                    const char *key, const char *text)
{
    if (!text)
        return 0;
    sg_value v = {SG_VALUE_STRING, text, 0};
    return sg_corpus_set_attr(c, kind, i, key, &v);
}

static int set_number(sg_corpus *c, size_t i, const char *key, double x)
{
    if (isnan(x))
        return 0;
    sg_value v = {SG_VALUE_NUMBER, NULL, x};
    return sg_corpus_set_attr(c, SG_ACTOR, i, key, &v);
}

/* The actor of a vote, created with what the members file says of it. */
static int actor_of(reader *r, const vote *v, size_t *out)
{
    char id[16];
    snprintf(id, sizeof id, "%" PRIu32, v->icpsr);
    if (sg_corpus_find(r->c, id, NULL, out) == 0)
        return 0;
    const member *m = r->nm ? find_member(r, v->icpsr) : NULL;
    sg_entity e = {0};
    e.id = id;
    r->voters++;
    if (m) {
        e.label = m->label;
        e.type = m->type;
        /* The party is the group unless --group names another. */
        if (!r->opts->group_column)
            e.group = m->party;
        r->matched_members++;
    } else if (!r->first_unmatched_member) {
        r->first_unmatched_member = v->icpsr;
    }
    int rc = sg_corpus_add_entity(r->c, SG_ACTOR, &e, out);
    if (!rc && m)
        rc = set_text(r->c, SG_ACTOR, *out, "party", m->party);
    if (!rc && m)
        rc = set_text(r->c, SG_ACTOR, *out, "state", m->state);
    if (!rc && m)
        rc = set_number(r->c, *out, "nominate_dim1", m->dim1);
    if (!rc && m)
        rc = set_number(r->c, *out, "nominate_dim2", m->dim2);
    return rc;
}

/* The proposal of a vote and its date, created with what the roll-calls
 * file says of it. `dates` holds each proposal's date. */
static int proposal_of(reader *r, const vote *v, int by_congress,
                       int by_chamber, int32_t **dates, size_t *capd,
                       size_t *out)
{
    char id[24];
    rollcall_id(id, sizeof id, &v->key);
    if (sg_corpus_find(r->c, id, NULL, out) == 0)
        return 0;
    const rollcall *x =
        r->nr ? find_rollcall(r, v, by_congress, by_chamber) : NULL;
    sg_entity e = {0};
    e.id = id;
    if (x) {
        e.label = x->label;
        r->matched_rollcalls++;
    } else if (!*r->first_unmatched_rollcall) {
        memcpy(r->first_unmatched_rollcall, id, sizeof id);
    }
    r->rollcalls++;
    int rc = sg_corpus_add_entity(r->c, SG_PROPOSAL, &e, out);
    if (!rc && x)
        rc = set_text(r->c, SG_PROPOSAL, *out, "bill", x->bill);
    if (!rc && x)
        rc = set_text(r->c, SG_PROPOSAL, *out, "question", x->question);
    if (!rc && x)
        rc = set_text(r->c, SG_PROPOSAL, *out, "result", x->result);
    if (!rc && sg_grow(dates, capd, *out + 1, sizeof **dates))
        rc = SG_ENOMEM;
    if (!rc)
        (*dates)[*out] = x ? x->date : SG_NO_DATE;
    return rc;
}

/* Actors, proposals and stances in the order of the votes file. */
static int build(reader *r, int by_congress, int by_chamber)
{
    int32_t *dates = NULL;
    size_t capd = 0;
    int rc = sg_corpus_reserve_stances(r->c, r->nv);
    for (size_t i = 0; i < r->nv && !rc; i++) {
        const vote *v = &r->v[i];
        if (v->code == 0)
            continue; /* not a member at the time: no vote at all */
        if (v->code >= 7) {
            r->c->skipped++; /* present or not voting */
            continue;
        }
        sg_stance s = {0};
        size_t a, p;
        if ((rc = actor_of(r, v, &a)) ||
            (rc = proposal_of(r, v, by_congress, by_chamber, &dates, &capd,
                              &p)))
            break;
        s.actor = (uint32_t)a;
        s.proposal = (uint32_t)p;
        s.position = v->code <= 3 ? SG_SUPPORT : SG_OPPOSE;
        s.date = dates[p];
        s.source = SG_NO_SOURCE;
        s.weight = 1;
        rc = sg_corpus_add_stance(r->c, &s);
    }
    free(dates);
    return rc;
}

/* What the side tables did not match: an error when they match nothing
 * (another Congress's or chamber's file), a warning when they miss some. */
static void check_matches(reader *r, const sg_side_table *members,
                          const sg_side_table *rollcalls)
{
    if (members && r->voters && !r->matched_members)
        report(r, members->name, 0, 0,
               "none of the %zu members who vote in %s has a row here (the "
               "first: icpsr %" PRIu32 "); is it the members file of another "
               "Congress or chamber?",
               r->voters, r->name, r->first_unmatched_member);
    else if (members && r->matched_members < r->voters)
        sg_diag_add(r->diag, SG_DIAG_WARNING,
                    "%s: %zu member(s) who vote in %s have no row here (the "
                    "first: icpsr %" PRIu32 "); their ICPSR number is their "
                    "label",
                    members->name, r->voters - r->matched_members, r->name,
                    r->first_unmatched_member);
    if (rollcalls && r->rollcalls && !r->matched_rollcalls)
        report(r, rollcalls->name, 0, 0,
               "none of the %zu roll calls voted on in %s has a row here (the "
               "first: %s); is it the roll-calls file of another Congress or "
               "chamber?",
               r->rollcalls, r->name, r->first_unmatched_rollcall);
    else if (rollcalls && r->matched_rollcalls < r->rollcalls)
        sg_diag_add(r->diag, SG_DIAG_WARNING,
                    "%s: %zu roll call(s) voted on in %s have no row here (the "
                    "first: %s); they have no date or description",
                    rollcalls->name, r->rollcalls - r->matched_rollcalls,
                    r->name, r->first_unmatched_rollcall);
}

int sg_load_voteview(sg_corpus *c, const char *data, size_t len,
                     const char *name, const sg_side_table *members,
                     const sg_side_table *rollcalls,
                     const sg_load_options *opts, sg_diag *diag)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.c = c;
    r.diag = diag;
    r.opts = opts;
    r.name = name;
    sg_arena_init(&r.arena);
    int by_congress = 0, by_chamber = 0;
    sg_side_table votes = {data, len, name};
    int rc = read_votes(&r, &votes);
    if (rc || r.failed)
        goto cleanup;
    if (place_presidents(&r) || (rc = check_repeats(&r)) || r.failed)
        goto cleanup;
    if ((members && (rc = read_members(&r, members))) ||
        (rollcalls &&
         (rc = read_rollcalls(&r, rollcalls, &by_congress, &by_chamber))))
        goto cleanup;
    if (r.failed)
        goto cleanup;
    if ((rc = build(&r, by_congress, by_chamber)))
        goto cleanup;
    check_matches(&r, members, rollcalls);
cleanup:
    free(r.v);
    free(r.m);
    free(r.r);
    sg_arena_free(&r.arena);
    return rc ? rc : r.failed ? SG_EINVALID : 0;
}
