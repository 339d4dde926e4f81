/* Quote verification against source texts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stancegraph/verify.h"
#include "model/util.h"

/* Width in bytes of a typographic quote mark at s, and its plain twin. */
static size_t quote_mark(const unsigned char *s, size_t left, char *plain)
{
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80) {
        switch (s[2]) {
        case 0x98: case 0x99: case 0x9A: case 0x9B: case 0xB2:
            *plain = '\'';
            return 3;
        case 0x9C: case 0x9D: case 0x9E: case 0x9F: case 0xB3:
            *plain = '"';
            return 3;
        }
    }
    if (left >= 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB)) {
        *plain = '"'; /* guillemets */
        return 2;
    }
    return 0;
}

static size_t space_mark(const unsigned char *s, size_t left)
{
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ||
        s[0] == '\f' || s[0] == '\v')
        return 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0) /* no-break space */
        return 2;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] == 0xAF || (s[2] >= 0x80 && s[2] <= 0x8A)))
        return 3;
    return 0;
}

size_t sg_verify_normalize(char *text, size_t len)
{
    unsigned char *s = (unsigned char *)text;
    size_t in = 0, out = 0;
    int pending_space = 0;
    while (in < len) {
        size_t w = space_mark(s + in, len - in);
        if (w) {
            pending_space = out > 0;
            in += w;
            continue;
        }
        if (pending_space) {
            s[out++] = ' ';
            pending_space = 0;
        }
        char plain;
        if ((w = quote_mark(s + in, len - in, &plain))) {
            s[out++] = (unsigned char)plain;
            in += w;
            continue;
        }
        s[out++] = s[in++];
    }
    text[out] = '\0';
    return out;
}

static int read_text(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return sg_seterr_sys(errno, "cannot read %s", path);
    int rc = sg_read_all(f, path, out, len);
    fclose(f);
    return rc;
}

int sg_verify_quotes(sg_verify_result *out, const sg_corpus *c,
                     const char *name, const char *dir, sg_diag *diag)
{
    memset(out, 0, sizeof *out);
    int rc = 0, io_failed = 0;
    char **texts = calloc(c->nsources ? c->nsources : 1, sizeof *texts);
    unsigned char *tried = calloc(c->nsources ? c->nsources : 1, 1);
    char *quote = NULL;
    size_t quote_cap = 0;
    if (!texts || !tried) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < c->nstances; i++) {
        const sg_stance *s = &c->stances[i];
        if (!s->quote)
            continue;
        const sg_source *src = s->source >= 0 ? &c->sources[s->source] : NULL;
        if (!src || !src->file) {
            out->unchecked++;
            sg_diag_add(diag, SG_DIAG_WARNING,
                        "%s: stances[%zu].quote: not checked: %s", name, i,
                        src ? "its source has no \"file\"" : "no source");
            continue;
        }
        size_t si = (size_t)s->source;
        if (!tried[si]) {
            /* Step 1: read and normalise each source text once. */
            tried[si] = 1;
            size_t plen = strlen(dir) + strlen(src->file) + 2;
            char *path = malloc(plen);
            if (!path) {
                rc = sg_seterr(SG_ENOMEM, "out of memory");
                goto cleanup;
            }
            snprintf(path, plen, "%s/%s", dir, src->file);
            size_t len = 0;
            int r = strstr(src->file, "..") || src->file[0] == '/'
                        ? sg_seterr(SG_EIO, "%s: source file \"%s\" must be a "
                                            "plain name under the directory",
                                    name, src->file)
                        : read_text(path, &texts[si], &len);
            free(path);
            if (r == SG_ENOMEM) {
                rc = r;
                goto cleanup;
            }
            if (r) {
                io_failed = 1;
                sg_diag_add(diag, SG_DIAG_ERROR, "%s", sg_error_last());
            } else {
                sg_verify_normalize(texts[si], len);
                out->files++;
            }
        }
        if (!texts[si])
            continue;
        /* Step 2: the quote, normalised the same way. */
        size_t qlen = strlen(s->quote);
        if (sg_grow(&quote, &quote_cap, qlen + 1, 1)) {
            rc = SG_ENOMEM;
            goto cleanup;
        }
        memcpy(quote, s->quote, qlen + 1);
        qlen = sg_verify_normalize(quote, qlen);
        out->checked++;
        if (qlen > 0 && strstr(texts[si], quote))
            continue;
        out->missing++;
        char shown[100];
        snprintf(shown, sizeof shown, "%s", s->quote);
        if (strlen(s->quote) >= sizeof shown) {
            size_t cut = sizeof shown - 4;
            while (cut > 0 && ((unsigned char)shown[cut] & 0xC0) == 0x80)
                cut--;
            memcpy(shown + cut, "...", 4);
        }
        sg_diag_add(diag, SG_DIAG_ERROR,
                    "%s: stances[%zu].quote: not found in %s: \"%s\"", name,
                    i, src->file, shown);
    }
    if (out->missing)
        rc = sg_seterr(SG_EINVALID, "%zu of %zu quotes not found in their "
                                    "sources", out->missing, out->checked);
    else if (io_failed)
        rc = sg_seterr(SG_EIO, "some source texts could not be read");

cleanup:
    if (texts)
        for (size_t i = 0; i < c->nsources; i++)
            free(texts[i]);
    free(texts);
    free(tried);
    free(quote);
    return rc;
}
