/* Atomic output: a temporary file in the target's directory, written,
 * flushed, fsynced and renamed into place, so that a failure at any point
 * leaves the previous file as it was. */
/* realpath() is XSI, beyond the POSIX level the build asks for. */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/util.h"
#include "output/export_internal.h"

int sg_export_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!a || !b || strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return 0;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* ---- atomic output ---- */

struct sg_output {
    char *path; /* the target (symbolic links resolved) */
    char *tmp;  /* the temporary; NULL when writing in place */
    char *shown; /* the path as the caller gave it, for messages */
    FILE *f;
    int renamed; /* committed: roll-back applies */
};

/* The temporaries that exist right now, for sg_output_remove_temporaries()
 * to find from a signal handler: lock-free atomic pointers, so that reading
 * them there is safe while the program adds and removes them. */
#define MAX_TEMPORARIES 64
static _Atomic(const char *) temporaries[MAX_TEMPORARIES];

static void remember(const char *tmp)
{
    for (size_t i = 0; tmp && i < MAX_TEMPORARIES; i++) {
        const char *none = NULL;
        if (atomic_compare_exchange_strong(&temporaries[i], &none, tmp))
            return;
    }
}

static void forget(const char *tmp)
{
    for (size_t i = 0; tmp && i < MAX_TEMPORARIES; i++) {
        const char *expected = tmp;
        if (atomic_compare_exchange_strong(&temporaries[i], &expected, NULL))
            return;
    }
}

void sg_output_remove_temporaries(void)
{
    for (size_t i = 0; i < MAX_TEMPORARIES; i++) {
        const char *tmp = atomic_load(&temporaries[i]);
        if (tmp)
            unlink(tmp);
    }
}

int sg_export_io_error(const char *path, int err)
{
    if (!err)
        return sg_seterr(SG_EIO, "cannot write %s: write error", path);
    return sg_seterr_sys(err, "cannot write %s", path);
}

static void output_free(sg_output *o)
{
    if (!o)
        return;
    if (o->f)
        fclose(o->f);
    forget(o->tmp);
    if (o->tmp)
        unlink(o->tmp);
    free(o->path);
    free(o->tmp);
    free(o->shown);
    free(o);
}

/* Create a unique hidden file next to `path`, named after it and `tag`;
 * its descriptor goes to *fd, or it is closed when fd is NULL. */
static char *sibling_name(const char *path, const char *tag, int *fd)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = slash ? slash + 1 : path;
    size_t size = dirlen + strlen(base) + strlen(tag) + 16;
    char *name = malloc(size);
    if (!name)
        return NULL;
    /* Cut long names: the directory's name limit applies to ours too. */
    snprintf(name, size, "%.*s.%.100s.%s-XXXXXX", (int)dirlen, path, base, tag);
    int d = mkstemp(name);
    if (d < 0) {
        free(name);
        return NULL;
    }
    if (fd)
        *fd = d;
    else
        close(d);
    return name;
}

static mode_t creation_mode(void)
{
    /* umask can only be read by setting it; put it straight back. */
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

int sg_output_open(sg_output **out, const char *path)
{
    int rc = 0, fd = -1;
    struct stat st, lst;
    *out = NULL;
    sg_output *o = calloc(1, sizeof *o);
    if (!o || !(o->shown = strdup(path))) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    int exists = stat(path, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        rc = sg_export_io_error(path, EISDIR);
        goto cleanup;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device or FIFO: renaming over it would replace it. */
        if (!(o->f = fopen(path, "w")))
            rc = sg_export_io_error(path, errno);
        goto cleanup;
    }
    if (exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        o->path = realpath(path, NULL); /* write through the link */
    else
        o->path = strdup(path);
    if (!o->path || !(o->tmp = sibling_name(o->path, "tmp", &fd))) {
        rc = sg_export_io_error(path, errno);
        goto cleanup;
    }
    remember(o->tmp);
    if (fchmod(fd, exists ? st.st_mode & 07777 : creation_mode()) != 0 ||
        !(o->f = fdopen(fd, "w"))) {
        rc = sg_export_io_error(path, errno);
        close(fd);
    }

cleanup:
    if (rc)
        output_free(o);
    else
        *out = o;
    return rc;
}

FILE *sg_output_stream(sg_output *o) { return o->f; }

int sg_output_fd(sg_output *o) { return fileno(o->f); }

void sg_output_abort(sg_output *o) { output_free(o); }

/* Flush, sync and close the stream; the temporary stays for the rename. */
static int output_finish(sg_output *o)
{
    FILE *f = o->f;
    o->f = NULL;
    int err = 0;
    if (fflush(f) != 0 || ferror(f))
        err = errno ? errno : EIO;
    /* Devices and FIFOs cannot be synced (EINVAL): nothing to make durable. */
    if (!err && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
        err = errno;
    if (fclose(f) != 0 && !err)
        err = errno ? errno : EIO;
    return err ? sg_export_io_error(o->shown, err) : 0;
}

static void sync_directory(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd); /* best effort: the rename itself is already atomic */
        close(fd);
    }
    free(dir);
}

int sg_output_commit_all(sg_output **outs, size_t n)
{
    int rc = 0;
    char **backup = calloc(n ? n : 1, sizeof *backup);
    if (!backup) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    for (size_t i = 0; i < n && !rc; i++)
        rc = output_finish(outs[i]);
    if (rc)
        goto cleanup;
    for (size_t i = 0; i < n; i++) {
        sg_output *o = outs[i];
        if (!o->tmp)
            continue;
        /* A hard link keeps the previous file should a later rename fail;
         * where links are unsupported the roll-back can only remove. */
        if (n > 1 && access(o->path, F_OK) == 0) {
            backup[i] = sibling_name(o->path, "old", NULL);
            remember(backup[i]);
            if (backup[i] && (unlink(backup[i]) != 0 ||
                              link(o->path, backup[i]) != 0)) {
                forget(backup[i]);
                free(backup[i]);
                backup[i] = NULL;
            }
        }
        if (rename(o->tmp, o->path) != 0) {
            rc = sg_export_io_error(o->shown, errno);
            break;
        }
        forget(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        o->renamed = 1;
        sync_directory(o->path);
    }
    for (size_t i = 0; rc && i < n; i++) {
        if (!outs[i]->renamed)
            continue;
        if (backup[i])
            rename(backup[i], outs[i]->path);
        else
            unlink(outs[i]->path);
    }

cleanup:
    for (size_t i = 0; i < n; i++) {
        if (backup && backup[i]) {
            forget(backup[i]);
            unlink(backup[i]);
            free(backup[i]);
        }
        output_free(outs[i]);
    }
    free(backup);
    return rc;
}

int sg_output_commit(sg_output *o) { return sg_output_commit_all(&o, 1); }
