/* Reading a corpus: file access, encoding checks and format dispatch. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "model/corpus_internal.h"
#include "input/load.h"
#include "input/table.h"

static const char *extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    return (dot && (!slash || dot > slash)) ? dot + 1 : "";
}

/* A Voteview member-votes file: its key columns, in a table that names
 * none of a statement table's own (so that a roll call coded as stances,
 * which may carry icpsr too, stays a statement table). */
static int is_voteview(const char *data, size_t len, char sep,
                       const sg_load_options *o)
{
    static const char *const keys[] = {"rollnumber", "icpsr", "cast_code",
                                       NULL};
    static const char *const position[] = {"position", NULL};
    static const char *const stance[] = {"stance", NULL};
    return !o->actor_column && !o->proposal_column && !o->position_column &&
           sg_table_header_has(data, len, sep, keys) &&
           !sg_table_header_has(data, len, sep, position) &&
           !sg_table_header_has(data, len, sep, stance);
}

static sg_input_format sniff(const char *name, const char *data, size_t len,
                             const sg_load_options *opts)
{
    char delimiter = opts->delimiter;
    const char *ext = extension(name);
    if (strcasecmp(ext, "json") == 0)
        return SG_FORMAT_JSON;
    if (strcasecmp(ext, "tsv") == 0 || strcasecmp(ext, "tab") == 0)
        return SG_FORMAT_TSV;
    size_t i = 0;
    while (i < len && isspace((unsigned char)data[i]))
        i++;
    if (i < len && (data[i] == '{' || data[i] == '['))
        return SG_FORMAT_JSON;
    /* A table: its header line gives the delimiter, and its columns say
     * whether it is a DNA export (which may use any delimiter). */
    char sep = delimiter ? delimiter : sg_table_delimiter(data + i, len - i);
    if (sep && sg_table_is_dna(data + i, len - i, sep))
        return SG_FORMAT_DNA;
    if (sep && is_voteview(data + i, len - i, sep, opts))
        return SG_FORMAT_VOTEVIEW;
    if (sep == '\t')
        return SG_FORMAT_TSV;
    if (strcasecmp(ext, "csv") == 0 || sep)
        return SG_FORMAT_CSV;
    return SG_FORMAT_JSON;
}

static int has(const char *data, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t i = 0; n <= len && i <= len - n; i++)
        if (memcmp(data + i, what, n) == 0)
            return 1;
    return 0;
}

/* Files people try that are none of the formats: say what they are and
 * what to do, rather than report their first byte as invalid UTF-8. NULL
 * when the file may be text in one of the formats. */
static const char *foreign_file(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    size_t head = len < 4096 ? len : 4096;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                     (u[0] == 0xFE && u[1] == 0xFF) ||
                     (u[0] != 0 && u[1] == 0 && len >= 4 && u[3] == 0) ||
                     (u[0] == 0 && u[1] != 0 && len >= 4 && u[2] == 0)))
        return "is UTF-16 text (Excel's \"Unicode text\"); save it as UTF-8 "
               "(Excel: CSV UTF-8; or iconv -f UTF-16 -t UTF-8)";
    if (len >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
        if (has(data, head, "xl/"))
            return "is an Excel workbook (.xlsx); save the sheet as CSV "
                   "UTF-8 and read that";
        if (has(data, head, "opendocument.spreadsheet"))
            return "is an OpenDocument spreadsheet (.ods); save the sheet as "
                   "CSV (UTF-8) and read that";
        return "is a ZIP archive; stancegraph reads JSON, CSV or TSV text "
               "and DNA databases";
    }
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return "is an old Office file (an Excel .xls workbook?); save the "
               "sheet as CSV UTF-8 and read that";
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        return "is a PDF document; stancegraph reads coded statements (JSON, "
               "CSV, TSV, DNA), not documents";
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && isspace(u[i]))
        i++;
    if (i < len && data[i] == '<') {
        if (has(data, head, "<graphml"))
            return "is a GraphML network, the kind of file 'stancegraph "
                   "export' writes; stancegraph reads the coded statements "
                   "a network is made from (JSON, CSV, TSV, DNA)";
        if (has(data, head, "<gexf"))
            return "is a GEXF network, the kind of file 'stancegraph export' "
                   "writes; stancegraph reads the coded statements a network "
                   "is made from (JSON, CSV, TSV, DNA)";
        return "is XML (or HTML); stancegraph reads JSON, CSV or TSV text "
               "and DNA databases";
    }
    return NULL;
}

