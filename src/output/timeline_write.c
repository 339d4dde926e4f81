/* The timeline as a table (text, CSV, JSON) and as a chart (SVG). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "output/export_internal.h"
#include "stancegraph/timeline.h"
#include "model/util.h"

/* ---- camp changes ----------------------------------------------------- */

/* One actor's move in a window: from its last camp to a new one. */
typedef struct {
    uint32_t actor, from, to;
} move;

/* Moves of every window, in window order then actor order: window w's are
 * (*out)[start[w] .. start[w + 1]). */
static int collect_moves(const sg_timeline *t, move **out, size_t **start)
{
    size_t total = 0, cap = 0;
    move *m = NULL;
    uint32_t *last = sg_zalloc(t->nactors ? t->nactors : 1, sizeof *last);
    size_t *st = sg_zalloc(t->nwindows + 1, sizeof *st);
    if (!last || !st)
        goto nomem;
    for (size_t w = 0; w < t->nwindows; w++) {
        st[w] = total;
        for (size_t a = 0; a < t->nactors; a++) {
            uint32_t c = t->camp[w * t->nactors + a];
            if (!c)
                continue;
            if (last[a] && last[a] != c) {
                if (sg_grow(&m, &cap, total + 1, sizeof *m))
                    goto nomem;
                m[total++] = (move){(uint32_t)a, last[a], c};
            }
            last[a] = c;
        }
    }
    st[t->nwindows] = total;
    free(last);
    *out = m;
    *start = st;
    return 0;
nomem:
    free(m);
    free(last);
    free(st);
    return sg_seterr(SG_ENOMEM, "out of memory");
}

/* Sizes of the camps in window w: size[c] for c = 1..ncamps. */
static void camp_sizes(const sg_timeline *t, size_t w, size_t *size)
{
    memset(size, 0, (t->ncamps + 1) * sizeof *size);
    for (size_t a = 0; a < t->nactors; a++)
        size[t->camp[w * t->nactors + a]]++;
}

/* The non-empty camps of window w as `fmt` (separator, camp, size). */
static void put_sizes(FILE *f, const sg_timeline *t, size_t w, size_t *size,
                      const char *fmt, const char *sep)
{
    camp_sizes(t, w, size);
    int first = 1;
    for (size_t c = 1; c <= t->ncamps; c++)
        if (size[c]) {
            fprintf(f, fmt, first ? "" : sep, c, size[c]);
            first = 0;
        }
}

/* ---- numbers ---------------------------------------------------------- */

/* Six significant digits: stable across platforms for the same doubles. */
static const char *num(char *buf, double x)
{
    if (!isfinite(x))
        return NULL;
    if (x == 0)
        x = 0; /* no "-0" */
    snprintf(buf, 32, "%.6g", x);
    return buf;
}

static const char *fixed(char *buf, double x, int digits)
{
    if (!isfinite(x))
        return "-";
    snprintf(buf, 32, "%.*f", digits, x == 0 ? 0.0 : x);
    return buf;
}

static void day(char *buf, int32_t d)
{
    sg_date_format(buf, d);
}

/* ---- text ------------------------------------------------------------- */

