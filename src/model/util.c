/* Arena, hash index, growable arrays and small text helpers. */
/* MADV_HUGEPAGE is a Linux extension, outside POSIX. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "model/util.h"

/* ---- big allocations ---- */

/* Page faults dominate filling fresh memory on virtual machines (several
 * microseconds per 4 KiB page measured here), and the kernel backs private
 * memory with 2 MiB pages only on request (THP "madvise" mode, Debian's
 * default) and only where a whole aligned 2 MiB lies inside the range. */
#define HUGE_PAGE ((size_t)2 << 20)
#define BIG_ALLOC HUGE_PAGE

void sg_advise_huge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    if (!p || n < BIG_ALLOC)
        return;
    uintptr_t start = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    uintptr_t end = ((uintptr_t)p + n) & ~(HUGE_PAGE - 1);
    if (end > start)
        (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

void *sg_alloc_big(size_t n)
{
    if (n < BIG_ALLOC || n > SIZE_MAX - HUGE_PAGE)
        return malloc(n ? n : 1);
    size_t rounded = (n + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    void *p = aligned_alloc(HUGE_PAGE, rounded);
    sg_advise_huge(p, rounded);
    return p;
}

void *sg_realloc_big(void *p, size_t old_n, size_t n)
{
    if (n < BIG_ALLOC)
        return realloc(p, n ? n : 1);
    /* A copy into fresh aligned memory: realloc's mremap would land the
     * pages at an arbitrary offset and split the huge ones. The copies sum
     * to less than the final size under doubling. */
    void *q = sg_alloc_big(n);
    if (!q)
        return NULL;
    if (p) {
        memcpy(q, p, old_n < n ? old_n : n);
        free(p);
    }
    return q;
}

/* ---- arena ---- */

struct arena_block {
    arena_block *next;
    size_t used, size;
    max_align_t data[];
};

void sg_arena_init(sg_arena *a) { a->head = NULL; }

void sg_arena_free(sg_arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void *sg_arena_alloc(sg_arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    if (n > SIZE_MAX / 2)
        return NULL;
    n = (n + align - 1) / align * align;
    arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        /* Large requests get a block of their own so that the current block's
         * free space is not wasted; ordinary blocks double up to 8 MiB, so a
         * big corpus's text lands in few, huge-page backed blocks. */
        size_t size = 65536;
        if (b)
            size = b->size < ((size_t)4 << 20) ? b->size * 2 : (size_t)8 << 20;
        if (size < 65536)
            size = 65536;
        if (n > 32768)
            size = n;
        arena_block *nb = sg_alloc_big(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->size = size;
        if (b && n > 32768) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

char *sg_arena_strndup(sg_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = sg_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sg_arena_strdup(sg_arena *a, const char *s)
{
    return s ? sg_arena_strndup(a, s, strlen(s)) : NULL;
}

/* ---- hash index ---- */

uint64_t sg_hash_bytes(const void *data, size_t len)
{
    /* FNV-1a: short keys, no adversarial guarantees needed beyond the
     * load-factor bound. */
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    /* MurmurHash3's finalizer: FNV's high bits, which pick the slot, are
     * poorly spread for ids like "p0001".."p5000" (61 probes per insert
     * measured at load 0.6, 1.8 with the finalizer). */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

void sg_strmap_init(sg_strmap *m) { memset(m, 0, sizeof *m); }

void sg_strmap_free(sg_strmap *m)
{
    free(m->slots);
    sg_strmap_init(m);
}

/* A slot holds everything a lookup compares first (hash, length, the first
 * bytes), so a hit on a short id touches one cache line, not the key's
 * string elsewhere on the heap. */
struct sg_strslot {
    const char *key; /* NULL: free */
    size_t val;
    uint32_t hash; /* low half of the 64-bit hash; the rest picks the slot */
    uint32_t len;  /* capped at UINT32_MAX */
    uint64_t head; /* the first 8 bytes of the key, zero-padded */
};

static uint32_t capped_len(size_t len)
{
    return len < UINT32_MAX ? (uint32_t)len : UINT32_MAX;
}

/* The first bytes of a key as the slot stores them, zero-padded. */
static uint64_t key_head(const char *key, size_t len)
{
    uint64_t v = 0;
    memcpy(&v, key, len < sizeof v ? len : sizeof v);
    return v;
}

static size_t slot_of(const sg_strslot *slots, size_t cap, const char *key,
                      size_t len, uint64_t h)
{
    const size_t mask = cap - 1;
    const uint64_t head = key_head(key, len);
    const uint32_t clen = capped_len(len), h32 = (uint32_t)h;
    size_t i = (size_t)(h >> 32) & mask;
    for (;; i = (i + 1) & mask) {
        const sg_strslot *s = &slots[i];
        if (!s->key)
            return i;
        if (s->hash != h32 || s->len != clen || s->head != head)
            continue;
        if (len <= sizeof s->head ||
            (memcmp(s->key + sizeof s->head, key + sizeof s->head,
                    len - sizeof s->head) == 0 &&
             (len < UINT32_MAX || s->key[len] == '\0')))
            return i;
    }
}

int sg_strmap_getn(const sg_strmap *m, const char *key, size_t len,
                   size_t *val)
{
    if (m->cap == 0)
        return 0;
    uint64_t h = sg_hash_bytes(key, len);
    const sg_strslot *s = &m->slots[slot_of(m->slots, m->cap, key, len, h)];
    if (!s->key)
        return 0;
    if (val)
        *val = s->val;
    return 1;
}

void sg_strmap_prefetch(const sg_strmap *m, const char *key, size_t len)
{
#if defined(__GNUC__)
    if (m->cap)
        __builtin_prefetch(
            &m->slots[(size_t)(sg_hash_bytes(key, len) >> 32) & (m->cap - 1)]);
#else
    (void)m;
    (void)key;
    (void)len;
#endif
}

int sg_strmap_get(const sg_strmap *m, const char *key, size_t *val)
{
    return sg_strmap_getn(m, key, strlen(key), val);
}

static int rehash(sg_strmap *m, size_t cap)
{
    /* Lookups land anywhere in the table: from 1 MiB on, it gets huge pages
     * (one TLB entry per 2 MiB) even if that rounds it up. */
    size_t bytes = cap * sizeof(sg_strslot);
    sg_strslot *slots = sg_alloc_big(
        bytes >= HUGE_PAGE / 2 && bytes < HUGE_PAGE ? HUGE_PAGE : bytes);
    if (!slots)
        return sg_seterr(SG_ENOMEM, "out of memory");
    memset(slots, 0, cap * sizeof *slots);
    for (size_t i = 0; i < m->cap; i++) {
        const sg_strslot *s = &m->slots[i];
        if (!s->key)
            continue;
        uint64_t h = sg_hash_bytes(s->key, strlen(s->key));
        size_t j = (size_t)(h >> 32) & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return 0;
}

int sg_strmap_put(sg_strmap *m, const char *key, size_t val)
{
    if ((m->len + 1) * 4 >= m->cap * 3) {
        if (m->cap > SIZE_MAX / 4 / sizeof(sg_strslot))
            return sg_seterr(SG_ENOMEM, "out of memory");
        int rc = rehash(m, m->cap ? m->cap * 2 : 16);
        if (rc)
            return rc;
    }
    size_t len = strlen(key);
    uint64_t h = sg_hash_bytes(key, len);
    sg_strslot *s = &m->slots[slot_of(m->slots, m->cap, key, len, h)];
    if (!s->key) {
        s->key = key;
        s->hash = (uint32_t)h;
        s->len = capped_len(len);
        s->head = key_head(key, len);
        m->len++;
    }
    s->val = val;
    return 0;
}

/* ---- arrays ---- */

int sg_grow(void *arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / size)
            return sg_seterr(SG_ENOMEM, "out of memory");
        ncap *= 2;
    }
    void *p = sg_realloc_big(*(void **)arr, *cap * size, ncap * size);
    if (!p)
        return sg_seterr(SG_ENOMEM, "out of memory");
    *(void **)arr = p;
    *cap = ncap;
    return 0;
}

/* ---- text ---- */

size_t sg_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev + cost;
            if (row[j] + 1 < v)
                v = row[j] + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            prev = cur;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb];
}

size_t sg_xml_forbidden_at(const unsigned char *u, unsigned *cp)
{
    if (u[0] < 0x20 && u[0] != '\t' && u[0] != '\n' && u[0] != '\r') {
        *cp = u[0];
        return 1;
    }
    if (u[0] == 0xEF && u[1] == 0xBF && (u[2] == 0xBE || u[2] == 0xBF)) {
        *cp = u[2] == 0xBE ? 0xFFFE : 0xFFFF;
        return 3;
    }
    return 0;
}

size_t sg_xml_forbidden_count(const char *s, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0, len;
    unsigned c;
    for (size_t i = 0; u[i]; i += len ? len : 1)
        if ((len = sg_xml_forbidden_at(u + i, &c)) && n++ == 0)
            *cp = c;
    return n;
}

size_t sg_utf8_valid_prefix(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + n >= len) /* truncated sequence */
            return i;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* Overlong forms, surrogates and values past U+10FFFF. */
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            return i;
        i += n + 1;
    }
    return len;
}

void sg_format_double(char *buf, size_t size, double x)
{
    if (x == 0) {
        snprintf(buf, size, "0");
        return;
    }
    if (x == (double)(long long)x && fabs(x) < 9.007199254740992e15) {
        snprintf(buf, size, "%lld", (long long)x);
        return;
    }
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

const char *sg_shorten(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s);
    if (n < size - 4) {
        snprintf(buf, size, "%s", s);
        return buf;
    }
    size_t cut = size - 4;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    snprintf(buf, size, "%.*s...", (int)cut, s);
    return buf;
}

int sg_read_all(FILE *f, const char *name, char **out, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (unsigned long long)st.st_size < ((size_t)1 << 40))
        cap = (size_t)st.st_size + 2;
    char *buf = malloc(cap);
    if (!buf)
        return sg_seterr(SG_ENOMEM, "out of memory reading %s", name);
    for (;;) {
        if (cap - n < 2) {
            if (cap > ((size_t)1 << 40)) {
                free(buf);
                return sg_seterr(SG_ELIMIT, "%s: file too large", name);
            }
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                return sg_seterr(SG_ENOMEM, "out of memory reading %s", name);
            }
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        return sg_seterr_sys(e ? e : EIO, "%s", name);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}
