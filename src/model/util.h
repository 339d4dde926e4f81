#ifndef SG_UTIL_H
#define SG_UTIL_H

/* Internal helpers shared by the library's modules: an arena for strings,
 * big-array allocation, a string-keyed hash index, growable arrays and text
 * utilities. Error reporting is model/error.h, which this header includes
 * because every helper that fails sets a message. */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model/error.h"
#include "stancegraph/common.h"

/* splitmix64: a small seeded generator of our own, the same on every
 * platform, that leaves igraph's generator alone. */
static inline uint64_t sg_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Arena: many small strings freed at once. */
typedef struct arena_block arena_block;
typedef struct {
    arena_block *head;
} sg_arena;

/* Ask the kernel to back the 2 MiB-aligned interior of [p, p+n) with huge
 * pages; a no-op for small ranges and where unsupported. */
void sg_advise_huge(void *p, size_t n);
/* malloc and realloc for arrays that may grow big (old_n: the bytes in use
 * at p): from 2 MiB on, the memory is 2 MiB-aligned and huge-page backed.
 * Freed with free(). */
void *sg_alloc_big(size_t n);
void *sg_realloc_big(void *p, size_t old_n, size_t n);

void sg_arena_init(sg_arena *a);
void sg_arena_free(sg_arena *a);
void *sg_arena_alloc(sg_arena *a, size_t n);
/* Copy of s (NULL stays NULL); NULL on allocation failure for non-NULL s. */
char *sg_arena_strdup(sg_arena *a, const char *s);
char *sg_arena_strndup(sg_arena *a, const char *s, size_t n);

/* Open-addressing hash index from strings (not owned: they must outlive the
 * index) to size_t values. */
typedef struct sg_strslot sg_strslot;
typedef struct {
    sg_strslot *slots;
    size_t cap; /* power of two, 0 when empty */
    size_t len;
} sg_strmap;

void sg_strmap_init(sg_strmap *m);
void sg_strmap_free(sg_strmap *m);
/* 1 and *val set when found, 0 otherwise. */
int sg_strmap_get(const sg_strmap *m, const char *key, size_t *val);
/* The same for a key given by pointer and length (need not end in NUL). */
int sg_strmap_getn(const sg_strmap *m, const char *key, size_t len,
                   size_t *val);
/* Insert or replace. 0 or SG_ENOMEM. */
int sg_strmap_put(sg_strmap *m, const char *key, size_t val);
/* Start loading the slot `key` hashes to, for a lookup a little later: a
 * reader that prefetches while it parses the rest of a record hides the
 * cache miss of a big table. No effect on the map. */
void sg_strmap_prefetch(const sg_strmap *m, const char *key, size_t len);
uint64_t sg_hash_bytes(const void *data, size_t len);

/* Grow *arr (elements of `size` bytes) so it holds at least `need`; *cap is
 * updated. 0 or SG_ENOMEM, with a message set. */
int sg_grow(void *arr, size_t *cap, size_t need, size_t size);

/* Copy s into buf for a message, cut on a character boundary with "..."
 * when it does not fit; returns buf. */
const char *sg_shorten(const char *s, char *buf, size_t size);

/* Read a whole stream into a new buffer with a NUL after the data; regular
 * files are sized up front. `name` is used in messages. 0, SG_EIO, SG_ENOMEM
 * or SG_ELIMIT. */
int sg_read_all(FILE *f, const char *name, char **out, size_t *len);

/* Levenshtein distance, capped at `limit` + 1 to stay cheap. */
size_t sg_edit_distance(const char *a, const char *b, size_t limit);

/* Length in bytes of a character XML 1.0 cannot carry at `u` (a control
 * character other than tab, LF and CR, or U+FFFE/U+FFFF in valid UTF-8),
 * its code point into *cp; 0 when the character there is fine. */
size_t sg_xml_forbidden_at(const unsigned char *u, unsigned *cp);

/* How many such characters NUL-terminated `s` holds; the first one's code
 * point into *cp (untouched when none). */
size_t sg_xml_forbidden_count(const char *s, unsigned *cp);

/* Length of the valid UTF-8 prefix of s[0..len); == len when all valid. */
size_t sg_utf8_valid_prefix(const char *s, size_t len);

/* Format a double the shortest way that reads back exactly ("%.17g" fallback)
 * into buf (>= 32 bytes). Never an exponent-free surprise: integers print
 * without a decimal point. */
void sg_format_double(char *buf, size_t size, double x);

#endif
