/* What every export format shares: value text, the string checks made
 * before writing, colours and sizes, and XML text escaping. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/export_internal.h"
#include "model/util.h"

/* A short printable form of `s` for messages: control characters and bytes
 * of broken UTF-8 become '?', long strings are cut at a character boundary. */
static const char *shown(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s), ok = sg_utf8_valid_prefix(s, n), i, j = 0;
    for (i = 0; i < n && j + 4 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[j++] = c < 0x20 || c == 0x7F || i >= ok ? '?' : (char)c;
    }
    if (i < n) {
        while (i < ok && ((unsigned char)s[i] & 0xC0) == 0x80) {
            i--;
            j--;
        }
        memcpy(buf + j, "...", 3);
        j += 3;
    }
    buf[j] = '\0';
    return buf;
}

static int find_non_xml(const char *s, unsigned *cp)
{
    return sg_xml_forbidden_count(s, cp) > 0;
}

/* What a check found that it did not refuse: the characters XML cannot
 * carry, which the writers replace. */
typedef struct {
    int xml, strict;
    const char *format;
    sg_export_replaced *found; /* may be NULL */
} check_ctx;

/* 0 when `s` can be written (after replacement, unless strict); otherwise
 * SG_EINVALID with a message about `what` (a printf format taking up to
 * two strings, shown safely). */
static int check_text(const char *s, const check_ctx *k, const char *what,
                      const char *a, const char *b)
{
    size_t n = strlen(s), bad = 0;
    unsigned cp = 0;
    int utf8 = sg_utf8_valid_prefix(s, n) == n;
    if (utf8 && k->xml)
        bad = sg_xml_forbidden_count(s, &cp);
    if (utf8 && !bad)
        return 0;
    char where[400], sa[80], sb[80];
    snprintf(where, sizeof where, what, a ? shown(a, sa, sizeof sa) : "",
             b ? shown(b, sb, sizeof sb) : "");
    if (!utf8)
        return sg_seterr(SG_EINVALID, "cannot write %s: %s is not valid UTF-8",
                         k->format, where);
    if (k->strict)
        return sg_seterr(SG_EINVALID,
                         "cannot write %s: %s contains U+%04X, which XML 1.0 "
                         "cannot carry (JSON and CSV can)",
                         k->format, where, cp);
    if (k->found) {
        if (k->found->count == 0) {
            snprintf(k->found->where, sizeof k->found->where, "%s", where);
            k->found->first = cp;
        }
        k->found->count += bad;
    }
    return 0;
}

/* Names the formats give to the element itself or to its endpoints and
 * weight, which a column of the same name would contradict. */
static int reserved(sg_table table, const char *name)
{
    static const char *const edge_names[] = {"id", "source", "target",
                                             "type", "weight", "net"};
    if (table == SG_NODES)
        return strcmp(name, "id") == 0;
    for (size_t i = 0; i < sizeof edge_names / sizeof *edge_names; i++)
        if (strcmp(name, edge_names[i]) == 0)
            return 1;
    return 0;
}

