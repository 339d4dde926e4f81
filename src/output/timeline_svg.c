/* The timeline chart: polarization (and modularity) over time above, the
 * largest camps' sizes below, as a plain SVG 1.1 file. Lines differ in
 * colour (Okabe-Ito, as the exports colour coalitions), dash and marker,
 * so that the chart also reads printed in grey. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/alloc.h"
#include "output/export_internal.h"
#include "stancegraph/timeline.h"
#include "model/util.h"

#define W 820.0
#define PANEL_H 190.0
#define LEFT 70.0
#define RIGHT 170.0 /* room for the legend */
#define TOP 70.0
#define GAP 64.0
#define MAX_CAMPS 6

static const char *const dashes[MAX_CAMPS] = {"", "6 3", "2 3", "8 3 2 3",
                                              "12 4", "1 2"};

typedef struct {
    FILE *f;
    const sg_timeline *t;
    double x0, x1; /* plot area */
} chart;

static double xpos(const chart *c, size_t w)
{
    size_t n = c->t->nwindows;
    if (n < 2)
        return (c->x0 + c->x1) / 2;
    return c->x0 + (c->x1 - c->x0) * (double)w / (double)(n - 1);
}

/* A "nice" upper bound and step for an axis from 0 to max. */
static void nice_axis(double max, double *top, double *step)
{
    if (!(max > 0))
        max = 1;
    double mag = pow(10, floor(log10(max)));
    double steps[] = {0.1, 0.2, 0.5, 1, 2, 5, 10};
    for (size_t i = 0; i < 7; i++) {
        *step = steps[i] * mag;
        if (max / *step <= 6)
            break;
    }
    *top = ceil(max / *step - 1e-9) * *step;
}

static void text(FILE *f, double x, double y, const char *anchor,
                 const char *extra, const char *s)
{
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y,
            anchor, extra ? extra : "");
    sg_export_xml_text(f, s, 0);
    fputs("</text>\n", f);
}

/* Frame, horizontal grid lines with labels, and the panel's title. */
static void panel(const chart *c, double y0, double top, double step,
                  const char *title, const char *fmt)
{
    FILE *f = c->f;
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
               "fill=\"none\" stroke=\"#444\"/>\n",
            c->x0, y0, c->x1 - c->x0, PANEL_H);
    for (double v = 0; v <= top + 1e-9; v += step) {
        double y = y0 + PANEL_H - PANEL_H * v / top;
        char buf[32];
        snprintf(buf, sizeof buf, fmt, v);
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                   "stroke=\"#ddd\"/>\n",
                c->x0, y, c->x1, y);
        text(f, c->x0 - 6, y + 4, "end", NULL, buf);
    }
    text(f, c->x0, y0 - 10, "start", " font-weight=\"bold\"", title);
}

/* A series as a polyline broken where values are missing, with markers. */
static void series(const chart *c, const double *v, double y0, double top,
                   const char *color, const char *dash, int marker)
{
    FILE *f = c->f;
    size_t n = c->t->nwindows;
    int open = 0;
    for (size_t w = 0; w <= n; w++) {
        int ok = w < n && isfinite(v[w]);
        if (ok && !open) {
            fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" "
                       "stroke-width=\"2\"%s%s%s points=\"",
                    color, *dash ? " stroke-dasharray=\"" : "", dash,
                    *dash ? "\"" : "");
            open = 1;
        } else if (!ok && open) {
            fputs("\"/>\n", f);
            open = 0;
        }
        if (ok)
            fprintf(f, "%.1f,%.1f ", xpos(c, w),
                    y0 + PANEL_H - PANEL_H * v[w] / top);
    }
    /* Markers only where they stay apart. */
    if (n > 40)
        return;
    for (size_t w = 0; w < n; w++) {
        if (!isfinite(v[w]))
            continue;
        double x = xpos(c, w), y = y0 + PANEL_H - PANEL_H * v[w] / top;
        if (marker % 3 == 0)
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
                    x, y, color);
        else if (marker % 3 == 1)
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"6\" height=\"6\" "
                       "fill=\"%s\"/>\n",
                    x - 3, y - 3, color);
        else
            fprintf(f, "<path d=\"M%.1f %.1fl3.5 6h-7z\" fill=\"%s\"/>\n", x,
                    y - 4, color);
    }
}

static void legend(const chart *c, double y, const char *color,
                   const char *dash, const char *label)
{
    FILE *f = c->f;
    double x = c->x1 + 14;
    fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
               "stroke=\"%s\" stroke-width=\"2\"%s%s%s/>\n",
            x, y - 4, x + 26, y - 4, color, *dash ? " stroke-dasharray=\"" : "",
            dash, *dash ? "\"" : "");
    text(f, x + 32, y, "start", NULL, label);
}

/* Date labels under the lower panel: at most about eight, evenly spaced. */
static void date_axis(const chart *c, double y)
{
    size_t n = c->t->nwindows, every = n > 8 ? (n + 7) / 8 : 1;
    for (size_t w = 0; w < n; w += every) {
        char buf[16];
        sg_date_format(buf, c->t->windows[w].middle);
        double x = xpos(c, w);
        fprintf(c->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                      "stroke=\"#444\"/>\n",
                x, y, x, y + 5);
        text(c->f, x, y + 18, "middle", NULL, buf);
    }
}