/* 1-based line and column (in bytes) of offset `off`. */
static void position_of(const char *data, size_t off, size_t *line,
                        size_t *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (data[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = off - start + 1;
}

/* Read a side table (an attribute table, Voteview's members or roll-calls
 * file) at `path`, checked like any input. On success *data (to free) holds
 * it and *skip is the length of its byte-order mark; on SG_EINVALID the
 * problem is in diag. 0, SG_EINVALID, SG_EIO or SG_ENOMEM. */
static int read_side(const char *path, sg_diag *diag, char **data,
                     size_t *len, size_t *skip)
{
    *data = NULL;
    *len = *skip = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return sg_seterr_sys(errno, "%s", path); /* ENOMEM: out of memory */
    int rc = sg_read_all(f, path, data, len);
    fclose(f);
    if (rc)
        return rc;
    const char *foreign = foreign_file(*data, *len);
    size_t valid = sg_utf8_valid_prefix(*data, *len);
    if (foreign)
        rc = sg_diag_add(diag, SG_DIAG_ERROR, "%s: this file %s", path,
                         foreign);
    else if (valid < *len)
        rc = sg_diag_add(diag, SG_DIAG_ERROR,
                         "%s: invalid UTF-8 (byte 0x%02X at offset %zu); save "
                         "the file as UTF-8",
                         path, (unsigned char)(*data)[valid], valid);
    else if (memchr(*data, '\0', *len))
        rc = sg_diag_add(diag, SG_DIAG_ERROR,
                         "%s: NUL byte (binary file?)", path);
    else {
        *skip = *len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        return 0;
    }
    free(*data);
    *data = NULL;
    return rc ? rc : SG_EINVALID;
}

/* Join the attribute table at `path` to the corpus (see
 * sg_load_attributes); the file is checked like any input. */
static int join_attributes(sg_corpus *c, sg_node_kind kind, const char *path,
                           char delimiter, sg_diag *diag)
{
    char *data;
    size_t len, skip;
    int rc = read_side(path, diag, &data, &len, &skip);
    if (rc)
        return rc;
    rc = sg_load_attributes(c, kind, data + skip, len - skip, path, delimiter,
                            diag);
    free(data);
    return rc ? rc : sg_diag_errors(diag) ? SG_EINVALID : 0;
}

/* Voteview's member votes, with the members and roll-calls files the
 * options name. */
static int load_voteview(sg_corpus *c, const char *data, size_t len,
                         const char *name, const sg_load_options *opts,
                         sg_diag *diag)
{
    char *side[2] = {NULL, NULL};
    const char *path[2] = {opts->members, opts->rollcalls};
    sg_side_table t[2];
    int rc = 0;
    for (int k = 0; k < 2 && !rc; k++) {
        size_t n, skip;
        if (path[k] && !(rc = read_side(path[k], diag, &side[k], &n, &skip)))
            t[k] = (sg_side_table){side[k] + skip, n - skip, path[k]};
    }
    if (!rc)
        rc = sg_load_voteview(c, data, len, name, path[0] ? &t[0] : NULL,
                              path[1] ? &t[1] : NULL, opts, diag);
    free(side[0]);
    free(side[1]);
    return rc;
}

/* --group NAME for JSON and tables: an attribute of that name (from the
 * input or an attribute table) becomes each actor's group. A table column
 * of that name was already taken as the group by the reader. */
static int group_from_attribute(sg_corpus *c, const char *name, sg_diag *diag)
{
    size_t k;
    if (sg_corpus_attr_key(c, SG_ACTOR, name, &k) == 0) {
        for (size_t a = 0; a < c->nactors; a++)
            for (size_t j = 0; j < c->actors[a].nattrs; j++) {
                const sg_attr *at = &c->actors[a].attrs[j];
                if (at->key != k)
                    continue;
                char num[32];
                const char *v = at->value.str;
                if (at->value.type != SG_VALUE_STRING) {
                    sg_format_double(num, sizeof num, at->value.num);
                    v = at->value.type == SG_VALUE_BOOL
                            ? (at->value.num ? "true" : "false")
                            : num;
                }
                int rc = sg_corpus_set_group(c, a, v);
                if (rc)
                    return rc;
            }
        return 0;
    }
    for (size_t a = 0; a < c->nactors; a++)
        if (c->actors[a].group)
            return 0;
    char b[80];
    sg_diag_add(diag, SG_DIAG_ERROR,
                "--group: no actor has a column or attribute \"%s\"",
                sg_shorten(name, b, sizeof b));
    return SG_EUSAGE;
}

/* --members and --rollcalls describe Voteview's member votes only: with
 * another format they are a usage error rather than ignored. */
static int side_tables_fit(sg_input_format format, const char *name,
                           const sg_load_options *opts, sg_diag *diag,
                           int *first)
{
    if (format == SG_FORMAT_VOTEVIEW || (!opts->members && !opts->rollcalls))
        return 0;
    int rc = sg_load_error(diag, first,
                           "%s goes with Voteview member-votes files "
                           "(columns rollnumber, icpsr, cast_code), but %s is "
                           "read as %s",
                           opts->members ? "--members" : "--rollcalls", name,
                           sg_format_name(format));
    return rc ? rc : SG_EUSAGE;
}

/* Replace *c (NULL or a partly read corpus) with an empty one set up as
 * `opts` asks; *c is NULL on failure. */
static int fresh_corpus(sg_corpus **c, const sg_load_options *opts)
{
    sg_corpus_free(*c);
    *c = NULL;
    int rc = sg_corpus_new(c);
    if (!rc && opts->skip_text)
        sg_corpus_skip_text(*c);
    return rc;
}

/* Load from a buffer of `len` bytes (no terminator needed). Shared by the
 * file and the memory entry points. */
static int load_owned(sg_corpus **out, const char *data, size_t len,
                      const char *name, const sg_load_options *opts,
                      sg_diag *diag)
{
    *out = NULL;
    sg_error_clear();
    sg_load_options defaults = {0};
    if (!opts)
        opts = &defaults;
    int first = 1;
    int rc;
    sg_corpus *c = NULL;
    sg_diag *local = NULL;
    sg_input_format format = opts->format;

    if (len == 0) {
        rc = sg_load_error(diag, &first, "%s: empty file", name);
        rc = rc ? rc : SG_EINVALID;
        goto cleanup;
    }
    /* A DNA database is an SQLite file, known by its header whatever its
     * name; it is binary, so the text checks below do not apply. */
    if (len >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
        format = SG_FORMAT_DNA_DATABASE;
        if ((rc = side_tables_fit(format, name, opts, diag, &first)))
            goto cleanup;
        if ((rc = fresh_corpus(&c, opts)))
            goto cleanup;
        if (!(local = diag ? diag : sg_diag_new(1))) {
            rc = sg_seterr(SG_ENOMEM, "out of memory");
            goto cleanup;
        }
        rc = sg_load_dna(c, data, len, name, opts, local);
        goto read;
    }
    const char *foreign = foreign_file(data, len);
    if (foreign) {
        rc = sg_load_error(diag, &first, "%s: this file %s", name, foreign);
        rc = rc ? rc : SG_EINVALID;
        goto cleanup;
    }
    /* A byte-order mark is legal UTF-8 but not part of the data. */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (format == SG_FORMAT_AUTO)
        format = sniff(name, data, len, opts);
    if ((rc = side_tables_fit(format, name, opts, diag, &first)))
        goto cleanup;

    /* Step 1: clean JSON takes the single-pass reader, which checks the
     * encoding as it goes; anything it does not accept is examined in full
     * below. */
    if ((rc = fresh_corpus(&c, opts)))
        goto cleanup;
    if (format == SG_FORMAT_JSON && !opts->reference_reader) {
        size_t stop = 0;
        rc = sg_load_json_fast(c, data, len, &stop);
        if (rc < 0)
            goto cleanup;
        if (rc == 0)
            goto read;
        if (len > SG_REFERENCE_READER_LIMIT) {
            size_t line, col;
            position_of(data, stop, &line, &col);
            rc = sg_load_error(diag, &first,
                               "%s:%zu:%zu: not a clean format-1 document "
                               "near byte offset %zu; files over %zu MB are "
                               "checked only this far (split the file to see "
                               "every problem)",
                               name, line, col, stop,
                               SG_REFERENCE_READER_LIMIT >> 20);
            rc = rc ? rc : SG_EINVALID;
            goto cleanup;
        }
        if ((rc = fresh_corpus(&c, opts)))
            goto cleanup;
    }

    /* Step 2: the bytes themselves. */
    size_t valid = sg_utf8_valid_prefix(data, len);
    if (valid < len) {
        size_t line, col;
        position_of(data, valid, &line, &col);
        rc = sg_load_error(diag, &first,
                           "%s:%zu:%zu: invalid UTF-8 (byte 0x%02X at offset "
                           "%zu); save the file as UTF-8",
                           name, line, col, (unsigned char)data[valid], valid);
        rc = rc ? rc : SG_EINVALID;
        goto cleanup;
    }
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        size_t off = (size_t)(nul - data), line, col;
        position_of(data, off, &line, &col);
        rc = sg_load_error(diag, &first,
                           "%s:%zu:%zu: NUL byte at offset %zu (binary file?)",
                           name, line, col, off);
        rc = rc ? rc : SG_EINVALID;
        goto cleanup;
    }

    /* Step 3: the format's reader, collecting every problem. */
    local = diag ? diag : sg_diag_new(1);
    if (!local) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (format == SG_FORMAT_JSON)
        rc = sg_load_json(c, data, len, name, local);
    else if (format == SG_FORMAT_VOTEVIEW)
        rc = load_voteview(c, data, len, name, opts, local);
    else
        rc = sg_load_table(c, data, len, name, format, opts, local);
read:
    if (!local && !(local = diag ? diag : sg_diag_new(1))) {
        rc = sg_seterr(SG_ENOMEM, "out of memory");
        goto cleanup;
    }
    if (rc == 0 && sg_diag_errors(local) > 0)
        rc = SG_EINVALID;
    if (rc == 0 && opts->actor_attributes)
        rc = join_attributes(c, SG_ACTOR, opts->actor_attributes,
                             opts->delimiter, local);
    if (rc == 0 && opts->proposal_attributes)
        rc = join_attributes(c, SG_PROPOSAL, opts->proposal_attributes,
                             opts->delimiter, local);
    if (rc == 0 && opts->group_column && format != SG_FORMAT_DNA_DATABASE)
        rc = group_from_attribute(c, opts->group_column, local);
    /* The first error becomes the library's last error message. */
    if (rc == SG_EINVALID || rc == SG_EUSAGE)
        for (size_t i = 0; i < sg_diag_count(local); i++)
            if (sg_diag_level_at(local, i) == SG_DIAG_ERROR) {
                sg_seterr(rc, "%s", sg_diag_message(local, i));
                break;
            }
    if (rc == 0)
        sg_corpus_set_format(c, format);

cleanup:
    if (local != diag)
        sg_diag_free(local);
    if (rc) {
        sg_corpus_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int sg_corpus_load_buffer(sg_corpus **out, const char *data, size_t len,
                          const char *name, const sg_load_options *opts,
                          sg_diag *diag)
{
    *out = NULL;
    char *copy = malloc(len + 1);
    if (!copy)
        return sg_seterr(SG_ENOMEM, "out of memory");
    memcpy(copy, data, len);
    int rc = load_owned(out, copy, len, name, opts, diag);
    free(copy);
    return rc;
}

int sg_corpus_load(sg_corpus **out, const char *path,
                   const sg_load_options *opts, sg_diag *diag)
{
    *out = NULL;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return sg_seterr_sys(errno, "%s", path);
    /* Regular files are mapped rather than read: the page cache serves the
     * bytes directly, and the mapping costs no heap. */
    struct stat st;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0) {
        size_t len = (size_t)st.st_size;
        void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fileno(f), 0);
        fclose(f);
        if (map == MAP_FAILED)
            return sg_seterr_sys(errno, "%s", path);
        posix_madvise(map, len, POSIX_MADV_SEQUENTIAL);
        int rc = load_owned(out, map, len, name, opts, diag);
        munmap(map, len);
        return rc;
    }
    char *data = NULL;
    size_t len = 0;
    int rc = sg_read_all(f, name, &data, &len);
    if (!is_stdin)
        fclose(f);
    if (rc)
        return rc;
    rc = load_owned(out, data, len, name, opts, diag);
    free(data);
    return rc;
}
