#ifndef SG_EXPORT_INTERNAL_H
#define SG_EXPORT_INTERNAL_H

/* Shared by the format writers (export_*.c): value text, string checks,
 * the colour and size conventions every visual format follows, and the
 * escapers. Not part of the public API. */

#include <stdio.h>
#include <string.h>

#include "stancegraph/export.h"

/* Largest text sg_export_value() produces, with its NUL. */
#define SG_EXPORT_NUMBUF 40

/* Set the message "cannot write PATH: REASON" for errno `err` (0: a write
 * error without one) and return SG_EIO. */
int sg_export_io_error(const char *path, int err);

/* Output assembled in memory and handed to stdio in large pieces: the
 * writers' inner loops run once per tie of networks with tens of millions,
 * where a locked stdio call per fragment costs more than the formatting.
 * Everything put is written, in order, by sg_outbuf_flush (call it
 * before writing to `f` directly, and at the end). */
#define SG_OUTBUF_SIZE (256 * 1024)
typedef struct {
    FILE *f;
    size_t len;
    char buf[SG_OUTBUF_SIZE];
} sg_outbuf;

void sg_outbuf_flush(sg_outbuf *b);

static inline void sg_outbuf_put(sg_outbuf *b, const char *s, size_t n)
{
    if (n > SG_OUTBUF_SIZE - b->len) {
        sg_outbuf_flush(b);
        if (n > SG_OUTBUF_SIZE) {
            fwrite(s, 1, n, b->f);
            return;
        }
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
}

static inline void sg_outbuf_puts(sg_outbuf *b, const char *s)
{
    sg_outbuf_put(b, s, strlen(s));
}

/* Check every string `net` would write (ids, title, column names and
 * values) before anything is written: valid UTF-8 for all formats; with
 * `xml` set, characters XML 1.0 cannot carry are refused when `strict`,
 * else counted into *found (may be NULL), which the writers replace with
 * U+FFFD (then two node ids that would become one are refused).
 * SG_EINVALID naming the element and attribute, and `format`. */
int sg_export_check(const sg_network *net, int xml, int strict,
                    const char *format, sg_export_replaced *found);

/* Text of column `c` at `row`: the string itself, or a number formatted
 * into buf ("true"/"false" for booleans). NULL when the value is missing
 * or not finite, so that writers leave it out. */
const char *sg_export_value(const sg_column *c, size_t row,
                            char buf[SG_EXPORT_NUMBUF]);

/* Shortest text that reads back as x (integers without printf, which is
 * slow); NULL when x is not finite. */
const char *sg_export_number_text(double x, char buf[SG_EXPORT_NUMBUF]);

/* The number in a numeric column at `row`, or 0 when missing/not finite;
 * *present tells which. */
double sg_export_number(const sg_column *c, size_t row, int *present);

/* A column's declared type in a format that names its types in `names`
 * (string, double, 32-bit integer, 64-bit integer, boolean): integer
 * columns, and numeric ones whose every value is a whole number, are
 * integers, "long" only when a value needs it, since Gephi reads "int" as
 * 32 bits. */
const char *sg_export_type_name(const sg_column *c, size_t rows,
                                const char *const names[5]);

/* The node's label column, or its id when there is none. */
const char *sg_export_label(const sg_network *net, size_t node);

typedef struct {
    unsigned char r, g, b;
} sg_rgb;

/* 1-based coalition of a node from the `coalition` column; 0 when none. */
long sg_export_coalition(const sg_network *net, size_t node);

/* Okabe-Ito colour of a coalition (cycling), grey for 0. */
sg_rgb sg_export_coalition_rgb(long coalition);

/* A node's own colour when it has one (a `color` attribute "#RRGGBB", such
 * as a DNA entity's colour), else its coalition's. */
sg_rgb sg_export_node_rgb(const sg_network *net, size_t node);

/* Colour of a tie by its sign: blue for support/agreement, vermillion for
 * opposition/conflict, grey for neither. */
sg_rgb sg_export_tie_rgb(double netval);

/* "#RRGGBB" into buf (8 bytes). */
void sg_export_hex(char buf[8], sg_rgb c);

/* Node sizes for Gephi, 10-50 by weighted degree (strength), into a new
 * array the caller frees; NULL (message set) on allocation failure. */
double *sg_export_node_sizes(const sg_network *net);

/* What an escaper writes for byte c (tmp holds at least 8 bytes for
 * replacements built on the spot), or NULL to copy it as it is. */
typedef const char *sg_escape_fn(unsigned char c, char *tmp, int flag);

/* Write s through `rep`, copying runs of unchanged bytes at once. */
void sg_export_escaped(FILE *f, const char *s, sg_escape_fn *rep, int flag);

/* Write s through `rep` as sg_export_escaped does, with every character
 * XML 1.0 cannot carry written as U+FFFD instead. */
void sg_export_escaped_xml(FILE *f, const char *s, sg_escape_fn *rep,
                           int flag);

/* A copy of `s` with those characters replaced by U+FFFD; the caller
 * frees; NULL when out of memory. */
char *sg_export_xml_replaced(const char *s);

/* XML text: & < > always, CR as &#13; (parsers would turn it into LF);
 * in attribute values also " ' and tab/LF as character references, which
 * attribute-value normalisation would otherwise turn into spaces. */
void sg_export_xml_text(FILE *f, const char *s, int attribute);
/* Characters XML cannot carry become U+FFFD (see sg_export_check). */
/* 1 when sg_export_xml_text would write `s` unchanged, so a caller may
 * copy it as it is. */
int sg_export_xml_plain(const char *s, int attribute);

/* A DOT quoted string: quote escaped, backslash doubled, LF as \n and CR
 * as \r, which Graphviz draws as line breaks. With `drawn` (labels,
 * tooltips) also & as &amp;, since Graphviz decodes entities there. Names
 * come back from Graphviz's parser with those escapes still in them (its
 * parser only unescapes \"), distinct for distinct ids. */
void sg_export_dot_quoted(FILE *f, const char *s, int drawn);

/* A JSON string literal: " and \ escaped, control characters as \n, \t, \r
 * or \u00XX; all else as UTF-8. */
void sg_export_json_string(FILE *f, const char *s);

/* The same for JSON inside an HTML <script> block: also <, > and & as
 * \u003c, \u003e and \u0026 (no "</script>" or "<!--" can appear), and
 * U+2028 and U+2029 as \u2028 and \u2029 (line ends to older JavaScript
 * parsers). */
void sg_export_json_string_script(FILE *f, const char *s);

/* An RFC 4180 field: quoted (with "" for ") when it holds , " CR or LF, or
 * begins or ends with a space. */
void sg_export_csv_field(FILE *f, const char *s);

/* The writers. The network has been checked; each returns 0 or
 * SG_ENOMEM, leaving stream errors for the caller to find with ferror(). */
int sg_export_graphml_write(FILE *f, const sg_network *net,
                            const sg_export_options *opts);
int sg_export_dot_write(FILE *f, const sg_network *net,
                        const sg_export_options *opts);
int sg_export_gexf_write(FILE *f, const sg_network *net,
                         const sg_export_options *opts);
int sg_export_json_write(FILE *f, const sg_network *net,
                         const sg_export_options *opts);
int sg_export_csv_write_nodes(FILE *f, const sg_network *net);
int sg_export_csv_write_edges(FILE *f, const sg_network *net);

#endif