static int check_table(const sg_network *net, sg_table table,
                       const check_ctx *k)
{
    const sg_column *cols = table == SG_NODES ? net->node_cols : net->edge_cols;
    size_t ncols = table == SG_NODES ? net->n_node_cols : net->n_edge_cols;
    size_t rows = table == SG_NODES ? net->nnodes : net->nedges;
    for (size_t c = 0; c < ncols; c++) {
        if (reserved(table, cols[c].name))
            return sg_seterr(SG_EINVALID,
                             "cannot write %s: the %s attribute name \"%s\" "
                             "is reserved", k->format,
                             table == SG_NODES ? "node" : "edge", cols[c].name);
        if (cols[c].type != SG_COL_STRING)
            continue;
        /* The attribute name is safe to print: [A-Za-z0-9_]. */
        char what[120];
        snprintf(what, sizeof what, "%s attribute \"%s\"",
                 table == SG_NODES ? "node \"%s\"%s"
                                   : "edge \"%s\" -- \"%s\"",
                 cols[c].name);
        for (size_t r = 0; r < rows; r++) {
            if (!cols[c].str[r])
                continue;
            const char *a = table == SG_NODES ? net->node_id[r]
                                              : net->node_id[net->edge_from[r]];
            const char *b = table == SG_NODES ? NULL
                                              : net->node_id[net->edge_to[r]];
            int rc = check_text(cols[c].str[r], k, what, a, b);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* Ids that differ only in replaced characters would become one: refuse.
 * Only ids holding such characters are compared, so this costs nothing on
 * clean networks; O(k^2) for k such ids otherwise. */
static int distinct_ids(const sg_network *net, const char *format)
{
    int rc = 0;
    char **done = NULL;
    size_t ndone = 0;
    unsigned cp;
    for (size_t i = 0; i < net->nnodes && !rc; i++) {
        if (!find_non_xml(net->node_id[i], &cp))
            continue;
        char *r = sg_export_xml_replaced(net->node_id[i]);
        char **grown = r ? realloc(done, (ndone + 1) * sizeof *done) : NULL;
        if (!grown) {
            free(r);
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            break;
        }
        done = grown;
        int clash = sg_network_find_node(net, r) >= 0;
        for (size_t j = 0; j < ndone && !clash; j++)
            clash = strcmp(done[j], r) == 0;
        done[ndone++] = r;
        if (clash) {
            char sa[80];
            rc = sg_seterr(SG_EINVALID,
                           "cannot write %s: the id of node \"%s\" becomes "
                           "another node's once the characters XML 1.0 "
                           "cannot carry are replaced (JSON and CSV keep "
                           "them)",
                           format, shown(net->node_id[i], sa, sizeof sa));
        }
    }
    for (size_t j = 0; j < ndone; j++)
        free(done[j]);
    free(done);
    return rc;
}

int sg_export_check(const sg_network *net, int xml, int strict,
                    const char *format, sg_export_replaced *found)
{
    int rc;
    check_ctx k = {xml, strict, format, found};
    if (found)
        memset(found, 0, sizeof *found);
    if (net->title &&
        (rc = check_text(net->title, &k, "the title%s%s", NULL, NULL)))
        return rc;
    for (size_t i = 0; i < net->nnodes; i++)
        if ((rc = check_text(net->node_id[i], &k, "the id of node \"%s\"%s",
                             net->node_id[i], NULL)))
            return rc;
    if ((rc = check_table(net, SG_NODES, &k)) ||
        (rc = check_table(net, SG_EDGES, &k)))
        return rc;
    return xml && !strict ? distinct_ids(net, format) : 0;
}

const char *sg_export_value(const sg_column *c, size_t row,
                            char buf[SG_EXPORT_NUMBUF])
{
    if (c->type == SG_COL_STRING)
        return c->str[row];
    if (c->missing[row] || !isfinite(c->num[row]))
        return NULL;
    if (c->type == SG_COL_BOOL)
        return c->num[row] != 0 ? "true" : "false";
    return sg_export_number_text(c->num[row], buf);
}

const char *sg_export_number_text(double x, char buf[SG_EXPORT_NUMBUF])
{
    if (!isfinite(x))
        return NULL;
    if (x != floor(x) || fabs(x) >= 9007199254740992.0) {
        sg_format_double(buf, SG_EXPORT_NUMBUF, x);
        return buf;
    }
    /* Digits from the end; "-0" prints as "0", as sg_format_double does. */
    unsigned long long v = (unsigned long long)fabs(x);
    char *p = buf + SG_EXPORT_NUMBUF - 1;
    *p = '\0';
    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (x < 0)
        *--p = '-';
    return memmove(buf, p, (size_t)(buf + SG_EXPORT_NUMBUF - p));
}

double sg_export_number(const sg_column *c, size_t row, int *present)
{
    *present = c && c->type != SG_COL_STRING && !c->missing[row] &&
               isfinite(c->num[row]);
    return *present ? c->num[row] : 0;
}

static int fits_int32(const sg_column *c, size_t rows)
{
    for (size_t r = 0; r < rows; r++)
        if (!c->missing[r] && isfinite(c->num[r]) &&
            (c->num[r] < -2147483648.0 || c->num[r] > 2147483647.0))
            return 0;
    return 1;
}

/* 1 when every present value is a whole number that a double holds
 * exactly (|x| < 2^53), and at least one is present. */
static int all_whole(const sg_column *c, size_t rows)
{
    size_t present = 0;
    for (size_t r = 0; r < rows; r++) {
        if (c->missing[r] || !isfinite(c->num[r]))
            continue;
        if (c->num[r] != floor(c->num[r]) ||
            fabs(c->num[r]) >= 9007199254740992.0)
            return 0;
        present++;
    }
    return present > 0;
}

const char *sg_export_type_name(const sg_column *c, size_t rows,
                                const char *const names[5])
{
    switch (c->type) {
    case SG_COL_STRING: return names[0];
    case SG_COL_NUMBER:
        /* Whole numbers read back as integers (a CSV's seats column is
         * numeric, not integer, when loaded): declare them so. */
        return all_whole(c, rows) ? (fits_int32(c, rows) ? names[2] : names[3])
                                  : names[1];
    case SG_COL_INT: return fits_int32(c, rows) ? names[2] : names[3];
    case SG_COL_BOOL: return names[4];
    }
    return names[0];
}

const char *sg_export_label(const sg_network *net, size_t node)
{
    const sg_column *c = sg_network_column(net, SG_NODES, "label");
    if (c && c->type == SG_COL_STRING && c->str[node])
        return c->str[node];
    return net->node_id[node];
}

long sg_export_coalition(const sg_network *net, size_t node)
{
    int present;
    double v = sg_export_number(sg_network_column(net, SG_NODES, "coalition"),
                                node, &present);
    return present && v >= 1 && v < 1e9 ? (long)v : 0;
}

/* Okabe & Ito (2008), colour-blind safe; blue and vermillion come last
 * because ties use them. */
static const sg_rgb palette[] = {
    {0xE6, 0x9F, 0x00}, /* orange */
    {0x56, 0xB4, 0xE9}, /* sky blue */
    {0x00, 0x9E, 0x73}, /* bluish green */
    {0xCC, 0x79, 0xA7}, /* reddish purple */
    {0xF0, 0xE4, 0x42}, /* yellow */
    {0x00, 0x72, 0xB2}, /* blue */
    {0xD5, 0x5E, 0x00}, /* vermillion */
};

sg_rgb sg_export_coalition_rgb(long coalition)
{
    if (coalition < 1) {
        sg_rgb grey = {0xBB, 0xBB, 0xBB};
        return grey;
    }
    return palette[(size_t)(coalition - 1) % (sizeof palette / sizeof *palette)];
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

sg_rgb sg_export_node_rgb(const sg_network *net, size_t node)
{
    const sg_column *c = sg_network_column(net, SG_NODES, "color");
    const char *s = c && c->type == SG_COL_STRING ? c->str[node] : NULL;
    if (s && s[0] == '#' && strlen(s) == 7) {
        int d[6], ok = 1;
        for (int k = 0; k < 6; k++)
            ok &= (d[k] = hex_digit(s[1 + k])) >= 0;
        if (ok) {
            sg_rgb rgb = {(unsigned char)(d[0] << 4 | d[1]),
                          (unsigned char)(d[2] << 4 | d[3]),
                          (unsigned char)(d[4] << 4 | d[5])};
            return rgb;
        }
    }
    return sg_export_coalition_rgb(sg_export_coalition(net, node));
}

sg_rgb sg_export_tie_rgb(double netval)
{
    sg_rgb support = {0x00, 0x72, 0xB2}, oppose = {0xD5, 0x5E, 0x00},
           neither = {0x99, 0x99, 0x99};
    return netval > 0 ? support : netval < 0 ? oppose : neither;
}

void sg_export_hex(char buf[8], sg_rgb c)
{
    snprintf(buf, 8, "#%02X%02X%02X", c.r, c.g, c.b);
}

double *sg_export_node_sizes(const sg_network *net)
{
    double *s = calloc(net->nnodes ? net->nnodes : 1, sizeof *s);
    if (!s) {
        sg_seterr(SG_ENOMEM, "out of memory");
        return NULL;
    }
    for (size_t e = 0; e < net->nedges; e++) {
        s[net->edge_from[e]] += net->weight[e];
        s[net->edge_to[e]] += net->weight[e];
    }
    double max = 0;
    for (size_t i = 0; i < net->nnodes; i++)
        if (s[i] > max)
            max = s[i];
    /* Square root: node area, not diameter, grows with strength. Rounded
     * to a tenth so that files stay readable. */
    for (size_t i = 0; i < net->nnodes; i++)
        s[i] = round((10 + (max > 0 ? 40 * sqrt(s[i] / max) : 0)) * 10) / 10;
    return s;
}

void sg_export_escaped(FILE *f, const char *s, sg_escape_fn *rep, int flag)
{
    char tmp[8];
    const char *run = s;
    for (; *s; s++) {
        const char *r = rep((unsigned char)*s, tmp, flag);
        if (!r)
            continue;
        fwrite(run, 1, (size_t)(s - run), f);
        fputs(r, f);
        run = s + 1;
    }
    fwrite(run, 1, (size_t)(s - run), f);
}

static const char *xml_rep(unsigned char c, char *tmp, int attribute)
{
    (void)tmp;
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '\r': return "&#13;";
    case '"': return attribute ? "&quot;" : NULL;
    case '\'': return attribute ? "&apos;" : NULL;
    case '\n': return attribute ? "&#10;" : NULL;
    case '\t': return attribute ? "&#9;" : NULL;
    }
    return NULL;
}

/* U+FFFD REPLACEMENT CHARACTER, for what XML cannot carry. */
static const char replacement[] = "\xEF\xBF\xBD";

void sg_export_escaped_xml(FILE *f, const char *s, sg_escape_fn *rep,
                           int flag)
{
    const unsigned char *u = (const unsigned char *)s;
    char tmp[8];
    size_t run = 0, i = 0, len;
    unsigned cp;
    while (u[i]) {
        if ((len = sg_xml_forbidden_at(u + i, &cp))) {
            fwrite(s + run, 1, i - run, f);
            fputs(replacement, f);
            i += len;
            run = i;
            continue;
        }
        const char *r = rep(u[i], tmp, flag);
        if (r) {
            fwrite(s + run, 1, i - run, f);
            fputs(r, f);
            run = i + 1;
        }
        i++;
    }
    fwrite(s + run, 1, i - run, f);
}

char *sg_export_xml_replaced(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), len;
    unsigned cp;
    /* Each replaced byte grows into at most three. */
    char *out = malloc(3 * n + 1), *p = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        if ((len = sg_xml_forbidden_at(u + i, &cp))) {
            memcpy(p, replacement, 3);
            p += 3;
            i += len;
        } else {
            *p++ = s[i++];
        }
    }
    *p = '\0';
    return out;
}

void sg_export_xml_text(FILE *f, const char *s, int attribute)
{
    sg_export_escaped_xml(f, s, xml_rep, attribute);
}

int sg_export_xml_plain(const char *s, int attribute)
{
    char tmp[8];
    unsigned cp;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++)
        if (xml_rep(*u, tmp, attribute) || sg_xml_forbidden_at(u, &cp))
            return 0;
    return 1;
}

void sg_outbuf_flush(sg_outbuf *b)
{
    if (b->len)
        fwrite(b->buf, 1, b->len, b->f);
    b->len = 0;
}