static int draw(FILE *f, const sg_timeline *t, const char *title)
{
    size_t n = t->nwindows, nc = t->ncamps;
    double *v = sg_zalloc(n ? n : 1, sizeof *v);
    double *total = sg_zalloc(nc + 1, sizeof *total);
    size_t *pick = sg_zalloc(nc + 1, sizeof *pick);
    if (!v || !total || !pick) {
        free(v);
        free(total);
        free(pick);
        return sg_seterr(SG_ENOMEM, "out of memory");
    }
    chart c = {f, t, LEFT, W - RIGHT};
    double height = TOP + 2 * PANEL_H + GAP + 50;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
               "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
               "font-family=\"Helvetica, Arial, sans-serif\" "
               "font-size=\"12\">\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
            W, height, W, height);
    char head[256];
    int polar = 0;
    for (size_t w = 0; w < n; w++)
        polar |= isfinite(t->windows[w].polarization);
    snprintf(head, sizeof head, "%zu windows, %s kernel%s", n,
             sg_kernel_name(t->opts.kernel),
             polar ? "" : "; polarization not computed");
    text(f, LEFT, 22, "start", " font-size=\"15\" font-weight=\"bold\"",
         title ? title : "The debate over time");
    text(f, LEFT, 40, "start", " fill=\"#444\"", head);


    /* Upper panel: polarization and modularity, 0 to at least 1. */
    double max = 1;
    for (size_t w = 0; w < n; w++) {
        const sg_window *x = &t->windows[w];
        if (isfinite(x->polarization) && x->polarization > max)
            max = x->polarization;
        if (isfinite(x->modularity) && x->modularity > max)
            max = x->modularity;
    }
    double top, step;
    nice_axis(max, &top, &step);
    panel(&c, TOP, top, step, "Polarization and modularity", "%.1f");
    for (size_t w = 0; w < n; w++)
        v[w] = t->windows[w].polarization;
    series(&c, v, TOP, top, "#000000", "", 0);
    legend(&c, TOP + 16, "#000000", "", "polarization");
    for (size_t w = 0; w < n; w++)
        v[w] = t->windows[w].modularity;
    series(&c, v, TOP, top, "#999999", "6 3", 1);
    legend(&c, TOP + 34, "#999999", "6 3", "modularity");

    /* Lower panel: the largest camps by actor-windows, sizes in actors. */
    double y1 = TOP + PANEL_H + GAP, most = 1;
    for (size_t w = 0; w < n; w++)
        for (size_t a = 0; a < t->nactors; a++)
            total[t->camp[w * t->nactors + a]]++;
    size_t shown = 0;
    for (; shown < MAX_CAMPS; shown++) {
        size_t best = 0;
        for (size_t k = 1; k <= nc; k++)
            if (total[k] > 0 && (!best || total[k] > total[best]))
                best = k;
        if (!best)
            break;
        pick[shown] = best;
        total[best] = -1;
    }
    for (size_t i = 1; i < shown; i++)
        for (size_t j = i; j > 0 && pick[j - 1] > pick[j]; j--) {
            size_t tmp = pick[j];
            pick[j] = pick[j - 1];
            pick[j - 1] = tmp;
        }
    for (size_t i = 0; i < shown; i++)
        for (size_t w = 0; w < n; w++) {
            size_t size = 0;
            for (size_t a = 0; a < t->nactors; a++)
                size += t->camp[w * t->nactors + a] == pick[i];
            if ((double)size > most)
                most = (double)size;
        }
    nice_axis(most, &top, &step);
    if (step < 1) {
        step = 1;
        top = ceil(most);
    }
    panel(&c, y1, top, step, "Camp sizes (actors)", "%.0f");
    for (size_t i = 0; i < shown; i++) {
        for (size_t w = 0; w < n; w++) {
            size_t size = 0;
            for (size_t a = 0; a < t->nactors; a++)
                size += t->camp[w * t->nactors + a] == pick[i];
            /* A camp without members in a window breaks its line. */
            v[w] = size ? (double)size : NAN;
        }
        char color[8], label[32];
        sg_export_hex(color, sg_export_coalition_rgb((long)pick[i]));
        series(&c, v, y1, top, color, dashes[i], (int)i);
        snprintf(label, sizeof label, "camp %zu", pick[i]);
        legend(&c, y1 + 16 + 18 * (double)i, color, dashes[i], label);
    }
    if (nc > shown) {
        char more[64];
        snprintf(more, sizeof more, "(%zu smaller camps", nc - shown);
        text(f, c.x1 + 14, y1 + 16 + 18 * (double)shown + 4, "start",
             " fill=\"#444\"", more);
        text(f, c.x1 + 14, y1 + 30 + 18 * (double)shown + 4, "start",
             " fill=\"#444\"", "not drawn)");
    }
    date_axis(&c, y1 + PANEL_H);
    text(f, (c.x0 + c.x1) / 2, y1 + PANEL_H + 40, "middle", " fill=\"#444\"",
         "middle of the window");
    fputs("</svg>\n", f);
    free(v);
    free(total);
    free(pick);
    return 0;
}

int sg_timeline_svg_stream(const sg_timeline *t, const char *title,
                           FILE *out)
{
    if (title && sg_utf8_valid_prefix(title, strlen(title)) != strlen(title))
        title = NULL;
    errno = 0;
    int rc = draw(out, t, title);
    if (!rc && (fflush(out) != 0 || ferror(out)))
        rc = sg_export_io_error("the output", errno);
    return rc;
}

int sg_timeline_write_svg(const sg_timeline *t, const char *title,
                          const char *path)
{
    if (title && sg_utf8_valid_prefix(title, strlen(title)) != strlen(title))
        title = NULL;
    sg_output *o = NULL;
    int rc = sg_output_open(&o, path);
    if (rc)
        return rc;
    rc = draw(sg_output_stream(o), t, title);
    if (rc) {
        sg_output_abort(o);
        return rc;
    }
    return sg_output_commit(o);
}