static void write_text(const sg_timeline *t, const move *mv,
                       const size_t *mstart, FILE *f)
{
    char a[32], b[32], c[32], d[32], e[32], g[32], h[32], m[16];
    const sg_timeline_options *o = &t->opts;
    fprintf(f, "%zu window%s (%s kernel%s), %zu camps\n\n", t->nwindows,
            t->nwindows == 1 ? "" : "s", sg_kernel_name(o->kernel),
            o->indent ? ", indented" : "", t->ncamps);
    fprintf(f, "%4s  %-10s  %-10s  %-10s  %6s  %7s  %6s  %5s  %4s  %4s  %5s"
               "  %6s  %6s  %6s  %6s  %5s\n",
            "#", "middle", "start", "end", "stmts", "weight", "actors",
            "props", "+", "-", "coal", "modul", "bal", "frust", "polar",
            "moved");
    for (size_t w = 0; w < t->nwindows; w++) {
        const sg_window *x = &t->windows[w];
        char mid[16], s[16], en[16];
        day(mid, x->middle);
        day(s, x->start);
        day(en, x->end);
        fprintf(f, "%4zu  %-10s  %-10s  %-10s  %6zu  %7s  %6zu  %5zu  %4zu"
                   "  %4zu  %5zu  %6s  %6s  %6s  %6s  %5zu\n",
                w + 1, mid, s, en, x->statements, fixed(a, x->weight, 2),
                x->actors, x->proposals, x->positive, x->negative,
                x->coalitions, fixed(b, x->modularity, 3),
                fixed(c, x->balance, 3), fixed(d, x->frustration, 2),
                fixed(e, x->polarization, 3), x->moved);
    }
    (void)g;
    (void)h;
    (void)m;
    if (mstart[t->nwindows]) {
        fputs("\nCamp changes (actor: last camp -> new camp):\n", f);
        for (size_t w = 0; w < t->nwindows; w++) {
            if (mstart[w] == mstart[w + 1])
                continue;
            char mid[16];
            day(mid, t->windows[w].middle);
            fprintf(f, "  %4zu %s: ", w + 1, mid);
            for (size_t i = mstart[w]; i < mstart[w + 1]; i++)
                fprintf(f, "%s%s %u->%u", i > mstart[w] ? "; " : "",
                        t->actor_id[mv[i].actor], mv[i].from, mv[i].to);
            fputc('\n', f);
        }
    }
    if (t->nphases) {
        fprintf(f, "\n%zu phases:\n", t->nphases);
        for (size_t p = 0; p < t->nphases; p++) {
            const sg_phase *ph = &t->phases[p];
            char s[16], en[16];
            day(s, ph->start);
            day(en, ph->end);
            fprintf(f, "  phase %zu: windows %zu-%zu, %s to %s", p + 1,
                    ph->first + 1, ph->last + 1, s, en);
            if (p)
                fprintf(f, "; ties gained %zu, lost %zu; moved %zu", ph->gained,
                        ph->lost, ph->nmoved);
            for (size_t i = 0; i < ph->nmoved; i++)
                fprintf(f, "%s%s", i ? ", " : ": ", t->actor_id[ph->moved[i]]);
            fputc('\n', f);
        }
    }
}

/* ---- CSV and JSON ----------------------------------------------------- */

static void csv_num(FILE *f, double x)
{
    char buf[32];
    const char *v = num(buf, x);
    fprintf(f, ",%s", v ? v : "");
}

static void write_csv(const sg_timeline *t, const move *mv,
                      const size_t *mstart, size_t *size, FILE *f)
{
    fputs("window,start,end,middle,statements,weight,actors,proposals,"
          "positive,negative,coalitions,modularity,balance,frustration,"
          "polarization,moved,moved_actors,camp_sizes\n",
          f);
    for (size_t w = 0; w < t->nwindows; w++) {
        const sg_window *x = &t->windows[w];
        char s[16], e[16], m[16];
        day(s, x->start);
        day(e, x->end);
        day(m, x->middle);
        fprintf(f, "%zu,%s,%s,%s,%zu", w + 1, s, e, m, x->statements);
        csv_num(f, x->weight);
        fprintf(f, ",%zu,%zu,%zu,%zu,%zu", x->actors, x->proposals,
                x->positive, x->negative, x->coalitions);
        csv_num(f, x->modularity);
        csv_num(f, x->balance);
        csv_num(f, x->frustration);
        csv_num(f, x->polarization);
        fprintf(f, ",%zu,", x->moved);
        /* "actor 1->2;actor 3->1" */
        size_t len = 0;
        for (size_t i = mstart[w]; i < mstart[w + 1]; i++)
            len += strlen(t->actor_id[mv[i].actor]) + 32;
        char *buf = malloc(len + 1), *p = buf;
        if (buf) {
            *p = '\0';
            for (size_t i = mstart[w]; i < mstart[w + 1]; i++)
                p += sprintf(p, "%s%s %u->%u", i > mstart[w] ? ";" : "",
                             t->actor_id[mv[i].actor], mv[i].from, mv[i].to);
            if (*buf)
                sg_export_csv_field(f, buf);
            free(buf);
        }
        fputc(',', f);
        put_sizes(f, t, w, size, "%s%zu:%zu", ";");
        fputc('\n', f);
    }
}

static void json_num(FILE *f, const char *key, double x, int comma)
{
    char buf[32];
    const char *v = num(buf, x);
    fprintf(f, "\"%s\": %s%s", key, v ? v : "null", comma ? ", " : "");
}

static void write_json(const sg_timeline *t, const move *mv,
                       const size_t *mstart, size_t *size, FILE *f)
{
    const sg_timeline_options *o = &t->opts;
    fprintf(f, "{\"kernel\": \"%s\", \"indent\": %s, \"camps\": %zu,\n"
               " \"windows\": [",
            sg_kernel_name(o->kernel), o->indent ? "true" : "false",
            t->ncamps);
    for (size_t w = 0; w < t->nwindows; w++) {
        const sg_window *x = &t->windows[w];
        char s[16], e[16], m[16];
        day(s, x->start);
        day(e, x->end);
        day(m, x->middle);
        fprintf(f, "%s\n  {\"window\": %zu, \"start\": \"%s\", \"end\": \"%s\", "
                   "\"middle\": \"%s\", \"statements\": %zu, ",
                w ? "," : "", w + 1, s, e, m, x->statements);
        json_num(f, "weight", x->weight, 1);
        fprintf(f, "\"actors\": %zu, \"proposals\": %zu, \"positive\": %zu, "
                   "\"negative\": %zu, \"coalitions\": %zu, ",
                x->actors, x->proposals, x->positive, x->negative,
                x->coalitions);
        json_num(f, "modularity", x->modularity, 1);
        json_num(f, "balance", x->balance, 1);
        json_num(f, "frustration", x->frustration, 1);
        json_num(f, "polarization", x->polarization, 1);
        fputs("\"camps\": {", f);
        put_sizes(f, t, w, size, "%s\"%zu\": %zu", ", ");
        fputs("}, \"members\": {", f);
        for (size_t c = 1, first = 1; c <= t->ncamps; c++) {
            if (!size[c])
                continue;
            fprintf(f, "%s\"%zu\": [", first ? "" : ", ", c);
            first = 0;
            for (size_t a = 0, n = 0; a < t->nactors; a++)
                if (t->camp[w * t->nactors + a] == c) {
                    fputs(n++ ? ", " : "", f);
                    sg_export_json_string(f, t->actor_id[a]);
                }
            fputc(']', f);
        }
        fputs("}, \"moved\": [", f);
        for (size_t i = mstart[w]; i < mstart[w + 1]; i++) {
            fputs(i > mstart[w] ? ", {\"actor\": " : "{\"actor\": ", f);
            sg_export_json_string(f, t->actor_id[mv[i].actor]);
            fprintf(f, ", \"from\": %u, \"to\": %u}", mv[i].from, mv[i].to);
        }
        fputs("]}", f);
    }
    fputs("\n ]", f);
    if (t->nphases) {
        fputs(",\n \"phases\": [", f);
        for (size_t p = 0; p < t->nphases; p++) {
            const sg_phase *ph = &t->phases[p];
            char s[16], e[16];
            day(s, ph->start);
            day(e, ph->end);
            fprintf(f, "%s\n  {\"phase\": %zu, \"first_window\": %zu, "
                       "\"last_window\": %zu, \"start\": \"%s\", \"end\": "
                       "\"%s\", \"ties_gained\": %zu, \"ties_lost\": %zu, "
                       "\"moved\": [",
                    p ? "," : "", p + 1, ph->first + 1, ph->last + 1, s, e,
                    ph->gained, ph->lost);
            for (size_t i = 0; i < ph->nmoved; i++) {
                if (i)
                    fputs(", ", f);
                sg_export_json_string(f, t->actor_id[ph->moved[i]]);
            }
            fputs("]}", f);
        }
        fputs("\n ]", f);
    }
    fputs("}\n", f);
}

int sg_timeline_write(const sg_timeline *t, sg_timeline_format format,
                      FILE *out)
{
    move *mv = NULL;
    size_t *mstart = NULL;
    size_t *size = sg_zalloc(t->ncamps + 1, sizeof *size);
    if (!size)
        return sg_seterr(SG_ENOMEM, "out of memory");
    int rc = collect_moves(t, &mv, &mstart);
    if (!rc) {
        if (format == SG_TIMELINE_CSV)
            write_csv(t, mv, mstart, size, out);
        else if (format == SG_TIMELINE_JSON)
            write_json(t, mv, mstart, size, out);
        else
            write_text(t, mv, mstart, out);
        if (fflush(out) || ferror(out))
            rc = sg_seterr(SG_EIO, "cannot write the timeline");
    }
    free(mv);
    free(mstart);
    free(size);
    return rc;
}
